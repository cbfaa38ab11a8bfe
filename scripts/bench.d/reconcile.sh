# reconcile: a 12345 hotline export of 45% of $ROWS records (450,000 for the
# default 1,000,000) against a ledger of $ROWS cases, both from gen-data
# with seed 7: the export repeats ~60% of its records from the ledger
# (re-reported with noise), ~30% the teams missed, ~10% outside the county.
#
# The ledger is built once, untimed: `units import` and `intake` of the
# cases. Timed, each run on a fresh copy of it:
#   reconcile  `reconcile` of the export: import, match, deductions;
#   naive      the peer a user writes first, in the sqlite3 shell: the
#              export imported as it is, then each record joined to the
#              cases with the same phone within 7 days (the nearest wins).
# Both are then scored against gen-data's truth (ticket -> ledger ref).

rec_build() {
	db=$1
	org_db "$db" rec
	"$B/bin/intake" -d "$db" "$RCASES" >/dev/null 2>&1
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
}

# The naive match, as SQL for the sqlite3 shell.
rec_naive_sql() {
	cat <<SQL
.import --csv $RHOT h
CREATE TABLE naive AS
SELECT ticket, ref FROM (
  SELECT h."工单编号" AS ticket, c.ref AS ref,
         row_number() OVER (PARTITION BY h."工单编号"
             ORDER BY abs(c.received - unixepoch(h."来电时间", 'utc'))) AS k
  FROM h JOIN cases c ON c.phone = h."来电号码"
   AND c.received BETWEEN unixepoch(h."来电时间", 'utc') - 7 * 86400
                      AND unixepoch(h."来电时间", 'utc') + 7 * 86400)
WHERE k = 1;
SQL
}

# rec_score DB TABLE: precision and recall of TABLE(ticket, ref) against the truth.
rec_score() {
	sqlite3 -batch -noheader "$1" >/dev/null <<SQL
DROP TABLE IF EXISTS truth;
.import --csv $RTRUTH truth
SQL
	sqlite3 -batch -noheader -separator ' ' "$1" "
SELECT printf('%.4f', 1.0 * sum(t.ref = p.ref) / count(p.ref)),
       printf('%.4f', 1.0 * sum(t.ref = p.ref) / (SELECT count(*) FROM truth WHERE ref <> ''))
FROM truth t JOIN $2 p ON p.ticket = t.ticket"
}

bench_reconcile() {
	RCASES=$D/cases-$ROWS.csv
	nh=$((ROWS * 45 / 100))
	RHOT=$D/hotline-$nh.csv
	RTRUTH=$D/hotline-$nh-truth.csv
	if [ ! -s "$RCASES" ]; then
		echo "bench: generating $ROWS cases" >&2
		"$TOP/scripts/gen-data" cases "$ROWS" --seed 7 >"$RCASES"
	fi
	if [ ! -s "$RHOT" ]; then
		echo "bench: generating $nh hotline records" >&2
		"$TOP/scripts/gen-data" hotline "$nh" --seed 7 --cases "$ROWS" --truth "$RTRUTH" >"$RHOT"
	fi
	base=$D/rec-base-$ROWS.db
	built "$base" "the ledger of $ROWS cases for reconcile" rec_build
	rec_naive_sql >"$D/naive.sql"
	echo "reconcile: $nh hotline records ($(du -h "$RHOT" | cut -f1) of CSV) against $ROWS cases, $RUNS runs each"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		fresh "$base" "$D/rec.db" "$D/naive.db"
		timed reconcile "$B/bin/reconcile" -d "$D/rec.db" "$RHOT"
		timed naive-join sqlite3 -batch "$D/naive.db" ".read $D/naive.sql"
	done
	"$B/bin/reconcile" -d "$D/rec.db" -o csv --evaluate "$RTRUTH" >"$D/rec-eval.csv"
	rp=$(awk -F, '$1 == "precision" { print $2 }' "$D/rec-eval.csv")
	rr=$(awk -F, '$1 == "recall" { print $2 }' "$D/rec-eval.csv")
	set -- $(rec_score "$D/naive.db" naive)
	np=$1 nr=$2
	tr=$(median reconcile 2); tn=$(median naive-join 2)
	printf '  %-34s %8s s   peak RSS %4s MiB   precision %s   recall %s\n' "reconcile" "$tr" \
	    "$(($(median reconcile 3) / 1024))" "$rp" "$rr"
	printf '  %-34s %8s s   peak RSS %4s MiB   precision %s   recall %s\n' \
	    "naive: sqlite3 join on phone, 7 days" "$tn" "$(($(median naive-join 3) / 1024))" "$np" "$nr"
	echo "  reconcile / naive            = $(ratio "$tr" "$tn")   (target: reconcile <= 20 s, peak RSS <= 1024 MiB)"
	echo "  recall reconcile / naive     = $(ratio "$rr" "$nr")"
}
