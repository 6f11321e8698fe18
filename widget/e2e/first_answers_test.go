//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listsJS types each query of qs into the first element's box and gives the
// suggestion list's HTML for each: at once when the element answers from
// its first answers (before the module), else when it has listed that
// query's answer (data-listed).
const listsJS = `(async (qs, wait) => {
  const r = document.querySelector('selvhjelp-finder').shadowRoot, input = r.querySelector('input'), box = r.querySelector('.f');
  const out = {};
  for (const q of qs) {
    input.value = q;
    input.dispatchEvent(new Event('input'));
    if (wait) await new Promise((res, rej) => {
      if (box.dataset.listed === q) return res();
      const t = setTimeout(() => rej(new Error('no answer for ' + q)), 5000);
      const mo = new MutationObserver(() => { if (box.dataset.listed === q) { mo.disconnect(); clearTimeout(t); res(); } });
      mo.observe(box, {attributes: true, attributeFilter: ['data-listed']});
    });
    out[q] = r.querySelector('[role=listbox]').innerHTML;
  }
  return out;
})`

// firstAnswerKeys are the queries the built first answers hold.
func firstAnswerKeys(t *testing.T) []string {
	t.Helper()
	m := readManifest(t)
	b, err := os.ReadFile(filepath.Join(publicDir, filepath.FromSlash(m.Files["first-answers.json"].Path)))
	require.NoError(t, err)
	var table struct {
		Q map[string]json.RawMessage `json:"q"`
	}
	require.NoError(t, json.Unmarshal(b, &table))
	keys := make([]string, 0, len(table.Q))
	for k := range table.Q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestFirstAnswersAreTheEngines (issue 23): while the module loads, the
// element shows the first answers; for every query they hold (a few
// thousand beginnings of names, and some with a capital first letter), the
// list it shows is the very list it shows once the module answers.
func TestFirstAnswersAreTheEngines(t *testing.T) {
	keys := firstAnswerKeys(t)
	require.Greater(t, len(keys), 1000)
	qs := append([]string(nil), keys...)
	for i := 0; i < len(keys); i += 7 { // some as a phone or a paste writes them
		rs := []rune(keys[i])
		qs = append(qs, strings.ToUpper(string(rs[0]))+string(rs[1:]))
	}
	lists := func(o siteOpts, wait bool) map[string]string {
		o.pages = map[string]string{"/t": `<selvhjelp-finder></selvhjelp-finder>`}
		s := newSite(t, o)
		tb := newTab(t)
		tb.open(t, s.URL+"/t")
		tb.wait(t, `customElements.get('selvhjelp-finder') !== undefined`, 10*time.Second)
		tb.focus(t, 0)
		if wait {
			tb.ready(t, 0)
			tb.focus(t, 0)
		}
		tb.typeText(t, "b")
		tb.wait(t, in(0, `r.querySelectorAll('[role=option]').length > 0`), 20*time.Second)
		out, err := chromedp.Run(tb.ctx, chromedp.Evaluate[map[string]string](listsJS+`(`+jsonOf(qs)+`, `+jsonOf(wait)+`)`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		state := mustEval[string](t, tb, in(0, `r.querySelector('.f').dataset.state`))
		if wait {
			require.Equal(t, "local", state, "the module answered")
		} else {
			require.Equal(t, "loading", state, "the first answers answered, the module never came")
		}
		return out
	}
	// The module never arrives: only the first answers can answer.
	early := lists(siteOpts{hang: func(p string) bool { return strings.HasSuffix(p, ".wasm") }}, false)
	// The module answers; without the postcodes, as at its start (the first
	// answers are made from the core parts, as the module reads them first).
	engine := lists(siteOpts{hang: func(p string) bool { return strings.Contains(p, "/postcodes.") }}, true)
	differ := 0
	for _, q := range qs {
		_, ok := early[q]
		require.True(t, ok, "%q typed", q)
		assert.NotEmpty(t, early[q], "%q: the first answers hold suggestions", q)
		if !assert.Equal(t, engine[q], early[q], "%q: the list before the module and the module's", q) {
			if differ++; differ > 5 {
				t.Fatal("more lists differ")
			}
		}
	}
}

// TestChoosingBeforeTheModule: a suggestion from the first answers chosen
// with the keyboard before the module has loaded is answered when it has:
// the box keeps the choice and the place's cards come.
func TestChoosingBeforeTheModule(t *testing.T) {
	gate := make(chan struct{})
	s := newSite(t, siteOpts{
		pages: map[string]string{"/t": `<selvhjelp-finder></selvhjelp-finder>`},
		wrap: func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
			if strings.HasSuffix(r.URL.Path, ".wasm") {
				<-gate
			}
			return false
		},
	})
	released := false
	release := func() {
		if !released {
			released = true
			close(gate)
		}
	}
	t.Cleanup(release)
	tb := newTab(t)
	tb.open(t, s.URL+"/t")
	tb.wait(t, `customElements.get('selvhjelp-finder') !== undefined`, 10*time.Second)
	tb.focus(t, 0)
	tb.typeText(t, "Bergen")
	tb.wait(t, in(0, `r.querySelectorAll('[role=option]').length > 0`), 10*time.Second)
	require.Equal(t, "loading", mustEval[string](t, tb, in(0, `r.querySelector('.f').dataset.state`)), "the module is held back")
	labels := optionLabels(t, tb, 0)
	require.Equal(t, "Bergen", labels[0])
	tb.size(t, 390)
	tb.screenshot(t, "first-answers-loading-390.png") // to look at: the suggestions before the module
	tb.do(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	assert.Equal(t, "Bergen", mustEval[string](t, tb, in(0, `r.querySelector('input').value`)))
	assert.True(t, mustEval[bool](t, tb, in(0, `r.querySelector('[role=listbox]').hidden`)), "the list closes on the choice")
	assert.Equal(t, "Laster søket …", mustEval[string](t, tb, in(0, `r.querySelector('[role=status]').textContent`)))
	assert.Zero(t, mustEval[int](t, tb, in(0, `r.querySelectorAll('.card').length`)), "no cards before the module")
	release()
	tb.wait(t, in(0, `r.querySelector('.f').dataset.state === 'local' && r.querySelectorAll('.card').length > 0`), 30*time.Second)
	assert.Contains(t, mustEval[string](t, tb, in(0, `r.querySelector('.res').textContent`)), "Bergen")
	assert.Equal(t, "Bergen", mustEval[string](t, tb, in(0, `r.querySelector('input').value`)), "the choice stands")
	assert.True(t, mustEval[bool](t, tb, in(0, `r.querySelector('[role=listbox]').hidden`)), "the list stays closed")
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestTamperedFirstAnswersNeverShow: first answers that are not the ones
// the build wrote (a place renamed) are refused by their SHA-384, and the
// element waits for the module; the same bytes signed as a build would
// sign them do show (the control).
func TestTamperedFirstAnswersNeverShow(t *testing.T) {
	m := readManifest(t)
	b := builtFile(t, m, "first-answers.json")
	require.Contains(t, string(b), `"Bergen"`)
	tampered := []byte(strings.ReplaceAll(string(b), `"Bergen"`, `"Tuklet"`))
	for _, signed := range []bool{false, true} {
		s := newSite(t, siteOpts{
			pages:    map[string]string{"/t": `<selvhjelp-finder></selvhjelp-finder>`},
			replace:  map[string][]byte{"first-answers.json": tampered},
			unsigned: !signed,
			hang:     func(p string) bool { return !signed && strings.HasSuffix(p, ".wasm") },
		})
		tb := newTab(t)
		tb.open(t, s.URL+"/t")
		tb.wait(t, `customElements.get('selvhjelp-finder') !== undefined`, 10*time.Second)
		tb.focus(t, 0)
		tb.typeText(t, "bergen")
		if signed {
			tb.wait(t, in(0, `[...r.querySelectorAll('[role=option]')].some(o => o.textContent.includes('Tuklet'))`), 20*time.Second)
			continue
		}
		// The module never comes: once the element has given up the file,
		// nothing was drawn from it.
		tb.wait(t, `performance.getEntriesByName('selvhjelp-finder:first-answers-failed').length > 0`, 10*time.Second)
		assert.Empty(t, mustEval[[]any](t, tb, `performance.getEntriesByName('selvhjelp-finder:first-answers')`))
		assert.Equal(t, "Laster søket …", mustEval[string](t, tb, in(0, `r.querySelector('[role=status]').textContent`)))
		assert.Zero(t, mustEval[int](t, tb, in(0, `r.querySelectorAll('[role=option]').length`)), "nothing from a refused file")
		assert.Equal(t, "loading", mustEval[string](t, tb, in(0, `r.querySelector('.f').dataset.state`)))
	}
}
