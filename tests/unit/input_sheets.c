/* Unit tests for lib/io/book.c: the text a workbook's cell becomes (numbers,
 * date serials, date formats) and the kind of file the first bytes show. */
#include <string.h>

#include "io/reader.h"
#include "tap.h"

static void
test_numbers(void)
{
	static const struct { double v; const char *want; } t[] = {
		{ 13912345678.0, "13912345678" }, { 0.1 + 0.2, "0.30000000000000004" },
		{ 0.5, "0.5" }, { -42, "-42" }, { 1e21, "1000000000000000000000" },
		{ 1.5e-7, "0.00000015" }, { 0, "0" }, { 370829001010.0, "370829001010" },
		{ 2.675, "2.675" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		mi_in_number(t[i].v, buf, sizeof(buf));
		is_str(buf, t[i].want, "number %s", t[i].want);
	}
}

static void
test_serials(void)
{
	static const struct { double v; int d1904; const char *want; } t[] = {
		{ 46335.0, 0, "2026-11-09" },
		{ 46335.35416666666, 0, "2026-11-09 08:30:00" },
		{ 46335.99999999, 0, "2026-11-10" },           /* rounds to the next midnight */
		{ 1.0, 0, "1900-01-01" }, { 59.0, 0, "1900-02-28" }, { 61.0, 0, "1900-03-01" },
		{ 0.5, 0, "12:00:00" },                         /* a time alone */
		{ 0.0, 1, "1904-01-01" }, { 44873.0, 1, "2026-11-09" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		is_int(mi_in_serial_date(t[i].v, t[i].d1904, buf, sizeof(buf)), 0, "serial %g converts", t[i].v);
		is_str(buf, t[i].want, "serial %g%s", t[i].v, t[i].d1904 ? " (1904)" : "");
	}
	is_int(mi_in_serial_date(-1, 0, buf, sizeof(buf)), -1, "a negative serial is no date");
	is_int(mi_in_serial_date(1e9, 0, buf, sizeof(buf)), -1, "past 9999 is no date");
}

static void
test_formats(void)
{
	static const struct { const char *code; int want; } t[] = {
		{ "yyyy-mm-dd", 1 }, { "yyyy\\-mm\\-dd\\ hh:mm:ss", 1 }, { "[$-804]yyyy\"年\"m\"月\"d\"日\"", 1 },
		{ "h:mm AM/PM", 1 }, { "[h]:mm", 1 }, { "General", 0 }, { "0", 0 }, { "0.00", 0 },
		{ "#,##0", 0 }, { "@", 0 }, { "[Red]0.00", 0 }, { "\"day\" 0", 0 }, { "0_);[Red](0)", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_int(mi_in_date_format(t[i].code), t[i].want, "format '%s'", t[i].code);
}

static void
test_sniff(void)
{
	static const struct { const char *bytes; size_t n; int want; const char *name; } t[] = {
		{ "PK\003\004rest", 8, MI_FMT_XLSX, "zip" },
		{ "\320\317\021\340\241\261\032\341", 8, MI_FMT_XLS, "OLE2" },
		{ "\xEF\xBB\xBF<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?>", 63, MI_FMT_XML, "SpreadsheetML" },
		{ "  <HTML><body><table>", 21, MI_FMT_HTML, "HTML" },
		{ "<table><tr><td>1</td></tr></table>", 34, MI_FMT_HTML, "a bare table" },
		{ "ref,text\n", 9, MI_FMT_AUTO, "CSV" },
		{ "[{\"a\":1}]", 9, MI_FMT_AUTO, "JSON" },
		{ "<a,b>\n1,2\n", 10, MI_FMT_AUTO, "CSV starting with <" },
	};
	mi_reader r;
	size_t i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r.raw = (char *)t[i].bytes;
		is_int(mi_in_sniff_book(&r, t[i].n), t[i].want, "sniff %s", t[i].name);
	}
}

int
main(void)
{
	test_numbers();
	test_serials();
	test_formats();
	test_sniff();
	return done_testing();
}
