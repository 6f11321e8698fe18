package search

import "strings"

// crisisPhraseWords are crisisPhrases split into words, by first word, so
// that a query is compared only with the phrases its words can begin.
var crisisPhraseWords = func() map[string][][]string {
	m := map[string][][]string{}
	for _, list := range [][]string{crisisPhrases, bereavedPhrases} {
		for _, p := range list {
			w := strings.Fields(foldKeyWords(p))
			m[w[0]] = append(m[w[0]], w)
		}
	}
	return m
}()

// foldKeyWords folds s keeping its word breaks.
func foldKeyWords(s string) string {
	b, _ := appendFold(nil, nil, s, false)
	return string(b)
}

// notCrisisAfter, right after a crisis phrase, undoes it: "vil ta livet
// mitt tilbake" (take my life back).
const notCrisisAfter = "tilbake"

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
func markCrisis(fold []byte, toks []token, open bool) bool {
	found := false
	for i := range toks {
		t := &toks[i]
		if t.digits {
			continue
		}
		w := string(fold[t.a:t.b])
		if isCrisisWord(w, open && i == len(toks)-1) {
			t.crisis, found = true, true
			continue
		}
		for _, p := range crisisPhraseWords[w] {
			if i+len(p) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p) && ok; k++ {
				u := toks[i+k]
				ok = string(fold[u.a:u.b]) == p[k]
			}
			// "ta livet mitt tilbake" takes a life back, it does not end one.
			if ok && i+len(p) < len(toks) && string(fold[toks[i+len(p)].a:toks[i+len(p)].b]) == notCrisisAfter {
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
func isCrisisWord(w string, typing bool) bool {
	for _, stem := range crisisStems {
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
func toldOfAnother(fold []byte) bool {
	q := " " + string(fold) + " "
	for _, p := range bereavedPhrases {
		if strings.Contains(q, " "+p+" ") {
			return true
		}
	}
	return false
}
