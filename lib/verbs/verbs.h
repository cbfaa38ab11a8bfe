/*
 * verbs.h - the top floor: what the tools do. Most of it is declared in
 * the front door; these are the verbs' uses of one another.
 *
 * The floors of lib/, from the bottom: base (no database), store (the
 * database and what lives in it), io (records in, rows out), verbs (what
 * the tools do). A file includes its own floor's header and, through it,
 * the floors below; never a header of a floor above its own. The front
 * door, include/minyi.h, is what the tools see; every floor may use it.
 */
#ifndef MINYI_VERBS_H
#define MINYI_VERBS_H

#include "io/io.h"

/* ---- model.c ---- */

/* Reads labelled examples (columns text and label) from path; the arrays
 * and strings are the caller's to free. */
int mi_route_examples(const char *path, char ***texts, char ***labels, size_t *n, mi_err *e);

/* ---- route.c ---- */

/* The unit that takes a case of category and text (either may be NULL) in the
 * county tier: the department named by the first routing rule that matches
 * and names one, else the county centre; 0 when there is neither. */
int64_t mi_route_department(mi_ctx *c, const char *category, const char *text, mi_err *e);

#endif
