/* stream.c - fuzzes the case stream: ids from lines of input and from operands. */
#include "fuzz.h"

/* data[0] & 1: the rest is NUL-separated operands ("-" reads the empty input). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mi_idv ids = MI_IDV_INIT;
	mi_err e = { 0, "" };
	char *buf, *argv[17];
	size_t i, start;
	int argc = 0, rc;
	FILE *in;

	if (size < 1)
		return 0;
	buf = malloc(size);
	if (buf == NULL)
		abort();
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	if (data[0] & 1) {
		for (i = start = 0; i < size && argc < 16; i++) {
			if (buf[i] == '\0') {
				argv[argc++] = buf + start;
				start = i + 1;
			}
		}
		argv[argc] = NULL;
		in = fopen("/dev/null", "r");
	} else {
		in = size > 1 ? fmemopen(buf, size - 1, "r") : fopen("/dev/null", "r");
	}
	if (in == NULL)
		abort();
	rc = mi_ids_read(argc, argv, in, &ids, &e);
	if (rc < 0) {
		FUZZ_CHECK(argc > 0 && e.code == MI_EX_USAGE && e.msg[0] != '\0',
		    "lines cannot fail, operands fail with 64: %d '%s'", e.code, e.msg);
	} else {
		for (i = 0; i < ids.n; i++)
			FUZZ_CHECK(ids.v[i] > 0, "id %lld", (long long)ids.v[i]);
		if (argc > 0)
			FUZZ_CHECK(ids.n <= (size_t)argc, "%zu ids from %d operands", ids.n, argc);
	}
	mi_idv_release(&ids);
	fclose(in);
	free(buf);
	return 0;
}
