/* units.c - importing and listing the organisation: units and people. */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"

/* The built-in roles: units.roles of the built-in config says the same. */
const char *const mi_roles[] = {
	"包小区干部", "民情书记", "小区书记", "社区党委书记", "社区书记", "社区工作者", "物业经理",
	"业委会成员", "党员中心户", "小区长", "楼长", "民警", "法律顾问", NULL
};

static const char *const col_code[] = { "code", "编码", "代码", "单位编码", NULL };
static const char *const col_name[] = { "name", "名称", "单位名称", "姓名", NULL };
static const char *const col_kind[] = { "kind", "类型", "层级", "单位类型", NULL };
static const char *const col_parent[] = { "parent", "上级", "上级编码", "parent_code", "上级单位",
	"上级单位编码", NULL };
static const char *const col_contact[] = { "contact", "联系人", NULL };
static const char *const col_phone[] = { "phone", "电话", "联系电话", "手机", NULL };
static const char *const col_unit[] = { "unit", "单位", "所属单位", NULL };
static const char *const col_role[] = { "role", "角色", "职务", NULL };
static const char *const col_covers[] = { "covers", "包保小区", "包小区", NULL };

/* A record's value under the first of names it has. */
static const char *
get(const mi_record *rec, const char *const *names)
{
	return mi_record_get_any(rec, names);
}

/* One row of a units file, kept until its parent is known. */
struct urow {
	long line;
	char *code, *name, *parent, *contact, *phone;
	int kind;
	int pkind;             /* a platform's MI_P_* (kind is then -1), else -1 */
	int state;             /* 0 waiting, 1 stored, 2 rejected */
	mi_record *rec;        /* a copy, for the rejects file */
};

struct uimport {
	mi_ctx *c;
	const char *file;
	int strict;
	mi_reject_fn rej;
	void *arg;
	mi_import_stats *stats;
	mi_import_stats base;      /* the counts before this file */
	struct urow *rows;
	size_t n, cap;
};

static char *
dup_trim(const char *s)
{
	return s ? mi_trim(mi_xstrdup(s)) : mi_xstrdup("");
}

static int
reject(struct uimport *u, const char *why, const mi_record *rec, mi_err *e)
{
	return mi_record_refuse(u->file, rec, why, u->strict, u->rej, u->arg, &u->stats->rejected,
	    e);
}

/* Which kinds a unit of each kind may sit under. */
static int
parent_ok(int kind, int pkind)
{
	switch (kind) {
	case MI_U_COMMUNITY:
		return pkind == MI_U_STREET;
	case MI_U_ESTATE:
		return pkind == MI_U_COMMUNITY;
	case MI_U_DEPARTMENT:
		return pkind == MI_U_COUNTY || pkind == MI_U_CENTRE;
	default:
		return pkind == MI_U_COUNTY;
	}
}

static int64_t
db_unit(mi_ctx *c, const char *code, int *kind, mi_err *e)
{
	static const char sql[] = "SELECT id, kind FROM units WHERE code = ?";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	int64_t id = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (kind)
			*kind = mi_vocab_parse(MI_V_KIND, (const char *)sqlite3_column_text(st, 1));
	} else if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	return id;
}

static struct urow *
file_row(struct uimport *u, const char *code)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (strcmp(u->rows[i].code, code) == 0)
			return &u->rows[i];
	return NULL;
}

static int
urow_read(struct uimport *u, const mi_record *rec, mi_err *e)
{
	struct urow r;
	const char *kind = get(rec, col_kind);
	char why[200];
	char phone[32] = "";

	memset(&r, 0, sizeof(r));
	if (rec->bad)
		return reject(u, rec->bad, rec, e);
	r.line = rec->line;
	r.code = dup_trim(get(rec, col_code));
	r.name = dup_trim(get(rec, col_name));
	r.parent = dup_trim(get(rec, col_parent));
	r.contact = dup_trim(get(rec, col_contact));
	r.kind = kind ? mi_vocab_parse(MI_V_KIND, kind) : -1;
	r.pkind = r.kind < 0 && kind ? mi_vocab_parse(MI_V_PLATFORM, kind) : -1;
	why[0] = '\0';
	if (!*r.code)
		snprintf(why, sizeof(why), "%s", _("no unit code"));
	else if (!*r.name)
		snprintf(why, sizeof(why), "%s", _("no unit name"));
	else if (r.kind < 0 && r.pkind < 0)
		snprintf(why, sizeof(why), _("unknown kind '%.40s' (expected county, centre, street, "
		    "community, estate, pairing or department)"), kind ? kind : "");
	else if (file_row(u, r.code))
		snprintf(why, sizeof(why), _("unit code '%.40s' appears twice"), r.code);
	else if (mi_phone_norm(get(rec, col_phone) ? get(rec, col_phone) : "", phone,
	    sizeof(phone)) < 0)
		mi_phone_why(get(rec, col_phone), why, sizeof(why));
	r.phone = mi_xstrdup(phone);
	if (why[0]) {
		free(r.code); free(r.name); free(r.parent); free(r.contact); free(r.phone);
		return reject(u, why, rec, e);
	}
	r.rec = mi_record_dup(rec);
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->rows = mi_xrealloc(u->rows, u->cap * sizeof(*u->rows));
	}
	u->rows[u->n++] = r;
	return 0;
}

/* Steps the insert or update of a row of the file, new (had 0) or known, and
 * counts it as added, updated or unchanged: stored. */
static int
row_stored(struct uimport *u, sqlite3_stmt *st, const char *sql, int had, struct urow *r,
    mi_err *e)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(u->c->db, sql, e);
	if (!had)
		u->stats->added++;
	else if (sqlite3_changes(u->c->db))
		u->stats->updated++;
	else
		u->stats->unchanged++;
	r->state = 1;
	return 0;
}

static int
urow_store(struct uimport *u, struct urow *r, int64_t parent, mi_err *e)
{
	static const char sql[] =
	    "INSERT INTO units(code, name, kind, parent_id, contact, phone, updated) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET "
	    "name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id, "
	    "contact = excluded.contact, phone = excluded.phone, updated = excluded.updated "
	    "WHERE name IS NOT excluded.name OR kind IS NOT excluded.kind OR "
	    "parent_id IS NOT excluded.parent_id OR contact IS NOT excluded.contact OR "
	    "phone IS NOT excluded.phone";
	int64_t had = db_unit(u->c, r->code, NULL, e);
	sqlite3_stmt *st;

	if (had < 0 || (st = mi_stmt(u->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, mi_vocab_name(MI_V_KIND, r->kind), -1, SQLITE_STATIC);
	if (parent > 0)
		sqlite3_bind_int64(st, 4, parent);
	else
		sqlite3_bind_null(st, 4);
	mi_bind_text(st, 5, r->contact);
	mi_bind_text(st, 6, r->phone);
	sqlite3_bind_int64(st, 7, u->c->now);
	return row_stored(u, st, sql, had, r, e);
}

static const char *
article(int kind)
{
	return kind == MI_U_ESTATE ? "an" : "a";
}

/*
 * What is stored already must still hold with this row in it: its new
 * parent may not be one of its own descendants (a cycle made across two
 * imports), and a new kind must still fit the units under it. 1 and why
 * when it does not.
 */
static int
fits_stored(struct uimport *u, const struct urow *r, int64_t pid, char *why, size_t n,
    mi_err *e)
{
	static const char up[] = "SELECT coalesce(parent_id, 0) FROM units WHERE id = ?";
	static const char kids[] = "SELECT kind, code FROM units WHERE parent_id = ?";
	sqlite3_stmt *st;
	int64_t self = db_unit(u->c, r->code, NULL, e), at = pid;
	int depth = 0, rc;

	if (self < 0)
		return -1;
	if (self == 0)
		return 0;
	while (at > 0 && depth++ < 64) {
		if (at == self) {
			snprintf(why, n, "%s", _("its parents form a cycle (through stored units)"));
			return 1;
		}
		if ((rc = mi_row_by_id(u->c, up, at, &st, e)) < 0)
			return -1;
		at = rc == 1 ? sqlite3_column_int64(st, 0) : 0;
	}
	if ((st = mi_stmt(u->c, kids, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, self);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int kind = mi_vocab_parse(MI_V_KIND, (const char *)sqlite3_column_text(st, 0));

		if (!parent_ok(kind, r->kind)) {
			snprintf(why, n, "as %s %s it would have %s '%.40s' under it", article(r->kind),
			    mi_vocab_name(MI_V_KIND, r->kind), mi_vocab_name(MI_V_KIND, kind),
			    (const char *)sqlite3_column_text(st, 1));
			sqlite3_reset(st);
			return 1;
		}
	}
	return rc == SQLITE_DONE ? 0 : mi_db_fail(u->c->db, kids, e);
}


/* ---- platforms (议事厅, 调解室, 驿站): rows of a units file ---- */

static int
platform_store(struct uimport *u, struct urow *r, int64_t community, int64_t estate,
    mi_err *e)
{
	static const char find[] = "SELECT id FROM platforms WHERE code = ?";
	static const char sql[] =
	    "INSERT INTO platforms(code, kind, name, community_id, estate_id, updated) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET "
	    "kind = excluded.kind, name = excluded.name, community_id = excluded.community_id, "
	    "estate_id = excluded.estate_id, updated = excluded.updated "
	    "WHERE kind IS NOT excluded.kind OR name IS NOT excluded.name OR "
	    "community_id IS NOT excluded.community_id OR estate_id IS NOT excluded.estate_id";
	sqlite3_stmt *st;
	int had, rc;

	if ((st = mi_stmt(u->c, find, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->code, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW && rc != SQLITE_DONE)
		return mi_db_fail(u->c->db, find, e);
	had = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if ((st = mi_stmt(u->c, sql, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, r->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, mi_vocab_name(MI_V_PLATFORM, r->pkind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, community);
	if (estate > 0)
		sqlite3_bind_int64(st, 5, estate);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 6, u->c->now);
	return row_stored(u, st, sql, had, r, e);
}

/* Row r's parent, looked for in this file first, then in the database: 1
 * with its id in *pid (0: not there) and its kind in *pkind; 0 while its
 * row in this file waits to be stored; 2, why said, when that row was
 * rejected; -1 on an error. */
static int
parent_of(struct uimport *u, const struct urow *r, int64_t *pid, int *pkind, char *why,
    size_t len, mi_err *e)
{
	const struct urow *p = file_row(u, r->parent);

	if (p && p->state == 0)
		return 0;
	if (p && p->state == 2) {
		snprintf(why, len, _("parent '%.60s' was rejected"), r->parent);
		return 2;
	}
	if ((*pid = db_unit(u->c, r->parent, pkind, e)) < 0)
		return -1;
	return 1;
}

/* A platform sits in a community or one of its estates: stored once its
 * parent is; 1 when it was settled. */
static int
platform_settle(struct uimport *u, struct urow *r, mi_err *e)
{
	static const char up[] = "SELECT coalesce(parent_id, 0) FROM units WHERE id = ?";
	int64_t pid, community;
	int pkind = -1, rc;
	char why[200];
	sqlite3_stmt *st;

	if (!*r->parent) {
		snprintf(why, sizeof(why), "%s", _("a platform needs a parent: its community or estate"));
		goto bad;
	}
	if ((rc = parent_of(u, r, &pid, &pkind, why, sizeof(why), e)) <= 0)
		return rc;
	if (rc == 2)
		goto bad;
	if (pid == 0) {
		snprintf(why, sizeof(why), _("unknown parent '%.60s'"), r->parent);
		goto bad;
	}
	if (pkind != MI_U_COMMUNITY && pkind != MI_U_ESTATE) {
		snprintf(why, sizeof(why), _("a platform sits in a community or an estate, not in "
		    "%s '%.60s'"), mi_vocab_name(MI_V_KIND, pkind), r->parent);
		goto bad;
	}
	community = pid;
	if (pkind == MI_U_ESTATE) {
		if ((rc = mi_row_by_id(u->c, up, pid, &st, e)) < 0)
			return -1;
		community = rc == 1 ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	return platform_store(u, r, community, pkind == MI_U_ESTATE ? pid : 0, e) < 0 ? -1 : 1;
bad:
	r->state = 2;
	return reject(u, why, r->rec, e) < 0 ? -1 : 1;
}

/* Stores row r once its parent is stored; 1 when it was settled. */
static int
urow_settle(struct uimport *u, struct urow *r, mi_err *e)
{
	int64_t pid = 0;
	int pkind = -1, rc;
	char why[200];

	if (r->pkind >= 0)
		return platform_settle(u, r, e);
	if (*r->parent) {
		if ((rc = parent_of(u, r, &pid, &pkind, why, sizeof(why), e)) <= 0)
			return rc;
		if (rc == 2)
			goto bad;
		if (pid == 0 && r->kind != MI_U_COUNTY) {
			snprintf(why, sizeof(why), _("unknown parent '%.60s'"), r->parent);
			goto bad;
		}
	} else if (r->kind == MI_U_COMMUNITY || r->kind == MI_U_ESTATE) {
		snprintf(why, sizeof(why), "%s %s needs a parent", article(r->kind),
		    mi_vocab_name(MI_V_KIND, r->kind));
		goto bad;
	}
	if (pid && !parent_ok(r->kind, pkind)) {
		snprintf(why, sizeof(why), "%s %s cannot sit under %s '%.60s'", article(r->kind),
		    mi_vocab_name(MI_V_KIND, r->kind), mi_vocab_name(MI_V_KIND, pkind), r->parent);
		goto bad;
	}
	if ((rc = fits_stored(u, r, pid, why, sizeof(why), e)) < 0)
		return -1;
	if (rc > 0)
		goto bad;
	return urow_store(u, r, pid, e) < 0 ? -1 : 1;
bad:
	r->state = 2;
	return reject(u, why, r->rec, e) < 0 ? -1 : 1;
}

static int
units_settle(struct uimport *u, mi_err *e)
{
	size_t i;
	int progress = 1, rc;

	while (progress) {
		progress = 0;
		for (i = 0; i < u->n; i++) {
			if (u->rows[i].state != 0)
				continue;
			if ((rc = urow_settle(u, &u->rows[i], e)) < 0)
				return -1;
			progress |= rc;
		}
	}
	for (i = 0; i < u->n; i++) {
		if (u->rows[i].state == 0) {
			u->rows[i].state = 2;
			if (reject(u, _("its parents form a cycle"), u->rows[i].rec, e) < 0)
				return -1;
		}
	}
	return 0;
}

static void
urows_free(struct uimport *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		struct urow *r = &u->rows[i];

		free(r->code); free(r->name); free(r->parent); free(r->contact); free(r->phone);
		mi_record_free(r->rec);
	}
	free(u->rows);
	u->rows = NULL;
	u->n = 0;
}

/* Is role one of the built-in roles? */
static int
role_ok(const char *role)
{
	size_t i;

	for (i = 0; mi_roles[i]; i++)
		if (strcmp(role, mi_roles[i]) == 0)
			return 1;
	return 0;
}

int
mi_role_ok(const mi_config *cfg, const char *role)
{
	if (cfg == NULL)
		return role_ok(role);
	return mi_config_has(cfg, "units.roles", role);
}

void
mi_roles_list(const mi_config *cfg, mi_buf *b)
{
	const cJSON *x;
	size_t i;

	if (cfg == NULL) {
		for (i = 0; mi_roles[i]; i++)
			mi_buf_printf(b, "%s%s", i ? ", " : "", mi_roles[i]);
		return;
	}
	i = 0;
	cJSON_ArrayForEach(x, mi_config_get(cfg, "units.roles"))
		mi_buf_printf(b, "%s%s", i++ ? ", " : "", x->valuestring);
}

/* One estate of a covers cell, looked for within the person's unit when it
 * is a street. */
struct cover_part {
	const mi_gazetteer *g;
	int64_t unit;
	mi_idv *out;
	char *why;
	size_t nwhy;
};

static int
cover_part(void *arg, char *p, mi_err *e)
{
	struct cover_part *x = arg;
	int64_t id = mi_gaz_find(x->g, MI_U_ESTATE, p,
	    mi_gaz_kind(x->g, x->unit) == MI_U_STREET ? x->unit : 0);

	(void)e;
	if (id <= 0) {
		snprintf(x->why, x->nwhy, "%s estate '%.60s'", id < 0 ? "ambiguous" : "unknown", p);
		return -1;
	}
	mi_idv_push(x->out, id);
	return 0;
}

/* Splits a covers cell on ; ； , ， 、 and resolves each estate. */
static int
covers_parse(const mi_gazetteer *g, const char *cell, int64_t unit, mi_idv *out, char *why,
    size_t nwhy)
{
	struct cover_part x = { g, unit, out, why, nwhy };

	return mi_each_part(cell, cover_part, &x, NULL);
}

static int
person_store(struct uimport *u, const char *name, const char *phone, int64_t unit,
    const char *role, const mi_idv *covers, mi_err *e)
{
	static const char sql_find[] = "SELECT id, phone, role, "
	    "(SELECT group_concat(estate_id) FROM (SELECT estate_id FROM covers "
	    "WHERE person_id = people.id ORDER BY estate_id)) FROM people "
	    "WHERE unit_id = ? AND name = ?";
	static const char sql_ins[] = "INSERT INTO people(name, phone, unit_id, role, updated) "
	    "VALUES (?, ?, ?, ?, ?)";
	static const char sql_upd[] = "UPDATE people SET phone = ?, role = ?, updated = ? "
	    "WHERE id = ?";
	static const char sql_unc[] = "DELETE FROM covers WHERE person_id = ?";
	static const char sql_cov[] = "INSERT OR IGNORE INTO covers(person_id, estate_id) "
	    "VALUES (?, ?)";
	sqlite3_stmt *st = mi_stmt(u->c, sql_find, e);
	mi_buf want = MI_BUF_INIT;
	int64_t id = 0, *sorted;
	int same = 0, rc;
	size_t i, j;

	if (st == NULL)
		return -1;
	sorted = mi_xcalloc(covers->n + 1, sizeof(*sorted));
	if (covers->n)
		memcpy(sorted, covers->v, covers->n * sizeof(*sorted));
	for (i = 1; i < covers->n; i++)
		for (j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
			int64_t t = sorted[j];
			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	for (i = 0; i < covers->n; i++)
		if (i == 0 || sorted[i] != sorted[i - 1])
			mi_buf_printf(&want, "%s%lld", want.len ? "," : "", (long long)sorted[i]);
	free(sorted);
	sqlite3_bind_int64(st, 1, unit);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 1);
		const char *cv = (const char *)sqlite3_column_text(st, 3);

		id = sqlite3_column_int64(st, 0);
		same = strcmp(p ? p : "", phone) == 0 &&
		    strcmp((const char *)sqlite3_column_text(st, 2), role) == 0 &&
		    strcmp(cv ? cv : "", mi_buf_str(&want)) == 0;
	} else if (rc != SQLITE_DONE) {
		mi_buf_release(&want);
		return mi_db_fail(u->c->db, sql_find, e);
	}
	mi_buf_release(&want);
	if (id && same) {
		u->stats->unchanged++;
		return 0;
	}
	st = mi_stmt(u->c, id ? sql_upd : sql_ins, e);
	if (st == NULL)
		return -1;
	if (id) {
		mi_bind_text(st, 1, phone);
		sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, u->c->now);
		sqlite3_bind_int64(st, 4, id);
	} else {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		mi_bind_text(st, 2, phone);
		sqlite3_bind_int64(st, 3, unit);
		sqlite3_bind_text(st, 4, role, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, u->c->now);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(u->c->db, id ? sql_upd : sql_ins, e);
	if (!id) {
		id = sqlite3_last_insert_rowid(u->c->db);
		u->stats->added++;
	} else
		u->stats->updated++;
	if ((st = mi_stmt(u->c, sql_unc, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return mi_db_fail(u->c->db, sql_unc, e);
	for (i = 0; i < covers->n; i++) {
		if ((st = mi_stmt(u->c, sql_cov, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, covers->v[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return mi_db_fail(u->c->db, sql_cov, e);
	}
	return 0;
}

static int
person_row(struct uimport *u, const mi_gazetteer *g, const mi_record *rec, mi_err *e)
{
	char *name = dup_trim(get(rec, col_name)), *role = dup_trim(get(rec, col_role));
	char *unitname = dup_trim(get(rec, col_unit));
	const char *covers = get(rec, col_covers), *ph = get(rec, col_phone);
	char why[640] = "", phone[32] = "";
	mi_idv cv = MI_IDV_INIT;
	int64_t unit = 0;
	int rc = 0, k;

	if (rec->bad)
		snprintf(why, sizeof(why), "%s", rec->bad);
	else if (!*name)
		snprintf(why, sizeof(why), "%s", _("no name"));
	else if (!mi_role_ok(u->c->cfg, role)) {
		mi_buf roles = MI_BUF_INIT;

		mi_roles_list(u->c->cfg, &roles);
		snprintf(why, sizeof(why), _("unknown role '%.40s' (expected one of units.roles: %s)"),
		    role, mi_buf_str(&roles));
		mi_buf_release(&roles);
	}
	else if (mi_phone_norm(ph ? ph : "", phone, sizeof(phone)) < 0)
		mi_phone_why(ph, why, sizeof(why));
	if (!why[0]) {
		unit = mi_gaz_find(g, -1, unitname, 0);
		for (k = 0; unit == 0 && k < MI_U_NKINDS; k++)
			unit = mi_gaz_find(g, k, unitname, 0);
		if (unit <= 0)
			snprintf(why, sizeof(why), "%s unit '%.60s'", unit < 0 ? "ambiguous" :
			    "unknown", unitname);
	}
	if (!why[0] && covers && *covers)
		covers_parse(g, covers, unit, &cv, why, sizeof(why));
	if (why[0])
		rc = reject(u, why, rec, e);
	else
		rc = person_store(u, name, phone, unit, role, &cv, e);
	mi_idv_release(&cv);
	free(name);
	free(role);
	free(unitname);
	return rc;
}

static int
import_event(struct uimport *u, const char *what, mi_err *e)
{
	cJSON *d = cJSON_CreateObject();
	char *s;
	int rc;

	cJSON_AddStringToObject(d, "source", u->file);
	cJSON_AddStringToObject(d, "what", what);
	/* This file's own counts: the totals run across every file given. */
	cJSON_AddNumberToObject(d, "added", (double)(u->stats->added - u->base.added));
	cJSON_AddNumberToObject(d, "updated", (double)(u->stats->updated - u->base.updated));
	cJSON_AddNumberToObject(d, "unchanged", (double)(u->stats->unchanged - u->base.unchanged));
	cJSON_AddNumberToObject(d, "rejected", (double)(u->stats->rejected - u->base.rejected));
	s = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	rc = mi_event_add(u->c, 0, "units-import", s, e);
	cJSON_free(s);
	return rc;
}

static int
import_records(struct uimport *u, mi_reader *rd, mi_err *e)
{
	const mi_record *rec;
	mi_gazetteer *g = NULL;
	mi_roster *ro = NULL;
	int rc, people = -1;

	while ((rc = mi_reader_next(rd, &rec, e)) == 1) {
		if (people < 0) {
			/* a roster of teams (one row per member) names people too: it goes first */
			if (mi_roster_header(rec)) {
				people = 2;
				ro = mi_roster_new(u->c, u->file, u->strict, u->rej, u->arg, u->stats);
			} else if (get(rec, col_kind) && get(rec, col_code))
				people = 0;
			else if (get(rec, col_role) && get(rec, col_unit))
				people = 1;
			else
				return mi_err_set(e, MI_EX_DATAERR, "%s:%ld: neither a units file "
				    "(code, name, kind) nor a people file (name, unit, role)",
				    u->file, rec->line);
			if (people == 1 && mi_gaz_load(u->c->db, &g, e) < 0)
				return -1;
		}
		if (rec->bad == NULL && mi_record_filler(rec)) {
			u->stats->empty++;
			continue;
		}
		rc = people == 2 ? mi_roster_add(ro, rec, e) : people ? person_row(u, g, rec, e) :
		    urow_read(u, rec, e);
		if (rc < 0)
			break;
	}
	mi_gaz_free(g);
	if (rc == 0 && ro)
		rc = mi_roster_finish(ro, e);
	mi_roster_free(ro);
	if (rc < 0)
		return -1;
	if (people == 0 && units_settle(u, e) < 0)
		return -1;
	return import_event(u, people == 2 ? "teams" : people == 1 ? "people" : "units", e);
}

/* The header test: a row naming a units file's or a people file's columns. */
static int
units_header(void *arg, const char *const *cells, size_t n)
{
	mi_record rec = { n, (const char **)cells, (const char **)cells, 0, NULL, NULL, 0, 0 };

	(void)arg;
	return (get(&rec, col_kind) && get(&rec, col_code)) || (get(&rec, col_role) && get(&rec, col_unit)) ||
	    mi_roster_header(&rec);
}

/* The report of a file: its header's row when not the first, the columns not used. */
static void
units_note(struct uimport *u, mi_reader *rd,
    void (*note)(void *arg, const char *file, const char *what))
{
	static const char *const *const all[] = { col_code, col_name, col_kind, col_parent,
		col_contact, col_phone, col_unit, col_role, col_covers };
	const char *const *cols, *const *k;
	mi_buf b = MI_BUF_INIT;
	long row = mi_reader_header_row(rd);
	size_t n, i, j, shown = 0;
	int used, roster;
	mi_record hdr = { 0, NULL, NULL, 0, NULL, NULL, 0, 0 };

	if (note == NULL || (cols = mi_reader_columns(rd, &n)) == NULL)
		return;
	hdr.n = n;
	hdr.key = hdr.val = (const char **)cols;
	roster = mi_roster_header(&hdr);
	if (row > 1)
		mi_buf_printf(&b, "row %ld is the header", row);
	for (i = 0; i < n; i++) {
		used = !cols[i][0] || (roster && mi_roster_uses(cols[i]));
		for (j = 0; j < MI_ARRAY_LEN(all) && !used; j++)
			for (k = all[j]; *k && !used; k++)
				used = mi_colname_like(cols[i], *k);
		if (!used)
			mi_buf_printf(&b, "%s%s", shown++ ? ", " : b.len ? "; ignored columns: " :
			    "ignored columns: ", cols[i]);
	}
	if (b.len)
		note(u->arg, u->file, mi_buf_str(&b));
	mi_buf_release(&b);
}

/* Another sheet of the workbook whose rows hold a header (a sheet of units,
 * one of people, one of teams), imported as --sheet imports it, named
 * file[sheet]; one that cannot be read is said, and counted as rejected. */
struct more_units {
	struct uimport *u;
	void (*note)(void *arg, const char *file, const char *what);
};

static int
more_sheet(void *arg, mi_reader *rs, const char *where, mi_err *e)
{
	struct more_units *m = arg;
	struct uimport *u = m->u;
	const char *file = u->file;
	int rc;

	if (rs == NULL) {       /* said as a row refused is, even under -q */
		if (u->rej)
			u->rej(u->arg, u->file, 0, where, NULL);
		u->stats->rejected++;
		return 0;
	}
	mi_reader_find_header(rs, units_header, NULL);
	urows_free(u);
	u->file = where;
	u->base = *u->stats;       /* its event counts its own rows */
	if ((rc = import_records(u, rs, e)) == 0) {
		u->stats->empty += mi_reader_blank_rows(rs);
		units_note(u, rs, m->note);
	}
	u->file = file;
	return rc;
}

int
mi_units_import(mi_ctx *c, const char *path, int enc, const char *sheet, int strict,
    mi_reject_fn rej, void *arg, void (*note)(void *arg, const char *file, const char *what),
    mi_import_stats *stats, mi_err *e)
{
	struct uimport u;
	mi_reader *rd;
	int rc;

	memset(&u, 0, sizeof(u));
	u.c = c;
	u.strict = strict;
	u.rej = rej;
	u.arg = arg;
	u.stats = stats;
	u.base = *stats;
	if (mi_reader_open(&rd, path, MI_FMT_AUTO, enc, e) < 0)
		return -1;
	mi_reader_sheet(rd, sheet);
	u.file = mi_reader_path(rd);
	mi_reader_find_header(rd, units_header, NULL);
	if (mi_db_begin(c->db, e) < 0) {
		mi_reader_close(rd);
		return -1;
	}
	rc = import_records(&u, rd, e);
	if (rc == 0) {
		struct more_units m = { &u, note };

		stats->empty += mi_reader_blank_rows(rd);
		units_note(&u, rd, note);
		rc = mi_reader_each_more(rd, path, MI_FMT_AUTO, enc, more_sheet, &m, e);
	}
	if (rc == 0)
		rc = mi_db_commit(c->db, e);
	if (rc < 0)
		mi_db_rollback(c->db);
	urows_free(&u);
	mi_reader_close(rd);
	return rc;
}

int
mi_units_rows(mi_ctx *c, mi_out *out, const char *sql, const struct mi_col *cols, int64_t id,
    int indent, mi_err *e)
{
	sqlite3_stmt *st;
	const char *v[16];
	mi_buf name = MI_BUF_INIT;
	int rc, i, n;

	mi_out_cols(out, cols);
	if ((st = mi_stmt(c, sql, e)) == NULL)
		return -1;
	if (id)
		sqlite3_bind_int64(st, 1, id);
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n && i < 16; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		if (indent >= 0) {
			mi_buf_reset(&name);
			for (i = 0; i < sqlite3_column_int(st, indent - 1); i++)
				mi_buf_puts(&name, "  ");
			mi_buf_puts(&name, v[indent]);
			v[indent] = mi_buf_str(&name);
		}
		mi_out_row(out, v);
	}
	mi_buf_release(&name);
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	return 0;
}

int
mi_units_list(mi_ctx *c, mi_out *out, mi_err *e)
{
	static const char sql[] =
	    "WITH RECURSIVE t(id, depth, path) AS ("
	    "  SELECT id, 0, code FROM units WHERE parent_id IS NULL"
	    "  UNION ALL SELECT u.id, t.depth + 1, t.path || char(31) || u.code"
	    "  FROM units u JOIN t ON u.parent_id = t.id WHERE t.depth < 32) "
	    "SELECT u.code, u.kind, t.depth, u.name, p.code, u.contact, u.phone, "
	    "(SELECT count(*) FROM people WHERE unit_id = u.id) "
	    "FROM t JOIN units u ON u.id = t.id LEFT JOIN units p ON p.id = u.parent_id "
	    "ORDER BY t.path";
	static const struct mi_col cols[] = {
		{ "code", MI_COL_STR }, { "kind", MI_COL_STR }, { "depth", MI_COL_INT },
		{ "name", MI_COL_STR }, { "parent", MI_COL_STR }, { "contact", MI_COL_NAME },
		{ "phone", MI_COL_PHONE }, { "people", MI_COL_INT }, { NULL, 0 }
	};

	/* Only a table is for eyes: there the tree shows as indentation. */
	return mi_units_rows(c, out, sql, cols, 0, c->opts.outfmt == MI_OUT_TABLE ? 3 : -1, e);
}

int
mi_people_list(mi_ctx *c, mi_out *out, mi_err *e)
{
	static const char sql[] =
	    "SELECT p.name, p.phone, p.role, u.code, u.name, "
	    "(SELECT group_concat(n, ';') FROM (SELECT e.name AS n FROM covers v "
	    "JOIN units e ON e.id = v.estate_id WHERE v.person_id = p.id ORDER BY e.code)) "
	    "FROM people p JOIN units u ON u.id = p.unit_id ORDER BY u.code, p.role, p.name";
	static const struct mi_col cols[] = {
		{ "name", MI_COL_NAME }, { "phone", MI_COL_PHONE }, { "role", MI_COL_STR },
		{ "unit", MI_COL_STR }, { "unit_name", MI_COL_STR }, { "covers", MI_COL_STR },
		{ NULL, 0 }
	};

	return mi_units_rows(c, out, sql, cols, 0, -1, e);
}

int
mi_platforms_list(mi_ctx *c, mi_out *out, mi_err *e)
{
	static const char sql[] =
	    "SELECT p.code, p.kind, p.name, m.code, x.code, "
	    "(SELECT count(*) FROM sessions s WHERE s.platform_id = p.id) "
	    "FROM platforms p LEFT JOIN units m ON m.id = p.community_id "
	    "LEFT JOIN units x ON x.id = p.estate_id ORDER BY m.code, p.code";
	static const struct mi_col cols[] = {
		{ "code", MI_COL_STR }, { "platform_kind", MI_COL_STR }, { "name", MI_COL_STR },
		{ "community", MI_COL_STR }, { "estate", MI_COL_STR },
		{ "sessions", MI_COL_INT }, { NULL, 0 }
	};

	return mi_units_rows(c, out, sql, cols, 0, -1, e);
}
