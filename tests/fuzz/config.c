/* config.c - fuzzes the configuration loader (mi_config_load on a file). */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tz();
	unsetenv("MINYI_CONFIG");
	return 0;
}

/* What every tool asks of a config that loaded. */
static void
use(const mi_config *cfg)
{
	static const char *const tiers[] = { "community", "street", "county" };
	const mi_calendar *cal;
	mi_layouts lays;
	const char *h;
	size_t i;
	int days;

	h = mi_config_hash(cfg);
	FUZZ_CHECK(h != NULL && strlen(h) == 64, "hash '%s'", h ? h : "(null)");
	FUZZ_CHECK(mi_config_get(cfg, "tiers") != NULL, "no tiers");
	FUZZ_CHECK(strcmp(mi_config_source(cfg), "(built-in)") != 0, "source");
	cal = mi_config_calendar(cfg);
	FUZZ_CHECK(cal != NULL, "no calendar");
	for (i = 0; i < 3; i++) {
		char key[40];
		int64_t t = 1795654800, due;   /* 2026-11-26 09:00 */

		snprintf(key, sizeof(key), "tiers.%s.days", tiers[i]);
		days = mi_config_int(cfg, key, -1);
		FUZZ_CHECK(days >= 0 && days <= 365, "%s = %d passed the checks", key, days);
		/* A deadline is in the future of the day it counts from, and not absurdly far. */
		due = mi_calendar_add_workdays(cal, t, days);
		FUZZ_CHECK(due > t && due < t + 3LL * 366 * 86400, "%s: due %lld", key, (long long)due);
	}
	(void)mi_config_num(cfg, "routing.min_confidence", 0);
	(void)mi_config_str(cfg, "intake.channel", NULL);
	mi_layouts_load(cfg, &lays);
	for (i = 0; i < lays.n; i++)
		FUZZ_CHECK(lays.v[i].name != NULL, "layout %zu has no name", i);
	FUZZ_CHECK(mi_layout_find(&lays, "minyi") != NULL, "the minyi layout is gone");
	mi_layouts_release(&lays);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mi_config *cfg = NULL;
	mi_err e = { 0, "" };
	const char *path = fuzz_file(NULL, 0, data, size);

	if (mi_config_load(path, &cfg, &e) < 0) {
		/* Whatever is wrong with the file, it is a config error that says where. */
		FUZZ_CHECK(e.code == MI_EX_CONFIG, "code %d '%s'", e.code, e.msg);
		FUZZ_CHECK(strstr(e.msg, path) != NULL, "message does not name the file: '%s'", e.msg);
		mi_config_free(cfg);
		return 0;
	}
	use(cfg);
	mi_config_free(cfg);
	return 0;
}
