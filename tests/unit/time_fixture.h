/*
 * time_fixture.h - what the time_*.c unit tests share: a parse shown as
 * text or as seconds, and the zone set. Include it after minyi.h and
 * tap.h; call zone("Asia/Shanghai") first.
 */
#ifndef MINYI_TIME_FIXTURE_H
#define MINYI_TIME_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The parse of s shown in local time, or "ERR", so failures read plainly. */
static inline const char *
p(const char *s)
{
	static char buf[64];
	int64_t t;

	if (mi_time_parse(s, &t) < 0)
		return "ERR";
	return mi_time_format(t, buf, sizeof(buf));
}

static inline int64_t
pt(const char *s)
{
	int64_t t = -12345;

	if (mi_time_parse(s, &t) < 0)
		return -12345;
	return t;
}

static inline void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

#endif
