#!/bin/sh
# escalate: three-colour supervision over weekends, holidays and make-up
# days; idempotent passes; red cases moved up a tier. 0061-escalate-up.t
# goes on from where this ends: escalate_colours in lib.sh replays the
# routes and passes here, so a change to them goes there too.
. tests/t/lib.sh

# colours TIME NAME: a pass at TIME, whose changes of colour (id, colours,
# due and how far from it) are the rows on standard input.
colours() {
	esc 0 "$1"
	cut -f1-3,9-12 "$T/out" >"$T/got"
	{ printf 'id\twas\tcolour\tdue\tleft\toverdue\twhy\n'; cat; } >"$T/rows"
	same "$2" "$T/got" <"$T/rows"
}

# colours_all TIME NAME: the same with every column of the output: the
# tier, the unit and its contact, and where a case moved to.
colours_all() {
	esc 0 "$1"
	{ printf 'id\twas\tcolour\ttier\tunit\tunit_name\tcontact\tphone\tdue\tleft\toverdue\twhy\tmoved_to\n'; cat; } >"$T/rows"
	same "$2" "$T/out" <"$T/rows"
}

# quiet TIME NAME FILE...: a pass at TIME that writes nothing to the
# files named (out, err).
quiet() {
	esc 0 "$1"
	quiet_name=$2
	shift 2
	eq "$quiet_name" "$(for f; do cat "$T/$f"; done)" ""
}

escalate_ledger
run 0 intake "$T/c.csv"

# Spring Festival 2026: 15-23 February off, Saturdays 14 and 28 February worked.
run 0 route --at "2026-02-13 16:00" 1
eq "due the Friday after the holiday" "$(tail -1 "$T/out" | cut -f5)" "2026-02-27 23:59:59"
quiet "2026-02-25 12:00" "two working days left: no colour" out err
colours "2026-02-26 00:00" "blue at the start of the last day but one" <<'X'
1	none	blue	2026-02-27 23:59:59	1		1 working day left
X
colours "2026-02-28 12:00" "yellow on the make-up Saturday, which counts as a working day overdue" <<'X'
1	blue	yellow	2026-02-27 23:59:59		1	1 working day overdue
X
quiet "2026-03-02 23:00" "two working days overdue: still yellow" out
colours_all "2026-03-03 00:00" "red on the third working day overdue, and moved up to the street" <<'X'
1	yellow	red	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-02-27 23:59:59		3	3 working days overdue	370829001
X
has "summary" "$T/err" "escalate: 1 changed colour (0 blue, 0 yellow, 1 red), 1 moved up, 0 skipped"
eq "the move: street tier, the street office, a new deadline of 10 working days" \
    "$(sql "SELECT tier || '|' || (SELECT code FROM units WHERE id = resp_id) || '|' || (SELECT code FROM units WHERE id = first_id) || '|'
    || datetime(due, 'unixepoch', 'localtime') || '|' || coalesce(colour, 'none') FROM cases WHERE id = 1")" \
    "street|370829001|370829001010|2026-03-17 23:59:59|none"
esc 0 "2026-03-23 00:00"
cut -f1-5,9-13 "$T/out" >"$T/got"
same "no pass for a while: straight from no colour to red; the street tier moves nothing by default" "$T/got" <<'X'
id	was	colour	tier	unit	due	left	overdue	why	moved_to
1	none	red	street	370829001	2026-03-17 23:59:59		4	4 working days overdue	
X
eq "red is final: nothing more to watch" "$(sql "SELECT coalesce(watch, 'null') FROM cases WHERE id = 1")" null

# National Day 2026: 25-27 September and 1-7 October off, Saturday 10 October worked.
run 0 route --at "2026-09-22 10:00" 2
eq "case 2 is due on the last working day before the holiday" "$(tail -1 "$T/out" | cut -f5)" "2026-09-30 23:59:59"
quiet "2026-09-28 12:00" "two working days left over the Mid-Autumn days off: no colour" out
colours "2026-09-29 00:00" "blue" <<'X'
2	none	blue	2026-09-30 23:59:59	1		1 working day left
X
run 0 route --at "2026-09-30 10:00" 3 4 5
cut -f1-5 "$T/out" >"$T/got"
same "three more routed on 30 September" "$T/got" <<'X'
id	tier	unit	unit_name	due
3	community	370829001010	萌山社区居民委员会	2026-10-13 23:59:59
4	street	370829002	卧龙山街道	2026-10-20 23:59:59
5	county	D02	嘉祥县供热公司	2026-10-10 23:59:59
X
colours "2026-10-01 09:00" "overdue on a holiday: yellow, no working day overdue yet" <<'X'
2	blue	yellow	2026-09-30 23:59:59		0	past due
X
quiet "2026-10-07 23:00" "the whole holiday: nothing changes" out err
colours "2026-10-08 00:00" "county tier: blue with two working days left (8, 9 and the make-up Saturday 10 October)" <<'X'
5	none	blue	2026-10-10 23:59:59	2		2 working days left
X
colours_all "2026-10-10 00:00" "red on the make-up Saturday, 3 working days overdue; the community case moves up" <<'X'
2	yellow	red	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-09-30 23:59:59		3	3 working days overdue	370829001
X
n=$(sql "SELECT count(*) FROM events")
quiet "2026-10-10 00:00" "the same pass again prints nothing" out err
eq "and records nothing" "$(sql "SELECT count(*) FROM events")" "$n"
colours "2026-10-11 12:00" "due on the make-up Saturday, past due on Sunday" <<'X'
5	blue	yellow	2026-10-10 23:59:59		0	past due
X
colours "2026-10-12 00:00" "case 3 blue on the Monday" <<'X'
3	none	blue	2026-10-13 23:59:59	1		1 working day left
X
colours_all "2026-10-14 00:00" "yellow; the county case turns red and stays where it is" <<'X'
3	blue	yellow	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-10-13 23:59:59		1	1 working day overdue	
5	yellow	red	county	D02	嘉祥县供热公司	钱*	138****0009	2026-10-10 23:59:59		3	3 working days overdue	
X
colours_all "2026-10-19 00:00" "the street case: blue, and the street does not move cases up by default" <<'X'
3	yellow	red	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-10-13 23:59:59		4	4 working days overdue	370829001
4	none	blue	street	370829002	卧龙山街道	赵*	138****0003	2026-10-20 23:59:59	1		1 working day left	
X
done_testing
