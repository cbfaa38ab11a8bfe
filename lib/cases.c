/* cases.c - names of the case record's enumerations. */
#include <string.h>

#include "internal.h"

static const char *const ch_en[MI_CH_N] = { "visit", "hall", "hotline", "wechat", "other" };
static const char *const ch_zh[MI_CH_N] = { "敲门", "议事厅", "12345", "微信", "其他" };

const char *
mi_channel_name(int ch)
{
	return ch >= 0 && ch < MI_CH_N ? ch_en[ch] : "other";
}

int
mi_channel_parse(const char *s)
{
	static const struct { const char *name; int ch; } alias[] = {
		{ "上门", MI_CH_VISIT }, { "入户", MI_CH_VISIT }, { "敲门行动", MI_CH_VISIT },
		{ "接访日", MI_CH_HALL }, { "红色议事厅", MI_CH_HALL }, { "热线", MI_CH_HOTLINE },
		{ "12345热线", MI_CH_HOTLINE }, { "市民热线", MI_CH_HOTLINE }, { "微信群", MI_CH_WECHAT },
	};
	size_t i;

	for (i = 0; i < MI_CH_N; i++)
		if (strcmp(s, ch_en[i]) == 0 || strcmp(s, ch_zh[i]) == 0)
			return (int)i;
	for (i = 0; i < MI_ARRAY_LEN(alias); i++)
		if (strcmp(s, alias[i].name) == 0)
			return alias[i].ch;
	return -1;
}
