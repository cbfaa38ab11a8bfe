/* anchor.c - the head of the hash chain as one line kept outside the
 * database, and such lines read back for ledger verify.
 *
 * The line is "minyi-head 1 events=N last=ID hash=HEX at=TIME": a word a
 * mail filter or grep finds, the version of the format, then fields that
 * say what they are, separated by single spaces so that a line copied from
 * a mail, a terminal or a notebook reads back. TIME is ISO 8601 with the
 * zone's offset; an empty ledger has "last=0 hash=- at=-".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

#define HEAD_WORD "minyi-head"
#define HEAD_VERSION "1"

static const char sql_head[] = "SELECT count(*), coalesce(max(id), 0) FROM events";
static const char sql_last[] = "SELECT at, coalesce(hash, '') FROM events WHERE id = ?1";

/* 2026-11-26T09:00:00+08:00: t in local time with the zone's offset. */
static void
iso_time(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int off;

	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(buf, n, "-");
		return;
	}
	/* Offsets are within a day: the cast loses nothing. */
	off = (int)(tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff) % 86400;
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    tm.tm_gmtoff < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

int
mi_ledger_head(mi_ctx *c, char *line, size_t n, mi_err *e)
{
	sqlite3_stmt *st;
	long long count = 0, last = 0;
	char hash[65] = "-", at[64] = "-";
	int rc;

	/* The count and the last event as of one moment. */
	if (mi_db_exec(c->db, "BEGIN", e) < 0)
		return -1;
	if ((st = mi_stmt(c, sql_head, e)) == NULL)
		rc = -1;
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		count = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
		rc = 1;
	} else
		rc = mi_db_fail(c->db, sql_head, e);
	if (rc == 1 && last > 0 && (rc = mi_row_by_id(c, sql_last, last, &st, e)) == 1) {
		iso_time(sqlite3_column_int64(st, 0), at, sizeof(at));
		if (*sqlite3_column_text(st, 1))
			snprintf(hash, sizeof(hash), "%s", (const char *)sqlite3_column_text(st, 1));
	}
	mi_db_rollback(c->db);
	if (rc < 0)
		return -1;
	snprintf(line, n, "%s %s events=%lld last=%lld hash=%s at=%s", HEAD_WORD, HEAD_VERSION,
	    count, last, hash, at);
	return 0;
}

/* Reads a whole number field; 0 or -1. */
static int
num_field(const char *v, int64_t *out)
{
	long long x;

	if (mi_parse_num(v, 0, INT64_MAX, &x) < 0)
		return -1;
	*out = x;
	return 0;
}

static int
hex64(const char *v)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f')))
			return 0;
	return v[64] == '\0';
}

/* One field of the line into a; NULL, or what is wrong with it. */
static const char *
field(char *tok, mi_anchor *a, unsigned *seen)
{
	static const char *const names[] = { "events", "last", "hash", "at" };
	char *v = strchr(tok, '=');
	unsigned i;

	if (v == NULL)
		return "a field without '='";
	*v++ = '\0';
	for (i = 0; i < MI_ARRAY_LEN(names); i++)
		if (strcmp(tok, names[i]) == 0)
			break;
	if (i == MI_ARRAY_LEN(names))
		return "an unknown field";
	if (*seen & (1u << i))
		return "a field given twice";
	*seen |= 1u << i;
	switch (i) {
	case 0:
		return num_field(v, &a->events) < 0 ? "events is not a count" : NULL;
	case 1:
		return num_field(v, &a->last) < 0 ? "last is not an event id" : NULL;
	case 2:
		if (strcmp(v, "-") == 0)
			a->hash[0] = '\0';
		else if (hex64(v))
			memcpy(a->hash, v, 65);
		else
			return "hash is not 64 hexadecimal digits";
		return NULL;
	default:
		if (strcmp(v, "-") == 0)
			a->at = 0;
		else if (mi_time_parse(v, &a->at) < 0)
			return "at is not a time";
		return NULL;
	}
}

/* Parses one head line; NULL, or what is wrong with it. */
static const char *
parse(const char *line, mi_anchor *a)
{
	char buf[400], *tok, *save = NULL;
	const char *why = NULL;
	unsigned seen = 0;

	if (strlen(line) >= sizeof(buf))
		return "too long";
	snprintf(buf, sizeof(buf), "%s", line);
	memset(a, 0, sizeof(*a));
	tok = strtok_r(buf, " \t\r\n", &save);
	if (tok == NULL || strcmp(tok, HEAD_WORD) != 0)
		return "expected a line of ledger head, starting '" HEAD_WORD "'";
	tok = strtok_r(NULL, " \t\r\n", &save);
	if (tok == NULL || strcmp(tok, HEAD_VERSION) != 0)
		return "expected version " HEAD_VERSION;
	while (why == NULL && (tok = strtok_r(NULL, " \t\r\n", &save)) != NULL)
		why = field(tok, a, &seen);
	if (why == NULL && seen != 15)
		why = "expected the fields events, last, hash and at";
	if (why == NULL && a->last == 0 && a->events != 0)
		why = "events without a last event";
	if (why == NULL && a->last > 0 && (a->events == 0 || a->at == 0))
		why = "a last event without events or a time";
	return why;
}

/* The line as a message quotes it: its start, without its line end. */
static void
quote(const char *line, char *buf, size_t n)
{
	size_t k = strcspn(line, "\r\n");

	snprintf(buf, n, "%.*s%s", (int)(k < 120 ? k : 120), line, k > 120 ? "..." : "");
}

static void
push(mi_anchors *v, const mi_anchor *a)
{
	v->v = mi_xrealloc(v->v, (v->n + 1) * sizeof(*v->v));
	v->v[v->n++] = *a;
}

int
mi_anchors_line(mi_anchors *v, const char *line, mi_err *e)
{
	mi_anchor a;
	const char *why;
	char q[130];

	if ((why = parse(line, &a)) != NULL) {
		quote(line, q, sizeof(q));
		return mi_err_set(e, MI_EX_USAGE, "bad anchor '%s': %s", q, why);
	}
	push(v, &a);
	return 0;
}

int
mi_anchors_file(mi_anchors *v, const char *path, mi_err *e)
{
	FILE *f = fopen(path, "r");
	char line[512], q[130];
	const char *why, *p;
	mi_anchor a;
	long no = 0;

	if (f == NULL)
		return mi_err_set(e, MI_EX_NOINPUT, "cannot open anchors '%s': %s", path,
		    strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		no++;
		p = line + strspn(line, " \t");
		if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0')
			continue;
		if (strchr(line, '\n') == NULL && !feof(f))
			why = "too long";
		else
			why = parse(p, &a);
		if (why != NULL) {
			fclose(f);
			quote(p, q, sizeof(q));
			return mi_err_set(e, MI_EX_USAGE, "%s:%ld: bad anchor '%s': %s", path, no, q,
			    why);
		}
		push(v, &a);
	}
	if (ferror(f)) {
		fclose(f);
		return mi_err_set(e, MI_EX_IOERR, "cannot read anchors '%s': %s", path,
		    strerror(errno));
	}
	fclose(f);
	return 0;
}

void
mi_anchors_release(mi_anchors *v)
{
	free(v->v);
	v->v = NULL;
	v->n = 0;
}
