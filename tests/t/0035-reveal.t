#!/bin/sh
# --reveal: no name or phone reaches the reader before its reveal is recorded,
# whichever tool shows it and whether or not the recording succeeds.
. tests/t/lib.sh

org
awk 'BEGIN {
	print "ref,received,reporter,phone,community,estate,text"
	for (i = 1; i <= 3000; i++)
		printf "R%04d,2026-11-02 10:00,欧阳娜娜,139%08d,萌山社区,祥和苑,%d号楼门口垃圾没人清运\n", i, i, i
}' >"$T/many.csv"
run 0 intake "$T/many.csv"
reveals() { sql "SELECT count(*) FROM events WHERE kind = 'reveal'"; }

# Locked past the busy timeout: the reveal cannot be recorded, so nothing
# is shown, not even the header line the list starts with.
lock_db
MINYI_BUSY_TIMEOUT=300 run 75 ledger --reveal --limit 3
eq "locked list: nothing written" "$(wc -c <"$T/out")" 0
MINYI_BUSY_TIMEOUT=300 run 75 ledger --reveal show 1
eq "locked show: nothing written" "$(wc -c <"$T/out")" 0
unlock_db
eq "locked: no reveal recorded" "$(reveals)" 0

# The same, unlocked: shown in clear, and recorded.
run 0 ledger --reveal --limit 3
has "list: the name in clear" "$T/out" "欧阳娜娜	13900000001"
eq "list: one reveal per case shown" "$(reveals)" 3
run 0 ledger --reveal show 2
has "show: the phone in clear" "$T/out" "13900000002"
eq "show: its reveal" "$(reveals)" 4

# A reader that stops early (| head) gets its lines, and the look at the
# whole list was recorded before any of them.
ledger --reveal >"$T/all.out" 2>"$T/err" &
wait $!
eq "the whole list, to a file" "$(($(wc -l <"$T/all.out") - 1))" 3000
n=$(reveals)
ledger --reveal 2>"$T/err" | head -c 100 >"$T/head.out"
has "head: the first bytes came" "$T/head.out" "id	channel"
eq "head: every case the list held was recorded" "$(reveals)" $((n + 3000))

# A tool that shows nothing in clear lets its output through with --reveal.
run 0 route --reveal 1
eq "route's stream, held and let through" "$(tail -n +2 "$T/out" | cut -f1)" 1
run 0 resolve --reveal --note "已清运" 1
eq "resolve's stream, held and let through" "$(tail -n +2 "$T/out" | cut -f1)" 1
done_testing
