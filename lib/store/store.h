/*
 * store.h - the database floor: opening it, the run's statements, the
 * configuration, the append-only history, the case record and the units.
 *
 * The floors of lib/, from the bottom: base (no database), store (the
 * database and what lives in it), io (records in, rows out), verbs (what
 * the tools do). A file includes its own floor's header and, through it,
 * the floors below; never a header of a floor above its own. The front
 * door, include/minyi.h, is what the tools see; every floor may use it.
 */
#ifndef MINYI_STORE_H
#define MINYI_STORE_H

#include "base/base.h"

/* ---- db.c: the database ---- */

#define MI_SCHEMA_VERSION 8

/*
 * Opens path (NULL: $MINYI_DB, else ./minyi.db). Read-write creates the file
 * with mode 0600 and migrates; read-only never migrates and refuses a missing
 * (66) or out-of-date database. A database newer than this binary is refused
 * (73). Sets the busy timeout, foreign keys, WAL and synchronous=NORMAL.
 * Warns on stderr when the file is readable by group or others (the one
 * place the library writes to stderr: a security warning must not be lost).
 * Caller closes with mi_db_close.
 */
int mi_db_open(const char *path, int mode, sqlite3 **out, mi_err *e);
void mi_db_close(sqlite3 *db);
const char *mi_db_default_path(void);
/* Maps an SQLite failure to an error (75 for busy/locked, else 70) naming sql. */
int mi_db_fail(sqlite3 *db, const char *sql, mi_err *e);
int mi_db_exec(sqlite3 *db, const char *sql, mi_err *e);   /* fixed SQL only */
int mi_db_begin(sqlite3 *db, mi_err *e);                   /* BEGIN IMMEDIATE */
/* Commits; first checks that the path still names the file opened there:
 * when it was removed or replaced, rolls back and fails with 74. */
int mi_db_commit(sqlite3 *db, mi_err *e);
void mi_db_rollback(sqlite3 *db);
/* 1 once a commit found db's file removed or replaced: nothing it took holds. */
int mi_db_lost(sqlite3 *db);
/* Binds s, or NULL when s is NULL or empty; s must outlive the step. */
void mi_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Binds id, or NULL when it is 0 or less (no unit, no person). */
void mi_bind_id(sqlite3_stmt *st, int i, int64_t id);

/* ---- config.c: the JSON configuration ---- */

/*
 * Loads the built-in defaults and merges the file over them (objects merge
 * key by key, other values replace). path NULL means $MINYI_CONFIG, else
 * the defaults alone. Unknown keys and wrong types are errors naming the
 * file, the key and what was expected (exit 78). Caller frees with
 * mi_config_free.
 */
int mi_config_load(const char *path, mi_config **out, mi_err *e);
void mi_config_free(mi_config *c);
/* The value at a dotted path ("tiers.community.days"), or NULL; owned by c. */
const cJSON *mi_config_get(const mi_config *c, const char *path);
int mi_config_int(const mi_config *c, const char *path, int def);
double mi_config_num(const mi_config *c, const char *path, double def);
const char *mi_config_str(const mi_config *c, const char *path, const char *def);
/* 1 when the list of strings at path holds s (units.roles ...). */
int mi_config_has(const mi_config *c, const char *path, const char *s);
/* Hex SHA-256 of the effective configuration (printed unformatted); owned by c. */
const char *mi_config_hash(const mi_config *c);
/* The official calendar with the config's local days; owned by c. */
const mi_calendar *mi_config_calendar(const mi_config *c);
/* The file the config came from, or "(built-in)". */
const char *mi_config_source(const mi_config *c);
/* The key of ledger.key (read and checked when the config loads: an
 * absolute path to a file of 16 to 1024 bytes, mode 600 or stricter), or
 * NULL when none is set; owned by c. */
const mi_hmac *mi_config_key(const mi_config *c);

/* ---- ctx.c: the run and its statements ---- */

/*
 * Holds what the run writes to standard output in an unlinked file only
 * this process can read, so that names and phones shown with --reveal reach
 * the reader only after the reveal is recorded (mi_reveal releases it).
 * 0, or -1 with e set (74) when no such file can be made.
 */
int mi_ctx_hold(mi_ctx *c, mi_err *e);
/* Ends the hold: with show, what was held goes to the real standard output
 * (-1 and e set, 74, when that write fails); without, it is dropped. 0 when
 * nothing is held. */
int mi_ctx_release(mi_ctx *c, int show, mi_err *e);

/* A run not yet opened: no database, the common options at their defaults
 * (the tool's option parsing fills c->opts), nothing held. */
void mi_ctx_init(mi_ctx *c);
/* Opens the run c->opts describes: loads the config, sets now and the
 * operator, opens the database (dbmode < 0: not yet; mi_ctx_db opens it
 * later). */
int mi_ctx_open(mi_ctx *c, const char *prog, int dbmode, mi_err *e);

/* A prepared statement for static SQL, prepared once per run and reset for reuse. */
sqlite3_stmt *mi_stmt(mi_ctx *c, const char *sql, mi_err *e);
/* Runs the cached statement sql with id bound to ?1: 1 with *st on the row,
 * 0 when there is none, -1 on an error. */
int mi_row_by_id(mi_ctx *c, const char *sql, int64_t id, sqlite3_stmt **st, mi_err *e);

/* ---- events.c: the append-only history ---- */

/*
 * Appends an event (case_id 0: not about one case) at c->now by c->op; a
 * case's row takes its hash as its seal (mi_case_write, the row change
 * being the seal alone). details is a JSON object text or NULL. The caller
 * holds the transaction.
 */
int mi_event_add(mi_ctx *c, int64_t case_id, const char *kind, const char *details, mi_err *e);
/* mi_event_add with the details as a JSON object, which it frees. */
int mi_event_json(mi_ctx *c, int64_t case_id, const char *kind, cJSON *d, mi_err *e);

/* A change of a case and the event that records it, for mi_case_write. */
typedef struct mi_case_event {
	int64_t id;            /* the case */
	const char *kind;      /* the event's kind */
	const char *details;   /* its JSON details or NULL, kept until the write returns */
	int param;             /* the row statement's parameter for the event's hash */
	char hash[65];         /* set by mi_case_write: the event's hash, the row's seal */
} mi_case_event;
/*
 * Writes case rows and the events that record their change, keeping the rule
 * that a case row carries its latest event's hash (cases.evhash, which ledger
 * verify checks). st is the caller's statement for the rows (from mi_stmt,
 * bound but for the hashes), which sets each case's evhash to the parameter
 * ev[i].param: n cases may share one statement. The n events are sealed in
 * order, their hashes bound, st stepped once, then the events appended in
 * that order. Returns the rows st changed, n; 0 when it changed none (an
 * insert that met its conflict, a case deleted behind the tools' back), and
 * then no event is appended (but the "key" event that starts a keyed
 * history may be); -1 on an error (some rows but not n is one).
 * The caller holds the transaction and appends nothing else meanwhile.
 */
int mi_case_write(mi_ctx *c, sqlite3_stmt *st, mi_case_event *ev, int n, mi_err *e);
/* The hash an event carries: SHA-256 over the previous event's hash and
 * this one's id, case, time, operator, kind and details, or their
 * HMAC-SHA256 under key (ledger.key) when not NULL; hex needs 65 bytes. */
void mi_event_hash(const mi_hmac *key, const char *prev, int64_t id, int64_t case_id,
    int64_t at, const char *op, const char *kind, const char *details, char hex[65]);
/* The id a "key" event names its key by: the first 8 bytes, in hex, of the
 * key's HMAC of a fixed text (which tells nothing of the key). */
void mi_ledger_key_id(const mi_hmac *key, char id[17]);
/* A digest of what a case was recorded with and never changes (channel,
 * reference, time, reporter, phone, address, text); hex needs 33 bytes.
 * The intake event carries it, so an edit of these columns is found. */
void mi_case_digest(const char *channel, const char *ref, int64_t received,
    const char *reporter, const char *phone, const char *address, const char *text,
    char hex[33]);

/* ---- cases.c: the case record ---- */

/* Where a case stands, as resolve and callback need it before they act. */
typedef struct mi_case_state {
	char status[12];
	char tier[12];             /* "community" when not routed */
	int64_t resp, first;       /* responsible unit, first handler; 0 when none */
	int64_t routed, due, resolved;   /* 0 when not set */
	int attempts, reopens;
	int anonymous;             /* no phone to call back */
	int64_t sign_due, signed_at;     /* when the unit must sign, and did; 0 when not set */
	int ext_asked;             /* working days of an extension pending; 0: none */
} mi_case_state;

/* Loads case id: 1, 0 when there is no such case, -1 on an error. */
int mi_case_state_load(mi_ctx *c, int64_t id, mi_case_state *k, mi_err *e);
/*
 * A record's reference in *ref: -1 when the one it has is longer than 200
 * bytes; a record without one gets one from every field it records (v[MI_F_*]:
 * channel, reporter, address, street, community, estate, category, text,
 * collector; NULL for one not given), its received time and its phone as
 * stored, "c:" and 16 hex digits written to out (20 bytes): the same row read
 * again gets the same one, two residents with the same words at the same
 * minute get two.
 */
int mi_content_ref(const char **ref, int64_t received, const char *phone,
    const char *const *v, char out[20]);
/* The reference the rule before gave a record without one ("h:": received,
 * phone, text, address), to find a case it recorded. */
void mi_content_ref_old(int64_t received, const char *phone, const char *text,
    const char *address, char out[20]);

/* ---- gazetteer.c: units by loose names ---- */

/* Strips administrative suffixes (居民委员会, 村委会, 社区, 街道办事处, ...) for loose matching; caller frees. */
char *mi_name_core(const char *name);
/* The name without its kind (社区, 街道, 小区, 村, 镇, 乡) when six bytes (two Chinese characters) or more remain; caller frees. */
char *mi_name_bare(const char *core);

/* An in-memory index of units for resolving names loosely. */
typedef struct mi_gazetteer mi_gazetteer;
/* Loads every unit; caller frees with mi_gaz_free. */
int mi_gaz_load(sqlite3 *db, mi_gazetteer **out, mi_err *e);
void mi_gaz_free(mi_gazetteer *g);
/* Finds a unit of kind by name (exact, then core name); within parent when parent > 0.
 * Returns its id, 0 when none, -1 when ambiguous. */
int64_t mi_gaz_find(const mi_gazetteer *g, int kind, const char *name, int64_t parent);
/* Finds a unit as a person names it: by code (of any kind), by name of kind
 * as mi_gaz_find does (of any kind when kind < 0), and, when kind < 0 or
 * MI_U_DEPARTMENT, by a part of the name of one department or centre (供热
 * finds 嘉祥县供热公司). Returns its id, 0 when none, -1 when ambiguous. */
int64_t mi_gaz_unit(const mi_gazetteer *g, const char *name, int kind);
/* Finds street, community and estate named inside an address text; any of them may stay 0. */
void mi_gaz_scan(const mi_gazetteer *g, const char *text, int64_t *street, int64_t *community, int64_t *estate);
int64_t mi_gaz_parent(const mi_gazetteer *g, int64_t id);
int mi_gaz_kind(const mi_gazetteer *g, int64_t id);
const char *mi_gaz_name(const mi_gazetteer *g, int64_t id);
const char *mi_gaz_code(const mi_gazetteer *g, int64_t id);
/* The same, or none when id is no unit (0 or unknown). */
const char *mi_gaz_code_or(const mi_gazetteer *g, int64_t id, const char *none);

/* ---- cadres.c: who covers which estate ---- */

/* Each estate's covering 包小区干部 (the first by id when several), sorted. */
typedef struct mi_cadres {
	int64_t *estate, *person;
	size_t n;
} mi_cadres;
int mi_cadres_load(mi_ctx *c, mi_cadres *out, mi_err *e);
/* The person covering estate, or 0. */
int64_t mi_cadre_of(const mi_cadres *m, int64_t estate);
void mi_cadres_release(mi_cadres *m);

#endif
