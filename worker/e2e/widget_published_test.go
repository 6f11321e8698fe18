//go:build e2e

package e2e

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/devserver"
)

var (
	loaderEngine = regexp.MustCompile(`var ENGINE = "([^"]+)";\nvar ENGINE_SRI = "([^"]+)";`)
	engineCore   = regexp.MustCompile(`CORE = '(v1/dataset-core\.[0-9a-f]{12}\.json)'`)
	engineCoreSR = regexp.MustCompile(`\[CORE\]: '([^']+)'`)
	embedLoader  = regexp.MustCompile(`<script type="module" src="(widget\.[^"]+)" integrity="([^"]+)">`)
)

func sri384(b []byte) string {
	h := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(h[:])
}

// widgetChain follows what a browser loads from the loader that partners
// embed: /widget.js, the engine it names (checked against ENGINE_SRI), the
// dataset core that engine pins (checked against its SRI). It returns the
// engine's name and the dataset version the core holds.
func widgetChain(t *testing.T, srv *devserver.Server) (engine, version string) {
	t.Helper()
	res, loader := fetchURL(t, "GET", srv.URL+"/widget.js", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "public, max-age=300, must-revalidate", res.Header.Get("Cache-Control"), "the loader follows a publish within 5 minutes")
	return engineChain(t, srv, loader)
}

// embedChain does the same from the iframe page, /embed, through the loader
// it pins by SHA-384; it returns that loader's name too.
func embedChain(t *testing.T, srv *devserver.Server) (loader, engine, version string) {
	t.Helper()
	res, page := fetchURL(t, "GET", srv.URL+"/embed?municipality=3103&lang=nn", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "frame-ancestors *")
	m := embedLoader.FindSubmatch(page)
	require.NotNil(t, m, "the page pins its loader")
	loader = string(m[1])
	engine, version = engineChain(t, srv, pinnedFile(t, srv, loader, string(m[2])))
	return loader, engine, version
}

// pinnedFile fetches a content-addressed file and checks it against the
// SHA-384 that pins it and its immutable, cross-origin headers.
func pinnedFile(t *testing.T, srv *devserver.Server, name, sri string) []byte {
	t.Helper()
	res, body := fetchURL(t, "GET", srv.URL+"/"+name, nil)
	require.Equal(t, http.StatusOK, res.StatusCode, name)
	assert.Equal(t, sri, sri384(body), "%s is the file that is pinned", name)
	assert.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"), name)
	assert.Equal(t, "cross-origin", res.Header.Get("Cross-Origin-Resource-Policy"), name)
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), name)
	return body
}

func engineChain(t *testing.T, srv *devserver.Server, loader []byte) (engine, version string) {
	t.Helper()
	m := loaderEngine.FindSubmatch(loader)
	require.NotNil(t, m, "the loader names its engine")
	engine = string(m[1])
	js := pinnedFile(t, srv, engine, string(m[2]))
	core, coreSRI := engineCore.FindSubmatch(js), engineCoreSR.FindSubmatch(js)
	require.NotNil(t, core, "the engine names its dataset core")
	require.NotNil(t, coreSRI, "the engine pins its dataset core")
	body := pinnedFile(t, srv, string(core[1]), string(coreSRI[1]))
	var head struct{ Version string } // the core's first line
	dec := json.NewDecoder(bytes.NewReader(body))
	_, err := dec.Token()
	require.NoError(t, err)
	require.NoError(t, dec.Decode(&head))
	return engine, head.Version
}

// TestWidgetFollowsPublish: before a publish the loader and the iframe page
// are the built files; after one, the loader names an engine variant that pins the published core, every
// file still checked by its SHA-384, and the iframe page pins a loader variant
// that does the same; a partner's pinned loader is unchanged; a rollback is followed the same way. A
// variant that names no published core is not found, and a HEAD has no body.
func TestWidgetFollowsPublish(t *testing.T) {
	srv, state := startConsole(t)
	built, err := os.ReadFile(filepath.Join(repo, "worker", "public", "widget.js"))
	require.NoError(t, err)
	_, js := fetchURL(t, "GET", srv.URL+"/widget.js", nil)
	assert.Equal(t, string(built), string(js), "no version published: the built loader")
	builtEngine := string(loaderEngine.FindSubmatch(built)[1])
	engine, builtVersion := widgetChain(t, srv)
	assert.Equal(t, builtEngine, engine)
	builtPage, err := os.ReadFile(filepath.Join(repo, "worker", "public", "embed.html"))
	require.NoError(t, err)
	builtLoader := string(embedLoader.FindSubmatch(builtPage)[1])
	loader, engine, version := embedChain(t, srv)
	assert.Equal(t, builtLoader, loader, "no version published: the built iframe page")
	assert.Equal(t, builtEngine, engine)
	assert.Equal(t, builtVersion, version)

	c := login(t, srv)
	var first struct{ Version string }
	_, body := c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &first))
	publishDraft(t, c)
	engine, version = widgetChain(t, srv)
	assert.Equal(t, first.Version, version, "the widget reads the published version")
	variant := regexp.MustCompile(`^` + regexp.QuoteMeta(builtEngine[:len(builtEngine)-len(".js")]) + `\.[0-9a-f]{12}\.js$`)
	assert.Regexp(t, variant, engine, "a variant of the built engine")
	// The first answers the built loader names are the built dataset's: the
	// variant names none, and the element waits for the module instead.
	_, js = fetchURL(t, "GET", srv.URL+"/widget.js", nil)
	assert.Regexp(t, `var FIRST = "v1/first-answers\.[0-9a-f]{12}\.json";`, string(built))
	assert.Contains(t, string(js), `var FIRST = "";`, "the published version's loader names no first answers")
	assert.NotContains(t, string(js), "v1/first-answers.")

	const id = "alta-kommune-frisklivssentral"
	res, body := c.do("GET", "/api/records/"+id, nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	var rec map[string]any
	require.NoError(t, json.Unmarshal(body, &rec))
	rec["phone"] = "78 45 50 00"
	res, body = c.do("PUT", "/api/records/"+id, map[string]any{"record": rec, "why": "ringte kommunen"}, "If-Match", res.Header.Get("ETag"))
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var second struct{ Version string }
	_, body = c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &second))
	publishDraft(t, c)
	engine2, version := widgetChain(t, srv)
	assert.Equal(t, second.Version, version)
	assert.NotEqual(t, engine, engine2, "another core, another variant name")
	loader, engine, version = embedChain(t, srv)
	assert.Equal(t, second.Version, version, "the iframe reads the published version")
	assert.Equal(t, engine2, engine)
	assert.Regexp(t, `^`+regexp.QuoteMeta(builtLoader[:len(builtLoader)-len(".js")])+`\.[0-9a-f]{12}\.js$`, loader)
	res, pinned := fetchURL(t, "GET", srv.URL+"/"+builtLoader, nil)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, string(built), string(pinned), "a partner's pinned loader keeps what it was built with")

	res, body = c.do("POST", "/api/rollback", map[string]string{"version": first.Version})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	engine3, version := widgetChain(t, srv)
	assert.Equal(t, first.Version, version, "a rollback reaches the widget")
	assert.Regexp(t, variant, engine3)
	assert.NotEqual(t, engine2, engine3)

	res, _ = fetchURL(t, "GET", srv.URL+"/"+builtEngine[:len(builtEngine)-len(".js")]+".000000000000.js", nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "no such published core")
	kvPut(t, state, "file/dataset-core.0123456789ab.json", "[]")
	res, _ = fetchURL(t, "GET", srv.URL+"/"+builtEngine[:len(builtEngine)-len(".js")]+".0123456789ab.js", nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "a core whose content is not its name makes no engine")
	res, body = fetchURL(t, "HEAD", srv.URL+"/widget.js", nil)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Empty(t, body)
}
