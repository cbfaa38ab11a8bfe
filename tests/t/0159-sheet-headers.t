#!/bin/sh
# A team's sheet as counties write it: a title and a line of who filled it
# in above the header, header cells with a required mark, a note in brackets,
# a colon or a line break, names the layouts did not know, and a total line
# whose count sits under the time.
. tests/t/lib.sh

org
cat >"$T/m.csv" <<'CSV'
嘉祥县嘉祥街道萌山社区民情收集台账（2026年11月）,,,,,,,
填报单位：萌山社区,,,,,填报时间：2026年11月5日,,
序号,走访日期,群众姓名,联系电话（手机）,所在社区,*反映问题,"走访
人",办理情况
1,2026-11-02,张三,13500000001,萌山社区,楼道灯坏了,马超,已办结
,,,,,,,
2,2026-11-03,李四,13600000002,萌山社区,垃圾没人清运,马超,
合计,2件,,,,,,
CSV
run 0 intake "$T/m.csv"
has "the header found under the title, and what is not read named" "$T/err" \
    "intake: $T/m.csv: layout team ledger (row 3 is the header); ignored columns: 序号, 办理情况"
has "both rows land, the blank and the total skipped" "$T/err" "intake: 2 new, 0 already known, 0 rejected, 2 empty rows skipped"
eq "every column read" "$(sql "SELECT datetime(c.received, 'unixepoch', '+8 hours'), c.reporter, c.phone, m.name, c.text, c.collector
  FROM cases c JOIN units m ON m.id = c.community_id ORDER BY c.id")" \
    "$(printf '2026-11-02 00:00:00|张三|13500000001|萌山社区居民委员会|楼道灯坏了|马超\n2026-11-03 00:00:00|李四|13600000002|萌山社区居民委员会|垃圾没人清运|马超')"

# Each way a header cell is written finds the text column.
for h in '诉求内容（必填）' '诉求内容(必填)' '＊诉求内容' '※诉求内容' '诉求内容：' '诉 求 内 容' '诉求内容*【必填】' \
    '群众诉求' '具体诉求' '反映事项' '诉求描述' '主要诉求'; do
	printf '登记时间,社区,%s\n2026-11-04 09:00,萌山社区,路灯不亮\n' "$h" >"$T/h.csv"
	run 0 intake --dry-run "$T/h.csv"
	has "header '$h'" "$T/err" "intake: (dry run) 1 new"
done
# A bracket with nothing before it is not a note; nor is a name with more words.
for h in '（诉求内容）' '诉求内容说明'; do
	printf '登记时间,社区,%s\n2026-11-04 09:00,萌山社区,路灯不亮\n' "$h" >"$T/h.csv"
	run 65 intake --dry-run "$T/h.csv"
	has "header '$h' is not the text" "$T/err" "no column holds the demand text"
done
# A column named exactly comes before one named loosely: no clash.
printf '登记时间,社区,诉求内容,诉求内容（备用）\n2026-11-04 09:00,萌山社区,路灯不亮,另一条\n' >"$T/two.csv"
run 0 intake --dry-run "$T/two.csv"
has "the exact name is read, the other reported" "$T/err" "ignored columns: 诉求内容（备用）"
# Two loose names of one field clash as two exact names do.
printf '登记时间,社区,诉求内容（一）,诉求内容（二）\n2026-11-04 09:00,萌山社区,路灯不亮,另一条\n' >"$T/two.csv"
run 65 intake --dry-run "$T/two.csv"
has "two loose names refused, both named" "$T/err" "columns '诉求内容（一）' and '诉求内容（二）' would both fill field 'text'"

# A name over two columns. Free text (the remarks, the text) is joined, the
# same words once; a repeated name no field reads is reported as ignored.
cat >"$T/rep.csv" <<'CSV'
序号,诉求内容,联系电话,走访时间,备注,社区,备注,序号
1,路灯不亮,13500000011,2026-11-04 09:00,无,萌山社区,已告知,a
2,井盖松动,13500000012,2026-11-04 10:00,,萌山社区,已告知,b
3,树木遮挡,13500000013,2026-11-04 11:00,同上,萌山社区,同上,c
CSV
run 0 intake "$T/rep.csv"
has "repeated names: the unused ones named" "$T/err" "ignored columns: 序号, 序号"
eq "repeated remarks joined, blanks and the same words left out" \
    "$(sql "SELECT group_concat(r, ',') FROM (SELECT json_extract(e.details, '$.remarks') r FROM events e
      JOIN cases c ON c.id = e.case_id WHERE e.kind = 'intake' AND c.phone LIKE '1350000001_' ORDER BY c.id)")" \
    "无；已告知,已告知,同上"
# A field that reads one value (the phone, the community) refuses the file.
printf '诉求内容,联系电话,走访时间,社区,联系电话
路灯不亮,13500000014,2026-11-04 09:00,萌山社区,13600000014
' >"$T/rep.csv"
run 65 intake "$T/rep.csv"
has "two phone columns refused, with their places" "$T/err" \
    "$T/rep.csv:1: columns 2 and 5 are both named '联系电话', and field 'phone' can read only one (rename one)"
eq "nothing of the refused file stored" "$(sql "SELECT count(*) FROM cases WHERE phone = '13500000014'")" 0

# A header of two rows: a group's name over merged cells, the columns' own
# names below it. A workbook and its CSV export read alike.
cat >"$T/two.csv" <<'CSV'
萌山社区民情台账,,,,,,
序号,社区,反映人信息,,诉求内容,走访时间,备注
,,姓名,电话,,,
1,萌山社区,张三,13500000001,井盖丢了,2026-11-02 09:00,
2,萌山社区,李四,13600000002,树枝挡路,2026-11-02 10:00,
CSV
run 0 intake --dry-run "$T/two.csv"
has "both rows are the header" "$T/err" "intake: $T/two.csv: layout team ledger (rows 2 and 3 are the header); ignored columns: 序号"
has "the second row is no record" "$T/err" "intake: (dry run) 2 new, 0 already known, 0 rejected"
run 0 intake "$T/two.csv"
eq "name and phone read from under the group" "$(sql "SELECT group_concat(reporter || ' ' || phone, ',') FROM cases WHERE text IN ('井盖丢了', '树枝挡路')")" \
    "张三 13500000001,李四 13600000002"
# A row of data under a header is never its second row, even one with blanks.
cat >"$T/one.csv" <<'CSV'
序号,社区,姓名,电话,诉求内容,走访时间
,,王五,,路面坑洼,2026-11-03 09:00
CSV
run 0 intake --dry-run "$T/one.csv"
has "one row of header, one record" "$T/err" "intake: (dry run) 1 new"

# units import: the same ways of writing a header cell.
printf '编码*,名称（全称）,类型,上级单位\n370829001097,新兴社区,community,370829001\n' >"$T/u.csv"
run 0 units import "$T/u.csv"
has "units: every column read, none ignored" "$T/err" "units: 1 added, 0 updated, 0 unchanged, 0 rejected"
eq "units: the unit and its parent" \
    "$(sql "SELECT u.name, p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = '370829001097'")" "新兴社区|370829001"
printf '姓名*,单位（编码）,职务,"联系\n电话"\n韩十,370829001097,社区工作者,13512340097\n' >"$T/p.csv"
run 0 units import "$T/p.csv"
eq "units: a person, with the phone under a wrapped header" "$(sql "SELECT name, phone FROM people WHERE name = '韩十'")" "韩十|13512340097"

# resolve --import: a unit's sheet with its header cells written the same ways.
printf 'ref,channel,received,phone,community,text\nH1,visit,2026-11-16 09:00,13912345601,萌山社区,井盖破损\n' >"$T/h1.csv"
intake --at '2026-11-16 10:00' "$T/h1.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
id=$(sql "SELECT id FROM cases WHERE ref = 'H1'")
printf '案件编号（必填）,"办理\n结果",办结时间*\n%s,已更换井盖,2026-11-19\n' "$id" >"$T/res.csv"
run 0 resolve --at '2026-11-20 09:00' --import "$T/res.csv"
eq "resolve: the case resolved from loosely named columns" "$(sql "SELECT status FROM cases WHERE id = $id")" resolved
has "resolve: no column ignored" "$T/err" "1 resolved"
if grep -q 'ignored columns' "$T/err"; then fail "resolve: nothing reported ignored"; else pass "resolve: nothing reported ignored"; fi
done_testing
