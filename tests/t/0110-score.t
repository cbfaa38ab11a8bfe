#!/bin/sh
# score: the monthly assessment of the three lines on a hand-built ledger,
# every figure computed by hand below; ties, the minimum-case rule,
# deductions, month ends in local time, voided and reopened cases, the
# cutoff, years, spans, the bulletin, every output format, the config.
#
# The ledger is written with SQL: reconcile (deductions) did not exist when
# this was written, and the times of resolutions, closures and call-backs
# must be exact. The tools that fill the same columns (resolve, callback,
# reconcile) are checked against score at the end.
. tests/t/lib.sh

org
cat >"$T/units2.csv" <<'CSV'
code,name,kind,parent,contact,phone
D02,嘉祥县供热公司,department,370829,,
P02,县教体局,pairing,370829,,
CSV
cat >"$T/people2.csv" <<'CSV'
name,phone,unit,role,covers
关羽,13900000005,370829001013,社区工作者,
张飞,13900000006,370829001010-E01,小区书记,
刘备,13900000007,370829001010-E02,物业经理,
赵云,13900000008,P02,民情书记,
CSV
units import "$T/units2.csv" "$T/people2.csv" >/dev/null 2>&1

ts() { date -d "$1" +%s; }
uid() { if [ "$1" = - ]; then echo NULL; else echo "(SELECT id FROM units WHERE code = '$1')"; fi; }
pid() { if [ "$1" = - ]; then echo NULL; else echo "(SELECT id FROM people WHERE name = '$1')"; fi; }
tm() { if [ "$1" = - ]; then echo NULL; else ts "$1"; fi; }
str() { if [ "$1" = - ]; then echo NULL; else echo "'$1'"; fi; }
# kase ID CHANNEL RECEIVED UNIT COMMUNITY FIRST RESP COLLECTOR STATUS RESOLVED CLOSED DUE COLOUR REOPENS
kase() {
	echo "INSERT INTO cases(id, channel, ref, received, unit_id, community_id, first_id, resp_id," \
	    "collector_id, status, resolved, closed, due, colour, reopens, text, updated) VALUES ($1," \
	    "'$2', 'R$1', $(ts "$3"), $(uid "$4"), $(uid "$5"), $(uid "$6"), $(uid "$7"), $(pid "$8")," \
	    "'$9', $(tm "${10}"), $(tm "${11}"), $(tm "${12}"), $(str "${13}"), ${14}, '诉求$1', 0);"
}
cb() { echo "INSERT INTO callbacks(case_id, at, outcome, operator) VALUES ($1, $(ts "$2"), '$3', 't');"; }
ded() { echo "INSERT INTO deductions(month, unit_id, person_id, points, reason, created) VALUES ('$1', $(uid "$2"), $(pid "$3"), 2, 'missed', 0);"; }
meeting() { echo "INSERT INTO meetings(id, held, units, decision, lead_id, operator, created) VALUES ($1, $(ts "$2"), '', '会商', $(uid "$3"), 't', 0);"; }
about() { echo "INSERT INTO meeting_cases(meeting_id, case_id) VALUES ($1, $2);"; }

X=370829001013 M=370829001010 H=370829002200 E1=370829001010-E01 E2=370829001010-E02
C=370829C01
D='23:59:59'
{
# October 2026; its cutoff is 2026-11-06 00:00 (month end + 5 days, before now).
# 祥和社区 X (collector 关羽): three cases done perfectly.
kase 1 visit '2026-10-01 07:00' $X $X $X $X 关羽 closed '2026-10-03 10:00' '2026-10-04 10:00' "2026-10-09 $D" - 0
kase 2 hall '2026-10-12 09:00' - $X $X $X 关羽 closed '2026-10-13 10:00' '2026-10-14 10:00' "2026-10-19 $D" - 0
kase 3 wechat '2026-10-31 23:30' $X $X $X $X 关羽 closed '2026-11-02 10:00' '2026-11-03 10:00' "2026-11-09 $D" - 0
cb 1 '2026-10-04 09:00' satisfied; cb 2 '2026-10-14 09:00' satisfied; cb 3 '2026-11-03 09:00' basic
# Not X's in October: a hotline case (line 3 only), one received in November
# local time (still October in UTC), a voided one.
kase 4 hotline '2026-10-15 10:00' - $X D01 D01 - open - - "2026-10-22 $D" - 0
kase 5 visit '2026-11-01 00:30' $X $X $X $X 关羽 open - - "2026-11-07 $D" - 0
kase 6 visit '2026-10-20 10:00' $X $X $X $X 关羽 void - - - - 0
# 萌山社区 M (collector 许褚): on time, late, reopened, overdue and red.
kase 10 visit '2026-10-09 10:00' $M $M $M $M 许褚 closed '2026-10-12 10:00' '2026-10-14 10:00' "2026-10-16 $D" - 0
kase 11 visit '2026-10-10 09:00' $M $M $M $M 许褚 closed '2026-10-20 10:00' '2026-10-22 10:00' "2026-10-17 $D" - 0
kase 12 hall '2026-10-15 09:00' $M $M $M $M 许褚 closed '2026-10-28 10:00' '2026-10-30 10:00' "2026-10-29 $D" - 1
kase 13 visit '2026-10-25 10:00' $M $M $M $M 许褚 open - - "2026-10-31 $D" red 0
cb 10 '2026-10-14 09:00' satisfied; cb 11 '2026-10-22 09:00' basic
cb 12 '2026-10-20 09:00' dissatisfied; cb 12 '2026-10-30 09:00' satisfied
# 黄岗村 H: one fast case.
kase 14 visit '2026-10-16 10:00' $H $H $H $H - closed '2026-10-17 10:00' '2026-10-18 10:00' "2026-10-23 $D" - 0
cb 14 '2026-10-18 09:00' satisfied
# Estates as collecting units: 祥和苑 E1 (张飞) and 金城花园 E2 (刘备), alike;
# the third call-back reached nobody.
kase 15 visit '2026-10-05 10:00' $E1 $M $M $M 张飞 closed '2026-10-07 10:00' '2026-10-08 10:00' "2026-10-12 $D" - 0
kase 16 visit '2026-10-06 10:00' $E1 $M $M $M 张飞 closed '2026-10-08 10:00' '2026-10-09 10:00' "2026-10-13 $D" - 0
kase 17 visit '2026-10-07 10:00' $E1 $M $M $M 张飞 closed '2026-10-09 10:00' '2026-10-10 10:00' "2026-10-14 $D" - 0
kase 18 visit '2026-10-05 10:00' $E2 $M $M $M 刘备 closed '2026-10-07 10:00' '2026-10-08 10:00' "2026-10-12 $D" - 0
kase 19 visit '2026-10-06 10:00' $E2 $M $M $M 刘备 closed '2026-10-08 10:00' '2026-10-09 10:00' "2026-10-13 $D" - 0
kase 20 visit '2026-10-07 10:00' $E2 $M $M $M 刘备 closed '2026-10-09 10:00' '2026-10-10 10:00' "2026-10-14 $D" - 0
cb 15 '2026-10-08 09:00' satisfied; cb 16 '2026-10-09 09:00' satisfied; cb 17 '2026-10-10 09:00' unreachable
cb 18 '2026-10-08 09:00' satisfied; cb 19 '2026-10-09 09:00' satisfied; cb 20 '2026-10-10 09:00' unreachable
# Pairing unit P01 (典韦): four cases, one not closed yet; case 22 went to D01.
kase 21 visit '2026-10-08 10:00' P01 $X $X $X 典韦 closed '2026-10-10 10:00' '2026-10-11 10:00' "2026-10-15 $D" - 0
kase 22 visit '2026-10-09 10:00' P01 $X D01 D01 典韦 closed '2026-10-20 10:00' '2026-10-21 10:00' "2026-10-23 $D" - 0
kase 23 visit '2026-10-21 10:00' P01 $H $H $H 典韦 resolved '2026-10-27 10:00' - "2026-10-28 $D" - 0
kase 24 visit '2026-10-22 10:00' P01 $X $X $X 典韦 closed '2026-10-23 10:00' '2026-10-24 10:00' "2026-10-29 $D" - 0
cb 21 '2026-10-11 09:00' satisfied; cb 22 '2026-10-21 09:00' satisfied; cb 24 '2026-10-24 09:00' satisfied
# Pairing unit P02 (赵云): two cases, one not routed yet.
kase 25 visit '2026-10-11 10:00' P02 $M $M $M 赵云 closed '2026-10-12 10:00' '2026-10-13 10:00' "2026-10-18 $D" - 0
kase 26 visit '2026-10-12 10:00' P02 $M - - 赵云 new - - - - 0
cb 25 '2026-10-13 09:00' satisfied
# Departments: 27 triaged by the centre then sent to D01; 28 first went to
# D02 and was moved to D01 (D02 stays answerable); 29 escalated from M to D01.
kase 27 other '2026-10-13 10:00' - - $C D01 - resolved '2026-10-19 10:00' - "2026-10-27 $D" red 0
kase 28 visit '2026-10-14 10:00' - - D02 D01 - closed '2026-10-16 10:00' '2026-10-17 10:00' "2026-10-28 $D" - 0
kase 29 visit '2026-10-14 11:00' - - $M D01 - closed '2026-10-25 10:00' '2026-10-26 10:00' "2026-10-24 $D" - 0
kase 30 visit '2026-10-16 10:00' - - D02 D02 - closed '2026-10-18 10:00' '2026-10-19 10:00' "2026-10-30 $D" - 0
kase 31 visit '2026-10-17 10:00' - - D02 D02 - closed '2026-10-20 10:00' '2026-10-21 10:00' "2026-10-31 $D" - 0
kase 32 visit '2026-10-18 10:00' - - D02 D02 - closed '2026-10-30 10:00' '2026-10-31 10:00' "2026-10-25 $D" - 0
cb 28 '2026-10-17 09:00' satisfied; cb 29 '2026-10-26 09:00' basic; cb 30 '2026-10-19 09:00' satisfied
cb 31 '2026-10-21 09:00' satisfied; cb 32 '2026-10-31 09:00' satisfied
# September (cutoff 2026-10-06 00:00): X's case 35 was handled after it.
kase 33 visit '2026-09-10 10:00' $X $X $X $X 关羽 closed '2026-09-12 10:00' '2026-09-13 10:00' "2026-09-17 $D" - 0
kase 34 visit '2026-09-20 10:00' $X $X $X $X 关羽 closed '2026-09-22 10:00' '2026-09-23 10:00' "2026-09-27 $D" - 0
kase 35 visit '2026-09-30 23:30' $X $X $X $X 关羽 closed '2026-10-08 10:00' '2026-10-09 10:00' "2026-10-12 $D" - 0
kase 36 visit '2026-09-15 10:00' $M $M $M $M 许褚 closed '2026-09-16 10:00' '2026-09-17 10:00' "2026-09-22 $D" - 0
cb 33 '2026-09-13 09:00' satisfied; cb 34 '2026-09-23 09:00' satisfied; cb 35 '2026-10-09 09:00' satisfied
cb 36 '2026-09-17 09:00' satisfied
# Missed hotline demands, as reconcile books them.
ded 2026-10 $E1 马超; ded 2026-10 $E2 马超; ded 2026-10 $M -; ded 2026-10 P01 典韦
ded 2026-09 $X 关羽; ded 2026-11 $X -
# County meetings: in October D01 led two (one also about D02's case 28 and
# the hotline case 4, one about P01's case 22); one was about M's case 10.
meeting 1 '2026-10-20 15:00' D01; about 1 4; about 1 28
meeting 2 '2026-10-25 10:00' -; about 2 10
meeting 3 '2026-11-03 10:00' D01; about 3 29
meeting 4 '2026-10-28 10:00' D01; about 4 22
} >"$T/ledger.sql"
sql <"$T/ledger.sql"
eq "the hand-built ledger" "$(sql "SELECT count(*) FROM cases")" 33

# October, by unit. The rates are percentages; each scores its points at or
# above its target, one point less per percentage point below:
#   closure (closed/counted) 30 at 90%, first-time (closed, never reopened)
#   25 at 90%, on time (resolved by the deadline / cases due) 25 at 90%,
#   satisfaction (satisfied + basic / answered call-backs) 20 at 98%;
#   2 points (1, doubled) off for each missed demand; ranked at 3 cases.
# X 1,2,3: 3 counted, all closed first time on time, 3/3 satisfied: 100.
#   (1 is October in local time; 3 was handled in November, before the
#   cutoff; 4 is a hotline case, 5 is November's, 6 is void.)
# E1 15-17, E2 18-20: 3 each, all perfect, 2 answered of 3 call-backs (one
#   unreachable): 100 - 2 (one missed) = 98; a tie, ranks 2 and 2.
# M 10-13: 4 counted, 3 resolved, 3 closed (75%: 30-15 = 15), first-time 2
#   (12 was reopened; 50%: 0), due 4 (13 is overdue) of which on time 2 (10,
#   12 by its new deadline; 50%: 0), satisfied 3 of 4 answered (75%: 0);
#   13 is red; one meeting (2, about case 10); 15 - 2 (one missed) = 13: rank 4.
# H 14: one perfect case, 100, but below 3 cases: not ranked.
# P01 21-24: 4 counted, 4 resolved, 3 closed (75%: 30-15 = 15), first-time
#   3 (75%: 25-15 = 10), 4 on time (25), 3/3 satisfied (20) = 70 - 2 = 68;
#   meeting 4 (case 22).
# P02 25-26: 2 counted (26 not routed: no deadline), 1 closed (50%: 0, 0),
#   1 of 1 due on time (25), 1/1 satisfied (20) = 45, not ranked.
# D01 4,22,27,29: 4 counted, 3 resolved, 2 closed (50%: 0, 0), due 4 (4 is
#   overdue), on time 22 and 27 (50%: 0), 2/2 satisfied (20) = 20; 27 red;
#   meetings 1 and 4 (3 is November's).
# D02 28,30,31,32: 4 closed first time (30 + 25), on time 3 of 4 (32 late;
#   75%: 25-15 = 10), 4/4 satisfied (20) = 85; meeting 1 (case 28).
run 0 score -m 2026-10
same "October by unit" "$T/out" <<'X'
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	missed	deduction	score	grade
community	1	370829001013	祥和社区居民委员会	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
community	2	370829001010-E01	祥和苑	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	1	2.00	98.00	优秀
community	2	370829001010-E02	金城花园	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	1	2.00	98.00	优秀
community	4	370829001010	萌山社区居民委员会	1	4	3	3	1	1	1	1	75.0	50.0	50.0	75.0	1	2.00	13.00	不合格
community		370829002200	黄岗村委会	1	1	1	1	0	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
pairing	1	P01	县财政局	1	4	4	3	0	0	0	1	75.0	75.0	100.0	100.0	1	2.00	68.00	合格
pairing		P02	县教体局	1	2	1	1	0	0	0	0	50.0	50.0	100.0	100.0	0	0.00	45.00	不合格
department	1	D02	嘉祥县供热公司	1	4	4	4	0	0	0	1	100.0	100.0	75.0	100.0	0	0.00	85.00	良好
department	2	D01	县住房和城乡建设局	1	4	3	2	0	1	1	2	50.0	50.0	50.0	100.0	0	0.00	20.00	不合格
X

# By person. 关羽 (X's 1-3), 张飞 (E1's), 刘备 (E2's): 100 each, a tie of
# three (1, 1, 1, then 4); 许褚 (M's 10-13, the missed demand booked to M
# alone): 15; 马超, covering cadre of E1 and E2, collected nothing and has
# both their missed demands: 100 - 4 = 96, not ranked. 典韦 (P01's, and
# P01's missed demand): 68; 赵云 (P02's): 45, not ranked.
run 0 score -m 2026-10 --by person
same "October by person, names masked" "$T/out" <<'X'
line	rank	person	role	unit	months	counted	resolved	closed	reopened	overdue	red	closure_rate	first_rate	on_time_rate	satisfaction_rate	missed	deduction	score	grade
community	1	关*	社区工作者	祥和社区居民委员会	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
community	1	刘*	物业经理	金城花园	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
community	1	张*	小区书记	祥和苑	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
community	4	许*	社区工作者	萌山社区居民委员会	1	4	3	3	1	1	1	75.0	50.0	50.0	75.0	0	0.00	15.00	不合格
community		马*	包小区干部	嘉祥镇街道	1	0	0	0	0	0	0					2	4.00	96.00	优秀
pairing	1	典*	民情书记	县财政局	1	4	4	3	0	0	0	75.0	75.0	100.0	100.0	1	2.00	68.00	合格
pairing		赵*	民情书记	县教体局	1	2	1	1	0	0	0	50.0	50.0	100.0	100.0	0	0.00	45.00	不合格
X
eq "no reveal, no event" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 0
run 0 score -m 2026-10 --by person --line pairing --reveal -u 督办专班
eq "--reveal shows the names" "$(tail -n +2 "$T/out" | cut -f3 | tr '\n' ' ')" "典韦 赵云 "
eq "and is recorded" "$(sql "SELECT operator || '|' || (case_id IS NULL) || '|' || json_extract(details, '\$.what') FROM events WHERE kind = 'reveal'")" "督办专班|1|names of people assessed"

# One line, a limit; the figures reproduced by queries as score(1) shows.
run 0 score -m 2026-10 -l department --limit 1
eq "--line and --limit" "$(tail -n +2 "$T/out" | cut -f1-3)" "$(printf 'department\t1\tD02')"
from=$(ts 2026-10-01) to=$(ts 2026-11-01) cut=$(ts 2026-11-06)
eq "counted by a query (line 1, collecting unit or community)" "$(sql "SELECT count(*) FROM cases c LEFT JOIN units u ON u.id = c.unit_id
    WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'
    AND c.channel IN ('visit', 'hall', 'wechat', 'other')
    AND coalesce(c.unit_id, c.community_id) = (SELECT id FROM units WHERE code = '$X')")" 3
eq "on time by a query (D01, first handler or else the unit now)" "$(sql "SELECT sum(c.status IN ('resolved', 'closed') AND coalesce(c.resolved, c.closed) < $cut AND coalesce(c.resolved, c.closed) <= c.due) || '/' ||
    sum(c.due IS NOT NULL AND ((c.status IN ('resolved', 'closed') AND coalesce(c.resolved, c.closed) < $cut) OR c.due < $cut))
    FROM cases c LEFT JOIN units f ON f.id = c.first_id LEFT JOIN units r ON r.id = c.resp_id
    WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'
    AND CASE WHEN f.kind = 'department' THEN f.code WHEN r.kind = 'department' THEN r.code END = 'D01'")" "2/4"
eq "satisfaction by a query (M)" "$(sql "SELECT sum(b.outcome IN ('satisfied', 'basic')) || '/' || sum(b.outcome <> 'unreachable')
    FROM callbacks b JOIN cases c ON c.id = b.case_id
    WHERE c.received >= $from AND c.received < $to AND c.status <> 'void' AND b.at < $cut
    AND c.channel IN ('visit', 'hall', 'wechat', 'other')
    AND coalesce(c.unit_id, c.community_id) = (SELECT id FROM units WHERE code = '$M')")" "3/4"

# September: X's case 35 was resolved on 8 October, after September's cutoff
# (6 October), so it counts as open and not yet due: 3 counted, 2 closed
# (66.7%: 30 - 23.33 = 6.67; first-time 25 - 23.33 = 1.67), 2 of 2 due on
# time (25), 2/2 satisfied (20) = 53.33, - 2 (a missed demand) = 51.33.
# M: one perfect case, 100, not ranked.
run 0 score -m 2026-09 -l community
same "September: the cutoff" "$T/out" <<'X'
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	missed	deduction	score	grade
community	1	370829001013	祥和社区居民委员会	1	3	2	2	0	0	0	0	66.7	66.7	100.0	100.0	1	2.00	51.33	不合格
community		370829001010	萌山社区居民委员会	1	1	1	1	0	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
X

# November to now (2026-11-26 09:00): X's case 5 (received 00:30 on the
# 1st) is open past its deadline: 0 + 0 + 0 + 20 (no call-back to measure)
# - 2 (November's missed demand) = 18.
run 0 score -m 2026-11 -l community
same "November: a case of the first half hour, local time" "$T/out" <<'X'
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	missed	deduction	score	grade
community		370829001013	祥和社区居民委员会	1	1	0	0	0	1	0	0	0.0	0.0	0.0		1	2.00	18.00	不合格
X

# Months are local: read in UTC, case 1 (07:00 on 1 October in Shanghai)
# falls in September and case 5 (00:30 on 1 November) in October, where it
# is not due yet: X has 2, 3 and 5, two of them resolved.
run 0 env TZ=UTC score -m 2026-10 -l community
eq "the same ledger in UTC" "$(grep 370829001013 "$T/out" | cut -f6,7)" "$(printf '3\t2')"

# The year: each month scored on its own, the scores summed. X: 51.33 +
# 100 + 18 = 169.33 over 3 months, 7 cases (below 3 a month: not ranked);
# M: 100 + 13 = 113 over 2, 5 cases (not ranked); E1, E2: 98 (ranked, tied).
# The grade is that of the average month (X 169.33 / 3 = 56.44, M 113 / 2
# = 56.5: 不合格).
run 0 score -y 2026 -l community
same "2026 by unit" "$T/out" <<'X'
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	missed	deduction	score	grade
community	1	370829001010-E01	祥和苑	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	1	2.00	98.00	优秀
community	1	370829001010-E02	金城花园	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	1	2.00	98.00	优秀
community		370829001013	祥和社区居民委员会	3	7	5	5	0	1	0	0	71.4	71.4	83.3	100.0	2	4.00	169.33	不合格
community		370829001010	萌山社区居民委员会	2	5	4	4	1	1	1	1	80.0	60.0	60.0	80.0	1	2.00	113.00	不合格
community		370829002200	黄岗村委会	1	1	1	1	0	0	0	0	100.0	100.0	100.0	100.0	0	0.00	100.00	优秀
X

# A config: ranked from one case, a red case costs 5; and October's misses
# booked at 1 point each (as reconcile books them with a multiplier of 1):
# a miss costs the points stored with it, not today's price.
# October line 1: X 100 and H 100 tie (1, 1); E1, E2 99 (3, 3); M 15 - 1 - 5
# = 9 (5). D01: 20 - 5 = 15.
cat >"$T/cfg.json" <<'JSON'
{"score": {"min_cases": 1, "red_points": 5}}
JSON
cp "$MINYI_DB" "$T/one.db"
sqlite3 "$T/one.db" "UPDATE deductions SET points = 1 WHERE month = '2026-10'"
MINYI_DB=$T/one.db run 0 score -c "$T/cfg.json" -m 2026-10
cut -f1-4,11,17-20 "$T/out" >"$T/got"
same "min_cases, red_points and multiplier from the config" "$T/got" <<'X'
line	rank	code	unit	red	missed	deduction	score	grade
community	1	370829001013	祥和社区居民委员会	0	0	0.00	100.00	优秀
community	1	370829002200	黄岗村委会	0	0	0.00	100.00	优秀
community	3	370829001010-E01	祥和苑	0	1	1.00	99.00	优秀
community	3	370829001010-E02	金城花园	0	1	1.00	99.00	优秀
community	5	370829001010	萌山社区居民委员会	1	1	6.00	9.00	不合格
pairing	1	P01	县财政局	0	1	1.00	69.00	合格
pairing	2	P02	县教体局	0	0	0.00	45.00	不合格
department	1	D02	嘉祥县供热公司	0	0	0.00	85.00	良好
department	2	D01	县住房和城乡建设局	1	0	5.00	15.00	不合格
X
echo '{"score": {"missed": {"multiplier": 1}}}' >"$T/old.json"
run 78 score -c "$T/old.json" -m 2026-10
has "the old per-miss price is refused with where it went" "$T/err" "'score.missed': no longer read: a missed demand costs the points reconcile booked with it"
# With every month ranked, the year sums rank too: X 169.33, M 113, H 100,
# E1 and E2 98 (a tie for 4th).
echo '{"score": {"min_cases": 0}}' >"$T/cfg0.json"
run 0 score -c "$T/cfg0.json" -y 2026 -l community
eq "the year ranked on the sums" "$(tail -n +2 "$T/out" | cut -f2,3,19 | tr '\t\n' ' |')" "1 370829001013 169.33|2 370829001010 113.00|3 370829002200 100.00|4 370829001010-E01 98.00|4 370829001010-E02 98.00|"

# A span across a month end in local time: 20:00 on 31 October to 06:00 on
# 1 November holds X's cases 3 and 5, and November's missed demand (its
# month starts inside); cutoff 06:00 on 6 November. 3: closed first time on
# time, satisfied; 5: open, not due yet. 50%: 0, 0; on time 25; 20; - 2 = 43.
run 0 score -l community --from '2026-10-31 20:00' --to '2026-11-01 06:00'
same "a span across the month end" "$T/out" <<'X'
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	missed	deduction	score	grade
community		370829001013	祥和社区居民委员会	1	2	1	1	0	0	0	0	50.0	50.0	100.0	100.0	1	2.00	43.00	不合格
X
run 0 score --from 2026-10-01 --to 2026-10-31
cp "$T/out" "$T/span"
run 0 score -m 2026-10
if diff -u "$T/out" "$T/span" >/dev/null; then pass "a span of the whole month is the month"; else fail "a span of the whole month is the month"; fi

# The bulletin: per line, Chinese headers, the month before (September: X
# ranked 1st with 51.33, M not ranked with 100).
run 0 score --bulletin -m 2026-10 -l community --by unit
same "the bulletin" "$T/out" <<'X'
嘉祥县民意诉求办理情况通报
（2026年10月）

统计范围：2026-10-01至2026-10-31受理的诉求；办理情况截至2026-11-06 00:00:00。
计分办法：办结率30分（≥90%，每低1个百分点扣1分），一次办结率25分（≥90%，每低1个百分点扣1分），按时办结率25分（≥90%，每低1个百分点扣1分），满意率20分（≥98%，每低1个百分点扣1分）；热线漏报按核查时记入的分值扣分（现行每件1分×2倍）。当月不足3件的单位和个人不排名（排名记为“—”）。

一、社区、小区（按搜集的诉求）
排名  单位                搜集  办结  办结率  一次办结率  按时办结率  满意率  超期  漏报  扣分    得分  等级    上月排名  得分环比
   1  祥和社区居民委员会     3     3  100.0%      100.0%      100.0%  100.0%     0     0  0.00  100.00  优秀           1    +48.67
   2  祥和苑                 3     3  100.0%      100.0%      100.0%  100.0%     0     1  2.00   98.00  优秀           —         —
   2  金城花园               3     3  100.0%      100.0%      100.0%  100.0%     0     1  2.00   98.00  优秀           —         —
   4  萌山社区居民委员会     4     3   75.0%       50.0%       50.0%   75.0%     1     1  2.00   13.00  不合格         —    -87.00
   —  黄岗村委会             1     1  100.0%      100.0%      100.0%  100.0%     0     0  0.00  100.00  优秀           —         —
X
run 0 score --bulletin -m 2026-10
has "three unit sections" "$T/out" "三、职能部门（按承办的诉求，首办负责制）"
has "departments are counted by what they took on" "$T/out" "排名  单位                承办"
has "then the people of the lines with any" "$T/out" "五、“双报到”单位线个人（民情书记等搜集人员）"
has "names masked" "$T/out" "关*"
eq "no section for the people of departments" "$(grep -c '职能部门线个人' "$T/out")" 0

# Every output format.
run 0 score -m 2026-10 -l pairing -o csv --bom
printf '\357\273\277line,rank,code,unit,months,counted,resolved,closed,reopened,overdue,red,meetings,closure_rate,first_rate,on_time_rate,satisfaction_rate,missed,deduction,score,grade\r\npairing,1,P01,县财政局,1,4,4,3,0,0,0,1,75.0,75.0,100.0,100.0,1,2.00,68.00,合格\r\npairing,,P02,县教体局,1,2,1,1,0,0,0,0,50.0,50.0,100.0,100.0,0,0.00,45.00,不合格\r\n' >"$T/want.csv"
if cmp -s "$T/want.csv" "$T/out"; then pass "csv with a BOM for Excel and WPS"; else fail "csv with a BOM for Excel and WPS"; od -c "$T/out" | head -5 | sed 's/^/#   /'; fi
run 0 score -m 2026-10 -l pairing -o json
eq "json: numbers, and null for no rank" "$(jq -c '[.[] | [.rank, .code, .score, .on_time_rate]]' "$T/out")" '[[1,"P01",68,100],[null,"P02",45,100]]'
run 0 score -m 2026-11 -l community -o ndjson
eq "ndjson: null for a rate with nothing to measure" "$(jq -c '[.satisfaction_rate, .score]' "$T/out")" '[null,18]'
run 0 score -m 2026-10 -l pairing -o table
same "table" "$T/out" <<'X'
line     rank  code  unit      months  counted  resolved  closed  reopened  overdue  red  meetings  closure_rate  first_rate  on_time_rate  satisfaction_rate  missed  deduction  score  grade
pairing     1  P01   县财政局       1        4         4       3         0        0    0         1          75.0        75.0         100.0              100.0       1       2.00  68.00  合格
pairing        P02   县教体局       1        2         1       1         0        0    0         0          50.0        50.0         100.0              100.0       0       0.00  45.00  不合格
X

# Usage and configuration errors.
run 64 score
run 64 score -m 2026-13
has "a bad month" "$T/err" "score: invalid month '2026-13' (expected YYYY-MM)"
run 64 score -m 2026-10 -y 2026
run 64 score --from 2026-10-01
run 64 score --from 2026-10-02 --to 2026-10-01
has "an empty span" "$T/err" "score: the period is empty: --from must come before --to"
run 64 score -m 2026-10 -l streets
has "a bad line" "$T/err" "score: unknown line 'streets' (expected community, pairing or department)"
run 64 score -m 2026-10 --by street
run 64 score --bulletin -y 2026
run 64 score --bulletin -m 2026-10 -o csv
run 64 score -m 2026-10 --limit 0
echo '{"score": {"rates": {"closure": {"target": 90}}}}' >"$T/bad1.json"
run 78 score -c "$T/bad1.json" -m 2026-10
has "a target is a fraction" "$T/err" "'score.rates.closure.target': expected a number from 0 to 1"
echo '{"score": {"grades": [{"name": "甲", "min": 60}, {"name": "乙", "min": 80}]}}' >"$T/bad2.json"
run 78 score -c "$T/bad2.json" -m 2026-10
has "grades from the top down" "$T/err" "'score.grades[1]': expected a name and a min below the grade before it"
echo '{"score": {"collected_channels": ["fax"]}}' >"$T/bad3.json"
run 78 score -c "$T/bad3.json" -m 2026-10
has "a channel" "$T/err" "'score.collected_channels[0]': expected visit, hall, hotline, wechat or other, found 'fax'"
echo '{"score": {"min_cases": 2.5}}' >"$T/bad4.json"
run 78 score -c "$T/bad4.json" -m 2026-10
run 66 score -d "$T/none.db" -m 2026-10

# The tools that fill these columns: a case intaken, routed, resolved on
# time and called back satisfied counts as closed first time, on time.
intake --at '2026-12-01 09:00' --text '楼道灯不亮' --phone 13912345678 --community 黄岗村 \
    --unit 黄岗村 >/dev/null 2>&1
id=$(sql "SELECT max(id) FROM cases")
route --at '2026-12-01 10:00' "$id" >/dev/null 2>&1
resolve --at '2026-12-02 10:00' --note '已修好' "$id" >/dev/null 2>&1
callback --at '2026-12-03 10:00' --outcome satisfied "$id" >/dev/null 2>&1
# A hotline demand the teams never collected, in 书香名邸 (祥和社区, covered
# by 黄忠): reconcile books it to the community and the cadre, 2 points.
printf '工单编号,来电时间,来电号码,诉求地址,诉求内容,所属街道,所属社区\nGD9,2026-12-05 10:00,13911112222,祥和社区书香名邸5号楼,书香名邸5号楼下水道堵了,嘉祥镇街道,祥和社区\n' >"$T/hot.csv"
reconcile --at '2026-12-06 09:00' "$T/hot.csv" >/dev/null 2>&1
run 0 score --at '2026-12-10 09:00' -m 2026-12 -l community
eq "with the tools: H's December" "$(grep 370829002200 "$T/out" | cut -f3,6-8,13-16)" "$(printf '370829002200\t1\t1\t1\t100.0\t100.0\t100.0\t100.0')"
eq "and X's missed demand" "$(grep 370829001013 "$T/out" | cut -f6,17-19)" "$(printf '0\t1\t2.00\t98.00')"
run 0 score --at '2026-12-10 09:00' -m 2026-12 --by person
eq "booked to the covering cadre too" "$(grep 包小区干部 "$T/out" | cut -f3,17-19)" "$(printf '黄*\t1\t2.00\t98.00')"
done_testing
