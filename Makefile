# minyi - see README.md.  `make`, `make check`, `make demo`, `make install`.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
LOCALEDIR  ?= $(PREFIX)/share/locale
# bash-completion loads a command's completion from a file named after it.
COMPDIR    ?= $(PREFIX)/share/bash-completion/completions
DESTDIR    ?=
PROGPREFIX ?=

CC      ?= cc
O       ?= build
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wno-unused-parameter
CPPFLAGS += -D_GNU_SOURCE -Iinclude -Ilib $(shell pkg-config --cflags sqlite3 libcjson 2>/dev/null)
CPPFLAGS += $(shell pkg-config --cflags libzip expat freexl libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
CPPFLAGS += $(shell pkg-config --cflags xlsxwriter 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs sqlite3 libcjson 2>/dev/null || echo -lsqlite3 -lcjson) -lcsv -lm
LDLIBS   += $(shell pkg-config --libs libzip expat freexl libxml-2.0 2>/dev/null || echo -lzip -lexpat -lfreexl -lxml2)
LDLIBS   += $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)

ifeq ($(SANITIZE),1)
O        = build-san
CFLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

TOOLS   = $(sort $(basename $(notdir $(wildcard cmd/*.c))))
# The library's floors, from the bottom (see HACKING): each folder of lib/
# is one, and a file includes only its own floor's header and those below.
FLOORS  = base store io verbs
LIBSRC  = $(foreach f,$(FLOORS),$(wildcard lib/$(f)/*.c))
LIBOBJ  = $(LIBSRC:lib/%.c=$(O)/lib/%.o) $(O)/lib/embed.o
BINS    = $(TOOLS:%=$(O)/bin/%)
UNITSRC = $(wildcard tests/unit/*.c)
UNITS   = $(UNITSRC:tests/unit/%.c=$(O)/tests/%)
EMBED   = lib/store/defaults.json lib/base/calendar.json
# Each object's real header dependencies, written by the compiler.
DEPFLAGS = -MMD -MP

# The message catalogues: po/LL.po, compiled by msgfmt (package gettext)
# into $(O)/locale; without msgfmt the tools speak English only.
LINGUAS = $(basename $(notdir $(wildcard po/*.po)))
MOS     = $(LINGUAS:%=$(O)/locale/%/LC_MESSAGES/minyi.mo)

all: $(BINS) $(MOS)

# What the build and the tests need, installed when missing (scripts/deps,
# with sudo when not root) before the first compile in a build directory:
# `make demo` and `make check` work as the first command on a bare machine.
DEPS_OK = $(O)/.deps-ok
$(DEPS_OK): scripts/deps
	@mkdir -p $(@D)
	sh scripts/deps
	@touch $@

$(O)/lib/%.o: lib/%.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

# Where the installed tools find their catalogues (MINYI_LOCALEDIR overrides).
$(O)/lib/verbs/cli.o: CPPFLAGS += -DMI_LOCALEDIR='"$(LOCALEDIR)"'

# msgfmt is looked for when the rule runs, after scripts/deps installed it.
$(O)/locale/%/LC_MESSAGES/minyi.mo: po/%.po | $(DEPS_OK)
	@mkdir -p $(@D)
	@if command -v msgfmt >/dev/null 2>&1; then \
	    echo "msgfmt -c -o $@ $<"; msgfmt -c -o $@.tmp $< && mv $@.tmp $@; \
	else echo "no msgfmt (package gettext): $@ not built, messages stay in English"; fi

# The template of every message, po/minyi.pot, from the sources: the
# functions that translate their format themselves are keywords.
XGETTEXT_FLAGS = --from-code=UTF-8 --package-name=minyi --package-version=$(shell sed -n 's/^#define MI_VERSION "\(.*\)"/\1/p' include/minyi.h) \
	--add-location=file --sort-by-file --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	--keyword=mi_err_set:3 --flag=mi_err_set:3:c-format \
	--keyword=mi_in_fail:3 --flag=mi_in_fail:3:c-format \
	--keyword=mi_cli_warn:2 --flag=mi_cli_warn:2:c-format \
	--keyword=mi_cli_usage:1 --flag=mi_cli_usage:1:c-format \
	--keyword=mi_cli_progress:2
# `make pot POT=FILE` writes the template elsewhere and merges nothing.
POTSRC = $(sort $(wildcard cmd/*.c) $(LIBSRC))
POT    ?= po/minyi.pot
pot:
	xgettext $(XGETTEXT_FLAGS) -o $(POT) $(POTSRC)
	if [ "$(POT)" = po/minyi.pot ]; then \
	    for l in $(LINGUAS); do msgmerge -q -U --backup=none po/$$l.po po/minyi.pot; done; fi

$(O)/lib/embed.c: $(EMBED) scripts/embed | $(DEPS_OK)
	@mkdir -p $(@D)
	sh scripts/embed $(EMBED) > $@.tmp && mv $@.tmp $@

$(O)/lib/embed.o: $(O)/lib/embed.c
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(O)/libminyi.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

# The tools see the front door only: include/, not lib/.
$(O)/bin/%: cmd/%.c $(O)/libminyi.a | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(filter-out -Ilib,$(CPPFLAGS)) $(DEPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) \
	    -o $@ $< $(O)/libminyi.a $(LDLIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libminyi.a | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(DEPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libminyi.a $(LDLIBS)

# Preloaded by the tests that run a tool as if no thread could be started,
# or as if one database step, or one open of a file, failed.
# Built without the sanitizers: it is loaded before their runtime.
SHIMS   = $(O)/tests/nothreads.so $(O)/tests/faildb.so $(O)/tests/failopen.so
$(O)/tests/%.so: tests/shim/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -shared -fPIC -o $@ $<

-include $(LIBOBJ:.o=.d) $(BINS:=.d) $(UNITS:=.d)

# Every test (C unit tests and the shell tests of the tools) under prove;
# its last line, "Result: PASS", is what CI reads.
check: all $(UNITS) $(SHIMS) $(DEPS_OK)
	sh scripts/check-floors
	MINYI_BUILD=$(CURDIR)/$(O) prove -f $(UNITS) tests/t/*.t

check-san:
	$(MAKE) SANITIZE=1 check

# The tools' tests with every tool run under valgrind (a leak or a memory
# error fails the test). The crash and concurrency tests are left out: they
# time their kills and locks, and the stream test its batches, which
# valgrind's slowness would change. Of the database-fault tests, which run
# a tool once for each step it takes, intake's stands for the rest.
VALGRIND_TESTS = $(filter-out tests/t/0185-route-stream.t tests/t/0200-hostile.t tests/t/0210-crash.t tests/t/0220-concurrency.t tests/t/0040-reliability.t tests/t/0045-files.t tests/t/0001-man.t tests/t/0251-faults-route.t tests/t/0252-faults-loop.t tests/t/0253-faults-reconcile.t tests/t/0254-faults-score.t tests/t/0255-faults-modes.t,$(wildcard tests/t/*.t))
check-valgrind: all $(SHIMS)
	sh scripts/valgrind-wrap $(CURDIR)/$(O) $(CURDIR)/$(O)/valgrind
	MINYI_BUILD=$(CURDIR)/$(O)/valgrind MINYI_BUSY_TIMEOUT=60000 prove -f $(VALGRIND_TESTS)

demo: all
	sh scripts/demo $(O)

deps:
	sh scripts/deps
	@mkdir -p $(O) && touch $(DEPS_OK)

# The libFuzzer targets under tests/fuzz (clang, -fsanitize=fuzzer,address,undefined),
# each run FUZZ_SECONDS from its seed corpus; fails when one of them crashes.
FUZZ_SECONDS ?= 60
fuzz: $(O)/lib/embed.c
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_OUT=$(O)/fuzz sh tests/fuzz/run $(O)/lib/embed.c

.PHONY: fuzz

lint-man:
	mandoc -Tlint -W warning man/*.[157] man/zh_CN/*.1

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	for t in $(TOOLS); do install -m 755 $(O)/bin/$$t $(DESTDIR)$(BINDIR)/$(PROGPREFIX)$$t; done
	for t in $(TOOLS); do install -m 644 man/$$t.1 $(DESTDIR)$(MANDIR)/man1/$(PROGPREFIX)$$t.1; done
	install -m 644 man/minyi.5 $(DESTDIR)$(MANDIR)/man5/minyi.5
	install -m 644 man/minyi.7 $(DESTDIR)$(MANDIR)/man7/minyi.7
	mkdir -p $(DESTDIR)$(COMPDIR)
	install -m 644 share/bash-completion/minyi $(DESTDIR)$(COMPDIR)/minyi
	for t in $(TOOLS); do ln -sf minyi $(DESTDIR)$(COMPDIR)/$$t; done
	for l in $(LINGUAS); do [ ! -f $(O)/locale/$$l/LC_MESSAGES/minyi.mo ] || { \
	    mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(O)/locale/$$l/LC_MESSAGES/minyi.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/minyi.mo; }; done
	for d in man/*/; do l=$$(basename $$d); mkdir -p $(DESTDIR)$(MANDIR)/$$l/man1; \
	    for p in $$d*.1; do install -m 644 $$p $(DESTDIR)$(MANDIR)/$$l/man1/$(PROGPREFIX)$$(basename $$p); done; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$(PROGPREFIX)$$t $(DESTDIR)$(MANDIR)/man1/$(PROGPREFIX)$$t.1; done
	rm -f $(DESTDIR)$(MANDIR)/man5/minyi.5 $(DESTDIR)$(MANDIR)/man7/minyi.7
	for t in minyi $(TOOLS); do rm -f $(DESTDIR)$(COMPDIR)/$$t; done
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/minyi.mo; done
	for d in man/*/; do l=$$(basename $$d); \
	    for p in $$d*.1; do rm -f $(DESTDIR)$(MANDIR)/$$l/man1/$(PROGPREFIX)$$(basename $$p); done; done

clean:
	rm -rf build build-san

.PHONY: all check check-san check-valgrind demo deps lint-man install uninstall clean pot
.SECONDARY:

# Mutation testing of the core library (scripts/mutate, not part of check):
# MUTATE_SAMPLE mutants of each core file (0: all), chosen by MUTATE_SEED,
# each built and tested in a scratch copy of the tree; prints killed,
# survived and stillborn per file and the score, and writes the survivors to
# $(O)/mutate-report.txt. Mutants judged equivalent are listed, with why, in
# scripts/mutate.equivalent. MUTATE_FLAGS adds options, e.g. --files time.c.
# The mutants are built with the sanitizers, as CI's check-san runs the
# tests, so a read past an array or a leak kills a mutant; MUTATE_SANITIZE=
# (empty) builds them plain, about twice as fast.
MUTATE_SAMPLE   ?= 8
MUTATE_SEED     ?= 1
MUTATE_SANITIZE ?= --sanitize
mutate:
	/usr/bin/python3 scripts/mutate --sample $(MUTATE_SAMPLE) --seed $(MUTATE_SEED) $(MUTATE_SANITIZE) \
	    --report $(O)/mutate-report.txt $(MUTATE_FLAGS)
.PHONY: mutate
