#!/usr/bin/env bash
# Makes sure a Docker engine answers on LC_DOCKER_HOST (default unix:///run/lc-docker.sock),
# starting one when none does: NO bridge, no iptables, no masquerading, so nothing the stack
# starts can reach the LAN (containers run with host networking and bind 127.0.0.1).
# Prints the DOCKER_HOST to use on stdout. Idempotent; the daemon keeps running afterwards
# (`scripts/compose/engine.sh stop` stops the one this script started).
set -euo pipefail

SOCK=${LC_DOCKER_SOCK:-/run/lc-docker.sock}
ROOT=${LC_DOCKER_ROOT:-/var/lib/lc-docker}
RUN_DIR=${LC_DOCKER_RUN:-/run/lc-docker}
DOCKER=/usr/bin/docker # the Debian client (20.10): it builds with BuildKit without buildx
export DOCKER_HOST="unix://$SOCK"

answers() { "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if [ "${1:-}" = "stop" ]; then
  if [ -f "$RUN_DIR/dockerd.pid" ]; then
    pid=$(cat "$RUN_DIR/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  exit 0
fi

if answers; then
  echo "$DOCKER_HOST"
  exit 0
fi
command -v dockerd >/dev/null || { echo "engine: dockerd is not installed (apt-get install -y docker.io)" >&2; exit 1; }
[ -x "$DOCKER" ] || { echo "engine: $DOCKER is missing (apt-get install -y docker.io)" >&2; exit 1; }

mkdir -p "$ROOT" "$RUN_DIR"
echo "engine: starting dockerd on $SOCK (data root $ROOT, no bridge)" >&2
# setsid: the daemon outlives this script and the terminal's Ctrl-C.
setsid dockerd \
  --host="$DOCKER_HOST" \
  --data-root="$ROOT" \
  --exec-root="$RUN_DIR/exec" \
  --pidfile="$RUN_DIR/dockerd.pid" \
  --bridge=none --iptables=false --ip-masq=false --ip6tables=false \
  >"$RUN_DIR/dockerd.log" 2>&1 </dev/null &
for _ in $(seq 1 150); do
  if answers; then
    echo "$DOCKER_HOST"
    exit 0
  fi
  sleep 0.2
done
echo "engine: dockerd did not answer within 30 s; its log:" >&2
tail -30 "$RUN_DIR/dockerd.log" >&2
exit 1
