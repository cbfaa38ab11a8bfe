/*
 * time.c - fuzzes mi_time_parse and mi_month_parse: every line of the
 * input is parsed in turn (so that what one parse leaves behind meets the
 * next), in a zone data[0] picks: the county's, and some with daylight
 * saving time (NYC 311 exports are in New York time).
 */
#include "fuzz.h"

FUZZ_IN_COUNTY_TIME

static void
zone(unsigned k)
{
	static const char *const zones[] = {
		"Asia/Shanghai", "America/New_York", "UTC", "Australia/Lord_Howe"
	};
	static unsigned now = 0;

	k %= 4;
	if (k == now)
		return;
	setenv("TZ", zones[k], 1);
	tzset();
	now = k;
}

/* "YYYY-MM-DD HH:MM:SS", the form mi_time_format prints. */
static int
canonical(const char *s)
{
	static const char form[] = "dddd-dd-dd dd:dd:dd";
	size_t i;

	if (strlen(s) != sizeof(form) - 1)
		return 0;
	for (i = 0; form[i]; i++)
		if (form[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != form[i])
			return 0;
	return 1;
}

static void
one(const char *s, int county)
{
	char buf[64], again[64], day[32];
	int64_t t, back, start, end;
	int ymd;

	if (mi_time_parse(s, &t) == 0) {
		/* What is printed reads back as the instant it names. */
		mi_time_format(t, buf, sizeof(buf));
		FUZZ_CHECK(mi_time_parse(buf, &back) == 0, "'%s' -> %lld -> '%s' unparseable",
		    s, (long long)t, buf);
		/* The same instant, or, where clocks went back, one the clock showed the same. */
		mi_time_format(back, again, sizeof(again));
		FUZZ_CHECK(back == t || (strcmp(again, buf) == 0 && llabs(back - t) <= 3 * 3600),
		    "'%s' -> %lld -> '%s' -> %lld -> '%s'", s, (long long)t, buf, (long long)back, again);
		/* The county's zone has had no clock change since 1991: its times print as read. */
		if (county && canonical(s) && strncmp(s, "1992", 4) >= 0)
			FUZZ_CHECK(strcmp(buf, s) == 0, "'%s' prints as '%s'", s, buf);
		ymd = mi_ymd_of(t);
		FUZZ_CHECK(mi_ymd_valid(ymd), "'%s': date %d", s, ymd);
		mi_date_format(t, day, sizeof(day));
		FUZZ_CHECK(strncmp(day, buf, 10) == 0, "'%s': date '%s' time '%s'", s, day, buf);
	}
	if (mi_month_parse(s, &start, &end) == 0) {
		/* Zones changed their offset in the past (Shanghai's LMT was +8:05:43): an hour's slack. */
		FUZZ_CHECK(start < end && end - start >= 28 * 86400 - 3600 &&
		    end - start <= 31 * 86400 + 3600,
		    "month '%s': [%lld, %lld)", s, (long long)start, (long long)end);
		FUZZ_CHECK(mi_ymd_of(start) % 100 == 1, "month '%s' starts on %d", s, mi_ymd_of(start));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *line, *save;
	int county;

	if (size < 1)
		return 0;
	zone(data[0]);
	county = data[0] % 4 == 0;
	s = fuzz_str(data + 1, size - 1);
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		one(line, county);
	free(s);
	return 0;
}
