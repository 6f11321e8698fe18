// Package adversarial makes inputs crafted to make the search engine
// work as hard as it can within search.MaxQueryRunes (issue 19: bounded
// work per query), for the benchmarks natively (BenchmarkAdversarial) and
// through the worker (scripts/bench-worker). A package of its own, so that
// neither the browser module nor the worker links it.
package adversarial

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/search"
)

// fillThen repeats words from next until the query holds search.MaxQueryRunes
// runes with tail after them: the longest query the worker accepts.
func fillThen(next func(i int) string, tail string) string {
	var b strings.Builder
	n := utf8.RuneCountInString(tail)
	for i := 0; ; i++ {
		w := next(i) + " "
		k := utf8.RuneCountInString(w)
		if n+k > search.MaxQueryRunes {
			break
		}
		b.WriteString(w)
		n += k
	}
	return b.String() + tail
}

func fill(next func(i int) string) string { return fillThen(next, "") }

func repeatWord(w string) string { return fill(func(int) string { return w }) }

// Shapes builds the crafted inputs from the engine's own names,
// so that every word is as place-like as the data allows. Seeded: the same
// inputs on every run.
func Shapes(e *search.Engine) map[string]string {
	rng := rand.New(rand.NewPCG(19, 4))
	names := e.PlaceNames()
	pick := func(int) string { return names[rng.IntN(len(names))] }
	typo := func(int) string { // one edit off a real name: the typo stage's worst case
		w := []byte(strings.ReplaceAll(names[rng.IntN(len(names))], " ", ""))
		if len(w) > 3 {
			i := 1 + rng.IntN(len(w)-2)
			w[i], w[i+1] = w[i+1], w[i]
		}
		return string(w)
	}
	letters := "abcdefghijklmnoprstuvyæøå"
	random := func(int) string {
		n := 4 + rng.IntN(8)
		r := make([]rune, n)
		lr := []rune(letters)
		for i := range r {
			r[i] = lr[rng.IntN(len(lr))]
		}
		return string(r)
	}
	shapes := map[string]string{
		"short-place-repeated":  repeatWord("os"),
		"place-repeated":        repeatWord("bergen"),
		"typo-repeated":         repeatWord("trondhiem"),
		"capital-repeated":      repeatWord("Bø i"),
		"postcode-repeated":     repeatWord("5003"),
		"digits-grouped":        repeatWord("50 03"),
		"topic-repeated":        repeatWord("angst"),
		"crisis-repeated":       repeatWord("selvmord"),
		"stop-words":            repeatWord("i på og"),
		"one-letter-words":      repeatWord("a"),
		"one-letter-pairs":      repeatWord("a o"),
		"distinct-places":       fill(pick),
		"distinct-typos":        fill(typo),
		"random-words":          fill(random),
		"one-long-word":         strings.Repeat("trondheim", search.MaxQueryRunes/9),
		"cyrillic":              repeatWord("Осло"),
		"sentence-then-place":   fillThen(func(i int) string { return "jeg bor i" }, "mo i ran"),
		"places-open-last-word": fillThen(pick, "kristians"),
	}
	return shapes
}
