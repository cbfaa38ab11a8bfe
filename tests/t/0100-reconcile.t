#!/bin/sh
# reconcile: the hotline against the ledger: each normalisation, each outcome,
# re-import, updates, deductions, --intake-missed, GB18030, the other layouts,
# --explain, --missed, --evaluate, and the matching on generated data.
. tests/t/lib.sh

org
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,address,street,community,estate,category,text,collector,unit
T1,visit,2026-10-10 10:00,张伟,13812345678,萌山社区祥和苑3号楼2单元502,嘉祥镇街道,萌山社区,祥和苑,垃圾清运,3号楼东侧垃圾桶满溢无人清运，已经三天了，气味很大，希望尽快处理。,许褚,370829001010
T2,visit,2026-10-11 15:00,李娜,13912345678,书香名邸5号楼1单元301,嘉祥镇街道,祥和社区,书香名邸,停车管理,楼下经常有车堵在消防通道上，救护车进不来，希望物业加强管理。,,
T3,hall,2026-10-12 09:30,王芳,13700001111,祥和苑7号楼1单元201,嘉祥镇街道,萌山社区,祥和苑,公共设施,7号楼楼道声控灯不亮，晚上上下楼看不见，老人摔过一跤，请尽快修理。,,
T4,visit,2026-10-13 10:00,赵强,0537-2345678,黄岗村东街15号,卧龙山街道,黄岗村,,路灯,村口的路灯坏了半个月，晚上黑乎乎的，走夜路不安全。,,
T5,visit,2026-10-20 10:00,孙丽,13600002222,金城花园2号楼1单元101,嘉祥镇街道,萌山社区,金城花园,绿化,2号楼前面的树太高遮挡阳光，低楼层采光不好，希望修剪一下。,,
CSV
run 0 intake "$T/c.csv"

# A 12345 export: G001 repeats T1 (+86-less phone, 嘉祥县 and the street in
# front, 三号楼 and 二单元, the operator's words); G002 repeats T2 (+86 and
# spaces, full-width digits, no columns for the place); G003 repeats T3 from
# another phone, without the estate; G007 calls again about T1 (0086); G008
# repeats T4 (a landline without its dash). G004 and G009 were never
# collected; G005 is in another county (with an estate name of ours), G006
# nowhere; G010 has no text.
cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G001,2026-10-12 08:10:00,13812345678,张伟,嘉祥县嘉祥镇街道萌山社区祥和苑三号楼二单元502室,嘉祥镇街道,萌山社区居民委员会,城市管理/垃圾清运,市民来电反映：三号楼东侧垃圾箱满溢无人清运，已经三天了，味道很大，请相关部门核实处理。
G002,2026-10-14 19:20:00,+86 139 1234 5678,李女士,书香名邸５号楼１单元３０１,,,交通管理/停车管理,来电人反映：楼下经常有车堵在消防通道上，救护车根本进不来，希望物业加强管理。
G003,2026-10-15 11:00:00,15000003333,王芳,萌山社区七号楼1单元201,嘉祥镇街道,,城乡建设/公共设施维护,来电人称：其居住的七号楼楼道声控灯不亮，晚上上下楼看不见，老人摔过一跤，诉求：请尽快维修。
G004,2026-10-16 14:00:00,18800004444,周杰,金城花园9号楼3单元902,嘉祥镇街道,萌山社区,住房保障/物业管理,市民来电反映：物业费突然上涨没有征求业主意见，业主意见很大，希望社区协调。
G005,2026-10-17 09:00:00,18900005555,吴敏,济宁市任城区古槐街道祥和苑1号楼,古槐街道,,城市管理/垃圾清运,市民反映：小区垃圾桶满了没人清运。
G006,2026-10-18 10:00:00,17700006666,匿名,不详,,,其他,来电人反映：有人在路边乱倒建筑垃圾。
G007,2026-10-19 20:00:00,008613812345678,张先生,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,来电反映：3号楼东侧垃圾桶又满了，还是没人清运，气味很大，希望尽快处理。
G008,2026-10-21 16:30:00,05372345678,赵强,卧龙山街道黄岗村东街15号,卧龙山街道,黄岗村,城市管理/路灯照明,村口的路灯坏了半个月，晚上走夜路不安全，请尽快修好。
G009,2026-10-22 08:00:00,13300007777,钱进,黄岗村西街3号,卧龙山街道,黄岗村,城乡建设/供水,群众来电反映：村里自来水每天只供几个小时，老人吃水困难。
G010,2026-10-23 08:00:00,13300008888,郑好,萌山社区金城花园1号楼,,,城市管理/垃圾清运,
CSV
cp "$MINYI_DB" "$T/before.db"
run 1 reconcile "$T/h.csv"
cut -f1-5,7-11,13 "$T/out" >"$T/got"
same "each record's outcome" "$T/got" <<'X'
id	hotline	ticket	outcome	score	phone	street	community	estate	category	note
1	1	G001	matched	24.50	138****5678	嘉祥镇街道	萌山社区居民委员会	祥和苑	垃圾清运	
2	2	G002	matched	25.00	139****5678	嘉祥镇街道	祥和社区居民委员会	书香名邸	停车管理	
3	3	G003	matched	20.50	150****3333	嘉祥镇街道	萌山社区居民委员会		公共设施	
	4	G004	missed		188****4444	嘉祥镇街道	萌山社区居民委员会	金城花园	物业服务	2 points to 370829001010
	5	G005	outside		189****5555				垃圾清运	address in 任城区
	6	G006	outside		177****6666				垃圾清运	no place of ours found
1	7	G007	matched	12.00	138****5678	嘉祥镇街道	萌山社区居民委员会	祥和苑	垃圾清运	
4	8	G008	matched	18.00	053****5678	卧龙山街道	黄岗村委会		路灯	
	9	G009	missed		133****7777	卧龙山街道	黄岗村委会		供水	2 points to 370829002200
X
sed "s|$T/||" "$T/err" >"$T/got"
same "the counts, and the record without text" "$T/got" <<'X'
h.csv:11: no demand text
reconcile: 5 matched, 2 missed, 2 outside; 0 unchanged, 1 rejected
X
eq "stored by ticket, outside ones too" "$(sql "SELECT count(*) || '|' || sum(outcome = 'outside') FROM hotline")" "9|2"
eq "phones stored normalised" "$(sql "SELECT group_concat(phone, ' ') FROM hotline WHERE ticket IN ('G002', 'G007', 'G008')")" "13912345678 13812345678 0537-2345678"
eq "why a record is outside" "$(sql "SELECT note FROM hotline WHERE ticket = 'G005'")" "address in 任城区"

# What a match does to the case: the calls counted, the watch set, an event.
eq "calls counted" "$(sql "SELECT group_concat(id || ':' || hotline_hits, ' ') FROM cases")" "1:2 2:1 3:1 4:1 5:0"
eq "watch and updated set to now" "$(sql "SELECT count(*) FROM cases WHERE watch = $(date -d '2026-11-26 09:00' +%s) AND updated = watch")" 4
eq "one event for the case, naming both calls" "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 1 AND kind = 'hotline'")" \
    'tester|{"matched":[{"ticket":"G001","hotline":1,"score":24.5},{"ticket":"G007","hotline":7,"score":12}],"hits":2}'
run 0 ledger verify

# What a miss costs: double points, to the community and the estate's cadre.
eq "deductions" "$(sql "SELECT group_concat(d.month || ' ' || u.code || ' ' || coalesce(p.name, '-') || ' ' || d.points || ' ' || d.reason, '; ') FROM deductions d JOIN units u ON u.id = d.unit_id LEFT JOIN people p ON p.id = d.person_id")" \
    "2026-10 370829001010 马超 2.0 hotline ticket G004; 2026-10 370829002200 - 2.0 hotline ticket G009"

# The same export again changes nothing.
sql "SELECT count(*) FROM events" >"$T/nev"
run 1 reconcile "$T/h.csv"
has "nothing new" "$T/err" "reconcile: 0 matched, 0 missed, 0 outside; 9 unchanged, 1 rejected"
eq "no output but the header" "$(wc -l <"$T/out")" 1
eq "no event" "$(sql "SELECT count(*) FROM events")" "$(cat "$T/nev")"

# A later export updates tickets: G004 turns out to be T5's demand (its
# deduction goes), G007 is about another estate in November (T1 loses a
# call; a deduction for November), G001's wording changes (still T1).
cat >"$T/h2.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G001,2026-10-12 08:10:00,13812345678,张伟,嘉祥县嘉祥镇街道萌山社区祥和苑三号楼二单元502室,嘉祥镇街道,萌山社区居民委员会,城市管理/垃圾清运,市民来电反映：三号楼东侧垃圾箱满溢无人清运，已经三天了，味道很大，请尽快处理。
G004,2026-10-21 14:00:00,13600002222,孙丽,金城花园2号楼1单元101,嘉祥镇街道,萌山社区,城乡建设/园林绿化,市民来电反映：2号楼前面的树太高，遮挡阳光，低楼层采光不好，希望修剪。
G007,2026-11-02 20:00:00,13511112222,钱多,书香名邸8号楼,嘉祥镇街道,祥和社区,城市管理/垃圾清运,来电反映：8号楼门口大件垃圾堆了一个星期没人清运。
CSV
run 0 reconcile "$T/h2.csv"
cut -f1-4 "$T/out" >"$T/got"
same "updated tickets are reconciled again" "$T/got" <<'X'
id	hotline	ticket	outcome
1	1	G001	matched
5	4	G004	matched
	7	G007	missed
X
has "counts" "$T/err" "reconcile: 2 matched, 1 missed, 0 outside; 0 unchanged, 0 rejected"
eq "calls counted again" "$(sql "SELECT group_concat(id || ':' || hotline_hits, ' ') FROM cases")" "1:1 2:1 3:1 4:1 5:1"
eq "the case that lost a call says so" "$(sql "SELECT details FROM events WHERE case_id = 1 AND kind = 'hotline' ORDER BY id DESC LIMIT 1")" '{"unmatched":[{"ticket":"G007","hotline":7}],"hits":1}'
eq "G001 kept its case: no event for it" "$(sql "SELECT count(*) FROM events WHERE kind = 'hotline' AND details LIKE '%G001%'")" 1
eq "deductions follow" "$(sql "SELECT group_concat(h.ticket || ' ' || d.month || ' ' || u.code || ' ' || coalesce(p.name, '-'), '; ') FROM deductions d JOIN hotline h ON h.id = d.hotline_id JOIN units u ON u.id = d.unit_id LEFT JOIN people p ON p.id = d.person_id ORDER BY h.ticket")" \
    "G009 2026-10 370829002200 -; G007 2026-11 370829001013 黄忠"
run 0 ledger verify

# The month's misses by unit, as ops read them.
run 0 reconcile --missed --month 2026-10
same "a month's misses" "$T/out" <<'X'
month	unit	unit_name	person	ticket	received	points	case	text
2026-10	370829002200	黄岗村委会		G009	2026-10-22 08:00:00	2.0		群众来电反映：村里自来水每天只供几个小时，老人吃水困难。
X
run 0 reconcile --missed --by unit
same "counted by unit" "$T/out" <<'X'
month	unit	unit_name	misses	points
2026-10	370829002200	黄岗村委会	1	2.0
2026-11	370829001013	祥和社区居民委员会	1	2.0
X
run 0 reconcile --missed --month 2026/11 --by person --reveal
same "by person, revealed" "$T/out" <<'X'
month	person	unit	misses	points
2026-11	黄忠	370829001	1	2.0
X
eq "the reveal is recorded" "$(sql "SELECT kind || '|' || json_extract(details, '\$.what') FROM events WHERE case_id IS NULL ORDER BY id DESC LIMIT 1")" "reveal|missed records"
run 64 reconcile --missed --by colour
run 64 reconcile --month 2026-10
run 64 reconcile --missed --month 2026-13

# --explain: the candidates and each feature's part.
run 0 reconcile --explain G003
has "the record" "$T/out" "hotline 3, ticket G003, received 2026-10-15 11:00:00: matched case 3 (score 20.50)"
has "its place, found from the community and the house" "$T/out" "place: 嘉祥镇街道 / 萌山社区居民委员会 / -; building 7, unit 1, room 201"
has "its words, without the operator's" "$T/out" "words: 7号楼楼道声控灯不亮 晚上上下楼看不见 老人摔过一跤 请尽快维修"
has "a candidate" "$T/out" "case 3 (hall T3, received 2026-10-12 09:30:00): score 20.50"
has "phone" "$T/out" "  phone      disagree                 -2.00"
has "name" "$T/out" "  name       agree                    +5.00"
has "place" "$T/out" "  place      room                     +7.00"
has "text" "$T/out" "  text       0.92 similar             +7.00"
has "decision" "$T/out" "decision now: matched case 3 (score 20.50 >= threshold 6.00)"
run 0 reconcile --explain 5
has "by id too" "$T/out" "decision now: outside (no candidate, 0.00 < threshold 6.00)"
run 65 reconcile --explain G999

# --dry-run decides and writes nothing; --strict takes all or nothing.
cp "$T/before.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
run 1 reconcile --dry-run "$T/h.csv"
has "the dry run says so" "$T/err" "reconcile: (dry run) 5 matched, 2 missed, 2 outside; 0 unchanged, 1 rejected"
eq "and writes nothing" "$(sql "SELECT (SELECT count(*) FROM hotline) + (SELECT count(*) FROM deductions) + (SELECT sum(hotline_hits) FROM cases)")" 0
run 65 reconcile --strict "$T/h.csv"
has "strict names the line" "$T/err" "h.csv:11: no demand text (--strict: nothing written)"
eq "nothing written" "$(sql "SELECT count(*) FROM hotline")" 0

# --intake-missed puts the missed demands in the ledger, once.
grep -v G010 "$T/h.csv" >"$T/h9.csv"
run 0 reconcile --intake-missed --rejects "$T/rej.csv" "$T/h9.csv"
cut -f1,3,4 "$T/out" | grep missed >"$T/got"
same "the new cases head the missed records" "$T/got" <<'X'
6	G004	missed
7	G009	missed
X
has "counted" "$T/err" "reconcile: 5 matched, 2 missed, 2 outside; 0 unchanged, 0 rejected; 2 cases added"
eq "as hotline cases, by ticket, in our categories" "$(sql "SELECT group_concat(channel || ' ' || ref || ' ' || category || ' ' || status, '; ') FROM cases WHERE id > 5")" "hotline G004 物业服务 new; hotline G009 供水 new"
eq "with an intake event" "$(sql "SELECT json_extract(details, '\$.ticket') || '|' || json_extract(details, '\$.tool') FROM events WHERE case_id = 7 AND kind = 'intake'")" "G009|reconcile"
eq "linked from the record" "$(sql "SELECT case_id FROM hotline WHERE ticket = 'G009'")" 7
eq "and still a miss" "$(sql "SELECT count(*) FROM deductions")" 2
eq "no rejects file content" "$(wc -l <"$T/rej.csv")" 0
run 0 reconcile --intake-missed "$T/h9.csv"
eq "not made twice" "$(sql "SELECT count(*) FROM cases")" 7
run 0 ledger verify
cat >"$T/h3.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G011,2026-10-26 09:00:00,13300007777,钱进,黄岗村西街3号,卧龙山街道,黄岗村,城乡建设/供水,来电反映：村里自来水每天只供几个小时，老人吃水困难，请尽快解决。
CSV
run 0 reconcile "$T/h3.csv"
eq "a later call about a missed demand repeats its case" "$(cut -f1,4 "$T/out" | tail -1)" "$(printf '7\tmatched')"
run 0 route 6 7
eq "and the cases made go down the pipeline" "$(sql "SELECT group_concat(status, ' ') FROM cases WHERE id > 5")" "open open"

# GB18030, as government systems export: the same outcomes.
cp "$T/before.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
iconv -f utf-8 -t gb18030 "$T/h9.csv" >"$T/h-gb.csv"
run 0 reconcile "$T/h-gb.csv"
cut -f1-4 "$T/out" >"$T/got"
same "a GB18030 export" "$T/got" <<'X'
id	hotline	ticket	outcome
1	1	G001	matched
2	2	G002	matched
3	3	G003	matched
	4	G004	missed
	5	G005	outside
	6	G006	outside
1	7	G007	matched
4	8	G008	matched
	9	G009	missed
X
eq "its text in UTF-8" "$(sql "SELECT text FROM hotline WHERE ticket = 'G009'")" "群众来电反映：村里自来水每天只供几个小时，老人吃水困难。"

# The other layouts intake knows: NYC 311 and Open311 (none of them ours).
printf 'Unique Key,Created Date,Incident Address,Borough,Complaint Type,Descriptor\n59893919,10/01/2026 09:15:00 AM,100 BROADWAY,MANHATTAN,Noise,Loud Music/Party\n' >"$T/nyc.csv"
printf '[{"service_request_id":"638344","requested_datetime":"2026-10-02T10:00:00-04:00","address":"1 Main St","service_name":"Pothole","description":"Pothole on Main St"}]\n' >"$T/o311.json"
run 0 reconcile "$T/nyc.csv" "$T/o311.json"
cut -f3,4,13 "$T/out" >"$T/got"
same "311 records are outside" "$T/got" <<'X'
ticket	outcome	note
59893919	outside	street 'MANHATTAN' not ours
638344	outside	no place of ours found
X
printf 'a,b\n1,2\n' >"$T/junk.csv"
run 65 reconcile "$T/junk.csv" "$T/h3.csv"
has "a file of no known layout is named" "$T/err" "junk.csv:1: no known layout: no column holds the demand text"
has "and the others are read" "$T/err" "reconcile: 0 matched, 1 missed, 0 outside"
run 66 reconcile "$T/none.csv"

# The config: the deduction to the estate, other points, a bad value.
cp "$T/before.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
echo '{"reconcile": {"charge": "estate", "points": 1.5, "multiplier": 3}}' >"$T/est.json"
run 0 reconcile -c "$T/est.json" "$T/h9.csv"
eq "charged to the estate" "$(sql "SELECT group_concat(u.code || ' ' || d.points, '; ') FROM deductions d JOIN units u ON u.id = d.unit_id")" "370829001010-E02 4.5; 370829002200 4.5"
echo '{"reconcile": {"charge": "street"}}' >"$T/bad.json"
run 78 reconcile -c "$T/bad.json" "$T/h9.csv"
has "names the key" "$T/err" "'reconcile.charge': expected community or estate, found 'street'"
echo '{"reconcile": {"weights": {"days": [{"within": 7, "weight": 1}, {"within": 3, "weight": 2}]}}}' >"$T/bad.json"
run 78 reconcile -c "$T/bad.json" "$T/h9.csv"
has "bins in order" "$T/err" "'reconcile.weights.days[1]': expected within (0 to 36500, rising) and weight"

# --evaluate against a truth file.
printf 'ticket,ref\nG001,T1\nG002,T2\nG003,T3\nG004,T5\nG005,\nG008,T4\nG009,\nG404,\n' >"$T/truth.csv"
run 0 reconcile -o table --evaluate "$T/truth.csv"
same "scores and errors" "$T/out" <<'X'
metric         value
records            7
true_matches       5
matched            4
correct            4
precision     1.0000
recall        0.8000
f1            0.8889
not_imported       1

ticket  error        truth  matched  score
G004    not matched  T5
X
run 66 reconcile --evaluate "$T/none.csv"
printf 'a,b\n1,2\n' >"$T/notruth.csv"
run 65 reconcile --evaluate "$T/notruth.csv"

# On generated data: a ledger, a hotline export that repeats part of it with
# the noise of real exports, and its truth.
G=$TOP/scripts/gen-data
export MINYI_DB=$T/gen.db
"$G" units --seed 11 >"$T/gu.csv"
"$G" people --seed 11 >"$T/gp.csv"
"$G" cases 4000 --seed 11 --days 120 >"$T/gc.csv"
"$G" hotline 2000 --seed 11 --days 120 --cases 4000 --truth "$T/gt.csv" >"$T/gh.csv"
units import "$T/gu.csv" "$T/gp.csv" >/dev/null 2>&1
intake "$T/gc.csv" >/dev/null 2>&1
run 0 reconcile "$T/gh.csv"
run 0 reconcile -o csv --evaluate "$T/gt.csv"
p=$(awk -F, '$1 == "precision" { print $2 }' "$T/out")
r=$(awk -F, '$1 == "recall" { print $2 }' "$T/out")
if awk -v p="$p" -v r="$r" 'BEGIN { exit !(p >= 0.99 && r >= 0.97) }'; then
	pass "generated data: precision $p >= 0.99, recall $r >= 0.97"
else
	fail "generated data: precision $p >= 0.99, recall $r >= 0.97"
fi
run 0 ledger verify
done_testing
