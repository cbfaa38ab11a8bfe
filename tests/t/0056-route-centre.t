#!/bin/sh
# The county centre that takes a case for triage: the one routing.centre
# names, else the only unit of kind centre; with none, or two and no choice,
# the case is skipped and stays new. A street-tier case takes the street of
# its community when its own street is not recorded, and goes to triage when
# it has neither.
. tests/t/lib.sh

org
cat >"$T/cfg.json" <<'J'
{"routing": {"rules": [{"name": "供暖", "category": ["供暖"], "tier": "street"}]}}
J
export MINYI_CONFIG="$T/cfg.json"
cat >"$T/c.csv" <<'CSV'
编号,搜集时间,街道,社区,类别,诉求内容
C1,2026-11-02 09:00,,萌山社区,其他类,健身器材坏了
C2,2026-11-02 09:00,卧龙山街道,,供暖,暖气不热
C3,2026-11-02 09:00,,,供暖,暖气漏水
C4,2026-11-02 09:00,,萌山社区,供暖,暖气片不热
C5,2026-11-02 09:00,,,其他类,广场舞噪音
CSV
run 0 intake "$T/c.csv"
# C4 as an older ledger holds it: its community, no street.
sql "UPDATE cases SET street_id = NULL WHERE ref = 'C4'"
unit_of() { sql "SELECT coalesce(u.code, '-') FROM cases c LEFT JOIN units u ON u.id = c.resp_id WHERE c.ref = '$1'"; }

# Two centres and no choice in the config: the cases for triage are skipped.
cat >"$T/u.csv" <<'CSV'
code,name,kind,parent
370829C02,嘉祥县为民服务中心,centre,370829
CSV
run 0 units import "$T/u.csv"
run 1 route --at '2026-11-02 10:00' --pending
has "skipped, said why" "$T/err" "no county centre unit to triage it to"
eq "C1, C3 and C5 stay new" "$(sql "SELECT group_concat(ref, ' ') FROM cases WHERE status = 'new' ORDER BY id")" "C1 C3 C5"
eq "C2 at its street" "$(unit_of C2)" 370829002
eq "C4 at its community's street" "$(unit_of C4)" 370829001

# The config names a unit that is none: a configuration error, nothing routed.
cat >"$T/cfg.json" <<'J'
{"routing": {"centre": "县信访局", "rules": [{"name": "供暖", "category": ["供暖"], "tier": "street"}]}}
J
run 78 route --at '2026-11-02 10:00' --pending
has "the config's file and key named" "$T/err" "cfg.json: 'routing.centre': no unit '县信访局'"
eq "nothing routed" "$(sql "SELECT count(*) FROM cases WHERE status = 'new'")" 3

# The config chooses one of the two.
cat >"$T/cfg.json" <<'J'
{"routing": {"centre": "嘉祥县为民服务中心", "rules": [{"name": "供暖", "category": ["供暖"], "tier": "street"}]}}
J
run 0 route --at '2026-11-02 10:00' --explain 3
has "C3 has no street to go to" "$T/out" "street not resolved"
run 0 route --at '2026-11-02 10:00' --pending
eq "C1, C3, C5 to the chosen centre" "$(unit_of C1) $(unit_of C3) $(unit_of C5)" "370829C02 370829C02 370829C02"
done_testing
