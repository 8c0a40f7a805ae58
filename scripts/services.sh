#!/usr/bin/env bash
# Starts the Redis and PostgreSQL that the integration tests use, on loopback.
# Uses servers already answering on 127.0.0.1:6379 and :5432; otherwise installs them
# from Debian's packages (needs root) and starts them: Redis without persistence,
# PostgreSQL with trust auth on loopback and a database `test`.
# Prints the two URLs as shell assignments, so callers can `eval "$(scripts/services.sh)"`.
set -euo pipefail

REDIS_PORT=${REDIS_PORT:-6379}
PG_PORT=${PG_PORT:-5432}
PG_DATA=${PG_DATA:-/var/lib/postgresql/ecert-test}
log() { echo "services: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    log "need root to install $* (apt-get); start them yourself or run as root"; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "$@" >&2; then
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "$@" >&2
  fi
}

wait_port() {
  for _ in $(seq 1 100); do port_open "$1" && return 0; sleep 0.1; done
  log "nothing answers on 127.0.0.1:$1"; exit 1
}

start_redis() {
  if port_open "$REDIS_PORT"; then log "Redis already answers on :$REDIS_PORT"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --daemonize yes --logfile /tmp/ecert-redis.log >&2
  wait_port "$REDIS_PORT"
  log "Redis started on :$REDIS_PORT"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  if ! port_open "$PG_PORT"; then
    [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || apt_install postgresql
    local bin; bin=$(pg_bin)
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      mkdir -p "$PG_DATA" && chown postgres:postgres "$PG_DATA"
      su postgres -s /bin/sh -c "$bin/initdb -D '$PG_DATA' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >&2
    fi
    mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$PG_DATA' -l /tmp/ecert-postgres.log -w \
      -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -c max_connections=200 -c fsync=off\" start" >&2
    wait_port "$PG_PORT"
    log "PostgreSQL started on :$PG_PORT"
  else
    log "PostgreSQL already answers on :$PG_PORT"
  fi
  # The database `test`; psql ships with the server package.
  if command -v psql >/dev/null; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" postgres \
      | grep -q 1 || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE test" postgres >&2
  fi
}

start_redis
start_postgres
echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/test"
