//go:build js && wasm

// Command worker is the Cloudflare Worker: worker/api's handler wired to
// syumai/workers. Build it with ./worker/build.sh (make worker).
package main

import (
	"bytes"
	_ "embed"
	"net/http"
	"syscall/js"
	"time"

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

// started is set when the package initialises, before main.
var started = time.Now()

func main() {
	var h http.Handler
	h, err := api.New(api.Config{Bundle: bundle, BuildID: buildID, RuntimeCompresses: true, Started: started})
	if err != nil {
		h = broken(err)
	}
	workers.ServeNonBlock(rawBodies(h))
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

// rawBodies hands each response to JavaScript as one Uint8Array (or null)
// instead of syumai/workers' default io.Pipe read through a ReadableStream:
// one copy instead of a round trip per chunk, and no FixedLengthStream that
// fails when a HEAD response declares a Content-Length it does not send.
func rawBodies(next http.Handler) http.Handler {
	uint8Array := js.Global().Get("Uint8Array")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := w.(interface{ WriteRawJSBody(js.Value) })
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		b := &bufferedWriter{h: w.Header()}
		next.ServeHTTP(b, r)
		if b.status == 0 {
			b.status = http.StatusOK
		}
		body := js.Null()
		if r.Method != http.MethodHead && b.status != http.StatusNoContent && b.status != http.StatusNotModified && b.body.Len() > 0 {
			body = uint8Array.New(b.body.Len())
			js.CopyBytesToJS(body, b.body.Bytes())
		}
		raw.WriteRawJSBody(body)
		w.WriteHeader(b.status)
	})
}

type bufferedWriter struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.h }

func (b *bufferedWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}
