//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cardText is the text of the card named name in element i ("" if none).
func cardText(t *testing.T, tb *tab, i int, name string) string {
	t.Helper()
	return mustEval[string](t, tb, in(i, fmt.Sprintf(`[...r.querySelectorAll('.card')].find(c => c.querySelector('.cn').textContent === %q)?.textContent || ''`, name)))
}

// TestCardKindsAndFacts: a card says what kind of place it is and the
// practical facts its record states, on a 390 px phone, in the element's
// language; a national meeting directory shows up for its topic as meetings
// all over the country. Screenshots of each go to ../testdata/screenshots
// (and to $SHOTS when set).
func TestCardKindsAndFacts(t *testing.T) {
	page := `<selvhjelp-finder></selvhjelp-finder><selvhjelp-finder lang="en"></selvhjelp-finder>`
	s := newSite(t, siteOpts{pages: map[string]string{"/t": page}})
	tb := newTab(t)
	tb.size(t, 390)
	tb.open(t, s.URL+"/t")
	tb.ready(t, 0)
	cases := []struct {
		q, name, shot string
		want          []string
	}{
		{"rus bergen", "LISA-gruppen (Bergen) – støttegrupper ved rusavhengighet og pårørendegruppe", "card-peer-group",
			[]string{"Selvhjelps- eller likepersongruppe", "Når: pårørendegruppe torsdager kl. 18–20", "Slik blir du med: Se nettsiden"}},
		{"sorg horten", "Den norske kirke i Horten – sorggrupper", "card-led-grief-group",
			[]string{"Samtalegruppe med leder", "Når: dagtid mandager kl. 13–15", "Gratis"}},
		{"rus oslo", "Anonyme Alkoholikere (AA) i Norge", "card-national-directory-rus",
			[]string{"Nasjonalt", "Møter over hele landet", "Gratis", "Slik blir du med: Møt opp på et møte"}},
		{"trondheim", "LINK Trondheim", "card-time-age-cost",
			[]string{"Selvhjelpssenter", "Når: ofte ukentlig, ca. 2 timer · Alder 18+ · Gratis"}},
	}
	for _, c := range cases {
		tb.search(t, 0, c.q)
		tb.wait(t, in(0, fmt.Sprintf(`[...r.querySelectorAll('.card .cn')].some(h => h.textContent === %q)`, c.name)), 10*time.Second)
		got := cardText(t, tb, 0, c.name)
		for _, w := range c.want {
			assert.Contains(t, got, w, c.q)
		}
		shot(t, tb, c.name, c.shot+"-390.png")
		assert.Empty(t, axeViolations(t, tb), "axe-core WCAG 2.1 AA violations with the card of %q shown", c.q)
	}
	// The AA card is never a local contact point.
	tb.search(t, 0, "rus oslo")
	tb.wait(t, in(0, `[...r.querySelectorAll('.card .cn')].some(h => h.textContent.startsWith('Anonyme Alkoholikere'))`), 10*time.Second)
	rel := mustEval[string](t, tb, in(0, `[...r.querySelectorAll('.card')].find(c => c.querySelector('.cn').textContent.startsWith('Anonyme Alkoholikere')).dataset.relation`))
	assert.Equal(t, "national", rel)
	// Without its topic, no meeting directory.
	tb.search(t, 0, "oslo")
	tb.wait(t, in(0, `r.querySelector('#rh')?.textContent === 'Kontaktpunkter for Oslo'`), 10*time.Second)
	assert.Empty(t, cardText(t, tb, 0, "Anonyme Alkoholikere (AA) i Norge"))

	// English: the kind and the fixed words in English, the source's words
	// marked as bokmål.
	tb.ready(t, 1)
	tb.search(t, 1, "trondheim")
	tb.wait(t, in(1, `[...r.querySelectorAll('.card .cn')].some(h => h.textContent === 'LINK Trondheim')`), 10*time.Second)
	en := cardText(t, tb, 1, "LINK Trondheim")
	assert.Contains(t, en, "Self-help centre")
	assert.Contains(t, en, "When: ofte ukentlig, ca. 2 timer · Age 18+ · Free")
	assert.True(t, mustEval[bool](t, tb, in(1, `[...r.querySelectorAll('.card .facts span[lang=nb]')].some(s => s.textContent === 'ofte ukentlig, ca. 2 timer')`)),
		"the source's words are marked lang=nb")
}

// axeViolations runs axe-core (WCAG 2.1 A and AA) on the page as it is,
// shadow roots included, and returns what it finds.
func axeViolations(t *testing.T, tb *tab) []map[string]any {
	t.Helper()
	axe, err := os.ReadFile("../node_modules/axe-core/axe.min.js")
	require.NoError(t, err, "run make deps (npm ci in widget/)")
	_, err = chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
	require.NoError(t, err, "inject axe-core")
	violations, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]map[string]any](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)})))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	return violations
}

// shot saves a screenshot with the card named name shown (its group opened).
func shot(t *testing.T, tb *tab, name, file string) {
	t.Helper()
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(0, fmt.Sprintf(`((c) => { if (c.closest('details')) c.closest('details').open = true; c.scrollIntoView({block: 'center'}); })([...r.querySelectorAll('.card')].find(c => c.querySelector('.cn').textContent === %q))`, name))))
	tb.screenshot(t, file)
	if dir := os.Getenv("SHOTS"); dir != "" {
		b, err := os.ReadFile(filepath.Join("../testdata/screenshots", file))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, file), b, 0o644))
	}
}
