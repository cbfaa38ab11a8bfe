#!/bin/sh
# Corrections: every file intake reads is an import batch (ledger imports);
# intake --undo voids the batch's cases still new, frees their references
# and leaves the others alone; the file read again brings them back.
. tests/t/lib.sh

team_ledger 3
# The fourth, without a phone.
echo 'L-004,visit,2026-11-02 09:30,赵敏,,书香名邸6号楼,祥和社区,书香名邸,,单元门禁损坏,许褚' >>"$T/team.csv"
printf 'ref,received,text\nbad,not a time,x\n' >"$T/other.csv"
run 0 intake --at '2026-11-02 09:40' -u 许褚 "$T/team.csv"
run 1 intake --at '2026-11-02 09:41' "$T/other.csv"
cp "$T/team.csv" "$T/copy.csv"
run 0 intake --at '2026-11-02 09:42' "$T/copy.csv"
has "the same bytes under another name are said" "$T/err" "copy.csv: the same bytes as import batch 1 ('$T/team.csv'); intake --undo undoes a batch"
run 0 ledger imports
same "each file is a batch: name, digest, time, operator, counts, cases" "$T/out" <<X
batch	file	digest	at	operator	new	amended	known	rejected	first	last	undone	undo_note
1	$T/team.csv	$(sha256sum "$T/team.csv" | cut -d' ' -f1)	2026-11-02 09:40:00	许褚	4	0	0	0	1	4		
2	$T/other.csv	$(sha256sum "$T/other.csv" | cut -d' ' -f1)	2026-11-02 09:41:00	tester	0	0	0	1				
3	$T/copy.csv	$(sha256sum "$T/team.csv" | cut -d' ' -f1)	2026-11-02 09:42:00	tester	0	0	4	0				
X
run 0 intake --dry-run "$T/team.csv"
eq "a dry run records no batch" "$(sql "SELECT count(*) FROM imports")" 3
printf '%s\n' 'text,received' '来自标准输入,2026-11-02 09:00' | intake --at '2026-11-02 09:43' - >/dev/null 2>&1
eq "standard input is a batch without a digest" "$(sql "SELECT file || '|' || coalesce(digest, '-') FROM imports WHERE id = 4")" "(stdin)|-"

run 0 route --at '2026-11-02 10:00' 1
run 0 resolve --at '2026-11-02 10:30' --void --note "无效" 3
run 1 intake --at '2026-11-02 11:00' -u 王明 --undo 1 --note "导入错库"
eq "the new cases undone are streamed" "$(tail -n +2 "$T/out" | cut -f1,3)" "$(printf '2\tL-002#undone1\n4\tL-004#undone1')"
has "a routed case is left alone" "$T/err" "intake: case 1 is open: left alone (void it with resolve --void)"
has "counted" "$T/err" "intake: batch 1 undone: 2 voided, 1 void already, 1 left alone"
eq "void, the reason kept, the reference freed" "$(sql "SELECT group_concat(id || '|' || status || '|' || ref || '|' || coalesce(void_reason, '-'), ';')
    FROM cases WHERE id <= 4")" "1|open|L-001|-;2|void|L-002#undone1|导入错库;3|void|L-003|无效;4|void|L-004#undone1|导入错库"
eq "one event per case naming the batch" \
    "$(sql "SELECT case_id || '|' || operator || '|' || details FROM events WHERE kind = 'undo' AND case_id = 2" | sed 's/,"digest".*//')" \
    "2|王明|{\"batch\":1,\"file\":\"$T/team.csv\",\"reason\":\"导入错库\",\"from\":\"new\",\"ref\":\"L-002\""
eq "the batch is marked undone" "$(sql "SELECT (undone IS NOT NULL) || '|' || undo_note || '|' || undo_operator FROM imports WHERE id = 1")" "1|导入错库|王明"
run 0 ledger verify

run 65 intake --undo 1 --note again
has "a batch is undone once" "$T/err" "intake: import batch 1 ('$T/team.csv') was undone already"
run 65 intake --undo 99 --note x
has "an unknown batch" "$T/err" "intake: no import batch 99 (see ledger imports)"
run 64 intake --undo 1
run 64 intake --undo x --note y
run 64 intake --undo 1 --note y "$T/team.csv"
run 64 intake --undo 1 --amend --note y 2
run 64 ledger --status new imports

# The file read again: its undone cases come back as new cases.
run 0 intake --at '2026-11-03 09:00' "$T/team.csv"
has "back as new" "$T/err" "intake: 2 new, 2 already known, 0 rejected"
eq "under their own references" "$(sql "SELECT group_concat(id || '|' || ref || '|' || status, ';') FROM cases WHERE id > 5")" "6|L-002|new;7|L-004|new"
run 0 ledger show 2
has "the old case keeps its history" "$T/out" '"ref":"L-002"'
# An undone case can come back by hand as well.
run 0 resolve --at '2026-11-03 10:00' --unvoid --note "撤销有误" 2
eq "back to new under its freed reference" "$(sql "SELECT status || '|' || ref FROM cases WHERE id = 2")" "new|L-002#undone1"
run 0 ledger verify
done_testing
