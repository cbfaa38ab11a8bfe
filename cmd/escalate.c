/* escalate - the three-colour supervision pass, moves up a tier, county meetings. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minyi.h"

static const char *prog = "escalate";

static const char usage_text[] =
	N_("usage: escalate [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                [--reveal] [id ...]\n"
	"       escalate [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                [--reveal] --up --reason text [id ...]\n"
	"       escalate [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                --meeting date --units list --decision text [--lead unit]\n"
	"                [--due time] [id ...]\n"
	"       escalate [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                --session date --platform platform | --community community\n"
	"                --kind kind --outcome text [--people list] [--settled ids | all]\n"
	"                [id ...]\n"
	"       escalate [-d db] [-c config] [-u name] [-o format] [--at time] [--bom]\n"
	"                --approve | --deny [--reason text] [id ...]\n"
	"       escalate [-d db] [-c config] [-o format] [--at time] [--bom] --report\n"
	"       escalate --help | --version\n");

enum { O_UP = 0x100, O_REASON, O_MEETING, O_UNITS, O_DECISION, O_LEAD, O_DUE, O_REPORT,
    O_APPROVE, O_DENY, O_SESSION, O_PLATFORM, O_COMMUNITY, O_KIND, O_PEOPLE, O_OUTCOME,
    O_SETTLED };

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	{ "up", 0, NULL, O_UP }, { "reason", 1, NULL, O_REASON },
	{ "meeting", 1, NULL, O_MEETING }, { "units", 1, NULL, O_UNITS },
	{ "decision", 1, NULL, O_DECISION }, { "lead", 1, NULL, O_LEAD },
	{ "due", 1, NULL, O_DUE }, { "report", 0, NULL, O_REPORT },
	{ "approve", 0, NULL, O_APPROVE }, { "deny", 0, NULL, O_DENY },
	{ "session", 1, NULL, O_SESSION }, { "platform", 1, NULL, O_PLATFORM },
	{ "community", 1, NULL, O_COMMUNITY }, { "kind", 1, NULL, O_KIND },
	{ "people", 1, NULL, O_PEOPLE }, { "outcome", 1, NULL, O_OUTCOME },
	{ "settled", 1, NULL, O_SETTLED },
	{ NULL, 0, NULL, 0 }
};

enum { M_PASS, M_UP, M_MEETING, M_EXT, M_REPORT, M_SESSION };

/* The columns of each mode; contact and phone are masked unless revealed. */
static const struct { const char *name; int type; } cols[][13] = {
	[M_PASS] = { { "id", MI_COL_INT | MI_COL_ID }, { "was", 0 }, { "colour", 0 }, { "tier", 0 },
		{ "unit", 0 }, { "unit_name", 0 }, { "contact", MI_COL_NAME },
		{ "phone", MI_COL_PHONE }, { "due", MI_COL_TIME }, { "left", MI_COL_INT },
		{ "overdue", MI_COL_INT }, { "why", 0 }, { "moved_to", 0 } },
	[M_UP] = { { "id", MI_COL_INT | MI_COL_ID }, { "tier", 0 }, { "unit", 0 }, { "unit_name", 0 },
		{ "contact", MI_COL_NAME }, { "phone", MI_COL_PHONE }, { "due", MI_COL_TIME },
		{ "colour", 0 }, { "from_tier", 0 }, { "from_unit", 0 } },
	[M_MEETING] = { { "id", MI_COL_INT | MI_COL_ID }, { "meeting", MI_COL_INT | MI_COL_ID }, { "held", MI_COL_TIME },
		{ "tier", 0 }, { "unit", 0 }, { "unit_name", 0 }, { "due", MI_COL_TIME }, { "colour", 0 } },
	[M_EXT] = { { "id", MI_COL_INT | MI_COL_ID }, { "decision", 0 }, { "days", MI_COL_INT },
		{ "unit", 0 }, { "unit_name", 0 }, { "due", MI_COL_TIME }, { "colour", 0 } },
	[M_SESSION] = { { "id", MI_COL_INT | MI_COL_ID }, { "session", MI_COL_INT | MI_COL_ID },
		{ "held", MI_COL_TIME }, { "session_kind", 0 }, { "platform", 0 }, { "community", 0 },
		{ "settled", MI_COL_INT }, { "status", 0 } },
};

struct sink {
	mi_ctx *c;
	int mode;
	mi_out *out;               /* made at the first row: no change, no output at all */
	mi_idv shown;
	long notes;
};

static void
changed(void *arg, const mi_escalation *x)
{
	struct sink *s = arg;
	char id[24], due[24], held[24], left[16], over[16], mt[24], days[16];
	const char *v[13];
	int i;

	if (s->out == NULL) {
		s->out = mi_ctx_out(s->c, stdout);
		for (i = 0; i < 13 && cols[s->mode][i].name; i++)
			mi_out_col(s->out, cols[s->mode][i].name, cols[s->mode][i].type);
	}
	snprintf(id, sizeof(id), "%lld", (long long)x->id);
	snprintf(left, sizeof(left), "%d", x->left);
	snprintf(over, sizeof(over), "%d", x->overdue);
	snprintf(mt, sizeof(mt), "%lld", (long long)x->meeting);
	if (x->due)
		mi_time_format(x->due, due, sizeof(due));
	mi_time_format(x->held, held, sizeof(held));
	if (s->mode == M_PASS) {
		const char *p[13] = { id, mi_vocab_name(MI_V_COLOUR, x->was), mi_vocab_name(MI_V_COLOUR, x->colour),
			mi_vocab_name(MI_V_TIER, x->tier), x->unit, x->unit_name, x->contact, x->phone,
			x->due ? due : NULL, x->left >= 0 ? left : NULL,
			x->overdue >= 0 ? over : NULL, x->why, x->moved_to };
		memcpy(v, p, sizeof(p));
	} else if (s->mode == M_UP) {
		const char *p[10] = { id, mi_vocab_name(MI_V_TIER, x->tier), x->unit, x->unit_name, x->contact,
			x->phone, x->due ? due : NULL, mi_vocab_name(MI_V_COLOUR, x->colour),
			mi_vocab_name(MI_V_TIER, x->from_tier), x->from_unit };
		memcpy(v, p, sizeof(p));
	} else if (s->mode == M_SESSION) {
		const char *p[8] = { id, days, held, mi_vocab_name(MI_V_SESSION, x->session_kind),
			x->platform, x->unit, x->settled ? "1" : "0", x->status };
		snprintf(days, sizeof(days), "%lld", (long long)x->session);
		memcpy(v, p, sizeof(p));
	} else if (s->mode == M_EXT) {
		const char *p[7] = { id, x->decision, days, x->unit, x->unit_name, x->due ? due : NULL,
			mi_vocab_name(MI_V_COLOUR, x->colour) };
		snprintf(days, sizeof(days), "%d", x->days);
		memcpy(v, p, sizeof(p));
	} else {
		const char *p[8] = { id, mt, held, mi_vocab_name(MI_V_TIER, x->tier), x->unit, x->unit_name,
			x->due ? due : NULL, mi_vocab_name(MI_V_COLOUR, x->colour) };
		memcpy(v, p, sizeof(p));
	}
	mi_out_row(s->out, v);
	if (s->c->opts.reveal)
		mi_idv_push(&s->shown, x->id);
}

static void
skipped(void *arg, int64_t id, const char *why)
{
	(void)arg;
	mi_cli_warn(prog, "case %lld %s", (long long)id, why);
}

static void
note(void *arg, int64_t id, const char *what)
{
	((struct sink *)arg)->notes++;
	mi_cli_warn(prog, "case %lld %s", (long long)id, what);
}

static void
progress(void *arg, long n)
{
	(void)arg;
	mi_cli_progress(prog, "cases looked at", n);
}

/* A summary only when there is something to say: a pass that changes
 * nothing is silent, so cron sends no mail. */
static void
summary(int mode, int quiet, const mi_escalate_stats *st, int64_t meeting)
{
	char a[32], b[32], y[32], r[32], m[32], k[32], u[32];

	mi_cli_progress_end();
	if ((mode == M_PASS && st->changed + st->skipped == 0) ||
	    (quiet && st->skipped == 0))
		return;
	mi_cli_count(st->changed, a, 32);
	mi_cli_count(st->moved, m, 32);
	mi_cli_count(st->skipped, k, 32);
	if (mode == M_PASS && st->unsigned_)
		fprintf(stderr, _("%s: %s changed colour (%s blue, %s yellow, %s red), %s moved up, "
		    "%s not signed for in time, %s skipped\n"), prog, a,
		    mi_cli_count(st->colour[MI_COLOUR_BLUE], b, 32),
		    mi_cli_count(st->colour[MI_COLOUR_YELLOW], y, 32),
		    mi_cli_count(st->colour[MI_COLOUR_RED], r, 32), m,
		    mi_cli_count(st->unsigned_, u, 32), k);
	else if (mode == M_PASS)
		fprintf(stderr, _("%s: %s changed colour (%s blue, %s yellow, %s red), %s moved up, "
		    "%s skipped\n"), prog, a, mi_cli_count(st->colour[MI_COLOUR_BLUE], b, 32),
		    mi_cli_count(st->colour[MI_COLOUR_YELLOW], y, 32),
		    mi_cli_count(st->colour[MI_COLOUR_RED], r, 32), m, k);
	else if (mode == M_EXT)
		fprintf(stderr, _("%s: %s extensions decided, %s skipped\n"), prog, a, k);
	else if (mode == M_UP)
		fprintf(stderr, _("%s: %s moved up, %s skipped\n"), prog, m, k);
	else if (mode == M_SESSION)
		fprintf(stderr, _("%s: session %lld recorded, %s cases heard, %s settled there\n"),
		    prog, (long long)meeting, a, mi_cli_count(st->settled, y, 32));
	else
		fprintf(stderr, _("%s: %s recorded at meeting %lld, %s skipped\n"), prog, a,
		    (long long)meeting, k);
}

static int
act(mi_ctx *c, int mode, int argc, char **argv, const char *reason, mi_meeting *m, int approve,
    const mi_session *ss, mi_err *e)
{
	struct sink s = { c, mode, NULL, MI_IDV_INIT, 0 };
	mi_escalate_opts eo = { changed, skipped, note, progress, &s };
	mi_escalate_stats st;
	mi_idv ids = MI_IDV_INIT;
	int64_t meeting = 0;
	int rc;

	memset(&st, 0, sizeof(st));
	rc = mode == M_PASS && argc == 0 ? 0 : mi_ids_read(argc, argv, stdin, &ids, e);
	if (rc == 0 && mode == M_PASS)
		rc = mi_escalate_pass(c, argc ? &ids : NULL, &eo, &st, e);
	else if (rc == 0 && mode == M_UP)
		rc = mi_escalate_up(c, &ids, reason, &eo, &st, e);
	else if (rc == 0 && mode == M_EXT)
		rc = mi_escalate_extension(c, &ids, approve, reason, &eo, &st, e);
	else if (rc == 0 && mode == M_SESSION)
		rc = mi_escalate_session(c, &ids, ss, &eo, &st, &meeting, e);
	else if (rc == 0)
		rc = mi_escalate_meeting(c, &ids, m, &eo, &st, &meeting, e);
	mi_idv_release(&ids);
	if (s.out && mi_out_finish(s.out, rc == 0 ? e : NULL) < 0 && rc == 0)
		rc = -1;
	mi_out_free(s.out);
	if (rc == 0)
		rc = mi_reveal(c, &s.shown, "unit contacts", NULL, e);
	mi_idv_release(&s.shown);
	if (rc < 0)
		return mi_cli_fail(prog, e);
	summary(mode, c->opts.quiet, &st, meeting);
	return st.skipped ? MI_EX_SOME : 0;
}

/* What --session needs besides its date: a place, a kind, an outcome. */
static void
session_args(mi_session *ss, const char *kind)
{
	if (!ss->platform && !ss->community)
		mi_cli_usage("--session needs --platform (or --community when there is none)");
	if (!kind)
		mi_cli_usage("--session needs --kind: 接访日, 八方议事 or 调解");
	if ((ss->kind = mi_vocab_parse(MI_V_SESSION, kind)) < 0)
		mi_cli_usage("unknown session kind '%s' (expected reception/接访日, "
		    "deliberation/八方议事 or mediation/调解)", kind);
	if (!ss->outcome || !*ss->outcome)
		mi_cli_usage("--session needs --outcome: what the session concluded");
	if (ss->settled && strcmp(ss->settled, "all") == 0) {
		ss->settle_all = 1;
		ss->settled = NULL;
	}
}

static int
report(mi_ctx *c, mi_out *out, void *arg, mi_err *e)
{
	return mi_escalate_report(c, out, e);
}

int
main(int argc, char **argv)
{
	mi_ctx c;
	mi_err e = { 0, "" };
	mi_meeting m = { 0, NULL, NULL, NULL, 0 };
	mi_session ss = { 0, -1, NULL, NULL, NULL, NULL, NULL, 0 };
	const char *reason = NULL, *held = NULL, *due = NULL, *session = NULL, *kind = NULL;
	int ch, rc, up = 0, rep = 0, mode, approve = 0, deny = 0;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		switch (ch) {
		case O_UP: up = 1; break;
		case O_REASON: reason = optarg; break;
		case O_MEETING: held = optarg; break;
		case O_UNITS: m.units = optarg; break;
		case O_DECISION: m.decision = optarg; break;
		case O_LEAD: m.lead = optarg; break;
		case O_DUE: due = optarg; break;
		case O_REPORT: rep = 1; break;
		case O_APPROVE: approve = 1; break;
		case O_DENY: deny = 1; break;
		case O_SESSION: session = optarg; break;
		case O_PLATFORM: ss.platform = optarg; break;
		case O_COMMUNITY: ss.community = optarg; break;
		case O_KIND: kind = optarg; break;
		case O_PEOPLE: ss.people = optarg; break;
		case O_OUTCOME: ss.outcome = optarg; break;
		case O_SETTLED: ss.settled = optarg; break;
		default: mi_cli_usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;
	mode = up ? M_UP : held ? M_MEETING : rep ? M_REPORT : approve || deny ? M_EXT :
	    session ? M_SESSION : M_PASS;
	if (up + (held != NULL) + rep + approve + deny + (session != NULL) > 1)
		mi_cli_usage("--up, --meeting, --session, --approve, --deny and --report are separate "
		    "tasks: give one");
	if (session)
		session_args(&ss, kind);
	else if (ss.platform || ss.community || kind || ss.people || ss.outcome || ss.settled)
		mi_cli_usage("--platform, --community, --kind, --people, --outcome and --settled go "
		    "with --session");
	if (up && !reason)
		mi_cli_usage("--up needs --reason: why the cases move up a tier");
	if (reason && !up && !approve && !deny)
		mi_cli_usage("--reason goes with --up, --approve or --deny");
	if (!held && (m.units || m.decision || m.lead || due))
		mi_cli_usage("--units, --decision, --lead and --due go with --meeting");
	if (held && (!m.units || !m.decision))
		mi_cli_usage("--meeting needs --units and --decision");
	if (rep && argc)
		mi_cli_usage("--report takes no case ids");
	if (c.opts.reveal && (held || rep || approve || deny || session))
		mi_cli_usage("--reveal goes with the pass or --up, which list contacts");
	if ((reason && !*reason) || (m.decision && !*m.decision))
		mi_cli_usage("%s is empty", reason && !*reason ? "--reason" : "--decision");
	/* A bare date for a deadline means the end of that day. */
	if ((held && mi_time_arg(held, MI_BARE_START, &m.held, &e) < 0) ||
	    (session && mi_time_arg(session, MI_BARE_START, &ss.held, &e) < 0) ||
	    (due && mi_time_arg(due, MI_BARE_DUE, &m.due, &e) < 0))
		return mi_cli_fail(prog, &e);
	if ((rc = mi_cli_open(&c, prog, rep ? MI_DB_RO : MI_DB_RW_EXISTING)) != 0)
		return rc;
	rc = rep ? mi_cli_list(&c, prog, report, NULL) : act(&c, mode, argc, argv, reason, &m, approve, &ss,
	    &e);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
