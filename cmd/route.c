/* route - give each new demand its tier, responsible unit and deadline. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "minyi.h"

static const char *prog = "route";

static const char usage_text[] =
	N_("usage: route [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"             [--reveal] [--model] [--dry-run] [--pending | id ...]\n"
	"       route [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"             [--reveal] [--model] [--dry-run] --again [id ...]\n"
	"       route [-d db] [-c config] [-u name] [-o format] [--at time] [--dry-run]\n"
	"             --to unit [--tier tier] [--category category] --reason text [id ...]\n"
	"       route [-d db] [-c config] [--at time] --explain id\n"
	"       route [-d db] [-c config] [-u name] [--at time] --train [file]\n"
	"       route [-d db] [-o format] --train --dump\n"
	"       route [-d db] [-c config] [-o format] --evaluate [--folds k] file\n"
	"       route --help | --version\n");

enum {
	O_MODEL = 0x100, O_DRYRUN, O_PENDING, O_TO, O_TIER, O_REASON, O_EXPLAIN, O_TRAIN,
	O_EVALUATE, O_FOLDS, O_AGAIN, O_CATEGORY, O_DUMP
};

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "model", 0, NULL, O_MODEL }, { "dry-run", 0, NULL, O_DRYRUN },
	{ "pending", 0, NULL, O_PENDING }, { "to", 1, NULL, O_TO }, { "tier", 1, NULL, O_TIER },
	{ "reason", 1, NULL, O_REASON }, { "explain", 1, NULL, O_EXPLAIN },
	{ "train", 0, NULL, O_TRAIN }, { "evaluate", 0, NULL, O_EVALUATE },
	{ "folds", 1, NULL, O_FOLDS }, { "again", 0, NULL, O_AGAIN },
	{ "category", 1, NULL, O_CATEGORY }, { "dump", 0, NULL, O_DUMP },
	{ NULL, 0, NULL, 0 }
};

struct sink {
	mi_out *out;
	mi_idv shown;          /* for the reveal event */
};

static void
routed(void *arg, const mi_route_result *r)
{
	struct sink *s = arg;
	mi_out *o = s->out;
	char id[24], due[24], conf[16];
	const char *v[10];

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(conf, sizeof(conf), "%.3f", r->confidence);
	v[0] = id;
	v[1] = mi_vocab_name(MI_V_TIER, r->tier);
	v[2] = r->unit_code;
	v[3] = r->unit_name;
	v[4] = mi_time_format(r->due, due, sizeof(due));
	v[5] = r->category;
	v[6] = r->how;
	v[7] = r->rule;
	v[8] = conf;
	v[9] = r->contact;
	mi_out_row(o, v);
	if (r->contact)
		mi_idv_push(&s->shown, r->id);
}

/* A batch was committed: what was printed of it goes down the pipe now. */
static void
batch(void *arg)
{
	(void)arg;
	fflush(stdout);
}

static void
skipped(void *arg, int64_t id, const char *why)
{
	(void)arg;
	mi_cli_warn(prog, "case %lld: %s", (long long)id, why);
}

static void
unplaced(void *arg, const char *label, const char *why)
{
	(void)arg;
	(void)label;
	mi_cli_warn(prog, "%s", why);
}

/* Trains, then names the labels whose cases would route nowhere: the model
 * is kept all the same, for routing.labels can map them without training
 * again. */
static int
train(mi_ctx *c, const char *path, mi_err *e)
{
	long n = 0, labels = 0, fixed = 0;
	int left;

	if (mi_route_train(c, path, &n, &labels, &fixed, e) < 0)
		return mi_cli_fail(prog, e);
	if (!c->opts.quiet && path)
		fprintf(stderr, _("%s: model trained on %ld examples, %ld labels\n"), prog, n, labels);
	else if (!c->opts.quiet)
		fprintf(stderr, ngettext("%s: model trained on the ledger's history: %ld examples, "
		    "%ld labels, %ld of them a correction by the centre\n", "%s: model trained on the "
		    "ledger's history: %ld examples, %ld labels, %ld of them corrections by the "
		    "centre\n", (unsigned long)fixed), prog, n, labels, fixed);
	if ((left = mi_route_unplaced(c, unplaced, NULL, e)) < 0)
		return mi_cli_fail(prog, e);
	if (left == 0)
		return 0;
	fprintf(stderr, ngettext("%s: %d label of %ld routes nowhere: map it in routing.labels "
	    "(see route(1)); the model is stored\n", "%s: %d labels of %ld route nowhere: map "
	    "them in routing.labels (see route(1)); the model is stored\n", left), prog, left,
	    labels);
	return MI_EX_SOME;
}

/* What became of the tiers the teams proposed (办理类型). */
static void
proposals(const mi_route_stats *st, int dry_run)
{
	char k[32], o[32], p[32];

	fprintf(stderr, _("%s: %steams' proposed tiers: %s kept (%s where no rule placed the "
	    "case), %s overridden by a rule's tier_floor"), prog, dry_run ? _("(dry run) ") : "",
	    mi_cli_count(st->kept, k, 32), mi_cli_count(st->by_proposal, p, 32),
	    mi_cli_count(st->overridden, o, 32));
	if (st->set_aside)
		fprintf(stderr, _(", %s set aside since the unit at that tier had returned the case"),
		    mi_cli_count(st->set_aside, k, 32));
	fputc('\n', stderr);
}

static int
route(mi_ctx *c, int argc, char **argv, int pending, const char *to, const char *tier,
    const char *reason, mi_route_opts *ro, mi_err *e)
{
	mi_route_stats st = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	mi_idv ids = MI_IDV_INIT;
	mi_out *o = mi_ctx_out(c, stdout);
	struct sink sink = { o, MI_IDV_INIT };
	char a[32], b[32], m[32], t[32], s[32];
	int rc;

	mi_out_col(o, "id", MI_COL_INT | MI_COL_ID);
	mi_out_col(o, "tier", MI_COL_STR);
	mi_out_col(o, "unit", MI_COL_STR);
	mi_out_col(o, "unit_name", MI_COL_STR);
	mi_out_col(o, "due", MI_COL_TIME);
	mi_out_col(o, "category", MI_COL_STR);
	mi_out_col(o, "how", MI_COL_STR);
	mi_out_col(o, "rule", MI_COL_STR);
	mi_out_col(o, "confidence", MI_COL_NUM);
	mi_out_col(o, "contact", MI_COL_NAME);
	ro->routed = routed;
	ro->skipped = skipped;
	ro->batch = batch;
	ro->arg = &sink;
	/* The case stream on standard input is routed as it comes. */
	if (!pending && !to && argc == 0)
		rc = mi_route_stream(c, fileno(stdin), ro, &st, e);
	else if ((rc = pending ? 0 : mi_ids_read(argc, argv, stdin, &ids, e)) == 0 && to)
		rc = mi_route_assign(c, &ids, to, tier, reason, ro, &st, e);
	else if (rc == 0)
		rc = mi_route_cases(c, pending ? NULL : &ids, ro, &st, e);
	mi_idv_release(&ids);
	if (mi_out_finish(o, rc == 0 ? e : NULL) < 0 && rc == 0)
		rc = -1;
	mi_out_free(o);
	/* Contacts shown in clear are a reveal, recorded like any other, in a
	 * dry run too: somebody saw them. */
	if (rc == 0 && c->opts.reveal)
		rc = mi_reveal(c, &sink.shown, "routing contacts", NULL, e);
	mi_idv_release(&sink.shown);
	if (rc < 0)
		return mi_cli_fail(prog, e);
	if (!c->opts.quiet || st.skipped)
		fprintf(stderr, _("%s: %s%s routed (%s by rule, %s by model, %s to the centre for triage), "
		    "%s skipped\n"), prog, ro->dry_run ? _("(dry run) ") : "",
		    mi_cli_count(st.routed, a, 32), mi_cli_count(st.by_rule, b, 32),
		    mi_cli_count(st.by_model, m, 32), mi_cli_count(st.triage, t, 32),
		    mi_cli_count(st.skipped, s, 32));
	if ((!c->opts.quiet || st.skipped) && st.kept + st.overridden + st.set_aside > 0)
		proposals(&st, ro->dry_run);
	return st.skipped ? MI_EX_SOME : 0;
}

int
main(int argc, char **argv)
{
	mi_route_opts ro = { 0 };
	mi_ctx c;
	mi_err e = { 0, "" };
	mi_buf out = MI_BUF_INIT;
	const char *to = NULL, *tier = NULL, *reason = NULL, *explain = NULL;
	int ch, rc, pending = 0, training = 0, evaluate = 0, folds = 0, dump = 0, mode;
	int64_t id = 0;
	long long num;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_MODEL: ro.model = 1; break;
		case O_DRYRUN: ro.dry_run = 1; break;
		case O_PENDING: pending = 1; break;
		case O_AGAIN: ro.again = 1; break;
		case O_TO: to = optarg; break;
		case O_TIER: tier = optarg; break;
		case O_REASON: reason = optarg; break;
		case O_EXPLAIN: explain = optarg; break;
		case O_TRAIN: training = 1; break;
		case O_DUMP: dump = 1; break;
		case O_CATEGORY: ro.category = optarg; break;
		case O_EVALUATE: evaluate = 1; break;
		case O_FOLDS:
			if (mi_parse_num(optarg, 2, 100, &num) < 0) {
				mi_cli_warn(prog, "invalid folds '%s' (expected 2 to 100)", optarg);
				return MI_EX_USAGE;
			}
			folds = (int)num;
			break;
		default: mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	mode = (to != NULL) + (explain != NULL) + training + evaluate;
	if (mode > 1)
		mi_cli_usage("--to, --explain, --train and --evaluate are separate tasks: give one");
	if (ro.again && (mode || pending))
		mi_cli_usage("--again re-routes the cases named: no other task, no --pending");
	if (pending && (mode || argc))
		mi_cli_usage("--pending routes every new case: it takes no case ids and no other task");
	if (to && !reason)
		mi_cli_usage("--to needs --reason: why the case goes to that unit");
	if (reason && !to)
		mi_cli_usage("--reason goes with --to");
	if (tier && !to)
		mi_cli_usage("--tier goes with --to");
	if (ro.category && !to)
		mi_cli_usage("--category goes with --to");
	if (dump && (!training || argc))
		mi_cli_usage("--dump goes with --train and no file: it lists the ledger's training set");
	if (folds && !evaluate)
		mi_cli_usage("--folds goes with --evaluate");
	if (evaluate && argc != 1)
		mi_cli_usage("--evaluate takes one file of labelled messages");
	if (training && argc > 1)
		mi_cli_usage("--train takes at most one file");
	if (explain && argc)
		mi_cli_usage("--explain takes one case id, and no other operand");
	if (explain) {
		if (mi_parse_num(explain, 1, INT64_MAX, &num) < 0) {
			mi_cli_warn(prog, "'%s' is not a case id", explain);
			return MI_EX_USAGE;
		}
		id = num;
	}
	if ((rc = mi_cli_open(&c, prog, explain || evaluate || dump ? MI_DB_RO : MI_DB_RW)) != 0)
		return rc;
	rc = 0;
	if (explain) {
		if (mi_route_explain(&c, id, &out, &e) < 0)
			rc = mi_cli_fail(prog, &e);
		else
			fputs(mi_buf_str(&out), stdout);
	} else if (dump) {
		if (mi_route_history(&c, stdout, &e) < 0)
			rc = mi_cli_fail(prog, &e);
	} else if (training) {
		rc = train(&c, argc ? argv[0] : NULL, &e);
	} else if (evaluate) {
		if (mi_route_evaluate(&c, argv[0], folds, stdout, &e) < 0)
			rc = mi_cli_fail(prog, &e);
	} else
		rc = route(&c, argc, argv, pending, to, tier, reason, &ro, &e);
	mi_buf_release(&out);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
