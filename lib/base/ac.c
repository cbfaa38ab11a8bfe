/*
 * ac.c - Aho-Corasick multi-pattern matching over bytes.
 *
 * Patterns and texts are bytes; UTF-8 needs nothing special because a
 * valid UTF-8 pattern can only match a valid UTF-8 text at a character
 * boundary. The trie is built breadth-first from the sorted patterns, so
 * a node's children get consecutive ids in byte order: a node stores only
 * its first child and how many, and its edge labels are a sorted run of
 * bytes in one array. The root, where a scan spends most of its time on
 * text that matches nothing, gets a full 256-entry table instead; and an
 * automaton of up to DENSE_MAX nodes (the built-in rules make a few
 * thousand) gets the full table of transitions, failures folded in, so a
 * scan costs one lookup a byte.
 *
 * Every mi_ac_add is one pattern: the same bytes added twice (with the same
 * value or not) are reported twice. Empty patterns are ignored. At one end
 * offset, longer matches come first; equal patterns in the order added.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

#define ROOT 0
/* Above this many children a binary search beats a linear scan. */
#define LINEAR_MAX 8
/* The most nodes that get a full transition table (1 KiB a node). */
#define DENSE_MAX 8192

/* What the scan loop touches for every byte, kept small for the cache. */
struct node {
	uint32_t first;        /* id of the first child */
	uint32_t fail;         /* longest proper suffix that is a trie node */
	uint32_t hit;          /* first node with outputs on the suffix chain (self included), or ROOT */
	uint16_t nchild;
};

struct pat {
	size_t off, len;       /* in the pattern arena */
	const char *s;         /* into the arena, set for the sort (adds move it) */
	int value;
	size_t seq;            /* order added, to break ties in the sort */
};

struct mi_ac {
	mi_buf bytes;          /* every pattern, back to back */
	struct pat *pat;
	size_t npat, cappat;

	int built;
	struct node *node;
	unsigned char *label;  /* label[v]: the byte on the edge into v */
	uint32_t *depth;       /* depth[v]: length of the string v spells */
	uint32_t *dict;        /* next node with outputs on v's suffix chain, or ROOT */
	uint32_t *out;         /* outputs of v: value[out[v] .. out[v] + nout[v]) */
	uint32_t *nout;
	int *value;            /* pattern values in sorted pattern order */
	size_t nnode, capnode;
	uint32_t *dense;       /* dense[v * 256 + c]: the next state; NULL when too big */
	uint32_t root[256];
};

mi_ac *
mi_ac_new(void)
{
	return mi_xcalloc(1, sizeof(mi_ac));
}

void
mi_ac_add(mi_ac *a, const char *p, size_t len, int value)
{
	struct pat *t;

	if (len == 0)
		return;
	if (a->npat == a->cappat) {
		a->cappat = a->cappat ? a->cappat * 2 : 64;
		a->pat = mi_xrealloc(a->pat, a->cappat * sizeof(*a->pat));
	}
	t = &a->pat[a->npat];
	t->off = a->bytes.len;
	t->len = len;
	t->value = value;
	t->seq = a->npat++;
	mi_buf_add(&a->bytes, p, len);
	/* Patterns added after a build take effect at the next build. */
}

static int
cmp_pat(const void *x, const void *y)
{
	const struct pat *p = x, *q = y;
	size_t n = p->len < q->len ? p->len : q->len;
	int c = memcmp(p->s, q->s, n);

	if (c != 0)
		return c;
	if (p->len != q->len)
		return p->len < q->len ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static void
free_automaton(mi_ac *a)
{
	free(a->node);
	free(a->label);
	free(a->depth);
	free(a->dict);
	free(a->out);
	free(a->nout);
	free(a->value);
	free(a->dense);
	a->dense = NULL;
	a->node = NULL;
	a->label = NULL;
	a->depth = a->dict = a->out = a->nout = NULL;
	a->value = NULL;
	a->nnode = a->capnode = 0;
	a->built = 0;
}

static uint32_t
new_node(mi_ac *a, unsigned char label, uint32_t depth)
{
	size_t v = a->nnode;

	if (v == a->capnode) {
		a->capnode = a->capnode ? a->capnode * 2 : 256;
		a->node = mi_xrealloc(a->node, a->capnode * sizeof(*a->node));
		a->label = mi_xrealloc(a->label, a->capnode);
		a->depth = mi_xrealloc(a->depth, a->capnode * sizeof(*a->depth));
		a->dict = mi_xrealloc(a->dict, a->capnode * sizeof(*a->dict));
		a->out = mi_xrealloc(a->out, a->capnode * sizeof(*a->out));
		a->nout = mi_xrealloc(a->nout, a->capnode * sizeof(*a->nout));
	}
	if (v > UINT32_MAX - 1)
		abort();   /* four billion trie nodes: out of memory long before */
	memset(&a->node[v], 0, sizeof(a->node[v]));
	a->label[v] = label;
	a->depth[v] = depth;
	a->dict[v] = ROOT;
	a->out[v] = 0;
	a->nout[v] = 0;
	a->nnode++;
	return (uint32_t)v;
}

/*
 * Builds the trie breadth-first. Node v stands for the sorted patterns
 * [lo[v], hi[v]) that share its prefix; those exactly as long as the
 * prefix sort first and are v's outputs, and the rest split into children
 * by their next byte, in byte order.
 */
static void
build_trie(mi_ac *a)
{
	const unsigned char *b = (const unsigned char *)mi_buf_str(&a->bytes);
	size_t *lo = NULL, *hi = NULL, cap = 0, v, i, j, d;
	unsigned char c;
	uint32_t u;

	new_node(a, 0, 0);
	for (v = 0; v < a->nnode; v++) {
		if (cap < a->capnode) {
			cap = a->capnode;
			lo = mi_xrealloc(lo, cap * sizeof(*lo));
			hi = mi_xrealloc(hi, cap * sizeof(*hi));
		}
		if (v == ROOT) {
			lo[v] = 0;
			hi[v] = a->npat;
		}
		d = a->depth[v];
		i = lo[v];
		a->out[v] = (uint32_t)i;
		while (i < hi[v] && a->pat[i].len == d)
			i++;
		a->nout[v] = (uint32_t)(i - lo[v]);
		a->node[v].first = (uint32_t)a->nnode;
		while (i < hi[v]) {
			c = b[a->pat[i].off + d];
			for (j = i + 1; j < hi[v] && b[a->pat[j].off + d] == c; j++)
				;
			u = new_node(a, c, (uint32_t)d + 1);
			if (cap < a->capnode) {
				cap = a->capnode;
				lo = mi_xrealloc(lo, cap * sizeof(*lo));
				hi = mi_xrealloc(hi, cap * sizeof(*hi));
			}
			lo[u] = i;
			hi[u] = j;
			a->node[v].nchild++;
			i = j;
		}
	}
	free(lo);
	free(hi);
}

static uint32_t
child(const mi_ac *a, uint32_t v, unsigned char c)
{
	const struct node *n = &a->node[v];
	const unsigned char *l = a->label + n->first;
	size_t lo = 0, hi = n->nchild, mid;

	if (hi <= LINEAR_MAX) {
		for (; lo < hi; lo++)
			if (l[lo] == c)
				return n->first + (uint32_t)lo;
		return ROOT;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n->nchild && l[lo] == c ? n->first + (uint32_t)lo : ROOT;
}

/* Ids are breadth-first, so a node's failure target is always settled before it. */
static void
build_links(mi_ac *a)
{
	uint32_t v, u, f, t = ROOT;
	struct node *root = &a->node[ROOT];
	size_t c;

	for (c = 0; c < 256; c++)
		a->root[c] = ROOT;
	for (v = root->first; v < root->first + root->nchild; v++)
		a->root[a->label[v]] = v;
	for (u = 0; u < a->nnode; u++) {
		for (v = a->node[u].first; v < a->node[u].first + a->node[u].nchild; v++) {
			if (u == ROOT) {
				a->node[v].fail = ROOT;
			} else {
				f = a->node[u].fail;
				while (f != ROOT && (t = child(a, f, a->label[v])) == ROOT)
					f = a->node[f].fail;
				a->node[v].fail = f == ROOT ? a->root[a->label[v]] : t;
			}
			f = a->node[v].fail;
			a->dict[v] = a->nout[f] > 0 ? f : a->dict[f];
			a->node[v].hit = a->nout[v] > 0 ? v : a->dict[v];
		}
	}
}

/* Every state's move on every byte; ids are breadth-first, so a node's
 * failure target's row is complete before the node's own. */
static void
build_dense(mi_ac *a)
{
	uint32_t v, u, *row;

	if (a->nnode > DENSE_MAX)
		return;
	a->dense = mi_xmalloc(a->nnode * 256 * sizeof(*a->dense));
	memcpy(a->dense, a->root, sizeof(a->root));
	for (v = 1; v < a->nnode; v++) {
		row = a->dense + (size_t)v * 256;
		memcpy(row, a->dense + (size_t)a->node[v].fail * 256, 256 * sizeof(*row));
		for (u = a->node[v].first; u < a->node[v].first + a->node[v].nchild; u++)
			row[a->label[u]] = u;
	}
}

void
mi_ac_build(mi_ac *a)
{
	size_t i;

	free_automaton(a);
	for (i = 0; i < a->npat; i++)
		a->pat[i].s = mi_buf_str(&a->bytes) + a->pat[i].off;
	mi_sort(a->pat, a->npat, sizeof(*a->pat), cmp_pat);
	a->value = mi_xmalloc((a->npat ? a->npat : 1) * sizeof(*a->value));
	for (i = 0; i < a->npat; i++)
		a->value[i] = a->pat[i].value;
	build_trie(a);
	build_links(a);
	build_dense(a);
	a->built = 1;
}

static int
report(const mi_ac *a, uint32_t v, size_t end,
    int (*fn)(int, size_t, size_t, void *), void *arg)
{
	uint32_t i;
	int rc;

	for (; v != ROOT; v = a->dict[v]) {
		for (i = 0; i < a->nout[v]; i++) {
			rc = fn(a->value[a->out[v] + i], end - a->depth[v], end, arg);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

int
mi_ac_scan(const mi_ac *a, const char *text, size_t n,
    int (*fn)(int value, size_t start, size_t end, void *arg), void *arg)
{
	const unsigned char *p = (const unsigned char *)text;
	const struct node *node = a->node;
	uint32_t s = ROOT, t = ROOT;
	size_t i;
	int rc;

	if (!a->built || a->npat == 0)
		return 0;
	if (a->dense) {
		for (i = 0; i < n; i++) {
			s = a->dense[(size_t)s * 256 + p[i]];
			if (node[s].hit != ROOT && (rc = report(a, node[s].hit, i + 1, fn, arg)) != 0)
				return rc;
		}
		return 0;
	}
	for (i = 0; i < n; i++) {
		while (s != ROOT && (t = child(a, s, p[i])) == ROOT)
			s = node[s].fail;
		s = s == ROOT ? a->root[p[i]] : t;
		if (node[s].hit != ROOT && (rc = report(a, node[s].hit, i + 1, fn, arg)) != 0)
			return rc;
	}
	return 0;
}

size_t
mi_ac_states(const mi_ac *a)
{
	return a->nnode;
}

int
mi_ac_dense(const mi_ac *a)
{
	return a->dense != NULL;
}

void
mi_ac_free(mi_ac *a)
{
	if (a == NULL)
		return;
	free_automaton(a);
	free(a->pat);
	mi_buf_release(&a->bytes);
	free(a);
}
