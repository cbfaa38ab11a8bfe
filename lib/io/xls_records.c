/*
 * xls_records.c - what libfreexl reads past without a word in an Excel
 * 97-2003 workbook: its merged cells, and the values its formulas last
 * gave. The file is an OLE2 compound file: its sector tables lead to the
 * stream named "Workbook", whose BIFF8 records are a globals part (a
 * BOUNDSHEET record for each sheet: its name and where its records start)
 * and a part for each sheet, in which MERGEDCELLS records list the sheet's
 * merged ranges and a FORMULA record holds a formula's last value (a
 * string one in the STRING record after it, continued in CONTINUE records
 * when long).
 *
 * Everything read is checked against the file's length, and a chain of
 * sectors may not be longer than the file has sectors, so a corrupt file
 * gives an error, not a loop or a read out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"
#include "io/xls_records.h"

#define FREESECT   0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
/* The most an .xls is read into memory for its merges: Excel's own limit
 * on a BIFF8 workbook is far below it. */
#define FILE_MAX   ((size_t)1 << 30)

#define REC_BOF          0x0809
#define REC_EOF          0x000A
#define REC_BOUNDSHEET   0x0085
#define REC_MERGEDCELLS  0x00E5
#define REC_FORMULA      0x0006
#define REC_STRING       0x0207
#define REC_CONTINUE     0x003C
#define REC_SHRFMLA      0x04BC
#define REC_ARRAY        0x0221
#define REC_TABLE        0x0236

typedef struct cfb {
	const unsigned char *f;
	size_t n;
	size_t ss;                 /* sector size */
	size_t nsec;               /* sectors in the file */
	uint32_t *fat;             /* the sectors holding the FAT */
	size_t nfat;
} cfb;

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static const unsigned char *
sector(const cfb *c, uint32_t s)
{
	return s < c->nsec ? c->f + ((size_t)s + 1) * c->ss : NULL;
}

/* The sector after s in its chain, or FREESECT when the table has none. */
static uint32_t
fat_next(const cfb *c, uint32_t s)
{
	size_t per = c->ss / 4;
	const unsigned char *p;

	if ((size_t)s / per >= c->nfat || (p = sector(c, c->fat[s / per])) == NULL)
		return FREESECT;
	return le32(p + (s % per) * 4);
}

/* Appends the chain from s to out: 0, or -1 when it is broken or loops. */
static int
read_chain(const cfb *c, uint32_t s, mi_buf *out)
{
	size_t steps = 0;
	const unsigned char *p;

	while (s != ENDOFCHAIN) {
		if (++steps > c->nsec || (p = sector(c, s)) == NULL)
			return -1;
		mi_buf_add(out, (const char *)p, c->ss);
		s = fat_next(c, s);
	}
	return 0;
}

/* The FAT's sectors, from the header's 109 and the DIFAT chain. */
static int
load_fat(cfb *c)
{
	const unsigned char *h = c->f, *p;
	size_t i, k = 0, per = c->ss / 4 - 1, steps = 0;
	uint32_t d = le32(h + 0x44);

	c->nfat = le32(h + 0x2C);
	if (c->nfat == 0 || c->nfat > c->nsec)
		return -1;
	c->fat = mi_xcalloc(c->nfat, sizeof(*c->fat));
	for (i = 0; i < 109 && k < c->nfat; i++)
		c->fat[k++] = le32(h + 0x4C + 4 * i);
	while (k < c->nfat) {
		if (d == ENDOFCHAIN || d == FREESECT || ++steps > c->nsec || (p = sector(c, d)) == NULL)
			return -1;
		for (i = 0; i < per && k < c->nfat; i++)
			c->fat[k++] = le32(p + 4 * i);
		d = le32(p + 4 * per);
	}
	return 0;
}

/* A directory entry's name is name (ASCII), in any case. */
static int
entry_is(const unsigned char *e, const char *name)
{
	size_t len = le16(e + 0x40), i, n = strlen(name);
	int a, b;

	if (len != 2 * (n + 1))
		return 0;
	for (i = 0; i < n; i++) {
		if (e[2 * i + 1] != 0)
			return 0;
		a = e[2 * i];
		b = (unsigned char)name[i];
		if ((a | 0x20) != (b | 0x20))
			return 0;
	}
	return 1;
}

/* The bytes of a stream shorter than the cutoff, from the mini stream. */
static int
read_mini(const cfb *c, const unsigned char *root, uint32_t start, size_t size, mi_buf *out)
{
	mi_buf mini = MI_BUF_INIT, mfat = MI_BUF_INIT;
	unsigned shift = le16(c->f + 0x20);
	size_t ms, steps = 0, nmini;
	uint32_t s = start;
	int rc = -1;

	if (shift < 4 || shift > 12)
		return -1;
	ms = (size_t)1 << shift;
	if (ms > c->ss || read_chain(c, le32(root + 0x74), &mini) < 0 ||
	    read_chain(c, le32(c->f + 0x3C), &mfat) < 0)
		goto done;
	nmini = mini.len / ms;
	while (out->len < size) {
		if (s == ENDOFCHAIN || s >= nmini || ++steps > nmini || 4 * (size_t)s + 4 > mfat.len)
			goto done;
		mi_buf_add(out, mini.s + (size_t)s * ms, ms);
		s = le32((const unsigned char *)mfat.s + 4 * (size_t)s);
	}
	rc = 0;
done:
	mi_buf_release(&mini);
	mi_buf_release(&mfat);
	return rc;
}

/*
 * The stream named "Workbook" of the compound file f[0, n) into out: 1,
 * or 0 when there is none (an older workbook's "Book", which has no merged
 * cells; or an .xlsx under a password, whose package is a stream named
 * "EncryptedPackage": *locked is then set), or -1 when the file is not a
 * well-formed compound file.
 */
static int
workbook_stream(const unsigned char *f, size_t n, mi_buf *out, int *locked)
{
	static const unsigned char sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	cfb c = { f, n, 0, 0, NULL, 0 };
	mi_buf dir = MI_BUF_INIT;
	const unsigned char *e, *root = NULL, *wb = NULL;
	unsigned shift;
	size_t i, size;
	int rc = -1;

	if (n < 512 || memcmp(f, sig, sizeof(sig)) != 0)
		return -1;
	shift = le16(f + 0x1E);
	if (shift != 9 && shift != 12)
		return -1;
	c.ss = (size_t)1 << shift;
	if (n < 2 * c.ss)
		return -1;
	c.nsec = n / c.ss - 1;
	if (load_fat(&c) < 0 || read_chain(&c, le32(f + 0x30), &dir) < 0)
		goto done;
	for (i = 0; i + 128 <= dir.len; i += 128) {
		e = (const unsigned char *)dir.s + i;
		if (e[0x42] == 5 && root == NULL)
			root = e;
		else if (e[0x42] == 2 && wb == NULL && entry_is(e, "Workbook"))
			wb = e;
		else if (e[0x42] == 2 && entry_is(e, "EncryptedPackage"))
			*locked = 1;
	}
	if (wb == NULL) {
		rc = 0;
		goto done;
	}
	/* A version 3 file keeps sizes in 32 bits; the high word may be junk. */
	size = shift == 9 ? le32(wb + 0x78) : (size_t)le32(wb + 0x78) | (size_t)le32(wb + 0x7C) << 32;
	if (size > n)
		goto done;
	if (size < le32(f + 0x38)) {
		if (root == NULL || read_mini(&c, root, le32(wb + 0x74), size, out) < 0)
			goto done;
	} else if (read_chain(&c, le32(wb + 0x74), out) < 0 || out->len < size)
		goto done;
	out->len = size;
	rc = 1;
done:
	free(c.fat);
	mi_buf_release(&dir);
	return rc;
}

/*
 * Appends to b up to k characters of p[0, len), one byte each (Latin-1) or
 * UTF-16LE as wide says, as UTF-8; a surrogate pair may be cut between two
 * calls (*hi keeps the first half; 0 when none). Returns how many were
 * there.
 */
static size_t
put_chars(mi_buf *b, const unsigned char *p, size_t len, size_t k, int wide, uint32_t *hi)
{
	size_t i, n = wide ? len / 2 : len;
	uint32_t u;
	char enc[4];

	if (n > k)
		n = k;
	for (i = 0; i < n; i++) {
		u = wide ? le16(p + 2 * i) : p[i];
		if (*hi && u >= 0xDC00 && u < 0xE000)
			u = 0x10000 + ((*hi - 0xD800) << 10) + (u - 0xDC00);
		else if (*hi)
			mi_buf_add(b, enc, mi_utf8_put(enc, 0xFFFD));
		*hi = 0;
		if (u >= 0xD800 && u < 0xDC00)
			*hi = u;
		else
			mi_buf_add(b, enc, mi_utf8_put(enc, (int32_t)u));
	}
	return n;
}

/* A half of a pair left at the end of a string is no character. */
static void
put_end(mi_buf *b, uint32_t *hi)
{
	char enc[4];

	if (*hi)
		mi_buf_add(b, enc, mi_utf8_put(enc, 0xFFFD));
	*hi = 0;
}

/* A BOUNDSHEET name (BIFF8: a count, a flag, then Latin-1 or UTF-16LE) as UTF-8. */
static char *
sheet_name(const unsigned char *p, size_t len)
{
	mi_buf b = MI_BUF_INIT;
	uint32_t hi = 0;

	if (len >= 2) {
		put_chars(&b, p + 2, len - 2, p[0], p[1] & 1, &hi);
		put_end(&b, &hi);
	}
	return mi_buf_detach(&b);
}

/* The record at *off of the stream: 1 with its id, data and length (and
 * *off moved past it), or 0 at the end or where a record is cut. */
static int
next_record(const mi_xls_book *m, size_t *off, unsigned *id, const unsigned char **data,
    size_t *len)
{
	const unsigned char *p;

	if (*off >= m->nwb || m->nwb - *off < 4)
		return 0;
	p = m->wb + *off;
	if (m->nwb - *off - 4 < le16(p + 2))
		return 0;
	*id = le16(p);
	*len = le16(p + 2);
	*data = p + 4;
	*off += 4 + *len;
	return 1;
}

void
mi_xls_book_free(mi_xls_book *m)
{
	size_t i;

	for (i = 0; i < m->nsheets; i++)
		free(m->name[i]);
	free(m->name);
	free(m->pos);
	free(m->wb);
	memset(m, 0, sizeof(*m));
}

int
mi_xls_book_read(mi_xls_book *m, const void *data, size_t n)
{
	mi_buf wb = MI_BUF_INIT;
	size_t off, len, cap = 0;
	const unsigned char *p;
	unsigned id;
	int rc, seen_bof = 0;

	memset(m, 0, sizeof(*m));
	if ((rc = workbook_stream(data, n, &wb, &m->locked)) <= 0) {
		mi_buf_release(&wb);
		return rc;
	}
	m->wb = (unsigned char *)wb.s;
	m->nwb = wb.len;
	/* The globals: from the first BOF to its EOF. */
	off = 0;
	while (next_record(m, &off, &id, &p, &len)) {
		if (id == REC_BOF)
			seen_bof = 1;
		else if (id == REC_EOF && seen_bof)
			return 1;
		else if (id == REC_BOUNDSHEET && len >= 6) {
			if (m->nsheets == cap) {
				cap = cap ? 2 * cap : 8;
				m->name = mi_xrealloc(m->name, cap * sizeof(*m->name));
				m->pos = mi_xrealloc(m->pos, cap * sizeof(*m->pos));
			}
			m->pos[m->nsheets] = le32(p);
			m->name[m->nsheets++] = sheet_name(p + 6, len - 6);
		}
	}
	mi_xls_book_free(m);
	return -1;
}

int
mi_xls_book_open(mi_xls_book *m, const char *path)
{
	FILE *fp = fopen(path, "rb");
	mi_buf file = MI_BUF_INIT;
	char chunk[65536];
	size_t got;
	int rc;

	memset(m, 0, sizeof(*m));
	if (fp == NULL)
		return -1;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0 && file.len <= FILE_MAX)
		mi_buf_add(&file, chunk, got);
	rc = ferror(fp) || file.len > FILE_MAX ? -1 : mi_xls_book_read(m, file.s, file.len);
	fclose(fp);
	mi_buf_release(&file);
	return rc;
}

/* A formula's cell (row, column) at p, with its value's text. */
static void
add_value(mi_xls_sheet *s, size_t *cap, const unsigned char *p, char *text)
{
	if (s->nfv == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		s->fv = mi_xrealloc(s->fv, *cap * sizeof(*s->fv));
	}
	s->fv[s->nfv].r = le16(p);
	s->fv[s->nfv].c = le16(p + 2);
	s->fv[s->nfv++].text = text;
}

/*
 * A FORMULA record's value (at data + 6, 8 bytes): its text, or NULL for
 * a string, which the STRING record after it holds.
 */
static char *
formula_value(const unsigned char *v)
{
	static const struct { unsigned code; const char *text; } errors[] = {
		{ 0x00, "#NULL!" }, { 0x07, "#DIV/0!" }, { 0x0F, "#VALUE!" }, { 0x17, "#REF!" },
		{ 0x1D, "#NAME?" }, { 0x24, "#NUM!" }, { 0x2A, "#N/A" }, { 0x2B, "#GETTING_DATA" },
	};
	char num[64];
	uint64_t bits = 0;
	double d;
	size_t i;

	if (v[6] != 0xFF || v[7] != 0xFF) {
		for (i = 8; i-- > 0;)
			bits = bits << 8 | v[i];
		memcpy(&d, &bits, sizeof(d));
		if (d != d)
			return mi_xstrdup("");
		mi_in_number(d, num, sizeof(num));
		return mi_xstrdup(num);
	}
	switch (v[0]) {
	case 0:
		return NULL;
	case 1:
		return mi_xstrdup(v[2] ? "TRUE" : "FALSE");
	case 2:
		for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
			if (errors[i].code == v[2])
				return mi_xstrdup(errors[i].text);
		return mi_xstrdup("#VALUE!");
	default:
		return mi_xstrdup("");
	}
}

int
mi_xls_value_cmp(const void *a, const void *b)
{
	const mi_xls_value *p = a, *q = b;

	return p->r != q->r ? (p->r < q->r ? -1 : 1) : (p->c < q->c ? -1 : p->c > q->c);
}

void
mi_xls_sheet_free(mi_xls_sheet *s)
{
	size_t i;

	for (i = 0; i < s->nfv; i++)
		free(s->fv[i].text);
	free(s->fv);
	free(s->mg);
	memset(s, 0, sizeof(*s));
}

int
mi_xls_sheet_read(const mi_xls_book *m, const char *name, mi_xls_sheet *s)
{
	size_t i, off, len, k, cnt, capmg = 0, capfv = 0, left = 0;
	const unsigned char *p, *q, *cell = NULL, *cell_str = NULL;
	mi_buf str = MI_BUF_INIT;
	uint32_t hi = 0;
	unsigned id;
	int depth = 0;
	char *text;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < m->nsheets && strcmp(m->name[i], name) != 0; i++)
		;
	if (i == m->nsheets)
		return -1;
	/* A chart in the sheet is a part of its own inside it (BOF to EOF). */
	off = m->pos[i];
	while (next_record(m, &off, &id, &p, &len)) {
		if (id == REC_CONTINUE && left > 0 && len >= 1) {
			/* the string goes on, with a flag of its own */
			left -= put_chars(&str, p + 1, len - 1, left, p[0] & 1, &hi);
			continue;
		}
		if (str.s != NULL) {
			put_end(&str, &hi);
			add_value(s, &capfv, cell_str, mi_buf_detach(&str));
			left = 0;
		}
		/* a shared or array formula's record may come between */
		if (id != REC_STRING && id != REC_SHRFMLA && id != REC_ARRAY && id != REC_TABLE)
			cell = NULL;
		if (id == REC_BOF)
			depth++;
		else if (id == REC_EOF && --depth <= 0) {
			mi_sort(s->fv, s->nfv, sizeof(*s->fv), mi_xls_value_cmp);
			return 0;
		} else if (depth != 1)
			;
		else if (id == REC_MERGEDCELLS && len >= 2) {
			cnt = le16(p);
			for (k = 0; k < cnt && 2 + 8 * (k + 1) <= len; k++) {
				q = p + 2 + 8 * k;
				if (s->nmg == capmg) {
					capmg = capmg ? 2 * capmg : 16;
					s->mg = mi_xrealloc(s->mg, capmg * sizeof(*s->mg));
				}
				s->mg[s->nmg].r1 = le16(q);
				s->mg[s->nmg].r2 = le16(q + 2);
				s->mg[s->nmg].c1 = le16(q + 4);
				s->mg[s->nmg++].c2 = le16(q + 6);
			}
		} else if (id == REC_FORMULA && len >= 14) {
			if ((text = formula_value(p + 6)) != NULL)
				add_value(s, &capfv, p, text);
			else
				cell = p;      /* its string comes next */
		} else if (id == REC_STRING && cell != NULL && len >= 3) {
			left = le16(p);
			mi_buf_add(&str, "", 0);      /* a string, even an empty one, is pending */
			left -= put_chars(&str, p + 3, len - 3, left, p[2] & 1, &hi);
			cell_str = cell;
			cell = NULL;
		}
		if (depth == 0)
			break;         /* the sheet did not start with its BOF */
	}
	mi_buf_release(&str);
	mi_xls_sheet_free(s);
	return -1;
}
