#!/bin/sh
# Platforms (一批平台): 议事厅, 调解室 and 驿站 given as rows of a units file,
# stored apart from the units; re-import; the rows refused; units platforms
# in every format.
. tests/t/lib.sh

org
cat >"$T/p.csv" <<'CSV'
code,name,kind,parent
H01,萌山社区红色议事厅,红色议事厅,370829001010
M01,祥和苑和为贵调解室,和为贵调解室,370829001010-E01
S01,书香名邸红帆驿站,红帆驿站,370829001013-E01
H02,黄岗村议事厅,hall,370829002200
CSV
run 0 units import "$T/p.csv"
has "four platforms added" "$T/err" "units: 4 added, 0 updated, 0 unchanged, 0 rejected"
eq "stored as platforms, not as units" "$(sql "SELECT count(*) FROM units WHERE code IN ('H01', 'M01', 'S01', 'H02')")" 0
# An estate's platform is in the estate's community (书香名邸 is 祥和社区's).
eq "kind, community and estate" "$(sql "SELECT p.code, p.kind, m.code, coalesce(x.code, '-') FROM platforms p
  JOIN units m ON m.id = p.community_id LEFT JOIN units x ON x.id = p.estate_id ORDER BY p.code")" \
    "$(printf 'H01|hall|370829001010|-\nH02|hall|370829002200|-\nM01|mediation|370829001010|370829001010-E01\nS01|station|370829001013|370829001013-E01')"

run 0 units platforms
same "units platforms" "$T/out" <<'X'
code	platform_kind	name	community	estate	sessions
H01	hall	萌山社区红色议事厅	370829001010		0
M01	mediation	祥和苑和为贵调解室	370829001010	370829001010-E01	0
S01	station	书香名邸红帆驿站	370829001013	370829001013-E01	0
H02	hall	黄岗村议事厅	370829002200		0
X
run 0 units platforms -o json --headers zh
eq "json with Chinese headers and kinds" "$(jq -c '.[1]' "$T/out")" \
    '{"编码":"M01","平台类型":"调解室","名称":"祥和苑和为贵调解室","社区":"370829001010","小区":"370829001010-E01","议事次数":0}'
run 0 units platforms -o csv
eq "csv" "$(sed -n 2p "$T/out" | tr -d '\r')" "H01,hall,萌山社区红色议事厅,370829001010,,0"

# Re-import: the same row changes nothing; a new name or parent updates by code.
run 0 units import "$T/p.csv"
has "unchanged" "$T/err" "units: 0 added, 0 updated, 4 unchanged, 0 rejected"
cat >"$T/p2.csv" <<'CSV'
code,name,kind,parent
H01,萌山社区红色议事厅（新址）,议事厅,370829001010-E02
CSV
run 0 units import "$T/p2.csv"
has "updated" "$T/err" "units: 0 added, 1 updated, 0 unchanged, 0 rejected"
eq "its name, estate and update time" "$(sql "SELECT p.name, x.code FROM platforms p JOIN units x ON x.id = p.estate_id WHERE p.code = 'H01'")" \
    "萌山社区红色议事厅（新址）|370829001010-E02"
eq "still four" "$(sql 'SELECT count(*) FROM platforms')" 4

# Bad rows: refused with file, line and reason, into the rejects file; the
# good rows of the same file are stored.
cat >"$T/bad.csv" <<'CSV'
code,name,kind,parent
S02,街道驿站,驿站,370829001
S03,无处驿站,驿站,
S04,未知驿站,驿站,NOPE
S05,会客厅,会客厅,370829001010
S06,新区,estate,370829001013
S07,新区驿站,驿站,S06
S08,县驿站,驿站,D01
CSV
run 1 units import --rejects "$T/rej.csv" "$T/bad.csv"
# A row of an unknown kind is refused as it is read, the others once the
# units they sit in are known.
sed "s|$T/||" "$T/err" >"$T/e"
same "the reasons" "$T/e" <<'X'
bad.csv:5: unknown kind '会客厅' (expected county, centre, street, community, estate, pairing or department)
bad.csv:2: a platform sits in a community or an estate, not in street '370829001'
bad.csv:3: a platform needs a parent: its community or estate
bad.csv:4: unknown parent 'NOPE'
bad.csv:8: a platform sits in a community or an estate, not in department 'D01'
units: 2 added, 0 updated, 0 unchanged, 5 rejected
X
sed "s|$T/||" "$T/rej.csv" | tr -d '\r' >"$T/r"
same "the rejects file" "$T/r" <<'X'
file,line,reason,code,name,kind,parent
bad.csv,5,"unknown kind '会客厅' (expected county, centre, street, community, estate, pairing or department)",S05,会客厅,会客厅,370829001010
bad.csv,2,"a platform sits in a community or an estate, not in street '370829001'",S02,街道驿站,驿站,370829001
bad.csv,3,a platform needs a parent: its community or estate,S03,无处驿站,驿站,
bad.csv,4,unknown parent 'NOPE',S04,未知驿站,驿站,NOPE
bad.csv,8,"a platform sits in a community or an estate, not in department 'D01'",S08,县驿站,驿站,D01
X
eq "a platform in an estate of the same file" "$(sql "SELECT p.code FROM platforms p JOIN units x ON x.id = p.estate_id WHERE x.code = 'S06'")" S07
eq "nothing else stored" "$(sql "SELECT count(*) FROM platforms WHERE code IN ('S02', 'S03', 'S04', 'S05', 'S08')")" 0

run 64 units platforms x
has "platforms takes no operand" "$T/err" "units: platforms takes no operand"
run 64 units --reveal platforms
has "nothing to reveal" "$T/err" "units: platforms show no resident: --reveal does not apply"
done_testing
