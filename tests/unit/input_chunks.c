/* Unit tests for lib/input*.c: long inputs read in chunks: characters cut
 * by a chunk end, bad bytes found after the encoding was chosen, and many
 * records of CSV and of a JSON array. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

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

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_late_bad_utf8();
	test_utf8_cut();
	test_gb18030_chunks();
	test_csv_stream();
	test_json_stream();
	input_end();
	return done_testing();
}
