#!/bin/sh
# reconcile: a call's category from the words of its text, by a routing
# rule's set_category, when that category is named nowhere else in the
# config (no rule's category list, no hotline type maps to it).
. tests/t/lib.sh

org
# The second rule, of no words, takes every case in routing; it sets no call's category.
echo '{"routing": {"rules": [{"name": "井盖", "any": ["井盖"], "set_category": "井盖缺失"},
  {"name": "其余", "tier": "community", "set_category": "其他"}]}}' >"$T/cfg.json"
H=工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
printf '%s\n%s\n%s\n' "$H" "T1,2026-11-20 08:00:00,13812345678,张伟,嘉祥镇街道萌山社区,,,,井盖丢了很危险" \
    "T2,2026-11-20 08:00:00,13812345679,李明,嘉祥镇街道萌山社区,,,,路面坑洼" >"$T/h.csv"
run 0 reconcile -c "$T/cfg.json" "$T/h.csv"
cut -f3,4,11 "$T/out" >"$T/got"
same "the category the text's words set; none for a text without them, the rule of no words left out" "$T/got" <<'X'
ticket	outcome	category
T1	missed	井盖缺失
T2	missed	
X
done_testing
