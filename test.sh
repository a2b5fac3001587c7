#!/usr/bin/env bash
# Runs every Gongshu test on SQLite and on a real PostgreSQL 15 that this script starts on a
# free loopback port in a temporary directory and removes afterwards.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Audit]
set -euo pipefail
cd "$(dirname "$0")"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

ensure_postgres() {
  if [[ -x "$PG_BIN/initdb" ]]; then return; fi
  echo "test.sh: installing PostgreSQL 15 (postgresql-15)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

PG_DIR=""
cleanup() {
  if [[ -n "$PG_DIR" && -d "$PG_DIR" ]]; then
    run_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap cleanup EXIT

run_as_postgres() {
  if [[ "$(id -u)" == "0" ]]; then
    # initdb refuses to run as root; the server runs as the postgres user.
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

start_postgres() {
  ensure_postgres
  PG_DIR="$(mktemp -d /tmp/gongshu-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  [[ "$(id -u)" == "0" ]] && chown postgres "$PG_DIR"
  local port; port="$(free_port)"
  run_as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U gongshu --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  export GONGSHU_TEST_PG="Host=127.0.0.1;Port=$port;Username=gongshu;Database=postgres;Pooling=true;Maximum Pool Size=50"
  export GONGSHU_TEST_PG_PORT="$port"
  echo "test.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

start_postgres
dotnet build Gongshu.slnx -c Release -nologo -v quiet
dotnet test Gongshu.slnx -c Release --no-build --nologo "$@"
