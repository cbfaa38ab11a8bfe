/* time_edges.c - unit tests for lib/base/time.c held against the C
 * library: every day's date, weekday and validity over the years 1 to
 * 9999 by steps, local times in zones with and without summer time, and
 * the spellings of a time's clock and offset. */
#include "base/base.h"
#include "tap.h"
#include "time_fixture.h"

/* The date z days after 1970-01-01, by the C library (proleptic Gregorian). */
static int
libc_ymd(int64_t z, int *wday)
{
	time_t t = (time_t)(z * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	*wday = tm.tm_wday;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static void
test_days(void)
{
	/* 0001-01-01 is day -719162; 9999-12-31 is day 2932896. */
	int64_t z, bad = 0, n = 0;
	int ymd, wd;

	for (z = -719162; z <= 2932896; z += (z > -1000 && z < 30000) ? 1 : 61) {
		ymd = libc_ymd(z, &wd);
		n++;
		if (mi_ymd_add(20000101, (int)(z - 10957)) != ymd || mi_ymd_weekday(ymd) != wd ||
		    !mi_ymd_valid(ymd) || mi_ymd_add(ymd, (int)(10957 - z)) != 20000101) {
			if (bad++ < 3)
				printf("# day %lld: want %d (weekday %d), got %d (weekday %d)\n", (long long)z, ymd, wd,
				    mi_ymd_add(20000101, (int)(z - 10957)), mi_ymd_weekday(ymd));
		}
	}
	is_int(bad, 0, "%lld days from 0001 to 9999: date, weekday and the way back agree with the C library", (long long)n);
	is_int(mi_ymd_add(10101, -1), 0, "before 0001-01-01: none");
	is_int(mi_ymd_add(99991231, 1), 0, "after 9999-12-31: none");
	is_int(mi_ymd_add(99991231, 0), 99991231, "the last day itself");
	is_int(mi_ymd_add(10101, 0), 10101, "the first day itself");
	is_int(mi_ymd_add(20260230, 0), 0, "not a date: none");
	is_int(mi_ymd_weekday(20260230), -1, "not a date: no weekday");
}

static void
test_valid(void)
{
	static const int years[] = { 1, 4, 100, 400, 1900, 2000, 2024, 2026, 2100, 9996, 9999 };
	int64_t bad = 0;
	size_t i;
	int m, d, wd, want;

	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		for (m = 0; m <= 13; m++)
			for (d = 0; d <= 32; d++) {
				int ymd = years[i] * 10000 + m * 100 + d;
				/* A date is valid when the C library gives it back as itself. */
				struct tm tm = { .tm_year = years[i] - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
				time_t t = timegm(&tm);
				int64_t z = ((int64_t)t - 43200) / 86400;

				want = m >= 1 && m <= 12 && d >= 1 && libc_ymd(z, &wd) == ymd;
				if (mi_ymd_valid(ymd) != want && bad++ < 3)
					printf("# %d: valid %d, want %d\n", ymd, mi_ymd_valid(ymd), want);
			}
	is_int(bad, 0, "every day, month 0 to 13 and day 0 to 32, of years with and without 29 February");
	is_int(mi_ymd_valid(0), 0, "0 is no date");
	is_int(mi_ymd_valid(-20260101), 0, "nor a negative number");
}

/* Local times against localtime_r, in a zone with summer time and one without. */
static void
test_local(const char *tz, int64_t from, int64_t to, int64_t step)
{
	char got[32], want[32];
	int64_t t, bad = 0, back;
	struct tm tm;
	time_t tt;

	zone(tz);
	for (t = from; t <= to; t += step) {
		tt = (time_t)t;
		localtime_r(&tt, &tm);
		strftime(want, sizeof(want), "%Y-%m-%d %H:%M:%S", &tm);
		mi_time_format(t, got, sizeof(got));
		if (strcmp(got, want) != 0 || mi_ymd_of(t) != (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
		    tm.tm_mday) {
			if (bad++ < 3)
				printf("# %s %lld: got %s, want %s\n", tz, (long long)t, got, want);
			continue;
		}
		/* Back from the text: the same instant, or its twin in an hour told twice. */
		if (mi_time_parse(got, &back) < 0 || (back != t && strcmp(mi_time_format(back, want, sizeof(want)), got) != 0)) {
			if (bad++ < 3)
				printf("# %s: '%s' parses to %lld, not %lld\n", tz, got, (long long)back, (long long)t);
		}
		if (mi_time_of_ymd(mi_ymd_of(t), 0) > t || mi_time_of_ymd(mi_ymd_add(mi_ymd_of(t), 1), 0) <= t) {
			if (bad++ < 3)
				printf("# %s %lld: not within its day\n", tz, (long long)t);
		}
	}
	is_int(bad, 0, "%s: local time, day and its midnights agree with the C library", tz);
}

/* The spellings of a clock and an offset, and the first and last instants. */
static void
test_forms(void)
{
	static const char *const t[][2] = {
		{ "11/26/2026 01:00:00 pm", "2026-11-26 13:00:00" }, { "11/26/2026 01:00:00 Pm", "2026-11-26 13:00:00" },
		{ "11/26/2026 01:00:00 xm", "ERR" }, { "11/26/2026 01:00:00 p", "ERR" },
		{ "2026-11-26T09:30:00,5Z", "2026-11-26 17:30:00" }, { "2026-11-26T09:30:00.Z", "ERR" },
		{ "2026-11-26T09:30:00.", "ERR" }, { "2026-11-26\xe3\x80\x80" "09:30", "2026-11-26 09:30:00" },
		{ "2026-11-26 09:30:00 +08:00", "2026-11-26 09:30:00" }, { "2026-11-26 09:30 -0530", "2026-11-26 23:00:00" },
		{ "2026-11-26 09:30 +05:3", "ERR" }, { "2026-11-26 09:30 +19:00", "ERR" },
		{ "2026-11-26 09:30 +18:00", "2026-11-25 23:30:00" }, { "2026-11-26 09:30 +08:60", "ERR" },
		{ "2026-11-26 09:30 z", "2026-11-26 17:30:00" }, { "2026-11-26 9:30", "2026-11-26 09:30:00" },
		{ "2026-11-26 09:3", "ERR" }, { "2026-11-26 24:00", "ERR" }, { "2026-11-26 23:60", "ERR" },
		{ "2026-11-26 23:59:60", "ERR" }, { "2026-11-26 09:30:1", "ERR" }, { "2026-11-26t09:30", "2026-11-26 09:30:00" },
		{ "2026/11/26T09:30", "ERR" }, { "2026-11/26", "ERR" }, { "2026-11-26x", "ERR" },
		{ "0001-01-02T00:00:00Z", "0001-01-02 08:05:43" }, { "0001-01-01T23:59:59Z", "ERR" },
		{ "9999-12-30T23:59:59Z", "9999-12-31 07:59:59" }, { "9999-12-31T00:00:00Z", "ERR" },
		{ "2026年11月26日\xe3\x80\x80" "09:30", "2026-11-26 09:30:00" }, { "2026年11月26", "ERR" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(p(t[i][0]), t[i][1], "'%s'", t[i][0]);
}

int
main(void)
{
	test_days();
	test_valid();
	/* 1970 to 2100 by 7 hours and 13 minutes and 1 second. */
	test_local("Asia/Shanghai", 0, 4102444800LL, 25981);
	test_local("America/New_York", 0, 4102444800LL, 25981);
	test_local("Australia/Lord_Howe", 1262304000LL, 1893456000LL, 7207);
	zone("Asia/Shanghai");
	test_forms();
	zone("America/New_York");
	is_str(p("2026-11-01 01:30"), "2026-11-01 01:30:00", "the hour told twice is still a time");
	return done_testing();
}
