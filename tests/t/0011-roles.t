#!/bin/sh
# units: the roles people may have come from the config (units.roles): the
# built-in list holds the seed's roles; a county's config replaces it.
. tests/t/lib.sh

org
cat >"$T/roles.csv" <<'CSV'
name,phone,unit,role
甲一,13900000011,370829001013,社区党委书记
甲二,13900000012,370829001013,社区书记
甲三,13900000013,370829001010,小区长
甲四,13900000014,370829001010,楼长
甲五,13900000015,370829001010,民警
甲六,13900000016,370829001010,法律顾问
甲七,13900000017,370829001010,网格员
CSV
run 1 units import --rejects "$T/rej.csv" "$T/roles.csv"
sed "s|$T/||" "$T/err" >"$T/e"
same "the seed's new roles land; one no list knows is refused, the built-in list named" "$T/e" <<X
roles.csv:8: unknown role '网格员' (expected one of units.roles: 包小区干部, 民情书记, 小区书记, 社区党委书记, 社区书记, 社区工作者, \
物业经理, 业委会成员, 党员中心户, 小区长, 楼长, 民警, 法律顾问)
units: 6 added, 0 updated, 0 unchanged, 1 rejected
X
has "the rejects file says why" "$T/rej.csv" "unknown role '网格员'"
eq "the six are stored with their roles" "$(sql "SELECT group_concat(role, ',') FROM (SELECT role FROM people WHERE name LIKE '甲%' ORDER BY id)")" \
    "社区党委书记,社区书记,小区长,楼长,民警,法律顾问"

# A county's own list replaces the built-in one: 网格员 is known, 楼长 no longer.
cat >"$T/cfg.json" <<'J'
{"units": {"roles": ["网格员", "楼长长", "社区工作者"]}}
J
printf 'name,phone,unit,role\n乙一,13900000021,370829001010,网格员\n乙二,13900000022,370829001010,楼长\n' >"$T/r2.csv"
run 1 units -c "$T/cfg.json" import "$T/r2.csv"
sed "s|$T/||" "$T/err" >"$T/e"
same "the config's roles, and the config's list in the message" "$T/e" <<'X'
r2.csv:3: unknown role '楼长' (expected one of units.roles: 网格员, 楼长长, 社区工作者)
units: 1 added, 0 updated, 0 unchanged, 1 rejected
X
eq "网格员 landed" "$(sql "SELECT role FROM people WHERE name = '乙一'")" "网格员"

# The list is checked when the config is read.
echo '{"units": {"roles": []}}' >"$T/bad.json"
run 78 units -c "$T/bad.json" list
same "an empty list is refused" "$T/err" <<X
units: $T/bad.json: 'units.roles': expected a list of role names, one at least
X
echo '{"units": {"roles": ["社区书记", ""]}}' >"$T/bad.json"
run 78 units -c "$T/bad.json" list
same "an empty name is refused" "$T/err" <<X
units: $T/bad.json: 'units.roles[1]': expected a role's name (1 to 60 bytes)
X
echo '{"units": {"roles": ["社区书记", 3]}}' >"$T/bad.json"
run 78 units -c "$T/bad.json" list
same "a name that is not a string is refused" "$T/err" <<X
units: $T/bad.json: 'units.roles[1]': expected a string, found a number
X
done_testing
