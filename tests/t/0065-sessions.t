#!/bin/sh
# Sessions at the platforms (escalate --session): a reception day (接访日), a
# deliberation (八方议事) settling a case, a mediation in a community with no
# platform; the participants by role; a case settled and open is resolved and
# still waits for its call-back; the refusals, which store nothing.
. tests/t/lib.sh

org
platforms_csv H01 M01 >"$T/p.csv"
run 0 units import "$T/p.csv"
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,category,text
A1,visit,2026-11-02 09:00,李四,13912345678,萌山社区,祥和苑,,3号楼垃圾桶满了
A2,visit,2026-11-02 09:10,王五,13812340000,萌山社区,祥和苑,,垃圾站异味
A3,visit,2026-11-02 09:20,,,萌山社区,金城花园,,路灯不亮
A4,visit,2026-11-02 09:30,孙七,13600002222,萌山社区,金城花园,,还没有派单
A5,visit,2026-11-02 09:40,周八,13500003333,萌山社区,金城花园,,重复登记
CSV
run 0 intake --at '2026-11-02 10:00' "$T/c.csv"
run 0 route --at '2026-11-02 11:00' 1 2 3 5
run 0 resolve --at '2026-11-02 12:00' --void --note "重复" 5

# A reception day at H01: two cases heard, none settled; the names are
# staff's, found among the people when they are there (马超, 许褚).
run 0 escalate --at '2026-11-04 10:00' --session 2026-11-04 --platform H01 --kind 接访日 \
    --people '包小区干部:马超,社区工作者:许褚，物业经理：刘经理' --outcome '物业承诺每日清运' 1 2
same "the cases heard" "$T/out" <<'X'
id	session	held	session_kind	platform	community	settled	status
1	1	2026-11-04 00:00:00	reception	H01	370829001010	0	open
2	1	2026-11-04 00:00:00	reception	H01	370829001010	0	open
X
has "the summary" "$T/err" "escalate: session 1 recorded, 2 cases heard, 0 settled there"
eq "participants, with the person when known" "$(sql "SELECT role, name, coalesce(person_id, '-') FROM session_people ORDER BY id")" \
    "$(printf '包小区干部|马超|1\n社区工作者|许褚|3\n物业经理|刘经理|-')"
eq "the case's event" "$(sql "SELECT details FROM events WHERE case_id = 1 AND kind = 'session'")" \
    '{"session":1,"held":"2026-11-04 00:00:00","kind":"reception","platform":"H01","community":"370829001010","outcome":"物业承诺每日清运","settled":false}'
eq "the session's own event" "$(sql "SELECT details FROM events WHERE case_id IS NULL AND kind = 'session'" | jq -c '[.people[1], .cases, .settled]')" \
    '[{"role":"社区工作者","name":"许褚"},[1,2],[]]'

# A deliberation settles case 2 (不出社区): open, so it is resolved there, its
# resolution the outcome; case 3 is heard, not settled.
run 0 escalate --at '2026-11-05 16:00' --session '2026-11-05' --platform 萌山社区红色议事厅 --kind deliberation \
    --people '包小区干部:黄忠,业委会成员:王委员,物业经理:刘经理' --outcome '垃圾站移至小区东门' --settled 2 2 3
same "settled and resolved" "$T/out" <<'X'
id	session	held	session_kind	platform	community	settled	status
2	2	2026-11-05 00:00:00	deliberation	H01	370829001010	1	resolved
3	2	2026-11-05 00:00:00	deliberation	H01	370829001010	0	open
X
eq "case 2 resolved, at the run's time" "$(sql "SELECT status, datetime(resolved, 'unixepoch', 'localtime'), resolution FROM cases WHERE id = 2")" \
    "resolved|2026-11-05 16:00:00|垃圾站移至小区东门"
sql "SELECT kind, details FROM events WHERE case_id = 2 ORDER BY id DESC LIMIT 2" | tac >"$T/ev"
same "the session's event, then the resolution's, on time (due 11-09)" "$T/ev" <<X
session|{"session":2,"held":"2026-11-05 00:00:00","kind":"deliberation","platform":"H01","community":"370829001010",\
"outcome":"垃圾站移至小区东门","settled":true}
resolve|{"resolution":"垃圾站移至小区东门","unit":"370829001010","session":2,"on_time":true}
X
# The call-back loop still applies: only it closes the case (销号).
run 0 callback --at '2026-11-06 09:00' --outcome satisfied 2
eq "closed by its call-back" "$(sql 'SELECT status FROM cases WHERE id = 2')" closed
run 0 ledger verify
has "the history agrees with the cases" "$T/err" "the history is intact"

# A mediation with no platform, in a community; every case heard settled.
# Case 3 has no phone: resolved, it goes to review, as resolve would.
run 0 escalate --at '2026-11-06 10:00' --session 2026-11-06 --community 萌山社区 --kind 调解 \
    --outcome '物业当天修复路灯' --settled all 3
same "a session without a platform" "$T/out" <<'X'
id	session	held	session_kind	platform	community	settled	status
3	3	2026-11-06 00:00:00	mediation		370829001010	1	resolved
X
eq "no one can be called back: review" "$(sql "SELECT kind, details FROM events WHERE case_id = 3 ORDER BY id DESC LIMIT 1")" \
    'review|{"reason":"anonymous"}'

# Refusals: a clear message; no session, no event, no case changed.
before=$(sql "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM session_people), \
  (SELECT count(*) FROM session_cases), (SELECT count(*) FROM events), (SELECT group_concat(status) FROM cases)")
refused() {
	want=$1 msg=$2
	shift 2
	run "$want" escalate --at '2026-11-06 12:00' "$@"
	has "refused: $msg" "$T/err" "escalate: $msg"
}
refused 64 "unknown platform 'H09'" --session 2026-11-06 --platform H09 --kind 接访日 --outcome x 1
refused 65 "no case 99" --session 2026-11-06 --platform H01 --kind 接访日 --outcome x 1 99
refused 65 "case 5 is void: it cannot be heard" --session 2026-11-06 --platform H01 --kind 接访日 --outcome x 5
refused 65 "case 4 is new: route it before it is settled at a session" \
    --session 2026-11-06 --platform H01 --kind 八方议事 --outcome x --settled 4 1 4
refused 64 "case 3 is settled but not heard: give it among the cases heard" \
    --session 2026-11-06 --platform H01 --kind 八方议事 --outcome x --settled 3 1
refused 64 "--session needs --outcome: what the session concluded" --session 2026-11-06 --platform H01 --kind 接访日 1
refused 64 "unknown session kind 'meeting' (expected reception/接访日, deliberation/八方议事 or mediation/调解)" \
    --session 2026-11-06 --platform H01 --kind meeting --outcome x 1
refused 64 "invalid time '2026-13-01'" --session 2026-13-01 --platform H01 --kind 接访日 --outcome x 1
refused 64 "the session's date 2026-11-07 00:00:00 is in the future" --session 2026-11-07 --platform H01 --kind 接访日 --outcome x 1
refused 64 "unknown role '书记' of participant '张三'" --session 2026-11-06 --platform H01 --kind 接访日 --outcome x --people 书记:张三 1
refused 64 "participant '张三' is not role:name" --session 2026-11-06 --platform H01 --kind 接访日 --outcome x --people 张三 1
refused 64 "platform 'H01' is not in community '祥和社区'" --session 2026-11-06 --platform H01 --community 祥和社区 --kind 接访日 --outcome x 1
refused 64 "--session needs --platform (or --community when there is none)" --session 2026-11-06 --kind 接访日 --outcome x 1
refused 64 "--platform, --community, --kind, --people, --outcome and --settled go with --session" --platform H01 1
eq "nothing stored" "$(sql "SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM session_people), \
  (SELECT count(*) FROM session_cases), (SELECT count(*) FROM events), (SELECT group_concat(status) FROM cases)")" "$before"
done_testing
