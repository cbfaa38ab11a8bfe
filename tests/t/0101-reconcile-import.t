#!/bin/sh
# reconcile: --dry-run and --strict, --intake-missed, GB18030, the other
# layouts, the config, and --evaluate against a truth file.
. tests/t/lib.sh

hotline_ledger
intake "$T/c.csv" >/dev/null 2>&1
cp "$MINYI_DB" "$T/before.db"

# --dry-run decides and writes nothing; --strict takes all or nothing.
run 1 reconcile --dry-run "$T/h.csv"
has "the dry run says so" "$T/err" "reconcile: (dry run) 5 matched, 2 missed, 2 outside; 0 unchanged, 1 rejected"
eq "and writes nothing" "$(sql "SELECT (SELECT count(*) FROM hotline) + (SELECT count(*) FROM deductions) + (SELECT sum(hotline_hits) FROM cases)")" 0
run 65 reconcile --strict "$T/h.csv"
has "strict names the line" "$T/err" "h.csv:11: no demand text (--strict: nothing written)"
eq "nothing written" "$(sql "SELECT count(*) FROM hotline")" 0

# An export without a time column is refused whole, before any record is read.
cut -d, -f1,3- "$T/h.csv" >"$T/notime.csv"
run 65 reconcile "$T/notime.csv"
has "no time column: the file refused, the closest columns named" "$T/err" "notime.csv:1: no column holds the received time (closest: "
eq "nothing written" "$(sql "SELECT count(*) FROM hotline")" 0

# --intake-missed puts the missed demands in the ledger, once.
grep -v G010 "$T/h.csv" >"$T/h9.csv"
run 0 reconcile --intake-missed --rejects "$T/rej.csv" "$T/h9.csv"
cut -f1,3,4 "$T/out" | grep missed >"$T/got"
same "the new cases head the missed records" "$T/got" <<'X'
6	G004	missed
7	G009	missed
X
has "counted" "$T/err" "reconcile: 5 matched, 2 missed, 2 outside; 0 unchanged, 0 rejected; 2 cases added"
eq "as hotline cases, by ticket, in our categories" "$(sql "SELECT group_concat(channel || ' ' || ref || ' ' || category || ' ' || status, '; ')
    FROM cases WHERE id > 5")" "hotline G004 物业服务 new; hotline G009 供水 new"
eq "with an intake event" "$(sql "SELECT json_extract(details, '\$.ticket') || '|' || json_extract(details, '\$.tool') FROM events
    WHERE case_id = 7 AND kind = 'intake'")" "G009|reconcile"
eq "linked from the record" "$(sql "SELECT case_id FROM hotline WHERE ticket = 'G009'")" 7
eq "and still a miss" "$(sql "SELECT count(*) FROM deductions")" 2
eq "no rejects file content" "$(wc -l <"$T/rej.csv")" 0
run 0 reconcile --intake-missed "$T/h9.csv"
eq "not made twice" "$(sql "SELECT count(*) FROM cases")" 7
run 0 ledger verify
cat >"$T/h3.csv" <<CSV
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G011,2026-10-26 09:00:00,13300007777,钱进,黄岗村西街3号,卧龙山街道,黄岗村,城乡建设/供水,来电反映：\
村里自来水每天只供几个小时，老人吃水困难，请尽快解决。
CSV
run 0 reconcile "$T/h3.csv"
eq "a later call about a missed demand repeats its case" "$(cut -f1,4 "$T/out" | tail -1)" "$(printf '7\tmatched')"
run 0 route 6 7
eq "and the cases made go down the pipeline" "$(sql "SELECT group_concat(status, ' ') FROM cases WHERE id > 5")" "open open"

# GB18030, as government systems export: the same outcomes.
cp "$T/before.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
iconv -f utf-8 -t gb18030 "$T/h9.csv" >"$T/h-gb.csv"
run 0 reconcile "$T/h-gb.csv"
cut -f1-4 "$T/out" >"$T/got"
same "a GB18030 export" "$T/got" <<'X'
id	hotline	ticket	outcome
1	1	G001	matched
2	2	G002	matched
3	3	G003	matched
	4	G004	missed
	5	G005	outside
	6	G006	outside
1	7	G007	matched
4	8	G008	matched
	9	G009	missed
X
eq "its text in UTF-8" "$(sql "SELECT text FROM hotline WHERE ticket = 'G009'")" \
    "群众来电反映：村里自来水每天只供几个小时，老人吃水困难。"

# The other layouts intake knows: NYC 311 and Open311 (none of them ours).
printf 'Unique Key,Created Date,Incident Address,Borough,Complaint Type,Descriptor\n'\
'59893919,10/01/2026 09:15:00 AM,100 BROADWAY,MANHATTAN,Noise,Loud Music/Party\n'\
'59893920,10/01/2026 09:20:00 AM,1 MAIN ST,A布鲁克林区威廉斯堡南第二街道办事处,Noise,Loud Music/Party\n' >"$T/nyc.csv"
printf '[{"service_request_id":"638344","requested_datetime":"2026-10-02T10:00:00-04:00","address":"1 Main St","service_name":"Pothole",'\
'"description":"Pothole on Main St"}]\n' >"$T/o311.json"
run 0 reconcile "$T/nyc.csv" "$T/o311.json"
cut -f3,4,13 "$T/out" >"$T/got"
same "311 records are outside" "$T/got" <<'X'
ticket	outcome	note
59893919	outside	street 'MANHATTAN' not ours
59893920	outside	street 'A布鲁克林区威廉斯堡南第二' not ours
638344	outside	no place of ours found
X
printf 'a,b\n1,2\n' >"$T/junk.csv"
run 65 reconcile "$T/junk.csv" "$T/h3.csv"
has "a file of no known layout is named" "$T/err" "junk.csv:1: no known layout: no column holds the demand text"
has "and the others are read" "$T/err" "reconcile: 0 matched, 1 missed, 0 outside"
run 66 reconcile "$T/none.csv"

# The config: the deduction to the estate, other points, a bad value.
cp "$T/before.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
echo '{"reconcile": {"charge": "estate", "points": 1.5, "multiplier": 3}}' >"$T/est.json"
run 0 reconcile -c "$T/est.json" "$T/h9.csv"
eq "charged to the estate" "$(sql "SELECT group_concat(u.code || ' ' || d.points, '; ') FROM deductions d JOIN units u ON u.id = d.unit_id")" \
    "370829001010-E02 4.5; 370829002200 4.5"
echo '{"reconcile": {"charge": "street"}}' >"$T/bad.json"
run 78 reconcile -c "$T/bad.json" "$T/h9.csv"
has "names the key" "$T/err" "'reconcile.charge': expected community or estate, found 'street'"
echo '{"reconcile": {"weights": {"days": [{"within": 7, "weight": 1}, {"within": 3, "weight": 2}]}}}' >"$T/bad.json"
run 78 reconcile -c "$T/bad.json" "$T/h9.csv"
has "bins in order" "$T/err" "'reconcile.weights.days[1]': expected within (0 to 36500, rising) and weight"

# --evaluate against a truth file: the stored run (value), the records
# matched again with the hand-set weights, and (no model is stored) no
# estimated figures.
printf 'ticket,ref\nG001,T1\nG002,T2\nG003,T3\nG004,T5\nG005,\nG008,T4\nG009,\nG404,\n' >"$T/truth.csv"
run 0 reconcile -o table --evaluate "$T/truth.csv"
same "scores and errors" "$T/out" <<'X'
metric         value  hand_set  estimated
records            7         7
true_matches       5         5
matched            4         4
correct            4         4
precision     1.0000    1.0000
recall        0.8000    0.8000
f1            0.8889    0.8889
not_imported       1         1

ticket  error        truth  matched  score
G004    not matched  T5
X
run 66 reconcile --evaluate "$T/none.csv"
printf 'a,b\n1,2\n' >"$T/notruth.csv"
run 65 reconcile --evaluate "$T/notruth.csv"
done_testing
