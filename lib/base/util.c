/* util.c - allocation that cannot fail quietly, growable buffers. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static void
oom(void)
{
	/* Out of memory is the one condition the library treats as fatal. */
	fputs("minyi: out of memory\n", stderr);
	abort();
}

void *
mi_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
mi_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
mi_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
mi_xstrdup(const char *s)
{
	return mi_xstrndup(s, strlen(s));
}

void
mi_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void *
mi_search(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	return n > 0 ? bsearch(key, base, n, size, cmp) : NULL;
}

char *
mi_xstrndup(const char *s, size_t n)
{
	char *p = mi_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
grow(mi_buf *b, size_t more)
{
	size_t want = b->len + more + 1;

	if (want <= b->cap)
		return;
	if (b->cap * 2 > want)
		want = b->cap * 2;
	if (want < 64)
		want = 64;
	b->s = mi_xrealloc(b->s, want);
	b->cap = want;
}

void
mi_buf_add(mi_buf *b, const char *p, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
mi_buf_puts(mi_buf *b, const char *s)
{
	mi_buf_add(b, s, strlen(s));
}

void
mi_buf_putc(mi_buf *b, int c)
{
	char ch = (char)c;

	mi_buf_add(b, &ch, 1);
}

void
mi_buf_printf(mi_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mi_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
mi_buf_vprintf(mi_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0) {
		grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void
mi_buf_reset(mi_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
mi_buf_release(mi_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *
mi_buf_str(const mi_buf *b)
{
	return b->s ? b->s : "";
}

char *
mi_buf_detach(mi_buf *b)
{
	char *s = b->s ? b->s : mi_xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

static int
is_space_at(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f')
		return 1;
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)   /* U+3000 */
		return 3;
	return 0;
}

char *
mi_trim(char *s)
{
	unsigned char *p = (unsigned char *)s, *end;
	int k;
	size_t n;

	while ((k = is_space_at(p)) != 0)
		p += k;
	n = strlen((char *)p);
	end = p + n;
	for (;;) {
		if (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
		    end[-1] == '\n' || end[-1] == '\v' || end[-1] == '\f'))
			end--;
		else if (end - p >= 3 && end[-3] == 0xE3 && end[-2] == 0x80 && end[-1] == 0x80)
			end -= 3;
		else
			break;
	}
	n = (size_t)(end - p);
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

void
mi_json_str(mi_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	mi_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		mi_buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		mi_buf_putc(b, '\\');
		switch (c) {
		case '"': mi_buf_putc(b, '"'); break;
		case '\\': mi_buf_putc(b, '\\'); break;
		case '\n': mi_buf_putc(b, 'n'); break;
		case '\t': mi_buf_putc(b, 't'); break;
		case '\r': mi_buf_putc(b, 'r'); break;
		default:
			mi_buf_puts(b, "u00");
			mi_buf_putc(b, hex[c >> 4]);
			mi_buf_putc(b, hex[c & 15]);
		}
	}
	mi_buf_add(b, run, (size_t)(s - run));
	mi_buf_putc(b, '"');
}

void
mi_buf_int(mi_buf *b, long long n)
{
	char d[24];
	int i = (int)sizeof(d);
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	do {
		d[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		d[--i] = '-';
	mi_buf_add(b, d + i, sizeof(d) - (size_t)i);
}

int
mi_parse_num(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
mi_each_part(const char *list, int (*fn)(void *arg, char *part, mi_err *e), void *arg, mi_err *e)
{
	static const char *const seps[] = { ",", "\xef\xbc\x8c", "\xe3\x80\x81", ";", "\xef\xbc\x9b" };
	char *copy = mi_xstrdup(list), *p = copy, *q, *end;
	size_t i, len = 0;
	int rc = 0;

	while (rc == 0 && p != NULL) {
		end = NULL;
		for (i = 0; i < MI_ARRAY_LEN(seps); i++)
			if ((q = strstr(p, seps[i])) != NULL && (end == NULL || q < end)) {
				end = q;
				len = strlen(seps[i]);
			}
		if (end)
			*end = '\0';
		if (*mi_trim(p))
			rc = fn(arg, p, e);
		p = end ? end + len : NULL;
	}
	free(copy);
	return rc;
}
