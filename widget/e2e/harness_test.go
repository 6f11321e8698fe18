//go:build e2e

// Package e2e drives <selvhjelp-finder> in headless Chromium (chromedp; and the
// core journeys in Firefox and WebKit too, journeys_test.go) against
// the built assets (make assets → worker/public) served by the worker's own
// handler (worker/api), wrapped so that a test can change the page's CSP,
// block or stall files, and count every request.
package e2e

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/worker/api"
)

var (
	browserCtx context.Context
	publicDir  = envOr("FINDER_PUBLIC", "../../worker/public")
	dataDir    = "../../data"
)

// StrictCSP is a partner page's policy with what the widget documents adding
// (the worker is same-origin here, so 'self').
const StrictCSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func chromium() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

func TestMain(m *testing.M) {
	if _, err := os.Stat(filepath.Join(publicDir, "assets.json")); err != nil {
		fmt.Fprintln(os.Stderr, "widget/e2e: no built assets in", publicDir, "- run make assets")
		os.Exit(1)
	}
	exe := chromium()
	if exe == "" {
		fmt.Fprintln(os.Stderr, "widget/e2e: chromium not found (apt-get install chromium)")
		os.Exit(1)
	}
	profile, err := os.MkdirTemp("", "finder-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "widget/e2e: start chromium:", err)
		os.Exit(1)
	}
	browserCtx = ctx
	code := m.Run()
	cancel()
	cancelAlloc()
	os.RemoveAll(profile)
	os.Exit(code)
}

// realDataset is data/ as shipped, loaded once per call (tests may change it).
func realDataset(t testing.TB) *dataset.Dataset {
	t.Helper()
	ds, err := store.LoadDir(dataDir)
	require.NoError(t, err)
	return ds
}

type siteOpts struct {
	dataset *dataset.Dataset       // nil: data/ as shipped
	csp     string                 // CSP of the test pages; "" = StrictCSP
	block   func(path string) int  // a status to answer instead of the file; 0 = serve
	hang    func(path string) bool // never answer (a stalled network)
	pages   map[string]string      // path -> body of a page that embeds the loader
	// wrap, when set, answers requests it wants to (it returns true) and may
	// call next, the worker's own handler, to change its answer.
	wrap func(w http.ResponseWriter, r *http.Request, next http.Handler) bool
	// replace serves other bytes under a built file's own name (keys are the
	// manifest's logical names: "engine.js", "wasm_exec.js", "finder.wasm",
	// "dataset-core.json", "postcodes.json", "first-answers.json"; "{{SITE}}" in them becomes the
	// site's origin). They are signed, as a build would (the files that pin
	// them get the new SHA-384: engine.js, then widget.js), unless unsigned
	// is set: then they are a tampered file under its real name.
	replace  map[string][]byte
	unsigned bool
}

// built is the build's manifest (assets.json).
type built struct {
	DatasetVersion string `json:"dataset_version"`
	Files          map[string]struct {
		Path string `json:"path"`
		SRI  string `json:"sri"`
	} `json:"files"`
}

func readManifest(t testing.TB) built {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(publicDir, "assets.json"))
	require.NoError(t, err)
	var m built
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// builtFile is a file of the build, by its logical name.
func builtFile(t testing.TB, m built, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(publicDir, filepath.FromSlash(m.Files[name].Path)))
	require.NoError(t, err, name)
	return b
}

func sri(b []byte) string {
	sum := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// served returns the URL paths and bytes a site serves instead of the built
// files: replace under their own names and, when signed, engine.js with the
// new SHA-384s of what it pins and the loaders with the new engine's.
func served(t testing.TB, replace map[string][]byte, signed bool) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	if len(replace) == 0 {
		return out
	}
	m := readManifest(t)
	for name, b := range replace {
		_, ok := m.Files[name]
		require.True(t, ok, "no built file %q", name)
		out["/"+m.Files[name].Path] = b
	}
	if !signed {
		return out
	}
	engine, ok := replace["engine.js"]
	if !ok {
		engine = builtFile(t, m, "engine.js")
	}
	for _, name := range []string{"finder.wasm", "wasm_exec.js", "dataset-core.json", "postcodes.json", "signals.bin"} {
		if b, ok := replace[name]; ok {
			old := m.Files[name].SRI
			require.Contains(t, string(engine), old, "engine.js pins %s", name)
			engine = []byte(strings.ReplaceAll(string(engine), old, sri(b)))
		}
	}
	out["/"+m.Files["engine.js"].Path] = engine
	for _, name := range []string{"widget.js", "widget.pinned.js"} {
		loader := string(builtFile(t, m, name))
		old := m.Files["engine.js"].SRI
		require.Contains(t, loader, old, "%s pins engine.js", name)
		loader = strings.ReplaceAll(loader, old, sri(engine))
		if b, ok := replace["first-answers.json"]; ok {
			old := m.Files["first-answers.json"].SRI
			require.Contains(t, loader, old, "%s pins the first answers", name)
			loader = strings.ReplaceAll(loader, old, sri(b))
		}
		out["/"+m.Files[name].Path] = []byte(loader)
	}
	return out
}

// queryOf is the q a search request carries, in its URL (GET) or its form
// body (the fallback's POST), leaving the body for the handler to read.
func queryOf(r *http.Request) string {
	if q := r.URL.Query().Get("q"); q != "" || r.Method != http.MethodPost {
		return q
	}
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	v, _ := url.ParseQuery(string(b))
	return v.Get("q")
}

type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
	// done is closed when the test ends, before the server closes: a
	// handler that hangs on purpose returns then.
	done chan struct{}
}

func newSite(t *testing.T, o siteOpts) *site {
	t.Helper()
	ds := o.dataset
	if ds == nil {
		ds = realDataset(t)
	}
	h, err := api.New(api.Config{Dataset: ds, Static: os.DirFS(publicDir)})
	require.NoError(t, err)
	s := &site{done: make(chan struct{})}
	var parts map[string][]byte
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, o, h, parts) }))
	origin := "http://" + s.Server.Listener.Addr().String()
	// A test's own dataset is served in parts too (the built ones hold
	// data/), under the built names and signed as a build would.
	replace := map[string][]byte{}
	for k, v := range o.replace {
		replace[k] = bytes.ReplaceAll(v, []byte("{{SITE}}"), []byte(origin))
	}
	if o.dataset != nil {
		b, err := store.Bundle(ds)
		require.NoError(t, err)
		core, postcodes, err := store.SplitBundle(b)
		require.NoError(t, err)
		replace["dataset-core.json"], replace["postcodes.json"] = core, postcodes
	}
	parts = served(t, replace, !o.unsigned)
	s.Start()
	require.Equal(t, origin, s.URL)
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(s.done) }) // runs first: cleanups run last added, first called
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request, o siteOpts, h http.Handler, parts map[string][]byte) {
	csp := o.csp
	if csp == "" {
		csp = StrictCSP
	}
	s.mu.Lock()
	s.hits = append(s.hits, r.URL.RequestURI())
	s.mu.Unlock()
	p := r.URL.Path
	if o.hang != nil && o.hang(p) {
		// net/http notices a client that gives up only once the body is
		// read (a POST's), so read it; and never outlive the test.
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	}
	if o.block != nil {
		if code := o.block(p); code != 0 {
			http.Error(w, "blocked by the test", code)
			return
		}
	}
	if body, ok := o.pages[p]; ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", csp)
		fmt.Fprint(w, pageHTML(body))
		return
	}
	if o.wrap != nil && o.wrap(w, r, h) {
		return
	}
	if b, ok := parts[p]; ok {
		w.Header().Set("Content-Type", api.ContentType(p))
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
		return
	}
	h.ServeHTTP(w, r)
}

// requests returns the paths requested so far.
func (s *site) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.hits...)
}

func pageHTML(body string) string {
	return `<!doctype html><html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>test</title>
<script type="module" src="/widget.js"></script></head><body><main>` + body + `</main></body></html>`
}

// tab is one browser tab with the page's uncaught exceptions and dialogs
// recorded: the element must never throw into the host page.
type tab struct {
	ctx     context.Context
	mu      sync.Mutex
	thrown  []string
	dialogs []string
}

// noCache turns the HTTP cache off for the tab: a test's site may have the
// port an earlier test's site had, and the browser (one for all tests)
// would serve the immutable files it cached then without asking, past what
// the test blocks or counts (CI saw both).
func (tb *tab) noCache(t *testing.T) {
	t.Helper()
	_, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(tb.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	require.NoError(t, err)
}

func newTab(t *testing.T) *tab {
	t.Helper()
	tabCtx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(tabCtx))
	tb := &tab{}
	require.NoError(t, chromedp.Listen(tabCtx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			tb.mu.Lock()
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			tb.thrown = append(tb.thrown, msg)
			tb.mu.Unlock()
		case *page.EventJavascriptDialogOpening:
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, ev.Message)
			tb.mu.Unlock()
			go chromedp.Call(tabCtx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}))
	ctx, cancelT := context.WithTimeout(tabCtx, 90*time.Second)
	t.Cleanup(cancelT)
	tb.ctx = ctx
	t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		if len(tb.thrown) > 0 {
			t.Errorf("uncaught exceptions in the host page: %q", tb.thrown)
		}
	})
	return tb
}

func (tb *tab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	require.NoError(t, chromedp.Do(tb.ctx, actions...))
}

func (tb *tab) open(t *testing.T, url string) {
	t.Helper()
	tb.do(t, chromedp.Navigate(url))
}

// in wraps expr so that it runs with r = the shadow root of the i-th element.
func in(i int, expr string) string {
	return fmt.Sprintf(`(() => { const r = document.querySelectorAll('selvhjelp-finder')[%d]?.shadowRoot; if (!r) return null; return (%s); })()`, i, expr)
}

// wait polls expr until it is truthy.
func (tb *tab) wait(t *testing.T, expr string, timeout time.Duration) {
	t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		// Say what the page showed, to make a failure readable.
		state, _ := eval[string](tb, in(0, `r.querySelector('.f')?.innerText`))
		require.NoError(t, err, "waiting for %s\npage shows: %s", expr, state)
	}
}

func eval[T any](tb *tab, expr string) (T, error) {
	return chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
}

func mustEval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	v, err := eval[T](tb, expr)
	require.NoError(t, err, expr)
	return v
}

// focus puts the keyboard focus in the i-th element's search box.
func (tb *tab) focus(t *testing.T, i int) {
	t.Helper()
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(i, `r.querySelector('input').focus()`)))
}

// typeText sends real key events to the focused element.
func (tb *tab) typeText(t *testing.T, s string) {
	t.Helper()
	tb.do(t, chromedp.KeyEvent(s))
}

// clear empties the focused search box through the element's own Escape key.
func (tb *tab) clear(t *testing.T, i int) {
	t.Helper()
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(i, `(r.querySelector('input').value = '', r.querySelector('input').dispatchEvent(new Event('input')))`)))
}

// ready waits until the element has loaded its search (the module or the fallback).
func (tb *tab) ready(t *testing.T, i int) {
	t.Helper()
	tb.focus(t, i)
	tb.typeText(t, "a")
	// Suggestions alone do not say it: the first answers come before the module.
	tb.wait(t, in(i, `r.querySelectorAll('[role=option]').length > 0 && ['local', 'remote'].includes(r.querySelector('.f').dataset.state)`), 30*time.Second)
	tb.clear(t, i)
}

func optionLabels(t *testing.T, tb *tab, i int) []string {
	t.Helper()
	l := mustEval[[]string](t, tb, in(i, `[...r.querySelectorAll('[role=option] > span:first-child')].map(e => e.textContent)`))
	require.NotEmpty(t, l, "no suggestions shown")
	return l
}

func contains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
