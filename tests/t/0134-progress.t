#!/bin/sh
# Progress on standard error: a progress line is for long runs (reconcile
# reports the cases it loads per 100,000), and only on a terminal. A short
# run on a terminal shows none; its summary is all standard error holds.
. tests/t/lib.sh

if ! command -v script >/dev/null 2>&1; then
	skip "script(1) is needed to give a run a terminal"
	done_testing
	exit 0
fi
org
cat >"$T/c.csv" <<'CSV'
ref,received,community,estate,category,text
R1,2026-11-01 09:00,萌山社区,祥和苑,垃圾清运,三号楼门口的垃圾桶满了
R2,2026-11-02 09:00,萌山社区,金城花园,路灯,小区路灯不亮
R3,2026-11-03 09:00,黄岗村,,路灯,村口路灯不亮
CSV
run 0 intake "$T/c.csv"
cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
W1,2026-11-05 10:00:00,13600000001,周一,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,三号楼门口的垃圾桶满了好几天没人清运
CSV
# The same run with its standard error on a terminal (script's), and not.
run 0 reconcile --dry-run "$T/h.csv"
cp "$T/err" "$T/err.plain"
script -qec "reconcile --dry-run '$T/h.csv' >'$T/out.tty'" /dev/null >"$T/tty" 2>&1
eq "on a terminal, the run succeeds" "$?" 0
tr -d '\r' <"$T/tty" >"$T/tty.txt"
if grep -q "cases loaded" "$T/tty.txt"; then
	fail "three cases loaded: no progress line"
	sed 's/^/#   /' "$T/tty.txt" | head -5
else
	pass "three cases loaded: no progress line"
fi
same "on a terminal, standard error holds the summary alone" "$T/tty.txt" <"$T/err.plain"
same "and standard output is the same" "$T/out.tty" <"$T/out"

# A run long enough for progress lines (a line per 10,000 records read and
# written): each ends before the next message, so no two share a line.
"$TOP/scripts/gen-data" hotline 20000 --seed 1 --from 2026-09-01 --days 60 >"$T/h20k.csv" 2>/dev/null
script -qec "reconcile --dry-run '$T/h20k.csv' >/dev/null" /dev/null >"$T/tty" 2>&1
eq "20,000 records on a terminal: the run succeeds" "$?" 0
tr '\r' '\n' <"$T/tty" | grep -v '^$' | sed "s|$T/||; s/ matched, .*/ matched/" >"$T/tty.txt"
same "a progress line per 10,000 records read and written" "$T/tty.txt" <<'X'
reconcile: 10,000 records
reconcile: 20,000 records
reconcile: h20k.csv: layout hotline12345
reconcile: 10,000 records written
reconcile: 20,000 records written
reconcile: (dry run) 0 matched
X
eq "no message is written on a progress line" "$(tr -d '\r' <"$T/tty" | grep -c 'records.*layout\|written.*matched')" 0
done_testing
