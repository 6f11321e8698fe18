package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// FuzzImportCSV feeds arbitrary spreadsheets to the importer. It must not
// panic or hang; a sheet it accepts must give a dataset without errors, and
// exporting that dataset and importing it again must change nothing.
func FuzzImportCSV(f *testing.F) {
	d, err := store.LoadFS(data.FS)
	require.NoError(f, err)
	// Small seeds: the fuzzer minimises every new input, and minimising a
	// whole export stalls it for minutes.
	var two bytes.Buffer
	require.NoError(f, exportCSV(&two, d.ContactPoints[:2], ';'))
	f.Add(two.Bytes())
	f.Add([]byte("\uFEFFid,navn,type,kommunenummer,status,kilde1_url\r\nlink-x,LINK X,senter,4601,ukjent,https://example.no\r\n"))
	f.Add([]byte("id;navn;type;status;temaer;kilde2_fakta\nx;\"a;b\";lokalt;aktiv;angst, sorg;y\n"))
	f.Add([]byte("id;navn;type;status\n\"x;y\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, in []byte) {
		res, probs := importCSV(d, in, false, fixedNow)
		if len(probs) > 0 {
			for _, p := range probs {
				require.NotEmpty(t, p.String())
			}
			return
		}
		if n := validate.Errors(validate.Dataset(res.dataset)); n > 0 {
			t.Fatalf("accepted a sheet that leaves %d errors", n)
		}
		var out bytes.Buffer
		require.NoError(t, exportCSV(&out, res.dataset.ContactPoints, ','))
		again, probs := importCSV(res.dataset, out.Bytes(), true, fixedNow)
		if len(probs) > 0 {
			t.Fatalf("re-import of an export failed: %v", probs)
		}
		x, err := store.EncodeFile(res.dataset, dataset.ContactPointsFile)
		require.NoError(t, err)
		y, err := store.EncodeFile(again.dataset, dataset.ContactPointsFile)
		require.NoError(t, err)
		if !bytes.Equal(x, y) {
			t.Fatalf("export/import changed the records:\n%.2000s\n---\n%.2000s", x, y)
		}
	})
}
