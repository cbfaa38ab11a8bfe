/*
 * failopen.c - preloaded by tests (LD_PRELOAD) to make one open(2) of a
 * file fail, as a file removed, or a disk that fails, between two reads of
 * it would: the FAILOPEN_AT-th open of a path that ends in FAILOPEN_PATH
 * fails with EIO. Other opens go through. Not part of the tools.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static long seen;

static int
failing(const char *path)
{
	const char *want = getenv("FAILOPEN_PATH"), *at = getenv("FAILOPEN_AT");
	size_t n, w;

	if (want == NULL || at == NULL || path == NULL)
		return 0;
	n = strlen(path);
	w = strlen(want);
	if (n < w || strcmp(path + n - w, want) != 0)
		return 0;
	return __atomic_add_fetch(&seen, 1, __ATOMIC_RELAXED) == strtol(at, NULL, 10);
}

int
open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (failing(path)) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "open");
	return real(path, flags, mode);
}
