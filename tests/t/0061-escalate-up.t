#!/bin/sh
# escalate, going on from the colours of 0060-escalate-colours.t (replayed
# by escalate_colours): the red triggers; cases skipped; moves up a tier;
# the output for scripts; county meetings; the colour report.
. tests/t/lib.sh

escalate_ledger
intake "$T/c.csv" >/dev/null 2>&1
escalate_colours

# The red triggers: reopened twice after dissatisfied call-backs, two hotline calls.
cat >"$T/d.csv" <<'CSV'
ref,received,community,estate,category,text
T1,2026-10-12 09:00,萌山社区,祥和苑,垃圾清运,楼道堆放杂物
T2,2026-10-12 09:00,黄岗村,,路灯,路灯又坏了
T3,2026-10-12 09:00,祥和社区,书香名邸,物业服务,电梯经常停
T4,2026-10-12 09:00,祥和社区,书香名邸,物业服务,门禁坏了
T5,2026-10-12 09:00,祥和社区,书香名邸,物业服务,楼道灯不亮
CSV
run 0 intake "$T/d.csv"
run 0 route --at "2026-10-12 10:00" 6 7 8 9
# signed for at once, so that no sign limit sets a watch of its own
resolve --at "2026-10-12 11:00" --sign 6 7 8 9 >/dev/null 2>&1
at() { sql "SELECT strftime('%s', '$1', 'utc')"; }
# What callback and reconcile do: count, and set the watch to their now.
sql "UPDATE cases SET reopens = 2, watch = $(at '2026-10-13 12:00') WHERE id = 6"
sql "UPDATE cases SET hotline_hits = 2, watch = $(at '2026-10-13 12:00') WHERE id = 7"
esc 0 "2026-10-13 13:00"
cut -f1-5,9-13 "$T/out" >"$T/got"
same "red whatever the deadline: reopened twice, two hotline calls" "$T/got" <<'X'
id	was	colour	tier	unit	due	left	overdue	why	moved_to
6	none	red	community	370829001010	2026-10-19 23:59:59	4		reopened 2 times	370829001
7	none	red	street	370829002	2026-10-26 23:59:59	9		2 hotline calls	
X
eq "moved up, it starts red in the street tier too: the trigger still holds" \
    "$(sql "SELECT tier || '|' || colour || '|' || coalesce(watch, 'null') FROM cases WHERE id = 6")" "street|red|null"
sql "UPDATE cases SET reopens = 2 WHERE id = 8"
esc 0 "2026-10-14 09:00"
eq "a count changed without touching the watch is not looked at by a pass" "$(cat "$T/out")" ""
run 0 escalate --at "2026-10-14 09:00" 8
cut -f1-3,12,13 "$T/out" >"$T/got"
same "the cases given are looked at whatever their watch" "$T/got" <<'X'
id	was	colour	why	moved_to
8	none	red	reopened 2 times	370829001
X
cat >"$T/three.json" <<'JSON'
{"escalate": {"red_reopens": 3, "red_hotline": 0}}
JSON
cat >"$T/noauto.json" <<'JSON'
{"escalate": {"auto_up": {"community": false}}}
JSON
sql "UPDATE cases SET reopens = 2, hotline_hits = 5, watch = $(at '2026-10-14 09:00') WHERE id = 9"
run 0 escalate -c "$T/three.json" --at "2026-10-14 10:00"
eq "thresholds from the config: 3 reopenings, hotline calls never" "$(cat "$T/out")" ""
run 0 escalate -c "$T/noauto.json" --at "2026-10-14 10:00" 9
cut -f1-5,12,13 "$T/out" >"$T/got"
same "auto_up off for the community tier: red, and it stays" "$T/got" <<'X'
id	was	colour	tier	unit	why	moved_to
9	none	red	community	370829001013	reopened 2 times	
X

# Cases given that are not open are skipped, and the exit status says so.
run 1 escalate --at "2026-10-14 10:00" 1 99 10
has "no such case" "$T/err" "escalate: case 99 no such case"
has "not open" "$T/err" "escalate: case 10 is new: only open cases are supervised"
has "summary of a run with skips" "$T/err" "escalate: 0 changed colour (0 blue, 0 yellow, 0 red), 0 moved up, 2 skipped"
printf 'id\tref\n3\tR2\n3\tR2\n' | escalate --at "2026-10-19 12:00" - >"$T/out" 2>"$T/err"
eq "a case stream on standard input with -; a repeated id counts once" "$?|$(cat "$T/out" "$T/err")" "0|"
# Repeats among many ids, out of order: each is looked at once, in the order first given.
run 1 escalate --at "2026-10-19 12:00" 99 97 98 99 3 97 96 98 3
eq "repeated ids are skipped once each, in their first order" "$(grep -o 'case 9[0-9]' "$T/err" | tr '\n' ' ')" \
    "case 99 case 97 case 98 case 96 "
has "a summary counting each id once" "$T/err" "4 skipped"

# Moving up by hand: community -> street -> county; the first handler stays.
run 0 route --at "2026-10-14 10:00" 10
run 0 route --at "2026-10-14 10:00" --to 嘉祥镇街道 --reason "先由街道协调" 5
run 1 escalate --at "2026-10-15 09:00" --up --reason "涉及两个小区，社区协调不了" 10 9 5 99
same "moved up: the street office, the department the rules name for the category" "$T/out" <<'X'
id	tier	unit	unit_name	contact	phone	due	colour	from_tier	from_unit
10	street	370829001	嘉祥镇街道	李*	138****0002	2026-10-29 23:59:59	none	community	370829001013
9	street	370829001	嘉祥镇街道	李*	138****0002	2026-10-29 23:59:59	red	community	370829001013
5	county	D02	嘉祥县供热公司	钱*	138****0009	2026-11-05 23:59:59	none	street	370829001
X
has "an unknown case is skipped" "$T/err" "escalate: case 99 no such case"
has "summary" "$T/err" "escalate: 3 moved up, 1 skipped"
eq "first handler kept" "$(sql "SELECT (SELECT code FROM units WHERE id = first_id) FROM cases WHERE id = 10")" 370829001013
eq "the event says who, why and from where" "$(sql "SELECT operator || '|' || json_extract(details, '\$.reason') || '|'
    || json_extract(details, '\$.from_unit') || '>' || json_extract(details, '\$.unit') || '|' || json_extract(details, '\$.auto') FROM events
    WHERE case_id = 10 AND kind = 'up'")" "tester|涉及两个小区，社区协调不了|370829001013>370829001|0"
run 0 escalate --at "2026-10-16 09:00" --up --reason "街道也协调不了" 10
eq "with no department for its category, to the county centre" "$(tail -1 "$T/out" | cut -f1-3,7)" "$(printf '10\tcounty\t370829C01\t2026-11-06 23:59:59')"
run 1 escalate --at "2026-10-16 09:00" --up --reason "再往上" 10 2>/dev/null
has "nothing above the county" "$T/err" "escalate: case 10 is at the county tier already"

# A resolved case leaves supervision (resolve sets the status; done here by hand).
sql "UPDATE cases SET status = 'resolved', resolved = $(at '2026-10-16 10:00'), watch = $(at '2026-10-16 10:00') WHERE id = 4"
run 1 escalate --up --reason x 4
eq "a skipped case is not printed" "$(cat "$T/out")" ""
has "only open cases move up" "$T/err" "escalate: case 4 is resolved: only open cases move up"
esc 0 "2026-10-26 00:00"
cut -f1-5,9-12 "$T/out" >"$T/got"
same "nor is it looked at by a pass, though past due; a case not seen for days goes straight to yellow" "$T/got" <<'X'
id	was	colour	tier	unit	due	left	overdue	why
2	none	yellow	street	370829001	2026-10-23 23:59:59		1	1 working day overdue
X

# The output for the scripts that send SMS and mail.
run 0 escalate --at "2026-10-30 00:00" -o ndjson 3
same "ndjson: the unit, its contact and phone, masked" "$T/out" <<X
{"id":3,"was":"none","colour":"blue","tier":"street","unit":"370829001","unit_name":"嘉祥镇街道","contact":"李*","phone":"138****0002","due":\
"2026-11-02 23:59:59","left":1,"overdue":null,"why":"1 working day left","moved_to":null}
X
n=$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")
run 0 escalate --at "2026-11-03 00:00" -o csv --reveal 3
tr -d '\r' <"$T/out" >"$T/got"
same "--reveal: in clear" "$T/got" <<'X'
id,was,colour,tier,unit,unit_name,contact,phone,due,left,overdue,why,moved_to
3,blue,yellow,street,370829001,嘉祥镇街道,李华,13800000002,2026-11-02 23:59:59,,1,1 working day overdue,
X
eq "and the look is recorded" "$(sql "SELECT count(*) || '|' || max(case_id) FROM events WHERE kind = 'reveal'")" "$((n + 1))|3"

# County consultation meetings (县级会商).
units="嘉祥县社会治理服务中心,县住房和城乡建设局、嘉祥镇街道"
run 0 escalate --at "2026-11-03 15:00" --meeting 2026-11-03 --units "$units" --decision "住建局牵头改造管网，11月20日前完成" --lead \
    住房 --due 2026-11-20 2 10
same "the cases go to the lead department with the deadline decided" "$T/out" <<'X'
id	meeting	held	tier	unit	unit_name	due	colour
2	1	2026-11-03 00:00:00	county	D01	县住房和城乡建设局	2026-11-20 23:59:59	none
10	1	2026-11-03 00:00:00	county	D01	县住房和城乡建设局	2026-11-20 23:59:59	none
X
has "summary" "$T/err" "escalate: 2 recorded at meeting 1, 0 skipped"
eq "the meeting" "$(sql "SELECT datetime(held, 'unixepoch', 'localtime') || '|' || units || '|' || (SELECT code FROM units WHERE id = lead_id)
    || '|' || operator || '|' || (SELECT group_concat(case_id) FROM meeting_cases WHERE meeting_id = meetings.id) FROM meetings")" \
    '2026-11-03 00:00:00|["370829C01","D01","370829001"]|D01|tester|2,10'
eq "an event for each case" "$(sql "SELECT json_extract(details, '\$.meeting') || '|' || json_extract(details, '\$.from_unit') || '>'
    || json_extract(details, '\$.lead') || '|' || json_extract(details, '\$.decision') FROM events WHERE case_id = 2 AND kind = 'meeting'")" \
    "1|370829001>D01|住建局牵头改造管网，11月20日前完成"
eq "first handler kept" "$(sql "SELECT (SELECT code FROM units WHERE id = first_id) FROM cases WHERE id = 2")" 370829001010
run 0 ledger show 2
has "ledger show has it" "$T/out" '"decision":"住建局牵头改造管网，11月20日前完成"'
run 0 escalate --at "2026-11-03 16:00" --meeting 2026-11-03 --units "$units" --decision "住建局牵头改造管网，11月20日前完成" --lead \
    住房 --due 2026-11-20 2 10
eq "the same meeting recorded again adds nothing" "$(cat "$T/out")|$(sql "SELECT count(*) FROM meetings")|$(sql "SELECT count(*) FROM events
    WHERE kind = 'meeting'")" "|1|2"
has "and says so" "$T/err" "escalate: case 2 is recorded at this meeting already"
run 0 escalate --at "2026-11-04 10:00" --meeting "2026-11-04 09:30" --units 萌山社区,嘉祥镇街道 --decision \
    "街道继续协调，延至11月13日" --due 2026-11-13 3
same "a new deadline for the unit it has: the colour does not drop" "$T/out" <<'X'
id	meeting	held	tier	unit	unit_name	due	colour
3	2	2026-11-04 09:30:00	street	370829001	嘉祥镇街道	2026-11-13 23:59:59	yellow
X
run 0 escalate --at "2026-11-04 10:00" --meeting "2026-11-04 09:30" --units 萌山社区 --decision "只记录" 9
eq "no lead, no deadline: only recorded" "$(cut -f5,7,8 "$T/out" | tail -1)" "$(printf '370829001\t2026-10-29 23:59:59\tred')"
run 64 escalate --meeting 2026-11-04 --units 不存在的单位 --decision x 3
has "unknown unit" "$T/err" "escalate: unknown unit '不存在的单位'"
run 64 escalate --meeting 2026-11-04 --units 萌山社区 --decision x --due 2026-11-01 3
has "deadline before the meeting" "$T/err" "the deadline is before the meeting"
run 0 ledger meetings
same "ledger lists the meetings with their cases" "$T/out" <<X
meeting	held	units	decision	lead	lead_name	due	cases	count	operator
1	2026-11-03 00:00:00	嘉祥县社会治理服务中心,县住房和城乡建设局,嘉祥镇街道	住建局牵头改造管网，\
11月20日前完成	D01	县住房和城乡建设局	2026-11-20 23:59:59	2,10	2	tester
2	2026-11-04 09:30:00	萌山社区居民委员会,嘉祥镇街道	街道继续协调，延至11月13日			2026-11-13 23:59:59	3	1	tester
3	2026-11-04 09:30:00	萌山社区居民委员会	只记录				9	1	tester
X
run 0 ledger meetings --from 2026-11-04
eq "from a day" "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "2 3 "
run 0 ledger meetings --to 2026-11-03
eq "to a day, inclusive" "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "1 "
run 64 ledger meetings --status open

# The colour report: per unit, its open cases by colour now, and the oldest overdue.
run 0 escalate --report --at "2026-11-04 12:00" -o table
same "worst first: red, yellow, blue; colours as of --at, the case as due then" "$T/out" <<'X'
unit       unit_name           open  blue  yellow  red  oldest  oldest_due           overdue
370829001  嘉祥镇街道             5     0       1    4       1  2026-03-17 23:59:59      158
370829002  卧龙山街道             1     0       0    1       7  2026-10-26 23:59:59        7
D02        嘉祥县供热公司         1     1       0    0
D01        县住房和城乡建设局     2     0       0    0
X
run 0 escalate --report --at "2026-11-04 12:00"
eq "tsv: empty cells when nothing is overdue" "$(tail -1 "$T/out")" "$(printf 'D01\t县住房和城乡建设局\t2\t0\t0\t0\t\t\t')"
printf '{"escalate": {"auto_up": {"street": true}}}' >"$T/street.json"
cp "$MINYI_DB" "$T/two-centres.db"
run 0 escalate -c "$T/street.json" --at "2026-11-18 00:00" 3
cut -f1-5,11-13 "$T/out" >"$T/got"
same "auto_up for the street tier too: to the county, the centre when no rule names a department" "$T/got" <<'X'
id	was	colour	tier	unit	overdue	why	moved_to
3	yellow	red	street	370829001	3	3 working days overdue	370829C01
X
eq "the automatic move's event" "$(sql "SELECT json_extract(details, '\$.reason') || '|' || json_extract(details, '\$.auto') || '|'
    || json_extract(details, '\$.tier') FROM events WHERE case_id = 3 AND kind = 'up' ORDER BY id DESC LIMIT 1")" \
    "turned red: 3 working days overdue|1|county"
same "a case moved says nothing on stderr but the summary" "$T/err" <<'X'
escalate: 1 changed colour (0 blue, 0 yellow, 1 red), 1 moved up, 0 skipped
X
# The same red case when two centres leave the county no certain unit: it
# turns red and stays, with a note; the pass goes on.
printf 'code,name,kind,parent\n370829C02,嘉祥县为民服务中心,centre,370829\n' >"$T/c2.csv"
MINYI_DB=$T/two-centres.db run 0 units import "$T/c2.csv"
MINYI_DB=$T/two-centres.db run 0 escalate -c "$T/street.json" --at "2026-11-18 00:00" 3
eq "red, not moved" "$(cut -f1,3,4,5,13 "$T/out" | tail -n 1)" "$(printf '3\tred\tstreet\t370829001\t')"
has "the note says why" "$T/err" "has no department for its category and there is no county centre (move it with route --to)"
MINYI_DB=$T/none.db run 66 escalate --report
eq "the report does not create a database" "$(ls "$T/none.db" 2>/dev/null)" ""
MINYI_DB=$T/none.db run 66 escalate
eq "nor does a pass" "$(ls "$T/none.db" 2>/dev/null)" ""
done_testing
