/*
 * table.c - the rows of a sheet made records: the header found, rows
 * without content skipped, each row's values put under the header's names.
 *
 * A row source (read_csv.c, and every workbook reader) assembles one row of
 * cells at a time in r->row (mi_in_row_add) with its line and its fault, and
 * is called through mi_in_table_next, which owns what a row means.
 */
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"

/* Rows that may stand above the header: a title, notes, a date line. */
#define MI_IN_HEADER_ROWS 20

/* A row kept while the header is looked for, to be read again as a record
 * when no row is taken for the header. */
struct mi_in_saved {
	char *mem;
	size_t len, n;
	size_t *off;
	size_t nfield;
	long line;
	char bad[96];
	int has_bad;
};

/* A cell that holds nothing but spaces (ASCII, no-break or ideographic). */
static int
blank_cell(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (p[0] == 0xc2 && p[1] == 0xa0)
			p += 2;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;
		else
			return 0;
	}
	return 1;
}

int
mi_in_row_blank(const mi_reader *r)
{
	size_t i;

	if (r->bad)
		return 0;
	for (i = 0; i < r->noff; i++)
		if (!blank_cell(r->row.s + r->off[i]))
			return 0;
	return 1;
}

static int
header(mi_reader *r)
{
	size_t i, j, n = r->nfield;

	if (n > MI_IN_MAX_COLS)
		return mi_in_fail(r, MI_EX_DATAERR, "%s:%ld: header has %zu columns, more than %d",
		    r->path, r->row_line, n, MI_IN_MAX_COLS);
	if (r->bad)
		return mi_in_fail(r, MI_EX_DATAERR, "%s:%ld: header: %s", r->path, r->row_line, r->bad);
	/* A workbook's empty cells after the last name are its border, not columns. */
	while (r->grid && n > 0 && blank_cell(r->row.s + r->off[n - 1]))
		n--;
	r->hdrmem = mi_xmalloc(r->row.len ? r->row.len : 1);
	memcpy(r->hdrmem, r->row.s, r->row.len);
	r->hdr = mi_xcalloc(n ? n : 1, sizeof(*r->hdr));
	for (i = 0; i < n; i++)
		r->hdr[i] = mi_trim(r->hdrmem + r->off[i]);
	/* Empty names repeat in spreadsheet exports (a,b,,,) and name nothing: allowed. */
	for (i = 1; i < n && !r->names_repeat; i++)
		for (j = 0; j < i && r->hdr[i][0] != '\0'; j++)
			if (strcmp(r->hdr[i], r->hdr[j]) == 0)
				return mi_in_fail(r, MI_EX_DATAERR, "%s:%ld: duplicate column '%s'",
				    r->path, r->row_line, r->hdr[i]);
	r->nhdr = n;
	if (!r->have_hdr) {
		r->hdr_row = r->row_line;
		r->hdr_rows = 1;
	}
	r->have_hdr = 1;
	mi_in_row_cap(r, n);
	return 0;
}

/*
 * Values past the header's last name: ignored when they are empty (a padded
 * export); otherwise kept under empty names, so that a rejects file shows
 * the whole row, and in CSV the row is bad (a comma too many shifts every
 * value after it). A workbook's cells outside the header are only ignored.
 */
static int
record(mi_reader *r)
{
	size_t i, kept = r->noff, n = r->nhdr, nfield = r->nfield;

	while (nfield > n && kept > n && kept == nfield && blank_cell(r->row.s + r->off[kept - 1])) {
		kept--;
		nfield--;
	}
	if (kept > n) {
		mi_in_row_cap(r, kept);
		for (i = 0; i < kept; i++)
			r->keys[i] = i < n ? r->hdr[i] : "";
		n = kept;
	}
	for (i = 0; i < n; i++)
		r->vals[i] = i < kept ? r->row.s + r->off[i] : "";
	if (nfield != r->nhdr && r->bad == NULL && !r->grid) {
		snprintf(r->badmsg, sizeof(r->badmsg), _("%zu fields, header has %zu"),
		    nfield, r->nhdr);
		r->bad = r->badmsg;
	}
	r->rec.n = n;
	r->rec.key = n > r->nhdr ? r->keys : r->hdr;
	r->rec.val = r->vals;
	r->rec.line = r->row_line;
	r->rec.bad = r->bad;
	return 1;
}

static void
save_row(mi_reader *r)
{
	struct mi_in_saved *s;

	if (r->nsaved == r->capsaved) {
		r->capsaved = r->capsaved ? r->capsaved * 2 : 4;
		r->saved = mi_xrealloc(r->saved, r->capsaved * sizeof(*r->saved));
	}
	s = &r->saved[r->nsaved++];
	s->len = r->row.len;
	s->mem = mi_xmalloc(s->len ? s->len : 1);
	memcpy(s->mem, r->row.s, s->len);
	s->n = r->noff;
	s->off = mi_xcalloc(s->n ? s->n : 1, sizeof(*s->off));
	memcpy(s->off, r->off, s->n * sizeof(*s->off));
	s->nfield = r->nfield;
	s->line = r->row_line;
	s->has_bad = r->bad != NULL;
	snprintf(s->bad, sizeof(s->bad), "%s", r->bad ? r->bad : "");
}

/* Puts saved row i back as the row just read, and lets go of its copy. */
static void
load_row(mi_reader *r, size_t i)
{
	struct mi_in_saved *s = &r->saved[i];
	size_t k;

	mi_in_row_reset(r);
	for (k = 0; k < s->n; k++)
		mi_in_row_add(r, s->mem + s->off[k], strlen(s->mem + s->off[k]));
	r->nfield = s->nfield;
	r->row_line = s->line;
	if (s->has_bad) {
		snprintf(r->badmsg, sizeof(r->badmsg), "%s", s->bad);
		r->bad = r->badmsg;
	}
	free(s->mem);
	free(s->off);
	s->mem = NULL;
	s->off = NULL;
}

/* Lets go of the rows kept above the header. */
static void
drop_saved(mi_reader *r)
{
	size_t i;

	for (i = 0; i < r->nsaved; i++) {
		free(r->saved[i].mem);
		free(r->saved[i].off);
	}
	r->nsaved = r->nextsaved = 0;
}

/* Asks the caller's test whether the row just read is the header. */
int
mi_in_row_header(mi_reader *r)
{
	char *mem;
	const char **cells;
	size_t i;
	int yes;

	if (r->bad)
		return 0;
	mem = mi_xmalloc(r->row.len ? r->row.len : 1);
	memcpy(mem, r->row.s, r->row.len);
	cells = mi_xcalloc(r->noff ? r->noff : 1, sizeof(*cells));
	for (i = 0; i < r->noff; i++)
		cells[i] = mi_trim(mem + r->off[i]);
	yes = r->hdr_fn(r->hdr_arg, cells, r->noff);
	free(cells);
	free(mem);
	r->hdr_score = yes;
	return yes;
}

/*
 * A header of two rows: names of a group above (反映人信息, over merged
 * cells) and the columns' own names below (姓名, 电话). The row read just
 * after the header is its second row when the header with that row's names
 * over it (a blank cell keeps the name above) fits better by the caller's
 * test; the header is then made of those names. A row of data never does:
 * its values are not names. 1 when the row was taken, 0 when it is a record.
 */
static int
second_row(mi_reader *r)
{
	size_t n = r->nhdr > r->noff ? r->nhdr : r->noff, i;
	const char **cells;
	char *mem;
	int score;

	if (r->bad || r->hdr_fn == NULL || r->hdr_score <= 0)
		return 0;
	mem = mi_xmalloc(r->row.len ? r->row.len : 1);
	memcpy(mem, r->row.s, r->row.len);
	cells = mi_xcalloc(n ? n : 1, sizeof(*cells));
	for (i = 0; i < n; i++) {
		cells[i] = i < r->noff ? mi_trim(mem + r->off[i]) : "";
		if (!*cells[i])
			cells[i] = i < r->nhdr ? r->hdr[i] : "";
	}
	score = r->hdr_fn(r->hdr_arg, cells, n);
	if (score > r->hdr_score) {
		mi_in_row_reset(r);
		for (i = 0; i < n; i++)
			mi_in_row_add(r, cells[i], strlen(cells[i]));
		r->nfield = n;
	}
	free(cells);
	free(mem);
	if (score <= r->hdr_score)
		return 0;
	free(r->hdrmem);
	free(r->hdr);
	r->hdrmem = NULL;
	r->hdr = NULL;
	r->hdr_rows = 2;
	return 1;
}

/*
 * No row among the first ones was taken for the header: the first of them
 * is the header, as in a sheet without a title, and the caller's check of
 * its columns says what is missing. The others are read again as records.
 */
static int
settle(mi_reader *r)
{
	load_row(r, 0);
	if (header(r) < 0)
		return -1;
	r->nextsaved = 1;
	return 0;
}

int
mi_in_table_next(mi_reader *r, int (*next_row)(mi_reader *r))
{
	int rc;

	for (;;) {
		if (r->have_hdr && r->nextsaved < r->nsaved) {
			load_row(r, r->nextsaved++);
			if (mi_in_row_blank(r)) {
				r->blank_rows++;
				continue;
			}
			return record(r);
		}
		if ((rc = next_row(r)) < 0)
			return -1;
		if (rc == 0) {
			if (r->have_hdr || r->nsaved == 0)
				return 0;
			if (settle(r) < 0)
				return -1;
			continue;
		}
		if (mi_in_row_blank(r)) {
			r->blank_rows++;
			continue;
		}
		if (r->have_hdr && r->hdr_below) {
			r->hdr_below = 0;
			if (second_row(r)) {
				if (header(r) < 0)
					return -1;
				continue;
			}
		}
		if (r->have_hdr)
			return record(r);
		if (r->hdr_fn == NULL || mi_in_row_header(r)) {
			/* The rows above it were a title or notes. */
			if (header(r) < 0)
				return -1;
			drop_saved(r);
			r->hdr_below = 1;
			continue;
		}
		save_row(r);
		if (r->nsaved == MI_IN_HEADER_ROWS && settle(r) < 0)
			return -1;
	}
}

void
mi_in_table_release(mi_reader *r)
{
	drop_saved(r);
	free(r->saved);
	free(r->hdrmem);
	free(r->hdr);
}
