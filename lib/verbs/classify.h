/*
 * classify.h - a text classifier for Chinese citizen messages (private to
 * lib/ and the tests; the route tool reaches it through the library).
 *
 * Features are code points and code-point bigrams, hashed into
 * 2^buckets_log2 buckets so the model's size is bounded and no vocabulary
 * is kept; those of the first sentence (up to 24 symbols: a subject line,
 * or the opening that says what the message is about) count again as
 * features of their own. Punctuation and white space split the text into
 * runs that bigrams do not cross; an ASCII digit run is one symbol, an
 * ASCII letter run (any case) is one symbol, and full-width ASCII forms
 * read as their ASCII twins. Only a text's first 64 KiB are read. A text
 * becomes a vector of (1 + ln tf) times an idf learnt in training, scaled
 * to length 1.
 *
 * Each label gets a linear scorer: a one-vs-rest support vector machine
 * (squared hinge, L2) on features weighted for that label by naive Bayes'
 * log-count ratio (NBSVM), with a bias; a label's texts weigh
 * sqrt(texts / (labels * the label's texts)), so small labels count. Other
 * variants (MI_FEAT_*: trigrams, skip-bigrams, naive Bayes mixed in) are
 * there to be measured by scripts/eval-model; the bits a model was trained
 * with are stored with it. The confidence is a softmax over
 * the scores whose temperature is fitted on a tenth of the texts held out
 * of a first fit. Training is deterministic for a given seed.
 */
#ifndef MINYI_CLASSIFY_H
#define MINYI_CLASSIFY_H

#include "verbs/verbs.h"

typedef struct mi_model mi_model;

/* Training knobs; a field left 0 takes its default. */
typedef struct mi_train_opts {
	int epochs;            /* passes of the first fit, 0..1000; the second, from
	                        * there with every text, takes half as many (default
	                        * 10, down to 2 for a million texts or more) */
	int buckets_log2;      /* 16..24 (default 20) */
	double l2;             /* regularisation, the SVM's 1/C (default 0.5) */
	unsigned seed;         /* shuffles, hold-out and folds (default 1) */
	unsigned features;     /* MI_FEAT_* bits; 0 takes MI_FEAT_DEFAULT */
} mi_train_opts;

/* What a model is made of; the bits are stored with it. */
#define MI_FEAT_NBR     0x01u  /* features scaled by naive Bayes' log-count ratio */
#define MI_FEAT_HEAD    0x02u  /* the first sentence's n-grams count again */
#define MI_FEAT_TRI     0x04u  /* code-point trigrams besides uni- and bigrams */
#define MI_FEAT_MIX     0x08u  /* naive Bayes' evidence added to the SVM's score */
#define MI_FEAT_BALANCE 0x10u  /* a label's own texts weigh more the rarer it is */
#define MI_FEAT_SKIP    0x20u  /* skip-bigrams: two symbols with one between */
#define MI_FEAT_PLAIN   0x80u  /* none of the above (0 alone means the default) */
#define MI_FEAT_ALL     0xBFu
#define MI_FEAT_DEFAULT (MI_FEAT_NBR | MI_FEAT_HEAD | MI_FEAT_BALANCE)

/*
 * Learns from n examples: texts[i] carries labels[i] (any strings; the model
 * keeps copies, sorted in byte order). Returns NULL with e set (65) when
 * n == 0, a text or label is NULL, a label is empty, or fewer than 2 labels
 * occur; 64 for options out of range. Memory: the texts' vectors are kept
 * while they fit 512 MiB (4 bytes a feature), else extracted again on each
 * pass; besides, 4 * n * labels bytes and a few tables of 2^buckets_log2.
 * Caller frees with mi_model_free.
 */
mi_model *mi_model_train(const char *const *texts, const char *const *labels, size_t n,
    const mi_train_opts *o, mi_err *e);
/* The index of the best label for text, and (when confidence is not NULL)
 * its softmax probability in [0,1]. Thread-safe: m is only read. */
int mi_model_predict(const mi_model *m, const char *text, double *confidence);
size_t mi_model_nlabels(const mi_model *m);
/* Label i (0 <= i < nlabels), owned by m; NULL when i is out of range. */
const char *mi_model_label(const mi_model *m, int i);
/* How many examples the model was trained on. */
size_t mi_model_examples(const mi_model *m);

/*
 * Appends the model to out: a magic, a format version, little-endian
 * fields, only the buckets training kept (those seen in two texts or more),
 * and a CRC-32 of everything before it, so a blob that was cut or changed
 * is refused when loaded. The same model always gives the same bytes.
 */
void mi_model_save(const mi_model *m, mi_buf *out);
/* Reads a blob mi_model_save wrote: 0 and *out (caller frees), or -1 with e
 * set (65) on a corrupt, cut or foreign blob, or a newer format version. */
int mi_model_load(mi_model **out, const void *data, size_t n, mi_err *e);
void mi_model_free(mi_model *m);

/*
 * Scores of a model on labelled texts. labels[] lists the model's labels in
 * its order, then any label the texts carry that the model does not know,
 * in byte order; each such label has its own row, and its column stays
 * empty because the model never predicts it, so every such text is an
 * error. confusion[t * nlabels + p] counts texts of truth t predicted p.
 * macro_f1 averages F1 over the labels that occur in the truth or in the
 * predictions (a label with neither has no F1 to give).
 */
typedef struct mi_eval {
	size_t nlabels;
	char **labels;
	size_t *confusion;     /* nlabels * nlabels, row = truth, column = predicted */
	size_t n, correct;
	double accuracy, macro_f1;
} mi_eval;

/* Scores m on n texts; 0, or -1 with e set (65) when n == 0 or an input is
 * NULL. out is filled afresh; release it with mi_eval_release. */
int mi_eval_model(const mi_model *m, const char *const *texts, const char *const *labels,
    size_t n, mi_eval *out, mi_err *e);
/*
 * k-fold cross-validation: folds are stratified (each label's examples,
 * shuffled with o->seed, are dealt to the folds in turn), a model is trained
 * on k-1 folds and scored on the one left out, and the confusion matrices
 * are summed. labels[] are all labels of the data in byte order. 64 unless
 * 2 <= k <= n; a training failure is passed on.
 */
int mi_eval_folds(const char *const *texts, const char *const *labels, size_t n, int k,
    const mi_train_opts *o, mi_eval *out, mi_err *e);
/* Frees what an mi_eval holds and zeroes it; safe on a zeroed or released one. */
void mi_eval_release(mi_eval *ev);

/* ---- model.c: the model in the database ---- */

/* The newest model route --train stored: 0 and *out (caller frees), or 0
 * and *out NULL when none was trained; -1 with e set when the database
 * fails or mi_model_load refuses the blob. */
int mi_model_stored(mi_ctx *c, mi_model **out, mi_err *e);

#endif
