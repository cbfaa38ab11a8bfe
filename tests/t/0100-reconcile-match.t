#!/bin/sh
# reconcile: the hotline against the ledger: each normalisation, each
# outcome, what a match and a miss do, re-import, updates, the misses
# counted, --explain.
. tests/t/lib.sh

hotline_ledger
run 0 intake "$T/c.csv"

# The 12345 export of hotline_ledger (see lib.sh) against the five cases.
run 1 reconcile "$T/h.csv"
cut -f1-5,7-11,13 "$T/out" >"$T/got"
same "each record's outcome" "$T/got" <<'X'
id	hotline	ticket	outcome	score	phone	street	community	estate	category	note
1	1	G001	matched	24.50	138****5678	嘉祥镇街道	萌山社区居民委员会	祥和苑	垃圾清运	
2	2	G002	matched	25.00	139****5678	嘉祥镇街道	祥和社区居民委员会	书香名邸	停车管理	
3	3	G003	matched	20.50	150****3333	嘉祥镇街道	萌山社区居民委员会		公共设施	
	4	G004	missed		188****4444	嘉祥镇街道	萌山社区居民委员会	金城花园	物业服务	2 points to 370829001010
	5	G005	outside		189****5555				垃圾清运	address in 任城区
	6	G006	outside		177****6666				垃圾清运	no place of ours found
1	7	G007	matched	12.00	138****5678	嘉祥镇街道	萌山社区居民委员会	祥和苑	垃圾清运	
4	8	G008	matched	18.00	053****5678	卧龙山街道	黄岗村委会		路灯	
	9	G009	missed		133****7777	卧龙山街道	黄岗村委会		供水	2 points to 370829002200
X
sed "s|$T/||" "$T/err" >"$T/got"
same "the counts, and the record without text" "$T/got" <<'X'
h.csv:11: no demand text
reconcile: h.csv: layout hotline12345
reconcile: 5 matched, 2 missed, 2 outside; 0 unchanged, 1 rejected
X
eq "stored by ticket, outside ones too" "$(sql "SELECT count(*) || '|' || sum(outcome = 'outside') FROM hotline")" "9|2"
eq "phones stored normalised" "$(sql "SELECT group_concat(phone, ' ') FROM hotline WHERE ticket IN ('G002', 'G007', 'G008')")" \
    "13912345678 13812345678 0537-2345678"
eq "why a record is outside" "$(sql "SELECT note FROM hotline WHERE ticket = 'G005'")" "address in 任城区"

# What a match does to the case: the calls counted, the watch set, an event.
eq "calls counted" "$(sql "SELECT group_concat(id || ':' || hotline_hits, ' ') FROM cases")" "1:2 2:1 3:1 4:1 5:0"
eq "watch and updated set to now" "$(sql "SELECT count(*) FROM cases WHERE watch = $(date -d '2026-11-26 09:00' +%s) AND updated = watch")" 4
eq "one event for the case, naming both calls" "$(sql "SELECT operator || '|' || details FROM events WHERE case_id = 1 AND kind = 'hotline'")" \
    'tester|{"matched":[{"ticket":"G001","hotline":1,"score":24.5},{"ticket":"G007","hotline":7,"score":12}],"hits":2}'
run 0 ledger verify

# What a miss costs: double points, to the community and the estate's cadre.
eq "deductions" "$(sql "SELECT group_concat(d.month || ' ' || u.code || ' ' || coalesce(p.name, '-') || ' ' || d.points || ' ' || d.reason, '; ')
    FROM deductions d JOIN units u ON u.id = d.unit_id LEFT JOIN people p ON p.id = d.person_id")" \
    "2026-10 370829001010 马超 2.0 hotline ticket G004; 2026-10 370829002200 - 2.0 hotline ticket G009"

# The same export again changes nothing.
sql "SELECT count(*) FROM events" >"$T/nev"
run 1 reconcile "$T/h.csv"
has "nothing new" "$T/err" "reconcile: 0 matched, 0 missed, 0 outside; 9 unchanged, 1 rejected"
eq "no output but the header" "$(wc -l <"$T/out")" 1
eq "no event" "$(sql "SELECT count(*) FROM events")" "$(cat "$T/nev")"

# A later export updates tickets: G004 turns out to be T5's demand (its
# deduction goes), G007 is about another estate in November (T1 loses a
# call; a deduction for November), G001's wording changes (still T1).
cat >"$T/h2.csv" <<CSV
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G001,2026-10-12 08:10:00,13812345678,张伟,嘉祥县嘉祥镇街道萌山社区祥和苑三号楼二单元502室,嘉祥镇街道,\
萌山社区居民委员会,城市管理/垃圾清运,市民来电反映：三号楼东侧垃圾箱满溢无人清运，已经三天了，\
味道很大，请尽快处理。
G004,2026-10-21 14:00:00,13600002222,孙丽,金城花园2号楼1单元101,嘉祥镇街道,萌山社区,城乡建设/园林绿化,\
市民来电反映：2号楼前面的树太高，遮挡阳光，低楼层采光不好，希望修剪。
G007,2026-11-02 20:00:00,13511112222,钱多,书香名邸8号楼,嘉祥镇街道,祥和社区,城市管理/垃圾清运,来电反映：\
8号楼门口大件垃圾堆了一个星期没人清运。
CSV
run 0 reconcile "$T/h2.csv"
cut -f1-4 "$T/out" >"$T/got"
same "updated tickets are reconciled again" "$T/got" <<'X'
id	hotline	ticket	outcome
1	1	G001	matched
5	4	G004	matched
	7	G007	missed
X
has "counts" "$T/err" "reconcile: 2 matched, 1 missed, 0 outside; 0 unchanged, 0 rejected"
eq "calls counted again" "$(sql "SELECT group_concat(id || ':' || hotline_hits, ' ') FROM cases")" "1:1 2:1 3:1 4:1 5:1"
eq "the case that lost a call says so" "$(sql "SELECT details FROM events WHERE case_id = 1 AND kind = 'hotline' ORDER BY id DESC LIMIT 1")" \
    '{"unmatched":[{"ticket":"G007","hotline":7}],"hits":1}'
eq "G001 kept its case: no event for it" "$(sql "SELECT count(*) FROM events WHERE kind = 'hotline' AND details LIKE '%G001%'")" 1
eq "deductions follow" "$(sql "SELECT group_concat(h.ticket || ' ' || d.month || ' ' || u.code || ' ' || coalesce(p.name, '-'), '; ')
    FROM deductions d JOIN hotline h ON h.id = d.hotline_id JOIN units u ON u.id = d.unit_id LEFT JOIN people p ON p.id = d.person_id
    ORDER BY h.ticket")" \
    "G009 2026-10 370829002200 -; G007 2026-11 370829001013 黄忠"
run 0 ledger verify

# The month's misses by unit, as ops read them.
run 0 reconcile --missed --month 2026-10
same "a month's misses" "$T/out" <<'X'
month	unit	unit_name	person	ticket	received	points	case	text	cause
2026-10	370829002200	黄岗村委会		G009	2026-10-22 08:00:00	2.0		群众来电反映：村里自来水每天只供几个小时，老人吃水困难。	
X
run 0 reconcile --missed --by unit
same "counted by unit" "$T/out" <<'X'
month	unit	unit_name	misses	points
2026-10	370829002200	黄岗村委会	1	2.0
2026-11	370829001013	祥和社区居民委员会	1	2.0
X
run 0 reconcile --missed --month 2026/11 --by person --reveal
same "by person, revealed" "$T/out" <<'X'
month	person	unit	misses	points
2026-11	黄忠	370829001	1	2.0
X
eq "the reveal is recorded" "$(sql "SELECT kind || '|' || json_extract(details, '\$.what') FROM events WHERE case_id IS NULL
    ORDER BY id DESC LIMIT 1")" "reveal|missed records"
run 64 reconcile --missed --by colour
run 64 reconcile --month 2026-10
run 64 reconcile --missed --month 2026-13

# --explain: the candidates and each feature's part.
run 0 reconcile --explain G003
has "the record" "$T/out" "hotline 3, ticket G003, received 2026-10-15 11:00:00: matched case 3 (score 20.50)"
has "its place, found from the community and the house" "$T/out" "place: 嘉祥镇街道 / 萌山社区居民委员会 / -; building 7, unit 1, room 201"
has "its words, without the operator's" "$T/out" "words: 7号楼楼道声控灯不亮 晚上上下楼看不见 老人摔过一跤 请尽快维修"
has "a candidate" "$T/out" "case 3 (hall T3, received 2026-10-12 09:30:00): score 20.50"
has "phone" "$T/out" "  phone      disagree                 -2.00"
has "name" "$T/out" "  name       agree                    +5.00"
has "place" "$T/out" "  place      room                     +7.00"
has "text" "$T/out" "  text       0.92 similar             +7.00"
has "decision" "$T/out" "decision now: matched case 3 (score 20.50 >= threshold 6.00)"
run 0 reconcile --explain 5
has "by id too" "$T/out" "decision now: outside (no candidate, 0.00 < threshold 6.00)"
run 65 reconcile --explain G999
done_testing
