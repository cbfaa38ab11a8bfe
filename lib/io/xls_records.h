/*
 * xls_merges.h - the merged cells of an .xls workbook, read from its BIFF8
 * records (libfreexl does not give them). Private to lib/io.
 */
#ifndef MINYI_XLS_MERGES_H
#define MINYI_XLS_MERGES_H

#include <stddef.h>

/* A merged range, rows and columns from 0, last ones included. */
typedef struct mi_xls_range {
	unsigned r1, r2, c1, c2;
} mi_xls_range;

typedef struct mi_xls_merges {
	unsigned char *wb;         /* the Workbook stream */
	size_t nwb;
	char **name;               /* each sheet's name (UTF-8), in the workbook's order */
	size_t *pos;               /* where its records start in the stream */
	size_t nsheets;
} mi_xls_merges;

/*
 * Reads the workbook at path for its sheets: 1; 0 when it has no
 * "Workbook" stream (a workbook older than Excel 97, which has no merged
 * cells); -1 when it cannot be read or is not a well-formed OLE2 file with
 * BIFF records. m is zeroed on 0 and -1; free it with mi_xls_merges_free.
 */
int mi_xls_merges_open(mi_xls_merges *m, const char *path);
/* The same from the file's n bytes at data. */
int mi_xls_merges_read(mi_xls_merges *m, const void *data, size_t n);
/* The merged ranges of the sheet named name: 0 and *out (caller frees), or
 * -1 when no sheet has that name or its records are cut. */
int mi_xls_merges_sheet(const mi_xls_merges *m, const char *name, mi_xls_range **out, size_t *n);
void mi_xls_merges_free(mi_xls_merges *m);

#endif
