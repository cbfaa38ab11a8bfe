#!/bin/sh
# Returning a case (退回): back to the centre's triage list with the reason,
# the returning unit not its first handler, the rule that routed it
# counted (route --explain, ledger --by rule --returned); the centre
# re-routes it; the errors that change nothing.
. tests/t/lib.sh

org
cat >"$T/c.csv" <<'CSV'
ref,channel,received,reporter,phone,community,estate,category,text
R1,visit,2026-11-02 09:00,李四,13912345678,萌山社区,祥和苑,,小区门口垃圾桶满溢
R2,visit,2026-11-02 09:00,王五,13812340000,萌山社区,祥和苑,,垃圾清运车太吵
R3,visit,2026-11-02 09:00,赵六,13700001111,萌山社区,金城花园,,楼下乱停车
R4,visit,2026-11-02 09:00,孙七,13600002222,萌山社区,金城花园,,垃圾桶旁有积水
CSV
run 0 intake --at '2026-11-02 09:30' "$T/c.csv"
run 0 route --at '2026-11-02 10:00' 1 2 3
eq "routed by rules to the community, its first handler" "$(sql 'SELECT id, rule, resp_id = first_id FROM cases WHERE id <= 3')" \
    "$(printf '1|垃圾:词|1\n2|垃圾:词|1\n3|停车:词|1')"

run 64 resolve --at '2026-11-02 15:00' --return 1
has "a return needs a reason" "$T/err" "--return needs --note: why the case is not the unit's"
run 0 resolve --at '2026-11-02 15:00' --return --note "属城管执法范围，非社区职责" 1
same "returned: new again" "$T/out" <<'X'
id	status	unit	unit_name	time	note
1	new	370829001010	萌山社区居民委员会	2026-11-02 15:00:00	属城管执法范围，非社区职责
X
has "the summary" "$T/err" "resolve: 1 returned to the centre, 0 skipped"
eq "back to what route picks up; no first handler; counted" \
    "$(sql "SELECT status, coalesce(resp_id, '-'), coalesce(first_id, '-'), coalesce(due, '-'), returns FROM cases WHERE id = 1")" "new|-|-|-|1"
eq "the return kept with its unit and rule" "$(sql "SELECT u.code, r.rule, r.note FROM returns r JOIN units u ON u.id = r.unit_id")" \
    "370829001010|垃圾:词|属城管执法范围，非社区职责"
eq "an event" "$(sql "SELECT details FROM events WHERE case_id = 1 AND kind = 'return'")" \
    '{"unit":"370829001010","rule":"垃圾:词","reason":"属城管执法范围，非社区职责","first_cleared":true}'

# route does not give it back to the unit that returned it: the centre
# triages it.
run 0 route --at '2026-11-03 10:00' 1
cut -f1-3,7,8 "$T/out" >"$T/got"
same "the same rule now triages it" "$T/got" <<'X'
id	tier	unit	how	rule
1	county	370829C01	triage	returned by 370829001010
X
run 0 route --explain 1
has "explain: the case's return" "$T/out" "returned 2026-11-02 15:00:00 by 370829001010 (rule '垃圾:词'): 属城管执法范围，非社区职责"
has "explain: the decision" "$T/out" "decision: county by triage 'returned by 370829001010'"
run 0 route --explain 4
has "explain: the returns counted against the rule that would route a case" "$T/out" "returns against rule '垃圾:词': 1 (of 1 cases)"
run 0 route --at '2026-11-03 11:00' --to D01 --reason "转住建局" 1
eq "re-routed by the centre: the department is the first handler" \
    "$(sql "SELECT status, (SELECT code FROM units WHERE id = resp_id), (SELECT code FROM units WHERE id = first_id) FROM cases WHERE id = 1")" \
    "open|D01|D01"

# A second return by the department counts against no rule (it was routed by hand).
run 0 resolve --at '2026-11-03 15:00' --return --note "不属住建职责" 1
run 0 resolve --at '2026-11-03 15:00' --return --note "非社区职责" 2
run 0 ledger --by rule --returned
same "ledger --by rule --returned: the rules that misroute" "$T/out" <<'X'
rule	count
垃圾:词	2
X
run 0 ledger --returned --columns id,status,returns
same "ledger --returned" "$T/out" <<'X'
id	status	returns
1	new	2
2	new	1
X
eq "returns per unit" "$(sql "SELECT u.code, count(*) FROM returns r JOIN units u ON u.id = r.unit_id GROUP BY u.code ORDER BY u.code")" \
    "$(printf '370829001010|2\nD01|1')"
run 0 ledger --by rule
same "ledger --by rule: the rule of each case now" "$T/out" <<'X'
rule	count
	3
停车:词	1
X

# Errors: an unknown case, a case that is new (returned already) or
# closed; each exits 1 and changes nothing.
run 0 resolve --at '2026-11-04 10:00' --note "已劝离" 3
events=$(sql 'SELECT count(*) FROM events')
run 1 resolve --at '2026-11-04 11:00' --return --note "x" 99
has "an unknown case" "$T/err" "no case 99"
run 1 resolve --at '2026-11-04 11:00' --return --note "x" 2
has "a case returned already" "$T/err" "case 2 is new: route it first"
run 1 resolve --at '2026-11-04 11:00' --return --note "x" 3
has "a resolved case" "$T/err" "case 3 is resolved already, awaiting its call-back"
run 0 callback --at '2026-11-05 10:00' --outcome satisfied 3
run 1 resolve --at '2026-11-05 11:00' --return --note "x" 3
has "a closed case" "$T/err" "case 3 is closed"
eq "nothing changed but the call-back" "$(sql 'SELECT count(*) FROM events')|$(sql 'SELECT count(*) FROM returns')" \
    "$((events + 2))|3"
eq "case 4 was never routed" "$(sql 'SELECT status FROM cases WHERE id = 4')" new
run 0 ledger verify
done_testing
