package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// The only test that reads ../shared: it is skipped where the sources are
// not present (the shipped data must never need them).
const sourcesDir = "../../../shared/data-sources"

func haveSources(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sourcesDir, "SOURCES.md")); err != nil {
		t.Skip("sources not present:", err)
	}
}

// The reference files (written only by make data) are the same on every
// run and equal to what is shipped; curated files are not compared: people
// edit them.
func TestBuildIsDeterministicAndMatchesShippedData(t *testing.T) {
	haveSources(t)
	a, b := t.TempDir(), t.TempDir()
	// make data runs on data/: its curated files and the manifest's
	// contact-point count (which make data only raises) are there already.
	for _, dir := range []string{a, b} {
		for _, f := range []string{dataset.ContactPointsFile, dataset.TopicsFile, dataset.CrisisLinesFile, store.ManifestFile} {
			src, err := os.ReadFile(filepath.Join("../../data", f))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, f), src, 0o644))
		}
	}
	require.NoError(t, run(sourcesDir, a))
	require.NoError(t, run(sourcesDir, b))
	generated := append(append(store.Reference(), store.ManifestFile), "ATTRIBUTION.md")
	for _, f := range generated {
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

// make data never overwrites what people keep: an edited contact point,
// topic word or crisis line survives a rebuild; a missing curated file is
// created once.
func TestBuildKeepsCuratedFiles(t *testing.T) {
	haveSources(t)
	dir := t.TempDir()
	require.NoError(t, run(sourcesDir, dir))
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	d.ContactPoints[0].Phone = "22 22 22 22"
	d.Topics[0].Synonyms = append(d.Topics[0].Synonyms, "et nytt ord")
	d.CrisisLines[0].Hours = "hele døgnet"
	require.NoError(t, store.WriteFiles(d, dir, []string{dataset.ContactPointsFile, dataset.TopicsFile, dataset.CrisisLinesFile}))
	before := map[string][]byte{}
	for _, f := range store.Files {
		if store.Curated(f) {
			before[f], err = os.ReadFile(filepath.Join(dir, f))
			require.NoError(t, err)
		}
	}

	require.NoError(t, run(sourcesDir, dir))
	for f, want := range before {
		got, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "make data overwrote the curated %s", f)
	}

	require.NoError(t, os.Remove(filepath.Join(dir, dataset.CrisisLinesFile)))
	require.NoError(t, run(sourcesDir, dir))
	again, err := store.LoadDir(dir)
	require.NoError(t, err)
	assert.NotEmpty(t, again.CrisisLines, "a missing curated file is created from the sources")
}

// A broken curated file stops the rebuild and is left as it is.
func TestBuildRefusesBrokenCuratedFile(t *testing.T) {
	haveSources(t)
	dir := t.TempDir()
	require.NoError(t, run(sourcesDir, dir))
	path := filepath.Join(dir, dataset.ContactPointsFile)
	require.NoError(t, os.WriteFile(path, []byte("[{"), 0o644))
	err := run(sourcesDir, dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), dataset.ContactPointsFile)
	b, rerr := os.ReadFile(path)
	require.NoError(t, rerr)
	assert.Equal(t, "[{", string(b))
}

// Every record and update of both contact-point source files arrives, with
// all its sources; nothing is invented as active, no private name copied.
func TestContactPointsFromBothSources(t *testing.T) {
	haveSources(t)
	d, err := build(sourcesDir)
	require.NoError(t, err)
	byID := map[string]dataset.ContactPoint{}
	for _, c := range d.ContactPoints {
		byID[c.ID] = c
	}
	sourceURLs := func(c dataset.ContactPoint) map[string]bool {
		m := map[string]bool{}
		for _, s := range c.Sources {
			m[s.URL] = true
		}
		return m
	}
	for _, file := range []string{"selvhjelp_kontaktpunkter.json", "selvhjelp_kontaktpunkter_tillegg.json"} {
		recs, updates, err := readContacts(filepath.Join(sourcesDir, file))
		require.NoError(t, err)
		for _, r := range recs {
			c, ok := byID[r.ID]
			if assert.True(t, ok, "%s: %s dropped", file, r.ID) {
				for _, k := range r.Kilder {
					assert.True(t, sourceURLs(c)[k.URL], "%s: source %s lost", r.ID, k.URL)
				}
			}
		}
		for _, u := range updates {
			c := byID[u.OppdateringAv]
			for _, k := range u.Kilder {
				assert.True(t, sourceURLs(c)[k.URL], "update %s: source %s not added to %s", u.ID, k.URL, u.OppdateringAv)
			}
		}
	}
	for _, c := range d.ContactPoints {
		assert.NotEqual(t, dataset.StatusActive, c.Status, "%s: no source confirms operation now", c.ID)
		assert.NotContains(t, c.Note+c.Groups+c.StatusNote, "Skottestad", "%s: a private person's name", c.ID)
		assert.True(t, c.Municipality != "" || len(c.Serves) > 0 || c.ServesAll, "%s: no place", c.ID)
	}
}

func TestContainsPhrase(t *testing.T) {
	assert.True(t, containsPhrase("Nordland og Troms og Finnmark", "Troms"))
	assert.True(t, containsPhrase("Trøndelag og Møre og Romsdal", "Møre og Romsdal"))
	assert.False(t, containsPhrase("Vestlandet", "Vestland"))
	assert.False(t, containsPhrase("Vestfold og Telemark", "Vest"))
}
