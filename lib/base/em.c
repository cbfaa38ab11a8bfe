/* em.c - the m and u probabilities of record linkage, by expectation-maximisation.
 *
 * Each candidate pair is compared on a few features, each giving one level
 * of a small set (or none, when a side lacks the value). Fellegi and Sunter
 * score a pair by how much likelier its levels are among true pairs (m)
 * than among chance ones (u), the features taken as independent given the
 * class. No pair is labelled: the classes are latent, and EM alternates
 * between each pair's probability of being a match given m, u and the
 * share of matches (E), and m, u and that share given those probabilities
 * (M). Pairs with the same levels are one pattern with a count, so a run
 * costs the distinct patterns, not the pairs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* One pseudo-pair per level of the chance pairs: keeps a level that none
 * showed from a probability of 0 (an infinite weight), and a level that a
 * handful showed from a weight as strong as one thousands showed. */
#define SMOOTH 1.0
/* The true pairs' levels are drawn toward the chance pairs' by this many
 * pseudo-pairs: where the true pairs say nothing of a level (there are
 * none, or none show it), it weighs nothing, rather than what the
 * smoothing alone would make of it. */
#define SHRINK 10.0

size_t
mi_em_levels(int nfeat, const int *nlev)
{
	size_t n = 0;
	int f;

	for (f = 0; f < nfeat; f++)
		n += (size_t)nlev[f];
	return n;
}

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

void
mi_em_mstep(const uint8_t *pat, const double *count, const double *p, size_t npat, int nfeat,
    const int *nlev, double max_prior, double *m, double *u, double *prior)
{
	size_t n = mi_em_levels(nfeat, nlev), i, off;
	double *sm = mi_xcalloc(n, sizeof(double)), *su = mi_xcalloc(n, sizeof(double));
	double total = 0, matches = 0, tm, tu;
	int f, l;

	for (i = 0; i < npat; i++) {
		total += count[i];
		matches += count[i] * p[i];
		for (f = 0, off = 0; f < nfeat; off += (size_t)nlev[f], f++) {
			l = pat[i * (size_t)nfeat + (size_t)f];
			if (l == MI_EM_MISSING || l >= nlev[f])
				continue;
			sm[off + (size_t)l] += count[i] * p[i];
			su[off + (size_t)l] += count[i] * (1 - p[i]);
		}
	}
	for (f = 0, off = 0; f < nfeat; off += (size_t)nlev[f], f++) {
		tm = SHRINK;
		tu = 0;
		for (l = 0; l < nlev[f]; l++) {
			tm += sm[off + (size_t)l];
			tu += su[off + (size_t)l] + SMOOTH;
		}
		for (l = 0; l < nlev[f]; l++) {
			u[off + (size_t)l] = (su[off + (size_t)l] + SMOOTH) / tu;
			m[off + (size_t)l] = (sm[off + (size_t)l] + SHRINK * u[off + (size_t)l]) / tm;
		}
	}
	*prior = clamp(total > 0 ? matches / total : 0.5, 1e-9, fmin(max_prior, 1 - 1e-9));
	free(sm);
	free(su);
}

void
mi_em_estep(const uint8_t *pat, size_t npat, int nfeat, const int *nlev, const double *m,
    const double *u, double prior, double *p)
{
	double base = log(prior / (1 - prior)), lo;
	size_t i, off;
	int f, l;

	for (i = 0; i < npat; i++) {
		lo = base;
		for (f = 0, off = 0; f < nfeat; off += (size_t)nlev[f], f++) {
			l = pat[i * (size_t)nfeat + (size_t)f];
			if (l == MI_EM_MISSING || l >= nlev[f])
				continue;
			lo += log(m[off + (size_t)l] / u[off + (size_t)l]);
		}
		p[i] = 1 / (1 + exp(-clamp(lo, -700, 700)));
	}
}

int
mi_em_fit(const uint8_t *pat, const double *count, size_t npat, int nfeat, const int *nlev,
    double max_prior, double *m, double *u, double *prior, int maxit, double tol)
{
	size_t n = mi_em_levels(nfeat, nlev), k;
	double *p = mi_xmalloc((npat ? npat : 1) * sizeof(double));
	double *om = mi_xmalloc(n * sizeof(double)), *ou = mi_xmalloc(n * sizeof(double));
	double moved;
	int it;

	for (it = 0; it < maxit; it++) {
		memcpy(om, m, n * sizeof(double));
		memcpy(ou, u, n * sizeof(double));
		mi_em_estep(pat, npat, nfeat, nlev, m, u, *prior, p);
		mi_em_mstep(pat, count, p, npat, nfeat, nlev, max_prior, m, u, prior);
		moved = 0;
		for (k = 0; k < n; k++) {
			moved = fmax(moved, fabs(m[k] - om[k]));
			moved = fmax(moved, fabs(u[k] - ou[k]));
		}
		if (moved < tol) {
			it++;
			break;
		}
	}
	free(p);
	free(om);
	free(ou);
	return it;
}
