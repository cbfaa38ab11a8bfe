#!/bin/sh
# Sheets as teams and the 12345 platform send them: the synonyms of the
# layouts, the layout chosen (and its tie rule), two columns for one field,
# the message for a missing column, the channel's precedence, and the
# report of the columns used. The fixtures are plain CSV files, so that a
# loop may read them again in other formats.
. tests/t/lib.sh

org

# A team ledger headed with the synonyms: 联系电话 is the phone, 搜集时间
# the time, 诉求内容 the text; 序号 is named as ignored.
cat >"$T/team.csv" <<'CSV'
序号,搜集时间,搜集人,反映人,联系电话,所属小区,楼号,诉求内容,办理类型,备注
1,2026-11-05 08:30,王芳,张大爷,13800001111,萌山小区,3号楼,楼道灯不亮,社区直接办,夜里看不见
CSV
run 0 intake "$T/team.csv"
eq "the team ledger is chosen, its channel visit" "$(sql "SELECT channel || '|' || json_extract(e.details, '\$.layout')
    FROM cases c JOIN events e ON e.case_id = c.id AND e.kind = 'intake' WHERE c.text = '楼道灯不亮'")" "visit|team ledger"
eq "联系电话 is the phone" "$(sql "SELECT phone FROM cases WHERE text = '楼道灯不亮'")" 13800001111
eq "反映人 the reporter, 楼号 added to the address" "$(sql "SELECT reporter || '|' || address FROM cases WHERE text = '楼道灯不亮'")" \
    "张大爷|3号楼"
eq "the tier proposed and the remarks are in the event" "$(sql "SELECT json_extract(details, '\$.proposed_tier') || '|' ||
    json_extract(details, '\$.remarks') FROM events WHERE kind = 'intake' ORDER BY id DESC LIMIT 1")" "社区直接办|夜里看不见"
has "the report names the layout and the ignored column" "$T/err" "intake: $T/team.csv: layout team ledger; ignored columns: 序号"
run 0 intake -q "$T/team.csv"
eq "-q: nothing but problems" "$(cat "$T/err")" ""

# Every synonym of the issue, one file per column, each read into its field.
n=0
for spec in phone:联系电话:13900000001 phone:手机:13900000002 phone:手机号:13900000003 phone:手机号码:13900000004 \
    phone:联系方式:13900000005 phone:电话:13900000006 reporter:反映人:甲 reporter:诉求人:乙 reporter:群众姓名:丙 \
    reporter:姓名:丁 reporter:居民姓名:戊 collector:搜集人:己 collector:走访人:庚 collector:登记人:辛 collector:记录人:壬; do
	f=${spec%%:*}; rest=${spec#*:}; col=${rest%%:*}; val=${rest#*:}; n=$((n + 1))
	printf '时间,诉求内容,%s\n2026-11-05 09:%02d,同义词%d,%s\n' "$col" "$n" "$n" "$val" >"$T/syn.csv"
	run 0 intake "$T/syn.csv"
	eq "$col is the $f" "$(sql "SELECT $f FROM cases WHERE text = '同义词$n'")" "$val"
done
for col in 搜集时间 登记时间 走访时间 受理时间 来电时间 日期; do
	n=$((n + 1))
	printf '%s,问题描述\n2026-11-06 10:%02d,同义词%d\n' "$col" "$n" "$n" >"$T/syn.csv"
	run 0 intake "$T/syn.csv"
	eq "$col is the received time" "$(sql "SELECT received FROM cases WHERE text = '同义词$n'")" "$(ts "2026-11-06 10:$n")"
done
for col in 诉求内容 反映内容 问题描述 具体问题 诉求事项 问题内容; do
	n=$((n + 1))
	printf '时间,%s\n2026-11-06 11:%02d,同义词%d\n' "$col" "$n" "$n" >"$T/syn.csv"
	run 0 intake "$T/syn.csv"
	eq "$col is the text" "$(sql "SELECT count(*) FROM cases WHERE text = '同义词$n'")" 1
done

# A team sheet with 诉求内容 is not a 12345 export; with a ticket number and
# a call time it is.
printf '工单编号,来电时间,来电号码,诉求内容\nGD001,2026-11-05 09:00,13800002222,路灯坏了\n' >"$T/h.csv"
run 0 intake "$T/h.csv"
eq "a ticket and a call time: 12345, hotline" "$(sql "SELECT channel || '|' || ref FROM cases WHERE text = '路灯坏了'")" "hotline|GD001"
printf '工单编号,诉求内容,搜集时间\nT1,井盖松动,2026-11-05 09:00\n' >"$T/h2.csv"
run 0 intake "$T/h2.csv"
eq "a ticket without call time or caller: not 12345" "$(sql "SELECT channel FROM cases WHERE text = '井盖松动'")" visit

# A channel column (来源) outranks the layout; --channel outranks both.
printf '来源,搜集时间,诉求内容\n议事厅,2026-11-05 10:00,来源列\n' >"$T/src.csv"
run 0 intake "$T/src.csv"
eq "来源 gives the channel" "$(sql "SELECT channel FROM cases WHERE text = '来源列'")" hall
printf '来源,搜集时间,诉求内容\n议事厅,2026-11-05 10:01,参数优先\n' >"$T/src2.csv"
run 0 intake --channel wechat "$T/src2.csv"
eq "--channel outranks the column" "$(sql "SELECT channel FROM cases WHERE text = '参数优先'")" wechat
# 渠道 too; a row whose channel cell is empty takes the layout's (a team ledger: visit),
# and a channel cell that names no channel is refused, not guessed.
printf '渠道,搜集时间,诉求内容\n微信,2026-11-05 10:02,渠道列\n,2026-11-05 10:03,渠道空\n飞鸽,2026-11-05 10:04,渠道错\n' >"$T/src3.csv"
run 1 intake "$T/src3.csv"
eq "渠道 gives the channel, an empty cell the layout's" \
    "$(sql "SELECT group_concat(channel, ' ') FROM (SELECT channel FROM cases WHERE text IN ('渠道列', '渠道空') ORDER BY id)")" "wechat visit"
has "an unknown channel is refused" "$T/err" "src3.csv:4: unknown channel '飞鸽'"
run 0 intake --channel hall "$T/src3.csv"
eq "--channel outranks even a channel the column cannot name" "$(sql "SELECT channel FROM cases WHERE text = '渠道错'")" hall

# Two columns for one field refuse the file, naming both and the field.
printf '搜集时间,诉求内容,联系电话,电话\n2026-11-05 09:00,两列电话,13800001111,13800002222\n' >"$T/two.csv"
run 65 intake "$T/two.csv"
has "both columns and the field are named" "$T/err" "two.csv:1: columns '联系电话' and '电话' would both fill field 'phone'"
eq "nothing of it stored" "$(sql "SELECT count(*) FROM cases WHERE text = '两列电话'")" 0
# Unless the layout joins them: a title and a body.
printf '工单编号,来电时间,诉求标题,诉求内容\nGD002,2026-11-05 09:00,噪音,楼下夜里施工\nGD003,2026-11-05 09:01,,只有内容\n' >"$T/join.csv"
run 0 intake "$T/join.csv"
eq "title：body" "$(sql "SELECT text FROM cases WHERE ref = 'GD002'")" "噪音：楼下夜里施工"
eq "a body alone" "$(sql "SELECT text FROM cases WHERE ref = 'GD003'")" "只有内容"
# A title over a body of two columns of one name; in JSON, an empty title
# gives way to the next title name.
printf '工单编号,来电时间,诉求标题,诉求内容,诉求内容\nGD004,2026-11-05 09:02,噪音,楼下施工,夜里十点后\n' >"$T/join2.csv"
run 0 intake "$T/join2.csv"
eq "title：body；body" "$(sql "SELECT text FROM cases WHERE ref = 'GD004'")" "噪音：楼下施工；夜里十点后"
{
	echo '{"工单编号": "GD005", "来电时间": "2026-11-05 09:03", "诉求标题": "水压", "诉求内容": "水压低"}'
	echo '{"工单编号": "GD006", "来电时间": "2026-11-05 09:04", "诉求标题": "", "工单标题": "停水", "诉求内容": "三天没水"}'
} >"$T/join.ndjson"
run 0 intake "$T/join.ndjson"
eq "the next title" "$(sql "SELECT text FROM cases WHERE ref IN ('GD005', 'GD006') ORDER BY ref")" "$(printf '水压：水压低\n停水：三天没水')"

# A config written before proposed_tier had its name calls the field "tier".
echo '{"layouts": {"old": {"channel": "visit", "fields": {"received": ["收到"], "text": ["事由"], "tier": ["怎么办"]}}}}' >"$T/old.json"
printf '收到,事由,怎么办\n2026-11-05 09:00,老配置的诉求,街道协调办\n' >"$T/old.csv"
run 0 intake -c "$T/old.json" "$T/old.csv"
eq "the old name still read" "$(sql "SELECT proposed_tier FROM cases WHERE text = '老配置的诉求'")" street

# A missing column: the message names the columns that come closest.
printf '搜集时间,诉求描述内容,联系电话\n2026-11-05 09:00,没有文本列,13800001111\n' >"$T/miss.csv"
run 65 intake "$T/miss.csv"
has "no text column: the closest named" "$T/err" "miss.csv:1: no known layout: no column holds the demand text (closest: '诉求描述内容'"
# A column name past 64 characters is compared by its first 64, and is too
# unlike any field's to be named as close: the file's columns are listed.
long=$(printf '诉求描述内容%.0s' 1 2 3 4 5 6 7 8 9 10 11 12)
printf '搜集时间,%s\n2026-11-05 09:00,名字很长的列\n' "$long" >"$T/long.csv"
run 65 intake "$T/long.csv"
has "a long name, not close" "$T/err" "long.csv:1: no known layout: no column holds the demand text (the file's columns: '搜集时间', '诉求描述内容诉求"
printf '搜集日子,诉求内容\n2026-11-05 09:00,没有时间列\n' >"$T/notime.csv"
run 65 intake "$T/notime.csv"
has "no time column: the closest named" "$T/err" "notime.csv:1: no column holds the received time (closest: '搜集日子'"

# A tie: two layouts of the config that find as many fields; the one listed
# first wins, whichever it is.
echo '{"layouts": {"x_a": {"channel": "hall", "fields": {"received": ["收到"], "text": ["事由"]}},
 "x_b": {"channel": "wechat", "fields": {"received": ["收到"], "text": ["事由"]}}}}' >"$T/tie.json"
printf '收到,事由\n2026-11-05 09:00,平局一\n' >"$T/tie.csv"
run 0 intake -c "$T/tie.json" "$T/tie.csv"
eq "a tie goes to the layout listed first" "$(sql "SELECT channel FROM cases WHERE text = '平局一'")" hall
has "and the report says which" "$T/err" "layout x_a"

# reconcile reads the same shapes: a title row above the header, synonyms.
cat >"$T/rec.csv" <<'CSV'
济宁市12345热线工单导出
工单编号,来电时间,来电号码,诉求人,诉求内容,序号
R001,2026-11-05 09:00,13800003333,李四,小区门口垃圾没人清,1
CSV
run 0 reconcile "$T/rec.csv"
eq "reconcile: the ticket is read under a title row" "$(sql "SELECT ticket || '|' || phone FROM hotline WHERE ticket = 'R001'")" "R001|13800003333"
printf '工单编号,来电时间,联系电话,电话,诉求内容\nR002,2026-11-05 09:00,1,2,两列\n' >"$T/rec2.csv"
run 65 reconcile "$T/rec2.csv"
has "reconcile: two columns for one field" "$T/err" "columns '联系电话' and '电话' would both fill field 'phone'"

done_testing
