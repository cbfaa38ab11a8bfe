/*
 * nothreads.c - preloaded by tests (LD_PRELOAD) to make every
 * pthread_create fail as it does on a machine out of threads (EAGAIN), so
 * the tools' one-thread paths run and can be compared with the threaded
 * ones. When NOTHREADS_LOG names a file, each refusal appends a line to
 * it, so a test can see that the path was taken. Not part of the tools.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

int
pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg)
{
	const char *log = getenv("NOTHREADS_LOG");
	int fd;

	(void)t;
	(void)a;
	(void)f;
	(void)arg;
	if (log != NULL && (fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644)) >= 0) {
		if (write(fd, "refused\n", 8) != 8)
			errno = EIO;
		close(fd);
	}
	return EAGAIN;
}
