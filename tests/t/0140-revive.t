#!/bin/sh
# Corrections: a case voided in error comes back to the state it left
# (resolve --unvoid), and a closed case reopens by a staff decision
# (callback --reopen); both refuse a case in another state.
. tests/t/lib.sh

team_ledger 2
run 0 intake --at '2026-11-02 09:30' "$T/team.csv"
run 0 route --at '2026-11-02 10:00' 1

# ---- unvoid ----
run 0 resolve --at '2026-11-03 10:00' --void --note "误作重复" 1 2
run 0 resolve --at '2026-11-03 11:00' -u 许褚 --unvoid --note "并非重复" 1 2
same "each back in the state it left" "$T/out" <<'X'
id	status	unit	unit_name	time	note
1	open	370829001	嘉祥镇街道	2026-11-03 11:00:00	并非重复
2	new			2026-11-03 11:00:00	并非重复
X
has "unvoid summary" "$T/err" "resolve: 2 returned from void, 0 skipped"
eq "stored: status, no reason, an open case watched again" \
    "$(sql "SELECT group_concat(status || '|' || coalesce(void_reason, '-') || '|' || (watch IS NOT NULL), ';') FROM cases ORDER BY id")" \
    "open|-|1;new|-|0"
eq "the event names the reason and the state" "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 1 AND kind = 'unvoid'")" \
    '许褚|{"reason":"并非重复","to":"open"}'
run 1 resolve --at '2026-11-03 12:00' --unvoid --note "again" 1 999
has "a case not void is refused" "$T/err" "resolve: case 1 is open, not void"
has "a missing case is refused" "$T/err" "resolve: no case 999"
has "refusals counted" "$T/err" "resolve: 0 returned from void, 2 skipped"
eq "one unvoid event each" "$(sql "SELECT count(*) FROM events WHERE kind = 'unvoid'")" 2
run 64 resolve --unvoid 1
run 64 resolve --unvoid --void --note x 1
run 64 resolve --unvoid --progress --note x 1
run 0 ledger verify

# ---- reopen by staff ----
run 0 resolve --at '2026-11-04 10:00' --note "更换灯泡" 1
run 1 callback --at '2026-11-04 11:00' --reopen --note "误销号" 1
has "a resolved case is not reopened by staff" "$T/err" "callback: case 1 is resolved, not closed: only a closed case is reopened"
run 0 callback --at '2026-11-05 10:00' --outcome satisfied 1
run 0 callback --at '2026-11-06 10:00' -u 王明 --reopen --note "居民再次来电：灯又不亮" 1
same "reopened with the same unit and a new deadline" "$T/out" <<'X'
id	outcome	status	attempts	unit	unit_name	due	reopens
1	reopen	open	0	370829001	嘉祥镇街道	2026-11-20 23:59:59	1
X
has "counted as a reopening" "$T/err" "0 closed, 1 reopened"
eq "stored open, one reopening, not closed, watched" \
    "$(sql "SELECT status || '|' || reopens || '|' || coalesce(closed, '-') || '|' || (watch IS NOT NULL) || '|' || first_id FROM cases WHERE id = 1")" \
    "open|1|-|1|$(sql "SELECT id FROM units WHERE code = '370829001'")"
eq "the event says who decided and why" "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 1 AND kind = 'reopen'")" \
    '王明|{"unit":"370829001","due":"2026-11-20 23:59:59","days":10,"reopens":1,"by":"staff","reason":"居民再次来电：灯又不亮","from":"closed"}'
run 0 callback --dissatisfied
eq "the dissatisfaction ledger shows it" "$(tail -n +2 "$T/out" | cut -f1,5,6)" "$(printf '1\t1\topen')"
run 1 callback --at '2026-11-06 11:00' --reopen --note "again" 1 2 999
has "an open case is refused" "$T/err" "callback: case 1 is open, not closed"
has "a new case is refused" "$T/err" "callback: case 2 is new, not closed"
has "a missing case is refused" "$T/err" "callback: no case 999"
run 64 callback --reopen 1
run 64 callback --reopen --outcome satisfied --note x 1
run 0 ledger verify
has "the history holds through both" "$T/err" "the history is intact"
done_testing
