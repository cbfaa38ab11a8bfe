#!/bin/sh
# escalate: usage and configuration errors.
. tests/t/lib.sh

escalate_ledger
intake "$T/c.csv" >/dev/null 2>&1

# Usage and configuration errors.
run 64 escalate --up 3
run 64 escalate --reason x 3
run 64 escalate --report 3
run 64 escalate --report --reveal
run 64 escalate --lead 住房 3
run 64 escalate --meeting 2026-11-04 --decision x 3
run 64 escalate --meeting 2026-11-04 --units 萌山社区 3
run 64 escalate --up --reason x --report
run 64 escalate --at "2026-13-01" 3
has "bad time" "$T/err" "escalate: invalid time '2026-13-01'"
run 64 escalate --meeting "next tuesday" --units 萌山社区 --decision x 3
run 64 escalate --meeting 2026-11-04 --units '，, ' --decision x 3
has "a list of no units" "$T/err" "escalate: no units named in '，, '"
eq "no meeting recorded" "$(sql 'SELECT count(*) FROM meetings')" 0
run 64 escalate abc
has "not an id" "$T/err" "escalate: 'abc' is not a case id"
printf '{"tiers": {"community": {"blue": -1}}}' >"$T/bad1.json"
run 78 escalate -c "$T/bad1.json"
has "a negative threshold" "$T/err" "'tiers.community.blue': expected whole working days from 0 to 365"
printf '{"escalate": {"red_reopens": 1.5}}' >"$T/bad2.json"
run 78 escalate -c "$T/bad2.json"
has "a fraction" "$T/err" "'escalate.red_reopens': expected a whole number from 0 (never) to 1000"
printf '{"escalate": {"auto_up": {"county": true}}}' >"$T/bad3.json"
run 78 escalate -c "$T/bad3.json"
has "nothing above the county" "$T/err" "'escalate.auto_up.county': unknown key"
printf '{"escalate": {"auto_up": {"street": 1}}}' >"$T/bad4.json"
run 78 escalate -c "$T/bad4.json"
has "a switch is true or false" "$T/err" "'escalate.auto_up.street': expected true or false, found a number"

# A writer's time stays within 2000 and the year after the calendar's last:
# 9000-12-31 ran for minutes and wrote a thousand red events for good.
events() { sql 'SELECT count(*) FROM events'; }
before=$(events)
run 64 escalate --at '9000-12-31'
has "far future: says why" "$T/err" \
    "escalate: --at '9000-12-31' is outside 2000 to 2028, the years a writing tool records: the working-day calendar ends with 2027"
MINYI_NOW='1999-12-31 23:59' run 64 escalate
has "before 2000, from MINYI_NOW" "$T/err" "escalate: MINYI_NOW '1999-12-31 23:59' is outside 2000 to 2028"
run 64 escalate --at '2029-01-01 00:00' 3
eq "nothing written" "$(events)" "$before"
run 0 ledger --at '9000-12-31'
run 0 escalate --at '2028-12-31 23:59'
done_testing
