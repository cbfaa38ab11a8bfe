#!/bin/sh
# intake: the seed's activities as channels (intake.channel_aliases): each
# sets its channel and is kept on the case as its activity; an activity
# column fills the activity too; ledger show prints it, ledger --by groups.
. tests/t/lib.sh

org
cat >"$T/a.csv" <<'CSV'
ref,channel,received,community,text
A1,敲门行动,2026-11-02 09:00,萌山社区,楼道灯不亮一
A2,红色星期天,2026-11-02 09:00,萌山社区,楼道灯不亮二
A3,"民意""5""来听",2026-11-02 09:00,萌山社区,楼道灯不亮三
A4,民意“5”来听,2026-11-02 09:00,萌山社区,楼道灯不亮四
A5,民意5来听,2026-11-02 09:00,萌山社区,楼道灯不亮五
A6,议事厅,2026-11-02 09:00,萌山社区,楼道灯不亮六
A7,接访日,2026-11-02 09:00,萌山社区,楼道灯不亮七
A8,八方议事,2026-11-02 09:00,萌山社区,楼道灯不亮八
A9,联系卡,2026-11-02 09:00,萌山社区,楼道灯不亮九
A10,微信群,2026-11-02 09:00,萌山社区,楼道灯不亮十
A11,visit,2026-11-02 09:00,萌山社区,楼道灯不亮十一
A12,飞鸽传书,2026-11-02 09:00,萌山社区,楼道灯不亮十二
CSV
run 1 intake "$T/a.csv"
sed "s|$T/||" "$T/err" >"$T/e"
has "an unknown channel is still refused, with its line" "$T/e" "a.csv:13: unknown channel '飞鸽传书'"
same "each alias: its channel, and the activity kept" "$(sql "SELECT ref, channel, coalesce(activity, '-') FROM cases ORDER BY id" >"$T/s"; echo "$T/s")" <<'X'
A1|visit|敲门行动
A2|visit|红色星期天
A3|visit|民意"5"来听
A4|visit|民意“5”来听
A5|visit|民意5来听
A6|hall|议事厅
A7|hall|接访日
A8|hall|八方议事
A9|wechat|联系卡
A10|wechat|微信群
A11|visit|-
X

# An activity column: 活动 fills the activity; naming an alias with no
# channel column, it gives the channel too; the channel column's own
# alias gives way to it.
cat >"$T/b.csv" <<'CSV'
编号,渠道,搜集时间,社区,诉求内容,活动
B1,,2026-11-03 09:00,萌山社区,路灯坏了一,红色星期天
B2,hall,2026-11-03 09:00,萌山社区,路灯坏了二,周末夜访
B3,接访日,2026-11-03 09:00,萌山社区,路灯坏了三,八方议事
CSV
run 0 intake "$T/b.csv"
eq "the activity column" "$(sql "SELECT group_concat(ref || ':' || channel || ':' || activity, ' ') FROM cases WHERE ref LIKE 'B%'")" \
    "B1:visit:红色星期天 B2:hall:周末夜访 B3:hall:八方议事"

# --channel takes an activity too.
run 0 intake --channel 民意5来听 --text '健身器材坏了' --community 萌山社区
eq "--channel with an activity" "$(sql "SELECT channel || ':' || activity FROM cases ORDER BY id DESC LIMIT 1")" "visit:民意5来听"
run 64 intake --channel 飞鸽传书 --text '健身器材坏了' --community 萌山社区
same "--channel unknown" "$T/err" <<'X'
intake: unknown channel '飞鸽传书' (expected visit, hall, hotline, wechat, other or an activity of intake.channel_aliases)
X

# A county's config adds an activity and takes one away ("").
echo '{"intake": {"channel_aliases": {"周末夜访": "visit", "联系卡": ""}}}' >"$T/cfg.json"
printf 'ref,channel,received,community,text\nC1,周末夜访,2026-11-04 09:00,萌山社区,停车难一\nC2,联系卡,2026-11-04 09:00,萌山社区,停车难二\n' >"$T/c.csv"
run 1 intake -c "$T/cfg.json" "$T/c.csv"
has "an alias taken away is refused" "$T/err" "c.csv:3: unknown channel '联系卡'"
eq "the config's own alias" "$(sql "SELECT channel || ':' || activity FROM cases WHERE ref = 'C1'")" "visit:周末夜访"
echo '{"intake": {"channel_aliases": {"周末夜访": "fax"}}}' >"$T/bad.json"
run 78 intake -c "$T/bad.json" --text x
same "an alias to no channel is a config error" "$T/err" <<X
intake: $T/bad.json: 'intake.channel_aliases.周末夜访': expected a channel (visit, hall, hotline, wechat, other) or ""
X

# ledger show prints the activity; ledger --by groups by it (visit: A1-A5,
# A11, B1, the case by flags, C1), the largest groups first.
run 0 ledger show 2
same "ledger show: the activity after the case's fields" "$(grep -A1 '^updated' "$T/out" | tail -1 >"$T/s"; echo "$T/s")" <<'X'
activity	红色星期天
X
run 0 ledger show 11
eq "no activity, no line" "$(grep -c '^activity' "$T/out")" 0
run 0 ledger show -o json 6
eq "json: the activity" "$(jq -r '.case.activity' "$T/out")" "议事厅"
run 0 ledger --channel visit --by activity
same "ledger --by activity" "$T/out" <<'X'
activity	count
民意5来听	2
红色星期天	2
	1
周末夜访	1
敲门行动	1
民意"5"来听	1
民意“5”来听	1
X
done_testing
