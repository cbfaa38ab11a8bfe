/* names_columns.c - unit tests for the Chinese headers of output columns (names.c). */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "tap.h"

int
main(void)
{
	/* Every column name the tools write (a name found by a binary search
	 * only when the table is in order). */
	static const char *const all[] = {
		"at", "attempts", "blue", "caller", "case", "cases", "category", "channel", "closed",
		"closure_rate", "code", "collector", "colour", "community", "confidence", "contact", "count",
		"counted", "covers", "day", "decision", "deduction", "depth", "details", "dissatisfied", "due",
		"estate", "event", "field", "first_rate", "first_unit", "grade", "held", "hotline", "how", "id",
		"kind", "last_attempt", "lead", "lead_name", "left", "line", "meeting", "meetings",
		"missed", "misses", "month", "months", "moved_to", "name", "note", "notes", "oldest",
		"oldest_due", "on_time_rate", "open", "operator", "outcome", "overdue", "parent",
		"people", "person", "phone", "points", "rank", "reason", "received", "red", "ref",
		"reopened", "reopens", "reporter", "resolution", "resolved", "role", "rule",
		"satisfaction_rate", "score", "status", "street", "text", "ticket", "tier", "time",
		"unit", "unit_name", "units", "value", "was", "why", "yellow",
	};
	mi_buf b = MI_BUF_INIT;
	size_t i;
	int v, found = 0;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		found += mi_column_zh(all[i], NULL) != NULL;
	is_int(found, sizeof(all) / sizeof(all[0]), "every column has a Chinese header");
	is_str(mi_column_zh("id", &v), "案件编号", "id: the header the sheets read back");
	is_int(v, -1, "id: no vocabulary");
	is_str(mi_column_zh("status", &v), "状态", "status");
	is_int(v, MI_V_STATUS, "status: the statuses' vocabulary");
	is_str(mi_column_zh("moved_to", &v), "升级至", "moved_to");
	is_int(v, MI_V_TIER, "moved_to: a tier");
	is_str(mi_column_zh("was", &v), "原预警", "was");
	is_int(v, MI_V_COLOUR, "was: a colour");
	is_str(mi_column_zh("no_such_column", &v), NULL, "an unknown column keeps its name");
	is_int(v, -1, "an unknown column: no vocabulary");
	is_str(mi_column_zh("", NULL), NULL, "an empty name");
	mi_vocab_list(MI_V_TIER, &b);
	is_str(mi_buf_str(&b), "community/社区直接办, street/街道协调办, county/县级会商办",
	    "a vocabulary listed for a message: English and Chinese");
	mi_buf_release(&b);
	return done_testing();
}
