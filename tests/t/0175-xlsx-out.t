#!/bin/sh
# -o xlsx: a workbook opened back with openpyxl; its cells typed (ids,
# tickets and phones text, times dates, numbers numbers), the header frozen,
# widths from content, masking as in every format, a formula never made;
# refused on a terminal; to a pipe; write errors; no temporary file left.
. tests/t/lib.sh

need_openpyxl "read the workbooks back"
org
cat >"$T/d.csv" <<'CSV'
ref,channel,received,reporter,phone,community,category,text
370829202611160001,visit,2026-11-16 09:05,郑一,8613900001234,萌山社区,垃圾清运,=1+1
R2,visit,2026-11-17 10:00,冯二,13300006666,祥和社区,停车管理,+86 13300006666 打过电话
R3,hall,2026-11-18 11:30,陈三,13300007777,祥和社区,停车管理,@sum 电动车乱停
CSV
run 0 intake --at '2026-11-18 12:00' "$T/d.csv"
route --at '2026-11-18 13:00' --pending >/dev/null 2>&1

# dump FILE: each sheet's title and frozen cell, then each cell of the named
# columns as value|type|number format, a row a line.
cat >"$T/dump.py" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
want = sys.argv[2].split(',')
for ws in wb:
    print(ws.title, ws.freeze_panes, ws.max_row, ws.max_column)
    head = [c.value for c in ws[1]]
    print('|'.join(str(h) for h in head if h in want))
    for row in ws.iter_rows(min_row=2):
        out = []
        for c in row:
            if head[c.column - 1] in want:
                v = c.value.strftime('%Y-%m-%d %H:%M:%S') if c.is_date else c.value
                out.append('%s:%s:%s' % (v, c.data_type, c.number_format))
        print(' '.join(out))
PY
dump() { /usr/bin/python3 "$T/dump.py" "$@"; }

run 0 ledger -o xlsx
cp "$T/out" "$T/l.xlsx"
dump "$T/l.xlsx" id,ref,received,due,reopens,reporter,phone,text >"$T/got"
same "typed cells, masked, the header frozen" "$T/got" <<X
Sheet1 A2 4 22
id|ref|received|due|reopens|reporter|phone|text
1:s:General 370829202611160001:s:General 2026-11-16 09:05:00:d:yyyy-mm-dd hh:mm:ss 2026-11-25 23:59:59:d:yyyy-mm-dd hh:mm:ss \
0:n:General 郑*:s:General 139****1234:s:General =1+1:s:General
2:s:General R2:s:General 2026-11-17 10:00:00:d:yyyy-mm-dd hh:mm:ss 2026-11-25 23:59:59:d:yyyy-mm-dd hh:mm:ss \
0:n:General 冯*:s:General 133****6666:s:General +86 133****6666 打过电话:s:General
3:s:General R3:s:General 2026-11-18 11:30:00:d:yyyy-mm-dd hh:mm:ss 2026-11-25 23:59:59:d:yyyy-mm-dd hh:mm:ss \
0:n:General 陈*:s:General 133****7777:s:General @sum 电动车乱停:s:General
X
cat >"$T/raw.py" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(sum(n.startswith('xl/worksheets/') and '<f>' in z.read(n).decode() for n in z.namelist()))
PY
eq "no cell is a formula" "$(/usr/bin/python3 "$T/raw.py" "$T/l.xlsx")" 0
cat >"$T/width.py" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(' '.join('%s=%d' % (ws.cell(1, i).value, ws.column_dimensions[ws.cell(1, i).column_letter].width)
               for i in range(1, ws.max_column + 1) if ws.cell(1, i).value in ('id', 'ref', 'community', 'received')))
PY
# 萌山社区居民委员会 is 9 characters, 18 columns wide; two of margin.
eq "widths from content, Chinese counted double" "$(/usr/bin/python3 "$T/width.py" "$T/l.xlsx")" \
    "id=8 ref=20 received=21 community=20"

# --reveal: the phone in clear, and still text, never 1.39E+10.
run 0 ledger --reveal -o xlsx
cp "$T/out" "$T/r.xlsx"
dump "$T/r.xlsx" phone,reporter >"$T/got"
same "revealed, and text" "$T/got" <<'X'
Sheet1 A2 4 22
reporter|phone
郑一:s:General 13900001234:s:General
冯二:s:General 13300006666:s:General
陈三:s:General 13300007777:s:General
X
eq "the reveal recorded, a case each" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 3

# Numbers in a grouping; JSON still has the id as a number.
run 0 ledger --by community -o xlsx
cp "$T/out" "$T/c.xlsx"
dump "$T/c.xlsx" community,count >"$T/got"
same "counts as numbers" "$T/got" <<'X'
Sheet1 A2 3 2
community|count
祥和社区居民委员会:s:General 2:n:General
萌山社区居民委员会:s:General 1:n:General
X
run 0 ledger -o ndjson --limit 1
has "json unchanged: the id a number" "$T/out" '{"id":1,'

# A case's history: the case and its events, a sheet each, in one workbook
# (case 2 is routed: its rule and sign limit are two rows of its sheet).
run 0 ledger show 2 -o xlsx
cp "$T/out" "$T/s.xlsx"
cat >"$T/sheets.py" <<'PY'
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1]):
    print(ws.title, ws.max_row, ' '.join(str(c.value) for c in ws[1]), ws.cell(2, 1).value, ws.cell(2, 2).data_type)
PY
/usr/bin/python3 "$T/sheets.py" "$T/s.xlsx" >"$T/got"
same "ledger show: two sheets" "$T/got" <<'X'
case 33 field value id s
events 4 event at operator kind details 4 d
X

# To a pipe: the same workbook.
{ ledger -o xlsx; echo $? >"$T/rc"; } | cat >"$T/p.xlsx"
eq "to a pipe: exit 0" "$(cat "$T/rc")" 0
eq "to a pipe: the workbook whole" "$(dump "$T/p.xlsx" id,text | tail -1)" "3:s:General @sum 电动车乱停:s:General"

# Not to a terminal: refused before anything is read.
if command -v script >/dev/null 2>&1; then
	script -qec "ledger -o xlsx; echo rc=\$?" /dev/null >"$T/tty" 2>&1
	has "a terminal: 64" "$T/tty" "rc=64"
	has "a terminal: what to do" "$T/tty" "ledger: -o xlsx writes a workbook, not text for a terminal: redirect it to a file (> file.xlsx)"
else
	skip "script(1) is needed to give a run a terminal"
	skip "script(1) is needed to give a run a terminal"
fi

# The temporary file is gone, whatever happens; errors are 74.
mkdir "$T/tmp"
TMPDIR=$T/tmp run 0 ledger -o xlsx
eq "no temporary file left" "$(ls -A "$T/tmp")" ""
case $MINYI_BUILD in
*/valgrind)	# valgrind itself needs TMPDIR to start the tool
	skip "no temporary directory: valgrind cannot start without one" ;;
*)	TMPDIR=$T/none run 74 ledger -o xlsx
	has "no temporary directory: why" "$T/err" "ledger: cannot make a temporary file for the workbook: No such file or directory" ;;
esac
if [ -w /dev/full ]; then
	ledger -o xlsx >/dev/full 2>"$T/err"
	eq "a full disk: 74" "$?" 74
	has "a full disk: why" "$T/err" "ledger: write error: No space left on device"
else
	skip "no /dev/full"
	skip "no /dev/full"
fi

# An empty result is a workbook with its header.
run 0 ledger --status void -o xlsx
cp "$T/out" "$T/e.xlsx"
eq "an empty listing: the header alone" "$(dump "$T/e.xlsx" id | head -2 | tr '\n' ' ')" "Sheet1 A2 1 22 id "
run 64 ledger -o xls
has "the formats named" "$T/err" "unknown output format 'xls' (expected tsv, csv, json, ndjson, table or xlsx)"
done_testing
