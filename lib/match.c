/* match.c - finding the ledger case a hotline record repeats.
 *
 * Record linkage in the Fellegi-Sunter manner: each pair is compared on a
 * few features, each comparison level has a log-likelihood weight in the
 * config (how much likelier that level is for a true pair than for a chance
 * one), and the weights add up to the pair's score. Pairs are never all
 * compared: the cases in the time window are loaded once and indexed under
 * blocking keys (phone; estate and building; community and building;
 * community and category; community and house detail), and a record is
 * compared only with the cases that share a key with it, within the window.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double mi_dbg_prep;

#include "internal.h"
#include "reconcile.h"

#define MAX_SIG 512            /* bigrams kept per text */
#define MAX_CATS 255

/* ---- the config's weights ---- */

static const char *const feat_name[MI_FT_N] = {
	"phone", "place", "community", "category", "days", "text"
};
static const char *const level_name[MI_LV_N] = {
	"missing", "agree", "disagree",
	"room", "building", "community_building", "estate", "detail",
	"room_differs", "building_differs", "estate_differs", "detail_differs", "same_community",
	"bin"
};

const char *
mi_feature_name(int f)
{
	return f >= 0 && f < MI_FT_N ? feat_name[f] : "?";
}

const char *
mi_level_name(int l)
{
	return l >= 0 && l < MI_LV_N ? level_name[l] : "?";
}

struct bin {
	double edge, weight;
};

struct weights {
	double w[MI_FT_N][MI_LV_N];
	struct bin days[16], text[16];
	int ndays, ntext;
};

static int
load_bins(const cJSON *list, const char *key, struct bin *b, int max)
{
	const cJSON *x;
	int n = 0;

	cJSON_ArrayForEach(x, list) {
		if (n == max)
			break;
		b[n].edge = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, key));
		b[n].weight = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, "weight"));
		if (isnan(b[n].edge) || isnan(b[n].weight))
			continue;
		n++;
	}
	return n;
}

static void
load_weights(const mi_config *cfg, struct weights *w)
{
	static const struct { int f, l; const char *path; } map[] = {
		{ MI_FT_PHONE, MI_LV_AGREE, "phone.agree" },
		{ MI_FT_PHONE, MI_LV_DISAGREE, "phone.disagree" },
		{ MI_FT_PLACE, MI_LV_ROOM, "place.room" },
		{ MI_FT_PLACE, MI_LV_BUILDING, "place.building" },
		{ MI_FT_PLACE, MI_LV_COMM_BUILDING, "place.community_building" },
		{ MI_FT_PLACE, MI_LV_ESTATE, "place.estate" },
		{ MI_FT_PLACE, MI_LV_DETAIL, "place.detail" },
		{ MI_FT_PLACE, MI_LV_ROOM_DIFFERS, "place.room_differs" },
		{ MI_FT_PLACE, MI_LV_BUILDING_DIFFERS, "place.building_differs" },
		{ MI_FT_PLACE, MI_LV_ESTATE_DIFFERS, "place.estate_differs" },
		{ MI_FT_PLACE, MI_LV_DETAIL_DIFFERS, "place.detail_differs" },
		{ MI_FT_COMMUNITY, MI_LV_AGREE, "community.agree" },
		{ MI_FT_COMMUNITY, MI_LV_DISAGREE, "community.disagree" },
		{ MI_FT_CATEGORY, MI_LV_AGREE, "category.agree" },
		{ MI_FT_CATEGORY, MI_LV_DISAGREE, "category.disagree" },
	};
	char key[96];
	size_t i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < MI_ARRAY_LEN(map); i++) {
		snprintf(key, sizeof(key), "reconcile.weights.%s", map[i].path);
		w->w[map[i].f][map[i].l] = mi_config_num(cfg, key, 0);
	}
	w->ndays = load_bins(mi_config_get(cfg, "reconcile.weights.days"), "within", w->days, 16);
	w->ntext = load_bins(mi_config_get(cfg, "reconcile.weights.text"), "from", w->text, 16);
}

/* ---- categories ---- */

/* A routing rule that names a category by the words of a text. */
struct wrule {
	int cat;
	int nany, nall;
};

struct wkey {
	int rule, kind;        /* kind: 0 any, 1 all, 2 none */
};

struct cats {
	const char *name[MAX_CATS + 1];
	int n;
	const cJSON *typemap;  /* reconcile.categories */
	struct wrule *rules;
	int nrules;
	struct wkey *keys;
	int nkeys;
	mi_ac *ac;
	mi_ac *names;          /* category names, to find one inside a hotline type */
};

static int
cat_index(struct cats *k, const char *name, int add)
{
	int i;

	if (name == NULL || *name == '\0')
		return 0;
	for (i = 1; i <= k->n; i++)
		if (strcmp(k->name[i], name) == 0)
			return i;
	if (!add || k->n == MAX_CATS)
		return 0;
	k->name[++k->n] = name;
	return k->n;
}

static int
nonempty_list(const cJSON *r, const char *key)
{
	return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, key)) > 0;
}

static void
add_words(struct cats *k, const cJSON *list, int rule, int kind)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, list) {
		if (!cJSON_IsString(x) || !*x->valuestring)
			continue;
		k->keys = mi_xrealloc(k->keys, (size_t)(k->nkeys + 1) * sizeof(*k->keys));
		k->keys[k->nkeys].rule = rule;
		k->keys[k->nkeys].kind = kind;
		mi_ac_add(k->ac, x->valuestring, strlen(x->valuestring), k->nkeys);
		k->nkeys++;
		if (kind == 0)
			k->rules[rule].nany++;
		else if (kind == 1)
			k->rules[rule].nall++;
	}
}

/* The categories are those routing knows (its rules' category lists and
 * set_category) and those reconcile.categories maps hotline types to. The
 * word rules are the routing rules that set a category from words alone. */
static void
cats_init(struct cats *k, const mi_config *cfg)
{
	const cJSON *rules = mi_config_get(cfg, "routing.rules"), *r, *x;
	int i;

	memset(k, 0, sizeof(*k));
	k->typemap = mi_config_get(cfg, "reconcile.categories");
	cJSON_ArrayForEach(r, rules) {
		cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(r, "category"))
			cat_index(k, cJSON_GetStringValue(x), 1);
		cat_index(k, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r,
		    "set_category")), 1);
	}
	cJSON_ArrayForEach(x, k->typemap)
		cat_index(k, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "category")), 1);
	k->ac = mi_ac_new();
	k->rules = mi_xcalloc((size_t)cJSON_GetArraySize(rules) + 1, sizeof(*k->rules));
	cJSON_ArrayForEach(r, rules) {
		const char *set = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r,
		    "set_category"));

		if (set == NULL || !*set || nonempty_list(r, "category") || nonempty_list(r,
		    "street") || nonempty_list(r, "community") || nonempty_list(r, "channel"))
			continue;
		if (!nonempty_list(r, "any") && !nonempty_list(r, "all"))
			continue;
		i = k->nrules++;
		k->rules[i].cat = cat_index(k, set, 0);
		add_words(k, cJSON_GetObjectItemCaseSensitive(r, "any"), i, 0);
		add_words(k, cJSON_GetObjectItemCaseSensitive(r, "all"), i, 1);
		add_words(k, cJSON_GetObjectItemCaseSensitive(r, "none"), i, 2);
	}
	mi_ac_build(k->ac);
	k->names = mi_ac_new();
	for (i = 1; i <= k->n; i++)
		mi_ac_add(k->names, k->name[i], strlen(k->name[i]), i);
	mi_ac_build(k->names);
}

static void
cats_release(struct cats *k)
{
	mi_ac_free(k->ac);
	mi_ac_free(k->names);
	free(k->rules);
	free(k->keys);
}

struct wscan {
	const struct cats *k;
	unsigned char *seen;   /* per key */
	int *any, *all, *none; /* per rule */
};

static int
on_word(int value, size_t start, size_t end, void *arg)
{
	struct wscan *s = arg;
	const struct wkey *w = &s->k->keys[value];

	(void)start;
	(void)end;
	if (s->seen[value])
		return 0;
	s->seen[value] = 1;
	if (w->kind == 0)
		s->any[w->rule]++;
	else if (w->kind == 1)
		s->all[w->rule]++;
	else
		s->none[w->rule]++;
	return 0;
}

/* The category the first word rule that fits the text sets; 0 when none. */
static int
cat_by_words(const struct cats *k, const char *text)
{
	unsigned char seen[512];
	int any[128], all[128], none[128], i;
	struct wscan s = { k, seen, any, all, none };

	if (text == NULL || k->nrules == 0 || k->nkeys > 512 || k->nrules > 128)
		return 0;
	memset(seen, 0, (size_t)k->nkeys);
	memset(any, 0, sizeof(int) * (size_t)k->nrules);
	memset(all, 0, sizeof(int) * (size_t)k->nrules);
	memset(none, 0, sizeof(int) * (size_t)k->nrules);
	mi_ac_scan(k->ac, text, strlen(text), on_word, &s);
	for (i = 0; i < k->nrules; i++)
		if ((k->rules[i].nany == 0 || any[i]) && all[i] >= k->rules[i].nall && !none[i])
			return k->rules[i].cat;
	return 0;
}

struct longest {
	int value;
	size_t len;
};

static int
on_name(int value, size_t start, size_t end, void *arg)
{
	struct longest *l = arg;

	if (end - start > l->len) {
		l->len = end - start;
		l->value = value;
	}
	return 0;
}

/* A hotline's type (城市管理/垃圾分类) as one of our categories: the first
 * word of reconcile.categories it contains, else the longest of our
 * category names in it. */
static int
cat_of_type(const struct cats *k, const char *type)
{
	const cJSON *x;
	const char *w;
	struct longest l = { 0, 0 };

	if (type == NULL || *type == '\0')
		return 0;
	cJSON_ArrayForEach(x, k->typemap) {
		w = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "word"));
		if (w && *w && strstr(type, w))
			return cat_index((struct cats *)k, cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(x, "category")), 0);
	}
	mi_ac_scan(k->names, type, strlen(type), on_name, &l);
	return l.value;
}

/* ---- the matcher ---- */

struct ientry {
	uint64_t key;
	int32_t minute;        /* received, in minutes since 1970 */
	uint32_t idx;          /* into the cases */
};

struct mi_matcher {
	mi_ctx *c;
	const mi_gazetteer *g;
	mi_norm *norm;
	struct weights w;
	struct cats cats;
	double threshold;
	double text_max, text_min;   /* the most and least the text can add */
	int64_t window;        /* seconds either side */
	uint16_t *pool;        /* signatures of cases and records */
	size_t npool, cappool;
	mi_mrec *cases;
	size_t ncases, capcases;
	struct ientry *index;
	size_t nindex;
	uint32_t *stamp;       /* per case: the last search that saw it */
	uint32_t search;
	uint32_t *cand;        /* the candidates of the last search */
	size_t capcand;
	mi_buf scratch, clean;
};

static int
load_places(mi_ctx *c, mi_place **out, size_t *n, mi_buf *names, mi_err *e)
{
	static const char sql[] = "SELECT id, name FROM units WHERE kind IN ('street', "
	    "'community', 'estate') ORDER BY id";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	size_t cap = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*out = mi_xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		/* offsets for now: the buffer moves while it grows */
		(*out)[*n].name = (const char *)(uintptr_t)names->len;
		mi_buf_add(names, (const char *)sqlite3_column_text(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1) + 1);
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	for (i = 0; i < *n; i++)
		(*out)[i].name = names->s + (uintptr_t)(*out)[i].name;
	return 0;
}

/* The names an address may start with: the config's region, and our county's. */
static int
load_region(mi_ctx *c, char ***out, size_t *n, mi_err *e)
{
	static const char sql[] = "SELECT name FROM units WHERE kind = 'county'";
	const cJSON *x;
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	cJSON_ArrayForEach(x, mi_config_get(c->cfg, "reconcile.region")) {
		if (!cJSON_IsString(x) || !*x->valuestring)
			continue;
		*out = mi_xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = mi_xstrdup(x->valuestring);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = mi_xrealloc(*out, (*n + 2) * sizeof(**out));
		(*out)[(*n)++] = mi_xstrdup((const char *)sqlite3_column_text(st, 0));
		(*out)[(*n)++] = mi_name_core((const char *)sqlite3_column_text(st, 0));
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql, e);
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
mi_matcher_new(mi_ctx *c, const mi_gazetteer *g, mi_matcher **out, mi_err *e)
{
	mi_matcher *m = mi_xcalloc(1, sizeof(*m));
	mi_place *places = NULL;
	mi_buf names = MI_BUF_INIT;
	char **region = NULL, **filler = NULL;
	size_t nplaces = 0, nregion = 0, nfiller = 0;
	const cJSON *x;
	int rc, i;

	*out = NULL;
	m->c = c;
	m->g = g;
	load_weights(c->cfg, &m->w);
	cats_init(&m->cats, c->cfg);
	m->threshold = mi_config_num(c->cfg, "reconcile.threshold", 9);
	m->text_max = m->w.w[MI_FT_TEXT][MI_LV_MISSING];
	m->text_min = m->text_max;
	for (i = 0; i < m->w.ntext; i++) {
		if (m->w.text[i].weight > m->text_max)
			m->text_max = m->w.text[i].weight;
		if (m->w.text[i].weight < m->text_min)
			m->text_min = m->w.text[i].weight;
	}
	m->window = 86400LL * mi_config_int(c->cfg, "reconcile.window_days", 14);
	cJSON_ArrayForEach(x, mi_config_get(c->cfg, "reconcile.filler")) {
		if (!cJSON_IsString(x) || !*x->valuestring)
			continue;
		filler = mi_xrealloc(filler, (nfiller + 1) * sizeof(*filler));
		filler[nfiller++] = mi_xstrdup(x->valuestring);
	}
	rc = load_places(c, &places, &nplaces, &names, e);
	if (rc == 0)
		rc = load_region(c, &region, &nregion, e);
	if (rc == 0)
		m->norm = mi_norm_new(places, nplaces, (const char *const *)filler, nfiller,
		    (const char *const *)region, nregion);
	free(places);
	mi_buf_release(&names);
	free_strings(region, nregion);
	free_strings(filler, nfiller);
	if (rc < 0) {
		mi_matcher_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

void
mi_matcher_free(mi_matcher *m)
{
	if (m == NULL)
		return;
	mi_norm_free(m->norm);
	cats_release(&m->cats);
	free(m->pool);
	free(m->cases);
	free(m->index);
	free(m->stamp);
	free(m->cand);
	mi_buf_release(&m->scratch);
	mi_buf_release(&m->clean);
	free(m);
}

double
mi_matcher_threshold(const mi_matcher *m)
{
	return m->threshold;
}

int64_t
mi_matcher_window(const mi_matcher *m)
{
	return m->window;
}

const char *
mi_matcher_category(const mi_matcher *m, int cat)
{
	return cat > 0 && cat <= m->cats.n ? m->cats.name[cat] : NULL;
}

const mi_norm *
mi_matcher_norm(const mi_matcher *m)
{
	return m->norm;
}

const uint16_t *
mi_matcher_sig(const mi_matcher *m, const mi_mrec *r)
{
	return m->pool + r->sig;
}

static uint64_t
mix(uint64_t a, uint64_t b)
{
	uint64_t z = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint64_t
mi_match_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

static void
add_sig(mi_matcher *m, mi_mrec *r, const char *text)
{
	size_t n;

	if (m->npool + MAX_SIG > m->cappool) {
		m->cappool = m->cappool ? m->cappool * 2 : 1 << 16;
		while (m->npool + MAX_SIG > m->cappool)
			m->cappool *= 2;
		m->pool = mi_xrealloc(m->pool, m->cappool * sizeof(*m->pool));
	}
	n = text ? mi_norm_sig(m->norm, text, m->pool + m->npool, MAX_SIG, &m->scratch) : 0;
	r->sig = (uint32_t)m->npool;
	r->nsig = (uint16_t)n;
	m->npool += n;
}

int
mi_matcher_prepare_hotline(mi_matcher *m, mi_mrec *r, const mi_hotline_fields *f, char *note,
    size_t nnote)
{
	char what[64];
	int64_t place, s = 0, cm = 0, es = 0;
	int c2, ours = 1;
	mi_loc l;

	memset(r, 0, sizeof(*r));
	r->id = f->id;
	r->received = f->received;
	r->phone = mi_match_hash(f->phone);
	r->self = mi_match_hash(f->ticket);
	note[0] = '\0';
	mi_norm_clean(f->address ? f->address : "", &m->clean);
	if (f->address && mi_norm_foreign(m->norm, m->clean.s, what, sizeof(what))) {
		snprintf(note, nnote, "address in %s", what);
		ours = 0;
	} else if (f->street && mi_gaz_find(m->g, MI_U_STREET, f->street, 0) <= 0 &&
	    (mi_gaz_scan(m->g, m->clean.s, &s, &cm, &es), s == 0)) {
		/* A street we do not know, and an address that names none of ours:
		 * the record is from elsewhere, whatever estate name it shares. */
		snprintf(note, nnote, "street '%.40s' not ours", f->street);
		ours = 0;
	} else {
		mi_locate(m->g, f->street, f->community, NULL, m->clean.s, &l);
		r->street = l.street;
		r->community = l.community;
		r->estate = l.estate;
		/* The operator may name the estate only in the text. */
		if (r->community && !r->estate && f->text)
			mi_gaz_scan(m->g, f->text, &r->street, &r->community, &r->estate);
		if (!r->street) {
			snprintf(note, nnote, "%s", f->address || f->street || f->community ?
			    "no place of ours found" : "no location given");
			ours = 0;
		}
	}
	place = r->estate ? r->estate : r->community;
	mi_norm_house(m->norm, m->clean.s, place, &r->house);
	r->cat[0] = (uint8_t)cat_of_type(&m->cats, f->category);
	c2 = cat_by_words(&m->cats, f->text);
	if (c2 != r->cat[0])
		r->cat[r->cat[0] ? 1 : 0] = (uint8_t)c2;
	add_sig(m, r, f->text);
	return ours;
}

static void
prepare_case(mi_matcher *m, mi_mrec *r, sqlite3_stmt *st)
{
	const char *category = (const char *)sqlite3_column_text(st, 6);
	const char *address = (const char *)sqlite3_column_text(st, 7);
	const char *text = (const char *)sqlite3_column_text(st, 8);
	int64_t place;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->received = sqlite3_column_int64(st, 1);
	r->phone = mi_match_hash((const char *)sqlite3_column_text(st, 2));
	r->street = sqlite3_column_int64(st, 3);
	r->community = sqlite3_column_int64(st, 4);
	r->estate = sqlite3_column_int64(st, 5);
	if (sqlite3_column_type(st, 9) != SQLITE_NULL)
		r->self = mi_match_hash((const char *)sqlite3_column_text(st, 9));
	place = r->estate ? r->estate : r->community;
	mi_norm_clean(address ? address : "", &m->clean);
	mi_norm_house(m->norm, m->clean.s, place, &r->house);
	r->cat[0] = (uint8_t)cat_index(&m->cats, category, 0);
	if (r->cat[0] == 0)
		r->cat[0] = (uint8_t)cat_by_words(&m->cats, text);
	add_sig(m, r, text);
}

int
mi_matcher_load(mi_matcher *m, int64_t from, int64_t to,
    void (*progress)(void *arg, long n), void *arg, mi_err *e)
{
	static const char sql[] =
	    "SELECT id, received, phone, coalesce(street_id, 0), coalesce(community_id, 0), "
	    "coalesce(estate_id, 0), category, address, text, "
	    "CASE WHEN channel = 'hotline' THEN ref END "
	    "FROM cases WHERE received BETWEEN ?1 AND ?2 AND status <> 'void'";
	sqlite3_stmt *st = mi_stmt(m->c, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->ncases == m->capcases) {
			m->capcases = m->capcases ? m->capcases * 2 : 4096;
			m->cases = mi_xrealloc(m->cases, m->capcases * sizeof(*m->cases));
		}
		{ struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
		prepare_case(m, &m->cases[m->ncases++], st);
		clock_gettime(CLOCK_MONOTONIC, &b); mi_dbg_prep += (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9; }
		if (progress && m->ncases % 100000 == 0)
			progress(arg, (long)m->ncases);
	}
	sqlite3_reset(st);
	fprintf(stderr, "T case-prep %.2f\n", mi_dbg_prep);
	if (rc != SQLITE_DONE)
		return mi_db_fail(m->c->db, sql, e);
	return 0;
}

size_t
mi_matcher_ncases(const mi_matcher *m)
{
	return m->ncases;
}

/*
 * The blocking keys. A pair is a candidate when it shares a phone, or an
 * estate and building, or a community and category, or a village's house,
 * within the window. Where one side lacks the estate (or the building) the
 * place cannot tell, so the wider key of the community (and building, or
 * category) is used, but only against cases that lack it too, or by records
 * that do: a record with estate and building never meets every case of its
 * community.
 */
enum {
	K_PHONE = 1,
	K_ESTATE_BUILDING,         /* estate and building */
	K_COMMUNITY_BUILDING,      /* community and building: every case */
	K_COMMUNITY_BUILDING_ONLY, /* the same, for cases without an estate */
	K_COMMUNITY_CATEGORY,      /* community and category: every case */
	K_COMMUNITY_CATEGORY_ONLY, /* the same, for cases without a building */
	K_COMMUNITY_DETAIL         /* community and a village's house */
};

static uint64_t
key3(int kind, int64_t a, uint64_t b)
{
	return mix(mix((uint64_t)kind, (uint64_t)a), b);
}

/* The keys a case is indexed under. */
static int
case_keys(const mi_mrec *r, uint64_t *k)
{
	int n = 0, i, b = r->house.building >= 0;

	if (r->phone)
		k[n++] = mix(K_PHONE, r->phone);
	if (r->estate && b)
		k[n++] = key3(K_ESTATE_BUILDING, r->estate, (uint64_t)r->house.building);
	if (r->community && b) {
		k[n++] = key3(K_COMMUNITY_BUILDING, r->community, (uint64_t)r->house.building);
		if (!r->estate)
			k[n++] = key3(K_COMMUNITY_BUILDING_ONLY, r->community,
			    (uint64_t)r->house.building);
	}
	for (i = 0; i < 2; i++) {
		if (!r->community || !r->cat[i])
			continue;
		k[n++] = key3(K_COMMUNITY_CATEGORY, r->community, r->cat[i]);
		if (!b)
			k[n++] = key3(K_COMMUNITY_CATEGORY_ONLY, r->community, r->cat[i]);
	}
	if (r->community && r->house.detail)
		k[n++] = key3(K_COMMUNITY_DETAIL, r->community, r->house.detail);
	return n;
}

/* The keys a record looks up. */
static int
record_keys(const mi_mrec *r, uint64_t *k)
{
	int n = 0, i, b = r->house.building >= 0;

	if (r->phone)
		k[n++] = mix(K_PHONE, r->phone);
	if (r->estate && b) {
		k[n++] = key3(K_ESTATE_BUILDING, r->estate, (uint64_t)r->house.building);
		k[n++] = key3(K_COMMUNITY_BUILDING_ONLY, r->community, (uint64_t)r->house.building);
	} else if (r->community && b)
		k[n++] = key3(K_COMMUNITY_BUILDING, r->community, (uint64_t)r->house.building);
	for (i = 0; i < 2; i++)
		if (r->community && r->cat[i])
			k[n++] = key3(b ? K_COMMUNITY_CATEGORY_ONLY : K_COMMUNITY_CATEGORY,
			    r->community, r->cat[i]);
	if (r->community && r->house.detail)
		k[n++] = key3(K_COMMUNITY_DETAIL, r->community, r->house.detail);
	return n;
}

static int
entrycmp(const void *a, const void *b)
{
	const struct ientry *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

void
mi_matcher_index(mi_matcher *m)
{
	uint64_t k[8];
	size_t i, cap;
	int n, j;

	cap = m->ncases * 5 + 16;
	m->index = mi_xrealloc(m->index, cap * sizeof(*m->index));
	m->nindex = 0;
	for (i = 0; i < m->ncases; i++) {
		n = case_keys(&m->cases[i], k);
		if (m->nindex + (size_t)n > cap) {
			cap = cap * 2 + (size_t)n;
			m->index = mi_xrealloc(m->index, cap * sizeof(*m->index));
		}
		for (j = 0; j < n; j++) {
			m->index[m->nindex].key = k[j];
			m->index[m->nindex].minute = (int32_t)(m->cases[i].received / 60);
			m->index[m->nindex].idx = (uint32_t)i;
			m->nindex++;
		}
	}
	qsort(m->index, m->nindex, sizeof(*m->index), entrycmp);
	free(m->stamp);
	m->stamp = mi_xcalloc(m->ncases + 1, sizeof(*m->stamp));
	m->search = 0;
}

/* ---- scoring ---- */

static int
same_block(const mi_mrec *a, const mi_mrec *b, int *estate_level)
{
	if (a->estate && b->estate) {
		*estate_level = a->estate == b->estate;
		return a->estate == b->estate;
	}
	*estate_level = -1;
	return a->community && a->community == b->community;
}

static int
place_level(const mi_mrec *h, const mi_mrec *k)
{
	const mi_house *a = &h->house, *b = &k->house;
	int est;

	if (!same_block(h, k, &est))
		return est == 0 ? MI_LV_ESTATE_DIFFERS : MI_LV_MISSING;
	if (a->building >= 0 && b->building >= 0) {
		if (a->building != b->building)
			return MI_LV_BUILDING_DIFFERS;
		if (a->room >= 0 && b->room >= 0)
			return a->room == b->room && (a->unit < 0 || b->unit < 0 ||
			    a->unit == b->unit) ? MI_LV_ROOM : MI_LV_ROOM_DIFFERS;
		return est == 1 ? MI_LV_BUILDING : MI_LV_COMM_BUILDING;
	}
	if (a->detail && b->detail)
		return a->detail == b->detail ? MI_LV_DETAIL : MI_LV_DETAIL_DIFFERS;
	return est == 1 ? MI_LV_ESTATE : MI_LV_SAME_COMMUNITY;
}

static double
bin_weight(const struct bin *b, int n, double v, int ascending, int *which)
{
	int i;

	for (i = 0; i < n; i++)
		if (ascending ? v <= b[i].edge : v >= b[i].edge) {
			*which = i;
			return b[i].weight;
		}
	*which = n - 1;
	return n ? b[n - 1].weight : 0;
}

/* Every feature but the text, whose similarity costs the most to compute. */
static double
score_cheap(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, mi_feature *x)
{
	double total = 0, days;
	int i, j, lv, agree = 0, both = 0;

	/* phone */
	lv = !h->phone || !k->phone ? MI_LV_MISSING : h->phone == k->phone ? MI_LV_AGREE :
	    MI_LV_DISAGREE;
	x[MI_FT_PHONE].level = lv;
	x[MI_FT_PHONE].value = 0;
	x[MI_FT_PHONE].weight = m->w.w[MI_FT_PHONE][lv];
	/* estate, building, room */
	lv = place_level(h, k);
	x[MI_FT_PLACE].level = lv;
	x[MI_FT_PLACE].value = 0;
	x[MI_FT_PLACE].weight = m->w.w[MI_FT_PLACE][lv];
	/* community */
	lv = !h->community || !k->community ? MI_LV_MISSING : h->community == k->community ?
	    MI_LV_AGREE : MI_LV_DISAGREE;
	x[MI_FT_COMMUNITY].level = lv;
	x[MI_FT_COMMUNITY].value = 0;
	x[MI_FT_COMMUNITY].weight = m->w.w[MI_FT_COMMUNITY][lv];
	/* category */
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
			if (h->cat[i] && k->cat[j]) {
				both = 1;
				agree |= h->cat[i] == k->cat[j];
			}
	lv = !both ? MI_LV_MISSING : agree ? MI_LV_AGREE : MI_LV_DISAGREE;
	x[MI_FT_CATEGORY].level = lv;
	x[MI_FT_CATEGORY].value = 0;
	x[MI_FT_CATEGORY].weight = m->w.w[MI_FT_CATEGORY][lv];
	/* time apart */
	days = fabs((double)(h->received - k->received)) / 86400.0;
	x[MI_FT_DAYS].level = MI_LV_BIN;
	x[MI_FT_DAYS].value = days;
	x[MI_FT_DAYS].weight = bin_weight(m->w.days, m->w.ndays, days, 1, &x[MI_FT_DAYS].bin);
	for (i = 0; i < MI_FT_TEXT; i++)
		total += x[i].weight;
	return total;
}

long mi_dbg_dice;
static double
score_text(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, mi_feature *x)
{
	mi_dbg_dice++;
	if (h->nsig && k->nsig) {
		x[MI_FT_TEXT].level = MI_LV_BIN;
		x[MI_FT_TEXT].value = mi_norm_dice(m->pool + h->sig, h->nsig, m->pool + k->sig,
		    k->nsig);
		x[MI_FT_TEXT].weight = bin_weight(m->w.text, m->w.ntext, x[MI_FT_TEXT].value, 0,
		    &x[MI_FT_TEXT].bin);
	} else {
		x[MI_FT_TEXT].level = MI_LV_MISSING;
		x[MI_FT_TEXT].value = 0;
		x[MI_FT_TEXT].weight = 0;
	}
	return x[MI_FT_TEXT].weight;
}

double
mi_matcher_score(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, mi_feature *f)
{
	mi_feature tmp[MI_FT_N], *x = f ? f : tmp;

	return score_cheap(m, h, k, x) + score_text(m, h, k, x);
}

/* The cases sharing a blocking key with h within the window, each once. */
size_t
mi_matcher_candidates(mi_matcher *m, const mi_mrec *h, uint32_t **out, size_t *cap)
{
	uint64_t k[8];
	int32_t lo = (int32_t)((h->received - m->window) / 60);
	int32_t hi = (int32_t)((h->received + m->window) / 60);
	size_t n = 0, a, b, mid;
	int nk, j;

	if (++m->search == 0) {
		memset(m->stamp, 0, (m->ncases + 1) * sizeof(*m->stamp));
		m->search = 1;
	}
	nk = record_keys(h, k);
	for (j = 0; j < nk; j++) {
		a = 0;
		b = m->nindex;
		while (a < b) {
			mid = (a + b) / 2;
			if (m->index[mid].key < k[j] || (m->index[mid].key == k[j] &&
			    m->index[mid].minute < lo))
				a = mid + 1;
			else
				b = mid;
		}
		for (; a < m->nindex && m->index[a].key == k[j] && m->index[a].minute <= hi; a++) {
			uint32_t i = m->index[a].idx;

			if (m->stamp[i] == m->search)
				continue;
			m->stamp[i] = m->search;
			/* a case made from this very record is not a repeat of it */
			if (m->cases[i].self && m->cases[i].self == h->self)
				continue;
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*out = mi_xrealloc(*out, *cap * sizeof(**out));
			}
			(*out)[n++] = i;
		}
	}
	return n;
}

const mi_mrec *
mi_matcher_case(const mi_matcher *m, uint32_t i)
{
	return &m->cases[i];
}

int
mi_matcher_best(mi_matcher *m, const mi_mrec *h, int64_t *case_id, double *score)
{
	mi_feature x[MI_FT_N];
	size_t n, i;
	double s, best = -HUGE_VAL;
	const mi_mrec *k, *bk = NULL;

	n = mi_matcher_candidates(m, h, &m->cand, &m->capcand);
	{ static long tot, cnt, dic; extern long mi_dbg_dice; tot += n; cnt++; if (cnt % 50000 == 0) fprintf(stderr, "DBG %ld recs, %.1f cand/rec, %.1f dice/rec\n", cnt, (double)tot/cnt, (double)mi_dbg_dice/cnt); (void)dic; }
	for (i = 0; i < n; i++) {
		k = &m->cases[m->cand[i]];
		s = score_cheap(m, h, k, x);
		/* The text can add at most its best weight: when even that leaves
		 * the pair below the threshold and the best so far, it cannot
		 * matter, and its text is not compared. */
		if (s + m->text_max < m->threshold && (bk == NULL || s + m->text_max < best))
			continue;
		s += score_text(m, h, k, x);
		if (s > best || (s == best && bk && llabs(k->received - h->received) <
		    llabs(bk->received - h->received))) {
			best = s;
			bk = k;
		}
	}
	*case_id = bk ? bk->id : 0;
	*score = bk ? best : 0;
	return bk != NULL && best >= m->threshold;
}
