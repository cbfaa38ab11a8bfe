#!/bin/sh
# Workbooks a spreadsheet program saved (tests/data/sheets/README): each
# stores what its CSV stores; a sheet is picked by --sheet; stdin works too.
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

# Every file a tool creates is readable by its owner only, whatever the umask.
rm -f "$MINYI_DB"
(umask 022 && org && intake --rejects "$T/rej.csv" "$D/ledger.xlsx" >/dev/null 2>&1)
eq "the database is 0600" "$(stat -c %a "$MINYI_DB")" 600
eq "the rejects file is 0600" "$(stat -c %a "$T/rej.csv")" 600

done_testing
