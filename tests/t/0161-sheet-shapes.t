#!/bin/sh
# Sheet shapes, read by every reader that takes sheets (intake, reconcile,
# units import, resolve --import, callback --import): a title, notes and an
# empty row above the header; blank rows, pre-numbered empty rows and a
# total line skipped and counted, not rejected; the header's row said; the
# columns not used named. Fixtures are plain CSV, reusable in other formats.
. tests/t/lib.sh

org

# intake: a team ledger as exported, title and notes above the header.
cat >"$T/ledger.csv" <<'CSV'
萌山社区社情民意365工作台账,,,,,,
填报说明：每月5日前报送,,,,,,
,,,,,,
序号,搜集时间,反映人,联系电话,社区,诉求内容,
1,2026-11-05 08:30,张大爷,13800001111,萌山社区,楼道灯不亮,
2,2026-11-05 09:00,李阿姨,13800002222,萌山社区,下水道堵了,临时记的
,,,,,,
3,,,,,,
4,,,,,,
合计,,,,,2件,
CSV
run 0 intake "$T/ledger.csv"
eq "the two demands land" "$(sql "SELECT group_concat(text, '|') FROM (SELECT text FROM cases WHERE text IN ('楼道灯不亮', '下水道堵了') ORDER BY id)")" \
    "楼道灯不亮|下水道堵了"
# the empty rows: the one above the header, the blank one, 3 and 4, the total
same "the header's row, the ignored columns, the empty rows counted" "$T/err" <<X
intake: $T/ledger.csv: layout team ledger (row 4 is the header); ignored columns: 序号, column 7 (no name)
intake: 2 new, 0 already known, 0 rejected, 5 empty rows skipped
X
run 0 intake "$T/ledger.csv"
has "again: known, the empty rows still skipped" "$T/err" "intake: 0 new, 2 already known, 0 rejected, 5 empty rows skipped"
# A row with a time or a phone but no text is a rejection, not an empty row.
printf '搜集时间,联系电话,诉求内容\n2026-11-05 09:00,13800003333,\n,,\n' >"$T/notext.csv"
run 1 intake "$T/notext.csv"
has "no text but a phone: rejected" "$T/err" "notext.csv:2: no demand text"
has "and the blank row counted" "$T/err" "0 new, 0 already known, 1 rejected, 1 empty row skipped"

# reconcile: a 12345 export under a title, with a total line.
cat >"$T/export.csv" <<'CSV'
嘉祥县12345工单导出（2026年11月）
工单编号,来电时间,来电号码,诉求内容
H001,2026-11-05 09:00,13800004444,路灯不亮
,,,
总计,,,1
CSV
run 0 reconcile "$T/export.csv"
eq "reconcile: the ticket read" "$(sql "SELECT count(*) FROM hotline WHERE ticket = 'H001'")" 1
has "reconcile: the header's row" "$T/err" "reconcile: $T/export.csv: layout hotline12345 (row 2 is the header)"
has "reconcile: empty rows counted" "$T/err" "; 2 empty rows skipped"
run 0 reconcile -q "$T/export.csv"
eq "reconcile -q: silent" "$(cat "$T/err")" ""

# units import: a title above a units file, a total line below.
cat >"$T/units.csv" <<'CSV'
嘉祥县网格单位表
code,name,kind,parent,备注
370829001099,新城社区,community,370829001,新建
,,,,
合计,1,,,
CSV
run 0 units import "$T/units.csv"
eq "units: the unit read" "$(sql "SELECT name FROM units WHERE code = '370829001099'")" 新城社区
has "units: header row and ignored column" "$T/err" "units: $T/units.csv: row 2 is the header; ignored columns: 备注"
has "units: empty rows counted" "$T/err" "0 rejected, 2 empty rows skipped"
run 0 units -q import "$T/units.csv"
eq "units -q: silent" "$(cat "$T/err")" ""

# resolve --import: a unit's sheet under a title, with a total line.
printf 'ref,channel,received,phone,community,text\nS1,visit,2026-11-16 09:00,13912345678,萌山社区,路面破损\n' >"$T/c.csv"
intake --at '2026-11-16 10:00' "$T/c.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
id=$(sql "SELECT id FROM cases WHERE ref = 'S1'")
cat >"$T/sheet.csv" <<CSV
萌山社区办结情况汇总
id,办理结果,办结时间,序号
$id,已修补,2026-11-19,1
,,,
合计,,,1
CSV
run 0 resolve --at '2026-11-20 09:00' --import "$T/sheet.csv"
eq "resolve: the case resolved" "$(sql "SELECT status FROM cases WHERE id = $id")" resolved
has "resolve: header row, ignored column" "$T/err" "resolve: $T/sheet.csv: row 2 is the header; ignored columns: 序号"
has "resolve: empty rows counted" "$T/err" "2 empty rows skipped, 0 rejected"

# callback --import: the callers' sheet under a title, with a total line.
cat >"$T/calls.csv" <<CSV
回访登记表
id,回访结果,回访人,回访时间
$id,满意,回访员甲,2026-11-21 09:00
,,,
合计：1件,,,
CSV
run 0 callback --at '2026-11-21 10:00' --import "$T/calls.csv"
eq "callback: the case closed" "$(sql "SELECT status FROM cases WHERE id = $id")" closed
has "callback: the header's row" "$T/err" "callback: $T/calls.csv: row 2 is the header"
has "callback: empty rows counted" "$T/err" "2 empty rows skipped, 0 rejected"
run 0 callback -q --at '2026-11-21 10:00' --import "$T/calls.csv"
eq "callback -q: silent" "$(cat "$T/err")" ""

done_testing
