/* layout.c - what a record's columns mean: input layouts, and the place a record names.
 *
 * Shared by every importer of demands (intake, reconcile): a layout of the
 * config says which columns may hold each canonical field; the one whose
 * columns a file's header fits best is used for the whole file.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/io.h"

const char *const mi_case_fields[] = {
	"ref", "channel", "received", "reporter", "phone", "address", "street",
	"community", "estate", "category", "text", "collector", "unit", NULL
};

const char *const mi_layout_fields[] = {
	"ref", "channel", "received", "reporter", "phone", "address", "street",
	"community", "estate", "category", "text", "collector", "unit", "building",
	"proposed_tier", "activity", "remarks", "platform", "team", NULL
};

/* Up to MI_LAYOUT_ALT - 1 strings of the array a into v (NULL-terminated). */
static void
strings(const cJSON *a, const char **v)
{
	const cJSON *n;
	size_t j = 0;

	cJSON_ArrayForEach(n, a)
		if (j < MI_LAYOUT_ALT - 1 && cJSON_IsString(n))
			v[j++] = n->valuestring;
}

void
mi_layouts_load(const mi_config *cfg, mi_layouts *out)
{
	const cJSON *all = mi_config_get(cfg, "layouts"), *l, *fields, *join, *req, *g;
	const char *ch;
	size_t i, k, q;

	out->n = (size_t)cJSON_GetArraySize(all);
	out->v = mi_xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	i = 0;
	cJSON_ArrayForEach(l, all) {
		mi_layout *y = &out->v[i++];

		y->name = l->string;
		ch = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l, "channel"));
		y->channel = ch && *ch ? mi_vocab_parse(MI_V_CHANNEL, ch) : -1;
		fields = cJSON_GetObjectItemCaseSensitive(l, "fields");
		join = cJSON_GetObjectItemCaseSensitive(l, "join");
		for (k = 0; k < MI_LF_N; k++) {
			strings(cJSON_GetObjectItemCaseSensitive(fields, mi_layout_fields[k]), y->cols[k]);
			strings(cJSON_GetObjectItemCaseSensitive(join, mi_layout_fields[k]), y->join[k]);
		}
		/* "tier" is the name proposed_tier had before: a config may still use it. */
		if (y->cols[MI_LF_PROPOSED][0] == NULL)
			strings(cJSON_GetObjectItemCaseSensitive(fields, "tier"), y->cols[MI_LF_PROPOSED]);
		req = cJSON_GetObjectItemCaseSensitive(l, "requires");
		q = 0;
		cJSON_ArrayForEach(g, req)
			if (q < MI_LAYOUT_REQ)
				strings(g, y->req[q++]);
	}
}

void
mi_layouts_release(mi_layouts *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const mi_layout *
mi_layout_find(const mi_layouts *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

/* Whether p (at most end) starts with the UTF-8 of one of marks; its length, or 0. */
static size_t
mark_at(const char *p, const char *end, const char *const *marks)
{
	size_t k;

	for (; *marks; marks++)
		if ((k = strlen(*marks)) <= (size_t)(end - p) && memcmp(p, *marks, k) == 0)
			return k;
	return 0;
}

/* A header's name as a loose match compares it (io.h). */
const char *
mi_colname_loose(const char *s, char *buf, size_t nbuf)
{
	static const char *const blanks[] = { " ", "\t", "\r", "\n", "\u3000", "\u00a0", NULL };
	static const char *const marks[] = { "*", "\uff0a", "\u203b", NULL };
	static const char *const ends[] = { "*", "\uff0a", "\u203b", ":", "\uff1a", NULL };
	static const char *const open[] = { "(", "\uff08", "[", "\u3010", NULL };
	static const char *const close[] = { ")", "\uff09", "]", "\u3011", NULL };
	const char *p = s, *end = s + strlen(s);
	size_t n = 0, k, i, j;
	int again;

	if ((size_t)(end - s) >= nbuf)
		return s;
	while (p < end) {
		if ((k = mark_at(p, end, blanks)) == 0)
			buf[n++] = *p++;
		else
			p += k;
	}
	buf[n] = '\0';
	do {
		again = 0;
		while ((k = mark_at(buf, buf + n, marks)) > 0 && k < n) {
			memmove(buf, buf + k, n - k + 1);
			n -= k;
		}
		for (i = 0; ends[i]; i++)
			if ((k = strlen(ends[i])) < n && memcmp(buf + n - k, ends[i], k) == 0) {
				buf[n -= k] = '\0';
				again = 1;
			}
		/* a note in brackets at the end, after a name */
		for (i = 0; close[i] && !again; i++) {
			k = strlen(close[i]);
			if (k >= n || memcmp(buf + n - k, close[i], k) != 0)
				continue;
			for (j = n - k; j-- > 0; )
				if (strncmp(buf + j, open[i], strlen(open[i])) == 0) {
					if (j > 0) {
						buf[n = j] = '\0';
						again = 1;
					}
					break;
				}
		}
	} while (again);
	return buf;
}

int
mi_colname_like(const char *col, const char *name)
{
	char a[256], b[256];

	return strcmp(col, name) == 0 ||
	    strcmp(mi_colname_loose(col, a, sizeof(a)), mi_colname_loose(name, b, sizeof(b))) == 0;
}

/* The column named name: exactly, or (loose) as mi_colname_loose reads both; -1 when none. */
static int
col_at(const char *const *cols, size_t n, const char *name, int loose)
{
	char a[256], b[256];
	size_t i;

	if (loose)
		name = mi_colname_loose(name, b, sizeof(b));
	for (i = 0; i < n; i++)
		if (strcmp(loose ? mi_colname_loose(cols[i], a, sizeof(a)) : cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* The first of names among cols, or -1: a column of that very name, else one
 * whose name differs only by blanks, marks or a note in brackets. */
static int
any_at(const char *const *cols, size_t n, const char *const *names)
{
	const char *const *v;
	int i, loose;

	for (loose = 0; loose < 2; loose++)
		for (v = names; *v; v++)
			if ((i = col_at(cols, n, *v, loose)) >= 0)
				return i;
	return -1;
}

/* The fields of y the header finds, or 0 when y does not fit it. */
static int
fits(const mi_layout *y, const char *const *cols, size_t n)
{
	int found = 0;
	size_t k;

	if (any_at(cols, n, y->cols[MI_F_TEXT]) < 0 && any_at(cols, n, y->join[MI_F_TEXT]) < 0)
		return 0;
	for (k = 0; k < MI_LAYOUT_REQ && y->req[k][0]; k++)
		if (any_at(cols, n, y->req[k]) < 0)
			return 0;
	for (k = 0; k < MI_LF_N; k++)
		if (any_at(cols, n, y->cols[k]) >= 0 || any_at(cols, n, y->join[k]) >= 0)
			found++;
	return found;
}

/* The layout that fits cols best, and in *found the fields it finds. */
static const mi_layout *
choose(const mi_layouts *l, const char *const *cols, size_t n, const char *only, int *found)
{
	const mi_layout *best = NULL;
	int f;
	size_t i;

	*found = 0;
	for (i = 0; i < l->n; i++) {
		if (only && strcmp(only, l->v[i].name) != 0)
			continue;
		/* strictly more: a tie goes to the layout listed first */
		if ((f = fits(&l->v[i], cols, n)) > *found) {
			best = &l->v[i];
			*found = f;
		}
	}
	return best;
}

const mi_layout *
mi_layout_choose(const mi_layouts *l, const char *const *cols, size_t n, const char *only)
{
	int found;

	return choose(l, cols, n, only, &found);
}

const mi_layout *
mi_layout_detect(const mi_layouts *l, const mi_record *rec, const char *only)
{
	return mi_layout_choose(l, rec->key, rec->n, only);
}

int
mi_layout_header(void *arg, const char *const *cells, size_t n)
{
	const mi_layout_pick *p = arg;
	int found;

	return choose(p->l, cells, n, p->only, &found) != NULL ? found : 0;
}

static int
in_list(const char *const *names, const char *s, int loose)
{
	char a[256], b[256];

	if (loose)
		s = mi_colname_loose(s, a, sizeof(a));
	for (; *names; names++)
		if (strcmp(loose ? mi_colname_loose(*names, b, sizeof(b)) : *names, s) == 0)
			return 1;
	return 0;
}

/* The single column of names in the header, in *at; -1 with e set when two
 * are. Columns named exactly come first: only when none is, a loose name
 * (any_at) counts. With same, a column of the very name of *at's is not a
 * second one (its caller joins them). */
static int
one_col(const char *const *cols, size_t n, const char *const *names, const char *field,
    int not, int same, int *at, const char *file, long line, mi_err *e)
{
	size_t i;
	int loose;

	*at = -1;
	for (loose = 0; loose < 2 && *at < 0; loose++)
		for (i = 0; i < n; i++) {
			if ((int)i == not || !cols[i][0] || !in_list(names, cols[i], loose))
				continue;
			if (*at >= 0 && same && strcmp(cols[i], cols[*at]) == 0)
				continue;
			if (*at >= 0 && strcmp(cols[i], cols[*at]) == 0)
				return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: columns %d and %zu are "
				    "both named '%s', and field '%s' can read only one (rename one)",
				    file, line, *at + 1, i + 1, cols[i], field);
			if (*at >= 0)
				return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: columns '%s' and '%s' "
				    "would both fill field '%s' (keep one, or say how to join them in "
				    "the layout: see minyi(5))", file, line, cols[*at], cols[i], field);
			*at = (int)i;
		}
	return 0;
}

/* Free text, whose values from columns of one name can be joined without
 * losing sense; any other field read from two such columns is ambiguous. */
static int
joinable(size_t k)
{
	return k == MI_F_TEXT || k == MI_F_ADDRESS || k == MI_LF_REMARKS;
}

/* Marks in m->rep the columns after i that repeat column i's name (field k's,
 * free text). */
static void
repeats(mi_fieldmap *m, const char *const *cols, size_t n, int i, size_t k)
{
	size_t j;

	for (j = (size_t)i + 1; j < n; j++) {
		if (strcmp(cols[j], cols[i]) != 0)
			continue;
		if (m->rep == NULL) {
			m->rep = mi_xmalloc(n * sizeof(*m->rep));
			m->nrep = n;
			memset(m->rep, 0xff, n * sizeof(*m->rep));
		}
		m->rep[j] = (int)k;
	}
}

int
mi_fieldmap_bind(mi_fieldmap *m, const mi_layout *lay, const mi_record *header, int csv,
    const char *file, long line, mi_err *e)
{
	const char *const *cols = header ? header->key : NULL;
	size_t k, n = header ? header->n : 0;
	int same;

	memset(m, 0, sizeof(*m));
	m->lay = lay;
	m->csv = csv && header != NULL;
	m->joined = mi_xcalloc(MI_LF_N, sizeof(*m->joined));
	for (k = 0; k < MI_LF_N; k++) {
		m->idx[k] = m->title[k] = -1;
		same = m->csv && joinable(k);
		if (one_col(cols, n, lay->join[k], mi_layout_fields[k], -1, 0, &m->title[k], file,
		    line, e) < 0 ||
		    one_col(cols, n, lay->cols[k], mi_layout_fields[k], m->title[k], same, &m->idx[k],
		    file, line, e) < 0)
			return -1;
		/* A free-text column whose name repeats: the repeats join its value. */
		if (same && m->idx[k] >= 0)
			repeats(m, cols, n, m->idx[k], k);
	}
	return 0;
}

void
mi_fieldmap_release(mi_fieldmap *m)
{
	size_t k;

	if (m->joined)
		for (k = 0; k < MI_LF_N; k++)
			mi_buf_release(&m->joined[k]);
	free(m->joined);
	m->joined = NULL;
	free(m->rep);
	m->rep = NULL;
	m->nrep = 0;
}

/* Column i of rec, when not empty. */
static const char *
cell(const mi_record *rec, int i)
{
	const char *v = i >= 0 && (size_t)i < rec->n ? rec->val[i] : NULL;

	return v && *v ? v : NULL;
}

/* The first of names that rec holds, not empty; a column that is also a title is not a body. */
static const char *
by_name(const mi_record *rec, const char *const *names, const char *title)
{
	const char *v;

	for (; *names; names++)
		if ((!title || strcmp(*names, title) != 0) &&
		    (v = mi_record_get(rec, *names)) != NULL && *v)
			return v;
	return NULL;
}

static int
blank(const char *s)
{
	while (s && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	return s == NULL || *s == '\0';
}

/* 1 when v is the value of a column before i that k reads: the same words
 * written twice are kept once. */
static int
said(const mi_fieldmap *m, const mi_record *rec, int k, size_t i, const char *v)
{
	size_t j;

	if (m->idx[k] >= 0 && (size_t)m->idx[k] < rec->n && strcmp(rec->val[m->idx[k]], v) == 0)
		return 1;
	for (j = 0; j < i; j++)
		if (m->rep[j] == k && strcmp(rec->val[j], v) == 0)
			return 1;
	return 0;
}

/* body, with the values of the columns that repeat its name joined to it,
 * but blank ones and those said before. */
static const char *
repeated(const mi_fieldmap *m, const mi_record *rec, int k, const char *body)
{
	mi_buf *b = &m->joined[k];
	const char *v;
	size_t i;
	int n = 0;

	for (i = 0; i < m->nrep && i < rec->n; i++) {
		if (m->rep[i] != k || blank(v = rec->val[i]) || said(m, rec, k, i, v))
			continue;
		if (blank(body)) {
			body = v;
			continue;
		}
		if (n++ == 0) {
			mi_buf_reset(b);
			mi_buf_puts(b, body);
		}
		mi_buf_printf(b, "；%s", v);
		body = mi_buf_str(b);
	}
	return body;
}

const char *
mi_field(const mi_fieldmap *m, const mi_record *rec, int k)
{
	const char *body, *title = NULL, *tname = NULL;
	const char *const *t;
	mi_buf *b;

	if (m->csv) {
		body = cell(rec, m->idx[k]);
		title = cell(rec, m->title[k]);
		if (m->rep)
			body = repeated(m, rec, k, body);
	} else {
		for (t = m->lay->join[k]; *t && !title; t++)
			if ((title = mi_record_get(rec, *t)) != NULL && !*title)
				title = NULL;
			else if (title)
				tname = *t;
		body = by_name(rec, m->lay->cols[k], tname);
	}
	if (blank(title))
		return body;
	if (blank(body))
		return title;
	b = &m->joined[k];
	if (body == mi_buf_str(b)) {
		/* the repeats were joined in b */
		char *copy = mi_xstrdup(body);

		mi_buf_reset(b);
		mi_buf_printf(b, "%s：%s", title, copy);
		free(copy);
		return mi_buf_str(b);
	}
	mi_buf_reset(b);
	mi_buf_printf(b, "%s：%s", title, body);
	return mi_buf_str(b);
}

int
mi_fieldmap_uses(const mi_fieldmap *m, size_t i)
{
	size_t k;

	if (i < m->nrep && m->rep[i] >= 0)
		return 1;
	for (k = 0; k < MI_LF_N; k++)
		if (m->idx[k] == (int)i || m->title[k] == (int)i)
			return 1;
	return 0;
}

/* How alike two names are: twice the code points they share over their
 * lengths (0 to 1000). */
static int
likeness(const char *a, const char *b)
{
	int32_t ca[64], cb[64];
	size_t na = 0, nb = 0, i, j;
	const char *p, *end;
	int common = 0;
	unsigned char used[64] = { 0 };

	for (p = a, end = a + strlen(a); p < end && na < 64; )
		ca[na++] = mi_utf8_next(&p, end);
	for (p = b, end = b + strlen(b); p < end && nb < 64; )
		cb[nb++] = mi_utf8_next(&p, end);
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (!used[j] && ca[i] == cb[j] && ca[i] > ' ') {
				used[j] = 1;
				common++;
				break;
			}
	return na + nb ? (int)(2000 * common / (na + nb)) : 0;
}

void
mi_columns_closest(const char *const *want, const char *const *cols, size_t n, mi_buf *out)
{
	int score[3] = { 0, 0, 0 }, at[3] = { -1, -1, -1 }, s, best;
	const char *const *w;
	size_t i, j, shown = 0;

	for (i = 0; i < n; i++) {
		if (!cols[i][0])
			continue;
		best = 0;
		for (w = want; *w; w++)
			if ((s = likeness(cols[i], *w)) > best)
				best = s;
		if (best < 400)
			continue;
		for (j = 0; j < 3; j++)
			if (best > score[j]) {
				memmove(score + j + 1, score + j, (2 - j) * sizeof(*score));
				memmove(at + j + 1, at + j, (2 - j) * sizeof(*at));
				score[j] = best;
				at[j] = (int)i;
				break;
			}
	}
	if (at[0] >= 0)
		mi_buf_puts(out, _("closest: "));
	else
		mi_buf_puts(out, _("the file's columns: "));
	for (i = 0; i < 3 && at[i] >= 0; i++)
		mi_buf_printf(out, "%s'%s'", i ? ", " : "", cols[at[i]]);
	for (i = 0; at[0] < 0 && i < n; i++)
		if (cols[i][0])
			mi_buf_printf(out, "%s'%s'", shown++ ? ", " : "", cols[i]);
	if (at[0] < 0 && shown == 0)
		mi_buf_puts(out, _("none named"));
}

void
mi_columns_ignored(const mi_fieldmap *m, const char *const *cols, size_t n,
    const unsigned char *data, mi_buf *out)
{
	size_t i, shown = 0;

	for (i = 0; i < n; i++) {
		if (mi_fieldmap_uses(m, i) || (!cols[i][0] && !(data && data[i])))
			continue;
		mi_buf_puts(out, shown++ ? ", " : _("ignored columns: "));
		if (cols[i][0])
			mi_buf_puts(out, cols[i]);
		else
			mi_buf_printf(out, _("column %zu (no name)"), i + 1);
	}
}

/* Total labels, ASCII ones compared without case. */
static const char *const totals[] = { "合计", "总计", "小计", "共计", "总数", "累计", "total",
	"subtotal", "sum", NULL };

int
mi_cell_filler(const char *s, int *label)
{
	const char *p = s, *end = s + strlen(s);
	const char *const *t;
	int32_t c;
	size_t n;
	int count = 0;

	*label = 0;
	while (p < end) {
		for (t = totals; *t; t++) {
			n = strlen(*t);
			if ((size_t)(end - p) >= n && strncasecmp(p, *t, n) == 0)
				break;
		}
		if (*t) {
			*label = 1;
			p += n;
			continue;
		}
		c = mi_utf8_next(&p, end);
		if (c < 0)
			return 0;
		/* ASCII other than letters; no-break and ideographic space; the
		 * CJK and full-width punctuation; full-width digits; box drawing;
		 * and the measure words of a count (件, 条, 个, 项, 次, 户, 人). */
		if (c >= '0' && c <= '9')
			count = 1;
		if ((c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) || c == 0xa0 ||
		    (c >= 0x2000 && c <= 0x206f) || (c >= 0x2500 && c <= 0x257f) ||
		    (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff20) ||
		    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65))
			continue;
		if ((*label || count) && (c == 0x4ef6 || c == 0x6761 || c == 0x4e2a || c == 0x9879 ||
		    c == 0x6b21 || c == 0x6237 || c == 0x4eba))
			continue;
		return 0;
	}
	return 1;
}

/* 1 when every value of rec is filler; *labels tells whether one is a total's label. */
static int
filler(const mi_record *rec, int *labels)
{
	size_t i;
	int label;

	*labels = 0;
	for (i = 0; i < rec->n; i++) {
		if (!mi_cell_filler(rec->val[i], &label))
			return 0;
		*labels |= label;
	}
	return 1;
}

int
mi_record_filler(const mi_record *rec)
{
	int labels;

	return filler(rec, &labels);
}

void
mi_dsheet_start(mi_dsheet *ds, mi_reader *rd, const mi_layouts *l, const char *only)
{
	memset(ds, 0, sizeof(*ds));
	ds->l = l;
	ds->pick.l = l;
	ds->pick.only = only;
	ds->file = mi_reader_path(rd);
	mi_reader_find_header(rd, mi_layout_header, &ds->pick);
	mi_reader_names_may_repeat(rd);
}

/* Refuses the file for a column it lacks, naming those that come closest to want. */
static int
missing(const mi_dsheet *ds, const char *const *cols, size_t n, long line, const char *what,
    const char *const *want, mi_err *e)
{
	mi_buf b = MI_BUF_INIT;

	mi_columns_closest(want, cols, n, &b);
	mi_err_set(e, MI_EX_DATAERR, "%s:%ld: %s (%s; see layouts in minyi(5))", ds->file, line,
	    what, mi_buf_str(&b));
	mi_buf_release(&b);
	return -1;
}

int
mi_dsheet_bind(mi_dsheet *ds, mi_reader *rd, const mi_record *rec, int need_time, mi_err *e)
{
	int fmt = mi_reader_format(rd), csv = fmt != MI_FMT_JSON && fmt != MI_FMT_NDJSON;
	long line = csv ? mi_reader_header_row(rd) : rec->line;
	const char *const *cols;
	mi_record hdr = *rec;
	const mi_layout *y;
	size_t n, i, j, k = 0;

	if (csv && (cols = mi_reader_columns(rd, &n)) != NULL) {
		hdr.key = (const char **)cols;
		hdr.n = n;
	}
	ds->use = mi_layout_detect(ds->l, &hdr, ds->pick.only);
	if (ds->use == NULL && ds->pick.only && (y = mi_layout_find(ds->l, ds->pick.only)) &&
	    (any_at(hdr.key, hdr.n, y->cols[MI_F_TEXT]) >= 0 ||
	    any_at(hdr.key, hdr.n, y->join[MI_F_TEXT]) >= 0)) {
		/* the text is there: a required group is not */
		for (k = 0; k < MI_LAYOUT_REQ && y->req[k][0]; k++)
			if (any_at(hdr.key, hdr.n, y->req[k]) < 0)
				break;
		{
			mi_buf w = MI_BUF_INIT;

			mi_buf_printf(&w, _("layout '%s' requires a column"), y->name);
			for (j = 0; j < MI_LAYOUT_ALT && y->req[k][j]; j++)
				mi_buf_printf(&w, "%s'%s'", j ? ", " : " (", y->req[k][j]);
			mi_buf_puts(&w, ")");
			missing(ds, hdr.key, hdr.n, line, mi_buf_str(&w), y->req[k], e);
			mi_buf_release(&w);
			return -1;
		}
	}
	if (ds->use == NULL) {
		/* the text columns of every layout that may read the file */
		const char **all = mi_xcalloc(ds->l->n * MI_LAYOUT_ALT + 1, sizeof(*all));

		for (i = 0; i < ds->l->n; i++)
			if (!ds->pick.only || strcmp(ds->pick.only, ds->l->v[i].name) == 0)
				for (j = 0; ds->l->v[i].cols[MI_F_TEXT][j]; j++)
					all[k++] = ds->l->v[i].cols[MI_F_TEXT][j];
		missing(ds, hdr.key, hdr.n, line, _("no known layout: no column holds the demand "
		    "text"), all, e);
		free(all);
		return -1;
	}
	if (mi_fieldmap_bind(&ds->map, ds->use, &hdr, csv, ds->file, line, e) < 0)
		return -1;
	if (need_time && csv && ds->map.idx[MI_F_RECEIVED] < 0 && ds->map.title[MI_F_RECEIVED] < 0)
		return missing(ds, hdr.key, hdr.n, line, _("no column holds the received time"),
		    ds->use->cols[MI_F_RECEIVED], e);
	ds->ndata = csv ? hdr.n : 0;
	ds->data = mi_xcalloc(ds->ndata + 1, 1);
	return 0;
}

int
mi_dsheet_skip(mi_dsheet *ds, const mi_record *rec)
{
	size_t i;
	int label;

	for (i = 0; i < rec->n && i < ds->ndata; i++)
		if (!rec->key[i][0] && !ds->data[i] && !blank(rec->val[i]))
			ds->data[i] = 1;
	/* A count under the text column ("2件") is no demand text; a total's line
	 * may put its count under the time or the phone too ("合计 | 3件"). */
	if (rec->bad != NULL || !filler(rec, &label))
		return 0;
	return label || (!mi_field(&ds->map, rec, MI_F_RECEIVED) &&
	    !mi_field(&ds->map, rec, MI_F_PHONE));
}

void
mi_dsheet_report(const mi_dsheet *ds, mi_reader *rd, mi_buf *out)
{
	const char *const *cols;
	long row = mi_reader_header_row(rd);
	size_t n, at;

	mi_buf_printf(out, _("layout %s"), ds->use ? ds->use->name : "(none)");
	if (mi_reader_header_rows(rd) == 2)
		mi_buf_printf(out, _(" (rows %ld and %ld are the header)"), row, row + 1);
	else if (row > 1)
		mi_buf_printf(out, _(" (row %ld is the header)"), row);
	if (ds->use && (cols = mi_reader_columns(rd, &n)) != NULL) {
		at = out->len;
		mi_buf_puts(out, "; ");
		mi_columns_ignored(&ds->map, cols, n, ds->data, out);
		if (out->len == at + 2) {
			out->len = at;
			out->s[at] = '\0';
		}
	}
}

void
mi_dsheet_release(mi_dsheet *ds)
{
	mi_fieldmap_release(&ds->map);
	free(ds->data);
	ds->data = NULL;
}

void
mi_locate(const mi_gazetteer *g, const char *street, const char *community, const char *estate,
    const char *address, mi_loc *l)
{
	int64_t id, other;

	l->street = l->community = l->estate = 0;
	l->why[0] = '\0';
	if (street && (id = mi_gaz_find(g, MI_U_STREET, street, 0)) > 0)
		l->street = id;
	else if (street)
		snprintf(l->why, sizeof(l->why), "unknown street '%s'", street);
	if (community && (id = mi_gaz_find(g, MI_U_COMMUNITY, community, l->street)) > 0)
		l->community = id;
	else if (community && !l->why[0] && l->street && id == 0 &&
	    (other = mi_gaz_find(g, MI_U_COMMUNITY, community, 0)) != 0)
		/* A community of another street (or of several others): which of
		 * the two is wrong is not for intake to guess, so neither is taken
		 * past the street. */
		snprintf(l->why, sizeof(l->why), "community '%s' is not in street '%s'",
		    other > 0 ? mi_gaz_name(g, other) : community, mi_gaz_name(g, l->street));
	else if (community && !l->why[0])
		snprintf(l->why, sizeof(l->why), "%s community '%s'",
		    id < 0 ? "ambiguous" : "unknown", community);
	if (estate && (id = mi_gaz_find(g, MI_U_ESTATE, estate,
	    l->community ? l->community : l->street)) > 0)
		l->estate = id;
	if (address && (!l->street || !l->community || !l->estate))
		mi_gaz_scan(g, address, &l->street, &l->community, &l->estate);
	/* What contains a place found is known: fill it in, and drop a place
	 * that contradicts the one above it rather than pick one. */
	if (l->estate) {
		id = mi_gaz_parent(g, l->estate);
		if (l->community && l->community != id)
			l->estate = 0;
		else
			l->community = id;
	}
	/* Every community found lies in the street found (each lookup above is
	 * made within it), so the community's street is the case's. */
	if (l->community)
		l->street = mi_gaz_parent(g, l->community);
	/* An address may hold a name or a phone, and the reason goes to stderr
	 * and into the intake event: it names only the place found in it. */
	if (!l->community && !l->why[0] && address && l->street)
		snprintf(l->why, sizeof(l->why), "no community found in the address (street '%s')",
		    mi_gaz_name(g, l->street));
	else if (!l->community && !l->why[0] && address)
		snprintf(l->why, sizeof(l->why), "no community found in the address");
	else if (!l->community && !l->why[0] && (estate || street))
		snprintf(l->why, sizeof(l->why), "no community found in '%s'",
		    estate ? estate : street);
	else if (!l->community && !l->why[0])
		snprintf(l->why, sizeof(l->why), "no location given");
}
