//go:build e2e

package e2e

// Issue 23: a suggestion inside the Shadow DOM is chosen by a real mouse
// click and by a real touch tap (input events from the browser through CDP
// Input.dispatchMouseEvent / dispatchTouchEvent, not element.click()): the
// list must not close on the press before the selection lands, and the
// focus stays in the search box. (Input.synthesizeTapGesture is not used:
// in headless Chromium it sends touchstart/touchend but no click at all,
// even on a plain <h1> of the page.)

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMouseClickAndTouchTapChooseASuggestion(t *testing.T) {
	s := newSite(t, siteOpts{pages: map[string]string{"/t": one}})
	for _, c := range []struct {
		name string
		tap  func(t *testing.T, tb *tab, x, y float64)
	}{
		{"mouse", func(t *testing.T, tb *tab, x, y float64) {
			for _, ty := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMouseMoved, input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
				p := input.DispatchMouseEventParams{Type: ty, X: x, Y: y}
				if ty != input.DispatchMouseEventTypeMouseMoved {
					p.Button, p.Buttons, p.ClickCount = input.MouseButtonLeft, 1, 1
				}
				_, err := chromedp.Call(tb.ctx, input.DispatchMouseEvent, p)
				require.NoError(t, err)
			}
		}},
		{"touch", func(t *testing.T, tb *tab, x, y float64) {
			_, err := chromedp.Call(tb.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}})
			require.NoError(t, err)
			_, err = chromedp.Call(tb.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
			require.NoError(t, err)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			if c.name == "touch" { // a phone: touch events from the first page on
				_, err := chromedp.Call(tb.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1})
				require.NoError(t, err)
			}
			tb.open(t, s.URL+"/t")
			tb.ready(t, 0)
			tb.focus(t, 0)
			tb.typeText(t, "sorg bergen")
			pick := `[...r.querySelectorAll('[role=option]')].find(o => o.textContent.startsWith('Sorg og tap'))`
			tb.wait(t, in(0, pick), 10*time.Second)
			// The option's centre in the page's coordinates (the list is inside the shadow root).
			at := mustEval[[]float64](t, tb, in(0, `(() => { const b = `+pick+`.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`))
			require.Len(t, at, 2)
			c.tap(t, tb, at[0], at[1])
			// Chosen: the box reads the suggestion with the place kept (typing
			// alone left "sorg bergen"), and the answer is the choice's.
			tb.wait(t, in(0, `r.querySelector('input').value === 'Sorg og tap Bergen'`), 10*time.Second)
			tb.wait(t, in(0, `r.querySelector('.f').dataset.answered === '' && r.querySelector('#rh')?.textContent === 'Kontaktpunkter for Bergen, Sorg og tap'`), 10*time.Second)
			assert.True(t, mustEval[bool](t, tb, in(0, `r.activeElement === r.querySelector('input')`)), "the focus stays in the search box")
			assert.Equal(t, "true|false", mustEval[string](t, tb, in(0, `r.querySelector('[role=listbox]').hidden + '|' + r.querySelector('input').getAttribute('aria-expanded')`)), "the list is closed after the choice")
		})
	}
}
