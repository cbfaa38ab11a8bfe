#!/bin/sh
# Two people of one name, in two communities: each case counts to the one of
# its own community, and their rows, equal in all but the unit, stand in
# the order the people were registered (a report run twice reads the same).
. tests/t/lib.sh

org
cat >"$T/p.csv" <<'CSV'
name,phone,unit,role,covers
王芳,13900000011,370829001010,社区工作者,
王芳,13900000012,370829001013,社区工作者,
CSV
run 0 units import "$T/p.csv"
cat >"$T/c.csv" <<'CSV'
ref,received,community,text,collector
W1,2026-11-02 09:00,祥和社区,路灯坏了,王芳
W2,2026-11-02 09:00,萌山社区,垃圾桶满了,王芳
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
eq "each case to the namesake of its community" \
    "$(sql "SELECT group_concat(c.ref || '=' || p.phone, ' ') FROM (SELECT * FROM cases ORDER BY ref) c JOIN people p ON p.id = c.collector_id")" \
    "W1=13900000012 W2=13900000011"
run 0 score --at '2026-12-10 09:00' -m 2026-11 --by person
eq "the first registered first" "$(awk -F'\t' '$1 == "community" { print $3 "@" $5 }' "$T/out" | tr '\n' ' ')" \
    "王*@萌山社区居民委员会 王*@祥和社区居民委员会 "
done_testing
