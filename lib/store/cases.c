/* cases.c - where a case stands, and the reference a record without one gets. */
#include <stdio.h>
#include <string.h>

#include "store/store.h"

int
mi_case_state_load(mi_ctx *c, int64_t id, mi_case_state *k, mi_err *e)
{
	static const char sql[] =
	    "SELECT status, coalesce(tier, 'community'), coalesce(resp_id, 0), "
	    "coalesce(first_id, 0), coalesce(routed, 0), coalesce(due, 0), "
	    "coalesce(resolved, 0), attempts, reopens, coalesce(phone, '') = '', "
	    "coalesce(sign_due, 0), coalesce(signed, 0), coalesce(ext_asked, 0) "
	    "FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	int rc;

	if ((rc = mi_row_by_id(c, sql, id, &st, e)) <= 0)
		return rc;
	snprintf(k->status, sizeof(k->status), "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(k->tier, sizeof(k->tier), "%s", (const char *)sqlite3_column_text(st, 1));
	k->resp = sqlite3_column_int64(st, 2);
	k->first = sqlite3_column_int64(st, 3);
	k->routed = sqlite3_column_int64(st, 4);
	k->due = sqlite3_column_int64(st, 5);
	k->resolved = sqlite3_column_int64(st, 6);
	k->attempts = sqlite3_column_int(st, 7);
	k->reopens = sqlite3_column_int(st, 8);
	k->anonymous = sqlite3_column_int(st, 9);
	k->sign_due = sqlite3_column_int64(st, 10);
	k->signed_at = sqlite3_column_int64(st, 11);
	k->ext_asked = sqlite3_column_int(st, 12);
	sqlite3_reset(st);
	return 1;
}

int
mi_content_ref(const char **ref, int64_t received, const char *phone, const char *const *v,
    char out[20])
{
	static const int fields[] = { MI_F_CHANNEL, MI_F_REPORTER, MI_F_ADDRESS, MI_F_STREET,
		MI_F_COMMUNITY, MI_F_ESTATE, MI_F_CATEGORY, MI_F_TEXT, MI_F_COLLECTOR };
	mi_buf key = MI_BUF_INIT;
	char hex[65];
	size_t i;

	if (*ref)
		return strlen(*ref) > 200 ? -1 : 0;
	mi_buf_printf(&key, "%lld\x1f%s", (long long)received, phone ? phone : "");
	for (i = 0; i < MI_ARRAY_LEN(fields); i++)
		mi_buf_printf(&key, "\x1f%s", v[fields[i]] ? v[fields[i]] : "");
	mi_sha256_hex(key.s, key.len, hex);
	snprintf(out, 20, "c:%.16s", hex);
	mi_buf_release(&key);
	*ref = out;
	return 0;
}

void
mi_content_ref_old(int64_t received, const char *phone, const char *text, const char *address,
    char out[20])
{
	mi_buf key = MI_BUF_INIT;
	char hex[65];

	mi_buf_printf(&key, "%lld\x1f%s\x1f%s\x1f%s", (long long)received, phone ? phone : "",
	    text ? text : "", address ? address : "");
	mi_sha256_hex(key.s, key.len, hex);
	snprintf(out, 20, "h:%.16s", hex);
	mi_buf_release(&key);
}
