#!/bin/sh
# The tier a team proposed as it recorded a demand (办理类型): intake keeps
# it on the case; route keeps it unless the rule placing the case sets a
# tier_floor above it; route --explain says which won, the route event
# records both, ledger --by proposed_tier,tier counts the overrides.
. tests/t/lib.sh

org
cat >"$T/cfg.json" <<'J'
{"routing": {"rules": [
 {"name": "违建", "category": ["违章建筑"], "tier": "county", "department": "县住房和城乡建设局", "tier_floor": "county"},
 {"name": "供暖", "category": ["供暖"], "tier": "street", "tier_floor": "street"},
 {"name": "垃圾清运", "category": ["垃圾清运"], "tier": "community"}]}}
J
export MINYI_CONFIG="$T/cfg.json"
cat >"$T/t.csv" <<'CSV'
编号,搜集时间,社区,类别,诉求内容,办理类型
P1,2026-11-02 09:00,萌山社区,垃圾清运,垃圾桶满了一,社区直接办
P2,2026-11-02 09:00,萌山社区,垃圾清运,垃圾桶满了二,街道协调办
P3,2026-11-02 09:00,萌山社区,违章建筑,楼顶私搭乱建,社区直接办
P4,2026-11-02 09:00,萌山社区,供暖,暖气不热,community
P5,2026-11-02 09:00,萌山社区,供暖,暖气漏水,县级会商办
P6,2026-11-02 09:00,萌山社区,其他,健身器材坏了,社区直接办
P7,2026-11-02 09:00,萌山社区,垃圾清运,垃圾桶满了三,尽快办
P8,2026-11-02 09:00,萌山社区,垃圾清运,垃圾桶满了四,
CSV
run 0 intake "$T/t.csv"
sed "s|$T/||" "$T/err" >"$T/e"
has "an unreadable proposal is told with its line, the case lands" "$T/e" \
    "t.csv:8: unreadable proposed tier '尽快办' (expected 社区直接办, 街道协调办 or 县级会商办): not recorded"
eq "the proposals stored, by their English names" "$(sql "SELECT group_concat(coalesce(proposed_tier, '-'), ' ') FROM cases")" \
    "community street community community county community - -"

run 0 route --at "2026-11-02 10:00" --pending
cp "$T/err" "$T/route.err"
# P1 community as the rule says; P2 street, the team's, at the community's
# street; P3 the rule's county (违建 is county-only); P4 the rule's street
# (供暖 is beyond the community); P5 county, the team's: no department for
# 供暖, so to the centre, whose triage convenes the consultation; P6 no
# rule: the team's community; P7, P8 no proposal: the rule.
cut -f1-3,7-8 "$T/out" >"$T/o"
same "routed: the proposals kept, and overridden" "$T/o" <<'X'
id	tier	unit	how	rule
1	community	370829001010	rule	垃圾清运
2	street	370829001	rule	垃圾清运
3	county	D01	rule	违建
4	street	370829001	rule	供暖
5	county	370829C01	triage	no department for the category
6	community	370829001010	proposal	
7	community	370829001010	rule	垃圾清运
8	community	370829001010	rule	垃圾清运
X
same "the summary: 4 kept (P1, P2, P5, P6), 2 overridden (P3, P4)" "$T/route.err" <<'X'
route: 8 routed (6 by rule, 0 by model, 1 to the centre for triage), 0 skipped
route: teams' proposed tiers: 4 kept (1 where no rule placed the case), 2 overridden by a rule's tier_floor
X
eq "the route event records the proposal and what became of it" "$(sql "SELECT group_concat(case_id || ':' ||
    coalesce(json_extract(details, '\$.proposed_tier'), '-') || '>' || json_extract(details, '\$.tier') || ':' ||
    coalesce(json_extract(details, '\$.proposal'), '-'), ' ') FROM events WHERE kind = 'route'")" \
    "1:community>community:kept 2:street>street:kept 3:community>county:overridden 4:community>street:overridden \
5:county>county:kept 6:community>community:kept 7:->community:- 8:->community:-"

run 0 route --explain 3
same "explain: overridden by a county-only rule" "$T/out" <<'X'
case 3 (open): 楼顶私搭乱建
category: 违章建筑; channel: visit; street: 嘉祥镇街道; community: 萌山社区居民委员会; estate: -
rule 1 '违建' matches: category '违章建筑'; 
proposal: the team proposed community (社区直接办): overridden by rule '违建' because its category is county-only (tier_floor county)
decision: county by rule '违建' -> D01 县住房和城乡建设局, due 2026-12-17 23:59:59 (15 working days)
returns against rule '违建': 0 (of 0 cases)
X
run 0 route --explain 4
has "explain: overridden by a community-impossible rule" "$T/out" \
    "proposal: the team proposed community (社区直接办): overridden by rule '供暖' because its category is beyond the community (tier_floor street)"
has "and the rule's street" "$T/out" "decision: street by rule '供暖' -> 370829001 嘉祥镇街道"
run 0 route --explain 2
has "explain: kept over the rule" "$T/out" "proposal: the team proposed street (街道协调办): team's proposal kept over rule '垃圾清运' (community)"
has "at the team's tier" "$T/out" "decision: street by rule '垃圾清运' -> 370829001 嘉祥镇街道"
run 0 route --explain 1
has "explain: the rule agrees" "$T/out" "proposal: the team proposed community (社区直接办): team's proposal kept (the rule agrees)"
run 0 route --explain 6
has "explain: no rule, the team's tier" "$T/out" "proposal: the team proposed community (社区直接办): team's proposal kept (no rule placed the case)"
run 0 route --explain 7
eq "no proposal, no line" "$(grep -c '^proposal' "$T/out")" 0

run 0 ledger show 3
has "ledger show: the proposed tier" "$T/out" "$(printf 'proposed_tier\tcommunity')"
# Proposed community: P1 and P6 kept, P3 and P4 overridden; none: P7, P8.
run 0 ledger --by proposed_tier,tier
same "how often the centre overrode the teams" "$T/out" <<'X'
proposed_tier	tier	count
community	community	2
community	county	1
community	street	1
	community	2
county	county	1
street	street	1
X

# P1's community sends it back (退回): routed again, the team's community
# would get it once more, so the proposal is set aside with the rule's
# choice and the centre decides.
run 0 resolve --at "2026-11-02 15:00" --return --note "非本社区职责" 1
run 0 route --at "2026-11-02 16:00" 1
eq "to the centre's triage" "$(tail -1 "$T/out" | cut -f1-3,7-8)" "$(printf '1\tcounty\t370829C01\ttriage\treturned by 370829001010')"
eq "the event: the proposal set aside" \
    "$(sql "SELECT json_extract(details, '\$.proposal') FROM events WHERE case_id = 1 AND kind = 'route' ORDER BY id DESC LIMIT 1")" returned
has "the summary counts it as set aside" "$T/err" "route: teams' proposed tiers: 0 kept (0 where no rule placed the case), \
0 overridden by a rule's tier_floor, 1 set aside since the unit at that tier had returned the case"
run 0 route --explain 1
has "explain says why" "$T/out" \
    "proposal: the team proposed community (社区直接办): set aside: 370829001010, at that tier, returned the case; the centre decides"

# A rule's tier is not below its floor.
echo '{"routing": {"rules": [{"name": "x", "any": ["x"], "tier": "community", "tier_floor": "street"}]}}' >"$T/bad.json"
run 78 route -c "$T/bad.json" --pending
same "a tier below the floor is a config error" "$T/err" <<X
route: $T/bad.json: 'routing.rules[0].tier': 'community' is below the rule's tier_floor 'street'
X
echo '{"routing": {"rules": [{"name": "x", "any": ["x"], "tier_floor": "town"}]}}' >"$T/bad.json"
run 78 route -c "$T/bad.json" --pending
same "an unknown floor is a config error" "$T/err" <<X
route: $T/bad.json: 'routing.rules[0].tier_floor': expected community, street, county or "", found 'town'
X
done_testing
