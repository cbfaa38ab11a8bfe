#!/bin/sh
# A database step that fails mid-run (tests/shim/faildb.c): intake exits
# with its error, stores all of a file or none of it, and does not crash.
. tests/t/lib.sh

team_ledger 4
faults "intake" 0 intake "$T/team.csv"
eq "after the faults, the clean run stored the 4 cases" "$(sql 'SELECT count(*) FROM cases')" 4

done_testing
