//go:build js && wasm

// Command worker is the Cloudflare Worker: worker/api's handler wired to
// syumai/workers. Build it with ./worker/build.sh (make worker).
package main

import (
	_ "embed"
	"net/http"

	"github.com/syumai/workers"

	"github.com/selvhjelp/finder/worker/api"
)

// bundle is the dataset bundle, written by worker/cmd/prepare: the same
// bytes as the static /v1/dataset.json.
//
//go:embed build/dataset.json
var bundle []byte

// buildID is set by build.sh with -ldflags -X.
var buildID = "dev"

func main() {
	var h http.Handler
	h, err := api.New(api.Config{Bundle: bundle, BuildID: buildID, RuntimeCompresses: true})
	if err != nil {
		h = broken(err)
	}
	workers.ServeNonBlock(h)
	workers.Ready()
	// Stay alive: worker.mjs keeps this instance and sends it every request
	// of the isolate, instead of starting Go for each one.
	select {}
}

// broken answers every request with a JSON 503 when the embedded dataset cannot be loaded.
func broken(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":503,"error":"the worker could not load its dataset"}`))
		println("worker: " + err.Error())
	})
}
