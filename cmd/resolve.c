/* resolve - record what the responsible unit did: progress, or the case handled (办结);
 * or void a duplicate or invalid case. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "minyi.h"

static const char *prog = "resolve";

static const char usage_text[] =
	N_("usage: resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               [--unit unit] [--progress] --note text [id ...]\n"
	"       resolve [-q] [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               [--unit unit] [--encoding encoding] [--sheet sheet]\n"
	"               [--rejects file] [--strict] --import file\n"
	"       resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               --void --note reason [id ...]\n"
	"       resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               --void --duplicate-of id [--note reason] [id ...]\n"
	"       resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               --unvoid --note reason [id ...]\n"
	"       resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               [--unit unit] --sign [--note text] [id ...]\n"
	"       resolve [-q] [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               [--unit unit] [--encoding encoding] [--sheet sheet]\n"
	"               [--rejects file] [--strict] --sign --import file\n"
	"       resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               [--unit unit] --return --note reason [id ...]\n"
	"       resolve [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"               [--unit unit] --extend --days n --note reason [id ...]\n"
	"       resolve --help | --version\n");

enum { O_NOTE = 0x100, O_PROGRESS, O_UNIT, O_IMPORT, O_VOID,
    O_UNVOID, O_DUPOF, O_SIGN, O_RETURN, O_EXTEND, O_DAYS };

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "note", 1, NULL, O_NOTE }, { "progress", 0, NULL, O_PROGRESS },
	{ "unit", 1, NULL, O_UNIT }, { "import", 1, NULL, O_IMPORT },
	{ "void", 0, NULL, O_VOID }, { "unvoid", 0, NULL, O_UNVOID },
	{ "sign", 0, NULL, O_SIGN }, { "return", 0, NULL, O_RETURN },
	{ "extend", 0, NULL, O_EXTEND }, { "days", 1, NULL, O_DAYS },
	{ "duplicate-of", 1, NULL, O_DUPOF }, MI_IMPORT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static void
done(void *arg, const mi_resolve_result *r)
{
	mi_cli_sink *s = arg;
	char id[24], at[24];
	const char *v[6];

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	v[0] = id;
	v[1] = r->status;
	v[2] = r->unit_code;
	v[3] = r->unit_name;
	v[4] = mi_time_format(r->at, at, sizeof(at));
	v[5] = r->note;
	mi_out_row(s->out, v);
}


static void
summary(const mi_resolve_stats *st, const mi_resolve_opts *ro, int import)
{
	char a[32], b[32], c[32], d[32], f[32];

	if (ro->signing && import) {
		fprintf(stderr, _("%s: %s signed for, %s already signed, %s rejected\n"), prog,
		    mi_cli_count(st->signed_, a, 32), mi_cli_count(st->known, b, 32),
		    mi_cli_count(st->rejected, c, 32));
		return;
	}
	if (ro->signing || ro->returning || ro->extend_days) {
		fprintf(stderr, ro->signing ? _("%s: %s signed for, %s skipped\n") : ro->returning ?
		    _("%s: %s returned to the centre, %s skipped\n") :
		    _("%s: %s extensions asked for, %s skipped\n"), prog,
		    mi_cli_count(ro->signing ? st->signed_ : ro->returning ? st->returned :
		    st->extended, a, 32), mi_cli_count(st->skipped, b, 32));
		return;
	}
	if (ro->unvoiding) {
		fprintf(stderr, "%s: %s returned from void, %s skipped\n", prog,
		    mi_cli_count(st->unvoided, a, 32), mi_cli_count(st->skipped, b, 32));
		return;
	}
	if (ro->voiding) {
		fprintf(stderr, _("%s: %s voided, %s void already, %s skipped\n"), prog,
		    mi_cli_count(st->voided, a, 32), mi_cli_count(st->known, b, 32),
		    mi_cli_count(st->skipped, c, 32));
		return;
	}
	if (ro->progress) {
		fprintf(stderr, _("%s: %s progress notes recorded, %s skipped\n"), prog,
		    mi_cli_count(st->progress, a, 32), mi_cli_count(st->skipped, b, 32));
		return;
	}
	fprintf(stderr, _("%s: %s resolved (%s closed and %s left for review, having no phone), "
	    "%s already recorded, "), prog, mi_cli_count(st->resolved, a, 32),
	    mi_cli_count(st->closed, b, 32), mi_cli_count(st->review, c, 32),
	    mi_cli_count(st->known, d, 32));
	if (import && st->empty)
		fprintf(stderr, ngettext("%s empty row skipped, ", "%s empty rows skipped, ", st->empty),
		    mi_cli_count(st->empty, a, 32));
	fprintf(stderr, import ? _("%s rejected\n") : _("%s skipped\n"),
	    mi_cli_count(import ? st->rejected : st->skipped, f, 32));
}

static int
run(mi_ctx *c, int argc, char **argv, const char *note, const char *import,
    const char *rejects, mi_resolve_opts *ro, mi_err *e)
{
	mi_resolve_stats st;
	mi_idv ids = MI_IDV_INIT;
	mi_cli_sink s;
	int rc = 0;

	memset(&st, 0, sizeof(st));
	if (mi_cli_sink_open(&s, prog, c, rejects, e) < 0)
		return mi_cli_fail(prog, e);
	mi_out_col(s.out, "id", MI_COL_INT | MI_COL_ID);
	mi_out_col(s.out, "status", MI_COL_STR);
	mi_out_col(s.out, "unit", MI_COL_STR);
	mi_out_col(s.out, "unit_name", MI_COL_STR);
	mi_out_col(s.out, "time", MI_COL_TIME);
	mi_out_col(s.out, "note", MI_COL_TEXT);
	ro->done = done;
	ro->skipped = mi_cli_skipped;
	ro->reject = mi_cli_reject;
	ro->note = c->opts.quiet ? NULL : mi_cli_note;
	ro->arg = &s;
	if (import)
		rc = mi_resolve_import(c, import, ro, &st, e);
	else if ((rc = mi_ids_read(argc, argv, stdin, &ids, e)) == 0)
		rc = mi_resolve_cases(c, &ids, note, ro, &st, e);
	mi_idv_release(&ids);
	if (mi_cli_sink_close(&s, rc, e) < 0 || mi_reveal(c, NULL, "cases resolved", NULL, e) < 0)
		return mi_cli_fail(prog, e);
	if (!c->opts.quiet || st.skipped || st.rejected)
		summary(&st, ro, import != NULL);
	return st.skipped || st.rejected ? MI_EX_SOME : 0;
}

int
main(int argc, char **argv)
{
	mi_resolve_opts ro = { 0 };
	mi_ctx c;
	mi_err e = { 0, "" };
	const char *note = NULL, *import = NULL, *rejects = NULL;
	char *trimmed;
	long long num;
	int ch, known, rc, extend = 0, days = 0;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_NOTE: note = optarg; break;
		case O_PROGRESS: ro.progress = 1; break;
		case O_UNIT: ro.unit = optarg; break;
		case O_IMPORT: import = optarg; break;
		case O_VOID: ro.voiding = 1; break;
		case O_UNVOID: ro.unvoiding = 1; break;
		case O_SIGN: ro.signing = 1; break;
		case O_RETURN: ro.returning = 1; break;
		case O_EXTEND: extend = 1; break;
		case O_DAYS:
			if (mi_parse_num(optarg, 1, 365, &num) < 0) {
				mi_cli_warn(prog, "--days '%s': expected whole working days from 1 to 365",
				    optarg);
				return MI_EX_USAGE;
			}
			days = (int)num;
			break;
		case O_DUPOF:
			if (mi_parse_num(optarg, 1, INT64_MAX, &num) < 0) {
				mi_cli_warn(prog, "'%s' is not a case id", optarg);
				return MI_EX_USAGE;
			}
			ro.dup_of = (int64_t)num;
			break;
		default:
			if ((known = mi_cli_import_opt(prog, ch, optarg, &ro.enc, &rejects, &ro.strict, &ro.sheet)) < 0)
				return MI_EX_USAGE;
			if (!known)
				mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (ro.signing + ro.returning + extend > 1 || ((ro.signing || ro.returning || extend) &&
	    (ro.voiding || ro.unvoiding || ro.progress)))
		mi_cli_usage("give one of --sign, --return, --extend, --void, --unvoid and --progress");
	if ((ro.returning || extend) && import)
		mi_cli_usage("--return and --extend take case ids, not --import");
	if (extend && !days)
		mi_cli_usage("--extend needs --days: how many more working days");
	if (days && !extend)
		mi_cli_usage("--days goes with --extend");
	if (ro.returning && !note)
		mi_cli_usage("--return needs --note: why the case is not the unit's");
	if (extend && !note)
		mi_cli_usage("--extend needs --note: why more time is needed");
	ro.extend_days = days;
	if (import && (note || ro.dup_of))
		mi_cli_usage("--import takes the notes from the sheet: no --note");
	if (!import && !note && !ro.dup_of && !ro.signing)
		mi_cli_usage(ro.voiding || ro.unvoiding ? "--void and --unvoid need --note: why" :
		    N_("--note says what was done; or --import a unit's sheet"));
	if (import && (ro.progress || argc))
		mi_cli_usage("--import takes no case ids and no --progress");
	if (ro.dup_of && !ro.voiding)
		mi_cli_usage("--duplicate-of goes with --void");
	if (!import && (rejects || ro.strict || ro.enc || ro.sheet))
		mi_cli_usage("--rejects, --strict, --encoding and --sheet go with --import");
	if ((ro.voiding || ro.unvoiding) && (import || ro.progress || ro.unit))
		mi_cli_usage("--void and --unvoid take case ids and --note, with no --import, "
		    "--progress or --unit");
	if (ro.voiding && ro.unvoiding)
		mi_cli_usage("--void and --unvoid undo each other: give one");
	trimmed = note ? mi_trim(mi_xstrdup(note)) : NULL;
	if (trimmed && *trimmed == '\0') {
		mi_cli_warn(prog, "empty note");
		free(trimmed);
		return MI_EX_USAGE;
	}
	if (rejects && mi_rejects_check(rejects, c.opts.db, 1, (char *const *)&import, &e) < 0)
		rc = mi_cli_fail(prog, &e);
	else if ((rc = mi_cli_open(&c, prog, MI_DB_RW_EXISTING)) == 0) {
		rc = run(&c, argc, argv, trimmed, import, rejects, &ro, &e);
		mi_ctx_close(&c);
	}
	free(trimmed);
	return mi_cli_done(prog, rc);
}
