/* Unit tests for lib/base/phone.c's scanner: the phone and ID-card numbers
 * masked inside free text and addresses, and the numbers left alone. */
#include "base/base.h"
#include "tap.h"

/* Full-width digits, as Chinese input methods type them. */
#define FW1 "\xef\xbc\x91"
#define FW3 "\xef\xbc\x93"
#define FW5 "\xef\xbc\x95"
#define FW6 "\xef\xbc\x96"
#define FW7 "\xef\xbc\x97"
#define FW8 "\xef\xbc\x98"
#define FW9 "\xef\xbc\x99"
#define FW0 "\xef\xbc\x90"
#define FW2 "\xef\xbc\x92"
#define FW4 "\xef\xbc\x94"
#define FWDASH "\xef\xbc\x8d"
#define IDSPACE "\xe3\x80\x80"

static const struct {
	const char *in, *want;
	int n;               /* numbers masked */
} masked[] = {
	/* mobiles, as people write them */
	{ "电话13912345678", "电话139****5678", 1 },
	{ "13912345678", "139****5678", 1 },
	{ "139 1234 5678", "139****5678", 1 },
	{ "139 0537 1234", "139****1234", 1 },      /* a group after a joiner may start with 0 */
	{ "139-1234-5678", "139****5678", 1 },
	{ "请回电139-1234-5678，谢谢", "请回电139****5678，谢谢", 1 },
	{ "+86 139 1234 5678", "+86 139****5678", 1 },
	{ "+8613912345678", "+86139****5678", 1 },
	{ "8613912345678", "86139****5678", 1 },
	{ "0086 13912345678", "0086 139****5678", 1 },
	{ "tel: 19912345678.", "tel: 199****5678.", 1 },
	{ FW1 FW3 FW9 FW1 FW2 FW3 FW4 FW5 FW6 FW7 FW8, FW1 FW3 FW9 "****" FW5 FW6 FW7 FW8, 1 },
	{ "139" IDSPACE "1234" IDSPACE "5678", "139****5678", 1 },
	/* landlines with their area code */
	{ "座机0537-1234567", "座机053****4567", 1 },
	{ "05371234567", "053****4567", 1 },
	{ "(0537)1234567", "(053****4567", 1 },
	{ "（0537）1234567", "（053****4567", 1 },
	{ "(0537) 1234567", "(053****4567", 1 },
	{ "0537" FWDASH "12345678", "053*****5678", 1 },
	{ "010-12345678", "010****5678", 1 },
	{ "+86 537 1234567", "+86 537***4567", 1 },
	{ "0086 537 1234567", "0086 537***4567", 1 },  /* 0086 and an area code without its 0 */
	{ "0086053712345678", "0086053*****5678", 1 },  /* sixteen digits in one: 0086 and an area code with its 0 */
	{ "0537-1234567-8001", "053****4567-8001", 1 },
	{ "139 - 1234 - 5678", "139****5678", 1 },  /* three joiners between groups, */
	{ "139 -  1234 5678", "139 -  1234 5678", 0 },  /* four are two numbers */
	/* ID-card numbers */
	{ "身份证370829199001011234", "身份证3708**********1234", 1 },
	{ "身份证号37082919900101123X。", "身份证号3708**********123X。", 1 },
	{ "37082919900101123x", "3708**********123x", 1 },
	{ "370829 19900101 1234", "3708**********1234", 1 },
	/* several in one text, next to other numbers */
	{ "2026-11-05 13912345678", "2026-11-05 139****5678", 1 },
	{ "张三13912345678，李四0537-7654321", "张三139****5678，李四053****4321", 2 },
	{ "0537 1234567 13912345678", "053****4567 139****5678", 2 },
	{ "3号楼2单元，电话13912345678", "3号楼2单元，电话139****5678", 1 },
	{ "13912345678转8001", "139****5678转8001", 1 },
	{ "13912345678/13812345678", "139****5678/138****5678", 2 },
	{ "139 1234 5678 12ab", "139****5678 12ab", 1 },
	{ "ID:370829199001011234", "ID:3708**********1234", 1 },
	{ "013912345678", "013*****5678", 1 },
};

/* Numbers that are no phone and no ID: they must come out as they went in. */
static const char *const left[] = {
	"",
	"3号楼2单元501室",
	"2026-11-05",
	"2026年11月5日 09:30",
	"2026-11-05 09:30:00",
	"金额1380000元",
	"12345",
	"110",
	"5651234",
	"86123456",
	"1234567890",
	"23912345678",
	"1391234567",
	"139123456789",
	"1391234567890123456789",
	"3708291990010112345",
	"6222021234567890123",
	"GD13912345678",
	"13912345678abc",
	"id370829199001011234",
	"37082919900101123Xa",
	"37082919900101123X5",
	"37082919900101123X0",
	"digest a13912345678b",
	"+1 212 555 0100",
	"1 2 3 4 5 6 7 8 9 10",
	"第15 16 17 18号楼",
	"ＡＢＣ",
	"\xff\xfe 139",
};

/* Values meant as phones, as a message may quote them. */
static const struct {
	const char *in, *want;
} digits[] = {
	{ "13912345678 转 8001", "139****5678 转 8001" },
	{ "1380000abcd", "*****00abcd" },
	{ "139x0000000", "***x*****00" },
	{ "138000011112", "**********12" },
	{ "+86 (0537) 12x4567", "+** (****) **x**67" },
	{ "12ab", "12ab" },
	{ "138abc", "138abc" },
	{ "true", "true" },
	{ "' OR 1=1 --", "' OR 1=1 --" },
	{ "", "" },
};

int
main(void)
{
	mi_buf b = MI_BUF_INIT;
	char why[160];
	size_t i, n;

	for (i = 0; i < MI_ARRAY_LEN(masked); i++) {
		mi_buf_reset(&b);
		n = mi_mask_text(masked[i].in, &b);
		is_str(mi_buf_str(&b), masked[i].want, "masked: '%s'", masked[i].in);
		is_int(n, masked[i].n, "counted: '%s'", masked[i].in);
		is_int(mi_mask_text(masked[i].in, NULL), masked[i].n, "counted alone: '%s'",
		    masked[i].in);
	}
	for (i = 0; i < MI_ARRAY_LEN(left); i++) {
		mi_buf_reset(&b);
		n = mi_mask_text(left[i], &b);
		is_str(mi_buf_str(&b), left[i], "left alone: '%s'", left[i]);
		is_int(n, 0, "none counted: '%s'", left[i]);
	}
	for (i = 0; i < MI_ARRAY_LEN(digits); i++) {
		mi_buf_reset(&b);
		mi_mask_digits(digits[i].in, &b);
		is_str(mi_buf_str(&b), digits[i].want, "a phone's value: '%s'", digits[i].in);
	}
	mi_buf_release(&b);
	is_str(mi_phone_why("13912345678转转转转转转转转转转转转", why, sizeof(why)),
	    "impossible phone '139****5678转转转转转转转转转'", "a reason is cut at a character's start");
	is_str(mi_phone_why(NULL, why, sizeof(why)), "impossible phone ''", "no value");
	is_str(mi_phone_why("abcdefghij" "abcdefghij" "abcdefghij" "abcdefghij" "abcde", why, sizeof(why)),
	    "impossible phone 'abcdefghijabcdefghijabcdefghijabcdefghij'", "a reason quotes 40 bytes at most");
	return done_testing();
}
