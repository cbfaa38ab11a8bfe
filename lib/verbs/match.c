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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/reconcile.h"

#define MAX_SIG 512            /* bigrams kept per text */
#define MAX_WORDS 1024         /* words of the routing rules used for categories */
#define MAX_WRULES 256         /* and their rules */
#define MAX_CATS 255
/* Blocking keys a record looks up: room for one a category (a record with
 * only its community looks up all of them) and the few others, so no
 * county's list of categories is too long to be searched whole. */
#define MAX_KEYS (MAX_CATS + 8)

/* ---- the config's weights ---- */

static const char *const feat_name[MI_FT_N] = {
	"phone", "name", "place", "community", "category", "days", "text"
};
static const char *const level_name[MI_LV_N] = {
	"missing", "agree", "disagree", "surname",
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

/* Each feature's levels, in the order the comparison codes number them
 * (mi_matcher_code); days and text number their bins instead. */
static const int feat_levels[MI_FT_N][11] = {
	[MI_FT_PHONE] = { MI_LV_AGREE, MI_LV_DISAGREE, -1 },
	[MI_FT_NAME] = { MI_LV_AGREE, MI_LV_SURNAME, MI_LV_DISAGREE, -1 },
	[MI_FT_PLACE] = { MI_LV_ROOM, MI_LV_BUILDING, MI_LV_COMM_BUILDING, MI_LV_ESTATE,
		MI_LV_DETAIL, MI_LV_ROOM_DIFFERS, MI_LV_BUILDING_DIFFERS, MI_LV_ESTATE_DIFFERS,
		MI_LV_DETAIL_DIFFERS, MI_LV_SAME_COMMUNITY, -1 },
	[MI_FT_COMMUNITY] = { MI_LV_AGREE, MI_LV_DISAGREE, -1 },
	[MI_FT_CATEGORY] = { MI_LV_AGREE, MI_LV_DISAGREE, -1 },
	[MI_FT_DAYS] = { -1 },
	[MI_FT_TEXT] = { -1 },
};

static double
json_num(const cJSON *o, const char *a, const char *b)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, a), b);

	return cJSON_IsNumber(x) ? x->valuedouble : 0;
}

/* The weights from an object shaped as the config's reconcile.weights. */
static void
load_weights(const cJSON *o, struct weights *w)
{
	int f, i;

	memset(w, 0, sizeof(*w));
	for (f = 0; f < MI_FT_N; f++)
		for (i = 0; feat_levels[f][i] >= 0; i++)
			w->w[f][feat_levels[f][i]] = json_num(o, feat_name[f],
			    level_name[feat_levels[f][i]]);
	w->ndays = load_bins(cJSON_GetObjectItemCaseSensitive(o, "days"), "within", w->days, 16);
	w->ntext = load_bins(cJSON_GetObjectItemCaseSensitive(o, "text"), "from", w->text, 16);
}

/* ---- categories ---- */

/* A routing rule that names a category by the words of a text. */
struct wrule {
	int cat;
	int nany, nall;
};

struct wkey {
	int rule, kind;        /* kind: 0 any, 1 all, 2 none */
	const char *word;
};

struct cats {
	const char *name[MAX_CATS + 1];
	int n;
	const cJSON *typemap;  /* reconcile.categories */
	struct wrule *rules;
	int nrules;
	struct wkey *keys;
	int nkeys;
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
		if (!cJSON_IsString(x) || !*x->valuestring || k->nkeys == MAX_WORDS)
			continue;
		k->keys = mi_xrealloc(k->keys, (size_t)(k->nkeys + 1) * sizeof(*k->keys));
		k->keys[k->nkeys].rule = rule;
		k->keys[k->nkeys].kind = kind;
		k->keys[k->nkeys].word = x->valuestring;
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
	k->rules = mi_xcalloc((size_t)cJSON_GetArraySize(rules) + 1, sizeof(*k->rules));
	cJSON_ArrayForEach(r, rules) {
		const char *set = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r,
		    "set_category"));

		if (set == NULL || !*set || nonempty_list(r, "category") || nonempty_list(r,
		    "street") || nonempty_list(r, "community") || nonempty_list(r, "channel"))
			continue;
		if ((!nonempty_list(r, "any") && !nonempty_list(r, "all")) ||
		    k->nrules == MAX_WRULES)
			continue;
		i = k->nrules++;
		k->rules[i].cat = cat_index(k, set, 0);
		add_words(k, cJSON_GetObjectItemCaseSensitive(r, "any"), i, 0);
		add_words(k, cJSON_GetObjectItemCaseSensitive(r, "all"), i, 1);
		add_words(k, cJSON_GetObjectItemCaseSensitive(r, "none"), i, 2);
	}
	k->names = mi_ac_new();
	for (i = 1; i <= k->n; i++)
		mi_ac_add(k->names, k->name[i], strlen(k->name[i]), i);
	mi_ac_build(k->names);
}

static void
cats_release(struct cats *k)
{
	mi_ac_free(k->names);
	free(k->rules);
	free(k->keys);
}

/* The words of one text, as the word rules count them. */
struct wscan {
	const struct cats *k;
	unsigned char seen[MAX_WORDS];
	short any[MAX_WRULES], all[MAX_WRULES], none[MAX_WRULES];
};

static void
wscan_init(struct wscan *s, const struct cats *k)
{
	s->k = k;
	memset(s->seen, 0, (size_t)k->nkeys);
	memset(s->any, 0, sizeof(s->any[0]) * (size_t)k->nrules);
	memset(s->all, 0, sizeof(s->all[0]) * (size_t)k->nrules);
	memset(s->none, 0, sizeof(s->none[0]) * (size_t)k->nrules);
}

static void
on_word(void *arg, int i)
{
	struct wscan *s = arg;
	const struct wkey *w = &s->k->keys[i];

	if (s->seen[i])
		return;
	s->seen[i] = 1;
	if (w->kind == 0)
		s->any[w->rule]++;
	else if (w->kind == 1)
		s->all[w->rule]++;
	else
		s->none[w->rule]++;
}

/* The category the first word rule that fits sets; 0 when none. */
static int
cat_by_words(const struct wscan *s)
{
	const struct cats *k = s->k;
	int i;

	for (i = 0; i < k->nrules; i++)
		if ((k->rules[i].nany == 0 || s->any[i]) && s->all[i] >= k->rules[i].nall &&
		    !s->none[i])
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

/* A candidate's score without the text. */
struct ranked {
	double s;
};

/* What each thread of a run needs of its own. */
struct worker {
	mi_buf clean, scratch;
	uint16_t *pool;        /* the signatures it made */
	size_t npool, cappool;
	uint32_t *stamp;       /* per case: the last search that saw it */
	uint32_t search;
	uint32_t *cand;        /* the candidates of the last search */
	size_t capcand;
	struct ranked *rank;   /* and their scores without the text */
	size_t caprank;
	uint64_t bits[1 << 10];   /* the record's bigrams, one bit each */
};

#define NWORKERS 2

struct mi_matcher {
	mi_ctx *c;
	const mi_gazetteer *g;
	mi_norm *norm;
	struct weights w;
	int wsource;           /* MI_WEIGHTS_* */
	int64_t model;         /* the estimated weights' model, when used */
	int64_t trained;
	struct cats cats;
	double threshold;
	double text_max;       /* the most the text can add */
	int64_t window;        /* seconds either side */
	mi_mrec *cases;
	size_t ncases, capcases;
	struct ientry *index;
	size_t nindex;
	uint32_t *bucket;      /* index entries before each value of a key's top bits */
	int shift;             /* 64 minus the bits of a bucket number */
	/* Worker 0 is the calling thread's; its pool holds every signature
	 * once a run's records have joined it. */
	struct worker wk[NWORKERS];
	/* The records' best cases, found in a second thread (mi_matcher_best_*). */
	mi_mjob **jobs;
	size_t njobs, done;
	int threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more;
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

/* The most the text can add: the best bin's weight, or 0. */
static void
set_text_max(mi_matcher *m)
{
	int i;

	m->text_max = 0;
	for (i = 0; i < m->w.ntext; i++)
		if (m->w.text[i].weight > m->text_max)
			m->text_max = m->w.text[i].weight;
}

/* Whether the config's weights and threshold are the built-in ones. */
static int
hand_source(const mi_config *cfg)
{
	cJSON *def = cJSON_Parse((const char *)mi_embed_defaults_json);
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(def, "reconcile");
	int same = cJSON_Compare(cJSON_GetObjectItemCaseSensitive(r, "weights"),
	    mi_config_get(cfg, "reconcile.weights"), 1) &&
	    cJSON_Compare(cJSON_GetObjectItemCaseSensitive(r, "threshold"),
	    mi_config_get(cfg, "reconcile.threshold"), 1);

	cJSON_Delete(def);
	return same ? MI_WEIGHTS_BUILTIN : MI_WEIGHTS_CONFIG;
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
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->more, NULL);
	load_weights(mi_config_get(c->cfg, "reconcile.weights"), &m->w);
	m->wsource = hand_source(c->cfg);
	cats_init(&m->cats, c->cfg);
	m->threshold = mi_config_num(c->cfg, "reconcile.threshold", 9);
	m->window = 86400LL * mi_config_int(c->cfg, "reconcile.window_days", 14);
	set_text_max(m);
	cJSON_ArrayForEach(x, mi_config_get(c->cfg, "reconcile.filler")) {
		if (!cJSON_IsString(x) || !*x->valuestring)
			continue;
		filler = mi_xrealloc(filler, (nfiller + 1) * sizeof(*filler));
		filler[nfiller++] = mi_xstrdup(x->valuestring);
	}
	rc = load_places(c, &places, &nplaces, &names, e);
	if (rc == 0)
		rc = load_region(c, &region, &nregion, e);
	if (rc == 0) {
		const char **words = mi_xcalloc((size_t)m->cats.nkeys + 1, sizeof(*words));

		for (i = 0; i < m->cats.nkeys; i++)
			words[i] = m->cats.keys[i].word;
		m->norm = mi_norm_new(places, nplaces, (const char *const *)filler, nfiller,
		    (const char *const *)region, nregion, words, (size_t)m->cats.nkeys);
		free(words);
	}
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

static void
worker_release(struct worker *w)
{
	mi_buf_release(&w->clean);
	mi_buf_release(&w->scratch);
	free(w->pool);
	free(w->stamp);
	free(w->cand);
	free(w->rank);
	memset(w, 0, sizeof(*w));
}

void
mi_matcher_free(mi_matcher *m)
{
	int i;

	if (m == NULL)
		return;
	mi_matcher_best_end(m);
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->more);
	mi_norm_free(m->norm);
	cats_release(&m->cats);
	free(m->cases);
	free(m->index);
	free(m->bucket);
	for (i = 0; i < NWORKERS; i++)
		worker_release(&m->wk[i]);
	free(m);
}

double
mi_matcher_threshold(const mi_matcher *m)
{
	return m->threshold;
}

int
mi_matcher_weights(const mi_matcher *m, int64_t *model, int64_t *trained)
{
	if (model)
		*model = m->model;
	if (trained)
		*trained = m->trained;
	return m->wsource;
}

const char *
mi_weights_name(int source)
{
	return source == MI_WEIGHTS_ESTIMATED ? "estimated" : source == MI_WEIGHTS_CONFIG ?
	    "config" : "built-in";
}

void
mi_matcher_set_weights(mi_matcher *m, const cJSON *weights, double threshold, int source)
{
	load_weights(weights, &m->w);
	m->threshold = threshold;
	m->wsource = source;
	if (source != MI_WEIGHTS_ESTIMATED)
		m->model = m->trained = 0;
	set_text_max(m);
}

int
mi_matcher_use_model(mi_matcher *m, mi_err *e)
{
	static const char sql[] = "SELECT id, trained, data FROM models WHERE name = 'reconcile' "
	    "ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = mi_stmt(m->c, sql, e);
	cJSON *d;
	const cJSON *w, *t;
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return mi_db_fail(m->c->db, sql, e);
	d = cJSON_ParseWithLength((const char *)sqlite3_column_blob(st, 2),
	    (size_t)sqlite3_column_bytes(st, 2));
	w = cJSON_GetObjectItemCaseSensitive(d, "weights");
	t = cJSON_GetObjectItemCaseSensitive(d, "threshold");
	if (!cJSON_IsObject(w) || !cJSON_IsNumber(t)) {
		cJSON_Delete(d);
		sqlite3_reset(st);
		return mi_err_set(e, MI_EX_DATAERR, "the stored reconcile model %lld cannot be read "
		    "(reconcile --train again)", (long long)sqlite3_column_int64(st, 0));
	}
	mi_matcher_set_weights(m, w, t->valuedouble, MI_WEIGHTS_ESTIMATED);
	m->model = sqlite3_column_int64(st, 0);
	m->trained = sqlite3_column_int64(st, 1);
	cJSON_Delete(d);
	sqlite3_reset(st);
	return 1;
}

int
mi_matcher_nlevels(const mi_matcher *m, int f)
{
	int n = 0;

	if (f == MI_FT_DAYS)
		return m->w.ndays;
	if (f == MI_FT_TEXT)
		return m->w.ntext;
	while (feat_levels[f][n] >= 0)
		n++;
	return n;
}

double
mi_matcher_level_weight(const mi_matcher *m, int f, int code, char *name, size_t nname)
{
	if (f == MI_FT_DAYS) {
		snprintf(name, nname, "days.within %g", m->w.days[code].edge);
		return m->w.days[code].weight;
	}
	if (f == MI_FT_TEXT) {
		snprintf(name, nname, "text.from %g", m->w.text[code].edge);
		return m->w.text[code].weight;
	}
	snprintf(name, nname, "%s.%s", feat_name[f], level_name[feat_levels[f][code]]);
	return m->w.w[f][feat_levels[f][code]];
}

cJSON *
mi_matcher_weights_json(const mi_matcher *m, const double *w)
{
	cJSON *o = cJSON_CreateObject(), *x, *b;
	const double *at = w;
	int f, i;

	for (f = 0; f < MI_FT_N; f++) {
		if (f == MI_FT_DAYS || f == MI_FT_TEXT) {
			const struct bin *bins = f == MI_FT_DAYS ? m->w.days : m->w.text;

			x = cJSON_AddArrayToObject(o, feat_name[f]);
			for (i = 0; i < mi_matcher_nlevels(m, f); i++) {
				b = cJSON_CreateObject();
				cJSON_AddNumberToObject(b, f == MI_FT_DAYS ? "within" : "from",
				    bins[i].edge);
				cJSON_AddNumberToObject(b, "weight", *at++);
				cJSON_AddItemToArray(x, b);
			}
			continue;
		}
		x = cJSON_AddObjectToObject(o, feat_name[f]);
		for (i = 0; feat_levels[f][i] >= 0; i++)
			cJSON_AddNumberToObject(x, level_name[feat_levels[f][i]], *at++);
	}
	return o;
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

static uint64_t
mix(uint64_t a, uint64_t b)
{
	uint64_t z = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint32_t
mi_match_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	h ^= h >> 32;
	return (uint32_t)h ? (uint32_t)h : 1;
}

/* The text's signature, into the worker's pool; returns the category its
 * words give (the routing rules' words are found in the same pass). */
static int
add_sig(const mi_matcher *m, struct worker *w, mi_mrec *r, const char *text)
{
	struct wscan ws;
	size_t n;

	if (w->npool + MAX_SIG > w->cappool) {
		w->cappool = w->cappool ? w->cappool * 2 : 1 << 16;
		while (w->npool + MAX_SIG > w->cappool)
			w->cappool *= 2;
		w->pool = mi_xrealloc(w->pool, w->cappool * sizeof(*w->pool));
	}
	wscan_init(&ws, &m->cats);
	n = text ? mi_norm_sig(m->norm, text, w->pool + w->npool, MAX_SIG, &w->scratch,
	    on_word, &ws) : 0;
	r->sig = (uint32_t)w->npool;
	r->nsig = (uint16_t)n;
	w->npool += n;
	return text ? cat_by_words(&ws) : 0;
}

/* Copies at most n - 1 bytes of s, never cutting a character in two. */
static void
copy_utf8(char *out, size_t n, const char *s)
{
	size_t k = strlen(s);

	if (k >= n) {
		k = n - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
	}
	memcpy(out, s, k);
	out[k] = '\0';
}

/* What else of street, community and estate a text names. */
static void
scan_into(const mi_gazetteer *g, const char *text, mi_mrec *r)
{
	int64_t s = r->street, c = r->community, e = r->estate;

	mi_gaz_scan(g, text, &s, &c, &e);
	r->street = (int32_t)s;
	r->community = (int32_t)c;
	r->estate = (int32_t)e;
}

struct within {
	const mi_gazetteer *g;
	int64_t street;
};

static int
community_within(void *arg, int64_t id)
{
	const struct within *w = arg;

	return mi_gaz_kind(w->g, id) == MI_U_COMMUNITY &&
	    (w->street == 0 || mi_gaz_parent(w->g, id) == w->street);
}

/* A community the address names by a shorter name than the gazetteer
 * scans for (龙西村 for 龙西村村民委员会), when it names exactly one. */
static void
find_community(const mi_matcher *m, const char *clean, mi_mrec *r)
{
	struct within w = { m->g, r->street };
	int64_t id = mi_norm_find(m->norm, clean, community_within, &w);

	if (id <= 0)
		return;
	r->community = id;
	r->street = mi_gaz_parent(m->g, id);
	scan_into(m->g, clean, r);
}

static int
prepare_hotline(const mi_matcher *m, struct worker *w, mi_mrec *r, const mi_hotline_fields *f,
    char *note, size_t nnote)
{
	char what[32], street[40];
	int64_t place, s = 0, cm = 0, es = 0;
	int c2, ours = 1;
	mi_loc l;

	memset(r, 0, sizeof(*r));
	r->id = f->id;
	r->received = f->received;
	r->phone = mi_match_hash(f->phone);
	r->self = mi_match_hash(f->ticket);
	note[0] = '\0';
	mi_norm_clean(f->address ? f->address : "", &w->clean);
	if (f->address && mi_norm_foreign(m->norm, w->clean.s, what, sizeof(what))) {
		snprintf(note, nnote, "address in %s", what);
		ours = 0;
	} else if (f->street && mi_gaz_find(m->g, MI_U_STREET, f->street, 0) <= 0 &&
	    (mi_gaz_scan(m->g, w->clean.s, &s, &cm, &es), s == 0)) {
		/* A street we do not know, and an address that names none of ours:
		 * the record is from elsewhere, whatever estate name it shares. */
		copy_utf8(street, sizeof(street), f->street);
		snprintf(note, nnote, "street '%s' not ours", street);
		ours = 0;
	} else {
		mi_locate(m->g, f->street, f->community, NULL, w->clean.s, &l);
		r->street = l.street;
		r->community = l.community;
		r->estate = l.estate;
		if (!r->community)
			find_community(m, w->clean.s, r);
		/* The operator may name the estate only in the text. */
		if (r->community && !r->estate && f->text)
			scan_into(m->g, f->text, r);
		if (!r->street) {
			snprintf(note, nnote, "%s", f->address || f->street || f->community ?
			    "no place of ours found" : "no location given");
			ours = 0;
		}
	}
	place = r->estate ? r->estate : r->community;
	mi_norm_house(m->norm, w->clean.s, place, &r->house);
	mi_norm_name(f->reporter, &r->name);
	r->cat[0] = (uint8_t)cat_of_type(&m->cats, f->category);
	c2 = add_sig(m, w, r, f->text);
	if (c2 != r->cat[0])
		r->cat[r->cat[0] ? 1 : 0] = (uint8_t)c2;
	return ours;
}

int
mi_matcher_prepare_hotline(mi_matcher *m, mi_mrec *r, const mi_hotline_fields *f, char *note,
    size_t nnote)
{
	return prepare_hotline(m, &m->wk[0], r, f, note, nnote);
}

static void
prepare_case(const mi_matcher *m, struct worker *w, mi_mrec *r, sqlite3_stmt *st)
{
	const char *category = (const char *)sqlite3_column_text(st, 6);
	const char *address = (const char *)sqlite3_column_text(st, 7);
	const char *text = (const char *)sqlite3_column_text(st, 8);
	int64_t place;
	int c2;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->received = sqlite3_column_int64(st, 1);
	r->phone = mi_match_hash((const char *)sqlite3_column_text(st, 2));
	r->street = (int32_t)sqlite3_column_int64(st, 3);
	r->community = (int32_t)sqlite3_column_int64(st, 4);
	r->estate = (int32_t)sqlite3_column_int64(st, 5);
	if (sqlite3_column_type(st, 9) != SQLITE_NULL)
		r->self = mi_match_hash((const char *)sqlite3_column_text(st, 9));
	place = r->estate ? r->estate : r->community;
	mi_norm_clean(address ? address : "", &w->clean);
	mi_norm_house(m->norm, w->clean.s, place, &r->house);
	mi_norm_name((const char *)sqlite3_column_text(st, 10), &r->name);
	/* The collector's category, and the one its words give: a record
	 * agrees with either. */
	r->cat[0] = (uint8_t)cat_index((struct cats *)&m->cats, category, 0);
	c2 = add_sig(m, w, r, text);
	if (c2 != r->cat[0])
		r->cat[r->cat[0] ? 1 : 0] = (uint8_t)c2;
}

/*
 * The cases are loaded in chunks of ids, which either thread may take: the
 * calling thread through the run's connection, a second one through a
 * connection of its own, which reads the same committed state (the run has
 * written nothing yet). Chunks are joined in id order, so that the result
 * does not depend on which thread was faster.
 */
#define CHUNK_IDS 32768

static const char sql_cases[] =
    "SELECT id, received, phone, coalesce(street_id, 0), coalesce(community_id, 0), "
    "coalesce(estate_id, 0), category, address, text, "
    "CASE WHEN channel = 'hotline' THEN ref END, reporter "
    "FROM cases WHERE id BETWEEN ?1 AND ?2 AND received BETWEEN ?3 AND ?4 "
    "AND status <> 'void'";

struct chunk {
	int64_t lo, hi;        /* ids */
	mi_mrec *v;
	size_t n, cap;
	int state;             /* 0 to take, 1 taken, 2 loaded */
	int by;                /* the worker that loaded it */
};

struct loader {
	mi_matcher *m;
	const char *path;      /* the database file, for the second connection */
	int64_t from, to;      /* received */
	struct chunk *k;
	size_t nk;
	pthread_mutex_t lock;
	void (*progress)(void *arg, const char *what, long n);
	void *arg;
	long loaded;
};

static struct chunk *
take_chunk(struct loader *l)
{
	struct chunk *k = NULL;
	size_t i;

	pthread_mutex_lock(&l->lock);
	for (i = 0; i < l->nk && k == NULL; i++)
		if (l->k[i].state == 0) {
			k = &l->k[i];
			k->state = 1;
		}
	pthread_mutex_unlock(&l->lock);
	return k;
}

static void
chunk_done(struct loader *l, struct chunk *k, int ok)
{
	pthread_mutex_lock(&l->lock);
	k->state = ok ? 2 : 0;
	if (ok)
		l->loaded += (long)k->n;
	pthread_mutex_unlock(&l->lock);
}

/* Loads one chunk with st (sql_cases); SQLITE_DONE, or the error. */
static int
load_chunk(struct loader *l, struct chunk *k, sqlite3_stmt *st, int wi)
{
	struct worker *w = &l->m->wk[wi];
	int rc;

	k->n = 0;
	k->by = wi;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, k->lo);
	sqlite3_bind_int64(st, 2, k->hi);
	sqlite3_bind_int64(st, 3, l->from);
	sqlite3_bind_int64(st, 4, l->to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k->n == k->cap) {
			k->cap = k->cap ? k->cap * 2 : 1024;
			k->v = mi_xrealloc(k->v, k->cap * sizeof(*k->v));
		}
		prepare_case(l->m, w, &k->v[k->n++], st);
	}
	sqlite3_reset(st);
	return rc;
}

/* The second thread's share: chunks through a connection of its own, as
 * long as there are any; a chunk it cannot load goes back to the first. */
static void
load_beside(struct loader *l)
{
	const char *path = l->path;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct chunk *k;

	if (path == NULL || *path == '\0' || sqlite3_open_v2(path, &db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_cases, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return;
	}
	sqlite3_busy_timeout(db, 10000);
	while ((k = take_chunk(l)) != NULL) {
		if (load_chunk(l, k, st, 1) != SQLITE_DONE) {
			chunk_done(l, k, 0);
			break;
		}
		chunk_done(l, k, 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The first thread's share: every chunk left, whoever's it was. */
static int
load_here(struct loader *l, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(l->m->c, sql_cases, e);
	struct chunk *k;
	long reported = 0;

	if (st == NULL)
		return -1;
	while ((k = take_chunk(l)) != NULL) {
		if (load_chunk(l, k, st, 0) != SQLITE_DONE) {
			chunk_done(l, k, 0);
			return mi_db_fail(l->m->c->db, sql_cases, e);
		}
		chunk_done(l, k, 1);
		if (l->progress && l->loaded / 100000 > reported) {
			reported = l->loaded / 100000;
			l->progress(l->arg, "cases loaded", l->loaded);
		}
	}
	return 0;
}

static int
loader_init(struct loader *l, mi_matcher *m, int64_t from, int64_t to, mi_err *e)
{
	static const char sql[] =
	    "SELECT min(id), max(id) FROM cases WHERE received BETWEEN ? AND ?";
	sqlite3_stmt *st;
	int64_t lo, hi, i;

	memset(l, 0, sizeof(*l));
	l->m = m;
	l->path = sqlite3_db_filename(m->c->db, "main");
	l->from = from;
	l->to = to;
	pthread_mutex_init(&l->lock, NULL);
	if ((st = mi_stmt(m->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	if (sqlite3_step(st) != SQLITE_ROW)
		return mi_db_fail(m->c->db, sql, e);
	if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		return 0;
	}
	lo = sqlite3_column_int64(st, 0);
	hi = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	l->nk = (size_t)((hi - lo) / CHUNK_IDS + 1);
	l->k = mi_xcalloc(l->nk, sizeof(*l->k));
	for (i = 0; i < (int64_t)l->nk; i++) {
		l->k[i].lo = lo + i * CHUNK_IDS;
		l->k[i].hi = i + 1 == (int64_t)l->nk ? hi : lo + (i + 1) * CHUNK_IDS - 1;
	}
	return 0;
}

/* The chunks become the matcher's cases, in id order, aligned for reading
 * at random; those the second thread loaded have their signatures moved to
 * where its pool joined the first's (base). */
static void
loader_finish(struct loader *l, size_t base)
{
	mi_matcher *m = l->m;
	size_t i, j, total = m->ncases;
	void *p;

	for (i = 0; i < l->nk; i++)
		total += l->k[i].n;
	if (total > m->capcases) {
		if (posix_memalign(&p, 64, total * sizeof(*m->cases)) != 0)
			p = mi_xmalloc(total * sizeof(*m->cases));   /* unaligned, if it must be */
		if (m->ncases)
			memcpy(p, m->cases, m->ncases * sizeof(*m->cases));
		free(m->cases);
		m->cases = p;
		m->capcases = total;
	}
	for (i = 0; i < l->nk; i++) {
		struct chunk *k = &l->k[i];

		if (k->by == 1)
			for (j = 0; j < k->n; j++)
				k->v[j].sig += (uint32_t)base;
		if (k->n)
			memcpy(m->cases + m->ncases, k->v, k->n * sizeof(*k->v));
		m->ncases += k->n;
		free(k->v);
	}
	free(l->k);
	pthread_mutex_destroy(&l->lock);
}

/* Worker 1's signatures join worker 0's pool; returns where they start. */
static size_t
join_pools(mi_matcher *m)
{
	struct worker *a = &m->wk[0], *b = &m->wk[1];
	size_t base = a->npool;

	if (b->npool == 0)
		return base;
	if (a->npool + b->npool > a->cappool) {
		a->cappool = a->npool + b->npool;
		a->pool = mi_xrealloc(a->pool, a->cappool * sizeof(*a->pool));
	}
	memcpy(a->pool + a->npool, b->pool, b->npool * sizeof(*b->pool));
	a->npool += b->npool;
	b->npool = 0;
	return base;
}

int
mi_matcher_load(mi_matcher *m, int64_t from, int64_t to,
    void (*progress)(void *arg, const char *what, long n), void *arg, mi_err *e)
{
	struct loader l;
	int rc;

	rc = loader_init(&l, m, from, to, e);
	l.progress = progress;
	l.arg = arg;
	if (rc == 0)
		rc = load_here(&l, e);
	loader_finish(&l, join_pools(m));
	return rc;
}

size_t
mi_matcher_ncases(const mi_matcher *m)
{
	return m->ncases;
}

const mi_mrec *
mi_matcher_case(const mi_matcher *m, uint32_t i)
{
	return &m->cases[i];
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
	K_COMMUNITY_DETAIL,        /* community and a village's house */
	K_COMMUNITY_UNSORTED       /* community, for cases with neither category nor building */
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
	if (r->community && !b && !r->cat[0])
		k[n++] = key3(K_COMMUNITY_UNSORTED, r->community, 0);
	return n;
}

/* The keys a record looks up (at most MAX_KEYS). */
static int
record_keys(const mi_matcher *m, const mi_mrec *r, uint64_t *k)
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
	/* Nothing to block on but the community: every category of it. */
	if (r->community && !b && !r->cat[0] && !r->house.detail)
		for (i = 1; i <= m->cats.n && n < MAX_KEYS - 2; i++)
			k[n++] = key3(K_COMMUNITY_CATEGORY, r->community, (uint64_t)i);
	if (r->community && r->house.detail)
		k[n++] = key3(K_COMMUNITY_DETAIL, r->community, r->house.detail);
	if (r->community && !b)
		k[n++] = key3(K_COMMUNITY_UNSORTED, r->community, 0);
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

/* Insertion sort for the small runs of one bucket; qsort for a long one
 * (a large community's category has thousands of cases). */
static void
sort_run(struct ientry *v, size_t n)
{
	size_t i, k;

	if (n > 32) {
		mi_sort(v, n, sizeof(*v), entrycmp);
		return;
	}
	for (i = 1; i < n; i++) {
		struct ientry x = v[i];

		for (k = i; k > 0 && entrycmp(&v[k - 1], &x) > 0; k--)
			v[k] = v[k - 1];
		v[k] = x;
	}
}

/*
 * The blocking index: every case under each of its keys, sorted by key and
 * time. The keys are hashes, spread evenly, so their top bits deal the
 * entries into buckets of a handful each (a counting sort, then a small
 * sort per bucket); a search looks in its key's bucket only.
 */
void
mi_matcher_index(mi_matcher *m)
{
	struct ientry *raw;
	uint64_t k[16];
	uint32_t *at;
	size_t i, cap, b, nb, n = 0;
	int nk, j, bits;

	cap = m->ncases * 4 + 16;
	raw = mi_xmalloc(cap * sizeof(*raw));
	for (i = 0; i < m->ncases; i++) {
		nk = case_keys(&m->cases[i], k);
		if (n + (size_t)nk > cap) {
			cap = cap * 2 + (size_t)nk;
			raw = mi_xrealloc(raw, cap * sizeof(*raw));
		}
		for (j = 0; j < nk; j++) {
			raw[n].key = k[j];
			raw[n].minute = (int32_t)(m->cases[i].received / 60);
			raw[n].idx = (uint32_t)i;
			n++;
		}
	}
	bits = 4;
	while (bits < 24 && ((size_t)1 << bits) < n / 4)
		bits++;
	m->shift = 64 - bits;
	nb = (size_t)1 << bits;
	free(m->bucket);
	m->bucket = mi_xcalloc(nb + 1, sizeof(*m->bucket));
	for (i = 0; i < n; i++)
		m->bucket[(raw[i].key >> m->shift) + 1]++;
	for (b = 0; b < nb; b++)
		m->bucket[b + 1] += m->bucket[b];
	at = mi_xmalloc(nb * sizeof(*at));
	memcpy(at, m->bucket, nb * sizeof(*at));
	free(m->index);
	m->index = mi_xmalloc((n ? n : 1) * sizeof(*m->index));
	m->nindex = n;
	for (i = 0; i < n; i++)
		m->index[at[raw[i].key >> m->shift]++] = raw[i];
	free(at);
	free(raw);
	for (b = 0; b < nb; b++)
		sort_run(m->index + m->bucket[b], m->bucket[b + 1] - m->bucket[b]);
	for (j = 0; j < NWORKERS; j++) {
		free(m->wk[j].stamp);
		m->wk[j].stamp = mi_xcalloc(m->ncases + 1, sizeof(*m->wk[j].stamp));
		m->wk[j].search = 0;
	}
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

static void
set_level(mi_feature *x, const mi_matcher *m, int f, int lv)
{
	x[f].level = lv;
	x[f].bin = 0;
	x[f].value = 0;
	x[f].weight = m->w.w[f][lv];
}

/* Every feature but the text, whose similarity costs the most. */
static double
score_cheap(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, mi_feature *x)
{
	double total = 0, days;
	int i, j, agree = 0, both = 0;

	set_level(x, m, MI_FT_PHONE, !h->phone || !k->phone ? MI_LV_MISSING :
	    h->phone == k->phone ? MI_LV_AGREE : MI_LV_DISAGREE);
	i = mi_norm_name_level(&h->name, &k->name);
	set_level(x, m, MI_FT_NAME, i == 2 ? MI_LV_AGREE : i == 1 ? MI_LV_SURNAME :
	    i < 0 ? MI_LV_DISAGREE : MI_LV_MISSING);
	set_level(x, m, MI_FT_PLACE, place_level(h, k));
	set_level(x, m, MI_FT_COMMUNITY, !h->community || !k->community ? MI_LV_MISSING :
	    h->community == k->community ? MI_LV_AGREE : MI_LV_DISAGREE);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
			if (h->cat[i] && k->cat[j]) {
				both = 1;
				agree |= h->cat[i] == k->cat[j];
			}
	set_level(x, m, MI_FT_CATEGORY, !both ? MI_LV_MISSING : agree ? MI_LV_AGREE :
	    MI_LV_DISAGREE);
	days = (double)(h->received > k->received ? h->received - k->received :
	    k->received - h->received) / 86400.0;
	x[MI_FT_DAYS].level = MI_LV_BIN;
	x[MI_FT_DAYS].value = days;
	x[MI_FT_DAYS].weight = bin_weight(m->w.days, m->w.ndays, days, 1, &x[MI_FT_DAYS].bin);
	for (i = 0; i < MI_FT_TEXT; i++)
		total += x[i].weight;
	return total;
}

static double
text_weight(const mi_matcher *m, double dice, mi_feature *x)
{
	x[MI_FT_TEXT].level = MI_LV_BIN;
	x[MI_FT_TEXT].value = dice;
	x[MI_FT_TEXT].weight = bin_weight(m->w.text, m->w.ntext, dice, 0, &x[MI_FT_TEXT].bin);
	return x[MI_FT_TEXT].weight;
}

static double
no_text(mi_feature *x)
{
	x[MI_FT_TEXT].level = MI_LV_MISSING;
	x[MI_FT_TEXT].bin = 0;
	x[MI_FT_TEXT].value = 0;
	x[MI_FT_TEXT].weight = 0;
	return 0;
}

double
mi_matcher_score(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, mi_feature *f)
{
	mi_feature tmp[MI_FT_N], *x = f ? f : tmp;
	const uint16_t *pool = m->wk[0].pool;
	double s = score_cheap(m, h, k, x);

	if (h->nsig == 0 || k->nsig == 0)
		return s + no_text(x);
	return s + text_weight(m, mi_norm_dice(pool + h->sig, h->nsig, pool + k->sig, k->nsig), x);
}

void
mi_matcher_code(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, uint8_t *code)
{
	mi_feature x[MI_FT_N];
	int f, i;

	mi_matcher_score(m, h, k, x);
	for (f = 0; f < MI_FT_N; f++) {
		code[f] = MI_EM_MISSING;
		if (x[f].level == MI_LV_BIN)
			code[f] = (uint8_t)x[f].bin;
		else
			for (i = 0; feat_levels[f][i] >= 0; i++)
				if (feat_levels[f][i] == x[f].level)
					code[f] = (uint8_t)i;
	}
}

static size_t
candidates(const mi_matcher *m, struct worker *w, const mi_mrec *h)
{
	uint64_t k[MAX_KEYS];
	int32_t lo = (int32_t)((h->received - m->window) / 60);
	int32_t hi = (int32_t)((h->received + m->window) / 60);
	size_t n = 0, a, b, mid;
	int nk, j;

	if (++w->search == 0) {
		memset(w->stamp, 0, (m->ncases + 1) * sizeof(*w->stamp));
		w->search = 1;
	}
	nk = record_keys(m, h, k);
	for (j = 0; j < nk; j++) {
		a = m->bucket[k[j] >> m->shift];
		b = m->bucket[(k[j] >> m->shift) + 1];
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

			/* the cases are read at random: ask for the next ones early */
			if (a + 8 < m->nindex)
				__builtin_prefetch(&m->cases[m->index[a + 8].idx]);

			if (w->stamp[i] == w->search)
				continue;
			w->stamp[i] = w->search;
			/* a case made from this very record is not a repeat of it */
			if (m->cases[i].self && m->cases[i].self == h->self)
				continue;
			if (n == w->capcand) {
				w->capcand = w->capcand ? w->capcand * 2 : 64;
				w->cand = mi_xrealloc(w->cand, w->capcand * sizeof(*w->cand));
			}
			w->cand[n++] = i;
		}
	}
	return n;
}

size_t
mi_matcher_candidates(mi_matcher *m, const mi_mrec *h, uint32_t **out, size_t *cap)
{
	struct worker *w = &m->wk[0];
	size_t n = candidates(m, w, h);

	if (n > *cap) {
		*cap = n;
		*out = mi_xrealloc(*out, n * sizeof(**out));
	}
	if (n)
		memcpy(*out, w->cand, n * sizeof(**out));
	return n;
}

/* The pair's score with the text, from its score without (s). */
static double
with_text(const mi_matcher *m, const struct worker *w, const mi_mrec *h, const mi_mrec *k,
    double s, mi_feature *x)
{
	const uint16_t *ks;
	size_t c = 0;
	int t;

	if (h->nsig == 0 || k->nsig == 0)
		return s + no_text(x);
	ks = m->wk[0].pool + k->sig;
	for (t = 0; t < k->nsig; t++)
		c += (w->bits[ks[t] >> 6] >> (ks[t] & 63)) & 1;
	return s + text_weight(m, 2.0 * (double)c / (double)(h->nsig + k->nsig), x);
}

/*
 * The best case for h. The text costs the most to compare, so every
 * candidate is scored without it first; the one that scores best so is
 * compared in full first, and the others' texts only when they could still
 * lift the pair to the threshold and past the best so far: once the
 * record's repeat is found, the rest are rarely read. The record's bigrams
 * are set as bits, so a candidate's text costs one look-up per bigram.
 */
static void
best(const mi_matcher *m, struct worker *w, mi_mjob *j)
{
	const uint16_t *hs = m->wk[0].pool + j->m.sig;
	const mi_mrec *h = &j->m, *k, *bk = NULL;
	mi_feature x[MI_FT_N];
	double s, top = 0;
	size_t n, i, first = 0;

	n = candidates(m, w, h);
	if (n > w->caprank) {
		w->caprank = n + 64;
		w->rank = mi_xrealloc(w->rank, w->caprank * sizeof(*w->rank));
	}
	for (i = 0; i < n; i++) {
		w->rank[i].s = score_cheap(m, h, &m->cases[w->cand[i]], x);
		if (w->rank[i].s > w->rank[first].s)
			first = i;
	}
	for (i = 0; i < h->nsig; i++)
		w->bits[hs[i] >> 6] |= 1ULL << (hs[i] & 63);
	for (i = 0; i < n; i++) {
		size_t at = i == 0 ? first : i == first ? 0 : i;

		s = w->rank[at].s;
		if (s + m->text_max < m->threshold && (bk == NULL || s + m->text_max < top))
			continue;
		k = &m->cases[w->cand[at]];
		s = with_text(m, w, h, k, s, x);
		if (bk == NULL || s > top || (s == top && llabs(k->received - h->received) <
		    llabs(bk->received - h->received))) {
			top = s;
			bk = k;
		}
	}
	for (i = 0; i < h->nsig; i++)
		w->bits[hs[i] >> 6] = 0;
	j->case_id = bk ? bk->id : 0;
	j->score = top;
	j->has_score = bk != NULL;
	j->matched = bk != NULL && top >= m->threshold;
}

/* ---- a run: many records, two threads ---- */

struct range {
	mi_matcher *m;
	struct worker *w;
	mi_mjob **jobs;
	size_t from, to;
	struct loader *l;      /* the cases to load once the records are ready */
};

/* The second thread: normalises the records, then helps load the cases. */
static void *
prepare_then_load(void *arg)
{
	struct range *r = arg;
	size_t i;

	for (i = r->from; i < r->to; i++)
		r->jobs[i]->ours = prepare_hotline(r->m, r->w, &r->jobs[i]->m, &r->jobs[i]->f,
		    r->jobs[i]->note, sizeof(r->jobs[i]->note));
	if (r->l)
		load_beside(r->l);
	return NULL;
}

int
mi_matcher_run(mi_matcher *m, mi_mjob **jobs, size_t n,
    void (*progress)(void *arg, const char *what, long n), void *arg, mi_err *e)
{
	struct range r1;
	struct loader l;
	pthread_t t;
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	size_t i, base;
	int threaded, rc;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (jobs[i]->f.received < lo)
			lo = jobs[i]->f.received;
		if (jobs[i]->f.received > hi)
			hi = jobs[i]->f.received;
	}
	rc = loader_init(&l, m, lo - m->window, hi + m->window, e);
	l.progress = progress;
	l.arg = arg;
	/* The records are normalised beside the loading of the cases; the
	 * thread that did it then takes chunks of cases too. Without a second
	 * thread, this one does it all. */
	r1 = (struct range){ m, &m->wk[1], jobs, 0, n, rc == 0 ? &l : NULL };
	threaded = pthread_create(&t, NULL, prepare_then_load, &r1) == 0;
	if (!threaded)
		prepare_then_load(&(struct range){ m, &m->wk[1], jobs, 0, n, NULL });
	if (rc == 0)
		rc = load_here(&l, e);
	if (threaded)
		pthread_join(t, NULL);
	/* A chunk the second thread gave back is loaded here. */
	if (rc == 0)
		rc = load_here(&l, e);
	base = join_pools(m);
	for (i = 0; i < n; i++)
		jobs[i]->m.sig += (uint32_t)base;
	loader_finish(&l, base);
	if (rc < 0)
		return -1;
	mi_matcher_index(m);
	return 0;
}

/* The second thread's loop: each record's best case, in order, telling the
 * first thread how far it got every so often. */
static void *
find_best(void *arg)
{
	mi_matcher *m = arg;
	size_t i;

	for (i = 0; i < m->njobs; i++) {
		best(m, &m->wk[1], m->jobs[i]);
		if (i % 256 == 255 || i + 1 == m->njobs) {
			pthread_mutex_lock(&m->lock);
			m->done = i + 1;
			pthread_cond_signal(&m->more);
			pthread_mutex_unlock(&m->lock);
		}
	}
	return NULL;
}

void
mi_matcher_best_start(mi_matcher *m, mi_mjob **jobs, size_t n)
{
	size_t i;

	m->jobs = jobs;
	m->njobs = n;
	m->done = 0;
	m->threaded = n > 0 && pthread_create(&m->thread, NULL, find_best, m) == 0;
	if (!m->threaded) {
		for (i = 0; i < n; i++)
			best(m, &m->wk[1], jobs[i]);
		m->done = n;
	}
}

void
mi_matcher_best_wait(mi_matcher *m, size_t i)
{
	if (!m->threaded)
		return;
	pthread_mutex_lock(&m->lock);
	while (m->done <= i)
		pthread_cond_wait(&m->more, &m->lock);
	pthread_mutex_unlock(&m->lock);
}

void
mi_matcher_best_end(mi_matcher *m)
{
	if (m->threaded)
		pthread_join(m->thread, NULL);
	m->threaded = 0;
}
