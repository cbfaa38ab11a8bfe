#!/bin/sh
# A ledger read again after the team put its own columns right: a changed
# team, platform, activity or proposed tier amends the case with the old and
# new values in its history; one that cannot be read keeps the case's own.
# By hand, intake --amend --team, --platform, --activity and --proposed-tier.
. tests/t/lib.sh

org
cat >"$T/units.csv" <<'CSV'
小分队编码,小分队名称,社区,包保小区,姓名,单位,职务,电话,队长
T01,萌山第一小分队,370829001010,祥和苑,马超,370829001,包小区干部,,队长
T02,萌山第二小分队,370829001010,金城花园,黄忠,370829001,包小区干部,,队长
CSV
cat >"$T/p.csv" <<'CSV'
code,name,kind,parent
H01,萌山社区红色议事厅,红色议事厅,370829001010
M01,祥和苑和为贵调解室,和为贵调解室,370829001010-E01
CSV
units import "$T/units.csv" 2>/dev/null
units import "$T/p.csv" 2>/dev/null
head='编号,登记时间,反映人,联系电话,社区,小区,诉求内容,搜集人,搜集小分队,搜集活动,办理类型,议事平台'
cat >"$T/a.csv" <<CSV
$head
A1,2026-11-02 09:00,张三,13500000001,萌山社区,祥和苑,楼道灯坏了,马超,T01,敲门行动,社区直接办,H01
A2,2026-11-02 10:00,张四,13500000002,萌山社区,祥和苑,垃圾没人清运,马超,T01,红色星期天,街道协调办,
A3,2026-11-02 11:00,张五,13500000003,萌山社区,祥和苑,路面坑洼,马超,T01,,,
CSV
run 0 intake "$T/a.csv"
has "three new" "$T/err" "intake: 3 new, 0 already known, 0 rejected"
run 0 intake "$T/a.csv"
has "read again unchanged: nothing amended" "$T/err" "intake: 0 new, 3 already known, 0 rejected"

# The team's columns put right: A1's team and platform, A2's activity and
# tier, A3 gains a tier. None of the case's other fields changed.
cat >"$T/b.csv" <<CSV
$head
A1,2026-11-02 09:00,张三,13500000001,萌山社区,祥和苑,楼道灯坏了,马超,T02,敲门行动,社区直接办,M01
A2,2026-11-02 10:00,张四,13500000002,萌山社区,祥和苑,垃圾没人清运,马超,T01,敲门行动,县级会商办,
A3,2026-11-02 11:00,张五,13500000003,萌山社区,祥和苑,路面坑洼,马超,T01,,社区直接办,
CSV
run 0 intake "$T/b.csv"
has "each changed row is amended" "$T/err" "intake: 0 new, 3 amended, 0 already known"
eq "the cases hold the new values" "$(sql "SELECT c.id, t.code, coalesce(p.code, '-'), c.activity, coalesce(c.proposed_tier, '-')
  FROM cases c LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN platforms p ON p.id = c.platform_id ORDER BY c.id")" \
    "$(printf '1|T02|M01|敲门行动|community\n2|T01|-|敲门行动|county\n3|T01|-||community')"
eq "the history keeps old and new team and platform" \
    "$(sql "SELECT json_extract(details, '\$.old.team'), json_extract(details, '\$.new.team'),
    json_extract(details, '\$.old.platform'), json_extract(details, '\$.new.platform'), json_extract(details, '\$.line')
    FROM events WHERE case_id = 1 AND kind = 'amend'")" "T01|T02|H01|M01|2"
eq "and old and new activity and tier" \
    "$(sql "SELECT json_extract(details, '\$.old.activity'), json_extract(details, '\$.new.activity'),
    json_extract(details, '\$.old.proposed_tier'), json_extract(details, '\$.new.proposed_tier')
    FROM events WHERE case_id = 2 AND kind = 'amend'")" "红色星期天|敲门行动|street|county"
eq "only what changed is in the event" "$(sql "SELECT json_extract(details, '\$.old') FROM events WHERE case_id = 3 AND kind = 'amend'")" \
    '{"proposed_tier":null}'
run 0 intake "$T/b.csv"
has "read again: known" "$T/err" "intake: 0 new, 3 already known, 0 rejected"
run 0 ledger verify
eq "the chain holds" "$(sql "SELECT count(*) FROM events WHERE kind = 'amend'")" 3

# A team or platform not found, or a tier that cannot be read, keeps the
# case's own and is said at its line; the rest of the row still counts.
cat >"$T/c.csv" <<CSV
$head
A1,2026-11-02 09:00,张三,13500000001,萌山社区,祥和苑,楼道灯坏了了,马超,T09,敲门行动,社区直接办,X99
A2,2026-11-02 10:00,张四,13500000002,萌山社区,祥和苑,垃圾没人清运,马超,T01,敲门行动,马上办,
CSV
run 0 intake "$T/c.csv"
has "an unknown team is said" "$T/err" "c.csv:2: unknown team 'T09' (no team recorded)"
has "an unknown platform is said" "$T/err" "c.csv:2: unknown platform 'X99' (not recorded)"
has "one amended, for its text" "$T/err" "intake: 0 new, 1 amended, 1 already known"
eq "team, platform and tier kept" "$(sql "SELECT c.id, t.code, p.code, c.proposed_tier, c.text
  FROM cases c JOIN teams t ON t.id = c.team_id LEFT JOIN platforms p ON p.id = c.platform_id WHERE c.id IN (1, 2) ORDER BY c.id")" \
    "$(printf '1|T02|M01|community|楼道灯坏了了\n2|T01||county|垃圾没人清运')"
eq "the text's amendment names no team" "$(sql "SELECT json_extract(details, '\$.new') FROM events WHERE case_id = 1 AND kind = 'amend'
  ORDER BY id DESC LIMIT 1")" '{"text":"楼道灯坏了了"}'

# A closed case is not amended: the change is refused with its state.
sql "UPDATE cases SET status = 'closed' WHERE id = 3"
sed 's/路面坑洼,马超,T01,,社区直接办/路面坑洼,马超,T02,,社区直接办/' "$T/b.csv" >"$T/d.csv"
run 1 intake "$T/d.csv"
has "refused with its state, exit 1" "$T/err" "d.csv:4: case 3 is closed: changed, not amended"
eq "its team stays" "$(sql "SELECT t.code FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = 3")" T01

# By hand: the team's fields of case 2 put right, with the reason kept.
run 0 intake --amend --note "小分队报错了" --team 萌山第二小分队 --platform H01 --activity 红色星期天 --proposed-tier 街道协调办 2
has "amended by flags" "$T/err" "intake: 1 amended, 0 unchanged, 0 skipped"
eq "case 2 holds them" "$(sql "SELECT t.code, p.code, c.activity, c.proposed_tier FROM cases c JOIN teams t ON t.id = c.team_id
  JOIN platforms p ON p.id = c.platform_id WHERE c.id = 2")" "T02|H01|红色星期天|street"
eq "the event keeps old, new and the reason" "$(sql "SELECT json_extract(details, '\$.reason'), json_extract(details, '\$.old.team'),
  json_extract(details, '\$.new.team'), json_extract(details, '\$.new.platform') FROM events WHERE case_id = 2 AND kind = 'amend' ORDER BY id DESC LIMIT 1")" \
    "小分队报错了|T01|T02|H01"
run 0 intake --amend --note "不是在议事厅提的" --platform '' --proposed-tier '' 2
eq "an empty value clears" "$(sql "SELECT coalesce(platform_id, '-'), coalesce(proposed_tier, '-') FROM cases WHERE id = 2")" "-|-"
run 64 intake --amend --note x --team T09 2
has "an unknown team is a usage error" "$T/err" "intake: unknown team 'T09'"
run 64 intake --amend --note x --proposed-tier 马上办 2
has "so is a tier that cannot be read" "$T/err" "intake: unreadable proposed tier '马上办'"
run 64 intake --team T01 --text 路灯坏了
has "the team's flags go with --amend" "$T/err" "intake: --team, --activity and --proposed-tier go with --amend"
eq "nothing changed by the refused runs" "$(sql "SELECT count(*) FROM events WHERE case_id = 2 AND kind = 'amend'")" 3

# A sheet without the team's columns, read again with a text changed, keeps
# them: a blank is not a clearing (only a hand clears).
cat >"$T/e.csv" <<CSV
编号,登记时间,反映人,联系电话,社区,小区,诉求内容,搜集人
A2,2026-11-02 10:00,张四,13500000002,萌山社区,祥和苑,垃圾没人清运了,马超
CSV
run 0 intake "$T/e.csv"
has "the text amended" "$T/err" "intake: 0 new, 1 amended, 0 already known"
eq "team and activity kept" "$(sql "SELECT t.code, c.activity, c.text FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = 2")" \
    "T02|红色星期天|垃圾没人清运了"
eq "the event holds the text alone" "$(sql "SELECT json_extract(details, '\$.new') FROM events WHERE case_id = 2 AND kind = 'amend'
  ORDER BY id DESC LIMIT 1")" '{"text":"垃圾没人清运了"}'
done_testing
