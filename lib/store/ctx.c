/* ctx.c - what one run of a tool shares: config, database, now, operator. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static char *
operator_name(const char *as)
{
	const char *env = getenv("MINYI_OPERATOR");
	struct passwd *pw;

	if (as)
		return mi_xstrdup(as);
	if (env && *env)
		return mi_xstrdup(env);
	pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return mi_xstrdup(pw->pw_name);
	env = getenv("USER");
	return mi_xstrdup(env && *env ? env : "unknown");
}

/* Another process may append events between our transactions: the cached
 * head of the hash chain is good only until this one ends. */
static int
on_commit(void *arg)
{
	((mi_ctx *)arg)->chain_ok = 0;
	return 0;
}

static void
on_rollback(void *arg)
{
	((mi_ctx *)arg)->chain_ok = 0;
}

void
mi_ctx_init(mi_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->opts.outfmt = MI_OUT_TSV;
	c->hold_fd = c->out_fd = -1;
}

int
mi_ctx_open(mi_ctx *c, const char *prog, int dbmode, mi_err *e)
{
	c->prog = prog;
	if (mi_now_init(c->opts.at, e) < 0)
		return -1;
	c->now = mi_now();
	c->op = operator_name(c->opts.as);
	if (mi_config_load(c->opts.config, &c->cfg, e) < 0)
		return -1;
	return dbmode >= 0 ? mi_ctx_db(c, dbmode, e) : 0;
}

/*
 * What a writer records at a time it is told stays in the ledger for good,
 * and past the calendar's data its deadlines count no holidays: a time
 * given outside these years is a mistake (9000-12-31 for 2026-12-31).
 */
#define MI_FIRST_YEAR 2000

static int
now_in_range(const mi_ctx *c, mi_err *e)
{
	int env, y = mi_ymd_of(c->now) / 10000;
	int last = mi_calendar_last_year(mi_config_calendar(c->cfg)) + 1;
	const char *s = mi_now_given(&env);

	if (s == NULL || (y >= MI_FIRST_YEAR && y <= last))
		return 0;
	return mi_err_set(e, MI_EX_USAGE, "%s '%s' is outside %d to %d, the years a writing "
	    "tool records: the working-day calendar ends with %d", env ? "MINYI_NOW" : "--at",
	    s, MI_FIRST_YEAR, last, last - 1);
}

int
mi_ctx_db(mi_ctx *c, int dbmode, mi_err *e)
{
	if (dbmode != MI_DB_RO && now_in_range(c, e) < 0)
		return -1;
	if (mi_db_open(c->opts.db, dbmode, &c->db, e) < 0)
		return -1;
	sqlite3_commit_hook(c->db, on_commit, c);
	sqlite3_rollback_hook(c->db, on_rollback, c);
	return 0;
}

void
mi_ctx_close(mi_ctx *c)
{
	size_t i;

	/* Held output not released by a recorded reveal goes out only when it
	 * holds no name or phone in clear: a run that failed before recording
	 * what it showed shows nothing. */
	mi_ctx_release(c, c->clear == 0, NULL);

	for (i = 0; i < c->nstmt; i++)
		sqlite3_finalize(c->stmt[i].st);
	c->nstmt = 0;
	mi_db_close(c->db);
	c->db = NULL;
	mi_config_free(c->cfg);
	c->cfg = NULL;
	free(c->op);
	c->op = NULL;
}

sqlite3_stmt *
mi_stmt(mi_ctx *c, const char *sql, mi_err *e)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < c->nstmt; i++) {
		if (c->stmt[i].sql == sql) {
			sqlite3_reset(c->stmt[i].st);
			/* Values left bound from the last use must not leak into this one. */
			sqlite3_clear_bindings(c->stmt[i].st);
			return c->stmt[i].st;
		}
	}
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		mi_db_fail(c->db, sql, e);
		return NULL;
	}
	if (c->nstmt < MI_STMT_CACHE) {
		c->stmt[c->nstmt].sql = sql;
		c->stmt[c->nstmt].st = st;
		c->nstmt++;
	} else {
		/* The cache is sized for every statement a tool uses; running out is a bug. */
		sqlite3_finalize(st);
		mi_err_set(e, MI_EX_SOFTWARE, "statement cache full");
		return NULL;
	}
	return st;
}

int
mi_row_by_id(mi_ctx *c, const char *sql, int64_t id, sqlite3_stmt **st, mi_err *e)
{
	int rc;

	if ((*st = mi_stmt(c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(*st, 1, id);
	rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

int
mi_ctx_hold(mi_ctx *c, mi_err *e)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (c->hold_fd >= 0)
		return 0;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/minyi-reveal.XXXXXX", dir);
	fflush(stdout);
	/* mkstemp makes it 0600; unlinked at once, no other process can open it. */
	if ((fd = mkstemp(path)) < 0)
		return mi_err_set(e, MI_EX_IOERR, "cannot hold the output until the reveal is "
		    "recorded: '%s': %s", path, strerror(errno));
	unlink(path);
	if ((c->out_fd = dup(STDOUT_FILENO)) < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		mi_err_set(e, MI_EX_IOERR, "cannot hold the output: %s", strerror(errno));
		if (c->out_fd >= 0)
			close(c->out_fd);
		close(fd);
		c->out_fd = -1;
		return -1;
	}
	c->hold_fd = fd;
	return 0;
}

/* Copies what fd holds from its start to out: 0, or the errno of a failure. */
static int
copy_held(int fd, int out)
{
	char buf[65536];
	ssize_t n, k, w;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return errno;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		for (k = 0; k < n; k += w) {
			if ((w = write(out, buf + k, (size_t)(n - k))) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				return errno;
			}
		}
	}
	return 0;
}

int
mi_ctx_release(mi_ctx *c, int show, mi_err *e)
{
	int err = 0;

	if (c->hold_fd < 0)
		return 0;
	/* What stdio still buffers belongs to the held output. */
	if (fflush(stdout) != 0)
		err = errno;
	if (show && err == 0)
		err = copy_held(c->hold_fd, c->out_fd);
	dup2(c->out_fd, STDOUT_FILENO);
	close(c->out_fd);
	close(c->hold_fd);
	c->hold_fd = c->out_fd = -1;
	if (show && err != 0)
		return mi_err_set(e, MI_EX_IOERR, "cannot write the output: %s", strerror(err));
	return 0;
}
