/* time.c - reading and printing times, and date arithmetic on YYYYMMDD. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"

/* Deadlines past 2038 must not wrap. */
_Static_assert(sizeof(time_t) >= 8, "minyi needs a 64-bit time_t");

/*
 * Keeps localtime_r and the YYYYMMDD integers inside years 1..9999 whatever
 * an export or a caller hands us; a day's margin covers any UTC offset.
 */
#define T_MIN (-62135596800LL + 86400)    /* 0001-01-02 00:00:00 UTC */
#define T_MAX (253402300799LL - 86400)    /* 9999-12-30 23:59:59 UTC */

static int64_t now_t;
static int now_set;
static const char *now_text;    /* what --at or $MINYI_NOW said, or NULL */
static int now_env;

/* Days since 1970-01-01 (H. Hinnant's days_from_civil): no TZ, no libc. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yy = y - (m <= 2);
	unsigned yoe, doy, doe;

	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = (unsigned)(yy - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

static int
date_ok(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

int
mi_ymd_valid(int ymd)
{
	return ymd > 0 && date_ok(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* 0 when ymd is not a date or the result leaves years 1..9999. */
int
mi_ymd_add(int ymd, int days)
{
	int y, m, d;
	int64_t z;

	if (!mi_ymd_valid(ymd))
		return 0;
	z = days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100) + days;
	civil_from_days(z, &y, &m, &d);
	if (y < 1 || y > 9999)
		return 0;
	return y * 10000 + m * 100 + d;
}

/* -1 when ymd is not a date. */
int
mi_ymd_weekday(int ymd)
{
	int64_t z;

	if (!mi_ymd_valid(ymd))
		return -1;
	z = days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
	/* 1970-01-01 was a Thursday. */
	return (int)(((z + 4) % 7 + 7) % 7);
}

/* A generation number that changes whenever TZ does: a process that
 * changes TZ (the tests do) must not see the old zone's cached offsets. */
static unsigned
tz_generation(void)
{
	static _Thread_local char seen[64];
	static _Thread_local unsigned gen = 1;
	const char *tz = getenv("TZ");

	if (strncmp(tz ? tz : "", seen, sizeof(seen) - 1) != 0) {
		snprintf(seen, sizeof(seen), "%s", tz ? tz : "");
		gen++;
	}
	return gen;
}

static void
libc_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	if (localtime_r(&tt, tm) == NULL)
		memset(tm, 0, sizeof(*tm));
}

/*
 * Local time of t. glibc's localtime_r takes a lock and looks at TZ on
 * every call, which showed in every million-case pass; so the offset of
 * each UTC day is remembered once it is known to hold from the day's
 * first second to its last (a zone does not move its clocks and back
 * within one day), and the fields are then computed here. The caches
 * are per thread (reconcile runs two). Only the fields the callers read
 * are set: the date, the time of day and the offset; tm_wday and tm_yday
 * stay 0 (mi_ymd_weekday gives a weekday).
 */
static void
local_tm(int64_t t, struct tm *tm)
{
	static _Thread_local struct {
		int64_t day;
		long off;
		int isdst;
		const char *zone;
		unsigned gen;
	} cache[512];
	unsigned gen = tz_generation();
	int64_t day, secs, local, ld;
	int y, m, d;
	struct tm a, b;
	size_t slot;

	if (t < T_MIN)
		t = T_MIN;
	if (t > T_MAX)
		t = T_MAX;
	day = (t >= 0 ? t : t - 86399) / 86400;
	slot = (size_t)day % MI_ARRAY_LEN(cache);
	if (cache[slot].gen != gen || cache[slot].day != day) {
		libc_tm(day * 86400, &a);
		libc_tm(day * 86400 + 86399, &b);
		if (a.tm_gmtoff != b.tm_gmtoff || a.tm_isdst != b.tm_isdst) {
			libc_tm(t, tm);
			return;
		}
		cache[slot].day = day;
		cache[slot].off = a.tm_gmtoff;
		cache[slot].isdst = a.tm_isdst;
		cache[slot].zone = a.tm_zone;
		cache[slot].gen = gen;
	}
	local = t + cache[slot].off;
	ld = (local >= 0 ? local : local - 86399) / 86400;
	secs = local - ld * 86400;
	civil_from_days(ld, &y, &m, &d);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = cache[slot].isdst;
	tm->tm_gmtoff = cache[slot].off;
	tm->tm_zone = cache[slot].zone;
}

int
mi_ymd_of(int64_t t)
{
	struct tm tm;

	local_tm(t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The zone's offset from UTC at t, in seconds. */
static long
gmtoff_at(int64_t t)
{
	struct tm tm;

	local_tm(t, &tm);
	return tm.tm_gmtoff;
}

/*
 * Local wall-clock time to Unix seconds. mktime would do, but glibc's
 * re-reads the zone's file on every call, which dominates a million-row
 * import; the offset is looked up once per wall-clock day instead (it can
 * only change at a transition, and China has had none since 1991).
 */
static int
local_mktime(int y, int m, int d, int secs, int64_t *out)
{
	static _Thread_local int64_t cached_day = INT64_MIN;
	static _Thread_local long cached_off;
	static _Thread_local unsigned cached_gen;
	unsigned gen = tz_generation();
	int64_t wall, t, day;
	long off, off2;

	if (y < 1 || y > 9999)
		return -1;
	if (gen != cached_gen) {
		cached_gen = gen;
		cached_day = INT64_MIN;
	}
	wall = days_from_civil(y, m, d) * 86400 + secs;
	day = days_from_civil(y, m, d);
	if (day == cached_day) {
		*out = wall - cached_off;
		return 0;
	}
	off = gmtoff_at(wall);
	t = wall - off;
	off2 = gmtoff_at(t);
	if (off2 != off)
		/* Near a transition: take the offset in force at the result. */
		t = wall - off2;
	else if (secs >= 0 && secs < 86400 && gmtoff_at(day * 86400 - off) == off &&
	    gmtoff_at(day * 86400 + 86399 - off) == off) {
		/* Only a day the offset holds from start to end is remembered. */
		cached_day = day;
		cached_off = off;
	}
	*out = t;
	return 0;
}

/* -1 when ymd is not a date. */
int64_t
mi_time_of_ymd(int ymd, int secs)
{
	int64_t t;

	if (!mi_ymd_valid(ymd) ||
	    local_mktime(ymd / 10000, ymd / 100 % 100, ymd % 100, secs, &t) < 0)
		return -1;
	return t;
}

char *
mi_time_format(int64_t t, char *buf, size_t n)
{
	struct tm tm;

	int v[6], i, k;
	char s[20];

	local_tm(t, &tm);
	/* By hand: a million-row listing spends more in snprintf than anywhere else. */
	v[0] = tm.tm_year + 1900;
	v[1] = tm.tm_mon + 1;
	v[2] = tm.tm_mday;
	v[3] = tm.tm_hour;
	v[4] = tm.tm_min;
	v[5] = tm.tm_sec;
	s[0] = (char)('0' + v[0] / 1000 % 10);
	s[1] = (char)('0' + v[0] / 100 % 10);
	s[2] = (char)('0' + v[0] / 10 % 10);
	s[3] = (char)('0' + v[0] % 10);
	for (i = 1, k = 4; i < 6; i++, k += 3) {
		s[k] = i == 3 ? ' ' : (i < 3 ? '-' : ':');
		s[k + 1] = (char)('0' + v[i] / 10 % 10);
		s[k + 2] = (char)('0' + v[i] % 10);
	}
	s[19] = '\0';
	if (n > 0) {
		memcpy(buf, s, n < sizeof(s) ? n - 1 : sizeof(s) - 1);
		buf[n < sizeof(s) ? n - 1 : sizeof(s) - 1] = '\0';
	}
	return buf;
}

char *
mi_date_format(int64_t t, char *buf, size_t n)
{
	struct tm tm;

	local_tm(t, &tm);
	snprintf(buf, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	return buf;
}

char *
mi_month_format(int64_t t, char *buf, size_t n)
{
	struct tm tm;

	local_tm(t, &tm);
	snprintf(buf, n, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	return buf;
}

/* ---- parsing ---- */

struct fields {
	int y, mon, d, h, min, s;
	int has_off;
	int off;               /* minutes east of UTC */
	const char *why;       /* what made numbers that were read no time, or NULL */
	int sheet;             /* a sheet's cell: the forms clerks write are taken too */
};

/* Reads min..max digits at *pp; leaves *pp alone on failure. */
static int
num(const char **pp, const char *end, int min, int max, int *v)
{
	const char *p = *pp;
	int n = 0, x = 0;

	while (p < end && n < max && *p >= '0' && *p <= '9') {
		x = x * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < min)
		return -1;
	*pp = p;
	*v = x;
	return 0;
}

static int
lit(const char **pp, const char *end, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(end - *pp) < n || memcmp(*pp, s, n) != 0)
		return 0;
	*pp += n;
	return 1;
}

static int
is_sp(const char *p, const char *end)
{
	if (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
	    *p == '\v' || *p == '\f'))
		return 1;
	if (end - p >= 3 && memcmp(p, "\xe3\x80\x80", 3) == 0)   /* U+3000 */
		return 3;
	return 0;
}

static const char *
skip_sp(const char *p, const char *end)
{
	int k;

	while ((k = is_sp(p, end)) != 0)
		p += k;
	return p;
}

/* The span of s without the white space around it (ASCII and U+3000). */
static void
trim(const char *s, const char **pp, const char **endp)
{
	const char *p = skip_sp(s, s + strlen(s)), *end = p + strlen(p);

	for (;;) {
		if (end - p >= 3 && memcmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else if (end > p && is_sp(end - 1, end))
			end--;
		else
			break;
	}
	*pp = p;
	*endp = end;
}

/*
 * Full-width digits and the full-width : - / . that an input method types
 * (U+FF10..U+FF19, U+FF1A, U+FF0D, U+FF0F, U+FF0E) as their ASCII selves,
 * into buf; the span unchanged when it has none or does not fit.
 */
static void
fold_wide(const char **pp, const char **endp, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)*pp, *end = (const unsigned char *)*endp;
	size_t k = 0;

	if (memchr(p, 0xef, (size_t)(end - p)) == NULL || (size_t)(end - p) >= n)
		return;
	while (p < end) {
		if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbc &&
		    ((p[2] >= 0x90 && p[2] <= 0x9a) || p[2] == 0x8d || p[2] == 0x8e || p[2] == 0x8f)) {
			buf[k++] = (char)(p[2] == 0x9a ? ':' : p[2] >= 0x90 ? '0' + (p[2] - 0x90) :
			    p[2] == 0x8d ? '-' : p[2] == 0x8e ? '.' : '/');
			p += 3;
		} else
			buf[k++] = (char)*p++;
	}
	*pp = buf;
	*endp = buf + k;
}

static const char why_date[] = "impossible date";
static const char why_clock[] = "impossible time of day";

/* The month just read is a month, else the date is impossible. */
static int
month_ok(struct fields *f)
{
	if (f->mon >= 1 && f->mon <= 12)
		return 0;
	f->why = why_date;
	return -1;
}

/*
 * YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, YYYY年MM月DD日 (month and day
 * may be one digit but in YYYYMMDD) or the American MM/DD/YYYY; in a sheet
 * (f->sheet) also MM月DD日 with no year, which is now's year, or the year
 * before when that day has not come yet this year. *iso says a
 * 'T' may come before the time; *cjk that the time may follow 日 with no
 * space, as Chinese writes it.
 */
static int
parse_date(const char **pp, const char *end, struct fields *f, int *iso, int *cjk)
{
	const char *p = *pp;
	char sep;
	int today;

	*iso = *cjk = 0;
	if (f->sheet && num(&p, end, 1, 2, &f->mon) == 0 && lit(&p, end, "月")) {
		/* 11月2日 in a sheet: the year of the last such day up to now */
		if (month_ok(f) < 0 || num(&p, end, 1, 2, &f->d) < 0 ||
		    !(lit(&p, end, "日") || lit(&p, end, "号")))
			return -1;
		*cjk = 1;
		today = mi_ymd_of(mi_now());
		f->y = today / 10000 - (f->mon * 100 + f->d > today % 10000);
	} else if ((p = *pp, num(&p, end, 4, 4, &f->y) == 0)) {
		if (lit(&p, end, "年")) {
			if (num(&p, end, 1, 2, &f->mon) < 0 || !lit(&p, end, "月") || month_ok(f) < 0 ||
			    num(&p, end, 1, 2, &f->d) < 0 || !(lit(&p, end, "日") || lit(&p, end, "号")))
				return -1;
			*cjk = 1;
		} else if (p < end && *p >= '0' && *p <= '9') {
			/* 20261106: eight digits, and only ever a date. */
			if (num(&p, end, 2, 2, &f->mon) < 0 || num(&p, end, 2, 2, &f->d) < 0 ||
			    (p < end && *p >= '0' && *p <= '9'))
				return -1;
		} else {
			if (p >= end || (*p != '-' && *p != '/' && *p != '.'))
				return -1;
			sep = *p++;
			if (num(&p, end, 1, 2, &f->mon) < 0 || p >= end ||
			    *p++ != sep || num(&p, end, 1, 2, &f->d) < 0)
				return -1;
			*iso = sep == '-';
		}
	} else {
		if (num(&p, end, 1, 2, &f->mon) < 0 || p >= end || *p++ != '/' ||
		    num(&p, end, 1, 2, &f->d) < 0 || p >= end || *p++ != '/' ||
		    num(&p, end, 4, 4, &f->y) < 0)
			return -1;
	}
	if (month_ok(f) < 0 || !date_ok(f->y, f->mon, f->d)) {
		f->why = why_date;
		return -1;
	}
	*pp = p;
	return 0;
}

static int
ampm(const char **pp, const char *end, int *pm)
{
	const char *p = *pp;

	if (end - p < 2 || (p[1] != 'M' && p[1] != 'm'))
		return 0;
	if (p[0] == 'A' || p[0] == 'a')
		*pm = 0;
	else if (p[0] == 'P' || p[0] == 'p')
		*pm = 1;
	else
		return 0;
	*pp = p + 2;
	return 1;
}

/* Z, or +HH, +HHMM, +HH:MM (or -). */
static int
offset(const char **pp, const char *end, struct fields *f)
{
	const char *p = *pp;
	int sign, hh, mm = 0;

	if (p < end && (*p == 'Z' || *p == 'z')) {
		f->has_off = 1;
		f->off = 0;
		*pp = p + 1;
		return 0;
	}
	if (p >= end || (*p != '+' && *p != '-'))
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (num(&p, end, 2, 2, &hh) < 0)
		return -1;
	if (p < end && *p == ':') {
		p++;
		if (num(&p, end, 2, 2, &mm) < 0)
			return -1;
	} else if (p < end && *p >= '0' && *p <= '9' && num(&p, end, 2, 2, &mm) < 0)
		return -1;
	/* The widest offsets in use are -12:00 and +14:00; ISO allows 18. */
	if (hh > 18 || mm > 59)
		return -1;
	f->has_off = 1;
	f->off = sign * (hh * 60 + mm);
	*pp = p;
	return 0;
}

/*
 * The part of the day written before a Chinese time, and the hours it
 * takes: 上午 and 下午 are AM and PM as a spreadsheet in a Chinese locale
 * writes them (上午12:30 is 00:30, 下午12:30 is 12:30); 中午 is around noon
 * (中午12点, 中午1点 = 13:00); 晚上 is the evening (晚上8点 = 20:00); a
 * 24-hour hour after 下午, 中午 or 晚上 stands as written (下午15:00).
 */
enum { DAY_NONE, DAY_AM, DAY_PM, DAY_NOON, DAY_EVENING };

static int
part_of_day(const char **pp, const char *end)
{
	const char *p = *pp;
	int k;

	if (lit(&p, end, "上午"))
		k = DAY_AM;
	else if (lit(&p, end, "下午"))
		k = DAY_PM;
	else if (lit(&p, end, "中午"))
		k = DAY_NOON;
	else if (lit(&p, end, "晚上"))
		k = DAY_EVENING;
	else
		return DAY_NONE;
	*pp = skip_sp(p, end);
	return k;
}

/* The 24-hour hour of h said after part k, or -1. */
static int
hour_of(int k, int h)
{
	switch (k) {
	case DAY_AM:
		return h <= 12 ? h % 12 : -1;
	case DAY_PM:
		return h >= 1 && h <= 12 ? h % 12 + 12 : h >= 13 && h <= 23 ? h : -1;
	case DAY_NOON:
		return h == 11 || h == 12 || (h >= 13 && h <= 14) ? h : h >= 1 && h <= 2 ? h + 12 : -1;
	case DAY_EVENING:
		return h >= 5 && h <= 11 ? h + 12 : h >= 17 && h <= 23 ? h : -1;
	}
	return h <= 23 ? h : -1;
}

/* 9时05分[30秒], 9点05[分], 9点半, 9时, 9点 (a minute may be one digit here). */
static int
cjk_clock(const char **pp, const char *end, struct fields *f)
{
	const char *p = *pp;

	if (!lit(&p, end, "时") && !lit(&p, end, "点"))
		return -1;
	if (lit(&p, end, "半"))
		f->min = 30;
	else if (num(&p, end, 1, 2, &f->min) == 0) {
		if (lit(&p, end, "分") && num(&p, end, 1, 2, &f->s) == 0 && !lit(&p, end, "秒"))
			return -1;
	}
	*pp = p;
	return 0;
}

/*
 * [上午|下午|中午|晚上] then H:MM[:SS[.fff]] [AM|PM] [offset], or the Chinese
 * 9时05分, starting right after the separator.
 */
static int
parse_clock(const char **pp, const char *end, struct fields *f)
{
	const char *p = *pp, *q;
	int pm, k, h;

	k = part_of_day(&p, end);
	if (num(&p, end, 1, 2, &f->h) < 0)
		return -1;
	if (lit(&p, end, ":")) {
		if (num(&p, end, 2, 2, &f->min) < 0)
			return -1;
		if (lit(&p, end, ":")) {
			if (num(&p, end, 2, 2, &f->s) < 0)
				return -1;
			/* Sub-second precision means nothing to a deadline: dropped. */
			if (p < end && (*p == '.' || *p == ',')) {
				if (++p >= end || *p < '0' || *p > '9')
					return -1;
				while (p < end && *p >= '0' && *p <= '9')
					p++;
			}
		}
	} else if (cjk_clock(&p, end, f) < 0)
		return -1;
	if ((h = hour_of(k, f->h)) < 0 || f->min > 59 || f->s > 59) {
		f->why = why_clock;
		return -1;
	}
	f->h = h;
	q = skip_sp(p, end);
	if (k == DAY_NONE && ampm(&q, end, &pm)) {
		if (f->h < 1 || f->h > 12) {
			f->why = why_clock;
			return -1;
		}
		/* 12 AM is midnight, 12 PM noon. */
		f->h = f->h % 12 + (pm ? 12 : 0);
		p = q;
		q = skip_sp(p, end);
	}
	if (q < end && offset(&q, end, f) == 0)
		p = q;
	*pp = p;
	return 0;
}

/* The time s says, or -1 with f->why set when its numbers make no date or hour. */
static int
parse(const char *s, int sheet, struct fields *f, int64_t *out)
{
	char wide[128];
	const char *p, *end, *q;
	int iso, cjk;
	int64_t t;

	memset(f, 0, sizeof(*f));
	f->sheet = sheet;
	if (s == NULL)
		return -1;
	trim(s, &p, &end);
	fold_wide(&p, &end, wide, sizeof(wide));
	if (parse_date(&p, end, f, &iso, &cjk) < 0)
		return -1;
	if (p < end) {
		if (iso && (*p == 'T' || *p == 't'))
			p++;
		else if (is_sp(p, end))
			p = skip_sp(p, end);
		else if (!cjk && (unsigned char)*p < 0x80)
			/* Only a 上午 or 下午 may follow a date at once. */
			return -1;
		q = p;
		if (f->sheet && part_of_day(&q, end) != DAY_NONE && q == end)
			p = end;       /* 11月4日上午: the day, at midnight as a date alone */
		else if (parse_clock(&p, end, f) < 0)
			return -1;
	}
	if (p != end)
		return -1;
	if (f->has_off) {
		t = days_from_civil(f->y, f->mon, f->d) * 86400 + f->h * 3600 +
		    f->min * 60 + f->s - (int64_t)f->off * 60;
	} else if (local_mktime(f->y, f->mon, f->d, f->h * 3600 + f->min * 60 + f->s, &t) < 0)
		return -1;
	/* Only what can be printed back as itself is a time. */
	if (t < T_MIN || t > T_MAX)
		return -1;
	*out = t;
	return 0;
}

int
mi_time_parse(const char *s, int64_t *out)
{
	struct fields f;

	return parse(s, 0, &f, out);
}

int
mi_serial_civil(double v, int date1904, int *ymd, int *secs)
{
	double day = floor(v);
	long s = lround((v - day) * 86400.0);
	long d = (long)day;

	if (!isfinite(v) || v < 0 || v > 2958466.0)
		return -1;
	if (s >= 86400) {
		d++;
		s -= 86400;
	}
	*secs = (int)s;
	if (date1904)
		*ymd = mi_ymd_add(19040101, (int)d);
	else if (d == 0)
		*ymd = 0;                          /* a time of day alone */
	else if (d == 60)
		return -1;                         /* 1900-02-29, which never was */
	else
		/* Excel counts that day: serials before it are a day later than after it. */
		*ymd = mi_ymd_add(d < 60 ? 18991231 : 18991230, (int)d);
	return *ymd == 0 && (date1904 || d != 0) ? -1 : 0;
}

/* A plain decimal number of up to seven digits before an optional fraction. */
static int
serial_text(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q >= '0' && *q <= '9')
		q++;
	if (q == p || q - p > 7)
		return 0;
	if (q < end && *q == '.') {
		if (++q == end)
			return 0;
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	}
	return q == end;
}

int
mi_time_read(const char *s, int64_t *out, char *why, size_t nwhy)
{
	char wide[128], digits[32];
	const char *p, *end;
	struct fields f;
	int ymd, secs;
	int64_t t;
	double v;

	if (parse(s, 1, &f, out) == 0)
		return 0;
	trim(s ? s : "", &p, &end);
	fold_wide(&p, &end, wide, sizeof(wide));
	if (f.why == NULL && end - p != 8 && serial_text(p, end)) {
		snprintf(digits, sizeof(digits), "%.*s", (int)(end - p), p);
		v = strtod(digits, NULL);
		/* A number in a time column is a spreadsheet's serial date (the 1900
		 * system): only this century's are taken as times, not a count or an id. */
		if (v < MI_SERIAL_MIN || v >= MI_SERIAL_MAX + 1 ||
		    mi_serial_civil(v, 0, &ymd, &secs) < 0 || (t = mi_time_of_ymd(ymd, secs)) == -1) {
			snprintf(why, nwhy, _("number '%.20s' is not a serial date of the years 2000 to 2099"),
			    digits);
			return -1;
		}
		*out = t;
		return 0;
	}
	if (f.why)
		snprintf(why, nwhy, f.why == why_date ? _("impossible date '%.60s'") :
		    _("impossible time of day '%.60s'"), s);
	else
		snprintf(why, nwhy, _("unparseable time '%.60s'"), s ? s : "");
	return -1;
}

int
mi_now_init(const char *at, mi_err *e)
{
	const char *s = at;
	int64_t t;

	if (s == NULL) {
		s = getenv("MINYI_NOW");
		/* An empty variable is how a shell unsets it for one command. */
		if (s != NULL && *s == '\0')
			s = NULL;
	}
	if (s == NULL) {
		now_t = (int64_t)time(NULL);
		now_set = 1;
		now_text = NULL;
		return 0;
	}
	if (mi_time_parse(s, &t) < 0)
		return mi_err_set(e, MI_EX_USAGE, at ? "invalid time '%s'" :
		    "invalid time '%s' in MINYI_NOW", s);
	now_t = t;
	now_set = 1;
	now_text = s;
	now_env = at == NULL;
	return 0;
}

const char *
mi_now_given(int *env)
{
	*env = now_env;
	return now_text;
}

/* Fixed at the first call when mi_now_init was not called, so one run sees one now. */
int64_t
mi_now(void)
{
	if (!now_set) {
		now_t = (int64_t)time(NULL);
		now_set = 1;
	}
	return now_t;
}

int64_t
mi_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* YYYY-MM, YYYY/MM or YYYY年MM月. */
int
mi_month_parse(const char *s, int64_t *start, int64_t *end)
{
	const char *p, *e;
	int y, m, a, b;
	int64_t t0, t1;

	if (s == NULL)
		return -1;
	trim(s, &p, &e);
	if (num(&p, e, 4, 4, &y) < 0)
		return -1;
	if (lit(&p, e, "年")) {
		if (num(&p, e, 1, 2, &m) < 0 || !lit(&p, e, "月"))
			return -1;
	} else if (!(lit(&p, e, "-") || lit(&p, e, "/")) || num(&p, e, 1, 2, &m) < 0)
		return -1;
	if (p != e || !date_ok(y, m, 1))
		return -1;
	a = y * 10000 + m * 100 + 1;
	b = m == 12 ? (y + 1) * 10000 + 101 : a + 100;
	if (y == 9999 && m == 12)
		return -1;
	if ((t0 = mi_time_of_ymd(a, 0)) == -1 || (t1 = mi_time_of_ymd(b, 0)) == -1)
		return -1;
	if (t0 < T_MIN || t1 > T_MAX)
		return -1;
	*start = t0;
	*end = t1;
	return 0;
}

int
mi_time_arg(const char *s, int bare, int64_t *t, mi_err *e)
{
	if (mi_time_parse(s, t) < 0)
		return mi_err_set(e, MI_EX_USAGE, "invalid time '%s'", s);
	/* A date without a time of day: no clock in it. */
	if (strchr(s, ':') != NULL)
		return 0;
	if (bare == MI_BARE_END)
		*t = mi_time_of_ymd(mi_ymd_add(mi_ymd_of(*t), 1), 0);
	else if (bare == MI_BARE_DUE)
		*t = mi_time_of_ymd(mi_ymd_of(*t), 23 * 3600 + 59 * 60 + 59);
	return 0;
}

/* A year's span is what the yearly assessment sums its months over. */
int
mi_year_parse(const char *s, int64_t *start, int64_t *end)
{
	char *rest;
	long y = strtol(s, &rest, 10);

	if (*s == '\0' || *rest != '\0' || y < 1970 || y > 9998)
		return -1;
	*start = mi_time_of_ymd((int)y * 10000 + 101, 0);
	*end = mi_time_of_ymd((int)(y + 1) * 10000 + 101, 0);
	return 0;
}
