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
	"              [--rejects file] [--strict] [--platform platform]\n"
	"              [--dry-run] [file ...]\n"
	"       intake [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"              [--channel channel] [--dry-run] --text text [--received time]\n"
	"              [--ref ref] [--reporter name] [--phone phone] [--address address]\n"
	"              [--street street] [--community community] [--estate estate]\n"
	"              [--category category] [--collector name] [--unit unit]\n"
	"              [--platform platform]\n"
	"       intake [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"              [--received time] [--reporter name] [--phone phone]\n"
	"              [--address address] [--street street] [--community community]\n"
	"              [--estate estate] [--category category] [--text text]\n"
	"              [--collector name] [--team team] [--platform platform]\n"
	"              [--activity activity] [--proposed-tier tier]\n"
	"              --note reason --amend [id ...]\n"
	"       intake [-q] [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"              [--encoding encoding] [--sheet sheet] [--rejects file] [--strict]\n"
	"              [--note reason] --amend --import file\n"
	"       intake [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"              --note reason --undo batch\n"
	"       intake --help | --version\n");

enum {
	O_CHANNEL = 0x100, O_FORMAT, O_LAYOUT, O_DRYRUN,
	O_AMEND, O_NOTE, O_IMPORT, O_UNDO, O_PLATFORM, O_TEAM, O_ACTIVITY, O_PROPOSED,
	O_FIELD   /* O_FIELD + an enum mi_field */
};

/* A field of the demand given as a flag. */
#define FIELD(name, f) { name, 1, NULL, O_FIELD + (f) }

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "channel", 1, NULL, O_CHANNEL }, { "format", 1, NULL, O_FORMAT },
	{ "layout", 1, NULL, O_LAYOUT }, { "dry-run", 0, NULL, O_DRYRUN }, MI_IMPORT_LONGOPTS,
	{ "amend", 0, NULL, O_AMEND }, { "note", 1, NULL, O_NOTE }, { "import", 1, NULL, O_IMPORT },
	{ "undo", 1, NULL, O_UNDO }, { "platform", 1, NULL, O_PLATFORM },
	{ "team", 1, NULL, O_TEAM }, { "activity", 1, NULL, O_ACTIVITY },
	{ "proposed-tier", 1, NULL, O_PROPOSED },
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

/* The output and the rejects file of every intake task, with the columns
 * of the cases it prints. */
static int
sink_start(mi_ctx *c, struct sink *s, const char *rejects, mi_err *e)
{
	int i;

	if (mi_cli_sink_open(&s->io, prog, c, rejects, e) < 0)
		return -1;
	for (i = 0; mi_intake_columns[i]; i++)
		mi_out_col(s->io.out, mi_intake_columns[i], i == 0 ? MI_COL_INT | MI_COL_ID :
		    strcmp(mi_intake_columns[i], "received") == 0 ? MI_COL_TIME :
		    strcmp(mi_intake_columns[i], "ref") == 0 ? MI_COL_ID :
		    strcmp(mi_intake_columns[i], "text") == 0 ? MI_COL_TEXT : MI_COL_STR);
	return 0;
}

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

/* An amendment by flags has no line to name. */
static void
amend_warn(void *arg, const char *file, long line, const char *what)
{
	(void)arg;
	if (line > 0)
		mi_cli_at(file, line, what);
	else
		mi_cli_warn(prog, "%s", what);
}

static void
progress(void *arg, long n)
{
	(void)arg;
	mi_cli_progress(prog, "records", n);
}

static void
skipped(void *arg, int64_t id, const char *why)
{
	(void)arg;
	(void)id;
	mi_cli_warn(prog, "%s", why);
}

static void
amend_summary(const mi_intake_stats *st, int import)
{
	char a[32], k[32], r[32];

	mi_cli_progress_end();
	fprintf(stderr, "%s: %s amended, %s unchanged, %s %s", prog,
	    mi_cli_count(st->amended, a, sizeof(a)), mi_cli_count(st->known, k, sizeof(k)),
	    mi_cli_count(import ? st->rejected : st->skipped, r, sizeof(r)),
	    import ? "rejected" : "skipped");
	if (st->moved)
		fprintf(stderr, ", %s with place changed after routing",
		    mi_cli_count(st->moved, a, sizeof(a)));
	fputc('\n', stderr);
}

/* intake --undo: the batch's new cases voided, the others told. */
static int
undo(mi_ctx *c, int64_t batch, const char *reason)
{
	mi_intake_opts io;
	mi_intake_stats st;
	struct sink sink;
	mi_err e = { 0, "" };
	char a[32], k[32], s[32];
	int rc;

	mi_intake_opts_init(&io);
	memset(&st, 0, sizeof(st));
	memset(&sink, 0, sizeof(sink));
	if ((rc = mi_cli_open(c, prog, MI_DB_RW_EXISTING)) != 0)
		return rc;
	if (sink_start(c, &sink, NULL, &e) < 0) {
		rc = mi_cli_fail(prog, &e);
		mi_ctx_close(c);
		return rc;
	}
	io.arg = &sink;
	io.added = added;
	io.skipped = skipped;
	rc = mi_intake_undo(c, batch, reason, &io, &st, &e);
	if (mi_cli_sink_close(&sink.io, rc, &e) < 0 || mi_reveal(c, NULL, "cases undone", NULL,
	    &e) < 0)
		rc = -1;
	if (rc < 0)
		rc = mi_cli_fail(prog, &e);
	else {
		fprintf(stderr, "%s: batch %lld undone: %s voided, %s void already, %s left alone\n",
		    prog, (long long)batch, mi_cli_count(st.undone, a, sizeof(a)),
		    mi_cli_count(st.known, k, sizeof(k)), mi_cli_count(st.skipped, s, sizeof(s)));
		rc = st.skipped ? MI_EX_SOME : 0;
	}
	mi_ctx_close(c);
	return mi_cli_done(prog, rc);
}

/* intake --amend: ids (or the case stream) with the fields given, or a sheet. */
static int
amend(mi_ctx *c, int argc, char **argv, const char *const *vals, const char *note,
    const char *import, const char *rejects, mi_intake_opts *io)
{
	mi_intake_stats st;
	mi_idv ids = MI_IDV_INIT;
	struct sink sink;
	mi_err e = { 0, "" };
	int rc;

	memset(&st, 0, sizeof(st));
	memset(&sink, 0, sizeof(sink));
	if ((rc = mi_cli_open(c, prog, MI_DB_RW_EXISTING)) != 0)
		return rc;
	if (sink_start(c, &sink, rejects, &e) < 0) {
		rc = mi_cli_fail(prog, &e);
		mi_ctx_close(c);
		return rc;
	}
	io->reject = mi_cli_reject;
	io->arg = &sink;
	io->added = added;
	io->warn = amend_warn;
	io->skipped = skipped;
	io->note = c->opts.quiet ? NULL : mi_cli_note;
	if (import)
		rc = mi_intake_amend_import(c, import, note, io, &st, &e);
	else if ((rc = mi_ids_read(argc, argv, stdin, &ids, &e)) == 0)
		rc = mi_intake_amend(c, &ids, vals, note, io, &st, &e);
	mi_idv_release(&ids);
	if (mi_cli_sink_close(&sink.io, rc, &e) < 0 || mi_reveal(c, NULL, "cases amended", NULL,
	    &e) < 0)
		rc = -1;
	if (rc < 0)
		rc = mi_cli_fail(prog, &e);
	else {
		if (!c->opts.quiet || st.skipped || st.rejected)
			amend_summary(&st, import != NULL);
		rc = st.skipped || st.rejected ? MI_EX_SOME : 0;
	}
	mi_ctx_close(c);
	return mi_cli_done(prog, rc);
}

/* files: how many named files were refused whole (their rows neither stored
 * nor counted), so a summary of zeros is not read as an empty file. */
static void
summary(const mi_intake_stats *st, int dry, int files)
{
	char a[32], k[32], r[32], u[32];

	mi_cli_progress_end();
	fprintf(stderr, _("%s: %s%s new"), prog, dry ? _("(dry run) ") : "",
	    mi_cli_count(st->added, a, sizeof(a)));
	if (st->amended)
		fprintf(stderr, _(", %s amended"), mi_cli_count(st->amended, u, sizeof(u)));
	fprintf(stderr, _(", %s already known"), mi_cli_count(st->known, k, sizeof(k)));
	if (st->refused)
		fprintf(stderr, _(", %s changed but not amended"), mi_cli_count(st->refused, u,
		    sizeof(u)));
	fprintf(stderr, _(", %s rejected"), mi_cli_count(st->rejected, r, sizeof(r)));
	if (files)
		fprintf(stderr, ngettext(", %s file refused whole", ", %s files refused whole", files),
		    mi_cli_count(files, u, sizeof(u)));
	if (st->moved)
		fprintf(stderr, _(", %s with place changed after routing"),
		    mi_cli_count(st->moved, u, sizeof(u)));
	if (st->duplicates)
		fprintf(stderr, ngettext(", %s possible duplicate", ", %s possible duplicates",
		    st->duplicates), mi_cli_count(st->duplicates, u, sizeof(u)));
	if (st->unresolved)
		fprintf(stderr, _(", %s with location not resolved"),
		    mi_cli_count(st->unresolved, u, sizeof(u)));
	if (st->unreadable)
		fprintf(stderr, _(", %s with phone unreadable"),
		    mi_cli_count(st->unreadable, u, sizeof(u)));
	if (st->no_team)
		fprintf(stderr, _(", %s with team not resolved"),
		    mi_cli_count(st->no_team, u, sizeof(u)));
	if (st->empty)
		fprintf(stderr, ngettext(", %s empty row skipped", ", %s empty rows skipped", st->empty),
		    mi_cli_count(st->empty, u, sizeof(u)));
	fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	mi_intake_opts io;
	mi_intake_stats st;
	const char *vals[MI_F_N] = { NULL }, *rejects = NULL, *reason = NULL, *import = NULL;
	struct sink sink;
	mi_ctx c;
	mi_err e = { 0, "" };
	int ch, known, rc = 0, flags = 0, i, amending = 0, other = 0, team_flags = 0, refused = 0;
	const char *undo_batch = NULL;
	const char *channel = NULL;    /* --channel: a channel, or an activity of the config's */
	long long num;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	memset(&st, 0, sizeof(st));
	mi_intake_opts_init(&io);
	memset(&sink, 0, sizeof(sink));
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_AMEND: amending = 1; break;
		case O_NOTE: reason = optarg; break;
		case O_IMPORT: import = optarg; break;
		case O_UNDO: undo_batch = optarg; break;
		case O_PLATFORM: io.platform = optarg; break;
		case O_TEAM: io.team = optarg; team_flags = 1; break;
		case O_ACTIVITY: io.activity = optarg; team_flags = 1; break;
		case O_PROPOSED: io.proposed = optarg; team_flags = 1; break;
		case O_CHANNEL:
			other = 1;
			channel = optarg;
			break;
		case O_FORMAT:
			other = 1;
			if (mi_cli_format(prog, optarg, &io.format) < 0)
				return MI_EX_USAGE;
			break;
		case O_LAYOUT: io.layout = optarg; other = 1; break;
		case O_DRYRUN: io.dry_run = 1; other = 1; break;
		default:
			if (ch >= O_FIELD && ch < O_FIELD + MI_F_N) {
				vals[ch - O_FIELD] = optarg;
				flags = 1;
				break;
			}
			if ((known = mi_cli_import_opt(prog, ch, optarg, &io.enc, &rejects, &io.strict, &io.sheet)) < 0)
				return MI_EX_USAGE;
			if (!known)
				mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (undo_batch) {
		if (!reason)
			mi_cli_usage("--undo needs --note: why the batch is undone");
		if (amending || import || flags || other || argc || rejects || io.strict || io.enc ||
		    io.sheet || io.platform || team_flags)
			mi_cli_usage("--undo takes a batch number and --note, and nothing else");
		if (mi_parse_num(undo_batch, 1, INT64_MAX, &num) < 0) {
			mi_cli_warn(prog, "'%s' is not a batch number", undo_batch);
			return MI_EX_USAGE;
		}
		return undo(&c, (int64_t)num, reason);
	}
	if (amending || reason || import) {
		/* An amendment names its cases: neither a reference nor a collecting unit
		 * is changed by it; the fields go by flags or by the sheet, not both. */
		if (!amending)
			mi_cli_usage("%s goes with --amend", reason ? "--note" : "--import");
		if (other || vals[MI_F_REF] || vals[MI_F_UNIT])
			mi_cli_usage("an amendment changes neither the reference nor the collecting "
			    "unit, and takes no --format, --layout, --channel or --dry-run");
		if (import && (flags || argc || team_flags || io.platform))
			mi_cli_usage("--amend --import takes the changes from the sheet: no field flags "
			    "and no case ids");
		if (!import && (rejects || io.strict || io.enc || io.sheet))
			mi_cli_usage("--rejects, --strict, --encoding and --sheet go with --import");
		if (!import && !reason)
			mi_cli_usage("--amend needs --note: why the case is amended");
		if (rejects && mi_rejects_check(rejects, c.opts.db, 1, (char *const *)&import,
		    &e) < 0)
			return mi_cli_fail(prog, &e);
		return amend(&c, argc, argv, vals, reason, import, rejects, &io);
	}
	if (team_flags)
		mi_cli_usage("--team, --activity and --proposed-tier go with --amend");
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
	/* An activity (红色星期天) is known once the config is read. */
	if (channel && (io.channel = mi_intake_channel(c.cfg, channel, &io.activity)) < 0) {
		mi_cli_warn(prog, "unknown channel '%s' (expected visit, hall, hotline, wechat, other "
		    "or an activity of intake.channel_aliases)", channel);
		mi_ctx_close(&c);
		return MI_EX_USAGE;
	}
	/* A demand raised at a platform came in through the hall channel. */
	if (io.platform && channel && io.channel != MI_CH_HALL) {
		mi_ctx_close(&c);
		mi_cli_usage("--platform records demands raised at a platform: their channel is hall");
	}
	if (io.platform)
		io.channel = MI_CH_HALL;
	if (mi_intake_precheck(&c, &io, argc, argv, &e) < 0 ||
	    mi_ctx_db(&c, io.dry_run ? MI_DB_RW_EXISTING : MI_DB_RW, &e) < 0 ||
	    sink_start(&c, &sink, rejects, &e) < 0) {
		rc = mi_cli_fail(prog, &e);
		mi_ctx_close(&c);
		return rc;
	}
	io.reject = mi_cli_reject;
	io.arg = &sink;
	io.unresolved = unresolved;
	io.added = added;
	io.progress = progress;
	io.note = c.opts.quiet ? NULL : mi_cli_note;
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
			long kept = st.kept;

			if (mi_intake_file(&c, argv[i], &io, &st, &e) < 0) {
				/* rows committed and then not all printed were not refused */
				if (st.kept == kept)
					refused++;
				rc = mi_cli_fail(prog, &e);
				if (io.strict || e.code != MI_EX_DATAERR)
					break;
			}
		}
		if (rc == 0 && (st.rejected || st.refused))
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
		summary(&st, io.dry_run, refused);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
