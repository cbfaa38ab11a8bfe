/* intake - record residents' demands from ledgers, exports or flags. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minyi.h"

static const char *prog = "intake";

static const char usage_text[] =
	N_("usage: intake [-q] [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"              [--reveal] [--channel channel] [--format format]\n"
	"              [--encoding encoding] [--sheet sheet] [--layout name]\n"
	"              [--rejects file] [--strict]\n"
	"              [--dry-run] [file ...]\n"
	"       intake [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"              [--channel channel] [--dry-run] --text text [--received time]\n"
	"              [--ref ref] [--reporter name] [--phone phone] [--address address]\n"
	"              [--street street] [--community community] [--estate estate]\n"
	"              [--category category] [--collector name] [--unit unit]\n"
	"       intake --help | --version\n");

enum {
	O_CHANNEL = 0x100, O_FORMAT, O_ENCODING, O_LAYOUT, O_REJECTS, O_STRICT, O_DRYRUN, O_SHEET,
	O_FIELD   /* O_FIELD + an enum mi_field */
};

/* A field of the demand given as a flag. */
#define FIELD(name, f) { name, 1, NULL, O_FIELD + (f) }

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "channel", 1, NULL, O_CHANNEL }, { "format", 1, NULL, O_FORMAT },
	{ "encoding", 1, NULL, O_ENCODING }, { "layout", 1, NULL, O_LAYOUT },
	{ "rejects", 1, NULL, O_REJECTS }, { "strict", 0, NULL, O_STRICT },
	{ "dry-run", 0, NULL, O_DRYRUN }, MI_SHEET_LONGOPT(O_SHEET),
	FIELD("ref", MI_F_REF), FIELD("received", MI_F_RECEIVED),
	FIELD("reporter", MI_F_REPORTER), FIELD("phone", MI_F_PHONE),
	FIELD("address", MI_F_ADDRESS), FIELD("street", MI_F_STREET),
	FIELD("community", MI_F_COMMUNITY), FIELD("estate", MI_F_ESTATE),
	FIELD("category", MI_F_CATEGORY), FIELD("text", MI_F_TEXT),
	FIELD("collector", MI_F_COLLECTOR), FIELD("unit", MI_F_UNIT),
	{ NULL, 0, NULL, 0 }
};

struct sink {
	mi_cli_sink io;        /* first: mi_cli_reject is handed the sink */
	long unresolved_shown;
};

static void
added(void *arg, const mi_record *row)
{
	struct sink *s = arg;

	mi_out_row(s->io.out, row->val);
}

static void
unresolved(void *arg, const char *file, long line, const char *what)
{
	struct sink *s = arg;

	/* The first few name the lines; the summary counts them all. */
	if (s->unresolved_shown++ < 10)
		mi_cli_at(file, line, what);
}

static void
warn(void *arg, const char *file, long line, const char *what)
{
	(void)arg;
	mi_cli_at(file, line, what);
}

static void
note(void *arg, const char *file, const char *what)
{
	(void)arg;
	mi_cli_warn(prog, "%s: %s", file, what);
}

static void
progress(void *arg, long n)
{
	(void)arg;
	mi_cli_progress(prog, "records", n);
}

static void
summary(const mi_intake_stats *st, int dry)
{
	char a[32], k[32], r[32], u[32];

	if (isatty(2) && st->added + st->known + st->rejected >= 10000)
		fputc('\n', stderr);
	fprintf(stderr, _("%s: %s%s new, %s already known, %s rejected"), prog, dry ? _("(dry run) ") : "",
	    mi_cli_count(st->added, a, sizeof(a)), mi_cli_count(st->known, k, sizeof(k)),
	    mi_cli_count(st->rejected, r, sizeof(r)));
	if (st->unresolved)
		fprintf(stderr, _(", %s with location not resolved"),
		    mi_cli_count(st->unresolved, u, sizeof(u)));
	if (st->unreadable)
		fprintf(stderr, _(", %s with phone unreadable"),
		    mi_cli_count(st->unreadable, u, sizeof(u)));
	if (st->empty)
		fprintf(stderr, ngettext(", %s empty row skipped", ", %s empty rows skipped", st->empty),
		    mi_cli_count(st->empty, u, sizeof(u)));
	fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	mi_intake_opts io;
	mi_intake_stats st = { 0, 0, 0, 0, 0, 0, 0 };
	const char *vals[MI_F_N] = { NULL }, *rejects = NULL;
	struct sink sink;
	mi_ctx c;
	mi_err e = { 0, "" };
	int ch, rc = 0, flags = 0, i;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	mi_intake_opts_init(&io);
	memset(&sink, 0, sizeof(sink));
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_CHANNEL:
			if ((io.channel = mi_vocab_parse(MI_V_CHANNEL, optarg)) < 0) {
				mi_cli_warn(prog, "unknown channel '%s' (expected visit, hall, hotline, "
				    "wechat or other)", optarg);
				return MI_EX_USAGE;
			}
			break;
		case O_FORMAT:
			if (mi_cli_format(prog, optarg, &io.format) < 0)
				return MI_EX_USAGE;
			break;
		case O_ENCODING:
			if (mi_cli_encoding(prog, optarg, &io.enc) < 0)
				return MI_EX_USAGE;
			break;
		case O_LAYOUT: io.layout = optarg; break;
		case O_SHEET: io.sheet = optarg; break;
		case O_REJECTS: rejects = optarg; break;
		case O_STRICT: io.strict = 1; break;
		case O_DRYRUN: io.dry_run = 1; break;
		default:
			if (ch >= O_FIELD && ch < O_FIELD + MI_F_N) {
				vals[ch - O_FIELD] = optarg;
				flags = 1;
				break;
			}
			mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (flags && (argc > 0 || !vals[MI_F_TEXT])) {
		mi_cli_warn(prog, argc > 0 ? "a demand from flags takes no file operands" :
		    N_("a demand from flags needs --text"));
		return MI_EX_USAGE;
	}
	/* Nothing is created for a run that cannot start. */
	if (rejects && mi_rejects_check(rejects, c.opts.db, argc, argv, &e) < 0)
		return mi_cli_fail(prog, &e);
	if ((rc = mi_cli_open(&c, prog, -1)) != 0)
		return rc;
	if (mi_intake_precheck(&c, &io, argc, argv, &e) < 0 ||
	    mi_ctx_db(&c, io.dry_run ? MI_DB_RW_EXISTING : MI_DB_RW, &e) < 0 ||
	    mi_cli_sink_open(&sink.io, prog, &c, rejects, &e) < 0) {
		rc = mi_cli_fail(prog, &e);
		mi_ctx_close(&c);
		return rc;
	}
	for (i = 0; mi_intake_columns[i]; i++)
		mi_out_col(sink.io.out, mi_intake_columns[i], i == 0 ? MI_COL_INT | MI_COL_ID :
		    strcmp(mi_intake_columns[i], "received") == 0 ? MI_COL_TIME :
		    strcmp(mi_intake_columns[i], "text") == 0 ? MI_COL_TEXT : MI_COL_STR);
	io.reject = mi_cli_reject;
	io.arg = &sink;
	io.unresolved = unresolved;
	io.added = added;
	io.progress = progress;
	io.note = c.opts.quiet ? NULL : note;
	io.warn = warn;
	rc = 0;
	if (flags) {
		if (mi_intake_record(&c, vals, &io, &st, &e) < 0)
			rc = mi_cli_fail(prog, &e);
		else if (st.rejected)
			rc = MI_EX_DATAERR;
	} else {
		char *stdin_only[] = { "-" };

		if (argc == 0) {
			argc = 1;
			argv = stdin_only;
		}
		for (i = 0; i < argc; i++) {
			if (mi_intake_file(&c, argv[i], &io, &st, &e) < 0) {
				rc = mi_cli_fail(prog, &e);
				if (io.strict || e.code != MI_EX_DATAERR)
					break;
			}
		}
		if (rc == 0 && st.rejected)
			rc = MI_EX_SOME;
	}
	/* A write error outranks rejected records: the output is incomplete. */
	if (mi_cli_sink_close(&sink.io, rc == 0 || rc == MI_EX_SOME ? 0 : -1, &e) < 0 &&
	    (rc == 0 || rc == MI_EX_SOME))
		rc = mi_cli_fail(prog, &e);
	/* Texts shown in clear (--reveal) go out once their look is recorded. */
	if ((rc == 0 || rc == MI_EX_SOME) && mi_reveal(&c, NULL, "new cases", NULL, &e) < 0)
		rc = mi_cli_fail(prog, &e);
	/* A database gone from under the run leaves nothing to count. */
	/* Under -q only problems are told: the summary when something was rejected. */
	if ((!flags || st.rejected == 0) && !st.lost && (!c.opts.quiet || st.rejected))
		summary(&st, io.dry_run);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
