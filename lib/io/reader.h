/*
 * reader.h - the reader's insides (io floor, private): source.c at the
 * bottom (file, chunks, encoding, record buffer); table.c on it (a sheet's
 * rows made records); read_csv.c and read_json.c on those; input.c on
 * them. A layer calls only those below.
 */
#ifndef MINYI_INPUT_H
#define MINYI_INPUT_H

#include <csv.h>
#include <iconv.h>
#include <sys/types.h>

#include "io/io.h"

#define MI_IN_CHUNK      (64 * 1024)
#define MI_IN_MAX_FIELD  (1024 * 1024)
#define MI_IN_MAX_RECORD (16 * 1024 * 1024)
#define MI_IN_MAX_COLS   4096
#define MI_IN_MAX_DEPTH  64

/* What mi_in_check finds wrong with a piece of text. */
enum { MI_IN_TEXT_OK, MI_IN_TEXT_NUL, MI_IN_TEXT_BADUTF8 };

/* Where the JSON array scanner stands between calls. */
enum { MI_J_START, MI_J_FIRST, MI_J_NEXT, MI_J_ELEM, MI_J_END };

struct mi_reader {
	char *path;               /* for messages: "(stdin)" for "-" */
	int fd, own_fd;
	int fmt, enc;
	int enc_asked;            /* the encoding the caller gave (a workbook reads as UTF-8) */
	int enc_auto;             /* the encoding was detected, not given */
	int mixed;                /* detected: each line UTF-8 when it is, else GB18030 */
	int done;                 /* 1 at the end, -1 after an error that stops */
	mi_err err;               /* that error, handed out again on every later call */

	/* Raw bytes, and the UTF-8 they decode to. */
	char *raw;
	size_t rawlen;            /* bytes waiting in raw (GB18030: a cut sequence) */
	int raw_eof;
	iconv_t cd;               /* (iconv_t)-1 when the input is UTF-8 */
	char *dec;
	const char *p, *end;      /* decoded bytes not consumed yet */
	long line;                /* physical line of *p */

	/* The record handed out, built in row (values NUL-separated). */
	mi_record rec;
	mi_buf row;
	size_t *off;
	size_t noff, capoff;
	const char **keys, **vals;
	size_t capkv;
	const char *bad;
	char badmsg[96];
	char types[512];          /* a JSON record's value types (mi_record.type) */

	/* A sheet's rows (table.c): the row just read is in row, off and noff */
	size_t nfield;            /* its cells, counting those past MI_IN_MAX_COLS */
	long row_line;            /* where it starts */
	int rows_done;            /* the row source has reached its end */
	int grid;                 /* a workbook: short rows are padded, cells past the header ignored */
	mi_header_fn hdr_fn;      /* which row is the header (NULL: the first with content) */
	void *hdr_arg;
	struct mi_in_saved *saved; /* rows read while the header is looked for */
	size_t nsaved, capsaved, nextsaved;
	int have_hdr;
	int hdr_score;            /* what hdr_fn gave the header's row */
	int names_repeat;         /* a name may head two columns (mi_reader_names_may_repeat) */
	int hdr_below;            /* the next row may be the header's second row */
	int hdr_rows;             /* rows the header spans: 1, or 2 */
	long hdr_row, blank_rows;
	char *hdrmem;
	const char **hdr;
	size_t nhdr;

	/* A workbook (book.c): its reader, that reader's state, its sheets */
	const struct mi_in_book *book;
	void *bk;
	char *file;               /* a path the workbook libraries can open */
	int file_tmp;             /* file is a copy of standard input, removed at the end */
	char **sheets;
	size_t nsheets;
	char *want_sheet;         /* --sheet, or NULL for the first with a header */
	int sheet_on;             /* the sheet is chosen and started */
	size_t cur_sheet;
	size_t rawn;              /* bytes of the first chunk left in raw (sniffed formats) */

	/* CSV */
	struct csv_parser csv;
	int csv_ready;            /* csv_init was called */
	int row_ready;

	/* JSON array and NDJSON */
	int jstate;
	mi_buf elem;              /* an element or line cut by a chunk end */
	int elem_over;            /* it passed MI_IN_MAX_RECORD: no longer kept */
	long elem_line;
	int in_str, esc;
	long depth, maxdepth;
	unsigned char kinds[MI_IN_MAX_DEPTH];
};

/* Opens path ("-": standard input), reads its first chunk, settles the
 * encoding and strips a BOM: 0, or -1 (r->err set). */
int mi_in_open(mi_reader *r, const char *path);
/* Next decoded chunk into r->p..r->end: 1, 0 at the end of input, -1 (r->err set). */
int mi_in_fill(mi_reader *r);
/* Sets r->err and returns -1. */
int mi_in_fail(mi_reader *r, int code, const char *fmt, ...) MI_PRINTF(3, 4);
/* Checks decoded text for NUL bytes and invalid UTF-8 (markers of bytes iconv refused). */
int mi_in_check(const char *s, size_t n);
/* The reason a record is bad for an mi_in_check result, worded for r's encoding. */
const char *mi_in_text_reason(const mi_reader *r, int what);
/* Marks the record bad unless it already is. */
void mi_in_bad(mi_reader *r, const char *why);
/* Starts a new record: no values, not bad. */
void mi_in_row_reset(mi_reader *r);
/* Appends one NUL-terminated string to the row buffer, remembering its offset. */
void mi_in_row_add(mi_reader *r, const char *s, size_t n);
/* Makes room for n keys and values. */
void mi_in_row_cap(mi_reader *r, size_t n);

/*
 * The next record of a sheet whose rows next_row reads (1 and a row in
 * r->row, 0 at the end, -1 with r->err set): finds the header, skips rows
 * without content and puts each row's values under the header's names.
 * Returns as mi_reader_next does.
 */
int mi_in_table_next(mi_reader *r, int (*next_row)(mi_reader *r));
void mi_in_table_release(mi_reader *r);

/*
 * A workbook's reader. open lists the sheets in r->sheets (and says what
 * is wrong with a file it cannot read: 65); sheet starts sheet i again
 * from its first row; row reads the next row as a row source does.
 */
struct mi_in_book {
	int (*open)(mi_reader *r);
	int (*sheet)(mi_reader *r, size_t i);
	int (*row)(mi_reader *r);
	void (*close)(mi_reader *r);
};
extern const struct mi_in_book mi_in_xlsx, mi_in_xls, mi_in_xml, mi_in_html;

/* What the first bytes of r say the file is: an MI_FMT_* of a workbook, or MI_FMT_AUTO. */
int mi_in_sniff_book(const mi_reader *r, size_t n);
/* For the XML workbooks (book.c): an element's or attribute's name without
 * its namespace prefix (x:row is row), and the value of the attribute of
 * that local name among expat's atts, or NULL. */
const char *mi_xml_local(const char *name);
const char *mi_xml_attr(const char **atts, const char *name);
/* Opens the workbook reader for r->fmt: 0, or -1 (r->err set, 65 for a file it cannot read). */
int mi_in_book_open(mi_reader *r);
int mi_in_book_next(mi_reader *r);
int mi_in_book_more(mi_reader *r, const char ***names, size_t *n);
void mi_in_book_release(mi_reader *r);
/* Makes r->file a path of the whole input (standard input copied to an unlinked file). */
int mi_in_book_file(mi_reader *r, const char *path);
/* The bytes of the input from the start, for readers that stream it: as read(2). */
ssize_t mi_in_book_read(mi_reader *r, char *buf, size_t n);
/* Starts a row; adds the cell of column col (0-based, in order: the gap is
 * padded), s[n] being a NUL. */
void mi_in_row_begin(mi_reader *r, long line);
void mi_in_cell(mi_reader *r, size_t col, const char *s, size_t n);
/* Adds the n bytes at s that an XML parser hands out to a cell's text, which
 * stops growing past a cell's limit, *over then set: a cell too long. */
void mi_in_cell_text(mi_buf *text, int *over, const char *s, int n);
/* A number cell's text: its shortest exact decimal, without an exponent. */
void mi_in_number(double v, char *buf, size_t n);
/* The number of digits when the n bytes at s are an integer written plainly,
 * an optional '-' then digits only; else 0. */
size_t mi_in_integer(const char *s, size_t n);
/* A date serial (Excel's days since 1899-12-30, or 1904-01-01) as text:
 * 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS', or 'HH:MM:SS' for a time alone. 0, or -1 out of range. */
int mi_in_serial_date(double v, int date1904, char *buf, size_t n);
/* 1 when a number format (Excel's format code) shows a date or a time. */
int mi_in_date_format(const char *code);
/* 1 when every cell of the row just read is blank; 1 when the caller's test takes it for a header. */
int mi_in_row_blank(const mi_reader *r);
int mi_in_row_header(mi_reader *r);

int mi_in_csv_next(mi_reader *r);
int mi_in_json_next(mi_reader *r);
int mi_in_ndjson_next(mi_reader *r);
void mi_in_csv_release(mi_reader *r);

#endif
