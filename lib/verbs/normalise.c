/* normalise.c - making hotline records and ledger cases comparable.
 *
 * The same demand reaches the ledger and the hotline in different words:
 * full-width digits, 三号楼 for 3号楼, 嘉祥县 and the street before the estate
 * or no estate at all, the operator's 市民来电反映 in front. Everything here
 * reduces both sides to what they share: a house number and a bag of
 * character bigrams.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/reconcile.h"

/* What a pattern of the strip automaton is: values >= 0 index the forms;
 * P_WORD - i is the caller's word i, found but not stripped. */
enum { P_FILLER = -1, P_REGION = -2, P_WORD = -16 };

struct form {
	int64_t id;            /* the place */
	const char *s;         /* a name it goes by */
	size_t len;
};

struct mi_norm {
	mi_ac *strip;          /* filler, region and place names */
	mi_ac *region;         /* region names alone, for the start of addresses */
	struct form *forms;    /* sorted by id */
	size_t nforms;
	char **owned;          /* the strings the forms point into */
	size_t nowned;
};

static const char *
keep(mi_norm *n, const char *s)
{
	n->owned = mi_xrealloc(n->owned, (n->nowned + 1) * sizeof(*n->owned));
	n->owned[n->nowned] = mi_xstrdup(s);
	return n->owned[n->nowned++];
}

static int
formcmp(const void *a, const void *b)
{
	const struct form *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->len > y->len ? -1 : x->len < y->len;   /* longest first */
}

static void
add_form(mi_norm *n, size_t *cap, int64_t id, const char *s)
{
	size_t i;

	if (*s == '\0')
		return;
	for (i = n->nforms; i > 0 && n->forms[i - 1].id == id; i--)
		if (strcmp(n->forms[i - 1].s, s) == 0)
			return;
	if (n->nforms == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		n->forms = mi_xrealloc(n->forms, *cap * sizeof(*n->forms));
	}
	n->forms[n->nforms].id = id;
	n->forms[n->nforms].s = keep(n, s);
	n->forms[n->nforms].len = strlen(s);
	n->nforms++;
}

mi_norm *
mi_norm_new(const mi_place *places, size_t nplaces, const char *const *filler, size_t nfiller,
    const char *const *region, size_t nregion, const char *const *words, size_t nwords)
{
	mi_norm *n = mi_xcalloc(1, sizeof(*n));
	mi_buf clean = MI_BUF_INIT;
	size_t i, cap = 0;
	char *core, *b;

	for (i = 0; i < nplaces; i++) {
		core = mi_name_core(places[i].name);
		b = mi_name_bare(core);
		add_form(n, &cap, places[i].id, places[i].name);
		add_form(n, &cap, places[i].id, core);
		add_form(n, &cap, places[i].id, b);
		free(core);
		free(b);
	}
	mi_sort(n->forms, n->nforms, sizeof(*n->forms), formcmp);
	n->strip = mi_ac_new();
	n->region = mi_ac_new();
	for (i = 0; i < n->nforms; i++)
		mi_ac_add(n->strip, n->forms[i].s, n->forms[i].len, (int)i);
	for (i = 0; i < nfiller; i++) {
		mi_norm_clean(filler[i], &clean);
		mi_ac_add(n->strip, clean.s, clean.len, P_FILLER);
	}
	for (i = 0; i < nregion; i++) {
		mi_norm_clean(region[i], &clean);
		mi_ac_add(n->strip, clean.s, clean.len, P_REGION);
		mi_ac_add(n->region, clean.s, clean.len, P_REGION);
	}
	for (i = 0; i < nwords; i++) {
		mi_norm_clean(words[i], &clean);
		mi_ac_add(n->strip, clean.s, clean.len, P_WORD - (int)i);
	}
	mi_buf_release(&clean);
	mi_ac_build(n->strip);
	mi_ac_build(n->region);
	return n;
}

void
mi_norm_free(mi_norm *n)
{
	size_t i;

	if (n == NULL)
		return;
	mi_ac_free(n->strip);
	mi_ac_free(n->region);
	for (i = 0; i < n->nowned; i++)
		free(n->owned[i]);
	free(n->owned);
	free(n->forms);
	free(n);
}

/* ---- cleaning: full width and Chinese numerals ---- */

/* mi_utf8_next, with the three-byte characters of Chinese text decoded in
 * place: the loops below see every character of a million texts. */
static inline int32_t
next_char(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;

	if (end - *pp >= 3 && (p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80) {
		int32_t c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);

		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*pp += 3;
			return c;
		}
	}
	return mi_utf8_next(pp, end);
}

static int
cn_digit(int32_t c)
{
	switch (c) {
	case 0x96F6: case 0x3007: return 0;     /* 零 〇 */
	case 0x4E00: return 1;                  /* 一 */
	case 0x4E8C: case 0x4E24: return 2;     /* 二 两 */
	case 0x4E09: return 3;                  /* 三 */
	case 0x56DB: return 4;                  /* 四 */
	case 0x4E94: return 5;                  /* 五 */
	case 0x516D: return 6;                  /* 六 */
	case 0x4E03: return 7;                  /* 七 */
	case 0x516B: return 8;                  /* 八 */
	case 0x4E5D: return 9;                  /* 九 */
	case 0x5341: return 10;                 /* 十 */
	case 0x767E: return 100;                /* 百 */
	default: return -1;
	}
}

/* Words a house number stands before: 3号楼, 2单元, 5楼, 502室, 3组. */
static size_t
unit_word(const char *p, const char *end)
{
	static const char *const w[] = {
		"号楼", "号院", "单元", "号", "栋", "幢", "座", "组", "楼", "层", "室", "户", "排", "期"
	};
	size_t i, k;

	for (i = 0; i < MI_ARRAY_LEN(w); i++) {
		k = strlen(w[i]);
		if ((size_t)(end - p) >= k && memcmp(p, w[i], k) == 0)
			return k;
	}
	return 0;
}

/* The value of a run of Chinese numerals: positional with 十 and 百
 * (十二 = 12, 二十三 = 23, 一百零二 = 102), else digit by digit (五零二 = 502). */
static long
cn_value(const int *d, size_t n)
{
	long v = 0, cur = 0;
	size_t i;
	int positional = 0;

	for (i = 0; i < n; i++)
		if (d[i] >= 10)
			positional = 1;
	if (!positional) {
		for (i = 0; i < n && i < 9; i++)
			v = v * 10 + d[i];
		return v;
	}
	for (i = 0; i < n; i++) {
		if (d[i] >= 10) {
			v += (cur ? cur : 1) * d[i];
			cur = 0;
		} else
			cur = d[i];
	}
	return v + cur;
}

void
mi_norm_clean(const char *s, mi_buf *out)
{
	size_t n = strlen(s), nd;
	const char *p = s, *end = s + n, *q, *run;
	char *o;
	int digits[16];
	int32_t c;
	int d;

	/* Nothing here lengthens the text (三 is three bytes, 3 one; 十 three,
	 * 10 two), so the output is written in place of a copy. */
	mi_buf_reset(out);
	mi_buf_add(out, s, n + 1);
	o = out->s;
	while (p < end) {
		if ((unsigned char)*p < 0x80) {
			*o++ = *p++;
			continue;
		}
		q = p;
		c = next_char(&p, end);
		if (c >= 0xFF01 && c <= 0xFF5E) {
			*o++ = (char)(c - 0xFF01 + 0x21);
			continue;
		}
		if (c == 0x3000) {
			*o++ = ' ';
			continue;
		}
		if ((d = cn_digit(c)) < 0) {
			memmove(o, q, (size_t)(p - q));
			o += p - q;
			continue;
		}
		/* A run of numerals: digits only when a unit word follows. */
		run = q;
		nd = 0;
		digits[nd++] = d;
		while (p < end) {
			const char *r = p;

			c = next_char(&r, end);
			if ((d = cn_digit(c)) < 0 || nd == MI_ARRAY_LEN(digits))
				break;
			digits[nd++] = d;
			p = r;
		}
		if (unit_word(p, end)) {
			char num[24];
			int k = snprintf(num, sizeof(num), "%ld", cn_value(digits, nd));

			/* never longer: each numeral is three bytes, each digit one */
			memcpy(o, num, (size_t)k);
			o += k;
		} else {
			memmove(o, run, (size_t)(p - run));
			o += p - run;
		}
	}
	*o = '\0';
	out->len = (size_t)(o - out->s);
}

/* ---- house numbers ---- */

static int
read_num(const char **pp, const char *end, long *v)
{
	const char *p = *pp;
	long x = 0;

	if (p >= end || *p < '0' || *p > '9')
		return 0;
	while (p < end && *p >= '0' && *p <= '9') {
		if (x < 100000000)
			x = x * 10 + (*p - '0');
		p++;
	}
	/* no house has a number that long: it is something else */
	if (x > 32767)
		x = -1;
	*pp = p;
	*v = x;
	return 1;
}

static int
word_at(const char *p, const char *end, const char *w)
{
	size_t k = strlen(w);

	return (size_t)(end - p) >= k && memcmp(p, w, k) == 0 ? (int)k : 0;
}

/* Where the house part starts: just past the last name of place in s. */
struct last_place {
	const mi_norm *n;
	int64_t id;
	size_t end;
};

static int
on_place(int value, size_t start, size_t end, void *arg)
{
	struct last_place *l = arg;

	(void)start;
	if (value >= 0 && l->n->forms[value].id == l->id && end > l->end)
		l->end = end;
	return 0;
}

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

/* A tail kept for comparison: letters and digits only (no spaces, dashes,
 * 室 or punctuation, which vary with who types it). */
static uint32_t
detail_hash(const char *p, const char *end)
{
	mi_buf b = MI_BUF_INIT;
	const char *q;
	uint32_t h = 0;
	int32_t c;

	while (p < end) {
		q = p;
		c = mi_utf8_next(&p, end);
		if (c < 0 || c == 0x5BA4 /* 室 */ || (c < 0x80 && !((c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) || (c >= 0x3000 && c <= 0x303F) ||
		    (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2000 && c <= 0x206F))
			continue;
		mi_buf_add(&b, q, (size_t)(p - q));
	}
	if (b.len)
		h = hash_bytes(b.s, b.len);
	mi_buf_release(&b);
	return h;
}

void
mi_norm_house(const mi_norm *n, const char *clean, int64_t place, mi_house *h)
{
	const char *p, *end = clean + strlen(clean), *after;
	struct last_place lp = { n, place, 0 };
	long v, u, r;
	int k;

	h->building = h->unit = h->room = -1;
	h->detail = 0;
	for (p = clean; p < end; ) {
		if (!read_num(&p, end, &v)) {
			p++;
			continue;
		}
		if (v < 0)
			continue;
		/* 3-2-502: building, unit and room */
		after = p;
		if (v < 1000 && after < end && *after == '-' && (after++,
		    read_num(&after, end, &u)) && u >= 0 && u < 100 && after < end &&
		    *after == '-' && (after++, read_num(&after, end, &r))) {
			h->building = (int16_t)v;
			h->unit = (int16_t)u;
			h->room = (int32_t)r;
			p = after;
			continue;
		}
		if ((k = word_at(p, end, "号楼")) || (k = word_at(p, end, "栋")) ||
		    (k = word_at(p, end, "幢")) || (k = word_at(p, end, "座")) ||
		    (k = word_at(p, end, "号院"))) {
			h->building = (int16_t)v;
			h->unit = h->room = -1;
			p += k;
		} else if ((k = word_at(p, end, "单元"))) {
			h->unit = (int16_t)v;
			p += k;
			/* the room often follows with no word of its own: 2单元502 */
			if (read_num(&p, end, &r))
				h->room = (int)r;
		} else if ((k = word_at(p, end, "室")) || (k = word_at(p, end, "户"))) {
			h->room = (int)v;
			p += k;
		}
	}
	if (h->building >= 0 || place == 0)
		return;
	if (place > 0)
		mi_ac_scan(n->strip, clean, (size_t)(end - clean), on_place, &lp);
	if (lp.end > 0)
		h->detail = detail_hash(clean + lp.end, end);
}

/* ---- places named in a text ---- */

struct finding {
	const mi_norm *n;
	int (*accept)(void *arg, int64_t id);
	void *arg;
	int64_t found;
};

static int
on_find(int value, size_t start, size_t end, void *a)
{
	struct finding *f = a;
	int64_t id;

	(void)start;
	(void)end;
	if (value < 0)
		return 0;
	id = f->n->forms[value].id;
	if (id == f->found || f->found < 0 || !f->accept(f->arg, id))
		return 0;
	f->found = f->found ? -1 : id;
	return 0;
}

int64_t
mi_norm_find(const mi_norm *n, const char *clean, int (*accept)(void *arg, int64_t id),
    void *arg)
{
	struct finding f = { n, accept, arg, 0 };

	mi_ac_scan(n->strip, clean, strlen(clean), on_find, &f);
	return f.found;
}

/* ---- names of people ---- */

void
mi_norm_name(const char *s, mi_name *out)
{
	static const char *const anonymous[] = { "匿名", "无", "不详", "未提供", "市民", "来电人",
		"群众", "居民", "未知", "-" };
	static const char *const titles[] = { "先生", "女士", "小姐", "同志", "老师", "师傅",
		"大爷", "大妈", "阿姨", "奶奶", "爷爷", "老人" };
	const char *p, *end;
	size_t n, i, k;
	char *t;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return;
	t = mi_trim(mi_xstrdup(s));
	n = strlen(t);
	for (i = 0; i < MI_ARRAY_LEN(anonymous); i++)
		if (strcmp(t, anonymous[i]) == 0)
			n = 0;
	if (n == 0) {
		free(t);
		return;
	}
	p = t;
	end = t + n;
	out->surname = mi_utf8_next(&p, end);
	for (i = 0; i < MI_ARRAY_LEN(titles); i++) {
		k = strlen(titles[i]);
		if (n > k && memcmp(t + n - k, titles[i], k) == 0)
			out->titled = 1;
	}
	if (!out->titled)
		out->full = hash_bytes(t, n);
	free(t);
}

int
mi_norm_name_level(const mi_name *a, const mi_name *b)
{
	if (a->surname <= 0 || b->surname <= 0)
		return 0;
	if (!a->titled && !b->titled)
		return a->full == b->full ? 2 : -1;
	return a->surname == b->surname ? 1 : -1;
}

/* ---- administrative areas not ours ---- */

/* The longest region name at the start. */
static int
on_region(int value, size_t start, size_t end, void *arg)
{
	size_t *at = arg;

	(void)value;
	if (start == 0 && end > *at)
		*at = end;
	return 0;
}

struct starts {
	int found;
};

static int
on_start(int value, size_t start, size_t end, void *arg)
{
	struct starts *s = arg;

	(void)end;
	if (value >= 0 && start == 0) {
		s->found = 1;
		return 1;
	}
	return 0;
}

/* Places that end like an administrative area but are parts of a town:
 * 萌山社区, 幸福小区, and the town itself (城区, 老城区) as callers say it. */
static int
not_an_area(const char *tok, size_t n)
{
	static const char *const whole[] = {
		"城区", "老城区", "新城区", "主城区", "市区", "郊区", "县区", "本市", "本区", "本县"
	};
	static const char *const parts[] = {
		"社区", "小区", "园区", "街区", "校区", "景区", "厂区", "片区", "辖区", "矿区", "营区",
		"市场", "超市", "门市", "城市"
	};
	size_t i, k;

	for (i = 0; i < MI_ARRAY_LEN(whole); i++)
		if (n == strlen(whole[i]) && memcmp(tok, whole[i], n) == 0)
			return 1;
	for (i = 0; i < MI_ARRAY_LEN(parts); i++) {
		k = strlen(parts[i]);
		if (n >= k && memcmp(tok + n - k, parts[i], k) == 0)
			return 1;
	}
	return 0;
}

int
mi_norm_foreign(const mi_norm *n, const char *clean, char *what, size_t nwhat)
{
	const char *s = clean, *p, *end = clean + strlen(clean);
	size_t at, tok;
	struct starts starts;
	int32_t c;
	int i, kind;

	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		at = 0;
		mi_ac_scan(n->region, s, (size_t)(end - s), on_region, &at);
		if (at == 0)
			break;
		s += at;
	}
	/* An area's name is one to five characters and its kind. */
	p = s;
	for (i = 0, kind = 0; i < 6 && p < end && !kind; i++) {
		c = mi_utf8_next(&p, end);
		if (c < 0x80)
			return 0;
		kind = i > 0 && (c == 0x7701 || c == 0x5E02 || c == 0x533A || c == 0x53BF ||
		    c == 0x65D7 || c == 0x5DDE);   /* 省 市 区 县 旗 州 */
	}
	if (!kind)
		return 0;
	tok = (size_t)(p - s);
	if (not_an_area(s, tok))
		return 0;
	/* One of our own places may end that way (a 万福小区 would be caught above). */
	starts.found = 0;
	mi_ac_scan(n->strip, s, (size_t)(end - s), on_start, &starts);
	if (starts.found)
		return 0;
	snprintf(what, nwhat, "%.*s", (int)tok, s);
	return 1;
}

/* ---- texts ---- */

struct spans {
	unsigned char *cut;    /* 1 for each byte of a name or a stock phrase */
	void (*word)(void *arg, int i);
	void *arg;
};

static const char zeros[512];

static int
on_strip(int value, size_t start, size_t end, void *arg)
{
	struct spans *s = arg;

	if (value <= P_WORD) {
		if (s->word)
			s->word(s->arg, P_WORD - value);
	} else
		memset(s->cut + start, 1, end - start);
	return 0;
}

static int
is_separator(int32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
	return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0xFEFF;
}

/* Walks the cleaned text without what is cut, calling fn for each token
 * (a character, or a run of ASCII digits or letters) and for each break. */
static void
tokens(const mi_norm *n, const char *text, mi_buf *scratch,
    void (*fn)(void *arg, uint32_t tok, const char *s, size_t len), void *arg,
    void (*word)(void *arg, int i), void *warg)
{
	struct spans sp;
	const char *p, *end, *q;
	size_t len;
	int32_t c;

	mi_norm_clean(text, scratch);
	len = scratch->len;
	/* the cut marks live after the text in the same buffer */
	mi_buf_putc(scratch, 0);
	for (size_t left = len; left > 0; ) {
		size_t k = left < sizeof(zeros) ? left : sizeof(zeros);

		mi_buf_add(scratch, zeros, k);
		left -= k;
	}
	sp.cut = (unsigned char *)scratch->s + len + 1;
	sp.word = word;
	sp.arg = warg;
	mi_ac_scan(n->strip, scratch->s, len, on_strip, &sp);
	p = scratch->s;
	end = p + len;
	while (p < end) {
		if (sp.cut[p - scratch->s]) {
			fn(arg, 0, NULL, 0);
			p++;
			continue;
		}
		q = p;
		c = next_char(&p, end);
		if (c < 0 || is_separator(c)) {
			fn(arg, 0, NULL, 0);
			continue;
		}
		if (c < 0x80) {
			int digit = c >= '0' && c <= '9';

			while (p < end && !sp.cut[p - scratch->s] && (digit ? (*p >= '0' &&
			    *p <= '9') : (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))))
				p++;
			fn(arg, hash_bytes(q, (size_t)(p - q)) | 0x80000000u, q, (size_t)(p - q));
		} else
			fn(arg, (uint32_t)c, q, (size_t)(p - q));
	}
}

struct sigbuild {
	uint16_t *out;
	size_t n, max;
	uint32_t prev;
};

static void
on_sig_token(void *arg, uint32_t tok, const char *s, size_t len)
{
	struct sigbuild *b = arg;
	uint32_t h;

	(void)s;
	(void)len;
	if (tok != 0 && b->prev != 0 && b->n < b->max) {
		h = (b->prev * 0x9E3779B1u) ^ (tok + 0x7F4A7C15u);
		h ^= h >> 15;
		h *= 0x2C1B3C6Du;
		h ^= h >> 12;
		b->out[b->n++] = (uint16_t)(h >> 16);
	}
	b->prev = tok;
}

/* A word alone, for a text too short for pairs ("Loud Music/Party"). */
static void
on_word_token(void *arg, uint32_t tok, const char *s, size_t len)
{
	struct sigbuild *b = arg;
	uint32_t h;

	(void)s;
	(void)len;
	if (tok != 0 && b->n < b->max) {
		h = (tok * 0x85EBCA6Bu) ^ 0x5BD1E995u;
		h ^= h >> 13;
		h *= 0xC2B2AE35u;
		h ^= h >> 16;
		b->out[b->n++] = (uint16_t)h;
	}
}

static int
u16cmp(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return (x > y) - (x < y);
}

size_t
mi_norm_sig(const mi_norm *n, const char *text, uint16_t *out, size_t max, mi_buf *scratch,
    void (*word)(void *arg, int i), void *arg)
{
	struct sigbuild b = { out, 0, max, 0 };
	size_t i, k;

	tokens(n, text, scratch, on_sig_token, &b, word, arg);
	/* No two tokens side by side (a label of words split by spaces and
	 * slashes): its words themselves, so that such texts still compare. */
	if (b.n == 0)
		tokens(n, text, scratch, on_word_token, &b, NULL, NULL);
	if (b.n < 2)
		return b.n;
	if (b.n < 64) {
		for (i = 1; i < b.n; i++) {
			uint16_t v = out[i];

			for (k = i; k > 0 && out[k - 1] > v; k--)
				out[k] = out[k - 1];
			out[k] = v;
		}
	} else
		mi_sort(out, b.n, sizeof(*out), u16cmp);
	for (i = 1, k = 1; i < b.n; i++)
		if (out[i] != out[k - 1])
			out[k++] = out[i];
	return k;
}

struct textbuild {
	mi_buf *out;
	int gap;
};

static void
on_text_token(void *arg, uint32_t tok, const char *s, size_t len)
{
	struct textbuild *t = arg;

	if (tok == 0) {
		t->gap = t->out->len > 0;
		return;
	}
	if (t->gap)
		mi_buf_putc(t->out, ' ');
	t->gap = 0;
	mi_buf_add(t->out, s, len);
}

void
mi_norm_text(const mi_norm *n, const char *text, mi_buf *out)
{
	mi_buf scratch = MI_BUF_INIT;
	struct textbuild t = { out, 0 };

	mi_buf_reset(out);
	tokens(n, text, &scratch, on_text_token, &t, NULL, NULL);
	mi_buf_release(&scratch);
	mi_buf_str(out);
}

double
mi_norm_dice(const uint16_t *a, size_t na, const uint16_t *b, size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (na + nb == 0)
		return 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			common++;
			i++;
			j++;
		}
	}
	return 2.0 * (double)common / (double)(na + nb);
}
