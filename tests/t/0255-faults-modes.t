#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c), in the modes the
# other fault tests leave out: a workbook of two sheets, routing again,
# progress, voiding and restoring, a duplicate, moving up a tier, a county
# meeting, a session at a platform, the colour report, the teams' scores
# and the units and people shown in clear.
. tests/t/lib.sh

org
platforms_csv H01 M01 >"$T/p.csv"
run 0 units import "$T/p.csv"
cat >"$T/m.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table><tr><td>社区</td><td>小区</td><td>诉求内容</td><td>走访时间</td><td>姓名</td><td>电话</td></tr>
<tr><td>萌山社区</td><td>祥和苑</td><td>3号楼垃圾桶满了</td><td>2026-11-02 09:00</td><td>李四</td><td>13912345678</td></tr>
<tr><td>萌山社区</td><td>祥和苑</td><td>垃圾站异味</td><td>2026-11-02 09:10</td><td>王五</td><td>13812340000</td></tr></table>
<table><tr><td>社区</td><td>小区</td><td>诉求内容</td><td>走访时间</td><td>姓名</td><td>电话</td></tr>
<tr><td>萌山社区</td><td>金城花园</td><td>路灯不亮</td><td>2026-11-02 09:20</td><td></td><td></td></tr>
<tr><td>萌山社区</td><td>金城花园</td><td>还没有派单</td><td>2026-11-02 09:30</td><td>孙七</td><td>13600002222</td></tr>
<tr><td>萌山社区</td><td>金城花园</td><td>同一件事又登记了</td><td>2026-11-02 09:40</td><td>周八</td><td>13500003333</td></tr></table>
</body></html>
HTML
faults "intake, a workbook of two sheets" 0 intake --at '2026-11-02 10:00' "$T/m.html"
eq "both sheets' cases are stored" "$(sql 'SELECT count(*) FROM cases')" 5
run 0 route --at '2026-11-02 11:00' 1 2 3 4 5
faults "route --again" 0 route --at '2026-11-02 11:30' --again 1
faults "resolve --progress" 0 resolve --at '2026-11-02 12:00' --progress --note "已报修" 3
faults "resolve --duplicate-of" 0 resolve --at '2026-11-02 12:10' --void --duplicate-of 4 --note "重复" 5
faults "resolve --unvoid" 0 resolve --at '2026-11-02 12:20' --unvoid --note "并非重复" 5
eq "the duplicate is restored" "$(sql "SELECT status FROM cases WHERE id = 5")" open
eq "case 3 is routed to the street" "$(sql "SELECT tier FROM cases WHERE id = 3")" street
faults "escalate --up" 0 escalate --at '2026-11-03 09:00' --up --reason "社区协调不了" 3
eq "case 3 moved up to the county" "$(sql "SELECT tier FROM cases WHERE id = 3")" county
faults "escalate --meeting" 0 escalate --at '2026-11-03 15:00' --meeting 2026-11-03 --units 萌山社区 \
    --decision "限期办结" --due 2026-11-10 3
faults "escalate --session" 0 escalate --at '2026-11-04 10:00' --session 2026-11-04 --platform H01 --kind 接访日 \
    --people '包小区干部:马超,物业经理:刘经理' --outcome '物业承诺每日清运' --settled 1 1 2
faults "escalate --report" 0 escalate --at '2026-11-04 12:00' --report
faults "score by team" 0 score --by team -m 2026-11
FAULTS_CLEAR=13900000001 faults "units people --reveal" 0 units --reveal people
has "the clean run shows 马超's phone" "$T/fout" 13900000001
FAULTS_CLEAR=13912345678 faults "ledger --reveal of a community's cases" 0 ledger --reveal --community 萌山社区
has "the clean run shows 李四's phone" "$T/fout" 13912345678
done_testing
