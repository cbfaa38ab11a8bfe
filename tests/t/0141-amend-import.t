#!/bin/sh
# Corrections: a record read again under its own reference with changed
# content amends its case while it is new or open, with the old values in
# an event; a resolved, closed or void case is refused; a routed case whose
# place changed is said, and route --again re-decides it.
. tests/t/lib.sh

team_ledger 4
run 0 intake --at '2026-11-02 09:40' "$T/team.csv"
run 0 route --at '2026-11-02 10:00' 1
run 0 resolve --at '2026-11-02 11:00' --void --note "无效" 3
team_ledger_changed
run 1 intake --at '2026-11-03 09:00' "$T/team2.csv"
has "counted" "$T/err" "intake: 1 new, 2 amended, 1 already known, 1 changed but not amended, 0 rejected, 1 with place changed after routing"
has "a void case is refused with its state" "$T/err" "team2.csv:4: case 3 is void: changed, not amended"
has "a routed case whose place changed is said" "$T/err" "team2.csv:2: case 1: place changed after routing (route --again 1 re-decides it)"
eq "only the new case is streamed" "$(tail -n +2 "$T/out" | cut -f1,3)" "$(printf '5\tL-005')"
eq "case 2 holds the new fields" "$(sql "SELECT received || '|' || phone || '|' || text FROM cases WHERE id = 2")" \
    "$(ts '2026-11-02 09:15')|13912345677|楼道堆放杂物，存在严重消防隐患"
eq "case 1 is placed anew, its unit untouched" \
    "$(sql "SELECT c.code || '|' || coalesce(e.code, '-') || '|' || r.code FROM cases k JOIN units c ON c.id = k.community_id
    LEFT JOIN units e ON e.id = k.estate_id JOIN units r ON r.id = k.resp_id WHERE k.id = 1")" \
    "370829001013|370829001013-E01|370829001"
eq "the void case is unchanged" "$(sql "SELECT text FROM cases WHERE id = 3")" "小区门口路面破损"
eq "the amend event keeps old and new values, file and line" \
    "$(sql "SELECT json_extract(details, '$.line') || '|' || json_extract(details, '$.old.phone') || '|' ||
    json_extract(details, '$.new.phone') || '|' || json_extract(details, '$.old.received') || '|' ||
    json_extract(details, '$.old.text') || '|' || (json_extract(details, '$.source') LIKE '%team2.csv')
    FROM events WHERE case_id = 2 AND kind = 'amend'")" \
    "3|13912345679|13912345677|2026-11-02 09:10:00|楼道堆放杂物，存在消防隐患|1"
eq "a routed case's amendment says so" "$(sql "SELECT json_extract(details, '$.place_changed_after_routing') || '|' ||
    json_extract(details, '$.old.community') || '|' || json_extract(details, '$.new.community') FROM events WHERE case_id = 1 AND kind = 'amend'")" \
    "1|萌山社区居民委员会|祥和社区居民委员会"
run 0 ledger show 2
has "the reporter's phone is masked in the history" "$T/out" '"old":{"received":"2026-11-02 09:10:00","phone":"139****5679"'
run 0 ledger verify

# The same file again changes nothing more.
run 1 intake --at '2026-11-03 10:00' "$T/team2.csv"
has "read again: known" "$T/err" "intake: 0 new, 4 already known, 1 changed but not amended, 0 rejected"
eq "one amendment each" "$(sql "SELECT count(*) FROM events WHERE kind = 'amend'")" 2

# route --again re-decides the case moved; the first handler stays.
run 1 route --at '2026-11-03 11:00' 1
has "route alone refuses an open case" "$T/err" "open already (re-assign with --to, or route --again)"
run 0 route --at '2026-11-03 11:00' --again 1
eq "decided again" "$(tail -1 "$T/out" | cut -f1,2,3)" "$(printf '1\tstreet\t370829001')"
eq "the event says it was routed again" "$(sql "SELECT json_extract(details, '$.reason') FROM events WHERE case_id = 1 ORDER BY id DESC LIMIT 1")" \
    "routed again"
run 1 route --again 3
has "a void case is not routed again" "$T/err" "case 3: void: only a new or open case is routed again"
run 64 route --again --pending

# A closed case is refused too; a row without its own reference is not
# amended (its reference covers every field): it is a new case.
run 0 route --at '2026-11-03 12:00' 4
run 0 resolve --at '2026-11-04 10:00' --note "修好" 4
run 0 callback --at '2026-11-05 10:00' --outcome satisfied 4
sed 's/单元门禁损坏/单元门禁已坏/' "$T/team2.csv" >"$T/team3.csv"
run 1 intake --at '2026-11-06 09:00' "$T/team3.csv"
has "a closed case is refused" "$T/err" "team3.csv:5: case 4 is closed: changed, not amended"
cut -d, -f1 --complement "$T/team3.csv" | sed 's/^channel/channel/' >"$T/noref.csv"
run 0 intake --at '2026-11-06 09:00' "$T/noref.csv"
sed -n 1p "$T/noref.csv" >"$T/one.csv"
sed -n 2p "$T/noref.csv" | sed 's/路灯不亮/路灯坏了/' >>"$T/one.csv"
run 0 intake --at '2026-11-06 09:05' "$T/one.csv"
has "a changed row without a reference is a new case" "$T/err" "intake: 1 new, 0 already known, 0 rejected"
run 0 ledger verify

# A correction made by hand is not undone by the same file read again the
# next night; a row the team changed since still amends.
run 0 intake --at '2026-11-06 10:00' --amend --phone 13912345611 --note "电话更正" 5
run 1 intake --at '2026-11-07 09:00' "$T/team2.csv"
has "the row read before changes nothing" "$T/err" "intake: 0 new, 4 already known, 1 changed but not amended, 0 rejected"
eq "the hand's phone stays" "$(sql "SELECT phone FROM cases WHERE id = 5")" 13912345611
sed 's/^L-005,\(.*\),新诉求,/L-005,\1,新诉求（补充）,/' "$T/team2.csv" >"$T/team4.csv"
run 1 intake --at '2026-11-08 09:00' "$T/team4.csv"
has "a row changed since amends" "$T/err" "intake: 0 new, 1 amended, 3 already known"
eq "from the row: its text, and its phone again" "$(sql "SELECT text || '|' || phone FROM cases WHERE id = 5")" "新诉求（补充）|13912345672"
run 0 ledger verify
done_testing
