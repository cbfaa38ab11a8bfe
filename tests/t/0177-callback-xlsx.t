#!/bin/sh
# callback --due -o xlsx, going on from the outcomes of 0080 (callback_outcomes):
# the callers' sheet as a workbook, its outcome column a list of the four
# outcomes, filled in with openpyxl and read back by --import.
. tests/t/lib.sh

need_openpyxl "fill the workbook in"
callback_ledger
callback_outcomes
cat >"$T/d.csv" <<'CSV'
ref,channel,received,reporter,phone,community,category,text
D1,visit,2026-11-16 09:00,郑一,13300005555,萌山社区,垃圾清运,垃圾站异味
D2,visit,2026-11-16 09:00,冯二,13300006666,萌山社区,垃圾清运,=1+1
D3,visit,2026-11-16 09:00,陈三,13300007777,祥和社区,停车管理,电动车乱停
CSV
intake --at '2026-11-16 10:00' "$T/d.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
resolve --at '2026-11-23 10:00' --note "已处理" 8 9 10 >/dev/null 2>&1

run 0 callback --at '2026-11-25 09:00' --due -o xlsx
cp "$T/out" "$T/w.xlsx"
cat >"$T/look.py" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
head = [c.value for c in ws[1]]
print(ws.freeze_panes, ' '.join(head[14:]))
for dv in ws.data_validations.dataValidation:
    print(dv.type, dv.sqref, dv.formula1, dv.showErrorMessage)
for row in ws.iter_rows(min_row=2):
    c = dict(zip(head, row))
    print(c['id'].value, c['id'].data_type, c['resolved'].is_date, c['resolved'].number_format,
          c['phone'].value, c['reporter'].value, repr(c['text'].value), c['text'].data_type)
PY
/usr/bin/python3 "$T/look.py" "$T/w.xlsx" >"$T/got"
same "the sheet: ids text, times dates, phones masked, the outcome a list" "$T/got" <<'X'
A2 outcome note caller time
list O2:O5 "满意,基本满意,不满意,未接通" True
5 s True yyyy-mm-dd hh:mm:ss 135****3333 周* '草坪被踩坏' s
8 s True yyyy-mm-dd hh:mm:ss 133****5555 郑* '垃圾站异味' s
9 s True yyyy-mm-dd hh:mm:ss 133****6666 冯* '=1+1' s
10 s True yyyy-mm-dd hh:mm:ss 133****7777 陈* '电动车乱停' s
X

# The callers fill it in as Excel would: outcomes from the list, a time as a
# date cell or as text; one row left for tomorrow.
cat >"$T/fill.py" <<'PY'
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
head = [c.value for c in ws[1]]
fill = {'5': ('满意', '', '回访员甲', datetime.datetime(2026, 11, 25, 9, 10)),
        '8': ('不满意', '垃圾还是没清', '回访员甲', '2026-11-25 09:20'),
        '9': ('未接通', '', '回访员乙', datetime.datetime(2026, 11, 25, 9, 30))}
for row in ws.iter_rows(min_row=2):
    f = fill.get(row[0].value)
    if f:
        for k, v in zip(('outcome', 'note', 'caller', 'time'), f):
            row[head.index(k)].value = v or None
wb.save(sys.argv[2])
PY
/usr/bin/python3 "$T/fill.py" "$T/w.xlsx" "$T/filled.xlsx"
run 0 callback --at '2026-11-25 12:00' --import "$T/filled.xlsx"
filled_outcomes "read back: closed, reopened, unreachable"
has "summary" "$T/err" "callback: 3 recorded (1 satisfied, 0 basic, 1 dissatisfied, 1 unreachable): 1 closed, 1 reopened, \
0 left for review; 0 already recorded, 1 not called yet, 0 rejected"
eq "the statuses stored" "$(sql "SELECT group_concat(id || ':' || status, ' ') FROM cases WHERE id IN (5, 8, 9, 10)")" \
    "5:closed 8:open 9:resolved 10:resolved"
eq "the callers and times kept" "$(sql "SELECT group_concat(case_id || '|' || operator || '|' ||
    datetime(at, 'unixepoch', 'localtime'), ' ') FROM callbacks WHERE case_id IN (5, 8, 9)")" \
    "5|回访员甲|2026-11-25 09:10:00 8|回访员甲|2026-11-25 09:20:00 9|回访员乙|2026-11-25 09:30:00"
run 0 callback --at '2026-11-25 13:00' --import "$T/filled.xlsx"
has "the same workbook again adds nothing" "$T/err" "callback: 0 recorded (0 satisfied, 0 basic, 0 dissatisfied, 0 unreachable)"

# The review list has no outcome column, so no list.
run 0 callback --at '2026-11-25 13:00' --review -o xlsx
cp "$T/out" "$T/r.xlsx"
eq "the review list: no validation" \
    "$(/usr/bin/python3 -c 'import sys, openpyxl; print(len(openpyxl.load_workbook(sys.argv[1]).active.data_validations.dataValidation))' "$T/r.xlsx")" 0
done_testing
