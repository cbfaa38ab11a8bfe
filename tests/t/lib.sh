# lib.sh - sourced by the shell tests: a fresh database, TAP helpers.
# Every tool run is checked for its exit status; output is compared with diff -u.
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

# eq NAME GOT WANT
eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1"
		echo "#   got '$2', want '$3'"
	fi
}

sql() { sqlite3 -batch -noheader "$MINYI_DB" "$@"; }

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
