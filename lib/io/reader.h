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
	int enc_auto;             /* the encoding was detected, not given */
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
	long hdr_row, blank_rows;
	char *hdrmem;
	const char **hdr;
	size_t nhdr;

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

int mi_in_csv_next(mi_reader *r);
int mi_in_json_next(mi_reader *r);
int mi_in_ndjson_next(mi_reader *r);
void mi_in_csv_release(mi_reader *r);

#endif
