#!/bin/sh
# reconcile: each reason a hotline record is refused for, named with its
# file and line; what is only invisible is no ticket or phone; a caller id
# the phone rules cannot read is kept and said (and refused by --strict);
# a ticket given twice with the same content counts once.
. tests/t/lib.sh

org
lamp=$(printf '灯%.0s' $(seq 6667))     # 6,667 characters of 3 bytes: 20,001 bytes
zw=$(printf '\342\200\213')              # U+200B, zero width
bom=$(printf '\357\273\277')             # U+FEFF
long=G$(printf '1%.0s' $(seq 200))      # 201 bytes
cat >"$T/h.csv" <<CSV
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
$zw$bom,2026-10-12 08:10:00,13812345678,张伟,祥和苑3号楼,嘉祥镇街道,萌山社区,垃圾清运,三号楼垃圾桶满了没人清运
G102,2026-10-12 09:10:00,$zw,李娜,书香名邸5号楼,嘉祥镇街道,祥和社区,停车管理,消防通道被车堵住
G103,2026-10-12 10:10:00,13812345679,王芳,祥和苑7号楼,嘉祥镇街道,萌山社区,公共设施,$lamp
G104,,13812345670,赵强,祥和苑1号楼,嘉祥镇街道,萌山社区,路灯,路灯不亮
G105,2026-13-01 10:00,13812345671,孙丽,金城花园2号楼,嘉祥镇街道,萌山社区,绿化,树枝挡路
$long,2026-10-13 10:00,13812345672,周杰,金城花园9号楼,嘉祥镇街道,萌山社区,物业管理,物业费上涨
G107,2026-10-14 10:00,1381234567,吴敏,祥和苑1号楼,嘉祥镇街道,萌山社区,垃圾清运,垃圾桶满了
G108,2026-10-15 10:00,13812345673,郑明,祥和苑2号楼,嘉祥镇街道,萌山社区,垃圾清运,楼下垃圾没人收
G108,2026-10-15 10:00,13812345673,郑明,祥和苑2号楼,嘉祥镇街道,萌山社区,垃圾清运,楼下垃圾没人收
CSV
run 1 reconcile --rejects "$T/rej.csv" "$T/h.csv"
same "each refusal with its line and reason; the unreadable phone said, masked" "$T/err" <<X
$T/h.csv:4: demand text longer than 20000 bytes
$T/h.csv:5: no received time
$T/h.csv:6: impossible date '2026-13-01 10:00'
$T/h.csv:7: ticket longer than 200 bytes
$T/h.csv:8: phone unreadable, kept as written: '********67'
reconcile: $T/h.csv: layout hotline12345
reconcile: 0 matched, 4 missed, 0 outside; 1 unchanged, 4 rejected; 1 with phone unreadable
X
eq "the rejects file holds the four, each with its line" "$(cut -d, -f2,3 "$T/rej.csv" | tr '\n' '|')" \
    "line,reason|4,demand text longer than 20000 bytes|5,no received time|6,impossible date '2026-13-01 10:00'|7,ticket longer than 200 bytes|"
# An invisible ticket is none: the record gets a content reference (c:...).
# An invisible phone is none; the unreadable one is kept as written.
sql "SELECT substr(ticket, 1, 2) || ' ' || coalesce(phone, '-') FROM hotline ORDER BY id" >"$T/got"
same "what was stored" "$T/got" <<'X'
c: 13812345678
G1 -
G1 1381234567
G1 13812345673
X
eq "the ticket given twice is one record" "$(sql "SELECT count(*) FROM hotline WHERE ticket = 'G108'")" 1

# --strict refuses the unreadable phone, and writes nothing.
{ head -1 "$T/h.csv"; sed -n 8p "$T/h.csv"; } >"$T/s.csv"
cp "$MINYI_DB" "$T/before.db"
run 65 reconcile --strict "$T/s.csv"
has "--strict names the phone" "$T/err" "s.csv:2: impossible phone '********67' (--strict: nothing written)"
eq "nothing written" "$(sql "SELECT count(*) FROM hotline")" 4
done_testing
