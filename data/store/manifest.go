package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"

	"github.com/selvhjelp/finder/data/dataset"
)

// ManifestFile records what `make data` wrote: every reference file with its
// record count and content hash. The validator compares the files with it,
// so a truncated or hand-edited reference file cannot validate.
const ManifestFile = "manifest.json"

// Manifest is the content of ManifestFile.
type Manifest struct {
	Note string `json:"note"`
	// ContactPoints is how many contact points the list is measured
	// against: the validator refuses a list that has lost more than a tenth
	// of them (a truncated file, a spreadsheet with a filter left on).
	// WriteManifest raises it to the current count, never lowers it; a
	// commit that removes records on purpose lowers it by hand.
	ContactPoints int             `json:"contact_points"`
	Files         []ManifestEntry `json:"files"`
}

// ManifestEntry describes one reference file as make data wrote it.
type ManifestEntry struct {
	File    string `json:"file"`
	Records int    `json:"records"`
	SHA256  string `json:"sha256"`
}

const manifestNote = "Skrevet av make data (scripts/build-data). Referansefilene under skal ha nøyaktig dette innholdet; rediger dem ikke for hånd."

// Reference lists the files make data writes from the sources (every file
// that is not Curated), in Files order.
func Reference() []string {
	var out []string
	for _, f := range Files {
		if !Curated(f) {
			out = append(out, f)
		}
	}
	return out
}

// Records returns how many records file holds in d.
func Records(d *dataset.Dataset, file string) int {
	v := target(d, file)
	if v == nil {
		return 0
	}
	return reflect.ValueOf(v).Elem().Len()
}

// Hash is the hex SHA-256 of a file's bytes.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// NewManifest describes the reference files of d as EncodeFile writes them,
// and counts its contact points.
func NewManifest(d *dataset.Dataset) (*Manifest, error) {
	m := &Manifest{Note: manifestNote, ContactPoints: len(d.ContactPoints)}
	for _, f := range Reference() {
		b, err := EncodeFile(d, f)
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, ManifestEntry{File: f, Records: Records(d, f), SHA256: Hash(b)})
	}
	return m, nil
}

// WriteManifest writes the manifest of d's reference files into dir. The
// contact-point count of a manifest already there is kept when it is higher.
func WriteManifest(d *dataset.Dataset, dir string) error {
	m, err := NewManifest(d)
	if err != nil {
		return err
	}
	old, err := readManifest(dir)
	if err != nil {
		return err
	}
	if old != nil && old.ContactPoints > m.ContactPoints {
		m.ContactPoints = old.ContactPoints
	}
	b, err := marshal(m, true)
	if err != nil {
		return fmt.Errorf("%s: %w", ManifestFile, err)
	}
	tmp, err := writeTemp(dir, ManifestFile, append(b, '\n'))
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, ManifestFile)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rename %s: %w", tmp, err)
	}
	return nil
}

// ParseManifest strictly decodes a manifest.
func ParseManifest(b []byte) (*Manifest, error) {
	m := &Manifest{}
	if err := Decode(ManifestFile, b, m); err != nil {
		return nil, err
	}
	return m, nil
}

// readManifest reads dir's manifest; nil when there is none.
func readManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ManifestFile, err)
	}
	m, err := ParseManifest(b)
	if err != nil {
		return nil, fmt.Errorf("%s (fix or delete it): %w", ManifestFile, err)
	}
	return m, nil
}
