#!/bin/sh
# The team that collected a case: from the team column, else the collector's
# one team, else none; the ledger by team, and score --by team.
. tests/t/lib.sh

org
# 许褚 is in two teams; 典韦 in T01 and T03; T03 (祥和社区) shares 书香名邸 with T02.
cat >"$T/roster.csv" <<'CSV'
小分队编码,小分队名称,社区,包保小区,姓名,单位,职务,电话,队长
T01,萌山第一小分队,370829001010,祥和苑;金城花园,马超,370829001,包小区干部,,队长
T01,,,,典韦,P01,民情书记,,队长
T01,,,,许褚,370829001010,社区工作者,,
T02,祥和小分队,祥和社区居民委员会,书香名邸,黄忠,370829001,包小区干部,,队长
T02,,,,许褚,370829001010,社区工作者,,
T03,祥和第二小分队,祥和社区居民委员会,书香名邸,典韦,P01,民情书记,,队长
CSV
units import "$T/roster.csv" 2>/dev/null
cat >"$T/cases.csv" <<'CSV'
编号,登记时间,反映人,联系电话,社区,小区,诉求内容,搜集人,搜集小分队
A1,2026-11-02 09:00,张三,13500000001,萌山社区,祥和苑,楼道灯坏了,马超,T01
A2,2026-11-02 10:00,张四,13500000002,萌山社区,祥和苑,垃圾没人清运,马超,
A3,2026-11-02 11:00,张五,13500000003,萌山社区,祥和苑,路面坑洼,许褚,
A4,2026-11-02 12:00,张六,13500000004,祥和社区,书香名邸,噪音扰民,黄忠,祥和小分队
A5,2026-11-02 13:00,张七,13500000005,祥和社区,书香名邸,停车难,黄忠,第九小分队
A6,2026-11-02 14:00,张八,13500000006,萌山社区,金城花园,下水道堵了,黄忠,T01
CSV
run 0 intake "$T/cases.csv"
same "a team not found and a collector in two teams are said, never guessed" "$T/err" <<X
$T/cases.csv:4: collector '许褚' is in 2 teams (no team recorded)
$T/cases.csv:6: unknown team '第九小分队' (no team recorded)
intake: $T/cases.csv: layout team ledger
intake: 6 new, 0 already known, 0 rejected, 2 with team not resolved
X
# A sheet without a team column: the collector's one team.
cat >"$T/more.csv" <<'CSV'
编号,登记时间,反映人,联系电话,社区,小区,诉求内容,搜集人
A7,2026-11-03 09:00,张九,13500000007,萌山社区,金城花园,电梯停了,马超
CSV
run 0 intake "$T/more.csv"
eq "each case's team: column, collector, none, name, none, column over collector, collector" \
    "$(sql "SELECT group_concat(coalesce(t.code, '-'), ' ') FROM (SELECT team_id FROM cases ORDER BY id) c
    LEFT JOIN teams t ON t.id = c.team_id")" "T01 T01 - T02 - T01 T01"
eq "the intake event keeps the team column" "$(sql "SELECT json_extract(details, '\$.team') FROM events WHERE case_id = 5")" 第九小分队

run 0 ledger --team T01 --columns id,ref,collector,team
same "ledger --team, with the team column" "$T/out" <<'X'
id	ref	collector	team
1	A1	马*	萌山第一小分队
2	A2	马*	萌山第一小分队
6	A6	黄*	萌山第一小分队
7	A7	马*	萌山第一小分队
X
run 0 ledger --team 祥和小分队 --count
same "by the team's name" "$T/out" <<'X'
count
1
X
run 64 ledger --team T99
same "an unknown team" "$T/err" <<'X'
ledger: unknown team 'T99'
X
run 0 ledger --by team -o table
same "ledger --by team" "$T/out" <<'X'
team            count
萌山第一小分队      4
                    2
祥和小分队          1
X
run 0 ledger --by team,community
same "with another field" "$T/out" <<'X'
team	community	count
萌山第一小分队	萌山社区居民委员会	4
	祥和社区居民委员会	1
	萌山社区居民委员会	1
祥和小分队	祥和社区居民委员会	1
X
run 0 ledger show 4
has "ledger show prints the team" "$T/out" "team	祥和小分队"

# score --by team for November (now is 26 November: the cutoff). A1 and A4
# closed, A2 resolved only. Hotline misses: 祥和苑 and 金城花园 (T01's) in
# November, 书香名邸 (T02's and T03's) in November and one in October (not
# counted); a matched record is no miss.
sql "UPDATE cases SET status = 'closed', resolved = $(ts '2026-11-09 10:00'), closed = $(ts '2026-11-10 10:00') WHERE id IN (1, 4);
UPDATE cases SET status = 'resolved', resolved = $(ts '2026-11-12 10:00') WHERE id = 2;"
for h in "H1 2026-11-05 370829001010-E01 missed" "H2 2026-11-06 370829001010-E02 missed" \
    "H3 2026-11-07 370829001010-E01 matched" "H4 2026-10-30 370829001013-E01 missed" "H5 2026-11-08 370829001013-E01 missed"; do
	set -- $h
	sql "INSERT INTO hotline(ticket, received, estate_id, outcome, imported, updated)
	    VALUES ('$1', $(ts "$2 10:00"), $(uid "$3"), '$4', 0, 0)"
done
# T01: collected A1 A2 A6 A7 = 4, closed A1 = 1: 25.0%; misses H1 H2 = 2.
# T02: collected A4 = 1, closed 1: 100.0%; misses H5 = 1. Ranked first.
# T03: nothing collected: no rate, no rank, listed last; misses H5 = 1.
run 0 score --by team -m 2026-11 -o table
same "teams ranked by closure rate" "$T/out" <<'X'
line       rank  code  team            community           captain  secretary  members  estates  collected  closed  closure_rate  missed
community     1  T02   祥和小分队      祥和社区居民委员会  黄忠                      2        1          1       1         100.0       1
community     2  T01   萌山第一小分队  萌山社区居民委员会  马超     典韦             3        2          4       1          25.0       2
community        T03   祥和第二小分队  祥和社区居民委员会           典韦             1        1          0       0             —       1
X
run 0 score --by team -m 2026-11 -o csv --headers zh
has "Chinese headers" "$T/out" "条线,排名,编码,搜集小分队,社区,包小区干部队长,民情书记队长,队员数,包保小区数,搜集件数,销号,办结率,漏报"
run 0 score --by team -m 2026-11 -o json --limit 1
# (each member of the object on a line of its own, to be read here)
sed 's/,"/,\n"/g' "$T/out" >"$T/got"
same "json, limited" "$T/got" <<'X'
[
{"line":"community",
"rank":1,
"code":"T02",
"team":"祥和小分队",
"community":"祥和社区居民委员会",
"captain":"黄忠",
"secretary":null,
"members":2,
"estates":1,
"collected":1,
"closed":1,
"closure_rate":100.0,
"missed":1}
]
X
# A tie: T01's A2 closed too, and A6 and A7 voided: 2 of 2 like T02's 1 of
# 1; T02 has fewer misses (1 against 2) and stays first.
sql "UPDATE cases SET status = 'closed', closed = $(ts '2026-11-13 10:00') WHERE id = 2; UPDATE cases SET status = 'void' WHERE id IN (6, 7)"
run 0 score --by team -m 2026-11
eq "same rate: fewer misses first" "$(cut -f2,3,12,13 "$T/out" | tail -n +2 | tr '\t\n' ', ')" "1,T02,100.0,1 2,T01,100.0,2 ,T03,,1 "
sql "DELETE FROM hotline WHERE ticket = 'H2'"
run 0 score --by team -m 2026-11
eq "same rate and misses: same rank" "$(cut -f2,3 "$T/out" | tail -n +2 | tr '\t\n' ', ')" "1,T01 1,T02 ,T03 "
run 64 score --by team -l pairing -m 2026-11
has "teams are on the community line" "$T/err" "teams are ranked on the community line only"
run 64 score --by team --bulletin -m 2026-11
has "no bulletin by team" "$T/err" "--by team is a report of its own"

done_testing
