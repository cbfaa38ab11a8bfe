/* Unit tests for lib/base/sha256.c: the FIPS 180-4 example vectors and block edges. */
#include <stdlib.h>

#include "base/base.h"
#include "tap.h"

static void
to_hex(const unsigned char md[32], char hex[65])
{
	int i;

	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

static void
one_shot(const char *s, const char *want, const char *what)
{
	char hex[65];

	mi_sha256_hex(s, strlen(s), hex);
	is_str(hex, want, "%s", what);
}

/* Feeds data in pieces of the given odd sizes, cycling, to cross every buffer edge. */
static void
pieces(const char *data, size_t n, const size_t *sizes, size_t nsizes, char hex[65])
{
	mi_sha256_ctx c;
	unsigned char md[32];
	size_t off = 0, k, i = 0;

	mi_sha256_init(&c);
	while (off < n) {
		k = sizes[i++ % nsizes];
		if (k > n - off)
			k = n - off;
		mi_sha256_update(&c, data + off, k);
		off += k;
	}
	mi_sha256_final(&c, md);
	to_hex(md, hex);
}

static void
test_million(void)
{
	static const size_t odd[] = { 1, 3, 63, 65, 127, 7, 1001, 13, 64, 4093 };
	static const size_t one[] = { 1000000 };
	const char *want = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char *a = malloc(1000000), hex[65];

	memset(a, 'a', 1000000);
	pieces(a, 1000000, odd, sizeof(odd) / sizeof(odd[0]), hex);
	is_str(hex, want, "one million 'a' in odd pieces");
	pieces(a, 1000000, one, 1, hex);
	is_str(hex, want, "one million 'a' in one update");
	mi_sha256_hex(a, 1000000, hex);
	is_str(hex, want, "one million 'a' one-shot");
	free(a);
}

static void
test_edges(void)
{
	/* Lengths around the point where the padding needs a second block. */
	static const struct { size_t n; const char *want; } t[] = {
		{ 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
		{ 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
		{ 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
		{ 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
		{ 65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
		{ 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
		{ 120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98" },
	};
	static const size_t ones[] = { 1 };
	char x[128], hex[65];
	size_t i;

	memset(x, 'x', sizeof(x));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		mi_sha256_hex(x, t[i].n, hex);
		is_str(hex, t[i].want, "%zu bytes of 'x'", t[i].n);
		pieces(x, t[i].n, ones, 1, hex);
		is_str(hex, t[i].want, "%zu bytes of 'x' byte by byte", t[i].n);
	}
}

int
main(void)
{
	unsigned char md[32];
	char hex[65];

	one_shot("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
	one_shot("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	one_shot("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "448 bits");
	one_shot("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", "896 bits");
	one_shot("垃圾分类", "fa762de72b7f7cc220d14684602831f0fd07beeb74199507b78d9729a8ed0360",
	    "UTF-8 text");
	mi_sha256("abc", 3, md);
	to_hex(md, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "raw digest matches the hex form");
	test_edges();
	test_million();
	return done_testing();
}
