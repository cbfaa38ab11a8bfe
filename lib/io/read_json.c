/* input_json.c - JSON arrays split element by element, and NDJSON. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_ws((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Just past the string starting at p (a '"'). */
static const char *
skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return end;
}

/* The end of the value at p (already validated by cJSON): its ',' or closing bracket. */
static const char *
skip_value(const char *p, const char *end)
{
	int depth = 0;

	while (p < end) {
		if (*p == '"') {
			p = skip_string(p, end);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && depth-- == 0)
			break;
		else if (*p == ',' && depth == 0)
			break;
		p++;
	}
	return p;
}

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && is_ws((unsigned char)*p))
		p++;
	return p;
}

/*
 * The source text of the idx-th member's value in the object text: cJSON
 * keeps numbers as doubles, which would round an 18-digit 工单编号.
 */
static int
member_text(const char *p, const char *end, int idx, const char **s, size_t *n)
{
	const char *v;
	int i;

	p = skip_ws(p, end);
	for (i = 0; p < end && (*p == '{' || *p == ','); i++) {
		p = skip_ws(p + 1, end);
		p = skip_ws(skip_string(p, end), end);
		v = skip_ws(p + 1, end);                  /* past the ':' */
		p = skip_value(v, end);
		if (i == idx) {
			while (p > v && is_ws((unsigned char)p[-1]))
				p--;
			*s = v;
			*n = (size_t)(p - v);
			return 0;
		}
	}
	return -1;
}

/* Numbers print compactly: integers without ".0", others as short as round-trips. */
static void
add_number(mi_reader *r, double d, const char *text, size_t len, int idx)
{
	char buf[40];
	const char *s;
	size_t n;
	int prec;

	if (d == floor(d) && fabs(d) < 1e15) {
		snprintf(buf, sizeof(buf), "%.0f", d == 0 ? 0.0 : d);
	} else if (d == floor(d) && member_text(text, text + len, idx, &s, &n) == 0 &&
	    mi_in_integer(s, n) > 0 && n < sizeof(buf)) {
		memcpy(buf, s, n);
		buf[n] = '\0';
	} else {
		for (prec = 15; prec < 17; prec++) {
			snprintf(buf, sizeof(buf), "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		if (prec == 17)
			snprintf(buf, sizeof(buf), "%.17g", d);
	}
	mi_in_row_add(r, buf, strlen(buf));
}

static void
add_value(mi_reader *r, const cJSON *v, const char *text, size_t len, int idx)
{
	char *s;

	if (cJSON_IsString(v))
		mi_in_row_add(r, v->valuestring, strlen(v->valuestring));
	else if (cJSON_IsNumber(v))
		add_number(r, v->valuedouble, text, len, idx);
	else if (cJSON_IsTrue(v))
		mi_in_row_add(r, "true", 4);
	else if (cJSON_IsFalse(v))
		mi_in_row_add(r, "false", 5);
	else if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		s = cJSON_PrintUnformatted(v);
		if (s == NULL)
			abort();                        /* cJSON fails only out of memory */
		mi_in_row_add(r, s, strlen(s));
		free(s);
	} else
		mi_in_row_add(r, "", 0);
}

/* Deepest nesting in text, counted without parsing (strings skipped). */
static long
depth_of(const char *p, const char *end)
{
	long depth = 0, max = 0;
	int in_str = 0;

	for (; p < end; p++) {
		if (in_str) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				in_str = 0;
		} else if (*p == '"')
			in_str = 1;
		else if (*p == '{' || *p == '[') {
			if (++depth > max)
				max = depth;
		} else if (*p == '}' || *p == ']')
			depth--;
	}
	return max;
}

/* 1 when the text holds the escape \u0000: a NUL written out, refused like the byte. */
static int
escaped_nul(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (end - p >= 6 && (p[1] == 'u' || p[1] == 'U') && memcmp(p + 2, "0000", 4) == 0)
			return 1;
		p += 2;             /* the escaped character, a backslash among them */
		if (p >= end)
			break;
	}
	return 0;
}

/* Makes the record from one element or line of text; always returns 1. */
static int
record(mi_reader *r, const char *text, size_t len, long depth, const char *notobj)
{
	const char *parse_end;
	const cJSON *c;
	cJSON *j = NULL;
	size_t i;
	int what, n = 0;

	mi_in_row_reset(r);
	if (r->elem_over)
		r->bad = r->fmt == MI_FMT_JSON ? "element larger than 16 MiB" : "line longer than 16 MiB";
	else if ((what = mi_in_check(text, len)) != MI_IN_TEXT_OK)
		r->bad = mi_in_text_reason(r, what);
	else if (escaped_nul(text, len))
		r->bad = _("NUL byte (\\u0000)");
	else if (depth > MI_IN_MAX_DEPTH)
		r->bad = _("nested too deeply");
	else if ((j = cJSON_ParseWithLengthOpts(text, len, &parse_end, 0)) == NULL ||
	    !blank(parse_end, (size_t)(text + len - parse_end)))
		r->bad = _("invalid JSON");
	else if (!cJSON_IsObject(j))
		r->bad = notobj;
	else {
		for (c = j->child; c; c = c->next, n++) {
			mi_in_row_add(r, c->string, strlen(c->string));
			add_value(r, c, text, len, n);
			if ((size_t)n < sizeof(r->types) - 1)
				r->types[n] = cJSON_IsString(c) ? 's' : cJSON_IsNumber(c) ? 'n' :
				    cJSON_IsBool(c) ? 'b' : cJSON_IsObject(c) ? 'o' :
				    cJSON_IsArray(c) ? 'a' : 'z';
		}
	}
	r->types[(size_t)n < sizeof(r->types) - 1 ? (size_t)n : sizeof(r->types) - 1] = '\0';
	cJSON_Delete(j);
	mi_in_row_cap(r, (size_t)n);
	for (i = 0; i < (size_t)n; i++) {
		r->keys[i] = r->row.s + r->off[2 * i];
		r->vals[i] = r->row.s + r->off[2 * i + 1];
	}
	r->rec.n = (size_t)n;
	r->rec.key = r->keys;
	r->rec.val = r->vals;
	r->rec.line = r->elem_line;
	r->rec.bad = r->bad;
	/* Past the table's size the types are unknown: "s" is assumed. */
	r->rec.type = (size_t)n < sizeof(r->types) - 1 ? r->types : NULL;
	r->elem_over = 0;
	mi_buf_reset(&r->elem);
	return 1;
}

static void
keep(mi_reader *r, const char *s, size_t n)
{
	if (r->elem_over || r->elem.len + n > MI_IN_MAX_RECORD) {
		r->elem_over = 1;
		return;
	}
	mi_buf_add(&r->elem, s, n);
}

static int
broken(mi_reader *r, long line, const char *what)
{
	return mi_in_fail(r, MI_EX_DATAERR, "%s:%ld: broken JSON: %s", r->path, line, what);
}

/*
 * Scans the element from r->p, tracking strings and nesting: 1 with *stop
 * at the ',' or the closing ']' that ends it, 0 when the chunk ran out, -1
 * when a bracket does not match and the element's end cannot be known.
 */
static int
scan_elem(mi_reader *r, const char **stop, int *last)
{
	const char *p;
	unsigned char c;

	for (p = r->p; p < r->end; p++) {
		c = (unsigned char)*p;
		if (r->in_str) {
			if (r->esc)
				r->esc = 0;
			else if (c == '\\')
				r->esc = 1;
			else if (c == '"')
				r->in_str = 0;
			else if (c == '\n')
				r->line++;
			continue;
		}
		switch (c) {
		case '"':
			r->in_str = 1;
			break;
		case '{':
		case '[':
			if (r->depth < MI_IN_MAX_DEPTH)
				r->kinds[r->depth] = c;
			if (++r->depth > r->maxdepth)
				r->maxdepth = r->depth;
			break;
		case '}':
		case ']':
			if (r->depth == 0 && c == ']') {
				*stop = p;
				*last = 1;
				return 1;
			}
			/* Past MI_IN_MAX_DEPTH only the count is kept; the record is bad anyway. */
			if (r->depth == 0 || (r->depth <= MI_IN_MAX_DEPTH &&
			    r->kinds[r->depth - 1] != (c == '}' ? '{' : '[')))
				return broken(r, r->line, c == '}' ? "unexpected '}'" : "unexpected ']'");
			r->depth--;
			break;
		case ',':
			if (r->depth == 0) {
				*stop = p;
				*last = 0;
				return 1;
			}
			break;
		case '\n':
			r->line++;
			break;
		}
	}
	return 0;
}

static void
start_elem(mi_reader *r)
{
	r->jstate = MI_J_ELEM;
	r->elem_line = r->line;
	r->in_str = r->esc = 0;
	r->depth = r->maxdepth = 0;
	r->elem_over = 0;
	mi_buf_reset(&r->elem);
}

/* Between elements: white space, the '[', ',' and ']'. 1 when an element starts. */
static int
between(mi_reader *r)
{
	char c = *r->p;

	if (is_ws((unsigned char)c)) {
		if (*r->p++ == '\n')
			r->line++;
		return 0;
	}
	if (r->jstate == MI_J_START) {
		if (c != '[')
			return mi_in_fail(r, MI_EX_DATAERR, "%s:%ld: not a JSON array", r->path, r->line);
		r->jstate = MI_J_FIRST;
	} else if (r->jstate == MI_J_END) {
		return broken(r, r->line, "data after the closing ']'");
	} else if (c == ']') {
		/* A trailing comma ([{...},]) loses nothing: accepted. */
		r->jstate = MI_J_END;
	} else if (c == ',') {
		return broken(r, r->line, "unexpected ','");
	} else {
		start_elem(r);
		return 1;
	}
	r->p++;
	return 0;
}

static int
at_eof(mi_reader *r)
{
	if (r->jstate == MI_J_ELEM)
		return broken(r, r->elem_line, "element not closed at end of input");
	if (r->jstate == MI_J_FIRST || r->jstate == MI_J_NEXT)
		return broken(r, r->line, "']' missing at end of input");
	return 0;
}

int
mi_in_json_next(mi_reader *r)
{
	const char *s, *stop = NULL;
	int rc, last = 0;

	for (;;) {
		if (r->p == r->end) {
			if ((rc = mi_in_fill(r)) < 0)
				return -1;
			if (rc == 0)
				return at_eof(r);
		}
		if (r->jstate != MI_J_ELEM && (rc = between(r)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		s = r->p;
		if ((rc = scan_elem(r, &stop, &last)) < 0)
			return -1;
		if (rc == 0) {
			keep(r, s, (size_t)(r->end - s));
			r->p = r->end;
			continue;
		}
		r->p = stop + 1;
		r->jstate = last ? MI_J_END : MI_J_NEXT;
		/* An element the chunk holds whole is parsed where it lies. */
		if (r->elem.len == 0 && !r->elem_over)
			return record(r, s, (size_t)(stop - s), r->maxdepth, "element is not an object");
		keep(r, s, (size_t)(stop - s));
		return record(r, r->elem.s, r->elem.len, r->maxdepth, "element is not an object");
	}
}

int
mi_in_ndjson_next(mi_reader *r)
{
	const char *lf, *text;
	size_t len;
	int rc;

	for (;;) {
		if (r->p == r->end) {
			if ((rc = mi_in_fill(r)) < 0)
				return -1;
			if (rc == 0 && r->elem.len == 0 && !r->elem_over)
				return 0;
			if (rc == 0) {
				/* The last line had no line end. */
				r->elem_line = r->line;
				text = mi_buf_str(&r->elem);
				len = r->elem.len;
				if (!r->elem_over && blank(text, len)) {
					mi_buf_reset(&r->elem);
					return 0;
				}
				return record(r, text, len, depth_of(text, text + len), "line is not an object");
			}
		}
		if ((lf = memchr(r->p, '\n', (size_t)(r->end - r->p))) == NULL) {
			keep(r, r->p, (size_t)(r->end - r->p));
			r->p = r->end;
			continue;
		}
		if (r->elem.len == 0 && !r->elem_over) {
			text = r->p;
			len = (size_t)(lf - r->p);
		} else {
			keep(r, r->p, (size_t)(lf - r->p));
			text = mi_buf_str(&r->elem);
			len = r->elem.len;
		}
		r->p = lf + 1;
		r->elem_line = r->line++;
		if (!r->elem_over && blank(text, len)) {
			mi_buf_reset(&r->elem);
			continue;
		}
		return record(r, text, len, depth_of(text, text + len), "line is not an object");
	}
}
