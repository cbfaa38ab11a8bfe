#!/bin/sh
# route: rules, tiers, first handler, deadlines over holidays, triage, re-assignment, model.
. tests/t/lib.sh

org
cat >>"$T/units2.csv" <<'CSV'
code,name,kind,parent,contact,phone
D02,嘉祥县供热公司,department,370829,,
D03,县综合行政执法局,department,370829,,
D04,县公安局,department,370829,,
D05,县水务局,department,370829,,
D06,济宁市生态环境局嘉祥县分局,department,370829,,
D07,县市场监督管理局,department,370829,,
D08,县交通运输局,department,370829,,
CSV
units import "$T/units2.csv" 2>/dev/null
cat >"$T/c.csv" <<'CSV'
ref,received,community,estate,category,text
R1,2026-09-28 09:00,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了
R2,2026-09-28 09:00,萌山社区,祥和苑,,暖气片不热，室温只有十二度
R3,2026-09-28 09:00,祥和社区,书香名邸,,小区门口路边停车占道，人行道走不了
R4,2026-09-28 09:00,祥和社区,,,楼下烧烤店深夜噪音很大
R5,2026-09-28 09:00,,,,门口的树枝挡路了
R6,2026-09-28 09:00,祥和社区,,,没有什么可以归类的内容
R7,2026-09-28 09:00,黄岗村,,路灯,村口路灯不亮
R8,2026-09-28 09:00,萌山社区,金城花园,,楼下广场舞噪音扰民
CSV
run 0 intake "$T/c.csv"
# Routed on the last working day before National Day 2026.
run 0 route --at "2026-09-30 10:00" --pending
cut -f1-8,10 "$T/out" >"$T/got"
same "each case: tier, unit, deadline over National Day, how" "$T/got" <<'X'
id	tier	unit	unit_name	due	category	how	rule	contact
1	community	370829001010	萌山社区居民委员会	2026-10-13 23:59:59	垃圾清运	rule	垃圾清运	马*
2	county	D02	嘉祥县供热公司	2026-10-10 23:59:59	供暖	rule	供暖:词	马*
3	county	D03	县综合行政执法局	2026-10-27 23:59:59	停车管理	rule	占道停车	黄*
4	county	D04	县公安局	2026-10-27 23:59:59	噪音扰民	rule	夜间噪音	
5	county	370829C01	嘉祥县社会治理服务中心	2026-10-27 23:59:59	绿化	triage	community not resolved	
6	county	370829C01	嘉祥县社会治理服务中心	2026-10-27 23:59:59		triage	no rule matched and no model	
7	street	370829002	卧龙山街道	2026-10-20 23:59:59	路灯	rule	路灯	
8	community	370829001010	萌山社区居民委员会	2026-10-13 23:59:59	噪音扰民	rule	噪音:词	马*
X
has "summary" "$T/err" "route: 8 routed (6 by rule, 0 by model, 2 to the centre for triage), 0 skipped"
eq "status open, first handler kept" "$(sql "SELECT status || '|' || (resp_id = first_id) FROM cases WHERE id = 2")" "open|1"
eq "the category the rule set" "$(sql "SELECT category FROM cases WHERE id = 2")" 供暖
eq "the event records the rule and the config hash" "$(sql "SELECT json_extract(details, '\$.rule') || '|'
    || length(json_extract(details, '\$.config')) FROM events WHERE case_id = 3 AND kind = 'route'")" "占道停车|64"
run 0 route --pending
eq "nothing left to route" "$(wc -l <"$T/out")" 1
run 1 route 1
has "a routed case is not routed again" "$T/err" "case 1: open already"

# Spring Festival 2026: 2026-02-14 (Sat) and 2026-02-28 (Sat) are working days.
printf 'ref,received,community,category,text\nS1,2026-02-13 09:00,萌山社区,垃圾清运,垃圾\n'\
'S2,2026-02-13 09:00,萌山社区,垃圾清运,垃圾\nS3,2026-02-13 09:00,萌山社区,垃圾清运,垃圾\n' >"$T/s.csv"
intake --at "2026-02-13 09:00" "$T/s.csv" >/dev/null 2>&1
run 0 route --at "2026-02-13 16:00" 9
eq "5 working days from Fri 13 Feb: Sat 14 (make-up), then 24-27 Feb after the holiday" "$(tail -1 "$T/out" | cut -f5)" "2026-02-27 23:59:59"
run 0 route --at "2026-02-15 11:00" 10
eq "routed on a holiday: counting starts on the next working day" "$(tail -1 "$T/out" | cut -f5)" "2026-02-28 23:59:59"
run 0 route --at "2026-02-14 11:00" 11
eq "routed on the make-up Saturday 14 Feb: 24-27 Feb and the make-up Saturday 28 Feb" "$(tail -1 "$T/out" | cut -f5)" "2026-02-28 23:59:59"

# Dry run and the case stream from ledger.
intake --text "小区垃圾分类桶不够" --community 萌山社区 --received "2026-11-20 10:00" >/dev/null 2>&1
ledger --status new >"$T/new"
run 0 route --dry-run <"$T/new"
has "dry run decides" "$T/out" "垃圾分类:词"
eq "and writes nothing" "$(sql "SELECT status FROM cases WHERE id = 12")" new
run 0 route <"$T/new"
eq "the case stream from ledger routes" "$(sql "SELECT status FROM cases WHERE id = 12")" open

# Explain.
run 0 route --explain 3
has "explain names the rule and the words found" "$T/out" "rule 1 '占道停车' matches: keyword '路边停车'; keyword '停车'; \
keyword '占道'; keyword '人行道';"
has "explain gives the decision" "$T/out" "decision: county by rule '占道停车' -> D03 县综合行政执法局"
run 65 route --explain 999

# Re-assignment keeps the first handler.
run 0 route --to 卧龙山街道 --reason "涉及两个社区，需街道协调" 1
eq "re-assigned to the street" "$(tail -1 "$T/out" | cut -f2,3,7)" "$(printf 'street\t370829002\tmanual')"
eq "first handler stays" "$(sql "SELECT (SELECT code FROM units WHERE id = first_id) || '>' || (SELECT code FROM units WHERE id = resp_id)
    FROM cases WHERE id = 1")" "370829001010>370829002"
eq "the event says who and why" "$(sql "SELECT operator || '|' || json_extract(details, '\$.reason') || '|' || json_extract(details, '\$.from')
    FROM events WHERE case_id = 1 AND kind = 'reassign'")" "tester|涉及两个社区，需街道协调|370829001010"
run 64 route --to 不存在单位 --reason x 1
run 64 route --to 卧龙山街道 1

# Rules from a config: keywords any/all/none, channel, community; first match wins.
cat >"$T/cfg.json" <<'JSON'
{"routing": {"min_confidence": 0.2, "rules": [
 {"name": "地下室", "any": ["地下室"], "none": ["车库"], "tier": "street"},
 {"name": "两词", "all": ["电梯", "停运"], "department": "住房和城乡建设局"},
 {"name": "议事厅", "channel": ["hall"], "community": ["祥和社区"], "tier": "community", "set_category": "议事"},
 {"name": "兜底", "category": ["其他"], "unit": "D08", "days": 2}
]}}
JSON
printf 'ref,channel,received,community,category,text\nC1,visit,2026-11-20 10:00,萌山社区,,地下室进水\n'\
'C2,visit,2026-11-20 10:00,萌山社区,,地下室车库进水\nC3,visit,2026-11-20 10:00,萌山社区,,电梯停运三天\n'\
'C4,visit,2026-11-20 10:00,萌山社区,,电梯异响\nC5,hall,2026-11-20 10:00,祥和社区,,商量事情\n'\
'C6,visit,2026-11-20 10:00,萌山社区,其他,别的事\n' >"$T/k.csv"
intake "$T/k.csv" >"$T/k.new" 2>/dev/null
run 0 route -c "$T/cfg.json" <"$T/k.new"
cut -f2,3,6,8 "$T/out" | tail -n +2 >"$T/got"
same "any, none, all, channel and community, category, unit and days" "$T/got" <<'X'
street	370829001		地下室
county	370829C01		no rule matched and no model
county	D01		两词
county	370829C01		no rule matched and no model
community	370829001013	议事	议事厅
county	D08	其他	兜底
X
eq "a rule's days" "$(tail -1 "$T/out" | cut -f5)" "2026-11-30 23:59:59"
# The same channel rule over the cases still pending: each case's channel read.
printf 'ref,channel,received,community,category,text\nC7,hall,2026-11-20 10:00,祥和社区,,再商量事情\n' >"$T/k7.csv"
run 0 intake "$T/k7.csv"
c7=$(sql "SELECT id FROM cases WHERE ref = 'C7'")
run 0 route -c "$T/cfg.json" --pending
eq "--pending: the channel rule" "$(awk -F'\t' -v id="$c7" '$1 == id' "$T/out" | cut -f2,3,6,8)" \
    "$(printf 'community\t370829001013\t议事\t议事厅')"

# The model: trained on labelled examples, it decides when no rule matches.
train_set "$T/train.csv"
run 0 route --train "$T/train.csv"
has "trained" "$T/err" "model trained on 90 examples, 3 labels"
eq "stored with its size" "$(sql "SELECT examples FROM models")" 90
printf 'ref,received,community,text\nM1,2026-11-20 10:00,萌山社区,楼道垃圾堆积好几天了\n' >"$T/m.csv"
intake "$T/m.csv" >"$T/m.new" 2>/dev/null
run 0 route -c "$T/cfg.json" <"$T/m.new"
eq "no rule matched: the model names the category, the rules place it" "$(tail -1 "$T/out" | cut -f6,7)" "$(printf '垃圾清运\ttriage')"
run 0 route --evaluate "$T/train.csv"
has "evaluation prints accuracy" "$T/out" "$(printf 'accuracy\t1.0000')"
has "and a confusion matrix" "$T/out" "$(printf 'truth/predicted\t供暖\t噪音扰民\t垃圾清运')"
run 0 route --evaluate --folds 3 "$T/train.csv"
has "cross-validation" "$T/out" "$(printf 'folds\t3')"
if [ -f "$MINYI_SHARED/messages/tipdm_train.csv" ]; then
	run 0 route -o csv --evaluate --folds 5 "$MINYI_SHARED/messages/tipdm_train.csv"
	acc=$(grep '^accuracy' "$T/out" | cut -d, -f2 | tr -d '\r')
	if awk -v a="$acc" 'BEGIN { exit !(a >= 0.85) }'; then
		pass "5-fold accuracy on real messages $acc >= 0.85"
	else
		fail "5-fold accuracy on real messages $acc < 0.85"
	fi
else
	skip "labelled messages not present"
fi
# A dry run that shows contacts in clear writes nothing but the reveal.
printf 'ref,received,community,estate,category,text\nDR1,2026-11-20 10:00,萌山社区,祥和苑,垃圾清运,楼下垃圾桶满了\n' >"$T/dr.csv"
id=$(intake "$T/dr.csv" 2>/dev/null | awk -F'\t' 'NR == 2 { print $1 }')
last=$(sql "SELECT max(id) FROM events")
run 0 route --dry-run --reveal "$id"
eq "the contact in clear" "$(tail -1 "$T/out" | cut -f10)" 马超
eq "the case is still new" "$(sql "SELECT status FROM cases WHERE id = $id")" new
eq "one event more, the reveal of that case" "$(sql "SELECT group_concat(case_id || ' ' || kind) FROM events WHERE id > $last")" "$id reveal"

# route --pending writes its cases in chunks of 32 in one statement; routing
# the same cases one id at a time must leave exactly the same ledger: the
# same rows, the same events, the same hash chain (5,000 cases: many chunks,
# several commits, and a part-chunk at the end).
G=$TOP/scripts/gen-data
"$G" units --seed 11 >"$T/gu.csv"
"$G" people --seed 11 >"$T/gp.csv"
"$G" cases 5000 --seed 11 --from 2026-10-01 --days 30 >"$T/gc.csv"
for d in chunked single; do
	MINYI_DB=$T/$d.db units import "$T/gu.csv" "$T/gp.csv" >/dev/null 2>&1
	MINYI_DB=$T/$d.db intake "$T/gc.csv" >"$T/$d.ids" 2>/dev/null
done
MINYI_DB=$T/chunked.db run 0 route --at "2026-11-02 10:00" --pending
cp "$T/out" "$T/chunked.out"
MINYI_DB=$T/single.db run 0 route --at "2026-11-02 10:00" <"$T/single.ids"
eq "both ways route every case" "$(sqlite3 "$T/chunked.db" "SELECT count(*) FROM cases WHERE status = 'open'")" 5000
same "the same case stream" "$T/chunked.out" <"$T/out"
for q in "SELECT * FROM cases ORDER BY id" "SELECT * FROM events ORDER BY id"; do
	sqlite3 "$T/single.db" "$q" >"$T/single.rows"
	sqlite3 "$T/chunked.db" "$q" >"$T/chunked.rows"
	same "the same rows: $q" "$T/chunked.rows" <"$T/single.rows"
done
MINYI_DB=$T/chunked.db run 0 ledger verify
done_testing
