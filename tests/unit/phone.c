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

/* mi_mask_phone or mi_mask_name, named in the test by what it masks. */
typedef void mask_fn(const char *, mi_buf *);

static void
mask(mask_fn *fn, const char *what, const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	fn(in, &b);
	is_str(mi_buf_str(&b), want, "mask %s '%s' -> '%s'", what, in, want);
	mi_buf_release(&b);
}

static void
test_norm(void)
{
	static const struct { const char *in; int rc; const char *want; } t[] = {
		{ "13812345678", 0, "13812345678" },
		{ "138 1234 5678", 0, "13812345678" },
		{ "138-1234-5678", 0, "13812345678" },
		{ "138.1234.5678", 0, "13812345678" },
		{ "+86 138 1234 5678", 0, "13812345678" },
		{ "+86-13812345678", 0, "13812345678" },
		{ "8613812345678", 0, "13812345678" },
		{ "008613812345678", 0, "13812345678" },
		{ "(0537)1234567", 0, "0537-1234567" },
		{ "0537-1234567", 0, "0537-1234567" },
		{ "05371234567", 0, "0537-1234567" },
		{ "0537-12345678", 0, "0537-12345678" },
		{ "1234567", 0, "0537-1234567" },
		{ "87654321", 0, "0537-87654321" },
		{ "86123456", 0, "0537-86123456" },
		{ "010-12345678", 0, "010-12345678" },
		{ "(010)12345678", 0, "010-12345678" },
		{ "021 1234 5678", 0, "021-12345678" },
		{ "+86 10 1234 5678", 0, "010-12345678" },
		{ "+86 537 1234567", 0, "0537-1234567" },
		{ "0086 537 1234567", 0, "0537-1234567" },
		{ "013812345678", 0, "13812345678" },
		{ "12345", 0, "12345" },
		{ "110", 0, "110" },
		{ "95598", 0, "95598" },
		{ "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"
		    "\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98", 0, "13812345678" },
		{ "\xef\xbc\x88" "0537" "\xef\xbc\x89" "1234567", 0, "0537-1234567" },
		{ "\xe3\x80\x80" "13812345678" "\xe3\x80\x80", 0, "13812345678" },
		{ "", 0, "" },
		{ "   ", 0, "" },
		{ "138abc45678", -1, NULL },
		{ "1381234567", -1, NULL },
		{ "23812345678", -1, NULL },
		{ "138123456789", -1, NULL },
		{ "12", -1, NULL },
		{ "0537-123456", -1, NULL },
		{ "0537-123456789", -1, NULL },
		{ "+1 212 555 0100", -1, NULL },
		{ "+", -1, NULL },
		{ "--", -1, NULL },
		{ "138+12345678", -1, NULL },
		{ "13812345678/13912345678", -1, NULL },
		{ "123456789012345678901234567890", -1, NULL },
	};
	char small[8];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		norm(t[i].in, t[i].rc, t[i].want);
	is_int(mi_phone_norm("0537-12345678", small, sizeof(small)), -1,
	    "a result that does not fit is refused");
	is_str(small, "", "and leaves an empty string");
}

static void
test_mask(void)
{
	static const struct { const char *in, *want; } phones[] = {
		{ "13812345678", "138****5678" },
		{ "0537-1234567", "053****4567" },
		{ "010-12345678", "010****5678" },
		{ "0537-12345678", "053*****5678" },
		{ "12345", "***45" },
		{ "1234567", "*****67" },
		{ "12345678", "123*5678" },
		{ "12", "**" },
		{ "1", "*" },
		{ "", "" },
		{ "138abc45678", "138****5678" },
		{ "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"
		    "\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98",
		    "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98****"
		    "\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98" },
		{ "138\xff" "1234567", "138****4567" },
	}, names[] = {
		{ "张三", "张*" },
		{ "欧阳娜娜", "欧***" },
		{ "张", "*" },
		{ "", "" },
		{ "John Smith", "J*********" },
		{ "阿卜杜·热合曼", "阿******" },
		{ "\xff\xfe", "**" },
	};
	size_t i;

	for (i = 0; i < sizeof(phones) / sizeof(phones[0]); i++)
		mask(mi_mask_phone, "phone", phones[i].in, phones[i].want);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		mask(mi_mask_name, "name", names[i].in, names[i].want);
}

int
main(void)
{
	test_norm();
	test_mask();
	return done_testing();
}
