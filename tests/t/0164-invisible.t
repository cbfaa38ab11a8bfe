#!/bin/sh
# A BOM or a zero-width character inside a reference or a phone is removed
# before comparing, in CSV and JSON, by intake, reconcile and the sheets
# that name a case by its reference.
. tests/t/lib.sh

org

zw=$(printf '\342\200\213')     # U+200B
bom=$(printf '\357\273\277')    # U+FEFF
printf 'ref,received,phone,community,text\nZ1,2026-11-05 09:00,13800001111,萌山社区,零宽一\n' >"$T/a.csv"
run 0 intake "$T/a.csv"
printf 'ref,received,phone,community,text\nZ%s1,2026-11-05 09:00,138%s00001111,萌山社区,零宽一\n' "$zw" "$bom" >"$T/b.csv"
run 0 intake "$T/b.csv"
has "CSV: the same reference once the zero-width space is gone" "$T/err" "intake: 0 new, 1 already known, 0 rejected"
printf '[{"ref": "Z%s2", "received": "2026-11-05 09:00", "phone": "%s13800002222", "text": "零宽二"}]\n' "$zw" "$bom" >"$T/c.json"
run 0 intake "$T/c.json"
eq "JSON: the reference and the phone stored clean" "$(sql "SELECT ref || '|' || phone FROM cases WHERE text = '零宽二'")" "Z2|13800002222"
printf '[{"ref": "Z2", "received": "2026-11-05 09:00", "phone": "13800002222", "text": "零宽二"}]\n' >"$T/d.json"
run 0 intake "$T/d.json"
has "JSON: known again" "$T/err" "intake: 0 new, 1 already known, 0 rejected"

# reconcile: a ticket with a zero-width space is the same ticket.
printf '工单编号,来电时间,来电号码,诉求内容\nW1,2026-11-05 09:00,13800003333,零宽工单\n' >"$T/h1.csv"
run 0 reconcile "$T/h1.csv"
printf '工单编号,来电时间,来电号码,诉求内容\nW%s1,2026-11-05 09:00,1380000%s3333,零宽工单\n' "$zw" "$zw" >"$T/h2.csv"
run 0 reconcile "$T/h2.csv"
eq "reconcile: one ticket" "$(sql "SELECT count(*) || '|' || max(phone) FROM hotline WHERE text = '零宽工单'")" "1|13800003333"

# resolve --import finds the case by its reference despite a BOM in it.
route --at '2026-11-05 11:00' --pending >/dev/null 2>&1
printf 'ref,result,time\n%sZ1,已处理,2026-11-06\n' "$bom" >"$T/r.csv"
run 0 resolve --at '2026-11-07 09:00' --import "$T/r.csv"
eq "resolve: the case by its reference" "$(sql "SELECT status FROM cases WHERE ref = 'Z1'")" resolved

done_testing
