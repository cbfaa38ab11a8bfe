/* publish.c - months whose bulletin is published, and so frozen.
 *
 * Once a month's bulletin is out, its figures are the task force's record:
 * a reconcile re-check that finds one of its misses matched no longer
 * changes it, but reports it for the task force to decide.
 */
#include <string.h>

#include "verbs/verbs.h"

int
mi_score_publish(mi_ctx *c, const char *month, int *already, mi_err *e)
{
	static const char sql[] =
	    "INSERT INTO published(month, at, operator) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT(month) DO NOTHING";
	sqlite3_stmt *st;
	cJSON *d;
	char *text, m[16];
	int64_t from, to;
	int rc;

	if (mi_month_parse(month, &from, &to) < 0)
		return mi_err_set(e, MI_EX_USAGE, "invalid month '%s' (expected YYYY-MM)", month);
	/* The month as the deductions name it, whatever form was given. */
	mi_month_format(from, m, sizeof(m));
	*already = 0;
	if (mi_db_begin(c->db, e) < 0)
		return -1;
	if ((st = mi_stmt(c, sql, e)) == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, c->now);
	sqlite3_bind_text(st, 3, c->op, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		mi_db_fail(c->db, sql, e);
		goto fail;
	}
	if (sqlite3_changes(c->db) == 0) {
		*already = 1;
		mi_db_rollback(c->db);
		return 0;
	}
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "month", m);
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	rc = mi_event_add(c, 0, "publish", text, e);
	cJSON_free(text);
	if (rc < 0 || mi_db_commit(c->db, e) < 0)
		goto fail;
	return 0;
fail:
	mi_db_rollback(c->db);
	return -1;
}

int
mi_score_published(mi_ctx *c, mi_out *out, mi_err *e)
{
	static const char sql[] = "SELECT month, at, operator FROM published ORDER BY month";
	static const struct mi_col cols[] = {
		{ "month", MI_COL_STR }, { "published", MI_COL_TIME }, { "operator", MI_COL_STR },
		{ NULL, 0 }
	};
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	const char *v[3];
	char t[24];
	int rc;

	if (st == NULL)
		return -1;
	mi_out_cols(out, cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v[0] = (const char *)sqlite3_column_text(st, 0);
		v[1] = mi_time_format(sqlite3_column_int64(st, 1), t, sizeof(t));
		v[2] = (const char *)sqlite3_column_text(st, 2);
		mi_out_row(out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}
