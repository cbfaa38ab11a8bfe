#!/bin/sh
# score on the hand-built ledger of lib.sh (score_ledger): the config
# (minimum cases, red points, what a miss costs, the year ranked), and the
# usage and configuration errors.
. tests/t/lib.sh

score_ledger

# A config: ranked from one case, a red case costs 5; and October's misses
# booked at 1 point each (as reconcile books them with a multiplier of 1):
# a miss costs the points stored with it, not today's price.
# October line 1: X 100 and H 100 tie (1, 1); E1, E2 99 (3, 3); M 15 - 1 - 5
# = 9 (5). D01: 20 - 5 = 15. The county: the two red cases (13, 27) and
# the four misses, 2 * 5 + 4 * 1 = 14; the streets have no deductions.
cat >"$T/cfg.json" <<'JSON'
{"score": {"min_cases": 1, "red_points": 5}}
JSON
cp "$MINYI_DB" "$T/one.db"
sqlite3 "$T/one.db" "UPDATE deductions SET points = 1 WHERE month = '2026-10'"
MINYI_DB=$T/one.db run 0 score -c "$T/cfg.json" -m 2026-10
cut -f1-4,11,20-23 "$T/out" | grep -v -e '^street' -e '^area' >"$T/got"
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
county		370829	嘉祥县	2	4	14.00		
X
echo '{"score": {"missed": {"multiplier": 1}}}' >"$T/old.json"
run 78 score -c "$T/old.json" -m 2026-10
has "the old per-miss price is refused with where it went" "$T/err" "'score.missed': no longer read: a missed demand costs the points reconcile booked with it"
# With every month ranked, the year sums rank too: X 149.33, M 113, H 100,
# E1 and E2 98 (a tie for 4th).
echo '{"score": {"min_cases": 0}}' >"$T/cfg0.json"
run 0 score -c "$T/cfg0.json" -y 2026 -l community
eq "the year ranked on the sums" "$(tail -n +2 "$T/out" | cut -f2,3,22 | tr '\t\n' ' |')" \
    "1 370829001013 149.33|2 370829001010 113.00|3 370829002200 100.00|4 370829001010-E01 98.00|4 370829001010-E02 98.00|"

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
run 64 score --bulletin --from 2026-10-01 --to 2026-10-31
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
done_testing
