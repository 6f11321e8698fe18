//go:build e2e

// Package e2e runs the built worker (make deps assets worker) in local
// workerd through worker/serve.sh on a free 127.0.0.1 port and checks every
// route over real HTTP, the demo page in headless Chromium, a bounded load
// test, malformed requests, and `wrangler deploy --dry-run`.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/api"
	"github.com/selvhjelp/finder/worker/devserver"
)

var (
	repo   string
	public string // the snapshot of worker/public being served
	server *devserver.Server
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if repo, err = devserver.RepoRoot(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, need := range []string{"worker/build/app.wasm", "worker/public/index.html", "worker/public/v1/dataset.json", "worker/node_modules/.bin/wrangler"} {
		if _, err := os.Stat(filepath.Join(repo, need)); err != nil {
			fmt.Fprintf(os.Stderr, "worker/e2e: %s is missing: run make deps assets worker\n", need)
			return 1
		}
	}
	// Serve a snapshot: another make assets must not change files mid-test.
	snapshot, err := os.MkdirTemp("", "finder-public-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(snapshot)
	public = filepath.Join(snapshot, "public")
	if err := devserver.CopyDir(filepath.Join(repo, "worker", "public"), public); err != nil {
		fmt.Fprintln(os.Stderr, "worker/e2e:", err)
		return 1
	}
	// As build.sh does (the snapshot may be newer than the last make worker).
	if err := api.WriteHeadersFile(public); err != nil {
		fmt.Fprintln(os.Stderr, "worker/e2e:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Ready once a static file answers, so that the first Go request is measured cold.
	server, err = devserver.Start(ctx, devserver.Options{
		Repo: repo, ReadyPath: "/v1/dataset.json", Timeout: 90 * time.Second, PublicDir: public,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker/e2e:", err)
		return 1
	}
	defer server.Stop()
	fmt.Printf("worker/e2e: worker at %s, started in %s\n", server.URL, server.Startup.Round(time.Millisecond))
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "worker/e2e: server output:\n%s\n", server.Output())
	}
	return code
}

// fetch does one request and returns the response with its body read (and
// gunzipped by the transport when it asked for gzip itself).
func fetch(t testing.TB, method, path string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	return fetchURL(t, method, server.URL+path, header)
}

// fetchURL is fetch on any server.
func fetchURL(t testing.TB, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// manifest is the part of worker/public/assets.json the tests need: the public
// file names (URL paths without the leading slash).
func publicFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	root := public
	require.NoError(t, filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "_") && !strings.HasPrefix(filepath.Base(rel), ".") {
			files = append(files, rel)
		}
		return nil
	}))
	return files
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(body, &v), string(body))
	return v
}

func elapsedMS(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func TestServerUp(t *testing.T) {
	res, _ := fetch(t, "GET", "/healthz", nil)
	assert.Equal(t, 200, res.StatusCode)
}

func TestWorkerOutputClean(t *testing.T) {
	// Go panics and runtime errors show in wrangler's output.
	assert.NotContains(t, server.Output(), "panic:")
	assert.NotContains(t, server.Output(), "worker: ")
}

func TestRoutesE2E(t *testing.T) {
	tests := []struct {
		name, method, path string
		status             int
		contentType        string
		cache              string // prefix of Cache-Control
		param              string // a JSON error's parameter
		// assetServer: a static file, answered by Cloudflare's asset server
		// (its own bodiless 405 for methods other than GET and HEAD).
		assetServer bool
	}{
		{"dataset", "GET", "/v1/dataset.json", 200, "application/json", "public, max-age=300", "", false},
		{"dataset head", "HEAD", "/v1/dataset.json", 200, "application/json", "public, max-age=300", "", false},
		{"hsds services", "GET", "/v1/hsds/services.json", 200, "application/json", "public, max-age=300", "", false},
		{"dcat description", "GET", "/v1/hsds/dcat.jsonld", 200, "application/ld+json", "public, max-age=300", "", false},
		{"demo page", "GET", "/", 200, "text/html", "no-cache", "", false},
		{"loader", "GET", "/widget.js", 200, "text/javascript", "public, max-age=300", "", false},
		{"search", "GET", "/v1/search?q=troms%C3%B8", 200, "application/json", "no-store", "", false},
		{"search head", "HEAD", "/v1/search?q=bergen", 200, "application/json", "no-store", "", false},
		{"search missing q", "GET", "/v1/search", 400, "application/json", "no-store", "q", false},
		{"bad limit", "GET", "/v1/search?q=a&limit=abc", 400, "application/json", "no-store", "limit", false},
		{"limit out of range", "GET", "/v1/search?q=a&limit=1000", 400, "application/json", "no-store", "limit", false},
		{"invalid utf-8", "GET", "/v1/search?q=%C3%28", 400, "application/json", "no-store", "q", false},
		// The limit counts characters, as the engine does: 1,000 ø (2,000
		// bytes) are read, 1,001 refused.
		{"long query in æøå", "GET", "/v1/search?q=" + strings.Repeat("%C3%B8", 1000), 200, "application/json", "no-store", "", false},
		{"oversize query", "GET", "/v1/search?q=" + strings.Repeat("%C3%B8", 1001), 400, "application/json", "no-store", "q", false},
		{"bad escape", "GET", "/v1/search?q=%E", 400, "application/json", "no-store", "q", false},
		{"control characters", "GET", "/v1/search?q=a%00%1Fb", 200, "application/json", "no-store", "", false},
		{"unknown contact point", "GET", "/v1/contact-points/no-such-id", 404, "application/json", "public", "id", false},
		{"healthz", "GET", "/healthz", 200, "application/json", "no-store", "", false},
		{"unknown path", "GET", "/v2/nothing", 404, "application/json", "no-store", "", false},
		{"unknown file", "GET", "/nothing.js", 404, "application/json", "no-store", "", false},
		{"post without a form", "POST", "/v1/search?q=a", 415, "application/json", "no-store", "", false},
		{"post to the api elsewhere", "POST", "/v1/contact-points/x", 405, "application/json", "no-store", "", false},
		{"put", "PUT", "/healthz", 405, "application/json", "no-store", "", false},
		{"delete static", "DELETE", "/widget.js", 405, "", "", "", true},
		{"patch static", "PATCH", "/v1/dataset.json", 405, "", "", "", true},
		{"patch api", "PATCH", "/v1/contact-points/x", 405, "application/json", "no-store", "", false},
		{"preflight", "OPTIONS", "/v1/search?q=a", 204, "", "public, max-age=86400", "", false},
		{"preflight healthz", "OPTIONS", "/healthz", 204, "", "public, max-age=86400", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := fetch(t, tt.method, tt.path, map[string]string{"Origin": "https://partner.example"})
			assert.Equal(t, tt.status, res.StatusCode, string(body))
			assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), tt.contentType), res.Header.Get("Content-Type"))
			assert.True(t, strings.HasPrefix(res.Header.Get("Cache-Control"), tt.cache), res.Header.Get("Cache-Control"))
			assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
			assert.Equal(t, "no-referrer", res.Header.Get("Referrer-Policy"))
			assert.Empty(t, res.Header.Values("Set-Cookie"))
			if tt.method == "HEAD" || tt.status == 204 {
				assert.Empty(t, body)
			}
			if tt.assetServer {
				return
			}
			switch {
			case tt.status == 405:
				assert.Equal(t, "GET, HEAD, OPTIONS", res.Header.Get("Allow"))
			case tt.status == 204:
				assert.Contains(t, res.Header.Get("Access-Control-Allow-Methods"), "GET")
			}
			if tt.status >= 400 {
				e := decode[struct {
					Status    int    `json:"status"`
					Error     string `json:"error"`
					Parameter string `json:"parameter"`
				}](t, body)
				assert.Equal(t, tt.status, e.Status)
				assert.NotEmpty(t, e.Error)
				assert.Equal(t, tt.param, e.Parameter)
			}
		})
	}
}

func TestDemoPageHeaders(t *testing.T) {
	res, body := fetch(t, "GET", "/", nil)
	require.Equal(t, 200, res.StatusCode)
	csp := res.Header.Get("Content-Security-Policy")
	assert.Contains(t, csp, "default-src 'none'")
	assert.Contains(t, csp, "script-src 'self' 'wasm-unsafe-eval'")
	assert.Contains(t, string(body), "<selvhjelp-finder")
	assert.Equal(t, "same-origin", res.Header.Get("Cross-Origin-Opener-Policy"))
}

// /healthz shows the public only {status, version}: here the worker runs on
// this machine (details), and a request for another host name sees the
// public shape, through workerd and the bridge.
func TestHealthzPublicShapeE2E(t *testing.T) {
	req, err := http.NewRequest("GET", server.URL+"/healthz", nil)
	require.NoError(t, err)
	req.Host = "finder.example.no"
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, 200, res.StatusCode, string(body))
	var got map[string]any
	require.NoError(t, json.Unmarshal(body, &got))
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"status", "version"}, keys, string(body))

	_, local := fetch(t, "GET", "/healthz", nil)
	assert.Contains(t, string(local), `"build_id":`, "on this machine the details are shown")
}

func TestStaticCaching(t *testing.T) {
	for _, name := range publicFiles(t) {
		t.Run(name, func(t *testing.T) {
			res, body := fetch(t, "GET", "/"+name, nil)
			require.Equal(t, 200, res.StatusCode)
			local, err := os.ReadFile(filepath.Join(public, name))
			require.NoError(t, err)
			assert.Equal(t, local, body, "served bytes differ from worker/public")
			assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
			want := "public, max-age=300, must-revalidate"
			switch {
			case isHashed(name):
				want = "public, max-age=31536000, immutable"
			case strings.HasSuffix(name, ".html"):
				want = "no-cache"
			}
			assert.Equal(t, want, res.Header.Get("Cache-Control"))
			switch filepath.Ext(name) {
			case ".wasm":
				assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
			case ".js":
				assert.Contains(t, res.Header.Get("Content-Type"), "javascript")
			case ".json":
				assert.Contains(t, res.Header.Get("Content-Type"), "application/json")
			}
			etag := res.Header.Get("ETag")
			require.NotEmpty(t, etag)
			again, body := fetch(t, "GET", "/"+name, map[string]string{"If-None-Match": etag})
			assert.Equal(t, 304, again.StatusCode)
			assert.Empty(t, body)
		})
	}
}

// isHashed mirrors worker/api's rule: a hex content hash before the extension.
func isHashed(name string) bool {
	base := filepath.Base(name)
	parts := strings.Split(base, ".")
	if len(parts) < 3 {
		return false
	}
	h := parts[len(parts)-2]
	if len(h) < 8 {
		return false
	}
	return strings.Trim(h, "0123456789abcdef") == ""
}

func TestDatasetETagAndCompression(t *testing.T) {
	res, body := fetch(t, "GET", "/v1/dataset.json", nil)
	require.Equal(t, 200, res.StatusCode)
	etag := res.Header.Get("ETag")
	require.NotEmpty(t, etag)
	assert.False(t, strings.HasPrefix(etag, "W/"), "strong ETag")
	assert.Equal(t, "public, max-age=300, must-revalidate", res.Header.Get("Cache-Control"))
	local, err := os.ReadFile(filepath.Join(public, "v1", "dataset.json"))
	require.NoError(t, err)
	assert.Equal(t, local, body)

	// The version /healthz reports is the one served.
	d := decode[struct {
		Version string `json:"version"`
	}](t, body)
	hres, hbody := fetch(t, "GET", "/healthz", nil)
	require.Equal(t, 200, hres.StatusCode)
	h := decode[struct {
		Status  string         `json:"status"`
		Version string         `json:"version"`
		BuildID string         `json:"build_id"`
		Counts  map[string]int `json:"counts"`
	}](t, hbody)
	assert.Equal(t, "ok", h.Status)
	assert.Equal(t, d.Version, h.Version)
	assert.NotEmpty(t, h.BuildID)
	assert.Positive(t, h.Counts["municipalities"])
	assert.Positive(t, h.Counts["contact_points"])

	tests := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"if-none-match", map[string]string{"If-None-Match": etag}, 304},
		{"weak if-none-match", map[string]string{"If-None-Match": "W/" + etag}, 304},
		{"other etag", map[string]string{"If-None-Match": `"nope"`}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := fetch(t, "GET", "/v1/dataset.json", tt.header)
			assert.Equal(t, tt.status, res.StatusCode)
			assert.Equal(t, tt.status == 200, len(body) > 0)
		})
	}

	// Compressed when the client accepts it (the transport leaves it encoded
	// because the request sets Accept-Encoding itself).
	req, err := http.NewRequest("GET", server.URL+"/v1/dataset.json", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "gzip")
	gz, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	compressed, err := io.ReadAll(gz.Body)
	gz.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, "gzip", gz.Header.Get("Content-Encoding"))
	assert.Less(t, len(compressed), len(local)/2)
	t.Logf("dataset.json: %d bytes, %d gzip on the wire", len(local), len(compressed))
}

func TestSearchContract(t *testing.T) {
	res, body := fetch(t, "GET", "/v1/search?q=troms%C3%B8&limit=5", map[string]string{"Accept-Encoding": ""})
	require.Equal(t, 200, res.StatusCode, string(body))
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &raw))
	for _, key := range []string{"query", "place", "topic", "suggestions", "results"} {
		assert.Contains(t, raw, key)
	}
	r := decode[struct {
		Query string `json:"query"`
		Place *struct {
			Municipality string `json:"municipality"`
			Name         string `json:"name"`
		} `json:"place"`
		Suggestions []struct {
			Kind, ID, Label string
			Highlight       [][2]int `json:"highlight"`
		} `json:"suggestions"`
		Results []struct {
			ContactPoint struct {
				ID string `json:"id"`
			} `json:"contact_point"`
			Relation string `json:"relation"`
		} `json:"results"`
	}](t, body)
	assert.Equal(t, "tromsø", r.Query)
	assert.LessOrEqual(t, len(r.Suggestions), 5)
	// Real results (these need the search engine of issue 3).
	require.NotNil(t, r.Place, "tromsø resolves to a place")
	assert.Equal(t, "5501", r.Place.Municipality)
	assert.NotEmpty(t, r.Results, "a resolved place is never a dead end")
	for _, res := range r.Results {
		cp, cbody := fetch(t, "GET", "/v1/contact-points/"+res.ContactPoint.ID, nil)
		assert.Equal(t, 200, cp.StatusCode, string(cbody))
	}
}

func TestContactPoint(t *testing.T) {
	_, body := fetch(t, "GET", "/v1/dataset.json", nil)
	d := decode[struct {
		ContactPoints []map[string]any `json:"contact_points"`
	}](t, body)
	require.NotEmpty(t, d.ContactPoints)
	for _, want := range d.ContactPoints {
		id := want["id"].(string)
		res, body := fetch(t, "GET", "/v1/contact-points/"+id, nil)
		require.Equal(t, 200, res.StatusCode, id)
		assert.Equal(t, want, decode[map[string]any](t, body), id)
	}
}
