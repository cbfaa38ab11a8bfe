#!/bin/sh
# callback: the worklist (delay in working days, retries, masking, reveal,
# Excel), and the outcomes and what they do. 0081-callback-sheet.t goes on
# from where this ends: callback_outcomes in lib.sh records the same calls,
# so a change to them goes there too.
. tests/t/lib.sh

callback_ledger

# The worklist: one working day after the resolution (the weekend does not count).
run 0 callback --at '2026-11-20 18:00' --due
eq "not due the same day" "$(wc -l <"$T/out")" 1
run 0 callback --at '2026-11-21 10:00' --due
eq "not due on Saturday" "$(wc -l <"$T/out")" 1
run 0 callback --at '2026-11-23 09:00' --due
same "due on Monday: names and phones masked, the case and its resolution" "$T/out" <<'X'
id	channel	ref	resolved	attempts	last_attempt	reporter	phone	unit	unit_name	category	text	resolution	reopens	outcome	note	caller	time
1	visit	C1	2026-11-20 15:00:00	0		李*	139****5678	370829001010	萌山社区居民委员会	垃圾清运	3号楼垃圾桶满了	已处理完毕	0				
2	visit	C2	2026-11-20 15:00:00	0		王*	138****0000	370829001013	祥和社区居民委员会	停车管理	楼下乱停车	=已劝离乱停车辆	0				
3	visit	C3	2026-11-20 15:00:00	0		赵*	053****5678	370829001	嘉祥镇街道	路灯	路灯不亮	已处理完毕	0				
4	visit	C4	2026-11-20 15:00:00	0		孙*	136****2222	370829001010	萌山社区居民委员会	绿化	树枝挡路	已处理完毕	0				
5	visit	C5	2026-11-20 15:00:00	0		周*	135****3333	370829001013	祥和社区居民委员会	绿化	草坪被踩坏	已处理完毕	0				
X
eq "a masked list records no reveal" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 0
eq "the anonymous case waits for review (not closed), never listed" "$(sql "SELECT status FROM cases WHERE id = 6")" resolved

# For the callers: names and phones in clear, recorded; CSV for Excel and WPS.
run 0 callback --at '2026-11-23 09:00' --due --reveal -o csv --bom
eq "starts with a byte-order mark" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" efbbbf
eq "every line ends CRLF" "$(grep -c "$(printf '\r')\$" "$T/out")" 6
has "names and phones in clear" "$T/out" "李四,13912345678,370829001010"
has "a cell a spreadsheet would run is neutralised" "$T/out" ",'=已劝离乱停车辆,"
eq "one reveal event per case listed" "$(sql "SELECT group_concat(case_id) FROM events WHERE kind = 'reveal'")" "1,2,3,4,5"
eq "the reveal says what" "$(sql "SELECT DISTINCT operator || ' ' || details FROM events WHERE kind = 'reveal'")" \
    'tester {"tool":"callback","what":"call-back worklist"}'

# Outcomes, one by one.
run 0 callback --at '2026-11-23 10:00' -u 回访员甲 --outcome satisfied 1
same "satisfied: closed (销号)" "$T/out" <<'X'
id	outcome	status	attempts	unit	unit_name	due	reopens
1	satisfied	closed	1	370829001010	萌山社区居民委员会		0
X
has "summary" "$T/err" "callback: 1 recorded (1 satisfied, 0 basic, 0 dissatisfied, 0 unreachable): 1 closed, 0 reopened, 0 left for review; \
0 already recorded, 0 skipped"
eq "closed at the call" "$(sql "SELECT status || '|' || datetime(closed, 'unixepoch', 'localtime') FROM cases WHERE id = 1")" "closed|2026-11-23 10:00:00"
eq "the call is kept" "$(sql "SELECT outcome || '|' || datetime(at, 'unixepoch', 'localtime') || '|' || operator FROM callbacks
    WHERE case_id = 1")" "satisfied|2026-11-23 10:00:00|回访员甲"
eq "its events" "$(sql "SELECT group_concat(kind || ' ' || details, '; ') FROM events WHERE case_id = 1 AND kind IN ('callback', 'close')")" \
    'callback {"outcome":"satisfied","attempt":1}; close {"reason":"satisfied"}'
run 0 callback --at '2026-11-23 10:00' --outcome satisfied 1
has "the same call again adds nothing" "$T/err" "0 recorded (0 satisfied, 0 basic, 0 dissatisfied, 0 unreachable): 0 closed, 0 reopened, \
0 left for review; 1 already recorded, 0 skipped"
run 0 callback --at '2026-11-23 10:05' --outcome 基本满意 --note "基本解决" 2
eq "basic: closed" "$(tail -1 "$T/out" | cut -f1-3)" "$(printf '2\tbasic\tclosed')"

# Dissatisfied: back to the same unit with a new deadline, and supervised again.
run 0 callback --at '2026-11-23 10:10' --outcome dissatisfied --note "路灯修了又坏" 3
same "dissatisfied: reopened, due in the tier's 10 working days" "$T/out" <<'X'
id	outcome	status	attempts	unit	unit_name	due	reopens
3	dissatisfied	open	0	370829001	嘉祥镇街道	2026-12-07 23:59:59	1
X
eq "same unit, first handler kept, reopened once, attempts reset, watched from now" \
    "$(sql "SELECT status || '|' || (resp_id = first_id) || '|' || reopens || '|' || attempts || '|' || (colour IS NULL) || '|'
    || datetime(watch, 'unixepoch', 'localtime') || '|' || (resolved IS NULL) FROM cases WHERE id = 3")" "open|1|1|0|1|2026-11-23 10:10:00|1"
eq "the reopen event" "$(sql "SELECT details FROM events WHERE case_id = 3 AND kind = 'reopen'")" \
    '{"unit":"370829001","due":"2026-12-07 23:59:59","days":10,"reopens":1}'

# Unreachable: another attempt the next working day, closed after the third.
run 0 callback --at '2026-11-23 10:20' --outcome unreachable 4
eq "unreachable: still resolved" "$(tail -1 "$T/out" | cut -f1-4)" "$(printf '4\tunreachable\tresolved\t1')"
run 0 callback --at '2026-11-23 15:00' --due
eq "not again the same day" "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "5 "
run 0 callback --at '2026-11-24 09:00' --due
eq "again the next working day, with the attempts so far" "$(sed -n 2p "$T/out" | cut -f1,5,6)" "$(printf '4\t1\t2026-11-23 10:20:00')"
callback --at '2026-11-24 09:30' --outcome unreachable 4 >/dev/null 2>&1
run 0 callback --at '2026-11-25 09:30' --outcome 未接通 4
eq "third attempt: left for review, not closed" "$(tail -1 "$T/out" | cut -f1-4)" "$(printf '4\tunreachable\tresolved\t3')"
eq "the review event says why" "$(sql "SELECT details FROM events WHERE case_id = 4 AND kind = 'review'")" '{"reason":"unreachable","attempts":3}'
eq "three calls kept" "$(sql "SELECT count(*) FROM callbacks WHERE case_id = 4")" 3

# Only resolved cases can be called back about.
run 1 callback --at '2026-11-25 10:00' --outcome basic 7 999 1
same "each skip says why" "$T/err" <<'X'
callback: case 7 is open, not resolved: nothing to call back about
callback: no case 999
callback: case 1 is closed, not resolved: nothing to call back about
callback: 0 recorded (0 satisfied, 0 basic, 0 dissatisfied, 0 unreachable): 0 closed, 0 reopened, 0 left for review; 0 already recorded, 3 skipped
X
done_testing
