/* score_teams.c - the collection teams ranked on the community line (score --by team). */
#include <stdlib.h>
#include <string.h>

#include "verbs/score.h"

struct trow {
	int64_t id;
	char *v[8];            /* code, name, community, captain, secretary, members, estates */
	long collected, closed, missed;
	long rank;
};

static const char sql_teams[] =
    "SELECT t.id, t.code, t.name, m.name, cp.name, sp.name, "
    "(SELECT count(*) FROM team_members WHERE team_id = t.id), "
    "(SELECT count(*) FROM team_estates WHERE team_id = t.id) "
    "FROM teams t JOIN units m ON m.id = t.community_id "
    "LEFT JOIN people cp ON cp.id = t.captain_id LEFT JOIN people sp ON sp.id = t.secretary_id "
    "ORDER BY t.code";
/* A bucket's cases by the team that collected them, and those closed by its cutoff. */
static const char sql_cases[] =
    "SELECT team_id, count(*), count(*) FILTER (WHERE status = 'closed' AND closed < ?3) "
    "FROM cases WHERE team_id IS NOT NULL AND received >= ?1 AND received < ?2 "
    "AND status <> 'void' GROUP BY team_id";
/* A bucket's hotline records missed in the teams' estates. */
static const char sql_missed[] =
    "SELECT te.team_id, count(*) FROM hotline h JOIN team_estates te ON te.estate_id = h.estate_id "
    "WHERE h.outcome = 'missed' AND h.received >= ?1 AND h.received < ?2 GROUP BY te.team_id";

static struct trow *
find(struct trow *t, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

/* Ranked first: a team with cases collected, by closure rate (higher
 * first), then by fewer misses; then those with none collected, by fewer
 * misses; then by code. */
static int
trowcmp(const void *a, const void *b)
{
	const struct trow *x = a, *y = b;
	long long l, r;

	if ((x->collected > 0) != (y->collected > 0))
		return x->collected > 0 ? -1 : 1;
	l = (long long)x->closed * y->collected;
	r = (long long)y->closed * x->collected;
	if (l != r)
		return l > r ? -1 : 1;
	if (x->missed != y->missed)
		return x->missed < y->missed ? -1 : 1;
	return strcmp(x->v[0], y->v[0]);
}

static int
figures(mi_ctx *c, const struct bucket *b, struct trow *t, size_t n, mi_err *e)
{
	sqlite3_stmt *st;
	struct trow *r;
	int rc;

	if ((st = mi_stmt(c, sql_cases, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, b->start);
	sqlite3_bind_int64(st, 2, b->end);
	sqlite3_bind_int64(st, 3, b->cutoff);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = find(t, n, sqlite3_column_int64(st, 0))) != NULL) {
			r->collected += sqlite3_column_int(st, 1);
			r->closed += sqlite3_column_int(st, 2);
		}
	if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql_cases, e);
	if ((st = mi_stmt(c, sql_missed, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, b->start);
	sqlite3_bind_int64(st, 2, b->end);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = find(t, n, sqlite3_column_int64(st, 0))) != NULL)
			r->missed += sqlite3_column_int(st, 1);
	return rc == SQLITE_DONE ? 0 : mi_db_fail(c->db, sql_missed, e);
}

int
mi_score_teams(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e)
{
	/* The captains are staff published on the teams' cards: in clear. */
	static const struct mi_col cols[] = {
		{ "line", MI_COL_STR }, { "rank", MI_COL_INT }, { "code", MI_COL_STR },
		{ "team", MI_COL_STR }, { "community", MI_COL_STR }, { "captain", MI_COL_STR },
		{ "secretary", MI_COL_STR }, { "members", MI_COL_INT }, { "estates", MI_COL_INT },
		{ "collected", MI_COL_INT }, { "closed", MI_COL_INT },
		{ "closure_rate", MI_COL_NUM }, { "missed", MI_COL_INT }, { NULL, 0 }
	};
	struct model m;
	struct trow *t = NULL, *p;
	sqlite3_stmt *st;
	const char *v[13];
	char num[4][24], rate[16];
	size_t n = 0, cap = 0, i, b;
	int rc = 0, k, sr = SQLITE_DONE;

	if (o->line >= 0 && o->line != MI_LINE_COMMUNITY)
		return mi_err_set(e, MI_EX_USAGE, "teams are ranked on the community line only");
	if (mi_score_build(c, o, 0, &m, e) < 0)
		return -1;
	if ((st = mi_stmt(c, sql_teams, e)) == NULL)
		rc = -1;
	while (rc == 0 && (sr = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			t = mi_xrealloc(t, cap * sizeof(*t));
		}
		p = &t[n++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		for (k = 0; k < 7; k++) {
			const char *s = (const char *)sqlite3_column_text(st, k + 1);

			p->v[k] = s ? mi_xstrdup(s) : NULL;
		}
	}
	if (rc == 0 && sr != SQLITE_DONE)
		rc = mi_db_fail(c->db, sql_teams, e);
	for (b = 0; rc == 0 && b < m.nb; b++)
		rc = figures(c, &m.b[b], t, n, e);
	if (rc == 0) {
		mi_sort(t, n, sizeof(*t), trowcmp);
		for (i = 0; i < n; i++) {
			if (t[i].collected == 0)
				t[i].rank = 0;
			else if (i > 0 && t[i - 1].collected > 0 &&
			    (long long)t[i].closed * t[i - 1].collected ==
			    (long long)t[i - 1].closed * t[i].collected && t[i].missed == t[i - 1].missed)
				t[i].rank = t[i - 1].rank;
			else
				t[i].rank = (long)i + 1;
		}
		mi_out_cols(out, cols);
		for (i = 0; i < n && (o->limit <= 0 || (long)i < o->limit); i++) {
			v[0] = "community";
			snprintf(num[0], sizeof(num[0]), "%ld", t[i].rank);
			v[1] = t[i].rank ? num[0] : NULL;
			for (k = 0; k < 7; k++)
				v[2 + k] = t[i].v[k];
			snprintf(num[1], sizeof(num[1]), "%ld", t[i].collected);
			snprintf(num[2], sizeof(num[2]), "%ld", t[i].closed);
			snprintf(num[3], sizeof(num[3]), "%ld", t[i].missed);
			v[9] = num[1];
			v[10] = num[2];
			v[11] = mi_score_pct(rate, sizeof(rate), t[i].closed, t[i].collected, "");
			if (v[11] == NULL && c->opts.outfmt == MI_OUT_TABLE)
				v[11] = "—";
			v[12] = num[3];
			mi_out_row(out, v);
		}
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < 7; k++)
			free(t[i].v[k]);
	free(t);
	mi_score_free(&m);
	if (rc == 0 && mi_out_finish(out, e) < 0)
		return -1;
	return rc;
}
