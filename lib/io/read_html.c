/* read_html.c - an HTML table (the "xls" of web exports) through libxml2. */
#include "io/reader.h"

static int
html_open(mi_reader *r)
{
	return mi_in_fail(r, MI_EX_DATAERR, "%s: an HTML table is not read yet", r->path);
}

static int
html_sheet(mi_reader *r, size_t i)
{
	(void)i;
	return mi_in_fail(r, MI_EX_DATAERR, "%s: an HTML table is not read yet", r->path);
}

static int
html_row(mi_reader *r)
{
	(void)r;
	return 0;
}

static void
html_close(mi_reader *r)
{
	(void)r;
}

const struct mi_in_book mi_in_html = { html_open, html_sheet, html_row, html_close };
