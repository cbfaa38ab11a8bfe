/*
 * output.c - the tsv, csv, json, ndjson and table writers every tool uses.
 *
 * Each row is formatted into one buffer and written with one fwrite, so a
 * million-row export costs a million calls, not one per byte. The first
 * failed write is remembered (with its errno) and reported by
 * mi_out_finish, so a full disk is never silent.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"

#define COL_NUMERIC (MI_COL_INT | MI_COL_NUM)
#define COL_MASKED (MI_COL_NAME | MI_COL_PHONE)

struct mi_out {
	FILE *f;
	int fmt, flags;
	size_t ncol, capcol;
	char **name;
	int *type;
	mi_buf *jkey;          /* json: each column's escaped "key": */
	mi_buf *masked;        /* per column, this row's masked value */
	const char **val;      /* this row's values after masking */
	mi_buf line;           /* the row being formatted */
	int started, finished;
	size_t nrow;
	int err;               /* errno of the first failed write; 0 when none */
	long *clear;           /* counts names and phones written in clear, or NULL */

	/* table: every cell, NUL-terminated back to back, found by offset */
	mi_buf cells;
	size_t *off, noff, capoff;
	size_t *width;         /* display width of each column */
};

int
mi_outfmt_parse(const char *s, int *fmt)
{
	static const char *const names[] = { "tsv", "csv", "json", "ndjson", "table" };
	static const int fmts[] = { MI_OUT_TSV, MI_OUT_CSV, MI_OUT_JSON, MI_OUT_NDJSON, MI_OUT_TABLE };
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*fmt = fmts[i];
			return 0;
		}
	return -1;
}

mi_out *
mi_out_new(FILE *f, int fmt, int flags)
{
	mi_out *o = mi_xcalloc(1, sizeof(*o));

	o->f = f;
	o->fmt = fmt;
	o->flags = flags;
	return o;
}

void
mi_out_col(mi_out *o, const char *name, int type)
{
	/* Once the header is out a new column could only misalign the rows. */
	if (o->started)
		return;
	if (o->ncol == o->capcol) {
		o->capcol = o->capcol ? o->capcol * 2 : 8;
		o->name = mi_xrealloc(o->name, o->capcol * sizeof(*o->name));
		o->type = mi_xrealloc(o->type, o->capcol * sizeof(*o->type));
	}
	o->name[o->ncol] = mi_xstrdup(name);
	o->type[o->ncol] = type;
	o->ncol++;
}

int
mi_out_cols(mi_out *out, const struct mi_col *cols)
{
	int n;

	for (n = 0; cols[n].name; n++)
		mi_out_col(out, cols[n].name, cols[n].type);
	return n;
}

/* Writes out the formatted line, remembering only the first failure. */
static void
flush_line(mi_out *o)
{
	if (o->line.len > 0 && fwrite(o->line.s, 1, o->line.len, o->f) != o->line.len &&
	    o->err == 0)
		o->err = errno ? errno : EIO;
	mi_buf_reset(&o->line);
}

/* A JSON number as RFC 8259 spells it: what may go out unquoted. */
static int
is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* ---- tsv ---- */

/*
 * A tab or line break inside a value becomes a space rather than a
 * backslash escape: a row stays one line for cut, awk and the case
 * stream, and no reader has to know how to unescape. The cost is that
 * such a value does not round-trip, which free text in a ledger can bear.
 */
static void
tsv_cell(mi_buf *b, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r') {
			mi_buf_add(b, s, (size_t)(p - s));
			mi_buf_putc(b, ' ');
			s = p + 1;
		}
	mi_buf_add(b, s, (size_t)(p - s));
}

/* ---- csv ---- */

/*
 * A spreadsheet runs a cell that starts with one of these as a formula
 * (TAB and CR too, since some strip them first). A leading quote makes it
 * text. A plain number in a numeric column stays as it is: -3 is data.
 */
static int
needs_guard(const char *s, int numeric)
{
	switch (s[0]) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return !(numeric && is_number(s));
	default:
		return 0;
	}
}

static void
csv_cell(mi_buf *b, const char *s, int numeric)
{
	size_t n = strlen(s);
	int guard = needs_guard(s, numeric);
	int quote = strpbrk(s, ",\"\r\n") != NULL ||
	    (n > 0 && (s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == '\t'));
	const char *p, *q;

	if (!quote && !guard) {
		mi_buf_add(b, s, n);
		return;
	}
	if (quote)
		mi_buf_putc(b, '"');
	if (guard)
		mi_buf_putc(b, '\'');
	for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
		mi_buf_add(b, p, (size_t)(q - p) + 1);
		mi_buf_putc(b, '"');
	}
	mi_buf_puts(b, p);
	if (quote)
		mi_buf_putc(b, '"');
}

void
mi_csv_cell(mi_buf *b, const char *s)
{
	csv_cell(b, s, 0);
}

/* ---- json ---- */

/*
 * Escapes what JSON requires (quote, backslash, control characters) and
 * replaces bytes that are not UTF-8 with U+FFFD, so the output always
 * parses. Runs of plain bytes are copied in one go.
 */
static void
json_str(mi_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = s, *run = s, *end = s + strlen(s), *q;
	unsigned char c;

	mi_buf_putc(b, '"');
	while (p < end) {
		c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0x80) {
			q = p;
			if (mi_utf8_next(&q, end) >= 0) {
				p = q;
				continue;
			}
		}
		mi_buf_add(b, run, (size_t)(p - run));
		switch (c) {
		case '"': mi_buf_puts(b, "\\\""); break;
		case '\\': mi_buf_puts(b, "\\\\"); break;
		case '\n': mi_buf_puts(b, "\\n"); break;
		case '\r': mi_buf_puts(b, "\\r"); break;
		case '\t': mi_buf_puts(b, "\\t"); break;
		case '\b': mi_buf_puts(b, "\\b"); break;
		case '\f': mi_buf_puts(b, "\\f"); break;
		default:
			if (c >= 0x80) {
				mi_buf_puts(b, "\xEF\xBF\xBD");
			} else {
				mi_buf_puts(b, "\\u00");
				mi_buf_putc(b, hex[c >> 4]);
				mi_buf_putc(b, hex[c & 0xF]);
			}
		}
		run = ++p;
	}
	mi_buf_add(b, run, (size_t)(p - run));
	mi_buf_putc(b, '"');
}

static void
json_object(mi_out *o)
{
	size_t i;
	const char *v;

	mi_buf_putc(&o->line, '{');
	for (i = 0; i < o->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&o->line, ',');
		mi_buf_add(&o->line, o->jkey[i].s, o->jkey[i].len);
		v = o->val[i];
		if (v == NULL)
			mi_buf_puts(&o->line, "null");
		else if ((o->type[i] & COL_NUMERIC) && is_number(v))
			mi_buf_puts(&o->line, v);
		else
			json_str(&o->line, v);
	}
	mi_buf_putc(&o->line, '}');
}

/* ---- table ---- */

/*
 * Control characters would break the alignment, and some would be run by
 * the terminal, so every one shows as a space.
 */
static void
table_store(mi_out *o, const char *s)
{
	size_t start = o->cells.len, w, col = o->noff % (o->ncol ? o->ncol : 1);
	char *p;

	if (o->noff == o->capoff) {
		o->capoff = o->capoff ? o->capoff * 2 : 256;
		o->off = mi_xrealloc(o->off, o->capoff * sizeof(*o->off));
	}
	o->off[o->noff++] = start;
	mi_buf_add(&o->cells, s, strlen(s) + 1);
	for (p = o->cells.s + start; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	w = mi_display_width(o->cells.s + start);
	if (w > o->width[col])
		o->width[col] = w;
}

static void
pad(mi_buf *b, size_t n)
{
	while (n-- > 0)
		mi_buf_putc(b, ' ');
}

/*
 * Numbers right-aligned, text left-aligned. Trailing blanks are cut, so
 * an empty last cell or left padding leaves nothing invisible behind.
 */
static void
table_line(mi_out *o, const char *const *cell)
{
	size_t i, w;
	int right;

	for (i = 0; i < o->ncol; i++) {
		w = mi_display_width(cell[i]);
		right = (o->type[i] & COL_NUMERIC) != 0;
		if (i > 0)
			mi_buf_puts(&o->line, "  ");
		if (right)
			pad(&o->line, o->width[i] - w);
		mi_buf_puts(&o->line, cell[i]);
		if (!right)
			pad(&o->line, o->width[i] - w);
	}
	while (o->line.len > 0 && o->line.s[o->line.len - 1] == ' ')
		o->line.len--;
	mi_buf_putc(&o->line, '\n');
	flush_line(o);
}

static void
table_print(mi_out *o)
{
	const char **cell = mi_xcalloc(o->ncol, sizeof(*cell));
	size_t r, i;

	if (!(o->flags & MI_OUTF_NOHEADER))
		table_line(o, (const char *const *)o->name);
	for (r = 0; r < o->nrow; r++) {
		for (i = 0; i < o->ncol; i++)
			cell[i] = o->cells.s + o->off[r * o->ncol + i];
		table_line(o, cell);
	}
	free(cell);
}

/* ---- the writer ---- */

static void
header(mi_out *o, int csv)
{
	size_t i;

	for (i = 0; i < o->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&o->line, csv ? ',' : '\t');
		if (csv)
			csv_cell(&o->line, o->name[i], 0);
		else
			tsv_cell(&o->line, o->name[i]);
	}
	mi_buf_puts(&o->line, csv ? "\r\n" : "\n");
}

/* Everything that depends on the final column list, done once. */
static void
start(mi_out *o)
{
	size_t i;

	o->started = 1;
	o->masked = mi_xcalloc(o->ncol, sizeof(*o->masked));
	o->val = mi_xcalloc(o->ncol, sizeof(*o->val));
	o->jkey = mi_xcalloc(o->ncol, sizeof(*o->jkey));
	o->width = mi_xcalloc(o->ncol, sizeof(*o->width));
	for (i = 0; i < o->ncol; i++) {
		json_str(&o->jkey[i], o->name[i]);
		mi_buf_putc(&o->jkey[i], ':');
		if (!(o->flags & MI_OUTF_NOHEADER))
			o->width[i] = mi_display_width(o->name[i]);
	}
	if (o->fmt == MI_OUT_CSV && (o->flags & MI_OUTF_BOM))
		mi_buf_puts(&o->line, "\xEF\xBB\xBF");
	if (!(o->flags & MI_OUTF_NOHEADER) && (o->fmt == MI_OUT_CSV || o->fmt == MI_OUT_TSV))
		header(o, o->fmt == MI_OUT_CSV);
	flush_line(o);
}

static void
mask(mi_out *o, const char *const *vals)
{
	size_t i;

	for (i = 0; i < o->ncol; i++) {
		o->val[i] = vals[i];
		if (vals[i] == NULL || !(o->type[i] & COL_MASKED))
			continue;
		if (o->flags & MI_OUTF_REVEAL) {
			if (o->clear && vals[i][0] != '\0')
				(*o->clear)++;
			continue;
		}
		mi_buf_reset(&o->masked[i]);
		if (o->type[i] & MI_COL_PHONE)
			mi_mask_phone(vals[i], &o->masked[i]);
		else
			mi_mask_name(vals[i], &o->masked[i]);
		o->val[i] = mi_buf_str(&o->masked[i]);
	}
}

static void
csv_row(mi_out *o)
{
	size_t i;

	for (i = 0; i < o->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&o->line, ',');
		if (o->val[i] != NULL)
			csv_cell(&o->line, o->val[i], (o->type[i] & COL_NUMERIC) != 0);
	}
	/* A blank line is no record to many readers: keep the empty cell. */
	if (o->ncol == 1 && (o->val[0] == NULL || o->val[0][0] == '\0'))
		mi_buf_puts(&o->line, "\"\"");
	mi_buf_puts(&o->line, "\r\n");
}

static void
tsv_row(mi_out *o)
{
	size_t i;

	for (i = 0; i < o->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&o->line, '\t');
		if (o->val[i] != NULL)
			tsv_cell(&o->line, o->val[i]);
	}
	mi_buf_putc(&o->line, '\n');
}

void
mi_out_row(mi_out *o, const char *const *vals)
{
	size_t i;

	if (o->finished)
		return;
	if (!o->started)
		start(o);
	mask(o, vals);
	switch (o->fmt) {
	case MI_OUT_CSV:
		csv_row(o);
		break;
	case MI_OUT_JSON:
		mi_buf_puts(&o->line, o->nrow == 0 ? "[\n" : ",\n");
		json_object(o);
		break;
	case MI_OUT_NDJSON:
		json_object(o);
		mi_buf_putc(&o->line, '\n');
		break;
	case MI_OUT_TABLE:
		for (i = 0; i < o->ncol; i++)
			table_store(o, o->val[i] ? o->val[i] : "");
		break;
	default:
		tsv_row(o);
	}
	o->nrow++;
	flush_line(o);
}

int
mi_out_finish(mi_out *o, mi_err *e)
{
	if (!o->finished) {
		if (!o->started)
			start(o);
		if (o->fmt == MI_OUT_JSON)
			mi_buf_puts(&o->line, o->nrow > 0 ? "\n]\n" : "[]\n");
		flush_line(o);
		if (o->fmt == MI_OUT_TABLE)
			table_print(o);
		if (fflush(o->f) != 0 && o->err == 0)
			o->err = errno ? errno : EIO;
		/* An error an earlier write left on the stream counts too. */
		if (ferror(o->f) && o->err == 0)
			o->err = EIO;
		o->finished = 1;
	}
	if (o->err != 0)
		return mi_err_set(e, MI_EX_IOERR, "write error: %s", strerror(o->err));
	return 0;
}

void
mi_out_free(mi_out *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->ncol; i++) {
		free(o->name[i]);
		if (o->started) {
			mi_buf_release(&o->masked[i]);
			mi_buf_release(&o->jkey[i]);
		}
	}
	free(o->name);
	free(o->type);
	free(o->masked);
	free(o->jkey);
	free(o->val);
	free(o->width);
	free(o->off);
	mi_buf_release(&o->cells);
	mi_buf_release(&o->line);
	free(o);
}

/* The writer a run asked for: -o, --bom and --reveal. */
mi_out *
mi_ctx_out(mi_ctx *c, FILE *f)
{
	mi_out *o;
	int flags = 0;

	if (c->opts.bom)
		flags |= MI_OUTF_BOM;
	if (c->opts.reveal)
		flags |= MI_OUTF_REVEAL;
	o = mi_out_new(f, c->opts.outfmt, flags);
	mi_out_tally(o, &c->clear);
	return o;
}

void
mi_out_tally(mi_out *o, long *clear)
{
	o->clear = clear;
}
