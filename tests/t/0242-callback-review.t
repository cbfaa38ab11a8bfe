#!/bin/sh
# No 销号 without a call-back: by default a resolved case without a phone,
# or unreachable after callback.max_attempts, waits on the review list for a
# visit call-back (--by-visit), kept on the call-back record; a phone that
# cannot be read is on both lists. The config's "close" restores closing.
. tests/t/lib.sh

callback_ledger
# Case 6 has no phone; case 8 a phone of ten digits (unreadable, kept as written).
printf 'ref,received,reporter,phone,community,category,text\nC8,2026-11-16 09:00,郑十,1380000111,萌山社区,绿化,树倒了\n' >"$T/c8.csv"
intake --at '2026-11-16 10:00' "$T/c8.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
run 0 resolve --at '2026-11-20 15:00' --note 已处理完毕 8
eq "the anonymous case resolved, not closed" "$(sql "SELECT status || '|' || coalesce(closed, '-') FROM cases WHERE id = 6")" "resolved|-"
eq "a review event says why" "$(sql "SELECT details FROM events WHERE case_id = 6 AND kind = 'review'")" '{"reason":"anonymous"}'
eq "no close event" "$(sql "SELECT count(*) FROM events WHERE kind = 'close'")" 0

# Case 4 unreachable three times (callback.max_attempts): still not closed.
callback_outcomes
eq "case 4: resolved after three attempts" "$(sql "SELECT status || '|' || attempts FROM cases WHERE id = 4")" "resolved|3"

# The review list: the attempts used up, no phone; then the unreadable phone.
run 0 callback --at '2026-11-26 09:00' --review
cut -f1-4,6,9 "$T/out" >"$T/got"
same "callback --review" "$T/got" <<'X'
reason	id	channel	ref	attempts	phone
unreachable	4	visit	C4	3	136****2222
anonymous	6	visit	C6	0	
unreadable	8	visit	C8	0	138***0111
X
run 0 callback --at '2026-11-26 09:00' --due
eq "the unreadable phone is on the worklist too" "$(cut -f1,8 "$T/out" | grep -c "^8	")" 1
eq "the others are not" "$(cut -f1 "$T/out" | grep -cx '[46]')" 0

# A visit call-back (上门回访) closes case 6 and case 4, kept as a visit.
run 0 callback --at '2026-11-26 10:00' -u 网格员 --outcome satisfied --note 上门核实已解决 --by-visit 6 4
same "both closed" "$T/out" <<'X'
id	outcome	status	attempts	unit	unit_name	due	reopens
6	satisfied	closed	1	370829001010	萌山社区居民委员会		0
4	satisfied	closed	4	370829001010	萌山社区居民委员会		0
X
eq "kept on the call-back record" "$(sql "SELECT group_concat(case_id || ':' || visit || ':' || operator, ' ') FROM callbacks WHERE visit = 1")" \
    "6:1:网格员 4:1:网格员"
eq "and in its event" "$(sql "SELECT details FROM events WHERE case_id = 6 AND kind = 'callback'")" \
    '{"outcome":"satisfied","note":"上门核实已解决","attempt":1,"visit":true}'
eq "a phone call is not marked" "$(sql "SELECT count(*) FROM callbacks WHERE visit = 0 AND case_id = 4")" 3
run 0 callback --at '2026-11-26 10:30' --review
cut -f2 "$T/out" >"$T/got"
same "off the review list" "$T/got" <<'X'
id
8
X
run 64 callback --reopen --note x --by-visit 8
has "--by-visit needs an outcome" "$T/err" "--by-visit goes with --outcome"
run 64 callback --review --by-visit
run 0 ledger verify

# "close" restores the old behaviour: closed at resolution, and after the
# third unreachable call.
printf '{"callback": {"anonymous": "close", "after_attempts": "close"}}' >"$T/close.json"
printf 'ref,received,reporter,phone,community,category,text\nD1,2026-11-16 09:00,,,萌山社区,绿化,匿名\n' >"$T/d.csv"
printf 'D2,2026-11-16 09:00,冯一,13700009999,萌山社区,绿化,没人接\n' >>"$T/d.csv"
intake --at '2026-11-16 10:00' "$T/d.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
run 0 resolve -c "$T/close.json" --at '2026-11-20 15:00' --note 已处理 9 10
eq "close: the anonymous case closed at once" "$(sql "SELECT status FROM cases WHERE id = 9")" closed
has "summary" "$T/err" "resolve: 2 resolved (1 closed and 0 left for review, having no phone)"
for at in '2026-11-23 10:00' '2026-11-24 10:00' '2026-11-25 10:00'; do
	callback -c "$T/close.json" --at "$at" --outcome unreachable 10 >"$T/out" 2>"$T/err"
done
eq "close: closed after the third attempt" "$(cut -f1-4 "$T/out" | tail -1)" "$(printf '10\tunreachable\tclosed\t3')"
eq "the close event says why" "$(sql "SELECT details FROM events WHERE case_id = 10 AND kind = 'close'")" '{"reason":"unreachable","attempts":3}'
printf '{"callback": {"anonymous": "shut"}}' >"$T/bad.json"
run 78 callback -c "$T/bad.json" --review
has "a wrong policy names the values" "$T/err" "'callback.anonymous': expected review or close, found 'shut'"

done_testing
