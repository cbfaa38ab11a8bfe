/* ledger - list, count and show the cases of the ledger. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "minyi.h"

static const char *prog = "ledger";

static const char usage_text[] =
	N_("usage: ledger [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"              [--reveal] [--status status] [--tier tier] [--unit unit]\n"
	"              [--street street] [--community community] [--estate estate]\n"
	"              [--category category] [--collector name] [--team team]\n"
	"              [--platform platform]\n"
	"              [--colour colour] [--channel channel] [--from time] [--to time]\n"
	"              [--overdue] [--returned] [--extended] [--unsigned]\n"
	"              [--limit n] [--columns columns] [--count | --by fields]\n"
	"       ledger [-d db] [-c config] [-u name] [-o format] [--reveal] show id\n"
	"       ledger [-d db] [-c config] [-u name] [-o format] [--bom] [--reveal]\n"
	"              --duplicates\n"
	"       ledger [-d db] [-c config] [-o format] [--bom] [--from time] [--to time]\n"
	"              meetings\n"
	"       ledger [-d db] [-c config] [-o format] [--bom] [--from time] [--to time]\n"
	"              [--community community] sessions\n"
	"       ledger [-d db] [-c config] [-o format] [--bom] imports\n"
	"       ledger [-d db] [-c config] head\n"
	"       ledger [-d db] [-c config] [--anchor line] [--anchors file] verify\n"
	"       ledger --help | --version\n");

enum {
	O_STATUS = 0x100, O_TIER, O_UNIT, O_STREET, O_COMMUNITY, O_CATEGORY, O_COLOUR,
	O_CHANNEL, O_FROM, O_TO, O_OVERDUE, O_LIMIT, O_COUNT, O_BY, O_ANCHOR, O_ANCHORS,
	O_DUPLICATES, O_ESTATE, O_COLLECTOR, O_COLUMNS, O_RETURNED, O_EXTENDED, O_UNSIGNED,
	O_TEAM, O_PLATFORM
};

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "status", 1, NULL, O_STATUS }, { "tier", 1, NULL, O_TIER }, { "unit", 1, NULL, O_UNIT },
	{ "street", 1, NULL, O_STREET }, { "community", 1, NULL, O_COMMUNITY },
	{ "category", 1, NULL, O_CATEGORY }, { "colour", 1, NULL, O_COLOUR },
	{ "color", 1, NULL, O_COLOUR }, { "channel", 1, NULL, O_CHANNEL },
	{ "from", 1, NULL, O_FROM }, { "to", 1, NULL, O_TO }, { "overdue", 0, NULL, O_OVERDUE },
	{ "limit", 1, NULL, O_LIMIT }, { "count", 0, NULL, O_COUNT }, { "by", 1, NULL, O_BY },
	{ "anchor", 1, NULL, O_ANCHOR }, { "anchors", 1, NULL, O_ANCHORS },
	{ "duplicates", 0, NULL, O_DUPLICATES }, { "estate", 1, NULL, O_ESTATE },
	{ "collector", 1, NULL, O_COLLECTOR }, { "columns", 1, NULL, O_COLUMNS },
	{ "returned", 0, NULL, O_RETURNED }, { "extended", 0, NULL, O_EXTENDED },
	{ "unsigned", 0, NULL, O_UNSIGNED }, { "team", 1, NULL, O_TEAM },
	{ "platform", 1, NULL, O_PLATFORM },
	{ NULL, 0, NULL, 0 }
};

static int
run(mi_ctx *c, const mi_filter *f, int count, const char *by, const char *columns, int show,
    int64_t id, int meetings /* 1: meetings, 2: import batches, 3: duplicates, 4: sessions */,
    mi_err *e)
{
	mi_idv shown = MI_IDV_INIT;
	mi_out *o;
	int rc;

	if (show) {
		rc = mi_ledger_show(c, id, stdout, e);
		if (rc == 0 && c->opts.reveal)
			mi_idv_push(&shown, id);
	} else {
		o = mi_ctx_out(c, stdout);
		if (meetings == 4)
			rc = mi_ledger_sessions(c, f, o, e);
		else if (meetings == 3)
			rc = mi_ledger_duplicates(c, o, c->opts.reveal ? &shown : NULL, e);
		else if (meetings == 2)
			rc = mi_ledger_imports(c, o, e);
		else if (meetings)
			rc = mi_ledger_meetings(c, f, o, e);
		else if (count || by)
			rc = mi_ledger_count(c, f, by, o, e);
		else
			rc = mi_ledger_list(c, f, columns, o, c->opts.reveal ? &shown : NULL, e);
		if (rc == 0)
			rc = mi_out_finish(o, e);
		mi_out_free(o);
	}
	if (rc == 0)
		rc = mi_reveal(c, &shown, show ? "case history" : by ? "case counts" :
		    meetings == 3 ? "possible duplicates" : "case list", NULL, e);
	mi_idv_release(&shown);
	return rc;
}

static void
problem(void *arg, const char *what)
{
	(void)arg;
	printf("%s\n", what);
}

/* Prints the head of the hash chain, the line to keep for verify --anchor. */
static int
head(mi_ctx *c)
{
	mi_err e = { 0, "" };
	char line[256];
	int rc;

	if ((rc = mi_cli_open(c, prog, MI_DB_RO)) != 0)
		return rc;
	rc = mi_ledger_head(c, line, sizeof(line), &e);
	mi_ctx_close(c);
	if (rc < 0)
		return mi_cli_fail(prog, &e);
	printf("%s\n", line);
	return mi_cli_done(prog, 0);
}

/* Walks the hash chain and the cases: 0 when they agree, 65 when not. */
static int
verify(mi_ctx *c, const mi_anchors *anchors)
{
	mi_err e = { 0, "" };
	long events, cases, found;
	char a[32], b[32];
	int rc, quiet = c->opts.quiet;

	if ((rc = mi_cli_open(c, prog, MI_DB_RO)) != 0)
		return rc;
	rc = mi_ledger_verify(c, anchors, problem, NULL, &events, &cases, &found, &e);
	mi_ctx_close(c);
	if (rc < 0)
		return mi_cli_fail(prog, &e);
	if (quiet && !found)
		return mi_cli_done(prog, 0);
	fprintf(stderr, _("%s: %s events and %s cases checked: "), prog,
	    mi_cli_count(events, a, sizeof(a)), mi_cli_count(cases, b, sizeof(b)));
	if (found)
		fprintf(stderr, ngettext("%ld problem found\n", "%ld problems found\n", found), found);
	else
		fputs(_("the history is intact\n"), stderr);
	return mi_cli_done(prog, found ? MI_EX_DATAERR : 0);
}

/* A bad option's exit, with what the options read so far let go. */
static int
bad_option(mi_anchors *anchors, const mi_err *e)
{
	mi_anchors_release(anchors);
	return mi_cli_fail(prog, e);
}

/* ledger sessions: the community is the only filter that applies. */
static const char *
community_only(mi_filter *f, int count, const char *by, int reveal)
{
	const char *community = f->community;
	int filtered;

	f->community = NULL;
	filtered = f->status || f->tier || f->unit || f->street || f->estate || f->category ||
	    f->collector || f->team || f->platform || f->colour || f->channel || f->overdue || f->limit ||
	    f->returned || f->extended || f->unsigned_;
	if (filtered || count || by || reveal)
		mi_cli_usage("sessions take only --from, --to and --community (and -o, --bom)");
	return community;
}

int
main(int argc, char **argv)
{
	mi_filter f;
	mi_ctx c;
	mi_err e = { 0, "" };
	mi_anchors anchors = MI_ANCHORS_INIT;
	const char *by = NULL, *columns = NULL;
	int ch, rc, count = 0, show = 0, meetings = 0, anchored = 0, dups = 0, filtered;
	int64_t id = 0;
	long long num;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	memset(&f, 0, sizeof(f));
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return bad_option(&anchors, &e);
		switch (ch) {
		case O_STATUS: f.status = optarg; break;
		case O_TIER: f.tier = optarg; break;
		case O_UNIT: f.unit = optarg; break;
		case O_STREET: f.street = optarg; break;
		case O_COMMUNITY: f.community = optarg; break;
		case O_ESTATE: f.estate = optarg; break;
		case O_COLLECTOR: f.collector = optarg; break;
		case O_TEAM: f.team = optarg; break;
		case O_PLATFORM: f.platform = optarg; break;
		case O_COLUMNS: columns = optarg; break;
		case O_CATEGORY: f.category = optarg; break;
		case O_COLOUR: f.colour = optarg; break;
		case O_CHANNEL: f.channel = optarg; break;
		case O_OVERDUE: f.overdue = 1; break;
		case O_RETURNED: f.returned = 1; break;
		case O_EXTENDED: f.extended = 1; break;
		case O_UNSIGNED: f.unsigned_ = 1; break;
		case O_COUNT: count = 1; break;
		case O_BY: by = optarg; break;
		case O_DUPLICATES: dups = 1; break;
		case O_ANCHOR:
		case O_ANCHORS:
			if ((ch == O_ANCHOR ? mi_anchors_line(&anchors, optarg, &e) :
			    mi_anchors_file(&anchors, optarg, &e)) < 0)
				return bad_option(&anchors, &e);
			anchored = 1;
			break;
		case O_FROM:
			if (mi_time_arg(optarg, MI_BARE_START, &f.from, &e) < 0)
				return bad_option(&anchors, &e);
			f.has_from = 1;
			break;
		case O_TO:
			/* A bare date in --to means the whole of that day. */
			if (mi_time_arg(optarg, MI_BARE_END, &f.to, &e) < 0)
				return bad_option(&anchors, &e);
			f.has_to = 1;
			break;
		case O_LIMIT:
			if (mi_parse_num(optarg, 1, LONG_MAX, &num) < 0) {
				mi_anchors_release(&anchors);
				mi_cli_warn(prog, "invalid limit '%s'", optarg);
				return MI_EX_USAGE;
			}
			f.limit = (long)num;
			break;
		default: mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (count && by)
		mi_cli_usage("--count and --by are two different answers: give one");
	if (columns && (count || by || dups || argc))
		mi_cli_usage("--columns chooses the columns of the listing of cases: not with --count, "
		    "--by, --duplicates or a command");
	filtered = f.status || f.tier || f.unit || f.street || f.community || f.estate ||
	    f.category || f.collector || f.team || f.platform || f.colour || f.channel || f.overdue || f.limit ||
	    f.returned || f.extended || f.unsigned_;
	if (dups && (argc || filtered || count || by || f.has_from || f.has_to))
		mi_cli_usage("--duplicates lists every undecided pair: it takes no filter and no command");
	if (dups)
		meetings = 3;
	if (argc == 1 && strcmp(argv[0], "verify") == 0) {
		rc = verify(&c, &anchors);
		mi_anchors_release(&anchors);
		return rc;
	}
	if (anchored)
		mi_cli_usage("--anchor and --anchors go with verify");
	if (argc == 1 && strcmp(argv[0], "head") == 0)
		return head(&c);
	/* Import batches are not cases: no filter applies to them. */
	if (argc == 1 && strcmp(argv[0], "imports") == 0) {
		if (filtered || count || by || c.opts.reveal || f.has_from || f.has_to)
			mi_cli_usage("imports takes no filter");
		meetings = 2;
	} else if (argc == 1 && strcmp(argv[0], "meetings") == 0) {
		/* Meetings are not cases: only the time bounds apply to them. */
		if (filtered || count || by || c.opts.reveal)
			mi_cli_usage("meetings take only --from and --to (and -o, --bom)");
		meetings = 1;
	} else if (argc == 1 && strcmp(argv[0], "sessions") == 0) {
		/* Sessions are not cases: the time bounds and the community apply to them. */
		f.community = community_only(&f, count, by, c.opts.reveal);
		meetings = 4;
	} else if (argc > 0) {
		if (strcmp(argv[0], "show") != 0 || argc != 2)
			mi_cli_usage(strcmp(argv[0], "show") == 0 ? "show takes one case id" :
			    N_("unknown command '%s' (expected show, verify, head, meetings, sessions or "
			    "imports)"), argv[0]);
		if (mi_parse_num(argv[1], 1, INT64_MAX, &num) < 0) {
			mi_cli_warn(prog, "'%s' is not a case id", argv[1]);
			return MI_EX_USAGE;
		}
		id = num;
		show = 1;
	}
	/* Revealing writes an event, so only then is the database opened for writing. */
	if ((rc = mi_cli_open(&c, prog, c.opts.reveal ? MI_DB_RW_EXISTING : MI_DB_RO)) != 0)
		return rc;
	rc = run(&c, &f, count, by, columns, show, id, meetings, &e) < 0 ? mi_cli_fail(prog, &e) : 0;
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
