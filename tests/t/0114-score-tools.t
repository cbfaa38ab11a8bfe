#!/bin/sh
# score against the tools that fill the columns it reads: on the ledger of
# lib.sh (score_ledger), December's cases made by intake, route, resolve,
# callback and reconcile.
. tests/t/lib.sh

score_ledger

# The tools that fill these columns: a case intaken, routed, resolved on
# time and called back satisfied counts as closed first time, on time.
intake --at '2026-12-01 09:00' --text '楼道灯不亮' --phone 13912345678 --community 黄岗村 \
    --unit 黄岗村 >/dev/null 2>&1
id=$(sql "SELECT max(id) FROM cases")
route --at '2026-12-01 10:00' "$id" >/dev/null 2>&1
resolve --at '2026-12-02 10:00' --note '已修好' "$id" >/dev/null 2>&1
callback --at '2026-12-03 10:00' --outcome satisfied "$id" >/dev/null 2>&1
# A hotline demand the teams never collected, in 书香名邸 (祥和社区, covered
# by 黄忠): reconcile books it to the community and the cadre, 2 points.
printf '工单编号,来电时间,来电号码,诉求地址,诉求内容,所属街道,所属社区\n'\
'GD9,2026-12-05 10:00,13911112222,祥和社区书香名邸5号楼,书香名邸5号楼下水道堵了,嘉祥镇街道,祥和社区\n' >"$T/hot.csv"
reconcile --at '2026-12-06 09:00' "$T/hot.csv" >/dev/null 2>&1
run 0 score --at '2026-12-10 09:00' -m 2026-12 -l community
eq "with the tools: H's December" "$(grep 370829002200 "$T/out" | cut -f3,6-8,13-16)" "$(printf '370829002200\t1\t1\t1\t100.0\t100.0\t100.0\t100.0')"
# X had no case in December, only the miss: nothing to assess, no free
# points (-2); the hotline record is of X's place, which had no ledger case:
# 1 of 1, 100.0. H: its one case, no hotline record, 0.0.
eq "and X's missed demand" "$(grep 370829001013 "$T/out" | cut -f6,18-22)" "$(printf '0\t1\t100.0\t1\t2.00\t-2.00')"
eq "H's hotline rate" "$(grep 370829002200 "$T/out" | cut -f18,19)" "$(printf '0\t0.0')"
run 0 score --at '2026-12-10 09:00' -m 2026-12 --by person
eq "booked to the covering cadre too" "$(grep 包小区干部 "$T/out" | cut -f3,20-22)" "$(printf '黄*\t1\t2.00\t-2.00')"
done_testing
