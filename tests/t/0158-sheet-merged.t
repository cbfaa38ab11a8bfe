#!/bin/sh
# Merged cells in a team's workbook: a community or an estate merged down
# the rows of its cases reads on every row, a header merged over two rows
# reads as one header, and a text merged over the rows of several residents
# is each one's demand. Cells merged across a row only fill nothing.
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
sheet_as xlsx "$T/m.csv" "$T/m.xlsx" \
    --merge 'A1:A2,B1:B2,C1:C2,F1:F2,G1:G2,D1:E1,B3:B5,C3:C5,B6:B8,C6:C8,F6:F8'
run 0 intake "$T/m.xlsx"
has "the two header rows read as one" "$T/err" "intake: $T/m.xlsx: layout team ledger (rows 1 and 2 are the header); ignored columns: 序号"
has "every row lands, with its place" "$T/err" "intake: 6 new, 0 already known, 0 rejected"
eq "each case: resident, phone, community, estate and text" "$(sql "SELECT c.reporter, c.phone, m.name, x.name, c.text FROM cases c
  JOIN units m ON m.id = c.community_id JOIN units x ON x.id = c.estate_id ORDER BY c.id")" "$(cat <<'X'
张三|13500000001|萌山社区居民委员会|祥和苑|楼道灯坏了
李四|13600000002|萌山社区居民委员会|祥和苑|垃圾没人清运
王五|13700000003|萌山社区居民委员会|祥和苑|路面坑洼
赵六|13800000004|祥和社区居民委员会|书香名邸|停车难
钱七|13900000005|祥和社区居民委员会|书香名邸|停车难
孙八|13900000006|祥和社区居民委员会|书香名邸|停车难
X
)"

# Without the merges the same sheet loses its places below the first row
# of each group: said, row by row (the merge is what carries them).
sheet_as xlsx "$T/m.csv" "$T/plain.xlsx" --merge 'D1:E1'
run 1 intake --dry-run "$T/plain.xlsx"
has "a blank community is said" "$T/err" "plain.xlsx:4: location not resolved: no location given"
has "a blank text is refused" "$T/err" "plain.xlsx:7: no demand text"

# A merge across a row (a title) fills nothing below it.
cat >"$T/t.csv" <<'CSV'
萌山社区民情台账,,,
社区,诉求内容,走访时间,备注
萌山社区,井盖丢了,2026-11-03 09:00,
,树枝挡路,2026-11-03 10:00,
CSV
sheet_as xlsx "$T/t.csv" "$T/t.xlsx" --merge 'A1:D1'
run 0 intake --dry-run "$T/t.xlsx"
has "the second case has no community of the first" "$T/err" "t.xlsx:4: location not resolved: no location given"
done_testing
