/* internal.h - declarations shared inside lib/ only. */
#ifndef MINYI_INTERNAL_H
#define MINYI_INTERNAL_H

#include "minyi.h"

/* Files compiled in by scripts/embed (NUL-terminated). */
extern const unsigned char mi_embed_defaults_json[];
extern const unsigned long mi_embed_defaults_json_len;
extern const unsigned char mi_embed_calendar_json[];
extern const unsigned long mi_embed_calendar_json_len;

#define MI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
