package search

import (
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// foldKeyWords folds s keeping its word breaks.
func foldKeyWords(s string) string {
	b, _ := appendFold(nil, nil, s, false)
	return string(b)
}

// minCrisisPrefix is how much of a crisis word the word being typed needs
// ("selvmo"): "selv" alone is too common, and "selj" is Seljord.
const minCrisisPrefix = 6

// markCrisis marks the tokens that express suicidal thoughts, self-harm or
// acute crisis and reports whether any does. A word beginning with a
// crisis stem counts ("selvmordstanker", "sjølvmordstankar"), also with
// one typo from 7 letters ("selvmor", "sjølmord") but never two, which is
// what keeps Seljord a place; the word being typed counts from
// minCrisisPrefix letters of a stem; a phrase counts word for word ("vil
// ikke leve", "ta livet mitt", "i want to die").
func (l *lexicon) markCrisis(fold []byte, toks []token, open bool) bool {
	found := false
	for i := range toks {
		t := &toks[i]
		if t.digits {
			continue
		}
		w := string(fold[t.a:t.b])
		if l.isCrisisWord(w, open && i == len(toks)-1) {
			t.crisis, found = true, true
			continue
		}
		for _, ph := range l.phrases[w] {
			p := ph.words
			if i+len(p) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p) && ok; k++ {
				u := toks[i+k]
				ok = string(fold[u.a:u.b]) == p[k]
			}
			// "ta livet mitt tilbake" takes a life back, it does not end one.
			if ok && i+len(p) < len(toks) && l.crisisUndo[string(fold[toks[i+len(p)].a:toks[i+len(p)].b])] {
				ok = false
			}
			if ok {
				for k := range p {
					toks[i+k].crisis = true
				}
				found = true
			}
		}
	}
	return found
}

// isCrisisWord reports whether one folded word is a crisis word; typing
// says it is still being typed.
func (l *lexicon) isCrisisWord(w string, typing bool) bool {
	for _, stem := range l.crisisStems {
		if strings.HasPrefix(w, stem) {
			return true
		}
		if typing && len(w) >= minCrisisPrefix && strings.HasPrefix(stem, w) {
			return true
		}
		if len(w) >= 7 && len(stem) >= 7 && w[0] == stem[0] {
			if _, pre, _ := editDistance(stem, w, 1); pre <= 1 {
				return true
			}
		}
	}
	return false
}

// toldOfAnother reports whether the folded query tells of another person's
// suicide ("min bror tok livet sitt", "she killed herself"): whoever writes
// it is bereaved.
func (l *lexicon) toldOfAnother(fold []byte) bool {
	q := " " + string(fold) + " "
	for _, p := range l.bereaved {
		if strings.Contains(q, " "+p+" ") {
			return true
		}
	}
	return false
}

// crisisWindow is how many words apart two crisis cues may stand and still
// combine ("har kjøpt tau og vet hvor jeg skal gå").
const crisisWindow = 8

// cueKinds are the crisis cue categories in the order of cueCombines.
var cueKinds = [...]string{dataset.CueMethod, dataset.CuePreparation, dataset.CueTime, dataset.CueFarewell}

// cueCombines says which kinds raise crisis help together: a method with a
// preparation ("samlet opp pillene", "står på brua") or a time ("tauet i
// kveld"), a farewell with a time or another farewell ("i kveld er siste
// kveld, takk for alt"). None alone does: "kjøpte tau til hytta".
var cueCombines = [len(cueKinds)][len(cueKinds)]bool{
	{false, true, true, false},  // method
	{true, false, false, false}, // preparation
	{true, false, false, true},  // time
	{false, false, true, true},  // farewell
}

// cueKind is the index of a crisis cue category in cueKinds, or -1. (A
// loop, not slices.Index: each generic instance costs the browser module.)
func cueKind(c string) int {
	for k, name := range cueKinds {
		if name == c {
			return k
		}
	}
	return -1
}

// markCrisisCues marks the crisis cues that combine (cueCombines) within
// crisisWindow words and reports whether any did.
func (l *lexicon) markCrisisCues(s *scratch) bool {
	if len(l.crisisCues) == 0 {
		return false
	}
	var last [len(cueKinds)]int
	for k := range last {
		last[k] = -crisisWindow - 1
	}
	found := false
	for i := range s.toks {
		c, n := cueAt(s, i, l.crisisCues)
		kind := cueKind(c)
		if n == 0 || kind < 0 {
			continue
		}
		for other, ok := range cueCombines[kind] {
			if ok && i-last[other] <= crisisWindow {
				found = true
				for k := last[other]; k < i+n; k++ {
					s.toks[k].crisis = true
				}
			}
		}
		last[kind] = i
	}
	return found
}
