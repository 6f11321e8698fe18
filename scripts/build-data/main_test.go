package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/store"
)

// The only test that reads ../shared: it is skipped where the sources are
// not present (the shipped data must never need them).
const sourcesDir = "../../../shared/data-sources"

func TestBuildIsDeterministicAndMatchesShippedData(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sourcesDir, "SOURCES.md")); err != nil {
		t.Skip("sources not present:", err)
	}
	a, b := t.TempDir(), t.TempDir()
	require.NoError(t, run(sourcesDir, a))
	require.NoError(t, run(sourcesDir, b))
	for _, f := range append(append([]string{}, store.Files...), "ATTRIBUTION.md") {
		x, err := os.ReadFile(filepath.Join(a, f))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, y), "%s differs between two runs", f)
		shipped, err := os.ReadFile(filepath.Join("../../data", f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, shipped), "data/%s is not what build-data makes: run `make data`", f)
	}
}

func TestCounts(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sourcesDir, "SOURCES.md")); err != nil {
		t.Skip("sources not present:", err)
	}
	d, err := build(sourcesDir)
	require.NoError(t, err)
	assert.Len(t, d.Municipalities, 357)
	assert.Len(t, d.Counties, 15)
	assert.Len(t, d.Postcodes, 5121)
	assert.Len(t, d.ContactPoints, 21)
	assert.Len(t, d.Topics, 15)
	split := 0
	for _, f := range d.FormerMunicipalities {
		if len(f.Successors) > 1 {
			split++
		}
	}
	assert.Equal(t, 8, split, "1504, 1523, 1529, 1534, 1546, 1850, 5012 (2019) and 1507 (2020-2023)")
	for _, c := range d.ContactPoints {
		assert.NotEqual(t, "active", c.Status, "%s: no source confirms operation now", c.ID)
		assert.NotContains(t, c.Note+c.Groups+c.StatusNote, "Skottestad", "%s: a private person's name", c.ID)
	}
}

func TestContainsPhrase(t *testing.T) {
	assert.True(t, containsPhrase("Nordland og Troms og Finnmark", "Troms"))
	assert.True(t, containsPhrase("Trøndelag og Møre og Romsdal", "Møre og Romsdal"))
	assert.False(t, containsPhrase("Vestlandet", "Vestland"))
	assert.False(t, containsPhrase("Vestfold og Telemark", "Vest"))
}
