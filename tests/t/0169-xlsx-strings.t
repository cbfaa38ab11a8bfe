#!/bin/sh
# An .xlsx whose shared strings outgrow memory keeps them in a temporary
# file and reads them back through a block cache: the cases stored are the
# same as from the CSV, for strings inside a block, across two blocks and
# repeated from the first block. $MINYI_XLSX_STRINGS (bytes kept in memory,
# 32 MiB by default) makes a small sheet spill.
. tests/t/lib.sh

if ! have_sheets; then
	echo "1..0 # SKIP python3-openpyxl or python3-xlwt not installed (make deps)"
	exit 0
fi

org
# 3,000 rows of 20 to 80 characters each (about 400 KB of strings, a
# hundred blocks of 4 KiB), every row's text its own, the address one for all.
awk 'BEGIN {
	print "ref,channel,received,text,address"
	s = "路灯不亮下水道堵塞供暖不热噪音扰民违章停车垃圾清运"
	for (i = 1; i <= 3000; i++) {
		t = sprintf("第%d户反映", i)
		for (k = 0; k < i % 7 + 1; k++) t = t s
		printf "S%d,visit,2026-10-%02d 09:%02d,%s,嘉祥镇街道萌山社区\n", i, i % 28 + 1, i % 60, t
	}
}' >"$T/s.csv"
sheet_as xlsx "$T/s.csv" "$T/s.xlsx"
cases() { sql "SELECT ref, channel, received, text, address, community_id FROM cases ORDER BY ref"; }

run 0 intake "$T/s.csv"
cases >"$T/want"
eq "the CSV lands whole" "$(sql 'SELECT count(*) FROM cases')" 3000

for mem in 4096 65536 ""; do
	rm -f "$MINYI_DB"
	org
	if [ -n "$mem" ]; then
		MINYI_XLSX_STRINGS=$mem run 0 intake "$T/s.xlsx"
		what="strings spilled past $mem bytes"
	else
		run 0 intake "$T/s.xlsx"
		what="strings in memory"
	fi
	cases >"$T/got"
	if diff -u "$T/want" "$T/got" >"$T/diff"; then pass "$what: stored as from CSV"; else
		fail "$what: stored as from CSV"; sed 's/^/#   /' "$T/diff" | head -10; fi
	has "$what: the summary" "$T/err" "intake: 3,000 new, 0 already known, 0 rejected"
done
# Nothing is left behind in the temporary directory.
mkdir "$T/tmp"
rm -f "$MINYI_DB"
org
TMPDIR=$T/tmp MINYI_XLSX_STRINGS=0 run 0 intake "$T/s.xlsx"
eq "no temporary file left" "$(ls -A "$T/tmp")" ""
eq "spilled from the first string: every case" "$(sql 'SELECT count(*) FROM cases')" 3000
done_testing
