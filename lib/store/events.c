/* events.c - the append-only history of every case, chained by hashes. */
#include <string.h>

#include "store/store.h"

static const char sql_event[] =
    "INSERT INTO events(id, case_id, at, operator, kind, details, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_head[] = "SELECT id, coalesce(hash, '') FROM events ORDER BY id DESC LIMIT 1";
static const char sql_tail[] = "SELECT e.id, coalesce(e.case_id, 0), e.at, e.operator, e.kind, "
    "e.details, coalesce(e.hash, ''), coalesce((SELECT p.hash FROM events p WHERE p.id < e.id "
    "ORDER BY p.id DESC LIMIT 1), '') FROM events e ORDER BY e.id DESC LIMIT 1";
static const char sql_seal[] = "UPDATE cases SET evhash = ?1 WHERE id = ?2";

/* Decimal digits of n at the end of buf (24 bytes); returns where they start. */
static const char *
digits(int64_t n, char *buf, size_t *len)
{
	uint64_t u = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
	char *p = buf + 24;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		*--p = '-';
	*len = (size_t)(buf + 24 - p);
	return p;
}

void
mi_event_hash(const mi_hmac *key, const char *prev, int64_t id, int64_t case_id, int64_t at,
    const char *op, const char *kind, const char *details, char hex[65])
{
	const char sep = '\x1f';
	const int64_t num[3] = { id, case_id, at };
	mi_sha256_ctx h;
	unsigned char d[32];
	char buf[24];
	const char *p;
	size_t n;
	int i;

	if (key)
		mi_hmac_start(key, &h);
	else
		mi_sha256_init(&h);
	mi_sha256_update(&h, prev, strlen(prev));
	for (i = 0; i < 3; i++) {
		p = digits(num[i], buf, &n);
		mi_sha256_update(&h, &sep, 1);
		mi_sha256_update(&h, p, n);
	}
	mi_sha256_update(&h, &sep, 1);
	mi_sha256_update(&h, op, strlen(op));
	mi_sha256_update(&h, &sep, 1);
	mi_sha256_update(&h, kind, strlen(kind));
	mi_sha256_update(&h, &sep, 1);
	if (details)
		mi_sha256_update(&h, details, strlen(details));
	if (key)
		mi_hmac_final(key, &h, d);
	else
		mi_sha256_final(&h, d);
	mi_hex(d, sizeof(d), hex);
}

void
mi_ledger_key_id(const mi_hmac *key, char id[17])
{
	static const char what[] = "minyi ledger key";
	mi_sha256_ctx h;
	unsigned char d[32];

	mi_hmac_start(key, &h);
	mi_sha256_update(&h, what, sizeof(what) - 1);
	mi_hmac_final(key, &h, d);
	mi_hex(d, 8, id);
}

static int put(mi_ctx *c, int64_t case_id, const char *kind, const char *details,
    const char *hash, mi_err *e);

/* Whether the row of sql_tail that st is on carries hash under key (NULL: none). */
static int
tail_sealed(sqlite3_stmt *st, const mi_hmac *key, const char *hash)
{
	char want[65];

	mi_event_hash(key, (const char *)sqlite3_column_text(st, 7), sqlite3_column_int64(st, 0),
	    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
	    (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4),
	    (const char *)sqlite3_column_text(st, 5), want);
	return strcmp(want, hash) == 0;
}

/*
 * The chain's head when ledger.key is set. The latest event must be sealed
 * with the key, and the chain goes on keyed; when it is sealed without one
 * (written before the key was set, or by a run without it) or there is
 * none, an event of kind "key" naming the key by its id starts the keyed
 * history. Sealed with neither, the ledger was keyed with another key or
 * edited, and nothing is written.
 */
static int
key_head(mi_ctx *c, const mi_hmac *key, mi_err *e)
{
	sqlite3_stmt *st;
	const char *hash = "";
	char want[65], kid[17], details[64];
	int64_t id = 0;
	int rc, keyed = 0;

	if ((st = mi_stmt(c, sql_tail, e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW && rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql_tail, e);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		hash = (const char *)sqlite3_column_text(st, 6);
	}
	if (*hash && !(keyed = tail_sealed(st, key, hash)) && !tail_sealed(st, NULL, hash))
		return mi_err_set(e, MI_EX_DATAERR, "the latest event, %lld, is sealed neither with "
		    "ledger.key nor without a key (keyed with another key, or edited): nothing "
		    "written, see ledger verify", (long long)id);
	c->chain_id = id;
	snprintf(c->chain_hash, sizeof(c->chain_hash), "%s", hash);
	c->chain_ok = 1;
	sqlite3_reset(st);
	if (keyed)
		return 0;
	mi_ledger_key_id(key, kid);
	snprintf(details, sizeof(details), "{\"hmac\":\"sha256\",\"key\":\"%s\"}", kid);
	mi_event_hash(key, c->chain_hash, id + 1, 0, c->now, c->op, "key", details, want);
	return put(c, 0, "key", details, want, e);
}

/* The chain's head: read once per transaction, then carried along. */
static int
chain_head(mi_ctx *c, mi_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (c->chain_ok)
		return 0;
	if (mi_config_key(c->cfg))
		return key_head(c, mi_config_key(c->cfg), e);
	if ((st = mi_stmt(c, sql_head, e)) == NULL)
		return -1;
	c->chain_id = 0;
	c->chain_hash[0] = '\0';
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->chain_id = sqlite3_column_int64(st, 0);
		snprintf(c->chain_hash, sizeof(c->chain_hash), "%s",
		    (const char *)sqlite3_column_text(st, 1));
	} else if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql_head, e);
	sqlite3_reset(st);
	c->chain_ok = 1;
	return 0;
}

/* Appends the next event of the chain, whose hash was sealed from its head. */
static int
put(mi_ctx *c, int64_t case_id, const char *kind, const char *details, const char *hash,
    mi_err *e)
{
	sqlite3_stmt *st;
	int64_t id = c->chain_id + 1;

	if (!c->chain_ok || (st = mi_stmt(c, sql_event, e)) == NULL)
		return c->chain_ok ? -1 : mi_err_set(e, MI_EX_SOFTWARE, "event put without a seal");
	sqlite3_bind_int64(st, 1, id);
	if (case_id > 0)
		sqlite3_bind_int64(st, 2, case_id);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, c->now);
	sqlite3_bind_text(st, 4, c->op, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, kind, -1, SQLITE_STATIC);
	/* details outlives the step; the statement is reset before its next use */
	if (details)
		sqlite3_bind_text(st, 6, details, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_text(st, 7, hash, 64, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		c->chain_ok = 0;
		return mi_db_fail(c->db, sql_event, e);
	}
	c->chain_id = id;
	memcpy(c->chain_hash, hash, 64);
	c->chain_hash[64] = '\0';
	return 0;
}

/* An event that changes no case row. */
static int
append(mi_ctx *c, int64_t case_id, const char *kind, const char *details, mi_err *e)
{
	char hash[65];

	if (chain_head(c, e) < 0)
		return -1;
	mi_event_hash(mi_config_key(c->cfg), c->chain_hash, c->chain_id + 1,
	    case_id > 0 ? case_id : 0, c->now, c->op, kind, details, hash);
	return put(c, case_id, kind, details, hash, e);
}

int
mi_case_write(mi_ctx *c, sqlite3_stmt *st, mi_case_event *ev, int n, mi_err *e)
{
	int i, changed;

	if (chain_head(c, e) < 0)
		return -1;
	/* Every hash is known before the rows are written, so each row takes
	 * its seal in the same write; the events follow in the order sealed. */
	for (i = 0; i < n; i++) {
		mi_event_hash(mi_config_key(c->cfg), i ? ev[i - 1].hash : c->chain_hash,
		    c->chain_id + 1 + i, ev[i].id, c->now, c->op, ev[i].kind, ev[i].details,
		    ev[i].hash);
		sqlite3_bind_text(st, ev[i].param, ev[i].hash, 64, SQLITE_STATIC);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(c->db, sqlite3_sql(st), e);
	if ((changed = sqlite3_changes(c->db)) == 0)
		return 0;
	if (changed != n)
		return mi_err_set(e, MI_EX_SOFTWARE, "a write of %d cases changed %d", n, changed);
	for (i = 0; i < n; i++)
		if (put(c, ev[i].id, ev[i].kind, ev[i].details, ev[i].hash, e) < 0)
			return -1;
	return n;
}

int
mi_event_add(mi_ctx *c, int64_t case_id, const char *kind, const char *details, mi_err *e)
{
	mi_case_event ev;
	sqlite3_stmt *st;
	int rc;

	if (case_id <= 0)
		return append(c, case_id, kind, details, e);
	/* The case keeps its latest event's hash, so a case edited or stripped
	 * of its history behind the tools' back no longer agrees with it. */
	if ((st = mi_stmt(c, sql_seal, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 2, case_id);
	ev.id = case_id;
	ev.kind = kind;
	ev.details = details;
	ev.param = 1;
	if ((rc = mi_case_write(c, st, &ev, 1, e)) != 0)
		return rc < 0 ? -1 : 0;
	/* No such row (deleted behind the tools' back): the event is kept all
	 * the same, and ledger verify names the case as deleted. */
	return append(c, case_id, kind, details, e);
}

int
mi_event_json(mi_ctx *c, int64_t case_id, const char *kind, cJSON *d, mi_err *e)
{
	char *text = cJSON_PrintUnformatted(d);
	int rc;

	cJSON_Delete(d);
	rc = mi_event_add(c, case_id, kind, text, e);
	cJSON_free(text);
	return rc;
}

/* The command line as a JSON array; a byte that is not UTF-8 becomes '?',
 * so the details stay JSON. */
static void
put_args(mi_buf *d, int argc, char **argv)
{
	const char *p, *q, *end;
	mi_buf a = MI_BUF_INIT;
	int i;

	mi_buf_putc(d, '[');
	for (i = 1; i < argc; i++) {
		mi_buf_reset(&a);
		for (p = argv[i], end = p + strlen(p); p < end; p = q) {
			q = p;
			if (mi_utf8_next(&q, end) < 0)
				mi_buf_putc(&a, '?');
			else
				mi_buf_add(&a, p, (size_t)(q - p));
		}
		if (i > 1)
			mi_buf_putc(d, ',');
		mi_json_str(d, mi_buf_str(&a));
	}
	mi_buf_putc(d, ']');
	mi_buf_release(&a);
}

int
mi_reveal(mi_ctx *c, const mi_idv *ids, const char *what, const char *more, mi_err *e)
{
	mi_buf d = MI_BUF_INIT;
	size_t i;
	int rc;

	/* Nothing shown in clear: nothing to record, and the output may go. */
	if (c->clear == 0 && (ids == NULL || ids->n == 0))
		return mi_ctx_release(c, 1, e);
	/* Shown in clear, but no case: the look is one event about no case. */
	if (ids && ids->n == 0)
		ids = NULL;
	mi_buf_puts(&d, "{\"tool\":");
	mi_json_str(&d, c->prog);
	mi_buf_puts(&d, ",\"what\":");
	mi_json_str(&d, what);
	if (more) {
		mi_buf_putc(&d, ',');
		mi_buf_puts(&d, more);
	}
	/* A case's own event names it; one about no case names the command
	 * line that chose what was shown, and the rows shown in clear (the
	 * output is held until now, so they are all written). */
	if (ids == NULL) {
		mi_buf_puts(&d, ",\"args\":");
		put_args(&d, c->argc, c->argv);
		mi_buf_printf(&d, ",\"rows\":%ld", c->clear_rows);
	}
	mi_buf_putc(&d, '}');
	rc = mi_db_begin(c->db, e);
	if (rc == 0 && ids == NULL)
		rc = mi_event_add(c, 0, "reveal", mi_buf_str(&d), e);
	for (i = 0; rc == 0 && ids && i < ids->n; i++)
		rc = mi_event_add(c, ids->v[i], "reveal", mi_buf_str(&d), e);
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
	/* All or nothing: a look only partly recorded is not recorded. */
	if (rc < 0)
		mi_db_rollback(c->db);
	mi_buf_release(&d);
	/* The output held since the run began goes out once its look is on
	 * record, and never when it could not be recorded. */
	if (rc < 0) {
		mi_ctx_release(c, 0, NULL);
		return -1;
	}
	return mi_ctx_release(c, 1, e);
}
