/* Unit tests for lib/io/output.c: a full disk, a stream a write failed on
 * before, and the format names. */
#include <stdlib.h>

#include "io/io.h"
#include "tap.h"

static void
test_full(void)
{
	static const char *const row[] = { "1", "张三", "13812345678", "x", "2" };
	FILE *f = fopen("/dev/full", "w");
	mi_out *o;
	mi_err e = { 0, "" };
	int i;

	if (f == NULL) {
		ok(1, "# SKIP no /dev/full");
		return;
	}
	o = mi_out_new(f, MI_OUT_TSV, 0);
	mi_out_col(o, "id", MI_COL_INT);
	mi_out_col(o, "name", MI_COL_NAME);
	mi_out_col(o, "phone", MI_COL_PHONE);
	mi_out_col(o, "text", MI_COL_STR);
	mi_out_col(o, "score", MI_COL_NUM);
	for (i = 0; i < 10000; i++)
		mi_out_row(o, row);
	is_int(mi_out_finish(o, &e), -1, "a full disk fails the finish");
	is_int(e.code, MI_EX_IOERR, "with exit status 74");
	is_str(e.msg, "write error: No space left on device", "and says why");
	is_int(mi_out_finish(o, &e), -1, "finishing again still reports it");
	mi_out_free(o);
	fclose(f);

	/* Small enough to sit in the stdio buffer: only the final flush fails. */
	f = fopen("/dev/full", "w");
	o = mi_out_new(f, MI_OUT_JSON, 0);
	mi_out_col(o, "id", MI_COL_INT);
	mi_out_row(o, row);
	mi_err_clear(&e);
	is_int(mi_out_finish(o, &e), -1, "a failed final flush fails the finish");
	is_str(e.msg, "write error: No space left on device", "and says why");
	mi_out_free(o);
	fclose(f);

	/* A write that failed on the stream before the writer wrote anything,
	 * where the final flush has nothing to write and succeeds. */
	f = fopen("/dev/null", "r");
	if (f == NULL) {
		ok(1, "# SKIP no /dev/null");
		return;
	}
	ok(fputc('x', f) == EOF && ferror(f), "a write to a stream opened to read fails");
	o = mi_out_new(f, MI_OUT_NDJSON, 0);
	mi_err_clear(&e);
	is_int(mi_out_finish(o, &e), -1, "an earlier failed write fails the finish");
	is_str(e.msg, "write error: Input/output error", "as an I/O error");
	mi_out_free(o);
	fclose(f);
}

static void
test_parse(void)
{
	static const struct { const char *s; int fmt; } t[] = {
		{ "tsv", MI_OUT_TSV }, { "csv", MI_OUT_CSV }, { "json", MI_OUT_JSON },
		{ "ndjson", MI_OUT_NDJSON }, { "table", MI_OUT_TABLE },
	};
	size_t i;
	int fmt;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fmt = -1;
		is_int(mi_outfmt_parse(t[i].s, &fmt), 0, "parse '%s'", t[i].s);
		is_int(fmt, t[i].fmt, "'%s' is format %d", t[i].s, t[i].fmt);
	}
	fmt = 99;
	is_int(mi_outfmt_parse("xml", &fmt), -1, "unknown format refused");
	is_int(fmt, 99, "and leaves fmt alone");
	is_int(mi_outfmt_parse("", &fmt), -1, "empty format refused");
	is_int(mi_outfmt_parse("CSV", &fmt), -1, "names are lower case");
}

int
main(void)
{
	test_full();
	test_parse();
	return done_testing();
}
