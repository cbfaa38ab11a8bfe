# score: the monthly assessment over a ledger of $ROWS cases (default
# 1,000,000), against the same figures from GROUP BY queries in the sqlite3
# shell, in the same run; the two must agree, figure for figure.
#
# The database is built with SQL, not with the tools: the organisation from
# `gen-data units/people` through `units import` (which also makes the
# schema), then one recursive-CTE INSERT in the sqlite3 shell writes $ROWS
# cases received at even steps from 2024-01-01 to 2026-11-25 (for a million,
# one every 91 seconds, about 28,000 a month), collected by the communities and pairing units in
# turn, handled in the three tiers, most closed, some resolved late,
# reopened, open past their deadline, red, not routed or void; a call-back
# for each closed case (and a dissatisfied one before each reopening),
# 30 missed hotline demands a month booked to collecting units and people,
# two county meetings a month about three cases each, and hotline records,
# 45% as many as the cases (450,000 for a million): in the communities'
# places, one in twenty naming only a street or town, one in ten outside the
# county; each case routed to a unit waits a day for its signature, and
# eight in ten are signed (one in four of those late), one in forty has an
# extension approved (one in four hundred two), and one community case in
# a hundred was returned by its community.
#
# Timed: `score -m 2026-10` (the month's report by unit, every line, with
# the call-back and hotline rates, then each street and town, urban and
# rural, and the county's total) and the peer, sqlite3 running the queries
# of score(1) for the same month: every row and figure score prints but
# the names, months, meetings, first rate, grades and sessions.
SC_MONTH=2026-10
SC_AT='2026-11-26 12:00'

sc_build() {
	db=$1
	org_db "$db" sc
	t0=$(date -d '2024-01-01 00:00' +%s)
	step=$((91584000 / ROWS))
	nd=$(sqlite3 "$db" "SELECT count(*) FROM units WHERE kind = 'department'")
	nc=$(sqlite3 "$db" "SELECT count(*) FROM units WHERE kind IN ('community', 'pairing')")
	np=$(sqlite3 "$db" "SELECT count(*) FROM people")
	sqlite3 -bail "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TEMP TABLE coll(k INTEGER PRIMARY KEY, id INTEGER, community INTEGER, street INTEGER);
INSERT INTO coll(k, id, community, street) SELECT row_number() OVER (ORDER BY id) - 1, id, id,
    parent_id FROM units WHERE kind = 'community';
INSERT INTO coll(k, id, community, street) SELECT (SELECT count(*) FROM coll) + row_number()
    OVER (ORDER BY p.id) - 1, p.id, c.id, c.street FROM units p
    JOIN coll c ON c.k = p.id % (SELECT count(*) FROM coll) WHERE p.kind = 'pairing';
CREATE TEMP TABLE dept(k INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO dept(k, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM units
    WHERE kind = 'department';
CREATE TEMP TABLE who(k INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO who(k, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM people;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS),
x AS (SELECT i, $t0 + i * $step AS t, (i * 2654435761) % 1000 AS h, (i * 40503) % 997 AS g
    FROM n),
y AS (SELECT x.*, CASE WHEN g % 10 < 6 THEN 0 WHEN g % 10 < 8 THEN 1 ELSE 2 END AS tier,
    CASE WHEN h < 30 THEN 'void' WHEN h < 50 THEN 'new' WHEN h < 120 THEN 'open'
        WHEN h < 200 THEN 'resolved' ELSE 'closed' END AS status FROM x)
INSERT INTO cases(channel, ref, received, reporter, phone, address, street_id, community_id,
    category, text, collector, collector_id, unit_id, tier, resp_id, first_id, status, routed,
    due, colour, resolved, closed, reopens, void_reason, updated)
SELECT CASE i % 10 WHEN 6 THEN 'hall' WHEN 7 THEN 'wechat' WHEN 8 THEN 'hotline'
        WHEN 9 THEN 'other' ELSE 'visit' END,
    'B' || i, t, '张三', '138' || printf('%08d', i), '嘉祥镇萌山社区' || (i % 30) || '号楼',
    c.street, c.community, '垃圾清运',
    '楼下垃圾桶已经满了好几天没有人清运，天热味道很大，请尽快安排清运。' || i,
    '李四', w.id, c.id,
    CASE WHEN status = 'new' THEN NULL WHEN tier = 0 THEN 'community'
        WHEN tier = 1 THEN 'street' ELSE 'county' END,
    CASE WHEN status = 'new' THEN NULL WHEN tier = 0 THEN c.community WHEN tier = 1
        THEN c.street ELSE d.id END,
    CASE WHEN status = 'new' THEN NULL WHEN tier = 0 THEN c.community WHEN tier = 1
        THEN c.street WHEN i % 10 = 0 THEN (SELECT id FROM units WHERE kind = 'centre')
        ELSE d.id END,
    status, CASE WHEN status <> 'new' THEN t + 3600 END,
    CASE WHEN status <> 'new' THEN t + (5 + 5 * tier) * 86400 END,
    CASE WHEN status = 'open' AND g % 4 = 0 THEN 'red' WHEN status = 'open' THEN 'blue' END,
    CASE WHEN status IN ('resolved', 'closed') THEN t + (1 + g % 14) * 86400 END,
    CASE WHEN status = 'closed' THEN t + (2 + g % 14) * 86400 END,
    CASE WHEN status = 'closed' AND g % 20 = 0 THEN 1 ELSE 0 END,
    CASE WHEN status = 'void' THEN '重复' END, t
FROM y JOIN coll c ON c.k = i % $nc JOIN dept d ON d.k = i % $nd JOIN who w ON w.k = i % $np;
INSERT INTO callbacks(case_id, at, outcome, operator)
SELECT id, closed - 3600, CASE WHEN id % 100 < 85 THEN 'satisfied' WHEN id % 100 < 93 THEN 'basic'
    WHEN id % 100 < 97 THEN 'dissatisfied' ELSE 'unreachable' END, 'bench'
    FROM cases WHERE status = 'closed';
INSERT INTO callbacks(case_id, at, outcome, operator)
SELECT id, resolved - 7200, 'dissatisfied', 'bench' FROM cases WHERE reopens > 0;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 35 * 30)
INSERT INTO deductions(month, unit_id, person_id, points, reason, created)
SELECT strftime('%Y-%m', $t0 + (i / 30) * 2629800 + 86400, 'unixepoch', 'localtime'),
    c.id, CASE WHEN i % 3 THEN w.id END, 2, 'missed', 0
    FROM n JOIN coll c ON c.k = i % $nc JOIN who w ON w.k = i * 7 % $np;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)
INSERT INTO meetings(id, held, units, decision, lead_id, operator, created)
SELECT i, $t0 + i * 1314900, '', '会商', d.id, 'bench', 0 FROM n JOIN dept d ON d.k = i % $nd;
INSERT INTO meeting_cases(meeting_id, case_id)
SELECT m.id, c.id FROM meetings m JOIN cases c ON c.id IN ((m.held - $t0) / $step,
    (m.held - $t0) / $step + 7, (m.held - $t0) / $step + 13);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS * 45 / 100)
INSERT INTO hotline(ticket, received, street_id, community_id, imported, updated, outcome)
SELECT 'H' || i, $t0 + i * $step * 100 / 45 + 1800,
    CASE WHEN i % 10 <> 9 THEN c.street END,
    CASE WHEN i % 10 <> 9 AND i % 20 <> 4 THEN c.id END, 0, 0,
    CASE WHEN i % 10 = 9 THEN 'outside' WHEN i % 3 = 0 THEN 'missed' ELSE 'matched' END
FROM n JOIN coll c ON c.k = (i * 7) % (SELECT count(*) FROM units WHERE kind = 'community');
UPDATE cases SET sign_due = routed + 86400,
    signed = CASE WHEN id / 3 % 10 < 8 THEN routed + id / 11 % 4 * 43200 END,
    extensions = CASE WHEN id / 13 % 40 = 0 THEN 1 WHEN id / 13 % 400 = 1 THEN 2 ELSE 0 END
    WHERE routed IS NOT NULL AND resp_id IS NOT (SELECT id FROM units WHERE kind = 'centre');
INSERT INTO returns(case_id, unit_id, rule, at, note)
SELECT id, resp_id, '垃圾清运', routed + 7200, '不属本单位职责' FROM cases
    WHERE id / 7 % 100 = 3 AND tier = 'community' AND routed IS NOT NULL;
UPDATE cases SET returns = 1 WHERE id / 7 % 100 = 3 AND tier = 'community' AND routed IS NOT NULL;
COMMIT;
SQL
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
}

# The first columns of the peer's rows, from a table of the counts: line,
# code, the counts, the four rates, the call-back rate, hotline and the
# hotline rate (each with a comma after it).
sc_counts_rates() {
	cat <<'SQL'
SELECT line, code, n, res, cl, reo, od, red,
  CASE WHEN n THEN printf('%.1f', 100.0 * cl / n) END,
  CASE WHEN n THEN printf('%.1f', 100.0 * fi / n) END,
  CASE WHEN du THEN printf('%.1f', 100.0 * ot / du) END,
  CASE WHEN an THEN printf('%.1f', 100.0 * sa / an) END,
  CASE WHEN res THEN printf('%.1f', 100.0 * ca / res) END,
  ho, CASE WHEN ho + lo > 0 THEN printf('%.1f', 100.0 * ho / (ho + lo)) END,
SQL
}

# The peer: score(1)'s queries for one month, by unit, with the built-in
# defaults: every figure score prints for the three lines (the reopenings
# and resolutions as of the cutoff, the call-back rate, the communities'
# hotline rates, the score with the rates that measure nothing weighted
# out), then the streets and towns, urban and rural, and the county.
sc_peer_sql() {
	from=$(date -d "$SC_MONTH-01" +%s)
	to=$(date -d "$SC_MONTH-01 +1 month" +%s)
	cut=$(date -d "$SC_MONTH-01 +1 month +5 days" +%s)
	cat <<SQL
WITH k0 AS (
  SELECT c.id, c.channel IN ('visit', 'hall', 'wechat', 'other') AS collected,
    c.channel <> 'hotline' AS local, coalesce(c.unit_id, c.community_id) AS who,
    c.first_id, c.resp_id, c.community_id, c.estate_id,
    coalesce(c.street_id, cu.parent_id) AS street,
    c.due, c.colour, c.reopens, coalesce(c.resolved, c.closed) AS rt,
    c.sign_due, c.signed, c.extensions,
    c.status IN ('resolved', 'closed') AND coalesce(c.resolved, c.closed) < $cut AS d,
    c.status = 'closed' AND c.closed < $cut AS cl,
    CASE WHEN c.reopens > 0 THEN coalesce((SELECT min(e.at) FROM events e
        WHERE e.case_id = c.id AND e.kind = 'reopen'), (SELECT min(b.at) FROM callbacks b
        WHERE b.case_id = c.id AND b.outcome = 'dissatisfied'), 0) END AS ro,
    CASE WHEN c.reopens > 0 THEN (SELECT min(e.at) FROM events e
        WHERE e.case_id = c.id AND e.kind = 'resolve') END AS fr,
    (SELECT count(*) FROM callbacks b WHERE b.case_id = c.id AND b.at < $cut
      AND b.outcome <> 'unreachable') AS an,
    (SELECT count(*) FROM callbacks b WHERE b.case_id = c.id AND b.at < $cut
      AND b.outcome IN ('satisfied', 'basic')) AS sa
  FROM cases c LEFT JOIN units cu ON cu.id = c.community_id
  WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'),
k AS (SELECT k0.*, d OR ro < $cut OR fr < $cut AS r FROM k0),
lined AS (
  SELECT CASE u.kind WHEN 'pairing' THEN 'pairing' ELSE 'community' END AS line,
    u.id AS unit, k.* FROM k JOIN units u ON u.id = k.who
    WHERE k.collected AND u.kind IN ('community', 'estate', 'pairing')
  UNION ALL
  SELECT 'department', CASE WHEN f.kind = 'department' THEN k.first_id ELSE k.resp_id END, k.*
    FROM k LEFT JOIN units f ON f.id = k.first_id LEFT JOIN units p ON p.id = k.resp_id
    WHERE f.kind = 'department' OR p.kind = 'department'),
figs AS (
  SELECT line, unit, count(*) AS counted,
    count(*) FILTER (WHERE r) AS resolved,
    count(*) FILTER (WHERE cl) AS closed,
    count(*) FILTER (WHERE cl AND reopens = 0) AS first,
    count(*) FILTER (WHERE ro < $cut) AS reopened,
    count(*) FILTER (WHERE due IS NOT NULL AND (d OR due < $cut)) AS due,
    count(*) FILTER (WHERE d AND rt <= due) AS on_time,
    count(*) FILTER (WHERE NOT d AND due < $cut) AS overdue,
    count(*) FILTER (WHERE colour = 'red') AS red,
    count(*) FILTER (WHERE r AND an > 0) AS called,
    sum(an) AS answered, sum(sa) AS satisfied,
    count(*) FILTER (WHERE sign_due IS NOT NULL AND (signed < $cut OR sign_due < $cut)) AS to_sign,
    count(*) FILTER (WHERE signed < $cut) AS signed,
    count(*) FILTER (WHERE signed < $cut AND signed <= sign_due) AS signed_on_time,
    sum(extensions) AS extensions
  FROM lined GROUP BY line, unit),
ret AS (
  SELECT CASE u.kind WHEN 'pairing' THEN 'pairing' WHEN 'department' THEN 'department'
      ELSE 'community' END AS line, r.unit_id AS unit, count(*) AS returned
  FROM returns r JOIN cases c ON c.id = r.case_id JOIN units u ON u.id = r.unit_id
  WHERE c.received >= $from AND c.received < $to AND c.status <> 'void'
    AND u.kind IN ('community', 'estate', 'pairing', 'department')
  GROUP BY 1, 2),
missed AS (
  SELECT CASE u.kind WHEN 'pairing' THEN 'pairing' WHEN 'department' THEN 'department'
      ELSE 'community' END AS line, d.unit_id AS unit, count(*) AS missed
  FROM deductions d JOIN units u ON u.id = d.unit_id
  WHERE d.month = '$SC_MONTH' AND u.kind IN ('community', 'estate', 'pairing', 'department')
  GROUP BY 1, 2),
hot AS (
  SELECT * FROM hotline WHERE received >= $from AND received < $to
    AND outcome IS NOT 'outside'),
place_hot AS (
  SELECT unit, sum(n) AS n FROM (
    SELECT community_id AS unit, count(*) AS n FROM hot GROUP BY 1
    UNION ALL SELECT estate_id, count(*) FROM hot GROUP BY 1) GROUP BY unit),
place_local AS (
  SELECT unit, sum(n) AS n FROM (
    SELECT community_id AS unit, count(*) AS n FROM k WHERE local GROUP BY 1
    UNION ALL SELECT estate_id, count(*) FROM k WHERE local GROUP BY 1) GROUP BY unit),
keys AS (SELECT line, unit FROM figs UNION SELECT line, unit FROM missed),
t AS (
  SELECT keys.line, u.code, coalesce(f.counted, 0) AS n, coalesce(f.resolved, 0) AS res,
    coalesce(f.closed, 0) AS cl, coalesce(f.first, 0) AS fi, coalesce(f.reopened, 0) AS reo,
    coalesce(f.due, 0) AS du, coalesce(f.on_time, 0) AS ot, coalesce(f.overdue, 0) AS od,
    coalesce(f.red, 0) AS red, coalesce(f.answered, 0) AS an, coalesce(f.satisfied, 0) AS sa,
    coalesce(f.called, 0) AS ca, coalesce(m.missed, 0) AS mi,
    CASE WHEN keys.line = 'community' THEN coalesce(h.n, 0) END AS ho,
    coalesce(l.n, 0) AS lo, coalesce(f.to_sign, 0) AS ts, coalesce(f.signed, 0) AS sg,
    coalesce(f.signed_on_time, 0) AS so, coalesce(rt.returned, 0) AS rn,
    coalesce(f.extensions, 0) AS ex
  FROM keys JOIN units u ON u.id = keys.unit
  LEFT JOIN figs f ON f.line = keys.line AND f.unit = keys.unit
  LEFT JOIN missed m ON m.line = keys.line AND m.unit = keys.unit
  LEFT JOIN place_hot h ON h.unit = keys.unit LEFT JOIN place_local l ON l.unit = keys.unit
  LEFT JOIN ret rt ON rt.line = keys.line AND rt.unit = keys.unit),
pts AS (
  SELECT t.*,
    (CASE WHEN n = 0 THEN 0 WHEN cl >= 0.9 * n - 1e-9 THEN 30 ELSE max(0, 30 - 1 * (0.9 - 1.0 * cl / n) * 100) END +
     CASE WHEN n = 0 THEN 0 WHEN fi >= 0.9 * n - 1e-9 THEN 25 ELSE max(0, 25 - 1 * (0.9 - 1.0 * fi / n) * 100) END +
     CASE WHEN du = 0 THEN 0 WHEN ot >= 0.9 * du - 1e-9 THEN 25 ELSE max(0, 25 - 1 * (0.9 - 1.0 * ot / du) * 100) END +
     CASE WHEN an = 0 THEN 0 WHEN sa >= 0.98 * an - 1e-9 THEN 20 ELSE max(0, 20 - 1 * (0.98 - 1.0 * sa / an) * 100) END)
    AS got,
    (n > 0) * 55 + (du > 0) * 25 + (an > 0) * 20 AS can
  FROM t),
-- the places: each street and town, urban and rural, the county
st AS (
  SELECT s.code, s.name, CASE WHEN s.name LIKE '%街道' THEN 'urban'
      WHEN s.name LIKE '%镇' OR s.name LIKE '%乡' THEN 'rural' END AS area, k.*
  FROM k JOIN units s ON s.id = k.street AND s.kind = 'street'),
st_hot AS (
  SELECT s.code, count(*) AS n FROM hot h LEFT JOIN units cu ON cu.id = h.community_id
  JOIN units s ON s.id = coalesce(h.street_id, cu.parent_id) AND s.kind = 'street' GROUP BY s.code),
pf AS (
  SELECT 'street' AS line, code, count(*) AS n, count(*) FILTER (WHERE r) AS res,
    count(*) FILTER (WHERE cl) AS cl, count(*) FILTER (WHERE ro < $cut) AS reo,
    count(*) FILTER (WHERE NOT d AND due < $cut) AS od, count(*) FILTER (WHERE colour = 'red') AS red,
    count(*) FILTER (WHERE cl AND reopens = 0) AS fi,
    count(*) FILTER (WHERE due IS NOT NULL AND (d OR due < $cut)) AS du,
    count(*) FILTER (WHERE d AND rt <= due) AS ot, sum(an) AS an, sum(sa) AS sa,
    count(*) FILTER (WHERE r AND an > 0) AS ca, count(*) FILTER (WHERE local) AS lo
  FROM st GROUP BY code
  UNION ALL
  SELECT 'area', area, count(*), count(*) FILTER (WHERE r), count(*) FILTER (WHERE cl),
    count(*) FILTER (WHERE ro < $cut), count(*) FILTER (WHERE NOT d AND due < $cut),
    count(*) FILTER (WHERE colour = 'red'), count(*) FILTER (WHERE cl AND reopens = 0),
    count(*) FILTER (WHERE due IS NOT NULL AND (d OR due < $cut)),
    count(*) FILTER (WHERE d AND rt <= due), sum(an), sum(sa),
    count(*) FILTER (WHERE r AND an > 0), count(*) FILTER (WHERE local)
  FROM st WHERE area IS NOT NULL GROUP BY area
  UNION ALL
  SELECT 'county', (SELECT code FROM units WHERE kind = 'county'), count(*),
    count(*) FILTER (WHERE r), count(*) FILTER (WHERE cl), count(*) FILTER (WHERE ro < $cut),
    count(*) FILTER (WHERE NOT d AND due < $cut), count(*) FILTER (WHERE colour = 'red'),
    count(*) FILTER (WHERE cl AND reopens = 0),
    count(*) FILTER (WHERE due IS NOT NULL AND (d OR due < $cut)),
    count(*) FILTER (WHERE d AND rt <= due), sum(an), sum(sa),
    count(*) FILTER (WHERE r AND an > 0), count(*) FILTER (WHERE local)
  FROM k),
pl AS (
  SELECT pf.*, CASE pf.line WHEN 'street' THEN coalesce(sh.n, 0)
      WHEN 'area' THEN (SELECT coalesce(sum(x.n), 0) FROM st_hot x JOIN units s ON s.code = x.code
        WHERE CASE WHEN s.name LIKE '%街道' THEN 'urban'
          WHEN s.name LIKE '%镇' OR s.name LIKE '%乡' THEN 'rural' END = pf.code)
      ELSE (SELECT count(*) FROM hot) END AS ho
  FROM pf LEFT JOIN st_hot sh ON pf.line = 'street' AND sh.code = pf.code)
$(sc_counts_rates) mi,
  printf('%.2f', (CASE WHEN can > 0 THEN CAST(round(got * (100.0 / can) * 100) AS INTEGER) ELSE 0 END
    - mi * 200) / 100.0),
  CASE WHEN ts THEN printf('%.1f', 100.0 * sg / ts) END,
  CASE WHEN ts THEN printf('%.1f', 100.0 * so / ts) END, rn, ex
FROM pts
UNION ALL
$(sc_counts_rates)
  CASE WHEN line = 'county' THEN (SELECT count(*) FROM deductions WHERE month = '$SC_MONTH') END,
  NULL, NULL, NULL, NULL, NULL
FROM pl
ORDER BY 1, 2;
SQL
}

bench_score() {
	base=$D/sc-base3-$ROWS.db
	built "$base" "$ROWS cases for score" sc_build
	n=$(sqlite3 "$base" "SELECT count(*) FROM cases")
	m=$(sqlite3 "$base" "SELECT count(*) FROM cases WHERE received >= $(date -d "$SC_MONTH-01" +%s) AND received < $(date -d "$SC_MONTH-01 +1 month" +%s)")
	echo "score: $n cases ($m received in $SC_MONTH), $(du -h "$base" | cut -f1) database, $RUNS runs each"
	sc_peer_sql >"$D/sc-peer.sql"
	# The page cache warmed alike for both.
	cat "$base" >/dev/null
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		timed_to "$D/sc-score.out" score "$B/bin/score" -d "$base" --at "$SC_AT" -m "$SC_MONTH"
		timed_to "$D/sc-score-sqlite3.out" score-sqlite3 sqlite3 -readonly -separator '	' "$base" ".read $D/sc-peer.sql"
	done
	# score's columns in the peer's order: line code counted resolved closed
	# reopened overdue red, the four rates, the call-back rate, hotline,
	# the hotline rate, missed, score, the two sign rates, returned,
	# extensions.
	tail -n +2 "$D/sc-score.out" | awk -F'\t' -v OFS='\t' \
	    '{ print $1, $3, $6, $7, $8, $9, $10, $11, $13, $14, $15, $16, $17, $18, $19, $20, $22,
	       $24, $25, $26, $27 }' |
	    sort >"$D/sc-a"
	sort "$D/sc-score-sqlite3.out" >"$D/sc-b"
	rows=$(wc -l <"$D/sc-a")
	if cmp -s "$D/sc-a" "$D/sc-b"; then
		agree="the figures agree ($rows rows of units and places, 21 figures each)"
	else
		agree="THE FIGURES DIFFER: $(diff "$D/sc-a" "$D/sc-b" | grep -c '^[<>]') lines"
		diff "$D/sc-a" "$D/sc-b" | head -10 >&2
	fi
	ts=$(median score 2); tq=$(median score-sqlite3 2)
	printf '  %-30s %8s s   peak RSS %s MiB\n' "score -m $SC_MONTH" "$ts" "$(($(median score 3) / 1024))"
	printf '  %-30s %8s s   peak RSS %s MiB\n' "sqlite3, score(1)'s queries" "$tq" "$(($(median score-sqlite3 3) / 1024))"
	echo "  score / sqlite3              = $(ratio "$ts" "$tq")   (target <= 1.0; and score <= 1 s)"
	echo "  $agree"
	[ "$agree" = "${agree#THE}" ] || exit 70
}
