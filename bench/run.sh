#!/usr/bin/env bash
# Runs the benchmarks side by side with their baselines on a throwaway PostgreSQL 15
# (default durability settings) and on SQLite in a temp folder.
# Usage: bench/run.sh [bulk|audit|search|ingest|ckan|gateway|detect|mask|fieldcrypto|rules|authority|query|all] [extra options for the verb; --help lists them]
#   bench/run.sh bulk --rows 1000000 --rounds 2
#   bench/run.sh audit --entries 1000000 --concurrency 64,256 --runs 3   (SQLite and PostgreSQL)
#   bench/run.sh search --docs 100000 --runs 200                          (SQLite and PostgreSQL)
#   bench/run.sh ingest --rows 1000000 --rounds 3                         (SQLite and PostgreSQL, against psql \copy)
#   bench/run.sh ckan --docs 100000 --duration 20                         (SQLite and PostgreSQL; needs wrk)
#   bench/run.sh detect --columns-per-type 20 --rows 200                  (no database)
#   bench/run.sh mask --values 5000000                                    (no database)
#   bench/run.sh fieldcrypto --values 1000000 --runs 3                    (no database)
#   bench/run.sh rules --values 10000000 --rows 1000000                   (no database)
#   bench/run.sh authority --rows 1000000 --runs 3                        (SQLite)
#   bench/run.sh gateway --rows 1000000 --duration 20                     (SQLite and PostgreSQL; needs wrk)
#   bench/run.sh query --rows 1000000 --runs 20                           (SQLite)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
trap pg_stop EXIT

verb="${1:-all}"; shift || true
dotnet build bench/Gongshu.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
run() { dotnet bench/Gongshu.Bench/bin/Release/net10.0/Gongshu.Bench.dll "$@"; }
# Detection, masking, field encryption, quality rules, the (SQLite) conflict report and query need no PostgreSQL: run them before starting one.
case "$verb" in detect|mask|fieldcrypto|rules|authority|query) run "$verb" "$@"; exit ;; esac
pg_start
# The web server in the ckan verb runs with the server GC, as Gongshu.Server does (a Web SDK default).
ckan() {
  command -v wrk >/dev/null || { echo "installing wrk…" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  DOTNET_gcServer=1 run ckan "$@"
}
case "$verb" in
  bulk)  run bulk "$@" ;;
  audit) run audit --db sqlite,pg "$@" ;;
  search) run search --db sqlite,pg "$@" ;;
  ingest) run ingest --db sqlite,pg "$@" ;;
  ckan)  ckan --db sqlite,pg "$@" ;;
  gateway) command -v wrk >/dev/null || { echo "installing wrk…" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
           DOTNET_gcServer=1 run gateway --db sqlite,pg "$@" ;;
  all)   run bulk; run audit --db sqlite,pg; run search --db sqlite,pg; run ingest --db sqlite,pg; ckan --db sqlite,pg; run detect; run mask; run fieldcrypto; run rules; run authority; run query ;;
  *) echo "usage: bench/run.sh [bulk|audit|search|ingest|ckan|gateway|detect|mask|fieldcrypto|rules|authority|query|all]" >&2; exit 2 ;;
esac
