/*
 * read_html.c - an HTML table, the "xls" many web systems export, through
 * libxml2's HTML parser. Each <table> is a sheet; its <tr> rows, with
 * <td> and <th> cells, are the rows (colspan leaves the cells it covers
 * empty, the value in the first). Such exports are small: the page is
 * parsed whole.
 */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"

struct html {
	htmlDocPtr doc;
	xmlNodePtr *tables;
	xmlNodePtr row;            /* the next <tr> of the sheet being read */
	long line;
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

static int
html_open(mi_reader *r)
{
	struct html *h = mi_xcalloc(1, sizeof(*h));
	htmlParserCtxtPtr ctx;
	char *buf = mi_xmalloc(MI_IN_CHUNK);
	ssize_t n;

	r->bk = h;
	ctx = htmlCreatePushParserCtxt(NULL, NULL, NULL, 0, r->path, XML_CHAR_ENCODING_NONE);
	if (ctx == NULL)
		abort();
	htmlCtxtUseOptions(ctx, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	while ((n = mi_in_book_read(r, buf, MI_IN_CHUNK)) > 0)
		htmlParseChunk(ctx, buf, (int)n, 0);
	htmlParseChunk(ctx, buf, 0, 1);
	free(buf);
	h->doc = ctx->myDoc;
	htmlFreeParserCtxt(ctx);
	if (n < 0)
		return -1;
	if (h->doc)
		find_tables(r, xmlDocGetRootElement(h->doc));
	if (r->nsheets == 0)
		return mi_in_fail(r, MI_EX_DATAERR, "%s: an HTML page without a table, not a sheet: "
		    "save the export as .xlsx or CSV", r->path);
	return 0;
}

static int
html_sheet(mi_reader *r, size_t i)
{
	struct html *h = r->bk;

	h->row = next_tr(h->tables[i], h->tables[i]);
	h->line = 0;
	r->cur_sheet = i;
	return 0;
}

static int
html_row(mi_reader *r)
{
	struct html *h = r->bk;
	xmlNodePtr c;
	xmlChar *text;
	char *t;
	size_t col = 0;
	long span;

	if (h->row == NULL)
		return 0;
	mi_in_row_begin(r, ++h->line);
	for (c = h->row->children; c; c = c->next) {
		if (!named(c, "td") && !named(c, "th"))
			continue;
		text = xmlNodeGetContent(c);
		t = mi_trim((char *)text);
		mi_in_cell(r, col, t, strlen(t));
		xmlFree(text);
		text = xmlGetProp(c, (const xmlChar *)"colspan");
		span = text ? atol((char *)text) : 1;
		xmlFree(text);
		col += span > 1 && span < MI_IN_MAX_COLS ? (size_t)span : 1;
	}
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
	free(h->tables);
	free(h);
	r->bk = NULL;
}

const struct mi_in_book mi_in_html = { html_open, html_sheet, html_row, html_close };
