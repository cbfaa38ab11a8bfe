/* stream.c - unit tests for lib/io/stream.c, the case stream. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io.h"
#include "tap.h"

/* The ids read from text (and operands), joined with spaces, or "ERR: msg". */
static const char *
ids(const char *text, int argc, char **argv)
{
	static char buf[4096];
	mi_idv v = MI_IDV_INIT;
	mi_err e = { 0, "" };
	FILE *f;
	size_t i, len = 0;
	int rc;

	f = fmemopen((void *)text, strlen(text), "r");
	if (f == NULL)
		return "fmemopen failed";
	rc = mi_ids_read(argc, argv, f, &v, &e);
	fclose(f);
	buf[0] = '\0';
	if (rc < 0) {
		snprintf(buf, sizeof(buf), "ERR %d: %s", e.code, e.msg);
	} else {
		for (i = 0; i < v.n && len < sizeof(buf) - 32; i++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%lld",
			    i ? " " : "", (long long)v.v[i]);
	}
	mi_idv_release(&v);
	return buf;
}

static const char *
lines(const char *text)
{
	return ids(text, 0, NULL);
}

/* A text, the ids read from it as lines() shows them, and the test's name. */
struct text_case {
	const char *text, *want, *name;
};

/* The same through mi_idstream, from a file holding text, read to its end. */
static const char *
streamed(const char *text)
{
	static char buf[4096];
	char path[] = "/tmp/minyi-stream.XXXXXX";
	mi_idv v = MI_IDV_INIT;
	mi_err e = { 0, "" };
	mi_idstream *s;
	size_t i, len = 0, n = strlen(text);
	int fd, rc;

	if ((fd = mkstemp(path)) < 0)
		return "mkstemp failed";
	unlink(path);
	if (write(fd, text, n) != (ssize_t)n || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return "write failed";
	}
	s = mi_idstream_new(fd);
	while ((rc = mi_idstream_read(s, -1, &v, &e)) == 1)
		;
	mi_idstream_free(s);
	close(fd);
	buf[0] = '\0';
	if (rc < 0)
		snprintf(buf, sizeof(buf), "ERR %d: %s", e.code, e.msg);
	for (i = 0; rc == 0 && i < v.n && len < sizeof(buf) - 32; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%lld", i ? " " : "",
		    (long long)v.v[i]);
	mi_idv_release(&v);
	return buf;
}

static void
read_each(const struct text_case *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		is_str(lines(t[i].text), t[i].want, "%s", t[i].name);
		is_str(streamed(t[i].text), t[i].want, "%s, as a stream", t[i].name);
	}
}

static void
test_lines(void)
{
	static const struct text_case t[] = {
		{ "1\n2\n3\n", "1 2 3", "one id a line" },
		{ "7", "7", "no final newline" },
		{ "12\topen\t2026-11-26\n13\tnew\n", "12 13", "tsv: first field" },
		{ "12,open,\"a, b\"\n13,new\n", "12 13", "csv: first field" },
		{ "12 open\n13  new\n", "12 13", "space separated" },
		{ "id\tstatus\n12\topen\n", "12", "header skipped" },
		{ "# comment\n\n   \n12\n", "12", "comments and blanks skipped" },
		{ "12\r\n13\r\n", "12 13", "CRLF" },
		{ "\xef\xbb\xbfid,status\r\n5,open\r\n", "5", "BOM and header" },
		{ "\xef\xbb\xbf" "5,open\n", "5", "BOM before an id" },
		{ "   12\topen\n", "12", "leading spaces (an aligned table)" },
		{ "\"12\",\"open\"\n", "12", "quoted csv cell" },
		{ "\"12,open\n", "", "unclosed quote is no id" },
		{ "0\n-3\n+4\n12abc\n1.5\n12\n", "12", "zero, negative, signed, junk skipped" },
		{ "9223372036854775807\n9223372036854775808\n", "9223372036854775807", "int64 max is an id, one more is not" },
		{ "99999999999999999999999\n", "", "far too big" },
		{ "007\n", "7", "leading zeros" },
		{ "3\n3\n1\n", "3 3 1", "order and duplicates kept" },
		{ "", "", "empty input" },
	};

	read_each(t, sizeof(t) / sizeof(t[0]));
}

static void
test_json(void)
{
	static const struct text_case t[] = {
		{ "{\"id\": 12, \"status\": \"open\"}\n", "12", "json line" },
		{ "{\"status\":\"open\",\"id\":13}\n", "13", "id not first" },
		{ "{\"id\": \"14\"}\n", "14", "id as a string" },
		{ "{\"id\": 0}\n{\"id\": -2}\n{\"id\": 1.5}\n{\"id\": null}\n", "", "bad json ids skipped" },
		{ "{\"id\": \"x\"}\n{\"ID\": 3}\n{\"case\": 4}\n", "", "no usable id key" },
		{ "{\"id\": 12, \"broken\n15\n", "15", "broken json skipped" },
		{ "[{\"id\":1},\n{\"id\":2},\n{\"id\":3}]\n", "1 2 3", "a json array one element a line" },
		{ "{\"id\": 9007199254740992}\n", "9007199254740992", "2^53" },
		{ "{\"id\": 1e300}\n", "", "a huge number is no id" },
		{ "{\"id\": \"9223372036854775807\"}\n", "9223372036854775807", "a big id as a string is exact" },
		{ "{\"a\": {\"id\": 5}}\n", "", "only a top-level id counts" },
	};

	read_each(t, sizeof(t) / sizeof(t[0]));
}

static void
test_operands(void)
{
	char *a1[] = { "12", "13" };
	char *a2[] = { "12", "-", "99" };
	char *a3[] = { "12", "abc" };
	char *a4[] = { "0" };
	char *a5[] = { "-5" };
	char *a6[] = { "" };
	char *a7[] = { "9223372036854775808" };
	char *a8[] = { " 12" };

	is_str(ids("5\n6\n", 2, a1), "12 13", "operands, input ignored");
	is_str(ids("5\n6\n", 3, a2), "12 5 6 99", "- reads the input in place");
	is_str(ids("", 2, a3), "ERR 64: 'abc' is not a case id", "a bad operand");
	is_str(ids("", 1, a4), "ERR 64: '0' is not a case id", "zero operand");
	is_str(ids("", 1, a5), "ERR 64: '-5' is not a case id", "negative operand");
	is_str(ids("", 1, a6), "ERR 64: '' is not a case id", "empty operand");
	is_str(ids("", 1, a7), "ERR 64: '9223372036854775808' is not a case id",
	    "operand past int64");
	is_str(ids("", 1, a8), "ERR 64: ' 12' is not a case id", "operands are exact");
}

static void
test_long_and_errors(void)
{
	mi_buf b = MI_BUF_INIT;
	mi_idv v = MI_IDV_INIT;
	mi_err e = { 0, "" };
	char *text;
	FILE *f;
	int i, sum, inorder;

	mi_buf_puts(&b, "41\t");
	for (i = 0; i < 200000; i++)
		mi_buf_putc(&b, 'x');
	mi_buf_puts(&b, "\n{\"text\": \"");
	for (i = 0; i < 100000; i++)
		mi_buf_puts(&b, "民意");
	mi_buf_puts(&b, "\", \"id\": 42}\n43\n");
	is_str(lines(mi_buf_str(&b)), "41 42 43", "very long lines");
	is_str(streamed(mi_buf_str(&b)), "41 42 43", "very long lines, as a stream");

	mi_buf_reset(&b);
	for (i = 1; i <= 10000; i++)
		mi_buf_printf(&b, "%d\tcase\n", i);
	text = mi_buf_detach(&b);
	f = fmemopen(text, strlen(text), "r");
	is_int(mi_ids_read(0, NULL, f, &v, &e), 0, "ten thousand lines");
	fclose(f);
	is_int(v.n, 10000, "all ids read");
	for (sum = 0, inorder = 1, i = 0; i < (int)v.n; i++) {
		sum += (int)v.v[i];
		inorder &= v.v[i] == i + 1;
	}
	ok(inorder && sum == 50005000, "in order");
	mi_idv_release(&v);
	ok(v.v == NULL && v.n == 0 && v.cap == 0, "release empties");
	mi_idv_release(&v);
	free(text);

	mi_idv_push(&v, 5);
	f = fmemopen(NULL, 16, "w");
	is_int(mi_ids_read(0, NULL, f, &v, &e), -1, "unreadable input");
	is_int(e.code, MI_EX_IOERR, "is an I/O error");
	ok(strncmp(e.msg, "cannot read case ids: ", 22) == 0, "message: %s", e.msg);
	fclose(f);
	is_int(v.n, 1, "ids already there are kept");
	is_int(v.v[0], 5, "and unchanged");
	mi_idv_release(&v);
}

static void
put(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		printf("# write failed\n");
}

/* A pipe: what came whole is handed out at once, a part line waits for its
 * end, the wait ends on time, the end of the input is told. */
static void
test_pipe(void)
{
	mi_idv v = MI_IDV_INIT;
	mi_err e = { 0, "" };
	mi_idstream *s;
	int64_t t;
	int p[2], fd;

	if (pipe(p) < 0) {
		skip(12, "no pipe");
		return;
	}
	s = mi_idstream_new(p[0]);
	put(p[1], "id\tstatus\n1\n2");
	is_int(mi_idstream_read(s, 1000, &v, &e), 1, "a pipe: more to come");
	is_int(v.n == 1 ? v.v[0] : -1, 1, "the whole line's id, the header skipped");
	t = mi_clock_ms();
	is_int(mi_idstream_read(s, 100, &v, &e), 1, "nothing whole yet: more to come");
	ok(v.n == 1 && mi_clock_ms() - t >= 90, "after the wait, and nothing handed out");
	put(p[1], "3\n4");
	is_int(mi_idstream_read(s, 1000, &v, &e), 1, "the rest of the line");
	is_int(v.n == 2 ? v.v[1] : -1, 23, "is one id with its first part");
	close(p[1]);
	is_int(mi_idstream_read(s, -1, &v, &e), 0, "the end of the input");
	is_int(v.n == 3 ? v.v[2] : -1, 4, "and its last line without a newline");
	is_int(mi_idstream_read(s, -1, &v, &e), 0, "the end again");
	mi_idstream_free(s);
	close(p[0]);
	mi_idv_release(&v);

	fd = open("/dev/null", O_WRONLY);
	s = mi_idstream_new(fd);
	is_int(mi_idstream_read(s, 1000, &v, &e), -1, "a descriptor that cannot be read");
	is_int(e.code, MI_EX_IOERR, "is an I/O error");
	ok(strncmp(e.msg, "cannot read case ids: ", 22) == 0, "message: %s", e.msg);
	mi_idstream_free(s);
	close(fd);
	mi_idv_release(&v);
}

int
main(void)
{
	test_lines();
	test_json();
	test_operands();
	test_long_and_errors();
	test_pipe();
	return done_testing();
}
