#!/bin/sh
# The manual pages: mandoc lints them clean, every tool has one, and each
# tool's SYNOPSIS reads word for word like the usage text the tool prints.

LC_ALL=C
export LC_ALL

# MINYI_BUILD may be relative to where prove was started.
case ${MINYI_BUILD:-} in
'') ;;
/*) ;;
*) MINYI_BUILD=$PWD/$MINYI_BUILD ;;
esac
cd "$(dirname "$0")/../.." || exit 1
MINYI_BUILD=${MINYI_BUILD:-$PWD/build}

if ! command -v mandoc >/dev/null 2>&1; then
	echo "1..0 # SKIP mandoc not installed"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/minyi-man.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

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
	mandoc -Tascii -O width=300 "$1" >"$tmp/ascii" || return 1
	sed "s/.$bs//g" "$tmp/ascii" |
	    awk '/^SYNOPSIS$/ { on = 1; next } on && /^[^ \t]/ { exit } on { print }'
}

# The usage text of a tool: what it prints for an unknown option, without
# getopt's complaint and the leading "usage:".
usage_of() {
	"$1" --no-such-option 2>"$tmp/usage.raw" >/dev/null
	status=$?
	grep -v 'unrecognized option' "$tmp/usage.raw" | collapse | sed 's/^usage: *//'
	return $status
}

# Shows two texts word by word as a unified diff, as TAP comments.
word_diff() {
	printf '%s\n' "$1" | tr ' ' '\n' >"$tmp/want"
	printf '%s\n' "$2" | tr ' ' '\n' >"$tmp/got"
	diff -u "$tmp/want" "$tmp/got" | comment
}

for src in cmd/*.c; do
	[ -f "$src" ] || continue
	tool=$(basename "$src" .c)
	page=man/$tool.1
	bin=$MINYI_BUILD/bin/$tool

	if [ -f "$page" ]; then
		ok "$page exists"
	else
		not_ok "$page exists"
		not_ok "$page: SYNOPSIS matches the usage of $tool"
		not_ok "$page: has the sections every tool page needs"
		continue
	fi

	if [ ! -x "$bin" ]; then
		not_ok "$page: SYNOPSIS matches the usage of $tool"
		echo "$bin not found: run make first" | comment
	else
		usage=$(usage_of "$bin")
		status=$?
		if synopsis "$page" >"$tmp/synopsis"; then
			want=$(collapse <"$tmp/synopsis")
		else
			want=
		fi
		if [ "$status" -ne 64 ]; then
			not_ok "$page: SYNOPSIS matches the usage of $tool"
			echo "$tool --no-such-option exited $status, expected 64" | comment
		elif [ -z "$usage" ]; then
			not_ok "$page: SYNOPSIS matches the usage of $tool"
			echo "$tool printed no usage text" | comment
		elif [ -z "$want" ]; then
			not_ok "$page: SYNOPSIS matches the usage of $tool"
			echo "mandoc rendered no SYNOPSIS from $page" | comment
		elif [ "$want" = "$usage" ]; then
			ok "$page: SYNOPSIS matches the usage of $tool"
		else
			not_ok "$page: SYNOPSIS matches the usage of $tool"
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
		ok "$page: has the sections every tool page needs"
	else
		not_ok "$page: has the sections every tool page needs"
		echo "missing:$missing" | comment
	fi
done

for page in man/*.1 man/*.5 man/*.7; do
	[ -f "$page" ] || continue
	mandoc -Tlint -W warning "$page" >"$tmp/lint" 2>&1
	if [ -s "$tmp/lint" ]; then
		not_ok "$page: mandoc -Tlint -W warning is silent"
		comment <"$tmp/lint"
	else
		ok "$page: mandoc -Tlint -W warning is silent"
	fi
done

for page in man/minyi.5 man/minyi.7; do
	if [ -f "$page" ]; then
		ok "$page exists"
	else
		not_ok "$page exists"
	fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
