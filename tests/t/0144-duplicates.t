#!/bin/sh
# Corrections: intake flags a new case that looks like the same demand from
# the same resident (same phone, or same reporter in the same community,
# within intake.duplicate_days, with similar text); it still lands, is
# named, counted and marked; ledger --duplicates lists the pairs and
# resolve --void --duplicate-of settles one.
. tests/t/lib.sh

org
cat >"$T/a.csv" <<CSV
$team_header
L-001,visit,2026-11-02 09:00,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,路灯,3号楼前路灯不亮，晚上出行不便，希望尽快维修,许褚
L-002,visit,2026-11-02 10:00,王芳,13912345679,书香名邸2号楼,祥和社区,书香名邸,,楼道堆放杂物，存在消防隐患，请物业清理,许褚
L-003,visit,2026-11-03 09:00,刘伟,13912340000,书香名邸9号楼,祥和社区,书香名邸,,9号楼下水道堵塞，污水外溢，气味很大,许褚
CSV
cat >"$T/b.csv" <<CSV
$team_header
L-101,hall,2026-11-05 09:00,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,路灯,再次反映：3号楼前路灯还是不亮，晚上出行不便，希望尽快修理,马超
L-102,hall,2026-11-05 09:10,王芳,,书香名邸2号楼,祥和社区,书香名邸,,楼道里堆放杂物，存在消防隐患，一直没人管，请物业清理,马超
L-103,hall,2026-11-05 09:20,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,,楼下广场舞音响声音太大，影响休息,马超
L-104,hall,2026-11-25 09:00,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,,3号楼前路灯不亮，晚上出行不便，希望尽快维修,马超
L-105,hall,2026-11-05 09:30,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,环境卫生,3号楼前路灯不亮，晚上出行不便，希望尽快维修,马超
L-106,hall,2026-11-05 09:40,王芳,,书香名邸2号楼,萌山社区,祥和苑,,楼道堆放杂物，存在消防隐患，请物业清理,马超
L-107,hall,2026-11-05 09:50,刘伟,13912340000,书香名邸9号楼,祥和社区,书香名邸,,9号楼下水道堵塞，污水外溢，气味很大,马超
CSV
run 0 intake --at '2026-11-05 10:00' "$T/a.csv"
run 0 resolve --at '2026-11-05 10:00' --void --note "无效" 3
run 0 intake --at '2026-11-26 10:00' "$T/b.csv"
has "a reworded repeat by the same phone is named" "$T/err" "b.csv:2: possible duplicate of case 1"
has "the same reporter in the same community, no phone" "$T/err" "b.csv:3: possible duplicate of case 2"
has "counted" "$T/err" "intake: 7 new, 0 already known, 0 rejected, 2 possible duplicates"
eq "two flags only: another demand, past the window, another category, another community, a void case are not" \
    "$(grep -c 'possible duplicate of' "$T/err")" 2
eq "the cases still land, marked" "$(sql "SELECT group_concat(ref || ':' || coalesce(dup_of, '-'), ' ') FROM cases WHERE id > 3 ORDER BY id")" \
    "L-101:1 L-102:2 L-103:- L-104:- L-105:- L-106:- L-107:-"
eq "the intake event says so" "$(sql "SELECT json_extract(details, '$.duplicate_of') || '|' || (json_extract(details, '$.similarity') >= 0.4)
    FROM events WHERE case_id = 4 AND kind = 'intake'")" "1|1"
run 0 ledger --duplicates
same "the pairs to decide, the resident masked" "$T/out" <<'X'
id	duplicate_of	received	its_received	status	its_status	reporter	phone	text	its_text
4	1	2026-11-05 09:00:00	2026-11-02 09:00:00	new	new	李**	139****5678	再次反映：3号楼前路灯还是不亮，晚上出行不便，希望尽快修理	3号楼前路灯不亮，晚上出行不便，希望尽快维修
5	2	2026-11-05 09:10:00	2026-11-02 10:00:00	new	new	王*		楼道里堆放杂物，存在消防隐患，一直没人管，请物业清理	楼道堆放杂物，存在消防隐患，请物业清理
X
run 0 ledger --duplicates --reveal
has "revealed on asking" "$T/out" "李秀英	13912345678"
eq "and the look recorded" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal' AND case_id IN (4, 5)")" 2
run 64 ledger --duplicates --status new
run 64 ledger --duplicates show 4

run 0 resolve --at '2026-11-26 11:00' --void --duplicate-of 1 4
eq "voided as a duplicate" "$(tail -1 "$T/out" | cut -f1,2,6)" "$(printf '4\tvoid\tduplicate of case 1')"
eq "the event names the case kept" "$(sql "SELECT details FROM events WHERE case_id = 4 AND kind = 'void'")" \
    '{"reason":"duplicate of case 1","from":"new","duplicate_of":1}'
run 0 resolve --at '2026-11-26 11:00' --void --duplicate-of 2 --note "同一户重复登记" 5
eq "with a reason given" "$(sql "SELECT void_reason FROM cases WHERE id = 5")" "同一户重复登记"
run 0 ledger --duplicates
eq "settled pairs leave the list" "$(wc -l <"$T/out")" 1
run 65 resolve --void --duplicate-of 4 6
has "the case kept must not be void" "$T/err" "resolve: case 4 is void: name the case kept"
run 65 resolve --void --duplicate-of 999 6
has "nor missing" "$T/err" "resolve: case 999 does not exist"
run 1 resolve --void --duplicate-of 6 6
has "nor the case itself" "$T/err" "resolve: case 6 cannot be a duplicate of itself"
run 64 resolve --duplicate-of 1 6
run 64 resolve --unvoid --duplicate-of 1 6
run 0 ledger verify

# intake.duplicate_days 0 looks for nothing.
echo '{"intake": {"duplicate_days": 0}}' >"$T/off.json"
sed 's/L-1/M-1/' "$T/b.csv" >"$T/c.csv"
run 0 intake -c "$T/off.json" --at '2026-11-26 12:00' "$T/c.csv"
has "none flagged" "$T/err" "intake: 7 new, 0 already known, 0 rejected"
echo '{"intake": {"duplicate_days": 400}}' >"$T/bad.json"
run 78 intake -c "$T/bad.json" "$T/c.csv"
done_testing
