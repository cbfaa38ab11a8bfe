/* calendar.c - unit tests for lib/base/calendar.c against the 2021-2027 data. */
#include <stdlib.h>
#include <time.h>

#include "base/base.h"
#include "tap.h"

static mi_calendar *cal;

static int64_t
at(const char *s)
{
	int64_t t = 0;

	if (mi_time_parse(s, &t) < 0)
		printf("# cannot parse '%s'\n", s);
	return t;
}

/* The deadline as text, so a failure shows the date it got. */
static const char *
due(const char *from, int n)
{
	static char buf[20];

	return mi_time_format(mi_calendar_add_workdays(cal, at(from), n), buf, sizeof(buf));
}

static int
between(const char *a, const char *b)
{
	return mi_calendar_workdays_between(cal, at(a), at(b));
}

static void
test_official(void)
{
	int ymd, all;

	ok(mi_calendar_is_workday(cal, 20260214), "2026-02-14 (Sat) is a make-up working day");
	ok(mi_calendar_is_workday(cal, 20260228), "2026-02-28 (Sat) is a make-up working day");
	ok(mi_calendar_is_workday(cal, 20260104), "2026-01-04 (Sun) is a make-up working day");
	ok(mi_calendar_is_workday(cal, 20260920), "2026-09-20 (Sun) is a make-up working day");
	ok(mi_calendar_is_workday(cal, 20261010), "2026-10-10 (Sat) is a make-up working day");
	/* The 2026 notice gives Mid-Autumn 09-25..27 off; 09-27 is no make-up day. */
	ok(!mi_calendar_is_workday(cal, 20260927), "2026-09-27 (Sun) is a day off (Mid-Autumn)");
	ok(!mi_calendar_is_workday(cal, 20260925), "2026-09-25 (Fri) is a day off (Mid-Autumn)");
	for (all = 1, ymd = 20261001; ymd <= 20261007; ymd++)
		all &= !mi_calendar_is_workday(cal, ymd);
	ok(all, "2026-10-01..07 are all off");
	for (all = 1, ymd = 20260215; ymd <= 20260223; ymd++)
		all &= !mi_calendar_is_workday(cal, ymd);
	ok(all, "2026-02-15..23 (Spring Festival) are all off");
	ok(!mi_calendar_is_workday(cal, 20260101), "2026-01-01 (Thu) is off");
	ok(!mi_calendar_is_workday(cal, 20260501), "2026-05-01 (Fri) is off");
	ok(mi_calendar_is_workday(cal, 20260509), "2026-05-09 (Sat) is a make-up working day");
	ok(mi_calendar_is_workday(cal, 20261008), "2026-10-08 (Thu) is back to work");
	ok(mi_calendar_is_workday(cal, 20261126), "an ordinary Thursday works");
	ok(!mi_calendar_is_workday(cal, 20261128), "an ordinary Saturday is off");
	ok(!mi_calendar_is_workday(cal, 20261129), "an ordinary Sunday is off");
	ok(mi_calendar_is_workday(cal, 20210207), "2021-02-07 (Sun) is a make-up working day");
	ok(!mi_calendar_is_workday(cal, 20211001), "2021-10-01 is off");
	ok(mi_calendar_is_workday(cal, 20240929), "2024-09-29 (Sun) is a make-up working day");
	ok(!mi_calendar_is_workday(cal, 20250128), "2025-01-28 (Tue, Spring Festival eve) is off");
	/* No notice for 2027 is out yet, so it follows the plain rule. */
	ok(mi_calendar_is_workday(cal, 20270101), "2027-01-01 (Fri) works: no 2027 data");
	ok(mi_calendar_is_workday(cal, 20191231), "2019-12-31 (Tue), before the data, works");
	ok(!mi_calendar_is_workday(cal, 20350106), "2035-01-06 (Sat), after the data, is off");
	ok(!mi_calendar_is_workday(cal, 20260230), "an impossible date is no working day");
}

static void
test_deadlines(void)
{
	/* Spring Festival 2026: off 02-15..23, make-up days 02-14 and 02-28. */
	is_str(due("2026-02-13 10:00", 1), "2026-02-14 23:59:59", "Fri +1: the make-up Saturday");
	is_str(due("2026-02-13 10:00", 2), "2026-02-24 23:59:59", "Fri +2: over the festival");
	is_str(due("2026-02-13 10:00", 5), "2026-02-27 23:59:59", "Fri +5: 14, 24, 25, 26, 27");
	is_str(due("2026-02-13 10:00", 6), "2026-02-28 23:59:59", "Fri +6: the make-up 02-28");
	is_str(due("2026-02-14 08:00", 1), "2026-02-24 23:59:59", "from the make-up Saturday +1");
	is_str(due("2026-02-16 11:00", 1), "2026-02-24 23:59:59", "received on a holiday +1");
	is_str(due("2026-02-16 11:00", 5), "2026-02-28 23:59:59", "received on a holiday +5");
	is_str(due("2026-02-23 09:00", 3), "2026-02-26 23:59:59", "last holiday +3");

	/* Mid-Autumn and National Day 2026: off 09-25..27 and 10-01..07; 09-20 and 10-10 on. */
	is_str(due("2026-09-19 10:00", 1), "2026-09-20 23:59:59", "Sat +1: the make-up Sunday");
	is_str(due("2026-09-24 10:00", 2), "2026-09-29 23:59:59", "over Mid-Autumn");
	is_str(due("2026-09-24 10:00", 5), "2026-10-09 23:59:59", "over Mid-Autumn and National Day");
	is_str(due("2026-09-30 15:00", 1), "2026-10-08 23:59:59", "eve of National Day +1");
	is_str(due("2026-09-30 15:00", 3), "2026-10-10 23:59:59", "+3 ends on the make-up Saturday");
	is_str(due("2026-09-30 15:00", 4), "2026-10-12 23:59:59", "+4: then the plain weekend");
	is_str(due("2026-09-30 15:00", 15), "2026-10-27 23:59:59", "a complex case's 15 days");

	/* n = 0: the end of the day itself when it works. */
	is_str(due("2026-11-26 09:30", 0), "2026-11-26 23:59:59", "n=0 on a working day");
	is_str(due("2026-10-03 09:30", 0), "2026-10-08 23:59:59", "n=0 on a holiday");
	is_str(due("2026-11-28 09:30", 0), "2026-11-30 23:59:59", "n=0 on a Saturday");
	is_str(due("2026-02-14 09:30", 0), "2026-02-14 23:59:59", "n=0 on a make-up Saturday");
	is_str(due("2026-11-26 23:59:59", 1), "2026-11-27 23:59:59", "the last second of a day +1");
	is_str(due("2026-11-27 00:00", 1), "2026-11-30 23:59:59", "Fri +1 is Monday");

	/* Negative n counts back. */
	is_str(due("2026-10-08 10:00", -1), "2026-09-30 23:59:59", "-1 back over National Day");
	is_str(due("2026-10-12 10:00", -1), "2026-10-10 23:59:59", "-1 lands on the make-up Saturday");

	/* Outside the data, weekends only. */
	is_str(due("2035-01-05 10:00", 1), "2035-01-08 23:59:59", "2035: Fri +1 is Mon");
	is_str(due("2019-12-31 10:00", 2), "2020-01-02 23:59:59", "over the bitmap's first day");
}

static void
test_between(void)
{
	int n, ymd, bad;
	int64_t t;

	is_int(between("2026-09-30 10:00", "2026-10-12 09:00"), 4, "10-08, 10-09, 10-10, 10-12");
	is_int(between("2026-10-12 09:00", "2026-09-30 10:00"), -4, "backwards is negative");
	is_int(between("2026-02-13 18:00", "2026-02-28 08:00"), 6, "over Spring Festival");
	is_int(between("2026-11-26 00:00", "2026-11-26 23:59"), 0, "same day");
	is_int(between("2026-11-26 23:00", "2026-11-27 01:00"), 1, "two hours, next day");
	is_int(between("2026-11-27 10:00", "2026-11-29 10:00"), 0, "Fri to Sun");
	is_int(between("2026-11-27 10:00", "2026-11-30 10:00"), 1, "Fri to Mon");
	/*
	 * 2026 has 261 weekdays; 19 official days off fall on them and 6
	 * make-up days on weekends: 248. The span adds 2027-01-01 (a Friday,
	 * no data yet) and leaves out 2026-01-01 (off anyway).
	 */
	is_int(between("2026-01-01", "2027-01-01"), 249, "2026-01-02 .. 2027-01-01");
	is_int(between("2027-01-01", "2026-01-01"), -249, "and back");
	is_int(between("2024-12-31", "2025-12-31"), 248, "working days in 2025");

	/* A deadline is exactly its n working days away, from any day of 2026. */
	bad = 0;
	for (ymd = 20260101; ymd <= 20261231 && ymd != 0; ymd = mi_ymd_add(ymd, 1)) {
		t = mi_time_of_ymd(ymd, 10 * 3600);
		for (n = 1; n <= 20; n++)
			if (mi_calendar_workdays_between(cal, t,
			    mi_calendar_add_workdays(cal, t, n)) != n)
				bad++;
	}
	is_int(bad, 0, "between(t, add_workdays(t, n)) == n for all of 2026, n 1..20");
}

static void
test_overrides(void)
{
	mi_calendar_set(cal, 20261126, 1);
	ok(!mi_calendar_is_workday(cal, 20261126), "a local day off");
	is_str(due("2026-11-25 10:00", 1), "2026-11-27 23:59:59", "deadline skips the local day off");
	mi_calendar_set(cal, 20261128, 0);
	ok(mi_calendar_is_workday(cal, 20261128), "an extra working Saturday");
	is_str(due("2026-11-27 10:00", 1), "2026-11-28 23:59:59", "deadline lands on the extra day");
	is_int(between("2026-11-25", "2026-11-30"), 3, "27, 28, 30");

	mi_calendar_set(cal, 20261001, 0);
	ok(mi_calendar_is_workday(cal, 20261001), "a local rule beats the official holiday");
	mi_calendar_set(cal, 20260214, 1);
	ok(!mi_calendar_is_workday(cal, 20260214), "and the official make-up day");
	mi_calendar_set(cal, 20261126, 0);
	ok(mi_calendar_is_workday(cal, 20261126), "a later setting wins");

	mi_calendar_set(cal, 20350103, 1);
	mi_calendar_set(cal, 20350106, 0);
	ok(!mi_calendar_is_workday(cal, 20350103), "a day off outside the data's years");
	ok(mi_calendar_is_workday(cal, 20350106), "a working day outside the data's years");
	ok(mi_calendar_is_workday(cal, 20350104), "its neighbour is unchanged");
	mi_calendar_set(cal, 20350103, 0);
	ok(mi_calendar_is_workday(cal, 20350103), "outside days can be set again");
	mi_calendar_set(cal, 20260230, 1);
	ok(!mi_calendar_is_workday(cal, 20260301), "an impossible date is ignored, not wrapped");
}

int
main(void)
{
	mi_calendar *fresh;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	cal = mi_calendar_new();
	ok(cal != NULL, "the built-in calendar loads");
	if (cal == NULL)
		return done_testing();
	is_int(mi_calendar_last_year(cal), 2027, "the official data ends with 2027");
	test_official();
	test_deadlines();
	test_between();
	test_overrides();

	fresh = mi_calendar_new();
	ok(mi_calendar_is_workday(fresh, 20261126), "overrides stay in their own calendar");
	mi_calendar_free(fresh);
	mi_calendar_free(cal);
	mi_calendar_free(NULL);
	return done_testing();
}
