#!/bin/sh
# escalate --report: the order of its rows, each level of the colours
# breaking the ties of the one above, then the open cases, then the unit;
# and the oldest overdue case of a unit, the lower id of two due together.
. tests/t/lib.sh

org
F=2026-12-31
# kase ID CHANNEL RECEIVED UNIT COMMUNITY FIRST RESP COLLECTOR STATUS RESOLVED CLOSED DUE COLOUR REOPENS
o() { kase "$1" visit "2026-11-02 09:00" "$2" - "$2" "$2" - open - - "$3" "$4" 0; }
{
	o 1 370829001010 "$F" red
	o 2 370829001013 "$F" red
	o 3 370829001013 "$F" yellow
	o 4 370829002200 "$F" yellow
	o 5 370829002200 "$F" blue
	o 6 370829002200 "$F" blue
	o 7 370829001 "$F" yellow
	o 8 370829001 "$F" blue
	o 9 370829002 "$F" -
	o 10 370829002 "$F" -
	o 11 D01 "$F" -
	o 12 370829C01 "$F" -
	o 13 D01 "$F" -
	o 19 P01 "2026-11-24 23:59:59" -
	o 20 P01 "2026-11-23 23:59:59" -
	o 21 P01 "2026-11-23 23:59:59" -
	o 22 370829 "2026-11-24 23:59:59" -
	o 23 370829 "2026-11-25 23:59:59" -
	o 24 370829 "2026-11-23 23:59:59" -
	kase 25 visit "2026-11-02 09:00" D01 - D01 D01 - resolved "2026-11-03 09:00" - "$F" red 0
} | sql
run 0 escalate --report --at "2026-11-26 09:00"
same "red first; then yellow, blue, the open cases, the unit; the oldest overdue" "$T/out" <<'X'
unit	unit_name	open	blue	yellow	red	oldest	oldest_due	overdue
P01	县财政局	3	0	1	2	20	2026-11-23 23:59:59	3
370829	嘉祥县	3	0	2	1	24	2026-11-23 23:59:59	3
370829001013	祥和社区居民委员会	2	0	1	1			
370829001010	萌山社区居民委员会	1	0	0	1			
370829002200	黄岗村委会	3	2	1	0			
370829001	嘉祥镇街道	2	1	1	0			
370829002	卧龙山街道	2	0	0	0			
D01	县住房和城乡建设局	2	0	0	0			
370829C01	嘉祥县社会治理服务中心	1	0	0	0			
X
done_testing
