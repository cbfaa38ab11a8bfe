/*
 * classify_fixture.h - what the classify_*.c unit tests share: short
 * demands of four kinds, invented for these tests, to train on, texts they
 * do not hold, and a model trained on them. Include it after minyi.h,
 * classify.h and tap.h; call classify_begin() first.
 */
#ifndef MINYI_CLASSIFY_FIXTURE_H
#define MINYI_CLASSIFY_FIXTURE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Short demands of four kinds, invented for this test. */
static const char *const fixture[][2] = {
	{ "小区垃圾桶已经满了三天没人清运", "垃圾" },
	{ "楼下垃圾堆放太多，气味难闻", "垃圾" },
	{ "垃圾分类点设置不合理，居民扔垃圾不方便", "垃圾" },
	{ "希望增加小区垃圾清运次数", "垃圾" },
	{ "建筑垃圾堆在路边没人处理", "垃圾" },
	{ "垃圾站的垃圾溢出来了，苍蝇很多", "垃圾" },
	{ "小区门口的垃圾箱坏了，请尽快更换", "垃圾" },
	{ "物业不按时清理垃圾，楼道里都是垃圾袋", "垃圾" },
	{ "菜市场旁边垃圾成堆无人清扫", "垃圾" },
	{ "河边有人乱倒生活垃圾", "垃圾" },
	{ "垃圾中转站臭味很大，影响周边居民", "垃圾" },
	{ "请求在广场增设垃圾桶", "垃圾" },
	{ "街道垃圾没有及时清扫", "垃圾" },
	{ "垃圾分类宣传不到位，混装现象严重", "垃圾" },
	{ "装修垃圾随意丢弃在楼梯间", "垃圾" },
	{ "小区停车位太少，晚上回来没地方停车", "停车" },
	{ "有车辆长期占用消防通道停车", "停车" },
	{ "路边乱停车堵塞交通", "停车" },
	{ "希望在学校附近规划临时停车位", "停车" },
	{ "地下停车场收费太高", "停车" },
	{ "外来车辆占用小区车位", "停车" },
	{ "人行道上停满了汽车，行人只能走机动车道", "停车" },
	{ "停车场出口的道闸坏了", "停车" },
	{ "申请在小区内施划停车线", "停车" },
	{ "电动车乱停乱放，楼下通道被堵", "停车" },
	{ "医院门口停车难，经常排长队", "停车" },
	{ "僵尸车长期停放占用公共车位", "停车" },
	{ "小区车位只租不售，停车费涨价", "停车" },
	{ "夜间货车停在居民楼下", "停车" },
	{ "希望开放机关单位停车场给居民夜间停车", "停车" },
	{ "家里暖气不热，室内温度只有12度", "供暖" },
	{ "供暖公司迟迟不来维修暖气管道", "供暖" },
	{ "暖气片漏水，请求上门维修", "供暖" },
	{ "今年供暖费上涨，居民有意见", "供暖" },
	{ "老旧小区没有集中供暖", "供暖" },
	{ "暖气温度不达标，老人孩子冻得感冒", "供暖" },
	{ "申请办理停暖手续没人受理", "供暖" },
	{ "供热管网老化，经常停暖", "供暖" },
	{ "楼上暖气热，楼下暖气不热", "供暖" },
	{ "希望提前开始供暖", "供暖" },
	{ "暖气阀门坏了无法调节", "供暖" },
	{ "交了取暖费但是暖气一直不热", "供暖" },
	{ "供暖期间突然停暖，没有通知", "供暖" },
	{ "新房暖气没有开通", "供暖" },
	{ "供热站维修电话打不通", "供暖" },
	{ "楼下广场舞音乐声音太大，晚上吵得睡不着", "噪音" },
	{ "附近工地夜间施工噪音扰民", "噪音" },
	{ "烧烤店营业到凌晨，噪音很大", "噪音" },
	{ "楼上邻居深夜装修，电钻声不断", "噪音" },
	{ "商铺门口音箱整天大声播放广告", "噪音" },
	{ "酒吧音乐声太吵，影响休息", "噪音" },
	{ "凌晨有人飙车，发动机轰鸣声很大", "噪音" },
	{ "工厂机器轰鸣，周边居民无法休息", "噪音" },
	{ "深夜KTV唱歌声音大", "噪音" },
	{ "空调外机噪音太大", "噪音" },
	{ "早上5点施工敲打声音吵醒居民", "噪音" },
	{ "小区内狗叫声不断，影响睡眠", "噪音" },
	{ "夜市喧哗声音太大", "噪音" },
	{ "学校广播声音过大，影响附近居民", "噪音" },
	{ "噪声扰民问题多次反映没有解决", "噪音" },
};
#define NFIX (sizeof(fixture) / sizeof(fixture[0]))

/* Texts the fixture does not hold, each plainly of one kind. */
static const char *const fresh[][2] = {
	{ "我家小区的垃圾好几天没人清运了", "垃圾" },
	{ "晚上回家找不到停车位", "停车" },
	{ "暖气不热，家里很冷", "供暖" },
	{ "半夜施工噪音太大吵得睡不着", "噪音" },
	{ "ＫＴＶ唱歌声音太大了！！", "噪音" },
};
#define NFRESH (sizeof(fresh) / sizeof(fresh[0]))

static const char *fix_text[NFIX], *fix_label[NFIX];

static inline mi_model *
train_fixture(unsigned seed)
{
	mi_train_opts o = { 0, 0, 0, seed, 0 };
	mi_err e = { 0, "" };
	mi_model *m = mi_model_train(fix_text, fix_label, NFIX, &o, &e);

	if (m == NULL)
		printf("# training failed: %s\n", e.msg);
	return m;
}

/* The fixture as the two lists training takes. */
static inline void
classify_begin(void)
{
	size_t i;

	for (i = 0; i < NFIX; i++) {
		fix_text[i] = fixture[i][0];
		fix_label[i] = fixture[i][1];
	}
}

#endif
