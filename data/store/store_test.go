package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

func TestLoadShippedData(t *testing.T) {
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	assert.Len(t, d.Municipalities, 357)
	assert.Len(t, d.Counties, 15)
	assert.Len(t, d.Postcodes, 5121)
	assert.Len(t, d.ContactPoints, 21)
	assert.Len(t, d.Topics, 15)
	assert.Len(t, d.Territories, 2)
}

// The files in the tree are exactly what WriteDir produces: loading and
// writing them again changes no byte.
func TestWriteDirIsCanonical(t *testing.T) {
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, store.WriteDir(d, dir))
	for _, f := range store.Files {
		want, err := data.FS.ReadFile(f)
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s differs after a load/write round trip", f)
	}
	again, err := store.LoadDir(dir)
	require.NoError(t, err)
	assert.Equal(t, d, again)
}

func TestPostcodesOneRecordPerLine(t *testing.T) {
	b, err := data.FS.ReadFile(dataset.PostcodesFile)
	require.NoError(t, err)
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	assert.Len(t, lines, 5121+2)
	assert.Equal(t, `{"code":"0001","place":"Oslo","municipality":"0301","category":"P","lat":59.9116,"lon":10.7545},`, string(lines[1]))
}

func TestBundle(t *testing.T) {
	d, err := store.LoadFS(data.FS)
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
