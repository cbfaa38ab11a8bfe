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
