#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): intake exits
# with its error, stores all of a file or none of it, and does not crash.
. tests/t/lib.sh

team_ledger 4
faults "intake" 0 intake "$T/team.csv"
eq "after the faults, the clean run stored the 4 cases" "$(sql 'SELECT count(*) FROM cases')" 4

# The last step reads back the cases just committed, to print them: when it
# fails, the file was stored all the same, and the summary says so.
rm -f "$MINYI_DB" "$MINYI_DB-wal" "$MINYI_DB-shm"
team_ledger 4
FAILDB_AT=$f_k LD_PRELOAD=$MINYI_BUILD/tests/faildb.so ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    intake "$T/team.csv" >"$T/out" 2>"$T/err"
eq "a failure after the commit exits 70" "$?" 70
eq "the cases are stored" "$(sql 'SELECT count(*) FROM cases')" 4
has "the summary counts them" "$T/err" "intake: 4 new, 0 already known, 0 rejected"
if grep -q "refused whole" "$T/err"; then fail "a stored file is not called refused"; cat "$T/err" | sed 's/^/#   /'
else pass "a stored file is not called refused"; fi
done_testing
