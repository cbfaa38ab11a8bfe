#!/bin/sh
# The Unix conventions every tool keeps: --help and -h print the usage on
# standard output and exit 0; --version names the tool, minyi's version and
# the schema; a wrong command line says what was wrong before the usage
# (exit 64); -q leaves only problems on standard error.
. tests/t/lib.sh

schema=$(sed -n 's/^#define MI_SCHEMA_VERSION \([0-9]*\).*/\1/p' lib/store/store.h)
version=$(sed -n 's/^#define MI_VERSION "\(.*\)"/\1/p' include/minyi.h)
for src in cmd/*.c; do
	tool=$(basename "$src" .c)
	run 0 "$tool" --help
	has "$tool --help: the usage on stdout" "$T/out" "usage: $tool "
	eq "$tool --help: nothing on stderr" "$(wc -c <"$T/err")" 0
	cp "$T/out" "$T/help"
	run 0 "$tool" -h
	if cmp -s "$T/out" "$T/help"; then pass "$tool -h is --help"; else fail "$tool -h is --help"; fi
	run 0 "$tool" --version
	same "$tool --version" "$T/out" <<OUT
$tool (minyi) $version, database schema $schema
OUT
	run 64 "$tool" --no-such-option
	eq "$tool: a wrong option, the reason first" "$(head -1 "$T/err" | grep -c "unrecognized option '--no-such-option'")" 1
	if sed 1d "$T/err" | cmp -s - "$T/help"; then pass "$tool: then the usage on stderr"; else
		fail "$tool: then the usage on stderr"
	fi
	eq "$tool: nothing on stdout" "$(wc -c <"$T/out")" 0
done
eq "no database was made" "$(test -e "$MINYI_DB" && echo made || echo none)" none
run 74 sh -c 'route --help >/dev/full'
has "--help to a full disk says so" "$T/err" "route: write error on standard output"

# Options that do not go together say which, before the usage.
why() {
	msg=$1
	shift
	run 64 "$@"
	eq "$*: says why first" "$(head -1 "$T/err")" "$msg"
	has "$*: then the usage" "$T/err" "usage: "
}
why "ledger: --count and --by are two different answers: give one" ledger --count --by unit
why "ledger: meetings take only --from and --to (and -o, --bom)" ledger meetings --count
why "ledger: unknown command 'shwo' (expected show, verify, head, meetings, sessions or imports)" ledger shwo 1
why "score: the bulletin is a month's or a year's: --bulletin takes -m month or -y year" score --bulletin --from 2026-10-01 --to 2026-10-31
why "score: the year's bulletin is a text for reading: it takes no -o" score --bulletin -y 2026 -o xlsx
why "score: which period? give -m month, -y year, or --from and --to" score
why "score: give one period: -m, -y or --from and --to" score -m 2026-10 -y 2026
why "score: --from and --to go together" score --from 2026-10-01
why "score: unexpected operand 'x'" score -m 2026-10 x
why "route: --to needs --reason: why the case goes to that unit" route --to X 1
why "route: --folds goes with --evaluate" route --folds 3
why "route: --pending routes every new case: it takes no case ids and no other task" route --pending 3
why "escalate: --up needs --reason: why the cases move up a tier" escalate --up 3
why "escalate: --meeting needs --units and --decision" escalate --meeting 2026-11-04 --units 萌山社区 3
why "reconcile: --month and --by go with --missed" reconcile --month 2026-10 x.csv
why "reconcile: --missed reads no hotline export: it takes no file and no reading option" reconcile --missed x.csv
why "callback: which task? --due, --review, --outcome, --reopen, --import or --dissatisfied" callback
why "callback: --due, --review, --outcome, --reopen, --import and --dissatisfied are separate tasks: give one" callback --due --review
why "callback: --reopen needs --note: why the case is reopened" callback --reopen 3
why "callback: --note goes with --outcome or --reopen" callback --due --note x
why "callback: --reveal goes with --due and --review, which list contacts" callback --dissatisfied --reveal
why "intake: --undo needs --note: why the batch is undone" intake --undo 1
why "intake: --amend needs --note: why the case is amended" intake --amend --phone 13912345678 3
why "intake: --note goes with --amend" intake --note x a.csv
why "resolve: --void and --unvoid undo each other: give one" resolve --void --unvoid --note x 3
why "resolve: --duplicate-of goes with --void" resolve --duplicate-of 2 --note x 3
why "resolve: --import takes the notes from the sheet: no --note" resolve --import x.csv --note x
why "units: which command? import, list, people, platforms, teams or card" units
why "units: import needs the files to read" units import
why "units: list takes no operand" units list x

# -q: a quiet run prints nothing on stderr when nothing went wrong, and still
# tells the problems.
escalate_ledger
run 0 intake -q "$T/c.csv"
eq "intake -q: nothing on stderr" "$(wc -c <"$T/err")" 0
eq "intake -q: the cases still landed" "$(sql 'SELECT count(*) FROM cases')" 5
run 0 route -q --pending
eq "route -q: nothing on stderr" "$(wc -c <"$T/err")" 0
run 0 route --pending
has "route without -q: the summary" "$T/err" "route: 0 routed"
cp "$MINYI_DB" "$T/copy.db"
run 0 escalate -q --at '2026-12-20 09:00'
eq "escalate -q: nothing on stderr" "$(wc -c <"$T/err")" 0
eq "escalate -q: the colours still changed" "$(sql "SELECT count(*) FROM events WHERE kind = 'colour'")" 5
run 0 escalate -d "$T/copy.db" --at '2026-12-20 09:00'
has "escalate without -q: the summary" "$T/err" "escalate: 5 changed colour"
run 0 ledger -q verify
eq "ledger -q verify: nothing on stderr when intact" "$(wc -c <"$T/err")" 0
run 0 ledger verify
has "ledger verify without -q: the verdict" "$T/err" "the history is intact"
sql "DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET at = at + 1 WHERE id = 2;" 2>/dev/null
run 65 ledger -q verify
has "ledger -q verify: a problem is still told" "$T/err" "problem"
printf 'ref,received,community,text\nQ1,not a time,萌山社区,x\n' >"$T/bad.csv"
run 1 intake -q "$T/bad.csv"
has "intake -q: a rejected row is still told" "$T/err" "bad.csv:2"

# Every tool that imports a file takes --encoding; one it does not know is a
# usage error, said with what is accepted.
for tool in intake units callback resolve reconcile; do
	run 64 $tool --encoding latin9 "$T/bad.csv"
	has "$tool: an unknown encoding is named" "$T/err" "$tool: unknown encoding 'latin9' (expected auto, utf-8 or gb18030)"
done
done_testing
