#!/bin/sh
# A demand is never lost over a contact detail: a phone that cannot be read
# (ten digits, an extension, letters; a bare 7- or 8-digit landline gets
# Jining's area code and a 3- to 6-digit one is a service number, as before)
# keeps the record, is stored as written, masked in every output, warned of
# with its file and line, counted, and the resolved case is called back (or
# reviewed) rather than closed as anonymous. --strict still refuses.
. tests/t/lib.sh

org

cat >"$T/p.csv" <<'CSV'
搜集时间,联系电话,社区,诉求内容
2026-11-16 09:00,1380000111,萌山社区,十位数的电话
2026-11-16 09:01,0537-6812345转8001,萌山社区,带分机的电话
2026-11-16 09:02,681234,萌山社区,没有区号的座机
2026-11-16 09:03,1380000abcd,萌山社区,电话有字母
2026-11-16 09:04,13800001111,萌山社区,好电话
CSV
run 0 intake --at '2026-11-16 10:00' "$T/p.csv"
eq "every record kept" "$(sql "SELECT count(*) FROM cases WHERE received >= $(ts '2026-11-16 09:00')")" 5
eq "the phone kept as written" "$(sql "SELECT phone FROM cases WHERE text = '带分机的电话'")" "0537-6812345转8001"
has "a warning naming file and line, masked" "$T/err" "p.csv:2: phone unreadable, kept as written: '********11'"
has "the extension's line" "$T/err" "p.csv:3: phone unreadable, kept as written:"
eq "six digits: a service number, kept" "$(sql "SELECT phone FROM cases WHERE text = '没有区号的座机'")" 681234
not_has() { if grep -qF "$3" "$2"; then fail "$1"; else pass "$1"; fi; }
not_has "never in clear on stderr" "$T/err" "6812345"
has "counted in the summary" "$T/err" "intake: 5 new, 0 already known, 0 rejected, 3 with phone unreadable"
run 0 intake --at '2026-11-16 10:00' -o csv "$T/p.csv"
run 0 ledger -o csv
not_has "the ledger masks it" "$T/out" "1380000111"
# --strict still refuses.
printf '搜集时间,联系电话,诉求内容\n2026-11-16 09:05,1380000222,严格\n' >"$T/s.csv"
run 65 intake --strict "$T/s.csv"
has "--strict: refused" "$T/err" "s.csv:2: impossible phone"

# Resolved, such a case is not closed as anonymous: it is on the call-back list.
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
id=$(sql "SELECT id FROM cases WHERE text = '带分机的电话'")
run 0 resolve --at '2026-11-18 10:00' --note 已处理 "$id"
eq "resolved, not closed" "$(sql "SELECT status FROM cases WHERE id = $id")" resolved
run 0 callback --at '2026-11-25 09:00' --due -o csv
eq "listed by callback --due" "$(cut -d, -f1 "$T/out" | grep -cx "$id")" 1

# reconcile keeps it as well.
printf '工单编号,来电时间,来电号码,诉求内容\nP1,2026-11-16 09:00,1380000333,热线十位\n' >"$T/h.csv"
run 0 reconcile "$T/h.csv"
eq "reconcile: kept as written" "$(sql "SELECT phone FROM hotline WHERE ticket = 'P1'")" 1380000333
has "reconcile: warned" "$T/err" "h.csv:2: phone unreadable, kept as written"

done_testing
