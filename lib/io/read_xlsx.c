/*
 * read_xlsx.c - Office Open XML workbooks (.xlsx from Excel, WPS,
 * LibreOffice): the zip through libzip, each part streamed through expat.
 * A sheet is parsed a row at a time (the parser is suspended at each row's
 * end), so memory does not grow with the sheet. The shared strings are the
 * one table a sheet refers to at random: past SST_MEM bytes they go to an
 * unlinked temporary file, with only their offsets kept in memory.
 */
#include <errno.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "io/reader.h"

#define SST_MEM   (32u * 1024 * 1024)
#define SST_FLUSH (1024u * 1024)
/* Spilled strings are read back through a cache of SST_NBLK blocks of
 * SST_BLK bytes (fewer when less memory is allowed: a quarter of it, two
 * at least), block b in slot b % nblk. A sheet uses most of its strings in
 * the order they were stored, so one read serves many cells; the ones it
 * repeats (names, places) are scattered, so blocks are small and a miss
 * costs little (64 KiB blocks took a fifth longer over a whole spilled
 * 200,000-row intake). */
#define SST_BLK   (4u * 1024)
#define SST_NBLK  2048
/* A part that inflates past BOMB_SIZE at more than BOMB_RATIO times its
 * stored size is no spreadsheet (sheet XML packs about 10 to 1). */
#define BOMB_SIZE  (64u * 1024 * 1024)
#define BOMB_RATIO 200
/* A sheet's merged cells are listed after its rows: a sheet of up to
 * MERGE_SCAN bytes is read once for them first (a team's ledger, where
 * cells are merged; a machine's export of millions of rows has none). */
#define MERGE_SCAN (64u * 1024 * 1024)

/* Cells merged down a column (社区 over the rows of its cases): the rows
 * r1 + 1 .. r2 of column c read as the value of the first. */
struct merge {
	long r1, r2;
	size_t c;
	char *val;                 /* the first cell's value, once read; NULL when empty */
};

struct xlsx {
	zip_t *z;
	char **part;               /* each sheet's part, as r->sheets */
	char **rid;                /* each sheet's relationship id, until resolved */
	unsigned char *xfdate;     /* cell style -> shows a date */
	size_t nxf;
	int *datefmt;              /* custom number formats that show dates */
	size_t ndatefmt;
	int date1904;

	/* The shared strings: texts end to end, each with its NUL. */
	mi_buf sst;
	size_t *soff, nsst, capsst, slen;
	int sfd;                   /* -1 while they are in memory */
	size_t memmax;             /* spilled past this; $MINYI_XLSX_STRINGS overrides */
	mi_buf sget;               /* a string across two blocks */
	char *blk;                 /* the block cache, once spilled */
	size_t blkno[SST_NBLK];    /* the block in each slot, or SIZE_MAX */
	size_t nblk;
	size_t *sbig, nbig;        /* those longer than a cell may be, kept empty */

	/* The part being parsed. */
	zip_file_t *zf;
	zip_uint64_t size, got;
	const char *what;          /* its name, for messages */
	XML_Parser p;
	char *buf;
	int feed_done, suspended, fail;
	int in_v, in_t, in_is, in_rph, in_si, in_xfs, over;
	int ctype, cstyle;
	size_t col, nextcol;
	long rownum;
	mi_buf text;
	mi_reader *r;

	/* The sheet's merged cells that run down (by r1), and those that hold
	 * the row being read: act (below their first row, by column), from
	 * [first, last) (starting at it). */
	struct merge *mg;
	size_t nmg, capmg, mg_next, first, last;
	size_t *act, nact;
};

static int
xfail(mi_reader *r, const char *fmt, const char *a, const char *b)
{
	struct xlsx *x = r->bk;
	char msg[400];

	snprintf(msg, sizeof(msg), fmt, a, b);
	if (x)
		x->fail = 1;
	return mi_in_fail(r, MI_EX_DATAERR, "%s: %s", r->path, msg);
}

static void
chars(void *ud, const char *s, int n)
{
	struct xlsx *x = ud;

	if (!(x->in_v || (x->in_t && !x->in_rph && (x->in_is || x->in_si))))
		return;
	mi_in_cell_text(&x->text, &x->over, s, n);
}

/* ---- the parts, each read whole through a parser ---- */

static int
open_part(mi_reader *r, const char *name, int quiet)
{
	struct xlsx *x = r->bk;
	zip_stat_t st;
	zip_int64_t i;
	zip_error_t *ze;

	x->what = name;
	if ((i = zip_name_locate(x->z, name, 0)) < 0) {
		if (quiet)
			return 1;
		return xfail(r, "not a readable workbook: part '%s'%s is missing", name, "");
	}
	zip_stat_init(&st);
	if (zip_stat_index(x->z, (zip_uint64_t)i, 0, &st) < 0)
		return xfail(r, "not a readable workbook: '%s': %s", name, zip_strerror(x->z));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return xfail(r, "the workbook is password-protected%s%s: remove the password, "
		    "or save it as CSV", "", "");
	x->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
	if ((st.valid & ZIP_STAT_COMP_SIZE) && x->size > BOMB_SIZE &&
	    x->size / (st.comp_size ? st.comp_size : 1) > BOMB_RATIO)
		return xfail(r, "part '%s' would expand %s times its size: not read", name,
		    "more than 200");
	if ((x->zf = zip_fopen_index(x->z, (zip_uint64_t)i, 0)) == NULL) {
		ze = zip_get_error(x->z);
		if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
		    zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD)
			return xfail(r, "the workbook is password-protected%s%s: remove the password, "
			    "or save it as CSV", "", "");
		return xfail(r, "not a readable workbook: '%s': %s", name, zip_error_strerror(ze));
	}
	x->got = 0;
	x->feed_done = x->suspended = x->fail = 0;
	return 0;
}

static void
close_part(struct xlsx *x)
{
	if (x->zf)
		zip_fclose(x->zf);
	x->zf = NULL;
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}

static XML_Parser
new_parser(struct xlsx *x, XML_StartElementHandler start, XML_EndElementHandler end)
{
	x->p = XML_ParserCreate(NULL);
	if (x->p == NULL)
		abort();
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, chars);
	return x->p;
}

/*
 * Feeds the part to the parser until it suspends (1), ends (0) or fails
 * (-1). Resumes a suspended parse first.
 */
static int
pump(mi_reader *r)
{
	struct xlsx *x = r->bk;
	enum XML_Status st;
	zip_int64_t n;

	for (;;) {
		if (x->suspended) {
			x->suspended = 0;
			st = XML_ResumeParser(x->p);
		} else {
			if (x->feed_done)
				return 0;
			if ((n = zip_fread(x->zf, x->buf, MI_IN_CHUNK)) < 0)
				return xfail(r, "not a readable workbook: '%s': %s", x->what,
				    zip_file_strerror(x->zf));
			x->got += (zip_uint64_t)n;
			if (x->size > 0 && x->got > x->size)
				return xfail(r, "part '%s' is longer than its zip entry says%s", x->what, "");
			x->feed_done = n == 0;
			st = XML_Parse(x->p, x->buf, (int)n, n == 0);
		}
		if (x->fail)
			return -1;
		if (st == XML_STATUS_ERROR) {
			char where[64];

			snprintf(where, sizeof(where), ", line %lu: %s",
			    (unsigned long)XML_GetCurrentLineNumber(x->p),
			    XML_ErrorString(XML_GetErrorCode(x->p)));
			return xfail(r, "not a readable workbook: '%s'%s", x->what, where);
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			return 1;
		}
	}
}

/* Parses a whole part: 0, 1 when it is missing (and quiet), -1. */
static int
parse_part(mi_reader *r, const char *name, int quiet, XML_StartElementHandler start,
    XML_EndElementHandler end)
{
	struct xlsx *x = r->bk;
	int rc;

	if ((rc = open_part(r, name, quiet)) != 0)
		return rc;
	new_parser(x, start, end);
	rc = pump(r);
	close_part(x);
	return rc < 0 ? -1 : 0;
}

/* ---- the workbook: its sheets and where they are ---- */

static void
book_start(void *ud, const char *el, const char **atts)
{
	struct xlsx *x = ud;
	mi_reader *r = x->r;
	const char *name, *id, *v;

	el = mi_xml_local(el);
	if (strcmp(el, "workbookPr") == 0 && (v = mi_xml_attr(atts, "date1904")) != NULL)
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	if (strcmp(el, "sheet") != 0)
		return;
	name = mi_xml_attr(atts, "name");
	id = mi_xml_attr(atts, "id");
	if (name == NULL || id == NULL || r->nsheets >= 4096)
		return;
	r->sheets = mi_xrealloc(r->sheets, (r->nsheets + 1) * sizeof(*r->sheets));
	x->rid = mi_xrealloc(x->rid, (r->nsheets + 1) * sizeof(*x->rid));
	x->part = mi_xrealloc(x->part, (r->nsheets + 1) * sizeof(*x->part));
	r->sheets[r->nsheets] = mi_xstrdup(name);
	x->rid[r->nsheets] = mi_xstrdup(id);
	x->part[r->nsheets] = NULL;
	r->nsheets++;
}

static void
no_end(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

static void
rels_start(void *ud, const char *el, const char **atts)
{
	struct xlsx *x = ud;
	mi_reader *r = x->r;
	const char *id, *target;
	size_t i;

	if (strcmp(mi_xml_local(el), "Relationship") != 0 ||
	    (id = mi_xml_attr(atts, "Id")) == NULL || (target = mi_xml_attr(atts, "Target")) == NULL)
		return;
	for (i = 0; i < r->nsheets; i++) {
		if (x->part[i] || strcmp(x->rid[i], id) != 0)
			continue;
		if (target[0] == '/')
			x->part[i] = mi_xstrdup(target + 1);
		else {
			x->part[i] = mi_xmalloc(strlen(target) + 4);
			sprintf(x->part[i], "xl/%s", target);
		}
	}
}

/* ---- styles: which cell styles show dates ---- */

static int
builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	    (id >= 50 && id <= 58);
}

static void
styles_start(void *ud, const char *el, const char **atts)
{
	struct xlsx *x = ud;
	const char *v, *code;
	int id, date;
	size_t i;

	el = mi_xml_local(el);
	if (strcmp(el, "numFmt") == 0 && (v = mi_xml_attr(atts, "numFmtId")) != NULL &&
	    (code = mi_xml_attr(atts, "formatCode")) != NULL && mi_in_date_format(code)) {
		x->datefmt = mi_xrealloc(x->datefmt, (x->ndatefmt + 1) * sizeof(*x->datefmt));
		x->datefmt[x->ndatefmt++] = atoi(v);
	} else if (strcmp(el, "cellXfs") == 0)
		x->in_xfs = 1;
	else if (strcmp(el, "xf") == 0 && x->in_xfs && x->nxf < 65536) {
		id = (v = mi_xml_attr(atts, "numFmtId")) ? atoi(v) : 0;
		date = builtin_date(id);
		for (i = 0; i < x->ndatefmt && !date; i++)
			date = x->datefmt[i] == id;
		x->xfdate = mi_xrealloc(x->xfdate, x->nxf + 1);
		x->xfdate[x->nxf++] = (unsigned char)date;
	}
}

static void
styles_end(void *ud, const char *el)
{
	struct xlsx *x = ud;

	if (strcmp(mi_xml_local(el), "cellXfs") == 0)
		x->in_xfs = 0;
}

/* ---- the shared strings ---- */

static int
sst_flush(struct xlsx *x)
{
	size_t done = 0;
	ssize_t k;

	while (done < x->sst.len) {
		if ((k = write(x->sfd, x->sst.s + done, x->sst.len - done)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)k;
	}
	mi_buf_reset(&x->sst);
	return 0;
}

static int
sst_spill(struct xlsx *x)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/minyi-strings.XXXXXX", dir);
	/* 0600 and unlinked at once: it holds the sheet's names and phones. */
	if ((x->sfd = mkstemp(path)) < 0)
		return -1;
	unlink(path);
	if (sst_flush(x) < 0)
		return -1;
	/* From here the buffer only gathers SST_FLUSH bytes between writes. */
	mi_buf_release(&x->sst);
	return 0;
}

static void
sst_add(struct xlsx *x)
{
	if (x->nsst + 1 >= x->capsst) {
		x->capsst = x->capsst ? x->capsst * 2 : 1024;
		x->soff = mi_xrealloc(x->soff, x->capsst * sizeof(*x->soff));
	}
	x->soff[x->nsst++] = x->slen;
	mi_buf_add(&x->sst, x->text.s ? x->text.s : "", x->text.len);
	mi_buf_putc(&x->sst, '\0');
	x->slen += x->text.len + 1;
	x->soff[x->nsst] = x->slen;
	if (x->sfd < 0 && x->sst.len > x->memmax) {
		if (sst_spill(x) < 0)
			xfail(x->r, "cannot keep the shared strings: %s%s", strerror(errno), "");
	} else if (x->sfd >= 0 && x->sst.len > SST_FLUSH && sst_flush(x) < 0)
		xfail(x->r, "cannot keep the shared strings: %s%s", strerror(errno), "");
	if (x->fail)
		XML_StopParser(x->p, XML_FALSE);
}

static void
sst_start(void *ud, const char *el, const char **atts)
{
	struct xlsx *x = ud;

	(void)atts;
	el = mi_xml_local(el);
	if (strcmp(el, "si") == 0) {
		x->in_si = 1;
		x->over = 0;
		mi_buf_reset(&x->text);
	} else if (strcmp(el, "t") == 0)
		x->in_t = 1;
	else if (strcmp(el, "rPh") == 0)
		x->in_rph = 1;
}

static void
sst_end(void *ud, const char *el)
{
	struct xlsx *x = ud;

	el = mi_xml_local(el);
	if (strcmp(el, "si") == 0) {
		x->in_si = 0;
		if (x->over) {
			/* Kept empty; a cell that uses it is marked bad (cell_end). */
			mi_buf_reset(&x->text);
			x->sbig = mi_xrealloc(x->sbig, (x->nbig + 1) * sizeof(*x->sbig));
			x->sbig[x->nbig++] = x->nsst;
		}
		sst_add(x);
	} else if (strcmp(el, "t") == 0)
		x->in_t = 0;
	else if (strcmp(el, "rPh") == 0)
		x->in_rph = 0;
}

/* 1 when shared string i was longer than a cell may be. */
static int
sst_big(const struct xlsx *x, size_t i)
{
	size_t k;

	for (k = 0; k < x->nbig; k++)
		if (x->sbig[k] == i)
			return 1;
	return 0;
}

static size_t
pread_all(int fd, char *to, size_t len, size_t at)
{
	size_t done = 0;
	ssize_t k;

	while (done < len) {
		k = pread(fd, to + done, len - done, (off_t)(at + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	return done;
}

/* The spilled bytes at offset at, which end in their block: NULL when
 * they cannot be read. */
static const char *
sst_block(struct xlsx *x, size_t at)
{
	size_t b = at / SST_BLK, slot, len, i;
	char *to;

	if (x->blk == NULL) {
		x->nblk = x->memmax / 4 / SST_BLK;
		if (x->nblk < 2)
			x->nblk = 2;
		if (x->nblk > SST_NBLK)
			x->nblk = SST_NBLK;
		x->blk = mi_xmalloc(x->nblk * SST_BLK);
		for (i = 0; i < x->nblk; i++)
			x->blkno[i] = SIZE_MAX;
	}
	slot = b % x->nblk;
	to = x->blk + slot * SST_BLK;
	if (x->blkno[slot] != b) {
		len = x->slen - b * SST_BLK;
		if (len > SST_BLK)
			len = SST_BLK;
		x->blkno[slot] = SIZE_MAX;
		if (pread_all(x->sfd, to, len, b * SST_BLK) != len)
			return NULL;
		x->blkno[slot] = b;
	}
	return to + (at - b * SST_BLK);
}

/* Shared string i, NUL-terminated, and its length: NULL when there is none. */
static const char *
sst_get(struct xlsx *x, size_t i, size_t *n)
{
	size_t at, len;

	if (i >= x->nsst)
		return NULL;
	at = x->soff[i];
	len = x->soff[i + 1] - at;
	*n = len - 1;
	if (x->sfd < 0)
		return x->sst.s + at;
	if (at / SST_BLK == (at + len - 1) / SST_BLK)
		return sst_block(x, at);
	if (x->sget.cap < len) {
		x->sget.s = mi_xrealloc(x->sget.s, len);
		x->sget.cap = len;
	}
	if (pread_all(x->sfd, x->sget.s, len, at) != len)
		return NULL;
	x->sget.s[len - 1] = '\0';
	return x->sget.s;
}

/* ---- a sheet's rows ---- */

/* Column of a cell reference (B3 -> 1), or (size_t)-1. */
static size_t
ref_col(const char *ref)
{
	size_t c = 0;
	int k = 0;

	for (; *ref >= 'A' && *ref <= 'Z' && k < 4; ref++, k++)
		c = c * 26 + (size_t)(*ref - 'A' + 1);
	return k == 0 || k == 4 ? (size_t)-1 : c - 1;
}

/* ---- merged cells ---- */

static void
merges_free(struct xlsx *x)
{
	size_t i;

	for (i = 0; i < x->nmg; i++)
		free(x->mg[i].val);
	free(x->mg);
	free(x->act);
	x->mg = NULL;
	x->act = NULL;
	x->nmg = x->capmg = x->mg_next = x->first = x->last = x->nact = 0;
}

/* A range "B4:B6" that runs down, kept; any other is left alone. */
static void
merge_add(struct xlsx *x, const char *ref)
{
	const char *colon = strchr(ref, ':');
	struct merge m;

	if (colon == NULL)
		return;
	m.c = ref_col(ref);
	m.r1 = atol(ref + strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
	m.r2 = atol(colon + 1 + strspn(colon + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
	m.val = NULL;
	if (m.c == (size_t)-1 || m.c >= MI_IN_MAX_COLS || m.r1 < 1 || m.r2 <= m.r1)
		return;
	if (x->nmg == x->capmg) {
		x->capmg = x->capmg ? x->capmg * 2 : 16;
		x->mg = mi_xrealloc(x->mg, x->capmg * sizeof(*x->mg));
	}
	x->mg[x->nmg++] = m;
}

/*
 * The mergeCell elements of text[0, n): each one's ref kept. An element cut
 * by the end is left for the next piece: the length of text that is done.
 */
static size_t
merges_scan(struct xlsx *x, const char *text, size_t n)
{
	static const char tag[] = "mergeCell ";
	const char *p = text, *end = text + n, *at, *close, *ref, *q;
	char buf[64];

	while ((at = memmem(p, (size_t)(end - p), tag, sizeof(tag) - 1)) != NULL) {
		/* an element's name, after its '<' or a prefix's ':' (at the start
		 * of text: the element cut by the last piece, kept from its name) */
		if (at > text && at[-1] != '<' && at[-1] != ':') {
			p = at + sizeof(tag) - 1;
			continue;
		}
		if ((close = memchr(at, '>', (size_t)(end - at))) == NULL)
			return (size_t)(at - text);
		p = close + 1;
		if ((ref = memmem(at, (size_t)(close - at), "ref=", 4)) == NULL || ref + 5 >= close)
			continue;
		ref += 5;
		if ((q = memchr(ref, ref[-1], (size_t)(close - ref))) == NULL ||
		    (size_t)(q - ref) >= sizeof(buf))
			continue;
		memcpy(buf, ref, (size_t)(q - ref));
		buf[q - ref] = '\0';
		merge_add(x, buf);
	}
	/* a tag may begin in the last bytes */
	return n > sizeof(tag) ? n - sizeof(tag) : 0;
}

static int
by_row(const void *a, const void *b)
{
	const struct merge *p = a, *q = b;

	return p->r1 != q->r1 ? (p->r1 < q->r1 ? -1 : 1) : (p->c < q->c ? -1 : p->c > q->c);
}

/* Reads the merged cells of sheet part name: 0, or -1. */
static int
merges_read(mi_reader *r, const char *name)
{
	struct xlsx *x = r->bk;
	size_t keep = 0;

	merges_free(x);
	if (open_part(r, name, 0) != 0)
		return -1;
	if (x->size > MERGE_SCAN) {
		close_part(x);
		return 0;
	}
	/* Only the bytes are looked at, not parsed: the rows are parsed after. */
	for (;;) {
		zip_int64_t got = zip_fread(x->zf, x->buf + keep, MI_IN_CHUNK - keep);
		size_t n, done;

		if (got < 0) {
			xfail(r, "not a readable workbook: '%s': %s", name, zip_file_strerror(x->zf));
			close_part(x);
			return -1;
		}
		if (got == 0)
			break;
		n = keep + (size_t)got;
		done = merges_scan(x, x->buf, n);
		keep = n - done;
		if (keep > 256)
			keep = 0;     /* no element is that long: not one */
		memmove(x->buf, x->buf + n - keep, keep);
	}
	close_part(x);
	if (x->nmg > 0) {
		mi_sort(x->mg, x->nmg, sizeof(*x->mg), by_row);
		x->act = mi_xcalloc(x->nmg, sizeof(*x->act));
	}
	return 0;
}

static int
by_col(const void *a, const void *b, void *arg)
{
	const struct merge *mg = arg;
	size_t p = *(const size_t *)a, q = *(const size_t *)b;

	return mg[p].c < mg[q].c ? -1 : mg[p].c > mg[q].c;
}

/* At the start of row n: the merges that fill it, and those that start at it. */
static void
merges_row(struct xlsx *x, long n)
{
	size_t i, k = 0;

	for (i = 0; i < x->nact; i++)
		if (x->mg[x->act[i]].r2 >= n)
			x->act[k++] = x->act[i];
	x->nact = k;
	for (; x->mg_next < x->nmg && x->mg[x->mg_next].r1 < n; x->mg_next++)
		if (x->mg[x->mg_next].r2 >= n && x->mg[x->mg_next].val)
			x->act[x->nact++] = x->mg_next;
	if (x->nact > 1)
		qsort_r(x->act, x->nact, sizeof(*x->act), by_col, x->mg);
	x->first = x->last = x->mg_next;
	while (x->last < x->nmg && x->mg[x->last].r1 == n)
		x->last++;
}

/* The cells merged from above before column c (every one at the row's end,
 * c == (size_t)-1); the value for column c itself when it is one, else NULL. */
static const char *
merges_fill(struct xlsx *x, size_t c)
{
	const struct merge *m;
	size_t i;

	for (i = 0; i < x->nact; i++) {
		m = &x->mg[x->act[i]];
		if (m->c < x->nextcol)
			continue;
		if (m->c >= c)
			return m->c == c ? m->val : NULL;
		mi_in_cell(x->r, m->c, m->val, strlen(m->val));
		x->nextcol = m->c + 1;
	}
	return NULL;
}

/* Keeps a cell's value when a merge down its column starts at it. */
static void
merges_keep(struct xlsx *x, size_t c, const char *s, size_t n)
{
	size_t i;

	for (i = x->first; i < x->last; i++)
		if (x->mg[i].c == c && n > 0) {
			free(x->mg[i].val);
			x->mg[i].val = mi_xmalloc(n + 1);
			memcpy(x->mg[i].val, s, n);
			x->mg[i].val[n] = '\0';
		}
}

static void
row_start(void *ud, const char *el, const char **atts)
{
	struct xlsx *x = ud;
	const char *v;
	size_t c;

	el = mi_xml_local(el);
	if (strcmp(el, "row") == 0) {
		x->rownum = (v = mi_xml_attr(atts, "r")) ? atol(v) : x->rownum + 1;
		mi_in_row_begin(x->r, x->rownum);
		x->nextcol = 0;
		if (x->nmg)
			merges_row(x, x->rownum);
	} else if (strcmp(el, "c") == 0) {
		c = (v = mi_xml_attr(atts, "r")) ? ref_col(v) : x->nextcol;
		x->col = c == (size_t)-1 ? x->nextcol : c;
		v = mi_xml_attr(atts, "t");
		x->ctype = v == NULL ? 'n' : strcmp(v, "inlineStr") == 0 ? 'i' :
		    strcmp(v, "str") == 0 ? 'f' : v[0];
		x->cstyle = (v = mi_xml_attr(atts, "s")) ? atoi(v) : 0;
		x->over = 0;
		mi_buf_reset(&x->text);
	} else if (strcmp(el, "v") == 0)
		x->in_v = 1;
	else if (strcmp(el, "is") == 0)
		x->in_is = 1;
	else if (strcmp(el, "t") == 0)
		x->in_t = 1;
	else if (strcmp(el, "rPh") == 0)
		x->in_rph = 1;
}

/* An ISO 8601 date cell (t="d") as the text a date-formatted serial gives. */
static void
iso_date(char *s)
{
	char *t;

	if ((t = strchr(s, 'T')) != NULL)
		*t = ' ';
	if ((t = strchr(s, '.')) != NULL || (t = strchr(s, 'Z')) != NULL)
		*t = '\0';
	if (strlen(s) == 19 && strcmp(s + 10, " 00:00:00") == 0)
		s[10] = '\0';
}

/* An integer of up to 15 digits without a leading zero. */
static int
plain_int(const char *s, size_t n)
{
	size_t d = mi_in_integer(s, n);

	return d > 0 && d <= 15 && (d == 1 || s[n - d] != '0');
}

static void
cell_end(struct xlsx *x)
{
	mi_reader *r = x->r;
	char num[64], *end;
	const char *s = mi_buf_str(&x->text);
	size_t n = x->text.len;
	double d;

	if (x->over) {
		mi_in_cell(r, x->col, "", MI_IN_MAX_FIELD + 1);
		x->nextcol = x->col + 1;
		return;
	}
	switch (x->ctype) {
	case 's':
		if (sst_big(x, strtoul(s, NULL, 10))) {
			mi_in_cell(r, x->col, "", MI_IN_MAX_FIELD + 1);
			x->nextcol = x->col + 1;
			return;
		}
		if ((s = sst_get(x, strtoul(s, NULL, 10), &n)) == NULL) {
			mi_in_bad(r, _("shared string missing"));
			s = "";
			n = 0;
		}
		break;
	case 'b':
		s = strcmp(s, "1") == 0 ? "TRUE" : "FALSE";
		n = strlen(s);
		break;
	case 'd':
		snprintf(num, sizeof(num), "%s", s);
		iso_date(num);
		s = num;
		n = strlen(s);
		break;
	case 'n':
		if (n == 0)
			break;
		/* An integer of up to 15 digits is already its shortest exact decimal. */
		if (plain_int(s, n) && !(x->cstyle >= 0 && (size_t)x->cstyle < x->nxf &&
		    x->xfdate[x->cstyle]))
			break;
		d = strtod(s, &end);
		if (*end != '\0')
			break;
		if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf && x->xfdate[x->cstyle] &&
		    mi_in_serial_date(d, x->date1904, num, sizeof(num)) == 0)
			;
		else
			mi_in_number(d, num, sizeof(num));
		s = num;
		n = strlen(s);
		break;
	default:                   /* inline strings, formula text, errors (#N/A) */
		break;
	}
	if (x->nmg) {
		const char *above = x->col >= x->nextcol ? merges_fill(x, x->col) : NULL;

		if (above && n == 0) {
			s = above;
			n = strlen(s);
		}
		merges_keep(x, x->col, s, n);
	}
	mi_in_cell(r, x->col, s, n);
	x->nextcol = x->col + 1;
}

static void
row_end(void *ud, const char *el)
{
	struct xlsx *x = ud;

	el = mi_xml_local(el);
	if (strcmp(el, "c") == 0)
		cell_end(x);
	else if (strcmp(el, "v") == 0)
		x->in_v = 0;
	else if (strcmp(el, "is") == 0)
		x->in_is = 0;
	else if (strcmp(el, "t") == 0)
		x->in_t = 0;
	else if (strcmp(el, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(el, "row") == 0) {
		if (x->nmg)
			merges_fill(x, (size_t)-1);
		XML_StopParser(x->p, XML_TRUE);
	}
}

static int
xlsx_sheet(mi_reader *r, size_t i)
{
	struct xlsx *x = r->bk;

	close_part(x);
	if (merges_read(r, x->part[i]) < 0 || open_part(r, x->part[i], 0) != 0)
		return -1;
	new_parser(x, row_start, row_end);
	x->rownum = 0;
	x->in_v = x->in_t = x->in_is = x->in_rph = 0;
	return 0;
}

static int
xlsx_row(mi_reader *r)
{
	return pump(r);
}

/* ---- the workbook opened ---- */

static const char *
what_zip(zip_t *z)
{
	if (zip_name_locate(z, "content.xml", 0) >= 0)
		return "an OpenDocument file (.ods), not an xlsx workbook: save it as .xlsx or CSV";
	if (zip_name_locate(z, "word/document.xml", 0) >= 0)
		return "a Word document (.docx), not a workbook";
	return "a zip archive, not an xlsx workbook";
}

static int
xlsx_open(mi_reader *r)
{
	struct xlsx *x = mi_xcalloc(1, sizeof(*x));
	const char *env;
	zip_error_t ze;
	int err = 0;
	size_t i;

	x->r = r;
	x->sfd = -1;
	x->memmax = SST_MEM;
	if ((env = getenv("MINYI_XLSX_STRINGS")) != NULL && *env >= '0' && *env <= '9')
		x->memmax = (size_t)strtoull(env, NULL, 10);
	x->buf = mi_xmalloc(MI_IN_CHUNK);
	r->bk = x;
	if (mi_in_book_file(r, r->path) < 0)
		return -1;
	if ((x->z = zip_open(r->file, ZIP_RDONLY, &err)) == NULL) {
		zip_error_init_with_code(&ze, err);
		xfail(r, "not a readable workbook: %s%s", zip_error_strerror(&ze), "");
		zip_error_fini(&ze);
		return -1;
	}
	if (r->file_tmp)
		unlink(r->file);
	if (zip_name_locate(x->z, "xl/workbook.xml", 0) < 0)
		return xfail(r, "%s%s", what_zip(x->z), "");
	if (parse_part(r, "xl/workbook.xml", 0, book_start, no_end) < 0 ||
	    parse_part(r, "xl/_rels/workbook.xml.rels", 0, rels_start, no_end) < 0 ||
	    parse_part(r, "xl/styles.xml", 1, styles_start, styles_end) < 0 ||
	    parse_part(r, "xl/sharedStrings.xml", 1, sst_start, sst_end) < 0)
		return -1;
	if (x->sfd >= 0 && sst_flush(x) < 0)
		return xfail(r, "cannot keep the shared strings: %s%s", strerror(errno), "");
	for (i = 0; i < r->nsheets; i++)
		if (x->part[i] == NULL)
			return xfail(r, "not a readable workbook: sheet '%s' has no part%s",
			    r->sheets[i], "");
	if (r->nsheets == 0)
		return xfail(r, "not a readable workbook: no sheets%s%s", "", "");
	return 0;
}

static void
xlsx_close(mi_reader *r)
{
	struct xlsx *x = r->bk;
	size_t i;

	if (x == NULL)
		return;
	close_part(x);
	merges_free(x);
	if (x->z)
		zip_discard(x->z);
	for (i = 0; i < r->nsheets; i++) {
		free(x->part ? x->part[i] : NULL);
		free(x->rid ? x->rid[i] : NULL);
	}
	free(x->part);
	free(x->rid);
	free(x->xfdate);
	free(x->datefmt);
	free(x->soff);
	free(x->sbig);
	if (x->sfd >= 0)
		close(x->sfd);
	mi_buf_release(&x->sst);
	mi_buf_release(&x->sget);
	free(x->blk);
	mi_buf_release(&x->text);
	free(x->buf);
	free(x);
	r->bk = NULL;
}

const struct mi_in_book mi_in_xlsx = { xlsx_open, xlsx_sheet, xlsx_row, xlsx_close };
