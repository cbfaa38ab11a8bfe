/* Unit tests for lib/io/layout.c: layouts read from the config, the one a
 * header fits best, the columns bound to each field, and a field's value
 * (a title joined to its body). */
#include <stdlib.h>

#include "io/io.h"
#include "store/store.h"
#include "tap.h"
#include "input_fixture.h"

/* A header record of n names (values empty). */
static mi_record
header(const char **names, size_t n)
{
	static const char *empty[16];
	mi_record r;

	memset(&r, 0, sizeof(r));
	r.n = n;
	r.key = names;
	r.val = empty;
	return r;
}

static void
test_load(void)
{
	mi_config *cfg = NULL;
	mi_layouts ls;
	const mi_layout *y, *z;
	mi_err e = { 0, "" };
	const char *p = write_tmp("c.json", "{\"layouts\": {"
	    "\"t one\": {\"channel\": \"hotline\", \"fields\": {\"text\": [\"诉求\", \"内容\"],"
	    " \"received\": [\"时间\"], \"remarks\": [\"备注\"]},"
	    " \"join\": {\"text\": [\"标题\"]},"
	    " \"requires\": [[\"工单号\", \"编号\"], [\"电话\"], [\"a\"], [\"b\"]]},"
	    "\"t two\": {\"fields\": {\"text\": [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\","
	    " \"9\", \"10\", \"11\", \"12\", \"13\", \"14\", \"15\"]}}}}");

	if (mi_config_load(p, &cfg, &e) < 0) {
		ok(0, "config loads: %s", e.msg);
		return;
	}
	mi_layouts_load(cfg, &ls);
	y = mi_layout_find(&ls, "t one");
	z = mi_layout_find(&ls, "t two");
	ok(y != NULL && z != NULL && y != z, "both layouts found by name");
	ok(mi_layout_find(&ls, "t three") == NULL, "a name not there: NULL");
	ok(mi_layout_find(&ls, "t on") == NULL, "a prefix of a name is not the name");
	if (y == NULL || z == NULL)
		return;
	is_int(y->channel, MI_CH_HOTLINE, "the channel a layout fixes");
	is_int(z->channel, -1, "no channel: -1");
	is_str(y->cols[MI_F_TEXT][0], "诉求", "the first name of a field");
	is_str(y->cols[MI_F_TEXT][1], "内容", "the second name");
	ok(y->cols[MI_F_TEXT][2] == NULL, "the list ends there");
	is_str(y->cols[MI_LF_REMARKS][0], "备注", "a field past the canonical ones");
	is_str(y->join[MI_F_TEXT][0], "标题", "the title joined to the text");
	ok(y->join[MI_F_RECEIVED][0] == NULL, "no title for the time");
	is_str(y->req[0][1], "编号", "a group of required columns");
	is_str(y->req[1][0], "电话", "the second group");
	is_str(y->req[3][0], "b", "the fourth group");
	ok(y->req[3][1] == NULL, "the fourth group has one name");
	is_str(z->cols[MI_F_TEXT][14], "15", "fifteen names are kept");
	ok(z->cols[MI_F_TEXT][15] == NULL, "and the list ends in NULL");
	ok(mi_layout_find(&ls, "hotline12345") != NULL, "the built-in layouts are there too");
	mi_layouts_release(&ls);
	ok(ls.v == NULL && ls.n == 0, "released");
	mi_config_free(cfg);
}

/* Layouts by hand: A and B tie on a header that names text and ref; B
 * also reads the phone; C needs a ticket column; D's text is a title. */
static mi_layout lay[4] = {
	{ .name = "A", .cols = { [MI_F_TEXT] = { "诉求" }, [MI_F_REF] = { "编号" } } },
	{ .name = "B", .cols = { [MI_F_TEXT] = { "诉求" }, [MI_F_REF] = { "编号" },
	    [MI_F_PHONE] = { "电话", "手机" } } },
	{ .name = "C", .cols = { [MI_F_TEXT] = { "内容" }, [MI_F_REF] = { "编号" }, [MI_F_PHONE] = { "电话" },
	    [MI_F_RECEIVED] = { "时间" } }, .req = { { "工单号", "单号" }, { "时间" } } },
	{ .name = "D", .cols = { [MI_F_TEXT] = { "正文" } }, .join = { [MI_F_TEXT] = { "标题" } } },
};
static const mi_layouts all = { lay, 4 };

static const char *
chosen(const char **cols, size_t n, const char *only)
{
	const mi_layout *y = mi_layout_choose(&all, cols, n, only);
	mi_layout_pick pick = { &all, only };
	mi_record r = header(cols, n);

	if (mi_layout_detect(&all, &r, only) != y || (mi_layout_header(&pick, cols, n) > 0) != (y != NULL))
		return "detect and header disagree";
	return y ? y->name : "(none)";
}

static void
test_choose(void)
{
	const char *h1[] = { "编号", "诉求" }, *h2[] = { "手机", "编号", "诉求" };
	const char *h3[] = { "内容", "编号", "电话", "时间", "单号" }, *h4[] = { "内容", "编号", "电话", "时间" };
	const char *h5[] = { "标题", "编号" }, *h6[] = { "编号", "电话" }, *h7[] = { "内容", "单号", "时间" };
	const char *h8[] = { "诉求", "电话", "时间", "单号", "内容" };

	is_str(chosen(h1, 2, NULL), "A", "a tie goes to the layout listed first");
	is_str(chosen(h2, 3, NULL), "B", "more fields found wins (the second name of the phone)");
	{
		mi_layout_pick pick = { &all, NULL }, only_a = { &all, "A" };

		is_int(mi_layout_header(&pick, h2, 3), 3, "a header's score: the fields the best layout finds");
		is_int(mi_layout_header(&only_a, h2, 3), 2, "those of the layout asked for");
		is_int(mi_layout_header(&pick, h2, 2), 0, "no layout: 0");
	}
	is_str(chosen(h2, 2, NULL), "(none)", "only the first n names count: no text");
	is_str(chosen(h1, 2, "B"), "B", "only the layout named");
	is_str(chosen(h1, 2, "C"), "(none)", "the layout named does not fit");
	is_str(chosen(h3, 5, NULL), "C", "every required group found");
	is_str(chosen(h4, 4, NULL), "(none)", "a required group missing");
	is_str(chosen(h7, 3, NULL), "C", "the requires are enough with the text");
	is_str(chosen(h5, 2, NULL), "D", "the text found as a title only");
	is_str(chosen(h6, 2, NULL), "(none)", "no text: no layout");
	is_str(chosen(h8, 5, NULL), "C", "C finds three fields against B's two");
	is_str(chosen(h8, 5, "B"), "B", "but only B was asked for");
	is_str(chosen(h1, 0, NULL), "(none)", "an empty header");
}

static void
test_bind(void)
{
	const char *h[] = { "编号", "标题", "", "正文", "说明" }, *dup[] = { "诉求", "编号", "诉求" };
	const char *v1[] = { "9", "灯", "x", "不亮", "" }, *v2[] = { "9", " ", "", "不亮", "" };
	const char *v3[] = { "9", "灯", "", "\t\r\n", "" };
	mi_layout y = { .name = "J", .cols = { [MI_F_TEXT] = { "正文", "说明" }, [MI_F_REF] = { "编号" } },
	    .join = { [MI_F_TEXT] = { "标题" } } };
	mi_record hr = header(h, 5), r = hr;
	mi_fieldmap m;
	mi_err e = { 0, "" };
	size_t i;
	char used[8] = "";

	ok(mi_fieldmap_bind(&m, &y, &hr, 1, "f.csv", 3, &e) < 0, "two body columns of the text refused");
	is_str(e.msg, "f.csv:3: columns '正文' and '说明' would both fill field 'text' (keep one, or say how "
	    "to join them in the layout: see minyi(5))", "the error names file, line, both columns, the field");
	is_int(e.code, MI_EX_DATAERR, "a data error");
	mi_fieldmap_release(&m);
	y.cols[MI_F_TEXT][1] = NULL;
	e.code = 0;
	ok(mi_fieldmap_bind(&m, &y, &hr, 1, "f.csv", 3, &e) == 0 && e.code == 0, "one body and one title bind");
	is_int(m.idx[MI_F_TEXT], 3, "the body's column");
	is_int(m.title[MI_F_TEXT], 1, "the title's column");
	is_int(m.idx[MI_F_REF], 0, "the ref's column");
	is_int(m.idx[MI_F_PHONE], -1, "no phone column");
	for (i = 0; i < 6; i++)
		used[i] = mi_fieldmap_uses(&m, i) ? 'u' : '-';
	is_str(used, "uu-u--", "the columns used (and none past the header)");
	r.val = v1;
	is_str(mi_field(&m, &r, MI_F_TEXT), "灯：不亮", "title and body joined");
	is_str(mi_field(&m, &r, MI_F_REF), "9", "a plain field");
	ok(mi_field(&m, &r, MI_F_PHONE) == NULL, "a field without a column");
	r.val = v2;
	is_str(mi_field(&m, &r, MI_F_TEXT), "不亮", "a blank title: the body alone");
	r.val = v3;
	is_str(mi_field(&m, &r, MI_F_TEXT), "灯", "a blank body: the title alone");
	r.n = 2;
	is_str(mi_field(&m, &r, MI_F_TEXT), "灯", "a short record: the body's column is not read");
	mi_fieldmap_release(&m);
	ok(m.joined == NULL, "released");

	/* JSON: each record looked up by key; a key that is the title is not a body. */
	y.cols[MI_F_TEXT][1] = "标题";
	ok(mi_fieldmap_bind(&m, &y, &hr, 0, "f.json", 1, &e) == 0, "JSON binds");
	r = hr;
	r.val = v1;
	is_str(mi_field(&m, &r, MI_F_TEXT), "灯：不亮", "JSON: title and body joined");
	r.val = v2;
	is_str(mi_field(&m, &r, MI_F_TEXT), "不亮", "JSON: a blank title is no title");
	{
		const char *k[] = { "标题", "x" }, *v[] = { "灯", "" };

		r.key = k;
		r.val = v;
		r.n = 2;
		is_str(mi_field(&m, &r, MI_F_TEXT), "灯", "JSON: the title is not taken as the body too");
	}
	mi_fieldmap_release(&m);
	y.cols[MI_F_TEXT][1] = NULL;
	{
		/* One name twice: free text joins both columns' values, each once;
		 * a field of one value (the phone) refuses the header. */
		mi_layout d = { .name = "P", .cols = { [MI_F_TEXT] = { "诉求" } } };
		mi_layout d2 = { .name = "Q", .cols = { [MI_F_TEXT] = { "编号" }, [MI_F_PHONE] = { "诉求" } } };
		mi_record dr = header(dup, 3), rr = dr;
		const char *v[] = { "灯不亮", "1", "三天了" }, *same[] = { "灯不亮", "1", "灯不亮" };

		ok(mi_fieldmap_bind(&m, &d, &dr, 1, "g.csv", 2, &e) == 0, "one name twice: free text binds");
		ok(mi_fieldmap_uses(&m, 0) && mi_fieldmap_uses(&m, 2) && !mi_fieldmap_uses(&m, 1),
		    "both columns of the name are used");
		rr.val = v;
		is_str(mi_field(&m, &rr, MI_F_TEXT), "灯不亮；三天了", "their values joined");
		rr.val = same;
		is_str(mi_field(&m, &rr, MI_F_TEXT), "灯不亮", "the same words once");
		mi_fieldmap_release(&m);
		ok(mi_fieldmap_bind(&m, &d2, &dr, 1, "g.csv", 2, &e) < 0, "one name twice for the phone refused");
		is_str(e.msg, "g.csv:2: columns 1 and 3 are both named '诉求', and field 'phone' can read only one "
		    "(rename one)", "and both places named");
		mi_fieldmap_release(&m);
	}
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_load();
	test_choose();
	test_bind();
	input_end();
	return done_testing();
}
