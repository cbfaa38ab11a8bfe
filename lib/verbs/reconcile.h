/* reconcile.h - normalising and matching hotline records (lib/ and tests only). */
#ifndef MINYI_RECONCILE_H
#define MINYI_RECONCILE_H

#include "verbs/verbs.h"

/* ---- normalise.c ---- */

/* A place of ours whose name may appear in addresses and texts. */
typedef struct mi_place {
	int64_t id;
	const char *name;
} mi_place;

typedef struct mi_norm mi_norm;

/*
 * A normaliser: places are our streets, communities and estates (their full,
 * core and bare names are stripped from texts and mark where an address's
 * house number starts); filler are the operators' stock phrases (市民来电反映);
 * region are the names above and of our county (山东省, 济宁市, 嘉祥县) that
 * addresses may start with; words are looked for in texts for the caller
 * (the words of the routing rules), in the same pass. The strings are
 * copied. Caller frees.
 */
mi_norm *mi_norm_new(const mi_place *places, size_t nplaces, const char *const *filler,
    size_t nfiller, const char *const *region, size_t nregion, const char *const *words,
    size_t nwords);
void mi_norm_free(mi_norm *n);

/* Full-width forms to ASCII, and Chinese numerals before a unit word
 * (三号楼, 十二单元, 五零二室) to digits; into out (reset first). */
void mi_norm_clean(const char *s, mi_buf *out);

/* Building, unit and room of an address; -1 when not given. detail is a
 * hash of what follows the place's name when no building is given (a
 * village's 东街15号, 3组), 0 when none. */
typedef struct mi_house {
	int32_t room;
	uint32_t detail;
	int16_t building, unit;
} mi_house;

/* Reads the house number from a cleaned address; place (0: none) is the
 * unit whose name ends the part of the address before it. */
void mi_norm_house(const mi_norm *n, const char *clean, int64_t place, mi_house *h);

/*
 * 1 when a cleaned address starts, after the region's names, with an
 * administrative area that is not ours (任城区, 金乡县, 江苏省): its name goes
 * to what. 0 otherwise.
 */
int mi_norm_foreign(const mi_norm *n, const char *clean, char *what, size_t nwhat);

/*
 * The text's signature: the sorted distinct 16-bit hashes of its character
 * bigrams, after cleaning and removing filler, region and place names and
 * punctuation (bigrams do not cross punctuation). Returns the count (at
 * most max). word (when not NULL) is called for each of the words found.
 * scratch is reused between calls.
 */
size_t mi_norm_sig(const mi_norm *n, const char *text, uint16_t *out, size_t max,
    mi_buf *scratch, void (*word)(void *arg, int i), void *arg);
/* The one place accept takes that a cleaned text names (by any of its
 * names); 0 when none, -1 when it names several. */
int64_t mi_norm_find(const mi_norm *n, const char *clean, int (*accept)(void *arg, int64_t id),
    void *arg);

/* A person's name as a caller gives it: 张伟, or 张先生, or nobody (匿名). */
typedef struct mi_name {
	uint32_t full;         /* hash of the whole name, 0 for a title form */
	int32_t surname : 24;  /* the first character, 0 when no name */
	unsigned titled : 1;   /* 张先生, 李女士 */
} mi_name;
void mi_norm_name(const char *s, mi_name *out);
/* 2 the same name, 1 the same surname (one side a title form), -1
 * different, 0 either side without a name. */
int mi_norm_name_level(const mi_name *a, const mi_name *b);

/* The normalised text itself (for people: --explain), into out. */
void mi_norm_text(const mi_norm *n, const char *text, mi_buf *out);
/* Dice coefficient of two signatures, 0..1. */
double mi_norm_dice(const uint16_t *a, size_t na, const uint16_t *b, size_t nb);

/* ---- match.c ---- */

/* One side of a comparison: a ledger case or a hotline record, normalised;
 * a million of them are compared at random, so one fits a cache line. */
typedef struct mi_mrec {
	int64_t id;            /* the case's, or the hotline record's */
	int64_t received;
	uint32_t phone;        /* hash of the normalised phone; 0: none */
	uint32_t self;         /* a record: hash of its ticket; a hotline case: of its ref */
	int32_t street, community, estate;   /* unit ids */
	mi_house house;
	mi_name name;
	uint8_t cat[2];        /* category numbers (mi_matcher_category), 0: none */
	uint16_t nsig;
	uint32_t sig;          /* where its text's signature starts in the matcher */
} mi_mrec;

/* What a hotline record says, as read. */
typedef struct mi_hotline_fields {
	int64_t id;
	const char *ticket, *phone, *reporter, *address, *street, *community, *category, *text;
	int64_t received;
} mi_hotline_fields;

enum mi_feat {
	MI_FT_PHONE, MI_FT_NAME, MI_FT_PLACE, MI_FT_COMMUNITY, MI_FT_CATEGORY, MI_FT_DAYS,
	MI_FT_TEXT, MI_FT_N
};
enum mi_level {
	MI_LV_MISSING, MI_LV_AGREE, MI_LV_DISAGREE, MI_LV_SURNAME,
	MI_LV_ROOM, MI_LV_BUILDING, MI_LV_COMM_BUILDING, MI_LV_ESTATE, MI_LV_DETAIL,
	MI_LV_ROOM_DIFFERS, MI_LV_BUILDING_DIFFERS, MI_LV_ESTATE_DIFFERS, MI_LV_DETAIL_DIFFERS,
	MI_LV_SAME_COMMUNITY,
	MI_LV_BIN,             /* days and text: a bin of the config's list */
	MI_LV_N
};
const char *mi_feature_name(int f);
const char *mi_level_name(int l);

/* One feature's comparison: its level, the value compared (days apart,
 * text similarity), the bin used, and the weight it adds. */
typedef struct mi_feature {
	int level, bin;
	double value, weight;
} mi_feature;

typedef struct mi_matcher mi_matcher;

/* A matcher with the config's weights, categories and names; g must
 * outlive it. Caller frees. */
int mi_matcher_new(mi_ctx *c, const mi_gazetteer *g, mi_matcher **out, mi_err *e);
void mi_matcher_free(mi_matcher *m);
double mi_matcher_threshold(const mi_matcher *m);
int64_t mi_matcher_window(const mi_matcher *m);     /* seconds either side */
const char *mi_matcher_category(const mi_matcher *m, int cat);
const mi_norm *mi_matcher_norm(const mi_matcher *m);
/* Where the weights come from: the built-in defaults, a config that
 * changes them, or a model estimated by reconcile --train. */
enum { MI_WEIGHTS_BUILTIN, MI_WEIGHTS_CONFIG, MI_WEIGHTS_ESTIMATED };
/* The source of the weights in use (MI_WEIGHTS_*), and the model's id and
 * training time when estimated (else 0). */
int mi_matcher_weights(const mi_matcher *m, int64_t *model, int64_t *trained);
const char *mi_weights_name(int source);
/* Uses the latest stored reconcile model's weights and threshold: 1 when
 * there is one, 0 when none (the config's stay), -1 on error. */
int mi_matcher_use_model(mi_matcher *m, mi_err *e);
/* Uses weights shaped as the config's reconcile.weights (the bins' edges
 * with them) and threshold, as coming from source. */
void mi_matcher_set_weights(mi_matcher *m, const cJSON *weights, double threshold, int source);
/* A feature's comparison levels (the bins, for days and text); the weight
 * of one in use, with its name (phone.agree, days.within 3) into name. */
int mi_matcher_nlevels(const mi_matcher *m, int f);
double mi_matcher_level_weight(const mi_matcher *m, int f, int code, char *name, size_t nname);
/* The pair's comparison: each feature's level as a code (0 to its nlevels
 * less one, or MI_EM_MISSING), the text always compared. */
void mi_matcher_code(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, uint8_t *code);
/* Weights shaped as the config's, from w: every feature's levels one after
 * another, as mi_matcher_code numbers them. Caller frees (cJSON_Delete). */
cJSON *mi_matcher_weights_json(const mi_matcher *m, const double *w);
/* Stable 32-bit hash of a string (0 for NULL or ""). */
uint32_t mi_match_hash(const char *s);

/* Normalises a hotline record into r: its place, house number, categories
 * and signature. Returns 1 when it is in our area (a street of ours at
 * least), else 0 with why in note: an address elsewhere, a street not ours,
 * no place of ours found. */
int mi_matcher_prepare_hotline(mi_matcher *m, mi_mrec *r, const mi_hotline_fields *f,
    char *note, size_t nnote);
/* Loads the cases received in [from, to] that are not void; then
 * mi_matcher_index makes their blocking index. */
int mi_matcher_load(mi_matcher *m, int64_t from, int64_t to,
    void (*progress)(void *arg, const char *what, long n), void *arg, mi_err *e);
void mi_matcher_index(mi_matcher *m);
size_t mi_matcher_ncases(const mi_matcher *m);
const mi_mrec *mi_matcher_case(const mi_matcher *m, uint32_t i);
/* The indexes of the cases that share a blocking key with h within the
 * window, each once, into *out (grown as needed; caller frees). */
size_t mi_matcher_candidates(mi_matcher *m, const mi_mrec *h, uint32_t **out, size_t *cap);
/* The score of the pair, and each feature's part when f is not NULL (MI_FT_N). */
double mi_matcher_score(const mi_matcher *m, const mi_mrec *h, const mi_mrec *k, mi_feature *f);

/* One hotline record of a run. */
typedef struct mi_mjob {
	mi_hotline_fields f;   /* in: as read */
	mi_mrec m;             /* out: normalised */
	int ours;              /* out: in our area */
	char note[64];         /* out: if not, why */
	int matched;           /* out: the best case reaches the threshold */
	int has_score;         /* out: there was a candidate worth scoring in full */
	int64_t case_id;       /* out: the best such case */
	double score;          /* out: and its score */
} mi_mjob;

/*
 * Readies the records of a run: normalises them (in a second thread, which
 * then helps this one load the cases of their time window) and indexes the
 * cases. The jobs must stay until mi_matcher_best_end.
 */
int mi_matcher_run(mi_matcher *m, mi_mjob **jobs, size_t n,
    void (*progress)(void *arg, const char *what, long n), void *arg, mi_err *e);
/*
 * Finds each job's best case (matched, case_id, score), in order, in a
 * second thread, so that the caller can write the first records while the
 * later ones are matched; mi_matcher_best_wait returns once job i is done.
 * A candidate's text is compared only when it could lift the pair above
 * the threshold and the best so far. mi_matcher_best_end waits for the
 * thread (mi_matcher_free does too).
 */
void mi_matcher_best_start(mi_matcher *m, mi_mjob **jobs, size_t n);
void mi_matcher_best_wait(mi_matcher *m, size_t i);
void mi_matcher_best_end(mi_matcher *m);

/* ---- reconcile_train.c ---- */

/* Estimates the weights from the jobs' candidate pairs (the matcher run on
 * them, with the hand-set weights), stores them as the reconcile model
 * with its event, and writes each level's weights to out. Inside the
 * caller's transaction. */
int mi_reconcile_fit(mi_ctx *c, mi_matcher *m, mi_mjob **jobs, size_t n, mi_out *out,
    mi_reconcile_trained *t, mi_err *e);

#endif
