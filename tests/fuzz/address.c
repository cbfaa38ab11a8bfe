/*
 * address.c - fuzzes lib/normalise.c: cleaning, house numbers, foreign
 * areas and the bigram signatures that match hotline records to cases.
 */
#include "fuzz.h"
#include "verbs/reconcile.h"

static mi_norm *norm;

static const mi_place places[] = {
	{ 1, "嘉祥镇街道" }, { 2, "萌山社区居民委员会" }, { 3, "祥和苑" }, { 4, "金城花园" },
	{ 5, "黄岗村委会" }, { 6, "卧龙山街道" }, { 7, "书香名邸" }, { 8, "东纸坊村" },
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const filler[] = { "市民来电反映", "来电人反映", "诉求人称" };
	static const char *const region[] = { "山东省", "济宁市", "嘉祥县" };

	(void)argc;
	(void)argv;
	norm = mi_norm_new(places, sizeof(places) / sizeof(places[0]), filler, 3, region, 3, NULL, 0);
	return 0;
}

static int
sorted_distinct(const uint16_t *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (v[i - 1] >= v[i])
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint16_t sig[512], sig2[512];
	mi_buf clean = MI_BUF_INIT, scratch = MI_BUF_INIT, text = MI_BUF_INIT;
	char what[64], *s;
	mi_house h;
	size_t k, k2, max;
	double d;
	int64_t place;

	if (size < 1)
		return 0;
	place = data[0] % 10;          /* 0 none, 1-8 ours, 9 one the normaliser does not know */
	max = (size_t)(data[0] >> 4) * 32 + 1;
	s = fuzz_str(data + 1, size - 1);

	mi_norm_clean(s, &clean);
	FUZZ_CHECK(strlen(mi_buf_str(&clean)) == clean.len, "clean holds a NUL");
	mi_norm_house(norm, mi_buf_str(&clean), place, &h);
	FUZZ_CHECK(h.building >= -1 && h.unit >= -1 && h.room >= -1, "house %d-%d-%d",
	    h.building, h.unit, h.room);
	what[0] = '\0';
	if (mi_norm_foreign(norm, mi_buf_str(&clean), what, sizeof(what)))
		FUZZ_CHECK(what[0] != '\0' && strlen(what) < sizeof(what), "foreign, but where");

	k = mi_norm_sig(norm, s, sig, max, &scratch, NULL, NULL);
	FUZZ_CHECK(k <= max, "%zu bigrams of at most %zu", k, max);
	FUZZ_CHECK(sorted_distinct(sig, k), "signature not sorted and distinct");
	k2 = mi_norm_sig(norm, s, sig2, max, &scratch, NULL, NULL);
	FUZZ_CHECK(k2 == k && memcmp(sig, sig2, k * sizeof(*sig)) == 0, "not deterministic");
	d = mi_norm_dice(sig, k, sig2, k2);
	FUZZ_CHECK(d >= 0 && d <= 1, "dice %f", d);
	if (k > 0)
		FUZZ_CHECK(d == 1, "a text is not like itself: %f", d);
	mi_norm_text(norm, s, &text);

	mi_buf_release(&clean);
	mi_buf_release(&scratch);
	mi_buf_release(&text);
	free(s);
	return 0;
}
