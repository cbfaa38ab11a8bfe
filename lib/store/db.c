/* db.c - opening the database, migrations, transactions. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "store/schema.h"

/* How long a writer waits for another to finish; $MINYI_BUSY_TIMEOUT (ms) overrides. */
static int
busy_ms(void)
{
	const char *s = getenv("MINYI_BUSY_TIMEOUT");
	char *end;
	long v;

	if (s && *s) {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 3600000)
			return (int)v;
	}
	return 10000;
}

const char *
mi_db_default_path(void)
{
	const char *p = getenv("MINYI_DB");

	return p && *p ? p : "minyi.db";
}

int
mi_db_fail(sqlite3 *db, const char *sql, mi_err *e)
{
	int rc = sqlite3_extended_errcode(db) & 0xff;
	int code = (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) ? MI_EX_TEMPFAIL : MI_EX_SOFTWARE;

	if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
		code = MI_EX_IOERR;
	else if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_NOTADB ||
	    rc == SQLITE_CORRUPT)
		code = MI_EX_CANTCREAT;
	if (code == MI_EX_TEMPFAIL)
		return mi_err_set(e, code, "database is locked (busy past %d ms); retry later",
		    busy_ms());
	return mi_err_set(e, code, "database error: %s (in: %.200s)", sqlite3_errmsg(db), sql);
}

int
mi_db_exec(sqlite3 *db, const char *sql, mi_err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return mi_db_fail(db, sql, e);
	return 0;
}

/* Ends the queries left mid-way (a lookup stepped to its one row). */
static void
reset_busy(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;

	while ((st = sqlite3_next_stmt(db, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			sqlite3_reset(st);
}

int
mi_db_begin(sqlite3 *db, mi_err *e)
{
	/* A query left mid-way holds a read transaction, and a write cannot
	 * start from a read snapshot another writer has moved past: it would
	 * fail at once instead of waiting out the busy timeout. */
	reset_busy(db);
	return mi_db_exec(db, "BEGIN IMMEDIATE", e);
}

/*
 * The file each open database was at its path. A file removed (or its
 * directory) or renamed over while open still takes commits through the
 * open descriptors, and every one of them is lost with it: a commit first
 * checks that the path still names that file.
 */
static struct ident {
	sqlite3 *db;
	char *path;
	dev_t dev;
	ino_t ino;
	int lost;
} idents[4];

/* NULL when db is not one that mi_db_open opened. */
static struct ident *
ident_of(sqlite3 *db)
{
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(idents); i++)
		if (idents[i].db == db && db != NULL)
			return &idents[i];
	return NULL;
}

static void
remember(sqlite3 *db, const char *path)
{
	struct ident *id = NULL;
	struct stat sb;
	size_t i;

	for (i = 0; id == NULL && i < MI_ARRAY_LEN(idents); i++)
		if (idents[i].db == NULL)
			id = &idents[i];
	if (id == NULL || stat(path, &sb) < 0)
		return;
	id->db = db;
	id->path = mi_xstrdup(path);
	id->dev = sb.st_dev;
	id->ino = sb.st_ino;
	id->lost = 0;
}

static void
forget(sqlite3 *db)
{
	struct ident *id = ident_of(db);

	if (id == NULL)
		return;
	free(id->path);
	memset(id, 0, sizeof(*id));
}

static int
still_there(sqlite3 *db, mi_err *e)
{
	struct ident *id = ident_of(db);
	struct stat sb;

	if (id == NULL)
		return 0;
	if (!id->lost && stat(id->path, &sb) == 0 && sb.st_dev == id->dev && sb.st_ino == id->ino)
		return 0;
	id->lost = 1;
	return mi_err_set(e, MI_EX_IOERR, "the database '%s' was removed or replaced while in "
	    "use", id->path);
}

int
mi_db_lost(sqlite3 *db)
{
	struct ident *id = ident_of(db);

	return id != NULL && id->lost;
}

int
mi_db_commit(sqlite3 *db, mi_err *e)
{
	/* Such a query would also keep this connection reading the snapshot its
	 * transaction began with, and the checkpoint that follows a commit
	 * cannot copy the log past a reader's snapshot: the log would grow by
	 * every batch of a long run instead of being reused. */
	reset_busy(db);
	if (still_there(db, e) < 0) {
		mi_db_rollback(db);
		return -1;
	}
	return mi_db_exec(db, "COMMIT", e);
}

void
mi_db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* The one integer a fixed query gives (a pragma, a count). */
static int
one_int(sqlite3 *db, const char *sql, int *v, mi_err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return mi_db_fail(db, sql, e);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return mi_db_fail(db, sql, e);
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int
user_version(sqlite3 *db, int *v, mi_err *e)
{
	return one_int(db, "PRAGMA user_version", v, e);
}

static int
migrate(sqlite3 *db, const char *path, int have, mi_err *e)
{
	char bump[64];
	size_t i;

	for (i = 0; i < mi_nmigrations; i++) {
		if (mi_migrations[i].version <= have)
			continue;
		if (mi_db_begin(db, e) < 0)
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		if (user_version(db, &have, e) < 0)
			goto fail;
		if (mi_migrations[i].version <= have) {
			mi_db_rollback(db);
			continue;
		}
		snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", mi_migrations[i].version);
		if (mi_db_exec(db, mi_migrations[i].sql, e) < 0 || mi_db_exec(db, bump, e) < 0 ||
		    mi_db_commit(db, e) < 0) {
			mi_err_set(e, e->code, "cannot migrate '%s' to version %d: %s", path,
			    mi_migrations[i].version, e->msg);
			goto fail;
		}
		have = mi_migrations[i].version;
	}
	return 0;
fail:
	mi_db_rollback(db);
	return -1;
}

static int
dir_writable(const char *path)
{
	char *dir = mi_xstrdup(path), *slash = strrchr(dir, '/');
	int ok;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	ok = access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

/* A writer needs the file and, for the write-ahead log, its directory. */
static int
writable(const char *path, mi_err *e)
{
	if (access(path, F_OK) == 0 && access(path, W_OK) != 0)
		return mi_err_set(e, MI_EX_CANTCREAT, "database '%s' is read-only: %s", path,
		    strerror(errno));
	if (!dir_writable(path))
		return mi_err_set(e, MI_EX_CANTCREAT, "database '%s' cannot be written: its "
		    "directory is read-only (the write-ahead log lives beside it)", path);
	return 0;
}

static void
immutable_uri(const char *path, mi_buf *b)
{
	const char *p;

	mi_buf_puts(b, "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			mi_buf_printf(b, "%%%02X", (unsigned char)*p);
		else
			mi_buf_putc(b, *p);
	}
	mi_buf_puts(b, "?immutable=1");
}

/* Creates the file ourselves so it is 0600 from the first byte: it holds
 * residents' names and phones. */
static int
create_private(const char *path, mi_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0 && errno != EEXIST)
		return mi_err_set(e, MI_EX_CANTCREAT, "cannot create database '%s': %s", path,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

static void
warn_mode(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) == 0 && (sb.st_mode & 0044))
		fprintf(stderr, "minyi: warning: database '%s' is readable by group or others "
		    "(mode %03o); it holds residents' names and phones: chmod 600 it\n",
		    path, (unsigned)(sb.st_mode & 0777));
}

static int
pragmas(sqlite3 *db, int mode, mi_err *e)
{
	sqlite3_busy_timeout(db, busy_ms());
	if (mi_db_exec(db, "PRAGMA foreign_keys = ON", e) < 0)
		return -1;
	if (mode == MI_DB_RW && mi_db_exec(db, "PRAGMA journal_mode = WAL", e) < 0)
		return -1;
	return mi_db_exec(db, "PRAGMA synchronous = NORMAL", e);
}

/* Every tool is one thread: SQLite's mutexes and memory statistics are
 * pure cost (a tenth of a bulk import). Must run before SQLite starts. */
static void
configure_once(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
mi_db_open(const char *path, int mode, sqlite3 **out, mi_err *e)
{
	sqlite3 *db = NULL;
	int flags, have, tables = 0, latest = mi_migrations[mi_nmigrations - 1].version;
	struct stat sb;
	mi_buf uri = MI_BUF_INIT;

	*out = NULL;
	configure_once();
	if (path == NULL)
		path = mi_db_default_path();
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return mi_err_set(e, MI_EX_CANTCREAT, "cannot open database '%s': %s", path,
		    strerror(EISDIR));
	if (mode != MI_DB_RO && writable(path, e) < 0)
		return -1;
	if (mode != MI_DB_RW) {
		if (stat(path, &sb) < 0)
			return mi_err_set(e, MI_EX_NOINPUT, "cannot open database '%s': %s", path,
			    strerror(errno));
		flags = mode == MI_DB_RO ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	} else {
		if (create_private(path, e) < 0)
			return -1;
		flags = SQLITE_OPEN_READWRITE;
	}
	warn_mode(path);
	if (mode == MI_DB_RO && !dir_writable(path)) {
		/* Nobody can write beside it, so nobody is writing it: open it as
		 * immutable, which needs no -shm file that could not be made. */
		immutable_uri(path, &uri);
		flags |= SQLITE_OPEN_URI;
	}
	if (sqlite3_open_v2(uri.len ? mi_buf_str(&uri) : path, &db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		mi_err_set(e, mode == MI_DB_RO ? MI_EX_NOINPUT : MI_EX_CANTCREAT,
		    "cannot open database '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		mi_buf_release(&uri);
		sqlite3_close(db);
		return -1;
	}
	/* Before the first query: even a reader can meet a lock for a moment
	 * (a writer's checkpoint) and must wait rather than fail. */
	sqlite3_busy_timeout(db, busy_ms());
	if (user_version(db, &have, e) < 0) {
		if (sqlite3_errcode(db) == SQLITE_NOTADB)
			mi_err_set(e, MI_EX_CANTCREAT, "'%s' is not a minyi database (not SQLite)",
			    path);
		goto fail;
	}
	/* A database with tables but no version is some other program's. */
	if (have == 0 && one_int(db, "SELECT count(*) FROM sqlite_master", &tables, e) < 0)
		goto fail;
	if (have == 0 && tables > 0) {
		mi_err_set(e, MI_EX_CANTCREAT, "'%s' is not a minyi database (it holds other "
		    "tables)", path);
		goto fail;
	}
	if (have > latest) {
		mi_err_set(e, MI_EX_CANTCREAT, "database '%s' has schema version %d, newer than "
		    "this minyi knows (%d); upgrade minyi", path, have, latest);
		goto fail;
	}
	if (mode == MI_DB_RW_EXISTING)
		mode = MI_DB_RW;
	if (pragmas(db, mode, e) < 0)
		goto fail;
	if (have < latest) {
		if (mode == MI_DB_RO) {
			mi_err_set(e, have == 0 ? MI_EX_NOINPUT : MI_EX_CANTCREAT,
			    have == 0 ? "database '%s' is empty: nothing recorded yet" :
			    "database '%s' needs an upgrade: run any writing tool first", path);
			goto fail;
		}
		if (migrate(db, path, have, e) < 0)
			goto fail;
	}
	mi_buf_release(&uri);
	remember(db, path);
	*out = db;
	return 0;
fail:
	mi_buf_release(&uri);
	sqlite3_close(db);
	return -1;
}

void
mi_db_close(sqlite3 *db)
{
	if (db == NULL)
		return;
	forget(db);
	mi_db_rollback(db);
	sqlite3_close(db);
}

void
mi_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void
mi_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}
