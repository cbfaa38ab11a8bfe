# route: $ROWS new cases routed (rules, with the model trained for the cases
# no rule takes), against intake of the same ledger in the same run (target:
# route no slower than intake); and the classifier alone on $ROWS texts
# (target: 200,000 texts a second on one core), timed through
# `route --evaluate`, which reads a CSV and predicts every text. The same
# cases are also routed from the case stream intake printed (`route <ids`,
# as in `intake FILE | route`), on a copy of the database.
bench_route() {
	csv=$D/cases-$ROWS.csv
	if [ ! -s "$csv" ]; then
		"$TOP/scripts/gen-data" cases "$ROWS" --seed 7 >"$csv"
	fi
	"$TOP/scripts/gen-data" units --seed 7 >"$D/rt-units.csv"
	"$TOP/scripts/gen-data" people --seed 7 >"$D/rt-people.csv"
	# Labelled texts for the model: the generated texts and their categories.
	awk -F, 'NR == 1 { print "text,label"; next } $10 != "" && $11 !~ /"/ && NR % 50 == 0 { print $11 "," $10 }' \
	    "$csv" >"$D/rt-train.csv"
	awk -F, 'NR == 1 { print "text,label"; next } $10 != "" && $11 !~ /"/ { print $11 "," $10 }' \
	    "$csv" >"$D/rt-eval.csv"
	ntexts=$(($(wc -l <"$D/rt-eval.csv") - 1))
	echo "route: $ROWS cases; the model trained on $(($(wc -l <"$D/rt-train.csv") - 1)) texts; classification over $ntexts texts; $RUNS runs each"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		rm -f "$D/rt.db" "$D/rt.db-wal" "$D/rt.db-shm"
		"$B/bin/units" -d "$D/rt.db" import "$D/rt-units.csv" "$D/rt-people.csv" 2>/dev/null
		"$B/bin/route" -d "$D/rt.db" --train "$D/rt-train.csv" 2>/dev/null
		timed_to "$D/rt-ids" rt-intake "$B/bin/intake" -d "$D/rt.db" "$csv"
		fresh "$D/rt.db" "$D/rt2.db"
		timed rt-route "$B/bin/route" -d "$D/rt.db" --pending
		timed rt-stream sh -c 'exec "$0" -d "$1" <"$2"' "$B/bin/route" "$D/rt2.db" "$D/rt-ids"
		timed rt-classify "$B/bin/route" -d "$D/rt.db" --evaluate "$D/rt-eval.csv"
	done
	left=$(sqlite3 "$D/rt.db" "SELECT count(*) FROM cases WHERE status = 'new'")
	ti=$(median rt-intake 2); tr=$(median rt-route 2); tc=$(median rt-classify 2)
	tt=$(median rt-stream 2)
	printf '  %-26s %8s s\n' "intake" "$ti"
	printf '  %-26s %8s s   peak RSS %s MiB   (%s cases left new)\n' "route --pending" "$tr" \
	    "$(($(median rt-route 3) / 1024))" "$left"
	printf '  %-26s %8s s   peak RSS %s MiB\n' "route <ids (the stream)" "$tt" \
	    "$(($(median rt-stream 3) / 1024))"
	printf '  %-26s %8s s   = %s texts/s (reading the CSV included)\n' "route --evaluate" "$tc" \
	    "$(awk -v n="$ntexts" -v t="$tc" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "nan" }')"
	echo "  route / intake               = $(ratio "$tr" "$ti")   (target <= 1.0)"
	echo "  route <ids / route --pending = $(ratio "$tt" "$tr")"
}
