/* reconcile - match the 12345 hotline exports against the ledger, book what the teams missed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minyi.h"

static const char *prog = "reconcile";

static const char usage_text[] =
	N_("usage: reconcile [-q] [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"                 [--bom] [--reveal] [--format format] [--encoding encoding]\n"
	"                 [--sheet sheet]\n"
	"                 [--layout name] [--rejects file] [--strict] [--intake-missed]\n"
	"                 [--dry-run] [--hand-set] [file ...]\n"
	"       reconcile [-q] [-d db] [-c config] [-u name] [-o format] [--at time]\n"
	"                 [--format format] [--encoding encoding] [--sheet sheet]\n"
	"                 [--layout name] --train file ...\n"
	"       reconcile [-d db] [-c config] [--at time] [--hand-set] --explain hotline\n"
	"       reconcile [-d db] [-c config] [-u name] [-o format] [--bom] [--reveal]\n"
	"                 --missed [--month month] [--by field]\n"
	"       reconcile [-d db] [-c config] [-o format] --evaluate truth\n"
	"       reconcile [-d db] [-c config] [-u name] [--at time] --cause ticket\n"
	"                 --note text\n"
	"       reconcile --help | --version\n");

enum {
	O_FORMAT = 0x100, O_LAYOUT, O_INTAKE_MISSED, O_DRYRUN,
	O_EXPLAIN, O_MISSED, O_MONTH, O_BY, O_EVALUATE, O_TRAIN, O_HAND_SET, O_CAUSE, O_NOTE
};

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "format", 1, NULL, O_FORMAT }, { "layout", 1, NULL, O_LAYOUT },
	{ "intake-missed", 0, NULL, O_INTAKE_MISSED },
	{ "dry-run", 0, NULL, O_DRYRUN }, { "explain", 1, NULL, O_EXPLAIN },
	{ "missed", 0, NULL, O_MISSED }, { "month", 1, NULL, O_MONTH }, { "by", 1, NULL, O_BY },
	{ "evaluate", 1, NULL, O_EVALUATE }, MI_IMPORT_LONGOPTS,
	{ "train", 0, NULL, O_TRAIN }, { "hand-set", 0, NULL, O_HAND_SET },
	{ "cause", 1, NULL, O_CAUSE }, { "note", 1, NULL, O_NOTE },
	{ NULL, 0, NULL, 0 }
};

struct sink {
	mi_cli_sink io;        /* first: mi_cli_reject is handed the sink */
	long rows;
	int failed;
};

static void
done(void *arg, const mi_hotline_result *r)
{
	struct sink *s = arg;
	char id[24], hid[24], score[32], t[24];
	const char *v[13];

	snprintf(id, sizeof(id), "%lld", (long long)r->case_id);
	snprintf(hid, sizeof(hid), "%lld", (long long)r->hotline);
	snprintf(score, sizeof(score), "%.2f", r->score);
	v[0] = r->case_id ? id : NULL;
	v[1] = r->hotline ? hid : NULL;
	v[2] = r->ticket;
	v[3] = r->outcome;
	v[4] = r->has_score ? score : NULL;
	v[5] = mi_time_format(r->received, t, sizeof(t));
	v[6] = r->phone;
	v[7] = r->street;
	v[8] = r->community;
	v[9] = r->estate;
	v[10] = r->category;
	v[11] = r->text;
	v[12] = r->note;
	mi_out_row(s->io.out, v);
	s->rows++;
}

/* A miss of a published month that now matches: the task force decides. */
static void
held(void *arg, const mi_hotline_result *r)
{
	(void)arg;
	if (r->changed)
		mi_cli_warn(prog, "ticket '%s' of published month %s changed in the export (it would "
		    "now be %s): left as stored for the task force to decide", r->ticket, r->month,
		    r->outcome);
	else
		mi_cli_warn(prog, "ticket '%s' of published month %s now matches case %lld (score "
		    "%.2f): left missed for the task force to decide", r->ticket, r->month,
		    (long long)r->case_id, r->score);
}

static void
failed(void *arg, const mi_err *e)
{
	struct sink *s = arg;

	s->failed = mi_cli_fail(prog, e);
}

static void
progress(void *arg, const char *what, long n)
{
	(void)arg;
	mi_cli_progress(prog, what, n);
}


static void
warn(void *arg, const char *file, long line, const char *what)
{
	(void)arg;
	mi_cli_at(file, line, what);
}

static void
summary(const mi_reconcile_stats *st, int dry, int made)
{
	char a[32], b[32], c[32], u[32], r[32], k[32];

	mi_cli_progress_end();
	fprintf(stderr, _("%s: %s%s matched, %s missed, %s outside; %s unchanged, %s rejected"),
	    prog, dry ? _("(dry run) ") : "", mi_cli_count(st->matched, a, 32),
	    mi_cli_count(st->missed, b, 32), mi_cli_count(st->outside, c, 32),
	    mi_cli_count(st->unchanged, u, 32), mi_cli_count(st->rejected, r, 32));
	if (made)
		fprintf(stderr, _("; %s cases added"), mi_cli_count(st->cases_added, k, 32));
	if (st->unreadable)
		fprintf(stderr, _("; %s with phone unreadable"), mi_cli_count(st->unreadable, k, 32));
	if (st->now_matched)
		fprintf(stderr, ngettext("; %s miss now matched", "; %s misses now matched",
		    st->now_matched), mi_cli_count(st->now_matched, k, 32));
	if (st->held)
		fprintf(stderr, ngettext("; %s miss of a published month left for the task force",
		    "; %s misses of published months left for the task force", st->held),
		    mi_cli_count(st->held, k, 32));
	if (st->made_flagged)
		fprintf(stderr, ngettext("; %s case made for a miss flagged as a duplicate",
		    "; %s cases made for misses flagged as duplicates", st->made_flagged),
		    mi_cli_count(st->made_flagged, k, 32));
	if (st->held_changed)
		fprintf(stderr, ngettext("; %s changed record of a published month left as stored",
		    "; %s changed records of published months left as stored", st->held_changed),
		    mi_cli_count(st->held_changed, k, 32));
	if (st->empty)
		fprintf(stderr, ngettext("; %s empty row skipped", "; %s empty rows skipped", st->empty),
		    mi_cli_count(st->empty, k, 32));
	fputc('\n', stderr);
}

static int
run(mi_ctx *c, int argc, char **argv, mi_reconcile_opts *ro, const char *rejects, mi_err *e)
{
	static const char *const cols[] = { "id", "hotline", "ticket", "outcome", "score",
		"received", "phone", "street", "community", "estate", "category", "text", "note" };
	static const int types[] = { MI_COL_INT | MI_COL_ID, MI_COL_INT | MI_COL_ID, MI_COL_ID,
		MI_COL_STR, MI_COL_NUM, MI_COL_TIME, MI_COL_PHONE, MI_COL_STR, MI_COL_STR, MI_COL_STR, MI_COL_STR, MI_COL_TEXT,
		MI_COL_STR };
	mi_reconcile_stats st;
	struct sink sink;
	char *stdin_only[] = { "-" };
	size_t i;
	int rc;

	memset(&st, 0, sizeof(st));
	memset(&sink, 0, sizeof(sink));
	if (mi_cli_sink_open(&sink.io, prog, c, rejects, e) < 0)
		return mi_cli_fail(prog, e);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		mi_out_col(sink.io.out, cols[i], types[i]);
	ro->reject = mi_cli_reject;
	ro->failed = failed;
	ro->done = done;
	ro->progress = progress;
	ro->note = c->opts.quiet ? NULL : mi_cli_note;
	ro->warn = warn;
	ro->held = held;
	ro->arg = &sink;
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	rc = mi_reconcile_files(c, argv, argc, ro, &st, e) < 0 ? mi_cli_fail(prog, e) : 0;
	if (mi_cli_sink_close(&sink.io, rc == 0 ? 0 : -1, e) < 0 && rc == 0)
		rc = mi_cli_fail(prog, e);
	if (rc == 0 && c->opts.reveal && sink.rows &&
	    mi_reveal(c, NULL, "hotline records", NULL, e) < 0)
		rc = mi_cli_fail(prog, e);
	if ((rc == 0 || rc == MI_EX_DATAERR) && (!c->opts.quiet || st.rejected || rc != 0))
		summary(&st, ro->dry_run, ro->intake_missed);
	if (rc == 0 && sink.failed)
		rc = sink.failed;
	if (rc == 0 && st.rejected)
		rc = MI_EX_SOME;
	return rc;
}

/* A record --train cannot read: said, not kept. */
static void
unread(void *arg, const char *file, long line, const char *reason, const mi_record *rec)
{
	(void)arg;
	(void)rec;
	mi_cli_at(file, line, reason);
}

/* What --train reads and found. */
struct training {
	int argc;
	char **argv;
	mi_reconcile_opts *ro;
	mi_reconcile_trained t;
	mi_reconcile_stats st;
};

static int
training(mi_ctx *c, mi_out *out, void *arg, mi_err *e)
{
	struct training *x = arg;

	return mi_reconcile_train(c, x->argv, x->argc, x->ro, out, &x->t, &x->st, e);
}

static int
train(mi_ctx *c, int argc, char **argv, mi_reconcile_opts *ro)
{
	struct training x;
	char a[32], b[32];
	int rc;

	memset(&x, 0, sizeof(x));
	x.argc = argc;
	x.argv = argv;
	x.ro = ro;
	ro->failed = NULL;
	ro->reject = unread;
	ro->progress = progress;
	ro->note = c->opts.quiet ? NULL : mi_cli_note;
	ro->warn = warn;
	rc = mi_cli_list(c, prog, training, &x);
	if (rc == 0 && (!c->opts.quiet || x.st.rejected))
		fprintf(stderr, _("%s: model %lld: weights estimated from %s candidate pairs of %s "
		    "records in %d iterations; true pairs %.2f%% of them; %ld rejected\n"), prog,
		    (long long)x.t.model, mi_cli_count(x.t.pairs, a, 32),
		    mi_cli_count(x.t.records, b, 32), x.t.iterations, 100 * x.t.prior,
		    x.st.rejected);
	if (rc == 0 && x.st.rejected)
		rc = MI_EX_SOME;
	return rc;
}

/* What --missed lists: the month (or NULL) and what to count by (or NULL). */
struct missed {
	const char *month, *by;
};

static int
missed(mi_ctx *c, mi_out *out, void *arg, mi_err *e)
{
	const struct missed *m = arg;

	return mi_reconcile_missed(c, m->month, m->by, out, e);
}

int
main(int argc, char **argv)
{
	mi_reconcile_opts ro;
	mi_ctx c;
	mi_err e = { 0, "" };
	const char *rejects = NULL, *explain = NULL, *month = NULL, *by = NULL, *truth = NULL;
	const char *cause = NULL, *note_text = NULL;
	int ch, known, rc, miss = 0, mode, dbmode, loading, training_ = 0;
	int64_t from, to;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	mi_reconcile_opts_init(&ro);
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_FORMAT:
			if (mi_cli_format(prog, optarg, &ro.format) < 0)
				return MI_EX_USAGE;
			break;
		case O_LAYOUT: ro.layout = optarg; break;
		case O_INTAKE_MISSED: ro.intake_missed = 1; break;
		case O_DRYRUN: ro.dry_run = 1; break;
		case O_EXPLAIN: explain = optarg; break;
		case O_MISSED: miss = 1; break;
		case O_MONTH:
			if (mi_month_parse(optarg, &from, &to) < 0) {
				mi_cli_warn(prog, "invalid month '%s' (expected YYYY-MM)", optarg);
				return MI_EX_USAGE;
			}
			month = optarg;
			break;
		case O_BY:
			if (strcmp(optarg, "unit") != 0 && strcmp(optarg, "person") != 0) {
				mi_cli_warn(prog, "cannot count misses by '%s' (expected unit or "
				    "person)", optarg);
				return MI_EX_USAGE;
			}
			by = optarg;
			break;
		case O_EVALUATE: truth = optarg; break;
		case O_TRAIN: training_ = 1; break;
		case O_HAND_SET: ro.hand_set = 1; break;
		case O_CAUSE: cause = optarg; break;
		case O_NOTE: note_text = optarg; break;
		default:
			if ((known = mi_cli_import_opt(prog, ch, optarg, &ro.enc, &rejects, &ro.strict, &ro.sheet)) < 0)
				return MI_EX_USAGE;
			if (!known)
				mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	loading = ro.format || ro.enc || ro.sheet || ro.layout || rejects || ro.strict || ro.intake_missed ||
	    ro.dry_run;
	mode = (explain != NULL) + miss + (truth != NULL) + training_ + (cause != NULL);
	if (mode > 1)
		mi_cli_usage("--explain, --missed, --evaluate, --train and --cause are separate "
		    "tasks: give one");
	if (training_ && argc == 0)
		mi_cli_usage("--train needs the hotline exports to learn from");
	if (training_ && (rejects || ro.strict || ro.intake_missed || ro.dry_run || ro.hand_set))
		mi_cli_usage("--train stores nothing of the exports: --rejects, --strict, "
		    "--intake-missed, --dry-run and --hand-set do not go with it");
	if (ro.hand_set && (miss || truth || cause))
		mi_cli_usage("--hand-set goes with a run or --explain");
	if (mode && !training_ && (argc || loading))
		mi_cli_usage("%s reads no hotline export: it takes no file and no reading option",
		    explain ? "--explain" : miss ? "--missed" : truth ? "--evaluate" : "--cause");
	if ((cause != NULL) != (note_text != NULL))
		mi_cli_usage("--cause and --note go together: --cause ticket --note text");
	if ((month || by) && !miss)
		mi_cli_usage("--month and --by go with --missed");
	if (cause)
		dbmode = MI_DB_RW_EXISTING;
	else if (explain)
		dbmode = MI_DB_RO;
	else if (training_)
		dbmode = MI_DB_RW_EXISTING;
	else if (truth || miss)
		dbmode = c.opts.reveal ? MI_DB_RW_EXISTING : MI_DB_RO;
	else
		dbmode = ro.dry_run ? MI_DB_RW_EXISTING : MI_DB_RW;
	if (rejects && mi_rejects_check(rejects, c.opts.db, argc, argv, &e) < 0)
		return mi_cli_fail(prog, &e);
	if ((rc = mi_cli_open(&c, prog, dbmode)) != 0)
		return rc;
	rc = 0;
	if (explain) {
		mi_buf out = MI_BUF_INIT;

		if (mi_reconcile_explain(&c, explain, ro.hand_set, &out, &e) < 0)
			rc = mi_cli_fail(prog, &e);
		else
			fputs(mi_buf_str(&out), stdout);
		mi_buf_release(&out);
	} else if (miss) {
		struct missed m = { month, by };

		rc = mi_cli_list(&c, prog, missed, &m);
		if (rc == 0 && mi_reveal(&c, NULL, "missed records", NULL, &e) < 0)
			rc = mi_cli_fail(prog, &e);
	} else if (training_) {
		rc = train(&c, argc, argv, &ro);
	} else if (cause) {
		if (mi_reconcile_cause(&c, cause, note_text, &e) < 0)
			rc = mi_cli_fail(prog, &e);
		else if (!c.opts.quiet)
			mi_cli_warn(prog, "cause of ticket '%s' recorded", cause);
	} else if (truth) {
		if (mi_reconcile_evaluate(&c, truth, stdout, &e) < 0)
			rc = mi_cli_fail(prog, &e);
	} else
		rc = run(&c, argc, argv, &ro, rejects, &e);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
