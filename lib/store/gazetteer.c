/* gazetteer.c - resolving streets, communities and estates by loose names. */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static int
ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* The name without the body that administers the place: 萌山社区居民委员会 -> 萌山社区. */
char *
mi_name_core(const char *name)
{
	static const char *const body[] = {
		"社区居民委员会", "居民委员会", "村民委员会", "社区居委会", "居委会", "村委会",
		"委员会", "街道办事处", "办事处", "人民政府"
	};
	static const char *const put_back[] = {
		"社区", "社区", "村", "社区", "社区", "村", "", "街道", "", ""
	};
	size_t n = strlen(name), i, k;
	char *out;

	for (i = 0; i < MI_ARRAY_LEN(body); i++) {
		if (ends_with(name, n, body[i])) {
			k = n - strlen(body[i]);
			out = mi_xmalloc(k + strlen(put_back[i]) + 1);
			memcpy(out, name, k);
			/* 龙西村村民委员会 is 龙西村's committee: the place keeps one 村. */
			if (*put_back[i] && ends_with(name, k, put_back[i]))
				out[k] = '\0';
			else
				strcpy(out + k, put_back[i]);
			return out;
		}
	}
	return mi_xstrdup(name);
}

/* What people say when they drop the kind: 萌山社区 -> 萌山, 东纸坊村 ->
 * 东纸坊; a name that would be left shorter than two characters (six bytes)
 * keeps its kind, so 新村 stays 新村. */
char *
mi_name_bare(const char *core)
{
	static const char *const type[] = { "社区", "街道", "小区", "村", "镇", "乡" };
	size_t n = strlen(core), i;

	for (i = 0; i < MI_ARRAY_LEN(type); i++)
		if (ends_with(core, n, type[i]) && n - strlen(type[i]) >= 6)
			return mi_xstrndup(core, n - strlen(type[i]));
	return mi_xstrdup(core);
}

struct unit {
	int64_t id, parent;
	int kind;
	char *name, *code, *core, *bare;
};

/* Codes share the sorted key index under a kind of their own. */
#define CODE_KIND MI_U_NKINDS

struct key {
	const char *s;
	int kind;
	size_t unit;       /* index into units */
};

/* Names repeat row after row in a ledger: remember recent answers. */
#define CACHE_SIZE 1024
struct cached {
	char *name;
	int kind;
	int64_t parent, id;
};

struct mi_gazetteer {
	struct cached *cache;      /* CACHE_SIZE slots, direct-mapped */
	struct unit *u;
	size_t n;
	struct key *keys;  /* name, core and bare forms, sorted by (kind, s) */
	size_t nkeys;
	mi_ac *ac;         /* full and core names of streets, communities, estates */
};

static int
keycmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	return strcmp(x->s, y->s);
}

static const struct unit *
by_id(const mi_gazetteer *g, int64_t id)
{
	size_t lo = 0, hi = g->n, mid;

	/* Units are loaded in id order, so a binary search finds them. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (g->u[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->n && g->u[lo].id == id ? &g->u[lo] : NULL;
}

static void
add_key(mi_gazetteer *g, size_t *cap, const char *s, int kind, size_t unit)
{
	if (*s == '\0')
		return;
	if (g->nkeys == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		g->keys = mi_xrealloc(g->keys, *cap * sizeof(*g->keys));
	}
	g->keys[g->nkeys].s = s;
	g->keys[g->nkeys].kind = kind;
	g->keys[g->nkeys].unit = unit;
	g->nkeys++;
}

static void
build_index(mi_gazetteer *g)
{
	size_t cap = 0, i;
	struct unit *u;

	for (i = 0; i < g->n; i++) {
		u = &g->u[i];
		add_key(g, &cap, u->name, u->kind, i);
		add_key(g, &cap, u->code, CODE_KIND, i);
		if (strcmp(u->core, u->name) != 0)
			add_key(g, &cap, u->core, u->kind, i);
		if (strcmp(u->bare, u->core) != 0)
			add_key(g, &cap, u->bare, u->kind, i);
	}
	mi_sort(g->keys, g->nkeys, sizeof(*g->keys), keycmp);
	g->ac = mi_ac_new();
	for (i = 0; i < g->n; i++) {
		u = &g->u[i];
		if (u->kind != MI_U_STREET && u->kind != MI_U_COMMUNITY && u->kind != MI_U_ESTATE)
			continue;
		mi_ac_add(g->ac, u->name, strlen(u->name), (int)i);
		if (strcmp(u->core, u->name) != 0)
			mi_ac_add(g->ac, u->core, strlen(u->core), (int)i);
	}
	mi_ac_build(g->ac);
}

int
mi_gaz_load(sqlite3 *db, mi_gazetteer **out, mi_err *e)
{
	static const char sql[] = "SELECT id, coalesce(parent_id, 0), kind, name, code "
	    "FROM units ORDER BY id";
	mi_gazetteer *g = mi_xcalloc(1, sizeof(*g));
	sqlite3_stmt *st;
	size_t cap = 0;
	struct unit *u;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		free(g);
		return mi_db_fail(db, sql, e);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (g->n == cap) {
			cap = cap ? cap * 2 : 256;
			g->u = mi_xrealloc(g->u, cap * sizeof(*g->u));
		}
		u = &g->u[g->n++];
		u->id = sqlite3_column_int64(st, 0);
		u->parent = sqlite3_column_int64(st, 1);
		u->kind = mi_vocab_parse(MI_V_KIND, (const char *)sqlite3_column_text(st, 2));
		u->name = mi_xstrdup((const char *)sqlite3_column_text(st, 3));
		u->code = mi_xstrdup((const char *)sqlite3_column_text(st, 4));
		u->core = mi_name_core(u->name);
		u->bare = mi_name_bare(u->core);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		mi_gaz_free(g);
		return mi_db_fail(db, sql, e);
	}
	build_index(g);
	g->cache = mi_xcalloc(CACHE_SIZE, sizeof(*g->cache));
	*out = g;
	return 0;
}

void
mi_gaz_free(mi_gazetteer *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		free(g->u[i].name);
		free(g->u[i].code);
		free(g->u[i].core);
		free(g->u[i].bare);
	}
	/* A load that failed frees its gazetteer before the cache exists. */
	for (i = 0; g->cache != NULL && i < CACHE_SIZE; i++)
		free(g->cache[i].name);
	free(g->cache);
	free(g->u);
	free(g->keys);
	mi_ac_free(g->ac);
	free(g);
}

/* Is unit u inside the unit with id anc (or anc itself)? */
static int
inside(const mi_gazetteer *g, const struct unit *u, int64_t anc)
{
	int depth = 0;

	while (u && depth++ < 16) {
		if (u->id == anc)
			return 1;
		u = u->parent ? by_id(g, u->parent) : NULL;
	}
	return 0;
}

/* Looks s up among keys of kind; returns the unit id, 0 none, -1 ambiguous. */
static int64_t
lookup(const mi_gazetteer *g, int kind, const char *s, int64_t parent)
{
	struct key k = { s, kind, 0 };
	const struct key *hit;
	size_t lo, hi, i;
	int64_t found = 0;

	hit = mi_search(&k, g->keys, g->nkeys, sizeof(k), keycmp);
	if (hit == NULL)
		return 0;
	lo = hi = (size_t)(hit - g->keys);
	while (lo > 0 && keycmp(&g->keys[lo - 1], &k) == 0)
		lo--;
	while (hi + 1 < g->nkeys && keycmp(&g->keys[hi + 1], &k) == 0)
		hi++;
	for (i = lo; i <= hi; i++) {
		const struct unit *u = &g->u[g->keys[i].unit];

		if (parent > 0 && !inside(g, u, parent))
			continue;
		if (found && found != u->id)
			return -1;
		found = u->id;
	}
	return found;
}

static int64_t find(const mi_gazetteer *g, int kind, const char *name, int64_t parent);

int64_t
mi_gaz_find(const mi_gazetteer *g, int kind, const char *name, int64_t parent)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p;
	struct cached *c;

	if (name == NULL || *name == '\0')
		return 0;
	for (p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	h ^= (uint64_t)(kind + 2) * 0x9E3779B97F4A7C15ULL ^ (uint64_t)parent;
	c = &g->cache[(h ^ (h >> 29)) % CACHE_SIZE];
	if (c->name && c->kind == kind && c->parent == parent && strcmp(c->name, name) == 0)
		return c->id;
	free(c->name);
	c->name = mi_xstrdup(name);
	c->kind = kind;
	c->parent = parent;
	c->id = find(g, kind, name, parent);
	return c->id;
}

static int64_t
find(const mi_gazetteer *g, int kind, const char *name, int64_t parent)
{
	char *core, *bare;
	int64_t id;

	if ((id = lookup(g, CODE_KIND, name, parent)) > 0 &&
	    (kind < 0 || mi_gaz_kind(g, id) == kind))
		return id;
	if (kind < 0)
		return 0;
	if ((id = lookup(g, kind, name, parent)) != 0)
		return id;
	core = mi_name_core(name);
	id = lookup(g, kind, core, parent);
	if (id == 0) {
		bare = mi_name_bare(core);
		id = lookup(g, kind, bare, parent);
		free(bare);
	}
	free(core);
	return id;
}

/* The one department or centre whose name holds part: every unit is at hand,
 * so the database need not be asked again. */
static int64_t
by_part(const mi_gazetteer *g, const char *part)
{
	int64_t found = 0;
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (g->u[i].kind != MI_U_DEPARTMENT && g->u[i].kind != MI_U_CENTRE)
			continue;
		if (strstr(g->u[i].name, part) == NULL)
			continue;
		if (found)
			return -1;
		found = g->u[i].id;
	}
	return found;
}

int64_t
mi_gaz_unit(const mi_gazetteer *g, const char *name, int kind)
{
	int64_t id = mi_gaz_find(g, -1, name, 0);
	int k;

	for (k = 0; id == 0 && k < MI_U_NKINDS; k++)
		if (kind < 0 || k == kind)
			id = mi_gaz_find(g, k, name, 0);
	if (id != 0 || name == NULL || (kind >= 0 && kind != MI_U_DEPARTMENT))
		return id;
	return by_part(g, name);
}

struct scan {
	const mi_gazetteer *g;
	size_t best[MI_U_NKINDS];   /* longest match per kind, as unit index + 1 */
	size_t len[MI_U_NKINDS];
	int ambiguous[MI_U_NKINDS];
	size_t hits[64];            /* every estate hit, to settle by community */
	size_t nhits;
};

static int
on_match(int value, size_t start, size_t end, void *arg)
{
	struct scan *s = arg;
	const struct unit *u = &s->g->u[value];
	size_t len = end - start;

	if (u->kind == MI_U_ESTATE && s->nhits < MI_ARRAY_LEN(s->hits))
		s->hits[s->nhits++] = (size_t)value;
	if (len > s->len[u->kind]) {
		s->best[u->kind] = (size_t)value + 1;
		s->len[u->kind] = len;
		s->ambiguous[u->kind] = 0;
	} else if (len == s->len[u->kind] && s->best[u->kind] != (size_t)value + 1 &&
	    strcmp(s->g->u[s->best[u->kind] - 1].name, u->name) == 0) {
		/* the same name for two units of one kind: decided by context below */
		s->ambiguous[u->kind] = 1;
	}
	return 0;
}

void
mi_gaz_scan(const mi_gazetteer *g, const char *text, int64_t *street, int64_t *community,
    int64_t *estate)
{
	struct scan s;
	size_t i;
	int64_t id = 0;

	memset(&s, 0, sizeof(s));
	s.g = g;
	if (text && *text)
		mi_ac_scan(g->ac, text, strlen(text), on_match, &s);
	if (*street == 0 && s.best[MI_U_STREET] && !s.ambiguous[MI_U_STREET])
		*street = g->u[s.best[MI_U_STREET] - 1].id;
	if (*community == 0 && s.best[MI_U_COMMUNITY] && !s.ambiguous[MI_U_COMMUNITY]) {
		const struct unit *u = &g->u[s.best[MI_U_COMMUNITY] - 1];

		if (*street == 0 || inside(g, u, *street))
			*community = u->id;
	}
	if (*estate == 0) {
		/* An estate name may repeat across communities: keep the one that
		 * lies inside what was found, and only when it is unique. */
		for (i = 0; i < s.nhits; i++) {
			const struct unit *u = &g->u[s.hits[i]];

			if (*community && !inside(g, u, *community))
				continue;
			if (*street && !inside(g, u, *street))
				continue;
			if (id && id != u->id) {
				id = 0;
				break;
			}
			id = u->id;
		}
		*estate = id;
	}
}

int64_t
mi_gaz_parent(const mi_gazetteer *g, int64_t id)
{
	const struct unit *u = by_id(g, id);

	return u ? u->parent : 0;
}

int
mi_gaz_kind(const mi_gazetteer *g, int64_t id)
{
	const struct unit *u = by_id(g, id);

	return u ? u->kind : -1;
}

const char *
mi_gaz_name(const mi_gazetteer *g, int64_t id)
{
	const struct unit *u = by_id(g, id);

	return u ? u->name : NULL;
}

const char *
mi_gaz_code(const mi_gazetteer *g, int64_t id)
{
	return mi_gaz_code_or(g, id, NULL);
}

const char *
mi_gaz_code_or(const mi_gazetteer *g, int64_t id, const char *none)
{
	const struct unit *u = by_id(g, id);

	return u ? u->code : none;
}
