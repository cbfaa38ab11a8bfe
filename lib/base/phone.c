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
