/*
 * io.h - the floor of records in and rows out: the readers, the layouts
 * that map a sheet's columns to fields, sheets about cases, the writers.
 *
 * The floors of lib/, from the bottom: base (no database), store (the
 * database and what lives in it), io (records in, rows out), verbs (what
 * the tools do). A file includes its own floor's header and, through it,
 * the floors below; never a header of a floor above its own. The front
 * door, include/minyi.h, is what the tools see; every floor may use it.
 */
#ifndef MINYI_IO_H
#define MINYI_IO_H

#include "store/store.h"

/* ---- input.c: reading records from CSV, JSON, NDJSON and workbooks ---- */

typedef struct mi_reader mi_reader;

/*
 * Opens path ("-" is standard input). Format AUTO looks at the extension,
 * then the first non-blank byte ('[' JSON array, '{' NDJSON, else CSV).
 * Encoding AUTO strips a UTF-8 BOM and takes GB18030 when the start of the
 * input is not valid UTF-8. CSV is streamed through libcsv; a JSON array is
 * split element by element, so memory stays bounded whatever the size.
 * Caller frees with mi_reader_close. Fails with 66 when it cannot be opened.
 */
int mi_reader_open(mi_reader **out, const char *path, int format, int enc, mi_err *e);
/*
 * Workbooks are known by their content whatever the name: a zip (.xlsx), an
 * OLE2 file (.xls), SpreadsheetML 2003 XML or an HTML table (the "xls" of
 * web exports). Each sheet is read like a CSV file. The sheet read is the
 * one named (or numbered from 1) by mi_reader_sheet, else the first whose
 * rows hold a header (see mi_reader_find_header), else the first with
 * content. A workbook that cannot be read (corrupt, password-protected)
 * fails to open with 65; a sheet not there fails the first read with 64.
 */
void mi_reader_sheet(mi_reader *r, const char *sheet);
/*
 * Once the sheet chosen by the header test has been read to its end: the
 * names of the workbook's other sheets whose rows hold a header too (none
 * for a sheet asked by name, a file that is no workbook, or one without a
 * header test), so that a caller reads them as well rather than leave them
 * unread without a word. The header test runs on their first rows: it and
 * its argument must still be valid. *names is the caller's to free (the
 * names are r's); r reads nothing more after. 0, or -1 with e set.
 */
int mi_reader_more_sheets(mi_reader *r, const char ***names, size_t *n, mi_err *e);
/*
 * Each of those sheets opened from path (format and enc as r was) and given
 * to fn with where, "FILE[SHEET]", to name it by; from standard input,
 * which cannot be read again, fn gets rs NULL and in where the message that
 * says the sheet is not read. Stops at fn's first negative return: 0, or -1.
 */
int mi_reader_each_more(mi_reader *r, const char *path, int format, int enc,
    int (*fn)(void *arg, mi_reader *rs, const char *where, mi_err *e), void *arg, mi_err *e);
/*
 * The next record: 1 and *rec set (valid until the next call), 0 at the end,
 * -1 on an error that stops the input (I/O, a broken JSON array, a header
 * too wide). A malformed record that does not stop the input comes back
 * with rec->bad set.
 */
int mi_reader_next(mi_reader *r, const mi_record **rec, mi_err *e);
/* The value for key (exact match), or NULL when the record has no such key. */
const char *mi_record_get(const mi_record *rec, const char *key);
/* The value of the first of names (a NULL-ended list of synonyms) the
 * record has, or NULL; when it has none of them exactly, of the first it
 * has under a loose name (mi_colname_like). */
const char *mi_record_get_any(const mi_record *rec, const char *const *names);
/*
 * A header's name as a loose match compares it, in buf (NUL-terminated):
 * without blanks anywhere (a cell wrapped over two lines, 诉 求 内 容),
 * without the marks of a required column (*, ＊, ※) at either end or a
 * colon at its end, and without a note in brackets after it (诉求内容（必填）,
 * 电话(手机), 时间【年月日】). A name too long for buf is returned as it is.
 */
const char *mi_colname_loose(const char *s, char *buf, size_t nbuf);
/* 1 when column col is name, exactly or loosely. */
int mi_colname_like(const char *col, const char *name);
/* A copy of rec that outlives the reader (for a row kept until its file is
 * read: its parent found, or its rejects written), and its release. */
mi_record *mi_record_dup(const mi_record *rec);
void mi_record_free(mi_record *r);
/*
 * Which row of a sheet (CSV, a workbook) is its header: the first row, among
 * the first 20 rows with content, that fn accepts (given its cells, trimmed);
 * rows above it (a title, notes) are skipped. When none is accepted, the
 * first row with content is the header. Without fn (the default) the first
 * row with content is. Set before the first mi_reader_next; JSON ignores it.
 * fn returns 0 for no, else how well the row fits (more is better): the row
 * after the header is the header's second row when, with its names over
 * the header's, it fits better (mi_reader_header_rows).
 */
typedef int (*mi_header_fn)(void *arg, const char *const *cells, size_t n);
void mi_reader_find_header(mi_reader *r, mi_header_fn fn, void *arg);
/* A name may head two columns: for a caller that binds columns by position
 * and refuses a repeated name it uses (mi_fieldmap_bind). Otherwise a
 * repeated name refuses the file (65), since a lookup by name would read
 * only the first. Set before the first mi_reader_next. */
void mi_reader_names_may_repeat(mi_reader *r);
/* The line (CSV) or row (workbook) of the header once a record was read; 0 before, and for JSON. */
long mi_reader_header_row(const mi_reader *r);
/* The rows the header spans from there: 1, or 2 for names of groups above the
 * columns' own (see mi_header_fn); 0 when there is none yet. */
int mi_reader_header_rows(const mi_reader *r);
/* The header's names (n set), NULL for JSON or before the first record; empty names are kept. */
const char *const *mi_reader_columns(const mi_reader *r, size_t *n);
/* Rows without content skipped so far: every cell blank. */
long mi_reader_blank_rows(const mi_reader *r);
const char *mi_reader_path(const mi_reader *r);   /* as given; "-" shown as "(stdin)" */
int mi_reader_format(const mi_reader *r);         /* the format detected */
/* 1 for a sheet of rows under a header (CSV, a workbook), 0 for JSON and NDJSON. */
int mi_reader_tabular(const mi_reader *r);
int mi_reader_encoding(const mi_reader *r);       /* the encoding detected */
void mi_reader_close(mi_reader *r);
/* Parses "auto", "csv", "json", "ndjson", "xlsx", "xls", "xml", "html" / "auto", "utf-8", "gb18030". */
int mi_format_parse(const char *s, int *fmt);
int mi_enc_parse(const char *s, int *enc);

/* ---- output.c: the writers ---- */

/* A column of a writer, as mi_out_col takes it; a table of them ends with a
 * NULL name. */
struct mi_col {
	const char *name;
	int type;
};
/* Declares the columns of cols in order; returns how many. */
int mi_out_cols(mi_out *out, const struct mi_col *cols);

/* Counts in c->clear each name or phone the writer shows in clear
 * (--reveal), and in c->clear_rows the rows that held any, so that a run
 * knows whether what it holds back needs its reveal recorded, and the
 * reveal how many rows it showed. */
void mi_out_tally(mi_out *out, mi_ctx *c);

/* The next table of a run that prints several: for a workbook, a new sheet
 * named sheet on the same writer; else out finished and freed, a blank
 * line, and a new writer on f. NULL with e set (out freed) when finishing
 * failed. */
mi_out *mi_out_next(mi_ctx *c, mi_out *out, FILE *f, const char *sheet, mi_err *e);

int mi_outfmt_parse(const char *s, int *fmt);
/* A writer on f (not closed by it); caller frees with mi_out_free. */
mi_out *mi_out_new(FILE *f, int fmt, int flags);
/* Writes one CSV cell (quoted when needed, formula-neutralised) to b. */
void mi_csv_cell(mi_buf *b, const char *s);

/* A workbook (xlsx) only, ignored by the other formats. mi_out_sheet ends
 * the current sheet and starts one named name: the columns are declared
 * again before its rows. mi_out_list restricts the cells of column col
 * (0-based) to the NULL-terminated list (a data-validation list).
 * mi_out_chart puts a chart on the current sheet when it ends: kind
 * MI_CHART_*, categories from column cat, one series from each of the n
 * columns from val (their headers name them). The list is copied, but its
 * strings, and the title, must live until the sheet ends. */
enum { MI_CHART_COLUMN, MI_CHART_LINE };
void mi_out_sheet(mi_out *out, const char *name);
void mi_out_list(mi_out *out, size_t col, const char *const *list);
void mi_out_chart(mi_out *out, int kind, const char *title, size_t cat, size_t val, size_t n);

/* ---- write_xlsx.c: the workbook behind mi_out's xlsx ---- */

typedef struct mi_xlsx mi_xlsx;
/* A workbook in a temporary file of its own; NULL with e set (74) when it
 * cannot be made. Caller frees with mi_xlsx_free, which removes the file. */
mi_xlsx *mi_xlsx_new(mi_err *e);
/* Ends the current sheet (column widths, validation list, charts) and
 * starts one named name (NULL: SheetN) with ncol columns; header: the names
 * in a bold, frozen first row. cols and types are copied. */
void mi_xlsx_sheet(mi_xlsx *x, const char *name, size_t ncol, char *const *cols, const int *types,
    int header);
/* One row of the current sheet, typed by its columns' types. */
void mi_xlsx_row(mi_xlsx *x, const char *const *vals);
/* As mi_out_list and mi_out_chart (minyi.h), for the current sheet. */
void mi_xlsx_list(mi_xlsx *x, size_t col, const char *const *list);
void mi_xlsx_chart(mi_xlsx *x, int kind, const char *title, size_t cat, size_t val, size_t n);
/* Closes the workbook and copies it to f; -1 with e set (74) when either fails. */
int mi_xlsx_finish(mi_xlsx *x, FILE *f, mi_err *e);
void mi_xlsx_free(mi_xlsx *x);

/* ---- import.c: the rejects file ---- */

void mi_rejects_add(mi_rejects *r, const char *file, long line, const char *reason,
    const mi_record *rec);

/* ---- layout.c: input layouts, and the place a record names ---- */

/* The canonical field names (enum mi_field), in order; NULL-terminated. */
extern const char *const mi_case_fields[];

/* Fields a layout may fill beyond the canonical ones: the building (added
 * to the address), the tier the team proposed (办理类型, cases.proposed_tier),
 * the activity it was collected at (cases.activity), the remarks (kept in
 * the intake event), the platform it was raised at and the team that
 * collected the demand (its code or name: the case's team). */
enum { MI_LF_BUILDING = MI_F_N, MI_LF_PROPOSED, MI_LF_ACTIVITY, MI_LF_REMARKS, MI_LF_PLATFORM,
	MI_LF_TEAM, MI_LF_N };
/* Every field a layout may name (the canonical ones, then those above). */
extern const char *const mi_layout_fields[];

#define MI_LAYOUT_ALT 16
#define MI_LAYOUT_REQ 4

/* One layout of the config ("layouts"): the channel it fixes (or -1) and,
 * for each field, the column names to try (NULL-terminated); the title
 * columns a field's text is joined from; the groups of columns of which
 * the header must hold one each ("requires"). */
typedef struct mi_layout {
	const char *name;
	int channel;
	const char *cols[MI_LF_N][MI_LAYOUT_ALT];
	const char *join[MI_LF_N][MI_LAYOUT_ALT];
	const char *req[MI_LAYOUT_REQ][MI_LAYOUT_ALT];
} mi_layout;

typedef struct mi_layouts {
	mi_layout *v;
	size_t n;
} mi_layouts;

/* The config's layouts; their strings belong to the config, which must
 * outlive them. Release with mi_layouts_release. */
void mi_layouts_load(const mi_config *cfg, mi_layouts *out);
void mi_layouts_release(mi_layouts *l);
const mi_layout *mi_layout_find(const mi_layouts *l, const char *name);
/*
 * The layout that fits a header's names best, among all or only the one
 * named only: it must find its text column and one column of each of its
 * "requires" groups; the most fields found wins, a tie goes to the layout
 * listed first. NULL when none fits.
 */
const mi_layout *mi_layout_choose(const mi_layouts *l, const char *const *cols, size_t n,
    const char *only);
/* mi_layout_choose over a record's keys. */
const mi_layout *mi_layout_detect(const mi_layouts *l, const mi_record *rec, const char *only);
/* The header test (mi_header_fn) a reader of demands gives mi_reader_find_header:
 * a row is the header when a layout fits it; the score is the fields the
 * best layout finds. */
typedef struct mi_layout_pick {
	const mi_layouts *l;
	const char *only;
} mi_layout_pick;
int mi_layout_header(void *arg, const char *const *cells, size_t n);

/* A layout bound to one input: for CSV (csv != 0) the header's column
 * positions are found once; for JSON every record is looked up by key. */
typedef struct mi_fieldmap {
	const mi_layout *lay;
	int csv;
	int idx[MI_LF_N], title[MI_LF_N];   /* the body and title columns, or -1 */
	mi_buf *joined;                      /* a joined field's value, per field */
	/* Columns that repeat the name of a free-text field's column (the text,
	 * the address, the remarks): rep[i] is that field, else -1; their
	 * values are joined to the field's (rep NULL: none repeats). */
	int *rep;
	size_t nrep;
} mi_fieldmap;
/*
 * Binds lay to the header (the first record's keys for JSON). Two columns
 * that would fill one field refuse the file (65, naming file, line, both
 * columns and the field) unless one is the field's title (the layout's
 * "join"), or both bear the same name and the field is free text (the
 * text, the address, the remarks): then their values are joined with "；".
 * Release with mi_fieldmap_release.
 */
int mi_fieldmap_bind(mi_fieldmap *m, const mi_layout *lay, const mi_record *header, int csv,
    const char *file, long line, mi_err *e);
void mi_fieldmap_release(mi_fieldmap *m);
/* Field k (MI_F_*, MI_LF_*) of rec: the column's value, not empty, or NULL;
 * a title and a body are joined ("title：body"), as are the values of
 * columns of one name ("a；b"). Points into rec or m. */
const char *mi_field(const mi_fieldmap *m, const mi_record *rec, int k);
/* 1 when column i of the header is one m uses. */
int mi_fieldmap_uses(const mi_fieldmap *m, size_t i);
/*
 * Appends to out the header's names that come closest to any of want (at
 * most three, quoted, best first), or the header's names when none is close.
 */
void mi_columns_closest(const char *const *want, const char *const *cols, size_t n,
    mi_buf *out);
/* The report of a file's columns: "ignored columns: 序号, 备注" for the
 * named columns m does not use and the unnamed ones marked in data (one
 * byte per column, may be NULL); nothing when every column is used. */
void mi_columns_ignored(const mi_fieldmap *m, const char *const *cols, size_t n,
    const unsigned char *data, mi_buf *out);
/*
 * A file of demands read with a layout: the header test given to its
 * reader, the layout chosen and bound, the rows without content, and the
 * report of its columns. Shared by intake and reconcile.
 */
typedef struct mi_dsheet {
	const mi_layouts *l;
	mi_layout_pick pick;
	const char *file;
	const mi_layout *use;      /* once bound */
	mi_fieldmap map;
	unsigned char *data;       /* the unnamed columns that hold data */
	size_t ndata;
} mi_dsheet;
/* Readies ds for rd (sets its header test), among all layouts or only the one named. */
void mi_dsheet_start(mi_dsheet *ds, mi_reader *rd, const mi_layouts *l, const char *only);
/*
 * Chooses and binds the layout on the file's first record rec. Refuses the
 * file (65) when no layout fits, when two columns would fill one field, or
 * (with need_time) when the header has no received-time column; the
 * message names the file's columns that come closest.
 */
int mi_dsheet_bind(mi_dsheet *ds, mi_reader *rd, const mi_record *rec, int need_time,
    mi_err *e);
/* 1 when rec is a row without a demand (no time or phone, and every
 * cell filler): skipped and counted as empty. Notes unnamed columns with data. */
int mi_dsheet_skip(mi_dsheet *ds, const mi_record *rec);
/* Appends the report: "layout L (row N is the header); ignored columns: ...". */
void mi_dsheet_report(const mi_dsheet *ds, mi_reader *rd, mi_buf *out);
void mi_dsheet_release(mi_dsheet *ds);
/*
 * 1 for a cell without content: blank, a number, punctuation, or a total's
 * label (合计, 总计, 小计, 共计, total) with its count; *label set when it
 * holds such a label.
 */
int mi_cell_filler(const char *s, int *label);
/* 1 when every value of rec is filler (mi_cell_filler). */
int mi_record_filler(const mi_record *rec);

/* Where a record is: the units found, 0 for those not found. */
typedef struct mi_loc {
	int64_t street, community, estate;
	char why[256];         /* why no community was found, or "" */
} mi_loc;
/* Resolves the place from the columns given (street, community, estate;
 * any may be NULL), then by scanning the address; fills in what contains a
 * place found and drops a place that contradicts the one above it. Never
 * guesses. */
void mi_locate(const mi_gazetteer *g, const char *street, const char *community,
    const char *estate, const char *address, mi_loc *l);

/* ---- sheet.c: sheets of rows about cases ---- */

/* The first value among keys that is not blank, trimmed; caller frees; NULL when none. */
char *mi_record_pick(const mi_record *rec, const char *const *keys);
/* 1 when rec has any of keys as a column (empty or not). */
int mi_record_has(const mi_record *rec, const char *const *keys);
/* 1 when rec has a column naming its case: an id (id, case_id, 案件编号) or a
 * source reference (ref, 编号, 台账编号, 工单编号, 工单号). */
int mi_record_has_case(const mi_record *rec);
/*
 * A record of file that is not used, for why: counted in *rejected and
 * reported through reject (when not NULL) with 0, or with strict -1 and e
 * saying the whole input is refused (65).
 */
int mi_record_refuse(const char *file, const mi_record *rec, const char *why, int strict,
    mi_reject_fn reject, void *arg, long *rejected, mi_err *e);
/*
 * The case a row of a sheet means: by its id when the row gives one, else by
 * its source reference, with the channel when the row has one (channel,
 * 渠道), or alone when exactly one case has that reference. Returns 1 with
 * *id set; 0 with why set when the row names no case, an unknown one, or an
 * ambiguous reference; -1 on a database error.
 */
int mi_record_case(mi_ctx *c, const mi_record *rec, int64_t *id, char *why, size_t nwhy,
    mi_err *e);

/* What a row of a sheet, or a case given by id, came to. */
enum { MI_ROW_APPLIED, MI_ROW_KNOWN, MI_ROW_BLANK, MI_ROW_REFUSED };

#define MI_SHEET_FIELDS 12

/* A row of a sheet, as a verb's row step sees it. */
typedef struct mi_sheet_row {
	int64_t id;                /* the case it names */
	long line;
	char *v[MI_SHEET_FIELDS];  /* the spec's fields, trimmed; NULL when blank */
} mi_sheet_row;

/*
 * A verb's run over rows about cases: what its sheet holds, its steps, the
 * caller's options, and where what the rows came to is counted.
 *
 * A row is refused when it is malformed, names no case it can be matched
 * to, or lacks field 0 ("no <need> for case N"); else the verb's row step
 * has it. A row whose first nblank fields are all blank is left to be
 * filled in (MI_ROW_BLANK) before its case is looked for.
 *
 * start readies the verb's run (arg) with the sheet's name as shown, NULL
 * for cases given by id; once it has been called, finish is too, after the
 * commit or the rollback, with 0 when the run was kept: only then does it
 * hand out what was done. It returns -1 with e set when handing out failed
 * (a database error reading back what was kept): the run stays kept, and
 * its error is the run's. row and id apply a row or a case given by id:
 * each returns an MI_ROW_*, with why set for REFUSED, or -1 on an error,
 * which stops the run.
 */
typedef struct mi_sheet_spec {
	const char *const *fields[MI_SHEET_FIELDS];   /* the columns each field may be in */
	const char *what;          /* field 0, for a CSV header without any of its columns */
	const char *need;          /* field 0, for a row without it */
	int any;                   /* no field is needed, but a row holds one at least */
	int nblank;
	int (*start)(void *arg, const char *file, mi_err *e);
	int (*row)(void *arg, const mi_sheet_row *w, char *why, size_t nwhy, mi_err *e);
	int (*id)(void *arg, int64_t id, char *why, size_t nwhy, mi_err *e);
	int (*finish)(void *arg, int rc, mi_err *e);
	int enc, strict;           /* the sheet's encoding; strict: one row refused stops all */
	const char *sheet;         /* a workbook's sheet (name or number), or NULL */
	mi_reject_fn reject;       /* a row refused, unless strict */
	void (*skip)(void *arg, int64_t id, const char *why);   /* a case given by id refused */
	void *cb_arg;              /* for reject and skip */
	long *known, *blank;       /* known before; blank rows (NULL when nblank is 0) */
	long *rejected, *skipped;  /* rows refused; cases given by id refused */
	long *empty;               /* rows without content skipped (may be NULL) */
	/* The sheet's report, once at its end: the header's row when it is
	 * not the first, the columns ignored (may be NULL). */
	void (*note)(void *cb_arg, const char *file, const char *what);
} mi_sheet_spec;
/*
 * Runs the rows of the sheet at path ("-" standard input) through the verb
 * of s in one transaction, kept when the sheet was read to its end. 0 when
 * read; -1 when it could not be opened, lacked the columns, had a row
 * refused with s->strict, or on an error.
 */
int mi_sheet_import(mi_ctx *c, const char *path, const mi_sheet_spec *s, void *arg,
    mi_err *e);
/* The same for cases given by id: each refused one is reported, and the run goes on. */
int mi_sheet_ids(mi_ctx *c, const mi_idv *ids, const mi_sheet_spec *s, void *arg,
    mi_err *e);
/* The time a row gives (s, as written), or now when s is NULL: 1 with *at
 * set, or 0 with why set when it cannot be read or is in the future. */
int mi_sheet_time(const mi_ctx *c, const char *s, int64_t *at, char *why, size_t nwhy);

/* ---- stream.c: the case stream read as it comes ---- */

/* Lines of case ids read from a descriptor with read(2), each id handed
 * out as soon as its line is whole: a tool at the end of a pipe acts on
 * the cases while the tool before it is still printing them. */
typedef struct mi_idstream mi_idstream;
/* Reads fd (left open); caller frees with mi_idstream_free. */
mi_idstream *mi_idstream_new(int fd);
/*
 * Appends to out the ids of the lines that came whole, waiting up to ms
 * milliseconds (ms < 0: as long as it takes) for a line with an id. Lines
 * are read as mi_ids_read reads them. 1 while more may come (out may have
 * got nothing when the time ran out), 0 at the end of the input (the ids
 * of its last lines appended), -1 with e set (74) when reading failed.
 */
int mi_idstream_read(mi_idstream *s, int ms, mi_idv *out, mi_err *e);
void mi_idstream_free(mi_idstream *s);

#endif
