/*
 * source.c - the reader's lowest layer: the file, its chunks, the encoding
 * settled from the first chunk, GB18030 converted to UTF-8, and the record
 * buffer the CSV and JSON readers fill. It calls nothing above it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/reader.h"

/*
 * GB18030 output never holds this byte, and no valid UTF-8 does either, so
 * it marks where iconv refused bytes until mi_in_check finds it in a record.
 */
#define BAD_MARK '\xFF'

int
mi_in_fail(mi_reader *r, int code, const char *fmt, ...)
{
	va_list ap;

	r->err.code = code;
	va_start(ap, fmt);
	vsnprintf(r->err.msg, sizeof(r->err.msg), gettext(fmt), ap);
	va_end(ap);
	return -1;
}

/*
 * Fixed-width decoding of one UTF-8 sequence at p (p[0] >= 0x80): its length,
 * 0 when invalid, -1 when it is a valid start cut short at end.
 */
static int
utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	int need, i;

	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;          /* overlong */
		else if (c == 0xED)
			hi = 0x9F;          /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;          /* past U+10FFFF */
	} else
		return 0;
	for (i = 1; i <= need; i++) {
		if (p + i >= end)
			return -1;
		if (i == 1 ? (p[1] < lo || p[1] > hi) : (p[i] & 0xC0) != 0x80)
			return 0;
	}
	return need + 1;
}

/* Index of the first byte that is NUL or not valid UTF-8, or n; *what says which. */
static size_t
text_scan(const char *s, size_t n, int *what)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	uint64_t w;
	int k;

	*what = MI_IN_TEXT_OK;
	while (p < end) {
		/* Eight bytes at a time while they are ASCII without NUL: most fields. */
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			if ((w & 0x8080808080808080ULL) ||
			    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (*p == 0) {
			*what = MI_IN_TEXT_NUL;
			break;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		/* Chinese text is three-byte sequences: check those inline. */
		if (p[0] >= 0xE1 && p[0] != 0xED && p[0] <= 0xEF && end - p >= 3 &&
		    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			p += 3;
			continue;
		}
		if ((k = utf8_seq(p, end)) <= 0) {
			*what = MI_IN_TEXT_BADUTF8;
			break;
		}
		p += k;
	}
	return (size_t)(p - (const unsigned char *)s);
}

int
mi_in_check(const char *s, size_t n)
{
	int what;

	text_scan(s, n, &what);
	return what;
}

const char *
mi_in_text_reason(const mi_reader *r, int what)
{
	if (what == MI_IN_TEXT_NUL)
		return _("NUL byte");
	if (r->enc_auto)
		return "neither UTF-8 nor GB18030";
	return r->enc == MI_ENC_GB18030 ? _("invalid GB18030") : _("invalid UTF-8");
}

void
mi_in_bad(mi_reader *r, const char *why)
{
	if (r->bad == NULL)
		r->bad = why;
}

void
mi_in_row_reset(mi_reader *r)
{
	mi_buf_reset(&r->row);
	r->noff = 0;
	r->bad = NULL;
}

void
mi_in_row_add(mi_reader *r, const char *s, size_t n)
{
	if (r->noff == r->capoff) {
		r->capoff = r->capoff ? r->capoff * 2 : 64;
		r->off = mi_xrealloc(r->off, r->capoff * sizeof(*r->off));
	}
	r->off[r->noff++] = r->row.len;
	/* s[n] is the NUL: copying it too keeps the values apart in one buffer. */
	mi_buf_add(&r->row, s, n + 1);
}

void
mi_in_row_cap(mi_reader *r, size_t n)
{
	if (n <= r->capkv)
		return;
	r->capkv = n < 64 ? 64 : n;
	r->keys = mi_xrealloc(r->keys, r->capkv * sizeof(*r->keys));
	r->vals = mi_xrealloc(r->vals, r->capkv * sizeof(*r->vals));
}

/* Reads up to n bytes; with full, keeps reading until n or the end (pipes give less). */
static ssize_t
read_some(mi_reader *r, char *buf, size_t n, int full)
{
	size_t got = 0;
	ssize_t k;

	while (got < n && !r->raw_eof) {
		k = read(r->fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return mi_in_fail(r, MI_EX_IOERR, "cannot read '%s': %s", r->path, strerror(errno));
		if (k == 0)
			r->raw_eof = 1;
		got += (size_t)k;
		if (!full && got > 0)
			break;
	}
	return (ssize_t)got;
}

/*
 * Converts what raw holds. A sequence cut by the chunk end waits for the next
 * read; bytes GB18030 has no character for become BAD_MARK, so the record
 * they sit in comes back bad and the rest of the input still converts.
 */
static size_t
convert(mi_reader *r)
{
	char *in = r->raw, *out = r->dec;
	size_t inleft = r->rawlen, outleft = 2 * MI_IN_CHUNK + 16;

	while (inleft > 0) {
		if (iconv(r->cd, &in, &inleft, &out, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG || outleft == 0)
			break;
		if (errno == EINVAL && !r->raw_eof)
			break;
		*out++ = BAD_MARK;
		outleft--;
		in++;
		inleft--;
	}
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
	return (size_t)(out - r->dec);
}

/* The first byte of s..s+n that is not UTF-8, NUL bytes passed over (mi_in_check
 * finds those), or NULL when there is none. */
static const char *
not_utf8(const char *s, size_t n)
{
	size_t at;
	int what;

	for (;;) {
		at = text_scan(s, n, &what);
		if (what == MI_IN_TEXT_OK)
			return NULL;
		if (what != MI_IN_TEXT_NUL)
			return s + at;
		s += at + 1;
		n -= at + 1;
	}
}

/*
 * 1 when s..s+n is UTF-8 but for NUL bytes (mi_in_check finds those); with
 * open_end, a sequence cut at the end is allowed and *cut is its length.
 */
static int
utf8_line(const char *s, size_t n, int open_end, size_t *cut)
{
	const char *bad = not_utf8(s, n), *end = s + n;

	*cut = 0;
	if (bad == NULL)
		return 1;
	if (open_end && utf8_seq((const unsigned char *)bad, (const unsigned char *)end) < 0) {
		*cut = (size_t)(end - bad);
		return 1;
	}
	return 0;
}

/*
 * Auto-detected input is decoded a line at a time: a line that is valid
 * UTF-8 is kept as it is, any other is converted from GB18030, so a file
 * that mixes the two is read whole and nothing is stored garbled. Bytes
 * that are neither become BAD_MARK, and their record comes back bad.
 */
static size_t
convert_mixed(mi_reader *r)
{
	char *in = r->raw, *end = r->raw + r->rawlen, *out = r->dec, *stop, *nl, *p;
	size_t inleft, outleft, cut;
	int open_end;

	while (in < end) {
		nl = memchr(in, '\n', (size_t)(end - in));
		/* A line not ended yet waits for the next read, unless it fills the buffer. */
		if (nl == NULL && !r->raw_eof && in > r->raw)
			break;
		stop = nl ? nl + 1 : end;
		open_end = nl == NULL && !r->raw_eof;
		if (utf8_line(in, (size_t)(stop - in), open_end, &cut)) {
			memcpy(out, in, (size_t)(stop - in) - cut);
			out += (stop - in) - cut;
			in = stop - cut;
			if (cut)
				break;
			continue;
		}
		p = in;
		inleft = (size_t)(stop - in);
		outleft = 2 * MI_IN_CHUNK + 16 - (size_t)(out - r->dec);
		while (inleft > 0) {
			if (iconv(r->cd, &p, &inleft, &out, &outleft) != (size_t)-1)
				break;
			if (errno == E2BIG || outleft == 0)
				break;
			if (errno == EINVAL && open_end)
				break;
			*out++ = BAD_MARK;
			outleft--;
			p++;
			inleft--;
		}
		in = p;
		if (inleft > 0)
			break;
	}
	memmove(r->raw, in, (size_t)(end - in));
	r->rawlen = (size_t)(end - in);
	return (size_t)(out - r->dec);
}

int
mi_in_fill(mi_reader *r)
{
	ssize_t n;
	size_t k;

	for (;;) {
		if (r->raw_eof && r->rawlen == 0)
			return 0;
		n = read_some(r, r->raw + r->rawlen, MI_IN_CHUNK - r->rawlen, 0);
		if (n < 0)
			return -1;
		if (r->cd == (iconv_t)-1) {
			if (n == 0)
				return 0;
			r->p = r->raw;
			r->end = r->raw + n;
			return 1;
		}
		r->rawlen += (size_t)n;
		if ((k = r->mixed ? convert_mixed(r) : convert(r)) > 0) {
			r->p = r->dec;
			r->end = r->dec + k;
			return 1;
		}
	}
}

/* 1 when the first chunk reads as UTF-8, allowing a sequence cut at its end. */
static int
looks_utf8(const mi_reader *r, size_t n)
{
	const char *bad = not_utf8(r->raw, n), *end = r->raw + n;

	if (bad == NULL)
		return 1;
	return !r->raw_eof && end - bad < 4 &&
	    utf8_seq((const unsigned char *)bad, (const unsigned char *)end) < 0;
}

/* Reads the first chunk whole, settles the encoding and strips a BOM. */
static int
start(mi_reader *r)
{
	ssize_t n;
	size_t k;

	if ((n = read_some(r, r->raw, MI_IN_CHUNK, 1)) < 0)
		return -1;
	/* A workbook is bytes for its own reader, whatever its name says. */
	if (r->fmt == MI_FMT_AUTO || r->fmt >= MI_FMT_XLSX) {
		int book = mi_in_sniff_book(r, (size_t)n);

		if (r->fmt >= MI_FMT_XLSX && book == MI_FMT_AUTO)
			return mi_in_fail(r, MI_EX_DATAERR, "%s: not a workbook (--format %s)", r->path,
			    r->fmt == MI_FMT_XLSX ? "xlsx" : r->fmt == MI_FMT_XLS ? "xls" :
			    r->fmt == MI_FMT_XML ? "xml" : "html");
		if (book != MI_FMT_AUTO) {
			if (r->fmt == MI_FMT_AUTO)
				r->fmt = book;
			r->rawn = (size_t)n;
			r->enc = MI_ENC_UTF8;
			return 0;
		}
	}
	/* Excel's "Unicode text" is UTF-16: say so rather than read it as GB18030. */
	if (n >= 2 && (((unsigned char)r->raw[0] == 0xFF && (unsigned char)r->raw[1] == 0xFE) ||
	    ((unsigned char)r->raw[0] == 0xFE && (unsigned char)r->raw[1] == 0xFF)))
		return mi_in_fail(r, MI_EX_DATAERR, "%s:1: UTF-16 text is not read: save it as "
		    "CSV in UTF-8 or GB18030", r->path);
	if (r->enc == MI_ENC_AUTO) {
		r->enc_auto = 1;
		r->enc = looks_utf8(r, (size_t)n) ? MI_ENC_UTF8 : MI_ENC_GB18030;
	}
	r->p = r->end = r->raw;
	r->mixed = r->enc_auto;
	if (r->enc == MI_ENC_UTF8 && !r->mixed) {
		r->end = r->raw + n;
	} else {
		if ((r->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
			return mi_in_fail(r, MI_EX_SOFTWARE, "cannot convert from 'GB18030': %s",
			    strerror(errno));
		r->dec = mi_xmalloc(2 * MI_IN_CHUNK + 16);
		r->rawlen = (size_t)n;
		k = r->mixed ? convert_mixed(r) : convert(r);
		r->p = r->dec;
		r->end = r->dec + k;
	}
	/* GB18030's own BOM converts to U+FEFF too, so one test covers both. */
	if (r->end - r->p >= 3 && memcmp(r->p, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
	return 0;
}

static int
open_fd(mi_reader *r, const char *path)
{
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		r->fd = 0;
		return 0;
	}
	if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return mi_in_fail(r, MI_EX_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
	r->own_fd = 1;
	if (fstat(r->fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		return mi_in_fail(r, MI_EX_NOINPUT, "cannot open '%s': %s", path, strerror(EISDIR));
	return 0;
}

int
mi_in_open(mi_reader *r, const char *path)
{
	return open_fd(r, path) < 0 ? -1 : start(r);
}
