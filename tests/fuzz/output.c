/*
 * output.c - fuzzes the writers: what -o json and ndjson print parses back
 * to the values given, and what -o csv prints parses back (libcsv) to them,
 * a formula's cell behind a quote; and no control character, escape, C1
 * control, bidi override or stray byte leaves tsv, table, json or ndjson.
 */
#include <csv.h>

#include "fuzz.h"

#define MAXCOL 6
#define MAXROW 8

struct table {
	size_t ncol, nrow;
	const char *v[MAXROW][MAXCOL];
};

/* Splits s in place: rows at 0x1E, cells at 0x1F; the first row sets the width. */
static void
split(char *s, struct table *t)
{
	char *row, *cell, *rs, *cs;
	size_t c;

	t->ncol = t->nrow = 0;
	for (row = strtok_r(s, "\x1e", &rs); row && t->nrow < MAXROW; row = strtok_r(NULL, "\x1e", &rs)) {
		c = 0;
		for (cell = strtok_r(row, "\x1f", &cs); cell && c < MAXCOL; cell = strtok_r(NULL, "\x1f", &cs))
			t->v[t->nrow][c++] = cell;
		if (t->nrow == 0)
			t->ncol = c;
		while (c < t->ncol)
			t->v[t->nrow][c++] = "";
		t->nrow++;
	}
}

static char *
write_out(const struct table *t, int fmt, int type, char **out, size_t *len)
{
	static const char *const names[MAXCOL] = { "a", "b", "c", "d", "e", "f" };
	mi_err e = { 0, "" };
	FILE *f = open_memstream(out, len);
	mi_out *o;
	size_t i;

	if (f == NULL)
		abort();
	o = mi_out_new(f, fmt, MI_OUTF_NOHEADER);
	for (i = 0; i < t->ncol; i++)
		mi_out_col(o, names[i], i % 2 ? type : MI_COL_STR);
	for (i = 0; i < t->nrow; i++)
		mi_out_row(o, t->v[i]);
	FUZZ_CHECK(mi_out_finish(o, &e) == 0, "finish: %s", e.msg);
	mi_out_free(o);
	fclose(f);
	return *out;
}

static void
json_back(const struct table *t, int valid)
{
	char *out = NULL, *line, *save;
	size_t len = 0, r = 0, c;
	cJSON *j, *row;

	write_out(t, MI_OUT_JSON, MI_COL_STR, &out, &len);
	j = cJSON_Parse(out);
	FUZZ_CHECK(cJSON_IsArray(j), "json does not parse: %s", out);
	FUZZ_CHECK((size_t)cJSON_GetArraySize(j) == t->nrow, "rows");
	for (r = 0; valid && r < t->nrow; r++) {
		row = cJSON_GetArrayItem(j, (int)r);
		for (c = 0; c < t->ncol; c++) {
			const cJSON *v = cJSON_GetArrayItem(row, (int)c);

			FUZZ_CHECK(cJSON_IsString(v) && strcmp(v->valuestring, t->v[r][c]) == 0,
			    "row %zu col %zu: '%s'", r, c, t->v[r][c]);
		}
	}
	cJSON_Delete(j);
	free(out);
	out = NULL;
	write_out(t, MI_OUT_NDJSON, MI_COL_STR, &out, &len);
	for (r = 0, line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), r++) {
		j = cJSON_Parse(line);
		FUZZ_CHECK(cJSON_IsObject(j), "ndjson line %zu does not parse: %s", r, line);
		cJSON_Delete(j);
	}
	FUZZ_CHECK(r == t->nrow || t->ncol == 0, "%zu ndjson lines for %zu rows", r, t->nrow);
	free(out);
}

struct back {
	const struct table *t;
	size_t r, c;
};

static void
on_field(void *s, size_t n, void *arg)
{
	struct back *b = arg;
	const char *want;
	size_t k;

	FUZZ_CHECK(b->r < b->t->nrow && b->c < b->t->ncol, "extra field at %zu,%zu", b->r, b->c);
	want = b->t->v[b->r][b->c];
	k = strlen(want);
	/* A cell a spreadsheet would run starts with a quote that makes it text. */
	if (want[0] != '\0' && strchr("=+-@\t\r", want[0]) != NULL) {
		FUZZ_CHECK(n == k + 1 && ((char *)s)[0] == '\'' && memcmp((char *)s + 1, want, k) == 0,
		    "formula cell %zu,%zu '%s' not neutralised", b->r, b->c, want);
	} else {
		FUZZ_CHECK(n == k && memcmp(s, want, k) == 0, "cell %zu,%zu '%s' came back as '%.*s'",
		    b->r, b->c, want, (int)n, (char *)s);
	}
	b->c++;
}

static void
on_row(int c, void *arg)
{
	struct back *b = arg;

	(void)c;
	FUZZ_CHECK(b->c == b->t->ncol, "row %zu has %zu cells", b->r, b->c);
	b->r++;
	b->c = 0;
}

static void
csv_back(const struct table *t)
{
	struct csv_parser p;
	struct back b = { t, 0, 0 };
	char *out = NULL;
	size_t len = 0;

	write_out(t, MI_OUT_CSV, MI_COL_STR, &out, &len);
	/* Strict and without trimming: what a spreadsheet reads is what was written. */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		abort();
	FUZZ_CHECK(csv_parse(&p, out, len, on_field, on_row, &b) == len, "csv does not parse: %s",
	    csv_strerror(csv_error(&p)));
	FUZZ_CHECK(csv_fini(&p, on_field, on_row, &b) == 0, "csv ends badly");
	csv_free(&p);
	free(out);
}

/*
 * What a writer printed holds only UTF-8, and of the code points a terminal
 * would act on only its own separators (allowed): every one from a value
 * was escaped.
 */
static void
tame(const char *out, size_t len, int fmt, const char *allowed)
{
	const char *p = out, *end = out + len, *q;
	int32_t c;

	while (p < end) {
		q = p;
		c = mi_utf8_next(&p, end);
		FUZZ_CHECK(c > 0 && (!mi_utf8_hostile(c) || strchr(allowed, (int)c) != NULL),
		    "format %d wrote %s 0x%02x at byte %zu", fmt, c < 0 ? "the stray byte" :
		    "the control", c < 0 ? (unsigned char)*q : (unsigned)c, (size_t)(q - out));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table t;
	char *s, *out = NULL;
	size_t len = 0, i, r, c;
	int valid, leading_space = 0;

	s = fuzz_str(data, size);
	valid = mi_utf8_valid(s, strlen(s));
	split(s, &t);
	if (t.ncol == 0) {
		free(s);
		return 0;
	}
	/* libcsv's blank-space handling makes leading and trailing blanks ambiguous to read back. */
	for (r = 0; r < t.nrow; r++)
		for (c = 0; c < t.ncol; c++)
			if (strchr(t.v[r][c], ' ') || strchr(t.v[r][c], '\t'))
				leading_space = 1;
	json_back(&t, valid);
	if (!leading_space)
		csv_back(&t);
	/* Every format again, with masked names and phones in every other column,
	 * and then with plain text there. csv alone keeps what it is given. */
	for (i = 0; i < 10; i++) {
		out = NULL;
		write_out(&t, (int)(i % 5), i >= 5 ? MI_COL_STR : i % 2 ? MI_COL_PHONE :
		    MI_COL_NAME | MI_COL_INT, &out, &len);
		if (i % 5 != MI_OUT_CSV)
			tame(out, len, (int)(i % 5), i % 5 == MI_OUT_TSV ? "\t\n" : "\n");
		free(out);
	}
	free(s);
	return 0;
}
