# duplicates: how well intake flags a resident reporting the same demand
# again.
#
# gen-data writes DUP_ROWS cases (default 20,000) of seed DUP_SEED (default
# 11) with a share DUP_AGAIN (default 0.05) made residents reporting again
# within 10 days: three in four the same demand reworded (synonyms, clauses
# swapped or dropped, an aside added: the planted pairs, in its truth file),
# one in four a new demand of the same household (which must not be
# flagged). intake reads them into a database holding the organisation;
# a flag is right when the case flagged and the case it names belong to
# one planted chain of repeats. Precision: flags right / flags; recall:
# planted repeats flagged rightly / planted repeats. Targets: precision
# >= 0.95, recall >= 0.90. Tune on one seed, report on another.
bench_duplicates() {
	n=${DUP_ROWS:-20000}
	seed=${DUP_SEED:-11}
	again=${DUP_AGAIN:-0.05}
	csv=$D/again-$n-$seed.csv
	truth=$D/again-$n-$seed.truth
	"$TOP/scripts/gen-data" cases "$n" --seed "$seed" --again "$again" --truth "$truth" >"$csv"
	org_db "$D/dup.db" dup
	timed intake-again-planted "$B/bin/intake" -d "$D/dup.db" "$csv"
	echo "duplicates: $n cases of seed $seed, a share $again reporting again"
	sqlite3 -csv -noheader "$D/dup.db" "SELECT c.ref, d.ref FROM cases c JOIN cases d ON d.id = c.dup_of" >"$D/dup.flags"
	awk -F, -v flags="$D/dup.flags" '
		function root(x) { while (x in of) x = of[x]; return x }
		NR > 1 { of[$1] = $2; planted++ }
		END {
			while ((getline line < flags) > 0) {
				split(line, f, ",")
				n++
				if ((f[1] in of) && root(f[1]) == root(f[2])) { right++; hit[f[1]] = 1 }
			}
			for (r in hit) found++
			p = n ? right / n : 0; q = planted ? found / planted : 0
			printf "  %d planted repeats, %d flagged, %d right\n", planted, n, right
			printf "  precision %.3f   (target >= 0.95)\n  recall    %.3f   (target >= 0.90)\n", p, q
		}' "$truth"
	printf '  %-26s %8s s\n' "intake" "$(median intake-again-planted 2)"
}
