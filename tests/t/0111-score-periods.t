#!/bin/sh
# score on the hand-built ledger of lib.sh (score_ledger), over periods:
# the cutoff, a month's first half hour, months in local time, the year,
# a span across a month end and a span of a whole month.
. tests/t/lib.sh

score_ledger

# September: X's case 35 was resolved on 8 October, after September's cutoff
# (6 October), so it counts as open and not yet due: 3 counted, 2 closed
# (66.7%: 30 - 23.33 = 6.67; first-time 25 - 23.33 = 1.67), 2 of 2 due on
# time (25), 2/2 satisfied (20) = 53.33, - 2 (a missed demand) = 51.33.
# M: one perfect case, 100, not ranked. Both called back every case resolved.
# sessions and settled_at_session: no session is held in this ledger, so 0
# for each community, empty for estates, pairing units, departments and places.
run 0 score -m 2026-09 -l community
same "September: the cutoff" "$T/out" <<X
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	\
hotline	hotline_rate	missed	deduction	score	grade	sign_rate	sign_on_time_rate	returned	extensions	sessions	settled_at_session
community	1	370829001013	祥和社区居民委员会	1	3	2	2	0	0	0	0	66.7	66.7	100.0	100.0	100.0	0	0.0	1	2.00	51.33	不合格			0	0	0	0
community		370829001010	萌山社区居民委员会	1	1	1	1	0	0	0	0	100.0	100.0	100.0	100.0	100.0	0	0.0	0	0.00	100.00	优秀			0	0	0	0
X

# November to now (2026-11-26 09:00): X's case 5 (received 00:30 on the
# 1st) is open past its deadline: 0 + 0 + 0 of the 80 points with something
# to measure (no call-back: the satisfaction rate is weighted out, no free
# points) - 2 (November's missed demand) = -2. Nothing resolved: no
# call-back rate.
run 0 score -m 2026-11 -l community
same "November: a case of the first half hour, local time" "$T/out" <<X
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	\
hotline	hotline_rate	missed	deduction	score	grade	sign_rate	sign_on_time_rate	returned	extensions	sessions	settled_at_session
community		370829001013	祥和社区居民委员会	1	1	0	0	0	1	0	0	0.0	0.0	0.0			0	0.0	1	2.00	-2.00	不合格			0	0	0	0
X

# Months are local: read in UTC, case 1 (07:00 on 1 October in Shanghai)
# falls in September and case 5 (00:30 on 1 November) in October, where it
# is not due yet: X has 2, 3 and 5, two of them resolved.
run 0 env TZ=UTC score -m 2026-10 -l community
eq "the same ledger in UTC" "$(grep 370829001013 "$T/out" | cut -f6,7)" "$(printf '3\t2')"

# The year: each month scored on its own, the scores summed. X: 51.33 +
# 100 - 2 = 149.33 over 3 months, 7 cases (below 3 a month: not ranked);
# M: 100 + 13 = 113 over 2, 5 cases (not ranked); E1, E2: 98 (ranked, tied).
# The grade is that of the average month (X 149.33 / 3 = 49.78, M 113 / 2
# = 56.5: 不合格).
run 0 score -y 2026 -l community
same "2026 by unit" "$T/out" <<X
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	\
hotline	hotline_rate	missed	deduction	score	grade	sign_rate	sign_on_time_rate	returned	extensions	sessions	settled_at_session
community	1	370829001010-E01	祥和苑	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	66.7	0		1	2.00	98.00	优秀			0	0		
community	1	370829001010-E02	金城花园	1	3	3	3	0	0	0	0	100.0	100.0	100.0	100.0	66.7	0		1	2.00	98.00	优秀			0	0		
community		370829001013	祥和社区居民委员会	3	7	5	5	0	1	0	0	71.4	71.4	83.3	100.0	100.0	0	0.0	2	4.00	149.33	不合格			0	0	0	0
community		370829001010	萌山社区居民委员会	2	5	4	4	1	1	1	1	80.0	60.0	60.0	80.0	100.0	0	0.0	1	2.00	113.00	不合格			0	0	0	0
community		370829002200	黄岗村委会	1	1	1	1	0	0	0	0	100.0	100.0	100.0	100.0	100.0	0	0.0	0	0.00	100.00	优秀			0	0	0	0
X

# A span across a month end in local time: 20:00 on 31 October to 06:00 on
# 1 November holds X's cases 3 and 5, and November's missed demand (its
# month starts inside); cutoff 06:00 on 6 November. 3: closed first time on
# time, satisfied; 5: open, not due yet. 50%: 0, 0; on time 25; 20; - 2 = 43.
run 0 score -l community --from '2026-10-31 20:00' --to '2026-11-01 06:00'
same "a span across the month end" "$T/out" <<X
line	rank	code	unit	months	counted	resolved	closed	reopened	overdue	red	meetings	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	\
hotline	hotline_rate	missed	deduction	score	grade	sign_rate	sign_on_time_rate	returned	extensions	sessions	settled_at_session
community		370829001013	祥和社区居民委员会	1	2	1	1	0	0	0	0	50.0	50.0	100.0	100.0	100.0	0	0.0	1	2.00	43.00	不合格			0	0	0	0
X
run 0 score --from 2026-10-01 --to 2026-10-31
cp "$T/out" "$T/span"
run 0 score -m 2026-10
if diff -u "$T/out" "$T/span" >/dev/null; then pass "a span of the whole month is the month"; else fail "a span of the whole month is the month"; fi
done_testing
