# Sourced by test.sh and bench/run.sh: starts a PostgreSQL 15 on a free loopback port in a
# temporary directory, exports GONGSHU_TEST_PG, and removes everything on exit.
# Set PG_FAST=1 to trade durability for speed (tests); benchmarks keep the defaults.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DIR=""

pg_ensure_installed() {
  if [[ -x "$PG_BIN/initdb" ]]; then return; fi
  echo "installing PostgreSQL 15 (postgresql-15)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

pg_as_owner() {
  if [[ "$(id -u)" == "0" ]]; then
    # initdb refuses to run as root; the server runs as the postgres user.
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

pg_stop() {
  if [[ -n "$PG_DIR" && -d "$PG_DIR" ]]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

pg_start() {
  pg_ensure_installed
  PG_DIR="$(mktemp -d /tmp/gongshu-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  if [[ "$(id -u)" == "0" ]]; then chown postgres "$PG_DIR"; fi
  local port; port="$(pg_free_port)"
  local fast=""
  if [[ "${PG_FAST:-0}" == "1" ]]; then
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U gongshu --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=200 -c shared_buffers=256MB $fast" start >/dev/null
  export GONGSHU_TEST_PG="Host=127.0.0.1;Port=$port;Username=gongshu;Database=postgres;Maximum Pool Size=50"
  export GONGSHU_TEST_PG_PORT="$port"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}
