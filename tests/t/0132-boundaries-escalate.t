#!/bin/sh
# Boundaries pinned exactly in the supervision pass: the deadline's edges,
# the watch after them, a move up, and red = 1 over a weekend.
. tests/t/lib.sh

use() { export MINYI_DB="$1"; rm -f "$1-wal" "$1-shm"; }

# Escalate at the deadline's edges: one working day left is blue (blue = 1),
# eight past is red (red = 3); the blue case is watched from the second after
# its deadline, the red one no more (its watch is NULL, whatever the case
# looked at before it was given).
use "$T/esc.db"
org
cat >"$T/e.csv" <<'CSV'
ref,received,community,estate,category,text
E1,2026-11-01 10:00,萌山社区,祥和苑,垃圾清运,楼下垃圾满了
E2,2026-10-19 10:00,萌山社区,祥和苑,垃圾清运,门口垃圾满了
CSV
intake "$T/e.csv" >/dev/null 2>&1
route --at "2026-11-02 10:00" 1 >/dev/null 2>&1
route --at "2026-10-20 10:00" 2 >/dev/null 2>&1
echo '{"escalate": {"auto_up": {"community": false}}}' >"$T/noup.json"
run 0 escalate -c "$T/noup.json" --at "2026-11-06 10:00" 1 2
cut -f1-3,9-12 "$T/out" >"$T/got"
same "blue with a day left, red past three working days" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
1	none	blue	2026-11-09 23:59:59	1		1 working day left
2	none	red	2026-10-27 23:59:59		8	8 working days overdue
X
eq "watched from the second after the deadline; red is watched no more" \
    "$(sql "SELECT group_concat(id || ' ' || colour || ' ' || coalesce(datetime(watch, 'unixepoch', 'localtime'), 'null'), '; ') FROM cases")" \
    "1 blue 2026-11-10 00:00:00; 2 red null"
# Moved up, each starts over with the colour the new deadline and the red
# triggers give: red for the case reopened twice, none (NULL) for the other.
sql "UPDATE cases SET reopens = 2 WHERE id = 2"
run 0 escalate -c "$T/noup.json" --at "2026-11-06 11:00" --up --reason 社区协调不了 2 1
eq "moved up: red by its reopens, and no colour" "$(sql "SELECT group_concat(id || ' ' || tier || ' ' || coalesce(colour, 'null'), '; ') FROM cases")" \
    "1 street null; 2 street red"
# With red = 1, a case past its deadline on a Friday is yellow over the
# weekend and is next looked at when Monday begins, its first working day
# overdue.
printf 'ref,received,community,estate,category,text\nE3,2026-10-30 09:00,萌山社区,祥和苑,垃圾清运,垃圾桶坏了\n' >"$T/e3.csv"
e3=$(intake "$T/e3.csv" 2>/dev/null | awk -F'\t' 'NR == 2 { print $1 }')
route --at "2026-10-30 10:00" "$e3" >/dev/null 2>&1
echo '{"tiers": {"community": {"red": 1}}, "escalate": {"auto_up": {"community": false}}}' >"$T/red1.json"
run 0 escalate -c "$T/red1.json" --at "2026-11-07 10:00" "$e3"
eq "red = 1: past due on Friday, yellow on Saturday" "$(cut -f3,9,11,12 "$T/out" | tail -1)" "$(printf 'yellow\t2026-11-06 23:59:59\t0\tpast due')"
eq "and watched from Monday 00:00" "$(sql "SELECT datetime(watch, 'unixepoch', 'localtime') FROM cases WHERE id = $e3")" "2026-11-09 00:00:00"
run 0 escalate -c "$T/red1.json" --at "2026-11-09 00:00"
eq "then red" "$(cut -f1,3,11 "$T/out" | tail -1)" "$(printf '%s\tred\t1' "$e3")"
done_testing
