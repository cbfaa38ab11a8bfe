#!/bin/sh
# Masking everywhere: the phones and ID numbers written in free text and
# addresses, the values messages quote, the groupings, unless --reveal.
. tests/t/lib.sh

org

# ---- messages: a phone refused is quoted masked, an address cut to its place ----
cat >"$T/msg.csv" <<'CSV'
ref,received,phone,address,street,community,text
M1,2026-11-05 09:00,13912345678 转 8001,,,萌山社区,带分机
M2,2026-11-05 09:00,,某某路8号 欧阳娜娜 13912345678,,,地址里有姓名电话
M3,2026-11-05 09:00,,某某路9号 欧阳娜娜 13912345678,嘉祥镇街道,,只认得街道
CSV
run 1 intake "$T/msg.csv"
has "a refused phone is masked" "$T/err" "msg.csv:2: impossible phone '139****5678 转 8001'"
has "an address is cut to nothing when no place is found" "$T/err" "msg.csv:3: location not resolved: no community found in the address"
has "an address is cut to the place found" "$T/err" \
    "msg.csv:4: location not resolved: no community found in the address (street '嘉祥镇街道')"
eq "stderr quotes no phone" "$(grep -c '13912345678\|12345678' "$T/err")" 0
eq "stderr quotes no name" "$(grep -c '欧阳' "$T/err")" 0
eq "nor does the intake event" "$(sql "SELECT count(*) FROM events WHERE details LIKE '%欧阳%' OR details LIKE '%13912345678%'")" 0
eq "the address itself is kept" "$(sql "SELECT address FROM cases WHERE ref = 'M2'")" "某某路8号 欧阳娜娜 13912345678"
run 1 intake --rejects "$T/rej.csv" "$T/msg.csv"
has "the rejects file keeps the clear value to correct" "$T/rej.csv" "13912345678 转 8001"
cat >"$T/people.csv" <<'CSV'
name,phone,unit,role
黄盖,0537-12345678-9,370829001010,社区工作者
CSV
run 1 units import "$T/people.csv"
has "units: a refused phone is masked" "$T/err" "impossible phone '053*****5678-9'"

done_testing
