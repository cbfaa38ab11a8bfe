/* Unit tests for lib/verbs/classify.c: what training refuses, and the labels and
 * confidences a model trained on the fixture gives, for odd texts too. */
#include "verbs/verbs.h"
#include "verbs/classify.h"
#include "tap.h"
#include "classify_fixture.h"

static void
test_refusals(void)
{
	const char *t[] = { "垃圾没人清运", "停车难", "暖气不热" };
	const char *one[] = { "垃圾", "垃圾", "垃圾" };
	const char *holes[] = { "垃圾", NULL, "供暖" };
	const char *empty[] = { "垃圾", "", "供暖" };
	mi_train_opts bad = { 0, 30, 0, 0, 0 }, neg = { 0, 0, -1, 0, 0 };
	mi_err e = { 0, "" };

	ok(mi_model_train(t, one, 0, NULL, &e) == NULL && e.code == MI_EX_DATAERR,
	    "no examples: refused (65)");
	mi_err_clear(&e);
	ok(mi_model_train(t, one, 3, NULL, &e) == NULL && e.code == MI_EX_DATAERR,
	    "one label: refused (65)");
	ok(strstr(e.msg, "垃圾") != NULL, "the message names the label: %s", e.msg);
	mi_err_clear(&e);
	ok(mi_model_train(t, holes, 3, NULL, &e) == NULL && e.code == MI_EX_DATAERR,
	    "a missing label: refused (65)");
	mi_err_clear(&e);
	ok(mi_model_train(t, empty, 3, NULL, &e) == NULL && e.code == MI_EX_DATAERR,
	    "an empty label: refused (65)");
	mi_err_clear(&e);
	ok(mi_model_train(t, holes, 3, &bad, &e) == NULL && e.code == MI_EX_USAGE,
	    "buckets_log2 30: refused (64)");
	mi_err_clear(&e);
	ok(mi_model_train(t, holes, 3, &neg, &e) == NULL && e.code == MI_EX_USAGE,
	    "negative l2: refused (64)");
}

static void
test_fixture(void)
{
	mi_model *m = train_fixture(0);
	mi_eval ev;
	mi_err e = { 0, "" };
	double conf, lo = 1;
	size_t i, bad = 0;
	int k;

	ok(m != NULL, "fixture trains");
	if (m == NULL)
		return;
	is_int(mi_model_nlabels(m), 4, "four labels");
	/* Byte order of the UTF-8: 供 E4 BE, 停 E5 81, 噪 E5 99, 垃 E5 9E. */
	is_str(mi_model_label(m, 0), "供暖", "labels sorted: first");
	is_str(mi_model_label(m, 3), "垃圾", "labels sorted: last");
	ok(mi_model_label(m, 4) == NULL && mi_model_label(m, -1) == NULL, "no label out of range");
	is_int(mi_model_examples(m), NFIX, "examples counted");

	ok(mi_eval_model(m, fix_text, fix_label, NFIX, &ev, &e) == 0, "scores its own examples");
	ok(ev.accuracy == 1.0 && ev.correct == NFIX, "all %zu examples right (%zu)", NFIX, ev.correct);
	ok(ev.macro_f1 == 1.0, "macro-F1 1 on the training set");
	mi_eval_release(&ev);

	for (i = 0; i < NFRESH; i++) {
		k = mi_model_predict(m, fresh[i][0], &conf);
		is_str(mi_model_label(m, k), fresh[i][1], "unseen \"%s\"", fresh[i][0]);
		ok(conf > 0.25 && conf <= 1, "  its confidence %.3f is above a guess's", conf);
	}
	for (i = 0; i < NFIX; i++) {
		k = mi_model_predict(m, fix_text[i], &conf);
		bad += k < 0 || k >= 4 || !(conf >= 0 && conf <= 1);
		if (conf < lo)
			lo = conf;
	}
	is_int(bad, 0, "every confidence in [0,1] (lowest %.3f)", lo);
	mi_model_free(m);
}

static void
test_odd_texts(void)
{
	mi_model *m = train_fixture(0);
	char *big;
	double conf = -1;
	int k;

	if (m == NULL) {
		skip(4, "no model");
		return;
	}
	k = mi_model_predict(m, "", &conf);
	ok(k >= 0 && k < 4 && conf >= 0.25 && conf <= 1, "empty text: a label, confidence %.3f", conf);
	k = mi_model_predict(m, "\xff\xfe垃\xe5\x9e圾\xe5", &conf);
	is_str(mi_model_label(m, k), "垃圾", "invalid UTF-8 around the words still reads them");
	k = mi_model_predict(m, "，。！？、 ,.!?", &conf);
	ok(k >= 0 && k < 4, "punctuation only: a label");
	big = malloc(300001);
	memset(big, 'a', 300000);
	big[300000] = '\0';
	memcpy(big, "\xe5\x99\xaa\xe9\x9f\xb3", 6);      /* 噪音 */
	k = mi_model_predict(m, big, &conf);
	ok(k >= 0 && k < 4 && conf >= 0 && conf <= 1, "a 300 kB text: a label");
	free(big);
	mi_model_free(m);
}

int
main(void)
{
	classify_begin();
	test_refusals();
	test_fixture();
	test_odd_texts();
	return done_testing();
}
