/* Unit tests for mi_locate (lib/io/layout.c) over a gazetteer of a few
 * units: the place found and, when no community is, the reason, whatever
 * the struct held before (a caller may use one for every record). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io.h"
#include "store/store.h"
#include "tap.h"

static const char units_sql[] =
    "INSERT INTO units(id, code, name, kind, parent_id, updated) VALUES "
    "(1, '370829', '嘉祥县', 'county', NULL, 0), "
    "(2, '370829001', '嘉祥镇街道', 'street', 1, 0), "
    "(3, '370829002', '卧龙山街道', 'street', 1, 0), "
    "(4, '370829001010', '萌山社区居民委员会', 'community', 2, 0), "
    "(5, '370829001010-E01', '祥和苑', 'estate', 4, 0)";

/* mi_locate into a struct filled with junk first, as a stack one may be. */
static const char *
locate(const mi_gazetteer *g, const char *street, const char *community, const char *estate,
    const char *address, mi_loc *l)
{
	memset(l, 'x', sizeof(*l));
	mi_locate(g, street, community, estate, address, l);
	return l->why;
}

int
main(void)
{
	char path[] = "/tmp/minyi-locate-XXXXXX";
	mi_err e = { 0, "" };
	mi_gazetteer *g = NULL;
	sqlite3 *db = NULL;
	mi_loc l;
	int fd = mkstemp(path);

	if (fd < 0)
		return 2;
	close(fd);
	unlink(path);
	if (mi_db_open(path, MI_DB_RW, &db, &e) < 0 ||
	    sqlite3_exec(db, units_sql, NULL, NULL, NULL) != SQLITE_OK || mi_gaz_load(db, &g, &e) < 0) {
		printf("# %s\n", e.msg);
		return 2;
	}
	is_str(locate(g, "卧龙山街道", NULL, NULL, "某某路5号", &l),
	    "no community found in the address (street '卧龙山街道')", "an address in a street: the street named");
	is_int(l.street, 3, "and the street kept");
	is_str(locate(g, NULL, NULL, NULL, "某某路5号", &l), "no community found in the address",
	    "an address alone");
	is_str(locate(g, "卧龙山街道", NULL, NULL, NULL, &l), "no community found in '卧龙山街道'",
	    "a street alone");
	is_str(locate(g, NULL, NULL, NULL, NULL, &l), "no location given", "nothing given");
	is_str(locate(g, "卧龙山街道", "萌山社区", NULL, NULL, &l),
	    "community '萌山社区居民委员会' is not in street '卧龙山街道'", "a community of another street");
	is_str(locate(g, NULL, NULL, NULL, "嘉祥镇萌山社区祥和苑3号楼", &l), "", "found in the address: no reason");
	ok(l.street == 2 && l.community == 4 && l.estate == 5, "street, community and estate found");
	mi_gaz_free(g);
	sqlite3_close(db);
	unlink(path);
	return done_testing();
}
