#!/bin/sh
# score --publish freezes a month: a re-check leaves its misses as they are
# and lists them on stderr for the task force. reconcile --cause records why
# a demand was missed; --missed shows it; the bulletin lists the misses
# without a cause, per unit.
. tests/t/lib.sh

hotline_ledger
run 0 intake "$T/c.csv"
# export_of NAME: $T/NAME.csv, a 12345 export of the rows on standard input.
export_of() { { echo "$hotline_header"; cat; } >"$T/$1.csv"; }
run 1 reconcile "$T/h.csv"

# Publishing: once, with an event; a second time changes nothing.
run 0 score --at '2026-11-05 10:00' --publish -m 2026/10
has "said" "$T/err" "score: month 2026/10 published: its misses are no longer changed by a re-check"
eq "one event, on no case" "$(sql "SELECT count(*) || '|' || group_concat(details) FROM events WHERE kind = 'publish' AND case_id IS NULL")" \
    '1|{"month":"2026-10"}'
run 0 score --at '2026-11-06 10:00' --publish -m 2026-10
has "twice: nothing changed" "$T/err" "score: month 2026-10 was published before: nothing changed"
eq "still one event" "$(sql "SELECT count(*) FROM events WHERE kind = 'publish'")" 1
run 0 score --published
same "the published months" "$T/out" <<'X'
month	published	operator
2026-10	2026-11-05 10:00:00	tester
X
run 64 score --publish
run 64 score --publish -y 2026
run 64 score --published -m 2026-10
run 64 score --publish --bulletin -m 2026-10

# A late sheet now matches G004, but October is published.
cat >"$T/late.csv" <<CSV
ref,channel,received,reporter,phone,address,street,community,estate,category,text,collector,unit
T6,visit,2026-10-16 16:00,周杰,18800004444,金城花园9号楼3单元902,嘉祥镇街道,萌山社区,金城花园,物业服务,\
物业费突然上涨没有征求业主意见，业主意见很大，希望社区协调。,许褚,370829001010
CSV
run 0 intake --at '2026-11-20 10:00' "$T/late.csv"
sql "SELECT count(*) FROM events" >"$T/nev"
run 1 reconcile "$T/h.csv"
eq "nothing printed" "$(wc -l <"$T/out")" 1
has "listed on stderr for the task force" "$T/err" \
    "reconcile: ticket 'G004' of published month 2026-10 now matches case 6 (score 29.50): left missed for the task force to decide"
has "and counted" "$T/err" "; 1 miss of a published month left for the task force"
eq "G004 unchanged" "$(sql "SELECT outcome || '|' || coalesce(case_id, '-') FROM hotline WHERE ticket = 'G004'")" "missed|-"
eq "its deduction stands" "$(sql "SELECT count(*) FROM deductions WHERE reason = 'hotline ticket G004'")" 1
eq "no event" "$(sql "SELECT count(*) FROM events")" "$(cat "$T/nev")"

# Causes.
run 0 reconcile --at '2026-11-26 10:00' --cause G004 --note '包小区干部未入户走访'
has "recorded" "$T/err" "reconcile: cause of ticket 'G004' recorded"
eq "kept with the hotline record" "$(sql "SELECT cause FROM hotline WHERE ticket = 'G004'")" "包小区干部未入户走访"
eq "an event (G004 has no case: on no case)" "$(sql "SELECT coalesce(case_id, '-') || ' ' || details FROM events WHERE kind = 'cause'")" \
    '- {"ticket":"G004","hotline":4,"cause":"包小区干部未入户走访"}'
run 0 reconcile --missed
cut -f1,2,5,10 "$T/out" >"$T/got"
same "--missed shows the causes" "$T/got" <<'X'
month	unit	ticket	cause
2026-10	370829001010	G004	包小区干部未入户走访
2026-10	370829002200	G009	
X
run 65 reconcile --cause G001 --note x
has "a match has no cause" "$T/err" "reconcile: hotline record 'G001' is matched, not missed: it has no cause to record"
run 65 reconcile --cause G999 --note x
has "unknown ticket" "$T/err" "reconcile: no hotline record 'G999'"
run 64 reconcile --cause G009
run 64 reconcile --cause G009 --note '  '
run 64 reconcile --cause G009 --note x "$T/h.csv"
run 0 ledger verify

# The bulletin lists the month's misses nobody has found a cause for: G009
# (黄岗村) only, G004 having one.
run 0 score -m 2026-10 --bulletin
sed -n '/未查明原因/,$p' "$T/out" >"$T/got"
same "the uncaused misses per unit" "$T/got" <<'X'
六、未查明原因的漏报诉求（12345热线）
单位编码      单位        未查明原因  工单编号
370829002200  黄岗村委会           1  G009
X
run 0 reconcile --cause G009 --note '村委会未建微信群'
run 0 score -m 2026-10 --bulletin
eq "every miss caused: no such section" "$(grep -c 未查明原因 "$T/out")" 0
run 0 score -m 2026-11 --bulletin
eq "a month without misses: none either" "$(grep -c 未查明原因 "$T/out")" 0

# An export that changes a stored record of a published month leaves it as
# it was stored, and lists it: G009 (October, missed) with another text.
# A record stored in November that the export moves into October is held
# the same way, since its deduction would land in the published month.
export_of h2 <<CSV
G011,2026-11-02 08:00:00,13300009999,冯明,黄岗村北街8号,卧龙山街道,黄岗村,城乡建设/供水,村北水管漏水。
CSV
run 0 reconcile --at '2026-11-27 10:00' "$T/h2.csv"
eq "G011 stored in November, missed" "$(sql "SELECT outcome FROM hotline WHERE ticket = 'G011'")" missed
export_of h3 <<CSV
G009,2026-10-22 08:00:00,13300007777,钱进,黄岗村西街3号,卧龙山街道,黄岗村,城乡建设/供水,村里自来水停了三天。
G011,2026-10-30 08:00:00,13300009999,冯明,黄岗村北街8号,卧龙山街道,黄岗村,城乡建设/供水,村北水管漏水。
CSV
sql "SELECT count(*) FROM events" >"$T/nev"
sql "SELECT ticket, received, text, outcome, coalesce(case_id, '-') FROM hotline ORDER BY id" >"$T/hot"
sql "SELECT month, unit_id, points, hotline_id FROM deductions ORDER BY id" >"$T/ded"
run 0 reconcile --at '2026-11-28 10:00' "$T/h3.csv"
has "G009 listed" "$T/err" \
    "reconcile: ticket 'G009' of published month 2026-10 changed in the export (it would now be missed): left as stored for the task force to decide"
has "G011 listed under the month it would move into" "$T/err" \
    "reconcile: ticket 'G011' of published month 2026-10 changed in the export (it would now be missed): left as stored for the task force to decide"
has "and counted" "$T/err" "; 2 changed records of published months left as stored"
sql "SELECT ticket, received, text, outcome, coalesce(case_id, '-') FROM hotline ORDER BY id" >"$T/hot2"
same "the hotline records as they were" "$T/hot2" <"$T/hot"
sql "SELECT month, unit_id, points, hotline_id FROM deductions ORDER BY id" >"$T/ded2"
same "the deductions as they were" "$T/ded2" <"$T/ded"
eq "no event" "$(sql "SELECT count(*) FROM events")" "$(cat "$T/nev")"
eq "nothing printed but the header" "$(wc -l <"$T/out")" 1
# A change within a month that is not published is made as before.
export_of h4 <<CSV
G011,2026-11-03 08:00:00,13300009999,冯明,黄岗村北街8号,卧龙山街道,黄岗村,城乡建设/供水,村北水管漏水。
CSV
run 0 reconcile --at '2026-11-28 11:00' "$T/h4.csv"
eq "G011 changed in November" "$(sql "SELECT datetime(received, 'unixepoch', 'localtime') FROM hotline WHERE ticket = 'G011'")" "2026-11-03 08:00:00"
eq "no record held" "$(grep -c 'left as stored' "$T/err")" 0
run 0 ledger verify

done_testing
