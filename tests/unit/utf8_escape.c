/* Unit tests for mi_esc_text (lib/base/utf8.c): what a terminal would act
 * on is shown as text, in each of the four ways. */
#include <stdlib.h>

#include "base/base.h"
#include "tap.h"

/* The input with every byte outside printable ASCII as \ooo, so a TAP line stays one line. */
static const char *
shown(const char *s)
{
	static char buf[256];
	size_t n = 0;

	for (; *s != '\0' && n + 6 < sizeof(buf); s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\%03o", (unsigned char)*s);
		else
			buf[n++] = *s;
	buf[n] = '\0';
	return buf;
}

static void
esc(int how, const char *in, const char *want)
{
	static const char *const hows[] = { "text", "cell", "line", "json" };
	mi_buf b = MI_BUF_INIT;

	mi_buf_puts(&b, "<");
	mi_esc_text(&b, in, how);
	is_str(mi_buf_str(&b) + 1, want, "%s: [%s]", hows[how], shown(in));
	mi_buf_release(&b);
}

static void
test_hostile(void)
{
	ok(mi_utf8_hostile(0) && mi_utf8_hostile(0x1B) && mi_utf8_hostile(0x1F), "C0 controls");
	ok(mi_utf8_hostile(0x7F) && mi_utf8_hostile(0x80) && mi_utf8_hostile(0x9B) &&
	    mi_utf8_hostile(0x9F), "DEL and C1 controls");
	ok(mi_utf8_hostile(0x202A) && mi_utf8_hostile(0x202E) && mi_utf8_hostile(0x2066) &&
	    mi_utf8_hostile(0x2069), "bidirectional embeddings, overrides and isolates");
	ok(!mi_utf8_hostile(' ') && !mi_utf8_hostile('~') && !mi_utf8_hostile(0xA0) &&
	    !mi_utf8_hostile(0x2029) && !mi_utf8_hostile(0x202F) && !mi_utf8_hostile(0x2065) &&
	    !mi_utf8_hostile(0x206A) && !mi_utf8_hostile(0x4E2D) && !mi_utf8_hostile(-1),
	    "text is not, nor is an invalid sequence's -1");
}

static void
test_escape(void)
{
	/* What each mode makes of a text: the mode, the text, what it shows. */
	static const struct {
		int how;
		const char *in, *want;
	} cases[] = {
		{ MI_ESC_TEXT,
		    "", "" },
		{ MI_ESC_TEXT,
		    "plain 张三 \\x1b", "plain 张三 \\x1b" },
		{ MI_ESC_TEXT,
		    "a\x1b[2Jb", "a\\x1b[2Jb" },
		{ MI_ESC_TEXT,
		    "\x1b]0;title\x07", "\\x1b]0;title\\x07" },
		{ MI_ESC_TEXT,
		    "\x1b]8;;http://x/\x1b\\link\x1b]8;;\x1b\\", "\\x1b]8;;http://x/\\x1b\\link\\x1b]8;;\\x1b\\" },
		{ MI_ESC_TEXT,
		    "\x01\x7f", "\\x01\\x7f" },
		{ MI_ESC_TEXT,
		    "c1 \xc2\x9b" "31m \xc2\x80\xc2\x9f", "c1 \\u009b31m \\u0080\\u009f" },
		{ MI_ESC_TEXT,
		    "\xe2\x80\xaagpj\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9", "\\u202agpj\\u202e\\u2066\\u2069" },
		{ MI_ESC_TEXT,
		    "ok \xe2\x80\xa8\xe2\x80\xaf\xc2\xa0", "ok \xe2\x80\xa8\xe2\x80\xaf\xc2\xa0" },
		{ MI_ESC_TEXT,
		    "bad \x9b\xff\xe5\x9e", "bad \\x9b\\xff\\xe5\\x9e" },
		{ MI_ESC_TEXT,
		    "t\tn\nr\r", "t\tn\nr\\r" },
		{ MI_ESC_CELL,
		    "t\tn\nr\r\x1b", "t n r \\x1b" },
		{ MI_ESC_LINE,
		    "t\tn\nr\r\x1b", "t\\tn\\nr\\r\\x1b" },
		{ MI_ESC_LINE,
		    "\xc2\x9b\xe2\x80\xae", "\\u009b\\u202e" },
		{ MI_ESC_JSON,
		    "{\n\t\"a\":\t\"\\u001b\x7f\xc2\x9b\xe2\x80\xae\"\n}", "{\n\t\"a\":\t\"\\u001b\\u007f\\u009b\\u202e\"\n}" },
		{ MI_ESC_JSON,
		    "\"\xff\xe4\xb8\xad\"", "\"\xff\xe4\xb8\xad\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		esc(cases[i].how, cases[i].in, cases[i].want);
}

int
main(void)
{
	test_hostile();
	test_escape();
	return done_testing();
}
