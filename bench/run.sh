#!/usr/bin/env bash
# Runs the benchmarks side by side with their baselines on a throwaway PostgreSQL 15
# (default durability settings) and on SQLite in a temp folder.
# Usage: bench/run.sh [bulk|audit|all] [extra options for the verb]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
trap pg_stop EXIT
pg_start

verb="${1:-all}"; shift || true
dotnet build bench/Gongshu.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
run() { dotnet bench/Gongshu.Bench/bin/Release/net10.0/Gongshu.Bench.dll "$@"; }
case "$verb" in
  bulk)  run bulk "$@" ;;
  audit) run audit "$@" ;;
  all)   run bulk "$@"; run audit "$@" ;;
  *) echo "usage: bench/run.sh [bulk|audit|all]" >&2; exit 2 ;;
esac
