#!/bin/sh
# reconcile: a place named only in a call's text. The text may name the
# estate of a community the address found, but a call that gives no place
# at all is outside, whatever its text names.
. tests/t/lib.sh

org
H=工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
printf '%s\n%s\n%s\n' "$H" "T1,2026-11-20 08:00:00,13812345678,张伟,,,,垃圾清运,祥和苑3号楼垃圾没人清运" \
    "T2,2026-11-20 08:00:00,13812345679,李明,嘉祥镇街道萌山社区,,,垃圾清运,祥和苑3号楼垃圾没人清运" >"$T/h.csv"
run 0 reconcile "$T/h.csv"
cut -f3,4,8-10,13 "$T/out" >"$T/got"
same "no place given: outside; the estate in the text of a call that names its community: read" "$T/got" <<'X'
ticket	outcome	street	community	estate	note
T1	outside				no location given
T2	missed	嘉祥镇街道	萌山社区居民委员会	祥和苑	2 points to 370829001010
X
done_testing
