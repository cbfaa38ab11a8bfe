#!/bin/sh
# A case recorded with its community and building but no estate is found by
# a hotline record that names an estate of that community and the same
# building; a record of another building of the same estate is compared as
# such (building_differs), one of another room as such (room_differs), and
# their phones still carry them.
. tests/t/lib.sh

org
cat >"$T/c.csv" <<'CSV'
ref,received,phone,community,address,category,text
B1,2026-11-01 10:00,,萌山社区,萌山社区3号楼,物业管理,三号楼门口那块地方一直没人管很久了
B2,2026-11-01 10:00,13600000005,萌山社区,祥和苑3号楼,供暖,暖气片漏水滴到楼下
B3,2026-11-01 10:00,13600000006,萌山社区,祥和苑7号楼2单元301室,供水,家里水龙头没有水
CSV
run 0 intake "$T/c.csv"
eq "B1 has no estate, B2 and B3 have" "$(sql "SELECT group_concat(ref || ':' || (estate_id IS NOT NULL), ' ') FROM cases")" \
    "B1:0 B2:1 B3:1"
# HB1 has no phone and no category (its text names none): only the building
# links it to B1.
cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
HB1,2026-11-02 09:00:00,,某人,祥和苑3号楼,嘉祥镇街道,萌山社区,,三号楼门口那块地方一直没人管很久了
HB2,2026-11-02 09:00:00,13600000005,某人,祥和苑5号楼,嘉祥镇街道,萌山社区,供暖,暖气片漏水滴到楼下
HB3,2026-11-02 09:00:00,13600000006,某人,祥和苑7号楼2单元302室,嘉祥镇街道,萌山社区,供水,家里水龙头没有水
CSV
run 0 reconcile "$T/h.csv"
eq "each with its case" "$(ticket_cases)" "HB1=B1 HB2=B2 HB3=B3"
run 0 reconcile --explain HB1
has "HB1: B1 and B2 are candidates, B3 of another building not" "$T/out" "candidates: 2 of the 3 cases within 14 days"
has "B1 by its community and building" "$T/out" "  place      community_building       +0.50"
run 0 reconcile --explain HB2
has "HB2: another building of the estate" "$T/out" "  place      building_differs         -4.50"
run 0 reconcile --explain HB3
has "HB3: another room of the same unit" "$T/out" "  place      room_differs"
done_testing
