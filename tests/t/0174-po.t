#!/bin/sh
# Every message has its Chinese: po/zh_CN.po translates all of po/minyi.pot,
# none fuzzy, and po/minyi.pot holds what the code says now (`make pot`), so
# a new English message without a translation fails here.
. tests/t/lib.sh

if ! command -v msgfmt >/dev/null 2>&1 || ! command -v xgettext >/dev/null 2>&1; then
	skip "no msgfmt or xgettext (package gettext): the catalogue is not checked"
	done_testing
	exit
fi
stats=$(msgfmt -c --statistics -o /dev/null po/zh_CN.po 2>&1)
echo "# zh_CN: $stats"
case $stats in
*translated*) pass "msgfmt -c reads po/zh_CN.po" ;;
*) fail "msgfmt -c reads po/zh_CN.po: $stats" ;;
esac
eq "no untranslated message" "$(echo "$stats" | grep -c untranslated)" 0
eq "no fuzzy message" "$(echo "$stats" | grep -c fuzzy)" 0

# The template, made afresh from the sources, has the same messages as the
# one in the tree; and each of them is translated.
make -s --no-print-directory pot POT="$T/now.pot" >"$T/make.out" 2>&1 || cat "$T/make.out"
ids() { msgcat --no-wrap --sort-output --no-location "$1" | sed -n '/^msgid/,/^msgstr/p' | grep -v '^msgstr'; }
ids "$T/now.pot" >"$T/now"
ids po/minyi.pot >"$T/tree"
if diff -u "$T/tree" "$T/now" >"$T/diff"; then pass "po/minyi.pot is up to date (make pot)"; else
	fail "po/minyi.pot is up to date (make pot)"
	sed 's/^/#   /' "$T/diff" | head -20
fi
if msgcmp po/zh_CN.po "$T/now.pot" >"$T/cmp" 2>&1; then pass "every message in the code has a zh_CN translation"; else
	fail "every message in the code has a zh_CN translation"
	sed 's/^/#   /' "$T/cmp" | head -20
fi
done_testing
