/* Unit tests for lib/input*.c: CSV, JSON and NDJSON readers, encodings. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "minyi.h"
#include "tap.h"

#define FIX "tests/data/input/"

static char tmpdir[64];

static const char *
tmp_path(const char *name)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

static void
write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static const char *
write_tmp(const char *name, const char *text)
{
	const char *p = tmp_path(name);

	write_file(p, text, strlen(text));
	return p;
}

/* The next record, or NULL at the end or on an error (rc says which). */
static const mi_record *
next(mi_reader *r, int *rc, mi_err *e)
{
	const mi_record *rec = NULL;

	*rc = mi_reader_next(r, &rec, e);
	return *rc > 0 ? rec : NULL;
}

static mi_reader *
open_ok(const char *path, int fmt, int enc)
{
	mi_reader *r = NULL;
	mi_err e = { 0, "" };

	if (mi_reader_open(&r, path, fmt, enc, &e) < 0) {
		printf("# cannot open %s: %s\n", path, e.msg);
		return NULL;
	}
	return r;
}

/* Reads all records: the count, the bad ones, and the final status. */
static long
count(const char *path, int fmt, int enc, long *bad, int *rc, mi_err *e)
{
	mi_reader *r = open_ok(path, fmt, enc);
	const mi_record *rec;
	long n = 0;

	*bad = 0;
	*rc = -2;
	if (r == NULL)
		return -1;
	while ((rec = next(r, rc, e)) != NULL) {
		n++;
		*bad += rec->bad != NULL;
	}
	mi_reader_close(r);
	return n;
}

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

/* The four records of 12345.csv, whatever encoding they were stored in. */
static void
check_12345(const char *path, int enc, int want_enc)
{
	mi_reader *r = open_ok(path, MI_FMT_AUTO, enc);
	const mi_record *rec;
	mi_err e;
	int rc;

	ok(r != NULL, "%s opens", path);
	if (r == NULL)
		return;
	is_int(mi_reader_format(r), MI_FMT_CSV, "%s: csv by extension", path);
	is_int(mi_reader_encoding(r), want_enc, "%s: encoding", path);
	rec = next(r, &rc, &e);
	ok(rec != NULL, "%s: first record", path);
	if (rec == NULL)
		goto out;
	is_int(rec->n, 9, "nine columns");
	is_str(rec->key[0], "工单编号", "first key");
	is_str(rec->key[8], "诉求内容", "last key");
	is_int(rec->line, 2, "first record on line 2");
	ok(rec->bad == NULL, "first record good");
	is_str(mi_record_get(rec, "工单编号"), "202601050001", "工单编号");
	is_str(mi_record_get(rec, "诉求人"), "张三", "诉求人");
	is_str(mi_record_get(rec, "诉求内容"), "暖气不热,室温只有12度", "quoted comma kept");
	ok(mi_record_get(rec, "诉求") == NULL, "no prefix match");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "诉求内容") : NULL, "小区门口\"僵尸车\"长期占用车位",
	    "doubled quotes");
	is_str(rec ? mi_record_get(rec, "诉求人") : NULL, "欧阳娜娜", "four-character name");
	rec = next(r, &rc, &e);
	is_str(rec ? mi_record_get(rec, "诉求内容") : NULL, "垃圾桶满了没人清\n已经三天了",
	    "quoted newline");
	is_str(rec ? mi_record_get(rec, "来电时间") : NULL, "2026年01月05日 10:15", "Chinese date");
	rec = next(r, &rc, &e);
	is_int(rec ? rec->line : 0, 6, "line counts the quoted newline");
	is_str(rec ? mi_record_get(rec, "来电号码") : NULL, "", "empty value is \"\"");
	is_str(rec ? mi_record_get(rec, "诉求内容") : NULL, "", "empty last value is \"\"");
	ok(rec && rec->bad == NULL, "record with empty fields is good");
	ok(next(r, &rc, &e) == NULL && rc == 0, "then the end");
	ok(next(r, &rc, &e) == NULL && rc == 0, "the end again");
out:
	mi_reader_close(r);
}

static void
test_encodings(void)
{
	long bad;
	int rc;
	mi_err e;

	check_12345(FIX "12345.csv", MI_ENC_AUTO, MI_ENC_UTF8);
	check_12345(FIX "12345-gb18030.csv", MI_ENC_AUTO, MI_ENC_GB18030);
	check_12345(FIX "12345-gb18030.csv", MI_ENC_GB18030, MI_ENC_GB18030);
	check_12345(FIX "12345.csv", MI_ENC_UTF8, MI_ENC_UTF8);

	is_int(count(FIX "12345-gb18030.csv", MI_FMT_CSV, MI_ENC_UTF8, &bad, &rc, &e), 0,
	    "GB18030 read as UTF-8: no records");
	is_int(rc, -1, "the header stops it");
	is_int(e.code, MI_EX_DATAERR, "data error");
	is_str(e.msg, FIX "12345-gb18030.csv:1: header: invalid UTF-8", "message names the header");
}

static void
test_bom_crlf(void)
{
	mi_reader *r = open_ok(FIX "bom-crlf.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL) {
		skip(9, "bom-crlf.csv does not open");
		return;
	}
	rec = next(r, &rc, &e);
	ok(rec != NULL, "bom-crlf: a record");
	if (rec == NULL) {
		mi_reader_close(r);
		return;
	}
	is_str(rec->key[0], "工单编号", "BOM and spaces gone from the first name");
	is_str(rec->key[1], "诉求人", "full-width spaces trimmed from a name");
	is_str(rec->val[0], "A001", "no CR in values");
	is_str(rec->val[2], "楼道灯坏了\r\n请尽快修", "a quoted CRLF is kept");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->val[0] : NULL, "A002", "blank CRLF line skipped");
	is_int(rec ? rec->line : 0, 5, "line 5");
	is_str(rec ? rec->val[2] : NULL, "噪音扰民", "last value without CR");
	ok(next(r, &rc, &e) == NULL && rc == 0, "two records");
	mi_reader_close(r);
}

static void
test_ragged(void)
{
	mi_reader *r = open_ok(FIX "ragged.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL)
		return;
	rec = next(r, &rc, &e);
	ok(rec && rec->bad == NULL, "ragged: first row good");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "2 fields, header has 3", "short row is bad");
	is_int(rec ? rec->n : 0, 3, "short row still has every key");
	is_str(rec ? mi_record_get(rec, "name") : NULL, "李四", "short row keeps its values");
	is_str(rec ? mi_record_get(rec, "text") : NULL, "", "missing value is \"\"");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "4 fields, header has 3", "long row is bad");
	is_int(rec ? rec->line : 0, 4, "long row line");
	rec = next(r, &rc, &e);
	ok(rec && rec->bad == NULL, "row after a blank line good");
	is_int(rec ? rec->line : 0, 6, "its line");
	is_str(rec ? mi_record_get(rec, "text") : NULL, "x,y", "its quoted value");
	ok(next(r, &rc, &e) == NULL && rc == 0, "four records");
	mi_reader_close(r);
}

static void
test_unterminated(void)
{
	mi_reader *r = open_ok(FIX "unterminated.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r == NULL)
		return;
	rec = next(r, &rc, &e);
	ok(rec && rec->bad == NULL, "unterminated: first record good");
	rec = next(r, &rc, &e);
	is_str(rec ? rec->bad : NULL, "unterminated quoted field", "last record bad");
	is_int(rec ? rec->line : 0, 3, "where the quote opened");
	ok(next(r, &rc, &e) == NULL && rc == 0, "then the end, not an error");
	mi_reader_close(r);
}

static void
test_bad_bytes(void)
{
	mi_reader *r = open_ok(FIX "bad-utf8.csv", MI_FMT_AUTO, MI_ENC_UTF8);
	const mi_record *rec;
	mi_err e;
	int rc;

	if (r != NULL) {
		rec = next(r, &rc, &e);
		ok(rec && rec->bad == NULL, "utf-8 given: good record");
		rec = next(r, &rc, &e);
		is_str(rec ? rec->bad : NULL, "invalid UTF-8", "utf-8 given: bad bytes make it bad");
		is_int(rec ? rec->line : 0, 3, "on line 3");
		rec = next(r, &rc, &e);
		is_str(rec ? rec->val[1] : NULL, "正常", "the next record is read");
		ok(rec && rec->bad == NULL, "and good");
		mi_reader_close(r);
	}
	r = open_ok(FIX "bad-utf8.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	if (r != NULL) {
		is_int(mi_reader_encoding(r), MI_ENC_GB18030,
		    "auto: invalid UTF-8 at the start means GB18030");
		mi_reader_close(r);
	}
	r = open_ok(FIX "nul.csv", MI_FMT_AUTO, MI_ENC_AUTO);
	if (r != NULL) {
		is_int(mi_reader_encoding(r), MI_ENC_UTF8, "a NUL byte is not a reason for GB18030");
		rec = next(r, &rc, &e);
		is_str(rec ? rec->bad : NULL, "NUL byte", "NUL byte makes the record bad");
		rec = next(r, &rc, &e);
		ok(rec && rec->bad == NULL, "the next record is good");
		mi_reader_close(r);
	}
}

/* Invalid UTF-8 past the first chunk: auto detection already chose UTF-8. */
static void
test_late_bad_utf8(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path = tmp_path("late.csv");
	mi_reader *r;
	mi_err e;
	long i, n = 0, good = 0;
	int rc;

	mi_buf_puts(&b, "编号,内容\n");
	for (i = 1; i <= 5000; i++)
		mi_buf_printf(&b, "%ld,小区路灯不亮已经一周\n", i);
	mi_buf_puts(&b, "5001,GBK \xd0\xa1\xc7\xf8 bytes\n5002,好\n");
	write_file(path, b.s, b.len);
	mi_buf_release(&b);
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) == NULL)
		return;
	is_int(mi_reader_encoding(r), MI_ENC_UTF8, "late bad bytes: detected UTF-8");
	while ((rec = next(r, &rc, &e)) != NULL) {
		n++;
		good += rec->bad == NULL;
		if (n == 5001) {
			is_str(rec->bad, "invalid UTF-8 (try --encoding gb18030)", "auto says what to try");
			is_int(rec->line, 5002, "on its line");
		}
	}
	is_int(n, 5002, "every record read");
	is_int(good, 5001, "only that one bad");
	is_int(rc, 0, "no error");
	mi_reader_close(r);
}

/* A UTF-8 character across the first chunk end is still UTF-8. */
static void
test_utf8_cut(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path = tmp_path("cut.csv");
	mi_reader *r;
	mi_err e;
	long n = 0, good = 0;
	int rc;

	mi_buf_puts(&b, "id,text\n1,");
	while (b.len < 65535)
		mi_buf_putc(&b, 'x');
	mi_buf_puts(&b, "供暖\n2,好\n");
	ok((unsigned char)b.s[65535] == 0xe4 && (unsigned char)b.s[65536] == 0xbe,
	    "a UTF-8 character lies across the first chunk end");
	write_file(path, b.s, b.len);
	mi_buf_release(&b);
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) == NULL)
		return;
	is_int(mi_reader_encoding(r), MI_ENC_UTF8, "cut UTF-8 at the chunk end: still UTF-8");
	while ((rec = next(r, &rc, &e)) != NULL) {
		n++;
		good += rec->bad == NULL;
		if (n == 1)
			ok(strcmp(rec->val[1] + 65535 - 10, "供暖") == 0, "the cut character is whole");
	}
	is_int(good, 2, "both records good");
	mi_reader_close(r);
}

/*
 * GB18030 sequences cut by a chunk end convert whole. The first chunk is
 * read whole (64 KiB) to detect the encoding, so a pad row can put a
 * two-byte character across it; rows of four-byte characters (U+20000)
 * then span several later chunk ends.
 */
static void
test_gb18030_chunks(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path = tmp_path("gb.csv");
	/* 诉求内容 and 供暖不热 in GB18030. */
	const char *hdr = "id,\xcb\xdf\xc7\xf3\xc4\xda\xc8\xdd\n";
	const char *val = "\xb9\xa9\xc5\xaf\xb2\xbb\xc8\xc8";
	mi_reader *r;
	mi_err e;
	long i, k, n = 0, same = 0, wide = 0, rows;
	int rc;

	mi_buf_puts(&b, hdr);
	for (i = 1; b.len < 65536 - 64; i++)
		mi_buf_printf(&b, "%ld,%s\n", i, val);
	mi_buf_printf(&b, "%ld,%s", i++, val);
	for (k = 65536 - 1 - 2 - 1 - (long)b.len; k > 0; k--)
		mi_buf_putc(&b, 'x');
	mi_buf_putc(&b, '\n');
	mi_buf_printf(&b, "c,%s\n", val);
	i++;
	ok((unsigned char)b.s[65535] == 0xb9 && (unsigned char)b.s[65536] == 0xa9,
	    "a character lies across the first chunk end");
	for (rows = 0; rows < 200; rows++, i++) {
		mi_buf_printf(&b, "%ld,%s", i, val);
		for (k = 0; k < 500; k++)
			mi_buf_puts(&b, "\x95\x32\x82\x36");
		mi_buf_putc(&b, '\n');
	}
	mi_buf_puts(&b, "bad,\xb9\xa9\xff\xc5\xaf\n");
	mi_buf_puts(&b, "last,\xb9\xa9\xc5\xaf\n");
	write_file(path, b.s, b.len);
	mi_buf_release(&b);
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) == NULL)
		return;
	is_int(mi_reader_encoding(r), MI_ENC_GB18030, "GB18030 detected");
	while ((rec = next(r, &rc, &e)) != NULL) {
		n++;
		if (n < i) {
			same += rec->bad == NULL && strncmp(mi_record_get(rec, "诉求内容"), "供暖不热", 12) == 0;
			wide += strlen(mi_record_get(rec, "诉求内容")) == 12 + 4 * 500 &&
			    strncmp(mi_record_get(rec, "诉求内容") + 12, "\xf0\xa0\x80\x80", 4) == 0;
		} else if (n == i)
			is_str(rec->bad, "invalid GB18030", "a byte GB18030 lacks makes the record bad");
		else
			is_str(mi_record_get(rec, "诉求内容"), "供暖", "the record after it converts");
	}
	is_int(same, i - 1, "every record across chunk ends converted");
	is_int(wide, 200, "four-byte characters converted");
	is_int(n, i + 1, "all records");
	is_int(rc, 0, "no error");
	mi_reader_close(r);
}

static void
test_limits(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path;
	mi_reader *r;
	mi_err e;
	long i, bad;
	int rc;

	/* A field past 1 MiB, inside quotes across many lines. */
	path = tmp_path("long.csv");
	mi_buf_puts(&b, "id,text\n1,\"");
	for (i = 0; i < 40000; i++)
		mi_buf_puts(&b, "一行很长的诉求内容\n");
	mi_buf_puts(&b, "\"\n2,short\n");
	write_file(path, b.s, b.len);
	mi_buf_reset(&b);
	if ((r = open_ok(path, MI_FMT_CSV, MI_ENC_AUTO)) != NULL) {
		rec = next(r, &rc, &e);
		is_str(rec ? rec->bad : NULL, "field longer than 1 MiB", "long field: bad");
		is_int(rec ? rec->line : 0, 2, "long field: its line");
		rec = next(r, &rc, &e);
		is_str(rec ? rec->val[1] : NULL, "short", "the record after it is read");
		is_int(rec ? rec->line : 0, 40003, "at the right line");
		ok(rec && rec->bad == NULL, "and good");
		mi_reader_close(r);
	}

	path = tmp_path("wide.csv");
	for (i = 0; i < 4097; i++)
		mi_buf_printf(&b, "%sc%ld", i ? "," : "", i);
	mi_buf_puts(&b, "\n1\n");
	write_file(path, b.s, b.len);
	is_int(count(path, MI_FMT_CSV, MI_ENC_AUTO, &bad, &rc, &e), 0, "4097 columns: no record");
	is_int(rc, -1, "4097 columns: an error");
	is_int(e.code, MI_EX_DATAERR, "4097 columns: data error");
	ok(strstr(e.msg, "wide.csv:1: header has 4097 columns") != NULL, "names file and line: %s", e.msg);

	mi_buf_reset(&b);
	for (i = 0; i < 4096; i++)
		mi_buf_printf(&b, "%sc%ld", i ? "," : "", i);
	mi_buf_puts(&b, "\n");
	for (i = 0; i < 4096; i++)
		mi_buf_printf(&b, "%s%ld", i ? "," : "", i);
	mi_buf_puts(&b, "\n");
	write_file(path, b.s, b.len);
	if ((r = open_ok(path, MI_FMT_CSV, MI_ENC_AUTO)) != NULL) {
		rec = next(r, &rc, &e);
		is_str(rec ? mi_record_get(rec, "c4095") : NULL, "4095", "4096 columns are fine");
		mi_reader_close(r);
	}
	mi_buf_release(&b);

	path = write_tmp("dup.csv", "\n\nid, name ,name\n1,2,3\n");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 0, "duplicate column: no record");
	is_int(e.code, MI_EX_DATAERR, "duplicate column: data error");
	ok(strstr(e.msg, "dup.csv:3: duplicate column 'name'") != NULL, "names it: %s", e.msg);
	path = write_tmp("empties.csv", "id,name,,\n1,张三,,\n");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 1, "empty names may repeat");
	is_int(bad, 0, "and the record is good");
}

static void
test_csv_edges(void)
{
	const mi_record *rec;
	const char *path;
	mi_reader *r;
	mi_err e;
	long bad;
	int rc;

	path = write_tmp("empty.csv", "");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 0, "empty file: no record");
	is_int(rc, 0, "empty file: no error");
	path = write_tmp("header.csv", "a,b\n");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 0, "header only: no record");
	is_int(rc, 0, "header only: no error");

	path = write_tmp("noeol.csv", "a,b\n1,2\n3,\"x\"");
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) != NULL) {
		next(r, &rc, &e);
		rec = next(r, &rc, &e);
		is_str(rec ? rec->val[1] : NULL, "x", "last line without a line end");
		is_int(rec ? rec->line : 0, 3, "and its line");
		ok(rec && rec->bad == NULL, "is good");
		mi_reader_close(r);
	}

	path = write_tmp("cr.csv", "a,b\r1,2\r3,4\r");
	is_int(count(path, MI_FMT_AUTO, MI_ENC_AUTO, &bad, &rc, &e), 2, "CR-only line ends: two records");
	is_int(bad, 0, "and good");
}

/* Many records, some with quoted newlines, spread over many chunks. */
static void
test_csv_stream(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path = tmp_path("stream.csv");
	char want[32];
	mi_reader *r;
	mi_err e;
	long i, n = 0, lines = 2, right = 0;
	int rc;

	mi_buf_puts(&b, "编号,内容,街道\n");
	for (i = 1; i <= 20000; i++) {
		if (i % 7 == 0) {
			mi_buf_printf(&b, "%ld,\"第%ld条\n\"\"两行\"\",内容\",嘉祥街道\n", i, i);
		} else
			mi_buf_printf(&b, "%ld,第%ld条 普通诉求,卧龙山街道\n", i, i);
	}
	write_file(path, b.s, b.len);
	mi_buf_release(&b);
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) == NULL)
		return;
	while ((rec = next(r, &rc, &e)) != NULL) {
		n++;
		snprintf(want, sizeof(want), "%ld", n);
		right += rec->bad == NULL && strcmp(rec->val[0], want) == 0 && rec->line == lines;
		lines += n % 7 == 0 ? 2 : 1;
	}
	is_int(n, 20000, "stream: every record");
	is_int(right, 20000, "stream: ids and lines right");
	is_int(rc, 0, "stream: no error");
	mi_reader_close(r);
}

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

/* A JSON array of many elements in many chunks. */
static void
test_json_stream(void)
{
	mi_buf b = MI_BUF_INIT;
	const mi_record *rec;
	const char *path = tmp_path("stream.json");
	char want[32];
	mi_reader *r;
	mi_err e;
	long i, n = 0, right = 0;
	int rc;

	mi_buf_puts(&b, "[\n");
	for (i = 1; i <= 5000; i++)
		mi_buf_printf(&b, "%s{\"id\":%ld,\"text\":\"第%ld条 \\\"]} \\\\\",\"n\":[%ld]}\n",
		    i > 1 ? "," : "", i, i, i);
	mi_buf_puts(&b, "]\n");
	write_file(path, b.s, b.len);
	mi_buf_release(&b);
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) == NULL)
		return;
	while ((rec = next(r, &rc, &e)) != NULL) {
		n++;
		snprintf(want, sizeof(want), "%ld", n);
		right += rec->bad == NULL && strcmp(mi_record_get(rec, "id"), want) == 0 &&
		    rec->line == n + 1 && strstr(mi_record_get(rec, "text"), "条 \"]} \\") != NULL;
	}
	is_int(n, 5000, "json stream: every element");
	is_int(right, 5000, "json stream: values and lines right");
	is_int(rc, 0, "json stream: no error");
	mi_reader_close(r);
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

static void
cleanup(void)
{
	char cmd[128];

	/* Only files this test wrote live there. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
}

int
main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/minyi-input-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_parse_names();
	test_encodings();
	test_bom_crlf();
	test_ragged();
	test_unterminated();
	test_bad_bytes();
	test_late_bad_utf8();
	test_utf8_cut();
	test_gb18030_chunks();
	test_limits();
	test_csv_edges();
	test_csv_stream();
	test_json();
	test_json_broken();
	test_json_stream();
	test_ndjson();
	test_sniff();
	test_open();
	test_shared();
	cleanup();
	return done_testing();
}
