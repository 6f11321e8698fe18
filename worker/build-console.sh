#!/usr/bin/env bash
# Builds the maintainers' console worker into worker/console-build/ (make console):
#   worker.mjs, runtime.mjs, wasm_exec.js  syumai/workers' stock runtime (a Go instance per request)
#   app.wasm                               worker/consoleworker, linked with the dataset as Go data
# Needs worker/compiled/dataset_gen.go, which ./worker/build.sh writes (make worker runs first).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=worker/console-build
if [ ! -f worker/compiled/dataset_gen.go ]; then
  echo "build-console.sh: worker/compiled/dataset_gen.go is missing: run make worker first" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
"$GO" run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
GOOS=js GOARCH=wasm "$GO" build -tags precompiled -trimpath -ldflags "-s -w" -o "$out/app.wasm" ./worker/consoleworker
echo "console: built $out/app.wasm ($(wc -c <"$out/app.wasm") bytes, $(gzip -9c "$out/app.wasm" | wc -c) gzip)"
