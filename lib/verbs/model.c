/*
 * model.c - the routing model: training it from labelled examples or the
 * ledger's closed cases, storing it in the database and loading it back,
 * and measuring it (on labelled texts, or by cross-validation). The
 * classifier itself is classify.c; routing with it is route.c.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/classify.h"

/* The stored model, if one was trained; NULL without error when none. */
int
mi_model_stored(mi_ctx *c, mi_model **out, mi_err *e)
{
	static const char sql[] = "SELECT data FROM models WHERE name = 'category' "
	    "ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return mi_model_load(out, sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0), e);
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

/* Examples: (text, label) pairs held for training; from the ledger, each
 * case's id and whether its label is a correction too. */
struct examples {
	char **text, **label;
	int64_t *id;
	unsigned char *corrected;
	char **unit, **place;      /* from a file with a unit column, else NULL */
	size_t n, cap, ncorrected;
};

static void
ex_add(struct examples *x, const char *text, const char *label)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->text = mi_xrealloc(x->text, x->cap * sizeof(char *));
		x->label = mi_xrealloc(x->label, x->cap * sizeof(char *));
		x->id = mi_xrealloc(x->id, x->cap * sizeof(*x->id));
		x->corrected = mi_xrealloc(x->corrected, x->cap);
		x->unit = mi_xrealloc(x->unit, x->cap * sizeof(char *));
		x->place = mi_xrealloc(x->place, x->cap * sizeof(char *));
	}
	x->unit[x->n] = x->place[x->n] = NULL;
	x->id[x->n] = 0;
	x->corrected[x->n] = 0;
	x->text[x->n] = mi_xstrdup(text);
	x->label[x->n] = mi_trim(mi_xstrdup(label));
	x->n++;
}

static void
ex_release(struct examples *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->text[i]);
		free(x->label[i]);
		free(x->unit[i]);
		free(x->place[i]);
	}
	free(x->text);
	free(x->label);
	free(x->id);
	free(x->corrected);
	free(x->unit);
	free(x->place);
}

/* The first of the columns names that rec has, or NULL. */
static const char *
column(const mi_record *rec, const char *const *names)
{
	const char *v = NULL;
	int i;

	for (i = 0; names[i] && !v; i++)
		v = mi_record_get(rec, names[i]);
	return v;
}

/* Examples from a file; with a unit column, each example's unit and place. */
static int
file_examples(const char *path, struct examples *x, mi_err *e)
{
	static const char *const tcols[] = { "text", "诉求内容", "内容", "留言详情", NULL };
	static const char *const lcols[] = { "label", "category", "类别", "一级分类", NULL };
	static const char *const ucols[] = { "unit", "承办单位", "责任单位", "处理单位", NULL };
	static const char *const pcols[] = { "community", "社区", "street", "街道", NULL };
	const mi_record *rec;
	const char *t, *l, *u, *pl;
	mi_reader *rd;
	int rc;

	if (mi_reader_open(&rd, path, MI_FMT_AUTO, MI_ENC_AUTO, e) < 0)
		return -1;
	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		t = column(rec, tcols);
		l = column(rec, lcols);
		if (t == NULL || l == NULL) {
			rc = mi_err_set(e, MI_EX_DATAERR, "%s:%ld: needs a text column and a label "
			    "column (text,label)", mi_reader_path(rd), rec->line);
			break;
		}
		if (rec->bad || !*t || !*l)
			continue;
		ex_add(x, t, l);
		if ((u = column(rec, ucols)) != NULL && *u) {
			x->unit[x->n - 1] = mi_trim(mi_xstrdup(u));
			if ((pl = column(rec, pcols)) != NULL && *pl)
				x->place[x->n - 1] = mi_trim(mi_xstrdup(pl));
		}
	}
	mi_reader_close(rd);
	return rc < 0 ? -1 : 0;
}

int
mi_route_examples(const char *path, char ***texts, char ***labels, size_t *n, mi_err *e)
{
	struct examples x = { NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0 };
	size_t i;

	if (file_examples(path, &x, e) < 0) {
		ex_release(&x);
		return -1;
	}
	*texts = x.text;
	*labels = x.label;
	*n = x.n;
	for (i = 0; i < x.n; i++) {
		free(x.unit[i]);
		free(x.place[i]);
	}
	free(x.id);
	free(x.corrected);
	free(x.unit);
	free(x.place);
	return 0;
}

/*
 * The ledger's history: every case routed (open, resolved or closed) with a
 * text and a category, labelled with its category now, after any re-routing
 * that named one (route --to --category) or amendment that changed it; such
 * a case is a correction. A case whose category the model itself gave and
 * nobody corrected is left out: it would only teach the model its guesses.
 */
static const char sql_history[] =
    "SELECT c.id, c.text, c.category, "
    "  EXISTS (SELECT 1 FROM events v WHERE v.case_id = c.id AND "
    "    ((v.kind = 'reassign' AND json_extract(v.details, '$.category') IS NOT NULL) OR "
    "     (v.kind = 'amend' AND json_extract(v.details, '$.new.category') IS NOT NULL))), "
    "  (SELECT json_extract(v.details, '$.how') FROM events v WHERE v.case_id = c.id AND "
    "    v.kind = 'route' ORDER BY v.id DESC LIMIT 1) "
    "FROM cases c WHERE c.status IN ('open', 'resolved', 'closed') "
    "AND coalesce(c.category, '') <> '' AND coalesce(c.text, '') <> '' ORDER BY c.id";

static int
ledger_examples(mi_ctx *c, struct examples *x, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_history, e);
	const char *how;
	int rc, corrected;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		corrected = sqlite3_column_int(st, 3);
		how = (const char *)sqlite3_column_text(st, 4);
		if (!corrected && how != NULL && strcmp(how, "model") == 0)
			continue;
		ex_add(x, (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		x->id[x->n - 1] = sqlite3_column_int64(st, 0);
		x->corrected[x->n - 1] = (unsigned char)corrected;
		x->ncorrected += (size_t)corrected;
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_history, e);
}

int
mi_route_history(mi_ctx *c, FILE *f, mi_err *e)
{
	struct examples x = { NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0 };
	mi_out *out;
	const char *v[3];
	char id[24];
	size_t i;
	int rc;

	if (ledger_examples(c, &x, e) < 0) {
		ex_release(&x);
		return -1;
	}
	out = mi_ctx_out(c, f);
	mi_out_col(out, "id", MI_COL_INT | MI_COL_ID);
	mi_out_col(out, "label", MI_COL_STR);
	mi_out_col(out, "corrected", MI_COL_INT);
	for (i = 0; i < x.n; i++) {
		snprintf(id, sizeof(id), "%lld", (long long)x.id[i]);
		v[0] = id;
		v[1] = x.label[i];
		v[2] = x.corrected[i] ? "1" : "0";
		mi_out_row(out, v);
	}
	rc = mi_out_finish(out, e);
	mi_out_free(out);
	ex_release(&x);
	return rc;
}

int
mi_route_train(mi_ctx *c, const char *path, long *examples, long *labels, long *corrected,
    mi_err *e)
{
	static const char sql[] = "INSERT INTO models(name, trained, examples, data) "
	    "VALUES ('category', ?, ?, ?)";
	struct examples x = { NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0 };
	mi_buf blob = MI_BUF_INIT;
	mi_model *m;
	sqlite3_stmt *st;
	cJSON *d;
	char *details;
	int rc = -1;

	if (path ? file_examples(path, &x, e) < 0 : ledger_examples(c, &x, e) < 0) {
		ex_release(&x);
		return -1;
	}
	*corrected = (long)x.ncorrected;
	m = mi_model_train((const char *const *)x.text, (const char *const *)x.label, x.n, NULL, e);
	ex_release(&x);
	if (m == NULL)
		return -1;
	*examples = (long)mi_model_examples(m);
	*labels = (long)mi_model_nlabels(m);
	mi_model_save(m, &blob);
	mi_model_free(m);
	if (mi_db_begin(c->db, e) < 0 || (st = mi_stmt(c, sql, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, c->now);
	sqlite3_bind_int64(st, 2, *examples);
	sqlite3_bind_blob(st, 3, blob.s, (int)blob.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		mi_db_fail(c->db, sql, e);
		goto out;
	}
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "source", path ? path : "(the ledger's history)");
	cJSON_AddNumberToObject(d, "examples", (double)*examples);
	if (!path)
		cJSON_AddNumberToObject(d, "corrected", (double)*corrected);
	cJSON_AddNumberToObject(d, "labels", (double)*labels);
	cJSON_AddNumberToObject(d, "bytes", (double)blob.len);
	details = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	rc = mi_event_add(c, 0, "train", details, e);
	cJSON_free(details);
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
out:
	mi_db_rollback(c->db);
	mi_buf_release(&blob);
	return rc;
}

/* Routing accuracy: examples with a unit, and those routed there. */
struct unit_score {
	size_t n, hits;
};

static int
has_units(const struct examples *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->unit[i] != NULL)
			return 1;
	return 0;
}

static int
print_eval(mi_ctx *c, const mi_eval *ev, int folds, const struct unit_score *u, FILE *f,
    mi_err *e)
{
	mi_out *out = mi_ctx_out(c, f);
	const char **v = mi_xcalloc(ev->nlabels + 2, sizeof(char *));
	char num[3][32], *cells;
	size_t i, j;
	int rc;

	mi_out_sheet(out, "metrics");
	mi_out_col(out, "metric", MI_COL_STR);
	mi_out_col(out, "value", MI_COL_NUM);
	snprintf(num[0], sizeof(num[0]), "%zu", ev->n);
	snprintf(num[1], sizeof(num[1]), "%.4f", ev->accuracy);
	snprintf(num[2], sizeof(num[2]), "%.4f", ev->macro_f1);
	v[0] = "examples"; v[1] = num[0]; mi_out_row(out, v);
	v[0] = "accuracy"; v[1] = num[1]; mi_out_row(out, v);
	v[0] = "macro_f1"; v[1] = num[2]; mi_out_row(out, v);
	snprintf(num[0], sizeof(num[0]), "%d", folds);
	v[0] = "folds"; v[1] = num[0]; mi_out_row(out, v);
	if (u != NULL) {
		snprintf(num[0], sizeof(num[0]), "%zu", u->n);
		snprintf(num[1], sizeof(num[1]), "%.4f", (double)u->hits / (double)u->n);
		v[0] = "unit_examples"; v[1] = num[0]; mi_out_row(out, v);
		v[0] = "unit_accuracy"; v[1] = num[1]; mi_out_row(out, v);
	}
	/* The confusion matrix: a row per true label, a column per prediction. */
	if ((out = mi_out_next(c, out, f, "confusion", e)) == NULL) {
		free(v);
		return -1;
	}
	cells = mi_xcalloc(ev->nlabels + 1, 24);
	mi_out_col(out, "truth/predicted", MI_COL_STR);
	for (j = 0; j < ev->nlabels; j++)
		mi_out_col(out, ev->labels[j], MI_COL_INT);
	for (i = 0; i < ev->nlabels; i++) {
		v[0] = ev->labels[i];
		for (j = 0; j < ev->nlabels; j++) {
			snprintf(cells + 24 * j, 24, "%zu", ev->confusion[i * ev->nlabels + j]);
			v[j + 1] = cells + 24 * j;
		}
		mi_out_row(out, v);
	}
	rc = mi_out_finish(out, e);
	mi_out_free(out);
	free(cells);
	free(v);
	return rc;
}

int
mi_route_evaluate(mi_ctx *c, const char *path, int folds, FILE *f, mi_err *e)
{
	struct examples x = { NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0 };
	struct unit_score units = { 0, 0 };
	mi_model *m = NULL;
	mi_eval ev;
	int rc;

	memset(&ev, 0, sizeof(ev));
	if (file_examples(path, &x, e) < 0) {
		ex_release(&x);
		return -1;
	}
	if (folds >= 2)
		rc = mi_eval_folds((const char *const *)x.text, (const char *const *)x.label, x.n,
		    folds, NULL, &ev, e);
	else {
		rc = mi_model_stored(c, &m, e);
		if (rc == 0 && m == NULL)
			rc = mi_err_set(e, MI_EX_DATAERR, "no model trained yet (route --train)");
		if (rc == 0)
			rc = mi_eval_model(m, (const char *const *)x.text,
			    (const char *const *)x.label, x.n, &ev, e);
		mi_model_free(m);
		/* With a unit column: where routing would send each text. */
		if (rc == 0 && has_units(&x))
			rc = mi_route_unit_hits(c, (const char *const *)x.text,
			    (const char *const *)x.place, (const char *const *)x.unit, x.n,
			    &units.n, &units.hits, e);
	}
	ex_release(&x);
	if (rc == 0)
		rc = print_eval(c, &ev, folds, units.n ? &units : NULL, f, e);
	mi_eval_release(&ev);
	return rc;
}
