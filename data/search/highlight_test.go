package search

import (
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// findSuggestion returns the first suggestion with this label.
func findSuggestion(r Response, label string) *Suggestion {
	for i := range r.Suggestions {
		if r.Suggestions[i].Label == label {
			return &r.Suggestions[i]
		}
	}
	return nil
}

func TestHighlightRealLabels(t *testing.T) {
	e := engine(t)
	tests := []struct {
		q, label string
		want     [][2]int
	}{
		{"karasjohka", "Kárášjohka", [][2]int{{0, 10}}},
		{"karas", "Kárášjohka", [][2]int{{0, 5}}},
		{"porsangu", "Porsángu", [][2]int{{0, 8}}},
		{"guovda", "Guovdageaidnu", [][2]int{{0, 6}}},
		{"sor var", "Sør-Varanger", [][2]int{{0, 3}, {4, 7}}},
		{"sorvar", "Sør-Varanger", [][2]int{{0, 3}, {4, 7}}},
		{"baer", "Bærum", [][2]int{{0, 3}}},     // "ae" typed for æ: both letters stand on æ
		{"aale", "Ålesund", [][2]int{{0, 3}}},   // "aa" typed for å
		{"tromsoe", "Tromsø", [][2]int{{0, 6}}}, // "oe" typed for ø
		{"mo i r", "Mo i Rana", [][2]int{{0, 2}, {3, 4}, {5, 6}}},
		{"snaase", "Snåase", [][2]int{{0, 6}}},
		{"evenassi", "Evenášši", [][2]int{{0, 8}}},
		{"5003", "5003 Bergen", [][2]int{{0, 4}}},
		{"50", "5003 Bergen", [][2]int{{0, 2}}},
		{"kristiansnd", "Kristiansand", [][2]int{{0, 9}, {10, 12}}}, // a left-out letter lights the letters typed
		{"bergn", "Bergen", [][2]int{{0, 4}, {5, 6}}},
		{"trondhiem", "Trondheim", [][2]int{{0, 9}}}, // swapped letters light the name they matched
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := e.Search(tt.q, Options{Limit: 20})
			s := findSuggestion(r, tt.label)
			require.NotNil(t, s, "no suggestion %q for %q", tt.label, tt.q)
			assert.Equal(t, tt.want, s.Highlight)
		})
	}
}

// tinyDataset has labels that the real data lacks: Kartverket's "Porsáŋgu",
// an emoji outside the BMP, Sami letters throughout.
func tinyDataset() *dataset.Dataset {
	return &dataset.Dataset{
		Counties: []dataset.County{{Number: "56", Name: "Finnmark"}, {Number: "46", Name: "Vestland"}},
		Municipalities: []dataset.Municipality{
			{Number: "5622", Name: "Porsanger", County: "56", Population: 3800, Lat: 70.05, Lon: 24.95,
				Names: []dataset.Name{{Name: "Porsanger", Language: "nb"}, {Name: "Porsáŋgu", Language: "se"}}},
			{Number: "5610", Name: "Karasjok", County: "56", Population: 2600, Lat: 69.47, Lon: 25.51,
				Names: []dataset.Name{{Name: "Kárášjohka", Language: "se"}}},
			{Number: "4601", Name: "Bergen", County: "46", Population: 291000, Lat: 60.39, Lon: 5.32},
			{Number: "4699", Name: "Ærøy 😀 Åsen", County: "46", Population: 10, Lat: 60, Lon: 5},
		},
		Topics: []dataset.Topic{{ID: "sorg", Name: "Sorg og tap", Synonyms: []string{"etterlatt"}}},
		ContactPoints: []dataset.ContactPoint{
			{ID: "nat", Name: "Nasjonalt kontor", Kind: dataset.KindNationalOffice, ServesAll: true, Status: "unknown", Municipality: "4601"},
		},
	}
}

func TestHighlightSamiAndAstral(t *testing.T) {
	e, err := New(tinyDataset())
	require.NoError(t, err)
	tests := []struct {
		q, label string
		want     [][2]int
	}{
		{"porsangu", "Porsáŋgu", [][2]int{{0, 8}}},
		{"porsáŋ", "Porsáŋgu", [][2]int{{0, 6}}},
		{"PORSÁŊGU", "Porsáŋgu", [][2]int{{0, 8}}},
		{"karasjohka", "Kárášjohka", [][2]int{{0, 10}}},
		{"eroy", "Ærøy 😀 Åsen", [][2]int{{0, 4}}},
		{"eroy aasen", "Ærøy 😀 Åsen", [][2]int{{0, 4}, {8, 12}}},    // the emoji is 2 UTF-16 units
		{"ksjhka", "Kárášjohka", [][2]int{{0, 1}, {4, 6}, {7, 10}}}, // subsequence (sahilm/fuzzy)
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := e.Search(tt.q, Options{})
			s := findSuggestion(r, tt.label)
			require.NotNil(t, s, "no suggestion %q for %q: %+v", tt.label, tt.q, r.Suggestions)
			assert.Equal(t, tt.want, s.Highlight)
			assertHighlightValid(t, s)
		})
	}
}

// assertHighlightValid checks the contract: [start, end) ranges inside the
// label's UTF-16 length, ordered, not overlapping, not empty.
func assertHighlightValid(t testing.TB, s *Suggestion) {
	t.Helper()
	if msg := highlightProblem(s); msg != "" {
		t.Errorf("suggestion %q: %s: %v", s.Label, msg, s.Highlight)
	}
}

func highlightProblem(s *Suggestion) string {
	if s.Highlight == nil {
		return "nil highlight"
	}
	n := len(utf16.Encode([]rune(s.Label)))
	prev := -1
	for _, h := range s.Highlight {
		switch {
		case h[0] < 0 || h[1] > n:
			return "range outside the label"
		case h[0] >= h[1]:
			return "empty range"
		case h[0] <= prev:
			return "ranges out of order or touching"
		}
		prev = h[1]
	}
	return ""
}

func TestHighlightsValidForEveryCase(t *testing.T) {
	e := engine(t)
	for _, c := range queryCases {
		r := e.Search(c.q, Options{Limit: 20})
		for i := range r.Suggestions {
			assertHighlightValid(t, &r.Suggestions[i])
		}
	}
}
