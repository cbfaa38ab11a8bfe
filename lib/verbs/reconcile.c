/* reconcile.c - the hotline against the ledger (对比分析): import, match, book.
 *
 * One run is one transaction: the exports are read into the hotline table
 * (by ticket: a record seen before and unchanged is left alone), every new
 * or changed record is matched against the ledger, and the consequences are
 * written with it: a matched case counts the calls it got, a miss costs the
 * responsible unit and person double points, and --intake-missed puts the
 * missed demand itself in the ledger. The misses of the last
 * reconcile.recheck_days are matched again with the run's records, since a
 * team's sheet often lands after the hotline export it answers: one that
 * matches now is matched and its deduction withdrawn, unless its month's
 * bulletin is published, when it is only reported.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/reconcile.h"

#define MAX_TEXT 20000

enum { OUT_NONE, OUT_MATCHED, OUT_MISSED, OUT_OUTSIDE };
static const char *const outcome_name[] = { "", "matched", "missed", "outside" };

/* The strings of a record, NUL-separated in one allocation. */
enum { S_TICKET, S_PHONE, S_REPORTER, S_ADDRESS, S_STREET, S_COMMUNITY, S_CATEGORY, S_TEXT,
	S_SOURCE, S_N };

/* A record to reconcile in this run: new, or changed since it was last seen. */
struct hrec {
	int64_t id;            /* in the hotline table; 0 until inserted */
	int64_t received;
	int64_t old_case;      /* before this run */
	int64_t old_received;  /* before this run, when stored */
	int64_t frozen_at;     /* held changed: a time in the published month */
	int64_t case_id;       /* the match, or the case made for a miss */
	int64_t made;          /* a case this run made for it */
	char *s;               /* the strings */
	const char *str[S_N];
	char digest[17];
	signed char old_outcome, outcome;
	unsigned char is_new;
	unsigned char recheck;   /* a stored miss, not in the exports, checked again */
	unsigned char frozen;    /* its month is published */
	unsigned char held;      /* it matches now, but its month is published; or it
	                          * changed, and its month (then or now) is */
	long line;
	char *note;            /* whom a miss was charged to */
	mi_mjob j;             /* what matching needs and finds */
};

/* Tickets seen in this run, to the record that holds them. */
struct tmap {
	uint64_t *key;
	size_t *val;
	size_t cap, n;
};

struct run {
	mi_ctx *c;
	const mi_reconcile_opts *o;
	mi_reconcile_stats *stats;
	mi_gazetteer *g;
	const char *file_now;      /* the export being read, as its reader names it */
	mi_matcher *m;
	mi_layouts lays;
	struct hrec *h;
	size_t nh, caph;
	struct tmap seen;
	int64_t future;
	mi_cadres cadres;
	double points;
	int recheck_days;
	int charge_estate;
	int empty;             /* the hotline table was empty: nothing to look up */
	int has_old;           /* it holds tickets made by the rule before ("h:") */
	mi_buf scratch;        /* the record being read */
	mi_mjob **jobs;        /* the records, as the matcher has them */
	long records;
};

void
mi_reconcile_opts_init(mi_reconcile_opts *o)
{
	memset(o, 0, sizeof(*o));
}

/* ---- tickets seen ---- */

static size_t *
tmap_slot(struct tmap *t, uint64_t key, int add, int *made)
{
	size_t i, j;

	*made = 0;
	if (add && (t->n + 1) * 2 > t->cap) {
		struct tmap old = *t;

		t->cap = t->cap ? t->cap * 2 : 1024;
		t->key = mi_xcalloc(t->cap, sizeof(*t->key));
		t->val = mi_xcalloc(t->cap, sizeof(*t->val));
		t->n = 0;
		for (i = 0; i < old.cap; i++) {
			if (old.key[i] == 0)
				continue;
			for (j = old.key[i] & (t->cap - 1); t->key[j]; j = (j + 1) & (t->cap - 1))
				;
			t->key[j] = old.key[i];
			t->val[j] = old.val[i];
			t->n++;
		}
		free(old.key);
		free(old.val);
	}
	if (t->cap == 0)
		return NULL;
	for (i = key & (t->cap - 1); t->key[i]; i = (i + 1) & (t->cap - 1))
		if (t->key[i] == key)
			return &t->val[i];
	if (!add)
		return NULL;
	t->key[i] = key;
	t->n++;
	*made = 1;
	return &t->val[i];
}

static uint64_t
ticket_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

/* The slot of the record that holds ticket in this run, or NULL; with add,
 * a new slot for it. Two tickets of one hash are told apart by their text,
 * the second going on to the next hash. */
static size_t *
seen_ticket(struct run *r, const char *ticket, int add)
{
	uint64_t h = ticket_hash(ticket);
	size_t *v;
	int made;

	for (;;) {
		v = tmap_slot(&r->seen, h, add, &made);
		if (v == NULL || made || strcmp(r->h[*v].str[S_TICKET], ticket) == 0)
			return v;
		h = h * 6364136223846793005ULL + 1442695040888963407ULL;
		h += h == 0;
	}
}

/* ---- setting up ---- */

static int
hotline_empty(struct run *r, int *empty, mi_err *e)
{
	static const char sql[] = "SELECT NOT EXISTS (SELECT 1 FROM hotline), "
	    "EXISTS (SELECT 1 FROM hotline WHERE ticket >= 'h:' AND ticket < 'h;')";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return mi_db_fail(r->c->db, sql, e);
	*empty = sqlite3_column_int(st, 0);
	r->has_old = sqlite3_column_int(st, 1);
	return 0;
}

static int
run_init(struct run *r, mi_ctx *c, const mi_reconcile_opts *o, mi_reconcile_stats *stats,
    int model, mi_err *e)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->o = o;
	r->stats = stats;
	r->future = c->now + 3600LL * mi_config_int(c->cfg, "intake.future_hours", 24);
	r->points = mi_config_num(c->cfg, "reconcile.points", 1) *
	    mi_config_num(c->cfg, "reconcile.multiplier", 2);
	r->recheck_days = mi_config_int(c->cfg, "reconcile.recheck_days", 45);
	r->charge_estate = strcmp(mi_config_str(c->cfg, "reconcile.charge", "community"),
	    "estate") == 0;
	mi_layouts_load(c->cfg, &r->lays);
	if (o->layout && mi_layout_find(&r->lays, o->layout) == NULL)
		return mi_err_set(e, MI_EX_USAGE, "unknown layout '%s'", o->layout);
	/* The run reads the window's cases and writes many pages: SQLite's
	 * default cache of 2 MB would read most of them twice. */
	if (mi_db_exec(c->db, "PRAGMA cache_size = -131072", e) < 0)
		return -1;
	if (mi_gaz_load(c->db, &r->g, e) < 0 || mi_matcher_new(c, r->g, &r->m, e) < 0)
		return -1;
	if (model && !o->hand_set && !cJSON_IsFalse(mi_config_get(c->cfg, "reconcile.estimated")) &&
	    mi_matcher_use_model(r->m, e) < 0)
		return -1;
	return mi_cadres_load(r->c, &r->cadres, e);
}

static void
run_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nh; i++) {
		free(r->h[i].s);
		free(r->h[i].note);
	}
	free(r->h);
	free(r->seen.key);
	free(r->seen.val);
	mi_cadres_release(&r->cadres);
	mi_buf_release(&r->scratch);
	mi_matcher_free(r->m);
	free(r->jobs);
	mi_gaz_free(r->g);
	mi_layouts_release(&r->lays);
}

/* ---- reading the exports ---- */

struct fields {
	const char *v[S_N];
	size_t at[S_N];        /* where in the run's scratch a value was put, plus 1 */
	char phone[32];
	char ticket[40];
	char oldticket[20];    /* the ticket the rule before made for it */
	int64_t received;
	int unreadable;        /* the phone cannot be read: kept as written */
};

/* The record's values are copied, then trimmed, in one buffer reused from
 * record to record. */
static void
take(mi_buf *b, struct fields *f, int k, const char *v)
{
	if (v == NULL)
		return;
	f->at[k] = b->len + 1;
	mi_buf_add(b, v, strlen(v) + 1);
}

static void
took(mi_buf *b, struct fields *f)
{
	size_t k;
	char *t;

	for (k = 0; k < S_N; k++) {
		if (f->at[k] == 0)
			continue;
		t = mi_trim(b->s + f->at[k] - 1);
		f->v[k] = *t ? t : NULL;
	}
}

/* Reads and checks a record; NULL, or why it is rejected. */
static const char *
check(struct run *r, const mi_fieldmap *map, const mi_record *rec, struct fields *f,
    char *why, size_t nwhy)
{
	static const int from[S_N] = { MI_F_REF, MI_F_PHONE, MI_F_REPORTER, MI_F_ADDRESS,
		MI_F_STREET, MI_F_COMMUNITY, MI_F_CATEGORY, MI_F_TEXT, -1 };
	const char *when = mi_field(map, rec, MI_F_RECEIVED);
	size_t k;

	memset(f, 0, sizeof(*f));
	mi_buf_reset(&r->scratch);
	for (k = 0; k < S_N; k++)
		if (from[k] >= 0)
			take(&r->scratch, f, (int)k, mi_field(map, rec, from[k]));
	took(&r->scratch, f);
	/* A BOM or a zero-width character in a ticket or a phone is not part of it. */
	if (f->v[S_TICKET] && !*mi_trim(mi_strip_invisible((char *)f->v[S_TICKET])))
		f->v[S_TICKET] = NULL;
	if (f->v[S_PHONE] && !*mi_trim(mi_strip_invisible((char *)f->v[S_PHONE])))
		f->v[S_PHONE] = NULL;
	if (!f->v[S_TEXT])
		return "no demand text";
	if (strlen(f->v[S_TEXT]) > MAX_TEXT)
		return "demand text longer than 20000 bytes";
	if (when == NULL || *when == '\0')
		return "no received time";
	if (mi_time_read(when, &f->received, why, nwhy) < 0)
		return why;
	if (f->received > r->future) {
		snprintf(why, nwhy, "received time '%.60s' is in the future", when);
		return why;
	}
	/* A caller id the phone rules cannot read is kept as written (masked in
	 * every output) and said; --strict refuses it, as intake does. */
	if (f->v[S_PHONE] && mi_phone_norm(f->v[S_PHONE], f->phone, sizeof(f->phone)) < 0) {
		if (r->o->strict)
			return mi_phone_why(f->v[S_PHONE], why, nwhy);
		f->unreadable = 1;
	} else
		f->v[S_PHONE] = f->phone[0] ? f->phone : NULL;
	{
		const char *v[MI_F_N] = { NULL };

		v[MI_F_CHANNEL] = "hotline";
		v[MI_F_REPORTER] = f->v[S_REPORTER];
		v[MI_F_ADDRESS] = f->v[S_ADDRESS];
		v[MI_F_STREET] = f->v[S_STREET];
		v[MI_F_COMMUNITY] = f->v[S_COMMUNITY];
		v[MI_F_CATEGORY] = f->v[S_CATEGORY];
		v[MI_F_TEXT] = f->v[S_TEXT];
		if (mi_content_ref(&f->v[S_TICKET], f->received, f->v[S_PHONE], v, f->ticket) < 0)
			return "ticket longer than 200 bytes";
	}
	return NULL;
}

/* What the record says, as 16 hex digits: a record read again with the
 * same digest has not changed. (FNV-1a: it guards against change, not
 * against forgery.) */
static void
digest(const struct fields *f, char out[17])
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)f->received;
	const unsigned char *p;
	size_t k;

	for (k = 0; k < S_SOURCE; k++) {
		h = (h ^ 0x1f) * 1099511628211ULL;
		for (p = (const unsigned char *)(f->v[k] ? f->v[k] : ""); *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static void
set_strings(struct hrec *h, const struct fields *f, const char *source)
{
	size_t k, n = 0;
	char *p;

	free(h->s);
	for (k = 0; k < S_N; k++)
		n += (k == S_SOURCE ? strlen(source) : f->v[k] ? strlen(f->v[k]) : 0) + 1;
	h->s = p = mi_xmalloc(n);
	for (k = 0; k < S_N; k++) {
		const char *v = k == S_SOURCE ? source : f->v[k];

		if (v == NULL) {
			h->str[k] = NULL;
			*p++ = '\0';
			continue;
		}
		h->str[k] = p;
		strcpy(p, v);
		p += strlen(v) + 1;
	}
}

static int
outcome_parse(const char *s)
{
	int i;

	for (i = 1; s && i <= OUT_OUTSIDE; i++)
		if (strcmp(s, outcome_name[i]) == 0)
			return i;
	return OUT_NONE;
}

/* What the table holds for a ticket: 1 found, 0 not, -1 error. */
static int
stored(struct run *r, const char *ticket, int64_t *id, char dig[17], int *outcome,
    int64_t *case_id, int64_t *received, mi_err *e)
{
	static const char sql[] = "SELECT id, coalesce(digest, ''), outcome, "
	    "coalesce(case_id, 0), received FROM hotline WHERE ticket = ?";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, ticket, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return mi_db_fail(r->c->db, sql, e);
	*id = sqlite3_column_int64(st, 0);
	snprintf(dig, 17, "%s", (const char *)sqlite3_column_text(st, 1));
	*outcome = outcome_parse((const char *)sqlite3_column_text(st, 2));
	*case_id = sqlite3_column_int64(st, 3);
	*received = sqlite3_column_int64(st, 4);
	return 1;
}

/*
 * A record without a ticket that the rule before recorded, its ticket made
 * from the time, phone, text and address alone ("h:"): when the table holds
 * that ticket with the same fields (the same digest under it), the record is
 * that one and keeps its ticket, so a file read before the upgrade does not
 * land twice. 1 found (f, dig and the stored state set as stored() does), 0
 * not, -1 error.
 */
static int
stored_old(struct run *r, struct fields *f, char dig[17], int64_t *id, char old[17],
    int *outcome, int64_t *case_id, int64_t *received, mi_err *e)
{
	char d[17];
	int rc;

	if (!r->has_old || f->v[S_TICKET] != f->ticket)
		return 0;
	/* The rule before had no phone it could not read. */
	mi_content_ref_old(f->received, f->unreadable ? "" : f->phone, f->v[S_TEXT],
	    f->v[S_ADDRESS], f->oldticket);
	if ((rc = stored(r, f->oldticket, id, old, outcome, case_id, received, e)) <= 0)
		return rc;
	f->v[S_TICKET] = f->oldticket;
	digest(f, d);
	if (old[0] && strcmp(old, d) != 0) {
		/* Another record of the same time, phone, text and address. */
		f->v[S_TICKET] = f->ticket;
		*id = 0;
		*outcome = OUT_NONE;
		*case_id = 0;
		return 0;
	}
	memcpy(dig, d, 17);
	return 1;
}

static struct hrec *
new_hrec(struct run *r)
{
	if (r->nh == r->caph) {
		r->caph = r->caph ? r->caph * 2 : 1024;
		r->h = mi_xrealloc(r->h, r->caph * sizeof(*r->h));
	}
	memset(&r->h[r->nh], 0, sizeof(r->h[0]));
	return &r->h[r->nh++];
}

/* 0 kept or known, 1 rejected, -1 stop. */
static int
one(struct run *r, const mi_fieldmap *map, const char *file, const mi_record *rec, mi_err *e)
{
	struct fields f;
	struct hrec *h;
	char why[160], dig[17], old[17] = "";
	const char *bad = rec->bad;
	int64_t id = 0, old_case = 0, old_received = 0;
	size_t *slot;
	int outcome = OUT_NONE, rc;

	if (bad == NULL)
		bad = check(r, map, rec, &f, why, sizeof(why));
	else
		memset(&f, 0, sizeof(f));
	if (bad)
		return mi_record_refuse(file, rec, bad, r->o->strict, r->o->reject, r->o->arg,
		    &r->stats->rejected, e) < 0 ? -1 : 1;
	if (f.unreadable) {
		mi_buf m = MI_BUF_INIT;

		r->stats->unreadable++;
		mi_buf_puts(&m, "phone unreadable, kept as written: '");
		mi_mask_digits(f.v[S_PHONE], &m);
		mi_buf_putc(&m, '\'');
		if (r->o->warn)
			r->o->warn(r->o->arg, file, rec->line, mi_buf_str(&m));
		mi_buf_release(&m);
	}
	digest(&f, dig);
	slot = seen_ticket(r, f.v[S_TICKET], 0);
	if (slot == NULL) {
		rc = r->empty ? 0 : stored(r, f.v[S_TICKET], &id, old, &outcome, &old_case,
		    &old_received, e);
		if (rc == 0)
			rc = stored_old(r, &f, dig, &id, old, &outcome, &old_case, &old_received, e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			slot = seen_ticket(r, f.v[S_TICKET], 0);
	}
	if (slot) {
		/* Twice in this run: the later row is the later state of the ticket. */
		h = &r->h[*slot];
		if (strcmp(h->digest, dig) == 0) {
			r->stats->unchanged++;
		} else {
			set_strings(h, &f, file);
			h->received = f.received;
			h->line = rec->line;
			memcpy(h->digest, dig, sizeof(dig));
		}
		return 0;
	}
	if (rc == 1 && strcmp(old, dig) == 0 && outcome != OUT_NONE) {
		r->stats->unchanged++;
		return 0;
	}
	h = new_hrec(r);
	h->id = id;
	h->is_new = id == 0;
	h->old_outcome = (signed char)outcome;
	h->old_case = old_case;
	h->old_received = old_received;
	h->received = f.received;
	h->line = rec->line;
	memcpy(h->digest, dig, sizeof(dig));
	set_strings(h, &f, file);
	*seen_ticket(r, f.v[S_TICKET], 1) = r->nh - 1;
	if (id)
		r->stats->updated++;
	else
		r->stats->added++;
	return 0;
}

/* Reads one sheet of an export (file names it) with ds, which the caller
 * keeps while it reads rd (the reader's header test points into it) and
 * releases; 0 read, 1 not an export we know (reported), -1 stop. */
static int
read_sheet(struct run *r, mi_reader *rd, const char *file, mi_dsheet *ds, mi_err *e)
{
	const mi_record *rec;
	int rc;

	mi_dsheet_start(ds, rd, &r->lays, r->o->layout);
	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		if (ds->use == NULL && mi_dsheet_bind(ds, rd, rec, 1, e) < 0) {
			rc = 1;     /* the file is refused, the others are read */
			break;
		}
		if (mi_dsheet_skip(ds, rec)) {
			r->stats->empty++;
			continue;
		}
		if (one(r, &ds->map, file, rec, e) < 0) {
			rc = -1;
			break;
		}
		if (++r->records % 10000 == 0 && r->o->progress)
			r->o->progress(r->o->arg, "records", r->records);
	}
	if (rc == 0) {
		r->stats->empty += mi_reader_blank_rows(rd);
		if (ds->use && r->o->note) {
			mi_buf b = MI_BUF_INIT;

			mi_dsheet_report(ds, rd, &b);
			r->o->note(r->o->arg, file, mi_buf_str(&b));
			mi_buf_release(&b);
		}
	}
	return rc;
}

/* Another sheet of an export (mi_reader_each_more); one that cannot be
 * read is said, and counted as rejected. */
static int
more_sheet(void *arg, mi_reader *rs, const char *where, mi_err *e)
{
	struct run *r = arg;
	mi_dsheet ds;
	int rc;

	if (rs) {
		rc = read_sheet(r, rs, where, &ds, e);
		mi_dsheet_release(&ds);
		return rc < 0 ? -1 : 0;
	}
	if (r->o->warn)
		r->o->warn(r->o->arg, r->file_now, 0, where);
	r->stats->rejected++;
	return 0;
}

/*
 * Reads one export: its sheet, and a workbook's other sheets whose rows
 * hold a header, each named file[sheet]. 0 read, 1 not an export we know
 * (reported), -1 stop.
 */
static int
read_file(struct run *r, const char *path, mi_err *e)
{
	mi_reader *rd;
	mi_dsheet ds;
	int rc;

	if (mi_reader_open(&rd, path, r->o->format, r->o->enc, e) < 0)
		return -1;
	mi_reader_sheet(rd, r->o->sheet);
	r->file_now = mi_reader_path(rd);
	rc = read_sheet(r, rd, r->file_now, &ds, e);
	if (rc == 0 && mi_reader_each_more(rd, path, r->o->format, r->o->enc, more_sheet, r, e) < 0)
		rc = -1;
	mi_dsheet_release(&ds);
	mi_reader_close(rd);
	return rc;
}

/* ---- the stored misses, checked again ---- */

static int
month_published(struct run *r, int64_t when, int *yes, mi_err *e)
{
	static const char sql[] = "SELECT 1 FROM published WHERE month = ?";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	char month[16];
	int rc;

	if (st == NULL)
		return -1;
	mi_month_format(when, month, sizeof(month));
	sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	*yes = rc == SQLITE_ROW;
	return 0;
}

/* The misses received since now - reconcile.recheck_days that this run's
 * exports do not hold, as records of the run marked recheck. */
static int
load_misses(struct run *r, mi_err *e)
{
	static const char sql[] =
	    "SELECT id, ticket, received, phone, reporter, address, given_street, "
	    "given_community, category, text, coalesce(source, ''), coalesce(digest, ''), "
	    "coalesce(case_id, 0) FROM hotline WHERE outcome = 'missed' AND received >= ? "
	    "ORDER BY received, id";
	static const int col[S_N] = { 1, 3, 4, 5, 6, 7, 8, 9, -1 };
	sqlite3_stmt *st;
	struct fields f;
	struct hrec *h;
	size_t k;
	int rc, frozen = 0;

	if (r->recheck_days <= 0 || r->empty)
		return 0;
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->c->now - 86400LL * r->recheck_days);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&f, 0, sizeof(f));
		for (k = 0; k < S_N; k++)
			if (col[k] >= 0)
				f.v[k] = (const char *)sqlite3_column_text(st, col[k]);
		if (seen_ticket(r, f.v[S_TICKET], 0))
			continue;
		if (month_published(r, sqlite3_column_int64(st, 2), &frozen, e) < 0)
			return -1;
		h = new_hrec(r);
		h->id = sqlite3_column_int64(st, 0);
		h->received = sqlite3_column_int64(st, 2);
		h->old_outcome = OUT_MISSED;
		h->old_case = sqlite3_column_int64(st, 12);
		h->recheck = 1;
		h->frozen = (unsigned char)frozen;
		snprintf(h->digest, sizeof(h->digest), "%s",
		    (const char *)sqlite3_column_text(st, 11));
		set_strings(h, &f, (const char *)sqlite3_column_text(st, 10));
		*seen_ticket(r, f.v[S_TICKET], 1) = r->nh - 1;
		r->stats->rechecked++;
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql, e);
}

/* ---- matching ---- */

static int
match_all(struct run *r, int best, mi_err *e)
{
	mi_mjob **jobs;
	size_t i;

	for (i = 0; i < r->nh; i++) {
		struct hrec *h = &r->h[i];
		mi_hotline_fields *f = &h->j.f;

		f->id = h->id;
		f->ticket = h->str[S_TICKET];
		f->phone = h->str[S_PHONE];
		f->reporter = h->str[S_REPORTER];
		f->address = h->str[S_ADDRESS];
		f->street = h->str[S_STREET];
		f->community = h->str[S_COMMUNITY];
		f->category = h->str[S_CATEGORY];
		f->text = h->str[S_TEXT];
		f->received = h->received;
	}
	r->jobs = jobs = mi_xcalloc(r->nh + 1, sizeof(*jobs));
	for (i = 0; i < r->nh; i++)
		jobs[i] = &r->h[i].j;
	if (mi_matcher_run(r->m, jobs, r->nh, r->o->progress, r->o->arg, e) < 0)
		return -1;
	if (best)
		mi_matcher_best_start(r->m, jobs, r->nh);
	return 0;
}

/* The outcome of record i, once its best case is found. */
static void
decide(struct run *r, size_t i)
{
	struct hrec *h = &r->h[i];

	mi_matcher_best_wait(r->m, i);
	if (h->j.matched) {
		h->outcome = OUT_MATCHED;
		h->case_id = h->j.case_id;
	} else {
		h->outcome = h->j.ours ? OUT_MISSED : OUT_OUTSIDE;
		/* a case made for an earlier miss stays the record's case */
		h->case_id = h->old_outcome == OUT_MISSED ? h->old_case : 0;
	}
}

/* ---- writing ---- */

static const char sql_insert[] =
    "INSERT INTO hotline(ticket, received, phone, reporter, address, street_id, community_id, "
    "estate_id, category, text, source, imported, updated, outcome, case_id, score, digest, "
    "note, given_street, given_community) "
    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?12,?13,?14,?15,?16,?17,?18,?19)";
static const char sql_update[] =
    "UPDATE hotline SET ticket = ?1, received = ?2, phone = ?3, reporter = ?4, address = ?5, "
    "street_id = ?6, community_id = ?7, estate_id = ?8, category = ?9, text = ?10, "
    "source = ?11, updated = ?12, outcome = ?13, case_id = ?14, score = ?15, digest = ?16, "
    "note = ?17, given_street = ?18, given_community = ?19 WHERE id = ?20";

static int
write_record(struct run *r, struct hrec *h, mi_err *e)
{
	const char *sql = h->id ? sql_update : sql_insert;
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, h->str[S_TICKET], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->received);
	mi_bind_text(st, 3, h->str[S_PHONE]);
	mi_bind_text(st, 4, h->str[S_REPORTER]);
	mi_bind_text(st, 5, h->str[S_ADDRESS]);
	mi_bind_id(st, 6, h->j.m.street);
	mi_bind_id(st, 7, h->j.m.community);
	mi_bind_id(st, 8, h->j.m.estate);
	mi_bind_text(st, 9, h->str[S_CATEGORY]);
	mi_bind_text(st, 10, h->str[S_TEXT]);
	mi_bind_text(st, 11, h->str[S_SOURCE]);
	sqlite3_bind_int64(st, 12, r->c->now);
	sqlite3_bind_text(st, 13, outcome_name[h->outcome], -1, SQLITE_STATIC);
	mi_bind_id(st, 14, h->case_id);
	if (h->j.has_score)
		sqlite3_bind_double(st, 15, h->j.score);
	sqlite3_bind_text(st, 16, h->digest, -1, SQLITE_STATIC);
	mi_bind_text(st, 17, h->outcome == OUT_OUTSIDE ? h->j.note : NULL);
	mi_bind_text(st, 18, h->str[S_STREET]);
	mi_bind_text(st, 19, h->str[S_COMMUNITY]);
	if (h->id)
		sqlite3_bind_int64(st, 20, h->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	if (!h->id)
		h->id = sqlite3_last_insert_rowid(r->c->db);
	return 0;
}

/* A case whose calls must be counted again, for one record. */
struct touch {
	int64_t case_id;
	size_t rec;
	int matched;
};

struct touches {
	struct touch *v;
	size_t n, cap;
};

static double
round2(double x)
{
	return (double)(long long)(x * 100 + (x < 0 ? -0.5 : 0.5)) / 100;
}

/* A case's calls counted again after the records of this run that were
 * matched to it or no longer are (t[0..n), all of that case), with the
 * one event that says which. */
static int
recount(struct run *r, const struct touch *t, size_t n, mi_err *e)
{
	static const char sql_count[] =
	    "SELECT count(*) FROM hotline WHERE case_id = ? AND outcome = 'matched'";
	/* The case and its seal in one write: a million-case ledger is rewritten
	 * page by page when a large export matches much of it. */
	static const char sql[] =
	    "UPDATE cases SET hotline_hits = ?2, watch = ?3, updated = ?3, evhash = ?4 "
	    "WHERE id = ?1";
	sqlite3_stmt *st = mi_stmt(r->c, sql_count, e);
	cJSON *d, *in = NULL, *out = NULL, *x;
	mi_case_event ev;
	char *text;
	int64_t hits;
	size_t i;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t[0].case_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return mi_db_fail(r->c->db, sql_count, e);
	hits = sqlite3_column_int64(st, 0);
	d = cJSON_CreateObject();
	for (i = 0; i < n; i++) {
		const struct hrec *h = &r->h[t[i].rec];

		x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "ticket", h->str[S_TICKET]);
		cJSON_AddNumberToObject(x, "hotline", (double)h->id);
		if (t[i].matched) {
			cJSON_AddNumberToObject(x, "score", round2(h->j.score));
			if (in == NULL)
				in = cJSON_AddArrayToObject(d, "matched");
			cJSON_AddItemToArray(in, x);
		} else {
			if (out == NULL)
				out = cJSON_AddArrayToObject(d, "unmatched");
			cJSON_AddItemToArray(out, x);
		}
	}
	cJSON_AddNumberToObject(d, "hits", (double)hits);
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	rc = -1;
	if ((st = mi_stmt(r->c, sql, e)) != NULL) {
		sqlite3_bind_int64(st, 1, t[0].case_id);
		sqlite3_bind_int64(st, 2, hits);
		sqlite3_bind_int64(st, 3, r->c->now);
		ev.id = t[0].case_id;
		ev.kind = "hotline";
		ev.details = text;
		ev.param = 4;
		/* a case deleted behind our back gets no event */
		rc = mi_case_write(r->c, st, &ev, 1, e) < 0 ? -1 : 0;
	}
	cJSON_free(text);
	return rc;
}

static int
book(struct run *r, struct hrec *h, mi_err *e)
{
	static const char sql[] =
	    "INSERT INTO deductions(month, unit_id, person_id, points, reason, hotline_id, created) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(hotline_id) DO UPDATE SET "
	    "month = excluded.month, unit_id = excluded.unit_id, person_id = excluded.person_id, "
	    "points = excluded.points, reason = excluded.reason";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	int64_t unit = r->charge_estate && h->j.m.estate ? h->j.m.estate :
	    h->j.m.community ? h->j.m.community : h->j.m.street;
	int64_t person = h->j.m.estate ? mi_cadre_of(&r->cadres, h->j.m.estate) : 0;
	char month[16], reason[256], note[200];

	if (st == NULL)
		return -1;
	mi_month_format(h->received, month, sizeof(month));
	snprintf(reason, sizeof(reason), "hotline ticket %s", h->str[S_TICKET]);
	sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
	mi_bind_id(st, 2, unit);
	mi_bind_id(st, 3, person);
	sqlite3_bind_double(st, 4, r->points);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, h->id);
	sqlite3_bind_int64(st, 7, r->c->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	snprintf(note, sizeof(note), "%g points to %s", r->points,
	    mi_gaz_code(r->g, unit) ? mi_gaz_code(r->g, unit) : "?");
	free(h->note);
	h->note = mi_xstrdup(note);
	r->stats->deductions++;
	return 0;
}

/* The deduction of a record that is no longer a miss is withdrawn, with an
 * event that says what it was (on the case matched, else on no case). */
static int
unbook(struct run *r, struct hrec *h, mi_err *e)
{
	static const char sql_get[] =
	    "SELECT month, unit_id, points FROM deductions WHERE hotline_id = ?";
	static const char sql[] = "DELETE FROM deductions WHERE hotline_id = ?";
	sqlite3_stmt *st = mi_stmt(r->c, sql_get, e);
	char *text, note[200];
	cJSON *d;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, h->id);
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return mi_db_fail(r->c->db, sql_get, e);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "ticket", h->str[S_TICKET]);
	cJSON_AddNumberToObject(d, "hotline", (double)h->id);
	cJSON_AddStringToObject(d, "month", (const char *)sqlite3_column_text(st, 0));
	cJSON_AddStringToObject(d, "charged", mi_gaz_code_or(r->g, sqlite3_column_int64(st, 1), ""));
	cJSON_AddNumberToObject(d, "points", sqlite3_column_double(st, 2));
	if (h->outcome == OUT_MATCHED) {
		cJSON_AddNumberToObject(d, "case", (double)h->case_id);
		cJSON_AddNumberToObject(d, "score", round2(h->j.score));
	}
	cJSON_AddStringToObject(d, "reason", h->recheck ? "recheck" : "record changed");
	snprintf(note, sizeof(note), "re-checked: %g points withdrawn", sqlite3_column_double(st, 2));
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	sqlite3_reset(st);
	rc = mi_event_add(r->c, h->outcome == OUT_MATCHED ? h->case_id : 0, "withdraw", text, e);
	cJSON_free(text);
	if (rc < 0 || (st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	if (h->recheck) {
		free(h->note);
		h->note = mi_xstrdup(note);
	}
	sqlite3_bind_int64(st, 1, h->id);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql, e);
}

/* The missed demand as a ledger case of channel hotline, so it gets handled. */
static int
make_case(struct run *r, struct hrec *h, mi_err *e)
{
	static const char sql_known[] =
	    "SELECT id FROM cases WHERE channel = 'hotline' AND ref = ?";
	static const char sql_link[] = "UPDATE hotline SET case_id = ?2 WHERE id = ?1";
	static const char sql[] =
	    "INSERT INTO cases(channel, ref, received, reporter, phone, address, street_id, "
	    "community_id, estate_id, category, text, updated) "
	    "SELECT 'hotline', ticket, received, reporter, phone, address, street_id, "
	    "community_id, estate_id, coalesce(?2, category), text, ?3 FROM hotline WHERE id = ?1 "
	    "ON CONFLICT(channel, ref) DO NOTHING";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	const char *cat = mi_matcher_category(r->m, h->j.m.cat[0]);
	cJSON *d;
	char *text, digest[33];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, h->id);
	mi_bind_text(st, 2, cat);
	sqlite3_bind_int64(st, 3, r->c->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	if (sqlite3_changes(r->c->db) == 1) {
		h->made = h->case_id = sqlite3_last_insert_rowid(r->c->db);
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "source", h->str[S_SOURCE]);
		if (h->line > 0)
			cJSON_AddNumberToObject(d, "line", (double)h->line);
		cJSON_AddStringToObject(d, "tool", "reconcile");
		cJSON_AddStringToObject(d, "ticket", h->str[S_TICKET]);
		cJSON_AddNumberToObject(d, "hotline", (double)h->id);
		mi_case_digest("hotline", h->str[S_TICKET], h->received, h->str[S_REPORTER],
		    h->str[S_PHONE], h->str[S_ADDRESS], h->str[S_TEXT], digest);
		cJSON_AddStringToObject(d, "digest", digest);
		text = cJSON_PrintUnformatted(d);
		cJSON_Delete(d);
		rc = mi_event_add(r->c, h->case_id, "intake", text, e);
		cJSON_free(text);
		if (rc < 0)
			return -1;
		r->stats->cases_added++;
	} else {
		/* intake read the export before: the case exists, link it */
		if ((st = mi_stmt(r->c, sql_known, e)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, h->str[S_TICKET], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			h->case_id = sqlite3_column_int64(st, 0);
		else if (rc != SQLITE_DONE)
			return mi_db_fail(r->c->db, sql_known, e);
	}
	if ((st = mi_stmt(r->c, sql_link, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, h->id);
	mi_bind_id(st, 2, h->case_id);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql_link, e);
}

static void
touch(struct touches *t, int64_t case_id, size_t rec, int matched)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = mi_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].case_id = case_id;
	t->v[t->n].rec = rec;
	t->v[t->n].matched = matched;
	t->n++;
}

static int
touchcmp(const void *a, const void *b)
{
	const struct touch *x = a, *y = b;

	if (x->case_id != y->case_id)
		return x->case_id < y->case_id ? -1 : 1;
	return (x->rec > y->rec) - (x->rec < y->rec);
}

/*
 * A miss that had a case made for it (--intake-missed) and matches another
 * case now: the made case repeats the matched one, so it is flagged as its
 * possible duplicate for the centre to decide (ledger --duplicates, then
 * resolve --void ID --duplicate-of N), with an event; unless intake flagged
 * the pair already, the other way round. It is not voided here: it may be
 * in hand already.
 */
static int
flag_made(struct run *r, struct hrec *h, mi_err *e)
{
	static const char sql[] = "UPDATE cases SET dup_of = ?2, updated = ?3, evhash = ?4 "
	    "WHERE id = ?1 AND channel = 'hotline' AND dup_of IS NULL AND status <> 'void' "
	    "AND NOT EXISTS (SELECT 1 FROM cases m WHERE m.id = ?2 AND m.dup_of = ?1)";
	sqlite3_stmt *st;
	mi_case_event ev;
	cJSON *d;
	char *text;
	int rc;

	if (h->old_outcome != OUT_MISSED || h->old_case <= 0 || h->outcome != OUT_MATCHED ||
	    h->case_id == h->old_case)
		return 0;
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	d = cJSON_CreateObject();
	cJSON_AddNumberToObject(d, "duplicate_of", (double)h->case_id);
	cJSON_AddStringToObject(d, "ticket", h->str[S_TICKET]);
	cJSON_AddNumberToObject(d, "hotline", (double)h->id);
	cJSON_AddStringToObject(d, "reason", h->recheck ? "recheck" : "record changed");
	text = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	sqlite3_bind_int64(st, 1, h->old_case);
	sqlite3_bind_int64(st, 2, h->case_id);
	sqlite3_bind_int64(st, 3, r->c->now);
	ev.id = h->old_case;
	ev.kind = "duplicate";
	ev.details = text;
	ev.param = 4;
	rc = mi_case_write(r->c, st, &ev, 1, e);
	cJSON_free(text);
	if (rc < 0)
		return -1;
	if (rc == 1)
		r->stats->made_flagged++;
	return 0;
}

/* A stored miss checked again: only a match changes it, and only when its
 * month is not published. */
static int
write_recheck(struct run *r, struct hrec *h, size_t i, struct touches *t, mi_err *e)
{
	if (h->outcome != OUT_MATCHED) {
		h->outcome = OUT_MISSED;
		return 0;
	}
	if (h->frozen) {
		h->held = 1;
		r->stats->held++;
		return 0;
	}
	if (write_record(r, h, e) < 0)
		return -1;
	r->stats->now_matched++;
	touch(t, h->case_id, i, 1);
	return unbook(r, h, e) < 0 ? -1 : flag_made(r, h, e);
}

/* A stored record that the export changes, when the month it was stored in
 * or the month it now gives is published: the published figures stand, so
 * it is left as it was and listed for the task force. */
static int
hold_changed(struct run *r, struct hrec *h, int *yes, mi_err *e)
{
	int frozen = 0;

	*yes = 0;
	if (h->is_new || h->old_outcome == OUT_NONE)
		return 0;
	h->frozen_at = h->old_received;
	if (month_published(r, h->old_received, &frozen, e) < 0)
		return -1;
	if (!frozen) {
		h->frozen_at = h->received;
		if (month_published(r, h->received, &frozen, e) < 0)
			return -1;
	}
	if (frozen) {
		h->held = h->frozen = 1;
		r->stats->held_changed++;
		r->stats->updated--;
		*yes = 1;
	}
	return 0;
}

static int
write_one(struct run *r, struct hrec *h, size_t i, struct touches *t, mi_err *e)
{
	int was_matched = h->old_outcome == OUT_MATCHED, held;

	if (h->recheck)
		return write_recheck(r, h, i, t, e);
	if (hold_changed(r, h, &held, e) < 0)
		return -1;
	if (held)
		return 0;
	if (write_record(r, h, e) < 0)
		return -1;
	if (h->outcome == OUT_MATCHED) {
		r->stats->matched++;
		if (!was_matched || h->old_case != h->case_id)
			touch(t, h->case_id, i, 1);
	} else if (h->outcome == OUT_MISSED)
		r->stats->missed++;
	else
		r->stats->outside++;
	if (was_matched && h->old_case && h->old_case != h->case_id)
		touch(t, h->old_case, i, 0);
	if (h->outcome == OUT_MISSED) {
		if (book(r, h, e) < 0)
			return -1;
		if (r->o->intake_missed && h->case_id == 0 && make_case(r, h, e) < 0)
			return -1;
	} else if (h->old_outcome == OUT_MISSED && (unbook(r, h, e) < 0 || flag_made(r, h, e) < 0))
		return -1;
	return 0;
}

/* The records first, then the cases they touch in the order of their ids,
 * so that a large ledger is walked once rather than hopped about. */
static int
write_all(struct run *r, mi_err *e)
{
	struct touches t = { NULL, 0, 0 };
	size_t i, k;
	int rc = 0;

	/* Each record is written as soon as it is matched. */
	for (i = 0; i < r->nh && rc == 0; i++) {
		decide(r, i);
		rc = write_one(r, &r->h[i], i, &t, e);
		if (i % 10000 == 9999 && r->o->progress)
			r->o->progress(r->o->arg, "records written", (long)i + 1);
	}
	mi_sort(t.v, t.n, sizeof(*t.v), touchcmp);
	for (i = 0; i < t.n && rc == 0; i += k) {
		for (k = 1; i + k < t.n && t.v[i + k].case_id == t.v[i].case_id; k++)
			;
		rc = recount(r, &t.v[i], k, e);
	}
	free(t.v);
	return rc;
}

/* ---- the run ---- */

static void
emit(struct run *r)
{
	mi_hotline_result res;
	char month[16];
	size_t i;

	if (r->o->done == NULL && r->o->held == NULL)
		return;
	for (i = 0; i < r->nh; i++) {
		const struct hrec *h = &r->h[i];

		if (h->recheck && h->outcome != OUT_MATCHED)
			continue;
		memset(&res, 0, sizeof(res));
		res.hotline = r->o->dry_run && h->is_new ? 0 : h->id;
		res.case_id = r->o->dry_run && h->made ? 0 : h->case_id;
		res.ticket = h->str[S_TICKET];
		res.outcome = outcome_name[h->outcome];
		res.score = h->j.score;
		res.has_score = h->j.has_score;
		res.received = h->received;
		res.phone = h->str[S_PHONE];
		res.street = h->j.m.street ? mi_gaz_name(r->g, h->j.m.street) : NULL;
		res.community = h->j.m.community ? mi_gaz_name(r->g, h->j.m.community) : NULL;
		res.estate = h->j.m.estate ? mi_gaz_name(r->g, h->j.m.estate) : NULL;
		res.category = mi_matcher_category(r->m, h->j.m.cat[0]);
		res.text = h->str[S_TEXT];
		res.note = h->outcome == OUT_MATCHED ? h->note : h->outcome == OUT_OUTSIDE ?
		    h->j.note : h->note;
		if (!h->held && r->o->done)
			r->o->done(r->o->arg, &res);
		else if (r->o->held) {
			res.case_id = h->j.case_id;
			res.changed = !h->recheck;
			res.month = mi_month_format(res.changed ? h->frozen_at : h->received, month,
			    sizeof(month));
			r->o->held(r->o->arg, &res);
		}
	}
}

/* Training reads every record of the exports, whatever the table holds,
 * compares them with the hand-set weights, and writes only the model. */
static int
train(struct run *r, mi_out *out, mi_reconcile_trained *t, mi_err *e)
{
	if (match_all(r, 0, e) < 0)
		return -1;
	return mi_reconcile_fit(r->c, r->m, r->jobs, r->nh, out, t, e);
}

static int
reconcile(mi_ctx *c, char *const *paths, int n, const mi_reconcile_opts *o,
    mi_reconcile_stats *stats, mi_out *out, mi_reconcile_trained *t, mi_err *e)
{
	struct run r;
	mi_err fe;
	int i, rc = 0, frc;

	/* Inside the transaction, so that no other run adds records meanwhile. */
	if (run_init(&r, c, o, stats, t == NULL, e) < 0 || mi_db_begin(c->db, e) < 0 ||
	    hotline_empty(&r, &r.empty, e) < 0) {
		mi_db_rollback(c->db);
		run_release(&r);
		return -1;
	}
	if (t) {
		r.empty = 1;
		r.has_old = 0;
	}
	for (i = 0; i < n && rc == 0; i++) {
		memset(&fe, 0, sizeof(fe));
		frc = read_file(&r, paths[i], &fe);
		if (frc == 1 && !o->strict) {
			stats->files_failed++;
			if (o->failed)
				o->failed(o->arg, &fe);
		} else if (frc != 0) {
			*e = fe;
			rc = -1;
		}
	}
	if (rc == 0 && t)
		rc = train(&r, out, t, e);
	else if (rc == 0) {
		if ((rc = load_misses(&r, e)) == 0)
			rc = match_all(&r, 1, e);
	}
	if (rc == 0 && !t)
		rc = write_all(&r, e);
	if (rc == 0 && !o->dry_run)
		rc = mi_db_commit(c->db, e);
	mi_db_rollback(c->db);
	if (rc == 0 && !t)
		emit(&r);
	run_release(&r);
	return rc;
}

int
mi_reconcile_files(mi_ctx *c, char *const *paths, int n, const mi_reconcile_opts *o,
    mi_reconcile_stats *stats, mi_err *e)
{
	return reconcile(c, paths, n, o, stats, NULL, NULL, e);
}

int
mi_reconcile_train(mi_ctx *c, char *const *paths, int n, const mi_reconcile_opts *o,
    mi_out *out, mi_reconcile_trained *t, mi_reconcile_stats *stats, mi_err *e)
{
	memset(t, 0, sizeof(*t));
	return reconcile(c, paths, n, o, stats, out, t, e);
}
