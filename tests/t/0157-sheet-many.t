#!/bin/sh
# A workbook of several sheets of demands (a sheet for each community, or
# for each month): every sheet whose rows hold a header is read, into the
# one batch, its messages naming the sheet; a sheet of notes is not. From
# standard input a workbook cannot be read twice: the sheets not read are
# said and the exit status is 1. reconcile reads a hotline workbook so too,
# and units import a workbook of a sheet of units and a sheet of people.
. tests/t/lib.sh

org
cat >"$T/m.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table><tr><td>社区</td><td>诉求内容</td><td>走访时间</td></tr>
<tr><td>萌山社区</td><td>路灯坏了</td><td>2026-11-02 09:00</td></tr></table>
<table><tr><td>填表说明：每个社区一张表</td></tr></table>
<table><tr><td>社区</td><td>诉求内容</td><td>走访时间</td></tr>
<tr><td>祥和社区</td><td>门禁坏了</td><td>2026-11-02 10:00</td></tr>
<tr><td>祥和社区</td><td></td><td>2026-11-02 11:00</td></tr></table>
</body></html>
HTML
run 1 intake --rejects "$T/rej.csv" "$T/m.html"
has "the first sheet read" "$T/err" "intake: $T/m.html: layout team ledger"
has "the third too, named" "$T/err" "intake: $T/m.html[table 3]: layout team ledger"
has "a row of the third refused with its sheet and line" "$T/err" "$T/m.html[table 3]:3: no demand text"
has "both sheets' demands land" "$T/err" "intake: 2 new, 0 already known, 1 rejected"
eq "each case's community and where it came from" "$(sql "SELECT m.name, json_extract(e.details, '\$.source'), json_extract(e.details, '\$.line')
  FROM cases c JOIN units m ON m.id = c.community_id JOIN events e ON e.case_id = c.id AND e.kind = 'intake' ORDER BY c.id")" \
    "$(printf '萌山社区居民委员会|%s|2\n祥和社区居民委员会|%s|2' "$T/m.html" "$T/m.html[table 3]")"
eq "one batch for the file" "$(sql "SELECT count(*), max(added), max(rejected) FROM imports")" "1|2|1"
run 1 intake "$T/m.html"
has "read again: all known, the bad row refused again" "$T/err" "intake: 0 new, 2 already known, 1 rejected"
# A sheet asked for by --sheet is the only one read.
run 1 intake --dry-run --sheet 'table 3' "$T/m.html"
has "--sheet: that sheet alone" "$T/err" "intake: (dry run) 0 new, 1 already known, 1 rejected"
# From standard input: the first sheet read, the other said.
run 1 intake --dry-run - <"$T/m.html"
has "stdin: the other sheet said" "$T/err" "(stdin): sheet 'table 3' has demands too and is not read from standard input: give the file's path, or --sheet"
has "stdin: counted, exit 1" "$T/err" "intake: (dry run) 0 new, 1 already known, 1 rejected"

# reconcile: a hotline export of two sheets (one per month) is read whole.
hotline_ledger
intake "$T/c.csv" >/dev/null 2>&1
{
	echo '<html><head><meta charset="utf-8"></head><body>'
	for part in '2,4' '5,8'; do
		echo '<table>'
		sed -n "1p;${part}p" "$T/h.csv" | grep -v '^[^G工]' | sed 's/,/<\/td><td>/g; s/^/<tr><td>/; s/$/<\/td><\/tr>/'
		echo '</table>'
	done
	echo '</body></html>'
} >"$T/h.html"
run 0 reconcile --dry-run "$T/h.html"
has "reconcile: the second sheet named" "$T/err" "reconcile: $T/h.html[table 2]: layout hotline12345"
eq "reconcile: the tickets of both sheets" "$(grep -o 'G00[0-9]' "$T/out" | sort -u | tr '\n' ' ')" \
    "$(sed -n '2,8p' "$T/h.csv" | grep -o '^G00[0-9]' | sort -u | tr '\n' ' ')"

# units import: a sheet of units, then a sheet of their people.
cat >"$T/org.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table><tr><td>code</td><td>name</td><td>kind</td><td>parent</td></tr>
<tr><td>370829001098</td><td>新华社区</td><td>community</td><td>370829001</td></tr></table>
<table><tr><td>name</td><td>unit</td><td>role</td><td>phone</td></tr>
<tr><td>蒋九</td><td>370829001098</td><td>社区工作者</td><td>13512340098</td></tr></table>
</body></html>
HTML
run 0 units import "$T/org.html"
eq "units import: the unit and its person, from two sheets" "$(sql "SELECT u.name, p.name FROM people p JOIN units u ON u.id = p.unit_id
  WHERE u.code = '370829001098'")" "新华社区|蒋九"
eq "units import: an import event for each sheet, with its own counts" "$(sql "SELECT json_extract(details, '\$.what'),
  json_extract(details, '\$.source'), json_extract(details, '\$.added') FROM events WHERE kind = 'units-import' ORDER BY id DESC LIMIT 2")" \
    "$(printf 'people|%s|1\nunits|%s|1' "$T/org.html[table 2]" "$T/org.html")"
run 1 units -q import - <"$T/org.html"
has "units from standard input: the sheet not read is said, even under -q" "$T/err" "(stdin): sheet 'table 2' has demands too and is not read"

# resolve --import keeps to one sheet: another with a header is said, and
# counted as rejected.
cat >"$T/rs.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table><tr><td>id</td><td>办理结果</td></tr><tr><td>1</td><td>已修好</td></tr></table>
<table><tr><td>id</td><td>办理结果</td></tr><tr><td>2</td><td>已修好</td></tr></table>
</body></html>
HTML
run 1 resolve --import "$T/rs.html"
has "resolve: the other sheet said" "$T/err" "$T/rs.html: sheet 'table 2' has rows too and is not read: --sheet 'table 2' reads it"

# The workbook cannot be opened again for its second sheet (removed, or a
# disk that fails, between the two reads; tests/shim/failopen.c): the run
# stops with the error, and neither sheet's demands are stored.
cat >"$T/two.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table><tr><td>社区</td><td>诉求内容</td><td>走访时间</td></tr>
<tr><td>萌山社区</td><td>井盖松了</td><td>2026-11-03 09:00</td></tr></table>
<table><tr><td>社区</td><td>诉求内容</td><td>走访时间</td></tr>
<tr><td>祥和社区</td><td>水管漏了</td><td>2026-11-03 10:00</td></tr></table>
</body></html>
HTML
n=$(sql 'SELECT count(*) FROM cases')
FAILOPEN_PATH=/two.html FAILOPEN_AT=2 LD_PRELOAD=$MINYI_BUILD/tests/failopen.so \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" run 66 intake "$T/two.html"
has "the second open's failure is said" "$T/err" "intake: cannot open '$T/two.html': Input/output error"
eq "nothing of the workbook is stored" "$(sql 'SELECT count(*) FROM cases')" "$n"
run 0 intake "$T/two.html"
eq "read whole, both sheets land" "$(sql 'SELECT count(*) FROM cases')" "$((n + 2))"
done_testing
