/* boundaries.c - values pinned at their edges: the event hash and the case
 * digest as minyi(5) defines them, the last day of every month, the first
 * and last days the calendar keeps in its table, the white space and the
 * widths of a time's fields, the numbers JSON output leaves unquoted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verbs/verbs.h"
#include "tap.h"

static const char *
evhash(const char *prev, int64_t id, int64_t case_id, int64_t at, const char *op, const char *kind,
    const char *details)
{
	static char hex[65];

	mi_event_hash(NULL, prev, id, case_id, at, op, kind, details, hex);
	return hex;
}

/*
 * The expected values are SHA-256 of the documented bytes, computed apart
 * from minyi, e.g. for the first:
 *   printf '%s\037%s\037%s\037%s\037%s\037%s\037%s' "" 1 7 1795656600 tester intake \
 *       '{"source":"flags"}' | sha256sum
 */
static void
test_event_hash(void)
{
	const char *prev = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	char a[65];

	is_str(evhash("", 1, 7, 1795656600, "tester", "intake", "{\"source\":\"flags\"}"),
	    "3e043c245f5b76e0277d42be33e489cb643ac832af3194fdc8f684d9494cad51", "first event: pinned");
	snprintf(a, sizeof(a), "%s", evhash("", 1, 7, 1795656600, "tester", "intake", "{\"source\":\"flags\"}"));
	is_str(evhash("", 1, 7, 1795656601, "tester", "intake", "{\"source\":\"flags\"}"),
	    "0e70ecd7f7b7ded681152b06c6a7d9b17cc75d3e616d6e574ebc824b7b0219fb", "the time is in the hash: one second later");
	ok(strcmp(a, evhash("", 1, 7, 1795656601, "tester", "intake", "{\"source\":\"flags\"}")) != 0,
	    "so an edited time changes the hash");
	is_str(evhash("", 1, 7, 1795656600, "tester", "intake", NULL),
	    "91059ef668574394dfcb5c0e8665bf3b5fb565d0512e82954b110c2b9b5612ea", "no details: nothing after the last 0x1f");
	is_str(evhash("", 1, 7, -5, "tester", "intake", ""),
	    "27afbcb22ce17ff52ede0737341d19fb08addf070f8b4c74847f620fdb654643", "a negative time in decimal, with its sign");
	is_str(evhash(prev, 2, 0, 1795656600, "tester", "reveal", "{}"),
	    "c5e0a8aeb11f707a9934379a1814c4dcdd10c57e80a14ddba7023294ce2ba11e", "the previous hash first; no case is 0");
	snprintf(a, sizeof(a), "%s", evhash("", 1, 7, 1795656600, "tester", "intake", "{}"));
	ok(strcmp(a, evhash("", 1, 7, 1795656600, "tester", "intakf", "{}")) != 0, "the kind is in the hash");
	ok(strcmp(a, evhash("", 1, 7, 1795656600, "testes", "intake", "{}")) != 0, "the operator is in the hash");
	ok(strcmp(a, evhash("", 1, 7, 1795656600, "tester", "intake", "{]")) != 0, "the details are in the hash");
	ok(strcmp(a, evhash("", 2, 7, 1795656600, "tester", "intake", "{}")) != 0, "the id is in the hash");
	ok(strcmp(a, evhash("", 1, 8, 1795656600, "tester", "intake", "{}")) != 0, "the case is in the hash");
	ok(strcmp(a, evhash("0", 1, 7, 1795656600, "tester", "intake", "{}")) != 0, "the previous hash is in the hash");
	snprintf(a, sizeof(a), "%s", evhash("", 1, 7, 0, "a", "b", "{}"));
	ok(strcmp(a, evhash("", 1, 7, 0, "ab", "", "{}")) != 0, "fields are separated: operator 'a' kind 'b' is not operator 'ab' kind ''");
	snprintf(a, sizeof(a), "%s", evhash("", 10, 1, 0, "o", "k", "{}"));
	ok(strcmp(a, evhash("", 1, 10, 0, "o", "k", "{}")) != 0, "id 10 case 1 is not id 1 case 10");
}

static const char *
digest(const char *channel, const char *ref, int64_t received, const char *reporter, const char *phone,
    const char *address, const char *text)
{
	static char hex[33];

	mi_case_digest(channel, ref, received, reporter, phone, address, text, hex);
	return hex;
}

/* The first 16 bytes of SHA-256 over the time in decimal, then each field
 * after a 0x1f, e.g. printf '%s\037%s\037%s\037%s\037%s\037%s\037%s' \
 *   1795656600 visit T1 张三 13812345678 嘉祥镇 路灯不亮 | sha256sum | cut -c1-32 */
static void
test_case_digest(void)
{
	char a[33];

	is_str(digest("visit", "T1", 1795656600, "张三", "13812345678", "嘉祥镇", "路灯不亮"),
	    "e796558252b288b6e227a328aff48824", "case digest: pinned");
	is_str(digest("visit", "T1", 1795656600, NULL, NULL, NULL, "路灯不亮"),
	    "71d08a7cf784c5129e93df19367b941a", "missing fields are empty");
	snprintf(a, sizeof(a), "%s", digest("visit", "T1", 1795656600, NULL, NULL, NULL, "路灯不亮"));
	ok(strcmp(a, digest("visit", "T1", 1795656601, NULL, NULL, NULL, "路灯不亮")) != 0, "the time is in the digest");
}

/* Every month's last day is a date and the day after it is not. */
static void
test_month_ends(void)
{
	static const int last[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m, bad = 0;

	for (m = 1; m <= 12; m++) {
		if (!mi_ymd_valid(2026 * 10000 + m * 100 + last[m - 1]))
			bad++, printf("# 2026-%02d-%02d not valid\n", m, last[m - 1]);
		if (mi_ymd_valid(2026 * 10000 + m * 100 + last[m - 1] + 1))
			bad++, printf("# 2026-%02d-%02d valid\n", m, last[m - 1] + 1);
	}
	is_int(bad, 0, "2026: each month ends on its last day");
	ok(mi_ymd_valid(20240229) && !mi_ymd_valid(20240230), "2024: February has 29 days");
	ok(mi_ymd_valid(20000229) && !mi_ymd_valid(21000229), "2000 is a leap year, 2100 is not");
	is_int(mi_ymd_add(20260131, 1), 20260201, "the day after 31 January");
	is_int(mi_ymd_add(20261231, 1), 20270101, "the day after 31 December");
	is_int(mi_ymd_add(20240228, 1), 20240229, "the day after 28 February 2024");
}

/* Days set by hand at the ends of the calendar's table (2020..2030) and
 * just outside it, where they are kept apart. */
static void
test_calendar_ends(void)
{
	static const int days[] = { 20191231, 20200101, 20200102, 20301230, 20301231, 20310101 };
	mi_calendar *c = mi_calendar_new();
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		if (!mi_calendar_is_workday(c, days[i]))
			bad++, printf("# %d is not a working day by the plain rule\n", days[i]);
		mi_calendar_set(c, days[i], 1);
		if (mi_calendar_is_workday(c, days[i]))
			bad++, printf("# %d set off, still works\n", days[i]);
	}
	is_int(bad, 0, "weekdays at and beside the table's ends can be set off");
	ok(mi_calendar_is_workday(c, 20200103), "the day after a day set off is untouched");
	ok(!mi_calendar_is_workday(c, 20310104), "2031-01-04 (Sat) is off by the plain rule");
	mi_calendar_set(c, 20310104, 0);
	mi_calendar_set(c, 20200104, 0);
	ok(mi_calendar_is_workday(c, 20310104) && mi_calendar_is_workday(c, 20200104), "Saturdays set on, either side of 2030");
	mi_calendar_set(c, 20310104, 1);
	ok(!mi_calendar_is_workday(c, 20310104), "and off again");
	mi_calendar_set(c, 20260230, 0);
	ok(!mi_calendar_is_workday(c, 20260230), "an impossible date cannot be set on");
	mi_calendar_free(c);
}

static int64_t
parsed(const char *s)
{
	int64_t t = 0;

	return mi_time_parse(s, &t) < 0 ? -1 : t;
}

/* Full-width spaces around a time are white space; other CJK punctuation
 * that shares their first two bytes is not. */
static void
test_time_space(void)
{
	ok(parsed("2026-11-26 09:30\xe3\x80\x80") == 1795656600, "a trailing U+3000 is trimmed");
	ok(parsed("\xe3\x80\x80 2026-11-26 09:30 \xe3\x80\x80 ") == 1795656600, "U+3000 and spaces either side");
	is_int(parsed("2026-11-26 09:30\xe3\x80\x82"), -1, "a trailing U+3002 (full stop) is not");
	is_int(parsed("2026-11-26 09:30\xe3\x80\x81"), -1, "nor U+3001 (comma)");
	is_int(parsed("\xe3\x80\x81 2026-11-26 09:30"), -1, "nor a leading one");
}

/* Fields of a time at their widths. */
static void
test_time_widths(void)
{
	ok(parsed("11/26/2026 09:30") == 1795656600, "MM/DD/YYYY");
	is_int(parsed("11/26/02026"), -1, "MM/DD/YYYY: a fifth digit of the year is not read");
	ok(parsed("2026-11-26T09:30:00+0800") == 1795656600, "offset +HHMM");
	is_int(parsed("2026-11-26T09:30:00+080"), -1, "offset +HHM: the minutes need two digits");
	is_int(parsed("2026-11-26T09:30:00+08:0"), -1, "offset +HH:M too");
}

/* What JSON may take unquoted (RFC 8259 numbers), every digit included. */
static void
test_json_numbers(void)
{
	static const char *const row[] = { "19", "-9", "0.9", "9e9", "1.99", "90", "09", "1.", ".5", "9e", "-" };
	static const char *const name[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k" };
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	mi_out *o = mi_out_new(f, MI_OUT_NDJSON, 0);

	for (i = 0; i < sizeof(name) / sizeof(name[0]); i++)
		mi_out_col(o, name[i], MI_COL_NUM);
	mi_out_row(o, row);
	mi_out_finish(o, NULL);
	mi_out_free(o);
	fclose(f);
	is_str(text, "{\"a\":19,\"b\":-9,\"c\":0.9,\"d\":9e9,\"e\":1.99,\"f\":90,"
	    "\"g\":\"09\",\"h\":\"1.\",\"i\":\".5\",\"j\":\"9e\",\"k\":\"-\"}\n", "json numbers with nines unquoted, the rest quoted");
	free(text);
}

int
main(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	test_event_hash();
	test_case_digest();
	test_month_ends();
	test_calendar_ends();
	test_time_space();
	test_time_widths();
	test_json_numbers();
	return done_testing();
}
