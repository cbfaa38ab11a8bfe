#!/bin/sh
# The reference made for a record without one covers every recorded field:
# two residents with the same words at the same minute are two cases, the
# same row read again is one, and a case recorded under the rule before
# (time, phone, text, address) is found again rather than duplicated.
. tests/t/lib.sh

org

cat >"$T/same.csv" <<'CSV'
搜集时间,反映人,联系电话,社区,诉求内容
2026-11-05 09:00,张一,13800001111,萌山社区,小区路灯不亮
2026-11-05 09:00,李二,13800002222,萌山社区,小区路灯不亮
2026-11-05 09:00,王三,,萌山社区,小区路灯不亮
CSV
run 0 intake "$T/same.csv"
eq "three residents, three cases" "$(sql "SELECT count(DISTINCT ref) FROM cases WHERE text = '小区路灯不亮'")" 3
eq "each made reference is c: and 16 hex digits" "$(sql "SELECT count(*) FROM cases WHERE text = '小区路灯不亮' AND ref GLOB 'c:[0-9a-f]*' AND length(ref) = 18")" 3
run 0 intake "$T/same.csv"
has "read again: each known" "$T/err" "intake: 0 new, 3 already known, 0 rejected"
# Only the collector differs: still two records.
printf '搜集时间,搜集人,社区,诉求内容\n2026-11-05 10:00,王芳,萌山社区,垃圾没清\n2026-11-05 10:00,刘伟,萌山社区,垃圾没清\n' >"$T/coll.csv"
run 0 intake "$T/coll.csv"
eq "a different collector, a different case" "$(sql "SELECT count(*) FROM cases WHERE text = '垃圾没清'")" 2
# The same row twice in one file is one case.
printf '搜集时间,社区,诉求内容\n2026-11-05 11:00,萌山社区,同一行\n2026-11-05 11:00,萌山社区,同一行\n' >"$T/dup.csv"
run 0 intake "$T/dup.csv"
has "the same row twice: one new, one known" "$T/err" "intake: 1 new, 1 already known, 0 rejected"

# A case recorded by the rule before: its reference was "h:" and the first 16
# hex digits of the SHA-256 of received, phone, text and address.
t=$(ts '2026-11-04 09:00')
old="h:$(printf '%s\037%s\037%s\037%s' "$t" 13900005555 旧规则的诉求 '' | sha256sum | cut -c1-16)"
run 0 intake --ref "$old" --received '2026-11-04 09:00' --reporter 赵四 --phone 13900005555 --community 萌山社区 --text 旧规则的诉求
printf '搜集时间,反映人,联系电话,社区,诉求内容\n2026-11-04 09:00,赵四,13900005555,萌山社区,旧规则的诉求\n' >"$T/old.csv"
run 0 intake "$T/old.csv"
has "yesterday's file after the upgrade: known, not duplicated" "$T/err" "intake: 0 new, 1 already known, 0 rejected"
eq "one case" "$(sql "SELECT count(*) FROM cases WHERE text = '旧规则的诉求'")" 1
# Another resident the old rule would have merged into it is a case of its own.
printf '搜集时间,反映人,联系电话,社区,诉求内容\n2026-11-04 09:00,钱五,13900005555,萌山社区,旧规则的诉求\n' >"$T/old2.csv"
run 0 intake "$T/old2.csv"
eq "a different reporter under the old reference: a new case" "$(sql "SELECT count(*) FROM cases WHERE text = '旧规则的诉求'")" 2

# reconcile: records without a ticket, the same words at the same minute.
printf '来电时间,来电号码,诉求人,诉求内容\n2026-11-05 09:00,13800007777,甲,热线同词\n2026-11-05 09:00,13800008888,乙,热线同词\n' >"$T/hot.csv"
run 0 reconcile "$T/hot.csv"
eq "reconcile: two records" "$(sql "SELECT count(*) FROM hotline WHERE text = '热线同词'")" 2
run 0 reconcile "$T/hot.csv"
eq "reconcile again: still two" "$(sql "SELECT count(*) FROM hotline WHERE text = '热线同词'")" 2

# A layout forced on a file without its required columns: the message says so.
run 65 reconcile --layout hotline12345 "$T/hot.csv"
has "the required column is named, with the closest" "$T/err" "hot.csv:1: layout 'hotline12345' requires a column ('工单编号', '工单号') (the file's columns: '来电时间'"

done_testing
