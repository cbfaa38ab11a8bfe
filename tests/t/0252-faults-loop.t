#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): the tools of the
# loop (escalate, resolve, callback) exit with their error and keep all of a
# run or none of it: signing, returning, colours, reports, calls, sheets;
# and nothing is shown in clear unless its reveal was recorded.
. tests/t/lib.sh

callback_ledger
faults "resolve --sign" 0 resolve --at '2026-11-20 16:00' --sign 7
faults "resolve --extend" 0 resolve --at '2026-11-20 16:20' --extend --days 3 --note "需采购" 7
faults "escalate --approve" 0 escalate --at '2026-11-20 16:30' --approve 7
faults "callback --outcome" 0 callback --at '2026-11-23 10:10' --outcome dissatisfied --note "路灯修了又坏" 3
eq "the dissatisfied case reopened" "$(sql "SELECT status || '|' || reopens FROM cases WHERE id = 3")" "open|1"
printf 'id,resolution,time\n3,又修了一次,2026-11-24 14:00\n' >"$T/sheet.csv"
faults "resolve --import" 0 resolve --at '2026-11-24 15:00' --import "$T/sheet.csv"
FAULTS_CLEAR=13600002222 faults "callback --due --reveal" 0 callback --at '2026-11-25 09:00' --due --reveal
has "the worklist in clear shows the phone" "$T/fout" 13600002222
callback --at '2026-11-25 09:00' --due -o csv >"$T/work.csv" 2>/dev/null
awk -F, -v OFS=, 'NR == 1 { print; next } { $15 = "满意"; $17 = "回访员甲"; $18 = "2026-11-25 09:10"; print }' \
    "$T/work.csv" >"$T/filled.csv"
faults "callback --import" 0 callback --at '2026-11-25 12:00' --import "$T/filled.csv"
eq "the called cases closed" "$(sql "SELECT group_concat(id) FROM (SELECT id FROM cases WHERE status = 'closed' ORDER BY id)")" "1,2,3,4,5"
faults "escalate" 0 escalate --at '2026-11-26 08:00'
eq "the extended case, due today, is blue" "$(sql "SELECT colour || '|' || datetime(due, 'unixepoch', 'localtime') FROM cases WHERE id = 7")" \
    "blue|2026-11-26 23:59:59"
faults "resolve --return" 0 resolve --at '2026-11-26 08:30' --return --note "不归我们管" 7
faults "ledger verify" 0 ledger verify
# A phone in clear is printed only once its reveal is kept.
FAULTS_CLEAR=13600002222 faults "ledger --reveal" 0 ledger --reveal
has "the clean run shows the phone" "$T/fout" 13600002222
FAULTS_CLEAR=13600002222 faults "ledger --reveal show" 0 ledger --reveal show 4
done_testing
