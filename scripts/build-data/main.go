// Command build-data rebuilds data/*.json from the real sources in
// ../shared/data-sources. It is deterministic: the same input gives
// byte-identical output (every file sorted and written by data/store).
//
//	go run ./scripts/build-data -sources ../shared/data-sources -out data
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

func main() {
	sources := flag.String("sources", "../shared/data-sources", "folder with the source files and SOURCES.md")
	out := flag.String("out", "data", "folder to write the dataset files into")
	flag.Parse()
	if err := run(*sources, *out); err != nil {
		fmt.Fprintln(os.Stderr, "build-data:", err)
		os.Exit(1)
	}
}

func run(sourcesDir, outDir string) error {
	d, err := build(sourcesDir)
	if err != nil {
		return err
	}
	// Never write a dataset the validator rejects.
	if ps := validate.Dataset(d); validate.Errors(ps) > 0 {
		for _, p := range ps {
			if !p.Warning {
				fmt.Fprintln(os.Stderr, p)
			}
		}
		return fmt.Errorf("the built dataset has %d problems; nothing written", validate.Errors(ps))
	}
	if err := store.WriteDir(d, outDir); err != nil {
		return err
	}
	att := attribution(d.Sources)
	if err := os.WriteFile(filepath.Join(outDir, "ATTRIBUTION.md"), []byte(att), 0o644); err != nil {
		return fmt.Errorf("write ATTRIBUTION.md: %w", err)
	}
	fmt.Printf("build-data: %d counties, %d municipalities, %d territories, %d former municipalities, %d postcodes, %d topics, %d contact points, %d sources -> %s\n",
		len(d.Counties), len(d.Municipalities), len(d.Territories), len(d.FormerMunicipalities),
		len(d.Postcodes), len(d.Topics), len(d.ContactPoints), len(d.Sources), outDir)
	return nil
}
