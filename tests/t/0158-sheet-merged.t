#!/bin/sh
# Merged cells in a team's workbook: a community or an estate merged down
# the rows of its cases reads on every row, a header merged over two rows
# reads as one header, and a text merged over the rows of several residents
# is each one's demand. Cells merged across a row only fill nothing. The
# same in an .xls (BIFF8), and in a web system's HTML "xls" (rowspan,
# colspan), whose page may not say its charset.
. tests/t/lib.sh

if ! have_sheets; then
	echo "1..0 # SKIP python3-openpyxl or python3-xlwt not installed (make deps)"
	exit 0
fi
org
cat >"$T/m.csv" <<'CSV'
序号,社区,小区,反映人信息,,诉求内容,走访时间
,,,姓名,电话,,
1,萌山社区,祥和苑,张三,13500000001,楼道灯坏了,2026-11-02 09:00
2,,,李四,13600000002,垃圾没人清运,2026-11-02 10:00
3,,,王五,13700000003,路面坑洼,2026-11-02 11:00
4,祥和社区,书香名邸,赵六,13800000004,停车难,2026-11-02 12:00
5,,,钱七,13900000005,,2026-11-02 13:00
6,,,孙八,13900000006,,2026-11-02 14:00
CSV
# Row 1 of the sheet is the header; A1:A2, B1:B2, C1:C2, F1:F2, G1:G2 and
# D1:E1 are merged as a two-row header is; B3:B5 and C3:C5 hold 萌山社区
# and 祥和苑 for three cases; B6:B8, C6:C8 and F6:F8 one text for three.
# An .xls (BIFF8) the same: its merges are read from the workbook's own
# records, for the library that reads its cells gives none.
MERGES='A1:A2,B1:B2,C1:C2,F1:F2,G1:G2,D1:E1,B3:B5,C3:C5,B6:B8,C6:C8,F6:F8'
DB0=$MINYI_DB
for fmt in xls xlsx; do
	export MINYI_DB=$T/$fmt.db
	org
	sheet_as $fmt "$T/m.csv" "$T/m.$fmt" --merge "$MERGES"
	run 0 intake "$T/m.$fmt"
	has "$fmt: the two header rows read as one" "$T/err" "intake: $T/m.$fmt: layout team ledger (rows 1 and 2 are the header); ignored columns: 序号"
	has "$fmt: every row lands, with its place" "$T/err" "intake: 6 new, 0 already known, 0 rejected"
	eq "$fmt: each case: resident, phone, community, estate and text" "$(sql "SELECT c.reporter, c.phone, m.name, x.name, c.text FROM cases c
  JOIN units m ON m.id = c.community_id JOIN units x ON x.id = c.estate_id ORDER BY c.id")" "$(cat <<'X'
张三|13500000001|萌山社区居民委员会|祥和苑|楼道灯坏了
李四|13600000002|萌山社区居民委员会|祥和苑|垃圾没人清运
王五|13700000003|萌山社区居民委员会|祥和苑|路面坑洼
赵六|13800000004|祥和社区居民委员会|书香名邸|停车难
钱七|13900000005|祥和社区居民委员会|书香名邸|停车难
孙八|13900000006|祥和社区居民委员会|书香名邸|停车难
X
)"
done
export MINYI_DB=$DB0
org
run 0 intake "$T/m.xlsx"

# Without the merges the same sheet loses its places below the first row
# of each group: said, row by row (the merge is what carries them).
for fmt in xlsx xls; do
	sheet_as $fmt "$T/m.csv" "$T/plain.$fmt" --merge 'D1:E1'
	run 1 intake --dry-run "$T/plain.$fmt"
	has "$fmt: a blank community is said" "$T/err" "plain.$fmt:4: location not resolved: no location given"
	has "$fmt: a blank text is refused" "$T/err" "plain.$fmt:7: no demand text"
done

# A sheet of 4,000 merges: in the .xlsx their list is longer than the
# pieces the sheet is read in, so that some merge is cut between two; the
# .xls holds them in four records (its writer puts up to 1,027 in one, the
# last range first). Every one is read.
awk 'BEGIN { print "社区,诉求内容,走访时间"; for (i = 0; i < 8000; i++)
	printf "%s,第%d件诉求,2026-11-06 %02d:%02d\n", i % 2 ? "" : "萌山社区", i, 8 + int(i / 60) % 10, i % 60 }' >"$T/many.csv"
for fmt in xlsx xls; do
	sheet_as $fmt "$T/many.csv" "$T/many.$fmt" --merge "$(awk 'BEGIN { for (r = 2; r < 8002; r += 2) printf "%sA%d:A%d", (r > 2 ? "," : ""), r, r + 1 }')"
	run 0 intake --dry-run "$T/many.$fmt"
	has "$fmt: 4,000 merges: every row lands" "$T/err" "intake: (dry run) 8,000 new, 0 already known, 0 rejected"
	eq "$fmt: 4,000 merges: every case has its community" "$(cut -f6 "$T/out" | tail -n +2 | sort | uniq -c | sed 's/^ *//')" "8000 萌山社区居民委员会"
done

# A merge across a row (a title) fills nothing below it.
cat >"$T/t.csv" <<'CSV'
萌山社区民情台账,,,
社区,诉求内容,走访时间,备注
萌山社区,井盖丢了,2026-11-03 09:00,
,树枝挡路,2026-11-03 10:00,
CSV
for fmt in xlsx xls; do
	sheet_as $fmt "$T/t.csv" "$T/t.$fmt" --merge 'A1:D1'
	run 0 intake --dry-run "$T/t.$fmt"
	has "$fmt: the second case has no community of the first" "$T/err" "t.$fmt:4: location not resolved: no location given"
done

# An HTML table: rowspan fills the rows below as a merge does; colspan
# leaves the cells it covers empty. A page that does not say its charset is
# read as UTF-8 when it is, else as GB18030, not as Latin-1.
cat >"$T/r.html" <<'HTML'
<html><body><table>
<tr><td>社区</td><td>姓名</td><td>联系电话</td><td>诉求内容</td><td>走访时间</td><td>备注</td></tr>
<tr><td rowspan="2">萌山社区</td><td>周一</td><td>13500000011</td><td>楼梯扶手松了</td><td>2026-11-04 09:00</td><td rowspan="3">重点户</td></tr>
<tr><td>吴二</td><td>13500000012</td><td>下水道反味</td><td>2026-11-04 10:00</td></tr>
<tr><td>祥和社区</td><td colspan="2">郑三</td><td>绿化带缺苗</td><td>2026-11-04 11:00</td></tr>
</table></body></html>
HTML
iconv -f UTF-8 -t GB18030 "$T/r.html" >"$T/rg.html"
for f in r rg; do
	run 0 intake --dry-run "$T/$f.html"
	has "$f.html: every row lands, with its community" "$T/err" "intake: (dry run) 3 new, 0 already known, 0 rejected"
	eq "$f.html: community and text of each row" "$(cut -f6,9 "$T/out" | tail -n +2)" \
	    "$(printf '萌山社区居民委员会\t楼梯扶手松了\n萌山社区居民委员会\t下水道反味\n祥和社区居民委员会\t绿化带缺苗')"
done
run 0 intake "$T/rg.html"
eq "the remark spanned down is in each row's intake event" "$(sql "SELECT group_concat(coalesce(json_extract(e.details, '\$.remarks'), '-'), ' ')
  FROM cases c JOIN events e ON e.case_id = c.id AND e.kind = 'intake' WHERE c.text IN ('楼梯扶手松了', '下水道反味', '绿化带缺苗') ORDER BY c.id")" \
    "重点户 重点户 重点户"
eq "colspan: the phone's cell is covered, empty" "$(sql "SELECT reporter || '|' || coalesce(phone, '-') FROM cases WHERE text = '绿化带缺苗'")" "郑三|-"
# SpreadsheetML 2003: ss:MergeDown fills the rows below; the cells after a
# covered one come with ss:Index, or without it take the next free column.
cat >"$T/m.xml" <<'XML'
<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="台账"><Table>
<Row><Cell><Data ss:Type="String">社区</Data></Cell><Cell><Data ss:Type="String">诉求内容</Data></Cell>
<Cell><Data ss:Type="String">走访时间</Data></Cell><Cell><Data ss:Type="String">姓名</Data></Cell></Row>
<Row><Cell ss:MergeDown="2"><Data ss:Type="String">萌山社区</Data></Cell><Cell><Data ss:Type="String">健身器材坏了</Data></Cell>
<Cell><Data ss:Type="String">2026-11-05 09:00</Data></Cell><Cell><Data ss:Type="String">冯一</Data></Cell></Row>
<Row><Cell ss:Index="2"><Data ss:Type="String">路灯闪烁</Data></Cell>
<Cell><Data ss:Type="String">2026-11-05 10:00</Data></Cell><Cell><Data ss:Type="String">陈二</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">化粪池满了</Data></Cell>
<Cell><Data ss:Type="String">2026-11-05 11:00</Data></Cell><Cell><Data ss:Type="String">褚三</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">祥和社区</Data></Cell><Cell><Data ss:Type="String">门禁坏了</Data></Cell>
<Cell><Data ss:Type="String">2026-11-05 12:00</Data></Cell><Cell><Data ss:Type="String">卫四</Data></Cell></Row>
</Table></Worksheet></Workbook>
XML
run 0 intake --dry-run "$T/m.xml"
has "m.xml: every row lands" "$T/err" "intake: (dry run) 4 new, 0 already known, 0 rejected"
eq "m.xml: the community merged down, the texts in place" "$(cut -f6,9 "$T/out" | tail -n +2)" \
    "$(printf '萌山社区居民委员会\t健身器材坏了\n萌山社区居民委员会\t路灯闪烁\n萌山社区居民委员会\t化粪池满了\n祥和社区居民委员会\t门禁坏了')"

run 0 intake --dry-run --encoding gb18030 "$T/rg.html"
has "--encoding decides first" "$T/err" "intake: (dry run) 0 new, 3 already known"
# An .xls whose stream has Excel 95's name ("Book") is left to the library
# alone: Excel 95 had no merged cells, so its rows land as written.
/usr/bin/python3 -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read())
old = "Workbook".encode("utf-16-le") + bytes(2)
i = b.find(old)
b[i:i + len(old)] = "Book".encode("utf-16-le") + bytes(10)
b[i + 0x40] = 10          # the name'"'"'s length in bytes, with its NUL
sys.stdout.buffer.write(b)' "$T/m.xls" >"$T/book.xls"
export MINYI_DB=$T/book.db
org
run 1 intake --dry-run "$T/book.xls"
has "a \"Book\" stream is read" "$T/err" "intake: (dry run) 4 new, 0 already known, 2 rejected"
has "its merges are not filled: no place" "$T/err" "book.xls:4: location not resolved: no location given"
has "its merges are not filled: no text" "$T/err" "book.xls:7: no demand text"

done_testing
