/* score - the monthly assessment and rankings of the three lines. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "minyi.h"

static const char *prog = "score";

static const char usage_text[] =
	N_("usage: score [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"             [--reveal] [-l line] [--by unit|person|team] [--limit n]\n"
	"             -m month | -y year | --from time --to time\n"
	"       score [-d db] [-c config] [-u name] [-o xlsx] [--at time] [--reveal]\n"
	"             [-l line] [--by unit|person] [--limit n] --bulletin -m month\n"
	"       score [-d db] [-c config] [-u name] [--at time] [--reveal] [-l line]\n"
	"             [--by unit|person] [--limit n] --bulletin -y year\n"
	"       score [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"             [--reveal] --points -m month | -y year | --from time --to time\n"
	"       score [-d db] [-c config] [-u name] [--at time] --publish -m month\n"
	"       score [-d db] [-c config] [-o format] [--bom] --published\n"
	"       score --help | --version\n");

enum { O_BY = 0x100, O_LIMIT, O_FROM, O_TO, O_BULLETIN, O_PUBLISH, O_PUBLISHED, O_POINTS };

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "month", 1, NULL, 'm' }, { "year", 1, NULL, 'y' }, { "line", 1, NULL, 'l' },
	{ "by", 1, NULL, O_BY }, { "limit", 1, NULL, O_LIMIT }, { "from", 1, NULL, O_FROM },
	{ "to", 1, NULL, O_TO }, { "bulletin", 0, NULL, O_BULLETIN },
	{ "publish", 0, NULL, O_PUBLISH }, { "published", 0, NULL, O_PUBLISHED },
	{ "points", 0, NULL, O_POINTS },
	{ NULL, 0, NULL, 0 }
};

/* Parses one option of score's own; -1 after a message (64). */
static int
option(int ch, const char *arg, mi_score_opts *so, int *periods)
{
	long long num;

	switch (ch) {
	case 'm':
		(*periods)++;
		so->period = MI_PERIOD_MONTH;
		if (mi_month_parse(arg, &so->from, &so->to) == 0)
			return 0;
		mi_cli_warn(prog, "invalid month '%s' (expected YYYY-MM)", arg);
		return -1;
	case 'y':
		(*periods)++;
		so->period = MI_PERIOD_YEAR;
		if (mi_year_parse(arg, &so->from, &so->to) == 0)
			return 0;
		mi_cli_warn(prog, "invalid year '%s' (expected YYYY)", arg);
		return -1;
	case 'l':
		if ((so->line = mi_vocab_parse(MI_V_LINE, arg)) >= 0)
			return 0;
		mi_cli_warn(prog, "unknown line '%s' (expected community, pairing or department)",
		    arg);
		return -1;
	case O_BY:
		if (strcmp(arg, "unit") == 0 || strcmp(arg, "person") == 0 || strcmp(arg, "team") == 0) {
			so->what = *arg == 'u' ? MI_SCORE_UNITS : *arg == 'p' ? MI_SCORE_PEOPLE :
			    MI_SCORE_TEAMS;
			return 0;
		}
		mi_cli_warn(prog, "cannot rank by '%s' (expected unit, person or team)", arg);
		return -1;
	case O_LIMIT:
		if (mi_parse_num(arg, 1, LONG_MAX, &num) == 0) {
			so->limit = (long)num;
			return 0;
		}
		mi_cli_warn(prog, "invalid limit '%s'", arg);
		return -1;
	}
	mi_cli_usage(NULL);
	return -1;
}

static int
report(mi_ctx *c, mi_out *out, void *so, mi_err *e)
{
	return mi_score_report(c, so, out, e);
}

static int
points(mi_ctx *c, mi_out *out, void *so, mi_err *e)
{
	return mi_score_points(c, so, out, e);
}

static int
published(mi_ctx *c, mi_out *out, void *arg, mi_err *e)
{
	(void)arg;
	return mi_score_published(c, out, e);
}

/* --publish -m month, or --published: the months frozen. */
static int
publishing(mi_ctx *c, const char *month, int list, int periods)
{
	mi_err e = { 0, "" };
	int rc, already;

	if (list && (periods || month))
		mi_cli_usage("--published lists every published month: it takes no period");
	if (!list && (periods != 1 || month == NULL))
		mi_cli_usage("--publish takes one month: -m month");
	if ((rc = mi_cli_open(c, prog, list ? MI_DB_RO : MI_DB_RW_EXISTING)) != 0)
		return rc;
	if (list)
		rc = mi_cli_list(c, prog, published, NULL);
	else if (mi_score_publish(c, month, &already, &e) < 0)
		rc = mi_cli_fail(prog, &e);
	else if (already)
		mi_cli_warn(prog, "month %s was published before: nothing changed", month);
	else if (!c->opts.quiet)
		mi_cli_warn(prog, "month %s published: its misses are no longer changed by a "
		    "re-check", month);
	mi_ctx_close(c);
	return mi_cli_done(prog, rc);
}

int
main(int argc, char **argv)
{
	mi_score_opts so;
	mi_ctx c;
	mi_err e = { 0, "" };
	int ch, rc, periods = 0, has_from = 0, has_to = 0, bulletin = 0, formatted = 0;
	int publish = 0, list = 0, bank = 0, ranked = 0;
	const char *month = NULL;
	int64_t from = 0, to = 0;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	memset(&so, 0, sizeof(so));
	so.line = -1;
	while ((ch = getopt_long(argc, argv, MI_COMMON_SHORTOPTS "m:y:l:", longopts, NULL)) != -1) {
		/* The bulletin is a text, or a workbook: no other format. */
		if (ch == 'o')
			formatted = strcmp(optarg, "xlsx") != 0 ? formatted | 1 : formatted & ~1;
		if (ch == MI_OPT_BOM)
			formatted |= 2;
		if ((rc = mi_opt_common(&c.opts, ch, optarg, &e)) != 0) {
			if (rc < 0)
				return mi_cli_fail(prog, &e);
			continue;
		}
		if (ch == O_BULLETIN) {
			bulletin = 1;
			continue;
		}
		if (ch == O_POINTS) {
			bank = 1;
			continue;
		}
		ranked |= ch == 'l' || ch == O_BY || ch == O_LIMIT;
		if (ch == O_PUBLISH || ch == O_PUBLISHED) {
			*(ch == O_PUBLISH ? &publish : &list) = 1;
			continue;
		}
		if (ch == 'm')
			month = optarg;
		/* A bare date in --to means the whole of that day. */
		if (ch == O_FROM || ch == O_TO) {
			if (mi_time_arg(optarg, ch == O_TO ? MI_BARE_END : MI_BARE_START,
			    ch == O_TO ? &to : &from, &e) < 0)
				return mi_cli_fail(prog, &e);
			*(ch == O_TO ? &has_to : &has_from) = 1;
			continue;
		}
		if (option(ch, optarg, &so, &periods) < 0)
			return MI_EX_USAGE;
	}
	if (optind != argc)
		mi_cli_usage("unexpected operand '%s'", argv[optind]);
	if (publish + list + bulletin + bank > 1)
		mi_cli_usage("--bulletin, --points, --publish and --published are separate tasks: "
		    "give one");
	if (bank && ranked)
		mi_cli_usage("--points lists the civilisation bank's points per person: it takes no "
		    "-l, --by or --limit");
	if (publish || list)
		return publishing(&c, so.period == MI_PERIOD_MONTH ? month : NULL, list,
		    periods + (has_from || has_to));
	if (periods + (has_from || has_to) != 1)
		mi_cli_usage(periods + (has_from || has_to) ? "give one period: -m, -y or --from and --to" :
		    N_("which period? give -m month, -y year, or --from and --to"));
	if (has_from != has_to)
		mi_cli_usage("--from and --to go together");
	if (bulletin && (so.period == MI_PERIOD_SPAN || periods != 1))
		mi_cli_usage("the bulletin is a month's or a year's: --bulletin takes -m month or -y year");
	if (bulletin && so.what == MI_SCORE_TEAMS)
		mi_cli_usage("the bulletin ranks units and people: --by team is a report of its own");
	if (bulletin && formatted)
		mi_cli_usage("the bulletin is a text for reading, or a workbook with -o xlsx: "
		    "it takes no other -o, nor --bom");
	if (bulletin && so.period == MI_PERIOD_YEAR && c.opts.outfmt == MI_OUT_XLSX)
		mi_cli_usage("the year's bulletin is a text for reading: it takes no -o");
	if (has_from) {
		so.period = MI_PERIOD_SPAN;
		so.from = from;
		so.to = to;
		if (from >= to) {
			mi_cli_warn(prog, "the period is empty: --from must come before --to");
			return MI_EX_USAGE;
		}
	}
	if (so.what == 0)
		so.what = bulletin ? MI_SCORE_UNITS | MI_SCORE_PEOPLE : MI_SCORE_UNITS;
	/* Revealing names writes an event, so only then is the database opened for writing. */
	if ((rc = mi_cli_open(&c, prog, c.opts.reveal ? MI_DB_RW_EXISTING : MI_DB_RO)) != 0)
		return rc;
	if (bank)
		rc = mi_cli_list(&c, prog, points, &so);
	else if (!bulletin)
		rc = mi_cli_list(&c, prog, report, &so);
	else if (mi_score_bulletin(&c, &so, stdout, &e) < 0)
		rc = mi_cli_fail(prog, &e);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
