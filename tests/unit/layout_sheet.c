/* Unit tests for lib/io/layout.c: the columns named when a file is
 * refused, the report of ignored columns, cells without content, and a
 * sheet of demands bound to a layout. */
#include <stdlib.h>

#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static const char *
closest(const char *const *want, const char *const *cols, size_t n)
{
	static char s[512];
	mi_buf b = MI_BUF_INIT;

	mi_columns_closest(want, cols, n, &b);
	snprintf(s, sizeof(s), "%s", mi_buf_str(&b));
	mi_buf_release(&b);
	return s;
}

static void
test_closest(void)
{
	const char *w[] = { "诉求内容", NULL }, *w2[] = { "电话", "诉求内容", NULL }, *sp[] = { "a b c", NULL };
	const char *c1[] = { "序号", "诉求", "内容摘要", "", "诉求描述", "备注", "诉求内" };
	const char *c2[] = { "诉", "abcdef" }, *c3[] = { "诉x", "", "abc" }, *c4[] = { "", "" };
	const char *c5[] = { "a b c", "abc" }, *c6[] = { "联系电话x", "诉求" };
	const char *c8[] = { "内容摘要", "诉求内", "诉" };

	is_str(closest(w, c1, 7), "closest: '诉求内', '诉求', '内容摘要'", "the three closest, best first");
	is_str(closest(w, c1, 6), "closest: '诉求', '内容摘要', '诉求描述'", "a tie keeps the header's order");
	is_str(closest(w, c1, 3), "closest: '诉求', '内容摘要'", "only the first n names");
	/* 500, then 857 moves it down, then 400 ranks after the 500 it moved. */
	is_str(closest(w, c8, 3), "closest: '诉求内', '内容摘要', '诉'", "a better name later moves the others down, likeness and all");
	is_str(closest(w, c2, 2), "closest: '诉'", "a likeness of 400 (one of five code points) is close");
	is_str(closest(w, c3, 3), "the file's columns: '诉x', 'abc'", "333 is not: the named columns instead");
	is_str(closest(w, c4, 2), "the file's columns: none named", "no named column");
	is_str(closest(w, c4, 0), "the file's columns: none named", "no column");
	is_str(closest(sp, c5, 2), "closest: 'abc', 'a b c'", "spaces are not shared code points");
	is_str(closest(w2, c6, 2), "closest: '诉求', '联系电话x'", "each name's best likeness over every wanted one");
	/* Names are compared over their first 64 code points: a column of 63
	 * a and a b shares 16 of 80 with the wanted b and 15 a (a likeness of
	 * 400, close), and would share only 15 of 79 without its last. */
	{
		const char *w3[] = { "baaaaaaaaaaaaaaa", NULL }, *c7[1];
		char long64[65], want[80];

		memset(long64, 'a', 63);
		long64[63] = 'b';
		long64[64] = '\0';
		c7[0] = long64;
		snprintf(want, sizeof(want), "closest: '%s'", long64);
		is_str(closest(w3, c7, 1), want, "a name of 64 code points, its last one counted");
	}
}

static void
test_ignored(void)
{
	const char *cols[] = { "编号", "序号", "", "正文", "", "备注" };
	const unsigned char data[] = { 0, 0, 1, 0, 0, 0 };
	mi_layout y = { .name = "I", .cols = { [MI_F_TEXT] = { "正文" }, [MI_F_REF] = { "编号" } } };
	mi_fieldmap m;
	mi_record h;
	mi_buf b = MI_BUF_INIT;
	mi_err e = { 0, "" };

	memset(&h, 0, sizeof(h));
	h.key = cols;
	h.n = 6;
	mi_fieldmap_bind(&m, &y, &h, 1, "f", 1, &e);
	mi_columns_ignored(&m, cols, 6, data, &b);
	is_str(mi_buf_str(&b), "ignored columns: 序号, column 3 (no name), 备注", "named columns unused, unnamed with data");
	mi_buf_reset(&b);
	mi_columns_ignored(&m, cols, 6, NULL, &b);
	is_str(mi_buf_str(&b), "ignored columns: 序号, 备注", "without data, no unnamed column");
	mi_buf_reset(&b);
	mi_columns_ignored(&m, cols, 1, data, &b);
	is_str(mi_buf_str(&b), "", "every column used: nothing");
	mi_buf_release(&b);
	mi_fieldmap_release(&m);
}

static void
test_filler(void)
{
	static const struct {
		const char *s;
		int filler, label;
	} t[] = {
		{ "", 1, 0 }, { "  12 ", 1, 0 }, { "合计", 1, 1 }, { "合计：12件", 1, 1 }, { "TOTAL 3", 1, 1 },
		{ "Subtotal", 1, 1 }, { "sum", 1, 1 }, { "su", 0, 0 }, { "12件", 1, 0 }, { "件", 0, 0 },
		{ "总计 5 人", 1, 1 }, { "3户", 1, 0 }, { "2条", 1, 0 }, { "4个", 1, 0 }, { "1项", 1, 0 },
		{ "6次", 1, 0 }, { "7人", 1, 0 }, { "7号", 0, 0 }, { "a", 0, 0 }, { "Z", 0, 0 }, { "z", 0, 0 },
		{ "@[`{~-", 1, 0 }, { "\u00a0", 1, 0 }, { "\u2000\u206f", 1, 0 }, { "\u2070", 0, 0 },
		{ "\u1fff", 0, 0 }, { "\u2500\u257f", 1, 0 }, { "\u2580", 0, 0 }, { "\u24ff", 0, 0 },
		{ "\u3000\u303f", 1, 0 }, { "\u3040", 0, 0 }, { "\u2fff", 0, 0 }, { "\uff01\uff20", 1, 0 },
		{ "\uff21", 0, 0 }, { "\uff00", 0, 0 }, { "\uff3b\uff40", 1, 0 }, { "\uff3a", 0, 0 },
		{ "\uff41", 0, 0 }, { "\uff5b\uff65", 1, 0 }, { "\uff5a", 0, 0 }, { "\uff66", 0, 0 },
		{ "\xff", 0, 0 }, { "小计\xff", 0, 1 }, { "共计", 1, 1 }, { "总数", 1, 1 }, { "累计", 1, 1 },
	};
	size_t i;
	int label;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		label = 7;
		is_int(mi_cell_filler(t[i].s, &label), t[i].filler, "filler: '%s'", t[i].s);
		is_int(label, t[i].label, "label: '%s'", t[i].s);
	}
	{
		const char *v1[] = { "合计", "3", "" }, *v2[] = { "合计", "3", "灯" };
		mi_record r;

		memset(&r, 0, sizeof(r));
		r.n = 3;
		r.val = v1;
		is_int(mi_record_filler(&r), 1, "a record of filler");
		r.val = v2;
		is_int(mi_record_filler(&r), 0, "a record with one cell of content");
		r.n = 2;
		is_int(mi_record_filler(&r), 1, "only the first n cells");
	}
}

static mi_layout lay[2] = {
	{ .name = "L1", .cols = { [MI_F_TEXT] = { "诉求" }, [MI_F_RECEIVED] = { "时间", "日期" },
	    [MI_F_PHONE] = { "电话" } } },
	{ .name = "L2", .cols = { [MI_F_TEXT] = { "内容", "描述" }, [MI_F_REF] = { "编号" } },
	    .req = { { "编号" }, { "工单号", "单号" } } },
};
static const mi_layouts all = { lay, 2 };

/* Binds the file of text csv: the error or the report, "" when skipped rows follow. */
static const char *
sheet(const char *text, const char *only, int need_time, int *skipped)
{
	static char s[512];
	mi_reader *rd = open_ok(write_tmp("s.csv", text), MI_FMT_CSV, MI_ENC_UTF8);
	const mi_record *rec;
	mi_dsheet ds;
	mi_err e = { 0, "" };
	mi_buf b = MI_BUF_INIT;
	int rc;

	*skipped = 0;
	if (rd == NULL)
		return "(cannot open)";
	mi_dsheet_start(&ds, rd, &all, only);
	rec = next(rd, &rc, &e);
	if (rec == NULL)
		snprintf(s, sizeof(s), "(no record)");
	else if (mi_dsheet_bind(&ds, rd, rec, need_time, &e) < 0)
		snprintf(s, sizeof(s), "%d %s", e.code, e.msg + strlen(mi_reader_path(rd)));
	else {
		do
			*skipped = *skipped * 10 + mi_dsheet_skip(&ds, rec);
		while ((rec = next(rd, &rc, &e)) != NULL);
		mi_dsheet_report(&ds, rd, &b);
		snprintf(s, sizeof(s), "%s", mi_buf_str(&b));
	}
	mi_buf_release(&b);
	mi_dsheet_release(&ds);
	mi_reader_close(rd);
	return s;
}

static void
test_sheet(void)
{
	int sk;

	is_str(sheet("序号,描述x,电话\n1,灯,1\n", NULL, 0, &sk), "65 :1: no known layout: no column holds the demand "
	    "text (closest: '描述x'; see layouts in minyi(5))", "no layout: the text columns of all named");
	is_str(sheet("序号,诉求x,电话\n1,灯,1\n", "L2", 0, &sk), "65 :1: no known layout: no column holds the demand "
	    "text (the file's columns: '序号', '诉求x', '电话'; see layouts in minyi(5))", "only L2's text columns");
	is_str(sheet("编号,内容,电话\n1,灯,1\n", "L2", 0, &sk), "65 :1: layout 'L2' requires a column ('工单号', '单号') "
	    "(closest: '编号'; see layouts in minyi(5))", "the required group missing named");
	is_str(sheet("内容,工单\n灯,1\n", "L2", 0, &sk), "65 :1: layout 'L2' requires a column ('编号') "
	    "(the file's columns: '内容', '工单'; see layouts in minyi(5))", "the first group missing");
	is_str(sheet("诉求,电话\n灯,1\n", NULL, 1, &sk), "65 :1: no column holds the received time "
	    "(the file's columns: '诉求', '电话'; see layouts in minyi(5))", "no time column when one is needed");
	is_str(sheet("诉求,电话\n灯,1\n", NULL, 0, &sk), "layout L1", "the time not needed");
	is_str(sheet("标题行\n诉求,时间,,序号\n灯,1,x,1\n合计,,,2\n", NULL, 1, &sk),
	    "layout L1 (row 2 is the header); ignored columns: column 3 (no name), 序号", "the header under a title");
	is_int(sk, 1, "a total row (no time, filler) is skipped, the demand is not");
	is_str(sheet("诉求,时间,电话\n灯,,\n合计,,\n3件,,1\n,2026-01-01,\n", NULL, 1, &sk), "layout L1", "every column used");
	is_int(sk, 100, "skipped: filler without time or phone; kept: text, a phone, a time");
	is_str(sheet(",诉求,时间\n备,灯,1\n", NULL, 0, &sk), "layout L1; ignored columns: column 1 (no name)",
	    "the first column, without a name, holding data");
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_closest();
	test_ignored();
	test_filler();
	test_sheet();
	input_end();
	return done_testing();
}
