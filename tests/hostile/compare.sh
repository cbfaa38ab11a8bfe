# compare.sh - sourced by tests/t/0200-hostile.t, after tests/t/lib.sh: what
# a hostile case did, against what its files say. snap prints the state of
# the database, taken before the run and after (plan first reads from the
# case's "added" the rows it may add or change, and rows checks them);
# expect_err and expect_out check what the command printed against the
# case's "stderr" and "stdout".

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
# it names and the rows it changes, as WHERE clauses for keep. Every file
# intake reads is recorded as an import batch: a case that does not name
# the imports table may add to it, and must leave its rows as they were.
plan() {
	: >"$2"
	if [ -f "$MINYI_DB" ] && ! { [ -f "$1" ] && grep -q '^imports\( [0-9]*\)*: ' "$1"; } &&
	    [ -n "$(sql "SELECT 1 FROM sqlite_master WHERE name = 'imports'" 2>/dev/null)" ]; then
		echo "imports WHERE rowid <= $(sql "SELECT coalesce(max(rowid), 0) FROM imports")" >>"$2"
	fi
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
