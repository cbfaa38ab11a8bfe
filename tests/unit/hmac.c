/* Unit tests for the HMAC-SHA256 of lib/base/sha256.c: the test cases of
 * RFC 4231 (section 4), one-shot and through a key prepared once. */
#include "base/base.h"
#include "tap.h"

static void
to_hex(const unsigned char *md, size_t n, char *hex)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* Checks key and data against want (its first len bytes when shorter). */
static void
check(const unsigned char *key, size_t kn, const char *data, size_t dn, const char *want,
    const char *what)
{
	static const size_t pieces[] = { 1, 7, 64, 3 };
	unsigned char md[32];
	char hex[65];
	size_t n = strlen(want) / 2, off = 0, k, i = 0;
	mi_sha256_ctx h;
	mi_hmac hk;

	mi_hmac_sha256(key, kn, data, dn, md);
	to_hex(md, n, hex);
	is_str(hex, want, "%s", what);
	/* The same key prepared once serves two messages. */
	mi_hmac_init(&hk, key, kn);
	mi_hmac_start(&hk, &h);
	mi_sha256_update(&h, "other", 5);
	mi_hmac_final(&hk, &h, md);
	mi_hmac_start(&hk, &h);
	while (off < dn) {
		k = pieces[i++ % 4];
		if (k > dn - off)
			k = dn - off;
		mi_sha256_update(&h, data + off, k);
		off += k;
	}
	mi_hmac_final(&hk, &h, md);
	mi_hmac_clear(&hk);
	to_hex(md, n, hex);
	is_str(hex, want, "%s, the key prepared once, the data in pieces", what);
}

int
main(void)
{
	unsigned char key[131];
	char data[64];
	size_t i;

	memset(key, 0x0b, 20);
	check(key, 20, "Hi There", 8,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", "test case 1");
	check((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", 28,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	    "test case 2: a key shorter than the output");
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	check(key, 20, data, 50,
	    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
	    "test case 3: 50 bytes 0xdd");
	for (i = 0; i < 25; i++)
		key[i] = (unsigned char)(i + 1);
	memset(data, 0xcd, 50);
	check(key, 25, data, 50,
	    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
	    "test case 4: 25 bytes of key");
	memset(key, 0x0c, 20);
	check(key, 20, "Test With Truncation", 20, "a3b6167473100ee06e0c796c2955552b",
	    "test case 5: truncated to 128 bits");
	memset(key, 0xaa, 131);
	check(key, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	    "test case 6: a key longer than a block");
	check(key, 131, "This is a test using a larger than block-size key and a larger than "
	    "block-size data. The key needs to be hashed before being used by the HMAC "
	    "algorithm.", 152,
	    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	    "test case 7: key and data longer than a block");
	return done_testing();
}
