/* Unit tests for lib/normalise.c: what makes a hotline record and a ledger case comparable. */
#include <stdlib.h>

#include "verbs/verbs.h"
#include "verbs/reconcile.h"
#include "tap.h"

static const mi_place places[] = {
	{ 1, "嘉祥镇街道" }, { 2, "萌山社区居民委员会" }, { 3, "祥和苑" },
	{ 4, "东纸坊村委会" }, { 5, "龙西村村民委员会" }, { 6, "纸坊镇" }, { 7, "卧龙山街道" },
};
static const char *const filler[] = { "市民来电反映", "来电人称", "其居住的", "请相关部门核实处理" };
static const char *const region[] = { "山东省", "济宁市", "嘉祥县" };
static const char *const words[] = { "垃圾", "停车" };

static mi_norm *n;

static void
clean(const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	mi_norm_clean(in, &b);
	is_str(mi_buf_str(&b), want, "clean '%s' -> '%s'", in, want);
	mi_buf_release(&b);
}

static void
test_clean(void)
{
	clean("祥和苑三号楼二单元", "祥和苑3号楼2单元");
	clean("十二号楼", "12号楼");
	clean("二十三号楼十单元", "23号楼10单元");
	clean("一百零二室", "102室");
	clean("五零二室", "502室");
	clean("两单元", "2单元");
	clean("３号楼（东侧）", "3号楼(东侧)");
	clean("一楼住户", "1楼住户");
	clean("已经三天了，十几户都有意见", "已经三天了,十几户都有意见");
	clean("第一次反映", "第一次反映");
	clean("abc 123", "abc 123");
	clean("", "");
}

static void
house(const char *addr, int64_t place, int b, int u, int r, int has_detail)
{
	mi_buf c = MI_BUF_INIT;
	mi_house h;

	mi_norm_clean(addr, &c);
	mi_norm_house(n, c.s, place, &h);
	ok(h.building == b && h.unit == u && h.room == r && (h.detail != 0) == has_detail,
	    "house of '%s': %d/%d/%d%s", addr, b, u, r, has_detail ? ", a detail" : "");
	if (!(h.building == b && h.unit == u && h.room == r))
		printf("#   got %d/%d/%d detail %08x\n", h.building, h.unit, h.room,
		    (unsigned)h.detail);
	mi_buf_release(&c);
}

static uint32_t
detail_of(const char *addr, int64_t place)
{
	mi_buf c = MI_BUF_INIT;
	mi_house h;

	mi_norm_clean(addr, &c);
	mi_norm_house(n, c.s, place, &h);
	mi_buf_release(&c);
	return h.detail;
}

static void
test_house(void)
{
	house("萌山社区祥和苑3号楼2单元502", 3, 3, 2, 502, 0);
	house("嘉祥县祥和苑三号楼二单元五零二室", 3, 3, 2, 502, 0);
	house("状元丽景17栋1单元1001", 0, 17, 1, 1001, 0);
	house("祥和苑3-2-502", 3, 3, 2, 502, 0);
	house("祥和苑５号楼", 3, 5, -1, -1, 0);
	house("建设路88号", 0, -1, -1, -1, 0);
	house("2026-11-26 来电", 0, -1, -1, -1, 0);
	house("祥和苑123456号楼", 3, -1, -1, -1, 1);
	house("纸坊镇东纸坊村东街15号", 4, -1, -1, -1, 1);
	house("东纸坊村", 4, -1, -1, -1, 0);
	ok(detail_of("纸坊镇东纸坊村东街15号", 4) == detail_of("东纸坊村 东街15号", 4),
	    "a village's house is the same whatever comes before it");
	ok(detail_of("东纸坊村3组", 4) != detail_of("东纸坊村东街15号", 4),
	    "and different houses differ");
}

static void
foreign(const char *addr, const char *want)
{
	mi_buf c = MI_BUF_INIT;
	char what[32];
	int rc;

	mi_norm_clean(addr, &c);
	rc = mi_norm_foreign(n, c.s, what, sizeof(what));
	if (want)
		is_str(rc ? what : "(ours)", want, "'%s' is in %s", addr, want);
	else
		is_int(rc, 0, "'%s' is not elsewhere", addr);
	mi_buf_release(&c);
}

static void
test_foreign(void)
{
	foreign("济宁市任城区古槐街道祥和苑1号楼", "任城区");
	foreign("山东省济宁市金乡县金乡街道", "金乡县");
	foreign("曲阜市鲁城街道书院小区", "曲阜市");
	foreign("江苏省徐州市云龙区", "江苏省");
	foreign("山东省济宁市嘉祥县萌山社区", NULL);
	foreign("嘉祥县城区", NULL);
	foreign("嘉祥县嘉祥镇街道祥和苑", NULL);
	foreign("萌山社区3号楼", NULL);
	foreign("幸福小区3号楼", NULL);
	foreign("城区", NULL);
	foreign("不详", NULL);
	foreign("", NULL);
}

static size_t
sig(const char *text, uint16_t *out)
{
	mi_buf b = MI_BUF_INIT;
	size_t k = mi_norm_sig(n, text, out, 512, &b, NULL, NULL);

	mi_buf_release(&b);
	return k;
}

static void
text(const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	mi_norm_text(n, in, &b);
	is_str(mi_buf_str(&b), want, "text '%s' -> '%s'", in, want);
	mi_buf_release(&b);
}

static int seen[2];

static void
on_word(void *arg, int i)
{
	(void)arg;
	seen[i]++;
}

static void
test_text(void)
{
	uint16_t a[512], b[512];
	size_t na, nb;
	mi_buf s = MI_BUF_INIT;

	text("市民来电反映：其居住的嘉祥县祥和苑三号楼垃圾桶满了，请相关部门核实处理。",
	    "3号楼垃圾桶满了");
	text("３号楼  垃圾桶\t满了！", "3号楼 垃圾桶 满了");
	text("萌山社区的路灯坏了", "的路灯坏了");
	na = sig("市民来电反映：3号楼垃圾桶满了，没人清运。", a);
	nb = sig("三号楼垃圾桶满了 没人清运", b);
	ok(na > 0 && mi_norm_dice(a, na, b, nb) == 1.0, "same words, other form: dice 1");
	nb = sig("3号楼垃圾箱满了，没人清运", b);
	ok(mi_norm_dice(a, na, b, nb) > 0.6 && mi_norm_dice(a, na, b, nb) < 1,
	    "one word changed: similar, not the same (%.2f)", mi_norm_dice(a, na, b, nb));
	nb = sig("楼上装修噪音很大", b);
	ok(mi_norm_dice(a, na, b, nb) < 0.1, "another demand: not similar");
	ok(mi_norm_dice(a, 0, b, 0) == 0, "no text: 0");
	na = sig("小区垃圾没人清运，门口停车难，垃圾桶也坏了", a);
	ok(na > 0, "a signature");
	mi_norm_sig(n, "小区垃圾没人清运，门口停车难，垃圾桶也坏了", a, 512, &s, on_word, NULL);
	ok(seen[0] == 2 && seen[1] == 1, "the caller's words are found in the same pass");
	mi_buf_release(&s);
}

static int
any_community(void *arg, int64_t id)
{
	(void)arg;
	return id == 2 || id == 4 || id == 5;
}

static void
test_find(void)
{
	mi_buf c = MI_BUF_INIT;

	mi_norm_clean("卧龙山街道龙西村六号楼", &c);
	is_int(mi_norm_find(n, c.s, any_community, NULL), 5, "龙西村 finds 龙西村村民委员会");
	mi_norm_clean("萌山社区和东纸坊村", &c);
	is_int(mi_norm_find(n, c.s, any_community, NULL), -1, "two communities: ambiguous");
	mi_norm_clean("不详", &c);
	is_int(mi_norm_find(n, c.s, any_community, NULL), 0, "none");
	mi_buf_release(&c);
}

static void
name(const char *a, const char *b, int want)
{
	mi_name x, y;

	mi_norm_name(a, &x);
	mi_norm_name(b, &y);
	is_int(mi_norm_name_level(&x, &y), want, "names '%s' and '%s': %d", a, b, want);
}

static void
test_names(void)
{
	name("张伟", "张伟", 2);
	name(" 张伟 ", "张伟", 2);
	name("张先生", "张伟", 1);
	name("张伟", "张女士", 1);
	name("张先生", "张女士", 1);
	name("李四", "张伟", -1);
	name("张三", "张伟", -1);
	name("李先生", "张伟", -1);
	name("匿名", "张伟", 0);
	name("", "张伟", 0);
	name(NULL, NULL, 0);
}

static void
phone(const char *a, const char *b)
{
	char x[24], y[24];

	ok(mi_phone_norm(a, x, sizeof(x)) == 0 && mi_phone_norm(b, y, sizeof(y)) == 0 &&
	    mi_match_hash(x) == mi_match_hash(y) && mi_match_hash(x) != 0,
	    "phones '%s' and '%s' are one", a, b);
}

static void
test_phones(void)
{
	phone("13812345678", "+86 138 1234 5678");
	phone("13812345678", "8613812345678");
	phone("13812345678", "008613812345678");
	phone("13812345678", "138-1234-5678");
	phone("0537-6812345", "05376812345");
	phone("0537-6812345", "6812345");
	phone("0537-6812345", "(0537) 681 2345");
	is_int(mi_match_hash(""), 0, "no phone hashes to 0");
}

int
main(void)
{
#define N(a) (sizeof(a) / sizeof((a)[0]))
	n = mi_norm_new(places, N(places), filler, N(filler), region, N(region), words, N(words));
	test_clean();
	test_house();
	test_foreign();
	test_text();
	test_find();
	test_names();
	test_phones();
	mi_norm_free(n);
	return done_testing();
}
