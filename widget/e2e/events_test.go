//go:build e2e

package e2e

// The element's events (issue 12) on the paths a host page of another origin
// is less likely to see: the worker fallback, nothing reachable, a refused
// position. The main path (module, "angst bergen") is tested against the
// worker in workerd: worker/e2e/embed_test.go.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listen is a page body that records every finder event's type and detail.
const listen = `<selvhjelp-finder></selvhjelp-finder>`

// recordEvents installs, before the page's own scripts run (and outside its
// CSP), a listener on document for every finder event.
func recordEvents(t *testing.T, tb *tab) {
	t.Helper()
	_, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `window.__events = []; for (const type of ['finder-ready', 'finder-results', 'finder-error']) document.addEventListener(type, (e) => __events.push({type: e.type, detail: JSON.parse(JSON.stringify(e.detail))}));`})
	require.NoError(t, err)
}

type event struct {
	Type   string         `json:"type"`
	Detail map[string]any `json:"detail"`
}

func events(t *testing.T, tb *tab) []event { return mustEval[[]event](t, tb, `__events`) }

func TestEvents(t *testing.T) {
	var manifest struct {
		DatasetVersion string `json:"dataset_version"`
	}
	b, err := os.ReadFile(filepath.Join(publicDir, "assets.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &manifest))
	version := manifest.DatasetVersion
	tests := []struct {
		name  string
		o     siteOpts
		act   func(t *testing.T, tb *tab, s *site)
		until string // JS condition on __events
		check func(t *testing.T, evs []event)
	}{
		{
			name: "fallback: ready in remote mode with the dataset version, results",
			o:    siteOpts{csp: strings.Replace(StrictCSP, " 'wasm-unsafe-eval'", "", 1)},
			act: func(t *testing.T, tb *tab, _ *site) {
				tb.focus(t, 0)
				tb.typeText(t, "sorg tromsø")
			},
			until: `__events.some((e) => e.type === 'finder-results' && e.detail.place === '5501')`,
			check: func(t *testing.T, evs []event) {
				require.Equal(t, "finder-ready", evs[0].Type)
				assert.Equal(t, "remote", evs[0].Detail["mode"])
				assert.Equal(t, version, evs[0].Detail["dataset"], "from the worker's X-Finder-Dataset header")
				last := evs[len(evs)-1]
				assert.Equal(t, map[string]any{"place": "5501", "topic": "sorg", "results": last.Detail["results"], "mode": "remote"}, last.Detail)
				assert.Positive(t, last.Detail["results"])
				for _, e := range evs {
					assert.NotContains(t, strings.ToLower(e.Type+toString(e.Detail)), "troms")
				}
			},
		},
		{
			name: "nothing reachable: finder-error unavailable, no ready",
			o: siteOpts{block: func(p string) int {
				if p == "/t" || p == "/widget.js" {
					return 0
				}
				return 503
			}},
			act:   func(t *testing.T, tb *tab, _ *site) { tb.focus(t, 0) },
			until: `__events.some((e) => e.type === 'finder-error')`,
			check: func(t *testing.T, evs []event) {
				require.Len(t, evs, 1)
				assert.Equal(t, event{Type: "finder-error", Detail: map[string]any{"reason": "unavailable"}}, evs[0])
			},
		},
		{
			name: "position refused: finder-error location",
			act: func(t *testing.T, tb *tab, s *site) {
				tb.ready(t, 0)
				_, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingDenied, Origin: s.URL})
				require.NoError(t, err)
				tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('button.near').click()`)))
			},
			until: `__events.some((e) => e.type === 'finder-error')`,
			check: func(t *testing.T, evs []event) {
				assert.Equal(t, "finder-ready", evs[0].Type)
				assert.Equal(t, map[string]any{"mode": "local", "dataset": version}, evs[0].Detail)
				assert.Equal(t, event{Type: "finder-error", Detail: map[string]any{"reason": "location"}}, evs[len(evs)-1])
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.o.pages = map[string]string{"/t": listen}
			s := newSite(t, tt.o)
			tb := newTab(t)
			recordEvents(t, tb)
			tb.open(t, s.URL+"/t")
			tt.act(t, tb, s)
			tb.wait(t, tt.until, 30*time.Second)
			tt.check(t, events(t, tb))
		})
	}
}

func toString(m map[string]any) string {
	var b strings.Builder
	for k, v := range m {
		b.WriteString(k)
		if s, ok := v.(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}
