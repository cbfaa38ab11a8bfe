#!/bin/sh
# Extensions (延期): resolve --extend asks, escalate --approve moves the
# deadline through the calendar, --deny leaves it; ledger --extended; and
# the errors, each with its message and exit status, changing nothing.
. tests/t/lib.sh

sign_demands E 2026-09-28 '' <<'CSV'
E3,visit,2026-09-28 09:00,赵六,13700001111,萌山社区,金城花园,,垃圾桶破了
CSV
run 0 intake --at '2026-09-28 09:30' "$T/c.csv"
# Routed Monday 2026-09-28, community tier, five working days: 29, 30, then
# the National Day holiday (10-01 to 10-07), 10-08, 10-09 and Saturday
# 10-10, a make-up working day (调休).
run 0 route --at '2026-09-28 10:00' 1 2 3
eq "due on the make-up Saturday" "$(sql "SELECT DISTINCT datetime(due, 'unixepoch', 'localtime') FROM cases")" "2026-10-10 23:59:59"
run 0 resolve --at '2026-09-29 09:00' --sign 1 2 3

# Errors of the command line: 64, nothing written.
events=$(sql 'SELECT count(*) FROM events')
run 64 resolve --extend --note "需采购" 1
has "no --days" "$T/err" "--extend needs --days: how many more working days"
run 64 resolve --extend --days 0 --note "需采购" 1
has "zero days" "$T/err" "--days '0': expected whole working days from 1 to 365"
run 64 resolve --extend --days -2 --note "需采购" 1
has "negative days" "$T/err" "--days '-2': expected whole working days from 1 to 365"
run 64 resolve --extend --days 3 1
has "no reason" "$T/err" "--extend needs --note: why more time is needed"
run 64 resolve --days 3 --note x 1
has "--days alone" "$T/err" "--days goes with --extend"
run 64 escalate --approve --deny 1
has "approve or deny" "$T/err" "--up, --meeting, --session, --approve, --deny and --report are separate tasks: give one"
eq "nothing written" "$(sql 'SELECT count(*) FROM events')" "$events"

# Nothing pending, or no such case: 1, nothing changed.
run 1 escalate --at '2026-10-08 09:00' --approve 1
has "nothing pending" "$T/err" "escalate: case 1 has no extension pending"
run 1 escalate --at '2026-10-08 09:00' --deny 99
has "no such case" "$T/err" "escalate: case 99 no such case"
eq "nothing written" "$(sql 'SELECT count(*) FROM events')" "$events"

run 0 resolve --at '2026-10-08 09:30' --extend --days 3 --note "需采购新垃圾桶" 1 2
same "asked: the cases acted on" "$T/out" <<'X'
id	status	unit	unit_name	time	note
1	open	370829001010	萌山社区居民委员会	2026-10-08 09:30:00	需采购新垃圾桶
2	open	370829001010	萌山社区居民委员会	2026-10-08 09:30:00	需采购新垃圾桶
X
has "the summary" "$T/err" "resolve: 2 extensions asked for, 0 skipped"
eq "pending, the deadline unchanged" "$(sql "SELECT ext_asked, datetime(due, 'unixepoch', 'localtime') FROM cases WHERE id = 1")" \
    "3|2026-10-10 23:59:59"
run 1 resolve --at '2026-10-08 09:40' --extend --days 2 --note "再延" 1
has "one pending at a time" "$T/err" "case 1 has an extension of 3 working days pending already"
run 0 ledger --extended --columns id,extension,extensions
same "ledger --extended: pending" "$T/out" <<'X'
id	extension	extensions
1	3	0
2	3	0
X

# The last day before the deadline (Friday 10-09, one working day left):
# blue. Approved, due three working days after Saturday 10-10: Monday 12,
# Tuesday 13, Wednesday 14; the colour starts over (three days left: none).
run 0 escalate --at '2026-10-09 09:00'
eq "blue first" "$(sql 'SELECT colour FROM cases WHERE id = 1')" blue
run 0 escalate --at '2026-10-09 10:00' --approve --reason "同意" 1
same "approved" "$T/out" <<'X'
id	decision	days	unit	unit_name	due	colour
1	approved	3	370829001010	萌山社区居民委员会	2026-10-14 23:59:59	none
X
has "the summary" "$T/err" "escalate: 1 extensions decided, 0 skipped"
eq "the deadline moved, one extension counted" \
    "$(sql "SELECT datetime(due, 'unixepoch', 'localtime'), coalesce(colour, 'none'), coalesce(ext_asked, '-'), extensions FROM cases WHERE id = 1")" \
    "2026-10-14 23:59:59|none|-|1"
eq "an event" "$(sql "SELECT details FROM events WHERE case_id = 1 AND kind = 'extension'")" \
    '{"decision":"approved","days":3,"unit":"370829001010","reason":"同意","from":"2026-10-10 23:59:59","due":"2026-10-14 23:59:59"}'
run 0 escalate --at '2026-10-09 10:00' --deny 2
same "denied" "$T/out" <<'X'
id	decision	days	unit	unit_name	due	colour
2	denied	3	370829001010	萌山社区居民委员会	2026-10-10 23:59:59	blue
X
eq "denied: the deadline stays, nothing pending" \
    "$(sql "SELECT datetime(due, 'unixepoch', 'localtime'), coalesce(ext_asked, '-'), extensions FROM cases WHERE id = 2")" \
    "2026-10-10 23:59:59|-|0"
eq "an event" "$(sql "SELECT details FROM events WHERE case_id = 2 AND kind = 'extension'")" \
    '{"decision":"denied","days":3,"unit":"370829001010"}'

# The supervision pass follows the new deadline: on Monday 10-12, cases 2
# and 3 are one working day overdue (yellow); case 1 has two days left (none).
run 0 escalate --at '2026-10-12 09:00'
cut -f1,3,12 "$T/out" >"$T/got"
same "colours by the deadlines" "$T/got" <<'X'
id	colour	why
2	yellow	1 working day overdue
3	yellow	1 working day overdue
X
run 0 ledger --extended --columns id,extension,extensions
same "ledger --extended: approved" "$T/out" <<'X'
id	extension	extensions
1		1
X
run 1 resolve --at '2026-10-12 10:00' --extend --days 2 --note "x" 99
has "an unknown case" "$T/err" "no case 99"
run 0 resolve --at '2026-10-12 10:00' --note "已更换" 3
run 1 resolve --at '2026-10-12 11:00' --extend --days 2 --note "x" 3
has "a resolved case" "$T/err" "case 3 is resolved already, awaiting its call-back"
run 0 ledger verify
done_testing
