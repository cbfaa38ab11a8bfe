/* intake.c - recording demands from files, standard input or flags. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verbs/reconcile.h"

const char *const mi_intake_columns[] = {
	"id", "channel", "ref", "received", "street", "community", "estate", "category", "text",
	NULL
};

#define MAX_TEXT 20000

struct person {
	const char *name;
	int64_t unit, id;
};

struct run {
	mi_ctx *c;
	const mi_intake_opts *o;
	mi_intake_stats *stats;
	mi_gazetteer *g;
	mi_layouts lays;
	const mi_layout *use;            /* the layout of the current input */
	mi_dsheet ds;                    /* a file's layout and where its columns are */
	mi_fieldmap map;                 /* a demand given by flags: its layout */
	const mi_fieldmap *fm;           /* the one in use */
	const char *file;
	struct person *people;
	size_t npeople;
	char *pnames;                    /* storage for people names */
	int64_t future;                  /* latest acceptable received time */
	int64_t first, last;             /* the ids this run added: one transaction, so a range */
	long records;
	mi_buf details;                  /* an event's details, reused */
	mi_buf arena;                    /* a record's trimmed values */
	int probing;                     /* look for a known record first (see probe_adapt) */
	int64_t next_id;                 /* the id the next new case gets, once known */
	mi_intake_stats base;            /* the counts before this input */
	long fresh;                      /* new records in a row while probing */
	int batch;                       /* a file: recorded as an import batch */
	mi_matcher *m;                   /* its normaliser, for the duplicate check */
	int64_t dup_window;              /* intake.duplicate_days in seconds; 0: none */
	double dup_min;                  /* intake.duplicate_similarity */
	mi_buf scratch;
	uint16_t sig[512], csig[512];    /* the record's text signature, a candidate's */
	long nsig;                       /* the record's, or -1 when not made yet */
	mi_residents *res;               /* the cases received lately, by resident */
	char digest[65];                 /* its bytes' SHA-256, or "" (standard input) */
	int64_t platform;                /* intake --platform: the platform, else 0 */
	char *platform_code;
};

int
mi_intake_precheck(mi_ctx *c, const mi_intake_opts *o, int argc, char **argv, mi_err *e)
{
	mi_layouts lays;
	int i, found = 1;

	if (o->layout) {
		mi_layouts_load(c->cfg, &lays);
		found = mi_layout_find(&lays, o->layout) != NULL;
		mi_layouts_release(&lays);
		if (!found)
			return mi_err_set(e, MI_EX_USAGE, "unknown layout '%s'", o->layout);
	}
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "-") != 0 && access(argv[i], R_OK) != 0)
			return mi_err_set(e, MI_EX_NOINPUT, "cannot open '%s': %s", argv[i],
			    strerror(errno));
	return 0;
}

void
mi_intake_opts_init(mi_intake_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->channel = -1;
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
	mi_sort(r->people, r->npeople, sizeof(*r->people), personcmp);
	return 0;
}

/* The collector by name: the one in the collecting unit or the community,
 * else the only person of that name. */
static int64_t
find_person(const struct run *r, const char *name, int64_t unit, int64_t community)
{
	struct person k = { name, 0, 0 };
	const struct person *p = mi_search(&k, r->people, r->npeople, sizeof(k), personcmp);
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

/* Where a record is, and a collecting unit named but not found. */
struct loc {
	mi_loc at;
	char unit_why[160];    /* a collecting unit that was named but not found */
	int64_t platform;      /* the platform the demand was raised at, or 0 */
	char platform_code[64];
	char platform_why[160];        /* a platform named but not found */
	int64_t team;          /* the team that collected it, or 0 */
	char team_why[200];    /* a team named but not found, or the collector's teams */
};

struct fields {
	const char *v[MI_F_N];
	const char *tier, *remarks;     /* the tier the team proposed, remarks: for the event */
	const char *platform;  /* the platform column: a platform's code or name */
	const char *team;      /* the team column: a team's code or name */
	int proposed;          /* that tier read (MI_TIER_*), or -1 */
	const char *activity;  /* the activity it was collected at (敲门行动 ...), or NULL */
	char phonebuf[32];     /* the phone normalised */
	const char *phone;     /* as stored: normalised, or as written when unreadable, or "" */
	int unreadable;        /* the phone cannot be read: kept as written */
	char ref[40];
	char oldref[20];       /* a reference made by the rule before, or "" */
	int given_ref;         /* the reference is the record's own, not made from its fields */
	char row[20];          /* with its own reference: its fields' digest ("r:" and hex) */
	int same_row;          /* found known with this very row */
	int channel;
	int64_t received;
};

/* A possible duplicate: the case a record may repeat (0: none) and how alike their texts are. */
struct dup {
	int64_t of;
	double sim;
};

/* The intake event's details, built by hand into the run's buffer: this runs
 * once per record of a bulk import. */
static const char *
details_json(struct run *r, long line, const struct loc *l, const char *digest,
    const struct fields *f, const struct dup *d)
{
	mi_buf *b = &r->details;

	mi_buf_reset(b);
	mi_buf_puts(b, "{\"source\":");
	mi_json_str(b, r->file);
	if (line > 0) {
		mi_buf_puts(b, ",\"line\":");
		mi_buf_int(b, line);
	}
	mi_buf_puts(b, ",\"layout\":");
	mi_json_str(b, r->use->name);
	mi_buf_puts(b, ",\"digest\":\"");
	mi_buf_puts(b, digest);
	mi_buf_putc(b, '"');
	if (f->tier) {
		mi_buf_puts(b, ",\"proposed_tier\":");
		mi_json_str(b, f->tier);
	}
	if (f->remarks) {
		mi_buf_puts(b, ",\"remarks\":");
		mi_json_str(b, f->remarks);
	}
	if (l->platform) {
		mi_buf_puts(b, ",\"platform\":");
		mi_json_str(b, l->platform_code);
	}
	if (f->team) {
		mi_buf_puts(b, ",\"team\":");
		mi_json_str(b, f->team);
	}
	if (!l->at.community && l->at.why[0]) {
		mi_buf_puts(b, ",\"unresolved\":");
		mi_json_str(b, l->at.why);
	}
	if (f->given_ref) {
		mi_buf_puts(b, ",\"row\":\"");
		mi_buf_puts(b, f->row + 2);
		mi_buf_putc(b, '"');
	}
	if (d->of > 0) {
		mi_buf_puts(b, ",\"duplicate_of\":");
		mi_buf_int(b, d->of);
		mi_buf_printf(b, ",\"similarity\":%.2f", d->sim);
	}
	mi_buf_putc(b, '}');
	return mi_buf_str(b);
}

static const char sql_insert[] =
    "INSERT INTO cases(channel, ref, received, reporter, phone, address, street_id, "
    "community_id, estate_id, category, text, collector, collector_id, unit_id, updated, "
    "id, evhash, dup_of, row_digest, platform_id, team_id, activity, proposed_tier) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(channel, ref) DO NOTHING";
static const char sql_maxid[] = "SELECT coalesce(max(id), 0) FROM cases";


/* A JSON value that is an object or an array where text belongs is an error
 * of the export, not a demand to store as JSON text. */
static const char *
wrong_type(const mi_record *rec, const struct fields *f, char *why, size_t nwhy)
{
	const char *orig;
	size_t k, i;

	if (rec->type == NULL)
		return NULL;
	for (k = 0; k < MI_F_N; k++) {
		if (!f->v[k])
			continue;
		for (i = 0; i < rec->n; i++) {
			orig = rec->val[i];
			if (strcmp(orig, f->v[k]) != 0 || (rec->type[i] != 'o' && rec->type[i] != 'a'))
				continue;
			snprintf(why, nwhy, rec->type[i] == 'o' ? _("'%s': expected a string, found an object") :
			    _("'%s': expected a string, found an array"), rec->key[i]);
			return why;
		}
	}
	return NULL;
}

/* What a row with its own reference says, to tell it from the row read
 * before it: FNV-1a over its fields (it guards against change, not
 * forgery), "r:" and 16 hex digits; a row of a bulk load pays no more. */
static void
row_digest(struct fields *f)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = 14695981039346656037ULL;
	char num[24];
	const char *more[4] = { f->activity, f->tier, f->team, f->platform }, *p;
	size_t k;
	int i;

	snprintf(num, sizeof(num), "%lld", (long long)f->received);
	/* The team's fields (activity, proposed tier, team, platform) count only
	 * when a row has one, so a row without them keeps the digest it had
	 * before they were read. */
	for (k = 0; k <= MI_F_N + 4; k++) {
		if (k == MI_F_N + 1 && !more[0] && !more[1] && !more[2] && !more[3])
			break;
		p = k > MI_F_N ? more[k - MI_F_N - 1] : k == MI_F_N ? num : k == MI_F_RECEIVED ? "" :
		    k == MI_F_PHONE ? f->phone :
		    k == MI_F_CHANNEL ? mi_vocab_name(MI_V_CHANNEL, f->channel) : f->v[k];
		for (; p && *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	f->row[0] = 'r';
	f->row[1] = ':';
	for (i = 0; i < 16; i++)
		f->row[2 + i] = hex[(h >> (60 - 4 * i)) & 15];
	f->row[18] = '\0';
}

int
mi_intake_channel(const mi_config *cfg, const char *s, const char **activity)
{
	const cJSON *a;

	*activity = NULL;
	if (s == NULL || *s == '\0')
		return -1;
	a = cJSON_GetObjectItemCaseSensitive(mi_config_get(cfg, "intake.channel_aliases"), s);
	if (cJSON_IsString(a) && *a->valuestring) {
		*activity = a->string;
		return mi_vocab_parse(MI_V_CHANNEL, a->valuestring);
	}
	return mi_vocab_parse(MI_V_CHANNEL, s);
}

/*
 * The channel and the activity of a record: --channel, else the channel
 * column, else an activity column naming an activity of
 * intake.channel_aliases, else the layout's; a channel given as an
 * activity (红色星期天) is that activity's channel, and the activity is kept
 * unless an activity column names one. -1 with why for a channel unknown.
 */
static int
channel_of(struct run *r, struct fields *f, char *why, size_t nwhy)
{
	const char *act = NULL;

	f->channel = r->o->channel;
	if (f->channel >= 0)
		act = r->o->activity;
	else if (f->v[MI_F_CHANNEL]) {
		f->channel = mi_intake_channel(r->c->cfg, f->v[MI_F_CHANNEL], &act);
		if (f->channel < 0) {
			snprintf(why, nwhy, _("unknown channel '%.40s'"), f->v[MI_F_CHANNEL]);
			return -1;
		}
	} else if (f->activity)
		f->channel = mi_intake_channel(r->c->cfg, f->activity, &act);
	if (f->activity == NULL)
		f->activity = act;
	if (f->channel < 0)
		f->channel = r->use->channel;
	return 0;
}

/* Reads and checks one record's fields; returns NULL or why it is rejected. */
static const char *
check(struct run *r, const mi_record *rec, struct fields *f, char *why, size_t nwhy)
{
	const char *v, *b;
	size_t k;

	size_t off[MI_LF_N];

	memset(f, 0, sizeof(*f));
	/* The trimmed values share one buffer that lives as long as the run;
	 * a building is added to the address. */
	mi_buf_reset(&r->arena);
	for (k = 0; k < MI_LF_N; k++) {
		v = mi_field(r->fm, rec, (int)k);
		if (k == MI_F_ADDRESS && (b = mi_field(r->fm, rec, MI_LF_BUILDING)) && *b) {
			off[k] = r->arena.len;
			mi_buf_printf(&r->arena, "%s%s%s", v ? v : "", v && *v ? " " : "", b);
			mi_buf_putc(&r->arena, '\0');
			continue;
		}
		off[k] = (size_t)-1;
		if (v) {
			off[k] = r->arena.len;
			mi_buf_add(&r->arena, v, strlen(v) + 1);
		}
	}
	/* A BOM or a zero-width character in a reference or a phone is not part of it. */
	if (off[MI_F_REF] != (size_t)-1)
		mi_strip_invisible(r->arena.s + off[MI_F_REF]);
	if (off[MI_F_PHONE] != (size_t)-1)
		mi_strip_invisible(r->arena.s + off[MI_F_PHONE]);
	for (k = 0; k < MI_F_N; k++)
		if (off[k] != (size_t)-1 && *mi_trim(r->arena.s + off[k]))
			f->v[k] = r->arena.s + off[k];
	if (off[MI_LF_PROPOSED] != (size_t)-1 && *mi_trim(r->arena.s + off[MI_LF_PROPOSED]))
		f->tier = r->arena.s + off[MI_LF_PROPOSED];
	f->proposed = f->tier ? mi_vocab_parse(MI_V_TIER, f->tier) : -1;
	if (off[MI_LF_ACTIVITY] != (size_t)-1 && *mi_trim(r->arena.s + off[MI_LF_ACTIVITY]))
		f->activity = r->arena.s + off[MI_LF_ACTIVITY];
	if (off[MI_LF_REMARKS] != (size_t)-1 && *mi_trim(r->arena.s + off[MI_LF_REMARKS]))
		f->remarks = r->arena.s + off[MI_LF_REMARKS];
	if (off[MI_LF_PLATFORM] != (size_t)-1 && *mi_trim(r->arena.s + off[MI_LF_PLATFORM]))
		f->platform = r->arena.s + off[MI_LF_PLATFORM];
	if (off[MI_LF_TEAM] != (size_t)-1 && *mi_trim(r->arena.s + off[MI_LF_TEAM]))
		f->team = r->arena.s + off[MI_LF_TEAM];
	if ((v = wrong_type(rec, f, why, nwhy)) != NULL)
		return v;
	if (!f->v[MI_F_TEXT])
		return _("no demand text");
	if (strlen(f->v[MI_F_TEXT]) > MAX_TEXT)
		return _("demand text longer than 20000 bytes");
	if (!f->v[MI_F_RECEIVED])
		return _("no received time");
	if (mi_time_read(f->v[MI_F_RECEIVED], &f->received, why, nwhy) < 0)
		return why;
	if (f->received > r->future) {
		snprintf(why, nwhy, _("received time '%.60s' is in the future"), f->v[MI_F_RECEIVED]);
		return why;
	}
	/* A demand is never lost over a contact detail: a phone that cannot be
	 * read is kept as written (masked in every output), and said. */
	f->phone = f->phonebuf;
	if (f->v[MI_F_PHONE] && mi_phone_norm(f->v[MI_F_PHONE], f->phonebuf,
	    sizeof(f->phonebuf)) < 0) {
		if (r->o->strict)
			return mi_phone_why(f->v[MI_F_PHONE], why, nwhy);
		f->phone = f->v[MI_F_PHONE];
		f->unreadable = 1;
	}
	if (channel_of(r, f, why, nwhy) < 0)
		return why;
	if (f->channel < 0)
		f->channel = mi_vocab_parse(MI_V_CHANNEL, mi_config_str(r->c->cfg, "intake.channel", "visit"));
	if (f->channel < 0)
		f->channel = MI_CH_VISIT;
	f->given_ref = f->v[MI_F_REF] != NULL;
	if (f->v[MI_F_REF] == NULL) {
		const char *v2[MI_F_N];

		memcpy(v2, f->v, sizeof(v2));
		v2[MI_F_CHANNEL] = mi_vocab_name(MI_V_CHANNEL, f->channel);
		mi_content_ref(&f->v[MI_F_REF], f->received, f->phone, v2, f->ref);
		mi_content_ref_old(f->received, f->phone, f->v[MI_F_TEXT], f->v[MI_F_ADDRESS],
		    f->oldref);
	} else if (strlen(f->v[MI_F_REF]) > 200)
		return _("source reference longer than 200 bytes");
	else
		row_digest(f);
	return NULL;
}

static int
next_case_id(struct run *r, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_maxid, e);

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return mi_db_fail(r->c->db, sql_maxid, e);
	r->next_id = sqlite3_column_int64(st, 0) + 1;
	sqlite3_reset(st);
	return 0;
}

/* Where a record is, its collecting unit and its collector. */
static void
place(struct run *r, const struct fields *f, struct loc *l, int64_t *unit, int64_t *collector)
{
	l->unit_why[0] = '\0';
	mi_locate(r->g, f->v[MI_F_STREET], f->v[MI_F_COMMUNITY], f->v[MI_F_ESTATE], f->v[MI_F_ADDRESS], &l->at);
	*unit = *collector = 0;
	if (f->v[MI_F_UNIT]) {
		*unit = mi_gaz_find(r->g, -1, f->v[MI_F_UNIT], 0);
		if (*unit == 0)
			*unit = mi_gaz_find(r->g, MI_U_COMMUNITY, f->v[MI_F_UNIT], 0);
		if (*unit == 0)
			*unit = mi_gaz_find(r->g, MI_U_PAIRING, f->v[MI_F_UNIT], 0);
		if (*unit <= 0) {
			*unit = 0;
			snprintf(l->unit_why, sizeof(l->unit_why), _("unknown collecting unit '%.60s' "
			    "(not recorded)"), f->v[MI_F_UNIT]);
		}
	}
	if (f->v[MI_F_COLLECTOR])
		*collector = find_person(r, f->v[MI_F_COLLECTOR], *unit, l->at.community);
}

/* The platform a demand was raised at: intake --platform, else its column. */
static int
platform_of(struct run *r, const struct fields *f, struct loc *l, mi_err *e)
{
	l->platform = 0;
	l->platform_why[0] = '\0';
	if (r->platform) {
		l->platform = r->platform;
		snprintf(l->platform_code, sizeof(l->platform_code), "%s", r->platform_code);
		return 0;
	}
	if (f->platform == NULL)
		return 0;
	if ((l->platform = mi_platform_find(r->c, f->platform, l->platform_code,
	    sizeof(l->platform_code), e)) < 0)
		return -1;
	if (l->platform == 0)
		snprintf(l->platform_why, sizeof(l->platform_why), _("unknown platform '%.60s' "
		    "(not recorded)"), f->platform);
	return 0;
}

/*
 * The team that collected a record: the one its team column names (by code,
 * else by name), else the collector's one team; never a guess. A team named
 * but not found, or a collector in several teams, leaves none and says why.
 */
static int
team_of(struct run *r, const struct fields *f, int64_t collector, struct loc *l, mi_err *e)
{
	static const char sql[] = "SELECT team_id FROM team_members WHERE person_id = ? LIMIT 3";
	sqlite3_stmt *st;
	int n = 0, rc;

	l->team = 0;
	l->team_why[0] = '\0';
	if (f->team) {
		if ((l->team = mi_team_find(r->c, f->team, e)) == -2)
			return -1;
		if (l->team <= 0)
			snprintf(l->team_why, sizeof(l->team_why), l->team < 0 ?
			    _("two teams are named '%.60s' (no team recorded)") :
			    _("unknown team '%.60s' (no team recorded)"), f->team);
		if (l->team < 0)
			l->team = 0;
		return 0;
	}
	if (collector <= 0)
		return 0;
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, collector);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l->team = sqlite3_column_int64(st, 0);
		n++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	if (n > 1) {
		l->team = 0;
		snprintf(l->team_why, sizeof(l->team_why), _("collector '%.60s' is in %d teams "
		    "(no team recorded)"), f->v[MI_F_COLLECTOR], n);
	}
	return 0;
}

static const char sql_candidate[] =
    "SELECT coalesce(phone, ''), coalesce(reporter, ''), coalesce(community_id, 0), text, "
    "coalesce(category, '') FROM cases WHERE id = ?1";

/* Case id, found by key `by`, as a candidate: its text's likeness into d when it is the best. */
static int
dup_try(struct run *r, int64_t id, int by, const struct fields *f, const struct loc *l,
    struct dup *d, mi_err *e)
{
	const mi_norm *n = mi_matcher_norm(r->m);
	sqlite3_stmt *st;
	const char *cat;
	double sim;
	size_t nc;
	int rc;

	if ((rc = mi_row_by_id(r->c, sql_candidate, id, &st, e)) <= 0)
		return rc;
	/* the key's hash, checked against the case itself */
	if (by == 0 ? strcmp((const char *)sqlite3_column_text(st, 0), f->phone) != 0 :
	    strcmp((const char *)sqlite3_column_text(st, 1), f->v[MI_F_REPORTER]) != 0 ||
	    sqlite3_column_int64(st, 2) != l->at.community)
		goto done;
	/* Two categories named and different are two demands. */
	cat = (const char *)sqlite3_column_text(st, 4);
	if (*cat && f->v[MI_F_CATEGORY] && strcmp(cat, f->v[MI_F_CATEGORY]) != 0)
		goto done;
	if (r->nsig < 0)
		r->nsig = (long)mi_norm_sig(n, f->v[MI_F_TEXT], r->sig, MI_ARRAY_LEN(r->sig),
		    &r->scratch, NULL, NULL);
	nc = mi_norm_sig(n, (const char *)sqlite3_column_text(st, 3), r->csig,
	    MI_ARRAY_LEN(r->csig), &r->scratch, NULL, NULL);
	sim = mi_norm_dice(r->sig, (size_t)r->nsig, r->csig, nc);
	if (sim >= r->dup_min && sim > d->sim) {
		d->of = id;
		d->sim = sim;
	}
done:
	sqlite3_reset(st);
	return 0;
}

/*
 * A new record that looks like a demand recorded before by the same
 * resident: a case not void with the same phone, or the same reporter in
 * the same community, received within intake.duplicate_days either side,
 * whose text is as alike as intake.duplicate_similarity asks (the Dice
 * coefficient of their bigram signatures, as reconcile compares texts).
 * The candidates come from the run's residents in memory; only they are
 * read from the database, by id.
 */
static int
dup_find(struct run *r, const struct fields *f, const struct loc *l, struct dup *d, mi_err *e)
{
	uint32_t key[2];
	int64_t ids[16], lo, hi;
	int by, n, i;

	d->of = 0;
	d->sim = 0;
	key[0] = mi_resident_phone(f->phone);
	key[1] = mi_resident_who(f->v[MI_F_REPORTER], l->at.community);
	if (r->dup_window <= 0 || (key[0] == 0 && key[1] == 0))
		return 0;
	lo = f->received - r->dup_window;
	hi = f->received + r->dup_window;
	if (r->res == NULL)
		r->res = mi_residents_new();
	if (mi_residents_cover(r->c, r->res, lo, hi, e) < 0)
		return -1;
	if (r->m == NULL && mi_matcher_new(r->c, r->g, &r->m, e) < 0)
		return -1;
	r->nsig = -1;
	for (by = 0; by < 2; by++) {
		n = mi_residents_find(r->res, by, key[by], lo, hi, ids, (int)MI_ARRAY_LEN(ids));
		for (i = 0; i < n; i++)
			if (dup_try(r, ids[i], by, f, l, d, e) < 0)
				return -1;
	}
	return 0;
}

static int
store(struct run *r, const struct fields *f, long line, int64_t *id, struct loc *l,
    struct dup *d, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_insert, e);
	int64_t unit = 0, collector = 0;
	mi_case_event ev;
	char digest[33];
	int rc;

	if (st == NULL)
		return -1;
	place(r, f, l, &unit, &collector);
	if (team_of(r, f, collector, l, e) < 0)
		return -1;
	if ((st = mi_stmt(r->c, sql_insert, e)) == NULL)
		return -1;
	mi_bind_id(st, 21, l->team);
	sqlite3_bind_text(st, 1, mi_vocab_name(MI_V_CHANNEL, f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->v[MI_F_REF], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, f->received);
	mi_bind_text(st, 4, f->v[MI_F_REPORTER]);
	mi_bind_text(st, 5, f->phone);
	mi_bind_text(st, 6, f->v[MI_F_ADDRESS]);
	mi_bind_id(st, 7, l->at.street);
	mi_bind_id(st, 8, l->at.community);
	mi_bind_id(st, 9, l->at.estate);
	mi_bind_text(st, 10, f->v[MI_F_CATEGORY]);
	mi_bind_text(st, 11, f->v[MI_F_TEXT]);
	mi_bind_text(st, 12, f->v[MI_F_COLLECTOR]);
	mi_bind_id(st, 13, collector);
	mi_bind_id(st, 14, unit);
	sqlite3_bind_int64(st, 15, r->c->now);
	if (dup_find(r, f, l, d, e) < 0)
		return -1;
	mi_bind_id(st, 18, d->of);
	mi_bind_text(st, 19, f->given_ref ? f->row + 2 : NULL);
	if (platform_of(r, f, l, e) < 0)
		return -1;
	mi_bind_id(st, 20, l->platform);
	mi_bind_text(st, 22, f->activity);
	mi_bind_text(st, 23, f->proposed >= 0 ? mi_vocab_name(MI_V_TIER, f->proposed) : NULL);
	/* The case is inserted with its id and its first event's hash known,
	 * so it needs no second write; the write lock keeps the id free. */
	if (r->next_id == 0 && next_case_id(r, e) < 0)
		return -1;
	mi_case_digest(mi_vocab_name(MI_V_CHANNEL, f->channel), f->v[MI_F_REF], f->received,
	    f->v[MI_F_REPORTER], f->phone[0] ? f->phone : NULL, f->v[MI_F_ADDRESS],
	    f->v[MI_F_TEXT], digest);
	sqlite3_bind_int64(st, 16, r->next_id);
	ev.id = r->next_id;
	ev.kind = "intake";
	ev.details = details_json(r, line, l, digest, f, d);
	ev.param = 17;
	if ((rc = mi_case_write(r->c, st, &ev, 1, e)) <= 0) {
		*id = 0;
		return rc;
	}
	*id = r->next_id++;
	if (r->res)
		mi_residents_add(r->res, *id, f->received, mi_resident_phone(f->phone),
		    mi_resident_who(f->v[MI_F_REPORTER], l->at.community));
	return 1;
}

/* 1 when (channel, ref) is recorded already: a re-run then costs one index probe. */
static int
known(struct run *r, struct fields *f, mi_err *e)
{
	static const char sql[] =
	    "SELECT coalesce(row_digest, '') FROM cases WHERE channel = ? AND ref = ?";
	sqlite3_stmt *st = mi_stmt(r->c, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, mi_vocab_name(MI_V_CHANNEL, f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->v[MI_F_REF], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		/* the same probe tells whether the row is the one read before */
		f->same_row = f->given_ref && strcmp((const char *)sqlite3_column_text(st, 0),
		    f->row + 2) == 0;
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql, e);
}

/*
 * 1 when a record without a reference was recorded under the rule before
 * (its reference from time, phone, text and address alone): the case with
 * that reference holds the same reporter, phone, address, category, text
 * and collector. Two residents that rule made one stay one; a file read
 * before the upgrade does not land twice.
 */
static int
known_old(struct run *r, const struct fields *f, mi_err *e)
{
	static const char sql[] = "SELECT 1 FROM cases WHERE channel = ?1 AND ref = ?2 AND "
	    "coalesce(reporter, '') = ?3 AND coalesce(phone, '') = ?4 AND "
	    "coalesce(address, '') = ?5 AND coalesce(category, '') = ?6 AND text = ?7 AND "
	    "coalesce(collector, '') = ?8";
	sqlite3_stmt *st;
	int rc;

	if (!f->oldref[0])
		return 0;
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, mi_vocab_name(MI_V_CHANNEL, f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->oldref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->v[MI_F_REPORTER] ? f->v[MI_F_REPORTER] : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->v[MI_F_ADDRESS] ? f->v[MI_F_ADDRESS] : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->v[MI_F_CATEGORY] ? f->v[MI_F_CATEGORY] : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, f->v[MI_F_TEXT], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, f->v[MI_F_COLLECTOR] ? f->v[MI_F_COLLECTOR] : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql, e);
}

/* Tells of a case at a record's line. */
static void
tell(struct run *r, long line, const char *msg)
{
	if (r->o->warn)
		r->o->warn(r->o->arg, r->file, line, msg);
}

/*
 * The record's fields as an amendment compares them (its strings point into
 * f), over old. Of the team's fields (team, platform, activity, proposed
 * tier) a blank one leaves old's, as a blank category does: a file read
 * again sets or changes them, and only a hand clears them. One that cannot
 * be read or found leaves old's too, and is said at line. 0, or -1 on an
 * error.
 */
static int
rec_of(struct run *r, const struct fields *f, const mi_case_rec *old, long line, mi_case_rec *k,
    mi_err *e)
{
	struct loc l;
	int64_t unit;

	memset(k, 0, sizeof(*k));
	place(r, f, &l, &unit, &k->collector_id);
	/* only a team the row names can change the case's: no collector's team is looked up */
	l.team = 0;
	if ((f->team && team_of(r, f, k->collector_id, &l, e) < 0) || platform_of(r, f, &l, e) < 0)
		return -1;
	k->team = l.team ? l.team : old->team;
	if (f->team && l.team == 0)
		tell(r, line, l.team_why);
	k->platform = l.platform ? l.platform : old->platform;
	if (l.platform_why[0])
		tell(r, line, l.platform_why);
	k->s[MI_AM_ACTIVITY] = f->activity ? (char *)f->activity : old->s[MI_AM_ACTIVITY];
	k->s[MI_AM_PROPOSED] = f->proposed >= 0 ? (char *)mi_vocab_name(MI_V_TIER, f->proposed) :
	    old->s[MI_AM_PROPOSED];
	k->received = f->received;
	k->place[0] = l.at.street;
	k->place[1] = l.at.community;
	k->place[2] = l.at.estate;
	k->s[MI_AM_REPORTER] = (char *)f->v[MI_F_REPORTER];
	k->s[MI_AM_PHONE] = f->phone[0] ? (char *)f->phone : NULL;
	k->s[MI_AM_ADDRESS] = (char *)f->v[MI_F_ADDRESS];
	k->s[MI_AM_CATEGORY] = (char *)f->v[MI_F_CATEGORY];
	k->s[MI_AM_TEXT] = (char *)f->v[MI_F_TEXT];
	k->s[MI_AM_COLLECTOR] = (char *)f->v[MI_F_COLLECTOR];
	return 0;
}

static const char sql_row[] =
    "SELECT coalesce(row_digest, '') FROM cases WHERE channel = ?1 AND ref = ?2";

/* 1 when the row is the one its case was last recorded or amended from
 * (one probe of the reference's index): the case is as the file had it, or
 * differs by a correction made by hand since, which a file read again
 * every night must not undo. */
static int
same_row(struct run *r, const struct fields *f, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_row, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, mi_vocab_name(MI_V_CHANNEL, f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->v[MI_F_REF], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = strcmp((const char *)sqlite3_column_text(st, 0), f->row + 2) == 0;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = mi_db_fail(r->c->db, sql_row, e);
	sqlite3_reset(st);
	return rc;
}

/*
 * A known record under its own reference, read again: when what it says
 * changed, the case is amended while it is new or open (a case already
 * resolved, closed or void is refused); a routed case whose place or
 * category changed is said, to be routed again. 0 unchanged, 1 amended,
 * 2 refused, -1 on an error.
 */
static int
reimport(struct run *r, const struct fields *f, long line, mi_err *e)
{
	mi_case_rec old, nw;
	unsigned diff;
	char msg[200];
	int rc;

	if ((rc = same_row(r, f, e)) != 0)
		return rc < 0 ? -1 : 0;
	rc = mi_case_rec_load(r->c, 0, mi_vocab_name(MI_V_CHANNEL, f->channel), f->v[MI_F_REF],
	    &old, e);
	if (rc <= 0)
		return rc;
	if (rec_of(r, f, &old, line, &nw, e) < 0) {
		mi_case_rec_release(&old);
		return -1;
	}
	/* A category the file leaves blank is the one routing gave it. */
	if (nw.s[MI_AM_CATEGORY] == NULL)
		nw.s[MI_AM_CATEGORY] = old.s[MI_AM_CATEGORY];
	if ((diff = mi_amend_diff(&old, &nw)) == 0)
		rc = 0;
	else if (strcmp(old.status, "new") != 0 && strcmp(old.status, "open") != 0) {
		r->stats->refused++;
		snprintf(msg, sizeof(msg), _("case %lld is %s: changed, not amended"),
		    (long long)old.id, old.status);
		tell(r, line, msg);
		rc = 2;
	} else if (mi_amend_write(r->c, r->g, &old, &nw, diff, r->file, line, NULL, f->row + 2,
	    e) < 0)
		rc = -1;
	else {
		r->stats->amended++;
		if (mi_amend_moves(&old, diff) && strcmp(old.status, "open") == 0) {
			r->stats->moved++;
			snprintf(msg, sizeof(msg), _("case %lld: place changed after routing (route "
			    "--again %lld re-decides it)"), (long long)old.id, (long long)old.id);
			tell(r, line, msg);
		}
		rc = 1;
	}
	mi_case_rec_release(&old);
	return rc;
}

/*
 * Whether to probe for a known (channel, ref) before doing a record's work:
 * a re-run of a file is then nearly free, but a file of new records pays an
 * index lookup each. So probing stops after a run of new records, and the
 * first record found known (by the insert's conflict) starts it again;
 * either way the insert's ON CONFLICT keeps a record from landing twice.
 */
static void
probe_adapt(struct run *r, int rc)
{
	if (rc == 0) {
		r->probing = 1;
		r->fresh = 0;
	} else if (rc == 1 && r->probing && ++r->fresh >= 512)
		r->probing = 0;
}

/* 0 stored or known, 1 rejected, -1 stop. */
static int
one(struct run *r, const mi_record *rec, mi_err *e)
{
	struct fields f;
	struct loc l;
	struct dup d = { 0, 0 };
	char why[160];
	const char *bad = rec->bad;
	int64_t id = 0;
	int rc;

	if (bad == NULL)
		bad = check(r, rec, &f, why, sizeof(why));
	else
		memset(&f, 0, sizeof(f));
	if (bad)
		return mi_record_refuse(r->file, rec, bad, r->o->strict, r->o->reject, r->o->arg,
		    &r->stats->rejected, e) < 0 ? -1 : 1;
	rc = r->probing ? known(r, &f, e) : 0;
	if (rc == 0)
		rc = known_old(r, &f, e);
	if (rc == 0)
		rc = store(r, &f, rec->line, &id, &l, &d, e);
	else if (rc == 1)
		rc = 0;
	probe_adapt(r, rc);
	if (rc == 0 && f.given_ref && !f.same_row) {
		int am = reimport(r, &f, rec->line, e);

		if (am < 0)
			return -1;
		if (am > 0)
			return 0;
	}
	if (rc == 1 && f.unreadable) {
		mi_buf m = MI_BUF_INIT;

		r->stats->unreadable++;
		mi_buf_puts(&m, _("phone unreadable, kept as written: '"));
		mi_mask_digits(f.phone, &m);
		mi_buf_putc(&m, '\'');
		if (r->o->warn)
			r->o->warn(r->o->arg, r->file, rec->line, mi_buf_str(&m));
		mi_buf_release(&m);
	}
	if (rc == 1 && f.tier && f.proposed < 0 && r->o->warn) {
		char msg[200];

		snprintf(msg, sizeof(msg), _("unreadable proposed tier '%.60s' (expected 社区直接办, "
		    "街道协调办 or 县级会商办): not recorded"), f.tier);
		r->o->warn(r->o->arg, r->file, rec->line, msg);
	}
	if (rc == 1 && d.of > 0) {
		snprintf(why, sizeof(why), _("possible duplicate of case %lld"), (long long)d.of);
		r->stats->duplicates++;
		if (r->o->warn)
			r->o->warn(r->o->arg, r->file, rec->line, why);
	}
	if (rc == 1) {
		r->stats->added++;
		if (!l.at.community) {
			char msg[300];

			r->stats->unresolved++;
			snprintf(msg, sizeof(msg), _("location not resolved: %s"), l.at.why);
			if (r->o->unresolved)
				r->o->unresolved(r->o->arg, r->file, rec->line, msg);
		}
		if (l.unit_why[0] && r->o->unresolved)
			r->o->unresolved(r->o->arg, r->file, rec->line, l.unit_why);
		if (l.platform_why[0] && r->o->unresolved)
			r->o->unresolved(r->o->arg, r->file, rec->line, l.platform_why);
		if (l.team_why[0]) {
			r->stats->no_team++;
			if (r->o->unresolved)
				r->o->unresolved(r->o->arg, r->file, rec->line, l.team_why);
		}
		if (r->first == 0)
			r->first = id;
		r->last = id;
	} else if (rc == 0)
		r->stats->known++;
	return rc < 0 ? -1 : 0;
}

static int
run_init(struct run *r, mi_ctx *c, const mi_intake_opts *o, mi_intake_stats *stats, mi_err *e)
{
	memset(r, 0, sizeof(*r));
	r->c = c;
	r->o = o;
	r->stats = stats;
	r->probing = 1;
	r->base = *stats;
	r->future = c->now + 3600LL * mi_config_int(c->cfg, "intake.future_hours", 24);
	r->dup_window = 86400LL * mi_config_int(c->cfg, "intake.duplicate_days", 14);
	r->dup_min = mi_config_num(c->cfg, "intake.duplicate_similarity", 0.4);
	mi_layouts_load(c->cfg, &r->lays);
	if (o->layout && mi_layout_find(&r->lays, o->layout) == NULL)
		return mi_err_set(e, MI_EX_USAGE, "unknown layout '%s'", o->layout);
	/* A bulk load touches the (channel, ref) index all over: a page cache of
	 * 32 MiB keeps it in memory rather than re-reading pages from the WAL. */
	if (mi_db_exec(c->db, "PRAGMA cache_size = -32768", e) < 0)
		return -1;
	if (mi_gaz_load(c->db, &r->g, e) < 0)
		return -1;
	if (o->platform && *o->platform) {
		char code[64];

		if ((r->platform = mi_platform_find(c, o->platform, code, sizeof(code), e)) < 0)
			return -1;
		if (r->platform == 0)
			return mi_err_set(e, MI_EX_USAGE, "unknown platform '%s'", o->platform);
		r->platform_code = mi_xstrdup(code);
	}
	return load_people(r, e);
}

static void
run_release(struct run *r)
{
	if (r->m)
		mi_matcher_free(r->m);
	mi_residents_free(r->res);
	mi_buf_release(&r->scratch);
	mi_gaz_free(r->g);
	mi_fieldmap_release(&r->map);
	mi_dsheet_release(&r->ds);
	mi_layouts_release(&r->lays);
	free(r->people);
	free(r->pnames);
	free(r->platform_code);
	mi_buf_release(&r->details);
	mi_buf_release(&r->arena);
}

/* Prints the cases this run added, read back as stored. */
static int
emit(struct run *r, mi_err *e)
{
	/* Unit names come from the gazetteer in memory rather than three joins. */
	static const char sql[] =
	    "SELECT id, channel, ref, received, street_id, community_id, estate_id, category, text "
	    "FROM cases WHERE id BETWEEN ? AND ? ORDER BY id";
	sqlite3_stmt *st;
	const char *v[9];
	char t[24];
	mi_record row = { 0, NULL, NULL, 0, NULL, NULL, 0, 0 };
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
			if (i >= 4 && i <= 6)
				v[i] = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL :
				    mi_gaz_name(r->g, sqlite3_column_int64(st, i));
			else
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

static const char sql_same_bytes[] =
    "SELECT id, file FROM imports WHERE digest = ?1 AND file <> ?2 AND undone IS NULL "
    "ORDER BY id LIMIT 1";

/* A file whose bytes were imported before under another name is said: undo
 * the batch not wanted (intake --undo). The same name again is a re-run. */
static int
same_bytes(struct run *r, mi_err *e)
{
	sqlite3_stmt *st;
	char msg[600];
	int rc;

	if (r->digest[0] == '\0' || r->o->note == NULL)
		return 0;
	if ((st = mi_stmt(r->c, sql_same_bytes, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->file, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(msg, sizeof(msg), _("the same bytes as import batch %lld ('%.400s'); "
		    "intake --undo undoes a batch"), (long long)sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
		r->o->note(r->o->arg, r->file, msg);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql_same_bytes, e);
}

static const char sql_batch[] =
    "INSERT INTO imports(file, digest, at, operator, added, amended, known, rejected, "
    "first_case, last_case) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/* The file read as an import batch: what it added (a range of ids, the run
 * holding the write lock), amended, found known and rejected. */
static int
record_batch(struct run *r, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_batch, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->file, -1, SQLITE_STATIC);
	mi_bind_text(st, 2, r->digest);
	sqlite3_bind_int64(st, 3, r->c->now);
	sqlite3_bind_text(st, 4, r->c->op, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, r->stats->added - r->base.added);
	sqlite3_bind_int64(st, 6, r->stats->amended - r->base.amended);
	sqlite3_bind_int64(st, 7, r->stats->known - r->base.known);
	sqlite3_bind_int64(st, 8, r->stats->rejected - r->base.rejected);
	mi_bind_id(st, 9, r->first);
	mi_bind_id(st, 10, r->last);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_batch, e);
	r->stats->batch = sqlite3_last_insert_rowid(r->c->db);
	return 0;
}

/* Commits (or, for a dry run, rolls back) and only then streams the new
 * cases, so nothing printed names a case that was not kept. */
static int
finish(struct run *r, int rc, mi_err *e)
{
	int kept = 0;

	if (rc >= 0 && r->batch && !r->o->dry_run && (same_bytes(r, e) < 0 ||
	    record_batch(r, e) < 0))
		rc = -1;
	if (rc >= 0 && r->o->dry_run)
		rc = emit(r, e);
	else if (rc >= 0 && mi_db_commit(r->c->db, e) < 0)
		rc = -1;
	else if (rc >= 0) {
		kept = 1;
		r->stats->kept++;
		rc = emit(r, e);
	}
	mi_db_rollback(r->c->db);
	/* Nothing of an input that failed before its commit was kept: it adds
	 * nothing to the counts (its rejections stand, they were reported).
	 * A database gone from its path took the inputs before it too. */
	if (rc < 0 && !kept) {
		r->stats->added = r->base.added;
		r->stats->known = r->base.known;
		r->stats->amended = r->base.amended;
		r->stats->moved = r->base.moved;
		r->stats->duplicates = r->base.duplicates;
		r->stats->unresolved = r->base.unresolved;
	}
	if (rc < 0 && mi_db_lost(r->c->db)) {
		r->stats->added = r->stats->known = r->stats->unresolved = 0;
		r->stats->amended = r->stats->moved = 0;
		r->stats->lost = 1;
	}
	run_release(r);
	return rc;
}

static int
read_all(struct run *r, mi_reader *rd, mi_err *e)
{
	const mi_record *rec;
	int rc;

	mi_dsheet_start(&r->ds, rd, &r->lays, r->o->layout);
	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		/* A broken JSON record says nothing of the layout: reject it and
		 * look at the next (a CSV record always has the header's names). */
		if (r->use == NULL && rec->bad && !mi_reader_tabular(rd)) {
			if (one(r, rec, e) < 0)
				return -1;
			continue;
		}
		if (r->use == NULL) {
			if (mi_dsheet_bind(&r->ds, rd, rec, 1, e) < 0)
				return -1;
			r->use = r->ds.use;
			r->fm = &r->ds.map;
		}
		if (mi_dsheet_skip(&r->ds, rec)) {
			r->stats->empty++;
			continue;
		}
		if (one(r, rec, e) < 0)
			return -1;
		if (++r->records % 10000 == 0 && r->o->progress)
			r->o->progress(r->o->arg, r->records);
	}
	if (rc == 0) {
		r->stats->empty += mi_reader_blank_rows(rd);
		if (r->use && r->o->note) {
			mi_buf b = MI_BUF_INIT;

			mi_dsheet_report(&r->ds, rd, &b);
			r->o->note(r->o->arg, r->file, mi_buf_str(&b));
			mi_buf_release(&b);
		}
	}
	return rc;
}

/* Another sheet of a workbook whose rows hold a header (mi_reader_each_more),
 * read as --sheet reads it into the same batch, messages and events naming
 * it file[sheet]; one that cannot be read is said, and counted as rejected. */
static int
more_sheet(void *arg, mi_reader *rs, const char *where, mi_err *e)
{
	struct run *r = arg;
	const char *file = r->file;
	int rc;

	if (rs == NULL) {
		if (r->o->warn)
			r->o->warn(r->o->arg, r->file, 0, where);
		r->stats->rejected++;
		return 0;
	}
	r->file = where;
	mi_dsheet_release(&r->ds);
	r->use = NULL;
	r->fm = NULL;
	rc = read_all(r, rs, e);
	r->file = file;
	return rc;
}

int
mi_intake_file(mi_ctx *c, const char *path, const mi_intake_opts *o, mi_intake_stats *stats,
    mi_err *e)
{
	struct run r;
	mi_reader *rd;
	int rc;

	if (mi_reader_open(&rd, path, o->format, o->enc, e) < 0)
		return -1;
	mi_reader_sheet(rd, o->sheet);
	if (run_init(&r, c, o, stats, e) < 0) {
		run_release(&r);
		mi_reader_close(rd);
		return -1;
	}
	r.file = mi_reader_path(rd);
	r.batch = 1;
	/* What was read, to tell a file imported twice under two names. */
	if (strcmp(path, "-") != 0 && mi_sha256_file(path, r.digest) < 0)
		r.digest[0] = '\0';
	if (mi_db_begin(c->db, e) < 0) {
		run_release(&r);
		mi_reader_close(rd);
		return -1;
	}
	rc = read_all(&r, rd, e);
	/* a workbook of a sheet for each community or month lands whole */
	if (rc == 0)
		rc = mi_reader_each_more(rd, path, o->format, o->enc, more_sheet, &r, e);
	/* The batch names the file by the reader's name for it. */
	rc = finish(&r, rc, e);
	mi_reader_close(rd);
	return rc;
}

int
mi_intake_record(mi_ctx *c, const char *const *vals, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_err *e)
{
	const char *v[MI_F_N];
	char now[24];
	mi_record rec = { MI_F_N, (const char **)mi_case_fields, v, 0, NULL, NULL, 0, 0 };
	struct run r;
	int rc, i;

	for (i = 0; i < MI_F_N; i++)
		v[i] = vals[i] ? vals[i] : "";
	/* Recorded as it is told: received now unless the flags say when. */
	if (*v[MI_F_RECEIVED] == '\0')
		v[MI_F_RECEIVED] = mi_time_format(c->now, now, sizeof(now));
	if (run_init(&r, c, o, stats, e) < 0) {
		run_release(&r);
		return -1;
	}
	r.file = "(flags)";
	r.use = mi_layout_find(&r.lays, "minyi");
	if (r.use == NULL) {
		run_release(&r);
		return mi_err_set(e, MI_EX_CONFIG, "the config has no 'minyi' layout");
	}
	mi_fieldmap_bind(&r.map, r.use, NULL, 0, r.file, 0, e);
	r.fm = &r.map;
	if (mi_db_begin(c->db, e) < 0) {
		run_release(&r);
		return -1;
	}
	rc = one(&r, &rec, e);
	if (rc > 0 && !o->strict)
		rc = 0;
	return finish(&r, rc, e);
}

/* ---- amendments by hand: a case's fields given by flags or by a sheet ---- */

static const char *const am_text[] = { "text", "诉求内容", "内容", NULL };
static const char *const am_received[] = { "received", "受理时间", "来电时间", "时间", NULL };
static const char *const am_reporter[] = { "reporter", "姓名", "联系人", "来电人", NULL };
static const char *const am_phone[] = { "phone", "电话", "联系电话", "来电号码", NULL };
static const char *const am_address[] = { "address", "地址", "详细地址", NULL };
static const char *const am_street[] = { "street", "街道", "镇街", NULL };
static const char *const am_community[] = { "community", "社区", "村居", NULL };
static const char *const am_estate[] = { "estate", "小区", NULL };
static const char *const am_category[] = { "category", "类别", "问题类别", NULL };
static const char *const am_collector[] = { "collector", "收集人", "登记人", NULL };
static const char *const am_note[] = { "note", "reason", "备注", "更正原因", NULL };

/* The sheet's fields in order, and the case field each is. */
static const int am_field[] = { MI_F_TEXT, MI_F_RECEIVED, MI_F_REPORTER, MI_F_PHONE,
	MI_F_ADDRESS, MI_F_STREET, MI_F_COMMUNITY, MI_F_ESTATE, MI_F_CATEGORY, MI_F_COLLECTOR };
#define AM_NOTE 10

struct amend_run {
	struct run r;
	mi_ctx *c;
	const mi_intake_opts *o;
	mi_intake_stats *stats;
	const char *const *vals;   /* by flags: the fields given (NULL: not given) */
	int64_t team;              /* by flags: o->team found (0 for "") */
	const char *proposed;      /* by flags: o->proposed read (NULL for "") */
	const char *note;
	const char *file;
	mi_idv done;
};

/* A value given: NULL when not given, "" when given empty (cleared). */
static const char *
given_or(const char *given, const char *old)
{
	return given ? (*given ? given : NULL) : old;
}

/* A street, community or estate given by a name no unit of its kind has. */
static const char *
unknown_place(const mi_gazetteer *g, const char *const *vals, char *why, size_t nwhy)
{
	static const struct { int field, kind; const char *what; } k[] = {
		{ MI_F_STREET, MI_U_STREET, N_("street") },
		{ MI_F_COMMUNITY, MI_U_COMMUNITY, N_("community") },
		{ MI_F_ESTATE, MI_U_ESTATE, N_("estate") },
	};
	int64_t u;
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(k); i++) {
		if (vals[k[i].field] == NULL || *vals[k[i].field] == '\0')
			continue;
		if ((u = mi_gaz_find(g, k[i].kind, vals[k[i].field], 0)) <= 0) {
			snprintf(why, nwhy, u < 0 ? _("place not found: ambiguous %s '%.60s'") :
			    _("place not found: unknown %s '%.60s'"), _(k[i].what), vals[k[i].field]);
			return why;
		}
	}
	return NULL;
}

/* The team's fields given by flags (--team, --platform, --activity,
 * --proposed-tier) over nw. */
static void
overlay_team(const struct amend_run *a, mi_case_rec *nw)
{
	if (a->o->team)
		nw->team = a->team;
	if (a->o->platform)
		nw->platform = a->r.platform;
	if (a->o->activity)
		nw->s[MI_AM_ACTIVITY] = *a->o->activity ? (char *)a->o->activity : NULL;
	if (a->o->proposed)
		nw->s[MI_AM_PROPOSED] = (char *)a->proposed;
}

/*
 * The fields case old holds with those given over them, in nw (pointing
 * into old, vals and phone). A place given replaces the place, found
 * again from the names given and the address. NULL, or why not.
 */
static const char *
overlay(struct amend_run *a, const mi_case_rec *old, const char *const *vals, mi_case_rec *nw,
    char *phone, size_t nphone, char *why, size_t nwhy)
{
	struct fields f;
	struct loc l;
	const char *bad;
	int64_t unit;

	*nw = *old;
	nw->s[MI_AM_REPORTER] = (char *)given_or(vals[MI_F_REPORTER], old->s[MI_AM_REPORTER]);
	nw->s[MI_AM_ADDRESS] = (char *)given_or(vals[MI_F_ADDRESS], old->s[MI_AM_ADDRESS]);
	nw->s[MI_AM_CATEGORY] = (char *)given_or(vals[MI_F_CATEGORY], old->s[MI_AM_CATEGORY]);
	nw->s[MI_AM_COLLECTOR] = (char *)given_or(vals[MI_F_COLLECTOR], old->s[MI_AM_COLLECTOR]);
	nw->s[MI_AM_TEXT] = (char *)given_or(vals[MI_F_TEXT], old->s[MI_AM_TEXT]);
	if (nw->s[MI_AM_TEXT] == NULL)
		return _("the demand text cannot be removed");
	if (strlen(nw->s[MI_AM_TEXT]) > MAX_TEXT)
		return _("demand text longer than 20000 bytes");
	if (vals[MI_F_RECEIVED] && mi_time_parse(vals[MI_F_RECEIVED], &nw->received) < 0) {
		snprintf(why, nwhy, _("unparseable time '%.60s'"), vals[MI_F_RECEIVED]);
		return why;
	}
	if (nw->received > a->r.future) {
		snprintf(why, nwhy, _("received time '%.60s' is in the future"), vals[MI_F_RECEIVED]);
		return why;
	}
	nw->s[MI_AM_PHONE] = (char *)given_or(vals[MI_F_PHONE], old->s[MI_AM_PHONE]);
	if (vals[MI_F_PHONE] && *vals[MI_F_PHONE]) {
		if (mi_phone_norm(vals[MI_F_PHONE], phone, nphone) < 0)
			return mi_phone_why(vals[MI_F_PHONE], why, nwhy);
		nw->s[MI_AM_PHONE] = phone;
	}
	memset(&f, 0, sizeof(f));
	f.v[MI_F_ADDRESS] = nw->s[MI_AM_ADDRESS];
	f.v[MI_F_COLLECTOR] = nw->s[MI_AM_COLLECTOR];
	if (vals[MI_F_STREET] || vals[MI_F_COMMUNITY] || vals[MI_F_ESTATE]) {
		f.v[MI_F_STREET] = given_or(vals[MI_F_STREET], NULL);
		f.v[MI_F_COMMUNITY] = given_or(vals[MI_F_COMMUNITY], NULL);
		f.v[MI_F_ESTATE] = given_or(vals[MI_F_ESTATE], NULL);
		if ((bad = unknown_place(a->r.g, vals, why, nwhy)) != NULL)
			return bad;
		place(&a->r, &f, &l, &unit, &nw->collector_id);
		nw->place[0] = l.at.street;
		nw->place[1] = l.at.community;
		nw->place[2] = l.at.estate;
	}
	if (vals[MI_F_COLLECTOR])
		nw->collector_id = nw->s[MI_AM_COLLECTOR] ? find_person(&a->r,
		    nw->s[MI_AM_COLLECTOR], 0, nw->place[1]) : 0;
	if (vals == a->vals)
		overlay_team(a, nw);
	return NULL;
}

/* MI_ROW_APPLIED, MI_ROW_KNOWN (nothing changes) or MI_ROW_REFUSED (why set); -1 on an error. */
static int
amend_one(struct amend_run *a, int64_t id, const char *const *vals, const char *note,
    long line, char *why, size_t nwhy, mi_err *e)
{
	mi_case_rec old, nw;
	char phone[32];
	const char *bad;
	unsigned diff;
	int rc;

	if ((rc = mi_case_rec_load(a->c, id, NULL, NULL, &old, e)) <= 0) {
		snprintf(why, nwhy, _("no case %lld"), (long long)id);
		return rc < 0 ? -1 : MI_ROW_REFUSED;
	}
	rc = MI_ROW_REFUSED;
	if (strcmp(old.status, "new") != 0 && strcmp(old.status, "open") != 0)
		snprintf(why, nwhy, _("case %lld is %s: only a new or open case is amended"),
		    (long long)id, old.status);
	else if ((bad = overlay(a, &old, vals, &nw, phone, sizeof(phone), why, nwhy)) != NULL) {
		if (bad != why)
			snprintf(why, nwhy, "%s", bad);
	}
	else if ((diff = mi_amend_diff(&old, &nw)) == 0) {
		snprintf(why, nwhy, _("case %lld: nothing to change"), (long long)id);
		if (a->o->warn)
			a->o->warn(a->o->arg, a->file, line, why);
		rc = MI_ROW_KNOWN;
	} else if (mi_amend_write(a->c, a->r.g, &old, &nw, diff, line > 0 ? a->file : NULL, line,
	    note, NULL, e) < 0)
		rc = -1;
	else {
		a->stats->amended++;
		mi_idv_push(&a->done, id);
		if (mi_amend_moves(&old, diff) && strcmp(old.status, "open") == 0) {
			a->stats->moved++;
			snprintf(why, nwhy, _("case %lld: place changed after routing (route --again "
			    "%lld re-decides it)"), (long long)id, (long long)id);
			if (a->o->warn)
				a->o->warn(a->o->arg, a->file, line, why);
		}
		rc = MI_ROW_APPLIED;
	}
	mi_case_rec_release(&old);
	return rc;
}

static int
amend_start(void *arg, const char *file, mi_err *e)
{
	struct amend_run *a = arg;

	a->file = file ? file : "(flags)";
	if (run_init(&a->r, a->c, a->o, a->stats, e) < 0)
		return -1;
	a->r.file = a->file;
	/* The team and tier given by flags are found once, before any case. */
	if (a->o->team && *a->o->team && (a->team = mi_team_find(a->c, a->o->team, e)) == -2)
		return -1;
	if (a->o->team && *a->o->team && a->team <= 0)
		return mi_err_set(e, MI_EX_USAGE, a->team < 0 ? _("two teams are named '%s'") :
		    _("unknown team '%s'"), a->o->team);
	if (a->o->proposed && *a->o->proposed) {
		int t = mi_vocab_parse(MI_V_TIER, a->o->proposed);

		if (t < 0)
			return mi_err_set(e, MI_EX_USAGE, _("unreadable proposed tier '%s' (expected "
			    "社区直接办, 街道协调办 or 县级会商办)"), a->o->proposed);
		a->proposed = mi_vocab_name(MI_V_TIER, t);
	}
	return 0;
}

/* Prints the cases amended, as stored, once they are kept. */
static int
amend_finish(void *arg, int rc, mi_err *e)
{
	struct amend_run *a = arg;
	int failed = 0;
	size_t i;

	if (rc == 0 && a->done.n && a->o->added) {
		for (i = 0; i < a->done.n; i++) {
			a->r.first = a->r.last = a->done.v[i];
			if (emit(&a->r, e) < 0) {
				failed = -1;
				break;
			}
		}
	}
	if (rc != 0)
		a->stats->amended = a->stats->moved = 0;
	run_release(&a->r);
	return failed;
}

static int
amend_given(void *arg, int64_t id, char *why, size_t nwhy, mi_err *e)
{
	struct amend_run *a = arg;

	return amend_one(a, id, a->vals, a->note, 0, why, nwhy, e);
}

static int
amend_row(void *arg, const mi_sheet_row *w, char *why, size_t nwhy, mi_err *e)
{
	struct amend_run *a = arg;
	const char *vals[MI_F_N] = { NULL };
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(am_field); i++)
		vals[am_field[i]] = w->v[i];
	return amend_one(a, w->id, vals, w->v[AM_NOTE] ? w->v[AM_NOTE] : a->note, w->line, why,
	    nwhy, e);
}

static int
amend_run(mi_ctx *c, const char *path, const mi_idv *ids, const char *const *vals,
    const char *note, const mi_intake_opts *o, mi_intake_stats *stats, mi_err *e)
{
	struct amend_run a;
	mi_sheet_spec s = {
		.fields = { am_text, am_received, am_reporter, am_phone, am_address, am_street,
		    am_community, am_estate, am_category, am_collector, am_note },
		.what = "a field to change (text, received, reporter, phone, address, street, "
		    "community, estate, category or collector)",
		.need = "field to change",
		.any = 1,
		.start = amend_start, .row = amend_row, .id = amend_given, .finish = amend_finish,
		.enc = o->enc, .strict = o->strict, .sheet = o->sheet,
		.reject = o->reject, .skip = o->skipped, .cb_arg = o->arg,
		.known = &stats->known, .rejected = &stats->rejected, .skipped = &stats->skipped,
		.empty = &stats->empty, .note = o->note
	};
	int rc;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.o = o;
	a.stats = stats;
	a.vals = vals;
	a.note = note;
	if (path)
		rc = mi_sheet_import(c, path, &s, &a, e);
	else
		rc = mi_sheet_ids(c, ids, &s, &a, e);
	mi_idv_release(&a.done);
	return rc;
}

int
mi_intake_amend(mi_ctx *c, const mi_idv *ids, const char *const *vals, const char *note,
    const mi_intake_opts *o, mi_intake_stats *stats, mi_err *e)
{
	if (note && strlen(note) > MAX_TEXT)
		return mi_err_set(e, MI_EX_USAGE, "note longer than 20000 bytes");
	return amend_run(c, NULL, ids, vals, note, o, stats, e);
}

int
mi_intake_amend_import(mi_ctx *c, const char *path, const char *note, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_err *e)
{
	return amend_run(c, path, NULL, NULL, note, o, stats, e);
}
