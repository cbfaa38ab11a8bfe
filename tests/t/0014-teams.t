#!/bin/sh
# units: a roster of collection teams (小分队): import, re-import, bad rows, the list and the card.
. tests/t/lib.sh

org
# A clerk's roster: a row per member, the team's cells merged down (blank
# below its first row), the co-captains marked. 王大妈 is not in people yet:
# the roster adds her.
cat >"$T/roster.csv" <<'CSV'
小分队编码,小分队名称,社区,包保小区,姓名,单位,职务,电话,队长
T01,萌山第一小分队,370829001010,祥和苑;金城花园,马超,370829001,包小区干部,,队长
,,,,典韦,P01,民情书记,,队长
,,,,许褚,370829001010,社区工作者,,
,,,,王大妈,萌山社区居民委员会,党员中心户,13700000001,
T02,祥和小分队,祥和社区居民委员会,书香名邸,黄忠,370829001,包小区干部,,是
CSV
run 0 units import "$T/roster.csv"
same "two teams and one person added" "$T/err" <<'X'
units: 3 added, 0 updated, 0 unchanged, 0 rejected
X
eq "the roster's new member is in people" "$(sql "SELECT role || ' ' || phone FROM people WHERE name = '王大妈'")" "党员中心户 13700000001"
eq "the team's captains" "$(sql "SELECT c.name || ',' || s.name FROM teams t JOIN people c ON c.id = t.captain_id
    JOIN people s ON s.id = t.secretary_id WHERE t.code = 'T01'")" "马超,典韦"
eq "an import event names the teams" "$(sql "SELECT json_extract(details, '\$.what') FROM events WHERE kind = 'units-import' ORDER BY id DESC LIMIT 1")" teams

run 0 units import "$T/roster.csv"
same "re-import changes nothing" "$T/err" <<'X'
units: 0 added, 0 updated, 2 unchanged, 0 rejected
X

run 0 units -o table teams
same "the teams, captains in clear" "$T/out" <<'X'
code  name            community           members  captain  captain_unit  secretary  secretary_unit  estates  estate_names
T01   萌山第一小分队  萌山社区居民委员会        4  马超     嘉祥镇街道    典韦       县财政局              2  祥和苑;金城花园
T02   祥和小分队      祥和社区居民委员会        1  黄忠     嘉祥镇街道                                     1  书香名邸
X
run 0 units --headers zh -o csv teams
has "Chinese headers" "$T/out" "编码,名称,社区,队员数,包小区干部队长,包小区干部单位,民情书记队长,民情书记单位,包保小区数,包保小区"

# The card: every member with role and phone in clear (staff published by
# design), the captains first and marked; no resident appears on it.
run 0 units card 萌山第一小分队
same "the card, phones in clear" "$T/out" <<'X'
team	community	estate_names	member	role	unit	phone	is_captain
萌山第一小分队	萌山社区居民委员会	祥和苑;金城花园	马超	包小区干部	嘉祥镇街道	13900000001	队长
萌山第一小分队	萌山社区居民委员会	祥和苑;金城花园	典韦	民情书记	县财政局	13900000004	队长
萌山第一小分队	萌山社区居民委员会	祥和苑;金城花园	许褚	社区工作者	萌山社区居民委员会	13900000003	
萌山第一小分队	萌山社区居民委员会	祥和苑;金城花园	王大妈	党员中心户	萌山社区居民委员会	13700000001	
X
eq "a card is no reveal" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 0
run 0 units -o json card T02
same "a card in json" "$T/out" <<'X'
[
{"team":"祥和小分队","community":"祥和社区居民委员会","estate_names":"书香名邸","member":"黄忠","role":"包小区干部","unit":"嘉祥镇街道","phone":"13900000002","is_captain":"队长"}
]
X
run 64 units card T99
same "an unknown team" "$T/err" <<'X'
units: unknown team 'T99'
X
run 64 units card
has "card needs its team" "$T/err" "card takes one team"
run 64 units --reveal card T02
has "a card has nothing to reveal" "$T/err" "units: teams and their cards show staff only, public by design: --reveal does not apply"

# Re-import: 许褚 leaves T01, 黄忠 joins it as its 包小区干部 captain in
# 马超's place; a member list given again replaces the team's members.
cat >"$T/roster2.csv" <<'CSV'
team_code,team,community,estates,name,unit,role,phone,captain
T01,萌山第一小分队,370829001010,祥和苑;金城花园,马超,370829001,包小区干部,,
T01,,,,典韦,P01,民情书记,,yes
T01,,,,王大妈,萌山社区居民委员会,党员中心户,,
T01,,,,黄忠,370829001,包小区干部,,yes
CSV
run 0 units import "$T/roster2.csv"
same "one team updated" "$T/err" <<'X'
units: 0 added, 1 updated, 0 unchanged, 0 rejected
X
eq "members replaced" "$(sql "SELECT group_concat(p.name, ',') FROM (SELECT p.name FROM team_members m JOIN people p ON p.id = m.person_id
    JOIN teams t ON t.id = m.team_id WHERE t.code = 'T01' ORDER BY p.id) p")" "马超,黄忠,典韦,王大妈"
eq "captain changed" "$(sql "SELECT p.name FROM teams t JOIN people p ON p.id = t.captain_id WHERE t.code = 'T01'")" 黄忠
eq "T02 untouched" "$(sql "SELECT count(*) FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.code = 'T02'")" 1

# Every bad row: named with file, line and reason, into the rejects file;
# the rest lands.
cat >"$T/bad.csv" <<'CSV'
小分队编码,小分队名称,社区,包保小区,姓名,单位,职务,电话,队长
T03,好队,祥和社区居民委员会,书香名邸,黄忠,370829001,包小区干部,,队长
T03,,,,许褚,370829001010,社区工作者,,队长
T03,,,,丙,370829001010,路人,,
T03,,,,丁,NOPE,社区工作者,,
T04,无社区队,,,马超,370829001,包小区干部,,队长
T05,错社区队,无此社区,,马超,370829001,包小区干部,,队长
T06,错小区队,萌山社区居民委员会,书香名邸,马超,370829001,包小区干部,,队长
T07,无名小区队,萌山社区居民委员会,无名苑,马超,370829001,包小区干部,,队长
T03,,,,马超,370829001,包小区干部,,队长
CSV
run 1 units import --rejects "$T/rej.csv" "$T/bad.csv"
same "each bad row named" "$T/err" <<X
$T/bad.csv:3: captain '许褚' is a 社区工作者, not a 包小区干部 or 民情书记
$T/bad.csv:4: unknown role '路人' (expected one of units.roles: 包小区干部, 民情书记, 小区书记, 社区党委书记, 社区书记, 社区工作者, 物业经理, 业委会成员, 党员中心户, 小区长, 楼长, 民警, 法律顾问)
$T/bad.csv:5: unknown unit 'NOPE'
$T/bad.csv:6: team 'T04' has no community
$T/bad.csv:7: unknown community '无此社区'
$T/bad.csv:8: estate '书香名邸' is not in community '萌山社区居民委员会'
$T/bad.csv:9: unknown estate '无名苑'
$T/bad.csv:10: team 'T03' has a 包小区干部 captain already
units: 1 added, 0 updated, 0 unchanged, 8 rejected
X
eq "the rejects file has them" "$(tail -n +2 "$T/rej.csv" | cut -d, -f2 | tr '\n' ' ')" "3 4 5 6 7 8 9 10 "
eq "the good row landed" "$(sql "SELECT count(*) FROM teams WHERE code = 'T03'")" 1
eq "no bad team" "$(sql "SELECT count(*) FROM teams WHERE code IN ('T04', 'T05', 'T06', 'T07')")" 0
run 65 units import --strict "$T/bad.csv"
eq "strict: nothing written" "$(sql "SELECT count(*) FROM teams")" 3

done_testing
