/* time_forms.c - unit tests for lib/base/time.c: the time forms sheets use
 * beyond the exports' (dots, eight digits, Chinese clocks, 上午/下午,
 * full-width digits), spreadsheet serial dates, and the reasons given. */
#include "base/base.h"
#include "tap.h"
#include "time_fixture.h"

/* mi_time_read's time shown in local time, or its reason. */
static const char *
rd(const char *s)
{
	static char buf[128];
	int64_t t;

	if (mi_time_read(s, &t, buf, sizeof(buf)) < 0)
		return buf;
	return mi_time_format(t, buf, sizeof(buf));
}

static void
test_forms(void)
{
	static const struct { const char *in, *want, *name; } t[] = {
		{ "2026.11.06", "2026-11-06 00:00:00", "dots" },
		{ "2026.11.06 08:30", "2026-11-06 08:30:00", "dots with a time" },
		{ "2026.1.6", "2026-01-06 00:00:00", "dots, one-digit month and day" },
		{ "2026.11-06", "ERR", "dot then dash" },
		{ "20261106", "2026-11-06 00:00:00", "eight digits" },
		{ "20261106 9:05", "2026-11-06 09:05:00", "eight digits and a time" },
		{ "2026116", "ERR", "seven digits are no date" },
		{ "202611061", "ERR", "nine digits are no date" },
		{ "2026-11-6", "2026-11-06 00:00:00", "one-digit day" },
		{ "2026-1-6 9:05", "2026-01-06 09:05:00", "one-digit month, day and hour" },
		{ "2026年11月3日9时05分", "2026-11-03 09:05:00", "时 and 分" },
		{ "2026年11月3日9时5分", "2026-11-03 09:05:00", "one-digit 分" },
		{ "2026年11月3日9时05分30秒", "2026-11-03 09:05:30", "时 分 秒" },
		{ "2026年11月3日9时", "2026-11-03 09:00:00", "时 alone" },
		{ "2026年11月3日 9点05分", "2026-11-03 09:05:00", "点 and 分, spaced" },
		{ "2026年11月3日9点05", "2026-11-03 09:05:00", "点 and minutes without 分" },
		{ "2026年11月3日9点", "2026-11-03 09:00:00", "点 alone" },
		{ "2026年11月3日9点半", "2026-11-03 09:30:00", "点半" },
		{ "2026年11月3号", "2026-11-03 00:00:00", "号 for 日" },
		{ "2026年11月3日24时", "ERR", "24时" },
		{ "2026年11月3日9时60分", "ERR", "60分" },
		{ "2026年11月3日9时05秒", "ERR", "秒 with no 分" },
		{ "2026年11月3日9时05分30", "ERR", "seconds without 秒" },
		{ "2026-11-05 上午9:05", "2026-11-05 09:05:00", "上午" },
		{ "2026-11-05 下午3点", "2026-11-05 15:00:00", "下午3点" },
		{ "2026-11-05下午3点", "2026-11-05 15:00:00", "下午 right after the date" },
		{ "2026/11/5 下午 3:05:10", "2026-11-05 15:05:10", "下午, spaced, seconds" },
		{ "2026年11月5日下午3时20分", "2026-11-05 15:20:00", "下午 after 日" },
		{ "2026-11-05 上午12:30", "2026-11-05 00:30:00", "上午12 is just after midnight, as 12 AM" },
		{ "2026-11-05 下午12:30", "2026-11-05 12:30:00", "下午12 is just after noon, as 12 PM" },
		{ "2026-11-05 上午0:30", "2026-11-05 00:30:00", "上午0" },
		{ "2026-11-05 上午13:00", "ERR", "上午13" },
		{ "2026-11-05 下午15:00", "2026-11-05 15:00:00", "下午 with a 24-hour hour" },
		{ "2026-11-05 下午0:30", "ERR", "下午0" },
		{ "2026-11-05 中午12点", "2026-11-05 12:00:00", "中午12点" },
		{ "2026-11-05 中午1点", "2026-11-05 13:00:00", "中午1点" },
		{ "2026-11-05 中午8点", "ERR", "中午8点" },
		{ "2026-11-05 中午2点", "2026-11-05 14:00:00", "中午2点: the last hour of noon said short" },
		{ "2026-11-05 中午3点", "ERR", "中午3点: afternoon, not noon" },
		{ "2026-11-05 中午14点", "2026-11-05 14:00:00", "中午14点" },
		{ "2026-11-05 中午15点", "ERR", "中午15点" },
		{ "2026-11-05 晚上8点", "2026-11-05 20:00:00", "晚上8点" },
		{ "2026-11-05 晚上12点", "ERR", "晚上12点: which midnight" },
		{ "2026-11-05 上午9:05 PM", "ERR", "上午 and PM" },
		{ "2026-11-05 上午", "ERR", "上午 with no hour" },
		{ "2026-11-05下午", "ERR", "下午 with no hour after the date" },
		{ "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-\xef\xbc\x91\xef\xbc\x91-\xef\xbc\x90\xef\xbc\x95"
		  "\xe3\x80\x80\xef\xbc\x90\xef\xbc\x98\xef\xbc\x9a\xef\xbc\x93\xef\xbc\x90",
		  "2026-11-05 08:30:00", "full-width digits, colon and space" },
		{ "２０２６－１１－０５　０８：３０", "2026-11-05 08:30:00", "full-width dashes too" },
		{ "２０２６年１１月５日", "2026-11-05 00:00:00", "full-width digits in a Chinese date" },
		{ "２０２６／１１／０５", "2026-11-05 00:00:00", "full-width slashes" },
		{ "２０２６．１１．０５", "2026-11-05 00:00:00", "full-width dots" },
		{ "2026-11-05 08：30", "2026-11-05 08:30:00", "a full-width colon alone" },
		{ "２０２６－１１－０５Ｔ０８：３０", "ERR", "a full-width T is no T" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(p(t[i].in), t[i].want, "%s", t[i].name);
}

static void
test_serials(void)
{
	static const struct { const char *in, *want, *name; } t[] = {
		{ "46331", "2026-11-05 00:00:00", "a whole serial is the day" },
		{ "46331.354166666664", "2026-11-05 08:30:00", "a fraction is the time of day" },
		{ "46331.354", "2026-11-05 08:29:46", "a short fraction, rounded to the second" },
		{ "46331.99999999", "2026-11-06 00:00:00", "rounds to the next midnight" },
		{ " 46331 ", "2026-11-05 00:00:00", "spaces around" },
		{ "４６３３１", "2026-11-05 00:00:00", "full-width digits" },
		{ "36526", "2000-01-01 00:00:00", "the first day taken" },
		{ "73050.5", "2099-12-31 12:00:00", "the last day taken" },
		{ "36525.9", "number '36525.9' is not a serial date of the years 2000 to 2099", "1999" },
		{ "73051", "number '73051' is not a serial date of the years 2000 to 2099", "2100" },
		{ "60", "number '60' is not a serial date of the years 2000 to 2099", "1900-02-29" },
		{ "12", "number '12' is not a serial date of the years 2000 to 2099", "a count" },
		{ "0.5", "number '0.5' is not a serial date of the years 2000 to 2099", "a time alone" },
		{ "12345678", "impossible date '12345678'", "eight digits are a date, never a serial" },
		{ "46331.", "unparseable time '46331.'", "a dot with no fraction" },
		{ "-46331", "unparseable time '-46331'", "negative" },
		{ "4.6331e4", "unparseable time '4.6331e4'", "an exponent" },
		{ "2026.02.30", "impossible date '2026.02.30'", "february 30, dotted" },
		{ "20260230", "impossible date '20260230'", "february 30, eight digits" },
		{ "2026年13月", "impossible date '2026年13月'", "month 13, no day" },
		{ "2026年13月1日", "impossible date '2026年13月1日'", "month 13" },
		{ "2026-04-31 09:00", "impossible date '2026-04-31 09:00'", "april 31" },
		{ "13/26/2026", "impossible date '13/26/2026'", "american month 13" },
		{ "2026-11-05 25:00", "impossible time of day '2026-11-05 25:00'", "hour 25" },
		{ "2026-11-05 100:00", "unparseable time '2026-11-05 100:00'", "an hour of three digits" },
		{ "2026-11-05 下午0点", "impossible time of day '2026-11-05 下午0点'", "下午0点" },
		{ "2026-11-05 13:00 PM", "impossible time of day '2026-11-05 13:00 PM'", "13 PM" },
		{ "yesterday", "unparseable time 'yesterday'", "words" },
		{ "", "unparseable time ''", "empty" },
	};
	char buf[64];
	int64_t t0 = 7;
	int ymd = -1, secs = -1;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(rd(t[i].in), t[i].want, "read: %s", t[i].name);
	is_str(p("46331"), "ERR", "a serial is no time outside a time column");
	ok(mi_time_read("12", &t0, buf, sizeof(buf)) < 0 && t0 == 7, "failure leaves out alone");
	is_str(rd("2026-11-26T09:30:00+08:00"), "2026-11-26 09:30:00", "read takes the export forms too");

	is_int(mi_serial_civil(59, 0, &ymd, &secs), 0, "serial 59");
	is_int(ymd, 19000228, "serial 59 is 1900-02-28");
	is_int(mi_serial_civil(60, 0, &ymd, &secs), -1, "serial 60 is the 1900-02-29 that never was");
	is_int(mi_serial_civil(61, 0, &ymd, &secs), 0, "serial 61");
	is_int(ymd, 19000301, "serial 61 is 1900-03-01");
	is_int(mi_serial_civil(0.25, 0, &ymd, &secs), 0, "a serial below 1");
	ok(ymd == 0 && secs == 6 * 3600, "is a time of day alone");
	is_int(mi_serial_civil(0, 1, &ymd, &secs), 0, "1904 serial 0");
	is_int(ymd, 19040101, "is 1904-01-01");
	is_int(mi_serial_civil(-1, 0, &ymd, &secs), -1, "negative");
	is_int(mi_serial_civil(3e6, 0, &ymd, &secs), -1, "past 9999");
}

/* A clerk's forms, taken from a sheet's cell and nowhere else: a day with
 * no year, and a day with the part of it but no hour. */
static void
test_clerks(void)
{
	static const struct { const char *now, *in, *want, *name; } t[] = {
		{ "2026-11-26 09:00", "11月2日", "2026-11-02 00:00:00", "no year: this year's" },
		{ "2026-11-26 09:00", "11月26日", "2026-11-26 00:00:00", "no year: today" },
		{ "2026-11-26 09:00", "11月26日 18:00", "2026-11-26 18:00:00", "no year: today, later in the day" },
		{ "2026-11-26 09:00", "11月27日", "2025-11-27 00:00:00", "no year: a day to come is last year's" },
		{ "2026-11-26 09:00", "12月31日下午3点", "2025-12-31 15:00:00", "no year, with 下午3点" },
		{ "2026-11-26 09:00", "1月5号 9:30", "2026-01-05 09:30:00", "no year, 号, a time" },
		{ "2026-11-26 09:00", "１１月２日", "2026-11-02 00:00:00", "no year, full-width digits" },
		{ "2027-01-01 00:30", "12月31日", "2026-12-31 00:00:00", "no year, just after new year" },
		{ "2027-01-01 00:30", "1月1日", "2027-01-01 00:00:00", "no year, new year's day itself" },
		{ "2026-11-26 09:00", "2月29日", "impossible date '2月29日'", "no year: 2026 has no 2月29日" },
		{ "2026-11-26 09:00", "13月2日", "impossible date '13月2日'", "no year: month 13" },
		{ "2026-11-26 09:00", "11月31日", "impossible date '11月31日'", "no year: 11月31日" },
		{ "2026-11-26 09:00", "11月", "unparseable time '11月'", "a month alone" },
		{ "2026-11-26 09:00", "11月2", "unparseable time '11月2'", "no 日" },
		{ "2026-11-26 09:00", "2026-11-05 上午", "2026-11-05 00:00:00", "a date and 上午 alone: the day" },
		{ "2026-11-26 09:00", "2026年11月5日下午", "2026-11-05 00:00:00", "日 then 下午 alone" },
		{ "2026-11-26 09:00", "11月4日晚上", "2026-11-04 00:00:00", "no year, 晚上 alone" },
		{ "2026-11-26 09:00", "2026-11-05 上午 ", "2026-11-05 00:00:00", "上午 and a space" },
		{ "2026-11-26 09:00", "2026-11-05 上午九点", "unparseable time '2026-11-05 上午九点'", "an hour in words" },
		{ "2026-11-26 09:00", "上午", "unparseable time '上午'", "上午 with no day" },
	};
	mi_err e;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (mi_now_init(t[i].now, &e) < 0) {
			ok(0, "now %s: %s", t[i].now, e.msg);
			continue;
		}
		is_str(rd(t[i].in), t[i].want, "read: %s", t[i].name);
	}
	is_str(p("11月2日"), "ERR", "a day with no year is no time outside a sheet");
	is_str(p("2026-11-05 上午"), "ERR", "nor a day with 上午 alone");
}

int
main(void)
{
	zone("Asia/Shanghai");
	test_forms();
	test_serials();
	test_clerks();
	return done_testing();
}
