#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): reconcile exits
# with its error and keeps all of an export or none of it: matches, misses
# charged, records taken in as cases, the weights it learns, a re-check.
. tests/t/lib.sh

hotline_ledger
intake "$T/c.csv" >/dev/null 2>&1
faults "reconcile" 1 reconcile "$T/h.csv"
eq "the clean run stored the export's nine records" "$(sql "SELECT count(*) FROM hotline")" 9
faults "reconcile --train" 1 reconcile --train "$T/h.csv"
faults "reconcile again, nothing new" 1 reconcile "$T/h.csv"
faults "score --publish" 0 score --at '2026-11-05 10:00' --publish -m 2026-10
faults "reconcile --missed" 0 reconcile --missed --by unit

org
cat >"$T/h2.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
HX1,2026-11-02 09:00:00,13600000007,某人,祥和苑3号楼,嘉祥镇街道,萌山社区,,三号楼门口那块地方一直没人管很久了
HX2,2026-11-03 09:00:00,13600000008,某人,书香名邸2号楼,嘉祥镇街道,祥和社区,,楼下的路灯坏了一个星期了
CSV
faults "reconcile --intake-missed" 0 reconcile --intake-missed "$T/h2.csv"
eq "the missed records became hotline cases" "$(sql "SELECT group_concat(ref) FROM cases WHERE channel = 'hotline'")" "HX1,HX2"
done_testing
