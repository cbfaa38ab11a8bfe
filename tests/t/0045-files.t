#!/bin/sh
# The files a tool creates: the rejects file is its owner's only, whatever the
# umask.
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

done_testing
