#!/bin/sh
# ledger head and verify --anchor: the history up to a head kept outside the
# database is still there, unchanged; and the append-only triggers.
. tests/t/lib.sh
. tests/t/tamper.sh

two_cases
route --at '2026-11-16 11:00' --pending >/dev/null 2>&1
resolve --at '2026-11-20 15:00' --note "已处理完毕" 1 2 >/dev/null 2>&1
run 0 ledger head
cp "$T/out" "$T/resolved.head"
callback --at '2026-11-23 10:05' --outcome dissatisfied --note "没修好" 1 >/dev/null 2>&1
eq "the call-back reopened case 1 (events 9 and 10)" "$(sql "SELECT kind FROM events WHERE id > 8 ORDER BY id" | tr '\n' ' ')" "callback reopen "

run 0 ledger head
same "the head: count, last event, its hash and time on one line" "$T/out" <<X
minyi-head 1 events=10 last=10 hash=$(sql "SELECT hash FROM events WHERE id = 10") at=2026-11-23T10:05:00+08:00
X
anchor=$(cat "$T/out")
eq "nothing on standard error" "$(cat "$T/err")" ""

run 0 ledger verify --anchor "$anchor"
has "an anchor of an unchanged ledger holds" "$T/err" "the history is intact"
{
	echo "# kept by cron's mail"
	cat "$T/resolved.head"
	echo
	printf '%s\r\n' "$anchor"
	echo "  # the head before the ledger held anything"
	echo "minyi-head 1 events=0 last=0 hash=- at=-"
} >"$T/anchors"
run 0 ledger verify --anchors "$T/anchors"
has "a file of anchors, comments, blank lines and a CRLF line holds" "$T/err" "the history is intact"

cp "$MINYI_DB" "$T/clean.db"
restore() {
	cp "$T/clean.db" "$MINYI_DB"
	rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
}
# The dissatisfied call-back hidden: its events and its row deleted, case 1
# put back as it was after resolve and re-sealed to that event's hash, the
# triggers put back. Nothing is left for the chain alone to see.
restore
sql "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;
DELETE FROM events WHERE id > 8; DELETE FROM callbacks WHERE case_id = 1;
UPDATE cases SET status = 'resolved', reopens = 0, resolved = (SELECT resolved FROM cases WHERE id = 2),
    due = (SELECT due FROM cases WHERE id = 2), evhash = (SELECT hash FROM events WHERE id = 7) WHERE id = 1;
$no_update $no_delete"
run 0 ledger verify
has "without an anchor the tail removal cannot be seen" "$T/err" "8 events and 2 cases checked: the history is intact"
run 65 ledger verify --anchor "$anchor"
same "with one it is caught: the anchored event is gone" "$T/out" <<'X'
event 10 of an anchor is missing: the ledger ends at event 8 (its latest events were deleted)
X
run 0 ledger verify --anchor "$(cat "$T/resolved.head")"
has "an anchor taken before the removed events still holds" "$T/err" "the history is intact"

# The same, then the tools go on writing: the anchored ids come back with
# other content.
resolve --at '2026-11-24 09:00' 1 2>/dev/null
callback --at '2026-11-25 09:00' --outcome satisfied 1 >/dev/null 2>&1
eq "the ledger holds an event 10 again" "$(sql "SELECT max(id) FROM events")" 10
run 65 ledger verify --anchor "$anchor"
same "the anchored event is not the same event" "$T/out" <<'X'
event 10 is not the one anchored (the history up to it was rewritten)
X

# The whole ledger emptied, triggers and all put back.
restore
sql "DROP TRIGGER events_no_delete; DELETE FROM callbacks; DELETE FROM events; DELETE FROM cases; $no_delete"
run 0 ledger verify
has "without an anchor an empty ledger is a new one" "$T/err" "0 events and 0 cases checked: the history is intact"
run 65 ledger verify --anchors "$T/anchors"
same "with anchors the emptied ledger is caught" "$T/out" <<'X'
event 8 of an anchor is missing: the ledger holds no events (it was emptied)
event 10 of an anchor is missing: the ledger holds no events (it was emptied)
X
has "each anchor is a problem" "$T/err" "2 problems found"

# An old event rewritten and the chain after it recomputed, the cases
# re-sealed: each hash matches its event again.
restore
sql "DROP TRIGGER events_no_update; UPDATE events SET operator = 'someone' WHERE id = 5"
rehash 5
sql "$no_update"
run 0 ledger verify
has "without an anchor a recomputed chain cannot be seen" "$T/err" "the history is intact"
run 65 ledger verify --anchors "$T/anchors"
same "with anchors the rewrite is caught at each" "$T/out" <<'X'
event 8 is not the one anchored (the history up to it was rewritten)
event 10 is not the one anchored (the history up to it was rewritten)
X

# An event deleted in the middle is a gap, and the anchors after it count fewer.
restore
sql "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 4"
run 65 ledger verify --anchor "$anchor"
has "a deleted event before an anchor: it counts fewer" "$T/out" "an anchor counted 10 events up to event 10, the ledger holds 9"
restore
sql "DROP TRIGGER events_no_update; UPDATE events SET details = '{}' WHERE id = 4"
run 65 ledger verify --anchor "$anchor"
has "an edited event before an anchor: the anchor no longer holds" "$T/out" "the history up to anchored event 10 does not hold (see above)"

# The anchored event 8 deleted, the events after it kept: a gap at the anchor.
restore
sql "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 8"
run 65 ledger verify --anchor "$(cat "$T/resolved.head")"
has "a deleted anchored event is named" "$T/out" "event 8 of an anchor is missing (deleted)"
# An anchor whose time is not its event's: the event is the same, the anchor is not.
restore
run 65 ledger verify --anchor "$(echo "$anchor" | sed 's/at=2026-11-23T10:05:00/at=2026-11-23T10:06:00/')"
same "the anchor's time differs from its event's" "$T/out" <<'X'
event 10 was recorded at 2026-11-23 10:05:00, not at its anchor's time
X

# The append-only triggers.
restore
sql "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete"
run 65 ledger verify --anchor "$anchor"
same "dropped triggers are reported, even when no event was touched" "$T/out" <<'X'
the trigger 'events_no_update' that refuses UPDATE on events is missing (dropped: the history could be changed in place)
the trigger 'events_no_delete' that refuses DELETE on events is missing (dropped: the history could be changed in place)
X
restore
sql "DROP TRIGGER events_no_delete;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0 BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
run 65 ledger verify
same "a trigger that no longer refuses is reported" "$T/out" <<'X'
the trigger 'events_no_delete' that refuses DELETE on events was changed
X

# Anchors that are not head lines are usage errors naming them.
restore
run 64 ledger verify --anchor "minyi-head 1 events=10 last=10"
has "a line without all its fields" "$T/err" "bad anchor 'minyi-head 1 events=10 last=10': expected the fields events, last, hash and at"
run 64 ledger verify --anchor "$(echo "$anchor" | sed 's/hash=\(.\{10\}\)/hash=\1x/')"
has "a hash that is not one" "$T/err" "hash is not 64 hexadecimal digits"
run 64 ledger verify --anchor "head 10 $anchor"
has "not a head line" "$T/err" "expected a line of ledger head, starting 'minyi-head'"
run 64 ledger verify --anchor "$(echo "$anchor" | sed 's/minyi-head 1/minyi-head 2/')"
has "another version" "$T/err" "expected version 1"
printf '# anchors\n%s\nminyi-head 1 events=10 last=x hash=- at=-\n' "$anchor" >"$T/bad"
run 64 ledger verify --anchors "$T/bad"
has "a bad line of a file is named by its line" "$T/err" "$T/bad:3: bad anchor 'minyi-head 1 events=10 last=x hash=- at=-': last is not an event id"
run 66 ledger verify --anchors "$T/nowhere"
has "a missing file" "$T/err" "cannot open anchors '$T/nowhere'"
run 64 ledger --anchor "$anchor" head
run 64 ledger --anchor "$anchor"
done_testing
