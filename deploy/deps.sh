#!/bin/sh
# deps.sh: install the Debian packages Passage needs to build, run and test, when they are missing.
# Used by every Makefile target and by .ci/run. As root it runs apt-get; otherwise it prints the exact
# command to run and exits non-zero. `deploy/deps.sh --print` lists the packages.
set -eu

PKGS="build-essential pkg-config libfcgi-dev libpq-dev libmbedtls-dev libargon2-dev libcmark-dev libqrencode-dev libcriterion-dev libcurl4-openssl-dev
postgresql postgresql-contrib pgbouncer nginx openssl curl ca-certificates gettext wrk iproute2 util-linux procps acl perl chromium nodejs clang"

if [ "${1:-}" = "--print" ]; then echo $PKGS; exit 0; fi

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing Debian packages. Run, as root:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
		exit 1
	fi
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm comes with some builds of nodejs and is its own package in Debian's.
if ! command -v npm >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: npm is missing. Run, as root: apt-get install -y npm" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

# The Debian packages start system-wide services where an init system runs; Passage runs its own
# private PostgreSQL and nginx under var/, so nothing here depends on those.

# As root, the stack runs PostgreSQL, the app and nginx as an unprivileged system user.
if [ "$(id -u)" = 0 ] && ! id passage >/dev/null 2>&1; then
	useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin passage
	echo "deps: created system user 'passage'" >&2
fi
exit 0
