# lib.sh - sourced by the shell tests: a fresh database, TAP helpers, and the
# ledgers that the tests of one tool, split across files, start from.
# Every tool run is checked for its exit status; output is compared with diff -u.
# Long lines of data and of expected output are cut: in a heredoc left
# unquoted (its text holds no $, ` or \), a line ending in \ goes on in the
# next; in a quoted string, likewise.
set -u
: "${MINYI_BUILD:=build}"
case $MINYI_BUILD in /*) ;; *) MINYI_BUILD=$(pwd)/$MINYI_BUILD ;; esac
TOP=$(pwd)
BIN=$MINYI_BUILD/bin
PATH=$BIN:$PATH
: "${MINYI_SHARED:=$TOP/../shared/data}"
T=$(mktemp -d "${TMPDIR:-/tmp}/minyi-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export MINYI_DB=$T/minyi.db TZ=Asia/Shanghai MINYI_OPERATOR=tester MINYI_NOW='2026-11-26 09:00'
unset MINYI_CONFIG
# Messages in English whatever the caller's locale (the tools' and the C
# library's): the tests compare them. 0172-zh.t sets its own.
unset LANGUAGE LC_ALL
export LC_MESSAGES=C
tap_n=0
tap_fail=0

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() { tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1)); echo "not ok $tap_n - $1"; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $1"; }
done_testing() { echo "1..$tap_n"; [ "$tap_fail" -eq 0 ]; }

# run WANT_STATUS CMD...: runs CMD with stdout in $T/out and stderr in $T/err;
# one test point for the exit status.
run() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass "exit $want: $*"
	else
		fail "exit $want: $* (got $got)"
		sed 's/^/#   stderr: /' "$T/err" | head -20
	fi
}

# same NAME FILE: compares FILE with the expected text on standard input.
same() {
	cat >"$T/want"
	if diff -u "$T/want" "$2" >"$T/diff"; then
		pass "$1"
	else
		fail "$1"
		sed 's/^/#   /' "$T/diff" | head -40
	fi
}

# has NAME FILE PATTERN: FILE contains a line matching the fixed string.
has() {
	if grep -qF -- "$3" "$2"; then pass "$1"; else
		fail "$1"
		echo "#   '$3' not found in:"
		sed 's/^/#   /' "$2" | head -20
	fi
}

# eq NAME GOT WANT: false when they differ
eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1"
		echo "#   got '$2', want '$3'"
		return 1
	fi
}

sql() { sqlite3 -batch -noheader "$MINYI_DB" "$@"; }

# train_set FILE: 90 labelled messages, 30 each of three labels (垃圾清运,
# 供暖, 噪音扰民), for route --train.
train_set() {
	awk 'BEGIN { print "text,label";
		for (i = 0; i < 30; i++) {
			print "楼道里垃圾堆着没人清运第" i "天,垃圾清运"
			print "暖气不热家里很冷第" i "天,供暖"
			print "半夜有人大声喧哗吵得睡不着" i ",噪音扰民"
		} }' >"$1"
}

# A small organisation: county, centre, two streets, communities, estates, people.
org() {
	cat >"$T/units.csv" <<'CSV'
code,name,kind,parent,contact,phone
370829,嘉祥县,county,,,
370829C01,嘉祥县社会治理服务中心,centre,370829,王明,13800000001
370829001,嘉祥镇街道,street,370829,李华,13800000002
370829002,卧龙山街道,street,370829,赵强,13800000003
370829001010,萌山社区居民委员会,community,370829001,张丽,13800000004
370829001013,祥和社区居民委员会,community,370829001,刘洋,13800000005
370829002200,黄岗村委会,community,370829002,孙伟,13800000006
370829001010-E01,祥和苑,estate,370829001010,,
370829001010-E02,金城花园,estate,370829001010,,
370829001013-E01,书香名邸,estate,370829001013,,
D01,县住房和城乡建设局,department,370829,陈静,13800000007
P01,县财政局,pairing,370829,周敏,13800000008
CSV
	cat >"$T/people.csv" <<'CSV'
name,phone,unit,role,covers
马超,13900000001,370829001,包小区干部,370829001010-E01;金城花园
黄忠,13900000002,370829001,包小区干部,书香名邸
许褚,13900000003,370829001010,社区工作者,
典韦,13900000004,P01,民情书记,
CSV
	units import "$T/units.csv" "$T/people.csv" >/dev/null 2>&1
}

# need_openpyxl WHY: skips the whole test, for WHY, when python3-openpyxl
# (which `make deps` installs) is missing.
need_openpyxl() {
	if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
		skip "python3-openpyxl is needed to $1"
		done_testing
		exit
	fi
}

# history_is GOLDEN: ledger show's output in $T/out is the case's history in
# the file GOLDEN, the paths of this run and the configuration's hash left out.
history_is() {
	sed -e "s|$T/|T/|g" -e 's/"config":"[0-9a-f]*"/"config":"HASH"/' "$T/out" >"$T/history"
	if diff -u "$1" "$T/history" >"$T/diff"; then
		pass "the case's history is the expected one"
	else
		fail "the case's history is the expected one"
		sed 's/^/#   /' "$T/diff" | head -60
	fi
}

# ---- the team's sheet, for the 014x-corrections tests ----

team_header='ref,channel,received,reporter,phone,address,community,estate,category,text,collector'

# team_ledger N: org, and $T/team.csv: the header and the first N of four
# demands 许褚's team collected on 2 November 2026.
team_ledger() {
	org
	{
		echo "$team_header"
		head -n "$1" <<'CSV'
L-001,visit,2026-11-02 09:00,李秀英,13912345678,祥和苑3号楼,萌山社区,祥和苑,,3号楼前路灯不亮，晚上出行不便,许褚
L-002,visit,2026-11-02 09:10,王芳,13912345679,书香名邸2号楼,祥和社区,书香名邸,,楼道堆放杂物，存在消防隐患,许褚
L-003,visit,2026-11-02 09:20,张伟,13912345670,书香名邸5号楼,祥和社区,书香名邸,,小区门口路面破损,许褚
L-004,visit,2026-11-02 09:30,赵敏,13912345671,书香名邸6号楼,祥和社区,书香名邸,,单元门禁损坏,许褚
CSV
	} >"$T/team.csv"
}

# team_ledger_changed: $T/team2.csv, team_ledger's four read again with
# cases 1-3 changed (1 moved to 祥和社区, 2 and 3 reworded) and a fifth new;
# for the tests of amending by import (0141, 0250).
team_ledger_changed() {
	cat >"$T/team2.csv" <<CSV
$team_header
L-001,visit,2026-11-02 09:00,李秀英,13912345678,书香名邸3号楼,祥和社区,书香名邸,,3号楼前路灯不亮，晚上出行不便,许褚
L-002,visit,2026-11-02 09:15,王芳,13912345677,书香名邸2号楼,祥和社区,书香名邸,,楼道堆放杂物，存在严重消防隐患,许褚
L-003,visit,2026-11-02 09:20,张伟,13912345670,书香名邸5号楼,祥和社区,书香名邸,,小区门口路面严重破损,许褚
L-004,visit,2026-11-02 09:30,赵敏,13912345671,书香名邸6号楼,祥和社区,书香名邸,,单元门禁损坏,许褚
L-005,visit,2026-11-02 09:50,钱进,13912345672,书香名邸7号楼,祥和社区,书香名邸,,新诉求,许褚
CSV
}

# sign_demands PREFIX DAY CATEGORY: org, and $T/c.csv: the demands of 李四
# and 王五 at 祥和苑 (PREFIX1, PREFIX2) received at 09:00 on DAY in
# CATEGORY, then the test's own rows from standard input; for the 023x
# tests of signing and extensions.
sign_demands() {
	org
	{
		echo 'ref,channel,received,reporter,phone,community,estate,category,text'
		echo "${1}1,visit,$2 09:00,李四,13912345678,萌山社区,祥和苑,$3,3号楼垃圾桶满了"
		echo "${1}2,visit,$2 09:00,王五,13812340000,萌山社区,祥和苑,$3,垃圾站异味"
		cat
	} >"$T/c.csv"
}

# platforms_csv CODE...: a units file of the platforms named, among H01
# (萌山社区's 议事厅), M01 (祥和苑's 调解室) and H02 (祥和社区's 议事厅).
platforms_csv() {
	echo 'code,name,kind,parent'
	for p in "$@"; do
		case $p in
		H01) echo 'H01,萌山社区红色议事厅,红色议事厅,370829001010' ;;
		M01) echo 'M01,祥和苑和为贵调解室,调解室,370829001010-E01' ;;
		H02) echo 'H02,祥和社区议事厅,议事厅,370829001013' ;;
		esac
	done
}

# generated_ledger SEED CASES CALLS DAYS: in $T/gen.db (now $MINYI_DB), the
# county scripts/gen-data makes from SEED and its CASES cases of DAYS days
# taken in; $T/gh.csv, a hotline export of CALLS calls that repeats part of
# them, and $T/gt.csv, its truth.
generated_ledger() {
	G=$TOP/scripts/gen-data
	export MINYI_DB=$T/gen.db
	"$G" units --seed "$1" >"$T/gu.csv"
	"$G" people --seed "$1" >"$T/gp.csv"
	"$G" cases "$2" --seed "$1" --days "$4" >"$T/gc.csv"
	"$G" hotline "$3" --seed "$1" --days "$4" --cases "$2" --truth "$T/gt.csv" >"$T/gh.csv"
	units import "$T/gu.csv" "$T/gp.csv" >/dev/null 2>&1
	intake "$T/gc.csv" >/dev/null 2>&1
}

# ---- score's ledger, for the 011x-score tests ----
# It is written with SQL: reconcile (deductions) did not exist when it was
# written, and the times of resolutions, closures and call-backs must be
# exact. The tests compute every figure they expect by hand from it; the
# tools that fill the same columns (resolve, callback, reconcile) are
# checked against score in 0114-score-tools.t.

# ts TIME: seconds since the epoch. uid CODE, pid NAME: the id of a unit, a
# person. tm and str: a time, a string, as SQL. Each takes - for NULL.
ts() { date -d "$1" +%s; }
uid() { if [ "$1" = - ]; then echo NULL; else echo "(SELECT id FROM units WHERE code = '$1')"; fi; }
pid() { if [ "$1" = - ]; then echo NULL; else echo "(SELECT id FROM people WHERE name = '$1')"; fi; }
tm() { if [ "$1" = - ]; then echo NULL; else ts "$1"; fi; }
str() { if [ "$1" = - ]; then echo NULL; else echo "'$1'"; fi; }
# kase ID CHANNEL RECEIVED UNIT COMMUNITY FIRST RESP COLLECTOR STATUS RESOLVED CLOSED DUE COLOUR REOPENS
kase() {
	echo "INSERT INTO cases(id, channel, ref, received, unit_id, community_id, first_id, resp_id," \
	    "collector_id, status, resolved, closed, due, colour, reopens, text, updated) VALUES ($1," \
	    "'$2', 'R$1', $(ts "$3"), $(uid "$4"), $(uid "$5"), $(uid "$6"), $(uid "$7"), $(pid "$8")," \
	    "'$9', $(tm "${10}"), $(tm "${11}"), $(tm "${12}"), $(str "${13}"), ${14}, '诉求$1', 0);"
}
cb() { echo "INSERT INTO callbacks(case_id, at, outcome, operator) VALUES ($1, $(ts "$2"), '$3', 't');"; }
ded() { echo "INSERT INTO deductions(month, unit_id, person_id, points, reason, created) VALUES ('$1', $(uid "$2"), $(pid "$3"), 2, 'missed', 0);"; }
meeting() { echo "INSERT INTO meetings(id, held, units, decision, lead_id, operator, created) VALUES ($1, $(ts "$2"), '', '会商', $(uid "$3"), 't', 0);"; }
about() { echo "INSERT INTO meeting_cases(meeting_id, case_id) VALUES ($1, $2);"; }

# score_ledger: org, two more units and four more people, and the ledger of
# September to November 2026 with its call-backs, deductions and meetings.
# Sets the codes the tests name: X, M, H, E1, E2, C.
score_ledger() {
	org
	cat >"$T/units2.csv" <<'CSV'
code,name,kind,parent,contact,phone
D02,嘉祥县供热公司,department,370829,,
P02,县教体局,pairing,370829,,
CSV
	cat >"$T/people2.csv" <<'CSV'
name,phone,unit,role,covers
关羽,13900000005,370829001013,社区工作者,
张飞,13900000006,370829001010-E01,小区书记,
刘备,13900000007,370829001010-E02,物业经理,
赵云,13900000008,P02,民情书记,
CSV
	units import "$T/units2.csv" "$T/people2.csv" >/dev/null 2>&1
	X=370829001013 M=370829001010 H=370829002200 E1=370829001010-E01 E2=370829001010-E02
	C=370829C01
	D='23:59:59'
	{
		# October 2026; its cutoff is 2026-11-06 00:00 (month end + 5 days, before now).
		# 祥和社区 X (collector 关羽): three cases done perfectly.
		kase 1 visit '2026-10-01 07:00' $X $X $X $X 关羽 closed '2026-10-03 10:00' '2026-10-04 10:00' "2026-10-09 $D" - 0
		kase 2 hall '2026-10-12 09:00' - $X $X $X 关羽 closed '2026-10-13 10:00' '2026-10-14 10:00' "2026-10-19 $D" - 0
		kase 3 wechat '2026-10-31 23:30' $X $X $X $X 关羽 closed '2026-11-02 10:00' '2026-11-03 10:00' "2026-11-09 $D" - 0
		cb 1 '2026-10-04 09:00' satisfied; cb 2 '2026-10-14 09:00' satisfied; cb 3 '2026-11-03 09:00' basic
		# Not X's in October: a hotline case (line 3 only), one received in November
		# local time (still October in UTC), a voided one.
		kase 4 hotline '2026-10-15 10:00' - $X D01 D01 - open - - "2026-10-22 $D" - 0
		kase 5 visit '2026-11-01 00:30' $X $X $X $X 关羽 open - - "2026-11-07 $D" - 0
		kase 6 visit '2026-10-20 10:00' $X $X $X $X 关羽 void - - - - 0
		# 萌山社区 M (collector 许褚): on time, late, reopened, overdue and red.
		kase 10 visit '2026-10-09 10:00' $M $M $M $M 许褚 closed '2026-10-12 10:00' '2026-10-14 10:00' "2026-10-16 $D" - 0
		kase 11 visit '2026-10-10 09:00' $M $M $M $M 许褚 closed '2026-10-20 10:00' '2026-10-22 10:00' "2026-10-17 $D" - 0
		kase 12 hall '2026-10-15 09:00' $M $M $M $M 许褚 closed '2026-10-28 10:00' '2026-10-30 10:00' "2026-10-29 $D" - 1
		kase 13 visit '2026-10-25 10:00' $M $M $M $M 许褚 open - - "2026-10-31 $D" red 0
		cb 10 '2026-10-14 09:00' satisfied; cb 11 '2026-10-22 09:00' basic
		cb 12 '2026-10-20 09:00' dissatisfied; cb 12 '2026-10-30 09:00' satisfied
		# 黄岗村 H: one fast case.
		kase 14 visit '2026-10-16 10:00' $H $H $H $H - closed '2026-10-17 10:00' '2026-10-18 10:00' "2026-10-23 $D" - 0
		cb 14 '2026-10-18 09:00' satisfied
		# Estates as collecting units: 祥和苑 E1 (张飞) and 金城花园 E2 (刘备), alike;
		# the third call-back reached nobody.
		kase 15 visit '2026-10-05 10:00' $E1 $M $M $M 张飞 closed '2026-10-07 10:00' '2026-10-08 10:00' "2026-10-12 $D" - 0
		kase 16 visit '2026-10-06 10:00' $E1 $M $M $M 张飞 closed '2026-10-08 10:00' '2026-10-09 10:00' "2026-10-13 $D" - 0
		kase 17 visit '2026-10-07 10:00' $E1 $M $M $M 张飞 closed '2026-10-09 10:00' '2026-10-10 10:00' "2026-10-14 $D" - 0
		kase 18 visit '2026-10-05 10:00' $E2 $M $M $M 刘备 closed '2026-10-07 10:00' '2026-10-08 10:00' "2026-10-12 $D" - 0
		kase 19 visit '2026-10-06 10:00' $E2 $M $M $M 刘备 closed '2026-10-08 10:00' '2026-10-09 10:00' "2026-10-13 $D" - 0
		kase 20 visit '2026-10-07 10:00' $E2 $M $M $M 刘备 closed '2026-10-09 10:00' '2026-10-10 10:00' "2026-10-14 $D" - 0
		cb 15 '2026-10-08 09:00' satisfied; cb 16 '2026-10-09 09:00' satisfied; cb 17 '2026-10-10 09:00' unreachable
		cb 18 '2026-10-08 09:00' satisfied; cb 19 '2026-10-09 09:00' satisfied; cb 20 '2026-10-10 09:00' unreachable
		# Pairing unit P01 (典韦): four cases, one not closed yet; case 22 went to D01.
		kase 21 visit '2026-10-08 10:00' P01 $X $X $X 典韦 closed '2026-10-10 10:00' '2026-10-11 10:00' "2026-10-15 $D" - 0
		kase 22 visit '2026-10-09 10:00' P01 $X D01 D01 典韦 closed '2026-10-20 10:00' '2026-10-21 10:00' "2026-10-23 $D" - 0
		kase 23 visit '2026-10-21 10:00' P01 $H $H $H 典韦 resolved '2026-10-27 10:00' - "2026-10-28 $D" - 0
		kase 24 visit '2026-10-22 10:00' P01 $X $X $X 典韦 closed '2026-10-23 10:00' '2026-10-24 10:00' "2026-10-29 $D" - 0
		cb 21 '2026-10-11 09:00' satisfied; cb 22 '2026-10-21 09:00' satisfied; cb 24 '2026-10-24 09:00' satisfied
		# Pairing unit P02 (赵云): two cases, one not routed yet.
		kase 25 visit '2026-10-11 10:00' P02 $M $M $M 赵云 closed '2026-10-12 10:00' '2026-10-13 10:00' "2026-10-18 $D" - 0
		kase 26 visit '2026-10-12 10:00' P02 $M - - 赵云 new - - - - 0
		cb 25 '2026-10-13 09:00' satisfied
		# Departments: 27 triaged by the centre then sent to D01; 28 first went to
		# D02 and was moved to D01 (D02 stays answerable); 29 escalated from M to D01.
		kase 27 other '2026-10-13 10:00' - - $C D01 - resolved '2026-10-19 10:00' - "2026-10-27 $D" red 0
		kase 28 visit '2026-10-14 10:00' - - D02 D01 - closed '2026-10-16 10:00' '2026-10-17 10:00' "2026-10-28 $D" - 0
		kase 29 visit '2026-10-14 11:00' - - $M D01 - closed '2026-10-25 10:00' '2026-10-26 10:00' "2026-10-24 $D" - 0
		kase 30 visit '2026-10-16 10:00' - - D02 D02 - closed '2026-10-18 10:00' '2026-10-19 10:00' "2026-10-30 $D" - 0
		kase 31 visit '2026-10-17 10:00' - - D02 D02 - closed '2026-10-20 10:00' '2026-10-21 10:00' "2026-10-31 $D" - 0
		kase 32 visit '2026-10-18 10:00' - - D02 D02 - closed '2026-10-30 10:00' '2026-10-31 10:00' "2026-10-25 $D" - 0
		cb 28 '2026-10-17 09:00' satisfied; cb 29 '2026-10-26 09:00' basic; cb 30 '2026-10-19 09:00' satisfied
		cb 31 '2026-10-21 09:00' satisfied; cb 32 '2026-10-31 09:00' satisfied
		# September (cutoff 2026-10-06 00:00): X's case 35 was handled after it.
		kase 33 visit '2026-09-10 10:00' $X $X $X $X 关羽 closed '2026-09-12 10:00' '2026-09-13 10:00' "2026-09-17 $D" - 0
		kase 34 visit '2026-09-20 10:00' $X $X $X $X 关羽 closed '2026-09-22 10:00' '2026-09-23 10:00' "2026-09-27 $D" - 0
		kase 35 visit '2026-09-30 23:30' $X $X $X $X 关羽 closed '2026-10-08 10:00' '2026-10-09 10:00' "2026-10-12 $D" - 0
		kase 36 visit '2026-09-15 10:00' $M $M $M $M 许褚 closed '2026-09-16 10:00' '2026-09-17 10:00' "2026-09-22 $D" - 0
		cb 33 '2026-09-13 09:00' satisfied; cb 34 '2026-09-23 09:00' satisfied; cb 35 '2026-10-09 09:00' satisfied
		cb 36 '2026-09-17 09:00' satisfied
		# Missed hotline demands, as reconcile books them.
		ded 2026-10 $E1 马超; ded 2026-10 $E2 马超; ded 2026-10 $M -; ded 2026-10 P01 典韦
		ded 2026-09 $X 关羽; ded 2026-11 $X -
		# County meetings: in October D01 led two (one also about D02's case 28 and
		# the hotline case 4, one about P01's case 22); one was about M's case 10.
		meeting 1 '2026-10-20 15:00' D01; about 1 4; about 1 28
		meeting 2 '2026-10-25 10:00' -; about 2 10
		meeting 3 '2026-11-03 10:00' D01; about 3 29
		meeting 4 '2026-10-28 10:00' D01; about 4 22
	} >"$T/ledger.sql"
	sql <"$T/ledger.sql"
}

# ---- escalate's cases, for the 006x-escalate tests ----

# escalate_ledger: org, a department with a contact, and $T/c.csv: a demand
# before Spring Festival 2026 and four before National Day, for the test to
# take in (intake "$T/c.csv").
escalate_ledger() {
	org
	cat >"$T/units2.csv" <<'CSV'
code,name,kind,parent,contact,phone
D02,嘉祥县供热公司,department,370829,钱多,13800000009
CSV
	units import "$T/units2.csv" 2>/dev/null
	cat >"$T/c.csv" <<'CSV'
ref,received,community,estate,category,text
F1,2026-02-13 09:00,萌山社区,祥和苑,垃圾清运,春节前垃圾没人清运
R1,2026-09-21 09:00,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了
R2,2026-09-28 09:00,萌山社区,金城花园,垃圾清运,垃圾站满溢
R3,2026-09-28 09:00,黄岗村,,路灯,村口路灯不亮
R4,2026-09-28 09:00,祥和社区,书香名邸,供暖,暖气片不热，室温只有十二度
CSV
}

# esc STATUS TIME: a pass of escalate at TIME, which must exit STATUS.
esc() { run "$1" escalate --at "$2"; }

# escalate_colours: the routes and passes of 0060-escalate-colours.t without
# its checks, for the tests that go on from where it ends: the same commands
# in the same order (keep the two in step).
escalate_colours() {
	route --at "2026-02-13 16:00" 1
	for at in "2026-02-25 12:00" "2026-02-26 00:00" "2026-02-28 12:00" "2026-03-02 23:00" \
	    "2026-03-03 00:00" "2026-03-23 00:00"; do
		escalate --at "$at"
	done
	route --at "2026-09-22 10:00" 2
	escalate --at "2026-09-28 12:00"
	escalate --at "2026-09-29 00:00"
	route --at "2026-09-30 10:00" 3 4 5
	for at in "2026-10-01 09:00" "2026-10-07 23:00" "2026-10-08 00:00" "2026-10-10 00:00" \
	    "2026-10-10 00:00" "2026-10-11 12:00" "2026-10-12 00:00" "2026-10-14 00:00" \
	    "2026-10-19 00:00"; do
		escalate --at "$at"
	done
} >/dev/null 2>&1

# ---- the ledger and the hotline export, for the 010x-reconcile tests ----

# ticket_cases: each stored hotline record that has a case, as TICKET=REF,
# by ticket, on one line.
ticket_cases() {
	sql "SELECT group_concat(h.ticket || '=' || c.ref, ' ') FROM (SELECT * FROM hotline ORDER BY ticket) h
	    JOIN cases c ON c.id = h.case_id"
}

# The header of the 12345 exports of these tests.
hotline_header=工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容

# hotline_ledger: org, and two files for the test to take in: $T/c.csv, five
# demands the teams collected (intake "$T/c.csv"), and $T/h.csv, a 12345
# export (reconcile "$T/h.csv").
#
# A 12345 export: G001 repeats T1 (+86-less phone, 嘉祥县 and the street in
# front, 三号楼 and 二单元, the operator's words); G002 repeats T2 (+86 and
# spaces, full-width digits, no columns for the place); G003 repeats T3 from
# another phone, without the estate; G007 calls again about T1 (0086); G008
# repeats T4 (a landline without its dash). G004 and G009 were never
# collected; G005 is in another county (with an estate name of ours), G006
# nowhere; G010 has no text.
hotline_ledger() {
	org
	cat >"$T/c.csv" <<CSV
ref,channel,received,reporter,phone,address,street,community,estate,category,text,collector,unit
T1,visit,2026-10-10 10:00,张伟,13812345678,萌山社区祥和苑3号楼2单元502,嘉祥镇街道,萌山社区,祥和苑,垃圾清运,\
3号楼东侧垃圾桶满溢无人清运，已经三天了，气味很大，希望尽快处理。,许褚,370829001010
T2,visit,2026-10-11 15:00,李娜,13912345678,书香名邸5号楼1单元301,嘉祥镇街道,祥和社区,书香名邸,停车管理,\
楼下经常有车堵在消防通道上，救护车进不来，希望物业加强管理。,,
T3,hall,2026-10-12 09:30,王芳,13700001111,祥和苑7号楼1单元201,嘉祥镇街道,萌山社区,祥和苑,公共设施,\
7号楼楼道声控灯不亮，晚上上下楼看不见，老人摔过一跤，请尽快修理。,,
T4,visit,2026-10-13 10:00,赵强,0537-2345678,黄岗村东街15号,卧龙山街道,黄岗村,,路灯,村口的路灯坏了半个月，\
晚上黑乎乎的，走夜路不安全。,,
T5,visit,2026-10-20 10:00,孙丽,13600002222,金城花园2号楼1单元101,嘉祥镇街道,萌山社区,金城花园,绿化,\
2号楼前面的树太高遮挡阳光，低楼层采光不好，希望修剪一下。,,
CSV
	cat >"$T/h.csv" <<CSV
$hotline_header
G001,2026-10-12 08:10:00,13812345678,张伟,嘉祥县嘉祥镇街道萌山社区祥和苑三号楼二单元502室,嘉祥镇街道,\
萌山社区居民委员会,城市管理/垃圾清运,市民来电反映：三号楼东侧垃圾箱满溢无人清运，已经三天了，\
味道很大，请相关部门核实处理。
G002,2026-10-14 19:20:00,+86 139 1234 5678,李女士,书香名邸５号楼１单元３０１,,,交通管理/停车管理,来电人反映：\
楼下经常有车堵在消防通道上，救护车根本进不来，希望物业加强管理。
G003,2026-10-15 11:00:00,15000003333,王芳,萌山社区七号楼1单元201,嘉祥镇街道,,城乡建设/公共设施维护,来电人称：\
其居住的七号楼楼道声控灯不亮，晚上上下楼看不见，老人摔过一跤，诉求：请尽快维修。
G004,2026-10-16 14:00:00,18800004444,周杰,金城花园9号楼3单元902,嘉祥镇街道,萌山社区,住房保障/物业管理,\
市民来电反映：物业费突然上涨没有征求业主意见，业主意见很大，希望社区协调。
G005,2026-10-17 09:00:00,18900005555,吴敏,济宁市任城区古槐街道祥和苑1号楼,古槐街道,,城市管理/垃圾清运,市民反映：\
小区垃圾桶满了没人清运。
G006,2026-10-18 10:00:00,17700006666,匿名,不详,,,其他,来电人反映：有人在路边乱倒建筑垃圾。
G007,2026-10-19 20:00:00,008613812345678,张先生,祥和苑3号楼,嘉祥镇街道,萌山社区,城市管理/垃圾清运,来电反映：\
3号楼东侧垃圾桶又满了，还是没人清运，气味很大，希望尽快处理。
G008,2026-10-21 16:30:00,05372345678,赵强,卧龙山街道黄岗村东街15号,卧龙山街道,黄岗村,城市管理/路灯照明,\
村口的路灯坏了半个月，晚上走夜路不安全，请尽快修好。
G009,2026-10-22 08:00:00,13300007777,钱进,黄岗村西街3号,卧龙山街道,黄岗村,城乡建设/供水,群众来电反映：\
村里自来水每天只供几个小时，老人吃水困难。
G010,2026-10-23 08:00:00,13300008888,郑好,萌山社区金城花园1号楼,,,城市管理/垃圾清运,
CSV
}

# ---- the resolved cases, for the 008x-callback tests ----

# monday_demands: the header and the first two demands of Monday 16
# November 2026 that the callback and verify tests start from.
monday_demands() {
	cat <<'CSV'
ref,received,reporter,phone,community,estate,category,text
C1,2026-11-16 09:00,李四,13912345678,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了
C2,2026-11-16 09:00,王五,13812340000,祥和社区,书香名邸,停车管理,楼下乱停车
CSV
}

# callback_ledger: org, and seven demands taken in and routed on Monday 16
# November 2026; six resolved on Friday 20 November (6 anonymous, 2 with a
# resolution a spreadsheet would run), 7 still open.
callback_ledger() {
	org
	{
		monday_demands
		cat <<'CSV'
C3,2026-11-16 09:00,赵六,0537-2345678,萌山社区,金城花园,路灯,路灯不亮
C4,2026-11-16 09:00,孙七,13600002222,萌山社区,,绿化,树枝挡路
C5,2026-11-16 09:00,周八,13500003333,祥和社区,,绿化,草坪被踩坏
C6,2026-11-16 09:00,,,萌山社区,,垃圾清运,匿名：垃圾没人收
C7,2026-11-16 09:00,吴九,13400004444,萌山社区,,垃圾清运,还没办好
CSV
	} >"$T/c.csv"
	intake --at '2026-11-16 10:00' "$T/c.csv" >/dev/null 2>&1
	route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
	resolve --at '2026-11-20 15:00' --note "已处理完毕" 1 3 4 5 6 >/dev/null 2>&1
	resolve --at '2026-11-20 15:00' --note "=已劝离乱停车辆" 2 >/dev/null 2>&1
}

# callback_outcomes: what the calls of 0080-callback-outcomes.t record, without
# its checks, for the tests that go on from where it ends: the same calls in
# the same order (keep the two in step).
callback_outcomes() {
	callback --at '2026-11-23 09:00' --due --reveal -o csv --bom
	callback --at '2026-11-23 10:00' -u 回访员甲 --outcome satisfied 1
	callback --at '2026-11-23 10:05' --outcome 基本满意 --note "基本解决" 2
	callback --at '2026-11-23 10:10' --outcome dissatisfied --note "路灯修了又坏" 3
	callback --at '2026-11-23 10:20' --outcome unreachable 4
	callback --at '2026-11-24 09:30' --outcome unreachable 4
	callback --at '2026-11-25 09:30' --outcome 未接通 4
} >/dev/null 2>&1

# filled_outcomes NAME: $T/out is what callback --import prints for the
# worklist of 2026-11-25 (after callback_outcomes and three more cases
# resolved) filled in as 0081 and 0177 fill it, as a sheet and as a
# workbook: 5 satisfied, 8 dissatisfied, 9 unreachable.
filled_outcomes() {
	same "$1" "$T/out" <<'X'
id	outcome	status	attempts	unit	unit_name	due	reopens
5	satisfied	closed	1	370829001013	祥和社区居民委员会		0
8	dissatisfied	open	0	370829001010	萌山社区居民委员会	2026-12-02 23:59:59	1
9	unreachable	resolved	1	370829001010	萌山社区居民委员会		0
X
}

# lock_db: another writer holds the database's write lock in the background
# until unlock_db; returns once it holds it. The lock is held for as long as
# the test needs, however slowly the tool under test starts (valgrind).
lock_db() {
	rm -f "$T/locked" "$T/unlock"
	( sqlite3 "$MINYI_DB" <<SQL
BEGIN IMMEDIATE;
INSERT INTO units(code, name, kind, updated) VALUES ('LOCK', '锁', 'pairing', 0);
.shell touch "$T/locked"
.shell i=0; while [ ! -e "$T/unlock" ] && [ \$i -lt 1200 ]; do sleep 0.05; i=\$((i + 1)); done
ROLLBACK;
SQL
	) >/dev/null 2>&1 &
	holder=$!
	i=0
	while [ ! -e "$T/locked" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
}

# unlock_db: the writer lock_db started lets go and ends.
unlock_db() {
	touch "$T/unlock"
	wait $holder
}

# ---- workbooks made from CSV fixtures, for the 015x-sheets tests and any other ----

# sheet_as FORMAT IN.csv OUT [--title TEXT] [--sheet NAME] [--before NAME] [--merge RANGES]:
# the CSV fixture IN written as a workbook by tests/mksheet (with
# /usr/bin/python3, openpyxl and xlwt, which `make deps` installs): dates
# as date-formatted serials, digits as number cells, a title row merged
# across the columns. FORMAT: xlsx, xlsx-inline
# (inline strings), xls (BIFF8), xml (SpreadsheetML 2003), html (a table).
# $sheet_formats lists them all,
# and a test that reads one fixture in every format loops over it.
sheet_formats="xlsx xlsx-inline xls xml html"
sheet_as() { /usr/bin/python3 "$TOP/tests/mksheet" "$@"; }
# have_sheets: 0 when the workbook writers are installed (else skip the test).
have_sheets() { /usr/bin/python3 -c 'import openpyxl, xlwt' 2>/dev/null; }
# sheet_ext FORMAT: the file name ending a sheet of FORMAT goes by.
sheet_ext() { case $1 in xlsx-inline) echo xlsx ;; *) echo "$1" ;; esac; }
# sheet_titled FORMAT BODY NAME: the CSV fixture BODY written as FORMAT (csv,
# or one of $sheet_formats) under the title row $TITLE, with two blank rows
# below, as a team's sheet comes; prints its path.
sheet_titled() {
	{ cat "$2"; printf ',,,\n,,,\n'; } >"$T/$3.body.csv"
	if [ "$1" = csv ]; then
		{ echo "$TITLE"; cat "$T/$3.body.csv"; } >"$T/$3.in.csv"
		echo "$T/$3.in.csv"
	else
		sheet_as "$1" "$T/$3.body.csv" "$T/$3.$1.$(sheet_ext "$1")" --title "$TITLE"
		echo "$T/$3.$1.$(sheet_ext "$1")"
	fi
}

# ---- a database step that fails, for the 025x-faults tests ----

# faults NAME WANT CMD...: runs CMD once as is (it must exit WANT) and then
# once for each database step it takes, with that step failed by the faildb
# shim (tests/shim/faildb.c). Each failed run must exit with a code of the
# exit-code contract, not 0 and not a crash, say "database error:
# interrupted" and make no sanitizer report (a ROLLBACK may fail unseen);
# it must leave the database as it was before or as the clean run left it,
# never between, with its chain intact (ledger verify). The tool runs as if
# no thread could be started. Under valgrind about every sixth of the
# steps is failed, the first and last always. Six test points; the first
# failures of each are shown. The database is left as the clean run left it.
# FAULTS_CLEAR=TEXT (a phone, say): a seventh point, that no run which left
# the database as before (no reveal recorded) printed TEXT.
faults() {
	f_name=$1 f_want=$2
	shift 2
	# one thread, so that the steps are taken in the same order every run
	# (reconcile's second thread, whose connection fails over to the
	# first's by design, is left out)
	f_shim="$MINYI_BUILD/tests/faildb.so $MINYI_BUILD/tests/nothreads.so"
	sqlite3 "$MINYI_DB" ".backup '$T/f0.db'"
	sqlite3 "$T/f0.db" .dump >"$T/f0.sql"
	# a ledger built by hand in SQL has no chain to keep
	f_chain=1
	MINYI_DB=$T/f0.db ledger verify >/dev/null 2>&1 || f_chain=0
	rm -f "$T/flog"
	FAILDB_LOG=$T/flog LD_PRELOAD=$f_shim ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    "$@" >"$T/fout" 2>"$T/ferr"
	f_got=$?
	f_k=$(tail -n 1 "$T/flog" 2>/dev/null)
	rm -f "$T/flog"
	eq "$f_name: the clean run exits $f_want" "$f_got" "$f_want" || sed 's/^/#   stderr: /' "$T/ferr" | head -5
	case $f_k in
	[1-9]*) pass "$f_name: the shim counted $f_k steps" ;;
	*) fail "$f_name: the shim counted no step (is $MINYI_BUILD/tests/faildb.so built?)"; f_k=0 ;;
	esac
	sqlite3 "$MINYI_DB" .dump >"$T/f1.sql"
	f_step=1
	case $MINYI_BUILD in */valgrind) f_step=$((f_k / 6 + 1)) ;; esac
	: >"$T/fbad.code"; : >"$T/fbad.msg"; : >"$T/fbad.state"; : >"$T/fbad.chain"; : >"$T/fbad.leak"
	f_n=1
	while [ "$f_n" -le "${f_k:-0}" ]; do
		cp "$T/f0.db" "$MINYI_DB"
		rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
		FAILDB_AT=$f_n FAILDB_LOG=$T/flog LD_PRELOAD=$f_shim ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		    "$@" >"$T/fout" 2>"$T/ferr"
		f_got=$?
		f_sql=$(sed -n "s/^failed step $f_n: //p" "$T/flog" | cut -c1-100)
		# a rollback that fails leaves nothing to undo: the connection's
		# close ends the transaction all the same
		case $f_sql:$f_got in
		ROLLBACK:0) ;;
		*:1 | *:64 | *:65 | *:66 | *:70 | *:73 | *:74 | *:75 | *:78) ;;
		*) echo "step $f_n ($f_sql): exit $f_got: $(head -c 200 "$T/ferr")" >>"$T/fbad.code" ;;
		esac
		if grep -q 'Sanitizer\|runtime error' "$T/ferr" ||
		    { [ "$f_sql" != ROLLBACK ] && ! grep -q 'database error: interrupted' "$T/ferr"; }; then
			echo "step $f_n ($f_sql): $(head -c 300 "$T/ferr")" >>"$T/fbad.msg"
		fi
		sqlite3 "$MINYI_DB" .dump >"$T/fn.sql"
		if [ -n "${FAULTS_CLEAR:-}" ] && cmp -s "$T/fn.sql" "$T/f0.sql" && grep -q -- "$FAULTS_CLEAR" "$T/fout"; then
			echo "step $f_n ($f_sql): '$FAULTS_CLEAR' printed, no reveal recorded" >>"$T/fbad.leak"
		fi
		if ! cmp -s "$T/fn.sql" "$T/f0.sql" && ! cmp -s "$T/fn.sql" "$T/f1.sql"; then
			echo "step $f_n: the database is neither as before nor as after: $(head -c 200 "$T/ferr")" >>"$T/fbad.state"
		fi
		if [ $f_chain = 1 ] && ! ledger verify >/dev/null 2>"$T/fverr"; then
			echo "step $f_n: $(head -c 200 "$T/fverr")" >>"$T/fbad.chain"
		fi
		if [ "$f_n" -lt "$f_k" ] && [ $((f_n + f_step)) -gt "$f_k" ]; then f_n=$f_k; else f_n=$((f_n + f_step)); fi
	done
	f_whats="code msg state chain"
	[ -n "${FAULTS_CLEAR:-}" ] && f_whats="$f_whats leak"
	for f_what in $f_whats; do
		case $f_what in
		code) f_say="every failed step exits with a contract code" ;;
		msg) f_say="every failed step says 'database error: interrupted', no sanitizer report" ;;
		state) f_say="every failed step leaves the database as before or as after" ;;
		chain) f_say="every failed step leaves the chain whole (verify)" ;;
		leak) f_say="no failed step prints '$FAULTS_CLEAR' without its reveal recorded" ;;
		esac
		if [ $f_what = chain ] && [ $f_chain = 0 ]; then
			skip "$f_name: the database before had no whole chain to keep"
		elif [ -s "$T/fbad.$f_what" ]; then
			fail "$f_name: $f_say ($(wc -l <"$T/fbad.$f_what") of $f_k steps do not)"
			sed 's/^/#   /' "$T/fbad.$f_what" | head -5
		else
			pass "$f_name: $f_say ($f_k steps)"
		fi
	done
	# the clean run's end state, for what follows
	sqlite3 "$MINYI_DB" ".restore '$T/f0.db'"
	"$@" >"$T/fout" 2>"$T/ferr"
}
