#!/bin/sh
# A case that moves to another unit (escalate --up, or a meeting's lead
# unit) waits for the new unit's signature (签收) within route.sign_days,
# as a dispatched case does; the old unit's signature does not carry over.
# A meeting that keeps the case where it is keeps the signature.
. tests/t/lib.sh

sign_demands M 2026-11-02 垃圾清运 <<'CSV'
M3,visit,2026-11-02 09:00,赵六,13700001111,萌山社区,祥和苑,垃圾清运,垃圾站要改造
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
run 0 route --at '2026-11-02 10:00' 1 2 3
run 0 resolve --at '2026-11-02 11:00' --sign 1 2 3
eq "all signed by the community" "$(sql 'SELECT count(*) FROM cases WHERE signed IS NOT NULL')" 3

# Moved up on Wednesday 2026-11-04: the street signs by the end of Thursday.
run 0 escalate --at '2026-11-04 09:00' --up --reason "社区协调不了" 1
eq "moved up: a new sign limit, not signed, not flagged" \
    "$(sql "SELECT tier, datetime(sign_due, 'unixepoch', 'localtime'), coalesce(signed, '-'), coalesce(unsigned_at, '-') FROM cases WHERE id = 1")" \
    "street|2026-11-05 23:59:59|-|-"
eq "the up event names the limit" \
    "$(sql "SELECT json_extract(details, '\$.sign_due') FROM events WHERE case_id = 1 AND kind = 'up'")" \
    "2026-11-05 23:59:59"
run 0 ledger --unsigned
eq "ledger --unsigned lists it again (case 1 only)" "$(cut -f1 "$T/out" | tail -n +2)" 1
# Past the limit, escalate flags it unsigned once, as it does a new dispatch.
run 0 escalate --at '2026-11-06 09:00'
eq "flagged unsigned at the street" \
    "$(sql "SELECT count(*) FROM events WHERE case_id = 1 AND kind = 'unsigned'")" 1
run 0 resolve --at '2026-11-06 10:00' --sign 1
eq "the street signs, late" "$(sql "SELECT json_extract(details, '\$.on_time') FROM events WHERE case_id = 1 AND kind = 'sign' ORDER BY id DESC LIMIT 1")" 0

# A meeting that only sets a deadline keeps the unit and its signature.
run 0 escalate --at '2026-11-06 15:00' --meeting 2026-11-06 --units 萌山社区 --decision "社区本周内清运" --due 2026-11-13 2
eq "a meeting without a lead keeps the signature" \
    "$(sql "SELECT signed IS NOT NULL, unsigned_at IS NULL FROM cases WHERE id = 2")" "1|1"

# A meeting's lead department signs afresh, by the next working day
# (Monday 2026-11-09 after a Friday meeting).
run 0 escalate --at '2026-11-06 15:00' --meeting 2026-11-06 --units "县住房和城乡建设局" --decision "住建局牵头改造" --lead 住房 --due 2026-11-20 3
eq "the lead department has a new sign limit" \
    "$(sql "SELECT tier, datetime(sign_due, 'unixepoch', 'localtime'), coalesce(signed, '-') FROM cases WHERE id = 3")" \
    "county|2026-11-09 23:59:59|-"
eq "the meeting event names it" \
    "$(sql "SELECT json_extract(details, '\$.sign_due') FROM events WHERE case_id = 3 AND kind = 'meeting'")" \
    "2026-11-09 23:59:59"

# The watch: a pass at the very second of the sign limit looks again just
# after it, so the next pass flags the case without waiting for its colour.
cat >"$T/w.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,category,text
W1,visit,2026-11-09 09:00,孙七,13600002222,萌山社区,祥和苑,垃圾清运,垃圾桶坏了
CSV
run 0 intake --at '2026-11-09 09:30' "$T/w.csv"
run 0 route --at '2026-11-09 10:00' 4
run 0 escalate --at '2026-11-10 23:59:59'
eq "at the limit: watched from the second after" \
    "$(sql "SELECT datetime(watch, 'unixepoch', 'localtime') FROM cases WHERE id = 4")" "2026-11-11 00:00:00"
run 0 escalate --at '2026-11-11 00:00:01'
eq "flagged by the next pass" "$(sql "SELECT count(*) FROM events WHERE case_id = 4 AND kind = 'unsigned'")" 1
run 0 ledger verify
done_testing
