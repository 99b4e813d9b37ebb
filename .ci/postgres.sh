# Start and stop a throwaway PostgreSQL cluster on loopback for tests and benchmarks.
# Usage: source .ci/postgres.sh; start_ci_postgres; ...; stop_ci_postgres
# Exports TEST_DATABASE_URL. PostgreSQL refuses to run as root, so the cluster runs as `postgres`
# (or the current user when not root).

PG_PORT="${PG_PORT:-54329}"
PG_DIR="${PG_DIR:-/tmp/echobox-pg-$PG_PORT}"

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
_pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_ci_postgres() {
  local bin; bin="$(_pg_bin)"
  if [ -z "$bin" ]; then echo "postgresql is not installed" >&2; return 1; fi
  if _pg_as "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    return 0
  fi
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  _pg_as "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  _pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
    "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL test cluster on 127.0.0.1:$PG_PORT"
}

stop_ci_postgres() {
  local bin; bin="$(_pg_bin)"
  [ -n "$bin" ] && [ -d "$PG_DIR/data" ] && _pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
}
