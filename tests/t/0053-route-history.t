#!/bin/sh
# route --train with no file learns from the ledger's history: each routed
# case labelled with its category now, so a re-routing that names a new
# category (route --to --category) or an amendment of the category is a
# correction the model learns from; a case the model itself labelled, and
# nobody corrected, is left out. --dump lists the training set.
. tests/t/lib.sh

org
cat >"$T/cfg.json" <<'JSON'
{"routing": {"min_confidence": 0.2, "rules": [
 {"name": "供暖", "any": ["暖气"], "tier": "street", "set_category": "供暖"},
 {"name": "垃圾", "any": ["垃圾"], "tier": "community", "set_category": "垃圾清运"},
 {"name": "按类别", "category": ["供暖", "供水", "垃圾清运", "垃圾分类", "噪音扰民"], "tier": "community"}]}}
JSON
export MINYI_CONFIG=$T/cfg.json
printf 'ref,received,community,text\n'\
'H1,2026-11-20 10:00,萌山社区,暖气不热家里很冷\n'\
'H2,2026-11-20 10:00,萌山社区,暖气片冰凉没人管\n'\
'G1,2026-11-20 10:00,萌山社区,楼道垃圾堆积好几天了\n'\
'G2,2026-11-20 10:00,萌山社区,垃圾桶满了没人清运\n'\
'W1,2026-11-20 10:00,萌山社区,暖气管道漏水楼下停水了\n'\
'N1,2026-11-20 10:00,萌山社区,半夜有人大声喧哗吵得睡不着\n'\
'X1,2026-11-20 10:00,萌山社区,还没有分派的诉求\n' >"$T/m.csv"
run 0 intake "$T/m.csv"
# A model from a file first, so that case 6 (no rule matches) goes by model.
train_set "$T/train.csv"
run 0 route --train "$T/train.csv"
has "a file's summary names no corrections" "$T/err" "route: model trained on 90 examples, 3 labels"
run 0 route --at "2026-11-20 11:00" 1 2 3 4 5 6
eq "case 5 by rule as 供暖, case 6 by model" "$(sql "SELECT group_concat(category || '/' || \
json_extract(details, '\$.how'), ' ') FROM cases JOIN events ON case_id = cases.id WHERE kind = 'route' \
AND cases.id IN (5, 6)")" "供暖/rule 噪音扰民/model"

# --explain decides a case the model labelled as it came, without the
# model's category: no rule matches, and the model's label shows.
run 0 route --explain 6
sed -n '2,5p' "$T/out" | sed 's/confidence [0-9.]*/confidence C/' >"$T/ex"
same "explain: the model's category set aside, the label and mapping shown" "$T/ex" <<'EOF2'
category given by the model when routed: 噪音扰民
category: -; channel: visit; street: 嘉祥镇街道; community: 萌山社区居民委员会; estate: -
no rule matches (3 rules)
model: label '噪音扰民' with confidence C (minimum 0.20)
EOF2

# Before any correction: cases 1-5 with the rules' categories; 6 (the
# model's own label) and 7 (never routed) are not examples.
run 0 route --train --dump
same "the training set before corrections" "$T/out" <<'TSV'
id	label	corrected
1	供暖	0
2	供暖	0
3	垃圾清运	0
4	垃圾清运	0
5	供暖	0
TSV

# The centre corrects case 5: a water leak, not heating. Case 3 is amended
# by hand to another category. Case 6 is re-routed without a category: the
# model's label stands uncorrected, and stays out.
run 0 route --at "2026-11-20 14:00" --to 县住房和城乡建设局 --category 供水 --reason "管道漏水归供水" 5
eq "the re-routing event names the category" \
    "$(sql "SELECT json_extract(details, '\$.category') FROM events WHERE case_id = 5 AND kind = 'reassign'")" 供水
eq "the case's category is corrected" "$(sql "SELECT category FROM cases WHERE id = 5")" 供水
run 0 intake --at "2026-11-20 14:10" --amend --category 垃圾分类 --note "分类问题" 3
run 0 route --at "2026-11-20 14:20" --to 卧龙山街道 --reason "街道协调" 6
run 0 route --train --dump
same "the training set after: 5 corrected to 供水, 3 amended to 垃圾分类" "$T/out" <<'TSV'
id	label	corrected
1	供暖	0
2	供暖	0
3	垃圾分类	1
4	垃圾清运	0
5	供水	1
TSV
# Now the centre confirms case 6's category by naming it: a correction.
run 0 route --at "2026-11-20 14:30" --to 卧龙山街道 --category 噪音扰民 --reason "确认" 6
run 0 route --train --dump -o csv
has "case 6 counts once its category is named by the centre" "$T/out" "6,噪音扰民,1"

# Training on the history: 6 examples, 5 labels (1 2 -> 供暖; 3 -> 垃圾分类;
# 4 -> 垃圾清运; 5 -> 供水; 6 -> 噪音扰民), 3 of them corrections (3, 5, 6).
run 0 route --at "2026-11-20 15:00" --train
has "the summary counts the corrections" "$T/err" \
    "route: model trained on the ledger's history: 6 examples, 5 labels, 3 of them corrections by the centre"
eq "the train event records them" "$(sql "SELECT json_extract(details, '\$.examples') || '/' || \
json_extract(details, '\$.corrected') FROM events WHERE kind = 'train' ORDER BY id DESC LIMIT 1")" "6/3"
eq "nothing else changed: the dump is read-only" "$(sql "SELECT count(*) FROM events WHERE kind = 'train'")" 2
# One correction alone: the singular.
rm -f "$MINYI_DB"
org
run 0 intake "$T/m.csv"
run 0 route --at "2026-11-20 11:00" 1 2 3 4 5
run 0 route --at "2026-11-20 14:00" --to 县住房和城乡建设局 --category 供水 --reason "漏水" 5
run 0 route -q --train
eq "-q: no summary" "$(cat "$T/err")" ""
run 0 route --train
has "one correction" "$T/err" "5 examples, 3 labels, 1 of them a correction by the centre"

# Refusals.
run 64 route --train --dump "$T/train.csv"
run 64 route --dump
run 64 route --category 供水 1
run 64 route --to 卧龙山街道 --category ' ' --reason x 1
has "an empty category is refused" "$T/err" "route: empty category"
# A case that does not exist and one no longer open are skipped, each with its reason.
run 0 resolve --at "2026-11-20 15:00" --note "已处理" 1
run 1 route --to 卧龙山街道 --reason x 99 1
same "skipped: no such case; not new or open" "$T/err" <<'EOF2'
route: case 99: no such case
route: case 1: not new or open: only those can be re-assigned
route: 0 routed (0 by rule, 0 by model, 0 to the centre for triage), 2 skipped
EOF2
done_testing
