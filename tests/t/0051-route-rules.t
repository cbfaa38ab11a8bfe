#!/bin/sh
# route: rules that name a unit outright, the tier taken from the unit's
# kind when the rule gives none (the county itself, a street), and the
# rule's number in --explain.
. tests/t/lib.sh

org
cat >"$T/cfg.json" <<'JSON'
{"routing": {"rules": [
 {"name": "县里", "any": ["县里"], "unit": "嘉祥县"},
 {"name": "街道", "any": ["街道办"], "unit": "卧龙山街道"},
 {"name": "社区", "any": ["居委会"], "unit": "祥和社区居民委员会", "tier": "street"},
 {"name": "社区级", "any": ["社区级"], "unit": "卧龙山街道", "tier": "community"}
]}}
JSON
printf 'ref,channel,received,community,category,text\nU1,visit,2026-11-20 10:00,萌山社区,,请县里协调\n'\
'U2,visit,2026-11-20 10:00,萌山社区,,请街道办处理\nU3,visit,2026-11-20 10:00,萌山社区,,请居委会处理\n'\
'U4,visit,2026-11-20 10:00,萌山社区,,按社区级处理\n' >"$T/u.csv"
run 0 intake "$T/u.csv"
run 0 route -c "$T/cfg.json" --at "2026-11-20 11:00" 1 2 3 4
cut -f1-3,5,8 "$T/out" >"$T/got"
same "the tier of a unit named without one: its kind's; a tier given is kept, community too; the days are the tier's" "$T/got" <<'X'
id	tier	unit	due	rule
1	county	370829	2026-12-11 23:59:59	县里
2	street	370829002	2026-12-04 23:59:59	街道
3	street	370829001013	2026-12-04 23:59:59	社区
4	community	370829002	2026-11-27 23:59:59	社区级
X
run 0 route -c "$T/cfg.json" --explain 3
has "explain numbers the rules from 1" "$T/out" "rule 3 '社区' matches: keyword '居委会'"
done_testing
