package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

func contactPoint(t *testing.T, dir, id string) dataset.ContactPoint {
	t.Helper()
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	for _, c := range d.ContactPoints {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no contact point %s", id)
	return dataset.ContactPoint{}
}

func TestVerify(t *testing.T) {
	dir := copyData(t)
	before := contactPoint(t, dir, "link-bergen-og-omegn")
	code, out, stderr := runCmd(t, "", "verify", "link-bergen-og-omegn", "--source", "https://www.linkbergen.no",
		"--date", "2026-11-20", "--by", "redaksjonen", "--note", "telefonsamtale: i drift", "--data", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "link-bergen-og-omegn (LINK Bergen og omegn): sist verifisert 2026-11-20")

	after := contactPoint(t, dir, "link-bergen-og-omegn")
	assert.Equal(t, "2026-11-20", after.LastVerified)
	require.Len(t, after.Sources, len(before.Sources)+1, "every earlier source kept")
	assert.Equal(t, before.Sources, after.Sources[:len(before.Sources)])
	assert.Equal(t, dataset.SourceRef{URL: "https://www.linkbergen.no", PageDate: "2026-11-20",
		Facts: "Bekreftet av redaksjonen: telefonsamtale: i drift"}, after.Sources[len(after.Sources)-1])
	assert.Equal(t, before.Status, after.Status, "status changes only when asked")

	// The result validates, and the record no longer warns as stale.
	code, out, _ = runCmd(t, "", "validate", "--data", dir)
	assert.Equal(t, 0, code, out)
	assert.NotContains(t, out, "link-bergen-og-omegn: last_verified")

	// Today by default; --status sets the status the source shows.
	code, _, stderr = runCmd(t, "", "verify", "link-tromso", "--source", "https://www.linktromso.no", "--status", "active", "--data", dir)
	require.Equal(t, 0, code, stderr)
	c := contactPoint(t, dir, "link-tromso")
	assert.Equal(t, fixedNow.Format("2006-01-02"), c.LastVerified)
	assert.Equal(t, dataset.StatusActive, c.Status)
}

func TestVerifyRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown id", []string{"link-bergn", "--source", "https://x.no"}, 1, `ukjent id "link-bergn"`},
		{"future date", []string{"link-oslo", "--source", "https://x.no", "--date", "2026-12-01"}, 1, "ligger i fremtiden"},
		{"bad date", []string{"link-oslo", "--source", "https://x.no", "--date", "20.11.2026"}, 2, "ÅÅÅÅ-MM-DD"},
		{"no source", []string{"link-oslo"}, 2, "bruk: finder verify"},
		{"source not an address", []string{"link-oslo", "--source", "telefon"}, 1, "--source"},
		{"unknown status", []string{"link-oslo", "--source", "https://x.no", "--status", "open"}, 1, "--status"},
		{"markup in the note", []string{"link-oslo", "--source", "https://x.no", "--note", "<b>ok</b>"}, 1, "markup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyData(t)
			before := snapshot(t, dir)
			code, _, stderr := runCmd(t, "", append(append([]string{"verify"}, tt.args...), "--data", dir)...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, stderr, tt.want)
			assert.Equal(t, before, snapshot(t, dir), "a refused verify changes nothing")
		})
	}
	// An older confirmation never moves last_verified back.
	dir := copyData(t)
	code, _, stderr := runCmd(t, "", "verify", "link-oslo", "--source", "https://linkoslo.no", "--date", "2019-01-01", "--data", dir)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "2020-12-18", contactPoint(t, dir, "link-oslo").LastVerified)
}

// servePublished answers /v1/dataset.json with the bundle of dir, as a
// running worker does.
func servePublished(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	b, err := store.Bundle(d)
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/dataset.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}
