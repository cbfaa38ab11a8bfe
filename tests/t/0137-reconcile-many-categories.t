#!/bin/sh
# A hotline record with nothing to block on but its community (no phone, no
# building, no category, no house detail) looks up every category of that
# community, however many the county has: reconcile knows up to 255, and a
# case under the 255th is a candidate, as is one under a category past them
# (it is filed as having none).
. tests/t/lib.sh

org

# Rules replaced by none, so the categories are exactly these, in this order.
{
	printf '{"routing": {"rules": []}, "reconcile": {"categories": ['
	i=1
	while [ $i -le 260 ]; do
		[ $i -gt 1 ] && printf ', '
		printf '{"word": "型%d号", "category": "类%d"}' $i $i
		i=$((i + 1))
	done
	printf ']}}\n'
} >"$T/cats.json"
export MINYI_CONFIG=$T/cats.json

cat >"$T/c.csv" <<'CSV'
ref,received,community,category,text
M62,2026-11-01 10:00,萌山社区,类62,东门外的下水道井盖被人撬走了
M255,2026-11-01 10:00,萌山社区,类255,西门外的路灯一到晚上就不亮
M260,2026-11-01 10:00,萌山社区,类260,北边小区的健身器材坏了很久
CSV
run 0 intake "$T/c.csv"
eq "the cases keep their categories" "$(sql "SELECT group_concat(category, ' ') FROM (SELECT category FROM cases ORDER BY id)")" \
    "类62 类255 类260"

cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
H62,2026-11-02 09:00:00,,某人,,嘉祥镇街道,萌山社区,,东门外的下水道井盖被人撬走了
H255,2026-11-02 09:00:00,,某人,,嘉祥镇街道,萌山社区,,西门外的路灯一到晚上就不亮
H260,2026-11-02 09:00:00,,某人,,嘉祥镇街道,萌山社区,,北边小区的健身器材坏了很久
CSV
run 0 reconcile "$T/h.csv"
tail -n +2 "$T/out" | cut -f3,4 >"$T/got"
same "community alone finds each case" "$T/got" <<'X'
H62	matched
H255	matched
H260	matched
X
eq "each with its own case" "$(ticket_cases)" "H255=M255 H260=M260 H62=M62"
for t in H62 H255 H260; do
	run 0 reconcile --explain $t
	has "$t: the three cases are its candidates" "$T/out" "candidates: 3 of"
done
done_testing
