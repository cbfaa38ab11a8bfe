/* Unit tests of the schema's migrations: a database left at version 4 (the
 * schema before corrections) opens, keeps its cases and events, and is
 * migrated to the latest version in its own steps; a reader refuses it
 * until then; a new database starts at the latest version. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "store/schema.h"
#include "tap.h"

static int
one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A database as minyi left it at version `upto`, with one case and its event. */
static int
make_old(const char *path, int upto)
{
	sqlite3 *db;
	char bump[64];
	size_t i;
	int rc = 0;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	for (i = 0; i < mi_nmigrations && mi_migrations[i].version <= upto && rc == 0; i++)
		rc = sqlite3_exec(db, mi_migrations[i].sql, NULL, NULL, NULL);
	snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", upto);
	if (rc == 0)
		rc = sqlite3_exec(db, bump, NULL, NULL, NULL);
	if (rc == 0)
		rc = sqlite3_exec(db, "INSERT INTO cases(id, channel, ref, received, phone, text, "
		    "updated) VALUES (1, 'visit', 'L-1', 1700000000, '13912345678', '路灯不亮', 0);"
		    "INSERT INTO events(id, case_id, at, operator, kind, details) "
		    "VALUES (1, 1, 0, 't', 'intake', NULL);", NULL, NULL, NULL);
	sqlite3_close(db);
	/* as minyi made it: private */
	return rc == 0 && chmod(path, 0600) == 0 ? 0 : -1;
}

int
main(void)
{
	char dir[] = "/tmp/minyi-migrate.XXXXXX", path[128], fresh[128];
	int latest = mi_migrations[mi_nmigrations - 1].version;
	mi_err e = { 0, "" };
	sqlite3 *db;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/old.db", dir);
	snprintf(fresh, sizeof(fresh), "%s/new.db", dir);
	is_int(latest, MI_SCHEMA_VERSION, "the last migration is the schema version");
	ok(make_old(path, 4) == 0, "a version 4 database made");
	is_int(mi_db_open(path, MI_DB_RO, &db, &e), -1, "a reader refuses it before it is migrated");
	is_int(e.code, MI_EX_CANTCREAT, "with 73: '%s'", e.msg);
	e = (mi_err){ 0, "" };
	ok(mi_db_open(path, MI_DB_RW_EXISTING, &db, &e) == 0, "a writer opens it: %s", e.msg);
	is_int(one_int(db, "PRAGMA user_version"), latest, "migrated to the latest version");
	is_int(one_int(db, "SELECT count(*) FROM cases WHERE id = 1 AND text = '路灯不亮'"), 1,
	    "the case is kept");
	is_int(one_int(db, "SELECT count(*) FROM events"), 1, "its event is kept");
	is_int(one_int(db, "SELECT count(*) FROM imports"), 0, "the import batches table is there");
	is_int(one_int(db, "SELECT count(*) FROM cases WHERE dup_of IS NULL"), 1,
	    "a case is no duplicate until flagged");
	is_int(one_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = "
	    "'cases_dup'"), 1, "the index of the cases flagged");
	mi_db_close(db);
	e = (mi_err){ 0, "" };
	ok(mi_db_open(path, MI_DB_RO, &db, &e) == 0, "then a reader opens it: %s", e.msg);
	mi_db_close(db);
	ok(mi_db_open(fresh, MI_DB_RW, &db, &e) == 0, "a new database is made: %s", e.msg);
	is_int(one_int(db, "PRAGMA user_version"), latest, "at the latest version");
	mi_db_close(db);
	unlink(path);
	unlink(fresh);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		return 1;
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
