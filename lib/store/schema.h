/* schema.h - the migrations table (lib/ only). */
#ifndef MINYI_SCHEMA_H
#define MINYI_SCHEMA_H

#include <stddef.h>

struct mi_migration {
	int version;
	const char *sql;
};
extern const struct mi_migration mi_migrations[];
extern const size_t mi_nmigrations;

#endif
