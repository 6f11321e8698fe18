package api

import (
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The caching and security policy lives here once: the Go handler applies it
// to what it serves, and HeadersFile writes the same rules as a Cloudflare
// `_headers` file for the static assets that production serves without Go.

// Cache-Control values.
const (
	// CacheImmutable is for content-hashed names: a new version gets a new name.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheShort lets browsers and the edge keep a file for five minutes, then
	// revalidate with its ETag, so partners pick up a new version quickly.
	CacheShort = "public, max-age=300, must-revalidate"
	// CacheRevalidate makes browsers ask every time (a 304 when unchanged).
	CacheRevalidate = "no-cache"
	// CacheNone is for what a citizen typed and for live status: queries are
	// health-related and must not sit in any cache.
	CacheNone = "no-store"
)

// DemoCSP is the Content-Security-Policy of the demo page: strict, so that the
// demo proves the widget works on partner pages with a strict policy.
const DemoCSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:; " +
	"style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
	"manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"

// EmbedCSP is the policy of the embed page (/embed, for partners whose CMS
// strips scripts): as strict as the demo page, but any site may frame it.
// It sets no X-Frame-Options (that header cannot allow every origin).
const EmbedCSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:; " +
	"style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors *; object-src 'none'"

// EmbedPath is the embed page's URL: the asset server's html_handling
// ("auto-trailing-slash") answers it with embed.html.
const EmbedPath = "/embed"

// pagePermissions lets a page ask for the position ("Nær meg") for itself
// only; in a partner's iframe the parent must also allow it (allow="geolocation").
const pagePermissions = "geolocation=(self), camera=(), microphone=(), interest-cohort=()"

// DemoCOOP is the demo page's Cross-Origin-Opener-Policy: a window it opens
// (or that opens it) in another origin gets no handle on it, so no other site
// can navigate it or count its frames. The embed page has none: it lives in a
// partner's iframe, where an opener policy does not apply.
const DemoCOOP = "same-origin"

// isEmbed reports whether a URL path is the embed page.
func isEmbed(urlPath string) bool { return urlPath == EmbedPath || urlPath == EmbedPath+".html" }

// pageCSP is the policy of an HTML page.
func pageCSP(urlPath string) string {
	if isEmbed(urlPath) {
		return EmbedCSP
	}
	return DemoCSP
}

// apiCSP is for everything that is not a page: nothing may run from it.
const apiCSP = "default-src 'none'; frame-ancestors 'none'"

// hashedName matches content-hashed file names such as widget.3f2a9c1b.js.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{8,64}\.[a-z0-9]+$`)

// securityHeaders are set on every response.
func securityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Access-Control-Allow-Origin", "*")
	// Partners load the widget and its module cross-origin.
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	h.Set("Strict-Transport-Security", "max-age=31536000")
}

// isPage reports whether a public file is an HTML page.
func isPage(name string) bool {
	return strings.HasSuffix(name, ".html") || name == "/" || name == EmbedPath
}

// CacheControl returns the Cache-Control policy for a public file, by its
// URL path ("/widget.js", "/v1/dataset.json").
func CacheControl(urlPath string) string {
	switch {
	case hashedName.MatchString(path.Base(urlPath)):
		return CacheImmutable
	case isPage(urlPath):
		return CacheRevalidate
	default:
		return CacheShort
	}
}

// ContentType returns the media type for a public file by its extension.
func ContentType(urlPath string) string {
	if urlPath == EmbedPath {
		return "text/html; charset=utf-8"
	}
	switch path.Ext(urlPath) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	case ".json":
		return "application/json; charset=utf-8"
	case ".jsonld":
		return "application/ld+json; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".map":
		return "application/json; charset=utf-8"
	}
	return "application/octet-stream"
}

// staticHeaders sets the headers of one public file (not its ETag).
func staticHeaders(h http.Header, urlPath string) {
	securityHeaders(h)
	h.Set("Cache-Control", CacheControl(urlPath))
	h.Set("Content-Type", ContentType(urlPath))
	pageHeaders(h, urlPath)
}

// pageHeaders sets the CSP (and, for pages, the Permissions-Policy) of a public file.
func pageHeaders(h http.Header, urlPath string) {
	if isPage(urlPath) {
		h.Set("Content-Security-Policy", pageCSP(urlPath))
		h.Set("Permissions-Policy", pagePermissions)
		if !isEmbed(urlPath) {
			h.Set("Cross-Origin-Opener-Policy", DemoCOOP)
		}
	} else {
		h.Set("Content-Security-Policy", apiCSP)
	}
}

// HeadersFile renders the policy for the given public files (URL paths such
// as "/widget.js") as a Cloudflare `_headers` file. Rules for the same path
// are merged by Cloudflare, so "/*" carries what every file shares.
func HeadersFile(urlPaths []string) []byte {
	var b strings.Builder
	b.WriteString("# Generated by worker/build.sh from worker/api/headers.go: do not edit.\n")
	common := http.Header{}
	securityHeaders(common)
	writeRule(&b, "/*", common)
	paths := append([]string(nil), urlPaths...)
	sort.Strings(paths)
	for _, p := range paths {
		h := http.Header{}
		h.Set("Cache-Control", CacheControl(p))
		pageHeaders(h, p)
		writeRule(&b, p, h)
		switch {
		case strings.HasSuffix(p, "/index.html"):
			// The asset server answers "/" with index.html.
			writeRule(&b, strings.TrimSuffix(p, "index.html"), h)
		case p == EmbedPath+".html":
			// _headers rules match the URL, and html_handling answers /embed
			// with embed.html (and redirects /embed.html there).
			writeRule(&b, EmbedPath, h)
		}
	}
	return []byte(b.String())
}

func writeRule(b *strings.Builder, p string, h http.Header) {
	b.WriteString(p)
	b.WriteByte('\n')
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString("  ")
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(h.Get(k))
		b.WriteByte('\n')
	}
}

// WriteHeadersFile writes dir/_headers for every file under dir (the static
// assets, worker/public).
func WriteHeadersFile(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "_headers" || rel == "_redirects" || strings.HasPrefix(path.Base(rel), ".") {
			return nil
		}
		paths = append(paths, "/"+rel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("list %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "_headers"), HeadersFile(paths), 0o644); err != nil {
		return fmt.Errorf("write _headers: %w", err)
	}
	return nil
}
