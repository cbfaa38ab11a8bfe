#!/bin/sh
# Encodings decided record by record, and JSON's escaped NUL.
. tests/t/lib.sh

org

# A mostly GB18030 file with one UTF-8 line: each record read in its own
# encoding; a line that is neither is rejected with its line.
{
	printf 'ref,received,text,community\n' | iconv -f UTF-8 -t GB18030
	printf 'E1,2026-11-05 09:00,暖气片漏水,萌山社区\n' | iconv -f UTF-8 -t GB18030
	printf 'E2,2026-11-05 09:10,供暖不热,萌山社区\n'
	printf 'E3,2026-11-05 09:20,\377\376坏字,萌山社区\n'
	printf 'E4,2026-11-05 09:30,楼道灯不亮,萌山社区\n' | iconv -f UTF-8 -t GB18030
} >"$T/mixed.csv"
run 1 intake "$T/mixed.csv"
eq "every record stored in its own encoding" "$(sql "SELECT group_concat(ref || ' ' || text, '; ') FROM cases")" \
    "E1 暖气片漏水; E2 供暖不热; E4 楼道灯不亮"
has "a line valid as neither is rejected with its line" "$T/err" "mixed.csv:4: neither UTF-8 nor GB18030"
has "counted" "$T/err" "intake: 3 new, 0 already known, 1 rejected"

# A UTF-8 file with one GB18030 line: the same.
{
	printf 'ref,received,text,community\n'
	printf 'F1,2026-11-06 09:00,路灯坏了,萌山社区\n'
	printf 'F2,2026-11-06 09:10,垃圾没人清,萌山社区\n' | iconv -f UTF-8 -t GB18030
} >"$T/mixed2.csv"
run 0 intake "$T/mixed2.csv"
eq "a GB18030 line in a UTF-8 file" "$(sql "SELECT text FROM cases WHERE ref = 'F2'")" "垃圾没人清"

# An explicit --encoding still forces one encoding for every line.
LC_ALL=C sed 's/^E/G/' "$T/mixed.csv" | LC_ALL=C grep -av '^G3' >"$T/forced.csv"
run 1 intake --encoding utf-8 "$T/forced.csv"
has "forced UTF-8: the GB18030 lines are rejected" "$T/err" "forced.csv:2: invalid UTF-8"
eq "and the UTF-8 line stored" "$(sql "SELECT text FROM cases WHERE ref = 'G2'")" "供暖不热"

# JSON: an escaped NUL is rejected like the byte, the records around it kept whole.
cat >"$T/nul.ndjson" <<'J'
{"ref":"J1","received":"2026-11-07 09:00","text":"第一条","community":"萌山社区"}
{"ref":"J2","received":"2026-11-07 09:00","text":"前\u0000后","community":"萌山社区"}
{"ref":"J3","received":"2026-11-07 09:00","text":"反斜杠\\u0000不是零","community":"萌山社区"}
J
run 1 intake "$T/nul.ndjson"
has "the escaped NUL rejected with its line" "$T/err" "nul.ndjson:2: NUL byte (\\u0000)"
eq "the others whole" "$(sql "SELECT group_concat(ref || ' ' || text, '; ') FROM cases WHERE ref LIKE 'J%'")" \
    'J1 第一条; J3 反斜杠\u0000不是零'
printf '[{"ref":"K1","received":"2026-11-07 10:00","text":"甲\\u0000乙","community":"萌山社区"},\n%s]\n' \
    '{"ref":"K2","received":"2026-11-07 10:00","text":"丙","community":"萌山社区"}' >"$T/nul.json"
run 1 intake "$T/nul.json"
has "in a JSON array too" "$T/err" "nul.json:1: NUL byte (\\u0000)"
eq "K2 kept, K1 not stored cut short" "$(sql "SELECT group_concat(ref || ' ' || text, '; ') FROM cases WHERE ref LIKE 'K%'")" "K2 丙"

done_testing
