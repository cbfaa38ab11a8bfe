#!/bin/sh
# Hostile and broken input: every case under tests/hostile (see its README)
# runs against a fresh copy of one database. For each: the exit status, the
# message on stderr, what stdout must hold, and what the run did to the
# database (nothing, unless the case lists the rows it adds or changes).
#
# A case is a directory tests/hostile/NN-name (two or three digits, a dash; its name
# names its test points). It runs in a scratch copy $T/case/NN, where the
# runner puts minyi.db (mode 600, $MINYI_DB), a copy of the base database
# built below. The files a case directory can hold:
#   cmd      the command line: sh -c "$(cat cmd)" in the copy, standard
#            input /dev/null, standard output in $T/out, standard error in
#            $T/err, run under $WRAP when setup sets it.
#   status   the exit status cmd must end with (one test point).
#   stderr   one test point: every line a fixed string standard error must
#            hold somewhere; a line "!text" a string it must not hold; blank
#            lines are ignored. Empty (or absent): nothing on standard error.
#   stdout   (optional) one test point: every line a whole line standard
#            output must hold.
#   added    (optional) the rows cmd adds or changes, in sections
#              TABLE: COLUMNS       the new rows of TABLE (rowid above the
#                                   largest before the run), in rowid order
#              TABLE ID: COLUMNS    the row of TABLE whose rowid is ID
#            (TABLE in a-z and _, COLUMNS any select list), each header
#            followed by the rows as sqlite3 prints "SELECT COLUMNS"
#            (a|b|c; blank lines ignored). For a table
#            without rowids a section lists all its rows afterwards. A table
#            named only in TABLE ID sections must gain no rows.
#            One test point for the database: every row not listed, the
#            schema and user_version as they were; without added, all of it
#            (a file that is not SQLite: byte for byte; a directory or a
#            missing file: still one).
#   setup    (optional) sourced in the runner's shell, in the copy, before
#            anything is taken of the database: it makes large inputs or
#            changes the database, and may set MINYI_DB (another database),
#            WRAP (a command or function to run cmd under: a file size
#            limit) or SKIP (a reason: the case is then one skip point and
#            nothing else runs, not even cleanup). $NOCAPS_OK is 1 when
#            $NOCAPS (below; cmd may use it) works.
#   check    (optional) sourced in a subshell after the database is
#            compared; it must succeed (one test point); it may read
#            $T/out and $T/err.
#   cleanup  (optional) sourced in the runner's shell, last.
# Any other file is an input for cmd, named relative to the copy.
. tests/t/lib.sh

H=$TOP/tests/hostile
# Root writes through chmod 444 and 555: the permission cases run without
# capabilities so that the modes mean what they mean for anyone else.
# NOCAPS_OK=0 when that cannot be done (those cases are skipped).
NOCAPS=
NOCAPS_OK=1
if [ "$(id -u)" = 0 ]; then
	NOCAPS="setpriv --bounding-set=-all --inh-caps=-all --"
	$NOCAPS true 2>/dev/null || NOCAPS_OK=0
fi
export NOCAPS MINYI_BUSY_TIMEOUT=2000

# A case's setup may mount a small tmpfs (the full disk); nothing stays
# mounted, and a read-only directory must not stop the removal.
bye() {
	awk -v t="$T/" 'index($2, t) == 1 { print $2 }' /proc/mounts | sort -r |
	    while read -r m; do umount "$m"; done
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}
trap bye EXIT

# ---- the database every case starts from ----
org
cat >"$T/base-units.csv" <<'CSV'
code,name,kind,parent,contact,phone
370829001099,"O'Brien""; DROP TABLE units;--社区",community,370829001,"'; DELETE FROM people; --",13800009999
D99,"=HYPERLINK(""http://evil.example"",""点我"")",department,370829,,
CSV
run 0 units import "$T/base-units.csv"
# B3's row is too long for one line: a line ending in a backslash goes on in
# the next (the heredoc stays quoted, so that its $( ) and ` stay text).
sed -e :a -e '/\\$/{N;s/\\\n//;ba' -e '}' >"$T/base-cases.csv" <<'CSV'
ref,channel,received,reporter,phone,address,community,estate,category,text
B1,visit,2026-11-02 10:00,李四,13912345678,祥和苑3号楼,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了，三天没人清运
B2,hall,2026-11-03 10:00,王五,13912345679,书香名邸5号楼,祥和社区,,停车管理,楼下乱停车堵住消防通道
B3,wechat,2026-11-04 10:00,"Robert'); DROP TABLE cases;--",13912345670,"$(rm -rf /) `id`; | & > < *",\
"O'Brien""; DROP TABLE units;--社区",,"x' OR 1=1 --","'; DELETE FROM events WHERE '1'='1"
B4,visit,2026-11-05 10:00,钱七,13912345671,祥和苑5号楼,萌山社区,祥和苑,垃圾清运,垃圾分类桶损坏
B5,other,2026-11-06 10:00,"@SUM(1+1)*cmd|' /C calc'!A0",13912345672,-2+3,,,"=HYPERLINK(""http://evil.example"",""x"")",+cmd|' /C notepad'!A0
CSV
run 0 intake "$T/base-cases.csv"
run 0 route 1 4
run 0 resolve --note "已清理" 4
eq "base: five cases, one open and one resolved" \
    "$(sql "SELECT group_concat(ref || ':' || status, ' ') FROM cases")" \
    "B1:open B2:new B3:new B4:resolved B5:new"
eq "base: the hostile community was found by its name" \
    "$(sql "SELECT u.code FROM cases c JOIN units u ON u.id = c.community_id WHERE c.ref = 'B3'")" \
    370829001099
cp "$MINYI_DB" "$T/base.db"
if [ -e "$MINYI_DB-wal" ]; then
	fail "base: no WAL left next to the database"
else
	pass "base: no WAL left next to the database"
fi

# The comparisons: snap, plan, rows, expect_err, expect_out.
. "$H/compare.sh"

# ---- the cases ----
n=0
for src in "$H"/[0-9][0-9]-*/ "$H"/[0-9][0-9][0-9]-*/; do
	name=$(basename "$src")
	C=$T/case/${name%%-*}
	mkdir -p "$C"
	cp -R "$src". "$C/"
	cp "$T/base.db" "$C/minyi.db"
	chmod 600 "$C/minyi.db"
	MINYI_DB=$C/minyi.db
	WRAP=
	SKIP=
	cd "$C" || exit 1
	if [ -f setup ]; then
		. ./setup
	fi
	if [ -n "$SKIP" ]; then
		skip "$name: $SKIP"
		cd "$TOP" || exit 1
		continue
	fi
	: >"$T/keep.max"
	added=
	[ ! -f added ] || added=1
	plan added "$T/keep"
	snap "$T/keep" >"$T/before"
	want=$(cat status)
	$WRAP sh -c "$(cat cmd)" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		pass "$name: exit $want"
	else
		fail "$name: exit $want (got $got): $(cat cmd)"
	fi
	expect_err "$name"
	[ ! -f stdout ] || expect_out "$name"
	snap "$T/keep" >"$T/after"
	if ! diff -u "$T/before" "$T/after" >"$T/snap.diff"; then
		fail "$name: the database is as it was${added:+, but for the rows listed}"
		sed 's/^/#   /' "$T/snap.diff" | head -30
	elif [ -f added ] && ! rows added; then
		fail "$name: the rows added and changed are those listed"
		sed 's/^/#   /' "$T/rows.diff" | head -40
	elif [ -f added ]; then
		pass "$name: only the rows listed were added or changed"
	else
		pass "$name: the database is as it was"
	fi
	if [ -f check ]; then
		if (. ./check) >"$T/check.out" 2>&1; then
			pass "$name: check"
		else
			fail "$name: check"
			sed 's/^/#   /' "$T/check.out" | head -20
		fi
	fi
	if [ -f cleanup ]; then
		. ./cleanup
	fi
	cd "$TOP" || exit 1
	n=$((n + 1))
done
if [ "$n" -ge 40 ]; then
	pass "at least 40 hostile cases ran (ran $n)"
else
	fail "at least 40 hostile cases ran (ran $n)"
fi
done_testing
