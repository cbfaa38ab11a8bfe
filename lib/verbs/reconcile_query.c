/* reconcile_query.c - reading what reconcile did: why a record matches, the
 * month's misses by unit, and how good the matching is against a truth. */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/reconcile.h"

/* ---- explain ---- */

struct stored_rec {
	int64_t id, received, case_id;
	double score;
	int has_score;
	char *ticket, *phone, *address, *street, *community, *category, *text, *outcome, *note;
	char *reporter;
};

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? mi_xstrdup(s) : NULL;
}

static void
stored_release(struct stored_rec *s)
{
	free(s->ticket);
	free(s->phone);
	free(s->address);
	free(s->street);
	free(s->community);
	free(s->category);
	free(s->text);
	free(s->outcome);
	free(s->note);
	free(s->reporter);
}

/* The record by ticket, else by id: 1 found, 0 not, -1 error. */
static int
find_record(mi_ctx *c, const char *which, struct stored_rec *s, mi_err *e)
{
	static const char sql[] =
	    "SELECT id, received, coalesce(case_id, 0), score, ticket, phone, address, "
	    "given_street, given_community, category, text, outcome, note, reporter FROM hotline "
	    "WHERE ticket = ?1 OR (id = ?2 AND NOT EXISTS (SELECT 1 FROM hotline "
	    "WHERE ticket = ?1)) LIMIT 1";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	char *end;
	long long id;
	int rc;

	memset(s, 0, sizeof(*s));
	if (st == NULL)
		return -1;
	id = strtoll(which, &end, 10);
	sqlite3_bind_text(st, 1, which, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *end == '\0' && *which ? id : -1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return mi_db_fail(c->db, sql, e);
	s->id = sqlite3_column_int64(st, 0);
	s->received = sqlite3_column_int64(st, 1);
	s->case_id = sqlite3_column_int64(st, 2);
	s->has_score = sqlite3_column_type(st, 3) != SQLITE_NULL;
	s->score = sqlite3_column_double(st, 3);
	s->ticket = col_dup(st, 4);
	s->phone = col_dup(st, 5);
	s->address = col_dup(st, 6);
	s->street = col_dup(st, 7);
	s->community = col_dup(st, 8);
	s->category = col_dup(st, 9);
	s->text = col_dup(st, 10);
	s->outcome = col_dup(st, 11);
	s->note = col_dup(st, 12);
	s->reporter = col_dup(st, 13);
	return 1;
}

struct scored {
	uint32_t idx;
	double total;
	mi_feature f[MI_FT_N];
};

static int
scoredcmp(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static const char *
unit_name(const mi_gazetteer *g, int64_t id)
{
	const char *s = id ? mi_gaz_name(g, id) : NULL;

	return s ? s : "-";
}

static void
put_house(mi_buf *out, const mi_house *h)
{
	if (h->building >= 0)
		mi_buf_printf(out, "building %d", h->building);
	else
		mi_buf_puts(out, "building -");
	if (h->unit >= 0)
		mi_buf_printf(out, ", unit %d", h->unit);
	if (h->room >= 0)
		mi_buf_printf(out, ", room %d", h->room);
	if (h->detail)
		mi_buf_printf(out, ", house %08x", (unsigned)h->detail);
}

/* texts: both records have a text, so a text level of missing means it
 * was not compared (nothing of one was left to compare once normalised),
 * not that it is missing. */
static void
put_feature(mi_buf *out, int i, const mi_feature *f, int texts)
{
	char level[64];

	if (i == MI_FT_TEXT && f->level == MI_LV_MISSING && texts)
		snprintf(level, sizeof(level), "not compared");
	else if (i == MI_FT_DAYS)
		snprintf(level, sizeof(level), "%.1f apart", f->value);
	else if (i == MI_FT_TEXT && f->level == MI_LV_BIN)
		snprintf(level, sizeof(level), "%.2f similar", f->value);
	else
		snprintf(level, sizeof(level), "%s", mi_level_name(f->level));
	mi_buf_printf(out, "  %-10s %-22s %+7.2f\n", mi_feature_name(i), level, f->weight);
}

struct kase {
	char ref[256], received[24];
	char *text;
};

static void
case_info(mi_ctx *c, int64_t id, struct kase *k, mi_err *e)
{
	static const char sql[] = "SELECT ref, channel, received, text FROM cases WHERE id = ?";
	sqlite3_stmt *st = mi_stmt(c, sql, e);

	k->ref[0] = k->received[0] = '\0';
	k->text = NULL;
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return;
	snprintf(k->ref, sizeof(k->ref), "%s %s", (const char *)sqlite3_column_text(st, 1),
	    (const char *)sqlite3_column_text(st, 0));
	mi_time_format(sqlite3_column_int64(st, 2), k->received, sizeof(k->received));
	k->text = col_dup(st, 3);
}

static void
explain_record(const mi_gazetteer *g, mi_matcher *m, const struct stored_rec *s,
    const mi_mrec *h, int ours, const char *note, mi_buf *out)
{
	mi_buf b = MI_BUF_INIT;
	char t[24];

	mi_buf_printf(out, "hotline %lld, ticket %s, received %s: ", (long long)s->id, s->ticket,
	    mi_time_format(s->received, t, sizeof(t)));
	if (s->outcome && strcmp(s->outcome, "matched") == 0)
		mi_buf_printf(out, "matched case %lld (score %.2f)\n", (long long)s->case_id,
		    s->score);
	else
		mi_buf_printf(out, "%s%s%s\n", s->outcome ? s->outcome : "not reconciled",
		    s->note ? ": " : "", s->note ? s->note : "");
	/* No reveal is recorded for an explanation: text and address show masked. */
	mi_buf_puts(out, "text: ");
	mi_mask_text(s->text ? s->text : "", out);
	if (s->address) {
		mi_buf_puts(out, "\naddress: ");
		mi_mask_text(s->address, out);
	}
	mi_buf_puts(out, "\n");
	mi_buf_puts(out, "phone: ");
	if (s->phone)
		mi_mask_phone(s->phone, out);
	else
		mi_buf_puts(out, "-");
	mi_buf_printf(out, "; category: %s -> %s", s->category ? s->category : "-",
	    mi_matcher_category(m, h->cat[0]) ? mi_matcher_category(m, h->cat[0]) : "-");
	if (h->cat[1])
		mi_buf_printf(out, ", by its words %s", mi_matcher_category(m, h->cat[1]));
	mi_buf_puts(out, "\n");
	if (ours)
		mi_buf_printf(out, "place: %s / %s / %s; ", unit_name(g, h->street),
		    unit_name(g, h->community), unit_name(g, h->estate));
	else
		mi_buf_printf(out, "place: not ours (%s); ", note);
	put_house(out, &h->house);
	mi_buf_puts(out, "\n");
	mi_norm_text(mi_matcher_norm(m), s->text ? s->text : "", &b);
	mi_buf_puts(out, "words: ");
	mi_mask_text(mi_buf_str(&b), out);
	mi_buf_puts(out, "\n");
	mi_buf_release(&b);
}

/* Which weights the scores below use. */
static void
put_weights(mi_ctx *c, const mi_matcher *m, mi_buf *out)
{
	int64_t model, trained;
	int source = mi_matcher_weights(m, &model, &trained);
	char t[24];

	mi_buf_printf(out, "weights: %s", mi_weights_name(source));
	if (source == MI_WEIGHTS_ESTIMATED)
		mi_buf_printf(out, " (model %lld, trained %s)", (long long)model,
		    mi_time_format(trained, t, sizeof(t)));
	else if (source == MI_WEIGHTS_CONFIG)
		mi_buf_printf(out, " (%s)", mi_config_source(c->cfg));
	mi_buf_printf(out, "; threshold %.2f\n", mi_matcher_threshold(m));
}

int
mi_reconcile_explain(mi_ctx *c, const char *which, int hand_set, mi_buf *out, mi_err *e)
{
	struct stored_rec s;
	mi_gazetteer *g = NULL;
	mi_matcher *m = NULL;
	mi_hotline_fields f;
	mi_mrec h;
	struct scored *sc = NULL;
	struct kase k;
	uint32_t *cand = NULL;
	size_t ncand, cap = 0, i;
	char note[96];
	size_t from = out->len;
	int rc, ours, j;
	int64_t w;

	if ((rc = find_record(c, which, &s, e)) <= 0)
		return rc < 0 ? -1 : mi_err_set(e, MI_EX_DATAERR, "no hotline record '%s'", which);
	rc = -1;
	if (mi_gaz_load(c->db, &g, e) < 0 || mi_matcher_new(c, g, &m, e) < 0)
		goto out;
	if (!hand_set && !cJSON_IsFalse(mi_config_get(c->cfg, "reconcile.estimated")) &&
	    mi_matcher_use_model(m, e) < 0)
		goto out;
	f.id = s.id;
	f.ticket = s.ticket;
	f.phone = s.phone;
	f.reporter = s.reporter;
	f.address = s.address;
	f.street = s.street;
	f.community = s.community;
	f.category = s.category;
	f.text = s.text;
	f.received = s.received;
	ours = mi_matcher_prepare_hotline(m, &h, &f, note, sizeof(note));
	explain_record(g, m, &s, &h, ours, note, out);
	put_weights(c, m, out);
	w = mi_matcher_window(m);
	if (mi_matcher_load(m, s.received - w, s.received + w, NULL, NULL, e) < 0)
		goto out;
	mi_matcher_index(m);
	ncand = mi_matcher_candidates(m, &h, &cand, &cap);
	mi_buf_printf(out, "candidates: %zu of the %zu cases within %lld days\n", ncand,
	    mi_matcher_ncases(m), (long long)(w / 86400));
	sc = mi_xcalloc(ncand + 1, sizeof(*sc));
	for (i = 0; i < ncand; i++) {
		sc[i].idx = cand[i];
		sc[i].total = mi_matcher_score(m, &h, mi_matcher_case(m, cand[i]), sc[i].f);
	}
	mi_sort(sc, ncand, sizeof(*sc), scoredcmp);
	for (i = 0; i < ncand; i++) {
		const mi_mrec *kc = mi_matcher_case(m, sc[i].idx);

		case_info(c, kc->id, &k, e);
		mi_buf_printf(out, "\ncase %lld (%s, received %s): score %.2f\n", (long long)kc->id,
		    k.ref, k.received, sc[i].total);
		mi_buf_puts(out, "  text: ");
		mi_mask_text(k.text ? k.text : "", out);
		mi_buf_puts(out, "\n");
		mi_buf_puts(out, "  place: ");
		put_house(out, &kc->house);
		mi_buf_puts(out, "\n");
		for (j = 0; j < MI_FT_N; j++)
			put_feature(out, j, &sc[i].f[j], s.text && *s.text && k.text && *k.text);
		free(k.text);
	}
	mi_buf_puts(out, "\ndecision now: ");
	if (ncand && sc[0].total >= mi_matcher_threshold(m))
		mi_buf_printf(out, "matched case %lld (score %.2f >= threshold %.2f)\n",
		    (long long)mi_matcher_case(m, sc[0].idx)->id, sc[0].total,
		    mi_matcher_threshold(m));
	else
		mi_buf_printf(out, "%s (%s%.2f < threshold %.2f)\n", ours ? "missed" : "outside",
		    ncand ? "best score " : "no candidate, ", ncand ? sc[0].total : 0.0,
		    mi_matcher_threshold(m));
	/* It quotes the records' text and addresses: for a person to read. */
	mi_esc_tail(out, from, MI_ESC_TEXT);
	rc = 0;
out:
	free(sc);
	free(cand);
	mi_matcher_free(m);
	mi_gaz_free(g);
	stored_release(&s);
	return rc;
}

/* ---- why a demand was missed ---- */

int
mi_reconcile_cause(mi_ctx *c, const char *which, const char *cause, mi_err *e)
{
	static const char sql[] =
	    "UPDATE hotline SET cause = ?2, updated = ?3 WHERE id = ?1";
	struct stored_rec s;
	sqlite3_stmt *st;
	cJSON *d;
	char *text;
	int rc;

	if (cause == NULL || cause[strspn(cause, " \t")] == '\0')
		return mi_err_set(e, MI_EX_USAGE, "a cause needs --note TEXT");
	if (strlen(cause) > 2000)
		return mi_err_set(e, MI_EX_USAGE, "note longer than %d bytes", 2000);
	if (mi_db_begin(c->db, e) < 0)
		return -1;
	if ((rc = find_record(c, which, &s, e)) <= 0) {
		if (rc == 0)
			mi_err_set(e, MI_EX_DATAERR, "no hotline record '%s'", which);
		goto fail;
	}
	if (s.outcome == NULL || strcmp(s.outcome, "missed") != 0) {
		mi_err_set(e, MI_EX_DATAERR, "hotline record '%s' is %s, not missed: it has no cause "
		    "to record", s.ticket, s.outcome ? s.outcome : "not reconciled");
		goto fail;
	}
	if ((st = mi_stmt(c, sql, e)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, s.id);
	sqlite3_bind_text(st, 2, cause, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, c->now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		mi_db_fail(c->db, sql, e);
		goto fail;
	}
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "ticket", s.ticket);
	cJSON_AddNumberToObject(d, "hotline", (double)s.id);
	cJSON_AddStringToObject(d, "cause", cause);
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	/* On the case made for the miss, if any; else on no case. */
	rc = mi_event_add(c, s.case_id, "cause", text, e);
	cJSON_free(text);
	if (rc < 0 || mi_db_commit(c->db, e) < 0)
		goto fail;
	stored_release(&s);
	return 0;
fail:
	mi_db_rollback(c->db);
	stored_release(&s);
	return -1;
}

/* ---- the month's misses ---- */

int
mi_reconcile_missed(mi_ctx *c, const char *month, const char *by, mi_out *out, mi_err *e)
{
	static const char sql_list[] =
	    "SELECT d.month, u.code, u.name, p.name, h.ticket, h.received, d.points, h.case_id, "
	    "h.text, h.cause FROM deductions d JOIN hotline h ON h.id = d.hotline_id "
	    "LEFT JOIN units u ON u.id = d.unit_id LEFT JOIN people p ON p.id = d.person_id "
	    "WHERE ?1 IS NULL OR d.month = ?1 ORDER BY d.month, u.code, h.received, h.ticket";
	static const char sql_unit[] =
	    "SELECT d.month, u.code, u.name, count(*), sum(d.points) FROM deductions d "
	    "LEFT JOIN units u ON u.id = d.unit_id WHERE ?1 IS NULL OR d.month = ?1 "
	    "GROUP BY d.month, d.unit_id ORDER BY d.month, count(*) DESC, u.code";
	static const char sql_person[] =
	    "SELECT d.month, p.name, u.code, count(*), sum(d.points) FROM deductions d "
	    "LEFT JOIN people p ON p.id = d.person_id LEFT JOIN units u ON u.id = p.unit_id "
	    "WHERE ?1 IS NULL OR d.month = ?1 "
	    "GROUP BY d.month, d.person_id ORDER BY d.month, count(*) DESC, u.code, p.name";
	const char *sql = by == NULL ? sql_list : strcmp(by, "unit") == 0 ? sql_unit :
	    strcmp(by, "person") == 0 ? sql_person : NULL;
	static const struct mi_col list_cols[] = {
		{ "month", MI_COL_STR }, { "unit", MI_COL_STR }, { "unit_name", MI_COL_STR },
		{ "person", MI_COL_NAME }, { "ticket", MI_COL_ID }, { "received", MI_COL_TIME },
		{ "points", MI_COL_NUM }, { "case", MI_COL_INT | MI_COL_ID }, { "text", MI_COL_TEXT },
		{ "cause", MI_COL_TEXT }, { NULL, 0 }
	};
	static const struct mi_col unit_cols[] = {
		{ "month", MI_COL_STR }, { "unit", MI_COL_STR }, { "unit_name", MI_COL_STR },
		{ "misses", MI_COL_INT }, { "points", MI_COL_NUM }, { NULL, 0 }
	};
	static const struct mi_col person_cols[] = {
		{ "month", MI_COL_STR }, { "person", MI_COL_NAME }, { "unit", MI_COL_STR },
		{ "misses", MI_COL_INT }, { "points", MI_COL_NUM }, { NULL, 0 }
	};
	sqlite3_stmt *st;
	const char *v[10];
	char t[24], spelt[16];
	int64_t from, to;
	int rc, i, n;

	if (sql == NULL)
		return mi_err_set(e, MI_EX_USAGE, "cannot count misses by '%s' (expected unit or "
		    "person)", by);
	/* As deductions spell it: 2026/10 is 2026-10. */
	if (month) {
		if (mi_month_parse(month, &from, &to) < 0)
			return mi_err_set(e, MI_EX_USAGE, "invalid month '%s' (expected YYYY-MM)",
			    month);
		month = mi_month_format(from, spelt, sizeof(spelt));
	}
	if ((st = mi_stmt(c, sql, e)) == NULL)
		return -1;
	if (month)
		sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
	n = mi_out_cols(out, sql == sql_list ? list_cols :
	    sql == sql_unit ? unit_cols : person_cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		if (sql == sql_list)
			v[5] = mi_time_format(sqlite3_column_int64(st, 5), t, sizeof(t));
		mi_out_row(out, v);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

/* ---- evaluation against a truth ---- */

struct errors {
	char **row;            /* ticket, kind, truth, predicted, score: 5 per error */
	size_t n, cap;
};

static void
add_error(struct errors *x, const char *ticket, const char *kind, const char *truth,
    const char *pred, const char *score)
{
	const char *v[5] = { ticket, kind, truth, pred, score };
	int i;

	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->row = mi_xrealloc(x->row, x->cap * 5 * sizeof(*x->row));
	}
	for (i = 0; i < 5; i++)
		x->row[x->n * 5 + (size_t)i] = mi_xstrdup(v[i] ? v[i] : "");
	x->n++;
}

static const char *
pick(const mi_record *rec, const char *const *keys)
{
	const char *v;

	for (; *keys; keys++)
		if ((v = mi_record_get(rec, *keys)) != NULL)
			return v;
	return NULL;
}

struct tally {
	long records, truth, predicted, correct, absent;
};

/* The figures of a tally: precision, recall, f1 (as printed). */
static void
tally_cells(const struct tally *t, char num[8][32])
{
	double p = t->predicted ? (double)t->correct / (double)t->predicted : 0;
	double r = t->truth ? (double)t->correct / (double)t->truth : 0;
	double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;

	snprintf(num[0], 32, "%ld", t->records);
	snprintf(num[1], 32, "%ld", t->truth);
	snprintf(num[2], 32, "%ld", t->predicted);
	snprintf(num[3], 32, "%ld", t->correct);
	snprintf(num[4], 32, "%.4f", p);
	snprintf(num[5], 32, "%.4f", r);
	snprintf(num[6], 32, "%.4f", f1);
	snprintf(num[7], 32, "%ld", t->absent);
}

/* The stored run's figures (value), and the records matched again now
 * with the hand-set weights and with the estimated ones (when stored). */
static void
print_tally(const struct tally *t, const struct tally *hand, const struct tally *est,
    mi_out *out)
{
	static const char *const metric[8] = { "records", "true_matches", "matched", "correct",
		"precision", "recall", "f1", "not_imported" };
	char num[3][8][32];
	const char *v[4];
	int i;

	mi_out_sheet(out, "metrics");
	mi_out_col(out, "metric", MI_COL_STR);
	mi_out_col(out, "value", MI_COL_NUM);
	mi_out_col(out, "hand_set", MI_COL_NUM);
	mi_out_col(out, "estimated", MI_COL_NUM);
	tally_cells(t, num[0]);
	tally_cells(hand, num[1]);
	tally_cells(est ? est : hand, num[2]);
	for (i = 0; i < 8; i++) {
		v[0] = metric[i];
		v[1] = num[0][i];
		v[2] = num[1][i];
		v[3] = est ? num[2][i] : NULL;
		mi_out_row(out, v);
	}
}

static void
print_errors(const struct errors *x, mi_out *out)
{
	static const char *const cols[] = { "ticket", "error", "truth", "matched", "score" };
	size_t i;

	for (i = 0; i < 5; i++)
		mi_out_col(out, cols[i], i == 4 ? MI_COL_NUM : i == 0 ? MI_COL_ID : MI_COL_STR);
	for (i = 0; i < x->n; i++)
		mi_out_row(out, (const char *const *)&x->row[i * 5]);
}

/* A truth row whose record is stored, to be matched again. */
struct again {
	char *want;            /* the ref it repeats, "" for none */
	mi_mjob j;
	char *s[8];            /* the strings j.f points into */
};

struct agains {
	struct again *v;
	size_t n, cap;
};

static void
agains_release(struct agains *a)
{
	size_t i;
	int k;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].want);
		for (k = 0; k < 8; k++)
			free(a->v[i].s[k]);
	}
	free(a->v);
}

/* The stored record of ticket, as the matcher reads it, into a. */
static int
keep_again(mi_ctx *c, const char *ticket, const char *want, struct agains *a, mi_err *e)
{
	static const char sql[] = "SELECT id, received, ticket, phone, reporter, address, "
	    "given_street, given_community, category, text FROM hotline WHERE ticket = ?";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	struct again *g;
	int k;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, ticket, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		return mi_db_fail(c->db, sql, e);
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->v = mi_xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	g = &a->v[a->n++];
	memset(g, 0, sizeof(*g));
	g->want = mi_xstrdup(want);
	for (k = 0; k < 8; k++)
		g->s[k] = col_dup(st, k + 2);
	g->j.f.id = sqlite3_column_int64(st, 0);
	g->j.f.received = sqlite3_column_int64(st, 1);
	g->j.f.ticket = g->s[0];
	g->j.f.phone = g->s[1];
	g->j.f.reporter = g->s[2];
	g->j.f.address = g->s[3];
	g->j.f.street = g->s[4];
	g->j.f.community = g->s[5];
	g->j.f.category = g->s[6];
	g->j.f.text = g->s[7];
	sqlite3_reset(st);
	return 0;
}

static int
ref_of(mi_ctx *c, int64_t id, char *ref, size_t n, mi_err *e)
{
	static const char sql[] = "SELECT ref FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	int rc;

	ref[0] = '\0';
	if ((rc = mi_row_by_id(c, sql, id, &st, e)) < 0)
		return -1;
	if (rc == 1 && sqlite3_column_text(st, 0))
		snprintf(ref, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return 0;
}

/* Finds every kept record's best case with the matcher's weights now. */
static int
tally_again(mi_ctx *c, mi_matcher *m, mi_mjob **jobs, const struct agains *a, struct tally *t,
    mi_err *e)
{
	char got[256];
	size_t i;

	memset(t, 0, sizeof(*t));
	mi_matcher_best_start(m, jobs, a->n);
	mi_matcher_best_end(m);
	for (i = 0; i < a->n; i++) {
		const struct again *g = &a->v[i];

		t->records++;
		if (*g->want)
			t->truth++;
		if (!g->j.matched)
			continue;
		t->predicted++;
		if (ref_of(c, g->j.case_id, got, sizeof(got), e) < 0)
			return -1;
		if (*g->want && strcmp(got, g->want) == 0)
			t->correct++;
	}
	return 0;
}

/* The records matched again with the hand-set weights (hand), then with the
 * estimated ones (est, and *has_est) when a model is stored. */
static int
match_again(mi_ctx *c, struct agains *a, struct tally *hand, struct tally *est, int *has_est,
    mi_err *e)
{
	mi_gazetteer *g = NULL;
	mi_matcher *m = NULL;
	mi_mjob **jobs = mi_xcalloc(a->n + 1, sizeof(*jobs));
	size_t i;
	int rc = -1;

	*has_est = 0;
	for (i = 0; i < a->n; i++)
		jobs[i] = &a->v[i].j;
	if (mi_gaz_load(c->db, &g, e) < 0 || mi_matcher_new(c, g, &m, e) < 0)
		goto out;
	if (mi_matcher_run(m, jobs, a->n, NULL, NULL, e) < 0 ||
	    tally_again(c, m, jobs, a, hand, e) < 0)
		goto out;
	if ((*has_est = mi_matcher_use_model(m, e)) < 0 ||
	    (*has_est && tally_again(c, m, jobs, a, est, e) < 0))
		goto out;
	rc = 0;
out:
	mi_matcher_free(m);
	mi_gaz_free(g);
	free(jobs);
	return rc;
}

/* Compares one truth row with what is stored; 0 or -1. */
static int
judge(mi_ctx *c, const char *ticket, const char *want, struct tally *t, struct errors *x,
    struct agains *a, mi_err *e)
{
	static const char sql[] =
	    "SELECT h.outcome, h.score, c.ref FROM hotline h LEFT JOIN cases c ON c.id = h.case_id "
	    "WHERE h.ticket = ?";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	const char *outcome, *got;
	char score[32];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, ticket, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		t->absent++;
		return 0;
	}
	if (rc != SQLITE_ROW)
		return mi_db_fail(c->db, sql, e);
	t->records++;
	outcome = (const char *)sqlite3_column_text(st, 0);
	if (keep_again(c, ticket, want, a, e) < 0)
		return -1;
	got = outcome && strcmp(outcome, "matched") == 0 ?
	    (const char *)sqlite3_column_text(st, 2) : NULL;
	score[0] = '\0';
	if (sqlite3_column_type(st, 1) != SQLITE_NULL)
		snprintf(score, sizeof(score), "%.2f", sqlite3_column_double(st, 1));
	if (*want)
		t->truth++;
	if (got)
		t->predicted++;
	if (*want && got && strcmp(want, got) == 0)
		t->correct++;
	else if (*want && got)
		add_error(x, ticket, "wrong case", want, got, score);
	else if (*want)
		add_error(x, ticket, "not matched", want, NULL, score);
	else if (got)
		add_error(x, ticket, "false match", NULL, got, score);
	return 0;
}

int
mi_reconcile_evaluate(mi_ctx *c, const char *truth, FILE *f, mi_err *e)
{
	static const char *const tcols[] = { "ticket", "工单编号", "工单号", NULL };
	static const char *const rcols[] = { "ref", "编号", "台账编号", NULL };
	struct tally t = { 0, 0, 0, 0, 0 }, hand, est;
	struct errors x = { NULL, 0, 0 };
	struct agains a = { NULL, 0, 0 };
	int has_est = 0;
	const mi_record *rec;
	const char *ticket, *want;
	mi_reader *rd;
	mi_out *out;
	size_t i;
	int rc;

	if (mi_reader_open(&rd, truth, MI_FMT_AUTO, MI_ENC_AUTO, e) < 0)
		return -1;
	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		ticket = pick(rec, tcols);
		want = pick(rec, rcols);
		if (ticket == NULL || want == NULL) {
			rc = mi_err_set(e, MI_EX_DATAERR, "%s:%ld: needs a ticket column and a ref "
			    "column (ticket,ref)", mi_reader_path(rd), rec->line);
			break;
		}
		if (rec->bad || !*ticket)
			continue;
		if ((rc = judge(c, ticket, want, &t, &x, &a, e)) < 0)
			break;
	}
	mi_reader_close(rd);
	if (rc == 0)
		rc = match_again(c, &a, &hand, &est, &has_est, e);
	if (rc == 0) {
		hand.absent = est.absent = t.absent;
		out = mi_ctx_out(c, f);
		print_tally(&t, &hand, has_est ? &est : NULL, out);
		/* The tally, then the errors: a sheet each in a workbook. */
		if ((out = mi_out_next(c, out, f, "errors", e)) == NULL)
			rc = -1;
		else {
			print_errors(&x, out);
			rc = mi_out_finish(out, e);
			mi_out_free(out);
		}
	}
	for (i = 0; i < x.n * 5; i++)
		free(x.row[i]);
	free(x.row);
	agains_release(&a);
	return rc;
}
