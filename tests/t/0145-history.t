#!/bin/sh
# The history of one case through every correction: recorded, amended by a
# re-import and by hand, voided in error and returned, routed, resolved,
# closed, reopened by staff, resolved and closed again; ledger show gives
# the whole of it (golden), and ledger verify holds at every step.
. tests/t/lib.sh

team_ledger 1
sed 's/3号楼前路灯不亮/3号楼前两盏路灯不亮/' "$T/team.csv" >"$T/team2.csv"
verify() { run 0 ledger verify; }
run 0 intake --at '2026-11-02 09:30' "$T/team.csv"
run 0 intake --at '2026-11-02 17:00' "$T/team2.csv"
has "amended by the re-import" "$T/err" "intake: 0 new, 1 amended, 0 already known, 0 rejected"
verify
run 0 intake --at '2026-11-03 08:30' -u 许褚 --amend --phone 13912345600 --note "电话记错一位" 1
verify
run 0 resolve --at '2026-11-03 09:00' -u 王明 --void --note "误以为重复" 1
verify
run 0 resolve --at '2026-11-03 09:30' -u 王明 --unvoid --note "并非重复" 1
verify
run 0 route --at '2026-11-03 10:00' 1
run 0 resolve --at '2026-11-05 15:00' --unit 嘉祥镇街道 --note "更换灯泡" 1
run 0 callback --at '2026-11-06 09:00' --outcome satisfied 1
eq "closed" "$(sql 'SELECT status FROM cases WHERE id = 1')" closed
verify
run 0 callback --at '2026-11-10 09:00' -u 王明 --reopen --note "居民再次来电：又不亮了" 1
eq "reopened" "$(sql 'SELECT status || "|" || reopens FROM cases WHERE id = 1')" "open|1"
verify
run 0 resolve --at '2026-11-12 16:00' --unit 嘉祥镇街道 --note "更换线路" 1
run 0 callback --at '2026-11-13 09:00' --outcome satisfied --note "确认修好" 1
eq "closed again" "$(sql 'SELECT status FROM cases WHERE id = 1')" closed
verify
run 0 ledger show 1
history_is tests/data/corrections/history.tsv
done_testing
