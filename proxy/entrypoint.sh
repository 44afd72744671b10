#!/bin/sh
# Entrypoint of the proxy service: writes the Caddyfile snippets that depend on the
# environment, then runs Caddy as the official image does.
#   ALLOWED_ORIGINS      comma-separated origins allowed to open a WebSocket
#                        (default https://{DOMAIN}, plus :{HTTPS_PORT} when not 443)
#   UPSTREAM_DISCOVERY   dns   = one address per replica from the compose network's DNS
#                        ports = replicas share the host's network and take ports
#                                {PORT}..{PORT+REPLICA_PORTS-1}; dead ones fail health checks
set -eu
: "${DOMAIN:=localhost}" "${HTTPS_PORT:=443}" "${UPSTREAM_DISCOVERY:=dns}" "${REPLICA_PORTS:=4}"
: "${SOKETI_PORT:=6001}" "${WEB_PORT:=3000}" "${SOKETI_HOST_NAME:=soketi}" "${WEB_HOST_NAME:=web}"
out=/tmp/livecampus-proxy
mkdir -p "$out"

default_origin="https://$DOMAIN"
[ "$HTTPS_PORT" = "443" ] || default_origin="$default_origin:$HTTPS_PORT"
{
  echo "(allowed_origins) {"
  for origin in $(echo "${ALLOWED_ORIGINS:-$default_origin}" | tr ',' ' '); do
    echo "	header Origin $origin"
  done
  echo "}"
} >"$out/origins.caddy"

upstreams() { # NAME HOST PORT HEALTH_URI HEALTH_BODY HEALTH_TIMEOUT [PROBE_HEADER]
  echo "($1) {"
  if [ "$UPSTREAM_DISCOVERY" = "ports" ]; then
    list=""
    i=0
    while [ "$i" -lt "$REPLICA_PORTS" ]; do
      list="$list $2:$(($3 + i))"
      i=$((i + 1))
    done
    echo "	to$list"
    if [ -n "$4" ]; then
      echo "	health_uri $4"
      echo "	health_interval 1s"
      echo "	health_timeout $6"
      [ -z "$5" ] || echo "	health_body $5"
      if [ -n "${7:-}" ]; then
        echo "	health_headers {"
        echo "		$7 1"
        echo "	}"
      fi
    fi
  else
    echo "	dynamic a {"
    echo "		name $2"
    echo "		port $3"
    echo "		refresh 2s"
    echo "	}"
  fi
  echo "}"
}
upstreams soketi_upstreams "$SOKETI_HOST_NAME" "$SOKETI_PORT" /ready "^OK$" 1s >"$out/upstreams-soketi.caddy"
# A page, not /api/health: a replica stays in the pool while, say, Soketi is down. A page is
# rendered, so a busy replica gets longer to answer before it leaves the pool. The header marks
# the check: a stopping replica fails it while it still serves everything else, and stops
# listening only once the proxy has left it out (web/server/shutdown.ts).
upstreams web_upstreams "$WEB_HOST_NAME" "$WEB_PORT" /sign-in "" 3s X-LiveCampus-Probe >"$out/upstreams-web.caddy"

exec caddy run --config /etc/caddy/Caddyfile --adapter caddyfile
