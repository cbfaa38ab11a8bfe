/* units - load and list the organisation: units and the people in them. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "minyi.h"

static const char *prog = "units";

static const char usage_text[] =
	N_("usage: units [-q] [-d db] [-c config] [-u name] [--at time]\n"
	"             [--encoding encoding] [--sheet sheet] [--rejects file] [--strict]\n"
	"             import file ...\n"
	"       units [-d db] [-c config] [-o format] [--bom] [--reveal] list\n"
	"       units [-d db] [-c config] [-o format] [--bom] [--reveal] people\n"
	"       units [-d db] [-c config] [-o format] [--bom] platforms\n"
	"       units [-d db] [-c config] [-o format] [--bom] teams\n"
	"       units [-d db] [-c config] [-o format] [--bom] card team\n"
	"       units --help | --version\n");

static const struct option longopts[] = {
	MI_COMMON_LONGOPTS,
	MI_IMPORT_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};


static int
import(mi_ctx *c, int argc, char **argv, int enc, const char *sheet, int strict,
    const char *rejects, mi_err *e)
{
	mi_import_stats st = { 0, 0, 0, 0, 0 };
	mi_cli_rejects rej = { prog, NULL, 0 };
	char a[32], u[32], n[32], r[32];
	int i, rc = 0;

	if (argc == 0)
		mi_cli_usage("import needs the files to read");
	if (rejects && mi_rejects_open(&rej.file, rejects, c->opts.bom, e) < 0)
		return mi_cli_fail(prog, e);
	for (i = 0; i < argc && rc == 0; i++)
		if (mi_units_import(c, argv[i], enc, sheet, strict, mi_cli_reject, &rej,
		    c->opts.quiet ? NULL : mi_cli_note, &st, e) < 0)
			rc = mi_cli_fail(prog, e);
	if (mi_rejects_close(rej.file, e) < 0 && rc == 0)
		rc = mi_cli_fail(prog, e);
	if (!c->opts.quiet || st.rejected || rc) {
		mi_cli_progress_end();
		fprintf(stderr, _("%s: %s added, %s updated, %s unchanged, %s rejected"), prog,
		    mi_cli_count(st.added, a, sizeof(a)), mi_cli_count(st.updated, u, sizeof(u)),
		    mi_cli_count(st.unchanged, n, sizeof(n)), mi_cli_count(st.rejected, r, sizeof(r)));
		if (st.empty)
			fprintf(stderr, ngettext(", %s empty row skipped", ", %s empty rows skipped",
			    st.empty), mi_cli_count(st.empty, a, sizeof(a)));
		fputc('\n', stderr);
	}
	if (rc == 0 && st.rejected)
		rc = MI_EX_SOME;
	return rc;
}

static int
platforms(mi_ctx *c, mi_out *out, void *arg, mi_err *e)
{
	(void)arg;
	return mi_platforms_list(c, out, e);
}

static int
list(mi_ctx *c, mi_out *out, void *people, mi_err *e)
{
	return people ? mi_people_list(c, out, e) : mi_units_list(c, out, e);
}

static int
teams(mi_ctx *c, mi_out *out, void *team, mi_err *e)
{
	return team ? mi_team_card(c, team, out, e) : mi_teams_list(c, out, e);
}

int
main(int argc, char **argv)
{
	mi_ctx c;
	mi_err e = { 0, "" };
	const char *rejects = NULL, *sheet = NULL;
	int ch, known, rc, enc = MI_ENC_AUTO, strict = 0, mode;

	mi_cli_init(&c, prog, usage_text, argc, argv);
	while ((ch = mi_opts_next(&c.opts, argc, argv, longopts, &e)) != -1) {
		if (ch == MI_OPT_BAD)
			return mi_cli_fail(prog, &e);
		if ((known = mi_cli_import_opt(prog, ch, optarg, &enc, &rejects, &strict, &sheet)) < 0)
			return MI_EX_USAGE;
		if (!known)
			mi_cli_usage(NULL);
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		mi_cli_usage("which command? import, list, people, platforms, teams or card");
	if (strcmp(argv[0], "import") == 0)
		mode = 0;
	else if (strcmp(argv[0], "list") == 0 && argc == 1)
		mode = 1;
	else if (strcmp(argv[0], "people") == 0 && argc == 1)
		mode = 2;
	else if (strcmp(argv[0], "platforms") == 0 && argc == 1)
		mode = 3;
	else if (strcmp(argv[0], "teams") == 0 && argc == 1)
		mode = 4;
	else if (strcmp(argv[0], "card") == 0 && argc == 2)
		mode = 5;
	else if (strcmp(argv[0], "card") == 0)
		mi_cli_usage("card takes one team: its code or name");
	else
		mi_cli_usage(strcmp(argv[0], "list") == 0 || strcmp(argv[0], "people") == 0 ||
		    strcmp(argv[0], "teams") == 0 || strcmp(argv[0], "platforms") == 0 ?
		    "%s takes no operand" :
		    N_("unknown command '%s' (expected import, list, people, platforms, teams or card)"),
		    argv[0]);
	if (mode == 3 && c.opts.reveal)
		mi_cli_usage("platforms show no resident: --reveal does not apply");
	if (mode >= 4 && c.opts.reveal)
		mi_cli_usage("teams and their cards show staff only, public by design: --reveal does "
		    "not apply");
	if (mode == 0 && rejects && mi_rejects_check(rejects, c.opts.db, argc - 1, argv + 1, &e) < 0)
		return mi_cli_fail(prog, &e);
	if ((rc = mi_cli_open(&c, prog, mode == 0 ? MI_DB_RW :
	    (c.opts.reveal && mode < 3 ? MI_DB_RW_EXISTING : MI_DB_RO))) != 0)
		return rc;
	if (mode == 0)
		rc = import(&c, argc - 1, argv + 1, enc, sheet, strict, rejects, &e);
	else if (mode == 3)
		rc = mi_cli_list(&c, prog, platforms, NULL);
	/* A team's card is public by design: nothing on it is masked, nothing
	 * revealed. */
	else if (mode >= 4)
		rc = mi_cli_list(&c, prog, teams, mode == 5 ? argv[1] : NULL);
	/* Showing people's names and phones in clear is itself recorded, with
	 * the rows shown, before the held output is let through: a look that
	 * cannot be recorded (the database locked) shows nothing. */
	else if ((rc = mi_cli_list(&c, prog, list, mode == 2 ? &c : NULL)) == 0 &&
	    mi_reveal(&c, NULL, mode == 2 ? "people" : "unit contacts", NULL, &e) < 0)
		rc = mi_cli_fail(prog, &e);
	mi_ctx_close(&c);
	return mi_cli_done(prog, rc);
}
