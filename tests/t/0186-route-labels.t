#!/bin/sh
# A model's labels that are not the rules' categories: routing.labels maps
# each to a category or straight to a unit and tier; route --train names the
# labels that would route nowhere (exit 1, the model stored all the same);
# --explain shows the label, its confidence and the mapping; a bad entry is
# refused with the file and the key.
. tests/t/lib.sh

org
cat >"$T/units2.csv" <<'CSV'
code,name,kind,parent,contact,phone
D08,县交通运输局,department,370829,,
D09,县教育和体育局,department,370829,,
CSV
units import "$T/units2.csv" 2>/dev/null
# Made-up messages under the labels of a provincial message board.
awk 'BEGIN { print "text,label";
	for (i = 0; i < 30; i++) {
		print "公交车班次太少第" i "路车等一个小时,交通运输"
		print "学校补课乱收费孩子上学第" i "天,教育文体"
		print "小区旁边有人违规搭建棚子第" i "处,城乡建设"
		print "单位拖欠工资不交社保第" i "个月,劳动和社会保障"
	} }' >"$T/train.csv"
labels() { grep 'routes nowhere' "$T/err" | grep -o "^route: label '[^']*'" | cut -d"'" -f2 | tr '\n' ' '; }

# Without a mapping, none of the four labels is a category a rule takes.
run 1 route --train "$T/train.csv"
eq "every label named" "$(labels)" "交通运输 劳动和社会保障 城乡建设 教育文体 "
has "why" "$T/err" \
    "route: label '教育文体' routes nowhere: no rule takes it as a category, and routing.labels does not map it"
has "the count, and the model kept" "$T/err" \
    "route: 4 labels of 4 route nowhere: map them in routing.labels (see route(1)); the model is stored"
eq "the model stored all the same" "$(sql "SELECT count(*) FROM models")" 1

# One label to a category a rule takes, one straight to a department in
# the county tier, one to a street by name (its tier from the unit's kind).
rules='"min_confidence": 0.2, "rules": [{"name": "教育", "category": ["教育"], "department": "教育和体育局"},
	{"name": "路灯", "any": ["路灯"], "tier": "street"}]'
map='"教育文体": "教育", "交通运输": {"department": "交通运输局", "tier": "county"},
	"城乡建设": {"unit": "卧龙山街道", "category": "城建"}'
echo "{\"routing\": {$rules, \"labels\": {$map}}}" >"$T/part.json"
run 1 route -c "$T/part.json" --train "$T/train.csv"
eq "only the label left unmapped is named" "$(labels)" "劳动和社会保障 "
has "with the count" "$T/err" \
    "route: 1 label of 4 routes nowhere: map it in routing.labels (see route(1)); the model is stored"

# A category no rule takes, a unit nobody answers to: still nowhere.
echo "{\"routing\": {$rules, \"labels\": {$map, \"劳动和社会保障\": \"社保\"}}}" >"$T/cat.json"
run 1 route -c "$T/cat.json" --train "$T/train.csv"
has "a category no rule takes" "$T/err" \
    "route: label '劳动和社会保障' routes nowhere: routing.labels maps it to category '社保', which no rule takes"
echo "{\"routing\": {$rules, \"labels\": {$map, \"劳动和社会保障\": {\"department\": \"人社局\"}}}}" >"$T/nounit.json"
run 1 route -c "$T/nounit.json" --train "$T/train.csv"
has "a unit nobody answers to" "$T/err" \
    "route: label '劳动和社会保障' routes nowhere: routing.labels sends it to '人社局', which no unit answers to"
# A name two units answer to is no unit either: which one is not for route to guess.
cat >"$T/units3.csv" <<'CSV'
code,name,kind,parent,contact,phone
D10,县人力资源和社会保障局,department,370829,,
D11,市人力资源和社会保障局,department,370829,,
CSV
units import "$T/units3.csv" 2>/dev/null
echo "{\"routing\": {$rules, \"labels\": {$map, \"劳动和社会保障\": {\"department\": \"人力资源和社会保障局\"}}}}" >"$T/two.json"
run 1 route -c "$T/two.json" --train "$T/train.csv"
has "a name two units answer to" "$T/err" "route: label '劳动和社会保障' routes nowhere: routing.labels sends it to \
'人力资源和社会保障局', which more than one unit answers to"
# A rule with no condition at all takes every category: nothing is left unplaced.
echo "{\"routing\": {\"rules\": [{\"name\": \"兜底\", \"tier\": \"community\"}]}}" >"$T/any.json"
run 0 route -c "$T/any.json" --train "$T/train.csv"
eq "a rule without conditions takes every label" "$(grep -c 'nowhere' "$T/err")" 0

# Every label mapped: exit 0, nothing named.
echo "{\"routing\": {$rules, \"labels\": {$map, \"劳动和社会保障\": {\"unit\": \"370829C01\"}}}}" >"$T/all.json"
run 0 route -c "$T/all.json" --train "$T/train.csv"
eq "every label routes somewhere" "$(grep -c 'nowhere' "$T/err")" 0

printf 'ref,received,community,text\nL1,2026-11-20 10:00,萌山社区,学校补课乱收费家长负担重\n'\
'L2,2026-11-20 10:00,萌山社区,公交车班次太少等车一个小时\nL3,2026-11-20 10:00,萌山社区,有人违规搭建棚子\n'\
'L4,2026-11-20 10:00,萌山社区,单位拖欠工资不交社保\nL5,2026-11-20 10:00,萌山社区,路灯坏了\n' >"$T/m.csv"
run 0 intake "$T/m.csv"
run 0 route -c "$T/all.json" --at "2026-11-20 11:00" --dry-run 1 2 3 4 5
cut -f1-3,5-8 "$T/out" >"$T/got"
same "each label where its mapping sends it; the rules first" "$T/got" <<'X'
id	tier	unit	due	category	how	rule
1	county	D09	2026-12-11 23:59:59	教育	model	教育
2	county	D08	2026-12-11 23:59:59	交通运输	model	交通运输
3	street	370829002	2026-12-04 23:59:59	城建	model	城乡建设
4	county	370829C01	2026-12-11 23:59:59	劳动和社会保障	model	劳动和社会保障
5	street	370829001	2026-12-04 23:59:59		rule	路灯
X

# Without the mapping the same model routes them nowhere: to the centre.
run 0 route -c "$T/part.json" --at "2026-11-20 11:00" 4
eq "an unmapped label goes to triage" "$(cut -f7,8 "$T/out" | tail -1)" "triage	no rule for category '劳动和社会保障'"
ev() { sql "SELECT json_extract(details, '\$.$2') FROM events WHERE case_id = $1 AND kind = 'route'"; }
eq "its event names the model's label" "$(ev 4 label)|$(ev 4 how)" "劳动和社会保障|triage"
echo "{\"routing\": {$rules, \"labels\": {$map, \"交通运输\": {\"department\": \"交通局\"}}}}" >"$T/gone.json"
run 0 route -c "$T/gone.json" --at "2026-11-20 11:00" 2
eq "a mapping to no unit goes to triage" "$(cut -f7,8 "$T/out" | tail -1)" "triage	label's no unit '交通局'"
run 0 route -c "$T/gone.json" --at "2026-11-20 11:00" --explain 2
has "--explain names the mapping's missing unit" "$T/out" "mapping: routing.labels '交通运输' -> label's no unit '交通局'"

# --explain: the label, its confidence, the mapping.
run 0 route -c "$T/all.json" --at "2026-11-20 11:00" --explain 1
grep -E '^(model|mapping|decision):|^category set to' "$T/out" | sed 's/confidence 0\.[0-9]*/confidence C/' >"$T/got"
same "a label mapped to a category" "$T/got" <<'X'
model: label '教育文体' with confidence C (minimum 0.20)
mapping: routing.labels '教育文体' -> category '教育'
decision: county by model '教育' -> D09 县教育和体育局, due 2026-12-11 23:59:59 (15 working days)
category set to '教育'
X
run 0 route -c "$T/all.json" --at "2026-11-20 11:00" --explain 2
has "a label mapped to a unit and tier" "$T/out" "mapping: routing.labels '交通运输' -> D08 县交通运输局, county tier, category '交通运输'"
# The case's category is already the mapping's: nothing to say of it.
if grep -q '^category set to' "$T/out"; then fail "a category unchanged is not said"; else pass "a category unchanged is not said"; fi
run 0 route -c "$T/part.json" --at "2026-11-20 11:00" --explain 4
has "a label not mapped" "$T/out" "mapping: none (routing.labels does not name '劳动和社会保障'): the label is the category"
has "its confidence" "$T/out" "model: label '劳动和社会保障' with confidence 0."

run 0 route -c "$T/all.json" --at "2026-11-20 11:00" 1 3
eq "routed by the mapping" "$(ev 1 label)|$(ev 1 category)|$(ev 3 label)|$(ev 3 category)" "教育文体|教育|城乡建设|城建"

# Bad entries are refused (78), naming the file and the key.
bad() {
	echo "{\"routing\": {\"labels\": {$1}}}" >"$T/bad.json"
	run 78 route -c "$T/bad.json" --pending
	has "$2" "$T/err" "route: $T/bad.json: 'routing.labels.$3"
}
bad '"交通运输": 3' "a number" "交通运输': expected a category, or an object with a unit or department and a tier, found a number"
bad '"交通运输": ""' "an empty category" "交通运输': expected a category, or an object with a unit or department and a tier, found \"\""
bad '"交通运输": {"tier": "county"}' "no unit" "交通运输': expected a unit or a department for the cases of this label"
bad '"交通运输": {"unit": "D08", "tier": "city"}' "a tier" "交通运输.tier': expected community, street or county, found 'city'"
bad '"交通运输": {"unit": "D08", "days": 3}' "an unknown key" "交通运输.days': unknown key (expected unit, department, tier or category)"
bad '"交通运输": {"unit": ["D08"]}' "a list" "交通运输.unit': expected a string, found an array"
echo '{"routing": {"labels": ["交通运输"]}}' >"$T/bad.json"
run 78 route -c "$T/bad.json" --pending
has "a list for the map" "$T/err" "route: $T/bad.json: 'routing.labels': expected an object, found an array"
done_testing
