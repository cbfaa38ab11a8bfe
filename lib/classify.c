/*
 * classify.c - learning labels for Chinese citizen messages (see classify.h).
 *
 * A text is cut into symbols (a code point, or one whole ASCII digit or
 * letter run), and runs of symbols between separators give unigrams,
 * bigrams and trigrams. Each n-gram is hashed into a bucket; a bucket's
 * weight is 1 + ln tf times its idf, and the vector is scaled to length 1.
 *
 * Training keeps the per-text vectors in memory when they fit a budget and
 * extracts them again on every pass when they do not, so a million short
 * texts train in bounded memory. The model keeps rows only for buckets seen
 * in training; every other bucket shares row 0, whose weights are zero.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "classify.h"

#define NGRAM_MAX     3
#define BITS_MIN      16
#define BITS_MAX      24
/* Vectors cached during training beyond this many features are extracted
 * again on each pass instead (8 bytes a feature: 512 MiB). */
#define CACHE_MAX     ((size_t)64 << 20)
/* The temperature is fitted on at most this many training texts. */
#define CALIB_MAX     100000
/* Predictions on texts this short use scratch space on the stack. */
#define STACK_SLOTS   2048
#define STACK_LABELS  64

/* Experiment knobs (temporary). */
static struct {
	int algo;         /* 0 svm, 1 softmax */
	int nmax;
	int min_df;
	int cross;        /* n-grams cross separators */
	double bias;
	int sublinear;
	int epochs;
	double l2;
	int bits;
	int head;
	int trunc;
	int noidf;
	int skip;
	double nbalpha, nbpow, nbabs;
	int nbbin;
} knob = { 0, 3, 1, 0, 1.0, 1, 20, 1.0, 20, 0, 0, 0, 0, 1, 1, 0, 0 };

void mi_classify_tune(const char *k, double v);
void
mi_classify_tune(const char *k, double v)
{
	if (strcmp(k, "algo") == 0) knob.algo = (int)v;
	else if (strcmp(k, "nmax") == 0) knob.nmax = (int)v;
	else if (strcmp(k, "min_df") == 0) knob.min_df = (int)v;
	else if (strcmp(k, "cross") == 0) knob.cross = (int)v;
	else if (strcmp(k, "bias") == 0) knob.bias = v;
	else if (strcmp(k, "sublinear") == 0) knob.sublinear = (int)v;
	else if (strcmp(k, "epochs") == 0) knob.epochs = (int)v;
	else if (strcmp(k, "l2") == 0) knob.l2 = v;
	else if (strcmp(k, "bits") == 0) knob.bits = (int)v;
	else if (strcmp(k, "head") == 0) knob.head = (int)v;
	else if (strcmp(k, "trunc") == 0) knob.trunc = (int)v;
	else if (strcmp(k, "noidf") == 0) knob.noidf = (int)v;
	else if (strcmp(k, "skip") == 0) knob.skip = (int)v;
	else if (strcmp(k, "nbalpha") == 0) knob.nbalpha = v;
	else if (strcmp(k, "nbpow") == 0) knob.nbpow = v;
	else if (strcmp(k, "nbabs") == 0) knob.nbabs = v;
	else if (strcmp(k, "nbbin") == 0) knob.nbbin = (int)v;
}

struct mi_model {
	int bits;
	size_t nlabels;
	char **labels;             /* sorted in byte order */
	size_t examples;
	uint32_t *rowof;           /* 2^bits: a bucket's row, 0 when training never saw it */
	size_t nrows;              /* rows, row 0 included */
	size_t stride;             /* floats a row: idf, then one weight per label */
	float *row;
	float *bias;               /* per label, times the constant bias feature */
	float beta;                /* inverse temperature of the confidence */
	float *nbr;
};

/* ---- symbols and n-grams ---- */

/* Run symbols sit above Unicode so they never equal a code point. */
#define SYM_DIGITS  0x110000u
#define SYM_LETTERS 0x80000000u

/* Punctuation, space, symbols and emoji: they end a run of symbols. */
static int
is_separator(int32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	return c <= 0xBF || c == 0xD7 || c == 0xF7 ||
	    (c >= 0x2000 && c <= 0x206F) ||     /* “ ” ‘ ’ … — and zero-width marks */
	    (c >= 0x2190 && c <= 0x2BFF) ||     /* arrows, ①, box drawing, ■ ★ */
	    (c >= 0x3000 && c <= 0x303F) ||     /* 、。《》【】「」 */
	    (c >= 0xFE10 && c <= 0xFE1F) ||     /* vertical forms */
	    (c >= 0xFE30 && c <= 0xFE6F) ||     /* compatibility and small forms */
	    (c >= 0xFF00 && c <= 0xFF65) ||     /* full-width and half-width punctuation */
	    (c >= 0xFFE0 && c <= 0xFFEF) ||     /* ￥ ￡ and friends */
	    c == 0xFEFF ||
	    (c >= 0x1F000 && c <= 0x1FAFF);     /* emoji */
}

/* The next code point with full-width ASCII read as ASCII; -1 when invalid. */
static int32_t
next_cp(const char **p, const char *end)
{
	int32_t c = mi_utf8_next(p, end);

	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFF01 - 0x21;
	return c;
}

static int
is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A strong 64-bit finaliser, so that nearby keys land far apart. */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	return x;
}

/* The unique buckets of one text with their counts, in first-seen order. */
typedef struct fx {
	uint32_t *slot;            /* open addressing: 1 + list index, 0 empty */
	size_t mask;
	uint32_t *bucket, *tf;
	size_t n;
	int bits;
} fx;

static inline void
fx_add(fx *f, uint64_t key)
{
	uint32_t b = (uint32_t)(mix64(key) >> (64 - f->bits));
	size_t i = (size_t)(b * 0x9E3779B1u) & f->mask;
	uint32_t s;

	while ((s = f->slot[i]) != 0) {
		if (f->bucket[s - 1] == b) {
			f->tf[s - 1]++;
			return;
		}
		i = (i + 1) & f->mask;
	}
	f->bucket[f->n] = b;
	f->tf[f->n] = 1;
	f->slot[i] = (uint32_t)++f->n;
}

/* Slots the table needs for a text of len bytes: at most NGRAM_MAX n-grams
 * end at each symbol, and the table stays at most half full. */
static size_t
fx_slots(size_t len)
{
	size_t want = 4 * (NGRAM_MAX + 1) * (len + 1), s = 16;

	while (s < want)
		s <<= 1;
	return s;
}

/* Points f at memory for slots slots: slots + 2 * slots / 2 words. */
static void
fx_setup(fx *f, uint32_t *mem, size_t slots, int bits)
{
	f->slot = mem;
	f->mask = slots - 1;
	f->bucket = mem + slots;
	f->tf = mem + slots + slots / 2;
	f->bits = bits;
}

/* Odd multipliers that place each symbol of an n-gram in the key. */
#define KEY_N  0x9E3779B97F4A7C15ULL
#define KEY_A  0xC2B2AE3D27D4EB4FULL
#define KEY_B  0x165667B19E3779F9ULL
#define KEY_C  0x27D4EB2F165667C5ULL

static void
fx_text(fx *f, const char *text)
{
	const char *p = text, *end = text + strlen(text), *q;
	uint64_t s1 = 0, s2 = 0, s, hk = 0;
	uint32_t h;
	int32_t c, d;
	int run = 0, inhead = knob.head, ncp = 0;

	memset(f->slot, 0, (f->mask + 1) * sizeof(*f->slot));
	f->n = 0;
	while (p < end) {
		c = next_cp(&p, end);
		if (knob.trunc && ++ncp > knob.trunc)
			break;
		if (inhead && (c == 0x3002 || c == '?' || c == '!' || ncp > 60)) {
			inhead = 0;
		}
		hk = inhead ? 0x5555555555555555ULL : 0;
		if (is_digit(c)) {
			/* Numbers (dates, phones, amounts) say little one digit at a time. */
			for (q = p; q < end && is_digit(d = next_cp(&q, end)); p = q)
				;
			s = SYM_DIGITS;
		} else if (is_letter(c)) {
			h = 2166136261u;
			for (;;) {
				h = (h ^ (uint32_t)(c | 0x20)) * 16777619u;
				q = p;
				if (q >= end || !is_letter(c = next_cp(&q, end)))
					break;
				p = q;
			}
			s = SYM_LETTERS | (h & 0x7FFFFFFFu);
		} else if (c < 0 || is_separator(c)) {
			if (!knob.cross)
				run = 0;
			continue;
		} else
			s = (uint64_t)c;
		s += 1;
		fx_add(f, KEY_N + s * KEY_A);
		if (run >= 1 && knob.nmax >= 2)
			fx_add(f, 2 * KEY_N + s * KEY_A + s1 * KEY_B);
		if (run >= 2 && knob.nmax >= 3)
			fx_add(f, 3 * KEY_N + s * KEY_A + s1 * KEY_B + s2 * KEY_C);
		if (run >= 2 && knob.skip)
			fx_add(f, 5 * KEY_N + s * KEY_A + s2 * KEY_C);
		if (hk) {
			fx_add(f, hk + KEY_N + s * KEY_A);
			if (run >= 1 && knob.nmax >= 2)
				fx_add(f, hk + 2 * KEY_N + s * KEY_A + s1 * KEY_B);
			if (run >= 2 && knob.nmax >= 3)
				fx_add(f, hk + 3 * KEY_N + s * KEY_A + s1 * KEY_B + s2 * KEY_C);
		}
		s2 = s1;
		s1 = s;
		run++;
	}
}

/* ---- the model ---- */

static double
tf_weight(uint32_t tf)
{
	return knob.sublinear == 1 ? 1.0 + log((double)tf) : knob.sublinear == 2 ? 1.0 :
	    knob.sublinear == 3 ? sqrt((double)tf) : (double)tf;
}

size_t
mi_model_nlabels(const mi_model *m)
{
	return m->nlabels;
}

const char *
mi_model_label(const mi_model *m, int i)
{
	if (i < 0 || (size_t)i >= m->nlabels)
		return NULL;
	return m->labels[i];
}

size_t
mi_model_examples(const mi_model *m)
{
	return m->examples;
}

void
mi_model_free(mi_model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nlabels; i++)
		free(m->labels[i]);
	free(m->labels);
	free(m->rowof);
	free(m->row);
	free(m->bias);
	free(m->nbr);
	free(m);
}

/*
 * The scores of the vector whose unique buckets f holds: s[c] for every
 * label, before the bias. Returns the squared length the vector had before
 * it was scaled to 1, 0 for a text with no features.
 */
static void
model_scores(const mi_model *m, const fx *f, float *s)
{
	size_t L = m->nlabels, j, c;
	const float *r;
	double norm = 0, v, inv;

	for (c = 0; c < L; c++)
		s[c] = 0;
	for (j = 0; j < f->n; j++) {
		r = m->row + (size_t)m->rowof[f->bucket[j]] * m->stride;
		v = tf_weight(f->tf[j]) * r[0];
		norm += v * v;
		if (m->nbr) {
			const float *q = m->nbr + (size_t)m->rowof[f->bucket[j]] * L;
			for (c = 0; c < L; c++)
				s[c] += (float)v * r[1 + c] * q[c];
		} else
		for (c = 0; c < L; c++)
			s[c] += (float)v * r[1 + c];
	}
	inv = norm > 0 ? 1.0 / sqrt(norm) : 0;
	for (c = 0; c < L; c++)
		s[c] = (float)(s[c] * inv + m->bias[c] * knob.bias);
}

/* The best of L scores (the first on a tie) and its softmax probability. */
static int
best_of(const float *s, size_t L, double beta, double *confidence)
{
	size_t c, k = 0;
	double z = 0;

	for (c = 1; c < L; c++)
		if (s[c] > s[k])
			k = c;
	if (confidence != NULL) {
		for (c = 0; c < L; c++)
			z += exp(beta * ((double)s[c] - s[k]));
		*confidence = 1.0 / z;
	}
	return (int)k;
}

int
mi_model_predict(const mi_model *m, const char *text, double *confidence)
{
	uint32_t stack[STACK_SLOTS * 2], *mem = stack;
	float sstack[STACK_LABELS], *s = sstack;
	size_t slots = fx_slots(strlen(text));
	fx f;
	int k;

	if (slots > STACK_SLOTS)
		mem = mi_xmalloc(slots * 2 * sizeof(*mem));
	if (m->nlabels > STACK_LABELS)
		s = mi_xmalloc(m->nlabels * sizeof(*s));
	fx_setup(&f, mem, slots, m->bits);
	fx_text(&f, text);
	model_scores(m, &f, s);
	k = best_of(s, m->nlabels, m->beta, confidence);
	if (mem != stack)
		free(mem);
	if (s != sstack)
		free(s);
	return k;
}

/* ---- training ---- */

/* A small deterministic generator (splitmix64) for shuffles and folds. */
static uint64_t
rng_next(uint64_t *st)
{
	uint64_t z = (*st += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
shuffle(size_t *a, size_t n, uint64_t *st)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)(rng_next(st) % i);
		t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Index of s in the sorted v[0..n), or -1. */
static long
find_label(char *const *v, size_t n, const char *s)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(s, v[mid]);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* The distinct strings of v[0..n), sorted; caller frees the array and copies. */
static char **
sorted_set(const char *const *v, size_t n, size_t *count)
{
	const char **tmp = mi_xmalloc((n ? n : 1) * sizeof(*tmp));
	char **out;
	size_t i, k = 0;

	memcpy(tmp, v, n * sizeof(*tmp));
	qsort(tmp, n, sizeof(*tmp), cmp_str);
	out = mi_xmalloc((n ? n : 1) * sizeof(*out));
	for (i = 0; i < n; i++)
		if (k == 0 || strcmp(tmp[i], out[k - 1]) != 0)
			out[k++] = mi_xstrdup(tmp[i]);
	free(tmp);
	*count = k;
	return out;
}

/* What a training run holds besides the model it builds. */
typedef struct trainer {
	const char *const *texts;
	size_t n;
	mi_model *m;
	int *y;                    /* label index of each text */

	/* The vectors, when cached: text i is idx/val[off[i] .. off[i+1]). */
	int cached;
	size_t *off;
	uint32_t *idx;
	float *val;
	size_t nfeat, capfeat;

	/* Scratch for one text when the vectors are not cached. */
	fx f;
	uint32_t *fmem;
	size_t fslots;
	uint32_t *vidx;
	float *vval;
	size_t vcap;
} trainer;

static void
tr_extract(trainer *t, const char *text)
{
	size_t slots = fx_slots(strlen(text));

	if (slots > t->fslots) {
		free(t->fmem);
		t->fmem = mi_xmalloc(slots * 2 * sizeof(*t->fmem));
		t->fslots = slots;
	}
	fx_setup(&t->f, t->fmem, slots, t->m->bits);
	fx_text(&t->f, text);
}

/*
 * Turns n (bucket, tf) pairs into a vector of (row, value) scaled to length
 * 1 over all n, leaving out row 0 (its weights are zero and stay so).
 * Output may overlap input as long as it does not start after it.
 */
static size_t
vectorise(const mi_model *m, const uint32_t *bucket, const float *tf, size_t n,
    uint32_t *oidx, float *oval)
{
	double norm = 0, v, inv;
	size_t j, w = 0;
	uint32_t r;

	for (j = 0; j < n; j++) {
		v = tf_weight((uint32_t)tf[j]) * m->row[(size_t)m->rowof[bucket[j]] * m->stride];
		norm += v * v;
	}
	inv = norm > 0 ? 1.0 / sqrt(norm) : 0;
	for (j = 0; j < n; j++) {
		r = m->rowof[bucket[j]];
		if (r == 0)
			continue;
		v = tf_weight((uint32_t)tf[j]) * m->row[(size_t)r * m->stride];
		oidx[w] = r;
		oval[w++] = (float)(v * inv);
	}
	return w;
}

/* First pass: document frequencies, and the (bucket, tf) pairs while they fit. */
static void
tr_count(trainer *t, uint32_t *df)
{
	size_t i, j, k;

	t->cached = 1;
	t->off = mi_xmalloc((t->n + 1) * sizeof(*t->off));
	t->off[0] = 0;
	for (i = 0; i < t->n; i++) {
		tr_extract(t, t->texts[i]);
		k = t->f.n;
		for (j = 0; j < k; j++)
			df[t->f.bucket[j]]++;
		if (!t->cached)
			continue;
		if (t->nfeat + k > CACHE_MAX) {
			t->cached = 0;
			free(t->off);
			free(t->idx);
			free(t->val);
			t->off = NULL;
			t->idx = NULL;
			t->val = NULL;
			continue;
		}
		if (t->nfeat + k > t->capfeat) {
			while (t->nfeat + k > t->capfeat)
				t->capfeat = t->capfeat ? t->capfeat * 2 : 65536;
			t->idx = mi_xrealloc(t->idx, t->capfeat * sizeof(*t->idx));
			t->val = mi_xrealloc(t->val, t->capfeat * sizeof(*t->val));
		}
		for (j = 0; j < k; j++) {
			t->idx[t->nfeat + j] = t->f.bucket[j];
			t->val[t->nfeat + j] = (float)t->f.tf[j];
		}
		t->nfeat += k;
		t->off[i + 1] = t->nfeat;
	}
}

/* Rows for the buckets seen often enough, each with its idf; row 0 for the rest. */
static void
tr_rows(trainer *t, const uint32_t *df)
{
	mi_model *m = t->m;
	size_t nb = (size_t)1 << m->bits, b, r = 1;
	double lognp1 = log((double)t->n + 1);

	for (b = 0; b < nb; b++)
		if (df[b] >= (uint32_t)knob.min_df)
			m->rowof[b] = (uint32_t)r++;
	m->nrows = r;
	m->row = mi_xcalloc(m->nrows * m->stride, sizeof(*m->row));
	/* Smoothed idf: as if one more text held every bucket once. */
	m->row[0] = (float)(lognp1 + 1);
	for (b = 0; b < nb; b++)
		if ((r = m->rowof[b]) != 0)
			m->row[r * m->stride] = knob.noidf ? 1.0f : (float)(lognp1 - log((double)df[b] + 1) + 1);
}

/* Replaces the cached (bucket, tf) pairs by vectors, in place. */
static void
tr_vectorise_cache(trainer *t)
{
	size_t i, w = 0, start, end;

	for (i = 0; i < t->n; i++) {
		start = t->off[i];
		end = t->off[i + 1];
		t->off[i] = w;
		w += vectorise(t->m, t->idx + start, t->val + start, end - start,
		    t->idx + w, t->val + w);
	}
	t->off[t->n] = w;
}

/* Text i's vector; valid until the next call. */
static size_t
tr_vector(trainer *t, size_t i, const uint32_t **idx, const float **val)
{
	size_t j, k;

	if (t->cached) {
		*idx = t->idx + t->off[i];
		*val = t->val + t->off[i];
		return t->off[i + 1] - t->off[i];
	}
	tr_extract(t, t->texts[i]);
	k = t->f.n;
	if (k > t->vcap) {
		t->vcap = k;
		t->vidx = mi_xrealloc(t->vidx, k * sizeof(*t->vidx));
		t->vval = mi_xrealloc(t->vval, k * sizeof(*t->vval));
	}
	for (j = 0; j < k; j++)
		t->vval[j] = (float)t->f.tf[j];
	k = vectorise(t->m, t->f.bucket, t->vval, k, t->vidx, t->vval);
	*idx = t->vidx;
	*val = t->vval;
	return k;
}

/* s[c] = w_c . x + bias_c; returns x . x. */
static double
tr_scores(const mi_model *m, const uint32_t *idx, const float *val, size_t k, float *s)
{
	size_t L = m->nlabels, j, c;
	const float *r;
	double sq = 0;

	for (c = 0; c < L; c++)
		s[c] = (float)(m->bias[c] * knob.bias);
	if (m->nbr) {
		float *q2 = s + L;
		for (c = 0; c < L; c++)
			q2[c] = 0;
		for (j = 0; j < k; j++) {
			const float *q = m->nbr + (size_t)idx[j] * L;
			r = m->row + (size_t)idx[j] * m->stride + 1;
			sq += (double)val[j] * val[j];
			for (c = 0; c < L; c++) {
				float xv = val[j] * q[c];
				s[c] += xv * r[c];
				q2[c] += xv * xv;
			}
		}
		return sq;
	}
	for (j = 0; j < k; j++) {
		r = m->row + (size_t)idx[j] * m->stride + 1;
		sq += (double)val[j] * val[j];
		for (c = 0; c < L; c++)
			s[c] += val[j] * r[c];
	}
	return sq;
}

static void
tr_update(mi_model *m, const uint32_t *idx, const float *val, size_t k, const float *d)
{
	size_t L = m->nlabels, j, c;
	float *r;

	for (j = 0; j < k; j++) {
		r = m->row + (size_t)idx[j] * m->stride + 1;
		if (m->nbr) {
			const float *q = m->nbr + (size_t)idx[j] * L;
			for (c = 0; c < L; c++)
				r[c] += d[c] * val[j] * q[c];
		} else
		for (c = 0; c < L; c++)
			r[c] += d[c] * val[j];
	}
	for (c = 0; c < L; c++)
		m->bias[c] += (float)(d[c] * knob.bias);
}

/*
 * One-vs-rest L2-regularised squared-hinge SVMs, solved in the dual by
 * coordinate descent: each text has one dual variable per label, and
 * updating one moves only that label's weights, so all labels of a text
 * are updated from the same scores. alpha (n * L) holds the duals.
 */
static void
train_svm(trainer *t, int epochs, double l2, uint64_t seed, float *alpha)
{
	mi_model *m = t->m;
	size_t L = m->nlabels, n = t->n, i, c, k, *order = mi_xmalloc(n * sizeof(*order));
	float *s = mi_xmalloc(3 * L * sizeof(*s)), *d = s + 2 * L;
	double D = l2 / 2, B2 = knob.bias * knob.bias, sq, g, a, na, y;
	const uint32_t *idx;
	const float *val;
	uint64_t st = seed;
	int ep, moved;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (ep = 0; ep < epochs; ep++) {
		shuffle(order, n, &st);
		for (i = 0; i < n; i++) {
			k = tr_vector(t, order[i], &idx, &val);
			sq = tr_scores(m, idx, val, k, s);
			moved = 0;
			for (c = 0; c < L; c++) {
				y = (int)c == t->y[order[i]] ? 1 : -1;
				a = alpha[order[i] * L + c];
				g = y * s[c] - 1 + D * a;
				na = a - g / ((m->nbr ? s[L + c] : sq) + B2 + D);
				if (na < 0)
					na = 0;
				d[c] = (float)((na - a) * y);
				alpha[order[i] * L + c] = (float)na;
				moved |= d[c] != 0;
			}
			if (moved)
				tr_update(m, idx, val, k, d);
		}
	}
	free(order);
	free(s);
}

/*
 * Multinomial logistic regression by SGD with a decaying step; the L2
 * shrink is applied lazily through one scale for all weights.
 */
static void
train_softmax(trainer *t, int epochs, double l2, uint64_t seed)
{
	mi_model *m = t->m;
	size_t L = m->nlabels, n = t->n, i, c, k, j, *order = mi_xmalloc(n * sizeof(*order));
	float *s = mi_xmalloc(2 * L * sizeof(*s)), *d = s + L;
	double lambda = l2 / (double)n, eta0 = 0.5, eta, scale = 1, z, mx, step = 0;
	const uint32_t *idx;
	const float *val;
	uint64_t st = seed;
	size_t r;
	int ep;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (ep = 0; ep < epochs; ep++) {
		shuffle(order, n, &st);
		for (i = 0; i < n; i++) {
			eta = eta0 / (1 + eta0 * lambda * step++);
			k = tr_vector(t, order[i], &idx, &val);
			tr_scores(m, idx, val, k, s);
			/* the stored weights are the true ones divided by scale; bias is not scaled */
			mx = -1e30;
			for (c = 0; c < L; c++) {
				s[c] = (float)((s[c] - m->bias[c] * knob.bias) * scale + m->bias[c] * knob.bias);
				if (s[c] > mx)
					mx = s[c];
			}
			z = 0;
			for (c = 0; c < L; c++)
				z += exp(s[c] - mx);
			for (c = 0; c < L; c++) {
				double p = exp(s[c] - mx) / z;
				d[c] = (float)(-eta * (p - ((int)c == t->y[order[i]])));
			}
			scale *= 1 - eta * lambda;
			for (j = 0; j < k; j++) {
				float *row = m->row + (size_t)idx[j] * m->stride + 1;
				for (c = 0; c < L; c++)
					row[c] += (float)(d[c] * val[j] / scale);
			}
			for (c = 0; c < L; c++)
				m->bias[c] += (float)(d[c] * knob.bias);
			if (scale < 1e-4) {
				for (r = 1; r < m->nrows; r++)
					for (c = 0; c < L; c++)
						m->row[r * m->stride + 1 + c] *= (float)scale;
				scale = 1;
			}
		}
	}
	for (r = 1; r < m->nrows; r++)
		for (c = 0; c < L; c++)
			m->row[r * m->stride + 1 + c] *= (float)scale;
	free(order);
	free(s);
}

/* Mean gradient in beta of the softmax loss over the scores s (cnt x L). */
static double
nll_slope(const float *s, const int *y, size_t cnt, size_t L, double beta)
{
	size_t i, c;
	double g = 0, z, ez, mx, e;

	for (i = 0; i < cnt; i++) {
		const float *si = s + i * L;

		mx = si[0];
		for (c = 1; c < L; c++)
			if (si[c] > mx)
				mx = si[c];
		z = ez = 0;
		for (c = 0; c < L; c++) {
			e = exp(beta * (si[c] - mx));
			z += e;
			ez += e * si[c];
		}
		g += ez / z - si[y[i]];
	}
	return g / (double)cnt;
}

/*
 * Fits the confidence's inverse temperature. A text's scores are taken as if
 * the model had not seen it, by removing its own part of each label's
 * weights (alpha y x), so the fit does not learn the training set's
 * overconfidence. The loss is convex in beta: bisect on its slope.
 */
static void
calibrate(trainer *t, const float *alpha)
{
	mi_model *m = t->m;
	size_t L = m->nlabels, step = (t->n + CALIB_MAX - 1) / CALIB_MAX, cnt = 0, i, c, k;
	float *s = mi_xmalloc(((t->n + step - 1) / step) * L * sizeof(*s));
	int *y = mi_xmalloc(((t->n + step - 1) / step) * sizeof(*y));
	double lo = 0, hi = 256, mid, sq;
	const uint32_t *idx;
	const float *val;
	int it;

	for (i = 0; i < t->n; i += step, cnt++) {
		k = tr_vector(t, i, &idx, &val);
		sq = tr_scores(m, idx, val, k, s + cnt * L);
		y[cnt] = t->y[i];
		if (alpha != NULL)
			for (c = 0; c < L; c++)
				s[cnt * L + c] -= (float)(alpha[i * L + c] * ((int)c == t->y[i] ? 1 : -1) *
				    (sq + knob.bias * knob.bias));
	}
	if (nll_slope(s, y, cnt, L, hi) < 0)
		lo = hi;
	for (it = 0; it < 50 && hi - lo > 1e-3; it++) {
		mid = (lo + hi) / 2;
		if (nll_slope(s, y, cnt, L, mid) < 0)
			lo = mid;
		else
			hi = mid;
	}
	m->beta = (float)((lo + hi) / 2);
	free(s);
	free(y);
}

static void
tr_release(trainer *t)
{
	free(t->y);
	free(t->off);
	free(t->idx);
	free(t->val);
	free(t->fmem);
	free(t->vidx);
	free(t->vval);
}

/* Options with defaults filled in; -1 with e set when one is out of range. */
static int
train_opts(const mi_train_opts *o, mi_train_opts *out, mi_err *e)
{
	mi_train_opts z = { 0, 0, 0, 0 };

	if (o == NULL)
		o = &z;
	out->epochs = o->epochs ? o->epochs : knob.epochs;
	out->buckets_log2 = o->buckets_log2 ? o->buckets_log2 : knob.bits;
	out->l2 = o->l2 != 0 ? o->l2 : knob.l2;
	out->seed = o->seed ? o->seed : 1;
	if (out->epochs < 1 || out->epochs > 1000)
		return mi_err_set(e, MI_EX_USAGE, "epochs %d out of range 1..1000", out->epochs);
	if (out->buckets_log2 < BITS_MIN || out->buckets_log2 > BITS_MAX)
		return mi_err_set(e, MI_EX_USAGE, "buckets_log2 %d out of range %d..%d",
		    out->buckets_log2, BITS_MIN, BITS_MAX);
	if (!(out->l2 > 0) || !isfinite(out->l2))
		return mi_err_set(e, MI_EX_USAGE, "l2 %g is not a positive number", out->l2);
	return 0;
}

mi_model *
mi_model_train(const char *const *texts, const char *const *labels, size_t n,
    const mi_train_opts *o, mi_err *e)
{
	mi_train_opts op;
	trainer t;
	mi_model *m;
	uint32_t *df;
	float *alpha = NULL;
	size_t i;

	if (train_opts(o, &op, e) < 0)
		return NULL;
	if (n == 0 || texts == NULL || labels == NULL) {
		mi_err_set(e, MI_EX_DATAERR, "no examples to learn from");
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (texts[i] == NULL || labels[i] == NULL || labels[i][0] == '\0') {
			mi_err_set(e, MI_EX_DATAERR, "example %zu has no %s", i + 1,
			    texts[i] == NULL ? "text" : "label");
			return NULL;
		}
	m = mi_xcalloc(1, sizeof(*m));
	m->labels = sorted_set(labels, n, &m->nlabels);
	if (m->nlabels < 2) {
		mi_err_set(e, MI_EX_DATAERR, "only one label (\"%s\"): nothing to tell apart",
		    m->labels[0]);
		mi_model_free(m);
		return NULL;
	}
	m->bits = op.buckets_log2;
	m->examples = n;
	m->stride = 1 + m->nlabels;
	m->rowof = mi_xcalloc((size_t)1 << m->bits, sizeof(*m->rowof));
	m->bias = mi_xcalloc(m->nlabels, sizeof(*m->bias));

	memset(&t, 0, sizeof(t));
	t.texts = texts;
	t.n = n;
	t.m = m;
	t.y = mi_xmalloc(n * sizeof(*t.y));
	for (i = 0; i < n; i++)
		t.y[i] = (int)find_label(m->labels, m->nlabels, labels[i]);
	df = mi_xcalloc((size_t)1 << m->bits, sizeof(*df));
	tr_count(&t, df);
	tr_rows(&t, df);
	free(df);
	if (t.cached)
		tr_vectorise_cache(&t);
	if (knob.algo == 2 && t.cached) {
		size_t L = m->nlabels, j, c;
		double *p = mi_xcalloc(m->nrows * L, sizeof(double)), *tot = mi_xcalloc(m->nrows, sizeof(double));
		double *pc = mi_xcalloc(L, sizeof(double)), all = 0, al = knob.nbalpha;
		for (i = 0; i < n; i++)
			for (j = t.off[i]; j < t.off[i + 1]; j++) {
				double x = knob.nbbin ? 1 : t.val[j];
				p[t.idx[j] * L + t.y[i]] += x;
				tot[t.idx[j]] += x;
				pc[t.y[i]] += x;
				all += x;
			}
		m->nbr = mi_xcalloc(m->nrows * L, sizeof(float));
		for (j = 1; j < m->nrows; j++)
			for (c = 0; c < L; c++) {
				double a = (p[j * L + c] + al) / (pc[c] + al * (double)m->nrows);
				double b = (tot[j] - p[j * L + c] + al) / (all - pc[c] + al * (double)m->nrows);
				m->nbr[j * L + c] = (float)pow(fabs(log(a / b)), knob.nbpow) * (log(a/b) < 0 ? -1 : 1);
				if (knob.nbabs) m->nbr[j * L + c] = (float)fabs(m->nbr[j * L + c]) + (float)knob.nbabs - 1;
			}
		free(p); free(tot); free(pc);
	}
	if (knob.algo != 1) {
		alpha = mi_xcalloc(n * m->nlabels, sizeof(*alpha));
		train_svm(&t, op.epochs, op.l2, op.seed, alpha);
	} else
		train_softmax(&t, op.epochs, op.l2, op.seed);
	calibrate(&t, alpha);
	free(alpha);
	tr_release(&t);
	return m;
}

/* ---- the blob ---- */

static const char magic[8] = { 'M', 'I', 'N', 'Y', 'I', 'C', 'L', 'S' };
#define BLOB_VERSION 1
#define BLOB_MIN (8 + 4 * 4 + 2 * 8 + 2 * 4 + 4)   /* header and checksum */

static uint32_t
crc32(const unsigned char *p, size_t n)
{
	uint32_t tab[256], c = 0xFFFFFFFFu, x;
	int i, k;

	for (i = 0; i < 256; i++) {
		x = (uint32_t)i;
		for (k = 0; k < 8; k++)
			x = (x >> 1) ^ (0xEDB88320u & (0u - (x & 1)));
		tab[i] = x;
	}
	while (n--)
		c = tab[(c ^ *p++) & 0xFF] ^ (c >> 8);
	return ~c;
}

static void
put_u32(mi_buf *b, uint32_t v)
{
	char x[4];

	x[0] = (char)(v & 0xFF);
	x[1] = (char)(v >> 8 & 0xFF);
	x[2] = (char)(v >> 16 & 0xFF);
	x[3] = (char)(v >> 24 & 0xFF);
	mi_buf_add(b, x, 4);
}

static void
put_u64(mi_buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)(v & 0xFFFFFFFFu));
	put_u32(b, (uint32_t)(v >> 32));
}

static void
put_f32(mi_buf *b, float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	put_u32(b, u);
}

void
mi_model_save(const mi_model *m, mi_buf *out)
{
	size_t start = out->len, nb = (size_t)1 << m->bits, b, c, len;
	const float *r;

	mi_buf_add(out, magic, sizeof(magic));
	put_u32(out, BLOB_VERSION);
	put_u32(out, (uint32_t)m->bits);
	put_u32(out, (uint32_t)m->nlabels);
	put_u32(out, 0);                         /* flags, none yet */
	put_u64(out, m->examples);
	put_u64(out, m->nrows - 1);
	put_f32(out, m->beta);
	put_f32(out, m->row[0]);
	for (c = 0; c < m->nlabels; c++) {
		len = strlen(m->labels[c]);
		put_u32(out, (uint32_t)len);
		mi_buf_add(out, m->labels[c], len);
	}
	for (c = 0; c < m->nlabels; c++)
		put_f32(out, m->bias[c]);
	/* Buckets in increasing order, so a loaded model numbers its rows alike. */
	for (b = 0; b < nb; b++) {
		if (m->rowof[b] == 0)
			continue;
		r = m->row + (size_t)m->rowof[b] * m->stride;
		put_u32(out, (uint32_t)b);
		for (c = 0; c < m->stride; c++)
			put_f32(out, r[c]);
	}
	put_u32(out, crc32((const unsigned char *)out->s + start, out->len - start));
}

typedef struct reader {
	const unsigned char *p, *end;
} reader;

static uint32_t
get_u32(reader *r)
{
	const unsigned char *p = r->p;

	r->p += 4;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t
get_u64(reader *r)
{
	uint64_t lo = get_u32(r);

	return lo | (uint64_t)get_u32(r) << 32;
}

static float
get_f32(reader *r)
{
	uint32_t u = get_u32(r);
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

static size_t
left(const reader *r)
{
	return (size_t)(r->end - r->p);
}

static int
corrupt(mi_err *e, const char *why)
{
	return mi_err_set(e, MI_EX_DATAERR, "model blob is corrupt: %s", why);
}

/* Labels: lengths and bytes, non-empty, without NUL, strictly increasing. */
static int
load_labels(reader *r, mi_model *m, mi_err *e)
{
	size_t c;
	uint32_t len;

	m->labels = mi_xcalloc(m->nlabels, sizeof(*m->labels));
	for (c = 0; c < m->nlabels; c++) {
		if (left(r) < 4)
			return corrupt(e, "cut in the labels");
		len = get_u32(r);
		if (len == 0 || len > left(r) || memchr(r->p, '\0', len) != NULL)
			return corrupt(e, "bad label");
		m->labels[c] = mi_xstrndup((const char *)r->p, len);
		r->p += len;
		if (c > 0 && strcmp(m->labels[c - 1], m->labels[c]) >= 0)
			return corrupt(e, "labels out of order");
	}
	return 0;
}

static int
load_rows(reader *r, mi_model *m, mi_err *e)
{
	size_t c, k;
	uint32_t b, prev = 0;
	float *row;

	for (c = 0; c < m->nlabels; c++)
		if (!isfinite(m->bias[c] = get_f32(r)))
			return corrupt(e, "bad weight");
	for (k = 1; k < m->nrows; k++) {
		b = get_u32(r);
		if (b >> m->bits != 0 || (k > 1 && b <= prev))
			return corrupt(e, "bad bucket");
		prev = b;
		m->rowof[b] = (uint32_t)k;
		row = m->row + k * m->stride;
		for (c = 0; c < m->stride; c++)
			if (!isfinite(row[c] = get_f32(r)))
				return corrupt(e, "bad weight");
	}
	return 0;
}

int
mi_model_load(mi_model **out, const void *data, size_t n, mi_err *e)
{
	reader r;
	mi_model *m;
	uint32_t version, flags;
	uint64_t nrows;

	*out = NULL;
	r.p = data;
	r.end = r.p + n;
	if (n < BLOB_MIN || memcmp(r.p, magic, sizeof(magic)) != 0)
		return mi_err_set(e, MI_EX_DATAERR, "not a minyi model");
	r.end -= 4;
	if (crc32(r.p, n - 4) != get_u32(&(reader){ r.end, r.end + 4 }))
		return corrupt(e, "checksum mismatch");
	r.p += sizeof(magic);
	if ((version = get_u32(&r)) != BLOB_VERSION)
		return mi_err_set(e, MI_EX_DATAERR, "model format version %u is not %d, the one this "
		    "program reads", version, BLOB_VERSION);
	m = mi_xcalloc(1, sizeof(*m));
	m->bits = (int)get_u32(&r);
	m->nlabels = get_u32(&r);
	flags = get_u32(&r);
	m->examples = (size_t)get_u64(&r);
	nrows = get_u64(&r);
	m->beta = get_f32(&r);
	if (m->bits < BITS_MIN || m->bits > BITS_MAX || m->nlabels < 2 || flags != 0 ||
	    m->nlabels > left(&r) / 8 || nrows > (1u << m->bits) || !isfinite(m->beta)) {
		mi_model_free(m);
		return corrupt(e, "bad header");
	}
	m->stride = 1 + m->nlabels;
	m->nrows = (size_t)nrows + 1;
	m->rowof = mi_xcalloc((size_t)1 << m->bits, sizeof(*m->rowof));
	m->bias = mi_xcalloc(m->nlabels, sizeof(*m->bias));
	m->row = mi_xcalloc(m->nrows * m->stride, sizeof(*m->row));
	m->row[0] = get_f32(&r);
	if (load_labels(&r, m, e) < 0) {
		mi_model_free(m);
		return -1;
	}
	/* What is left must be the biases and the rows, exactly. */
	if (left(&r) / 4 < m->nlabels || (left(&r) / 4 - m->nlabels) / (1 + m->stride) != nrows ||
	    left(&r) != 4 * (m->nlabels + (size_t)nrows * (1 + m->stride))) {
		mi_model_free(m);
		return corrupt(e, "size does not match the header");
	}
	if (load_rows(&r, m, e) < 0) {
		mi_model_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

/* ---- evaluation ---- */

void
mi_eval_release(mi_eval *ev)
{
	size_t i;

	if (ev->labels != NULL)
		for (i = 0; i < ev->nlabels; i++)
			free(ev->labels[i]);
	free(ev->labels);
	free(ev->confusion);
	memset(ev, 0, sizeof(*ev));
}

/* Accuracy and macro-F1 from the confusion matrix. */
static void
eval_finish(mi_eval *ev)
{
	size_t L = ev->nlabels, t, p, row, col, k = 0;
	double f1 = 0;

	ev->n = ev->correct = 0;
	for (t = 0; t < L; t++) {
		row = col = 0;
		for (p = 0; p < L; p++) {
			row += ev->confusion[t * L + p];
			col += ev->confusion[p * L + t];
		}
		ev->n += row;
		ev->correct += ev->confusion[t * L + t];
		/* F1 = 2 tp / (support + predicted): the harmonic mean of P and R. */
		if (row + col > 0) {
			f1 += 2.0 * (double)ev->confusion[t * L + t] / (double)(row + col);
			k++;
		}
	}
	ev->accuracy = ev->n ? (double)ev->correct / (double)ev->n : 0;
	ev->macro_f1 = k ? f1 / (double)k : 0;
}

static int
check_inputs(const char *const *texts, const char *const *labels, size_t n, mi_err *e)
{
	size_t i;

	if (n == 0 || texts == NULL || labels == NULL)
		return mi_err_set(e, MI_EX_DATAERR, "no examples to score");
	for (i = 0; i < n; i++)
		if (texts[i] == NULL || labels[i] == NULL)
			return mi_err_set(e, MI_EX_DATAERR, "example %zu has no %s", i + 1,
			    texts[i] == NULL ? "text" : "label");
	return 0;
}

int
mi_eval_model(const mi_model *m, const char *const *texts, const char *const *labels,
    size_t n, mi_eval *out, mi_err *e)
{
	const char **unk;
	char **extra;
	size_t i, nunk = 0, nextra, L = m->nlabels, t;
	long k;

	memset(out, 0, sizeof(*out));
	if (check_inputs(texts, labels, n, e) < 0)
		return -1;
	unk = mi_xmalloc(n * sizeof(*unk));
	for (i = 0; i < n; i++)
		if (find_label(m->labels, L, labels[i]) < 0)
			unk[nunk++] = labels[i];
	extra = sorted_set(unk, nunk, &nextra);
	free(unk);
	out->nlabels = L + nextra;
	out->labels = mi_xmalloc(out->nlabels * sizeof(*out->labels));
	for (i = 0; i < L; i++)
		out->labels[i] = mi_xstrdup(m->labels[i]);
	memcpy(out->labels + L, extra, nextra * sizeof(*extra));
	free(extra);
	out->confusion = mi_xcalloc(out->nlabels * out->nlabels, sizeof(*out->confusion));
	for (i = 0; i < n; i++) {
		k = find_label(m->labels, L, labels[i]);
		t = k >= 0 ? (size_t)k : L + (size_t)find_label(out->labels + L, nextra, labels[i]);
		out->confusion[t * out->nlabels + (size_t)mi_model_predict(m, texts[i], NULL)]++;
	}
	eval_finish(out);
	return 0;
}

int
mi_eval_folds(const char *const *texts, const char *const *labels, size_t n, int k,
    const mi_train_opts *o, mi_eval *out, mi_err *e)
{
	const char **trt, **trl;
	size_t i, j, c, f, ntr, L, *by, *start, *fold, *map, deal = 0;
	uint64_t st = o != NULL && o->seed ? o->seed : 1;
	mi_model *m;
	int y, rc = 0;

	memset(out, 0, sizeof(*out));
	if (check_inputs(texts, labels, n, e) < 0)
		return -1;
	if (k < 2 || (size_t)k > n)
		return mi_err_set(e, MI_EX_USAGE, "%d folds for %zu examples: need 2..%zu", k, n, n);
	out->labels = sorted_set(labels, n, &out->nlabels);
	L = out->nlabels;
	out->confusion = mi_xcalloc(L * L, sizeof(*out->confusion));

	/* Stratify: each label's examples, shuffled, are dealt round the folds. */
	by = mi_xmalloc(n * sizeof(*by));
	start = mi_xcalloc(L + 1, sizeof(*start));
	fold = mi_xmalloc(n * sizeof(*fold));
	for (i = 0; i < n; i++)
		start[find_label(out->labels, L, labels[i]) + 1]++;
	for (c = 0; c < L; c++)
		start[c + 1] += start[c];
	for (i = 0; i < n; i++) {
		c = (size_t)find_label(out->labels, L, labels[i]);
		by[start[c]++] = i;
	}
	for (c = L; c > 0; c--)
		start[c] = start[c - 1];
	start[0] = 0;
	for (c = 0; c < L; c++) {
		shuffle(by + start[c], start[c + 1] - start[c], &st);
		for (j = start[c]; j < start[c + 1]; j++)
			fold[by[j]] = deal++ % (size_t)k;
	}

	trt = mi_xmalloc(n * sizeof(*trt));
	trl = mi_xmalloc(n * sizeof(*trl));
	for (f = 0; f < (size_t)k && rc == 0; f++) {
		for (i = ntr = 0; i < n; i++)
			if (fold[i] != f) {
				trt[ntr] = texts[i];
				trl[ntr++] = labels[i];
			}
		if ((m = mi_model_train(trt, trl, ntr, o, e)) == NULL) {
			rc = -1;
			break;
		}
		map = mi_xmalloc(m->nlabels * sizeof(*map));
		for (c = 0; c < m->nlabels; c++)
			map[c] = (size_t)find_label(out->labels, L, m->labels[c]);
		for (i = 0; i < n; i++)
			if (fold[i] == f) {
				y = mi_model_predict(m, texts[i], NULL);
				out->confusion[(size_t)find_label(out->labels, L, labels[i]) * L + map[y]]++;
			}
		free(map);
		mi_model_free(m);
	}
	free(trt);
	free(trl);
	free(by);
	free(start);
	free(fold);
	if (rc < 0) {
		mi_eval_release(out);
		return -1;
	}
	eval_finish(out);
	return 0;
}
