//go:build e2e

package e2e

// Issue 12, against the worker in workerd: the embed page framed by a host
// page of another origin, its height messages, the element's events seen on
// a host page's document, near="off", and the demo page's snippet builder
// whose copied snippets, pasted into blank pages, work.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/api"
)

// browserTab is one headless Chromium with one tab, recording the uncaught
// exceptions of every frame.
type browserTab struct {
	ctx    context.Context
	mu     sync.Mutex
	thrown []string
}

func newBrowserTab(t *testing.T) *browserTab {
	t.Helper()
	exe := chromiumPath()
	require.NotEmpty(t, exe, "chromium not found (apt-get install chromium)")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	_, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1"))
	require.NoError(t, err)
	b := &browserTab{}
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.mu.Lock()
			b.thrown = append(b.thrown, msg)
			b.mu.Unlock()
		}
	}))
	// A bound for the whole tab, which may serve a test of several pages
	// and widths (each step has its own, shorter wait): on a loaded 2-core
	// machine eight page loads took over two minutes.
	tctx, cancelT := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(cancelT)
	b.ctx = tctx
	return b
}

// tabTimeout bounds everything one browser tab does.
const tabTimeout = 6 * time.Minute

func (b *browserTab) exceptions() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.thrown...)
}

func (b *browserTab) open(t *testing.T, u string) {
	t.Helper()
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Navigate(u)))
}

func evalIn[T any](t *testing.T, b *browserTab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(t, err, expr)
	return v
}

// waitFor polls expr in the top page until it is truthy; when it never is,
// the failure says what the page's elements were doing.
func (b *browserTab) waitFor(t *testing.T, expr string, timeout time.Duration) {
	t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		state, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](pageState))
		require.NoError(t, err, "waiting for %s; the page: %s", expr, state)
	}
}

// pageState describes the finder elements of a page (their state, engine,
// status line), the events recorded in __events, the files fetched and the
// engine's phases so far (the worker's fetches show only as phases), for a
// failure message.
const pageState = `JSON.stringify({url: location.href, elements: [...document.querySelectorAll('selvhjelp-finder')].map((e) => {
  const f = e.shadowRoot?.querySelector('.f');
  return {id: e.id, state: f?.dataset.state, engine: f?.dataset.engine, status: e.shadowRoot?.querySelector('[role=status]')?.textContent, cards: e.shadowRoot?.querySelectorAll('.card').length};
}), events: window.__events || null, resources: performance.getEntriesByType('resource').map((r) => r.name.replace(location.origin, '') + ' ' + Math.round(r.duration) + 'ms'),
  phases: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('selvhjelp-finder:')).map((m) => m.name.slice(17) + ' ' + Math.round(m.duration) + 'ms')})`

// until polls expr in the top page with Runtime.evaluate until it is truthy.
// Use it once a frame's isolated world exists: chromedp's Poll may then run
// in that world rather than the page's.
func (b *browserTab) until(t *testing.T, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return
		}
		require.True(t, time.Now().Before(deadline), "waiting for %s (err %v)", expr, err)
		time.Sleep(50 * time.Millisecond) // polling for a condition that must become true
	}
}

// frameWorld returns an isolated world in the child frame whose URL contains
// part: it sees the frame's DOM (and open shadow roots) as the frame's own
// scripts do, without the parent page's cross-origin limits.
func (b *browserTab) frameWorld(t *testing.T, part string, timeout time.Duration) runtime.ExecutionContextID {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		tree, err := chromedp.Call(b.ctx, page.GetFrameTree, cdp.Empty{})
		require.NoError(t, err)
		var id cdp.FrameID
		var walk func(ft *page.FrameTree)
		walk = func(ft *page.FrameTree) {
			for _, c := range ft.ChildFrames {
				if strings.Contains(c.Frame.URL, part) {
					id = c.Frame.ID
				}
				walk(c)
			}
		}
		walk(tree.FrameTree)
		if id != "" {
			w, err := chromedp.Call(b.ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: id, WorldName: "test"})
			if err == nil {
				return w.ExecutionContextID
			}
		}
		require.True(t, time.Now().Before(deadline), "no frame with %q in its URL", part)
		time.Sleep(100 * time.Millisecond) // polling for a condition that must become true
	}
}

func frameEval[T any](t *testing.T, b *browserTab, world runtime.ExecutionContextID, expr string) (T, error) {
	t.Helper()
	return chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise, func(p *runtime.EvaluateParams) { p.ContextID = world }))
}

// frameWait polls expr in the frame's world until it is truthy.
func (b *browserTab) frameWait(t *testing.T, world runtime.ExecutionContextID, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := frameEval[bool](t, b, world, "!!("+expr+")")
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			shown, _ := frameEval[string](t, b, world, `document.querySelector('selvhjelp-finder')?.shadowRoot?.querySelector('.f')?.innerText || ''`)
			require.Failf(t, "timed out", "waiting in the frame for %s (err %v)\nframe shows: %s", expr, err, shown)
		}
		time.Sleep(100 * time.Millisecond) // polling for a condition that must become true
	}
}

// hostServer is a partner's site on another origin than the worker.
func hostServer(t *testing.T, pages map[string]string, csp string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func blankPage(body string) string {
	return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner</title></head><body><main><h1>Partnerside</h1>` + body + `</main></body></html>`
}

// workerSearch is the worker's own answer (the same engine as the module).
func workerSearch(t *testing.T, q, municipality string) map[string]any {
	t.Helper()
	_, body := fetch(t, "GET", "/v1/search?q="+url.QueryEscape(q)+"&municipality="+municipality, nil)
	return decode[map[string]any](t, body)
}

func localNames(res map[string]any) []string {
	var names []string
	for _, r := range res["results"].([]any) {
		m := r.(map[string]any)
		if m["relation"] == "local" {
			names = append(names, m["contact_point"].(map[string]any)["name"].(string))
		}
	}
	return names
}

// TestEmbedHeaders: /embed is the embed page from the asset server (no Go),
// framable from any origin, with no X-Frame-Options and no cookie.
func TestEmbedHeaders(t *testing.T) {
	for _, p := range []string{"/embed", "/embed?municipality=4601&lang=nn", "/embed?municipality=%3Cscript%3E&topic=&lang=xx&theme=%22"} {
		t.Run(p, func(t *testing.T) {
			res, body := fetch(t, "GET", p, map[string]string{"Origin": "https://partner.example"})
			require.Equal(t, 200, res.StatusCode)
			assert.True(t, strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"))
			assert.Equal(t, api.EmbedCSP, res.Header.Get("Content-Security-Policy"))
			assert.Contains(t, res.Header.Get("Content-Security-Policy"), "frame-ancestors *")
			assert.Empty(t, res.Header.Values("X-Frame-Options"))
			assert.Empty(t, res.Header.Values("Set-Cookie"))
			assert.Equal(t, "no-referrer", res.Header.Get("Referrer-Policy"))
			assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
			assert.Contains(t, string(body), `<script type="module" src="embed.`)
			// No third party: every script and link the page loads is its own.
			assert.NotRegexp(t, `src="(https?:)?//`, string(body))
		})
	}
	// The demo page still refuses to be framed.
	res, _ := fetch(t, "GET", "/", nil)
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
}

// TestEmbedFramedOnAnotherOrigin: a partner page frames
// /embed?municipality=4601&lang=nn (no resize=1); the framed finder answers
// "sorg" with Bergen's contact points, and the frame posts nothing at all to
// its parent (issue 19).
func TestEmbedFramedOnAnotherOrigin(t *testing.T) {
	src := server.URL + "/embed?municipality=4601&lang=nn"
	host := hostServer(t, map[string]string{"/": blankPage(`<iframe id="f" src="` + src + `" title="Finn sjølvhjelp nær deg" width="100%" height="640" style="border:0"></iframe>` + recordMessages)}, "")
	b := newBrowserTab(t)
	b.open(t, host.URL+"/")
	world := b.frameWorld(t, "/embed?", 20*time.Second)
	el := `document.querySelector('selvhjelp-finder')`
	b.frameWait(t, world, el+`?.shadowRoot`, 20*time.Second)
	assert.Equal(t, "4601|nn", mustFrame[string](t, b, world, el+`.getAttribute('municipality') + '|' + `+el+`.getAttribute('lang')`))
	// Preset: it opens on Bergen's contact points, in nynorsk.
	b.frameWait(t, world, el+`.shadowRoot.querySelector('#rh')?.textContent.includes('Bergen')`, 60*time.Second)
	assert.Equal(t, "Finn sjølvhjelp nær deg", mustFrame[string](t, b, world, el+`.shadowRoot.querySelector('label').textContent`))

	// A person clicks into the search box in the frame and types "sorg".
	b.clickFrameInput(t, world)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.KeyEvent("sorg")))
	b.frameWait(t, world, el+`.shadowRoot.querySelector('#rh')?.textContent.includes('Sorg')`, 30*time.Second)
	heading := mustFrame[string](t, b, world, el+`.shadowRoot.querySelector('#rh').textContent`)
	assert.Contains(t, heading, "Bergen")
	cards := mustFrame[[]string](t, b, world, `[...`+el+`.shadowRoot.querySelectorAll('.card .cn')].map((e) => e.textContent)`)
	want := localNames(workerSearch(t, "sorg", "4601"))
	require.NotEmpty(t, want, "the worker knows Bergen's contact points")
	for _, n := range want {
		assert.Contains(t, cards, n, "Bergen's contact point %q is shown in the frame", n)
	}
	require.NoError(t, chromedp.Do(b.ctx, chromedp.KeyEvent(kb.Escape)))
	b.frameWait(t, world, el+`.shadowRoot.querySelector('[role=listbox]').hidden`, 5*time.Second)

	// Silent: after the answer has rendered, a probe posted from the frame
	// reaches the parent, and nothing came before it.
	b.probe(t, world, 1)
	assert.Empty(t, evalIn[[]string](t, b, `window.__messages`), "the frame posted to its parent without resize=1")
	assert.Empty(t, b.exceptions())
}

// recordMessages, on a partner page, records every message it gets (probes
// apart) as "origin data".
const recordMessages = `<script>window.__messages = []; window.__probes = [];
addEventListener('message', (e) => { if (e.data && e.data.type === 'test-probe') __probes.push(e.data.n); else __messages.push(e.origin + ' ' + JSON.stringify(e.data)); });</script>`

// heights are the heights of the finder's height messages the page got.
func (b *browserTab) heights(t *testing.T) []int {
	t.Helper()
	return evalIn[[]int](t, b, `__messages.map((m) => JSON.parse(m.slice(m.indexOf(' ') + 1))).filter((d) => d && d.type === 'selvhjelp-finder:height').map((d) => d.height)`)
}

// probe posts a message from the frame to its parent once the frame has
// rendered twice and run a task after (its ResizeObserver callbacks have
// run), and waits until the parent got it. Messages from one frame to its
// parent arrive in order, so whatever the embed page posted before has
// arrived by then: the positive signal before asserting an absence.
func (b *browserTab) probe(t *testing.T, world runtime.ExecutionContextID, n int) {
	t.Helper()
	_, err := frameEval[bool](t, b, world, fmt.Sprintf(`new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { parent.postMessage({type: 'test-probe', n: %d}, '*'); res(true); }))))`, n))
	require.NoError(t, err)
	b.until(t, fmt.Sprintf(`window.__probes.includes(%d)`, n), 10*time.Second)
}

// clickFrameInput clicks, as a person does, into the search box of the
// finder in the frame #f.
func (b *browserTab) clickFrameInput(t *testing.T, world runtime.ExecutionContextID) {
	t.Helper()
	el := `document.querySelector('selvhjelp-finder')`
	b.frameWait(t, world, el+`?.shadowRoot?.querySelector('input')`, 20*time.Second)
	x := evalIn[float64](t, b, `document.getElementById('f').getBoundingClientRect().left`)
	y := evalIn[float64](t, b, `document.getElementById('f').getBoundingClientRect().top`)
	ix := mustFrame[float64](t, b, world, `(() => { const r = `+el+`.shadowRoot.querySelector('input').getBoundingClientRect(); return r.left + r.width / 2; })()`)
	iy := mustFrame[float64](t, b, world, `(() => { const r = `+el+`.shadowRoot.querySelector('input').getBoundingClientRect(); return r.top + r.height / 2; })()`)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.MouseClickXY(x+ix, y+iy)))
	b.frameWait(t, world, el+`.shadowRoot.activeElement?.tagName === 'INPUT'`, 5*time.Second)
}

// TestEmbedHeightsDoNotTellAnswersApart (issue 19): with resize=1 the frame
// posts its height, quantised: a crisis, a topic, a place and "nothing found"
// give the same height messages, although the answers differ in height, at a
// phone's width and a desktop column's.
func TestEmbedHeightsDoNotTellAnswersApart(t *testing.T) {
	kinds := []struct{ kind, query, shown string }{
		{"crisis", "tenker på selvmord", `r.querySelector('.crisis a[href^="tel:"]')`},
		{"topic", "angst", `r.querySelector('#rh')?.textContent.includes('Angst') || r.textContent.includes('Hvor bor du')`},
		{"place", "bergen", `r.querySelector('#rh')?.textContent.includes('Bergen')`},
		{"nothing", "qqqq", `r.textContent.includes('Ingen treff')`},
	}
	b := newBrowserTab(t)
	for _, width := range []int{390, 1000} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			src := server.URL + "/embed?resize=1"
			host := hostServer(t, map[string]string{"/": blankPage(fmt.Sprintf(`<iframe id="f" src="%s" title="Finn selvhjelp nær deg" width="%d" height="640" style="border:0"></iframe>`, src, width) + recordMessages)}, "")
			got := map[string][]int{}
			content := map[string]int{}
			for _, k := range kinds {
				b.open(t, host.URL+"/")
				world := b.frameWorld(t, "/embed?", 20*time.Second)
				b.until(t, `__messages.length > 0`, 20*time.Second) // the height before use
				b.clickFrameInput(t, world)
				require.NoError(t, chromedp.Do(b.ctx, chromedp.KeyEvent(k.query)))
				r := `document.querySelector('selvhjelp-finder').shadowRoot`
				b.frameWait(t, world, `(() => { const r = `+r+`; return r.querySelector('.f').dataset.answered === `+jsString(k.query)+` && (`+k.shown+`); })()`, 60*time.Second)
				content[k.kind] = int(mustFrame[float64](t, b, world, `Math.ceil(Math.max(document.querySelector('selvhjelp-finder').getBoundingClientRect().bottom, (() => { const l = `+r+`.querySelector('[role=listbox]'); return l.hidden ? 0 : l.getBoundingClientRect().bottom; })()))`))
				b.probe(t, world, 1)
				got[k.kind] = b.heights(t)
				for _, m := range evalIn[[]string](t, b, `__messages`) {
					assert.True(t, strings.HasPrefix(m, server.URL+" "), "only the finder's frame posts: %s", m)
				}
			}
			t.Logf("width %d: content heights %v, height messages %v", width, content, got)
			// The answers differ in height...
			assert.Greater(t, content["crisis"], content["place"])
			assert.Less(t, content["nothing"], content["place"])
			// ...and the messages are the same: the height before use, then the floor.
			for _, k := range kinds {
				assert.Equal(t, got["place"], got[k.kind], "%s and place give the same height messages", k.kind)
				for _, h := range got[k.kind] {
					assert.Zero(t, h%400, "a height is a multiple of 400 px: %d", h)
					assert.True(t, h >= 100 && h <= 8000, "a height the resizer accepts: %d", h)
				}
			}
			require.Len(t, got["place"], 2)
			assert.Less(t, got["place"][0], got["place"][1])
			assert.Greater(t, got["place"][1], content["crisis"], "the floor is above the tallest answer")
			assert.Empty(t, b.exceptions())
		})
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func mustFrame[T any](t *testing.T, b *browserTab, world runtime.ExecutionContextID, expr string) T {
	t.Helper()
	v, err := frameEval[T](t, b, world, expr)
	require.NoError(t, err, expr)
	return v
}

type finderEvent struct {
	Type    string         `json:"type"`
	Detail  map[string]any `json:"detail"`
	Bubbles bool           `json:"bubbles"`
	Target  string         `json:"target"`
}

// TestEventsOnHostDocument: a partner page with a strict CSP (nonce and
// 'strict-dynamic', as the README documents) listens on document; after
// "angst bergen" it has had finder-ready, then finder-results with place 4601
// and topic angst; no event carries what was typed; listeners that throw do
// not break the element; near="off" hides "Nær meg".
func TestEventsOnHostDocument(t *testing.T) {
	const nonce = "c2VsdmhqZWxw"
	csp := "default-src 'none'; script-src 'nonce-" + nonce + "' 'strict-dynamic' 'wasm-unsafe-eval'; connect-src " + server.URL + "; style-src 'self'; base-uri 'none'"
	host := hostServer(t, map[string]string{"/": blankPage(`
<script nonce="` + nonce + `" type="module" src="` + server.URL + `/widget.js"></script>
<script nonce="` + nonce + `">
window.__events = [];
for (const type of ['finder-ready', 'finder-results', 'finder-error']) {
  document.addEventListener(type, (e) => __events.push({type: e.type, detail: JSON.parse(JSON.stringify(e.detail)), bubbles: e.bubbles, target: e.target.id}));
  // A partner's listener with a bug must not break the element.
  document.addEventListener(type, () => { throw new Error('partner listener bug'); });
}
</script>
<selvhjelp-finder id="one"></selvhjelp-finder>
<selvhjelp-finder id="two" near="off"></selvhjelp-finder>`)}, csp)
	b := newBrowserTab(t)
	b.open(t, host.URL+"/")
	el := `document.getElementById('one')`
	b.waitFor(t, el+`?.shadowRoot?.querySelector('input')`, 20*time.Second)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](el+`.shadowRoot.querySelector('input').focus()`)))
	const typed = "angst bergen"
	require.NoError(t, chromedp.Do(b.ctx, chromedp.KeyEvent(typed)))
	b.waitFor(t, `__events.some((e) => e.type === 'finder-results' && e.target === 'one' && e.detail.place === '4601' && e.detail.topic === 'angst')`, 60*time.Second)
	// The element still shows its answer although every listener threw.
	b.waitFor(t, el+`.shadowRoot.querySelector('#rh')?.textContent.includes('Bergen')`, 10*time.Second)

	events := evalIn[[]finderEvent](t, b, `__events`)
	raw, err := json.Marshal(events)
	require.NoError(t, err)
	t.Logf("events: %s", raw)
	ready, results := -1, -1
	_, health := fetch(t, "GET", "/healthz", nil)
	version := decode[struct {
		Version string `json:"version"`
	}](t, health).Version
	keys := map[string][]string{"finder-ready": {"dataset", "mode"}, "finder-results": {"mode", "place", "results", "topic"}, "finder-error": {"reason"}}
	for i, e := range events {
		assert.True(t, e.Bubbles, e.Type)
		var got []string
		for k := range e.Detail {
			got = append(got, k)
		}
		assert.ElementsMatch(t, keys[e.Type], got, "%s carries only its documented fields", e.Type)
		switch e.Type {
		case "finder-ready":
			if e.Target == "one" && ready < 0 {
				ready = i
			}
			assert.Equal(t, "local", e.Detail["mode"])
			assert.Equal(t, version, e.Detail["dataset"])
		case "finder-results":
			if e.Target == "one" && results < 0 {
				results = i
			}
			if p, ok := e.Detail["place"].(string); ok {
				assert.Regexp(t, `^\d{4}$`, p)
			}
			if tp, ok := e.Detail["topic"].(string); ok {
				assert.Regexp(t, `^[a-z-]+$`, tp)
			}
			assert.IsType(t, float64(0), e.Detail["results"])
			assert.Equal(t, "local", e.Detail["mode"])
		case "finder-error":
			t.Errorf("unexpected finder-error: %v", e.Detail)
		}
	}
	require.GreaterOrEqual(t, ready, 0, "finder-ready")
	require.GreaterOrEqual(t, results, 0, "finder-results")
	assert.Less(t, ready, results, "finder-ready comes before finder-results")
	// Never the typed text, not even part of the place word.
	lower := strings.ToLower(string(raw))
	assert.NotContains(t, lower, typed)
	assert.NotContains(t, lower, "berg")
	last := events[len(events)-1]
	for _, e := range events {
		if e.Type == "finder-results" && e.Target == "one" {
			last = e
		}
	}
	assert.Equal(t, "4601", last.Detail["place"])
	assert.Equal(t, "angst", last.Detail["topic"])
	assert.Positive(t, last.Detail["results"])

	// near="off" hides "Nær meg", at once and when changed at run time.
	assert.False(t, evalIn[bool](t, b, el+`.shadowRoot.querySelector('button.near').hidden`))
	assert.True(t, evalIn[bool](t, b, `document.getElementById('two').shadowRoot.querySelector('button.near').hidden`))
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](el+`.setAttribute('near', 'off')`)))
	assert.True(t, evalIn[bool](t, b, el+`.shadowRoot.querySelector('button.near').hidden`))
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](el+`.removeAttribute('near')`)))
	assert.False(t, evalIn[bool](t, b, el+`.shadowRoot.querySelector('button.near').hidden`))

	// The only exceptions are the partner's own listeners'.
	thrown := b.exceptions()
	assert.NotEmpty(t, thrown)
	for _, e := range thrown {
		assert.Contains(t, e, "partner listener bug")
	}
}

// TestBuilderSnippetsWork: on the demo page a partner finds Bergen by typing
// in the builder's finder, picks a topic, language and theme, turns "Nær meg"
// off and copies each snippet; each, pasted into a blank page of another
// origin, works.
func TestBuilderSnippetsWork(t *testing.T) {
	b := newBrowserTab(t)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(b.ctx, browser.SetPermission, browser.SetPermissionParams{Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: server.URL})
		require.NoError(t, err)
	}
	b.open(t, server.URL+"/")
	pick := `document.getElementById('b-pick')`
	b.waitFor(t, pick+`?.shadowRoot?.querySelector('input')`, 20*time.Second)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](pick+`.shadowRoot.querySelector('input').focus()`)))
	require.NoError(t, chromedp.Do(b.ctx, chromedp.KeyEvent("bergen")))
	b.waitFor(t, pick+`.shadowRoot.querySelectorAll('[role=option]').length > 0`, 60*time.Second)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.KeyEvent("\ue015"), chromedp.KeyEvent("\r"))) // ArrowDown, Enter
	b.waitFor(t, `document.getElementById('b-muni').value === '4601'`, 10*time.Second)
	// By default the iframe asks for the position ("Nær meg" is on), posts
	// nothing to the page (no resize=1), and the resizer is not offered.
	iframe := evalIn[string](t, b, `document.getElementById('b-iframe').textContent`)
	assert.Contains(t, iframe, `allow="geolocation"`)
	assert.NotContains(t, iframe, "resize=1")
	assert.True(t, evalIn[bool](t, b, `document.getElementById('b-resizer-part').hidden`))
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('b-resize').click()`)))
	b.waitFor(t, `!document.getElementById('b-resizer-part').hidden && document.getElementById('b-iframe').textContent.includes('resize=1')`, 5*time.Second)
	require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`(() => {
  const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change', {bubbles: true})); };
  set('b-topic', 'sorg'); set('b-lang', 'nn'); set('b-theme', 'dark');
  const n = document.getElementById('b-near'); n.click();
})()`)))
	// The live preview follows.
	live := `document.getElementById('b-live')`
	b.waitFor(t, live+`.getAttribute('municipality') === '4601' && `+live+`.getAttribute('topic') === 'sorg' && `+live+`.getAttribute('near') === 'off' && `+live+`.getAttribute('theme') === 'dark'`, 5*time.Second)
	b.waitFor(t, live+`.shadowRoot.querySelector('#rh')?.textContent.includes('Bergen')`, 30*time.Second)

	copied := map[string]string{}
	for _, k := range []string{"script", "sri", "iframe", "resizer"} {
		require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('button[data-copy="b-`+k+`"]').click()`)))
		b.waitFor(t, `document.getElementById('b-status').textContent.startsWith('Kopiert')`, 5*time.Second)
		text := evalIn[string](t, b, `navigator.clipboard.readText()`)
		require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('b-status').textContent = ''`)))
		assert.Equal(t, evalIn[string](t, b, `document.getElementById('b-`+k+`').textContent`), text)
		assert.NotContains(t, text, "WORKER", "the real origin is filled in")
		copied[k] = text
	}
	t.Logf("copied snippets:\n%s\n%s\n%s\n%s", copied["script"], copied["sri"], copied["iframe"], copied["resizer"])
	assert.Contains(t, copied["script"], `<script type="module" src="`+server.URL+`/widget.js"></script>`)
	assert.Contains(t, copied["script"], `<selvhjelp-finder municipality="4601" topic="sorg" lang="nn" theme="dark" near="off"></selvhjelp-finder>`)
	assert.Regexp(t, regexp.MustCompile(`src="`+regexp.QuoteMeta(server.URL)+`/widget\.[0-9a-f]{12}\.js"\s+integrity="sha384-[A-Za-z0-9+/=]+" crossorigin="anonymous"`), copied["sri"])
	assert.Contains(t, copied["iframe"], `src="`+server.URL+`/embed?municipality=4601&amp;topic=sorg&amp;lang=nn&amp;theme=dark&amp;near=off&amp;resize=1"`)
	assert.Contains(t, copied["iframe"], `title="Finn sjølvhjelp nær deg"`)
	assert.NotContains(t, copied["iframe"], "geolocation", `near="off": no allow="geolocation"`)
	assert.Contains(t, copied["resizer"], `Number.isInteger(h)&&h>=100&&h<=8000`)

	// Pasted into blank pages of another origin (no CSP), each works.
	host := hostServer(t, map[string]string{
		"/script": blankPage(copied["script"]),
		"/sri":    blankPage(copied["sri"]),
		"/iframe": blankPage(copied["iframe"] + "\n" + copied["resizer"]),
	}, "")
	for _, k := range []string{"script", "sri"} {
		t.Run(k, func(t *testing.T) {
			b.open(t, host.URL+"/"+k)
			el := `document.querySelector('selvhjelp-finder')`
			b.waitFor(t, el+`?.shadowRoot?.querySelector('#rh')?.textContent.includes('Bergen')`, 60*time.Second)
			assert.Contains(t, evalIn[string](t, b, el+`.shadowRoot.querySelector('#rh').textContent`), "Sorg")
			assert.True(t, evalIn[bool](t, b, el+`.shadowRoot.querySelector('button.near').hidden`), "near=off")
			assert.Equal(t, "Finn sjølvhjelp nær deg", evalIn[string](t, b, el+`.shadowRoot.querySelector('label').textContent`))
		})
	}
	t.Run("iframe", func(t *testing.T) {
		b.open(t, host.URL+"/iframe")
		world := b.frameWorld(t, "/embed?", 20*time.Second)
		el := `document.querySelector('selvhjelp-finder')`
		b.frameWait(t, world, el+`.shadowRoot.querySelector('#rh')?.textContent.includes('Bergen')`, 60*time.Second)
		assert.True(t, mustFrame[bool](t, b, world, el+`.shadowRoot.querySelector('button.near').hidden`), "near=off")
		// The pasted resizer sets the frame's height from its messages: a
		// multiple of 400 px that holds the content.
		content := mustFrame[float64](t, b, world, `Math.ceil(document.querySelector('selvhjelp-finder').getBoundingClientRect().bottom)`)
		frame := `document.querySelector('iframe')`
		b.waitFor(t, fmt.Sprintf(`+%s.height %% 400 === 0 && +%s.height >= %v`, frame, frame, content), 10*time.Second)
		// It takes only integers from 100 to 8000 px, from the finder's frame.
		require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`window.__set = []; new MutationObserver(() => __set.push(`+frame+`.height)).observe(`+frame+`, {attributes: true, attributeFilter: ['height']});`)))
		_, err := frameEval[bool](t, b, world, `(() => { for (const h of ['100%', '5000', 12.5, -1, 0, 99, 8001, 1e9, NaN, Infinity, null, {}, '1e3', [800]]) parent.postMessage({type: 'selvhjelp-finder:height', height: h}, '*'); parent.postMessage({type: 'selvhjelp-finder:height', height: 4000}, '*'); return true; })()`)
		require.NoError(t, err)
		b.waitFor(t, frame+`.height === '4000'`, 10*time.Second)
		assert.Equal(t, []string{"4000"}, evalIn[[]string](t, b, `__set`), "only the valid height was set")
		// A message of the same shape from the partner's own page (another origin) is ignored.
		require.NoError(t, chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](`postMessage({type: 'selvhjelp-finder:height', height: 3000}, '*')`)))
		_, err = frameEval[bool](t, b, world, `(parent.postMessage({type: 'selvhjelp-finder:height', height: 2000}, '*'), true)`)
		require.NoError(t, err)
		b.waitFor(t, frame+`.height === '2000'`, 10*time.Second)
		assert.Equal(t, []string{"4000", "2000"}, evalIn[[]string](t, b, `__set`))
	})
	assert.Empty(t, b.exceptions())
}
