#!/bin/sh
# reconcile on NYC 311 (tests/data/nyc311): a layout whose text is a
# category label ("Loud Music/Party"). Hand-set, agreeing texts weigh 7 and
# unrelated households of one community board match at 11; estimated, the
# agreeing label weighs next to nothing and they no longer match.
. tests/t/lib.sh

export TZ=America/New_York MINYI_NOW='2024-06-01 09:00'
cat >"$T/units.csv" <<'CSV'
code,name,kind,parent,contact,phone
NYC,New York City,county,,,
MN,MANHATTAN,street,NYC,,
BK,BROOKLYN,street,NYC,,
MN12,12 MANHATTAN,community,MN,,
BK01,01 BROOKLYN,community,BK,,
BK04,04 BROOKLYN,community,BK,,
CSV
# The community board as the community; the teams' ledger in a layout of
# its own, with the county's categories.
cat >"$T/cfg.json" <<'JSON'
{"layouts": {"nyc311": {"fields": {"community": ["community_board"]}},
  "nyc_ledger": {"channel": "visit", "fields": {"ref": ["unique_key"], "received": ["created_date"],
    "address": ["incident_address"], "street": ["borough"], "community": ["community_board"],
    "category": ["complaint_type"], "text": ["descriptor"]}}},
 "reconcile": {"categories": [{"word": "Noise", "category": "噪音扰民"}, {"word": "Parking", "category": "停车管理"}]}}
JSON
export MINYI_CONFIG=$T/cfg.json
run 0 units import "$T/units.csv"
# The ledger: the first call about each address that was called about
# again (as if a team had recorded it); the export: every other call. The
# truth: a later call at a ledger address repeats it; the rest repeat none.
awk -F, -v L="$T/ledger.csv" -v X="$T/export.csv" 'NR == 1 { print > L; print > X; next }
    { n[$5]++; row[NR] = $0; a[NR] = $5 }
    END { for (i = 2; i <= NR; i++) if (n[a[i]] > 1 && !seen[a[i]]++) print row[i] > L; else print row[i] > X }' \
    "$TOP/tests/data/nyc311/requests.csv"
awk -F, 'BEGIN { OFS = "," } NR > 1 { if ($3 ~ /Noise/) $3 = "噪音扰民"; else if ($3 ~ /Parking|Driveway/) $3 = "停车管理" } 1' \
    "$T/ledger.csv" >"$T/ledger-zh.csv"
awk -F, 'FNR == 1 { next } NR == FNR { ref[$5] = $1; next } { print $1 "," ($5 in ref ? ref[$5] : "") }' \
    "$T/ledger.csv" "$T/export.csv" | sed '1i ticket,ref' >"$T/truth.csv"
eq "21 ledger calls, 124 in the export, 40 of them repeats" \
    "$(($(wc -l <"$T/ledger.csv") - 1)) $(($(wc -l <"$T/export.csv") - 1)) $(grep -c ',6' "$T/truth.csv")" "21 124 40"
run 0 intake --layout nyc_ledger "$T/ledger-zh.csv"

# Hand-set: the same label on the same night in the same board is a match.
run 0 reconcile "$T/export.csv"
run 0 reconcile --explain 61277059
has "an unrelated household" "$T/out" "case 4 (visit 61277162, received 2024-05-26 23:19:41): score 11.00"
has "its label agreeing weighs 7" "$T/out" "  text       1.00 similar             +7.00"
has "matched" "$T/out" "decision now: matched case 4 (score 11.00 >= threshold 6.00)"
eq "its address is another" "$(sql "SELECT (SELECT address FROM hotline WHERE ticket = '61277059') || ' / ' || address
    FROM cases WHERE id = 4")" "506 WEST  169 STREET / 638 WEST  160 STREET"

# Estimated from the export and the ledger alone.
run 0 reconcile -o csv --train "$T/export.csv"
tr -d '\r' <"$T/out" >"$T/w.csv"
w() { awk -F, -v k="$1" '$1 == k { print $3 }' "$T/w.csv"; }
eq "hand-set, the label agreeing weighs 7" "$(awk -F, '$1 == "text.from 0.9" { print $2 }' "$T/w.csv")" "7.00"
if awk -v x="$(w 'text.from 0.9')" 'BEGIN { exit !(x > -0.5 && x < 0.5) }'; then
	pass "estimated, it weighs next to nothing: $(w 'text.from 0.9')"
else
	fail "estimated, it weighs next to nothing: $(w 'text.from 0.9')"
fi
# Every call of the export was made the same night: the day tells nothing.
if awk -v x="$(w 'days.within 1')" 'BEGIN { exit !(x > -0.5 && x < 0.5) }'; then
	pass "and the same night nothing: $(w 'days.within 1')"
else
	fail "and the same night nothing: $(w 'days.within 1')"
fi
th=$(sql "SELECT printf('%.2f', json_extract(data, '$.threshold')) FROM models")
run 0 reconcile --explain 61277059
has "the same household" "$T/out" "case 4 (visit 61277162, received 2024-05-26 23:19:41): score"
if awk '/^case 4 / { s = $NF } /^decision now: missed/ { d = 1 } END { exit !(d && s < 1) }' "$T/out"; then
	pass "scores under 1 and is not matched"
else
	fail "scores under 1 and is not matched"
fi
has "against the model's threshold" "$T/out" "< threshold $th)"

# Against the truth: hand-set, 101 matched, 10 of them right (recall 10 of
# 40, precision 10 / 101); estimated, none matched: no evidence, no match.
run 0 reconcile -o csv --evaluate "$T/truth.csv"
tr -d '\r' <"$T/out" | sed -n '1,9p' >"$T/got"
same "the figures" "$T/got" <<'X'
metric,value,hand_set,estimated
records,124,124,124
true_matches,40,40,40
matched,101,101,0
correct,10,10,0
precision,0.0990,0.0990,0.0000
recall,0.2500,0.2500,0.0000
f1,0.1418,0.1418,0.0000
not_imported,0,0,0
X
done_testing
