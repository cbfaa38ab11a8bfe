/* edges.c - the reader and the phone rules at their edges: each limit of a
 * UTF-8 sequence, GB18030 cut at the first chunk's end or ending in a chunk
 * of one byte, a BOM before JSON, UTF-16 either way round, service numbers. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verbs/verbs.h"
#include "tap.h"

#define CHUNK (64 * 1024)

static char dir[64];

static const char *
put_file(const char *name, const char *data, size_t n)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

/*
 * Reads "t\n<bytes>\n" as UTF-8: "good", the record's reason when bad, or
 * "error" / "none".
 */
static const char *
one_value(const char *bytes)
{
	static char out[128];
	mi_buf b = MI_BUF_INIT;
	mi_reader *r = NULL;
	const mi_record *rec = NULL;
	mi_err e = { 0, "" };
	int rc;

	mi_buf_puts(&b, "t\n");
	mi_buf_puts(&b, bytes);
	mi_buf_puts(&b, "\n");
	if (mi_reader_open(&r, put_file("one.csv", b.s, b.len), MI_FMT_CSV, MI_ENC_UTF8, &e) < 0) {
		mi_buf_release(&b);
		return "error";
	}
	mi_buf_release(&b);
	rc = mi_reader_next(r, &rec, &e);
	if (rc <= 0)
		snprintf(out, sizeof(out), "%s", rc < 0 ? "error" : "none");
	else if (rec->bad)
		snprintf(out, sizeof(out), "%s", rec->bad);
	else
		snprintf(out, sizeof(out), "good");
	mi_reader_close(r);
	return out;
}

/* The first and last code point of each length and range, and a step past. */
static void
test_utf8_limits(void)
{
	static const struct { const char *bytes, *want, *what; } v[] = {
		{ "\xc2\x80", "good", "U+0080, the first two-byte" },
		{ "\xdf\xbf", "good", "U+07FF, the last two-byte (lead DF)" },
		{ "\xc1\xbf", "invalid UTF-8", "lead C1: overlong" },
		{ "\xc2\xc0", "invalid UTF-8", "a two-byte sequence without its continuation" },
		{ "\xe0\xa0\x80", "good", "U+0800, the first three-byte" },
		{ "\xe0\x9f\xbf", "invalid UTF-8", "E0 9F: overlong" },
		{ "\xed\x9f\xbf", "good", "U+D7FF, the last before the surrogates" },
		{ "\xed\xa0\x80", "invalid UTF-8", "U+D800, a surrogate" },
		{ "\xed\xbf\xbf", "invalid UTF-8", "U+DFFF, a surrogate" },
		{ "\xee\x80\x80", "good", "U+E000, the first after them" },
		{ "\xef\xbf\xbf", "good", "U+FFFF" },
		{ "\xe4\xb8\xad", "good", "a Chinese character (U+4E2D)" },
		{ "\xe4\xb8", "invalid UTF-8", "a Chinese character cut short" },
		{ "\xe4\xb8\xc0", "invalid UTF-8", "its third byte not a continuation" },
		{ "\xf0\x90\x80\x80", "good", "U+10000, the first four-byte" },
		{ "\xf0\x8f\xbf\xbf", "invalid UTF-8", "F0 8F: overlong" },
		{ "\xf4\x8f\xbf\xbf", "good", "U+10FFFF, the last" },
		{ "\xf4\x90\x80\x80", "invalid UTF-8", "past U+10FFFF" },
		{ "\xf5\x80\x80\x80", "invalid UTF-8", "lead F5" },
		{ "\xf0\x90\x80\xc0", "invalid UTF-8", "a four-byte sequence with a bad last byte" },
		{ "\x80", "invalid UTF-8", "a lone continuation byte" },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		is_str(one_value(v[i].bytes), v[i].want, "utf-8: %s", v[i].what);
}

/* The encoding the reader settles on, and the last value of the first record. */
static int
detect(const char *path, char *last, size_t n)
{
	mi_reader *r = NULL;
	const mi_record *rec = NULL;
	mi_err e = { 0, "" };
	int enc;

	last[0] = '\0';
	if (mi_reader_open(&r, path, MI_FMT_CSV, MI_ENC_AUTO, &e) < 0)
		return -1;
	enc = mi_reader_encoding(r);
	if (mi_reader_next(r, &rec, &e) > 0 && rec->n > 0) {
		const char *v = rec->val[rec->n - 1];
		size_t k = strlen(v);

		snprintf(last, n, "%s", k > 6 ? v + k - 6 : v);
	}
	mi_reader_close(r);
	return enc;
}

/*
 * A GB18030 pair (区, C7 F8) in the last bytes of the first chunk is not a
 * UTF-8 sequence cut by the chunk's end: the input is GB18030.
 */
static void
test_detect_at_chunk_end(void)
{
	mi_buf b = MI_BUF_INIT;
	char last[16];

	mi_buf_puts(&b, "id,text\n1,");
	while (b.len < CHUNK - 2)
		mi_buf_putc(&b, 'x');
	mi_buf_puts(&b, "\xc7\xf8\n2,\xba\xc3\n");
	ok(b.len > CHUNK && (unsigned char)b.s[CHUNK - 2] == 0xc7, "GB18030 pair in the first chunk's last two bytes");
	is_int(detect(put_file("gbend.csv", b.s, b.len), last, sizeof(last)), MI_ENC_GB18030, "detected as GB18030");
	is_str(last, "xxx\xe5\x8c\xba", "and converted: ...区");
	mi_buf_release(&b);

	/* The same place with a UTF-8 character cut by the chunk's end is UTF-8. */
	b = (mi_buf)MI_BUF_INIT;
	mi_buf_puts(&b, "id,text\n1,");
	while (b.len < CHUNK - 2)
		mi_buf_putc(&b, 'x');
	mi_buf_puts(&b, "\xe5\x8c\xba\n2,y\n");
	is_int(detect(put_file("utf8end.csv", b.s, b.len), last, sizeof(last)), MI_ENC_UTF8, "a cut UTF-8 character: UTF-8");
	mi_buf_release(&b);
}

/* GB18030 whose last chunk is a single byte: every record is read. */
static void
test_gb18030_one_byte_tail(void)
{
	mi_buf b = MI_BUF_INIT;
	mi_reader *r = NULL;
	const mi_record *rec = NULL;
	mi_err e = { 0, "" };
	long n = 0;
	int rc;

	mi_buf_puts(&b, "id,text\n1,\xba\xc3\n2,");
	while (b.len < CHUNK)
		mi_buf_putc(&b, 'y');
	mi_buf_putc(&b, 'z');
	is_int(b.len, CHUNK + 1, "a file of one chunk and one byte");
	if (mi_reader_open(&r, put_file("tail.csv", b.s, b.len), MI_FMT_CSV, MI_ENC_GB18030, &e) == 0) {
		while ((rc = mi_reader_next(r, &rec, &e)) > 0) {
			n++;
			if (n == 2)
				is_str(rec->val[1] + strlen(rec->val[1]) - 2, "yz", "the last byte is the last value's end");
		}
		is_int(n, 2, "both records");
		is_int(rc, 0, "and the end");
		mi_reader_close(r);
	}
	mi_buf_release(&b);
}

static void
test_bom_and_utf16(void)
{
	static const char json[] = "\xef\xbb\xbf[{\"t\":\"\xe5\xa5\xbd\"}]";
	mi_reader *r = NULL;
	const mi_record *rec = NULL;
	mi_err e = { 0, "" };
	char key[16] = "", val[16] = "";
	int rc = -2;

	if (mi_reader_open(&r, put_file("bom.json", json, strlen(json)), MI_FMT_AUTO, MI_ENC_AUTO, &e) == 0) {
		if ((rc = mi_reader_next(r, &rec, &e)) > 0 && rec->n == 1) {
			snprintf(key, sizeof(key), "%s", rec->key[0]);
			snprintf(val, sizeof(val), "%s", rec->val[0]);
		}
		mi_reader_close(r);
	}
	is_int(rc, 1, "a BOM before a JSON array is passed over");
	is_str(val, "\xe5\xa5\xbd", "and the record read: %s", key);
	r = NULL;
	rc = -2;
	if (mi_reader_open(&r, put_file("bomonly.json", json, 3), MI_FMT_AUTO, MI_ENC_AUTO, &e) == 0) {
		rc = mi_reader_next(r, &rec, &e);
		mi_reader_close(r);
	}
	is_int(rc, 0, "a file of nothing but a BOM is as empty as an empty one");
	r = NULL;
	rc = -2;
	if (mi_reader_open(&r, put_file("le.csv", "\xff\xfet\0\n\0", 6), MI_FMT_AUTO, MI_ENC_AUTO, &e) == 0) {
		rc = mi_reader_next(r, &rec, &e);
		mi_reader_close(r);
	} else
		rc = -1;
	is_int(rc, -1, "UTF-16LE is refused");
	r = NULL;
	e.msg[0] = '\0';
	if (mi_reader_open(&r, put_file("be.csv", "\xfe\xff\0t\0\n", 6), MI_FMT_AUTO, MI_ENC_AUTO, &e) == 0) {
		rc = mi_reader_next(r, &rec, &e);
		mi_reader_close(r);
	} else
		rc = -1;
	is_int(rc, -1, "UTF-16BE is refused too");
	ok(strstr(e.msg, "UTF-16 text is not read") != NULL, "and says why: %s", e.msg);
}

static const char *
phone(const char *in)
{
	static char out[32];

	if (mi_phone_norm(in, out, sizeof(out)) < 0)
		return "ERR";
	return out;
}

static void
test_phone_lengths(void)
{
	is_str(phone("12"), "ERR", "two digits: no number");
	is_str(phone("110"), "110", "three digits: a service number");
	is_str(phone("123456"), "123456", "six digits: still a service number");
	is_str(phone("1234567"), "0537-1234567", "seven digits: a local number");
	is_str(phone("12345678"), "0537-12345678", "eight digits: a local number");
	is_str(phone("123456789"), "ERR", "nine digits: no number");
	is_str(phone("8613812345678"), "13812345678", "86 before a mobile");
	is_str(phone("8605372345678"), "0537-2345678", "86 before a landline with its 0");
}

int
main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/minyi-edges.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_utf8_limits();
	test_detect_at_chunk_end();
	test_gb18030_one_byte_tail();
	test_bom_and_utf16();
	test_phone_lengths();
	{
		static const char *const f[] = { "one.csv", "gbend.csv", "utf8end.csv", "tail.csv", "bom.json", "bomonly.json", "le.csv", "be.csv" };
		char p[160];
		size_t i;

		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
			snprintf(p, sizeof(p), "%s/%s", dir, f[i]);
			unlink(p);
		}
		rmdir(dir);
	}
	return done_testing();
}
