/* Unit tests for lib/base/ac.c: random patterns checked against a naive strstr
 * scan, with the full transition table and without. */
#include "base/base.h"
#include "tap.h"
#include "ac_fixture.h"

static int
cmp_hit(const void *x, const void *y)
{
	const struct hit *p = x, *q = y;

	if (p->end != q->end)
		return p->end < q->end ? -1 : 1;
	if (p->start != q->start)
		return p->start < q->start ? -1 : 1;
	return (p->value > q->value) - (p->value < q->value);
}

/* A small alphabet, ASCII and Chinese, so patterns overlap and repeat a lot. */
static const char *const alpha[] = { "a", "b", "c", "垃", "圾", "分", "类", "停" };

static char *
random_string(size_t minc, size_t maxc)
{
	mi_buf b = MI_BUF_INIT;
	size_t n = minc + (size_t)rand() % (maxc - minc + 1), i;

	for (i = 0; i < n; i++)
		mi_buf_puts(&b, alpha[rand() % (int)(sizeof(alpha) / sizeof(alpha[0]))]);
	return mi_buf_detach(&b);
}

static void
naive(char *const *pats, size_t np, const char *text, struct hits *hs)
{
	const char *p;
	size_t i;

	for (i = 0; i < np; i++)
		for (p = text; (p = strstr(p, pats[i])) != NULL; p++)
			collect((int)i, (size_t)(p - text), (size_t)(p - text) + strlen(pats[i]), hs);
}

/* npat random patterns against strstr; dense: whether the automaton is
 * small enough for the full transition table (both ways are tested). */
static void
test_random(size_t npat, int dense)
{
	enum { NTEXT = 300 };
	const size_t NPAT = npat;
	char **pats = malloc(NPAT * sizeof(*pats));
	mi_ac *a = mi_ac_new();
	struct hits got = { NULL, 0, 0, 0 }, want = { NULL, 0, 0, 0 };
	size_t i, bad = 0, total = 0, order_bad = 0, k;
	char *text;

	srand(12345);
	for (i = 0; i < NPAT; i++) {
		/* Short ones too, so many patterns are suffixes of others. */
		pats[i] = random_string(1, i % 3 == 0 ? 3 : 8);
		mi_ac_add(a, pats[i], strlen(pats[i]), (int)i);
	}
	mi_ac_build(a);
	is_int(mi_ac_dense(a), dense, "%zu patterns, %zu states: %s table", NPAT, mi_ac_states(a),
	    dense ? "a full" : "no full");
	for (k = 0; k < NTEXT; k++) {
		text = random_string(0, 120);
		got.n = want.n = 0;
		mi_ac_scan(a, text, strlen(text), collect, &got);
		naive(pats, NPAT, text, &want);
		for (i = 1; i < got.n; i++)
			if (got.h[i].end < got.h[i - 1].end ||
			    (got.h[i].end == got.h[i - 1].end && got.h[i].start < got.h[i - 1].start))
				order_bad++;
		qsort(got.h, got.n, sizeof(*got.h), cmp_hit);
		qsort(want.h, want.n, sizeof(*want.h), cmp_hit);
		if (got.n != want.n)
			bad++;
		else
			for (i = 0; i < got.n; i++)
				if (cmp_hit(&got.h[i], &want.h[i]) != 0) {
					bad++;
					break;
				}
		total += want.n;
		free(text);
	}
	is_int(bad, 0, "%zu random patterns agree with strstr on %d texts", NPAT, NTEXT);
	ok(total > 1000, "and the texts held many matches (%zu)", total);
	is_int(order_bad, 0, "matches come by end offset, longer first");
	free(got.h);
	free(want.h);
	for (i = 0; i < NPAT; i++)
		free(pats[i]);
	free(pats);
	mi_ac_free(a);
}

int
main(void)
{
	test_random(5000, 0);
	test_random(300, 1);
	return done_testing();
}
