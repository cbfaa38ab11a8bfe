#!/bin/sh
# The other readers' own sheets headed as staff write them, under a title
# row and above blank rows, read as CSV and in every workbook format: units
# import (单位编码, 单位名称, 单位类型, 上级编码, 联系人, 联系电话; 姓名, 手机,
# 所属单位, 职务, 包保小区), resolve --import (编号, 办理结果, 办结时间,
# 办理单位), callback --import (编号, 回访结果, 回访记录, 回访人, 回访时间).
. tests/t/lib.sh

if ! have_sheets; then
	echo "1..0 # SKIP python3-openpyxl or python3-xlwt not installed (make deps)"
	exit 0
fi

# units import: the gazetteer and its people.
cat >"$T/units.csv" <<'CSV'
单位编码,单位名称,单位类型,上级编码,联系人,联系电话
370829,嘉祥县,county,,,
370829001,嘉祥镇街道,street,370829,李华,13800000002
370829001010,萌山社区居民委员会,community,370829001,张丽,0537-6812345
370829001010-E01,祥和苑,estate,370829001010,,
CSV
cat >"$T/people.csv" <<'CSV'
姓名,手机,所属单位,职务,包保小区
许褚,13900000003,370829001010,社区工作者,祥和苑
CSV
units_dump() {
	sql "SELECT u.code, u.name, u.kind, coalesce(p.code, ''), coalesce(u.contact, ''), coalesce(u.phone, '')
	    FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code"
	sql "SELECT p.name, p.phone, u.code, p.role FROM people p JOIN units u ON u.id = p.unit_id ORDER BY p.name"
	sql "SELECT count(*) FROM covers"
}
for f in csv $sheet_formats; do
	rm -f "$MINYI_DB"
	TITLE=嘉祥县网格单位表
	u=$(sheet_titled "$f" "$T/units.csv" units)
	TITLE=网格员名单
	p=$(sheet_titled "$f" "$T/people.csv" people)
	run 0 units import "$u" "$p"
	has "units import $f: the header under the title" "$T/err" "units: $u: row 2 is the header"
	units_dump >"$T/got"
	same "units import $f: every synonym fills its field" "$T/got" <<'X'
370829|嘉祥县|county|||
370829001|嘉祥镇街道|street|370829|李华|13800000002
370829001010|萌山社区居民委员会|community|370829001|张丽|0537-6812345
370829001010-E01|祥和苑|estate|370829001010||
许褚|13900000003|370829001010|社区工作者
1
X
done

# resolve --import and callback --import: a unit's answers, the callers' sheet.
printf 'ref,channel,received,phone,community,text\nS1,visit,2026-11-16 09:00,13912345678,萌山社区,路面破损\n' >"$T/c.csv"
cat >"$T/res.csv" <<'CSV'
编号,办理结果,办结时间,办理单位
S1,已修补,2026年11月19日下午4点,嘉祥镇街道
CSV
cat >"$T/cb.csv" <<'CSV'
编号,回访结果,回访记录,回访人,回访时间
S1,满意,修得很好,回访员甲,2026-11-21 09:00
CSV
flow() {
	sql "SELECT status, resolution, datetime(resolved, 'unixepoch', 'localtime') FROM cases WHERE ref = 'S1'"
	sql "SELECT datetime(at, 'unixepoch', 'localtime'), outcome, note, operator FROM callbacks"
}
for f in csv $sheet_formats; do
	rm -f "$MINYI_DB"
	org
	intake --at '2026-11-16 10:00' "$T/c.csv" >/dev/null 2>&1
	route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
	TITLE=萌山社区办结情况汇总
	r=$(sheet_titled "$f" "$T/res.csv" res)
	TITLE=回访登记表
	c=$(sheet_titled "$f" "$T/cb.csv" cb)
	run 0 resolve --at '2026-11-20 09:00' --import "$r"
	has "resolve --import $f: the header under the title" "$T/err" "resolve: $r: row 2 is the header"
	run 0 callback --at '2026-11-21 10:00' --import "$c"
	has "callback --import $f: the header under the title" "$T/err" "callback: $c: row 2 is the header"
	flow >"$T/got"
	same "resolve and callback --import $f: every synonym fills its field" "$T/got" <<'X'
closed|已修补|2026-11-19 16:00:00
2026-11-21 09:00:00|satisfied|修得很好|回访员甲
X
done

done_testing
