//go:build e2e

package e2e

// Issue 23, third part: what assistive technology is given, and mouse and
// touch inside the Shadow DOM, in Firefox and WebKit (the journeys "a11y:
// ..." and "... touch tap ..." in journeys_test.go), mirroring Chromium's
// TestAccessibilityTree (a11y_test.go) and
// TestMouseClickAndTouchTapChooseASuggestion (pointer_test.go).
//
// Each engine is asked through its own driver what it computes, not what
// the DOM says:
//   - Firefox: WebDriver BiDi browsingContext.locateNodes with an
//     accessibility locator {role, name}. Started from the document it does
//     not reach into the element's open shadow root (Firefox 153 ESR finds no
//     combobox there: see axFromDocument); started from the shadow root
//     (startNodes) it does, and the test starts there. The locator answers
//     "which nodes have this role and exactly this name", so a check is:
//     the element is among the nodes the locator finds.
//   - WebKit: W3C WebDriver classic Get Computed Role and Get Computed Label
//     of an element found in the shadow root (Get Element Shadow Root, Find
//     Element From Shadow Root), which WebKitWebDriver implements.
// Neither driver gives states (expanded, selected, active descendant): those
// are asserted as the ARIA attributes that the engines map, in both.

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Firefox: the accessibility locator from the shadow root.

// nodeID is the BiDi shared id of the node a script expression gives.
func (b *bidi) nodeID(expr string) (string, error) {
	var r struct {
		Type   string `json:"type"`
		Result struct {
			Type     string `json:"type"`
			SharedID string `json:"sharedId"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := b.call("script.evaluate", map[string]any{"expression": expr, "target": map[string]any{"context": b.target()}, "awaitPromise": false, "resultOwnership": "none"}, &r); err != nil {
		return "", err
	}
	if r.Type == "exception" {
		return "", fmt.Errorf("%s: exception: %s", expr, r.ExceptionDetails.Text)
	}
	if r.Result.Type != "node" || r.Result.SharedID == "" {
		return "", fmt.Errorf("%s gave a %s, not a node", expr, r.Result.Type)
	}
	return r.Result.SharedID, nil
}

type bidiNode struct {
	SharedID string `json:"sharedId"`
	Value    struct {
		LocalName  string            `json:"localName"`
		Attributes map[string]string `json:"attributes"`
	} `json:"value"`
}

func (n bidiNode) String() string {
	s := n.Value.LocalName
	if id := n.Value.Attributes["id"]; id != "" {
		s += "#" + id
	}
	if c := n.Value.Attributes["class"]; c != "" {
		s += "." + strings.ReplaceAll(c, " ", ".")
	}
	return s
}

// locate is browsingContext.locateNodes with an accessibility locator,
// from the start nodes given (none: the document).
func (b *bidi) locate(role, name string, start ...string) ([]bidiNode, error) {
	v := map[string]any{"role": role}
	if name != "" {
		v["name"] = name
	}
	p := map[string]any{"context": b.target(), "locator": map[string]any{"type": "accessibility", "value": v}}
	if len(start) > 0 {
		var sn []any
		for _, s := range start {
			sn = append(sn, map[string]any{"sharedId": s})
		}
		p["startNodes"] = sn
	}
	var r struct {
		Nodes []bidiNode `json:"nodes"`
	}
	err := b.call("browsingContext.locateNodes", p, &r)
	return r.Nodes, err
}

const firstRoot = `document.querySelector('selvhjelp-finder')?.shadowRoot`

func (b *bidi) axMatches(css, role, name string) (bool, string, error) {
	root, err := b.nodeID(firstRoot)
	if err != nil {
		return false, "", err
	}
	el, err := b.nodeID(firstRoot + `?.querySelector(` + jsQuote(css) + `)`)
	if err != nil {
		return false, "", err
	}
	found, err := b.locate(role, name, root)
	if err != nil {
		return false, "", err
	}
	for _, n := range found {
		if n.SharedID == el {
			return true, "", nil
		}
	}
	// Say what has the role, whatever its name.
	any, err := b.locate(role, "", root)
	if err != nil {
		return false, "", err
	}
	return false, fmt.Sprintf("Firefox %s: the accessibility locator finds %v with role %s and name %q, %v with role %s and any name", b.version, found, role, name, any, role), nil
}

// axFromDocument: how many nodes of role the accessibility locator finds
// when it starts from the document, not from a shadow root.
func (b *bidi) axFromDocument(role string) (int, error) {
	n, err := b.locate(role, "")
	return len(n), err
}

// WebKit: computed role and label.

const shadowRootKey = "shadow-6066-11e4-a52e-4f735466cecf"

// findInShadow is Find Element From Shadow Root in the first element's shadow root.
func (w *webDriver) findInShadow(css string) (string, error) {
	host, err := w.find("selvhjelp-finder")
	if err != nil {
		return "", err
	}
	var sr map[string]string
	if err := w.do(http.MethodGet, w.s("/element/"+host+"/shadow"), nil, &sr); err != nil {
		return "", err
	}
	var el map[string]string
	if err := w.do(http.MethodPost, w.s("/shadow/"+sr[shadowRootKey]+"/element"), map[string]any{"using": "css selector", "value": css}, &el); err != nil {
		return "", err
	}
	return el[webElementKey], nil
}

func (w *webDriver) axMatches(css, role, name string) (bool, string, error) {
	el, err := w.findInShadow(css)
	if err != nil {
		return false, "", err
	}
	var gotRole, gotLabel string
	if err := w.do(http.MethodGet, w.s("/element/"+el+"/computedrole"), nil, &gotRole); err != nil {
		return false, "", err
	}
	if err := w.do(http.MethodGet, w.s("/element/"+el+"/computedlabel"), nil, &gotLabel); err != nil {
		return false, "", err
	}
	ok := gotRole == role && (name == "" || gotLabel == name)
	return ok, fmt.Sprintf("WebKit %s: computed role %q, label %q", w.version, gotRole, gotLabel), nil
}

// The journeys' checks.

// ax asserts that the engine gives the element css selects role and name.
func (j journeyRun) ax(css, role, name string) {
	j.t.Helper()
	ok, seen, err := j.b.axMatches(css, role, name)
	j.must(err, "accessibility of "+css)
	if !ok {
		j.t.Errorf("%s: %s is not given role %s named %q: %s", j.b.name(), css, role, name, seen)
	}
}

// boxName is the search box's label (texts.js, nb), its accessible name.
const boxName = "Finn selvhjelp nær deg"

// countSaid is what the live region says once an answer has settled: a
// count (texts.js count), after the crisis line's sentence where there is one.
var countSaid = regexp.MustCompile(`^(Hjelpetelefoner står øverst\. )?(\d+ forslag, )?\d+ kontaktpunkt(er)?\.$`)

// liveSays waits until the live region says a count, and asserts that it
// is the engine's status and says none of avoid (the suggestions, the lines).
func (j journeyRun) liveSays(avoid []string) {
	j.t.Helper()
	j.wait(in(0, `new RegExp(`+jsQuote(countSaid.String())+`).test(r.querySelector('[role=status]').textContent)`), 20*time.Second)
	var said string
	j.value(in(0, `r.querySelector('[role=status]').textContent`), &said)
	for _, a := range avoid {
		if a != "" && strings.Contains(said, a) {
			j.t.Errorf("%s: the live region reads out %q: %q", j.b.name(), a, said)
		}
	}
	var live string
	j.value(in(0, `r.querySelector('[role=status]').getAttribute('aria-live') + '|' + r.querySelector('[role=status]').getAttribute('aria-atomic')`), &live)
	if live != "polite|true" {
		j.t.Errorf("%s: the live region is aria-live|aria-atomic %q, want polite|true", j.b.name(), live)
	}
	j.ax("[role=status]", "status", "")
	j.t.Logf("%s: the live region says %q", j.b.name(), said)
}

type optionSeen struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Name  string `json:"name"`
}

// activeIs: the box's active descendant is the option id, which exists in
// the listbox and is the one option selected; the focus stays in the box.
func (j journeyRun) activeIs(id string) {
	j.t.Helper()
	j.wait(in(0, `r.querySelector('input').getAttribute('aria-activedescendant') === `+jsQuote(id)), 5*time.Second)
	var got struct {
		Expanded string   `json:"expanded"`
		InList   bool     `json:"inList"`
		Role     string   `json:"role"`
		Selected []string `json:"selected"`
		Focused  bool     `json:"focused"`
	}
	j.value(in(0, `(() => { const i = r.querySelector('input'), o = r.getElementById(i.getAttribute('aria-activedescendant'));
  return {expanded: i.getAttribute('aria-expanded'), inList: !!o && o.parentElement === r.getElementById(i.getAttribute('aria-controls')),
    role: o?.getAttribute('role'), selected: [...r.querySelectorAll('[role=option][aria-selected=true]')].map((x) => x.id), focused: r.activeElement === i}; })()`), &got)
	if got.Expanded != "true" || !got.InList || got.Role != "option" || len(got.Selected) != 1 || got.Selected[0] != id || !got.Focused {
		j.t.Errorf("%s: active descendant %s: aria-expanded %q, in the controlled listbox %v, role %q, selected %q (want only it), focus in the box %v",
			j.b.name(), id, got.Expanded, got.InList, got.Role, got.Selected, got.Focused)
	}
}

// a11yCombobox: a whole search as assistive technology is given it (TestAccessibilityTree).
func a11yCombobox(j journeyRun) {
	if d, ok := j.b.(interface{ axFromDocument(string) (int, error) }); ok {
		n, err := d.axFromDocument("combobox")
		j.must(err, "locateNodes from the document")
		j.t.Logf("%s: locateNodes from the document finds %d combobox(es); from the shadow root, the element's", j.b.name(), n)
	}
	j.ax("input", "combobox", boxName)
	var expanded string
	j.value(in(0, `r.querySelector('input').getAttribute('aria-expanded')`), &expanded)
	if expanded != "false" {
		j.t.Errorf("%s: aria-expanded %q before typing, want false", j.b.name(), expanded)
	}

	first := j.pickFirstReady()
	j.ax("input", "combobox", boxName)
	j.ax("[role=listbox]", "listbox", "Forslag")
	// Each option is named by what it shows: the suggestion, its kind and
	// where it is (the spans read as words).
	var opts []optionSeen
	j.value(in(0, `[...r.querySelectorAll('[role=option]')].map((o) => ({id: o.id, label: o.firstElementChild.textContent, name: [...o.children].map((c) => c.textContent).join(' ')}))`), &opts)
	if len(opts) < 2 {
		j.t.Fatalf("%s: %d options for bergn", j.b.name(), len(opts))
	}
	var labels []string
	for _, o := range opts {
		if o.ID == "" || !strings.HasPrefix(o.Name, o.Label+" ") {
			j.t.Errorf("%s: option %+v has no id or a name that does not start with its suggestion", j.b.name(), o)
			continue
		}
		j.ax("#"+o.ID, "option", o.Name)
		labels = append(labels, o.Label)
	}

	j.must(j.b.keys(keyArrowDown), "ArrowDown")
	j.activeIs(opts[0].ID)
	j.must(j.b.keys(keyArrowDown), "ArrowDown")
	j.activeIs(opts[1].ID)
	j.must(j.b.keys("\uE013"), "ArrowUp") // back to the first
	j.activeIs(opts[0].ID)

	j.must(j.b.keys(keyEnter), "Enter")
	j.chosen(first)
	var after struct {
		Expanded string `json:"expanded"`
		Active   bool   `json:"active"`
	}
	j.value(in(0, `({expanded: r.querySelector('input').getAttribute('aria-expanded'), active: r.querySelector('input').hasAttribute('aria-activedescendant')})`), &after)
	if after.Expanded != "false" || after.Active {
		j.t.Errorf("%s: after the choice aria-expanded %q and an active descendant %v, want false and none", j.b.name(), after.Expanded, after.Active)
	}
	j.liveSays(labels)
	// The answer is a region named by its heading.
	var heading string
	j.value(in(0, `r.querySelector('#rh').textContent`), &heading)
	j.ax(".res", "region", heading)
	j.ax("#rh", "heading", heading)
}

// a11yCrisis: the crisis card is a region named by its heading, with the
// helplines shown (not those in the closed <details>, hidden until it is
// opened: Firefox's locator does not find them) as links named by the
// number, and a chat link.
func a11yCrisis(j journeyRun) {
	j.typeIn("vil ikke leve")
	j.wait(in(0, `r.querySelector('.f').dataset.answered === 'vil ikke leve' && r.querySelector('.res').firstElementChild?.classList.contains('crisis')`), 60*time.Second)
	var card struct {
		Heading string   `json:"heading"`
		Tel     []string `json:"tel"`
		Names   []string `json:"names"`
		Chat    string   `json:"chat"`
	}
	j.value(in(0, `(() => { const c = r.querySelector('.crisis');
  return {heading: c.querySelector('#ch')?.textContent, tel: [...c.querySelectorAll(':scope > ul a.num')].map((a) => a.getAttribute('href')),
    names: [...c.querySelectorAll('li strong')].map((s) => s.textContent), chat: c.querySelector(':scope > ul a:not(.num)')?.textContent ?? ''}; })()`), &card)
	if card.Heading == "" || len(card.Tel) == 0 {
		j.t.Fatalf("%s: the crisis card has no heading #ch or no number: %+v", j.b.name(), card)
	}
	j.ax(".crisis", "region", card.Heading)
	j.ax(".crisis #ch", "heading", card.Heading)
	var links []string
	for _, href := range card.Tel {
		sel := `.crisis > ul a.num[href=` + jsQuote(href) + `]`
		var text string
		j.value(in(0, `r.querySelector(`+jsQuote(sel)+`).textContent`), &text)
		j.ax(sel, "link", text)
		links = append(links, text)
	}
	j.t.Logf("%s: the crisis card %q, links %q and %q", j.b.name(), card.Heading, links, card.Chat)
	if card.Chat != "" {
		j.ax(".crisis > ul a:not(.num)", "link", card.Chat)
	}
	j.liveSays(card.Names)
}

// pointerLog records, on the host page, every pointer, touch and click
// event as type:pointerType:the option it landed in (its id, through the
// open shadow root), so that a journey knows what the engine delivered.
const pointerLog = `(window.__pointer = [], ['pointerdown', 'pointerup', 'touchstart', 'touchend', 'mousedown', 'click'].forEach((ty) =>
  addEventListener(ty, (e) => __pointer.push(ty + ':' + (e.pointerType ?? '') + ':' + (e.composedPath()[0].closest?.('[role=option]')?.id ?? '')), true)), true)`

// pickBy types "sorg bergen", presses (how: clickAt or tapAt) the centre of
// the option Sorg og tap inside the shadow root and asserts that it was
// chosen: the box reads the suggestion with the place kept, the list is
// closed, the answer is the choice's and the focus stays in the box. It
// returns the events the page got and the option's id.
func (j journeyRun) pickBy(how func(x, y int) error) ([]string, string) {
	j.t.Helper()
	j.must(j.b.focus(0), "focus")
	j.wait(in(0, `r.querySelector('.f').dataset.complete === 'true'`), 60*time.Second)
	j.typeIn("sorg bergen")
	pick := `[...r.querySelectorAll('[role=option]')].find((o) => o.textContent.startsWith('Sorg og tap'))`
	j.wait(in(0, `r.querySelector('.f').dataset.answered === 'sorg bergen' && !r.querySelector('[role=listbox]').hidden && `+pick), 20*time.Second)
	var id string
	j.value(in(0, pick+`.id`), &id)
	var at []float64
	j.value(in(0, `(() => { const b = `+pick+`.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`), &at)
	if len(at) != 2 {
		j.t.Fatalf("%s: no position of the option: %v", j.b.name(), at)
	}
	var logging bool
	j.value(pointerLog, &logging)
	j.must(how(int(at[0]), int(at[1])), "press the option")
	j.wait(in(0, `r.querySelector('input').value === 'Sorg og tap Bergen' && r.querySelector('input').getAttribute('aria-expanded') === 'false' && r.querySelector('[role=listbox]').hidden`), 10*time.Second)
	j.wait(in(0, `r.querySelector('.f').dataset.answered === '' && r.querySelector('#rh')?.textContent === 'Kontaktpunkter for Bergen, Sorg og tap' && r.querySelectorAll('.card').length > 0`), 10*time.Second)
	var focused bool
	j.value(in(0, `r.activeElement === r.querySelector('input')`), &focused)
	if !focused {
		j.t.Errorf("%s: the focus left the search box", j.b.name())
	}
	var events []string
	j.value(`window.__pointer`, &events)
	j.t.Logf("%s: events %q", j.b.name(), events)
	if !contains(events, "click:") || !strings.HasSuffix(events[len(events)-1], ":"+id) {
		j.t.Errorf("%s: the press did not end in a click on the option %s: %q", j.b.name(), id, events)
	}
	return events, id
}

// webKitTouchIsMouse pins what WebKitGTK's driver does with a touch source:
// /actions with pointerType "touch" answers 200 with no error, and MiniBrowser
// gets a mouse (pointerdown, pointerup and click with pointerType "mouse",
// no touchstart), seen with WebKitWebDriver 2.50.6.
const webKitTouchIsMouse = "WebKitWebDriver %s accepts a pointer source of pointerType \"touch\" without an error but delivers a mouse (events %q): no touch to test; the mouse journey covers the click"

func touchSorg(j journeyRun) {
	events, id := j.pickBy(j.b.tapAt)
	joined := strings.Join(events, " ")
	if w, ok := j.b.(*webDriver); ok && strings.Contains(joined, "pointerdown:mouse:") && !strings.Contains(joined, "touchstart") {
		j.t.Skipf(webKitTouchIsMouse, w.version, events)
	}
	if !contains(events, "pointerdown:touch:"+id) || !contains(events, "touchstart::"+id) || !contains(events, "click:touch:"+id) {
		j.t.Errorf("%s: not a touch on an option (want pointerdown and click of pointerType touch and a touchstart): %q", j.b.name(), events)
	}
}
