//go:build e2e

package e2e

// Issue 13, items 1 and 2: the host page never sees an error from the
// element, and the fallback never dead-ends. Every case counts, on the host
// page, the uncaught exceptions (Runtime.exceptionThrown, which also reports
// "Uncaught (in promise)") and the page's own 'error' and
// 'unhandledrejection' events, after the element has settled; and checks that
// the element shows the national contact with a short explanation (or, where
// it can still search, that it does).

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var noWasmCSP = strings.Replace(StrictCSP, " 'wasm-unsafe-eval'", "", 1)

// hostWatch runs before any script of the page (and outside its CSP): it
// records what the host page's own listeners would see. It uses no method a
// hostile case overrides.
const hostWatch = `window.__hostErrors = [];
window.addEventListener('unhandledrejection', (e) => { let s = 'unhandledrejection'; try { s += ': ' + String(e.reason && e.reason.stack || e.reason); } catch {} __hostErrors[__hostErrors.length] = s; });
window.addEventListener('error', (e) => { __hostErrors[__hostErrors.length] = 'error: ' + e.message; });`

// before adds a script that runs before the page's own scripts.
func (tb *tab) before(t *testing.T, src string) {
	t.Helper()
	_, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	require.NoError(t, err)
}

// until polls expr (from Go, so a page that broke Promise.prototype.then
// cannot break the polling) until it is true.
func (tb *tab) until(t *testing.T, expr string, timeout time.Duration) {
	t.Helper()
	end := time.Now().Add(timeout)
	for {
		ok, err := eval[bool](tb, `!!(`+expr+`)`)
		if err == nil && ok {
			return
		}
		if time.Now().After(end) {
			state, _ := eval[string](tb, in(0, `r.querySelector('.f')?.innerText`))
			t.Fatalf("waiting %s for %s (err %v)\npage shows: %s", timeout, expr, err, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// clean asserts that the host page saw no error at all from the element.
func (tb *tab) clean(t *testing.T) {
	t.Helper()
	// One more round trip, so that every event sent before it has arrived.
	host := mustEval[[]string](t, tb, `window.__hostErrors || ['hostWatch missing']`)
	tb.mu.Lock()
	thrown := append([]string(nil), tb.thrown...)
	tb.mu.Unlock()
	assert.Empty(t, host, "the host page's error/unhandledrejection listeners")
	assert.Empty(t, thrown, "Runtime.exceptionThrown on the host page")
}

// contactShown: the note explains and names the national contact, with a way
// to get in touch.
var contactShown = in(0, `(() => { const n = r.querySelector('.note'); if (!n || n.hidden) return false; const t = n.textContent;
  return t.includes('Selvhjelp Norge') && t.includes('post@selvhjelp.no') && /ikke tilgjengelig|svarte ikke|sendes til selvhjelp-tjenesten|laster fortsatt/i.test(t); })()`)

// failureAnnounced: the live region says the search failed; no stale counts.
var failureAnnounced = in(0, `(() => { const s = r.querySelector('[role=status]').textContent; return /svarte ikke|ikke tilgjengelig/.test(s) && !/forslag|kontaktpunkt/.test(s); })()`)

// nationalCard: the results list the national contact as a card (no empty list).
var nationalCard = in(0, `(() => { const c = r.querySelectorAll('.res .card'); return c.length === 1 && c[0].textContent.includes('Selvhjelp Norge'); })()`)

// TestHostNeverSeesAnError: module blocked, worker unreachable, malformed
// answers, a broken fetch: no error reaches the host page, and the national
// contact and an explanation appear within 5 s.
func TestHostNeverSeesAnError(t *testing.T) {
	not := func(paths ...string) func(string) int {
		return func(p string) int {
			for _, q := range paths {
				if p == q {
					return 0
				}
			}
			return 503
		}
	}
	// search answers the probe (empty query) normally and every real query with body.
	search := func(status int, ct, body string) func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
		return func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
			if r.URL.Path != "/v1/search" || queryOf(r) == "" {
				return false
			}
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(status)
			w.Write([]byte(body))
			return true
		}
	}
	typed := func(q string) func(t *testing.T, tb *tab) {
		return func(t *testing.T, tb *tab) { tb.focus(t, 0); tb.typeText(t, q) }
	}
	focused := func(t *testing.T, tb *tab) { tb.focus(t, 0) }
	const broken = `{"query":"bergn","place":"Bergen","topic":7,"suggestions":[{"kind":"municipality","label":5,"highlight":"x"},null,{"label":"Bergen","highlight":[[0,99],[3]]}],"results":[null,{"contact_point":null,"relation":5},{"contact_point":{"name":{"x":1},"url":7,"phone":[1],"email":{}},"distance_km":"far"}],"crisis":{"lines":"113"}}`
	for _, c := range []struct {
		name   string
		o      siteOpts
		before string // runs on the host page before its own scripts
		act    func(t *testing.T, tb *tab)
		want   string // condition; a failure shown and announced when empty
	}{
		{name: "module blocked: CSP without wasm-unsafe-eval", o: siteOpts{csp: noWasmCSP}, act: typed("bergn"),
			want: contactShown + ` && ` + in(0, `r.querySelectorAll('.card').length > 0`)},
		{name: "module blocked: .wasm 404", o: siteOpts{block: func(p string) int {
			if strings.HasSuffix(p, ".wasm") {
				return 404
			}
			return 0
		}}, act: typed("bergn"), want: contactShown + ` && ` + in(0, `r.querySelectorAll('.card').length > 0`)},
		{name: "worker unreachable at start", o: siteOpts{block: not("/t", "/widget.js")}, act: focused},
		{name: "worker unreachable at start, module blocked", o: siteOpts{csp: noWasmCSP, block: not("/t", "/widget.js")}, act: typed("bergn")},
		{name: "worker stalled at start, module blocked", o: siteOpts{csp: noWasmCSP, hang: func(p string) bool { return p == "/v1/search" }}, act: typed("bergn")},
		{name: "malformed answer: wrong shapes", o: siteOpts{csp: noWasmCSP, wrap: search(200, "application/json", broken)}, act: typed("bergn")},
		{name: "malformed answer: results not a list", o: siteOpts{csp: noWasmCSP, wrap: search(200, "application/json", `{"results":{"a":1},"suggestions":"Bergen"}`)}, act: typed("bergn")},
		{name: "malformed answer: null", o: siteOpts{csp: noWasmCSP, wrap: search(200, "application/json", `null`)}, act: typed("bergn")},
		{name: "malformed answer: invalid JSON", o: siteOpts{csp: noWasmCSP, wrap: search(200, "application/json", `{"results":[`)}, act: typed("bergn")},
		{name: "malformed answer: HTML error page", o: siteOpts{csp: noWasmCSP, wrap: search(502, "text/html", `<!doctype html><h1>502 Bad Gateway</h1>`)}, act: typed("bergn")},
		{name: "malformed answer: HTML with 200", o: siteOpts{csp: noWasmCSP, wrap: search(200, "text/html", `<!doctype html><h1>Logg inn</h1>`)}, act: typed("bergn")},
		{name: "fetch throws (host, before the loader)", before: `window.fetch = () => { throw new Error('host fetch'); };`, act: focused},
		{name: "fetch rejects (host, before the loader)", before: `window.fetch = () => Promise.reject(new Error('host fetch'));`, act: focused},
		{name: "fetch answers a non-Response (host, before the loader)", before: `window.fetch = async () => ({ ok: true, status: 200 });`, act: focused},
		{name: "fetch answers a non-Response, module blocked", o: siteOpts{csp: noWasmCSP}, before: `window.fetch = async () => ({ ok: true, json: async () => ({ results: 'x' }), headers: null });`, act: typed("bergn")},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.o.pages = map[string]string{"/t": one}
			s := newSite(t, c.o)
			tb := newTab(t)
			tb.before(t, hostWatch)
			if c.before != "" {
				tb.before(t, c.before)
			}
			tb.open(t, s.URL+"/t")
			tb.until(t, `customElements.get('selvhjelp-finder') !== undefined`, 10*time.Second)
			c.act(t, tb)
			want := c.want
			if want == "" { // a failure: said, with the national contact as a card and in the note
				want = failureAnnounced + ` && ` + nationalCard + ` && ` + contactShown
			}
			tb.until(t, want, 5*time.Second)
			tb.until(t, in(0, `r.querySelector('.f').dataset.state !== 'loading'`), 5*time.Second)
			tb.clean(t)
		})
	}
}

// TestFallbackNeverDeadEnds (issue 13 item 2): in remote mode the worker goes
// away mid-session. Choosing a suggestion (mouse or keyboard) and typing on
// must not throw; they show the national contact card, say what happened and
// drop the stale counts; when the worker is back, the search works again.
func TestFallbackNeverDeadEnds(t *testing.T) {
	for _, how := range []string{"click", "keyboard", "typing", "malformed"} {
		t.Run(how, func(t *testing.T) {
			var down atomic.Bool
			wrap := func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
				if r.URL.Path != "/v1/search" || !down.Load() {
					return false
				}
				if how == "malformed" {
					w.Header().Set("Content-Type", "application/json")
					w.Write([]byte(`{"results":[{"contact_point":{"name":"x"}}],"suggestions":[{"label":null}],"place":{"name":5}}`))
					return true
				}
				// Gone: the connection is closed without an answer.
				if hj, ok := w.(http.Hijacker); ok {
					if conn, _, err := hj.Hijack(); err == nil {
						conn.Close()
						return true
					}
				}
				http.Error(w, "gone", 503)
				return true
			}
			s := newSite(t, siteOpts{csp: noWasmCSP, wrap: wrap, pages: map[string]string{"/t": one}})
			tb := newTab(t)
			tb.before(t, hostWatch)
			tb.open(t, s.URL+"/t")
			tb.focus(t, 0)
			tb.typeText(t, "bergn")
			tb.until(t, in(0, `r.querySelectorAll('[role=option]').length > 1 && /forslag/.test(r.querySelector('[role=status]').textContent)`), 15*time.Second)
			down.Store(true)
			switch how {
			case "click":
				tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('[role=option]').click()`)))
			case "keyboard":
				tb.do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
			default:
				tb.typeText(t, "e")
			}
			tb.until(t, failureAnnounced, 5*time.Second)
			tb.until(t, nationalCard+` && `+contactShown, time.Second)
			assert.True(t, mustEval[bool](t, tb, in(0, `r.querySelector('[role=listbox]').hidden`)), "no stale suggestions open")
			tb.clean(t)
			// The worker is back: the next search answers and the failure note goes.
			down.Store(false)
			tb.clear(t, 0)
			tb.focus(t, 0)
			tb.typeText(t, "tromso")
			tb.until(t, in(0, `r.querySelector('#rh')?.textContent.includes('Tromsø') && !/svarte ikke/.test(r.querySelector('.note').textContent)`), 10*time.Second)
			tb.clean(t)
		})
	}
}

// TestHostilePrototypes: a host page that overrides built-ins the element
// uses. Before the loader runs, the element cannot protect itself and may
// degrade to the national contact, but never throws; after the loader ran
// (its built-ins captured), it keeps searching.
func TestHostilePrototypes(t *testing.T) {
	hostile := []struct{ name, src string }{
		{"Array.prototype.map throws", `Array.prototype.map = function () { throw new Error('host map'); };`},
		{"JSON.parse throws", `JSON.parse = function () { throw new Error('host JSON.parse'); };`},
		{"Promise.prototype.then throws", `Promise.prototype.then = function () { throw new Error('host then'); };`},
		{"Object.prototype.foo = 1", `Object.prototype.foo = 1;`},
		{"Element.prototype.append wrapped", `{ const a = Element.prototype.append; window.__appends = 0; Element.prototype.append = function (...x) { __appends++; return a.apply(this, x); }; }`},
		{"Element.prototype.append throws", `Element.prototype.append = function () { throw new Error('host append'); };`},
		{"fetch throws", `window.fetch = () => { throw new Error('host fetch'); };`},
	}
	answered := in(0, `r.querySelector('#rh')?.textContent.includes('Tromsø')`)
	for _, when := range []string{"before the loader", "after the loader"} {
		for _, h := range hostile {
			t.Run(when+": "+h.name, func(t *testing.T) {
				// A partner page of another origin whose CSP has no worker-src:
				// the module runs on the page's main thread, in the polluted realm.
				finder := newSite(t, siteOpts{})
				csp := "default-src 'none'; style-src 'self'; script-src " + finder.URL + " 'wasm-unsafe-eval'; connect-src " + finder.URL
				url := partnerPage(t, finder.URL, csp, one)
				tb := newTab(t)
				tb.before(t, hostWatch)
				if when == "before the loader" {
					tb.before(t, h.src)
				}
				tb.open(t, url)
				tb.until(t, `customElements.get('selvhjelp-finder') !== undefined`, 10*time.Second)
				tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('input')?.focus()`))) // the element may have degraded to text
				if when == "after the loader" {
					tb.typeText(t, "a")
					tb.until(t, in(0, `r.querySelector('[role=option]')`), 30*time.Second)
					tb.do(t, chromedp.Evaluate[chromedp.Void](h.src))
					tb.clear(t, 0)
					tb.typeText(t, "tromso")
					tb.until(t, answered, 5*time.Second)
				} else {
					tb.typeText(t, "tromso")
					tb.until(t, answered+` || `+contactShown, 30*time.Second)
					state, _ := eval[string](tb, in(0, `r.querySelector('.f')?.dataset.state + (r.querySelector('#rh')?.textContent.includes('Tromsø') ? ': answered' : ': national contact')`))
					t.Logf("before the loader, %s: %s", h.name, state)
				}
				tb.until(t, in(0, `r.querySelector('.f').dataset.state !== 'loading'`), 5*time.Second)
				// Keep using it: choose, clear with Escape, ask for the position.
				tb.do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
				tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('selvhjelp-finder').setAttribute('municipality', '4601')`))
				tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('button.near')?.click()`)))
				tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('selvhjelp-finder').setAttribute('lang', 'en')`))
				tb.until(t, in(0, `r.querySelector('label').textContent.length > 0`), 5*time.Second)
				tb.clean(t)
			})
		}
	}
}
