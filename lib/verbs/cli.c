/* cli.c - the parts of every tool's main that print to stderr and exit the same way. */
#include <getopt.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "verbs/verbs.h"

/* The running tool's name and usage text, set once by mi_cli_init. */
static const char *tool = "minyi";
static const char *usage_text = "";

static void say(const char *head, const char *msg);

#ifndef MI_LOCALEDIR
#define MI_LOCALEDIR "/usr/local/share/locale"
#endif

/*
 * Messages follow the environment's locale (LC_ALL, LC_MESSAGES, LANG,
 * LANGUAGE); nothing else does: numbers, sorting, times and the bytes of
 * text are read and written as in the C locale whatever LANG says, so a
 * script's output never changes with it. The catalogue is delivered in
 * UTF-8 whatever LC_CTYPE names. MINYI_LOCALEDIR overrides where the
 * catalogues are looked for.
 */
static void
speak(void)
{
	const char *dir = getenv("MINYI_LOCALEDIR");

	setlocale(LC_ALL, "");
	setlocale(LC_CTYPE, "C");
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_COLLATE, "C");
	setlocale(LC_TIME, "C");
	setlocale(LC_MONETARY, "C");
	bindtextdomain(MI_DOMAIN, dir && *dir ? dir : MI_LOCALEDIR);
	bind_textdomain_codeset(MI_DOMAIN, "UTF-8");
	/* and the C library's own (strerror) in UTF-8, as the rest. */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(MI_DOMAIN);
}

void
mi_cli_init(mi_ctx *c, const char *prog, const char *usage, int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	speak();
	mi_ctx_init(c);
	c->argc = argc;
	c->argv = argv;
	tool = prog;
	usage_text = gettext(usage);
}

void
mi_cli_usage(const char *why, ...)
{
	va_list ap;
	mi_buf msg = MI_BUF_INIT;

	if (why) {
		va_start(ap, why);
		mi_buf_vprintf(&msg, gettext(why), ap);
		va_end(ap);
		say(tool, mi_buf_str(&msg));
		mi_buf_release(&msg);
	}
	fputs(usage_text, stderr);
	exit(MI_EX_USAGE);
}

/* --help and --version: on standard output, exit 0 (or 74 when it cannot be written). */
static void
answer(int version)
{
	if (version)
		printf("%s (minyi) %s, database schema %d\n", tool, MI_VERSION, MI_SCHEMA_VERSION);
	else
		fputs(usage_text, stdout);
	exit(mi_cli_done(tool, 0));
}

int
mi_cli_open(mi_ctx *c, const char *prog, int dbmode)
{
	mi_err e = { 0, "" };
	int rc;

	if (mi_ctx_open(c, prog, dbmode, &e) == 0 && (!c->opts.reveal || mi_ctx_hold(c, &e) == 0))
		return 0;
	rc = mi_cli_fail(prog, &e);
	mi_ctx_close(c);
	return rc;
}

int
mi_cli_list(mi_ctx *c, const char *prog, int (*list)(mi_ctx *, mi_out *, void *, mi_err *),
    void *arg)
{
	mi_err e = { 0, "" };
	mi_out *out = mi_ctx_out(c, stdout);
	int rc = list(c, out, arg, &e);

	/* A failed list keeps its own message; a failed write is news only after a good one. */
	if (mi_out_finish(out, rc == 0 ? &e : NULL) < 0 && rc == 0)
		rc = -1;
	mi_out_free(out);
	return rc < 0 ? mi_cli_fail(prog, &e) : 0;
}

/*
 * One line on stderr: "head: msg". Messages quote what they were given,
 * and stderr goes to a terminal or a cron mail: what a terminal would act
 * on, line breaks included, is shown as text, here for every message.
 */
static void
say(const char *head, const char *msg)
{
	mi_buf b = MI_BUF_INIT;

	mi_cli_progress_end();

	mi_esc_text(&b, head, MI_ESC_LINE);
	mi_buf_puts(&b, ": ");
	mi_esc_text(&b, msg, MI_ESC_LINE);
	mi_buf_putc(&b, '\n');
	fputs(mi_buf_str(&b), stderr);
	mi_buf_release(&b);
}

int
mi_cli_fail(const char *prog, const mi_err *e)
{
	/* A reader that stopped reading (`| head`) is no news: exit 74 quietly. */
	if (!(e->code == MI_EX_IOERR && strstr(e->msg, strerror(EPIPE))))
		say(prog, e->msg[0] ? e->msg : _("internal error"));
	return e->code ? e->code : MI_EX_SOFTWARE;
}

void
mi_cli_warn(const char *prog, const char *fmt, ...)
{
	mi_buf msg = MI_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mi_buf_vprintf(&msg, gettext(fmt), ap);
	va_end(ap);
	say(prog, mi_buf_str(&msg));
	mi_buf_release(&msg);
}

int
mi_cli_done(const char *prog, int rc)
{
	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		/* Said once: when the run already failed, its message stands. */
		if (errno != EPIPE && rc == 0)
			fprintf(stderr, _("%s: write error on standard output: %s\n"), prog,
			    strerror(errno));
		return MI_EX_IOERR;
	}
	return rc;
}

void
mi_cli_at(const char *file, long line, const char *what)
{
	mi_buf head = MI_BUF_INIT;

	if (line > 0)
		mi_buf_printf(&head, "%s:%ld", file, line);
	else               /* of the file as a whole */
		mi_buf_puts(&head, file);
	say(mi_buf_str(&head), what);
	mi_buf_release(&head);
}

void
mi_cli_note(void *arg, const char *file, const char *what)
{
	(void)arg;
	mi_cli_warn(tool, "%s: %s", file, what);
}

void
mi_cli_reject(void *arg, const char *file, long line, const char *reason, const mi_record *rec)
{
	mi_cli_rejects *r = arg;

	mi_cli_at(file, line, reason);
	r->printed++;
	if (r->file)
		mi_rejects_add(r->file, file, line, reason, rec);
}

/* Whether a progress line is on the terminal, not yet ended. */
static int progress_open;

void
mi_cli_progress(const char *prog, const char *what, long n)
{
	char num[32];

	if (!isatty(STDERR_FILENO))
		return;
	/* TRANSLATORS: a progress line: the tool, a count, what is counted. */
	fputc('\r', stderr);
	fprintf(stderr, _("%1$s: %2$s %3$s"), prog, mi_cli_count(n, num, sizeof(num)), gettext(what));
	fflush(stderr);
	progress_open = 1;
}

void
mi_cli_progress_end(void)
{
	if (progress_open)
		fputc('\n', stderr);
	progress_open = 0;
}

char *
mi_cli_count(long n, char *buf, size_t len)
{
	char raw[32];
	size_t i, k, digits;
	int neg = n < 0;

	snprintf(raw, sizeof(raw), "%ld", neg ? -n : n);
	digits = strlen(raw);
	k = 0;
	if (neg && k + 1 < len)
		buf[k++] = '-';
	for (i = 0; i < digits && k + 1 < len; i++) {
		if (i > 0 && (digits - i) % 3 == 0 && k + 1 < len)
			buf[k++] = ',';
		if (k + 1 < len)
			buf[k++] = raw[i];
	}
	buf[k] = '\0';
	return buf;
}

int
mi_cli_format(const char *prog, const char *arg, int *fmt)
{
	if (mi_format_parse(arg, fmt) == 0)
		return 0;
	mi_cli_warn(prog, "unknown format '%s' (expected auto, csv, json, ndjson, xlsx, xls, xml or html)", arg);
	return -1;
}

int
mi_cli_import_opt(const char *prog, int ch, const char *arg, int *enc, const char **rejects,
    int *strict, const char **sheet)
{
	switch (ch) {
	case MI_OPT_ENCODING:
		if (mi_enc_parse(arg, enc) < 0) {
			mi_cli_warn(prog, "unknown encoding '%s' (expected auto, utf-8 or gb18030)", arg);
			return -1;
		}
		return 1;
	case MI_OPT_REJECTS:
		*rejects = arg;
		return 1;
	case MI_OPT_STRICT:
		*strict = 1;
		return 1;
	case MI_OPT_SHEET:
		*sheet = arg;
		return 1;
	}
	return 0;
}

int
mi_cli_sink_open(mi_cli_sink *s, const char *prog, mi_ctx *c, const char *rejects, mi_err *e)
{
	memset(s, 0, sizeof(*s));
	s->rej.prog = prog;
	if (rejects && mi_rejects_open(&s->rej.file, rejects, c->opts.bom, e) < 0)
		return -1;
	s->out = mi_ctx_out(c, stdout);
	return 0;
}

int
mi_cli_sink_close(mi_cli_sink *s, int rc, mi_err *e)
{
	/* A write error outranks what failed before it only when nothing did. */
	if (s->out && mi_out_finish(s->out, rc == 0 ? e : NULL) < 0 && rc == 0)
		rc = -1;
	mi_out_free(s->out);
	s->out = NULL;
	if (mi_rejects_close(s->rej.file, rc == 0 ? e : NULL) < 0 && rc == 0)
		rc = -1;
	s->rej.file = NULL;
	return rc;
}

void
mi_cli_skipped(void *arg, int64_t id, const char *why)
{
	const mi_cli_sink *s = arg;

	(void)id;
	mi_cli_warn(s->rej.prog, "%s", why);
}

/* ---- the options every tool takes ---- */

int
mi_opt_common(mi_opts *o, int c, const char *arg, mi_err *e)
{
	switch (c) {
	case 'd':
		o->db = arg;
		return 1;
	case 'c':
		o->config = arg;
		return 1;
	case 'u':
		if (*arg == '\0')
			return mi_err_set(e, MI_EX_USAGE, "empty operator name");
		o->as = arg;
		return 1;
	case 'o':
		if (mi_outfmt_parse(arg, &o->outfmt) < 0)
			return mi_err_set(e, MI_EX_USAGE, "unknown output format '%s' (expected "
			    "tsv, csv, json, ndjson, table or xlsx)", arg);
		/* A workbook is bytes for a file, not for a screen. */
		if (o->outfmt == MI_OUT_XLSX && isatty(STDOUT_FILENO))
			return mi_err_set(e, MI_EX_USAGE, "-o xlsx writes a workbook, not text for "
			    "a terminal: redirect it to a file (> file.xlsx)");
		return 1;
	case MI_OPT_AT:
		o->at = arg;
		return 1;
	case MI_OPT_BOM:
		o->bom = 1;
		return 1;
	case MI_OPT_REVEAL:
		o->reveal = 1;
		return 1;
	case 'q':
		o->quiet = 1;
		return 1;
	case MI_OPT_HEADERS:
		if (strcmp(arg, "en") != 0 && strcmp(arg, "zh") != 0)
			return mi_err_set(e, MI_EX_USAGE, "unknown headers '%s' (expected en or zh)", arg);
		o->headers = arg[0];
		return 1;
	case 'h':
	case MI_OPT_VERSION:
		answer(c == MI_OPT_VERSION);
	}
	return 0;
}

int
mi_opts_next(mi_opts *o, int argc, char **argv, const struct option *longopts, mi_err *e)
{
	int ch, rc;

	while ((ch = getopt_long(argc, argv, MI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if ((rc = mi_opt_common(o, ch, optarg, e)) == 0)
			return ch;
		if (rc < 0)
			return MI_OPT_BAD;
	}
	return -1;
}
