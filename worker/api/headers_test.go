package api

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCacheControl(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"/widget.js", CacheShort},
		{"/widget.3f2a9c1b.js", CacheImmutable},
		{"/finder.3f2a9c1b0d4e5f60.wasm", CacheImmutable},
		{"/wasm_exec.0123456789abcdef.js", CacheImmutable},
		{"/v1/dataset.json", CacheShort},
		{"/index.html", CacheRevalidate},
		{"/", CacheRevalidate},
		{"/embed", CacheRevalidate},
		{"/embed.html", CacheRevalidate},
		{"/embed.0123456789ab.js", CacheImmutable},
		{"/assets.json", CacheShort},
		{"/widget.notahash.js", CacheShort},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, CacheControl(tt.path), tt.path)
	}
}

func TestHeadersFile(t *testing.T) {
	got := string(HeadersFile([]string{"/widget.js", "/index.html", "/widget.3f2a9c1b.js", "/embed.html"}))
	for _, want := range []string{
		"/*\n  Access-Control-Allow-Origin: *\n",
		"  X-Content-Type-Options: nosniff\n",
		"/widget.js\n  Cache-Control: " + CacheShort + "\n",
		"/widget.3f2a9c1b.js\n  Cache-Control: " + CacheImmutable + "\n",
		"/index.html\n  Cache-Control: " + CacheRevalidate + "\n",
		"/\n  Cache-Control: " + CacheRevalidate + "\n  Content-Security-Policy: " + DemoCSP + "\n",
		// The asset server answers /embed with embed.html; _headers matches the URL.
		"/embed\n  Cache-Control: " + CacheRevalidate + "\n  Content-Security-Policy: " + EmbedCSP + "\n",
		"/embed.html\n  Cache-Control: " + CacheRevalidate + "\n  Content-Security-Policy: " + EmbedCSP + "\n",
	} {
		assert.Contains(t, got, want)
	}
	// Cloudflare joins a header set by two matching rules with a comma, so a
	// header may be in "/*" or in the per-file rules, never both.
	start := strings.Index(got, "/*\n")
	common := got[start : start+3+strings.Index(got[start+3:], "\n/")]
	assert.NotContains(t, common, "Cache-Control")
	assert.NotContains(t, common, "Content-Security-Policy")
	assert.NotContains(t, got, "X-Frame-Options")
}

// The demo page keeps other origins' windows out (COOP); the embed page,
// which lives in partners' iframes, and non-pages carry none.
func TestOpenerPolicy(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"/", DemoCOOP},
		{"/index.html", DemoCOOP},
		{"/embed", ""},
		{"/embed.html", ""},
		{"/widget.js", ""},
		{"/v1/dataset.json", ""},
	}
	for _, tt := range tests {
		h := http.Header{}
		staticHeaders(h, tt.path)
		assert.Equal(t, tt.want, h.Get("Cross-Origin-Opener-Policy"), tt.path)
	}
	got := string(HeadersFile([]string{"/index.html", "/embed.html"}))
	assert.Contains(t, got, "/index.html\n  Cache-Control: "+CacheRevalidate+"\n  Content-Security-Policy: "+DemoCSP+"\n  Cross-Origin-Opener-Policy: same-origin\n")
	for _, rule := range []string{"/embed\n", "/embed.html\n"} {
		assert.NotContains(t, ruleOf(got, rule), "Cross-Origin-Opener-Policy", rule)
	}
}

// ruleOf is the rule of a _headers file that starts with head, up to the next rule.
func ruleOf(file, head string) string {
	start := strings.Index(file, "\n"+head) + 1
	rest := file[start+len(head):]
	if end := strings.Index(rest, "\n/"); end >= 0 {
		rest = rest[:end]
	}
	return head + rest
}

func TestContentTypeOfEmbed(t *testing.T) {
	assert.Equal(t, "text/html; charset=utf-8", ContentType(EmbedPath))
}

func TestWriteHeadersFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.html", "widget.js", "widget.0123abcd.js", "v1/dataset.json", ".hidden", "_headers"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	require.NoError(t, WriteHeadersFile(dir))
	got, err := os.ReadFile(filepath.Join(dir, "_headers"))
	require.NoError(t, err)
	for _, want := range []string{"\n/index.html\n", "\n/widget.js\n", "\n/widget.0123abcd.js\n", "\n/v1/dataset.json\n", "\n/\n"} {
		assert.Contains(t, string(got), want)
	}
	assert.NotContains(t, string(got), ".hidden")
	assert.NotContains(t, string(got), "\n/_headers\n")
}
