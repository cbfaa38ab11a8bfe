/*
 * gen-data.c - deterministic demo data for minyi: Jiaxiang County's
 * organisation, its collection teams, a 社情民意365 ledger and a 12345
 * hotline export that partly overlaps it.
 *
 * Standalone C11 and libc only, so it builds before (and without) the
 * library.  Every record draws from its own generator seeded by (seed,
 * stream, index): the same arguments give byte-identical output, and the
 * hotline subcommand can regenerate any ledger case it needs without
 * keeping the whole ledger in memory.
 *
 * The street, town, community and village names and codes below are facts
 * (the 2021 statistical division codes of 370829); everything else --
 * people, estates, phone numbers, texts -- is invented.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum { EX_USAGE = 64, EX_SOFTWARE = 70, EX_CANTCREAT = 73, EX_IOERR = 74 };

static const char *progname = "gen-data";

_Noreturn static void fatal(int code, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(code);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		fatal(EX_SOFTWARE, "%s", "out of memory");
	return p;
}

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64, one small state per record.            */

typedef struct { uint64_t s; } rng;

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnext(rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

/* Streams keep the draws of different things independent of each other. */
enum { S_WORLD = 1, S_DAY, S_CASE, S_HOT, S_HOTPERM, S_TICKET, S_AGAIN };

static void rseed(rng *r, uint64_t seed, uint64_t stream, uint64_t index)
{
	r->s = mix64(mix64(seed ^ (stream * 0xd1b54a32d192ed03ULL)) + mix64(index + 0x632be59bd9b4e019ULL));
}

static uint32_t rbelow(rng *r, uint32_t n)
{
	return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static double runit(rng *r)
{
	return (double)(rnext(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rpct(rng *r, double p)
{
	return runit(r) < p;
}

static int rrange(rng *r, int lo, int hi)
{
	return lo + (int)rbelow(r, (uint32_t)(hi - lo + 1));
}

static int rweighted(rng *r, const int *w, int n)
{
	int total = 0, i;
	for (i = 0; i < n; i++)
		total += w[i];
	if (total <= 0)
		return 0;
	int x = (int)rbelow(r, (uint32_t)total);
	for (i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/*
 * Never draw twice in one call's arguments: their order is unspecified,
 * and gcc and clang would then write different data for the same seed.
 */
#define PICK(r, a) ((a)[rbelow((r), (uint32_t)NELEM(a))])

/* ------------------------------------------------------------------ */
/* Bounded string building; output past the end is dropped, not a bug. */

typedef struct { char *p; size_t len, cap; } sb;

static void sb_init(sb *b, char *buf, size_t cap)
{
	b->p = buf;
	b->len = 0;
	b->cap = cap;
	buf[0] = 0;
}

static void sb_mem(sb *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap) {
		n = b->cap - 1 - b->len;
		/* never cut a UTF-8 character in half */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void sb_add(sb *b, const char *s)
{
	sb_mem(b, s, strlen(s));
}

static void sb_uint(sb *b, unsigned long long v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	char out[24];
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	sb_mem(b, out, (size_t)n);
}

static void sb_digits(sb *b, rng *r, int n)
{
	char d[16];
	for (int i = 0; i < n && i < 16; i++)
		d[i] = (char)('0' + rbelow(r, 10));
	sb_mem(b, d, (size_t)(n < 16 ? n : 16));
}

/* ------------------------------------------------------------------ */
/* Buffered CSV writer (RFC 4180 quoting, LF line ends).              */

typedef struct {
	FILE *f;
	const char *name;
	char *buf;
	size_t len, cap;
} writer;

static void w_open(writer *w, FILE *f, const char *name)
{
	w->f = f;
	w->name = name;
	w->cap = 1 << 20;
	w->len = 0;
	w->buf = xcalloc(1, w->cap);
}

static void w_flush(writer *w)
{
	if (w->len && fwrite(w->buf, 1, w->len, w->f) != w->len)
		fatal(EX_IOERR, "cannot write '%s'", w->name);
	w->len = 0;
}

static void w_mem(writer *w, const char *s, size_t n)
{
	if (w->len + n > w->cap) {
		w_flush(w);
		if (n > w->cap) {
			if (fwrite(s, 1, n, w->f) != n)
				fatal(EX_IOERR, "cannot write '%s'", w->name);
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void w_str(writer *w, const char *s)
{
	w_mem(w, s, strlen(s));
}

static void w_field(writer *w, const char *s, int last)
{
	size_t n = strlen(s);
	if (strpbrk(s, ",\"\r\n")) {
		w_mem(w, "\"", 1);
		const char *q;
		while ((q = strchr(s, '"'))) {
			w_mem(w, s, (size_t)(q - s) + 1);
			w_mem(w, "\"", 1);
			s = q + 1;
		}
		w_mem(w, s, strlen(s));
		w_mem(w, "\"", 1);
	} else {
		w_mem(w, s, n);
	}
	w_mem(w, last ? "\n" : ",", 1);
}

static void w_close(writer *w)
{
	w_flush(w);
	if (fflush(w->f) != 0 || ferror(w->f))
		fatal(EX_IOERR, "cannot write '%s'", w->name);
	free(w->buf);
	w->buf = NULL;
}

/* ------------------------------------------------------------------ */
/* Civil dates, without time zones: everything here is local time.    */

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 Sunday ... 6 Saturday */
static int weekday(int64_t z)
{
	int64_t w = (z + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static int month_of(int64_t z)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	return m;
}

static void sb_date(sb *b, int64_t z, const char *sep)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	sb_uint(b, (unsigned)y, 4);
	sb_add(b, sep);
	sb_uint(b, (unsigned)m, 2);
	sb_add(b, sep);
	sb_uint(b, (unsigned)d, 2);
}

/* ------------------------------------------------------------------ */
/* Facts: Jiaxiang's streets, towns, communities and some villages.   */

struct div { const char *code, *name, *parent; };

static const struct div streets_tab[] = {
	{ "370829001", "嘉祥镇街道", "370829" },
	{ "370829002", "卧龙山街道", "370829" },
	{ "370829003", "万张街道", "370829" },
	{ "370829101", "纸坊镇", "370829" },
	{ "370829102", "梁宝寺镇", "370829" },
	{ "370829104", "疃里镇", "370829" },
	{ "370829105", "马村镇", "370829" },
	{ "370829106", "金屯镇", "370829" },
	{ "370829107", "大张楼镇", "370829" },
	{ "370829108", "马集镇", "370829" },
	{ "370829110", "孟姑集镇", "370829" },
	{ "370829111", "老僧堂镇", "370829" },
	{ "370829112", "仲山镇", "370829" },
	{ "370829113", "满硐镇", "370829" },
	{ "370829114", "黄垓镇", "370829" },
};
#define N_URBAN_STREETS 3

/*
 * Urban communities.  In the 2021 codes only 嘉祥镇街道 has 社区居民委员会;
 * the two other streets' urban neighbourhoods are the recently formed
 * 村村民委员会 (codes 238+ and 252+), which we treat as communities too.
 */
static const struct div comms_tab[] = {
	{ "370829001008", "呈祥社区居民委员会", "370829001" },
	{ "370829001009", "吉祥社区居民委员会", "370829001" },
	{ "370829001010", "萌山社区居民委员会", "370829001" },
	{ "370829001011", "卧牛山社区居民委员会", "370829001" },
	{ "370829001012", "祥城北苑社区居民委员会", "370829001" },
	{ "370829001013", "祥和社区居民委员会", "370829001" },
	{ "370829001014", "演武社区居民委员会", "370829001" },
	{ "370829001015", "前进和社区居民委员会", "370829001" },
	{ "370829001016", "武城社区居民委员会", "370829001" },
	{ "370829002252", "大山头村村民委员会", "370829002" },
	{ "370829002253", "丹凤山村村民委员会", "370829002" },
	{ "370829002254", "黄罗庄村村民委员会", "370829002" },
	{ "370829002255", "聚兴村村民委员会", "370829002" },
	{ "370829002256", "龙西村村民委员会", "370829002" },
	{ "370829002257", "龙祥村村民委员会", "370829002" },
	{ "370829002258", "石人村村民委员会", "370829002" },
	{ "370829002259", "祥龙新村村民委员会", "370829002" },
	{ "370829002260", "振兴村村民委员会", "370829002" },
	{ "370829002261", "舟船山村村民委员会", "370829002" },
	{ "370829003238", "前街村村民委员会", "370829003" },
	{ "370829003239", "西四村村民委员会", "370829003" },
	{ "370829003240", "向阳村村民委员会", "370829003" },
	{ "370829003241", "万福村村民委员会", "370829003" },
	{ "370829003242", "顺河东村村民委员会", "370829003" },
	{ "370829003243", "顺河西村村民委员会", "370829003" },
};

/* Five real villages of each town: enough for rural cases, not all 320. */
static const struct div villages_tab[] = {
	{ "370829101200", "东纸坊村委会", "370829101" },
	{ "370829101204", "吴店村委会", "370829101" },
	{ "370829101211", "隋庄村委会", "370829101" },
	{ "370829101212", "青山村委会", "370829101" },
	{ "370829101217", "县坡村委会", "370829101" },
	{ "370829102201", "曹东村委会", "370829102" },
	{ "370829102204", "曹北村委会", "370829102" },
	{ "370829102207", "南郭村委会", "370829102" },
	{ "370829102209", "南张村委会", "370829102" },
	{ "370829102210", "石庙村委会", "370829102" },
	{ "370829104206", "疃里村委会", "370829104" },
	{ "370829104207", "西高村委会", "370829104" },
	{ "370829104208", "梁集村委会", "370829104" },
	{ "370829104209", "进士张村委会", "370829104" },
	{ "370829104210", "崔桥村委会", "370829104" },
	{ "370829105200", "马东村委会", "370829105" },
	{ "370829105201", "马西村委会", "370829105" },
	{ "370829105202", "胡楼村委会", "370829105" },
	{ "370829105203", "王营村委会", "370829105" },
	{ "370829105204", "黄庄村委会", "370829105" },
	{ "370829106200", "王固堆村委会", "370829106" },
	{ "370829106201", "河沟村委会", "370829106" },
	{ "370829106203", "谢城村委会", "370829106" },
	{ "370829106208", "沙土集村委会", "370829106" },
	{ "370829106211", "纪屯村委会", "370829106" },
	{ "370829107200", "张西村委会", "370829107" },
	{ "370829107201", "张东村委会", "370829107" },
	{ "370829107202", "前高庄村委会", "370829107" },
	{ "370829107203", "前张楼村委会", "370829107" },
	{ "370829107208", "临湖集村委会", "370829107" },
	{ "370829108200", "马集村委会", "370829108" },
	{ "370829108201", "云山村委会", "370829108" },
	{ "370829108202", "阙里村委会", "370829108" },
	{ "370829108203", "磨山村委会", "370829108" },
	{ "370829108204", "任山村委会", "370829108" },
	{ "370829110202", "西张村委会", "370829110" },
	{ "370829110203", "西赵村委会", "370829110" },
	{ "370829110207", "卞庄村委会", "370829110" },
	{ "370829110216", "杨庄村委会", "370829110" },
	{ "370829110217", "孟姑集村委会", "370829110" },
	{ "370829111213", "兰垓村委会", "370829111" },
	{ "370829111214", "杜垓村委会", "370829111" },
	{ "370829111215", "汪孟屯村委会", "370829111" },
	{ "370829111216", "老僧堂村委会", "370829111" },
	{ "370829111219", "魏庄村委会", "370829111" },
	{ "370829112201", "仲南村委会", "370829112" },
	{ "370829112202", "仲北村委会", "370829112" },
	{ "370829112203", "仲西村委会", "370829112" },
	{ "370829112204", "北李村委会", "370829112" },
	{ "370829112205", "陆庄村委会", "370829112" },
	{ "370829113200", "杨楼村委会", "370829113" },
	{ "370829113201", "刘庄村委会", "370829113" },
	{ "370829113202", "宋山村委会", "370829113" },
	{ "370829113205", "韩沟村委会", "370829113" },
	{ "370829113211", "北吴村委会", "370829113" },
	{ "370829114200", "黄东村委会", "370829114" },
	{ "370829114203", "黄北村委会", "370829114" },
	{ "370829114210", "司垓村委会", "370829114" },
	{ "370829114211", "胡楼村委会", "370829114" },
	{ "370829114212", "张楼村委会", "370829114" },
};

static const char *const depts_tab[] = {
	"县住房和城乡建设局", "县综合行政执法局", "济宁市生态环境局嘉祥县分局",
	"县公安局", "县交通运输局", "县水务局", "嘉祥县供热公司",
	"县市场监督管理局", "县自然资源和规划局", "县民政局",
	"县人力资源和社会保障局", "县卫生健康局", "县教育和体育局",
};

/* "双报到" units: county organs and enterprises that send 民情书记. */
static const char *const pairing_tab[] = {
	"县财政局", "县税务局", "国网嘉祥县供电公司", "县人民医院", "县中医院",
	"县发展和改革局", "县委组织部", "县委宣传部", "县委政法委", "县审计局",
	"县统计局", "县农业农村局", "县文化和旅游局", "县行政审批服务局",
	"县应急管理局", "县退役军人事务局", "县司法局", "县医疗保障局",
	"县融媒体中心", "县农村商业银行",
};

/* ------------------------------------------------------------------ */
/* Invented: names, phones, estate names.                             */

struct wstr { const char *s; int w; };

/* Roughly Shandong's frequency order, with 曾 and 孔 above the national mean. */
static const struct wstr surnames[] = {
	{ "王", 90 }, { "张", 80 }, { "李", 78 }, { "刘", 60 }, { "孙", 35 },
	{ "陈", 30 }, { "杨", 30 }, { "赵", 30 }, { "徐", 24 }, { "高", 22 },
	{ "马", 22 }, { "郭", 18 }, { "朱", 16 }, { "曹", 15 }, { "曾", 14 },
	{ "孔", 12 }, { "胡", 12 }, { "吴", 12 }, { "周", 12 }, { "宋", 12 },
	{ "韩", 11 }, { "魏", 10 }, { "贾", 10 }, { "田", 10 }, { "孟", 10 },
	{ "于", 10 }, { "董", 9 }, { "冯", 9 }, { "薛", 8 }, { "谢", 8 },
	{ "崔", 8 }, { "杜", 8 }, { "许", 8 }, { "侯", 7 }, { "邵", 7 },
	{ "梁", 7 }, { "姜", 7 }, { "袁", 6 }, { "任", 6 }, { "彭", 6 },
	{ "黄", 6 }, { "程", 6 }, { "颜", 5 }, { "苏", 5 }, { "范", 5 },
	{ "郝", 5 }, { "卢", 4 }, { "白", 4 }, { "秦", 4 }, { "申", 4 },
	{ "仲", 3 }, { "司", 3 }, { "卞", 3 }, { "翟", 3 }, { "闫", 3 },
};

static const char *const given_m[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平",
	"辉", "鹏", "华", "飞", "鑫", "波", "宁", "浩", "凯", "健", "俊", "帆",
	"旭", "宇", "瑞", "峰", "建", "国", "庆", "海", "东", "林", "振", "兴",
	"志", "文", "成", "德", "新", "永", "宝", "春", "长", "金", "广", "士",
};

static const char *const given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "燕", "玲",
	"桂", "兰", "萍", "红", "梅", "琳", "洁", "慧", "婷", "雪", "倩", "颖",
	"莉", "凤", "云", "玉", "琴", "荣", "爱", "月", "晶", "欣", "悦", "香",
};

/* Whole given names as parents chose them, from 1950s to 2000s fashions. */
static const char *const given2_m[] = {
	"建国", "志强", "国庆", "海涛", "卫东", "振华", "德胜", "明亮", "晓东",
	"俊杰", "子轩", "浩然", "宇航", "文博", "广利", "传明", "庆春", "长海",
	"兆峰", "士杰", "洪波", "继东", "宪军", "庆国", "立新", "红军", "家豪",
	"传奇", "新民", "玉林", "德华", "成林", "金龙", "延庆", "守信", "昌盛",
};

static const char *const given2_f[] = {
	"秀英", "桂兰", "玉梅", "凤英", "秀兰", "丽娟", "晓燕", "静怡", "雨涵",
	"欣怡", "梓涵", "淑珍", "春梅", "海燕", "玉兰", "金凤", "红霞", "丽华",
	"素芳", "翠兰", "美玲", "晓丽", "文静", "思雨", "佳琪", "凤霞", "爱华",
	"秀云", "玉珍", "桂芝", "雪梅", "艳红", "丽萍", "慧敏", "婉婷", "梦瑶",
};

static const char *const mobile_prefix[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
	"173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
	"185", "186", "187", "188", "189", "191", "198", "199",
};

static const char *pick_surname(rng *r)
{
	int w[NELEM(surnames)];
	for (size_t i = 0; i < NELEM(surnames); i++)
		w[i] = surnames[i].w;
	return surnames[rweighted(r, w, (int)NELEM(surnames))].s;
}

static void gen_name(rng *r, char *out, size_t cap)
{
	sb b;
	sb_init(&b, out, cap);
	sb_add(&b, pick_surname(r));
	int female = (int)rbelow(r, 2);
	double x = runit(r);
	if (x < 0.45) {
		sb_add(&b, female ? PICK(r, given2_f) : PICK(r, given2_m));
	} else {
		sb_add(&b, female ? PICK(r, given_f) : PICK(r, given_m));
		if (x >= 0.70)
			sb_add(&b, female ? PICK(r, given_f) : PICK(r, given_m));
	}
}

static void gen_mobile(rng *r, char *out, size_t cap)
{
	sb b;
	sb_init(&b, out, cap);
	sb_add(&b, PICK(r, mobile_prefix));
	sb_digits(&b, r, 8);
}

static const char *const estate_head[] = {
	"祥和", "金城", "书香", "东方", "锦绣", "阳光", "御景", "翰林", "和谐",
	"幸福", "盛世", "凤凰", "麒麟", "曾子", "青山", "中央", "世纪", "嘉和",
	"泰和", "滨河", "兴隆", "宏图", "卧龙", "文昌", "翠湖", "南湖", "北辰",
	"嘉禾", "瑞祥", "福星", "龙城", "鑫城", "明珠", "天和", "紫荆", "丽都",
	"康居", "颐和", "状元", "春晖", "丰泽", "永安", "恒信", "武祠", "圣贤",
	"鸿运", "金桥", "香山", "怡景", "新华",
};

static const char *const estate_tail[] = {
	"苑", "花园", "小区", "家园", "名邸", "华府", "佳苑", "雅居", "新城",
	"公馆", "丽景", "嘉园", "府", "名苑", "花苑", "雅苑", "一品", "尚城",
	"学府", "御府", "新村", "园",
};

/* Old work-unit compounds: a county town still has many of them. */
static const char *const estate_old[] = {
	"县医院家属院", "供电公司家属院", "粮食局宿舍", "一中家属院", "教师公寓",
	"棉纺厂宿舍", "石材厂家属院", "县委家属院", "建行家属院", "农机公司宿舍",
	"供销社家属院", "实验小学家属院", "交通局家属院", "税务局宿舍",
};

/* ------------------------------------------------------------------ */
/* The world: units and people, built the same way for every command. */

enum kind { K_COUNTY, K_CENTRE, K_STREET, K_COMMUNITY, K_ESTATE, K_PAIRING, K_DEPT };
static const char *const kind_names[] = {
	"county", "centre", "street", "community", "estate", "pairing", "department",
};

enum role { R_WORKER, R_SECRETARY, R_MANAGER, R_CADRE, R_MINQING, R_OWNERS, R_PARTY, R_NROLES };
static const char *const role_names[] = {
	"社区工作者", "小区书记", "物业经理", "包小区干部", "民情书记", "业委会成员", "党员中心户",
};

struct unit {
	char code[24];
	char name[48];
	char shortname[48];   /* as people say it: 萌山社区, 东纸坊村 */
	int kind;
	int parent;           /* index, -1 for the county */
	char contact[16];
	char phone[16];
};

struct person {
	char name[16];
	char phone[16];
	int unit;
	int role;
	char covers[96];
};

struct estate {
	int unit, comm, street;
	int old;
	int nb, upb, floors, doors;   /* buildings, units per building, floors, flats per floor */
	int households;
	int team;
	int secretary, manager, cadre;
	int owners[3], nowners;
	int party[2], nparty;
};

struct comm {
	int unit, street;
	int e0, ne;
	int workers[2], nworkers;
	int minqing;
	int pairing;
};

struct village {
	int unit, street;
	int team;
	int worker;
};

typedef struct {
	struct unit *u;
	int nu;
	struct person *p;
	int np;
	struct estate *e;
	int ne;
	struct comm *c;
	int nc;
	struct village *v;
	int nv;
	int street_of_town[NELEM(streets_tab)];   /* unit index per streets_tab row */
	int npairing0;                              /* unit index of the first pairing unit */
	int *estate_cum;                            /* cumulative households for picking */
} world;

static int add_unit(world *w, const char *code, const char *name, int kind, int parent)
{
	struct unit *u = &w->u[w->nu];
	snprintf(u->code, sizeof u->code, "%s", code);
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->shortname, sizeof u->shortname, "%s", name);
	u->kind = kind;
	u->parent = parent;
	return w->nu++;
}

static void strip_suffix(char *s, const char *suffix, const char *repl)
{
	size_t n = strlen(s), m = strlen(suffix);
	if (n >= m && strcmp(s + n - m, suffix) == 0) {
		s[n - m] = 0;
		strcat(s, repl);
	}
}

static void short_name(struct unit *u)
{
	strip_suffix(u->shortname, "社区居民委员会", "社区");
	strip_suffix(u->shortname, "村村民委员会", "村");
	strip_suffix(u->shortname, "村委会", "村");
}

static int name_taken(const world *w, const char *name)
{
	for (int i = 0; i < w->np; i++)
		if (strcmp(w->p[i].name, name) == 0)
			return 1;
	return 0;
}

static int add_person(world *w, rng *r, int unit, int role)
{
	struct person *p = &w->p[w->np];
	do
		gen_name(r, p->name, sizeof p->name);
	while (name_taken(w, p->name));
	gen_mobile(r, p->phone, sizeof p->phone);
	p->unit = unit;
	p->role = role;
	p->covers[0] = 0;
	return w->np++;
}

static void add_cover(world *w, int person, int estate_unit)
{
	struct person *p = &w->p[person];
	if (p->covers[0])
		strcat(p->covers, ";");
	strcat(p->covers, w->u[estate_unit].code);
}

static int estate_name_taken(const world *w, const char *name)
{
	for (int i = 0; i < w->ne; i++)
		if (strcmp(w->u[w->e[i].unit].name, name) == 0)
			return 1;
	return 0;
}

static void gen_estate_name(rng *r, const world *w, const struct unit *comm, char *out, size_t cap, int *old)
{
	for (;;) {
		*old = 0;
		double x = runit(r);
		if (x < 0.10) {
			snprintf(out, cap, "%s", PICK(r, estate_old));
			*old = 1;
		} else if (x < 0.18 && strstr(comm->name, "社区居民委员会")) {
			/* named after the community: 萌山小区, 演武花园 */
			sb b;
			sb_init(&b, out, cap);
			sb_add(&b, comm->shortname);
			if (b.len >= 6 && strcmp(out + b.len - 6, "社区") == 0)
				out[b.len -= 6] = 0;
			sb_add(&b, rpct(r, 0.6) ? "小区" : "花园");
		} else {
			const char *head = PICK(r, estate_head);
			snprintf(out, cap, "%s%s", head, PICK(r, estate_tail));
		}
		if (!estate_name_taken(w, out))
			return;
	}
}

static void build_world(world *w, uint64_t seed)
{
	rng r;
	rseed(&r, seed, S_WORLD, 0);
	memset(w, 0, sizeof *w);
	w->u = xcalloc(1024, sizeof *w->u);
	w->p = xcalloc(2048, sizeof *w->p);
	w->e = xcalloc(256, sizeof *w->e);
	w->c = xcalloc(NELEM(comms_tab), sizeof *w->c);
	w->v = xcalloc(NELEM(villages_tab), sizeof *w->v);

	int county = add_unit(w, "370829", "嘉祥县", K_COUNTY, -1);
	add_unit(w, "370829C01", "嘉祥县社会治理服务中心", K_CENTRE, county);
	char code[24];
	for (size_t i = 0; i < NELEM(depts_tab); i++) {
		snprintf(code, sizeof code, "D%02u", (unsigned)i + 1);
		add_unit(w, code, depts_tab[i], K_DEPT, county);
	}
	w->npairing0 = w->nu;
	for (size_t i = 0; i < NELEM(pairing_tab); i++) {
		snprintf(code, sizeof code, "P%02u", (unsigned)i + 1);
		add_unit(w, code, pairing_tab[i], K_PAIRING, county);
	}
	for (size_t i = 0; i < NELEM(streets_tab); i++)
		w->street_of_town[i] = add_unit(w, streets_tab[i].code, streets_tab[i].name, K_STREET, county);

	/* Pairing units are shared out over the communities, a few twice. */
	int perm[NELEM(pairing_tab)];
	for (size_t i = 0; i < NELEM(perm); i++)
		perm[i] = (int)i;
	for (size_t i = NELEM(perm) - 1; i > 0; i--) {
		int j = (int)rbelow(&r, (uint32_t)i + 1), t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}

	for (size_t i = 0; i < NELEM(comms_tab); i++) {
		int st = 0;
		for (size_t s = 0; s < NELEM(streets_tab); s++)
			if (strcmp(streets_tab[s].code, comms_tab[i].parent) == 0)
				st = w->street_of_town[s];
		struct comm *c = &w->c[w->nc++];
		c->unit = add_unit(w, comms_tab[i].code, comms_tab[i].name, K_COMMUNITY, st);
		short_name(&w->u[c->unit]);
		c->street = st;
		c->pairing = w->npairing0 + perm[i % NELEM(perm)];
	}
	for (size_t i = 0; i < NELEM(villages_tab); i++) {
		int st = 0;
		for (size_t s = 0; s < NELEM(streets_tab); s++)
			if (strcmp(streets_tab[s].code, villages_tab[i].parent) == 0)
				st = w->street_of_town[s];
		struct village *v = &w->v[w->nv++];
		v->unit = add_unit(w, villages_tab[i].code, villages_tab[i].name, K_COMMUNITY, st);
		short_name(&w->u[v->unit]);
		v->street = st;
	}

	/* Estates: the old core of 嘉祥镇街道 is denser than the new streets. */
	for (int ci = 0; ci < w->nc; ci++) {
		struct comm *c = &w->c[ci];
		int core = strstr(w->u[c->unit].name, "社区居民委员会") != NULL;
		c->e0 = w->ne;
		c->ne = core ? rrange(&r, 3, 6) : rrange(&r, 2, 4);
		for (int k = 0; k < c->ne; k++) {
			struct estate *e = &w->e[w->ne];
			char name[48];
			gen_estate_name(&r, w, &w->u[c->unit], name, sizeof name, &e->old);
			sb cb;
			sb_init(&cb, code, sizeof code);
			sb_add(&cb, w->u[c->unit].code);
			sb_add(&cb, "-E");
			sb_uint(&cb, (unsigned)k + 1, 2);
			e->unit = add_unit(w, code, name, K_ESTATE, c->unit);
			e->comm = ci;
			e->street = c->street;
			if (e->old) {
				e->nb = rrange(&r, 2, 8);
				e->upb = rrange(&r, 2, 4);
				e->floors = rrange(&r, 5, 6);
				e->doors = 2;
			} else {
				e->nb = rrange(&r, 6, 36);
				e->upb = rrange(&r, 1, 3);
				static const int fl[] = { 6, 11, 11, 18, 18, 26, 33 };
				e->floors = PICK(&r, fl);
				e->doors = e->floors > 11 ? rrange(&r, 2, 4) : 2;
			}
			e->households = e->nb * e->upb * e->floors * e->doors;
			e->team = w->ne + 1;
			w->ne++;
		}
	}
	for (int vi = 0; vi < w->nv; vi++) {
		int t = 0;
		for (size_t s = N_URBAN_STREETS; s < NELEM(streets_tab); s++)
			if (w->street_of_town[s] == w->v[vi].street)
				t = (int)(s - N_URBAN_STREETS);
		w->v[vi].team = w->ne + 1 + t;
	}
	w->estate_cum = xcalloc((size_t)w->ne + 1, sizeof(int));
	for (int i = 0; i < w->ne; i++)
		w->estate_cum[i + 1] = w->estate_cum[i] + w->e[i].households;

	/* People: the collection team of each community and estate. */
	for (int ci = 0; ci < w->nc; ci++) {
		struct comm *c = &w->c[ci];
		c->nworkers = rrange(&r, 1, 2);
		for (int k = 0; k < c->nworkers; k++)
			c->workers[k] = add_person(w, &r, c->unit, R_WORKER);
		c->minqing = add_person(w, &r, c->pairing, R_MINQING);
		for (int k = 0; k < c->ne; k++) {
			struct estate *e = &w->e[c->e0 + k];
			e->secretary = add_person(w, &r, c->unit, R_SECRETARY);
			add_cover(w, e->secretary, e->unit);
			e->manager = add_person(w, &r, c->unit, R_MANAGER);
			add_cover(w, e->manager, e->unit);
			e->nowners = e->old ? rrange(&r, 0, 1) : rrange(&r, 1, 3);
			for (int j = 0; j < e->nowners; j++) {
				e->owners[j] = add_person(w, &r, c->unit, R_OWNERS);
				add_cover(w, e->owners[j], e->unit);
			}
			e->nparty = rrange(&r, 1, 2);
			for (int j = 0; j < e->nparty; j++) {
				e->party[j] = add_person(w, &r, c->unit, R_PARTY);
				add_cover(w, e->party[j], e->unit);
			}
		}
		/* 包小区干部 from the street office: each estate has exactly one. */
		for (int k = 0; k < c->ne;) {
			int g = rrange(&r, 1, 3);
			if (g > c->ne - k)
				g = c->ne - k;
			int cadre = add_person(w, &r, c->street, R_CADRE);
			for (int j = 0; j < g; j++, k++) {
				w->e[c->e0 + k].cadre = cadre;
				add_cover(w, cadre, w->e[c->e0 + k].unit);
			}
		}
	}
	for (int vi = 0; vi < w->nv; vi++)
		w->v[vi].worker = add_person(w, &r, w->v[vi].unit, R_WORKER);

	/* Contacts: the person who answers for the unit. */
	for (int i = 1; i < w->nu; i++) {
		struct unit *u = &w->u[i];
		gen_name(&r, u->contact, sizeof u->contact);
		gen_mobile(&r, u->phone, sizeof u->phone);
	}
	for (int ci = 0; ci < w->nc; ci++) {
		struct comm *c = &w->c[ci];
		struct person *p = &w->p[c->workers[0]];
		memcpy(w->u[c->unit].contact, p->name, sizeof p->name);
		memcpy(w->u[c->unit].phone, p->phone, sizeof p->phone);
		for (int k = 0; k < c->ne; k++) {
			struct estate *e = &w->e[c->e0 + k];
			p = &w->p[e->secretary];
			memcpy(w->u[e->unit].contact, p->name, sizeof p->name);
			memcpy(w->u[e->unit].phone, p->phone, sizeof p->phone);
		}
	}
	for (int vi = 0; vi < w->nv; vi++) {
		struct person *p = &w->p[w->v[vi].worker];
		memcpy(w->u[w->v[vi].unit].contact, p->name, sizeof p->name);
		memcpy(w->u[w->v[vi].unit].phone, p->phone, sizeof p->phone);
	}
}

static void world_free(world *w)
{
	free(w->u);
	free(w->p);
	free(w->e);
	free(w->c);
	free(w->v);
	free(w->estate_cum);
}

/* Parents come before children, so a loader can resolve in one pass. */
static void print_units(const world *w, writer *out)
{
	static const int order[] = { K_COUNTY, K_CENTRE, K_DEPT, K_PAIRING, K_STREET, K_COMMUNITY, K_ESTATE };
	w_str(out, "code,name,kind,parent,contact,phone\n");
	for (size_t k = 0; k < NELEM(order); k++)
		for (int i = 0; i < w->nu; i++) {
			const struct unit *u = &w->u[i];
			if (u->kind != order[k])
				continue;
			w_field(out, u->code, 0);
			w_field(out, u->name, 0);
			w_field(out, kind_names[u->kind], 0);
			w_field(out, u->parent >= 0 ? w->u[u->parent].code : "", 0);
			w_field(out, u->contact, 0);
			w_field(out, u->phone, 1);
		}
}

static void print_people(const world *w, writer *out)
{
	w_str(out, "name,phone,unit,role,covers\n");
	for (int i = 0; i < w->np; i++) {
		const struct person *p = &w->p[i];
		w_field(out, p->name, 0);
		w_field(out, p->phone, 0);
		w_field(out, w->u[p->unit].code, 0);
		w_field(out, role_names[p->role], 0);
		w_field(out, p->covers, 1);
	}
}

/* ------------------------------------------------------------------ */
/* Demand categories and the texts residents tell the teams.          */
/*
 * Template language: clauses separated by '|' are joined with '，'; a
 * clause starting with '~' is optional; [a/b/c] picks one; {X} is a slot:
 *   {H} building (3号楼)  {U} unit (2单元)  {F} floor (5楼)  {R} flat (502)
 *   {P} a place in the estate or village  {D} a duration  {T} a time of day
 *   {Q} a closing request  {N} a small number
 * Templates naming buildings, property managers or the like are used only
 * in estates; templates saying 村里 only in villages.
 */

enum {
	C_SORT, C_REMOVAL, C_PARKING, C_FACILITY, C_SANITATION, C_HEATING,
	C_WATER, C_SEWER, C_ILLEGAL, C_PROPERTY, C_NOISE, C_ROAD, C_LIGHT,
	C_GREEN, C_NEIGHBOUR, C_SPACE, C_N
};

static const char *const cat_names[C_N] = {
	"垃圾分类", "垃圾清运", "停车管理", "公共设施", "环境卫生", "供暖",
	"供水", "下水管道", "违章建筑", "物业服务", "噪音扰民", "道路破损",
	"路灯", "绿化", "邻里纠纷", "活动场地",
};

/* Relative frequency in estates and in villages (heating is seasonal). */
static const int cat_w_urban[C_N] = { 7, 11, 13, 8, 8, 0, 5, 6, 5, 13, 6, 4, 4, 3, 4, 3 };
static const int cat_w_rural[C_N] = { 3, 10, 2, 6, 11, 0, 9, 6, 5, 0, 3, 12, 8, 3, 8, 4 };

/* The hotline's own classification, first level/second level. */
static const char *const hot_types[C_N][2] = {
	{ "城市管理/垃圾分类", "城市管理/生活垃圾" },
	{ "城市管理/垃圾清运", "城市管理/市容环境卫生" },
	{ "交通管理/停车管理", "城市管理/车辆乱停乱放" },
	{ "城乡建设/公共设施维护", "城乡建设/小区配套设施" },
	{ "城市管理/市容环境卫生", "生态环境/环境污染" },
	{ "城乡建设/供热", "供热/供暖质量" },
	{ "城乡建设/供水", "水务/停水" },
	{ "水务/排水管网", "城乡建设/污水外溢" },
	{ "城市管理/违法建设", "自然资源/违法占地" },
	{ "住房保障/物业管理", "城乡建设/物业服务" },
	{ "生态环境/噪声污染", "社会治安/噪音扰民" },
	{ "交通运输/道路维修", "城乡建设/市政道路" },
	{ "城市管理/路灯照明", "城乡建设/市政设施" },
	{ "城乡建设/园林绿化", "城市管理/绿化管护" },
	{ "社会治理/矛盾纠纷", "社会治理/邻里矛盾" },
	{ "民政/社区服务设施", "文化体育/健身场所" },
};

static const char *const tpl_sort[] = {
	"{H}[旁/门口/楼下]的分类垃圾桶[只有一个/颜色标识看不清/被挪走了]|居民[分不清/不知道]怎么[投放/分类]|~希望社区[组织培训/发个宣传单/讲解一下]",
	"[垃圾分类/分类投放]点[只有一处/设在{P}]|离家太远|老人扔垃圾[很不方便/要走好远]|{Q}",
	"[有的住户/部分居民/租户]不按分类投放|厨余垃圾和其他垃圾混在一起|~[夏天/天一热]味道特别大|建议[安排督导员/加强监督/定时定点投放]",
	"垃圾分类督导员[{T}不在岗/经常见不到人/只在上午在]|[投放点/分类亭]{D}没人管|{Q}",
	"[可回收物/有害垃圾]桶[一直是满的/没人收/盖子坏了]|[旧电池/过期药品/废灯管]不知道往哪扔|~希望[设个回收点/定期回收]",
	"{P}的[智能分类箱/分类垃圾亭]{D}[不能用了/扫码打不开/一直显示故障]|~积分也没法兑换|请[物业/社区]联系厂家维修",
	"建议在{P}[增设/多放]几组分类垃圾桶|现在[桶太少/桶不够用]|[每到晚上/一到周末]就堆满",
	"[分类宣传栏/分类指引牌]{D}[被风刮坏了/字看不清了/被小广告盖住了]|~孩子问起来也说不清|{Q}",
	"垃圾车来了把分好的垃圾又倒在一起|居民觉得[分了也白分/分类没意义]|希望[环卫/清运]也按分类收运",
	"村里[还没有分类垃圾桶/分类桶只有一组]|[大家都是随手一扔/垃圾都混着倒]|希望[镇上/村里]配上分类设施",
};

static const char *const tpl_removal[] = {
	"{H}[东侧/西侧/南边/北边]垃圾桶满溢无人清运|已经{D}了|气味很大|{Q}",
	"{P}的垃圾[{D}没人拉/堆成了小山/一直没清]|[苍蝇蚊子很多/招老鼠/流浪狗扒得到处都是]|{Q}",
	"[装修垃圾/建筑垃圾]堆在{H}[楼道口/楼下]{D}了|~[占了半条路/车都过不去]|请物业[督促清走/尽快清运]",
	"垃圾清运车[{T}来/来的时间不固定]|[声音很大影响休息/经常漏收]|~建议[调整清运时间/固定清运时间]",
	"[大件垃圾/旧家具/废旧床垫]扔在{P}|{D}没人处理|~[存在消防隐患/小孩在上面爬很危险]|{Q}",
	"{P}[垃圾中转点/垃圾池]满了往外溢|[污水流到路上/气味熏人]|{Q}",
	"[保洁/清洁工]只清垃圾桶不清周边|桶[四周/旁边]的垃圾{D}没人扫|希望[加派人手/增加清运次数]",
	"[过年期间/这几天下雨/最近]垃圾[没人收/清运不及时]|{P}[附近/旁边]堆满了垃圾袋|~[味道大/天热了受不了]|{Q}",
	"[枯枝落叶/修剪下的树枝]堆在{P}[好长时间/{D}]了|[一直没拉走/也没人管]|{Q}",
	"村里的垃圾[{D}没人来拉/只拉一半]|[村口/路边]的垃圾箱都满了|{Q}",
};

static const char *const tpl_parking[] = {
	"{H}[楼下/门口]经常有车[乱停/堵在消防通道上]|[救护车/消防车]根本进不来|~[{T}最严重/晚上尤其严重]|希望[物业/社区]加强管理",
	"外来车辆随便进小区|[车位被占满/业主回来没地方停]|建议[装道闸/登记外来车辆/收临时停车费]",
	"{P}[停了辆僵尸车/有辆车停了{D}没动过]|[落满了灰/轮胎都瘪了]|~占着车位|{Q}",
	"小区车位太少|[每天晚上/下班回来]找车位要转好几圈|~[只能停到小区外面/只能停马路边]|希望[规划新的停车位/施划车位/利用闲置空地建停车场]",
	"电动车在{H}楼道里[充电/乱停]|[飞线充电/私拉电线]很危险|希望[建集中充电桩/安装充电车棚]",
	"[小区门口/{P}]有人[私设地锁/用石墩占车位/拿锥桶占位]|[邻居之间经常吵架/别人都停不了]|{Q}",
	"[停车费/车位费]收费标准[不清楚/突然涨了/没有公示]|~业主意见很大|希望物业公开收费依据",
	"{P}[共享单车/电动车]乱停乱放|[挡住了人行道/老人推车过不去]|{Q}",
	"小区里车辆[逆行/车速太快]|~孩子多|{T}[差点撞到人/很危险]|建议[安装减速带/设置限速牌]",
	"[大货车/农用车]停在{P}|[挡住了路/晚上看不见容易撞上]|{Q}",
};

static const char *const tpl_facility[] = {
	"{P}的健身器材[坏了/断了/生锈松动]{D}|[有安全隐患/孩子玩容易受伤]|{Q}",
	"{H}{U}的[单元门/门禁/对讲门]坏了|[{D}一直关不上/谁都能进]|~[不安全/老人很担心]|请物业尽快[修理/维修]",
	"{H}{U}电梯[经常停运/老是困人/{D}坏了两次]|[住高层的老人下不了楼/上下楼很不方便]|{Q}",
	"{P}的[休息座椅/凉亭/宣传栏]损坏|~[木板断了/玻璃碎了]|希望[修一修/更换]",
	"{H}楼道[声控灯/感应灯]不亮|[晚上上下楼看不见/老人摔过一跤]|{Q}",
	"小区[监控/摄像头]{D}不能用|[电动车被偷了/丢了东西查不到]|希望[维修监控/增加摄像头]",
	"{P}的[井盖/雨水篦子][缺失/破损/松动]|[晚上很危险/差点崴了脚]|要求尽快修好",
	"老旧小区没有电梯|[{H}住着不少老人/年纪大的上下楼困难]|想问[加装电梯的政策/能不能加装电梯]",
	"[信报箱/快递柜/晾衣架]坏了[好久/{D}]|~[物业说不归他们管/一直没人修]|{Q}",
	"{P}的[健身器材/公厕/宣传栏][坏了没人修/{D}没人管]|[村民用不了/成了摆设]|{Q}",
};

static const char *const tpl_sanitation[] = {
	"{H}楼道[里堆满杂物/卫生没人打扫]|[{D}没扫了/灰很厚]|~有消防隐患|{Q}",
	"{P}有人[养鸡/种菜/圈地种菜]|[味道难闻/招蚊虫/破坏绿地]|希望[清理/制止]",
	"{P}的小广告[贴得到处都是/满墙都是]|[电线杆上都是/清了又贴]|希望[清理一下/组织清理]",
	"狗粪[到处都是/随处可见]|养狗的不[清理/牵绳]|~孩子踩到好几次|建议[加强文明养犬宣传/有人管一管]",
	"{P}[积水/污水]{D}不退|[蚊子滋生/味道很大]|{Q}",
	"附近[饭店/烧烤摊/早餐店]的油烟和污水[直接排到/乱倒在]{P}|[气味难闻/地面很滑]|{Q}",
	"{P}周边的[垃圾/杂草/白色垃圾]长期没人[清理/管]|[环境脏乱差/外人看了影响形象]|希望组织一次大扫除",
	"有人在{P}[晾晒被褥/堆放废品/晒粮食]|[影响通行/不美观]|~多次劝说无效|{Q}",
	"{P}[道路/地面]上[泥土多/尘土飞扬]|~[旁边工地/拉土车]造成的|希望[洒水降尘/清扫]",
	"村里[坑塘/沟渠]里[漂满垃圾/发黑发臭]|[夏天蚊子特别多/味道大]|{Q}",
};

static const char *const tpl_heating[] = {
	"{H}{U}{R}室[室内温度/家里温度][只有十四五度/不到16度/才十二度]|[家里老人孩子受不了/开着空调也冷]|希望供热公司[尽快检查/调高温度]",
	"{H}暖气[不热/上热下不热/只有一半热]|[已经{D}了/从开始供暖就这样]|~报修了也没人来|{Q}",
	"{H}暖气管道[漏水/滴水/爆了]|[水流到楼道里/楼下邻居家被淹了]|请[尽快维修/马上派人处理]",
	"[交了取暖费/缴费后]{H}{U}暖气还是不热|~要求[退费/减免部分费用]|{Q}",
	"{H}[顶层/一楼/边户]暖气[基本不热/温度低]|[管道需要放气/可能是堵了]|希望[上门排气/入户检查]",
	"供暖[开始了/已经{D}]{H}还没通暖|[供热公司说是阀门问题/一直推来推去]|{Q}",
	"[取暖费/热费]收费标准[有疑问/比去年高]|想了解[收费依据/面积怎么算的]|~请给个解释",
	"小区换热站[噪音很大/有异响]|[{T}听得清清楚楚/影响休息]|希望[采取降噪措施/检修一下]",
	"老旧小区[暖气管道老化/管网老化]|[每年都漏/热损很大]|希望纳入[改造计划/老旧小区改造]",
	"村里[煤改气/清洁取暖]设备[不好用/坏了{D}]|[家里冷得住不了/老人冻得不行]|{Q}",
};

static const char *const tpl_water[] = {
	"{H}[停水/没水]{D}了|[没有提前通知/也没贴公告]|~[做饭都成问题/生活很不方便]|{Q}",
	"{H}[水压太低/高层水上不去]|[{F}以上/{T}]基本没水|希望[加装二次供水/调整水压]",
	"自来水[发黄/有异味/有沉淀]|[{D}一直这样/烧开后有水垢]|~不敢直接喝|请[检测水质/查明原因]",
	"{P}的供水管道[漏水/爆管]|[水流了一地/浪费很严重]|要求尽快修好",
	"[水表读数不对/水费突然很高]|[这个月用水量翻倍/家里没人也走字]|希望[核查一下/派人检查水表]",
	"[二次供水水箱/楼顶水箱]{D}没清洗|~担心水质|希望[定期清洗/公示检测结果]",
	"{H}[一到{T}/{T}]就没水|~[已经{D}了/反复出现]|{Q}",
	"村里自来水[每天只供几个小时/时有时无]|[老人吃水困难/洗衣做饭不方便]|{Q}",
	"{P}[停水了/水管冻裂了]|[{D}了还没来水/一直没人来修]|{Q}",
};

static const char *const tpl_sewer[] = {
	"{H}{U}下水道堵了|[污水从一楼返上来/厕所往外冒水]|~[臭味很大/家里没法住]|请尽快疏通",
	"{P}的[化粪池满了/污水井冒水]|[粪水流到路上/味道熏人]|{Q}",
	"一下雨{P}就[积水/淹了]|[水深没过脚踝/车都开不过去]|~[排水管道太细/雨水管堵了]|希望[改造排水/疏通管网]",
	"{H}[厨房/卫生间]下水[反味/返水]|[{D}了/找物业好几次]|~[说是主管道问题/没有解决]|{Q}",
	"{P}污水管道破裂|[污水渗到地下/地面一直湿]|要求[维修/更换管道]",
	"小区[雨污没有分流/排水管网老化]|[每年雨季都出问题/经常堵]|希望纳入改造",
	"{H}[地下室/储藏室][进水/被淹]|[东西都泡坏了/{D}没排出去]|{Q}",
	"村里没有排水沟|[生活污水随便倒/一下雨就成了泥塘]|希望[修排水沟/铺设污水管网]",
	"{P}的下水道[堵了/往外冒污水]|[{D}了/越来越严重]|{Q}",
};

static const char *const tpl_illegal[] = {
	"{H}[一楼/顶楼]住户[私搭乱建/违建阳光房/在院子里盖房]|[挡住了邻居采光/占了公共通道]|希望[执法部门/相关部门]依法处理",
	"有人在{P}[私建/搭建了]一个[彩钢房/棚子/小屋]|[{D}了/还在继续盖]|{Q}",
	"{H}[底商/门头房][私自扩建/往外扩了两米]|[占用了人行道/影响通行]|{Q}",
	"[有住户/邻居][把绿地圈起来/占用公共绿地]建了[小院/菜园/车库]|~多次劝说无效|{Q}",
	"{H}楼顶[加盖了/搭建了][一层/简易房]|[存在安全隐患/担心楼板承重]|{Q}",
	"[楼道/{H}楼下]有住户[私装铁门/圈占公共空间]|[消防通道被堵/影响大家出入]|{Q}",
	"{P}的[临时建筑/临建棚][一直没拆/{D}了还在]|[当初说是临时的/施工早就结束了]|希望尽快拆除",
	"村里有人[占用道路盖房/在集体土地上乱建]|[路都被占窄了/村民意见很大]|{Q}",
	"{P}有人[私自建房/盖了间仓库]|[没有手续/占了公共地方]|{Q}",
};

static const char *const tpl_property[] = {
	"物业[{D}不打扫卫生/保洁员见不到人]|[楼道里很脏/垃圾没人收]|~[物业费照收/服务跟不上]|希望社区督促物业",
	"[报修/打物业电话]{D}没人来|[{H}的问题一直没解决/推来推去]|~物业说\"这事不归我们管\"|{Q}",
	"物业费[上涨/要涨价]没有[征求业主意见/公示]|[业主不同意/大家意见很大]|希望[社区协调/给个说法]",
	"物业[换了/要撤场]|[新物业还没进来/没人管事了]|~[门岗都没人了/垃圾没人清]|{Q}",
	"小区[公共收益/停车费收入]不公开|[业主不知道钱花到哪了/要求公示账目]|{Q}",
	"[保安/门卫]{T}[不在岗/睡觉]|[陌生人随便进出/电动车被偷]|希望物业加强管理",
	"物业[服务态度差/和业主吵架]|[{H}的业主投诉过好几次/说话很难听]|{Q}",
	"小区[没有物业/是弃管小区]|[{D}没人管了/什么事都找不到人]|希望[社区托管/引进物业]",
	"[维修基金/公共维修资金]使用[不透明/程序不清楚]|{H}屋顶漏水想用却用不了|{Q}",
};

static const char *const tpl_noise[] = {
	"{H}[楼下/附近]的[广场舞/健身队]音响[声音太大/太吵]|[{T}还在跳/影响孩子学习]|希望[协调降低音量/规定时间]",
	"{H}有住户[装修/砸墙][{T}施工/周末也施工]|[噪音很大/电钻声受不了]|{Q}",
	"[附近工地/{P}的工地]{T}[还在施工/打桩]|[吵得睡不着/已经{D}了]|{Q}",
	"[楼上/隔壁]住户{T}[大声喧哗/跺脚/拖动桌椅]|~沟通过没用|{Q}",
	"{P}的[烧烤摊/夜市/饭店]{T}[喝酒划拳/还很吵]|[影响休息/老人睡不着]|{Q}",
	"{P}的[商铺/门店]用大喇叭[循环播放广告/叫卖]|[从早到晚/{D}了]|{Q}",
	"{H}旁边的配电房[嗡嗡响/有噪音]|[{T}特别明显/离住户太近]|希望[检修/做隔音]",
	"有人在{P}养的狗{T}叫个不停|[影响休息/孩子害怕]|{Q}",
	"{P}的[加工厂/石材厂/养殖场]{T}[机器声很大/一直有噪音]|[{D}了/吵得睡不着]|{Q}",
};

static const char *const tpl_road[] = {
	"{P}的路面[坑坑洼洼/塌陷了/裂了大口子]|[下雨天全是积水/骑电动车摔过人]|{Q}",
	"小区[主干道/内部道路][破损严重/{D}没修了]|~老人走路容易绊倒|希望[修补/重新硬化]",
	"{P}的[人行道砖/地砖][松动/翘起来了]|[一踩就溅一身泥水/容易绊倒]|{Q}",
	"村里的路[一直是土路/坑很多]|[下雨天出不去/孩子上学不方便]|希望[硬化道路/铺上水泥路]",
	"[修管道/施工]挖开的路{D}没恢复|[只填了土/坑还在]|要求尽快恢复路面",
	"{P}的[减速带/路沿石][断了/被压坏了]|[露着钢钉/很危险]|{Q}",
	"{P}路口[没有红绿灯/没有斑马线]|[孩子上学过马路危险/车速太快]|~建议[加装信号灯/施划斑马线]",
	"[大车/拉土车]把{P}的路[压坏了/压出了深沟]|[{D}了/越来越严重]|{Q}",
};

static const char *const tpl_light[] = {
	"{P}的路灯[不亮/坏了]{D}|[晚上黑乎乎的/走夜路不安全]|{Q}",
	"{P}[路灯太少/没有路灯]|[晚上老人出门不方便/下晚自习的孩子害怕]|希望[增设路灯/安装几盏灯]",
	"{P}路灯[白天亮晚上不亮/时亮时灭/一闪一闪]|~可能是线路问题|{Q}",
	"[太阳能路灯/庭院灯][电池被偷了/灯罩掉了/杆子歪了]|[{D}没人修/有安全隐患]|{Q}",
	"{H}[楼下/附近]的路灯[太亮/正对窗户]|[晚上睡不好觉/影响休息]|希望[调整角度/加个灯罩]",
	"村里的路灯[都不亮了/只亮了一半]|[晚上出门得打手电/跳广场舞的人多不安全]|{Q}",
	"{P}路灯[电线裸露/灯杆底座的盖子掉了]|[孩子经常在那玩/下雨天怕漏电]|要求尽快处理",
	"{P}路灯[亮得太晚/关得太早]|[{T}就黑了/晚上八点就灭了]|希望调整开关时间",
};

static const char *const tpl_green[] = {
	"{H}[前面/旁边]的树[太高/遮挡阳光/长到窗户上了]|[低楼层采光不好/家里白天也得开灯]|希望[修剪一下/帮忙修剪]",
	"小区绿地[{D}没人管/杂草丛生]|[蚊虫很多/看着荒凉]|{Q}",
	"{P}的[树/枯树][要倒了/歪了]|[刮风天很危险/怕砸着人]|要求尽快处理",
	"[物业/有人]把绿地[铲了/改成了停车位/硬化了]|[业主不同意/没有征求意见]|{Q}",
	"[杨絮/柳絮][到处飞/太多了]|[过敏的人受不了/飘到家里]|希望[喷药处理/更换树种]",
	"{P}[绿化带/草坪]里的[喷灌/浇水管]坏了|[水一直流/草都枯死了]|{Q}",
	"{P}的[树上/绿化带]有[虫子/美国白蛾/毛毛虫]|[掉得到处都是/孩子被蛰了]|希望[打药/除虫]",
	"{P}[树木被砍/绿化被毁]|[不知道是谁砍的/说是要建房]|希望[查明情况/补种]",
};

static const char *const tpl_neighbour[] = {
	"{H}{F}住户家[漏水/渗水]到楼下|[协商{D}了/对方不配合维修]|希望[社区调解/帮忙协调]",
	"邻居[在楼道堆放杂物/把鞋柜放在楼道]|~说了也不听|[影响通行/有消防隐患]|请社区协调",
	"[对门/隔壁]养狗[不拴绳/在楼道里大小便]|[双方吵过好几次/老人孩子害怕]|{Q}",
	"邻居[装监控对着我家门/空调外机对着我家窗户]|[感觉隐私被侵犯/热风直吹]|~沟通无果|希望调解",
	"[两家/邻居之间]因为[车位/院墙/宅基地边界]发生纠纷|[{D}了/闹得很僵]|希望[社区/调解员]出面调解",
	"{H}[楼上/楼下][在阳台养鸽子/养鸡]|[羽毛粪便掉到我家阳台/气味很大]|{Q}",
	"[楼上/邻居][在楼道里吸烟/往楼下扔烟头]|[烟味很大/晾的衣服被烫坏了]|希望[劝导/协调]",
	"村里两户人家因为[排水/浇地/修路]闹矛盾|[差点动手/互不相让]|~担心矛盾激化|希望村里尽快调解",
	"和邻居因为[房前屋后/借钱/孩子打架]的事[闹僵了/吵了{D}]|~[双方都有情绪/怕出事]|{Q}",
};

static const char *const tpl_space[] = {
	"小区[没有/缺少][老年人活动室/活动场地]|[老人们只能在路边坐着/下棋打牌没地方]|希望[建个活动室/腾出一块场地]",
	"[孩子/小朋友]没有玩的地方|[只能在停车场玩/很危险]|希望在{P}[建个儿童游乐区/放几个滑梯]",
	"社区[活动室/阅览室][{T}不开门/经常锁着]|[居民用不上/成了摆设]|{Q}",
	"[广场舞/健身]队伍多场地小|[几支队伍抢地方/经常因为场地吵架]|希望[协调时间/增加场地]",
	"{P}[空地/闲置地][{D}荒着/堆着杂物]|建议改成[小游园/健身广场/休闲场所]|~方便居民活动",
	"[红色议事厅/社区议事厅][太小/只能坐十几个人]|[开会时站不下/活动开展不了]|{Q}",
	"想[打篮球/打乒乓球/跳舞][没地方/场地不够]|[附近学校也不对外开放/只能去很远的公园]|希望[开放学校操场/建点体育设施]",
	"村里[文化广场/健身广场][没有灯/设施太少]|[晚上不能活动/没法用]|{Q}",
};

struct tplset { const char *const *t; int n; };
static const struct tplset templates[C_N] = {
	{ tpl_sort, NELEM(tpl_sort) }, { tpl_removal, NELEM(tpl_removal) },
	{ tpl_parking, NELEM(tpl_parking) }, { tpl_facility, NELEM(tpl_facility) },
	{ tpl_sanitation, NELEM(tpl_sanitation) }, { tpl_heating, NELEM(tpl_heating) },
	{ tpl_water, NELEM(tpl_water) }, { tpl_sewer, NELEM(tpl_sewer) },
	{ tpl_illegal, NELEM(tpl_illegal) }, { tpl_property, NELEM(tpl_property) },
	{ tpl_noise, NELEM(tpl_noise) }, { tpl_road, NELEM(tpl_road) },
	{ tpl_light, NELEM(tpl_light) }, { tpl_green, NELEM(tpl_green) },
	{ tpl_neighbour, NELEM(tpl_neighbour) }, { tpl_space, NELEM(tpl_space) },
};

/* Which templates fit an estate and which a village, worked out once. */
#define MAXTPL 16
static int tpl_urban[C_N][MAXTPL], tpl_nurban[C_N];
static int tpl_rural[C_N][MAXTPL], tpl_nrural[C_N];

static void classify_templates(void)
{
	static const char *const urban_marks[] = {
		"{H}", "{U}", "{F}", "{R}", "小区", "物业", "楼道", "业主", "电梯",
		"楼上", "楼下", "车位", "社区", "楼顶", "二次供水",
	};
	for (int c = 0; c < C_N; c++) {
		tpl_nurban[c] = tpl_nrural[c] = 0;
		for (int i = 0; i < templates[c].n && i < MAXTPL; i++) {
			const char *t = templates[c].t[i];
			int urban_only = 0, rural_only = strstr(t, "村里") != NULL;
			for (size_t m = 0; m < NELEM(urban_marks); m++)
				if (strstr(t, urban_marks[m]))
					urban_only = 1;
			if (!rural_only)
				tpl_urban[c][tpl_nurban[c]++] = i;
			if (!urban_only)
				tpl_rural[c][tpl_nrural[c]++] = i;
		}
	}
}

static const char *const places_urban[] = {
	"小区东门", "小区北门", "小区南门口", "地下车库入口", "小区中心广场",
	"健身器材旁", "小区主干道", "物业办公室门前", "小区幼儿园门口",
	"配电室旁边", "小区西侧围墙边", "小区门口", "车棚旁边", "小区后门",
	"沿街商铺后面", "小区凉亭附近",
};
static const char *const places_rural[] = {
	"村口", "村委会门前", "村小学门口", "村东边大路", "村里文化广场",
	"村南头", "村西头坑塘边", "村北的生产路", "村中心大街", "卫生室门口",
};
static const char *const durations[] = {
	"两天", "三天", "好几天", "一个星期", "十来天", "半个月", "二十多天",
	"一个多月", "两个多月", "半年多", "四五天",
};
static const char *const daytimes[] = {
	"每天晚上", "早上六点多", "半夜", "晚上十点以后", "中午休息时",
	"凌晨两三点", "周末一早", "傍晚", "每天早上",
};
static const char *const closings_urban[] = {
	"希望尽快处理", "请社区协调解决", "希望有关部门管一管", "盼望早日解决",
	"请帮忙反映一下", "希望物业尽快给个答复", "希望能彻底解决", "请尽快派人来看看",
	"希望尽快解决", "请相关部门处理",
};
static const char *const closings_rural[] = {
	"希望尽快处理", "请村里帮忙解决", "希望镇上管一管", "盼望早日解决",
	"请帮忙反映一下", "希望能彻底解决", "希望尽快解决",
};
static const char *const smallnums[] = { "两", "三", "四", "五", "好几" };

static void cat_weights(int month, int rural, int *w)
{
	for (int c = 0; c < C_N; c++)
		w[c] = (rural ? cat_w_rural : cat_w_urban)[c] * 4;
	int heat;
	if (month >= 11 || month <= 2)
		heat = rural ? 20 : 64;
	else if (month == 3)
		heat = rural ? 8 : 28;
	else if (month == 10)
		heat = rural ? 2 : 10;
	else
		heat = rural ? 0 : 3;
	w[C_HEATING] = heat;
	if (month >= 6 && month <= 8)
		w[C_SEWER] *= 2;
	if (month >= 5 && month <= 9)
		w[C_NOISE] = w[C_NOISE] * 3 / 2;
	if (month >= 4 && month <= 9)
		w[C_GREEN] *= 2;
	if (month >= 6 && month <= 8)
		w[C_WATER] = w[C_WATER] * 3 / 2;
	for (int c = 0; c < C_N; c++)
		if ((rural ? tpl_nrural : tpl_nurban)[c] == 0)
			w[c] = 0;
}

/* Where a demand is: an estate, a village, or somewhere else entirely. */
struct loc {
	int kind;                 /* L_ESTATE, L_VILLAGE, L_OUTSIDE, L_NOWHERE */
	int estate, village;      /* indexes, or -1 */
	const char *street;       /* official name: 嘉祥镇街道, 纸坊镇, 古槐街道 */
	const char *county;       /* for outside addresses: 任城区, 曲阜市 */
	const char *comm_full, *comm_short;
	const char *estate_name;
	int nb, upb, floors, doors;
	int bldg, unit, floor, room;
	char vdetail[32];         /* a village address: 东街15号 */
};
enum { L_ESTATE, L_VILLAGE, L_OUTSIDE, L_NOWHERE };

typedef struct {
	const world *w;
	uint64_t seed;
	int64_t from;             /* first day, days since 1970-01-01 */
	int ndays;
	long long n;
	long long *cum;           /* records before day d, d = 0..ndays */
	unsigned char *daytype;   /* 0 weekday, 1 Saturday, 2 Sunday */
	double cdf[3][1440];      /* minute-of-day distribution per day type */
	double hotcdf[1440];
} gen;

/* Minute-of-day weight: sum of (mass / length) of the windows covering it. */
struct window { int from, to; double mass; };

static void build_cdf(double *cdf, const struct window *win, int nwin)
{
	double acc = 0;
	for (int m = 0; m < 1440; m++) {
		double x = 0;
		for (int i = 0; i < nwin; i++)
			if (m >= win[i].from && m < win[i].to)
				x += win[i].mass / (win[i].to - win[i].from);
		acc += x;
		cdf[m] = acc;
	}
	for (int m = 0; m < 1440; m++)
		cdf[m] /= acc;
}

static int inv_cdf(const double *cdf, double u)
{
	int lo = 0, hi = 1439;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cdf[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

#define HM(h, m) ((h) * 60 + (m))

/* Office hours, evening door knocking, and the rest for WeChat groups. */
static const struct window win_weekday[] = {
	{ HM(8, 30), HM(11, 50), 0.36 }, { HM(14, 0), HM(17, 50), 0.39 },
	{ HM(18, 30), HM(20, 30), 0.20 }, { HM(7, 0), HM(23, 0), 0.05 },
};
static const struct window win_saturday[] = {
	{ HM(8, 30), HM(11, 50), 0.30 }, { HM(14, 30), HM(17, 30), 0.25 },
	{ HM(18, 30), HM(20, 30), 0.20 }, { HM(7, 0), HM(23, 0), 0.25 },
};
/* 红色星期天: volunteers knock on doors on Sunday mornings. */
static const struct window win_sunday[] = {
	{ HM(8, 0), HM(11, 30), 0.55 }, { HM(14, 30), HM(17, 0), 0.20 },
	{ HM(18, 30), HM(20, 30), 0.10 }, { HM(7, 0), HM(23, 0), 0.15 },
};
static const struct window win_hotline[] = {
	{ HM(8, 0), HM(12, 0), 0.34 }, { HM(14, 0), HM(18, 0), 0.32 },
	{ HM(18, 0), HM(22, 0), 0.22 }, { 0, 1440, 0.12 },
};

static int day_region(int type, int minute)
{
	if (type == 2) {
		if ((minute >= HM(8, 0) && minute < HM(11, 30)) || (minute >= HM(14, 30) && minute < HM(17, 0)))
			return 0;
	} else if ((minute >= HM(8, 30) && minute < HM(11, 50)) || (minute >= HM(14, 0) && minute < HM(17, 50))) {
		return 0;
	}
	if (minute >= HM(18, 30) && minute < HM(20, 30))
		return 1;
	return 2;
}

static void gen_init(gen *g, const world *w, uint64_t seed, int64_t from, int ndays, long long n)
{
	g->w = w;
	g->seed = seed;
	g->from = from;
	g->ndays = ndays;
	g->n = n;
	build_cdf(g->cdf[0], win_weekday, NELEM(win_weekday));
	build_cdf(g->cdf[1], win_saturday, NELEM(win_saturday));
	build_cdf(g->cdf[2], win_sunday, NELEM(win_sunday));
	build_cdf(g->hotcdf, win_hotline, NELEM(win_hotline));
	g->daytype = xcalloc((size_t)ndays, 1);
	g->cum = xcalloc((size_t)ndays + 1, sizeof *g->cum);
	double *wt = xcalloc((size_t)ndays + 1, sizeof *wt), total = 0;
	for (int d = 0; d < ndays; d++) {
		rng r;
		rseed(&r, seed, S_DAY, (uint64_t)d);
		int wd = weekday(from + d), m = month_of(from + d);
		g->daytype[d] = (unsigned char)(wd == 6 ? 1 : wd == 0 ? 2 : 0);
		double x = wd == 6 ? 0.25 : wd == 0 ? 0.45 : 1.0;
		if (m >= 11 || m <= 2)
			x *= 1.15;
		/* integer steps: no multiply-add for a compiler to fuse differently */
		x *= (double)(700 + rbelow(&r, 601)) / 1000.0;
		total += x;
		wt[d + 1] = total;
	}
	for (int d = 0; d <= ndays; d++)
		g->cum[d] = (long long)((double)n * wt[d] / total + 0.5);
	g->cum[ndays] = n;
	free(wt);
}

static void gen_free(gen *g)
{
	free(g->daytype);
	free(g->cum);
}

/* The day of record i: the day quotas are cumulative, so search them. */
static int day_of(const gen *g, long long i)
{
	int lo = 0, hi = g->ndays - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (g->cum[mid] <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static void pick_home(rng *r, struct loc *l)
{
	l->bldg = 1 + (int)rbelow(r, (uint32_t)l->nb);
	l->unit = 1 + (int)rbelow(r, (uint32_t)l->upb);
	l->floor = 1 + (int)rbelow(r, (uint32_t)l->floors);
	l->room = l->floor * 100 + 1 + (int)rbelow(r, (uint32_t)l->doors);
}

static const char *const village_spots[] = {
	"东街", "西街", "南街", "北街", "前街", "后街", "中心街", "东头", "西头",
};

static void village_detail(rng *r, struct loc *l)
{
	sb b;
	sb_init(&b, l->vdetail, sizeof l->vdetail);
	double x = runit(r);
	if (x < 0.55) {
		sb_add(&b, PICK(r, village_spots));
		if (b.len && strcmp(b.p + b.len - 3, "头") != 0) {
			sb_uint(&b, (unsigned)rrange(r, 1, 120), 0);
			sb_add(&b, "号");
		}
	} else if (x < 0.8) {
		sb_uint(&b, (unsigned)rrange(r, 1, 9), 0);
		sb_add(&b, "组");
	} else if (x < 0.9) {
		sb_add(&b, "村委会");
		sb_add(&b, PICK(r, ((const char *const[]){ "东", "西", "南", "北" })));
		sb_uint(&b, (unsigned)rrange(r, 1, 5) * 50, 0);
		sb_add(&b, "米");
	}
}

static void loc_jiaxiang(const gen *g, rng *r, struct loc *l, double urban_share)
{
	const world *w = g->w;
	memset(l, 0, sizeof *l);
	l->estate = l->village = -1;
	if (rpct(r, urban_share)) {
		int x = (int)rbelow(r, (uint32_t)w->estate_cum[w->ne]), lo = 0, hi = w->ne - 1;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (w->estate_cum[mid + 1] > x)
				hi = mid;
			else
				lo = mid + 1;
		}
		const struct estate *e = &w->e[lo];
		const struct comm *c = &w->c[e->comm];
		l->kind = L_ESTATE;
		l->estate = lo;
		l->street = w->u[c->street].name;
		l->comm_full = w->u[c->unit].name;
		l->comm_short = w->u[c->unit].shortname;
		l->estate_name = w->u[e->unit].name;
		l->nb = e->nb;
		l->upb = e->upb;
		l->floors = e->floors;
		l->doors = e->doors;
		pick_home(r, l);
	} else {
		int v = (int)rbelow(r, (uint32_t)w->nv);
		l->kind = L_VILLAGE;
		l->village = v;
		l->street = w->u[w->v[v].street].name;
		l->comm_full = w->u[w->v[v].unit].name;
		l->comm_short = w->u[w->v[v].unit].shortname;
		l->estate_name = "";
		village_detail(r, l);
	}
}

/* Outside the county: the hotline serves the whole of Jining. */
static const struct { const char *county; const char *streets[4]; } elsewhere[] = {
	{ "任城区", { "古槐街道", "济阳街道", "越河街道", "南苑街道" } },
	{ "兖州区", { "鼓楼街道", "龙桥街道", "酒仙桥街道", "鼓楼街道" } },
	{ "曲阜市", { "鲁城街道", "书院街道", "鲁城街道", "书院街道" } },
	{ "邹城市", { "钢山街道", "千泉街道", "钢山街道", "千泉街道" } },
	{ "金乡县", { "金乡街道", "高河街道", "金乡街道", "高河街道" } },
	{ "汶上县", { "汶上街道", "汶上街道", "汶上街道", "汶上街道" } },
	{ "梁山县", { "水泊街道", "水泊街道", "水泊街道", "水泊街道" } },
	{ "鱼台县", { "谷亭街道", "谷亭街道", "谷亭街道", "谷亭街道" } },
};

static void loc_outside(rng *r, struct loc *l, char *namebuf, size_t cap)
{
	memset(l, 0, sizeof *l);
	l->estate = l->village = -1;
	if (rpct(r, 0.25)) {
		l->kind = L_NOWHERE;
		l->street = l->comm_full = l->comm_short = l->estate_name = l->county = "";
		l->nb = 12;
		l->upb = 2;
		l->floors = 6;
		l->doors = 2;
		pick_home(r, l);
		return;
	}
	int k = (int)rbelow(r, NELEM(elsewhere));
	l->kind = L_OUTSIDE;
	l->county = elsewhere[k].county;
	l->street = elsewhere[k].streets[rbelow(r, 4)];
	l->comm_full = l->comm_short = "";
	/* Estate names repeat across counties: a trap worth keeping. */
	const char *head = PICK(r, estate_head);
	snprintf(namebuf, cap, "%s%s", head, PICK(r, estate_tail));
	l->estate_name = namebuf;
	l->nb = rrange(r, 6, 30);
	l->upb = rrange(r, 1, 3);
	l->floors = rrange(r, 6, 26);
	l->doors = 2;
	pick_home(r, l);
}

/* ------------------------------------------------------------------ */
/* Text expansion.                                                     */

#define MAXCL 12

struct text {
	char buf[1024];           /* clause bodies, each NUL terminated */
	size_t used;
	int ncl;
	int off[MAXCL];
};

static void expand_span(rng *r, const struct loc *l, sb *b, const char *s, const char *end);

static void expand_slot(rng *r, const struct loc *l, sb *b, char slot)
{
	int rural = l->kind == L_VILLAGE;
	switch (slot) {
	case 'H': {
		int n = l->bldg;
		if (l->nb > 1 && rpct(r, 0.2))
			n = 1 + (int)rbelow(r, (uint32_t)l->nb);
		sb_uint(b, (unsigned)n, 0);
		sb_add(b, "号楼");
		break;
	}
	case 'U':
		sb_uint(b, (unsigned)l->unit, 0);
		sb_add(b, "单元");
		break;
	case 'F':
		sb_uint(b, (unsigned)(l->floor < 2 ? 2 : l->floor), 0);
		sb_add(b, "楼");
		break;
	case 'R':
		sb_uint(b, (unsigned)l->room, 0);
		break;
	case 'P':
		sb_add(b, rural ? PICK(r, places_rural) : PICK(r, places_urban));
		break;
	case 'D':
		sb_add(b, PICK(r, durations));
		break;
	case 'T':
		sb_add(b, PICK(r, daytimes));
		break;
	case 'Q':
		sb_add(b, rural ? PICK(r, closings_rural) : PICK(r, closings_urban));
		break;
	case 'N':
		sb_add(b, PICK(r, smallnums));
		break;
	}
}

static void expand_span(rng *r, const struct loc *l, sb *b, const char *s, const char *end)
{
	while (s < end) {
		if (*s == '[') {
			const char *close = memchr(s, ']', (size_t)(end - s));
			if (!close)
				close = end;
			int nalt = 1;
			for (const char *p = s + 1; p < close; p++)
				nalt += *p == '/';
			int k = (int)rbelow(r, (uint32_t)nalt);
			const char *a = s + 1;
			while (k > 0) {
				a = (const char *)memchr(a, '/', (size_t)(close - a)) + 1;
				k--;
			}
			const char *z = memchr(a, '/', (size_t)(close - a));
			expand_span(r, l, b, a, z ? z : close);
			s = close + (close < end);
		} else if (*s == '{' && s + 2 < end && s[2] == '}') {
			expand_slot(r, l, b, s[1]);
			s += 3;
		} else {
			const char *p = s;
			while (p < end && *p != '[' && *p != '{')
				p++;
			if (p == s)
				p++;
			sb_mem(b, s, (size_t)(p - s));
			s = p;
		}
	}
}

static void text_add(struct text *t, const char *s, size_t n)
{
	if (t->ncl >= MAXCL || t->used + n + 1 > sizeof t->buf)
		return;
	t->off[t->ncl++] = (int)t->used;
	memcpy(t->buf + t->used, s, n);
	t->used += n;
	t->buf[t->used++] = 0;
}

static void expand_template(rng *r, const struct loc *l, const char *tpl, struct text *t)
{
	t->used = 0;
	t->ncl = 0;
	const char *s = tpl;
	for (;;) {
		const char *bar = strchr(s, '|');
		const char *end = bar ? bar : s + strlen(s);
		int keep = 1;
		if (*s == '~') {
			s++;
			keep = rpct(r, 0.55);
		}
		if (keep) {
			char tmp[256];
			sb b;
			sb_init(&b, tmp, sizeof tmp);
			expand_span(r, l, &b, s, end);
			if (b.len)
				text_add(t, tmp, b.len);
		}
		if (!bar)
			break;
		s = bar + 1;
	}
}

static const char *clause(const struct text *t, int i)
{
	return t->buf + t->off[i];
}

static int pick_category(rng *r, const struct loc *l, int month)
{
	int w[C_N];
	cat_weights(month, l->kind == L_VILLAGE, w);
	return rweighted(r, w, C_N);
}

static void pick_text(rng *r, const struct loc *l, int cat, struct text *t)
{
	int rural = l->kind == L_VILLAGE;
	int n = rural ? tpl_nrural[cat] : tpl_nurban[cat];
	int i = (rural ? tpl_rural : tpl_urban)[cat][rbelow(r, (uint32_t)n)];
	expand_template(r, l, templates[cat].t[i], t);
}

/* A reporter's phone as a ledger has it: mostly a mobile, sometimes messy. */
static void ledger_phone(rng *r, char *out, size_t cap)
{
	sb b;
	sb_init(&b, out, cap);
	double x = runit(r);
	if (x < 0.05)
		return;
	if (x < 0.10) {
		sb_add(&b, "0537-");
		if (rpct(r, 0.8)) {
			sb_add(&b, "68");
			sb_digits(&b, r, 5);
		} else {
			sb_digits(&b, r, 7);
		}
		return;
	}
	char m[16];
	gen_mobile(r, m, sizeof m);
	if (!rpct(r, 0.055)) {
		sb_add(&b, m);
		return;
	}
	switch (rbelow(r, 4)) {
	case 0: /* 138 1234 5678 */
		sb_mem(&b, m, 3); sb_add(&b, " "); sb_mem(&b, m + 3, 4); sb_add(&b, " "); sb_add(&b, m + 7);
		break;
	case 1: /* 138-1234-5678 */
		sb_mem(&b, m, 3); sb_add(&b, "-"); sb_mem(&b, m + 3, 4); sb_add(&b, "-"); sb_add(&b, m + 7);
		break;
	case 2:
		sb_add(&b, "+86 "); sb_add(&b, m);
		break;
	default:
		sb_add(&b, "+86"); sb_add(&b, m);
		break;
	}
}

static void reporter_name(rng *r, char *out, size_t cap, double anonymous)
{
	double x = runit(r);
	if (x < anonymous) {
		out[0] = 0;
	} else if (x < anonymous + 0.03) {
		const char *surname = pick_surname(r);
		snprintf(out, cap, "%s%s", surname, rpct(r, 0.5) ? "先生" : "女士");
	} else {
		gen_name(r, out, cap);
	}
}

/* ------------------------------------------------------------------ */
/* Ledger cases.                                                      */

enum { CH_VISIT, CH_HALL, CH_WECHAT };
static const char *const channel_names[] = { "visit", "hall", "wechat" };

typedef struct {
	long long index;
	int64_t day;
	int minute;
	int seq;                  /* within the day, from 1 */
	int team;
	int channel;
	struct loc l;
	int cat, cat_shown;
	struct text t;
	char text[1200];
	char reporter[24];
	char phone[32];
	char address[256];
	int collector;            /* person index */
	int unit;                 /* collecting unit index */
	int comm_long;            /* community column written in full */
} kase;

static int pick_channel(rng *r, int type, int region)
{
	static const int w[3][3][3] = {
		/* visit hall wechat, for office hours / evening / the rest */
		{ { 74, 20, 6 }, { 88, 0, 12 }, { 10, 0, 90 } },   /* weekday */
		{ { 82, 8, 10 }, { 88, 0, 12 }, { 10, 0, 90 } },   /* Saturday */
		{ { 88, 6, 6 }, { 88, 0, 12 }, { 10, 0, 90 } },    /* Sunday */
	};
	return rweighted(r, w[type][region], 3);
}

static void pick_collector(rng *r, const world *w, kase *k)
{
	if (k->l.kind == L_VILLAGE) {
		k->collector = w->v[k->l.village].worker;
		k->unit = w->v[k->l.village].unit;
		return;
	}
	const struct estate *e = &w->e[k->l.estate];
	const struct comm *c = &w->c[e->comm];
	static const int wt[3][R_NROLES] = {
		/* worker secretary manager cadre minqing owners party */
		{ 14, 18, 6, 20, 33, 6, 6 },    /* visit: the two captains lead */
		{ 40, 30, 20, 10, 0, 0, 0 },    /* hall: reception days */
		{ 30, 40, 10, 20, 0, 0, 0 },    /* wechat groups */
	};
	int role = rweighted(r, wt[k->channel], R_NROLES);
	if (role == R_OWNERS && e->nowners == 0)
		role = R_SECRETARY;
	k->unit = c->unit;
	switch (role) {
	case R_WORKER: k->collector = c->workers[rbelow(r, (uint32_t)c->nworkers)]; break;
	case R_SECRETARY: k->collector = e->secretary; break;
	case R_MANAGER: k->collector = e->manager; break;
	case R_CADRE: k->collector = e->cadre; break;
	case R_OWNERS: k->collector = e->owners[rbelow(r, (uint32_t)e->nowners)]; break;
	case R_PARTY: k->collector = e->party[rbelow(r, (uint32_t)e->nparty)]; break;
	default:
		k->collector = c->minqing;
		k->unit = c->pairing;
		break;
	}
}

static void ledger_address(rng *r, kase *k)
{
	const struct loc *l = &k->l;
	sb b;
	sb_init(&b, k->address, sizeof k->address);
	if (l->kind == L_VILLAGE) {
		if (rpct(r, 0.85))
			sb_add(&b, l->street);
		sb_add(&b, l->comm_short);
		sb_add(&b, l->vdetail);
		return;
	}
	double x = runit(r);
	int full = x < 0.70, nocomm = x >= 0.70 && x < 0.85, shortform = x >= 0.95;
	if (full)
		sb_add(&b, l->street);
	if (!nocomm)
		sb_add(&b, l->comm_short);
	sb_add(&b, l->estate_name);
	if (shortform && !strstr(l->estate_name, "小区") && !strstr(l->estate_name, "院"))
		sb_add(&b, "小区");
	sb_uint(&b, (unsigned)l->bldg, 0);
	sb_add(&b, "号楼");
	if (x >= 0.85 && x < 0.95)
		return;   /* the building is all the collector wrote */
	if (shortform) {
		sb_add(&b, PICK(r, ((const char *const[]){ "东侧", "西侧", "楼下", "北面" })));
		return;
	}
	sb_uint(&b, (unsigned)l->unit, 0);
	sb_add(&b, "单元");
	sb_uint(&b, (unsigned)l->room, 0);
}

/* A second line typed into the same spreadsheet cell (Alt+Enter). */
static const char *const extra_lines[] = {
	"该问题之前反映过", "居民要求办理后回访", "已拍照留存",
	"已告知物业", "楼内多户居民有同样诉求",   /* the last two: estates only */
};

/* Joins the clauses the way a collector types them into the ledger. */
static void ledger_text(rng *r, kase *k, int sunday)
{
	sb b;
	sb_init(&b, k->text, sizeof k->text);
	double x = runit(r);
	if (x < 0.15 && sunday)
		sb_add(&b, "红色星期天入户走访时居民反映：");
	else if (x < 0.08)
		sb_add(&b, PICK(r, ((const char *const[]){ "居民反映：", "住户反映：", "群众反映：" })));
	const char *sep = rpct(r, 0.03) ? "," : "，";
	for (int i = 0; i < k->t.ncl; i++) {
		if (i)
			sb_add(&b, sep);
		sb_add(&b, clause(&k->t, i));
	}
	x = runit(r);
	sb_add(&b, x < 0.05 ? "" : x < 0.08 ? "！" : "。");
	if (rpct(r, 0.002)) {
		sb_add(&b, "\n补充：");
		sb_add(&b, extra_lines[rbelow(r, k->l.kind == L_VILLAGE ? 3 : NELEM(extra_lines))]);
		sb_add(&b, "。");
	}
}

/* Asides residents add whatever the problem, said before the request. */
static const char *const asides[] = {
	"已经{D}了", "反映过好几次", "{N}户邻居都有意见", "大家意见很大",
	"之前找过[物业/社区]没解决", "之前找过村里没解决", "[{T}/这几天]尤其明显",
	"拍了照片", "不是第一次了", "[老人/孩子]受影响最大",
};

static void add_aside(rng *r, const struct loc *l, struct text *t)
{
	if (t->ncl < 2 || t->ncl >= MAXCL)
		return;
	const char *a;
	for (;;) {
		a = PICK(r, asides);
		int rural_only = strstr(a, "村里") != NULL, urban_only = strstr(a, "物业") != NULL;
		if (l->kind == L_VILLAGE ? !urban_only : !rural_only)
			break;
	}
	char tmp[256];
	sb b;
	sb_init(&b, tmp, sizeof tmp);
	expand_span(r, l, &b, a, a + strlen(a));
	int n = t->ncl;
	text_add(t, tmp, b.len);
	if (t->ncl == n)
		return;
	/* before the closing request, which is the last clause */
	int added = t->off[n];
	t->off[n] = t->off[n - 1];
	t->off[n - 1] = added;
}

/* The content common to ledger cases and hotline-only demands. */
static void gen_content(rng *r, kase *k, int month)
{
	k->cat = pick_category(r, &k->l, month);
	pick_text(r, &k->l, k->cat, &k->t);
	if (rpct(r, 0.25))
		add_aside(r, &k->l, &k->t);
	reporter_name(r, k->reporter, sizeof k->reporter, 0.02);
	ledger_phone(r, k->phone, sizeof k->phone);
}

static void gen_case(const gen *g, long long i, kase *k)
{
	rng r;
	rseed(&r, g->seed, S_CASE, (uint64_t)i);
	int d = day_of(g, i);
	long long k_day = g->cum[d + 1] - g->cum[d], j = i - g->cum[d];
	int type = g->daytype[d];
	/* Stratified draws keep each day's records in time order. */
	double u = ((double)j + runit(&r)) / (double)(k_day ? k_day : 1);
	k->index = i;
	k->day = g->from + d;
	k->minute = inv_cdf(g->cdf[type], u);
	k->seq = (int)j + 1;
	k->channel = pick_channel(&r, type, day_region(type, k->minute));
	loc_jiaxiang(g, &r, &k->l, 0.8);
	gen_content(&r, k, month_of(k->day));
	k->cat_shown = !rpct(&r, 0.10);
	k->comm_long = rpct(&r, 0.2);
	k->team = k->l.kind == L_ESTATE ? g->w->e[k->l.estate].team : g->w->v[k->l.village].team;
	pick_collector(&r, g->w, k);
	ledger_address(&r, k);
	ledger_text(&r, k, type == 2);
}

static void sb_time(sb *b, int64_t day, int minute, int second)
{
	sb_date(b, day, "-");
	sb_add(b, " ");
	sb_uint(b, (unsigned)(minute / 60), 2);
	sb_add(b, ":");
	sb_uint(b, (unsigned)(minute % 60), 2);
	if (second >= 0) {
		sb_add(b, ":");
		sb_uint(b, (unsigned)second, 2);
	}
}

static void case_ref(const kase *k, char *out, size_t cap)
{
	sb b;
	sb_init(&b, out, cap);
	sb_add(&b, "T");
	sb_uint(&b, (unsigned)k->team, 3);
	sb_add(&b, "-");
	sb_date(&b, k->day, "");
	sb_add(&b, "-");
	sb_uint(&b, (unsigned)k->seq, 4);
}

static void print_case(const gen *g, const kase *k, writer *out)
{
	const world *w = g->w;
	char ref[48], when[32];
	sb b;
	case_ref(k, ref, sizeof ref);
	sb_init(&b, when, sizeof when);
	sb_time(&b, k->day, k->minute, -1);
	w_field(out, ref, 0);
	w_field(out, channel_names[k->channel], 0);
	w_field(out, when, 0);
	w_field(out, k->reporter, 0);
	w_field(out, k->phone, 0);
	w_field(out, k->address, 0);
	w_field(out, k->l.street, 0);
	w_field(out, k->comm_long ? k->l.comm_full : k->l.comm_short, 0);
	w_field(out, k->l.estate_name, 0);
	w_field(out, k->cat_shown ? cat_names[k->cat] : "", 0);
	w_field(out, k->text, 0);
	w_field(out, w->p[k->collector].name, 0);
	w_field(out, w->u[k->unit].code, 1);
}


/* ------------------------------------------------------------------ */
/* The 12345 hotline export.                                          */

enum { H_DUP, H_MISSED, H_OUTSIDE };

struct hplan {
	int64_t t;                /* seconds since 1970-01-01, local */
	uint64_t rs;              /* the record's generator, after planning */
	long long ci;             /* the ledger case it repeats, or -1 */
	long long h;
	int kind;
};

/*
 * Which ledger cases the hotline repeats: a keyed permutation of 0..M-1
 * (a small Feistel network with cycle walking), so no case is drawn twice
 * until all have been, without an array of M entries.
 */
typedef struct { uint64_t m, mask; int half; uint64_t key[4]; } perm;

static void perm_init(perm *p, uint64_t m, uint64_t seed)
{
	int bits = 2;
	while (bits < 62 && (1ULL << bits) < m)
		bits += 2;
	p->m = m;
	p->half = bits / 2;
	p->mask = (1ULL << p->half) - 1;
	for (int i = 0; i < 4; i++)
		p->key[i] = mix64(seed ^ (0xa0761d6478bd642fULL * (uint64_t)(i + 1)));
}

static uint64_t perm_once(const perm *p, uint64_t x)
{
	uint64_t l = x >> p->half, r = x & p->mask;
	for (int i = 0; i < 4; i++) {
		uint64_t t = l ^ (mix64(r ^ p->key[i]) & p->mask);
		l = r;
		r = t;
	}
	return (l << p->half) | r;
}

static uint64_t perm_at(const perm *p, uint64_t x)
{
	x %= p->m;
	do
		x = perm_once(p, x);
	while (x >= p->m);
	return x;
}

static int case_day_minute(const gen *g, long long i, int64_t *day)
{
	rng r;
	rseed(&r, g->seed, S_CASE, (uint64_t)i);
	int d = day_of(g, i);
	long long k_day = g->cum[d + 1] - g->cum[d], j = i - g->cum[d];
	double u = ((double)j + runit(&r)) / (double)(k_day ? k_day : 1);
	*day = g->from + d;
	return inv_cdf(g->cdf[g->daytype[d]], u);
}

static int hplan_cmp(const void *a, const void *b)
{
	const struct hplan *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->h < y->h ? -1 : x->h > y->h;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return q - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static struct hplan *plan_hotline(const gen *g, const gen *cases, long long n)
{
	struct hplan *pl = xcalloc((size_t)n, sizeof *pl);
	perm pm;
	long long ndup = 0;
	memset(&pm, 0, sizeof pm);
	if (cases->n > 0)
		perm_init(&pm, (uint64_t)cases->n, g->seed ^ S_HOTPERM);
	for (long long h = 0; h < n; h++) {
		rng r;
		rseed(&r, g->seed, S_HOT, (uint64_t)h);
		double x = runit(&r);
		int kind = x < 0.6 ? H_DUP : x < 0.9 ? H_MISSED : H_OUTSIDE;
		if (kind == H_DUP && cases->n == 0)
			kind = H_MISSED;
		int64_t day;
		pl[h].ci = -1;
		if (kind == H_DUP) {
			pl[h].ci = (long long)perm_at(&pm, (uint64_t)ndup++);
			case_day_minute(cases, pl[h].ci, &day);
			/* Residents call before the team comes, or after it did nothing. */
			static const int shift_w[] = { 4, 6, 8, 14, 14, 12, 10, 8, 6, 5, 4 };
			day += rweighted(&r, shift_w, NELEM(shift_w)) - 3;
		} else {
			day = g->from + rbelow(&r, (uint32_t)g->ndays);
		}
		int minute = inv_cdf(g->hotcdf, runit(&r));
		int second = (int)rbelow(&r, 60);
		pl[h].t = day * 86400 + minute * 60 + second;
		pl[h].h = h;
		pl[h].kind = kind;
		pl[h].rs = r.s;
	}
	qsort(pl, (size_t)n, sizeof *pl, hplan_cmp);
	return pl;
}

/* The caller id as the hotline's system records it: digits only. */
static void digits_only(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	if (strncmp(s, "+86", 3) == 0)
		s += 3;
	for (; *s && n + 1 < cap; s++)
		if (*s >= '0' && *s <= '9')
			out[n++] = *s;
	out[n] = 0;
}

static void hot_phone(rng *r, const kase *src, int kind, char *out, size_t cap, int *changed)
{
	*changed = 0;
	if (kind == H_DUP && src->phone[0] && !rpct(r, 0.2)) {
		digits_only(src->phone, out, cap);
		return;
	}
	*changed = kind == H_DUP;
	if (rpct(r, 0.08)) {
		sb b;
		sb_init(&b, out, cap);
		sb_add(&b, "0537");
		sb_digits(&b, r, 7);
	} else {
		gen_mobile(r, out, cap);
	}
}

static void hot_reporter(rng *r, const char *base, int new_person, char *out, size_t cap)
{
	char name[24];
	if (new_person || !base[0])
		gen_name(r, name, sizeof name);
	else
		snprintf(name, sizeof name, "%s", base);
	double x = runit(r);
	if (x < 0.08) {
		snprintf(out, cap, "%s", rpct(r, 0.5) ? "匿名" : "");
	} else if (x < 0.33 && strlen(name) >= 3 && !strstr(name, "先生") && !strstr(name, "女士")) {
		snprintf(out, cap, "%.3s%s", name, rpct(r, 0.5) ? "先生" : "女士");
	} else {
		snprintf(out, cap, "%s", name);
	}
}

static const char *const county_prefix[] = { "嘉祥县", "济宁市嘉祥县", "山东省济宁市嘉祥县" };

static void hot_address(rng *r, const struct loc *l, char *out, size_t cap)
{
	sb b;
	sb_init(&b, out, cap);
	if (l->kind == L_NOWHERE) {
		static const char *const vague[] = {
			"", "不详", "嘉祥县", "来电人未提供", "城区", "市民不愿透露", "嘉祥县城区",
		};
		sb_add(&b, PICK(r, vague));
		return;
	}
	if (l->kind == L_OUTSIDE) {
		if (rpct(r, 0.3))
			sb_add(&b, "山东省");
		if (b.len || rpct(r, 0.7))
			sb_add(&b, "济宁市");
		sb_add(&b, l->county);
		if (rpct(r, 0.7))
			sb_add(&b, l->street);
		sb_add(&b, l->estate_name);
		sb_uint(&b, (unsigned)l->bldg, 0);
		sb_add(&b, "号楼");
		if (rpct(r, 0.6)) {
			sb_uint(&b, (unsigned)l->unit, 0);
			sb_add(&b, "单元");
			sb_uint(&b, (unsigned)l->room, 0);
		}
		return;
	}
	int prefixed = rpct(r, 0.4), street_done = 0;
	if (prefixed) {
		static const int w[] = { 45, 15, 10, 30 };
		int k = rweighted(r, w, 4);
		if (k < 3) {
			sb_add(&b, county_prefix[k]);
			if (rpct(r, 0.5)) {
				sb_add(&b, l->street);
				street_done = 1;
			}
		} else {
			sb_add(&b, l->street);
			street_done = 1;
		}
	}
	if (l->kind == L_VILLAGE) {
		if (!street_done)
			sb_add(&b, l->street);
		sb_add(&b, l->comm_short);
		if (rpct(r, 0.6))
			sb_add(&b, l->vdetail);
		return;
	}
	int estate = !rpct(r, 0.15), comm = rpct(r, 0.6) || !estate;
	if (comm)
		sb_add(&b, rpct(r, 0.85) ? l->comm_short : l->comm_full);
	if (estate)
		sb_add(&b, l->estate_name);
	sb_uint(&b, (unsigned)l->bldg, 0);
	sb_add(&b, rpct(r, 0.9) ? "号楼" : "栋");
	if (rpct(r, 0.7)) {
		sb_uint(&b, (unsigned)l->unit, 0);
		sb_add(&b, "单元");
		sb_uint(&b, (unsigned)l->room, 0);
		if (rpct(r, 0.3))
			sb_add(&b, "室");
	}
}

static const char *const synonyms[][2] = {
	{ "垃圾桶", "垃圾箱" }, { "满溢", "溢满" }, { "无人", "没人" }, { "尽快", "尽早" },
	{ "处理", "解决" }, { "希望", "要求" }, { "气味", "味道" }, { "很大", "特别大" },
	{ "经常", "总是" }, { "维修", "修理" }, { "损坏", "破损" }, { "已经", "都" },
	{ "严重", "厉害" }, { "居民", "住户" }, { "孩子", "小孩" }, { "晚上", "夜里" },
	{ "协调", "沟通" }, { "电动车", "电瓶车" }, { "没有", "没" }, { "堵了", "堵塞了" },
	{ "噪音", "噪声" }, { "一直", "始终" }, { "很危险", "存在安全隐患" },
	{ "好几天", "多日" }, { "一个星期", "一周" }, { "半个月", "十几天" },
	{ "不亮", "不亮了" }, { "老人", "老年人" },
};

static void replace_first(char *s, size_t cap, const char *from, const char *to)
{
	char *p = strstr(s, from);
	size_t nf = strlen(from), nt = strlen(to), ns = strlen(s);
	if (!p || strncmp(p, to, nt) == 0 || ns - nf + nt + 1 > cap)
		return;
	memmove(p + nt, p + nf, ns - (size_t)(p - s) - nf + 1);
	memcpy(p, to, nt);
}

static const char *const hot_prefixes[] = {
	"市民来电反映：", "来电人反映：", "来电人称：", "市民反映：", "来电反映：", "群众来电反映：",
};

/* The demand's clauses into cl (MAXCL at most), up to three of them with a
 * word swapped for its synonym, each at chance p: how many clauses. */
static int retell(rng *r, const struct text *t, char cl[][320], double p)
{
	int n = 0;
	for (int i = 0; i < t->ncl && n < MAXCL; i++)
		snprintf(cl[n++], 320, "%s", clause(t, i));
	int subs = 0;
	for (size_t s = 0; s < NELEM(synonyms) && subs < 3; s++)
		for (int i = 0; i < n; i++)
			if (strstr(cl[i], synonyms[s][0]) && rpct(r, p)) {
				replace_first(cl[i], 320, synonyms[s][0], synonyms[s][1]);
				subs++;
				break;
			}
	return n;
}

/* The operator retells the demand: same facts, other words, other order. */
static void hot_text(rng *r, const struct loc *l, const struct text *t, char *out, size_t cap)
{
	char cl[MAXCL + 1][320];
	int n = retell(r, t, cl, 0.4);
	/* orig[i]: where clause i stood; the first states the problem, the last asks */
	int orig[MAXCL + 1];
	for (int i = 0; i < n; i++)
		orig[i] = i;
	if (n >= 3 && rpct(r, 0.3)) {
		int i = (int)rbelow(r, (uint32_t)(n - 2));
		char tmp[320];
		int o = orig[i];
		memcpy(tmp, cl[i], sizeof tmp);
		memcpy(cl[i], cl[i + 1], sizeof tmp);
		memcpy(cl[i + 1], tmp, sizeof tmp);
		orig[i] = orig[i + 1];
		orig[i + 1] = o;
	}
	if (n >= 3 && rpct(r, 0.3)) {
		int i = (int)rbelow(r, (uint32_t)n);
		while (orig[i] == 0 || orig[i] == t->ncl - 1)
			i = (i + 1) % n;
		memmove(cl[i], cl[i + 1], sizeof cl[0] * (size_t)(n - i - 1));
		memmove(&orig[i], &orig[i + 1], sizeof orig[0] * (size_t)(n - i - 1));
		n--;
	}
	sb b;
	sb_init(&b, out, cap);
	if (rpct(r, 0.7))
		sb_add(&b, PICK(r, hot_prefixes));
	if (l->kind != L_NOWHERE && rpct(r, 0.4)) {
		if (rpct(r, 0.3))
			sb_add(&b, "其居住的");
		if (l->kind == L_OUTSIDE) {
			sb_add(&b, l->county);
			sb_add(&b, l->estate_name);
		} else if (l->kind == L_VILLAGE) {
			sb_add(&b, l->street);
			sb_add(&b, l->comm_short);
		} else {
			if (rpct(r, 0.3))
				sb_add(&b, "嘉祥县");
			if (rpct(r, 0.4))
				sb_add(&b, l->comm_short);
			sb_add(&b, l->estate_name);
		}
		/* the place reads straight into the problem, else it is its own clause */
		if (n > 0 && orig[0] != 0)
			sb_add(&b, "，");
	}
	double end = runit(r);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_add(&b, "，");
		if (i == n - 1 && n > 1 && end < 0.3)
			sb_add(&b, "诉求：");
		sb_add(&b, cl[i]);
	}
	if (end >= 0.3 && end < 0.5 && n > 0 && !strstr(cl[n - 1], "处理"))
		sb_add(&b, "，请相关部门核实处理");
	sb_add(&b, "。");
}

static const char *const cn_digit[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

/* 3号楼 -> 三号楼: how an operator types what she hears. */
static void chinese_numerals(const char *s, char *out, size_t cap)
{
	static const char *const units[] = { "号楼", "单元", "栋", "组", "号", "楼", "层" };
	sb b;
	sb_init(&b, out, cap);
	while (*s) {
		if (*s < '0' || *s > '9') {
			sb_mem(&b, s, 1);
			s++;
			continue;
		}
		const char *p = s;
		unsigned v = 0;
		while (*p >= '0' && *p <= '9' && p - s < 6)
			v = v * 10 + (unsigned)(*p++ - '0');
		int hit = 0;
		for (size_t i = 0; i < NELEM(units); i++)
			if (strncmp(p, units[i], strlen(units[i])) == 0)
				hit = 1;
		if (!hit || v == 0 || v > 99 || p - s > 2 || (p - s == 2 && *s == '0')) {
			sb_mem(&b, s, (size_t)(p - s));
		} else if (v < 10) {
			sb_add(&b, cn_digit[v]);
		} else {
			if (v >= 20)
				sb_add(&b, cn_digit[v / 10]);
			sb_add(&b, "十");
			if (v % 10)
				sb_add(&b, cn_digit[v % 10]);
		}
		s = p;
	}
}

static void fullwidth_digits(const char *s, char *out, size_t cap)
{
	sb b;
	sb_init(&b, out, cap);
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			char fw[3] = { (char)0xEF, (char)0xBC, (char)(0x90 + (*s - '0')) };
			sb_mem(&b, fw, 3);
		} else {
			sb_mem(&b, s, 1);
		}
	}
}

static void noisy_digits(rng *r, char *s, size_t cap)
{
	char tmp[1600];
	if (rpct(r, 0.3)) {
		chinese_numerals(s, tmp, sizeof tmp);
		snprintf(s, cap, "%s", tmp);
	}
	if (rpct(r, 0.1)) {
		fullwidth_digits(s, tmp, sizeof tmp);
		snprintf(s, cap, "%s", tmp);
	}
}

static void run_hotline(const gen *g, const gen *cases, long long n, writer *out, writer *truth)
{
	static kase k;
	char ticket[32], when[32], phone[32], reporter[32], street[64], comm[64];
	static char address[1600], text[1600];
	char ref[48], estate_buf[48];
	struct hplan *pl = plan_hotline(g, cases, n);
	rng tr = { 0 };
	int64_t tday = INT64_MIN;
	unsigned long seq = 0;

	w_str(out, "工单编号,来电时间,来电号码,诉求人,诉求地址,所属街道,所属社区,诉求类型,诉求内容\n");
	if (truth)
		w_str(truth, "ticket,ref\n");
	for (long long x = 0; x < n; x++) {
		const struct hplan *p = &pl[x];
		int64_t day = floor_div(p->t, 86400);
		int secs = (int)(p->t - day * 86400);
		/* Numbers are issued city-wide: ours are a sparse subsequence. */
		if (day != tday) {
			tday = day;
			rseed(&tr, g->seed, S_TICKET, (uint64_t)day);
			seq = 1 + rbelow(&tr, 40);
		} else {
			seq += 1 + rbelow(&tr, 12);
		}
		sb b;
		sb_init(&b, ticket, sizeof ticket);
		sb_date(&b, day, "");
		sb_uint(&b, seq, 5);
		sb_init(&b, when, sizeof when);
		sb_time(&b, day, secs / 60, secs % 60);

		rng r = { p->rs };
		ref[0] = 0;
		if (p->kind == H_DUP) {
			gen_case(cases, p->ci, &k);
			case_ref(&k, ref, sizeof ref);
		} else {
			memset(&k.l, 0, sizeof k.l);
			if (p->kind == H_MISSED)
				loc_jiaxiang(g, &r, &k.l, 0.8);
			else
				loc_outside(&r, &k.l, estate_buf, sizeof estate_buf);
			gen_content(&r, &k, month_of(day));
		}
		int changed;
		hot_phone(&r, &k, p->kind, phone, sizeof phone, &changed);
		hot_reporter(&r, k.reporter, changed && rpct(&r, 0.5), reporter, sizeof reporter);
		hot_address(&r, &k.l, address, sizeof address);
		street[0] = comm[0] = 0;
		if (k.l.kind == L_ESTATE || k.l.kind == L_VILLAGE) {
			if (rpct(&r, 0.88))
				snprintf(street, sizeof street, "%s", k.l.street);
			double y = runit(&r);
			if (y < 0.5)
				snprintf(comm, sizeof comm, "%s", k.l.comm_full);
			else if (y < 0.85)
				snprintf(comm, sizeof comm, "%s", k.l.comm_short);
		} else if (k.l.kind == L_OUTSIDE && rpct(&r, 0.5)) {
			snprintf(street, sizeof street, "%s", k.l.street);
		}
		double y = runit(&r);
		const char *type = y < 0.05 ? "" : y < 0.08 ? "其他" : hot_types[k.cat][rbelow(&r, 2)];
		hot_text(&r, &k.l, &k.t, text, sizeof text);
		/* The same operator habits apply to the address and the text. */
		rng nr = r;
		noisy_digits(&r, address, sizeof address);
		noisy_digits(&nr, text, sizeof text);

		w_field(out, ticket, 0);
		w_field(out, when, 0);
		w_field(out, phone, 0);
		w_field(out, reporter, 0);
		w_field(out, address, 0);
		w_field(out, street, 0);
		w_field(out, comm, 0);
		w_field(out, type, 0);
		w_field(out, text, 1);
		if (truth) {
			w_field(truth, ticket, 0);
			w_field(truth, ref, 1);
		}
	}
	free(pl);
}


/* ------------------------------------------------------------------ */
/* Residents who report again (cases --again P).                       */

/* What a resident says when reporting the same demand again. */
static const char *const again_prefix[] = {
	"再次反映：", "又来反映：", "之前反映过，", "第二次反映：", "居民再次反映：", "还是上次那个问题，",
};
static const char *const again_aside[] = {
	"到现在还没解决", "问题依旧", "一直没人管", "情况越来越严重", "上次说了没人来看",
	"已经反映过了", "至今没有处理", "还是老样子",
};

/* The same demand told again, days later: another opening, synonyms, two
 * clauses swapped, one dropped or all but the problem and the request
 * (told in brief), an aside added. */
static void again_text(rng *r, const struct text *t, char *out, size_t cap)
{
	char cl[MAXCL + 2][320];
	int n = retell(r, t, cl, 0.5);
	if (n >= 3 && rpct(r, 0.4)) {
		int i = (int)rbelow(r, (uint32_t)(n - 1));
		char tmp[320];
		memcpy(tmp, cl[i], sizeof tmp);
		memcpy(cl[i], cl[i + 1], sizeof tmp);
		memcpy(cl[i + 1], tmp, sizeof tmp);
	}
	if (n >= 3 && rpct(r, 0.15)) {
		/* told in brief: the problem and the request only */
		memcpy(cl[1], cl[n - 1], sizeof cl[0]);
		n = 2;
	} else if (n >= 3 && rpct(r, 0.2)) {
		int i = 1 + (int)rbelow(r, (uint32_t)(n - 2));
		memmove(cl[i], cl[i + 1], sizeof cl[0] * (size_t)(n - i - 1));
		n--;
	}
	if (rpct(r, 0.6) && n < MAXCL + 1) {
		/* before the closing request */
		int at = n > 1 ? n - 1 : n;
		memmove(cl[at + 1], cl[at], sizeof cl[0] * (size_t)(n - at));
		snprintf(cl[at], sizeof cl[0], "%s", PICK(r, again_aside));
		n++;
	}
	sb b;
	sb_init(&b, out, cap);
	if (rpct(r, 0.7))
		sb_add(&b, PICK(r, again_prefix));
	for (int i = 0; i < n; i++) {
		if (i)
			sb_add(&b, rpct(r, 0.1) ? " " : "，");
		sb_add(&b, cl[i]);
	}
	sb_add(&b, rpct(r, 0.2) ? "！" : "。");
}

/*
 * Case i as written: most are their own; with --again P, a share P of them
 * is a resident reporting again within 10 days a case j before it (the
 * same name, phone, address and place: three in four times the same
 * demand told again, else a new demand of the same household). *of is j
 * when i repeats it, else -1.
 */
static void final_case(const gen *g, long long i, double p, kase *k, long long *of)
{
	kase *kj;
	rng r;
	*of = -1;
	gen_case(g, i, k);
	if (p <= 0)
		return;
	rseed(&r, g->seed, S_AGAIN, (uint64_t)i);
	if (!rpct(&r, p))
		return;
	int d = day_of(g, i);
	long long lo = g->cum[d >= 10 ? d - 10 : 0];
	if (i <= lo)
		return;
	long long j = lo + (long long)rbelow(&r, (uint32_t)(i - lo)), jof;
	/* a chain of repeats is short: one case each link */
	if ((kj = malloc(sizeof *kj)) == NULL)
		fatal(EX_SOFTWARE, "%s", "out of memory");
	final_case(g, j, p, kj, &jof);
	int same = rpct(&r, 0.75);
	snprintf(k->reporter, sizeof k->reporter, "%s", kj->reporter);
	snprintf(k->address, sizeof k->address, "%s", kj->address);
	k->l = kj->l;
	k->team = kj->team;
	k->comm_long = kj->comm_long;
	/* a family member's phone, now and then */
	if (rpct(&r, 0.9))
		snprintf(k->phone, sizeof k->phone, "%s", kj->phone);
	if (same) {
		k->cat = kj->cat;
		k->cat_shown = kj->cat_shown && rpct(&r, 0.8);
		again_text(&r, &kj->t, k->text, sizeof k->text);
		k->t = kj->t;   /* the demand, for a repeat of this one */
		*of = j;
	}
	free(kj);
}

static void run_cases(const gen *g, double again, writer *out, writer *truth)
{
	static kase k, kj;
	long long of, jof;
	char ref[48], jref[48];
	w_str(out, "ref,channel,received,reporter,phone,address,street,community,estate,category,text,collector,unit\n");
	if (truth)
		w_str(truth, "ref,again_of\n");
	for (long long i = 0; i < g->n; i++) {
		final_case(g, i, again, &k, &of);
		print_case(g, &k, out);
		if (truth && of >= 0) {
			final_case(g, of, again, &kj, &jof);
			case_ref(&k, ref, sizeof ref);
			case_ref(&kj, jref, sizeof jref);
			w_field(truth, ref, 0);
			w_field(truth, jref, 1);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Command line.                                                      */

static void usage(FILE *f)
{
	fprintf(f,
	    "usage: gen-data units [--seed S]\n"
	    "       gen-data people [--seed S]\n"
	    "       gen-data cases N [--seed S] [--from YYYY-MM-DD] [--days D]\n"
	    "                [--again P] [--truth FILE]\n"
	    "       gen-data hotline N [--seed S] [--from YYYY-MM-DD] [--days D] [--cases M] [--truth FILE]\n"
	    "       gen-data --help\n"
	    "\n"
	    "Writes deterministic Jiaxiang-like demo data as CSV on standard output:\n"
	    "  units    the organisation (county, centre, streets and towns, communities,\n"
	    "           estates, departments, pairing units)\n"
	    "  people   the collection teams, with the estates each one covers\n"
	    "  cases    N demands in the 社情民意365 ledger, in time order; --again P\n"
	    "           makes a share P of them a resident reporting again within 10\n"
	    "           days (3 in 4 the same demand reworded, else a new one), and\n"
	    "           --truth FILE writes ref,again_of of the repeats\n"
	    "  hotline  N 12345 hotline records: ~60%% repeat cases of `cases M`, ~30%%\n"
	    "           demands the teams missed, ~10%% outside the county;\n"
	    "           --truth FILE writes ticket,ref for scoring a matcher\n"
	    "\n"
	    "Defaults: --seed 1 --from 2025-01-01 --days 365 --cases N.\n"
	    "The same arguments always give the same bytes.\n");
}

_Noreturn static void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, "usage: gen-data units|people|cases N|hotline N [options]; see gen-data --help\n");
	exit(EX_USAGE);
}

static unsigned long long parse_uint(const char *s, const char *what, unsigned long long max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	/* strtoull would take " 5", "+5" and even "-5" */
	if (*s < '0' || *s > '9' || errno || *end || v > max) {
		char msg[96];
		snprintf(msg, sizeof msg, "bad %s '%%s'", what);
		usage_error(msg, s);
	}
	return v;
}

static int64_t parse_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape; i++) {
		int ok = shape[i] == 'd' ? s[i] >= '0' && s[i] <= '9' : s[i] == shape[i];
		if (!ok)
			usage_error("bad date '%s' (want YYYY-MM-DD)", s);
	}
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || y > 9000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
		usage_error("bad date '%s'", s);
	return days_from_civil(y, m, d);
}

struct args {
	const char *cmd;
	long long n;
	int have_n;
	uint64_t seed;
	int64_t from;
	int days;
	long long cases;
	int have_cases;
	const char *truth;
	double again;
};

/* Accepts --opt VALUE and --opt=VALUE; which options a command takes is checked. */
static void parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof *a);
	a->seed = 1;
	a->from = days_from_civil(2025, 1, 1);
	a->days = 365;
	if (argc < 2)
		usage_error("%s", "missing command");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			fatal(EX_IOERR, "%s", "cannot write standard output");
		exit(0);
	}
	a->cmd = argv[1];
	int takes_n, takes_time, takes_hot, takes_again = 0;
	if (strcmp(a->cmd, "units") == 0 || strcmp(a->cmd, "people") == 0)
		takes_n = takes_time = takes_hot = 0;
	else if (strcmp(a->cmd, "cases") == 0)
		takes_n = takes_time = takes_again = 1, takes_hot = 0;
	else if (strcmp(a->cmd, "hotline") == 0)
		takes_n = takes_time = takes_hot = 1;
	else
		usage_error("unknown command '%s'", a->cmd);

	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			usage(stdout);
			exit(0);
		}
		if (strncmp(arg, "--", 2) != 0 || arg[2] == 0) {
			if (!takes_n || a->have_n)
				usage_error("unexpected argument '%s'", arg);
			a->n = (long long)parse_uint(arg, "count", 1000000000ULL);
			a->have_n = 1;
			continue;
		}
		char name[32];
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		if (len >= sizeof name)
			usage_error("unknown option '%s'", arg);
		memcpy(name, arg, len);
		name[len] = 0;
		int known = strcmp(name, "--seed") == 0 ||
		    (takes_time && (strcmp(name, "--from") == 0 || strcmp(name, "--days") == 0)) ||
		    (takes_hot && (strcmp(name, "--cases") == 0 || strcmp(name, "--truth") == 0)) ||
		    (takes_again && (strcmp(name, "--again") == 0 || strcmp(name, "--truth") == 0));
		if (!known)
			usage_error("unknown option '%s'", arg);
		if (eq)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			usage_error("option '%s' needs a value", name);
		if (strcmp(name, "--seed") == 0) {
			a->seed = parse_uint(val, "seed", UINT64_MAX);
		} else if (strcmp(name, "--from") == 0) {
			a->from = parse_date(val);
		} else if (strcmp(name, "--days") == 0) {
			a->days = (int)parse_uint(val, "day count", 36600);
			if (a->days < 1)
				usage_error("bad day count '%s'", val);
		} else if (strcmp(name, "--again") == 0) {
			char *end;
			a->again = strtod(val, &end);
			if (*val < '0' || *val > '9' || *end || a->again < 0 || a->again > 0.5)
				usage_error("bad share '%s' (want 0 to 0.5)", val);
		} else if (strcmp(name, "--cases") == 0) {
			a->cases = (long long)parse_uint(val, "case count", 1000000000ULL);
			a->have_cases = 1;
		} else {
			if (!*val)
				usage_error("%s", "empty --truth file name");
			a->truth = val;
		}
	}
	if (takes_n && !a->have_n)
		usage_error("'%s' needs a count N", a->cmd);
	if (!a->have_cases)
		a->cases = a->n;
}

/* The truth file, when one is asked for (NULL when not). */
static writer *truth_open(const char *path, writer *w)
{
	if (path == NULL)
		return NULL;
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: cannot create '%s': %s\n", progname, path, strerror(errno));
		exit(EX_CANTCREAT);
	}
	w_open(w, f, path);
	return w;
}

static void truth_close(writer *w, const char *path)
{
	if (w == NULL)
		return;
	w_close(w);
	if (fclose(w->f) != 0)
		fatal(EX_IOERR, "cannot write '%s'", path);
}

int main(int argc, char **argv)
{
	struct args a;
	parse_args(argc, argv, &a);
	classify_templates();

	static world w;
	build_world(&w, a.seed);
	writer out;
	w_open(&out, stdout, "standard output");

	if (strcmp(a.cmd, "units") == 0) {
		print_units(&w, &out);
	} else if (strcmp(a.cmd, "people") == 0) {
		print_people(&w, &out);
	} else if (strcmp(a.cmd, "cases") == 0) {
		gen g;
		gen_init(&g, &w, a.seed, a.from, a.days, a.n);
		writer truth, *tp = truth_open(a.truth, &truth);
		run_cases(&g, a.again, &out, tp);
		gen_free(&g);
		truth_close(tp, a.truth);
	} else {
		gen g, cg;
		gen_init(&g, &w, a.seed, a.from, a.days, a.n);
		gen_init(&cg, &w, a.seed, a.from, a.days, a.cases);
		writer truth, *tp = truth_open(a.truth, &truth);
		run_hotline(&g, &cg, a.n, &out, tp);
		gen_free(&g);
		gen_free(&cg);
		truth_close(tp, a.truth);
	}
	w_close(&out);
	world_free(&w);
	return 0;
}
