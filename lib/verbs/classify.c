/*
 * classify.c - learning labels for Chinese citizen messages (see classify.h).
 *
 * A text is cut into symbols: a code point, or a whole ASCII digit or
 * letter run. Between separators, symbols give unigrams and bigrams; those
 * of the first sentence (a subject line, or the opening that says what the
 * message is about) are counted a second time as features of their own.
 * Every n-gram is hashed into a bucket; a bucket weighs (1 + ln tf) * idf,
 * and the vector is scaled to length 1.
 *
 * Each label has a linear scorer: a one-vs-rest L2-regularised squared-hinge
 * SVM, solved in the dual by coordinate descent, on features that are
 * scaled for that label by r, the log-ratio of how often texts with and
 * without the label contain them (naive Bayes' evidence, as in Wang and
 * Manning's NBSVM). On the thousand TipDM messages this scaling gains 1.5
 * points of cross-validated accuracy over the plain SVM, and the first
 * sentence's own features 1.5 more; weighting each label's texts by the
 * square root of how rare the label is, with l2 0.5, one more (5-fold
 * 0.867 to 0.876). Trigrams, skip-bigrams, the keyword lists' words, or a
 * softmax regression instead of the SVM lose a point or two; naive Bayes'
 * evidence mixed into the weights changes nothing beyond the folds' noise
 * (scripts/eval-model has the table). The solver keeps u with
 * w = r * u for each label, so r can be recomputed while the duals stay
 * valid; the model stores r * r * u, and scoring is one dot product.
 *
 * Training keeps the vectors in memory while they fit a budget and extracts
 * them again on every pass when they do not, so a million short texts train
 * in bounded memory. The model keeps rows only for buckets seen in at least
 * two texts; every other bucket shares row 0, whose weights are zero.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/classify.h"

#define BITS_MIN      16
#define BITS_MAX      24
#define BITS_DEFAULT  20
#define EPOCHS        10
/* Texts a default fit visits at most: a million texts get 2 epochs, which
 * is plenty when there are that many, instead of 10. */
#define VISITS        2000000
#define L2_DEFAULT    0.5
/* A bucket seen in fewer texts is noise: it would only be memorised. */
#define MIN_DF        2
/* Symbols of the first sentence counted twice, at most. */
#define HEAD_MAX      24
/* The constant feature that carries each label's bias. */
#define BIAS          1.0
/* Naive Bayes' smoothing of the ratios, in texts. */
#define NB_ALPHA      1.0
/* How much of naive Bayes' evidence MI_FEAT_MIX adds to a label's weights:
 * of 0.02, 0.04, 0.05, 0.1, 0.2, 0.5 and 1, 0.04 did best (scripts/eval-model). */
#define MIX_NB        0.04
/* Coordinate descent stops when no dual moves more than this. */
#define TOLERANCE     1e-3
/* Every HOLDOUT-th text (in a seeded order) is held out of a first fit so the
 * confidence's temperature is fitted on texts that fit did not see. */
#define HOLDOUT       10
#define BETA_MAX      50.0
/* Vectors of more features than this are extracted again on each pass
 * instead of being kept (4 bytes a feature: 512 MiB). */
#define CACHE_MAX     ((size_t)128 << 20)
/* Only a text's first bytes are read: enough for any message, and they
 * bound the scratch a text needs. */
#define TEXT_MAX      65536
/* Scratch on the stack covers texts of up to about 200 code points (16 KiB). */
#define STACK_WORDS   4096
#define STACK_LABELS  64

struct mi_model {
	int bits;
	unsigned flags;            /* MI_FEAT_* */
	size_t nlabels;
	char **labels;             /* sorted in byte order */
	size_t examples;
	uint32_t *rowof;           /* 2^bits: a bucket's row, 0 when training never kept it */
	size_t nrows;              /* rows, row 0 included */
	size_t stride;             /* floats a row: idf, then one weight per label */
	float *row;
	float *bias;               /* per label */
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

static int
ends_sentence(int32_t c)
{
	return c == 0x3002 || c == '?' || c == '!' || c == '\n' || c == 0xFF61;
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

/* Keys: odd multipliers place each symbol, offsets tell the kinds apart. */
#define KEY_A     0xC2B2AE3D27D4EB4FULL
#define KEY_B     0x165667B19E3779F9ULL
#define KEY_UNI   0x9E3779B97F4A7C15ULL
#define KEY_BI    0x3C6EF372FE94F82AULL
#define KEY_HUNI  0xDAA66D2C7DDF743FULL
#define KEY_HBI   0x78DDE6E5FD29F054ULL
#define KEY_TRI   0x2545F4914F6CDD1DULL
#define KEY_SKIP  0x6A09E667F3BCC908ULL
#define KEY_C     0x94D049BB133111EBULL
/* n-grams a symbol adds at most: unigram and bigram, twice in the head;
 * and a trigram and a skip-bigram when the model has them. */
#define PER_SYMBOL(flags) (4 + ((flags) & MI_FEAT_TRI ? 1 : 0) + ((flags) & MI_FEAT_SKIP ? 1 : 0))

/* The unique buckets of one text with their counts, in first-seen order. */
typedef struct fx {
	uint32_t *slot;            /* open addressing: 1 + list index, 0 empty */
	size_t mask;
	uint32_t *bucket, *tf;
	size_t n;
	int bits;
	unsigned flags;
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

/* Code points in s[0..len) at most: the bytes that start a sequence. */
static size_t
max_symbols(const char *s, size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < len; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Words of scratch for a text of at most k symbols: a table kept at most
 * half full, and the two lists. *slots gets the table's size. */
static size_t
fx_words(size_t k, unsigned flags, size_t *slots)
{
	size_t cap = PER_SYMBOL(flags) * k + 1, s = 16;

	while (s < 2 * cap)
		s <<= 1;
	*slots = s;
	return s + 2 * cap;
}

/* Lays f out over mem, words long, of which slots are the table. */
static void
fx_setup(fx *f, uint32_t *mem, size_t words, size_t slots, int bits, unsigned flags)
{
	f->flags = flags;
	f->slot = mem;
	f->mask = slots - 1;
	f->bucket = mem + slots;
	f->tf = f->bucket + (words - slots) / 2;
	f->bits = bits;
	f->n = 0;
	memset(f->slot, 0, slots * sizeof(*f->slot));
}

static void
fx_text(fx *f, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *q;
	uint64_t prev = 0, prev2 = 0, s;
	uint32_t h;
	int32_t c;
	int run = 0, head = (f->flags & MI_FEAT_HEAD) != 0, nhead = 0;
	int tri = (f->flags & MI_FEAT_TRI) != 0, skip = (f->flags & MI_FEAT_SKIP) != 0;

	while (p < end) {
		c = next_cp(&p, end);
		if (is_digit(c)) {
			/* Numbers (dates, phones, amounts) say little one digit at a time. */
			for (q = p; q < end && is_digit(next_cp(&q, end)); p = q)
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
		} else {
			if (ends_sentence(c))
				head = 0;
			if (c < 0 || is_separator(c)) {
				run = 0;
				continue;
			}
			s = (uint64_t)c;
		}
		if (head && ++nhead > HEAD_MAX)
			head = 0;
		s += 1;
		fx_add(f, KEY_UNI + s * KEY_A);
		if (run)
			fx_add(f, KEY_BI + s * KEY_A + prev * KEY_B);
		if (tri && run > 1)
			fx_add(f, KEY_TRI + s * KEY_A + prev * KEY_B + prev2 * KEY_C);
		if (skip && run > 1)
			fx_add(f, KEY_SKIP + s * KEY_A + prev2 * KEY_C);
		if (head) {
			fx_add(f, KEY_HUNI + s * KEY_A);
			if (run)
				fx_add(f, KEY_HBI + s * KEY_A + prev * KEY_B);
		}
		prev2 = prev;
		prev = s;
		run++;
	}
}

static inline double
tf_weight(uint32_t tf)
{
	return tf == 1 ? 1.0 : 1.0 + log((double)tf);
}

/* ---- the model ---- */

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
	if (m->labels != NULL)
		for (i = 0; i < m->nlabels; i++)
			free(m->labels[i]);
	free(m->labels);
	free(m->rowof);
	free(m->row);
	free(m->bias);
	free(m);
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/*
 * s[c] for every label: the scaled vector of f's buckets times the weights.
 * Buckets land anywhere in megabytes of table, so the lookups are issued
 * ahead (row numbers, then rows) to wait for memory once, not per feature.
 * Overwrites f's buckets with their rows.
 */
static void
model_scores(const mi_model *m, fx *f, float *s)
{
	size_t L = m->nlabels, j, c;
	uint32_t *rows = f->bucket;
	const float *r;
	double norm = 0, inv;
	float v;

	for (j = 0; j < f->n; j++)
		PREFETCH(m->rowof + f->bucket[j]);
	for (j = 0; j < f->n; j++) {
		rows[j] = m->rowof[f->bucket[j]];
		PREFETCH(m->row + (size_t)rows[j] * m->stride);
	}
	for (c = 0; c < L; c++)
		s[c] = 0;
	for (j = 0; j < f->n; j++) {
		r = m->row + (size_t)rows[j] * m->stride;
		v = (float)(tf_weight(f->tf[j]) * r[0]);
		norm += (double)v * v;
		for (c = 0; c < L; c++)
			s[c] += v * r[1 + c];
	}
	inv = norm > 0 ? 1.0 / sqrt(norm) : 0;
	for (c = 0; c < L; c++)
		s[c] = (float)(s[c] * inv + m->bias[c]);
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
	uint32_t stack[STACK_WORDS], *mem = stack;
	float sstack[STACK_LABELS], *s = sstack;
	size_t len = strnlen(text, TEXT_MAX), slots, words;
	fx f;
	int k;

	words = fx_words(max_symbols(text, len), m->flags, &slots);
	if (words > STACK_WORDS)
		mem = mi_xmalloc(words * sizeof(*mem));
	if (m->nlabels > STACK_LABELS)
		s = mi_xmalloc(m->nlabels * sizeof(*s));
	fx_setup(&f, mem, words, slots, m->bits, m->flags);
	fx_text(&f, text, len);
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
rng_next(uint64_t *rng)
{
	uint64_t z = (*rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
shuffle(size_t *a, size_t n, uint64_t *rng)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)(rng_next(rng) % i);
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
	mi_sort(tmp, n, sizeof(*tmp), cmp_str);
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
	size_t n, L;
	mi_model *m;
	int *y;                    /* label index of each text */
	unsigned char *held;       /* 1: left out of the first fit */

	/*
	 * The vectors, when cached: text i is ent[off[i] .. off[i+1]), each
	 * a row << 8 | min(tf, 255), and inv[i] scales them to length 1. A tf
	 * over 255 in one text is rare enough to be taken as 255 here.
	 */
	int cached;
	size_t *off;
	uint32_t *ent;
	float *inv;
	float *idf;                /* per row, a compact copy of the model's */
	float tfw[256];            /* 1 + ln tf */

	/* Scratch for one text when the vectors are not cached. */
	fx f;
	uint32_t *fmem;
	size_t fwords;
	uint32_t *vidx;            /* the vector handed out */
	float *vval;
	size_t vcap;
	uint32_t *vtf;             /* and for the cache, its tfs */
	float vinv;                /* and its scale */

	/* Per row, 2L floats: u for each label, then r * r for each label. */
	float *ur;
	float *rs;                 /* per row and label: r itself, for MI_FEAT_MIX */
	float *wt;                 /* per label: the weight of its texts (MI_FEAT_BALANCE) */
	float *b;                  /* per label, times BIAS */
	float *alpha;              /* n * L duals */
	uint32_t *cnt, *cnt_held;  /* per row and label: texts holding the bucket */
} trainer;

static void
tr_extract(trainer *t, const char *text)
{
	size_t len = strnlen(text, TEXT_MAX), slots, words;

	words = fx_words(max_symbols(text, len), t->m->flags, &slots);
	if (words > t->fwords) {
		free(t->fmem);
		t->fmem = mi_xmalloc(words * sizeof(*t->fmem));
		t->fwords = words;
	}
	fx_setup(&t->f, t->fmem, words, slots, t->m->bits, t->m->flags);
	fx_text(&t->f, text, len);
}

/*
 * Text i's vector: its buckets' rows and (1 + ln tf) * idf, scaled to
 * length 1 over all its buckets, leaving out row 0 (its weights are zero
 * and stay so). Valid until the next call. The row lookups are issued
 * ahead of use, as in prediction.
 */
static size_t
tr_vector(trainer *t, size_t i, const uint32_t **idx, const float **val)
{
	const uint32_t *rowof = t->m->rowof;
	size_t j, k, w = 0;
	double norm = 0, inv;
	uint32_t r;
	float v;

	if (t->cached) {
		k = t->off[i + 1] - t->off[i];
		for (j = 0; j < k; j++) {
			r = t->ent[t->off[i] + j];
			t->vidx[j] = r >> 8;
			t->vval[j] = t->tfw[r & 0xFF] * t->idf[r >> 8] * t->inv[i];
		}
		*idx = t->vidx;
		*val = t->vval;
		return k;
	}
	tr_extract(t, t->texts[i]);
	k = t->f.n;
	if (k > t->vcap) {
		t->vcap = k;
		t->vidx = mi_xrealloc(t->vidx, k * sizeof(*t->vidx));
		t->vval = mi_xrealloc(t->vval, k * sizeof(*t->vval));
		t->vtf = mi_xrealloc(t->vtf, k * sizeof(*t->vtf));
	}
	for (j = 0; j < k; j++)
		PREFETCH(rowof + t->f.bucket[j]);
	for (j = 0; j < k; j++) {
		r = rowof[t->f.bucket[j]];
		v = (float)(tf_weight(t->f.tf[j]) * t->idf[r]);
		norm += (double)v * v;
		t->vidx[j] = r;
		t->vval[j] = v;
	}
	inv = norm > 0 ? 1.0 / sqrt(norm) : 0;
	t->vinv = (float)inv;
	for (j = 0; j < k; j++)
		if (t->vidx[j] != 0) {
			t->vtf[w] = t->f.tf[j] < 255 ? t->f.tf[j] : 255;
			t->vidx[w] = t->vidx[j];
			t->vval[w++] = (float)(t->vval[j] * inv);
		}
	*idx = t->vidx;
	*val = t->vval;
	return w;
}

/* First pass: document frequencies; returns how many features all texts have. */
static size_t
tr_df(trainer *t, uint32_t *df)
{
	size_t i, j, total = 0;

	for (i = 0; i < t->n; i++) {
		tr_extract(t, t->texts[i]);
		for (j = 0; j < t->f.n; j++)
			PREFETCH(df + t->f.bucket[j]);
		for (j = 0; j < t->f.n; j++)
			df[t->f.bucket[j]]++;
		total += t->f.n;
	}
	return total;
}

/* Rows for the buckets seen often enough, each with its idf; row 0 for the rest. */
static void
tr_rows(trainer *t, const uint32_t *df)
{
	mi_model *m = t->m;
	size_t nb = (size_t)1 << m->bits, b, r = 1;
	double lognp1 = log((double)t->n + 1);

	for (b = 0; b < nb; b++)
		if (df[b] >= MIN_DF)
			m->rowof[b] = (uint32_t)r++;
	m->nrows = r;
	m->row = mi_xcalloc(m->nrows * m->stride, sizeof(*m->row));
	t->idf = mi_xmalloc(m->nrows * sizeof(*t->idf));
	/* Smoothed idf: as if one more text held every bucket once. */
	t->idf[0] = (float)(lognp1 + 1);
	for (b = 0; b < nb; b++)
		if ((r = m->rowof[b]) != 0)
			t->idf[r] = (float)(lognp1 - log((double)df[b] + 1) + 1);
	for (r = 0; r < m->nrows; r++)
		m->row[r * m->stride] = t->idf[r];
	for (r = 1; r < 256; r++)
		t->tfw[r] = (float)tf_weight((uint32_t)r);
}

/*
 * Second pass: how many texts of each label hold each row's bucket (in all,
 * and held out), and the vectors kept for the passes to come when the
 * features of all texts fit the budget.
 */
static void
tr_vectors(trainer *t, size_t total)
{
	size_t i, j, k, L = t->L, w = 0;
	int keep = total <= CACHE_MAX && t->m->nrows <= (size_t)1 << 24;
	const uint32_t *idx;
	const float *val;

	t->cnt = mi_xcalloc(t->m->nrows * L, sizeof(*t->cnt));
	t->cnt_held = mi_xcalloc(t->m->nrows * L, sizeof(*t->cnt_held));
	if (keep) {
		t->off = mi_xmalloc((t->n + 1) * sizeof(*t->off));
		t->ent = mi_xmalloc((total ? total : 1) * sizeof(*t->ent));
		t->inv = mi_xmalloc(t->n * sizeof(*t->inv));
		t->off[0] = 0;
	}
	for (i = 0; i < t->n; i++) {
		k = tr_vector(t, i, &idx, &val);
		for (j = 0; j < k; j++) {
			t->cnt[(size_t)idx[j] * L + (size_t)t->y[i]]++;
			if (t->held[i])
				t->cnt_held[(size_t)idx[j] * L + (size_t)t->y[i]]++;
		}
		if (keep) {
			for (j = 0; j < k; j++)
				t->ent[w + j] = idx[j] << 8 | t->vtf[j];
			t->inv[i] = t->vinv;
			w += k;
			t->off[i + 1] = w;
		}
	}
	t->cached = keep;
}

/*
 * Sets r * r for every row and label from the counts (less the held-out
 * ones when first): r = ln(P(bucket | label) / P(bucket | other labels)),
 * each a smoothed share of the bucket-in-text counts of its side.
 */
static void
tr_ratios(trainer *t, int first)
{
	size_t L = t->L, R = t->m->nrows, j, c, k;
	double *side = mi_xcalloc(L, sizeof(*side)), all = 0, V = (double)(R - 1), p, q, r;
	uint32_t *row = mi_xmalloc(L * sizeof(*row));
	uint32_t tot;

	for (j = 1; j < R; j++)
		for (c = 0; c < L; c++) {
			k = j * L + c;
			side[c] += t->cnt[k] - (first ? t->cnt_held[k] : 0);
		}
	for (c = 0; c < L; c++)
		all += side[c];
	for (j = 1; j < R; j++) {
		tot = 0;
		for (c = 0; c < L; c++) {
			k = j * L + c;
			row[c] = t->cnt[k] - (first ? t->cnt_held[k] : 0);
			tot += row[c];
		}
		for (c = 0; c < L; c++) {
			p = (row[c] + NB_ALPHA) / (side[c] + NB_ALPHA * V);
			q = (tot - row[c] + NB_ALPHA) / (all - side[c] + NB_ALPHA * V);
			r = log(p / q);
			if (!(t->m->flags & MI_FEAT_NBR))
				t->ur[j * 2 * L + L + c] = 1;
			else
				t->ur[j * 2 * L + L + c] = (float)(r * r);
			if (t->rs != NULL)
				t->rs[j * L + c] = (float)r;
		}
	}
	free(side);
	free(row);
}

/*
 * s[c] = x . (r_c * r_c * u_c) + bias_c, and q[c] = |x * r_c|^2 (the
 * dual's curvature for label c).
 */
static void
tr_scores(const trainer *t, const uint32_t *idx, const float *val, size_t k, float *s, float *q)
{
	size_t L = t->L, j, c;
	const float *u;
	float x, xr;

	for (j = 0; j < k; j++) {
		u = t->ur + (size_t)idx[j] * 2 * L;
		PREFETCH(u);
		PREFETCH(u + 2 * L - 1);
	}
	for (c = 0; c < L; c++) {
		s[c] = (float)(t->b[c] * BIAS);
		if (q != NULL)
			q[c] = (float)(BIAS * BIAS);
	}
	for (j = 0; j < k; j++) {
		u = t->ur + (size_t)idx[j] * 2 * L;
		x = val[j];
		for (c = 0; c < L; c++) {
			xr = x * u[L + c];
			s[c] += xr * u[c];
			if (q != NULL)
				q[c] += xr * x;
		}
	}
}

/*
 * Epochs of dual coordinate descent over the texts not skipped. A text
 * has one dual per label; updating one moves only its label's weights, so
 * all labels of a text are updated from the same scores. Stops early when
 * a whole epoch moves no dual by more than TOLERANCE.
 */
static void
tr_descend(trainer *t, const unsigned char *skip, int epochs, double l2, uint64_t *rng)
{
	size_t L = t->L, n = t->n, i, ii, j, c, k, *order = mi_xmalloc(n * sizeof(*order));
	float *s = mi_xmalloc(3 * L * sizeof(*s)), *q = s + L, *d = s + 2 * L, *u, *a;
	double D = l2 / 2, Di, g, na, y, worst;
	const uint32_t *idx;
	const float *val;
	int ep, moved;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (ep = 0; ep < epochs; ep++) {
		shuffle(order, n, rng);
		worst = 0;
		for (ii = 0; ii < n; ii++) {
			i = order[ii];
			if (skip != NULL && skip[i])
				continue;
			k = tr_vector(t, i, &idx, &val);
			tr_scores(t, idx, val, k, s, q);
			a = t->alpha + i * L;
			Di = t->wt != NULL ? D / t->wt[t->y[i]] : D;
			moved = 0;
			for (c = 0; c < L; c++) {
				y = (int)c == t->y[i] ? 1 : -1;
				g = y * s[c] - 1 + Di * a[c];
				na = a[c] - g / (q[c] + Di);
				if (na < 0)
					na = 0;
				d[c] = (float)((na - a[c]) * y);
				if (fabs(na - a[c]) > worst)
					worst = fabs(na - a[c]);
				a[c] = (float)na;
				moved |= d[c] != 0;
			}
			if (!moved)
				continue;
			for (j = 0; j < k; j++) {
				u = t->ur + (size_t)idx[j] * 2 * L;
				for (c = 0; c < L; c++)
					u[c] += d[c] * val[j];
			}
			for (c = 0; c < L; c++)
				t->b[c] += (float)(d[c] * BIAS);
		}
		if (worst < TOLERANCE)
			break;
	}
	free(order);
	free(s);
}

/*
 * Mean slope in beta of the softmax loss over the scores s (cnt x L),
 * against targets that give the true label 1 - eps and share eps among the
 * others.
 */
static double
nll_slope(const float *s, const int *y, size_t cnt, size_t L, double beta, double eps)
{
	size_t i, c;
	double g = 0, z, ez, mx, e, rest;
	const float *si;

	for (i = 0; i < cnt; i++) {
		si = s + i * L;
		mx = si[0];
		for (c = 1; c < L; c++)
			if (si[c] > mx)
				mx = si[c];
		z = ez = rest = 0;
		for (c = 0; c < L; c++) {
			e = exp(beta * (si[c] - mx));
			z += e;
			ez += e * si[c];
			if ((int)c != y[i])
				rest += si[c];
		}
		g += ez / z - (1 - eps) * si[y[i]] - eps * rest / (double)(L - 1);
	}
	return g / (double)cnt;
}

/*
 * Fits the confidence's inverse temperature on the held-out texts, scored
 * by the first fit. As in Platt's scaling, the targets are softened by
 * 1 / (held-out + 2), so a few held-out texts that all come out right do
 * not make the model sure of everything. The loss is convex in beta:
 * bisect on its slope.
 */
static void
tr_calibrate(trainer *t)
{
	size_t L = t->L, cnt = 0, i, k;
	float *s;
	int *y;
	double lo = 0, hi = BETA_MAX, mid, eps;
	const uint32_t *idx;
	const float *val;
	int it;

	for (i = 0; i < t->n; i++)
		cnt += t->held[i];
	s = mi_xmalloc((cnt ? cnt : 1) * L * sizeof(*s));
	y = mi_xmalloc((cnt ? cnt : 1) * sizeof(*y));
	for (i = cnt = 0; i < t->n; i++) {
		if (!t->held[i])
			continue;
		k = tr_vector(t, i, &idx, &val);
		tr_scores(t, idx, val, k, s + cnt * L, NULL);
		y[cnt++] = t->y[i];
	}
	eps = 1.0 / ((double)cnt + 2);
	if (nll_slope(s, y, cnt, L, hi, eps) < 0)
		lo = hi;
	for (it = 0; it < 40 && hi - lo > 1e-3; it++) {
		mid = (lo + hi) / 2;
		if (nll_slope(s, y, cnt, L, mid, eps) < 0)
			lo = mid;
		else
			hi = mid;
	}
	t->m->beta = (float)((lo + hi) / 2);
	free(s);
	free(y);
}

/* Stores the learnt weights in the model: r * r * u, and the biases. */
static void
tr_finish(trainer *t)
{
	mi_model *m = t->m;
	size_t L = t->L, j, c;
	const float *u;

	for (j = 1; j < m->nrows; j++) {
		u = t->ur + j * 2 * L;
		for (c = 0; c < L; c++)
			m->row[j * m->stride + 1 + c] = u[L + c] * u[c] +
			    (t->rs != NULL ? (float)(MIX_NB * t->rs[j * L + c]) : 0);
	}
	for (c = 0; c < L; c++)
		m->bias[c] = (float)(t->b[c] * BIAS);
}

static void
tr_release(trainer *t)
{
	free(t->y);
	free(t->held);
	free(t->off);
	free(t->ent);
	free(t->inv);
	free(t->idf);
	free(t->vtf);
	free(t->fmem);
	free(t->vidx);
	free(t->vval);
	free(t->ur);
	free(t->b);
	free(t->rs);
	free(t->wt);
	free(t->alpha);
	free(t->cnt);
	free(t->cnt_held);
}

/* Options with defaults filled in; -1 with e set when one is out of range. */
static int
train_opts(const mi_train_opts *o, mi_train_opts *out, mi_err *e)
{
	mi_train_opts z = { 0, 0, 0, 0, 0 };

	if (o == NULL)
		o = &z;
	out->epochs = o->epochs;
	out->buckets_log2 = o->buckets_log2 ? o->buckets_log2 : BITS_DEFAULT;
	out->l2 = o->l2 != 0 ? o->l2 : L2_DEFAULT;
	out->seed = o->seed ? o->seed : 1;
	out->features = o->features ? o->features : MI_FEAT_DEFAULT;
	if (out->features & ~MI_FEAT_ALL)
		return mi_err_set(e, MI_EX_USAGE, "unknown feature bits %#x", out->features);
	if (out->epochs < 0 || out->epochs > 1000)
		return mi_err_set(e, MI_EX_USAGE, "epochs %d out of range 0..1000 (0: the default)",
		    out->epochs);
	if (out->buckets_log2 < BITS_MIN || out->buckets_log2 > BITS_MAX)
		return mi_err_set(e, MI_EX_USAGE, "buckets_log2 %d out of range %d..%d",
		    out->buckets_log2, BITS_MIN, BITS_MAX);
	if (!(out->l2 > 0) || !isfinite(out->l2))
		return mi_err_set(e, MI_EX_USAGE, "l2 %g is not a positive number", out->l2);
	return 0;
}

/* Labels and the checks on the examples; NULL with e set on bad input. */
static mi_model *
tr_start(trainer *t, const char *const *texts, const char *const *labels, size_t n,
    const mi_train_opts *op, mi_err *e)
{
	mi_model *m;
	size_t i;

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
	m->bits = op->buckets_log2;
	m->flags = op->features;
	m->examples = n;
	m->stride = 1 + m->nlabels;
	m->rowof = mi_xcalloc((size_t)1 << m->bits, sizeof(*m->rowof));
	m->bias = mi_xcalloc(m->nlabels, sizeof(*m->bias));

	memset(t, 0, sizeof(*t));
	t->texts = texts;
	t->n = n;
	t->L = m->nlabels;
	t->m = m;
	t->y = mi_xmalloc(n * sizeof(*t->y));
	for (i = 0; i < n; i++)
		t->y[i] = (int)find_label(m->labels, m->nlabels, labels[i]);
	return m;
}

/* Every HOLDOUT-th text of a seeded order; at least one. */
static void
tr_hold(trainer *t, uint64_t *rng)
{
	size_t *order = mi_xmalloc(t->n * sizeof(*order)), i;

	for (i = 0; i < t->n; i++)
		order[i] = i;
	shuffle(order, t->n, rng);
	t->held = mi_xcalloc(t->n, 1);
	for (i = 0; i < t->n; i += HOLDOUT)
		t->held[order[i]] = 1;
	free(order);
}

/* Balanced weights: a label's texts weigh n / (labels * its texts), so each
 * label counts alike in the loss; softened by a square root, for a label
 * of a handful of texts would otherwise weigh like dozens. */
static void
tr_balance(trainer *t)
{
	size_t *cnt = mi_xcalloc(t->L, sizeof(*cnt)), i, c;

	t->wt = mi_xmalloc(t->L * sizeof(*t->wt));
	for (i = 0; i < t->n; i++)
		cnt[t->y[i]]++;
	for (c = 0; c < t->L; c++)
		t->wt[c] = (float)sqrt((double)t->n / ((double)t->L * (double)(cnt[c] ? cnt[c] : 1)));
	free(cnt);
}

mi_model *
mi_model_train(const char *const *texts, const char *const *labels, size_t n,
    const mi_train_opts *o, mi_err *e)
{
	mi_train_opts op;
	trainer t;
	mi_model *m;
	uint32_t *df;
	uint64_t rng;
	size_t total;

	if (train_opts(o, &op, e) < 0)
		return NULL;
	if ((m = tr_start(&t, texts, labels, n, &op, e)) == NULL)
		return NULL;
	if (op.epochs == 0) {
		op.epochs = EPOCHS;
		if (n > VISITS / EPOCHS)
			op.epochs = n > VISITS / 2 ? 2 : (int)(VISITS / n);
	}
	rng = op.seed;
	df = mi_xcalloc((size_t)1 << m->bits, sizeof(*df));
	total = tr_df(&t, df);
	tr_rows(&t, df);
	free(df);
	tr_hold(&t, &rng);
	tr_vectors(&t, total);
	t.ur = mi_xcalloc(m->nrows * 2 * t.L, sizeof(*t.ur));
	t.b = mi_xcalloc(t.L, sizeof(*t.b));
	if (m->flags & MI_FEAT_MIX)
		t.rs = mi_xcalloc(m->nrows * t.L, sizeof(*t.rs));
	if (m->flags & MI_FEAT_BALANCE)
		tr_balance(&t);
	t.alpha = mi_xcalloc(n * t.L, sizeof(*t.alpha));

	/* A first fit without the held-out texts gives the temperature; the
	 * second starts from it with every text and the ratios of all, and
	 * needs fewer passes from there. */
	tr_ratios(&t, 1);
	tr_descend(&t, t.held, op.epochs, op.l2, &rng);
	tr_calibrate(&t);
	tr_ratios(&t, 0);
	tr_descend(&t, NULL, (op.epochs + 1) / 2, op.l2, &rng);
	tr_finish(&t);
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
	put_u32(out, m->flags);
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
	float idf0;

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
		return mi_err_set(e, MI_EX_DATAERR, "model format version %u: this program reads "
		    "version %d", version, BLOB_VERSION);
	m = mi_xcalloc(1, sizeof(*m));
	m->bits = (int)get_u32(&r);
	m->nlabels = get_u32(&r);
	flags = get_u32(&r);
	m->examples = (size_t)get_u64(&r);
	nrows = get_u64(&r);
	m->beta = get_f32(&r);
	idf0 = get_f32(&r);
	/* Version 1 blobs before the bits were stored say 0: the default. */
	m->flags = flags ? flags : MI_FEAT_NBR | MI_FEAT_HEAD;
	if (m->bits < BITS_MIN || m->bits > BITS_MAX || m->nlabels < 2 ||
	    (flags & ~MI_FEAT_ALL) ||
	    m->nlabels > left(&r) / 8 || nrows > (1u << m->bits) || !isfinite(m->beta) ||
	    m->beta < 0 || !isfinite(idf0)) {
		mi_model_free(m);
		return corrupt(e, "bad header");
	}
	m->stride = 1 + m->nlabels;
	m->nrows = (size_t)nrows + 1;
	if (load_labels(&r, m, e) < 0) {
		mi_model_free(m);
		return -1;
	}
	/* What is left must be the biases and the rows, exactly; checked
	 * before allocating what the header asks for. */
	if (left(&r) / 4 < m->nlabels || (left(&r) / 4 - m->nlabels) / (1 + m->stride) != nrows ||
	    left(&r) != 4 * (m->nlabels + (size_t)nrows * (1 + m->stride))) {
		mi_model_free(m);
		return corrupt(e, "size does not match the header");
	}
	m->rowof = mi_xcalloc((size_t)1 << m->bits, sizeof(*m->rowof));
	m->bias = mi_xcalloc(m->nlabels, sizeof(*m->bias));
	m->row = mi_xcalloc(m->nrows * m->stride, sizeof(*m->row));
	m->row[0] = idf0;
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

/*
 * fold[i] for each example: each label's examples (y[i] in 0..L-1), in a
 * seeded order, are dealt round the k folds, the deal going on from one
 * label to the next, so every fold gets its share of every label.
 */
static size_t *
deal_folds(const size_t *y, size_t n, size_t L, size_t k, uint64_t *rng)
{
	size_t *fold = mi_xmalloc(n * sizeof(*fold)), *by = mi_xmalloc(n * sizeof(*by));
	size_t *start = mi_xcalloc(L + 1, sizeof(*start)), i, c, deal = 0;

	for (i = 0; i < n; i++)
		start[y[i] + 1]++;
	for (c = 0; c < L; c++)
		start[c + 1] += start[c];
	for (i = 0; i < n; i++)
		by[start[y[i]]++] = i;
	/* start[c] is now where label c + 1 begins: shift back. */
	for (c = L; c > 0; c--)
		start[c] = start[c - 1];
	start[0] = 0;
	for (c = 0; c < L; c++) {
		shuffle(by + start[c], start[c + 1] - start[c], rng);
		for (i = start[c]; i < start[c + 1]; i++)
			fold[by[i]] = deal++ % k;
	}
	free(by);
	free(start);
	return fold;
}

/* Trains on the examples outside fold f and adds the predictions for
 * those inside it to out. */
static int
run_fold(const char *const *texts, const char *const *labels, const size_t *y, size_t n,
    const size_t *fold, size_t f, const mi_train_opts *o, mi_eval *out, mi_err *e)
{
	const char **trt = mi_xmalloc(n * sizeof(*trt)), **trl = mi_xmalloc(n * sizeof(*trl));
	size_t i, c, ntr = 0, *map, L = out->nlabels;
	mi_model *m;

	for (i = 0; i < n; i++)
		if (fold[i] != f) {
			trt[ntr] = texts[i];
			trl[ntr++] = labels[i];
		}
	m = mi_model_train(trt, trl, ntr, o, e);
	free(trt);
	free(trl);
	if (m == NULL)
		return -1;
	/* The fold's model may lack a label: map its indices to out's. */
	map = mi_xmalloc(m->nlabels * sizeof(*map));
	for (c = 0; c < m->nlabels; c++)
		map[c] = (size_t)find_label(out->labels, L, m->labels[c]);
	for (i = 0; i < n; i++)
		if (fold[i] == f)
			out->confusion[y[i] * L + map[mi_model_predict(m, texts[i], NULL)]]++;
	free(map);
	mi_model_free(m);
	return 0;
}

int
mi_eval_folds(const char *const *texts, const char *const *labels, size_t n, int k,
    const mi_train_opts *o, mi_eval *out, mi_err *e)
{
	uint64_t rng = o != NULL && o->seed ? o->seed : 1;
	size_t i, f, *y, *fold;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (check_inputs(texts, labels, n, e) < 0)
		return -1;
	if (k < 2 || (size_t)k > n)
		return mi_err_set(e, MI_EX_USAGE, "%d folds for %zu examples: need 2..%zu", k, n, n);
	out->labels = sorted_set(labels, n, &out->nlabels);
	out->confusion = mi_xcalloc(out->nlabels * out->nlabels, sizeof(*out->confusion));
	y = mi_xmalloc(n * sizeof(*y));
	for (i = 0; i < n; i++)
		y[i] = (size_t)find_label(out->labels, out->nlabels, labels[i]);
	fold = deal_folds(y, n, out->nlabels, (size_t)k, &rng);
	for (f = 0; f < (size_t)k && rc == 0; f++)
		rc = run_fold(texts, labels, y, n, fold, f, o, out, e);
	free(y);
	free(fold);
	if (rc < 0) {
		mi_eval_release(out);
		return -1;
	}
	eval_finish(out);
	return 0;
}
