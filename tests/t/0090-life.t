#!/bin/sh
# The whole life of one demand through the pipeline: intake, route, the
# supervision pass, resolve, a dissatisfied call-back, again, red after two
# reopenings, resolve, a satisfied call-back, closed; its history golden.
. tests/t/lib.sh

org
cat >"$T/team.csv" <<'CSV'
ref,channel,received,reporter,phone,address,community,estate,category,text,collector
L-001,visit,2026-11-02 09:00,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,,3号楼前路灯不亮，晚上出行不便,许褚
CSV
run 0 intake --at '2026-11-02 09:30' "$T/team.csv"
run 0 route --at '2026-11-02 10:00' 1
eq "routed to the street, due in 10 working days" "$(tail -1 "$T/out" | cut -f2,3,5)" "$(printf 'street\t370829001\t2026-11-16 23:59:59')"
run 0 escalate --at '2026-11-12 09:00'
eq "four working days left: no colour yet" "$(sql 'SELECT coalesce(colour, "none") FROM cases WHERE id = 1')" none
run 0 escalate --at '2026-11-16 09:00'
eq "the last day: blue" "$(sql 'SELECT colour FROM cases WHERE id = 1')" blue
run 0 resolve --at '2026-11-16 15:00' --unit 嘉祥镇街道 --note "更换灯泡" 1
run 0 callback --at '2026-11-17 09:00' --due
eq "on the next day's worklist" "$(tail -n +2 "$T/out" | cut -f1,13)" "$(printf '1\t更换灯泡')"
run 0 callback --at '2026-11-17 10:00' --outcome dissatisfied --note "只亮了两天" 1
eq "reopened once, colour cleared" "$(sql 'SELECT status || "|" || reopens || "|" || coalesce(colour, "none") FROM cases WHERE id = 1')" "open|1|none"
run 0 escalate --at '2026-11-17 10:30'
eq "one reopening is not yet red" "$(sql 'SELECT coalesce(colour, "none") FROM cases WHERE id = 1')" none
run 0 resolve --at '2026-11-19 16:00' --note "更换线路" 1
run 0 callback --at '2026-11-20 10:00' --outcome dissatisfied --note "还是时亮时不亮" 1
run 0 escalate --at '2026-11-20 10:30'
eq "red after two reopenings" "$(tail -1 "$T/out" | cut -f1,3,12)" "$(printf '1\tred\treopened 2 times')"
run 0 callback --dissatisfied
eq "on the dissatisfaction ledger" "$(tail -1 "$T/out" | cut -f1,5,6,7,13)" \
    "$(printf '1\t2\topen\tred\t2026-11-17 只亮了两天；2026-11-20 还是时亮时不亮')"
run 0 resolve --at '2026-11-25 11:00' --note "整体更换灯杆和线路，已连续观察三晚正常" 1
run 0 callback --at '2026-11-26 09:40' -u 回访员甲 --outcome satisfied --note "居民确认已修好" 1
eq "closed (销号)" "$(tail -1 "$T/out" | cut -f1-3)" "$(printf '1\tsatisfied\tclosed')"
run 0 callback --at '2026-11-27 09:00' --due
eq "off the worklist" "$(wc -l <"$T/out")" 1
run 0 ledger show 1
history_is tests/data/life/history.tsv
done_testing
