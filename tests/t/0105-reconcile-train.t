#!/bin/sh
# reconcile --train on generated data: the weights estimated by EM from the
# exports and the ledger alone, stored, and measured against the truth with
# --evaluate next to the hand-set ones.
. tests/t/lib.sh

generated_ledger 11 4000 2000 120

run 0 reconcile --train "$T/gh.csv"
cp "$MINYI_DB" "$T/hand.db"
eq "a row for each of the 37 levels" "$(wc -l <"$T/out")" 38
eq "the columns" "$(head -1 "$T/out")" "weight	hand_set	estimated	moved	m	u	pairs"
eq "the levels, in order" "$(cut -f1 "$T/out" | sed -n '2,4p;17p;21p;27p;38p' | tr '\n' ' ')" \
    "phone.agree phone.disagree name.agree community.agree days.within 1 text.from 0.9 text.from 0 "
# moved is estimated less hand-set; m and u each add up to 1 over a feature.
eq "moved = estimated - hand_set" "$(awk -F'\t' 'NR > 1 && sprintf("%+.2f", $3 - $2) != $4' "$T/out")" ""
eq "m and u sum to 1 by feature" "$(awk -F'\t' 'NR > 1 { split($1, a, "."); m[a[1]] += $5; u[a[1]] += $6 }
    END { for (f in m) if (m[f] < 0.998 || m[f] > 1.002 || u[f] < 0.998 || u[f] > 1.002) print f }' "$T/out")" ""
# Every pair has the community of its block (blocking asks for it), so its
# agreeing tells nothing: 0.
eq "community.agree weighs nothing" "$(awk -F'\t' '$1 == "community.agree" { print $3 }' "$T/out")" "0.00"
# A level no pair showed keeps its hand-set weight.
eq "unseen levels kept" "$(awk -F'\t' '$7 == 0 && $4 != "+0.00"' "$T/out")" ""
eq "a phone agreeing weighs more than a text far apart weighs less" \
    "$(awk -F'\t' '$1 == "phone.agree" && $3 > 5 { a = 1 } $1 == "text.from 0" && $3 < -5 { b = 1 } END { print a + b }' "$T/out")" 2
pairs=$(awk -F'\t' '$1 ~ /^community\./ { n += $7 } END { print n }' "$T/out")
has "the summary" "$T/err" "reconcile: model 1: weights estimated from $(echo "$pairs" | sed -e :a -e 's/\B[0-9]\{3\}\>/,&/' -e ta) \
candidate pairs of 2,000 records in"
eq "stored: name, pairs, 37 weights" "$(sql "SELECT name, examples, json_array_length(data, '$.m') FROM models")" "reconcile|$pairs|37"
eq "the estimated weights as stored" "$(sql "SELECT printf('%.2f', json_extract(data, '$.weights.phone.agree'))
    || ' ' || printf('%.2f', json_extract(data, '$.weights.text[0].weight')) FROM models")" \
    "$(awk -F'\t' '$1 == "phone.agree" || $1 == "text.from 0.9" { printf "%s%s", s, $3; s = " " }' "$T/out")"
eq "nothing of the export stored" "$(sql "SELECT count(*) FROM hotline")" 0
run 0 ledger verify

# A run now matches with the model; --evaluate sets the stored outcomes
# (value, the model's) next to the records matched again with either set.
run 0 reconcile "$T/gh.csv"
run 0 reconcile -o csv --evaluate "$T/gt.csv"
tr -d '\r' <"$T/out" >"$T/eval.csv"
metric() { awk -F, -v m="$1" -v c="$2" '$1 == m { print $c }' "$T/eval.csv"; }
eq "the run used the estimated weights" "$(metric f1 2)" "$(metric f1 4)"
for c in 3 4; do
	p=$(metric precision $c) r=$(metric recall $c)
	if awk -v p="$p" -v r="$r" 'BEGIN { exit !(p >= 0.99 && r >= 0.97) }'; then
		pass "column $c: precision $p >= 0.99, recall $r >= 0.97"
	else
		fail "column $c: precision $p >= 0.99, recall $r >= 0.97"
	fi
done
if awk -v h="$(metric f1 3)" -v s="$(metric f1 4)" 'BEGIN { exit !(s >= h) }'; then
	pass "estimated no worse than hand-set: f1 $(metric f1 4) >= $(metric f1 3)"
else
	fail "estimated no worse than hand-set: f1 $(metric f1 4) >= $(metric f1 3)"
fi

# With --hand-set a run on the trained database matches as the hand-set
# column says.
export MINYI_DB=$T/hand.db
run 0 reconcile --hand-set "$T/gh.csv"
run 0 reconcile -o csv --evaluate "$T/gt.csv"
tr -d '\r' <"$T/out" >"$T/eval.csv"
eq "--hand-set: the run as the hand-set weights match" "$(metric f1 2)" "$(metric f1 3)"
done_testing
