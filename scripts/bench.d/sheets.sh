# sheets: intake of the ledger as .xlsx against the same rows as CSV.
#
# The CSV is bench_intake's ($ROWS rows of gen-data, seed 7); the .xlsx is
# made of it once by scripts/xlsx-of-csv (its texts in a shared string
# table as Excel writes them, past 32 MiB of them from 100,000 rows up, so
# read back through the spill file; the times as date cells, the phones as
# number cells) and kept beside it. Each run intakes each file into a fresh copy of one
# database holding only the organisation. Targets: xlsx <= 2.0x CSV wall
# time, peak RSS under 128 MiB.
bench_sheets() {
	csv=$D/cases-$ROWS.csv
	xlsx=$D/cases-$ROWS-shared.xlsx
	if [ ! -s "$csv" ]; then
		"$TOP/scripts/gen-data" cases "$ROWS" --seed 7 >"$csv"
	fi
	if [ ! -s "$xlsx" ]; then
		echo "sheets: writing $xlsx (once)"
		/usr/bin/python3 "$TOP/scripts/xlsx-of-csv" "$csv" "$xlsx.tmp" && mv "$xlsx.tmp" "$xlsx" || return 1
	fi
	built "$D/sheets-base.db" "organisation" "org_db_sheets"
	echo "sheets: $ROWS rows, $(du -h "$csv" | cut -f1) of CSV, $(du -h "$xlsx" | cut -f1) of xlsx, $RUNS runs each"
	i=0
	while [ $i -lt "$RUNS" ]; do
		fresh "$D/sheets-base.db" "$D/sc.db" "$D/sx.db"
		timed intake-csv "$B/bin/intake" -d "$D/sc.db" "$csv"
		timed intake-xlsx "$B/bin/intake" -d "$D/sx.db" "$xlsx"
		i=$((i + 1))
	done
	n1=$(sqlite3 "$D/sc.db" "SELECT count(*) FROM cases")
	n2=$(sqlite3 "$D/sx.db" "SELECT count(*) FROM cases")
	tc=$(median intake-csv 2); tx=$(median intake-xlsx 2)
	printf '  %-26s %8s s   peak RSS %s MiB   %s cases\n' "intake CSV" "$tc" "$(($(median intake-csv 3) / 1024))" "$n1"
	printf '  %-26s %8s s   peak RSS %s MiB   %s cases\n' "intake xlsx" "$tx" "$(($(median intake-xlsx 3) / 1024))" "$n2"
	echo "  xlsx / CSV                   = $(ratio "$tx" "$tc")   (target <= 2.0; peak RSS target < 128 MiB)"
}

org_db_sheets() { org_db "$1" sheets; }
