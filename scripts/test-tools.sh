# Sourced by test.sh: installs the independent parsers the tests check Gongshu's output with —
# rapper (Debian's raptor2-utils) for Turtle and jsonld.js (npm, pinned in tests/tools) for JSON-LD.

tools_ensure_installed() {
  if ! command -v rapper >/dev/null 2>&1; then
    echo "installing rapper (raptor2-utils)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq raptor2-utils >/dev/null
  fi

  if [[ ! -f tests/tools/node_modules/jsonld/package.json ]]; then
    echo "installing the JSON-LD test parser (npm ci in tests/tools)…" >&2
    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
