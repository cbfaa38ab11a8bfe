/* time.c - unit tests for lib/time.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "tap.h"

/* The parse of s shown in local time, or "ERR", so failures read plainly. */
static const char *
p(const char *s)
{
	static char buf[64];
	int64_t t;

	if (mi_time_parse(s, &t) < 0)
		return "ERR";
	return mi_time_format(t, buf, sizeof(buf));
}

static int64_t
pt(const char *s)
{
	int64_t t = -12345;

	if (mi_time_parse(s, &t) < 0)
		return -12345;
	return t;
}

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
test_parse(void)
{
	int64_t t;

	is_int(pt("2026-11-26 09:30"), 1795656600, "local minutes");
	is_int(pt("2026-11-26 09:30:00"), 1795656600, "local seconds");
	is_int(pt("2026/11/26 9:30"), 1795656600, "slashes, one-digit hour");
	is_int(pt("2026-11-26T09:30:00+08:00"), 1795656600, "iso with +08:00");
	is_int(pt("2026-11-26T01:30:00Z"), 1795656600, "iso Z");
	is_int(pt("2026-11-26T01:30:00.250Z"), 1795656600, "fraction dropped");
	is_int(pt("2026-11-26T09:30:00+0800"), 1795656600, "offset without colon");
	is_int(pt("2026-11-26T09:30+08"), 1795656600, "offset hours only");
	is_int(pt("2024-05-27T02:08:51.000"), 1716746931, "socrata: fraction, no offset is local");
	is_int(pt("2014-07-12T10:58:43-05:00"), 1405180723, "open311 negative offset");
	is_int(pt("2026年11月26日 09:30"), 1795656600, "chinese date with time");
	is_int(pt("2026年11月26日09:30"), 1795656600, "chinese date, no space");
	is_int(pt("2026年11月26日"), 1795622400, "chinese date alone");
	is_int(pt("2026年1月5日"), pt("2026-01-05"), "chinese one-digit month and day");
	is_int(pt("11/26/2026 09:30:00 AM"), 1795656600, "nyc 311 AM");
	is_int(pt("11/26/2026 09:30:00 PM"), 1795699800, "nyc 311 PM");
	is_str(p("11/26/2026 12:00:00 AM"), "2026-11-26 00:00:00", "12 AM is midnight");
	is_str(p("11/26/2026 12:15:00 PM"), "2026-11-26 12:15:00", "12 PM is noon");
	is_str(p("11/26/2026 01:00:00 am"), "2026-11-26 01:00:00", "lower-case am");
	is_str(p("11/26/2026"), "2026-11-26 00:00:00", "nyc date alone");
	is_str(p("11/26/2026 13:00:00 PM"), "ERR", "13 PM");
	is_str(p("11/26/2026 00:30:00 AM"), "ERR", "0 AM");
	is_int(pt("2026-11-26"), 1795622400, "bare date is local midnight");
	is_str(p("2026/1/5"), "2026-01-05 00:00:00", "one-digit month and day");
	is_str(p("  2026-11-26 09:30  "), "2026-11-26 09:30:00", "spaces around");
	is_str(p("\t2026-11-26\n"), "2026-11-26 00:00:00", "tab and newline around");
	is_str(p("\xe3\x80\x80" "2026-11-26" "\xe3\x80\x80"), "2026-11-26 00:00:00",
	    "full-width spaces around");
	is_str(p("2026-11-26   09:30"), "2026-11-26 09:30:00", "several spaces between");
	is_str(p("2024-02-29"), "2024-02-29 00:00:00", "leap day in a leap year");
	is_str(p("2000-02-29"), "2000-02-29 00:00:00", "leap day in 2000");
	is_str(p("2026-11-26 23:59:59"), "2026-11-26 23:59:59", "last second");
	is_str(p("2026-11-26 00:00"), "2026-11-26 00:00:00", "midnight");

	is_str(p("2026-02-30"), "ERR", "february 30");
	is_str(p("2025-02-29"), "ERR", "leap day in a common year");
	is_str(p("1900-02-29"), "ERR", "1900 was not leap");
	is_str(p("2026-04-31"), "ERR", "april 31");
	is_str(p("2026-13-01"), "ERR", "month 13");
	is_str(p("2026-00-10"), "ERR", "month 0");
	is_str(p("2026-01-00"), "ERR", "day 0");
	is_str(p("0000-01-01"), "ERR", "year 0");
	is_str(p("2026-11-26 24:00"), "ERR", "hour 24");
	is_str(p("2026-11-26 09:60"), "ERR", "minute 60");
	is_str(p("2026-11-26 09:30:60"), "ERR", "second 60");
	is_str(p("2026-11-26 9:5"), "ERR", "one-digit minute");
	is_str(p("2026-11-26 09:30 junk"), "ERR", "trailing garbage");
	is_str(p("2026-11-26x"), "ERR", "letter after the date");
	is_str(p("2026-11-2609:30"), "ERR", "no separator before the time");
	is_str(p("2026-11-26T"), "ERR", "T with no time");
	is_str(p("2026/11-26"), "ERR", "mixed separators");
	is_str(p("2026/11/26T09:30"), "ERR", "T after a non-iso date");
	is_str(p("2026-11-26T09:30:00+25:00"), "ERR", "offset out of range");
	is_str(p("2026-11-26T09:30:00."), "ERR", "dot with no fraction");
	is_str(p("26-11-26"), "ERR", "two-digit year");
	is_str(p("hello"), "ERR", "junk");
	is_str(p(""), "ERR", "empty");
	is_str(p("   "), "ERR", "only spaces");
	ok(mi_time_parse(NULL, &t) < 0, "NULL");
	t = 42;
	ok(mi_time_parse("2026-02-30", &t) < 0 && t == 42, "failure leaves out alone");
}

static void
test_format(void)
{
	char buf[20], small[11];

	is_str(mi_time_format(1795656600, buf, sizeof(buf)), "2026-11-26 09:30:00", "format");
	is_str(mi_date_format(1795656600, small, sizeof(small)), "2026-11-26", "date format");
	is_str(mi_time_format(0, buf, sizeof(buf)), "1970-01-01 08:00:00", "epoch in shanghai");
	is_str(mi_date_format(1795622399, small, sizeof(small)), "2026-11-25",
	    "one second before local midnight");
	is_str(mi_time_format(INT64_MAX, buf, sizeof(buf)), "9999-12-31 07:59:59",
	    "huge times are clamped, not wrapped");
	is_int(mi_ymd_of(1795656600), 20261126, "ymd of");
	is_int(mi_ymd_of(1795622400 - 1), 20261125, "ymd of the last second of a day");
	is_int(mi_ymd_of(INT64_MIN), 10102, "ymd of a tiny time stays a date");
	is_int(mi_time_of_ymd(20261126, 0), 1795622400, "time of ymd");
	is_int(mi_time_of_ymd(20261126, 86399), 1795708799, "end of day");
	is_int(mi_time_of_ymd(20260230, 0), -1, "time of an impossible ymd");
}

static void
test_now(void)
{
	mi_err e = { 0, "" };
	int64_t before = (int64_t)time(NULL);

	unsetenv("MINYI_NOW");
	is_int(mi_now_init(NULL, &e), 0, "now from the clock");
	ok(mi_now() >= before && mi_now() <= before + 5, "clock now is about now");

	setenv("MINYI_NOW", "2026-11-26 09:30", 1);
	is_int(mi_now_init(NULL, &e), 0, "now from MINYI_NOW");
	is_int(mi_now(), 1795656600, "MINYI_NOW value");

	is_int(mi_now_init("2026-10-01T00:00:00+08:00", &e), 0, "--at wins over MINYI_NOW");
	is_int(mi_now(), 1790784000, "--at value");

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

static void
test_month(void)
{
	int64_t a = 0, b = 0;
	char buf[16];

	is_int(mi_month_parse("2026-10", &a, &b), 0, "month");
	is_int(a, 1790784000, "month start 2026-10-01 00:00 local");
	is_int(b, 1793462400, "month end 2026-11-01 00:00 local");
	is_int(mi_month_parse("2026/12", &a, &b), 0, "december with a slash");
	is_int(mi_ymd_of(a), 20261201, "december start");
	is_int(mi_ymd_of(b), 20270101, "december ends with the new year");
	is_int(mi_month_parse("2024-2", &a, &b), 0, "one-digit month");
	is_int((b - a) / 86400, 29, "february 2024 has 29 days");
	is_int(mi_month_parse(" 2026年2月 ", &a, &b), 0, "chinese month");
	is_int((b - a) / 86400, 28, "february 2026 has 28 days");
	is_str(mi_month_format(a, buf, sizeof(buf)), "2026-02", "a month spelt as deductions are");
	is_str(mi_month_format(b - 1, buf, sizeof(buf)), "2026-02", "its last second is in it");
	a = b = 7;
	is_int(mi_month_parse("2026-13", &a, &b), -1, "month 13");
	is_int(mi_month_parse("2026-10-01", &a, &b), -1, "a date is not a month");
	is_int(mi_month_parse("2026", &a, &b), -1, "a year is not a month");
	is_int(mi_month_parse("", &a, &b), -1, "empty month");
	ok(a == 7 && b == 7, "failure leaves start and end alone");
}

static void
test_option_times(void)
{
	mi_err e = { 0, "" };
	int64_t a = 0, b = 0;
	char buf[24];

	is_int(mi_year_parse("2026", &a, &b), 0, "year");
	is_int(mi_ymd_of(a), 20260101, "year start");
	is_int(mi_ymd_of(b), 20270101, "year end is the next new year");
	a = b = 7;
	is_int(mi_year_parse("1969", &a, &b), -1, "a year before 1970");
	is_int(mi_year_parse("9999", &a, &b), -1, "a year without a next one");
	is_int(mi_year_parse("2026-10", &a, &b), -1, "a month is not a year");
	is_int(mi_year_parse("", &a, &b), -1, "empty year");
	ok(a == 7 && b == 7, "failure leaves start and end alone");

	is_int(mi_time_arg("2026-11-01", MI_BARE_START, &a, &e), 0, "bare start");
	is_str(mi_time_format(a, buf, sizeof(buf)), "2026-11-01 00:00:00", "a bare start is midnight");
	is_int(mi_time_arg("2026-11-01", MI_BARE_END, &a, &e), 0, "bare end");
	is_str(mi_time_format(a, buf, sizeof(buf)), "2026-11-02 00:00:00",
	    "a bare end takes in the whole day");
	is_int(mi_time_arg("2026-11-01", MI_BARE_DUE, &a, &e), 0, "bare deadline");
	is_str(mi_time_format(a, buf, sizeof(buf)), "2026-11-01 23:59:59",
	    "a bare deadline is the end of the day");
	is_int(mi_time_arg("2026-11-01 08:30", MI_BARE_END, &a, &e), 0, "end with a clock");
	is_str(mi_time_format(a, buf, sizeof(buf)), "2026-11-01 08:30:00",
	    "a time of day is taken as given");
	is_int(mi_time_arg("2026-02-30", MI_BARE_START, &a, &e), -1, "impossible date");
	is_int(e.code, MI_EX_USAGE, "a bad time is a usage error");
	is_str(e.msg, "invalid time '2026-02-30'", "bad time message");
}

static void
test_ymd(void)
{
	/* Pure arithmetic: the answers cannot depend on the zone. */
	zone("America/New_York");
	is_int(mi_ymd_add(20261126, 1), 20261127, "next day");
	is_int(mi_ymd_add(20261231, 1), 20270101, "over the year");
	is_int(mi_ymd_add(20240228, 1), 20240229, "into a leap day");
	is_int(mi_ymd_add(20250228, 1), 20250301, "no leap day in 2025");
	is_int(mi_ymd_add(20260301, -1), 20260228, "backwards over february");
	is_int(mi_ymd_add(20261126, 0), 20261126, "zero days");
	is_int(mi_ymd_add(20260101, 365), 20270101, "a year of days");
	is_int(mi_ymd_add(20000101, 36525), 21000101, "a century of days");
	is_int(mi_ymd_add(19700101, -1), 19691231, "before the epoch");
	is_int(mi_ymd_add(20260230, 1), 0, "invalid start");
	is_int(mi_ymd_add(99991231, 1), 0, "past year 9999");
	is_int(mi_ymd_add(20260308, 1), 20260309, "over a US DST change");
	is_int(mi_ymd_weekday(20261126), 4, "2026-11-26 is a Thursday");
	is_int(mi_ymd_weekday(20260214), 6, "2026-02-14 is a Saturday");
	is_int(mi_ymd_weekday(20260927), 0, "2026-09-27 is a Sunday");
	is_int(mi_ymd_weekday(19700101), 4, "1970-01-01 was a Thursday");
	is_int(mi_ymd_weekday(19691231), 3, "1969-12-31 was a Wednesday");
	is_int(mi_ymd_weekday(20000229), 2, "2000-02-29 was a Tuesday");
	is_int(mi_ymd_weekday(20261301), -1, "weekday of a bad date");
	ok(mi_ymd_valid(20240229), "20240229 valid");
	ok(!mi_ymd_valid(20250229), "20250229 invalid");
	ok(!mi_ymd_valid(20261131), "20261131 invalid");
	ok(!mi_ymd_valid(0), "0 invalid");
	ok(!mi_ymd_valid(-20260101), "negative invalid");
	ok(!mi_ymd_valid(202611260), "nine digits invalid");

	/* The same text in another zone is another instant. */
	is_int(pt("2026-11-26 09:30"), 1795656600 + 13 * 3600, "new york local time");
	is_int(pt("2026-11-26T09:30:00+08:00"), 1795656600, "an offset ignores TZ");
	zone("Asia/Shanghai");
}

/* Local time is computed from a remembered offset per day: it must agree
 * with the C library's to the second, through every kind of transition. */
static void
test_local_cache(void)
{
	static const struct {
		const char *tz;
		int64_t from, to;
	} z[] = {
		{ "Asia/Shanghai", 504921600, 694224000 },           /* 1986-1991 summer time */
		{ "America/New_York", 1262304000, 1325376000 },      /* 2010 */
		{ "Europe/London", 1577836800, 1640995200 },         /* 2020 */
		{ "Australia/Lord_Howe", 1577836800, 1609459200 },   /* half-hour changes */
		{ "America/St_Johns", 1577836800, 1609459200 },      /* -03:30 */
		{ "Pacific/Apia", 1293840000, 1356998400 },          /* 2011 skipped a day */
	};
	char a[32], b[32];
	struct tm tm;
	time_t tt;
	int64_t t;
	size_t i;
	long bad, n;

	for (i = 0; i < sizeof(z) / sizeof(z[0]); i++) {
		zone(z[i].tz);
		bad = n = 0;
		for (t = z[i].from; t < z[i].to; t += 1201, n++) {
			tt = (time_t)t;
			localtime_r(&tt, &tm);
			strftime(b, sizeof(b), "%Y-%m-%d %H:%M:%S", &tm);
			mi_time_format(t, a, sizeof(a));
			if (strcmp(a, b) != 0 || mi_ymd_of(t) != (tm.tm_year + 1900) * 10000 +
			    (tm.tm_mon + 1) * 100 + tm.tm_mday) {
				if (bad++ == 0)
					printf("# %s at %lld: %s, libc %s\n", z[i].tz, (long long)t, a, b);
			}
		}
		is_int(bad, 0, z[i].tz);
		ok(n > 10000, "enough instants compared");
	}
	zone("Asia/Shanghai");
}

int
main(void)
{
	zone("Asia/Shanghai");
	test_parse();
	test_format();
	test_now();
	test_month();
	test_option_times();
	test_ymd();
	test_local_cache();
	return done_testing();
}
