/* imports.c - the files intake read, as batches: listed and undone; and the
 * possible duplicates it flagged, listed. */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

static const struct mi_col batch_cols[] = {
	{ "batch", MI_COL_INT }, { "file", MI_COL_STR }, { "digest", MI_COL_STR },
	{ "at", MI_COL_STR }, { "operator", MI_COL_STR }, { "new", MI_COL_INT },
	{ "amended", MI_COL_INT }, { "known", MI_COL_INT }, { "rejected", MI_COL_INT },
	{ "first", MI_COL_INT }, { "last", MI_COL_INT }, { "undone", MI_COL_STR },
	{ "undo_note", MI_COL_TEXT }, { NULL, 0 }
};

static const char sql_list[] =
    "SELECT id, file, digest, at, operator, added, amended, known, rejected, first_case, "
    "last_case, undone, undo_note FROM imports ORDER BY id";

int
mi_ledger_imports(mi_ctx *c, mi_out *out, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_list, e);
	const char *v[MI_ARRAY_LEN(batch_cols)];
	char t[2][24];
	int rc, i, n;

	if (st == NULL)
		return -1;
	n = mi_out_cols(out, batch_cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		v[3] = mi_time_format(sqlite3_column_int64(st, 3), t[0], sizeof(t[0]));
		if (v[11])
			v[11] = mi_time_format(sqlite3_column_int64(st, 11), t[1], sizeof(t[1]));
		mi_out_row(out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_list, e);
}

/* ---- undoing a batch ---- */

struct batch {
	int64_t id, first, last, undone;
	char *file;
};

static const char sql_batch[] =
    "SELECT id, file, coalesce(first_case, 0), coalesce(last_case, 0), coalesce(undone, 0) "
    "FROM imports WHERE id = ?";
static const char sql_cases[] =
    "SELECT id, status, channel, ref, received, reporter, phone, address, text FROM cases "
    "WHERE id BETWEEN ?1 AND ?2 ORDER BY id";
/* The reference is freed for the file read again; the case keeps it in its history. */
static const char sql_void[] =
    "UPDATE cases SET status = 'void', void_reason = ?1, ref = ?2, updated = ?3, watch = NULL, "
    "evhash = ?4 WHERE id = ?5 AND status = 'new'";
static const char sql_mark[] =
    "UPDATE imports SET undone = ?1, undo_note = ?2, undo_operator = ?3 WHERE id = ?4";

/* The details of a case's undo event. */
static char *
undo_details(const struct batch *b, const char *note, const char *ref, const char *digest)
{
	cJSON *d = cJSON_CreateObject();
	char *s;

	cJSON_AddNumberToObject(d, "batch", (double)b->id);
	cJSON_AddStringToObject(d, "file", b->file);
	cJSON_AddStringToObject(d, "reason", note);
	cJSON_AddStringToObject(d, "from", "new");
	cJSON_AddStringToObject(d, "ref", ref);
	cJSON_AddStringToObject(d, "digest", digest);
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	return s;
}

/* Voids case id of batch b, still new: its reference freed, one event. */
static int
undo_case(mi_ctx *c, const struct batch *b, sqlite3_stmt *q, const char *note, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_void, e);
	const char *ref = (const char *)sqlite3_column_text(q, 3);
	mi_case_event ev;
	mi_buf nref = MI_BUF_INIT;
	char digest[33], *details;
	int rc;

	if (st == NULL)
		return -1;
	mi_buf_printf(&nref, "%s#undone%lld", ref, (long long)b->id);
	mi_case_digest((const char *)sqlite3_column_text(q, 2), mi_buf_str(&nref),
	    sqlite3_column_int64(q, 4), (const char *)sqlite3_column_text(q, 5),
	    (const char *)sqlite3_column_text(q, 6), (const char *)sqlite3_column_text(q, 7),
	    (const char *)sqlite3_column_text(q, 8), digest);
	details = undo_details(b, note, ref, digest);
	sqlite3_bind_text(st, 1, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, mi_buf_str(&nref), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, c->now);
	sqlite3_bind_int64(st, 5, sqlite3_column_int64(q, 0));
	ev.id = sqlite3_column_int64(q, 0);
	ev.kind = "undo";
	ev.details = details;
	ev.param = 4;
	rc = mi_case_write(c, st, &ev, 1, e);
	free(details);
	mi_buf_release(&nref);
	return rc < 0 ? -1 : 0;
}

static int
load_batch(mi_ctx *c, int64_t id, struct batch *b, mi_err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = mi_row_by_id(c, sql_batch, id, &st, e)) <= 0)
		return rc < 0 ? -1 : mi_err_set(e, MI_EX_DATAERR, "no import batch %lld (see "
		    "ledger imports)", (long long)id);
	b->id = id;
	b->file = mi_xstrdup((const char *)sqlite3_column_text(st, 1));
	b->first = sqlite3_column_int64(st, 2);
	b->last = sqlite3_column_int64(st, 3);
	b->undone = sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	if (b->undone) {
		char t[24];

		return mi_err_set(e, MI_EX_DATAERR, "import batch %lld ('%s') was undone already, "
		    "at %s", (long long)id, b->file, mi_time_format(b->undone, t, sizeof(t)));
	}
	return 0;
}

/* Walks the batch's cases: the new ones voided, the others told. */
static int
undo_cases(mi_ctx *c, const struct batch *b, const char *note, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_idv *done, mi_err *e)
{
	sqlite3_stmt *q;
	char why[160];
	const char *status;
	int rc;

	/* Its own statement: undo_case writes while it walks. */
	if (sqlite3_prepare_v2(c->db, sql_cases, -1, &q, NULL) != SQLITE_OK)
		return mi_db_fail(c->db, sql_cases, e);
	sqlite3_bind_int64(q, 1, b->first);
	sqlite3_bind_int64(q, 2, b->last);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		status = (const char *)sqlite3_column_text(q, 1);
		if (strcmp(status, "new") == 0) {
			if (undo_case(c, b, q, note, e) < 0)
				break;
			mi_idv_push(done, sqlite3_column_int64(q, 0));
			stats->undone++;
			continue;
		}
		if (strcmp(status, "void") == 0) {
			stats->known++;
			continue;
		}
		stats->skipped++;
		snprintf(why, sizeof(why), "case %lld is %s: left alone (void it with resolve "
		    "--void)", (long long)sqlite3_column_int64(q, 0), status);
		if (o->skipped)
			o->skipped(o->arg, sqlite3_column_int64(q, 0), why);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return mi_db_fail(c->db, sql_cases, e);
	return rc == SQLITE_ROW ? -1 : 0;
}

/* The cases undone, as the case stream, once kept. */
static int
emit_undone(mi_ctx *c, const mi_idv *done, const mi_intake_opts *o, mi_err *e)
{
	static const char sql[] =
	    "SELECT c.id, c.channel, c.ref, c.received, s.name, m.name, t.name, c.category, "
	    "c.text FROM cases c LEFT JOIN units s ON s.id = c.street_id "
	    "LEFT JOIN units m ON m.id = c.community_id LEFT JOIN units t ON t.id = c.estate_id "
	    "WHERE c.id = ?";
	const char *v[9];
	mi_record row = { 9, (const char **)mi_intake_columns, v, 0, NULL, NULL, 0, 0 };
	sqlite3_stmt *st;
	char t[24];
	size_t i;
	int rc, k;

	for (i = 0; o->added && i < done->n; i++) {
		if ((rc = mi_row_by_id(c, sql, done->v[i], &st, e)) < 0)
			return -1;
		if (rc == 0)
			continue;
		for (k = 0; k < 9; k++)
			if ((v[k] = (const char *)sqlite3_column_text(st, k)) == NULL)
				v[k] = "";
		v[3] = mi_time_format(sqlite3_column_int64(st, 3), t, sizeof(t));
		o->added(o->arg, &row);
		sqlite3_reset(st);
	}
	return 0;
}

int
mi_intake_undo(mi_ctx *c, int64_t batch, const char *note, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_err *e)
{
	mi_idv done = MI_IDV_INIT;
	struct batch b;
	sqlite3_stmt *st;
	int rc;

	if (strlen(note) > 20000)
		return mi_err_set(e, MI_EX_USAGE, "note longer than 20000 bytes");
	if (mi_db_begin(c->db, e) < 0)
		return -1;
	rc = load_batch(c, batch, &b, e);
	if (rc == 0 && b.first > 0)
		rc = undo_cases(c, &b, note, o, stats, &done, e);
	if (rc == 0 && (st = mi_stmt(c, sql_mark, e)) == NULL)
		rc = -1;
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, c->now);
		sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->op, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, batch);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = mi_db_fail(c->db, sql_mark, e);
	}
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
	mi_db_rollback(c->db);
	if (rc == 0)
		rc = emit_undone(c, &done, o, e);
	else
		stats->undone = stats->known = stats->skipped = 0;
	mi_idv_release(&done);
	free(b.file);
	return rc;
}

/* ---- possible duplicates ---- */

static const struct mi_col dup_cols[] = {
	{ "id", MI_COL_INT }, { "duplicate_of", MI_COL_INT }, { "received", MI_COL_STR },
	{ "its_received", MI_COL_STR }, { "status", MI_COL_STR }, { "its_status", MI_COL_STR },
	{ "reporter", MI_COL_NAME }, { "phone", MI_COL_PHONE }, { "text", MI_COL_TEXT },
	{ "its_text", MI_COL_TEXT }, { NULL, 0 }
};

/* The pairs still to decide: the case flagged is not void. */
static const char sql_dups[] =
    "SELECT c.id, d.id, c.received, d.received, c.status, d.status, c.reporter, c.phone, "
    "c.text, d.text FROM cases c JOIN cases d ON d.id = c.dup_of "
    "WHERE c.dup_of IS NOT NULL AND c.status <> 'void' ORDER BY c.id";

int
mi_ledger_duplicates(mi_ctx *c, mi_out *out, mi_idv *shown, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_dups, e);
	const char *v[MI_ARRAY_LEN(dup_cols)];
	char t[2][24];
	int rc, i, n;

	if (st == NULL)
		return -1;
	n = mi_out_cols(out, dup_cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		v[2] = mi_time_format(sqlite3_column_int64(st, 2), t[0], sizeof(t[0]));
		v[3] = mi_time_format(sqlite3_column_int64(st, 3), t[1], sizeof(t[1]));
		mi_out_row(out, v);
		if (shown)
			mi_idv_push(shown, sqlite3_column_int64(st, 0));
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_dups, e);
}
