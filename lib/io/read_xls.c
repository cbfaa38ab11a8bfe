/*
 * read_xls.c - Excel 97-2003 workbooks (BIFF8 in an OLE2 file) through
 * libfreexl, which reads the whole workbook when it opens it (an .xls holds
 * at most 65,536 rows a sheet). Its merged cells and its formulas' values,
 * which libfreexl does not give, come from xls_records.c: a cell merged
 * down a column reads as the first cell of its merge, and a formula's cell
 * as the value it last gave, as in an .xlsx.
 */
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"
#include "io/xls_records.h"

struct xls {
	const void *h;
	unsigned int rows, row;
	unsigned short cols;
	mi_xls_book mm;
	int have_mm;               /* the workbook's own records were read */
	/* The sheet's formula values, and its merges: those that run down a
	 * column, by first row (sh.mg, sh.nmg); act holds those below whose
	 * first row the row being read lies, next the first not reached yet. */
	mi_xls_sheet sh;
	size_t next, *act, nact;
};

static int
xls_fail(mi_reader *r, const char *why)
{
	return mi_in_fail(r, MI_EX_DATAERR, "%s: %s", r->path, why);
}

static int
xls_open(mi_reader *r)
{
	struct xls *x = mi_xcalloc(1, sizeof(*x));
	static const char locked[] = "the workbook is password-protected: remove the password, "
	    "or save it as CSV";
	unsigned int info = 0, n, i;
	const char *name;
	int rc, book;

	r->bk = x;
	if (mi_in_book_file(r, r->path) < 0)
		return -1;
	/* The compound file's own directory first: it says whether this is
	 * an .xlsx under a password, which libfreexl cannot tell. */
	book = mi_xls_book_open(&x->mm, r->file);
	if (x->mm.locked)
		return xls_fail(r, locked);
	if ((rc = freexl_open(r->file, &x->h)) != FREEXL_OK) {
		x->h = NULL;
		return xls_fail(r, rc == FREEXL_BIFF_OBFUSCATED ? locked :
		    "not a readable .xls workbook (an OLE2 file that is corrupt, or not Excel's)");
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED)
		return xls_fail(r, locked);
	if (book < 0)
		return xls_fail(r, "not a readable .xls workbook: its records cannot be followed "
		    "(save it again, or as .xlsx)");
	x->have_mm = book > 0;
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
by_first_row(const void *a, const void *b)
{
	const mi_xls_range *p = a, *q = b;

	return p->r1 != q->r1 ? (p->r1 < q->r1 ? -1 : 1) : (p->c1 < q->c1 ? -1 : p->c1 > q->c1);
}

/* Sheet i's merges that run down a column (others fill nothing), and its
 * formulas' values. */
static int
sheet_records(mi_reader *r, size_t i)
{
	struct xls *x = r->bk;
	mi_xls_range *mg;
	size_t k, keep = 0;

	mi_xls_sheet_free(&x->sh);
	free(x->act);
	x->act = NULL;
	x->next = x->nact = 0;
	if (!x->have_mm)
		return 0;
	if (mi_xls_sheet_read(&x->mm, r->sheets[i], &x->sh) < 0)
		return xls_fail(r, "not a readable .xls workbook: a sheet's records cannot be "
		    "followed (save it again, or as .xlsx)");
	for (mg = x->sh.mg, k = 0; k < x->sh.nmg; k++)
		if (mg[k].r2 > mg[k].r1 && mg[k].c1 < MI_IN_MAX_COLS)
			mg[keep++] = mg[k];
	x->sh.nmg = keep;
	mi_sort(mg, keep, sizeof(*mg), by_first_row);
	if (keep)
		x->act = mi_xcalloc(keep, sizeof(*x->act));
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
	return sheet_records(r, i);
}

/* The text of cell (row, c) in num or the workbook: 1, 0 when it is empty,
 * -1 when it cannot be read. */
static int
cell_text(struct xls *x, unsigned row, unsigned short c, char *num, size_t size, const char **s)
{
	FreeXL_CellValue v;
	mi_xls_value key;
	const mi_xls_value *fv;

	if (freexl_get_cell_value(x->h, row, c, &v) != FREEXL_OK)
		return -1;
	*s = num;
	switch (v.type) {
	case FREEXL_CELL_INT:
		snprintf(num, size, "%d", v.value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		mi_in_number(v.value.double_value, num, size);
		break;
	case FREEXL_CELL_DATETIME:
		/* a whole day is written as the date alone, as the other readers do */
		snprintf(num, size, "%s", v.value.text_value ? v.value.text_value : "");
		if (strlen(num) == 19 && strcmp(num + 10, " 00:00:00") == 0)
			num[10] = '\0';
		break;
	case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT: case FREEXL_CELL_DATE:
	case FREEXL_CELL_TIME:
		*s = v.value.text_value ? v.value.text_value : "";
		break;
	default:
		/* libfreexl gives a formula's cell as empty: its last value */
		key.r = row;
		key.c = c;
		if ((fv = mi_search(&key, x->sh.fv, x->sh.nfv, sizeof(*fv), mi_xls_value_cmp)) == NULL)
			return 0;
		*s = fv->text;
		break;
	}
	return **s != '\0';
}

/* The merges that fill row (from 0): those that began above it and reach it. */
static void
merges_row(struct xls *x, unsigned row)
{
	size_t i, k = 0;

	for (i = 0; i < x->nact; i++)
		if (x->sh.mg[x->act[i]].r2 >= row)
			x->act[k++] = x->act[i];
	x->nact = k;
	for (; x->next < x->sh.nmg && x->sh.mg[x->next].r1 < row; x->next++)
		if (x->sh.mg[x->next].r2 >= row)
			x->act[x->nact++] = x->next;
}

static int
xls_row(mi_reader *r)
{
	struct xls *x = r->bk;
	unsigned short c;
	char num[64];
	const char *s;
	size_t i;
	int got;

	if (x->row >= x->rows)
		return 0;
	mi_in_row_begin(r, (long)x->row + 1);
	if (x->sh.nmg)
		merges_row(x, x->row);
	for (c = 0; c < x->cols; c++) {
		got = cell_text(x, x->row, c, num, sizeof(num), &s);
		/* An empty cell under the first of its merge reads as that one. */
		for (i = 0; got == 0 && i < x->nact; i++)
			if (x->sh.mg[x->act[i]].c1 == c) {
				got = cell_text(x, x->sh.mg[x->act[i]].r1, c, num, sizeof(num), &s);
				break;
			}
		if (got < 0)
			return xls_fail(r, "not a readable .xls workbook: a cell cannot be read");
		if (got > 0)
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
	mi_xls_book_free(&x->mm);
	mi_xls_sheet_free(&x->sh);
	free(x->act);
	free(x);
	r->bk = NULL;
}

const struct mi_in_book mi_in_xls = { xls_open, xls_sheet, xls_row, xls_close };
