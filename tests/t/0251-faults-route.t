#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): route exits with
# its error and keeps all of a run or none of it, whether it routes by rule
# or by model, moves a case by hand, or trains.
. tests/t/lib.sh

escalate_ledger
intake "$T/c.csv" >/dev/null 2>&1
faults "route --pending" 0 route --at "2026-09-28 10:00" --pending
eq "the clean run routed the five cases" "$(sql "SELECT count(*) FROM cases WHERE status = 'open'")" 5
faults "route --to" 0 route --at "2026-09-28 11:00" --to 卧龙山街道 --reason "涉及两个社区，需街道协调" 2
eq "case 2 is the street's" "$(sql "SELECT u.code FROM cases k JOIN units u ON u.id = k.resp_id WHERE k.id = 2")" 370829002

train_set "$T/train.csv"
faults "route --train" 0 route --train "$T/train.csv"
eq "the clean run stored the model" "$(sql "SELECT count(*) FROM models")" 1
echo '{"routing": {"min_confidence": 0.2, "rules": [{"name": "路灯", "any": ["路灯"], "tier": "street"}]}}' >"$T/cfg.json"
printf 'ref,received,community,text\nM1,2026-11-20 10:00,萌山社区,楼道垃圾堆积好几天了\n'\
'M2,2026-11-20 10:00,萌山社区,路灯坏了\n' >"$T/m.csv"
intake "$T/m.csv" >/dev/null 2>&1
faults "route by model" 0 route -c "$T/cfg.json" --at "2026-11-20 11:00" 6 7
eq "case 6 was read by the model" "$(sql "SELECT json_extract(details, '\$.label') FROM events WHERE case_id = 6 AND kind = 'route'")" 垃圾清运
done_testing
