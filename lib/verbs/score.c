/*
 * score.c - the monthly assessment and rankings of the three lines.
 *
 * One scan reads the cases received in the whole span asked for (a month,
 * a month and the one before it for a bulletin, or a year) and adds each
 * case to the units and the person it counts for, in the month it was
 * received; call-backs come with the case from their index. Deductions and
 * meetings are two small queries more. Every month is then scored on its
 * own, and a year is the sum of its monthly scores, so a year-end total is
 * made of exactly the scores the monthly bulletins printed.
 *
 * Scores are kept in hundredths (an integer), so ties are exact and a sum
 * of monthly scores is the sum of the figures printed.
 *
 * This file computes the figures and writes the report; bulletin.c
 * typesets the bulletin from the same figures (score.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/score.h"

/* ---- the settings (config key "score") ---- */

static const char *const rate_key[R_N] = { "closure", "first_time", "on_time", "satisfaction" };

static void
settings_load(const mi_config *cfg, struct settings *s)
{
	const cJSON *list = mi_config_get(cfg, "score.grades"), *g, *ch;
	char key[64];
	int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < R_N; i++) {
		snprintf(key, sizeof(key), "score.rates.%s.points", rate_key[i]);
		s->rate[i].points = mi_config_num(cfg, key, 0);
		snprintf(key, sizeof(key), "score.rates.%s.target", rate_key[i]);
		s->rate[i].target = mi_config_num(cfg, key, 1);
		snprintf(key, sizeof(key), "score.rates.%s.per_point", rate_key[i]);
		s->rate[i].per_point = mi_config_num(cfg, key, 1);
	}
	s->missed_points = mi_config_num(cfg, "reconcile.points", 1);
	s->multiplier = mi_config_num(cfg, "reconcile.multiplier", 2);
	s->red_points = mi_config_num(cfg, "score.red_points", 0);
	s->min_cases = (long)mi_config_num(cfg, "score.min_cases", 3);
	s->cutoff_days = mi_config_int(cfg, "score.cutoff_days", 5);
	cJSON_ArrayForEach(ch, mi_config_get(cfg, "score.collected_channels"))
		if (cJSON_IsString(ch) && mi_vocab_parse(MI_V_CHANNEL, ch->valuestring) >= 0)
			s->collected |= 1u << mi_vocab_parse(MI_V_CHANNEL, ch->valuestring);
	cJSON_ArrayForEach(g, list) {
		if (s->ngrades == MI_ARRAY_LEN(s->grade))
			break;
		s->grade[s->ngrades].name = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(g, "name"));
		s->grade[s->ngrades].min = cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(g, "min"));
		if (s->grade[s->ngrades].name)
			s->ngrades++;
	}
	s->below = mi_config_str(cfg, "score.grade_below", "");
	s->by_mean = strcmp(mi_config_str(cfg, "score.year_rank", "sum"), "mean") == 0;
}

/* ---- an id -> index map (open addressing; 0 is never a key) ---- */

static size_t
slot(const struct idmap *m, int64_t k)
{
	uint64_t h = (uint64_t)k;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h & (m->cap - 1);
}

static size_t
idmap_get(const struct idmap *m, int64_t k)
{
	size_t i;

	if (m->cap == 0 || k == 0)
		return (size_t)-1;
	for (i = slot(m, k); m->key[i] != 0; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == k)
			return m->val[i];
	return (size_t)-1;
}

static void
idmap_put(struct idmap *m, int64_t k, size_t v)
{
	size_t i, oldcap = m->cap;
	int64_t *ok = m->key;
	size_t *ov = m->val;

	if (2 * (m->n + 1) > m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->key = mi_xcalloc(m->cap, sizeof(*m->key));
		m->val = mi_xcalloc(m->cap, sizeof(*m->val));
		m->n = 0;
		for (i = 0; i < oldcap; i++)
			if (ok[i] != 0)
				idmap_put(m, ok[i], ov[i]);
		free(ok);
		free(ov);
	}
	for (i = slot(m, k); m->key[i] != 0 && m->key[i] != k; i = (i + 1) & (m->cap - 1))
		;
	if (m->key[i] == 0)
		m->n++;
	m->key[i] = k;
	m->val[i] = v;
}

static void
idmap_release(struct idmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

/* ---- the model: units, people, months, and what each one did ---- */

static const struct unit *
unit_of(const struct model *m, int64_t id)
{
	size_t i = idmap_get(&m->umap, id);

	return i == (size_t)-1 ? NULL : &m->u[i];
}

static int
kind_of(const struct model *m, int64_t id)
{
	const struct unit *u = unit_of(m, id);

	return u ? u->kind : -1;
}

/* The line a unit is assessed in, by its kind; -1 for none. */
static int
line_of_kind(int kind)
{
	switch (kind) {
	case MI_U_COMMUNITY:
	case MI_U_ESTATE:
		return MI_LINE_COMMUNITY;
	case MI_U_PAIRING:
		return MI_LINE_PAIRING;
	case MI_U_DEPARTMENT:
		return MI_LINE_DEPARTMENT;
	default:
		return -1;
	}
}

/*
 * A street-level unit is urban (a 街道) or rural (a 镇, a 乡) by its name's
 * ending, else by its statistical code (the three digits after the county's
 * six: 001-099 a 街道, 100-399 a 镇 or 乡); a development zone is neither.
 */
static int
area_of(const char *code, const char *name)
{
	size_t n = strlen(name), i;
	int k;

	if (n >= 6 && strcmp(name + n - 6, "街道") == 0)
		return AREA_URBAN;
	if (n >= 3 && (strcmp(name + n - 3, "镇") == 0 || strcmp(name + n - 3, "乡") == 0))
		return AREA_RURAL;
	if (strlen(code) != 9)
		return AREA_NONE;
	for (i = 0; i < 9; i++)
		if (code[i] < '0' || code[i] > '9')
			return AREA_NONE;
	k = atoi(code + 6);
	return k >= 1 && k < 100 ? AREA_URBAN : k >= 100 && k < 400 ? AREA_RURAL : AREA_NONE;
}

static int
load_units(struct model *m, mi_err *e)
{
	static const char sql[] = "SELECT id, code, name, kind, parent_id FROM units ORDER BY id";
	sqlite3_stmt *st = mi_stmt(m->c, sql, e);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->nu == cap) {
			cap = cap ? cap * 2 : 64;
			m->u = mi_xrealloc(m->u, cap * sizeof(*m->u));
		}
		m->u[m->nu].id = sqlite3_column_int64(st, 0);
		m->u[m->nu].code = mi_xstrdup((const char *)sqlite3_column_text(st, 1));
		m->u[m->nu].name = mi_xstrdup((const char *)sqlite3_column_text(st, 2));
		m->u[m->nu].kind = mi_vocab_parse(MI_V_KIND, (const char *)sqlite3_column_text(st, 3));
		m->u[m->nu].parent = sqlite3_column_int64(st, 4);
		m->u[m->nu].area = m->u[m->nu].kind == MI_U_STREET ?
		    area_of(m->u[m->nu].code, m->u[m->nu].name) : AREA_NONE;
		m->nu++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	for (cap = 0; cap < m->nu; cap++)
		idmap_put(&m->umap, m->u[cap].id, cap);
	m->place = mi_xcalloc(m->nu * m->nb + 1, sizeof(*m->place));
	return 0;
}

long
mi_score_street(const struct model *m, int64_t unit)
{
	size_t i = idmap_get(&m->umap, unit);
	int up;

	/* an estate is two steps below its street */
	for (up = 0; up < 3 && i != (size_t)-1; up++) {
		if (m->u[i].kind == MI_U_STREET)
			return (long)i;
		i = idmap_get(&m->umap, m->u[i].parent);
	}
	return -1;
}

/* The place figures of unit id in bucket b, or NULL when it is not known. */
static struct figs *
place_of(const struct model *m, int64_t id, int b)
{
	size_t i = idmap_get(&m->umap, id);

	return i == (size_t)-1 ? NULL : &m->place[i * m->nb + (size_t)b];
}

/* A covering cadre belongs to a street and is assessed with the estates he
 * covers, so a street's people are in the community line. */
static int
person_line(const struct unit *u)
{
	if (u == NULL)
		return -1;
	if (u->kind == MI_U_STREET)
		return MI_LINE_COMMUNITY;
	return line_of_kind(u->kind);
}

static int
load_people(struct model *m, mi_err *e)
{
	static const char sql[] = "SELECT id, name, role, unit_id FROM people ORDER BY id";
	sqlite3_stmt *st = mi_stmt(m->c, sql, e);
	struct person *p;
	size_t cap = 0, i;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->np == cap) {
			cap = cap ? cap * 2 : 64;
			m->p = mi_xrealloc(m->p, cap * sizeof(*m->p));
		}
		p = &m->p[m->np++];
		p->id = sqlite3_column_int64(st, 0);
		p->name = mi_xstrdup((const char *)sqlite3_column_text(st, 1));
		p->role = mi_xstrdup((const char *)sqlite3_column_text(st, 2));
		p->unit = unit_of(m, sqlite3_column_int64(st, 3));
		p->line = person_line(p->unit);
		/* Only the roles the county assesses are ranked (score.assessed_roles). */
		if (!mi_config_has(m->c->cfg, "score.assessed_roles", p->role))
			p->line = -1;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	for (i = 0; i < m->np; i++)
		idmap_put(&m->pmap, m->p[i].id, i);
	return 0;
}

/* The entity of a unit in a line, or of a person (line < 0); NULL when the
 * unit or person is not known or not assessed. */
static struct entity *
entity(struct model *m, int line, int64_t id)
{
	int64_t key = line >= 0 ? id * 4 + line : id * 4 + 3;
	size_t i = idmap_get(&m->emap, key), k;
	struct entity *x;

	if (i != (size_t)-1)
		return &m->ent[i];
	if (id <= 0)
		return NULL;
	if (m->nent == m->capent) {
		m->capent = m->capent ? m->capent * 2 : 64;
		m->ent = mi_xrealloc(m->ent, m->capent * sizeof(*m->ent));
	}
	x = &m->ent[m->nent];
	memset(x, 0, sizeof(*x));
	if (line >= 0) {
		x->unit = unit_of(m, id);
		x->line = line;
		if (x->unit == NULL)
			return NULL;
	} else {
		k = idmap_get(&m->pmap, id);
		if (k == (size_t)-1 || m->p[k].line < 0)
			return NULL;
		x->person = &m->p[k];
		x->line = x->person->line;
	}
	x->f = mi_xcalloc(m->nb, sizeof(*x->f));
	idmap_put(&m->emap, key, m->nent);
	return &m->ent[m->nent++];
}

/* The bucket holding t, or -1. */
static int
bucket_of(const struct model *m, int64_t t)
{
	size_t lo = 0, hi = m->nb, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (t < m->b[mid].start)
			hi = mid;
		else if (t >= m->b[mid].end)
			lo = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

/* The statement sql with its two times bound to the span of the buckets: from the
 * first's start to the last's end. */
static sqlite3_stmt *
span_stmt(const struct model *m, const char *sql, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(m->c, sql, e);

	if (st != NULL) {
		sqlite3_bind_int64(st, 1, m->b[0].start);
		sqlite3_bind_int64(st, 2, m->b[m->nb - 1].end);
	}
	return st;
}

/* ---- which units a case counts for ---- */

struct who {
	int64_t unit[MI_LINE_N];   /* 0: none in that line */
	int64_t person;
};

/*
 * Lines 1 and 2 judge what a unit collected: the collecting unit (or, when
 * none was recorded, the case's community), for the channels that count as
 * collecting. Line 3 judges a department on what it was made responsible
 * for: the first handler (首办负责制), or the unit responsible now when the
 * first was not a department (a case triaged by the centre, or escalated).
 */
static void
who_of(const struct model *m, const char *channel, int64_t unit, int64_t community,
    int64_t first, int64_t resp, int64_t collector, struct who *w)
{
	int ch = mi_vocab_parse(MI_V_CHANNEL, channel), k;

	memset(w, 0, sizeof(*w));
	if (ch >= 0 && (m->s.collected & (1u << ch))) {
		k = kind_of(m, unit);
		if (unit == 0 && line_of_kind(kind_of(m, community)) == MI_LINE_COMMUNITY)
			w->unit[MI_LINE_COMMUNITY] = community;
		else if (line_of_kind(k) == MI_LINE_COMMUNITY)
			w->unit[MI_LINE_COMMUNITY] = unit;
		else if (k == MI_U_PAIRING)
			w->unit[MI_LINE_PAIRING] = unit;
		w->person = collector;
	}
	if (kind_of(m, first) == MI_U_DEPARTMENT)
		w->unit[MI_LINE_DEPARTMENT] = first;
	else if (kind_of(m, resp) == MI_U_DEPARTMENT)
		w->unit[MI_LINE_DEPARTMENT] = resp;
}

/* ---- the scan of the cases ---- */

enum {
	C_RECEIVED, C_CHANNEL, C_UNIT, C_COMMUNITY, C_FIRST, C_RESP, C_COLLECTOR, C_STATUS,
	C_RESOLVED, C_CLOSED, C_DUE, C_COLOUR, C_REOPENS, C_CALLBACKS, C_STREET, C_ESTATE,
	C_REOPENED, C_FIRST_RESOLVED, C_SIGN_DUE, C_SIGNED, C_EXTENSIONS
};

static const char sql_scan[] =
    "SELECT c.received, c.channel, c.unit_id, c.community_id, c.first_id, c.resp_id, "
    "c.collector_id, c.status, coalesce(c.resolved, c.closed), c.closed, c.due, c.colour, "
    "c.reopens, (SELECT group_concat(b.at || ' ' || b.outcome) FROM callbacks b "
    "WHERE b.case_id = c.id), c.street_id, c.estate_id, "
    /* when it was first reopened: by its event, or (a ledger written
     * without events) by the dissatisfied call-back that reopened it */
    "CASE WHEN c.reopens > 0 THEN coalesce((SELECT min(e.at) FROM events e "
    "WHERE e.case_id = c.id AND e.kind = 'reopen'), (SELECT min(b.at) FROM callbacks b "
    "WHERE b.case_id = c.id AND b.outcome = 'dissatisfied'), 0) END, "
    /* and when it was first resolved: a reopening clears the time */
    "CASE WHEN c.reopens > 0 THEN (SELECT min(e.at) FROM events e "
    "WHERE e.case_id = c.id AND e.kind = 'resolve') END, "
    "c.sign_due, c.signed, c.extensions "
    "FROM cases c WHERE c.received >= ? AND c.received < ? AND c.status <> 'void'";

static int
has(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) != SQLITE_NULL;
}

/* The call-backs made before the cutoff: answered, satisfied; 1 when one
 * reached the resident. */
static int
add_callbacks(const char *list, int64_t cutoff, struct figs *f)
{
	const char *p = list;
	char *end;
	long long at;
	int reached = 0;

	while (p && *p) {
		at = strtoll(p, &end, 10);
		p = end + (*end == ' ');
		if (at < cutoff && strncmp(p, "unreachable", 11) != 0) {
			reached = 1;
			f->answered++;
			if (strncmp(p, "satisfied", 9) == 0 || strncmp(p, "basic", 5) == 0)
				f->satisfied++;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return reached;
}

/*
 * The case's figures as of the cutoff of its month. A reopening counts when
 * it happened before the cutoff, and then the case counts as resolved too:
 * it was, before it was reopened; so does a case first resolved before the
 * cutoff and reopened after it. Deadlines judge the resolution standing
 * now (done).
 */
static void
case_figs(sqlite3_stmt *st, int64_t cutoff, struct figs *f)
{
	const char *status = (const char *)sqlite3_column_text(st, C_STATUS);
	const char *colour = (const char *)sqlite3_column_text(st, C_COLOUR);
	int64_t resolved = sqlite3_column_int64(st, C_RESOLVED);
	int64_t due = sqlite3_column_int64(st, C_DUE);
	int is_closed = strcmp(status, "closed") == 0, done;

	memset(f, 0, sizeof(*f));
	f->counted = 1;
	done = (is_closed || strcmp(status, "resolved") == 0) && has(st, C_RESOLVED) &&
	    resolved < cutoff;
	f->closed = is_closed && has(st, C_CLOSED) && sqlite3_column_int64(st, C_CLOSED) < cutoff;
	f->reopened = has(st, C_REOPENED) && sqlite3_column_int64(st, C_REOPENED) < cutoff;
	f->resolved = done || f->reopened || (has(st, C_FIRST_RESOLVED) &&
	    sqlite3_column_int64(st, C_FIRST_RESOLVED) < cutoff);
	f->first = f->closed && sqlite3_column_int64(st, C_REOPENS) == 0;
	if (has(st, C_DUE)) {
		f->due = done || due < cutoff;
		f->on_time = done && resolved <= due;
		f->overdue = !done && due < cutoff;
	}
	f->red = colour && strcmp(colour, "red") == 0;
	f->called = add_callbacks((const char *)sqlite3_column_text(st, C_CALLBACKS), cutoff, f) &&
	    f->resolved;
	/* A case waits for its unit's signature from routing to its sign limit:
	 * it counts once signed, or once the limit passed unsigned. */
	if (has(st, C_SIGN_DUE)) {
		int64_t sign_due = sqlite3_column_int64(st, C_SIGN_DUE);
		int64_t signed_at = sqlite3_column_int64(st, C_SIGNED);

		f->signed_ = has(st, C_SIGNED) && signed_at < cutoff;
		f->to_sign = f->signed_ || sign_due < cutoff;
		f->signed_on_time = f->signed_ && signed_at <= sign_due;
	}
	f->extensions = sqlite3_column_int(st, C_EXTENSIONS);
}

void
mi_score_figs_add(struct figs *a, const struct figs *b)
{
	a->counted += b->counted;
	a->resolved += b->resolved;
	a->closed += b->closed;
	a->first += b->first;
	a->reopened += b->reopened;
	a->due += b->due;
	a->on_time += b->on_time;
	a->overdue += b->overdue;
	a->red += b->red;
	a->answered += b->answered;
	a->satisfied += b->satisfied;
	a->called += b->called;
	a->meetings += b->meetings;
	a->local += b->local;
	a->hotline += b->hotline;
	a->missed += b->missed;
	a->missed_h += b->missed_h;
	a->to_sign += b->to_sign;
	a->signed_ += b->signed_;
	a->signed_on_time += b->signed_on_time;
	a->extensions += b->extensions;
	a->returned += b->returned;
}

static int64_t
col_id(sqlite3_stmt *st, int col)
{
	return has(st, col) ? sqlite3_column_int64(st, col) : 0;
}

/* Adds a case to the places it is in: its street (every figure), its
 * community and estate and the county (whether the teams collected it). */
static void
add_place(struct model *m, sqlite3_stmt *st, int b, const struct figs *f)
{
	int local = strcmp((const char *)sqlite3_column_text(st, C_CHANNEL), "hotline") != 0;
	int64_t street = col_id(st, C_STREET), comm = col_id(st, C_COMMUNITY);
	int64_t estate = col_id(st, C_ESTATE);
	struct figs *p;
	long s;

	if ((s = mi_score_street(m, street)) < 0 && (s = mi_score_street(m, comm)) < 0)
		s = mi_score_street(m, estate);
	if (s >= 0) {
		p = &m->place[(size_t)s * m->nb + (size_t)b];
		mi_score_figs_add(p, f);
		p->local += local;
	}
	if (comm && (p = place_of(m, comm, b)) != NULL)
		p->local += local;
	if (estate && (p = place_of(m, estate, b)) != NULL)
		p->local += local;
	m->county[b].local += local;
}

static int
scan_cases(struct model *m, mi_err *e)
{
	sqlite3_stmt *st = span_stmt(m, sql_scan, e);
	struct entity *x;
	struct figs f;
	struct who w;
	int rc, b, l;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((b = bucket_of(m, sqlite3_column_int64(st, C_RECEIVED))) < 0)
			continue;
		case_figs(st, m->b[b].cutoff, &f);
		mi_score_figs_add(&m->county[b], &f);
		add_place(m, st, b, &f);
		who_of(m, (const char *)sqlite3_column_text(st, C_CHANNEL), col_id(st, C_UNIT),
		    col_id(st, C_COMMUNITY), col_id(st, C_FIRST), col_id(st, C_RESP),
		    col_id(st, C_COLLECTOR), &w);
		for (l = 0; l < MI_LINE_N; l++)
			if (w.unit[l] && (x = entity(m, l, w.unit[l])) != NULL)
				mi_score_figs_add(&x->f[b], &f);
		if (w.person && (x = entity(m, -1, w.person)) != NULL)
			mi_score_figs_add(&x->f[b], &f);
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql_scan, e);
	return 0;
}

/* ---- deductions and meetings ---- */

/*
 * A deduction is booked to a month, so it counts in the bucket where its
 * month starts (for a --from/--to span: when the month starts inside it).
 */
static int
scan_deductions(struct model *m, mi_err *e)
{
	static const char sql[] = "SELECT month, unit_id, person_id, points FROM deductions "
	    "WHERE month >= ? AND month <= ?";
	sqlite3_stmt *st = mi_stmt(m->c, sql, e);
	struct entity *x;
	char lo[16], hi[16];
	int64_t s, end;
	long long pts;
	int rc, b, line;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, mi_month_format(m->b[0].start, lo, sizeof(lo)), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, mi_month_format(m->b[m->nb - 1].end - 1, hi, sizeof(hi)), -1,
	    SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (mi_month_parse((const char *)sqlite3_column_text(st, 0), &s, &end) < 0 ||
		    (b = bucket_of(m, s)) < 0)
			continue;
		/* a miss costs what reconcile booked with it, at the price then in force */
		pts = llround(sqlite3_column_double(st, 3) * 100.0);
		m->county[b].missed++;
		m->county[b].missed_h += pts;
		line = line_of_kind(kind_of(m, col_id(st, 1)));
		if (line >= 0 && (x = entity(m, line, col_id(st, 1))) != NULL) {
			x->f[b].missed++;
			x->f[b].missed_h += pts;
		}
		if (has(st, 2) && (x = entity(m, -1, col_id(st, 2))) != NULL) {
			x->f[b].missed++;
			x->f[b].missed_h += pts;
		}
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	return 0;
}

/*
 * The hotline records received in the period, outside the county's left
 * out: each counts in the county, its street, its community and its estate
 * (the places the export named, as reconcile read them).
 */
static int
scan_hotline(struct model *m, mi_err *e)
{
	static const char sql[] = "SELECT received, street_id, community_id, estate_id "
	    "FROM hotline WHERE received >= ? AND received < ? AND outcome IS NOT 'outside'";
	sqlite3_stmt *st = span_stmt(m, sql, e);
	struct figs *p;
	int64_t id;
	long s;
	int rc, b, k;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((b = bucket_of(m, sqlite3_column_int64(st, 0))) < 0)
			continue;
		m->county[b].hotline++;
		s = -1;
		for (k = 1; k <= 3; k++) {
			id = col_id(st, k);
			if (s < 0)
				s = mi_score_street(m, id);
			if (k > 1 && id && (p = place_of(m, id, b)) != NULL)
				p->hotline++;
		}
		if (s >= 0)
			m->place[(size_t)s * m->nb + (size_t)b].hotline++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	return 0;
}

/* A return counts against the unit that made it, in the month its case was
 * received (as every figure of a case). */
static int
scan_returns(struct model *m, mi_err *e)
{
	static const char sql[] = "SELECT c.received, r.unit_id FROM returns r "
	    "JOIN cases c ON c.id = r.case_id WHERE c.received >= ? AND c.received < ? "
	    "AND c.status <> 'void' AND r.unit_id IS NOT NULL";
	sqlite3_stmt *st = span_stmt(m, sql, e);
	struct entity *x;
	int rc, b, line;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((b = bucket_of(m, sqlite3_column_int64(st, 0))) < 0)
			continue;
		line = line_of_kind(kind_of(m, col_id(st, 1)));
		if (line >= 0 && (x = entity(m, line, col_id(st, 1))) != NULL)
			x->f[b].returned++;
		m->county[b].returned++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	return 0;
}

/* The units one meeting involved, each counted once. */
struct party {
	struct entity **x;
	size_t n, cap;
	int64_t meeting;
	int bucket;
};

static void
party_add(struct party *p, struct entity *x)
{
	size_t i;

	if (x == NULL || x->unit == NULL)
		return;
	for (i = 0; i < p->n; i++)
		if (p->x[i] == x)
			return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->x = mi_xrealloc(p->x, p->cap * sizeof(*p->x));
	}
	p->x[p->n++] = x;
}

static void
party_close(struct party *p)
{
	size_t i;

	if (p->bucket >= 0)
		for (i = 0; i < p->n; i++)
			p->x[i]->f[p->bucket].meetings++;
	p->n = 0;
}

/*
 * A unit took part in a county meeting held in the month when it led the
 * meeting, or when a case the meeting was about counts for it.
 */
static int
scan_meetings(struct model *m, mi_err *e)
{
	static const char sql[] = "SELECT m.id, m.held, m.lead_id, c.channel, c.unit_id, "
	    "c.community_id, c.first_id, c.resp_id FROM meetings m "
	    "LEFT JOIN meeting_cases x ON x.meeting_id = m.id "
	    "LEFT JOIN cases c ON c.id = x.case_id "
	    "WHERE m.held >= ? AND m.held < ? ORDER BY m.id";
	sqlite3_stmt *st = span_stmt(m, sql, e);
	struct party p = { NULL, 0, 0, 0, -1 };
	struct who w;
	int64_t lead;
	int rc, l;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) != p.meeting) {
			party_close(&p);
			p.meeting = sqlite3_column_int64(st, 0);
			p.bucket = bucket_of(m, sqlite3_column_int64(st, 1));
			lead = col_id(st, 2);
			if (lead && line_of_kind(kind_of(m, lead)) >= 0)
				party_add(&p, entity(m, line_of_kind(kind_of(m, lead)), lead));
		}
		if (!has(st, 3))
			continue;
		who_of(m, (const char *)sqlite3_column_text(st, 3), col_id(st, 4), col_id(st, 5),
		    col_id(st, 6), col_id(st, 7), 0, &w);
		for (l = 0; l < MI_LINE_N; l++)
			if (w.unit[l])
				party_add(&p, entity(m, l, w.unit[l]));
	}
	party_close(&p);
	free(p.x);
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	return 0;
}

/* ---- periods ---- */

/* end moved on by days calendar days, at the same time of day. */
static int64_t
later(int64_t end, int days)
{
	int ymd = mi_ymd_of(end);
	int64_t into = end - mi_time_of_ymd(ymd, 0);

	return mi_time_of_ymd(mi_ymd_add(ymd, days), 0) + into;
}

static void
add_bucket(struct model *m, int64_t start, int64_t end)
{
	int64_t cut = later(end, m->s.cutoff_days);

	m->b = mi_xrealloc(m->b, (m->nb + 1) * sizeof(*m->b));
	m->county = mi_xrealloc(m->county, (m->nb + 1) * sizeof(*m->county));
	memset(&m->county[m->nb], 0, sizeof(*m->county));
	m->b[m->nb].start = start;
	m->b[m->nb].end = end;
	m->b[m->nb].cutoff = cut < m->c->now ? cut : m->c->now;
	m->nb++;
}

/* The local month starting at ymd (the first of a month). */
static void
add_month(struct model *m, int ymd)
{
	int next = ymd / 100 % 100 == 12 ? (ymd / 10000 + 1) * 10000 + 101 : ymd + 100;

	add_bucket(m, mi_time_of_ymd(ymd, 0), mi_time_of_ymd(next, 0));
}

/*
 * A month is one bucket, with the month before it first for a bulletin;
 * a year is its months that have begun by now (at least January); a span
 * is one bucket.
 */
static void
set_buckets(struct model *m, const mi_score_opts *o, int previous)
{
	int ymd = mi_ymd_of(o->from), i;

	if (o->period == MI_PERIOD_SPAN) {
		add_bucket(m, o->from, o->to);
		return;
	}
	if (o->period == MI_PERIOD_MONTH) {
		if (previous)
			add_month(m, ymd / 100 % 100 == 1 ? (ymd / 10000 - 1) * 10000 + 1201 :
			    ymd - 100);
		add_month(m, ymd);
		return;
	}
	for (i = 1; i <= 12; i++)
		if (i == 1 || mi_time_of_ymd(ymd / 10000 * 10000 + i * 100 + 1, 0) < m->c->now)
			add_month(m, ymd / 10000 * 10000 + i * 100 + 1);
}

void
mi_score_free(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nu; i++) {
		free(m->u[i].code);
		free(m->u[i].name);
	}
	for (i = 0; i < m->np; i++) {
		free(m->p[i].name);
		free(m->p[i].role);
	}
	for (i = 0; i < m->nent; i++)
		free(m->ent[i].f);
	free(m->u);
	free(m->p);
	free(m->ent);
	free(m->b);
	free(m->county);
	free(m->place);
	idmap_release(&m->umap);
	idmap_release(&m->pmap);
	idmap_release(&m->emap);
}

int
mi_score_build(mi_ctx *c, const mi_score_opts *o, int previous, struct model *m, mi_err *e)
{
	memset(m, 0, sizeof(*m));
	m->c = c;
	settings_load(c->cfg, &m->s);
	set_buckets(m, o, previous);
	if (load_units(m, e) < 0 || load_people(m, e) < 0 || scan_cases(m, e) < 0 ||
	    scan_hotline(m, e) < 0 || scan_deductions(m, e) < 0 || scan_meetings(m, e) < 0 ||
	    scan_returns(m, e) < 0) {
		mi_score_free(m);
		return -1;
	}
	return 0;
}

/* ---- scores, grades and ranks ---- */

/* The points of one rate with a case to measure: all of them at or above
 * the target, per_point fewer for each percentage point below. */
static double
rate_points(const struct rule *r, long n, long d)
{
	double lost;

	if ((double)n >= r->target * (double)d - 1e-9)
		return r->points;
	lost = r->per_point * (r->target - (double)n / (double)d) * 100.0;
	return lost >= r->points ? 0 : r->points - lost;
}

static long long
deduction_h(const struct settings *s, const struct figs *f)
{
	return f->missed_h + llround((double)f->red * s->red_points * 100.0);
}

/*
 * The month's score in hundredths. A rate with nothing to measure is
 * weighted out: the points of the others are scaled up to the whole, so a
 * unit is judged on what it can be. With nothing to measure at all (no
 * case counted), the rates give nothing: only the deductions count.
 */
long long
mi_score_month(const struct settings *s, const struct figs *f)
{
	const long n[R_N] = { f->closed, f->first, f->on_time, f->satisfied };
	const long d[R_N] = { f->counted, f->counted, f->due, f->answered };
	double got = 0, can = 0, all = 0;
	int i;

	for (i = 0; i < R_N; i++) {
		all += s->rate[i].points;
		if (d[i] == 0)
			continue;
		can += s->rate[i].points;
		got += rate_points(&s->rate[i], n[i], d[i]);
	}
	if (can > 0)
		got *= all / can;
	return llround(got * 100.0) - deduction_h(s, f);
}

static const char *
grade_of(const struct settings *s, double score)
{
	size_t i;

	for (i = 0; i < s->ngrades; i++)
		if (score >= s->grade[i].min - 1e-9)
			return s->grade[i].name;
	return s->below;
}

static const char *
row_key(const struct row *r)
{
	return r->x->unit ? r->x->unit->code : r->x->person->name;
}

/* The year's rule (score.year_rank): by the total, or by the mean of the
 * months scored (compared without dividing: exact). A month is both. */
static int
rowkeycmp(const struct row *x, const struct row *y)
{
	long long a = x->score, b = y->score;

	if (x->by_mean) {
		a = x->score * y->months;
		b = y->score * x->months;
	}
	return a == b ? 0 : a > b ? -1 : 1;
}

static int
rowcmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if (x->x->line != y->x->line)
		return x->x->line < y->x->line ? -1 : 1;
	if (x->ranked != y->ranked)
		return x->ranked ? -1 : 1;
	if ((c = rowkeycmp(x, y)) != 0)
		return c;
	if ((c = strcmp(row_key(x), row_key(y))) != 0)
		return c;
	if (x->x->person && x->x->person->id != y->x->person->id)
		return x->x->person->id < y->x->person->id ? -1 : 1;
	return 0;
}

/* Ranks the ranked rows of each line: equal scores share a rank, and the
 * next rank skips as many (1, 2, 2, 4). */
static void
rank_rows(struct table *t)
{
	size_t i, at = 0;

	for (i = 0; i < t->n; i++) {
		if (i == 0 || t->r[i].x->line != t->r[i - 1].x->line)
			at = 0;
		if (!t->r[i].ranked)
			continue;
		at++;
		if (at > 1 && t->r[i - 1].ranked && rowkeycmp(&t->r[i - 1], &t->r[i]) == 0)
			t->r[i].rank = t->r[i - 1].rank;
		else
			t->r[i].rank = (long)at;
	}
}

/*
 * The rows of units (people when persons) over buckets [b0, b1): an entity
 * is shown when some month scored it, that is when it had a case counted or
 * a missed demand booked; it is ranked when it had min_cases cases for each
 * month scored.
 */
void
mi_score_table(const struct model *m, int persons, int line, size_t b0, size_t b1,
    struct table *t)
{
	const struct entity *x;
	struct row *r;
	size_t i, b, k;

	t->r = mi_xcalloc(m->nent + 1, sizeof(*t->r));
	t->n = 0;
	for (i = 0; i < m->nent; i++) {
		x = &m->ent[i];
		if ((x->person != NULL) != persons || (line >= 0 && x->line != line))
			continue;
		r = &t->r[t->n];
		memset(r, 0, sizeof(*r));
		r->x = x;
		for (b = b0; b < b1; b++) {
			/* returns alone do not make a unit assessed: they are shown with
			 * the unit's other figures */
			if (x->f[b].counted == 0 && x->f[b].missed == 0)
				continue;
			mi_score_figs_add(&r->f, &x->f[b]);
			r->score += mi_score_month(&m->s, &x->f[b]);
			r->deduction += deduction_h(&m->s, &x->f[b]);
			r->months++;
		}
		if (r->months == 0)
			continue;
		/* a community's or an estate's hotline rate: of the place */
		r->f.local = r->f.hotline = 0;
		if (x->unit && x->line == MI_LINE_COMMUNITY)
			for (b = b0; b < b1; b++) {
				k = (size_t)(x->unit - m->u) * m->nb + b;
				r->f.local += m->place[k].local;
				r->f.hotline += m->place[k].hotline;
			}
		/* nothing to assess (only misses booked): listed, never ranked */
		r->ranked = r->f.counted > 0 && r->f.counted >= m->s.min_cases * (long)r->months;
		r->by_mean = m->s.by_mean;
		t->n++;
	}
	mi_sort(t->r, t->n, sizeof(*t->r), rowcmp);
	rank_rows(t);
}

/* ---- formatting ---- */

const char *
mi_score_pct(char *buf, size_t len, long n, long d, const char *unit)
{
	if (d == 0)
		return NULL;
	snprintf(buf, len, "%.1f%s", 100.0 * (double)n / (double)d, unit);
	return buf;
}

const char *
mi_score_hundredths(char *buf, size_t len, long long h, int sign)
{
	long long a = h < 0 ? -h : h;

	snprintf(buf, len, "%s%lld.%02lld", h < 0 ? "-" : (sign && h > 0 ? "+" : ""),
	    a / 100, a % 100);
	return buf;
}

const char *
mi_score_grade(const struct settings *s, const struct row *r)
{
	return grade_of(s, (double)r->score / 100.0 / (double)(r->months ? r->months : 1));
}

/* ---- the report ---- */

static const struct {
	const char *name;
	int type;
	int units_only;
} report_cols[] = {
	{ "line", MI_COL_STR, 0 }, { "rank", MI_COL_INT, 0 }, { "code", MI_COL_STR, 1 },
	{ "unit", MI_COL_STR, 1 }, { "person", MI_COL_NAME, 2 }, { "role", MI_COL_STR, 2 },
	{ "unit", MI_COL_STR, 2 }, { "months", MI_COL_INT, 0 }, { "counted", MI_COL_INT, 0 },
	{ "resolved", MI_COL_INT, 0 }, { "closed", MI_COL_INT, 0 },
	{ "reopened", MI_COL_INT, 0 }, { "overdue", MI_COL_INT, 0 }, { "red", MI_COL_INT, 0 },
	{ "meetings", MI_COL_INT, 1 }, { "closure_rate", MI_COL_NUM, 0 },
	{ "first_rate", MI_COL_NUM, 0 }, { "on_time_rate", MI_COL_NUM, 0 },
	{ "satisfaction_rate", MI_COL_NUM, 0 }, { "callback_rate", MI_COL_NUM, 0 },
	{ "hotline", MI_COL_INT, 0 }, { "hotline_rate", MI_COL_NUM, 0 },
	{ "missed", MI_COL_INT, 0 },
	{ "deduction", MI_COL_NUM, 0 }, { "score", MI_COL_NUM, 0 }, { "grade", MI_COL_STR, 0 },
	{ "sign_rate", MI_COL_NUM, 0 }, { "sign_on_time_rate", MI_COL_NUM, 0 },
	{ "returned", MI_COL_INT, 0 }, { "extensions", MI_COL_INT, 0 },
	{ "sessions", MI_COL_INT, 1 }, { "settled_at_session", MI_COL_INT, 1 },
};

struct place_row;

/* A community's sessions held in the period and the cases settled at them
 * (不出社区): score(1) gives the SQL. */
struct sess {
	int64_t community;
	long held, settled;
};

struct sessions {
	struct sess *v;
	size_t n;
};

static int
sessions_load(mi_ctx *c, const mi_score_opts *o, struct sessions *ss, mi_err *e)
{
	static const char sql[] =
	    "SELECT community_id, count(*), 0 FROM sessions "
	    "WHERE held >= ?1 AND held < ?2 AND community_id IS NOT NULL GROUP BY community_id "
	    "UNION ALL SELECT s.community_id, 0, count(DISTINCT sc.case_id) "
	    "FROM session_cases sc JOIN sessions s ON s.id = sc.session_id "
	    "JOIN cases k ON k.id = sc.case_id "
	    "WHERE sc.settled AND k.status <> 'void' AND s.held >= ?1 AND s.held < ?2 "
	    "AND s.community_id IS NOT NULL GROUP BY s.community_id";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	struct sess *x;
	int64_t id;
	size_t i;
	int rc;

	memset(ss, 0, sizeof(*ss));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, o->from);
	sqlite3_bind_int64(st, 2, o->to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		for (i = 0; i < ss->n && ss->v[i].community != id; i++)
			;
		if (i == ss->n) {
			ss->v = mi_xrealloc(ss->v, (ss->n + 1) * sizeof(*ss->v));
			memset(&ss->v[ss->n], 0, sizeof(*ss->v));
			ss->v[ss->n++].community = id;
		}
		x = &ss->v[i];
		x->held += (long)sqlite3_column_int64(st, 1);
		x->settled += (long)sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE) {
		free(ss->v);
		ss->v = NULL;
		return mi_db_fail(c->db, sql, e);
	}
	return 0;
}

/* The two session columns of a unit's row: a community's figures (0 when it
 * held none), empty for the other units and the places. */
static size_t
sessions_cells(const struct sessions *ss, const struct row *r, const struct place_row *pl,
    char held[24], char settled[24], const char **v)
{
	const struct sess *x = NULL;
	size_t i;

	if (pl || ss == NULL || r->x->unit == NULL || r->x->unit->kind != MI_U_COMMUNITY) {
		v[0] = v[1] = NULL;
		return 2;
	}
	for (i = 0; i < ss->n; i++)
		if (ss->v[i].community == r->x->unit->id)
			x = &ss->v[i];
	snprintf(held, 24, "%ld", x ? x->held : 0);
	snprintf(settled, 24, "%ld", x ? x->settled : 0);
	v[0] = held;
	v[1] = settled;
	return 2;
}

struct place_row {
	const char *line, *code, *name;
	int booked;                /* the misses booked (the county's), else none */
};

/*
 * One line of the report. A row with no entity is a place's (what): a
 * street, the urban or rural streets together, or the county; it has its
 * figures and rates but no rank, score or grade: places are not assessed.
 * In a table, a rate with nothing to measure shows as a dash.
 */
static void
report_row(const struct settings *s, const struct row *r, const struct place_row *pl,
    int units, int table, const struct sessions *ss, mi_out *out)
{
	const char *v[MI_ARRAY_LEN(report_cols)];
	const struct figs *f = &r->f;
	const long n[] = { f->counted, f->resolved, f->closed, f->reopened, f->overdue, f->red,
		f->meetings };
	const int is_hotline = pl || (r->x->unit && r->x->line == MI_LINE_COMMUNITY);
	struct cells c;
	char hot[24], sess[2][24];
	size_t k = 0, i, r0;

	v[k++] = pl ? pl->line : mi_vocab_name(MI_V_LINE, r->x->line);
	snprintf(c.rank, sizeof(c.rank), "%ld", r->rank);
	v[k++] = !pl && r->ranked ? c.rank : NULL;
	if (pl && units) {
		v[k++] = pl->code;
		v[k++] = pl->name;
	} else if (pl) {
		v[k++] = NULL;
		v[k++] = NULL;
		v[k++] = pl->name;
	} else if (r->x->unit) {
		v[k++] = r->x->unit->code;
		v[k++] = r->x->unit->name;
	} else {
		v[k++] = r->x->person->name;
		v[k++] = r->x->person->role;
		v[k++] = r->x->person->unit ? r->x->person->unit->name : NULL;
	}
	snprintf(c.months, sizeof(c.months), "%d", r->months);
	v[k++] = c.months;
	for (i = 0; i < MI_ARRAY_LEN(n); i++) {
		if (i >= 6 && !units)
			break;
		snprintf(c.n[i], sizeof(c.n[i]), "%ld", n[i]);
		v[k++] = c.n[i];
	}
	r0 = k;
	v[k++] = mi_score_pct(c.rate[0], sizeof(c.rate[0]), f->closed, f->counted, "");
	v[k++] = mi_score_pct(c.rate[1], sizeof(c.rate[1]), f->first, f->counted, "");
	v[k++] = mi_score_pct(c.rate[2], sizeof(c.rate[2]), f->on_time, f->due, "");
	v[k++] = mi_score_pct(c.rate[3], sizeof(c.rate[3]), f->satisfied, f->answered, "");
	v[k++] = mi_score_pct(c.callback, sizeof(c.callback), f->called, f->resolved, "");
	snprintf(hot, sizeof(hot), "%ld", f->hotline);
	v[k++] = is_hotline ? hot : NULL;
	v[k++] = is_hotline ? mi_score_pct(c.hotline, sizeof(c.hotline), f->hotline,
	    f->hotline + f->local, "") : NULL;
	for (i = r0; table && i < k - (is_hotline ? 2 : 0); i++)
		if (v[i] == NULL && i < k - 2)
			v[i] = "—";
	if (table && is_hotline && v[k - 1] == NULL)
		v[k - 1] = "—";
	snprintf(c.n[7], sizeof(c.n[7]), "%ld", f->missed);
	v[k++] = pl && !pl->booked ? NULL : c.n[7];
	v[k++] = pl && !pl->booked ? NULL :
	    mi_score_hundredths(c.deduction, sizeof(c.deduction), r->deduction, 0);
	v[k++] = pl ? NULL : mi_score_hundredths(c.score, sizeof(c.score), r->score, 0);
	v[k++] = pl ? NULL : mi_score_grade(s, r);
	v[k++] = pl ? NULL : mi_score_pct(c.sign[0], sizeof(c.sign[0]), f->signed_, f->to_sign, "");
	v[k++] = pl ? NULL :
	    mi_score_pct(c.sign[1], sizeof(c.sign[1]), f->signed_on_time, f->to_sign, "");
	snprintf(c.counts[0], sizeof(c.counts[0]), "%ld", f->returned);
	v[k++] = pl ? NULL : c.counts[0];
	snprintf(c.counts[1], sizeof(c.counts[1]), "%ld", f->extensions);
	v[k++] = pl ? NULL : c.counts[1];
	if (units)
		k += sessions_cells(ss, r, pl, sess[0], sess[1], &v[k]);
	mi_out_row(out, v);
}

/* The place rows under a units report: each street or town with cases or
 * hotline records, then the urban and the rural ones together. */
static void
report_places(const struct model *m, int table, mi_out *out)
{
	static const char *const area_code[AREA_N] = { "urban", "rural" };
	static const char *const area_name[AREA_N] = { "街道（城区）", "镇（农村）" };
	struct figs *af = mi_xcalloc(AREA_N * m->nb, sizeof(*af)), *p;
	struct place_row pl = { "street", NULL, NULL, 0 };
	struct row r;
	size_t i, b;
	int a;

	for (i = 0; i < m->nu; i++) {
		if (m->u[i].kind != MI_U_STREET)
			continue;
		memset(&r, 0, sizeof(r));
		for (b = 0; b < m->nb; b++) {
			p = &m->place[i * m->nb + b];
			mi_score_figs_add(&r.f, p);
			r.months += p->counted || p->hotline;
			if (m->u[i].area >= 0)
				mi_score_figs_add(&af[(size_t)m->u[i].area * m->nb + b], p);
		}
		if (r.months == 0)
			continue;
		pl.code = m->u[i].code;
		pl.name = m->u[i].name;
		report_row(&m->s, &r, &pl, 1, table, NULL, out);
	}
	pl.line = "area";
	for (a = 0; a < AREA_N; a++) {
		memset(&r, 0, sizeof(r));
		for (b = 0; b < m->nb; b++) {
			p = &af[(size_t)a * m->nb + b];
			mi_score_figs_add(&r.f, p);
			r.months += p->counted || p->hotline;
		}
		if (r.months == 0)
			continue;
		pl.code = area_code[a];
		pl.name = area_name[a];
		report_row(&m->s, &r, &pl, 1, table, NULL, out);
	}
	free(af);
}

/* The county's total: every case once, whatever lines it counts in, every
 * hotline record and every miss booked. */
static void
report_county(const struct model *m, const char *code, const char *name, int units,
    int table, mi_out *out)
{
	struct place_row pl = { "county", code, name, 1 };
	struct row r;
	size_t b;

	memset(&r, 0, sizeof(r));
	for (b = 0; b < m->nb; b++) {
		mi_score_figs_add(&r.f, &m->county[b]);
		r.deduction += deduction_h(&m->s, &m->county[b]);
		r.months += m->county[b].counted || m->county[b].hotline || m->county[b].missed;
	}
	report_row(&m->s, &r, &pl, units, table, NULL, out);
}

int
mi_score_reveal(mi_ctx *c, const mi_score_opts *o, mi_err *e)
{
	mi_buf period = MI_BUF_INIT;
	char t[24];
	int rc;

	mi_buf_puts(&period, "\"from\":");
	mi_json_str(&period, mi_time_format(o->from, t, sizeof(t)));
	mi_buf_puts(&period, ",\"to\":");
	mi_json_str(&period, mi_time_format(o->to, t, sizeof(t)));
	rc = mi_reveal(c, NULL, "names of people assessed", mi_buf_str(&period), e);
	mi_buf_release(&period);
	return rc;
}

/* Drops all but the first limit rows of each line. */
void
mi_score_limit(struct table *t, long limit)
{
	size_t i, k = 0;
	long in_line = 0;

	for (i = 0; i < t->n; i++) {
		if (i == 0 || t->r[i].x->line != t->r[i - 1].x->line)
			in_line = 0;
		if (limit > 0 && ++in_line > limit)
			continue;
		t->r[k++] = t->r[i];
	}
	t->n = k;
}

int
mi_score_report(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e)
{
	struct model m;
	struct table t;
	struct sessions ss;
	size_t i;
	int persons = o->what == MI_SCORE_PEOPLE, want = persons ? 2 : 1;
	int table = c->opts.outfmt == MI_OUT_TABLE;

	if (o->what == MI_SCORE_TEAMS)
		return mi_score_teams(c, o, out, e);
	if (mi_score_build(c, o, 0, &m, e) < 0)
		return -1;
	if (sessions_load(c, o, &ss, e) < 0) {
		mi_score_free(&m);
		return -1;
	}
	for (i = 0; i < MI_ARRAY_LEN(report_cols); i++)
		if (report_cols[i].units_only == 0 || report_cols[i].units_only == want)
			mi_out_col(out, report_cols[i].name, report_cols[i].type);
	mi_score_table(&m, persons, o->line, 0, m.nb, &t);
	mi_score_limit(&t, o->limit);
	for (i = 0; i < t.n; i++)
		report_row(&m.s, &t.r[i], NULL, !persons, table, &ss, out);
	/* the places and the county's total, when no line is picked out */
	if (o->line < 0 && !persons)
		report_places(&m, table, out);
	if (o->line < 0) {
		for (i = 0; i < m.nu && m.u[i].kind != MI_U_COUNTY; i++)
			;
		report_county(&m, i < m.nu ? m.u[i].code : "", i < m.nu ? m.u[i].name : "",
		    !persons, table, out);
	}
	free(t.r);
	free(ss.v);
	mi_score_free(&m);
	if (mi_out_finish(out, e) < 0)
		return -1;
	if (c->opts.reveal && persons && t.n > 0)
		return mi_score_reveal(c, o, e);
	return 0;
}

/* ---- the civilisation bank's points (文明银行积分) ---- */

/*
 * Per person of score.points.roles: the cases collected (received in the
 * period, not void) and settled (closed, 销号, in the period: after the
 * resident's call-back), and the points they earn.
 */
static const char sql_points[] =
    "SELECT p.name, u.code, u.name, p.role, x.collected, x.settled, "
    "x.collected * ?3 + x.settled * ?4 AS points FROM ("
    "  SELECT collector_id AS id, "
    "    sum(status <> 'void' AND received >= ?1 AND received < ?2) AS collected, "
    "    sum(status = 'closed' AND closed >= ?1 AND closed < ?2) AS settled "
    "  FROM cases WHERE collector_id IN (SELECT id FROM people WHERE role IN "
    "    (SELECT value FROM json_each(?5))) GROUP BY collector_id) x "
    "JOIN people p ON p.id = x.id LEFT JOIN units u ON u.id = p.unit_id "
    "WHERE x.collected > 0 OR x.settled > 0 "
    "ORDER BY points DESC, u.code, p.name, p.id";

/* A number of points: whole, or with two decimals. */
static const char *
points_format(double v, char *buf, size_t n)
{
	if (v == (double)(long long)v)
		snprintf(buf, n, "%lld", (long long)v);
	else
		snprintf(buf, n, "%.2f", v);
	return buf;
}

int
mi_score_points(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e)
{
	static const struct mi_col cols[] = {
		{ "person", MI_COL_NAME }, { "unit", MI_COL_STR }, { "unit_name", MI_COL_STR },
		{ "role", MI_COL_STR }, { "collected", MI_COL_INT }, { "closed", MI_COL_INT },
		{ "bank_points", MI_COL_NUM }, { NULL, 0 }
	};
	sqlite3_stmt *st = mi_stmt(c, sql_points, e);
	char *roles;
	const char *v[7];
	char pts[32];
	long n = 0;
	int rc, i;

	if (st == NULL)
		return -1;
	roles = cJSON_PrintUnformatted(mi_config_get(c->cfg, "score.points.roles"));
	sqlite3_bind_int64(st, 1, o->from);
	sqlite3_bind_int64(st, 2, o->to);
	sqlite3_bind_double(st, 3, mi_config_num(c->cfg, "score.points.collected", 1));
	sqlite3_bind_double(st, 4, mi_config_num(c->cfg, "score.points.settled", 2));
	sqlite3_bind_text(st, 5, roles ? roles : "[]", -1, SQLITE_TRANSIENT);
	cJSON_free(roles);
	mi_out_cols(out, cols);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 6; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		v[6] = points_format(sqlite3_column_double(st, 6), pts, sizeof(pts));
		mi_out_row(out, v);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql_points, e);
	if (mi_out_finish(out, e) < 0)
		return -1;
	if (c->opts.reveal && n > 0)
		return mi_score_reveal(c, o, e);
	return 0;
}
