/* cadres.c - which 包小区干部 covers which estate, in memory for a run. */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int
mi_cadres_load(mi_ctx *c, mi_cadres *m, mi_err *e)
{
	static const char sql[] = "SELECT v.estate_id, min(p.id) FROM covers v "
	    "JOIN people p ON p.id = v.person_id WHERE p.role = '包小区干部' "
	    "GROUP BY v.estate_id ORDER BY v.estate_id";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	size_t cap = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->estate = mi_xrealloc(m->estate, cap * sizeof(int64_t));
			m->person = mi_xrealloc(m->person, cap * sizeof(int64_t));
		}
		m->estate[m->n] = sqlite3_column_int64(st, 0);
		m->person[m->n] = sqlite3_column_int64(st, 1);
		m->n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

int64_t
mi_cadre_of(const mi_cadres *m, int64_t estate)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (m->estate[mid] < estate)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->estate[lo] == estate ? m->person[lo] : 0;
}

void
mi_cadres_release(mi_cadres *m)
{
	free(m->estate);
	free(m->person);
	memset(m, 0, sizeof(*m));
}
