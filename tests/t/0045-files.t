#!/bin/sh
# The files a tool creates: the rejects file is its owner's only, whatever the
# umask, and never the input it is about to read nor the database. A database
# removed or replaced under a running tool fails its next commit.
. tests/t/lib.sh

org
cp "$MINYI_DB" "$T/org.db"
cat >"$T/in.csv" <<'CSV'
ref,received,reporter,phone,text,community
F1,2026-11-05 09:00,欧阳娜娜,13912345678,,萌山社区
F2,2026-11-05 09:00,李四,13912345679,路灯坏了,萌山社区
CSV
mode() { stat -c %a "$1"; }

# ---- 0600 whatever the umask ----
(umask 000; intake --rejects "$T/r.csv" "$T/in.csv" >"$T/out" 2>"$T/err")
eq "exit 1: some records rejected" "$?" 1
eq "a new rejects file is 0600 under umask 000" "$(mode "$T/r.csv")" 600
has "it holds the rejected record in clear" "$T/r.csv" "欧阳娜娜,13912345678"
printf 'old\n' >"$T/r.csv"
chmod 644 "$T/r.csv"
run 1 intake --rejects "$T/r.csv" "$T/in.csv"
eq "one that was 0644 is made 0600" "$(mode "$T/r.csv")" 600
eq "and emptied before it is written" "$(head -1 "$T/r.csv" | tr -d '\r')" "file,line,reason,ref,received,reporter,phone,text,community"
run 74 intake --rejects /dev/full "$T/in.csv"
has "a device is written as it is" "$T/err" "cannot write '/dev/full'"

# ---- the rejects file is not the input ----
cp "$T/in.csv" "$T/keep.csv"
cp "$T/in.csv" "$T/same.csv"
ln "$T/same.csv" "$T/other-name.csv"
gone=$T/never.db
MINYI_DB=$gone run 64 intake --rejects "$T/same.csv" "$T/same.csv"
has "intake names the file" "$T/err" "intake: the rejects file '$T/same.csv' is the input '$T/same.csv'"
[ -e "$gone" ] && fail "no database is created" || pass "no database is created"
MINYI_DB=$gone run 64 intake --rejects "$T/other-name.csv" "$T/keep.csv" "$T/same.csv"
has "through another name" "$T/err" "is the input '$T/same.csv'"
MINYI_DB=$gone run 64 sh -c 'intake --rejects "$1" <"$2"' - "$T/other-name.csv" "$T/same.csv"
has "standard input too" "$T/err" "is the input '(standard input)'"
run 64 resolve --import "$T/same.csv" --rejects "$T/same.csv"
has "resolve" "$T/err" "resolve: the rejects file"
run 64 callback --import "$T/same.csv" --rejects "$T/other-name.csv"
has "callback" "$T/err" "callback: the rejects file"
run 64 reconcile --rejects "$T/same.csv" "$T/same.csv"
has "reconcile" "$T/err" "reconcile: the rejects file"
run 64 units --rejects "$T/same.csv" import "$T/keep.csv" "$T/other-name.csv"
has "units" "$T/err" "units: the rejects file"
cmp -s "$T/in.csv" "$T/same.csv" && pass "the input is left whole" || fail "the input is left whole"
before=$(cksum <"$MINYI_DB")
run 64 intake --rejects "$MINYI_DB" "$T/in.csv"
has "nor the database" "$T/err" "is the database '$MINYI_DB'"
eq "the database is left whole" "$(cksum <"$MINYI_DB")" "$before"

# ---- the database removed or replaced while a tool writes ----
# Eight files of 10,000 demands, each one transaction: once the first is
# committed (polled, whatever the machine's speed), the database goes, and the
# next commit must find it gone rather than write into a file nobody can open.
awk -v d="$T" 'BEGIN {
	for (f = 1; f <= 8; f++)
		for (i = 1; i <= 10000; i++) {
			if (i == 1)
				print "ref,received,phone,community,estate,category,text" >(d "/part" f ".csv")
			printf "G%d-%05d,2026-10-%02d 10:00,139%08d,萌山社区,祥和苑,垃圾清运,第%d号楼垃圾满溢\n",
			    f, i, i % 28 + 1, i, i >>(d "/part" f ".csv")
		}
}'
parts=$(for f in 1 2 3 4 5 6 7 8; do printf '%s ' "$T/part$f.csv"; done)
D=$T/d/minyi.db
fresh() { rm -rf "$T/d" && mkdir "$T/d" && cp "$T/org.db" "$D"; }
# midway SQL HOW TOOL ARG...: runs TOOL on $D in the background and, once SQL
# counts a commit there (polled, whatever the machine's speed), evaluates HOW;
# then waits for TOOL: its exit status, with stdout and stderr in $T.
midway() {
	q=$1 how=$2
	shift 2
	MINYI_DB=$D "$@" >"$T/out" 2>"$T/err" &
	pid=$!
	i=0
	while [ $i -lt 2000 ] && [ "$(sqlite3 "$D" "$q" 2>/dev/null || echo 0)" -eq 0 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	eval "$how"
	wait $pid
}
# stopped STATUS WHAT TOOL SUMMARY WHOLE: TOOL ended with 74 naming $D, claimed
# nothing (no SUMMARY on stderr), and streamed only commits of WHOLE cases,
# not all of them: it stopped at the one that failed.
stopped() {
	eq "$2: exit 74" "$1" 74
	has "$2: the database is named" "$T/err" "$3: the database '$D' was removed or replaced while in use"
	grep -q "$4" "$T/err" && fail "$2: no summary claims what was lost" || pass "$2: no summary claims what was lost"
	n=$(($(wc -l <"$T/out") - 1))
	eq "$2: no case streamed for the lost commit" "$((n % $5))" 0
	[ "$n" -lt 80000 ] && pass "$2: stopped at the failed commit ($n streamed)" || fail "$2: stopped at the failed commit ($n)"
}
first="SELECT count(*) FROM cases WHERE ref GLOB 'G*'"
fresh
# shellcheck disable=SC2086
midway "$first" 'rm -rf "$T/d"' intake $parts
stopped $? "intake, the directory removed" intake " new, " 10000
# Another database put in its place, with none of the old one's log beside it.
fresh
cp "$T/org.db" "$T/new.db"
# shellcheck disable=SC2086
midway "$first" 'rm -f "$D-wal" "$D-shm"; mv "$T/new.db" "$D"' intake $parts
stopped $? "intake, the file replaced" intake " new, " 10000
eq "the file put in its place got nothing" "$(sqlite3 "$D" "$first")" "$(sqlite3 "$T/org.db" "$first")"

# route --pending commits in batches of 4,096: it stops at the first that fails.
fresh
MINYI_DB=$D run 0 intake $parts
midway "$first AND status <> 'new'" 'rm -rf "$T/d"' route --pending
stopped $? "route --pending, the directory removed" route "routed (" 4096
done_testing
