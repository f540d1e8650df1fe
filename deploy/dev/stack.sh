#!/bin/bash
# stack.sh: the development stack under var/ (or VAR_DIR): a private PostgreSQL cluster on a unix socket,
# the passage FastCGI server, and nginx on loopback with a self-signed certificate.
#
#   stack.sh run   BIN STATIC_DIR   start everything, print the URL, stay in the foreground; Ctrl-C stops all
#   stack.sh start BIN STATIC_DIR   start everything in the background
#   stack.sh stop                   stop everything this stack started
#   stack.sh pg-stop | pg-start     stop or start only PostgreSQL (the tests use these)
#   stack.sh pg-crash               stop PostgreSQL in immediate mode, as a crash would (recovery at the next start)
#
# Environment: VAR_DIR (default ./var), HTTPS_PORT (8443), HTTP_PORT (8080), BIND (127.0.0.1).
# As root, the services run as the unprivileged user 'passage'; otherwise as the calling user.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
VAR=${VAR_DIR:-$top/var}
HTTPS_PORT=${HTTPS_PORT:-8443}
HTTP_PORT=${HTTP_PORT:-8080}
BIND=${BIND:-127.0.0.1}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
RUNAS=$(id -un)
[ "$(id -u)" = 0 ] && RUNAS=passage

say() { printf 'stack: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
# setpriv execs in place (no PAM session, no extra process), so a background job's $! is the
# service's own pid.
AS=()
[ "$(id -u)" = 0 ] && AS=(setpriv --reuid="$RUNAS" --regid="$RUNAS" --init-groups --)
as_user() { "${AS[@]}" "$@"; }

# The service user must be able to reach var/: grant search permission on each parent that denies it.
ensure_reachable() {
	[ "$(id -u)" = 0 ] || return 0
	local d=$VAR
	while [ "$d" != / ]; do
		d=$(dirname "$d")
		if ! as_user test -x "$d"; then
			if command -v setfacl >/dev/null; then
				setfacl -m "u:$RUNAS:x" "$d"
			else
				chmod o+x "$d"
			fi
			say "granted '$RUNAS' search permission on $d"
		fi
	done
}

pg_running() { [ -f "$VAR/pg/data/postmaster.pid" ] && as_user "$PGBIN/pg_ctl" -D "$VAR/pg/data" status >/dev/null 2>&1; }

pg_start() {
	if [ ! -f "$VAR/pg/data/PG_VERSION" ]; then
		say "creating the PostgreSQL cluster in $VAR/pg/data"
		as_user "$PGBIN/initdb" -D "$VAR/pg/data" -U "$RUNAS" -A trust -E UTF8 --locale=C.UTF-8 >"$VAR/log/initdb.log"
		cat >>"$VAR/pg/data/postgresql.conf" <<-CONF
		# Passage development stack: unix socket only, under var/.
		listen_addresses = ''
		unix_socket_directories = '$VAR/run'
		unix_socket_permissions = 0700
		max_connections = 300
		shared_buffers = 256MB
		# The data lives in memory or on SSD: index lookups cost about what sequential reads do.
		random_page_cost = 1.1
		effective_cache_size = 1GB
		logging_collector = off
		CONF
	fi
	pg_running && return 0
	as_user "$PGBIN/pg_ctl" -D "$VAR/pg/data" -l "$VAR/log/postgresql.log" -w -t 60 start >/dev/null
	if ! as_user "$PGBIN/psql" -X -h "$VAR/run" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='passage'" | grep -q 1; then
		as_user "$PGBIN/createdb" -h "$VAR/run" passage
	fi
}

pg_stop() {
	pg_running && as_user "$PGBIN/pg_ctl" -D "$VAR/pg/data" -m fast -w -t 30 stop >/dev/null || true
}

# On the first start only: a demo cohort, a facilitator and an administrator with generated passwords,
# printed and kept in var/dev/credentials (mode 600). Nothing like it exists outside this stack.
demo_accounts() {
	local creds=$VAR/dev/credentials p=(env PASSAGE_CONFIG="$PASSAGE_CONFIG" "$VAR/bin/passage")
	[ -f "$creds" ] && return 0
	mkdir -p "$VAR/dev"
	local code fpw apw
	fpw=$(as_user "${p[@]}" user add --role facilitator --display "Demo Facilitator" facilitator </dev/null 2>>"$VAR/log/migrate.log") ||
		die "could not create the demo facilitator"
	code=$(as_user "${p[@]}" cohort add "Demo cohort" --facilitator facilitator 2>>"$VAR/log/migrate.log") ||
		die "could not create the demo cohort"
	apw=$(as_user "${p[@]}" user add --role admin --display "Demo Administrator" admin </dev/null 2>>"$VAR/log/migrate.log") ||
		die "could not create the demo administrator"
	(umask 077 && printf 'JOIN_CODE=%s\nFACILITATOR_USER=facilitator\nFACILITATOR_PASSWORD=%s\nADMIN_USER=admin\nADMIN_PASSWORD=%s\n' \
		"$code" "$fpw" "$apw" >"$creds")
	say "demo accounts (kept in $creds):"
	sed 's/^/stack:   /' "$creds" >&2
}

pidof_file() { [ -f "$1" ] && cat "$1" 2>/dev/null || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

start() {
	local bin=$1 static=$2
	[ -x "$bin" ] || die "no binary at $bin: run make first"
	[ -n "$PGBIN" ] || die "PostgreSQL server binaries not found (deploy/deps.sh installs them)"
	mkdir -p "$VAR"/{pg,run,log,etc,tls,bin,static,nginx/tmp}
	[ "$(id -u)" = 0 ] && chown -R "$RUNAS:" "$VAR"
	ensure_reachable

	pg_start

	# The binary and static files are copied under var/ so the service user can always read them and a
	# rebuild does not pull the floor from under a running server.
	install -m 755 "$bin" "$VAR/bin/passage"
	rm -rf "$VAR/static" && cp -r "$static" "$VAR/static"
	[ "$(id -u)" = 0 ] && chown -R "$RUNAS:" "$VAR/bin" "$VAR/static"

	if [ ! -f "$VAR/etc/secret.key" ]; then
		(umask 077 && openssl rand -hex 32 >"$VAR/etc/secret.key")
		[ "$(id -u)" = 0 ] && chown "$RUNAS:" "$VAR/etc/secret.key"
	fi
	cat >"$VAR/etc/passage.conf" <<-CONF
	# Written by deploy/dev/stack.sh for the development stack.
	listen = $VAR/run/passage.sock
	socket_mode = 0660
	database = host=$VAR/run dbname=passage user=$RUNAS
	secret_key_file = $VAR/etc/secret.key
	base_url = https://$BIND:$HTTPS_PORT
	CONF
	export PASSAGE_CONFIG=$VAR/etc/passage.conf
	as_user env PASSAGE_CONFIG="$PASSAGE_CONFIG" "$VAR/bin/passage" migrate >>"$VAR/log/migrate.log" 2>&1 ||
		die "migration failed: see $VAR/log/migrate.log"

	demo_accounts
	# The content is copied under var/ too, where the service user can read it.
	rm -rf "$VAR/content" && cp -r "${CONTENT_DIR:-$top/web/modules}" "$VAR/content"
	[ "$(id -u)" = 0 ] && chown -R "$RUNAS:" "$VAR/content"
	as_user env PASSAGE_CONFIG="$PASSAGE_CONFIG" "$VAR/bin/passage" content load "$VAR/content" \
		>>"$VAR/log/migrate.log" 2>&1 || die "the training content did not load: see $VAR/log/migrate.log"

	if [ ! -f "$VAR/tls/localhost.crt" ]; then
		say "creating a self-signed certificate for localhost"
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
			-subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
			-keyout "$VAR/tls/localhost.key" -out "$VAR/tls/localhost.crt" 2>/dev/null
		chmod 600 "$VAR/tls/localhost.key"
		[ "$(id -u)" = 0 ] && chown "$RUNAS:" "$VAR/tls/localhost.key" "$VAR/tls/localhost.crt"
	fi

	local master
	master=$(pidof_file "$VAR/run/passage.pid")
	if alive "$master"; then
		# Already running: SIGHUP replaces the workers with the freshly installed binary, one by one.
		kill -HUP "$master"
	else
		"${AS[@]}" env PASSAGE_CONFIG="$PASSAGE_CONFIG" setsid "$VAR/bin/passage" serve >>"$VAR/log/passage.log" 2>&1 &
		echo $! >"$VAR/run/passage.pid"
	fi

	SERVER_NAME=localhost BIND=$BIND HTTP_PORT=$HTTP_PORT HTTPS_PORT=$HTTPS_PORT \
		CERT=$VAR/tls/localhost.crt KEY=$VAR/tls/localhost.key SOCKET=$VAR/run/passage.sock \
		STATIC_DIR=$VAR/static MAX_BODY=64k ACCESS_LOG=$VAR/log/nginx-access.log "$top/deploy/nginx/render.sh" >"$VAR/nginx/passage.conf"
	sed -e "s|@VAR@|$VAR|g" "$top/deploy/dev/nginx.conf.in" >"$VAR/nginx/nginx.conf"
	touch "$VAR/log/nginx-error.log" "$VAR/log/nginx-access.log"
	[ "$(id -u)" = 0 ] && chown -R "$RUNAS:" "$VAR/nginx" "$VAR/run" "$VAR/log"
	local nginx=(nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf")
	as_user "${nginx[@]}" -t -q 2>"$VAR/log/nginx-test.log" ||
		die "nginx configuration invalid: $(cat "$VAR/log/nginx-test.log")"
	if alive "$(pidof_file "$VAR/run/nginx.pid")"; then
		as_user "${nginx[@]}" -s reload 2>/dev/null
	else
		as_user "${nginx[@]}" 2>>"$VAR/log/nginx-error.log"
	fi

	local url="https://$BIND:$HTTPS_PORT"
	for _ in $(seq 1 100); do
		if curl -skf -o /dev/null "$url/readyz"; then
			say "Passage is running at $url/ (self-signed certificate: your browser will ask you to accept it)"
			say "logs: $VAR/log/"
			return 0
		fi
		sleep 0.2
	done
	die "the stack did not become ready: see $VAR/log/passage.log and $VAR/log/nginx-error.log"
}

stop() {
	local p
	p=$(pidof_file "$VAR/run/nginx.pid")
	if alive "$p"; then kill -QUIT "$p" 2>/dev/null || true; fi
	p=$(pidof_file "$VAR/run/passage.pid")
	if alive "$p"; then
		kill -TERM "$p" 2>/dev/null || true
		for _ in $(seq 1 60); do alive "$p" || break; sleep 0.1; done
		alive "$p" && kill -KILL "$p" 2>/dev/null || true
	fi
	rm -f "$VAR/run/passage.pid"
	pg_stop
	for _ in $(seq 1 50); do alive "$(pidof_file "$VAR/run/nginx.pid")" || break; sleep 0.1; done
	say "stopped"
}

case "${1:-}" in
run)
	start "$2" "$3"
	tail -n 0 -F "$VAR/log/passage.log" &
	tailpid=$!
	trap 'echo; kill "$tailpid" 2>/dev/null; stop; exit 0' INT TERM
	say "press Ctrl-C to stop"
	wait
	;;
start) start "$2" "$3" ;;
stop) stop ;;
pg-stop) pg_stop ;;
pg-start) pg_start ;;
pg-crash) pg_running && as_user "$PGBIN/pg_ctl" -D "$VAR/pg/data" -m immediate -w -t 30 stop >/dev/null || true ;;
*) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
