/* time.c - fuzzes mi_time_parse and mi_month_parse. */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tz();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), buf[64], day[32];
	int64_t t, back, start, end;
	int ymd;

	if (mi_time_parse(s, &t) == 0) {
		/* What is printed reads back as the same instant. */
		mi_time_format(t, buf, sizeof(buf));
		FUZZ_CHECK(mi_time_parse(buf, &back) == 0, "'%s' -> %lld -> '%s' unparseable",
		    s, (long long)t, buf);
		FUZZ_CHECK(back == t, "'%s' -> %lld -> '%s' -> %lld", s, (long long)t, buf,
		    (long long)back);
		ymd = mi_ymd_of(t);
		FUZZ_CHECK(mi_ymd_valid(ymd), "'%s': date %d", s, ymd);
		mi_date_format(t, day, sizeof(day));
		FUZZ_CHECK(strncmp(day, buf, 10) == 0, "'%s': date '%s' time '%s'", s, day, buf);
	}
	if (mi_month_parse(s, &start, &end) == 0) {
		FUZZ_CHECK(start < end && end - start >= 28 * 86400 && end - start <= 31 * 86400,
		    "month '%s': [%lld, %lld)", s, (long long)start, (long long)end);
		FUZZ_CHECK(mi_ymd_of(start) % 100 == 1, "month '%s' starts on %d", s, mi_ymd_of(start));
	}
	free(s);
	return 0;
}
