/* callback - call residents back: the worklist, outcomes, closing, reopening, the dissatisfaction ledger. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "minyi.h"

static const char *prog = "callback";

static const char usage_text[] =
	N_("usage: callback [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                [--reveal] --due\n"
	"       callback [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                [--reveal] --review\n"
	"       callback [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                --outcome outcome [--note text] [--by-visit] [id ...]\n"
	"       callback [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                --reopen --note reason [id ...]\n"
	"       callback [-q] [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                [--encoding encoding] [--sheet sheet] [--rejects file] [--strict]\n"
	"                --import file\n"
	"       callback [-d db] [-c config] [-o format] [--bom] --dissatisfied\n"
	"       callback --help | --version\n");

enum {
	O_DUE = 0x100, O_REVIEW, O_OUTCOME, O_NOTE, O_IMPORT, O_DISSATISFIED, O_REOPEN, O_VISIT
};

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "due", 0, NULL, O_DUE }, { "review", 0, NULL, O_REVIEW },
	{ "outcome", 1, NULL, O_OUTCOME }, { "note", 1, NULL, O_NOTE },
	{ "import", 1, NULL, O_IMPORT }, { "dissatisfied", 0, NULL, O_DISSATISFIED },
	MI_IMPORT_LONGOPTS,
	{ "reopen", 0, NULL, O_REOPEN }, { "by-visit", 0, NULL, O_VISIT },
	{ NULL, 0, NULL, 0 }
};

static void
done(void *arg, const mi_callback_result *r)
{
	mi_cli_sink *s = arg;
	char id[24], n[2][16], due[24];
	const char *v[8];

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(n[0], sizeof(n[0]), "%d", r->attempts);
	snprintf(n[1], sizeof(n[1]), "%d", r->reopens);
	v[0] = id;
	v[1] = r->outcome < 0 ? "reopen" : mi_vocab_name(MI_V_OUTCOME, r->outcome);
	v[2] = r->status;
	v[3] = n[0];
	v[4] = r->unit_code;
	v[5] = r->unit_name;
	v[6] = r->due ? mi_time_format(r->due, due, sizeof(due)) : NULL;
	v[7] = n[1];
	mi_out_row(s->out, v);
}


static void
summary(const mi_callback_stats *st, int import)
{
	char n[11][32];
	long bad = import ? st->rejected : st->skipped;

	fprintf(stderr, _("%s: %s recorded (%s satisfied, %s basic, %s dissatisfied, %s unreachable): "
	    "%s closed, %s reopened, %s left for review; %s already recorded, "), prog,
	    mi_cli_count(st->recorded, n[0], 32),
	    mi_cli_count(st->outcomes[MI_CB_SATISFIED], n[1], 32),
	    mi_cli_count(st->outcomes[MI_CB_BASIC], n[2], 32),
	    mi_cli_count(st->outcomes[MI_CB_DISSATISFIED], n[3], 32),
	    mi_cli_count(st->outcomes[MI_CB_UNREACHABLE], n[4], 32),
	    mi_cli_count(st->closed, n[5], 32), mi_cli_count(st->reopened, n[6], 32),
	    mi_cli_count(st->review, n[7], 32), mi_cli_count(st->known, n[8], 32));
	if (import)
		fprintf(stderr, _("%s not called yet, "), mi_cli_count(st->blank, n[9], 32));
	if (import && st->empty)
		fprintf(stderr, ngettext("%s empty row skipped, ", "%s empty rows skipped, ", st->empty),
		    mi_cli_count(st->empty, n[9], 32));
	fprintf(stderr, import ? _("%s rejected\n") : _("%s skipped\n"), mi_cli_count(bad, n[10], 32));
}

static int
record(mi_ctx *c, int argc, char **argv, int outcome, const char *note, const char *import,
    const char *rejects, mi_callback_opts *co, mi_err *e)
{
	static const char *const cols[] = {
		"id", "outcome", "status", "attempts", "unit", "unit_name", "due", "reopens"
	};
	mi_callback_stats st;
	mi_idv ids = MI_IDV_INIT;
	mi_cli_sink s;
	size_t i;
	int rc = 0;

	memset(&st, 0, sizeof(st));
	if (mi_cli_sink_open(&s, prog, c, rejects, e) < 0)
		return mi_cli_fail(prog, e);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		mi_out_col(s.out, cols[i], i == 0 ? MI_COL_INT | MI_COL_ID : i == 6 ? MI_COL_TIME :
		    i == 3 || i == 7 ? MI_COL_INT : MI_COL_STR);
	co->done = done;
	co->skipped = mi_cli_skipped;
	co->reject = mi_cli_reject;
	co->note = c->opts.quiet ? NULL : mi_cli_note;
	co->arg = &s;
	if (import)
		rc = mi_callback_import(c, import, co, &st, e);
	else if ((rc = mi_ids_read(argc, argv, stdin, &ids, e)) == 0)
		rc = mi_callback_record(c, &ids, outcome, note, co, &st, e);
	mi_idv_release(&ids);
	if (mi_cli_sink_close(&s, rc, e) < 0)
		return mi_cli_fail(prog, e);
	if (!c->opts.quiet || st.skipped || st.rejected)
		summary(&st, import != NULL);
	return st.skipped || st.rejected ? MI_EX_SOME : 0;
}

/* The lists: the worklist and the review list record what they reveal. */
static int
list(mi_ctx *c, int which, mi_err *e)
{
	mi_idv shown = MI_IDV_INIT;
	mi_idv *ids = c->opts.reveal ? &shown : NULL;
	mi_out *o = mi_ctx_out(c, stdout);
	int rc;

	if (which == O_DUE)
		rc = mi_callback_due(c, o, ids, e);
	else if (which == O_REVIEW)
		rc = mi_callback_review(c, o, ids, e);
	else
		rc = mi_callback_ledger(c, o, e);
	if (rc == 0)
		rc = mi_out_finish(o, e);
	mi_out_free(o);
	if (rc == 0)
		rc = mi_reveal(c, &shown, which == O_DUE ? "call-back worklist" :
		    "review list", NULL, e);
	mi_idv_release(&shown);
	return rc < 0 ? mi_cli_fail(prog, e) : 0;
}

int
main(int argc, char **argv)
{
	mi_callback_opts co;
	mi_ctx c;
	mi_err e = { 0, "" };
	const char *note = NULL, *import = NULL, *rejects = NULL;
	int ch, known, rc, outcome = -1, which = 0, modes = 0, dbmode;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	memset(&co, 0, sizeof(co));
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_DUE: case O_REVIEW: case O_DISSATISFIED:
			which = ch;
			modes++;
			break;
		case O_OUTCOME:
			if ((outcome = mi_vocab_parse(MI_V_OUTCOME, optarg)) < 0) {
				mi_cli_warn(prog, "unknown outcome '%s' (expected satisfied, basic, "
				    "dissatisfied or unreachable)", optarg);
				return MI_EX_USAGE;
			}
			modes++;
			break;
		case O_NOTE: note = optarg; break;
		case O_REOPEN: co.reopening = 1; modes++; break;
		case O_VISIT: co.visit = 1; break;
		case O_IMPORT: import = optarg; modes++; break;
		default:
			if ((known = mi_cli_import_opt(prog, ch, optarg, &co.enc, &rejects, &co.strict, &co.sheet)) < 0)
				return MI_EX_USAGE;
			if (!known)
				mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (modes != 1)
		mi_cli_usage(modes ? N_("--due, --review, --outcome, --reopen, --import and --dissatisfied "
		    "are separate tasks: give one") :
		    N_("which task? --due, --review, --outcome, --reopen, --import or --dissatisfied"));
	if ((note || argc) && outcome < 0 && !co.reopening)
		mi_cli_usage("%s goes with --outcome or --reopen", note ? "--note" : _("a case id"));
	if (co.visit && outcome < 0)
		mi_cli_usage("--by-visit goes with --outcome: the visit's outcome");
	if (co.reopening && note == NULL)
		mi_cli_usage("--reopen needs --note: why the case is reopened");
	if (!import && (rejects || co.strict || co.enc || co.sheet))
		mi_cli_usage("--rejects, --strict, --encoding and --sheet go with --import");
	if (c.opts.reveal && which != O_DUE && which != O_REVIEW)
		mi_cli_usage("--reveal goes with --due and --review, which list contacts");
	/* A list only reads, unless it reveals: that is recorded. */
	dbmode = which == 0 || c.opts.reveal ? MI_DB_RW_EXISTING : MI_DB_RO;
	if (rejects && mi_rejects_check(rejects, c.opts.db, 1, (char *const *)&import, &e) < 0)
		return mi_cli_fail(prog, &e);
	if ((rc = mi_cli_open(&c, prog, dbmode)) != 0)
		return rc;
	if (which)
		rc = list(&c, which, &e);
	else
		rc = record(&c, argc, argv, outcome, note, import, rejects, &co, &e);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
