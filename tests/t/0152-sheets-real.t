#!/bin/sh
# Workbooks a spreadsheet program saved (tests/data/sheets/README): each
# stores what its CSV stores; a sheet is picked by --sheet; stdin works too;
# formulas read as their values.
. tests/t/lib.sh

D=$TOP/tests/data/sheets
org
cases() { sql "SELECT channel, ref, received, reporter, phone, address, community_id, estate_id, category, text, collector_id
    FROM cases ORDER BY id"; }
intake "$D/ledger.csv" >/dev/null 2>&1
cases >"$T/want"
eq "the CSV stores three cases" "$(wc -l <"$T/want" | tr -d ' ')" 3
for f in xlsx xls; do
	rm -f "$MINYI_DB"
	org
	run 0 intake "$D/ledger.$f"
	cases >"$T/got"
	if diff -u "$T/want" "$T/got" >"$T/diff"; then pass "LibreOffice's .$f stores what its CSV stores"; else
		fail "LibreOffice's .$f stores what its CSV stores"; sed 's/^/#   /' "$T/diff" | head -20; fi
	rm -f "$MINYI_DB"
	org
	run 0 intake --sheet 1 - <"$D/ledger.$f"
	cases >"$T/got"
	if diff -u "$T/want" "$T/got" >"$T/diff"; then pass ".$f from standard input, sheet 1"; else
		fail ".$f from standard input, sheet 1"; sed 's/^/#   /' "$T/diff" | head -20; fi
	run 64 intake --sheet 2 "$D/ledger.$f"
	has "a sheet it does not have" "$T/err" "ledger.$f: no sheet '2' (its sheets: 'ledger')"
done
eq "a date with a time" "$(sql "SELECT datetime(received, 'unixepoch', '+8 hours') FROM cases WHERE ref = 'W1'")" "2026-10-10 10:00:00"
eq "a phone number cell" "$(sql "SELECT phone FROM cases WHERE ref = 'W2'")" 13912345678

# Formulas in a ledger: each cell reads as the value its formula last gave
# (the library that reads an .xls gives such a cell as empty), a community
# merged down reads on every row of the merge.
for f in xls xlsx; do
	rm -f "$MINYI_DB"
	org
	run 0 intake "$D/formulas.$f"
	has ".$f: every row lands" "$T/err" "intake: 4 new, 0 already known, 0 rejected"
	eq ".$f: the formulas' values stored" "$(sql "SELECT c.reporter, c.phone, m.name, c.text,
	  datetime(c.received, 'unixepoch', 'localtime') FROM cases c JOIN units m ON m.id = c.community_id ORDER BY c.id")" "$(cat <<'X'
张三|13500000001|萌山社区居民委员会|楼道灯坏了|2026-11-02 00:00:00
李四|13500000002|萌山社区居民委员会|垃圾没人清运|2026-11-03 00:00:00
王五|13700000003|萌山社区居民委员会|垃圾没人清运，已第二次反映|2026-11-04 00:00:00
赵六|0537-6812345|祥和社区居民委员会|停车难|2026-11-05 00:00:00
X
)"
done

# Every file a tool creates is readable by its owner only, whatever the umask.
rm -f "$MINYI_DB"
(umask 022 && org && intake --rejects "$T/rej.csv" "$D/ledger.xlsx" >/dev/null 2>&1)
eq "the database is 0600" "$(stat -c %a "$MINYI_DB")" 600
eq "the rejects file is 0600" "$(stat -c %a "$T/rej.csv")" 600

done_testing
