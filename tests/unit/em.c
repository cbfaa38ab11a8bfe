/* Unit tests for lib/base/em.c: EM recovers planted m and u. */
#include <math.h>
#include <stdlib.h>

#include "base/base.h"
#include "tap.h"

#define NFEAT 4

/* The planted truth. Feature 0 (a phone: agree, disagree), 1 (a place:
 * room, building, differs), 2 (a text in four bins, the most similar
 * first), 3 (a label that true and chance pairs share alike). */
static const int nlev[NFEAT] = { 2, 3, 4, 2 };
static const double true_m[] = { 0.90, 0.10, 0.60, 0.30, 0.10, 0.50, 0.30, 0.15, 0.05,
	0.80, 0.20 };
static const double true_u[] = { 0.02, 0.98, 0.05, 0.15, 0.80, 0.02, 0.08, 0.30, 0.60,
	0.80, 0.20 };
static const double true_prior = 0.08;
/* Of each feature, the share of pairs where a side lacks the value. */
static const double missing[NFEAT] = { 0.30, 0.10, 0.00, 0.05 };

static uint64_t seed = 88172645463325252ULL;

static double
uniform(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (double)(seed >> 11) / 9007199254740992.0;
}

static int
draw(const double *prob, int n)
{
	double x = uniform(), acc = 0;
	int l;

	for (l = 0; l < n - 1; l++) {
		acc += prob[l];
		if (x < acc)
			return l;
	}
	return n - 1;
}

/* Patterns: every combination of levels and missing, as an index. */
#define NPAT (3 * 4 * 5 * 3)

static void
index_to_pat(int i, uint8_t *p)
{
	int f, r;

	for (f = 0; f < NFEAT; f++) {
		r = i % (nlev[f] + 1);
		i /= nlev[f] + 1;
		p[f] = r == nlev[f] ? MI_EM_MISSING : (uint8_t)r;
	}
}

static int
pat_to_index(const uint8_t *p)
{
	int f, i = 0, mul = 1;

	for (f = 0; f < NFEAT; f++) {
		i += (p[f] == MI_EM_MISSING ? nlev[f] : p[f]) * mul;
		mul *= nlev[f] + 1;
	}
	return i;
}

static double
max_gap(const double *a, const double *b, size_t n)
{
	double g = 0;
	size_t k;

	for (k = 0; k < n; k++)
		g = fmax(g, fabs(a[k] - b[k]));
	return g;
}

static void
planted(void)
{
	uint8_t pat[NPAT * NFEAT], one[NFEAT];
	double count[NPAT], m[11], u[11], prior = 0.5;
	size_t n = mi_em_levels(NFEAT, nlev), off;
	long pairs = 200000, i;
	int f, k, it, match;

	is_int(n, 11, "eleven levels in all");
	memset(count, 0, sizeof(count));
	for (k = 0; k < NPAT; k++)
		index_to_pat(k, pat + k * NFEAT);
	for (i = 0; i < pairs; i++) {
		match = uniform() < true_prior;
		for (f = 0, off = 0; f < NFEAT; off += (size_t)nlev[f], f++)
			one[f] = uniform() < missing[f] ? MI_EM_MISSING :
			    (uint8_t)draw((match ? true_m : true_u) + off, nlev[f]);
		count[pat_to_index(one)] += 1;
	}
	/* A start that knows only which end of each scale is the agreeing one. */
	for (f = 0, off = 0; f < NFEAT; off += (size_t)nlev[f], f++)
		for (k = 0; k < nlev[f]; k++) {
			m[off + (size_t)k] = (double)(nlev[f] - k) / (nlev[f] * (nlev[f] + 1) / 2.0);
			u[off + (size_t)k] = 1.0 / nlev[f];
		}
	it = mi_em_fit(pat, count, NPAT, NFEAT, nlev, 1, m, u, &prior, 1000, 1e-7);
	ok(it > 1 && it < 1000, "converges (%d iterations)", it);
	ok(max_gap(m, true_m, n) < 0.05, "m within 0.05 of the planted (gap %.4f)",
	    max_gap(m, true_m, n));
	ok(max_gap(u, true_u, n) < 0.05, "u within 0.05 of the planted (gap %.4f)",
	    max_gap(u, true_u, n));
	ok(fabs(prior - true_prior) < 0.01, "the share of matches %.4f near %.2f", prior,
	    true_prior);
	/* The label both classes share alike: its agreement weighs next to nothing. */
	ok(fabs(log2(m[9] / u[9])) < 0.2, "a shared label's weight %.3f is near 0",
	    log2(m[9] / u[9]));
	ok(log2(m[0] / u[0]) > 4, "a phone agreeing weighs %.2f", log2(m[0] / u[0]));
}

/* One M step by hand: two patterns of one feature of two levels. */
static void
by_hand(void)
{
	static const int nl[1] = { 2 };
	uint8_t pat[3] = { 0, 1, MI_EM_MISSING };
	double count[3] = { 30, 70, 100 }, p[3] = { 0.9, 0.1, 0.5 }, m[2], u[2], prior;

	mi_em_mstep(pat, count, p, 3, 1, nl, 1, m, u, &prior);
	/* matches: 30*0.9 + 70*0.1 + 100*0.5 = 84 of 200; level 0 holds 27 of the
	 * 34 match-weight with a value, level 1 7; chance: 3 and 63 of 66, one
	 * pseudo-pair more each: u = 4/68, 64/68; m drawn toward u by 10
	 * pseudo-pairs: (27 + 10 * 4/68) / 44 */
	ok(fabs(prior - 0.42) < 1e-9, "prior 84/200 (%.6f)", prior);
	ok(fabs(m[0] - (27 + 10 * 4.0 / 68) / 44) < 1e-9, "m of level 0: 0.6270 (%.6f)", m[0]);
	ok(fabs(u[1] - 64.0 / 68) < 1e-9, "u of level 1: 64/68 (%.6f)", u[1]);
	mi_em_estep(pat, 3, 1, nl, m, u, prior, p);
	ok(fabs(p[2] - 0.42) < 1e-9, "a pattern with nothing compared keeps the prior (%.6f)",
	    p[2]);
	/* level 1: m = (7 + 10 * 64/68) / 44 = 0.37299; odds (0.42 / 0.58) * 0.37299
	 * / (64/68) = 0.28698: p 0.2230 */
	ok(fabs(p[1] - 0.2230) < 1e-4, "level 1 lowers it to 0.2230 (%.6f)", p[1]);
	/* level 0: odds (0.42 / 0.58) * 0.62701 / (4/68) = 7.7186: p 0.8853 */
	ok(fabs(p[0] - 0.8853) < 1e-4, "level 0 raises it to 0.8853 (%.6f)", p[0]);
}

/* A share of matches capped: one true pair a record at most. */
static void
capped(void)
{
	static const int nl[1] = { 2 };
	uint8_t pat[2] = { 0, 1 };
	double count[2] = { 50, 50 }, p[2] = { 0.9, 0.9 }, m[2], u[2], prior;

	mi_em_mstep(pat, count, p, 2, 1, nl, 0.25, m, u, &prior);
	ok(fabs(prior - 0.25) < 1e-12, "the share 0.9 is held to the cap 0.25 (%.4f)", prior);
	/* No true pair at all: m is u, and every level weighs nothing. */
	p[0] = p[1] = 0;
	count[0] = 30;
	count[1] = 90;
	mi_em_mstep(pat, count, p, 2, 1, nl, 1, m, u, &prior);
	ok(fabs(m[0] - u[0]) < 1e-12 && fabs(u[0] - 31.0 / 122) < 1e-12,
	    "without true pairs m is u: %.4f %.4f", m[0], u[0]);
}

int
main(void)
{
	planted();
	by_hand();
	capped();
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
