/* import.c - the --rejects file every importer can write. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io.h"

struct mi_rejects {
	FILE *f;
	char *path;
	const char **keys;     /* the columns of the last header written */
	size_t nkeys;
	mi_buf line, conv;
	int bom, started;
	iconv_t cd;            /* to GB18030, or (iconv_t)-1 */
};

/*
 * The rejects hold residents' names and phones in clear: the file is 0600
 * whatever the umask, and one that existed with wider bits is narrowed
 * before it is emptied, so that none of them is ever written where others
 * can read. A device or a pipe (/dev/full, /dev/stdout) is written as it is.
 */
static FILE *
open_private(const char *path, mi_err *e)
{
	struct stat sb;
	FILE *f = NULL;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0 || fstat(fd, &sb) < 0)
		goto fail;
	if (S_ISREG(sb.st_mode) && (sb.st_mode & 077) && fchmod(fd, 0600) < 0) {
		mi_err_set(e, MI_EX_CANTCREAT, "cannot make '%s' readable by its owner only "
		    "(mode %03o): %s", path, (unsigned)(sb.st_mode & 0777), strerror(errno));
		close(fd);
		return NULL;
	}
	if ((S_ISREG(sb.st_mode) && ftruncate(fd, 0) < 0) || (f = fdopen(fd, "w")) == NULL)
		goto fail;
	return f;
fail:
	mi_err_set(e, MI_EX_CANTCREAT, "cannot create '%s': %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* 1 when a and b name one file (through any of its names). */
static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int
mi_rejects_check(const char *path, const char *db, int n, char *const *inputs, mi_err *e)
{
	struct stat rj, sb;
	int i;

	/* A file that does not exist yet cannot be anything that is read. */
	if (stat(path, &rj) < 0 || !S_ISREG(rj.st_mode))
		return 0;
	for (i = 0; i < (n ? n : 1); i++) {
		const char *in = n ? inputs[i] : "-";
		int rc = strcmp(in, "-") == 0 ? fstat(STDIN_FILENO, &sb) : stat(in, &sb);

		if (rc == 0 && same_file(&rj, &sb))
			return mi_err_set(e, MI_EX_USAGE, "the rejects file '%s' is the input "
			    "'%s': it would be emptied before it is read", path,
			    strcmp(in, "-") == 0 ? "(standard input)" : in);
	}
	if (db == NULL)
		db = mi_db_default_path();
	if (stat(db, &sb) == 0 && same_file(&rj, &sb))
		return mi_err_set(e, MI_EX_USAGE, "the rejects file '%s' is the database '%s'",
		    path, db);
	return 0;
}

int
mi_rejects_open(mi_rejects **out, const char *path, int bom, mi_err *e)
{
	mi_rejects *r;
	FILE *f = open_private(path, e);

	*out = NULL;
	if (f == NULL)
		return -1;
	r = mi_xcalloc(1, sizeof(*r));
	r->f = f;
	r->path = mi_xstrdup(path);
	r->bom = bom;
	r->cd = (iconv_t)-1;
	*out = r;
	return 0;
}

/* The same columns as the header last written; extra unnamed values (a
 * ragged CSV row) still belong under it. */
static int
same_keys(const mi_rejects *r, const mi_record *rec)
{
	size_t i;

	if (r->keys == NULL || rec->n < r->nkeys)
		return 0;
	for (i = 0; i < rec->n; i++)
		if (strcmp(i < r->nkeys ? r->keys[i] : "", rec->key[i]) != 0)
			return 0;
	return 1;
}

static void
remember_keys(mi_rejects *r, const mi_record *rec)
{
	size_t i;

	for (i = 0; i < r->nkeys; i++)
		free((char *)r->keys[i]);
	free(r->keys);
	r->nkeys = rec->n;
	r->keys = mi_xcalloc(rec->n ? rec->n : 1, sizeof(*r->keys));
	for (i = 0; i < rec->n; i++)
		r->keys[i] = mi_xstrdup(rec->key[i]);
}

/* The line in GB18030; bytes that are not UTF-8 (a record rejected for
 * them) are written as '?'. */
static void
write_gb(mi_rejects *r)
{
	char *in = r->line.s, *out;
	size_t inleft = r->line.len, outleft, cap = 2 * r->line.len + 16;

	mi_buf_reset(&r->conv);
	mi_buf_add(&r->conv, "", 0);
	if (r->conv.cap < cap) {
		r->conv.s = mi_xrealloc(r->conv.s, cap);
		r->conv.cap = cap;
	}
	out = r->conv.s;
	outleft = cap;
	iconv(r->cd, NULL, NULL, NULL, NULL);
	while (inleft > 0 && iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		if (errno == E2BIG || outleft == 0)
			break;
		*out++ = '?';
		outleft--;
		in++;
		inleft--;
	}
	fwrite(r->conv.s, 1, (size_t)(out - r->conv.s), r->f);
}

void
mi_rejects_add(mi_rejects *r, const char *file, long line, const char *reason,
    const mi_record *rec)
{
	static const mi_record none = { 0, NULL, NULL, 0, NULL, NULL, 0, 0 };
	char num[24];
	size_t i;

	if (rec == NULL)
		rec = &none;
	mi_buf_reset(&r->line);
	if (!same_keys(r, rec)) {
		remember_keys(r, rec);
		mi_buf_puts(&r->line, "file,line,reason");
		for (i = 0; i < rec->n; i++) {
			mi_buf_putc(&r->line, ',');
			mi_csv_cell(&r->line, rec->key[i]);
		}
		mi_buf_puts(&r->line, "\r\n");
	}
	snprintf(num, sizeof(num), "%ld", line);
	mi_csv_cell(&r->line, file);
	mi_buf_putc(&r->line, ',');
	mi_buf_puts(&r->line, num);
	mi_buf_putc(&r->line, ',');
	mi_csv_cell(&r->line, reason);
	for (i = 0; i < rec->n; i++) {
		mi_buf_putc(&r->line, ',');
		mi_csv_cell(&r->line, rec->val[i]);
	}
	mi_buf_puts(&r->line, "\r\n");
	if (!r->started) {
		r->started = 1;
		if (r->bom || rec->book)
			fputs("\xEF\xBB\xBF", r->f);
		else if (rec->enc == MI_ENC_GB18030)
			r->cd = iconv_open("GB18030", "UTF-8");
	}
	if (r->cd == (iconv_t)-1)
		fwrite(r->line.s, 1, r->line.len, r->f);
	else
		write_gb(r);
}

int
mi_rejects_close(mi_rejects *r, mi_err *e)
{
	int rc = 0;
	size_t i;

	if (r == NULL)
		return 0;
	if (ferror(r->f) | fclose(r->f))
		rc = mi_err_set(e, MI_EX_IOERR, "cannot write '%s': %s", r->path, strerror(errno));
	for (i = 0; i < r->nkeys; i++)
		free((char *)r->keys[i]);
	free(r->keys);
	free(r->path);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	mi_buf_release(&r->line);
	mi_buf_release(&r->conv);
	free(r);
	return rc;
}
