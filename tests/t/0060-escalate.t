#!/bin/sh
# escalate: three-colour supervision over weekends, holidays and make-up days;
# idempotent passes; the red triggers; moves up a tier; county meetings.
. tests/t/lib.sh

org
cat >"$T/units2.csv" <<'CSV'
code,name,kind,parent,contact,phone
D02,嘉祥县供热公司,department,370829,钱多,13800000009
CSV
units import "$T/units2.csv" 2>/dev/null
cat >"$T/c.csv" <<'CSV'
ref,received,community,estate,category,text
F1,2026-02-13 09:00,萌山社区,祥和苑,垃圾清运,春节前垃圾没人清运
R1,2026-09-21 09:00,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了
R2,2026-09-28 09:00,萌山社区,金城花园,垃圾清运,垃圾站满溢
R3,2026-09-28 09:00,黄岗村,,路灯,村口路灯不亮
R4,2026-09-28 09:00,祥和社区,书香名邸,供暖,暖气片不热，室温只有十二度
CSV
run 0 intake "$T/c.csv"
esc() { run "$1" escalate --at "$2"; }

# Spring Festival 2026: 15-23 February off, Saturdays 14 and 28 February worked.
run 0 route --at "2026-02-13 16:00" 1
eq "due the Friday after the holiday" "$(tail -1 "$T/out" | cut -f5)" "2026-02-27 23:59:59"
esc 0 "2026-02-25 12:00"
eq "two working days left: no colour" "$(cat "$T/out" "$T/err")" ""
esc 0 "2026-02-26 00:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "blue at the start of the last day but one" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
1	none	blue	2026-02-27 23:59:59	1		1 working day left
X
esc 0 "2026-02-28 12:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "yellow on the make-up Saturday, which counts as a working day overdue" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
1	blue	yellow	2026-02-27 23:59:59		1	1 working day overdue
X
esc 0 "2026-03-02 23:00"
eq "two working days overdue: still yellow" "$(cat "$T/out")" ""
esc 0 "2026-03-03 00:00"
same "red on the third working day overdue, and moved up to the street" "$T/out" <<'X'
id	was	colour	tier	unit	unit_name	contact	phone	due	left	overdue	why	moved_to
1	yellow	red	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-02-27 23:59:59		3	3 working days overdue	370829001
X
has "summary" "$T/err" "escalate: 1 changed colour (0 blue, 0 yellow, 1 red), 1 moved up, 0 skipped"
eq "the move: street tier, the street office, a new deadline of 10 working days" "$(sql "SELECT tier || '|' || (SELECT code FROM units WHERE id = resp_id) || '|' || (SELECT code FROM units WHERE id = first_id) || '|' || datetime(due, 'unixepoch', 'localtime') || '|' || coalesce(colour, 'none') FROM cases WHERE id = 1")" "street|370829001|370829001010|2026-03-17 23:59:59|none"
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
esc 0 "2026-09-28 12:00"
eq "two working days left over the Mid-Autumn days off: no colour" "$(cat "$T/out")" ""
esc 0 "2026-09-29 00:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "blue" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
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
esc 0 "2026-10-01 09:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "overdue on a holiday: yellow, no working day overdue yet" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
2	blue	yellow	2026-09-30 23:59:59		0	past due
X
esc 0 "2026-10-07 23:00"
eq "the whole holiday: nothing changes" "$(cat "$T/out" "$T/err")" ""
esc 0 "2026-10-08 00:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "county tier: blue with two working days left (8, 9 and the make-up Saturday 10 October)" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
5	none	blue	2026-10-10 23:59:59	2		2 working days left
X
esc 0 "2026-10-10 00:00"
same "red on the make-up Saturday, 3 working days overdue; the community case moves up" "$T/out" <<'X'
id	was	colour	tier	unit	unit_name	contact	phone	due	left	overdue	why	moved_to
2	yellow	red	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-09-30 23:59:59		3	3 working days overdue	370829001
X
n=$(sql "SELECT count(*) FROM events")
esc 0 "2026-10-10 00:00"
eq "the same pass again prints nothing" "$(cat "$T/out" "$T/err")" ""
eq "and records nothing" "$(sql "SELECT count(*) FROM events")" "$n"
esc 0 "2026-10-11 12:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "due on the make-up Saturday, past due on Sunday" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
5	blue	yellow	2026-10-10 23:59:59		0	past due
X
esc 0 "2026-10-12 00:00"
cut -f1-3,9-12 "$T/out" >"$T/got"
same "case 3 blue on the Monday" "$T/got" <<'X'
id	was	colour	due	left	overdue	why
3	none	blue	2026-10-13 23:59:59	1		1 working day left
X
esc 0 "2026-10-14 00:00"
same "yellow; the county case turns red and stays where it is" "$T/out" <<'X'
id	was	colour	tier	unit	unit_name	contact	phone	due	left	overdue	why	moved_to
3	blue	yellow	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-10-13 23:59:59		1	1 working day overdue	
5	yellow	red	county	D02	嘉祥县供热公司	钱*	138****0009	2026-10-10 23:59:59		3	3 working days overdue	
X
esc 0 "2026-10-19 00:00"
same "the street case: blue, and the street does not move cases up by default" "$T/out" <<'X'
id	was	colour	tier	unit	unit_name	contact	phone	due	left	overdue	why	moved_to
3	yellow	red	community	370829001010	萌山社区居民委员会	张*	138****0004	2026-10-13 23:59:59		4	4 working days overdue	370829001
4	none	blue	street	370829002	卧龙山街道	赵*	138****0003	2026-10-20 23:59:59	1		1 working day left	
X

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
eq "moved up, it starts red in the street tier too: the trigger still holds" "$(sql "SELECT tier || '|' || colour || '|' || coalesce(watch, 'null') FROM cases WHERE id = 6")" "street|red|null"
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
eq "the event says who, why and from where" "$(sql "SELECT operator || '|' || json_extract(details, '\$.reason') || '|' || json_extract(details, '\$.from_unit') || '>' || json_extract(details, '\$.unit') || '|' || json_extract(details, '\$.auto') FROM events WHERE case_id = 10 AND kind = 'up'")" "tester|涉及两个小区，社区协调不了|370829001013>370829001|0"
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
same "ndjson: the unit, its contact and phone, masked" "$T/out" <<'X'
{"id":3,"was":"none","colour":"blue","tier":"street","unit":"370829001","unit_name":"嘉祥镇街道","contact":"李*","phone":"138****0002","due":"2026-11-02 23:59:59","left":1,"overdue":null,"why":"1 working day left","moved_to":null}
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
run 0 escalate --at "2026-11-03 15:00" --meeting 2026-11-03 --units "$units" --decision "住建局牵头改造管网，11月20日前完成" --lead 住房 --due 2026-11-20 2 10
same "the cases go to the lead department with the deadline decided" "$T/out" <<'X'
id	meeting	held	tier	unit	unit_name	due	colour
2	1	2026-11-03 00:00:00	county	D01	县住房和城乡建设局	2026-11-20 23:59:59	none
10	1	2026-11-03 00:00:00	county	D01	县住房和城乡建设局	2026-11-20 23:59:59	none
X
has "summary" "$T/err" "escalate: 2 recorded at meeting 1, 0 skipped"
eq "the meeting" "$(sql "SELECT datetime(held, 'unixepoch', 'localtime') || '|' || units || '|' || (SELECT code FROM units WHERE id = lead_id) || '|' || operator || '|' || (SELECT group_concat(case_id) FROM meeting_cases WHERE meeting_id = meetings.id) FROM meetings")" '2026-11-03 00:00:00|["370829C01","D01","370829001"]|D01|tester|2,10'
eq "an event for each case" "$(sql "SELECT json_extract(details, '\$.meeting') || '|' || json_extract(details, '\$.from_unit') || '>' || json_extract(details, '\$.lead') || '|' || json_extract(details, '\$.decision') FROM events WHERE case_id = 2 AND kind = 'meeting'")" "1|370829001>D01|住建局牵头改造管网，11月20日前完成"
eq "first handler kept" "$(sql "SELECT (SELECT code FROM units WHERE id = first_id) FROM cases WHERE id = 2")" 370829001010
run 0 ledger show 2
has "ledger show has it" "$T/out" '"decision":"住建局牵头改造管网，11月20日前完成"'
run 0 escalate --at "2026-11-03 16:00" --meeting 2026-11-03 --units "$units" --decision "住建局牵头改造管网，11月20日前完成" --lead 住房 --due 2026-11-20 2 10
eq "the same meeting recorded again adds nothing" "$(cat "$T/out")|$(sql "SELECT count(*) FROM meetings")|$(sql "SELECT count(*) FROM events WHERE kind = 'meeting'")" "|1|2"
has "and says so" "$T/err" "escalate: case 2 is recorded at this meeting already"
run 0 escalate --at "2026-11-04 10:00" --meeting "2026-11-04 09:30" --units 萌山社区,嘉祥镇街道 --decision "街道继续协调，延至11月13日" --due 2026-11-13 3
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
same "ledger lists the meetings with their cases" "$T/out" <<'X'
meeting	held	units	decision	lead	lead_name	due	cases	count	operator
1	2026-11-03 00:00:00	嘉祥县社会治理服务中心,县住房和城乡建设局,嘉祥镇街道	住建局牵头改造管网，11月20日前完成	D01	县住房和城乡建设局	2026-11-20 23:59:59	2,10	2	tester
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
run 0 escalate -c "$T/street.json" --at "2026-11-18 00:00" 3
cut -f1-5,11-13 "$T/out" >"$T/got"
same "auto_up for the street tier too: to the county, the centre when no rule names a department" "$T/got" <<'X'
id	was	colour	tier	unit	overdue	why	moved_to
3	yellow	red	street	370829001	3	3 working days overdue	370829C01
X
eq "the automatic move's event" "$(sql "SELECT json_extract(details, '\$.reason') || '|' || json_extract(details, '\$.auto') || '|' || json_extract(details, '\$.tier') FROM events WHERE case_id = 3 AND kind = 'up' ORDER BY id DESC LIMIT 1")" "turned red: 3 working days overdue|1|county"
MINYI_DB=$T/none.db run 66 escalate --report
eq "the report does not create a database" "$(ls "$T/none.db" 2>/dev/null)" ""
MINYI_DB=$T/none.db run 66 escalate
eq "nor does a pass" "$(ls "$T/none.db" 2>/dev/null)" ""

# Usage and configuration errors.
run 64 escalate --up 3
run 64 escalate --reason x 3
run 64 escalate --report 3
run 64 escalate --report --reveal
run 64 escalate --lead 住房 3
run 64 escalate --meeting 2026-11-04 --decision x 3
run 64 escalate --meeting 2026-11-04 --units 萌山社区 3
run 64 escalate --up --reason x --report
run 64 escalate --at "2026-13-01" 3
has "bad time" "$T/err" "escalate: invalid time '2026-13-01'"
run 64 escalate --meeting "next tuesday" --units 萌山社区 --decision x 3
run 64 escalate abc
has "not an id" "$T/err" "escalate: 'abc' is not a case id"
printf '{"tiers": {"community": {"blue": -1}}}' >"$T/bad1.json"
run 78 escalate -c "$T/bad1.json"
has "a negative threshold" "$T/err" "'tiers.community.blue': expected whole working days from 0 to 365"
printf '{"escalate": {"red_reopens": 1.5}}' >"$T/bad2.json"
run 78 escalate -c "$T/bad2.json"
has "a fraction" "$T/err" "'escalate.red_reopens': expected a whole number from 0 (never) to 1000"
printf '{"escalate": {"auto_up": {"county": true}}}' >"$T/bad3.json"
run 78 escalate -c "$T/bad3.json"
has "nothing above the county" "$T/err" "'escalate.auto_up.county': unknown key"
printf '{"escalate": {"auto_up": {"street": 1}}}' >"$T/bad4.json"
run 78 escalate -c "$T/bad4.json"
has "a switch is true or false" "$T/err" "'escalate.auto_up.street': expected true or false, found a number"
done_testing
