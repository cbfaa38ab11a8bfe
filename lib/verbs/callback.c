/*
 * callback.c - phone call-backs after handling: the worklist, the outcomes,
 * closing (销号) and reopening, and the dissatisfaction ledger (不满意问题台账).
 *
 * No case is struck off until its resident has been called back: a case
 * stays resolved until a call-back says satisfied, or the policy for those
 * who cannot be called (no phone, or unreachable too often) decides.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

#define MAX_NOTE 20000

static const char *const outcome_cols[] = { "outcome", "回访结果", "满意度", "评价", NULL };
static const char *const note_cols[] = { "note", "回访记录", "回访情况", "备注", NULL };
static const char *const time_cols[] = { "time", "called", "回访时间", "时间", NULL };
static const char *const caller_cols[] = { "caller", "回访人", "回访员", NULL };

/*
 * The start of the day before which a time has `days` working days behind
 * it by now's date: the working days strictly after its date, up to and
 * including today's, number at least `days`. 0 days: anything up to now.
 */
static int64_t
workdays_cutoff(const mi_calendar *cal, int64_t now, int days)
{
	int ymd = mi_ymd_of(now), n = 0, i;

	if (days <= 0)
		return now + 1;
	/* a year has far more working days than the policy allows (365) */
	for (i = 0; i < 3 * 366; i++) {
		if (mi_calendar_is_workday(cal, ymd) && ++n == days)
			break;
		ymd = mi_ymd_add(ymd, -1);
	}
	return mi_time_of_ymd(ymd, 0);
}

/* ---- recording outcomes ---- */

struct run {
	mi_ctx *c;
	const mi_callback_opts *o;
	mi_callback_stats *stats;
	mi_gazetteer *g;
	int max_attempts;
	int after_close;           /* callback.after_attempts is "close" */
	const char *file;
	int outcome;               /* for ids given, the outcome and note given */
	const char *note;
	mi_callback_result *done;  /* handed out once the run is kept */
	size_t ndone, capdone;
};

/* One call: which case, what the resident said, when, and who called. */
struct call {
	int64_t id, at;
	int outcome;
	const char *note;          /* NULL when none */
	const char *caller;        /* NULL: the operator */
	int timed;                 /* the time came from the sheet */
	int staff;                 /* no call: a staff decision reopens a closed case */
	long line;
};


static const char sql_known_at[] =
    "SELECT 1 FROM callbacks WHERE case_id = ? AND outcome = ? AND coalesce(note, '') = ? "
    "AND at = ? LIMIT 1";
static const char sql_known[] =
    "SELECT 1 FROM callbacks WHERE case_id = ? AND outcome = ? AND coalesce(note, '') = ? "
    "LIMIT 1";

/*
 * A call recorded before: the same outcome and note at the same time; or,
 * when the sheet gives no time, the same outcome and note and the case no
 * longer waiting for a call (an unreachable call without a time cannot be
 * told from a new attempt).
 */
static int
known(mi_ctx *c, const struct call *k, const mi_case_state *cs, mi_err *e)
{
	const char *sql = k->timed ? sql_known_at : sql_known;
	sqlite3_stmt *st;
	int rc;

	if (!k->timed && strcmp(cs->status, "resolved") == 0)
		return 0;
	if ((st = mi_stmt(c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, k->id);
	sqlite3_bind_text(st, 2, mi_vocab_name(MI_V_OUTCOME, k->outcome), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, k->note ? k->note : "", -1, SQLITE_TRANSIENT);
	if (k->timed)
		sqlite3_bind_int64(st, 4, k->at);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

static const char sql_insert[] =
    "INSERT INTO callbacks(case_id, at, outcome, note, operator, visit) VALUES (?, ?, ?, ?, ?, ?)";

static int
insert_call(struct run *r, const struct call *k, int attempt, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_insert, e);
	cJSON *d;
	char t[24];

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, k->id);
	sqlite3_bind_int64(st, 2, k->at);
	sqlite3_bind_text(st, 3, mi_vocab_name(MI_V_OUTCOME, k->outcome), -1, SQLITE_STATIC);
	if (k->note)
		sqlite3_bind_text(st, 4, k->note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, k->caller ? k->caller : r->c->op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 6, r->o->visit);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_insert, e);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "outcome", mi_vocab_name(MI_V_OUTCOME, k->outcome));
	if (k->note)
		cJSON_AddStringToObject(d, "note", k->note);
	cJSON_AddNumberToObject(d, "attempt", attempt);
	if (k->timed)
		cJSON_AddStringToObject(d, "called", mi_time_format(k->at, t, sizeof(t)));
	if (k->caller)
		cJSON_AddStringToObject(d, "caller", k->caller);
	if (r->o->visit)
		cJSON_AddBoolToObject(d, "visit", 1);
	if (r->file) {
		cJSON_AddStringToObject(d, "source", r->file);
		cJSON_AddNumberToObject(d, "line", (double)k->line);
	}
	return mi_event_json(r->c, k->id, "callback", d, e);
}

static const char sql_close[] =
    "UPDATE cases SET status = 'closed', closed = ?1, attempts = ?2, updated = ?3 "
    "WHERE id = ?4";
static const char sql_attempt[] = "UPDATE cases SET attempts = ?1, updated = ?2 WHERE id = ?3";
/* Back to the same unit (the first handler is not touched), under supervision again now. */
static const char sql_reopen[] =
    "UPDATE cases SET status = 'open', due = ?1, reopens = reopens + 1, attempts = 0, "
    "colour = NULL, watch = ?2, resolved = NULL, closed = NULL, updated = ?2 WHERE id = ?3";

static int
close_case(struct run *r, const struct call *k, int attempts, const char *reason, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_close, e);
	cJSON *d;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, k->at);
	sqlite3_bind_int(st, 2, attempts);
	sqlite3_bind_int64(st, 3, r->c->now);
	sqlite3_bind_int64(st, 4, k->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_close, e);
	r->stats->closed++;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "reason", reason);
	if (strcmp(reason, "unreachable") == 0)
		cJSON_AddNumberToObject(d, "attempts", attempts);
	return mi_event_json(r->c, k->id, "close", d, e);
}

/* Back to the responsible unit with a new deadline: after a dissatisfied
 * call-back, or by a staff decision (k->staff) on a closed case, for a 销号
 * made in error or a resident who calls again. */
static int
reopen(struct run *r, const struct call *k, const mi_case_state *cs, int64_t *due, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_reopen, e);
	char key[64], t[24];
	int days;
	cJSON *d;

	if (st == NULL)
		return -1;
	snprintf(key, sizeof(key), "tiers.%s.days", cs->tier);
	days = mi_config_int(r->c->cfg, key, 5);
	*due = mi_calendar_add_workdays(mi_config_calendar(r->c->cfg), r->c->now, days);
	sqlite3_bind_int64(st, 1, *due);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, k->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_reopen, e);
	r->stats->reopened++;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "unit", mi_gaz_code_or(r->g, cs->resp, ""));
	cJSON_AddStringToObject(d, "due", mi_time_format(*due, t, sizeof(t)));
	cJSON_AddNumberToObject(d, "days", days);
	cJSON_AddNumberToObject(d, "reopens", cs->reopens + 1);
	if (k->staff) {
		cJSON_AddStringToObject(d, "by", "staff");
		cJSON_AddStringToObject(d, "reason", k->note);
		cJSON_AddStringToObject(d, "from", cs->status);
	}
	return mi_event_json(r->c, k->id, "reopen", d, e);
}

/* Another unreachable call: below the maximum it waits for the next
 * attempt; at the maximum the policy closes it or leaves it for review. */
static int
unreachable(struct run *r, const struct call *k, int attempts, const char **status, mi_err *e)
{
	sqlite3_stmt *st;
	cJSON *d;

	if (attempts >= r->max_attempts && r->after_close) {
		*status = "closed";
		return close_case(r, k, attempts, "unreachable", e);
	}
	if ((st = mi_stmt(r->c, sql_attempt, e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, attempts);
	sqlite3_bind_int64(st, 2, r->c->now);
	sqlite3_bind_int64(st, 3, k->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_attempt, e);
	if (attempts < r->max_attempts)
		return 0;
	r->stats->review++;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "reason", "unreachable");
	cJSON_AddNumberToObject(d, "attempts", attempts);
	return mi_event_json(r->c, k->id, "review", d, e);
}

static void
keep_done(struct run *r, const mi_callback_result *d)
{
	if (r->ndone == r->capdone) {
		r->capdone = r->capdone ? r->capdone * 2 : 64;
		r->done = mi_xrealloc(r->done, r->capdone * sizeof(*r->done));
	}
	r->done[r->ndone++] = *d;
}

static int
write_call(struct run *r, const struct call *k, const mi_case_state *cs, mi_err *e)
{
	mi_callback_result d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.id = k->id;
	d.unit_code = mi_gaz_code_or(r->g, cs->resp, "");
	d.unit_name = mi_gaz_name(r->g, cs->resp);
	d.outcome = k->outcome;
	d.attempts = cs->attempts + 1;
	d.reopens = cs->reopens;
	d.status = "resolved";
	if (insert_call(r, k, d.attempts, e) < 0)
		return -1;
	r->stats->recorded++;
	r->stats->outcomes[k->outcome]++;
	switch (k->outcome) {
	case MI_CB_SATISFIED:
	case MI_CB_BASIC:
		d.status = "closed";
		rc = close_case(r, k, d.attempts, mi_vocab_name(MI_V_OUTCOME, k->outcome), e);
		break;
	case MI_CB_DISSATISFIED:
		d.status = "open";
		d.reopens++;
		rc = reopen(r, k, cs, &d.due, e);
		d.attempts = 0;
		break;
	default:
		rc = unreachable(r, k, d.attempts, &d.status, e);
	}
	if (rc == 0)
		keep_done(r, &d);
	return rc;
}

/* A closed case reopened by a staff decision: it counts as a reopening. */
static int
staff_reopen(struct run *r, const struct call *k, const mi_case_state *cs, char *why,
    size_t nwhy, mi_err *e)
{
	mi_callback_result d;

	if (strcmp(cs->status, "closed") != 0) {
		snprintf(why, nwhy, "case %lld is %s, not closed: only a closed case is reopened",
		    (long long)k->id, cs->status);
		return MI_ROW_REFUSED;
	}
	memset(&d, 0, sizeof(d));
	d.id = k->id;
	d.outcome = -1;
	d.unit_code = mi_gaz_code_or(r->g, cs->resp, "");
	d.unit_name = mi_gaz_name(r->g, cs->resp);
	d.status = "open";
	d.reopens = cs->reopens + 1;
	if (reopen(r, k, cs, &d.due, e) < 0)
		return -1;
	keep_done(r, &d);
	return MI_ROW_APPLIED;
}

/* MI_ROW_APPLIED, MI_ROW_KNOWN or MI_ROW_REFUSED (why set); -1 on an error. */
static int
apply(struct run *r, const struct call *k, char *why, size_t nwhy, mi_err *e)
{
	mi_case_state cs;
	char t[24];
	int rc;

	if ((rc = mi_case_state_load(r->c, k->id, &cs, e)) <= 0) {
		snprintf(why, nwhy, _("no case %lld"), (long long)k->id);
		return rc < 0 ? -1 : MI_ROW_REFUSED;
	}
	if (k->staff)
		return staff_reopen(r, k, &cs, why, nwhy, e);
	if ((rc = known(r->c, k, &cs, e)) != 0)
		return rc < 0 ? -1 : MI_ROW_KNOWN;
	if (strcmp(cs.status, "resolved") != 0) {
		snprintf(why, nwhy, _("case %lld is %s, not resolved: nothing to call back about"),
		    (long long)k->id, cs.status);
		return MI_ROW_REFUSED;
	}
	if (k->at < cs.resolved) {
		snprintf(why, nwhy, _("call-back time is before case %lld was resolved (%s)"),
		    (long long)k->id, mi_time_format(cs.resolved, t, sizeof(t)));
		return MI_ROW_REFUSED;
	}
	return write_call(r, k, &cs, e) < 0 ? -1 : MI_ROW_APPLIED;
}

static int
run_init(void *arg, const char *file, mi_err *e)
{
	struct run *r = arg;

	r->file = file;
	r->max_attempts = mi_config_int(r->c->cfg, "callback.max_attempts", 3);
	r->after_close = strcmp(mi_config_str(r->c->cfg, "callback.after_attempts", "review"),
	    "close") == 0;
	return mi_gaz_load(r->c->db, &r->g, e);
}

/* Hands out what was done once it is kept. */
static int
run_finish(void *arg, int rc, mi_err *e)
{
	struct run *r = arg;
	size_t i;

	for (i = 0; i < r->ndone && rc == 0 && r->o->done; i++)
		r->o->done(r->o->arg, &r->done[i]);
	free(r->done);
	mi_gaz_free(r->g);
	(void)e;
	return 0;
}

/* A case given by id: the outcome and note given, now. */
static int
given(void *arg, int64_t id, char *why, size_t nwhy, mi_err *e)
{
	struct run *r = arg;
	struct call k;

	memset(&k, 0, sizeof(k));
	k.id = id;
	k.at = r->c->now;
	k.outcome = r->outcome;
	k.note = r->note && *r->note ? r->note : NULL;
	k.staff = r->o->reopening;
	return apply(r, &k, why, nwhy, e);
}

/* ---- the callers' sheet ---- */

enum { F_OUTCOME, F_NOTE, F_TIME, F_CALLER };

/* A row of the callers' sheet: the outcome, and optionally a note, the time
 * and who called. */
static int
import_row(void *arg, const mi_sheet_row *w, char *why, size_t nwhy, mi_err *e)
{
	struct run *r = arg;
	struct call k;

	memset(&k, 0, sizeof(k));
	k.id = w->id;
	k.line = w->line;
	if ((k.outcome = mi_vocab_parse(MI_V_OUTCOME, w->v[F_OUTCOME])) < 0) {
		snprintf(why, nwhy, _("unknown outcome '%.40s' (expected satisfied, basic, "
		    "dissatisfied or unreachable, or 满意, 基本满意, 不满意, 未接通)"), w->v[F_OUTCOME]);
		return MI_ROW_REFUSED;
	}
	if ((k.note = w->v[F_NOTE]) && strlen(k.note) > MAX_NOTE) {
		snprintf(why, nwhy, "note longer than %d bytes", MAX_NOTE);
		return MI_ROW_REFUSED;
	}
	k.caller = w->v[F_CALLER];
	if (!mi_sheet_time(r->c, w->v[F_TIME], &k.at, why, nwhy))
		return MI_ROW_REFUSED;
	k.timed = w->v[F_TIME] != NULL;
	return apply(r, &k, why, nwhy, e);
}

/* ---- both ---- */

/* Records the outcomes of the sheet at path, or else outcome and note for ids. */
static int
run(mi_ctx *c, const char *path, const mi_idv *ids, int outcome, const char *note,
    const mi_callback_opts *o, mi_callback_stats *stats, mi_err *e)
{
	struct run r = { .c = c, .o = o, .stats = stats, .outcome = outcome, .note = note };
	mi_sheet_spec s = {
		.fields = { outcome_cols, note_cols, time_cols, caller_cols },
		/* rows nobody has called yet come back with these left blank */
		.nblank = 3,
		.what = "the outcome",
		.need = "outcome",
		.start = run_init, .row = import_row, .id = given, .finish = run_finish,
		.enc = o->enc, .strict = o->strict, .sheet = o->sheet,
		.reject = o->reject, .skip = o->skipped, .cb_arg = o->arg,
		.known = &stats->known, .blank = &stats->blank,
		.rejected = &stats->rejected, .skipped = &stats->skipped,
		.empty = &stats->empty, .note = o->note
	};

	if (path)
		return mi_sheet_import(c, path, &s, &r, e);
	return mi_sheet_ids(c, ids, &s, &r, e);
}

int
mi_callback_record(mi_ctx *c, const mi_idv *ids, int outcome, const char *note,
    const mi_callback_opts *o, mi_callback_stats *stats, mi_err *e)
{
	if ((outcome < 0 || outcome >= MI_CB_N) && !o->reopening)
		return mi_err_set(e, MI_EX_USAGE, "unknown outcome");
	if (o->reopening && (note == NULL || *note == '\0'))
		return mi_err_set(e, MI_EX_USAGE, "a reopening needs --note REASON");
	if (note && strlen(note) > MAX_NOTE)
		return mi_err_set(e, MI_EX_USAGE, "note longer than %d bytes", MAX_NOTE);
	return run(c, NULL, ids, outcome, note, o, stats, e);
}

int
mi_callback_import(mi_ctx *c, const char *path, const mi_callback_opts *o,
    mi_callback_stats *stats, mi_err *e)
{
	return run(c, path, NULL, 0, NULL, o, stats, e);
}

/* ---- lists ---- */

static const struct mi_col work_cols[] = {
	{ "id", MI_COL_INT | MI_COL_ID }, { "channel", MI_COL_STR }, { "ref", MI_COL_ID },
	{ "resolved", MI_COL_TIME }, { "attempts", MI_COL_INT }, { "last_attempt", MI_COL_TIME },
	{ "reporter", MI_COL_NAME }, { "phone", MI_COL_PHONE }, { "unit", MI_COL_STR },
	{ "unit_name", MI_COL_STR }, { "category", MI_COL_STR }, { "text", MI_COL_TEXT },
	{ "resolution", MI_COL_TEXT }, { "reopens", MI_COL_INT }, { NULL, 0 }
};
/* The columns the callers fill in, and the review list's reason. */
static const char *const fill_cols[] = { "outcome", "note", "caller", "time" };

#define WORK_SELECT \
    "SELECT c.id, c.channel, c.ref, c.resolved, c.attempts, " \
    "CASE WHEN c.attempts > 0 THEN (SELECT max(k.at) FROM callbacks k " \
    "WHERE k.case_id = c.id) END, c.reporter, c.phone, u.code, u.name, c.category, c.text, " \
    "c.resolution, c.reopens, " \
    "CASE WHEN coalesce(c.phone, '') = '' THEN 'anonymous' ELSE 'unreachable' END " \
    "FROM cases c LEFT JOIN units u ON u.id = c.resp_id WHERE c.status = 'resolved' "

/* Resolved long enough ago, with a phone to call, not yet called this round
 * or unreachable long enough ago, and attempts left. */
static const char sql_due[] = WORK_SELECT
    "AND coalesce(c.phone, '') <> '' AND c.resolved < ?1 AND c.attempts < ?2 "
    "AND (c.attempts = 0 OR (SELECT max(k.at) FROM callbacks k WHERE k.case_id = c.id) < ?3) "
    "ORDER BY c.resolved, c.id";
/* Nobody to call, or nobody answered often enough: the centre decides. */
static const char sql_review[] = WORK_SELECT
    "AND (coalesce(c.phone, '') = '' OR c.attempts >= ?2) ORDER BY c.resolved, c.id";

/* Resolved with a phone and attempts left: those the phone rules cannot
 * read are added to the review list. */
static const char sql_phoned[] = WORK_SELECT
    "AND coalesce(c.phone, '') <> '' AND c.attempts < ?2 ORDER BY c.resolved, c.id";

/* review: 0 the worklist, 1 the review list, 2 its cases of unreadable phones
 * (the columns already set). */
static int
work_list(mi_ctx *c, const char *sql, int review, mi_out *out, mi_idv *shown, mi_err *e)
{
	const char *outcomes[MI_CB_N + 1];
	const mi_calendar *cal = mi_config_calendar(c->cfg);
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	const char *v[MI_ARRAY_LEN(work_cols) + 4];
	char t[2][24];
	size_t i, n;
	int rc;

	if (st == NULL)
		return -1;
	if (!review) {
		sqlite3_bind_int64(st, 1, workdays_cutoff(cal, c->now,
		    mi_config_int(c->cfg, "callback.delay_days", 1)));
		sqlite3_bind_int64(st, 3, workdays_cutoff(cal, c->now,
		    mi_config_int(c->cfg, "callback.retry_days", 1)));
	}
	sqlite3_bind_int(st, 2, mi_config_int(c->cfg, "callback.max_attempts", 3));
	if (review == 1)
		mi_out_col(out, "reason", MI_COL_STR);
	n = review == 2 ? MI_ARRAY_LEN(work_cols) - 1 : (size_t)mi_out_cols(out, work_cols);
	for (i = 0; !review && i < MI_ARRAY_LEN(fill_cols); i++)
		mi_out_col(out, fill_cols[i], MI_COL_STR);
	/* A workbook offers the outcomes in the callers' words (--import
	 * takes them as it takes the English), and only those. */
	for (i = 0; i < MI_CB_N; i++)
		outcomes[i] = mi_vocab_zh(MI_V_OUTCOME, (int)i);
	outcomes[MI_CB_N] = NULL;
	if (!review)
		mi_out_list(out, n, outcomes);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char **row = review ? v + 1 : v;
		char phone[32];

		if (review == 2 && mi_phone_norm((const char *)sqlite3_column_text(st, 7), phone,
		    sizeof(phone)) == 0)
			continue;
		for (i = 0; i < n; i++)
			row[i] = (const char *)sqlite3_column_text(st, (int)i);
		row[3] = mi_time_format(sqlite3_column_int64(st, 3), t[0], sizeof(t[0]));
		if (row[5])
			row[5] = mi_time_format(sqlite3_column_int64(st, 5), t[1], sizeof(t[1]));
		if (review)
			v[0] = review == 2 ? "unreadable" : (const char *)sqlite3_column_text(st, (int)n);
		else
			for (i = 0; i < MI_ARRAY_LEN(fill_cols); i++)
				v[n + i] = NULL;
		mi_out_row(out, v);
		if (shown)
			mi_idv_push(shown, sqlite3_column_int64(st, 0));
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

int
mi_callback_due(mi_ctx *c, mi_out *out, mi_idv *shown, mi_err *e)
{
	return work_list(c, sql_due, 0, out, shown, e);
}

int
mi_callback_review(mi_ctx *c, mi_out *out, mi_idv *shown, mi_err *e)
{
	if (work_list(c, sql_review, 1, out, shown, e) < 0)
		return -1;
	return work_list(c, sql_phoned, 2, out, shown, e);
}

static const char sql_ledger[] =
    "SELECT c.id, u.code, u.name, f.code, c.reopens, c.status, c.colour, c.due, c.category, "
    "c.text, c.resolution, "
    "(SELECT count(*) FROM callbacks k WHERE k.case_id = c.id AND k.outcome = 'dissatisfied'), "
    "(SELECT group_concat(d, '；') FROM (SELECT strftime('%Y-%m-%d', k.at, 'unixepoch', "
    "'localtime') || CASE WHEN coalesce(k.note, '') <> '' THEN ' ' || k.note ELSE '' END AS d "
    "FROM callbacks k WHERE k.case_id = c.id AND k.outcome = 'dissatisfied' "
    "ORDER BY k.at, k.id)) "
    "FROM cases c LEFT JOIN units u ON u.id = c.resp_id LEFT JOIN units f ON f.id = c.first_id "
    "WHERE c.reopens > 0 OR c.id IN (SELECT case_id FROM callbacks WHERE outcome = 'dissatisfied') "
    "ORDER BY c.id";

static const struct mi_col ledger_cols[] = {
	{ "id", MI_COL_INT | MI_COL_ID }, { "unit", MI_COL_STR }, { "unit_name", MI_COL_STR },
	{ "first_unit", MI_COL_STR }, { "reopens", MI_COL_INT }, { "status", MI_COL_STR },
	{ "colour", MI_COL_STR }, { "due", MI_COL_TIME }, { "category", MI_COL_STR },
	{ "text", MI_COL_TEXT }, { "resolution", MI_COL_TEXT }, { "dissatisfied", MI_COL_INT },
	{ "notes", MI_COL_TEXT }, { NULL, 0 }
};

int
mi_callback_ledger(mi_ctx *c, mi_out *out, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_ledger, e);
	const char *v[MI_ARRAY_LEN(ledger_cols)];
	char t[24];
	int rc, i, n;

	if (st == NULL)
		return -1;
	n = mi_out_cols(out, ledger_cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		/* only an open case has a deadline that still counts */
		if (v[7] && strcmp(v[5], "open") == 0)
			v[7] = mi_time_format(sqlite3_column_int64(st, 7), t, sizeof(t));
		else
			v[7] = NULL;
		mi_out_row(out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_ledger, e);
}
