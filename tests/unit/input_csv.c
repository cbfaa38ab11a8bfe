/* Unit tests for lib/input*.c: the CSV reader: quotes, line ends, ragged
 * rows, limits and edges. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_bom_crlf(void)
{
	mi_reader *r = open_ok(FIX "bom-crlf.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL) {
		skip(9, "bom-crlf.csv does not open");
		return;
	}
	rec = next(r, &rc, &e);
	ok(rec != NULL, "bom-crlf: a record");
	if (rec == NULL) {
		mi_reader_close(r);
		return;
	}
	is_str(rec->key[0], "工单编号", "BOM and spaces gone from the first name");
	is_str(rec->key[1], "诉求人", "full-width spaces trimmed from a name");
	is_str(rec->val[0], "A001", "no CR in values");
	is_str(rec->val[2], "楼道灯坏了\r\n请尽快修", "a quoted CRLF is kept");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->val[0] : NULL, "A002", "blank CRLF line skipped");
	is_int(rec ? rec->line : 0, 5, "line 5");
	is_str(rec ? rec->val[2] : NULL, "噪音扰民", "last value without CR");
	ok(next(r, &rc, &e) == NULL && rc == 0, "two records");
	mi_reader_close(r);
}

static void
test_ragged(void)
{
	mi_reader *r = open_ok(FIX "ragged.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL)
		return;
	rec = next(r, &rc, &e);
	ok(rec && rec->bad == NULL, "ragged: first row good");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "2 fields, header has 3", "short row is bad");
	is_int(rec ? rec->n : 0, 3, "short row still has every key");
	is_str(rec ? mi_record_get(rec, "name") : NULL, "李四", "short row keeps its values");
	is_str(rec ? mi_record_get(rec, "text") : NULL, "", "missing value is \"\"");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "4 fields, header has 3", "long row is bad");
	is_int(rec ? rec->line : 0, 4, "long row line");
	rec = next(r, &rc, &e);
	ok(rec && rec->bad == NULL, "row after a blank line good");
	is_int(rec ? rec->line : 0, 6, "its line");
	is_str(rec ? mi_record_get(rec, "text") : NULL, "x,y", "its quoted value");
	ok(next(r, &rc, &e) == NULL && rc == 0, "four records");
	mi_reader_close(r);
}

static void
test_unterminated(void)
{
	mi_reader *r = open_ok(FIX "unterminated.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL)
		return;
	rec = next(r, &rc, &e);
	ok(rec && rec->bad == NULL, "unterminated: first record good");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "unterminated quoted field", "last record bad");
	is_int(rec ? rec->line : 0, 3, "where the quote opened");
	ok(next(r, &rc, &e) == NULL && rc == 0, "then the end, not an error");
	mi_reader_close(r);
}

static void
test_limits(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path;
	mi_reader *r;
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
	if ((r = open_ok(path, MI_FMT_CSV, MI_ENC_AUTO)) != NULL) {
		rec = next(r, &rc, &e);
		is_str(rec ? rec->bad : NULL, "field longer than 1 MiB", "long field: bad");
		is_int(rec ? rec->line : 0, 2, "long field: its line");
		rec = next(r, &rc, &e);
		is_str(rec ? rec->val[1] : NULL, "short", "the record after it is read");
		is_int(rec ? rec->line : 0, 40003, "at the right line");
		ok(rec && rec->bad == NULL, "and good");
		mi_reader_close(r);
	}

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
	if ((r = open_ok(path, MI_FMT_CSV, MI_ENC_AUTO)) != NULL) {
		rec = next(r, &rc, &e);
		is_str(rec ? mi_record_get(rec, "c4095") : NULL, "4095", "4096 columns are fine");
		mi_reader_close(r);
	}
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
	const mi_record *rec;
	const char *path;
	mi_reader *r;
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
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) != NULL) {
		next(r, &rc, &e);
		rec = next(r, &rc, &e);
		is_str(rec ? rec->val[1] : NULL, "x", "last line without a line end");
		is_int(rec ? rec->line : 0, 3, "and its line");
		ok(rec && rec->bad == NULL, "is good");
		mi_reader_close(r);
	}

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
