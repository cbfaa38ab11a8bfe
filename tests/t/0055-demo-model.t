#!/bin/sh
# The demo shows the model at work: it routes September and October by
# rule, the centre sorts part of its triage queue by hand, the model learns
# from that history (the corrections counted), November's cases that no
# rule decides go by model, and --explain shows one with its label,
# confidence and mapping.
. tests/t/lib.sh

mkdir "$T/b"
ln -s "$MINYI_BUILD/bin" "$T/b/bin"
# Its summaries go to standard error: both streams in one file, in order.
sh scripts/demo "$T/b" >"$T/demo" 2>&1
eq "the demo runs" $? 0
line() { grep -A"$2" -F -- "== $1" "$T/demo" | tail -n +2; }
corr=$(line "the centre sorts" 1 | grep -o '^route: [0-9]* routed' | grep -o '[0-9][0-9]*')
sorted=$(wc -l <"$T/b/demo/sorted.tsv")
eq "the centre re-routes every case it sorted ($sorted)" "$corr" "$sorted"
trained=$(line "the model learns" 2)
echo "$trained" | grep -q "^route: model trained on the ledger's history: [0-9]* examples, [0-9]* labels, $sorted of them corrections by the centre\$"
eq "trained on the history with the $sorted corrections" $? 0
eq "the dump counts them too" "$(echo "$trained" | tail -1)" "  corrections in the training set: $sorted"
nov=$(line "routing November" 1 | head -1)
by_model=$(echo "$nov" | sed -n 's/^route: [0-9,]* routed ([0-9,]* by rule, \([0-9,]*\) by model, .*/\1/p')
if [ -n "$by_model" ] && [ "$by_model" -gt 0 ]; then pass "November: $by_model by model"; else fail "November: '$nov'"; fi
eq "the routed lines agree" "$(awk -F'\t' '$7 == "model"' "$T/b/demo/routed-nov.tsv" | wc -l)" "$by_model"
ex=$(line "why a case no rule decides" 8)
for want in "category given by the model when routed: " "no rule matches (" "model: label '" \
    "mapping: none (routing.labels does not name '" "decision: " " by model '"; do
	case $ex in *"$want"*) pass "explain shows '$want'" ;; *) fail "explain lacks '$want'"; echo "$ex" | sed 's/^/#   /' ;; esac
done
done_testing
