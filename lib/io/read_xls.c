/*
 * read_xls.c - Excel 97-2003 workbooks (BIFF8 in an OLE2 file) through
 * libfreexl, which reads the whole workbook when it opens it (an .xls holds
 * at most 65,536 rows a sheet).
 */
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"

struct xls {
	const void *h;
	unsigned int rows, row;
	unsigned short cols;
};

/* An OLE2 file with an encrypted package is an .xlsx under a password. */
static int
encrypted_package(const char *path)
{
	/* "EncryptedPackage" as a directory entry's UTF-16LE name */
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	char buf[65536 + sizeof(name)];
	size_t n, keep = 0, i;
	FILE *f = fopen(path, "rb");
	int found = 0;

	if (f == NULL)
		return 0;
	while (!found && (n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
		n += keep;
		for (i = 0; i + sizeof(name) - 1 <= n && !found; i++)
			found = memcmp(buf + i, name, sizeof(name) - 1) == 0;
		keep = n < sizeof(name) ? n : sizeof(name) - 1;
		memmove(buf, buf + n - keep, keep);
	}
	fclose(f);
	return found;
}

static int
xls_fail(mi_reader *r, const char *why)
{
	return mi_in_fail(r, MI_EX_DATAERR, "%s: %s", r->path, why);
}

static int
xls_open(mi_reader *r)
{
	struct xls *x = mi_xcalloc(1, sizeof(*x));
	unsigned int info = 0, n, i;
	const char *name;
	int rc;

	r->bk = x;
	if (mi_in_book_file(r, r->path) < 0)
		return -1;
	if (encrypted_package(r->file))
		return xls_fail(r, "the workbook is password-protected: remove the password, "
		    "or save it as CSV");
	if ((rc = freexl_open(r->file, &x->h)) != FREEXL_OK) {
		x->h = NULL;
		return xls_fail(r, rc == FREEXL_BIFF_OBFUSCATED ?
		    "the workbook is password-protected: remove the password, or save it as CSV" :
		    "not a readable .xls workbook (an OLE2 file that is corrupt, or not Excel's)");
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED)
		return xls_fail(r, "the workbook is password-protected: remove the password, "
		    "or save it as CSV");
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK)
		return xls_fail(r, "not a readable .xls workbook: no sheets");
	r->sheets = mi_xcalloc(n ? n : 1, sizeof(*r->sheets));
	for (i = 0; i < n && i < 65536; i++) {
		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK ||
		    name == NULL)
			name = "";
		r->sheets[r->nsheets++] = mi_xstrdup(name);
	}
	if (r->nsheets == 0)
		return xls_fail(r, "not a readable .xls workbook: no sheets");
	return 0;
}

static int
xls_sheet(mi_reader *r, size_t i)
{
	struct xls *x = r->bk;

	if (freexl_select_active_worksheet(x->h, (unsigned short)i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK)
		return xls_fail(r, "not a readable .xls workbook: a sheet cannot be read");
	x->row = 0;
	return 0;
}

static int
xls_row(mi_reader *r)
{
	struct xls *x = r->bk;
	FreeXL_CellValue v;
	unsigned short c;
	char num[64];
	const char *s;

	if (x->row >= x->rows)
		return 0;
	mi_in_row_begin(r, (long)x->row + 1);
	for (c = 0; c < x->cols; c++) {
		if (freexl_get_cell_value(x->h, x->row, c, &v) != FREEXL_OK)
			return xls_fail(r, "not a readable .xls workbook: a cell cannot be read");
		s = num;
		switch (v.type) {
		case FREEXL_CELL_INT:
			snprintf(num, sizeof(num), "%d", v.value.int_value);
			break;
		case FREEXL_CELL_DOUBLE:
			mi_in_number(v.value.double_value, num, sizeof(num));
			break;
		case FREEXL_CELL_DATETIME:
			/* a whole day is written as the date alone, as the other readers do */
			snprintf(num, sizeof(num), "%s", v.value.text_value ? v.value.text_value : "");
			if (strlen(num) == 19 && strcmp(num + 10, " 00:00:00") == 0)
				num[10] = '\0';
			break;
		case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT: case FREEXL_CELL_DATE:
		case FREEXL_CELL_TIME:
			s = v.value.text_value ? v.value.text_value : "";
			break;
		default:
			continue;
		}
		mi_in_cell(r, c, s, strlen(s));
	}
	x->row++;
	return 1;
}

static void
xls_close(mi_reader *r)
{
	struct xls *x = r->bk;

	if (x == NULL)
		return;
	if (x->h)
		freexl_close(x->h);
	free(x);
	r->bk = NULL;
}

const struct mi_in_book mi_in_xls = { xls_open, xls_sheet, xls_row, xls_close };
