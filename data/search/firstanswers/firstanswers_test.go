package firstanswers

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

func fixture(t *testing.T) (*search.Engine, []string) {
	t.Helper()
	d, err := store.LoadDir("../../testdata/small")
	require.NoError(t, err)
	eng, err := search.New(d)
	require.NoError(t, err)
	return eng, Keys(d)
}

// same compares suggestions as the element sees them: a missing highlight
// and an empty one are both "nothing marked".
func same(t *testing.T, want, got []search.Suggestion, q string) {
	t.Helper()
	norm := func(ss []search.Suggestion) []search.Suggestion {
		out := make([]search.Suggestion, len(ss))
		for i, s := range ss {
			if len(s.Highlight) == 0 {
				s.Highlight = nil
			}
			out[i] = s
		}
		return out
	}
	assert.Equal(t, norm(want), norm(got), "suggestions for %q", q)
}

func TestKeysAreBeginningsAndWholeWordsOfNames(t *testing.T) {
	_, keys := fixture(t)
	for _, k := range []string{"b", "be", "ber", "berg", "bergen", "bjørnafjorden", "bj", "bjø", "tr", "troms", "tromsø", "ang", "angst", "sorg", "midh", "midhordland", "sandviken"} {
		assert.Contains(t, keys, k)
	}
	for _, k := range []string{"berge", "bjørn", "midho", "sandv"} { // beyond MaxPrefix, not whole words
		assert.NotContains(t, keys, k)
	}
	for _, k := range keys {
		assert.Equal(t, Fold(k), k, "keys are folded")
		assert.NotRegexp(t, `[0-9 ]`, k, "no digits, one word")
	}
	assert.IsNonDecreasing(t, keys)
}

// The table answers exactly what the engine answers, for every key and for
// the form with a capital first letter, which the element folds to it.
func TestTableIsTheEnginesAnswers(t *testing.T) {
	eng, keys := fixture(t)
	table, err := Build(eng, keys)
	require.NoError(t, err)
	require.NotEmpty(t, table.Queries)
	opts := search.Options{Limit: Limit}
	for _, k := range keys {
		got, ok := lookup(table, k)
		want := eng.Search(k, opts).Suggestions
		if !ok {
			continue
		}
		same(t, want, got, k)
		for _, v := range Variants(k) {
			got, ok := lookup(table, v)
			require.True(t, ok, "%q folds to %q", v, k)
			same(t, eng.Search(v, opts).Suggestions, got, v)
		}
	}
	require.Contains(t, table.Queries, "bergen")
	for _, q := range []string{"bergen sorg", "BERGEN", "bergen ", " bergen", "BeRgen"} {
		_, ok := lookup(table, q)
		assert.False(t, ok, "%q waits for the engine", q)
	}
}

// A key the engine answers with nothing is left out (the element then
// waits for the module, as without the table).
func TestKeysWithoutSuggestionsAreLeftOut(t *testing.T) {
	eng, _ := fixture(t)
	table, err := Build(eng, []string{"bergen", "qqqq"})
	require.NoError(t, err)
	assert.Contains(t, table.Queries, "bergen")
	assert.NotContains(t, table.Queries, "qqqq")
	_, err = Build(eng, []string{"Bergen"})
	assert.ErrorContains(t, err, `key "Bergen" is not folded`)
}

// The file holds each suggestion once and refers to it by index.
func TestJSONSharesSuggestions(t *testing.T) {
	eng, keys := fixture(t)
	table, err := Build(eng, keys)
	require.NoError(t, err)
	b, err := table.JSON()
	require.NoError(t, err)
	var back Table
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, table, &back)
	seen := map[[4]string]bool{}
	for _, s := range back.Suggestions {
		assert.False(t, seen[s], "%v twice", s)
		seen[s] = true
	}
	again, err := Build(eng, keys)
	require.NoError(t, err)
	b2, err := again.JSON()
	require.NoError(t, err)
	assert.Equal(t, b, b2, "the same data makes the same bytes")
}

// lookup gives the suggestions the table holds for q, as the engine gave
// them, and whether it holds any: what the element's lookup
// (widget/finder/first-answers.js) does, in Go.
func lookup(t *Table, q string) ([]search.Suggestion, bool) {
	k := Fold(q)
	rows, ok := t.Queries[k]
	if k == "" || !ok {
		return nil, false
	}
	out := make([]search.Suggestion, 0, len(rows))
	for _, r := range rows {
		s := t.Suggestions[r[0]]
		var hl [][2]int
		for i := 1; i+1 < len(r); i += 2 {
			hl = append(hl, [2]int{r[i], r[i+1]})
		}
		out = append(out, search.Suggestion{Kind: s[0], ID: s[1], Label: s[2], Detail: s[3], Highlight: hl})
	}
	return out, true
}
