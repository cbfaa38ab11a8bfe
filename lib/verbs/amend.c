/* amend.c - a case's recorded fields put right, with the old values kept in its history. */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

static const char *const s_names[MI_AM_NS] = {
	"reporter", "phone", "address", "category", "text", "collector", "activity",
	"proposed_tier"
};
static const char *const place_names[3] = { "street", "community", "estate" };

static const char sql_by_id[] =
    "SELECT id, status, coalesce(routed, 0), received, coalesce(street_id, 0), "
    "coalesce(community_id, 0), coalesce(estate_id, 0), coalesce(collector_id, 0), channel, "
    "ref, reporter, phone, address, category, text, collector, activity, proposed_tier, "
    "coalesce(team_id, 0), coalesce(platform_id, 0) FROM cases WHERE id = ?1";
static const char sql_by_ref[] =
    "SELECT id, status, coalesce(routed, 0), received, coalesce(street_id, 0), "
    "coalesce(community_id, 0), coalesce(estate_id, 0), coalesce(collector_id, 0), channel, "
    "ref, reporter, phone, address, category, text, collector, activity, proposed_tier, "
    "coalesce(team_id, 0), coalesce(platform_id, 0) FROM cases WHERE channel = ?1 AND ref = ?2";

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v && *v ? mi_xstrdup(v) : NULL;
}

int
mi_case_rec_load(mi_ctx *c, int64_t id, const char *channel, const char *ref, mi_case_rec *k,
    mi_err *e)
{
	const char *sql = id > 0 ? sql_by_id : sql_by_ref;
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	int rc, i;

	memset(k, 0, sizeof(*k));
	if (st == NULL)
		return -1;
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	else {
		sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	}
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
	}
	k->id = sqlite3_column_int64(st, 0);
	snprintf(k->status, sizeof(k->status), "%s", (const char *)sqlite3_column_text(st, 1));
	k->routed = sqlite3_column_int64(st, 2);
	k->received = sqlite3_column_int64(st, 3);
	for (i = 0; i < 3; i++)
		k->place[i] = sqlite3_column_int64(st, 4 + i);
	k->collector_id = sqlite3_column_int64(st, 7);
	snprintf(k->channel, sizeof(k->channel), "%s", (const char *)sqlite3_column_text(st, 8));
	k->ref = col_dup(st, 9);
	for (i = 0; i < MI_AM_NS; i++)
		k->s[i] = col_dup(st, 10 + i);
	k->team = sqlite3_column_int64(st, 10 + MI_AM_NS);
	k->platform = sqlite3_column_int64(st, 11 + MI_AM_NS);
	sqlite3_reset(st);
	return 1;
}

void
mi_case_rec_release(mi_case_rec *k)
{
	int i;

	free(k->ref);
	for (i = 0; i < MI_AM_NS; i++)
		free(k->s[i]);
	memset(k, 0, sizeof(*k));
}

static int
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

unsigned
mi_amend_diff(const mi_case_rec *old, const mi_case_rec *nw)
{
	unsigned d = 0;
	int i;

	for (i = 0; i < MI_AM_NS; i++)
		if (!same(old->s[i], nw->s[i]))
			d |= 1u << i;
	if (old->received != nw->received)
		d |= MI_AMD_RECEIVED;
	for (i = 0; i < 3; i++)
		if (old->place[i] != nw->place[i])
			d |= 1u << (MI_AM_NS + 1 + i);
	if (old->team != nw->team)
		d |= MI_AMD_TEAM;
	if (old->platform != nw->platform)
		d |= MI_AMD_PLATFORM;
	return d;
}

int
mi_amend_moves(const mi_case_rec *old, unsigned diff)
{
	return old->routed > 0 && (diff & (MI_AMD_PLACE | 1u << MI_AM_CATEGORY)) != 0;
}

/* The code of a team or a platform, added to o as name (null when none);
 * -1 on a database error. */
static int
add_code(mi_ctx *c, cJSON *o, const char *name, const char *sql, int64_t id, mi_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (id > 0) {
		if ((rc = mi_row_by_id(c, sql, id, &st, e)) < 0)
			return -1;
		if (rc == 1) {
			cJSON_AddStringToObject(o, name, (const char *)sqlite3_column_text(st, 0));
			sqlite3_reset(st);
			return 0;
		}
		sqlite3_reset(st);
	}
	cJSON_AddNullToObject(o, name);
	return 0;
}

/* One side of the event: the changed fields as k holds them. */
static int
side(mi_ctx *c, cJSON *o, const mi_gazetteer *g, const mi_case_rec *k, unsigned diff, mi_err *e)
{
	char t[24];
	const char *v;
	int i;

	if (diff & MI_AMD_RECEIVED)
		cJSON_AddStringToObject(o, "received", mi_time_format(k->received, t, sizeof(t)));
	for (i = 0; i < MI_AM_NS; i++)
		if (diff & (1u << i)) {
			if (k->s[i])
				cJSON_AddStringToObject(o, s_names[i], k->s[i]);
			else
				cJSON_AddNullToObject(o, s_names[i]);
		}
	for (i = 0; i < 3; i++)
		if (diff & (1u << (MI_AM_NS + 1 + i))) {
			v = k->place[i] > 0 ? mi_gaz_name(g, k->place[i]) : NULL;
			if (v)
				cJSON_AddStringToObject(o, place_names[i], v);
			else
				cJSON_AddNullToObject(o, place_names[i]);
		}
	if ((diff & MI_AMD_TEAM) &&
	    add_code(c, o, "team", "SELECT code FROM teams WHERE id = ?1", k->team, e) < 0)
		return -1;
	if ((diff & MI_AMD_PLATFORM) &&
	    add_code(c, o, "platform", "SELECT code FROM platforms WHERE id = ?1", k->platform, e) < 0)
		return -1;
	return 0;
}

static const char sql_amend[] =
    "UPDATE cases SET received = ?1, reporter = ?2, phone = ?3, address = ?4, category = ?5, "
    "text = ?6, collector = ?7, street_id = ?8, community_id = ?9, estate_id = ?10, "
    "collector_id = ?11, updated = ?12, evhash = ?13, row_digest = coalesce(?15, row_digest), "
    "activity = ?16, proposed_tier = ?17, team_id = ?18, platform_id = ?19 WHERE id = ?14";

int
mi_amend_write(mi_ctx *c, const mi_gazetteer *g, const mi_case_rec *old, const mi_case_rec *nw,
    unsigned diff, const char *source, long line, const char *note, const char *row, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_amend, e);
	mi_case_event ev;
	cJSON *d;
	char digest[33], *text;
	int i, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, nw->received);
	for (i = 0; i <= MI_AM_COLLECTOR; i++)
		mi_bind_text(st, 2 + i, nw->s[i]);
	mi_bind_text(st, 16, nw->s[MI_AM_ACTIVITY]);
	mi_bind_text(st, 17, nw->s[MI_AM_PROPOSED]);
	mi_bind_id(st, 18, nw->team);
	mi_bind_id(st, 19, nw->platform);
	for (i = 0; i < 3; i++)
		mi_bind_id(st, 8 + i, nw->place[i]);
	mi_bind_id(st, 11, nw->collector_id);
	sqlite3_bind_int64(st, 12, c->now);
	sqlite3_bind_int64(st, 14, old->id);
	mi_bind_text(st, 15, row);
	/* What verify checks the case against from now on. */
	mi_case_digest(old->channel, old->ref, nw->received, nw->s[MI_AM_REPORTER],
	    nw->s[MI_AM_PHONE], nw->s[MI_AM_ADDRESS], nw->s[MI_AM_TEXT], digest);
	d = cJSON_CreateObject();
	if (source) {
		cJSON_AddStringToObject(d, "source", source);
		if (line > 0)
			cJSON_AddNumberToObject(d, "line", (double)line);
	}
	if (note)
		cJSON_AddStringToObject(d, "reason", note);
	if (side(c, cJSON_AddObjectToObject(d, "old"), g, old, diff, e) < 0 ||
	    side(c, cJSON_AddObjectToObject(d, "new"), g, nw, diff, e) < 0) {
		cJSON_Delete(d);
		return -1;
	}
	if (mi_amend_moves(old, diff) && strcmp(old->status, "open") == 0)
		cJSON_AddBoolToObject(d, "place_changed_after_routing", 1);
	cJSON_AddStringToObject(d, "digest", digest);
	if (row)
		cJSON_AddStringToObject(d, "row", row);
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	ev.id = old->id;
	ev.kind = "amend";
	ev.details = text;
	ev.param = 13;
	rc = mi_case_write(c, st, &ev, 1, e);
	cJSON_free(text);
	if (rc == 0)
		return mi_err_set(e, MI_EX_SOFTWARE, "case %lld was not amended", (long long)old->id);
	return rc < 0 ? -1 : 0;
}
