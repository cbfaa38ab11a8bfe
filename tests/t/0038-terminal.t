#!/bin/sh
# Terminal injection: escape sequences, C1 controls and bidirectional
# overrides in imported values reach every output a person reads (tsv,
# table, ledger show, the explanations, the bulletin, standard error) shown
# as text (\x1b, \u009b, \u202e), never raw; -o json gives back the bytes
# stored, with its own escapes.
. tests/t/lib.sh

org
E=$(printf '\033') BEL=$(printf '\007') C1=$(printf '\302\233') RLO=$(printf '\342\200\256')
# Clear the screen, set the window title, a hidden link, ask where the
# cursor is (the answer lands on the reader's input), CSI as one C1 code
# point, and a name read right to left.
TEXT="清屏${E}[2J标题${E}]0;pwned${BEL}链接${E}]8;;http://evil.example/${E}\\点我${E}]8;;${E}\\"
TEXT="${TEXT}查询${E}[6n红${C1}31m字${RLO}gpj.exe"
{
	echo "ref,received,reporter,phone,address,community,text"
	echo "T1,2026-11-05 09:00,${E}[2J张三,13912345678,祥和苑${RLO}3号楼${C1}2J,萌山社区,$TEXT"
	echo "T2,2026-11-05 09:00,李四,13912345679,,${E}]0;title${BEL}不存在社区,社区不认识"
	echo "T3,2026-11-05 09:00,王五,139${E}[6n,,萌山社区,电话坏了"
} >"$T/inj.csv"

# clean NAME FILE: FILE holds no C0 control but tab and newline, no DEL,
# no C1 control and no bidirectional control.
clean() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2" ||
	    LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2" ||
	    LC_ALL=C grep -q "$(printf '\342\200[\252-\256]\\|\342\201[\246-\251]')" "$2"; then
		fail "$1"
		LC_ALL=C sed -n l "$2" | head -10 | sed 's/^/#   /'
	else
		pass "$1"
	fi
}
# shown NAME FILE: clean, and what each attack became is there to read.
shown() {
	clean "$1: nothing raw" "$2"
	has "$1: the escape sequences shown" "$2" '清屏\x1b[2J标题\x1b]0;pwned\x07链接\x1b]8;;http://evil.example/\x1b\点我'
	has "$1: the C1 control and the override shown" "$2" '查询\x1b[6n红\u009b31m字\u202egpj.exe'
}

run 0 intake "$T/inj.csv"
clean "intake: standard error" "$T/err"
has "intake: the unknown community quoted, escaped" "$T/err" "unknown community '\\x1b]0;title\\x07不存在社区'"
run 64 ledger --community "x${E}[2J"
clean "an unknown filter value: standard error" "$T/err"
has "an unknown filter value: quoted, escaped" "$T/err" "ledger: unknown community 'x\\x1b[2J'"

run 0 ledger
shown "tsv" "$T/out"
has "tsv: a masked name that starts with ESC" "$T/out" '	\x1b*****	139****5678	'
run 0 ledger -o table
shown "table" "$T/out"
run 0 ledger show 1
shown "show" "$T/out"
has "show: the address" "$T/out" '祥和苑\u202e3号楼\u009b2J'
run 0 ledger --reveal show 1
has "show --reveal: the name in clear, escaped" "$T/out" 'reporter	\x1b[2J张三'
run 0 route --explain 1
shown "route --explain" "$T/out"

# json: the stored bytes come back, the terminal's controls as \u escapes.
run 0 ledger -o json
clean "json: nothing raw" "$T/out"
eq "json: the text as stored" "$(sqlite3 -batch :memory: "SELECT hex(json_extract(value, '$.text'))
    FROM json_each(readfile('$T/out')) WHERE json_extract(value, '$.ref') = 'T1'")" \
    "$(sql "SELECT hex(text) FROM cases WHERE ref = 'T1'")"
run 0 ledger -o json show 1
clean "show json: nothing raw" "$T/out"
eq "show json: the address as stored" "$(sqlite3 -batch :memory: "SELECT hex(json_extract(readfile('$T/out'),
    '$.case.address'))")" "$(sql "SELECT hex(address) FROM cases WHERE ref = 'T1'")"
eq "stored as given" "$(sql "SELECT text FROM cases WHERE ref = 'T1'")" "$TEXT"

# The bulletin: the county in its title, a unit in its table.
cat >"$T/u2.csv" <<CSV
code,name,kind,parent,contact,phone
370829,嘉祥县${E}]0;county${BEL},county,,,
370829001010,萌山${C1}2J社区${RLO},community,370829001,张丽,13800000004
CSV
run 0 units import "$T/u2.csv"
printf 'ref,received,community,unit,text\nT9,2026-11-06 09:00,萌山社区,370829001010,路灯坏了\n' >"$T/c2.csv"
run 0 intake "$T/c2.csv"
MINYI_NOW='2026-12-26 09:00' run 0 score --bulletin -m 2026-11
clean "bulletin: nothing raw" "$T/out"
has "bulletin: the county escaped" "$T/out" '嘉祥县\x1b]0;county\x07民意诉求办理情况通报'
has "bulletin: the unit escaped" "$T/out" '萌山\u009b2J社区\u202e'

# reconcile --explain: a hotline record's text and address.
{
	echo "工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容"
	echo "G1,2026-11-05 10:00:00,13912345678,张三,祥和苑${E}[2J3号楼,嘉祥镇街道,萌山社区,其他,$TEXT"
} >"$T/h.csv"
run 0 reconcile "$T/h.csv"
run 0 reconcile --explain G1
shown "reconcile --explain" "$T/out"
has "reconcile --explain: the address" "$T/out" '祥和苑\x1b[2J3号楼'
done_testing
