/*
 * write_xlsx.c - the xlsx writer behind mi_out: a workbook for Excel and
 * WPS, made with libxlsxwriter.
 *
 * Cells are typed from the column's declared type: numbers (and "95.0%")
 * in numeric columns are numbers, times in MI_COL_TIME columns are dates
 * with a date format, everything else (ids, tickets, phones, names, free
 * text) is a string cell. A string cell is never a formula, whatever it
 * starts with, so nothing needs neutralising as CSV does.
 *
 * libxlsxwriter writes to a file name, and in constant-memory mode keeps
 * one row of a sheet at a time, so a million-row export stays small. The
 * file is a 0600 temporary one, unlinked at once and reached through
 * /proc/self/fd while it is written; the finished workbook is copied to
 * the output stream. Nothing is left behind, even when the run is killed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "io/io.h"

#define WIDTH_MAX 60           /* a column's width at most, in characters */
#define CELL_MAX 32767         /* what a cell holds; longer text is cut */

struct chart {
	int kind;
	const char *title;
	size_t cat, val, n;
};

struct mi_xlsx {
	lxw_workbook *wb;
	lxw_format *bold, *date, *datetime, *pct;
	int fd;                    /* the temporary file, unlinked */
	char path[4096];           /* the name libxlsxwriter opens */
	char tmpname[4096];        /* the temporary file while it has a name */
	lxw_error err;             /* the first error of libxlsxwriter */
	int sheets;                /* sheets begun, for unique names */

	/* the current sheet */
	lxw_worksheet *ws;
	char name[LXW_SHEETNAME_MAX * 4 + 1];
	size_t ncol;
	char **col;                /* header names */
	int *type;
	int header;
	lxw_row_t row;             /* the next row to write */
	size_t *width;
	size_t list_col;
	const char **list;     /* a copy of the caller's list, NULL-terminated */
	struct chart chart[4];
	size_t ncharts;
	mi_buf cell;
};

static void
keep(mi_xlsx *x, lxw_error err)
{
	if (err != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = err;
}

/* A temporary file only this process can reach: 0 or -1 with errno set. */
static int
temp_open(mi_xlsx *x)
{
	const char *dir = getenv("TMPDIR");

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(x->tmpname, sizeof(x->tmpname), "%s/minyi-XXXXXX", dir) >=
	    sizeof(x->tmpname)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((x->fd = mkstemp(x->tmpname)) < 0)
		return -1;
	/* mkstemp makes it 0600; without /proc the name stays until the end. */
	snprintf(x->path, sizeof(x->path), "/proc/self/fd/%d", x->fd);
	if (access(x->path, W_OK) == 0) {
		unlink(x->tmpname);
		x->tmpname[0] = '\0';
	} else
		snprintf(x->path, sizeof(x->path), "%s", x->tmpname);
	return 0;
}

mi_xlsx *
mi_xlsx_new(mi_err *e)
{
	mi_xlsx *x = mi_xcalloc(1, sizeof(*x));
	lxw_workbook_options opt = { 0 };

	x->fd = -1;
	if (temp_open(x) < 0) {
		mi_err_set(e, MI_EX_IOERR, "cannot make a temporary file for the workbook: %s",
		    strerror(errno));
		free(x);
		return NULL;
	}
	opt.constant_memory = LXW_TRUE;
	opt.use_zip64 = LXW_TRUE;
	/* path is the name of a file under our own name: it has no secrets. */
	x->wb = workbook_new_opt(x->path, &opt);
	if (x->wb == NULL) {
		mi_err_set(e, MI_EX_IOERR, "cannot start the workbook");
		mi_xlsx_free(x);
		return NULL;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->datetime = workbook_add_format(x->wb);
	format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm:ss");
	x->pct = workbook_add_format(x->wb);
	format_set_num_format(x->pct, "0.0%");
	return x;
}

/* A string as a cell may hold it: controls shown escaped, at most CELL_MAX bytes. */
static const char *
cell_text(mi_xlsx *x, const char *s)
{
	size_t n;

	mi_buf_reset(&x->cell);
	mi_esc_text(&x->cell, s, MI_ESC_TEXT);
	if ((n = x->cell.len) > CELL_MAX) {
		n = CELL_MAX;
		while (n > 0 && ((unsigned char)x->cell.s[n] & 0xC0) == 0x80)
			n--;
		x->cell.len = n;
	}
	return mi_buf_str(&x->cell);
}

static void
note_width(mi_xlsx *x, size_t i, size_t w)
{
	if (w > WIDTH_MAX)
		w = WIDTH_MAX;
	if (w > x->width[i])
		x->width[i] = w;
}

/* A sheet's name as Excel allows it: 31 characters, none of []:*?/\. */
static void
sheet_name(mi_xlsx *x, const char *want)
{
	const char *p = want, *end = want + strlen(want), *q;
	size_t n = 0, chars = 0;

	while (p < end && chars < LXW_SHEETNAME_MAX) {
		q = p;
		if (mi_utf8_next(&p, end) < 0 || strchr("[]:*?/\\'", *q) != NULL ||
		    (unsigned char)*q < 0x20)
			x->name[n++] = '_';
		else {
			memcpy(x->name + n, q, (size_t)(p - q));
			n += (size_t)(p - q);
		}
		chars++;
	}
	x->name[n] = '\0';
}

static void sheet_end(mi_xlsx *x);

void
mi_xlsx_sheet(mi_xlsx *x, const char *name, size_t ncol, char *const *cols, const int *types,
    int header)
{
	char alt[64];
	size_t i;

	sheet_end(x);
	x->sheets++;
	snprintf(alt, sizeof(alt), "Sheet%d", x->sheets);
	sheet_name(x, name && *name ? name : alt);
	if (workbook_validate_sheet_name(x->wb, x->name) != LXW_NO_ERROR) {
		snprintf(x->name, sizeof(x->name), "%s", alt);
	}
	x->ws = workbook_add_worksheet(x->wb, x->name);
	if (x->ws == NULL) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	x->ncol = ncol < LXW_COL_MAX ? ncol : LXW_COL_MAX;
	x->col = mi_xcalloc(x->ncol + 1, sizeof(*x->col));
	x->type = mi_xcalloc(x->ncol + 1, sizeof(*x->type));
	x->width = mi_xcalloc(x->ncol + 1, sizeof(*x->width));
	for (i = 0; i < x->ncol; i++) {
		x->col[i] = mi_xstrdup(cols[i]);
		x->type[i] = types[i];
	}
	x->header = header;
	x->row = 0;
	if (!header)
		return;
	for (i = 0; i < x->ncol; i++) {
		keep(x, worksheet_write_string(x->ws, 0, (lxw_col_t)i, cell_text(x, cols[i]),
		    x->bold));
		note_width(x, i, mi_display_width(mi_buf_str(&x->cell)));
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
}

/* Days since 1899-12-30 (Excel's day 0) of a proleptic Gregorian date. */
static long
excel_day(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + 25569;
}

/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]" as an Excel serial; -1 when not. */
static int
time_serial(const char *s, double *serial, int *has_time)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	*has_time = 0;
	if (s[n] != '\0') {
		int k = 0;

		if (sscanf(s + n, " %2d:%2d%n:%2d%n", &h, &mi, &k, &sec, &k) < 2 || s[n + k] != '\0')
			return -1;
		*has_time = 1;
	}
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	*serial = (double)excel_day(y, mo, d) + (h * 3600 + mi * 60 + sec) / 86400.0;
	return 0;
}

/* A number as written in a numeric column, or a percentage ("95.0%"). */
static int
number(const char *s, double *v, int *pct)
{
	char *end;
	size_t n = strlen(s);

	/* Digits, a point, a sign first (a change of score is "+48.67"). */
	if (n == 0 || !(s[n - 1] == '%' || (s[n - 1] >= '0' && s[n - 1] <= '9')))
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (end == s || errno == ERANGE || strspn(s + 1, "0123456789.") != (size_t)(end - s - 1) ||
	    strchr("+-0123456789", s[0]) == NULL)
		return -1;
	*pct = *end == '%';
	if (*pct)
		end++;
	if (*end != '\0')
		return -1;
	if (*pct) {
		/* 95.2% is 0.952, not 0.9520000000000001: as many digits as written. */
		char t[40];

		snprintf(t, sizeof(t), "%.15g", *v / 100.0);
		*v = strtod(t, NULL);
	}
	return 0;
}

static void
write_cell(mi_xlsx *x, size_t i, const char *v)
{
	lxw_col_t col = (lxw_col_t)i;
	int type = x->type[i], pct, has_time;
	double num;

	if (v == NULL || *v == '\0')
		return;
	if ((type & MI_COL_TIME) && time_serial(v, &num, &has_time) == 0) {
		keep(x, worksheet_write_number(x->ws, x->row, col, num,
		    has_time ? x->datetime : x->date));
		note_width(x, i, has_time ? 19 : 10);
		return;
	}
	if ((type & (MI_COL_INT | MI_COL_NUM)) && !(type & MI_COL_ID) &&
	    number(v, &num, &pct) == 0) {
		keep(x, worksheet_write_number(x->ws, x->row, col, num, pct ? x->pct : NULL));
		note_width(x, i, strlen(v));
		return;
	}
	keep(x, worksheet_write_string(x->ws, x->row, col, cell_text(x, v), NULL));
	note_width(x, i, mi_display_width(mi_buf_str(&x->cell)));
}

void
mi_xlsx_row(mi_xlsx *x, const char *const *vals)
{
	size_t i;

	if (x->ws == NULL)
		return;
	/* A sheet is full at Excel's last row: the rows go on in the next. */
	if (x->row >= LXW_ROW_MAX) {
		char name[sizeof(x->name) + 16], **col = x->col;
		int *type = x->type;
		size_t ncol = x->ncol;

		x->col = NULL;
		x->type = NULL;
		snprintf(name, sizeof(name), "%s (%d)", x->name, x->sheets + 1);
		mi_xlsx_sheet(x, name, ncol, col, type, x->header);
		for (i = 0; i < ncol; i++)
			free(col[i]);
		free(col);
		free(type);
	}
	for (i = 0; i < x->ncol; i++)
		write_cell(x, i, vals[i]);
	x->row++;
}

void
mi_xlsx_list(mi_xlsx *x, size_t col, const char *const *list)
{
	size_t n = 0;

	/* The array is copied, so a caller may build it on its stack; the
	 * count is taken here rather than by the library that writes it, so
	 * a list that lacks its NULL is read past its end in code the
	 * sanitizers watch. */
	while (list[n] != NULL)
		n++;
	free(x->list);
	x->list = mi_xcalloc(n + 1, sizeof(*x->list));
	memcpy(x->list, list, n * sizeof(*list));
	x->list_col = col;
}

void
mi_xlsx_chart(mi_xlsx *x, int kind, const char *title, size_t cat, size_t val, size_t n)
{
	struct chart *c;

	if (x->ncharts == MI_ARRAY_LEN(x->chart))
		return;
	c = &x->chart[x->ncharts++];
	c->kind = kind;
	c->title = title;
	c->cat = cat;
	c->val = val;
	c->n = n;
}

static void
add_chart(mi_xlsx *x, const struct chart *c, size_t k)
{
	lxw_chart *ch;
	lxw_chart_series *se;
	lxw_row_t first = x->header ? 1 : 0, last = x->row - 1;
	size_t j;

	if (x->row <= first || c->val + c->n > x->ncol || c->cat >= x->ncol)
		return;
	ch = workbook_add_chart(x->wb, c->kind == MI_CHART_LINE ? LXW_CHART_LINE : LXW_CHART_COLUMN);
	if (ch == NULL) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (j = 0; j < c->n; j++) {
		se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, x->name, first, (lxw_col_t)c->cat, last,
		    (lxw_col_t)c->cat);
		chart_series_set_values(se, x->name, first, (lxw_col_t)(c->val + j), last,
		    (lxw_col_t)(c->val + j));
		if (x->header)
			chart_series_set_name_range(se, x->name, 0, (lxw_col_t)(c->val + j));
	}
	if (c->title)
		chart_title_set_name(ch, c->title);
	if (c->n < 2)
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
	/* Right of the table, one under the other. */
	keep(x, worksheet_insert_chart(x->ws, (lxw_row_t)(1 + 16 * k), (lxw_col_t)(x->ncol + 1), ch));
}

static void
sheet_end(mi_xlsx *x)
{
	lxw_data_validation dv;
	size_t i;

	if (x->ws == NULL)
		return;
	for (i = 0; i < x->ncol; i++)
		keep(x, worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)(x->width[i] > 6 ? x->width[i] : 6) + 2, NULL));
	if (x->list && x->list_col < x->ncol) {
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)(uintptr_t)x->list;
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		dv.error_title = "minyi";
		dv.error_message = (char *)(uintptr_t)"choose from the list";
		keep(x, worksheet_data_validation_range(x->ws, x->header ? 1 : 0,
		    (lxw_col_t)x->list_col, x->row > 1 ? x->row - 1 : 1, (lxw_col_t)x->list_col, &dv));
	}
	for (i = 0; i < x->ncharts; i++)
		add_chart(x, &x->chart[i], i);
	for (i = 0; x->col && i < x->ncol; i++)
		free(x->col[i]);
	free(x->col);
	free(x->type);
	free(x->width);
	x->col = NULL;
	x->type = NULL;
	x->width = NULL;
	free(x->list);
	x->list = NULL;
	x->ncharts = 0;
	x->ws = NULL;
}

/* Copies the finished workbook to f. */
static int
copy_out(mi_xlsx *x, FILE *f)
{
	char buf[65536];
	ssize_t n;

	if (lseek(x->fd, 0, SEEK_SET) < 0)
		return -1;
	while ((n = read(x->fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
			if (errno == 0)
				errno = EIO;
			return -1;
		}
	}
	return 0;
}

int
mi_xlsx_finish(mi_xlsx *x, FILE *f, mi_err *e)
{
	lxw_error err;
	int rc = 0;

	if (x->wb == NULL)
		return 0;
	if (x->sheets == 0)
		mi_xlsx_sheet(x, NULL, 0, NULL, NULL, 0);
	sheet_end(x);
	err = workbook_close(x->wb);
	x->wb = NULL;
	if (x->err == LXW_NO_ERROR)
		x->err = err;
	if (x->err != LXW_NO_ERROR)
		rc = mi_err_set(e, MI_EX_IOERR, "cannot write the workbook: %s",
		    lxw_strerror(x->err));
	else if (copy_out(x, f) < 0)
		rc = mi_err_set(e, MI_EX_IOERR, "write error: %s", strerror(errno));
	return rc;
}

void
mi_xlsx_free(mi_xlsx *x)
{
	if (x == NULL)
		return;
	if (x->wb) {
		/* Abandoned: what it wrote goes with the temporary file. */
		sheet_end(x);
		workbook_close(x->wb);
	}
	if (x->fd >= 0)
		close(x->fd);
	if (x->tmpname[0])
		unlink(x->tmpname);
	free(x->list);
	mi_buf_release(&x->cell);
	free(x);
}
