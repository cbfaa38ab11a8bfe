#!/bin/sh
# score --bulletin -o xlsx on the ledger of lib.sh (score_ledger): the
# summary sheet with the county's twelve months and its line chart, a sheet
# a line with its ranked table and a column chart, names masked.
. tests/t/lib.sh
# The ledger's 小区书记 and 民情书记 are assessed here as they were before
# score.assessed_roles (0110-score-month.t shows the default): this test
# is about what score prints of the people assessed, not who they are.
echo '{"score": {"assessed_roles": ["包小区干部", "社区工作者", "物业经理", "小区书记", "民情书记"]}}' >"$T/roles.json"
export MINYI_CONFIG="$T/roles.json"

need_openpyxl "read the workbooks back"
score_ledger

# rows FILE SHEET FIRST LAST: the rows of a sheet, values only, a cell's
# number format after it when it is not General.
cat >"$T/rows.py" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]]
for row in ws.iter_rows(min_row=int(sys.argv[3]), max_row=int(sys.argv[4])):
    print(' '.join('%s%s' % (c.value, '' if c.number_format == 'General' else '[' + c.number_format + ']')
                   for c in row))
PY
rows() { /usr/bin/python3 "$T/rows.py" "$@"; }

run 0 score --bulletin -m 2026-10 -o xlsx
cp "$T/out" "$T/b.xlsx"
eq "the sheets: the summary, the units' lines, the people's lines that have any" \
    "$(/usr/bin/python3 -c 'import sys, openpyxl; print(" ".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$T/b.xlsx")" \
    "汇总 社区小区 双报到单位 职能部门 社区小区线个人 双报到单位线个人"
# The county: every case once; September has four cases, the months before none.
rows "$T/b.xlsx" 汇总 1 3 >"$T/got"
rows "$T/b.xlsx" 汇总 11 13 >>"$T/got"
same "the twelve months to October, rates as percentages, blank without cases" "$T/got" <<'X'
月份 受理 办结 超期 办结率 满意率
2025-11 0 0 0 None None
2025-12 0 0 0 None None
2026-08 0 0 0 None None
2026-09 4 3 0 0.75[0.0%] 1[0.0%]
2026-10 27 22 2 0.815[0.0%] 0.952[0.0%]
X
rows "$T/b.xlsx" 社区小区 1 6 >"$T/got"
same "a line's ranked table: numbers as numbers, the month before" "$T/got" <<'X'
排名 单位 搜集 办结 办结率 一次办结率 按时办结率 满意率 超期 漏报 扣分 得分 等级 上月排名 得分环比
1 祥和社区居民委员会 3 3 1[0.0%] 1[0.0%] 1[0.0%] 1[0.0%] 0 0 0 100 优秀 1 48.67
2 祥和苑 3 3 1[0.0%] 1[0.0%] 1[0.0%] 1[0.0%] 0 1 2 98 优秀 — —
2 金城花园 3 3 1[0.0%] 1[0.0%] 1[0.0%] 1[0.0%] 0 1 2 98 优秀 — —
4 萌山社区居民委员会 4 3 0.75[0.0%] 0.5[0.0%] 0.5[0.0%] 0.75[0.0%] 1 1 2 13 不合格 — -87
— 黄岗村委会 1 1 1[0.0%] 1[0.0%] 1[0.0%] 1[0.0%] 0 0 0 100 优秀 — —
X
eq "departments are counted by what they took on" "$(rows "$T/b.xlsx" 职能部门 1 1 | cut -d' ' -f1-3)" "排名 单位 承办"
eq "people's names masked" "$(rows "$T/b.xlsx" 社区小区线个人 2 2 | cut -d' ' -f1-3)" "1 关* 社区工作者"
eq "the header frozen on every sheet" \
    "$(/usr/bin/python3 -c 'import sys, openpyxl; print(set(ws.freeze_panes for ws in openpyxl.load_workbook(sys.argv[1])))' "$T/b.xlsx")" \
    "{'A2'}"

# The charts: one a sheet, each on its own sheet's ranges.
cat >"$T/charts.py" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if re.match(r'xl/charts/chart\d+\.xml$', n))
for n in sorted(names, key=lambda n: int(re.findall(r'\d+', n)[0])):
    x = z.read(n).decode()
    kind = re.search(r'<c:(lineChart|barChart)>', x).group(1)
    print(n, kind, re.search(r'<a:t>([^<]*)</a:t>', x).group(1))
    for f in re.findall(r'<c:f>([^<]*)</c:f>', x):
        print('  ' + f)
# which sheet each drawing belongs to
for n in sorted(z.namelist()):
    if re.match(r'xl/worksheets/_rels/sheet\d+\.xml\.rels$', n):
        print(n.split('/')[-1], ' '.join(re.findall(r'Target="([^"]*drawing[^"]*)"', z.read(n).decode())))
PY
/usr/bin/python3 "$T/charts.py" "$T/b.xlsx" >"$T/got"
same "a line chart of the rates on the summary, a column chart of the scores on each line" "$T/got" <<'X'
xl/charts/chart1.xml lineChart 近十二个月办结率、满意率
  '汇总'!$E$1
  '汇总'!$A$2:$A$13
  '汇总'!$E$2:$E$13
  '汇总'!$F$1
  '汇总'!$A$2:$A$13
  '汇总'!$F$2:$F$13
xl/charts/chart2.xml barChart 社区、小区得分
  '社区小区'!$L$1
  '社区小区'!$B$2:$B$6
  '社区小区'!$L$2:$L$6
xl/charts/chart3.xml barChart “双报到”单位得分
  '双报到单位'!$L$1
  '双报到单位'!$B$2:$B$3
  '双报到单位'!$L$2:$L$3
xl/charts/chart4.xml barChart 职能部门得分
  '职能部门'!$L$1
  '职能部门'!$B$2:$B$3
  '职能部门'!$L$2:$L$3
xl/charts/chart5.xml barChart 社区、小区线个人得分
  '社区小区线个人'!$N$1
  '社区小区线个人'!$B$2:$B$6
  '社区小区线个人'!$N$2:$N$6
xl/charts/chart6.xml barChart “双报到”单位线个人得分
  '双报到单位线个人'!$N$1
  '双报到单位线个人'!$B$2:$B$3
  '双报到单位线个人'!$N$2:$N$3
sheet1.xml.rels ../drawings/drawing1.xml
sheet2.xml.rels ../drawings/drawing2.xml
sheet3.xml.rels ../drawings/drawing3.xml
sheet4.xml.rels ../drawings/drawing4.xml
sheet5.xml.rels ../drawings/drawing5.xml
sheet6.xml.rels ../drawings/drawing6.xml
X
eq "no temporary file, no reveal recorded" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 0

# One line, units only; a line without a row still has its sheet (no chart).
run 0 score --bulletin -m 2026-10 -l department --by unit -o xlsx
cp "$T/out" "$T/d.xlsx"
eq "one line: the summary and its sheet" \
    "$(/usr/bin/python3 -c 'import sys, openpyxl; print(" ".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$T/d.xlsx")" \
    "汇总 职能部门"
run 0 score --bulletin -m 2025-06 -l pairing --by unit -o xlsx
cp "$T/out" "$T/n.xlsx"
eq "a month without cases: the header, no chart but the summary's" \
    "$(/usr/bin/python3 "$T/charts.py" "$T/n.xlsx" | grep -c chart)" 1
eq "its sheet: the header alone" "$(rows "$T/n.xlsx" 双报到单位 1 1 | cut -d' ' -f1-2)" "排名 单位"
eq "its sheet: one row" \
    "$(/usr/bin/python3 -c 'import sys, openpyxl; print(openpyxl.load_workbook(sys.argv[1])["双报到单位"].max_row)' "$T/n.xlsx")" 1

# --reveal: the names in clear, the reveal recorded before the workbook leaves.
run 0 score --bulletin -m 2026-10 -l community --by person --reveal -o xlsx
cp "$T/out" "$T/r.xlsx"
eq "revealed" "$(rows "$T/r.xlsx" 社区小区线个人 2 2 | cut -d' ' -f1-3)" "1 关羽 社区工作者"
eq "the reveal recorded" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" 1

# Only xlsx goes with the bulletin.
run 64 score --bulletin -m 2026-10 -o csv
has "why" "$T/err" "score: the bulletin is a text for reading, or a workbook with -o xlsx: it takes no other -o, nor --bom"
run 64 score --bulletin -m 2026-10 -o xlsx --bom
run 0 score --bulletin -m 2026-10 -o csv -o xlsx
done_testing
