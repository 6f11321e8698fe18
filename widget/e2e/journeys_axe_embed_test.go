//go:build e2e

package e2e

// Issue 23, second part: axe-core in Firefox and WebKit (the journeys "axe:
// ..." in journeys_test.go), and the embed page framed by a host page of
// another origin, with and without its height messages (resize=1).

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const (
	axePath = "/axe.min.js"
	axeFile = "../node_modules/axe-core/axe.min.js"
)

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe adds axe-core to the page as a script of its own origin (the page's
// CSP allows 'self' only) and runs it (WCAG 2.1 A and AA, shadow roots
// included) on the page as it is: no violation, or each is printed.
func (j journeyRun) axe(state string) {
	j.t.Helper()
	v, err := j.b.evalAsync(`new Promise((ok, no) => {
  if (window.axe) return ok();
  const s = document.createElement('script');
  s.src = ` + jsQuote(axePath) + `; s.onload = ok; s.onerror = () => no(new Error('axe.min.js did not load'));
  document.head.append(s);
}).then(() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))
  .then((r) => ({version: axe.version, passes: r.passes.length, violations: r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.map((t) => [].concat(t).join(' >>> ')).join(' ') + ': ' + n.failureSummary)}))}))
  .catch((e) => ({thrown: String(e)}))`)
	j.must(err, "axe")
	var r struct {
		Version    string         `json:"version"`
		Passes     int            `json:"passes"`
		Violations []axeViolation `json:"violations"`
		Thrown     string         `json:"thrown"`
	}
	j.must(json.Unmarshal(v, &r), "axe result "+string(v))
	if r.Thrown != "" || r.Passes == 0 {
		j.t.Fatalf("%s: axe did not run with %s: %s", j.b.name(), state, v)
	}
	j.t.Logf("%s: axe-core %s with %s: %d rules pass, %d violated", j.b.name(), r.Version, state, r.Passes, len(r.Violations))
	for _, x := range r.Violations {
		j.t.Errorf("%s: axe violation with %s: %s (%s): %s\n  %s", j.b.name(), state, x.ID, x.Impact, x.Help, strings.Join(x.Nodes, "\n  "))
	}
}

// embedRecord, on the host page, records every message it gets as "origin
// data", and the test's probes apart.
const embedRecord = `<script>window.__messages = []; window.__probes = [];
addEventListener('message', (e) => { if (e.data && e.data.type === 'test-probe') __probes.push(e.data.n); else __messages.push(e.origin + ' ' + JSON.stringify(e.data)); });</script>`

// embedHost is a partner's page on another origin than the site (another
// port): it frames the site's /embed page, with query, in the iframe #f
// (1000 px wide, so the embed page's floor is 1,200 px) and records messages.
func embedHost(t *testing.T, s *site, query string) string {
	t.Helper()
	page := `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Partner</title></head><body><main><h1>Partnerside</h1>
<iframe id="f" src="` + s.URL + `/embed` + query + `" title="Finn selvhjelp nær deg" width="1000" height="640" style="border:0"></iframe>` + embedRecord + `</main></body></html>`
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(h.Close)
	return h.URL + "/"
}

// inFrame enters the iframe #f, polling until the driver finds its document.
func (j journeyRun) inFrame() {
	j.t.Helper()
	end := time.Now().Add(20 * time.Second)
	for {
		err := j.b.enterFrame("#f")
		if err == nil {
			return
		}
		if time.Now().After(end) {
			j.t.Fatalf("%s: enter the iframe: %v", j.b.name(), err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (j journeyRun) top() {
	j.t.Helper()
	j.must(j.b.leaveFrame(), "leave the iframe")
}

// embedAsk opens the host page, clicks into the framed element's search box
// as a person does, types query and waits until the frame shows the answer
// (shown, with r its shadow root). It returns the content's bottom in the
// frame (the list included where it is open) and the host's messages after
// a probe from the frame: the frame posts it once it has rendered twice and
// run a task after (its ResizeObserver callbacks have run), and messages from
// one frame to its parent arrive in order, so whatever the embed page posted
// before has arrived when the probe has.
func (j journeyRun) embedAsk(hostURL, query, shown string, optIn bool) (content int, messages []string) {
	j.t.Helper()
	j.must(j.b.open(hostURL), "open "+hostURL)
	j.wait(`document.getElementById('f') && window.__messages`, 20*time.Second)
	j.inFrame()
	j.wait(`customElements.get('selvhjelp-finder') && `+in(0, `r.querySelector('input')`), 20*time.Second)
	var at []float64
	j.value(in(0, `(() => { const b = r.querySelector('input').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`), &at)
	j.top()
	if optIn {
		j.wait(`__messages.length > 0`, 20*time.Second) // the height before use
	}
	var frame []float64
	j.value(`(() => { const b = document.getElementById('f').getBoundingClientRect(); return [b.x, b.y]; })()`, &frame)
	if len(at) != 2 || len(frame) != 2 {
		j.t.Fatalf("%s: no position of the box (%v) or the frame (%v)", j.b.name(), at, frame)
	}
	j.must(j.b.clickAt(int(frame[0]+at[0]), int(frame[1]+at[1])), "click into the framed box")
	j.inFrame()
	j.wait(`document.hasFocus() && `+in(0, `r.activeElement === r.querySelector('input')`), 5*time.Second)
	j.top()
	j.must(j.b.keys(query), "type "+jsQuote(query))
	j.inFrame()
	j.wait(in(0, `r.querySelector('.f').dataset.answered === `+jsQuote(query)+` && (`+shown+`)`), 60*time.Second)
	j.value(`Math.ceil(Math.max(document.querySelector('selvhjelp-finder').getBoundingClientRect().bottom, `+in(0, `(() => { const l = r.querySelector('[role=listbox]'); return l.hidden ? 0 : l.getBoundingClientRect().bottom; })()`)+`))`, &content)
	_, err := j.b.evalAsync(`new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { parent.postMessage({type: 'test-probe', n: 1}, '*'); ok(true); }))))`)
	j.must(err, "probe")
	j.top()
	j.wait(`__probes.includes(1)`, 10*time.Second)
	j.value(`__messages`, &messages)
	return content, messages
}

// embedJourneys: the embed page in a host page of another origin.
var embedJourneys = []struct {
	name string
	run  func(j journeyRun, s *site)
}{
	// Without resize=1 the frame posts nothing to its parent, before or
	// after it has answered.
	{"embed without resize=1: bergen, no message", func(j journeyRun, s *site) {
		_, msgs := j.embedAsk(embedHost(j.t, s, ""), "bergen", `r.querySelector('#rh')?.textContent.includes('Bergen') && r.querySelectorAll('.card').length > 0`, false)
		if len(msgs) > 0 {
			j.t.Errorf("%s: the frame posted to its parent without resize=1: %q", j.b.name(), msgs)
		}
	}},
	// With resize=1 the frame posts its height in steps of 400 px, and a
	// place and a crisis answer give the same messages (the height before
	// use, then the floor), although the answers differ in height.
	{"embed with resize=1: place and crisis, the same heights", func(j journeyRun, s *site) {
		host := embedHost(j.t, s, "?resize=1")
		kinds := []struct{ kind, query, shown string }{
			{"place", "bergen", `r.querySelector('#rh')?.textContent.includes('Bergen') && r.querySelectorAll('.card').length > 0`},
			{"crisis", "vil ikke leve", `r.querySelector('.res').firstElementChild?.classList.contains('crisis') && r.querySelector('.crisis a[href^="tel:"]')`},
		}
		heights := map[string][]int{}
		content := map[string]int{}
		for _, k := range kinds {
			c, msgs := j.embedAsk(host, k.query, k.shown, true)
			content[k.kind] = c
			for _, m := range msgs {
				origin, data, _ := strings.Cut(m, " ")
				var d struct {
					Type   string `json:"type"`
					Height int    `json:"height"`
				}
				if origin != s.URL || json.Unmarshal([]byte(data), &d) != nil || d.Type != "selvhjelp-finder:height" {
					j.t.Errorf("%s: %s: a message that is not the frame's height: %s", j.b.name(), k.kind, m)
					continue
				}
				heights[k.kind] = append(heights[k.kind], d.Height)
			}
		}
		j.t.Logf("%s: content heights %v, height messages %v", j.b.name(), content, heights)
		p, c := heights["place"], heights["crisis"]
		if len(p) == 0 || fmt.Sprint(p) != fmt.Sprint(c) {
			j.t.Errorf("%s: place and crisis give different height messages: %v, %v", j.b.name(), p, c)
		}
		for _, h := range append(append([]int(nil), p...), c...) {
			if h%400 != 0 || h < 100 || h > 8000 {
				j.t.Errorf("%s: height %d is not a multiple of 400 px from 100 to 8000", j.b.name(), h)
			}
		}
		if content["crisis"] <= content["place"] {
			j.t.Errorf("%s: the crisis answer (%d px) is not taller than the place's (%d px): the test tells nothing apart", j.b.name(), content["crisis"], content["place"])
		}
		if len(p) > 0 && p[len(p)-1] < content["crisis"] {
			j.t.Errorf("%s: the last height %d px is below the crisis answer's %d px", j.b.name(), p[len(p)-1], content["crisis"])
		}
	}},
}

func runEmbedJourneys(t *testing.T, b engineDriver) {
	for _, jr := range embedJourneys {
		t.Run(jr.name, func(t *testing.T) {
			s := newSite(t, siteOpts{})
			j := journeyRun{t: t, b: b}
			jr.run(j, s)
			j.must(b.open("about:blank"), "about:blank")
		})
	}
}
