#!/bin/sh
# A database with cases but no units, no people and no teams (a county that
# has not imported its organisation yet): every tool runs and says what it
# lacks. Under `make check-san` a tool that hands a null array to the C
# library (qsort, bsearch) stops with the sanitizer's report, and fails here.
. tests/t/lib.sh

printf 'ref,received,community,category,text,collector\nN1,2026-11-02 09:00,萌山社区,路灯,路灯坏了,马超\n' >"$T/c.csv"
run 0 intake --at '2026-11-02 10:00' "$T/c.csv"
has "the case lands, its place not found" "$T/err" "intake: 1 new, 0 already known, 0 rejected, 1 with location not resolved"
run 1 route --at '2026-11-02 11:00' --pending
has "route says there is no centre" "$T/err" "centre"
run 0 escalate --at '2026-11-03 09:00'
run 0 escalate --at '2026-11-03 09:00' --report
run 0 callback --at '2026-11-03 09:00' --due
for by in unit person team; do
	run 0 score -m 2026-11 --by $by
done
run 0 score -m 2026-11 --bulletin
run 0 ledger
run 0 ledger --by unit
for what in list people platforms teams; do
	run 0 units $what
done
printf 'ticket,received,phone,community,text\nH1,2026-11-02 08:00,13912345678,萌山社区,路灯坏了\n' >"$T/h.csv"
run 0 reconcile --at '2026-11-05 09:00' "$T/h.csv"
done_testing
