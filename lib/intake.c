/* intake.c - recording demands from files, standard input or flags. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum {
	F_REF, F_CHANNEL, F_RECEIVED, F_REPORTER, F_PHONE, F_ADDRESS, F_STREET,
	F_COMMUNITY, F_ESTATE, F_CATEGORY, F_TEXT, F_COLLECTOR, F_UNIT, F_N
};

const char *const mi_intake_columns[] = {
	"id", "channel", "ref", "received", "street", "community", "estate", "category", "text",
	NULL
};

const char *const mi_case_fields[] = {
	"ref", "channel", "received", "reporter", "phone", "address", "street",
	"community", "estate", "category", "text", "collector", "unit", NULL
};

#define MAX_ALT 8
#define MAX_TEXT 20000

struct layout {
	const char *name;
	int channel;                     /* fixed by the layout, or -1 */
	const char *cols[F_N][MAX_ALT];  /* column names to try, in order */
};

struct person {
	const char *name;
	int64_t unit, id;
};

struct run {
	mi_ctx *c;
	const mi_intake_opts *o;
	mi_intake_stats *st;
	mi_gazetteer *g;
	struct layout *lay;
	size_t nlay;
	const struct layout *use;        /* the layout of the current input */
	const char *file;
	int csv;                         /* column positions can be cached */
	int idx[F_N][MAX_ALT];           /* cached positions for CSV, -1 absent */
	struct person *people;
	size_t npeople;
	char *pnames;                    /* storage for people names */
	int64_t future;                  /* latest acceptable received time */
	int64_t first, last;             /* the ids this run added: one transaction, so a range */
	long records;
};

void
mi_intake_opts_init(mi_intake_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->channel = -1;
}

static void
load_layouts(struct run *r)
{
	const cJSON *all = mi_config_get(r->c->cfg, "layouts"), *l, *fields, *names, *n;
	const char *ch;
	size_t i, k;

	r->nlay = (size_t)cJSON_GetArraySize(all);
	r->lay = mi_xcalloc(r->nlay ? r->nlay : 1, sizeof(*r->lay));
	i = 0;
	cJSON_ArrayForEach(l, all) {
		struct layout *y = &r->lay[i++];

		y->name = l->string;
		ch = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l, "channel"));
		y->channel = ch && *ch ? mi_channel_parse(ch) : -1;
		fields = cJSON_GetObjectItemCaseSensitive(l, "fields");
		for (k = 0; k < F_N; k++) {
			size_t j = 0;

			names = cJSON_GetObjectItemCaseSensitive(fields, mi_case_fields[k]);
			cJSON_ArrayForEach(n, names)
				if (j < MAX_ALT - 1 && cJSON_IsString(n))
					y->cols[k][j++] = n->valuestring;
		}
	}
}

static int
has_key(const mi_record *rec, const char *key)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strcmp(rec->key[i], key) == 0)
			return (int)i;
	return -1;
}

/* The layout whose columns the record's keys fit best; it must find the text. */
static const struct layout *
detect(const struct run *r, const mi_record *rec)
{
	const struct layout *best = NULL;
	int bestn = 0, n, found_text;
	size_t i, k, j;

	for (i = 0; i < r->nlay; i++) {
		const struct layout *y = &r->lay[i];

		if (r->o->layout && strcmp(r->o->layout, y->name) != 0)
			continue;
		n = 0;
		found_text = 0;
		for (k = 0; k < F_N; k++) {
			for (j = 0; y->cols[k][j]; j++) {
				if (has_key(rec, y->cols[k][j]) >= 0) {
					n++;
					if (k == F_TEXT)
						found_text = 1;
					break;
				}
			}
		}
		if (found_text && n > bestn) {
			best = y;
			bestn = n;
		}
	}
	return best;
}

static void
cache_columns(struct run *r, const mi_record *rec)
{
	size_t k, j;

	for (k = 0; k < F_N; k++)
		for (j = 0; j < MAX_ALT; j++)
			r->idx[k][j] = r->use->cols[k][j] ? has_key(rec, r->use->cols[k][j]) : -1;
}

/* The record's value for field k: the first of the layout's columns that is not empty. */
static const char *
field(const struct run *r, const mi_record *rec, int k)
{
	const char *v;
	size_t j;
	int i;

	for (j = 0; j < MAX_ALT && r->use->cols[k][j]; j++) {
		if (r->csv) {
			i = r->idx[k][j];
			v = i >= 0 && (size_t)i < rec->n ? rec->val[i] : NULL;
		} else
			v = mi_record_get(rec, r->use->cols[k][j]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static int
personcmp(const void *a, const void *b)
{
	const struct person *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
load_people(struct run *r, mi_err *e)
{
	static const char sql[] = "SELECT id, name, unit_id FROM people";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	mi_buf names = MI_BUF_INIT;
	size_t cap = 0, i;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->npeople == cap) {
			cap = cap ? cap * 2 : 64;
			r->people = mi_xrealloc(r->people, cap * sizeof(*r->people));
		}
		r->people[r->npeople].id = sqlite3_column_int64(st, 0);
		/* offsets now, pointers once the names buffer stops moving */
		r->people[r->npeople].name = (const char *)(uintptr_t)names.len;
		mi_buf_add(&names, (const char *)sqlite3_column_text(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1) + 1);
		r->people[r->npeople].unit = sqlite3_column_int64(st, 2);
		r->npeople++;
	}
	if (rc != SQLITE_DONE) {
		mi_buf_release(&names);
		return mi_db_fail(r->c->db, sql, e);
	}
	r->pnames = mi_buf_detach(&names);
	for (i = 0; i < r->npeople; i++)
		r->people[i].name = r->pnames + (uintptr_t)r->people[i].name;
	qsort(r->people, r->npeople, sizeof(*r->people), personcmp);
	return 0;
}

/* The collector by name: the one in the collecting unit or the community,
 * else the only person of that name. */
static int64_t
find_person(const struct run *r, const char *name, int64_t unit, int64_t community)
{
	struct person k = { name, 0, 0 };
	const struct person *p = bsearch(&k, r->people, r->npeople, sizeof(k), personcmp);
	size_t lo, hi, i, n = 0;
	int64_t only = 0;

	if (p == NULL)
		return 0;
	lo = hi = (size_t)(p - r->people);
	while (lo > 0 && strcmp(r->people[lo - 1].name, name) == 0)
		lo--;
	while (hi + 1 < r->npeople && strcmp(r->people[hi + 1].name, name) == 0)
		hi++;
	for (i = lo; i <= hi; i++) {
		if ((unit && r->people[i].unit == unit) || (community && r->people[i].unit == community))
			return r->people[i].id;
		only = r->people[i].id;
		n++;
	}
	return n == 1 ? only : 0;
}

struct loc {
	int64_t street, community, estate;
	char why[256];
	char unit_why[160];    /* a collecting unit that was named but not found */
};

/* Resolves the location from the columns, then from the address; never guesses. */
static void
locate(const struct run *r, const char *street, const char *community, const char *estate,
    const char *address, struct loc *l)
{
	const mi_gazetteer *g = r->g;
	int64_t id;

	l->street = l->community = l->estate = 0;
	l->why[0] = '\0';
	if (street && (id = mi_gaz_find(g, MI_U_STREET, street, 0)) > 0)
		l->street = id;
	else if (street)
		snprintf(l->why, sizeof(l->why), "unknown street '%s'", street);
	if (community && (id = mi_gaz_find(g, MI_U_COMMUNITY, community, l->street)) > 0)
		l->community = id;
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
	if (l->community) {
		id = mi_gaz_parent(g, l->community);
		if (l->street && l->street != id) {
			snprintf(l->why, sizeof(l->why), "community '%s' is not in street '%s'",
			    mi_gaz_name(g, l->community), mi_gaz_name(g, l->street));
			l->community = l->estate = 0;
		} else
			l->street = id;
	}
	if (!l->community && !l->why[0] && (address || estate || street))
		snprintf(l->why, sizeof(l->why), "no community found in '%s'",
		    address ? address : (estate ? estate : street));
	else if (!l->community && !l->why[0])
		snprintf(l->why, sizeof(l->why), "no location given");
}

static char *
details_json(const struct run *r, long line, const struct loc *l)
{
	cJSON *d = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(d, "source", r->file);
	if (line > 0)
		cJSON_AddNumberToObject(d, "line", (double)line);
	cJSON_AddStringToObject(d, "layout", r->use->name);
	if (!l->community && l->why[0])
		cJSON_AddStringToObject(d, "unresolved", l->why);
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	return s;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static const char sql_insert[] =
    "INSERT INTO cases(channel, ref, received, reporter, phone, address, street_id, "
    "community_id, estate_id, category, text, collector, collector_id, unit_id, updated) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(channel, ref) DO NOTHING";

struct fields {
	const char *v[F_N];
	char phone[32];
	char ref[40];
	char *trimmed[F_N];
	int channel;
	int64_t received;
};

static void
fields_release(struct fields *f)
{
	size_t k;

	for (k = 0; k < F_N; k++)
		free(f->trimmed[k]);
}

/* Reads and checks one record's fields; returns NULL or why it is rejected. */
static const char *
check(struct run *r, const mi_record *rec, struct fields *f, char *why, size_t nwhy)
{
	const char *v;
	mi_buf key = MI_BUF_INIT;
	size_t k;

	memset(f, 0, sizeof(*f));
	for (k = 0; k < F_N; k++) {
		v = field(r, rec, (int)k);
		if (v) {
			f->trimmed[k] = mi_trim(mi_xstrdup(v));
			f->v[k] = *f->trimmed[k] ? f->trimmed[k] : NULL;
		}
	}
	if (!f->v[F_TEXT])
		return "no demand text";
	if (strlen(f->v[F_TEXT]) > MAX_TEXT)
		return "demand text longer than 20000 bytes";
	if (!f->v[F_RECEIVED])
		return "no received time";
	if (mi_time_parse(f->v[F_RECEIVED], &f->received) < 0) {
		snprintf(why, nwhy, "unparseable time '%.60s'", f->v[F_RECEIVED]);
		return why;
	}
	if (f->received > r->future) {
		snprintf(why, nwhy, "received time '%.60s' is in the future", f->v[F_RECEIVED]);
		return why;
	}
	if (f->v[F_PHONE] && mi_phone_norm(f->v[F_PHONE], f->phone, sizeof(f->phone)) < 0) {
		snprintf(why, nwhy, "impossible phone '%.40s'", f->v[F_PHONE]);
		return why;
	}
	f->channel = r->o->channel;
	if (f->channel < 0 && f->v[F_CHANNEL]) {
		f->channel = mi_channel_parse(f->v[F_CHANNEL]);
		if (f->channel < 0) {
			snprintf(why, nwhy, "unknown channel '%.40s'", f->v[F_CHANNEL]);
			return why;
		}
	}
	if (f->channel < 0)
		f->channel = r->use->channel;
	if (f->channel < 0)
		f->channel = mi_channel_parse(mi_config_str(r->c->cfg, "intake.channel", "visit"));
	if (f->channel < 0)
		f->channel = MI_CH_VISIT;
	if (!f->v[F_REF]) {
		/* A stable reference from the content, so a re-run finds it again. */
		mi_buf_printf(&key, "%lld\x1f%s\x1f%s\x1f%s", (long long)f->received, f->phone,
		    f->v[F_TEXT], f->v[F_ADDRESS] ? f->v[F_ADDRESS] : "");
		mi_sha256_hex(key.s, key.len, why);
		snprintf(f->ref, sizeof(f->ref), "h:%.16s", why);
		f->v[F_REF] = f->ref;
		mi_buf_release(&key);
	} else if (strlen(f->v[F_REF]) > 200)
		return "source reference longer than 200 bytes";
	return NULL;
}

static int
store(struct run *r, const struct fields *f, long line, int64_t *id, struct loc *l, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_insert, e);
	int64_t unit = 0, collector = 0;
	char *details;

	if (st == NULL)
		return -1;
	l->unit_why[0] = '\0';
	locate(r, f->v[F_STREET], f->v[F_COMMUNITY], f->v[F_ESTATE], f->v[F_ADDRESS], l);
	if (f->v[F_UNIT]) {
		unit = mi_gaz_find(r->g, -1, f->v[F_UNIT], 0);
		if (unit == 0)
			unit = mi_gaz_find(r->g, MI_U_COMMUNITY, f->v[F_UNIT], 0);
		if (unit == 0)
			unit = mi_gaz_find(r->g, MI_U_PAIRING, f->v[F_UNIT], 0);
		if (unit <= 0) {
			unit = 0;
			snprintf(l->unit_why, sizeof(l->unit_why), "unknown collecting unit '%.60s' "
			    "(not recorded)", f->v[F_UNIT]);
		}
	}
	if (f->v[F_COLLECTOR])
		collector = find_person(r, f->v[F_COLLECTOR], unit, l->community);
	sqlite3_bind_text(st, 1, mi_channel_name(f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->v[F_REF], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, f->received);
	bind_text(st, 4, f->v[F_REPORTER]);
	bind_text(st, 5, f->phone);
	bind_text(st, 6, f->v[F_ADDRESS]);
	bind_id(st, 7, l->street);
	bind_id(st, 8, l->community);
	bind_id(st, 9, l->estate);
	bind_text(st, 10, f->v[F_CATEGORY]);
	bind_text(st, 11, f->v[F_TEXT]);
	bind_text(st, 12, f->v[F_COLLECTOR]);
	bind_id(st, 13, collector);
	bind_id(st, 14, unit);
	sqlite3_bind_int64(st, 15, r->c->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_insert, e);
	if (sqlite3_changes(r->c->db) == 0) {
		*id = 0;
		return 0;
	}
	*id = sqlite3_last_insert_rowid(r->c->db);
	details = details_json(r, line, l);
	if (mi_event_add(r->c, *id, "intake", details, e) < 0) {
		cJSON_free(details);
		return -1;
	}
	cJSON_free(details);
	return 1;
}

/* 0 stored or known, 1 rejected, -1 stop. */
static int
one(struct run *r, const mi_record *rec, mi_err *e)
{
	struct fields f;
	struct loc l;
	char why[160];
	const char *bad = rec->bad;
	int64_t id = 0;
	int rc;

	if (bad == NULL)
		bad = check(r, rec, &f, why, sizeof(why));
	else
		memset(&f, 0, sizeof(f));
	if (bad) {
		fields_release(&f);
		r->st->rejected++;
		if (r->o->strict)
			return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: %s (--strict: nothing "
			    "written)", r->file, rec->line, bad);
		if (r->o->reject)
			r->o->reject(r->o->arg, r->file, rec->line, bad, rec);
		return 1;
	}
	rc = store(r, &f, rec->line, &id, &l, e);
	if (rc == 1) {
		r->st->added++;
		if (!l.community) {
			char msg[300];

			r->st->unresolved++;
			snprintf(msg, sizeof(msg), "location not resolved: %s", l.why);
			if (r->o->unresolved)
				r->o->unresolved(r->o->arg, r->file, rec->line, msg);
		}
		if (l.unit_why[0] && r->o->unresolved)
			r->o->unresolved(r->o->arg, r->file, rec->line, l.unit_why);
		if (r->first == 0)
			r->first = id;
		r->last = id;
	} else if (rc == 0)
		r->st->known++;
	fields_release(&f);
	return rc < 0 ? -1 : 0;
}

static int
run_init(struct run *r, mi_ctx *c, const mi_intake_opts *o, mi_intake_stats *st, mi_err *e)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->o = o;
	r->st = st;
	r->future = c->now + 3600LL * mi_config_int(c->cfg, "intake.future_hours", 24);
	load_layouts(r);
	if (o->layout) {
		size_t i;

		for (i = 0; i < r->nlay; i++)
			if (strcmp(r->lay[i].name, o->layout) == 0)
				break;
		if (i == r->nlay)
			return mi_err_set(e, MI_EX_USAGE, "unknown layout '%s'", o->layout);
	}
	if (mi_gaz_load(c->db, &r->g, e) < 0)
		return -1;
	return load_people(r, e);
}

static void
run_release(struct run *r)
{
	mi_gaz_free(r->g);
	free(r->lay);
	free(r->people);
	free(r->pnames);
}

/* Prints the cases this run added, read back as stored. */
static int
emit(struct run *r, mi_err *e)
{
	static const char sql[] =
	    "SELECT c.id, c.channel, c.ref, c.received, s.name, m.name, x.name, c.category, c.text "
	    "FROM cases c LEFT JOIN units s ON s.id = c.street_id "
	    "LEFT JOIN units m ON m.id = c.community_id LEFT JOIN units x ON x.id = c.estate_id "
	    "WHERE c.id BETWEEN ? AND ? ORDER BY c.id";
	sqlite3_stmt *st;
	const char *v[9];
	char t[24];
	mi_record row;
	int rc, i;

	if (r->first == 0 || r->o->added == NULL)
		return 0;
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->first);
	sqlite3_bind_int64(st, 2, r->last);
	row.n = 9;
	row.key = (const char **)mi_intake_columns;
	row.val = v;
	row.line = 0;
	row.bad = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 9; i++) {
			v[i] = (const char *)sqlite3_column_text(st, i);
			if (v[i] == NULL)
				v[i] = "";
		}
		v[3] = mi_time_format(sqlite3_column_int64(st, 3), t, sizeof(t));
		if (r->o->dry_run)
			v[0] = "";
		r->o->added(r->o->arg, &row);
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql, e);
}

/* Commits (or, for a dry run, rolls back) and only then streams the new
 * cases, so nothing printed names a case that was not kept. */
static int
finish(struct run *r, int rc, mi_err *e)
{
	if (rc >= 0 && r->o->dry_run)
		rc = emit(r, e);
	else if (rc >= 0 && mi_db_commit(r->c->db, e) < 0)
		rc = -1;
	else if (rc >= 0)
		rc = emit(r, e);
	mi_db_rollback(r->c->db);
	run_release(r);
	return rc;
}

static int
read_all(struct run *r, mi_reader *rd, mi_err *e)
{
	const mi_record *rec;
	int rc;

	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		if (r->use == NULL) {
			r->use = detect(r, rec);
			if (r->use == NULL)
				return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: no known layout: no "
				    "column holds the demand text (see layouts in minyi(5))",
				    r->file, mi_reader_format(rd) == MI_FMT_CSV ? 1 : rec->line);
			r->csv = mi_reader_format(rd) == MI_FMT_CSV;
			if (r->csv)
				cache_columns(r, rec);
		}
		if (one(r, rec, e) < 0)
			return -1;
		if (++r->records % 10000 == 0 && r->o->progress)
			r->o->progress(r->o->arg, r->records);
	}
	return rc;
}

int
mi_intake_file(mi_ctx *c, const char *path, const mi_intake_opts *o, mi_intake_stats *st,
    mi_err *e)
{
	struct run r;
	mi_reader *rd;
	int rc;

	if (mi_reader_open(&rd, path, o->format, o->enc, e) < 0)
		return -1;
	if (run_init(&r, c, o, st, e) < 0) {
		run_release(&r);
		mi_reader_close(rd);
		return -1;
	}
	r.file = mi_reader_path(rd);
	if (mi_db_begin(c->db, e) < 0) {
		run_release(&r);
		mi_reader_close(rd);
		return -1;
	}
	rc = read_all(&r, rd, e);
	mi_reader_close(rd);
	return finish(&r, rc, e);
}

int
mi_intake_record(mi_ctx *c, const mi_record *rec, const mi_intake_opts *o,
    mi_intake_stats *st, mi_err *e)
{
	struct run r;
	size_t i;
	int rc;

	if (run_init(&r, c, o, st, e) < 0) {
		run_release(&r);
		return -1;
	}
	r.file = "(flags)";
	for (i = 0; i < r.nlay; i++)
		if (strcmp(r.lay[i].name, "minyi") == 0)
			r.use = &r.lay[i];
	if (r.use == NULL) {
		run_release(&r);
		return mi_err_set(e, MI_EX_CONFIG, "the config has no 'minyi' layout");
	}
	if (mi_db_begin(c->db, e) < 0) {
		run_release(&r);
		return -1;
	}
	rc = one(&r, rec, e);
	if (rc > 0 && !o->strict)
		rc = 0;
	return finish(&r, rc, e);
}
