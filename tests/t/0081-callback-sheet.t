#!/bin/sh
# callback, going on from the outcomes of 0080-callback-outcomes.t (recorded
# again by callback_outcomes): the callers' sheet with every rejection,
# GB18030 and --strict, the dissatisfaction ledger, the policies for review,
# and a delay across a holiday.
. tests/t/lib.sh

callback_ledger
callback_outcomes

# The callers' sheet: the worklist comes back filled in.
cat >"$T/d.csv" <<'CSV'
ref,channel,received,reporter,phone,community,category,text
D1,visit,2026-11-16 09:00,郑一,13300005555,萌山社区,垃圾清运,垃圾站异味
D2,visit,2026-11-16 09:00,冯二,13300006666,萌山社区,垃圾清运,垃圾桶破了
D3,visit,2026-11-16 09:00,陈三,13300007777,祥和社区,停车管理,电动车乱停
D4,visit,2026-11-16 09:00,褚四,13300008888,祥和社区,停车管理,车位被占
R9,visit,2026-11-16 09:00,卫五,13300009999,祥和社区,停车管理,消防通道被堵
R9,hotline,2026-11-16 09:00,蒋六,13300000000,祥和社区,停车管理,门口停车难
CSV
intake --at '2026-11-16 10:00' "$T/d.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
resolve --at '2026-11-23 10:00' --note "已处理" 8 9 10 12 13 >/dev/null 2>&1
run 0 callback --at '2026-11-25 09:00' --due --reveal -o csv --bom
eq "the day's worklist" "$(tail -n +2 "$T/out" | cut -d, -f1 | tr '\n' ' ')" "5 8 9 10 12 13 "
cp "$T/out" "$T/work.csv"
awk -F, -v OFS=, '
	NR == 1 { print; next }
	$1 == 5 { $15 = "满意"; $16 = "很满意"; $17 = "回访员甲"; $18 = "2026-11-25 09:10\r" }
	$1 == 8 { $15 = "不满意"; $16 = "垃圾还是没清"; $17 = "回访员甲"; $18 = "2026-11-25 09:20\r" }
	$1 == 9 { $15 = "未接通"; $17 = "回访员乙"; $18 = "2026-11-25 09:30\r" }
	{ print }' "$T/work.csv" >"$T/filled.csv"
run 0 callback --at '2026-11-25 12:00' --import "$T/filled.csv"
filled_outcomes "the filled rows recorded, the others not called yet"
has "summary" "$T/err" "callback: 3 recorded (1 satisfied, 0 basic, 1 dissatisfied, 1 unreachable): 1 closed, 1 reopened, 0 left for review; \
0 already recorded, 3 not called yet, 0 rejected"
eq "the caller and the sheet's time are kept" "$(sql "SELECT operator || '|' || datetime(at, 'unixepoch', 'localtime') || '|' || note
    FROM callbacks WHERE case_id = 8")" "回访员甲|2026-11-25 09:20:00|垃圾还是没清"
eq "the event names the sheet" "$(sql "SELECT details FROM events WHERE case_id = 8 AND kind = 'callback'")" \
    "{\"outcome\":\"dissatisfied\",\"note\":\"垃圾还是没清\",\"attempt\":1,\"called\":\"2026-11-25 09:20:00\",\"caller\":\"回访员甲\",\
\"source\":\"$T/filled.csv\",\"line\":3}"
run 0 callback --at '2026-11-25 13:00' --import "$T/filled.csv"
has "the same sheet again adds nothing" "$T/err" "callback: 0 recorded (0 satisfied, 0 basic, 0 dissatisfied, 0 unreachable): 0 closed, \
0 reopened, 0 left for review; 3 already recorded, 3 not called yet, 0 rejected"

# Every rejection of the callers' sheet, FILE:LINE: reason; the good rows land.
cat >"$T/calls.csv" <<'CSV'
案件编号,编号,渠道,回访结果,回访记录,回访人,回访时间
11,,,满意,,,2026-11-25 10:00
999,,,满意,,,2026-11-25 10:00
,R9,,满意,,,2026-11-25 10:00
,R9,hotline,满意,,,2026-11-25 10:00
12,,,很好,,,2026-11-25 10:00
12,,,,有人接但没说,,2026-11-25 10:00
12,,,满意,,,2026-11-32 10:00
12,,,满意,,,2026-12-25 10:00
12,,,满意,,,2026-11-22 10:00
1,,,满意,,,2026-11-25 10:00
12,,,满意,,,2026-11-25 10:00,多余
,,,,,,
12,,,基本满意,问题已解决,回访员乙,2026-11-25 10:30
CSV
run 1 callback --at '2026-11-25 12:00' --rejects "$T/rej.csv" --import "$T/calls.csv"
same "every rejection" "$T/err" <<X
$T/calls.csv:2: case 11 is open, not resolved: nothing to call back about
$T/calls.csv:3: no case 999
$T/calls.csv:4: reference 'R9' is ambiguous (channels visit, hotline): add a channel column
$T/calls.csv:6: unknown outcome '很好' (expected satisfied, basic, dissatisfied or unreachable, or 满意, 基本满意, 不满意, 未接通)
$T/calls.csv:7: no outcome for case 12
$T/calls.csv:8: impossible date '2026-11-32 10:00'
$T/calls.csv:9: time '2026-12-25 10:00' is in the future
$T/calls.csv:10: call-back time is before case 12 was resolved (2026-11-23 10:00:00)
$T/calls.csv:11: case 1 is closed, not resolved: nothing to call back about
$T/calls.csv:12: 8 fields, header has 7
callback: 2 recorded (1 satisfied, 1 basic, 0 dissatisfied, 0 unreachable): 2 closed, 0 reopened, 0 left for review; 0 already recorded, \
0 not called yet, 1 empty row skipped, 10 rejected
X
eq "the good rows closed their cases" "$(sql "SELECT group_concat(id || ':' || status) FROM cases WHERE id IN (12, 13)")" "12:closed,13:closed"
eq "the rejects file has each" "$(tr -d '\r' <"$T/rej.csv" | grep -c "^$T/calls.csv,")" 10
has "with the row" "$T/rej.csv" "$T/calls.csv,6,"
run 1 callback --at '2026-11-25 12:30' --import "$T/calls.csv"
has "again: known rows known, bad rows rejected again" "$T/err" "callback: 0 recorded (0 satisfied, 0 basic, 0 dissatisfied, \
0 unreachable): 0 closed, 0 reopened, 0 left for review; 2 already recorded, 0 not called yet, 1 empty row skipped, 10 rejected"

# A row handed to a caller (回访人 filled in) who has not called yet is not
# called yet, not a row without its outcome.
printf 'id,回访结果,回访记录,回访时间,回访人\n10,,,,回访员丙\n' >"$T/assigned.csv"
run 0 callback --at '2026-11-26 09:00' --import "$T/assigned.csv"
has "only its caller: not called yet" "$T/err" "0 already recorded, 1 not called yet, 0 rejected"

# GB18030; --strict; a sheet without the columns.
printf '编号,回访结果,回访记录\nD2,不满意,桶还是破的\n' | iconv -f utf-8 -t gb18030 >"$T/gb.csv"
run 0 callback --at '2026-11-26 09:00' --import "$T/gb.csv"
eq "GB18030 sheet: case 9 reopened" "$(sql "SELECT status || '|' || reopens FROM cases WHERE id = 9")" "open|1"
n=$(sql 'SELECT count(*) FROM events')
printf 'id,outcome\n10,satisfied\n999,satisfied\n' >"$T/strict.csv"
run 65 callback --at '2026-11-26 09:00' --strict --import "$T/strict.csv"
has "strict names the row" "$T/err" "strict.csv:3: no case 999 (--strict: nothing written)"
eq "nothing written" "$(sql 'SELECT count(*) FROM events')|$(sql 'SELECT status FROM cases WHERE id = 10')" "$n|resolved"
printf 'id,note\n10,x\n' >"$T/x.csv"
run 65 callback --import "$T/x.csv"
has "no outcome column" "$T/err" "x.csv:1: no column holds the outcome"

# A second reopening, and the dissatisfaction ledger (不满意问题台账).
resolve --at '2026-11-25 16:00' --note "更换整套灯具" 3 >/dev/null 2>&1
callback --at '2026-11-26 10:00' --outcome dissatisfied --note "还是不亮" 3 >/dev/null 2>&1
run 0 callback --dissatisfied
same "every case ever found dissatisfied, with unit, reopenings, status and notes" "$T/out" <<X
id	unit	unit_name	first_unit	reopens	status	colour	due	category	text	resolution	dissatisfied	notes
3	370829001	嘉祥镇街道	370829001	2	open		2026-12-10 23:59:59	路灯	路灯不亮	更换整套灯具	2	2026-11-23 路灯修了又坏；\
2026-11-26 还是不亮
8	370829001010	萌山社区居民委员会	370829001010	1	open		2026-12-02 23:59:59	垃圾清运	垃圾站异味	已处理	1	2026-11-25 垃圾还是没清
9	370829001010	萌山社区居民委员会	370829001010	1	open		2026-12-03 23:59:59	垃圾清运	垃圾桶破了	已处理	1	2026-11-26 桶还是破的
X
resolve --at '2026-11-26 11:00' --note "已换新桶" 9 >/dev/null 2>&1
callback --at '2026-11-27 09:00' --outcome satisfied 9 >/dev/null 2>&1
run 0 callback --at '2026-11-27 09:00' --dissatisfied -o json
has "a case closed later stays on the ledger, closed" "$T/out" '"id":9,"unit":"370829001010","unit_name":"萌山社区居民委员会",'\
'"first_unit":"370829001010","reopens":1,"status":"closed","colour":null,"due":null'
eq "the ledger as JSON is whole, its three cases and its end" "$(jq length "$T/out" 2>&1)" 3

callback --at '2026-11-26 09:00' --outcome satisfied 10 >/dev/null 2>&1

# Policies: to the centre for review after the attempts, and for cases with
# no phone; no delay and no wait between attempts. Cases 4 and 6 are on the
# list as well: the default policy (review) left them there.
cat >"$T/centre.json" <<'JSON'
{"callback": {"delay_days": 0, "retry_days": 0, "max_attempts": 2, "after_attempts": "centre", "anonymous": "centre"}}
JSON
printf 'ref,received,reporter,phone,community,category,text\nE1,2026-11-26 08:00,韩七,13200001111,萌山社区,垃圾清运,垃圾满了\n'\
'E2,2026-11-26 08:00,,,萌山社区,垃圾清运,匿名反映垃圾\n' >"$T/e.csv"
intake --at '2026-11-26 08:30' "$T/e.csv" >/dev/null 2>&1
route --at '2026-11-26 08:40' --pending >/dev/null 2>&1
run 0 resolve -c "$T/centre.json" --at '2026-11-26 09:00' --note "已清运" 14 15
has "no phone: left for review" "$T/err" "resolve: 2 resolved (0 closed and 1 left for review, having no phone)"
eq "the anonymous case stays resolved" "$(tail -1 "$T/out" | cut -f1,2)" "$(printf '15\tresolved')"
eq "with a review event" "$(sql "SELECT details FROM events WHERE case_id = 15 AND kind = 'review'")" '{"reason":"anonymous"}'
run 0 callback -c "$T/centre.json" --at '2026-11-26 09:00' --due
eq "no delay: due at once; the anonymous one is not for the callers" "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "14 "
callback -c "$T/centre.json" --at '2026-11-26 09:10' --outcome unreachable 14 >/dev/null 2>&1
run 0 callback -c "$T/centre.json" --at '2026-11-26 09:11' --due
eq "no wait between attempts" "$(tail -n +2 "$T/out" | cut -f1,5 | tr '\n' ' ')" "$(printf '14\t1 ')"
run 0 callback -c "$T/centre.json" --at '2026-11-26 09:20' --outcome unreachable 14
eq "the last attempt leaves it for review" "$(tail -1 "$T/out" | cut -f1-4)" "$(printf '14\tunreachable\tresolved\t2')"
has "counted" "$T/err" "0 closed, 0 reopened, 1 left for review"
eq "review event" "$(sql "SELECT details FROM events WHERE case_id = 14 AND kind = 'review'")" '{"reason":"unreachable","attempts":2}'
run 0 callback -c "$T/centre.json" --at '2026-11-26 09:30' --due
eq "off the worklist" "$(wc -l <"$T/out")" 1
run 0 callback -c "$T/centre.json" --at '2026-11-26 09:30' --review
same "the review list: why, and the case" "$T/out" <<X
reason	id	channel	ref	resolved	attempts	last_attempt	reporter	phone	unit	unit_name	category	text	resolution	reopens
unreachable	4	visit	C4	2026-11-20 15:00:00	3	2026-11-25 09:30:00	孙*	136****2222	370829001010	萌山社区居民委员会	绿化	树枝挡路	\
已处理完毕	0
anonymous	6	visit	C6	2026-11-20 15:00:00	0				370829001010	萌山社区居民委员会	垃圾清运	匿名：垃圾没人收	已处理完毕	0
unreachable	14	visit	E1	2026-11-26 09:00:00	2	2026-11-26 09:20:00	韩*	132****1111	370829001010	萌山社区居民委员会	垃圾清运	\
垃圾满了	已清运	0
anonymous	15	visit	E2	2026-11-26 09:00:00	0				370829001010	萌山社区居民委员会	垃圾清运	匿名反映垃圾	已清运	0
X
run 0 callback -c "$T/centre.json" --at '2026-11-26 10:00' --outcome satisfied --note "上门核实，已解决" 14 15
eq "the centre's outcome closes them" "$(sql "SELECT group_concat(status) FROM cases WHERE id IN (14, 15)")" "closed,closed"

# Across National Day 2026: resolved on 30 September, due on 8 October.
printf 'ref,received,reporter,phone,community,category,text\nN1,2026-09-28 09:00,秦八,13100001111,萌山社区,垃圾清运,节前垃圾\n' >"$T/n.csv"
intake --at '2026-09-28 10:00' "$T/n.csv" >/dev/null 2>&1
route --at '2026-09-28 11:00' --pending >/dev/null 2>&1
resolve --at '2026-09-30 16:00' --note "已清运" 16 >/dev/null 2>&1
run 0 callback --at '2026-10-07 12:00' --due
eq "not due during the holiday" "$(wc -l <"$T/out")" 1
run 0 callback --at '2026-10-08 08:00' --due
eq "due on the first working day after it" "$(tail -n +2 "$T/out" | cut -f1)" 16
done_testing
