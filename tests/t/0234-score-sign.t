#!/bin/sh
# score's figures of signing, returns and extensions, computed by hand,
# and the same by the SQL score(1) gives.
. tests/t/lib.sh

org
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,category,text,collector
G1,visit,2026-11-02 09:00,李四,13912345678,萌山社区,祥和苑,,3号楼垃圾桶满了,许褚
G2,visit,2026-11-02 09:00,王五,13812340000,萌山社区,祥和苑,,垃圾站异味,许褚
G3,visit,2026-11-02 09:00,赵六,13700001111,萌山社区,金城花园,,垃圾桶破了,许褚
G4,visit,2026-11-02 09:00,孙七,13600002222,萌山社区,金城花园,,垃圾清运车噪音,许褚
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
sed -n 1p "$T/c.csv" >"$T/c5.csv"
echo 'G5,visit,2026-11-30 09:00,周八,13500003333,萌山社区,金城花园,,垃圾没人收,许褚' >>"$T/c5.csv"
# Routed Monday 11-02 10:00: signed by the end of Tuesday 11-03.
run 0 route --at '2026-11-02 10:00' 1 2 3 4
# 1 signed on time, and given two more days; 2 signed late; 3 never.
run 0 resolve --at '2026-11-03 09:00' --sign 1
run 0 resolve --at '2026-11-03 09:10' --extend --days 2 --note "需采购" 1
run 0 escalate --at '2026-11-03 11:00' --approve 1
run 0 resolve --at '2026-11-04 11:00' --sign 2
# 4 returned by the community, sent to D01 by the centre (sign by the end of
# Wednesday 11-04), signed by D01 on time.
run 0 resolve --at '2026-11-03 10:00' --return --note "非社区职责" 4
run 0 route --at '2026-11-03 14:00' --to D01 --reason "转住建局" 4
run 0 resolve --at '2026-11-04 09:00' --unit D01 --sign 4
# 5 routed Monday 11-30 (sign by Tuesday 12-01), signed at the very second
# of November's cutoff (12-01 + 5 days = 12-06 00:00): not before it, so
# unsigned at it.
run 0 intake --at '2026-11-30 09:30' "$T/c5.csv"
run 0 route --at '2026-11-30 10:00' 5
run 0 resolve --at '2026-12-06 00:00:00' --sign 5

# 萌山社区 (community line, collected 1-5): 5 to sign (1, 2, 4 signed before
# the cutoff; 3 and 5 past their limit), signed 3 (60.0), on time 1 and 4
# (40.0); 1 return (4); 1 extension (1).
# D01 (department line, first handler of 4): 1 to sign, signed on time:
# 100.0, 100.0; no return, no extension.
run 0 score --at '2026-12-10 09:00' -m 2026-11
awk -F'\t' 'NR == 1 || $3 == "370829001010" || $3 == "D01"' "$T/out" | cut -f1,3,24-27 >"$T/got"
same "the new figures" "$T/got" <<'X'
line	code	sign_rate	sign_on_time_rate	returned	extensions
community	370829001010	60.0	40.0	1	1
department	D01	100.0	100.0	0	0
X
# By person: 许褚 collected all five, as 萌山社区; a return is a unit's (0).
run 0 score --at '2026-12-10 09:00' -m 2026-11 --by person
eq "the collector's figures" "$(awk -F'\t' '$3 == "许*"' "$T/out" | cut -f24-27)" "$(printf '60.0\t40.0\t0\t1')"
eq "a sign rate with nothing to sign is empty (null in json): October, the places alone" \
    "$(score --at '2026-12-10 09:00' -m 2026-10 -o json | jq -c 'map(.sign_rate) | unique')" '[null]'

# The same by the SQL of score(1), line 1.
from=$(ts '2026-11-01'); to=$(ts '2026-12-01'); cut=$(ts '2026-12-06')
eq "score(1)'s query" "$(sql "WITH k AS (
  SELECT c.*, coalesce(c.unit_id, c.community_id) AS who FROM cases c
  WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'
    AND c.channel IN ('visit', 'hall', 'wechat', 'other'))
SELECT u.code,
  count(*) FILTER (WHERE sign_due IS NOT NULL AND (signed < $cut OR sign_due < $cut)) AS to_sign,
  count(*) FILTER (WHERE signed < $cut) AS signed,
  count(*) FILTER (WHERE signed < $cut AND signed <= sign_due) AS signed_on_time,
  sum(extensions) AS extensions
FROM k JOIN units u ON u.id = k.who WHERE u.kind IN ('community', 'estate') GROUP BY u.code;")" \
    "370829001010|5|3|2|1"
eq "score(1)'s query for returns" "$(sql "SELECT u.code, count(*) FROM returns r JOIN cases c ON c.id = r.case_id
  JOIN units u ON u.id = r.unit_id WHERE c.received >= $from AND c.received < $to AND c.status <> 'void' GROUP BY u.code;")" \
    "370829001010|1"
run 0 ledger verify
done_testing
