#!/bin/sh
# The rejects file is written in the input's encoding: GB18030 in, GB18030
# out; a workbook in, CSV in UTF-8 with a BOM; with --bom, UTF-8 with a BOM.
. tests/t/lib.sh

org
{
	printf 'ref,received,text,community\n'
	printf 'R1,2026-11-05 09:00,暖气不热,萌山社区\n'
	printf 'R2,2026-13-45 09:00,日期写错了,萌山社区\n'
} >"$T/utf8.csv"
iconv -f UTF-8 -t GB18030 "$T/utf8.csv" >"$T/gb.csv"

run 1 intake --rejects "$T/rej-gb.csv" "$T/gb.csv"
eq "GB18030 in: the rejects are GB18030" "$(iconv -f GB18030 -t UTF-8 "$T/rej-gb.csv" | tail -1 | tr -d '\r' | cut -d, -f4-)" \
    "R2,2026-13-45 09:00,日期写错了,萌山社区"
if iconv -f UTF-8 -t UTF-8 "$T/rej-gb.csv" >/dev/null 2>&1; then fail "and not UTF-8"; else pass "and not UTF-8"; fi

run 1 intake --bom --rejects "$T/rej-bom.csv" "$T/gb.csv"
eq "--bom: UTF-8 with a BOM whatever came in" "$(head -c 3 "$T/rej-bom.csv" | od -An -tx1 | tr -d ' ')" efbbbf
eq "the text as written" "$(tail -1 "$T/rej-bom.csv" | tr -d '\r' | cut -d, -f6)" "日期写错了"

run 1 intake --rejects "$T/rej-utf8.csv" "$T/utf8.csv"
eq "UTF-8 in: UTF-8 out, no BOM" "$(head -c 4 "$T/rej-utf8.csv")" "file"

if have_sheets; then
	sheet_as xlsx "$T/utf8.csv" "$T/in.xlsx"
	run 1 intake --rejects "$T/rej-xlsx.csv" "$T/in.xlsx"
	eq "a workbook in: UTF-8 with a BOM" "$(head -c 3 "$T/rej-xlsx.csv" | od -An -tx1 | tr -d ' ')" efbbbf
	has "the row as read" "$T/rej-xlsx.csv" "R2,2026-13-45 09:00,日期写错了,萌山社区"
else
	skip "python3-openpyxl not installed (make deps)"
	skip "python3-openpyxl not installed (make deps)"
	skip "python3-openpyxl not installed (make deps)"
fi

done_testing
