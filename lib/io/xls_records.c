/*
 * xls_merges.c - the merged cells of an Excel 97-2003 workbook, which
 * libfreexl reads past without a word. The file is an OLE2 compound file:
 * its sector tables lead to the stream named "Workbook", whose BIFF8
 * records are a globals part (a BOUNDSHEET record for each sheet: its name
 * and where its records start) and a part for each sheet, in which
 * MERGEDCELLS records list the sheet's merged ranges.
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
#include "io/xls_merges.h"

#define FREESECT   0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
/* The most an .xls is read into memory for its merges: Excel's own limit
 * on a BIFF8 workbook is far below it. */
#define FILE_MAX   ((size_t)1 << 30)

#define REC_BOF          0x0809
#define REC_EOF          0x000A
#define REC_BOUNDSHEET   0x0085
#define REC_MERGEDCELLS  0x00E5

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
 * cells), or -1 when the file is not a well-formed compound file.
 */
static int
workbook_stream(const unsigned char *f, size_t n, mi_buf *out)
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

/* A BOUNDSHEET name (BIFF8: a count, a flag, then Latin-1 or UTF-16LE) as UTF-8. */
static char *
sheet_name(const unsigned char *p, size_t len)
{
	mi_buf b = MI_BUF_INIT;
	size_t cch, i;
	uint32_t u, lo;
	char enc[4];
	int wide;

	if (len < 2)
		return mi_xstrdup("");
	cch = p[0];
	wide = p[1] & 1;
	p += 2;
	len -= 2;
	for (i = 0; i < cch; i++) {
		if (wide) {
			if (2 * i + 2 > len)
				break;
			u = le16(p + 2 * i);
			if (u >= 0xD800 && u < 0xDC00 && i + 1 < cch && 2 * i + 4 <= len &&
			    (lo = le16(p + 2 * i + 2)) >= 0xDC00 && lo < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i++;
			}
		} else {
			if (i >= len)
				break;
			u = p[i];
		}
		mi_buf_add(&b, enc, mi_utf8_put(enc, (int32_t)u));
	}
	return mi_buf_detach(&b);
}

/* The record at *off of the stream: 1 with its id, data and length (and
 * *off moved past it), or 0 at the end or where a record is cut. */
static int
next_record(const mi_xls_merges *m, size_t *off, unsigned *id, const unsigned char **data,
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
mi_xls_merges_free(mi_xls_merges *m)
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
mi_xls_merges_read(mi_xls_merges *m, const void *data, size_t n)
{
	mi_buf wb = MI_BUF_INIT;
	size_t off, len, cap = 0;
	const unsigned char *p;
	unsigned id;
	int rc, seen_bof = 0;

	memset(m, 0, sizeof(*m));
	if ((rc = workbook_stream(data, n, &wb)) <= 0) {
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
	mi_xls_merges_free(m);
	return -1;
}

int
mi_xls_merges_open(mi_xls_merges *m, const char *path)
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
	rc = ferror(fp) || file.len > FILE_MAX ? -1 : mi_xls_merges_read(m, file.s, file.len);
	fclose(fp);
	mi_buf_release(&file);
	return rc;
}

int
mi_xls_merges_sheet(const mi_xls_merges *m, const char *name, mi_xls_range **out, size_t *n)
{
	size_t i, off, len, k, cnt, cap = 0;
	const unsigned char *p, *q;
	unsigned id;
	int depth = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < m->nsheets && strcmp(m->name[i], name) != 0; i++)
		;
	if (i == m->nsheets)
		return -1;
	/* A chart in the sheet is a part of its own inside it (BOF to EOF). */
	off = m->pos[i];
	while (next_record(m, &off, &id, &p, &len)) {
		if (id == REC_BOF)
			depth++;
		else if (id == REC_EOF && --depth <= 0)
			return 0;
		else if (id == REC_MERGEDCELLS && depth == 1 && len >= 2) {
			cnt = le16(p);
			for (k = 0; k < cnt && 2 + 8 * (k + 1) <= len; k++) {
				q = p + 2 + 8 * k;
				if (*n == cap) {
					cap = cap ? 2 * cap : 16;
					*out = mi_xrealloc(*out, cap * sizeof(**out));
				}
				(*out)[*n].r1 = le16(q);
				(*out)[*n].r2 = le16(q + 2);
				(*out)[*n].c1 = le16(q + 4);
				(*out)[*n].c2 = le16(q + 6);
				(*n)++;
			}
		}
		if (depth == 0)
			break;         /* the sheet did not start with its BOF */
	}
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}
