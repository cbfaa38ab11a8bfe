/* utf8.c - UTF-8 decoding, validation, terminal display width, and text made safe to show. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

int32_t
mi_utf8_next(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	const unsigned char *e = (const unsigned char *)end;
	int32_t c, min;
	int n, i;

	if (p >= e)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*pp += 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		n = 1; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 2; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 3; c &= 0x07; min = 0x10000;
	} else {
		*pp += 1;
		return -1;
	}
	if (e - p <= n) {
		*pp += 1;
		return -1;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*pp += 1;
			return -1;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*pp += 1;
		return -1;
	}
	*pp += n + 1;
	return c;
}

int
mi_utf8_valid(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		if (mi_utf8_next(&p, end) < 0)
			return 0;
	}
	return 1;
}

/* East Asian Wide and Fullwidth ranges (the ones Chinese text meets). */
static int
wide(int32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) ||
	    (c >= 0x2E80 && c <= 0x303E) ||
	    (c >= 0x3041 && c <= 0x33FF) ||
	    (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) ||
	    (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) ||
	    (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) ||
	    (c >= 0x1F300 && c <= 0x1F64F) ||
	    (c >= 0x1F900 && c <= 0x1F9FF) ||
	    (c >= 0x20000 && c <= 0x3FFFD);
}

static int
zero_width(int32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200C ||
	    c == 0x200D || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F);
}

size_t
mi_display_width(const char *s)
{
	const char *p = s, *end = s + strlen(s);
	size_t w = 0;
	int32_t c;

	while (p < end) {
		c = mi_utf8_next(&p, end);
		if (c < 0)
			w += 1;
		else if (c < 0x20 || zero_width(c))
			continue;
		else
			w += wide(c) ? 2 : 1;
	}
	return w;
}

size_t
mi_utf8_put(char *out, int32_t c)
{
	if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
		c = 0xFFFD;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

char *
mi_utf8_halfwidth(const char *s)
{
	mi_buf b = MI_BUF_INIT;
	const char *p = s, *end = s + strlen(s), *q;
	int32_t c;

	while (p < end) {
		q = p;
		c = mi_utf8_next(&p, end);
		if (c >= 0xFF01 && c <= 0xFF5E)
			mi_buf_putc(&b, (int)(c - 0xFF01 + 0x21));
		else if (c == 0x3000)
			mi_buf_putc(&b, ' ');
		else
			mi_buf_add(&b, q, (size_t)(p - q));
	}
	return mi_buf_detach(&b);
}

int
mi_utf8_hostile(int32_t c)
{
	return (c >= 0 && c < 0x20) || (c >= 0x7F && c <= 0x9F) ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Tab, CR and newline as the way asks; 0 when they are not escaped at all. */
static int
esc_space(mi_buf *out, int32_t c, int how)
{
	if (c != '\t' && c != '\n' && c != '\r')
		return 0;
	if (how == MI_ESC_CELL)
		mi_buf_putc(out, ' ');
	else if (how == MI_ESC_LINE || c == '\r')
		mi_buf_puts(out, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
	else
		mi_buf_putc(out, (int)c);
	return 1;
}

/*
 * Runs of plain bytes are copied in one go. A byte that is not UTF-8 is
 * escaped as well: a terminal that is not in UTF-8 mode reads a lone 0x9b
 * as the start of a control sequence.
 */
void
mi_esc_text(mi_buf *out, const char *s, int how)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = s, *run = s, *end = s + strlen(s), *q;
	unsigned char b;
	int32_t c;

	while (p < end) {
		b = (unsigned char)*p;
		if (b >= 0x20 && b < 0x7F) {
			p++;
			continue;
		}
		q = p;
		c = mi_utf8_next(&p, end);
		/* JSON text has its C0 controls escaped already, or they are its blanks. */
		if ((c >= 0 && !mi_utf8_hostile(c)) || (how == MI_ESC_JSON && c < 0x20))
			continue;
		mi_buf_add(out, run, (size_t)(q - run));
		run = p;
		if (how != MI_ESC_JSON && esc_space(out, c, how))
			continue;
		if (how != MI_ESC_JSON && (c < 0 || c <= 0x7F)) {
			mi_buf_puts(out, "\\x");
			mi_buf_putc(out, hex[b >> 4]);
			mi_buf_putc(out, hex[b & 0xF]);
		} else
			mi_buf_printf(out, "\\u%04x", (unsigned)c);
	}
	mi_buf_add(out, run, (size_t)(p - run));
}

void
mi_esc_tail(mi_buf *b, size_t from, int how)
{
	char *tail = mi_xstrdup(mi_buf_str(b) + from);

	b->len = from;
	mi_esc_text(b, tail, how);
	free(tail);
}

char *
mi_strip_invisible(char *s)
{
	unsigned char *p = (unsigned char *)s, *o = p;

	while (*p) {
		/* E2 80 8B..8D, E2 81 A0, EF BB BF */
		if ((p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x8b && p[2] <= 0x8d) ||
		    (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0xa0) ||
		    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)) {
			p += 3;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return s;
}
