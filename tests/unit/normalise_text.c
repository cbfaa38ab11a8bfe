/* Unit tests for lib/verbs/normalise.c: the demand's words and how alike two are,
 * and the names and phones of the people. */
#include "verbs/verbs.h"
#include "verbs/reconcile.h"
#include "tap.h"
#include "normalise_fixture.h"

static size_t
sig(const char *text, uint16_t *out)
{
	mi_buf b = MI_BUF_INIT;
	size_t k = mi_norm_sig(n, text, out, 512, &b, NULL, NULL);

	mi_buf_release(&b);
	return k;
}

static void
text(const char *in, const char *want)
{
	mi_buf b = MI_BUF_INIT;

	mi_norm_text(n, in, &b);
	is_str(mi_buf_str(&b), want, "text '%s' -> '%s'", in, want);
	mi_buf_release(&b);
}

static int seen[2];

static void
on_word(void *arg, int i)
{
	(void)arg;
	seen[i]++;
}

static void
test_text(void)
{
	uint16_t a[512], b[512];
	size_t na, nb;
	mi_buf s = MI_BUF_INIT;

	text("市民来电反映：其居住的嘉祥县祥和苑三号楼垃圾桶满了，请相关部门核实处理。",
	    "3号楼垃圾桶满了");
	text("３号楼  垃圾桶\t满了！", "3号楼 垃圾桶 满了");
	text("萌山社区的路灯坏了", "的路灯坏了");
	na = sig("市民来电反映：3号楼垃圾桶满了，没人清运。", a);
	nb = sig("三号楼垃圾桶满了 没人清运", b);
	ok(na > 0 && mi_norm_dice(a, na, b, nb) == 1.0, "same words, other form: dice 1");
	nb = sig("3号楼垃圾箱满了，没人清运", b);
	ok(mi_norm_dice(a, na, b, nb) > 0.6 && mi_norm_dice(a, na, b, nb) < 1,
	    "one word changed: similar, not the same (%.2f)", mi_norm_dice(a, na, b, nb));
	nb = sig("楼上装修噪音很大", b);
	ok(mi_norm_dice(a, na, b, nb) < 0.1, "another demand: not similar");
	ok(mi_norm_dice(a, 0, b, 0) == 0, "no text: 0");
	na = sig("小区垃圾没人清运，门口停车难，垃圾桶也坏了", a);
	ok(na > 0, "a signature");
	mi_norm_sig(n, "小区垃圾没人清运，门口停车难，垃圾桶也坏了", a, 512, &s, on_word, NULL);
	ok(seen[0] == 2 && seen[1] == 1, "the caller's words are found in the same pass");
	mi_buf_release(&s);
}

static void
name(const char *a, const char *b, int want)
{
	mi_name x, y;

	mi_norm_name(a, &x);
	mi_norm_name(b, &y);
	is_int(mi_norm_name_level(&x, &y), want, "names '%s' and '%s': %d", a, b, want);
}

static void
test_names(void)
{
	name("张伟", "张伟", 2);
	name(" 张伟 ", "张伟", 2);
	name("张先生", "张伟", 1);
	name("张伟", "张女士", 1);
	name("张先生", "张女士", 1);
	name("李四", "张伟", -1);
	name("张三", "张伟", -1);
	name("李先生", "张伟", -1);
	name("匿名", "张伟", 0);
	name("", "张伟", 0);
	name(NULL, NULL, 0);
}

static void
phone(const char *a, const char *b)
{
	char x[24], y[24];

	ok(mi_phone_norm(a, x, sizeof(x)) == 0 && mi_phone_norm(b, y, sizeof(y)) == 0 &&
	    mi_match_hash(x) == mi_match_hash(y) && mi_match_hash(x) != 0,
	    "phones '%s' and '%s' are one", a, b);
}

static void
test_phones(void)
{
	phone("13812345678", "+86 138 1234 5678");
	phone("13812345678", "8613812345678");
	phone("13812345678", "008613812345678");
	phone("13812345678", "138-1234-5678");
	phone("0537-6812345", "05376812345");
	phone("0537-6812345", "6812345");
	phone("0537-6812345", "(0537) 681 2345");
	is_int(mi_match_hash(""), 0, "no phone hashes to 0");
}

/* A label of words that spaces and slashes keep apart ("Loud Music/Party",
 * NYC 311's descriptors) has no two tokens side by side: it is compared by
 * its words. */
static void
test_labels(void)
{
	uint16_t a[512], b[512], c[512];
	size_t na = sig("Loud Music/Party", a), nb = sig("Loud Music/Party", b);
	size_t nc = sig("Loud Talking", c);

	is_int(na, 3, "a label of three words: three words to compare");
	ok(mi_norm_dice(a, na, b, nb) == 1.0, "the same label is alike through and through");
	/* one word shared of 3 and 2: 2 * 1 / 5 */
	ok(mi_norm_dice(a, na, c, nc) == 0.4, "two labels sharing a word: 0.4 (%.3f)",
	    mi_norm_dice(a, na, c, nc));
	is_int(sig("市民来电反映：", a), 0, "the call-taker's phrase alone: nothing to compare");
	/* A text with pairs keeps comparing by pairs: 停水三天 has 3, not its 4 characters. */
	is_int(sig("停水三天", a), 3, "a text with pairs: its pairs");
}

int
main(void)
{
	norm_begin();
	test_text();
	test_labels();
	test_names();
	test_phones();
	norm_end();
	return done_testing();
}
