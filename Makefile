# Passage: build, run, test, benchmark. `make run` and `make test` are the two commands a newcomer needs.

SANITIZE ?=
ifeq ($(SANITIZE),1)
BUILD ?= build/san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT = -O1
else
BUILD ?= build/release
SANFLAGS =
OPT = -O2
endif

CC ?= cc
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
CPPFLAGS += -D_GNU_SOURCE -Iapp -I$(BUILD)/gen -DPASSAGE_VERSION='"$(VERSION)"' $(shell pkg-config --cflags libpq)
CFLAGS += -std=c11 $(OPT) -g -Wall -Wextra -Wshadow -Wformat=2 -Wvla \
	-fstack-protector-strong -fPIE -pthread -MMD -MP $(SANFLAGS)
ifneq ($(SANITIZE),1)
CPPFLAGS += -D_FORTIFY_SOURCE=2
endif
LDFLAGS += -pie -Wl,-z,relro,-z,now -pthread $(SANFLAGS)
LDLIBS = -lfcgi $(shell pkg-config --libs libpq) -lmbedx509 -lmbedcrypto -largon2 -lcmark -lqrencode -lm

SRC := $(filter-out app/main.c,$(wildcard app/*/*.c))
OBJ := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o $(BUILD)/gen/common_passwords.o $(BUILD)/gen/catalogs.o
BIN := $(BUILD)/passage
CSS_HASH = $(shell sha256sum web/static/passage.css | cut -c1-10)
JS_HASH = $(shell sha256sum web/static/live.js | cut -c1-10)
LISTEN_HASH = $(shell sha256sum web/static/listen.js | cut -c1-10)

TEST_SRC := $(wildcard tests/unit/*.c tests/e2e/*.c)
TEST_BIN := $(BUILD)/passage-tests
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(BUILD)/passage-unit

.PHONY: all deps run start stop test check bench clean static install pot
# Compiling never runs the package installer: `make run`, `make test`, `make bench` and .ci/run do, first.
all: $(BIN) static

deps:
	@deploy/deps.sh

$(BUILD)/gen/migrations.c: sql/embed.sh $(wildcard sql/*.sql)
	@mkdir -p $(@D)
	sql/embed.sh $(sort $(wildcard sql/*.sql)) > $@.tmp && mv $@.tmp $@

# The interface's message catalogs: each po/CODE.po checked and compiled by msgfmt, carried by the binary.
$(BUILD)/gen/catalogs.c: po/embed.sh $(wildcard po/*.po)
	@mkdir -p $(@D)
	po/embed.sh $(@D) $(sort $(wildcard po/*.po)) > $@.tmp && mv $@.tmp $@

# The template translators start from: every _(), _p(), _n() and N_() in app/.
POT_SRC = $(sort $(wildcard app/*/*.c app/*.c))
POT_OUT ?= po/passage.pot
pot:
	xgettext --language=C --from-code=UTF-8 --keyword= --keyword=_ --keyword=_p:1c,2 --keyword=_n:1,2 \
	  --keyword=N_ --keyword=NC_:1c,2 --keyword=tr:2 --keyword=http_error:3 --keyword=http_unavailable:2 \
	  --keyword=http_store_failed:3 --keyword=trp:2c,3 --keyword=trn:2,3 --add-comments=TRANSLATORS: \
	  --sort-by-file --package-name=Passage --msgid-bugs-address=https://passage.invalid/issues \
	  -o $(POT_OUT) $(POT_SRC)
	@[ "$(POT_OUT)" != po/passage.pot ] || for f in po/*.po; do [ -e "$$f" ] && \
	  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$$f" po/passage.pot; done; true

# The stylesheet and the script are served under names carrying their hashes, so they can be cached
# for a year.
$(BUILD)/gen/static_names.h: web/static/passage.css web/static/live.js web/static/listen.js
	@mkdir -p $(@D)
	{ echo '#define STATIC_CSS "/static/passage.$(CSS_HASH).css"'; \
	  echo '#define STATIC_JS "/static/live.$(JS_HASH).js"'; \
	  echo '#define STATIC_LISTEN_JS "/static/listen.$(LISTEN_HASH).js"'; } > $@.tmp && mv $@.tmp $@

static: $(BUILD)/gen/static_names.h
	@mkdir -p $(BUILD)/static
	@rm -f $(BUILD)/static/passage.*.css*
	cp web/static/passage.css $(BUILD)/static/passage.$(CSS_HASH).css
	gzip -9 -k -n -f $(BUILD)/static/passage.$(CSS_HASH).css
	@rm -f $(BUILD)/static/live.*.js*
	cp web/static/live.js $(BUILD)/static/live.$(JS_HASH).js
	gzip -9 -k -n -f $(BUILD)/static/live.$(JS_HASH).js
	@rm -f $(BUILD)/static/listen.*.js*
	cp web/static/listen.js $(BUILD)/static/listen.$(LISTEN_HASH).js
	gzip -9 -k -n -f $(BUILD)/static/listen.$(LISTEN_HASH).js
	cp -r web/static/errors $(BUILD)/static/

# The column names of the statements' rows, as they are declared beside the SQL in stmt.c. Rewritten
# only when they change, so that editing SQL does not rebuild every file.
$(BUILD)/gen/stmt_cols.h: app/store/stmt.c app/store/stmt_cols.awk
	@mkdir -p $(@D)
	awk -f app/store/stmt_cols.awk app/store/stmt.c > $@.tmp
	cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(BUILD)/%.o: %.c | $(BUILD)/gen/static_names.h $(BUILD)/gen/stmt_cols.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# The list of common passwords, lower-cased and sorted for binary search.
$(BUILD)/gen/common_passwords.c: app/security/common-passwords.txt
	@mkdir -p $(@D)
	{ echo '#include "security/common_passwords.h"'; echo 'const char *const common_passwords[] = {'; \
	  grep -v '^#' $< | tr 'A-Z' 'a-z' | LC_ALL=C sort -u | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/\t"&",/'; \
	  echo '};'; echo 'const size_t n_common_passwords = sizeof(common_passwords) / sizeof(common_passwords[0]);'; } > $@.tmp
	mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libpassage.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

$(BIN): $(BUILD)/app/main.o $(BUILD)/libpassage.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Criterion re-executes the test binary for each test, so parameter tables holding pointers need the
# same addresses in every process: the test binary is linked without PIE.
$(TEST_BIN): $(TEST_SRC:%.c=$(BUILD)/%.o) $(BUILD)/libpassage.a
	$(CC) $(filter-out -pie,$(LDFLAGS)) -no-pie -o $@ $^ $(LDLIBS) -lcriterion -lcurl

$(BUILD)/tests/%.o: CPPFLAGS += -Itests

# The unit tests alone (tests/unit: no database, no server), for the edit-compile-test loop.
$(UNIT_BIN): $(UNIT_SRC:%.c=$(BUILD)/%.o) $(BUILD)/libpassage.a
	$(CC) $(filter-out -pie,$(LDFLAGS)) -no-pie -o $@ $^ $(LDLIBS) -lcriterion

check: $(UNIT_BIN)
	$(UNIT_BIN) --short-filename -j2
	@[ -n "$(SKIP_PO)" ] || po/check.sh

# The development stack: PostgreSQL, passage and nginx under var/, in the foreground (Ctrl-C stops it).
# The commands a newcomer types install what is missing first (deploy/deps.sh), then build.
run:
	@deploy/deps.sh
	@$(MAKE) --no-print-directory all
	deploy/dev/stack.sh run $(BIN) $(BUILD)/static

start:
	@deploy/deps.sh
	@$(MAKE) --no-print-directory all
	deploy/dev/stack.sh start $(BIN) $(BUILD)/static

stop:
	deploy/dev/stack.sh stop

# The whole suite against a throwaway stack on free loopback ports, with the fuzz harnesses (clang comes
# with deploy/deps.sh, run first).
test:
	@deploy/deps.sh
	@$(MAKE) --no-print-directory all $(TEST_BIN) fuzz
	@[ -n "$(SKIP_PO)" ] || po/check.sh
	tests/run.sh $(BIN) $(BUILD)/static $(TEST_BIN)

bench:
	@deploy/deps.sh
	@$(MAKE) --no-print-directory all $(TEST_BIN)
	tests/bench/run.sh $(BIN) $(BUILD)/static $(TEST_BIN)

# Fuzzing: libFuzzer harnesses over the parsers (tests/fuzz/fuzz_*.c), built with clang and its sanitizers
# into build/fuzz, apart from `all`. `make test` runs each for a few seconds over its corpus
# (tests/fuzz/run.sh); `tests/fuzz/run.sh -long 600` runs them for longer.
FUZZ_CC ?= clang
FUZZ_BUILD := build/fuzz
FUZZ_SAN := address,undefined
FUZZ_CFLAGS := -std=c11 -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Wall -Wextra -pthread
FUZZ_APP := app/core/arena.c app/core/utf8.c app/core/log.c app/core/metrics.c app/core/msg.c app/server/request.c \
	app/server/response.c app/server/html.c app/server/csv.c app/server/fcgi_wait.c app/domain/content.c app/domain/markdown.c app/domain/readability.c \
	tests/fuzz/stubs.c
FUZZ_OBJ := $(FUZZ_APP:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: fuzz
fuzz: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_OBJ) $(FUZZ_BINS:$(FUZZ_BUILD)/%=$(FUZZ_BUILD)/tests/fuzz/%.o)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -D_GNU_SOURCE -Iapp -Itests/fuzz $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $^ -lcmark -lm

# Installs what a server needs (deploy/README.md walks through the rest). PREFIX and DESTDIR are honoured;
# the systemd units go to SYSTEMD_DIR with the installed binary's path; an existing configuration is
# never overwritten (the example goes beside it).
PREFIX ?= /usr/local
SYSTEMD_DIR ?= /etc/systemd/system
SYSCONF_DIR ?= /etc/passage
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/passage $(DESTDIR)$(PREFIX)/share/doc/passage \
		$(DESTDIR)$(SYSTEMD_DIR) $(DESTDIR)$(SYSCONF_DIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/passage
	rm -rf $(DESTDIR)$(PREFIX)/share/passage/static $(DESTDIR)$(PREFIX)/share/passage/modules
	cp -r $(BUILD)/static $(DESTDIR)$(PREFIX)/share/passage/static
	cp -r web/modules $(DESTDIR)$(PREFIX)/share/passage/modules
	install -d $(DESTDIR)$(PREFIX)/share/passage/sql $(DESTDIR)$(PREFIX)/share/passage/nginx
	install -m 644 sql/*.sql $(DESTDIR)$(PREFIX)/share/passage/sql/
	install -m 644 deploy/nginx/passage.conf.in $(DESTDIR)$(PREFIX)/share/passage/nginx/
	install -m 755 deploy/nginx/render.sh $(DESTDIR)$(PREFIX)/share/passage/nginx/
	install -m 644 deploy/passage.conf.example $(DESTDIR)$(PREFIX)/share/passage/
	install -m 644 README.md $(DESTDIR)$(PREFIX)/share/doc/passage/README.md
	install -d $(DESTDIR)$(PREFIX)/share/doc/passage/deploy
	install -m 644 deploy/README.md $(DESTDIR)$(PREFIX)/share/doc/passage/deploy/README.md
	sed -e 's|/usr/local/bin/passage|$(PREFIX)/bin/passage|' -e 's|/usr/local/share/doc|$(PREFIX)/share/doc|' \
		deploy/systemd/passage.service > $(DESTDIR)$(SYSTEMD_DIR)/passage.service
	install -m 644 deploy/systemd/passage.socket $(DESTDIR)$(SYSTEMD_DIR)/passage.socket
	[ -e $(DESTDIR)$(SYSCONF_DIR)/passage.conf ] || install -m 640 deploy/passage.conf.example $(DESTDIR)$(SYSCONF_DIR)/passage.conf

clean:
	rm -rf build

-include $(shell find $(BUILD) $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
