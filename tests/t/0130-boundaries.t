#!/bin/sh
# Boundaries pinned exactly: a record received at the future limit, a case
# resolved at the second it was due, a reconcile score equal to the threshold,
# a model confidence equal to its minimum, a record that shares only a phone
# with a case, a tie between two layouts, a collector's name shared by two
# people; and the hash chain recomputed from minyi(5)'s definition.
. tests/t/lib.sh

org
MAIN=$MINYI_DB
use() { export MINYI_DB="$1"; rm -f "$1-wal" "$1-shm"; }

# Received times: now is 2026-11-26 09:00 and intake.future_hours is 24, so
# 2026-11-27 09:00:00 is the latest time accepted (not "past" the limit).
cat >"$T/f.csv" <<'CSV'
ref,received,community,text
F1,2026-11-27 09:00:00,萌山社区,门口路灯不亮
F2,2026-11-27 09:00:01,萌山社区,门口井盖松动
CSV
run 1 intake "$T/f.csv"
eq "intake: received exactly at the future limit is kept" "$(sql "SELECT group_concat(ref) FROM cases")" F1
has "intake: one second past it is in the future" "$T/err" "f.csv:3: received time '2026-11-27 09:00:01' is in the future"
echo '{"intake": {"future_hours": 1}}' >"$T/fh.json"
run 65 intake -c "$T/fh.json" --text 一小时以后 --community 萌山社区 --received "2026-11-26 10:00:01"
has "the limit follows intake.future_hours" "$T/err" "received time '2026-11-26 10:00:01' is in the future"
run 0 intake -c "$T/fh.json" --text 正好一小时 --community 萌山社区 --received "2026-11-26 10:00"
cat >"$T/hf.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
HF1,2026-11-27 09:00:00,13500000001,甲,黄岗村东街1号,卧龙山街道,黄岗村,城乡建设/供水,自来水发黄有异味
HF2,2026-11-27 09:00:01,13500000002,乙,黄岗村东街2号,卧龙山街道,黄岗村,城乡建设/供水,自来水停了一整天
CSV
cp "$MAIN" "$T/pre-hf.db"
run 1 reconcile "$T/hf.csv"
eq "reconcile: a call exactly at the future limit is read" "$(sql "SELECT group_concat(ticket) FROM hotline")" HF1
has "reconcile: one second past it is in the future" "$T/err" "hf.csv:3: received time '2026-11-27 09:00:01' is in the future"
cp "$T/pre-hf.db" "$MAIN"
use "$MAIN"

# A collector's name shared by two people: the one of the collecting unit or
# of the case's community, else nobody (the name is kept as written).
cat >"$T/twins.csv" <<'CSV'
name,phone,unit,role,covers
王芳,13900000011,370829001010,社区工作者,
王芳,13900000012,370829001013,社区工作者,
CSV
units import "$T/twins.csv" >/dev/null 2>&1
cat >"$T/col.csv" <<'CSV'
ref,received,community,text,collector,unit
K1,2026-11-20 10:00,萌山社区,楼道灯不亮,王芳,
K2,2026-11-20 10:00,祥和社区,井盖松动,王芳,
K3,2026-11-20 10:00,黄岗村,水管漏水,王芳,
K4,2026-11-20 10:00,黄岗村,水管又漏水,王芳,370829001013
K5,2026-11-20 10:00,黄岗村,路面塌陷,许褚,
CSV
run 0 intake "$T/col.csv"
same "each collector found where the name is not ambiguous" "$(sql "SELECT c.ref || ' ' || c.collector || ' ' || coalesce(p.phone, '-')
    FROM cases c LEFT JOIN people p ON p.id = c.collector_id WHERE c.ref LIKE 'K%' ORDER BY c.ref" >"$T/got"; echo "$T/got")" <<'X'
K1 王芳 13900000011
K2 王芳 13900000012
K3 王芳 -
K4 王芳 13900000012
K5 许褚 13900000003
X

# A tie between two layouts: each finds two fields of the header; the first
# in the configuration's order reads the file, whichever it is.
cat >"$T/tie.csv" <<'CSV'
登记时间,内容一,内容二
2026-11-21 10:00,小区门口路灯不亮,小区门口井盖松动
CSV
cat >"$T/ab.json" <<'J'
{"layouts": {"layout_a": {"fields": {"received": ["登记时间"], "text": ["内容一"]}},
             "layout_b": {"fields": {"received": ["登记时间"], "text": ["内容二"]}}}}
J
cat >"$T/ba.json" <<'J'
{"layouts": {"layout_b": {"fields": {"received": ["登记时间"], "text": ["内容二"]}},
             "layout_a": {"fields": {"received": ["登记时间"], "text": ["内容一"]}}}}
J
run 0 intake -c "$T/ab.json" "$T/tie.csv"
eq "a tie goes to the first layout (a before b)" "$(sql "SELECT c.text || ' ' || json_extract(e.details, '\$.layout') FROM cases c
    JOIN events e ON e.case_id = c.id WHERE c.id = (SELECT max(id) FROM cases)")" "小区门口路灯不亮 layout_a"
run 0 intake -c "$T/ba.json" "$T/tie.csv"
eq "a tie goes to the first layout (b before a)" "$(sql "SELECT c.text || ' ' || json_extract(e.details, '\$.layout') FROM cases c
    JOIN events e ON e.case_id = c.id WHERE c.id = (SELECT max(id) FROM cases)")" "小区门口井盖松动 layout_b"
printf '登记时间,内容一,内容二,联系电话\n2026-11-21 11:00,楼下路灯坏了,楼下井盖坏了,13512345678\n' >"$T/more.csv"
echo '{"layouts": {"layout_a": {"fields": {"received": ["登记时间"], "text": ["内容一"]}},
    "layout_b": {"fields": {"received": ["登记时间"], "text": ["内容二"], "phone": ["联系电话"]}}}}' >"$T/more.json"
run 0 intake -c "$T/more.json" "$T/more.csv"
eq "otherwise the layout that finds more fields" "$(sql "SELECT text || ' ' || phone FROM cases WHERE id = (SELECT max(id) FROM cases)")" \
    "楼下井盖坏了 13512345678"

# A case resolved at the second it was due is on time; a second later it is not.
cat >"$T/d.csv" <<'CSV'
ref,received,community,estate,category,text
D1,2026-11-20 10:00,萌山社区,祥和苑,垃圾清运,楼下垃圾桶满了
D2,2026-11-20 10:00,萌山社区,祥和苑,垃圾清运,单元门口垃圾没人收
CSV
d1=$(intake "$T/d.csv" 2>/dev/null | awk -F'\t' '$3 == "D1" { print $1 }')
d2=$(sql "SELECT id FROM cases WHERE ref = 'D2'")
run 0 route --at "2026-11-20 11:00" "$d1" "$d2"
due=$(sql "SELECT datetime(due, 'unixepoch', 'localtime') FROM cases WHERE id = $d1")
late=$(sql "SELECT datetime(due + 1, 'unixepoch', 'localtime') FROM cases WHERE id = $d2")
run 0 resolve --at "$due" --note 已清运 "$d1"
run 0 resolve --at "$late" --note 已清运 "$d2"
eq "resolve: at the due second, on time; one second later, late" \
    "$(sql "SELECT group_concat(json_extract(details, '\$.on_time'), ' ') FROM events WHERE kind = 'resolve' AND case_id IN ($d1, $d2) ORDER BY case_id")" "1 0"

# route --to takes any unit by its code, the county itself too.
printf 'ref,received,community,text\nTO1,2026-11-20 10:00,萌山社区,楼道灯不亮要人修\n' >"$T/to.csv"
to1=$(intake "$T/to.csv" 2>/dev/null | awk -F'\t' 'NR == 2 { print $1 }')
cp "$MAIN" "$T/pre-to.db"
run 0 route --to 370829 --reason 县里直接办 "$to1"
eq "to the county unit" "$(cut -f1-4,7,8 "$T/out" | tail -1)" "$(printf '%s\tcounty\t370829\t嘉祥县\tmanual\t县里直接办' "$to1")"
cp "$T/pre-to.db" "$MAIN"
use "$MAIN"

# Reconcile: a record that shares nothing with a case but the phone (it is
# not even in the county) is still compared with it, a resident may call
# from anywhere, and matched on the evidence; and a score equal to
# reconcile.threshold is a match.
cat >"$T/c.csv" <<'CSV'
ref,received,reporter,phone,address,community,estate,category,text
P1,2026-11-20 10:00,钱多,13511112222,祥和苑3号楼2单元502,萌山社区,祥和苑,垃圾清运,三号楼门口的垃圾桶满了好几天没人清运
CSV
run 0 intake "$T/c.csv"
p1=$(sql "SELECT id FROM cases WHERE ref = 'P1'")
cat >"$T/h.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
Q1,2026-11-20 15:00:00,13511112222,钱多,济宁市任城区古槐街道西街3号,古槐街道,,城乡建设/供水,三号楼门口的垃圾桶满了好几天没人清运
CSV
cp "$MAIN" "$T/pre-q.db"
run 0 reconcile "$T/h.csv"
eq "only the phone in common: still a candidate, and matched" "$(cut -f1,3,4,5 "$T/out" | tail -1)" "$(printf '%s\tQ1\tmatched\t21.50' "$p1")"
run 0 reconcile --explain Q1
has "the one candidate, found by the phone" "$T/out" "candidates: 1 of"
has "its score" "$T/out" "case $p1 (visit P1, received 2026-11-20 10:00:00): score 21.50"
has "no place in common: the record is not even in the county" "$T/out" "place: not ours (address in 任城区)"
for th in 21.5 21.51; do
	cp "$T/pre-q.db" "$T/q.db"
	echo "{\"reconcile\": {\"threshold\": $th}}" >"$T/th.json"
	MINYI_DB=$T/q.db run 0 reconcile -c "$T/th.json" "$T/h.csv"
	cut -f3,4 "$T/out" | tail -1 >"$T/q-$th"
done
eq "a score equal to the threshold matches" "$(cat "$T/q-21.5")" "$(printf 'Q1\tmatched')"
eq "a threshold a hair above it does not (and the record is outside)" "$(cat "$T/q-21.51")" "$(printf 'Q1\toutside')"

# The model's confidence equal to routing.min_confidence is enough. A model
# made by hand in the format mi_model_save writes: two labels, no buckets,
# both biases 0, so every text is a tie and its confidence is exactly 1/2
# (the tie goes to the first label, 噪音扰民 in byte order). The CRC-32 at
# the end is gzip's, which is the same.
magic=4D494E5949434C53 version=01000000 bits=10000000 nlabels=02000000 flags=00000000
examples=0200000000000000 nrows=0000000000000000 beta=0000803F idf=0000803F
l1=0C000000E599AAE99FB3E689B0E6B091 l2=0C000000E59E83E59CBEE6B885E8BF90 bias=0000000000000000
body=$magic$version$bits$nlabels$flags$examples$nrows$beta$idf$l1$l2$bias
sqlite3 :memory: "SELECT writefile('$T/model', X'$body')" >/dev/null
crc=$(gzip -c <"$T/model" | tail -c 8 | head -c 4 | od -An -tx1 | tr -d ' \n')
printf 'ref,received,community,estate,text\nM1,2026-11-20 10:00,萌山社区,祥和苑,咨询一下办事流程\n' >"$T/m.csv"
m1=$(intake "$T/m.csv" 2>/dev/null | awk -F'\t' 'NR == 2 { print $1 }')
cp "$MAIN" "$T/pre-m.db"
for c in 0.5 0.5000001; do
	cp "$T/pre-m.db" "$T/m.db"
	sqlite3 "$T/m.db" "INSERT INTO models(name, trained, examples, data) VALUES ('category', 0, 2, X'$body$crc')"
	echo "{\"routing\": {\"min_confidence\": $c}}" >"$T/conf.json"
	MINYI_DB=$T/m.db run 0 route -c "$T/conf.json" --model "$m1"
	tail -1 "$T/out" | cut -f6-9 >"$T/m-$c"
done
eq "confidence equal to the minimum: the model's category" "$(cat "$T/m-0.5")" "$(printf '噪音扰民\tmodel\t噪音扰民\t0.500')"
eq "a minimum a hair above it: triage" "$(cat "$T/m-0.5000001")" "$(printf '\ttriage\tmodel unsure (噪音扰民)\t0.500')"
eq "the route event keeps the confidence to three places" \
    "$(sqlite3 "$T/m.db" "SELECT json_extract(details, '\$.confidence') FROM events WHERE kind = 'route' ORDER BY id DESC LIMIT 1")" 0.5

# A reveal is recorded with the tool and what it showed.
run 0 ledger --reveal --limit 1
eq "a reveal's details" "$(sql "SELECT details FROM events WHERE kind = 'reveal'")" '{"tool":"ledger","what":"case list"}'

# The hash chain, recomputed from its definition in minyi(5): each event's
# hash is SHA-256 over the previous one's hash and, each after 0x1f, its id,
# case (0 for none), time, operator, kind and details.
# Each event's bytes go to a file named by its id, with the hash of the event
# before it (by id) in front; sha256sum over them must give the stored hashes.
mkdir "$T/chain"
sql "SELECT writefile('$T/chain/' || e.id, coalesce(p.hash, '') || char(31) || e.id || char(31) || coalesce(e.case_id, 0)
    || char(31) || e.at || char(31) || e.operator || char(31) || e.kind || char(31) || coalesce(e.details, ''))
    FROM events e LEFT JOIN events p ON p.id = e.id - 1" >/dev/null
(cd "$T/chain" && sha256sum -- *) | awk '{ print $2, $1 }' | sort -n >"$T/computed"
sql "SELECT id || ' ' || hash FROM events ORDER BY id" >"$T/stored"
same "every event's hash is SHA-256 over the hash of the one before and its own fields" "$T/computed" <"$T/stored"
eq "all $(wc -l <"$T/stored") of them" "$(wc -l <"$T/computed")" "$(sql "SELECT count(*) FROM events")"
eq "the chain covers these kinds" \
    "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT DISTINCT kind FROM events ORDER BY kind)")" \
    "hotline intake resolve reveal review route units-import"
eq "each case holds its latest event's hash" \
    "$(sql "SELECT count(*) FROM cases c WHERE evhash IS NOT (SELECT hash FROM events WHERE case_id = c.id ORDER BY id DESC LIMIT 1)")" 0
run 0 ledger verify

# An event's time edited behind the tools' back is caught.
cp "$MAIN" "$T/clean.db"
sqlite3 "$MAIN" "DROP TRIGGER events_no_update; UPDATE events SET at = at + 1 WHERE id = 3"
run 65 ledger verify
has "an edited time breaks the event's hash" "$T/out" "event 3 ("
has "and says so" "$T/out" "was edited"
cp "$T/clean.db" "$MAIN"
use "$MAIN"
sqlite3 "$MAIN" "DROP TRIGGER events_no_update; UPDATE events SET at = at - 1 WHERE id = (SELECT max(id) FROM events)"
run 65 ledger verify
has "the last event's time too" "$T/out" "was edited"

done_testing
