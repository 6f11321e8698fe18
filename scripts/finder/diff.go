package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/tidwall/gjson"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/diff"
	"github.com/selvhjelp/finder/data/store"
)

// The changes finder diff and finder publish describe (data/diff).
type (
	recordChange = diff.RecordChange
	fieldChange  = diff.FieldChange
)

var (
	recordKeys        = diff.RecordKeys
	printChanges      = diff.Print
	bundleArrays      = diff.BundleArrays
	diffFile          = diff.File
	lexemeNeedsReview = diff.LexemeNeedsReview
	reviewCount       = diff.ReviewCount
)

func runDiff(e env, args []string) int {
	fs := newFlags(e, "diff", "GAMMEL_MAPPE NY_MAPPE [--json]")
	asJSON := fs.Bool("json", false, "skriv endringene som JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 2 {
		fs.Usage()
		return 2
	}
	changes, err := diffDirs(rest[0], rest[1])
	if err != nil {
		fmt.Fprintln(e.stderr, "finder diff:", err)
		return 1
	}
	if *asJSON {
		if changes == nil {
			changes = []recordChange{}
		}
		if err := writeJSON(e.stdout, changes); err != nil {
			fmt.Fprintln(e.stderr, "finder diff:", err)
			return 2
		}
		return 0
	}
	printChanges(e.stdout, changes)
	return 0
}

// diffDirs compares two dataset folders record by record and field by
// field. It reads the files generically (gjson), so it also describes
// changes a newer or older schema makes.
func diffDirs(oldDir, newDir string) ([]recordChange, error) {
	var out []recordChange
	for _, f := range store.Files {
		a, err := readArray(filepath.Join(oldDir, f))
		if err != nil {
			return nil, err
		}
		b, err := readArray(filepath.Join(newDir, f))
		if err != nil {
			return nil, err
		}
		out = append(out, diffFile(f, a, b)...)
	}
	return out, nil
}

// diffBundleDir compares a published bundle with a dataset folder.
func diffBundleDir(bundle []byte, dir string) ([]recordChange, error) {
	old, err := bundleArrays(bundle)
	if err != nil {
		return nil, err
	}
	var out []recordChange
	for _, f := range store.Files {
		b, err := readArray(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		changes := diffFile(f, old[f], b)
		if f == dataset.LexiconFile {
			changes = withoutNotes(changes)
		}
		out = append(out, changes...)
	}
	return out, nil
}

// withoutNotes drops the changes of the lexicon's notes: a bundle carries
// none (store.Bundle), so against a folder every note would read as removed.
func withoutNotes(cs []recordChange) []recordChange {
	var out []recordChange
	for _, c := range cs {
		if c.Change == "changed" {
			c.Fields = slices.DeleteFunc(c.Fields, func(f fieldChange) bool { return f.Field == "note" })
			if len(c.Fields) == 0 {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

func readArray(path string) ([]gjson.Result, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil // a file that is new or gone: every record added or removed
	}
	if err != nil {
		return nil, err
	}
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("%s: ugyldig JSON; kjør «finder validate» for linje og kolonne", path)
	}
	r := gjson.ParseBytes(b)
	if !r.IsArray() {
		return nil, fmt.Errorf("%s: skal være en JSON-liste", path)
	}
	return r.Array(), nil
}
