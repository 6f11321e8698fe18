//go:build e2e

package e2e

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestCrisisCardLine (issue 18): a crisis written in another language gets,
// in the crisis card, one line in that language from the data (lexicon role
// crisis_card), marked with its lang (and dir="rtl" for Arabic) and, while
// no native speaker has reviewed it, a note in the element's language; the
// element's own language stays the partner's. axe-core finds nothing on the
// card. A Norwegian crisis adds no line, and neither does one in the
// element's own language.
func TestCrisisCardLine(t *testing.T) {
	page := `<selvhjelp-finder></selvhjelp-finder><selvhjelp-finder lang="en"></selvhjelp-finder>`
	s := newSite(t, siteOpts{pages: map[string]string{"/t": page}})
	tb := newTab(t)
	tb.size(t, 390)
	tb.open(t, s.URL+"/t")
	tb.ready(t, 0)
	cases := []struct {
		q, lang, dir, start string
	}{
		{"nie chcę już żyć", "pl", "", "Jeśli życie jest zagrożone"},
		{"لا أريد أن أعيش", "ar", "rtl", "إذا كانت حياة في خطر"},
		{"не хочу жити", "uk", "", "Якщо життя в небезпеці"},
	}
	for _, c := range cases {
		insertSearch(t, tb, 0, c.q)
		tb.wait(t, in(0, `r.querySelector('.crisis .own')`), 10*time.Second)
		type line struct {
			Lang, Dir, Reviewed, Text, Note, Host string
			Before                                bool
		}
		got := mustEval[line](t, tb, in(0, `(() => { const p = r.querySelector('.crisis .own'); return {
			lang: p.getAttribute('lang'), dir: p.getAttribute('dir') || '', reviewed: p.dataset.reviewed, text: p.textContent,
			note: p.nextElementSibling?.classList.contains('for') ? p.nextElementSibling.textContent + '|' + (p.nextElementSibling.closest('[lang]')?.getAttribute('lang') || '') : '',
			host: document.querySelectorAll('selvhjelp-finder')[0].getAttribute('lang') || '',
			before: !!(p.compareDocumentPosition(r.querySelector('.crisis ul')) & Node.DOCUMENT_POSITION_FOLLOWING) }; })()`))
		assert.Equal(t, c.lang, got.Lang, c.q)
		assert.Equal(t, c.dir, got.Dir, c.q)
		assert.Equal(t, "false", got.Reviewed, "%s: every card line awaits a native speaker's review", c.q)
		assert.Contains(t, got.Text, c.start, c.q)
		assert.Contains(t, got.Text, "113", c.q)
		assert.True(t, got.Before, "%s: the line stands before the crisis lines", c.q)
		// The note says it is not reviewed, in the element's language (its
		// nearest lang is the element's, not the line's).
		assert.Contains(t, got.Note, "ikke kontrollert", c.q)
		assert.NotContains(t, got.Note, "|"+c.lang, c.q)
		assert.Equal(t, "", got.Host, "%s: the element's lang is the partner's", c.q)
		assert.Empty(t, axeViolations(t, tb), "axe-core WCAG 2.1 AA violations with the %s crisis line shown", c.lang)
		tb.screenshot(t, "crisis-line-"+c.lang+"-390.png") // to look at
	}
	// Norwegian: the card, no foreign line.
	tb.search(t, 0, "jeg vil ikke leve")
	tb.wait(t, in(0, `r.querySelector('.crisis')`), 10*time.Second)
	assert.False(t, mustEval[bool](t, tb, in(0, `!!r.querySelector('.crisis .own')`)), "no foreign line for a Norwegian crisis")
	// An English crisis in an English element: the element already speaks it.
	tb.ready(t, 1)
	tb.search(t, 1, "i want to die")
	tb.wait(t, in(1, `r.querySelector('.crisis')`), 10*time.Second)
	assert.False(t, mustEval[bool](t, tb, in(1, `!!r.querySelector('.crisis .own')`)), "no line in the element's own language")
	// A Polish crisis in an English element: the line, the note in English.
	insertSearch(t, tb, 1, "nie chcę już żyć")
	tb.wait(t, in(1, `r.querySelector('.crisis .own')`), 10*time.Second)
	assert.Contains(t, mustEval[string](t, tb, in(1, `r.querySelector('.crisis .own + .for').textContent`)), "not yet been checked by a native speaker")
	tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('selvhjelp-finder')[1].scrollIntoView()`))
	assert.Empty(t, axeViolations(t, tb), "axe-core WCAG 2.1 AA violations with the line in an English element")
}

// insertSearch puts q into element i's search box as a keyboard of its
// script (or a paste) does, one text input (chromedp's key events know no
// "ć"), and waits for its answer.
func insertSearch(t *testing.T, tb *tab, i int, q string) {
	t.Helper()
	tb.focus(t, i)
	tb.clear(t, i)
	tb.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: q})
		return err
	}))
	tb.wait(t, in(i, `r.querySelector('.f').dataset.answered === `+strconv.Quote(q)+` && r.querySelector('.res').children.length > 0`), 30*time.Second)
	tb.do(t, chromedp.Evaluate[chromedp.Void](in(i, `r.querySelector('input').blur()`)))
}
