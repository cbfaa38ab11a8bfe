/* Unit tests for lib/verbs/score.c: how a score's figures are spelt, a
 * percentage and hundredths of a point with and without their sign. */
#include "verbs/verbs.h"
#include "verbs/score.h"
#include "tap.h"

int
main(void)
{
	static const struct {
		long long h;
		int sign;
		const char *want;
	} t[] = {
		{ 0, 0, "0.00" }, { 0, 1, "0.00" }, { 5, 1, "+0.05" }, { 5, 0, "0.05" }, { -5, 1, "-0.05" },
		{ -5, 0, "-0.05" }, { 100, 1, "+1.00" }, { -105, 0, "-1.05" }, { 12345, 0, "123.45" },
		{ -1, 1, "-0.01" }, { 1, 1, "+0.01" }, { 199, 0, "1.99" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		is_str(mi_score_hundredths(buf, sizeof(buf), t[i].h, t[i].sign), t[i].want, "%lld hundredths%s",
		    t[i].h, t[i].sign ? ", signed" : "");
	is_str(mi_score_pct(buf, sizeof(buf), 1, 3, "%"), "33.3%", "a third");
	is_str(mi_score_pct(buf, sizeof(buf), 2, 3, ""), "66.7", "two thirds, rounded, no unit");
	is_str(mi_score_pct(buf, sizeof(buf), 0, 7, "%"), "0.0%", "none of seven");
	is_str(mi_score_pct(buf, sizeof(buf), 7, 7, "%"), "100.0%", "all");
	ok(mi_score_pct(buf, sizeof(buf), 0, 0, "%") == NULL, "no cases: no rate");
	return done_testing();
}
