/*
 * read_xml.c - SpreadsheetML 2003 (<?mso-application progid="Excel.Sheet"?>),
 * the XML "xls" of many web exports, streamed through expat: the parser is
 * suspended at each row's end, as for .xlsx. Cells may skip columns
 * (ss:Index) and span them (ss:MergeAcross: the value in the first;
 * ss:MergeDown: the value in the first column of every row it covers, as
 * the merged cells of an .xlsx read).
 */
#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/reader.h"

/* A cell merged down into the rows below it (ss:MergeDown). */
struct down {
	long from, last;           /* its row, and the last row it covers */
	char *val;                 /* its value, in its first column only */
};

struct xml {
	int fd;
	XML_Parser p;
	char *buf;
	int feed_done, suspended, fail, listing, workbook;
	long ws;                   /* the worksheet being parsed, from 0 */
	long want;                 /* the one whose rows are read */
	int in_data, over;
	char type;                 /* the Data's ss:Type: S, N, D, B */
	size_t col, span, nextcol;
	long rownum, merge_down;
	struct down *dn;           /* by column */
	size_t ndn;
	mi_buf text;
	mi_reader *r;
};

static void
chars(void *ud, const char *s, int n)
{
	struct xml *x = ud;

	if (!x->in_data)
		return;
	mi_in_cell_text(&x->text, &x->over, s, n);
}

/* Column c of the row being read, covered by a cell merged down from above:
 * 1 when it is (its value added, when it is the merge's first column). */
static int
covered(struct xml *x, size_t c)
{
	const struct down *d = c < x->ndn ? &x->dn[c] : NULL;

	if (d == NULL || d->from >= x->rownum || d->last < x->rownum)
		return 0;
	mi_in_cell(x->r, c, d->val ? d->val : "", d->val ? strlen(d->val) : 0);
	return 1;
}

/* The covered cells from the next one to be added up to column c. */
static void
cover_to(struct xml *x, size_t c)
{
	for (; x->nextcol < c && x->nextcol < x->ndn; x->nextcol++)
		covered(x, x->nextcol);
}

static void
down_set(struct xml *x, size_t c, size_t width, long rows, const char *val, size_t n)
{
	size_t k;

	if (c + width > x->ndn) {
		x->dn = mi_xrealloc(x->dn, (c + width) * sizeof(*x->dn));
		memset(x->dn + x->ndn, 0, (c + width - x->ndn) * sizeof(*x->dn));
		x->ndn = c + width;
	}
	for (k = c; k < c + width; k++) {
		free(x->dn[k].val);
		x->dn[k].from = x->rownum;
		x->dn[k].last = x->rownum + rows;
		x->dn[k].val = NULL;
		if (k == c && n > 0) {
			x->dn[k].val = mi_xmalloc(n + 1);
			memcpy(x->dn[k].val, val, n);
			x->dn[k].val[n] = '\0';
		}
	}
}

static void
downs_free(struct xml *x)
{
	size_t k;

	for (k = 0; k < x->ndn; k++)
		free(x->dn[k].val);
	free(x->dn);
	x->dn = NULL;
	x->ndn = 0;
}

static void
start(void *ud, const char *el, const char **atts)
{
	struct xml *x = ud;
	mi_reader *r = x->r;
	const char *v;

	el = mi_xml_local(el);
	if (strcmp(el, "Workbook") == 0)
		x->workbook = 1;
	else if (strcmp(el, "Worksheet") == 0) {
		x->ws++;
		if (x->listing && r->nsheets < 4096) {
			r->sheets = mi_xrealloc(r->sheets, (r->nsheets + 1) * sizeof(*r->sheets));
			v = mi_xml_attr(atts, "Name");
			r->sheets[r->nsheets++] = mi_xstrdup(v ? v : "");
		}
	}
	if (x->ws != x->want)
		return;
	if (strcmp(el, "Row") == 0) {
		x->rownum = (v = mi_xml_attr(atts, "Index")) ? atol(v) : x->rownum + 1;
		mi_in_row_begin(r, x->rownum);
		x->col = x->nextcol = 0;
	} else if (strcmp(el, "Cell") == 0) {
		if ((v = mi_xml_attr(atts, "Index")) != NULL && atol(v) > 0)
			x->col = (size_t)atol(v) - 1;
		else   /* without an index, a cell takes the next column not covered */
			while (x->col < x->ndn && x->dn[x->col].from < x->rownum &&
			    x->dn[x->col].last >= x->rownum)
				x->col++;
		x->span = (v = mi_xml_attr(atts, "MergeAcross")) ? (size_t)atol(v) : 0;
		x->merge_down = (v = mi_xml_attr(atts, "MergeDown")) ? atol(v) : 0;
		x->type = 0;
		x->over = 0;
		mi_buf_reset(&x->text);
	} else if (strcmp(el, "Data") == 0) {
		x->in_data = 1;
		x->type = (v = mi_xml_attr(atts, "Type")) ? v[0] : 'S';
	}
}

static void
end(void *ud, const char *el)
{
	struct xml *x = ud;
	mi_reader *r = x->r;
	char num[64], *e;
	const char *s;
	size_t n;
	double d;

	el = mi_xml_local(el);
	if (x->ws != x->want)
		return;
	if (strcmp(el, "Data") == 0)
		x->in_data = 0;
	else if (strcmp(el, "Cell") == 0) {
		s = mi_buf_str(&x->text);
		n = x->text.len;
		if (x->over) {
			s = "";
			n = MI_IN_MAX_FIELD + 1;
		} else if (x->type == 'N' && n > 0 && (d = strtod(s, &e), *e == '\0')) {
			mi_in_number(d, num, sizeof(num));
			s = num;
			n = strlen(num);
		} else if (x->type == 'B') {
			s = strcmp(s, "1") == 0 ? "TRUE" : "FALSE";
			n = strlen(s);
		} else if (x->type == 'D') {
			char *t;

			snprintf(num, sizeof(num), "%s", s);
			if ((t = strchr(num, 'T')) != NULL)
				*t = ' ';
			if ((t = strchr(num, '.')) != NULL)
				*t = '\0';
			if (strlen(num) == 19 && strcmp(num + 10, " 00:00:00") == 0)
				num[10] = '\0';
			s = num;
			n = strlen(num);
		}
		if (x->col >= x->nextcol)
			cover_to(x, x->col);
		mi_in_cell(r, x->col, s, n);
		if (x->span >= MI_IN_MAX_COLS)
			x->span = 0;
		if (x->merge_down > 0 && x->merge_down < 1000000 &&
		    x->col + x->span < MI_IN_MAX_COLS)
			down_set(x, x->col, x->span + 1, x->merge_down, s, x->over ? 0 : n);
		x->col += 1 + x->span;
		x->nextcol = x->col;
	} else if (strcmp(el, "Row") == 0) {
		cover_to(x, x->ndn);
		XML_StopParser(x->p, XML_TRUE);
	}
	else if (strcmp(el, "Worksheet") == 0)
		x->want = -2;      /* its rows are read: the rest is not */
}

static int
xfail(mi_reader *r, const char *why)
{
	return mi_in_fail(r, MI_EX_DATAERR, "%s: %s", r->path, why);
}

static int
restart(mi_reader *r, long want)
{
	struct xml *x = r->bk;

	if (x->p)
		XML_ParserFree(x->p);
	if ((x->p = XML_ParserCreate(NULL)) == NULL)
		abort();
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, chars);
	if (lseek(x->fd, 0, SEEK_SET) < 0)
		return mi_in_fail(r, MI_EX_IOERR, "cannot read '%s': %s", r->path, strerror(errno));
	x->feed_done = x->suspended = x->fail = 0;
	x->ws = -1;
	x->want = want;
	x->rownum = 0;
	x->in_data = 0;
	downs_free(x);
	return 0;
}

static int
pump(mi_reader *r)
{
	struct xml *x = r->bk;
	enum XML_Status st;
	ssize_t n;
	char msg[160];

	for (;;) {
		if (x->want == -2 && !x->listing)
			return 0;
		if (x->suspended) {
			x->suspended = 0;
			st = XML_ResumeParser(x->p);
		} else {
			if (x->feed_done)
				return 0;
			do
				n = read(x->fd, x->buf, MI_IN_CHUNK);
			while (n < 0 && errno == EINTR);
			if (n < 0)
				return mi_in_fail(r, MI_EX_IOERR, "cannot read '%s': %s", r->path,
				    strerror(errno));
			x->feed_done = n == 0;
			st = XML_Parse(x->p, x->buf, (int)n, n == 0);
		}
		if (st == XML_STATUS_ERROR) {
			snprintf(msg, sizeof(msg), "not a readable SpreadsheetML workbook: line %lu: %s",
			    (unsigned long)XML_GetCurrentLineNumber(x->p),
			    XML_ErrorString(XML_GetErrorCode(x->p)));
			return xfail(r, msg);
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			return 1;
		}
	}
}

static int
xml_open(mi_reader *r)
{
	struct xml *x = mi_xcalloc(1, sizeof(*x));
	int rc;

	x->r = r;
	x->fd = -1;
	x->buf = mi_xmalloc(MI_IN_CHUNK);
	r->bk = x;
	if (mi_in_book_file(r, r->path) < 0)
		return -1;
	if ((x->fd = open(r->file, O_RDONLY | O_CLOEXEC)) < 0)
		return mi_in_fail(r, MI_EX_NOINPUT, "cannot open '%s': %s", r->path, strerror(errno));
	if (r->file_tmp)
		unlink(r->file);
	/* A first pass lists the sheets. */
	x->listing = 1;
	if (restart(r, -3) < 0)
		return -1;
	while ((rc = pump(r)) > 0)
		;
	x->listing = 0;
	if (rc < 0)
		return -1;
	if (!x->workbook)
		return xfail(r, "XML that is not a SpreadsheetML workbook: save it as .xlsx or CSV");
	if (r->nsheets == 0)
		return xfail(r, "a SpreadsheetML workbook without sheets");
	return 0;
}

static int
xml_sheet(mi_reader *r, size_t i)
{
	return restart(r, (long)i);
}

static void
xml_close(mi_reader *r)
{
	struct xml *x = r->bk;

	if (x == NULL)
		return;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->fd >= 0)
		close(x->fd);
	mi_buf_release(&x->text);
	downs_free(x);
	free(x->buf);
	free(x);
	r->bk = NULL;
}

const struct mi_in_book mi_in_xml = { xml_open, xml_sheet, pump, xml_close };
