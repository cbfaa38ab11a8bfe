/* layout.c - what a record's columns mean: input layouts, and the place a record names.
 *
 * Shared by every importer of demands (intake, reconcile): a layout of the
 * config says which columns may hold each canonical field; the one whose
 * columns a file's header fits best is used for the whole file.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"

const char *const mi_case_fields[] = {
	"ref", "channel", "received", "reporter", "phone", "address", "street",
	"community", "estate", "category", "text", "collector", "unit", NULL
};

void
mi_layouts_load(const mi_config *cfg, mi_layouts *out)
{
	const cJSON *all = mi_config_get(cfg, "layouts"), *l, *fields, *names, *n;
	const char *ch;
	size_t i, k;

	out->n = (size_t)cJSON_GetArraySize(all);
	out->v = mi_xcalloc(out->n ? out->n : 1, sizeof(*out->v));
	i = 0;
	cJSON_ArrayForEach(l, all) {
		mi_layout *y = &out->v[i++];

		y->name = l->string;
		ch = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l, "channel"));
		y->channel = ch && *ch ? mi_vocab_parse(MI_V_CHANNEL, ch) : -1;
		fields = cJSON_GetObjectItemCaseSensitive(l, "fields");
		for (k = 0; k < MI_F_N; k++) {
			size_t j = 0;

			names = cJSON_GetObjectItemCaseSensitive(fields, mi_case_fields[k]);
			cJSON_ArrayForEach(n, names)
				if (j < MI_LAYOUT_ALT - 1 && cJSON_IsString(n))
					y->cols[k][j++] = n->valuestring;
		}
	}
}

void
mi_layouts_release(mi_layouts *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const mi_layout *
mi_layout_find(const mi_layouts *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

static int
has_key(const mi_record *rec, const char *key)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strcmp(rec->key[i], key) == 0)
			return (int)i;
	return -1;
}

const mi_layout *
mi_layout_detect(const mi_layouts *l, const mi_record *rec, const char *only)
{
	const mi_layout *best = NULL;
	int bestn = 0, n, found_text;
	size_t i, k, j;

	for (i = 0; i < l->n; i++) {
		const mi_layout *y = &l->v[i];

		if (only && strcmp(only, y->name) != 0)
			continue;
		n = 0;
		found_text = 0;
		for (k = 0; k < MI_F_N; k++) {
			for (j = 0; y->cols[k][j]; j++) {
				if (has_key(rec, y->cols[k][j]) >= 0) {
					n++;
					if (k == MI_F_TEXT)
						found_text = 1;
					break;
				}
			}
		}
		if (found_text && n > bestn) {
			best = y;
			bestn = n;
		}
	}
	return best;
}

void
mi_fieldmap_init(mi_fieldmap *m, const mi_layout *lay, const mi_record *header, int csv)
{
	size_t k, j;

	m->lay = lay;
	m->csv = csv && header != NULL;
	for (k = 0; k < MI_F_N; k++)
		for (j = 0; j < MI_LAYOUT_ALT; j++)
			m->idx[k][j] = m->csv && lay->cols[k][j] ? has_key(header, lay->cols[k][j]) : -1;
}

const char *
mi_field(const mi_fieldmap *m, const mi_record *rec, int k)
{
	const char *v;
	size_t j;
	int i;

	for (j = 0; j < MI_LAYOUT_ALT && m->lay->cols[k][j]; j++) {
		if (m->csv) {
			i = m->idx[k][j];
			v = i >= 0 && (size_t)i < rec->n ? rec->val[i] : NULL;
		} else
			v = mi_record_get(rec, m->lay->cols[k][j]);
		if (v && *v)
			return v;
	}
	return NULL;
}

void
mi_locate(const mi_gazetteer *g, const char *street, const char *community, const char *estate,
    const char *address, mi_loc *l)
{
	int64_t id;

	l->street = l->community = l->estate = 0;
	l->why[0] = '\0';
	if (street && (id = mi_gaz_find(g, MI_U_STREET, street, 0)) > 0)
		l->street = id;
	else if (street)
		snprintf(l->why, sizeof(l->why), "unknown street '%s'", street);
	if (community && (id = mi_gaz_find(g, MI_U_COMMUNITY, community, l->street)) > 0)
		l->community = id;
	else if (community && !l->why[0])
		snprintf(l->why, sizeof(l->why), "%s community '%s'",
		    id < 0 ? "ambiguous" : "unknown", community);
	if (estate && (id = mi_gaz_find(g, MI_U_ESTATE, estate,
	    l->community ? l->community : l->street)) > 0)
		l->estate = id;
	if (address && (!l->street || !l->community || !l->estate))
		mi_gaz_scan(g, address, &l->street, &l->community, &l->estate);
	/* What contains a place found is known: fill it in, and drop a place
	 * that contradicts the one above it rather than pick one. */
	if (l->estate) {
		id = mi_gaz_parent(g, l->estate);
		if (l->community && l->community != id)
			l->estate = 0;
		else
			l->community = id;
	}
	if (l->community) {
		id = mi_gaz_parent(g, l->community);
		if (l->street && l->street != id) {
			snprintf(l->why, sizeof(l->why), "community '%s' is not in street '%s'",
			    mi_gaz_name(g, l->community), mi_gaz_name(g, l->street));
			l->community = l->estate = 0;
		} else
			l->street = id;
	}
	/* An address may hold a name or a phone, and the reason goes to stderr
	 * and into the intake event: it names only the place found in it. */
	if (!l->community && !l->why[0] && address && l->street)
		snprintf(l->why, sizeof(l->why), "no community found in the address (street '%s')",
		    mi_gaz_name(g, l->street));
	else if (!l->community && !l->why[0] && address)
		snprintf(l->why, sizeof(l->why), "no community found in the address");
	else if (!l->community && !l->why[0] && (estate || street))
		snprintf(l->why, sizeof(l->why), "no community found in '%s'",
		    estate ? estate : street);
	else if (!l->community && !l->why[0])
		snprintf(l->why, sizeof(l->why), "no location given");
}
