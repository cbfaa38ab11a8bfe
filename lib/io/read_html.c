/*
 * read_html.c - an HTML table, the "xls" many web systems export, through
 * libxml2's HTML parser. Each <table> is a sheet; its <tr> rows, with
 * <td> and <th> cells, are the rows (colspan leaves the cells it covers
 * empty, the value in the first; rowspan gives the rows below it the
 * value, as merged cells of a workbook read). Such exports are small: the
 * page is read and parsed whole. A page that does not say its charset is
 * UTF-8 when its bytes are, else GB18030 (an HTML parser would take it for
 * Latin-1 and garble every Chinese character); --encoding decides first.
 */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"

/* A cell of a row above that spans down into the rows being read. */
struct span {
	long left;                 /* rows below the current one it still covers */
	long from;                 /* the row it is in */
	char *val;                 /* its value in its first column; NULL in the others */
};

struct html {
	htmlDocPtr doc;
	xmlNodePtr *tables;
	xmlNodePtr row;            /* the next <tr> of the sheet being read */
	long line;
	struct span *sp;           /* by column */
	size_t nsp;
};

static int
named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static void
find_tables(mi_reader *r, xmlNodePtr n)
{
	struct html *h = r->bk;

	for (; n; n = n->next) {
		if (named(n, "table")) {
			h->tables = mi_xrealloc(h->tables, (r->nsheets + 1) * sizeof(*h->tables));
			r->sheets = mi_xrealloc(r->sheets, (r->nsheets + 1) * sizeof(*r->sheets));
			h->tables[r->nsheets] = n;
			r->sheets[r->nsheets] = mi_xmalloc(32);
			snprintf(r->sheets[r->nsheets], 32, "table %zu", r->nsheets + 1);
			r->nsheets++;
			continue;      /* a table inside a cell is that cell's text */
		}
		find_tables(r, n->children);
	}
}

/* The next <tr> after n in document order within table t (not in nested tables). */
static xmlNodePtr
next_tr(xmlNodePtr n, xmlNodePtr t)
{
	for (;;) {
		if (n->children && !named(n, "tr") && (n == t || !named(n, "table")))
			n = n->children;
		else {
			while (n != t && n->next == NULL)
				n = n->parent;
			if (n == t)
				return NULL;
			n = n->next;
		}
		if (named(n, "tr"))
			return n;
	}
}

/* 1 when the page names its charset (<meta charset=..>, or http-equiv's content). */
static int
says_charset(const char *s, size_t n)
{
	const char *p, *end = s + n;

	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		const char *close = memchr(p, '>', (size_t)(end - p));
		const char *q;

		if (close == NULL)
			return 0;
		if (close - p < 6 || strncasecmp(p + 1, "meta", 4) != 0)
			continue;
		for (q = p; q + 7 <= close; q++)
			if (strncasecmp(q, "charset", 7) == 0)
				return 1;
	}
	return 0;
}

/* The encoding to parse the page with: --encoding, else NULL when the page
 * says it, else UTF-8 when its bytes are, else GB18030. */
static const char *
page_encoding(const mi_reader *r, const char *s, size_t n)
{
	if (r->enc_asked == MI_ENC_UTF8)
		return "UTF-8";
	if (r->enc_asked == MI_ENC_GB18030)
		return "GB18030";
	if (says_charset(s, n))
		return NULL;
	return mi_in_check(s, n) == MI_IN_TEXT_BADUTF8 ? "GB18030" : "UTF-8";
}

static int
html_open(mi_reader *r)
{
	struct html *h = mi_xcalloc(1, sizeof(*h));
	mi_buf page = MI_BUF_INIT;
	char *buf = mi_xmalloc(MI_IN_CHUNK);
	ssize_t n;

	r->bk = h;
	while ((n = mi_in_book_read(r, buf, MI_IN_CHUNK)) > 0)
		mi_buf_add(&page, buf, (size_t)n);
	free(buf);
	if (n < 0) {
		mi_buf_release(&page);
		return -1;
	}
	h->doc = htmlReadMemory(page.s ? page.s : "", (int)page.len, r->path,
	    page_encoding(r, page.s ? page.s : "", page.len),
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	mi_buf_release(&page);
	if (h->doc)
		find_tables(r, xmlDocGetRootElement(h->doc));
	if (r->nsheets == 0)
		return mi_in_fail(r, MI_EX_DATAERR, "%s: an HTML page without a table, not a sheet: "
		    "save the export as .xlsx or CSV", r->path);
	return 0;
}

static void
spans_free(struct html *h)
{
	size_t k;

	for (k = 0; k < h->nsp; k++)
		free(h->sp[k].val);
	free(h->sp);
	h->sp = NULL;
	h->nsp = 0;
}

static int
html_sheet(mi_reader *r, size_t i)
{
	struct html *h = r->bk;

	h->row = next_tr(h->tables[i], h->tables[i]);
	h->line = 0;
	r->cur_sheet = i;
	spans_free(h);
	return 0;
}

/* Column c of the row being read, from a cell above that spans down into
 * it: 1 when it was one (its value added), else 0. */
static int
spanned(mi_reader *r, struct html *h, size_t c)
{
	struct span *s = c < h->nsp ? &h->sp[c] : NULL;

	if (s == NULL || s->left <= 0 || s->from >= h->line)
		return 0;
	mi_in_cell(r, c, s->val ? s->val : "", s->val ? strlen(s->val) : 0);
	return 1;
}

/* A cell at column c, width columns wide, that spans rows rows down. */
static void
span_set(struct html *h, size_t c, size_t width, long rows, const char *val)
{
	size_t k;

	if (c + width > h->nsp) {
		h->sp = mi_xrealloc(h->sp, (c + width) * sizeof(*h->sp));
		memset(h->sp + h->nsp, 0, (c + width - h->nsp) * sizeof(*h->sp));
		h->nsp = c + width;
	}
	for (k = c; k < c + width; k++) {
		free(h->sp[k].val);
		h->sp[k].left = rows - 1;
		h->sp[k].from = h->line;
		h->sp[k].val = k == c && *val ? mi_xstrdup(val) : NULL;
	}
}

static int
html_row(mi_reader *r)
{
	struct html *h = r->bk;
	xmlNodePtr c;
	xmlChar *text, *prop;
	char *t;
	size_t col = 0, width;
	long span, down;

	if (h->row == NULL)
		return 0;
	mi_in_row_begin(r, ++h->line);
	for (c = h->row->children; c; c = c->next) {
		if (!named(c, "td") && !named(c, "th"))
			continue;
		while (spanned(r, h, col))
			col++;
		text = xmlNodeGetContent(c);
		t = mi_trim((char *)text);
		mi_in_cell(r, col, t, strlen(t));
		prop = xmlGetProp(c, (const xmlChar *)"colspan");
		span = prop ? atol((char *)prop) : 1;
		xmlFree(prop);
		width = span > 1 && span < MI_IN_MAX_COLS ? (size_t)span : 1;
		prop = xmlGetProp(c, (const xmlChar *)"rowspan");
		down = prop ? atol((char *)prop) : 1;
		xmlFree(prop);
		if ((down > 1 || col < h->nsp) && col + width <= MI_IN_MAX_COLS)
			span_set(h, col, width, down > 1 && down < 100000 ? down : 1, t);
		xmlFree(text);
		col += width;
	}
	for (; col < h->nsp; col++)
		spanned(r, h, col);
	for (col = 0; col < h->nsp; col++)
		if (h->sp[col].left > 0 && h->sp[col].from < h->line)
			h->sp[col].left--;
	h->row = next_tr(h->row, h->tables[r->cur_sheet]);
	return 1;
}

static void
html_close(mi_reader *r)
{
	struct html *h = r->bk;

	if (h == NULL)
		return;
	if (h->doc)
		xmlFreeDoc(h->doc);
	spans_free(h);
	free(h->tables);
	free(h);
	r->bk = NULL;
}

const struct mi_in_book mi_in_html = { html_open, html_sheet, html_row, html_close };
