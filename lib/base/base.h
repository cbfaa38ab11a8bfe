/*
 * base.h - the bottom floor: errors, memory, text, time, the calendar,
 * phones, hashing and pattern matching. Nothing here touches the database.
 *
 * The floors of lib/, from the bottom: base (no database), store (the
 * database and what lives in it), io (records in, rows out), verbs (what
 * the tools do). A file includes its own floor's header and, through it,
 * the floors below; never a header of a floor above its own. The front
 * door, include/minyi.h, is what the tools see; every floor may use it.
 */
#ifndef MINYI_BASE_H
#define MINYI_BASE_H

#include <cjson/cJSON.h>
#include <stdarg.h>

#include "minyi.h"

#define MI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Files compiled in by scripts/embed (NUL-terminated). */
extern const unsigned char mi_embed_defaults_json[];
extern const unsigned long mi_embed_defaults_json_len;
extern const unsigned char mi_embed_calendar_json[];
extern const unsigned long mi_embed_calendar_json_len;

/* ---- err.c ---- */

/* Sets e (if not NULL) and returns -1, so callers can `return mi_err_set(...)`;
 * fmt is translated (a message for people). */
int mi_err_set(mi_err *e, int code, const char *fmt, ...) MI_PRINTF(3, 4);
void mi_err_clear(mi_err *e);

/* ---- util.c ---- */

/* Allocation that cannot fail: out of memory aborts. */
void *mi_xmalloc(size_t n);
void *mi_xcalloc(size_t n, size_t size);
void *mi_xrealloc(void *p, size_t n);
char *mi_xstrndup(const char *s, size_t n);
/* qsort and bsearch for arrays that may be empty, and then NULL (a grown
 * array that never got an element): the C library's own leave that
 * undefined. mi_sort sorts nothing of fewer than two; mi_search finds
 * nothing in none. */
void mi_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *mi_search(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

void mi_buf_add(mi_buf *b, const char *p, size_t n);
void mi_buf_reset(mi_buf *b);              /* length 0, memory kept */
/* Takes the string out of b (caller frees), leaving b empty. */
char *mi_buf_detach(mi_buf *b);

/* Appends s as a JSON string: quoted, with quotes, backslashes and control
 * characters escaped. */
void mi_json_str(mi_buf *b, const char *s);
/* Appends the decimal digits of n. */
void mi_buf_int(mi_buf *b, long long n);
/* mi_buf_printf with a va_list (which it uses up). */
void mi_buf_vprintf(mi_buf *b, const char *fmt, va_list ap);
/* Splits list at ASCII and full-width commas and semicolons and at 、, and
 * calls fn with each part that is not empty, trimmed, stopping at the
 * first that does not return 0; returns that value, or 0. */
int mi_each_part(const char *list, int (*fn)(void *arg, char *part, mi_err *e), void *arg,
    mi_err *e);

/* ---- names.c ---- */

/* The Chinese name of value in vocab (议事厅, 县级会商办, 已办结, ...). */
const char *mi_vocab_zh(int vocab, int value);
/* The Chinese header of an output column (--headers zh), NULL when it has
 * none; *vocab (when not NULL): the MI_V_* its values come from, or -1. */
const char *mi_column_zh(const char *name, int *vocab);
/* The Chinese name of the value written s in vocab, NULL when it is none;
 * in the line column also the places' rows of a score (street, area,
 * county). */
const char *mi_vocab_zh_of(int vocab, const char *s);

/* Appends every value of vocab as "english/中文", separated by ", ": what a
 * message refusing an unknown value names. */
void mi_vocab_list(int vocab, mi_buf *b);

/* ---- utf8.c: UTF-8 and display width ---- */

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int mi_utf8_valid(const char *s, size_t n);
/* Decodes one code point at *p (advancing *p); -1 on an invalid sequence (skips one byte). */
int32_t mi_utf8_next(const char **p, const char *end);
/* Encodes code point c into out (4 bytes at most); returns how many bytes.
 * A surrogate or a value past U+10FFFF becomes U+FFFD. */
size_t mi_utf8_put(char *out, int32_t c);
/* Columns a string takes in a terminal: East Asian wide and full-width count 2. */
size_t mi_display_width(const char *s);
/* Converts full-width ASCII forms (U+FF01..U+FF5E) and U+3000 to ASCII; result caller frees. */
char *mi_utf8_halfwidth(const char *s);
/* 1 for a code point a terminal may act on rather than show: the C0 controls,
 * DEL, the C1 controls, and the bidirectional embeddings, overrides and
 * isolates (U+202A..U+202E, U+2066..U+2069). */
int mi_utf8_hostile(int32_t c);

/* What mi_esc_text does with tab, newline and CR (CR is shown as \r unless said). */
enum {
	MI_ESC_TEXT,    /* text of many lines: tab and newline stay */
	MI_ESC_CELL,    /* a tsv or table cell: each becomes a space */
	MI_ESC_LINE,    /* a message of one line: \t, \n and \r */
	MI_ESC_JSON     /* s is JSON text: only DEL, C1 and bidi, as \u escapes */
};
/*
 * Appends s with every hostile code point shown as text, so that what a
 * human reads cannot drive the terminal: a C0 control or DEL as \x1b, a
 * byte that is not UTF-8 as \xff, a C1 control or bidirectional control as
 * \u009b. The backslash itself stays as it is: this is for reading, not
 * for reading back.
 */
void mi_esc_text(mi_buf *out, const char *s, int how);
/* The same, in place, for what b holds past its first from bytes. */
void mi_esc_tail(mi_buf *b, size_t from, int how);

/* ---- time.c ---- */

/*
 * Parses the forms exports use, in local time unless an offset is given:
 * 2026-11-26 09:30[:00], 2026/11/26 9:30, 2026-11-26T09:30:00+08:00 (also Z,
 * fractional seconds), 2026年11月26日 09:30, 11/26/2026 09:30:00 AM, and a bare
 * date (midnight); and the forms sheets use (see mi_time_read), but for
 * serial numbers. Rejects impossible dates (2026-02-30). Returns 0 or -1.
 */
int mi_time_parse(const char *s, int64_t *out);
/*
 * A time as a sheet's time column holds it: every form mi_time_parse reads
 * (also 2026.11.06, 20261106, 2026年11月3日9时05分, 下午3点, full-width digits
 * and colons), and a number as a spreadsheet's serial date in the 1900 system
 * (46331.354), taken only between MI_SERIAL_MIN and MI_SERIAL_MAX (the years
 * 2000 to 2099). 0, or -1 with the reason in why ("impossible date '...'",
 * "unparseable time '...'").
 */
int mi_time_read(const char *s, int64_t *out, char *why, size_t nwhy);
#define MI_SERIAL_MIN 36526     /* 2000-01-01 */
#define MI_SERIAL_MAX 73050     /* 2099-12-31 */
/*
 * A spreadsheet's serial date: days since 1899-12-30 in the 1900 system
 * (which counts a 1900-02-29 that never was: serial 60 is no date, and the
 * serials below it are a day later than those above), or since 1904-01-01.
 * The date in *ymd (0 for a time of day alone, a 1900 serial below 1) and the
 * seconds past midnight in *secs, rounded. 0, or -1 out of 0001..9999.
 */
int mi_serial_civil(double v, int date1904, int *ymd, int *secs);
/* Local calendar date of t as YYYYMMDD. */
int mi_ymd_of(int64_t t);
/* Local time of ymd at secs seconds past midnight. */
int64_t mi_time_of_ymd(int ymd, int secs);
/* Date arithmetic on YYYYMMDD. */
int mi_ymd_add(int ymd, int days);
/* "YYYY-MM-DD"; buf needs 11 bytes. */
char *mi_date_format(int64_t t, char *buf, size_t n);
/* "YYYY-MM", the local month of t, as deductions are booked to it; buf
 * needs 8 bytes. */
char *mi_month_format(int64_t t, char *buf, size_t n);
/* Sets the tool's "now" from --at (at != NULL), else $MINYI_NOW, else the clock. */
int mi_now_init(const char *at, mi_err *e);
int64_t mi_now(void);
/* The text now was set from, NULL when it is the clock's; *env is 1 when
 * it came from $MINYI_NOW, 0 from --at. */
const char *mi_now_given(int *env);
/* Milliseconds on a clock that only goes forward (for waits, not dates). */
int64_t mi_clock_ms(void);
int mi_ymd_weekday(int ymd);               /* 0 = Sunday .. 6 = Saturday */
int mi_ymd_valid(int ymd);

/* ---- calendar.c: China's official working-day calendar ---- */

typedef struct mi_calendar mi_calendar;

/* The built-in calendar (official holidays and make-up workdays 2021-2027);
 * caller frees with mi_calendar_free. NULL only if the compiled-in data is broken. */
mi_calendar *mi_calendar_new(void);
void mi_calendar_free(mi_calendar *c);
/* The last year of the official data (2027): later years are Mon-Fri only. */
int mi_calendar_last_year(const mi_calendar *c);
/* Adds a local day off (off = 1) or a working day (off = 0); overrides the official one. */
void mi_calendar_set(mi_calendar *c, int ymd, int off);
/* 1 when ymd is a working day: Mon-Fri unless a holiday, or a make-up working day. */
int mi_calendar_is_workday(const mi_calendar *c, int ymd);
/*
 * The deadline n working days after t: 23:59:59 local time of the n-th working
 * day strictly after t's date (so a case received on a day off starts counting
 * on the next working day). n = 0 gives the end of t's day if it is a working
 * day, else the end of the next working day.
 */
int64_t mi_calendar_add_workdays(const mi_calendar *c, int64_t t, int n);
/* Working days d with date(a) < d <= date(b); negative when b is before a. */
int mi_calendar_workdays_between(const mi_calendar *c, int64_t a, int64_t b);

/* ---- phone.c: phone numbers and masking ---- */

/*
 * Normalises a phone: strips spaces, dashes, dots, brackets and +86/86/0086;
 * mobiles become 11 digits (13812345678); landlines become AREA-NUMBER
 * (0537-1234567); a bare 7- or 8-digit local number gets Jining's 0537;
 * service numbers (3-6 digits, e.g. 12345) are kept. Returns 0 and writes a
 * NUL-terminated result into out (needs 24 bytes), -1 when impossible
 * (letters, wrong length). An empty input gives "" and 0.
 */
int mi_phone_norm(const char *in, char *out, size_t n);
/* Masks a phone keeping the first 3 and the last 4 digits: 138****5678. */
void mi_mask_phone(const char *in, mi_buf *out);
/* Masks a name keeping its first character: 张三 -> 张*, 欧阳娜娜 -> 欧***. */
void mi_mask_name(const char *in, mi_buf *out);
/*
 * Appends s to out (when not NULL) with every phone and ID-card number
 * written in it masked: mobiles and landlines with their area code, with or
 * without +86, in ASCII or full-width digits, spaced or dashed as people
 * write them (电话139****5678), and 18-character ID numbers
 * (身份证3708**********1234). Other numbers stay: house numbers, dates,
 * amounts, a bare local number, and digits glued to Latin letters (ticket
 * numbers, digests). Returns how many numbers it masked.
 */
size_t mi_mask_text(const char *s, mi_buf *out);
/* Masks a value that was meant as a phone, for a message: its phones as
 * mi_mask_text does and, when five or more other digits remain, all of
 * those but the last two ('1380000abcd' -> '*****00abcd'). */
void mi_mask_digits(const char *s, mi_buf *out);
/* Writes into why (n bytes) why v, given as a phone, is refused:
 * "impossible phone '...'" with v masked by mi_mask_digits and cut to 40
 * bytes. Returns why. */
char *mi_phone_why(const char *v, char *why, size_t n);

/* Removes, in place, the byte order mark and the zero-width characters
 * (U+200B..U+200D, U+2060, U+FEFF) that exports leave in a reference or a
 * phone; returns s. */
char *mi_strip_invisible(char *s);

/* ---- sha256.c ---- */

/* The n bytes of d as 2n lower-case hex digits in hex, then a NUL: a digest, or its
 * first bytes, written out. */
void mi_hex(const unsigned char *d, size_t n, char *hex);
void mi_sha256(const void *data, size_t n, unsigned char out[32]);
/* Lower-case hex of the SHA-256 of data; hex needs 65 bytes. */
void mi_sha256_hex(const void *data, size_t n, char hex[65]);
/* The hex SHA-256 of the bytes of the file at path: 0, or -1 when it cannot be read. */
int mi_sha256_file(const char *path, char hex[65]);

typedef struct mi_sha256_ctx {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t used;
} mi_sha256_ctx;
void mi_sha256_init(mi_sha256_ctx *c);
void mi_sha256_update(mi_sha256_ctx *c, const void *data, size_t n);
void mi_sha256_final(mi_sha256_ctx *c, unsigned char out[32]);

/* HMAC-SHA256 (RFC 2104) under a key prepared once: the hash states after
 * the key's inner and outer pads, so that each message costs only its own
 * blocks. A message is hashed on from mi_hmac_start with mi_sha256_update
 * and closed with mi_hmac_final. mi_hmac_clear wipes the key's states. */
typedef struct mi_hmac {
	mi_sha256_ctx inner, outer;
} mi_hmac;
void mi_hmac_init(mi_hmac *k, const void *key, size_t n);
void mi_hmac_start(const mi_hmac *k, mi_sha256_ctx *h);
void mi_hmac_final(const mi_hmac *k, mi_sha256_ctx *h, unsigned char out[32]);
void mi_hmac_clear(mi_hmac *k);
/* The one-shot form. */
void mi_hmac_sha256(const void *key, size_t kn, const void *data, size_t n,
    unsigned char out[32]);

/* ---- ac.c: multi-pattern matching (Aho-Corasick over UTF-8 bytes) ---- */

typedef struct mi_ac mi_ac;
/* A new empty automaton; caller frees with mi_ac_free. */
mi_ac *mi_ac_new(void);
/* Adds a pattern with a caller value; call before mi_ac_build. */
void mi_ac_add(mi_ac *a, const char *pat, size_t len, int value);
void mi_ac_build(mi_ac *a);
/* Calls fn for every occurrence (end offset just past the match); stops when fn returns non-zero. */
int mi_ac_scan(const mi_ac *a, const char *text, size_t n,
    int (*fn)(int value, size_t start, size_t end, void *arg), void *arg);
/* The automaton's states, and whether a scan takes one table lookup a byte
 * (automata of up to 8,192 states) rather than following failure links. */
size_t mi_ac_states(const mi_ac *a);
int mi_ac_dense(const mi_ac *a);
void mi_ac_free(mi_ac *a);

/* ---- em.c: m and u of record linkage by expectation-maximisation ---- */

/* A pair's comparison is one level per feature, a byte each (npat patterns
 * of nfeat bytes, each with its count of pairs); MI_EM_MISSING when a side
 * lacks the value. m and u hold every feature's levels one after another
 * (mi_em_levels of them): P(level | match) and P(level | chance pair). */
#define MI_EM_MISSING 255
size_t mi_em_levels(int nfeat, const int *nlev);
/* Each pattern's probability of being a match (p), from m, u and prior. */
void mi_em_estep(const uint8_t *pat, size_t npat, int nfeat, const int *nlev, const double *m,
    const double *u, double prior, double *p);
/* m, u and prior (the share of matches among the pairs, at most max_prior:
 * when each record has one true pair at most, its records over its pairs)
 * from p. */
void mi_em_mstep(const uint8_t *pat, const double *count, const double *p, size_t npat, int nfeat,
    const int *nlev, double max_prior, double *m, double *u, double *prior);
/* Alternates the two from m, u and prior until no probability moves by tol
 * or more, at most maxit times; returns the iterations run. */
int mi_em_fit(const uint8_t *pat, const double *count, size_t npat, int nfeat, const int *nlev,
    double max_prior, double *m, double *u, double *prior, int maxit, double tol);

#endif
