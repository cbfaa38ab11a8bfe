/*
 * book.c - workbooks: what the first bytes say a file is, the sheet read
 * (--sheet, or the first with a header), and the cell values every
 * workbook reader writes alike (numbers, date serials). The rows go
 * through table.c like a CSV file's.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/reader.h"

/* Rows of a sheet looked at for its header when choosing the sheet. */
#define BOOK_PROBE_ROWS 20

static const unsigned char ole2_sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* The first chunk, a BOM and blanks skipped, starts with tag (any case)? */
static int
starts_tag(const char *p, const char *end, const char *tag)
{
	size_t k = strlen(tag);

	return (size_t)(end - p) >= k && strncasecmp(p, tag, k) == 0;
}

static const char *
skip_blank(const char *p, const char *end)
{
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* memmem for a needle in the first chunk, any case. */
static int
has(const char *p, const char *end, const char *needle)
{
	size_t k = strlen(needle);

	for (; (size_t)(end - p) >= k; p++)
		if (strncasecmp(p, needle, k) == 0)
			return 1;
	return 0;
}

int
mi_in_sniff_book(const mi_reader *r, size_t n)
{
	const char *p = r->raw, *end = r->raw + n;

	if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
		return MI_FMT_XLSX;
	if (n >= 8 && memcmp(p, ole2_sig, 8) == 0)
		return MI_FMT_XLS;
	p = skip_blank(p, end);
	if (starts_tag(p, end, "<?xml") || starts_tag(p, end, "<Workbook")) {
		if (has(p, end, "urn:schemas-microsoft-com:office:spreadsheet") ||
		    has(p, end, "Excel.Sheet"))
			return MI_FMT_XML;
		if (has(p, end, "<html") || has(p, end, "<table"))
			return MI_FMT_HTML;
		return MI_FMT_XML;
	}
	if (starts_tag(p, end, "<!DOCTYPE html") || starts_tag(p, end, "<html") ||
	    starts_tag(p, end, "<table") || starts_tag(p, end, "<meta") ||
	    starts_tag(p, end, "<head") || starts_tag(p, end, "<body") ||
	    starts_tag(p, end, "<!--"))
		return MI_FMT_HTML;
	return MI_FMT_AUTO;
}

int
mi_in_book_file(mi_reader *r, const char *path)
{
	char tmp[4096];
	const char *dir = getenv("TMPDIR");
	struct stat sb;
	ssize_t k;
	int fd;
	char *buf;

	if (r->own_fd && fstat(r->fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		r->file = mi_xstrdup(path);
		return 0;
	}
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(tmp, sizeof(tmp), "%s/minyi-sheet.XXXXXX", dir);
	/* mkstemp makes it 0600: the copy holds names and phones too. */
	if ((fd = mkstemp(tmp)) < 0)
		return mi_in_fail(r, MI_EX_CANTCREAT, "cannot copy '%s' to '%s': %s", r->path, tmp,
		    strerror(errno));
	r->file = mi_xstrdup(tmp);
	r->file_tmp = 1;
	buf = mi_xmalloc(MI_IN_CHUNK);
	while ((k = mi_in_book_read(r, buf, MI_IN_CHUNK)) > 0)
		if (write(fd, buf, (size_t)k) != k) {
			k = mi_in_fail(r, MI_EX_IOERR, "cannot copy '%s' to '%s': %s", r->path, tmp,
			    strerror(errno));
			break;
		}
	free(buf);
	close(fd);
	return k < 0 ? -1 : 0;
}

ssize_t
mi_in_book_read(mi_reader *r, char *buf, size_t n)
{
	ssize_t k;

	if (r->rawn > 0) {
		if (n > r->rawn)
			n = r->rawn;
		memcpy(buf, r->raw, n);
		memmove(r->raw, r->raw + n, r->rawn - n);
		r->rawn -= n;
		return (ssize_t)n;
	}
	if (r->raw_eof)
		return 0;
	for (;;) {
		k = read(r->fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return mi_in_fail(r, MI_EX_IOERR, "cannot read '%s': %s", r->path,
			    strerror(errno));
		if (k == 0)
			r->raw_eof = 1;
		return k;
	}
}

int
mi_in_book_open(mi_reader *r)
{
	switch (r->fmt) {
	case MI_FMT_XLSX: r->book = &mi_in_xlsx; break;
	case MI_FMT_XLS: r->book = &mi_in_xls; break;
	case MI_FMT_XML: r->book = &mi_in_xml; break;
	default: r->book = &mi_in_html; break;
	}
	r->grid = 1;
	return r->book->open(r);
}

void
mi_in_row_begin(mi_reader *r, long line)
{
	mi_in_row_reset(r);
	r->nfield = 0;
	r->row_line = line;
}

void
mi_in_cell(mi_reader *r, size_t col, const char *s, size_t n)
{
	int what;

	if (col < r->noff) {
		mi_in_bad(r, _("cells out of order"));
		return;
	}
	if (col >= MI_IN_MAX_COLS) {
		if (n > 0 && col + 1 > r->nfield)
			r->nfield = col + 1;
		return;
	}
	while (r->noff < col)
		mi_in_row_add(r, "", 0);
	if (n > MI_IN_MAX_FIELD) {
		mi_in_bad(r, _("cell longer than 1 MiB"));
		s = "";
		n = 0;
	} else if ((what = mi_in_check(s, n)) != MI_IN_TEXT_OK)
		mi_in_bad(r, what == MI_IN_TEXT_NUL ? _("NUL byte") : _("invalid UTF-8"));
	mi_in_row_add(r, s, n);
	r->nfield = r->noff;
}

void
mi_in_cell_text(mi_buf *text, int *over, const char *s, int n)
{
	if (text->len + (size_t)n > MI_IN_MAX_FIELD + 1) {
		*over = 1;
		return;
	}
	mi_buf_add(text, s, (size_t)n);
}

/* "1.5e+22" style text from %.*e made plain: digits, point, no exponent. */
static void
plain(const char *e, char *buf, size_t n)
{
	char dig[32];
	size_t nd = 0, i;
	int neg = 0, x, point;
	mi_buf b = MI_BUF_INIT;

	if (*e == '-') {
		neg = 1;
		e++;
	}
	for (; *e && *e != 'e'; e++)
		if (*e >= '0' && *e <= '9' && nd < sizeof(dig))
			dig[nd++] = *e;
	x = *e == 'e' ? atoi(e + 1) : 0;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	point = x + 1;              /* digits before the point */
	if (neg)
		mi_buf_putc(&b, '-');
	if (point <= 0) {
		mi_buf_puts(&b, "0.");
		for (i = 0; i < (size_t)-point; i++)
			mi_buf_putc(&b, '0');
		mi_buf_add(&b, dig, nd);
	} else {
		for (i = 0; i < (size_t)point; i++)
			mi_buf_putc(&b, i < nd ? dig[i] : '0');
		if ((size_t)point < nd) {
			mi_buf_putc(&b, '.');
			mi_buf_add(&b, dig + point, nd - (size_t)point);
		}
	}
	snprintf(buf, n, "%s", mi_buf_str(&b));
	mi_buf_release(&b);
}

void
mi_in_number(double v, char *buf, size_t n)
{
	char e[40];
	int prec;

	if (!isfinite(v)) {
		snprintf(buf, n, "%s", isnan(v) ? "NaN" : v < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (v == 0) {
		snprintf(buf, n, "0");
		return;
	}
	/* The fewest significant digits that read back as the same double. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	plain(e, buf, n);
}

size_t
mi_in_integer(const char *s, size_t n)
{
	size_t i = (n > 0 && s[0] == '-'), d = n - i;

	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return d;
}

int
mi_in_serial_date(double v, int date1904, char *buf, size_t n)
{
	int ymd, secs;

	if (mi_serial_civil(v, date1904, &ymd, &secs) < 0)
		return -1;
	if (ymd == 0)
		snprintf(buf, n, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
	else if (secs == 0)
		snprintf(buf, n, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
	else
		snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", ymd / 10000, ymd / 100 % 100,
		    ymd % 100, secs / 3600, secs / 60 % 60, secs % 60);
	return 0;
}

int
mi_in_date_format(const char *code)
{
	const char *p;

	if (strcasecmp(code, "General") == 0 || strcmp(code, "@") == 0)
		return 0;
	for (p = code; *p; p++) {
		switch (*p) {
		case '"':               /* literal text */
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			break;
		case '\\': case '_': case '*':
			if (p[1])
				p++;
			break;
		case '[':               /* [Red], [$-804]; [h] and [mm] are elapsed time */
			if (strchr("hHmMsS", p[1]))
				return 1;
			while (p[1] && p[1] != ']')
				p++;
			break;
		case 'y': case 'Y': case 'd': case 'D': case 'h': case 'H': case 's': case 'S':
		case 'm': case 'M':
			return 1;
		default:
			break;
		}
	}
	/* 年 月 日 时 分 秒 written as literal characters of a Chinese format */
	return strstr(code, "年") || strstr(code, "月") || strstr(code, "日");
}

/* The sheet --sheet names: by name, or by number from 1. */
static int
named_sheet(mi_reader *r, size_t *at)
{
	long long k;
	size_t i;
	mi_buf b = MI_BUF_INIT;

	for (i = 0; i < r->nsheets; i++)
		if (strcmp(r->sheets[i], r->want_sheet) == 0) {
			*at = i;
			return 0;
		}
	if (mi_parse_num(r->want_sheet, 1, (long long)r->nsheets, &k) == 0) {
		*at = (size_t)k - 1;
		return 0;
	}
	for (i = 0; i < r->nsheets; i++) {
		if (i)
			mi_buf_puts(&b, "', '");
		mi_buf_puts(&b, r->sheets[i]);
	}
	mi_in_fail(r, MI_EX_USAGE, "%s: no sheet '%s' (its sheets: '%s')", r->path,
	    r->want_sheet, mi_buf_str(&b));
	mi_buf_release(&b);
	return -1;
}

/* Whether sheet i's first rows with content hold a header (1), or not (0,
 * with *content set when it has any), or -1. Without a header test, a row
 * with content is one. */
static int
sheet_has_header(mi_reader *r, size_t i, int *content)
{
	long seen;
	int rc;

	if (r->book->sheet(r, i) < 0)
		return -1;
	for (seen = 0; seen < BOOK_PROBE_ROWS && (rc = r->book->row(r)) > 0; ) {
		if (mi_in_row_blank(r))
			continue;
		seen++;
		*content = 1;
		if (r->hdr_fn == NULL || mi_in_row_header(r))
			return 1;
	}
	return rc < 0 ? -1 : 0;
}

/* The first sheet whose rows the header test accepts, else the first with content. */
static int
probe(mi_reader *r, size_t *at)
{
	size_t i;
	int rc, content, first = -1;

	for (i = 0; i < r->nsheets; i++) {
		content = 0;
		if ((rc = sheet_has_header(r, i, &content)) != 0) {
			*at = i;
			return rc < 0 ? -1 : 0;
		}
		if (content && first < 0)
			first = (int)i;
	}
	*at = first < 0 ? 0 : (size_t)first;
	return 0;
}

/*
 * After the sheet read (chosen by the header test, not by --sheet): the
 * names of the workbook's other sheets whose rows hold a header, in *names
 * (n set; the caller frees the array, not the names, which r owns). Reads
 * those sheets' first rows: nothing more is read of r after. 0, or -1.
 */
int
mi_in_book_more(mi_reader *r, const char ***names, size_t *n)
{
	size_t i;
	int rc, content;

	*names = NULL;
	*n = 0;
	if (!r->book || r->want_sheet || r->hdr_fn == NULL || r->nsheets < 2 || !r->sheet_on)
		return 0;
	for (i = 0; i < r->nsheets; i++) {
		if (i == r->cur_sheet)
			continue;
		if ((rc = sheet_has_header(r, i, &content)) < 0)
			return -1;
		if (rc) {
			*names = mi_xrealloc(*names, (*n + 1) * sizeof(**names));
			(*names)[(*n)++] = r->sheets[i];
		}
	}
	return 0;
}

static int
book_row(mi_reader *r)
{
	return r->book->row(r);
}

int
mi_in_book_next(mi_reader *r)
{
	size_t at = 0;

	if (!r->sheet_on) {
		if (r->nsheets == 0)
			return 0;
		if (r->want_sheet ? named_sheet(r, &at) < 0 :
		    r->nsheets > 1 && probe(r, &at) < 0)
			return -1;
		if (r->book->sheet(r, at) < 0)
			return -1;
		r->cur_sheet = at;
		r->sheet_on = 1;
	}
	return mi_in_table_next(r, book_row);
}

void
mi_in_book_release(mi_reader *r)
{
	size_t i;

	if (r->book)
		r->book->close(r);
	for (i = 0; i < r->nsheets; i++)
		free(r->sheets[i]);
	free(r->sheets);
	if (r->file_tmp)
		unlink(r->file);
	free(r->file);
	free(r->want_sheet);
}

const char *
mi_xml_local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

const char *
mi_xml_attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strcmp(mi_xml_local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}
