// Command gen-schema writes the code that follows from the dataset types in
// data/dataset, so that a new field needs no hand edit of a decoder or an
// encoder:
//
//   - wasm/bundle/decode_gen.go: the browser module's bundle decoder, one
//     function per record type reachable from dataset.Dataset (no reflect or
//     encoding/json there: the module's size budget);
//   - data/search/records_gen.go: reflect-free JSON encoders of the records
//     the search contract embeds (contact points, crisis lines).
//
// It runs at build time only (`go generate ./...`, from the //go:generate
// line in data/dataset/dataset.go), so it may use reflect. A test in this
// package regenerates into memory and fails when a checked-in file is stale.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	root := flag.String("root", ".", "the repository root (the folder with go.mod)")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "gen-schema:", err)
		os.Exit(1)
	}
}

// run writes the generated files under root, touching only those that
// change, so that `go generate` leaves modification times alone.
func run(root string) error {
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return fmt.Errorf("-root %s is not the repository root: %w", root, err)
	}
	files, err := generate()
	if err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(root, filepath.FromSlash(p))
		old, err := os.ReadFile(full)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("read %s: %w", p, err)
		}
		if bytes.Equal(old, files[p]) {
			continue
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	return nil
}
