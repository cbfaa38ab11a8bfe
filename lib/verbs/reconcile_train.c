/* reconcile_train.c - the matching's weights estimated from the county's own data.
 *
 * Every hotline record of the exports is compared with each of its
 * candidate cases, as a run would (the text always in full), and the
 * comparisons are counted by pattern. EM (base/em.c) then finds the m and u
 * of each level that best explain the patterns as a mixture of true and
 * chance pairs, starting from what the hand-set weights make of each
 * pattern. A level's weight is log2(m / u), on the scale of the hand-set
 * ones. The model's threshold is the score at which a candidate is as
 * likely a true pair as a chance one: log2 of the odds against a true pair
 * among the candidates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/reconcile.h"

#define MAX_WEIGHT 10.0        /* no one level decides a pair alone */
#define MIN_PAIRS 5            /* a level seen less keeps its hand-set weight */

/* The patterns seen, each with its count of pairs. */
struct patterns {
	uint64_t *key;         /* the codes packed, plus 1; 0: free slot */
	size_t *at;            /* into code and count */
	size_t cap, n;
	uint8_t *code;         /* MI_FT_N a pattern */
	double *count;
	size_t capn;
};

static uint64_t
pack(const uint8_t *code)
{
	uint64_t k = 0;
	int f;

	for (f = 0; f < MI_FT_N; f++)
		k = k << 8 | code[f];
	return k + 1;
}

static void
pat_grow(struct patterns *p)
{
	struct patterns old = *p;
	size_t i;

	p->cap = p->cap ? p->cap * 2 : 256;
	p->key = mi_xcalloc(p->cap, sizeof(*p->key));
	p->at = mi_xcalloc(p->cap, sizeof(*p->at));
	for (i = 0; i < old.cap; i++) {
		size_t j;

		if (old.key[i] == 0)
			continue;
		for (j = (old.key[i] * 0x9E3779B97F4A7C15ULL) & (p->cap - 1); p->key[j];
		    j = (j + 1) & (p->cap - 1))
			;
		p->key[j] = old.key[i];
		p->at[j] = old.at[i];
	}
	free(old.key);
	free(old.at);
}

static void
pat_add(struct patterns *p, const uint8_t *code)
{
	uint64_t k = pack(code);
	size_t j;

	if ((p->n + 1) * 2 > p->cap)
		pat_grow(p);
	for (j = (k * 0x9E3779B97F4A7C15ULL) & (p->cap - 1); p->key[j]; j = (j + 1) & (p->cap - 1))
		if (p->key[j] == k) {
			p->count[p->at[j]] += 1;
			return;
		}
	if (p->n == p->capn) {
		p->capn = p->capn ? p->capn * 2 : 256;
		p->code = mi_xrealloc(p->code, p->capn * MI_FT_N);
		p->count = mi_xrealloc(p->count, p->capn * sizeof(*p->count));
	}
	p->key[j] = k;
	p->at[j] = p->n;
	memcpy(p->code + p->n * MI_FT_N, code, MI_FT_N);
	p->count[p->n++] = 1;
}

static void
pat_release(struct patterns *p)
{
	free(p->key);
	free(p->at);
	free(p->code);
	free(p->count);
}

/* What the fit found, level by level (every feature's one after another). */
struct fit {
	int nlev[MI_FT_N];
	size_t nl;
	double *m, *u, *hand, *est, *seen;
	char (*name)[48];
	double prior;
	int iterations;
};

static void
fit_release(struct fit *x)
{
	free(x->m);
	free(x->u);
	free(x->hand);
	free(x->est);
	free(x->seen);
	free(x->name);
}

static double
round2(double v)
{
	return floor(v * 100 + 0.5) / 100;
}

/* cap: the most true pairs can be of all: a record repeats one case at most. */
static void
fit(const mi_matcher *m, const struct patterns *p, double cap, struct fit *x)
{
	double *p0 = mi_xmalloc((p->n ? p->n : 1) * sizeof(double)), s, t = mi_matcher_threshold(m);
	size_t i, off, k;
	int f, l;

	memset(x, 0, sizeof(*x));
	for (f = 0; f < MI_FT_N; f++)
		x->nlev[f] = mi_matcher_nlevels(m, f);
	x->nl = mi_em_levels(MI_FT_N, x->nlev);
	x->m = mi_xcalloc(x->nl + 1, sizeof(double));
	x->u = mi_xcalloc(x->nl + 1, sizeof(double));
	x->hand = mi_xcalloc(x->nl + 1, sizeof(double));
	x->est = mi_xcalloc(x->nl + 1, sizeof(double));
	x->seen = mi_xcalloc(x->nl + 1, sizeof(double));
	x->name = mi_xcalloc(x->nl + 1, sizeof(*x->name));
	for (f = 0, off = 0; f < MI_FT_N; off += (size_t)x->nlev[f], f++)
		for (l = 0; l < x->nlev[f]; l++)
			x->hand[off + (size_t)l] = mi_matcher_level_weight(m, f, l,
			    x->name[off + (size_t)l], sizeof(x->name[0]));
	/* The start: each pattern a match as likely as its hand-set score says,
	 * even odds at the threshold. */
	for (i = 0; i < p->n; i++) {
		s = 0;
		for (f = 0, off = 0; f < MI_FT_N; off += (size_t)x->nlev[f], f++) {
			l = p->code[i * MI_FT_N + (size_t)f];
			if (l != MI_EM_MISSING && l < x->nlev[f]) {
				s += x->hand[off + (size_t)l];
				x->seen[off + (size_t)l] += p->count[i];
			}
		}
		p0[i] = 1 / (1 + exp2(fmin(fmax(t - s, -60), 60)));
	}
	mi_em_mstep(p->code, p->count, p0, p->n, MI_FT_N, x->nlev, cap, x->m, x->u, &x->prior);
	x->iterations = 1 + mi_em_fit(p->code, p->count, p->n, MI_FT_N, x->nlev, cap, x->m, x->u,
	    &x->prior, 1000, 1e-6);
	for (k = 0; k < x->nl; k++)
		x->est[k] = x->seen[k] < MIN_PAIRS ? x->hand[k] :
		    round2(fmin(fmax(log2(x->m[k] / x->u[k]), -MAX_WEIGHT), MAX_WEIGHT));
	free(p0);
}

static void
put_rows(const struct fit *x, mi_out *out)
{
	static const char *const cols[] = { "weight", "hand_set", "estimated", "moved", "m", "u",
		"pairs" };
	char num[6][32];
	const char *v[7];
	size_t k;
	int i;

	for (i = 0; i < 7; i++)
		mi_out_col(out, cols[i], i == 0 ? MI_COL_STR : i == 6 ? MI_COL_INT : MI_COL_NUM);
	for (k = 0; k < x->nl; k++) {
		snprintf(num[0], 32, "%.2f", x->hand[k]);
		snprintf(num[1], 32, "%.2f", x->est[k]);
		snprintf(num[2], 32, "%+.2f", x->est[k] - x->hand[k]);
		snprintf(num[3], 32, "%.4f", x->m[k]);
		snprintf(num[4], 32, "%.4f", x->u[k]);
		snprintf(num[5], 32, "%.0f", x->seen[k]);
		v[0] = x->name[k];
		for (i = 0; i < 6; i++)
			v[i + 1] = num[i];
		mi_out_row(out, v);
	}
}

static int
store(mi_ctx *c, const mi_matcher *m, const struct fit *x, mi_reconcile_trained *t, mi_err *e)
{
	static const char sql[] = "INSERT INTO models(name, trained, examples, data) "
	    "VALUES ('reconcile', ?, ?, ?)";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	cJSON *d = cJSON_CreateObject(), *ev;
	char *text;
	int rc;

	if (st == NULL) {
		cJSON_Delete(d);
		return -1;
	}
	cJSON_AddItemToObject(d, "weights", mi_matcher_weights_json(m, x->est));
	cJSON_AddNumberToObject(d, "threshold", t->threshold);
	cJSON_AddNumberToObject(d, "prior", x->prior);
	cJSON_AddNumberToObject(d, "records", (double)t->records);
	cJSON_AddNumberToObject(d, "pairs", (double)t->pairs);
	cJSON_AddNumberToObject(d, "iterations", x->iterations);
	cJSON_AddItemToObject(d, "m", cJSON_CreateDoubleArray(x->m, (int)x->nl));
	cJSON_AddItemToObject(d, "u", cJSON_CreateDoubleArray(x->u, (int)x->nl));
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	sqlite3_bind_int64(st, 1, c->now);
	sqlite3_bind_int64(st, 2, t->pairs);
	sqlite3_bind_blob(st, 3, text, (int)strlen(text), SQLITE_TRANSIENT);
	cJSON_free(text);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	t->model = sqlite3_last_insert_rowid(c->db);
	ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "model", "reconcile");
	cJSON_AddNumberToObject(ev, "id", (double)t->model);
	cJSON_AddNumberToObject(ev, "records", (double)t->records);
	cJSON_AddNumberToObject(ev, "pairs", (double)t->pairs);
	cJSON_AddNumberToObject(ev, "iterations", x->iterations);
	text = cJSON_PrintUnformatted(ev);
	cJSON_Delete(ev);
	rc = mi_event_add(c, 0, "train", text, e);
	cJSON_free(text);
	return rc;
}

int
mi_reconcile_fit(mi_ctx *c, mi_matcher *m, mi_mjob **jobs, size_t n, mi_out *out,
    mi_reconcile_trained *t, mi_err *e)
{
	struct patterns p;
	struct fit x;
	uint32_t *cand = NULL;
	size_t cap = 0, nc, i, k;
	uint8_t code[MI_FT_N];
	int rc;

	memset(&p, 0, sizeof(p));
	t->records = (long)n;
	t->pairs = 0;
	for (i = 0; i < n; i++) {
		nc = mi_matcher_candidates(m, &jobs[i]->m, &cand, &cap);
		for (k = 0; k < nc; k++) {
			mi_matcher_code(m, &jobs[i]->m, mi_matcher_case(m, cand[k]), code);
			pat_add(&p, code);
		}
		t->pairs += (long)nc;
	}
	free(cand);
	if (t->pairs == 0) {
		pat_release(&p);
		return mi_err_set(e, MI_EX_DATAERR, "no record of the exports has a candidate case "
		    "to compare: nothing to estimate from");
	}
	fit(m, &p, (double)n / (double)t->pairs, &x);
	t->patterns = (long)p.n;
	t->iterations = x.iterations;
	t->prior = x.prior;
	/* A pair scoring this is as likely true as not, given the share of
	 * true pairs among the candidates. */
	t->threshold = round2(log2((1 - x.prior) / x.prior));
	pat_release(&p);
	rc = store(c, m, &x, t, e);
	if (rc == 0)
		put_rows(&x, out);
	fit_release(&x);
	return rc;
}
