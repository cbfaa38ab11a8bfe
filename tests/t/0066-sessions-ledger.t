#!/bin/sh
# Demands raised at a platform (intake --platform, a platform column), the
# sessions listed (ledger sessions), a case's sessions (ledger show) and the
# sessions held at each platform (units platforms).
. tests/t/lib.sh

org
platforms_csv H01 M01 H02 >"$T/p.csv"
run 0 units import "$T/p.csv"

# From flags: the channel is hall, the platform recorded.
run 0 intake --at '2026-11-03 10:00' --platform H01 --received '2026-11-03 09:30' --text '广场舞音响太吵' --community 萌山社区
eq "hall, at H01" "$(sql 'SELECT channel, platform_id FROM cases WHERE id = 1')" "hall|1"
eq "the intake event names it" "$(sql "SELECT details FROM events WHERE case_id = 1" | jq -r .platform)" H01
run 64 intake --platform H01 --channel visit --text x
has "another channel is refused" "$T/err" "intake: --platform records demands raised at a platform: their channel is hall"
run 64 intake --at '2026-11-03 10:00' --platform H09 --text x
has "an unknown platform stops the run" "$T/err" "intake: unknown platform 'H09'"

# From a sheet: the platform by code or by name; an unknown one is reported
# with its line and the case lands without one (never guessed).
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,text,议事平台
B1,hall,2026-11-03 09:00,李四,13912345678,萌山社区,祥和苑,电梯坏了,M01
B2,hall,2026-11-03 09:00,王五,13812340000,祥和社区,书香名邸,停车难,祥和社区议事厅
B3,hall,2026-11-03 09:00,赵六,13700001111,萌山社区,金城花园,路灯坏了,红帆驿站
B4,visit,2026-11-03 09:00,孙七,13600002222,萌山社区,金城花园,楼道堆物,
CSV
run 0 intake --at '2026-11-03 10:00' "$T/c.csv"
has "the unknown platform, with its line" "$T/err" "c.csv:4: unknown platform '红帆驿站' (not recorded)"
eq "platforms by code and by name" "$(sql "SELECT c.ref, coalesce(p.code, '-') FROM cases c
  LEFT JOIN platforms p ON p.id = c.platform_id WHERE c.id > 1 ORDER BY c.id")" \
    "$(printf 'B1|M01\nB2|H02\nB3|-\nB4|-')"
run 0 ledger --by platform
same "ledger --by platform: the demands raised at each" "$T/out" <<'X'
platform	count
	2
H01	1
H02	1
M01	1
X
run 0 ledger --platform 祥和社区议事厅 --columns id,platform
eq "ledger --platform: by its name" "$(tail -n +2 "$T/out")" "$(printf '3\tH02')"
run 0 ledger --platform H01 --count
eq "ledger --platform: by its code, counted" "$(cat "$T/out")" "$(printf 'count\n1')"
run 64 ledger --platform 红帆驿站
has "an unknown platform is a usage error" "$T/err" \
    "ledger: unknown platform '红帆驿站' (expected the code or the name of one platform: see units platforms)"
run 0 route --at '2026-11-03 11:00' 1 2 3 4 5

run 0 escalate --at '2026-11-04 10:00' --session 2026-11-04 --platform H01 --kind 接访日 \
    --people '小区书记:张书记,物业经理:刘经理' --outcome '音响限时限音量' --settled 1 1 2
run 0 escalate --at '2026-11-10 10:00' --session 2026-11-10 --platform H02 --kind 八方议事 \
    --people '包小区干部:黄忠' --outcome '划定临时停车位' --settled 3 3
run 0 escalate --at '2026-11-20 10:00' --session 2026-11-20 --platform M01 --kind 调解 \
    --outcome '调解未成，转街道' 2

run 0 ledger sessions
same "ledger sessions" "$T/out" <<'X'
session	held	session_kind	platform	community	participants	cases	settled	session_outcome	operator
1	2026-11-04 00:00:00	reception	H01	370829001010	小区书记:张书记,物业经理:刘经理	1,2	1	音响限时限音量	tester
2	2026-11-10 00:00:00	deliberation	H02	370829001013	包小区干部:黄忠	3	3	划定临时停车位	tester
3	2026-11-20 00:00:00	mediation	M01	370829001010		2		调解未成，转街道	tester
X
run 0 ledger --from 2026-11-05 --to 2026-11-19 sessions
eq "a period" "$(tail -n +2 "$T/out" | cut -f1)" 2
run 0 ledger --community 370829001010 sessions
eq "a community" "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "1 3 "
run 0 ledger -o json --headers zh sessions
eq "json, Chinese headers and kinds" "$(jq -c '.[1] | [.["议事形式"], .["议事平台"], .["议事化解"]]' "$T/out")" '["八方议事","H02","3"]'
run 64 ledger --status open sessions
has "a case filter does not apply" "$T/err" "ledger: sessions take only --from, --to and --community (and -o, --bom)"
run 64 ledger --team T01 sessions
has "nor does a team" "$T/err" "ledger: sessions take only --from, --to and --community (and -o, --bom)"

# A case's sessions, after its events.
run 0 ledger show 2
sed -n '/^session	/,$p' "$T/out" >"$T/s"
same "the sessions case 2 was heard at" "$T/s" <<'X'
session	held	session_kind	platform	community	settled
1	2026-11-04 00:00:00	reception	H01	370829001010	0
3	2026-11-20 00:00:00	mediation	M01	370829001010	0
X
run 0 ledger -o json show 1
eq "json: the sessions array" "$(jq -c '.sessions' "$T/out")" \
    '[{"session":1,"held":"2026-11-04 00:00:00","session_kind":"reception","platform":"H01","community":"370829001010","settled":true}]'
run 0 ledger -o json show 4
eq "a case never heard has no sessions key" "$(jq -c 'has("sessions")' "$T/out")" false
run 0 ledger show 4
eq "nor a sessions table" "$(grep -c '^session	' "$T/out")" 0

run 0 units platforms
eq "sessions held at each platform" "$(tail -n +2 "$T/out" | cut -f1,6 | tr '\t\n' ': ')" "H01:1 M01:1 H02:1 "
done_testing
