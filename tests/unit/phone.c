/* Unit tests for lib/base/phone.c. */
#include "base/base.h"
#include "tap.h"

static void
norm(const char *in, int want_rc, const char *want)
{
	char out[24];
	int rc;

	memset(out, 'x', sizeof(out));
	rc = mi_phone_norm(in, out, sizeof(out));
	is_int(rc, want_rc, "norm '%s' returns %d", in, want_rc);
	if (want_rc == 0)
		is_str(out, want, "norm '%s' -> '%s'", in, want);
}

static void
mask_phone(const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	mi_mask_phone(in, &b);
	is_str(mi_buf_str(&b), want, "mask phone '%s' -> '%s'", in, want);
	mi_buf_release(&b);
}

static void
mask_name(const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	mi_mask_name(in, &b);
	is_str(mi_buf_str(&b), want, "mask name '%s' -> '%s'", in, want);
	mi_buf_release(&b);
}

static void
test_norm(void)
{
	char small[8];

	norm("13812345678", 0, "13812345678");
	norm("138 1234 5678", 0, "13812345678");
	norm("138-1234-5678", 0, "13812345678");
	norm("138.1234.5678", 0, "13812345678");
	norm("+86 138 1234 5678", 0, "13812345678");
	norm("+86-13812345678", 0, "13812345678");
	norm("8613812345678", 0, "13812345678");
	norm("008613812345678", 0, "13812345678");
	norm("(0537)1234567", 0, "0537-1234567");
	norm("0537-1234567", 0, "0537-1234567");
	norm("05371234567", 0, "0537-1234567");
	norm("0537-12345678", 0, "0537-12345678");
	norm("1234567", 0, "0537-1234567");
	norm("87654321", 0, "0537-87654321");
	norm("86123456", 0, "0537-86123456");
	norm("010-12345678", 0, "010-12345678");
	norm("(010)12345678", 0, "010-12345678");
	norm("021 1234 5678", 0, "021-12345678");
	norm("+86 10 1234 5678", 0, "010-12345678");
	norm("+86 537 1234567", 0, "0537-1234567");
	norm("0086 537 1234567", 0, "0537-1234567");
	norm("013812345678", 0, "13812345678");
	norm("12345", 0, "12345");
	norm("110", 0, "110");
	norm("95598", 0, "95598");
	norm("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"
	    "\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98", 0, "13812345678");
	norm("\xef\xbc\x88" "0537" "\xef\xbc\x89" "1234567", 0, "0537-1234567");
	norm("\xe3\x80\x80" "13812345678" "\xe3\x80\x80", 0, "13812345678");
	norm("", 0, "");
	norm("   ", 0, "");
	norm("138abc45678", -1, NULL);
	norm("1381234567", -1, NULL);
	norm("23812345678", -1, NULL);
	norm("138123456789", -1, NULL);
	norm("12", -1, NULL);
	norm("0537-123456", -1, NULL);
	norm("0537-123456789", -1, NULL);
	norm("+1 212 555 0100", -1, NULL);
	norm("+", -1, NULL);
	norm("--", -1, NULL);
	norm("138+12345678", -1, NULL);
	norm("13812345678/13912345678", -1, NULL);
	norm("123456789012345678901234567890", -1, NULL);
	is_int(mi_phone_norm("0537-12345678", small, sizeof(small)), -1,
	    "a result that does not fit is refused");
	is_str(small, "", "and leaves an empty string");
}

static void
test_mask(void)
{
	mask_phone("13812345678", "138****5678");
	mask_phone("0537-1234567", "053****4567");
	mask_phone("010-12345678", "010****5678");
	mask_phone("0537-12345678", "053*****5678");
	mask_phone("12345", "***45");
	mask_phone("1234567", "*****67");
	mask_phone("12345678", "123*5678");
	mask_phone("12", "**");
	mask_phone("1", "*");
	mask_phone("", "");
	mask_phone("138abc45678", "138****5678");
	mask_phone("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"
	    "\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98",
	    "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98****"
	    "\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98");
	mask_phone("138\xff" "1234567", "138****4567");

	mask_name("张三", "张*");
	mask_name("欧阳娜娜", "欧***");
	mask_name("张", "*");
	mask_name("", "");
	mask_name("John Smith", "J*********");
	mask_name("阿卜杜·热合曼", "阿******");
	mask_name("\xff\xfe", "**");
}

int
main(void)
{
	test_norm();
	test_mask();
	return done_testing();
}
