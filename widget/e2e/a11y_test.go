//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// axTree is Chromium's accessibility tree of the page: what a screen
// reader is given, Shadow DOM included.
type axTree struct {
	nodes map[accessibility.NodeID]*accessibility.Node
	all   []*accessibility.Node
}

func (tb *tab) axTree(t *testing.T) axTree {
	t.Helper()
	res, err := chromedp.Call(tb.ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	require.NoError(t, err)
	tr := axTree{nodes: map[accessibility.NodeID]*accessibility.Node{}, all: res.Nodes}
	for _, n := range res.Nodes {
		tr.nodes[n.NodeID] = n
	}
	return tr
}

// axUntil polls the accessibility tree until ok holds of it, and returns
// it: Chromium updates the tree after the DOM, not with it.
func (tb *tab) axUntil(t *testing.T, what string, ok func(axTree) bool) axTree {
	t.Helper()
	deadline := time.Now().Add(axWait)
	for {
		tr := tb.axTree(t)
		if ok(tr) {
			return tr
		}
		if time.Now().After(deadline) {
			require.Failf(t, "accessibility tree", "waited %s for %s", axWait, what)
		}
		tb.do(t, chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))`, chromedp.EvalAwaitPromise))
	}
}

// axWait bounds how long axUntil waits for the tree to change.
const axWait = 10 * time.Second

// combobox is the tree's one combobox, or nil.
func (tr axTree) combobox() *accessibility.Node {
	if b := tr.byRole("combobox"); len(b) == 1 {
		return b[0]
	}
	return nil
}

// axString is a computed value as text ("combobox", "Finn selvhjelp nær deg").
func axString(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var x any
	if err := json.Unmarshal(v.Value, &x); err != nil {
		return string(v.Value)
	}
	return fmt.Sprint(x)
}

// byRole lists the nodes of role that are not ignored.
func (tr axTree) byRole(role string) []*accessibility.Node {
	var out []*accessibility.Node
	for _, n := range tr.all {
		if !n.Ignored && axString(n.Role) == role {
			out = append(out, n)
		}
	}
	return out
}

// prop is a node's property (expanded, selected, activedescendant).
func prop(n *accessibility.Node, name accessibility.PropertyName) *accessibility.Value {
	for _, p := range n.Properties {
		if p.Name == name {
			return p.Value
		}
	}
	return nil
}

// text is what a screen reader reads inside n: the static texts that are
// not ignored, in order (ignored wrappers are passed through).
func (tr axTree) text(n *accessibility.Node) string {
	if n == nil {
		return ""
	}
	if axString(n.Role) == "StaticText" {
		if n.Ignored {
			return ""
		}
		return axString(n.Name)
	}
	var b strings.Builder
	for _, id := range n.ChildIDs {
		b.WriteString(tr.text(tr.nodes[id]))
	}
	return b.String()
}

// TestAccessibilityTree (issue 23): what a screen reader is given through a
// whole search. The box is a combobox named by its label, collapsed until
// there are suggestions; the listbox's options carry the suggestions' names;
// the arrow key makes an option the combobox's active descendant, selected;
// choosing it collapses the box, and the live region then says a count,
// not the list.
func TestAccessibilityTree(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": one}})
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.wait(t, in(0, `r.querySelector('input')`), 10*time.Second)

	box := tb.axUntil(t, "one combobox", func(tr axTree) bool { return tr.combobox() != nil }).combobox()
	assert.Equal(t, "Finn selvhjelp nær deg", axString(box.Name))
	assert.Equal(t, "false", axString(prop(box, accessibility.PropertyNameExpanded)), "collapsed before typing")

	tb.focus(t, 0)
	tb.typeText(t, "berg")
	tb.wait(t, in(0, `r.querySelectorAll('[role=option]').length > 1 && /forslag/.test(r.querySelector('[role=status]').textContent)`), 30*time.Second)
	// The list may still change as the last keys are read: compare the
	// tree with the options shown at the same moment.
	var labels []string
	tr := tb.axUntil(t, "the options in the tree", func(tr axTree) bool {
		labels = optionLabels(t, tb, 0)
		return tr.combobox() != nil && len(tr.byRole("option")) == len(labels)
	})
	box = tr.combobox()
	assert.Equal(t, "true", axString(prop(box, accessibility.PropertyNameExpanded)), "expanded with suggestions")
	lists := tr.byRole("listbox")
	require.Len(t, lists, 1)
	assert.Equal(t, "Forslag", axString(lists[0].Name))
	opts := tr.byRole("option")
	require.Len(t, opts, len(labels), "every suggestion is an option")
	for i, o := range opts {
		assert.Contains(t, axString(o.Name), labels[i], "option %d is named by its suggestion", i)
	}

	tb.do(t, chromedp.KeyEvent(kb.ArrowDown))
	tb.wait(t, in(0, `r.querySelector('input').getAttribute('aria-activedescendant')`), 5*time.Second)
	tr = tb.axUntil(t, "the active descendant", func(tr axTree) bool {
		return tr.combobox() != nil && prop(tr.combobox(), accessibility.PropertyNameActivedescendant) != nil
	})
	box = tr.combobox()
	active := prop(box, accessibility.PropertyNameActivedescendant)
	require.Len(t, active.RelatedNodes, 1)
	first := tr.byRole("option")[0]
	assert.Equal(t, first.BackendDOMNodeID, active.RelatedNodes[0].BackendDOMNodeID, "the first option is active")
	assert.Equal(t, "true", axString(prop(first, accessibility.PropertyNameSelected)))
	focused := prop(box, accessibility.PropertyNameFocused)
	assert.Equal(t, "true", axString(focused), "the focus stays in the box")

	tb.do(t, chromedp.KeyEvent(kb.Enter))
	tb.wait(t, in(0, `r.querySelector('#rh') && /kontaktpunkt/.test(r.querySelector('[role=status]').textContent)`), 30*time.Second)
	live := func(tr axTree) *accessibility.Node {
		for _, n := range tr.byRole("status") {
			if axString(prop(n, accessibility.PropertyNameLive)) == "polite" {
				return n
			}
		}
		return nil
	}
	tr = tb.axUntil(t, "the count in the live region", func(tr axTree) bool {
		return tr.combobox() != nil && live(tr) != nil && strings.Contains(tr.text(live(tr)), "kontaktpunkt") &&
			axString(prop(tr.combobox(), accessibility.PropertyNameExpanded)) == "false"
	})
	said := tr.text(live(tr))
	assert.Regexp(t, regexp.MustCompile(`^(\d+ forslag, )?\d+ kontaktpunkt(er)?\.$`), said, "the live region says a count")
	assert.NotContains(t, said, labels[0], "not the list")
	// The answer is a region named by its heading, with the cards as a list.
	var answer *accessibility.Node
	for _, n := range tr.byRole("region") {
		if strings.HasPrefix(axString(n.Name), "Kontaktpunkter for") {
			answer = n
		}
	}
	require.NotNil(t, answer, "the answer is a region named by its heading")
	assert.NotEmpty(t, tr.byRole("list"), "the cards are a list")
}
