#!/bin/sh
# callback: configuration and usage errors.
. tests/t/lib.sh

callback_ledger

# Configuration checked.
printf '{"callback": {"max_attempts": 0}}' >"$T/bad1.json"
run 78 callback -c "$T/bad1.json" --due
has "max_attempts" "$T/err" "bad1.json: 'callback.max_attempts': expected a whole number from 1 to 20"
printf '{"callback": {"after_attempts": "forget"}}' >"$T/bad2.json"
run 78 callback -c "$T/bad2.json" --due
has "policy" "$T/err" "bad2.json: 'callback.after_attempts': expected review or close, found 'forget'"
printf '{"callback": {"delay_days": 1.5}}' >"$T/bad3.json"
run 78 callback -c "$T/bad3.json" --due
printf '{"callback": {"anonymous": 1}}' >"$T/bad4.json"
run 78 callback -c "$T/bad4.json" --due

# Usage.
run 64 callback
run 64 callback --due --dissatisfied
run 64 callback --note x 1
run 64 callback --outcome happy 1
run 64 callback --dissatisfied --reveal
run 64 callback --due 1
run 64 callback --strict --outcome satisfied 1
run 66 callback -d "$T/none.db" --due

# A note may be 20,000 bytes long, not one more.
long=$(awk 'BEGIN { while (n++ < 20000) printf "x" }')
run 64 callback --outcome unreachable --note "${long}y" 1
has "a note of 20,001 bytes: why" "$T/err" "note longer than 20000 bytes"
eq "a note of 20,001 bytes: nothing recorded" "$(sql 'SELECT count(*) FROM callbacks')" 0
run 0 callback --outcome unreachable --note "$long" 1
eq "a note of 20,000 bytes: kept whole" "$(sql 'SELECT length(note) FROM callbacks')" 20000
done_testing
