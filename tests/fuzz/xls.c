/* xls.c - fuzzes the merged cells of an .xls: the compound file's sector
 * tables, its workbook stream and the BIFF records of every sheet. */
#include "fuzz.h"
#include "io/xls_merges.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mi_xls_merges m;
	mi_xls_range *r;
	size_t i, k, n;
	int rc = mi_xls_merges_read(&m, data, size);

	FUZZ_CHECK(rc >= -1 && rc <= 1, "rc %d", rc);
	if (rc <= 0)
		FUZZ_CHECK(m.nsheets == 0 && m.wb == NULL, "%zu sheets kept on %d", m.nsheets, rc);
	FUZZ_CHECK(m.nwb <= size, "a stream of %zu bytes from a file of %zu", m.nwb, size);
	for (i = 0; i < m.nsheets; i++) {
		FUZZ_CHECK(mi_utf8_valid(m.name[i], strlen(m.name[i])), "sheet %zu's name", i);
		if (mi_xls_merges_sheet(&m, m.name[i], &r, &n) < 0) {
			FUZZ_CHECK(r == NULL && n == 0, "a failed sheet hands out %zu ranges", n);
			continue;
		}
		/* each range is 8 bytes of the stream */
		FUZZ_CHECK(n <= m.nwb / 8, "%zu ranges from a stream of %zu bytes", n, m.nwb);
		for (k = 0; k < n; k++)
			FUZZ_CHECK(r[k].r1 <= 0xFFFF && r[k].c2 <= 0xFFFF, "range %zu", k);
		free(r);
	}
	mi_xls_merges_free(&m);
	return 0;
}
