#!/bin/sh
# intake, route, escalate, callback and ledger at once on one database for a
# bounded time: nothing fails but with 75 (locked past the busy timeout), no
# write is lost, and the end state is the one running them in turn gives.
. tests/t/lib.sh

G=$TOP/scripts/gen-data
"$G" units --seed 5 >"$T/u.csv"
"$G" people --seed 5 >"$T/p.csv"
# Eight team ledgers of 500 demands each, four days apart.
i=0
while [ $i -lt 8 ]; do
	"$G" cases 500 --seed $((5 + i)) --from "2026-10-$(printf %02d $((1 + 4 * i)))" --days 4 >"$T/team$i.csv"
	i=$((i + 1))
done
units import "$T/u.csv" "$T/p.csv" >/dev/null 2>&1
cp "$MINYI_DB" "$T/empty.db"

ROUTE_AT='2026-11-02 09:00'
ESC_AT='2026-11-20 09:00'
# The state that matters, by source reference so the order of ids does not.
state() {
	sql "SELECT c.ref, c.status, c.tier, u.code, c.due, coalesce(c.colour, '-')
	     FROM cases c LEFT JOIN units u ON u.id = c.resp_id ORDER BY c.channel, c.ref" | sha256sum | cut -c1-16
}

# In turn.
for f in "$T"/team*.csv; do intake "$f" >/dev/null 2>&1; done
route --at "$ROUTE_AT" --pending >/dev/null 2>&1
escalate --at "$ESC_AT" >/dev/null 2>&1
want=$(state)
want_n=$(sql 'SELECT count(*) FROM cases')
eq "in turn: every demand recorded" "$want_n" 4000

# At once.
cp "$T/empty.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
: >"$T/status"
loop() {
	name=$1
	shift
	end=$(($(date +%s) + 8))
	while [ "$(date +%s)" -lt "$end" ]; do
		"$@" >/dev/null 2>>"$T/errs"
		echo "$name $?" >>"$T/status"
	done
}
for f in "$T"/team*.csv; do
	( intake "$f" >/dev/null 2>>"$T/errs"; echo "intake $?" >>"$T/status" ) &
done
loop route route --at "$ROUTE_AT" --pending &
loop escalate escalate --at "$ESC_AT" &
loop callback callback --due &
loop ledger ledger --count &
loop verify ledger verify &
wait
bad=$(awk '$2 != 0 && $2 != 75' "$T/status" | sort | uniq -c)
eq "no run failed except with 75" "$bad" ""
echo "# runs: $(cut -d' ' -f1 "$T/status" | sort | uniq -c | tr '\n' ' ')"
echo "# locked (75): $(awk '$2 == 75 { print $1 }' "$T/status" | sort | uniq -c | tr '\n' ' ')"
# Whatever a lock turned away is done again, as cron would on its next run.
for f in "$T"/team*.csv; do intake "$f" >/dev/null 2>&1; done
route --at "$ROUTE_AT" --pending >/dev/null 2>&1
escalate --at "$ESC_AT" >/dev/null 2>&1
eq "no demand lost or doubled" "$(sql 'SELECT count(*) FROM cases')" "$want_n"
eq "the same end state as running them in turn" "$(state)" "$want"
run 0 ledger verify
eq "integrity" "$(sql 'PRAGMA integrity_check')" ok
done_testing
