package search

import (
	"math/bits"
	"sort"
	"strings"

	"github.com/sahilm/fuzzy"
)

// Match qualities. An exact or prefix match always ranks above a typo or a
// subsequence: the bands do not overlap.
const (
	qExact       = 100
	qPrefix      = 80 // + up to 9 for how much of the name is typed
	qTypo        = 60 // - 10 per edit
	qPrefixTypo  = 35 // - 5 per edit
	qSubsequence = 10 // + up to 9 from the fuzzy score
)

// How an entry matched.
const (
	howExact uint8 = iota
	howPrefix
	howTypo
	howPrefixTypo
	howSubsequence
	howWord // a word of a contact point's name
)

const qWord = 70

// Highlight modes of a match.
const (
	hlKey   uint8 = iota // key bytes [0, n)
	hlFuzzy              // fold byte offsets from sahilm/fuzzy
)

// match is one entry matched by one span of the query.
type match struct {
	entry int32
	span  int16 // index into the query's spans
	q     int16 // quality
	how   uint8
	hl    uint8
	hlOff uint8 // key bytes [hlOff, hlLen) matched, for hlKey
	hlLen uint8
	fz    []int // fold byte offsets, for hlFuzzy
}

// typoBudget is how many edits a word of n letters may carry: one from 4
// letters, two from 8.
func typoBudget(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

const maxDL = 40 // longest key the typo stage compares

// editDistance is the optimal-string-alignment Damerau-Levenshtein distance
// between a and b, bounded by k: it returns the distance of a to the whole
// of b and to the closest prefix of b (with the prefix length), each k+1
// when more than k. Cost O(len(a)·len(b)) with an early exit.
func editDistance(a, b string, k int) (full, pre, preLen int) {
	if len(a) > maxDL || len(b) > maxDL {
		return k + 1, k + 1, 0
	}
	var rows [3][maxDL + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if x := prev[j] + 1; x < v {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > k {
			return k + 1, k + 1, 0
		}
		prev2, prev, cur = prev, cur, prev2
	}
	full = prev[len(b)]
	pre, preLen = k+1, 0
	for j := 0; j <= len(b); j++ {
		if prev[j] < pre {
			pre, preLen = prev[j], j
		}
	}
	if full > k {
		full = k + 1
	}
	return full, pre, preLen
}

// maxPrefixScan bounds the prefix stage: keys are sorted, so a short
// prefix ("b") could cover thousands of names; the best of them by kind and
// size are found through prefixTop instead.
const maxPrefixScan = 256

// lookup appends to ms every entry that key matches, with the best quality
// per entry. tail says the span ends the query (the word being typed), which
// also runs the subsequence stage when the other stages found fewer than
// want; upper says the span was typed in capitals.
//
// A span of several words (multi) is only compared, in the typo and
// subsequence stages, with names of several words: "depresjon på hamar" is
// no misspelling of a one-word name.
func (e *Engine) lookup(ms []match, key string, span int16, tail, upper, multi bool, want int, s *scratch) []match {
	if key == "" {
		return ms
	}
	s.gen++
	if s.gen == 0 { // wrapped: clear the stamps
		clear(s.stamp)
		s.gen = 1
	}
	add := func(m match) {
		if s.stamp[m.entry] == s.gen {
			if i := s.slot[m.entry]; m.q > ms[i].q {
				ms[i] = m
			}
			return
		}
		s.stamp[m.entry] = s.gen
		s.slot[m.entry] = int32(len(ms))
		ms = append(ms, m)
	}
	first := len(ms)
	// Exact.
	for _, j := range e.exact[key] {
		en := &e.entries[j]
		if en.upper && !upper {
			continue
		}
		add(match{entry: j, span: span, q: qExact, how: howExact, hlLen: uint8(min(len(key), 255))})
	}
	// Prefix: the best names for a short prefix, else a scan of the sorted
	// keys from the first that can match.
	prefixMatch := func(j int32) {
		en := &e.entries[j]
		if len(en.key) == len(key) || en.exact || en.kind == entContact {
			return
		}
		add(match{entry: j, span: span, q: qPrefix, how: howPrefix, hlLen: uint8(min(len(key), 255))})
	}
	if top, ok := e.prefixTop[key]; ok {
		for _, j := range top {
			prefixMatch(j)
		}
	} else if len(key) > maxPrefixKey {
		lo := sort.Search(len(e.sorted), func(i int) bool { return e.entries[e.sorted[i]].key >= key })
		for i := lo; i < len(e.sorted) && i < lo+maxPrefixScan; i++ {
			j := e.sorted[i]
			if !strings.HasPrefix(e.entries[j].key, key) {
				break
			}
			prefixMatch(j)
		}
	}
	// Contact points by any word of their name ("oslo" → "LINK Oslo").
	if len(key) >= 3 {
		for _, j := range e.contactEntries {
			en := &e.entries[j]
			for i := 0; i < len(en.fold); i++ {
				if i > 0 && en.fold[i-1] != ' ' || en.fold[i] == ' ' {
					continue
				}
				ki := i - strings.Count(en.fold[:i], " ")
				if strings.HasPrefix(en.key[ki:], key) {
					add(match{entry: j, span: span, q: qWord, how: howWord, hlOff: uint8(min(ki, 255)),
						hlLen: uint8(min(ki+len(key), 255))})
					break
				}
			}
		}
	}
	// Typos: one from 4 letters, two from 8; a typo in both of the first two
	// letters makes another word, so only names sharing one are compared.
	k := typoBudget(len(key))
	if k > 0 && len(key) <= maxDL {
		qm := letterMask(key)
		try := func(j int32) {
			en := &e.entries[j]
			if en.exact || en.kind == entContact || len(en.key) < len(key)-k || (multi && len(en.key) == len(en.fold)) ||
				bits.OnesCount32(qm&^en.mask) > k || (s.stamp[j] == s.gen && ms[s.slot[j]].q >= qTypo-10) {
				return
			}
			full, pre, preLen := editDistance(key, en.key, k)
			switch {
			case full <= k && full > 0:
				m := match{entry: j, span: span, q: int16(qTypo - 10*full), how: howTypo, hlLen: uint8(min(len(en.key), 255))}
				// A left-out letter ("bergn") lights the letters typed, as
				// the contract shows; other typos light the whole name.
				if fz := subsequence(key, en.fold); fz != nil {
					m.hl, m.fz = hlFuzzy, fz
				}
				add(m)
			case pre <= k && preLen < len(en.key) && len(key) >= 5:
				add(match{entry: j, span: span, q: int16(qPrefixTypo - 5*pre), how: howPrefixTypo, hlLen: uint8(min(preLen, 255))})
			}
		}
		for _, j := range e.byFirst[key[0]] {
			try(j)
		}
		for _, j := range e.bySecond[key[1]] {
			if e.entries[j].key[0] != key[0] {
				try(j)
			}
		}
	}
	// Subsequence (sahilm/fuzzy) for the word being typed, to fill the list.
	if tail && len(key) >= 3 && len(ms)-first < want {
		qm := letterMask(key)
		s.cand = s.cand[:0]
		for _, j := range e.byFirst[key[0]] {
			en := &e.entries[j]
			if en.exact || en.kind == entContact || len(en.key) <= len(key) || qm&^en.mask != 0 || s.stamp[j] == s.gen ||
				(multi && len(en.key) == len(en.fold)) {
				continue
			}
			s.cand = append(s.cand, j)
		}
		if len(s.cand) > 0 {
			found := fuzzy.FindFromNoSort(key, candSource{e, s.cand})
			for _, f := range found {
				j := s.cand[f.Index]
				q := qSubsequence + min(9, max(0, f.Score/8))
				add(match{entry: j, span: span, q: int16(q), how: howSubsequence, hl: hlFuzzy, fz: f.MatchedIndexes})
			}
		}
	}
	return ms
}

// subsequence returns the fold byte offsets of key's letters found in order
// in fold, or nil when key is not a subsequence of fold.
func subsequence(key, fold string) []int {
	out := make([]int, 0, len(key))
	for p := 0; p < len(fold) && len(out) < len(key); p++ {
		if fold[p] == key[len(out)] {
			out = append(out, p)
		}
	}
	if len(out) < len(key) {
		return nil
	}
	return out
}

// candSource feeds sahilm/fuzzy the folded labels of the candidates.
type candSource struct {
	e    *Engine
	cand []int32
}

func (c candSource) String(i int) string { return c.e.entries[c.cand[i]].fold }
func (c candSource) Len() int            { return len(c.cand) }

// resolvable reports whether a match is sure enough to be the reading of
// the query, not just a suggestion: a confident wrong answer is worse than
// none.
func (e *Engine) resolvable(m *match, key string) bool {
	en := &e.entries[m.entry]
	if en.kind == entContact {
		return false
	}
	switch m.how {
	case howExact:
		return true
	case howTypo:
		// One typo anywhere; two only in a long word that starts right
		// ("hardanger" is not "Varanger").
		return m.q >= qTypo-10 || en.key[0] == key[0]
	case howPrefix:
		return len(key) >= 3
	case howPrefixTypo:
		// A typo in a long, unfinished word: one edit only ("nordnorge" is
		// not the beginning of "Nordre Follo").
		return len(key) >= 7 && m.q >= qPrefixTypo-5
	case howSubsequence:
		return len(key) >= 5 && len(en.key)-len(key) <= len(key)/3 && len(m.fz) > 0 && m.fz[0] == 0
	}
	return false
}

// highlight turns a match into [start, end) UTF-16 ranges of the label,
// merged and ordered.
func (e *Engine) highlight(m *match) [][2]int {
	en := &e.entries[m.entry]
	out := make([][2]int, 0, 2)
	push := func(sp span) {
		s, t := int(sp.start), int(sp.end)
		if t <= s {
			return
		}
		if n := len(out); n > 0 && s <= out[n-1][1] {
			if t > out[n-1][1] {
				out[n-1][1] = t
			}
			return
		}
		out = append(out, [2]int{s, t})
	}
	if m.hl == hlFuzzy {
		for _, i := range m.fz {
			if i >= 0 && i < len(en.foldSrc) {
				push(en.foldSrc[i])
			}
		}
		return out
	}
	// Key byte k is the k-th byte of fold that is not a space.
	k := 0
	for i := 0; i < len(en.fold) && k < int(m.hlLen); i++ {
		if en.fold[i] == ' ' {
			continue
		}
		if k >= int(m.hlOff) {
			push(en.foldSrc[i])
		}
		k++
	}
	return out
}
