/*
 * faildb.c - preloaded by tests (LD_PRELOAD) to make one database step fail,
 * as a disk that fails or a process that is stopped would, so that the
 * tools' error paths run: FAILDB_AT=N fails the Nth call of sqlite3_step in
 * the process. The failure is SQLite's own: for that one step a progress
 * handler asks SQLite to stop, so it returns SQLITE_INTERRUPT, rolls back
 * what it must and reports "interrupted" through its usual calls, as it
 * would for any statement stopped midway. (The tools set no progress
 * handler of their own; this one is removed after the step.)
 * When FAILDB_LOG names a file, the number of steps taken is appended to it
 * at exit, so a test can learn how many steps a run takes and choose which
 * to fail; the statement of the step failed is appended too. Not part of
 * the tools.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long steps;
static long fail_at = -1;
static int (*real_step)(sqlite3_stmt *);

static int
stop(void *arg)
{
	(void)arg;
	return 1;
}

static void
log_line(const char *fmt, long n, const char *s)
{
	const char *log = getenv("FAILDB_LOG");
	char line[512];
	int fd, len;

	if (log == NULL || (fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644)) < 0)
		return;
	len = snprintf(line, sizeof line, fmt, n, s);
	if (len > (int)sizeof line - 1)
		len = (int)sizeof line - 1;
	if (write(fd, line, (size_t)len) != len)
		len = -1;
	close(fd);
}

static void
report(void)
{
	log_line("%ld%s\n", steps, "");
}

__attribute__((constructor)) static void
setup(void)
{
	const char *at = getenv("FAILDB_AT");

	if (at != NULL && *at != '\0')
		fail_at = strtol(at, NULL, 10);
	atexit(report);
}

int
sqlite3_step(sqlite3_stmt *st)
{
	sqlite3 *db = sqlite3_db_handle(st);
	int rc;

	if (real_step == NULL)
		*(void **)&real_step = dlsym(RTLD_NEXT, "sqlite3_step");
	if (__atomic_add_fetch(&steps, 1, __ATOMIC_RELAXED) != fail_at)
		return real_step(st);
	log_line("failed step %ld: %.400s\n", fail_at, sqlite3_sql(st));
	sqlite3_progress_handler(db, 1, stop, NULL);
	rc = real_step(st);
	sqlite3_progress_handler(db, 0, NULL, NULL);
	return rc;
}
