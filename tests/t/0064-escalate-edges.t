#!/bin/sh
# escalate at its edges: a case due the day of the pass (no working day
# left, and the event says so), and a community case with no street above
# it to move up to.
. tests/t/lib.sh

org
# kase ID CHANNEL RECEIVED UNIT COMMUNITY FIRST RESP COLLECTOR STATUS RESOLVED CLOSED DUE COLOUR REOPENS
{
	kase 1 visit "2026-11-20 09:00" 370829001010 370829001010 370829001010 370829001010 - open - - "2026-11-26 23:59:59" - 0
	kase 2 visit "2026-11-20 09:00" D01 - D01 D01 - open - - "2026-12-26 23:59:59" - 0
	echo "UPDATE cases SET tier = 'community';"
} | sql
run 0 escalate --at "2026-11-26 09:00" 1
cut -f1-3,10,11 "$T/out" >"$T/got"
same "due today: no working day left" "$T/got" <<'X'
id	was	colour	left	overdue
1	none	blue	0	
X
eq "the colour event says 0 days left" "$(sql "SELECT json_extract(details, '\$.left') || '|' || coalesce(json_extract(details, '\$.overdue'), '-')
    FROM events WHERE case_id = 1 AND kind = 'colour'")" "0|-"
run 1 escalate --at "2026-11-26 09:00" --up --reason 协调不了 2
has "no street above the case: it stays" "$T/err" "escalate: case 2 has no street known to move up to (move it with route --to)"
eq "not moved" "$(sql "SELECT tier || '|' || (SELECT code FROM units WHERE id = resp_id) FROM cases WHERE id = 2")" "community|D01"

# A meeting that names a lead and no deadline gives the county's 15 working
# days from the meeting: 26 November (a Thursday) + 15 is 17 December.
run 0 escalate --at "2026-11-26 10:00" --meeting 2026-11-26 --units 萌山社区 --decision 县住建局牵头 --lead D01 1
eq "the county tier's days from the meeting" "$(cut -f4,5,7 "$T/out" | tail -1)" "$(printf 'county\tD01\t2026-12-17 23:59:59')"
# A deadline the meeting set that has passed by the time it is recorded: red at once.
run 0 escalate --at "2026-11-26 10:00" --meeting 2026-11-20 --units 萌山社区 --decision 限期21日前办结 --due 2026-11-21 2
eq "a deadline already past: the colour rises with it" "$(cut -f5,7,8 "$T/out" | tail -1)" "$(printf 'D01\t2026-11-21 23:59:59\tred')"

# A pass over more cases than one batch (4,096): the full batch is read on,
# not taken for an error, and every case gets its colour.
sql "WITH RECURSIVE n(i) AS (SELECT 1001 UNION ALL SELECT i + 1 FROM n WHERE i < 5097)
  INSERT INTO cases(id, channel, ref, received, unit_id, community_id, first_id, resp_id, status, due, reopens,
    text, updated, tier, watch)
  SELECT i, 'visit', 'R' || i, $(ts "2026-11-20 09:00"), $(uid 370829001010), $(uid 370829001010),
    $(uid 370829001010), $(uid 370829001010), 'open', $(ts "2026-11-27 23:59:59"), 0, '诉求' || i, 0, 'community', 0
  FROM n"
run 0 escalate --at "2026-11-27 09:00"
eq "4,097 cases in two batches, each turned blue" "$(sql "SELECT count(*) FROM cases WHERE id > 1000 AND colour = 'blue'")" 4097
done_testing
