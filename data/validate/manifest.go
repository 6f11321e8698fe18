package validate

import (
	"errors"
	"io/fs"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// checkManifest compares every reference file with the manifest make data
// wrote: same record count, same bytes. Reference files are written only by
// make data, so any difference is truncation or a hand edit.
// Files that did not decode (broken) are reported by the loader only.
func checkManifest(fsys fs.FS, d *dataset.Dataset, broken map[string]bool) []Problem {
	f := store.ManifestFile
	b, err := fs.ReadFile(fsys, f)
	if errors.Is(err, fs.ErrNotExist) {
		return []Problem{{File: f, Message: "mangler: kjør make data, som skriver referansefilene og manifestet"}}
	}
	if err != nil {
		return []Problem{{File: f, Message: "kan ikke leses: " + err.Error()}}
	}
	m, err := store.ParseManifest(b)
	if err != nil {
		return []Problem{{File: f, Message: err.Error()}}
	}
	want := map[string]store.ManifestEntry{}
	for _, e := range m.Files {
		want[e.File] = e
	}
	c := &checker{}
	if !broken[dataset.ContactPointsFile] {
		c.ps = append(c.ps, checkContactPointFloor(m, d)...)
	}
	for _, file := range store.Reference() {
		e, ok := want[file]
		if !ok {
			c.add(f, "", "files", "%s står ikke i manifestet: kjør make data", file)
			continue
		}
		raw, err := fs.ReadFile(fsys, file)
		if err != nil || broken[file] {
			continue // reported by the loader
		}
		if n := store.Records(d, file); n != e.Records {
			c.add(file, "", "", "%d poster, men make data skrev %d: filen er avkortet eller endret for hånd; kjør make data", n, e.Records)
		} else if store.Hash(raw) != e.SHA256 {
			c.add(file, "", "", "innholdet er ikke det make data skrev (sha256 avviker fra %s): referansefiler skrives bare av make data", f)
		}
	}
	return c.ps
}
