/*
 * bulletin.c - the bulletin (通报) of a month, for people: per line a
 * ranked table with Chinese headers, each row with its rank and change of
 * score from the month before. The figures, scores and ranks are score.c's
 * (score.h); the table's columns are aligned by mi_out. With -o xlsx, a
 * workbook instead: a summary sheet with the county's twelve months, then
 * a sheet per line, each with a chart.
 */
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "verbs/score.h"

/* ---- the bulletin (通报) ---- */

static const char *const numeral[] = { "一", "二", "三", "四", "五", "六", "七" };

static const char *const section_units[MI_LINE_N] = {
	"社区、小区（按搜集的诉求）", "“双报到”单位（按搜集的诉求）",
	"职能部门（按承办的诉求，首办负责制）"
};
static const char *const section_people[MI_LINE_N] = {
	"社区、小区线个人（搜集人员、包小区干部）", "“双报到”单位线个人（民情书记等搜集人员）",
	"职能部门线个人"
};

static int
county_name(mi_ctx *c, mi_buf *out, mi_err *e)
{
	static const char sql[] = "SELECT name FROM units WHERE kind = 'county' ORDER BY id LIMIT 1";
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		mi_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		return mi_db_fail(c->db, sql, e);
	return 0;
}

/* "30分（≥90%，每低1个百分点扣1分）" for a rate. */
static void
rule_text(mi_buf *b, const char *name, const struct rule *r)
{
	mi_buf_printf(b, "%s%g分（≥%g%%，每低1个百分点扣%g分）", name, r->points,
	    r->target * 100.0, r->per_point);
}

static void
bulletin_head(const struct model *m, const char *county, FILE *f)
{
	const struct bucket *b = &m->b[m->nb - 1];
	const struct settings *s = &m->s;
	int ymd = mi_ymd_of(b->start);
	char from[16], to[16], cut[24];
	mi_buf t = MI_BUF_INIT;

	mi_date_format(b->start, from, sizeof(from));
	mi_date_format(b->end - 1, to, sizeof(to));
	mi_time_format(b->cutoff, cut, sizeof(cut));
	mi_buf_printf(&t, "%s民意诉求办理情况通报\n（%d年%d月）\n\n", county, ymd / 10000,
	    ymd / 100 % 100);
	mi_buf_printf(&t, "统计范围：%s至%s受理的诉求；办理情况截至%s。\n", from, to, cut);
	mi_buf_puts(&t, "计分办法：");
	rule_text(&t, "办结率", &s->rate[R_CLOSURE]);
	mi_buf_puts(&t, "，");
	rule_text(&t, "一次办结率", &s->rate[R_FIRST]);
	mi_buf_puts(&t, "，");
	rule_text(&t, "按时办结率", &s->rate[R_ONTIME]);
	mi_buf_puts(&t, "，");
	rule_text(&t, "满意率", &s->rate[R_SATISFACTION]);
	mi_buf_printf(&t, "；热线漏报按核查时记入的分值扣分（现行每件%g分×%g倍）",
	    s->missed_points, s->multiplier);
	if (s->red_points > 0)
		mi_buf_printf(&t, "，红色督办每件扣%g分", s->red_points);
	mi_buf_printf(&t, "。当月不足%ld件的单位和个人不排名（排名记为“—”）。\n", s->min_cases);
	/* The county's name is as imported. */
	mi_esc_tail(&t, 0, MI_ESC_TEXT);
	fputs(mi_buf_str(&t), f);
	mi_buf_release(&t);
}

/* The month before: its rank and the change of score, for one row; prev
 * holds last month's row of each entity, by its index. */
static void
month_on_month(const struct row *const *prev, const struct model *m, const struct row *r,
    struct cells *c, const char **rank, const char **change)
{
	const struct row *p = prev[r->x - m->ent];

	*rank = "—";
	*change = "—";
	if (p == NULL)
		return;
	if (p->ranked) {
		snprintf(c->prev, sizeof(c->prev), "%ld", p->rank);
		*rank = c->prev;
	}
	*change = mi_score_hundredths(c->change, sizeof(c->change), r->score - p->score, 1);
}

static void
bulletin_cols(mi_out *out, int persons, int line)
{
	static const struct mi_col person[] = {
		{ "姓名", MI_COL_NAME }, { "角色", MI_COL_STR }, { "单位", MI_COL_STR }, { NULL, 0 }
	};
	static const struct mi_col counts[] = {
		{ "办结", MI_COL_INT }, { "办结率", MI_COL_NUM }, { "一次办结率", MI_COL_NUM },
		{ "按时办结率", MI_COL_NUM }, { "满意率", MI_COL_NUM }, { "超期", MI_COL_INT },
		{ "漏报", MI_COL_INT }, { "扣分", MI_COL_NUM }, { "得分", MI_COL_NUM },
		{ "等级", MI_COL_STR }, { "上月排名", MI_COL_INT }, { "得分环比", MI_COL_NUM },
		{ NULL, 0 }
	};

	mi_out_col(out, "排名", MI_COL_INT);
	if (persons)
		mi_out_cols(out, person);
	else
		mi_out_col(out, "单位", MI_COL_STR);
	mi_out_col(out, line == MI_LINE_DEPARTMENT && !persons ? "承办" : "搜集", MI_COL_INT);
	mi_out_cols(out, counts);
}

/* The first cells of a row, set in v: its rank (a dash when it has none) and whom it
 * is about, a person (name, role, unit) or a unit; returns how many. */
static size_t
row_who(const struct row *r, struct cells *c, const char **v)
{
	size_t k = 0;

	snprintf(c->rank, sizeof(c->rank), "%ld", r->rank);
	v[k++] = r->ranked ? c->rank : "—";
	if (r->x->person) {
		v[k++] = r->x->person->name;
		v[k++] = r->x->person->role;
		v[k++] = r->x->person->unit ? r->x->person->unit->name : "";
	} else
		v[k++] = r->x->unit->name;
	return k;
}

static void
bulletin_row(const struct model *m, const struct row *const *prev, const struct row *r,
    mi_out *out)
{
	const struct figs *f = &r->f;
	const char *v[20];
	struct cells c;
	size_t k, i;

	k = row_who(r, &c, v);
	snprintf(c.n[0], sizeof(c.n[0]), "%ld", f->counted);
	snprintf(c.n[1], sizeof(c.n[1]), "%ld", f->closed);
	snprintf(c.n[2], sizeof(c.n[2]), "%ld", f->overdue);
	snprintf(c.n[3], sizeof(c.n[3]), "%ld", f->missed);
	v[k++] = c.n[0];
	v[k++] = c.n[1];
	v[k++] = mi_score_pct(c.rate[0], sizeof(c.rate[0]), f->closed, f->counted, "%");
	v[k++] = mi_score_pct(c.rate[1], sizeof(c.rate[1]), f->first, f->counted, "%");
	v[k++] = mi_score_pct(c.rate[2], sizeof(c.rate[2]), f->on_time, f->due, "%");
	v[k++] = mi_score_pct(c.rate[3], sizeof(c.rate[3]), f->satisfied, f->answered, "%");
	for (i = k - 4; i < k; i++)
		if (v[i] == NULL)
			v[i] = "—";
	v[k++] = c.n[2];
	v[k++] = c.n[3];
	v[k++] = mi_score_hundredths(c.deduction, sizeof(c.deduction), r->deduction, 0);
	v[k++] = mi_score_hundredths(c.score, sizeof(c.score), r->score, 0);
	v[k++] = mi_score_grade(&m->s, r);
	month_on_month(prev, m, r, &c, &v[k], &v[k + 1]);
	mi_out_row(out, v);
}

/*
 * Heads the next section, numbered from *nsec, of people or of units on line, with n rows:
 * its table to fill, or NULL when there is none (the section says so, or, of people,
 * is left out).
 */
static mi_out *
section_open(mi_ctx *c, int persons, int line, size_t n, const char *none, int *nsec, FILE *f)
{
	mi_out *out;

	if (persons && n == 0)
		return NULL;
	fprintf(f, "\n%s、%s\n", numeral[*nsec], (persons ? section_people : section_units)[line]);
	(*nsec)++;
	if (n == 0) {
		fputs(none, f);
		return NULL;
	}
	out = mi_out_new(f, MI_OUT_TABLE, c->opts.reveal ? MI_OUTF_REVEAL : 0);
	mi_out_tally(out, c);
	return out;
}

/* Writes a section's table of n rows; the people in it count as named. */
static int
section_close(mi_out *out, int persons, size_t n, size_t *named, mi_err *e)
{
	int rc;

	if (persons)
		*named += n;
	rc = mi_out_finish(out, e);
	mi_out_free(out);
	return rc;
}

/* One section: a title and a table; -1 only when writing failed. */
static int
bulletin_section(const struct model *m, mi_ctx *c, const mi_score_opts *o, int persons,
    int line, int *nsec, size_t *named, FILE *f, mi_err *e)
{
	struct table cur, prev;
	const struct row **last = mi_xcalloc(m->nent + 1, sizeof(*last));
	mi_out *out;
	size_t i;
	int rc = 0;

	mi_score_table(m, persons, line, 1, 2, &cur);
	mi_score_table(m, persons, line, 0, 1, &prev);
	mi_score_limit(&cur, o->limit);
	for (i = 0; i < prev.n; i++)
		last[prev.r[i].x - m->ent] = &prev.r[i];
	out = section_open(c, persons, line, cur.n, "（本月无）\n", nsec, f);
	if (out == NULL)
		goto done;
	bulletin_cols(out, persons, line);
	for (i = 0; i < cur.n; i++)
		bulletin_row(m, last, &cur.r[i], out);
	rc = section_close(out, persons, cur.n, named, e);
done:
	free(last);
	free(cur.r);
	free(prev.r);
	return rc;
}

/*
 * The month's misses (漏报) whose cause nobody has recorded yet, per unit
 * charged: the task force's list for 分析原因、查找漏洞. No section when
 * there are none; --limit rows at most. -1 only when writing failed.
 */
static int
bulletin_uncaused(mi_ctx *c, const mi_score_opts *o, int *nsec, FILE *f, mi_err *e)
{
	static const char sql[] =
	    "SELECT u.code, u.name, h.ticket FROM deductions d JOIN hotline h ON h.id = d.hotline_id "
	    "LEFT JOIN units u ON u.id = d.unit_id WHERE d.month = ?1 AND h.outcome = 'missed' "
	    "AND coalesce(h.cause, '') = '' ORDER BY u.code, h.received, h.ticket";
	static const struct mi_col cols[] = {
		{ "单位编码", MI_COL_STR }, { "单位", MI_COL_STR }, { "未查明原因", MI_COL_INT },
		{ "工单编号", MI_COL_STR }, { NULL, 0 }
	};
	sqlite3_stmt *st = mi_stmt(c, sql, e);
	mi_buf code = MI_BUF_INIT, name = MI_BUF_INIT, tickets = MI_BUF_INIT;
	mi_out *out = NULL;
	char month[16], n[24];
	const char *v[4];
	long count = 0, rows = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, mi_month_format(o->from, month, sizeof(month)), -1,
	    SQLITE_TRANSIENT);
	for (;;) {
		const char *uc;

		rc = sqlite3_step(st);
		uc = rc == SQLITE_ROW && sqlite3_column_text(st, 0) ?
		    (const char *)sqlite3_column_text(st, 0) : "";
		if (count && (rc != SQLITE_ROW || strcmp(uc, mi_buf_str(&code)) != 0)) {
			snprintf(n, sizeof(n), "%ld", count);
			v[0] = mi_buf_str(&code);
			v[1] = mi_buf_str(&name);
			v[2] = n;
			v[3] = mi_buf_str(&tickets);
			if (o->limit == 0 || rows < o->limit)
				mi_out_row(out, v);
			rows++;
			count = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if (out == NULL) {
			fprintf(f, "\n%s、未查明原因的漏报诉求（12345热线）\n", numeral[*nsec]);
			(*nsec)++;
			out = mi_out_new(f, MI_OUT_TABLE, c->opts.reveal ? MI_OUTF_REVEAL : 0);
			mi_out_cols(out, cols);
		}
		if (count == 0) {
			mi_buf_reset(&code);
			mi_buf_reset(&name);
			mi_buf_reset(&tickets);
			mi_buf_puts(&code, uc);
			if (sqlite3_column_text(st, 1))
				mi_buf_puts(&name, (const char *)sqlite3_column_text(st, 1));
		} else
			mi_buf_puts(&tickets, "、");
		mi_buf_puts(&tickets, (const char *)sqlite3_column_text(st, 2));
		count++;
	}
	if (rc != SQLITE_DONE)
		rc = mi_db_fail(c->db, sql, e);
	else
		rc = out ? mi_out_finish(out, e) : 0;
	mi_out_free(out);
	mi_buf_release(&code);
	mi_buf_release(&name);
	mi_buf_release(&tickets);
	return rc;
}

/* ---- the bulletin as a workbook (-o xlsx) ---- */

static const char *const sheet_people[MI_LINE_N] = { "社区小区线个人", "双报到单位线个人",
	"职能部门线个人" };
static const char *const chart_units[MI_LINE_N] = { "社区、小区得分", "“双报到”单位得分",
	"职能部门得分" };
static const char *const chart_people[MI_LINE_N] = { "社区、小区线个人得分",
	"“双报到”单位线个人得分", "职能部门线个人得分" };

/* The first of the month k months before the month starting at ymd. */
static int
months_back(int ymd, int k)
{
	int n = ymd / 10000 * 12 + ymd / 100 % 100 - 1 - k;

	return n / 12 * 10000 + (n % 12 + 1) * 100 + 1;
}

/*
 * The summary sheet: the county's totals of each of the twelve months up
 * to this one (every case once, whatever line it counts for), each month
 * scored as its own bulletin would score it, and a line chart of the
 * closure and satisfaction rates. A month without cases has no rates: a
 * gap in the chart.
 */
static int
book_summary(mi_ctx *c, const mi_score_opts *o, mi_out *out, mi_err *e)
{
	static const struct mi_col cols[] = {
		{ "月份", MI_COL_STR }, { "受理", MI_COL_INT }, { "办结", MI_COL_INT },
		{ "超期", MI_COL_INT }, { "办结率", MI_COL_NUM }, { "满意率", MI_COL_NUM }, { NULL, 0 }
	};
	int ymd = mi_ymd_of(o->from), k, first;
	mi_score_opts mo = *o;
	struct model m;
	struct cells cl;
	char month[16];
	const char *v[6];

	mi_out_sheet(out, "汇总");
	mi_out_cols(out, cols);
	mi_out_chart(out, MI_CHART_LINE, "近十二个月办结率、满意率", 0, 4, 2);
	for (k = 11; k >= 0; k--) {
		first = months_back(ymd, k);
		mo.period = MI_PERIOD_MONTH;
		mo.from = mi_time_of_ymd(first, 0);
		mo.to = mi_time_of_ymd(months_back(ymd, k - 1), 0);
		if (mi_score_build(c, &mo, 0, &m, e) < 0)
			return -1;
		snprintf(month, sizeof(month), "%04d-%02d", first / 10000, first / 100 % 100);
		snprintf(cl.n[0], sizeof(cl.n[0]), "%ld", m.county[0].counted);
		snprintf(cl.n[1], sizeof(cl.n[1]), "%ld", m.county[0].closed);
		snprintf(cl.n[2], sizeof(cl.n[2]), "%ld", m.county[0].overdue);
		v[0] = month;
		v[1] = cl.n[0];
		v[2] = cl.n[1];
		v[3] = cl.n[2];
		v[4] = mi_score_pct(cl.rate[0], sizeof(cl.rate[0]), m.county[0].closed,
		    m.county[0].counted, "%");
		v[5] = mi_score_pct(cl.rate[1], sizeof(cl.rate[1]), m.county[0].satisfied,
		    m.county[0].answered, "%");
		mi_out_row(out, v);
		mi_score_free(&m);
	}
	return 0;
}

/* One sheet: a line's ranked table and a column chart of its scores. */
static void
book_section(const struct model *m, const mi_score_opts *o, int persons, int line,
    mi_out *out, size_t *named)
{
	struct table cur, prev;
	const struct row **last = mi_xcalloc(m->nent + 1, sizeof(*last));
	size_t i;

	mi_score_table(m, persons, line, 1, 2, &cur);
	mi_score_table(m, persons, line, 0, 1, &prev);
	mi_score_limit(&cur, o->limit);
	for (i = 0; i < prev.n; i++)
		last[prev.r[i].x - m->ent] = &prev.r[i];
	if (!persons || cur.n > 0) {
		mi_out_sheet(out, persons ? sheet_people[line] : mi_vocab_zh(MI_V_LINE, line));
		bulletin_cols(out, persons, line);
		/* Names (people's or units') along, 得分 up. */
		mi_out_chart(out, MI_CHART_COLUMN, (persons ? chart_people : chart_units)[line], 1,
		    persons ? 13 : 11, 1);
		for (i = 0; i < cur.n; i++)
			bulletin_row(m, last, &cur.r[i], out);
		if (persons)
			*named += cur.n;
	}
	free(last);
	free(cur.r);
	free(prev.r);
}

static int
bulletin_book(mi_ctx *c, const mi_score_opts *o, FILE *f, mi_err *e)
{
	mi_out *out = mi_ctx_out(c, f);
	struct model m;
	size_t named = 0;
	int line, persons, rc;

	if ((rc = book_summary(c, o, out, e)) == 0 && (rc = mi_score_build(c, o, 1, &m, e)) == 0) {
		for (persons = 0; persons < 2; persons++) {
			if (!(o->what & (persons ? MI_SCORE_PEOPLE : MI_SCORE_UNITS)))
				continue;
			for (line = 0; line < MI_LINE_N; line++)
				if (o->line < 0 || o->line == line)
					book_section(&m, o, persons, line, out, &named);
		}
		mi_score_free(&m);
		/* The workbook leaves at the end: its reveal is recorded first. */
		if (c->opts.reveal && named > 0)
			rc = mi_score_reveal(c, o, e);
		if (rc == 0)
			rc = mi_out_finish(out, e);
	}
	mi_out_free(out);
	return rc;
}

/* ---- the county and its places (全县合计、城乡对比) ---- */

static void
place_row(const char *name, const struct figs *f, mi_out *out)
{
	struct cells c;
	char n[4][24], cb[16], hr[16];
	const char *v[9];
	size_t i;

	snprintf(n[0], sizeof(n[0]), "%ld", f->counted);
	snprintf(n[1], sizeof(n[1]), "%ld", f->resolved);
	snprintf(n[2], sizeof(n[2]), "%ld", f->closed);
	snprintf(n[3], sizeof(n[3]), "%ld", f->hotline);
	v[0] = name;
	v[1] = n[0];
	v[2] = n[2];
	v[3] = mi_score_pct(c.rate[0], sizeof(c.rate[0]), f->closed, f->counted, "%");
	v[4] = mi_score_pct(c.rate[3], sizeof(c.rate[3]), f->satisfied, f->answered, "%");
	v[5] = mi_score_pct(cb, sizeof(cb), f->called, f->resolved, "%");
	v[6] = n[3];
	v[7] = mi_score_pct(hr, sizeof(hr), f->hotline, f->hotline + f->local, "%");
	v[8] = NULL;
	for (i = 3; i < 8; i++)
		if (v[i] == NULL)
			v[i] = "—";
	mi_out_row(out, v);
}

/*
 * The county's totals (every case once; for a year, each month, then the
 * year), the urban and the rural streets together, then each street and
 * town: what the residents of each place asked and how it was answered.
 */
static int
county_section(const struct model *m, mi_ctx *c, size_t b0, int months, int *nsec, FILE *f,
    mi_err *e)
{
	static const struct mi_col cols[] = {
		{ "范围", MI_COL_STR }, { "受理", MI_COL_INT }, { "办结", MI_COL_INT },
		{ "办结率", MI_COL_NUM }, { "满意率", MI_COL_NUM }, { "回访率", MI_COL_NUM },
		{ "热线记录", MI_COL_INT }, { "热线率", MI_COL_NUM }, { NULL, 0 }
	};
	static const char *const area_name[AREA_N] = { "街道（城区）合计", "镇（农村）合计" };
	struct figs all, area[AREA_N], *st = mi_xcalloc(m->nu + 1, sizeof(*st));
	char name[16];
	mi_out *out;
	size_t b, i;
	int a, rc;

	fprintf(f, "\n%s、%s\n", numeral[*nsec], "全县合计及城乡对比（按诉求所在地）");
	(*nsec)++;
	out = mi_out_new(f, MI_OUT_TABLE, 0);
	mi_out_cols(out, cols);
	memset(&all, 0, sizeof(all));
	memset(area, 0, sizeof(area));
	for (b = b0; b < m->nb; b++) {
		if (months) {
			snprintf(name, sizeof(name), "%d月", mi_ymd_of(m->b[b].start) / 100 % 100);
			place_row(name, &m->county[b], out);
		}
		mi_score_figs_add(&all, &m->county[b]);
		for (i = 0; i < m->nu; i++) {
			if (m->u[i].kind != MI_U_STREET)
				continue;
			mi_score_figs_add(&st[i], &m->place[i * m->nb + b]);
			if (m->u[i].area >= 0)
				mi_score_figs_add(&area[m->u[i].area], &m->place[i * m->nb + b]);
		}
	}
	place_row(months ? "全年" : "全县", &all, out);
	for (a = 0; a < AREA_N; a++)
		if (area[a].counted || area[a].hotline)
			place_row(area_name[a], &area[a], out);
	for (i = 0; i < m->nu; i++)
		if (m->u[i].kind == MI_U_STREET && (st[i].counted || st[i].hotline))
			place_row(m->u[i].name, &st[i], out);
	rc = mi_out_finish(out, e);
	mi_out_free(out);
	free(st);
	return rc;
}

/* ---- the year's bulletin (年度通报) ---- */

static void
year_head(const struct model *m, const char *county, FILE *f)
{
	const struct settings *s = &m->s;
	int ymd = mi_ymd_of(m->b[0].start), last = mi_ymd_of(m->b[m->nb - 1].start);
	mi_buf t = MI_BUF_INIT;

	mi_buf_printf(&t, "%s民意诉求办理情况年度通报\n（%d年）\n\n", county, ymd / 10000);
	mi_buf_printf(&t, "统计范围：%d年1月至%d月，各月按当月通报的办法计分。", ymd / 10000,
	    last / 100 % 100);
	if (s->by_mean)
		mi_buf_puts(&t, "年底总成绩为各月得分之和，按计分月份的月均得分排名；");
	else
		mi_buf_puts(&t, "年底总成绩为各月得分之和，按总成绩排名；");
	mi_buf_puts(&t, "计分月份少于全年的，列出其计分月数；");
	if (s->min_cases > 0)
		mi_buf_printf(&t, "平均每月不足%ld件的单位和个人不排名（排名记为“—”），",
		    s->min_cases);
	mi_buf_puts(&t, "无可考核事项的不排名。\n");
	mi_esc_tail(&t, 0, MI_ESC_TEXT);
	fputs(mi_buf_str(&t), f);
	mi_buf_release(&t);
}

static void
year_cols(const struct model *m, mi_out *out, int persons)
{
	static const struct mi_col person[] = {
		{ "姓名", MI_COL_NAME }, { "角色", MI_COL_STR }, { "单位", MI_COL_STR }, { NULL, 0 }
	};
	char name[16];
	size_t b;

	mi_out_col(out, "排名", MI_COL_INT);
	if (persons)
		mi_out_cols(out, person);
	else
		mi_out_col(out, "单位", MI_COL_STR);
	mi_out_col(out, "计分月数", MI_COL_INT);
	for (b = 0; b < m->nb; b++) {
		snprintf(name, sizeof(name), "%d月", mi_ymd_of(m->b[b].start) / 100 % 100);
		mi_out_col(out, name, MI_COL_NUM);
	}
	mi_out_col(out, "总成绩", MI_COL_NUM);
	mi_out_col(out, "月均", MI_COL_NUM);
	mi_out_col(out, "等级", MI_COL_STR);
}

static void
year_row(const struct model *m, const struct row *r, mi_out *out)
{
	const struct figs *f;
	const char **v = mi_xcalloc(m->nb + 8, sizeof(*v));
	char (*month)[32] = mi_xcalloc(m->nb, sizeof(*month));
	struct cells c;
	char mean[32];
	size_t k, b;

	k = row_who(r, &c, v);
	snprintf(c.months, sizeof(c.months), "%d", r->months);
	v[k++] = c.months;
	for (b = 0; b < m->nb; b++) {
		f = &r->x->f[b];
		v[k++] = f->counted == 0 && f->missed == 0 ? "—" : mi_score_hundredths(month[b],
		    sizeof(month[b]), mi_score_month(&m->s, f), 0);
	}
	v[k++] = mi_score_hundredths(c.score, sizeof(c.score), r->score, 0);
	/* the mean to hundredths, rounded half away from zero */
	v[k++] = mi_score_hundredths(mean, sizeof(mean), (r->score >= 0 ?
	    r->score * 2 + r->months : r->score * 2 - r->months) / (2LL * r->months), 0);
	v[k++] = mi_score_grade(&m->s, r);
	mi_out_row(out, v);
	free(month);
	free(v);
}

static int
year_section(const struct model *m, mi_ctx *c, const mi_score_opts *o, int persons, int line,
    int *nsec, size_t *named, FILE *f, mi_err *e)
{
	struct table t;
	mi_out *out;
	size_t i;
	int rc = 0;

	mi_score_table(m, persons, line, 0, m->nb, &t);
	mi_score_limit(&t, o->limit);
	out = section_open(c, persons, line, t.n, "（本年无）\n", nsec, f);
	if (out == NULL)
		goto done;
	year_cols(m, out, persons);
	for (i = 0; i < t.n; i++)
		year_row(m, &t.r[i], out);
	rc = section_close(out, persons, t.n, named, e);
done:
	free(t.r);
	return rc;
}

int
mi_score_bulletin(mi_ctx *c, const mi_score_opts *o, FILE *f, mi_err *e)
{
	struct model m;
	mi_buf county = MI_BUF_INIT;
	size_t named = 0;
	int line, persons, nsec = 0, rc = 0, year = o->period == MI_PERIOD_YEAR;

	if (c->opts.outfmt == MI_OUT_XLSX)
		return bulletin_book(c, o, f, e);
	if (mi_score_build(c, o, !year, &m, e) < 0)
		return -1;
	if (county_name(c, &county, e) < 0) {
		mi_score_free(&m);
		return -1;
	}
	if (year)
		year_head(&m, mi_buf_str(&county), f);
	else
		bulletin_head(&m, mi_buf_str(&county), f);
	for (persons = 0; persons < 2 && rc == 0; persons++) {
		if (!(o->what & (persons ? MI_SCORE_PEOPLE : MI_SCORE_UNITS)))
			continue;
		for (line = 0; line < MI_LINE_N && rc == 0; line++)
			if ((o->line < 0 || o->line == line) && year)
				rc = year_section(&m, c, o, persons, line, &nsec, &named, f, e);
			else if (o->line < 0 || o->line == line)
				rc = bulletin_section(&m, c, o, persons, line, &nsec, &named, f, e);
	}
	if (rc == 0 && o->line < 0)
		rc = county_section(&m, c, year ? 0 : 1, year, &nsec, f, e);
	if (rc == 0 && !year && (o->what & MI_SCORE_UNITS) &&
	    (o->line < 0 || o->line == MI_LINE_COMMUNITY))
		rc = bulletin_uncaused(c, o, &nsec, f, e);
	mi_buf_release(&county);
	mi_score_free(&m);
	if (rc == 0 && fflush(f) != 0)
		rc = mi_err_set(e, MI_EX_IOERR, "cannot write the bulletin");
	if (rc == 0 && c->opts.reveal && named > 0)
		rc = mi_score_reveal(c, o, e);
	return rc;
}
