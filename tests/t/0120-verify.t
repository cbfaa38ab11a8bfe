#!/bin/sh
# ledger verify: the hash chain and the cases, and tampering through the sqlite3 CLI.
. tests/t/lib.sh

org
cat >"$T/c.csv" <<'CSV'
ref,received,community,estate,category,text,phone
V1,2026-11-02 09:00,萌山社区,祥和苑,垃圾清运,垃圾没人清运,13912345678
V2,2026-11-02 10:00,祥和社区,书香名邸,停车管理,乱停车,13912345679
V3,2026-11-02 11:00,萌山社区,金城花园,绿化,树枝挡路,13912345670
CSV
intake "$T/c.csv" >/dev/null 2>&1
route --pending >/dev/null 2>&1
resolve --note "已处理" 1 >/dev/null 2>&1
run 0 ledger verify
has "an untouched ledger is intact" "$T/err" "the history is intact"
eq "every event carries a hash" "$(sql "SELECT count(*) FROM events WHERE length(hash) = 64")" "$(sql "SELECT count(*) FROM events")"
eq "every case carries its latest event's hash" "$(sql "SELECT count(*) FROM cases c WHERE evhash = (SELECT hash FROM events WHERE case_id = c.id
    ORDER BY id DESC LIMIT 1)")" 3
eq "event ids have no gaps" "$(sql "SELECT count(*) FROM events")" \
    "$(sql "SELECT count(*) FROM events e WHERE e.id = 1 OR EXISTS (SELECT 1 FROM events p WHERE p.id = e.id - 1)")"

cp "$MINYI_DB" "$T/clean.db"
tamper() {
	cp "$T/clean.db" "$MINYI_DB"
	rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
	sqlite3 "$MINYI_DB" "$1"
	run 65 ledger verify
}

tamper "UPDATE cases SET status = 'closed' WHERE id = 2"
same "a status edited directly" "$T/out" <<'X'
case 2 is 'closed' but its history says 'open' (the status was edited)
X
has "problems counted" "$T/err" "1 problem found"

tamper "DROP TRIGGER events_no_update; UPDATE events SET details = '{\"how\":\"rule\"}' WHERE case_id = 3 AND kind = 'route'"
has "an event's content edited" "$T/out" "(route, case 3) was edited"

tamper "DROP TRIGGER events_no_delete; DELETE FROM events WHERE case_id = 1 AND kind = 'route'"
# Events 1-2 units, 3-5 intake, 6-8 route, 9 resolve of case 1.
same "an event deleted in the middle: the gap, and the next one no longer links" "$T/out" <<'X'
the trigger 'events_no_delete' that refuses DELETE on events is missing (dropped: the history could be changed in place)
event 6 is missing (deleted)
event 7 (route, case 2) was edited, or the one before it was removed or changed
X
has "counted" "$T/err" "ledger: 8 events and 3 cases checked: 3 problems found"
tamper "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id IN (5, 6, 7)"
same "three events deleted: the gap named from its first to its last" "$T/out" <<'X'
the trigger 'events_no_delete' that refuses DELETE on events is missing (dropped: the history could be changed in place)
events 5 to 7 are missing (deleted)
event 8 (route, case 3) was edited, or the one before it was removed or changed
case 2 does not match its latest event (the case or its history was changed)
case 2 is 'open' but its history says 'new' (the status was edited)
X
has "counted" "$T/err" "ledger: 6 events and 3 cases checked: 5 problems found"

tamper "DROP TRIGGER events_no_delete; DELETE FROM events WHERE case_id = 1 AND kind = 'resolve'"
has "the last event deleted: the case no longer matches" "$T/out" "case 1 does not match its latest event"
has "the last event deleted: the status no longer follows" "$T/out" "case 1 is 'resolved' but its history says 'open'"

tamper "INSERT INTO events(case_id, at, operator, kind, details) VALUES (2, 0, 'someone', 'close', '{}')"
has "an event inserted" "$T/out" "(close, case 2) was inserted without a hash"

tamper "INSERT INTO cases(channel, ref, received, text, updated) VALUES ('visit', 'X9', 0, '伪造', 0)"
same "a case inserted" "$T/out" <<'X'
case 4 has no history (inserted behind the tools' back)
X

tamper "PRAGMA foreign_keys = OFF; DELETE FROM cases WHERE id = 3"
same "a case deleted" "$T/out" <<'X'
case 3 was deleted (its history remains)
X

tamper "UPDATE cases SET evhash = NULL, resp_id = 1 WHERE id = 1"
has "a case row rewritten" "$T/out" "case 1 does not match its latest event"

tamper "UPDATE cases SET text = '别的内容', phone = '13000000000' WHERE id = 2"
same "what was recorded, edited" "$T/out" <<'X'
case 2 no longer holds what was recorded (its text, phone, reporter, address, time or reference was edited)
X

tamper "UPDATE cases SET resp_id = (SELECT id FROM units WHERE code = 'D01') WHERE id = 3"
same "the responsible unit edited" "$T/out" <<'X'
case 3 is with unit 'D01' but its history says '370829001010' (the responsible unit was edited)
X
# What a tampered row holds is quoted on one line, its controls shown as text.
tamper "UPDATE units SET code = 'D01' || char(10) || char(27) || '[2J' WHERE code = 'D01';
  UPDATE cases SET resp_id = (SELECT id FROM units WHERE code LIKE 'D01%') WHERE id = 3"
same "a newline and an escape in what it quotes" "$T/out" <<'X'
case 3 is with unit 'D01\n\x1b[2J' but its history says '370829001010' (the responsible unit was edited)
X

# Tampering with the last event and its seal together still breaks the chain
# only if later events exist; a forged tail is caught by its hash.
tamper "DROP TRIGGER events_no_update; UPDATE events SET operator = 'nobody' WHERE id = (SELECT max(id) FROM events)"
has "the last event edited" "$T/out" "was edited"

cp "$T/clean.db" "$MINYI_DB"
rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
run 0 ledger verify

# ledger verify finds each case's history in whatever order the events name
# the cases: here the intake events are edited to name them backwards, and
# every case still has its history (only it no longer matches).
export MINYI_DB=$T/w.db
org
printf 'ref,received,community,text\nW1,2026-11-20 10:00,萌山社区,一号诉求\nW2,2026-11-20 10:00,萌山社区,二号诉求\n' >"$T/w.csv"
printf 'W3,2026-11-20 10:00,萌山社区,三号诉求\nW4,2026-11-20 10:00,萌山社区,四号诉求\n' >>"$T/w.csv"
intake "$T/w.csv" >/dev/null 2>&1
cp "$T/w.db" "$T/w-clean.db"
sqlite3 "$T/w.db" "DROP TRIGGER events_no_update; UPDATE events SET case_id = 5 - case_id WHERE kind = 'intake'"
run 65 ledger verify
same "cases named backwards: each still found with its history" "$T/out" <<'X'
the trigger 'events_no_update' that refuses UPDATE on events is missing (dropped: the history could be changed in place)
event 3 (intake, case 4) was edited, or the one before it was removed or changed
event 4 (intake, case 3) was edited, or the one before it was removed or changed
event 5 (intake, case 2) was edited, or the one before it was removed or changed
event 6 (intake, case 1) was edited, or the one before it was removed or changed
case 1 does not match its latest event (the case or its history was changed)
case 1 no longer holds what was recorded (its text, phone, reporter, address, time or reference was edited)
case 2 does not match its latest event (the case or its history was changed)
case 2 no longer holds what was recorded (its text, phone, reporter, address, time or reference was edited)
case 3 does not match its latest event (the case or its history was changed)
case 3 no longer holds what was recorded (its text, phone, reporter, address, time or reference was edited)
case 4 does not match its latest event (the case or its history was changed)
case 4 no longer holds what was recorded (its text, phone, reporter, address, time or reference was edited)
X
cp "$T/w-clean.db" "$T/w.db"
rm -f "$T/w.db-wal" "$T/w.db-shm"
sqlite3 "$T/w.db" "DROP TRIGGER events_no_delete; DELETE FROM events WHERE case_id = 2"
run 65 ledger verify
same "a case in the middle stripped of its history, and only that one" "$T/out" <<'X'
the trigger 'events_no_delete' that refuses DELETE on events is missing (dropped: the history could be changed in place)
event 4 is missing (deleted)
event 5 (intake, case 3) was edited, or the one before it was removed or changed
case 2 has no history (inserted behind the tools' back)
X

# More cases than the walk first makes room for (1,024): it grows, and the
# events of a case met again later (routing) are found among the rest.
generated_ledger 7 1100 1 30
run 0 route --at '2026-12-01 09:00' --pending
run 0 ledger verify
has "the history of 1,100 cases is intact" "$T/err" "the history is intact"
eq "1,100 cases" "$(sql "SELECT count(*) FROM cases")" 1100
done_testing
