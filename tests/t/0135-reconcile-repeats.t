#!/bin/sh
# reconcile: a ticket twice in one export (the later row is its later state,
# stored once), and where a case made from a missed record came from.
. tests/t/lib.sh

org
H='工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容'
{
	echo "$H"
	echo 'K1,2026-11-05 10:00:00,13600000001,周一,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,三号楼门口的垃圾桶满了'
	echo 'K2,2026-11-05 11:00:00,13600000002,周二,金城花园,嘉祥镇街道,萌山社区,城市管理/路灯,小区路灯不亮'
	echo 'K1,2026-11-05 10:00:00,13600000001,周一,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,三号楼门口的垃圾桶满了还有异味'
	echo 'K3,2026-11-06 09:00:00,13600000003,周三,黄岗村,卧龙山街道,黄岗村委会,城市管理/路灯,村口路灯不亮'
} >"$T/k.csv"
run 0 reconcile --intake-missed "$T/k.csv"
eq "K1 twice in the export: stored once" "$(sql "SELECT count(*) FROM hotline")" 3
eq "with its later state" "$(sql "SELECT text FROM hotline WHERE ticket = 'K1'")" 三号楼门口的垃圾桶满了还有异味
has "counted once" "$T/err" "3 missed"
# Each case made from a missed record names the file and line it came from.
eq "the cases made, with their lines" "$(sql "SELECT group_concat(json_extract(details, '\$.ticket') || ':' || json_extract(details, '\$.line'), ' ')
    FROM (SELECT details FROM events WHERE kind = 'intake' ORDER BY id)")" "K1:4 K2:3 K3:5"
run 0 reconcile "$T/k.csv"
eq "read again: nothing new" "$(sql "SELECT count(*) FROM hotline")" 3

# Past the first tickets the run's table of tickets grows (1,024 slots, then
# more): 1,500 tickets, each twice, every one stored once in its later state.
awk -v H="$H" 'BEGIN { print H
	for (r = 0; r < 2; r++) for (i = 1; i <= 1500; i++)
		printf "M%d,2026-11-07 %02d:%02d:00,,,,,,其他,第%d条%s\n", i, 8 + i % 10, i % 60, i, r ? "（续）" : "" }' >"$T/m.csv"
run 0 reconcile "$T/m.csv"
eq "1,500 tickets stored once each" "$(sql "SELECT count(*) FROM hotline WHERE ticket LIKE 'M%'")" 1500
eq "each with its later state" "$(sql "SELECT count(*) FROM hotline WHERE ticket LIKE 'M%' AND text LIKE '%（续）'")" 1500
# Z1451's hash ends in eleven zero bits: first in, it sits in the first slot
# of the table, and must be moved with the rest when the table grows.
awk -v H="$H" 'BEGIN { print H
	for (r = 0; r < 2; r++) for (i = 0; i <= 600; i++)
		printf "%s,2026-11-08 %02d:%02d:00,,,,,,其他,第%d条%s\n", i ? "N" i : "Z1451", 8 + i % 10, i % 60, i, r ? "（续）" : "" }' >"$T/z.csv"
run 0 reconcile "$T/z.csv"
eq "the ticket of the first slot stored once" "$(sql "SELECT count(*) || ' ' || text FROM hotline WHERE ticket = 'Z1451'")" "1 第0条（续）"
eq "and every other once" "$(sql "SELECT count(*) FROM hotline WHERE ticket LIKE 'N%'")" 600
done_testing
