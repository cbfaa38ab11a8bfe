/* Unit tests for lib/verbs/classify.c: the model saved as a blob: the round trip,
 * corruption refused, and the same seed giving the same bytes. */
#include "verbs/verbs.h"
#include "verbs/classify.h"
#include "tap.h"
#include "classify_fixture.h"

static void
test_blob(void)
{
	mi_model *m = train_fixture(0), *m2 = NULL, *m3;
	mi_buf blob = MI_BUF_INIT, again = MI_BUF_INIT, pre = MI_BUF_INIT;
	mi_err e = { 0, "" };
	double c1, c2;
	size_t i, diff = 0, refused = 0, pos;
	unsigned char *copy;

	if (m == NULL) {
		skip(12, "no model");
		return;
	}
	mi_model_save(m, &blob);
	ok(blob.len > 52 && memcmp(blob.s, "MINYICLS", 8) == 0, "blob starts with the magic (%zu bytes)",
	    blob.len);
	ok(mi_model_load(&m2, blob.s, blob.len, &e) == 0 && m2 != NULL, "blob loads: %s", e.msg);
	if (m2 == NULL) {
		mi_buf_release(&blob);
		mi_model_free(m);
		return;
	}
	is_int(mi_model_nlabels(m2), 4, "loaded: labels");
	is_int(mi_model_examples(m2), NFIX, "loaded: examples");
	for (i = 0; i < NFIX + NFRESH; i++) {
		const char *t = i < NFIX ? fix_text[i] : fresh[i - NFIX][0];

		diff += mi_model_predict(m, t, &c1) != mi_model_predict(m2, t, &c2) || c1 != c2;
	}
	is_int(diff, 0, "loaded model predicts the same labels with the same confidences");
	mi_model_save(m2, &again);
	ok(again.len == blob.len && memcmp(again.s, blob.s, blob.len) == 0, "saved again: same bytes");

	/* Appends: a prefix already in the buffer stays, and the blob after it loads. */
	mi_buf_puts(&pre, "prefix");
	mi_model_save(m, &pre);
	ok(pre.len == blob.len + 6 && memcmp(pre.s + 6, blob.s, blob.len) == 0, "save appends");

	/* Flip one bit at many places: every one must be refused. */
	copy = malloc(blob.len);
	for (pos = 0; pos < blob.len; pos += 1 + blob.len / 97) {
		memcpy(copy, blob.s, blob.len);
		copy[pos] ^= 0x10;
		m3 = NULL;
		mi_err_clear(&e);
		if (mi_model_load(&m3, copy, blob.len, &e) < 0 && m3 == NULL && e.code == MI_EX_DATAERR)
			refused++;
		else
			printf("# flip at %zu was accepted\n", pos);
		mi_model_free(m3);
	}
	ok(refused > 50, "a flipped bit anywhere is refused (%zu places)", refused);
	memcpy(copy, blob.s, blob.len);
	copy[blob.len - 1] ^= 1;
	ok(mi_model_load(&m3, copy, blob.len, &e) < 0 && strstr(e.msg, "checksum") != NULL,
	    "a bad checksum says so: %s", e.msg);
	ok(mi_model_load(&m3, blob.s, blob.len - 1, &e) < 0 && e.code == MI_EX_DATAERR,
	    "a cut blob is refused");
	ok(mi_model_load(&m3, "SQLite format 3", 16, &e) < 0 && e.code == MI_EX_DATAERR,
	    "a foreign blob is refused: %s", e.msg);
	ok(mi_model_load(&m3, "", 0, &e) < 0 && e.code == MI_EX_DATAERR, "an empty blob is refused");
	free(copy);
	mi_buf_release(&blob);
	mi_buf_release(&again);
	mi_buf_release(&pre);
	mi_model_free(m);
	mi_model_free(m2);
}

static void
test_deterministic(void)
{
	mi_model *a = train_fixture(7), *b = train_fixture(7);
	mi_buf x = MI_BUF_INIT, y = MI_BUF_INIT;

	if (a == NULL || b == NULL) {
		skip(1, "no model");
	} else {
		mi_model_save(a, &x);
		mi_model_save(b, &y);
		ok(x.len == y.len && memcmp(x.s, y.s, x.len) == 0, "same seed, same model, byte for byte");
	}
	mi_buf_release(&x);
	mi_buf_release(&y);
	mi_model_free(a);
	mi_model_free(b);
}

/* The feature bits travel with the model: a model of trigrams saved and
 * loaded predicts as before; every variant learns the fixture; unknown bits
 * are refused. */
static void
test_features(void)
{
	static const unsigned variants[] = { MI_FEAT_PLAIN, MI_FEAT_TRI | MI_FEAT_NBR,
		MI_FEAT_SKIP | MI_FEAT_HEAD, MI_FEAT_MIX | MI_FEAT_NBR, MI_FEAT_DEFAULT,
		MI_FEAT_ALL & ~MI_FEAT_PLAIN };
	mi_train_opts o = { 0, 0, 0, 1, 0 };
	mi_err e = { 0, "" };
	mi_buf blob = MI_BUF_INIT;
	mi_model *m, *m2 = NULL;
	double c1, c2;
	size_t v, i, right, diff;

	for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
		o.features = variants[v];
		m = mi_model_train(fix_text, fix_label, NFIX, &o, &e);
		if (m == NULL) {
			ok(0, "features %#x: training failed: %s", variants[v], e.msg);
			continue;
		}
		for (i = right = 0; i < NFRESH; i++)
			right += strcmp(mi_model_label(m, mi_model_predict(m, fresh[i][0], NULL)),
			    fresh[i][1]) == 0;
		blob.len = 0;
		mi_model_save(m, &blob);
		diff = mi_model_load(&m2, blob.s, blob.len, &e) < 0;
		for (i = 0; !diff && i < NFIX; i++)
			diff += mi_model_predict(m, fix_text[i], &c1) != mi_model_predict(m2, fix_text[i],
			    &c2) || c1 != c2;
		ok(right >= NFRESH - 1 && diff == 0, "features %#x: %zu of %zu fresh texts right, "
		    "the same after a round trip", variants[v], right, NFRESH);
		mi_model_free(m);
		mi_model_free(m2);
		m2 = NULL;
	}
	o.features = 0x40;
	mi_err_clear(&e);
	ok(mi_model_train(fix_text, fix_label, NFIX, &o, &e) == NULL && e.code == MI_EX_USAGE,
	    "unknown feature bits refused: %s", e.msg);
	mi_buf_release(&blob);
}

int
main(void)
{
	classify_begin();
	test_blob();
	test_deterministic();
	test_features();
	return done_testing();
}
