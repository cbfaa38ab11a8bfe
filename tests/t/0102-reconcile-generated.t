#!/bin/sh
# reconcile: the matching on generated data.
. tests/t/lib.sh

# On generated data: a ledger, a hotline export that repeats part of it with
# the noise of real exports, and its truth.
generated_ledger 11 4000 2000 120
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
