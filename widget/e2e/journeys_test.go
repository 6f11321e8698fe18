//go:build e2e

package e2e

// Issue 23: the core journeys in real Firefox (firefox-esr, WebDriver BiDi)
// and real WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver, on an
// Xvfb display), one table for both. Each journey asserts what a person sees,
// polling with a deadline; a failure prints the element's state.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// engineDriver is what a journey needs of an engine's driver.
type engineDriver interface {
	name() string
	open(url string) error
	// eval gives JSON.stringify of a JavaScript expression's value;
	// evalAsync awaits the value first.
	eval(expr string) (json.RawMessage, error)
	evalAsync(expr string) (json.RawMessage, error)
	focus(i int) error      // the i-th element's search box
	keys(s string) error    // real key events: characters, keyEnter, keyArrowDown
	clickAt(x, y int) error // a real mouse click at viewport coordinates
	tapAt(x, y int) error   // a real touch tap (a pointer of type touch) at viewport coordinates
	// axMatches: the engine's accessibility gives the element that css
	// selects in the first element's shadow root role and, unless name is
	// "", the accessible name name. seen says what the engine gave instead
	// (journeys_ax_test.go).
	axMatches(css, role, name string) (ok bool, seen string, err error)
	// enterFrame makes eval and evalAsync run in the document of the iframe
	// that css selects in the top document (any origin); leaveFrame, and
	// open, go back to the top document.
	enterFrame(css string) error
	leaveFrame() error
}

// jsQuote is s as a JavaScript string literal.
func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// requireTool: CI (FINDER_REQUIRE_BROWSERS=1, set by make test-e2e) fails
// where a browser or its display is missing; elsewhere the engine's journeys
// are skipped, saying what to install.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not found: apt-get install --no-install-recommends %s", name, pkg)
	if os.Getenv("FINDER_REQUIRE_BROWSERS") == "1" {
		t.Fatal(msg + " (FINDER_REQUIRE_BROWSERS=1)")
	}
	t.Skip(msg)
	return ""
}

func TestJourneysFirefox(t *testing.T) {
	exe := requireTool(t, "firefox-esr", "firefox-esr")
	b := startFirefox(t, exe)
	runJourneys(t, b)
	runEmbedJourneys(t, b)
}

func TestJourneysWebKit(t *testing.T) {
	driver := requireTool(t, "WebKitWebDriver", "webkit2gtk-driver")
	requireTool(t, "Xvfb", "xvfb")
	requireTool(t, miniBrowser, "libwebkit2gtk-4.1-0")
	w := startWebKit(t, driver)
	runJourneys(t, w)
	runEmbedJourneys(t, w)
}

// hostWatchPath serves hostWatch (robust_test.go) as a file of the page's own
// origin: a classic script in the body runs before the deferred module
// loader, under any of the journeys' policies (script-src 'self').
const hostWatchPath = "/host-watch.js"

func withHostWatch(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	switch r.URL.Path {
	case hostWatchPath:
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, hostWatch)
		return true
	case axePath:
		// axe-core as a file of the page's own origin (script-src 'self'),
		// added by j.axe only.
		w.Header().Set("Content-Type", "text/javascript")
		http.ServeFile(w, r, axeFile)
		return true
	}
	return false
}

// shows is what the element shows, for a failure message.
var shows = in(0, `({state: r.querySelector('.f')?.dataset.state, engine: r.querySelector('.f')?.dataset.engine,
  answered: r.querySelector('.f')?.dataset.answered, input: r.querySelector('input')?.value,
  status: r.querySelector('[role=status]')?.textContent, cards: r.querySelectorAll('.card').length,
  options: r.querySelectorAll('[role=option]').length, firstOption: r.querySelector('[role=option]')?.textContent,
  expanded: r.querySelector('input')?.getAttribute('aria-expanded'), listHidden: r.querySelector('[role=listbox]')?.hidden,
  focus: document.hasFocus() + '/' + (r.activeElement === r.querySelector('input')) + '/' + r.querySelector('input')?.matches(':focus'), heading: r.querySelector('#rh')?.textContent,
  note: r.querySelector('.note')?.hidden ? '' : r.querySelector('.note')?.textContent, hostErrors: window.__hostErrors})`)

type journeyRun struct {
	t *testing.T
	b engineDriver
}

func (j journeyRun) must(err error, what string) {
	j.t.Helper()
	if err != nil {
		j.t.Fatalf("%s: %s: %v\nelement: %s", j.b.name(), what, err, j.state())
	}
}

func (j journeyRun) state() string {
	v, err := j.b.eval(shows)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return string(v)
}

// value evaluates expr into out.
func (j journeyRun) value(expr string, out any) {
	j.t.Helper()
	v, err := j.b.eval(expr)
	j.must(err, expr)
	j.must(json.Unmarshal(v, out), expr)
}

// wait polls expr until it is truthy.
func (j journeyRun) wait(expr string, timeout time.Duration) {
	j.t.Helper()
	end := time.Now().Add(timeout)
	var last error
	for {
		v, err := j.b.eval(`!!(` + expr + `)`)
		if err == nil && string(v) == "true" {
			return
		}
		last = err
		if time.Now().After(end) {
			j.t.Fatalf("%s: waited %s for %s (last error: %v)\nelement: %s", j.b.name(), timeout, expr, last, j.state())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// openPage opens the page and waits for the element's search box.
func (j journeyRun) openPage(url string) {
	j.t.Helper()
	j.must(j.b.open(url), "open "+url)
	j.wait(`customElements.get('selvhjelp-finder') && `+in(0, `r.querySelector('input')`), 20*time.Second)
}

func (j journeyRun) typeIn(text string) {
	j.t.Helper()
	j.must(j.b.focus(0), "focus")
	j.must(j.b.keys(text), "type "+strconv.Quote(text))
}

// clean: the host page's own listeners saw no error from the element.
func (j journeyRun) clean() {
	j.t.Helper()
	// Two frames later, so that a late rejection has been reported.
	v, err := j.b.evalAsync(`new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(window.__hostErrors || ['host-watch.js did not run']))))`)
	j.must(err, "host errors")
	var errs []string
	j.must(json.Unmarshal(v, &errs), "host errors")
	if len(errs) > 0 {
		j.t.Errorf("%s: the host page saw errors: %q", j.b.name(), errs)
	}
}

// pickFirstReady types "bergn", waits for a settled list whose first suggestion is
// Bergen and returns that label.
func (j journeyRun) pickFirstReady() string {
	j.t.Helper()
	j.must(j.b.focus(0), "focus")
	// The postcodes follow ready and change the list: choose from the final one.
	j.wait(in(0, `r.querySelector('.f').dataset.complete === 'true'`), 60*time.Second)
	j.typeIn("bergn")
	j.wait(in(0, `r.querySelector('.f').dataset.answered === 'bergn' && !r.querySelector('[role=listbox]').hidden && r.querySelector('input').getAttribute('aria-expanded') === 'true' && r.querySelector('[role=option]')?.textContent.startsWith('Bergen')`), 20*time.Second)
	var first string
	j.value(in(0, `r.querySelector('[role=option] > span:first-child').textContent`), &first)
	return first
}

// chosen: the box reads the choice, the list is closed and the heading names it.
func (j journeyRun) chosen(label string) {
	j.t.Helper()
	q := strconv.Quote(label)
	j.wait(in(0, `r.querySelector('input').value === `+q+` && r.querySelector('input').getAttribute('aria-expanded') === 'false' && r.querySelector('[role=listbox]').hidden`), 10*time.Second)
	j.wait(in(0, `r.querySelector('#rh')?.textContent.includes(`+q+`) && r.querySelectorAll('.card').length > 0`), 10*time.Second)
}

type journey struct {
	name string
	csp  string // "" = StrictCSP
	run  func(j journeyRun)
}

var journeys = []journey{
	{name: "angst bergen: place and topic", run: func(j journeyRun) {
		j.typeIn("angst bergen")
		j.wait(in(0, `r.querySelector('.f').dataset.answered === 'angst bergen' && r.querySelectorAll('.card').length > 0`), 60*time.Second)
		var heading string
		j.value(in(0, `r.querySelector('#rh').textContent`), &heading)
		if !strings.Contains(heading, "Bergen") || !strings.Contains(strings.ToLower(heading), "angst") {
			j.t.Errorf("%s: heading %q names no Bergen and angst", j.b.name(), heading)
		}
	}},
	{name: "bergn: ArrowDown Enter chooses", run: func(j journeyRun) {
		first := j.pickFirstReady()
		j.must(j.b.keys(keyArrowDown), "ArrowDown")
		j.wait(in(0, `r.querySelector('input').getAttribute('aria-activedescendant') === 'o0'`), 5*time.Second)
		j.must(j.b.keys(keyEnter), "Enter")
		j.chosen(first)
	}},
	{name: "bergn: mouse click chooses", run: func(j journeyRun) {
		first := j.pickFirstReady()
		var at []float64
		j.value(in(0, `(() => { const b = r.querySelector('[role=option]').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`), &at)
		if len(at) != 2 {
			j.t.Fatalf("%s: no position of the option: %v", j.b.name(), at)
		}
		j.must(j.b.clickAt(int(at[0]), int(at[1])), "click")
		j.chosen(first)
		var focused bool
		j.value(in(0, `r.activeElement === r.querySelector('input')`), &focused)
		if !focused {
			j.t.Errorf("%s: the focus left the search box after the click", j.b.name())
		}
	}},
	// A finger on a phone (journeys_ax_test.go): in WebKit, pinned as skipped.
	{name: "sorg bergen: touch tap chooses", run: touchSorg},
	// What assistive technology is given, as each engine's driver computes
	// it (journeys_ax_test.go).
	{name: "a11y: bergn, combobox, options, live region", run: a11yCombobox},
	{name: "a11y: vil ikke leve, the crisis card", run: a11yCrisis},
	{name: "vil ikke leve: crisis card first", run: func(j journeyRun) {
		j.typeIn("vil ikke leve")
		j.wait(in(0, `r.querySelector('.f').dataset.answered === 'vil ikke leve' && r.querySelector('.res').firstElementChild?.classList.contains('crisis')`), 60*time.Second)
		var hrefs []string
		j.value(in(0, `[...r.querySelectorAll('.crisis a')].map(a => a.getAttribute('href'))`), &hrefs)
		if !contains(hrefs, "tel:113") && !contains(hrefs, "tel:116123") {
			j.t.Errorf("%s: the crisis card has no tel: link to 113 or 116 123: %q", j.b.name(), hrefs)
		}
	}},
	// axe-core (WCAG 2.1 A and AA) in each engine, on the states Chromium's
	// tests do not reach with a real keyboard: the list open, the crisis card.
	{name: "axe: bergn, the list open", run: func(j journeyRun) {
		j.pickFirstReady()
		j.axe("the suggestion list open")
		j.wait(in(0, `!r.querySelector('[role=listbox]').hidden && r.querySelector('input').getAttribute('aria-expanded') === 'true'`), time.Second)
	}},
	{name: "axe: vil ikke leve, the crisis card", run: func(j journeyRun) {
		j.typeIn("vil ikke leve")
		j.wait(in(0, `r.querySelector('.f').dataset.answered === 'vil ikke leve' && r.querySelector('.res').firstElementChild?.classList.contains('crisis')`), 60*time.Second)
		j.axe("the crisis card shown")
	}},
	// Without worker-src, worker-src falls back to script-src ('self', no
	// blob:): the engine runs on the main thread; with worker-src blob: in a
	// Web Worker. Both answer.
	{name: "strict CSP without worker-src: tromsø", run: func(j journeyRun) { j.tromso("main") }},
	{name: "strict CSP with worker-src blob: tromsø", csp: StrictCSP + "; worker-src blob:", run: func(j journeyRun) { j.tromso("worker") }},
	{name: "CSP without wasm-unsafe-eval: fallback note", csp: noWasmCSP, run: func(j journeyRun) {
		j.typeIn("bergn")
		j.wait(contactShown+` && `+in(0, `r.querySelector('.note').textContent.includes('sendes til selvhjelp-tjenesten') && r.querySelectorAll('.card').length > 0`), 60*time.Second)
	}},
}

func (j journeyRun) tromso(where string) {
	j.t.Helper()
	j.typeIn("tromsø")
	j.wait(in(0, `r.querySelector('.f').dataset.answered === 'tromsø' && r.querySelector('#rh')?.textContent.includes('Tromsø') && r.querySelectorAll('.card').length > 0`), 60*time.Second)
	var engine string
	j.value(in(0, `r.querySelector('.f').dataset.engine || ''`), &engine)
	j.t.Logf("%s: data-engine=%q", j.b.name(), engine)
	if engine != where {
		j.t.Errorf("%s: the engine ran in %q, want %q (where the CSP allows)", j.b.name(), engine, where)
	}
}

func runJourneys(t *testing.T, b engineDriver) {
	for _, jr := range journeys {
		t.Run(jr.name, func(t *testing.T) {
			s := newSite(t, siteOpts{csp: jr.csp, wrap: withHostWatch,
				pages: map[string]string{"/t": `<script src="` + hostWatchPath + `"></script>` + one}})
			j := journeyRun{t: t, b: b}
			j.openPage(s.URL + "/t")
			jr.run(j)
			j.clean()
			// Leave the page, so that the next journey starts from nothing.
			j.must(b.open("about:blank"), "about:blank")
		})
	}
}
