#!/bin/sh
# score: reopenings counted as of the cutoff, with the resolutions they
# undid, so a month never shows more reopened than resolved (by the tools);
# and rates with nothing to measure weighted out of the score, no free
# points for a unit that resolved nothing (a ledger written with SQL).
. tests/t/lib.sh

org
# Four demands in 黄岗村 H, all resolved on 12 October. 1 and 2 are called
# back dissatisfied on the 14th and reopened; 2 is resolved again and closed;
# 3 and 4 are closed satisfied; 4 is reopened by the staff on 10 November,
# after October's cutoff (6 November).
for i in 1 2 3 4; do
	intake --at '2026-10-09 09:00' --text "路灯不亮第$i处" --phone 1391234567$i --community 黄岗村 --unit 黄岗村 >/dev/null 2>&1
done
route --at '2026-10-09 10:00' 1 2 3 4 >/dev/null 2>&1
resolve --at '2026-10-12 10:00' --note 已修 1 2 3 4 >/dev/null 2>&1
callback --at '2026-10-14 10:00' --outcome dissatisfied 1 2 >/dev/null 2>&1
callback --at '2026-10-14 10:00' --outcome satisfied 3 4 >/dev/null 2>&1
resolve --at '2026-10-16 10:00' --note 再修 2 >/dev/null 2>&1
callback --at '2026-10-17 10:00' --outcome satisfied 2 >/dev/null 2>&1
run 0 callback --at '2026-11-10 10:00' --reopen --note 又坏了 4
eq "the ledger now" "$(sql "SELECT group_concat(id || ':' || status || ':' || reopens, ' ') FROM cases")" \
    "1:open:1 2:closed:1 3:closed:0 4:open:1"

# October: 4 counted. Resolved 4: 2 and 3 stand resolved, 1 was resolved
# before its reopening, 4 before the cutoff (its reopening came after).
# Reopened 2 (1, 2; 4's is November's). Closed 2 (2, 3): 50%; first time 1
# (3): 25%. Due 3: 2 and 3 on time, 1 overdue by its new deadline (21
# October), 4 not due by its new one: 66.7% (25 - 23.33 = 1.67). Satisfied
# 3 of 5 answered: 60%. Every case resolved was called back: 100.0.
# 0 + 0 + 1.67 + 0 = 1.67. (Counting reopenings as they stand today and
# resolutions as the cases stand today gave "resolved 2, reopened 3".)
run 0 score -m 2026-10 -l community
cut -f3,6-11,13-17,22 "$T/out" >"$T/got"
same "reopened and resolved, as of the cutoff" "$T/got" <<X
code	counted	resolved	closed	reopened	overdue	red	closure_rate	first_rate	on_time_rate	satisfaction_rate	callback_rate	score
370829002200	4	4	2	2	1	0	50.0	25.0	66.7	60.0	100.0	1.67
X

# Weighting out, on a ledger of November written with SQL (now 26
# November, the cutoff). X: 3 closed first time on time, never called back:
# satisfaction has nothing to measure, the other 80 points scaled to 100
# (30 + 25 + 25 = 80, x 100/80); call-back rate 0 of 3. M: 2 closed on
# time, 1 open and not yet due: 6.67 + 1.67 + 25 = 33.33 of 80, x 1.25 =
# 41.67. P01: 3 open, none due, none resolved: closure and first time 0 of
# 55 measurable points, the rest weighted out: 0, not 45.
D='23:59:59'
M=370829001010 X=370829001013
{
	kase 101 visit '2026-11-02 10:00' $X $X $X $X - closed '2026-11-03 10:00' '2026-11-04 10:00' "2026-11-09 $D" - 0
	kase 102 visit '2026-11-02 11:00' $X $X $X $X - closed '2026-11-03 10:00' '2026-11-04 10:00' "2026-11-09 $D" - 0
	kase 103 visit '2026-11-02 12:00' $X $X $X $X - closed '2026-11-03 10:00' '2026-11-04 10:00' "2026-11-09 $D" - 0
	kase 104 visit '2026-11-02 10:00' $M $M $M $M - closed '2026-11-03 10:00' '2026-11-04 10:00' "2026-11-09 $D" - 0
	kase 105 visit '2026-11-02 11:00' $M $M $M $M - closed '2026-11-03 10:00' '2026-11-04 10:00' "2026-11-09 $D" - 0
	kase 106 visit '2026-11-24 12:00' $M $M $M $M - open - - "2026-12-01 $D" - 0
	kase 107 visit '2026-11-24 10:00' P01 $M $M $M - open - - "2026-12-01 $D" - 0
	kase 108 visit '2026-11-24 11:00' P01 $M $M $M - open - - "2026-12-01 $D" - 0
	kase 109 visit '2026-11-24 12:00' P01 $M $M $M - open - - "2026-12-01 $D" - 0
} >"$T/nov.sql"
sql <"$T/nov.sql"
run 0 score -m 2026-11
eq "weighted out" "$(awk -F'\t' '$1 == "community" || $1 == "pairing" { print $3, $16, $17, $22 }' "$T/out" | tr '\n' '|')" \
    "370829001013  0.0 100.00|370829001010  0.0 41.67|P01   0.00|"
run 0 score -m 2026-11 -o table
awk '$1 == "community" || $1 == "pairing"' "$T/out" | tr -s ' ' | cut -d' ' -f1-4,13-17 >"$T/got"
same "in a table, a dash for a rate with nothing to measure" "$T/got" <<X
community 1 370829001013 祥和社区居民委员会 100.0 100.0 100.0 — 0.0
community 2 370829001010 萌山社区居民委员会 66.7 66.7 100.0 — 0.0
pairing 1 P01 县财政局 0.0 0.0 — — —
X
done_testing
