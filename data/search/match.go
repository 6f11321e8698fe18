package search

import (
	"math"
	"math/bits"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// howMatched says how an entry matched a span of the query.
type howMatched uint8

const (
	howExact       howMatched = iota
	howPrefix                 // the span begins the name
	howTypo                   // the span is the name with a few edits
	howPrefixTypo             // the span begins the name, with an edit
	howSubsequence            // sahilm/fuzzy: the span's letters in order
	howWord                   // a word of a contact point's name
	howInflected              // a topic word with an inflection ("angsten")
	howCompound               // a topic word inside a compound ("angstgruppe")
	howCased                  // a municipality's name in another language's case ("Vadsøssa")
)

// highlightMode says how a match lights its label.
type highlightMode uint8

const (
	hlKey   highlightMode = iota // key bytes [hlOff, hlLen)
	hlFuzzy                      // fold byte offsets (sahilm/fuzzy, a left-out letter)
)

// match is one entry matched by one span of the query.
type match struct {
	entry int32
	span  int16 // index into the query's spans
	q     int16 // quality, see the weights in engine.go
	how   howMatched
	hl    highlightMode
	hlOff uint8 // key bytes [hlOff, hlLen) matched, for hlKey
	hlLen uint8
	fz    []int // fold byte offsets, for hlFuzzy
}

// typoBudget is how many edits a word of n letters may carry: one from
// typoOneFrom letters, two from typoTwoFrom.
func typoBudget(n int) int {
	switch {
	case n >= typoTwoFrom:
		return 2
	case n >= typoOneFrom:
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

// maxTypoLookups bounds the typo stage, the costliest, per query: the
// query sets' most (4,361 queries, long messages in many languages among
// them) is 42; a crafted query of 120 distinct names would make 460.
// Past the bound a span is still found exactly and by its beginning.
const maxTypoLookups = 64

// lookupParams is one span to look up.
type lookupParams struct {
	key   string // folded, spaces removed
	span  int16  // index into the query's spans
	tail  bool   // the span ends the query and its last word is still being typed
	upper bool   // the span was typed in capitals ("AA")
	multi bool   // the span has several words
	marks uint32 // the marked letters typed in the span: an entry must have them all
	want  int    // how many matches fill the list (the subsequence stage stops there)
	// exactOnly skips every stage but the exact one.
	exactOnly bool
	// noTypos skips the typo and subsequence stages.
	noTypos bool
	// finished is a finished word of a message: only a typo that may
	// resolve is looked for (resolvable: a slip or a dropped letter of a
	// municipality's name, a typo of a topic word), and no typo prefix.
	finished bool
}

// lookup appends to ms every entry that p.key matches, with the best
// quality per entry. The stages run cheapest first: exact, inflected and
// compound topic words, prefix, contact point words, typos, and for the
// word being typed a subsequence to fill the list.
//
// A span of several words is only compared, in the typo and subsequence
// stages, with names of several words: "depresjon på hamar" is no
// misspelling of a one-word name.
func (e *Engine) lookup(ms []match, p lookupParams, s *scratch) []match {
	key := p.key
	if key == "" {
		return ms
	}
	s.gen++
	if s.gen == 0 { // wrapped: clear the stamps
		clear(s.stamp)
		s.gen = 1
	}
	add := func(m match) {
		// "täna" is no Tana; a topic's word may carry a mark in its
		// ending ("depresją", "samotnością"): only names need theirs.
		if p.marks&^e.entries[m.entry].marks != 0 && !isTopicKind(e.entries[m.entry].kind) {
			return
		}
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
	hlAll := uint8(min(len(key), 255))
	// Exact.
	exactTopic, exactPlace := false, false
	for _, j := range e.exact[key] {
		en := &e.entries[j]
		if en.upper && !p.upper {
			continue
		}
		exactTopic = exactTopic || isTopicKind(en.kind)
		exactPlace = exactPlace || isPlaceKind(en.kind)
		add(match{entry: j, span: p.span, q: qExact, how: howExact, hlLen: hlAll})
	}
	if p.exactOnly {
		return ms
	}
	// A topic word inflected or inside a compound: one word only, and
	// never a place's own name ("stavanger" holds no "anger").
	if !exactTopic && !exactPlace && !p.multi {
		e.lookupTopicWord(p, add)
		e.lookupPlaceCase(p, add)
	}
	// Prefix: the best names for a short prefix, else a scan of the sorted
	// keys from the first that can match.
	prefixMatch := func(j int32) {
		en := &e.entries[j]
		if len(en.key) == len(key) || en.exact || en.kind == entContact {
			return
		}
		add(match{entry: j, span: p.span, q: qPrefix, how: howPrefix, hlLen: hlAll})
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
	// Contact points by any word of their name ("oslo" → "LINK Oslo"),
	// each by its first such word.
	if len(key) >= 3 {
		words := e.contactWords
		lo := sort.Search(len(words), func(i int) bool { return words[i].key >= key })
		hits := s.hits[:0]
		for _, w := range words[lo:] {
			if !strings.HasPrefix(w.key, key) {
				break
			}
			hits = append(hits, w)
		}
		sort.SliceStable(hits, func(a, b int) bool {
			return hits[a].entry < hits[b].entry || hits[a].entry == hits[b].entry && hits[a].off < hits[b].off
		})
		for i, w := range hits {
			if i == 0 || hits[i-1].entry != w.entry {
				add(match{entry: w.entry, span: p.span, q: qWord, how: howWord, hlOff: w.off,
					hlLen: uint8(min(int(w.off)+len(key), math.MaxUint8))})
			}
		}
		s.hits = hits[:0]
	}
	// Typos: one from 4 letters, two from 8; a typo in both of the first two
	// letters makes another word, so only names sharing one are compared.
	if p.noTypos {
		return ms
	}
	k := typoBudget(len(key))
	b := &e.all
	switch {
	case p.finished && p.multi:
		b = &e.finishedMulti
	case p.finished:
		b = &e.finished
	case p.multi:
		// Several words are compared with names of several words only.
		b = &e.multi
	}
	if k > 0 && len(key) <= maxDL && s.typoLookups < maxTypoLookups {
		s.typoLookups++
		qm := letterMask(key)
		try := func(c typoCand) {
			if int(c.n) < len(key)-k || p.multi && !c.multi || bits.OnesCount32(qm&^c.mask) > k ||
				p.finished && !finishedTypo(key, c, qm, k) {
				return
			}
			j := c.entry
			en := &e.entries[j]
			if en.exact || en.kind == entContact || p.finished && isPlaceKind(en.kind) && !finishedPlaceTypo(key, en) ||
				(s.stamp[j] == s.gen && ms[s.slot[j]].q >= qTypo-qTypoEdit) {
				return
			}
			var full, pre, preLen int
			if p.finished {
				full, pre = finishedDistance(key, en, k), k+1
			} else {
				full, pre, preLen = editDistance(key, en.key, k)
			}
			switch {
			case full <= k && full > 0:
				m := match{entry: j, span: p.span, q: int16(qTypo - qTypoEdit*full), how: howTypo, hlLen: uint8(min(len(en.key), 255))}
				// A left-out letter ("bergn") lights the letters typed, as
				// the contract shows; other typos light the whole name.
				if fz := subsequence(key, en.fold); fz != nil {
					m.hl, m.fz = hlFuzzy, fz
				}
				add(m)
			case pre <= k && preLen < len(en.key) && len(key) >= 5 && !p.finished:
				add(match{entry: j, span: p.span, q: int16(qPrefixTypo - qPrefixTypoEdit*pre), how: howPrefixTypo, hlLen: uint8(min(preLen, 255))})
			}
		}
		first, second := b.first[key[0]], b.second[key[1]]
		if p.finished {
			first, second = lengthRange(first, len(key)-k, len(key)+k), lengthRange(second, len(key)-k, len(key)+k)
		}
		for _, c := range first {
			try(c)
		}
		for _, c := range second {
			if e.entries[c.entry].key[0] != key[0] {
				try(c)
			}
		}
	}
	// Subsequence (sahilm/fuzzy) for the word being typed, to fill the list.
	if p.tail && len(key) >= 3 && len(ms)-first < p.want {
		qm := letterMask(key)
		s.cand = s.cand[:0]
		for _, c := range b.first[key[0]] {
			j := c.entry
			en := &e.entries[j]
			if en.exact || en.kind == entContact || len(en.key) <= len(key) || qm&^en.mask != 0 || s.stamp[j] == s.gen ||
				(p.multi && len(en.key) == len(en.fold)) {
				continue
			}
			s.cand = append(s.cand, j)
		}
		if len(s.cand) > 0 {
			found := fuzzy.FindFromNoSort(key, candSource{e, s.cand})
			for _, f := range found {
				j := s.cand[f.Index]
				q := qSubsequence + min(qSubsequenceSpread, max(0, f.Score/8))
				add(match{entry: j, span: p.span, q: int16(q), how: howSubsequence, hl: hlFuzzy, fz: f.MatchedIndexes})
			}
		}
	}
	return ms
}

// finishedTypo is a cheap test that a name may be a typo of the finished
// word key as a whole (no typo prefix): its length within k, at most k of
// its letters missing from key.
func finishedTypo(key string, c typoCand, qm uint32, k int) bool {
	return int(c.n)-len(key) <= k && bits.OnesCount32(c.mask&^qm) <= k
}

// finishedDistance is the distance of a finished word to a whole name, as
// far as it matters: for a place's name 1 by a slip or a dropped letter
// (the only typos that resolve it, see resolvable) and k+1 otherwise; for
// a topic's name the edit distance, computed in a band of k around the
// diagonal (lengths differ by at most k here).
func finishedDistance(key string, en *entry, k int) int {
	if isPlaceKind(en.kind) {
		if isSlip(key, en.key) || isDropped(key, en.key) {
			return 1
		}
		return k + 1
	}
	return bandedDistance(key, en.key, k)
}

// bandedDistance is the optimal-string-alignment distance of a and b when
// it is at most k, else k+1, computing only the cells within k of the
// diagonal: O(len·k) instead of O(len²).
func bandedDistance(a, b string, k int) int {
	if d := len(a) - len(b); d > k || -d > k || len(b) > maxDL {
		return k + 1
	}
	far := k + 1
	var rows [3][maxDL + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		cur[0] = min(i, far)
		if lo > 1 {
			cur[lo-1] = far
		}
		rowMin := far
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			// Outside the band a cell is far: row i-1 ends at i-1+k, and
			// the cell after it was set far below.
			v := min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, far)
			rowMin = min(rowMin, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = far
		}
		if rowMin > k {
			return far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// finishedPlaceTypo: a finished word resolves a place's name only by one
// slip or dropped letter (resolvable), so its length is within one and
// the word long enough.
func finishedPlaceTypo(key string, en *entry) bool {
	d := len(en.key) - len(key)
	return len(key) >= finishedDropFrom && d >= -1 && d <= 1
}

// minCasedStem is the shortest name, in bytes folded, read under a case
// ending: "Oslo", "Bodø".
const minCasedStem = 4

// lookupPlaceCase reads one word as a municipality's name carrying a case
// ending of another language (dataset.RolePlaceCase): the Finnish "asun
// Vadsøssa", the Lithuanian "gyvenu Ålesunde", the Russian "живу в
// Бергене". Only the names of municipalities, in any of their languages:
// a postal place or a district under an ending is too often a word.
func (e *Engine) lookupPlaceCase(p lookupParams, add func(match)) {
	for _, end := range e.lex.placeCases {
		stem, ok := strings.CutSuffix(p.key, end)
		if !ok || len(stem) < minCasedStem {
			continue
		}
		for _, j := range e.exact[stem] {
			if en := &e.entries[j]; en.kind <= entFormer && !en.upper {
				add(match{entry: j, span: p.span, q: qCased, how: howCased, hlLen: uint8(min(len(p.key), 255))})
			}
		}
	}
}

// lookupTopicWord reads one word as a topic word that carries an
// inflection ("angsten", "skilsmissen", "pårørandes") or is part of a
// compound: the topic word as modifier with a generic or topic head
// ("angstgruppe", "spiseforstyrrelsesgruppe", "alkoholproblemer",
// "rusavhengig", "kreftrammet") or as head ("brystkreft",
// "prestasjonsangst"). Only topic entries are looked at: an inflected or
// compound word is never a place.
func (e *Engine) lookupTopicWord(p lookupParams, add func(match)) {
	key := p.key
	addTopic := func(word string, how howMatched, q int16, off, n int) bool {
		found := false
		for _, j := range e.exact[word] {
			if en := &e.entries[j]; isTopicKind(en.kind) && !en.upper {
				add(match{entry: j, span: p.span, q: q, how: how, hlOff: uint8(min(off, 255)), hlLen: uint8(min(n, 255))})
				found = true
			}
		}
		return found
	}
	// The word inflected: strip an ending, also leaving a final e
	// ("skilsmiss-en" → "skilsmisse").
	if len(key) >= minTopicStem+1 {
		for _, end := range e.lex.inflections {
			stem, ok := strings.CutSuffix(key, end)
			if !ok || len(stem) < minTopicStem {
				continue
			}
			if addTopic(stem, howInflected, qInflected, 0, len(key)) || addTopic(stem+"e", howInflected, qInflected, 0, len(key)) {
				return
			}
		}
	}
	// Another language's word in another case: its stem and an ending.
	for i, n := len(key), 0; n < maxCaseEnding && i > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(key[:i])
		i -= size
		if w, ok := e.lex.caseStems[key[:i]]; ok && addTopic(w, howInflected, qInflected, 0, len(key)) {
			return
		}
	}
	if len(key) < 2*minCompoundPart {
		return
	}
	// Modifier + head: the longest topic word that begins the compound,
	// followed (after a linking s or e) by a head from compoundHeads or a
	// topic word.
	for i := len(key) - minCompoundPart; i >= minCompoundPart-1; i-- {
		mod, rest := key[:i], key[i:]
		if !e.isTopicWord(mod) {
			continue
		}
		// Folding made one letter of "narkotika-avhengig": the a is shared.
		shared := mod[len(mod)-1] == 'a' && e.isHead("a"+rest)
		if shared || e.isHead(rest) || (len(rest) > minCompoundPart && (rest[0] == 's' || rest[0] == 'e') && e.isHead(rest[1:])) {
			if addTopic(mod, howCompound, qCompound, 0, len(key)) {
				return
			}
		}
	}
	// Head: a topic word of at least minCompoundHead letters ending the
	// compound after at least minCompoundPart letters ("bryst-kreft").
	for i := minCompoundPart; i <= len(key)-minCompoundHead; i++ {
		if addTopic(key[i:], howCompound, qCompound, 0, len(key)) {
			return
		}
	}
}

// isTopicWord reports whether w is exactly a topic name, id or synonym.
func (e *Engine) isTopicWord(w string) bool {
	for _, j := range e.exact[w] {
		if en := &e.entries[j]; isTopicKind(en.kind) && !en.upper {
			return true
		}
	}
	return false
}

// isHead reports whether w can end a compound whose first part is a topic
// word: a generic head ("gruppe", "problemer", "avhengig") or a topic word,
// maybe inflected.
func (e *Engine) isHead(w string) bool {
	if e.lex.compoundHead[w] || e.isTopicWord(w) {
		return true
	}
	for _, end := range e.lex.inflections {
		if stem, ok := strings.CutSuffix(w, end); ok && len(stem) >= minCompoundPart && (e.lex.compoundHead[stem] || e.isTopicWord(stem)) {
			return true
		}
	}
	return false
}

// tripled reports whether key holds a letter three times in a row, which
// no word does: a slip of the finger.
func tripled(key string) bool {
	for i := 2; i < len(key); i++ {
		if key[i] == key[i-1] && key[i] == key[i-2] {
			return true
		}
	}
	return false
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

// lastNamed reports whether match m is the query's last word, exactly a
// place's name, in a short sentence, and no word of any language.
func (e *Engine) lastNamed(m *match, sp *qspan) bool {
	key := sp.key
	return sp.end && sp.i == sp.j && m.how == howExact && !sp.message &&
		e.lex.localCommon[key] == 0 && !e.lex.homograph[key] && !e.lex.plain[key]
}

// resolvable reports whether a match is sure enough to be the reading of
// the query, not just a suggestion: a confident wrong answer is worse than
// none. Finished words are words: only the word being typed (the tail) may
// resolve by its beginning, and a common word ("har", "min", "hei") or an
// ordinary noun alone ("helg", "stigen") never resolves a place.
func (e *Engine) resolvable(m *match, sp *qspan) bool {
	en := &e.entries[m.entry]
	key := sp.key
	place := isPlaceKind(en.kind)
	if en.kind == entContact || place && (sp.common || sp.noun || sp.i == sp.j && e.lex.noun[key]) {
		return false
	}
	// In a sentence (a message, or words with a common one), a name that is
	// only a postal place or a district is a place where the sentence says
	// so: many are ordinary words ("roen", "moen", "hell", "kjøper tau i
	// dag") or begin like one ("usunt forhold til mat" is not Mathopen).
	// A name of several words typed as several words says so itself ("mo i
	// r"); joined, it does not ("ned gården" is not Nedgården).
	ownWords := sp.j > sp.i && strings.Contains(en.fold, " ")
	if place && sp.short && !ownWords && !sp.cued {
		return false
	}
	// Last of all, where people put the place, a word that is exactly one's
	// name is that place ("vil ikke leve lenger flatåsen"), unless it is
	// also a word of some language ("ryggmargsskade etter fall", "go to
	// hell").
	if place && (sp.message || sp.sentence) && !sp.cued && !ownWords && (en.kind == entPostal || en.kind == entDistrict) &&
		!e.lastNamed(m, sp) {
		return false
	}
	// A description is read as written, or by its first words: never as
	// a near miss of another word ("påkjørsel" is not "på kjøret").
	if en.described && m.how != howExact && m.how != howInflected && m.how != howCompound && m.how != howPrefix {
		return false
	}
	switch m.how {
	case howExact, howInflected, howCompound:
		return true
	case howCased:
		// Where a place is said to be: after a cue or a preposition, or
		// written with a capital; else "bergene" (the rocks) is a word.
		return sp.cued
	case howTypo:
		// A typo of a postal place (4 000 small names) is too often an
		// ordinary word or a landscape ("Romsdal" is not Romedal): suggest
		// it, and resolve it only alone with a topic (no sentence), long,
		// and slipped ("hønnefoss": letters swapped, doubled or undoubled;
		// a letter left out often makes a word: "brettenes" is not
		// Brettesnes).
		if en.kind == entPostal {
			return !sp.sentence && !sp.message && len(key) >= postalSlipFrom && key[0] == en.key[0] && isSlip(key, en.key)
		}
		// In a short word a typo in the first letter makes another word
		// ("loss" is not Moss); two typos only in a long word that starts
		// right ("hardanger" is not "Varanger").
		if place && len(key) < typoResolveFrom {
			return false
		}
		// So is a short word in a sentence near a topic's word ("risa" is
		// Spanish laughter, not "rusa").
		if !place && (sp.sentence || sp.message) && len(key) < typoResolveFrom {
			return false
		}
		// A finished word (more words follow) is a near miss of a
		// municipality's name only by a slip that rarely makes another
		// word: two letters swapped or a letter doubled or undoubled
		// ("trondhiem", "hauggesund", "lilehammer"). Many ordinary words
		// are one other edit from a place ("lyster" is not Luster,
		// "modulen" not Modalen, "jerpen" not Jæren).
		if place && !sp.tail && (en.kind > entFormer || !(len(key) >= finishedTypoFrom && isSlip(key, en.key) ||
			len(key) >= finishedDropFrom && isDropped(key, en.key) || len(en.key) >= postalSlipFrom && key[:len(key)-1] == en.key)) {
			return false
		}
		// In a sentence, even such a slip is a place only where the
		// sentence says so, as for a postal place, or where people put
		// the place, last ("trenger gruppe ålsund"), or where no word
		// could be meant (a letter typed three times: "drammmen"):
		// "forstå" is a word, not Frosta, and "har merker på halsen" no
		// Meråker.
		if place && !sp.tail && (sp.message || sp.sentence) && !sp.cued && !sp.end && !tripled(key) {
			return false
		}
		if en.key[0] != key[0] {
			return len(key) >= typoFirstLetterFrom && m.q >= qTypo-qTypoEdit
		}
		return true
	case howPrefix:
		if place && !sp.tail {
			// A finished word that is a long name short of its last letter
			// ("haugesun", "porsgrun", "lillestrøn"): the thumb missed it.
			return len(key) > finishedDropFrom && len(en.key)-len(key) == 1 && en.kind <= entFormer
		}
		if place && sp.i > 0 && sp.i == sp.j && (en.kind == entPostal || en.kind == entDistrict) {
			// After other words, the beginning of one of 4,000 small names
			// is too often a word of its own ("usunt forhold til mat" is
			// not Mathopen, "pro ana" not Åna-Sira): suggest it until it
			// says more.
			return len(key) >= minPostalPrefix
		}
		if place {
			return len(key) >= minSentencePrefix || !sp.sentence && len(key) >= minResolvePrefix
		}
		// A description is read by its first words only ("eksen" is "eksen
		// min"), never by a word's beginning: "hjem" typed last is not
		// "hjemmekontor".
		if en.described {
			return !sp.common && len(key) >= minTopicStem+1 && len(en.key)-len(key) <= maxTopicSuffix &&
				len(en.fold) > len(key) && en.fold[len(key)] == ' ' && en.fold[:len(key)] == key
		}
		// A topic word may also be finished short of its name's ending
		// ("ensom" is ensomhet, "rusavhengig" is rusavhengighet).
		return !sp.common && (sp.tail && len(key) >= minResolvePrefix ||
			len(key) >= minTopicStem+1 && len(en.key)-len(key) <= maxTopicSuffix)
	case howPrefixTypo:
		// A typo in a long, unfinished word: one edit only ("nordnorge" is
		// not the beginning of "Nordre Follo").
		return sp.tail && len(key) >= 7 && m.q >= qPrefixTypo-qPrefixTypoEdit && en.kind != entPostal
	case howSubsequence:
		return sp.tail && len(key) >= 5 && len(en.key)-len(key) <= len(key)/3 && len(m.fz) > 0 && m.fz[0] == 0 &&
			en.kind != entPostal
	}
	return false
}

// isSlip reports whether typed is name with two neighbouring letters
// swapped, or with one letter doubled or one double letter typed once.
func isSlip(typed, name string) bool {
	switch len(typed) - len(name) {
	case 0:
		i := 0
		for i < len(typed) && typed[i] == name[i] {
			i++
		}
		return i+1 < len(typed) && typed[i] == name[i+1] && typed[i+1] == name[i] && typed[i+2:] == name[i+2:]
	case 1:
		return isDoubling(typed, name)
	case -1:
		return isDoubling(name, typed)
	}
	return false
}

// isDropped reports whether typed is name with one letter left out, not
// the first: the thumb missed a key ("bergn", "stavangr", "porsgrun").
func isDropped(typed, name string) bool {
	if len(name)-len(typed) != 1 || typed[0] != name[0] {
		return false
	}
	i := 0
	for i < len(typed) && typed[i] == name[i] {
		i++
	}
	return typed[i:] == name[i+1:]
}

// isDoubling reports whether long is short with one letter doubled.
func isDoubling(long, short string) bool {
	for i := 1; i < len(long); i++ {
		if long[i] == long[i-1] && long[:i]+long[i+1:] == short {
			return true
		}
	}
	return false
}

// highlight turns a match into [start, end) UTF-16 ranges of the label,
// merged and ordered.
func (e *Engine) highlight(m *match) [][2]int {
	en := &e.entries[m.entry]
	_, foldSrc := appendFold(nil, make([]span, 0, len(en.fold)), en.label, true)
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
			if i >= 0 && i < len(foldSrc) {
				push(foldSrc[i])
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
		if k >= int(m.hlOff) && i < len(foldSrc) {
			push(foldSrc[i])
		}
		k++
	}
	return out
}

// foreignSentence counts the message's words per language, crisis words
// and the words that tell a sentence's language alike, when they outnumber
// the local ones.
func (l *lexicon) foreignSentence(s *scratch) [maxLanguages]int {
	counts, local := l.languages(s, l.lang, false)
	crisis, _ := l.languages(s, l.crisisLang, false)
	most := 0
	for b := range counts {
		counts[b] += crisis[b]
		most = max(most, counts[b])
	}
	if most < minForeignWords || most <= local {
		return [maxLanguages]int{}
	}
	return counts
}

// crisisLanguage sets the language the crisis was read in, and the crisis
// card's line in it: of the query's crisis words, those that are crisis
// words of other languages only (not of Norwegian or Sami), counted per
// language; the language most of them belong to. A word a crisis stem
// begins ("samobójcze") is the stem's. No such word, or only Norwegian
// ones: no language, no line. When the signal alone read the crisis, the
// language of the message's words (foreignSentence).
func (l *lexicon) crisisLanguage(s *scratch, c *Crisis) {
	counts, _ := l.languages(s, l.crisisLang, true)
	if counts == ([maxLanguages]int{}) {
		// The signal read it, not a rule: the language of the message's
		// words ("Ja już nie mogę, wszystko jest bez sensu").
		counts = l.foreignSentence(s)
	}
	best := 0
	for b, n := range counts {
		if n > counts[best] {
			best = b
		}
	}
	for tag, bit := range l.langBit {
		if counts[best] > 0 && bit == 1<<best {
			c.Language = tag
		}
	}
	for _, x := range l.cards {
		if x.Language == c.Language {
			c.Text, c.Reviewed = x.Text, x.Reviewed
		}
	}
}
