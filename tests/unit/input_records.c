/* Unit tests for lib/io/input.c: a record copied whole, a value by any of
 * its names, a sheet asked of a file that has no sheets, and the end of a
 * file asked for again. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_dup(void)
{
	mi_reader *r = open_ok(write_tmp("dup.csv", "ref,text,phone\nR1,垃圾满了,13800000001\n"),
	    MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec = NULL;
	mi_record *copy;
	mi_err e = { 0, "" };
	int rc;

	rec = r ? next(r, &rc, &e) : NULL;
	ok(rec != NULL, "dup: a record read");
	if (rec == NULL) {
		mi_reader_close(r);
		return;
	}
	copy = mi_record_dup(rec);
	mi_reader_close(r);
	is_int((long)copy->n, 3, "the copy has the three fields");
	is_str(copy->key[0], "ref", "its first key");
	is_str(copy->val[0], "R1", "its first value");
	is_str(copy->key[2], "phone", "its last key");
	is_str(copy->val[2], "13800000001", "its last value");
	is_str(mi_record_get(copy, "text"), "垃圾满了", "a value by its key");
	mi_record_free(copy);
}

/* The message of --sheet given for a file of the format named. */
static void
sheet_of(const char *name, const char *text, const char *kind)
{
	mi_reader *r = open_ok(write_tmp(name, text), MI_FMT_AUTO, MI_ENC_AUTO);
	mi_err e = { 0, "" };
	char want[256];
	int rc;

	if (r == NULL) {
		ok(0, "%s opens", name);
		return;
	}
	mi_reader_sheet(r, "Sheet1");
	ok(next(r, &rc, &e) == NULL && rc < 0, "--sheet of %s fails", name);
	is_int(e.code, MI_EX_USAGE, "--sheet of %s: a usage error", name);
	snprintf(want, sizeof(want), "%s: --sheet picks a workbook's sheet, and this is %s file",
	    tmp_path(name), kind);
	is_str(e.msg, want, "--sheet of %s: names the format", name);
	mi_reader_close(r);
}

/* Past the end a reader stays at the end: next gives 0 however often it is
 * asked, and the last record is not given again. */
static void
past_end(const char *name, const char *text)
{
	mi_reader *r = open_ok(write_tmp(name, text), MI_FMT_AUTO, MI_ENC_AUTO);
	mi_err e = { 0, "" };
	int rc, n = 0, i;

	if (r == NULL) {
		skip(1, "does not open");
		return;
	}
	while (next(r, &rc, &e) != NULL)
		n++;
	for (i = 0; i < 3 && rc == 0; i++)
		next(r, &rc, &e);
	ok(n == 2 && rc == 0, "%s: two records, then the end, and the end again", name);
	mi_reader_close(r);
}

/* After an error a reader stays failed: next gives -1 again however often
 * it is asked, and the records after the bad one are not given. */
static void
after_error(const char *name, const char *text)
{
	mi_reader *r = open_ok(write_tmp(name, text), MI_FMT_AUTO, MI_ENC_AUTO);
	mi_err e = { 0, "" };
	int rc, n = 0, i, again = 0;

	if (r == NULL) {
		skip(1, "does not open");
		return;
	}
	while (next(r, &rc, &e) != NULL)
		n++;
	for (i = 0; i < 3 && rc < 0; i++)
		again += next(r, &rc, &e) == NULL && rc < 0;
	ok(n == 1 && again == 3, "%s: one record, the error, and the error again (%d, %d)", name, n, again);
	mi_reader_close(r);
}

/* A value by any of its names: an exact name first, wherever it stands,
 * else a name written loosely (a mark, a note in brackets), the first
 * column too. */
static void
test_get_any(void)
{
	static const char *const text[] = { "诉求", "text", NULL };
	static const char *const phone[] = { "电话", NULL };
	mi_reader *r = open_ok(write_tmp("any.csv", "*诉求（必填）,电话（手机）,text\n路灯坏了,13800000001,x\n"),
	    MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e = { 0, "" };
	int rc;

	rec = r ? next(r, &rc, &e) : NULL;
	if (rec == NULL) {
		skip(2, "any.csv does not open");
		mi_reader_close(r);
		return;
	}
	is_str(mi_record_get_any(rec, text), "x", "an exact name before a loose one");
	is_str(mi_record_get_any(rec, phone), "13800000001", "a loose name");
	mi_reader_close(r);
	r = open_ok(write_tmp("any2.csv", "*诉求（必填）,电话\n路灯坏了,13800000001\n"), MI_FMT_AUTO,
	    MI_ENC_AUTO);
	rec = r ? next(r, &rc, &e) : NULL;
	is_str(rec ? mi_record_get_any(rec, text) : NULL, "路灯坏了", "a loose name in the first column");
	mi_reader_close(r);
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_dup();
	sheet_of("s.csv", "ref,text\nR1,x\n", "a CSV");
	sheet_of("s.json", "[{\"ref\":\"R1\"}]\n", "a JSON");
	sheet_of("s.ndjson", "{\"ref\":\"R1\"}\n", "an NDJSON");
	test_get_any();
	past_end("e.csv", "ref,text\nR1,x\nR2,y\n");
	past_end("e.json", "[{\"ref\":\"R1\"},{\"ref\":\"R2\"}]\n");
	past_end("e.ndjson", "{\"ref\":\"R1\"}\n{\"ref\":\"R2\"}\n");
	after_error("f.json", "[{\"ref\":\"R1\"},\n},\n{\"ref\":\"R3\"}]\n");
	input_end();
	return done_testing();
}
