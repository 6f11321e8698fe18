package search_test

import (
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/search/adversarial"
)

// BenchmarkAdversarial times each crafted shape (a sub-benchmark each, so
// one can be profiled: -bench 'Adversarial/distinct-places') and logs the
// slowest: the budget is ≤ 1 ms natively for any input the worker
// accepts.
func BenchmarkAdversarial(b *testing.B) {
	e := newEngine(b)
	shapes := adversarial.Shapes(e)
	names := make([]string, 0, len(shapes))
	for k := range shapes {
		names = append(names, k)
	}
	sort.Strings(names)
	times := map[string]time.Duration{}
	for _, name := range names {
		q := shapes[name]
		b.Run(name, func(b *testing.B) {
			var total time.Duration
			for range b.N {
				t0 := time.Now()
				e.Search(q, search.Options{})
				total += time.Since(t0)
			}
			times[name] = total / time.Duration(b.N)
		})
	}
	worst := ""
	for _, name := range names {
		if worst == "" || times[name] > times[worst] {
			worst = name
		}
	}
	if worst != "" {
		b.Logf("slowest adversarial shape: %s, %.0f µs per query", worst, float64(times[worst].Nanoseconds())/1e3)
	}
}

// TestAdversarialShapesAreAnswered: every crafted shape is read to the end
// and answered within the contract (no panic, no runaway output).
func TestAdversarialShapesAreAnswered(t *testing.T) {
	e := newEngine(t)
	for name, q := range adversarial.Shapes(e) {
		r := e.Search(q, search.Options{})
		require.LessOrEqual(t, utf8.RuneCountInString(q), search.MaxQueryRunes, "%s: longer than the worker accepts", name)
		if r.Suggestions == nil || r.Results == nil || utf8.RuneCountInString(r.Query) > search.MaxQueryRunes {
			t.Errorf("%s: answer outside the contract: %d runes read, suggestions nil %v, results nil %v",
				name, utf8.RuneCountInString(r.Query), r.Suggestions == nil, r.Results == nil)
		}
	}
}

// TestBoundedWorkKeepsTheReading: the bounds on work per query (a lookup's
// matches carried by at most a few spans, a bound on typo lookups) never
// lose a place named exactly, after any crafted shape, nor one named over
// and over.
func TestBoundedWorkKeepsTheReading(t *testing.T) {
	e := newEngine(t)
	const tail = " bor i Bergen"
	for name, q := range adversarial.Shapes(e) {
		r := []rune(q)
		q = string(r[:min(len(r), search.MaxQueryRunes-utf8.RuneCountInString(tail))]) + tail
		resp := e.Search(q, search.Options{})
		if assert.NotNil(t, resp.Place, "%s then %q: no place", name, tail) {
			assert.Equal(t, "4601", resp.Place.Municipality, "%s then %q", name, tail)
		}
	}
	resp := e.Search(strings.Repeat("trondheim ", 90), search.Options{})
	if assert.NotNil(t, resp.Place, "a name said 90 times") {
		assert.Equal(t, "5001", resp.Place.Municipality)
	}
}
