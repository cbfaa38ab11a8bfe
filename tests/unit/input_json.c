/* Unit tests for lib/input*.c: the JSON and NDJSON readers. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_json(void)
{
	mi_reader *r = open_ok(FIX "nested.json", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL)
		return;
	is_int(mi_reader_format(r), MI_FMT_JSON, "json by extension");
	rec = next(r, &rc, &e);
	ok(rec != NULL, "json: first element");
	if (rec == NULL) {
		mi_reader_close(r);
		return;
	}
	is_int(rec->n, 11, "eleven keys");
	is_int(rec->line, 2, "element line");
	is_str(rec->key[0], "工单编号", "key order kept");
	is_str(mi_record_get(rec, "工单编号"), "202601050000000123", "an 18-digit number keeps its digits");
	is_str(mi_record_get(rec, "zip"), "10033", "string as is");
	is_str(mi_record_get(rec, "num"), "10033", "integer without .0");
	is_str(mi_record_get(rec, "ratio"), "0.1", "short decimal");
	is_str(mi_record_get(rec, "lat"), "40.84735682050765", "long decimal round-trips");
	is_str(mi_record_get(rec, "neg"), "-7", "negative");
	is_str(mi_record_get(rec, "ok"), "true", "true");
	is_str(mi_record_get(rec, "no"), "false", "false");
	is_str(mi_record_get(rec, "none"), "", "null is \"\"");
	is_str(mi_record_get(rec, "loc"), "{\"lat\":\"40.8\",\"tags\":[1,2.5,\"x\"]}", "nested object as compact JSON");
	is_str(mi_record_get(rec, "list"), "[]", "empty array");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "element is not an object", "a string element is bad");
	is_int(rec ? rec->line : 0, 5, "its line");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "text") : NULL, "多行\n文本", "escapes decoded");
	is_int(rec ? rec->line : 0, 6, "multi-line element starts on line 6");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "invalid JSON", "a broken element inside its bounds is bad");
	is_int(rec ? rec->line : 0, 8, "its line");
	ok(next(r, &rc, &e) == NULL && rc == 0, "then the end");
	mi_reader_close(r);
}

static void
test_json_broken(void)
{
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
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) != NULL) {
		rec = next(r, &rc, &e);
		is_str(rec ? rec->bad : NULL, "nested too deeply", "65 levels: bad");
		rec = next(r, &rc, &e);
		ok(rec && rec->bad == NULL, "64 levels: good");
		rec = next(r, &rc, &e);
		is_str(rec ? mi_record_get(rec, "z") : NULL, "1", "the array goes on");
		mi_reader_close(r);
	}
}

static void
test_ndjson(void)
{
	mi_reader *r = open_ok(FIX "bad.ndjson", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	const char *path;
	mi_err e;
	long bad;
	int rc;

	if (r == NULL)
		return;
	is_int(mi_reader_format(r), MI_FMT_NDJSON, "ndjson by extension");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "text") : NULL, "供暖", "ndjson: first line");
	is_int(rec ? rec->line : 0, 1, "line 1");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "invalid JSON", "a line that does not parse is bad");
	is_int(rec ? rec->line : 0, 3, "blank line counted");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "line is not an object", "an array line is bad");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "n") : NULL, "5", "a number");
	is_int(rec ? rec->line : 0, 6, "after a white line");
	ok(next(r, &rc, &e) == NULL && rc == 0, "four records");
	mi_reader_close(r);

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
