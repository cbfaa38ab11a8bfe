/* ledger.c - listing, counting and showing cases. */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

/* A query assembled from fixed fragments; every value is bound. */
struct query {
	mi_buf sql;
	struct {
		const char *s;
		int64_t i;
		int is_int;
	} arg[24];
	int n;
};

static void
arg_str(struct query *q, const char *frag, const char *s)
{
	mi_buf_puts(&q->sql, frag);
	q->arg[q->n].s = s;
	q->arg[q->n].is_int = 0;
	q->n++;
}

static void
arg_int(struct query *q, const char *frag, int64_t i)
{
	mi_buf_puts(&q->sql, frag);
	q->arg[q->n].i = i;
	q->arg[q->n].is_int = 1;
	q->n++;
}

static int
resolve(const mi_gazetteer *g, int kind, const char *name, const char *what, int64_t *id,
    mi_err *e)
{
	*id = mi_gaz_find(g, kind, name, 0);
	if (*id == 0 && kind < 0) {
		int k;

		for (k = 0; k < MI_U_NKINDS && *id == 0; k++)
			*id = mi_gaz_find(g, k, name, 0);
	}
	if (*id <= 0)
		return mi_err_set(e, MI_EX_USAGE, *id < 0 ? "ambiguous %s '%s'" : N_("unknown %s '%s'"),
		    gettext(what), name);
	return 0;
}

/*
 * A vocabulary's value as the filter gives it, English or Chinese (县级会商办,
 * 已办结, 12345): its English name, the one the database holds. An unknown one
 * is refused with every accepted value named.
 */
static int
vocab_arg(int vocab, const char *s, const char *fmt, int *value, mi_err *e)
{
	mi_buf b = MI_BUF_INIT;
	int rc;

	if (*s != '\0' && (*value = mi_vocab_parse(vocab, s)) >= 0)
		return 0;
	mi_vocab_list(vocab, &b);
	rc = mi_err_set(e, MI_EX_USAGE, fmt, s, mi_buf_str(&b));
	mi_buf_release(&b);
	return rc;
}

static int
where(mi_ctx *c, const mi_filter *f, struct query *q, mi_err *e)
{
	mi_gazetteer *g = NULL;
	int64_t id;
	int v, rc = -1;

	mi_buf_puts(&q->sql, " WHERE 1");
	if (f->status) {
		if (vocab_arg(MI_V_STATUS, f->status, N_("unknown status '%s' (expected one of %s)"),
		    &v, e) < 0)
			return -1;
		arg_str(q, " AND c.status = ?", mi_vocab_name(MI_V_STATUS, v));
	}
	if (f->tier) {
		if (vocab_arg(MI_V_TIER, f->tier, N_("unknown tier '%s' (expected one of %s)"),
		    &v, e) < 0)
			return -1;
		arg_str(q, " AND c.tier = ?", mi_vocab_name(MI_V_TIER, v));
	}
	if (f->colour) {
		if (vocab_arg(MI_V_COLOUR, f->colour, N_("unknown colour '%s' (expected one of %s)"),
		    &v, e) < 0)
			return -1;
		if (v == MI_COLOUR_NONE)
			mi_buf_puts(&q->sql, " AND c.colour IS NULL");
		else
			arg_str(q, " AND c.colour = ?", mi_vocab_name(MI_V_COLOUR, v));
	}
	if (f->channel) {
		if (vocab_arg(MI_V_CHANNEL, f->channel,
		    N_("unknown channel '%s' (expected one of %s, or another name intake takes)"),
		    &v, e) < 0)
			return -1;
		arg_str(q, " AND c.channel = ?", mi_vocab_name(MI_V_CHANNEL, v));
	}
	if (f->category)
		arg_str(q, " AND c.category = ?", f->category);
	/* The name the sheet gave, or the person it was found to be. */
	if (f->collector) {
		arg_str(q, " AND (c.collector = ?", f->collector);
		arg_str(q, " OR c.collector_id IN (SELECT id FROM people WHERE name = ?))",
		    f->collector);
	}
	if (f->team) {
		if (mi_team_arg(c, f->team, &id, e) < 0)
			return -1;
		arg_int(q, " AND c.team_id = ?", id);
	}
	if (f->platform) {
		if ((id = mi_platform_find(c, f->platform, NULL, 0, e)) < 0)
			return -1;
		if (id == 0)
			return mi_err_set(e, MI_EX_USAGE, "unknown platform '%s' (expected the code or "
			    "the name of one platform: see units platforms)", f->platform);
		arg_int(q, " AND c.platform_id = ?", id);
	}
	if (f->has_from)
		arg_int(q, " AND c.received >= ?", f->from);
	if (f->has_to)
		arg_int(q, " AND c.received < ?", f->to);
	if (f->overdue)
		arg_int(q, " AND c.status = 'open' AND c.due < ?", c->now);
	if (f->returned)
		mi_buf_puts(&q->sql, " AND c.returns > 0");
	if (f->extended)
		mi_buf_puts(&q->sql, " AND (c.extensions > 0 OR c.ext_asked IS NOT NULL)");
	if (f->unsigned_)
		mi_buf_puts(&q->sql, " AND c.status = 'open' AND c.sign_due IS NOT NULL "
		    "AND c.signed IS NULL");
	if (f->unit || f->street || f->community || f->estate) {
		if (mi_gaz_load(c->db, &g, e) < 0)
			return -1;
		if (f->unit) {
			if (resolve(g, -1, f->unit, N_("unit"), &id, e) < 0)
				goto out;
			arg_int(q, " AND c.resp_id = ?", id);
		}
		if (f->street) {
			if (resolve(g, MI_U_STREET, f->street, N_("street"), &id, e) < 0)
				goto out;
			arg_int(q, " AND c.street_id = ?", id);
		}
		if (f->community) {
			if (resolve(g, MI_U_COMMUNITY, f->community, N_("community"), &id, e) < 0)
				goto out;
			arg_int(q, " AND c.community_id = ?", id);
		}
		if (f->estate) {
			if (resolve(g, MI_U_ESTATE, f->estate, N_("estate"), &id, e) < 0)
				goto out;
			arg_int(q, " AND c.estate_id = ?", id);
		}
	}
	rc = 0;
out:
	mi_gaz_free(g);
	return rc;
}

static int
prepare(mi_ctx *c, struct query *q, sqlite3_stmt **st, mi_err *e)
{
	int i;

	if (sqlite3_prepare_v2(c->db, mi_buf_str(&q->sql), -1, st, NULL) != SQLITE_OK)
		return mi_db_fail(c->db, mi_buf_str(&q->sql), e);
	for (i = 0; i < q->n; i++) {
		if (q->arg[i].is_int)
			sqlite3_bind_int64(*st, i + 1, q->arg[i].i);
		else
			sqlite3_bind_text(*st, i + 1, q->arg[i].s, -1, SQLITE_STATIC);
	}
	return 0;
}

static const char case_select[] =
    "SELECT c.id, c.channel, c.ref, c.received, c.status, c.tier, s.name, m.name, x.name, "
    "c.category, r.name, c.due, c.colour, c.reopens, c.reporter, c.phone, c.text, "
    "c.resolved, c.closed, f.name, c.collector, c.resolution, c.rule, c.signed, "
    "c.extensions, c.ext_asked, c.returns, (SELECT name FROM teams WHERE id = c.team_id), "
    "(SELECT code FROM platforms WHERE id = c.platform_id) "
    "FROM cases c LEFT JOIN units s ON s.id = c.street_id "
    "LEFT JOIN units m ON m.id = c.community_id LEFT JOIN units x ON x.id = c.estate_id "
    "LEFT JOIN units r ON r.id = c.resp_id LEFT JOIN units f ON f.id = c.first_id";

/* The listing's columns, in the order of case_select and of a listing
 * without --columns. The source's reference is an identifier: a 12345
 * ticket stays text in a spreadsheet. */
static const struct { const char *name; int type; } case_cols[] = {
	{ "id", MI_COL_INT | MI_COL_ID }, { "channel", MI_COL_STR }, { "ref", MI_COL_ID },
	{ "received", MI_COL_TIME }, { "status", MI_COL_STR }, { "tier", MI_COL_STR },
	{ "street", MI_COL_STR }, { "community", MI_COL_STR }, { "estate", MI_COL_STR },
	{ "category", MI_COL_STR }, { "unit", MI_COL_STR }, { "due", MI_COL_TIME },
	{ "colour", MI_COL_STR }, { "reopens", MI_COL_INT }, { "reporter", MI_COL_NAME },
	{ "phone", MI_COL_PHONE }, { "text", MI_COL_TEXT }, { "resolved", MI_COL_TIME },
	{ "closed", MI_COL_TIME }, { "first_unit", MI_COL_STR }, { "collector", MI_COL_NAME },
	{ "resolution", MI_COL_TEXT }, { "rule", MI_COL_STR }, { "signed", MI_COL_TIME },
	{ "extensions", MI_COL_INT }, { "extension", MI_COL_INT }, { "returns", MI_COL_INT },
	{ "team", MI_COL_STR }, { "platform", MI_COL_STR },
};
/* A listing without --columns shows those before rule, as it did before
 * cases were signed, returned and extended. */
#define NPLAIN_COLS 22
#define NCASE_COLS MI_ARRAY_LEN(case_cols)

/*
 * The columns --columns names, in its order (all of them without it):
 * their indexes into case_cols in pick, their number in *n. An unknown
 * column is refused with the known ones named, and a column named twice too.
 */
static int
pick_columns(const char *spec, size_t *pick, size_t *n, mi_err *e)
{
	mi_buf b = MI_BUF_INIT;
	const char *p, *q;
	size_t i, j, len;

	*n = 0;
	if (spec == NULL) {
		for (i = 0; i < NPLAIN_COLS; i++)
			pick[(*n)++] = i;
		return 0;
	}
	for (p = spec;; p = q + 1) {
		len = (q = strchr(p, ',')) ? (size_t)(q - p) : strlen(p);
		for (i = 0; i < NCASE_COLS; i++)
			if (strlen(case_cols[i].name) == len && strncmp(p, case_cols[i].name, len) == 0)
				break;
		for (j = 0; i < NCASE_COLS && j < *n; j++)
			if (pick[j] == i)
				return mi_err_set(e, MI_EX_USAGE, "column '%s' given twice in --columns",
				    case_cols[i].name);
		if (i == NCASE_COLS) {
			for (i = 0; i < NCASE_COLS; i++)
				mi_buf_printf(&b, "%s%s", i > 0 ? ", " : "", case_cols[i].name);
			mi_err_set(e, MI_EX_USAGE, "unknown column '%.*s' (expected one of %s)",
			    (int)len, p, mi_buf_str(&b));
			mi_buf_release(&b);
			return -1;
		}
		pick[(*n)++] = i;
		if (q == NULL)
			return 0;
	}
}

int
mi_ledger_list(mi_ctx *c, const mi_filter *f, const char *columns, mi_out *out, mi_idv *shown,
    mi_err *e)
{
	struct query q = { MI_BUF_INIT, { { 0, 0, 0 } }, 0 };
	const char *v[NCASE_COLS];
	char tbuf[NCASE_COLS][24];
	size_t pick[NCASE_COLS], n, i, k;
	sqlite3_stmt *st;
	int rc, masked = 0;

	if (pick_columns(columns, pick, &n, e) < 0)
		return -1;
	mi_buf_puts(&q.sql, case_select);
	if (where(c, f, &q, e) < 0) {
		mi_buf_release(&q.sql);
		return -1;
	}
	mi_buf_puts(&q.sql, " ORDER BY c.id");
	if (f->limit > 0)
		arg_int(&q, " LIMIT ?", f->limit);
	rc = prepare(c, &q, &st, e);
	if (rc < 0) {
		mi_buf_release(&q.sql);
		return -1;
	}
	for (i = 0; i < n; i++) {
		mi_out_col(out, case_cols[pick[i]].name, case_cols[pick[i]].type);
		masked |= case_cols[pick[i]].type & (MI_COL_NAME | MI_COL_PHONE | MI_COL_TEXT);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			k = pick[i];
			if ((case_cols[k].type & MI_COL_TIME) &&
			    sqlite3_column_type(st, (int)k) != SQLITE_NULL)
				v[i] = mi_time_format(sqlite3_column_int64(st, (int)k), tbuf[i],
				    sizeof(tbuf[i]));
			else
				v[i] = (const char *)sqlite3_column_text(st, (int)k);
		}
		mi_out_row(out, v);
		/* A case is looked at in clear only through a column that masks. */
		if (shown && masked)
			mi_idv_push(shown, sqlite3_column_int64(st, 0));
	}
	if (rc != SQLITE_DONE)
		mi_db_fail(c->db, mi_buf_str(&q.sql), e);
	sqlite3_finalize(st);
	mi_buf_release(&q.sql);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The fields --by groups on, each a fixed SQL expression, and its column
 * type: a grouping by a person shows the names masked unless revealed. A
 * month or a day is ordered by date; another field by its groups' size. */
static const struct { const char *name; const char *expr; int type, date; } by_fields[] = {
	{ "status", "c.status", MI_COL_STR, 0 }, { "tier", "c.tier", MI_COL_STR, 0 },
	{ "channel", "c.channel", MI_COL_STR, 0 }, { "category", "c.category", MI_COL_STR, 0 },
	{ "colour", "c.colour", MI_COL_STR, 0 }, { "collector", "c.collector", MI_COL_NAME, 0 },
	{ "street", "(SELECT name FROM units WHERE id = c.street_id)", MI_COL_STR, 0 },
	{ "community", "(SELECT name FROM units WHERE id = c.community_id)", MI_COL_STR, 0 },
	{ "estate", "(SELECT name FROM units WHERE id = c.estate_id)", MI_COL_STR, 0 },
	{ "unit", "(SELECT name FROM units WHERE id = c.resp_id)", MI_COL_STR, 0 },
	{ "month", "strftime('%Y-%m', c.received, 'unixepoch', 'localtime')", MI_COL_STR, 1 },
	{ "day", "strftime('%Y-%m-%d', c.received, 'unixepoch', 'localtime')", MI_COL_STR, 1 },
	{ "rule", "c.rule", MI_COL_STR, 0 },
	{ "team", "(SELECT name FROM teams WHERE id = c.team_id)", MI_COL_STR, 0 },
	{ "activity", "c.activity", MI_COL_STR, 0 },
	{ "proposed_tier", "c.proposed_tier", MI_COL_STR, 0 },
	{ "platform", "(SELECT code FROM platforms WHERE id = c.platform_id)", MI_COL_STR, 0 },
};
/* With --returned, a case's rule is the one that routed it to the unit
 * that first sent it back: the rule that misrouted it. */
static const char returned_rule[] =
    "(SELECT rule FROM returns WHERE case_id = c.id ORDER BY id LIMIT 1)";
#define MAX_BY 3

/* The fields of --by a,b,c: their indexes into by_fields in pick. */
static int
pick_fields(const char *by, size_t *pick, size_t *n, mi_err *e)
{
	mi_buf b = MI_BUF_INIT;
	const char *p, *q;
	size_t i, j, len;

	*n = 0;
	for (p = by;; p = q + 1) {
		len = (q = strchr(p, ',')) ? (size_t)(q - p) : strlen(p);
		for (i = 0; i < MI_ARRAY_LEN(by_fields); i++)
			if (strlen(by_fields[i].name) == len && strncmp(p, by_fields[i].name, len) == 0)
				break;
		if (i == MI_ARRAY_LEN(by_fields)) {
			for (i = 0; i < MI_ARRAY_LEN(by_fields); i++)
				mi_buf_printf(&b, "%s%s", i > 0 ? ", " : "", by_fields[i].name);
			mi_err_set(e, MI_EX_USAGE, "cannot count by '%.*s' (expected one of %s)",
			    (int)len, p, mi_buf_str(&b));
			mi_buf_release(&b);
			return -1;
		}
		for (j = 0; j < *n; j++)
			if (pick[j] == i)
				return mi_err_set(e, MI_EX_USAGE, "field '%s' given twice in --by",
				    by_fields[i].name);
		if (*n == MAX_BY)
			return mi_err_set(e, MI_EX_USAGE, "--by takes at most %d fields ('%s' has more)",
			    MAX_BY, by);
		pick[(*n)++] = i;
		if (q == NULL)
			return 0;
	}
}

/* One row per combination of the fields' values, the count last. */
static void
by_query(struct query *q, const size_t *pick, size_t n, int returned)
{
	size_t i;

	mi_buf_puts(&q->sql, "SELECT ");
	for (i = 0; i < n; i++)
		mi_buf_printf(&q->sql, "%s AS k%zu, ", returned && strcmp(by_fields[pick[i]].name,
		    "rule") == 0 ? returned_rule : by_fields[pick[i]].expr, i);
	mi_buf_puts(&q->sql, "count(*) FROM cases c");
}

/*
 * Rows are ordered field by field: a month or a day by date; another field
 * by the size of its group within the groups of the fields before it,
 * largest first, then by value. With one field: by count, or by date.
 */
static void
by_order(struct query *q, const size_t *pick, size_t n)
{
	size_t i, j;

	mi_buf_puts(&q->sql, " GROUP BY ");
	for (i = 0; i < n; i++)
		mi_buf_printf(&q->sql, "%sk%zu", i > 0 ? ", " : "", i);
	mi_buf_puts(&q->sql, " ORDER BY ");
	for (i = 0; i < n; i++) {
		if (i > 0)
			mi_buf_puts(&q->sql, ", ");
		if (by_fields[pick[i]].date) {
			mi_buf_printf(&q->sql, "k%zu", i);
			continue;
		}
		if (i == n - 1)
			mi_buf_puts(&q->sql, "count(*)");
		else {
			mi_buf_puts(&q->sql, "sum(count(*)) OVER (PARTITION BY ");
			for (j = 0; j <= i; j++)
				mi_buf_printf(&q->sql, "%sk%zu", j > 0 ? ", " : "", j);
			mi_buf_putc(&q->sql, ')');
		}
		mi_buf_printf(&q->sql, " DESC, k%zu", i);
	}
}

int
mi_ledger_count(mi_ctx *c, const mi_filter *f, const char *by, mi_out *out, mi_err *e)
{
	struct query q = { MI_BUF_INIT, { { 0, 0, 0 } }, 0 };
	const char *v[MAX_BY + 1];
	size_t pick[MAX_BY], n = 0, i;
	sqlite3_stmt *st;
	int rc;

	if (by && pick_fields(by, pick, &n, e) < 0)
		return -1;
	if (by)
		by_query(&q, pick, n, f->returned);
	else
		mi_buf_puts(&q.sql, "SELECT count(*) FROM cases c");
	if (where(c, f, &q, e) < 0) {
		mi_buf_release(&q.sql);
		return -1;
	}
	if (by)
		by_order(&q, pick, n);
	if (prepare(c, &q, &st, e) < 0) {
		mi_buf_release(&q.sql);
		return -1;
	}
	for (i = 0; i < n; i++)
		mi_out_col(out, by_fields[pick[i]].name, by_fields[pick[i]].type);
	mi_out_col(out, "count", MI_COL_INT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i <= n; i++)
			v[i] = (const char *)sqlite3_column_text(st, (int)i);
		mi_out_row(out, v);
		if (!by)
			break;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		mi_db_fail(c->db, mi_buf_str(&q.sql), e);
	sqlite3_finalize(st);
	mi_buf_release(&q.sql);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static const char show_sql[] =
    "SELECT c.id, c.channel, c.ref, c.received, c.reporter, c.phone, c.address, "
    "s.name, m.name, x.name, c.category, c.text, c.collector, u.name, "
    "(SELECT name FROM teams WHERE id = c.team_id), c.tier, "
    "r.name, f.name, p.name, c.status, c.routed, c.due, c.colour, c.resolved, c.closed, "
    "c.resolution, c.reopens, c.hotline_hits, c.void_reason, c.updated "
    "FROM cases c LEFT JOIN units s ON s.id = c.street_id "
    "LEFT JOIN units m ON m.id = c.community_id LEFT JOIN units x ON x.id = c.estate_id "
    "LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN units r ON r.id = c.resp_id "
    "LEFT JOIN units f ON f.id = c.first_id LEFT JOIN people p ON p.id = c.contact_id "
    "WHERE c.id = ?";

/* 'n' name, 'p' phone, 'x' free text or address, 't' time, 'i' integer, 's' other text */
static const struct { const char *name; char type; } show_cols[] = {
	{ "id", 'i' }, { "channel", 's' }, { "ref", 's' }, { "received", 't' },
	{ "reporter", 'n' }, { "phone", 'p' }, { "address", 'x' }, { "street", 's' },
	{ "community", 's' }, { "estate", 's' }, { "category", 's' }, { "text", 'x' },
	{ "collector", 'n' }, { "collecting_unit", 's' }, { "team", 's' }, { "tier", 's' }, { "unit", 's' },
	{ "first_unit", 's' }, { "contact", 'n' }, { "status", 's' }, { "routed", 't' },
	{ "due", 't' }, { "colour", 's' }, { "resolved", 't' }, { "closed", 't' },
	{ "resolution", 'x' }, { "reopens", 'i' }, { "hotline_calls", 'i' },
	{ "void_reason", 'x' }, { "updated", 't' },
};

/* What the case has beyond the columns every case shows, each shown only
 * when set: how it was collected, when the team said (the activity, the
 * tier it proposed: 办理类型) or at a platform; and where it stands in the
 * loop of 签收, 退回 and 延期 (the rule that routed it, its sign limit and
 * signature, an extension asked, those approved, the returns). 's' text,
 * 't' a time, 'i' a count shown when above 0. */
static const char collected_sql[] =
    "SELECT c.activity, c.proposed_tier, p.code, c.rule, c.sign_due, c.signed, c.ext_asked, "
    "c.extensions, c.returns FROM cases c LEFT JOIN platforms p ON p.id = c.platform_id "
    "WHERE c.id = ?";
static const struct { const char *name; char type; } collected_cols[] = {
	{ "activity", 's' }, { "proposed_tier", 's' }, { "platform", 's' }, { "rule", 's' },
	{ "sign_due", 't' }, { "signed", 't' }, { "extension", 'i' },
	{ "extensions", 'i' }, { "returns", 'i' },
};

/* Calls fn for each of those the case has, with its type. */
static int
show_collected(mi_ctx *c, int64_t id,
    void (*fn)(void *arg, const char *field, char type, const char *v), void *arg, mi_err *e)
{
	sqlite3_stmt *st;
	const char *v;
	char t[24];
	size_t i;
	int rc;

	if ((rc = mi_row_by_id(c, collected_sql, id, &st, e)) <= 0)
		return rc;
	for (i = 0; i < MI_ARRAY_LEN(collected_cols); i++) {
		if ((v = (const char *)sqlite3_column_text(st, (int)i)) == NULL)
			continue;
		if (collected_cols[i].type == 't')
			v = mi_time_format(sqlite3_column_int64(st, (int)i), t, sizeof(t));
		else if (collected_cols[i].type == 'i' && sqlite3_column_int64(st, (int)i) <= 0)
			continue;
		fn(arg, collected_cols[i].name, collected_cols[i].type, v);
	}
	sqlite3_reset(st);
	return 0;
}

static void
collected_json(void *arg, const char *field, char type, const char *v)
{
	if (type == 'i')
		cJSON_AddNumberToObject(arg, field, strtod(v, NULL));
	else
		cJSON_AddStringToObject(arg, field, v);
}

static void
collected_row(void *arg, const char *field, char type, const char *v)
{
	const char *row[2] = { field, v };

	(void)type;
	mi_out_row(arg, row);
}

static const char events_sql[] =
    "SELECT id, at, operator, kind, details FROM events WHERE case_id = ? ORDER BY id";

/* The sessions a case was heard at (escalate --session). */
static const char case_sessions_sql[] =
    "SELECT s.id, s.held, s.kind, p.code, m.code, sc.settled FROM session_cases sc "
    "JOIN sessions s ON s.id = sc.session_id LEFT JOIN platforms p ON p.id = s.platform_id "
    "LEFT JOIN units m ON m.id = s.community_id WHERE sc.case_id = ? ORDER BY s.held, s.id";
static const struct mi_col case_session_cols[] = {
	{ "session", MI_COL_INT | MI_COL_ID }, { "held", MI_COL_TIME },
	{ "session_kind", MI_COL_STR }, { "platform", MI_COL_STR }, { "community", MI_COL_STR },
	{ "settled", MI_COL_INT }, { NULL, 0 }
};

static void
case_session_row(sqlite3_stmt *st, const char **v, char *t, size_t nt)
{
	int i;

	for (i = 0; i < 6; i++)
		v[i] = (const char *)sqlite3_column_text(st, i);
	v[1] = mi_time_format(sqlite3_column_int64(st, 1), t, nt);
}

/* Free text as shown: the numbers in it masked, or counted when revealed. */
static const char *
show_text(mi_ctx *c, const char *v, mi_buf *b)
{
	mi_buf_reset(b);
	if (!c->opts.reveal) {
		mi_mask_text(v, b);
		return mi_buf_str(b);
	}
	c->clear += mi_mask_text(v, NULL) > 0;
	return v;
}

/* The value of column i as shown: times formatted, names, phones and the
 * numbers in free text masked. */
static const char *
show_value(mi_ctx *c, sqlite3_stmt *st, int i, mi_buf *b)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	char t[24];

	mi_buf_reset(b);
	if (v == NULL)
		return NULL;
	switch (show_cols[i].type) {
	case 't':
		mi_buf_puts(b, mi_time_format(sqlite3_column_int64(st, i), t, sizeof(t)));
		break;
	case 'n':
	case 'p':
		if (!c->opts.reveal)
			(show_cols[i].type == 'n' ? mi_mask_name : mi_mask_phone)(v, b);
		else {
			mi_buf_puts(b, v);
			c->clear += *v != '\0';
		}
		break;
	case 'x':
		return show_text(c, v, b);
	default:
		mi_buf_puts(b, v);
	}
	return mi_buf_str(b);
}

/* An amendment's details keep the resident's name it changed: masked like
 * the case's own reporter unless revealed. Returns details, or the masked
 * copy in b. */
static const char *
event_names(mi_ctx *c, const char *kind, const char *details, mi_buf *b)
{
	static const char *const sides[] = { "old", "new" };
	cJSON *d, *o;
	const char *v;
	char *text;
	size_t i;
	int named = 0;

	if (details == NULL || strcmp(kind, "amend") != 0 || (d = cJSON_Parse(details)) == NULL)
		return details;
	for (i = 0; i < MI_ARRAY_LEN(sides); i++) {
		o = cJSON_GetObjectItemCaseSensitive(d, sides[i]);
		v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "reporter"));
		if (v == NULL || *v == '\0')
			continue;
		named = 1;
		if (c->opts.reveal)
			continue;
		mi_buf_reset(b);
		mi_mask_name(v, b);
		cJSON_ReplaceItemInObjectCaseSensitive(o, "reporter",
		    cJSON_CreateString(mi_buf_str(b)));
	}
	if (!named || c->opts.reveal) {
		c->clear += named;
		cJSON_Delete(d);
		return details;
	}
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	mi_buf_reset(b);
	mi_buf_puts(b, text);
	cJSON_free(text);
	return mi_buf_str(b);
}

/* A case heard at sessions: "sessions", an array of them (no key when none). */
static int
show_sessions_json(mi_ctx *c, sqlite3_stmt *cs, cJSON *root, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, case_sessions_sql, e);
	cJSON *a = NULL, *o;
	const char *v[6];
	char t[24];
	int rc, i;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(cs, 0));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (a == NULL)
			a = cJSON_AddArrayToObject(root, "sessions");
		case_session_row(st, v, t, sizeof(t));
		o = cJSON_CreateObject();
		for (i = 0; i < 6; i++) {
			if (v[i] == NULL)
				cJSON_AddNullToObject(o, case_session_cols[i].name);
			else if (i == 0)
				cJSON_AddNumberToObject(o, case_session_cols[i].name,
				    (double)sqlite3_column_int64(st, i));
			else if (i == 5)
				cJSON_AddBoolToObject(o, case_session_cols[i].name,
				    sqlite3_column_int(st, i));
			else
				cJSON_AddStringToObject(o, case_session_cols[i].name, v[i]);
		}
		cJSON_AddItemToArray(a, o);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, case_sessions_sql, e);
}

/* A case heard at sessions: a third table of them after its events. */
static int
show_sessions_table(mi_ctx *c, sqlite3_stmt *cs, mi_out **out, FILE *f, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, case_sessions_sql, e);
	const char *v[6];
	char t[24];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(cs, 0));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((*out = mi_out_next(c, *out, f, "sessions", e)) == NULL) {
			sqlite3_reset(st);
			return -1;
		}
		mi_out_cols(*out, case_session_cols);
	}
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		case_session_row(st, v, t, sizeof(t));
		mi_out_row(*out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, case_sessions_sql, e);
}

static int
show_json(mi_ctx *c, sqlite3_stmt *cs, sqlite3_stmt *es, FILE *f, mi_err *e)
{
	cJSON *root = cJSON_CreateObject(), *cj = cJSON_AddObjectToObject(root, "case");
	cJSON *ev = cJSON_AddArrayToObject(root, "events"), *o, *d;
	mi_buf b = MI_BUF_INIT, m = MI_BUF_INIT, n = MI_BUF_INIT;
	const char *v;
	char t[24], *text;
	size_t i;
	int rc;

	for (i = 0; i < MI_ARRAY_LEN(show_cols); i++) {
		v = show_value(c, cs, (int)i, &b);
		if (v == NULL)
			cJSON_AddNullToObject(cj, show_cols[i].name);
		else if (show_cols[i].type == 'i')
			cJSON_AddNumberToObject(cj, show_cols[i].name,
			    (double)sqlite3_column_int64(cs, (int)i));
		else
			cJSON_AddStringToObject(cj, show_cols[i].name, v);
	}
	if (show_collected(c, sqlite3_column_int64(cs, 0), collected_json, cj, e) < 0) {
		cJSON_Delete(root);
		mi_buf_release(&b);
		return -1;
	}
	while ((rc = sqlite3_step(es)) == SQLITE_ROW) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "event", (double)sqlite3_column_int64(es, 0));
		cJSON_AddStringToObject(o, "at", mi_time_format(sqlite3_column_int64(es, 1), t,
		    sizeof(t)));
		cJSON_AddStringToObject(o, "operator", (const char *)sqlite3_column_text(es, 2));
		cJSON_AddStringToObject(o, "kind", (const char *)sqlite3_column_text(es, 3));
		v = event_names(c, (const char *)sqlite3_column_text(es, 3),
		    (const char *)sqlite3_column_text(es, 4), &n);
		d = v ? cJSON_Parse(show_text(c, v, &m)) : NULL;
		cJSON_AddItemToObject(o, "details", d ? d : cJSON_CreateNull());
		cJSON_AddItemToArray(ev, o);
	}
	if (rc == SQLITE_DONE && (rc = show_sessions_json(c, cs, root, e)) == 0)
		rc = SQLITE_DONE;
	else if (rc != SQLITE_DONE)
		rc = mi_db_fail(c->db, events_sql, e);
	mi_buf_reset(&b);
	mi_buf_release(&m);
	mi_buf_release(&n);
	text = c->opts.outfmt == MI_OUT_NDJSON ? cJSON_PrintUnformatted(root) : cJSON_Print(root);
	/* cJSON leaves DEL, C1 and bidi controls raw: JSON is read in terminals too. */
	mi_esc_text(&b, text, MI_ESC_JSON);
	fputs(mi_buf_str(&b), f);
	fputc('\n', f);
	mi_buf_release(&b);
	cJSON_free(text);
	cJSON_Delete(root);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
show_tables(mi_ctx *c, sqlite3_stmt *cs, sqlite3_stmt *es, FILE *f, mi_err *e)
{
	static const struct mi_col event_cols[] = {
		{ "event", MI_COL_INT | MI_COL_ID }, { "at", MI_COL_TIME }, { "operator", MI_COL_STR },
		{ "kind", MI_COL_STR }, { "details", MI_COL_TEXT }, { NULL, 0 }
	};
	mi_out *out = mi_ctx_out(c, f);
	mi_buf b = MI_BUF_INIT;
	const char *v[5];
	char t[24];
	size_t i;
	int rc;

	/* A workbook holds both tables, a sheet each; the other formats, one after the other. */
	mi_out_sheet(out, "case");
	mi_out_col(out, "field", MI_COL_STR);
	mi_out_col(out, "value", MI_COL_STR);
	for (i = 0; i < MI_ARRAY_LEN(show_cols); i++) {
		v[0] = show_cols[i].name;
		v[1] = show_value(c, cs, (int)i, &b);
		mi_out_row(out, v);
	}
	mi_buf_release(&b);
	if (show_collected(c, sqlite3_column_int64(cs, 0), collected_row, out, e) < 0) {
		mi_out_free(out);
		return -1;
	}
	if ((out = mi_out_next(c, out, f, "events", e)) == NULL)
		return -1;
	mi_out_cols(out, event_cols);
	while ((rc = sqlite3_step(es)) == SQLITE_ROW) {
		v[0] = (const char *)sqlite3_column_text(es, 0);
		v[1] = mi_time_format(sqlite3_column_int64(es, 1), t, sizeof(t));
		v[2] = (const char *)sqlite3_column_text(es, 2);
		v[3] = (const char *)sqlite3_column_text(es, 3);
		v[4] = event_names(c, v[3], (const char *)sqlite3_column_text(es, 4), &b);
		mi_out_row(out, v);
	}
	mi_buf_release(&b);
	if (rc != SQLITE_DONE) {
		mi_out_free(out);
		return mi_db_fail(c->db, events_sql, e);
	}
	if (show_sessions_table(c, cs, &out, f, e) < 0) {
		mi_out_free(out);
		return -1;
	}
	rc = mi_out_finish(out, e);
	mi_out_free(out);
	return rc;
}

int
mi_ledger_show(mi_ctx *c, int64_t id, FILE *f, mi_err *e)
{
	sqlite3_stmt *cs, *es;
	int rc;

	if ((rc = mi_row_by_id(c, show_sql, id, &cs, e)) <= 0)
		return rc < 0 ? -1 : mi_err_set(e, MI_EX_DATAERR, "no case %lld", (long long)id);
	if ((es = mi_stmt(c, events_sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(es, 1, id);
	if (c->opts.outfmt == MI_OUT_JSON || c->opts.outfmt == MI_OUT_NDJSON)
		return show_json(c, cs, es, f, e);
	return show_tables(c, cs, es, f, e);
}

/* Meetings with the names of the units present and the ids of their cases. */
static const char meetings_sql[] =
    "SELECT m.id, m.held, (SELECT group_concat(coalesce(u.name, j.value), ',') "
    "FROM json_each(m.units) j LEFT JOIN units u ON u.code = j.value), m.decision, l.code, "
    "l.name, m.due, (SELECT group_concat(case_id, ',') FROM (SELECT case_id FROM meeting_cases "
    "WHERE meeting_id = m.id ORDER BY case_id)), (SELECT count(*) FROM meeting_cases "
    "WHERE meeting_id = m.id), m.operator FROM meetings m LEFT JOIN units l ON l.id = m.lead_id "
    "WHERE m.held >= ?1 AND m.held < ?2 ORDER BY m.held, m.id";

int
mi_ledger_meetings(mi_ctx *c, const mi_filter *f, mi_out *out, mi_err *e)
{
	static const struct { const char *name; int type; int time; } cols[] = {
		{ "meeting", MI_COL_INT | MI_COL_ID, 0 }, { "held", MI_COL_STR, 1 }, { "units", MI_COL_STR, 0 },
		{ "decision", MI_COL_TEXT, 0 }, { "lead", MI_COL_STR, 0 },
		{ "lead_name", MI_COL_STR, 0 }, { "due", MI_COL_STR, 1 }, { "cases", MI_COL_STR, 0 },
		{ "count", MI_COL_INT, 0 }, { "operator", MI_COL_STR, 0 },
	};
	sqlite3_stmt *st = mi_stmt(c, meetings_sql, e);
	const char *v[MI_ARRAY_LEN(cols)];
	char t[MI_ARRAY_LEN(cols)][24];
	size_t i;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, f->has_from ? f->from : INT64_MIN);
	sqlite3_bind_int64(st, 2, f->has_to ? f->to : INT64_MAX);
	for (i = 0; i < MI_ARRAY_LEN(cols); i++)
		mi_out_col(out, cols[i].name, cols[i].type | (cols[i].time ? MI_COL_TIME : 0));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < MI_ARRAY_LEN(cols); i++) {
			if (cols[i].time && sqlite3_column_type(st, (int)i) != SQLITE_NULL)
				v[i] = mi_time_format(sqlite3_column_int64(st, (int)i), t[i],
				    sizeof(t[i]));
			else
				v[i] = (const char *)sqlite3_column_text(st, (int)i);
		}
		mi_out_row(out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, meetings_sql, e);
}

/* Sessions (escalate --session) with their participants by role, the cases
 * heard and those settled there. */
static const char sessions_sql[] =
    "SELECT s.id, s.held, s.kind, p.code, m.code, "
    "(SELECT group_concat(role || ':' || name, ',') FROM (SELECT role, name FROM session_people "
    "WHERE session_id = s.id ORDER BY id)), "
    "(SELECT group_concat(case_id, ',') FROM (SELECT case_id FROM session_cases "
    "WHERE session_id = s.id ORDER BY case_id)), "
    "(SELECT group_concat(case_id, ',') FROM (SELECT case_id FROM session_cases "
    "WHERE session_id = s.id AND settled ORDER BY case_id)), s.outcome, s.operator "
    "FROM sessions s LEFT JOIN platforms p ON p.id = s.platform_id "
    "LEFT JOIN units m ON m.id = s.community_id "
    "WHERE s.held >= ?1 AND s.held < ?2 AND (?3 IS NULL OR m.code = ?3 OR m.name = ?3) "
    "ORDER BY s.held, s.id";

int
mi_ledger_sessions(mi_ctx *c, const mi_filter *f, mi_out *out, mi_err *e)
{
	static const struct mi_col cols[] = {
		{ "session", MI_COL_INT | MI_COL_ID }, { "held", MI_COL_TIME },
		{ "session_kind", MI_COL_STR }, { "platform", MI_COL_STR },
		{ "community", MI_COL_STR }, { "participants", MI_COL_STR }, { "cases", MI_COL_STR },
		{ "settled", MI_COL_STR }, { "session_outcome", MI_COL_TEXT },
		{ "operator", MI_COL_STR }, { NULL, 0 }
	};
	sqlite3_stmt *st = mi_stmt(c, sessions_sql, e);
	const char *v[10];
	char t[24];
	int rc, i;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, f->has_from ? f->from : INT64_MIN);
	sqlite3_bind_int64(st, 2, f->has_to ? f->to : INT64_MAX);
	mi_bind_text(st, 3, f->community);
	mi_out_cols(out, cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 10; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		v[1] = mi_time_format(sqlite3_column_int64(st, 1), t, sizeof(t));
		mi_out_row(out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sessions_sql, e);
}
