//go:build !(js && wasm)

package main

import "os"

// main exists so that `go build ./...` works natively; the module itself is
// built with GOOS=js GOARCH=wasm (see scripts/build-assets).
func main() {
	os.Stderr.WriteString("wasm: build with GOOS=js GOARCH=wasm (make assets)\n")
	os.Exit(2)
}
