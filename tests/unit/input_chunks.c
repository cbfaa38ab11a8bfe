/* Unit tests for lib/input*.c: long inputs read in chunks: characters cut
 * by a chunk end, bad bytes found after the encoding was chosen, and many
 * records of CSV and of a JSON array. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

/*
 * One long file read back: the encoding the reader should find (checked
 * when enc_name is set), what the test's look watches for, and what was
 * counted on the way.
 */
struct pass {
	int enc;
	const char *enc_name;
	long mark;		/* a record number the look waits for */
	long line;		/* the line the next record should start on */
	long n, good;		/* records read, and those not bad */
	long right, wide;	/* records the look found right, and wide */
	char id[32];		/* n as text, for the looks that compare ids */
	int rc;			/* the reader's last status */
};

/* Called on each record read back, with n already counting it. */
typedef void look_fn(const mi_record *, struct pass *);

/* Writes b to the scratch file name (and releases b), then reads it back. */
static void
read_back(mi_buf *b, const char *name, look_fn *look, struct pass *p)
{
	const char *path = tmp_path(name);
	const mi_record *rec;
	mi_reader *r;
	mi_err e;

	write_file(path, b->s, b->len);
	mi_buf_release(b);
	if ((r = open_ok(path, MI_FMT_AUTO, MI_ENC_AUTO)) == NULL)
		return;
	if (p->enc_name != NULL)
		is_int(mi_reader_encoding(r), p->enc, "%s", p->enc_name);
	while ((rec = next(r, &p->rc, &e)) != NULL) {
		p->n++;
		p->good += rec->bad == NULL;
		snprintf(p->id, sizeof(p->id), "%ld", p->n);
		look(rec, p);
	}
	mi_reader_close(r);
}

/* The one GB18030 record, past the first chunk. */
static void
late_look(const mi_record *rec, struct pass *p)
{
	if (p->n != 5001)
		return;
	is_str(mi_record_get(rec, "内容"), "GBK 小区 bytes", "read as GB18030, not garbled");
	is_int(rec->line, 5002, "on its line");
}

/* A GB18030 line past the first chunk, after auto detection chose UTF-8:
 * that line alone is GB18030. */
static void
test_late_bad_utf8(void)
{
	mi_buf b = MI_BUF_INIT;
	struct pass p = { .enc = MI_ENC_UTF8, .enc_name = "late bad bytes: detected UTF-8" };
	long i;

	mi_buf_puts(&b, "编号,内容\n");
	for (i = 1; i <= 5000; i++)
		mi_buf_printf(&b, "%ld,小区路灯不亮已经一周\n", i);
	mi_buf_puts(&b, "5001,GBK \xd0\xa1\xc7\xf8 bytes\n5002,好\n");
	read_back(&b, "late.csv", late_look, &p);
	is_int(p.n, 5002, "every record read");
	is_int(p.good, 5002, "none bad");
	is_int(p.rc, 0, "no error");
}

static void
cut_look(const mi_record *rec, struct pass *p)
{
	if (p->n == 1)
		ok(strcmp(rec->val[1] + 65535 - 10, "供暖") == 0, "the cut character is whole");
}

/* A UTF-8 character across the first chunk end is still UTF-8. */
static void
test_utf8_cut(void)
{
	mi_buf b = MI_BUF_INIT;
	struct pass p = { .enc = MI_ENC_UTF8, .enc_name = "cut UTF-8 at the chunk end: still UTF-8" };

	mi_buf_puts(&b, "id,text\n1,");
	while (b.len < 65535)
		mi_buf_putc(&b, 'x');
	mi_buf_puts(&b, "供暖\n2,好\n");
	ok((unsigned char)b.s[65535] == 0xe4 && (unsigned char)b.s[65536] == 0xbe,
	    "a UTF-8 character lies across the first chunk end");
	read_back(&b, "cut.csv", cut_look, &p);
	is_int(p.good, 2, "both records good");
}

/* Before the mark, rows that convert whole and wide ones with their four-byte tails; at it the bad row; then the last. */
static void
gb_look(const mi_record *rec, struct pass *p)
{
	const char *v = mi_record_get(rec, "诉求内容");

	if (p->n < p->mark) {
		p->right += rec->bad == NULL && strncmp(v, "供暖不热", 12) == 0;
		p->wide += strlen(v) == 12 + 4 * 500 && strncmp(v + 12, "\xf0\xa0\x80\x80", 4) == 0;
	} else if (p->n == p->mark)
		is_str(rec->bad, "neither UTF-8 nor GB18030", "a byte GB18030 lacks makes the record bad");
	else
		is_str(v, "供暖", "the record after it converts");
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
	struct pass p = { .enc = MI_ENC_GB18030, .enc_name = "GB18030 detected" };
	/* 诉求内容 and 供暖不热 in GB18030. */
	const char *hdr = "id,\xcb\xdf\xc7\xf3\xc4\xda\xc8\xdd\n";
	const char *val = "\xb9\xa9\xc5\xaf\xb2\xbb\xc8\xc8";
	long i, k, rows;

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
	p.mark = i;
	read_back(&b, "gb.csv", gb_look, &p);
	is_int(p.right, i - 1, "every record across chunk ends converted");
	is_int(p.wide, 200, "four-byte characters converted");
	is_int(p.n, i + 1, "all records");
	is_int(p.rc, 0, "no error");
}

/* Many records, some with quoted newlines. */
static void
csv_build(mi_buf *b)
{
	long i;

	mi_buf_puts(b, "编号,内容,街道\n");
	for (i = 1; i <= 20000; i++) {
		if (i % 7 == 0) {
			mi_buf_printf(b, "%ld,\"第%ld条\n\"\"两行\"\",内容\",嘉祥街道\n", i, i);
		} else
			mi_buf_printf(b, "%ld,第%ld条 普通诉求,卧龙山街道\n", i, i);
	}
}

static void
csv_look(const mi_record *rec, struct pass *p)
{
	p->right += rec->bad == NULL && strcmp(rec->val[0], p->id) == 0 && rec->line == p->line;
	p->line += p->n % 7 == 0 ? 2 : 1;
}

/* A JSON array of many elements. */
static void
json_build(mi_buf *b)
{
	long i;

	mi_buf_puts(b, "[\n");
	for (i = 1; i <= 5000; i++)
		mi_buf_printf(b, "%s{\"id\":%ld,\"text\":\"第%ld条 \\\"]} \\\\\",\"n\":[%ld]}\n",
		    i > 1 ? "," : "", i, i, i);
	mi_buf_puts(b, "]\n");
}

static void
json_look(const mi_record *rec, struct pass *p)
{
	p->right += rec->bad == NULL && strcmp(mi_record_get(rec, "id"), p->id) == 0 &&
	    rec->line == p->n + 1 && strstr(mi_record_get(rec, "text"), "条 \"]} \\") != NULL;
}

/* Many records spread over many chunks, in CSV and in a JSON array. */
static void
test_streams(void)
{
	static const struct {
		const char *file;
		void (*build)(mi_buf *);
		look_fn *look;
		long n;
		const char *every, *right, *no_error;
	} t[] = {
		{ "stream.csv", csv_build, csv_look, 20000,
		    "stream: every record", "stream: ids and lines right", "stream: no error" },
		{ "stream.json", json_build, json_look, 5000,
		    "json stream: every element", "json stream: values and lines right", "json stream: no error" },
	};
	mi_buf b = MI_BUF_INIT;
	struct pass p;
	size_t i;

	for (i = 0; i < nitems(t); i++) {
		/* A CSV record starts on the line after the header's. */
		p = (struct pass){ .line = 2 };
		t[i].build(&b);
		read_back(&b, t[i].file, t[i].look, &p);
		is_int(p.n, t[i].n, "%s", t[i].every);
		is_int(p.right, t[i].n, "%s", t[i].right);
		is_int(p.rc, 0, "%s", t[i].no_error);
	}
}

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_late_bad_utf8();
	test_utf8_cut();
	test_gb18030_chunks();
	test_streams();
	input_end();
	return done_testing();
}
