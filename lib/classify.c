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
} knob = { 0, 3, 1, 0, 1.0, 1, 20, 1.0, 20 };

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
	size_t want = 2 * NGRAM_MAX * (len + 1), s = 16;

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
	uint64_t s1 = 0, s2 = 0, s;
	uint32_t h;
	int32_t c, d;
	int run = 0;

	memset(f->slot, 0, (f->mask + 1) * sizeof(*f->slot));
	f->n = 0;
	while (p < end) {
		c = next_cp(&p, end);
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
		s2 = s1;
		s1 = s;
		run++;
	}
}

/* ---- the model ---- */

static double
tf_weight(uint32_t tf)
{
	return knob.sublinear ? 1.0 + log((double)tf) : (double)tf;
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

	/* Scratch for one text's vector when not cached. */
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
	fx_text(&t->f, t->text_dummy_unused);
}
