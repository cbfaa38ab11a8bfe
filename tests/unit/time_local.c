/* time_local.c - unit tests for lib/base/time.c: times shown in local time, and
 * local time against the C library's in zones with every kind of change. */
#include "base/base.h"
#include "tap.h"
#include "time_fixture.h"

static void
test_format(void)
{
	char buf[20], small[11];

	is_str(mi_time_format(1795656600, buf, sizeof(buf)), "2026-11-26 09:30:00", "format");
	is_str(mi_date_format(1795656600, small, sizeof(small)), "2026-11-26", "date format");
	is_str(mi_time_format(0, buf, sizeof(buf)), "1970-01-01 08:00:00", "epoch in shanghai");
	/* Local midnight of 1970-01-01 is 16:00 UTC the day before: the seconds
	 * on either side of it fall in different local days. */
	is_str(mi_time_format(-28800, buf, sizeof(buf)), "1970-01-01 00:00:00", "local epoch");
	is_str(mi_time_format(-28801, buf, sizeof(buf)), "1969-12-31 23:59:59",
	    "one second before the local epoch");
	is_str(mi_time_format(-28800 - 86399, buf, sizeof(buf)), "1969-12-31 00:00:01",
	    "the day before the local epoch");
	is_str(mi_date_format(1795622399, small, sizeof(small)), "2026-11-25",
	    "one second before local midnight");
	is_str(mi_time_format(INT64_MAX, buf, sizeof(buf)), "9999-12-31 07:59:59",
	    "huge times are clamped, not wrapped");
	/* A buffer too small keeps what fits, ended; one byte keeps nothing;
	 * none is not written at all. */
	memset(buf, 'x', sizeof(buf));
	is_str(mi_time_format(1795656600, buf, 11), "2026-11-26", "format into 11 bytes: the date");
	is_int(buf[11], 'x', "format into 11 bytes writes no more than 11");
	is_str(mi_time_format(1795656600, buf, 1), "", "format into 1 byte: empty");
	buf[0] = 'x';
	mi_time_format(1795656600, buf, 0);
	is_int(buf[0], 'x', "format into 0 bytes writes nothing");
	is_str(mi_time_format(1795656600, buf, 19), "2026-11-26 09:30:0", "format into 19 bytes: one short");
	is_int(mi_ymd_of(1795656600), 20261126, "ymd of");
	is_int(mi_ymd_of(1795622400 - 1), 20261125, "ymd of the last second of a day");
	is_int(mi_ymd_of(INT64_MIN), 10102, "ymd of a tiny time stays a date");
	is_int(mi_time_of_ymd(20261126, 0), 1795622400, "time of ymd");
	is_int(mi_time_of_ymd(20261126, 86399), 1795708799, "end of day");
	is_int(mi_time_of_ymd(20260230, 0), -1, "time of an impossible ymd");
	/* The last day a date can be: its year read as 9999, not 10000. */
	is_int(mi_ymd_of(mi_time_of_ymd(99991231, 0)), 99991231, "time of the last date, and back");
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
		/* Summer time from 23:30 UTC on day 100 to 22:30 UTC on day 200:
		 * both changes late in their UTC day, in its last hour. */
		{ "AAA0BBB-1,J100/23:30,J200/23:30", 1767225600, 1798761600 },
		/* Before 1970 a day's number is below zero, and its last second is
		 * still 86399 after its first: Accra left +00:30 at 23:30 UTC on
		 * 1946-01-05, in the last half-hour of its UTC day. */
		{ "Africa/Accra", -773280000, -741744000 },                /* 1945-46 */
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
	test_format();
	test_local_cache();
	return done_testing();
}
