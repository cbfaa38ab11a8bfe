/* Unit tests for lib/io/xls_records.c: the merged cells and formula values
 * of an .xls, read from compound files built here byte by byte: the
 * workbook stream in the file's sectors and in its mini stream, sheet names
 * in UTF-16 and in one byte, a chart's part inside a sheet, formulas of
 * every kind of value (a long string continued over two records, cut in a
 * surrogate pair), and files cut, looped or pointing past their end, which
 * must give -1 and read nothing out of bounds (the sanitizer build runs
 * this too). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "io/xls_records.h"
#include "tap.h"

/* the sector size of the files built: 512 (version 3) or 4096 (version 4) */
static size_t SS = 512;
#define END    0xFFFFFFFEu
#define FREE   0xFFFFFFFFu
#define FATSEC 0xFFFFFFFDu

static char path[64];

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

static void
rec(mi_buf *b, unsigned id, const void *data, size_t n)
{
	unsigned char h[4];

	put16(h, id);
	put16(h + 2, (unsigned)n);
	mi_buf_add(b, (const char *)h, 4);
	if (n > 0)
		mi_buf_add(b, data, n);
}

static void
bof(mi_buf *b, unsigned kind)
{
	unsigned char d[16] = { 0 };

	put16(d, 0x0600);
	put16(d + 2, kind);
	rec(b, 0x0809, d, sizeof(d));
}

/* A BOUNDSHEET whose position is patched later: returns where it is. */
static size_t
boundsheet(mi_buf *b, const char *name, int wide)
{
	unsigned char d[64] = { 0 };
	size_t at = b->len, n = 6, len = strlen(name);
	const char *p = name, *end = name + len;
	int32_t c;

	d[n++] = 0;                /* the character count, set below */
	d[n++] = (unsigned char)wide;
	while (p < end) {
		c = mi_utf8_next(&p, end);
		if (wide) {
			put16(d + n, (unsigned)c);
			n += 2;
		} else
			d[n++] = (unsigned char)c;
		d[6]++;
	}
	rec(b, 0x0085, d, n);
	return at;
}

static void
merged(mi_buf *b, const unsigned (*r)[4], size_t k)
{
	unsigned char d[2 + 8 * 8];
	size_t i, j;

	put16(d, (unsigned)k);
	for (i = 0; i < k; i++)
		for (j = 0; j < 4; j++)
			put16(d + 2 + 8 * i + 2 * j, r[i][j]);
	rec(b, 0x00E5, d, 2 + 8 * k);
}

/* A FORMULA record at (row, col) whose value is the 8 bytes v. */
static void
formula(mi_buf *b, unsigned row, unsigned col, const unsigned char *v)
{
	unsigned char d[6 + 8 + 2 + 4 + 2 + 3] = { 0 };

	put16(d, row);
	put16(d + 2, col);
	memcpy(d + 6, v, 8);
	put16(d + 20, 3);          /* the parsed formula: 3 bytes, never read */
	rec(b, 0x0006, d, sizeof(d));
}

static void
formula_num(mi_buf *b, unsigned row, unsigned col, double x)
{
	unsigned char v[8];
	uint64_t bits;
	int i;

	memcpy(&bits, &x, sizeof(bits));
	for (i = 0; i < 8; i++)
		v[i] = (unsigned char)(bits >> (8 * i));
	formula(b, row, col, v);
}

/* A formula whose value is not a number: kind 0 string, 1 bool, 2 error, 3 "". */
static void
formula_other(mi_buf *b, unsigned row, unsigned col, unsigned kind, unsigned x)
{
	unsigned char v[8] = { 0 };

	v[0] = (unsigned char)kind;
	v[2] = (unsigned char)x;
	v[6] = v[7] = 0xFF;
	formula(b, row, col, v);
}

/* The STRING record of UTF-16 units u[0, n), its first k units in it and
 * the rest in a CONTINUE record (with a flag byte of its own). */
static void
string_rec(mi_buf *b, const unsigned *u, size_t n, size_t k)
{
	unsigned char d[256];
	size_t i, m = 0;

	put16(d, (unsigned)n);
	d[2] = 1;
	for (i = 0; i < k; i++)
		put16(d + 3 + 2 * i, u[i]);
	rec(b, 0x0207, d, 3 + 2 * k);
	if (k == n)
		return;
	d[m++] = 1;
	for (i = k; i < n; i++, m += 2)
		put16(d + m, u[i]);
	rec(b, 0x003C, d, m);
}

static const unsigned ledger[2][4] = { { 2, 4, 1, 1 }, { 5, 7, 1, 2 } };
static const unsigned chart[1][4] = { { 9, 9, 9, 9 } };
static const unsigned other[1][4] = { { 0, 1, 0, 0 } };

/* Sheet2's formulas: a number, a string (楼道灯坏了) in one record, a long
 * one continued in another and cut in the middle of 𠮷's pair, TRUE, #N/A,
 * an empty string, and a string formula whose STRING record follows a
 * shared formula's record. */
static void
formulas(mi_buf *w)
{
	static const unsigned lamp[] = { 0x697C, 0x9053, 0x706F, 0x574F, 0x4E86 };
	static const unsigned far[] = { 'a', 'b', 0xD842, 0xDFB7, 'c' };
	unsigned char shr[8] = { 0 };

	formula_num(w, 3, 0, 13912345678.0);
	formula_other(w, 3, 1, 0, 0);
	string_rec(w, lamp, 5, 5);
	formula_other(w, 3, 2, 0, 0);
	string_rec(w, far, 5, 3);
	formula_other(w, 4, 0, 1, 1);
	formula_other(w, 4, 1, 2, 0x2A);
	formula_other(w, 4, 2, 3, 0);
	formula_other(w, 2, 5, 0, 0);
	rec(w, 0x04BC, shr, sizeof(shr));
	string_rec(w, lamp, 2, 2);
	formula_num(w, 2, 4, 46331.5);
}

/* The workbook stream: two sheets (台账 with a chart inside, Sheet2), and
 * pad bytes of an unknown record in the globals when pad > 0. */
static void
workbook(mi_buf *w, size_t pad)
{
	size_t s1, s2;
	char *junk;

	bof(w, 5);
	s1 = boundsheet(w, "台账", 1);
	s2 = boundsheet(w, "Sheet2", 0);
	if (pad > 0) {
		junk = calloc(1, pad);
		rec(w, 0x1234, junk, pad);
		free(junk);
	}
	rec(w, 0x000A, NULL, 0);
	put32((unsigned char *)w->s + s1 + 4, (uint32_t)w->len);
	bof(w, 0x10);
	bof(w, 0x20);              /* a chart's part: its records are not the sheet's */
	merged(w, chart, 1);
	rec(w, 0x000A, NULL, 0);
	merged(w, ledger, 2);
	rec(w, 0x000A, NULL, 0);
	put32((unsigned char *)w->s + s2 + 4, (uint32_t)w->len);
	bof(w, 0x10);
	merged(w, other, 1);
	formulas(w);
	rec(w, 0x000A, NULL, 0);
}

/*
 * A version 3 compound file holding w as "Workbook": sector 0 the FAT,
 * sector 1 the directory, then the stream's sectors; or, when mini, the
 * stream in the mini stream (its sectors from 2) and the mini FAT after.
 */
static void
compound(mi_buf *f, const mi_buf *w, int mini, const char *stream_name)
{
	static const unsigned char sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	size_t nsec = (w->len + SS - 1) / SS, nmini = (w->len + 63) / 64, i, total, fs;
	unsigned char *p, *e;
	uint32_t minifat_sec = (uint32_t)(2 + nsec);

	total = 2 + nsec + (mini ? 1 : 0);
	f->len = 0;
	for (i = 0; i < (total + 1) * SS; i++)
		mi_buf_putc(f, 0);
	p = (unsigned char *)f->s;
	memcpy(p, sig, 8);
	put16(p + 0x18, 0x3E);
	put16(p + 0x1A, SS == 512 ? 3 : 4);
	put16(p + 0x1C, 0xFFFE);
	put16(p + 0x1E, SS == 512 ? 9 : 12);
	put16(p + 0x20, 6);
	put32(p + 0x2C, 1);
	put32(p + 0x30, 1);
	put32(p + 0x38, 4096);
	put32(p + 0x3C, mini ? minifat_sec : END);
	put32(p + 0x40, mini ? 1 : 0);
	put32(p + 0x44, END);
	put32(p + 0x4C, 0);
	for (i = 1; i < 109; i++)
		put32(p + 0x4C + 4 * i, FREE);
	/* the FAT */
	fs = SS;
	for (i = 0; i < SS / 4; i++)
		put32(p + fs + 4 * i, FREE);
	put32(p + fs, FATSEC);
	put32(p + fs + 4, END);
	for (i = 0; i < nsec; i++)
		put32(p + fs + 4 * (2 + i), i + 1 < nsec ? (uint32_t)(3 + i) : END);
	if (mini)
		put32(p + fs + 4 * minifat_sec, END);
	/* the directory: the root, the stream */
	e = p + 2 * SS;
	for (i = 0; i < 10; i++)
		put16(e + 2 * i, (unsigned)"Root Entry"[i]);
	put16(e + 0x40, 22);
	e[0x42] = 5;
	put32(e + 0x74, mini ? 2 : END);
	put32(e + 0x78, mini ? (uint32_t)(nmini * 64) : 0);
	e += 128;
	for (i = 0; stream_name[i]; i++)
		put16(e + 2 * i, (unsigned)stream_name[i]);
	put16(e + 0x40, (unsigned)(2 * (i + 1)));
	e[0x42] = 2;
	put32(e + 0x74, mini ? 0 : 2);
	put32(e + 0x78, (uint32_t)w->len);
	/* the stream's bytes, in sectors or mini sectors one after another */
	memcpy(p + 3 * SS, w->s, w->len);
	if (mini) {
		for (i = 0; i < SS / 4; i++)
			put32(p + (minifat_sec + 1) * SS + 4 * i, FREE);
		for (i = 0; i < nmini; i++)
			put32(p + (minifat_sec + 1) * SS + 4 * i, i + 1 < nmini ? (uint32_t)(i + 1) : END);
	}
}

static int
open_bytes(const mi_buf *f, size_t n, mi_xls_book *m)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(f->s, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
	return mi_xls_book_open(m, path);
}

static void
check_sheets(const mi_buf *f, const char *what)
{
	mi_xls_book m;
	mi_xls_sheet sh;
	const mi_xls_range *r;

	is_int(open_bytes(f, f->len, &m), 1, "%s: the workbook stream is found", what);
	is_int(m.nsheets, 2, "%s: two sheets", what);
	if (m.nsheets != 2) {
		mi_xls_book_free(&m);
		return;
	}
	is_str(m.name[0], "台账", "%s: a UTF-16 name", what);
	is_str(m.name[1], "Sheet2", "%s: a one-byte name", what);
	is_int(mi_xls_sheet_read(&m, "台账", &sh), 0, "%s: 台账's records read", what);
	is_int(sh.nmg, 2, "%s: 台账 has two merges, not the chart's", what);
	if (sh.nmg == 2) {
		r = sh.mg;
		ok(r[0].r1 == 2 && r[0].r2 == 4 && r[0].c1 == 1 && r[0].c2 == 1, "%s: B3:B5", what);
		ok(r[1].r1 == 5 && r[1].r2 == 7 && r[1].c1 == 1 && r[1].c2 == 2, "%s: B6:C8", what);
	}
	is_int(sh.nfv, 0, "%s: 台账 has no formulas", what);
	mi_xls_sheet_free(&sh);
	is_int(mi_xls_sheet_read(&m, "Sheet2", &sh), 0, "%s: Sheet2's records read", what);
	ok(sh.nmg == 1 && sh.mg[0].r1 == 0 && sh.mg[0].r2 == 1 && sh.mg[0].c1 == 0,
	    "%s: Sheet2 has A1:A2", what);
	is_int(sh.nfv, 8, "%s: Sheet2's eight formulas", what);
	if (sh.nfv == 8) {
		/* by row, then column */
		is_str(sh.fv[0].text, "46331.5", "%s: E3, a number with a fraction", what);
		is_str(sh.fv[1].text, "楼道", "%s: F3, a string after a shared formula's record", what);
		is_str(sh.fv[2].text, "13912345678", "%s: A4, a number as its digits", what);
		is_str(sh.fv[3].text, "楼道灯坏了", "%s: B4, a string", what);
		is_str(sh.fv[4].text, "ab\xf0\xa0\xae\xb7" "c", "%s: C4, continued in the pair", what);
		is_str(sh.fv[5].text, "TRUE", "%s: A5, a boolean", what);
		is_str(sh.fv[6].text, "#N/A", "%s: B5, an error", what);
		is_str(sh.fv[7].text, "", "%s: C5, an empty string", what);
		ok(sh.fv[1].r == 2 && sh.fv[1].c == 5 && sh.fv[4].r == 3 && sh.fv[4].c == 2,
		    "%s: their cells", what);
	}
	mi_xls_sheet_free(&sh);
	is_int(mi_xls_sheet_read(&m, "无此表", &sh), -1, "%s: no sheet of that name", what);
	ok(sh.mg == NULL && sh.nmg == 0 && sh.fv == NULL, "%s: and nothing handed out", what);
	mi_xls_book_free(&m);
}

/* A copy of f with v written at at (none when at is NONE), cut to cut bytes
 * (0: whole), must give -1 (or, for the sheet, -1 from the sheet). */
#define NONE ((size_t)-1)
static void
damaged(const mi_buf *f, size_t at, uint32_t v, size_t cut, const char *what)
{
	mi_buf g = MI_BUF_INIT;
	mi_xls_book m;
	mi_xls_sheet sh;
	int rc;

	mi_buf_add(&g, f->s, f->len);
	if (at != NONE)
		put32((unsigned char *)g.s + at, v);
	rc = open_bytes(&g, cut ? cut : g.len, &m);
	memset(&sh, 0, sizeof(sh));
	if (rc == 1)
		rc = mi_xls_sheet_read(&m, "台账", &sh);
	is_int(rc, -1, "%s: refused", what);
	mi_xls_sheet_free(&sh);
	mi_xls_book_free(&m);
	mi_buf_release(&g);
}

/* A copy of f with v written at at must still read as f does. */
static void
damaged_ok(const mi_buf *f, size_t at, uint32_t v, const char *what)
{
	mi_buf g = MI_BUF_INIT;

	mi_buf_add(&g, f->s, f->len);
	put32((unsigned char *)g.s + at, v);
	check_sheets(&g, what);
	mi_buf_release(&g);
}

/* Records at their edges: a BOUNDSHEET of six bytes (no name), and a
 * MERGEDCELLS record that counts three ranges but holds two and seven
 * bytes of a third. */
static void
odd_records(void)
{
	mi_buf w = MI_BUF_INIT, f = MI_BUF_INIT;
	unsigned char d[2 + 8 * 2 + 7] = { 0 }, pad[4200] = { 0 };
	mi_xls_book m;
	mi_xls_sheet sh;
	size_t at, i, j;

	bof(&w, 5);
	at = w.len;
	rec(&w, 0x0085, d, 6);
	rec(&w, 0x1234, pad, sizeof(pad));     /* past the mini stream's cutoff */
	rec(&w, 0x000A, NULL, 0);
	put32((unsigned char *)w.s + at + 4, (uint32_t)w.len);
	bof(&w, 0x10);
	put16(d, 3);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 4; j++)
			put16(d + 2 + 8 * i + 2 * j, ledger[i][j]);
	memset(d + 18, 0x7F, 7);
	rec(&w, 0x00E5, d, sizeof(d));
	rec(&w, 0x000A, NULL, 0);
	compound(&f, &w, 0, "Workbook");
	is_int(open_bytes(&f, f.len, &m), 1, "odd records: read");
	ok(m.nsheets == 1 && strcmp(m.name[0], "") == 0, "a BOUNDSHEET of six bytes is a sheet with no name");
	if (m.nsheets == 1) {
		is_int(mi_xls_sheet_read(&m, "", &sh), 0, "its records read");
		is_int(sh.nmg, 2, "a third range cut short is not read");
		mi_xls_sheet_free(&sh);
	}
	mi_xls_book_free(&m);
	mi_buf_release(&w);
	mi_buf_release(&f);
}

int
main(void)
{
	mi_buf w = MI_BUF_INIT, f = MI_BUF_INIT;
	mi_xls_book m;

	snprintf(path, sizeof(path), "/tmp/minyi-xls-%ld.xls", (long)getpid());

	workbook(&w, 4200);
	compound(&f, &w, 0, "Workbook");
	check_sheets(&f, "in sectors");
	/* FAT entries: sector s at SS + 4 * s */
	damaged(&f, SS + 4 * 3, 3, 0, "a chain that loops");
	damaged(&f, SS + 4 * 3, 4000, 0, "a chain past the file's end");
	damaged(&f, 0x2C, 100000, 0, "more FAT sectors than the file has");
	damaged(&f, 0x30, 77, 0, "a directory past the end");
	damaged(&f, NONE, 0, f.len - SS - 100, "a file cut short");
	damaged(&f, NONE, 0, 300, "a file shorter than its header");
	damaged(&f, 0, 0x12345678, 0, "no compound file's signature");
	damaged(&f, 3 * SS + 20 + 4, 0x7FFFFFF0, 0, "a sheet that starts past the stream");

	/* A version 3 file's size is 32 bits: the word above it may be junk. */
	damaged_ok(&f, 2 * SS + 128 + 0x7C, 0xDEADBEEF, "junk above a version 3 stream's size");

	/* Version 4: sectors of 4,096 bytes, a size of 64 bits. */
	SS = 4096;
	compound(&f, &w, 0, "Workbook");
	check_sheets(&f, "in 4 KiB sectors");
	damaged(&f, 2 * SS + 128 + 0x7C, 1, 0, "a version 4 stream longer than the file");
	SS = 512;

	odd_records();

	compound(&f, &w, 0, "Book");
	is_int(open_bytes(&f, f.len, &m), 0, "an Excel 95 workbook (\"Book\"): no merges, no error");
	ok(m.nsheets == 0 && !m.locked, "and no sheets kept, not locked");
	mi_xls_book_free(&m);
	compound(&f, &w, 0, "EncryptedPackage");
	is_int(open_bytes(&f, f.len, &m), 0, "an .xlsx under a password: no workbook stream");
	is_int(m.locked, 1, "and said to be locked");
	mi_xls_book_free(&m);

	w.len = 0;
	workbook(&w, 0);
	ok(w.len < 4096, "a workbook of %zu bytes is kept in the mini stream", w.len);
	compound(&f, &w, 1, "Workbook");
	check_sheets(&f, "in the mini stream");
	/* the mini FAT sits in the sector after the stream's: 2 + sectors + 1 */
	damaged(&f, (2 + (w.len + SS - 1) / SS + 1) * SS, 0, 0, "a mini chain that loops");
	damaged(&f, (2 + (w.len + SS - 1) / SS + 1) * SS, 5000, 0, "a mini chain past the end");
	/* a stream said longer than the mini stream, whose chain loops back:
	 * refused by the book itself, not only by a sheet found in the junk */
	put32((unsigned char *)f.s + (2 + (w.len + SS - 1) / SS + 1) * SS + 4 * ((w.len + 63) / 64 - 1), 0);
	put32((unsigned char *)f.s + 2 * SS + 128 + 0x78, 2000);   /* under the file's 2,560 bytes */
	is_int(open_bytes(&f, f.len, &m), -1, "a mini chain that loops past the mini stream: refused");
	mi_xls_book_free(&m);

	unlink(path);
	mi_buf_release(&w);
	mi_buf_release(&f);
	return done_testing();
}
