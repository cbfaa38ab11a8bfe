#!/bin/sh
# resolve: handling reported case by case, progress, the responsible unit,
# cases with no phone, and a unit's spreadsheet with every rejection.
. tests/t/lib.sh

org
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,category,text
V1,visit,2026-11-16 09:00,李四,13912345678,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了
V2,visit,2026-11-16 09:00,王五,13812340000,祥和社区,书香名邸,停车管理,楼下乱停车
V3,visit,2026-11-16 09:00,赵六,13700001111,萌山社区,金城花园,路灯,路灯不亮
A1,visit,2026-11-16 09:00,孙七,13600002222,萌山社区,,绿化,树枝挡路
A1,hotline,2026-11-16 09:00,周八,13500003333,祥和社区,,绿化,草坪被踩坏
V6,visit,2026-11-16 09:00,,,萌山社区,,垃圾清运,匿名：垃圾没人收
V7,visit,2026-11-16 09:00,吴九,13400004444,萌山社区,,垃圾清运,还没有派单
S1,visit,2026-11-16 09:00,郑一,13300005555,萌山社区,祥和苑,垃圾清运,垃圾站异味
S2,visit,2026-11-16 09:00,冯二,13300006666,萌山社区,,垃圾清运,垃圾桶破了
S3,hall,2026-11-16 09:00,陈三,13300007777,祥和社区,,停车管理,电动车乱停
S4,visit,2026-11-16 09:00,褚四,13300008888,祥和社区,,停车管理,车位被占
H1,visit,2026-11-16 09:00,卫五,13300009999,黄岗村,,垃圾清运,村口垃圾堆
H2,visit,2026-11-16 09:00,蒋六,13300000000,黄岗村,,垃圾清运,垃圾桶不够
CSV
intake --at '2026-11-16 10:00' "$T/c.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' 1 2 3 4 5 6 8 9 10 11 12 13 >/dev/null 2>&1

# One case handled: resolved, with its time, text and operator in an event.
run 0 resolve --at '2026-11-18 10:00' -u 许褚 --note "已联系环卫清运" 1
same "the case acted on, id first" "$T/out" <<'X'
id	status	unit	unit_name	time	note
1	resolved	370829001010	萌山社区居民委员会	2026-11-18 10:00:00	已联系环卫清运
X
has "summary" "$T/err" "resolve: 1 resolved (0 closed and 0 left for review, having no phone), 0 already recorded, 0 skipped"
eq "stored" "$(sql "SELECT status || '|' || datetime(resolved, 'unixepoch', 'localtime') || '|' || resolution || '|' || (watch IS NULL) FROM cases
    WHERE id = 1")" "resolved|2026-11-18 10:00:00|已联系环卫清运|1"
eq "the event" "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 1 AND kind = 'resolve'")" \
    '许褚|{"resolution":"已联系环卫清运","unit":"370829001010","on_time":true}'
run 0 resolve --at '2026-11-18 11:00' --note "已联系环卫清运" 1
has "the same resolution again adds nothing" "$T/err" "resolve: 0 resolved (0 closed and 0 left for review, having no phone), 1 already recorded, 0 skipped"
eq "one resolve event" "$(sql "SELECT count(*) FROM events WHERE case_id = 1 AND kind = 'resolve'")" 1

# Cases that cannot be resolved are skipped with the reason; the others land.
run 1 resolve --at '2026-11-18 10:00' --note "已处理" 7 999 1 2
same "each skip says why" "$T/err" <<'X'
resolve: case 7 is new: route it first
resolve: no case 999
resolve: case 1 is resolved already, awaiting its call-back
resolve: 1 resolved (0 closed and 0 left for review, having no phone), 0 already recorded, 3 skipped
X
eq "only case 2 printed" "$(tail -n +2 "$T/out" | cut -f1,2)" "$(printf '2\tresolved')"

# The unit reporting must be responsible: the current unit or the first handler.
run 1 resolve --unit 祥和社区 --note "已修好" 3
has "not responsible" "$T/err" "resolve: unit '祥和社区' is not responsible for case 3 (370829001 嘉祥镇街道 is)"
run 64 resolve --unit 不存在的单位 --note "已修好" 3
has "unknown unit" "$T/err" "resolve: unknown unit '不存在的单位'"

# Progress leaves the case open.
run 0 resolve --at '2026-11-17 15:00' --progress --unit 嘉祥镇街道 --note "已报修，等待配件" 3
same "progress printed" "$T/out" <<'X'
id	status	unit	unit_name	time	note
3	open	370829001	嘉祥镇街道	2026-11-17 15:00:00	已报修，等待配件
X
has "progress summary" "$T/err" "resolve: 1 progress notes recorded, 0 skipped"
eq "still open, a progress event" "$(sql "SELECT c.status || '|' || e.details FROM cases c JOIN events e ON e.case_id = c.id
    AND e.kind = 'progress' WHERE c.id = 3")" 'open|{"note":"已报修，等待配件","unit":"370829001"}'
run 1 resolve --progress --note "再看看" 1
has "no progress on a resolved case" "$T/err" "resolve: case 1 is resolved already, awaiting its call-back"

# 首办负责制: after re-assignment the first handler may still report it done.
route --at '2026-11-17 16:00' --to 卧龙山街道 --reason "需另一街道配合" 3 >/dev/null 2>&1
run 0 resolve --at '2026-11-18 09:00' --unit 嘉祥镇街道 --note "路灯已更换" 3
eq "resolved by the first handler, recorded as such" "$(sql "SELECT details FROM events WHERE case_id = 3 AND kind = 'resolve'")" \
    '{"resolution":"路灯已更换","unit":"370829002","by":"370829001","on_time":true}'

# No phone: nobody to call back. By default it waits for a visit call-back
# (callback --review, 0241); callback.anonymous "close" closes it at once.
printf '{"callback": {"anonymous": "close"}}' >"$T/close.json"
run 0 resolve -c "$T/close.json" --at '2026-11-18 09:30' --note "已清运" 6
eq "closed" "$(tail -1 "$T/out" | cut -f1,2)" "$(printf '6\tclosed')"
eq "resolved and closed together" "$(sql "SELECT status || '|' || (resolved = closed) FROM cases WHERE id = 6")" "closed|1"
eq "the close event says why" "$(sql "SELECT group_concat(kind || ' ' || details, '; ') FROM events WHERE case_id = 6
    AND kind IN ('resolve', 'close')")" 'resolve {"resolution":"已清运","unit":"370829001010","on_time":true}; close {"reason":"anonymous"}'
has "summary counts it" "$T/err" "resolve: 1 resolved (1 closed and 0 left for review, having no phone)"

# The case stream: ledger's open cases of a unit, resolved in one go.
ledger --status open --unit 黄岗村 >"$T/open.tsv"
run 0 resolve --at '2026-11-18 12:00' --note "村里统一清运" <"$T/open.tsv"
eq "every open case of the unit" "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "12 13 "

# A unit's spreadsheet: by id, by reference alone, by channel and reference;
# every rejection with its FILE:LINE: reason; the good rows land; exit 1.
cat >"$T/sheet.csv" <<'CSV'
案件编号,编号,渠道,办理结果,办结时间,办理单位
8,,,已协调环卫公司清运,2026-11-19 16:00,萌山社区
,S2,,已更换新垃圾桶,2026-11-19 16:30,
,A1,visit,树枝已修剪,2026-11-19,萌山社区居民委员会
,A1,,草坪已补种,2026-11-19,
999,,,不存在,2026-11-19,
,ZZ,,没有这个编号,2026-11-19,
6,,,再次清运,2026-11-19,
10,,,已处理,2026-11-19,萌山社区
11,,,已处理,2026-11-19,火星社区
11,,,,2026-11-19,
10,,,已处理,2026-13-45,
10,,,已处理,2026-12-30 10:00,
10,,,已处理,2026-11-01 10:00,
7,,,已处理,2026-11-19,
1,,,另一种说法,2026-11-19,
abc,,,已处理,2026-11-19,
10,,,已处理,2026-11-19,,多余
,S9,ufo,已处理,2026-11-19,
CSV
run 1 resolve --at '2026-11-20 09:00' --rejects "$T/rej.csv" --import "$T/sheet.csv"
same "every rejection, FILE:LINE: reason" "$T/err" <<X
$T/sheet.csv:5: reference 'A1' is ambiguous (channels visit, hotline): add a channel column
$T/sheet.csv:6: no case 999
$T/sheet.csv:7: no case with reference 'ZZ'
$T/sheet.csv:8: case 6 is closed
$T/sheet.csv:9: unit '萌山社区' is not responsible for case 10 (370829001013 祥和社区居民委员会 is)
$T/sheet.csv:10: unknown unit '火星社区'
$T/sheet.csv:11: no result text for case 11
$T/sheet.csv:12: impossible date '2026-13-45'
$T/sheet.csv:13: time '2026-12-30 10:00' is in the future
$T/sheet.csv:14: time 2026-11-01 10:00:00 is before case 10 was routed (2026-11-16 11:00:00)
$T/sheet.csv:15: case 7 is new: route it first
$T/sheet.csv:16: case 1 is resolved already, awaiting its call-back
$T/sheet.csv:17: 'abc' is not a case id
$T/sheet.csv:18: 7 fields, header has 6
$T/sheet.csv:19: unknown channel 'ufo'
resolve: 3 resolved (0 closed and 0 left for review, having no phone), 0 already recorded, 15 rejected
X
same "the rows that landed, with the sheet's times" "$T/out" <<'X'
id	status	unit	unit_name	time	note
8	resolved	370829001010	萌山社区居民委员会	2026-11-19 16:00:00	已协调环卫公司清运
9	resolved	370829001010	萌山社区居民委员会	2026-11-19 16:30:00	已更换新垃圾桶
4	resolved	370829001010	萌山社区居民委员会	2026-11-19 00:00:00	树枝已修剪
X
eq "the event names the sheet and line" "$(sql "SELECT details FROM events WHERE case_id = 8 AND kind = 'resolve'")" \
    "{\"resolution\":\"已协调环卫公司清运\",\"unit\":\"370829001010\",\"time\":\"2026-11-19 16:00:00\",\"on_time\":true,\"source\":\
\"$T/sheet.csv\",\"line\":2}"
eq "rejected cases untouched" "$(sql "SELECT group_concat(status) FROM cases WHERE id IN (5, 10, 11) ORDER BY id")" "open,open,open"
tr -d '\r' <"$T/rej.csv" | head -3 >"$T/rej.txt"
same "the rejects file keeps the row and its reason" "$T/rej.txt" <<X
file,line,reason,案件编号,编号,渠道,办理结果,办结时间,办理单位
$T/sheet.csv,5,"reference 'A1' is ambiguous (channels visit, hotline): add a channel column",,A1,,草坪已补种,2026-11-19,
$T/sheet.csv,6,no case 999,999,,,不存在,2026-11-19,
X
eq "one rejects line per rejection" "$(tr -d '\r' <"$T/rej.csv" | grep -c "^$T/sheet.csv,")" 15
run 1 resolve --at '2026-11-20 10:00' --import "$T/sheet.csv"
has "the same sheet again adds nothing" "$T/err" "resolve: 0 resolved (0 closed and 0 left for review, having no phone), 3 already recorded, 15 rejected"
eq "one resolve event each" "$(sql "SELECT count(*) FROM events WHERE case_id IN (4, 8, 9) AND kind = 'resolve' AND details LIKE '%sheet.csv%'")" 3

# GB18030, with other header names; NDJSON.
printf '工单号,处理结果,处理时间,承办单位\nS4,已划线规范停车,2026-11-20 08:30,祥和社区\n' | iconv -f utf-8 -t gb18030 >"$T/gb.csv"
run 0 resolve --at '2026-11-20 09:00' --import "$T/gb.csv"
eq "GB18030 sheet read" "$(sql "SELECT status || '|' || resolution FROM cases WHERE id = 11")" "resolved|已划线规范停车"
printf '{"id": 10, "resolution": "已清理占道车辆"}\n' >"$T/s.ndjson"
run 0 resolve --at '2026-11-20 09:00' --import "$T/s.ndjson"
eq "NDJSON sheet read" "$(sql "SELECT status FROM cases WHERE id = 10")" resolved

# --strict: one bad row and nothing is written.
n=$(sql 'SELECT count(*) FROM events')
printf 'id,resolution\n5,草坪已补种\n999,不存在\n' >"$T/strict.csv"
run 65 resolve --strict --import "$T/strict.csv"
has "strict names the row" "$T/err" "strict.csv:3: no case 999 (--strict: nothing written)"
eq "nothing written" "$(sql 'SELECT count(*) FROM events')" "$n"
eq "case 5 still open" "$(sql 'SELECT status FROM cases WHERE id = 5')" open

# A sheet that cannot be read as one.
printf 'foo,bar\n1,2\n' >"$T/x.csv"
run 65 resolve --import "$T/x.csv"
has "no case column" "$T/err" "x.csv:1: no column names the case"
printf 'id,foo\n5,2\n' >"$T/y.csv"
run 65 resolve --import "$T/y.csv"
has "no result column" "$T/err" "y.csv:1: no column holds the result"
run 66 resolve --import "$T/nope.csv"

# Void: a duplicate or invalid case, in any state, with the reason.
run 0 resolve --at '2026-11-20 10:00' -u 许褚 --void --note "与V1重复" 7 5
same "the cases voided" "$T/out" <<'X'
id	status	unit	unit_name	time	note
7	void			2026-11-20 10:00:00	与V1重复
5	void	370829001013	祥和社区居民委员会	2026-11-20 10:00:00	与V1重复
X
has "void summary" "$T/err" "resolve: 2 voided, 0 void already, 0 skipped"
eq "stored with the reason, off the watch list" "$(sql "SELECT group_concat(status || '|' || void_reason || '|' || (watch IS NULL), ';')
    FROM cases WHERE id IN (5, 7) ORDER BY id")" "void|与V1重复|1;void|与V1重复|1"
eq "the event keeps the state it left" "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 5 AND kind = 'void'")" \
    '许褚|{"reason":"与V1重复","from":"open","unit":"370829001013"}'
run 1 resolve --at '2026-11-20 11:00' --void --note "与V1重复" 7 999
has "void again is known, a missing case skipped" "$T/err" "resolve: 0 voided, 1 void already, 1 skipped"
eq "one void event" "$(sql "SELECT count(*) FROM events WHERE case_id = 7 AND kind = 'void'")" 1
run 1 resolve --note "已处理" 5
has "a void case is not resolved" "$T/err" "case 5 is void"
eq "void cases leave escalation" "$(escalate --at '2026-12-31 10:00' 2>/dev/null | cut -f1 | grep -cx 5)" 0
run 0 ledger verify
has "the history agrees with the cases" "$T/err" "the history is intact"

# Usage.
run 64 resolve 1
run 64 resolve --void --unit 萌山社区 --note x 1
run 64 resolve --void --progress --note x 1
run 64 resolve --void --import "$T/sheet.csv"
run 64 resolve --note x --import "$T/sheet.csv"
run 64 resolve --note "  " 1
run 64 resolve --strict --note x 1
run 64 resolve --progress --import "$T/sheet.csv"
run 64 resolve --note x abc
run 66 resolve -d "$T/none.db" --note x 1
done_testing
