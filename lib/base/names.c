/*
 * names.c - every vocabulary of the ledger in one table: channels, tiers,
 * statuses, call-back outcomes, colours, assessment lines and unit kinds.
 *
 * Each value has the English name that files, scripts and the database use,
 * the Chinese name that people read, and the other spellings that real
 * sheets carry. Printing gives one of the first two; parsing takes any.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

struct alias {
	const char *name;
	int value;
};

struct vocab {
	int n;
	const char *const *en, *const *zh;
	const struct alias *alias;     /* other spellings, ended by { NULL } */
	const char *unknown;           /* what an out-of-range value prints as */
};

static const char *const channel_en[] = { "visit", "hall", "hotline", "wechat", "other" };
static const char *const channel_zh[] = { "敲门", "议事厅", "12345", "微信", "其他" };
static const struct alias channel_alias[] = {
	{ "上门", MI_CH_VISIT }, { "入户", MI_CH_VISIT }, { "敲门行动", MI_CH_VISIT },
	{ "接访日", MI_CH_HALL }, { "红色议事厅", MI_CH_HALL }, { "热线", MI_CH_HOTLINE },
	{ "12345热线", MI_CH_HOTLINE }, { "市民热线", MI_CH_HOTLINE }, { "微信群", MI_CH_WECHAT },
	{ NULL, 0 }
};

static const char *const tier_en[] = { "community", "street", "county" };
static const char *const tier_zh[] = { "社区直接办", "街道协调办", "县级会商办" };
static const struct alias tier_alias[] = {
	{ "社区", MI_TIER_COMMUNITY }, { "街道", MI_TIER_STREET }, { "县级", MI_TIER_COUNTY },
	{ NULL, 0 }
};

static const char *const status_en[] = { "new", "open", "resolved", "closed", "void" };
static const char *const status_zh[] = { "待分办", "办理中", "已办结", "已销号", "已作废" };
static const struct alias no_alias[] = { { NULL, 0 } };

static const char *const outcome_en[] = { "satisfied", "basic", "dissatisfied", "unreachable" };
static const char *const outcome_zh[] = { "满意", "基本满意", "不满意", "未接通" };
static const struct alias outcome_alias[] = {
	{ "非常满意", MI_CB_SATISFIED }, { "basically satisfied", MI_CB_BASIC },
	{ "非常不满意", MI_CB_DISSATISFIED }, { "无人接听", MI_CB_UNREACHABLE },
	{ "联系不上", MI_CB_UNREACHABLE }, { "无法接通", MI_CB_UNREACHABLE },
	{ "无法联系", MI_CB_UNREACHABLE }, { "关机", MI_CB_UNREACHABLE },
	{ "空号", MI_CB_UNREACHABLE },
	{ NULL, 0 }
};

static const char *const colour_en[] = { "none", "blue", "yellow", "red" };
static const char *const colour_zh[] = { "无", "蓝", "黄", "红" };

static const char *const line_en[] = { "community", "pairing", "department" };
static const char *const line_zh[] = { "社区小区", "双报到单位", "职能部门" };
static const struct alias line_alias[] = {
	{ "社区", MI_LINE_COMMUNITY }, { "双报到", MI_LINE_PAIRING }, { "部门", MI_LINE_DEPARTMENT },
	{ NULL, 0 }
};

static const char *const kind_en[] = {
	"county", "centre", "street", "community", "estate", "pairing", "department"
};
static const char *const kind_zh[] = {
	"县", "中心", "街道", "社区", "小区", "双报到单位", "职能部门"
};
static const struct alias kind_alias[] = {
	{ "center", MI_U_CENTRE }, { "town", MI_U_STREET }, { "镇", MI_U_STREET },
	{ "镇街", MI_U_STREET }, { "村", MI_U_COMMUNITY }, { "village", MI_U_COMMUNITY },
	{ "双报到", MI_U_PAIRING }, { "部门", MI_U_DEPARTMENT }, { "dept", MI_U_DEPARTMENT },
	{ NULL, 0 }
};

/* The platforms where residents are heard (一批平台), and the kinds of
 * session held there. */
static const char *const platform_en[] = { "hall", "mediation", "station" };
static const char *const platform_zh[] = { "议事厅", "调解室", "驿站" };
static const struct alias platform_alias[] = {
	{ "红色议事厅", MI_P_HALL }, { "调解", MI_P_MEDIATION }, { "和为贵调解室", MI_P_MEDIATION },
	{ "红帆驿站", MI_P_STATION },
	{ NULL, 0 }
};

static const char *const session_en[] = { "reception", "deliberation", "mediation" };
static const char *const session_zh[] = { "接访日", "八方议事", "调解" };
static const struct alias session_alias[] = {
	{ "接访", MI_S_RECEPTION }, { "议事", MI_S_DELIBERATION }, { "调解会", MI_S_MEDIATION },
	{ NULL, 0 }
};

static const struct vocab vocabs[MI_V_N] = {
	[MI_V_CHANNEL] = { MI_CH_N, channel_en, channel_zh, channel_alias, "other" },
	[MI_V_TIER] = { MI_TIER_N, tier_en, tier_zh, tier_alias, "?" },
	[MI_V_STATUS] = { MI_ST_N, status_en, status_zh, no_alias, "?" },
	[MI_V_OUTCOME] = { MI_CB_N, outcome_en, outcome_zh, outcome_alias, "?" },
	[MI_V_COLOUR] = { MI_COLOUR_N, colour_en, colour_zh, no_alias, "?" },
	[MI_V_LINE] = { MI_LINE_N, line_en, line_zh, line_alias, "?" },
	[MI_V_KIND] = { MI_U_NKINDS, kind_en, kind_zh, kind_alias, "?" },
	[MI_V_PLATFORM] = { MI_P_N, platform_en, platform_zh, platform_alias, "?" },
	[MI_V_SESSION] = { MI_S_N, session_en, session_zh, session_alias, "?" },
};

/* The rows of places a score report ends with, in its line column: not
 * lines assessed, so not values of MI_V_LINE, but named in Chinese too. */
static const char *const place_en[] = { "street", "area", "county" };
static const char *const place_zh[] = { "街道", "城乡", "全县" };

const char *
mi_vocab_zh_of(int vocab, const char *s)
{
	size_t i;
	int v;

	if ((v = mi_vocab_parse(vocab, s)) >= 0)
		return mi_vocab_zh(vocab, v);
	for (i = 0; vocab == MI_V_LINE && s && i < MI_ARRAY_LEN(place_en); i++)
		if (strcmp(s, place_en[i]) == 0)
			return place_zh[i];
	return NULL;
}

const char *
mi_vocab_name(int vocab, int value)
{
	const struct vocab *v = &vocabs[vocab];

	return value >= 0 && value < v->n ? v->en[value] : v->unknown;
}

const char *
mi_vocab_zh(int vocab, int value)
{
	const struct vocab *v = &vocabs[vocab];

	return value >= 0 && value < v->n ? v->zh[value] : v->unknown;
}

int
mi_vocab_parse(int vocab, const char *s)
{
	const struct vocab *v = &vocabs[vocab];
	const struct alias *a;
	int i;

	/* An empty colour is a case with none; every other vocabulary has no
	 * empty value. */
	if (s == NULL || *s == '\0')
		return vocab == MI_V_COLOUR ? MI_COLOUR_NONE : -1;
	for (i = 0; i < v->n; i++)
		if (strcmp(s, v->en[i]) == 0 || strcmp(s, v->zh[i]) == 0)
			return i;
	for (a = v->alias; a->name != NULL; a++)
		if (strcmp(s, a->name) == 0)
			return a->value;
	return -1;
}

void
mi_vocab_list(int vocab, mi_buf *b)
{
	const struct vocab *v = &vocabs[vocab];
	int i;

	for (i = 0; i < v->n; i++)
		mi_buf_printf(b, "%s%s/%s", i > 0 ? ", " : "", v->en[i], v->zh[i]);
}

/*
 * The Chinese headers of the tools' output columns (--headers zh), and the
 * vocabulary whose values a column holds. A name means the same wherever it
 * appears, so one table serves every tool; a header the sheets the tools read
 * also know (案件编号, 编号, 登记时间, 回访结果 ...) is chosen so that an
 * exported sheet reads back. Sorted by the English name.
 */
static const struct column {
	const char *en, *zh;
	int vocab;             /* MI_V_*, or -1 */
} columns[] = {
	{ "activity", "搜集活动", -1 }, { "at", "时间", -1 }, { "attempts", "回访次数", -1 },
	{ "bank_points", "文明银行积分", -1 }, { "blue", "蓝色预警", -1 },
	{ "callback_rate", "回访率", -1 }, { "caller", "回访人", -1 }, { "captain", "包小区干部队长", -1 },
	{ "captain_unit", "包小区干部单位", -1 }, { "case", "匹配案件", -1 }, { "cases", "案件数", -1 },
	{ "category", "类别", -1 }, { "channel", "渠道", MI_V_CHANNEL }, { "closed", "销号", -1 },
	{ "closure_rate", "办结率", -1 }, { "code", "编码", -1 }, { "collected", "搜集件数", -1 },
	{ "collector", "搜集人", -1 }, { "colour", "预警", MI_V_COLOUR }, { "community", "社区", -1 },
	{ "confidence", "置信度", -1 }, { "contact", "联系人", -1 }, { "count", "数量", -1 },
	{ "counted", "计入案件", -1 }, { "covers", "包保小区", -1 }, { "day", "日期", -1 }, { "days", "延期天数", -1 },
	{ "decision", "会商决定", -1 },
	{ "deduction", "扣分", -1 }, { "depth", "层级深度", -1 }, { "details", "详情", -1 },
	{ "dissatisfied", "不满意次数", -1 }, { "due", "办理期限", -1 }, { "estate", "小区", -1 },
	{ "estate_names", "包保小区", -1 }, { "estates", "包保小区数", -1 },
	{ "event", "事件", -1 }, { "extension", "延期申请天数", -1 },
	{ "extensions", "延期次数", -1 }, { "field", "字段", -1 }, { "first_rate", "首办率", -1 }, { "first_unit", "首办单位", -1 },
	{ "grade", "等次", -1 }, { "held", "召开时间", -1 }, { "hotline", "热线记录", -1 },
	{ "hotline_rate", "热线率", -1 },
	{ "how", "分办方式", -1 }, { "id", "案件编号", -1 }, { "is_captain", "队长", -1 }, { "kind", "类型", MI_V_KIND },
	{ "last_attempt", "最近回访", -1 }, { "lead", "牵头单位", -1 },
	{ "lead_name", "牵头单位名称", -1 }, { "left", "剩余工作日", -1 },
	{ "line", "条线", MI_V_LINE }, { "meeting", "会商编号", -1 }, { "meetings", "会商次数", -1 },
	{ "member", "队员", -1 }, { "members", "队员数", -1 },
	{ "missed", "漏报", -1 }, { "misses", "漏报数", -1 }, { "month", "月份", -1 },
	{ "months", "月数", -1 }, { "moved_to", "升级至", MI_V_TIER }, { "name", "名称", -1 },
	{ "note", "备注", -1 }, { "notes", "备注", -1 }, { "oldest", "最早登记", -1 },
	{ "oldest_due", "最早期限", -1 }, { "on_time_rate", "按时办结率", -1 },
	{ "open", "在办", -1 }, { "operator", "操作人", -1 },
	{ "outcome", "回访结果", MI_V_OUTCOME }, { "overdue", "超期", -1 },
	{ "parent", "上级", -1 },
	{ "participants", "参加人员", -1 },
	{ "people", "人数", -1 }, { "person", "人员", -1 },
	{ "phone", "联系电话", -1 },
	{ "platform", "议事平台", -1 },
	{ "platform_kind", "平台类型", MI_V_PLATFORM },
	{ "points", "扣分", -1 },
	{ "proposed_tier", "拟办类型", MI_V_TIER }, { "rank", "排名", -1 },
	{ "reason", "原因", -1 }, { "received", "登记时间", -1 }, { "red", "红色预警", -1 },
	{ "ref", "编号", -1 }, { "reopened", "重办", -1 }, { "reopens", "重办次数", -1 },
	{ "reporter", "反映人", -1 }, { "resolution", "办理结果", -1 }, { "resolved", "办结", -1 },
	{ "returned", "退回", -1 }, { "returns", "退回次数", -1 },
	{ "role", "职务", -1 }, { "rule", "规则", -1 }, { "satisfaction_rate", "满意率", -1 },
	{ "score", "得分", -1 }, { "secretary", "民情书记队长", -1 },
	{ "secretary_unit", "民情书记单位", -1 },
	{ "session", "议事编号", -1 },
	{ "session_kind", "议事形式", MI_V_SESSION },
	{ "session_outcome", "议事结果", -1 },
	{ "sessions", "议事次数", -1 },
	{ "settled", "议事化解", -1 },
	{ "settled_at_session", "议事化解数", -1 },
	{ "sign_on_time_rate", "按时签收率", -1 },
	{ "sign_rate", "签收率", -1 }, { "signed", "签收时间", -1 }, { "status", "状态", MI_V_STATUS }, { "street", "街道", -1 }, { "team", "搜集小分队", -1 },
	{ "text", "诉求内容", -1 }, { "ticket", "工单编号", -1 }, { "tier", "层级", MI_V_TIER },
	{ "time", "时间", -1 }, { "unit", "单位", -1 }, { "unit_name", "单位名称", -1 },
	{ "units", "参会单位", -1 }, { "value", "值", -1 }, { "was", "原预警", MI_V_COLOUR }, { "why", "原因", -1 },
	{ "yellow", "黄色预警", -1 },
};

static int
column_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct column *)elem)->en);
}

const char *
mi_column_zh(const char *name, int *vocab)
{
	const struct column *c;

	c = mi_search(name, columns, MI_ARRAY_LEN(columns), sizeof(columns[0]), column_cmp);
	if (vocab)
		*vocab = c ? c->vocab : -1;
	return c ? c->zh : NULL;
}
