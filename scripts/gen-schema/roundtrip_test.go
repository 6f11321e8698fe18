package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/scripts/gen-schema/schematest"
	"github.com/selvhjelp/finder/wasm/bundle"
)

// The round trips of the whole dataset: every field of every record type
// reachable from dataset.Dataset, filled by reflection, must survive the
// files, the bundle and the browser module's generated decoder. The contract
// encoders are checked in data/search (records_gen_test.go) and the
// spreadsheet in scripts/finder (csv_schema_test.go), on the same filler.

// filled is a dataset with every field set, and its canonical form: what
// every round trip must give back (the files and the bundle are canonical).
func filled(t *testing.T) (in, want *dataset.Dataset) {
	t.Helper()
	var f schematest.Filler
	in = &dataset.Dataset{}
	require.NoError(t, f.Fill(in))
	require.Empty(t, schematest.ZeroFields(in), "the filler must reach every field")
	return in, store.Canonical(in)
}

func TestRoundTripBundle(t *testing.T) {
	in, want := filled(t)
	b, err := store.Bundle(in)
	require.NoError(t, err)
	parsed, err := store.ParseBundle(b)
	require.NoError(t, err)
	require.NotEmpty(t, parsed.Version)
	want.Version = parsed.Version // the bundle's content hash replaces it
	// The bundle leaves the lexicon's notes out (store.Bundle): every other
	// field comes back.
	bundled := *want
	bundled.Lexicon = store.CoreLexicon(want.Lexicon)
	assert.Empty(t, schematest.Diff(&bundled, parsed), "store.Bundle → store.ParseBundle")
	for _, f := range schematest.ZeroFields(parsed) {
		assert.Regexp(t, `^Dataset\.Lexicon\[\d+\]\.Note$`, f, "store.Bundle keeps every field but the lexicon's notes")
	}

	for _, tc := range []struct {
		name   string
		encode func(any) ([]byte, error)
		want   *dataset.Dataset
	}{
		{"store.Bundle", func(any) ([]byte, error) { return b, nil }, &bundled},
		// encoding/json's default escapes <, >, & as \u003c...: the decoder
		// must read the escapes too.
		{"json.Marshal", json.Marshal, want},
		{"json.MarshalIndent", func(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }, want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := tc.encode(tc.want)
			require.NoError(t, err)
			got, err := bundle.Decode(src)
			require.NoError(t, err)
			if assert.Empty(t, schematest.Diff(tc.want, got), "→ wasm/bundle.Decode") {
				assert.Equal(t, tc.want, got) // what build-assets compares
			}
		})
	}
}

func TestRoundTripFiles(t *testing.T) {
	in, want := filled(t)
	got := &dataset.Dataset{}
	for _, f := range store.Files {
		b, err := store.EncodeFile(in, f)
		require.NoError(t, err, f)
		require.NoError(t, store.DecodeInto(got, f, b), f)
	}
	assert.Empty(t, schematest.Diff(want, got), "store.EncodeFile → store.DecodeInto, every file")
}

// TestEveryListIsAFile: each list in dataset.Dataset is a file the store
// reads and writes, named by its json key; a new record type needs its file.
func TestEveryListIsAFile(t *testing.T) {
	files := map[string]bool{}
	for _, f := range store.Files {
		files[f] = true
	}
	ty := reflect.TypeFor[dataset.Dataset]()
	n := 0
	for i := 0; i < ty.NumField(); i++ {
		sf := ty.Field(i)
		if sf.Type.Kind() != reflect.Slice {
			continue
		}
		n++
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		assert.True(t, files[name+".json"], "dataset.Dataset.%s: no file %s.json in store.Files", sf.Name, name)
	}
	assert.Len(t, store.Files, n, "store.Files and dataset.Dataset's lists")
}

// TestEveryRecordTypeIsGenerated: the decoder covers every type reachable
// from dataset.Dataset (the list the issue names, and any added later).
func TestEveryRecordTypeIsGenerated(t *testing.T) {
	types, err := reachable(reflect.TypeFor[dataset.Dataset]())
	require.NoError(t, err)
	var names []string
	for _, ty := range types {
		names = append(names, ty.Name())
	}
	for _, name := range []string{"Dataset", "County", "Municipality", "Territory", "FormerMunicipality", "Postcode",
		"Topic", "ContactPoint", "SourceRef", "Source", "Name", "Region", "District", "CrisisLine"} {
		assert.Contains(t, names, name)
	}
	src, err := decoder(reflect.TypeFor[dataset.Dataset]())
	require.NoError(t, err)
	for _, name := range names {
		assert.Contains(t, string(src), "func (d *decoder) decode"+name+"(", name)
	}
}
