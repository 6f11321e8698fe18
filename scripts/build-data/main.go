// Command build-data rebuilds data/*.json from the real sources in
// ../shared/data-sources. It is deterministic: the same input gives
// byte-identical output (every file sorted and written by data/store).
//
//	go run ./scripts/build-data -sources ../shared/data-sources -out data
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

func main() {
	sources := flag.String("sources", "../shared/data-sources", "folder with the source files and SOURCES.md")
	out := flag.String("out", "data", "folder to write the dataset files into")
	merge := flag.String("merge", "", "import this contact-point supplement into the curated files in -out, once (merge.go)")
	flag.Parse()
	run := run
	if *merge != "" {
		run = func(_, out string) error { return mergeSupplement(*merge, out) }
	}
	if err := run(*sources, *out); err != nil {
		fmt.Fprintln(os.Stderr, "build-data:", err)
		os.Exit(1)
	}
}

// run rebuilds the reference files from the sources. Curated files already
// in outDir are kept as people left them (and validated with the rest);
// missing ones are created from the sources once.
func run(sourcesDir, outDir string) error {
	d, err := build(sourcesDir)
	if err != nil {
		return err
	}
	var write []string
	for _, f := range store.Files {
		if !store.Curated(f) {
			write = append(write, f)
			continue
		}
		b, err := os.ReadFile(filepath.Join(outDir, f))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			write = append(write, f)
		case err != nil:
			return err
		default:
			if err := store.DecodeInto(d, f, b); err != nil {
				return fmt.Errorf("%s (kept as it is, fix it by hand): %w", f, err)
			}
		}
	}
	if err := refuseInvalid(d, "built"); err != nil {
		return err
	}
	if err := store.WriteFiles(d, outDir, write); err != nil {
		return err
	}
	if err := store.WriteManifest(d, outDir); err != nil {
		return err
	}
	att := attribution(d.Sources)
	if err := os.WriteFile(filepath.Join(outDir, "ATTRIBUTION.md"), []byte(att), 0o644); err != nil {
		return fmt.Errorf("write ATTRIBUTION.md: %w", err)
	}
	fmt.Printf("build-data: wrote %s to %s\n", strings.Join(write, ", "), outDir)
	return nil
}

// refuseInvalid prints the errors of a dataset the validator rejects and
// refuses it: nothing is written then.
func refuseInvalid(d *dataset.Dataset, what string) error {
	ps := validate.Dataset(d)
	if validate.Errors(ps) == 0 {
		return nil
	}
	for _, p := range ps {
		if !p.Warning {
			fmt.Fprintln(os.Stderr, p)
		}
	}
	return fmt.Errorf("the %s dataset has %d problems; nothing written", what, validate.Errors(ps))
}
