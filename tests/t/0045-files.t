#!/bin/sh
# The files a tool creates: the rejects file is its owner's only, whatever the
# umask, and never the input it is about to read nor the database.
. tests/t/lib.sh

org
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
done_testing
