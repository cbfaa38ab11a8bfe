/*
 * minyi.h - the front door: what the minyi tools (cmd/) use of the library.
 *
 * A tool parses its options, opens a run (mi_ctx), calls one verb of the
 * library for what it was asked, prints what the verb reports through its
 * callbacks, and leaves with the exit status the library chose. Everything
 * else the library does is behind this door, in the floors' headers of
 * lib/ (base/base.h, store/store.h, io/io.h, verbs/verbs.h).
 *
 * Conventions:
 *  - Every function that can fail returns 0 on success and -1 on failure,
 *    leaving the reason and the exit status to use in the mi_err passed in.
 *  - The library never prints to stdout and never exits; out-of-memory is
 *    the one fatal path (mi_xstrdup and the other allocators abort).
 *  - A function that returns memory says who frees it.
 *  - Times are Unix seconds (int64_t), shown in local time (TZ).
 *  - Dates are integers YYYYMMDD ("ymd").
 */
#ifndef MINYI_H
#define MINYI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sqlite3.h>

#define MI_VERSION "0.1.0"

#if defined(__GNUC__)
#define MI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MI_PRINTF(a, b)
#endif

/*
 * Messages for people (stderr, the usage) follow the locale through gettext,
 * text domain "minyi": the functions that form them (the library's errors, mi_cli_warn,
 * mi_cli_usage, mi_cli_progress) translate their format themselves; a message
 * formed elsewhere is written _("..."), a literal kept for later N_("...").
 * Headers, values and data never follow the locale.
 */
#include <libintl.h>
#define MI_DOMAIN "minyi"
#define _(s) gettext(s)
#define N_(s) s

/* ==== Errors and exit statuses ====
 * A failing call fills an mi_err with a message for people and the exit
 * status the tool should leave with (sysexits.h names). The tool prints it
 * with mi_cli_fail and exits with what that returns.
 */

enum mi_exit {
	MI_EX_OK = 0,
	MI_EX_SOME = 1,        /* finished, but some records failed */
	MI_EX_USAGE = 64,
	MI_EX_DATAERR = 65,
	MI_EX_NOINPUT = 66,
	MI_EX_SOFTWARE = 70,
	MI_EX_CANTCREAT = 73,
	MI_EX_IOERR = 74,
	MI_EX_TEMPFAIL = 75,   /* database locked past the busy timeout */
	MI_EX_CONFIG = 78
};

typedef struct mi_err {
	int code;              /* an mi_exit value; 0 when clear */
	char msg[1024];        /* lower case, subject quoted, no trailing period */
} mi_err;


/* ==== Memory, text and numbers ====
 * Allocation that cannot fail (out of memory aborts), growable string
 * buffers, and the parsing of numbers given on the command line.
 */

char *mi_xstrdup(const char *s);

typedef struct mi_buf {
	char *s;
	size_t len, cap;
} mi_buf;
#define MI_BUF_INIT { NULL, 0, 0 }

void mi_buf_puts(mi_buf *b, const char *s);
void mi_buf_putc(mi_buf *b, int c);
void mi_buf_printf(mi_buf *b, const char *fmt, ...) MI_PRINTF(2, 3);
void mi_buf_release(mi_buf *b);            /* frees the memory */
const char *mi_buf_str(const mi_buf *b);   /* always NUL-terminated ("" when empty) */

/* Parses a whole decimal number in [min, max]: 0, or -1 (junk, overflow,
 * out of range). For case ids, limits, counts given on the command line. */
int mi_parse_num(const char *s, long long min, long long max, long long *out);

/* Strips leading and trailing ASCII and full-width (U+3000) white space in place. */
char *mi_trim(char *s);

/* ==== Vocabularies ====
 * The closed lists of the ledger: channels, tiers, statuses, call-back
 * outcomes, colours, the three assessment lines and the kinds of unit. Each
 * value has one English name (files, scripts, the database) and one Chinese
 * name; lib/base/names.c holds them all.
 */

enum mi_channel { MI_CH_VISIT, MI_CH_HALL, MI_CH_HOTLINE, MI_CH_WECHAT, MI_CH_OTHER, MI_CH_N };
enum mi_tier { MI_TIER_COMMUNITY, MI_TIER_STREET, MI_TIER_COUNTY, MI_TIER_N };
enum mi_status { MI_ST_NEW, MI_ST_OPEN, MI_ST_RESOLVED, MI_ST_CLOSED, MI_ST_VOID, MI_ST_N };
enum mi_outcome { MI_CB_SATISFIED, MI_CB_BASIC, MI_CB_DISSATISFIED, MI_CB_UNREACHABLE, MI_CB_N };
enum mi_colour { MI_COLOUR_NONE, MI_COLOUR_BLUE, MI_COLOUR_YELLOW, MI_COLOUR_RED, MI_COLOUR_N };
/* The lines assessed separately: communities and estates on what they
 * collected, "双报到" pairing units on what they collected, functional
 * departments on what they were made responsible for (首办负责制). */
enum mi_line { MI_LINE_COMMUNITY, MI_LINE_PAIRING, MI_LINE_DEPARTMENT, MI_LINE_N };
enum mi_unit_kind {
	MI_U_COUNTY, MI_U_CENTRE, MI_U_STREET, MI_U_COMMUNITY, MI_U_ESTATE,
	MI_U_PAIRING, MI_U_DEPARTMENT, MI_U_NKINDS
};

/* The platforms (议事厅, 调解室, 驿站) and the sessions held there (接访日,
 * 八方议事, 调解). */
enum mi_platform_kind { MI_P_HALL, MI_P_MEDIATION, MI_P_STATION, MI_P_N };
enum mi_session_kind { MI_S_RECEPTION, MI_S_DELIBERATION, MI_S_MEDIATION, MI_S_N };

enum mi_vocab {
	MI_V_CHANNEL, MI_V_TIER, MI_V_STATUS, MI_V_OUTCOME, MI_V_COLOUR, MI_V_LINE, MI_V_KIND,
	MI_V_PLATFORM, MI_V_SESSION,
	MI_V_N
};
/* The English name of value in vocab (what files and the database hold);
 * an unknown value prints as "?" (a channel as "other"). */
const char *mi_vocab_name(int vocab, int value);
/* Parses an English or Chinese name or another spelling real sheets use
 * (热线, 非常满意, 镇, ...); -1 unknown. An empty colour is none. */
int mi_vocab_parse(int vocab, const char *s);

/* ==== Time ====
 * The times, months and years options give, and printing local time.
 */

/* What a bare date (no time of day) given for an option means: its
 * midnight, the midnight after it (the end of a period [from, to) that takes
 * in the whole day), or 23:59:59 of it (a deadline). */
enum { MI_BARE_START, MI_BARE_END, MI_BARE_DUE };
/* Parses a time given for an option, in any form exports use (2026-11-26
 * 09:30, 2026/11/26 9:30, 2026年11月26日, an ISO time with its offset, ...;
 * mi_time_parse in base/base.h), a bare date as bare says; 64 "invalid time
 * 's'" when it is none. */
int mi_time_arg(const char *s, int bare, int64_t *t, mi_err *e);
/* Parses YYYY-MM (or YYYY/MM) into [start, end) local times. */
int mi_month_parse(const char *s, int64_t *start, int64_t *end);
/* Parses YYYY (1970 to 9998) into [start, end) local times. */
int mi_year_parse(const char *s, int64_t *start, int64_t *end);
/* "YYYY-MM-DD HH:MM:SS" in local time; buf needs 20 bytes. Returns buf. */
char *mi_time_format(int64_t t, char *buf, size_t n);

/* ==== Records in, rows out ====
 * A record is one row of an input (CSV header names or JSON keys with their
 * values). Rows out go through an mi_out writer, in the format -o chose, with
 * names and phones, and the numbers written in free text, masked unless
 * --reveal. The case stream is the list of
 * case ids a tool reads from its operands or standard input.
 */

/* Workbooks: .xlsx, .xls (BIFF8), SpreadsheetML 2003 XML, an HTML table. */
enum mi_format {
	MI_FMT_AUTO, MI_FMT_CSV, MI_FMT_JSON, MI_FMT_NDJSON,
	MI_FMT_XLSX, MI_FMT_XLS, MI_FMT_XML, MI_FMT_HTML
};
enum mi_enc { MI_ENC_AUTO, MI_ENC_UTF8, MI_ENC_GB18030 };

/* One record: the header names (CSV) or keys (JSON) with their values. */
typedef struct mi_record {
	size_t n;
	const char **key;      /* n names */
	const char **val;      /* n values, never NULL ("" when empty) */
	long line;             /* physical line where the record starts (1-based) */
	const char *bad;       /* non-NULL: the record is malformed, and why */
	/* JSON only (NULL otherwise): each value's type, one letter a value:
	 * s string, n number, b boolean, z null, o object, a array. */
	const char *type;
	/* How the input was written, for a rejects file that its sender can
	 * open back: its encoding (MI_ENC_*; 0 when the record is not read),
	 * and 1 when it is a workbook. */
	int enc, book;
} mi_record;

/* Called for each record that is not stored: FILE:LINE and the reason. */
typedef void (*mi_reject_fn)(void *arg, const char *file, long line, const char *reason,
    const mi_record *rec);

/* Writes rejected records to a CSV file: file, line, reason, then the
 * record's own columns (a header line whenever the columns change). */
typedef struct mi_rejects mi_rejects;
/* Opens path for writing, readable by its owner only (0600); caller frees
 * with mi_rejects_close. It is written in the encoding of the input of the
 * first record rejected: GB18030 for GB18030 text, UTF-8 with a BOM for a
 * workbook (Excel then opens it right), else UTF-8; with bom (--bom),
 * always UTF-8 with a BOM. */
int mi_rejects_open(mi_rejects **out, const char *path, int bom, mi_err *e);
/* Refuses (64) a rejects path that names the same file as one of the n
 * inputs ("-", or n == 0: standard input) or as the database db (NULL: the
 * default), through whatever name: opening it would empty them. Called
 * before anything is opened for writing. */
int mi_rejects_check(const char *path, const char *db, int n, char *const *inputs, mi_err *e);
int mi_rejects_close(mi_rejects *r, mi_err *e);

enum mi_outfmt { MI_OUT_TSV, MI_OUT_CSV, MI_OUT_JSON, MI_OUT_NDJSON, MI_OUT_TABLE, MI_OUT_XLSX };
enum mi_coltype {
	MI_COL_STR = 0,
	MI_COL_INT = 1,        /* JSON number when the value parses as one */
	MI_COL_NUM = 2,
	MI_COL_NAME = 4,       /* a person's name: masked unless revealed */
	MI_COL_PHONE = 8,      /* a phone: masked unless revealed */
	MI_COL_TEXT = 16,      /* free text or an address: the phone and ID-card
	                        * numbers written in it masked unless revealed */
	/* Hints for a workbook (xlsx), which types its cells; the other
	 * formats write these columns as they write any other, but that csv
	 * writes an identifier of more than 11 digits as ="digits", which a
	 * spreadsheet keeps as text. */
	MI_COL_ID = 32,        /* an identifier (a case id, a reference, a ticket):
	                        * a text cell even when all digits */
	MI_COL_TIME = 64       /* "YYYY-MM-DD[ HH:MM:SS]" local: a date cell */
};
/* MI_OUTF_ZH: Chinese column headers and vocabulary values (--headers zh). */
enum { MI_OUTF_BOM = 1, MI_OUTF_REVEAL = 2, MI_OUTF_NOHEADER = 4, MI_OUTF_ZH = 8 };

typedef struct mi_out mi_out;

/* Declares the columns, in order, before the first row. */
void mi_out_col(mi_out *out, const char *name, int type);
/* One row: values in column order; NULL is empty (JSON null). */
void mi_out_row(mi_out *out, const char *const *vals);
/* Ends the output (table: prints the buffered rows aligned; json: closes the
 * array) and flushes; -1 with e set (74) when writing failed. */
int mi_out_finish(mi_out *out, mi_err *e);
void mi_out_free(mi_out *out);

typedef struct mi_idv {
	int64_t *v;
	size_t n, cap;
} mi_idv;
#define MI_IDV_INIT { NULL, 0, 0 }
void mi_idv_push(mi_idv *v, int64_t id);
void mi_idv_release(mi_idv *v);

/*
 * Collects case ids: the operands when argc > 0 ("-" reads in), else the
 * lines of in. A line's first field (tab, comma or space separated) is the
 * id; a JSON line with an "id" key works too; other lines are skipped.
 * An operand that is not an id is an error (64).
 */
int mi_ids_read(int argc, char **argv, FILE *in, mi_idv *out, mi_err *e);

/* ==== Running a tool ====
 * Every tool takes the common options (-d -c -u -o --at --bom --reveal),
 * opens one run (mi_ctx: the config, now, the operator and the database),
 * and ends through mi_cli_done, which checks that stdout was written.
 */

/* MI_DB_RW_EXISTING: write, but only to a database that exists already (a
 * dry run or a reveal must not create one). */
enum { MI_DB_RO = 0, MI_DB_RW = 1, MI_DB_RW_EXISTING = 2 };

/* Options common to every tool, filled by mi_opt_common. */
typedef struct mi_opts {
	const char *db;        /* -d/--db */
	const char *config;    /* -c/--config */
	const char *as;        /* -u/--as */
	const char *at;        /* --at */
	int outfmt;            /* -o/--output */
	int bom;               /* --bom */
	int reveal;            /* --reveal */
	int quiet;             /* -q/--quiet: no summary line, only problems */
	int headers;           /* --headers: 'e' (en), 'z' (zh), 0: the config's */
} mi_opts;

/* The long options every tool takes; append to a tool's option table. */
#define MI_OPT_BOM     0x1001
#define MI_OPT_REVEAL  0x1002
#define MI_OPT_AT      0x1003
#define MI_OPT_VERSION 0x1004
#define MI_OPT_HEADERS 0x1005
#define MI_COMMON_LONGOPTS \
	{ "db", 1, NULL, 'd' }, { "config", 1, NULL, 'c' }, { "as", 1, NULL, 'u' }, \
	{ "output", 1, NULL, 'o' }, { "at", 1, NULL, MI_OPT_AT }, \
	{ "bom", 0, NULL, MI_OPT_BOM }, { "reveal", 0, NULL, MI_OPT_REVEAL }, \
	{ "quiet", 0, NULL, 'q' }, { "help", 0, NULL, 'h' }, { "version", 0, NULL, MI_OPT_VERSION }, \
	{ "headers", 1, NULL, MI_OPT_HEADERS }
#define MI_COMMON_SHORTOPTS "d:c:u:o:qh"

/* Handles a common option: 1 when it was one, 0 when not, -1 on a bad value (e set, 64). */
int mi_opt_common(mi_opts *o, int c, const char *arg, mi_err *e);
/* getopt_long over the common options and the tool's longopts (short
 * options MI_COMMON_SHORTOPTS): the next option that is the tool's own, -1
 * at the end, or MI_OPT_BAD (e set, 64) for a common option's bad value. */
#define MI_OPT_BAD (-2)
struct option;
int mi_opts_next(mi_opts *o, int argc, char **argv, const struct option *longopts, mi_err *e);

typedef struct mi_config mi_config;

#define MI_STMT_CACHE 48
typedef struct mi_ctx {
	sqlite3 *db;
	mi_config *cfg;
	const char *prog;
	char *op;              /* operator name */
	int64_t now;
	mi_opts opts;
	struct {
		const char *sql;   /* the cache key: pointer to the static SQL */
		sqlite3_stmt *st;
	} stmt[MI_STMT_CACHE];
	size_t nstmt;
	/* The hash chain's head, valid only inside the transaction that read it. */
	int64_t chain_id;
	char chain_hash[65];
	int chain_ok;
	/* With --reveal, standard output is held in an unlinked file (hold_fd)
	 * until the reveal is recorded; out_fd is the real one. -1: not held. */
	int hold_fd, out_fd;
	long clear;            /* names and phones written in clear so far */
	long clear_rows;       /* rows that held any of them */
	/* The command line, which a reveal event names. */
	int argc;
	char **argv;
} mi_ctx;

/* Opens the database of a run opened without it. */
int mi_ctx_db(mi_ctx *c, int dbmode, mi_err *e);
void mi_ctx_close(mi_ctx *c);
/* Output writer honouring -o, --bom and --reveal; caller frees. */
mi_out *mi_ctx_out(mi_ctx *c, FILE *f);


/* Called first by every tool with main's arguments: a closed output pipe
 * must not kill a run halfway through its transaction (the write error is
 * reported at exit); c becomes a run not yet open, its options (c->opts,
 * which the tool's option loop fills through mi_opts_next) at their
 * defaults, and it keeps the command line for its reveal event. */
/* Starts a tool's main: its name and usage text serve --help (the usage on
 * standard output, exit 0), --version and mi_cli_usage. */
void mi_cli_init(mi_ctx *c, const char *prog, const char *usage, int argc, char **argv);
/* A wrong command line: "prog: why" (when why is not NULL), then the usage,
 * on standard error; exits 64. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void mi_cli_usage(const char *why, ...);
/* Opens the run c->opts describes: loads the config, sets now and the
 * operator, opens the database (dbmode < 0: not yet; mi_ctx_db opens it
 * later) and, with --reveal, holds standard output until the reveal is
 * recorded (mi_reveal). 0, or, after saying why (c closed again), the exit
 * status to leave with. */
int mi_cli_open(mi_ctx *c, const char *prog, int dbmode);
/* Runs list(c, out, arg, e) into a writer on standard output in the run's
 * format, then finishes and frees the writer: 0, or the exit status after
 * saying why. */
int mi_cli_list(mi_ctx *c, const char *prog, int (*list)(mi_ctx *, mi_out *, void *, mi_err *),
    void *arg);
/* Prints "prog: message" for e on stderr and returns its exit status.
 * Every message on stderr is one line, with control characters, escape
 * sequences and bidirectional overrides shown as text (\x1b, \n, \u202e). */
int mi_cli_fail(const char *prog, const mi_err *e);
/* Prints "prog: message" on stderr. */
void mi_cli_warn(const char *prog, const char *fmt, ...) MI_PRINTF(2, 3);
/* Prints "FILE:LINE: what" on stderr: what a record of the file came to ("FILE: what" for line 0). */
void mi_cli_at(const char *file, long line, const char *what);
/* Prints "prog: FILE: what" on stderr: a note about a file, as the options' note
 * callbacks of every tool take it (arg unused). */
void mi_cli_note(void *arg, const char *file, const char *what);
/* Flushes stdout; returns rc, or 74 (with a message) when stdout failed. */
int mi_cli_done(const char *prog, int rc);
/* Reports rejected records as FILE:LINE: reason on stderr and, when a
 * --rejects file is open, writes them there too. arg is a mi_cli_rejects. */
typedef struct mi_cli_rejects {
	const char *prog;
	mi_rejects *file;      /* NULL: stderr only */
	long printed;          /* lines printed so far */
} mi_cli_rejects;
void mi_cli_reject(void *arg, const char *file, long line, const char *reason,
    const mi_record *rec);
/* Where a tool that takes records puts what it did: the case stream on
 * stdout, and the rejected records (rej first: mi_cli_reject is handed the
 * sink). */
typedef struct mi_cli_sink {
	mi_cli_rejects rej;
	mi_out *out;
} mi_cli_sink;
/* Opens the --rejects file (when rejects is not NULL), then the output. */
int mi_cli_sink_open(mi_cli_sink *s, const char *prog, mi_ctx *c, const char *rejects,
    mi_err *e);
/* Finishes the output and the rejects file and frees them. Returns rc; when
 * rc is 0 and a write failed, -1 with e saying which. */
int mi_cli_sink_close(mi_cli_sink *s, int rc, mi_err *e);
/* A case given by id that was not acted on: its reason on stderr (arg is
 * the mi_cli_sink; the reason names the case). */
void mi_cli_skipped(void *arg, int64_t id, const char *why);
/* --format: 0, or -1 after saying what is accepted (64). */
int mi_cli_format(const char *prog, const char *arg, int *fmt);
/* The long options of every tool that imports a file of records:
 * --encoding ENCODING, --rejects FILE, --strict and --sheet NAME|N. */
#define MI_OPT_ENCODING 0x1006
#define MI_OPT_REJECTS  0x1007
#define MI_OPT_STRICT   0x1008
#define MI_OPT_SHEET    0x1009
#define MI_IMPORT_LONGOPTS \
	{ "encoding", 1, NULL, MI_OPT_ENCODING }, { "rejects", 1, NULL, MI_OPT_REJECTS }, \
	{ "strict", 0, NULL, MI_OPT_STRICT }, { "sheet", 1, NULL, MI_OPT_SHEET }
/* Handles an option of MI_IMPORT_LONGOPTS, setting *enc, *rejects, *strict
 * or *sheet: 1 when it was one, 0 when ch is none of them, -1 after saying
 * an unknown encoding and what is accepted (the tool exits 64). */
int mi_cli_import_opt(const char *prog, int ch, const char *arg, int *enc, const char **rejects,
    int *strict, const char **sheet);
/* A progress line, only when stderr is a terminal; mi_cli_progress_end ends
 * it with a newline when one is showing (the messages of mi_cli_warn,
 * mi_cli_fail and mi_cli_at end it first themselves). */
void mi_cli_progress(const char *prog, const char *what, long n);
void mi_cli_progress_end(void);
/* Formats n with thousands separators (9,982); buf needs 32 bytes. */
char *mi_cli_count(long n, char *buf, size_t len);

/* ==== The organisation (units) ====
 * Units and people come from sheets; re-import updates.
 */

typedef struct mi_import_stats {
	long added, updated, unchanged, rejected;
	long empty;            /* rows without content skipped */
} mi_import_stats;

/*
 * Imports units (a header with code, name, kind) or people (name, unit,
 * role) from path; re-import updates by code (units) or by unit and name
 * (people). With strict, any bad row aborts with nothing written (65).
 */
int mi_units_import(mi_ctx *c, const char *path, int enc, const char *sheet, int strict,
    mi_reject_fn rej, void *arg, void (*note)(void *arg, const char *file, const char *what),
    mi_import_stats *stats, mi_err *e);
/* Prints the tree of units, depth first. */
int mi_units_list(mi_ctx *c, mi_out *out, mi_err *e);
/* Prints the platforms (议事厅, 调解室, 驿站) a units file gave, with their
 * community, estate and the sessions held there. */
int mi_platforms_list(mi_ctx *c, mi_out *out, mi_err *e);
/* Prints the people with their unit, role and covered estates. */
int mi_people_list(mi_ctx *c, mi_out *out, mi_err *e);
/* Lists the collection teams (小分队): code, name, community, members, the
 * two captains with their units, the estates covered. */
int mi_teams_list(mi_ctx *c, mi_out *out, mi_err *e);
/* Prints what team (code or name) publishes on its card and notice board
 * (联系卡, 公示牌): a row per member with role, unit and phone, the captains
 * first and marked; staff details are public by design, never masked. 64
 * for an unknown team. */
int mi_team_card(mi_ctx *c, const char *team, mi_out *out, mi_err *e);
/* Role names (Chinese) the organisation knows; NULL-terminated. */
extern const char *const mi_roles[];

/* ==== Recording demands (intake) ====
 * One demand from flags, or every record of a file, each with its intake
 * event. The canonical fields name what a case is recorded with.
 */

/* The canonical fields, in the order of mi_case_fields (io/io.h). */
enum mi_field {
	MI_F_REF, MI_F_CHANNEL, MI_F_RECEIVED, MI_F_REPORTER, MI_F_PHONE, MI_F_ADDRESS,
	MI_F_STREET, MI_F_COMMUNITY, MI_F_ESTATE, MI_F_CATEGORY, MI_F_TEXT, MI_F_COLLECTOR,
	MI_F_UNIT, MI_F_N
};

typedef struct mi_intake_opts {
	int format, enc;       /* MI_FMT_*, MI_ENC_* */
	const char *sheet;     /* a workbook's sheet (name or number), or NULL */
	int strict;            /* any bad record aborts the input, nothing written */
	int dry_run;           /* decide everything, write nothing */
	int channel;           /* forced channel, or -1 */
	const char *activity;  /* with it, the activity that channel was given as, or NULL
	                        * (an amendment by flags: the case's activity, "" none) */
	const char *layout;    /* a layout name from the config, or NULL to detect */
	const char *platform;  /* the platform (code or name) every demand was raised at, or NULL;
	                        * for an amendment by flags, the case's platform ("" none) */
	/* An amendment by flags: the case's team (code or name), activity and
	 * proposed tier; NULL leaves them, "" clears them. */
	const char *team, *proposed;
	mi_reject_fn reject;   /* bad records */
	void *arg;             /* passed to the callbacks */
	/* A record stored with its location not resolved. */
	void (*unresolved)(void *arg, const char *file, long line, const char *what);
	/* Every new case, for the case stream, once it is committed (a dry
	 * run: before the rollback, with an empty id). Keys: mi_intake_columns. */
	void (*added)(void *arg, const mi_record *row);
	/* Every 10,000 records. */
	void (*progress)(void *arg, long records);
	/* What a file was read as, once, at its end: "layout L (row N is the
	 * header); ignored columns: A, B". */
	void (*note)(void *arg, const char *file, const char *what);
	/* A record stored with a warning: its phone unreadable (kept as written). */
	void (*warn)(void *arg, const char *file, long line, const char *what);
	/* An amendment: a case given by id that cannot be amended, and why. */
	void (*skipped)(void *arg, int64_t id, const char *why);
} mi_intake_opts;

typedef struct mi_intake_stats {
	long added, known, rejected, unresolved;
	long amended;          /* known records whose content changed, put right */
	long refused;          /* changed, but the case is resolved, closed or void */
	long moved;            /* of those amended, routed cases whose place or category changed */
	long skipped;          /* cases given by id to amend that could not be */
	int64_t batch;         /* the import batch of the last file read, or 0 */
	long undone;           /* cases of a batch voided by its undo */
	long duplicates;       /* new cases flagged as possible duplicates */
	long empty;            /* rows without content skipped (blank, totals, borders) */
	long unreadable;       /* stored with a phone that cannot be read */
	long no_team;          /* a team named but not found, or a collector in several */
	long kept;             /* files whose rows were committed (printing them may yet fail) */
	/* The database was removed or replaced under the run: what it added
	 * went with it, and the counts are no claim (added, known: 0). */
	int lost;
} mi_intake_stats;

void mi_intake_opts_init(mi_intake_opts *o);
/* The channel s names (visit, 敲门, ...) or, when s is an activity of the
 * config's intake.channel_aliases (红色星期天), that activity's channel with
 * *activity set to its name (owned by cfg); -1 when s is neither. */
int mi_intake_channel(const mi_config *cfg, const char *s, const char **activity);
/* Checks what can be checked before the database is touched: the layout
 * named, and that every input can be opened (66). */
int mi_intake_precheck(mi_ctx *c, const mi_intake_opts *o, int argc, char **argv, mi_err *e);
/* Records every demand of path ("-" standard input). Returns 0 when the input
 * was read (rejected records are counted, not failures), -1 when it stopped. */
int mi_intake_file(mi_ctx *c, const char *path, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_err *e);
/* Records one demand given field by field: vals[MI_F_*], NULL or "" for a
 * field not given; with no received time, it was received at c->now. */
int mi_intake_record(mi_ctx *c, const char *const *vals, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_err *e);
/*
 * Amends cases by hand: each case of ids gets the fields of vals[MI_F_*]
 * that are not NULL ("" removes one; a street, community or estate given
 * places the case anew), with one event "amend" holding each changed
 * field's old and new value and note as the reason. Only a new or open
 * case is amended; one in another state, or an id no case has, is skipped
 * (o->skipped). An amendment that changes nothing is counted as known and
 * said (o->warn). The cases amended go to o->added once kept.
 */
int mi_intake_amend(mi_ctx *c, const mi_idv *ids, const char *const *vals, const char *note,
    const mi_intake_opts *o, mi_intake_stats *stats, mi_err *e);
/* The same from a sheet (path, "-" standard input): the case (id or ref)
 * and the fields to change, a blank cell changing nothing; a note column
 * gives a row's reason, else note. Rows refused go to o->reject. */
int mi_intake_amend_import(mi_ctx *c, const char *path, const char *note,
    const mi_intake_opts *o, mi_intake_stats *stats, mi_err *e);
/*
 * Undoes import batch batch (see ledger imports): each of its cases still
 * new is voided with note as the reason and its reference freed (the file
 * read again brings it back as a new case), one event "undo" each naming
 * the batch; a case of it routed or acted on is left alone and told
 * (o->skipped, counted as skipped), one void already is counted as known.
 * The batch is marked undone; 65 when there is no such batch or it was
 * undone already. The cases voided go to o->added once kept.
 */
int mi_intake_undo(mi_ctx *c, int64_t batch, const char *note, const mi_intake_opts *o,
    mi_intake_stats *stats, mi_err *e);
/* The columns of the case stream intake prints; NULL-terminated. */
extern const char *const mi_intake_columns[];

/* ==== Routing (route) ====
 * Each new case gets its tier, its first-handler unit and its deadline.
 */

/* One routing decision, as printed and recorded. */
typedef struct mi_route_result {
	int64_t id;
	int tier;
	const char *unit_code, *unit_name;
	const char *contact;       /* covering cadre's name, or NULL */
	int64_t due;
	const char *category;      /* after the rule or model, may be NULL */
	const char *how;           /* "rule", "model", "triage" or "manual" */
	const char *rule;          /* the rule's name, or the reason */
	double confidence;         /* the model's, or 1 for a rule */
} mi_route_result;

typedef struct mi_route_opts {
	int dry_run;
	int model;                 /* 1: the model decides even when a rule matches */
	int again;                 /* ids given: open cases too are decided again */
	const char *category;      /* mi_route_assign: the cases' category from now
	                            * on (the centre's correction), or NULL */
	void (*routed)(void *arg, const mi_route_result *r);
	void (*skipped)(void *arg, int64_t id, const char *why);
	/* after the cases of a batch kept were handed to routed (may be NULL):
	 * the time to flush what was printed of them */
	void (*batch)(void *arg);
	void *arg;
} mi_route_opts;

typedef struct mi_route_stats {
	long routed, by_rule, by_model, triage, skipped;
	long by_proposal;          /* placed at the team's tier where no rule placed them */
	long kept, overridden;     /* the teams' proposed tiers kept, and overridden by a rule */
	long set_aside;            /* proposals set aside: the unit at that tier returned the case */
} mi_route_stats;

/* Routes the given cases (ids NULL: every new case). Cases not new are
 * skipped with a reason; with o->again, an open case is decided again from
 * its place and category now (after an amendment moved it), its first
 * handler kept. */
int mi_route_cases(mi_ctx *c, const mi_idv *ids, const mi_route_opts *o,
    mi_route_stats *stats, mi_err *e);
/* Routes the case stream read from fd as it comes (as mi_route_cases
 * routes ids): each batch is committed and handed out when it holds 4,096
 * cases or a second after its first case came, whichever is first, and no
 * transaction is open while the stream waits for a batch's first case. */
int mi_route_stream(mi_ctx *c, int fd, const mi_route_opts *o, mi_route_stats *stats,
    mi_err *e);
/* Writes why case id would be routed as it would (text, for people). */
int mi_route_explain(mi_ctx *c, int64_t id, mi_buf *out, mi_err *e);
/* Re-assigns cases by hand: the first handler stays; an event says who and why.
 * tier NULL: from the unit's kind. */
int mi_route_assign(mi_ctx *c, const mi_idv *ids, const char *unit, const char *tier,
    const char *reason, const mi_route_opts *o, mi_route_stats *stats, mi_err *e);
/* Learns the category model from a CSV of text,label (path) or, with path
 * NULL, from the ledger's history: every routed case with a text, labelled
 * with its category now, after re-routing (route --to --category) or
 * amendment; one whose category the model gave and nobody corrected is
 * left out. *corrected gets how many examples were corrections (0 from a
 * file). Stores the model in the database. */
int mi_route_train(mi_ctx *c, const char *path, long *examples, long *labels, long *corrected,
    mi_err *e);
/* Writes the training set the ledger's history gives (id, label,
 * corrected) to f in c's output format, storing nothing. */
int mi_route_history(mi_ctx *c, FILE *f, mi_err *e);
/* The labels of the stored model whose cases would route nowhere: not in
 * routing.labels (or mapped to a unit no unit, or several, answer to), and
 * no rule takes the category they stand for (one that names it among its
 * categories, or one with no words, category, place or channel). fn gets
 * each label and a message for people that names it. Returns how many
 * (0 without a model), or -1 with e set. */
int mi_route_unplaced(mi_ctx *c, void (*fn)(void *arg, const char *label, const char *why),
    void *arg, mi_err *e);
/* Measures the stored model on path (folds == 0), or cross-validates by
 * training on path itself (folds >= 2); writes the scores and the confusion
 * matrix to f in c's output format. */
int mi_route_evaluate(mi_ctx *c, const char *path, int folds, FILE *f, mi_err *e);

/* ==== Supervision (escalate) ====
 * The three-colour pass, moving cases up a tier, county meetings.
 */

/* One case a run changed, as printed. The strings belong to the run and
 * are valid during the callback only. */
typedef struct mi_escalation {
	int64_t id;
	int was, colour;           /* MI_COLOUR_* before and after */
	int tier;                  /* MI_TIER_*: the tier it is supervised in */
	const char *unit, *unit_name;      /* the responsible unit's code and name */
	const char *contact, *phone;       /* the unit's contact person and phone, or NULL */
	int64_t due;               /* 0 when it has none */
	int left, overdue;         /* working days left / past due; -1 when not so */
	const char *why;           /* what gave the colour, or NULL */
	int from_tier;             /* a move: the tier before; else -1 */
	const char *from_unit;     /* a move: the unit responsible before */
	const char *moved_to;      /* the pass: the unit an automatic move gave it, or NULL */
	int64_t meeting, held;     /* a meeting: its id and when it was held */
	const char *decision;      /* an extension: approved or denied; else NULL */
	int days;                  /* an extension: the working days asked */
	int64_t session;           /* a session: its id (held above), else 0 */
	int session_kind;          /* a session: MI_S_* */
	const char *platform;      /* a session: its platform's code, or NULL */
	const char *status;        /* a session: the case's status after it */
	int settled;               /* a session: the case was settled there */
} mi_escalation;

typedef struct mi_escalate_opts {
	void (*changed)(void *arg, const mi_escalation *x);
	/* A case given that was not acted on, and why (the run's exit status is 1). */
	void (*skipped)(void *arg, int64_t id, const char *why);
	/* Something worth knowing that is not a failure. */
	void (*note)(void *arg, int64_t id, const char *what);
	void (*progress)(void *arg, long looked);  /* every 10,000 cases looked at */
	void *arg;
} mi_escalate_opts;

typedef struct mi_escalate_stats {
	long looked, changed, moved, skipped;
	long colour[MI_COLOUR_N];  /* the colours cases changed to */
	long unsigned_;            /* cases flagged not signed for past route.sign_days */
	long settled;              /* a session: the cases settled there */
} mi_escalate_stats;

/*
 * The supervision pass at c->now: with ids NULL, every open case whose
 * watch time has come (status 'open' AND watch <= now); else the cases
 * given (others are skipped). Each case gets the colour its deadline and
 * the red triggers give, never lower than the one it has; a change is
 * recorded and reported, and a case turning red in a tier whose
 * escalate.auto_up is true moves up. The watch becomes the next instant the
 * colour could rise (NULL when red): a tool that changes a case's due,
 * reopens or hotline_hits must set its watch to that tool's now.
 */
int mi_escalate_pass(mi_ctx *c, const mi_idv *ids, const mi_escalate_opts *o,
    mi_escalate_stats *stats, mi_err *e);
/* Moves open cases up a tier (community -> street -> county) with reason;
 * the first handler stays, the deadline is the new tier's, the colour starts
 * over. Cases at the county tier, or with nowhere to go, are skipped. */
int mi_escalate_up(mi_ctx *c, const mi_idv *ids, const char *reason, const mi_escalate_opts *o,
    mi_escalate_stats *stats, mi_err *e);

/* Decides the extension the units asked for (resolve --extend) on the open
 * cases ids: approved, the deadline moves by the working days asked (through
 * the calendar) and the colour starts over from it; denied, it stays. An
 * event "extension" either way; a case with none pending is skipped. */
int mi_escalate_extension(mi_ctx *c, const mi_idv *ids, int approve, const char *reason,
    const mi_escalate_opts *o, mi_escalate_stats *stats, mi_err *e);

/* A county consultation meeting (县级会商). */
typedef struct mi_meeting {
	int64_t held;
	const char *units;         /* the units present: codes or names, split at , ， 、 */
	const char *decision;
	const char *lead;          /* the lead unit, or NULL to leave the cases where they are */
	int64_t due;               /* the deadline decided, or 0 */
} mi_meeting;

/* Records that the open cases ids were discussed at meeting m (the same
 * meeting again is found, not added); with a lead, each case goes to it in
 * the county tier, due m->due or the county tier's days from the meeting.
 * *meeting is the meeting's id, 0 when no case was recorded. 64 for a unit
 * that names no unit or several. */
int mi_escalate_meeting(mi_ctx *c, const mi_idv *ids, const mi_meeting *m,
    const mi_escalate_opts *o, mi_escalate_stats *stats, int64_t *meeting, mi_err *e);
/* A session at a platform (接访日, 八方议事, 调解): escalate --session. */
typedef struct mi_session {
	int64_t held;
	int kind;                  /* MI_S_* */
	const char *platform;      /* a platform's code or name, or NULL */
	const char *community;     /* the community (code or name) when no platform, or NULL */
	const char *people;        /* "角色:姓名,角色:姓名", or NULL */
	const char *outcome;
	const char *settled;       /* ids of the cases heard settled there, or NULL */
	int settle_all;            /* every case heard was settled there */
} mi_session;

/*
 * Records session s with the cases ids heard there, in one transaction: an
 * unknown platform, community or role, a case unknown or void, a case
 * settled but not heard, or a new case settled refuses it all (64 or 65)
 * and nothing is stored. Each participant's person is found by name (in the
 * community first); each case heard gets an event "session", the session
 * one about no case. A case settled there and open is resolved, its
 * resolution the outcome: its call-back is still to come. *session is its
 * id. The cases heard go to o->changed.
 */
int mi_escalate_session(mi_ctx *c, const mi_idv *ids, const mi_session *s,
    const mi_escalate_opts *o, mi_escalate_stats *stats, int64_t *session, mi_err *e);
/* Per responsible unit: its open cases, how many are blue, yellow and red at
 * c->now, and its oldest overdue case. Declares the columns of o. */
int mi_escalate_report(mi_ctx *c, mi_out *out, mi_err *e);

/* ==== What units report (resolve) ====
 * Progress and 办结 from a unit, singly or from its sheet; voiding.
 */

/* One case acted on, as printed. */
typedef struct mi_resolve_result {
	int64_t id;
	const char *status;        /* after: open (progress), resolved or closed */
	const char *unit_code, *unit_name;   /* the responsible unit */
	int64_t at;                /* when it was handled, or the progress noted */
	const char *note;          /* the resolution or progress note */
} mi_resolve_result;

typedef struct mi_resolve_opts {
	int progress;              /* record progress, leave the case open */
	int voiding;               /* void the cases (duplicate or invalid): the note is why */
	int unvoiding;             /* return void cases to the state they left: the note is why */
	int64_t dup_of;            /* voiding: the case they duplicate, kept (0: none) */
	int signing;               /* the unit signs for the cases (签收); the note is optional */
	int returning;             /* the unit sends them back to the centre (退回): the note is why */
	int extend_days;           /* > 0: the unit asks for so many more working days (延期) */
	const char *unit;          /* the unit reporting (code or name), or NULL */
	int enc;                   /* MI_ENC_* of an imported sheet */
	const char *sheet;         /* a workbook's sheet (name or number), or NULL */
	int strict;                /* any bad row aborts the sheet, nothing written */
	/* Each case acted on, once the run is committed. */
	void (*done)(void *arg, const mi_resolve_result *r);
	/* A case given by id that cannot be acted on, and why. */
	void (*skipped)(void *arg, int64_t id, const char *why);
	mi_reject_fn reject;       /* a sheet's row that is not stored */
	/* A sheet's report, once: its header's row, the columns ignored. */
	void (*note)(void *arg, const char *file, const char *what);
	void *arg;
} mi_resolve_opts;

typedef struct mi_resolve_stats {
	long resolved, progress, voided, unvoided;
	long signed_, returned, extended;
	long closed, review;       /* of those resolved, having no phone: by callback.anonymous */
	long known;                /* the same resolution was recorded before */
	long skipped, rejected;
	long empty;                /* sheet rows without content skipped */
} mi_resolve_stats;

/*
 * Resolves open cases with note as the resolution (or, with o->progress,
 * records note as progress): status resolved, the time and the text, an
 * event. A case with no phone is then closed or left for the centre's
 * review, as callback.anonymous says. Cases not open are skipped. With
 * o->unit, a case that unit is not responsible for (neither the responsible
 * unit nor the first handler) is skipped too. 64 when o->unit names no unit.
 * With o->voiding, cases in any state are voided instead (duplicate or
 * invalid) with note as the reason; a case void already counts as known;
 * with o->dup_of, as a duplicate of that case (65 when it does not exist or
 * is void), note NULL then saying so.
 * With o->unvoiding, void cases return to the state they left (their
 * latest void event says which) with note as the reason; a case that is
 * not void is skipped.
 * With o->signing, the responsible unit signs for open cases (event
 * "sign", on time when by their sign_due); one signed already, or with the
 * centre for triage, is skipped. With o->returning, it sends them back to
 * the centre with note as the reason (event "return", a row in returns
 * with the rule that routed it): the case is new again for route, and the
 * returning unit is no longer its first handler. With o->extend_days, it
 * asks for that many more working days with note as the reason (event
 * "extend"), pending until escalate approves or denies; a case with one
 * pending already is skipped.
 */
int mi_resolve_cases(mi_ctx *c, const mi_idv *ids, const char *note, const mi_resolve_opts *o,
    mi_resolve_stats *stats, mi_err *e);
/*
 * Resolves the cases of a unit's sheet (path, "-" standard input): case id
 * or source reference, result text, optionally the time handled and the
 * unit. Rows for an unknown, closed or otherwise not open case, or for a
 * case the row's unit (else o->unit) is not responsible for, are rejected.
 * Returns 0 when the sheet was read, -1 when it stopped (65 with o->strict
 * and a bad row, or a sheet without the columns needed).
 */
int mi_resolve_import(mi_ctx *c, const char *path, const mi_resolve_opts *o,
    mi_resolve_stats *stats, mi_err *e);

/* ==== Call-backs (callback) ====
 * The worklist, outcomes, closing (销号), reopening, the dissatisfaction
 * ledger.
 */

/* One call-back recorded, as printed. */
typedef struct mi_callback_result {
	int64_t id;
	int outcome;               /* -1: no call, a staff reopening */
	int attempts;              /* the calls of this round, this one included */
	const char *status;        /* after: closed, open (reopened) or resolved */
	const char *unit_code, *unit_name;
	int64_t due;               /* a reopened case's new deadline; else 0 */
	int reopens;
} mi_callback_result;

typedef struct mi_callback_opts {
	int enc, strict;           /* for an imported sheet, as for resolve */
	int reopening;             /* ids given: reopen closed cases, the note is why */
	int visit;                 /* ids given: the call-back was a visit (上门回访) */
	const char *sheet;
	void (*done)(void *arg, const mi_callback_result *r);
	void (*skipped)(void *arg, int64_t id, const char *why);
	mi_reject_fn reject;
	/* A sheet's report, once: its header's row, the columns ignored. */
	void (*note)(void *arg, const char *file, const char *what);
	void *arg;
} mi_callback_opts;

typedef struct mi_callback_stats {
	long recorded;             /* call-backs recorded */
	long outcomes[MI_CB_N];    /* of those, by outcome */
	long closed, reopened, review;   /* what they did to the cases */
	long known;                /* recorded before */
	long blank;                /* sheet rows with no outcome yet */
	long skipped, rejected;
	long empty;                /* sheet rows without content skipped */
} mi_callback_stats;

/*
 * Records one outcome for each resolved case given: satisfied or basic
 * closes it; dissatisfied reopens it with the same unit, a new deadline and
 * one more reopening; unreachable keeps it resolved for another attempt
 * until callback.max_attempts, then closes it or leaves it for the centre's
 * review (callback.after_attempts). Cases not resolved are skipped. With
 * o->visit, the call-back was made by a visit (上门回访): kept on the
 * call-back record and its event.
 * With o->reopening (outcome ignored), each closed case given is reopened
 * by a staff decision with note as the reason: back to the same unit with
 * a new deadline, one more reopening; a case not closed is skipped.
 */
int mi_callback_record(mi_ctx *c, const mi_idv *ids, int outcome, const char *note,
    const mi_callback_opts *o, mi_callback_stats *stats, mi_err *e);
/* Records the outcomes of the callers' sheet (path): case id or reference,
 * outcome, and optionally note, time and caller. Returns as mi_resolve_import. */
int mi_callback_import(mi_ctx *c, const char *path, const mi_callback_opts *o,
    mi_callback_stats *stats, mi_err *e);
/* The call-back worklist at c->now; the ids listed go to shown when not NULL. */
int mi_callback_due(mi_ctx *c, mi_out *out, mi_idv *shown, mi_err *e);
/* The resolved cases left for the centre's review (no phone, or attempts
 * used up), then those whose phone cannot be read (the worklist has them
 * too: someone may still read the number). */
int mi_callback_review(mi_ctx *c, mi_out *out, mi_idv *shown, mi_err *e);
/* The dissatisfaction ledger (不满意问题台账): every case a call-back found
 * dissatisfied, with its unit, reopenings, status and the callers' notes. */
int mi_callback_ledger(mi_ctx *c, mi_out *out, mi_err *e);

/* ==== Hotline reconciliation (reconcile) ====
 * The 12345 export against the ledger, and the double deductions.
 */

/* One hotline record reconciled, as printed. */
typedef struct mi_hotline_result {
	int64_t hotline;           /* its id in the hotline table (0: dry run, new) */
	int64_t case_id;           /* the case matched, or made for a miss; 0: none */
	const char *ticket;
	const char *outcome;       /* matched, missed or outside */
	double score;              /* the best candidate's score, when has_score */
	int has_score;
	int64_t received;
	const char *phone;
	const char *street, *community, *estate;   /* unit names, or NULL */
	const char *category;      /* as one of our categories, or NULL */
	const char *text;
	const char *note;          /* outside: why; missed: the deduction booked */
	const char *month;         /* held (see mi_reconcile_opts): its month */
	int changed;               /* held: a stored record changed in the export,
	                            * not a miss that matches now */
} mi_hotline_result;

typedef struct mi_reconcile_opts {
	int format, enc;           /* MI_FMT_*, MI_ENC_* */
	const char *sheet;         /* a workbook's sheet (name or number), or NULL */
	const char *layout;        /* a layout of the config, or NULL to detect */
	int strict;                /* any bad record aborts the run, nothing written */
	int dry_run;               /* decide everything, write nothing */
	int intake_missed;         /* make a ledger case of each missed record */
	int hand_set;              /* the config's weights, not the estimated ones */
	mi_reject_fn reject;       /* a record not stored */
	/* A file whose header fits no layout (the others are read). */
	void (*failed)(void *arg, const mi_err *e);
	/* Each record reconciled, after the commit. */
	void (*done)(void *arg, const mi_hotline_result *r);
	void (*progress)(void *arg, const char *what, long n);
	/* What a file was read as, once, at its end (see mi_intake_opts). */
	void (*note)(void *arg, const char *file, const char *what);
	/* A record kept with a warning: its phone unreadable (kept as written). */
	void (*warn)(void *arg, const char *file, long line, const char *what);
	/* A stored miss of a published month that now matches case_id: left
	 * missed for the task force to decide; or (changed set) a stored record
	 * of a published month that the export changes: left as it was stored.
	 * After the commit. */
	void (*held)(void *arg, const mi_hotline_result *r);
	void *arg;
} mi_reconcile_opts;

typedef struct mi_reconcile_stats {
	long added, updated, unchanged, rejected;  /* records read */
	long matched, missed, outside;             /* records reconciled */
	long deductions, cases_added;
	long files_failed;
	long empty;                                /* rows without content skipped */
	long unreadable;                           /* phones that cannot be read */
	long rechecked;                            /* stored misses checked again */
	long now_matched;                          /* of them, matched now */
	long held;                                 /* matched now, month published */
	long held_changed;                         /* changed, month published */
	long made_flagged;                         /* cases made for misses that match
	                                            * now, flagged as duplicates */
} mi_reconcile_stats;

void mi_reconcile_opts_init(mi_reconcile_opts *o);
/*
 * Reads the hotline exports (n paths, "-" standard input) into the hotline
 * table by ticket, and reconciles every record new or changed since it was
 * last read: matched to a ledger case (the case's hotline_hits and watch are
 * set, with an event), missed (a deduction is booked; with intake_missed a
 * case is made), or outside. Then the stored misses received in the last
 * reconcile.recheck_days are matched again: one that matches now becomes
 * matched and its deduction is withdrawn (event "withdraw" on the case),
 * unless its month is published (o->held). One transaction. Returns 0 when the exports
 * were read (rejected records and failed files are counted), -1 when the
 * run stopped and nothing was written.
 */
int mi_reconcile_files(mi_ctx *c, char *const *paths, int n, const mi_reconcile_opts *o,
    mi_reconcile_stats *stats, mi_err *e);
/* What reconcile --train estimated from. */
typedef struct mi_reconcile_trained {
	long records, pairs, patterns;   /* the exports' records, their candidate pairs */
	int iterations;
	double prior;              /* the share of true pairs among them */
	double threshold;          /* the score a match must reach with the model */
	int64_t model;             /* its id in the models table */
} mi_reconcile_trained;
/*
 * Estimates the matching's weights from the exports (read as a run reads
 * them, nothing of them stored) against the ledger by expectation-
 * maximisation, stores them as the reconcile model that later runs use,
 * and writes each comparison level's hand-set and estimated weight to out.
 */
int mi_reconcile_train(mi_ctx *c, char *const *paths, int n, const mi_reconcile_opts *o,
    mi_out *out, mi_reconcile_trained *t, mi_reconcile_stats *stats, mi_err *e);
/* Writes, for people, how the hotline record (a ticket, or an id of the
 * hotline table) matches now: the weights used (the estimated ones unless
 * hand_set), its normalised fields, every candidate with each feature's
 * weight, and the decision. 65 when there is no such record. */
int mi_reconcile_explain(mi_ctx *c, const char *which, int hand_set, mi_buf *out, mi_err *e);
/* Lists the missed records of month (as mi_month_parse reads it; NULL: all)
 * by unit, or with by ("unit" or "person") counts them. */
int mi_reconcile_missed(mi_ctx *c, const char *month, const char *by, mi_out *out, mi_err *e);
/* Records why the missed hotline record (a ticket, or an id of the hotline
 * table) was missed (分析原因、查找漏洞): kept with the record, and an event
 * (on the case made for it, if any). 65 when there is no such record or it
 * is not missed. One transaction. */
int mi_reconcile_cause(mi_ctx *c, const char *which, const char *cause, mi_err *e);
/* Measures the stored matching against a truth file (ticket, ref: the ledger
 * reference a ticket repeats, empty for none): the scores, then the errors. */
int mi_reconcile_evaluate(mi_ctx *c, const char *truth, FILE *f, mi_err *e);

/* ==== Assessment (score) ====
 * The monthly and yearly assessment of the three lines, and the bulletin.
 */

enum mi_period { MI_PERIOD_MONTH, MI_PERIOD_YEAR, MI_PERIOD_SPAN };
enum { MI_SCORE_UNITS = 1, MI_SCORE_PEOPLE = 2, MI_SCORE_TEAMS = 4 };

typedef struct mi_score_opts {
	int period;            /* MI_PERIOD_*: a month, a year (the sum of its months) or a span */
	int64_t from, to;      /* the cases received in [from, to), local time */
	int line;              /* an MI_LINE_*, or -1 for the three */
	int what;              /* MI_SCORE_UNITS and/or MI_SCORE_PEOPLE, or MI_SCORE_TEAMS */
	long limit;            /* rows per line and table; 0: all */
} mi_score_opts;

/*
 * Writes the assessment of the period to out: per line, a row per unit (or
 * per person, when what is MI_SCORE_PEOPLE) with its figures, its score and
 * its rank. A --reveal of people's names is recorded as an event.
 */
int mi_score_report(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e);
/* With o->what MI_SCORE_TEAMS, the report is of the collection teams, on
 * the community line: per team the cases it collected in the period, those
 * closed by their month's cutoff, the closure rate, and the hotline records
 * missed in its estates; ranked by closure rate, then fewer misses. */
/* Writes the bulletin (通报) of the month [from, to) to f, for people: per
 * line a ranked table with Chinese headers and the change from the month
 * before; units, people or both as o->what says. */
int mi_score_bulletin(mi_ctx *c, const mi_score_opts *o, FILE *f, mi_err *e);
/* Publishes the month [from, to) (YYYY-MM in month): frozen, so that a
 * reconcile re-check no longer changes its misses; an event records it.
 * *already is set (and nothing written) when it was published before. */
int mi_score_publish(mi_ctx *c, const char *month, int *already, mi_err *e);
/* Lists the published months: month, when, by whom. */
int mi_score_published(mi_ctx *c, mi_out *out, mi_err *e);
/* Writes the civilisation bank's points (文明银行积分) of the period
 * [o->from, o->to) to out: a row per person of score.points.roles who
 * collected (received in the period, not void) or settled (closed in the
 * period) a case, with the points score.points gives them. A --reveal of
 * their names is recorded as an event. */
int mi_score_points(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e);

/* ==== The ledger (ledger) ====
 * Listing, counting and showing cases; the history and its proof.
 */

typedef struct mi_filter {
	const char *status, *tier, *channel, *colour, *category;
	const char *unit, *street, *community;   /* codes or names, resolved loosely */
	const char *estate;                      /* the same, an estate (小区) */
	const char *collector;                   /* as recorded, or the person recorded */
	const char *team;                        /* the collecting team's code or name */
	const char *platform;                    /* the platform's code or name (议事厅...) */
	int64_t from, to;                        /* received in [from, to) when set */
	int has_from, has_to;
	int overdue;                             /* open and past due at c->now */
	int returned;                            /* sent back to the centre at least once */
	int extended;                            /* an extension approved or pending */
	int unsigned_;                           /* open, routed to a unit, not signed for */
	long limit;                              /* 0: no limit */
} mi_filter;

/* Lists the sessions (escalate --session) held in [f->from, f->to), of
 * f->community (its code or name) when set: participants by role, the
 * cases heard and those settled there. */
int mi_ledger_sessions(mi_ctx *c, const mi_filter *f, mi_out *out, mi_err *e);
/* Lists the matching cases with the columns named in columns ("a,b,...",
 * in that order; NULL: all), 64 for an unknown one; their ids go to shown
 * when not NULL and a column shows a name, a phone or free text. */
int mi_ledger_list(mi_ctx *c, const mi_filter *f, const char *columns, mi_out *out,
    mi_idv *shown, mi_err *e);
/* Counts the matching cases, grouped when by is not NULL by up to three
 * fields ("a,b,c": status, tier, channel, category, street, community,
 * estate, unit, colour, month, day, rule, team, collector: the collectors' names masked
 * unless revealed), one row per combination, months and days in date
 * order, the other fields largest group first. */
int mi_ledger_count(mi_ctx *c, const mi_filter *f, const char *by, mi_out *out, mi_err *e);
/* Prints one case and its history: a key/value table and the events
 * (json: one object with "case" and "events"). 65 when there is no such case. */
int mi_ledger_show(mi_ctx *c, int64_t id, FILE *f, mi_err *e);
/* Lists the county consultation meetings held in [f->from, f->to) when set,
 * each with its cases. */
int mi_ledger_meetings(mi_ctx *c, const mi_filter *f, mi_out *out, mi_err *e);
/* The import batches, one a row: the file, its digest, when, by whom, the
 * counts, the range of cases it added, and when it was undone and why. */
int mi_ledger_imports(mi_ctx *c, mi_out *out, mi_err *e);
/* The possible duplicates intake flagged that are still to decide (the
 * case flagged is not void), one pair a row: the case, the case it may
 * repeat, their times, statuses and texts, the resident (masked unless
 * revealed: shown collects the ids). */
int mi_ledger_duplicates(mi_ctx *c, mi_out *out, mi_idv *shown, mi_err *e);

/* The head of the hash chain as one line to keep outside the database
 * (ledger head): "minyi-head 1 events=N last=ID hash=HEX at=TIME". */
int mi_ledger_head(mi_ctx *c, char *line, size_t n, mi_err *e);
/* A head line read back: what the ledger held when it was taken. */
typedef struct mi_anchor {
	int64_t events;        /* how many events */
	int64_t last;          /* the id of the latest; 0: none */
	int64_t at;            /* its time */
	char hash[65];         /* its hash; "" when it had none */
} mi_anchor;
typedef struct mi_anchors {
	mi_anchor *v;
	size_t n;
} mi_anchors;
#define MI_ANCHORS_INIT { NULL, 0 }
/* Adds the anchor of one head line; a line that is not one is an error (64)
 * quoting it. */
int mi_anchors_line(mi_anchors *v, const char *line, mi_err *e);
/* Adds the anchors of a file of head lines, one a line; blank lines and
 * lines starting with # are skipped. 66 when it cannot be opened, 64 naming
 * FILE:LINE for a line that is not one. */
int mi_anchors_file(mi_anchors *v, const char *path, mi_err *e);
void mi_anchors_release(mi_anchors *v);
/* Walks the whole history and the cases, reporting through fn each event or
 * case that was edited, deleted or inserted behind the tools' back, each
 * anchor of a (NULL: none) whose history is no longer there unchanged, and
 * the append-only triggers when they are missing or changed; *found counts
 * them. fn's text is for people. */
int mi_ledger_verify(mi_ctx *c, const mi_anchors *a, void (*fn)(void *arg, const char *what),
    void *arg, long *events, long *cases, long *found, mi_err *e);
/*
 * Records a --reveal, in its own transaction: one "reveal" event for each
 * case of ids, or one about no case when ids is NULL or empty and the
 * run's writers showed something in clear (a grouping by collector, the
 * people, the hotline records); nothing when nothing was. The details name
 * the tool (c->prog) and what was shown, then more when not NULL (further
 * members of that JSON object, e.g. "\"from\":..."); an event about no
 * case also names the command line ("args") and the rows shown in clear
 * ("rows"), so the tool calls this once its rows are written.
 * With --reveal, mi_cli_open holds everything the tool writes to standard
 * output; mi_reveal lets it through once the event is committed (-1 and 74
 * when that write fails), and drops it when the event cannot be recorded
 * (-1, nothing recorded). So no name or phone reaches the reader before its
 * reveal is on record, whether the tool calls this before or after it
 * writes the rows. A held output never released goes out at mi_ctx_close
 * only when it holds nothing in clear.
 */
int mi_reveal(mi_ctx *c, const mi_idv *ids, const char *what, const char *more, mi_err *e);

#endif
