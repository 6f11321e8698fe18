#!/usr/bin/env bash
# Runs the browser module's tests and the packages it links under GOOS=js
# GOARCH=wasm in Node, through Go's go_js_wasm_exec (lib/wasm since Go 1.24,
# misc/wasm before).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
root="$($GO env GOROOT)"
for d in "$root/lib/wasm" "$root/misc/wasm"; do
  if [ -x "$d/go_js_wasm_exec" ]; then exec_dir=$d; break; fi
done
if [ -z "${exec_dir:-}" ]; then
  echo "wasm/test.sh: go_js_wasm_exec not found under $root" >&2
  exit 1
fi
command -v node >/dev/null || { echo "wasm/test.sh: node is required" >&2; exit 1; }
PATH="$exec_dir:$PATH" GOOS=js GOARCH=wasm $GO test -count=1 -timeout 10m "$@" \
  ./wasm/... ./data/dataset/... ./data/search/...
