/* teams.c - the collection teams (社情民意搜集小分队): their roster, list and card. */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

/* The columns of a roster: one row per member, each with its team. */
static const char *const col_tcode[] = { "team_code", "小分队编码", "小分队代码", "队伍编码",
	"队伍代码", NULL };
static const char *const col_team[] = { "team", "team_name", "小分队", "小分队名称",
	"搜集小分队", "队伍名称", NULL };
static const char *const col_comm[] = { "community", "社区", "所属社区", NULL };
static const char *const col_estates[] = { "estates", "包保小区", "负责小区", "小区", NULL };
static const char *const col_captain[] = { "captain", "队长", "双队长", NULL };
static const char *const col_mname[] = { "name", "姓名", "成员", "成员姓名", NULL };
static const char *const col_munit[] = { "unit", "单位", "所属单位", "工作单位", NULL };
static const char *const col_mrole[] = { "role", "角色", "职务", "身份", NULL };
static const char *const col_mphone[] = { "phone", "电话", "联系电话", "手机", NULL };

static const char *const *const roster_cols[] = { col_tcode, col_team, col_comm, col_estates,
	col_captain, col_mname, col_munit, col_mrole, col_mphone };

#define CAPTAIN "包小区干部"
#define SECRETARY "民情书记"

/* A record's value under the first of names it has. */
static const char *
get(const mi_record *rec, const char *const *names)
{
	return mi_record_get_any(rec, names);
}

int
mi_roster_header(const mi_record *rec)
{
	return (get(rec, col_tcode) || get(rec, col_team)) && get(rec, col_mname) &&
	    get(rec, col_mrole);
}

int
mi_roster_uses(const char *col)
{
	const char *const *k;
	size_t j;

	for (j = 0; j < MI_ARRAY_LEN(roster_cols); j++)
		for (k = roster_cols[j]; *k; k++)
			if (mi_colname_like(col, *k))
				return 1;
	return 0;
}

/* One member row, kept until its team is whole. */
struct mrow {
	long line;
	char *team, *tname, *comm, *estates, *name, *unit, *role, *phone;
	int captain;
	mi_record *rec;
};

struct mi_roster {
	mi_ctx *c;
	const char *file;
	int strict;
	mi_reject_fn rej;
	void *arg;
	mi_import_stats *stats;
	struct mrow *rows;
	size_t n, cap;
	char *last;            /* the team of the row before: a merged cell repeats it */
};

static char *
cell(const mi_record *rec, const char *const *names)
{
	const char *v = get(rec, names);

	return mi_trim(mi_xstrdup(v ? v : ""));
}

mi_roster *
mi_roster_new(mi_ctx *c, const char *file, int strict, mi_reject_fn rej, void *arg,
    mi_import_stats *stats)
{
	mi_roster *r = mi_xcalloc(1, sizeof(*r));

	r->c = c;
	r->file = file;
	r->strict = strict;
	r->rej = rej;
	r->arg = arg;
	r->stats = stats;
	return r;
}

void
mi_roster_free(mi_roster *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		struct mrow *m = &r->rows[i];

		free(m->team); free(m->tname); free(m->comm); free(m->estates); free(m->name);
		free(m->unit); free(m->role); free(m->phone);
		mi_record_free(m->rec);
	}
	free(r->rows);
	free(r->last);
	free(r);
}

static int
refuse(mi_roster *r, const char *why, const mi_record *rec, mi_err *e)
{
	return mi_record_refuse(r->file, rec, why, r->strict, r->rej, r->arg, &r->stats->rejected,
	    e);
}

/* A captain's mark: anything but blank, 否, no, 0 or a dash. */
static int
marked(const char *v)
{
	static const char *const no[] = { "", "否", "no", "No", "NO", "n", "N", "0", "false", "-",
		"—", "/", NULL };
	size_t i;

	for (i = 0; no[i]; i++)
		if (strcmp(v, no[i]) == 0)
			return 0;
	return 1;
}

int
mi_roster_add(mi_roster *r, const mi_record *rec, mi_err *e)
{
	struct mrow m;
	char *cap;

	if (rec->bad)
		return refuse(r, rec->bad, rec, e);
	memset(&m, 0, sizeof(m));
	m.line = rec->line;
	m.team = cell(rec, col_tcode);
	m.tname = cell(rec, col_team);
	if (!*m.team && *m.tname) {
		free(m.team);
		m.team = mi_xstrdup(m.tname);
	}
	/* A team's cells merged down the rows it spans are blank below its first. */
	if (!*m.team && r->last) {
		free(m.team);
		m.team = mi_xstrdup(r->last);
	}
	if (!*m.team) {
		free(m.team); free(m.tname);
		return refuse(r, _("no team code or name"), rec, e);
	}
	free(r->last);
	r->last = mi_xstrdup(m.team);
	m.comm = cell(rec, col_comm);
	m.estates = cell(rec, col_estates);
	m.name = cell(rec, col_mname);
	m.unit = cell(rec, col_munit);
	m.role = cell(rec, col_mrole);
	m.phone = cell(rec, col_mphone);
	cap = cell(rec, col_captain);
	m.captain = marked(cap);
	free(cap);
	m.rec = mi_record_dup(rec);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->rows = mi_xrealloc(r->rows, r->cap * sizeof(*r->rows));
	}
	r->rows[r->n++] = m;
	return 0;
}

/* ---- one team of the roster ---- */

struct team {
	const char *code, *name;
	int64_t community;
	mi_idv estates;
	mi_idv people;         /* the members, each once */
	const char **roles;    /* their roles, in step with people */
	int64_t captain, secretary;
	char why[240];         /* a fault of the whole team */
};

/* Splits a list of estates on ; ； , ， 、 and resolves each inside the
 * team's community. */
/* One estate of a team's list: found in the team's community, once. */
struct estate_part {
	const mi_gazetteer *g;
	struct team *t;
};

static int
estate_part(void *arg, char *p, mi_err *e)
{
	struct estate_part *x = arg;
	struct team *t = x->t;
	int64_t id = mi_gaz_find(x->g, MI_U_ESTATE, p, t->community);
	size_t i;

	(void)e;
	if (id > 0) {
		for (i = 0; i < t->estates.n && t->estates.v[i] != id; i++)
			;
		if (i == t->estates.n)
			mi_idv_push(&t->estates, id);
	} else if (id == 0 && mi_gaz_find(x->g, MI_U_ESTATE, p, 0) != 0)
		snprintf(t->why, sizeof(t->why), _("estate '%.60s' is not in community "
		    "'%.60s'"), p, mi_gaz_name(x->g, t->community));
	else
		snprintf(t->why, sizeof(t->why), id < 0 ? _("ambiguous estate '%.60s'") :
		    _("unknown estate '%.60s'"), p);
	return t->why[0] ? 1 : 0;
}

static void
team_estates(const mi_gazetteer *g, const char *list, struct team *t)
{
	struct estate_part x = { g, t };

	if (!t->why[0])
		mi_each_part(list, estate_part, &x, NULL);
}

/* The team's own cells: its name, its community and estates, the same on
 * every row that gives them. */
static void
team_head(mi_roster *r, const mi_gazetteer *g, size_t first, struct team *t)
{
	const char *comm = NULL;
	size_t i;
	int64_t id;

	t->code = r->rows[first].team;
	for (i = first; i < r->n; i++) {
		struct mrow *m = &r->rows[i];

		if (strcmp(m->team, t->code) != 0)
			continue;
		if (!t->name && *m->tname)
			t->name = m->tname;
		if (*m->comm && comm && strcmp(comm, m->comm) != 0 && !t->why[0])
			snprintf(t->why, sizeof(t->why), _("team '%.40s' names two communities, "
			    "'%.40s' and '%.40s'"), t->code, comm, m->comm);
		if (*m->comm && !comm)
			comm = m->comm;
	}
	if (!t->name)
		t->name = t->code;
	if (t->why[0])
		return;
	if (!comm) {
		snprintf(t->why, sizeof(t->why), _("team '%.40s' has no community"), t->code);
		return;
	}
	id = mi_gaz_find(g, MI_U_COMMUNITY, comm, 0);
	if (id <= 0) {
		snprintf(t->why, sizeof(t->why), id < 0 ? _("ambiguous community '%.60s'") :
		    _("unknown community '%.60s'"), comm);
		return;
	}
	t->community = id;
	for (i = first; i < r->n && !t->why[0]; i++)
		if (strcmp(r->rows[i].team, t->code) == 0 && *r->rows[i].estates)
			team_estates(g, r->rows[i].estates, t);
}

/* The person of a member row: found by unit and name, else added to people
 * from the row. 0 and why when the row cannot say who. */
static int64_t
member(mi_roster *r, const mi_gazetteer *g, const struct mrow *m, char *why, size_t nwhy,
    mi_err *e)
{
	static const char sql_find[] = "SELECT id FROM people WHERE unit_id = ? AND name = ?";
	static const char sql_add[] = "INSERT INTO people(name, phone, unit_id, role, updated) "
	    "VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	char phone[32] = "";
	int64_t unit, id = 0;
	int k, rc;

	if (!*m->name) {
		snprintf(why, nwhy, "%s", _("no name"));
		return 0;
	}
	if (!mi_role_ok(r->c->cfg, m->role)) {
		mi_buf roles = MI_BUF_INIT;

		mi_roles_list(r->c->cfg, &roles);
		snprintf(why, nwhy, _("unknown role '%.40s' (expected one of units.roles: %s)"),
		    m->role, mi_buf_str(&roles));
		mi_buf_release(&roles);
		return 0;
	}
	if (mi_phone_norm(m->phone, phone, sizeof(phone)) < 0) {
		mi_phone_why(m->phone, why, nwhy);
		return 0;
	}
	unit = mi_gaz_find(g, -1, m->unit, 0);
	for (k = 0; unit == 0 && k < MI_U_NKINDS; k++)
		unit = mi_gaz_find(g, k, m->unit, 0);
	if (unit <= 0) {
		snprintf(why, nwhy, unit < 0 ? _("ambiguous unit '%.60s'") : _("unknown unit '%.60s'"),
		    m->unit);
		return 0;
	}
	if (m->captain && strcmp(m->role, CAPTAIN) != 0 && strcmp(m->role, SECRETARY) != 0) {
		snprintf(why, nwhy, _("captain '%.40s' is a %.40s, not a 包小区干部 or 民情书记"),
		    m->name, m->role);
		return 0;
	}
	if ((st = mi_stmt(r->c, sql_find, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, unit);
	sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_find, e);
	sqlite3_reset(st);
	if (id)
		return id;
	if ((st = mi_stmt(r->c, sql_add, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
	mi_bind_text(st, 2, phone);
	sqlite3_bind_int64(st, 3, unit);
	sqlite3_bind_text(st, 4, m->role, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, r->c->now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_add, e);
	r->stats->added++;
	return sqlite3_last_insert_rowid(r->c->db);
}

/* Member row m of team t: checked and found, or refused. */
static int
team_row(mi_roster *r, const mi_gazetteer *g, struct mrow *m, struct team *t, mi_err *e)
{
	char why[512];
	size_t j;
	int64_t id = 0;

	why[0] = '\0';
	if (t->why[0])
		snprintf(why, sizeof(why), "%s", t->why);
	else if ((id = member(r, g, m, why, sizeof(why), e)) < 0)
		return -1;
	if (!why[0]) {
		for (j = 0; j < t->people.n && t->people.v[j] != id; j++)
			;
		if (j < t->people.n)
			snprintf(why, sizeof(why), _("'%.40s' appears twice in team '%.40s'"),
			    m->name, t->code);
		else if (m->captain && (strcmp(m->role, CAPTAIN) == 0 ? t->captain :
		    t->secretary))
			snprintf(why, sizeof(why), _("team '%.40s' has a %.40s captain already"),
			    t->code, m->role);
	}
	if (why[0])
		return refuse(r, why, m->rec, e);
	mi_idv_push(&t->people, id);
	t->roles = mi_xrealloc(t->roles, t->people.n * sizeof(*t->roles));
	t->roles[t->people.n - 1] = m->role;
	if (m->captain)
		*(strcmp(m->role, CAPTAIN) == 0 ? &t->captain : &t->secretary) = id;
	return 0;
}

/* What the database holds of a team, as one string to compare. */
static int
team_state(mi_ctx *c, int64_t id, mi_buf *b, mi_err *e)
{
	static const char sql[] =
	    "SELECT t.name || char(31) || t.community_id || char(31) || "
	    "coalesce(t.captain_id, '') || char(31) || coalesce(t.secretary_id, '') || char(31) || "
	    "coalesce((SELECT group_concat(estate_id) FROM (SELECT estate_id FROM team_estates "
	    "WHERE team_id = t.id ORDER BY estate_id)), '') || char(31) || "
	    "coalesce((SELECT group_concat(x) FROM (SELECT person_id || ':' || role AS x "
	    "FROM team_members WHERE team_id = t.id ORDER BY person_id)), '') "
	    "FROM teams t WHERE t.id = ?";
	sqlite3_stmt *st;
	int rc;

	mi_buf_reset(b);
	if ((rc = mi_row_by_id(c, sql, id, &st, e)) < 0)
		return -1;
	if (rc > 0)
		mi_buf_puts(b, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return 0;
}

static int
exec_id(mi_ctx *c, const char *sql, int64_t a, int64_t b, const char *s, mi_err *e)
{
	sqlite3_stmt *st = mi_stmt(c, sql, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	if (b)
		sqlite3_bind_int64(st, 2, b);
	if (s)
		sqlite3_bind_text(st, 3, s, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	return 0;
}

/* Writes team t: its head, its estates and its members replaced. */
static int
team_store(mi_roster *r, struct team *t, mi_err *e)
{
	static const char sql_find[] = "SELECT id FROM teams WHERE code = ?";
	static const char sql_ins[] = "INSERT INTO teams(code, name, community_id, captain_id, "
	    "secretary_id, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET "
	    "name = ?2, community_id = ?3, captain_id = ?4, secretary_id = ?5, updated = ?6";
	static const char sql_noest[] = "DELETE FROM team_estates WHERE team_id = ?1";
	static const char sql_est[] = "INSERT INTO team_estates(team_id, estate_id) VALUES (?1, ?2)";
	static const char sql_nomem[] = "DELETE FROM team_members WHERE team_id = ?1";
	static const char sql_mem[] = "INSERT INTO team_members(team_id, person_id, role) "
	    "VALUES (?1, ?2, ?3)";
	mi_buf before = MI_BUF_INIT, after = MI_BUF_INIT;
	sqlite3_stmt *st;
	int64_t id = 0;
	size_t i;
	int rc = -1, found;

	if ((st = mi_stmt(r->c, sql_find, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, t->code, -1, SQLITE_STATIC);
	if ((found = sqlite3_step(st)) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (found != SQLITE_ROW && found != SQLITE_DONE)
		return mi_db_fail(r->c->db, sql_find, e);
	if (id && team_state(r->c, id, &before, e) < 0)
		goto out;
	if ((st = mi_stmt(r->c, sql_ins, e)) == NULL)
		goto out;
	sqlite3_bind_text(st, 1, t->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, t->community);
	mi_bind_id(st, 4, t->captain);
	mi_bind_id(st, 5, t->secretary);
	sqlite3_bind_int64(st, 6, r->c->now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		mi_db_fail(r->c->db, sql_ins, e);
		goto out;
	}
	if (!id)
		id = sqlite3_last_insert_rowid(r->c->db);
	if (exec_id(r->c, sql_noest, id, 0, NULL, e) < 0 ||
	    exec_id(r->c, sql_nomem, id, 0, NULL, e) < 0)
		goto out;
	for (i = 0; i < t->estates.n; i++)
		if (exec_id(r->c, sql_est, id, t->estates.v[i], NULL, e) < 0)
			goto out;
	for (i = 0; i < t->people.n; i++)
		if (exec_id(r->c, sql_mem, id, t->people.v[i], t->roles[i], e) < 0)
			goto out;
	if (team_state(r->c, id, &after, e) < 0)
		goto out;
	if (!before.len)
		r->stats->added++;
	else if (strcmp(mi_buf_str(&before), mi_buf_str(&after)) != 0)
		r->stats->updated++;
	else {
		/* nothing changed: the time it was last changed stays */
		r->stats->unchanged++;
	}
	rc = 0;
out:
	mi_buf_release(&before);
	mi_buf_release(&after);
	return rc;
}

int
mi_roster_finish(mi_roster *r, mi_err *e)
{
	mi_gazetteer *g = NULL;
	struct team *t;
	size_t *of, nt = 0, i, k;
	int rc = 0;

	if (r->n == 0)
		return 0;
	if (mi_gaz_load(r->c->db, &g, e) < 0)
		return -1;
	/* The teams in the order they first appear, each checked whole; then
	 * the rows in their order, so that the refusals come line by line. */
	t = mi_xcalloc(r->n, sizeof(*t));
	of = mi_xcalloc(r->n, sizeof(*of));
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < nt && strcmp(t[k].code, r->rows[i].team) != 0; k++)
			;
		if (k == nt)
			team_head(r, g, i, &t[nt++]);
		of[i] = k;
	}
	for (i = 0; i < r->n && rc == 0; i++)
		rc = team_row(r, g, &r->rows[i], &t[of[i]], e);
	/* A team none of whose rows was taken is left as it was. */
	for (k = 0; k < nt && rc == 0; k++)
		if (t[k].people.n > 0)
			rc = team_store(r, &t[k], e);
	for (k = 0; k < nt; k++) {
		mi_idv_release(&t[k].estates);
		mi_idv_release(&t[k].people);
		free(t[k].roles);
	}
	free(t);
	free(of);
	mi_gaz_free(g);
	return rc;
}

/* ---- finding a team ---- */

int64_t
mi_team_find(mi_ctx *c, const char *s, mi_err *e)
{
	static const char sql[] = "SELECT id FROM teams WHERE code = ?1 UNION ALL "
	    "SELECT id FROM teams WHERE name = ?1 AND code <> ?1 AND "
	    "NOT EXISTS (SELECT 1 FROM teams WHERE code = ?1) LIMIT 2";
	sqlite3_stmt *st;
	int64_t id = 0;
	int n = 0, rc;

	if (s == NULL || *s == '\0')
		return 0;
	if ((st = mi_stmt(c, sql, e)) == NULL)
		return -2;
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		mi_db_fail(c->db, sql, e);
		return -2;
	}
	return n > 1 ? -1 : id;
}

int
mi_team_arg(mi_ctx *c, const char *s, int64_t *id, mi_err *e)
{
	if ((*id = mi_team_find(c, s, e)) > 0)
		return 0;
	if (*id == -2)
		return -1;
	return mi_err_set(e, MI_EX_USAGE, *id < 0 ? "ambiguous team '%s' (give its code)" :
	    N_("unknown team '%s'"), s);
}

/* ---- listing ---- */

/* The estates of team t.id, by name in code order, joined with ';'. */
#define ESTATE_NAMES "(SELECT group_concat(n, ';') FROM (SELECT e.name AS n " \
	"FROM team_estates te JOIN units e ON e.id = te.estate_id WHERE te.team_id = t.id " \
	"ORDER BY e.code))"

int
mi_teams_list(mi_ctx *c, mi_out *out, mi_err *e)
{
	static const char sql[] =
	    "SELECT t.code, t.name, m.name, (SELECT count(*) FROM team_members "
	    "WHERE team_id = t.id), cp.name, cu.name, sp.name, su.name, "
	    "(SELECT count(*) FROM team_estates WHERE team_id = t.id), " ESTATE_NAMES " "
	    "FROM teams t JOIN units m ON m.id = t.community_id "
	    "LEFT JOIN people cp ON cp.id = t.captain_id LEFT JOIN units cu ON cu.id = cp.unit_id "
	    "LEFT JOIN people sp ON sp.id = t.secretary_id "
	    "LEFT JOIN units su ON su.id = sp.unit_id ORDER BY t.code";
	/* The captains are staff, published on the team's card: in clear. */
	static const struct mi_col cols[] = {
		{ "code", MI_COL_STR }, { "name", MI_COL_STR }, { "community", MI_COL_STR },
		{ "members", MI_COL_INT }, { "captain", MI_COL_STR }, { "captain_unit", MI_COL_STR },
		{ "secretary", MI_COL_STR }, { "secretary_unit", MI_COL_STR },
		{ "estates", MI_COL_INT }, { "estate_names", MI_COL_STR }, { NULL, 0 }
	};

	return mi_units_rows(c, out, sql, cols, 0, -1, e);
}

int
mi_team_card(mi_ctx *c, const char *team, mi_out *out, mi_err *e)
{
	static const char sql[] =
	    "SELECT t.name, m.name, " ESTATE_NAMES ", p.name, tm.role, u.name, p.phone, "
	    "CASE WHEN p.id = t.captain_id OR p.id = t.secretary_id THEN '队长' END "
	    "FROM teams t JOIN units m ON m.id = t.community_id "
	    "JOIN team_members tm ON tm.team_id = t.id JOIN people p ON p.id = tm.person_id "
	    "JOIN units u ON u.id = p.unit_id WHERE t.id = ?1 "
	    "ORDER BY p.id = t.captain_id DESC, p.id = t.secretary_id DESC, "
	    "CASE tm.role WHEN '小区书记' THEN 0 WHEN '社区工作者' THEN 1 WHEN '物业经理' THEN 2 "
	    "WHEN '业委会成员' THEN 3 WHEN '党员中心户' THEN 4 ELSE 5 END, tm.role, p.name";
	/* Staff contact details published on the card are public by design:
	 * neither the names nor the phones are masked. */
	static const struct mi_col cols[] = {
		{ "team", MI_COL_STR }, { "community", MI_COL_STR }, { "estate_names", MI_COL_STR },
		{ "member", MI_COL_STR }, { "role", MI_COL_STR }, { "unit", MI_COL_STR },
		{ "phone", MI_COL_STR }, { "is_captain", MI_COL_STR }, { NULL, 0 }
	};
	int64_t id;

	if (mi_team_arg(c, team, &id, e) < 0)
		return -1;
	return mi_units_rows(c, out, sql, cols, id, -1, e);
}
