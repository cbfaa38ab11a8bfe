#!/bin/sh
# units: import, re-import, rejections, the tree and people.
. tests/t/lib.sh

org
run 0 units import "$T/units.csv"
same "re-import changes nothing" "$T/err" <<'X'
units: 0 added, 0 updated, 12 unchanged, 0 rejected
X
eq "no unit twice" "$(sql 'SELECT count(*) FROM units')" 12
eq "four people" "$(sql 'SELECT count(*) FROM people')" 4
eq "covers by code and by name" "$(sql "SELECT group_concat(e.name, ';') FROM covers v JOIN units e ON e.id = v.estate_id
    JOIN people p ON p.id = v.person_id WHERE p.name = '马超' ORDER BY e.code")" "祥和苑;金城花园"
eq "db file is private" "$(stat -c %a "$MINYI_DB")" 600

sed 's/陈静,13800000007/陈静,13800000017/' "$T/units.csv" >"$T/u2.csv"
run 0 units import "$T/u2.csv"
same "a changed contact phone is an update" "$T/err" <<'X'
units: 0 added, 1 updated, 11 unchanged, 0 rejected
X
eq "phone updated in place" "$(sql "SELECT phone FROM units WHERE code = 'D01'")" 13800000017

run 0 units -o table list
same "the tree, depth first, masked" "$T/out" <<'X'
code              kind        depth  name                      parent        contact  phone        people
370829            county          0  嘉祥县                                                             0
370829001         street          1    嘉祥镇街道              370829        李*      138****0002       2
370829001010      community       2      萌山社区居民委员会    370829001     张*      138****0004       1
370829001010-E01  estate          3        祥和苑              370829001010                             0
370829001010-E02  estate          3        金城花园            370829001010                             0
370829001013      community       2      祥和社区居民委员会    370829001     刘*      138****0005       0
370829001013-E01  estate          3        书香名邸            370829001013                             0
370829002         street          1    卧龙山街道              370829        赵*      138****0003       0
370829002200      community       2      黄岗村委会            370829002     孙*      138****0006       0
370829C01         centre          1    嘉祥县社会治理服务中心  370829        王*      138****0001       0
D01               department      1    县住房和城乡建设局      370829        陈*      138****0017       0
P01               pairing         1    县财政局                370829        周*      138****0008       1
X

run 0 units people
same "people, masked" "$T/out" <<'X'
name	phone	role	unit	unit_name	covers
马*	139****0001	包小区干部	370829001	嘉祥镇街道	祥和苑;金城花园
黄*	139****0002	包小区干部	370829001	嘉祥镇街道	书香名邸
许*	139****0003	社区工作者	370829001010	萌山社区居民委员会	
典*	139****0004	民情书记	P01	县财政局	
X
before=$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")
run 0 units --reveal people
has "revealed names" "$T/out" "马超	13900000001"
eq "a reveal is recorded" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" $((before + 1))

# A look that cannot be recorded (another writer holds the lock past the
# busy timeout) shows nothing in clear.
lock_db
MINYI_BUSY_TIMEOUT=300 run 75 units --reveal people
if grep -q 13900000001 "$T/out"; then fail "locked: no phone in clear"; else pass "locked: no phone in clear"; fi
has "locked: retry later" "$T/err" "retry later"
unlock_db
eq "locked: no reveal recorded" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" $((before + 1))

# Every rejection: the good rows land, the bad ones are named with their line.
cat >"$T/bad.csv" <<'CSV'
code,name,kind,parent,contact,phone
X1,新社区,community,,,
X2,某小区,estate,370829001,,
X3,某单位,planet,370829,,
X4,,street,370829,,
X5,新街道,street,NOPE,,
X6,好社区,community,370829002,,13800000009
X6,重复,community,370829002,,
X7,坏电话,department,370829,,138abc
X8,甲,pairing,X9,,
X9,乙,pairing,X8,,
X10,丙小区,estate,X5,,
CSV
run 1 units import --rejects "$T/rej.csv" "$T/bad.csv"
same "each bad row named with its reason" "$T/err" <<X
$T/bad.csv:4: unknown kind 'planet' (expected county, centre, street, community, estate, pairing or department)
$T/bad.csv:5: no unit name
$T/bad.csv:8: unit code 'X6' appears twice
$T/bad.csv:9: impossible phone '138abc'
$T/bad.csv:2: a community needs a parent
$T/bad.csv:3: an estate cannot sit under street '370829001'
$T/bad.csv:6: unknown parent 'NOPE'
$T/bad.csv:12: parent 'X5' was rejected
$T/bad.csv:10: its parents form a cycle
$T/bad.csv:11: its parents form a cycle
units: 1 added, 0 updated, 0 unchanged, 10 rejected
X
eq "the good row landed" "$(sql "SELECT name FROM units WHERE code = 'X6'")" "好社区"
has "rejects file has the reason and the record" "$T/rej.csv" "bad.csv,6,unknown parent 'NOPE',X5,新街道,street,NOPE,,"

n=$(sql 'SELECT count(*) FROM units')
run 65 units import --strict "$T/bad.csv"
has "strict names the first bad line" "$T/err" "bad.csv:4: unknown kind 'planet'"
eq "strict wrote nothing" "$(sql 'SELECT count(*) FROM units')" "$n"

cat >"$T/badp.csv" <<'CSV'
name,phone,unit,role,covers
关羽,13900000009,370829001,包小区干部,不存在小区
张飞,13900000010,NOWHERE,社区工作者,
赵云,13900000011,370829001010,将军,
,13900000012,370829001010,社区工作者,
黄盖,139x0000000,370829001010,社区工作者,
CSV
run 1 units import "$T/badp.csv"
same "people rejections" "$T/err" <<X
$T/badp.csv:2: unknown estate '不存在小区'
$T/badp.csv:3: unknown unit 'NOWHERE'
$T/badp.csv:4: unknown role '将军' (expected one of units.roles: 包小区干部, 民情书记, 小区书记, 社区党委书记, 社区书记, 社区工作者, \
物业经理, 业委会成员, 党员中心户, 小区长, 楼长, 民警, 法律顾问)
$T/badp.csv:5: no name
$T/badp.csv:6: impossible phone '***x*****00'
units: 0 added, 0 updated, 0 unchanged, 5 rejected
X

printf 'foo,bar\n1,2\n' >"$T/neither.csv"
run 65 units import "$T/neither.csv"
has "a file of neither kind" "$T/err" "neither a units file"
run 66 units import "$T/missing.csv"
has "a missing file" "$T/err" "cannot open '$T/missing.csv'"
run 64 units frobnicate
done_testing
