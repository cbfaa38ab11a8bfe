# escalate: the supervision pass over $ROWS open cases (default 1,000,000).
#
# The database is built with SQL, not with intake and route: the
# organisation from `gen-data units/people` through `units import` (which
# also makes the schema), then $ROWS open community-tier cases inserted by
# one recursive-CTE INSERT in the sqlite3 shell, each with a deadline at
# 23:59:59 of one of the 100 consecutive days from T0 + 2 days, and its
# watch at its routing time, as route leaves it. One untimed pass at T0
# settles every case (its watch moves to the day it can turn blue).
#
# Timed, each run on a fresh copy of the settled database:
#   changes   escalate at T1 = T0 + 1 day: the cases due on the one day
#             whose blue warning starts then, 1 in 100, turn blue;
#   nothing   escalate again at T1: nothing is due to change;
#   naive     the peer: one sqlite3 UPDATE that recomputes every open
#             case's colour from its due date (in calendar days, no
#             working-day calendar), as a full re-evaluation would.
T0_ESC='2026-11-26 09:00'
T1_ESC='2026-11-27 09:00'

esc_build() {
	db=$1
	org_db "$db" esc
	t0=$(date -d "$T0_ESC" +%s)
	day0=$(date -d "$(date -d "$T0_ESC" +%F)" +%s)
	sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TEMP TABLE comm(k INTEGER PRIMARY KEY, id INTEGER, street INTEGER);
INSERT INTO comm(id, street) SELECT id, parent_id FROM units WHERE kind = 'community' ORDER BY id;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO cases(channel, ref, received, street_id, community_id, category, text, tier,
    resp_id, first_id, status, routed, due, watch, updated)
SELECT 'visit', 'E' || i, $t0 - 86400, c.street, c.id, '垃圾清运', '第' || i || '号楼垃圾满溢',
    'community', c.id, c.id, 'open', $t0 - 86400,
    $day0 + (2 + i % 100) * 86400 + 86399, $t0 - 86400, $t0 - 86400
FROM n JOIN comm c ON c.k = i % (SELECT count(*) FROM comm) + 1;
COMMIT;
SQL
	"$B/bin/escalate" -d "$db" --at "$T0_ESC" >/dev/null 2>&1
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
}

bench_escalate() {
	base=$D/esc-base-$ROWS.db
	built "$base" "$ROWS open cases for escalate" esc_build
	n=$(sqlite3 "$base" "SELECT count(*) FROM cases WHERE status = 'open'")
	t1=$(date -d "$T1_ESC" +%s)
	due=$(sqlite3 "$base" "SELECT count(*) FROM cases WHERE status = 'open' AND watch <= $t1")
	echo "escalate: $n open cases, $(du -h "$base" | cut -f1) database, $due due for a look at T1, $RUNS runs each"
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		fresh "$base" "$D/esc.db" "$D/esc-naive.db"
		timed escalate-changes "$B/bin/escalate" -d "$D/esc.db" --at "$T1_ESC"
		timed escalate-nothing "$B/bin/escalate" -d "$D/esc.db" --at "$T1_ESC"
		timed escalate-naive sqlite3 "$D/esc-naive.db" "UPDATE cases SET colour = CASE
		    WHEN due < $t1 - 3 * 86400 THEN 'red' WHEN due < $t1 THEN 'yellow'
		    WHEN due < $t1 + 2 * 86400 THEN 'blue' ELSE NULL END WHERE status = 'open'"
	done
	ch=$(sqlite3 "$D/esc.db" "SELECT count(*) FROM events WHERE kind = 'colour' AND at = $t1")
	echo "  colour changes recorded by the pass at T1: $ch"
	tc=$(median escalate-changes 2); tn=$(median escalate-nothing 2); tv=$(median escalate-naive 2)
	printf '  %-34s %8s s   peak RSS %s MiB\n' "escalate, ~1% change colour" "$tc" "$(($(median escalate-changes 3) / 1024))"
	printf '  %-34s %8s s   peak RSS %s MiB\n' "escalate again, nothing changes" "$tn" "$(($(median escalate-nothing 3) / 1024))"
	printf '  %-34s %8s s\n' "naive full UPDATE (sqlite3)" "$tv"
	echo "  escalate (~1%) <= 1 s: $tc;  nothing <= 0.2 s: $tn"
	echo "  naive / escalate (~1%)       = $(ratio "$tv" "$tc")"
	echo "  naive / escalate (nothing)   = $(ratio "$tv" "$tn")"
}
