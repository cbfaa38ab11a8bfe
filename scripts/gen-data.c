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

static void fatal(int code, const char *fmt, const char *arg)
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
enum { S_WORLD = 1, S_DAY, S_CASE, S_HOT, S_HOTPERM, S_TICKET };

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
	if (b->len + n >= b->cap)
		n = b->cap - 1 - b->len;
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
	int two = !rpct(r, 0.25);
	sb_add(&b, female ? PICK(r, given_f) : PICK(r, given_m));
	if (two)
		sb_add(&b, female ? PICK(r, given_f) : PICK(r, given_m));
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
	int ndept0, npairing0;                      /* first unit index of departments, pairing units */
	int nteams;
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
			char core[48];
			snprintf(core, sizeof core, "%s", comm->shortname);
			strip_suffix(core, "社区", "");
			snprintf(out, cap, "%s%s", core, rpct(r, 0.6) ? "小区" : "花园");
		} else {
			snprintf(out, cap, "%s%s", PICK(r, estate_head), PICK(r, estate_tail));
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
	w->ndept0 = w->nu;
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
			snprintf(code, sizeof code, "%s-E%02d", w->u[c->unit].code, k + 1);
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
	w->nteams = w->ne + (int)(NELEM(streets_tab) - N_URBAN_STREETS);
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

/* Parents come before children, so a loader can resolve in one pass. */
static void print_units(const world *w, writer *out)
{
	static const int order[] = { K_COUNTY, K_CENTRE, K_DEPT, K_PAIRING, K_STREET, K_COMMUNITY, K_ESTATE };
	w_mem(out, "code,name,kind,parent,contact,phone\n", 36);
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
	w_mem(out, "name,phone,unit,role,covers\n", 28);
	for (int i = 0; i < w->np; i++) {
		const struct person *p = &w->p[i];
		w_field(out, p->name, 0);
		w_field(out, p->phone, 0);
		w_field(out, w->u[p->unit].code, 0);
		w_field(out, role_names[p->role], 0);
		w_field(out, p->covers, 1);
	}
}
