/* Unit tests for lib/io/table.c: where a sheet's header is, rows without
 * content, and values past the header. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

/* A header names a demand's text: 诉求 or text among its cells. */
static int
names_text(void *arg, const char *const *cells, size_t n)
{
	size_t i;

	++*(int *)arg;
	for (i = 0; i < n; i++)
		if (strcmp(cells[i], "诉求") == 0 || strcmp(cells[i], "text") == 0)
			return 1;
	return 0;
}

/* The CSV text written to the file name, open, its header found by
 * names_text; NULL, the test's n points skipped, when it does not open. */
static mi_reader *
open_with(const char *name, const char *text, int *asked, int n)
{
	mi_reader *r = open_ok(write_tmp(name, text), MI_FMT_CSV, MI_ENC_AUTO);
	char why[64];

	if (r == NULL) {
		snprintf(why, sizeof(why), "%s does not open", name);
		skip(n, why);
		return NULL;
	}
	mi_reader_find_header(r, names_text, asked);
	return r;
}

static void
test_title_rows(void)
{
	int asked = 0, rc;
	mi_reader *r = open_with("title.csv",
	    "萌山社区社情民意365工作台账,,\n"
	    ",,\n"
	    "填表日期：2026年11月,,\n"
	    "时间,姓名,诉求\n"
	    "2026-11-05,张三,路灯坏了\n"
	    ",,\n"
	    " , \xe3\x80\x80,\n"
	    "2026-11-06,李四,下水道堵了\n"
	    ",,\n", &asked, 9);
	const mi_record *rec;
	mi_err e;
	size_t n = 0;
	const char *const *cols;

	if (r == NULL)
		return;
	is_int(mi_reader_header_row(r), 0, "no header row before the first record");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "诉求") : NULL, "路灯坏了", "the title and notes above the header skipped");
	is_int(rec ? rec->line : 0, 5, "the first record's line");
	is_int(mi_reader_header_row(r), 4, "the header is line 4");
	cols = mi_reader_columns(r, &n);
	ok(n == 3 && cols && strcmp(cols[2], "诉求") == 0, "the header's names");
	is_int(asked, 4, "the test saw the two rows with content above it, it, and the row under "
	    "it (a header's second row?)");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "姓名") : NULL, "李四", "blank rows between records skipped");
	ok(rec && rec->bad == NULL, "and the record after them is good");
	ok(next(r, &rc, &e) == NULL && rc == 0, "a blank last row is not a record");
	is_int(mi_reader_blank_rows(r), 4, "four blank rows counted, above the header and below");
	mi_reader_close(r);
}

static void
test_no_header_found(void)
{
	int asked = 0, rc;
	mi_reader *r = open_with("nohead.csv",
	    "\n"
	    "日期,人,内容\n"
	    "2026-11-05,张三,路灯坏了\n"
	    "2026-11-06,李四,下水道堵了\n", &asked, 5);
	const mi_record *rec;
	mi_err e;

	if (r == NULL)
		return;
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "内容") : NULL, "路灯坏了",
	    "no row accepted: the first row with content is the header");
	is_int(rec ? rec->line : 0, 3, "and the rows read while looking come back as records");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "人") : NULL, "李四", "in order");
	ok(next(r, &rc, &e) == NULL && rc == 0, "then the end");
	is_int(mi_reader_header_row(r), 2, "the header is line 2");
	mi_reader_close(r);
}

/* More than 20 rows without the header: the first is taken, the 21st and
 * later are records read as they come. */
static void
test_search_bound(void)
{
	mi_buf b = { 0 };
	int asked = 0, rc, i;
	mi_reader *r;
	const mi_record *rec;
	mi_err e;
	long n = 0;

	mi_buf_puts(&b, "a,b\n");
	for (i = 0; i < 30; i++)
		mi_buf_puts(&b, "1,2\n");
	mi_buf_puts(&b, "x,诉求\n");
	r = open_with("bound.csv", b.s, &asked, 3);
	mi_buf_release(&b);
	if (r == NULL)
		return;
	while ((rec = next(r, &rc, &e)) != NULL)
		n++;
	is_int(n, 31, "the row naming 诉求 past the 20th is a record");
	is_int(asked, 20, "only the first 20 rows with content are tried");
	is_int(mi_reader_header_row(r), 1, "the first row is the header");
	mi_reader_close(r);
}

static void
test_padding(void)
{
	static const struct rec_check t[] = {
		{ REC_NEXT },
		{ REC_GOOD, .name = "empty values past the header are padding, not a fault" },
		{ REC_N, .n = 2, .name = "and are dropped" },
		{ REC_NEXT },
		{ REC_BAD, .want = "4 fields, header has 2", .name = "a value past the header is a fault in CSV" },
		{ REC_N, .n = 4, .name = "kept with the row for the rejects" },
		{ REC_VAL, .n = 3, .want = "多", .name = "under an empty name" },
		{ REC_KEY, .n = 3, .want = "", .name = "which is empty" },
		{ REC_NEXT },
		{ REC_BAD, .want = "1 fields, header has 2", .name = "a short row is still a fault" },
		{ REC_END, .name = "three records" },
	};

	write_tmp("pad.csv", "a,text\n1,x,,\n2,y,,多\n3\n");
	check_file(tmp_path("pad.csv"), MI_FMT_CSV, t, nitems(t));
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_title_rows();
	test_no_header_found();
	test_search_bound();
	test_padding();
	input_end();
	return done_testing();
}
