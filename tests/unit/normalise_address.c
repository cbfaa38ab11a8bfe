/* Unit tests for lib/verbs/normalise.c: addresses: cleaned, the house in them,
 * places elsewhere, and the community they name. */
#include "verbs/verbs.h"
#include "verbs/reconcile.h"
#include "tap.h"
#include "normalise_fixture.h"

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

int
main(void)
{
	norm_begin();
	test_clean();
	test_house();
	test_foreign();
	test_find();
	norm_end();
	return done_testing();
}
