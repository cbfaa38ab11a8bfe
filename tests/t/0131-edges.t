#!/bin/sh
# Edges of reading and matching: which layout reads a file and what it may
# name, why a place is not resolved, and reconcile's blocking, window, words,
# types and bins, each at the point where the outcome turns.
. tests/t/lib.sh

org

# A layout without a channel leaves it to the record, then intake.channel.
printf 'ref,received,community,text\nC1,2026-11-20 10:00,萌山社区,楼道灯不亮\n' >"$T/ch.csv"
echo '{"intake": {"channel": "hall"}}' >"$T/hall.json"
run 0 intake -c "$T/hall.json" "$T/ch.csv"
eq "no channel anywhere: intake.channel" "$(sql "SELECT channel FROM cases WHERE ref = 'C1'")" hall

# A field's columns: up to fifteen names, and the fifteenth is read; a
# sixteenth is refused by the config's check.
printf 'received,c15\n2026-11-20 10:00,第十五列的诉求\n' >"$T/c15.csv"
echo '{"layouts": {"many": {"fields": {"received": ["received"], "text": ["c1", "c2", "c3", "c4", "c5", "c6", "c7",
 "c8", "c9", "c10", "c11", "c12", "c13", "c14", "c15"]}}}}' >"$T/many.json"
run 0 intake -c "$T/many.json" --layout many "$T/c15.csv"
eq "the fifteenth name is read" "$(sql "SELECT text FROM cases ORDER BY id DESC LIMIT 1")" 第十五列的诉求
sed 's/"c15"/"c15", "c16"/' "$T/many.json" >"$T/more.json"
run 78 intake -c "$T/more.json" --layout many "$T/c15.csv"
has "a sixteenth is refused" "$T/err" "'layouts.many.fields.text': at most 15 column names"

# A file whose columns fit a layout but hold no demand text is refused whole.
printf 'ref,received,phone,community\nN1,2026-11-20 10:00,13912345678,萌山社区\n' >"$T/notext.csv"
run 65 intake "$T/notext.csv"
has "no text column: no layout" "$T/err" "notext.csv:1: no known layout: no column holds the demand text"

# Why a place is not resolved, as the event keeps it.
cat >"$T/loc.csv" <<'CSV'
ref,received,community,address,text
U1,2026-11-20 10:00,东城社区,,路灯不亮
U2,2026-11-20 10:00,,,路灯不亮了
U3,2026-11-20 10:00,,外县某村,路灯还是不亮
U4,2026-11-20 10:00,萌山社区,,路灯终于修好
CSV
run 0 intake "$T/loc.csv"
same "each reason" "$(sql "SELECT c.ref || ' ' || coalesce(json_extract(e.details, '\$.unresolved'), '-') FROM cases c
    JOIN events e ON e.case_id = c.id AND e.kind = 'intake' WHERE c.ref LIKE 'U%' ORDER BY c.ref" >"$T/got"; echo "$T/got")" <<'X'
U1 unknown community '东城社区'
U2 no location given
U3 no community found in the address
U4 -
X
has "and the warning names it" "$T/err" "loc.csv:2: location not resolved: unknown community '东城社区'"
# Places that contradict each other: a community of another street (or of
# two others) is not taken; an estate of another community is dropped and
# the community kept; a street alone names no community.
printf 'code,name,kind,parent\n370829101,纸坊镇,street,370829\n370829101201,祥和社区居民委员会,community,370829101\n' \
    >"$T/town.csv"
run 0 units import "$T/town.csv"
cat >"$T/loc2.csv" <<'CSV'
ref,received,street,community,estate,text
U5,2026-11-20 10:00,卧龙山街道,萌山社区,,路灯又不亮
U6,2026-11-20 10:00,卧龙山街道,,,路灯一直不亮
U7,2026-11-20 10:00,嘉祥镇街道,祥和社区,祥和苑,路灯坏了很久
U8,2026-11-20 10:00,卧龙山街道,祥和社区,,路灯坏了好久
CSV
run 0 intake "$T/loc2.csv"
same "each place and reason" "$(sql "SELECT c.ref || ' ' || coalesce(s.code, '-') || ' ' || coalesce(m.code, '-') || ' '
    || coalesce(x.code, '-') || ' ' || coalesce(json_extract(e.details, '\$.unresolved'), '-') FROM cases c
    JOIN events e ON e.case_id = c.id AND e.kind = 'intake' LEFT JOIN units s ON s.id = c.street_id
    LEFT JOIN units m ON m.id = c.community_id LEFT JOIN units x ON x.id = c.estate_id
    WHERE c.ref IN ('U5', 'U6', 'U7', 'U8') ORDER BY c.ref" >"$T/got"; echo "$T/got")" <<'X'
U5 370829002 - - community '萌山社区居民委员会' is not in street '卧龙山街道'
U6 370829002 - - no community found in '卧龙山街道'
U7 370829001 370829001013 - -
U8 370829002 - - community '祥和社区' is not in street '卧龙山街道'
X
# An address in a street that names no community: the reason names the
# street, for the second such row as for the first.
printf 'ref,received,street,address,text\nU9,2026-11-20 10:00,卧龙山街道,外县某村,井盖丢了\nU10,2026-11-20 10:00,卧龙山街道,某某路5号,井盖又丢了\n' \
    >"$T/loc3.csv"
run 0 intake "$T/loc3.csv"
eq "each reason names the street" "$(sql "SELECT group_concat(json_extract(e.details, '\$.unresolved'), '|') FROM cases c
    JOIN events e ON e.case_id = c.id AND e.kind = 'intake' WHERE c.ref IN ('U9', 'U10')")" \
    "no community found in the address (street '卧龙山街道')|no community found in the address (street '卧龙山街道')"

# Reconcile. The cases, recorded a fortnight and more before the calls.
cat >"$T/c.csv" <<'CSV'
ref,received,reporter,phone,address,community,estate,category,text
R1,2026-11-01 10:00,周一,13600000001,祥和苑3号楼,萌山社区,祥和苑,垃圾清运,三号楼门口的垃圾桶满了好几天没人清运
R2,2026-11-01 10:00,周二,13600000002,祥和苑5号楼,萌山社区,祥和苑,供暖,五号楼家里暖气一点都不热
R3,2026-11-01 10:00,周三,13600000003,黄岗村西街3号,黄岗村,,供水,西街这几天自来水一直断断续续
CSV
run 0 intake "$T/c.csv"
cp "$MINYI_DB" "$T/base.db"
r1=$(sql "SELECT id FROM cases WHERE ref = 'R1'") r3=$(sql "SELECT id FROM cases WHERE ref = 'R3'")

# The window: a call 14 days after the case is compared with it; 14 days and
# ten seconds after, it is not (the call is alone in its export).
cat >"$T/w1.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
W1,2026-11-15 10:00:00,13600000001,周一,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,三号楼门口的垃圾桶满了好几天没人清运
CSV
sed 's/2026-11-15 10:00:00/2026-11-15 10:00:10/; s/^W1/W2/' "$T/w1.csv" >"$T/w2.csv"
run 0 reconcile "$T/w1.csv"
eq "14 days after: matched" "$(cut -f1,3,4 "$T/out" | tail -1)" "$(printf '%s\tW1\tmatched' "$r1")"
run 0 reconcile "$T/w2.csv"
eq "14 days and 10 seconds after: no candidate" "$(cut -f3,4,5 "$T/out" | tail -1)" "$(printf 'W2\tmissed\t')"
run 0 reconcile --explain W2
has "none within the window" "$T/out" "candidates: 0 of"

# A record that shares only the community and the category with a case (no
# phone, no building) is still compared with it.
cp "$T/base.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
cat >"$T/k.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
K1,2026-11-02 09:00:00,,周三,黄岗村,卧龙山街道,黄岗村,城乡建设/供水,西街这几天自来水一直断断续续
CSV
run 0 reconcile "$T/k.csv"
eq "community and category alone: matched" "$(cut -f1,3,4 "$T/out" | tail -1)" "$(printf '%s\tK1\tmatched' "$r3")"
eq "the record keeps its place" "$(sql "SELECT coalesce(street_id, 0) > 0 AND coalesce(community_id, 0) > 0 FROM hotline WHERE ticket = 'K1'")" 1

# The categories of a hotline record: its type by reconcile.categories, else
# the longest of our category names in it (the first on a tie); and its words
# by the routing rules' word lists, "none" words excluding a rule.
cat >"$T/t.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
T1,2026-11-02 09:00:00,13700000001,某甲,祥和苑7号楼,嘉祥镇街道,萌山社区,下水管道活动场地,路边垃圾堆散发异味
T2,2026-11-02 09:00:00,13700000002,某乙,祥和苑8号楼,嘉祥镇街道,萌山社区,其他活动场地与下水管道,工厂排污散发异味
CSV
run 0 reconcile "$T/t.csv"
eq "type: two names of a length, the first" "$(tail -n +2 "$T/out" | cut -f3,11 | tr '\t\n' ': ')" "T1:下水管道 T2:活动场地 "
run 0 reconcile --explain T1
has "words: 垃圾 is a 'none' word of the pollution rule, so the rubbish rule decides" "$T/out" "by its words 垃圾清运"
run 0 reconcile --explain T2
has "words without it: pollution" "$T/out" "by its words 环境污染"

# One record's words do not carry over to the next: X1 is about heating, X2
# (the same phone as R2, no type) has no words of any rule, so its category
# is missing, neither agreeing nor disagreeing.
cp "$T/base.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
cat >"$T/x.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
X1,2026-11-02 09:00:00,13700000009,某丙,祥和苑9号楼,嘉祥镇街道,萌山社区,,暖气片冰凉暖气不热
X2,2026-11-02 09:00:00,13600000002,周二,祥和苑5号楼,嘉祥镇街道,萌山社区,,五号楼家里一点都不热
CSV
run 0 reconcile "$T/x.csv"
run 0 reconcile --explain X2
has "no category words in X2" "$T/out" "  category   missing                  +0.00"
x2=$(sql "SELECT printf('%.2f', score) FROM hotline WHERE ticket = 'X2'")
eq "and the run scored it alike" "$x2" "$(grep 'decision now' "$T/out" | sed 's/.*score \([0-9.]*\) .*/\1/')"
# X3, R2's phone again, is about the water supply: the categories disagree.
printf '工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容\n%s\n' \
    'X3,2026-11-02 09:00:00,13600000002,周二,祥和苑5号楼,嘉祥镇街道,萌山社区,城乡建设/供水,自来水水压太低' >"$T/x3.csv"
run 0 reconcile "$T/x3.csv"
run 0 reconcile --explain X3
grep '^  category ' "$T/out" | head -1 >"$T/got"
has "X3's water supply and R2's heating disagree" "$T/got" "  category   disagree"

# Building 0 is a building: a record that shares only it (and its estate)
# with a case finds the case.
printf 'ref,received,community,estate,address,category,text\nZ0,2026-11-02 08:00,萌山社区,祥和苑,祥和苑0号楼2单元301,供暖,零号楼暖气不热\n' >"$T/z0.csv"
run 0 intake "$T/z0.csv"
printf '工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容\n%s\n' \
    'Z1,2026-11-02 09:00:00,13500000077,某丁,祥和苑0号楼2单元301,嘉祥镇街道,萌山社区,,家里一点都不热' >"$T/z1.csv"
run 0 reconcile "$T/z1.csv"
run 0 reconcile --explain Z1
has "building 0 blocks the pair" "$T/out" "candidates: 1 of"

# A record's estate is stored with it.
eq "the estate stored" "$(sql "SELECT u.code FROM hotline h JOIN units u ON u.id = h.estate_id WHERE h.ticket = 'X2'")" 370829001010-E01

# Bins: a similarity below every text bin weighs as the last bin.
cp "$T/base.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
echo '{"reconcile": {"weights": {"text": [{"from": 0.9, "weight": 7}, {"from": 0.5, "weight": 1}]}}}' >"$T/bins.json"
cat >"$T/b.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
B1,2026-11-02 09:00:00,13600000001,周一,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,楼下小卖部卖过期食品
CSV
run 0 reconcile -c "$T/bins.json" "$T/b.csv"
run 0 reconcile -c "$T/bins.json" --explain B1
has "below the last bin: its weight" "$T/out" "similar             +1.00"
done_testing
