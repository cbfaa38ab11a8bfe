/* calendar.c - China's official working days: holidays off, make-up days on. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/*
 * Days 2020..2030 live in a bitmap (1 = working day) with a slot for every
 * possible month and day, 31 x 12 a year, so indexing needs no day counting
 * and the impossible slots simply stay unused. That covers the official data
 * with room either side; any other day is Mon-Fri unless set by hand.
 */
#define CAL_FIRST  2020
#define CAL_LAST   2030
#define CAL_SLOTS  ((CAL_LAST - CAL_FIRST + 1) * 372)

struct cal_day {
	int ymd;
	int work;
};

struct mi_calendar {
	unsigned char bits[(CAL_SLOTS + 7) / 8];
	struct cal_day *x;     /* days set outside the bitmap's years */
	size_t nx, capx;
	int last;              /* the last year the official data covers */
};

static int
slot(int ymd)
{
	int y = ymd / 10000;

	if (y < CAL_FIRST || y > CAL_LAST)
		return -1;
	return (y - CAL_FIRST) * 372 + (ymd / 100 % 100 - 1) * 31 + ymd % 100 - 1;
}

static int
weekday_rule(int ymd)
{
	int wd = mi_ymd_weekday(ymd);

	return wd >= 1 && wd <= 5;
}

static void
put(mi_calendar *c, int ymd, int work)
{
	int i = slot(ymd);
	size_t k;

	if (i >= 0) {
		if (work)
			c->bits[i / 8] |= (unsigned char)(1u << (i % 8));
		else
			c->bits[i / 8] &= (unsigned char)~(1u << (i % 8));
		return;
	}
	for (k = 0; k < c->nx; k++) {
		if (c->x[k].ymd == ymd) {
			c->x[k].work = work;
			return;
		}
	}
	if (c->nx == c->capx) {
		c->capx = c->capx ? c->capx * 2 : 8;
		c->x = mi_xrealloc(c->x, c->capx * sizeof(*c->x));
	}
	c->x[c->nx].ymd = ymd;
	c->x[c->nx].work = work;
	c->nx++;
}

/* "YYYY-MM-DD" exactly, as scripts/gen-calendar writes it; 0 otherwise. */
static int
iso_ymd(const char *s)
{
	int i, ymd = 0;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		ymd = ymd * 10 + (s[i] - '0');
	}
	return mi_ymd_valid(ymd) ? ymd : 0;
}

static int
load_days(mi_calendar *c, const cJSON *list, int work)
{
	const cJSON *d;
	int ymd;

	if (!cJSON_IsArray(list))
		return -1;
	cJSON_ArrayForEach(d, list) {
		if ((ymd = iso_ymd(cJSON_GetStringValue(d))) == 0)
			return -1;
		put(c, ymd, work);
	}
	return 0;
}

/*
 * NULL only when the embedded calendar.json does not parse: a broken build,
 * which must not quietly fall back to plain weekends.
 */
mi_calendar *
mi_calendar_new(void)
{
	mi_calendar *c = mi_xcalloc(1, sizeof(*c));
	const cJSON *y;
	cJSON *j;
	int ymd, i;

	for (ymd = CAL_FIRST * 10000 + 101; ymd != 0 && ymd / 10000 <= CAL_LAST;
	    ymd = mi_ymd_add(ymd, 1))
		if (weekday_rule(ymd)) {
			i = slot(ymd);
			c->bits[i / 8] |= (unsigned char)(1u << (i % 8));
		}
	j = cJSON_ParseWithLength((const char *)mi_embed_calendar_json,
	    mi_embed_calendar_json_len);
	if (j == NULL || load_days(c, cJSON_GetObjectItemCaseSensitive(j, "off"), 0) < 0 ||
	    load_days(c, cJSON_GetObjectItemCaseSensitive(j, "on"), 1) < 0) {
		cJSON_Delete(j);
		mi_calendar_free(c);
		return NULL;
	}
	cJSON_ArrayForEach(y, cJSON_GetObjectItemCaseSensitive(j, "years"))
		if (cJSON_IsNumber(y) && y->valueint > c->last)
			c->last = y->valueint;
	cJSON_Delete(j);
	if (c->last == 0) {
		mi_calendar_free(c);
		return NULL;
	}
	return c;
}

int
mi_calendar_last_year(const mi_calendar *c)
{
	return c->last;
}

void
mi_calendar_free(mi_calendar *c)
{
	if (c == NULL)
		return;
	free(c->x);
	free(c);
}

void
mi_calendar_set(mi_calendar *c, int ymd, int off)
{
	if (mi_ymd_valid(ymd))
		put(c, ymd, !off);
}

int
mi_calendar_is_workday(const mi_calendar *c, int ymd)
{
	int i;
	size_t k;

	if (!mi_ymd_valid(ymd))
		return 0;
	if ((i = slot(ymd)) >= 0)
		return (c->bits[i / 8] >> (i % 8)) & 1;
	for (k = 0; k < c->nx; k++)
		if (c->x[k].ymd == ymd)
			return c->x[k].work;
	return weekday_rule(ymd);
}

/*
 * A negative n counts back: the |n|-th working day strictly before t's date.
 * Dates stop at 0001-01-01 and 9999-12-31 rather than wrap.
 */
int64_t
mi_calendar_add_workdays(const mi_calendar *c, int64_t t, int n)
{
	int d = mi_ymd_of(t), step = n < 0 ? -1 : 1, next;

	if (n == 0) {
		while (!mi_calendar_is_workday(c, d) && (next = mi_ymd_add(d, 1)) != 0)
			d = next;
	}
	while (n != 0 && (next = mi_ymd_add(d, step)) != 0) {
		d = next;
		if (mi_calendar_is_workday(c, d))
			n -= step;
	}
	return mi_time_of_ymd(d, 23 * 3600 + 59 * 60 + 59);
}

/* Working days d with from < d <= to (from <= to). */
static int
count(const mi_calendar *c, int from, int to)
{
	int d = from, n = 0;

	while (d < to && (d = mi_ymd_add(d, 1)) != 0)
		n += mi_calendar_is_workday(c, d);
	return n;
}

int
mi_calendar_workdays_between(const mi_calendar *c, int64_t a, int64_t b)
{
	int da = mi_ymd_of(a), db = mi_ymd_of(b);

	/* YYYYMMDD integers sort as the dates do. */
	if (da > db)
		return -count(c, db, da);
	return count(c, da, db);
}
