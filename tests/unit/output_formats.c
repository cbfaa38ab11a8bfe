/* Unit tests for lib/io/output.c: every format, byte for byte. */
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

int
main(void)
{
	test_tsv();
	test_csv();
	test_json();
	test_table();
	return done_testing();
}
