#!/bin/sh
# What a reveal event names: the tool, what was shown, the command line and
# the rows shown in clear, for every look that is about no case; and every
# tool that shows something in clear records its look.
. tests/t/lib.sh
# The ledger's 小区书记 and 民情书记 are assessed here as they were before
# score.assessed_roles (0110-score-month.t shows the default): this test
# is about what score prints of the people assessed, not who they are.
echo '{"score": {"assessed_roles": ["包小区干部", "社区工作者", "物业经理", "小区书记", "民情书记"]}}' >"$T/roles.json"
export MINYI_CONFIG="$T/roles.json"

score_ledger
reveals() { sql "SELECT count(*) FROM events WHERE kind = 'reveal'"; }
# last: the latest reveal's case (none), what, command line and rows.
last() {
	sql "SELECT coalesce(case_id, 'none'), json_extract(details, '\$.what'), json_extract(details, '\$.args'),
	    json_extract(details, '\$.rows') FROM events WHERE kind = 'reveal' ORDER BY id DESC LIMIT 1"
}

# The misses by person: every named row printed is counted, not 1.
run 0 reconcile --missed --by person --reveal
eq "three of the rows name a person" "$(tail -n +2 "$T/out" | awk -F '\t' '$2 != ""' | wc -l)" 3
eq "the event counts them and names the command line" "$(last)" 'none|missed records|["--missed","--by","person","--reveal"]|3'
run 0 reconcile --missed --month 2026-10 --by person --reveal
eq "a month's: its filter named, its rows counted" "$(last)" \
    'none|missed records|["--missed","--month","2026-10","--by","person","--reveal"]|2'
n=$(reveals)
run 0 reconcile --missed --by unit --reveal
eq "by unit: nothing in clear, nothing recorded" "$(reveals)" "$n"

# The people: recorded once they are written, so their rows are counted.
run 0 units --reveal people
eq "people: eight rows" "$(last)" 'none|people|["--reveal","people"]|8'
run 0 units --reveal list
eq "unit contacts: the units with a contact or phone" "$(last)" 'none|unit contacts|["--reveal","list"]|8'
# A byte of the command line that is not UTF-8 is kept as '?', so the details stay JSON.
run 0 units --reveal -u "王$(printf '\377')" list
eq "a byte that is not UTF-8 becomes ?" "$(last)" 'none|unit contacts|["--reveal","-u","王?","list"]|8'

# score keeps its period and gains the command line and rows.
run 0 score -m 2026-10 --by person --line pairing --reveal
eq "score: the period, the command line, the rows" "$(sql "SELECT json_extract(details, '\$.from') || '|' || json_extract(details, '\$.args') ||
    '|' || json_extract(details, '\$.rows') FROM events WHERE kind = 'reveal' ORDER BY id DESC LIMIT 1")" \
    '2026-10-01 00:00:00|["-m","2026-10","--by","person","--line","pairing","--reveal"]|2'

# A per-case look still names just what, one event per case.
run 0 ledger --reveal --status open --limit 2
eq "per case: no command line in each" "$(sql "SELECT group_concat(details, ' ') FROM (SELECT details FROM events WHERE kind = 'reveal'
    ORDER BY id DESC LIMIT 2)")" '{"tool":"ledger","what":"case list"} {"tool":"ledger","what":"case list"}'

# Tools whose only clear values are numbers in free text record their look too.
sql "INSERT INTO callbacks(case_id, at, outcome, operator, note) VALUES (13, $(ts '2026-11-02 09:00'), 'dissatisfied', 't', '请回电13912345678')"
run 0 callback --dissatisfied
has "the dissatisfaction ledger, which takes no --reveal: notes masked" "$T/out" "请回电139****5678"
n=$(reveals)
run 0 resolve --reveal --note "已联系13912345678处理" 13
has "resolve --reveal: the note in clear" "$T/out" "已联系13912345678处理"
eq "and recorded" "$(last)" 'none|cases resolved|["--reveal","--note","已联系13912345678处理","13"]|1'
run 0 resolve --reveal --progress --note "已派人" 5
eq "a note with no number shows nothing in clear: nothing recorded" "$(reveals)" $((n + 1))
done_testing
