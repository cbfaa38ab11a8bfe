/*
 * normalise_fixture.h - what the normalise_*.c unit tests share: a
 * normaliser over a few places of ours, the hotline's filler words, the
 * region's names and two words of the caller's. Include it after minyi.h,
 * reconcile.h and tap.h; call norm_begin() first and norm_end() last.
 */
#ifndef MINYI_NORMALISE_FIXTURE_H
#define MINYI_NORMALISE_FIXTURE_H

#include <stdlib.h>

static const mi_place places[] = {
	{ 1, "嘉祥镇街道" }, { 2, "萌山社区居民委员会" }, { 3, "祥和苑" },
	{ 4, "东纸坊村委会" }, { 5, "龙西村村民委员会" }, { 6, "纸坊镇" }, { 7, "卧龙山街道" },
};
static const char *const filler[] = { "市民来电反映", "来电人称", "其居住的", "请相关部门核实处理" };
static const char *const region[] = { "山东省", "济宁市", "嘉祥县" };
static const char *const words[] = { "垃圾", "停车" };

static mi_norm *n;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static inline void
norm_begin(void)
{
	n = mi_norm_new(places, N(places), filler, N(filler), region, N(region), words, N(words));
}

static inline void
norm_end(void)
{
	mi_norm_free(n);
}

#endif
