#!/bin/sh
# An export intake has read before (its demands are already hotline cases),
# then reconciled with --intake-missed: a missed record is linked to the
# case intake made, and no second case is made. An unknown --layout is a usage error.
. tests/t/lib.sh

org
cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
HX1,2026-11-02 09:00:00,13600000007,某人,祥和苑3号楼,嘉祥镇街道,萌山社区,,三号楼门口那块地方一直没人管很久了
CSV
run 0 intake "$T/h.csv"
eq "intake made a hotline case" "$(sql "SELECT channel || ':' || ref FROM cases")" "hotline:HX1"
n=$(sql 'SELECT count(*) FROM events')

run 64 reconcile --layout 没有这个版式 "$T/h.csv"
has "an unknown layout named" "$T/err" "reconcile: unknown layout '没有这个版式'"
eq "and nothing written" "$(sql 'SELECT count(*) FROM events')|$(sql 'SELECT count(*) FROM hotline')" "$n|0"

run 0 reconcile --intake-missed "$T/h.csv"
eq "missed" "$(cut -f3,4 "$T/out" | tail -n 1)" "$(printf 'HX1\tmissed')"
eq "linked to intake's case, no second case" \
    "$(sql "SELECT h.case_id || '|' || c.channel || ':' || c.ref || '|' || (SELECT count(*) FROM cases) FROM hotline h
    JOIN cases c ON c.id = h.case_id")" "1|hotline:HX1|1"
eq "no intake event of reconcile's" "$(sql "SELECT count(*) FROM events WHERE kind = 'intake'")" 1
run 0 ledger verify
done_testing
