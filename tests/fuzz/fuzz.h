/*
 * fuzz.h - what the libFuzzer targets under tests/fuzz share: the input as a
 * file the library can open by path, as a C string, and a check that stops
 * the run (a crash libFuzzer records) when a property does not hold.
 */
#ifndef MINYI_FUZZ_H
#define MINYI_FUZZ_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "verbs/verbs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A failed property is a finding: say which, then abort so libFuzzer saves the input. */
#define FUZZ_CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz: %s:%d: property failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/* The time zone the county runs on, so that local times mean one thing. */
static inline void
fuzz_tz(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
}

/* A target whose inputs hold local times runs in the county's zone from
 * the start (libFuzzer calls this once, before the first input). */
#define FUZZ_IN_COUNTY_TIME \
	int LLVMFuzzerInitialize(int *argc, char ***argv) \
	{ \
		(void)argc; \
		(void)argv; \
		fuzz_tz(); \
		return 0; \
	}

/* The input as a NUL-terminated string (cut at its first NUL); caller frees. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * One file, kept for the whole run and rewritten for each input, named by a
 * path the library opens like any other: a memfd under /proc/self/fd when
 * the kernel has them, else a temporary file.
 */
static int fuzz_fd = -1;
static char fuzz_path_buf[64];

static inline const char *
fuzz_file(const void *pad, size_t npad, const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("minyi-fuzz", 0);
		if (fuzz_fd >= 0) {
			snprintf(fuzz_path_buf, sizeof(fuzz_path_buf), "/proc/self/fd/%d", fuzz_fd);
		} else {
			snprintf(fuzz_path_buf, sizeof(fuzz_path_buf), "/tmp/minyi-fuzz.XXXXXX");
			if ((fuzz_fd = mkstemp(fuzz_path_buf)) < 0)
				abort();
			unlink(fuzz_path_buf);
			/* Unlinked, the file is still reachable through its descriptor. */
			snprintf(fuzz_path_buf, sizeof(fuzz_path_buf), "/proc/self/fd/%d", fuzz_fd);
		}
	}
	if (ftruncate(fuzz_fd, 0) < 0)
		abort();
	if (npad > 0 && pwrite(fuzz_fd, pad, npad, 0) != (ssize_t)npad)
		abort();
	if (size > 0 && pwrite(fuzz_fd, data, size, (off_t)npad) != (ssize_t)size)
		abort();
	return fuzz_path_buf;
}

#endif
