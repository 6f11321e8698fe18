package store_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// fixture is a small valid dataset; unit tests run on it so that
// maintainers' edits to data/ never turn them red.
var fixture = os.DirFS("../testdata/small")

// The files in the tree (the shipped data and the fixture) are exactly what
// WriteDir produces: loading and writing them again changes no byte.
func TestWriteDirIsCanonical(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"shipped": data.FS, "fixture": fixture} {
		t.Run(name, func(t *testing.T) {
			d, err := store.LoadFS(fsys)
			require.NoError(t, err)
			dir := t.TempDir()
			require.NoError(t, store.WriteDir(d, dir))
			for _, f := range store.Files {
				want, err := fs.ReadFile(fsys, f)
				require.NoError(t, err)
				got, err := os.ReadFile(filepath.Join(dir, f))
				require.NoError(t, err)
				assert.True(t, bytes.Equal(want, got), "%s differs after a load/write round trip", f)
			}
			again, err := store.LoadDir(dir)
			require.NoError(t, err)
			assert.Equal(t, d, again)
		})
	}
}

func TestPostcodesOneRecordPerLine(t *testing.T) {
	d, err := store.LoadFS(fixture)
	require.NoError(t, err)
	b, err := fs.ReadFile(fixture, dataset.PostcodesFile)
	require.NoError(t, err)
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	require.Len(t, lines, len(d.Postcodes)+2)
	assert.Equal(t, "[", string(lines[0]))
	assert.Equal(t, "]", string(lines[len(lines)-1]))
	first, err := json.Marshal(d.Postcodes[0])
	require.NoError(t, err)
	assert.Equal(t, string(first)+",", string(lines[1]), "one compact record a line")
}

// WriteFiles writes every file or none: a failure after the first file
// leaves the folder as it was, with no temporary files behind.
func TestWriteFilesAllOrNothing(t *testing.T) {
	d, err := store.LoadFS(fixture)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, store.WriteDir(d, dir))
	before, err := os.ReadFile(filepath.Join(dir, dataset.ContactPointsFile))
	require.NoError(t, err)

	d.ContactPoints[0].Name += " (endret)"
	err = store.WriteFiles(d, dir, []string{dataset.ContactPointsFile, "unknown.json"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unknown.json")
	after, err := os.ReadFile(filepath.Join(dir, dataset.ContactPointsFile))
	require.NoError(t, err)
	assert.Equal(t, before, after, "the first file must not be written when a later one fails")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp", "temporary file left behind")
	}
}

func TestBundle(t *testing.T) {
	d, err := store.LoadFS(fixture)
	require.NoError(t, err)
	b1, err := store.Bundle(d)
	require.NoError(t, err)
	b2, err := store.Bundle(d)
	require.NoError(t, err)
	assert.Equal(t, b1, b2, "bundle must be deterministic")
	assert.NotContains(t, string(b1), "\n")

	back, err := store.ParseBundle(b1)
	require.NoError(t, err)
	assert.Len(t, back.Version, 16)
	back.Version = ""
	// Every field comes back but the lexicon's notes, which the bundle
	// leaves in data/lexicon.json.
	i := slices.IndexFunc(d.Lexicon, func(x dataset.Lexeme) bool { return x.Note != "" })
	require.GreaterOrEqual(t, i, 0, "the fixture's lexicon has notes")
	assert.NotContains(t, string(b1), d.Lexicon[i].Note)
	d.Lexicon = store.CoreLexicon(d.Lexicon)
	assert.Equal(t, d, back)

	// A change in content changes the version.
	d.ContactPoints[0].Name += "x"
	b3, err := store.Bundle(d)
	require.NoError(t, err)
	v3, err := store.ParseBundle(b3)
	require.NoError(t, err)
	v1, _ := store.ParseBundle(b1)
	assert.NotEqual(t, v1.Version, v3.Version)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"syntax", "[\n  {\"number\": \"03\",}\n]", "counties.json:2:20: invalid character '}' looking for beginning of object key string"},
		{"unknown field", "[\n  {\"number\": \"03\", \"colour\": 1}\n]", `counties.json:2:20: unknown field "colour"`},
		{"wrong type", "[\n  {\"number\": 3}\n]", "counties.json:2:15: cannot unmarshal number into Go struct field County.number of type string"},
		{"truncated", "[\n  {\"number\": \"03\"", "counties.json:2:18: unexpected end of JSON input"},
		{"trailing data", "[]\n[]", "counties.json:2:2: unexpected data after the JSON value"},
		{"empty", "", "counties.json: empty file, want a JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v []dataset.County
			err := store.Decode(dataset.CountiesFile, []byte(tt.in), &v)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestLoadFSAllReportsEveryFile(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range store.Files {
		fsys[f] = &fstest.MapFile{Data: []byte("[]")}
	}
	fsys[dataset.CountiesFile] = &fstest.MapFile{Data: []byte("[")}
	fsys[dataset.TopicsFile] = &fstest.MapFile{Data: []byte("{}")}
	delete(fsys, dataset.SourcesFile)
	_, errs := store.LoadFSAll(fsys)
	require.Len(t, errs, 3)
	assert.Equal(t, dataset.CountiesFile, errs[0].File)
	assert.Equal(t, dataset.TopicsFile, errs[1].File)
	assert.Equal(t, dataset.SourcesFile, errs[2].File)
	_, err := store.LoadFS(fsys)
	assert.Error(t, err)
}

// make data raises the manifest's contact-point count, never lowers it: a
// removal is a deliberate, reviewed edit of manifest.json.
func TestWriteManifestKeepsTheHigherCount(t *testing.T) {
	d, err := store.LoadDir("../testdata/small")
	require.NoError(t, err)
	count := func(dir string) int {
		b, err := os.ReadFile(filepath.Join(dir, store.ManifestFile))
		require.NoError(t, err)
		m, err := store.ParseManifest(b)
		require.NoError(t, err)
		return m.ContactPoints
	}
	dir := t.TempDir()
	n := len(d.ContactPoints)
	require.NoError(t, store.WriteManifest(d, dir))
	assert.Equal(t, n, count(dir), "a new manifest counts the list")
	d.ContactPoints = d.ContactPoints[:n-2]
	require.NoError(t, store.WriteManifest(d, dir))
	assert.Equal(t, n, count(dir), "fewer records do not lower it")
	d.ContactPoints = append(d.ContactPoints, d.ContactPoints[0], d.ContactPoints[0], d.ContactPoints[0])
	require.NoError(t, store.WriteManifest(d, dir))
	assert.Equal(t, n+1, count(dir), "more records raise it")
	require.NoError(t, os.WriteFile(filepath.Join(dir, store.ManifestFile), []byte(`{"note":"x","files":[],"extra":1}`), 0o644))
	assert.ErrorContains(t, store.WriteManifest(d, dir), "manifest.json (fix or delete it)")
}

// DecodeInto replaces the records of a file: a field the file leaves out
// never survives from the record that stood at its index before (make data
// decodes the curated contact points over the ones it built).
func TestDecodeIntoReplaces(t *testing.T) {
	d := &dataset.Dataset{ContactPoints: []dataset.ContactPoint{
		{ID: "built-a", Postcode: "0364"}, {ID: "built-b", Postcode: "9060"}}}
	require.NoError(t, store.DecodeInto(d, dataset.ContactPointsFile,
		[]byte(`[{"id":"curated","name":"N","kind":"local","status":"unknown","last_verified":"","sources":[]}]`)))
	require.Len(t, d.ContactPoints, 1)
	assert.Equal(t, "curated", d.ContactPoints[0].ID)
	assert.Empty(t, d.ContactPoints[0].Postcode, "a built record's postcode stuck to the curated one")
}
