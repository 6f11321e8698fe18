//go:build e2e

package e2e

// Issue 19, item 1: every file the loader brings in is pinned with its
// SHA-384. The finder's origin serves a tampered engine.js, wasm_exec.js,
// module or dataset parts file under its real name; a partner page of another
// origin embeds the loader. The tampered file never runs (or is never read),
// the host page sees no error, and the element falls back as documented: to
// the service's /v1/search with its notice and one finder-error 'integrity'
// (the postcodes and the signals, which come after ready: the search
// goes on without them).
// Each case has a control: the same bytes, signed as a build would sign them,
// do run, so a test that sees nothing is not blind.

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/search/signal"
	"github.com/selvhjelp/finder/data/store"
)

// alarmingSignal is a signals file whose crisis signal holds for every
// message of four words or more: read, it puts the crisis card over
// calmMessage.
func alarmingSignal() []byte {
	m := signal.Model{Shape: signal.Shape{Bits: 4, MinN: 2, MaxN: 2}, Scale: 1, Bias: 5, Threshold: 1, Weights: make([]int8, 1<<4)}
	return signal.Bundle{{Name: signal.CrisisName, Model: &m}}.Encode()
}

// calmMessage is read as calm by the rules and the shipped signal.
const calmMessage = "vi har nettopp flyttet til bergen og kjenner ingen"

// tamperMarker is code a tampered script runs first: it sets a global where
// it runs and asks the finder's origin for /tampered-ran (seen in the server
// log from the page and from a Web Worker alike).
func tamperMarker(file string) []byte {
	return []byte(`;(() => { try { globalThis.__tampered = '` + file + `'; fetch('{{SITE}}/tampered-ran?file=` + file + `', { mode: 'no-cors' }).catch(() => {}); } catch {} })();` + "\n")
}

func TestTamperedFileNeverRuns(t *testing.T) {
	m := readManifest(t)
	// A module that still runs: the built one with a custom section added.
	wasm := append(append([]byte(nil), builtFile(t, m, "finder.wasm")...), 0x00, 0x0a, 0x08, 't', 'a', 'm', 'p', 'e', 'r', 'e', 'd', 'x')
	// Dataset parts that still decode, with every contact point and postal
	// place renamed.
	ds := realDataset(t)
	for i := range ds.ContactPoints {
		ds.ContactPoints[i].Name = "TAMPERED " + ds.ContactPoints[i].Name
	}
	for i := range ds.Postcodes {
		ds.Postcodes[i].Place = "TAMPERED"
	}
	bundle, err := store.Bundle(ds)
	require.NoError(t, err)
	core, postcodes, err := store.SplitBundle(bundle)
	require.NoError(t, err)

	const tampered = `(() => { const r = document.querySelector('selvhjelp-finder')?.shadowRoot; return !!r && r.textContent.includes('TAMPERED'); })()`
	cases := []struct {
		file  string
		bytes []byte
		code  bool // a script: its marker shows whether it ran
	}{
		{"engine.js", append(tamperMarker("engine"), builtFile(t, m, "engine.js")...), true},
		{"wasm_exec.js", append(tamperMarker("wasm_exec"), builtFile(t, m, "wasm_exec.js")...), true},
		{"finder.wasm", wasm, false},
		{"dataset-core.json", core, false},
		{"postcodes.json", postcodes, false},
		{"signals.bin", alarmingSignal(), false},
	}
	for _, c := range cases {
		for _, where := range []string{"worker", "main"} {
			for _, signed := range []bool{true, false} {
				name := c.file + "/" + where + "/tampered"
				if signed {
					name = c.file + "/" + where + "/control: signed as a build would"
				}
				t.Run(name, func(t *testing.T) {
					finder := newSite(t, siteOpts{replace: map[string][]byte{c.file: c.bytes}, unsigned: !signed})
					csp := workerCSP(finder.URL) // the module in a Web Worker
					if where == "main" {
						csp = "default-src 'none'; style-src 'self'; script-src " + finder.URL + " 'wasm-unsafe-eval'; connect-src " + finder.URL
					}
					url := partnerPage(t, finder.URL, csp, `<selvhjelp-finder></selvhjelp-finder>`)
					tb := newTab(t)
					tb.noCache(t) // a file cached from an earlier site on this port would pass unchecked
					console := consoleOf(t, tb)
					tb.before(t, hostWatch)
					recordEvents(t, tb)
					tb.open(t, url)
					tb.until(t, `customElements.get('selvhjelp-finder') !== undefined`, 10*time.Second)
					tb.focus(t, 0)
					ran := func() bool {
						for _, p := range finder.requests() {
							if strings.HasPrefix(p, "/tampered-ran") {
								return true
							}
						}
						return false
					}
					query := "bergen"
					switch c.file {
					case "postcodes.json":
						query = "5003"
					case "signals.bin":
						query = calmMessage
					}
					afterReady := c.file == "postcodes.json" || c.file == "signals.bin"

					if signed {
						// The control: the same bytes, pinned, are used.
						tb.until(t, `__events.some((e) => e.type === 'finder-ready')`, 30*time.Second)
						assert.Equal(t, "local", mustEval[string](t, tb, `__events.find((e) => e.type === 'finder-ready').detail.mode`), "console: %q", console())
						assert.Equal(t, where, mustEval[string](t, tb, in(0, `r.querySelector('.f').dataset.engine`)))
						if c.code {
							deadline := time.Now().Add(10 * time.Second)
							for !ran() {
								require.True(t, time.Now().Before(deadline), "the signed %s never ran its marker", c.file)
								time.Sleep(50 * time.Millisecond) // polling for a request that must come
							}
						}
						if afterReady {
							tb.wait(t, in(0, `r.querySelector('.f').dataset.complete === 'true'`), 30*time.Second)
						}
						switch c.file {
						case "dataset-core.json", "postcodes.json":
							tb.typeText(t, query)
							tb.wait(t, tampered, 20*time.Second)
						case "signals.bin":
							tb.typeText(t, query)
							tb.wait(t, in(0, `r.querySelector('#rh')?.textContent.includes('Bergen') && r.querySelector('.crisis')`), 20*time.Second)
						}
						assert.False(t, mustEval[bool](t, tb, `__events.some((e) => e.type === 'finder-error')`))
						tb.clean(t)
						return
					}

					if afterReady {
						// Refused after ready: the search goes on without that file.
						tb.until(t, `__events.some((e) => e.type === 'finder-ready') && __events.some((e) => e.type === 'finder-error')`, 30*time.Second)
						assert.Equal(t, "local", mustEval[string](t, tb, `__events.find((e) => e.type === 'finder-ready').detail.mode`))
						before := len(finder.requests())
						tb.typeText(t, query)
						tb.until(t, in(0, `r.querySelector('.f').dataset.answered === `+strconv.Quote(query)), 20*time.Second)
						assert.Empty(t, finder.requests()[before:], "a refused file is not fetched again when a query is typed")
						assert.NotEqual(t, "true", mustEval[string](t, tb, in(0, `r.querySelector('.f').dataset.complete || ''`)))
						if c.file == "signals.bin" {
							assert.False(t, mustEval[bool](t, tb, in(0, `!!r.querySelector('.crisis')`)), "the refused signal is not read")
						}
					} else {
						// Refused at start: the documented fallback, the service's search.
						tb.until(t, `__events.some((e) => e.type === 'finder-ready')`, 30*time.Second)
						assert.Equal(t, "remote", mustEval[string](t, tb, `__events.find((e) => e.type === 'finder-ready').detail.mode`), "console: %q", console())
						tb.typeText(t, query)
						tb.until(t, in(0, `r.querySelector('#rh')?.textContent.includes('Bergen') && r.querySelectorAll('.card .cn').length > 0`), 20*time.Second)
						assert.Contains(t, mustEval[string](t, tb, in(0, `r.querySelector('.note').textContent`)), "sendes til selvhjelp-tjenesten")
						assert.True(t, contains(finder.requests(), "/v1/search"), "the fallback asks the service")
						assert.False(t, contains(finder.requests(), "q="), "the query is in no URL")
					}
					// The tampered file was offered, and refused.
					assert.True(t, contains(finder.requests(), "/"+m.Files[c.file].Path), "the page asked for %s", c.file)
					errs := mustEval[[]map[string]any](t, tb, `__events.filter((e) => e.type === 'finder-error').map((e) => e.detail)`)
					assert.Equal(t, []map[string]any{{"reason": "integrity"}}, errs)
					// Nothing of it ran or was shown.
					assert.False(t, ran(), "the tampered %s ran", c.file)
					assert.True(t, mustEval[bool](t, tb, `typeof globalThis.__tampered === 'undefined'`))
					assert.False(t, mustEval[bool](t, tb, tampered), "the tampered %s was shown", c.file)
					tb.clean(t)
				})
			}
		}
	}
}

// TestEngineImportedOnce: the page runs the engine from a <script> with
// integrity and then import()s the same URL for its exports. The import must
// be the module the page already checked, not a second download: the origin
// serves the real engine once and a tampered one after that, uncacheable. On
// the main thread the engine is asked for once and the tampered one never
// runs; with the module in a Web Worker the second request (the worker's copy,
// fetched with integrity) is refused, and the element falls back.
func TestEngineImportedOnce(t *testing.T) {
	m := readManifest(t)
	good := builtFile(t, m, "engine.js")
	enginePath := "/" + m.Files["engine.js"].Path
	for _, where := range []string{"main", "worker"} {
		t.Run(where, func(t *testing.T) {
			var finder *site
			n := 0
			finder = newSite(t, siteOpts{wrap: func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
				if r.URL.Path != enginePath || r.Method != http.MethodGet {
					return false
				}
				n++ // one request at a time: the test server's handler runs them in turn for this path
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
				w.Header().Set("Access-Control-Allow-Origin", "*")
				w.Header().Set("Cache-Control", "no-store")
				if n == 1 {
					w.Write(good)
					return true
				}
				w.Write(append([]byte(strings.ReplaceAll(string(tamperMarker("engine")), "{{SITE}}", finder.URL)), good...))
				return true
			}})
			csp := workerCSP(finder.URL)
			if where == "main" {
				csp = "default-src 'none'; style-src 'self'; script-src " + finder.URL + " 'wasm-unsafe-eval'; connect-src " + finder.URL
			}
			url := partnerPage(t, finder.URL, csp, `<selvhjelp-finder></selvhjelp-finder>`)
			tb := newTab(t)
			tb.noCache(t) // a module cached from an earlier site on this port would not be counted
			tb.before(t, hostWatch)
			recordEvents(t, tb)
			tb.open(t, url)
			tb.focus(t, 0)
			tb.typeText(t, "bergen")
			tb.until(t, `__events.some((e) => e.type === 'finder-ready')`, 30*time.Second)
			tb.until(t, in(0, `r.querySelector('#rh')?.textContent.includes('Bergen')`), 20*time.Second)
			engineGets := n // GETs of the engine (the refusal's HEAD is not one)
			for _, p := range finder.requests() {
				assert.False(t, strings.HasPrefix(p, "/tampered-ran"), "the tampered engine ran")
			}
			assert.True(t, mustEval[bool](t, tb, `typeof globalThis.__tampered === 'undefined'`))
			mode := mustEval[string](t, tb, `__events.find((e) => e.type === 'finder-ready').detail.mode`)
			errs := mustEval[[]map[string]any](t, tb, `__events.filter((e) => e.type === 'finder-error').map((e) => e.detail)`)
			if where == "main" {
				assert.Equal(t, 1, engineGets, "import() ran the module the <script> checked, without a second download")
				assert.Equal(t, "local", mode)
				assert.Empty(t, errs)
			} else {
				assert.Equal(t, 2, engineGets, "the page's <script>, then the worker's copy")
				assert.Equal(t, "remote", mode)
				assert.Equal(t, []map[string]any{{"reason": "integrity"}}, errs)
			}
			tb.clean(t)
		})
	}
}
