#!/bin/sh
# A kill -9 in the middle of a large import, and two writers at once.
. tests/t/lib.sh

org
# 60,000 demands, enough that the import is still running when it is killed.
awk 'BEGIN {
	print "ref,received,phone,community,estate,category,text"
	for (i = 1; i <= 60000; i++)
		printf "R%06d,2026-10-%02d %02d:%02d,139%08d,萌山社区,祥和苑,垃圾清运,第%d号楼垃圾满溢，请尽快清运\n",
		    i, i % 28 + 1, i % 24, i % 60, i, i
}' >"$T/big.csv"

# The same demands as six files of 10,000: each file is one transaction, so
# the kill can come after some of them were committed and in the middle of
# another (the import runs a second or more after the first commit).
awk -v d="$T" 'NR == 1 { h = $0; next }
{
	f = sprintf("%s/part%d.csv", d, int((NR - 2) / 10000) + 1)
	if (!(f in seen)) { print h > f; seen[f] = 1 }
	print > f
}' "$T/big.csv"
intake "$T"/part1.csv "$T"/part2.csv "$T"/part3.csv "$T"/part4.csv "$T"/part5.csv "$T"/part6.csv \
    >/dev/null 2>&1 &
pid=$!
# Kill it once the first file's cases are committed, whatever the machine's speed.
i=0
while [ $i -lt 1000 ]; do
	c=$(sql 'SELECT count(*) FROM cases' 2>/dev/null)
	[ "${c:-0}" -gt 0 ] && break
	sleep 0.01
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
st=$?
eq "the import was killed mid-way" "$st" 137
eq "integrity_check after kill -9" "$(sql 'PRAGMA integrity_check')" ok
kept=$(sql 'SELECT count(*) FROM cases')
if [ "${kept:-0}" -gt 0 ] && [ "${kept:-0}" -lt 60000 ]; then
	pass "some files were committed before the kill, not all ($kept cases)"
else
	fail "some files were committed before the kill, not all ($kept cases)"
fi
eq "nothing half-written: only whole files were kept" "$((kept % 10000))" 0
eq "nothing half-written: no case without its event" \
    "$(sql "SELECT count(*) FROM cases c WHERE NOT EXISTS
        (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.kind = 'intake')")" 0
run 0 intake "$T/big.csv"
eq "the re-run completes" "$(sql 'SELECT count(*) FROM cases')" 60000
eq "no duplicate" "$(sql 'SELECT count(DISTINCT ref) FROM cases')" 60000
eq "one intake event per case" "$(sql "SELECT count(*) FROM events WHERE kind = 'intake'")" 60000

# Two writers at once: one waits for the other; neither fails.
awk 'BEGIN { print "ref,received,text,community"; for (i = 1; i <= 20000; i++) printf "A%d,2026-11-01 10:00,甲%d,萌山社区\n", i, i }' >"$T/a.csv"
awk 'BEGIN { print "ref,received,text,community"; for (i = 1; i <= 20000; i++) printf "B%d,2026-11-01 10:00,乙%d,祥和社区\n", i, i }' >"$T/b.csv"
intake "$T/a.csv" >/dev/null 2>"$T/ea" &
p1=$!
intake "$T/b.csv" >/dev/null 2>"$T/eb" &
p2=$!
wait $p1
s1=$?
wait $p2
s2=$?
eq "first writer succeeded" "$s1" 0
eq "second writer succeeded" "$s2" 0
eq "both landed" "$(sql "SELECT count(*) FROM cases WHERE ref GLOB 'A*' OR ref GLOB 'B*'")" 40000

# A writer that cannot get the lock within the busy timeout gives 75, not a crash.
( sqlite3 "$MINYI_DB" <<'SQL'
BEGIN IMMEDIATE;
INSERT INTO units(code, name, kind, updated) VALUES ('LOCK', '锁', 'pairing', 0);
.shell sleep 3
ROLLBACK;
SQL
) >/dev/null 2>&1 &
holder=$!
sleep 0.5
MINYI_BUSY_TIMEOUT=300 run 75 intake --text "锁住了" --received "2026-11-01 10:00"
has "locked: retry later" "$T/err" "retry later"
wait $holder
done_testing
