#!/bin/sh
# reconcile: which weights a run and --explain use (built-in, config or
# estimated), --hand-set, reconcile.estimated, and a text not compared.
. tests/t/lib.sh

hotline_ledger
run 0 intake "$T/c.csv"
# G020 calls about T5 (same phone, name and room, a day later) with nothing
# but the operator's stock phrase for a text: there is nothing to compare.
cat >"$T/h20.csv" <<'CSV'
工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容
G020,2026-10-21 10:00:00,13600002222,孙丽,金城花园2号楼1单元101,嘉祥镇街道,萌山社区,城乡建设/绿化,市民来电反映：
CSV
run 0 reconcile "$T/h20.csv"
# phone 5.5 + name 5 + room 7 + community 1 + category 1 + 1 day 3 = 22.5
eq "matched with the built-in weights" "$(cut -f1,3-5 "$T/out" | tail -1)" "5	G020	matched	22.50"
run 0 reconcile --explain G020
has "built-in weights" "$T/out" "weights: built-in; threshold 6.00"
has "a text left empty by normalising is not compared" "$T/out" "  text       not compared             +0.00"
if grep -q "text  *missing" "$T/out"; then fail "never 'text missing' when both have a text"; else
	pass "never 'text missing' when both have a text"; fi

# A config that changes a weight: its file named.
echo '{"reconcile": {"weights": {"phone": {"agree": 4}}}}' >"$T/cfg.json"
run 0 reconcile -c "$T/cfg.json" --explain G020
has "config weights" "$T/out" "weights: config ($T/cfg.json); threshold 6.00"
has "the config's phone weight" "$T/out" "  phone      agree                    +4.00"
has "score with it: 22.5 - 1.5" "$T/out" "decision now: matched case 5 (score 21.00 >= threshold 6.00)"
# A config that changes something else keeps the built-in weights.
echo '{"reconcile": {"points": 2}}' >"$T/cfg2.json"
run 0 reconcile -c "$T/cfg2.json" --explain G020
has "other keys: still built-in" "$T/out" "weights: built-in; threshold 6.00"

# Trained on the export of hotline_ledger: stored as the reconcile model,
# with an event; explain and later runs use it.
run 1 reconcile --train "$T/h.csv"
sed "s|$T/||" "$T/err" >"$T/got"
# 9 records read (G010 has no text); 5 candidate pairs: G001, G007 with T1,
# G002 with T2, G003 with T3, G008 with T4 (G004 is another estate's, G005
# and G006 are not ours, G009's village has no case).
same "the record it cannot read, and the summary" "$T/got" <<'X'
h.csv:11: no demand text
reconcile: h.csv: layout hotline12345
reconcile: model 1: weights estimated from 5 candidate pairs of 9 records in 6 iterations; true pairs 100.00% of them; 1 rejected
X
eq "one model stored" "$(sql "SELECT name || ' ' || trained FROM models")" "reconcile $(ts '2026-11-26 09:00')"
eq "its event" "$(sql "SELECT json_extract(details, '$.model') || ' ' || json_extract(details, '$.id') || ' ' ||
    json_extract(details, '$.pairs') FROM events WHERE kind = 'train'")" "reconcile 1 5"
run 0 ledger verify
th=$(sql "SELECT printf('%.2f', json_extract(data, '$.threshold')) FROM models")
pw=$(sql "SELECT printf('%+7.2f', json_extract(data, '$.weights.phone.agree')) FROM models")
run 0 reconcile --explain G020
has "estimated weights" "$T/out" "weights: estimated (model 1, trained 2026-11-26 09:00:00); threshold $th"
has "the model's phone weight" "$T/out" "  phone      agree                  $pw"
score=$(sed -n 's/^case 5 .*: score //p' "$T/out")
run 0 reconcile --hand-set --explain G020
has "--hand-set: the built-in ones" "$T/out" "weights: built-in; threshold 6.00"
echo '{"reconcile": {"estimated": false}}' >"$T/off.json"
run 0 reconcile -c "$T/off.json" --explain G020
has "reconcile.estimated false: the built-in ones" "$T/out" "weights: built-in; threshold 6.00"

# A run after training scores with the model: the same score as explain's.
sed 's/^G020,2026-10-21 10:00:00/G021,2026-10-21 11:00:00/' "$T/h20.csv" >"$T/h21.csv"
run 0 reconcile "$T/h21.csv"
eq "the run's score is the model's" "$(sql "SELECT printf('%.2f', score) FROM hotline WHERE ticket = 'G021'")" "$score"
sed 's/^G020,2026-10-21 10:00:00/G022,2026-10-21 12:00:00/' "$T/h20.csv" >"$T/h22.csv"
run 0 reconcile --hand-set "$T/h22.csv"
eq "--hand-set: the built-in score" "$(sql "SELECT printf('%.2f', score) FROM hotline WHERE ticket = 'G022'")" "22.50"

# What does not go together.
run 64 reconcile --train
has "--train needs files" "$T/err" "--train needs the hotline exports to learn from"
run 64 reconcile --train --dry-run "$T/h.csv"
run 64 reconcile --train --explain G020
run 64 reconcile --hand-set --missed
run 66 reconcile --train "$T/none.csv"
eq "nothing more stored" "$(sql "SELECT count(*) FROM models")" 1
done_testing
