/* Unit tests for lib/input*.c: encodings, UTF-8 or GB18030 (found or
 * given), and the bad bytes of each. */
#include "io/io.h"
#include "tap.h"
#include "input_fixture.h"

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

int
main(void)
{
	if (input_begin() < 0)
		return 2;
	test_encodings();
	test_bad_bytes();
	input_end();
	return done_testing();
}
