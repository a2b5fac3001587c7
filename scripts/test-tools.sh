# Sourced by test.sh: installs the independent parsers the tests check Gongshu's output with —
# rapper (Debian's raptor2-utils) for Turtle and jsonld.js (npm, pinned in tests/tools) for JSON-LD —
# and Debian's Chromium (with a Chinese font) for the browser tests. Playwright never downloads a browser.

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export GONGSHU_CHROMIUM="${GONGSHU_CHROMIUM:-/usr/bin/chromium}"

tools_ensure_installed() {
  local missing=()
  command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
  [[ -x "$GONGSHU_CHROMIUM" ]] || missing+=(chromium)
  # Without a CJK font the screenshots of the Chinese pages show boxes.
  fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || missing+=(fonts-wqy-microhei)
  if (( ${#missing[@]} > 0 )); then
    echo "installing ${missing[*]}…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi

  if [[ ! -f tests/tools/node_modules/jsonld/package.json ]]; then
    echo "installing the JSON-LD test parser (npm ci in tests/tools)…" >&2
    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
