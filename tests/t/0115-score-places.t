#!/bin/sh
# score: the figures of places. The call-back rate and the hotline rate of
# each community, street and town; satisfaction per street and town, urban
# (街道) against rural (镇); the county's total line in every format.
. tests/t/lib.sh

org
cat >"$T/town.csv" <<'CSV'
code,name,kind,parent,contact,phone
370829101,纸坊镇,street,370829,,
370829101201,纸坊村委会,community,370829101,,
CSV
run 0 units import "$T/town.csv"
X=370829001013 V=370829101201
D='23:59:59'
{
	# October 2026 (cutoff 2026-11-06 00:00). In 祥和社区 X, of 嘉祥镇街道 (urban):
	# two closed and satisfied, one resolved and dissatisfied, and a hotline
	# case (not collected by the teams: it counts in no line and is no ledger case).
	kase 1 visit '2026-10-05 10:00' $X $X $X $X - closed '2026-10-06 10:00' '2026-10-07 10:00' "2026-10-10 $D" - 0
	kase 2 visit '2026-10-06 10:00' $X $X $X $X - closed '2026-10-07 10:00' '2026-10-08 10:00' "2026-10-12 $D" - 0
	kase 3 hall '2026-10-07 10:00' $X $X $X $X - resolved '2026-10-08 10:00' - "2026-10-13 $D" - 0
	kase 4 hotline '2026-10-08 10:00' - $X - - - new - - - - 0
	cb 1 '2026-10-07 09:00' satisfied; cb 2 '2026-10-08 09:00' satisfied; cb 3 '2026-10-09 09:00' dissatisfied
	# In 纸坊村 V, of 纸坊镇 (rural): two closed (satisfied, basically), one
	# resolved whose call-back reached nobody.
	kase 5 visit '2026-10-05 10:00' $V $V $V $V - closed '2026-10-06 10:00' '2026-10-07 10:00' "2026-10-10 $D" - 0
	kase 6 hall '2026-10-06 10:00' $V $V $V $V - closed '2026-10-07 10:00' '2026-10-08 10:00' "2026-10-12 $D" - 0
	kase 7 visit '2026-10-07 10:00' $V $V $V $V - resolved '2026-10-08 10:00' - "2026-10-13 $D" - 0
	cb 5 '2026-10-07 09:00' satisfied; cb 6 '2026-10-08 09:00' basic; cb 7 '2026-10-09 09:00' unreachable
	# The hotline records, as reconcile stores them: three in X, one in V, one
	# naming 纸坊镇 only, one outside the county, one of November.
	for h in 1 2 3; do
		echo "INSERT INTO hotline(ticket, received, street_id, community_id, imported, updated, outcome)" \
		    "VALUES ('G$h', $(ts '2026-10-1'$h' 10:00'), $(uid 370829001), $(uid $X), 0, 0, 'missed');"
	done
	echo "INSERT INTO hotline(ticket, received, street_id, community_id, imported, updated, outcome)" \
	    "VALUES ('G4', $(ts '2026-10-14 10:00'), $(uid 370829101), $(uid $V), 0, 0, 'missed');"
	echo "INSERT INTO hotline(ticket, received, street_id, imported, updated, outcome)" \
	    "VALUES ('G5', $(ts '2026-10-15 10:00'), $(uid 370829101), 0, 0, 'missed');"
	echo "INSERT INTO hotline(ticket, received, imported, updated, outcome)" \
	    "VALUES ('G6', $(ts '2026-10-16 10:00'), 0, 0, 'outside');"
	echo "INSERT INTO hotline(ticket, received, street_id, community_id, imported, updated, outcome)" \
	    "VALUES ('G7', $(ts '2026-11-02 10:00'), $(uid 370829001), $(uid $X), 0, 0, 'missed');"
} >"$T/ledger.sql"
sql <"$T/ledger.sql"

# The communities. X (1-3): closed 2 of 3 (66.7%: 30 - 23.33 = 6.67, and
# first time 25 - 23.33 = 1.67), 3 of 3 on time (25), satisfied 2 of 3
# (66.7%: 0) = 33.33; called back 3 of 3 resolved; hotline 3 of 3 + 3
# ledger cases = 50.0. V (5-7): 6.67 + 1.67 + 25 + 20 (2 of 2 answered) =
# 53.33; called back 2 of 3 resolved (7 unreachable) = 66.7; hotline 1 (G5
# names no community) of 1 + 3 = 25.0.
run 0 score -m 2026-10 -l community
cut -f1-4,6-8,16-19,22 "$T/out" >"$T/got"
same "the communities' call-back and hotline rates" "$T/got" <<X
line	rank	code	unit	counted	resolved	closed	satisfaction_rate	callback_rate	hotline	hotline_rate	score
community	1	370829101201	纸坊村委会	3	3	2	100.0	66.7	1	25.0	53.33
community	2	370829001013	祥和社区居民委员会	3	3	2	66.7	100.0	3	50.0	33.33
X

# The places. 嘉祥镇街道: cases 1-4 (4 counted), 3 resolved, 2 closed,
# satisfied 2 of 3, called 3 of 3; hotline 3 of 3 + 3 (case 4 is the
# hotline's own) = 50.0. 纸坊镇: 5-7, satisfied 2 of 2, called 2 of 3;
# hotline G4 and G5, 2 of 2 + 3 = 40.0. 卧龙山街道 had nothing: no row.
# Urban is 嘉祥镇街道 alone, rural 纸坊镇 alone: satisfaction 66.7
# against 100.0. The county: 7 cases, satisfied 4 of 5 = 80.0, called 5 of
# 6 = 83.3, hotline 5 (not G6, outside; not G7, November's) of 5 + 6 = 45.5.
run 0 score -m 2026-10
awk -F'\t' '$1 == "street" || $1 == "area" || $1 == "county"' "$T/out" | cut -f1-8,16-23 >"$T/got"
same "streets and towns, urban and rural, the county" "$T/got" <<X
street		370829001	嘉祥镇街道	1	4	3	2	66.7	100.0	3	50.0				
street		370829101	纸坊镇	1	3	3	2	100.0	66.7	2	40.0				
area		urban	街道（城区）	1	4	3	2	66.7	100.0	3	50.0				
area		rural	镇（农村）	1	3	3	2	100.0	66.7	2	40.0				
county		370829	嘉祥县	1	7	6	4	80.0	83.3	5	45.5	0	0.00		
X

# The total line in every format: csv, json (null for what is empty),
# ndjson, table (a dash for a rate with nothing to measure).
run 0 score -m 2026-10 -o csv
eq "csv: the county's total" "$(tail -n 1 "$T/out" | tr -d '\r')" \
    "county,,370829,嘉祥县,1,7,6,4,0,0,0,0,57.1,57.1,100.0,80.0,83.3,5,45.5,0,0.00,,,,,,,,"
run 0 score -m 2026-10 -o json
eq "json: the county's total" "$(jq -c '.[-1] | [.line, .rank, .code, .counted, .callback_rate, .hotline_rate, .score]' "$T/out")" \
    '["county",null,"370829",7,83.3,45.5,null]'
run 0 score -m 2026-10 -o ndjson
eq "ndjson: the county's total" "$(tail -n 1 "$T/out" | jq -c '[.line, .satisfaction_rate, .grade]')" '["county",80,null]'
run 0 score -m 2026-11 -o table
# November: G7 alone, no case: the county's rates have nothing to measure.
eq "table: dashes for rates with nothing to measure" "$(tail -n 1 "$T/out" | tr -s ' ')" \
    "county 370829 嘉祥县 1 0 0 0 0 0 0 0 — — — — — 1 100.0 0 0.00"
run 0 score -m 2026-10 --by person
eq "the people's report ends with the county too" "$(tail -n 1 "$T/out" | cut -f1,5,6)" "$(printf 'county\t嘉祥县\t1')"

# The figures by query, as score(1) gives them.
from=$(ts 2026-10-01) to=$(ts 2026-11-01) cut=$(ts 2026-11-06)
eq "hotline rate of 纸坊镇 by a query" "$(sql "SELECT h || '/' || (h + l) FROM
    (SELECT count(*) AS h FROM hotline WHERE received >= $from AND received < $to AND outcome IS NOT 'outside'
       AND coalesce(street_id, (SELECT parent_id FROM units WHERE id = community_id)) = $(uid 370829101)),
    (SELECT count(*) AS l FROM cases c JOIN units u ON u.id = c.community_id WHERE c.received >= $from
       AND c.received < $to AND c.status <> 'void' AND c.channel <> 'hotline' AND u.parent_id = $(uid 370829101))")" "2/5"
eq "call-back rate of the county by a query" "$(sql "SELECT sum(EXISTS (SELECT 1 FROM callbacks b WHERE b.case_id = c.id
    AND b.at < $cut AND b.outcome <> 'unreachable')) || '/' || count(*) FROM cases c WHERE c.received >= $from
    AND c.received < $to AND c.status IN ('resolved', 'closed') AND c.resolved < $cut")" "5/6"

# A town is rural by its name, 镇 or 乡 (or that alone), whatever the number
# in its code says: 011, with the code alone, would be a 街道's, urban.
sql "UPDATE units SET code = '370829011' WHERE code = '370829101'"
for town in 纸坊镇 纸坊乡 乡; do
	sql "UPDATE units SET name = '$town' WHERE code = '370829011'"
	run 0 score -m 2026-10
	awk -F'\t' '$1 == "area"' "$T/out" | cut -f1-8 >"$T/got"
	same "$town is rural, not urban by its code" "$T/got" <<X
area		urban	街道（城区）	1	4	3	2
area		rural	镇（农村）	1	3	3	2
X
done

# A name with none of those endings: the three digits after the county's six
# tell, 001-099 urban, 100-399 rural; 000, 400 and up, a code not of nine
# digits or not all digits count in neither (纸坊's 3 cases leave both rows).
zid=$(sql "SELECT id FROM units WHERE code = '370829011'")
while read -r code name rows; do
	sql "UPDATE units SET code = '$code', name = '$name' WHERE id = $zid"
	run 0 score -m 2026-10
	eq "$name $code: $rows" "$(awk -F'\t' '$1 == "area" { printf "%s:%s ", $3, $6 }' "$T/out")" "$rows "
done <<'X'
370829011 纸坊 urban:7
370829099 纸坊 urban:7
370829101 纸坊 urban:4 rural:3
370829100 纸坊 urban:4 rural:3
370829399 纸坊 urban:4 rural:3
370829400 纸坊开发区 urban:4
370829000 纸坊 urban:4
37082910X 纸坊 urban:4
3708291010 纸坊 urban:4
X
done_testing
