#!/bin/sh
# The time forms sheets use beyond the exports' (2026.11.06, 20261106,
# 2026-11-6, 2026年11月3日9时05分, 上午9:05, 下午3点, full-width digits,
# spreadsheet serial numbers, a day with no year, a day with 上午 and no
# hour), read in every format by every reader that takes a time: intake,
# reconcile, resolve --import, callback --import. Now is 2026-11-26.
. tests/t/lib.sh

fresh() { rm -f "$MINYI_DB"; org; }
local_of() { sql "SELECT $1 || ' ' || datetime($2, 'unixepoch', 'localtime') FROM $3 ORDER BY $1"; }

cat >"$T/times.csv" <<'CSV'
ref,channel,received,community,text
T01,visit,2026.11.06,萌山社区,点分日期
T02,visit,20261106,萌山社区,八位日期
T03,visit,2026-11-6 8:05,萌山社区,一位数的日
T04,visit,2026年11月3日9时05分,萌山社区,时分
T05,visit,2026年11月3日9点,萌山社区,整点
T06,visit,2026-11-05 上午9:05,萌山社区,上午
T07,visit,2026-11-05 下午3点,萌山社区,下午
T08,visit,２０２６-１１-０５　０８：３０,萌山社区,全角
T09,visit,46331,萌山社区,序列日期
T10,visit,46331.354166666664,萌山社区,序列日期和时间
T11,visit,11月2日,萌山社区,没有年份
T12,visit,12月30日下午3点,萌山社区,没有年份的未来日子是去年的
T13,visit,2026年11月4日上午,萌山社区,只写上午
CSV
cat >"$T/times.want" <<'X'
T01 2026-11-06 00:00:00
T02 2026-11-06 00:00:00
T03 2026-11-06 08:05:00
T04 2026-11-03 09:05:00
T05 2026-11-03 09:00:00
T06 2026-11-05 09:05:00
T07 2026-11-05 15:00:00
T08 2026-11-05 08:30:00
T09 2026-11-05 00:00:00
T10 2026-11-05 08:30:00
T11 2026-11-02 00:00:00
T12 2025-12-30 15:00:00
T13 2026-11-04 00:00:00
X
fresh
run 0 intake "$T/times.csv"
local_of ref received cases >"$T/got"
same "intake csv: every form is its time" "$T/got" <"$T/times.want"
# JSON: a number is a serial too, a string any form.
printf '[{"ref":"J1","channel":"visit","received":46331.5,"community":"萌山社区","text":"数"},
 {"ref":"J2","channel":"visit","received":"２０２６年１１月５日下午３点","community":"萌山社区","text":"字"}]\n' >"$T/times.json"
fresh
run 0 intake "$T/times.json"
local_of ref received cases >"$T/got"
same "intake json: a number and a full-width Chinese time" "$T/got" <<'X'
J1 2026-11-05 12:00:00
J2 2026-11-05 15:00:00
X
if have_sheets; then
	for f in $sheet_formats; do
		sheet_as "$f" "$T/times.csv" "$T/times.$f.$(sheet_ext "$f")"
		fresh
		run 0 intake "$T/times.$f.$(sheet_ext "$f")"
		local_of ref received cases >"$T/got"
		same "intake $f: every form is its time" "$T/got" <"$T/times.want"
	done
else
	skip "python3-openpyxl or python3-xlwt not installed (make deps)"
fi

# What is no time is refused, with its reason; the rest of the file lands.
cat >"$T/bad.csv" <<'CSV'
ref,channel,received,community,text
B01,visit,2026.02.30,萌山社区,二月三十日
B02,visit,2026年13月1日,萌山社区,十三月
B03,visit,12,萌山社区,一个数
B04,visit,2026-11-05 晚上12点,萌山社区,哪个半夜
B05,visit,2026-11-05 上午9:05,萌山社区,好的
CSV
fresh
run 1 intake "$T/bad.csv"
same "intake: impossible times refused with the reason" "$T/err" <<X
$T/bad.csv:2: impossible date '2026.02.30'
$T/bad.csv:3: impossible date '2026年13月1日'
$T/bad.csv:4: number '12' is not a serial date of the years 2000 to 2099
$T/bad.csv:5: impossible time of day '2026-11-05 晚上12点'
intake: $T/bad.csv: layout minyi
intake: 1 new, 0 already known, 4 rejected
X
eq "intake: only the good row stored" "$(sql "SELECT group_concat(ref) FROM cases")" B05

# reconcile: a 12345 export whose call times are serials and Chinese clocks.
cat >"$T/export.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求内容
H01,46331.625,13800004444,路灯不亮
H02,2026年11月5日下午3时20分,13800005555,井盖松动
H03,２０２６．１１．０５,13800006666,噪音扰民
CSV
cat >"$T/calls.want" <<'X'
H01 2026-11-05 15:00:00
H02 2026-11-05 15:20:00
H03 2026-11-05 00:00:00
X
fresh
run 0 reconcile -q "$T/export.csv"
local_of ticket received hotline >"$T/got"
same "reconcile csv: the call times" "$T/got" <"$T/calls.want"
if have_sheets; then
	sheet_as xlsx "$T/export.csv" "$T/export.xlsx"
	fresh
	run 0 reconcile -q "$T/export.xlsx"
	local_of ticket received hotline >"$T/got"
	same "reconcile xlsx: the call times (a serial as a number cell)" "$T/got" <"$T/calls.want"
else
	skip "python3-openpyxl not installed (make deps)"
fi

# resolve --import and callback --import: their time columns read the same.
fresh
printf 'ref,channel,received,phone,community,text\nS1,visit,2026-11-16 09:00,13912345678,萌山社区,路面破损\n' >"$T/c.csv"
intake --at '2026-11-16 10:00' "$T/c.csv" >/dev/null 2>&1
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
id=$(sql "SELECT id FROM cases WHERE ref = 'S1'")
printf 'id,办理结果,办结时间\n%s,已修补,2026年11月19日下午4点\n' "$id" >"$T/res.csv"
run 0 resolve -q --at '2026-11-20 09:00' --import "$T/res.csv"
local_of id resolved cases >"$T/got"
same "resolve --import: 下午4点 is 16:00" "$T/got" <<X
$id 2026-11-19 16:00:00
X
printf 'id,回访结果,回访人,回访时间\n%s,满意,回访员甲,46347.375\n' "$id" >"$T/calls.csv"
run 0 callback -q --at '2026-11-21 10:00' --import "$T/calls.csv"
local_of case_id at callbacks >"$T/got"
same "callback --import: a serial is the call's time" "$T/got" <<X
$id 2026-11-21 09:00:00
X
printf 'id,回访结果,回访人,回访时间\n%s,满意,回访员甲,2026.11.31\n' "$id" >"$T/calls.csv"
run 1 callback -q --at '2026-11-21 10:00' --import "$T/calls.csv"
has "callback --import: an impossible date refused with its reason" "$T/err" "calls.csv:2: impossible date '2026.11.31'"

done_testing
