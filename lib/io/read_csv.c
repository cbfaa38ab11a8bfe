/* read_csv.c - CSV rows through libcsv, one physical line at a time; table.c
 * makes them records. */
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"

/* libcsv's parser states (libcsv.c); its struct is public, its names are not. */
#define CSV_ROW_NOT_BEGUN 0
#define CSV_FIELD_BEGUN   2

static void
on_field(void *s, size_t n, void *arg)
{
	mi_reader *r = arg;
	int what;

	/* Past the widest header we only count, so a line of commas stays small. */
	if (r->nfield++ > MI_IN_MAX_COLS)
		return;
	if (r->row.len + n > MI_IN_MAX_RECORD) {
		mi_in_bad(r, _("record longer than 16 MiB"));
		mi_in_row_add(r, "", 0);
		return;
	}
	if (r->bad == NULL && (what = mi_in_check(s, n)) != MI_IN_TEXT_OK)
		r->bad = mi_in_text_reason(r, what);
	/* A number kept as text for spreadsheets, as our csv writes a long
	 * reference: ="370829202611160001" reads as its digits. */
	if (n > 3 && memcmp(s, "=\"", 2) == 0 && ((char *)s)[n - 1] == '"' &&
	    strspn((char *)s + 2, "0123456789") == n - 3) {
		((char *)s)[n - 1] = '\0';    /* libcsv's own buffer, refilled next field */
		mi_in_row_add(r, (char *)s + 2, n - 3);
		return;
	}
	mi_in_row_add(r, s, n);   /* CSV_APPEND_NULL put the NUL at s[n] */
}

static void
on_row(int c, void *arg)
{
	mi_reader *r = arg;

	(void)c;
	r->row_ready = 1;
}

static void
row_reset(mi_reader *r)
{
	mi_in_row_reset(r);
	r->nfield = 0;
	r->row_ready = 0;
}

/*
 * libcsv buffers a field whole before handing it over; past the limit we
 * throw away what it holds (the record is bad anyway) so memory stays
 * bounded. Only safe while inside a field: in FIELD_MIGHT_HAVE_ENDED libcsv
 * still means to drop the quote it stored.
 */
static void
limit_field(mi_reader *r)
{
	if (r->csv.entry_pos <= MI_IN_MAX_FIELD || r->csv.pstate != CSV_FIELD_BEGUN)
		return;
	r->bad = _("field longer than 1 MiB");
	r->csv.entry_pos = 0;
	r->csv.spaces = 0;
}

/*
 * The end of the next piece to feed: just past the first line end. Feeding
 * libcsv line by line tells which line a record starts on, and since a row
 * only ends at a CR or LF, no piece completes more than one record. A CR
 * right before the LF stays in the piece: after ending the row at the CR,
 * libcsv skips the LF.
 */
static const char *
piece_end(const char *p, const char *end)
{
	const char *lf, *cr;

	if ((lf = memchr(p, '\n', (size_t)(end - p))) == NULL)
		lf = end - 1;
	if ((cr = memchr(p, '\r', (size_t)(lf - p))) != NULL && cr + 1 < lf)
		return cr + 1;
	return lf + 1;
}

/* At the end of input: the last row may lack its line end, or its closing quote. */
static void
finish(mi_reader *r)
{
	if (r->csv.pstate == CSV_FIELD_BEGUN && r->csv.quoted) {
		r->bad = _("unterminated quoted field");
		/* The rows after it were read into its cell: say so, with where. */
		if (r->line - r->row_line >= 2) {
			snprintf(r->badmsg, sizeof(r->badmsg), _("unterminated quoted field: "
			    "lines %ld to %ld read as one cell"), r->row_line, r->line - 1);
			r->bad = r->badmsg;
		}
	}
	csv_fini(&r->csv, on_field, on_row, r);
}

static void
feed(mi_reader *r)
{
	const char *q = piece_end(r->p, r->end);
	int fresh = r->csv.pstate == CSV_ROW_NOT_BEGUN;

	csv_parse(&r->csv, r->p, (size_t)(q - r->p), on_field, on_row, r);
	if (fresh && (r->row_ready || r->csv.pstate != CSV_ROW_NOT_BEGUN))
		r->row_line = r->line;
	/* A lone CR ends a line too (old Mac exports). */
	if (q[-1] == '\n' || (q[-1] == '\r' && (q == r->end || *q != '\n')))
		r->line++;
	r->p = q;
	limit_field(r);
}

/* The next row of cells: 1, 0 at the end (and after it), -1 on an error. */
static int
next_row(mi_reader *r)
{
	int rc;

	if (r->rows_done)
		return 0;
	if (!r->csv_ready) {
		/* libcsv's default trims spaces and tabs around unquoted fields: exports pad cells. */
		csv_init(&r->csv, CSV_APPEND_NULL);
		csv_set_blk_size(&r->csv, 4096);
		r->csv_ready = 1;
	}
	row_reset(r);
	for (;;) {
		if (r->p == r->end) {
			if ((rc = mi_in_fill(r)) < 0)
				return -1;
			if (rc == 0) {
				finish(r);
				r->rows_done = 1;
				return r->row_ready;
			}
		}
		if (!r->row_ready)
			feed(r);
		if (r->row_ready)
			return 1;
	}
}

int
mi_in_csv_next(mi_reader *r)
{
	return mi_in_table_next(r, next_row);
}

void
mi_in_csv_release(mi_reader *r)
{
	if (r->csv_ready)
		csv_free(&r->csv);
}
