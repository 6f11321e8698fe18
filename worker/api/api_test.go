package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// testDataset is synthetic: the handlers' behaviour does not depend on real records.
func testDataset() *dataset.Dataset {
	d := &dataset.Dataset{
		Counties:       []dataset.County{{Number: "99", Name: "Testfylke", Names: []dataset.Name{}}},
		Municipalities: []dataset.Municipality{{Number: "9901", Name: "Testby", County: "99", Names: []dataset.Name{{Name: "Testby", Language: "nb"}}}},
		Topics:         []dataset.Topic{{ID: "sorg", Name: "Sorg", Synonyms: []string{}, Sources: []dataset.SourceRef{}}},
		ContactPoints: []dataset.ContactPoint{
			{ID: "test-point", Name: "Testpunkt", Kind: dataset.KindLocal, Municipality: "9901", Status: dataset.StatusUnknown, Sources: []dataset.SourceRef{}},
			{ID: "other-point", Name: "Annet punkt", Kind: dataset.KindLocal, Status: dataset.StatusUnknown, Sources: []dataset.SourceRef{}},
		},
	}
	// Enough postcodes that the bundle is worth compressing.
	for i := 0; i < 200; i++ {
		d.Postcodes = append(d.Postcodes, dataset.Postcode{Code: strings.Repeat("0", 3) + string(rune('0'+i%10)), Place: "TESTSTED", Municipality: "9901"})
	}
	return d
}

var testStatic = fstest.MapFS{
	"index.html":           {Data: []byte("<!doctype html><title>demo</title>")},
	"widget.js":            {Data: []byte("import('./widget.0123abcd.js')")},
	"widget.0123abcd.js":   {Data: []byte(strings.Repeat("console.log(1);\n", 200))},
	"finder.89abcdef.wasm": {Data: []byte("\x00asm\x01\x00\x00\x00")},
	"embed.html":           {Data: []byte("<!doctype html><title>embed</title>")},
	"_headers":             {Data: []byte("secret rules")},
	"sub/.hidden":          {Data: []byte("x")},
}

func newTestHandler(t *testing.T) http.Handler {
	t.Helper()
	h, err := New(Config{Dataset: testDataset(), BuildID: "test-build", Static: testStatic, HealthToken: testHealthToken})
	require.NoError(t, err)
	return h
}

func do(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://finder.test/", nil)
	req.URL.RawQuery = ""
	// Set the raw request URI so that malformed escapes reach the handler unparsed.
	path, query, _ := strings.Cut(target, "?")
	req.URL.Path = path
	req.URL.RawQuery = query
	req.RequestURI = target
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestNewNeedsData(t *testing.T) {
	_, err := New(Config{})
	assert.Error(t, err)
	_, err = New(Config{Bundle: []byte("{not json")})
	assert.Error(t, err)
}

func TestRoutes(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		name        string
		method      string
		target      string
		header      map[string]string
		status      int
		contentType string
		cache       string
		bodyHas     string
		param       string // the "parameter" of a JSON error
	}{
		{"search", "GET", "/v1/search?q=testby", nil, 200, "application/json", CacheNone, `"query":"testby"`, ""},
		{"search empty query", "GET", "/v1/search?q=", nil, 200, "application/json", CacheNone, `"results":[]`, ""},
		{"search with limit", "GET", "/v1/search?q=a&limit=5", nil, 200, "application/json", CacheNone, `"suggestions":[]`, ""},
		{"search presets", "GET", "/v1/search?q=a&municipality=9901&topic=sorg", nil, 200, "application/json", CacheNone, `"query":"a"`, ""},
		{"search tab becomes space", "GET", "/v1/search?q=a%09b", nil, 200, "application/json", CacheNone, `"query":"a b"`, ""},
		{"search missing q", "GET", "/v1/search", nil, 400, "application/json", CacheNone, "missing parameter q", "q"},
		{"limit not a number", "GET", "/v1/search?q=a&limit=ten", nil, 400, "application/json", CacheNone, "limit must be", "limit"},
		{"limit zero", "GET", "/v1/search?q=a&limit=0", nil, 400, "application/json", CacheNone, "limit must be", "limit"},
		{"limit too big", "GET", "/v1/search?q=a&limit=51", nil, 400, "application/json", CacheNone, "limit must be", "limit"},
		{"limit negative", "GET", "/v1/search?q=a&limit=-1", nil, 400, "application/json", CacheNone, "limit must be", "limit"},
		{"limit overflow", "GET", "/v1/search?q=a&limit=99999999999999999999", nil, 400, "application/json", CacheNone, "limit must be", "limit"},
		{"bad municipality", "GET", "/v1/search?q=a&municipality=46", nil, 400, "application/json", CacheNone, "four-digit", "municipality"},
		{"bad topic", "GET", "/v1/search?q=a&topic=%3Cscript%3E", nil, 400, "application/json", CacheNone, "topic id", "topic"},
		{"query too long", "GET", "/v1/search?q=" + strings.Repeat("a", MaxQueryRunes+1), nil, 400, "application/json", CacheNone, "too long", "q"},
		// The limit counts characters, as the engine does: a message of
		// MaxQueryRunes letters æ (two bytes each) is read, not refused.
		{"long query in æøå", "GET", "/v1/search?q=" + strings.Repeat("%C3%A6", MaxQueryRunes), nil, 200, "application/json", CacheNone, `"query"`, ""},
		{"invalid utf-8", "GET", "/v1/search?q=%ff%fe", nil, 400, "application/json", CacheNone, "UTF-8", "q"},
		{"bad percent escape", "GET", "/v1/search?q=%zz", nil, 400, "application/json", CacheNone, "percent escape", "q"},
		{"bad escape in a name", "GET", "/v1/search?%zz=1&q=a", nil, 400, "application/json", CacheNone, "percent escape", ""},
		{"contact point", "GET", "/v1/contact-points/test-point", nil, 200, "application/json", CacheShort, `"id":"test-point"`, ""},
		{"unknown contact point", "GET", "/v1/contact-points/nope", nil, 404, "application/json", CacheShort, "no contact point", "id"},
		{"empty contact point id", "GET", "/v1/contact-points/", nil, 404, "application/json", CacheShort, "no contact point", "id"},
		{"healthz", "GET", "/healthz", nil, 200, "application/json", CacheNone, `{"status":"ok","version":"`, ""},
		{"dataset", "GET", "/v1/dataset.json", nil, 200, "application/json", CacheShort, `"contact_points":[`, ""},
		{"demo page", "GET", "/", nil, 200, "text/html", CacheRevalidate, "<title>demo</title>", ""},
		{"loader", "GET", "/widget.js", nil, 200, "text/javascript", CacheShort, "import(", ""},
		{"hashed module", "GET", "/widget.0123abcd.js", nil, 200, "text/javascript", CacheImmutable, "console.log", ""},
		{"hashed wasm", "GET", "/finder.89abcdef.wasm", nil, 200, "application/wasm", CacheImmutable, "asm", ""},
		{"embed page", "GET", "/embed?municipality=4601&lang=nn", nil, 200, "text/html", CacheRevalidate, "<title>embed</title>", ""},
		{"embed page by its file name", "GET", "/embed.html", nil, 200, "text/html", CacheRevalidate, "<title>embed</title>", ""},
		{"headers file hidden", "GET", "/_headers", nil, 404, "application/json", CacheNone, "not found", ""},
		{"dot file hidden", "GET", "/sub/.hidden", nil, 404, "application/json", CacheNone, "not found", ""},
		{"traversal", "GET", "/../go.mod", nil, 404, "application/json", CacheNone, "not found", ""},
		{"unknown path", "GET", "/nope", nil, 404, "application/json", CacheNone, "not found", ""},
		{"trailing slash", "GET", "/healthz/", nil, 404, "application/json", CacheNone, "not found", ""},
		{"post without a form", "POST", "/v1/search?q=a", nil, 415, "application/json", CacheNone, "application/x-www-form-urlencoded", ""},
		{"post elsewhere", "POST", "/v1/dataset.json", nil, 405, "application/json", CacheNone, "method not allowed", ""},
		{"delete", "DELETE", "/v1/dataset.json", nil, 405, "application/json", CacheNone, "method not allowed", ""},
		{"put unknown", "PUT", "/nope", nil, 405, "application/json", CacheNone, "method not allowed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, tt.method, tt.target, tt.header)
			res := rec.Result()
			assert.Equal(t, tt.status, res.StatusCode, rec.Body.String())
			assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), tt.contentType), res.Header.Get("Content-Type"))
			assert.Equal(t, tt.cache, res.Header.Get("Cache-Control"))
			assert.Contains(t, rec.Body.String(), tt.bodyHas)
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
			assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
			assert.Equal(t, "no-referrer", res.Header.Get("Referrer-Policy"))
			assert.NotEmpty(t, res.Header.Get("Content-Security-Policy"))
			assert.Empty(t, res.Header.Get("Set-Cookie"))
			if tt.status == 405 {
				assert.Equal(t, allowed(tt.target), res.Header.Get("Allow"))
				assert.NotContains(t, res.Header.Get("Allow"), "POST", "only /v1/search takes a POST")
			}
			if tt.status >= 400 {
				var e apiError
				require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
				assert.Equal(t, tt.status, e.Status)
				assert.Equal(t, tt.param, e.Parameter)
			}
		})
	}
}

func TestDemoPageCSP(t *testing.T) {
	rec := do(t, newTestHandler(t), "GET", "/", nil)
	assert.Equal(t, DemoCSP, rec.Header().Get("Content-Security-Policy"))
	assert.Contains(t, rec.Header().Get("Permissions-Policy"), "geolocation=(self)")
}

func TestSearchResponseShape(t *testing.T) {
	rec := do(t, newTestHandler(t), "GET", "/v1/search?q=testby&limit=3", nil)
	require.Equal(t, 200, rec.Code)
	var got map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	for _, key := range []string{"query", "place", "topic", "suggestions", "results"} {
		assert.Contains(t, got, key)
	}
	var suggestions, results []json.RawMessage
	require.NoError(t, json.Unmarshal(got["suggestions"], &suggestions))
	require.NoError(t, json.Unmarshal(got["results"], &results))
	assert.LessOrEqual(t, len(suggestions), 3)
}

func TestContactPointIsTheRecord(t *testing.T) {
	rec := do(t, newTestHandler(t), "GET", "/v1/contact-points/other-point", nil)
	require.Equal(t, 200, rec.Code)
	var cp dataset.ContactPoint
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &cp))
	assert.Equal(t, testDataset().ContactPoints[1], cp)
}

// testHealthToken is the operators' secret in the /healthz tests.
const testHealthToken = "s3cret-health-token"

// details is the header that shows /healthz's details in these tests.
var details = map[string]string{HealthTokenHeader: testHealthToken}

func TestHealthz(t *testing.T) {
	rec := do(t, newTestHandler(t), "GET", "/healthz", details)
	var got health
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Equal(t, "ok", got.Status)
	assert.Len(t, got.Version, 16)
	assert.Equal(t, "test-build", got.BuildID)
	assert.Equal(t, 2, got.Counts["contact_points"])
	assert.Equal(t, 200, got.Counts["postcodes"])
	assert.Equal(t, 1, got.Counts["municipalities"])
}

// The public sees {status, version} only; the details need the secret
// header (never when no secret is configured) or a request on this machine.
func TestHealthzPublicShape(t *testing.T) {
	tests := []struct {
		name    string
		token   string // Config.HealthToken
		host    string
		header  map[string]string
		details bool
	}{
		{"public", testHealthToken, "finder.example.no", nil, false},
		{"wrong token", testHealthToken, "finder.example.no", map[string]string{HealthTokenHeader: "guess"}, false},
		{"token prefix", testHealthToken, "finder.example.no", map[string]string{HealthTokenHeader: testHealthToken[:4]}, false},
		{"empty token configured", "", "finder.example.no", map[string]string{HealthTokenHeader: ""}, false},
		{"loopback lookalike", "", "127.0.0.1.example.no", nil, false},
		{"right token", testHealthToken, "finder.example.no", details, true},
		{"workerd on this machine", "", "127.0.0.1:8787", nil, true},
		{"localhost", "", "localhost:8787", nil, true},
		{"ipv6 loopback", "", "[::1]:8787", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := New(Config{Dataset: testDataset(), BuildID: "abc123-dirty-20261205T090000Z", HealthToken: tt.token})
			require.NoError(t, err)
			req := httptest.NewRequest("GET", "http://"+tt.host+"/healthz", nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			require.Equal(t, 200, rec.Code)
			var got map[string]any
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
			keys := make([]string, 0, len(got))
			for k := range got {
				keys = append(keys, k)
			}
			if tt.details {
				assert.Contains(t, keys, "build_id")
				assert.Contains(t, keys, "memory")
				return
			}
			assert.ElementsMatch(t, []string{"status", "version"}, keys, rec.Body.String())
			assert.NotContains(t, rec.Body.String(), "dirty")
		})
	}
}

func TestDatasetETag(t *testing.T) {
	h := newTestHandler(t)
	first := do(t, h, "GET", "/v1/dataset.json", nil)
	etag := first.Header().Get("ETag")
	require.Regexp(t, `^"[0-9a-f]{32}"$`, etag)

	// The body is the bundle, carrying the version /healthz reports.
	var d dataset.Dataset
	require.NoError(t, json.Unmarshal(first.Body.Bytes(), &d))
	var hz health
	require.NoError(t, json.Unmarshal(do(t, h, "GET", "/healthz", nil).Body.Bytes(), &hz))
	assert.Equal(t, hz.Version, d.Version)

	tests := []struct {
		name   string
		method string
		inm    string
		status int
		body   bool
	}{
		{"match", "GET", etag, 304, false},
		{"weak match", "GET", "W/" + etag, 304, false},
		{"one of several", "GET", `"abc", ` + etag, 304, false},
		{"star", "GET", "*", 304, false},
		{"other", "GET", `"abc"`, 200, true},
		{"head", "HEAD", "", 200, false},
		{"head match", "HEAD", etag, 304, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, tt.method, "/v1/dataset.json", map[string]string{"If-None-Match": tt.inm})
			assert.Equal(t, tt.status, rec.Code)
			assert.Equal(t, etag, rec.Header().Get("ETag"))
			assert.Equal(t, CacheShort, rec.Header().Get("Cache-Control"))
			assert.Equal(t, tt.body, rec.Body.Len() > 0)
		})
	}
	head := do(t, h, "HEAD", "/v1/dataset.json", nil)
	assert.Equal(t, first.Header().Get("Content-Length"), head.Header().Get("Content-Length"))
}

func TestCompression(t *testing.T) {
	h := newTestHandler(t)
	plain := do(t, h, "GET", "/v1/dataset.json", nil)
	tests := []struct {
		name     string
		target   string
		encoding string
		gzipped  bool
	}{
		{"dataset gzip", "/v1/dataset.json", "gzip, deflate, br", true},
		{"dataset gzip refused", "/v1/dataset.json", "gzip;q=0, br", false},
		{"dataset identity", "/v1/dataset.json", "", false},
		{"module gzip", "/widget.0123abcd.js", "gzip", true},
		{"small file stays plain", "/widget.js", "gzip", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, map[string]string{"Accept-Encoding": tt.encoding})
			require.Equal(t, 200, rec.Code)
			assert.Contains(t, rec.Header().Values("Vary"), "Accept-Encoding")
			if !tt.gzipped {
				assert.Empty(t, rec.Header().Get("Content-Encoding"))
				return
			}
			assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
			zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
			require.NoError(t, err)
			body, err := io.ReadAll(zr)
			require.NoError(t, err)
			if tt.target == "/v1/dataset.json" {
				assert.Equal(t, plain.Body.Bytes(), body)
				assert.Equal(t, plain.Header().Get("ETag"), rec.Header().Get("ETag"))
			}
		})
	}
}

// TestRuntimeCompresses: in the worker every request says "br, gzip" (the
// platform's, not the client's), so the handler must leave the encoding to
// the platform, which knows what the client accepts.
func TestRuntimeCompresses(t *testing.T) {
	// The shipped dataset: its answers are large enough to be worth compressing.
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	h, err := New(Config{Dataset: d, RuntimeCompresses: true})
	require.NoError(t, err)
	tests := []struct{ name, target string }{
		{"dataset", "/v1/dataset.json"},
		{"search", "/v1/search?q=bergen&limit=50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, map[string]string{"Accept-Encoding": "br, gzip"})
			require.Equal(t, 200, rec.Code)
			assert.Empty(t, rec.Header().Get("Content-Encoding"), "the platform encodes, not the handler")
			assert.True(t, json.Valid(rec.Body.Bytes()), "a plain JSON body")
			assert.Greater(t, rec.Body.Len(), compressMin, "worth compressing")
			assert.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"))
			assert.Contains(t, rec.Header().Values("Vary"), "Accept-Encoding")
		})
	}
}

func TestPreflight(t *testing.T) {
	h := newTestHandler(t)
	for _, target := range []string{"/v1/search?q=a", "/v1/dataset.json", "/widget.js", "/nope"} {
		rec := do(t, h, "OPTIONS", target, map[string]string{
			"Origin": "https://partner.example", "Access-Control-Request-Method": "GET",
		})
		assert.Equal(t, 204, rec.Code, target)
		assert.Equal(t, "*", rec.Header().Get("Access-Control-Allow-Origin"))
		assert.Contains(t, rec.Header().Get("Access-Control-Allow-Methods"), "GET")
		assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
		assert.Zero(t, rec.Body.Len())
	}
}

func TestHeadMatchesGet(t *testing.T) {
	h := newTestHandler(t)
	for _, target := range []string{"/healthz", "/v1/search?q=a", "/v1/contact-points/test-point", "/", "/nope"} {
		get := do(t, h, "GET", target, nil)
		head := do(t, h, "HEAD", target, nil)
		assert.Equal(t, get.Code, head.Code, target)
		assert.Equal(t, get.Header().Get("Content-Type"), head.Header().Get("Content-Type"), target)
		assert.Equal(t, get.Header().Get("Content-Length"), head.Header().Get("Content-Length"), target)
		assert.Zero(t, head.Body.Len(), target)
	}
}

func TestNoStaticWithoutFS(t *testing.T) {
	h, err := New(Config{Dataset: testDataset()})
	require.NoError(t, err)
	assert.Equal(t, 404, do(t, h, "GET", "/", nil).Code)
	assert.Equal(t, 200, do(t, h, "GET", "/v1/dataset.json", nil).Code)
}

func TestBundleGiven(t *testing.T) {
	first, err := New(Config{Dataset: testDataset()})
	require.NoError(t, err)
	bundle := do(t, first, "GET", "/v1/dataset.json", nil).Body.Bytes()
	h, err := New(Config{Bundle: bundle})
	require.NoError(t, err)
	rec := do(t, h, "GET", "/v1/dataset.json", nil)
	assert.Equal(t, bundle, rec.Body.Bytes())
	assert.Equal(t, 200, do(t, h, "GET", "/v1/contact-points/test-point", nil).Code)
}

func TestLazyBundleFromVersionedDataset(t *testing.T) {
	first, err := New(Config{Dataset: testDataset()})
	require.NoError(t, err)
	bundle := do(t, first, "GET", "/v1/dataset.json", nil).Body.Bytes()
	d, err := store.ParseBundle(bundle)
	require.NoError(t, err)
	require.NotEmpty(t, d.Version)
	// A dataset that carries its version (as the worker's compiled-in one
	// does) serves the same bytes and ETag, built on first request.
	h, err := New(Config{Dataset: d})
	require.NoError(t, err)
	rec := do(t, h, "GET", "/v1/dataset.json", nil)
	assert.Equal(t, bundle, rec.Body.Bytes())
	assert.Equal(t, do(t, first, "GET", "/v1/dataset.json", nil).Header().Get("ETag"), rec.Header().Get("ETag"))
}

func TestHealthzMemory(t *testing.T) {
	tests := []struct {
		name string
		host func() HostMemory
		want HostMemory
	}{
		{"native", nil, HostMemory{}},
		{"worker", func() HostMemory { return HostMemory{WasmBytes: 11 << 20, JSValues: 42} }, HostMemory{WasmBytes: 11 << 20, JSValues: 42}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := New(Config{Dataset: testDataset(), BuildID: "b", HostMemory: tt.host, HealthToken: testHealthToken})
			require.NoError(t, err)
			var got health
			require.NoError(t, json.Unmarshal(do(t, h, "GET", "/healthz", details).Body.Bytes(), &got))
			require.NotNil(t, got.Memory)
			assert.NotZero(t, got.Memory.HeapAlloc)
			assert.NotZero(t, got.Memory.HeapSys)
			assert.Equal(t, tt.want, got.Memory.HostMemory)
		})
	}
}

// TestPagePolicies: the embed page may be framed by any origin (and has no
// X-Frame-Options); the demo page and everything else by none.
func TestPagePolicies(t *testing.T) {
	h := newTestHandler(t)
	for _, tt := range []struct {
		target, csp, permissions string
	}{
		{"/embed", EmbedCSP, pagePermissions},
		{"/embed?municipality=%3Cscript%3E&theme=%22", EmbedCSP, pagePermissions},
		{"/embed.html", EmbedCSP, pagePermissions},
		{"/", DemoCSP, pagePermissions},
		{"/widget.js", apiCSP, ""},
		{"/v1/search?q=a", apiCSP, ""},
	} {
		t.Run(tt.target, func(t *testing.T) {
			res := do(t, h, "GET", tt.target, nil).Result()
			assert.Equal(t, tt.csp, res.Header.Get("Content-Security-Policy"))
			assert.Equal(t, tt.permissions, res.Header.Get("Permissions-Policy"))
			assert.Empty(t, res.Header.Values("X-Frame-Options"))
		})
	}
	assert.Contains(t, EmbedCSP, "frame-ancestors *")
	assert.NotContains(t, EmbedCSP, "'unsafe-inline'")
	assert.Contains(t, DemoCSP, "frame-ancestors 'none'")
}

// TestSearchNamesDataset: the widget's fallback reads the dataset version
// from a header that a cross-origin page may read.
func TestSearchNamesDataset(t *testing.T) {
	h := newTestHandler(t)
	res := do(t, h, "GET", "/v1/search?q=testby", nil).Result()
	health := do(t, h, "GET", "/healthz", nil)
	var v struct {
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal(health.Body.Bytes(), &v))
	assert.NotEmpty(t, v.Version)
	assert.Equal(t, v.Version, res.Header.Get("X-Finder-Dataset"))
	assert.Equal(t, "X-Finder-Dataset", res.Header.Get("Access-Control-Expose-Headers"))
}

// TestSearchByPost: the fallback's POST with a form body answers exactly as
// the GET with the same parameters (the query in no URL); a body too long or
// of another type is refused with the reason.
func TestSearchByPost(t *testing.T) {
	h := newTestHandler(t)
	post := func(body, ct string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "http://finder.test/v1/search", strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	get := do(t, h, "GET", "/v1/search?q=sorg+bergen&limit=3", nil)
	require.Equal(t, 200, get.Code)
	byPost := post("q=sorg+bergen&limit=3", "application/x-www-form-urlencoded;charset=UTF-8")
	assert.Equal(t, 200, byPost.Code, byPost.Body.String())
	assert.Equal(t, get.Body.String(), byPost.Body.String())
	assert.Equal(t, CacheNone, byPost.Result().Header.Get("Cache-Control"))

	tooLong := post("q="+strings.Repeat("a", maxSearchBody), "application/x-www-form-urlencoded")
	assert.Equal(t, http.StatusRequestEntityTooLarge, tooLong.Code)
	assert.Contains(t, tooLong.Body.String(), "too long")
	asJSON := post(`{"q":"sorg"}`, "application/json")
	assert.Equal(t, http.StatusUnsupportedMediaType, asJSON.Code)
	missing := post("limit=3", "application/x-www-form-urlencoded")
	assert.Equal(t, http.StatusBadRequest, missing.Code)
	assert.Contains(t, missing.Body.String(), "missing parameter q")
}
