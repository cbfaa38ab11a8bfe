#!/bin/sh
# score's sessions held and cases settled at a session (不出社区), per
# community, computed by hand, and the same by the SQL of score(1).
. tests/t/lib.sh

org
platforms_csv H01 H02 >"$T/p.csv"
run 0 units import "$T/p.csv"
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,text
S1,visit,2026-11-02 09:00,李四,13912345678,萌山社区,祥和苑,3号楼垃圾桶满了
S2,visit,2026-11-02 09:00,王五,13812340000,萌山社区,祥和苑,垃圾站异味
S3,visit,2026-11-02 09:00,赵六,13700001111,萌山社区,金城花园,路灯不亮
S4,visit,2026-11-02 09:00,孙七,13600002222,祥和社区,书香名邸,停车难
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
run 0 route --at '2026-11-02 10:00' 1 2 3
run 0 intake --at '2026-12-01 09:30' --received '2026-12-01 09:00' --community 祥和社区 --text '楼道灯坏了'
run 0 route --at '2026-12-01 10:00' 5
s() { run 0 escalate --outcome 议定 "$@"; }
# 萌山 in November: 4 sessions (11-04, 11-05, 11-06, 11-20); settled there:
# 1 and 2 (11-05), 3 (11-06), 1 again (11-20): 3 cases, each counted once.
s --at '2026-11-04 10:00' --session 2026-11-04 --platform H01 --kind 接访日 1 2
s --at '2026-11-05 10:00' --session 2026-11-05 --platform H01 --kind 八方议事 --settled all 1 2
s --at '2026-11-06 10:00' --session 2026-11-06 --community 萌山社区 --kind 调解 --settled 3 3
s --at '2026-11-20 10:00' --session 2026-11-20 --platform H01 --kind 八方议事 --settled 1 1
# 祥和 in November: 1 session heard nothing; in December, 1 settling case 5.
s --at '2026-11-10 10:00' --session 2026-11-10 --community 祥和社区 --kind 接访日 </dev/null
s --at '2026-12-02 10:00' --session 2026-12-02 --platform H02 --kind 八方议事 --settled 5 5
# The rows are the communities with cases in the period, as ever (黄岗 has
# none, so no row); places: empty.
run 0 score --at '2026-12-10 09:00' -m 2026-11
awk -F'\t' 'NR == 1 || $1 == "community" || $1 == "county"' "$T/out" | cut -f1,3,28,29 | sort >"$T/got"
same "November" "$T/got" <<'X'
community	370829001010	4	3
community	370829001013	1	0
county	370829		
line	code	sessions	settled_at_session
X
run 0 score --at '2026-12-10 09:00' -m 2026-12
eq "December: 祥和's session and case 5" "$(awk -F'\t' '$3 == "370829001013"' "$T/out" | cut -f28,29)" "$(printf '1\t1')"
# The year: 萌山 4 and 3; 祥和 2 sessions, 1 case.
run 0 score --at '2026-12-31 09:00' -y 2026 -o json
eq "the year, in json" "$(jq -c '[.[] | select(.line == "community") | [.code, .sessions, .settled_at_session]]' "$T/out")" \
    '[["370829001010",4,3],["370829001013",2,1]]'
run 0 score --at '2026-12-10 09:00' -m 2026-11 --by person
eq "not in the people's report" "$(head -1 "$T/out" | grep -c sessions)" 0
run 0 score --at '2026-12-10 09:00' -m 2026-11 --headers zh -o csv
eq "Chinese headers" "$(head -1 "$T/out" | tr -d '\r' | tr ',' '\n' | tail -2 | tr '\n' ' ')" "议事次数 议事化解数 "
eq "the lines in Chinese, the places' rows too" "$(tail -n +2 "$T/out" | cut -d, -f1 | uniq | tr '\n' ' ')" "社区小区 街道 城乡 全县 "

# The same by the SQL of score(1).
from=$(ts '2026-11-01'); to=$(ts '2026-12-01')
eq "score(1)'s query, sessions" "$(sql "SELECT u.code, count(*) FROM sessions s JOIN units u ON u.id = s.community_id
  WHERE s.held >= $from AND s.held < $to GROUP BY s.community_id ORDER BY u.code")" \
    "$(printf '370829001010|4\n370829001013|1')"
eq "score(1)'s query, settled_at_session" "$(sql "SELECT u.code, count(DISTINCT sc.case_id) FROM session_cases sc
  JOIN sessions s ON s.id = sc.session_id JOIN cases c ON c.id = sc.case_id JOIN units u ON u.id = s.community_id
  WHERE sc.settled AND c.status <> 'void' AND s.held >= $from AND s.held < $to GROUP BY s.community_id ORDER BY u.code")" \
    "370829001010|3"
done_testing
