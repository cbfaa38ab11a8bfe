#!/bin/sh
# The manual pages: mandoc lints them clean, every tool has one, and each
# tool's SYNOPSIS reads word for word like the usage text the tool prints;
# so do the Chinese pages of intake, callback and score.

LC_ALL=C
export LC_ALL

# MINYI_BUILD may be relative to where prove was started.
case ${MINYI_BUILD:-} in
'') ;;
/*) ;;
*) MINYI_BUILD=$PWD/$MINYI_BUILD ;;
esac
cd "$(dirname "$0")/../.." || exit 1
. tests/t/lib.sh
trap 'exit 1' HUP INT TERM

if ! command -v mandoc >/dev/null 2>&1; then
	echo "1..0 # SKIP mandoc not installed"
	exit 0
fi

# Prints stdin as TAP comments.
comment() {
	sed 's/^/# /'
}

# One line, runs of white space squeezed to one blank, none at either end.
collapse() {
	tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//'
}

# The SYNOPSIS section of a page as mandoc renders it, without overstrikes;
# fails when mandoc does.
synopsis() {
	bs=$(printf '\b')
	mandoc -Tascii -O width=300 "$1" >"$T/ascii" || return 1
	sed "s/.$bs//g" "$T/ascii" |
	    awk '/^SYNOPSIS$/ { on = 1; next } on && /^[^ \t]/ { exit } on { print }'
}

# The usage text of a tool: what it prints for an unknown option, without
# getopt's complaint and the leading "usage:".
usage_of() {
	"$1" --no-such-option 2>"$T/usage.raw" >/dev/null
	status=$?
	grep -v 'unrecognized option' "$T/usage.raw" | collapse | sed 's/^usage: *//'
	return $status
}

# Shows two texts word by word as a unified diff, as TAP comments.
word_diff() {
	printf '%s\n' "$1" | tr ' ' '\n' >"$T/want"
	printf '%s\n' "$2" | tr ' ' '\n' >"$T/got"
	diff -u "$T/want" "$T/got" | comment
}

for src in cmd/*.c; do
	[ -f "$src" ] || continue
	tool=$(basename "$src" .c)
	page=man/$tool.1
	bin=$MINYI_BUILD/bin/$tool

	if [ -f "$page" ]; then
		pass "$page exists"
	else
		fail "$page exists"
		fail "$page: SYNOPSIS matches the usage of $tool"
		fail "$page: has the sections every tool page needs"
		continue
	fi

	if [ ! -x "$bin" ]; then
		fail "$page: SYNOPSIS matches the usage of $tool"
		echo "$bin not found: run make first" | comment
	else
		usage=$(usage_of "$bin")
		status=$?
		if synopsis "$page" >"$T/synopsis"; then
			want=$(collapse <"$T/synopsis")
		else
			want=
		fi
		if [ "$status" -ne 64 ]; then
			fail "$page: SYNOPSIS matches the usage of $tool"
			echo "$tool --no-such-option exited $status, expected 64" | comment
		elif [ -z "$usage" ]; then
			fail "$page: SYNOPSIS matches the usage of $tool"
			echo "$tool printed no usage text" | comment
		elif [ -z "$want" ]; then
			fail "$page: SYNOPSIS matches the usage of $tool"
			echo "mandoc rendered no SYNOPSIS from $page" | comment
		elif [ "$want" = "$usage" ]; then
			pass "$page: SYNOPSIS matches the usage of $tool"
		else
			fail "$page: SYNOPSIS matches the usage of $tool"
			echo "--- is the page, +++ is what $tool prints" | comment
			word_diff "$want" "$usage"
		fi
	fi

	missing=
	for sec in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES 'EXIT STATUS' \
	    EXAMPLES 'SEE ALSO'; do
		grep -q "^\.Sh $sec\$" "$page" || missing="$missing '$sec'"
	done
	if [ -z "$missing" ]; then
		pass "$page: has the sections every tool page needs"
	else
		fail "$page: has the sections every tool page needs"
		echo "missing:$missing" | comment
	fi
done

# The Chinese pages (man/zh_CN) of the tools staff read: the same SYNOPSIS
# as the English page, hence as the usage, and the same sections.
for tool in intake callback score; do
	page=man/zh_CN/$tool.1
	if [ ! -f "$page" ]; then
		fail "$page exists"
		continue
	fi
	if synopsis "$page" >"$T/zh" && synopsis "man/$tool.1" >"$T/en" &&
	    [ -s "$T/en" ] && [ "$(collapse <"$T/zh")" = "$(collapse <"$T/en")" ]; then
		pass "$page: the SYNOPSIS of man/$tool.1"
	else
		fail "$page: the SYNOPSIS of man/$tool.1"
		word_diff "$(collapse <"$T/en")" "$(collapse <"$T/zh")"
	fi
	missing=
	for sec in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES 'EXIT STATUS' \
	    EXAMPLES 'SEE ALSO'; do
		grep -q "^\.Sh $sec\$" "$page" || missing="$missing '$sec'"
	done
	eq "$page: has the sections every tool page needs" "$missing" ""
done

for page in man/*.1 man/*.5 man/*.7 man/zh_CN/*.1; do
	[ -f "$page" ] || continue
	mandoc -Tlint -W warning "$page" >"$T/lint" 2>&1
	if [ -s "$T/lint" ]; then
		fail "$page: mandoc -Tlint -W warning is silent"
		comment <"$T/lint"
	else
		pass "$page: mandoc -Tlint -W warning is silent"
	fi
done

for page in man/minyi.5 man/minyi.7; do
	if [ -f "$page" ]; then
		pass "$page exists"
	else
		fail "$page exists"
	fi
done

done_testing
