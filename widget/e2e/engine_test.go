//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// WorkerCSP is a partner's policy with the line widget/README.md documents,
// the finder on another origin: the module runs in a Web Worker.
func workerCSP(finder string) string {
	return "default-src 'none'; style-src 'self'; script-src " + finder + " 'wasm-unsafe-eval'; worker-src blob:; connect-src " + finder
}

// partnerPage serves one page on its own origin that embeds the finder's loader.
func partnerPage(t *testing.T, finder, csp, body string) string {
	t.Helper()
	partner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		fmt.Fprint(w, strings.Replace(pageHTML(body), `src="/widget.js"`, `src="`+finder+`/widget.js"`, 1))
	}))
	t.Cleanup(partner.Close)
	return partner.URL + "/"
}

// consoleOf records the page's console messages (to explain a failure).
func consoleOf(t *testing.T, tb *tab) func() []string {
	var msgs []string
	done := make(chan struct{}, 1)
	done <- struct{}{}
	require.NoError(t, chromedp.Listen(tb.ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventConsoleAPICalled); ok {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			<-done
			msgs = append(msgs, string(e.Type)+": "+strings.Join(parts, " "))
			done <- struct{}{}
		}
	}))
	return func() []string { <-done; defer func() { done <- struct{}{} }(); return append([]string(nil), msgs...) }
}

// TestEngineWhereTheCSPAllows: with worker-src blob: the module runs in a Web
// Worker; without it, on the main thread. Both answer the same, share one
// engine between two elements, record the phase measures on the page, answer
// a query typed before the engine was ready, and make no request while typing.
func TestEngineWhereTheCSPAllows(t *testing.T) {
	finder := newSite(t, siteOpts{})
	base := "default-src 'none'; style-src 'self'; script-src " + finder.URL + " 'wasm-unsafe-eval'; connect-src " + finder.URL
	for _, tc := range []struct {
		name, csp, where string
	}{
		{"worker-src blob: (as documented)", workerCSP(finder.URL), "worker"},
		{"child-src blob: (older policies)", base + "; child-src blob:", "worker"},
		{"no policy", "", "worker"},
		{"no worker-src (falls back to script-src, which has no blob:)", base, "main"},
		{"worker-src 'self' (the partner's origin only)", base + "; worker-src 'self'", "main"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := partnerPage(t, finder.URL, tc.csp, `<selvhjelp-finder></selvhjelp-finder><selvhjelp-finder lang="en"></selvhjelp-finder>`)
			tb := newTab(t)
			console := consoleOf(t, tb)
			tb.open(t, url)
			// Typed at once, before anything has loaded: a visible loading state,
			// then the answer without typing again.
			tb.focus(t, 0)
			tb.typeText(t, "bergn")
			tb.wait(t, in(0, `r.querySelector('[role=status]').textContent.includes('Laster') || r.querySelector('[role=option]')`), 10*time.Second)
			tb.wait(t, in(0, `r.querySelector('[role=option]')?.textContent.startsWith('Bergen')`), 30*time.Second)
			assert.Equal(t, tc.where, mustEval[string](t, tb, in(0, `r.querySelector(".f").dataset.engine`)), "console: %q", console())
			// The postcodes and the signals arrive after ready; then a postcode resolves.
			tb.wait(t, in(0, `r.querySelector('.f').dataset.complete === 'true'`), 30*time.Second)
			before := len(finder.requests())
			tb.clear(t, 0)
			tb.typeText(t, "5003")
			tb.wait(t, in(0, `r.querySelector('#rh')?.textContent.includes('Bergen')`), 10*time.Second)
			tb.focus(t, 1)
			tb.typeText(t, "tromso")
			tb.wait(t, in(1, `r.querySelector('#rh')?.textContent.includes('Tromsø')`), 10*time.Second)
			assert.Equal(t, tc.where, mustEval[string](t, tb, in(1, `r.querySelector('.f').dataset.engine`)))
			assert.Empty(t, finder.requests()[before:], "no request while typing")
			// One module and one dataset for the two elements.
			n := map[string]int{}
			for _, p := range finder.requests() {
				for _, f := range []string{".wasm", "/v1/dataset-core.", "/v1/postcodes.", "/signals.", "/v1/dataset.json", "/v1/search"} {
					if strings.Contains(p, f) {
						n[f]++
					}
				}
			}
			assert.Equal(t, map[string]int{".wasm": 1, "/v1/dataset-core.": 1, "/v1/postcodes.": 1, "/signals.": 1}, n)
			// The phases, as measures on the page (posted back from the worker).
			marks := mustEval[[]string](t, tb, `performance.getEntriesByType('measure').map((e) => e.name).filter((n) => n.startsWith('selvhjelp-finder:'))`)
			for _, m := range []string{"fetch-data", "compile", "go-start", "decode", "index", "ready", "first-search", "postcodes", "signal"} {
				assert.Contains(t, marks, "selvhjelp-finder:"+m)
			}
		})
	}
}
