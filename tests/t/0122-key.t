#!/bin/sh
# ledger.key: the events' hashes keyed by a file outside the database, so
# that rewriting the chain needs the key as well as the file.
. tests/t/lib.sh
. tests/t/tamper.sh

two_cases
plain=$(ledger head)
eq "a ledger begun without a key: units and intake" "$(sql "SELECT max(id) FROM events")" 4

key() { echo "{\"ledger\": {\"key\": \"$1\"}}" >"$T/k.json"; }
printf 'kept-by-the-operators-0123456789' >"$T/ledger.key"
chmod 600 "$T/ledger.key"

# The key file is checked whenever the config is read.
key "ledger.key"
run 78 ledger -c "$T/k.json" verify
has "a relative path" "$T/err" "'ledger.key': expected the absolute path of the key file, found 'ledger.key'"
key "$T/nowhere.key"
run 78 ledger -c "$T/k.json" verify
has "a missing key file" "$T/err" "cannot read ledger key '$T/nowhere.key': No such file or directory"
key "$T"
run 78 ledger -c "$T/k.json" verify
has "a directory" "$T/err" "ledger key '$T' is not a file"
cp "$T/ledger.key" "$T/open.key"
chmod 640 "$T/open.key"
key "$T/open.key"
run 78 route -c "$T/k.json" --pending
has "a key the group can read is refused" "$T/err" "ledger key '$T/open.key' is open to group or others (mode 640): chmod 600 it"
eq "and nothing was written" "$(sql "SELECT max(id) FROM events")" 4
printf 'short' >"$T/short.key"
chmod 600 "$T/short.key"
key "$T/short.key"
run 78 ledger -c "$T/k.json" verify
has "a key too short" "$T/err" "ledger key '$T/short.key' holds 5 bytes: expected 16 to 1024"

key "$T/ledger.key"
run 65 ledger -c "$T/k.json" verify
same "the key set, nothing written since: the history is not keyed yet" "$T/out" <<'X'
ledger.key is set but no event is keyed (nothing was written since it was set, or the keyed events were rewritten without it)
X

# The first write with the key begins the keyed history.
run 0 route -c "$T/k.json" --at '2026-11-16 11:00' --pending
kid=$(sql "SELECT json_extract(details, '$.key') FROM events WHERE id = 5")
eq "an event of kind key, about no case, names the key by its id" "$(sql "SELECT coalesce(case_id, '-'), kind, details FROM events WHERE id = 5")" \
    "-|key|{\"hmac\":\"sha256\",\"key\":\"$kid\"}"
if command -v openssl >/dev/null 2>&1; then
	eq "the id: the key's HMAC-SHA256 of 'minyi ledger key', its first 8 bytes" "$kid" \
	    "$(printf 'minyi ledger key' | openssl dgst -sha256 -hmac 'kept-by-the-operators-0123456789' -r | cut -c1-16)"
else
	skip "openssl is not installed"
fi
eq "the routes follow it" "$(sql "SELECT group_concat(kind, ' ') FROM events WHERE id > 5")" "route route"
run 0 ledger -c "$T/k.json" verify --anchor "$plain"
has "plain events, then keyed ones: intact, and an anchor from before the key holds" "$T/err" "7 events and 2 cases checked: the history is intact"
run 65 ledger verify
same "without the key the keyed events cannot be checked" "$T/out" <<'X'
events from 5 on are keyed and ledger.key is not set: they were not checked
X
run 0 resolve -c "$T/k.json" --at '2026-11-20 15:00' --note "已处理完毕" 1
eq "a later run goes on keyed, with no second key event" "$(sql "SELECT count(*) FROM events WHERE kind = 'key'")" 1
run 0 ledger -c "$T/k.json" verify
anchor=$(ledger head)
cp "$MINYI_DB" "$T/clean.db"
restore() {
	cp "$T/clean.db" "$MINYI_DB"
	rm -f "$MINYI_DB-wal" "$MINYI_DB-shm"
}

# A route rewritten and the chain after it recomputed with SHA-256, as
# 0121 does to a ledger without a key: without an anchor, the key sees it.
sql "DROP TRIGGER events_no_update; UPDATE events SET details = '{}' WHERE id = 6"
rehash 6
sql "$no_update"
run 65 ledger -c "$T/k.json" verify
same "with the key it is caught" "$T/out" <<'X'
event 6 (route, case 1) is not keyed, though the history is keyed from event 5 (written without ledger.key)
event 7 (route, case 2) is not keyed, though the history is keyed from event 5 (written without ledger.key)
event 8 (resolve, case 1) is not keyed, though the history is keyed from event 5 (written without ledger.key)
X

# The key event deleted too, and the chain recomputed from it.
restore
sql "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DELETE FROM events WHERE id >= 5;
ATTACH '$T/clean.db' AS clean; INSERT INTO events(id, case_id, at, operator, kind, details)
    SELECT id - 1, case_id, at, operator, kind, details FROM clean.events WHERE id > 5"
rehash 5
sql "$no_update $no_delete"
run 0 ledger verify
has "without the key a history stripped of its key event passes" "$T/err" "7 events and 2 cases checked: the history is intact"
run 65 ledger -c "$T/k.json" verify
same "with the key it is caught" "$T/out" <<'X'
ledger.key is set but no event is keyed (nothing was written since it was set, or the keyed events were rewritten without it)
X

# A run without the key writes after keyed events.
restore
run 0 resolve --at '2026-11-20 15:00' --note "已处理完毕" 2
run 65 ledger -c "$T/k.json" verify
same "its event is named" "$T/out" <<'X'
event 9 (resolve, case 2) is not keyed, though the history is keyed from event 5 (written without ledger.key)
X

# Another key: nothing is written, and verify says so once.
restore
head -c 32 /dev/urandom >"$T/other.key"
chmod 600 "$T/other.key"
key "$T/other.key"
run 65 resolve -c "$T/k.json" --at '2026-11-20 15:00' --note "已处理完毕" 2
has "a writing run refuses" "$T/err" "the latest event, 8, is sealed neither with ledger.key nor without a key (keyed with another key, or edited)"
eq "and writes nothing" "$(sql "SELECT max(id) || ' ' || (SELECT status FROM cases WHERE id = 2) FROM events")" "8 open"
run 65 ledger -c "$T/k.json" verify --anchor "$anchor"
has "verify names the other key" "$T/out" "events from 5 on are keyed with another key ('$kid') than ledger.key ("
eq "once" "$(wc -l <"$T/out")" 1
# A ledger keyed from its very first event: the key event is event 1.
key "$T/ledger.key"
MINYI_DB=$T/fresh.db run 0 units -c "$T/k.json" import "$T/units.csv"
eq "the first event of a keyed ledger is the key, numbered 1" \
    "$(sqlite3 -batch "$T/fresh.db" "SELECT group_concat(id || ' ' || kind, ', ') FROM (SELECT id, kind FROM events ORDER BY id LIMIT 2)")" \
    "1 key, 2 units-import"
MINYI_DB=$T/fresh.db run 0 ledger -c "$T/k.json" verify
done_testing
