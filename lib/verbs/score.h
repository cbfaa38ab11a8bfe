/*
 * score.h - the assessment's figures, shared by score.c (which computes
 * them and writes the report) and bulletin.c (which typesets the
 * bulletin); private to lib/verbs.
 */
#ifndef MINYI_SCORE_H
#define MINYI_SCORE_H

#include "verbs/verbs.h"

/* ---- the settings (config key "score") ---- */

enum { R_CLOSURE, R_FIRST, R_ONTIME, R_SATISFACTION, R_N };

struct rule {
	double points, target, per_point;
};

struct grade {
	const char *name;
	double min;
};

struct settings {
	struct rule rate[R_N];
	double missed_points, multiplier, red_points;
	long min_cases;
	int cutoff_days;
	unsigned collected;        /* a bit per channel that counts as collected */
	struct grade grade[16];
	size_t ngrades;
	const char *below;
	int by_mean;               /* score.year_rank: rank a year by the mean of its months */
};

/* ---- an id -> index map (open addressing; 0 is never a key) ---- */

struct idmap {
	int64_t *key;
	size_t *val;
	size_t cap, n;
};

/* ---- the model: units, people, months, and what each one did ---- */

/* What one unit or person did with the cases of one month; for a place
 * (a street, a community, the county), what was asked there. */
struct figs {
	long counted, resolved, closed, first, reopened, due, on_time, overdue, red;
	long answered, satisfied, called, meetings, missed;
	long local;                /* cases of the place collected by the teams */
	long hotline;              /* hotline records of the place */
	long to_sign, signed_, signed_on_time;   /* routed to the unit to sign for (签收) */
	long extensions;           /* extensions approved (延期) */
	long returned;             /* cases the unit sent back to the centre (退回) */
	long long missed_h;        /* the points booked with those misses, in hundredths */
};

/* One month (or the whole of a --from/--to span). */
struct bucket {
	int64_t start, end, cutoff;
};

/* How a street-level unit is told apart: a 街道 (urban), a 镇 or 乡 (rural). */
enum { AREA_NONE = -1, AREA_URBAN, AREA_RURAL, AREA_N };

struct unit {
	int64_t id, parent;
	int kind;
	int area;                  /* for a street: AREA_* */
	char *code, *name;
};

struct person {
	int64_t id;
	int line;                  /* from the kind of the person's unit; -1 none */
	char *name, *role;
	const struct unit *unit;
};

struct entity {
	int line;
	const struct unit *unit;   /* a unit of the line, or */
	const struct person *person;
	struct figs *f;            /* one per bucket */
};

struct model {
	mi_ctx *c;
	struct settings s;
	struct bucket *b;
	size_t nb;
	struct figs *county;       /* per bucket, every case once: the county's totals */
	struct figs *place;        /* per unit and bucket (u * nb + b): the cases located there */
	struct unit *u;
	size_t nu;
	struct idmap umap;
	struct person *p;
	size_t np;
	struct idmap pmap;
	struct entity *ent;
	size_t nent, capent;
	struct idmap emap;         /* id * 4 + line for units, id * 4 + 3 for people */
};

/*
 * Reads the settings and scans the period o asks for into m (with the month
 * before it first when previous): 0, and the caller frees m with
 * mi_score_free; or -1 with e set and nothing to free.
 */
int mi_score_build(mi_ctx *c, const mi_score_opts *o, int previous, struct model *m,
    mi_err *e);
void mi_score_free(struct model *m);

/* ---- scores, grades and ranks ---- */

/* One line of a table: an entity's figures over buckets [b0, b1). */
struct row {
	const struct entity *x;
	struct figs f;
	int months;                /* months scored */
	long long score;           /* hundredths: the sum of the monthly scores */
	long long deduction;       /* hundredths, likewise */
	int ranked;
	int by_mean;               /* ranked by the mean of the months (score.year_rank) */
	long rank;
};

struct table {
	struct row *r;
	size_t n;
};

/* The rows of units (people when persons) of line (-1: all) over buckets
 * [b0, b1), ranked; t->r is the caller's to free. */
void mi_score_table(const struct model *m, int persons, int line, size_t b0, size_t b1,
    struct table *t);
/* The month's score in hundredths, from its figures; the rates with
 * nothing to measure weighted out. */
long long mi_score_month(const struct settings *s, const struct figs *f);
/* Adds the figures b to a. */
void mi_score_figs_add(struct figs *a, const struct figs *b);
/* The street-level unit a place is in (a street, or the street of a
 * community or an estate), as an index into m->u; -1 for none. */
long mi_score_street(const struct model *m, int64_t unit);
/* Drops all but the first limit rows of each line (0: keeps all). */
void mi_score_limit(struct table *t, long limit);

/* ---- formatting ---- */

struct cells {
	char rank[24], months[24], n[8][24], rate[R_N][16], deduction[32], score[32];
	char callback[16], hotline[16];
	char prev[24], change[32];
	char sign[2][16], counts[2][24];
};

/* n/d as a percentage with one decimal and unit after it, into buf; NULL
 * when d is 0. */
const char *mi_score_pct(char *buf, size_t len, long n, long d, const char *unit);
/* Hundredths h as a decimal into buf; with sign, a gain has its '+'. */
const char *mi_score_hundredths(char *buf, size_t len, long long h, int sign);
/* The grade of a row's average monthly score. */
const char *mi_score_grade(const struct settings *s, const struct row *r);

/* score_teams.c: the teams' report (score --by team). */
int mi_score_teams(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e);

/* Records that people's names were shown (--reveal): one event. */
int mi_score_reveal(mi_ctx *c, const mi_score_opts *o, mi_err *e);

#endif
