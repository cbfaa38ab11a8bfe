/* phone.c - normalising phone numbers, masking phones and names. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Jining's area code: a bare local number in the ledger is from the county. */
#define LOCAL_AREA "0537"

/* Longest digit run worth looking at: 0086 + a 12-digit landline, with room. */
#define MAXDIGITS 20

static int
is_sep(int c)
{
	return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')';
}

/*
 * Collects the digits of s, allowing the separators people type and one
 * leading '+'. Sets *plus when the number was written with '+'. Returns the
 * digit count, or -1 on anything else (letters, a second number, too long).
 */
static int
collect_digits(const char *s, char *d, int *plus)
{
	int n = 0;

	*plus = 0;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == MAXDIGITS)
				return -1;
			d[n++] = *s;
		} else if (*s == '+' && n == 0 && !*plus) {
			*plus = 1;
		} else if (!is_sep((unsigned char)*s)) {
			return -1;
		}
	}
	d[n] = '\0';
	return n;
}

static int
is_mobile(const char *d, size_t n)
{
	return n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/*
 * Drops the country code. After it, a landline's area code loses its
 * trunk 0 (+86 537 1234567), so that is put back. A bare "86" is taken as
 * the country code only when what follows is a mobile or a 0-prefixed
 * number: otherwise it may be the start of a local number (86123456).
 */
static int
strip_country(char *d, size_t *n, int plus)
{
	size_t skip = 0;
	int intl = 0;

	if (plus) {
		if (strncmp(d, "86", 2) != 0)
			return -1;
		skip = 2;
		intl = 1;
	} else if (strncmp(d, "0086", 4) == 0) {
		skip = 4;
		intl = 1;
	} else if (strncmp(d, "86", 2) == 0 &&
	    (is_mobile(d + 2, *n - 2) || (d[2] == '0' && *n >= 12))) {
		skip = 2;
	}
	memmove(d, d + skip, *n - skip + 1);
	*n -= skip;
	/* An international prefix left over (0086 0086 ...) is no number of ours. */
	if (skip && *n >= 2 && d[0] == '0' && d[1] == '0')
		return -1;
	if (intl && *n > 0 && d[0] != '0' && !is_mobile(d, *n)) {
		memmove(d + 1, d, *n + 1);
		d[0] = '0';
		(*n)++;
	}
	return 0;
}

/* Beijing (010) and the 02X cities have 3-digit area codes; the rest 4. */
static size_t
area_len(const char *d)
{
	return d[1] == '1' || d[1] == '2' ? 3 : 4;
}

static int
put(char *out, size_t n, const char *area, const char *num)
{
	size_t need = (area ? strlen(area) + 1 : 0) + strlen(num) + 1;

	if (need > n)
		return -1;
	if (area)
		snprintf(out, n, "%s-%s", area, num);
	else
		snprintf(out, n, "%s", num);
	return 0;
}

static int
norm_digits(char *d, size_t len, char *out, size_t n)
{
	char area[8];
	size_t a;

	if (is_mobile(d, len))
		return put(out, n, NULL, d);
	if (d[0] == '0') {
		/* Some callers dial a mobile with a trunk 0 from another city. */
		if (is_mobile(d + 1, len - 1))
			return put(out, n, NULL, d + 1);
		a = area_len(d);
		if (len < a + 7 || len > a + 8)
			return -1;
		memcpy(area, d, a);
		area[a] = '\0';
		return put(out, n, area, d + a);
	}
	if (len == 7 || len == 8)
		return put(out, n, LOCAL_AREA, d);
	if (len >= 3 && len <= 6)
		return put(out, n, NULL, d);   /* service numbers: 110, 12345, 95598 */
	return -1;
}

int
mi_phone_norm(const char *in, char *out, size_t n)
{
	char d[MAXDIGITS + 2];
	char *half;
	int plus, len;
	size_t dl;

	if (n == 0)
		return -1;
	out[0] = '\0';
	/* Full-width digits and brackets come from Chinese input methods. */
	half = mi_utf8_halfwidth(in);
	len = collect_digits(half, d, &plus);
	if (len == 0 && !plus && mi_trim(half)[0] == '\0') {
		free(half);
		return 0;
	}
	free(half);
	if (len <= 0)
		return -1;
	dl = (size_t)len;
	if (strip_country(d, &dl, plus) < 0 || dl == 0)
		return -1;
	if (norm_digits(d, dl, out, n) < 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/*
 * Masks what identifies a person while leaving enough to confirm a number
 * on the phone. Only digits (and any stray characters, so nothing leaks)
 * count; separators are dropped, so a landline 0537-1234567 masks to
 * 053****4567 like a mobile: the area code is not secret, but one shape for
 * every number is simpler to read and to compare. Short numbers keep only
 * their last two characters, since first-3-last-4 would hide nothing.
 */
void
mi_mask_phone(const char *in, mi_buf *out)
{
	const char *p = in, *end = in + strlen(in), *q;
	size_t total = 0, i = 0, head, tail;
	int32_t c;

	while (p < end) {
		c = mi_utf8_next(&p, end);
		if (c < 0 || !(c == '+' || is_sep(c)))
			total++;
	}
	if (total >= 8) {
		head = 3;
		tail = 4;
	} else {
		head = 0;
		tail = total > 2 ? 2 : 0;
	}
	for (p = in; p < end; ) {
		q = p;
		c = mi_utf8_next(&p, end);
		if (c >= 0 && (c == '+' || is_sep(c)))
			continue;
		if (c >= 0 && (i < head || i >= total - tail))
			mi_buf_add(out, q, (size_t)(p - q));
		else
			mi_buf_putc(out, '*');
		i++;
	}
}

/*
 * Keeps the first character (the family name, for most Chinese names) and
 * turns every other character into one '*', so the length still shows.
 * A one-character name is masked whole: keeping it would hide nothing.
 */
void
mi_mask_name(const char *in, mi_buf *out)
{
	const char *p = in, *end = in + strlen(in), *q;
	size_t i = 0, total = 0;
	int32_t c;

	while (p < end) {
		mi_utf8_next(&p, end);
		total++;
	}
	for (p = in; p < end; i++) {
		q = p;
		c = mi_utf8_next(&p, end);
		if (i == 0 && total > 1 && c >= 0)
			mi_buf_add(out, q, (size_t)(p - q));
		else
			mi_buf_putc(out, '*');
	}
}

/* ---- numbers written inside free text ---- */

/* An ID-card number is the longest number looked for: 17 digits and a check. */
#define MAXSPAN 18

enum { NUM_NONE, NUM_PHONE, NUM_ID };

/* A match: the bytes to mask, and where its own digits begin (after +86). */
struct span {
	const char *start, *national, *end;
	int kind;
};

static int
digit_of(int32_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 0xFF10 && c <= 0xFF19)   /* full-width, from Chinese input methods */
		return c - 0xFF10;
	return -1;
}

/* What people put between the groups of one number: 139 1234 5678,
 * 0537-1234567, (0537)1234567, in ASCII or full-width. */
static int
is_joiner(int32_t c)
{
	return c == ' ' || c == '-' || c == '(' || c == ')' || c == 0x3000 || c == 0xFF08 ||
	    c == 0xFF09 || c == 0xFF0D;
}

static int
is_latin(int32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int32_t
peek(const char *p, const char *end, const char **next)
{
	*next = p;
	return p < end ? mi_utf8_next(next, end) : -1;
}

/*
 * What n digits are: an ID-card number (18 digits), a mobile or a landline
 * with its area code, either with a country code (*skip: how many of the
 * digits it takes). A bare local number is not looked for: in free text
 * seven or eight digits are as often an amount or a reference.
 */
static int
classify(const char *d, size_t n, int plus, size_t *skip)
{
	char t[MAXSPAN + 2];
	size_t m = n, a;

	*skip = 0;
	if (n == 18 && !plus)
		return NUM_ID;
	if (n < 10 || n > 16)
		return NUM_NONE;
	memcpy(t, d, n);
	t[n] = '\0';
	if (strip_country(t, &m, plus) < 0 || m < 2)
		return NUM_NONE;
	*skip = plus ? 2 : strncmp(d, "0086", 4) == 0 ? 4 : n - m;
	if (is_mobile(t, m))
		return NUM_PHONE;
	a = area_len(t);
	if (t[0] == '0' && (is_mobile(t + 1, m - 1) || (m >= a + 7 && m <= a + 8)))
		return NUM_PHONE;
	return NUM_NONE;
}

/*
 * The longest phone or ID number that starts with the digit group at p:
 * whole groups only, joined by at most three joiners (") " after an area
 * code, " - " between groups), and not glued to a Latin letter on either
 * side (GD13912345678 is a ticket, a digest's digits are hex). 1 and sp
 * set, or 0.
 */
static int
match(const char *text, const char *p, const char *end, struct span *sp)
{
	const char *at[MAXSPAN], *q = p, *next, *r;
	char d[MAXSPAN + 1];
	size_t n = 0, skip;
	int found = 0, plus = 0, joins, kind, v;
	int32_t c;

	sp->start = p;
	if (p > text && p[-1] == '+') {
		sp->start = p - 1;
		plus = 1;
	}
	if (sp->start > text && is_latin((unsigned char)sp->start[-1]))
		return 0;
	for (;;) {
		while ((v = digit_of(peek(q, end, &next))) >= 0) {
			if (n == MAXSPAN)
				return found;
			at[n] = q;
			d[n++] = (char)('0' + v);
			q = next;
		}
		c = peek(q, end, &next);
		if (n == 17 && !plus && (c == 'X' || c == 'x')) {
			c = peek(next, end, &r);
			if (is_latin(c) || digit_of(c) >= 0)
				return found;
			sp->national = sp->start;
			sp->end = next;
			sp->kind = NUM_ID;
			return 1;
		}
		if (is_latin(c))
			return found;
		if ((kind = classify(d, n, plus, &skip)) != NUM_NONE) {
			sp->national = at[skip];
			sp->end = q;
			sp->kind = kind;
			found = 1;
		}
		for (r = q, joins = 0; joins < 3 && is_joiner(c = peek(r, end, &next)); joins++)
			r = next;
		if (joins == 0 || digit_of(peek(r, end, &next)) < 0)
			return found;
		q = r;
	}
}

/* Writes a match masked: a phone keeps its first 3 and last 4 digits, an ID
 * number its first 4 and last 4; what joined its groups is dropped. */
static void
put_span(const struct span *sp, mi_buf *out)
{
	const char *p, *next;
	size_t total = 0, i = 0, head = sp->kind == NUM_ID ? 4 : 3;
	int32_t c;

	mi_buf_add(out, sp->start, (size_t)(sp->national - sp->start));
	for (p = sp->national; p < sp->end; p = next)
		if (!is_joiner(peek(p, sp->end, &next)))
			total++;
	for (p = sp->national; p < sp->end; p = next) {
		c = peek(p, sp->end, &next);
		if (is_joiner(c))
			continue;
		if (i < head || i + 4 >= total)
			mi_buf_add(out, p, (size_t)(next - p));
		else
			mi_buf_putc(out, '*');
		i++;
	}
}

/*
 * The one pass over a text: masks each phone and ID number into out (when
 * not NULL) and, while fewer than hide digits outside them were starred,
 * stars those too. *others: how many digits are outside them. Returns the
 * numbers masked.
 */
static size_t
scan(const char *s, mi_buf *out, size_t hide, size_t *others)
{
	const char *p = s, *run = s, *end = s + strlen(s), *next;
	struct span sp;
	size_t found = 0, seen = 0;
	int in_digits = 0;

	while (p < end) {
		if (digit_of(peek(p, end, &next)) < 0) {
			in_digits = 0;
			p = next;
			continue;
		}
		if (!in_digits && match(s, p, end, &sp)) {
			if (out) {
				mi_buf_add(out, run, (size_t)(sp.start - run));
				put_span(&sp, out);
			}
			found++;
			p = run = sp.end;
			continue;
		}
		in_digits = 1;
		if (out && seen < hide) {
			mi_buf_add(out, run, (size_t)(p - run));
			mi_buf_putc(out, '*');
			run = next;
		}
		seen++;
		p = next;
	}
	if (out)
		mi_buf_add(out, run, (size_t)(end - run));
	if (others)
		*others = seen;
	return found;
}

size_t
mi_mask_text(const char *s, mi_buf *out)
{
	return scan(s, out, 0, NULL);
}

void
mi_mask_digits(const char *s, mi_buf *out)
{
	size_t others;

	scan(s, NULL, 0, &others);
	scan(s, out, others >= 5 ? others - 2 : 0, NULL);
}

char *
mi_phone_why(const char *v, char *why, size_t n)
{
	mi_buf b = MI_BUF_INIT;
	size_t len;

	mi_mask_digits(v ? v : "", &b);
	/* Cut after the masking, so no cut leaves a phone too short to be seen,
	 * and at a character's start, so no half character is quoted. */
	len = b.len < 40 ? b.len : 40;
	while (len > 0 && len < b.len && ((unsigned char)b.s[len] & 0xC0) == 0x80)
		len--;
	snprintf(why, n, _("impossible phone '%.*s'"), (int)len, mi_buf_str(&b));
	mi_buf_release(&b);
	return why;
}
