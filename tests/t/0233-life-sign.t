#!/bin/sh
# The whole life of a demand with the steps of 国办发〔2020〕53号: routed
# (派单), signed for (签收), an extension asked and approved (延期), resolved
# (办结) within the new deadline, called back (回访) and closed (销号); the
# history in order, and score counting it signed and handled on time.
. tests/t/lib.sh

org
cat >"$T/team.csv" <<'CSV'
ref,channel,received,reporter,phone,address,community,estate,category,text,collector
L-101,visit,2026-09-28 09:00,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,,3号楼下垃圾桶破损，需更换,许褚
CSV
run 0 intake --at '2026-09-28 09:30' "$T/team.csv"
# Monday 2026-09-28, community tier: five working days around the National
# Day holiday make it Saturday 10-10 (a make-up working day); one working
# day to sign, Tuesday 09-29.
run 0 route --at '2026-09-28 10:00' 1
eq "dispatched" "$(tail -1 "$T/out" | cut -f2,3,5)" "$(printf 'community\t370829001010\t2026-10-10 23:59:59')"
run 0 resolve --at '2026-09-29 08:30' --unit 萌山社区 --sign 1
run 0 escalate --at '2026-09-30 09:00'
eq "signed in time: no flag" "$(sql "SELECT count(*) FROM events WHERE kind = 'unsigned'")" 0
run 0 resolve --at '2026-10-08 09:00' --unit 萌山社区 --extend --days 5 --note "垃圾桶需向环卫所申领" 1
run 0 escalate --at '2026-10-08 11:00' -u 督办专班 --approve 1
# Five working days after Saturday 10-10: 12, 13, 14, 15, 16.
eq "the deadline moved" "$(tail -1 "$T/out" | cut -f2,3,6)" "$(printf 'approved\t5\t2026-10-16 23:59:59')"
run 0 escalate --at '2026-10-12 09:00'
eq "not overdue on Monday 10-12: the new deadline holds" "$(sql 'SELECT coalesce(colour, "none") FROM cases')" none
run 0 resolve --at '2026-10-15 16:00' --unit 萌山社区 --note "已更换新垃圾桶" 1
run 0 callback --at '2026-10-16 10:00' -u 回访员甲 --outcome satisfied --note "居民确认已更换" 1
eq "closed (销号)" "$(tail -1 "$T/out" | cut -f1-3)" "$(printf '1\tsatisfied\tclosed')"
run 0 ledger show 1
sed -n '/^event/,$p' "$T/out" | cut -f3,4 >"$T/got"
same "the history, in order" "$T/got" <<'X'
operator	kind
tester	intake
tester	route
tester	sign
tester	extend
督办专班	extension
tester	resolve
回访员甲	callback
回访员甲	close
X
sed -n '/^updated/,/^$/p' "$T/out" | tail -n +2 >"$T/got"
same "ledger show: the rule, the sign limit and signature, one extension" "$T/got" <<'X'
rule	垃圾:词
sign_due	2026-09-29 23:59:59
signed	2026-09-29 08:30:00
extensions	1

X
run 0 ledger show 1 -o json
eq "the same in json, the count a number" "$(jq -c '.case | [.sign_due, .signed, .extensions, .returns]' "$T/out")" \
    '["2026-09-29 23:59:59","2026-09-29 08:30:00",1,null]'
eq "the sign event" "$(sql "SELECT details FROM events WHERE kind = 'sign'")" \
    '{"unit":"370829001010","signed":"2026-09-29 08:30:00","on_time":true}'
eq "the extension asked" "$(sql "SELECT details FROM events WHERE kind = 'extend'")" \
    '{"unit":"370829001010","days":5,"reason":"垃圾桶需向环卫所申领"}'
eq "resolved on time, by the moved deadline" "$(sql "SELECT json_extract(details, '$.on_time') FROM events WHERE kind = 'resolve'")" 1
# September's score of 萌山社区, counted up to 30 days after the month (so
# the October work is in): one case, handled on time (100.0; by the first
# deadline it would be 0.0), signed on time (100.0, 100.0), no return, one
# extension.
echo '{"score": {"cutoff_days": 30}}' >"$T/c.json"
run 0 score -c "$T/c.json" --at '2026-11-01 09:00' -m 2026-09 -l community
eq "score counts it" "$(grep 370829001010 "$T/out" | cut -f3,15,24-27)" "$(printf '370829001010\t100.0\t100.0\t100.0\t0\t1')"
run 0 ledger verify
done_testing
