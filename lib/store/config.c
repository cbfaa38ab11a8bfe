/* config.c - the JSON configuration: built-in defaults, a file merged over. */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

struct mi_config {
	cJSON *root;
	char *source;
	char hash[65];
	mi_calendar *cal;
	mi_hmac key;           /* ledger.key's, when keyed is set */
	int keyed;
};

/* Objects whose keys are the user's own names rather than fixed settings. */
static const char *const open_maps[] = { "layouts", "routing.labels", "intake.channel_aliases" };

static int
is_open_map(const char *path)
{
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(open_maps); i++)
		if (strcmp(path, open_maps[i]) == 0)
			return 1;
	return 0;
}

static const char *
type_name(const cJSON *v)
{
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "true or false";
	return "null";
}

static int
same_type(const cJSON *a, const cJSON *b)
{
	if (cJSON_IsBool(a) && cJSON_IsBool(b))
		return 1;
	return (a->type & 0xff) == (b->type & 0xff);
}

static int check(const char *file, const char *path, const cJSON *def, const cJSON *v, mi_err *e);

/* An array of strings, at most max of them. */
static int
check_names(const char *file, const char *path, const char *key, const cJSON *names,
    size_t max, mi_err *e)
{
	const cJSON *n;

	if (!cJSON_IsArray(names))
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': expected an array of column names",
		    file, path, key);
	cJSON_ArrayForEach(n, names)
		if (!cJSON_IsString(n))
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': expected strings", file,
			    path, key);
	if ((size_t)cJSON_GetArraySize(names) > max)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': at most %zu column names", file,
		    path, key, max);
	return 0;
}

/* An object of field names to column names (fields, join). */
static int
check_fields(const char *file, const char *path, const char *key, const cJSON *fields,
    mi_err *e)
{
	static const char *const known[] = { "ref", "channel", "received", "reporter", "phone",
		"address", "street", "community", "estate", "category", "text", "collector", "unit",
		"building", "proposed_tier", "activity", "tier", "remarks" };
	const cJSON *names;
	char sub[160];
	size_t i;

	if (!cJSON_IsObject(fields))
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': expected an object of "
		    "field names to lists of column names", file, path, key);
	cJSON_ArrayForEach(names, fields) {
		for (i = 0; i < MI_ARRAY_LEN(known); i++)
			if (strcmp(names->string, known[i]) == 0)
				break;
		if (i == MI_ARRAY_LEN(known))
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s.%s': unknown field "
			    "(expected one of ref, channel, received, reporter, phone, address, "
			    "street, community, estate, category, text, collector, unit, building, "
			    "proposed_tier, activity, remarks)", file, path, key, names->string);
		snprintf(sub, sizeof(sub), "%s.%s", key, names->string);
		if (check_names(file, path, sub, names, 15, e) < 0)
			return -1;
	}
	return 0;
}

/* One entry of routing.labels: the model's label stands for a category (a
 * string), or goes straight to a unit: {"unit" or "department", "tier",
 * "category"}, every value a string. Whether the unit exists is the
 * router's to say: the database is not open here. */
static int
check_label(const char *file, const char *path, const cJSON *v, mi_err *e)
{
	const cJSON *f;
	int unit = 0;

	if (cJSON_IsString(v) && *v->valuestring)
		return 0;
	if (!cJSON_IsObject(v))
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected a category, or an object "
		    "with a unit or department and a tier, found %s", file, path,
		    cJSON_IsString(v) ? "\"\"" : type_name(v));
	cJSON_ArrayForEach(f, v) {
		if (strcmp(f->string, "unit") != 0 && strcmp(f->string, "department") != 0 &&
		    strcmp(f->string, "tier") != 0 && strcmp(f->string, "category") != 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': unknown key (expected "
			    "unit, department, tier or category)", file, path, f->string);
		if (!cJSON_IsString(f))
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': expected a string, found %s",
			    file, path, f->string, type_name(f));
		if (strcmp(f->string, "tier") == 0 && *f->valuestring &&
		    mi_vocab_parse(MI_V_TIER, f->valuestring) < 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.tier': expected community, "
			    "street or county, found '%s'", file, path, f->valuestring);
		if (strcmp(f->string, "unit") == 0 || strcmp(f->string, "department") == 0)
			unit |= *f->valuestring != '\0';
	}
	if (!unit)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected a unit or a department "
		    "for the cases of this label", file, path);
	return 0;
}

/* One of intake.channel_aliases: an activity's name (the key) stands for a
 * channel; "" takes a built-in alias away. */
static int
check_alias(const char *file, const char *path, const cJSON *v, mi_err *e)
{
	if (!cJSON_IsString(v) || (*v->valuestring &&
	    mi_vocab_parse(MI_V_CHANNEL, v->valuestring) < 0))
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected a channel (visit, hall, "
		    "hotline, wechat, other) or \"\"", file, path);
	if (*v->string == '\0' || strlen(v->string) > 200)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': an alias is at most 200 bytes",
		    file, path);
	return 0;
}

/* A layout of the user's; base is the built-in one of that name (which it
 * extends key by key), or NULL for a new layout. */
static int
check_layout(const char *file, const char *path, const cJSON *v, const cJSON *base, mi_err *e)
{
	const cJSON *f, *fields, *g;
	char sub[32];
	int i = 0;

	if (!cJSON_IsObject(v))
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected an object, found %s", file,
		    path, type_name(v));
	cJSON_ArrayForEach(f, v) {
		if (strcmp(f->string, "channel") == 0) {
			if (!cJSON_IsString(f) || (*f->valuestring && mi_vocab_parse(MI_V_CHANNEL, f->valuestring) < 0))
				return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.channel': expected a "
				    "channel (visit, hall, hotline, wechat, other) or \"\"", file, path);
		} else if (strcmp(f->string, "fields") == 0 || strcmp(f->string, "join") == 0) {
			if (check_fields(file, path, f->string, f, e) < 0)
				return -1;
		} else if (strcmp(f->string, "requires") == 0) {
			if (!cJSON_IsArray(f) || cJSON_GetArraySize(f) > 4)
				return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.requires': expected an "
				    "array of at most 4 lists of column names", file, path);
			cJSON_ArrayForEach(g, f) {
				snprintf(sub, sizeof(sub), "requires[%d]", i++);
				if (check_names(file, path, sub, g, 15, e) < 0)
					return -1;
			}
		} else
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.%s': unknown key (expected "
			    "channel, fields, join or requires)", file, path, f->string);
	}
	fields = cJSON_GetObjectItemCaseSensitive(v, "fields");
	if (fields == NULL && base != NULL)
		return 0;
	if (fields == NULL)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.fields': expected an object of "
		    "field names to lists of column names", file, path);
	if (!cJSON_GetObjectItemCaseSensitive(fields, "text") && base == NULL)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s.fields.text': a layout needs the "
		    "column(s) holding the demand's text", file, path);
	return 0;
}

static int
check_dates(const char *file, const char *path, const cJSON *v, mi_err *e)
{
	const cJSON *d;
	int64_t t;
	int i = 0;

	cJSON_ArrayForEach(d, v) {
		if (!cJSON_IsString(d) || strlen(d->valuestring) != 10 ||
		    mi_time_parse(d->valuestring, &t) < 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s[%d]': expected a date "
			    "YYYY-MM-DD", file, path, i);
		i++;
	}
	return 0;
}

static int
check_array(const char *file, const char *path, const cJSON *def, const cJSON *v, mi_err *e)
{
	const cJSON *tmpl = def->child, *x;
	char sub[256];
	int i = 0;

	if (strncmp(path, "calendar.", 9) == 0)
		return check_dates(file, path, v, e);
	if (tmpl == NULL)
		return 0;
	cJSON_ArrayForEach(x, v) {
		snprintf(sub, sizeof(sub), "%s[%d]", path, i++);
		if (check(file, sub, tmpl, x, e) < 0)
			return -1;
	}
	return 0;
}

/* Keys the config once had: refused with where their meaning went. */
static const struct {
	const char *key, *instead;
} retired[] = {
	{ "score.missed", "a missed demand costs the points reconcile booked with it (set "
	    "reconcile.points and reconcile.multiplier)" },
};

static int
unknown_key(const char *file, const char *path, mi_err *e)
{
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(retired); i++)
		if (strcmp(path, retired[i].key) == 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': no longer read: %s", file, path,
			    retired[i].instead);
	return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': unknown key", file, path);
}

/* Checks v (from the user's file) against the default def at path. */
static int
check(const char *file, const char *path, const cJSON *def, const cJSON *v, mi_err *e)
{
	const cJSON *x, *d;
	char sub[256];

	if (!same_type(def, v))
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected %s, found %s", file, path,
		    type_name(def), type_name(v));
	if (cJSON_IsArray(v))
		return check_array(file, path, def, v, e);
	if (!cJSON_IsObject(v))
		return 0;
	cJSON_ArrayForEach(x, v) {
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", x->string);
		d = cJSON_GetObjectItemCaseSensitive(def, x->string);
		if (is_open_map(path)) {
			if (strcmp(path, "layouts") == 0 && check_layout(file, sub, x, d, e) < 0)
				return -1;
			if (strcmp(path, "routing.labels") == 0 && check_label(file, sub, x, e) < 0)
				return -1;
			if (strcmp(path, "intake.channel_aliases") == 0 &&
			    check_alias(file, sub, x, e) < 0)
				return -1;
			continue;
		}
		if (d == NULL)
			return unknown_key(file, sub, e);
		if (check(file, sub, d, x, e) < 0)
			return -1;
	}
	return 0;
}

/* Objects merge key by key; anything else replaces. */
static void
merge(cJSON *into, const cJSON *from)
{
	const cJSON *x;
	cJSON *d;

	cJSON_ArrayForEach(x, from) {
		d = cJSON_GetObjectItemCaseSensitive(into, x->string);
		if (d && cJSON_IsObject(d) && cJSON_IsObject(x))
			merge(d, x);
		else if (d)
			cJSON_ReplaceItemInObjectCaseSensitive(into, x->string,
			    cJSON_Duplicate(x, 1));
		else
			cJSON_AddItemToObject(into, x->string, cJSON_Duplicate(x, 1));
	}
}

static char *
slurp(const char *path, mi_err *e)
{
	FILE *f = fopen(path, "rb");
	mi_buf b = MI_BUF_INIT;
	char chunk[8192];
	size_t n;

	if (f == NULL) {
		mi_err_set(e, MI_EX_CONFIG, "cannot open config '%s': %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		mi_buf_add(&b, chunk, n);
	if (ferror(f)) {
		mi_err_set(e, MI_EX_CONFIG, "cannot read config '%s': %s", path, strerror(errno));
		fclose(f);
		mi_buf_release(&b);
		return NULL;
	}
	fclose(f);
	return mi_buf_detach(&b);
}

static long
line_of(const char *text, const char *at)
{
	long line = 1;

	for (; text < at && *text; text++)
		if (*text == '\n')
			line++;
	return line;
}

static int
load_file(mi_config *c, const char *path, mi_err *e)
{
	char *text = slurp(path, e);
	const char *end = NULL;
	cJSON *user;
	int rc;

	if (text == NULL)
		return -1;
	user = cJSON_ParseWithOpts(text, &end, 1);
	if (user == NULL) {
		mi_err_set(e, MI_EX_CONFIG, "%s:%ld: invalid JSON", path,
		    line_of(text, end ? end : cJSON_GetErrorPtr()));
		free(text);
		return -1;
	}
	free(text);
	if (!cJSON_IsObject(user)) {
		cJSON_Delete(user);
		return mi_err_set(e, MI_EX_CONFIG, "%s: expected a JSON object at the top", path);
	}
	rc = check(path, "", c->root, user, e);
	if (rc == 0)
		merge(c->root, user);
	cJSON_Delete(user);
	return rc;
}

/*
 * The range of every number the configuration holds (minyi(5) lists them):
 * a key is dotted, * stands for any one key, [] for any element of a list.
 * A number at a key not listed is a bug of the defaults, refused as such.
 */
static const struct range {
	const char *key;
	double lo, hi;
	int whole;             /* whole numbers only */
	const char *what;      /* "expected WHAT from LO to HI" */
	const char *zero;      /* what LO means, or "" */
} ranges[] = {
	{ "tiers.*.days", 0, 365, 1, "whole working days", "" },
	{ "tiers.*.blue", 0, 365, 1, "whole working days", "" },
	{ "tiers.*.red", 0, 365, 1, "whole working days", "" },
	{ "intake.future_hours", 0, 8784, 1, "whole hours", "" },
	{ "intake.duplicate_days", 0, 365, 1, "whole days", " (never)" },
	{ "intake.duplicate_similarity", 0, 1, 0, "a number", "" },
	{ "routing.min_confidence", 0, 1, 0, "a number", "" },
	{ "routing.rules[].days", 0, 365, 1, "whole working days", " (the tier's)" },
	{ "callback.delay_days", 0, 365, 1, "a whole number", "" },
	{ "callback.retry_days", 0, 365, 1, "a whole number", "" },
	{ "callback.max_attempts", 1, 20, 1, "a whole number", "" },
	{ "escalate.red_reopens", 0, 1000, 1, "a whole number", " (never)" },
	{ "escalate.red_hotline", 0, 1000, 1, "a whole number", " (never)" },
	{ "route.sign_days", 0, 365, 1, "whole working days", "" },
	{ "score.rates.*.points", 0, 100, 0, "a number", "" },
	{ "score.rates.*.target", 0, 1, 0, "a number", "" },
	{ "score.rates.*.per_point", 0, 100, 0, "a number", "" },
	{ "score.red_points", 0, 100, 0, "a number", "" },
	{ "score.min_cases", 0, 100000, 1, "a whole number", "" },
	{ "score.cutoff_days", 0, 366, 1, "whole days", "" },
	{ "score.grades[].min", -1000, 1000, 0, "a number", "" },
	{ "score.points.collected", 0, 100, 0, "a number", "" },
	{ "score.points.settled", 0, 100, 0, "a number", "" },
	{ "reconcile.points", 0, 100, 0, "a number", "" },
	{ "reconcile.multiplier", 0, 100, 0, "a number", "" },
	{ "reconcile.window_days", 0, 365, 1, "whole days", "" },
	{ "reconcile.recheck_days", 0, 3660, 1, "whole days", "" },
	{ "reconcile.threshold", -100, 100, 0, "a number", "" },
	{ "reconcile.weights.days[].within", 0, 36500, 0, "a number", "" },
	{ "reconcile.weights.days[].weight", -100, 100, 0, "a number", "" },
	{ "reconcile.weights.text[].from", 0, 1, 0, "a number", "" },
	{ "reconcile.weights.text[].weight", -100, 100, 0, "a number", "" },
	{ "reconcile.weights.*.*", -100, 100, 0, "a number", "" },
};

/* key against a pattern of ranges[]: * takes one key, up to a . or a [. */
static int
key_matches(const char *pat, const char *key)
{
	for (; *pat; pat++) {
		if (*pat == '*') {
			while (*key && *key != '.' && *key != '[')
				key++;
			continue;
		}
		if (*key++ != *pat)
			return 0;
	}
	return *key == '\0';
}

static const struct range *
range_of(const char *generic)
{
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(ranges); i++)
		if (key_matches(ranges[i].key, generic))
			return &ranges[i];
	return NULL;
}

/*
 * Walks v, at path (as messages name it: [n] for an element) and generic
 * (as ranges[] names it: [] for any element), checking every number.
 */
static int
check_ranges(const char *file, const cJSON *v, const char *path, const char *generic,
    mi_err *e)
{
	const struct range *r;
	const cJSON *x;
	char sub[256], gen[256];
	int i = 0;

	if (cJSON_IsNumber(v)) {
		if ((r = range_of(generic)) == NULL)
			return mi_err_set(e, MI_EX_SOFTWARE, "'%s': a number without a range", path);
		if (v->valuedouble < r->lo || v->valuedouble > r->hi ||
		    (r->whole && v->valuedouble != (double)(long long)v->valuedouble))
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected %s from %g%s to %g",
			    file, path, r->what, r->lo, r->zero, r->hi);
		return 0;
	}
	cJSON_ArrayForEach(x, v) {
		if (cJSON_IsArray(v)) {
			snprintf(sub, sizeof(sub), "%s[%d]", path, i++);
			snprintf(gen, sizeof(gen), "%s[]", generic);
		} else {
			snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", x->string);
			snprintf(gen, sizeof(gen), "%s%s%s", generic, *generic ? "." : "", x->string);
		}
		if (check_ranges(file, x, sub, gen, e) < 0)
			return -1;
	}
	return 0;
}

/* The call-back policy: what to do with a case that cannot be called back. */
static int
check_callback(const mi_config *c, mi_err *e)
{
	static const char *const policies[] = { "callback.after_attempts", "callback.anonymous" };
	const char *file = c->source, *p;
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(policies); i++) {
		p = mi_config_str(c, policies[i], "review");
		if (strcmp(p, "close") != 0 && strcmp(p, "review") != 0 && strcmp(p, "centre") != 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected review or close, "
			    "found '%s'", file, policies[i], p);
	}
	p = mi_config_str(c, "escalate.unsigned_colour", "");
	if (*p && strcmp(p, "blue") != 0 && strcmp(p, "yellow") != 0 && strcmp(p, "red") != 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'escalate.unsigned_colour': expected blue, "
		    "yellow, red or \"\" (none), found '%s'", file, p);
	return 0;
}

/* The assessment: known channels, grades from the top down. */
static int
check_score(const mi_config *c, mi_err *e)
{
	const char *file = c->source, *s;
	const cJSON *x, *min;
	double top = 1e300;
	int n = 0;

	cJSON_ArrayForEach(x, mi_config_get(c, "score.collected_channels")) {
		if (mi_vocab_parse(MI_V_CHANNEL, x->valuestring) < 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: 'score.collected_channels[%d]': "
			    "expected visit, hall, hotline, wechat or other, found '%s'", file, n,
			    x->valuestring);
		n++;
	}
	n = 0;
	cJSON_ArrayForEach(x, mi_config_get(c, "score.grades")) {
		s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "name"));
		min = cJSON_GetObjectItemCaseSensitive(x, "min");
		if (s == NULL || *s == '\0' || !cJSON_IsNumber(min) || min->valuedouble >= top ||
		    n >= 16)
			return mi_err_set(e, MI_EX_CONFIG, "%s: 'score.grades[%d]': expected a name "
			    "and a min below the grade before it (16 grades at most)", file, n);
		top = min->valuedouble;
		n++;
	}
	s = mi_config_str(c, "score.year_rank", "sum");
	if (strcmp(s, "sum") != 0 && strcmp(s, "mean") != 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'score.year_rank': expected sum or mean, "
		    "found '%s'", file, s);
	if (*mi_config_str(c, "score.grade_below", "") == '\0')
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'score.grade_below': expected the name of "
		    "the grade below the last one", file);
	return 0;
}

/* A list of bins {edge, weight}: each needs both, the edges in order (their
 * range is in ranges[]). */
static int
check_bins(const char *file, const char *path, const char *edge, int rising,
    const cJSON *list, mi_err *e)
{
	const struct range *r;
	const cJSON *x, *v;
	char gen[64];
	double prev = 0;
	int i = 0;

	snprintf(gen, sizeof(gen), "%s[].%s", path, edge);
	r = range_of(gen);
	cJSON_ArrayForEach(x, list) {
		v = cJSON_GetObjectItemCaseSensitive(x, edge);
		if (!cJSON_IsNumber(v) || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(x,
		    "weight")) ||
		    (i > 0 && (rising ? v->valuedouble <= prev : v->valuedouble >= prev)))
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s[%d]': expected %s (%g to %g, "
			    "%s) and weight", file, path, i, edge, r ? r->lo : 0, r ? r->hi : 0,
			    rising ? "rising" : "falling");
		prev = v->valuedouble;
		i++;
	}
	if (i == 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected at least one bin", file,
		    path);
	return 0;
}

static int
check_reconcile(const mi_config *c, mi_err *e)
{
	const char *file = c->source, *charge = mi_config_str(c, "reconcile.charge", "community");
	const cJSON *x;
	int i = 0;

	if (strcmp(charge, "community") != 0 && strcmp(charge, "estate") != 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'reconcile.charge': expected community or "
		    "estate, found '%s'", file, charge);
	cJSON_ArrayForEach(x, mi_config_get(c, "reconcile.categories")) {
		const char *w = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "word"));
		const char *k = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x,
		    "category"));

		if (w == NULL || !*w || k == NULL || !*k)
			return mi_err_set(e, MI_EX_CONFIG, "%s: 'reconcile.categories[%d]': expected "
			    "a word and a category", file, i);
		i++;
	}
	if (check_bins(file, "reconcile.weights.days", "within", 1,
	    mi_config_get(c, "reconcile.weights.days"), e) < 0)
		return -1;
	return check_bins(file, "reconcile.weights.text", "from", 0,
	    mi_config_get(c, "reconcile.weights.text"), e);
}

/* A list of role names (units.roles, score.assessed_roles,
 * score.points.roles): names, none empty; the organisation's own list
 * holds one at least. */
static int
check_roles(const mi_config *c, const char *key, int need, mi_err *e)
{
	const cJSON *x;
	int n = 0;

	cJSON_ArrayForEach(x, mi_config_get(c, key)) {
		if (*x->valuestring == '\0' || strlen(x->valuestring) > 60)
			return mi_err_set(e, MI_EX_CONFIG, "%s: '%s[%d]': expected a role's name "
			    "(1 to 60 bytes)", c->source, key, n);
		n++;
	}
	if (n < need)
		return mi_err_set(e, MI_EX_CONFIG, "%s: '%s': expected a list of role names, "
		    "one at least", c->source, key);
	return 0;
}

/* A rule's tier_floor: the lowest tier its category may be handled at; a
 * tier the rule names is not below it. */
static int
check_floor(const mi_config *c, const cJSON *r, int n, mi_err *e)
{
	const char *f = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "tier_floor"));
	const char *t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "tier"));
	int lowest;

	if (f == NULL || *f == '\0')
		return 0;
	if ((lowest = mi_vocab_parse(MI_V_TIER, f)) < 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'routing.rules[%d].tier_floor': expected "
		    "community, street, county or \"\", found '%s'", c->source, n, f);
	if (t && *t && mi_vocab_parse(MI_V_TIER, t) < lowest)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'routing.rules[%d].tier': '%s' is below "
		    "the rule's tier_floor '%s'", c->source, n, t, f);
	return 0;
}

/* Values whose type is right but whose meaning must be checked too. */
static int
check_values(const mi_config *c, mi_err *e)
{
	const char *file = c->source, *ch = mi_config_str(c, "intake.channel", "visit");
	const cJSON *rules = mi_config_get(c, "routing.rules"), *r, *t;
	int n = 0;

	if (check_ranges(file, c->root, "", "", e) < 0)
		return -1;
	if (strcmp(mi_config_str(c, "output.headers", "en"), "en") != 0 &&
	    strcmp(mi_config_str(c, "output.headers", "en"), "zh") != 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'output.headers': expected en or zh, found '%s'",
		    file, mi_config_str(c, "output.headers", "en"));
	if (mi_vocab_parse(MI_V_CHANNEL, ch) < 0)
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'intake.channel': expected visit, hall, "
		    "hotline, wechat or other, found '%s'", file, ch);
	cJSON_ArrayForEach(r, rules) {
		t = cJSON_GetObjectItemCaseSensitive(r, "tier");
		if (cJSON_IsString(t) && *t->valuestring && mi_vocab_parse(MI_V_TIER, t->valuestring) < 0)
			return mi_err_set(e, MI_EX_CONFIG, "%s: 'routing.rules[%d].tier': expected "
			    "community, street or county, found '%s'", file, n, t->valuestring);
		if (check_floor(c, r, n, e) < 0)
			return -1;
		n++;
	}
	if (check_roles(c, "units.roles", 1, e) < 0 ||
	    check_roles(c, "score.assessed_roles", 0, e) < 0 ||
	    check_roles(c, "score.points.roles", 0, e) < 0)
		return -1;
	if (check_callback(c, e) < 0 || check_reconcile(c, e) < 0)
		return -1;
	return check_score(c, e);
}

/* ledger.key: the file whose content keys the events' hashes. It must be
 * the operators' alone, as a private ssh key must: a key others can read
 * lets them re-seal a rewritten history. */
static int
load_key(mi_config *c, mi_err *e)
{
	const char *path = mi_config_str(c, "ledger.key", "");
	unsigned char key[1025];
	struct stat sb;
	ssize_t n;
	int fd;

	if (*path == '\0')
		return 0;
	if (*path != '/')
		return mi_err_set(e, MI_EX_CONFIG, "%s: 'ledger.key': expected the absolute path "
		    "of the key file, found '%s'", c->source, path);
	if ((fd = open(path, O_RDONLY)) < 0)
		return mi_err_set(e, MI_EX_CONFIG, "cannot read ledger key '%s': %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return mi_err_set(e, MI_EX_CONFIG, "ledger key '%s' is not a file", path);
	}
	if (sb.st_mode & 077) {
		close(fd);
		return mi_err_set(e, MI_EX_CONFIG, "ledger key '%s' is open to group or others "
		    "(mode %03o): chmod 600 it", path, (unsigned)(sb.st_mode & 0777));
	}
	if (sb.st_size < 16 || sb.st_size > 1024) {
		close(fd);
		return mi_err_set(e, MI_EX_CONFIG, "ledger key '%s' holds %lld bytes: expected 16 "
		    "to 1024 (head -c 32 /dev/urandom makes one)", path, (long long)sb.st_size);
	}
	n = read(fd, key, sizeof(key));
	close(fd);
	if (n != sb.st_size) {
		memset(key, 0, sizeof(key));
		return mi_err_set(e, MI_EX_CONFIG, "cannot read ledger key '%s': %s", path,
		    n < 0 ? strerror(errno) : "it changed while read");
	}
	mi_hmac_init(&c->key, key, (size_t)n);
	memset(key, 0, sizeof(key));
	c->keyed = 1;
	return 0;
}

static void
add_days(mi_calendar *cal, const cJSON *list, int off)
{
	const cJSON *d;
	int64_t t;

	cJSON_ArrayForEach(d, list)
		if (cJSON_IsString(d) && mi_time_parse(d->valuestring, &t) == 0)
			mi_calendar_set(cal, mi_ymd_of(t), off);
}

int
mi_config_load(const char *path, mi_config **out, mi_err *e)
{
	mi_config *c = mi_xcalloc(1, sizeof(*c));
	char *text;

	*out = NULL;
	if (path == NULL && getenv("MINYI_CONFIG") && *getenv("MINYI_CONFIG"))
		path = getenv("MINYI_CONFIG");
	c->root = cJSON_Parse((const char *)mi_embed_defaults_json);
	if (c->root == NULL) {
		free(c);
		return mi_err_set(e, MI_EX_SOFTWARE, "built-in defaults do not parse");
	}
	c->source = mi_xstrdup(path ? path : "(built-in)");
	if (path && load_file(c, path, e) < 0) {
		mi_config_free(c);
		return -1;
	}
	if (check_values(c, e) < 0 || load_key(c, e) < 0) {
		mi_config_free(c);
		return -1;
	}
	text = cJSON_PrintUnformatted(c->root);
	mi_sha256_hex(text, strlen(text), c->hash);
	cJSON_free(text);
	c->cal = mi_calendar_new();
	if (c->cal == NULL) {
		mi_config_free(c);
		return mi_err_set(e, MI_EX_SOFTWARE, "built-in calendar does not parse");
	}
	add_days(c->cal, mi_config_get(c, "calendar.off"), 1);
	add_days(c->cal, mi_config_get(c, "calendar.on"), 0);
	*out = c;
	return 0;
}

void
mi_config_free(mi_config *c)
{
	if (c == NULL)
		return;
	cJSON_Delete(c->root);
	mi_calendar_free(c->cal);
	free(c->source);
	mi_hmac_clear(&c->key);
	free(c);
}

const cJSON *
mi_config_get(const mi_config *c, const char *path)
{
	const cJSON *v = c->root;
	char key[128];
	const char *p = path, *dot;
	size_t n;

	while (v && *p) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		v = cJSON_GetObjectItemCaseSensitive(v, key);
		p += n + (dot != NULL);
	}
	return v;
}

int
mi_config_int(const mi_config *c, const char *path, int def)
{
	const cJSON *v = mi_config_get(c, path);

	return cJSON_IsNumber(v) ? (int)v->valuedouble : def;
}

double
mi_config_num(const mi_config *c, const char *path, double def)
{
	const cJSON *v = mi_config_get(c, path);

	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

const char *
mi_config_str(const mi_config *c, const char *path, const char *def)
{
	const cJSON *v = mi_config_get(c, path);

	return cJSON_IsString(v) ? v->valuestring : def;
}

int
mi_config_has(const mi_config *c, const char *path, const char *s)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, mi_config_get(c, path))
		if (cJSON_IsString(x) && strcmp(x->valuestring, s) == 0)
			return 1;
	return 0;
}

const char *
mi_config_hash(const mi_config *c)
{
	return c->hash;
}

const mi_calendar *
mi_config_calendar(const mi_config *c)
{
	return c->cal;
}

const mi_hmac *
mi_config_key(const mi_config *c)
{
	return c && c->keyed ? &c->key : NULL;
}

const char *
mi_config_source(const mi_config *c)
{
	return c->source;
}
