#!/bin/sh
# Corrections: intake --amend puts a case's fields right by hand, from flags
# or from a sheet, one event each with the old and new values and the
# reason; an amendment that changes nothing says so; refusals.
. tests/t/lib.sh

team_ledger 3
run 0 intake --at '2026-11-02 09:40' "$T/team.csv"
run 0 route --at '2026-11-02 10:00' 1

run 0 intake --at '2026-11-02 11:00' -u 许褚 --amend --phone 139-1234-5600 --reporter 李秀华 --note "电话记错" 1
eq "the case amended is streamed" "$(tail -n +2 "$T/out" | cut -f1,3)" "$(printf '1\tL-001')"
has "counted" "$T/err" "intake: 1 amended, 0 unchanged, 0 skipped"
eq "stored, the phone normalised" "$(sql "SELECT reporter || '|' || phone FROM cases WHERE id = 1")" "李秀华|13912345600"
eq "one event with old, new and the reason" \
    "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 1 AND kind = 'amend'" | sed 's/,"digest".*//')" \
    '许褚|{"reason":"电话记错","old":{"reporter":"李秀英","phone":"13912345678"},"new":{"reporter":"李秀华","phone":"13912345600"}'
run 0 ledger show 1
has "names in the history are masked" "$T/out" '"old":{"reporter":"李**","phone":"139****5678"},"new":{"reporter":"李**","phone":"139****5600"}'
run 0 ledger show --reveal 1
has "and shown with --reveal" "$T/out" '"old":{"reporter":"李秀英"'

run 0 intake --at '2026-11-02 11:10' --amend --phone 13912345600 --note "again" 1
has "nothing to change is said" "$T/err" "intake: case 1: nothing to change"
has "and counted" "$T/err" "intake: 0 amended, 1 unchanged, 0 skipped"
eq "and writes nothing" "$(sql "SELECT count(*) FROM events WHERE kind = 'amend'")" 1

run 1 intake --at '2026-11-02 11:20' --amend --community 祥和社区 --note "社区登记错" 1 999
has "a routed case moved is said" "$T/err" "intake: case 1: place changed after routing (route --again 1 re-decides it)"
has "a missing case is skipped" "$T/err" "intake: no case 999"
eq "placed anew: the estate of the old community dropped" \
    "$(sql "SELECT c.code || '|' || coalesce(k.estate_id, '-') FROM cases k JOIN units c ON c.id = k.community_id WHERE k.id = 1")" "370829001013|-"
run 1 intake --amend --community 不存在社区 --note x 2
has "an unknown place is refused" "$T/err" "intake: place not found"
run 1 intake --amend --text '' --note x 2
has "the text cannot be removed" "$T/err" "intake: the demand text cannot be removed"
run 1 intake --amend --phone 12 --note x 2
has "an impossible phone is refused" "$T/err" "intake: impossible phone '12'"
run 1 intake --amend --received '2030-01-01 10:00' --note x 2
has "a future time is refused" "$T/err" "is in the future"
run 0 intake --at '2026-11-02 11:30' --amend --phone '' --note "居民不愿留电话" 2
eq "an empty flag removes the field" "$(sql "SELECT coalesce(phone, '-') FROM cases WHERE id = 2")" "-"
run 0 resolve --at '2026-11-02 12:00' --void --note dup 3
run 1 intake --amend --text "改" --note x 3
has "a void case is refused" "$T/err" "intake: case 3 is void: only a new or open case is amended"
run 64 intake --amend --text x 1
run 64 intake --amend --ref X --note x 1
run 64 intake --amend --dry-run --text x --note x 1
run 64 intake --note x --text y
run 64 intake --amend --import "$T/x.csv" --text y

# ---- from a sheet ----
cat >"$T/fix.csv" <<'CSV'
案件编号,诉求内容,电话,备注
2,楼道堆放杂物，存在严重消防隐患,,补充描述
1,,,
1,,12,
CSV
run 1 intake --at '2026-11-02 13:00' --amend --import "$T/fix.csv" --rejects "$T/rej.csv"
has "sheet counted" "$T/err" "intake: 1 amended, 0 unchanged, 2 rejected"
has "a row without a change is rejected" "$T/err" "fix.csv:3: no field to change for case 1"
has "a bad phone is rejected" "$T/err" "fix.csv:4: impossible phone '12'"
eq "the row's note is the reason" "$(sql "SELECT json_extract(details, '$.reason') || '|' || json_extract(details, '$.line') || '|' ||
    json_extract(details, '$.new.text') FROM events WHERE case_id = 2 AND kind = 'amend' ORDER BY id DESC LIMIT 1")" "补充描述|2|楼道堆放杂物，存在严重消防隐患"
eq "rejects written" "$(tail -n +2 "$T/rej.csv" | wc -l)" 2
printf 'id,whatever\n1,x\n' >"$T/bad.csv"
run 65 intake --amend --import "$T/bad.csv"
has "a sheet without a field is refused" "$T/err" "no column holds a field to change"
printf 'id,text\n2,再改\n2,\n' >"$T/strict.csv"
run 65 intake --amend --strict --import "$T/strict.csv"
eq "--strict writes nothing" "$(sql "SELECT count(*) FROM events WHERE kind = 'amend' AND case_id = 2")" 2
run 0 ledger verify
done_testing
