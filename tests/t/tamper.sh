# tamper.sh - sourced by the tests of ledger verify, after lib.sh: what
# someone who can write the database file does with the sqlite3 shell.

# two_cases: org, and two demands taken in on Monday 16 November 2026
# (events 3 and 4, after the two of units import).
two_cases() {
	org
	monday_demands >"$T/c.csv"
	intake --at '2026-11-16 10:00' "$T/c.csv" >/dev/null 2>&1
}

# The append-only triggers as the first migration made them, to put back.
no_update="CREATE TRIGGER events_no_update BEFORE UPDATE ON events  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
no_delete="CREATE TRIGGER events_no_delete BEFORE DELETE ON events  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"

# rehash FROM: recomputes the chain's plain SHA-256 hashes from event FROM
# on, as ledger(1) describes them, and re-seals every case to its latest
# event (the triggers must be dropped).
rehash() {
	for id in $(seq "$1" "$(sql "SELECT max(id) FROM events")"); do
		prev=$(sql "SELECT hash FROM events WHERE id = $id - 1")
		h=$( {
			printf '%s\037%s\037%s\037%s\037%s\037%s\037' "$prev" "$id" "$(sql "SELECT coalesce(case_id, 0) FROM events WHERE id = $id")" \
			    "$(sql "SELECT at FROM events WHERE id = $id")" "$(sql "SELECT operator FROM events WHERE id = $id")" \
			    "$(sql "SELECT kind FROM events WHERE id = $id")"
			printf '%s' "$(sql "SELECT details FROM events WHERE id = $id")"
		} | sha256sum | cut -c1-64)
		sql "UPDATE events SET hash = '$h' WHERE id = $id"
	done
	sql "UPDATE cases SET evhash = (SELECT hash FROM events WHERE case_id = cases.id ORDER BY id DESC LIMIT 1)"
}
