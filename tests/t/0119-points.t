#!/bin/sh
# score --points: the civilisation bank's points (文明银行积分) of the
# people of score.points.roles (by default 党员中心户): a point for each
# case collected in the period (received, not void), two for each settled
# in it (closed, 销号); every figure below is counted by hand.
. tests/t/lib.sh

org
cat >"$T/p.csv" <<'CSV'
name,phone,unit,role
张大爷,13900000031,370829001010,党员中心户
李大妈,13900000032,370829001013,党员中心户
王大叔,13900000033,370829001013,党员中心户
CSV
run 0 units import "$T/p.csv"
{
	kase 1 visit '2026-11-02 09:00' - 370829001010 - - 张大爷 closed '2026-11-09 09:00' '2026-11-10 09:00' - - 0
	kase 2 visit '2026-11-03 09:00' - 370829001010 - - 张大爷 open - - - - 0
	kase 3 visit '2026-10-20 09:00' - 370829001010 - - 张大爷 closed '2026-11-04 09:00' '2026-11-05 09:00' - - 0
	kase 4 visit '2026-11-04 09:00' - 370829001010 - - 张大爷 void - - - - 0
	kase 5 visit '2026-11-05 09:00' - 370829001013 - - 李大妈 resolved '2026-11-20 09:00' - - - 0
	kase 6 visit '2026-11-06 09:00' - 370829001013 - - 李大妈 closed '2026-11-30 09:00' '2026-12-01 09:00' - - 0
	kase 7 visit '2026-11-02 09:00' - 370829001010 - - 许褚 closed '2026-11-09 09:00' '2026-11-10 09:00' - - 0
} >"$T/l.sql"
sql <"$T/l.sql"

# November: 张大爷 collected 1 and 2 (4 is void), settled 1 and 3 (3 was
# collected in October): 2 x 1 + 2 x 2 = 6; 李大妈 collected 5 and 6,
# settled none (5 is resolved, not closed; 6 closed in December): 2;
# 王大叔 did nothing, 许褚 is a 社区工作者: not listed.
run 0 score --points -m 2026-11
same "November, names masked" "$T/out" <<'X'
person	unit	unit_name	role	collected	closed	bank_points
张**	370829001010	萌山社区居民委员会	党员中心户	2	2	6
李**	370829001013	祥和社区居民委员会	党员中心户	2	0	2
X
run 0 score --points -m 2026-10
same "October: 张大爷 collected 3" "$T/out" <<'X'
person	unit	unit_name	role	collected	closed	bank_points
张**	370829001010	萌山社区居民委员会	党员中心户	1	0	1
X
run 0 score --points -m 2026-12 -o csv
tr -d '\r' <"$T/out" >"$T/o"
same "December as csv: 李大妈 settled 6" "$T/o" <<'X'
person,unit,unit_name,role,collected,closed,bank_points
李**,370829001013,祥和社区居民委员会,党员中心户,0,1,2
X
eq "no reveal, no event" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 0
run 0 score --points -m 2026-11 -o json --reveal -u 文明银行
eq "json, revealed, for the bank's import" "$(jq -c '[.[] | [.person, .unit, .collected, .closed, .bank_points]]' "$T/out")" \
    '[["张大爷","370829001010",2,2,6],["李大妈","370829001013",2,0,2]]'
eq "the reveal is recorded" "$(sql "SELECT operator || '|' || json_extract(details, '\$.what') FROM events WHERE kind = 'reveal'")" \
    "文明银行|names of people assessed"
run 0 score --points -m 2026-11 --headers zh
same "Chinese headers" "$(head -1 "$T/out" >"$T/h"; echo "$T/h")" <<'X'
人员	单位	单位名称	职务	搜集件数	销号	文明银行积分
X

# The config sets the roles and the points: 社区工作者 too, half a point a
# case collected, three a case settled. 张大爷 2 x 0.5 + 2 x 3 = 7; 许褚
# 1 x 0.5 + 1 x 3 = 3.5; 李大妈 2 x 0.5 = 1.
echo '{"score": {"points": {"roles": ["党员中心户", "社区工作者"], "collected": 0.5, "settled": 3}}}' >"$T/cfg.json"
run 0 score -c "$T/cfg.json" --points -m 2026-11
same "the config's roles and points" "$T/out" <<'X'
person	unit	unit_name	role	collected	closed	bank_points
张**	370829001010	萌山社区居民委员会	党员中心户	2	2	7
许*	370829001010	萌山社区居民委员会	社区工作者	1	1	3.50
李**	370829001013	祥和社区居民委员会	党员中心户	2	0	1
X
echo '{"score": {"points": {"collected": -1}}}' >"$T/bad.json"
run 78 score -c "$T/bad.json" --points -m 2026-11
same "negative points are a config error" "$T/err" <<X
score: $T/bad.json: 'score.points.collected': expected a number from 0 to 100
X
run 64 score --points --by person -m 2026-11
has "--points ranks nobody" "$T/err" "--points lists the civilisation bank's points per person: it takes no -l, --by or --limit"
run 64 score --points
has "--points needs a period" "$T/err" "which period?"
done_testing
