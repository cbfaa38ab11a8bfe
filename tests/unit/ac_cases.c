/* Unit tests for lib/base/ac.c: cases worked out by hand, ASCII and Chinese,
 * duplicate and empty patterns, stopping early, rebuilding. */
#include "base/base.h"
#include "tap.h"
#include "ac_fixture.h"

/* "value:start-end value:start-end ..." in the order reported. */
static char *
scan_str(const mi_ac *a, const char *text)
{
	struct hits hs = { NULL, 0, 0, 0 };
	mi_buf b = MI_BUF_INIT;
	size_t i;

	mi_ac_scan(a, text, strlen(text), collect, &hs);
	for (i = 0; i < hs.n; i++)
		mi_buf_printf(&b, "%s%d:%zu-%zu", i ? " " : "", hs.h[i].value,
		    hs.h[i].start, hs.h[i].end);
	free(hs.h);
	return mi_buf_detach(&b);
}

static mi_ac *
make(const char *const *pats, size_t n)
{
	mi_ac *a = mi_ac_new();
	size_t i;

	for (i = 0; i < n; i++)
		mi_ac_add(a, pats[i], strlen(pats[i]), (int)i);
	mi_ac_build(a);
	return a;
}

static void
check(const mi_ac *a, const char *text, const char *want, const char *what)
{
	char *got = scan_str(a, text);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_classic(void)
{
	static const char *const p[] = { "he", "she", "his", "hers" };
	mi_ac *a = make(p, 4);
	struct hits hs = { NULL, 0, 0, 1 };

	check(a, "ushers", "1:1-4 0:2-4 3:2-6", "he, she, his, hers in 'ushers'");
	check(a, "", "", "empty text");
	check(a, "xyz", "", "no match");
	check(a, "hishe", "2:0-3 1:2-5 0:3-5", "'hishe'");
	check(a, "hehehe", "0:0-2 0:2-4 0:4-6", "repeated pattern");
	is_int(mi_ac_scan(a, "ushers", 6, collect, &hs), 42, "stop early returns fn's value");
	is_int(hs.n, 1, "and reports nothing after it");
	free(hs.h);
	is_int(mi_ac_scan(a, "ushers", 0, collect, &hs), 0, "n = 0 scans nothing");
	check(a, "she", "1:0-3 0:1-3", "pattern equal to the text");
	mi_ac_free(a);
}

static void
test_chinese(void)
{
	static const char *const p[] = { "垃圾", "垃圾分类", "分类", "停车" };
	mi_ac *a = make(p, 4);

	check(a, "垃圾分类", "0:0-6 1:0-12 2:6-12", "pattern equal to the text, with its parts");
	check(a, "小区垃圾分类不到位，停车难", "0:6-12 1:6-18 2:12-18 3:30-36", "Chinese sentence");
	check(a, "垃", "", "a prefix alone does not match");
	check(a, "停停车车", "3:3-9", "restart inside a partial match");
	mi_ac_free(a);
}

static void
test_duplicates(void)
{
	mi_ac *a = mi_ac_new();
	struct hits hs = { NULL, 0, 0, 2 };

	mi_ac_add(a, "停车", strlen("停车"), 7);
	mi_ac_add(a, "车", strlen("车"), 9);
	mi_ac_add(a, "停车", strlen("停车"), 3);
	mi_ac_add(a, "", 0, 99);
	mi_ac_add(a, "停车", strlen("停车"), 7);
	mi_ac_build(a);
	check(a, "停车难", "7:0-6 3:0-6 7:0-6 9:3-6",
	    "duplicates all reported, in the order added, then the suffix; empty pattern ignored");
	is_int(mi_ac_scan(a, "停车难", strlen("停车难"), collect, &hs), 42,
	    "stop early inside one node's outputs");
	is_int(hs.n, 2, "after exactly two");
	free(hs.h);

	mi_ac_add(a, "难", strlen("难"), 5);
	check(a, "停车难", "7:0-6 3:0-6 7:0-6 9:3-6", "an add takes effect only at the next build");
	mi_ac_build(a);
	check(a, "停车难", "7:0-6 3:0-6 7:0-6 9:3-6 5:6-9", "rebuilt");
	mi_ac_free(a);

	a = mi_ac_new();
	check(a, "anything", "", "an empty automaton, not built, matches nothing");
	mi_ac_build(a);
	check(a, "anything", "", "an empty automaton, built, matches nothing");
	mi_ac_free(a);

	a = mi_ac_new();
	mi_ac_add(a, "a\0b", 3, 1);
	mi_ac_add(a, "\xff", 1, 2);
	mi_ac_build(a);
	{
		struct hits h2 = { NULL, 0, 0, 0 };

		mi_ac_scan(a, "xa\0b\xff", 5, collect, &h2);
		ok(h2.n == 2 && h2.h[0].value == 1 && h2.h[0].start == 1 && h2.h[0].end == 4 &&
		    h2.h[1].value == 2 && h2.h[1].start == 4, "NUL and high bytes are ordinary bytes");
		free(h2.h);
	}
	mi_ac_free(a);
}

int
main(void)
{
	test_classic();
	test_chinese();
	test_duplicates();
	return done_testing();
}
