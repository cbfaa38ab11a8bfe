/* verify.c - checking the history and the cases against each other. */
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include "store/store.h"

void
mi_case_digest(const char *channel, const char *ref, int64_t received, const char *reporter,
    const char *phone, const char *address, const char *text, char hex[33])
{
	const char *part[6] = { channel, ref, reporter, phone, address, text };
	mi_sha256_ctx h;
	unsigned char d[32];
	char num[24];
	int i;

	snprintf(num, sizeof(num), "%lld", (long long)received);
	mi_sha256_init(&h);
	mi_sha256_update(&h, num, strlen(num));
	for (i = 0; i < 6; i++) {
		mi_sha256_update(&h, "\x1f", 1);
		if (part[i])
			mi_sha256_update(&h, part[i], strlen(part[i]));
	}
	mi_sha256_final(&h, d);
	mi_hex(d, 16, hex);
}

/* The status a case has after an event of this kind; NULL: unchanged. */
static const char *
status_after(const char *kind)
{
	static const struct { const char *kind, *status; } map[] = {
		{ "intake", "new" }, { "route", "open" }, { "reassign", "open" },
		{ "up", "open" }, { "reopen", "open" }, { "resolve", "resolved" },
		{ "close", "closed" }, { "void", "void" }, { "undo", "void" }, { "return", "new" },
	};
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(map); i++)
		if (strcmp(kind, map[i].kind) == 0)
			return map[i].status;
	return NULL;
}

/* What the history says of one case. */
struct seen {
	int64_t id;
	char hash[65];
	const char *status;
	int matched;           /* a case row was found for it */
	char digest[33];       /* what intake recorded, or "" */
	char unit[64];         /* the responsible unit its history last named, or "" */
};

struct walk {
	struct seen *v;
	size_t n, cap;
	mi_anchor *anchor;     /* the anchors by their last event, */
	size_t nanchor, next;  /* and the first the walk has not reached */
	int broken;            /* an event before this one was found changed or missing */
	int64_t keyed;         /* the event that began the keyed history, or 0 */
	int blind;             /* it is keyed with a key this run does not have */
};

static struct seen *
seen_get(struct walk *w, int64_t id)
{
	size_t lo = 0, hi = w->n, mid;

	/* Cases appear in id order as a rule; a binary search finds the odd one. */
	if (w->n && w->v[w->n - 1].id == id)
		return &w->v[w->n - 1];
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (w->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < w->n && w->v[lo].id == id)
		return &w->v[lo];
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->v = mi_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	memmove(&w->v[lo + 1], &w->v[lo], (w->n - lo) * sizeof(*w->v));
	w->n++;
	memset(&w->v[lo], 0, sizeof(w->v[lo]));
	w->v[lo].id = id;
	return &w->v[lo];
}

static void
report(void (*fn)(void *, const char *), void *arg, long *found, const char *fmt, ...)
    MI_PRINTF(4, 5);

static void
report(void (*fn)(void *, const char *), void *arg, long *found, const char *fmt, ...)
{
	mi_buf msg = MI_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mi_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* A tampered row's values are quoted: shown as text, on one line. */
	mi_esc_tail(&msg, 0, MI_ESC_LINE);
	(*found)++;
	fn(arg, mi_buf_str(&msg));
	mi_buf_release(&msg);
}

/* What an event's details say of the case: the digest of what it holds
 * (intake's, an amendment's), the unit it names as responsible (a meeting
 * names it as its lead), the state an unvoid returns it to. */
static void
remember(struct seen *k, const char *kind, const char *details)
{
	cJSON *d;
	const char *v;

	if (details == NULL || (d = cJSON_Parse(details)) == NULL)
		return;
	static const char *const states[] = { "new", "open", "resolved", "closed" };
	size_t i;

	if ((strcmp(kind, "intake") == 0 || strcmp(kind, "amend") == 0 ||
	    strcmp(kind, "undo") == 0) &&
	    (v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "digest"))) != NULL)
		snprintf(k->digest, sizeof(k->digest), "%s", v);
	/* A case back from void is in the state its event names. */
	if (strcmp(kind, "unvoid") == 0 &&
	    (v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "to"))) != NULL)
		for (i = 0; i < MI_ARRAY_LEN(states); i++)
			if (strcmp(v, states[i]) == 0)
				k->status = states[i];
	v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d,
	    strcmp(kind, "meeting") == 0 ? "lead" : "unit"));
	if (v && *v)
		snprintf(k->unit, sizeof(k->unit), "%s", v);
	/* A case sent back to the centre has no responsible unit until routed again. */
	if (strcmp(kind, "return") == 0)
		k->unit[0] = '\0';
	cJSON_Delete(d);
}

static int
by_last(const void *a, const void *b)
{
	int64_t x = ((const mi_anchor *)a)->last, y = ((const mi_anchor *)b)->last;

	return x < y ? -1 : x > y;
}

/* The anchors whose event the walk has reached or passed at event id (the
 * count-th, carrying hash, at time at): each must be there, the same, with
 * as many events up to it as when it was taken and none before it broken. */
static void
anchors_upto(struct walk *w, int64_t id, long count, const char *hash, int64_t at,
    void (*fn)(void *, const char *), void *arg, long *found)
{
	const mi_anchor *a;
	char when[24];

	for (; w->next < w->nanchor && w->anchor[w->next].last <= id; w->next++) {
		a = &w->anchor[w->next];
		if (a->last < id)
			report(fn, arg, found, "event %lld of an anchor is missing (deleted)",
			    (long long)a->last);
		else if (strcmp(a->hash, hash) != 0)
			report(fn, arg, found, "event %lld is not the one anchored (the history up "
			    "to it was rewritten)", (long long)a->last);
		else if (a->events != count)
			report(fn, arg, found, "an anchor counted %lld events up to event %lld, the "
			    "ledger holds %ld (events were deleted or inserted)", (long long)a->events,
			    (long long)a->last, count);
		else if (a->at != at)
			report(fn, arg, found, "event %lld was recorded at %s, not at its anchor's "
			    "time", (long long)a->last, mi_time_format(at, when, sizeof(when)));
		else if (w->broken)
			report(fn, arg, found, "the history up to anchored event %lld does not hold "
			    "(see above)", (long long)a->last);
	}
}

/* The anchors beyond the last event the walk saw. */
static void
anchors_beyond(struct walk *w, int64_t last, void (*fn)(void *, const char *), void *arg,
    long *found)
{
	for (; w->next < w->nanchor; w->next++) {
		if (last == 0)
			report(fn, arg, found, "event %lld of an anchor is missing: the ledger holds "
			    "no events (it was emptied)", (long long)w->anchor[w->next].last);
		else
			report(fn, arg, found, "event %lld of an anchor is missing: the ledger ends "
			    "at event %lld (its latest events were deleted)",
			    (long long)w->anchor[w->next].last, (long long)last);
	}
}

/* The hash the event of walk_events' row should carry after prev. */
static void
row_hash(const mi_hmac *key, const char *prev, sqlite3_stmt *st, char want[65])
{
	mi_event_hash(key, prev, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
	    sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
	    (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
	    want);
}

/* The event id of kind "key" begins the keyed history: 1 when this run has
 * the key it names, so that what follows can be checked. */
static int
key_known(const mi_hmac *key, int64_t id, const char *details,
    void (*fn)(void *, const char *), void *arg, long *found)
{
	cJSON *d = details ? cJSON_Parse(details) : NULL;
	const char *kid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "key"));
	char mine[17] = "";
	int known = 0;

	if (key)
		mi_ledger_key_id(key, mine);
	if (key == NULL)
		report(fn, arg, found, "events from %lld on are keyed and ledger.key is not set: "
		    "they were not checked", (long long)id);
	else if (kid == NULL || strcmp(kid, mine) != 0)
		report(fn, arg, found, "events from %lld on are keyed with another key ('%s') than "
		    "ledger.key ('%s'): they were not checked", (long long)id, kid ? kid : "",
		    mine);
	else
		known = 1;
	cJSON_Delete(d);
	return known;
}

static int
walk_events(mi_ctx *c, struct walk *w, void (*fn)(void *, const char *), void *arg,
    long *events, long *legacy, long *found, mi_err *e)
{
	static const char sql[] = "SELECT id, coalesce(case_id, 0), at, operator, kind, details, "
	    "hash FROM events ORDER BY id";
	const mi_hmac *key = mi_config_key(c->cfg);
	char prev[65] = "", want[65];
	int chained = 0;
	int64_t last = 0, id, cid;
	sqlite3_stmt *st;
	const char *kind, *hash, *s;
	int rc;

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mi_db_fail(c->db, sql, e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		cid = sqlite3_column_int64(st, 1);
		kind = (const char *)sqlite3_column_text(st, 4);
		hash = (const char *)sqlite3_column_text(st, 6);
		(*events)++;
		if (id != last + 1)
			w->broken = 1;
		if (id == last + 2)
			report(fn, arg, found, "event %lld is missing (deleted)", (long long)last + 1);
		else if (id != last + 1)
			report(fn, arg, found, "events %lld to %lld are missing (deleted)",
			    (long long)last + 1, (long long)id - 1);
		if (w->keyed == 0 && strcmp(kind, "key") == 0) {
			w->keyed = id;
			w->blind = !key_known(key, id, (const char *)sqlite3_column_text(st, 5), fn,
			    arg, found);
		}
		row_hash(w->keyed ? key : NULL, prev, st, want);
		/* Events from before the audit trail (schema 4) carry no hash:
		 * the chain starts at the first that does. */
		if (hash == NULL && !chained)
			(*legacy)++;
		else if (w->keyed && w->blind)
			;   /* said once, where the keyed history began */
		else if (hash == NULL || strcmp(hash, want) != 0) {
			/* Written without the key, or does it still link to the
			 * chain, or was it made up? */
			if (w->keyed && hash && (row_hash(NULL, prev, st, want), strcmp(hash, want) == 0))
				report(fn, arg, found, "event %lld (%s, case %lld) is not keyed, though "
				    "the history is keyed from event %lld (written without ledger.key)",
				    (long long)id, kind, (long long)cid, (long long)w->keyed);
			else
				report(fn, arg, found, "event %lld (%s, case %lld) was %s", (long long)id,
				    kind, (long long)cid, hash == NULL ? "inserted without a hash" :
				    "edited, or the one before it was removed or changed");
			w->broken = 1;
		}
		anchors_upto(w, id, *events, hash ? hash : "", sqlite3_column_int64(st, 2), fn,
		    arg, found);
		snprintf(prev, sizeof(prev), "%s", hash ? hash : "");
		if (hash)
			chained = 1;
		last = id;
		if (cid > 0) {
			struct seen *k = seen_get(w, cid);

			snprintf(k->hash, sizeof(k->hash), "%s", hash ? hash : "");
			if ((s = status_after(kind)) != NULL)
				k->status = s;
			remember(k, kind, (const char *)sqlite3_column_text(st, 5));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	anchors_beyond(w, last, fn, arg, found);
	/* A history that should be keyed and is not may have been rewritten
	 * by someone without the key. */
	if (key && chained && w->keyed == 0)
		report(fn, arg, found, "ledger.key is set but no event is keyed (nothing was "
		    "written since it was set, or the keyed events were rewritten without it)");
	return 0;
}

static int
walk_cases(mi_ctx *c, struct walk *w, void (*fn)(void *, const char *), void *arg,
    long *cases, long *found, mi_err *e)
{
	static const char sql[] = "SELECT c.id, c.status, c.evhash, c.channel, c.ref, c.received, "
	    "c.reporter, c.phone, c.address, c.text, u.code FROM cases c "
	    "LEFT JOIN units u ON u.id = c.resp_id ORDER BY c.id";
	char dig[33];
	const char *resp;
	sqlite3_stmt *st;
	const char *status, *seal;
	struct seen *k;
	int64_t id;
	size_t i = 0;
	int rc;

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mi_db_fail(c->db, sql, e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		status = (const char *)sqlite3_column_text(st, 1);
		seal = (const char *)sqlite3_column_text(st, 2);
		(*cases)++;
		while (i < w->n && w->v[i].id < id)
			i++;
		k = i < w->n && w->v[i].id == id ? &w->v[i] : NULL;
		if (k)
			k->matched = 1;
		if (k == NULL) {
			report(fn, arg, found, "case %lld has no history (inserted behind the "
			    "tools' back)", (long long)id);
			continue;
		}
		if ((seal == NULL && k->hash[0] != '\0') || (seal && strcmp(seal, k->hash) != 0))
			report(fn, arg, found, "case %lld does not match its latest event (the "
			    "case or its history was changed)", (long long)id);
		if (k->status && strcmp(status, k->status) != 0)
			report(fn, arg, found, "case %lld is '%s' but its history says '%s' (the "
			    "status was edited)", (long long)id, status, k->status);
		if (k->digest[0]) {
			mi_case_digest((const char *)sqlite3_column_text(st, 3),
			    (const char *)sqlite3_column_text(st, 4), sqlite3_column_int64(st, 5),
			    (const char *)sqlite3_column_text(st, 6),
			    (const char *)sqlite3_column_text(st, 7),
			    (const char *)sqlite3_column_text(st, 8),
			    (const char *)sqlite3_column_text(st, 9), dig);
			if (strcmp(dig, k->digest) != 0)
				report(fn, arg, found, "case %lld no longer holds what was recorded "
				    "(its text, phone, reporter, address, time or reference was "
				    "edited)", (long long)id);
		}
		resp = (const char *)sqlite3_column_text(st, 10);
		if (k->unit[0] && (resp == NULL || strcmp(resp, k->unit) != 0))
			report(fn, arg, found, "case %lld is with unit '%s' but its history says "
			    "'%s' (the responsible unit was edited)", (long long)id,
			    resp ? resp : "(none)", k->unit);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	for (i = 0; i < w->n; i++)
		if (!w->v[i].matched)
			report(fn, arg, found, "case %lld was deleted (its history remains)",
			    (long long)w->v[i].id);
	return 0;
}

/* The triggers that keep the events append-only, in the words the first
 * migration created them with (a shipped migration is never edited): a
 * history that can be edited in place proves less, even if it is intact. */
static int
check_triggers(mi_ctx *c, void (*fn)(void *, const char *), void *arg, long *found, mi_err *e)
{
	static const struct { const char *name, *what, *sql; } want[] = {
		{ "events_no_update", "UPDATE", "CREATE TRIGGER events_no_update BEFORE UPDATE ON "
		    "events  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END" },
		{ "events_no_delete", "DELETE", "CREATE TRIGGER events_no_delete BEFORE DELETE ON "
		    "events  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END" },
	};
	static const char sql[] = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
	    "name = ?1 AND tbl_name = 'events'";
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		return mi_db_fail(c->db, sql, e);
	for (i = 0; i < MI_ARRAY_LEN(want); i++) {
		sqlite3_bind_text(st, 1, want[i].name, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE)
			report(fn, arg, found, "the trigger '%s' that refuses %s on events is missing "
			    "(dropped: the history could be changed in place)", want[i].name,
			    want[i].what);
		else if (rc == SQLITE_ROW && (sqlite3_column_text(st, 0) == NULL ||
		    strcmp((const char *)sqlite3_column_text(st, 0), want[i].sql) != 0))
			report(fn, arg, found, "the trigger '%s' that refuses %s on events was "
			    "changed", want[i].name, want[i].what);
		else if (rc != SQLITE_ROW)
			break;
		rc = SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

int
mi_ledger_verify(mi_ctx *c, const mi_anchors *a, void (*fn)(void *arg, const char *what),
    void *arg, long *events, long *cases, long *found, mi_err *e)
{
	struct walk w;
	long legacy = 0;
	size_t i;
	int rc;

	*events = *cases = *found = 0;
	memset(&w, 0, sizeof(w));
	/* An anchor of an empty ledger holds whatever came after it. */
	for (i = 0; a && i < a->n; i++)
		if (a->v[i].last > 0) {
			w.anchor = mi_xrealloc(w.anchor, (w.nanchor + 1) * sizeof(*w.anchor));
			w.anchor[w.nanchor++] = a->v[i];
		}
	mi_sort(w.anchor, w.nanchor, sizeof(*w.anchor), by_last);
	/* One read transaction: the history and the cases as of one moment. */
	if (mi_db_exec(c->db, "BEGIN", e) < 0)
		return -1;
	rc = check_triggers(c, fn, arg, found, e);
	if (rc == 0)
		rc = walk_events(c, &w, fn, arg, events, &legacy, found, e);
	if (rc == 0)
		rc = walk_cases(c, &w, fn, arg, cases, found, e);
	mi_db_rollback(c->db);
	free(w.v);
	free(w.anchor);
	return rc;
}
