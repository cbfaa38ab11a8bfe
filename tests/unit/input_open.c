/* Unit tests for lib/input*.c: format and encoding names, the format
 * sniffed, opening files and standard input, and the shared samples. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_parse_names(void)
{
	int v = -1;

	is_int(mi_format_parse("csv", &v), 0, "format csv parses");
	is_int(v, MI_FMT_CSV, "format csv");
	mi_format_parse("NDJSON", &v);
	is_int(v, MI_FMT_NDJSON, "format names ignore case");
	mi_format_parse("json", &v);
	is_int(v, MI_FMT_JSON, "format json");
	mi_format_parse("auto", &v);
	is_int(v, MI_FMT_AUTO, "format auto");
	is_int(mi_format_parse("xml", &v), -1, "format xml refused");
	mi_enc_parse("utf8", &v);
	is_int(v, MI_ENC_UTF8, "encoding utf8");
	mi_enc_parse("UTF-8", &v);
	is_int(v, MI_ENC_UTF8, "encoding UTF-8");
	mi_enc_parse("gbk", &v);
	is_int(v, MI_ENC_GB18030, "encoding gbk reads as gb18030");
	mi_enc_parse("gb18030", &v);
	is_int(v, MI_ENC_GB18030, "encoding gb18030");
	mi_enc_parse("auto", &v);
	is_int(v, MI_ENC_AUTO, "encoding auto");
	is_int(mi_enc_parse("latin1", &v), -1, "encoding latin1 refused");
}

static void
test_sniff(void)
{
	struct { const char *name, *text; int fmt; } t[] = {
		{ "a.txt", "\xEF\xBB\xBF \n [{\"a\":1}]", MI_FMT_JSON },
		{ "b.txt", "\n{\"a\":1}\n", MI_FMT_NDJSON },
		{ "c.txt", "a,b\n1,2\n", MI_FMT_CSV },
		{ "d.CSV", "[x],b\n1,2\n", MI_FMT_CSV },
		{ "e.ndjson", "{\"a\":1}\n", MI_FMT_NDJSON },
		{ "f.jsonl", "{\"a\":1}\n", MI_FMT_NDJSON },
	};
	mi_reader *r;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r = open_ok(write_tmp(t[i].name, t[i].text), MI_FMT_AUTO, MI_ENC_AUTO);
		is_int(r ? mi_reader_format(r) : -1, t[i].fmt, "format of %s", t[i].name);
		mi_reader_close(r);
	}
}

static void
test_open(void)
{
	mi_reader *r = (mi_reader *)1;
	const mi_record *rec;
	mi_err e = { 0, "" };
	int fd, saved, rc;

	is_int(mi_reader_open(&r, "tests/data/input/nope.csv", MI_FMT_AUTO, MI_ENC_AUTO, &e), -1,
	    "missing file fails");
	ok(r == NULL, "and gives no reader");
	is_int(e.code, MI_EX_NOINPUT, "exit 66");
	is_str(e.msg, "cannot open 'tests/data/input/nope.csv': No such file or directory", "message");
	is_int(mi_reader_open(&r, "tests/data/input", MI_FMT_AUTO, MI_ENC_AUTO, &e), -1,
	    "a directory fails");
	is_int(e.code, MI_EX_NOINPUT, "a directory: exit 66");
	is_str(e.msg, "cannot open 'tests/data/input': Is a directory", "a directory: message");

	/* "-" is standard input. */
	fflush(stdout);
	saved = dup(0);
	fd = open(FIX "12345-gb18030.csv", O_RDONLY);
	dup2(fd, 0);
	close(fd);
	r = open_ok("-", MI_FMT_AUTO, MI_ENC_AUTO);
	if (r != NULL) {
		is_str(mi_reader_path(r), "(stdin)", "stdin's name");
		is_int(mi_reader_format(r), MI_FMT_CSV, "stdin: sniffed CSV");
		is_int(mi_reader_encoding(r), MI_ENC_GB18030, "stdin: GB18030");
		rec = next(r, &rc, &e);
		is_str(rec ? mi_record_get(rec, "诉求人") : NULL, "张三", "stdin: a record");
		mi_reader_close(r);
	}
	dup2(saved, 0);
	close(saved);
	r = open_ok(FIX "12345.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	is_str(r ? mi_reader_path(r) : NULL, FIX "12345.csv", "a path as given");
	mi_reader_close(r);
}

/* The first and last values of key in a file, and the record count. */
static long
ends(const char *path, const char *key, char *first, char *last, size_t n)
{
	mi_reader *r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	long count_ = 0, bad = 0;
	const char *v;
	int rc;

	first[0] = last[0] = '\0';
	if (r == NULL)
		return -1;
	while ((rec = next(r, &rc, &e)) != NULL) {
		bad += rec->bad != NULL;
		v = mi_record_get(rec, key);
		snprintf(count_++ ? last : first, n, "%s", v ? v : "(none)");
	}
	mi_reader_close(r);
	return rc == 0 && bad == 0 ? count_ : -1;
}

static void
test_shared(void)
{
	const char *root = getenv("MINYI_SHARED");
	char path[512], first[64], last[64];
	struct stat st;

	if (root == NULL || *root == '\0')
		root = "../shared/data";
	snprintf(path, sizeof(path), "%s/nyc311/AnthonyUPF_311_Service_Requests.csv", root);
	if (stat(path, &st) == 0) {
		is_int(ends(path, "unique_key", first, last, sizeof(first)), 1000, "NYC 311 csv: 1000 good records");
		is_str(first, "61276295", "NYC 311 csv: first unique_key");
		is_str(last, "61272764", "NYC 311 csv: last unique_key");
	} else
		skip(3, "no NYC 311 csv under MINYI_SHARED");
	snprintf(path, sizeof(path), "%s/nyc311/AnthonyUPF_311_Service_Requests.json", root);
	if (stat(path, &st) == 0) {
		is_int(ends(path, "unique_key", first, last, sizeof(first)), 1000, "NYC 311 json: 1000 good records");
		is_str(first, "61276295", "NYC 311 json: first unique_key");
		is_str(last, "61272764", "NYC 311 json: last unique_key");
		ends(path, "incident_zip", first, last, sizeof(first));
		is_str(first, "10033", "NYC 311 json: zip as a string");
	} else
		skip(4, "no NYC 311 json under MINYI_SHARED");
	snprintf(path, sizeof(path), "%s/open311/service_requests.json", root);
	if (stat(path, &st) == 0) {
		is_int(ends(path, "service_request_id", first, last, sizeof(first)), 2, "Open311: 2 records");
		is_str(first, "14-01100669", "Open311: first id");
		is_str(last, "14-01100627", "Open311: last id");
		ends(path, "lat", first, last, sizeof(first));
		is_str(first, "41.858724777757864", "Open311: a number as printed");
	} else
		skip(4, "no Open311 sample under MINYI_SHARED");
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_parse_names();
	test_sniff();
	test_open();
	test_shared();
	input_end();
	return done_testing();
}
