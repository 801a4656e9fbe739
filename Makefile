# Brukerplan: a plain Makefile (GNU make). See README.md.
#
#   make                 build every CGI program and tool into build/
#   make run             serve Brukerplan from a real Apache on http://127.0.0.1:$(PORT)/
#   make test            unit tests (plain and ASan+UBSan), HTTP tests, browser tests
#   make load            32 kartleggere at once for 60 s: no 5xx, no save lost
#   make faults          kills, restarts, a full map and a full disk: nothing acknowledged lost
#   make bench           wrk figures for every page against a hello-world CGI
#   make fuzz            libFuzzer on every hand-written parser (clang; FUZZ_SECONDS each)
#   make deploy DEST=dir [BASE_URL=https://host/path] [MODE=drift]
#                        a tree for Apache hosting (.htaccess, store outside DocumentRoot)
#   make install         the same into $(PREFIX) (man pages in $(PREFIX)/man/man8)
#   make clean
#
# Local overrides go in Makefile.local (not tracked).
-include Makefile.local

BUILD    ?= build
DEPS     ?= build/deps
LINK     ?= static
SAN      ?=
PORT     ?= 8080
PREFIX   ?= /srv/brukerplan
DEST     ?=
BASE_URL ?=
MODE     ?=
RUN_DIR  ?=

CC       ?= cc
OPT      ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wformat=2 \
            -Wno-format-nonliteral -Werror
HARDEN    = -fstack-protector-strong -fstack-clash-protection -fPIE
CPPFLAGS_BP = -D_GNU_SOURCE -D_FORTIFY_SOURCE=2 -Icgi-bin/lib
# RELR (binutils 2.38, glibc 2.36): the ~20,000 relative relocations of a static-linked PIE
# as a 6 KB bitmap instead of a 480 KB table the loader pages in at every start
LDFLAGS_BP  = -pie -Wl,-z,relro,-z,now -Wl,--as-needed -Wl,-z,pack-relative-relocs

FUZZ_SECONDS ?= 60
ifneq ($(FUZZ),)
CC        = clang
SAN       = fuzz
endif

ifeq ($(SAN),fuzz)
OPT       = -O1 -g -fno-omit-frame-pointer
HARDEN    = -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fPIE
CPPFLAGS_BP = -D_GNU_SOURCE -Icgi-bin/lib
LDFLAGS_BP  = -pie -fsanitize=address,undefined
else ifneq ($(SAN),)
OPT       = -O1 -g -fno-omit-frame-pointer
HARDEN    = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fPIE
CPPFLAGS_BP = -D_GNU_SOURCE -Icgi-bin/lib
LDFLAGS_BP  = -pie -fsanitize=address,undefined
endif

# libxml2 and libxslt: static builds of Debian's sources (tools/site/staticdeps.sh explains why),
# or Debian's shared libraries with LINK=shared. The other libraries are Debian's own, static
# archives by default for the same start-up reason.
PKGS_STATIC = libcrypto lmdb libargon2 liboath zlib
ifeq ($(LINK),static)
XML_STAMP   = $(DEPS)/lib/libxslt.a
XML_CFLAGS  = -I$(DEPS)/include/libxml2 -I$(DEPS)/include
XML_LIBS    = $(DEPS)/lib/libxslt.a $(DEPS)/lib/libxml2.a -lm
SYS_LIBS    = -Wl,-Bstatic $(shell pkg-config --libs $(PKGS_STATIC)) -Wl,-Bdynamic -lpthread
else ifeq ($(LINK),shared)
XML_STAMP   =
XML_CFLAGS  = $(shell pkg-config --cflags libxslt libxml-2.0)
XML_LIBS    = $(shell pkg-config --libs libxslt libxml-2.0)
SYS_LIBS    = $(shell pkg-config --libs $(PKGS_STATIC))
else
$(error LINK must be static or shared)
endif
SYS_CFLAGS  = $(shell pkg-config --cflags $(PKGS_STATIC) libqrencode)
QR_LIBS     = $(shell pkg-config --libs libqrencode)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka)

CFLAGS_ALL  = $(OPT) $(WARN) $(HARDEN) $(CPPFLAGS_BP) $(XML_CFLAGS) $(SYS_CFLAGS) -MMD -MP
LIBS_ALL    = $(BUILD)/lib/libbp.a $(XML_LIBS) $(SYS_LIBS)

# cairo and pango (Debian's shared libraries) draw the innsyn PDFs: only pdf.c includes
# them, and only the programs that print link them (the others stay as small to start)
PDF_PKGS    = pangocairo fontconfig
PDF_CFLAGS  = $(shell pkg-config --cflags $(PDF_PKGS))
PDF_LIBS    = $(shell pkg-config --libs $(PDF_PKGS))
PDF_BIN     = $(BUILD)/cgi-bin/innsyn $(BUILD)/cgi-bin/rapport $(BUILD)/tests/test_pdf \
              $(BUILD)/cgi-bin/informasjonsskriv

# libpwquality judges new passwords (password.c; Debian ships no static archive of it):
# shared, and only into the programs that take a new password
PWQ_CFLAGS  = $(shell pkg-config --cflags pwquality)
PWQ_LIBS    = $(shell pkg-config --libs pwquality)
PWQ_BIN     = $(BUILD)/cgi-bin/register $(BUILD)/cgi-bin/konto $(BUILD)/cgi-bin/tilbakestill \
              $(BUILD)/tests/test_password

LIB_SRC   = $(wildcard cgi-bin/lib/*.c)
LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CGI_SRC   = $(wildcard cgi-bin/*.c)
CGI_BIN   = $(CGI_SRC:cgi-bin/%.c=$(BUILD)/cgi-bin/%)
TOOL_SRC  = $(wildcard tools/*.c)
TOOL_BIN  = $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%) $(BUILD)/tools/bpadm
# bpadm's larger parts, in files of their own
BPADM_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard tools/bpadm/*.c))
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELLO_BIN = $(BUILD)/bench/hello $(BUILD)/bench/maxrss
FUZZ_SRC  = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
REPLAY_BIN = $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
FUZZ_BIN  = $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
XSLT_OUT  = $(patsubst xslt/%.xsl,$(BUILD)/xslt/%.xsl,$(wildcard xslt/*.xsl))
DEF_SRC   = $(wildcard data/kartlegging/[0-9][0-9][0-9][0-9].xml)
REPORT_SRC = $(wildcard data/rapport/[0-9][0-9][0-9][0-9].xml)
# what `bpadm definition` makes a year's version with, kept in the data directory so that a
# deployed site can publish a new year's questionnaire with its own bpadm
DEF_TOOLS = $(BUILD)/data/kartlegging/stamp.xsl $(BUILD)/data/kartlegging/form.xsl \
            $(BUILD)/data/kartlegging/definition.rng $(BUILD)/data/rapport/rapport.xsl \
            $(REPORT_SRC:data/rapport/%=$(BUILD)/data/rapport/kilde/%)
DATA_OUT  = $(BUILD)/data/refdata.xml $(DEF_TOOLS) \
            $(DEF_SRC:data/kartlegging/%.xml=$(BUILD)/data/kartlegging/%/definition.xml) \
            $(REPORT_SRC:data/%=$(BUILD)/data/%)

.SECONDARY:
.PHONY: all run test load faults bench fuzz deploy install clean unit replay fuzz-run deps-build deps-run \
        deps-test deps-bench

all: $(CGI_BIN) $(TOOL_BIN) $(HELLO_BIN) $(XSLT_OUT) $(DATA_OUT)

# reference data: the tracked CSV files, checked and turned into one XML file
$(BUILD)/data/refdata.xml: tools/gen/refdata.awk data/korus.csv data/kommuner.csv data/bydeler.csv
	@mkdir -p $(@D)
	LC_ALL=C awk -f tools/gen/refdata.awk data/korus.csv data/kommuner.csv data/bydeler.csv > $@.tmp
	mv $@.tmp $@

# A year's questionnaire as a version (cgi-bin/lib/definition_files.c): its stamped copy,
# the image a save reads, the form's tabs rendered once, and the year's report definition
# (from data/rapport/YEAR.xml and the questionnaire, by tools/gen/rapportdef.xsl), all made by
# `bpadm definition build`, the same code `bpadm definition publish` runs on a site.
$(BUILD)/data/kartlegging/stamp.xsl: tools/gen/stamp.xsl
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/data/kartlegging/form.xsl: tools/gen/formtabs.xsl
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/data/kartlegging/definition.rng: data/kartlegging/definition.rng
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/data/rapport/rapport.xsl: tools/gen/rapportdef.xsl
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/data/rapport/kilde/%.xml: data/rapport/%.xml
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/data/kartlegging/%/definition.xml: data/kartlegging/%.xml $(DEF_TOOLS) $(BUILD)/tools/bpadm
	$(BUILD)/tools/bpadm definition build $(BUILD)/data $<

# written by the rule above; made again here only when it is missing or older
$(BUILD)/data/rapport/%.xml: $(BUILD)/data/kartlegging/%/definition.xml
	@[ $@ -nt $< ] || $(BUILD)/tools/bpadm definition build $(BUILD)/data data/kartlegging/$*.xml

# deployed stylesheets lose comments and indentation: each request parses its stylesheet
$(BUILD)/xslt/%.xsl: xslt/%.xsl tools/gen/minify.xsl
	@mkdir -p $(@D)
	xsltproc --nonet -o $@ tools/gen/minify.xsl $<

$(DEPS)/lib/libxslt.a: tools/site/staticdeps.sh
	tools/site/staticdeps.sh $(DEPS)

$(BUILD)/obj/%.o: %.c | $(XML_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/obj/cgi-bin/lib/pdf.o: CFLAGS_ALL += $(PDF_CFLAGS)
$(PDF_BIN): LIBS_ALL += $(PDF_LIBS)
$(BUILD)/obj/cgi-bin/lib/password.o: CFLAGS_ALL += $(PWQ_CFLAGS)
$(PWQ_BIN): LIBS_ALL += $(PWQ_LIBS)

$(BUILD)/lib/libbp.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/cgi-bin/%: $(BUILD)/obj/cgi-bin/%.o $(BUILD)/lib/libbp.a
	@mkdir -p $(@D)
	$(CC) $(HARDEN) $(LDFLAGS_BP) -o $@ $< $(LIBS_ALL) $(QR_LIBS)

$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o $(BUILD)/lib/libbp.a
	@mkdir -p $(@D)
	$(CC) $(HARDEN) $(LDFLAGS_BP) -o $@ $< $(LIBS_ALL) $(QR_LIBS)

# all of bpadm is in tools/bpadm/ (bpadm.c its commands' table and main)
$(BUILD)/tools/bpadm: $(BPADM_OBJ) $(BUILD)/lib/libbp.a
	@mkdir -p $(@D)
	$(CC) $(HARDEN) $(LDFLAGS_BP) -o $@ $(BPADM_OBJ) $(LIBS_ALL) $(QR_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/lib/libbp.a
	@mkdir -p $(@D)
	$(CC) $(HARDEN) $(LDFLAGS_BP) -o $@ $< $(LIBS_ALL) $(QR_LIBS) $(CMOCKA_LIBS)

# the yardstick of `make bench`: the least a C CGI program can cost under the same Apache
$(BUILD)/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(OPT) $(WARN) $(HARDEN) $(LDFLAGS_BP) -o $@ $<

# every fuzz target twice: driven by libFuzzer (make fuzz), and over its saved corpus by a
# plain main() (make test replays the corpora with the sanitizer build)
$(BUILD)/fuzz/replay_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/obj/tests/fuzz/replay.o $(BUILD)/lib/libbp.a
	@mkdir -p $(@D)
	$(CC) $(HARDEN) $(LDFLAGS_BP) -o $@ $^ $(LIBS_ALL)

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/lib/libbp.a
	@mkdir -p $(@D)
	$(CC) -fsanitize=fuzzer,address,undefined $(LDFLAGS_BP) -o $@ $^ $(LIBS_ALL)

replay: $(REPLAY_BIN)
	@for n in $(FUZZ_NAMES); do $(BUILD)/fuzz/replay_$$n tests/fuzz/corpus/$$n/* || exit 1; done

fuzz:
	@tools/site/deps.sh fuzz
	@$(MAKE) --no-print-directory FUZZ=1 BUILD=$(BUILD)/fuzz fuzz-run

# new inputs go to $(BUILD)/corpus/NAME; a crash leaves $(BUILD)/crash-NAME-* and fails
fuzz-run: $(FUZZ_BIN)
	@for n in $(FUZZ_NAMES); do \
		mkdir -p $(BUILD)/corpus/$$n; \
		echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
		$(BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		    -artifact_prefix=$(BUILD)/crash-$$n- -print_final_stats=1 \
		    $(BUILD)/corpus/$$n tests/fuzz/corpus/$$n 2>&1 | \
		    grep -E 'stat::number_of_executed_units|stat::new_units_added|ERROR|SUMMARY' ; \
		ls $(BUILD)/crash-$$n-* >/dev/null 2>&1 && { echo "fuzz: $$n crashed" >&2; exit 1; }; \
	done; true

deps-build:
	@tools/site/deps.sh build
deps-run:
	@tools/site/deps.sh run
deps-test:
	@tools/site/deps.sh test
deps-bench:
	@tools/site/deps.sh bench

unit: $(UNIT_BIN) $(DATA_OUT)
	@for t in $(UNIT_BIN); do echo "== $$t"; BP_BUILD=$(BUILD) $$t || exit 1; done

run: deps-run
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) PORT=$(PORT) RUN_DIR=$(RUN_DIR) tools/site/run.sh

# the HTTP suites (tests/http/), each against the normal build and then the sanitizer one;
# HTTP_ONCE against the normal build only: kill.sh's twenty SIGKILLs of bp-transfer and
# man.sh's reading of the man pages ask nothing of the sanitizers
HTTP_SUITES = run authz tilgang demo kartlegging aar innsyn informasjonsskriv reservasjon \
              endringslogger security rapport konto erklaering aarsskifte backup definisjon
HTTP_ONCE   = kill man

test: deps-test
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/asan all unit replay
	@for s in $(HTTP_SUITES); do \
		BUILD=$(BUILD) tests/http/$$s.sh && BUILD=$(BUILD)/asan tests/http/$$s.sh || exit 1; \
	done
	@for s in $(HTTP_ONCE); do BUILD=$(BUILD) tests/http/$$s.sh || exit 1; done
	@BUILD=$(BUILD) tests/browser/run.sh
	@BUILD=$(BUILD) tests/oidc/run.sh
	@BUILD=$(BUILD)/asan tests/oidc/run.sh

# 32 kartleggere for 60 s against a fresh Apache: no 5xx, no acknowledged save lost
load: deps-test
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) tests/load/run.sh

# CGI programs killed mid-save, Apache restarted under load, the map full, the disk full,
# two windows on one survey
faults: deps-test
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) tests/load/faults.sh

bench: deps-bench
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) tests/bench/run.sh
	@BUILD=$(BUILD) tests/bench/report.sh

deploy: all
	@test -n "$(DEST)" || { echo "usage: make deploy DEST=/path [BASE_URL=https://host/path]" >&2; exit 2; }
	@tools/site/deploy.sh "$(BUILD)" "$(DEST)" "$(BASE_URL)" "$(MODE)"

install:
	@$(MAKE) --no-print-directory deploy DEST=$(PREFIX)

clean:
	rm -rf $(BUILD)/obj $(BUILD)/lib $(BUILD)/cgi-bin $(BUILD)/tools $(BUILD)/tests \
	    $(BUILD)/bench $(BUILD)/xslt $(BUILD)/data $(BUILD)/fuzz $(BUILD)/asan

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
