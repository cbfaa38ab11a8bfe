#!/bin/sh
# kill -9 at random moments, 120 times over intake, route, escalate, resolve,
# callback and reconcile: after each, the database passes integrity_check, no
# case is lost or doubled, every case agrees with its history (ledger verify),
# and running the interrupted command again completes the work.
. tests/t/lib.sh

KILLS=${MINYI_CRASH_KILLS:-120}
G=$TOP/scripts/gen-data
"$G" units --seed 3 >"$T/u.csv"
"$G" people --seed 3 >"$T/p.csv"
"$G" cases 6000 --seed 3 --from 2026-10-01 --days 40 >"$T/c.csv"
"$G" hotline 3000 --seed 3 --from 2026-10-01 --days 40 --cases 6000 >"$T/h.csv"
units import "$T/u.csv" "$T/p.csv" >/dev/null 2>&1
cp "$MINYI_DB" "$T/base0.db"
intake "$T/c.csv" >/dev/null 2>&1
ncases=$(sql 'SELECT count(*) FROM cases')
route --at "2026-11-10 09:00" --pending >/dev/null 2>&1
cp "$MINYI_DB" "$T/base1.db"
sql "SELECT id || ',已处理' FROM cases WHERE status = 'open' AND id % 2 = 0" | { echo "id,resolution"; cat; } >"$T/res.csv"
resolve --at '2026-11-20 10:00' --import "$T/res.csv" >/dev/null 2>&1
eq "the resolutions the interruptions replay are valid" "$(sql "SELECT count(*) FROM cases WHERE status IN ('resolved', 'closed')")" \
    "$(($(wc -l <"$T/res.csv") - 1))"
cp "$MINYI_DB" "$T/base2.db"
sql "SELECT id || ',满意,,回访员,2026-11-23 10:00' FROM cases WHERE status = 'resolved'" | { echo "id,outcome,note,caller,time"; cat; } >"$T/calls.csv"

# A random delay from 0 to $1 milliseconds (awk's rand, seeded per call).
pause() { sleep "$(awk -v m="$1" -v s="$$$2" 'BEGIN { srand(s); printf "%.3f", rand() * m / 1000 }')"; }

# interrupt BASE NAME CMD...: on a copy of BASE, kill CMD at a random moment,
# check the database, re-run CMD to the end and check again.
bad=0
interrupt() {
	base=$1; name=$2; shift 2
	cp "$base" "$MINYI_DB"
	rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
	"$@" >/dev/null 2>&1 &
	pid=$!
	pause 400 "$k"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	problem=""
	[ "$(sql 'PRAGMA integrity_check')" = ok ] || problem="integrity_check failed"
	[ -z "$problem" ] && ! ledger verify >/dev/null 2>"$T/verr" && problem="verify: $(cat "$T/verr")"
	n=$(sql 'SELECT count(*) FROM cases')
	[ -z "$problem" ] && [ "$name" != intake ] && [ "$name" != reconcile ] && [ "$n" != "$ncases" ] && problem="$n cases, want $ncases"
	"$@" >/dev/null 2>&1
	st=$?
	[ -z "$problem" ] && [ $st -ne 0 ] && problem="re-run exited $st"
	[ -z "$problem" ] && ! ledger verify >/dev/null 2>"$T/verr" && problem="verify after re-run: $(cat "$T/verr")"
	if [ -n "$problem" ]; then
		bad=$((bad + 1))
		echo "# kill $k ($name): $problem"
	fi
	echo "$name" >>"$T/done"
}

k=0
while [ $k -lt "$KILLS" ]; do
	case $((k % 6)) in
	0) interrupt "$T/base0.db" intake intake "$T/c.csv" ;;
	1) interrupt "$T/base0.db" intake intake --channel hall "$T/c.csv" ;;
	2) interrupt "$T/base1.db" escalate escalate --at '2026-11-20 08:00' ;;
	3) interrupt "$T/base2.db" callback callback --at '2026-11-23 18:00' --import "$T/calls.csv" ;;
	4) interrupt "$T/base1.db" resolve resolve --at '2026-11-20 10:00' --import "$T/res.csv" ;;
	5) interrupt "$T/base1.db" reconcile reconcile "$T/h.csv" ;;
	esac
	k=$((k + 1))
done
eq "$KILLS interrupted runs: database sound, history intact, re-run complete" "$bad" 0
# One more: route itself, interrupted and re-run on a fresh import.
cp "$T/base0.db" "$MINYI_DB"; rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
intake "$T/c.csv" >/dev/null 2>&1
cp "$MINYI_DB" "$T/base3.db"
k=0
while [ $k -lt 10 ]; do
	interrupt "$T/base3.db" route route --at "2026-11-10 09:00" --pending
	k=$((k + 1))
done
eq "route interrupted 10 times: nothing left new after the re-run" "$(sql "SELECT count(*) FROM cases WHERE status = 'new'")" 0
eq "and each interruption checked out" "$bad" 0
eq "every kind was interrupted" "$(sort -u "$T/done" | tr '\n' ' ')" "callback escalate intake reconcile resolve route "
done_testing
