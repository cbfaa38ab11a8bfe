/*
 * output.c - the tsv, csv, json, ndjson, table and xlsx writers every tool
 * uses (xlsx is write_xlsx.c's).
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
#define COL_MASKED (MI_COL_NAME | MI_COL_PHONE | MI_COL_TEXT)

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
	mi_ctx *tally;         /* counts what is written in clear, or NULL */

	/* table: every cell, NUL-terminated back to back, found by offset */
	mi_buf cells;
	size_t *off, noff, capoff;
	size_t *width;         /* display width of each column */
	int *vocab;            /* --headers zh: the vocabulary of each column's values, or -1 */

	/* xlsx: the workbook, made when the first sheet starts */
	mi_xlsx *x;
	char *sheet;           /* the next sheet's name, or NULL */
	mi_err xerr;           /* why the workbook could not be made */
	int xfail;
};

int
mi_outfmt_parse(const char *s, int *fmt)
{
	static const char *const names[] = { "tsv", "csv", "json", "ndjson", "table", "xlsx" };
	static const int fmts[] = { MI_OUT_TSV, MI_OUT_CSV, MI_OUT_JSON, MI_OUT_NDJSON, MI_OUT_TABLE,
		MI_OUT_XLSX };
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
	mi_out *out = mi_xcalloc(1, sizeof(*out));

	out->f = f;
	out->fmt = fmt;
	out->flags = flags;
	return out;
}

void
mi_out_col(mi_out *out, const char *name, int type)
{
	/* Once the header is out a new column could only misalign the rows. */
	if (out->started)
		return;
	if (out->ncol == out->capcol) {
		out->capcol = out->capcol ? out->capcol * 2 : 8;
		out->name = mi_xrealloc(out->name, out->capcol * sizeof(*out->name));
		out->type = mi_xrealloc(out->type, out->capcol * sizeof(*out->type));
	}
	out->name[out->ncol] = mi_xstrdup(name);
	out->type[out->ncol] = type;
	out->ncol++;
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
flush_line(mi_out *out)
{
	if (out->line.len > 0 && fwrite(out->line.s, 1, out->line.len, out->f) != out->line.len &&
	    out->err == 0)
		out->err = errno ? errno : EIO;
	mi_buf_reset(&out->line);
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
 * What else a terminal would act on (ESC, C1, bidi overrides) is shown as
 * an escape: tsv is what a person sees by default.
 */
static void
tsv_cell(mi_buf *b, const char *s)
{
	mi_esc_text(b, s, MI_ESC_CELL);
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

/*
 * An identifier of more than 11 digits (a 12345 ticket, 18 digits) is shown
 * by a spreadsheet in scientific notation and loses its last digits past
 * the fifteenth. Written ="370829202611160001", the cell is a formula whose
 * value is the text itself, which Excel, WPS and LibreOffice all keep.
 */
static int
long_digits(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 11 && s[n] == '\0';
}

static void
csv_id_cell(mi_buf *b, const char *s)
{
	mi_buf_puts(b, "\"=\"\"");
	mi_buf_puts(b, s);
	mi_buf_puts(b, "\"\"\"");
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
 * parses. DEL, the C1 controls and the bidirectional controls become \u
 * escapes too: JSON read in a terminal must not drive it either. Runs of
 * plain bytes are copied in one go.
 */
static void
json_str(mi_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = s, *run = s, *end = s + strlen(s), *q;
	unsigned char c;
	int32_t cp;

	mi_buf_putc(b, '"');
	while (p < end) {
		c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) {
			p++;
			continue;
		}
		if (c >= 0x80) {
			q = p;
			if ((cp = mi_utf8_next(&q, end)) >= 0) {
				if (mi_utf8_hostile(cp)) {
					mi_buf_add(b, run, (size_t)(p - run));
					mi_buf_printf(b, "\\u%04x", (unsigned)cp);
					run = q;
				}
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
json_object(mi_out *out)
{
	size_t i;
	const char *v;

	mi_buf_putc(&out->line, '{');
	for (i = 0; i < out->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&out->line, ',');
		mi_buf_add(&out->line, out->jkey[i].s, out->jkey[i].len);
		v = out->val[i];
		if (v == NULL)
			mi_buf_puts(&out->line, "null");
		else if ((out->type[i] & COL_NUMERIC) && is_number(v))
			mi_buf_puts(&out->line, v);
		else
			json_str(&out->line, v);
	}
	mi_buf_putc(&out->line, '}');
}

/* ---- table ---- */

/*
 * A tab or line break would break the alignment: it shows as a space.
 * What a terminal would run (ESC, C1, bidi overrides) shows as an escape.
 */
static void
table_store(mi_out *out, const char *s)
{
	size_t start = out->cells.len, w, col = out->noff % (out->ncol ? out->ncol : 1);

	if (out->noff == out->capoff) {
		out->capoff = out->capoff ? out->capoff * 2 : 256;
		out->off = mi_xrealloc(out->off, out->capoff * sizeof(*out->off));
	}
	out->off[out->noff++] = start;
	mi_esc_text(&out->cells, s, MI_ESC_CELL);
	mi_buf_putc(&out->cells, '\0');
	w = mi_display_width(out->cells.s + start);
	if (w > out->width[col])
		out->width[col] = w;
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
table_line(mi_out *out, const char *const *cell)
{
	size_t i, w;
	int right;

	for (i = 0; i < out->ncol; i++) {
		w = mi_display_width(cell[i]);
		right = (out->type[i] & COL_NUMERIC) != 0;
		if (i > 0)
			mi_buf_puts(&out->line, "  ");
		if (right)
			pad(&out->line, out->width[i] - w);
		mi_buf_puts(&out->line, cell[i]);
		if (!right)
			pad(&out->line, out->width[i] - w);
	}
	while (out->line.len > 0 && out->line.s[out->line.len - 1] == ' ')
		out->line.len--;
	mi_buf_putc(&out->line, '\n');
	flush_line(out);
}

static void
table_print(mi_out *out)
{
	const char **cell = mi_xcalloc(out->ncol, sizeof(*cell));
	size_t r, i;

	if (!(out->flags & MI_OUTF_NOHEADER))
		table_line(out, (const char *const *)out->name);
	for (r = 0; r < out->nrow; r++) {
		for (i = 0; i < out->ncol; i++)
			cell[i] = out->cells.s + out->off[r * out->ncol + i];
		table_line(out, cell);
	}
	free(cell);
}

/* ---- the writer ---- */

static void
header(mi_out *out, int csv)
{
	size_t i;

	for (i = 0; i < out->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&out->line, csv ? ',' : '\t');
		if (csv)
			csv_cell(&out->line, out->name[i], 0);
		else
			tsv_cell(&out->line, out->name[i]);
	}
	mi_buf_puts(&out->line, csv ? "\r\n" : "\n");
}

/* Everything that depends on the final column list, done once. */
static void
start(mi_out *out)
{
	size_t i;

	out->started = 1;
	out->masked = mi_xcalloc(out->ncol, sizeof(*out->masked));
	out->val = mi_xcalloc(out->ncol, sizeof(*out->val));
	out->jkey = mi_xcalloc(out->ncol, sizeof(*out->jkey));
	out->width = mi_xcalloc(out->ncol, sizeof(*out->width));
	out->vocab = mi_xcalloc(out->ncol, sizeof(*out->vocab));
	for (i = 0; i < out->ncol; i++) {
		const char *zh = NULL;

		out->vocab[i] = -1;
		if ((out->flags & MI_OUTF_ZH) && (zh = mi_column_zh(out->name[i], &out->vocab[i]))) {
			free(out->name[i]);
			out->name[i] = mi_xstrdup(zh);
		}
		json_str(&out->jkey[i], out->name[i]);
		mi_buf_putc(&out->jkey[i], ':');
		if (!(out->flags & MI_OUTF_NOHEADER))
			out->width[i] = mi_display_width(out->name[i]);
	}
	if (out->fmt == MI_OUT_CSV && (out->flags & MI_OUTF_BOM))
		mi_buf_puts(&out->line, "\xEF\xBB\xBF");
	if (!(out->flags & MI_OUTF_NOHEADER) && (out->fmt == MI_OUT_CSV || out->fmt == MI_OUT_TSV))
		header(out, out->fmt == MI_OUT_CSV);
	flush_line(out);
	if (out->fmt == MI_OUT_XLSX && !out->xfail) {
		if (out->x == NULL && (out->x = mi_xlsx_new(&out->xerr)) == NULL)
			out->xfail = 1;
		else
			mi_xlsx_sheet(out->x, out->sheet, out->ncol, out->name, out->type,
			    !(out->flags & MI_OUTF_NOHEADER));
	}
}

/* Forgets the columns, so that a new sheet declares its own. */
static void
unstart(mi_out *out)
{
	size_t i;

	for (i = 0; i < out->ncol; i++) {
		free(out->name[i]);
		if (out->started) {
			mi_buf_release(&out->masked[i]);
			mi_buf_release(&out->jkey[i]);
		}
	}
	free(out->masked);
	free(out->jkey);
	free(out->val);
	free(out->width);
	free(out->vocab);
	out->masked = out->jkey = NULL;
	out->val = NULL;
	out->width = NULL;
	out->vocab = NULL;
	out->ncol = 0;
	out->started = 0;
}

void
mi_out_sheet(mi_out *out, const char *name)
{
	if (out->fmt != MI_OUT_XLSX || out->finished)
		return;
	if (!out->started && out->ncol > 0)
		start(out);
	unstart(out);
	free(out->sheet);
	out->sheet = name ? mi_xstrdup(name) : NULL;
}

void
mi_out_list(mi_out *out, size_t col, const char *const *list)
{
	if (out->fmt != MI_OUT_XLSX || out->finished)
		return;
	if (!out->started)
		start(out);
	if (out->x)
		mi_xlsx_list(out->x, col, list);
}

void
mi_out_chart(mi_out *out, int kind, const char *title, size_t cat, size_t val, size_t n)
{
	if (out->fmt != MI_OUT_XLSX || out->finished)
		return;
	if (!out->started)
		start(out);
	if (out->x)
		mi_xlsx_chart(out->x, kind, title, cat, val, n);
}

static void
mask(mi_out *out, const char *const *vals)
{
	size_t i;
	const char *zh;
	int clear = 0;

	for (i = 0; i < out->ncol; i++) {
		out->val[i] = vals[i];
		/* --headers zh: a vocabulary's value by its Chinese name. */
		if (out->vocab[i] >= 0 && vals[i] != NULL && vals[i][0] != '\0' &&
		    (zh = mi_vocab_zh_of(out->vocab[i], vals[i])) != NULL)
			out->val[i] = zh;
		if (vals[i] == NULL || !(out->type[i] & COL_MASKED))
			continue;
		if (out->flags & MI_OUTF_REVEAL) {
			/* Free text counts only when it held a number to mask. */
			if (out->tally && vals[i][0] != '\0' &&
			    (!(out->type[i] & MI_COL_TEXT) || mi_mask_text(vals[i], NULL) > 0))
				clear++;
			continue;
		}
		mi_buf_reset(&out->masked[i]);
		if (out->type[i] & MI_COL_PHONE)
			mi_mask_phone(vals[i], &out->masked[i]);
		else if (out->type[i] & MI_COL_NAME)
			mi_mask_name(vals[i], &out->masked[i]);
		else
			mi_mask_text(vals[i], &out->masked[i]);
		out->val[i] = mi_buf_str(&out->masked[i]);
	}
	if (clear) {
		out->tally->clear += clear;
		out->tally->clear_rows++;
	}
}

static void
csv_row(mi_out *out)
{
	size_t i;

	for (i = 0; i < out->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&out->line, ',');
		if (out->val[i] == NULL)
			continue;
		if ((out->type[i] & MI_COL_ID) && long_digits(out->val[i]))
			csv_id_cell(&out->line, out->val[i]);
		else
			csv_cell(&out->line, out->val[i], (out->type[i] & COL_NUMERIC) != 0);
	}
	/* A blank line is no record to many readers: keep the empty cell. */
	if (out->ncol == 1 && (out->val[0] == NULL || out->val[0][0] == '\0'))
		mi_buf_puts(&out->line, "\"\"");
	mi_buf_puts(&out->line, "\r\n");
}

static void
tsv_row(mi_out *out)
{
	size_t i;

	for (i = 0; i < out->ncol; i++) {
		if (i > 0)
			mi_buf_putc(&out->line, '\t');
		if (out->val[i] != NULL)
			tsv_cell(&out->line, out->val[i]);
	}
	mi_buf_putc(&out->line, '\n');
}

void
mi_out_row(mi_out *out, const char *const *vals)
{
	size_t i;

	if (out->finished)
		return;
	if (!out->started)
		start(out);
	mask(out, vals);
	switch (out->fmt) {
	case MI_OUT_CSV:
		csv_row(out);
		break;
	case MI_OUT_JSON:
		mi_buf_puts(&out->line, out->nrow == 0 ? "[\n" : ",\n");
		json_object(out);
		break;
	case MI_OUT_NDJSON:
		json_object(out);
		mi_buf_putc(&out->line, '\n');
		break;
	case MI_OUT_TABLE:
		for (i = 0; i < out->ncol; i++)
			table_store(out, out->val[i] ? out->val[i] : "");
		break;
	case MI_OUT_XLSX:
		if (out->x)
			mi_xlsx_row(out->x, out->val);
		break;
	default:
		tsv_row(out);
	}
	out->nrow++;
	flush_line(out);
}

int
mi_out_finish(mi_out *out, mi_err *e)
{
	if (!out->finished) {
		if (!out->started)
			start(out);
		if (out->fmt == MI_OUT_JSON)
			mi_buf_puts(&out->line, out->nrow > 0 ? "\n]\n" : "[]\n");
		flush_line(out);
		if (out->fmt == MI_OUT_TABLE)
			table_print(out);
		if (out->fmt == MI_OUT_XLSX && out->x && mi_xlsx_finish(out->x, out->f, &out->xerr) < 0)
			out->xfail = 1;
		if (fflush(out->f) != 0 && out->err == 0)
			out->err = errno ? errno : EIO;
		/* An error an earlier write left on the stream counts too. */
		if (ferror(out->f) && out->err == 0)
			out->err = EIO;
		out->finished = 1;
	}
	if (out->xfail)
		return mi_err_set(e, out->xerr.code ? out->xerr.code : MI_EX_IOERR, "%s", out->xerr.msg);
	if (out->err != 0)
		return mi_err_set(e, MI_EX_IOERR, "write error: %s", strerror(out->err));
	return 0;
}

void
mi_out_free(mi_out *out)
{
	size_t i;

	if (out == NULL)
		return;
	mi_xlsx_free(out->x);
	free(out->sheet);
	for (i = 0; i < out->ncol; i++) {
		free(out->name[i]);
		if (out->started) {
			mi_buf_release(&out->masked[i]);
			mi_buf_release(&out->jkey[i]);
		}
	}
	free(out->name);
	free(out->type);
	free(out->masked);
	free(out->jkey);
	free(out->val);
	free(out->width);
	free(out->vocab);
	free(out->off);
	mi_buf_release(&out->cells);
	mi_buf_release(&out->line);
	free(out);
}

/* The writer a run asked for: -o, --bom and --reveal. */
mi_out *
mi_ctx_out(mi_ctx *c, FILE *f)
{
	mi_out *out;
	int flags = 0;

	if (c->opts.bom)
		flags |= MI_OUTF_BOM;
	if (c->opts.reveal)
		flags |= MI_OUTF_REVEAL;
	if (c->opts.headers ? c->opts.headers == 'z' :
	    c->cfg && strcmp(mi_config_str(c->cfg, "output.headers", "en"), "zh") == 0)
		flags |= MI_OUTF_ZH;
	out = mi_out_new(f, c->opts.outfmt, flags);
	mi_out_tally(out, c);
	return out;
}

mi_out *
mi_out_next(mi_ctx *c, mi_out *out, FILE *f, const char *sheet, mi_err *e)
{
	int rc;

	if (out->fmt == MI_OUT_XLSX) {
		mi_out_sheet(out, sheet);
		return out;
	}
	rc = mi_out_finish(out, e);
	mi_out_free(out);
	if (rc < 0)
		return NULL;
	fputc('\n', f);
	return mi_ctx_out(c, f);
}

void
mi_out_tally(mi_out *out, mi_ctx *c)
{
	out->tally = c;
}
