/*
 * verbs.h - the top floor: what the tools do. Most of it is declared in
 * the front door; these are the verbs' uses of one another.
 *
 * The floors of lib/, from the bottom: base (no database), store (the
 * database and what lives in it), io (records in, rows out), verbs (what
 * the tools do). A file includes its own floor's header and, through it,
 * the floors below; never a header of a floor above its own. The front
 * door, include/minyi.h, is what the tools see; every floor may use it.
 */
#ifndef MINYI_VERBS_H
#define MINYI_VERBS_H

#include "io/io.h"

/* ---- model.c ---- */

/* Reads labelled examples (columns text and label) from path; the arrays
 * and strings are the caller's to free. */
int mi_route_examples(const char *path, char ***texts, char ***labels, size_t *n, mi_err *e);
/* Routing accuracy: for each example with a unit (units[i] not NULL or
 * empty), the unit routing would give its text, by the rules and the
 * stored model, placed in places[i] (a community or street, or NULL: what
 * the text names), against the unit named (a code or name). *scored gets
 * the examples with a unit, *hits those routed there. */
int mi_route_unit_hits(mi_ctx *c, const char *const *texts, const char *const *places,
    const char *const *units, size_t n, size_t *scored, size_t *hits, mi_err *e);

/* ---- route.c ---- */

/* The unit that takes a case of category and text (either may be NULL) in the
 * county tier: the department named by the first routing rule that matches
 * and names one, else the county centre; 0 when there is neither. */
int64_t mi_route_department(mi_ctx *c, const char *category, const char *text, mi_err *e);

/* ---- units.c: the roles people may have ---- */

/* 1 when role is one of the config's roles (units.roles), or of the
 * built-in ones when cfg is NULL. */
int mi_role_ok(const mi_config *cfg, const char *role);
/* Those roles, joined with ", ", added to b (for messages). */
void mi_roles_list(const mi_config *cfg, mi_buf *b);
/* A listing: its columns cols, then the rows of its query (at most 16
 * columns; id, when not 0, bound to ?1), each written to out; with indent
 * >= 0, column indent indented two spaces a level, the level being the
 * column before it. */
int mi_units_rows(mi_ctx *c, mi_out *out, const char *sql, const struct mi_col *cols, int64_t id,
    int indent, mi_err *e);

/* ---- session.c: platforms and the sessions held there ---- */

/* A platform by its code, else by its name when one platform has it: its id
 * and code (code may be NULL), 0 when none (or several), -1 on an error. */
int64_t mi_platform_find(mi_ctx *c, const char *name, char *code, size_t ncode, mi_err *e);

/* ---- teams.c: the collection teams (小分队) ---- */

/* The team whose code or name is s into *id; 64 when there is none or
 * two teams have that name. */
int mi_team_arg(mi_ctx *c, const char *s, int64_t *id, mi_err *e);

/* A roster of teams, one row per member with its team's code or name,
 * community, estates and a captain's mark: read row by row (add), then
 * checked and written team by team (finish), in the caller's transaction.
 * The counts go to stats: teams added, updated or unchanged, the people the
 * roster added, the rows refused. */
typedef struct mi_roster mi_roster;
/* 1 when rec's keys are a roster's: a team (code or name), name and role. */
int mi_roster_header(const mi_record *rec);
/* 1 when col is a column a roster reads. */
int mi_roster_uses(const char *col);
mi_roster *mi_roster_new(mi_ctx *c, const char *file, int strict, mi_reject_fn rej, void *arg,
    mi_import_stats *stats);
int mi_roster_add(mi_roster *r, const mi_record *rec, mi_err *e);
int mi_roster_finish(mi_roster *r, mi_err *e);
void mi_roster_free(mi_roster *r);
/* The team whose code, else whose name, is s: its id, 0 for none, -1 when
 * two teams have that name, -2 with e set on a database error. */
int64_t mi_team_find(mi_ctx *c, const char *s, mi_err *e);

/* ---- residents.c: a resident's recent cases, in memory ---- */

typedef struct mi_residents mi_residents;
/* The keys a case is found by: its phone, its reporter in its community;
 * 0 when it has none. */
uint32_t mi_resident_phone(const char *phone);
uint32_t mi_resident_who(const char *reporter, int64_t community);
mi_residents *mi_residents_new(void);
void mi_residents_free(mi_residents *m);
/* Loads the cases not void received from lo to hi that are not loaded yet. */
int mi_residents_cover(mi_ctx *c, mi_residents *m, int64_t lo, int64_t hi, mi_err *e);
/* Puts in a case just added. */
void mi_residents_add(mi_residents *m, int64_t id, int64_t received, uint32_t phone,
    uint32_t who);
/* The ids (at most max, the latest added first) whose key `by` (0 phone,
 * 1 reporter and community) is key, received from lo to hi; a key's hash
 * may collide: the caller checks the case. */
int mi_residents_find(const mi_residents *m, int by, uint32_t key, int64_t lo, int64_t hi,
    int64_t *ids, int max);

/* ---- amend.c: a case's recorded fields put right ---- */

/* The fields an amendment may change, besides the received time and the place. */
enum { MI_AM_REPORTER, MI_AM_PHONE, MI_AM_ADDRESS, MI_AM_CATEGORY, MI_AM_TEXT,
	MI_AM_COLLECTOR, MI_AM_ACTIVITY, MI_AM_PROPOSED, MI_AM_NS };

/* What a case records, as an amendment compares and writes it. */
typedef struct mi_case_rec {
	int64_t id, routed, received;
	int64_t place[3];          /* street, community, estate; 0 when none */
	int64_t collector_id;
	int64_t team, platform;    /* the team that collected it, where it was raised; 0 */
	char status[12], channel[12];
	char *ref;
	char *s[MI_AM_NS];         /* NULL when none */
} mi_case_rec;

/* Loads case id, or (id 0) the case of channel and ref: 1, 0 when there is
 * none, -1 on an error. Release with mi_case_rec_release. */
int mi_case_rec_load(mi_ctx *c, int64_t id, const char *channel, const char *ref,
    mi_case_rec *k, mi_err *e);
void mi_case_rec_release(mi_case_rec *k);
/* The fields of nw that differ from old, a bit each (MI_AMD_*); 0: none. */
#define MI_AMD_RECEIVED (1u << MI_AM_NS)
#define MI_AMD_PLACE (7u << (MI_AM_NS + 1))
#define MI_AMD_TEAM (1u << (MI_AM_NS + 4))
#define MI_AMD_PLATFORM (1u << (MI_AM_NS + 5))
unsigned mi_amend_diff(const mi_case_rec *old, const mi_case_rec *nw);
/* 1 when diff moves a routed case: its place or category changed. */
int mi_amend_moves(const mi_case_rec *old, unsigned diff);
/*
 * Writes nw's fields over case old->id with one event "amend" holding each
 * changed field's old and new value, the source and line (or the note),
 * the digest of what the case now holds and, for a row read again, the
 * row's own digest (row, or NULL); nw->id and nw->status are not used.
 * The caller holds the transaction.
 */
int mi_amend_write(mi_ctx *c, const mi_gazetteer *g, const mi_case_rec *old,
    const mi_case_rec *nw, unsigned diff, const char *source, long line, const char *note,
    const char *row, mi_err *e);

#endif
