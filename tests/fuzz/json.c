/* json.c - fuzzes the JSON array splitter and the NDJSON reader. */
#include "reader.h"

FUZZ_IN_COUNTY_TIME

/* data[0]: encoding and padding (bits 0-2), format (bits 3-4); data[1] where the chunk ends. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int fmts[] = { MI_FMT_JSON, MI_FMT_NDJSON, MI_FMT_AUTO, MI_FMT_JSON };

	if (size < 2)
		return 0;
	fuzz_read(fmts[(data[0] >> 3) & 3], data[0], data[1], data + 2, size - 2);
	return 0;
}
