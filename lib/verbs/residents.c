/*
 * residents.c - who reported what lately: the cases received within a
 * window, by phone and by reporter in a community, held in memory while
 * intake reads, so that finding a resident's earlier demands costs no
 * index on the cases table (every insert would pay for it) and no query
 * per record.
 *
 * The window grows as the records' times ask: a file in time order loads
 * each stretch of days once. The cases intake adds are put in as it adds
 * them; they always fall inside what is loaded.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

struct entry {
	int64_t id, received;
	uint32_t key[2];           /* hash of the phone; of reporter and community (0: none) */
	int32_t next[2];           /* the next entry of the same bucket, -1 at the end */
};

struct mi_residents {
	struct entry *v;
	int32_t n, cap;
	int32_t *head[2];          /* the first entry of each bucket */
	uint32_t mask;             /* buckets - 1 */
	int64_t lo, hi;            /* the received times loaded; lo > hi: none */
};

static uint32_t
hash_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

uint32_t
mi_resident_phone(const char *phone)
{
	uint32_t h;

	if (phone == NULL || *phone == '\0')
		return 0;
	h = hash_str(2166136261u, phone);
	return h ? h : 1;
}

uint32_t
mi_resident_who(const char *reporter, int64_t community)
{
	uint32_t h;
	int i;

	if (reporter == NULL || *reporter == '\0' || community <= 0)
		return 0;
	h = hash_str(2166136261u, reporter);
	for (i = 0; i < 8; i++)
		h = (h ^ (uint32_t)((uint64_t)community >> (8 * i) & 0xff)) * 16777619u;
	return h ? h : 1;
}

mi_residents *
mi_residents_new(void)
{
	mi_residents *m = mi_xcalloc(1, sizeof(*m));

	m->lo = 1;
	m->hi = 0;
	return m;
}

void
mi_residents_free(mi_residents *m)
{
	if (m == NULL)
		return;
	free(m->v);
	free(m->head[0]);
	free(m->head[1]);
	free(m);
}

static void
chain(mi_residents *m, int32_t i)
{
	int k;

	for (k = 0; k < 2; k++) {
		m->v[i].next[k] = -1;
		if (m->v[i].key[k] == 0)
			continue;
		m->v[i].next[k] = m->head[k][m->v[i].key[k] & m->mask];
		m->head[k][m->v[i].key[k] & m->mask] = i;
	}
}

/* Twice the buckets when the entries outnumber them. */
static void
grow(mi_residents *m)
{
	int32_t i;
	int k;

	m->mask = m->mask ? m->mask * 2 + 1 : 1023;
	for (k = 0; k < 2; k++) {
		free(m->head[k]);
		m->head[k] = mi_xrealloc(NULL, ((size_t)m->mask + 1) * sizeof(int32_t));
		memset(m->head[k], 0xff, ((size_t)m->mask + 1) * sizeof(int32_t));
	}
	for (i = 0; i < m->n; i++)
		chain(m, i);
}

void
mi_residents_add(mi_residents *m, int64_t id, int64_t received, uint32_t phone, uint32_t who)
{
	struct entry *x;

	if (phone == 0 && who == 0)
		return;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->v = mi_xrealloc(m->v, (size_t)m->cap * sizeof(*m->v));
	}
	x = &m->v[m->n];
	x->id = id;
	x->received = received;
	x->key[0] = phone;
	x->key[1] = who;
	if ((uint32_t)m->n >= m->mask)
		grow(m);
	chain(m, m->n++);
}

static const char sql_window[] =
    "SELECT id, received, phone, reporter, coalesce(community_id, 0) FROM cases "
    "WHERE received BETWEEN ?1 AND ?2 AND status <> 'void'";

static int
load(mi_ctx *c, mi_residents *m, int64_t lo, int64_t hi, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql_window, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		mi_residents_add(m, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		    mi_resident_phone((const char *)sqlite3_column_text(st, 2)),
		    mi_resident_who((const char *)sqlite3_column_text(st, 3),
		    sqlite3_column_int64(st, 4)));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_window, e);
}

int
mi_residents_cover(mi_ctx *c, mi_residents *m, int64_t lo, int64_t hi, mi_err *e)
{
	if (m->lo > m->hi) {
		if (load(c, m, lo, hi, e) < 0)
			return -1;
		m->lo = lo;
		m->hi = hi;
		return 0;
	}
	if (lo < m->lo) {
		if (load(c, m, lo, m->lo - 1, e) < 0)
			return -1;
		m->lo = lo;
	}
	if (hi > m->hi) {
		if (load(c, m, m->hi + 1, hi, e) < 0)
			return -1;
		m->hi = hi;
	}
	return 0;
}

int
mi_residents_find(const mi_residents *m, int by, uint32_t key, int64_t lo, int64_t hi,
    int64_t *ids, int max)
{
	int32_t i;
	int n = 0;

	if (key == 0 || m->mask == 0)
		return 0;
	for (i = m->head[by][key & m->mask]; i >= 0 && n < max; i = m->v[i].next[by])
		if (m->v[i].key[by] == key && m->v[i].received >= lo && m->v[i].received <= hi)
			ids[n++] = m->v[i].id;
	return n;
}
