#!/bin/sh
# A unit's sheet of signatures: resolve --sign --import, with the time each
# case was signed for; rows refused with FILE:LINE and the reason; the same
# sheet again adds nothing; --strict keeps nothing when a row is bad.
. tests/t/lib.sh

sign_demands K 2026-11-02 '' <<'CSV'
K3,visit,2026-11-02 09:00,赵六,13700001111,萌山社区,金城花园,,垃圾桶破了
K4,visit,2026-11-02 09:00,孙七,13600002222,祥和社区,书香名邸,,垃圾没人收
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
run 0 route --at '2026-11-02 10:00' 1 2 3 4
cat >"$T/bad.csv" <<'CSV'
案件编号,签收时间,备注
1,2026-11-03 08:30,已派保洁
2,2026-11-01 08:30,
CSV
events=$(sql 'SELECT count(*) FROM events')
run 65 resolve --at '2026-11-04 09:00' --strict --sign --import "$T/bad.csv"
has "a time before routing" "$T/err" "bad.csv:3: time 2026-11-01 08:30:00 is before case 2 was routed (2026-11-02 10:00:00)"
eq "--strict: nothing kept" "$(sql 'SELECT count(*) FROM events')|$(sql 'SELECT count(signed) FROM cases')" "$events|0"

# 1 and 2 on time (by the end of 11-03), 3 late, 4 not 萌山社区's, 9 unknown.
cat >"$T/signs.csv" <<'CSV'
案件编号,签收时间,签收单位,备注
1,2026-11-03 08:30,萌山社区,已派保洁
2,2026-11-03 16:00,萌山社区,
3,2026-11-04 08:00,萌山社区,
4,2026-11-03 09:00,萌山社区,
9,2026-11-03 09:00,萌山社区,
CSV
run 1 resolve --at '2026-11-04 09:00' --sign --import "$T/signs.csv"
cut -f1,2,5,6 "$T/out" >"$T/got"
same "the cases signed for" "$T/got" <<'X'
id	status	time	note
1	open	2026-11-03 08:30:00	已派保洁
2	open	2026-11-03 16:00:00	
3	open	2026-11-04 08:00:00	
X
has "not the unit's" "$T/err" "signs.csv:5: unit '萌山社区' is not responsible for case 4"
has "an unknown case" "$T/err" "signs.csv:6: no case 9"
has "the summary" "$T/err" "resolve: 3 signed for, 0 already signed, 2 rejected"
eq "on time by the limit" "$(sql "SELECT case_id || ':' || json_extract(details, '$.on_time') FROM events WHERE kind = 'sign' ORDER BY case_id")" \
    "$(printf '1:1\n2:1\n3:0')"
eq "the sheet and its line in the event" "$(sql "SELECT json_extract(details, '$.line') FROM events WHERE kind = 'sign' AND case_id = 3")" 4

run 1 resolve --at '2026-11-04 09:30' --sign --import "$T/signs.csv"
has "the same sheet again: nothing twice" "$T/err" "resolve: 0 signed for, 3 already signed, 2 rejected"
eq "no new sign event" "$(sql "SELECT count(*) FROM events WHERE kind = 'sign'")" 3
printf 'id,result\n1,x\n' >"$T/nosign.csv"
run 65 resolve --sign --import "$T/nosign.csv"
has "a sheet without the time signed" "$T/err" "the time signed"
run 0 ledger verify
done_testing
