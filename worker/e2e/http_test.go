//go:build e2e

package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/devserver"
)

// rawClient sends exactly the headers a test sets: Go's transport would
// otherwise add Accept-Encoding: gzip and decode the body itself.
var rawClient = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableCompression: true}}

// rawFetch does one GET or HEAD with header fields (a name may repeat: one
// field line each) and returns the response with its body as sent.
func rawFetch(t *testing.T, method, url string, fields [][2]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	for _, f := range fields {
		req.Header.Add(f[0], f[1])
	}
	res, err := rawClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// TestSearchEncoding: /v1/search is encoded as the client asked, and sent
// as identity when it sent no Accept-Encoding. The request reaching the
// worker always says "br, gzip" (wrangler dev sets it, as Cloudflare does),
// so only the platform, which saw the client's header, may choose.
func TestSearchEncoding(t *testing.T) {
	tests := []struct {
		name, acceptEncoding string // "" sends no Accept-Encoding field
		want                 string // Content-Encoding
	}{
		{"no accept-encoding", "", ""},
		{"identity", "identity", ""},
		{"gzip", "gzip", "gzip"},
		{"gzip refused", "gzip;q=0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fields [][2]string
			if tt.acceptEncoding != "" {
				fields = append(fields, [2]string{"Accept-Encoding", tt.acceptEncoding})
			}
			res, body := rawFetch(t, http.MethodGet, server.URL+"/v1/search?q=bergen&limit=20", fields)
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Equal(t, tt.want, res.Header.Get("Content-Encoding"))
			assert.Contains(t, res.Header.Values("Vary"), "Accept-Encoding")
			if tt.want == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				require.NoError(t, err)
				body, err = io.ReadAll(zr)
				require.NoError(t, err)
			}
			assert.Contains(t, string(body), `"query":"bergen"`)
		})
	}
}

// inmCase is an If-None-Match request (each string one field line) and the
// status RFC 9110 §13.1.2 requires for a GET of a representation whose
// strong ETag is the test's: 304 when any listed tag matches by weak
// comparison, or for "*" (the representation exists); 200 otherwise.
type inmCase struct {
	name   string
	fields []string
	rfc    int
}

func ifNoneMatchCases(etag string) []inmCase {
	return []inmCase{
		{"strong", []string{etag}, http.StatusNotModified},
		{"weak", []string{"W/" + etag}, http.StatusNotModified},
		{"list", []string{`"a", ` + etag}, http.StatusNotModified},
		{"list without spaces", []string{`"a",` + etag}, http.StatusNotModified},
		{"list with the weak form", []string{`"a", W/` + etag}, http.StatusNotModified},
		{"two field lines", []string{`"a"`, etag}, http.StatusNotModified},
		{"star", []string{"*"}, http.StatusNotModified},
		{"other", []string{`"a"`}, http.StatusOK},
		{"other list", []string{`"a", "b"`}, http.StatusOK},
		{"other weak", []string{`W/"a"`}, http.StatusOK},
	}
}

func inmFields(values []string) [][2]string {
	fields := make([][2]string, len(values))
	for i, v := range values {
		fields[i] = [2]string{"If-None-Match", v}
	}
	return fields
}

// assetServerDeviations are the cases in which Cloudflare's asset server
// (workers-shared's asset-worker, run by wrangler dev as in production)
// answers 200 where RFC 9110 requires 304: it compares the whole field with
// `"<etag>"` and `W/"<etag>"` only, so a list or "*" never matches. The
// static files are served without running the worker, so the project cannot
// change this; the 200 is the full, correct file (a cache refills instead of
// revalidating). worker/README.md documents it. Should this test fail
// because the asset server now answers 304, remove the case here and there.
var assetServerDeviations = map[string]bool{
	"list": true, "list without spaces": true, "list with the weak form": true,
	"two field lines": true, "star": true,
}

// TestStaticIfNoneMatch sends the RFC 9110 If-None-Match forms to static
// files: the dataset, the loader and a hashed (immutable) file.
func TestStaticIfNoneMatch(t *testing.T) {
	paths := []string{"v1/dataset.json", "widget.js"}
	for _, name := range publicFiles(t) {
		if isHashed(name) && strings.HasSuffix(name, ".js") {
			paths = append(paths, name)
			break
		}
	}
	require.Len(t, paths, 3, "a hashed .js file in worker/public")
	for _, name := range paths {
		local, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(name)))
		require.NoError(t, err)
		res, _ := rawFetch(t, http.MethodGet, server.URL+"/"+name, nil)
		require.Equal(t, http.StatusOK, res.StatusCode)
		etag := res.Header.Get("ETag")
		require.True(t, strings.HasPrefix(etag, `"`), "a strong ETag: %q", etag)
		for _, tt := range ifNoneMatchCases(etag) {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				res, body := rawFetch(t, http.MethodGet, server.URL+"/"+name, inmFields(tt.fields))
				if assetServerDeviations[tt.name] {
					assert.Equal(t, http.StatusOK, res.StatusCode,
						"the asset server now answers as RFC 9110 requires (%d): update assetServerDeviations and worker/README.md", tt.rfc)
					assert.Equal(t, local, body, "the full file")
					return
				}
				assert.Equal(t, tt.rfc, res.StatusCode)
				assert.Equal(t, tt.rfc == http.StatusOK, len(body) > 0)
			})
		}
	}
}

// startWorkerd runs the built worker alone in workerd (only the Go routes:
// there /v1/dataset.json is the Go handler's) and stops it with the test.
func startWorkerd(t *testing.T) *devserver.Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := devserver.StartWorkerd(ctx, repo, "/healthz", 90*time.Second)
	require.NoError(t, err)
	t.Cleanup(srv.Stop)
	return srv
}

// TestGoIfNoneMatch: the Go handler, reached through worker.mjs and the
// bridge in workerd, follows RFC 9110 for every If-None-Match form,
// including repeated field lines (JavaScript's Headers joins them).
func TestGoIfNoneMatch(t *testing.T) {
	srv := startWorkerd(t)
	url := srv.URL + "/v1/dataset.json"
	res, _ := rawFetch(t, http.MethodGet, url, nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	etag := res.Header.Get("ETag")
	require.True(t, strings.HasPrefix(etag, `"`), "a strong ETag: %q", etag)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		for _, tt := range ifNoneMatchCases(etag) {
			t.Run(method+"/"+tt.name, func(t *testing.T) {
				res, body := rawFetch(t, method, url, inmFields(tt.fields))
				assert.Equal(t, tt.rfc, res.StatusCode)
				assert.Equal(t, etag, res.Header.Get("ETag"))
				assert.Equal(t, tt.rfc == http.StatusOK && method == http.MethodGet, len(body) > 0)
			})
		}
	}
}
