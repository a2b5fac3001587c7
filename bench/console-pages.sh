#!/usr/bin/env bash
# Times the work console's and the cockpit's pages with curl against a running demo, signed in
# as each demo role (password + TOTP code from oathtool): each page fetched RUNS times one after
# another; prints the status, median, 95th percentile and slowest time in milliseconds. The goal
# (issue 8) is every page under 200 ms on the demo data.
# Each user signs in once, so wait 30 s between two runs (a TOTP code signs in once only).
# Usage: ./gongshu demo | tee demo.txt   (in another terminal), then
#   bench/console-pages.sh demo.txt [BASE_URL] [RUNS]
set -euo pipefail
demo="${1:?the file ./gongshu demo printed (it holds the TOTP secrets)}"
base="${2:-http://127.0.0.1:5080}"
runs="${3:-50}"
command -v oathtool >/dev/null || { echo "installing oathtool…" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq oathtool >/dev/null; }
jars=$(mktemp -d)
trap 'rm -rf "$jars"' EXIT

sign_in() { # user password
  local secret code
  secret=$(awk -v u="$1" '$1 == u { print $NF }' "$demo")
  code=""
  [[ "$secret" =~ ^[A-Z2-7]{16,}$ ]] && code=$(oathtool --totp -b "$secret")
  curl -s -o /dev/null -w '%{http_code}' -c "$jars/$1" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\",\"totpCode\":\"$code\"}" "$base/api/session"
}

time_page() { # user page
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jars/$1" "$base$2")
  for ((i = 0; i < runs; i++)); do
    curl -s -o /dev/null -b "$jars/$1" -w '%{time_total}\n' "$base$2"
  done | sort -n | awk -v who="$1" -v page="$2" -v status="$status" '
    { t[NR] = $1 * 1000 }
    END { printf "%-14s %-52s %6s %8.1f %8.1f %8.1f\n", who, page, status, t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR] }'
}

for account in admin.dsj:Demo#2026-admin provider.gat:Demo#2026-provider consumer.hz:Demo#2026-consumer auditor.dsj:Demo#2026-auditor citizen:Demo#2026-public; do
  user="${account%%:*}"
  status=$(sign_in "$user" "${account#*:}")
  [[ "$status" == 200 ]] || { echo "sign-in of $user answered $status" >&2; exit 1; }
done

# The people resource (101001/00001) as its provider sees it.
people=$(curl -s -b "$jars/provider.gat" "$base/api/catalog/resources?limit=200" | python3 -c '
import json, sys
items = json.load(sys.stdin)
items = items.get("items", items) if isinstance(items, dict) else items
print(next(r["id"] for r in items if r.get("code") == "101001/00001"))')

printf '%-14s %-52s %6s %8s %8s %8s\n' user page status median p95 max
for page in /console /console/review /console/review/applications /console/deadlines /console/organizations /console/policies /cockpit; do
  time_page admin.dsj "$page"
done
for page in /console/resources "/console/resources/$people" "/console/resources/$people/edit" /console/quality /console/approvals; do
  time_page provider.gat "$page"
done
for page in /console/applications /console/applications/new "/console/applications/new?q=%E4%BA%BA%E5%8F%A3" /console/grants /console/calls; do
  time_page consumer.hz "$page"
done
for page in /console/audit "/console/audit?action=user." /console/alerts; do
  time_page auditor.dsj "$page"
done
time_page citizen /console/open-applications
