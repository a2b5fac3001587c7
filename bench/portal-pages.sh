#!/usr/bin/env bash
# Times the open portal's pages with curl against a running server (e.g. `./gongshu demo`):
# each page fetched RUNS times one after another; prints the median, 95th percentile and
# slowest total time in milliseconds. The goal (issue 8) is every page under 200 ms.
# Usage: bench/portal-pages.sh [BASE_URL] [RUNS] [DATASET_ID]
#   bench/portal-pages.sh http://127.0.0.1:5080 200 226
set -euo pipefail
base="${1:-http://127.0.0.1:5080}"
runs="${2:-100}"
dataset="${3:-7}"
pages=(
  "/"
  "/datasets"
  "/datasets?q=%E4%BC%81%E4%B8%9A"
  "/datasets?openType=open&grade=L1&updateCycle=weekly"
  "/datasets?page=5"
  "/datasets/$dataset"
  "/datasets/$dataset?lang=en"
  "/datasets/999999"
)
printf '%-55s %6s %8s %8s %8s\n' page status median p95 max
for page in "${pages[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base$page")
  for ((i = 0; i < runs; i++)); do
    curl -s -o /dev/null -w '%{time_total}\n' "$base$page"
  done | sort -n | awk -v page="$page" -v status="$status" '
    { t[NR] = $1 * 1000 }
    END { printf "%-55s %6s %8.1f %8.1f %8.1f\n", page, status, t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR] }'
done
