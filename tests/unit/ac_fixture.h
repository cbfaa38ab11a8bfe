/*
 * ac_fixture.h - what the ac_*.c unit tests share: the matches a scan
 * reports, collected in order. Include it after minyi.h and tap.h.
 */
#ifndef MINYI_AC_FIXTURE_H
#define MINYI_AC_FIXTURE_H

#include <stdlib.h>

struct hit {
	int value;
	size_t start, end;
};

struct hits {
	struct hit *h;
	size_t n, cap;
	size_t stop_after;     /* non-zero: ask the scan to stop after this many */
};

static inline int
collect(int value, size_t start, size_t end, void *arg)
{
	struct hits *hs = arg;

	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? hs->cap * 2 : 16;
		hs->h = realloc(hs->h, hs->cap * sizeof(*hs->h));
	}
	hs->h[hs->n].value = value;
	hs->h[hs->n].start = start;
	hs->h[hs->n].end = end;
	hs->n++;
	return hs->stop_after && hs->n == hs->stop_after ? 42 : 0;
}

#endif
