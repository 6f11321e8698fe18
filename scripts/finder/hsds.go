package main

import (
	"fmt"

	"github.com/selvhjelp/finder/data/hsds"
)

// runExportHSDS writes DIR/services.json (HSDS 3) and DIR/dcat.jsonld.
func runExportHSDS(e env, args []string) int {
	fs := newFlags(e, "export-hsds", "DIR [--data DIR] [--base URL]")
	dir := fs.String("data", "", "mappen med datasettet (standard: datasettet bygd inn i programmet)")
	base := fs.String("base", "", "den offentlige adressen filene serveres fra, til dcat.jsonld (https://…)")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 1 {
		fs.Usage()
		return 2
	}
	d, err := loadDataset(*dir)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder export-hsds:", err)
		return 1
	}
	if err := hsds.WriteDir(d, rest[0], *base); err != nil {
		fmt.Fprintln(e.stderr, "finder export-hsds:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "%d tjenester skrevet til %s/%s, beskrivelsen til %s/%s\n", len(d.ContactPoints),
		rest[0], hsds.ServicesFile, rest[0], hsds.DCATFile)
	return 0
}
