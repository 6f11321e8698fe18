package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// FuzzLoad feeds arbitrary bytes to the loader as one dataset file and to
// the bundle parser. Neither may panic or hang; whatever loads must survive
// a write and a reload unchanged.
//
// Run it with `make fuzz` (-fuzzminimizetime 0s): with Go's minimiser on,
// the worker spends minutes minimising each new input and runs ~8 inputs
// in 30 s; without it ~1,600 a second.
func FuzzLoad(f *testing.F) {
	// Small seeds from the small fixture dataset (data/testdata/small), not
	// the shipped one: every fuzzing worker runs this setup, and the fuzzer
	// minimises every new input (a whole 40 KB file stalls it for minutes).
	d, err := store.LoadFS(os.DirFS(filepath.Join("..", "testdata", "small")))
	require.NoError(f, err)
	require.NotEmpty(f, d.ContactPoints, "the small fixture has contact points")
	for _, id := range []string{"selvhjelp-norge", "link-bergen-og-omegn"} {
		for _, c := range d.ContactPoints {
			if c.ID == id {
				// Only short fields: a long free text makes each
				// minimisation take minutes, during which nothing runs.
				c = dataset.ContactPoint{
					ID: c.ID, Name: c.Name, Kind: c.Kind, Municipality: c.Municipality, Serves: c.Serves,
					ServesAll: c.ServesAll, Postcode: c.Postcode, Topics: c.Topics, Status: c.Status,
					LastVerified: c.LastVerified, Sources: c.Sources,
				}
				b, err := store.EncodeFile(&dataset.Dataset{ContactPoints: []dataset.ContactPoint{c}}, dataset.ContactPointsFile)
				require.NoError(f, err)
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`[{"id":"x","name":"a\u0000b","kind":"local","status":"unknown","last_verified":"","sources":[]}]`))
	f.Add([]byte(`[{"id":"x","serves":["0301","0301"],"unknown":1}]`))
	f.Add([]byte(`{"version":"1","counties":[],"postcodes":[{"code":"0001","lat":1e400}]}`))
	f.Add([]byte("[\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, in []byte) {
		_, _ = store.ParseBundle(in)

		fsys := fstest.MapFS{}
		for _, name := range store.Files {
			fsys[name] = &fstest.MapFile{Data: []byte("[]")}
		}
		fsys[dataset.ContactPointsFile] = &fstest.MapFile{Data: in}
		d, errs := store.LoadFSAll(fsys)
		if len(errs) > 0 {
			for _, e := range errs {
				require.NotEmpty(t, e.Error())
			}
			return
		}
		out, err := store.EncodeFile(d, dataset.ContactPointsFile)
		require.NoError(t, err)
		again := &dataset.Dataset{}
		require.NoError(t, store.Decode(dataset.ContactPointsFile, out, &again.ContactPoints))
		out2, err := store.EncodeFile(again, dataset.ContactPointsFile)
		require.NoError(t, err)
		// Compared as bytes: a struct diff of a large input takes minutes.
		if !bytes.Equal(out, out2) {
			t.Fatalf("write/reload changed the file:\n%.2000s\n---\n%.2000s", out, out2)
		}

		b, err := store.Bundle(d)
		require.NoError(t, err)
		_, err = store.ParseBundle(b)
		require.NoError(t, err)
	})
}
