#!/bin/sh
# Signing for a case (签收): the sign limit route sets (route.sign_days
# working days), resolve --sign, the unsigned flag and colour escalate gives
# past the limit, ledger --unsigned, and the errors that change nothing.
. tests/t/lib.sh

sign_demands S 2026-11-02 垃圾清运 <<'CSV'
S3,visit,2026-11-02 09:00,赵六,13700001111,萌山社区,金城花园,垃圾清运,垃圾桶破了
S4,visit,2026-11-02 09:00,孙七,13600002222,萌山社区,金城花园,垃圾清运,还没有派单
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
# Routed on Monday 2026-11-02: one working day to sign, so by the end of
# Tuesday 2026-11-03; five to handle (community tier), Monday 2026-11-09.
run 0 route --at '2026-11-02 10:00' 1 2 3
eq "the sign limit is one working day on" "$(sql "SELECT id, datetime(sign_due, 'unixepoch', 'localtime'), coalesce(signed, '-') FROM cases WHERE id <= 3")" \
    "$(printf '1|2026-11-03 23:59:59|-\n2|2026-11-03 23:59:59|-\n3|2026-11-03 23:59:59|-')"
eq "the rule that routed it is kept" "$(sql 'SELECT DISTINCT rule FROM cases WHERE id <= 3')" "垃圾清运"

run 0 resolve --at '2026-11-03 09:00' --sign 1
same "signed: the case acted on, id first" "$T/out" <<'X'
id	status	unit	unit_name	time	note
1	open	370829001010	萌山社区居民委员会	2026-11-03 09:00:00	
X
has "the summary" "$T/err" "resolve: 1 signed for, 0 skipped"
eq "an event, on time" "$(sql "SELECT details FROM events WHERE case_id = 1 AND kind = 'sign'")" \
    '{"unit":"370829001010","signed":"2026-11-03 09:00:00","on_time":true}'

# Errors: each says why, exits 1 (some cases were not acted on) and changes nothing.
events=$(sql 'SELECT count(*) FROM events')
run 1 resolve --at '2026-11-03 10:00' --sign 1
has "signing twice is refused" "$T/err" "resolve: case 1 was signed for already (2026-11-03 09:00:00)"
run 1 resolve --at '2026-11-03 10:00' --sign 99
has "an unknown case" "$T/err" "no case 99"
run 1 resolve --at '2026-11-03 10:00' --sign 4
has "a case not routed" "$T/err" "case 4 is new: route it first"
run 1 resolve --at '2026-11-03 10:00' --unit 祥和社区 --sign 2
has "a unit not responsible" "$T/err" "unit '祥和社区' is not responsible for case 2"
eq "nothing changed" "$(sql 'SELECT count(*) FROM events')|$(sql "SELECT datetime(signed, 'unixepoch', 'localtime') FROM cases WHERE id = 1")" \
    "$events|2026-11-03 09:00:00"
run 64 resolve --return --note x --import "$T/c.csv"
has "--return takes ids" "$T/err" "--return and --extend take case ids, not --import"
run 64 resolve --sign --void --note x 1
has "one action" "$T/err" "give one of --sign, --return, --extend, --void, --unvoid and --progress"

run 0 ledger --unsigned --columns id,unit,signed
same "ledger --unsigned: open, routed to a unit, not signed for" "$T/out" <<'X'
id	unit	signed
2	萌山社区居民委员会	
3	萌山社区居民委员会	
X

# Before the limit nothing is flagged; after it, cases 2 and 3 are, once,
# each with an event and the colour escalate.unsigned_colour gives (none
# by default; yellow here).
echo '{"escalate": {"unsigned_colour": "yellow"}}' >"$T/y.json"
run 0 escalate -c "$T/y.json" --at '2026-11-03 20:00'
eq "within the limit: no flag" "$(sql "SELECT count(*) FROM events WHERE kind = 'unsigned'")" 0
run 0 escalate -c "$T/y.json" --at '2026-11-04 09:00'
cut -f1-3,12 "$T/out" >"$T/got"
same "past the limit: yellow" "$T/got" <<'X'
id	was	colour	why
2	none	yellow	not signed for in time
3	none	yellow	not signed for in time
X
has "the summary counts them" "$T/err" \
    "escalate: 2 changed colour (0 blue, 2 yellow, 0 red), 0 moved up, 2 not signed for in time, 0 skipped"
eq "an event each" "$(sql "SELECT case_id || ' ' || details FROM events WHERE kind = 'unsigned' ORDER BY id")" \
    "$(printf '2 {"unit":"370829001010","sign_due":"2026-11-03 23:59:59"}\n3 {"unit":"370829001010","sign_due":"2026-11-03 23:59:59"}')"
run 0 escalate -c "$T/y.json" --at '2026-11-04 10:00'
eq "flagged once" "$(sql "SELECT count(*) FROM events WHERE kind = 'unsigned'")" 2
eq "a signed case is not flagged" "$(sql 'SELECT coalesce(colour, "none") FROM cases WHERE id = 1')" none

run 0 resolve --at '2026-11-04 11:00' --sign --note "已安排保洁" 2
eq "a late signature" "$(sql "SELECT details FROM events WHERE case_id = 2 AND kind = 'sign'")" \
    '{"unit":"370829001010","signed":"2026-11-04 11:00:00","on_time":false,"note":"已安排保洁"}'
run 0 ledger --unsigned --count
eq "one left unsigned" "$(tail -1 "$T/out")" 1

# The config: two working days to sign, and no colour for an unsigned case.
# Routed Wednesday 2026-11-04: signed by the end of Friday 2026-11-06.
echo '{"route": {"sign_days": 2}, "escalate": {"unsigned_colour": ""}}' >"$T/c.json"
run 0 route -c "$T/c.json" --at '2026-11-04 10:00' 4
eq "route.sign_days" "$(sql "SELECT datetime(sign_due, 'unixepoch', 'localtime') FROM cases WHERE id = 4")" "2026-11-06 23:59:59"
run 0 escalate -c "$T/c.json" --at '2026-11-09 09:00' 4
eq "no colour: nothing printed" "$(cat "$T/out")" ""
eq "flagged without a colour" \
    "$(sql "SELECT coalesce(colour, 'none'), (SELECT count(*) FROM events WHERE case_id = 4 AND kind = 'unsigned') FROM cases WHERE id = 4")" \
    "none|1"
echo '{"escalate": {"unsigned_colour": "purple"}}' >"$T/bad.json"
run 78 escalate -c "$T/bad.json"
has "a bad colour" "$T/err" "'escalate.unsigned_colour': expected blue, yellow, red or \"\" (none), found 'purple'"
echo '{"route": {"sign_days": -1}}' >"$T/bad2.json"
run 78 route -c "$T/bad2.json"
has "a bad limit" "$T/err" "'route.sign_days'"
run 0 ledger verify
done_testing
