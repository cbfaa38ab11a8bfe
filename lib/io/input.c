/*
 * input.c - the reader as the library sees it: opening a file, choosing the
 * format, and handing out records from the CSV or JSON reader, which sit
 * below it on source.c.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "io/reader.h"

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int
sniff_format(const mi_reader *r, const char *path)
{
	const char *p;

	if (ends_with(path, ".csv"))
		return MI_FMT_CSV;
	if (ends_with(path, ".json"))
		return MI_FMT_JSON;
	if (ends_with(path, ".ndjson") || ends_with(path, ".jsonl"))
		return MI_FMT_NDJSON;
	for (p = r->p; p < r->end; p++) {
		if (*p == '[')
			return MI_FMT_JSON;
		if (*p == '{')
			return MI_FMT_NDJSON;
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			break;
	}
	return MI_FMT_CSV;
}

int
mi_reader_open(mi_reader **out, const char *path, int format, int enc, mi_err *e)
{
	mi_reader *r = mi_xcalloc(1, sizeof(*r));

	*out = NULL;
	r->fd = -1;
	r->cd = (iconv_t)-1;
	r->enc = r->enc_asked = enc;
	r->line = 1;
	r->path = mi_xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	r->raw = mi_xmalloc(MI_IN_CHUNK);
	r->fmt = format;
	if (mi_in_open(r, path) < 0 || (r->fmt >= MI_FMT_XLSX && mi_in_book_open(r) < 0)) {
		if (e)
			*e = r->err;
		mi_reader_close(r);
		return -1;
	}
	if (r->fmt == MI_FMT_AUTO)
		r->fmt = sniff_format(r, path);
	*out = r;
	return 0;
}

int
mi_reader_next(mi_reader *r, const mi_record **rec, mi_err *e)
{
	int rc;

	if (r->done)
		rc = r->done > 0 ? 0 : -1;
	else if (r->want_sheet && !r->book)
		/* A sheet asked of a file that has none: said, not ignored. */
		rc = mi_in_fail(r, MI_EX_USAGE, "%s: --sheet picks a workbook's sheet, and this is %s file",
		    r->path, r->fmt == MI_FMT_JSON ? "a JSON" : r->fmt == MI_FMT_NDJSON ? "an NDJSON" : "a CSV");
	else if (r->book)
		rc = mi_in_book_next(r);
	else if (r->fmt == MI_FMT_JSON)
		rc = mi_in_json_next(r);
	else if (r->fmt == MI_FMT_NDJSON)
		rc = mi_in_ndjson_next(r);
	else
		rc = mi_in_csv_next(r);
	if (rc == 0)
		r->done = 1;
	else if (rc < 0) {
		r->done = -1;
		if (e)
			*e = r->err;
	} else {
		r->rec.enc = r->enc;
		r->rec.book = r->book != NULL;
		*rec = &r->rec;
	}
	return rc;
}

const char *
mi_record_get(const mi_record *rec, const char *key)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strcmp(rec->key[i], key) == 0)
			return rec->val[i];
	return NULL;
}

const char *
mi_record_get_any(const mi_record *rec, const char *const *names)
{
	const char *const *k;
	const char *v;
	size_t i;

	for (k = names; *k; k++)
		if ((v = mi_record_get(rec, *k)) != NULL)
			return v;
	for (k = names; *k; k++)
		for (i = 0; i < rec->n; i++)
			if (rec->key[i][0] && mi_colname_like(rec->key[i], *k))
				return rec->val[i];
	return NULL;
}

mi_record *
mi_record_dup(const mi_record *rec)
{
	mi_record *r = mi_xcalloc(1, sizeof(*r));
	size_t i;

	r->n = rec->n;
	r->line = rec->line;
	r->key = mi_xcalloc(rec->n ? rec->n : 1, sizeof(char *));
	r->val = mi_xcalloc(rec->n ? rec->n : 1, sizeof(char *));
	for (i = 0; i < rec->n; i++) {
		r->key[i] = mi_xstrdup(rec->key[i]);
		r->val[i] = mi_xstrdup(rec->val[i]);
	}
	return r;
}

void
mi_record_free(mi_record *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free((char *)r->key[i]);
		free((char *)r->val[i]);
	}
	free(r->key);
	free(r->val);
	free(r);
}

void
mi_reader_sheet(mi_reader *r, const char *sheet)
{
	free(r->want_sheet);
	r->want_sheet = sheet ? mi_xstrdup(sheet) : NULL;
}

void
mi_reader_find_header(mi_reader *r, mi_header_fn fn, void *arg)
{
	r->hdr_fn = fn;
	r->hdr_arg = arg;
}

void
mi_reader_names_may_repeat(mi_reader *r)
{
	r->names_repeat = 1;
}

long
mi_reader_header_row(const mi_reader *r)
{
	return r->have_hdr ? r->hdr_row : 0;
}

int
mi_reader_more_sheets(mi_reader *r, const char ***names, size_t *n, mi_err *e)
{
	if (mi_in_book_more(r, names, n) < 0) {
		free(*names);
		*names = NULL;
		*n = 0;
		r->done = -1;
		if (e)
			*e = r->err;
		return -1;
	}
	r->done = 1;
	return 0;
}

int
mi_reader_each_more(mi_reader *r, const char *path, int format, int enc,
    int (*fn)(void *arg, mi_reader *rs, const char *where, mi_err *e), void *arg, mi_err *e)
{
	const char **names = NULL;
	mi_buf where = MI_BUF_INIT;
	mi_reader *rs;
	size_t n = 0, i;
	int rc = 0;

	if (mi_reader_more_sheets(r, &names, &n, e) < 0)
		return -1;
	for (i = 0; rc >= 0 && i < n; i++) {
		mi_buf_reset(&where);
		if (strcmp(path, "-") == 0) {
			mi_buf_printf(&where, _("sheet '%.200s' has demands too and is not read from "
			    "standard input: give the file's path, or --sheet"), names[i]);
			rc = fn(arg, NULL, mi_buf_str(&where), e);
			continue;
		}
		if (mi_reader_open(&rs, path, format, enc, e) < 0) {
			rc = -1;
			break;
		}
		mi_reader_sheet(rs, names[i]);
		mi_buf_printf(&where, "%s[%s]", r->path, names[i]);
		rc = fn(arg, rs, mi_buf_str(&where), e);
		mi_reader_close(rs);
	}
	free(names);
	mi_buf_release(&where);
	return rc;
}

int
mi_reader_header_rows(const mi_reader *r)
{
	return r->have_hdr ? r->hdr_rows : 0;
}

const char *const *
mi_reader_columns(const mi_reader *r, size_t *n)
{
	*n = r->have_hdr ? r->nhdr : 0;
	return r->have_hdr ? r->hdr : NULL;
}

long
mi_reader_blank_rows(const mi_reader *r)
{
	return r->blank_rows;
}

const char *
mi_reader_path(const mi_reader *r)
{
	return r->path;
}

int
mi_reader_format(const mi_reader *r)
{
	return r->fmt;
}

int
mi_reader_tabular(const mi_reader *r)
{
	return r->fmt != MI_FMT_JSON && r->fmt != MI_FMT_NDJSON;
}

int
mi_reader_encoding(const mi_reader *r)
{
	return r->enc;
}

void
mi_reader_close(mi_reader *r)
{
	if (r == NULL)
		return;
	if (r->own_fd)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	mi_in_csv_release(r);
	mi_in_table_release(r);
	mi_in_book_release(r);
	free(r->path);
	free(r->raw);
	free(r->dec);
	free(r->off);
	free(r->keys);
	free(r->vals);
	mi_buf_release(&r->row);
	mi_buf_release(&r->elem);
	free(r);
}

int
mi_format_parse(const char *s, int *fmt)
{
	static const struct { const char *name; int fmt; } names[] = {
		{ "auto", MI_FMT_AUTO }, { "csv", MI_FMT_CSV }, { "json", MI_FMT_JSON },
		{ "ndjson", MI_FMT_NDJSON }, { "jsonl", MI_FMT_NDJSON }, { "xlsx", MI_FMT_XLSX },
		{ "xls", MI_FMT_XLS }, { "xml", MI_FMT_XML }, { "spreadsheetml", MI_FMT_XML },
		{ "html", MI_FMT_HTML },
	};
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(names); i++) {
		if (strcasecmp(s, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

int
mi_enc_parse(const char *s, int *enc)
{
	/* GBK and GB2312 are subsets of GB18030: one decoder reads all three. */
	static const struct { const char *name; int enc; } names[] = {
		{ "auto", MI_ENC_AUTO }, { "utf-8", MI_ENC_UTF8 }, { "utf8", MI_ENC_UTF8 },
		{ "gb18030", MI_ENC_GB18030 }, { "gbk", MI_ENC_GB18030 },
		{ "gb2312", MI_ENC_GB18030 },
	};
	size_t i;

	for (i = 0; i < MI_ARRAY_LEN(names); i++) {
		if (strcasecmp(s, names[i].name) == 0) {
			*enc = names[i].enc;
			return 0;
		}
	}
	return -1;
}
