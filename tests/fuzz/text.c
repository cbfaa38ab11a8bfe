/*
 * text.c - fuzzes the text normalisers: mi_phone_norm, the masks,
 * mi_utf8_halfwidth, mi_name_core, mi_trim, the UTF-8 helpers and the
 * escaping of what a terminal would act on.
 */
#include "fuzz.h"

static void
phone(const char *s, size_t n)
{
	char *out = malloc(n), again[32];

	if (out == NULL)
		abort();
	/* out is exactly n bytes: writing past it is an ASan report. */
	if (mi_phone_norm(s, out, n) == 0) {
		FUZZ_CHECK(strlen(out) < n, "'%s' -> '%s' in %zu bytes", s, out, n);
		/* A normalised phone is a fixed point. */
		FUZZ_CHECK(mi_phone_norm(out, again, sizeof(again)) == 0 && strcmp(again, out) == 0,
		    "'%s' -> '%s' -> '%s'", s, out, again);
		FUZZ_CHECK(strspn(out, "0123456789-") == strlen(out), "'%s' -> '%s'", s, out);
	}
	free(out);
}

static void
masks(const char *s, int valid)
{
	mi_buf b = MI_BUF_INIT;

	mi_mask_phone(s, &b);
	if (valid)
		FUZZ_CHECK(mi_utf8_valid(b.s ? b.s : "", b.len), "phone mask of '%s'", s);
	mi_buf_reset(&b);
	mi_mask_name(s, &b);
	if (valid)
		FUZZ_CHECK(mi_utf8_valid(b.s ? b.s : "", b.len), "name mask of '%s'", s);
	mi_buf_release(&b);
}

/*
 * mi_esc_text leaves UTF-8 with no hostile code point but the tab and
 * newline a way keeps, and changes text that has none of them not at all.
 */
static void
escapes(const char *s)
{
	static const char *const kept[] = { "\t\n", "", "" };
	mi_buf b = MI_BUF_INIT;
	const char *p, *end;
	int how, plain;
	int32_t c;

	for (how = MI_ESC_TEXT; how <= MI_ESC_LINE; how++) {
		mi_buf_reset(&b);
		mi_esc_text(&b, s, how);
		plain = 1;
		for (p = s, end = s + strlen(s); p < end;)
			if ((c = mi_utf8_next(&p, end)) < 0 ||
			    (mi_utf8_hostile(c) && strchr(kept[how], (int)c) == NULL))
				plain = 0;
		for (p = mi_buf_str(&b), end = p + b.len; p < end;) {
			c = mi_utf8_next(&p, end);
			FUZZ_CHECK(c > 0 && (!mi_utf8_hostile(c) || strchr(kept[how], (int)c) != NULL),
			    "escaping %d of '%s' left 0x%x", how, s, (unsigned)c);
		}
		if (plain)
			FUZZ_CHECK(strcmp(mi_buf_str(&b), s) == 0, "escaping %d changed '%s'", how, s);
	}
	mi_buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *h, *c, *t;
	const char *p, *end;
	size_t n, steps = 0;
	int valid;

	if (size < 1)
		return 0;
	n = (size_t)(data[0] % 32) + 1;
	s = fuzz_str(data + 1, size - 1);
	valid = mi_utf8_valid(s, strlen(s));
	phone(s, n);
	phone(s, 24);
	masks(s, valid);
	escapes(s);

	h = mi_utf8_halfwidth(s);
	FUZZ_CHECK(strlen(h) <= strlen(s), "halfwidth grew '%s'", s);
	if (valid)
		FUZZ_CHECK(mi_utf8_valid(h, strlen(h)), "halfwidth of '%s' is not UTF-8", s);
	c = mi_name_core(s);
	FUZZ_CHECK(strlen(c) <= strlen(s), "core of '%s' is '%s'", s, c);
	if (valid)
		FUZZ_CHECK(mi_utf8_valid(c, strlen(c)), "core of '%s' is not UTF-8", s);
	t = strdup(s);
	if (t == NULL)
		abort();
	p = mi_trim(t);
	FUZZ_CHECK(p >= t && p <= t + strlen(s) && strstr(s, p) != NULL, "trim of '%s'", s);
	(void)mi_display_width(s);

	/* mi_utf8_next always moves on, and agrees with mi_utf8_valid. */
	end = s + strlen(s);
	for (p = s; p < end; steps++) {
		const char *q = p;

		if (mi_utf8_next(&p, end) < 0)
			FUZZ_CHECK(!valid, "invalid at %td of valid text", q - s);
		FUZZ_CHECK(p > q && p <= end, "did not move at %td", q - s);
	}
	FUZZ_CHECK(steps <= strlen(s), "%zu steps", steps);
	free(t);
	free(c);
	free(h);
	free(s);
	return 0;
}
