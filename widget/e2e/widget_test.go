//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

const one = `<h1>Test</h1><selvhjelp-finder></selvhjelp-finder>`

func TestTypeBergnShowsBergenFirst(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": one}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.focus(t, 0)
	tb.typeText(t, "bergn")
	tb.wait(t, in(0, `r.querySelector('[role=option]')?.textContent.startsWith('Bergen')`), 30*time.Second)
	assert.Equal(t, "Bergen", optionLabels(t, tb, 0)[0])
	tb.wait(t, in(0, `r.querySelectorAll('.card').length > 0`), 5*time.Second)
	assert.Contains(t, mustEval[string](t, tb, in(0, `r.querySelector('#rh').textContent`)), "Bergen")
	assert.Equal(t, "true", mustEval[string](t, tb, in(0, `r.querySelector('input').getAttribute('aria-expanded')`)))
	// The polite live region announces the counts.
	tb.wait(t, in(0, `/\d+ forslag/.test(r.querySelector('[role=status]').textContent)`), 5*time.Second)
}

// TestKeyboardOnly reaches, fills and chooses with the keyboard alone.
func TestKeyboardOnly(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": `<a href="#x">før</a>` + one}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	// The element is defined in the task after widget.js runs, which may be
	// after the load event: Tab only once its search box is there.
	tb.wait(t, in(0, `r.querySelector('input')`), 10*time.Second)
	tb.do(t, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	focused := mustEval[string](t, tb, `document.activeElement?.tagName + '/' + document.activeElement?.shadowRoot?.activeElement?.getAttribute('role')`)
	require.Equal(t, "SELVHJELP-FINDER/combobox", focused)
	// The postcodes follow ready and change the suggestions for "berg" (postal
	// places): navigate the list they give.
	tb.wait(t, in(0, `r.querySelector('.f').dataset.complete === 'true'`), 30*time.Second)
	tb.typeText(t, "berg")
	tb.wait(t, in(0, `r.querySelectorAll('[role=option]').length > 2`), 30*time.Second)
	active := func() string {
		return mustEval[string](t, tb, in(0, `(r.querySelector('input').getAttribute('aria-activedescendant') || '') + '|' + [...r.querySelectorAll('[aria-selected=true]')].map(o => o.id).join()`))
	}
	n := int(mustEval[float64](t, tb, in(0, `r.querySelectorAll('[role=option]').length`)))
	for _, step := range []struct {
		key, want string
	}{
		{kb.ArrowDown, "o0|o0"},
		{kb.ArrowDown, "o1|o1"},
		{kb.ArrowUp, "o0|o0"},
		{kb.ArrowUp, "o" + strconv.Itoa(n-1) + "|o" + strconv.Itoa(n-1)}, // wraps
		// APG editable combobox: Home and End move the caret, and the text has the focus again.
		{kb.Home, "|"},
		{kb.ArrowDown, "o0|o0"},
		{kb.End, "|"},
		{kb.ArrowDown, "o0|o0"},
		{kb.ArrowDown, "o1|o1"},
	} {
		tb.do(t, chromedp.KeyEvent(step.key))
		require.Equal(t, step.want, active(), "after %q", step.key)
	}
	chosen := optionLabels(t, tb, 0)[1]
	tb.do(t, chromedp.KeyEvent(kb.Enter))
	assert.Equal(t, chosen, mustEval[string](t, tb, in(0, `r.querySelector('input').value`)))
	assert.Equal(t, "false", mustEval[string](t, tb, in(0, `r.querySelector('input').getAttribute('aria-expanded')`)))
	tb.wait(t, in(0, `r.querySelectorAll('.card').length > 0`), 5*time.Second)
	// Escape closes an open list first, then clears the box.
	tb.typeText(t, "n")
	tb.wait(t, in(0, `!r.querySelector('[role=listbox]').hidden`), 5*time.Second)
	tb.do(t, chromedp.KeyEvent(kb.Escape))
	assert.True(t, mustEval[bool](t, tb, in(0, `r.querySelector('[role=listbox]').hidden`)))
	tb.do(t, chromedp.KeyEvent(kb.Escape))
	assert.Equal(t, "", mustEval[string](t, tb, in(0, `r.querySelector('input').value`)))
	// Focus stays visible: the focused box has an outline.
	assert.NotEqual(t, "none", mustEval[string](t, tb, in(0, `getComputedStyle(r.querySelector('input')).outlineStyle`)))
}

func TestPresetAttributes(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": `<selvhjelp-finder municipality="4601" topic="sorg"></selvhjelp-finder>`}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	// In the viewport, so it loads by itself and opens on its own results.
	tb.wait(t, in(0, `r.querySelectorAll('.card').length > 0 && r.querySelector('#rh').textContent.includes('Bergen')`), 30*time.Second)
	// Changing attributes at run time updates it.
	tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('selvhjelp-finder').setAttribute('municipality', '5501')`))
	tb.wait(t, in(0, `r.querySelector('#rh')?.textContent.includes('Tromsø')`), 5*time.Second)
	for _, c := range []struct{ lang, label string }{
		{"en", "Find self-help near you"}, {"nn", "Finn sjølvhjelp nær deg"}, {"se", "Oza iešveahki"}, {"xx", "Finn selvhjelp nær deg"},
	} {
		tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('selvhjelp-finder').setAttribute('lang', '`+c.lang+`')`))
		assert.Equal(t, c.label, mustEval[string](t, tb, in(0, `r.querySelector('label').textContent`)), c.lang)
	}
}

func TestTwoElementsAreIndependent(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": `<selvhjelp-finder></selvhjelp-finder><selvhjelp-finder lang="en"></selvhjelp-finder>`}})
	tb := newTab(t)
	// No HTTP cache for the count below: this site's port may be one an
	// earlier test's site had, and the browser (one for all tests) would
	// serve the immutable module it cached then without asking (CI saw 0).
	tb.noCache(t)
	tb.open(t, s.URL+"/t")
	tb.focus(t, 0)
	tb.typeText(t, "bergn")
	tb.wait(t, in(0, `r.querySelectorAll('.card').length > 0`), 30*time.Second)
	assert.Equal(t, 0, int(mustEval[float64](t, tb, in(1, `r.querySelectorAll('.card, [role=option]').length`))))
	assert.Equal(t, "", mustEval[string](t, tb, in(1, `r.querySelector('input').value`)))
	tb.focus(t, 1)
	tb.typeText(t, "tromsø")
	tb.wait(t, in(1, `r.querySelector('#rh')?.textContent.includes('Tromsø')`), 10*time.Second)
	assert.Contains(t, mustEval[string](t, tb, in(0, `r.querySelector('#rh').textContent`)), "Bergen")
	assert.Equal(t, "Find self-help near you", mustEval[string](t, tb, in(1, `r.querySelector('label').textContent`)))
	// One module and one dataset for the page, shared by both.
	wasm, data := 0, 0
	for _, p := range s.requests() {
		if strings.HasSuffix(p, ".wasm") {
			wasm++
		}
		if strings.HasPrefix(p, "/v1/dataset-core.") {
			data++
		}
	}
	assert.Equal(t, 1, wasm)
	assert.Equal(t, 1, data)
}

func TestLazyAndNoNetworkWhileTyping(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": strings.Repeat("<p>Lang side.</p>", 300) + one}})
	tb := newTab(t)
	_, err := chromedp.Call(tb.ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	var browserReqs []string
	var mu = make(chan struct{}, 1)
	mu <- struct{}{}
	require.NoError(t, chromedp.Listen(tb.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			<-mu
			browserReqs = append(browserReqs, e.Request.URL)
			mu <- struct{}{}
		}
	}))
	tb.open(t, s.URL+"/t")
	time.Sleep(500 * time.Millisecond) // give a wrong eager load the chance to show
	for _, p := range s.requests() {
		assert.False(t, strings.HasSuffix(p, ".wasm") || strings.HasPrefix(p, "/v1/"), "fetched %s before the element was near the viewport or focused", p)
	}
	tb.ready(t, 0)
	// The postcodes follow ready by themselves, typed or not: wait for them.
	tb.wait(t, in(0, `r.querySelector('.f').dataset.complete === 'true'`), 30*time.Second)
	before := len(s.requests())
	<-mu
	browserBefore := len(browserReqs)
	mu <- struct{}{}
	tb.focus(t, 0)
	for _, q := range []string{"bergen", "sorg i tromsø", "5003", "angst", "guovdageaidnu"} {
		tb.clear(t, 0)
		tb.typeText(t, q)
		tb.wait(t, in(0, `r.querySelectorAll('[role=option]').length > 0`), 5*time.Second)
	}
	tb.do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	time.Sleep(300 * time.Millisecond)
	assert.Equal(t, before, len(s.requests()), "requests while typing: %v", s.requests()[before:])
	<-mu
	assert.Equal(t, browserBefore, len(browserReqs), "browser requests while typing: %v", browserReqs[browserBefore:])
	mu <- struct{}{}
	// No cookies and no storage written.
	assert.Equal(t, "0/0/", mustEval[string](t, tb, `localStorage.length + '/' + sessionStorage.length + '/' + document.cookie`))
}

func TestDatasetTextIsInert(t *testing.T) {
	ds := realDataset(t)
	const evil = `<img src=x onerror=alert(1)>`
	ds.ContactPoints = append(ds.ContactPoints, dataset.ContactPoint{
		ID: "xss-test", Name: evil + " Bergen", Kind: dataset.KindLocal, Municipality: "4601",
		Address: `<script>alert(2)</script>`, Phone: `"><b>55</b>`, Email: `x@y.no"><img src=x onerror=alert(3)>`,
		URL: `javascript:alert(4)`, Status: dataset.StatusUnknown, StatusNote: `<i onmouseover=alert(5)>note</i>`,
		Topics: []string{"sorg"},
	})
	s := newSite(t, siteOpts{dataset: ds, pages: map[string]string{"/t": `<selvhjelp-finder municipality="4601"></selvhjelp-finder>`}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.wait(t, in(0, `[...r.querySelectorAll('.card .cn')].some(h => h.textContent.startsWith('<img'))`), 30*time.Second)
	assert.Equal(t, 0, int(mustEval[float64](t, tb, in(0, `r.querySelectorAll('img, script, b, i').length`))))
	assert.Equal(t, 0, int(mustEval[float64](t, tb, in(0, `r.querySelectorAll('a[href^="javascript"]').length`))))
	card := mustEval[string](t, tb, in(0, `[...r.querySelectorAll('.card')].find(c => c.textContent.includes('<img')).textContent`))
	assert.Contains(t, card, evil)
	assert.Contains(t, card, `<script>alert(2)</script>`)
	time.Sleep(300 * time.Millisecond)
	tb.mu.Lock()
	assert.Empty(t, tb.dialogs, "a dialog opened: dataset text ran as code")
	tb.mu.Unlock()
}

// TestFallbackWhenModuleBlocked: without 'wasm-unsafe-eval' (or with the
// module missing) the element searches through the worker and says so.
func TestFallbackWhenModuleBlocked(t *testing.T) {
	for _, c := range []struct {
		name string
		o    siteOpts
	}{
		{"csp without wasm-unsafe-eval", siteOpts{csp: strings.Replace(StrictCSP, " 'wasm-unsafe-eval'", "", 1)}},
		{"module 404", siteOpts{block: func(p string) int {
			if strings.HasSuffix(p, ".wasm") {
				return 404
			}
			return 0
		}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.o.pages = map[string]string{"/t": one}
			s := newSite(t, c.o)
			tb := newTab(t)
			tb.noCache(t) // a module cached from an earlier site on this port would not be blocked
			tb.open(t, s.URL+"/t")
			tb.focus(t, 0)
			tb.typeText(t, "bergn")
			tb.wait(t, in(0, `r.querySelectorAll('.card').length > 0`), 30*time.Second)
			assert.Equal(t, "Bergen", optionLabels(t, tb, 0)[0])
			assert.Contains(t, mustEval[string](t, tb, in(0, `r.querySelector('.note').textContent`)), "sendes til selvhjelp-tjenesten")
			assert.True(t, contains(s.requests(), "/v1/search"), "the fallback asks the worker")
			assert.False(t, contains(s.requests(), "bergn"), "the query is in no URL: %v", s.requests())
		})
	}
}

// TestNothingReachable: the module and the worker are down, or stalled: a
// helpful message with the national contact within 5 s.
func TestNothingReachable(t *testing.T) {
	for _, c := range []struct {
		name string
		o    siteOpts
	}{
		{"down", siteOpts{block: func(p string) int {
			if p == "/t" || p == "/widget.js" {
				return 0
			}
			return 503
		}}},
		{"stalled", siteOpts{hang: func(p string) bool { return p != "/t" && p != "/widget.js" }}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.o.pages = map[string]string{"/t": one}
			s := newSite(t, c.o)
			tb := newTab(t)
			tb.noCache(t) // nothing reachable means nothing cached either
			tb.open(t, s.URL+"/t")
			tb.wait(t, `customElements.get('selvhjelp-finder') !== undefined`, 5*time.Second)
			tb.focus(t, 0)
			tb.wait(t, in(0, `!r.querySelector('.note').hidden && r.querySelector('.note').textContent.includes('post@selvhjelp.no')`), 5*time.Second)
			note := mustEval[string](t, tb, in(0, `r.querySelector('.note').textContent`))
			assert.Contains(t, note, "Selvhjelp Norge")
			assert.Equal(t, "https://www.selvhjelp.no/", mustEval[string](t, tb, in(0, `r.querySelector('.note a[href^=http]').href`)))
		})
	}
}

// TestHighlights checks the marked letters come from the contract's UTF-16 ranges.
func TestHighlights(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": one}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.ready(t, 0)
	for _, c := range []struct{ typed, label, marked string }{
		{"bærum", "Bærum", "Bærum"},
		{"guovdageaidnu", "Guovdageaidnu", "Guovdageaidnu"},
		{"karasjohka", "Kárášjohka", "Kárášjohka"},
		{"bæ", "Bærum", "Bæ"},
	} {
		t.Run(c.typed, func(t *testing.T) {
			tb.focus(t, 0)
			tb.clear(t, 0)
			tb.typeText(t, c.typed)
			tb.wait(t, in(0, `[...r.querySelectorAll('[role=option] > span:first-child')].some(e => e.textContent === '`+c.label+`')`), 5*time.Second)
			got := mustEval[string](t, tb, in(0, `[...[...r.querySelectorAll('[role=option] > span:first-child')].find(e => e.textContent === '`+c.label+`').querySelectorAll('mark')].map(m => m.textContent).join('')`))
			assert.Equal(t, c.marked, got)
		})
	}
}

func TestNearMe(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": one}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.ready(t, 0)
	tb.wait(t, in(0, `r.querySelector('.f').dataset.complete === 'true'`), 30*time.Second) // the postcodes follow ready
	// Denied: a plain message, no exception.
	_, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingDenied, Origin: s.URL})
	require.NoError(t, err)
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('button.near').click()`)))
	tb.wait(t, in(0, `r.querySelector('[role=status]').textContent.includes('Du delte ikke posisjonen')`), 10*time.Second)
	// Granted: the nearest contact points, computed in the page.
	_, err = chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingGranted, Origin: s.URL})
	require.NoError(t, err)
	lat, lon, acc := 60.39, 5.32, 10.0
	_, err = chromedp.Call(tb.ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lon, Accuracy: &acc})
	require.NoError(t, err)
	before := len(s.requests())
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, `r.querySelector('button.near').click()`)))
	tb.wait(t, in(0, `r.querySelector('#rh')?.textContent === 'Nærmest deg' && r.querySelectorAll('.card').length > 0`), 10*time.Second)
	assert.Equal(t, before, len(s.requests()), "the position must not leave the browser")
}

// TestDemoPage runs axe-core (WCAG 2.1 A and AA) on the demo page with every
// element loaded and one list open, checks there is no sideways scrolling at
// 320 px, and writes screenshots for a person to look at.
func TestDemoPage(t *testing.T) {
	s := newSite(t, siteOpts{})
	tb := newTab(t)
	load := func(width int64, scale ...float64) {
		dsf := 1.0
		if len(scale) > 0 {
			dsf = scale[0]
		}
		_, err := chromedp.Call(tb.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: dsf})
		require.NoError(t, err)
		tb.open(t, s.URL+"/")
		n := int(mustEval[float64](t, tb, `document.querySelectorAll('selvhjelp-finder').length`))
		require.GreaterOrEqual(t, n, 6)
		// Bring every element near the viewport so that each loads.
		for i := 0; i < n; i++ {
			tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('selvhjelp-finder')[`+strconv.Itoa(i)+`].scrollIntoView()`))
			tb.wait(t, in(i, `r.querySelector('.f').dataset.state === 'local'`), 30*time.Second)
		}
		tb.do(t, chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`))
		tb.focus(t, 0)
		tb.typeText(t, "bergn")
		tb.wait(t, in(0, `r.querySelectorAll('.card').length > 0`), 30*time.Second)
		tb.wait(t, in(1, `r.querySelectorAll('.card').length > 0`), 10*time.Second)
	}
	shot := func(name string) {
		b, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		dir := "../testdata/screenshots"
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	load(1280)
	shot("demo-1280.png")
	assert.Empty(t, axeViolations(t, tb), "axe-core WCAG 2.1 AA violations")

	load(360)
	shot("demo-360.png")
	load(320)
	assert.LessOrEqual(t, mustEval[float64](t, tb, `document.documentElement.scrollWidth`), float64(320), "sideways scrolling at 320 px")
	shot("demo-320.png")
	// 200 % zoom of a 1280 px window: 640 CSS px at device scale 2.
	load(640, 2)
	assert.LessOrEqual(t, mustEval[float64](t, tb, `document.documentElement.scrollWidth`), float64(640), "sideways scrolling at 200 % zoom")
	shot("demo-zoom200.png")
	_, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}, {Name: "prefers-color-scheme", Value: "dark"}}})
	require.NoError(t, err)
	load(1280)
	shot("demo-forced-colors.png")
}

// TestPartnerPageOnAnotherOrigin embeds the loader from the worker's origin in
// a page on another origin whose CSP is exactly what README.md tells partners
// to add, and searches there.
func TestPartnerPageOnAnotherOrigin(t *testing.T) {
	worker := newSite(t, siteOpts{})
	csp := "default-src 'none'; style-src 'self'; script-src " + worker.URL + " 'wasm-unsafe-eval'; connect-src " + worker.URL
	partner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", csp)
		fmt.Fprint(w, strings.Replace(pageHTML(`<selvhjelp-finder lang="nn" municipality="4640"></selvhjelp-finder>`), `src="/widget.js"`, `src="`+worker.URL+`/widget.js"`, 1))
	}))
	t.Cleanup(partner.Close)
	tb := newTab(t)
	tb.open(t, partner.URL+"/")
	tb.wait(t, in(0, `r.querySelector('.f').dataset.state === 'local' && r.querySelectorAll('.card').length > 0`), 30*time.Second)
	assert.Contains(t, mustEval[string](t, tb, in(0, `r.querySelector('#rh').textContent`)), "Sogndal")
	tb.focus(t, 0)
	tb.typeText(t, "bergn")
	tb.wait(t, in(0, `r.querySelector('[role=option]')?.textContent.startsWith('Bergen')`), 10*time.Second)
}

// TestOptionSurvivesAnswerAgain: when the element answers the same query
// again (the postcodes came in after ready), the option the person is on
// with the arrow keys stays active; typing leaves it (APG).
func TestOptionSurvivesAnswerAgain(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": one}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.ready(t, 0)
	// The postcodes follow ready and add postal places to the suggestions:
	// wait for them, so that answering again gives the same list.
	tb.wait(t, in(0, `r.querySelector('.f').dataset.complete === 'true'`), 30*time.Second)
	tb.focus(t, 0)
	tb.typeText(t, "berg")
	tb.wait(t, in(0, `r.querySelectorAll('[role=option]').length > 2`), 30*time.Second)
	tb.wait(t, `document.querySelector('selvhjelp-finder').shadowRoot.querySelector('[data-answered]')?.dataset.answered === 'berg'`, 10*time.Second)
	tb.do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	active := func() string {
		return mustEval[string](t, tb, in(0, `r.querySelector('input').getAttribute('aria-activedescendant') || ''`))
	}
	require.Equal(t, "o1", active())
	// Answer again, as when the postcodes arrive; wait until it has answered.
	mustEval[bool](t, tb, `(() => { const el = document.querySelector('selvhjelp-finder'); const box = el.shadowRoot.querySelector('[data-answered]'); box.dataset.answered = ''; el.engineChanged(); return true; })()`)
	tb.wait(t, `document.querySelector('selvhjelp-finder').shadowRoot.querySelector('[data-answered]').dataset.answered === 'berg'`, 10*time.Second)
	assert.Equal(t, "o1", active(), "answering the same query again keeps the active option")
	tb.typeText(t, "e")
	assert.Equal(t, "", active(), "typing moves the focus back to the text")
}
