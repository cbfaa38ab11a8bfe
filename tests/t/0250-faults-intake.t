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
cat >"$T/team2.csv" <<CSV
$team_header
L-001,visit,2026-11-02 09:00,李秀英,13912345678,书香名邸3号楼,祥和社区,书香名邸,,3号楼前路灯不亮，晚上出行不便,许褚
L-002,visit,2026-11-02 09:15,王芳,13912345677,书香名邸2号楼,祥和社区,书香名邸,,楼道堆放杂物，存在严重消防隐患,许褚
L-003,visit,2026-11-02 09:20,张伟,13912345670,书香名邸5号楼,祥和社区,书香名邸,,小区门口路面严重破损,许褚
L-005,visit,2026-11-02 09:50,钱进,13912345672,书香名邸7号楼,祥和社区,书香名邸,,新诉求,许褚
CSV
faults "intake, amending" 1 intake --at '2026-11-03 09:00' "$T/team2.csv"
eq "the clean run amended two and added one" "$(sql "SELECT count(*) FROM events WHERE kind = 'amend'")|$(sql 'SELECT count(*) FROM cases')" "2|5"

# One case amended by hand, and the first batch undone.
faults "intake --amend" 0 intake --at '2026-11-04 09:00' --amend --phone 13912345611 --note "电话更正" 4
faults "intake --undo" 1 intake --at '2026-11-04 10:00' -u 王明 --undo 1 --note "导入错库"
eq "the undo voided the batch's new case" "$(sql "SELECT group_concat(id) FROM cases WHERE status = 'void' AND id != 3")" 2,4
done_testing
