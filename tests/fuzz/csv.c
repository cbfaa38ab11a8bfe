/* csv.c - fuzzes the CSV reader (libcsv, encodings, limits, chunk ends). */
#include "reader.h"

FUZZ_IN_COUNTY_TIME

/* data[0] picks the encoding and the padding, data[1] where the chunk ends. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	fuzz_read(data[0] & 8 ? MI_FMT_AUTO : MI_FMT_CSV, data[0], data[1], data + 2, size - 2);
	return 0;
}
