#!/bin/sh
# --headers zh (and output.headers in the config): Chinese column headers and
# vocabulary values in every format; English stays the default whatever LANG
# says; the sheets the tools write in Chinese read back.
. tests/t/lib.sh

callback_ledger
# Case 6 (no phone) waits for review by default; a visit call-back closes it.
callback --at '2026-11-23 10:00' --outcome satisfied --by-visit 6 >/dev/null 2>&1
run 0 ledger -o tsv --headers zh --limit 1
same "ledger: Chinese headers and values in tsv" "$T/out" <<OUT
案件编号	渠道	编号	登记时间	状态	层级	街道	社区	小区	类别	单位	办理期限	预警	重办次数	反映人	联系电话	诉求内容	\
办结	销号	首办单位	搜集人	办理结果
1	敲门	C1	2026-11-16 09:00:00	已办结	社区直接办	嘉祥镇街道	萌山社区居民委员会	祥和苑	垃圾清运	萌山社区居民委员会	2026-11-23 23:59:59		0	李*	\
139****5678	3号楼垃圾桶满了	2026-11-20 15:00:00		萌山社区居民委员会		已处理完毕
OUT
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 run 0 ledger -o tsv --limit 1
has "the default stays English whatever the locale" "$T/out" "id	channel	ref	received	status"
has "... and so do the values" "$T/out" "	visit	C1	"
for fmt in csv json ndjson table; do
	run 0 ledger -o $fmt --headers zh --limit 1
	has "$fmt: a Chinese header" "$T/out" "诉求内容"
	has "$fmt: a Chinese status" "$T/out" "已办结"
	if grep -q "resolved\|visit" "$T/out"; then fail "$fmt: no English value left"; else pass "$fmt: no English value left"; fi
done
if have_sheets; then
	run 0 sh -c 'ledger -o xlsx --headers zh --limit 1 >"$1"' - "$T/zh.xlsx"
	/usr/bin/python3 -c 'import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1]).active
print(ws["A1"].value, ws["E1"].value, ws["E2"].value, ws["B2"].value)' "$T/zh.xlsx" >"$T/cells" 2>&1
	same "xlsx: Chinese headers and values" "$T/cells" <<'OUT'
案件编号 状态 已办结 敲门
OUT
else
	skip "python3-openpyxl not installed"
	skip "python3-openpyxl not installed"
fi
run 0 ledger -o ndjson --headers zh --limit 1
has "json keys are the headers" "$T/out" '{"案件编号":1,"渠道":"敲门"'
run 0 ledger --headers en --limit 1
has "--headers en" "$T/out" "id	channel"
run 64 ledger --headers fr
has "a wrong value says which" "$T/err" "ledger: unknown headers 'fr' (expected en or zh)"

# The config chooses it for every run; --headers overrides.
printf '{"output": {"headers": "zh"}}' >"$T/zh.json"
run 0 ledger -c "$T/zh.json" --by status
same "output.headers zh: --by in Chinese" "$T/out" <<'OUT'
状态	数量
已办结	5
已销号	1
办理中	1
OUT
run 0 ledger -c "$T/zh.json" --headers en --count
run 0 ledger -c "$T/zh.json" --headers en --by tier
has "--headers en over the config" "$T/out" "tier	count"
printf '{"output": {"headers": "cn"}}' >"$T/cn.json"
run 78 ledger -c "$T/cn.json"
has "a wrong config value" "$T/err" "'output.headers': expected en or zh, found 'cn'"

# The case stream runs on: a Chinese JSON line's 案件编号 is its id.
run 0 intake --at '2026-11-17 08:00' --community 萌山社区 --category 路灯 --text 路灯又不亮了
run 0 ledger -o ndjson --headers zh --status new
cp "$T/out" "$T/new.ndjson"
run 0 route --at '2026-11-17 09:00' --headers zh <"$T/new.ndjson"
has "route reads 案件编号 from the stream" "$T/out" "8	街道协调办	370829001"

# The call-back worklist in Chinese, filled in and read back.
run 0 callback --at '2026-11-23 09:00' --due --reveal -o csv --bom --headers zh
head -1 "$T/out" >"$T/head"
has "worklist headers" "$T/head" "案件编号,渠道,编号,办结,回访次数,最近回访,反映人,联系电话,单位,单位名称,类别,诉求内容,办理结果,重办次数,回访结果,备注,回访人,时间"
awk -F, 'NR == 1 { print; next } $1 == 2 || $1 == 3 { OFS = ","; $15 = ($1 == 2 ? "满意" : "不满意"); $16 = "已回访"; $17 = "回访员乙";
	$18 = "2026-11-23 10:00"; print }' "$T/out" >"$T/filled.csv"
run 0 callback --import "$T/filled.csv"
eq "满意 closes, 不满意 reopens" "$(sql 'SELECT id, status FROM cases WHERE id IN (2, 3) ORDER BY id' | tr '\n' ' ')" "2|closed 3|open "

# A ledger written in Chinese, with contacts revealed, lands in another database whole.
run 0 ledger -o csv --headers zh --reveal
cp "$T/out" "$T/zh.csv"
run 0 ledger -o csv --reveal
cut -d, -f2-4,8-10,15-17 "$T/out" | sort >"$T/en.f"
MINYI_DB=$T/other.db
org
run 0 intake "$T/zh.csv"
# 层级 is the tier the centre gave (route), not one a team proposed (办理类型): ignored.
has "every column of a Chinese ledger is used or named" "$T/err" "ignored columns: 案件编号, 状态, 层级, 单位, 办理期限, 预警, 重办次数"
run 0 ledger -o csv --reveal
cut -d, -f2-4,8-10,15-17 "$T/out" | sort >"$T/back.f"
eq "the same cases came back" "$(wc -l <"$T/back.f")" 9
same "their channels, references, times, places, categories, reporters, phones and texts" "$T/back.f" <"$T/en.f"
done_testing
