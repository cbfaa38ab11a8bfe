/* Unit tests for lib/io/input.c: a record copied whole, and a sheet asked
 * of a file that has no sheets. */
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

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_dup();
	sheet_of("s.csv", "ref,text\nR1,x\n", "a CSV");
	sheet_of("s.json", "[{\"ref\":\"R1\"}]\n", "a JSON");
	sheet_of("s.ndjson", "{\"ref\":\"R1\"}\n", "an NDJSON");
	input_end();
	return done_testing();
}
