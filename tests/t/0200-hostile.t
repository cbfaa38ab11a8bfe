#!/bin/sh
# Hostile and broken input: every case under tests/hostile (see its README)
# runs against a fresh copy of one database. For each: the exit status, the
# message on stderr, what stdout must hold, and what the run did to the
# database (nothing, unless the case lists the rows it adds or changes).
#
# A case is a directory tests/hostile/NN-name (two digits, a dash; its name
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
cat >"$T/base-cases.csv" <<'CSV'
ref,channel,received,reporter,phone,address,community,estate,category,text
B1,visit,2026-11-02 10:00,李四,13912345678,祥和苑3号楼,萌山社区,祥和苑,垃圾清运,3号楼垃圾桶满了，三天没人清运
B2,hall,2026-11-03 10:00,王五,13912345679,书香名邸5号楼,祥和社区,,停车管理,楼下乱停车堵住消防通道
B3,wechat,2026-11-04 10:00,"Robert'); DROP TABLE cases;--",13912345670,"$(rm -rf /) `id`; | & > < *","O'Brien""; DROP TABLE units;--社区",,"x' OR 1=1 --","'; DELETE FROM events WHERE '1'='1"
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

# ---- the database's content: per table, rows and a SHA3 of them ----

# keep FILE TABLE: the rows of TABLE a case must leave alone (all, unless
# its "added" names the table: then those up to the largest rowid before
# the run, less the rows it says change).
keep() {
	awk -v t="$2" '$1 == t { $1 = ""; print; f = 1 } END { if (!f) print "" }' "$1"
}

# snap KEEPFILE: prints the state of $MINYI_DB, one line per table.
snap() {
	if [ -d "$MINYI_DB" ]; then
		echo "a directory"
		return
	fi
	if [ ! -e "$MINYI_DB" ]; then
		echo absent
		return
	fi
	if ! v=$(sqlite3 -batch "$MINYI_DB" "PRAGMA user_version" 2>/dev/null); then
		echo "not SQLite: $(sha256sum <"$MINYI_DB" | cut -c1-64)"
		return
	fi
	echo "user_version $v"
	sqlite3 -batch -separator ' ' "$MINYI_DB" "SELECT name, wr FROM pragma_table_list
	    WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name" |
	while read -r t wr; do
		if [ "$wr" = 1 ] && grep -q "^$t \\*" "$1"; then
			echo "SELECT '$t', 'its rows are listed';"
		elif [ "$wr" = 1 ]; then
			echo "SELECT '$t', count(*), hex(sha3_query('SELECT * FROM \"$t\"')) FROM \"$t\";"
		else
			w=$(keep "$1" "$t")
			echo "SELECT '$t', count(*), hex(sha3_query('SELECT rowid, * FROM \"$t\" $w ORDER BY rowid')) FROM \"$t\" $w;"
		fi
	done | sqlite3 -batch "$MINYI_DB"
	sqlite3 -batch "$MINYI_DB" "SELECT 'schema', hex(sha3_query('SELECT type, name, sql FROM sqlite_master ORDER BY name'))"
}

# plan ADDED KEEPFILE: from a case's "added", the largest rowid of each table
# it names and the rows it changes, as WHERE clauses for keep.
plan() {
	: >"$2"
	[ -f "$1" ] || return 0
	for t in $(sed -n 's/^\([a-z_]*\)\( [0-9][0-9]*\)*: .*/\1/p' "$1" | sort -u); do
		if [ "$(sql "SELECT wr FROM pragma_table_list WHERE name = '$t'")" = 1 ]; then
			echo "$t *" >>"$2"
			continue
		fi
		max=$(sql "SELECT coalesce(max(rowid), 0) FROM \"$t\"")
		ids=$(sed -n "s/^$t \\([0-9][0-9]*\\):.*/\\1/p" "$1" | paste -sd, -)
		echo "$t WHERE rowid <= $max${ids:+ AND rowid NOT IN ($ids)}" >>"$2"
		echo "$t $max" >>"$2.max"
	done
}

# rows ADDED: checks the rows the case adds and changes; prints a diff and
# returns 1 when they are not what it says.
rows() {
	st=0
	: >"$T/rows.want"
	: >"$T/rows.got"
	awk -v d="$T" '/^[a-z_]+( [0-9]+)?: / { n++ } { print > (d "/sect." n) }' "$1"
	i=1
	while [ -f "$T/sect.$i" ]; do
		head=$(head -1 "$T/sect.$i")
		t=${head%%:*}
		cols=${head#*: }
		max=$(awk -v t="${t%% *}" '$1 == t { print $2 }' "$T/keep.max")
		case $t in
		*" "*) q="SELECT $cols FROM \"${t%% *}\" WHERE rowid = ${t#* }" ;;
		*) q="SELECT $cols FROM \"$t\" WHERE rowid > $max ORDER BY rowid" ;;
		esac
		# A table without rowids: all its rows, in primary key order.
		[ -n "$max" ] || q="SELECT $cols FROM \"$t\""
		{ echo "$head"; tail -n +2 "$T/sect.$i" | grep -v '^$'; } >>"$T/rows.want"
		{ echo "$head"; sql "$q"; } >>"$T/rows.got"
		rm -f "$T/sect.$i"
		i=$((i + 1))
	done
	rm -f "$T/sect."*
	# A table named only for a changed row must gain no rows.
	while read -r t max; do
		if ! grep -q "^$t: " "$1"; then
			echo "$t: (new rows)" >>"$T/rows.want"
			{ echo "$t: (new rows)"; sql "SELECT rowid FROM \"$t\" WHERE rowid > $max"; } >>"$T/rows.got"
		fi
	done <"$T/keep.max"
	diff -u "$T/rows.want" "$T/rows.got" >"$T/rows.diff" || st=1
	return $st
}

# expect_err NAME: every line of the case's stderr file is a fixed string the
# message must hold; a line starting with '!' is one it must not; an empty
# file means nothing on stderr.
expect_err() {
	if [ ! -s stderr ]; then
		if [ -s "$T/err" ]; then
			fail "$1: nothing on stderr"
			sed 's/^/#   stderr: /' "$T/err" | head -10
		else
			pass "$1: nothing on stderr"
		fi
		return
	fi
	bad=
	while IFS= read -r l || [ -n "$l" ]; do
		case $l in
		'') ;;
		'!'*) grep -qF -- "${l#!}" "$T/err" && bad="$bad
#   must not say: ${l#!}" ;;
		*) grep -qF -- "$l" "$T/err" || bad="$bad
#   must say: $l" ;;
		esac
	done <stderr
	if [ -z "$bad" ]; then
		pass "$1: message"
	else
		fail "$1: message"
		echo "${bad#?}"
		sed 's/^/#   stderr: /' "$T/err" | head -20
	fi
}

# expect_out NAME: every line of the case's stdout file is a whole line of
# standard output.
expect_out() {
	bad=
	while IFS= read -r l || [ -n "$l" ]; do
		grep -qxF -- "$l" "$T/out" || bad="$bad
#   no line: $l"
	done <stdout
	if [ -z "$bad" ]; then
		pass "$1: output"
	else
		fail "$1: output"
		echo "${bad#?}"
		sed 's/^/#   stdout: /' "$T/out" | head -20
	fi
}

# ---- the cases ----
n=0
for src in "$H"/[0-9][0-9]-*/; do
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
