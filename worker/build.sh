#!/usr/bin/env bash
# Builds the Go worker into worker/build/ (make worker):
#   app.wasm     the Go handler (GOOS=js GOARCH=wasm, standard Go)
#   wasm_exec.js Go's own JS glue, from the Go that built app.wasm (they must match)
#   worker.mjs   the entry module (worker/runtime/worker.mjs: one Go instance per isolate)
#   dataset.json the dataset bundle, and worker/compiled/dataset_gen.go (not checked
#                in): the same dataset as Go data that app.wasm links with -tags
#                precompiled (no JSON parsing when an instance starts)
# and writes worker/public/_headers (caching and security headers of the static
# assets) when worker/public exists (make assets).
#
# WORKER_RUNTIME=stock builds syumai/workers' generated runtime instead (a new
# Go instance per request), to measure the difference (scripts/bench-worker).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=worker/build
runtime=${WORKER_RUNTIME:-shared}

rm -rf "$out"
mkdir -p "$out"
if [ "$runtime" = stock ]; then
  # The generated files: worker.mjs, runtime.mjs and a wasm_exec.js patched for them.
  "$GO" run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
else
  goroot=$("$GO" env GOROOT)
  glue="$goroot/lib/wasm/wasm_exec.js"
  [ -f "$glue" ] || glue="$goroot/misc/wasm/wasm_exec.js" # Go < 1.24
  cp "$glue" "$out/wasm_exec.js"
  cp worker/runtime/worker.mjs "$out/worker.mjs"
fi

"$GO" run ./worker/cmd/prepare -data data -public worker/public -bundle "$out/dataset.json" -gosrc worker/compiled/dataset_gen.go

build_id=$(git rev-parse --short=12 HEAD 2>/dev/null || echo dev)
if [ -n "$(git status --porcelain 2>/dev/null | head -1)" ]; then build_id="$build_id-dirty"; fi
build_id="$build_id-$(date -u +%Y%m%dT%H%M%SZ)"

GOOS=js GOARCH=wasm "$GO" build -tags precompiled -trimpath -ldflags "-s -w -X main.buildID=$build_id" -o "$out/app.wasm" ./worker
echo "worker: built $out/app.wasm ($(wc -c <"$out/app.wasm") bytes, $(gzip -9c "$out/app.wasm" | wc -c) gzip), runtime $runtime, build $build_id"
