/*
 * session.c - the sessions held at the platforms (一批平台): reception days
 * (接访日), deliberations (八方议事) and mediations (调解), with who took
 * part by role, the cases heard and those settled there (不出社区).
 *
 * A session is all or nothing: a platform, community, role, case or date
 * that does not hold refuses the whole of it, and nothing is stored.
 *
 * A case settled at a session and open is resolved there, as resolve
 * would resolve it (its resolution the session's outcome): it still waits
 * for its call-back, and only the call-back closes it (销号). A case that
 * is resolved or closed already may be heard again and marked settled;
 * its status stays. A new case (not routed) cannot be settled: route it
 * first. A void case is not heard.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

struct heard {
	int64_t id;
	int settled;
	mi_case_state k;
};

struct who {
	char *role, *name;
	int64_t person;
};

struct run {
	mi_ctx *c;
	const mi_session *s;
	mi_gazetteer *g;
	int64_t platform, community, estate;
	char *platform_code;
	struct heard *h;
	size_t nh;
	struct who *w;
	size_t nw;
};

static void
run_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nw; i++) {
		free(r->w[i].role);
		free(r->w[i].name);
	}
	free(r->w);
	free(r->h);
	free(r->platform_code);
	mi_gaz_free(r->g);
}

/* The platform by code, else by name (one platform only). */
static int
find_platform(struct run *r, const char *name, mi_err *e)
{
	static const char sql[] = "SELECT id, code, coalesce(community_id, 0), "
	    "coalesce(estate_id, 0) FROM platforms WHERE code = ?1 OR name = ?1 "
	    "ORDER BY code = ?1 DESC, id";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	int rc, n = 0, bycode = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0) {
			r->platform = sqlite3_column_int64(st, 0);
			r->platform_code = mi_xstrdup((const char *)sqlite3_column_text(st, 1));
			r->community = sqlite3_column_int64(st, 2);
			r->estate = sqlite3_column_int64(st, 3);
			bycode = strcmp(r->platform_code, name) == 0;
		}
		if (bycode)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	if (n == 0)
		return mi_err_set(e, MI_EX_USAGE, "unknown platform '%s'", name);
	if (n > 1 && !bycode)
		return mi_err_set(e, MI_EX_USAGE, "platform '%s' names several platforms: give its code",
		    name);
	return 0;
}

static int
find_community(struct run *r, const char *name, mi_err *e)
{
	int64_t id = mi_gaz_unit(r->g, name, MI_U_COMMUNITY);

	if (id < 0)
		return mi_err_set(e, MI_EX_USAGE, "community '%s' names several units", name);
	if (id == 0 || mi_gaz_kind(r->g, id) != MI_U_COMMUNITY)
		return mi_err_set(e, MI_EX_USAGE, "unknown community '%s'", name);
	if (r->platform && r->community != id)
		return mi_err_set(e, MI_EX_USAGE, "platform '%s' is not in community '%s'",
		    r->platform_code, name);
	r->community = id;
	return 0;
}

/* The person of that name: in the session's community or one of its
 * estates, else the only one of that name; 0 when none or several. */
static int64_t
find_person(struct run *r, const char *name, mi_err *e)
{
	static const char sql[] = "SELECT id, unit_id FROM people WHERE name = ? ORDER BY id";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	int64_t only = 0, unit;
	int n = 0, rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		unit = sqlite3_column_int64(st, 1);
		if (unit == r->community || (r->community &&
		    mi_gaz_parent(r->g, unit) == r->community)) {
			only = sqlite3_column_int64(st, 0);
			n = 1;
			break;
		}
		only = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	return n == 1 ? only : 0;
}

/* One participant, "角色:姓名" (a full-width colon too). */
static int
person_part(void *arg, char *part, mi_err *e)
{
	struct run *r = arg;
	char *colon = strstr(part, ":"), *fw = strstr(part, "\xef\xbc\x9a"), *name;
	struct who *w;
	int64_t id;

	if (fw && (colon == NULL || fw < colon)) {
		*fw = '\0';
		name = fw + 3;
	} else if (colon) {
		*colon = '\0';
		name = colon + 1;
	} else
		return mi_err_set(e, MI_EX_USAGE, "participant '%s' is not role:name", part);
	mi_trim(part);
	mi_trim(name);
	if (!*part || !*name)
		return mi_err_set(e, MI_EX_USAGE, "participant '%s:%s' is not role:name", part, name);
	if (!mi_role_ok(r->c->cfg, part))
		return mi_err_set(e, MI_EX_USAGE, "unknown role '%s' of participant '%s'", part, name);
	if ((id = find_person(r, name, e)) < 0)
		return -1;
	r->w = mi_xrealloc(r->w, (r->nw + 1) * sizeof(*r->w));
	w = &r->w[r->nw++];
	w->role = mi_xstrdup(part);
	w->name = mi_xstrdup(name);
	w->person = id;
	return 0;
}

static struct heard *
heard_of(struct run *r, int64_t id)
{
	size_t i;

	for (i = 0; i < r->nh; i++)
		if (r->h[i].id == id)
			return &r->h[i];
	return NULL;
}

/* The cases heard: each one known and not void. */
static int
load_heard(struct run *r, const mi_idv *ids, mi_err *e)
{
	size_t i;
	int rc;

	r->h = mi_xcalloc(ids->n + 1, sizeof(*r->h));
	for (i = 0; i < ids->n; i++) {
		if (heard_of(r, ids->v[i]))
			continue;
		r->h[r->nh].id = ids->v[i];
		if ((rc = mi_case_state_load(r->c, ids->v[i], &r->h[r->nh].k, e)) < 0)
			return -1;
		if (rc == 0)
			return mi_err_set(e, MI_EX_DATAERR, "no case %lld", (long long)ids->v[i]);
		if (strcmp(r->h[r->nh].k.status, "void") == 0)
			return mi_err_set(e, MI_EX_DATAERR, "case %lld is void: it cannot be heard",
			    (long long)ids->v[i]);
		r->nh++;
	}
	return 0;
}

static int
settle_one(struct run *r, struct heard *h, mi_err *e)
{
	if (strcmp(h->k.status, "new") == 0)
		return mi_err_set(e, MI_EX_DATAERR, "case %lld is new: route it before it is settled "
		    "at a session", (long long)h->id);
	h->settled = 1;
	return 0;
}

static int
settled_part(void *arg, char *part, mi_err *e)
{
	struct run *r = arg;
	struct heard *h;
	long long id;

	if (mi_parse_num(part, 1, INT64_MAX, &id) < 0)
		return mi_err_set(e, MI_EX_USAGE, "'%s' is not a case id", part);
	if ((h = heard_of(r, id)) == NULL)
		return mi_err_set(e, MI_EX_USAGE, "case %lld is settled but not heard: give it "
		    "among the cases heard", id);
	return settle_one(r, h, e);
}

static int
add_session(struct run *r, int64_t *session, mi_err *e)
{
	static const char sql[] = "INSERT INTO sessions(platform_id, community_id, held, kind, "
	    "outcome, operator, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char sql_who[] = "INSERT INTO session_people(session_id, role, name, "
	    "person_id) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	size_t i;

	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	mi_bind_id(st, 1, r->platform);
	mi_bind_id(st, 2, r->community);
	sqlite3_bind_int64(st, 3, r->s->held);
	sqlite3_bind_text(st, 4, mi_vocab_name(MI_V_SESSION, r->s->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->s->outcome, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, r->c->op, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, r->c->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	*session = sqlite3_last_insert_rowid(r->c->db);
	for (i = 0; i < r->nw; i++) {
		if ((st = mi_stmt(r->c, sql_who, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, *session);
		sqlite3_bind_text(st, 2, r->w[i].role, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, r->w[i].name, -1, SQLITE_TRANSIENT);
		mi_bind_id(st, 4, r->w[i].person);
		if (sqlite3_step(st) != SQLITE_DONE)
			return mi_db_fail(r->c->db, sql_who, e);
	}
	return 0;
}

/* What every event of the session says. */
static cJSON *
session_json(struct run *r, int64_t session)
{
	cJSON *d = cJSON_CreateObject();
	char t[24];

	cJSON_AddNumberToObject(d, "session", (double)session);
	cJSON_AddStringToObject(d, "held", mi_time_format(r->s->held, t, sizeof(t)));
	cJSON_AddStringToObject(d, "kind", mi_vocab_name(MI_V_SESSION, r->s->kind));
	if (r->platform_code)
		cJSON_AddStringToObject(d, "platform", r->platform_code);
	if (r->community)
		cJSON_AddStringToObject(d, "community", mi_gaz_code_or(r->g, r->community, ""));
	cJSON_AddStringToObject(d, "outcome", r->s->outcome);
	return d;
}

/* The session's own event (about no case): who took part and what was heard. */
static int
session_event(struct run *r, int64_t session, mi_err *e)
{
	cJSON *d = session_json(r, session), *a = cJSON_AddArrayToObject(d, "people"), *p;
	size_t i;

	for (i = 0; i < r->nw; i++) {
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "role", r->w[i].role);
		cJSON_AddStringToObject(p, "name", r->w[i].name);
		cJSON_AddItemToArray(a, p);
	}
	a = cJSON_AddArrayToObject(d, "cases");
	for (i = 0; i < r->nh; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber((double)r->h[i].id));
	a = cJSON_AddArrayToObject(d, "settled");
	for (i = 0; i < r->nh; i++)
		if (r->h[i].settled)
			cJSON_AddItemToArray(a, cJSON_CreateNumber((double)r->h[i].id));
	return mi_event_json(r->c, 0, "session", d, e);
}

static int
hear(struct run *r, int64_t session, struct heard *h, const mi_escalate_opts *o,
    mi_escalate_stats *stats, mi_err *e)
{
	static const char sql_link[] = "INSERT INTO session_cases(session_id, case_id, settled) "
	    "VALUES (?1, ?2, ?3)";
	static const char sql_resolve[] = "UPDATE cases SET status = 'resolved', resolved = ?1, "
	    "resolution = ?2, updated = ?1, watch = NULL WHERE id = ?3 AND status = 'open'";
	int resolve = h->settled && strcmp(h->k.status, "open") == 0;
	mi_escalation x;
	sqlite3_stmt *st;
	cJSON *d;

	if ((st = mi_stmt(r->c, sql_link, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_int64(st, 2, h->id);
	sqlite3_bind_int(st, 3, h->settled);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_link, e);
	if (resolve) {
		if ((st = mi_stmt(r->c, sql_resolve, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, r->c->now);
		sqlite3_bind_text(st, 2, r->s->outcome, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, h->id);
		if (sqlite3_step(st) != SQLITE_DONE)
			return mi_db_fail(r->c->db, sql_resolve, e);
	}
	d = session_json(r, session);
	cJSON_AddBoolToObject(d, "settled", h->settled);
	if (mi_event_json(r->c, h->id, "session", d, e) < 0)
		return -1;
	/* Resolved there: the event resolve would record, naming the session,
	 * so the history reads (and ledger verify checks) as for any 办结. */
	if (resolve) {
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "resolution", r->s->outcome);
		cJSON_AddStringToObject(d, "unit", mi_gaz_code_or(r->g, h->k.resp, ""));
		cJSON_AddNumberToObject(d, "session", (double)session);
		if (h->k.due > 0)
			cJSON_AddBoolToObject(d, "on_time", r->c->now <= h->k.due);
		if (mi_event_json(r->c, h->id, "resolve", d, e) < 0)
			return -1;
	}
	/* Nobody can be called back about a case without a phone: as resolve
	 * does by default, it goes to review; a session never closes a case. */
	if (resolve && h->k.anonymous) {
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "reason", "anonymous");
		if (mi_event_json(r->c, h->id, "review", d, e) < 0)
			return -1;
	}
	stats->changed++;
	if (o->changed) {
		memset(&x, 0, sizeof(x));
		x.id = h->id;
		x.session = session;
		x.held = r->s->held;
		x.session_kind = r->s->kind;
		x.platform = r->platform_code;
		x.unit = mi_gaz_code_or(r->g, r->community, NULL);
		x.settled = h->settled;
		x.status = resolve ? "resolved" : h->k.status;
		x.from_tier = -1;
		x.left = x.overdue = -1;
		o->changed(o->arg, &x);
	}
	return 0;
}

int
mi_escalate_session(mi_ctx *c, const mi_idv *ids, const mi_session *s, const mi_escalate_opts *o,
    mi_escalate_stats *stats, int64_t *session, mi_err *e)
{
	struct run r;
	size_t i;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.s = s;
	*session = 0;
	if (s->held > c->now) {
		char t[24];

		return mi_err_set(e, MI_EX_USAGE, "the session's date %s is in the future",
		    mi_time_format(s->held, t, sizeof(t)));
	}
	if (mi_gaz_load(c->db, &r.g, e) < 0)
		goto out;
	if (s->platform && find_platform(&r, s->platform, e) < 0)
		goto out;
	if (s->community && find_community(&r, s->community, e) < 0)
		goto out;
	if (s->people && mi_each_part(s->people, person_part, &r, e) < 0)
		goto out;
	if (load_heard(&r, ids, e) < 0)
		goto out;
	if (s->settle_all) {
		for (i = 0; i < r.nh; i++)
			if (settle_one(&r, &r.h[i], e) < 0)
				goto out;
	} else if (s->settled && mi_each_part(s->settled, settled_part, &r, e) < 0)
		goto out;
	if (mi_db_begin(c->db, e) < 0)
		goto out;
	rc = add_session(&r, session, e);
	if (rc == 0)
		rc = session_event(&r, *session, e);
	for (i = 0; rc == 0 && i < r.nh; i++) {
		rc = hear(&r, *session, &r.h[i], o, stats, e);
		if (rc == 0 && r.h[i].settled)
			stats->settled++;
	}
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
	if (rc < 0) {
		mi_db_rollback(c->db);
		*session = 0;
	}
out:
	run_release(&r);
	return rc;
}

int64_t
mi_platform_find(mi_ctx *c, const char *name, char *code, size_t ncode, mi_err *e)
{
	static const char sql[] = "SELECT id, code FROM platforms WHERE code = ?1 "
	    "UNION ALL SELECT id, code FROM platforms WHERE name = ?1 AND code <> ?1 "
	    "AND (SELECT count(*) FROM platforms WHERE code = ?1) = 0 LIMIT 2";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	int64_t id = 0;
	int rc, n = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0) {
			id = sqlite3_column_int64(st, 0);
			snprintf(code, ncode, "%s", (const char *)sqlite3_column_text(st, 1));
		}
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	return n == 1 ? id : 0;
}
