#!/bin/sh
# route --evaluate on a file with a unit column: besides the label accuracy,
# routing accuracy, the share of texts that the rules and the model send
# to the unit named (by code or name), each placed in its community.
. tests/t/lib.sh

org
train_set "$T/train.csv"
run 0 route --train "$T/train.csv"
# 供暖 goes to the department by a rule; 垃圾清运 to the community it
# happens in; 噪音扰民 is mapped straight to a street.
cat >"$T/cfg.json" <<'JSON'
{"routing": {"min_confidence": 0.2,
 "labels": {"噪音扰民": {"unit": "卧龙山街道", "category": "噪音"}},
 "rules": [{"name": "供暖", "category": ["供暖"], "department": "住房和城乡建设局"},
  {"name": "垃圾", "category": ["垃圾清运"], "tier": "community"}]}}
JSON
export MINYI_CONFIG=$T/cfg.json
# Six texts: 1 heating to D01 (right); 2 garbage in 萌山社区 to its
# committee (right, by code); 3 garbage in 祥和社区 named as 萌山's
# committee (wrong unit); 4 noise to 卧龙山街道 (right); 5 noise said to
# belong to 嘉祥镇街道 (wrong); 6 no unit: not scored for routing.
# Routing accuracy 3 / 5 = 0.6000; every label right: accuracy 1.0000.
cat >"$T/eval.csv" <<'CSV'
text,label,unit,community
暖气不热家里很冷,供暖,县住房和城乡建设局,
楼道里垃圾堆着没人清运,垃圾清运,370829001010,萌山社区
楼道里垃圾堆着没人清运,垃圾清运,萌山社区居民委员会,祥和社区
半夜有人大声喧哗吵得睡不着,噪音扰民,卧龙山街道,
半夜有人大声喧哗吵得睡不着,噪音扰民,嘉祥镇街道,
暖气不热家里很冷,供暖,,
CSV
run 0 route --evaluate "$T/eval.csv"
same "label and routing accuracy" "$T/out" <<'TSV'
metric	value
examples	6
accuracy	1.0000
macro_f1	1.0000
folds	0
unit_examples	5
unit_accuracy	0.6000

truth/predicted	供暖	噪音扰民	垃圾清运
供暖	2	0	0
噪音扰民	0	2	0
垃圾清运	0	0	2
TSV
# A unit no unit answers to is a miss, not an error: 2 of 5 now (the
# street is misspelt, and 3 stays wrong).
sed 's/,卧龙山街道,/,不存在的单位,/' "$T/eval.csv" >"$T/eval2.csv"
run 0 route -o csv --evaluate "$T/eval2.csv"
has "an unknown unit is a miss" "$T/out" "unit_accuracy,0.4000"
# The place column may name a street: a street-tier rule sends the text
# there; a community's text goes to the community's street.
cat >"$T/street.json" <<'JSON'
{"routing": {"min_confidence": 0.2, "rules": [{"name": "垃圾", "category": ["垃圾清运"], "tier": "street"}]}}
JSON
printf 'text,label,unit,community\n%s\n%s\n' 楼道里垃圾堆着没人清运,垃圾清运,卧龙山街道,卧龙山街道 \
    楼道里垃圾堆着没人清运,垃圾清运,嘉祥镇街道,萌山社区 >"$T/street.csv"
run 0 route -c "$T/street.json" -o csv --evaluate "$T/street.csv"
has "a street named in the place column" "$T/out" "unit_accuracy,1.0000"
# Without a unit column, no routing lines.
cut -d, -f1,2 "$T/eval.csv" >"$T/plain.csv"
run 0 route --evaluate "$T/plain.csv"
eq "no unit column: no routing accuracy" "$(grep -c '^unit_' "$T/out")" 0
# Cross-validation scores labels only: a fold's model is not the stored one.
run 0 route --evaluate --folds 2 "$T/eval.csv"
eq "--folds: no routing accuracy" "$(grep -c '^unit_' "$T/out")" 0
done_testing
