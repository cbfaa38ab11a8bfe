#!/bin/sh
# Workbooks read directly: one fixture in every format (xlsx with shared and
# inline strings, xls, SpreadsheetML, HTML) through every tool that reads
# sheets stores exactly what its CSV stores.
. tests/t/lib.sh

if ! have_sheets; then
	echo "1..0 # SKIP python3-openpyxl or python3-xlwt not installed (make deps)"
	exit 0
fi

hotline_ledger
fresh() { rm -f "$MINYI_DB"; org; }
cases() { sql "SELECT channel, ref, received, reporter, phone, address, street_id, community_id, estate_id, category, text,
    collector_id, unit_id FROM cases ORDER BY id"; }

# The team ledger: intake.
fresh
intake "$T/c.csv" >/dev/null 2>&1
cases >"$T/want.cases"
for f in $sheet_formats; do
	sheet_as "$f" "$T/c.csv" "$T/c.$f.$(sheet_ext "$f")"
	fresh
	run 0 intake "$T/c.$f.$(sheet_ext "$f")"
	cases >"$T/got"
	if diff -u "$T/want.cases" "$T/got" >"$T/diff"; then pass "intake $f: stored as from CSV"; else
		fail "intake $f: stored as from CSV"; sed 's/^/#   /' "$T/diff" | head -20; fi
done
fresh
intake "$T/c.xlsx.xlsx" >/dev/null 2>&1
eq "a phone stored as a number comes out whole" "$(sql "SELECT phone FROM cases WHERE ref = 'T2'")" 13912345678
eq "a date cell is the time received" "$(sql "SELECT datetime(received, 'unixepoch', '+8 hours') FROM cases WHERE ref = 'T1'")" \
    "2026-10-10 10:00:00"

# The gazetteer: units import (codes and phones are number cells).
units_dump() { sql "SELECT code, name, kind, parent_id, contact, phone FROM units ORDER BY code"; sql "SELECT * FROM people ORDER BY name"; }
rm -f "$MINYI_DB"
units import "$T/units.csv" "$T/people.csv" >/dev/null 2>&1
units_dump >"$T/want.units"
for f in $sheet_formats; do
	e=$(sheet_ext "$f")
	sheet_as "$f" "$T/units.csv" "$T/u.$f.$e"
	sheet_as "$f" "$T/people.csv" "$T/p.$f.$e"
	rm -f "$MINYI_DB"
	run 0 units import "$T/u.$f.$e" "$T/p.$f.$e"
	units_dump >"$T/got"
	if diff -u "$T/want.units" "$T/got" >"$T/diff"; then pass "units import $f: as from CSV"; else
		fail "units import $f: as from CSV"; sed 's/^/#   /' "$T/diff" | head -20; fi
done

# A unit's answers (resolve --import) and the callers' sheet (callback --import).
cat >"$T/res.csv" <<'CSV'
编号,办理结果,办结时间,办理单位
T1,已协调环卫公司清运,2026-10-19 16:00,萌山社区
T2,已通知物业清理通道,2026-10-20,
CSV
cat >"$T/cb.csv" <<'CSV'
ref,outcome,note,caller,time
T1,满意,很满意,回访员甲,2026-10-25 09:10
T2,不满意,车还在,回访员乙,2026-10-25 09:20
CSV
flow() { sql "SELECT id, status, resolved, closed, reopens FROM cases ORDER BY id";
	sql "SELECT case_id, kind, at, json_extract(details, '\$.note'), json_extract(details, '\$.outcome') FROM events
	    WHERE kind NOT IN ('intake') ORDER BY id"; sql "SELECT case_id, at, outcome, note, operator FROM callbacks ORDER BY id"; }
fresh
intake "$T/c.csv" >/dev/null 2>&1
route --at '2026-10-19 09:00' --pending >/dev/null 2>&1
resolve --at '2026-10-21 09:00' --import "$T/res.csv" >/dev/null 2>&1
callback --at '2026-10-26 09:00' --import "$T/cb.csv" >/dev/null 2>&1
flow >"$T/want.flow"
eq "the CSV sheets resolved and called back" "$(sql "SELECT group_concat(status, ' ') FROM cases WHERE ref IN ('T1', 'T2')")" "closed open"
for f in $sheet_formats; do
	e=$(sheet_ext "$f")
	sheet_as "$f" "$T/res.csv" "$T/res.$f.$e"
	sheet_as "$f" "$T/cb.csv" "$T/cb.$f.$e"
	fresh
	intake "$T/c.csv" >/dev/null 2>&1
	route --at '2026-10-19 09:00' --pending >/dev/null 2>&1
	run 0 resolve --at '2026-10-21 09:00' --import "$T/res.$f.$e"
	run 0 callback --at '2026-10-26 09:00' --import "$T/cb.$f.$e"
	flow >"$T/got"
	if diff -u "$T/want.flow" "$T/got" >"$T/diff"; then pass "resolve and callback --import $f: as from CSV"; else
		fail "resolve and callback --import $f: as from CSV"; sed 's/^/#   /' "$T/diff" | head -20; fi
done

# The 12345 platform's export: reconcile.
hot() { sql "SELECT ticket, received, phone, reporter, address, street_id, community_id, category, text, outcome, case_id FROM hotline
    ORDER BY ticket"; }
fresh
intake "$T/c.csv" >/dev/null 2>&1
reconcile "$T/h.csv" >/dev/null 2>&1
hot >"$T/want.hot"
for f in $sheet_formats; do
	e=$(sheet_ext "$f")
	sheet_as "$f" "$T/h.csv" "$T/h.$f.$e"
	fresh
	intake "$T/c.csv" >/dev/null 2>&1
	run 1 reconcile "$T/h.$f.$e"
	hot >"$T/got"
	if diff -u "$T/want.hot" "$T/got" >"$T/diff"; then pass "reconcile $f: as from CSV"; else
		fail "reconcile $f: as from CSV"; sed 's/^/#   /' "$T/diff" | head -20; fi
done

done_testing
