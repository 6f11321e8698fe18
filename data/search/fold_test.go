package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bergen", "bergen"},
		{"  Sør-Varanger ", "sor varanger"},
		{"sor  varanger", "sor varanger"},
		{"soer-varanger", "sor varanger"},
		{"Bærum", "berum"},
		{"baerum", "berum"},
		{"Ålesund", "alesund"},
		{"aalesund", "alesund"},
		{"Tromsø", "tromso"},
		{"tromsoe", "tromso"},
		{"Kárášjohka", "karasjohka"},
		{"Guovdageaidnu", "guovdageaidnu"},
		{"Porsáŋgu", "porsangu"},
		{"Evenášši", "evenassi"},
		{"Čáhcesuolu đ ŧ ž", "cahcesuolu d t z"},
		{"Snåase", "snase"},
		{"snaase", "snase"},
		{"Mo i Rana", "mo i rana"},
		// A vowel sign of the scripts of India stays in its word: "to live"
		// is not "to go", and the danda ends a word.
		{"जीना", "जीना"},
		{"जाना", "जाना"},
		{"मैं जीना नहीं चाहता।", "म जीना नही चाहता"}, // Mn signs (ै, ं) are dropped
		{"12-trinn", "12 trinn"},
		{"5003bergen", "5003 bergen"},
		{"angst!!!i,,tromsø", "angst i tromso"},
		{"Straße", "strasse"},
		{"a\u0301lesund", "alesund"}, // a + combining acute
		{"\x00\x01bergen\x7f", "bergen"},
		{"ab\xffcd", "ab cd"},
		{"", ""},
		{"!!!", ""},
		{"Москва", "москва"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, Normalize(tt.in))
		})
	}
}

func TestCleanQuery(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "angst i tromsø", "angst i tromsø"},
		{"trimmed", "  bergen\t", "bergen"},
		{"control", "ber\ngen\x00", "ber gen"},
		{"invalid utf-8", "ber\xffgen", "ber gen"},
		{"cut", strings.Repeat("ø", MaxQueryRunes+100), strings.Repeat("ø", MaxQueryRunes)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanQuery(tt.in)
			assert.Equal(t, tt.want, got)
			assert.True(t, utf8.ValidString(got))
			assert.LessOrEqual(t, utf8.RuneCountInString(got), MaxQueryRunes)
		})
	}
}

func TestAppendFoldSpans(t *testing.T) {
	tests := []struct {
		label string
		fold  string
		// spans of some fold bytes: byte index → [start, end) in UTF-16
		spans map[int][2]int
	}{
		{"Kárášjohka", "karasjohka", map[int][2]int{1: {1, 2}, 3: {3, 4}, 4: {4, 5}}},
		{"Sør-Varanger", "sor varanger", map[int][2]int{1: {1, 2}, 3: {3, 4}, 4: {4, 5}}},
		{"Snåase", "snase", map[int][2]int{2: {2, 4}, 3: {4, 5}}},
		{"Ærøy", "eroy", map[int][2]int{0: {0, 1}, 2: {2, 3}}},
		{"😀Bø", "bo", map[int][2]int{0: {2, 3}, 1: {3, 4}}}, // an emoji is two UTF-16 units
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			b, src := appendFold(nil, nil, tt.label, true)
			assert.Equal(t, tt.fold, string(b))
			assert.Len(t, src, len(b))
			for i, want := range tt.spans {
				assert.Equal(t, want, [2]int{int(src[i].start), int(src[i].end)}, "byte %d", i)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b      string
		k         int
		full, pre int
	}{
		{"trondhiem", "trondheim", 2, 1, 1},
		{"tromsoo", "tromso", 1, 1, 1},
		{"bergn", "bergen", 1, 1, 1},
		{"hauggesund", "haugesund", 2, 1, 1},
		{"trondh", "trondheim", 1, 2, 0},
		{"abcd", "wxyz", 1, 2, 2},
		{"ab", "ba", 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			full, pre, _ := editDistance(tt.a, tt.b, tt.k)
			assert.Equal(t, tt.full, full, "full")
			assert.Equal(t, tt.pre, pre, "prefix")
		})
	}
}

// TestBandedDistance: the banded distance a finished word is compared with
// agrees with the full one wherever the lengths differ by at most k, on
// seeded random words over a small alphabet (many near misses, swaps and
// doubled letters).
func TestBandedDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 17))
	word := func() string {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = "abcde"[rng.IntN(5)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, k := word(), word(), 1+rng.IntN(2)
		full, _, _ := editDistance(a, b, k)
		if d := len(a) - len(b); d > k || -d > k {
			full = k + 1
		}
		require.Equal(t, full, bandedDistance(a, b, k), "%q %q k=%d", a, b, k)
	}
}

// TestSplitOn: splitOn is strings.Fields on folded text and strings.Split
// without the empty parts.
func TestSplitOn(t *testing.T) {
	for _, c := range []struct {
		s, sep string
		want   []string
	}{
		{"vil ikke leve", " ", []string{"vil", "ikke", "leve"}},
		{" to  spaces ", " ", []string{"to", "spaces"}},
		{"", " ", nil},
		{"Tysfjord - Divtasvuodna", " - ", []string{"Tysfjord", "Divtasvuodna"}},
		{"a - b - ", " - ", []string{"a", "b"}},
	} {
		assert.Equal(t, c.want, splitOn(c.s, c.sep), "%q on %q", c.s, c.sep)
	}
}
