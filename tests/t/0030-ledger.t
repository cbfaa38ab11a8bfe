#!/bin/sh
# ledger: filters, counts, show with history, formats, masking and reveal.
. tests/t/lib.sh

org
cat >"$T/team.csv" <<'CSV'
ref,channel,received,reporter,phone,address,community,estate,category,text
L1,visit,2026-10-31 23:30,李四,13912345678,,萌山社区,祥和苑,垃圾清运,垃圾没人清运
L2,visit,2026-11-01 00:30,王五,0537-2345678,,祥和社区,书香名邸,停车管理,"乱停车,堵路"
L3,hall,2026-11-02 09:00,赵六,,,萌山社区,金城花园,垃圾清运,=HYPERLINK("x")
L4,wechat,2026-11-03 09:00,钱七,13712345678,,黄岗村,,供暖,暖气不热
CSV
run 0 intake "$T/team.csv"
# A routed, overdue case to filter on (the routing tool sets these in real use).
sql "UPDATE cases SET status = 'open', tier = 'community', resp_id = (SELECT id FROM units
    WHERE code = '370829001010'), due = strftime('%s', '2026-11-20', 'utc'), colour = 'yellow' WHERE ref = 'L1'"

run 0 ledger
eq "all four, by id" "$(cut -f1,3 "$T/out" | tr '\t\n' ': ')" "id:ref 1:L1 2:L2 3:L3 4:L4 "
run 0 ledger --status open
eq "by status" "$(tail -n +2 "$T/out" | cut -f3)" L1
run 0 ledger --overdue
eq "overdue at --at" "$(tail -n +2 "$T/out" | cut -f3)" L1
run 0 ledger --overdue --at "2026-11-19 12:00"
eq "not yet overdue earlier" "$(tail -n +2 "$T/out" | wc -l)" 0
run 0 ledger --unit 萌山社区
eq "by responsible unit, loosely named" "$(tail -n +2 "$T/out" | cut -f3)" L1
run 0 ledger --community 萌山社区
eq "by community" "$(tail -n +2 "$T/out" | cut -f3 | tr '\n' ' ')" "L1 L3 "
run 0 ledger --street 卧龙山街道
eq "by street" "$(tail -n +2 "$T/out" | cut -f3)" L4
run 0 ledger --category 垃圾清运 --channel 敲门
eq "category and channel (Chinese name)" "$(tail -n +2 "$T/out" | cut -f3)" L1
run 0 ledger --colour none
eq "no colour" "$(tail -n +2 "$T/out" | wc -l)" 3
run 0 ledger --from 2026-11-01 --to 2026-11-02
eq "received in local days, --to inclusive of a bare date" "$(tail -n +2 "$T/out" | cut -f3 | tr '\n' ' ')" "L2 L3 "
run 0 ledger --count --status new
same "count" "$T/out" <<'X'
count
3
X
run 0 ledger --by category -o csv
has "csv lines end in CRLF" "$T/out" "$(printf 'count\r')"
tr -d '\r' <"$T/out" >"$T/out.txt"
same "counts by field, csv" "$T/out.txt" <<'X'
category,count
垃圾清运,2
供暖,1
停车管理,1
X
run 0 ledger --by month
same "by local month, in date order" "$T/out" <<'X'
month	count
2026-10	1
2026-11	3
X
run 64 ledger --by colourful
run 64 ledger --status pending
has "bad status named" "$T/err" "unknown status 'pending'"
run 64 ledger --community 不存在社区
has "unknown community" "$T/err" "unknown community '不存在社区'"
run 64 ledger --limit 0

run 0 ledger -o csv --community 萌山社区
tr -d '\r' <"$T/out" >"$T/out.txt"
same "csv: masked, formulas neutralised" "$T/out.txt" <<X
id,channel,ref,received,status,tier,street,community,estate,category,unit,due,colour,reopens,reporter,phone,text,\
resolved,closed,first_unit,collector,resolution
1,visit,L1,2026-10-31 23:30:00,open,community,嘉祥镇街道,萌山社区居民委员会,祥和苑,垃圾清运,萌山社区居民委员会,\
2026-11-20 00:00:00,yellow,0,李*,139****5678,垃圾没人清运,,,,,
3,hall,L3,2026-11-02 09:00:00,new,,嘉祥镇街道,萌山社区居民委员会,金城花园,垃圾清运,,,,0,赵*,,"'=HYPERLINK(""x"")",,,,,
X
run 0 ledger -o csv --bom --limit 1
eq "--bom" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" efbbbf
run 0 ledger -o json --limit 1
has "json numbers" "$T/out" '"id":1'
run 0 ledger -o ndjson
eq "ndjson: a line a case" "$(wc -l <"$T/out")" 4
run 0 ledger -o table --limit 1
has "table aligns" "$T/out" "id  channel  ref  received"

run 0 ledger show 2
has "show: the case" "$T/out" "$(printf 'text\t乱停车,堵路')"
has "show: masked" "$T/out" "$(printf 'reporter\t王*')"
has "show: history" "$T/out" "intake"
run 0 ledger -o json show 2
eq "show json is one document" "$(sqlite3 :memory: "SELECT json_extract(readfile('$T/out'), '\$.case.ref')
    || json_array_length(readfile('$T/out'), '\$.events')")" "L21"
run 65 ledger show 99
has "no such case" "$T/err" "no case 99"
run 64 ledger show abc

e=$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")
run 0 ledger --reveal --community 萌山社区
has "revealed" "$T/out" "李四	13912345678"
eq "every revealed case gets an event" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" $((e + 2))
eq "who revealed is recorded" "$(sql "SELECT DISTINCT operator FROM events WHERE kind = 'reveal'")" tester

# Read-only tools do not create a database, and refuse what they cannot read.
MINYI_DB=$T/none.db run 66 ledger
eq "no file created" "$(ls "$T/none.db" 2>/dev/null)" ""
echo "not a database" >"$T/junk.db"
MINYI_DB=$T/junk.db run 73 ledger
has "not SQLite" "$T/err" "not a minyi database"
cp "$MINYI_DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
MINYI_DB=$T/newer.db run 73 ledger
has "a newer database is refused" "$T/err" "newer than this minyi knows"
MINYI_DB=$T/newer.db run 73 intake --text x
eq "and left untouched" "$(sqlite3 "$T/newer.db" 'PRAGMA user_version')" 99
run 0 sql "SELECT 1"
if sql "UPDATE events SET kind = 'x' WHERE id = 1" 2>"$T/err"; then
	fail "events cannot be updated"
else
	has "events cannot be updated" "$T/err" "append-only"
fi
if sql "DELETE FROM events" 2>"$T/err"; then fail "events cannot be deleted"; else has "events cannot be deleted" "$T/err" "append-only"; fi
chmod 644 "$MINYI_DB"
run 0 ledger --count
has "a readable database is warned about" "$T/err" "readable by group or others"
done_testing
