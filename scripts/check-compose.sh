#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine:
#   1. docker-compose (v1) `config -q` with dummy secrets      – the file resolves and is valid,
#      alone, with docker-compose.override.yml (published ports) and with the test override
#      tests/compose/docker-compose.host.yml (host networking);
#   2. dclint                                                   – current compose-spec schema + lint rules;
#   3. docker-compose `config` WITHOUT the secrets must fail    – each required secret uses ${VAR:?…}.
# Exits non-zero on any failure. Used by .ci/run; run it from anywhere.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
COMPOSE_FILE=docker-compose.yml
REQUIRED=(PUSHER_APP_ID PUSHER_KEY PUSHER_SECRET AUTH_SECRET POSTGRES_PASSWORD ADMIN_EMAIL ADMIN_PASSWORD)

fail() {
  echo "check-compose: FAIL: $*" >&2
  exit 1
}

if ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "check-compose: installing docker-compose (v1) with apt-get…"
    (apt-get install -y -qq docker-compose >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq docker-compose >/dev/null; }) \
      || fail "could not install docker-compose"
  else
    fail "docker-compose (v1) is not installed: apt-get install -y docker-compose"
  fi
fi

# An empty env file, so a developer's .env can neither help nor break the checks; every other
# variable is cleared with env -i.
empty_env=$(mktemp)
trap 'rm -f "$empty_env"' EXIT

dummy=(
  PATH="$PATH"
  PUSHER_APP_ID=check-app
  PUSHER_KEY=check-key-0123456789
  PUSHER_SECRET=check-secret-0123456789abcdef
  AUTH_SECRET=check-auth-secret-0123456789abcdef
  POSTGRES_PASSWORD=check-postgres-password
  ADMIN_EMAIL=admin@example.com
  ADMIN_PASSWORD=check-admin-password
)

start=$(date +%s%N)

echo "check-compose: docker-compose config -q (with dummy secrets)"
env -i "${dummy[@]}" docker-compose --env-file "$empty_env" -f "$COMPOSE_FILE" config -q \
  || fail "docker-compose config rejected $COMPOSE_FILE"

for override in docker-compose.override.yml tests/compose/docker-compose.host.yml; do
  echo "check-compose: docker-compose config -q with $override"
  env -i "${dummy[@]}" POSTGRES_PORT=15432 REDIS_PORT=16379 docker-compose --env-file "$empty_env" \
    -f "$COMPOSE_FILE" -f "$override" config -q || fail "docker-compose config rejected $COMPOSE_FILE + $override"
done

echo "check-compose: dclint"
pnpm exec dclint "$COMPOSE_FILE" docker-compose.override.yml || fail "dclint reported errors in the compose files"

echo "check-compose: refuses to start without the required secrets"
for name in "${REQUIRED[@]}"; do
  without=()
  for pair in "${dummy[@]}"; do
    [[ "$pair" == "$name="* ]] || without+=("$pair")
  done
  if output=$(env -i "${without[@]}" docker-compose --env-file "$empty_env" -f "$COMPOSE_FILE" config -q 2>&1); then
    fail "docker-compose config succeeded without $name"
  fi
  grep -q "$name" <<<"$output" || fail "the error without $name does not name it: $output"
done
if env -i PATH="$PATH" docker-compose --env-file "$empty_env" -f "$COMPOSE_FILE" config -q >/dev/null 2>&1; then
  fail "docker-compose config succeeded with no secrets at all"
fi

echo "check-compose: OK ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
