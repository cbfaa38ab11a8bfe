/*
 * eval-model.c - experiments with the routing classifier (lib/verbs/classify.c).
 *
 *   eval-model cv FILE K        K-fold cross-validation of the model and of a
 *                               multinomial naive Bayes baseline
 *   eval-model split FILE [PCT] train on PCT% (default 70) of each label, score the rest
 *   eval-model bench FILE [N]   train time, blob size, predictions a second on N
 *                               texts (default 200000) cut to 60 characters
 *   eval-model big FILE N       train on N texts: random 60-character windows of FILE
 *   eval-model table FILE [JSON] every variant tried, 5- and 10-fold, on the same
 *                               folds; JSON is a config whose routing rules'
 *                               keywords make the "words" variants
 *
 * FILE is CSV with the columns text and label. The environment sets the
 * training options (EPOCHS, BITS, L2, SEED, FEAT for the MI_FEAT_* bits;
 * unset means the default), and ERRORS=1 makes split list the texts it gets
 * wrong. The baseline is a multinomial naive Bayes on hashed code-point
 * unigrams and bigrams. scripts/eval-model builds and runs this.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "verbs/verbs.h"
#include "verbs/classify.h"

static const char *prog = "eval-model";
/* Training options from the environment: EPOCHS, BITS, L2, SEED (0 = default). */
static mi_train_opts opts;


typedef struct data {
	char **text, **label;
	size_t n, cap;
} data;

static void
die(const char *msg)
{
	fprintf(stderr, "%s: %s\n", prog, msg);
	exit(1);
}

static void
add(data *d, const char *text, const char *label)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->text = mi_xrealloc(d->text, d->cap * sizeof(*d->text));
		d->label = mi_xrealloc(d->label, d->cap * sizeof(*d->label));
	}
	d->text[d->n] = mi_xstrdup(text);
	d->label[d->n++] = mi_xstrdup(label);
}

static void
load(const char *path, data *d)
{
	mi_reader *r;
	const mi_record *rec;
	const char *t, *l;
	mi_err e = { 0, "" };
	int rc;

	if (mi_reader_open(&r, path, MI_FMT_CSV, MI_ENC_AUTO, &e) < 0)
		die(e.msg);
	while ((rc = mi_reader_next(r, &rec, &e)) > 0) {
		t = mi_record_get(rec, "text");
		l = mi_record_get(rec, "label");
		if (rec->bad == NULL && t != NULL && l != NULL && *l != '\0')
			add(d, t, l);
	}
	if (rc < 0)
		die(e.msg);
	mi_reader_close(r);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this process: the machine is shared, so wall time alone misleads. */
static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t
rng(uint64_t *st)
{
	uint64_t z = (*st += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* ---- the baseline: multinomial naive Bayes on hashed code-point uni+bigrams ---- */

#define NB_BITS 20
static double nb_alpha = 1;

static int
nb_skip(int32_t c)
{
	return c < 0 || (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))) || (c >= 0x2000 && c <= 0x206F) ||
	    (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	    (c >= 0xFF1A && c <= 0xFF20);
}

/* Calls fn for every unigram and bigram bucket of text. */
static void
nb_feats(const char *text, void (*fn)(uint32_t b, void *arg), void *arg)
{
	const char *p = text, *end = text + strlen(text);
	int32_t c, prev = -1;
	uint64_t h;

	while (p < end) {
		c = mi_utf8_next(&p, end);
		if (nb_skip(c)) {
			prev = -1;
			continue;
		}
		h = ((uint64_t)c + 1) * 0x9E3779B97F4A7C15ULL;
		fn((uint32_t)((h ^ h >> 29) * 0xBF58476D1CE4E5B9ULL >> (64 - NB_BITS)), arg);
		if (prev >= 0) {
			h = ((uint64_t)c + 1) * 0x9E3779B97F4A7C15ULL + ((uint64_t)prev + 1) * 0xC2B2AE3D27D4EB4FULL + 7;
			fn((uint32_t)((h ^ h >> 29) * 0xBF58476D1CE4E5B9ULL >> (64 - NB_BITS)), arg);
		}
		prev = c;
	}
}

typedef struct nb {
	size_t L;
	char **labels;
	double *count;   /* L x 2^NB_BITS, then log-probabilities */
	double *total, *prior;
	unsigned char *seen;   /* per bucket: in some training text (others are ignored) */
	int cur;
} nb;

static void
nb_count(uint32_t b, void *arg)
{
	nb *m = arg;

	m->count[(size_t)m->cur * ((size_t)1 << NB_BITS) + b] += 1;
}

static int
label_index(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return (int)i;
	return -1;
}

static void
nb_train(nb *m, char **text, char **label, size_t n)
{
	size_t nb_ = (size_t)1 << NB_BITS, i, b, c, vocab = 0;
	int k;

	m->labels = mi_xmalloc(n * sizeof(*m->labels));
	m->L = 0;
	for (i = 0; i < n; i++)
		if (label_index(m->labels, m->L, label[i]) < 0)
			m->labels[m->L++] = label[i];
	m->count = mi_xcalloc(m->L * nb_, sizeof(double));
	m->total = mi_xcalloc(m->L, sizeof(double));
	m->prior = mi_xcalloc(m->L, sizeof(double));
	for (i = 0; i < n; i++) {
		k = label_index(m->labels, m->L, label[i]);
		m->prior[k] += 1;
		m->cur = k;
		nb_feats(text[i], nb_count, m);
	}
	m->seen = mi_xcalloc(nb_, 1);
	for (b = 0; b < nb_; b++) {
		for (c = 0; c < m->L; c++)
			if (m->count[c * nb_ + b] > 0)
				break;
		m->seen[b] = c < m->L;
		vocab += m->seen[b];
	}
	for (c = 0; c < m->L; c++) {
		for (b = 0; b < nb_; b++)
			m->total[c] += m->count[c * nb_ + b];
		/* Laplace smoothing over the buckets training saw. */
		for (b = 0; b < nb_; b++)
			m->count[c * nb_ + b] = log((m->count[c * nb_ + b] + nb_alpha) / (m->total[c] + nb_alpha * (double)vocab));
		m->prior[c] = log(m->prior[c] / (double)n);
	}
}

typedef struct nbscore {
	const nb *m;
	double *s;
} nbscore;

static void
nb_add(uint32_t b, void *arg)
{
	nbscore *x = arg;
	size_t c;

	if (!x->m->seen[b])
		return;
	for (c = 0; c < x->m->L; c++)
		x->s[c] += x->m->count[c * ((size_t)1 << NB_BITS) + b];
}

static int
nb_predict(const nb *m, const char *text)
{
	double s[256];
	nbscore x = { m, s };
	size_t c, k = 0;

	for (c = 0; c < m->L; c++)
		s[c] = m->prior[c];
	nb_feats(text, nb_add, &x);
	for (c = 1; c < m->L; c++)
		if (s[c] > s[k])
			k = c;
	return (int)k;
}

static void
nb_free(nb *m)
{
	free(m->labels);
	free(m->count);
	free(m->total);
	free(m->prior);
	free(m->seen);
}

/* ---- folds shared by the baseline and the split ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * fold[i] in 0..k-1, stratified by label: the same folds mi_eval_folds
 * makes with this seed (labels in byte order, each label's examples
 * shuffled in turn from one generator, dealt round the folds), so the
 * baseline and the model are scored on the same splits.
 */
static size_t *
folds(const data *d, int k, unsigned seed)
{
	size_t *fold = mi_xmalloc(d->n * sizeof(*fold)), *idx = mi_xmalloc(d->n * sizeof(*idx));
	char **seen = mi_xmalloc(d->n * sizeof(*seen));
	size_t ns = 0, i, m, j, t, x, deal = 0;
	uint64_t st = seed ? seed : 1;

	for (i = 0; i < d->n; i++)
		if (label_index(seen, ns, d->label[i]) < 0)
			seen[ns++] = d->label[i];
	qsort(seen, ns, sizeof(*seen), cmp_str);
	for (j = 0; j < ns; j++) {
		for (i = m = 0; i < d->n; i++)
			if (strcmp(d->label[i], seen[j]) == 0)
				idx[m++] = i;
		for (i = m; i > 1; i--) {
			t = (size_t)(rng(&st) % i);
			x = idx[i - 1];
			idx[i - 1] = idx[t];
			idx[t] = x;
		}
		for (i = 0; i < m; i++)
			fold[idx[i]] = deal++ % (size_t)k;
	}
	free(idx);
	free(seen);
	return fold;
}

static void
nb_cv_into(const data *d, int k, double *acc, double *macro)
{
	size_t *fold = folds(d, k, opts.seed), f, i, ntr, correct = 0;
	char **tt = mi_xmalloc(d->n * sizeof(*tt)), **tl = mi_xmalloc(d->n * sizeof(*tl));
	char **all = mi_xmalloc(d->n * sizeof(*all));
	size_t nall = 0, *conf, L, t, p;
	double f1 = 0;
	nb m;

	for (i = 0; i < d->n; i++)
		if (label_index(all, nall, d->label[i]) < 0)
			all[nall++] = d->label[i];
	L = nall;
	conf = mi_xcalloc(L * L, sizeof(*conf));
	for (f = 0; f < (size_t)k; f++) {
		for (i = ntr = 0; i < d->n; i++)
			if (fold[i] != f) {
				tt[ntr] = d->text[i];
				tl[ntr++] = d->label[i];
			}
		nb_train(&m, tt, tl, ntr);
		for (i = 0; i < d->n; i++)
			if (fold[i] == f) {
				p = (size_t)label_index(all, L, m.labels[nb_predict(&m, d->text[i])]);
				t = (size_t)label_index(all, L, d->label[i]);
				conf[t * L + p]++;
				correct += p == t;
			}
		nb_free(&m);
	}
	for (t = 0; t < L; t++) {
		size_t row = 0, col = 0;

		for (p = 0; p < L; p++) {
			row += conf[t * L + p];
			col += conf[p * L + t];
		}
		f1 += row + col ? 2.0 * conf[t * L + t] / (double)(row + col) : 0;
	}
	*acc = (double)correct / (double)d->n;
	*macro = f1 / (double)L;
	free(conf);
	free(all);
	free(tt);
	free(tl);
	free(fold);
}

static void
nb_cv(const data *d, int k)
{
	double acc, f1;

	nb_cv_into(d, k, &acc, &f1);
	printf("nb     %2d-fold  accuracy %.4f  macro-F1 %.4f  (alpha %g)\n", k, acc, f1, nb_alpha);
}

/* The baseline's rows of the table, on the same folds. */
static void
nb_table(const data *d)
{
	static const double alphas[] = { 1, 0.1 };
	double acc, f1;
	size_t a;

	for (a = 0; a < 2; a++) {
		nb_alpha = alphas[a];
		printf("%-34s%-6g %-5s %-5s", "naive Bayes (uni+bigrams), alpha", nb_alpha, "-", "-");
		nb_cv_into(d, 5, &acc, &f1);
		printf(" %-8.4f %-8.4f", acc, f1);
		nb_cv_into(d, 10, &acc, &f1);
		printf(" %-8.4f %-8.4f\n", acc, f1);
	}
}

static void
print_eval(const char *what, const mi_eval *ev, int matrix)
{
	size_t t, p;

	printf("%s  accuracy %.4f  macro-F1 %.4f  (%zu/%zu)\n", what, ev->accuracy, ev->macro_f1,
	    ev->correct, ev->n);
	if (!matrix)
		return;
	for (t = 0; t < ev->nlabels; t++) {
		printf("  %-8s", ev->labels[t]);
		for (p = 0; p < ev->nlabels; p++)
			printf(" %4zu", ev->confusion[t * ev->nlabels + p]);
		printf("\n");
	}
}

static void
cv(const data *d, int k, int baseline)
{
	mi_eval ev;
	mi_err e = { 0, "" };
	char what[64];
	double t0 = now();

	if (baseline) {
		/* Laplace smoothing, then the alpha that did best here. */
		nb_alpha = 1;
		nb_cv(d, k);
		nb_alpha = 0.1;
		nb_cv(d, k);
	}
	if (mi_eval_folds((const char *const *)d->text, (const char *const *)d->label, d->n, k,
	    &opts, &ev, &e) < 0)
		die(e.msg);
	snprintf(what, sizeof(what), "model  %2d-fold", k);
	print_eval(what, &ev, 0);
	printf("  (%.2f s)\n", now() - t0);
	mi_eval_release(&ev);
}

/* How well the confidence matches the hit rate: by tenths, and on the whole. */
static void
calibration(const mi_model *m, char **text, char **label, size_t n)
{
	size_t cnt[10] = { 0 }, hit[10] = { 0 }, i, b;
	double sum[10] = { 0 }, conf, tot = 0, ece = 0;
	int y, ok;

	for (i = 0; i < n; i++) {
		y = mi_model_predict(m, text[i], &conf);
		ok = strcmp(mi_model_label(m, y), label[i]) == 0;
		b = conf >= 1 ? 9 : (size_t)(conf * 10);
		cnt[b]++;
		hit[b] += ok;
		sum[b] += conf;
		tot += conf;
	}
	printf("confidence: mean %.3f\n", tot / (double)n);
	for (b = 0; b < 10; b++)
		if (cnt[b]) {
			printf("  [%.1f,%.1f) %4zu texts: mean confidence %.3f, accuracy %.3f\n",
			    b / 10.0, (b + 1) / 10.0, cnt[b], sum[b] / (double)cnt[b],
			    (double)hit[b] / (double)cnt[b]);
			ece += fabs(sum[b] - (double)hit[b]) / (double)n;
		}
	printf("  expected calibration error %.3f\n", ece);
}

static void
split(const data *d, int pct)
{
	size_t *fold = folds(d, 100, 7), i, ntr = 0, nte = 0;
	char **trt = mi_xmalloc(d->n * sizeof(char *)), **trl = mi_xmalloc(d->n * sizeof(char *));
	char **tet = mi_xmalloc(d->n * sizeof(char *)), **tel = mi_xmalloc(d->n * sizeof(char *));
	mi_model *m;
	mi_eval ev;
	mi_err e = { 0, "" };
	nb b;
	size_t correct;
	int a;

	/* Folds of 1% each: the first pct of them train. */
	for (i = 0; i < d->n; i++) {
		if (fold[i] < (size_t)pct) {
			trt[ntr] = d->text[i];
			trl[ntr++] = d->label[i];
		} else {
			tet[nte] = d->text[i];
			tel[nte++] = d->label[i];
		}
	}
	if ((m = mi_model_train((const char *const *)trt, (const char *const *)trl, ntr, &opts, &e)) == NULL)
		die(e.msg);
	if (mi_eval_model(m, (const char *const *)tet, (const char *const *)tel, nte, &ev, &e) < 0)
		die(e.msg);
	printf("split %d/%d: %zu train, %zu test\n", pct, 100 - pct, ntr, nte);
	if (getenv("ERRORS"))
		for (i = 0; i < nte; i++) {
			double cf;
			int y = mi_model_predict(m, tet[i], &cf);

			if (strcmp(mi_model_label(m, y), tel[i]) != 0)
				printf("ERR truth %s pred %s (%.2f): %.150s\n", tel[i], mi_model_label(m, y), cf, tet[i]);
		}
	print_eval("model", &ev, 1);
	calibration(m, tet, tel, nte);
	for (a = 0; a < 2; a++) {
		nb_alpha = a == 0 ? 1 : 0.1;
		nb_train(&b, trt, trl, ntr);
		for (i = correct = 0; i < nte; i++)
			correct += strcmp(b.labels[nb_predict(&b, tet[i])], tel[i]) == 0;
		printf("nb     accuracy %.4f  (alpha %g)\n", (double)correct / (double)nte, nb_alpha);
		nb_free(&b);
	}
	mi_eval_release(&ev);
	mi_model_free(m);
	free(fold);
	free(trt);
	free(trl);
	free(tet);
	free(tel);
}

/* The first max code points of s, as a new string. */
static char *
cut(const char *s, size_t max)
{
	const char *p = s, *end = s + strlen(s);
	size_t k = 0;

	while (p < end && k++ < max)
		mi_utf8_next(&p, end);
	return mi_xstrndup(s, (size_t)(p - s));
}

static void
bench(const data *d, size_t n)
{
	char **t = mi_xmalloc(n * sizeof(*t));
	mi_model *m, *m2;
	mi_err e = { 0, "" };
	mi_buf blob = MI_BUF_INIT;
	double t0, c0, dt, conf, csum = 0;
	size_t i, bytes = 0;
	long sum = 0;

	t0 = now();
	c0 = cpu();
	if ((m = mi_model_train((const char *const *)d->text, (const char *const *)d->label, d->n,
	    &opts, &e)) == NULL)
		die(e.msg);
	printf("train %zu texts: %.3f s (cpu %.3f s)\n", d->n, now() - t0, cpu() - c0);
	t0 = now();
	mi_model_save(m, &blob);
	dt = now() - t0;
	printf("blob %zu bytes (save %.3f s", blob.len, dt);
	t0 = now();
	if (mi_model_load(&m2, blob.s, blob.len, &e) < 0)
		die(e.msg);
	printf(", load %.3f s)\n", now() - t0);
	for (i = 0; i < n; i++) {
		t[i] = cut(d->text[i % d->n], 60);
		bytes += strlen(t[i]);
	}
	t0 = now();
	c0 = cpu();
	for (i = 0; i < n; i++) {
		sum += mi_model_predict(m2, t[i], &conf);
		csum += conf;
	}
	dt = now() - t0;
	c0 = cpu() - c0;
	printf("predict %zu texts of %.1f bytes on average: %.3f s, %.0f texts/s; cpu %.3f s, %.0f texts/s "
	    "(mean confidence %.3f, checksum %ld)\n",
	    n, (double)bytes / (double)n, dt, (double)n / dt, c0, (double)n / c0, csum / (double)n, sum);
	for (i = 0; i < n; i++)
		free(t[i]);
	free(t);
	mi_buf_release(&blob);
	mi_model_free(m);
	mi_model_free(m2);
}

/* ---- the table: every variant on the same folds ---- */

/* The variants tried, in the order they were tried; "words" adds the
 * keyword lists' words found in a text as tokens of their own. */
static const struct variant {
	const char *name;
	unsigned features;
	double l2;
	int words;
} variants[] = {
	{ "svm (uni+bigrams, sublinear tf-idf)", MI_FEAT_PLAIN, 0.3, 0 },
	{ "svm + first sentence", MI_FEAT_HEAD, 0.3, 0 },
	{ "nbsvm", MI_FEAT_NBR, 0.3, 0 },
	{ "nbsvm + first sentence (until now)", MI_FEAT_NBR | MI_FEAT_HEAD, 0.3, 0 },
	{ "  + trigrams", MI_FEAT_NBR | MI_FEAT_HEAD | MI_FEAT_TRI, 0.3, 0 },
	{ "  + skip-bigrams", MI_FEAT_NBR | MI_FEAT_HEAD | MI_FEAT_SKIP, 0.3, 0 },
	{ "  + naive Bayes mixed in", MI_FEAT_NBR | MI_FEAT_HEAD | MI_FEAT_MIX, 0.3, 0 },
	{ "  + keyword-list words", MI_FEAT_NBR | MI_FEAT_HEAD, 0.3, 1 },
	{ "  + class weights", MI_FEAT_NBR | MI_FEAT_HEAD | MI_FEAT_BALANCE, 0.3, 0 },
	{ "  + class weights, l2 0.5 (default)", MI_FEAT_DEFAULT, 0.5, 0 },
	{ "  + class weights, l2 1", MI_FEAT_DEFAULT, 1, 0 },
	{ "  + class weights, l2 0.5, trigrams", MI_FEAT_DEFAULT | MI_FEAT_TRI, 0.5, 0 },
	{ "  + class weights, l2 0.5, naive Bayes", MI_FEAT_DEFAULT | MI_FEAT_MIX, 0.5, 0 },
	{ "  + class weights, l2 0.5, words", MI_FEAT_DEFAULT, 0.5, 1 },
	{ "all of them", MI_FEAT_ALL & ~MI_FEAT_PLAIN, 0.5, 1 },
};

/* Words of the routing rules' keyword lists (routing.rules[].any, .all). */
static char **
rule_words(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	mi_buf b = MI_BUF_INIT;
	char chunk[4096], **w = NULL;
	const char *keys[] = { "any", "all" };
	cJSON *root, *rules, *r, *x;
	size_t got, k;

	*n = 0;
	if (f == NULL)
		die("cannot open the keyword lists");
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		mi_buf_add(&b, chunk, got);
	fclose(f);
	if ((root = cJSON_Parse(mi_buf_str(&b))) == NULL)
		die("keyword lists: bad JSON");
	rules = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "routing"), "rules");
	cJSON_ArrayForEach(r, rules)
		for (k = 0; k < 2; k++)
			cJSON_ArrayForEach(x, cJSON_GetObjectItem(r, keys[k]))
				if (cJSON_IsString(x) && *x->valuestring) {
					w = mi_xrealloc(w, (*n + 1) * sizeof(*w));
					w[(*n)++] = mi_xstrdup(x->valuestring);
				}
	cJSON_Delete(root);
	mi_buf_release(&b);
	return w;
}

/* The texts with each keyword they hold appended as a token of its own
 * ("KW" before it makes its n-grams unlike the text's). */
static data
with_words(const data *d, char **w, size_t nw)
{
	data x = { NULL, NULL, 0, 0 };
	mi_buf b = MI_BUF_INIT;
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		b.len = 0;
		mi_buf_puts(&b, d->text[i]);
		for (j = 0; j < nw; j++)
			if (strstr(d->text[i], w[j]) != NULL)
				mi_buf_printf(&b, " KW%s", w[j]);
		add(&x, mi_buf_str(&b), d->label[i]);
	}
	mi_buf_release(&b);
	return x;
}

static void
release(data *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->text[i]);
		free(d->label[i]);
	}
	free(d->text);
	free(d->label);
}

static void
table(const data *d, const char *words)
{
	static const int ks[] = { 5, 10 };
	mi_train_opts o;
	mi_eval ev;
	mi_err e = { 0, "" };
	data wd = { NULL, NULL, 0, 0 };
	char **w = NULL;
	size_t v, i, nw = 0;
	int k;

	if (words != NULL) {
		w = rule_words(words, &nw);
		wd = with_words(d, w, nw);
	}
	printf("%-40s %-5s %-5s %-8s %-8s %-8s %-8s\n", "variant", "bits", "l2", "acc5",
	    "f1_5", "acc10", "f1_10");
	for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
		if (variants[v].words && words == NULL)
			continue;
		printf("%-40s 0x%02x  %-5g", variants[v].name, variants[v].features, variants[v].l2);
		for (k = 0; k < 2; k++) {
			const data *dd = variants[v].words ? &wd : d;

			o = opts;
			o.features = variants[v].features;
			o.l2 = variants[v].l2;
			if (mi_eval_folds((const char *const *)dd->text, (const char *const *)dd->label,
			    dd->n, ks[k], &o, &ev, &e) < 0)
				die(e.msg);
			printf(" %-8.4f %-8.4f", ev.accuracy, ev.macro_f1);
			mi_eval_release(&ev);
		}
		printf("\n");
		fflush(stdout);
	}
	for (i = 0; i < nw; i++)
		free(w[i]);
	free(w);
	release(&wd);
	nb_table(d);
}

/* Trains on n random 60-code-point windows of the data's texts. */
static void
big(const data *d, size_t n)
{
	char **t = mi_xmalloc(n * sizeof(*t)), **l = mi_xmalloc(n * sizeof(*l));
	const char *p, *end;
	uint64_t st = 42;
	size_t i, j, skip;
	mi_model *m;
	mi_err e = { 0, "" };
	mi_buf blob = MI_BUF_INIT;
	double t0, c0;

	for (i = 0; i < n; i++) {
		j = (size_t)(rng(&st) % d->n);
		p = d->text[j];
		end = p + strlen(p);
		skip = (size_t)(rng(&st) % 200);
		while (skip-- > 0 && p < end)
			mi_utf8_next(&p, end);
		t[i] = cut(p, 60);
		l[i] = d->label[j];
	}
	t0 = now();
	c0 = cpu();
	if ((m = mi_model_train((const char *const *)t, (const char *const *)l, n, &opts, &e)) == NULL)
		die(e.msg);
	printf("train %zu windows: %.2f s (cpu %.2f s)\n", n, now() - t0, cpu() - c0);
	mi_model_save(m, &blob);
	printf("blob %zu bytes\n", blob.len);
	mi_buf_release(&blob);
	mi_model_free(m);
	for (i = 0; i < n; i++)
		free(t[i]);
	free(t);
	free(l);
}

int
main(int argc, char **argv)
{
	data d = { NULL, NULL, 0, 0 };
	size_t i;

	if (getenv("EPOCHS"))
		opts.epochs = atoi(getenv("EPOCHS"));
	if (getenv("BITS"))
		opts.buckets_log2 = atoi(getenv("BITS"));
	if (getenv("L2"))
		opts.l2 = atof(getenv("L2"));
	if (getenv("FEAT"))
		opts.features = (unsigned)strtoul(getenv("FEAT"), NULL, 0);
	if (getenv("SEED"))
		opts.seed = (unsigned)atoi(getenv("SEED"));
	if (argc < 3)
		die("usage: eval-model cv|cvm|split|bench|big|table FILE [ARG]");
	load(argv[2], &d);
	fprintf(stderr, "%zu examples\n", d.n);
	if (strcmp(argv[1], "cv") == 0)
		cv(&d, argc > 3 ? atoi(argv[3]) : 5, 1);
	else if (strcmp(argv[1], "cvm") == 0)
		cv(&d, argc > 3 ? atoi(argv[3]) : 5, 0);
	else if (strcmp(argv[1], "split") == 0)
		split(&d, argc > 3 ? atoi(argv[3]) : 70);
	else if (strcmp(argv[1], "bench") == 0)
		bench(&d, argc > 3 ? (size_t)atol(argv[3]) : 200000);
	else if (strcmp(argv[1], "table") == 0)
		table(&d, argc > 3 ? argv[3] : NULL);
	else if (strcmp(argv[1], "big") == 0)
		big(&d, argc > 3 ? (size_t)atol(argv[3]) : 1000000);
	else
		die("unknown command");
	for (i = 0; i < d.n; i++) {
		free(d.text[i]);
		free(d.label[i]);
	}
	free(d.text);
	free(d.label);
	return 0;
}
