#!/bin/sh
# route with a model: the confidence recorded in the route event, rounded
# to three decimals, and a rule that needs none of the model.
. tests/t/lib.sh

org
train_set "$T/train.csv"
run 0 route --train "$T/train.csv"
echo '{"routing": {"min_confidence": 0.2, "rules": [{"name": "路灯", "any": ["路灯"], "tier": "street"}]}}' >"$T/cfg.json"
printf 'ref,received,community,text\nM1,2026-11-20 10:00,萌山社区,楼道垃圾堆积好几天了\n'\
'M2,2026-11-20 10:00,萌山社区,路灯坏了\n' >"$T/m.csv"
run 0 intake "$T/m.csv"
run 0 route -c "$T/cfg.json" --at "2026-11-20 11:00" 1 2
ev() { sql "SELECT json_extract(details, '\$.$2') FROM events WHERE case_id = $1 AND kind = 'route'"; }
c=$(ev 1 confidence)
eq "the model's confidence: in (0, 1), three decimals at most ($c)" "$(echo "$c" | grep -cE '^0\.[0-9]{0,2}[1-9]$')" 1
eq "the category the model named" "$(ev 1 category)" 垃圾清运
eq "a rule's decision has no confidence" "$(ev 2 how)|$(ev 2 confidence)" "rule|"

# Evaluation by two folds, the least there can be, and every row of its matrix.
awk 'BEGIN {
	print "text,label"
	for (i = 0; i < 6; i++) {
		print "楼道里垃圾堆着没人清运第" i "天,垃圾清运"
		print "暖气不热家里很冷第" i "天,供暖"
	}
}' >"$T/train.csv"
run 0 route --evaluate --folds 2 "$T/train.csv"
same "two folds: the metrics and the confusion matrix" "$T/out" <<'X'
metric	value
examples	12
accuracy	1.0000
macro_f1	1.0000
folds	2

truth/predicted	供暖	垃圾清运
供暖	6	0
垃圾清运	0	6
X
done_testing
