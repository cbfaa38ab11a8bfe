#!/bin/sh
# ledger: --by over up to three fields (months and days in date order), filter
# values in Chinese, --estate and --collector, the columns of the resolution
# and --columns, and long ids kept as text in csv only.
. tests/t/lib.sh

org
cat >"$T/cases.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,category,text,collector
370829202609010001,hotline,2026-09-01 09:00,张三,13912345678,萌山社区,祥和苑,垃圾清运,垃圾没人清运,马超
H2,visit,2026-09-15 10:00,李四,,萌山社区,金城花园,停车管理,乱停车,马超
H3,visit,2026-10-02 10:00,王五,,祥和社区,书香名邸,垃圾清运,垃圾桶坏了,黄忠
12345678901,hotline,2026-11-03 09:00,赵六,,祥和社区,书香名邸,供暖,暖气不热,
H5,hall,2026-11-04 09:00,钱七,,萌山社区,祥和苑,垃圾清运,垃圾堆积,许褚
H6,wechat,2026-11-05 23:30,孙八,,黄岗村,,供暖,暖气漏水,
CSV
run 0 intake "$T/cases.csv"
t() { echo "strftime('%s', '$1', 'utc')"; }
u() { echo "(SELECT id FROM units WHERE code = '$1')"; }
# What routing, resolving and the call-back would have recorded.
sql "UPDATE cases SET status = 'closed', tier = 'county', first_id = $(u 370829001), resp_id = $(u 370829001),
    resolved = $(t '2026-09-05 10:00'), closed = $(t '2026-09-06 10:00'), resolution = '已清运' WHERE id = 1;
  UPDATE cases SET status = 'open', tier = 'street', first_id = $(u 370829001), resp_id = $(u 370829001) WHERE id = 3;
  UPDATE cases SET status = 'resolved', tier = 'community', first_id = $(u 370829001013), resp_id = $(u 370829001013),
    resolved = $(t '2026-11-10 15:00'), resolution = '已修复，回访电话13912345678' WHERE id = 4;
  UPDATE cases SET collector = NULL WHERE id = 2"

# ---- --by ----
run 0 ledger --by month
same "months in date order, not by count" "$T/out" <<'X'
month	count
2026-09	2
2026-10	1
2026-11	3
X
run 0 ledger --by month,category
same "two fields: each month in turn, its categories largest first" "$T/out" <<'X'
month	category	count
2026-09	停车管理	1
2026-09	垃圾清运	1
2026-10	垃圾清运	1
2026-11	供暖	2
2026-11	垃圾清运	1
X
run 0 ledger --by category,month
same "a category, largest first, with its months in date order" "$T/out" <<'X'
category	month	count
垃圾清运	2026-09	1
垃圾清运	2026-10	1
垃圾清运	2026-11	1
供暖	2026-11	2
停车管理	2026-09	1
X
run 0 ledger --by channel,month,day --from 2026-11-01 -o csv
tr -d '\r' <"$T/out" >"$T/out.txt"
same "three fields, a local day (23:30 stays on the 5th), equal groups by value, csv" "$T/out.txt" <<'X'
channel,month,day,count
hall,2026-11,2026-11-04,1
hotline,2026-11,2026-11-03,1
wechat,2026-11,2026-11-05,1
X
run 64 ledger --by month,category,channel,status
has "a fourth field refused" "$T/err" "--by takes at most 3 fields ('month,category,channel,status' has more)"
run 64 ledger --by month,month
has "a field twice refused" "$T/err" "field 'month' given twice in --by"
run 64 ledger --by month,weather
has "an unknown field names the fields" "$T/err" "cannot count by 'weather' (expected one of status, tier, channel, category, colour, \
collector, street, community, estate, unit, month, day, rule, team, activity, proposed_tier, platform)"

# ---- filters in Chinese, and English still ----
ids() { tail -n +2 "$T/out" | cut -f1 | tr '\n' ' '; }
run 0 ledger --tier 县级会商办
eq "--tier 县级会商办" "$(ids)" "1 "
run 0 ledger --tier 街道
eq "--tier 街道 (a short name)" "$(ids)" "3 "
run 0 ledger --tier community
eq "--tier community" "$(ids)" "4 "
run 0 ledger --status 办理中
eq "--status 办理中" "$(ids)" "3 "
run 0 ledger --status 已销号
eq "--status 已销号" "$(ids)" "1 "
run 0 ledger --status new
eq "--status new" "$(ids)" "2 5 6 "
run 0 ledger --channel 热线
eq "--channel 热线" "$(ids)" "1 4 "
run 0 ledger --channel 议事厅
eq "--channel 议事厅" "$(ids)" "5 "
run 0 ledger --colour 无 --count
eq "--colour 无" "$(tail -n +2 "$T/out")" 6
run 0 ledger --status 待分办 --by tier
same "a Chinese filter with a count" "$T/out" <<'X'
tier	count
	3
X
run 64 ledger --tier 市级
has "an unknown tier names the tiers" "$T/err" \
    "unknown tier '市级' (expected one of community/社区直接办, street/街道协调办, county/县级会商办)"
run 64 ledger --status 已完成
has "an unknown status names the statuses" "$T/err" \
    "unknown status '已完成' (expected one of new/待分办, open/办理中, resolved/已办结, closed/已销号, void/已作废)"
run 64 ledger --channel fax
has "an unknown channel names the channels" "$T/err" "unknown channel 'fax' (expected one of visit/敲门, hall/议事厅, hotline/12345,"
run 64 ledger --colour 紫
has "an unknown colour names the colours" "$T/err" "unknown colour '紫' (expected one of none/无, blue/蓝, yellow/黄, red/红)"
eq "nothing on stdout when refused" "$(wc -c <"$T/out")" 0

# ---- --estate and --collector ----
run 0 ledger --estate 祥和苑
eq "--estate" "$(ids)" "1 5 "
run 0 ledger --estate 370829001013-E01 --collector 黄忠
eq "--estate by code, with --collector" "$(ids)" "3 "
run 0 ledger --collector 马超
eq "--collector: the name recorded, or the person found for it" "$(ids)" "1 2 "
run 0 ledger --collector 许褚 --by estate
same "--collector with --by" "$T/out" <<'X'
estate	count
祥和苑	1
X
run 0 ledger --collector 无名氏 --count
eq "a collector nobody is: none" "$(tail -n +2 "$T/out")" 0
run 64 ledger --estate 不存在小区
has "an unknown estate" "$T/err" "unknown estate '不存在小区'"

# ---- the new columns, --columns ----
run 0 ledger --columns id,resolved,closed,first_unit,collector,resolution
same "resolved, closed, first unit, collector (masked) and resolution (its phone masked)" "$T/out" <<'X'
id	resolved	closed	first_unit	collector	resolution
1	2026-09-05 10:00:00	2026-09-06 10:00:00	嘉祥镇街道	马*	已清运
2					
3			嘉祥镇街道	黄*	
4	2026-11-10 15:00:00		祥和社区居民委员会		已修复，回访电话139****5678
5				许*	
6					
X
run 0 ledger --limit 1
eq "a listing without --columns: the new columns last" "$(head -1 "$T/out" | cut -f15-)" \
    "$(printf 'reporter\tphone\ttext\tresolved\tclosed\tfirst_unit\tcollector\tresolution')"
run 0 ledger --columns text,id,ref --channel 12345
same "the columns chosen, in the order given" "$T/out" <<'X'
text	id	ref
垃圾没人清运	1	370829202609010001
暖气不热	4	12345678901
X
run 0 ledger --headers zh --columns id,resolved,closed,first_unit,collector,resolution --limit 1
eq "Chinese headers for the new columns" "$(head -1 "$T/out")" "$(printf '案件编号\t办结\t销号\t首办单位\t搜集人\t办理结果')"
run 0 ledger -o json --columns id,collector,resolution --limit 1
eq "json: the chosen columns only" "$(cat "$T/out" | tr -d '\n')" '[{"id":1,"collector":"马*","resolution":"已清运"}]'
run 64 ledger --columns id,nope
has "an unknown column names the known ones" "$T/err" "unknown column 'nope' (expected one of id, channel, ref, received, status, tier, \
street, community, estate, category, unit, due, colour, reopens, reporter, phone, text, resolved, closed, first_unit, collector, resolution, \
rule, signed, extensions, extension, returns, team, platform)"
run 64 ledger --columns id,ref,id
has "a column twice" "$T/err" "column 'id' given twice in --columns"
run 64 ledger --columns id --by month
has "--columns is for the listing" "$T/err" "--columns chooses the columns of the listing of cases"
e=$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")
run 0 ledger --reveal --columns id,ref,status
eq "--reveal with no name, phone or text shown records no look" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" "$e"
run 0 ledger --reveal --columns id,collector --estate 祥和苑
has "--reveal with the collector" "$T/out" "$(printf '5\t许褚')"
eq "... records a look at each case" "$(sql "SELECT count(*) FROM events WHERE kind = 'reveal'")" $((e + 2))

# ---- long ids in csv ----
run 0 ledger -o csv --columns id,ref,text --channel hotline
tr -d '\r' <"$T/out" >"$T/out.txt"
same "csv: a ref of more than 11 digits as =\"...\", 11 digits bare" "$T/out.txt" <<'X'
id,ref,text
1,"=""370829202609010001""",垃圾没人清运
4,12345678901,暖气不热
X
run 0 ledger -o tsv --columns ref --channel hotline
eq "tsv: bare digits" "$(sed -n 2p "$T/out")" 370829202609010001
run 0 ledger -o json --columns ref --channel hotline
has "json: bare digits, a string" "$T/out" '"ref":"370829202609010001"'
run 0 ledger -o ndjson --columns ref --limit 1
eq "ndjson: bare digits" "$(cat "$T/out")" '{"ref":"370829202609010001"}'
run 0 ledger -o table --columns ref --limit 1
eq "table: bare digits" "$(sed -n 2p "$T/out")" 370829202609010001
run 0 ledger -o csv --headers zh --columns ref,text --status closed
has "csv: in Chinese too" "$T/out" '"=""370829202609010001""",垃圾没人清运'
# Read back: the csv exported, filled in elsewhere, is the same reference.
run 0 ledger -o csv --reveal --columns ref,channel,received,reporter,phone,community,estate,category,text --channel hotline
cp "$T/out" "$T/export.csv"
MINYI_DB=$T/other.db
org
run 0 intake -o csv "$T/export.csv"
has "another tool's csv (intake's new cases): the same convention" "$T/out" '1,hotline,"=""370829202609010001""",'
eq "a =\"...\" cell reads back as its digits" "$(sql "SELECT ref FROM cases ORDER BY id" | tr '\n' ' ')" "370829202609010001 12345678901 "
run 0 intake "$T/export.csv"
has "and is known again" "$T/err" "0 new, 2 already known"
done_testing
