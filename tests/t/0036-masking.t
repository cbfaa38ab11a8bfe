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
run 0 intake --dry-run "$T/msg.csv"
has "a phone kept as written is masked" "$T/err" "msg.csv:2: phone unreadable, kept as written: '139****5678 转 8001'"
run 65 intake --strict "$T/msg.csv"
has "a refused phone is masked" "$T/err" "msg.csv:2: impossible phone '139****5678 转 8001'"
run 0 intake "$T/msg.csv"
has "an address is cut to nothing when no place is found" "$T/err" "msg.csv:3: location not resolved: no community found in the address"
has "an address is cut to the place found" "$T/err" \
    "msg.csv:4: location not resolved: no community found in the address (street '嘉祥镇街道')"
eq "stderr quotes no phone" "$(grep -c '13912345678\|12345678' "$T/err")" 0
eq "stderr quotes no name" "$(grep -c '欧阳' "$T/err")" 0
eq "nor does the intake event" "$(sql "SELECT count(*) FROM events WHERE details LIKE '%欧阳%' OR details LIKE '%13912345678%'")" 0
eq "the address itself is kept" "$(sql "SELECT address FROM cases WHERE ref = 'M2'")" "某某路8号 欧阳娜娜 13912345678"
printf 'ref,received,phone,text\nM9,2026-13-05 09:00,13912345678 转 8001,时间写错\n' >"$T/msg9.csv"
run 1 intake --rejects "$T/rej.csv" "$T/msg9.csv"
has "the rejects file keeps the clear value to correct" "$T/rej.csv" "13912345678 转 8001"
cat >"$T/people.csv" <<'CSV'
name,phone,unit,role
黄盖,0537-12345678-9,370829001010,社区工作者
CSV
run 1 units import "$T/people.csv"
has "units: a refused phone is masked" "$T/err" "impossible phone '053*****5678-9'"

# ---- free text and addresses: phones and ID numbers masked in every writer ----
cat >"$T/text.csv" <<'CSV'
ref,received,reporter,phone,address,community,text
X1,2026-11-06 09:00,欧阳娜娜,13800000009,祥和苑3号楼 电话0537-7654321,萌山社区,\
3号楼2单元漏水，电话139 1234 5678，身份证370829199001011234，2026-11-05报过
CSV
sed -e :a -e '/\\$/{N;s/\\\n//;ba' -e '}' "$T/text.csv" >"$T/text1.csv"
run 0 intake "$T/text1.csv"
has "intake's stream: the text masked" "$T/out" "3号楼2单元漏水，电话139****5678，身份证3708**********1234，2026-11-05报过"
id=$(tail -1 "$T/out" | cut -f1)
masked="3号楼2单元漏水，电话139****5678，身份证3708**********1234，2026-11-05报过"
cp "$T/out" "$T/all"
run 0 ledger
has "ledger list, tsv" "$T/out" "$masked"
cat "$T/out" >>"$T/all"
run 0 ledger -o csv
has "ledger list, csv" "$T/out" "$masked"
cat "$T/out" >>"$T/all"
run 0 ledger -o json
has "ledger list, json" "$T/out" "\"text\":\"$masked\""
cat "$T/out" >>"$T/all"
run 0 ledger -o table
has "ledger list, table" "$T/out" "$masked"
cat "$T/out" >>"$T/all"
run 0 ledger show "$id"
has "show: the address masked" "$T/out" "address	祥和苑3号楼 电话053****4321"
has "show: the text masked" "$T/out" "text	$masked"
cat "$T/out" >>"$T/all"
run 0 ledger -o json show "$id"
has "show, json: the text masked" "$T/out" "\"text\":	\"$masked\""
cat "$T/out" >>"$T/all"
run 0 route --explain "$id"
has "route --explain: the text masked" "$T/out" "$masked"
cat "$T/out" >>"$T/all"
route "$id" >/dev/null 2>&1
run 0 resolve --note "已联系13912345678修好" "$id"
has "resolve's stream: the note masked" "$T/out" "已联系139****5678修好"
cat "$T/out" >>"$T/all"
run 0 ledger show "$id"
has "show: the resolution masked" "$T/out" "resolution	已联系139****5678修好"
cat "$T/out" >>"$T/all"
cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G1,2026-11-07 08:00:00,13300007777,钱进,黄岗村西街3号 13300007777,卧龙山街道,黄岗村,城乡建设/供水,回电13300007777，停水三天
CSV
run 0 reconcile "$T/h.csv"
has "reconcile's stream: the text masked" "$T/out" "回电133****7777，停水三天"
cat "$T/out" >>"$T/all"
run 0 reconcile --explain G1
has "reconcile --explain: the text masked" "$T/out" "text: 回电133****7777，停水三天"
has "reconcile --explain: the address masked" "$T/out" "address: 黄岗村西街3号 133****7777"
cat "$T/out" >>"$T/all"
eq "no number in clear in any of them" "$(grep -c '1234 5678\|370829199001011234\|7654321\|13912345678\|13300007777' "$T/all")" 0
run 0 ledger --reveal show "$id"
has "--reveal: the text in clear" "$T/out" "电话139 1234 5678，身份证370829199001011234"
has "--reveal: the address in clear" "$T/out" "祥和苑3号楼 电话0537-7654321"

# ---- groupings: counted by a person, the names are masked unless revealed ----
cat >"$T/col.csv" <<'CSV'
ref,received,community,text,collector
K1,2026-11-08 09:00,萌山社区,路灯不亮,欧阳娜娜
K2,2026-11-08 09:00,萌山社区,路灯还是不亮,欧阳娜娜
K3,2026-11-08 10:00,萌山社区,垃圾没人收,张三
CSV
run 0 intake "$T/col.csv"
: >"$T/by"
for f in tsv csv json ndjson table; do
	run 0 ledger --by collector -o $f
	cat "$T/out" >>"$T/by"
done
has "by collector: masked" "$T/by" "欧***	2"
has "by collector, json: masked" "$T/by" '"collector":"张*","count":1'
eq "no collector's name in any format" "$(grep -c '欧阳娜娜\|张三' "$T/by")" 0
reveals() { sql "SELECT count(*) FROM events WHERE kind = 'reveal'"; }
n=$(reveals)
lock_db 3
MINYI_BUSY_TIMEOUT=300 run 75 ledger --by collector --reveal
eq "locked: nothing shown" "$(wc -c <"$T/out")" 0
wait $holder
eq "locked: nothing recorded" "$(reveals)" "$n"
run 0 ledger --by collector --reveal
has "--reveal: the names" "$T/out" "欧阳娜娜	2"
eq "one reveal" "$(reveals)" $((n + 1))
eq "about no case: what, the command line, the rows in clear" "$(sql "SELECT coalesce(case_id, 'none'), json_extract(details, '\$.what'),
    json_extract(details, '\$.args'), json_extract(details, '\$.rows') FROM events ORDER BY id DESC LIMIT 1")" \
    'none|case counts|["--by","collector","--reveal"]|2'
run 0 ledger --by category --reveal
eq "a grouping with no names in clear records nothing" "$(reveals)" $((n + 1))

done_testing
