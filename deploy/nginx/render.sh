#!/bin/sh
# render.sh: fills deploy/nginx/passage.conf.in. Every value has a production default; the development
# stack and the tests override them through the environment.
#   SERVER_NAME BIND HTTP_PORT HTTPS_PORT CERT KEY SOCKET STATIC_DIR MAX_BODY ACCESS_LOG
# SOCKET may list several app servers, separated by spaces: one upstream server each, a unix socket's
# path or, for an app server on another machine, ADDRESS:PORT.
set -eu
here=$(dirname "$0")
: "${SERVER_NAME:=_}" "${BIND:=}" "${HTTP_PORT:=80}" "${HTTPS_PORT:=443}"
: "${CERT:=/etc/ssl/passage/fullchain.pem}" "${KEY:=/etc/ssl/passage/privkey.pem}"
: "${SOCKET:=/run/passage/passage.sock}" "${STATIC_DIR:=/usr/local/share/passage/static}" "${MAX_BODY:=64k}"
: "${ACCESS_LOG:=/var/log/nginx/access.log}"
bind=${BIND:+$BIND:}
suffix=""
[ "$HTTPS_PORT" = 443 ] || suffix=":$HTTPS_PORT"
servers=""
for s in $SOCKET; do
	case $s in /*) s="unix:$s" ;; esac
	servers="$servers${servers:+\n\t}server $s;"
done
sed -e "s|@SERVERS@|$servers|" -e "s|@BIND@:|$bind|g" -e "s|@SERVER_NAME@|$SERVER_NAME|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
	-e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@HTTPS_SUFFIX@|$suffix|g" -e "s|@CERT@|$CERT|g" -e "s|@KEY@|$KEY|g" \
	-e "s|@STATIC_DIR@|$STATIC_DIR|g" -e "s|@MAX_BODY@|$MAX_BODY|g" -e "s|@ACCESS_LOG@|$ACCESS_LOG|g" \
	"$here/passage.conf.in"
