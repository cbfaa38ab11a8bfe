/* err.c - the error struct every library call fills. */
#include <stdarg.h>
#include <string.h>

#include "base/base.h"

int
mi_err_set(mi_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), gettext(fmt), ap);
	va_end(ap);
	return -1;
}

void
mi_err_clear(mi_err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
}
