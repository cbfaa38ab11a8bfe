/* route.c - tier, responsible (first-handler) unit and deadline for each demand;
 * the model it may ask is trained and stored by model.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "verbs/verbs.h"
#include "verbs/classify.h"

enum { KW_ANY, KW_ALL, KW_NONE };

struct rule {
	const char *name;
	const cJSON *category, *street, *community, *channel;   /* lists; empty: any */
	int nall;                  /* keywords that must all appear */
	int has_any;
	int tier;                  /* -1: from the tier of the unit named */
	int64_t unit;              /* a unit named by the rule, or 0 */
	const char *unit_name;     /* what the rule said, for messages */
	const char *set_category;
	int days;
	int floor;                 /* tier_floor: the lowest tier for its cases, or -1 */
	char bad[160];             /* why the rule cannot be used, or "" */
};

struct keyword {
	int rule, kind;
	const char *word;
};

/* What routing.labels makes of one of the model's labels. */
enum { LABEL_AS_IS, LABEL_CATEGORY, LABEL_UNIT };
struct label {
	int how;                   /* LABEL_*: not mapped, mapped to a category, to a unit */
	const char *category;      /* the category the label stands for */
	struct rule place;         /* LABEL_UNIT: the unit and tier (a rule with no conditions) */
};

/* What one text's scan found, per rule. */
struct hits {
	unsigned char *any, *none;
	int *all;
	unsigned char *seen;       /* per keyword, so a repeated word counts once */
	int *touched;              /* keywords seen, to reset cheaply */
	int ntouched;
};

/* Cases whose updates are written by one statement in route --pending. */
#define CHUNK 128
/* Cases a transaction routes at most, in --pending and in a long stream. */
#define BATCH 4096
/* How long a batch of the case stream waits for more cases after its first
 * before it is committed and printed. */
#define STREAM_WAIT_MS 1000
#define STR_(x) #x
#define STR(x) STR_(x)

/* A decision waiting to be written with the others of its chunk. */
struct queued {
	int64_t unit, contact, due;
	int64_t sign_due;          /* when the unit must have signed; 0: no signing (triage) */
	const char *tier, *category;
	const char *rule;          /* the rule that placed it, or NULL */
	int first;                 /* 1 when the unit may become the first handler */
	mi_buf details;            /* its event's, kept until the chunk is written */
};

/* A case routed, kept until its transaction commits: nothing printed may
 * name a change that was not kept. */
struct done {
	mi_route_result res;
	char *copy;                /* category, rule and contact, back to back */
};

struct router {
	mi_ctx *c;
	mi_gazetteer *g;
	struct rule *rules;
	int nrules;
	struct keyword *kw;
	int nkw;
	mi_ac *ac;
	struct hits h;
	int64_t centre;
	mi_model *model;
	struct label *labels;      /* one for each of the model's labels */
	double min_conf;
	int days[MI_TIER_N];
	int sign_days;             /* route.sign_days */
	int64_t sign_due;          /* now plus sign_days, counted once a run */
	mi_cadres cadres;          /* estate -> covering cadre */
	mi_buf details;            /* an event's details, reused */
	int64_t due[64];           /* the deadline n working days from now, once counted */
	struct named {
		int64_t id;
		char *name;
	} names[512];              /* contacts' names, by id */
	struct queued *queue;      /* when set, updates wait for their chunk (--pending) */
	mi_case_event *ev;         /* the queued cases' events, in the same order */
	int nq;
	struct done *done;         /* cases routed, handed out once committed */
	size_t ndone, capdone;
};

static int
tier_of_kind(int kind)
{
	switch (kind) {
	case MI_U_COMMUNITY:
	case MI_U_ESTATE:
		return MI_TIER_COMMUNITY;
	case MI_U_STREET:
		return MI_TIER_STREET;
	default:
		return MI_TIER_COUNTY;
	}
}

static void
add_keywords(struct router *r, const cJSON *list, int rule, int kind)
{
	const cJSON *w;

	cJSON_ArrayForEach(w, list) {
		if (!cJSON_IsString(w) || !*w->valuestring)
			continue;
		r->kw = mi_xrealloc(r->kw, (size_t)(r->nkw + 1) * sizeof(*r->kw));
		r->kw[r->nkw].rule = rule;
		r->kw[r->nkw].kind = kind;
		r->kw[r->nkw].word = w->valuestring;
		mi_ac_add(r->ac, w->valuestring, strlen(w->valuestring), r->nkw);
		r->nkw++;
		if (kind == KW_ALL)
			r->rules[rule].nall++;
		if (kind == KW_ANY)
			r->rules[rule].has_any = 1;
	}
}

/* The unit and tier a rule (or a label's entry, whose is "label's") names. */
static void
compile_place(struct router *r, struct rule *u, const char *whose, const char *tier,
    const char *unit, const char *dept)
{
	u->tier = tier && *tier ? mi_vocab_parse(MI_V_TIER, tier) : -1;
	/* A unit named outright wins over a department; both are resolved once here. */
	if (unit && *unit) {
		u->unit_name = unit;
		u->unit = mi_gaz_unit(r->g, unit, -1);
	} else if (dept && *dept) {
		u->unit_name = dept;
		u->unit = mi_gaz_unit(r->g, dept, MI_U_DEPARTMENT);
	}
	if (u->unit_name && u->unit <= 0)
		snprintf(u->bad, sizeof(u->bad), "%s %s unit '%s'", whose, u->unit < 0 ?
		    "ambiguous" : "no", u->unit_name);
	if (u->tier < 0 && u->unit > 0)
		u->tier = tier_of_kind(mi_gaz_kind(r->g, u->unit));
	if (u->tier < 0)
		u->tier = MI_TIER_COMMUNITY;
}

static void
compile_rule(struct router *r, const cJSON *j, int i)
{
	struct rule *u = &r->rules[i];
	const char *tier = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "tier"));
	const char *unit = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "unit"));
	const char *dept = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "department"));
	const cJSON *days = cJSON_GetObjectItemCaseSensitive(j, "days");
	const char *lowest;

	memset(u, 0, sizeof(*u));
	u->name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "name"));
	if (u->name == NULL)
		u->name = "(unnamed)";
	u->category = cJSON_GetObjectItemCaseSensitive(j, "category");
	u->street = cJSON_GetObjectItemCaseSensitive(j, "street");
	u->community = cJSON_GetObjectItemCaseSensitive(j, "community");
	u->channel = cJSON_GetObjectItemCaseSensitive(j, "channel");
	u->set_category = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "set_category"));
	if (u->set_category && !*u->set_category)
		u->set_category = NULL;
	u->days = cJSON_IsNumber(days) ? (int)days->valuedouble : 0;
	lowest = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "tier_floor"));
	u->floor = lowest && *lowest ? mi_vocab_parse(MI_V_TIER, lowest) : -1;
	add_keywords(r, cJSON_GetObjectItemCaseSensitive(j, "any"), i, KW_ANY);
	add_keywords(r, cJSON_GetObjectItemCaseSensitive(j, "all"), i, KW_ALL);
	add_keywords(r, cJSON_GetObjectItemCaseSensitive(j, "none"), i, KW_NONE);
	compile_place(r, u, "rule's", tier, unit, dept);
	/* a tier from the unit's kind is raised to the floor too */
	if (u->floor > u->tier)
		u->tier = u->floor;
}

static int
find_centre(struct router *r, mi_err *e)
{
	const char *name = mi_config_str(r->c->cfg, "routing.centre", "");
	static const char sql[] = "SELECT id FROM units WHERE kind = 'centre' ORDER BY id LIMIT 2";
	sqlite3_stmt *st;
	int n = 0, rc;

	if (*name) {
		r->centre = mi_gaz_unit(r->g, name, -1);
		if (r->centre <= 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: 'routing.centre': no unit '%s'",
			    mi_config_source(r->c->cfg), name);
		return 0;
	}
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->centre = sqlite3_column_int64(st, 0);
		n++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql, e);
	/* Two centres and no choice in the config: triage has nowhere certain to go. */
	if (n != 1)
		r->centre = 0;
	return 0;
}

static void
router_free(struct router *r)
{
	size_t i;

	mi_gaz_free(r->g);
	mi_ac_free(r->ac);
	free(r->rules);
	free(r->kw);
	free(r->h.any);
	free(r->h.none);
	free(r->h.all);
	free(r->h.seen);
	free(r->h.touched);
	mi_model_free(r->model);
	free(r->labels);
	mi_cadres_release(&r->cadres);
	mi_buf_release(&r->details);
	for (i = 0; r->queue && i < CHUNK; i++)
		mi_buf_release(&r->queue[i].details);
	free(r->queue);
	free(r->ev);
	for (i = 0; i < sizeof(r->names) / sizeof(r->names[0]); i++)
		free(r->names[i].name);
	for (i = 0; i < r->ndone; i++)
		free(r->done[i].copy);
	free(r->done);
	memset(r, 0, sizeof(*r));
}

/* What routing.labels makes of each of the model's labels, once: the
 * config checked each entry's shape when it was loaded. */
static void
compile_labels(struct router *r)
{
	const cJSON *map = mi_config_get(r->c->cfg, "routing.labels"), *j;
	struct label *l;
	size_t i, n = r->model ? mi_model_nlabels(r->model) : 0;

	r->labels = mi_xcalloc(n + 1, sizeof(*r->labels));
	for (i = 0; i < n; i++) {
		l = &r->labels[i];
		l->category = mi_model_label(r->model, (int)i);
		j = cJSON_GetObjectItemCaseSensitive(map, l->category);
		if (cJSON_IsString(j)) {
			l->how = LABEL_CATEGORY;
			l->category = j->valuestring;
		} else if (cJSON_IsObject(j)) {
			l->how = LABEL_UNIT;
			l->place.name = l->category;
			compile_place(r, &l->place, "label's",
			    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "tier")),
			    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "unit")),
			    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "department")));
			j = cJSON_GetObjectItemCaseSensitive(j, "category");
			if (cJSON_IsString(j) && *j->valuestring)
				l->category = j->valuestring;
		}
	}
}

static int
router_init(struct router *r, mi_ctx *c, mi_err *e)
{
	const cJSON *rules = mi_config_get(c->cfg, "routing.rules"), *j;
	char key[64];
	int i = 0;

	memset(r, 0, sizeof(*r));
	r->c = c;
	if (mi_gaz_load(c->db, &r->g, e) < 0)
		return -1;
	r->nrules = cJSON_GetArraySize(rules);
	r->rules = mi_xcalloc((size_t)r->nrules + 1, sizeof(*r->rules));
	r->ac = mi_ac_new();
	cJSON_ArrayForEach(j, rules)
		compile_rule(r, j, i++);
	mi_ac_build(r->ac);
	r->h.any = mi_xcalloc((size_t)r->nrules + 1, 1);
	r->h.none = mi_xcalloc((size_t)r->nrules + 1, 1);
	r->h.all = mi_xcalloc((size_t)r->nrules + 1, sizeof(int));
	r->h.seen = mi_xcalloc((size_t)r->nkw + 1, 1);
	r->h.touched = mi_xcalloc((size_t)r->nkw + 1, sizeof(int));
	for (i = 0; i < MI_TIER_N; i++) {
		snprintf(key, sizeof(key), "tiers.%s.days", mi_vocab_name(MI_V_TIER, i));
		r->days[i] = mi_config_int(c->cfg, key, 5);
	}
	r->sign_days = mi_config_int(c->cfg, "route.sign_days", 1);
	r->min_conf = mi_config_num(c->cfg, "routing.min_confidence", 0.55);
	if (find_centre(r, e) < 0 || mi_cadres_load(r->c, &r->cadres, e) < 0 ||
	    mi_model_stored(r->c, &r->model, e) < 0)
		return -1;
	compile_labels(r);
	return 0;
}

static int
on_keyword(int value, size_t start, size_t end, void *arg)
{
	struct router *r = arg;
	const struct keyword *k = &r->kw[value];

	(void)start;
	(void)end;
	if (r->h.seen[value])
		return 0;
	r->h.seen[value] = 1;
	r->h.touched[r->h.ntouched++] = value;
	if (k->kind == KW_ANY)
		r->h.any[k->rule] = 1;
	else if (k->kind == KW_NONE)
		r->h.none[k->rule] = 1;
	else
		r->h.all[k->rule]++;
	return 0;
}

/* One pass over the text finds every keyword of every rule. */
static void
scan(struct router *r, const char *text)
{
	int i;

	for (i = 0; i < r->h.ntouched; i++) {
		const struct keyword *k = &r->kw[r->h.touched[i]];

		r->h.seen[r->h.touched[i]] = 0;
		r->h.any[k->rule] = r->h.none[k->rule] = 0;
		r->h.all[k->rule] = 0;
	}
	r->h.ntouched = 0;
	if (text)
		mi_ac_scan(r->ac, text, strlen(text), on_keyword, r);
}

static int
in_list(const cJSON *list, const char *v)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, list)
		if (cJSON_IsString(x) && v && strcmp(x->valuestring, v) == 0)
			return 1;
	return 0;
}

static int
in_units(const struct router *r, const cJSON *list, int64_t id, int kind)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, list)
		if (cJSON_IsString(x) && id > 0 && mi_gaz_find(r->g, kind, x->valuestring, 0) == id)
			return 1;
	return 0;
}

/* What a case brings to routing. */
struct kase {
	int64_t id, street, community, estate;
	const char *text, *category, *channel;
	int returns;               /* times units sent it back to the centre */
	int proposed;              /* the tier the collecting team proposed, or -1 */
};

/* Does rule i match? why (when not NULL) says what made it. */
static int
rule_matches(const struct router *r, int i, const struct kase *k, mi_buf *why)
{
	const struct rule *u = &r->rules[i];
	int j;

	/* the keyword counts first: they are at hand, and rule out most rules */
	if (u->has_any && !r->h.any[i])
		return 0;
	if (u->nall && r->h.all[i] < u->nall)
		return 0;
	if (r->h.none[i])
		return 0;
	if (u->category && u->category->child && !in_list(u->category, k->category))
		return 0;
	if (u->channel && u->channel->child && !in_list(u->channel, k->channel))
		return 0;
	if (u->street && u->street->child && !in_units(r, u->street, k->street, MI_U_STREET))
		return 0;
	if (u->community && u->community->child &&
	    !in_units(r, u->community, k->community, MI_U_COMMUNITY))
		return 0;
	if (why) {
		if (cJSON_GetArraySize(u->category))
			mi_buf_printf(why, "category '%s'; ", k->category);
		for (j = 0; j < r->h.ntouched; j++) {
			const struct keyword *w = &r->kw[r->h.touched[j]];

			if (w->rule == i && w->kind != KW_NONE)
				mi_buf_printf(why, "keyword '%s'; ", w->word);
		}
		if (cJSON_GetArraySize(u->street) || cJSON_GetArraySize(u->community) ||
		    cJSON_GetArraySize(u->channel))
			mi_buf_puts(why, "place/channel; ");
	}
	return 1;
}

static int
first_rule(const struct router *r, const struct kase *k)
{
	int i;

	for (i = 0; i < r->nrules; i++)
		if (rule_matches(r, i, k, NULL))
			return i;
	return -1;
}

struct decision {
	int tier;
	int64_t unit, contact;
	int days;
	const char *category;
	const char *how, *rule;
	double confidence;
	int label;                 /* the model's label, when the model decided; else -1 */
	char why[200];
	const struct rule *ru;     /* the rule (or label's place) that placed it, or NULL */
	int proposed;              /* the team's tier (MI_TIER_*), with a proposal */
	int proposal;              /* PROPOSAL_*: what became of the team's proposed tier */
	char pwhy[200];            /* and why, for the explanation */
};

enum { PROPOSAL_NONE, PROPOSAL_KEPT, PROPOSAL_OVERRIDDEN, PROPOSAL_RETURNED };

/* To the county centre for triage, with the reason. */
static void
triage(const struct router *r, struct decision *d, const char *fmt, const char *arg)
{
	d->tier = MI_TIER_COUNTY;
	d->unit = r->centre;
	d->how = "triage";
	snprintf(d->why, sizeof(d->why), fmt, arg);
	d->rule = d->why;
	d->days = r->days[MI_TIER_COUNTY];
}

/* The unit a tier means for this case. */
static void
place(const struct router *r, const struct kase *k, const struct rule *u, struct decision *d)
{
	int64_t street = k->street;

	d->tier = u ? u->tier : MI_TIER_COMMUNITY;
	d->days = u && u->days > 0 ? u->days : r->days[d->tier];
	if (u && u->bad[0]) {
		triage(r, d, "%s", u->bad);
		return;
	}
	if (u && u->unit > 0) {
		d->unit = u->unit;
		return;
	}
	if (d->tier == MI_TIER_COMMUNITY) {
		if (k->community)
			d->unit = k->community;
		else
			triage(r, d, "%s", "community not resolved");
	} else if (d->tier == MI_TIER_STREET) {
		if (!street && k->community)
			street = mi_gaz_parent(r->g, k->community);
		if (street)
			d->unit = street;
		else
			triage(r, d, "%s", "street not resolved");
	} else
		triage(r, d, "%s", "no department for the category");
}

static void
decide(struct router *r, const struct kase *k, int use_model, struct decision *d)
{
	struct kase mk = *k;
	int i = -1, label;
	double conf = 0;

	memset(d, 0, sizeof(d[0]));
	d->confidence = 1;
	d->label = -1;
	scan(r, k->text);
	if (!use_model)
		i = first_rule(r, k);
	if (i < 0 && r->model) {
		/* The model names a label; routing.labels says which category it
		 * stands for, or where its cases go; the rules for the category
		 * place the others. */
		label = mi_model_predict(r->model, k->text ? k->text : "", &conf);
		d->confidence = conf;
		d->label = label;
		if (conf < r->min_conf) {
			triage(r, d, "model unsure (%s)", mi_model_label(r->model, label));
			return;
		}
		mk.category = r->labels[label].category;
		d->category = mk.category;
		d->how = "model";
		if (r->labels[label].how == LABEL_UNIT) {
			d->rule = r->labels[label].place.name;
			d->ru = &r->labels[label].place;
			place(r, k, &r->labels[label].place, d);
			return;
		}
		i = first_rule(r, &mk);
		if (i < 0) {
			triage(r, d, "no rule for category '%s'", mk.category);
			return;
		}
		d->rule = r->rules[i].name;
	} else if (i >= 0) {
		d->how = "rule";
		d->rule = r->rules[i].name;
	} else {
		triage(r, d, "%s", "no rule matched and no model");
		return;
	}
	if (r->rules[i].set_category && !d->category)
		d->category = r->rules[i].set_category;
	d->ru = &r->rules[i];
	place(r, k, &r->rules[i], d);
}

/*
 * The tier the collecting team proposed (办理类型) is kept unless the rule
 * that placed the case sets a floor above it (tier_floor: a category only
 * the county, or not the community, can handle): then the rule's decision
 * stands. Kept at another tier than the rule's, the case goes to the unit
 * of that tier: the case's community, its street, or the county centre for
 * a joint consultation (县级会商); the category stays the rule's.
 */
static void
propose(const struct router *r, const struct kase *k, struct decision *d)
{
	const struct rule *u = d->ru;
	struct rule at;
	const char *rule = d->rule, *how = d->how;

	d->proposal = PROPOSAL_NONE;
	d->proposed = k->proposed;
	if (k->proposed < 0)
		return;
	if (u && u->floor > k->proposed) {
		d->proposal = PROPOSAL_OVERRIDDEN;
		snprintf(d->pwhy, sizeof(d->pwhy), "overridden by rule '%s' because its category "
		    "is %s (tier_floor %s)", u->name, u->floor == MI_TIER_COUNTY ? "county-only" :
		    "beyond the community", mi_vocab_name(MI_V_TIER, u->floor));
		return;
	}
	d->proposal = PROPOSAL_KEPT;
	if (k->proposed == d->tier && strcmp(d->how, "triage") != 0) {
		snprintf(d->pwhy, sizeof(d->pwhy), "team's proposal kept (the %s agrees)",
		    strcmp(d->how, "model") == 0 ? "model" : "rule");
		return;
	}
	memset(&at, 0, sizeof(at));
	at.tier = k->proposed;
	at.floor = -1;
	if (strcmp(how, "triage") == 0) {
		d->how = "proposal";
		d->rule = NULL;
	}
	place(r, k, &at, d);
	if (strcmp(how, "triage") == 0)
		snprintf(d->pwhy, sizeof(d->pwhy), "team's proposal kept (no rule placed the case)");
	else
		snprintf(d->pwhy, sizeof(d->pwhy), "team's proposal kept over %s '%s' (%s)",
		    how, rule ? rule : "", mi_vocab_name(MI_V_TIER, u ? u->tier : MI_TIER_COUNTY));
}

static const char sql_one[] =
    "SELECT id, coalesce(street_id, 0), coalesce(community_id, 0), coalesce(estate_id, 0), "
    "text, category, channel, status, returns, proposed_tier FROM cases WHERE id = ?";
static const char sql_pending[] =
    "SELECT id, coalesce(street_id, 0), coalesce(community_id, 0), coalesce(estate_id, 0), "
    "text, category, channel, status, returns, proposed_tier FROM cases "
    "WHERE status = 'new' AND due IS NULL "
    "AND id > ? ORDER BY id LIMIT " STR(BATCH);
static const char sql_route[] =
    "UPDATE cases SET status = 'open', tier = ?1, resp_id = ?2, "
    "first_id = coalesce(first_id, CASE WHEN ?8 THEN ?2 END), contact_id = ?3, routed = ?4, "
    "due = ?5, "
    "colour = NULL, category = coalesce(?6, category), updated = ?4, watch = ?4, "
    "evhash = ?9, rule = ?10, sign_due = ?11, signed = CASE WHEN resp_id = ?2 THEN signed END, "
    "unsigned_at = NULL WHERE id = ?7 AND status IN ('new', 'open')";

static void
row_case(sqlite3_stmt *st, struct kase *k)
{
	k->id = sqlite3_column_int64(st, 0);
	k->street = sqlite3_column_int64(st, 1);
	k->community = sqlite3_column_int64(st, 2);
	k->estate = sqlite3_column_int64(st, 3);
	k->text = (const char *)sqlite3_column_text(st, 4);
	k->category = (const char *)sqlite3_column_text(st, 5);
	k->channel = (const char *)sqlite3_column_text(st, 6);
	k->returns = sqlite3_column_int(st, 8);
	k->proposed = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
	    mi_vocab_parse(MI_V_TIER, (const char *)sqlite3_column_text(st, 9));
}

/* The event's details, built by hand into b: this runs once per case of a
 * million-case pass, where building a cJSON tree and printing it cost more
 * than the update. */
static const char *
route_details(struct router *r, mi_buf *b, const struct decision *d, int64_t due,
    const char *reason, int64_t from)
{
	const char *code;
	char t[24];

	mi_buf_reset(b);
	mi_buf_puts(b, "{\"how\":");
	mi_json_str(b, d->how);
	if (d->rule) {
		mi_buf_puts(b, strcmp(d->how, "triage") == 0 ? ",\"why\":" : ",\"rule\":");
		mi_json_str(b, d->rule);
	}
	mi_buf_puts(b, ",\"tier\":");
	mi_json_str(b, mi_vocab_name(MI_V_TIER, d->tier));
	if ((code = mi_gaz_code(r->g, d->unit)) != NULL) {
		mi_buf_puts(b, ",\"unit\":");
		mi_json_str(b, code);
	}
	if (from) {
		mi_buf_puts(b, ",\"from\":");
		code = mi_gaz_code(r->g, from);
		mi_json_str(b, code ? code : "");
	}
	mi_buf_puts(b, ",\"due\":");
	mi_json_str(b, mi_time_format(due, t, sizeof(t)));
	mi_buf_puts(b, ",\"days\":");
	mi_buf_int(b, d->days);
	if (d->category) {
		mi_buf_puts(b, ",\"category\":");
		mi_json_str(b, d->category);
	}
	if (d->label >= 0 && r->model) {
		mi_buf_puts(b, ",\"label\":");
		mi_json_str(b, mi_model_label(r->model, d->label));
	}
	if (strcmp(d->how, "model") == 0 || d->confidence < 1)
		mi_buf_printf(b, ",\"confidence\":%.15g", floor(d->confidence * 1000 + 0.5) / 1000);
	if (d->proposal != PROPOSAL_NONE) {
		mi_buf_puts(b, ",\"proposed_tier\":");
		mi_json_str(b, mi_vocab_name(MI_V_TIER, d->proposed));
		mi_buf_puts(b, d->proposal == PROPOSAL_KEPT ? ",\"proposal\":\"kept\"" :
		    d->proposal == PROPOSAL_RETURNED ? ",\"proposal\":\"returned\"" :
		    ",\"proposal\":\"overridden\"");
	}
	if (reason) {
		mi_buf_puts(b, ",\"reason\":");
		mi_json_str(b, reason);
	}
	mi_buf_puts(b, ",\"config\":");
	mi_json_str(b, mi_config_hash(r->c->cfg));
	mi_buf_putc(b, '}');
	return mi_buf_str(b);
}

/* A contact's name in *out (NULL for none); the few covering cadres of a
 * run are looked up once each. */
static int
person_name(struct router *r, int64_t id, const char **out, mi_err *e)
{
	static const char sql[] = "SELECT name FROM people WHERE id = ?";
	struct named *n = &r->names[(uint64_t)id % (sizeof(r->names) / sizeof(r->names[0]))];
	sqlite3_stmt *st;
	const char *v = NULL;
	int rc;

	*out = NULL;
	if (id <= 0)
		return 0;
	if (n->id != id) {
		if ((rc = mi_row_by_id(r->c, sql, id, &st, e)) < 0)
			return -1;
		if (rc == 1)
			v = (const char *)sqlite3_column_text(st, 0);
		free(n->name);
		n->name = v ? mi_xstrdup(v) : NULL;
		n->id = id;
		sqlite3_reset(st);
	}
	*out = n->name;
	return 0;
}

static void
keep(struct router *r, const mi_route_result *res)
{
	const char *v[3] = { res->category, res->rule, res->contact };
	struct done *w;
	size_t len[3], i, n = 0;
	char *p;

	if (r->ndone == r->capdone) {
		r->capdone = r->capdone ? r->capdone * 2 : 256;
		r->done = mi_xrealloc(r->done, r->capdone * sizeof(*r->done));
	}
	w = &r->done[r->ndone++];
	w->res = *res;
	for (i = 0; i < 3; i++)
		n += (len[i] = v[i] ? strlen(v[i]) + 1 : 0);
	w->copy = p = mi_xmalloc(n ? n : 1);
	for (i = 0; i < 3; i++) {
		if (v[i])
			memcpy(p, v[i], len[i]);
		*(i == 0 ? &w->res.category : i == 1 ? &w->res.rule : &w->res.contact) =
		    v[i] ? p : NULL;
		p += len[i];
	}
}

/* Hands the kept cases to the caller (when their writes were kept) and
 * forgets them. */
static void
hand_out(struct router *r, const mi_route_opts *o, int kept)
{
	size_t i;

	for (i = 0; i < r->ndone; i++) {
		if (kept && o->routed)
			o->routed(o->arg, &r->done[i].res);
		free(r->done[i].copy);
	}
	if (kept && r->ndone && o->batch)
		o->batch(o->arg);
	r->ndone = 0;
}

/* Ends a batch: commits it and hands its cases out (a dry run commits
 * nothing and hands them out all the same). */
static int
batch_done(struct router *r, const mi_route_opts *o, mi_err *e)
{
	if (!o->dry_run && (mi_db_commit(r->c->db, e) < 0 || mi_db_begin(r->c->db, e) < 0))
		return -1;
	hand_out(r, o, 1);
	return 0;
}

/* One case's update, alone, with its event. */
static int
update_one(struct router *r, const struct queued *p, mi_case_event *ev, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_route, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, p->tier, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->unit);
	if (p->contact)
		sqlite3_bind_int64(st, 3, p->contact);
	sqlite3_bind_int64(st, 4, r->c->now);
	sqlite3_bind_int64(st, 5, p->due);
	if (p->category)
		sqlite3_bind_text(st, 6, p->category, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, ev->id);
	sqlite3_bind_int(st, 8, p->first);
	if (p->rule)
		sqlite3_bind_text(st, 10, p->rule, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 10);
	if (p->sign_due)
		sqlite3_bind_int64(st, 11, p->sign_due);
	else
		sqlite3_bind_null(st, 11);
	ev->param = 9;
	if ((rc = mi_case_write(r->c, st, ev, 1, e)) == 0)
		return mi_err_set(e, MI_EX_SOFTWARE, "routing case %lld changed no row",
		    (long long)ev->id);
	return rc < 0 ? -1 : 0;
}

/*
 * The same update for CHUNK cases in one statement. Each UPDATE that sets
 * foreign keys runs under a statement journal, which copies every page it
 * touches first; a chunk of neighbouring cases shares its pages, so the
 * copies (and the statement's set-up) are paid once for the chunk.
 */
static const char *
chunk_sql(void)
{
	static char sql[sizeof(sql_route) + CHUNK * 24 + 512];
	mi_buf b = MI_BUF_INIT;
	int i;

	if (sql[0])
		return sql;
	mi_buf_puts(&b, "UPDATE cases SET status = 'open', tier = v.column2, resp_id = v.column3, "
	    "first_id = coalesce(first_id, CASE WHEN v.column7 THEN v.column3 END), "
	    "contact_id = v.column4, routed = ?1, due = v.column5, colour = NULL, "
	    "category = coalesce(v.column6, category), updated = ?1, watch = ?1, "
	    "evhash = v.column8, rule = v.column9, sign_due = v.column10, "
	    "signed = CASE WHEN resp_id = v.column3 THEN signed END, unsigned_at = NULL "
	    "FROM (VALUES ");
	for (i = 0; i < CHUNK; i++)
		mi_buf_puts(&b, i ? ",(?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?)");
	mi_buf_puts(&b, ") AS v WHERE cases.id = v.column1 AND cases.status IN ('new', 'open')");
	snprintf(sql, sizeof(sql), "%s", mi_buf_str(&b));
	mi_buf_release(&b);
	return sql;
}

/* Writes the queued updates. */
static int
flush(struct router *r, mi_err *e)
{
	const char *sql;
	sqlite3_stmt *st;
	int i, n = r->nq, k, rc;

	r->nq = 0;
	if (n < CHUNK) {
		for (i = 0; i < n; i++)
			if (update_one(r, &r->queue[i], &r->ev[i], e) < 0)
				return -1;
		return 0;
	}
	sql = chunk_sql();
	if ((st = mi_stmt(r->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->c->now);
	for (i = 0; i < n; i++) {
		const struct queued *p = &r->queue[i];

		k = 2 + 10 * i;
		sqlite3_bind_int64(st, k, r->ev[i].id);
		sqlite3_bind_text(st, k + 1, p->tier, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, k + 2, p->unit);
		if (p->contact)
			sqlite3_bind_int64(st, k + 3, p->contact);
		sqlite3_bind_int64(st, k + 4, p->due);
		if (p->category)
			sqlite3_bind_text(st, k + 5, p->category, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, k + 6, p->first);
		r->ev[i].param = k + 7;
		if (p->rule)
			sqlite3_bind_text(st, k + 8, p->rule, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, k + 8);
		if (p->sign_due)
			sqlite3_bind_int64(st, k + 9, p->sign_due);
		else
			sqlite3_bind_null(st, k + 9);
	}
	if ((rc = mi_case_write(r->c, st, r->ev, n, e)) == 0)
		return mi_err_set(e, MI_EX_SOFTWARE, "routing a chunk of %d cases changed none", n);
	return rc < 0 ? -1 : 0;
}

/* Writes the decision: the case and its event together (when queueing,
 * both wait for the chunk). */
static int
apply(struct router *r, const struct kase *k, struct decision *d, const char *kind,
    const char *reason, int64_t from, const mi_route_opts *o, mi_err *e)
{
	struct queued one, *p = r->queue ? &r->queue[r->nq] : &one;
	mi_case_event one_ev, *ev = r->queue ? &r->ev[r->nq] : &one_ev;
	mi_route_result res;

	ev->id = k->id;
	ev->kind = kind;
	/* every case of a run is routed at the same "now": one count per number of days */
	if (d->days >= 0 && d->days < (int)(sizeof(r->due) / sizeof(r->due[0]))) {
		if (r->due[d->days] == 0)
			r->due[d->days] = mi_calendar_add_workdays(mi_config_calendar(r->c->cfg),
			    r->c->now, d->days);
		p->due = r->due[d->days];
	} else
		p->due = mi_calendar_add_workdays(mi_config_calendar(r->c->cfg), r->c->now, d->days);
	p->unit = d->unit;
	p->tier = mi_vocab_name(MI_V_TIER, d->tier);
	/* the category is the model's label or a rule's: both live as long as the router */
	p->category = d->category;
	/* 首办负责制 binds the first unit that really handles the case, not the
	 * centre that only triaged it. */
	p->first = strcmp(d->how, "triage") != 0;
	/* The rule is kept so that returns can be counted against it; the
	 * centre that triaged a case has nothing to sign for. */
	p->rule = strcmp(d->how, "rule") == 0 || strcmp(d->how, "model") == 0 ? d->rule : NULL;
	if (!p->first)
		p->sign_due = 0;
	else {
		if (r->sign_due == 0)
			r->sign_due = mi_calendar_add_workdays(mi_config_calendar(r->c->cfg),
			    r->c->now, r->sign_days);
		p->sign_due = r->sign_due;
	}
	p->contact = d->contact = k->estate ? mi_cadre_of(&r->cadres, k->estate) : 0;
	ev->details = route_details(r, r->queue ? &p->details : &r->details, d, p->due, reason,
	    from);
	if (!r->queue && update_one(r, p, ev, e) < 0)
		return -1;
	if (r->queue && ++r->nq == CHUNK && flush(r, e) < 0)
		return -1;
	if (o->routed) {
		memset(&res, 0, sizeof(res));
		res.id = k->id;
		res.tier = d->tier;
		res.unit_code = mi_gaz_code(r->g, d->unit);
		res.unit_name = mi_gaz_name(r->g, d->unit);
		if (person_name(r, d->contact, &res.contact, e) < 0)
			return -1;
		res.due = p->due;
		res.category = d->category ? d->category : k->category;
		res.how = d->how;
		res.rule = d->rule;
		res.confidence = d->confidence;
		keep(r, &res);
	}
	return 0;
}

static const char sql_returned_by[] =
    "SELECT 1 FROM returns WHERE case_id = ?1 AND unit_id = ?2 LIMIT 1";

/* Has unit sent case id back to the centre before? */
static int
returned_by(struct router *r, int64_t id, int64_t unit, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(r->c, sql_returned_by, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, unit);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : mi_db_fail(r->c->db, sql_returned_by, e);
}

/* A unit that sent the case back is not given it again by a rule or the
 * model: the centre decides (route --to). */
static int
avoid_returned(struct router *r, const struct kase *k, struct decision *d, mi_err *e)
{
	int rc;

	if (k->returns == 0 || d->unit <= 0 || strcmp(d->how, "triage") == 0)
		return 0;
	if ((rc = returned_by(r, k->id, d->unit, e)) < 0)
		return -1;
	if (rc) {
		/* A proposal that would have sent it back there is set aside too. */
		if (d->proposal == PROPOSAL_KEPT) {
			d->proposal = PROPOSAL_RETURNED;
			snprintf(d->pwhy, sizeof(d->pwhy), "set aside: %s, at that tier, returned the "
			    "case; the centre decides", mi_gaz_code_or(r->g, d->unit, "?"));
		}
		triage(r, d, "returned by %s", mi_gaz_code_or(r->g, d->unit, "?"));
	}
	return 0;
}

static int
route_one(struct router *r, const struct kase *k, const char *reason, const mi_route_opts *o,
    mi_route_stats *stats, mi_err *e)
{
	struct decision d;

	decide(r, k, o->model, &d);
	propose(r, k, &d);
	if (avoid_returned(r, k, &d, e) < 0)
		return -1;
	if (d.unit <= 0) {
		stats->skipped++;
		if (o->skipped)
			o->skipped(o->arg, k->id, _("no county centre unit to triage it to (import "
			    "one, or name it in routing.centre)"));
		return 0;
	}
	if (apply(r, k, &d, "route", reason, 0, o, e) < 0)
		return -1;
	stats->routed++;
	if (d.proposal == PROPOSAL_KEPT)
		stats->kept++;
	else if (d.proposal == PROPOSAL_OVERRIDDEN)
		stats->overridden++;
	else if (d.proposal == PROPOSAL_RETURNED)
		stats->set_aside++;
	if (strcmp(d.how, "rule") == 0)
		stats->by_rule++;
	else if (strcmp(d.how, "model") == 0)
		stats->by_model++;
	else if (strcmp(d.how, "proposal") == 0)
		stats->by_proposal++;
	else
		stats->triage++;
	return 0;
}

static int
route_pending(struct router *r, const mi_route_opts *o, mi_route_stats *stats, mi_err *e)
{
	struct kase *batch = NULL;
	char **texts = NULL;
	size_t n, i, cap = 0;
	int64_t last = 0;
	sqlite3_stmt *q;
	int rc = 0;

	if (r->queue == NULL) {
		r->queue = mi_xcalloc(CHUNK, sizeof(*r->queue));
		r->ev = mi_xcalloc(CHUNK, sizeof(*r->ev));
	}
	/* In batches, since routing changes the very rows the query walks. A new
	 * case has no due time yet: saying so lets the (status, due) index
	 * deliver the batch in id order, where without it every batch would
	 * sort all the new cases again. */
	do {
		if ((q = mi_stmt(r->c, sql_pending, e)) == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, last);
		n = 0;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				batch = mi_xrealloc(batch, cap * sizeof(*batch));
				texts = mi_xrealloc(texts, cap * 3 * sizeof(*texts));
			}
			row_case(q, &batch[n]);
			/* the row's text is gone at the next step: keep copies */
			texts[3 * n] = mi_xstrdup(batch[n].text ? batch[n].text : "");
			texts[3 * n + 1] = batch[n].category ? mi_xstrdup(batch[n].category) : NULL;
			texts[3 * n + 2] = mi_xstrdup(batch[n].channel);
			batch[n].text = texts[3 * n];
			batch[n].category = texts[3 * n + 1];
			batch[n].channel = texts[3 * n + 2];
			last = batch[n].id;
			n++;
		}
		if (rc != SQLITE_DONE)
			rc = mi_db_fail(r->c->db, sql_pending, e);
		else
			rc = 0;
		for (i = 0; i < n && rc == 0; i++)
			rc = route_one(r, &batch[i], NULL, o, stats, e);
		if (rc == 0)
			rc = flush(r, e);
		for (i = 0; i < 3 * n; i++)
			free(texts[i]);
		/* Each batch commits on its own: the log then holds one batch's
		 * pages, not the whole table's, and a writer waiting at night
		 * gets its turn between batches. */
		if (rc == 0 && n > 0)
			rc = batch_done(r, o, e);
	} while (rc == 0 && n > 0);
	free(batch);
	free(texts);
	return rc;
}

static int
load_case(struct router *r, int64_t id, struct kase *k, const char **status, mi_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = mi_row_by_id(r->c, sql_one, id, &st, e)) <= 0)
		return rc;
	row_case(st, k);
	*status = (const char *)sqlite3_column_text(st, 7);
	return 1;
}

/* Routes the case given by id, or says why not. */
static int
route_id(struct router *r, int64_t id, const mi_route_opts *o, mi_route_stats *stats,
    mi_err *e)
{
	struct kase k;
	const char *status;
	char why[80];
	int rc;

	if ((rc = load_case(r, id, &k, &status, e)) < 0)
		return -1;
	if (rc == 0 || (strcmp(status, "new") != 0 &&
	    !(o->again && strcmp(status, "open") == 0))) {
		snprintf(why, sizeof(why), rc == 0 ? _("no such case") : o->again ?
		    _("%s: only a new or open case is routed again") :
		    _("%s already (re-assign with --to, or route --again)"), rc ? status : "");
		stats->skipped++;
		if (o->skipped)
			o->skipped(o->arg, id, why);
		return 0;
	}
	/* Routed again, an open case keeps its first handler (首办负责制). */
	return route_one(r, &k, strcmp(status, "open") == 0 ? "routed again" : NULL, o, stats, e);
}

static int
route_ids(struct router *r, const mi_idv *ids, const mi_route_opts *o, mi_route_stats *stats,
    mi_err *e)
{
	size_t i;

	for (i = 0; i < ids->n; i++) {
		if (route_id(r, ids->v[i], o, stats, e) < 0)
			return -1;
		/* a long list commits as --pending does */
		if (r->ndone >= BATCH && batch_done(r, o, e) < 0)
			return -1;
	}
	return 0;
}

/* A batch of the stream starts when its first case comes: a stream may run
 * for hours, so unless --at or $MINYI_NOW fixed the time, the batch is
 * routed at its own now. */
static int
stream_begin(struct router *r, mi_err *e)
{
	int64_t now;
	int env;

	if (mi_now_given(&env) == NULL && (now = (int64_t)time(NULL)) != r->c->now) {
		r->c->now = now;
		memset(r->due, 0, sizeof(r->due));
	}
	return mi_db_begin(r->c->db, e);
}

/* A batch of the stream ends: committed, then its cases handed out. A dry
 * run's is rolled back, so no write lock is held while the stream waits for
 * the tool before it (which may be writing the very cases). */
static int
stream_end(struct router *r, const mi_route_opts *o, mi_err *e)
{
	int rc = o->dry_run ? 0 : mi_db_commit(r->c->db, e);

	mi_db_rollback(r->c->db);
	hand_out(r, o, rc == 0);
	return rc;
}

/* The case stream as it comes: a batch is committed and handed out when it
 * holds BATCH cases or STREAM_WAIT_MS after its first case came, whichever
 * is first; between batches no transaction is open. */
static int
route_stream(struct router *r, int fd, const mi_route_opts *o, mi_route_stats *stats,
    mi_err *e)
{
	mi_idstream *s = mi_idstream_new(fd);
	mi_idv ids = MI_IDV_INIT;
	int64_t since = 0, wait;
	int more = 1, open = 0, rc = 0;
	size_t i;

	while (rc == 0 && more) {
		wait = open ? since + STREAM_WAIT_MS - mi_clock_ms() : -1;
		if (open && wait < 0)
			wait = 0;
		if ((more = mi_idstream_read(s, (int)wait, &ids, e)) < 0)
			rc = -1;
		for (i = 0; i < ids.n && rc == 0; i++) {
			if (!open) {
				if ((rc = stream_begin(r, e)) < 0)
					break;
				open = 1;
				since = mi_clock_ms();
			}
			rc = route_id(r, ids.v[i], o, stats, e);
			if (rc == 0 && r->ndone >= BATCH) {
				rc = stream_end(r, o, e);
				open = 0;
			}
		}
		ids.n = 0;
		if (rc == 0 && open && (more == 0 || mi_clock_ms() >= since + STREAM_WAIT_MS)) {
			rc = stream_end(r, o, e);
			open = 0;
		}
	}
	mi_idv_release(&ids);
	mi_idstream_free(s);
	return rc;
}

static int
finish(mi_ctx *c, struct router *r, int rc, const mi_route_opts *o, mi_err *e)
{
	if (rc == 0 && !o->dry_run)
		rc = mi_db_commit(c->db, e);
	mi_db_rollback(c->db);
	hand_out(r, o, rc == 0);
	router_free(r);
	return rc;
}

/* The router of a run that routes cases (r freed on failure). */
static int
router_start(struct router *r, mi_ctx *c, const mi_route_opts *o, mi_err *e)
{
	if (router_init(r, c, e) < 0) {
		router_free(r);
		return -1;
	}
	if (o->model && r->model == NULL) {
		router_free(r);
		return mi_err_set(e, MI_EX_DATAERR, "no model trained yet (route --train)");
	}
	/* Routing rewrites rows all over the table: a cache big enough to hold
	 * a batch's pages keeps each from going to the log more than once. */
	if (mi_db_exec(c->db, "PRAGMA cache_size = -32768", e) < 0) {
		router_free(r);
		return -1;
	}
	return 0;
}

int
mi_route_cases(mi_ctx *c, const mi_idv *ids, const mi_route_opts *o, mi_route_stats *stats,
    mi_err *e)
{
	struct router r;
	int rc;

	if (router_start(&r, c, o, e) < 0)
		return -1;
	if (mi_db_begin(c->db, e) < 0) {
		router_free(&r);
		return -1;
	}
	rc = ids ? route_ids(&r, ids, o, stats, e) : route_pending(&r, o, stats, e);
	return finish(c, &r, rc, o, e);
}

int
mi_route_stream(mi_ctx *c, int fd, const mi_route_opts *o, mi_route_stats *stats, mi_err *e)
{
	struct router r;
	int rc;

	if (router_start(&r, c, o, e) < 0)
		return -1;
	rc = route_stream(&r, fd, o, stats, e);
	/* What a failure left of a batch is not kept, and not handed out. */
	mi_db_rollback(c->db);
	hand_out(&r, o, 0);
	router_free(&r);
	return rc;
}

/* The model's label for the case, and what routing.labels made of it. */
static void
explain_label(const struct router *r, const struct decision *d, mi_buf *out)
{
	const struct label *l = &r->labels[d->label];
	const char *name = mi_model_label(r->model, d->label);

	mi_buf_printf(out, "model: label '%s' with confidence %.3f (minimum %.2f)\n", name,
	    d->confidence, r->min_conf);
	if (l->how == LABEL_CATEGORY)
		mi_buf_printf(out, "mapping: routing.labels '%s' -> category '%s'\n", name,
		    l->category);
	else if (l->how == LABEL_UNIT && l->place.unit > 0)
		mi_buf_printf(out, "mapping: routing.labels '%s' -> %s %s, %s tier, category "
		    "'%s'\n", name, mi_gaz_code(r->g, l->place.unit), mi_gaz_name(r->g,
		    l->place.unit), mi_vocab_name(MI_V_TIER, l->place.tier), l->category);
	else if (l->how == LABEL_UNIT)
		mi_buf_printf(out, "mapping: routing.labels '%s' -> %s\n", name, l->place.bad);
	else
		mi_buf_printf(out, "mapping: none (routing.labels does not name '%s'): the label "
		    "is the category\n", name);
}

/* Did the model give the case its category (routed by model, and no
 * re-routing or amendment since)? 1 yes, 0 no, -1 with e set. */
static int
category_by_model(struct router *r, int64_t id, mi_err *e)
{
	static const char sql[] = "SELECT kind = 'route' AND json_extract(details, '$.how') = 'model' "
	    "FROM events WHERE case_id = ? AND (kind IN ('route', 'reassign') OR (kind = 'amend' "
	    "AND json_extract(details, '$.new.category') IS NOT NULL)) ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = mi_row_by_id(r->c, sql, id, &st, e)) <= 0)
		return rc;
	return sqlite3_column_int(st, 0);
}

static const char sql_rule_returns[] =
    "SELECT count(*), count(DISTINCT case_id) FROM returns WHERE rule = ?1";
static const char sql_case_returns[] =
    "SELECT r.at, coalesce(u.code, ''), coalesce(r.rule, ''), r.note FROM returns r "
    "LEFT JOIN units u ON u.id = r.unit_id WHERE r.case_id = ?1 ORDER BY r.id";

/* The returns of the case, and those counted against the rule deciding it:
 * a rule that units keep sending back misroutes. */
static int
explain_returns(struct router *r, int64_t id, const struct decision *d, mi_buf *out, mi_err *e)
{
	sqlite3_stmt *st;
	char t[24];
	int rc;

	if ((st = mi_stmt(r->c, sql_case_returns, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mi_buf_printf(out, "returned %s by %s (rule '%s'): ",
		    mi_time_format(sqlite3_column_int64(st, 0), t, sizeof(t)),
		    (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
		mi_mask_text((const char *)sqlite3_column_text(st, 3), out);
		mi_buf_puts(out, "\n");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_case_returns, e);
	if (strcmp(d->how, "rule") != 0 && strcmp(d->how, "model") != 0)
		return 0;
	if ((st = mi_stmt(r->c, sql_rule_returns, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, d->rule, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return mi_db_fail(r->c->db, sql_rule_returns, e);
	mi_buf_printf(out, "returns against rule '%s': %lld (of %lld cases)\n", d->rule,
	    (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return 0;
}

int
mi_route_explain(mi_ctx *c, int64_t id, mi_buf *out, mi_err *e)
{
	struct router r;
	struct kase k;
	struct decision d, ruled;  /* the decision, and the rules' before returns were weighed */
	const char *status;
	char t[24];
	size_t from = out->len;
	int rc, i;

	if (router_init(&r, c, e) < 0) {
		router_free(&r);
		return -1;
	}
	if ((rc = load_case(&r, id, &k, &status, e)) <= 0) {
		router_free(&r);
		return rc < 0 ? -1 : mi_err_set(e, MI_EX_DATAERR, "no case %lld", (long long)id);
	}
	/* No reveal is recorded for an explanation: the text shows masked. */
	mi_buf_printf(out, "case %lld (%s): ", (long long)id, status);
	mi_mask_text(k.text, out);
	mi_buf_puts(out, "\n");
	/* A category the model gave is its answer, not the question: the case
	 * is decided as it came, without it. */
	if (k.category && (rc = category_by_model(&r, id, e)) != 0) {
		if (rc < 0) {
			router_free(&r);
			return -1;
		}
		mi_buf_printf(out, "category given by the model when routed: %s\n", k.category);
		k.category = NULL;
	}
	mi_buf_printf(out, "category: %s; channel: %s; street: %s; community: %s; estate: %s\n",
	    k.category ? k.category : "-", k.channel,
	    k.street ? mi_gaz_name(r.g, k.street) : "-",
	    k.community ? mi_gaz_name(r.g, k.community) : "-",
	    k.estate ? mi_gaz_name(r.g, k.estate) : "-");
	decide(&r, &k, 0, &d);
	propose(&r, &k, &d);
	ruled = d;
	if (avoid_returned(&r, &k, &d, e) < 0) {
		router_free(&r);
		return -1;
	}
	for (i = 0; i < r.nrules; i++) {
		mi_buf why = MI_BUF_INIT;

		if (rule_matches(&r, i, &k, &why)) {
			mi_buf_printf(out, "rule %d '%s' matches: %s\n", i + 1, r.rules[i].name,
			    mi_buf_str(&why));
			mi_buf_release(&why);
			break;
		}
		mi_buf_release(&why);
	}
	if (i == r.nrules)
		mi_buf_printf(out, "no rule matches (%d rules)\n", r.nrules);
	if (d.label >= 0)
		explain_label(&r, &d, out);
	if (d.proposal != PROPOSAL_NONE)
		mi_buf_printf(out, "proposal: the team proposed %s (%s): %s\n",
		    mi_vocab_name(MI_V_TIER, d.proposed), mi_vocab_zh(MI_V_TIER, d.proposed), d.pwhy);
	mi_buf_printf(out, "decision: %s by %s '%s' -> %s %s, due %s (%d working days)\n",
	    mi_vocab_name(MI_V_TIER, d.tier), d.how, d.rule ? d.rule : "",
	    d.unit ? mi_gaz_code(r.g, d.unit) : "(no unit)",
	    d.unit ? mi_gaz_name(r.g, d.unit) : "",
	    mi_time_format(mi_calendar_add_workdays(mi_config_calendar(c->cfg), c->now, d.days),
	    t, sizeof(t)), d.days);
	if (d.category && (!k.category || strcmp(d.category, k.category) != 0))
		mi_buf_printf(out, "category set to '%s'\n", d.category);
	if (explain_returns(&r, id, &ruled, out, e) < 0) {
		router_free(&r);
		return -1;
	}
	/* It quotes the demand's text and the units' names: for a person to read. */
	mi_esc_tail(out, from, MI_ESC_TEXT);
	router_free(&r);
	return 0;
}

int
mi_route_unit_hits(mi_ctx *c, const char *const *texts, const char *const *places,
    const char *const *units, size_t n, size_t *scored, size_t *hits, mi_err *e)
{
	struct router r;
	struct kase k;
	struct decision d;
	int64_t want;
	size_t i;

	*scored = *hits = 0;
	if (router_init(&r, c, e) < 0) {
		router_free(&r);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (units[i] == NULL || *units[i] == '\0')
			continue;
		memset(&k, 0, sizeof(k));
		k.text = texts[i];
		k.channel = "other";
		/* The place, when the file names one: a community, else a street,
		 * else whatever the text itself names. */
		if (places != NULL && places[i] != NULL && *places[i]) {
			k.community = mi_gaz_find(r.g, MI_U_COMMUNITY, places[i], 0);
			if (k.community <= 0) {
				k.community = 0;
				k.street = mi_gaz_find(r.g, MI_U_STREET, places[i], 0);
				k.street = k.street > 0 ? k.street : 0;
			}
		} else
			mi_gaz_scan(r.g, texts[i], &k.street, &k.community, &k.estate);
		decide(&r, &k, 0, &d);
		want = mi_gaz_unit(r.g, units[i], -1);
		(*scored)++;
		*hits += want > 0 && want == d.unit;
	}
	router_free(&r);
	return 0;
}

static const char sql_resp[] = "SELECT coalesce(resp_id, 0) FROM cases WHERE id = ?";

static int
assign_one(struct router *r, int64_t id, int64_t unit, int tier, const char *reason,
    const mi_route_opts *o, mi_route_stats *stats, mi_err *e)
{
	struct kase k;
	struct decision d;
	const char *status;
	sqlite3_stmt *q;
	int64_t from = 0;
	int rc;

	if ((rc = load_case(r, id, &k, &status, e)) < 0)
		return -1;
	if (rc == 0 || (strcmp(status, "new") != 0 && strcmp(status, "open") != 0)) {
		stats->skipped++;
		if (o->skipped)
			o->skipped(o->arg, id, rc == 0 ? _("no such case") :
			    _("not new or open: only those can be re-assigned"));
		return 0;
	}
	/* the unit it leaves, for the event */
	if ((rc = mi_row_by_id(r->c, sql_resp, id, &q, e)) < 0)
		return -1;
	if (rc == 1)
		from = sqlite3_column_int64(q, 0);
	memset(&d, 0, sizeof(d));
	d.tier = tier;
	d.unit = unit;
	d.days = r->days[tier];
	d.how = "manual";
	d.rule = reason;
	d.category = o->category;
	d.confidence = 1;
	d.label = -1;
	if (apply(r, &k, &d, "reassign", reason, from, o, e) < 0)
		return -1;
	stats->routed++;
	return 0;
}

int
mi_route_assign(mi_ctx *c, const mi_idv *ids, const char *unit, const char *tier,
    const char *reason, const mi_route_opts *o, mi_route_stats *stats, mi_err *e)
{
	struct router r;
	int64_t uid;
	int t, rc = 0;
	size_t i;

	if (router_init(&r, c, e) < 0) {
		router_free(&r);
		return -1;
	}
	uid = mi_gaz_unit(r.g, unit, -1);
	if (uid <= 0) {
		router_free(&r);
		return mi_err_set(e, MI_EX_USAGE, "%s unit '%s'", uid < 0 ? _("ambiguous") : _("unknown"),
		    unit);
	}
	t = tier ? mi_vocab_parse(MI_V_TIER, tier) : tier_of_kind(mi_gaz_kind(r.g, uid));
	if (t < 0) {
		router_free(&r);
		return mi_err_set(e, MI_EX_USAGE, "unknown tier '%s' (expected community, street "
		    "or county)", tier);
	}
	if (o->category != NULL && o->category[strspn(o->category, " \t")] == '\0') {
		router_free(&r);
		return mi_err_set(e, MI_EX_USAGE, "empty category");
	}
	if (mi_db_begin(c->db, e) < 0) {
		router_free(&r);
		return -1;
	}
	for (i = 0; i < ids->n && rc == 0; i++)
		rc = assign_one(&r, ids->v[i], uid, t, reason, o, stats, e);
	return finish(c, &r, rc, o, e);
}

/* Does a rule take every case of category cat: one that names it among its
 * categories, or one with no words and no category, place or channel? */
static int
rule_takes(const struct router *r, const char *cat)
{
	const struct rule *u;
	int i;

	for (i = 0; i < r->nrules; i++) {
		u = &r->rules[i];
		if (cJSON_GetArraySize(u->category) > 0) {
			if (in_list(u->category, cat))
				return 1;
		} else if (!u->has_any && !u->nall && !cJSON_GetArraySize(u->street) &&
		    !cJSON_GetArraySize(u->community) && !cJSON_GetArraySize(u->channel))
			return 1;
	}
	return 0;
}

int
mi_route_unplaced(mi_ctx *c, void (*fn)(void *arg, const char *label, const char *why),
    void *arg, mi_err *e)
{
	struct router r;
	const struct label *l;
	const char *name;
	char why[512];
	size_t i, n = 0;

	if (router_init(&r, c, e) < 0) {
		router_free(&r);
		return -1;
	}
	for (i = 0; r.model && i < mi_model_nlabels(r.model); i++) {
		l = &r.labels[i];
		name = mi_model_label(r.model, (int)i);
		if (l->how == LABEL_UNIT && l->place.unit < 0)
			snprintf(why, sizeof(why), _("label '%s' routes nowhere: routing.labels sends "
			    "it to '%s', which more than one unit answers to"), name,
			    l->place.unit_name);
		else if (l->how == LABEL_UNIT && l->place.unit == 0)
			snprintf(why, sizeof(why), _("label '%s' routes nowhere: routing.labels sends "
			    "it to '%s', which no unit answers to"), name, l->place.unit_name);
		else if (l->how == LABEL_UNIT || rule_takes(&r, l->category))
			continue;
		else if (l->how == LABEL_CATEGORY)
			snprintf(why, sizeof(why), _("label '%s' routes nowhere: routing.labels maps "
			    "it to category '%s', which no rule takes"), name, l->category);
		else
			snprintf(why, sizeof(why), _("label '%s' routes nowhere: no rule takes it as "
			    "a category, and routing.labels does not map it"), name);
		n++;
		if (fn)
			fn(arg, name, why);
	}
	router_free(&r);
	return (int)n;
}

int64_t
mi_route_department(mi_ctx *c, const char *category, const char *text, mi_err *e)
{
	struct router r;
	struct kase k;
	int64_t id = 0;
	int i;

	if (router_init(&r, c, e) < 0) {
		router_free(&r);
		return -1;
	}
	memset(&k, 0, sizeof(k));
	k.category = category;
	k.text = text;
	scan(&r, text);
	/* Only the rules that name a department: the tier's own unit means nothing at county. */
	for (i = 0; i < r.nrules && id == 0; i++)
		if (!r.rules[i].bad[0] && r.rules[i].unit > 0 &&
		    mi_gaz_kind(r.g, r.rules[i].unit) == MI_U_DEPARTMENT && rule_matches(&r, i, &k, NULL))
			id = r.rules[i].unit;
	if (id == 0)
		id = r.centre;
	router_free(&r);
	return id;
}
