#!/bin/sh
# score on the hand-built ledger of lib.sh (score_ledger): the bulletin and
# every output format.
. tests/t/lib.sh
# The ledger's 小区书记 and 民情书记 are assessed here as they were before
# score.assessed_roles (0110-score-month.t shows the default): this test
# is about what score prints of the people assessed, not who they are.
echo '{"score": {"assessed_roles": ["包小区干部", "社区工作者", "物业经理", "小区书记", "民情书记"]}}' >"$T/roles.json"
export MINYI_CONFIG="$T/roles.json"

score_ledger

# The bulletin: per line, Chinese headers, the month before (September: X
# ranked 1st with 51.33, M not ranked with 100).
run 0 score --bulletin -m 2026-10 -l community --by unit
same "the bulletin" "$T/out" <<X
嘉祥县民意诉求办理情况通报
（2026年10月）

统计范围：2026-10-01至2026-10-31受理的诉求；办理情况截至2026-11-06 00:00:00。
计分办法：办结率30分（≥90%，每低1个百分点扣1分），一次办结率25分（≥90%，每低1个百分点扣1分），\
按时办结率25分（≥90%，每低1个百分点扣1分），满意率20分（≥98%，每低1个百分点扣1分）；\
热线漏报按核查时记入的分值扣分（现行每件1分×2倍）。当月不足3件的单位和个人不排名（排名记为“—”）。

一、社区、小区（按搜集的诉求）
排名  单位                搜集  办结  办结率  一次办结率  按时办结率  满意率  超期  漏报  扣分    得分  等级    \
上月排名  得分环比
   1  祥和社区居民委员会     3     3  100.0%      100.0%      100.0%  100.0%     0     0  0.00  100.00  优秀           1    +48.67
   2  祥和苑                 3     3  100.0%      100.0%      100.0%  100.0%     0     1  2.00   98.00  优秀           —         —
   2  金城花园               3     3  100.0%      100.0%      100.0%  100.0%     0     1  2.00   98.00  优秀           —         —
   4  萌山社区居民委员会     4     3   75.0%       50.0%       50.0%   75.0%     1     1  2.00   13.00  不合格         —    -87.00
   —  黄岗村委会             1     1  100.0%      100.0%      100.0%  100.0%     0     0  0.00  100.00  优秀           —         —
X
run 0 score --bulletin -m 2026-10
has "three unit sections" "$T/out" "三、职能部门（按承办的诉求，首办负责制）"
has "departments are counted by what they took on" "$T/out" "排名  单位                承办"
has "then the people of the lines with any" "$T/out" "五、“双报到”单位线个人（民情书记等搜集人员）"
has "names masked" "$T/out" "关*"
eq "no section for the people of departments" "$(grep -c '职能部门线个人' "$T/out")" 0

# Every output format (sessions and settled_at_session: empty for a pairing unit).
run 0 score -m 2026-10 -l pairing -o csv --bom
printf '\357\273\277line,rank,code,unit,months,counted,resolved,closed,reopened,overdue,red,meetings,closure_rate,first_rate,on_time_rate,'\
'satisfaction_rate,callback_rate,hotline,hotline_rate,missed,deduction,score,grade,sign_rate,sign_on_time_rate,returned,extensions,'\
'sessions,settled_at_session\r\n'\
'pairing,1,P01,县财政局,1,4,4,3,0,0,0,1,75.0,75.0,100.0,100.0,75.0,,,1,2.00,68.00,合格,,,0,0,,\r\n'\
'pairing,,P02,县教体局,1,2,1,1,0,0,0,0,50.0,50.0,100.0,100.0,100.0,,,0,0.00,45.00,不合格,,,0,0,,\r\n' >"$T/want.csv"
if cmp -s "$T/want.csv" "$T/out"; then
	pass "csv with a BOM for Excel and WPS"
else
	fail "csv with a BOM for Excel and WPS"
	od -c "$T/out" | head -5 | sed 's/^/#   /'
fi
run 0 score -m 2026-10 -l pairing -o json
eq "json: numbers, and null for no rank" "$(jq -c '[.[] | [.rank, .code, .score, .on_time_rate]]' "$T/out")" '[[1,"P01",68,100],[null,"P02",45,100]]'
run 0 score -m 2026-11 -l community -o ndjson
eq "ndjson: null for a rate with nothing to measure" "$(jq -c '[.satisfaction_rate, .score]' "$T/out")" '[null,-2]'
run 0 score -m 2026-10 -l pairing -o table
same "table" "$T/out" <<X
line     rank  code  unit      months  counted  resolved  closed  reopened  overdue  red  meetings  closure_rate  first_rate  on_time_rate  \
satisfaction_rate  callback_rate  hotline  hotline_rate  missed  deduction  score  grade   sign_rate  sign_on_time_rate  returned  extensions  \
sessions  settled_at_session
pairing     1  P01   县财政局       1        4         4       3         0        0    0         1          75.0        75.0         \
100.0              100.0           75.0                              1       2.00  68.00  合格                                         0           0
pairing        P02   县教体局       1        2         1       1         0        0    0         0          50.0        50.0         \
100.0              100.0          100.0                              0       0.00  45.00  不合格                                       0           0
X
done_testing
