/* Unit tests for lib/input*.c: format and encoding names, the format
 * sniffed, opening files and standard input, and the shared samples. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

static void
test_parse_names(void)
{
	static const struct { const char *s; int want; const char *name; } fmts[] = {
		{ "NDJSON", MI_FMT_NDJSON, "format names ignore case" },
		{ "json", MI_FMT_JSON, "format json" },
		{ "auto", MI_FMT_AUTO, "format auto" },
	}, encs[] = {
		{ "utf8", MI_ENC_UTF8, "encoding utf8" },
		{ "UTF-8", MI_ENC_UTF8, "encoding UTF-8" },
		{ "gbk", MI_ENC_GB18030, "encoding gbk reads as gb18030" },
		{ "gb18030", MI_ENC_GB18030, "encoding gb18030" },
		{ "auto", MI_ENC_AUTO, "encoding auto" },
	};
	size_t i;
	int v = -1;

	is_int(mi_format_parse("csv", &v), 0, "format csv parses");
	is_int(v, MI_FMT_CSV, "format csv");
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		mi_format_parse(fmts[i].s, &v);
		is_int(v, fmts[i].want, "%s", fmts[i].name);
	}
	is_int(mi_format_parse("xlsb", &v), -1, "format xlsb refused");
	for (i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
		mi_enc_parse(encs[i].s, &v);
		is_int(v, encs[i].want, "%s", encs[i].name);
	}
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
		/* the first character not blank decides, a tab being blank */
		{ "g.txt", "ref,text\nR1,{\"a\":1} [2]\n", MI_FMT_CSV },
		{ "h.txt", "\t\r\n[{\"a\":1}]", MI_FMT_JSON },
	};
	mi_reader *r;
	char cwd[4096];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r = open_ok(write_tmp(t[i].name, t[i].text), MI_FMT_AUTO, MI_ENC_AUTO);
		is_int(r ? mi_reader_format(r) : -1, t[i].fmt, "format of %s", t[i].name);
		mi_reader_close(r);
	}
	/* A name that is only the extension still names the format. */
	write_tmp(".csv", "[\"a\"]\n");
	if (getcwd(cwd, sizeof(cwd)) == NULL || chdir(tmpdir) != 0) {
		perror(tmpdir);
		exit(2);
	}
	r = open_ok(".csv", MI_FMT_AUTO, MI_ENC_AUTO);
	is_int(r ? mi_reader_format(r) : -1, MI_FMT_CSV, "a file named just '.csv' is CSV, whatever it starts with");
	mi_reader_close(r);
	if (chdir(cwd) != 0) {
		perror(cwd);
		exit(2);
	}
	mi_reader_close(NULL);
	ok(1, "closing no reader does nothing");
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

/*
 * The public samples under MINYI_SHARED, where they are: the records of
 * each, the first and last values of a key, and the first value of one more
 * key where the way it is written matters.
 */
static void
test_shared(void)
{
	static const struct {
		const char *file, *absent;
		const char *key, *n_name, *first_name, *last_name;
		long n;
		const char *first, *last;
		const char *key2, *first2, *name2;
	} t[] = {
		{ "nyc311/AnthonyUPF_311_Service_Requests.csv", "no NYC 311 csv under MINYI_SHARED",
		    "unique_key", "NYC 311 csv: 1000 good records", "NYC 311 csv: first unique_key", "NYC 311 csv: last unique_key",
		    1000, "61276295", "61272764", NULL, NULL, NULL },
		{ "nyc311/AnthonyUPF_311_Service_Requests.json", "no NYC 311 json under MINYI_SHARED",
		    "unique_key", "NYC 311 json: 1000 good records", "NYC 311 json: first unique_key", "NYC 311 json: last unique_key",
		    1000, "61276295", "61272764", "incident_zip", "10033", "NYC 311 json: zip as a string" },
		{ "open311/service_requests.json", "no Open311 sample under MINYI_SHARED",
		    "service_request_id", "Open311: 2 records", "Open311: first id", "Open311: last id",
		    2, "14-01100669", "14-01100627", "lat", "41.858724777757864", "Open311: a number as printed" },
	};
	const char *root = getenv("MINYI_SHARED");
	char path[512], first[64], last[64];
	struct stat st;
	size_t i;

	if (root == NULL || *root == '\0')
		root = "../shared/data";
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, t[i].file);
		if (stat(path, &st) != 0) {
			skip(t[i].key2 ? 4 : 3, t[i].absent);
			continue;
		}
		is_int(ends(path, t[i].key, first, last, sizeof(first)), t[i].n, "%s", t[i].n_name);
		is_str(first, t[i].first, "%s", t[i].first_name);
		is_str(last, t[i].last, "%s", t[i].last_name);
		if (t[i].key2 == NULL)
			continue;
		ends(path, t[i].key2, first, last, sizeof(first));
		is_str(first, t[i].first2, "%s", t[i].name2);
	}
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
