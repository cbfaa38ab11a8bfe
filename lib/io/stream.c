/* stream.c - the case stream: ids from operands or from lines of input. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io.h"

void
mi_idv_push(mi_idv *v, int64_t id)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->v = mi_xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = id;
}

void
mi_idv_release(mi_idv *v)
{
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

/* A positive decimal that fits int64, spanning exactly s[0..n); 0 otherwise. */
static int64_t
parse_id(const char *s, size_t n)
{
	int64_t id = 0;
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (id > (INT64_MAX - (s[i] - '0')) / 10)
			return 0;
		id = id * 10 + (s[i] - '0');
	}
	return id;
}

/*
 * The "id" (or "案件编号") of a JSON object line. Lines of a JSON array written one element
 * a line ("[{...},", "{...}]") pass too: cJSON stops after the object.
 */
static int64_t
json_id(const char *s, size_t n)
{
	const cJSON *v;
	cJSON *j;
	int64_t id = 0;
	double d;

	j = cJSON_ParseWithLength(s, n);
	v = cJSON_GetObjectItemCaseSensitive(j, "id");
	/* ... or its header under --headers zh. */
	if (v == NULL)
		v = cJSON_GetObjectItemCaseSensitive(j, "案件编号");
	if (cJSON_IsString(v)) {
		id = parse_id(v->valuestring, strlen(v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		d = v->valuedouble;
		/* A double holds every integer exactly only up to 2^53. */
		if (d >= 1 && d <= 9007199254740992.0 && d == (double)(int64_t)d)
			id = (int64_t)d;
	}
	cJSON_Delete(j);
	return id;
}

/* The id a line starts with, or 0 when it is a header, comment or blank. */
static int64_t
line_id(const char *s, size_t n)
{
	const char *end = s + n;
	size_t k;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '[')
		s++;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '{')
		return json_id(s, (size_t)(end - s));
	/* Spreadsheets quote every cell of a CSV export. */
	if (s < end && *s == '"') {
		s++;
		for (k = 0; s + k < end && s[k] != '"'; k++)
			;
		return s + k < end ? parse_id(s, k) : 0;
	}
	for (k = 0; s + k < end && s[k] != '\t' && s[k] != ',' && s[k] != ' ' &&
	    s[k] != '\r' && s[k] != '\n'; k++)
		;
	return parse_id(s, k);
}

/* Excel and WPS start a UTF-8 CSV with a byte-order mark. */
static void
skip_bom(const char **s, size_t *n)
{
	if (*n >= 3 && memcmp(*s, "\xef\xbb\xbf", 3) == 0) {
		*s += 3;
		*n -= 3;
	}
}

static int
read_lines(FILE *in, mi_idv *out, mi_err *e)
{
	char *line = NULL;
	const char *s;
	size_t cap = 0, n;
	ssize_t len;
	int64_t id;
	int first = 1;

	while ((len = getline(&line, &cap, in)) >= 0) {
		s = line;
		n = (size_t)len;
		if (first)
			skip_bom(&s, &n);
		first = 0;
		if ((id = line_id(s, n)) > 0)
			mi_idv_push(out, id);
	}
	free(line);
	if (ferror(in))
		return mi_err_set(e, MI_EX_IOERR, "cannot read case ids: %s", strerror(errno));
	return 0;
}

/* Appends to out, in the order given; duplicates are kept. */
int
mi_ids_read(int argc, char **argv, FILE *in, mi_idv *out, mi_err *e)
{
	int64_t id;
	int i;

	if (argc <= 0)
		return read_lines(in, out, e);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (read_lines(in, out, e) < 0)
				return -1;
			continue;
		}
		if ((id = parse_id(argv[i], strlen(argv[i]))) <= 0)
			return mi_err_set(e, MI_EX_USAGE, "'%s' is not a case id", argv[i]);
		mi_idv_push(out, id);
	}
	return 0;
}

struct mi_idstream {
	int fd;
	char *buf;
	size_t len, cap;
	int first;                 /* no line taken yet: it may start with a BOM */
	int eof;
};

mi_idstream *
mi_idstream_new(int fd)
{
	mi_idstream *s = mi_xcalloc(1, sizeof(*s));

	s->fd = fd;
	s->cap = 65536;
	s->buf = mi_xmalloc(s->cap);
	s->first = 1;
	return s;
}

void
mi_idstream_free(mi_idstream *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	free(s);
}

/* The ids of the whole lines held (and of the last part line at the end of
 * the input); what is left of a line waits for the rest of it. */
static void
take_lines(mi_idstream *s, mi_idv *out)
{
	const char *p = s->buf, *end = s->buf + s->len, *nl, *l;
	size_t n;
	int64_t id;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL && !s->eof)
			break;
		l = p;
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		p = nl ? nl + 1 : end;
		if (s->first)
			skip_bom(&l, &n);
		s->first = 0;
		if ((id = line_id(l, n)) > 0)
			mi_idv_push(out, id);
	}
	s->len = (size_t)(end - p);
	memmove(s->buf, p, s->len);
}

int
mi_idstream_read(mi_idstream *s, int ms, mi_idv *out, mi_err *e)
{
	struct pollfd pfd;
	int64_t until = ms < 0 ? 0 : mi_clock_ms() + ms, left;
	size_t had = out->n;
	ssize_t n;
	int rc;

	for (;;) {
		take_lines(s, out);
		if (s->eof)
			return 0;
		if (out->n > had)
			return 1;
		left = ms < 0 ? -1 : until - mi_clock_ms();
		if (ms >= 0 && left < 0)
			left = 0;
		pfd.fd = s->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return mi_err_set(e, MI_EX_IOERR, "cannot read case ids: %s", strerror(errno));
		if (rc == 0)
			return 1;
		/* A line longer than the buffer: the buffer grows to hold it. */
		if (s->len == s->cap) {
			s->cap *= 2;
			s->buf = mi_xrealloc(s->buf, s->cap);
		}
		n = read(s->fd, s->buf + s->len, s->cap - s->len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return mi_err_set(e, MI_EX_IOERR, "cannot read case ids: %s", strerror(errno));
		if (n == 0)
			s->eof = 1;
		s->len += (size_t)n;
	}
}
