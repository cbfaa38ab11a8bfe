/* sha256.c - SHA-256 as FIPS 180-4 defines it (section 6.2), and HMAC over it
 * (RFC 2104). */
#include <stdio.h>
#include <string.h>

#include "base/base.h"

/* The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) (((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

static uint32_t
load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
store_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

/*
 * The same compression with the CPU's SHA instructions, where it has them:
 * the audit trail hashes every event, and in a bulk import that was a
 * tenth of the time. Four rounds a step; the message schedule is computed
 * as it goes (msg1 for sigma0 and the word 16 back, plus the word 7 back,
 * then msg2 for sigma1).
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void
block_ni(uint32_t h[8], const unsigned char *m)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i s0, s1, t, w[4], msg, abef, cdgh;
	int j;

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);
	s0 = _mm_alignr_epi8(t, s1, 8);
	s1 = _mm_blend_epi16(s1, t, 0xF0);
	abef = s0;
	cdgh = s1;
	for (j = 0; j < 16; j++) {
		if (j < 4)
			w[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(m + 16 * j)), swap);
		else
			w[j & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(
			    _mm_sha256msg1_epu32(w[j & 3], w[(j - 3) & 3]),
			    _mm_alignr_epi8(w[(j - 1) & 3], w[(j - 2) & 3], 4)), w[(j - 1) & 3]);
		msg = _mm_add_epi32(w[j & 3], _mm_loadu_si128((const __m128i *)&K[4 * j]));
		s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
		msg = _mm_shuffle_epi32(msg, 0x0E);
		s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
	}
	s0 = _mm_add_epi32(s0, abef);
	s1 = _mm_add_epi32(s1, cdgh);
	t = _mm_shuffle_epi32(s0, 0x1B);
	s1 = _mm_shuffle_epi32(s1, 0xB1);
	s0 = _mm_blend_epi16(t, s1, 0xF0);
	s1 = _mm_alignr_epi8(s1, t, 8);
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}

static int
have_sha_ni(void)
{
	static int known = -1;
	unsigned a, b, c, d;

	if (known < 0) {
		known = 0;
		if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) && (c & bit_SSSE3) &&
		    __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29)))
			known = 1;
	}
	return known;
}
#define FAST(h, m) (have_sha_ni() ? (block_ni(h, m), 1) : 0)
#else
#define FAST(h, m) 0
#endif

static void
block(uint32_t h[8], const unsigned char *m)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int t;

	if (FAST(h, m))
		return;
	for (t = 0; t < 16; t++)
		w[t] = load_be32(m + 4 * t);
	for (; t < 64; t++)
		w[t] = SSIG1(w[t - 2]) + w[t - 7] + SSIG0(w[t - 15]) + w[t - 16];
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (t = 0; t < 64; t++) {
		t1 = hh + BSIG1(e) + CH(e, f, g) + K[t] + w[t];
		t2 = BSIG0(a) + MAJ(a, b, c);
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

void
mi_sha256_init(mi_sha256_ctx *c)
{
	/* The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->used = 0;
}

void
mi_sha256_update(mi_sha256_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t take;

	c->len += n;
	if (c->used > 0) {
		take = 64 - c->used;
		if (take > n)
			take = n;
		memcpy(c->buf + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used < 64)
			return;
		block(c->h, c->buf);
		c->used = 0;
	}
	/* Whole blocks straight from the caller's memory, no copy. */
	for (; n >= 64; p += 64, n -= 64)
		block(c->h, p);
	if (n > 0) {
		memcpy(c->buf, p, n);
		c->used = n;
	}
}

void
mi_sha256_final(mi_sha256_ctx *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	int i;

	/* Padding: a 1 bit, zeros up to 56 mod 64, then the length in bits. */
	c->buf[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->buf + c->used, 0, 64 - c->used);
		block(c->h, c->buf);
		c->used = 0;
	}
	memset(c->buf + c->used, 0, 56 - c->used);
	store_be32(c->buf + 56, (uint32_t)(bits >> 32));
	store_be32(c->buf + 60, (uint32_t)bits);
	block(c->h, c->buf);
	for (i = 0; i < 8; i++)
		store_be32(out + 4 * i, c->h[i]);
	/* Leave no trace of the message in the caller's memory. */
	memset(c, 0, sizeof(*c));
}

void
mi_sha256(const void *data, size_t n, unsigned char out[32])
{
	mi_sha256_ctx c;

	mi_sha256_init(&c);
	mi_sha256_update(&c, data, n);
	mi_sha256_final(&c, out);
}

void
mi_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 0x0f];
	}
	hex[2 * n] = '\0';
}

void
mi_sha256_hex(const void *data, size_t n, char hex[65])
{
	unsigned char md[32];

	mi_sha256(data, n, md);
	mi_hex(md, sizeof(md), hex);
}

int
mi_sha256_file(const char *path, char hex[65])
{
	unsigned char buf[65536], md[32];
	mi_sha256_ctx h;
	size_t n;
	FILE *f;
	int bad;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	mi_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		mi_sha256_update(&h, buf, n);
	bad = ferror(f);
	fclose(f);
	if (bad)
		return -1;
	mi_sha256_final(&h, md);
	mi_hex(md, sizeof(md), hex);
	return 0;
}

void
mi_hmac_init(mi_hmac *k, const void *key, size_t n)
{
	unsigned char block[64], pad[64];
	int i;

	/* A key longer than a block is replaced by its hash; a shorter one is
	 * padded with zeros. */
	memset(block, 0, sizeof(block));
	if (n > sizeof(block))
		mi_sha256(key, n, block);
	else if (n > 0)
		memcpy(block, key, n);
	for (i = 0; i < 64; i++)
		pad[i] = block[i] ^ 0x36;
	mi_sha256_init(&k->inner);
	mi_sha256_update(&k->inner, pad, sizeof(pad));
	for (i = 0; i < 64; i++)
		pad[i] = block[i] ^ 0x5c;
	mi_sha256_init(&k->outer);
	mi_sha256_update(&k->outer, pad, sizeof(pad));
	memset(block, 0, sizeof(block));
	memset(pad, 0, sizeof(pad));
}

void
mi_hmac_start(const mi_hmac *k, mi_sha256_ctx *h)
{
	*h = k->inner;
}

void
mi_hmac_final(const mi_hmac *k, mi_sha256_ctx *h, unsigned char out[32])
{
	mi_sha256_ctx o = k->outer;
	unsigned char in[32];

	mi_sha256_final(h, in);
	mi_sha256_update(&o, in, sizeof(in));
	mi_sha256_final(&o, out);
	memset(in, 0, sizeof(in));
}

void
mi_hmac_clear(mi_hmac *k)
{
	memset(k, 0, sizeof(*k));
}

void
mi_hmac_sha256(const void *key, size_t kn, const void *data, size_t n, unsigned char out[32])
{
	mi_sha256_ctx h;
	mi_hmac k;

	mi_hmac_init(&k, key, kn);
	mi_hmac_start(&k, &h);
	mi_sha256_update(&h, data, n);
	mi_hmac_final(&k, &h, out);
	mi_hmac_clear(&k);
}
