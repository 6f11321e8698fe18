#!/usr/bin/env bash
# Serves the built worker, its static assets and the demo page in workerd
# (through wrangler dev, pinned in package.json), offline and on loopback only:
#   PORT=8787 ./worker/serve.sh      (make run builds first: make deps assets worker console)
# When the console is built (worker/console-build, make console), it also serves the
# maintainers' console on CONSOLE_PORT (default 8788), both workers on the same local
# D1 and KV state (the console's schema applied from migrations/ first), and prints
#   Console: http://127.0.0.1:8788/
#   Console login code: <a one-time code>          (the development login)
# CONSOLE_MODE=production runs it as deployed instead (Access required; the e2e
# tests pass ACCESS_TEAM_DOMAIN, ACCESS_AUD and test keys in ACCESS_JWKS); CONSOLE=0 leaves it out.
# No login, no telemetry, no update prompts, no remote bindings.
set -euo pipefail
cd "$(dirname "$0")"
PORT=${PORT:-8787}

if [ ! -x node_modules/.bin/wrangler ]; then
  echo "serve.sh: wrangler is not installed: run make deps" >&2
  exit 1
fi
if [ ! -f build/app.wasm ] || [ ! -f build/worker.mjs ]; then
  echo "serve.sh: the worker is not built: run make worker" >&2
  exit 1
fi
# PUBLIC_DIR overrides wrangler.toml's [assets] directory (tests, benchmarks).
public=${PUBLIC_DIR:-public}
if [ ! -f "$public/index.html" ]; then
  echo "serve.sh: warning: $public has no demo page: run make assets" >&2
  mkdir -p "$public"
fi
# make assets after make worker leaves _headers describing old file names.
if [ -f "$public/assets.json" ] && [ "$public/assets.json" -nt "$public/_headers" ]; then
  echo "serve.sh: refreshing $public/_headers" >&2
  public_abs=$(cd "$public" && pwd)
  (cd .. && "${GO:-go}" run ./worker/cmd/prepare -headers-only -public "$public_abs")
fi

export WRANGLER_SEND_METRICS=false
export WRANGLER_SEND_ERROR_REPORTS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export WRANGLER_LOG=${WRANGLER_LOG:-warn}
export NO_UPDATE_NOTIFIER=1
export CI=${CI:-1} # non-interactive: no prompts, no hotkeys
# Keep wrangler's state (logs, local storage) out of the user's home and the tree.
if [ -n "${WRANGLER_STATE_DIR:-}" ]; then
  state=$WRANGLER_STATE_DIR
else
  state=$(mktemp -d "${TMPDIR:-/tmp}/finder-wrangler.XXXXXX")
fi
export XDG_CONFIG_HOME="$state/config"

echo "Serving the finder at http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
# wrangler runs in the background so that a TERM or INT to this script reaches
# it: wrangler then stops its workerd processes (orphaned workerd spin).
wrangler_pid=
console_pid=
cleanup() {
  for pid in $console_pid $wrangler_pid; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -z "${WRANGLER_STATE_DIR:-}" ]; then rm -rf "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
start_console() {
  mkdir -p "$state"
  local port=${CONSOLE_PORT:-8788} mode=${CONSOLE_MODE:-development} code= vars=()
  if ! node_modules/.bin/wrangler d1 migrations apply DB --local --persist-to "$state/data" \
    -c console.wrangler.toml >"$state/migrations.log" 2>&1; then
    cat "$state/migrations.log" >&2
    echo "serve.sh: the console's D1 migrations failed" >&2
    exit 1
  fi
  if [ "$mode" = development ]; then
    code=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
    vars=(--var "MODE:development" --var "DEV_LOGIN_CODE:$code")
  else
    vars=(--var "MODE:$mode" --var "ACCESS_TEAM_DOMAIN:${ACCESS_TEAM_DOMAIN:-}" --var "ACCESS_AUD:${ACCESS_AUD:-}")
    if [ -n "${ACCESS_JWKS:-}" ]; then vars+=(--var "ACCESS_JWKS:$ACCESS_JWKS"); fi
  fi
  if [ -n "${LIMITS:-}" ]; then vars+=(--var "LIMITS:$LIMITS"); fi
  echo "Console: http://127.0.0.1:$port/"
  if [ -n "$code" ]; then echo "Console login code: $code"; fi
  node_modules/.bin/wrangler dev -c console.wrangler.toml \
    --ip 127.0.0.1 --port "$port" \
    --local --persist-to "$state/data" \
    --show-interactive-dev-session=false \
    --inspector-port "${CONSOLE_INSPECTOR_PORT:-0}" \
    --log-level "${WRANGLER_LOG}" \
    --live-reload=false "${vars[@]}" &
  console_pid=$!
}
if [ "${CONSOLE:-1}" != 0 ] && [ -f console-build/app.wasm ]; then
  start_console
fi
node_modules/.bin/wrangler dev \
  --ip 127.0.0.1 --port "$PORT" \
  --assets "$public" \
  --local --persist-to "$state/data" \
  --show-interactive-dev-session=false \
  --inspector-port "${INSPECTOR_PORT:-0}" \
  --log-level "${WRANGLER_LOG}" \
  --live-reload=false &
wrangler_pid=$!
wait "$wrangler_pid"
