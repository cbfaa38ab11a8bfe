/*
 * input_fixture.h - what the input_*.c unit tests share: the fixture
 * directory, a scratch directory for the files they write, and readers
 * opened and read to the end. Include it after minyi.h and tap.h; call
 * input_begin() first and input_end() last.
 */
#ifndef MINYI_INPUT_FIXTURE_H
#define MINYI_INPUT_FIXTURE_H

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIX "tests/data/input/"

static char tmpdir[64];

static inline const char *
tmp_path(const char *name)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

static inline void
write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static inline const char *
write_tmp(const char *name, const char *text)
{
	const char *p = tmp_path(name);

	write_file(p, text, strlen(text));
	return p;
}

/* The next record, or NULL at the end or on an error (rc says which). */
static inline const mi_record *
next(mi_reader *r, int *rc, mi_err *e)
{
	const mi_record *rec = NULL;

	*rc = mi_reader_next(r, &rec, e);
	return *rc > 0 ? rec : NULL;
}

static inline mi_reader *
open_ok(const char *path, int fmt, int enc)
{
	mi_reader *r = NULL;
	mi_err e = { 0, "" };

	if (mi_reader_open(&r, path, fmt, enc, &e) < 0) {
		printf("# cannot open %s: %s\n", path, e.msg);
		return NULL;
	}
	return r;
}

/* Reads all records: the count, the bad ones, and the final status. */
static inline long
count(const char *path, int fmt, int enc, long *bad, int *rc, mi_err *e)
{
	mi_reader *r = open_ok(path, fmt, enc);
	const mi_record *rec;
	long n = 0;

	*bad = 0;
	*rc = -2;
	if (r == NULL)
		return -1;
	while ((rec = next(r, rc, e)) != NULL) {
		n++;
		*bad += rec->bad != NULL;
	}
	mi_reader_close(r);
	return n;
}

/*
 * A test of a file's records is a table that check_file() walks, so that it
 * reads like the file: a REC_NEXT row reads the next record, and every other
 * row is one test point on the record read last (or on the reader).
 */
enum {
	REC_NEXT,	/* read the next record */
	REC_FORMAT,	/* the reader's format is n */
	REC_SOME,	/* there is a record */
	REC_GOOD,	/* there is one, and it is good */
	REC_BAD,	/* it is bad, and why is want */
	REC_LINE,	/* it starts on line n */
	REC_N,		/* it has n values */
	REC_KEY,	/* its key number n is want */
	REC_VAL,	/* its value number n is want */
	REC_GET,	/* its value of key is want */
	REC_END		/* the next read is the end, not an error */
};

struct rec_check {
	int what;
	long n;
	const char *key, *want, *name;
};

#ifndef nitems
#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* One row's test point; a missing record fails it rather than crashing. */
static inline void
check_row(mi_reader *r, const mi_record *rec, const struct rec_check *c)
{
	int in = rec != NULL && c->n >= 0 && (size_t)c->n < rec->n, rc;
	mi_err e;

	switch (c->what) {
	case REC_FORMAT: is_int(mi_reader_format(r), c->n, "%s", c->name); break;
	case REC_SOME: ok(rec != NULL, "%s", c->name); break;
	case REC_GOOD: ok(rec != NULL && rec->bad == NULL, "%s", c->name); break;
	case REC_BAD: is_str(rec ? rec->bad : NULL, c->want, "%s", c->name); break;
	case REC_LINE: is_int(rec ? rec->line : 0, c->n, "%s", c->name); break;
	case REC_N: is_int(rec ? (long)rec->n : 0, c->n, "%s", c->name); break;
	case REC_KEY: is_str(in ? rec->key[c->n] : NULL, c->want, "%s", c->name); break;
	case REC_VAL: is_str(in ? rec->val[c->n] : NULL, c->want, "%s", c->name); break;
	case REC_GET: is_str(rec ? mi_record_get(rec, c->key) : NULL, c->want, "%s", c->name); break;
	case REC_END: ok(next(r, &rc, &e) == NULL && rc == 0, "%s", c->name); break;
	}
}

/* Opens path and walks the n rows of t over it; -1, and no test point, when it does not open. */
static inline int
check_file(const char *path, int fmt, const struct rec_check *t, size_t n)
{
	mi_reader *r = open_ok(path, fmt, MI_ENC_AUTO);
	const mi_record *rec = NULL;
	mi_err e;
	size_t i;
	int rc;

	if (r == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (t[i].what == REC_NEXT)
			rec = next(r, &rc, &e);
		else
			check_row(r, rec, &t[i]);
	}
	mi_reader_close(r);
	return 0;
}

/* Makes the scratch directory; -1 when it cannot. */
static inline int
input_begin(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/minyi-input-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

static inline void
input_end(void)
{
	char cmd[128];

	/* Only files this test wrote live there. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
}

#endif
