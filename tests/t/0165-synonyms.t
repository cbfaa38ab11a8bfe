#!/bin/sh
# Sheets headed as staff write them (联系电话, 反映人, 搜集时间, 诉求内容,
# 搜集人, 所属单位, 小区, 楼号, 办理类型, 备注; a 12345 export's 工单编号 and
# 来电号码), under a title row and above blank rows, read as CSV and in every
# workbook format by intake and reconcile: every field lands where the CSV
# puts it. (units import, resolve --import, callback --import: 0168.)
. tests/t/lib.sh

if ! have_sheets; then
	echo "1..0 # SKIP python3-openpyxl or python3-xlwt not installed (make deps)"
	exit 0
fi
fresh() { rm -f "$MINYI_DB"; org; }
name() { echo "(SELECT name FROM $1 WHERE id = $2)"; }
# titled FORMAT TOOL FIXTURE QUERY: a fresh ledger; $T/FIXTURE.csv under
# $TITLE as FORMAT, its path $p, read by TOOL; QUERY's rows in $T/got.
titled() {
	fresh
	p=$(sheet_titled "$1" "$T/$3.csv" "$3")
	run 0 "$2" "$p"
	"$4" >"$T/got"
}

# intake: a team ledger.
TITLE=萌山社区社情民意365工作台账
cat >"$T/ledger.csv" <<'CSV'
序号,搜集时间,反映人,联系电话,小区,楼号,诉求内容,办理类型,搜集人,所属单位,备注
1,2026-11-05 08:30,张大爷,13800001111,金城花园,2号楼,楼道灯不亮,社区直接办,许褚,萌山社区居民委员会,夜里看不见
2,2026.11.05 9:00,李阿姨,0537-6812345,书香名邸,5号楼,下水道堵了,街道协调办,黄忠,祥和社区居民委员会,
CSV
cases() {
	sql "SELECT c.channel, datetime(c.received, 'unixepoch', 'localtime'), c.reporter, c.phone, c.address,
	    $(name units c.estate_id), $(name units c.community_id), c.text, c.collector, $(name people c.collector_id),
	    $(name units c.unit_id), json_extract(e.details, '\$.proposed_tier'), json_extract(e.details, '\$.remarks')
	    FROM cases c JOIN events e ON e.case_id = c.id AND e.kind = 'intake' ORDER BY c.id"
}
for f in csv $sheet_formats; do
	titled "$f" intake ledger cases
	has "intake $f: the team ledger's layout, the header under the title" "$T/err" \
	    "intake: $p: layout team ledger (row 2 is the header); ignored columns: 序号"
	same "intake $f: every synonym fills its field" "$T/got" <<'X'
visit|2026-11-05 08:30:00|张大爷|13800001111|2号楼|金城花园|萌山社区居民委员会|楼道灯不亮|许褚|许褚|萌山社区居民委员会|社区直接办|夜里看不见
visit|2026-11-05 09:00:00|李阿姨|0537-6812345|5号楼|书香名邸|祥和社区居民委员会|下水道堵了|黄忠|黄忠|祥和社区居民委员会|街道协调办|
X
done

# reconcile: a 12345 export.
TITLE=嘉祥县12345工单导出（2026年11月）
cat >"$T/export.csv" <<'CSV'
工单编号,来电时间,来电人,来电号码,诉求地址,所属街道,所属社区,诉求类型,诉求标题,诉求内容
H001,2026-11-05 09:00,王五,13800004444,金城花园3号楼,嘉祥镇街道,萌山社区,市政设施,路灯,路灯不亮
H002,2026-11-05 10:30,赵六,13800005555,书香名邸,嘉祥镇街道,祥和社区,环境卫生,垃圾,垃圾没清
CSV
hotline() {
	sql "SELECT ticket, datetime(received, 'unixepoch', 'localtime'), reporter, phone, address, given_street,
	    given_community, category, text FROM hotline ORDER BY ticket"
}
for f in csv $sheet_formats; do
	titled "$f" reconcile export hotline
	has "reconcile $f: the 12345 layout, the header under the title" "$T/err" \
	    "reconcile: $p: layout hotline12345 (row 2 is the header)"
	same "reconcile $f: every synonym fills its field" "$T/got" <<'X'
H001|2026-11-05 09:00:00|王五|13800004444|金城花园3号楼|嘉祥镇街道|萌山社区|市政设施|路灯：路灯不亮
H002|2026-11-05 10:30:00|赵六|13800005555|书香名邸|嘉祥镇街道|祥和社区|环境卫生|垃圾：垃圾没清
X
done

done_testing
