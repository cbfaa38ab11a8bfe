#!/bin/sh
# intake: every layout, rejections, --rejects, --strict, --dry-run, idempotence.
. tests/t/lib.sh

org

# One demand from flags, printed as the case stream.
run 0 intake --channel hall --text "小区活动场地不足，希望增设健身器材" --phone "138-1234-5678" \
    --reporter 张三 --address "嘉祥镇街道萌山社区金城花园2号楼" --received "2026/11/20 9:30"
same "the new case, id first" "$T/out" <<'X'
id	channel	ref	received	street	community	estate	category	text
1	hall	c:6613d3b4fe27cc5c	2026-11-20 09:30:00	嘉祥镇街道	萌山社区居民委员会	金城花园		小区活动场地不足，希望增设健身器材
X
eq "stored normalised" "$(sql 'SELECT channel, phone, received, status FROM cases')" "hall|13812345678|1795138200|new"
eq "an intake event" "$(sql "SELECT kind, operator FROM events WHERE case_id = 1")" "intake|tester"
run 0 intake --channel hall --text "小区活动场地不足，希望增设健身器材" --phone "138-1234-5678" \
    --reporter 张三 --address "嘉祥镇街道萌山社区金城花园2号楼" --received "2026/11/20 9:30"
has "the same demand again is known" "$T/err" "intake: 0 new, 1 already known, 0 rejected"
run 65 intake --strict --text "电话不对" --phone 12ab
has "a bad demand from flags" "$T/err" "(flags):0: impossible phone '12ab'"
run 64 intake --phone 13812345678
run 64 intake --channel ufo --text x
MINYI_DB=$T/none.db run 64 intake --at 2029-01-01 --text "日期写错了"
has "a year past the calendar's" "$T/err" "intake: --at '2029-01-01' is outside 2000 to 2028"
[ -e "$T/none.db" ] && fail "no database for a time out of range" || pass "no database for a time out of range"

# Our own ledger layout, with short community names and a collector.
cat >"$T/team.csv" <<CSV
ref,channel,received,reporter,phone,address,street,community,estate,category,text,collector,unit
T1-001,visit,2026-11-02 10:00,李四,13912345678,祥和苑3号楼,嘉祥镇街道,萌山社区,祥和苑,垃圾清运,"3号楼垃圾桶满了,\
三天没人清运",许褚,370829001010
T1-002,visit,2026-11-02 10:30,王五,0537-2345678,书香名邸5号楼,,祥和社区,,停车管理,楼下乱停车堵住消防通道,,
T1-003,wechat,2026-11-03 20:00,,,,,,,"供暖","暖气不热，室温只有十四度",,
T1-004,visit,2026-11-04,赵六,13712345678,外县某村,,,,,路灯坏了,,
CSV
run 0 intake "$T/team.csv"
eq "four new cases" "$(cut -f1 "$T/out" | tail -n +2 | tr '\n' ' ')" "2 3 4 5 "
has "summary" "$T/err" "intake: 4 new, 0 already known, 0 rejected, 2 with location not resolved"
has "unresolved is reported with its line" "$T/err" "team.csv:4: location not resolved"
eq "community found from its short name" "$(sql "SELECT u.name FROM cases c JOIN units u ON u.id = c.community_id WHERE ref = 'T1-001'")" \
    "萌山社区居民委员会"
eq "estate found inside the community" "$(sql "SELECT u.name FROM cases c JOIN units u ON u.id = c.estate_id WHERE ref = 'T1-001'")" "祥和苑"
eq "street filled in from the community" "$(sql "SELECT u.name FROM cases c JOIN units u ON u.id = c.street_id WHERE ref = 'T1-002'")" "嘉祥镇街道"
eq "estate found in the address" "$(sql "SELECT u.name FROM cases c JOIN units u ON u.id = c.estate_id WHERE ref = 'T1-002'")" "书香名邸"
eq "collector resolved" "$(sql "SELECT p.role FROM cases c JOIN people p ON p.id = c.collector_id WHERE ref = 'T1-001'")" "社区工作者"
eq "unresolved stays empty, never guessed" "$(sql "SELECT count(*) FROM cases WHERE ref = 'T1-004' AND community_id IS NULL AND street_id IS NULL")" 1
eq "landline normalised" "$(sql "SELECT phone FROM cases WHERE ref = 'T1-002'")" "0537-2345678"
eq "channel from the record" "$(sql "SELECT channel FROM cases WHERE ref = 'T1-003'")" wechat
run 0 intake "$T/team.csv"
has "re-running adds nothing" "$T/err" "intake: 0 new, 4 already known, 0 rejected"
eq "still five cases" "$(sql 'SELECT count(*) FROM cases')" 5

# A 12345 export with Chinese headers, in UTF-8, GB18030 and with a BOM.
cat >"$T/h.csv" <<CSV
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
2026110100001,2026-11-01 08:12:00,13611112222,孙七,嘉祥县嘉祥镇街道萌山社区祥和苑三号楼,嘉祥镇街道,萌山社区,\
垃圾清运,市民来电反映：小区垃圾长期无人清运。
2026110100002,2026年11月2日 14:05,+86 136 3333 4444,周八,嘉祥镇街道祥和社区书香名邸,,,噪音扰民,夜间施工噪音很大。
CSV
iconv -f utf-8 -t gb18030 "$T/h.csv" >"$T/h-gb.csv"
run 0 intake "$T/h-gb.csv"
has "GB18030 detected" "$T/err" "intake: 2 new"
eq "GB18030 converted to UTF-8" "$(sql "SELECT reporter || '|' || text FROM cases WHERE ref = '2026110100001'")" \
    "孙七|市民来电反映：小区垃圾长期无人清运。"
eq "hotline channel from the layout" "$(sql "SELECT channel FROM cases WHERE ref = '2026110100002'")" hotline
eq "Chinese date form" "$(sql "SELECT datetime(received, 'unixepoch', 'localtime') FROM cases WHERE ref = '2026110100002'")" "2026-11-02 14:05:00"
run 0 intake "$T/h.csv"
has "the same export in UTF-8 adds nothing" "$T/err" "intake: 0 new, 2 already known"
printf '\357\273\277' >"$T/h-bom.csv"
sed 's/2026110100/2026110199/' "$T/h.csv" >>"$T/h-bom.csv"
run 0 intake "$T/h-bom.csv"
has "BOM stripped, header found" "$T/err" "intake: 2 new"

# Every rejection; the good records land and the exit status is 1.
cat >"$T/bad.csv" <<'CSV'
ref,received,phone,text,community
B1,2026-11-05 09:00,13800001111,好的诉求,萌山社区
B2,2026-11-05 09:00,13800001111,,萌山社区
B3,2026-02-30 09:00,13800001111,日期不存在,萌山社区
B4,2027-05-01 09:00,13800001111,未来的时间,萌山社区
B5,2026-11-05 09:00,1380000abcd,电话有字母,萌山社区
B6,,13800001111,没有时间,萌山社区
B7,2026-11-05 09:00,,"多行
文本也可以",萌山社区
B8,2026-11-05 09:00,13800001111,列数不对,萌山社区,多余
CSV
run 1 intake --rejects "$T/rej.csv" "$T/bad.csv"
same "each rejection named FILE:LINE: reason" "$T/err" <<X
$T/bad.csv:3: no demand text
$T/bad.csv:4: impossible date '2026-02-30 09:00'
$T/bad.csv:5: received time '2027-05-01 09:00' is in the future
$T/bad.csv:6: phone unreadable, kept as written: '*****00abcd'
$T/bad.csv:7: no received time
$T/bad.csv:10: 6 fields, header has 5
intake: $T/bad.csv: layout minyi
intake: 3 new, 0 already known, 5 rejected, 1 with phone unreadable
X
eq "good ones landed" "$(sql "SELECT group_concat(ref) FROM cases WHERE ref IN ('B1','B7')")" "B1,B7"
tr -d '\r' <"$T/rej.csv" >"$T/rej.txt"
same "rejects file: reason and the whole record" "$T/rej.txt" <<X
file,line,reason,ref,received,phone,text,community
$T/bad.csv,3,no demand text,B2,2026-11-05 09:00,13800001111,,萌山社区
$T/bad.csv,4,impossible date '2026-02-30 09:00',B3,2026-02-30 09:00,13800001111,日期不存在,萌山社区
$T/bad.csv,5,received time '2027-05-01 09:00' is in the future,B4,2027-05-01 09:00,13800001111,未来的时间,萌山社区
$T/bad.csv,7,no received time,B6,,13800001111,没有时间,萌山社区
$T/bad.csv,10,"6 fields, header has 5",B8,2026-11-05 09:00,13800001111,列数不对,萌山社区,多余
X

n=$(sql 'SELECT count(*) FROM cases')
e=$(sql 'SELECT count(*) FROM events')
sed 's/^B/S/' "$T/bad.csv" >"$T/strict.csv"
run 65 intake --strict "$T/strict.csv"
has "strict names the first bad record" "$T/err" "strict.csv:3: no demand text (--strict: nothing written)"
eq "strict wrote no case" "$(sql 'SELECT count(*) FROM cases')" "$n"
eq "strict wrote no event" "$(sql 'SELECT count(*) FROM events')" "$e"

# The case stream names only cases that were kept: a file that fails under
# --strict prints none of its records, the good file before it does.
printf 'ref,received,text\nG1,2026-11-05 09:00,好的\n' >"$T/good1.csv"
printf 'ref,received,text\nG2,2026-11-05 09:00,也好\nG3,2026-11-05 09:00,\n' >"$T/bad1.csv"
run 65 intake --strict "$T/good1.csv" "$T/bad1.csv"
eq "only the kept file's case is printed" "$(tail -n +2 "$T/out" | cut -f3 | tr '\n' ' ')" "G1 "
eq "and only it is stored" "$(sql "SELECT group_concat(ref) FROM cases WHERE ref GLOB 'G*'")" "G1"
n=$(sql 'SELECT count(*) FROM cases')
sed 's/^B/D/' "$T/bad.csv" | head -2 >"$T/dry.csv"
run 0 intake --dry-run "$T/dry.csv"
has "dry run says what it would do" "$T/err" "intake: (dry run) 1 new"
has "dry run prints an empty id" "$T/out" "	visit	D1	2026-11-05 09:00:00"
eq "dry run wrote nothing" "$(sql 'SELECT count(*) FROM cases')" "$n"

# A file of no known layout stops with 65, naming the file.
printf 'a,b\n1,2\n' >"$T/x.csv"
run 65 intake "$T/x.csv"
has "no layout" "$T/err" "x.csv:1: no known layout"
# The summary does not read as an empty file: it counts the file refused.
has "a refused file is counted" "$T/err" "intake: 0 new, 0 already known, 0 rejected, 1 file refused whole"
run 66 intake "$T/nope.csv"

# Standard input and a pipeline into ledger.
printf 'text,received\n楼道灯不亮,2026-11-06 10:00\n' | intake >"$T/p" 2>/dev/null
eq "stdin read" "$?" 0
id=$(tail -1 "$T/p" | cut -f1)
run 0 ledger show "$id"
has "the case stream id is a case" "$T/out" "楼道灯不亮"

# NDJSON and a JSON array.
printf '{"ref":"J1","received":"2026-11-07T10:00:00+08:00","text":"井盖缺失","community":"祥和社区"}\n{"ref":"J2"\n'\
'{"ref":"J3","received":"2026-11-07 11:00","text":"树枝挡路"}\n' >"$T/a.ndjson"
run 1 intake "$T/a.ndjson"
has "a bad NDJSON line" "$T/err" "a.ndjson:2:"
has "the rest landed" "$T/err" "intake: 2 new"
# A broken first line says nothing of the layout: it is rejected, and the next decides.
printf '{"ref":"J4"\n{"ref":"J5","received":"2026-11-07 11:30","text":"路面塌陷"}\n' >"$T/b.ndjson"
run 1 intake "$T/b.ndjson"
same "the broken first line rejected with its reason" "$T/err" <<X
$T/b.ndjson:1: invalid JSON
$T/b.ndjson:2: location not resolved: no location given
intake: $T/b.ndjson: layout minyi
intake: 1 new, 0 already known, 1 rejected, 1 with location not resolved
X
printf '[{"ref":"K1","received":"2026-11-07 12:00","text":"积水","phone":8613800002222}]' >"$T/a.json"
run 0 intake "$T/a.json"
eq "a JSON number phone" "$(sql "SELECT phone FROM cases WHERE ref = 'K1'")" 13800002222

# The real exports in shared/data.
if [ -f "$MINYI_SHARED/nyc311/AnthonyUPF_311_Service_Requests.csv" ]; then
	rows=$(sqlite3 :memory: ".import --csv $MINYI_SHARED/nyc311/AnthonyUPF_311_Service_Requests.csv t" "SELECT count(*) FROM t")
	MINYI_NOW=2026-11-26 run 0 intake "$MINYI_SHARED/nyc311/AnthonyUPF_311_Service_Requests.csv"
	has "NYC 311 CSV: every record" "$T/err" "intake: $(echo "$rows" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') new"
	eq "NYC 311 channel and reference" "$(sql "SELECT channel || '|' || category FROM cases WHERE ref = '61276295'")" "hotline|Street Condition"
	run 0 intake "$MINYI_SHARED/nyc311/AnthonyUPF_311_Service_Requests.json"
	has "NYC 311 JSON: the same tickets, already known" "$T/err" "0 new, $(echo "$rows" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') already known"
	run 0 intake "$MINYI_SHARED/open311/service_requests.json"
	has "Open311 GeoReport v2" "$T/err" "intake: 2 new"
	eq "Open311 offset time" "$(sql "SELECT received FROM cases WHERE ref = '14-01100669'")" 1405180723
else
	skip "shared data not present"
fi
done_testing
