#!/usr/bin/env bash
# Runs every Gongshu test on SQLite and on a real PostgreSQL 15 that this script starts on a
# free loopback port in a temporary directory and removes afterwards, and the browser tests
# (tests/Gongshu.Web.Tests) in Debian's Chromium, installed here with apt-get when missing.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Audit]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/throwaway-postgres.sh
source scripts/test-tools.sh
trap pg_stop EXIT

tools_ensure_installed

PG_FAST=1 pg_start
dotnet build Gongshu.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet test Gongshu.slnx -c Release --no-build --nologo "$@"
