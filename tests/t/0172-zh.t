#!/bin/sh
# Messages follow the locale, data does not: under LANG=zh_CN.UTF-8 the
# summary, the reasons and the usage are in Chinese (po/zh_CN.po), while
# what goes to standard output, the rejects file and the database are the
# same bytes as in English.
. tests/t/lib.sh

mo=$MINYI_BUILD/locale/zh_CN/LC_MESSAGES/minyi.mo
if ! command -v msgfmt >/dev/null 2>&1; then
	skip "no msgfmt (package gettext): no catalogue is built, the tools speak English"
	done_testing
	exit
fi
# Where msgfmt is, the build made the catalogue: without it this test fails.
if [ -f "$mo" ]; then pass "the catalogue is built"; else fail "the catalogue is built ($mo)"; fi
export MINYI_LOCALEDIR=$MINYI_BUILD/locale
# zh_CN.UTF-8 as the C library knows it once generated (scripts/deps does);
# without it, C.UTF-8 with LANGUAGE chooses the same catalogue.
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8'; then
	ZH="-u LC_MESSAGES LANG=zh_CN.UTF-8"
else
	echo "# no zh_CN.UTF-8 locale (scripts/deps makes it): LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
	ZH="-u LC_MESSAGES LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
fi

org
cat >"$T/a.csv" <<'CSV'
ref,channel,received,text,address
Z1,visit,2026-11-02 10:00,萌山社区路灯坏了,嘉祥镇街道萌山社区
Z2,visit,2026-11-02 11:00,,嘉祥镇街道萌山社区
,,,,
Z3,visit,2026-11-03 10:00,下水道堵了,无名之地
CSV
cp "$MINYI_DB" "$T/en.db"

run 1 env $ZH intake --rejects "$T/zh-rej.csv" "$T/a.csv"
has "the summary in Chinese" "$T/err" "intake: 新增 2 条，已有 0 条，拒收 1 条，其中地点未能确定 1 条，跳过空行 1 行"
has "a reason in Chinese, after FILE:LINE" "$T/err" "a.csv:3: 没有诉求内容"
has "the layout report in Chinese" "$T/err" "intake: $T/a.csv: 表格格式 minyi"
cp "$T/out" "$T/zh-out"
MINYI_DB=$T/en.db run 1 intake --rejects "$T/en-rej.csv" "$T/a.csv"
has "the same run in English" "$T/err" "intake: 2 new, 0 already known, 1 rejected, 1 with location not resolved, 1 empty row skipped"
if cmp -s "$T/out" "$T/zh-out"; then pass "standard output does not follow the locale"; else
	fail "standard output does not follow the locale"
	diff "$T/out" "$T/zh-out" | sed 's/^/#   /' | head -10
fi
eq "the stored events do not follow the locale" "$(sql 'SELECT kind, details FROM events ORDER BY id')" \
    "$(MINYI_DB=$T/en.db sql 'SELECT kind, details FROM events ORDER BY id')"
eq "the rejects file: the same header and rows" "$(cut -d, -f1,2,4- "$T/zh-rej.csv")" "$(cut -d, -f1,2,4- "$T/en-rej.csv")"
eq "the rejects file: the reason as on stderr" "$(sed -n 2p "$T/zh-rej.csv" | cut -d, -f3)" "没有诉求内容"

run 1 env $ZH intake "$T/a.csv"
has "known again, in Chinese" "$T/err" "intake: 新增 0 条，已有 2 条，拒收 1 条，跳过空行 1 行"

# Tables and numbers on standard output: the same bytes under any locale.
run 0 env $ZH ledger --by community
cp "$T/out" "$T/zh-out"
run 0 ledger --by community
if cmp -s "$T/out" "$T/zh-out"; then pass "ledger --by: the same table"; else fail "ledger --by: the same table"; fi

# A case that cannot take a call-back, one that does not exist, and the
# summary of callback, each one sentence in Chinese.
run 1 env $ZH callback --outcome satisfied 1 99
has "callback: why a case is skipped" "$T/err" "callback: 诉求 1 的状态是 new，尚未办理完毕：无从回访"
has "callback: no such case" "$T/err" "callback: 没有诉求 99"
has "callback: the summary" "$T/err" "callback: 登记回访 0 件（满意 0，基本满意 0，不满意 0，未接通 0）："
has "callback: the summary's end" "$T/err" "：销号 0 件，退回重办 0 件，留待复核 0 件；此前已登记 0 件，跳过 2 件"

# The usage and a wrong option.
run 0 env $ZH intake --help
has "--help: the usage in Chinese" "$T/out" "用法： intake [-q] [-d db]"
run 64 env $ZH intake --channel ufo --text x
has "a usage error in Chinese" "$T/err" "intake: 收集渠道“ufo”无法识别"
run 64 env $ZH score
has "score without a period, in Chinese" "$T/err" "score: 请给出一个考核期：-m 月份、-y 年份，或 --from 和 --to"

# An error from the C library (strerror) is readable too, in UTF-8.
run 66 env $ZH intake "$T/none.csv"
eq "no question marks in place of Chinese" "$(grep -c '??' "$T/err")" 0
has "the file named in a Chinese message" "$T/err" "无法打开“$T/none.csv”"

# A row read again with its text changed, for a case already closed, and a
# hand amendment of a case that does not exist: in Chinese too.
sql "UPDATE cases SET status = 'closed' WHERE ref = 'Z1'"
sed 's/萌山社区路灯坏了/萌山社区路灯又坏了/' "$T/a.csv" >"$T/b.csv"
run 1 env $ZH intake "$T/b.csv"
has "a change refused, in Chinese" "$T/err" "b.csv:2: 诉求 1 状态为 closed：内容有改动，未更正"
run 1 env $ZH intake --amend --note 更正 --text 路灯 99
has "an amendment refused, in Chinese" "$T/err" "没有诉求 99"

# Without the catalogue: English again.
run 1 env $ZH MINYI_LOCALEDIR=$T/nowhere intake "$T/a.csv"
has "no catalogue, English" "$T/err" "intake: 0 new, 2 already known, 1 rejected"
done_testing
