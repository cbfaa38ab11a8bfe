#!/bin/sh
# score: the year. The yearly bulletin (年度通报: the year-end total beside
# the monthly scores), ranked by the rule of score.year_rank (sum, the
# default, or mean), its county section, and the report of a year ranked
# by the same rule. On the hand-built ledger of lib.sh (score_ledger).
. tests/t/lib.sh
# The ledger's 小区书记 and 民情书记 are assessed here as they were before
# score.assessed_roles (0110-score-month.t shows the default): this test
# is about what score prints of the people assessed, not who they are.
echo '{"score": {"assessed_roles": ["包小区干部", "社区工作者", "物业经理", "小区书记", "民情书记"]}}' >"$T/roles.json"
export MINYI_CONFIG="$T/roles.json"

score_ledger

# The months are those begun by now (26 November): January to November.
# Line 1 by the sum: E1, E2 98 (October alone, ranked, tied); X 51.33 +
# 100 - 2 = 149.33 over 3 months (7 cases, below 3 a month: not ranked),
# M 100 + 13 = 113 over 2 (5 cases: not ranked), H 100 over 1 (1 case).
# The mean is rounded to hundredths: X 149.33 / 3 = 49.78 (不合格), M 56.50.
# People: 刘备 and 张飞 100 (ranked, tied); 关羽 51.33 + 100 + 0 (November's
# open case, overdue, no miss booked to him) = 151.33, mean 50.44; 许褚
# 100 + 15 = 115; 马超 nothing to assess but his two misses: -4.
run 0 score --bulletin -y 2026 -l community
same "the year's bulletin, line 1, by the sum" "$T/out" <<'X'
嘉祥县民意诉求办理情况年度通报
（2026年）

统计范围：2026年1月至11月，各月按当月通报的办法计分。年底总成绩为各月得分之和，按总成绩排名；计分月份少于全年的，列出其计分月数；平均每月不足3件的单位和个人不排名（排名记为“—”），无可考核事项的不排名。

一、社区、小区（按搜集的诉求）
排名  单位                计分月数  1月  2月  3月  4月  5月  6月  7月  8月     9月    10月   11月  总成绩    月均  等级
   1  祥和苑                     1    —    —    —    —    —    —    —    —       —   98.00      —   98.00   98.00  优秀
   1  金城花园                   1    —    —    —    —    —    —    —    —       —   98.00      —   98.00   98.00  优秀
   —  祥和社区居民委员会         3    —    —    —    —    —    —    —    —   51.33  100.00  -2.00  149.33   49.78  不合格
   —  萌山社区居民委员会         2    —    —    —    —    —    —    —    —  100.00   13.00      —  113.00   56.50  不合格
   —  黄岗村委会                 1    —    —    —    —    —    —    —    —       —  100.00      —  100.00  100.00  优秀

二、社区、小区线个人（搜集人员、包小区干部）
排名  姓名  角色        单位                计分月数  1月  2月  3月  4月  5月  6月  7月  8月     9月    10月  11月  总成绩    月均  等级
   1  刘*   物业经理    金城花园                   1    —    —    —    —    —    —    —    —       —  100.00     —  100.00  100.00  优秀
   1  张*   小区书记    祥和苑                     1    —    —    —    —    —    —    —    —       —  100.00     —  100.00  100.00  优秀
   —  关*   社区工作者  祥和社区居民委员会         3    —    —    —    —    —    —    —    —   51.33  100.00  0.00  151.33   50.44  不合格
   —  许*   社区工作者  萌山社区居民委员会         2    —    —    —    —    —    —    —    —  100.00   15.00     —  115.00   57.50  不合格
   —  马*   包小区干部  嘉祥镇街道                 1    —    —    —    —    —    —    —    —       —   -4.00     —   -4.00   -4.00  不合格
X

# By the mean of the months scored, every unit ranked (min_cases 0): H
# 100, E1 and E2 98, M 56.50, X 49.78; the people: 刘备, 张飞 100, 许褚
# 57.50, 关羽 50.44, and 马超 last of all, with nothing to assess: never
# ranked. The rule is stated in the head.
echo '{"score": {"year_rank": "mean", "min_cases": 0, "assessed_roles": ["包小区干部", "社区工作者", "物业经理", "小区书记", "民情书记"]}}' >"$T/mean.json"
run 0 score -c "$T/mean.json" --bulletin -y 2026 -l community
has "the rule stated" "$T/out" "年底总成绩为各月得分之和，按计分月份的月均得分排名；"
eq "units by the mean" "$(awk '/^一/,/^$/' "$T/out" | awk 'NR > 2 && NF { print $1, $2, $(NF - 1) }' | tr '\n' '|')" \
    "1 黄岗村委会 100.00|2 祥和苑 98.00|2 金城花园 98.00|4 萌山社区居民委员会 56.50|5 祥和社区居民委员会 49.78|"
eq "people by the mean" "$(awk '/^二/,0' "$T/out" | awk 'NR > 2 { print $1, $2, $(NF - 1) }' | tr '\n' '|')" \
    "1 刘* 100.00|1 张* 100.00|3 许* 57.50|4 关* 50.44|— 马* -4.00|"
# The year's report ranks by the same rule.
run 0 score -c "$T/mean.json" -y 2026 -l community
eq "the report ranks by the mean too" "$(tail -n +2 "$T/out" | cut -f2,3,22 | tr '\t\n' ' |')" \
    "1 370829002200 100.00|2 370829001010-E01 98.00|2 370829001010-E02 98.00|4 370829001010 113.00|5 370829001013 149.33|"

# The county section: every case once, by month, then the year, urban,
# each street. September: 33-36, 3 resolved (35 after the cutoff), 3 of 3
# answered satisfied (35's call-back after the cutoff), 3 of 3 called.
# October as score -m 2026-10 gives it (0110). November: case 5, open.
# The year: 32 cases, 25 closed (78.1), 23 of 24 satisfied (95.8), 23 of 27
# resolved called back (85.2). No hotline record: 0.0 where cases are.
# Both streets are 街道: urban 26 (嘉祥镇街道 24, 卧龙山街道 2), no rural row.
run 0 score --bulletin -y 2026
awk '/^六、/,0' "$T/out" >"$T/got"
same "the county section of the year" "$T/got" <<'X'
六、全县合计及城乡对比（按诉求所在地）
范围              受理  办结  办结率  满意率  回访率  热线记录  热线率
1月                  0     0       —       —       —         0       —
2月                  0     0       —       —       —         0       —
3月                  0     0       —       —       —         0       —
4月                  0     0       —       —       —         0       —
5月                  0     0       —       —       —         0       —
6月                  0     0       —       —       —         0       —
7月                  0     0       —       —       —         0       —
8月                  0     0       —       —       —         0       —
9月                  4     3   75.0%  100.0%  100.0%         0    0.0%
10月                27    22   81.5%   95.2%   83.3%         0    0.0%
11月                 1     0    0.0%       —       —         0    0.0%
全年                32    25   78.1%   95.8%   85.2%         0    0.0%
街道（城区）合计    26    20   76.9%   94.7%   85.7%         0    0.0%
嘉祥镇街道          24    19   79.2%   94.4%   89.5%         0    0.0%
卧龙山街道           2     1   50.0%  100.0%   50.0%         0    0.0%
X

# A bad rule is refused with its key.
echo '{"score": {"year_rank": "median"}}' >"$T/bad.json"
run 78 score -c "$T/bad.json" -y 2026
has "year_rank: sum or mean" "$T/err" "'score.year_rank': expected sum or mean, found 'median'"
# The year's bulletin is a text only.
run 64 score --bulletin -y 2026 -o xlsx
done_testing
