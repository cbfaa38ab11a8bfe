/* events.c - the append-only history of every case. */
#include <string.h>

#include "internal.h"

static const char sql_event[] =
    "INSERT INTO events(case_id, at, operator, kind, details) VALUES (?, ?, ?, ?, ?)";

int
mi_event_add(mi_ctx *c, int64_t case_id, const char *kind, const char *details, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_event, e);

	if (st == NULL)
		return -1;
	if (case_id > 0)
		sqlite3_bind_int64(st, 1, case_id);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, c->now);
	sqlite3_bind_text(st, 3, c->op, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	/* details outlives the step; the statement is reset before its next use */
	if (details)
		sqlite3_bind_text(st, 5, details, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(c->db, sql_event, e);
	return 0;
}

int
mi_event_reveal(mi_ctx *c, const mi_idv *ids, const char *what, mi_err *e)
{
	cJSON *d;
	char *text;
	size_t i;
	int rc = 0;

	if (ids->n == 0)
		return 0;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "tool", c->prog);
	cJSON_AddStringToObject(d, "what", what);
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	if (mi_db_begin(c->db, e) < 0) {
		cJSON_free(text);
		return -1;
	}
	for (i = 0; i < ids->n && rc == 0; i++)
		rc = mi_event_add(c, ids->v[i], "reveal", text, e);
	cJSON_free(text);
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
	if (rc < 0)
		mi_db_rollback(c->db);
	return rc;
}
