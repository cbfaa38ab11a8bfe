/*
 * escalate.c - the three-colour supervision (蓝、黄、红"三色"督办), moving
 * cases up a tier, and the county's consultation meetings (县级会商).
 *
 * A pass looks only at the open cases whose watch time has come: the
 * watch is the next instant at which a case's colour could rise, written
 * each time the case is looked at, so a pass costs what changes and not
 * the size of the ledger.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

/* The thresholds of the configuration, read once a run. */
struct policy {
	const mi_calendar *cal;
	int days[MI_TIER_N], blue[MI_TIER_N], red[MI_TIER_N], auto_up[MI_TIER_N];
	int red_reopens, red_hotline;
	int sign_days;             /* route.sign_days: a new unit signs within it */
	int unsigned_colour;       /* escalate.unsigned_colour: the least colour of a case
	                            * not signed for past its limit; MI_COLOUR_NONE: none */
};

struct unit {
	int64_t id, parent;
	int kind;
	char *code, *name, *contact, *phone;
};

/* One run's state. */
struct sup {
	mi_ctx *c;
	struct policy pol;
	struct unit *u;            /* every unit, by id; loaded when first needed */
	size_t nu;
	int loaded;
	const mi_escalate_opts *o;
	mi_escalate_stats *stats;
};

/* What supervision needs of a case. */
struct kase {
	int64_t id, resp, due, street, community;
	int64_t sign_due;          /* when it must be signed for; 0: not waiting for a signature */
	int flagged;               /* flagged unsigned already */
	int resign;                /* moved to another unit, which signs afresh */
	int tier, colour, reopens, hotline, has_due;
};

/* What the deadline and the red triggers make of a case at one time. */
struct verdict {
	int colour;
	int left, overdue;         /* working days; -1 when it does not apply */
	char why[96];
};

static void
policy_init(struct policy *p, const mi_config *cfg)
{
	char key[64];
	int i;

	p->cal = mi_config_calendar(cfg);
	for (i = 0; i < MI_TIER_N; i++) {
		snprintf(key, sizeof(key), "tiers.%s.days", mi_vocab_name(MI_V_TIER, i));
		p->days[i] = mi_config_int(cfg, key, 5);
		snprintf(key, sizeof(key), "tiers.%s.blue", mi_vocab_name(MI_V_TIER, i));
		p->blue[i] = mi_config_int(cfg, key, 1);
		snprintf(key, sizeof(key), "tiers.%s.red", mi_vocab_name(MI_V_TIER, i));
		p->red[i] = mi_config_int(cfg, key, 3);
		snprintf(key, sizeof(key), "escalate.auto_up.%s", mi_vocab_name(MI_V_TIER, i));
		p->auto_up[i] = cJSON_IsTrue(mi_config_get(cfg, key));
	}
	p->sign_days = mi_config_int(cfg, "route.sign_days", 1);
	p->red_reopens = mi_config_int(cfg, "escalate.red_reopens", 2);
	p->red_hotline = mi_config_int(cfg, "escalate.red_hotline", 2);
	p->unsigned_colour = mi_vocab_parse(MI_V_COLOUR,
	    mi_config_str(cfg, "escalate.unsigned_colour", ""));
	if (p->unsigned_colour < 0)
		p->unsigned_colour = MI_COLOUR_NONE;
}

static void
sup_init(struct sup *s, mi_ctx *c, const mi_escalate_opts *o, mi_escalate_stats *stats)
{
	memset(s, 0, sizeof(*s));
	s->c = c;
	s->o = o;
	s->stats = stats;
	policy_init(&s->pol, c->cfg);
}

static void
sup_release(struct sup *s)
{
	size_t i;

	for (i = 0; i < s->nu; i++) {
		free(s->u[i].code);
		free(s->u[i].name);
		free(s->u[i].contact);
		free(s->u[i].phone);
	}
	free(s->u);
	s->u = NULL;
	s->nu = 0;
}

static char *
dup_col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v && *v ? mi_xstrdup(v) : NULL;
}

static int
load_units(struct sup *s, mi_err *e)
{
	static const char sql[] = "SELECT id, code, name, kind, coalesce(parent_id, 0), "
	    "contact, phone FROM units ORDER BY id";
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (s->loaded)
		return 0;
	if ((st = mi_stmt(s->c, sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->nu == cap) {
			cap = cap ? cap * 2 : 256;
			s->u = mi_xrealloc(s->u, cap * sizeof(*s->u));
		}
		s->u[s->nu].id = sqlite3_column_int64(st, 0);
		s->u[s->nu].code = mi_xstrdup((const char *)sqlite3_column_text(st, 1));
		s->u[s->nu].name = mi_xstrdup((const char *)sqlite3_column_text(st, 2));
		s->u[s->nu].kind = mi_vocab_parse(MI_V_KIND, (const char *)sqlite3_column_text(st, 3));
		s->u[s->nu].parent = sqlite3_column_int64(st, 4);
		s->u[s->nu].contact = dup_col(st, 5);
		s->u[s->nu].phone = dup_col(st, 6);
		s->nu++;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(s->c->db, sql, e);
	s->loaded = 1;
	return 0;
}

static const struct unit *
unit_of(const struct sup *s, int64_t id)
{
	size_t lo = 0, hi = s->nu, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (s->u[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nu && s->u[lo].id == id ? &s->u[lo] : NULL;
}

static const char *
code_of(const struct sup *s, int64_t id)
{
	const struct unit *u = unit_of(s, id);

	return u ? u->code : NULL;
}

/* ---- the colour of a case ---- */

static int
tier_of(const char *s)
{
	int t = s ? mi_vocab_parse(MI_V_TIER, s) : -1;

	return t < 0 ? MI_TIER_COMMUNITY : t;
}

static void
evaluate(const struct policy *p, const struct kase *k, int64_t now, struct verdict *v)
{
	int red = p->red[k->tier];

	v->colour = MI_COLOUR_NONE;
	v->left = v->overdue = -1;
	v->why[0] = '\0';
	if (k->has_due && now > k->due) {
		v->overdue = mi_calendar_workdays_between(p->cal, k->due, now);
		v->colour = v->overdue >= red ? MI_COLOUR_RED : MI_COLOUR_YELLOW;
		if (v->overdue == 0)
			snprintf(v->why, sizeof(v->why), "past due");
		else
			snprintf(v->why, sizeof(v->why), "%d working day%s overdue", v->overdue,
			    v->overdue == 1 ? "" : "s");
	} else if (k->has_due) {
		v->left = mi_calendar_workdays_between(p->cal, now, k->due);
		if (v->left <= p->blue[k->tier])
			v->colour = MI_COLOUR_BLUE;
		snprintf(v->why, sizeof(v->why), "%d working day%s left", v->left,
		    v->left == 1 ? "" : "s");
	}
	if (k->sign_due && now > k->sign_due && p->unsigned_colour > v->colour) {
		v->colour = p->unsigned_colour;
		snprintf(v->why, sizeof(v->why), "not signed for in time");
	}
	if (v->colour == MI_COLOUR_RED)
		return;
	/* Red whatever the deadline: the residents keep coming back. */
	if (p->red_reopens > 0 && k->reopens >= p->red_reopens) {
		v->colour = MI_COLOUR_RED;
		snprintf(v->why, sizeof(v->why), "reopened %d times", k->reopens);
	} else if (p->red_hotline > 0 && k->hotline >= p->red_hotline) {
		v->colour = MI_COLOUR_RED;
		snprintf(v->why, sizeof(v->why), "%d hotline calls", k->hotline);
	}
}

/* The start of the first day with `blue` or fewer working days left before
 * due: midnight of the (blue + 1)-th working day counted back from due's day. */
static int64_t
blue_from(const mi_calendar *cal, int64_t due, int blue)
{
	int d = mi_ymd_of(due), n = 0, i;

	for (i = 0; i < 4000 && d != 0; i++, d = mi_ymd_add(d, -1))
		if (mi_calendar_is_workday(cal, d) && ++n == blue + 1)
			return mi_time_of_ymd(d, 0);
	return mi_time_of_ymd(mi_ymd_of(due), 0);
}

/*
 * The next instant at which the colour of k could rise above colour, or 0
 * when it cannot by the passing of time (red, or no deadline). The
 * triggers that do not depend on time are looked at again when another
 * tool changes what they count, since it sets the watch to its now.
 */
static int64_t
next_watch(const struct policy *p, const struct kase *k, int colour, int64_t now)
{
	int64_t at[MI_COLOUR_N], t;
	int red = p->red[k->tier];

	/* a case waiting for its signature is looked at again when the limit passes */
	if (k->sign_due && !k->flagged && k->sign_due >= now && colour < MI_COLOUR_RED &&
	    (!k->has_due || k->sign_due + 1 < blue_from(p->cal, k->due,
	    p->blue[k->tier])))
		return k->sign_due + 1;
	if (colour >= MI_COLOUR_RED || !k->has_due)
		return 0;
	at[MI_COLOUR_BLUE] = blue_from(p->cal, k->due, p->blue[k->tier]);
	at[MI_COLOUR_YELLOW] = k->due + 1;
	at[MI_COLOUR_RED] = red <= 0 ? k->due + 1 :
	    mi_time_of_ymd(mi_ymd_of(mi_calendar_add_workdays(p->cal, k->due, red)), 0);
	t = at[colour + 1];
	/* Never now or before: a case looked at must leave the pass's query. */
	return t > now ? t : now + 1;
}

/* ---- reading and writing cases ---- */

#define CASE_COLS "id, tier, coalesce(resp_id, 0), due, colour, reopens, hotline_hits, " \
	"coalesce(street_id, 0), coalesce(community_id, 0), " \
	"CASE WHEN signed IS NULL THEN coalesce(sign_due, 0) ELSE 0 END, unsigned_at IS NOT NULL"

/* Named, since without statistics the planner may prefer cases_status and
 * read every open case. */
static const char sql_watched[] = "SELECT " CASE_COLS " FROM cases INDEXED BY cases_watch "
    "WHERE status = 'open' AND watch <= ?1 ORDER BY watch LIMIT 4096";
static const char sql_one[] = "SELECT " CASE_COLS ", status FROM cases WHERE id = ?1";
static const char sql_watch[] = "UPDATE cases SET watch = ?1 WHERE id = ?2";
static const char sql_colour[] =
    "UPDATE cases SET colour = ?1, watch = ?2, updated = ?3 WHERE id = ?4";
static const char sql_move[] =
    "UPDATE cases SET tier = ?1, resp_id = ?2, first_id = coalesce(first_id, resp_id), "
    "due = ?3, colour = ?4, watch = ?5, updated = ?6, "
    "sign_due = CASE WHEN ?8 THEN ?9 ELSE sign_due END, "
    "signed = CASE WHEN ?8 THEN NULL ELSE signed END, "
    "unsigned_at = CASE WHEN ?8 THEN NULL ELSE unsigned_at END WHERE id = ?7";
static const char sql_text[] = "SELECT category, text FROM cases WHERE id = ?1";

static void
row_kase(sqlite3_stmt *st, struct kase *k)
{
	k->id = sqlite3_column_int64(st, 0);
	k->tier = tier_of((const char *)sqlite3_column_text(st, 1));
	k->resp = sqlite3_column_int64(st, 2);
	k->has_due = sqlite3_column_type(st, 3) != SQLITE_NULL;
	k->due = k->has_due ? sqlite3_column_int64(st, 3) : 0;
	k->colour = mi_vocab_parse(MI_V_COLOUR, (const char *)sqlite3_column_text(st, 4));
	if (k->colour < 0)
		k->colour = MI_COLOUR_NONE;
	k->reopens = sqlite3_column_int(st, 5);
	k->hotline = sqlite3_column_int(st, 6);
	k->street = sqlite3_column_int64(st, 7);
	k->community = sqlite3_column_int64(st, 8);
	k->sign_due = sqlite3_column_int64(st, 9);
	k->flagged = sqlite3_column_int(st, 10);
	k->resign = 0;
}

/* 1 and k when the case exists (its status in status, 16 bytes), 0 when not. */
static int
load_case(struct sup *s, int64_t id, struct kase *k, char *status, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(s->c, sql_one, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return mi_db_fail(s->c->db, sql_one, e);
	row_kase(st, k);
	snprintf(status, 16, "%s", (const char *)sqlite3_column_text(st, 11));
	return 1;
}

static void
bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_colour(sqlite3_stmt *st, int i, int colour)
{
	if (colour > MI_COLOUR_NONE)
		sqlite3_bind_text(st, i, mi_vocab_name(MI_V_COLOUR, colour), -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int
write_watch(struct sup *s, int64_t id, int64_t watch, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(s->c, sql_watch, e);

	if (st == NULL)
		return -1;
	bind_opt(st, 1, watch);
	sqlite3_bind_int64(st, 2, id);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : mi_db_fail(s->c->db, sql_watch, e);
}

/* Adds the event, freeing the details. */
static int
event(struct sup *s, int64_t id, const char *kind, cJSON *d, mi_err *e)
{
	char *text = cJSON_PrintUnformatted(d);
	int rc;

	cJSON_Delete(d);
	rc = mi_event_add(s->c, id, kind, text, e);
	cJSON_free(text);
	return rc;
}

static void
add_time(cJSON *d, const char *key, int64_t t)
{
	char buf[24];

	cJSON_AddStringToObject(d, key, mi_time_format(t, buf, sizeof(buf)));
}

static void
add_code(const struct sup *s, cJSON *d, const char *key, int64_t unit)
{
	const char *code = code_of(s, unit);

	if (code)
		cJSON_AddStringToObject(d, key, code);
}

/* The row a callback gets, for the case as it stands in k. */
static void
describe(const struct sup *s, const struct kase *k, const struct verdict *v, int was,
    mi_escalation *x)
{
	const struct unit *u = unit_of(s, k->resp);

	memset(x, 0, sizeof(*x));
	x->id = k->id;
	x->was = was;
	x->colour = k->colour;
	x->tier = k->tier;
	x->from_tier = -1;
	if (u) {
		x->unit = u->code;
		x->unit_name = u->name;
		x->contact = u->contact;
		x->phone = u->phone;
	}
	x->due = k->has_due ? k->due : 0;
	x->left = v ? v->left : -1;
	x->overdue = v ? v->overdue : -1;
	x->why = v && v->why[0] ? v->why : NULL;
}

/* Gives the caller x, with the tier and unit the case left when before is
 * where it stood until it moved. */
static void
tell_moved(const struct sup *s, mi_escalation *x, const struct kase *before)
{
	if (before) {
		x->from_tier = before->tier;
		x->from_unit = code_of(s, before->resp);
	}
	s->o->changed(s->o->arg, x);
}

/* ---- moving a case up a tier ---- */

/* The street of a community-tier case: its own, else its community's. */
static int64_t
street_of(const struct sup *s, const struct kase *k)
{
	const struct unit *u;
	int64_t id = k->street ? k->street : (k->community ? k->community : k->resp);
	int hops;

	for (hops = 0; hops < 4 && (u = unit_of(s, id)) != NULL; hops++) {
		if (u->kind == MI_U_STREET)
			return u->id;
		id = u->parent;
	}
	return 0;
}

static int64_t
county_unit(struct sup *s, const struct kase *k, mi_err *e)
{
	sqlite3_stmt *st;
	char *category = NULL, *text = NULL;
	int64_t id;
	int rc;

	if ((rc = mi_row_by_id(s->c, sql_text, k->id, &st, e)) < 0)
		return -1;
	if (rc == 1) {
		category = dup_col(st, 0);
		text = dup_col(st, 1);
	}
	id = mi_route_department(s->c, category, text, e);
	free(category);
	free(text);
	return id;
}

/*
 * The tier above k's and the unit that takes the case there; 0 with why
 * set when there is none.
 */
static int
target(struct sup *s, const struct kase *k, int *tier, int64_t *unit, const char **why,
    mi_err *e)
{
	*unit = 0;
	*tier = k->tier + 1;
	if (k->tier == MI_TIER_COMMUNITY) {
		if ((*unit = street_of(s, k)) == 0)
			*why = _("has no street known to move up to (move it with route --to)");
	} else if (k->tier == MI_TIER_STREET) {
		if ((*unit = county_unit(s, k, e)) < 0)
			return -1;
		if (*unit == 0)
			*why = _("has no department for its category and there is no county centre "
			    "(move it with route --to)");
	} else
		*why = _("is at the county tier already");
	return 0;
}

/* Writes k's tier, unit, deadline and colour, and when it is next due a look. */
static int
write_move(struct sup *s, const struct kase *k, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(s->c, sql_move, e);
	int64_t now = s->c->now;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, mi_vocab_name(MI_V_TIER, k->tier), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, k->resp);
	sqlite3_bind_int64(st, 3, k->due);
	bind_colour(st, 4, k->colour);
	bind_opt(st, 5, next_watch(&s->pol, k, k->colour, now));
	sqlite3_bind_int64(st, 6, now);
	sqlite3_bind_int64(st, 7, k->id);
	sqlite3_bind_int(st, 8, k->resign);
	bind_opt(st, 9, k->sign_due);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : mi_db_fail(s->c->db, sql_move, e);
}

/*
 * Puts k in tier with unit responsible and a new deadline of the tier's
 * days from now; the first handler stays. Supervision starts over for the
 * new unit: the colour is what the new deadline and the red triggers give,
 * and a unit that was not responsible before signs for the case within
 * route.sign_days, as a dispatched case is signed for (签收).
 */
static int
relocate(struct sup *s, struct kase *k, int tier, int64_t unit, int64_t due, struct verdict *v,
    mi_err *e)
{
	k->resign = unit != k->resp;
	if (k->resign) {
		k->sign_due = mi_calendar_add_workdays(s->pol.cal, s->c->now, s->pol.sign_days);
		k->flagged = 0;
	}
	k->tier = tier;
	k->resp = unit;
	k->due = due;
	k->has_due = 1;
	evaluate(&s->pol, k, s->c->now, v);
	k->colour = v->colour;
	return write_move(s, k, e);
}

/* Moves k up to the tier above: 1 when it moved, 0 with why set when there
 * is nowhere to move it to. */
static int
move_up(struct sup *s, struct kase *k, const char *reason, int automatic, struct verdict *v,
    const char **why, mi_err *e)
{
	int64_t from = k->resp, due, unit;
	int from_tier = k->tier, tier;
	cJSON *d;

	*why = NULL;
	if (target(s, k, &tier, &unit, why, e) < 0)
		return -1;
	if (unit <= 0)
		return 0;
	due = mi_calendar_add_workdays(s->pol.cal, s->c->now, s->pol.days[tier]);
	if (relocate(s, k, tier, unit, due, v, e) < 0)
		return -1;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "from_tier", mi_vocab_name(MI_V_TIER, from_tier));
	add_code(s, d, "from_unit", from);
	cJSON_AddStringToObject(d, "tier", mi_vocab_name(MI_V_TIER, tier));
	add_code(s, d, "unit", unit);
	add_time(d, "due", due);
	cJSON_AddNumberToObject(d, "days", s->pol.days[tier]);
	if (k->resign)
		add_time(d, "sign_due", k->sign_due);
	if (k->colour != MI_COLOUR_NONE)
		cJSON_AddStringToObject(d, "colour", mi_vocab_name(MI_V_COLOUR, k->colour));
	cJSON_AddStringToObject(d, "reason", reason);
	cJSON_AddBoolToObject(d, "auto", automatic);
	s->stats->moved++;
	return event(s, k->id, "up", d, e) < 0 ? -1 : 1;
}

/* ---- the supervision pass ---- */

static int
colour_event(struct sup *s, const struct kase *k, int was, const struct verdict *v, mi_err *e)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "from", mi_vocab_name(MI_V_COLOUR, was));
	cJSON_AddStringToObject(d, "to", mi_vocab_name(MI_V_COLOUR, k->colour));
	if (v->why[0])
		cJSON_AddStringToObject(d, "why", v->why);
	cJSON_AddStringToObject(d, "tier", mi_vocab_name(MI_V_TIER, k->tier));
	add_code(s, d, "unit", k->resp);
	if (k->has_due)
		add_time(d, "due", k->due);
	if (v->left >= 0)
		cJSON_AddNumberToObject(d, "left", v->left);
	if (v->overdue >= 0)
		cJSON_AddNumberToObject(d, "overdue", v->overdue);
	return event(s, k->id, "colour", d, e);
}

/* A case that turned red in a tier that moves such cases up on its own. */
static int
auto_up(struct sup *s, struct kase *k, const struct verdict *v, const char **moved, mi_err *e)
{
	struct verdict after;
	char reason[128];
	const char *why;
	int rc;

	*moved = NULL;
	snprintf(reason, sizeof(reason), "turned red: %s", v->why);
	if ((rc = move_up(s, k, reason, 1, &after, &why, e)) < 0)
		return -1;
	if (rc == 0 && s->o->note)
		s->o->note(s->o->arg, k->id, why);
	if (rc == 1)
		*moved = code_of(s, k->resp);
	return 0;
}

static const char sql_flag[] = "UPDATE cases SET unsigned_at = ?1, updated = ?1 WHERE id = ?2";

/* A case its unit has not signed for within route.sign_days: an event,
 * once, and a note. */
static int
flag_unsigned(struct sup *s, struct kase *k, mi_err *e)
{
	sqlite3_stmt *st;
	cJSON *d;

	if (load_units(s, e) < 0 || (st = mi_stmt(s->c, sql_flag, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->c->now);
	sqlite3_bind_int64(st, 2, k->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(s->c->db, sql_flag, e);
	k->flagged = 1;
	d = cJSON_CreateObject();
	add_code(s, d, "unit", k->resp);
	add_time(d, "sign_due", k->sign_due);
	if (event(s, k->id, "unsigned", d, e) < 0)
		return -1;
	s->stats->unsigned_++;
	return 0;
}

/* Looks at one open case: its colour now, and when to look again. */
static int
supervise(struct sup *s, struct kase *k, mi_err *e)
{
	struct verdict v;
	struct kase before;
	mi_escalation x;
	const char *moved = NULL;
	sqlite3_stmt *st;
	int64_t now = s->c->now;
	int was = k->colour, colour;

	s->stats->looked++;
	if (s->o->progress && s->stats->looked % 10000 == 0)
		s->o->progress(s->o->arg, s->stats->looked);
	if (k->sign_due && !k->flagged && now > k->sign_due && flag_unsigned(s, k, e) < 0)
		return -1;
	evaluate(&s->pol, k, now, &v);
	/* Colours only rise while the case stays where it is. */
	colour = v.colour > was ? v.colour : was;
	if (colour == was)
		return write_watch(s, k->id, next_watch(&s->pol, k, colour, now), e);
	if (load_units(s, e) < 0 || (st = mi_stmt(s->c, sql_colour, e)) == NULL)
		return -1;
	k->colour = colour;
	bind_colour(st, 1, colour);
	bind_opt(st, 2, next_watch(&s->pol, k, colour, now));
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, k->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(s->c->db, sql_colour, e);
	if (colour_event(s, k, was, &v, e) < 0)
		return -1;
	s->stats->changed++;
	s->stats->colour[colour]++;
	before = *k;
	if (colour == MI_COLOUR_RED && s->pol.auto_up[k->tier] && auto_up(s, k, &v, &moved, e) < 0)
		return -1;
	if (s->o->changed) {
		describe(s, &before, &v, was, &x);
		x.moved_to = moved;
		s->o->changed(s->o->arg, &x);
	}
	return 0;
}

static int
pass_watched(struct sup *s, mi_err *e)
{
	struct kase *batch = mi_xcalloc(4096, sizeof(*batch));
	sqlite3_stmt *q;
	size_t n, i;
	int rc = 0;

	/* Every case looked at leaves the query (its watch moves past now), so
	 * the next batch is simply the first rows again. */
	do {
		if ((q = mi_stmt(s->c, sql_watched, e)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(q, 1, s->c->now);
		for (n = 0; n < 4096 && (rc = sqlite3_step(q)) == SQLITE_ROW; n++)
			row_kase(q, &batch[n]);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = mi_db_fail(s->c->db, sql_watched, e);
			break;
		}
		sqlite3_reset(q);
		rc = 0;
		for (i = 0; i < n && rc == 0; i++)
			rc = supervise(s, &batch[i], e);
	} while (rc == 0 && n > 0);
	free(batch);
	return rc;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The ids of ids without repeats, in their first order; caller frees. */
static mi_idv
unique_ids(const mi_idv *ids)
{
	mi_idv out = MI_IDV_INIT;
	int64_t *sorted;
	unsigned char *seen;
	size_t i, lo, hi, mid;

	if (ids->n == 0)
		return out;
	sorted = mi_xmalloc(ids->n * sizeof(*sorted));
	seen = mi_xcalloc(ids->n, 1);
	memcpy(sorted, ids->v, ids->n * sizeof(*sorted));
	mi_sort(sorted, ids->n, sizeof(*sorted), cmp_id);
	for (i = 0; i < ids->n; i++) {
		for (lo = 0, hi = ids->n; lo < hi;) {
			mid = (lo + hi) / 2;
			if (sorted[mid] < ids->v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!seen[lo]) {
			seen[lo] = 1;
			mi_idv_push(&out, ids->v[i]);
		}
	}
	free(sorted);
	free(seen);
	return out;
}

static void
skip(struct sup *s, int64_t id, const char *fmt, const char *arg)
{
	char why[160];

	snprintf(why, sizeof(why), fmt, arg);
	s->stats->skipped++;
	if (s->o->skipped)
		s->o->skipped(s->o->arg, id, why);
}

/* Loads each case given; calls fn on the open ones and skips the others. */
static int
each_open(struct sup *s, const mi_idv *ids, const char *what,
    int (*fn)(struct sup *, struct kase *, void *, mi_err *), void *arg, mi_err *e)
{
	mi_idv u = unique_ids(ids);
	struct kase k;
	char status[16];
	size_t i;
	int rc = 0;

	for (i = 0; i < u.n && rc == 0; i++) {
		if ((rc = load_case(s, u.v[i], &k, status, e)) < 0)
			break;
		if (rc == 0)
			skip(s, u.v[i], "%s", _("no such case"));
		else if (strcmp(status, "open") != 0)
			skip(s, u.v[i], what, status);
		else if (fn(s, &k, arg, e) < 0) {
			rc = -1;
			break;
		}
		rc = 0;
	}
	mi_idv_release(&u);
	return rc;
}

static int
supervise_fn(struct sup *s, struct kase *k, void *arg, mi_err *e)
{
	(void)arg;
	return supervise(s, k, e);
}

static int
finish(struct sup *s, int rc, mi_err *e)
{
	if (rc == 0)
		rc = mi_db_commit(s->c->db, e);
	mi_db_rollback(s->c->db);
	sup_release(s);
	return rc;
}

int
mi_escalate_pass(mi_ctx *c, const mi_idv *ids, const mi_escalate_opts *o,
    mi_escalate_stats *stats, mi_err *e)
{
	struct sup s;
	int rc;

	sup_init(&s, c, o, stats);
	if (mi_db_begin(c->db, e) < 0)
		return -1;
	if (ids)
		rc = each_open(&s, ids, _("is %s: only open cases are supervised"), supervise_fn,
		    NULL, e);
	else
		rc = pass_watched(&s, e);
	return finish(&s, rc, e);
}

/* ---- moving cases up by hand ---- */

static int
up_fn(struct sup *s, struct kase *k, void *arg, mi_err *e)
{
	struct verdict v;
	struct kase before = *k;
	mi_escalation x;
	const char *why;
	int rc;

	if ((rc = move_up(s, k, arg, 0, &v, &why, e)) < 0)
		return -1;
	if (rc == 0)
		skip(s, k->id, "%s", why);
	else if (s->o->changed) {
		describe(s, k, &v, before.colour, &x);
		tell_moved(s, &x, &before);
	}
	return 0;
}

int
mi_escalate_up(mi_ctx *c, const mi_idv *ids, const char *reason, const mi_escalate_opts *o,
    mi_escalate_stats *stats, mi_err *e)
{
	struct sup s;
	int rc;

	sup_init(&s, c, o, stats);
	if (load_units(&s, e) < 0 || mi_db_begin(c->db, e) < 0) {
		sup_release(&s);
		return -1;
	}
	rc = each_open(&s, ids, _("is %s: only open cases move up"), up_fn, (void *)reason, e);
	return finish(&s, rc, e);
}

/* ---- extensions (延期) ---- */

struct decide {
	int approve;
	const char *reason;
};

static const char sql_asked[] = "SELECT coalesce(ext_asked, 0) FROM cases WHERE id = ?";
static const char sql_approve[] =
    "UPDATE cases SET due = ?1, colour = ?2, watch = ?3, ext_asked = NULL, "
    "extensions = extensions + 1, updated = ?4 WHERE id = ?5";
static const char sql_deny[] = "UPDATE cases SET ext_asked = NULL, updated = ?1 WHERE id = ?2";

/* The centre approves (the deadline moves by the working days asked, the
 * colour starts over from it) or denies an extension a unit asked for. */
static int
decide_fn(struct sup *s, struct kase *k, void *arg, mi_err *e)
{
	const struct decide *dc = arg;
	struct verdict v;
	struct kase before = *k;
	mi_escalation x;
	sqlite3_stmt *st;
	cJSON *d;
	int days, rc;

	if ((rc = mi_row_by_id(s->c, sql_asked, k->id, &st, e)) < 0)
		return -1;
	days = rc ? sqlite3_column_int(st, 0) : 0;
	if (rc)
		sqlite3_reset(st);
	if (days <= 0) {
		skip(s, k->id, "%s", _("has no extension pending"));
		return 0;
	}
	memset(&v, 0, sizeof(v));
	v.left = v.overdue = -1;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "decision", dc->approve ? "approved" : "denied");
	cJSON_AddNumberToObject(d, "days", days);
	add_code(s, d, "unit", k->resp);
	if (dc->reason)
		cJSON_AddStringToObject(d, "reason", dc->reason);
	if (dc->approve) {
		if (k->has_due)
			add_time(d, "from", k->due);
		k->due = mi_calendar_add_workdays(s->pol.cal, k->has_due ? k->due : s->c->now, days);
		k->has_due = 1;
		add_time(d, "due", k->due);
		evaluate(&s->pol, k, s->c->now, &v);
		k->colour = v.colour;
		if ((st = mi_stmt(s->c, sql_approve, e)) == NULL) {
			cJSON_Delete(d);
			return -1;
		}
		sqlite3_bind_int64(st, 1, k->due);
		bind_colour(st, 2, k->colour);
		bind_opt(st, 3, next_watch(&s->pol, k, k->colour, s->c->now));
		sqlite3_bind_int64(st, 4, s->c->now);
		sqlite3_bind_int64(st, 5, k->id);
	} else {
		if ((st = mi_stmt(s->c, sql_deny, e)) == NULL) {
			cJSON_Delete(d);
			return -1;
		}
		sqlite3_bind_int64(st, 1, s->c->now);
		sqlite3_bind_int64(st, 2, k->id);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		cJSON_Delete(d);
		return mi_db_fail(s->c->db, dc->approve ? sql_approve : sql_deny, e);
	}
	if (event(s, k->id, "extension", d, e) < 0)
		return -1;
	s->stats->changed++;
	if (s->o->changed) {
		describe(s, k, dc->approve ? &v : NULL, before.colour, &x);
		x.decision = dc->approve ? "approved" : "denied";
		x.days = days;
		s->o->changed(s->o->arg, &x);
	}
	return 0;
}

int
mi_escalate_extension(mi_ctx *c, const mi_idv *ids, int approve, const char *reason,
    const mi_escalate_opts *o, mi_escalate_stats *stats, mi_err *e)
{
	struct sup s;
	struct decide dc = { approve, reason };
	int rc;

	sup_init(&s, c, o, stats);
	if (load_units(&s, e) < 0 || mi_db_begin(c->db, e) < 0) {
		sup_release(&s);
		return -1;
	}
	rc = each_open(&s, ids, _("is %s: only an open case's extension is decided"), decide_fn,
	    &dc, e);
	return finish(&s, rc, e);
}

/* ---- county consultation meetings ---- */

static int
resolve(const mi_gazetteer *g, const char *name, int64_t *id, mi_err *e)
{
	*id = mi_gaz_unit(g, name, -1);
	if (*id <= 0)
		return mi_err_set(e, MI_EX_USAGE, "%s unit '%s'", *id < 0 ? _("ambiguous") : _("unknown"),
		    name);
	return 0;
}

/* One unit present at a meeting, added to the array of codes. */
struct present {
	struct sup *s;
	const mi_gazetteer *g;
	cJSON *codes;
};

static int
present_part(void *arg, char *part, mi_err *e)
{
	struct present *p = arg;
	int64_t id;

	if (resolve(p->g, part, &id, e) < 0)
		return -1;
	cJSON_AddItemToArray(p->codes, cJSON_CreateString(code_of(p->s, id)));
	return 0;
}

/* The units present, as a JSON array of their codes (caller frees); the
 * list is split at ASCII and full-width commas and at 、. */
static int
meeting_units(struct sup *s, const mi_gazetteer *g, const char *list, char **out, mi_err *e)
{
	struct present p = { s, g, cJSON_CreateArray() };
	int rc = mi_each_part(list, present_part, &p, e);

	if (rc == 0 && cJSON_GetArraySize(p.codes) == 0)
		rc = mi_err_set(e, MI_EX_USAGE, "no units named in '%s'", list);
	*out = rc == 0 ? cJSON_PrintUnformatted(p.codes) : NULL;
	cJSON_Delete(p.codes);
	return rc;
}

struct meeting {
	const mi_meeting *m;
	char *units;               /* JSON array of codes */
	int64_t lead, due;
	int64_t id;                /* 0 until the first case is recorded */
};

static int
meeting_row(struct sup *s, struct meeting *mt, mi_err *e)
{
	static const char find[] = "SELECT id FROM meetings WHERE held = ?1 AND units = ?2 "
	    "AND decision = ?3 ORDER BY id LIMIT 1";
	static const char add[] = "INSERT INTO meetings(held, units, decision, lead_id, due, "
	    "operator, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	if (mt->id)
		return 0;
	/* The same meeting recorded again is the same meeting. */
	if ((st = mi_stmt(s->c, find, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mt->m->held);
	sqlite3_bind_text(st, 2, mt->units, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mt->m->decision, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mt->id = sqlite3_column_int64(st, 0);
		return 0;
	}
	if (rc != SQLITE_DONE)
		return mi_db_fail(s->c->db, find, e);
	if ((st = mi_stmt(s->c, add, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mt->m->held);
	sqlite3_bind_text(st, 2, mt->units, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mt->m->decision, -1, SQLITE_STATIC);
	bind_opt(st, 4, mt->lead);
	bind_opt(st, 5, mt->due);
	sqlite3_bind_text(st, 6, s->c->op, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, s->c->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(s->c->db, add, e);
	mt->id = sqlite3_last_insert_rowid(s->c->db);
	return 0;
}

/* Links the case to the meeting: 1 when new, 0 when it was linked already. */
static int
link_case(struct sup *s, struct meeting *mt, int64_t id, mi_err *e)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO meeting_cases(meeting_id, case_id) VALUES (?1, ?2)";
	sqlite3_stmt *st;

	if (meeting_row(s, mt, e) < 0 || (st = mi_stmt(s->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mt->id);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(s->c->db, sql, e);
	return sqlite3_changes(s->c->db) > 0;
}

/* A new deadline for the unit it has: the colour stays, the watch moves. */
static int
new_due(struct sup *s, struct kase *k, int64_t due, struct verdict *v, mi_err *e)
{
	k->due = due;
	k->has_due = 1;
	evaluate(&s->pol, k, s->c->now, v);
	if (v->colour > k->colour)
		k->colour = v->colour;
	return write_move(s, k, e);
}

static int
meeting_fn(struct sup *s, struct kase *k, void *arg, mi_err *e)
{
	struct meeting *mt = arg;
	struct verdict v;
	struct kase before = *k;
	mi_escalation x;
	cJSON *d;
	int rc;

	if ((rc = link_case(s, mt, k->id, e)) < 0)
		return -1;
	if (rc == 0) {
		if (s->o->note)
			s->o->note(s->o->arg, k->id, _("is recorded at this meeting already"));
		return 0;
	}
	memset(&v, 0, sizeof(v));
	v.left = v.overdue = -1;
	if (mt->lead && relocate(s, k, MI_TIER_COUNTY, mt->lead, mt->due, &v, e) < 0)
		return -1;
	if (!mt->lead && mt->due && new_due(s, k, mt->due, &v, e) < 0)
		return -1;
	d = cJSON_CreateObject();
	cJSON_AddNumberToObject(d, "meeting", (double)mt->id);
	add_time(d, "held", mt->m->held);
	cJSON_AddItemToObject(d, "units", cJSON_Parse(mt->units));
	cJSON_AddStringToObject(d, "decision", mt->m->decision);
	if (mt->lead) {
		add_code(s, d, "lead", mt->lead);
		add_code(s, d, "from_unit", before.resp);
		if (k->resign)
			add_time(d, "sign_due", k->sign_due);
	}
	if (mt->due)
		add_time(d, "due", mt->due);
	if (event(s, k->id, "meeting", d, e) < 0)
		return -1;
	s->stats->changed++;
	if (s->o->changed) {
		describe(s, k, mt->due ? &v : NULL, before.colour, &x);
		x.meeting = mt->id;
		x.held = mt->m->held;
		tell_moved(s, &x, mt->lead ? &before : NULL);
	}
	return 0;
}

int
mi_escalate_meeting(mi_ctx *c, const mi_idv *ids, const mi_meeting *m, const mi_escalate_opts *o,
    mi_escalate_stats *stats, int64_t *meeting, mi_err *e)
{
	struct sup s;
	struct meeting mt;
	mi_gazetteer *g = NULL;
	int rc = -1;

	memset(&mt, 0, sizeof(mt));
	mt.m = m;
	*meeting = 0;
	sup_init(&s, c, o, stats);
	if (load_units(&s, e) < 0 || mi_gaz_load(c->db, &g, e) < 0)
		goto out;
	if (meeting_units(&s, g, m->units, &mt.units, e) < 0)
		goto out;
	if (m->lead && resolve(g, m->lead, &mt.lead, e) < 0)
		goto out;
	mt.due = m->due;
	if (mt.lead && mt.due == 0)
		mt.due = mi_calendar_add_workdays(s.pol.cal, m->held, s.pol.days[MI_TIER_COUNTY]);
	if (mt.due && mt.due < m->held) {
		mi_err_set(e, MI_EX_USAGE, "the deadline is before the meeting");
		goto out;
	}
	if (mi_db_begin(c->db, e) < 0)
		goto out;
	rc = each_open(&s, ids, _("is %s: only open cases go to a meeting"), meeting_fn, &mt, e);
	*meeting = mt.id;
	mi_gaz_free(g);
	free(mt.units);
	return finish(&s, rc, e);
out:
	mi_gaz_free(g);
	free(mt.units);
	sup_release(&s);
	return -1;
}

/* ---- the colour report ---- */

struct tally {
	size_t unit;               /* index in the units */
	long open, n[MI_COLOUR_N];
	int64_t oldest, oldest_due;
	int overdue;
};

static int
cmp_tally(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int i;

	for (i = MI_COLOUR_RED; i > MI_COLOUR_NONE; i--)
		if (x->n[i] != y->n[i])
			return x->n[i] < y->n[i] ? 1 : -1;
	if (x->open != y->open)
		return x->open < y->open ? 1 : -1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static void
tally_case(struct sup *s, struct tally *t, const struct kase *k)
{
	struct verdict v;
	int colour;

	evaluate(&s->pol, k, s->c->now, &v);
	colour = v.colour > k->colour ? v.colour : k->colour;
	t->open++;
	t->n[colour]++;
	if (v.overdue >= 0 && (t->oldest == 0 || k->due < t->oldest_due ||
	    (k->due == t->oldest_due && k->id < t->oldest))) {
		t->oldest = k->id;
		t->oldest_due = k->due;
		t->overdue = v.overdue;
	}
}

static void
report_rows(struct sup *s, struct tally *t, size_t n, mi_out *out)
{
	char num[6][24], due[24];
	const char *v[9];
	size_t i;
	int j;

	for (i = 0; i < n; i++) {
		if (t[i].open == 0)
			continue;
		v[0] = s->u[t[i].unit].code;
		v[1] = s->u[t[i].unit].name;
		snprintf(num[0], sizeof(num[0]), "%ld", t[i].open);
		v[2] = num[0];
		for (j = MI_COLOUR_BLUE; j <= MI_COLOUR_RED; j++) {
			snprintf(num[j], sizeof(num[j]), "%ld", t[i].n[j]);
			v[2 + j] = num[j];
		}
		snprintf(num[4], sizeof(num[4]), "%lld", (long long)t[i].oldest);
		snprintf(num[5], sizeof(num[5]), "%d", t[i].overdue);
		v[6] = t[i].oldest ? num[4] : NULL;
		v[7] = t[i].oldest ? mi_time_format(t[i].oldest_due, due, sizeof(due)) : NULL;
		v[8] = t[i].oldest ? num[5] : NULL;
		mi_out_row(out, v);
	}
}

int
mi_escalate_report(mi_ctx *c, mi_out *out, mi_err *e)
{
	static const char sql[] = "SELECT " CASE_COLS " FROM cases WHERE status = 'open'";
	static const char *const cols[] = { "unit", "unit_name", "open", "blue", "yellow", "red",
		"oldest", "oldest_due", "overdue" };
	static const mi_escalate_opts none;
	mi_escalate_stats stats;
	struct sup s;
	struct tally *t;
	const struct unit *u;
	struct kase k;
	sqlite3_stmt *q;
	size_t i;
	int rc;

	memset(&stats, 0, sizeof(stats));
	sup_init(&s, c, &none, &stats);
	if (load_units(&s, e) < 0 || (q = mi_stmt(c, sql, e)) == NULL) {
		sup_release(&s);
		return -1;
	}
	t = mi_xcalloc(s.nu + 1, sizeof(*t));
	for (i = 0; i < s.nu; i++)
		t[i].unit = i;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		row_kase(q, &k);
		if ((u = unit_of(&s, k.resp)) != NULL)
			tally_case(&s, &t[u - s.u], &k);
	}
	if (rc != SQLITE_DONE)
		rc = mi_db_fail(c->db, sql, e);
	else {
		rc = 0;
		mi_sort(t, s.nu, sizeof(*t), cmp_tally);
		for (i = 0; i < MI_ARRAY_LEN(cols); i++)
			mi_out_col(out, cols[i], i < 2 ? MI_COL_STR : i == 7 ? MI_COL_TIME : i == 6 ? MI_COL_INT | MI_COL_ID : MI_COL_INT);
		report_rows(&s, t, s.nu, out);
	}
	free(t);
	sup_release(&s);
	return rc;
}
