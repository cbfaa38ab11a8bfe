/* time_days.c - unit tests for lib/base/time.c: months, and arithmetic on days. */
#include "base/base.h"
#include "tap.h"
#include "time_fixture.h"

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
	ok(!mi_ymd_valid(101), "0000-01-01 invalid: there is no year 0");
	ok(mi_ymd_valid(10101), "0001-01-01 valid");
	is_int(mi_ymd_add(10101, -1), 0, "no day before 0001-01-01");
	is_int(mi_ymd_weekday(101), -1, "no weekday in year 0");
	is_str(p("0000-01-01 00:00"), "ERR", "a time in year 0 is refused");
	ok(!mi_ymd_valid(-20260101), "negative invalid");
	ok(!mi_ymd_valid(202611260), "nine digits invalid");

	/* The same text in another zone is another instant. */
	is_int(pt("2026-11-26 09:30"), 1795656600 + 13 * 3600, "new york local time");
	is_int(pt("2026-11-26T09:30:00+08:00"), 1795656600, "an offset ignores TZ");
	zone("Asia/Shanghai");
}

int
main(void)
{
	zone("Asia/Shanghai");
	test_month();
	test_option_times();
	test_ymd();
	return done_testing();
}
