#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): score, units and
# ledger exit with their error and keep all of a run or none of it:
# reports, the bulletin, a month published, units and teams imported, the
# ledger shown in clear (its reveals recorded), the chain checked.
. tests/t/lib.sh

score_ledger
faults "score" 0 score -m 2026-10
faults "score by person" 0 score -m 2026-10 --by person
faults "score --bulletin" 0 score --bulletin -m 2026-10
faults "score --publish" 0 score --at '2026-11-05 10:00' --publish -m 2026-10
faults "ledger" 0 ledger
faults "ledger --reveal" 0 ledger --reveal --limit 3
faults "ledger --reveal show" 0 ledger --reveal show 2
eq "each clean run recorded its reveals: one per case shown" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 4

cat >"$T/units3.csv" <<'CSV'
code,name,kind,parent,contact,phone
D03,嘉祥县自来水公司,department,370829,,
370829001010-E03,新城花园,estate,370829001010,,
CSV
faults "units import" 0 units import "$T/units3.csv"
cat >"$T/roster.csv" <<'CSV'
小分队编码,小分队名称,社区,包保小区,姓名,单位,职务,电话,队长
T01,萌山第一小分队,370829001010,祥和苑;金城花园,马超,370829001,包小区干部,,队长
T01,,,,许褚,370829001010,社区工作者,,
CSV
faults "units import, a team" 0 units import "$T/roster.csv"
eq "the team is stored with its two members" "$(sql "SELECT count(*) FROM team_members")" 2
cat >"$T/cases.csv" <<'CSV'
编号,登记时间,反映人,联系电话,社区,小区,诉求内容,搜集人,搜集小分队
A1,2026-11-02 09:00,张三,13500000001,萌山社区,祥和苑,楼道灯坏了,马超,T01
A2,2026-11-02 10:00,张四,13500000002,萌山社区,祥和苑,垃圾没人清运,许褚,
A3,2026-11-02 11:00,张五,13500000003,萌山社区,祥和苑,路面坑洼,马超,第九小分队
CSV
faults "intake, teams named and found" 0 intake "$T/cases.csv"
eq "each case's team" "$(sql "SELECT group_concat(coalesce(t.code, '-')) FROM (SELECT team_id FROM cases WHERE ref LIKE 'A%' ORDER BY id) k
    LEFT JOIN teams t ON t.id = k.team_id")" "T01,T01,-"
sed 's/,马超,第九小分队$/,马超,T01/' "$T/cases.csv" >"$T/cases2.csv"
faults "intake, a team changed" 0 intake "$T/cases2.csv"
eq "the amendment names the teams" "$(sql "SELECT coalesce(json_extract(details, '\$.old.team'), '-') || '|' || json_extract(details, '\$.new.team')
    FROM events WHERE kind = 'amend'")" "-|T01"
done_testing
