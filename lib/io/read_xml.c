/* read_xml.c - SpreadsheetML 2003 (the XML "xls" of web exports) through expat. */
#include "io/reader.h"

static int
xml_open(mi_reader *r)
{
	return mi_in_fail(r, MI_EX_DATAERR, "%s: SpreadsheetML is not read yet", r->path);
}

static int
xml_sheet(mi_reader *r, size_t i)
{
	(void)i;
	return mi_in_fail(r, MI_EX_DATAERR, "%s: SpreadsheetML is not read yet", r->path);
}

static int
xml_row(mi_reader *r)
{
	(void)r;
	return 0;
}

static void
xml_close(mi_reader *r)
{
	(void)r;
}

const struct mi_in_book mi_in_xml = { xml_open, xml_sheet, xml_row, xml_close };
