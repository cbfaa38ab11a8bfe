#!/bin/sh
# route reads the case stream as it comes: a batch is committed and printed
# a second after its first case came (or when it holds 4,096 cases), not when
# the input ends; between batches another writer gets the database.
. tests/t/lib.sh

org
awk 'BEGIN { print "ref,received,community,text";
	for (i = 1; i <= 12; i++) print "S" i ",2026-11-20 10:00,萌山社区,楼道垃圾没人清运" i }' >"$T/c.csv"
run 0 intake "$T/c.csv"

# wait_for FILE PATTERN: waits up to 5 s for a line of FILE to start with
# PATTERN; prints the tenths of a second it waited.
wait_for() {
	w=0
	while ! grep -q "^$2" "$1" 2>/dev/null && [ $w -lt 50 ]; do sleep 0.1; w=$((w + 1)); done
	echo $w
}
status() { sql "SELECT group_concat(id || ':' || status, ' ') FROM cases WHERE id IN ($1)"; }

# A slow producer: case 1, then (once route has printed it, or after 5 s)
# what the database and route's output held by then, then case 2.
{
	echo 1
	wait_for "$T/s.out" '1	' >"$T/waited"
	status 1,2 >"$T/db-then"
	cp "$T/s.out" "$T/out-then"
	echo 2
} | route >"$T/s.out" 2>"$T/s.err"
eq "a stream with a pause: exit 0" "$?" 0
waited=$(cat "$T/waited")
eq "case 1 routed before case 2 came, and kept" "$(cat "$T/db-then")" "1:open 2:new"
eq "case 1 printed before case 2 came" "$(cut -f1 "$T/out-then")" "id
1"
eq "within about a second (waited ${waited}00 ms, at most 2.5 s)" "$([ "$waited" -le 25 ] && echo yes)" yes
eq "then case 2" "$(cut -f1,7 "$T/s.out" | tail -n +2 | tr '\t\n' ': ')" "1:rule 2:rule "
has "one summary for the whole stream" "$T/s.err" \
    "route: 2 routed (2 by rule, 0 by model, 0 to the centre for triage), 0 skipped"

# A line that comes in two parts is one id: "1" then "2" is case 12.
{
	printf 1
	sleep 1.5
	printf '2\n'
} | route >"$T/s.out" 2>"$T/s.err"
eq "a line in two parts: exit 0" "$?" 0
eq "a line in two parts is one case" "$(cut -f1 "$T/s.out" | tail -n +2)" 12
eq "and not the case its first part names" "$(status 1,12)" "1:open 12:open"

# While route waits for the next case, no transaction is open: another
# writer (here intake, which must not wait) takes in a case, whose id then
# comes down the stream. Skipped cases and a header line pass as before.
printf 'ref,received,community,text\nS13,2026-11-20 10:00,萌山社区,路灯坏了\n' >"$T/d.csv"
{
	printf 'id\tstatus\n3\n4\n1\n'
	wait_for "$T/s.out" '4	' >/dev/null
	sleep 0.2
	MINYI_BUSY_TIMEOUT=100 intake "$T/d.csv" 2>"$T/i.err"
	echo "$?" >"$T/i.rc"
} | route >"$T/s.out" 2>"$T/s.err"
eq "with a writer between batches: exit 1 (case 1 skipped)" "$?" 1
eq "the writer did not wait for route" "$(cat "$T/i.rc")" 0
eq "the writer's case came down the stream and was routed" "$(cut -f1 "$T/s.out" | tail -n +2 | tr '\n' ' ')" "3 4 13 "
has "the case already routed is named" "$T/s.err" "route: case 1: open already"

# A dry run commits nothing, batch after batch.
{
	echo 5
	wait_for "$T/s.out" '5	' >/dev/null
	echo 6
} | route --dry-run >"$T/s.out" 2>"$T/s.err"
eq "a dry run over a pause: exit 0" "$?" 0
eq "a dry run prints both cases" "$(cut -f1 "$T/s.out" | tail -n +2 | tr '\n' ' ')" "5 6 "
eq "and keeps neither" "$(status 5,6)" "5:new 6:new"

# A full batch does not wait for the second: of 4,097 cases at once, the
# first 4,096 are printed and kept while the last waits for company.
awk 'BEGIN { print "ref,received,community,text";
	for (i = 1; i <= 4097; i++) print "B" i ",2026-11-21 10:00,萌山社区,楼道垃圾没人清运" i }' >"$T/b.csv"
run 0 intake "$T/b.csv"
cut -f1 "$T/out" | tail -n +2 >"$T/b.ids"
{
	cat "$T/b.ids"
	wait_for "$T/s.out" "$(sed -n 4096p "$T/b.ids")	" >/dev/null
	sql "SELECT count(*) FROM cases WHERE status = 'open' AND ref LIKE 'B%'" >"$T/db-then"
	cp "$T/s.out" "$T/out-then"
	wait_for "$T/s.out" "$(tail -n 1 "$T/b.ids")	" >/dev/null
} | route >"$T/s.out" 2>"$T/s.err"
eq "4,097 cases: exit 0" "$?" 0
eq "the first 4,096 printed at once" "$(($(wc -l <"$T/out-then") - 1))" 4096
eq "and kept" "$(cat "$T/db-then")" 4096
eq "then the last" "$(($(wc -l <"$T/s.out") - 1))" 4097
# route --pending commits and prints each batch of 4,096 in turn: when its
# first line comes, the first batch is kept and the rest still waits.
awk 'BEGIN { print "ref,received,community,text";
	for (i = 1; i <= 4097; i++) print "P" i ",2026-11-22 10:00,萌山社区,路灯坏了没人修" i }' >"$T/p.csv"
run 0 intake "$T/p.csv"
new=$(sql "SELECT count(*) FROM cases WHERE status = 'new'")
route --pending 2>"$T/s.err" | {
	IFS= read -r head
	IFS= read -r first
	sql "SELECT count(*) FROM cases WHERE status = 'new'" >"$T/db-then"
	cat >/dev/null
}
eq "--pending: the first batch kept when its first line is printed" "$((new - $(cat "$T/db-then")))" 4096
eq "then all" "$(sql "SELECT count(*) FROM cases WHERE status = 'new'")" 0
done_testing
