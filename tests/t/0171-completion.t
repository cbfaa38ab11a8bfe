#!/bin/sh
# Bash completion (share/bash-completion/minyi): options from each tool's
# --help, fixed vocabularies after the options that take them, unit codes from
# the database, and units' and ledger's commands.
. tests/t/lib.sh

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not installed"
	exit 0
fi

# complete WORD...: what the completion offers for the last word, one a line, sorted.
complete_words() {
	bash -c '. "$1/share/bash-completion/minyi"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _minyi
		printf "%s\n" "${COMPREPLY[@]}" | sort' - "$TOP" "$@" 2>&1
}

complete_words intake --he >"$T/got"
same "intake's --help completes" "$T/got" <<'OUT'
--help
OUT
complete_words route --dr >"$T/got"
same "an option of the tool's own, from its --help" "$T/got" <<'OUT'
--dry-run
OUT
complete_words callback --out >"$T/got"
same "only the tool's options: callback's --outcome" "$T/got" <<'OUT'
--outcome
--output
OUT
complete_words score -o "" >"$T/got"
same "formats after -o" "$T/got" <<'OUT'
csv
json
ndjson
table
tsv
xlsx
OUT
complete_words callback --outcome d >"$T/got"
same "outcomes" "$T/got" <<'OUT'
dissatisfied
OUT
complete_words score --by "" >"$T/got"
same "score ranks by unit, person or team" "$T/got" <<'OUT'
person
team
unit
OUT
complete_words ledger --by co >"$T/got"
same "ledger counts by its fields" "$T/got" <<'OUT'
collector
colour
community
OUT
complete_words ledger --by month,st >"$T/got"
same "ledger's --by: the field after the comma" "$T/got" <<'OUT'
month,status
month,street
OUT
complete_words ledger --columns id,reso >"$T/got"
same "ledger's --columns: the column after the comma" "$T/got" <<'OUT'
id,resolution
id,resolved
OUT
complete_words intake --layout t >"$T/got"
same "a layout name with a blank" "$T/got" <<'OUT'
team ledger
OUT
complete_words ledger v >"$T/got"
same "ledger's commands" "$T/got" <<'OUT'
verify
OUT
complete_words units -q "" >"$T/got"
has "units' commands after an option" "$T/got" "import"
complete_words units list "" >"$T/got"
if grep -qx import "$T/got"; then fail "no command after the command"; else pass "no command after the command"; fi

org
complete_words route --to 370829001 >"$T/got"
has "unit codes from the database (\$MINYI_DB)" "$T/got" "370829001"
cp "$MINYI_DB" "$T/other.db"
complete_words resolve -d "$T/other.db" --unit 370829 >"$T/got"
has "unit codes from the database -d names" "$T/got" "370829"
MINYI_DB=$T/none.db complete_words route --to 3 >"$T/got"
eq "no database: no codes, no error" "$(cat "$T/got")" ""

# Platforms and sessions.
complete_words escalate --kind d >"$T/got"
same "session kinds" "$T/got" <<'OUT'
deliberation
OUT
complete_words escalate --outcome "" >"$T/got"
eq "a session's outcome is free text" "$(cat "$T/got")" ""
complete_words units pl >"$T/got"
same "units platforms" "$T/got" <<'OUT'
platforms
OUT
complete_words ledger se >"$T/got"
same "ledger sessions" "$T/got" <<'OUT'
sessions
OUT
printf 'code,name,kind,parent\nH01,萌山社区红色议事厅,议事厅,370829001010\n' >"$T/p.csv"
units import "$T/p.csv" 2>/dev/null
complete_words escalate --platform H >"$T/got"
same "platform codes from the database" "$T/got" <<'OUT'
H01
OUT
printf '%s\n' 小分队编码,社区,姓名,单位,职务,队长 T01,370829001010,马超,370829001,包小区干部,队长 \
    T02,370829001013,黄忠,370829001,包小区干部,队长 >"$T/roster.csv"
units import "$T/roster.csv" 2>/dev/null
complete_words ledger --team T >"$T/got"
same "team codes from the database" "$T/got" <<'OUT'
T01
T02
OUT
complete_words units card T0 >"$T/got"
same "units card: a team's code" "$T/got" <<'OUT'
T01
T02
OUT
done_testing
