#!/bin/sh
# score at its edges: a closure at the cutoff's exact second, a score at a
# grade's minimum less the rounding tolerance, more people and units than
# the first sizes of score's tables (64 people, 256 ids), so that they grow
# and ids share slots; the due second and the cutoff in the month's figures,
# spans, years and every unit of a line.
. tests/t/lib.sh

org
M=370829001010 X=370829001013 D='23:59:59'
# October's cutoff is 2026-11-06 00:00 (month end + 5 days). Case 1 was
# closed at the cutoff itself: resolved in October, but closed in the next
# assessment. Case 2 was closed a second before it: closed in October.
{
	kase 1 visit '2026-10-05 10:00' $M $M $M $M 许褚 closed '2026-10-07 10:00' '2026-11-06 00:00:00' "2026-10-12 $D" - 0
	kase 2 visit '2026-10-05 10:00' $X $X $X $X - closed '2026-10-07 10:00' '2026-11-05 23:59:59' "2026-10-12 $D" - 0
} | sql
run 0 score -m 2026-10 -l community
eq "closed at the cutoff's second: resolved in the month, not closed in it" \
    "$(awk -F'\t' -v u=$M '$3 == u { print $6, $7, $8, $13, $14 }' "$T/out")" "1 1 0 0.0 0.0"
eq "closed a second before the cutoff: closed in the month" \
    "$(awk -F'\t' -v u=$X '$3 == u { print $6, $7, $8, $13, $14 }' "$T/out")" "1 1 1 100.0 100.0"

# Grades are compared with a tolerance of 1e-9 for rounding: with no points
# to score, a unit scores 0, which reaches a grade whose minimum is 1e-9
# (0 = 1e-9 - 1e-9) and not one whose minimum is 2e-9.
cat >"$T/g1.json" <<'JSON'
{"score": {"min_cases": 1, "rates": {"closure": {"points": 0}, "first_time": {"points": 0}, "on_time": {"points": 0},
  "satisfaction": {"points": 0}}, "grades": [{"name": "甲", "min": 1e-9}], "grade_below": "乙"}}
JSON
sed 's/1e-9/2e-9/' "$T/g1.json" >"$T/g2.json"
run 0 score -c "$T/g1.json" -m 2026-10 -l community
eq "a score at a grade's minimum less the tolerance reaches it" \
    "$(awk -F'\t' -v u=$X '$3 == u { print $22, $23 }' "$T/out")" "0.00 甲"
run 0 score -c "$T/g2.json" -m 2026-10 -l community
eq "a score further below does not" "$(awk -F'\t' -v u=$X '$3 == u { print $22, $23 }' "$T/out")" "0.00 乙"

# 300 estates under 祥和社区, each with its own collector and one case closed
# the next day: 300 units (more than the 256 ids of score's first table) and
# 300 people (more than its first 64), every one scored by itself.
seq 300 | awk -v x="$X" 'BEGIN { print "code,name,kind,parent,contact,phone" }
	{ printf "%s-Z%d,小区%d,estate,%s,,\n", x, $1, $1, x }' >"$T/many_units.csv"
seq 300 | awk -v x="$X" 'BEGIN { print "name,phone,unit,role,covers" }
	{ printf "王%d,139%08d,%s-Z%d,物业经理,\n", $1, $1, x, $1 }' >"$T/many_people.csv"
run 0 units import "$T/many_units.csv" "$T/many_people.csv"
rec=$(ts '2026-10-05 10:00') done_at=$(ts '2026-10-06 10:00') due=$(ts "2026-10-12 $D")
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
    INSERT INTO cases(id, channel, ref, received, unit_id, community_id, first_id, resp_id, collector_id, status, resolved,
    closed, due, reopens, text, updated) SELECT 100 + i, 'visit', 'R' || (100 + i), $rec, (SELECT id FROM units WHERE code = '$X-Z' || i),
    $(uid $X), $(uid $X), $(uid $X), (SELECT id FROM people WHERE name = '王' || i), 'closed', $done_at, $done_at + 3600, $due, 0,
    '诉求', 0 FROM n"
eq "the cases written" "$(sql "SELECT count(*) FROM cases WHERE collector_id IS NOT NULL AND id > 100")" 300
run 0 score -m 2026-10 -l community --by person --reveal -u 督办专班
tail -n +2 "$T/out" | awk -F'\t' '$3 ~ /^王/ { print $3, $5, $7, $9 }' | sort >"$T/got"
i=1
while [ $i -le 300 ]; do
	echo "王$i 小区$i 1 1"
	i=$((i + 1))
done | sort >"$T/want"
if cmp -s "$T/want" "$T/got"; then pass "300 people, each with the estate and the one case they collected"; else
	fail "300 people, each with the estate and the one case they collected"
	diff "$T/want" "$T/got" | head -5 | sed 's/^/#   /'
fi
run 0 score -m 2026-10 -l community
eq "300 estates, each with its one case closed" \
    "$(awk -F'\t' '$4 ~ /^小区/ && $6 == 1 && $8 == 1 { n++ } END { print n }' "$T/out")" 300

# In a database of its own: a case resolved at the second it was due, and
# the cutoff (month end + 5 days, 00:00) at its exact second: a case
# resolved, a deadline passing, a call-back made at the cutoff belongs to the
# next assessment, not this one.
export MINYI_DB="$T/score.db"
org
ts() { date -d "$1" +%s; }
M=370829001010
cut=$(ts '2026-11-06 00:00')
{
for i in 1 2 3 4 5; do
	echo "INSERT INTO cases(id, channel, ref, received, unit_id, community_id, first_id, resp_id, status, text, updated)
	    VALUES ($i, 'visit', 'S$i', $(ts "2026-10-0$i 10:00"), (SELECT id FROM units WHERE code = '$M'),
	    (SELECT id FROM units WHERE code = '$M'), (SELECT id FROM units WHERE code = '$M'),
	    (SELECT id FROM units WHERE code = '$M'), 'open', '诉求$i', 0);"
done
due=$(ts '2026-10-09 23:59:59')
# 1: resolved at the second it was due. 2: a second late.
echo "UPDATE cases SET status = 'resolved', due = $due, resolved = $due WHERE id = 1;"
echo "UPDATE cases SET status = 'resolved', due = $due, resolved = $due + 1 WHERE id = 2;"
# 3: still open, due at the cutoff itself: not yet overdue, not yet judged.
echo "UPDATE cases SET due = $cut WHERE id = 3;"
# 4: resolved at the cutoff: not by it. 5: still open, due a second before the cutoff: overdue.
echo "UPDATE cases SET status = 'resolved', due = $(ts '2026-11-09 23:59:59'), resolved = $cut WHERE id = 4;"
echo "UPDATE cases SET due = $cut - 1 WHERE id = 5;"
# Call-backs: one satisfied before the cutoff, one dissatisfied at it.
echo "INSERT INTO callbacks(case_id, at, outcome, operator) VALUES (1, $(ts '2026-10-10 09:00'), 'satisfied', 't');"
echo "INSERT INTO callbacks(case_id, at, outcome, operator) VALUES (2, $cut, 'dissatisfied', 't');"
} >"$T/score.sql"
sql <"$T/score.sql"
run 0 score -m 2026-10 -l community
# counted 5; resolved 1 and 2 (4 was resolved at the cutoff); overdue 5 only;
# due: 1, 2 and 5; on time 1 only: 1/3 = 33.3%; satisfied 1 of 1 answered.
eq "score: on time at the due second, and the cutoff's second is outside the month" \
    "$(awk -F'\t' -v u=$M '$3 == u { print $6, $7, $10, $15, $16 }' "$T/out")" "5 2 1 33.3 100.0"
# A span counts what was received at or after its start and before its end.
run 0 score --from "2026-10-01 10:00" --to "2026-10-03 10:00" -l community
eq "a span: its first second in, its last out" "$(awk -F'\t' -v u=$M '$3 == u { print $6 }' "$T/out")" 2
# A year scores each month that has begun by now (26 November): a case
# dated in December (written by hand) is not counted yet.
sql "INSERT INTO cases(id, channel, ref, received, unit_id, community_id, status, text, updated) VALUES (8, 'visit', 'S8', $(ts '2026-12-01 00:00'),
    (SELECT id FROM units WHERE code = '$M'), (SELECT id FROM units WHERE code = '$M'), 'open', '诉求8', 0)"
run 0 score -y 2026 -l community
eq "a year: the months begun, not December" "$(awk -F'\t' -v u=$M '$3 == u { print $5, $6 }' "$T/out")" "1 5"
# Seventy more departments, one of them with a case: every unit is known to
# score, however many there are; and --limit keeps the first rows of each line.
awk 'BEGIN { print "code,name,kind,parent,contact,phone"; for (i = 10; i < 80; i++) print "D" i ",部门" i ",department,370829,," }' >"$T/depts.csv"
units import "$T/depts.csv" >/dev/null 2>&1
sql "INSERT INTO cases(id, channel, ref, received, first_id, resp_id, status, text, updated) VALUES (6, 'visit', 'S6', $(ts '2026-10-06 10:00'),
    (SELECT id FROM units WHERE code = 'D79'), (SELECT id FROM units WHERE code = 'D79'), 'open', '诉求6', 0);
    INSERT INTO cases(id, channel, ref, received, unit_id, community_id, status, text, updated) VALUES (7, 'visit', 'S7', $(ts '2026-10-07 10:00'),
    (SELECT id FROM units WHERE code = 'P01'), (SELECT id FROM units WHERE code = '$M'), 'open', '诉求7', 0);"
eq "eighty-two units" "$(sql "SELECT count(*) FROM units")" 82
run 0 score -m 2026-10
eq "the last department scored" "$(awk -F'\t' '$3 == "D79" { print $1, $6 }' "$T/out")" "department 1"
run 0 score -m 2026-10 --limit 1
# The places and the county's total follow the lines, whatever the limit.
eq "--limit 1: the first row of each line" "$(tail -n +2 "$T/out" | cut -f1,3 | tr '\t\n' ': ')" \
    "community:$M pairing:P01 department:D79 street:370829001 area:urban county:370829 "
done_testing
