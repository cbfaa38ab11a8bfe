/* resolve.c - what the responsible unit reports: progress, and the case handled (办结). */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

#define MAX_NOTE 20000

static const char *const result_cols[] = {
	"resolution", "result", "办理结果", "处理结果", "办结情况", "答复内容", NULL
};
static const char *const time_cols[] = { "time", "resolved", "办结时间", "办理时间", "处理时间", "办结", "时间", NULL };
static const char *const unit_cols[] = { "unit", "责任单位", "办理单位", "承办单位", "单位", NULL };

/* ---- resolving ---- */

/* A case acted on, as it is handed out once the run is kept. */
struct done {
	mi_resolve_result res;
	char *note;                /* res.note, the run's copy */
};

struct run {
	mi_ctx *c;
	const mi_resolve_opts *o;
	mi_resolve_stats *stats;
	mi_gazetteer *g;
	int64_t unit;              /* the unit reporting, from o->unit; 0 when not said */
	int anon_close;            /* callback.anonymous is "close" */
	const char *file;          /* the sheet, NULL for ids given */
	const char *note;          /* for ids given, the note given */
	struct done *done;
	size_t ndone, capdone;
};

/* What a report says: this case, handled at this time, with this note. */
struct report {
	int64_t id, at, unit;
	const char *unit_as;       /* the unit as written */
	const char *note;
	int timed;                 /* the time came from the sheet */
	long line;
};


static const char sql_known[] =
    "SELECT 1 FROM events WHERE case_id = ? AND kind = 'resolve' "
    "AND json_extract(details, '$.resolution') = ? LIMIT 1";

/* A sheet sent twice must not resolve a case twice with the same words. */
static int
known(mi_ctx *c, int64_t id, const char *note, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_known, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, note, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_known, e);
}

/* Why a case that is not open cannot take a report, or NULL. */
static const char *
not_open(int64_t id, const mi_case_state *k, char *why, size_t nwhy)
{
	if (strcmp(k->status, "open") == 0)
		return NULL;
	if (strcmp(k->status, "new") == 0)
		snprintf(why, nwhy, _("case %lld is new: route it first"), (long long)id);
	else if (strcmp(k->status, "resolved") == 0)
		snprintf(why, nwhy, _("case %lld is resolved already, awaiting its call-back"),
		    (long long)id);
	else
		snprintf(why, nwhy, _("case %lld is %s"), (long long)id, k->status);
	return why;
}

static char *
details(const struct run *r, const struct report *p, const mi_case_state *k)
{
	cJSON *d = cJSON_CreateObject();
	char t[24], *s;

	cJSON_AddStringToObject(d, r->o->progress ? "note" : "resolution", p->note);
	cJSON_AddStringToObject(d, "unit", mi_gaz_code_or(r->g, k->resp, ""));
	if (p->unit > 0 && p->unit != k->resp)
		cJSON_AddStringToObject(d, "by", mi_gaz_code_or(r->g, p->unit, ""));
	if (p->timed)
		cJSON_AddStringToObject(d, "time", mi_time_format(p->at, t, sizeof(t)));
	if (!r->o->progress && k->due > 0)
		cJSON_AddBoolToObject(d, "on_time", p->at <= k->due);
	if (r->file) {
		cJSON_AddStringToObject(d, "source", r->file);
		cJSON_AddNumberToObject(d, "line", (double)p->line);
	}
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	return s;
}

static int
event(mi_ctx *c, int64_t id, const char *kind, char *text, mi_err *e)
{
	int rc = mi_event_add(c, id, kind, text, e);

	cJSON_free(text);
	return rc;
}

static char *
reason_json(const char *reason)
{
	cJSON *d = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(d, "reason", reason);
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	return s;
}

static const char sql_resolve[] =
    "UPDATE cases SET status = 'resolved', resolved = ?1, resolution = ?2, updated = ?3, "
    "watch = NULL WHERE id = ?4 AND status = 'open'";
static const char sql_touch[] = "UPDATE cases SET updated = ? WHERE id = ?";
static const char sql_close[] =
    "UPDATE cases SET status = 'closed', closed = ?1, updated = ?2 WHERE id = ?3";

/* Nobody can be called back about a case without a phone: the policy decides. */
static int
anonymous(struct run *r, const struct report *p, const char **status, mi_err *e)
{
	sqlite3_stmt *st;

	if (!r->anon_close) {
		r->stats->review++;
		return event(r->c, p->id, "review", reason_json("anonymous"), e);
	}
	if ((st = mi_stmt(r->c, sql_close, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->at);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, p->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_close, e);
	r->stats->closed++;
	*status = "closed";
	return event(r->c, p->id, "close", reason_json("anonymous"), e);
}

static void
keep_done(struct run *r, const struct report *p, int64_t unit, const char *status)
{
	struct done *d;

	if (r->ndone == r->capdone) {
		r->capdone = r->capdone ? r->capdone * 2 : 64;
		r->done = mi_xrealloc(r->done, r->capdone * sizeof(*r->done));
	}
	d = &r->done[r->ndone++];
	d->note = p->note ? mi_xstrdup(p->note) : NULL;
	d->res.id = p->id;
	d->res.status = status;
	d->res.unit_code = mi_gaz_code_or(r->g, unit, "");
	d->res.unit_name = mi_gaz_name(r->g, unit);
	d->res.at = p->at;
	d->res.note = d->note;
}

static int
write_report(struct run *r, const struct report *p, const mi_case_state *k, mi_err *e)
{
	sqlite3_stmt *st;
	const char *status = r->o->progress ? "open" : "resolved";

	if (r->o->progress) {
		if ((st = mi_stmt(r->c, sql_touch, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, r->c->now);
		sqlite3_bind_int64(st, 2, p->id);
	} else {
		if ((st = mi_stmt(r->c, sql_resolve, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, p->at);
		sqlite3_bind_text(st, 2, p->note, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, r->c->now);
		sqlite3_bind_int64(st, 4, p->id);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, r->o->progress ? sql_touch : sql_resolve, e);
	if (event(r->c, p->id, r->o->progress ? "progress" : "resolve", details(r, p, k), e) < 0)
		return -1;
	if (r->o->progress)
		r->stats->progress++;
	else
		r->stats->resolved++;
	if (!r->o->progress && k->anonymous && anonymous(r, p, &status, e) < 0)
		return -1;
	keep_done(r, p, k->resp, status);
	return 0;
}

static const char sql_void[] =
    "UPDATE cases SET status = 'void', void_reason = ?1, updated = ?2, watch = NULL "
    "WHERE id = ?3 AND status <> 'void'";

/* A duplicate or invalid case leaves every worklist, whatever its state;
 * the event keeps the state it left and why. */
static int
write_void(struct run *r, const struct report *p, const mi_case_state *k, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_void, e);
	cJSON *d;
	char *s;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, p->note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, p->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_void, e);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "reason", p->note);
	cJSON_AddStringToObject(d, "from", k->status);
	if (k->resp > 0)
		cJSON_AddStringToObject(d, "unit", mi_gaz_code_or(r->g, k->resp, ""));
	if (r->o->dup_of > 0)
		cJSON_AddNumberToObject(d, "duplicate_of", (double)r->o->dup_of);
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	if (event(r->c, p->id, "void", s, e) < 0)
		return -1;
	r->stats->voided++;
	keep_done(r, p, k->resp, "void");
	return 0;
}

static const char sql_void_from[] =
    "SELECT coalesce(json_extract(details, '$.from'), 'new') FROM events "
    "WHERE case_id = ? AND (kind = 'void' OR kind = 'undo') ORDER BY id DESC LIMIT 1";
/* An open case is under supervision again from now. */
static const char sql_unvoid[] =
    "UPDATE cases SET status = ?1, void_reason = NULL, updated = ?2, "
    "watch = CASE WHEN ?1 = 'open' THEN ?2 END WHERE id = ?3 AND status = 'void'";

/* The state a void case left, as its latest void event says; "new" when
 * none says (voided before the event kept it). */
static int
void_from(mi_ctx *c, int64_t id, char *out, size_t nout, mi_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = mi_row_by_id(c, sql_void_from, id, &st, e)) < 0)
		return -1;
	snprintf(out, nout, "%s", rc ? (const char *)sqlite3_column_text(st, 0) : "new");
	if (rc)
		sqlite3_reset(st);
	if (strcmp(out, "open") != 0 && strcmp(out, "resolved") != 0 &&
	    strcmp(out, "closed") != 0)
		snprintf(out, nout, "new");
	return 0;
}

/* A case voided in error returns to the state it left. */
static int
write_unvoid(struct run *r, const struct report *p, const mi_case_state *k, mi_err *e)
{
	sqlite3_stmt *st;
	char to[16];
	cJSON *d;
	char *s;

	if (void_from(r->c, p->id, to, sizeof(to), e) < 0)
		return -1;
	if ((st = mi_stmt(r->c, sql_unvoid, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, p->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_unvoid, e);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "reason", p->note);
	cJSON_AddStringToObject(d, "to", to);
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	if (event(r->c, p->id, "unvoid", s, e) < 0)
		return -1;
	r->stats->unvoided++;
	keep_done(r, p, k->resp, strcmp(to, "open") == 0 ? "open" : strcmp(to, "resolved") == 0 ?
	    "resolved" : strcmp(to, "closed") == 0 ? "closed" : "new");
	return 0;
}

/* ---- sign, return, extend ---- */

static int
acting(const mi_resolve_opts *o)
{
	return o->signing || o->returning || o->extend_days > 0;
}

static const char sql_sign[] =
    "UPDATE cases SET signed = ?1, updated = ?2 WHERE id = ?3 AND status = 'open' "
    "AND signed IS NULL";
static const char sql_return_row[] =
    "INSERT INTO returns(case_id, unit_id, rule, at, note) "
    "SELECT id, resp_id, rule, ?2, ?3 FROM cases WHERE id = ?1";
/* Back to what route picks up: a new case with no deadline; the unit that
 * sent it back never handled it, so it is not its first handler. */
static const char sql_return[] =
    "UPDATE cases SET status = 'new', tier = NULL, resp_id = NULL, contact_id = NULL, "
    "first_id = CASE WHEN first_id = resp_id THEN NULL ELSE first_id END, due = NULL, "
    "colour = NULL, watch = NULL, rule = NULL, sign_due = NULL, signed = NULL, "
    "unsigned_at = NULL, ext_asked = NULL, returns = returns + 1, updated = ?2 "
    "WHERE id = ?1 AND status = 'open'";
static const char sql_rule_of[] = "SELECT rule FROM cases WHERE id = ?";
static const char sql_extend[] =
    "UPDATE cases SET ext_asked = ?1, updated = ?2 WHERE id = ?3 AND status = 'open' "
    "AND ext_asked IS NULL";

static int
step_changed(mi_ctx *c, sqlite3_stmt *st, const char *sql, mi_err *e)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	if (sqlite3_changes(c->db) != 1)
		return mi_err_set(e, MI_EX_SOFTWARE, "the case changed under the run");
	return 0;
}

static cJSON *
act_details(const struct run *r, const struct report *p, const mi_case_state *k)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "unit", mi_gaz_code_or(r->g, k->resp, ""));
	if (p->unit > 0 && p->unit != k->resp)
		cJSON_AddStringToObject(d, "by", mi_gaz_code_or(r->g, p->unit, ""));
	if (r->file) {
		cJSON_AddStringToObject(d, "source", r->file);
		cJSON_AddNumberToObject(d, "line", (double)p->line);
	}
	return d;
}

static int
act_event(struct run *r, int64_t id, const char *kind, cJSON *d, mi_err *e)
{
	char *s = cJSON_PrintUnformatted(d);

	cJSON_Delete(d);
	return event(r->c, id, kind, s, e);
}

static int
write_sign(struct run *r, const struct report *p, const mi_case_state *k, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_sign, e);
	cJSON *d;
	char t[24];

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->at);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, p->id);
	if (step_changed(r->c, st, sql_sign, e) < 0)
		return -1;
	d = act_details(r, p, k);
	cJSON_AddStringToObject(d, "signed", mi_time_format(p->at, t, sizeof(t)));
	cJSON_AddBoolToObject(d, "on_time", p->at <= k->sign_due);
	if (p->note)
		cJSON_AddStringToObject(d, "note", p->note);
	if (act_event(r, p->id, "sign", d, e) < 0)
		return -1;
	r->stats->signed_++;
	keep_done(r, p, k->resp, "open");
	return 0;
}

static int
write_return(struct run *r, const struct report *p, const mi_case_state *k, mi_err *e)
{
	sqlite3_stmt *st;
	cJSON *d = act_details(r, p, k);
	int rc;

	if ((rc = mi_row_by_id(r->c, sql_rule_of, p->id, &st, e)) < 0) {
		cJSON_Delete(d);
		return -1;
	}
	if (rc && sqlite3_column_type(st, 0) != SQLITE_NULL)
		cJSON_AddStringToObject(d, "rule", (const char *)sqlite3_column_text(st, 0));
	if (rc)
		sqlite3_reset(st);
	cJSON_AddStringToObject(d, "reason", p->note);
	if (k->first == k->resp)
		cJSON_AddBoolToObject(d, "first_cleared", 1);
	if ((st = mi_stmt(r->c, sql_return_row, e)) == NULL) {
		cJSON_Delete(d);
		return -1;
	}
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_int64(st, 2, p->at);
	sqlite3_bind_text(st, 3, p->note, -1, SQLITE_TRANSIENT);
	if (step_changed(r->c, st, sql_return_row, e) < 0 ||
	    (st = mi_stmt(r->c, sql_return, e)) == NULL) {
		cJSON_Delete(d);
		return -1;
	}
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_int64(st, 2, r->c->now);
	if (step_changed(r->c, st, sql_return, e) < 0) {
		cJSON_Delete(d);
		return -1;
	}
	if (act_event(r, p->id, "return", d, e) < 0)
		return -1;
	r->stats->returned++;
	keep_done(r, p, k->resp, "new");
	return 0;
}

static int
write_extend(struct run *r, const struct report *p, const mi_case_state *k, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_extend, e);
	cJSON *d;

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, r->o->extend_days);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, p->id);
	if (step_changed(r->c, st, sql_extend, e) < 0)
		return -1;
	d = act_details(r, p, k);
	cJSON_AddNumberToObject(d, "days", r->o->extend_days);
	cJSON_AddStringToObject(d, "reason", p->note);
	if (act_event(r, p->id, "extend", d, e) < 0)
		return -1;
	r->stats->extended++;
	keep_done(r, p, k->resp, "open");
	return 0;
}

/* Why the unit cannot sign, return or extend the open case, or NULL. */
static const char *
cannot_act(const struct run *r, const struct report *p, const mi_case_state *k, char *why,
    size_t nwhy)
{
	char t[24];

	if (k->sign_due == 0 && (r->o->signing || r->o->returning)) {
		snprintf(why, nwhy, _("case %lld is with the centre for triage: route it first"),
		    (long long)p->id);
		return why;
	}
	if (r->o->signing && k->signed_at > 0) {
		snprintf(why, nwhy, _("case %lld was signed for already (%s)"), (long long)p->id,
		    mi_time_format(k->signed_at, t, sizeof(t)));
		return why;
	}
	if (r->o->extend_days > 0 && k->ext_asked > 0) {
		snprintf(why, nwhy, _("case %lld has an extension of %d working days pending "
		    "already"), (long long)p->id, k->ext_asked);
		return why;
	}
	return NULL;
}

/* MI_ROW_APPLIED, MI_ROW_KNOWN or MI_ROW_REFUSED (why set); -1 on an error. */
static int
apply(struct run *r, const struct report *p, char *why, size_t nwhy, mi_err *e)
{
	mi_case_state k;
	char t[24], t2[24];
	int rc;

	if ((rc = mi_case_state_load(r->c, p->id, &k, e)) <= 0) {
		snprintf(why, nwhy, "no case %lld", (long long)p->id);
		return rc < 0 ? -1 : MI_ROW_REFUSED;
	}
	if (r->o->voiding) {
		if (strcmp(k.status, "void") == 0)
			return MI_ROW_KNOWN;
		if (r->o->dup_of == p->id) {
			snprintf(why, nwhy, "case %lld cannot be a duplicate of itself",
			    (long long)p->id);
			return MI_ROW_REFUSED;
		}
		return write_void(r, p, &k, e) < 0 ? -1 : MI_ROW_APPLIED;
	}
	if (r->o->unvoiding) {
		if (strcmp(k.status, "void") != 0) {
			snprintf(why, nwhy, "case %lld is %s, not void", (long long)p->id, k.status);
			return MI_ROW_REFUSED;
		}
		return write_unvoid(r, p, &k, e) < 0 ? -1 : MI_ROW_APPLIED;
	}
	if (!r->o->progress && !acting(r->o) && (rc = known(r->c, p->id, p->note, e)) != 0)
		return rc < 0 ? -1 : MI_ROW_KNOWN;
	if (not_open(p->id, &k, why, nwhy))
		return MI_ROW_REFUSED;
	if (p->unit > 0 && p->unit != k.resp && p->unit != k.first) {
		snprintf(why, nwhy, _("unit '%.60s' is not responsible for case %lld (%s %s is)"),
		    p->unit_as, (long long)p->id, mi_gaz_code_or(r->g, k.resp, ""),
		    k.resp > 0 && mi_gaz_name(r->g, k.resp) ? mi_gaz_name(r->g, k.resp) : "");
		return MI_ROW_REFUSED;
	}
	if (p->at < k.routed) {
		snprintf(why, nwhy, _("time %s is before case %lld was routed (%s)"),
		    mi_time_format(p->at, t, sizeof(t)), (long long)p->id,
		    mi_time_format(k.routed, t2, sizeof(t2)));
		return MI_ROW_REFUSED;
	}
	if (acting(r->o)) {
		/* a sign sheet read again: the same signature is no news */
		if (r->o->signing && r->file && k.signed_at > 0 && k.signed_at == p->at)
			return MI_ROW_KNOWN;
		if (cannot_act(r, p, &k, why, nwhy))
			return MI_ROW_REFUSED;
		rc = r->o->signing ? write_sign(r, p, &k, e) : r->o->returning ?
		    write_return(r, p, &k, e) : write_extend(r, p, &k, e);
		return rc < 0 ? -1 : MI_ROW_APPLIED;
	}
	return write_report(r, p, &k, e) < 0 ? -1 : MI_ROW_APPLIED;
}

static int
run_init(void *arg, const char *file, mi_err *e)
{
	struct run *r = arg;
	mi_ctx *c = r->c;
	const mi_resolve_opts *o = r->o;

	r->file = file;
	r->anon_close = strcmp(mi_config_str(c->cfg, "callback.anonymous", "review"), "close") == 0;
	if (mi_gaz_load(c->db, &r->g, e) < 0)
		return -1;
	if (o->unit) {
		r->unit = mi_gaz_unit(r->g, o->unit, -1);
		if (r->unit <= 0)
			return mi_err_set(e, MI_EX_USAGE, "%s unit '%s'", r->unit < 0 ? "ambiguous" :
			    "unknown", o->unit);
	}
	return 0;
}

/* Hands out what was done once it is kept. */
static int
run_finish(void *arg, int rc, mi_err *e)
{
	struct run *r = arg;
	size_t i;

	for (i = 0; i < r->ndone; i++) {
		if (rc == 0 && r->o->done)
			r->o->done(r->o->arg, &r->done[i].res);
		free(r->done[i].note);
	}
	free(r->done);
	mi_gaz_free(r->g);
	(void)e;
	return 0;
}

/* A report on case id: now, by the unit given, with the note given. */
static void
report_init(const struct run *r, struct report *p, int64_t id)
{
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->at = r->c->now;
	p->unit = r->unit;
	p->unit_as = r->o->unit;
	p->note = r->note;
}

static int
given(void *arg, int64_t id, char *why, size_t nwhy, mi_err *e)
{
	struct report p;

	report_init(arg, &p, id);
	return apply(arg, &p, why, nwhy, e);
}

/* ---- a unit's sheet ---- */

enum { F_RESULT, F_TIME, F_UNIT };

/* A row of either sheet, once its cells are picked: the note (or none), the time
 * and the unit (or none) as written; timed says whether the time counts as given. */
static int
sheet_row(struct run *r, const mi_sheet_row *w, const char *note, const char *when, int timed,
    const char *unit, char *why, size_t nwhy, mi_err *e)
{
	struct report p;

	report_init(r, &p, w->id);
	p.line = w->line;
	p.note = note;
	if (p.note && strlen(p.note) > MAX_NOTE) {
		snprintf(why, nwhy, _("result text longer than %d bytes"), MAX_NOTE);
		return MI_ROW_REFUSED;
	}
	if (!mi_sheet_time(r->c, when, &p.at, why, nwhy))
		return MI_ROW_REFUSED;
	p.timed = timed;
	if (unit) {
		p.unit_as = unit;
		p.unit = mi_gaz_unit(r->g, p.unit_as, -1);
		if (p.unit <= 0) {
			snprintf(why, nwhy, _("%s unit '%.60s'"), p.unit < 0 ? _("ambiguous") : _("unknown"),
			    p.unit_as);
			return MI_ROW_REFUSED;
		}
	}
	return apply(r, &p, why, nwhy, e);
}

/* A row of a unit's sheet: the result, and optionally the time handled and the unit. */
static int
import_row(void *arg, const mi_sheet_row *w, char *why, size_t nwhy, mi_err *e)
{
	return sheet_row(arg, w, w->v[F_RESULT], w->v[F_TIME], w->v[F_TIME] != NULL,
	    w->v[F_UNIT], why, nwhy, e);
}

/* ---- a unit's sheet of signatures ---- */

static const char *const signed_cols[] = {
	"signed", "sign_time", "签收时间", "签收日期", "签收", NULL
};
static const char *const remark_cols[] = { "note", "备注", "说明", NULL };
static const char *const sign_unit_cols[] = {
	"unit", "签收单位", "责任单位", "承办单位", "单位", NULL
};

enum { S_TIME, S_UNIT, S_NOTE };

/* A row of a sign sheet: the case, when it was signed for, and optionally
 * the unit and a remark. */
static int
sign_row(void *arg, const mi_sheet_row *w, char *why, size_t nwhy, mi_err *e)
{
	return sheet_row(arg, w, w->v[S_NOTE], w->v[S_TIME], 1, w->v[S_UNIT], why, nwhy, e);
}

static int
run_signs(mi_ctx *c, const char *path, const mi_resolve_opts *o, mi_resolve_stats *stats,
    mi_err *e)
{
	struct run r = { .c = c, .o = o, .stats = stats };
	mi_sheet_spec s = {
		.fields = { signed_cols, sign_unit_cols, remark_cols },
		.what = "the time signed",
		.need = "time signed",
		.start = run_init, .row = sign_row, .id = given, .finish = run_finish,
		.enc = o->enc, .strict = o->strict, .sheet = o->sheet,
		.reject = o->reject, .skip = o->skipped, .cb_arg = o->arg,
		.known = &stats->known, .rejected = &stats->rejected, .skipped = &stats->skipped,
		.empty = &stats->empty, .note = o->note
	};

	return mi_sheet_import(c, path, &s, &r, e);
}

/* ---- both ---- */

/* Resolves the cases of the sheet at path, or else those of ids with note. */
static int
run(mi_ctx *c, const char *path, const mi_idv *ids, const char *note,
    const mi_resolve_opts *o, mi_resolve_stats *stats, mi_err *e)
{
	struct run r = { .c = c, .o = o, .stats = stats, .note = note };
	mi_sheet_spec s = {
		.fields = { result_cols, time_cols, unit_cols },
		.what = "the result",
		.need = "result text",
		.start = run_init, .row = import_row, .id = given, .finish = run_finish,
		.enc = o->enc, .strict = o->strict, .sheet = o->sheet,
		.reject = o->reject, .skip = o->skipped, .cb_arg = o->arg,
		.known = &stats->known, .rejected = &stats->rejected, .skipped = &stats->skipped,
		.empty = &stats->empty, .note = o->note
	};

	if (path)
		return mi_sheet_import(c, path, &s, &r, e);
	return mi_sheet_ids(c, ids, &s, &r, e);
}

int
mi_resolve_cases(mi_ctx *c, const mi_idv *ids, const char *note, const mi_resolve_opts *o,
    mi_resolve_stats *stats, mi_err *e)
{
	mi_case_state k;
	char why[64];
	int rc;

	/* The case kept must be there, and not void itself. */
	if (o->voiding && o->dup_of > 0) {
		if ((rc = mi_case_state_load(c, o->dup_of, &k, e)) < 0)
			return -1;
		if (rc == 0 || strcmp(k.status, "void") == 0)
			return mi_err_set(e, MI_EX_DATAERR, "case %lld %s", (long long)o->dup_of,
			    rc == 0 ? "does not exist" : "is void: name the case kept");
		if (note == NULL) {
			snprintf(why, sizeof(why), "duplicate of case %lld", (long long)o->dup_of);
			return run(c, NULL, ids, why, o, stats, e);
		}
	}
	if (note && strlen(note) > MAX_NOTE)
		return mi_err_set(e, MI_EX_USAGE, "note longer than %d bytes", MAX_NOTE);
	return run(c, NULL, ids, note, o, stats, e);
}

int
mi_resolve_import(mi_ctx *c, const char *path, const mi_resolve_opts *o,
    mi_resolve_stats *stats, mi_err *e)
{
	if (o->signing)
		return run_signs(c, path, o, stats, e);
	return run(c, path, NULL, NULL, o, stats, e);
}
