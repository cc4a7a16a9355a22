#!/usr/bin/env bash
# The page of `plan mo` in a real browser (issue 16): Debian's chromium, headless, driven by playwright-core
# (tests/browser/page.test.js, node's test runner). Needs node/npm and /usr/bin/chromium (or CHROMIUM=…);
# installs nothing but the test's own npm package (npm ci in tests/browser).
#   scripts/test-browser.sh                 run the test
#   scripts/test-browser.sh --screenshots   also write a screenshot of each screen to docs/screenshots/
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

shots=""
if [[ "${1:-}" == "--screenshots" ]]; then shots="$root/docs/screenshots"; fi

chromium=${CHROMIUM:-/usr/bin/chromium}
[[ -x "$chromium" ]] || { echo "test-browser: no chromium at $chromium (apt-get install chromium)" >&2; exit 1; }
command -v npm >/dev/null || { echo "test-browser: npm is missing (apt-get install npm)" >&2; exit 1; }

cargo build --locked --quiet --bin plan
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

tmp=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The server's first stdout line is its URL (token included).
target/debug/plan mo --no-browser --idle-minutes 15 >"$tmp/out" 2>"$tmp/err" &
server=$!
url=""
for _ in $(seq 1 300); do
  url=$(head -n 1 "$tmp/out" 2>/dev/null || true)
  [[ "$url" == http://127.0.0.1:*"?t="* ]] && break
  kill -0 "$server" 2>/dev/null || { echo "test-browser: plan mo stopped:" >&2; cat "$tmp/err" >&2; exit 1; }
  url=""
  sleep 0.1
done
[[ -n "$url" ]] || { echo "test-browser: plan mo printed no URL in 30 s" >&2; cat "$tmp/err" >&2; exit 1; }

status=0
PLAN_URL="$url" PLAN_BIN="$root/target/debug/plan" PLAN_SCREENSHOTS="$shots" CHROMIUM="$chromium" \
  node --test tests/browser/page.test.js || status=$?

# The last test closed the page with «Đóng chương trình»: the server must have stopped by itself.
for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
if [[ $status -ne 0 ]]; then
  :
elif kill -0 "$server" 2>/dev/null; then
  echo "test-browser: plan mo still runs after /api/quit" >&2
  status=1
else
  wait "$server" || { echo "test-browser: plan mo exited with status $?" >&2; cat "$tmp/err" >&2; status=1; }
  server=""
fi
exit $status
