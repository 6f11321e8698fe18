// Command prepare readies what the worker build needs: the dataset bundle the
// Go worker embeds (so that /healthz, /v1/search and the static
// /v1/dataset.json all describe the same version) and the Cloudflare
// `_headers` file for the static assets, from worker/api's policy.
//
//	go run ./worker/cmd/prepare -data data -public worker/public -bundle worker/build/dataset.json
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/worker/api"
)

func main() {
	dataDir := flag.String("data", "data", "dataset directory (data/*.json)")
	public := flag.String("public", "worker/public", "static assets directory (make assets)")
	bundleOut := flag.String("bundle", "worker/build/dataset.json", "where to write the bundle the worker embeds")
	headersOnly := flag.Bool("headers-only", false, "only (re)write public/_headers")
	flag.Parse()
	var err error
	if *headersOnly {
		err = api.WriteHeadersFile(*public)
	} else {
		err = run(*dataDir, *public, *bundleOut)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "prepare:", err)
		os.Exit(1)
	}
}

func run(dataDir, public, bundleOut string) error {
	d, err := store.LoadDir(dataDir)
	if err != nil {
		return fmt.Errorf("load dataset: %w", err)
	}
	bundle, err := store.Bundle(d)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(bundleOut), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(bundleOut, bundle, 0o644); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	if _, err := os.Stat(public); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "prepare: %s does not exist (run make assets): no static assets\n", public)
		return nil
	}
	served := filepath.Join(public, "v1", store.BundleName)
	if b, err := os.ReadFile(served); err == nil && !bytes.Equal(b, bundle) {
		return fmt.Errorf("%s differs from the bundle of %s: run make assets again", served, dataDir)
	}
	return api.WriteHeadersFile(public)
}
