#!/bin/sh
# score: the monthly assessment of the three lines on the hand-built ledger
# of lib.sh (score_ledger), every figure computed by hand below: October by
# unit and by person, ties, the minimum-case rule, deductions, meetings,
# reveal, one line and a limit, and the figures reproduced by queries.
. tests/t/lib.sh

score_ledger

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
# callback_rate: resolved cases with an answered call-back before the cutoff,
#   of those resolved: X 3/3; E1, E2 2/3 (17, 20 unreachable) 66.7; M 3/3
#   (13 is open); H 1/1; P01 3/4 (23 not called) 75.0; P02 1/1; D02 4/4;
#   D01 2/3 (22, 29; 27 not called) 66.7.
# hotline, hotline_rate (communities and estates, of the place): no hotline
#   record, so 0 and 0.0 where the ledger has cases of the place; the
#   estates' cases name no estate: nothing to measure, empty.
# The places: 嘉祥镇街道 holds X's and M's communities: 1-4, 21, 22, 24 and
#   10-13, 15-20, 25, 26 = 19; resolved 16 (not 4, 13, 26), closed 16,
#   reopened 1 (12), overdue 2 (4, 13), red 1 (13); first 15/19 = 78.9;
#   due 18, on time 15 (not 11; 4, 13 overdue) = 83.3; satisfied 14 of 15
#   answered = 93.3; called 14 of 16 resolved (not 17, 20) = 87.5.
#   卧龙山街道 (H): 14 and 23: resolved 2, closed 1 (50.0, 50.0), on time 2/2,
#   1/1 satisfied, called 1/2 (23 not) = 50.0. Both are 街道: urban 21, 18
#   resolved, 17 closed (81.0), first 16 (76.2), 17/20 on time (85.0),
#   15/16 satisfied (93.8), 15/18 called (83.3); no town, no rural row.
# The county: every case once, 27 (27-32 have no community): resolved 24,
#   closed 22 (81.5), first 21 (77.8), on time 21/26 (29, 32 late: 80.8),
#   satisfied 20/21 (95.2), called 20/24 (83.3), red 2, the 4 misses of
#   October booked (8.00); places have no misses (they are booked to units),
#   and no place, the county neither, has a score.
# sessions and settled_at_session: no session is held in this ledger, so 0
# for each community, empty for estates, pairing units, departments and places.
run 0 score -m 2026-10
same "October by unit" "$T/out" <<X
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	\
hotline	hotline_rate	missed	deduction	score	grade	sign_rate	sign_on_time_rate	returned	extensions	sessions	settled_at_session
community	1	370829001013	祥和社区居民委员会	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	100.0	0	0.0	0	0.00	100.00	优秀			0	0	0	0
community	2	370829001010-E01	祥和苑	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	66.7	0		1	2.00	98.00	优秀			0	0		
community	2	370829001010-E02	金城花园	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	66.7	0		1	2.00	98.00	优秀			0	0		
community	4	370829001010	萌山社区居民委员会	1	4	3	3	1	1	1	1	75.0	50.0	50.0	75.0	100.0	0	0.0	1	2.00	13.00	不合格			0	0	0	0
community		370829002200	黄岗村委会	1	1	1	1	0	0	0	0	100.0	100.0	100.0	100.0	100.0	0	0.0	0	0.00	100.00	优秀			0	0	0	0
pairing	1	P01	县财政局	1	4	4	3	0	0	0	1	75.0	75.0	100.0	100.0	75.0			1	2.00	68.00	合格			0	0		
pairing		P02	县教体局	1	2	1	1	0	0	0	0	50.0	50.0	100.0	100.0	100.0			0	0.00	45.00	不合格			0	0		
department	1	D02	嘉祥县供热公司	1	4	4	4	0	0	0	1	100.0	100.0	75.0	100.0	100.0			0	0.00	85.00	良好			0	0		
department	2	D01	县住房和城乡建设局	1	4	3	2	0	1	1	2	50.0	50.0	50.0	100.0	66.7			0	0.00	20.00	不合格			0	0		
street		370829001	嘉祥镇街道	1	19	16	16	1	2	1	0	84.2	78.9	83.3	93.3	87.5	0	0.0										
street		370829002	卧龙山街道	1	2	2	1	0	0	0	0	50.0	50.0	100.0	100.0	50.0	0	0.0										
area		urban	街道（城区）	1	21	18	17	1	2	1	0	81.0	76.2	85.0	93.8	83.3	0	0.0										
county		370829	嘉祥县	1	27	24	22	1	2	2	0	81.5	77.8	80.8	95.2	83.3	0	0.0	4	8.00								
X

# by_person NAME: score by person for October is its header and the rows on
# standard input.
by_person() {
	run 0 score -m 2026-10 --by person
	{
		cat <<X
line	rank	person	role	unit	months	counted	resolved	closed	reopened	overdue	red	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	\
hotline	hotline_rate	missed	deduction	score	grade	sign_rate	sign_on_time_rate	returned	extensions
X
		cat
	} >"$T/want.person"
	same "$1" "$T/out" <"$T/want.person"
}

# By person. 关羽 (X's 1-3), 张飞 (E1's), 刘备 (E2's): 100 each, a tie of
# three (1, 1, 1, then 4); 许褚 (M's 10-13, the missed demand booked to M
# alone): 15; 马超, covering cadre of E1 and E2, collected nothing and has
# both their missed demands: 100 - 4 = 96, not ranked. 典韦 (P01's, and
# P01's missed demand): 68; 赵云 (P02's): 45, not ranked. 马超 has nothing
# to assess, so no rate gives him points: - 4, never ranked.
# The county's total closes the people's report too.
# Only the roles of score.assessed_roles are ranked (by default the seed's
# 包小区干部, 社区党委书记, 社区书记, 社区工作者, 物业经理): 张飞 (小区书记) and
# the pairing units' 民情书记 典韦 and 赵云 are left out by default, so 许褚
# comes after two, not three, people ranked first: 3rd. The figures of
# those left are unchanged.
by_person "October by person, names masked: the assessed roles only" <<X
community	1	关*	社区工作者	祥和社区居民委员会	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	100.0			0	0.00	100.00	优秀			0	0
community	1	刘*	物业经理	金城花园	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	66.7			0	0.00	100.00	优秀			0	0
community	3	许*	社区工作者	萌山社区居民委员会	1	4	3	3	1	1	1	75.0	50.0	50.0	75.0	100.0			0	0.00	15.00	不合格			0	0
community		马*	包小区干部	嘉祥镇街道	1	0	0	0	0	0	0								2	4.00	-4.00	不合格			0	0
county				嘉祥县	1	27	24	22	1	2	2	81.5	77.8	80.8	95.2	83.3	0	0.0	4	8.00						
X
# A county that assesses 小区书记 and 民情书记 too says so in its config:
# then they are ranked as before, with the figures above.
echo '{"score": {"assessed_roles": ["包小区干部", "社区工作者", "物业经理", "小区书记", "民情书记"]}}' >"$T/roles.json"
export MINYI_CONFIG="$T/roles.json"
by_person "October by person, with 小区书记 and 民情书记 assessed" <<X
community	1	关*	社区工作者	祥和社区居民委员会	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	100.0			0	0.00	100.00	优秀			0	0
community	1	刘*	物业经理	金城花园	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	66.7			0	0.00	100.00	优秀			0	0
community	1	张*	小区书记	祥和苑	1	3	3	3	0	0	0	100.0	100.0	100.0	100.0	66.7			0	0.00	100.00	优秀			0	0
community	4	许*	社区工作者	萌山社区居民委员会	1	4	3	3	1	1	1	75.0	50.0	50.0	75.0	100.0			0	0.00	15.00	不合格			0	0
community		马*	包小区干部	嘉祥镇街道	1	0	0	0	0	0	0								2	4.00	-4.00	不合格			0	0
pairing	1	典*	民情书记	县财政局	1	4	4	3	0	0	0	75.0	75.0	100.0	100.0	75.0			1	2.00	68.00	合格			0	0
pairing		赵*	民情书记	县教体局	1	2	1	1	0	0	0	50.0	50.0	100.0	100.0	100.0			0	0.00	45.00	不合格			0	0
county				嘉祥县	1	27	24	22	1	2	2	81.5	77.8	80.8	95.2	83.3	0	0.0	4	8.00						
X
eq "no reveal, no event" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 0
run 0 score -m 2026-10 --by person --line pairing --reveal -u 督办专班
eq "--reveal shows the names" "$(tail -n +2 "$T/out" | cut -f3 | tr '\n' ' ')" "典韦 赵云 "
eq "and is recorded" "$(sql "SELECT operator || '|' || (case_id IS NULL) || '|' || json_extract(details, '\$.what') FROM events
    WHERE kind = 'reveal'")" "督办专班|1|names of people assessed"

# One line, a limit; the figures reproduced by queries as score(1) shows.
run 0 score -m 2026-10 -l department --limit 1
eq "--line and --limit" "$(tail -n +2 "$T/out" | cut -f1-3)" "$(printf 'department\t1\tD02')"
from=$(ts 2026-10-01) to=$(ts 2026-11-01) cut=$(ts 2026-11-06)
eq "counted by a query (line 1, collecting unit or community)" "$(sql "SELECT count(*) FROM cases c LEFT JOIN units u ON u.id = c.unit_id
    WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'
    AND c.channel IN ('visit', 'hall', 'wechat', 'other')
    AND coalesce(c.unit_id, c.community_id) = (SELECT id FROM units WHERE code = '$X')")" 3
eq "on time by a query (D01, first handler or else the unit now)" "$(sql "SELECT sum(c.status IN ('resolved', 'closed')
    AND coalesce(c.resolved, c.closed) < $cut AND coalesce(c.resolved, c.closed) <= c.due) || '/' ||
    sum(c.due IS NOT NULL AND ((c.status IN ('resolved', 'closed') AND coalesce(c.resolved, c.closed) < $cut) OR c.due < $cut))
    FROM cases c LEFT JOIN units f ON f.id = c.first_id LEFT JOIN units r ON r.id = c.resp_id
    WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'
    AND CASE WHEN f.kind = 'department' THEN f.code WHEN r.kind = 'department' THEN r.code END = 'D01'")" "2/4"
eq "satisfaction by a query (M)" "$(sql "SELECT sum(b.outcome IN ('satisfied', 'basic')) || '/' || sum(b.outcome <> 'unreachable')
    FROM callbacks b JOIN cases c ON c.id = b.case_id
    WHERE c.received >= $from AND c.received < $to AND c.status <> 'void' AND b.at < $cut
    AND c.channel IN ('visit', 'hall', 'wechat', 'other')
    AND coalesce(c.unit_id, c.community_id) = (SELECT id FROM units WHERE code = '$M')")" "3/4"
done_testing
