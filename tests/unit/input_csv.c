/* Unit tests for lib/input*.c: the CSV reader: quotes, line ends, ragged
 * rows, limits and edges. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_bom_crlf(void)
{
	static const struct rec_check t[] = {
		{ REC_NEXT },
		{ REC_SOME, .name = "bom-crlf: a record" },
		{ REC_KEY, .n = 0, .want = "工单编号", .name = "BOM and spaces gone from the first name" },
		{ REC_KEY, .n = 1, .want = "诉求人", .name = "full-width spaces trimmed from a name" },
		{ REC_VAL, .n = 0, .want = "A001", .name = "no CR in values" },
		{ REC_VAL, .n = 2, .want = "楼道灯坏了\r\n请尽快修", .name = "a quoted CRLF is kept" },
		{ REC_NEXT },
		{ REC_VAL, .n = 0, .want = "A002", .name = "blank CRLF line skipped" },
		{ REC_LINE, .n = 5, .name = "line 5" },
		{ REC_VAL, .n = 2, .want = "噪音扰民", .name = "last value without CR" },
		{ REC_END, .name = "two records" },
	};

	if (check_file(FIX "bom-crlf.csv", MI_FMT_AUTO, t, nitems(t)) < 0)
		skip(9, "bom-crlf.csv does not open");
}

static void
test_ragged(void)
{
	static const struct rec_check t[] = {
		{ REC_NEXT },
		{ REC_GOOD, .name = "ragged: first row good" },
		{ REC_NEXT },
		{ REC_BAD, .want = "2 fields, header has 3", .name = "short row is bad" },
		{ REC_N, .n = 3, .name = "short row still has every key" },
		{ REC_GET, .key = "name", .want = "李四", .name = "short row keeps its values" },
		{ REC_GET, .key = "text", .want = "", .name = "missing value is \"\"" },
		{ REC_NEXT },
		{ REC_BAD, .want = "4 fields, header has 3", .name = "long row is bad" },
		{ REC_LINE, .n = 4, .name = "long row line" },
		{ REC_NEXT },
		{ REC_GOOD, .name = "row after a blank line good" },
		{ REC_LINE, .n = 6, .name = "its line" },
		{ REC_GET, .key = "text", .want = "x,y", .name = "its quoted value" },
		{ REC_END, .name = "four records" },
	};

	check_file(FIX "ragged.csv", MI_FMT_AUTO, t, nitems(t));
}

static void
test_unterminated(void)
{
	static const struct rec_check t[] = {
		{ REC_NEXT },
		{ REC_GOOD, .name = "unterminated: first record good" },
		{ REC_NEXT },
		{ REC_BAD, .want = "unterminated quoted field: lines 3 to 4 read as one cell",
		    .name = "last record bad, and the rows read into it said" },
		{ REC_LINE, .n = 3, .name = "where the quote opened" },
		{ REC_END, .name = "then the end, not an error" },
	};

	check_file(FIX "unterminated.csv", MI_FMT_AUTO, t, nitems(t));
}

static void
test_limits(void)
{
	static const struct rec_check long_field[] = {
		{ REC_NEXT },
		{ REC_BAD, .want = "field longer than 1 MiB", .name = "long field: bad" },
		{ REC_LINE, .n = 2, .name = "long field: its line" },
		{ REC_NEXT },
		{ REC_VAL, .n = 1, .want = "short", .name = "the record after it is read" },
		{ REC_LINE, .n = 40003, .name = "at the right line" },
		{ REC_GOOD, .name = "and good" },
	}, widest[] = {
		{ REC_NEXT },
		{ REC_GET, .key = "c4095", .want = "4095", .name = "4096 columns are fine" },
	};
	mi_buf b = MI_BUF_INIT;
	const char *path;
	mi_err e;
	long i, bad;
	int rc;

	/* A field past 1 MiB, inside quotes across many lines. */
	path = tmp_path("long.csv");
	mi_buf_puts(&b, "id,text\n1,\"");
	for (i = 0; i < 40000; i++)
		mi_buf_puts(&b, "一行很长的诉求内容\n");
	mi_buf_puts(&b, "\"\n2,short\n");
	write_file(path, b.s, b.len);
	mi_buf_reset(&b);
	check_file(path, MI_FMT_CSV, long_field, nitems(long_field));

	path = tmp_path("wide.csv");
	for (i = 0; i < 4097; i++)
		mi_buf_printf(&b, "%sc%ld", i ? "," : "", i);
	mi_buf_puts(&b, "\n1\n");
	write_file(path, b.s, b.len);
	is_int(count(path, MI_FMT_CSV, MI_ENC_AUTO, &bad, &rc, &e), 0, "4097 columns: no record");
	is_int(rc, -1, "4097 columns: an error");
	is_int(e.code, MI_EX_DATAERR, "4097 columns: data error");
	ok(strstr(e.msg, "wide.csv:1: header has 4097 columns") != NULL, "names file and line: %s", e.msg);

	mi_buf_reset(&b);
	for (i = 0; i < 4096; i++)
		mi_buf_printf(&b, "%sc%ld", i ? "," : "", i);
	mi_buf_puts(&b, "\n");
	for (i = 0; i < 4096; i++)
		mi_buf_printf(&b, "%s%ld", i ? "," : "", i);
	mi_buf_puts(&b, "\n");
	write_file(path, b.s, b.len);
	check_file(path, MI_FMT_CSV, widest, nitems(widest));
	mi_buf_release(&b);

	path = write_tmp("dup.csv", "\n\nid, name ,name\n1,2,3\n");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 0, "duplicate column: no record");
	is_int(e.code, MI_EX_DATAERR, "duplicate column: data error");
	ok(strstr(e.msg, "dup.csv:3: duplicate column 'name'") != NULL, "names it: %s", e.msg);
	path = write_tmp("empties.csv", "id,name,,\n1,张三,,\n");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 1, "empty names may repeat");
	is_int(bad, 0, "and the record is good");
}

static void
test_csv_edges(void)
{
	static const struct rec_check noeol[] = {
		{ REC_NEXT },
		{ REC_NEXT },
		{ REC_VAL, .n = 1, .want = "x", .name = "last line without a line end" },
		{ REC_LINE, .n = 3, .name = "and its line" },
		{ REC_GOOD, .name = "is good" },
	};
	/* What our csv writes for a long reference reads back as its digits;
	 * another formula stays as written. */
	static const struct rec_check ids[] = {
		{ REC_NEXT },
		{ REC_VAL, .n = 0, .want = "370829202611160001", .name = "=\"digits\" reads as the digits" },
		{ REC_VAL, .n = 1, .want = "=\"\"x\"\"", .name = "a formula of text stays" },
		{ REC_VAL, .n = 2, .want = "=\"\"", .name = "an empty one stays" },
	};
	const char *path;
	mi_err e;
	long bad;
	int rc;

	path = write_tmp("empty.csv", "");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 0, "empty file: no record");
	is_int(rc, 0, "empty file: no error");
	path = write_tmp("header.csv", "a,b\n");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 0, "header only: no record");
	is_int(rc, 0, "header only: no error");

	path = write_tmp("noeol.csv", "a,b\n1,2\n3,\"x\"");
	check_file(path, MI_FMT_AUTO, noeol, nitems(noeol));

	path = write_tmp("ids.csv", "ref,b,c\n\"=\"\"370829202611160001\"\"\",=\"\"x\"\",\"=\"\"\"\"\"\n");
	check_file(path, MI_FMT_AUTO, ids, nitems(ids));

	path = write_tmp("cr.csv", "a,b\r1,2\r3,4\r");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 2, "CR-only line ends: two records");
	is_int(bad, 0, "and good");
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_bom_crlf();
	test_ragged();
	test_unterminated();
	test_limits();
	test_csv_edges();
	input_end();
	return done_testing();
}
