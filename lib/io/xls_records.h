/*
 * xls_records.h - what libfreexl reads past in an .xls workbook, read from
 * its BIFF8 records: the merged cells of each sheet, and the values its
 * formulas last gave (a formula's cell reads as empty through libfreexl).
 * Private to lib/io.
 */
#ifndef MINYI_XLS_RECORDS_H
#define MINYI_XLS_RECORDS_H

#include <stddef.h>

/* A merged range, rows and columns from 0, last ones included. */
typedef struct mi_xls_range {
	unsigned r1, r2, c1, c2;
} mi_xls_range;

/* A formula's cell and the text of the value it last gave, as a cell of
 * that value reads (a number in its shortest exact form, TRUE or FALSE,
 * an error as Excel shows it: #N/A). */
typedef struct mi_xls_value {
	unsigned r, c;
	char *text;
} mi_xls_value;

typedef struct mi_xls_book {
	unsigned char *wb;         /* the Workbook stream */
	size_t nwb;
	char **name;               /* each sheet's name (UTF-8), in the workbook's order */
	size_t *pos;               /* where its records start in the stream */
	size_t nsheets;
	int locked;                /* an .xlsx under a password (its EncryptedPackage) */
} mi_xls_book;

typedef struct mi_xls_sheet {
	mi_xls_range *mg;          /* in the order of the records */
	size_t nmg;
	mi_xls_value *fv;          /* by row, then column */
	size_t nfv;
} mi_xls_sheet;

/*
 * Reads the workbook at path for its sheets: 1; 0 when it has no
 * "Workbook" stream (a workbook older than Excel 97, left to libfreexl
 * alone, or m->locked: an .xlsx under a password); -1 when it cannot be
 * read or is not a well-formed OLE2 file with BIFF records. On 0 and -1 m
 * holds nothing but locked; free it with mi_xls_book_free.
 */
int mi_xls_book_open(mi_xls_book *m, const char *path);
/* The same from the file's n bytes at data. */
int mi_xls_book_read(mi_xls_book *m, const void *data, size_t n);
void mi_xls_book_free(mi_xls_book *m);
/* The merged ranges and formula values of the sheet named name: 0, or -1
 * when no sheet has that name or its records are cut (s is then empty).
 * Free s with mi_xls_sheet_free. */
int mi_xls_sheet_read(const mi_xls_book *m, const char *name, mi_xls_sheet *s);
void mi_xls_sheet_free(mi_xls_sheet *s);
/* Orders values by row, then column (to search fv with mi_search). */
int mi_xls_value_cmp(const void *a, const void *b);

#endif
