/* Unit tests for lib/input*.c: the JSON and NDJSON readers. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_json(void)
{
	static const struct rec_check t[] = {
		{ REC_FORMAT, .n = MI_FMT_JSON, .name = "json by extension" },
		{ REC_NEXT },
		{ REC_SOME, .name = "json: first element" },
		{ REC_N, .n = 11, .name = "eleven keys" },
		{ REC_LINE, .n = 2, .name = "element line" },
		{ REC_KEY, .n = 0, .want = "工单编号", .name = "key order kept" },
		{ REC_GET, .key = "工单编号", .want = "202601050000000123", .name = "an 18-digit number keeps its digits" },
		{ REC_GET, .key = "zip", .want = "10033", .name = "string as is" },
		{ REC_GET, .key = "num", .want = "10033", .name = "integer without .0" },
		{ REC_GET, .key = "ratio", .want = "0.1", .name = "short decimal" },
		{ REC_GET, .key = "lat", .want = "40.84735682050765", .name = "long decimal round-trips" },
		{ REC_GET, .key = "neg", .want = "-7", .name = "negative" },
		{ REC_GET, .key = "ok", .want = "true", .name = "true" },
		{ REC_GET, .key = "no", .want = "false", .name = "false" },
		{ REC_GET, .key = "none", .want = "", .name = "null is \"\"" },
		{ REC_GET, .key = "loc", .want = "{\"lat\":\"40.8\",\"tags\":[1,2.5,\"x\"]}", .name = "nested object as compact JSON" },
		{ REC_GET, .key = "list", .want = "[]", .name = "empty array" },
		{ REC_NEXT },
		{ REC_BAD, .want = "element is not an object", .name = "a string element is bad" },
		{ REC_LINE, .n = 5, .name = "its line" },
		{ REC_NEXT },
		{ REC_GET, .key = "text", .want = "多行\n文本", .name = "escapes decoded" },
		{ REC_LINE, .n = 6, .name = "multi-line element starts on line 6" },
		{ REC_NEXT },
		{ REC_BAD, .want = "invalid JSON", .name = "a broken element inside its bounds is bad" },
		{ REC_LINE, .n = 8, .name = "its line" },
		{ REC_END, .name = "then the end" },
	};

	check_file(FIX "nested.json", MI_FMT_AUTO, t, nitems(t));
}

static void
test_json_broken(void)
{
	static const struct rec_check deep[] = {
		{ REC_NEXT },
		{ REC_BAD, .want = "nested too deeply", .name = "65 levels: bad" },
		{ REC_NEXT },
		{ REC_GOOD, .name = "64 levels: good" },
		{ REC_NEXT },
		{ REC_GET, .key = "z", .want = "1", .name = "the array goes on" },
	};
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path;
	mi_reader *r;
	mi_err e;
	long bad, i;
	int rc;

	path = write_tmp("mismatch.json", "[{\"a\":1},\n{\"b\":[2}\n,{\"c\":3}]");
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) != NULL) {
		rec = next(r, &rc, &e);
		is_str(rec ? mi_record_get(rec, "a") : NULL, "1", "records before the break come");
		rec = next(r, &rc, &e);
		is_int(rc, -1, "mismatched bracket stops the input");
		is_int(e.code, MI_EX_DATAERR, "data error");
		ok(strstr(e.msg, "mismatch.json:2: broken JSON") != NULL, "names file and line: %s", e.msg);
		next(r, &rc, &e);
		is_int(rc, -1, "the error stays");
		mi_reader_close(r);
	}
	path = write_tmp("cut.json", "[{\"a\":1},\n{\"b\":\"never");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 1, "cut array: records before");
	is_int(rc, -1, "cut array: error");
	ok(strstr(e.msg, "cut.json:2: broken JSON") != NULL, "cut array: %s", e.msg);
	path = write_tmp("obj.json", "{\"a\":1}\n");
	is_int(count(path, MI_FMT_JSON, MI_ENC_AUTO, &bad, &rc, &e), 0, "top-level object: nothing");
	is_int(e.code, MI_EX_DATAERR, "top-level object: data error");
	ok(strstr(e.msg, "obj.json:1: not a JSON array") != NULL, "top-level object: %s", e.msg);
	path = write_tmp("empty.json", "  \n");
	is_int(count(path, MI_FMT_JSON, MI_ENC_AUTO, &bad, &rc, &e), 0, "empty json: nothing");
	is_int(rc, 0, "empty json: no error");
	path = write_tmp("trail.json", "[{\"a\":1}] x");
	is_int(count(path, MI_FMT_JSON, MI_ENC_AUTO, &bad, &rc, &e), 1, "data after ]: the record");
	is_int(rc, -1, "data after ]: then an error");

	/* 65 levels deep is bad, 64 is fine, and the array goes on. */
	path = tmp_path("deep.json");
	mi_buf_puts(&b, "[{\"a\":");
	for (i = 0; i < 64; i++)
		mi_buf_putc(&b, '[');
	for (i = 0; i < 64; i++)
		mi_buf_putc(&b, ']');
	mi_buf_puts(&b, "},{\"a\":");
	for (i = 0; i < 63; i++)
		mi_buf_putc(&b, '[');
	for (i = 0; i < 63; i++)
		mi_buf_putc(&b, ']');
	mi_buf_puts(&b, "},{\"z\":1}]");
	write_file(path, b.s, b.len);
	mi_buf_release(&b);
	check_file(path, MI_FMT_AUTO, deep, nitems(deep));
}

static void
test_ndjson(void)
{
	static const struct rec_check t[] = {
		{ REC_FORMAT, .n = MI_FMT_NDJSON, .name = "ndjson by extension" },
		{ REC_NEXT },
		{ REC_GET, .key = "text", .want = "供暖", .name = "ndjson: first line" },
		{ REC_LINE, .n = 1, .name = "line 1" },
		{ REC_NEXT },
		{ REC_BAD, .want = "invalid JSON", .name = "a line that does not parse is bad" },
		{ REC_LINE, .n = 3, .name = "blank line counted" },
		{ REC_NEXT },
		{ REC_BAD, .want = "line is not an object", .name = "an array line is bad" },
		{ REC_NEXT },
		{ REC_GET, .key = "n", .want = "5", .name = "a number" },
		{ REC_LINE, .n = 6, .name = "after a white line" },
		{ REC_END, .name = "four records" },
	};
	const char *path;
	mi_err e;
	long bad;
	int rc;

	if (check_file(FIX "bad.ndjson", MI_FMT_AUTO, t, nitems(t)) < 0)
		return;
	path = write_tmp("last.jsonl", "{\"a\":\"1\"}\r\n{\"a\":\"2\"}");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 2, "jsonl: last line without a line end");
	is_int(bad, 0, "jsonl: CRLF lines are good");
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_json();
	test_json_broken();
	test_ndjson();
	input_end();
	return done_testing();
}
