/* Unit tests for lib/io/output.c: what a value becomes in a cell: CSV quoting
 * and formula guards, JSON escapes, table widths and escape sequences. */
#include <stdlib.h>

#include "io/io.h"
#include "tap.h"

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

/* A column's name is text even over numbers: a name that reads as one is
 * guarded like any text cell, the number under it is not. */
static void
numeric_header(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, MI_OUT_CSV, 0);
	const char *row[1] = { "-3" };

	mi_out_col(o, "-3", MI_COL_NUM);
	mi_out_row(o, row);
	mi_out_finish(o, NULL);
	mi_out_free(o);
	fclose(f);
	is_str(text, "'-3\r\n-3\r\n", "a numeric column named -3");
	free(text);
}

static void
test_csv_numeric(void)
{
	numeric_header();
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

/* An id or a reference of more than 11 digits: ="..." in csv, bare elsewhere. */
static void
id_cells(int fmt, const char *want, const char *name)
{
	static const char *const row[] = {
		"370829202611160001", "12345678901", "370829202611160001", "A370829202611160001", "-12345678901234"
	};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, fmt, MI_OUTF_NOHEADER);

	mi_out_col(o, "ref", MI_COL_ID);
	mi_out_col(o, "id", MI_COL_INT | MI_COL_ID);
	mi_out_col(o, "text", MI_COL_STR);
	mi_out_col(o, "r2", MI_COL_ID);
	mi_out_col(o, "r3", MI_COL_ID);
	mi_out_row(o, row);
	mi_out_finish(o, NULL);
	mi_out_free(o);
	fclose(f);
	is_str(text, want, "%s", name);
	free(text);
}

static void
test_id_cells(void)
{
	id_cells(MI_OUT_CSV, "\"=\"\"370829202611160001\"\"\",12345678901,370829202611160001,"
	    "A370829202611160001,'-12345678901234\r\n",
	    "csv: a long all-digit id is =\"...\"; 11 digits, another column, letters stay");
	id_cells(MI_OUT_TSV, "370829202611160001\t12345678901\t370829202611160001\t"
	    "A370829202611160001\t-12345678901234\n", "tsv: bare digits");
	id_cells(MI_OUT_NDJSON, "{\"ref\":\"370829202611160001\",\"id\":12345678901,"
	    "\"text\":\"370829202611160001\",\"r2\":\"A370829202611160001\","
	    "\"r3\":\"-12345678901234\"}\n", "ndjson: bare digits");
}

static void
test_json_escape(void)
{
	static const char *const row[] = {
		"q\"b\\s/\x01\x1f\b\f\r\x7f", "bad\xff\x80\xc3(\xe5\x9e", "1.", "-0.5e+10"
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
	    "{\"k\\\"ey\\n\":\"q\\\"b\\\\s/\\u0001\\u001f\\b\\f\\r\\u007f\","
	    "\"备注\":\"bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\","
	    "\"n1\":\"1.\",\"n2\":-0.5e+10}\n",
	    "json escapes controls, quotes and backslashes; bad UTF-8, the lowest stray byte 0x80 too, becomes U+FFFD");
	ok(mi_utf8_valid(text, strlen(text)), "json output is valid UTF-8");
	j = cJSON_Parse(text);
	ok(j != NULL, "cJSON parses it");
	if (j != NULL) {
		is_str(cJSON_GetObjectItemCaseSensitive(j, "k\"ey\n")->valuestring,
		    "q\"b\\s/\x01\x1f\b\f\r\x7f", "and the value round-trips");
		cJSON_Delete(j);
	}
	free(text);

	/* A C1 control and the bidirectional override, valid UTF-8, become \u
	 * escapes in place, between the bytes copied around them. */
	f = open_memstream(&text, &len);
	o = mi_out_new(f, MI_OUT_NDJSON, 0);
	mi_out_col(o, "t", MI_COL_STR);
	mi_out_row(o, (const char *const[]){ "a\xc2\x85" "b\xe2\x80\xae" "c张" });
	mi_out_finish(o, NULL);
	mi_out_free(o);
	fclose(f);
	is_str(text, "{\"t\":\"a\\u0085b\\u202ec张\"}\n", "json escapes NEL and RLO as \\u0085 and \\u202e");
	free(text);
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
	    "   1  \\x1b[31mred\n"
	    " 100\n",
	    "table: Chinese header width, escape sequence defused");
	free(text);
}

int
main(void)
{
	test_csv_cell();
	test_csv_numeric();
	test_id_cells();
	test_json_escape();
	test_table_last_left();
	return done_testing();
}
