/* Unit tests for lib/output.c: every format, byte for byte. */
#include <stdlib.h>

#include "io/io.h"
#include "tap.h"

#define NCOL 5

static const char *const rows[][NCOL] = {
	{ "1", "张三", "13812345678", "垃圾分类不到位", "-1.5" },
	{ "23", "欧阳娜娜", "0537-1234567", "a\tb\nc", NULL },
	{ "x", "John Smith", "12345", "=1+2", "007" },
};

/* Writes the fixture rows in fmt with flags; the caller frees the text. */
static char *
render(int fmt, int flags, size_t nrows, int *rc)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, fmt, flags);
	mi_err e = { 0, "" };

	mi_out_col(o, "id", MI_COL_INT);
	mi_out_col(o, "name", MI_COL_NAME);
	mi_out_col(o, "phone", MI_COL_PHONE | MI_COL_STR);
	mi_out_col(o, "text", MI_COL_STR);
	mi_out_col(o, "score", MI_COL_NUM);
	for (i = 0; i < nrows; i++)
		mi_out_row(o, rows[i]);
	*rc = mi_out_finish(o, &e);
	mi_out_free(o);
	fclose(f);
	return text;
}

static void
check(int fmt, int flags, size_t nrows, const char *want, const char *what)
{
	int rc;
	char *got = render(fmt, flags, nrows, &rc);

	is_int(rc, 0, "%s: finish succeeds", what);
	is_str(got, want, "%s", what);
	free(got);
}

static void
test_tsv(void)
{
	check(MI_OUT_TSV, 0, 3,
	    "id\tname\tphone\ttext\tscore\n"
	    "1\t张*\t138****5678\t垃圾分类不到位\t-1.5\n"
	    "23\t欧***\t053****4567\ta b c\t\n"
	    "x\tJ*********\t***45\t=1+2\t007\n",
	    "tsv, masked, tab and newline inside a value become spaces");
	check(MI_OUT_TSV, MI_OUTF_REVEAL | MI_OUTF_NOHEADER | MI_OUTF_BOM, 2,
	    "1\t张三\t13812345678\t垃圾分类不到位\t-1.5\n"
	    "23\t欧阳娜娜\t0537-1234567\ta b c\t\n",
	    "tsv revealed, no header, no BOM outside csv");
	check(MI_OUT_TSV, 0, 0, "id\tname\tphone\ttext\tscore\n", "tsv with no rows is the header");
	check(MI_OUT_TSV, MI_OUTF_NOHEADER, 0, "", "tsv with no rows and no header is empty");
}

static void
test_csv(void)
{
	check(MI_OUT_CSV, 0, 3,
	    "id,name,phone,text,score\r\n"
	    "1,张*,138****5678,垃圾分类不到位,-1.5\r\n"
	    "23,欧***,053****4567,\"a\tb\nc\",\r\n"
	    "x,J*********,***45,'=1+2,007\r\n",
	    "csv: CRLF, quoted line break, formula guarded, number in a numeric column kept");
	check(MI_OUT_CSV, MI_OUTF_BOM | MI_OUTF_REVEAL, 1,
	    "\xEF\xBB\xBF" "id,name,phone,text,score\r\n"
	    "1,张三,13812345678,垃圾分类不到位,-1.5\r\n",
	    "csv with BOM, revealed");
	check(MI_OUT_CSV, MI_OUTF_BOM | MI_OUTF_NOHEADER, 0, "\xEF\xBB\xBF",
	    "csv BOM even with no header and no rows");
}

/* The input with control characters shown, so a TAP line stays one line. */
static const char *
shown(const char *s)
{
	static char buf[128];
	size_t n = 0;

	for (; *s != '\0' && n + 5 < sizeof(buf); s++)
		if ((unsigned char)*s < 0x20)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\x%02x", *s);
		else
			buf[n++] = *s;
	buf[n] = '\0';
	return buf;
}

static void
cell(const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	mi_csv_cell(&b, in);
	is_str(mi_buf_str(&b), want, "csv cell [%s]", shown(in));
	mi_buf_release(&b);
}

static void
test_csv_cell(void)
{
	cell("plain", "plain");
	cell("", "");
	cell("张三", "张三");
	cell("a,b", "\"a,b\"");
	cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	cell("\"", "\"\"\"\"");
	cell("two\nlines", "\"two\nlines\"");
	cell("cr\r", "\"cr\r\"");
	cell(" lead", "\" lead\"");
	cell("trail ", "\"trail \"");
	cell("trail\t", "\"trail\t\"");
	cell("=SUM(A1:A9)", "'=SUM(A1:A9)");
	cell("+86 138", "'+86 138");
	cell("-3", "'-3");
	cell("@cmd", "'@cmd");
	cell("\tx", "'\tx");
	cell("\rx", "\"'\rx\"");
	cell("=a,\"b\"", "\"'=a,\"\"b\"\"\"");
	cell("a=b", "a=b");
	cell("'quoted", "'quoted");
}

static void
numeric_csv(const char *v, const char *want)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, MI_OUT_CSV, MI_OUTF_NOHEADER);
	const char *row[1];

	row[0] = v;
	mi_out_col(o, "n", MI_COL_NUM);
	mi_out_row(o, row);
	mi_out_finish(o, NULL);
	mi_out_free(o);
	fclose(f);
	is_str(text, want, "numeric csv cell [%s]", v ? v : "NULL");
	free(text);
}

static void
test_csv_numeric(void)
{
	numeric_csv("-3", "-3\r\n");
	numeric_csv("-1.5", "-1.5\r\n");
	numeric_csv("-1e5", "-1e5\r\n");
	numeric_csv("-", "'-\r\n");
	numeric_csv("-1+1", "'-1+1\r\n");
	numeric_csv("+3", "'+3\r\n");
	numeric_csv("-3,5", "\"'-3,5\"\r\n");
	numeric_csv("", "\"\"\r\n");
	numeric_csv(NULL, "\"\"\r\n");
}

static void
test_json(void)
{
	check(MI_OUT_JSON, 0, 3,
	    "[\n"
	    "{\"id\":1,\"name\":\"张*\",\"phone\":\"138****5678\",\"text\":\"垃圾分类不到位\",\"score\":-1.5},\n"
	    "{\"id\":23,\"name\":\"欧***\",\"phone\":\"053****4567\",\"text\":\"a\\tb\\nc\",\"score\":null},\n"
	    "{\"id\":\"x\",\"name\":\"J*********\",\"phone\":\"***45\",\"text\":\"=1+2\",\"score\":\"007\"}\n"
	    "]\n",
	    "json array, numbers only where they parse");
	check(MI_OUT_JSON, MI_OUTF_BOM, 0, "[]\n", "json with no rows, no BOM");
	check(MI_OUT_NDJSON, MI_OUTF_REVEAL, 2,
	    "{\"id\":1,\"name\":\"张三\",\"phone\":\"13812345678\",\"text\":\"垃圾分类不到位\",\"score\":-1.5}\n"
	    "{\"id\":23,\"name\":\"欧阳娜娜\",\"phone\":\"0537-1234567\",\"text\":\"a\\tb\\nc\",\"score\":null}\n",
	    "ndjson, revealed");
	check(MI_OUT_NDJSON, 0, 0, "", "ndjson with no rows is empty");
}

static void
test_json_escape(void)
{
	static const char *const row[] = {
		"q\"b\\s/\x01\x1f\b\f\r\x7f", "bad\xff\xc3(\xe5\x9e", "1.", "-0.5e+10"
	};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, MI_OUT_NDJSON, 0);
	cJSON *j;

	mi_out_col(o, "k\"ey\n", MI_COL_STR);
	mi_out_col(o, "备注", MI_COL_STR);
	mi_out_col(o, "n1", MI_COL_INT);
	mi_out_col(o, "n2", MI_COL_NUM);
	mi_out_row(o, row);
	is_int(mi_out_finish(o, NULL), 0, "escapes: finish");
	mi_out_free(o);
	fclose(f);
	is_str(text,
	    "{\"k\\\"ey\\n\":\"q\\\"b\\\\s/\\u0001\\u001f\\b\\f\\r\x7f\","
	    "\"备注\":\"bad\xEF\xBF\xBD\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\","
	    "\"n1\":\"1.\",\"n2\":-0.5e+10}\n",
	    "json escapes controls, quotes and backslashes; bad UTF-8 becomes U+FFFD");
	ok(mi_utf8_valid(text, strlen(text)), "json output is valid UTF-8");
	j = cJSON_Parse(text);
	ok(j != NULL, "cJSON parses it");
	if (j != NULL) {
		is_str(cJSON_GetObjectItemCaseSensitive(j, "k\"ey\n")->valuestring,
		    "q\"b\\s/\x01\x1f\b\f\r\x7f", "and the value round-trips");
		cJSON_Delete(j);
	}
	free(text);
}

static void
test_table(void)
{
	check(MI_OUT_TABLE, 0, 3,
	    "id  name        phone        text            score\n"
	    " 1  张*         138****5678  垃圾分类不到位   -1.5\n"
	    "23  欧***       053****4567  a b c\n"
	    " x  J*********  ***45        =1+2              007\n",
	    "table: display widths, numbers right-aligned, no trailing blanks");
	check(MI_OUT_TABLE, MI_OUTF_NOHEADER | MI_OUTF_REVEAL, 2,
	    " 1  张三      13812345678   垃圾分类不到位  -1.5\n"
	    "23  欧阳娜娜  0537-1234567  a b c\n",
	    "table without header, revealed");
	check(MI_OUT_TABLE, 0, 0, "id  name  phone  text  score\n", "table with no rows");
}

static void
test_table_last_left(void)
{
	static const char *const r1[] = { "1", "\x1b[31mred" };
	static const char *const r2[] = { "100", "" };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, MI_OUT_TABLE, 0);

	mi_out_col(o, "编号", MI_COL_INT);
	mi_out_col(o, "说明", MI_COL_STR);
	mi_out_row(o, r1);
	mi_out_row(o, r2);
	mi_out_finish(o, NULL);
	mi_out_free(o);
	fclose(f);
	is_str(text,
	    "编号  说明\n"
	    "   1   [31mred\n"
	    " 100\n",
	    "table: Chinese header width, escape sequence defused");
	free(text);
}

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
	test_tsv();
	test_csv();
	test_csv_cell();
	test_csv_numeric();
	test_json();
	test_json_escape();
	test_table();
	test_table_last_left();
	test_full();
	test_parse();
	return done_testing();
}
