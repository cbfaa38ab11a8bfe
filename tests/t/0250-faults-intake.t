#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): intake exits
# with its error, stores all of a file or none of it, and does not crash:
# new cases, cases of a team, amendments, an undo.
. tests/t/lib.sh

team_ledger 4
faults "intake" 0 intake --at '2026-11-02 09:40' "$T/team.csv"
eq "after the faults, the clean run stored the 4 cases" "$(sql 'SELECT count(*) FROM cases')" 4

# The last step reads back the cases just committed, to print them: when it
# fails, the file was stored all the same, and the summary says so.
rm -f "$MINYI_DB" "$MINYI_DB-wal" "$MINYI_DB-shm"
team_ledger 4
FAILDB_AT=$f_k LD_PRELOAD=$MINYI_BUILD/tests/faildb.so ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    intake --at '2026-11-02 09:40' "$T/team.csv" >"$T/out" 2>"$T/err"
eq "a failure after the commit exits 70" "$?" 70
eq "the cases are stored" "$(sql 'SELECT count(*) FROM cases')" 4
has "the summary counts them" "$T/err" "intake: 4 new, 0 already known, 0 rejected"
if grep -q "refused whole" "$T/err"; then fail "a stored file is not called refused"; sed 's/^/#   /' "$T/err"
else pass "a stored file is not called refused"; fi

# Amendments, a case refused, one new: the file read again with changes.
run 0 route --at '2026-11-02 10:00' 1
run 0 resolve --at '2026-11-02 11:00' --void --note "无效" 3
team_ledger_changed
faults "intake, amending" 1 intake --at '2026-11-03 09:00' "$T/team2.csv"
eq "the clean run amended two and added one" "$(sql "SELECT count(*) FROM events WHERE kind = 'amend'")|$(sql 'SELECT count(*) FROM cases')" "2|5"

# One case amended by hand, and the first batch undone.
faults "intake --amend" 0 intake --at '2026-11-04 09:00' --amend --phone 13912345611 --note "电话更正" 4
faults "intake --undo" 1 intake --at '2026-11-04 10:00' -u 王明 --undo 1 --note "导入错库"
eq "the undo voided the batch's new case" "$(sql "SELECT group_concat(id) FROM cases WHERE status = 'void' AND id != 3")" 2,4

# Another program's database: intake refuses it whatever step fails, and
# never adds its tables to it (a failed look at its tables is not "none").
rm -f "$MINYI_DB" "$MINYI_DB-wal" "$MINYI_DB-shm"
sqlite3 "$MINYI_DB" "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT)"
chmod 600 "$MINYI_DB"
faults "intake, another program's database" 73 intake --text 别人的数据库
eq "its tables are its own still" "$(sqlite3 "$MINYI_DB" "SELECT group_concat(name) FROM sqlite_master")" moz_places
done_testing
