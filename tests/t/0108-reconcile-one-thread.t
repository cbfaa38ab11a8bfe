#!/bin/sh
# reconcile when no second thread can be started (a machine at its limit of
# threads): the records are prepared and the best cases found on the one
# thread, and the result is the same as with two.
. tests/t/lib.sh

shim=$MINYI_BUILD/tests/nothreads.so
if [ -f "$shim" ]; then pass "the shim that refuses threads is built"; else fail "no $shim (make check builds it)"; fi

generated_ledger 13 3000 1500 90
cp "$MINYI_DB" "$T/before.db"

run 0 reconcile "$T/gh.csv"
cp "$T/out" "$T/two.out"
sql "SELECT ticket, coalesce(case_id, '-'), outcome, printf('%.4f', coalesce(score, 0)) FROM hotline ORDER BY ticket" >"$T/two.db"
eq "two threads: every record decided" "$(wc -l <"$T/two.db")" 1500

cp "$T/before.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
# The sanitizers' runtime wants to be loaded first; here it comes second.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" NOTHREADS_LOG=$T/refused LD_PRELOAD=$shim \
    run 0 reconcile "$T/gh.csv"
if [ -s "$T/refused" ]; then
	pass "reconcile asked for threads and was refused ($(wc -l <"$T/refused") times)"
else
	fail "reconcile asked for no thread: the one-thread path was not taken"
fi
sql "SELECT ticket, coalesce(case_id, '-'), outcome, printf('%.4f', coalesce(score, 0)) FROM hotline ORDER BY ticket" >"$T/one.db"
if cmp -s "$T/two.out" "$T/out"; then pass "one thread: the same report"; else
	fail "one thread: the same report"
	diff "$T/two.out" "$T/out" | head -10 | sed 's/^/#   /'
fi
if cmp -s "$T/two.db" "$T/one.db"; then pass "one thread: the same decisions stored"; else
	fail "one thread: the same decisions stored"
	diff "$T/two.db" "$T/one.db" | head -10 | sed 's/^/#   /'
fi
done_testing
