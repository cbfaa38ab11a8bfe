/* sheet.c - sheets of rows about cases: the columns that name a case, the
 * case a row means, and running a verb over such a sheet or over cases
 * given by id. */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"

static const char *const id_cols[] = { "id", "case_id", "案件编号", NULL };
static const char *const ref_cols[] = { "ref", "编号", "台账编号", "工单编号", "工单号", NULL };
static const char *const channel_cols[] = { "channel", "渠道", NULL };

/* The value under key: its column named so exactly, else (loose) one whose
 * name differs only as mi_colname_like allows; NULL when none. */
static const char *
get_like(const mi_record *rec, const char *key, int loose)
{
	size_t i;

	if (!loose)
		return mi_record_get(rec, key);
	for (i = 0; i < rec->n; i++)
		if (rec->key[i][0] && mi_colname_like(rec->key[i], key))
			return rec->val[i];
	return NULL;
}

char *
mi_record_pick(const mi_record *rec, const char *const *keys)
{
	const char *const *k;
	const char *v;
	char *s;
	int loose;

	for (loose = 0; loose < 2; loose++)
		for (k = keys; *k; k++) {
			if ((v = get_like(rec, *k, loose)) == NULL)
				continue;
			s = mi_trim(mi_xstrdup(v));
			if (*s)
				return s;
			free(s);
		}
	return NULL;
}

int
mi_record_has(const mi_record *rec, const char *const *keys)
{
	const char *const *k;
	int loose;

	for (loose = 0; loose < 2; loose++)
		for (k = keys; *k; k++)
			if (get_like(rec, *k, loose) != NULL)
				return 1;
	return 0;
}

int
mi_record_has_case(const mi_record *rec)
{
	return mi_record_has(rec, id_cols) || mi_record_has(rec, ref_cols);
}

/* Refuses the sheet for its field 0's column, naming the file's columns that come closest. */
static int
missing_col(mi_reader *rd, const mi_record *rec, long line, const mi_sheet_spec *s, mi_err *e)
{
	mi_buf b = MI_BUF_INIT;
	const char *const *k;

	mi_buf_puts(&b, "expected ");
	for (k = s->fields[0]; *k; k++)
		mi_buf_printf(&b, "%s'%s'", k == s->fields[0] ? "" : ", ", *k);
	mi_buf_puts(&b, "; ");
	mi_columns_closest(s->fields[0], rec->key, rec->n, &b);
	mi_err_set(e, MI_EX_DATAERR, "%s:%ld: no column holds %s (%s)", mi_reader_path(rd), line,
	    s->what, mi_buf_str(&b));
	mi_buf_release(&b);
	return -1;
}

/* 1 when name is one of the columns of the sheet of s. */
static int
sheet_col(const mi_sheet_spec *s, const char *name)
{
	const char *const *lists[] = { id_cols, ref_cols, channel_cols };
	const char *const *k;
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(lists); i++)
		for (k = lists[i]; *k; k++)
			if (mi_colname_like(name, *k))
				return 1;
	for (i = 0; i < MI_SHEET_FIELDS; i++)
		for (k = s->fields[i]; k && *k; k++)
			if (mi_colname_like(name, *k))
				return 1;
	return 0;
}

/* The header test: a row that names the case and holds field 0. */
static int
sheet_header(void *arg, const char *const *cells, size_t n)
{
	const mi_sheet_spec *s = arg;
	const char *const *k;
	int named = 0, need = 0, f;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!cells[i][0])
			continue;
		for (k = id_cols; *k; k++)
			named |= mi_colname_like(cells[i], *k);
		for (k = ref_cols; *k; k++)
			named |= mi_colname_like(cells[i], *k);
		for (f = 0; f < (s->any ? MI_SHEET_FIELDS : 1) && s->fields[f]; f++)
			for (k = s->fields[f]; *k; k++)
				need |= mi_colname_like(cells[i], *k);
	}
	return named && need;
}

/* A row without content: every cell filler, and no number naming a case. */
static int
sheet_empty(const mi_record *rec)
{
	const char *const *lists[] = { id_cols, ref_cols };
	const char *const *k;
	const char *v;
	size_t i;
	int label;

	if (rec->bad || !mi_record_filler(rec))
		return 0;
	for (i = 0; i < MI_ARRAY_LEN(lists); i++)
		for (k = lists[i]; *k; k++)
			if ((v = get_like(rec, *k, 1)) != NULL &&
			    (mi_cell_filler(v, &label), !label) && strpbrk(v, "0123456789"))
				return 0;
	return 1;
}

/* The report of a sheet: its header's row, its columns not used. */
static void
sheet_note(mi_reader *rd, const mi_sheet_spec *s)
{
	const char *const *cols;
	mi_buf b = MI_BUF_INIT;
	long row = mi_reader_header_row(rd);
	size_t n, i, shown = 0;

	if (s->note == NULL || (cols = mi_reader_columns(rd, &n)) == NULL)
		return;
	if (row > 1)
		mi_buf_printf(&b, _("row %ld is the header"), row);
	for (i = 0; i < n; i++)
		if (cols[i][0] && !sheet_col(s, cols[i]))
			mi_buf_printf(&b, "%s%s", shown++ ? ", " : b.len ? _("; ignored columns: ") :
			    _("ignored columns: "), cols[i]);
	if (b.len)
		s->note(s->cb_arg, mi_reader_path(rd), mi_buf_str(&b));
	mi_buf_release(&b);
}

/* Whether rec has the column of field 0, or of any field when s->any. */
static int
has_field(const mi_record *rec, const mi_sheet_spec *s)
{
	int f;

	for (f = 0; f < (s->any ? MI_SHEET_FIELDS : 1) && s->fields[f]; f++)
		if (mi_record_has(rec, s->fields[f]))
			return 1;
	return 0;
}

/*
 * A workbook's other sheets whose rows hold such a header are not read (a
 * verb keeps one source for its rows): each is said, and counted as
 * rejected, so that the run does not end well without them.
 */
static int
other_sheets(mi_reader *rd, const mi_sheet_spec *s, mi_err *e)
{
	const char **names;
	char msg[300];
	size_t n, i;

	if (mi_reader_more_sheets(rd, &names, &n, e) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(msg, sizeof(msg), _("sheet '%.100s' has rows too and is not read: "
		    "--sheet '%.100s' reads it"), names[i], names[i]);
		if (s->reject)
			s->reject(s->cb_arg, mi_reader_path(rd), 0, msg, NULL);
		(*s->rejected)++;
	}
	free(names);
	return 0;
}

/*
 * Reads a sheet of rows about cases to its end, calling row(arg, rec, e) for
 * each (-1 from it stops). A CSV sheet's header must name the case and have
 * one of the columns of field 0, which what describes ("the result
 * (expected resolution, ...)"). 0 when read, -1 on an error.
 */
static int
read_sheet(mi_reader *rd, const mi_sheet_spec *s,
    int (*row)(void *arg, const mi_record *rec, mi_err *e), void *arg, mi_err *e)
{
	const mi_record *rec;
	long empty = 0;
	int rc, first = 1;

	mi_reader_find_header(rd, sheet_header, (void *)s);
	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		if (first && mi_reader_tabular(rd)) {
			long line = mi_reader_header_row(rd);

			if (!mi_record_has_case(rec))
				return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: no column names the case "
				    "(expected id or ref, or 案件编号, 编号, 工单编号)", mi_reader_path(rd),
				    line);
			if (!has_field(rec, s))
				return missing_col(rd, rec, line, s, e);
		}
		first = 0;
		if (sheet_empty(rec)) {
			empty++;
			continue;
		}
		if (row(arg, rec, e) < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if (s->empty)
		*s->empty += empty + mi_reader_blank_rows(rd);
	sheet_note(rd, s);
	return other_sheets(rd, s, e);
}

int
mi_record_refuse(const char *file, const mi_record *rec, const char *why, int strict,
    mi_reject_fn reject, void *arg, long *rejected, mi_err *e)
{
	(*rejected)++;
	if (strict)
		return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: %s (--strict: nothing written)", file,
		    rec->line, why);
	if (reject)
		reject(arg, file, rec->line, why, rec);
	return 0;
}

/* A positive decimal id, or 0. */
static int64_t
parse_id(const char *s)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

static const char sql_by_id[] = "SELECT id FROM cases WHERE id = ?";
/* The channels are listed so that the (channel, ref) index serves a ref alone. */
static const char sql_by_ref[] = "SELECT id, channel FROM cases WHERE channel IN "
    "('visit', 'hall', 'hotline', 'wechat', 'other') AND ref = ? ORDER BY id LIMIT 3";
static const char sql_by_chref[] = "SELECT id FROM cases WHERE channel = ? AND ref = ?";

static int
by_ref(mi_ctx *c, const char *ref, const char *channel, int64_t *id, char *why, size_t nwhy,
    mi_err *e)
{
	sqlite3_stmt *st;
	mi_buf chans = MI_BUF_INIT;
	int rc, n = 0, ch;

	if (channel) {
		if ((ch = mi_vocab_parse(MI_V_CHANNEL, channel)) < 0) {
			snprintf(why, nwhy, _("unknown channel '%.40s'"), channel);
			return 0;
		}
		if ((st = mi_stmt(c, sql_by_chref, e)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, mi_vocab_name(MI_V_CHANNEL, ch), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*id = sqlite3_column_int64(st, 0);
			return 1;
		}
		if (rc != SQLITE_DONE)
			return mi_db_fail(c->db, sql_by_chref, e);
		snprintf(why, nwhy, _("no %s case with reference '%.60s'"), mi_vocab_name(MI_V_CHANNEL, ch), ref);
		return 0;
	}
	if ((st = mi_stmt(c, sql_by_ref, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		mi_buf_printf(&chans, "%s%s", n++ ? ", " : "", sqlite3_column_text(st, 1));
	}
	if (rc != SQLITE_DONE) {
		mi_buf_release(&chans);
		return mi_db_fail(c->db, sql_by_ref, e);
	}
	if (n == 0)
		snprintf(why, nwhy, _("no case with reference '%.60s'"), ref);
	else if (n > 1)
		snprintf(why, nwhy, _("reference '%.60s' is ambiguous (channels %s): add a channel "
		    "column"), ref, mi_buf_str(&chans));
	mi_buf_release(&chans);
	return n == 1;
}

int
mi_record_case(mi_ctx *c, const mi_record *rec, int64_t *id, char *why, size_t nwhy,
    mi_err *e)
{
	char *sid = mi_record_pick(rec, id_cols), *ref = NULL, *ch = NULL;
	sqlite3_stmt *st;
	int rc = 0;

	*id = 0;
	if (sid) {
		if ((*id = parse_id(sid)) == 0)
			snprintf(why, nwhy, _("'%.40s' is not a case id"), sid);
		else if ((st = mi_stmt(c, sql_by_id, e)) == NULL)
			rc = -1;
		else {
			sqlite3_bind_int64(st, 1, *id);
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW)
				rc = 1;
			else if (rc == SQLITE_DONE) {
				snprintf(why, nwhy, "no case %lld", (long long)*id);
				rc = 0;
			} else
				rc = mi_db_fail(c->db, sql_by_id, e);
		}
	} else if ((ref = mi_record_pick(rec, ref_cols)) != NULL &&
	    *mi_trim(mi_strip_invisible(ref))) {
		ch = mi_record_pick(rec, channel_cols);
		rc = by_ref(c, ref, ch, id, why, nwhy, e);
	} else
		snprintf(why, nwhy, _("no case id or reference"));
	free(sid);
	free(ref);
	free(ch);
	return rc;
}

int
mi_sheet_time(const mi_ctx *c, const char *s, int64_t *at, char *why, size_t nwhy)
{
	*at = c->now;
	if (s && mi_time_read(s, at, why, nwhy) < 0)
		return 0;
	if (*at > c->now) {
		snprintf(why, nwhy, _("time '%.60s' is in the future"), s);
		return 0;
	}
	return 1;
}

/* ---- running a verb over a sheet, or over cases given by id ---- */

/* A sheet being run: the verb, and the name its rows are reported under. */
struct sheet_run {
	mi_ctx *c;
	const mi_sheet_spec *s;
	void *arg;
	const char *file;
};

static void
tally(const mi_sheet_spec *s, int outcome)
{
	long *n = outcome == MI_ROW_KNOWN ? s->known : outcome == MI_ROW_BLANK ? s->blank : NULL;

	if (n)
		(*n)++;
}

static int
begin(mi_ctx *c, const mi_sheet_spec *s, void *arg, const char *file, mi_err *e)
{
	if (s->start(arg, file, e) < 0 || mi_db_begin(c->db, e) < 0) {
		s->finish(arg, -1, NULL);
		return -1;
	}
	return 0;
}

/* Keeps the run when rc says so, then lets the verb hand out what was
 * done, so that nothing handed out was not kept. */
static int
end(mi_ctx *c, const mi_sheet_spec *s, void *arg, int rc, mi_err *e)
{
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
	mi_db_rollback(c->db);
	if (s->finish(arg, rc, e) < 0 && rc == 0)
		rc = -1;
	return rc;
}

static int
blank(const mi_sheet_spec *s, const mi_sheet_row *w)
{
	int i;

	for (i = 0; i < s->nblank; i++)
		if (w->v[i])
			return 0;
	return s->nblank > 0;
}

/* What a well-formed row came to: the verb's, unless it is blank or
 * cannot be used at all. */
static int
use_row(struct sheet_run *run, const mi_record *rec, mi_sheet_row *w, char *why, size_t nwhy,
    mi_err *e)
{
	const mi_sheet_spec *s = run->s;
	int i, rc;

	for (i = 0; i < MI_SHEET_FIELDS && s->fields[i]; i++)
		w->v[i] = mi_record_pick(rec, s->fields[i]);
	/* A worklist comes back with the rows nobody has done yet left blank. */
	if (blank(s, w))
		return MI_ROW_BLANK;
	if ((rc = mi_record_case(run->c, rec, &w->id, why, nwhy, e)) <= 0)
		return rc < 0 ? -1 : MI_ROW_REFUSED;
	for (i = 0; s->any && i < MI_SHEET_FIELDS && s->fields[i] && w->v[i] == NULL; i++)
		;
	if (s->any ? i == MI_SHEET_FIELDS || s->fields[i] == NULL : w->v[0] == NULL) {
		snprintf(why, nwhy, _("no %s for case %lld"), s->need, (long long)w->id);
		return MI_ROW_REFUSED;
	}
	return s->row(run->arg, w, why, nwhy, e);
}

static int
sheet_row(void *arg, const mi_record *rec, mi_err *e)
{
	struct sheet_run *run = arg;
	const mi_sheet_spec *s = run->s;
	mi_sheet_row w;
	char why[300];
	int i, rc;

	memset(&w, 0, sizeof(w));
	w.line = rec->line;
	if (rec->bad) {
		snprintf(why, sizeof(why), "%s", rec->bad);
		rc = MI_ROW_REFUSED;
	} else
		rc = use_row(run, rec, &w, why, sizeof(why), e);
	for (i = 0; i < MI_SHEET_FIELDS; i++)
		free(w.v[i]);
	if (rc != MI_ROW_REFUSED) {
		tally(s, rc);
		return rc < 0 ? -1 : 0;
	}
	return mi_record_refuse(run->file, rec, why, s->strict, s->reject, s->cb_arg, s->rejected,
	    e);
}

int
mi_sheet_import(mi_ctx *c, const char *path, const mi_sheet_spec *s, void *arg, mi_err *e)
{
	struct sheet_run run;
	mi_reader *rd;
	int rc;

	if (mi_reader_open(&rd, path, MI_FMT_AUTO, s->enc, e) < 0)
		return -1;
	mi_reader_sheet(rd, s->sheet);
	run.c = c;
	run.s = s;
	run.arg = arg;
	run.file = mi_reader_path(rd);
	if ((rc = begin(c, s, arg, run.file, e)) == 0)
		rc = end(c, s, arg, read_sheet(rd, s, sheet_row, &run, e), e);
	mi_reader_close(rd);
	return rc;
}

int
mi_sheet_ids(mi_ctx *c, const mi_idv *ids, const mi_sheet_spec *s, void *arg, mi_err *e)
{
	char why[300];
	size_t i;
	int rc = 0;

	if (begin(c, s, arg, NULL, e) < 0)
		return -1;
	for (i = 0; i < ids->n && rc == 0; i++) {
		if ((rc = s->id(arg, ids->v[i], why, sizeof(why), e)) == MI_ROW_REFUSED) {
			(*s->skipped)++;
			if (s->skip)
				s->skip(s->cb_arg, ids->v[i], why);
		} else
			tally(s, rc);
		rc = rc < 0 ? -1 : 0;
	}
	return end(c, s, arg, rc, e);
}
