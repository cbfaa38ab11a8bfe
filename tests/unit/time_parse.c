/* time_parse.c - unit tests for lib/base/time.c: times read from text, and now
 * from --at, MINYI_NOW or the clock. */
#include "base/base.h"
#include "tap.h"
#include "time_fixture.h"

static void
test_parse(void)
{
	static const struct { const char *in; int64_t want; const char *name; } secs[] = {
		{ "2026-11-26 09:30", 1795656600, "local minutes" },
		{ "2026-11-26 09:30:00", 1795656600, "local seconds" },
		{ "2026/11/26 9:30", 1795656600, "slashes, one-digit hour" },
		{ "2026-11-26T09:30:00+08:00", 1795656600, "iso with +08:00" },
		{ "2026-11-26T01:30:00Z", 1795656600, "iso Z" },
		{ "2026-11-26T01:30:00.250Z", 1795656600, "fraction dropped" },
		{ "2026-11-26 09:30:00.99", 1795656600, "a fraction of nines dropped" },
		{ "2026-11-26T09:30:00+0800", 1795656600, "offset without colon" },
		{ "2026-11-26T09:30+08", 1795656600, "offset hours only" },
		{ "2024-05-27T02:08:51.000", 1716746931, "socrata: fraction, no offset is local" },
		{ "2014-07-12T10:58:43-05:00", 1405180723, "open311 negative offset" },
		{ "2026年11月26日 09:30", 1795656600, "chinese date with time" },
		{ "2026年11月26日09:30", 1795656600, "chinese date, no space" },
		{ "2026年11月26日", 1795622400, "chinese date alone" },
		{ "2026年1月5日", 1767542400 /* 2026-01-05 00:00 */, "chinese one-digit month and day" },
		{ "11/26/2026 09:30:00 AM", 1795656600, "nyc 311 AM" },
		{ "11/26/2026 09:30:00 PM", 1795699800, "nyc 311 PM" },
		{ "2026-11-26", 1795622400, "bare date is local midnight" },
	};
	static const struct { const char *in, *want, *name; } shown[] = {
		{ "11/26/2026 12:00:00 AM", "2026-11-26 00:00:00", "12 AM is midnight" },
		{ "11/26/2026 12:15:00 PM", "2026-11-26 12:15:00", "12 PM is noon" },
		{ "11/26/2026 01:00:00 am", "2026-11-26 01:00:00", "lower-case am" },
		{ "11/26/2026", "2026-11-26 00:00:00", "nyc date alone" },
		{ "11/26/2026 13:00:00 PM", "ERR", "13 PM" },
		{ "11/26/2026 00:30:00 AM", "ERR", "0 AM" },
		{ "2026/1/5", "2026-01-05 00:00:00", "one-digit month and day" },
		{ "  2026-11-26 09:30  ", "2026-11-26 09:30:00", "spaces around" },
		{ "\t2026-11-26\n", "2026-11-26 00:00:00", "tab and newline around" },
		{ "\xe3\x80\x80" "2026-11-26" "\xe3\x80\x80", "2026-11-26 00:00:00", "full-width spaces around" },
		{ "2026-11-26   09:30", "2026-11-26 09:30:00", "several spaces between" },
		{ "2024-02-29", "2024-02-29 00:00:00", "leap day in a leap year" },
		{ "2000-02-29", "2000-02-29 00:00:00", "leap day in 2000" },
		{ "2026-11-26 23:59:59", "2026-11-26 23:59:59", "last second" },
		{ "2026-11-26 00:00", "2026-11-26 00:00:00", "midnight" },
		{ "2026-02-30", "ERR", "february 30" },
		{ "2025-02-29", "ERR", "leap day in a common year" },
		{ "1900-02-29", "ERR", "1900 was not leap" },
		{ "2026-04-31", "ERR", "april 31" },
		{ "2026-13-01", "ERR", "month 13" },
		{ "2026-00-10", "ERR", "month 0" },
		{ "2026-01-00", "ERR", "day 0" },
		{ "0000-01-01", "ERR", "year 0" },
		{ "2026-11-26 24:00", "ERR", "hour 24" },
		{ "2026-11-26 09:60", "ERR", "minute 60" },
		{ "2026-11-26 09:30:60", "ERR", "second 60" },
		{ "2026-11-26 9:5", "ERR", "one-digit minute" },
		{ "2026-11-26 09:30 junk", "ERR", "trailing garbage" },
		{ "2026-11-26x", "ERR", "letter after the date" },
		{ "2026-11-2609:30", "ERR", "no separator before the time" },
		{ "2026-11-26T", "ERR", "T with no time" },
		{ "2026/11-26", "ERR", "mixed separators" },
		{ "2026/11/26T09:30", "ERR", "T after a non-iso date" },
		{ "2026-11-26T09:30:00+25:00", "ERR", "offset out of range" },
		{ "2026-11-26T09:30:00.", "ERR", "dot with no fraction" },
		{ "26-11-26", "ERR", "two-digit year" },
		{ "hello", "ERR", "junk" },
		{ "", "ERR", "empty" },
		{ "   ", "ERR", "only spaces" },
	};
	size_t i;
	int64_t t;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		is_int(pt(secs[i].in), secs[i].want, "%s", secs[i].name);
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		is_str(p(shown[i].in), shown[i].want, "%s", shown[i].name);
	ok(mi_time_parse(NULL, &t) < 0, "NULL");
	t = 42;
	ok(mi_time_parse("2026-02-30", &t) < 0 && t == 42, "failure leaves out alone");
}

static void
test_now(void)
{
	mi_err e = { 0, "" };
	int64_t before = (int64_t)time(NULL), first;
	struct timespec pause = { 1, 100000000 };
	int env = -1;

	unsetenv("MINYI_NOW");
	/* A caller that never set now gets the clock at its first call, and
	 * that same now after: one run sees one now. */
	first = mi_now();
	ok(first >= before && first <= before + 5, "uninitialised now is the clock's");
	nanosleep(&pause, NULL);
	is_int(mi_now(), first, "and stays fixed a second later");
	is_int(mi_now_init(NULL, &e), 0, "now from the clock");
	ok(mi_now() >= before && mi_now() <= before + 5, "clock now is about now");
	ok(mi_now_given(&env) == NULL, "the clock's now was not given");

	setenv("MINYI_NOW", "2026-11-26 09:30", 1);
	is_int(mi_now_init(NULL, &e), 0, "now from MINYI_NOW");
	is_int(mi_now(), 1795656600, "MINYI_NOW value");
	is_str(mi_now_given(&env), "2026-11-26 09:30", "given by MINYI_NOW");
	is_int(env, 1, "from the environment");

	is_int(mi_now_init("2026-10-01T00:00:00+08:00", &e), 0, "--at wins over MINYI_NOW");
	is_int(mi_now(), 1790784000, "--at value");
	is_str(mi_now_given(&env), "2026-10-01T00:00:00+08:00", "given by --at");
	is_int(env, 0, "not from the environment");

	setenv("MINYI_NOW", "", 1);
	is_int(mi_now_init(NULL, &e), 0, "empty MINYI_NOW means the clock");
	ok(mi_now() >= before && mi_now() <= before + 5, "empty MINYI_NOW: about now");

	setenv("MINYI_NOW", "tomorrow", 1);
	is_int(mi_now_init(NULL, &e), -1, "bad MINYI_NOW");
	is_int(e.code, MI_EX_USAGE, "bad MINYI_NOW is a usage error");
	is_str(e.msg, "invalid time 'tomorrow' in MINYI_NOW", "bad MINYI_NOW message");

	mi_err_clear(&e);
	is_int(mi_now_init("2026-02-30", &e), -1, "bad --at");
	is_int(e.code, 64, "bad --at exit status");
	is_str(e.msg, "invalid time '2026-02-30'", "bad --at message");
	is_int(mi_now_init("", &e), -1, "empty --at is an error");
	unsetenv("MINYI_NOW");
}

int
main(void)
{
	zone("Asia/Shanghai");
	test_parse();
	test_now();
	return done_testing();
}
