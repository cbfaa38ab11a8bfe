/* xls.c - fuzzes what minyi reads of an .xls itself: the compound file's
 * sector tables, its workbook stream, and the merged cells and formula
 * values in the BIFF records of every sheet. */
#include "fuzz.h"
#include "io/xls_records.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mi_xls_book m;
	mi_xls_sheet s;
	size_t i, k;
	int rc = mi_xls_book_read(&m, data, size);

	FUZZ_CHECK(rc >= -1 && rc <= 1, "rc %d", rc);
	if (rc <= 0)
		FUZZ_CHECK(m.nsheets == 0 && m.wb == NULL, "%zu sheets kept on %d", m.nsheets, rc);
	FUZZ_CHECK(m.nwb <= size, "a stream of %zu bytes from a file of %zu", m.nwb, size);
	for (i = 0; i < m.nsheets; i++) {
		FUZZ_CHECK(mi_utf8_valid(m.name[i], strlen(m.name[i])), "sheet %zu's name", i);
		if (mi_xls_sheet_read(&m, m.name[i], &s) < 0) {
			FUZZ_CHECK(s.mg == NULL && s.nmg == 0 && s.fv == NULL && s.nfv == 0,
			    "a failed sheet hands out %zu ranges, %zu values", s.nmg, s.nfv);
			continue;
		}
		/* each range is 8 bytes of the stream, each value 14 at least */
		FUZZ_CHECK(s.nmg <= m.nwb / 8 && s.nfv <= m.nwb / 14, "%zu ranges, %zu values from %zu bytes",
		    s.nmg, s.nfv, m.nwb);
		for (k = 0; k < s.nfv; k++) {
			FUZZ_CHECK(s.fv[k].text != NULL && mi_utf8_valid(s.fv[k].text, strlen(s.fv[k].text)),
			    "value %zu", k);
			FUZZ_CHECK(k == 0 || s.fv[k - 1].r < s.fv[k].r ||
			    (s.fv[k - 1].r == s.fv[k].r && s.fv[k - 1].c <= s.fv[k].c), "values in order at %zu", k);
		}
		mi_xls_sheet_free(&s);
	}
	mi_xls_book_free(&m);
	return 0;
}
