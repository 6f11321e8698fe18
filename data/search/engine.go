package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// Scoring weights. A match of a span of the query against a name has a
// quality; the bands of the kinds of match never overlap, so an exact or a
// prefix match always ranks above a typo, and a typo above a subsequence.
// The reading of a query (one place, its topics) maximises quality times
// the words each name explains.
const (
	qExact             = 100 // the span is the name
	qInflected         = 95  // a topic word with an ending: "angsten", "skilsmissen"
	qCompound          = 90  // a topic word in a compound: "angstgruppe", "brystkreft"
	qCased             = 85  // a municipality's name in another language's case: "Vadsøssa"
	qPrefix            = 80  // the span begins the name
	qWord              = 70  // the span begins a word of a contact point's name
	qTypo              = 60  // the whole name with edits ...
	qTypoEdit          = 10  // ... minus this per edit
	qPrefixTypo        = 35  // the beginning of a longer name with edits ...
	qPrefixTypoEdit    = 5   // ... minus this per edit
	qSubsequence       = 10  // sahilm/fuzzy: the span's letters in order ...
	qSubsequenceSpread = 9   // ... plus up to this from fuzzy's score
)

// Word lengths (in folded bytes) that decide what may resolve.
const (
	typoOneFrom         = 4 // a word this long may carry one typo
	typoTwoFrom         = 8 // and this long two
	typoFirstLetterFrom = 6 // a typo in the first letter counts only from this length ("loss" is not Moss)
	minResolvePrefix    = 3 // the word being typed resolves as the beginning of a name from this length
	minSentencePrefix   = 4 // ... and in a sentence (a query with a common word) from this length ("mor er syk")
	minPostalPrefix     = 5 // ... and after other words, as the beginning of a postal place or district
	typoResolveFrom     = 5 // a typo resolves a place from this length ("tynn" is not Tinn)
	finishedTypoFrom    = 6 // a finished word (more words follow) from this length, by a slip only (see isSlip)
	finishedDropFrom    = 5 // or, from this length, with one letter left out (see isDropped)
	postalSlipFrom      = 7 // a postal name slipped, or any name with a letter added at its end ("fredrikstadt"), from this length
	minTopicStem        = 4 // an inflected topic word keeps at least this much ("sorg-a")
	maxTopicSuffix      = 3 // a finished word may lack this much of a topic word ("ensom" → ensomhet)
	minCompoundPart     = 3 // each part of a compound has at least this much ("rus-avhengig")
	minCompoundHead     = 5 // a topic word ending a compound ("bryst-kreft"; "om-sorg" is care, not grief)
)

// tieWeight breaks ties between readings of equal score: a municipality's
// name beats a topic, a topic beats the weaker kinds of place ("ang" is
// angst before the postal place Angvik), and a region is the weakest place
// ("Os Hordaland" reads Os, which Hordaland then qualifies).
var tieWeight = [...]int{entMunicipality: 4, entParallel: 2, entFormer: 2, entRegion: 0, entDistrict: 2,
	entPostal: 1, entTopic: 3, entSynonym: 3, entContact: 0}

// Reading scores: score = readingScale × (quality × words) + tie weight,
// minus pairPenalty when two names share the words (one name explaining
// them beats two readings: "sor var" is Sør-Varanger, not sorg + Vardø).
const (
	readingScale = 8
	pairPenalty  = 5
)

// genericTopic is the topic of mixed groups ("samtalegruppe",
// "selvhjelpsgruppe", "blandet gruppe"): it never outranks a named topic,
// so "selvhjelpsgruppe angst" reads angst.
const genericTopic = "paa-tvers"

// Options tune one search.
type Options struct {
	Limit        int    // most results and suggestions; 0 means the default
	Municipality string // preset place (a widget attribute), used when the query names none
	Topic        string // preset topic id, used when the query names none
}

// Defaults for Options.Limit = 0.
const (
	DefaultSuggestions = 8
	DefaultResults     = 10
	maxSpanWords       = 4 // longest name in words ("Bø i Telemark", "Anonyme Alkoholikere")
	maxTopics          = 4 // most topics read from one query
)

// Topic notes (Response.TopicNote).
const (
	TopicNoteLocal  = "local"  // a local contact point lists the topic
	TopicNoteNearby = "nearby" // none local does; the nearest that does is in the results
	TopicNoteNone   = "none"   // no contact point in the dataset lists the topic
)

// Place.Via values: how a place was found when the query did not name it.
const (
	ViaPreset   = "preset"   // Options.Municipality
	ViaPosition = "position" // Near: the municipality of the nearest postcode point
)

// token is one word of the folded query.
type token struct {
	a, b     int // bytes of the folded query
	stop     bool
	digits   bool
	common   bool // an ordinary word: never a place
	crisis   bool // part of a crisis word or phrase: never a place
	cue      bool // a crisis cue's word: a known word, no misspelling of a name
	person   bool // a person's name ("jeg heter Hege Lier"): never a place
	upper    bool // typed with a capital first letter, not at a sentence's start
	capital  bool // typed with a capital first letter (the query not all in capitals)
	acronym  bool // typed all in capitals, two letters or more ("DPS", "NTNU"): no first name
	bracket  bool // right after an opening bracket: a name ends before it
	clause   bool // begins a sentence or clause: after . ! ? , ; : (or first)
	sentence bool // begins a sentence: first, or after . ! ? and a space
	glued    bool // joined to the token before by . / or : with no space ("12.03")
	dotted   bool // joined to the word before by a dot, no space ("Kr.sand")
	// stuck is digits and letters typed together with nothing between,
	// either way round ("H0302", "12b"): a code or a flat's number.
	stuck bool
	// hyphened is joined to the word before by a hyphen, no space: that
	// word is a compound's first part ("raufoss-anlegget").
	hyphened bool
	arrowed  bool // an arrow stands right before it ("Oslo→Tromsø", "->"): the place before is whence
	plainE   bool // the one letter e typed so: the dialect "er", not "æ" (isWriter)
	writerI  bool // the English "I" (markEnglishI): the writer (isWriter)
	// noun is a word after an article ("en kjeller"): a thing, never a
	// place; it may still name a topic.
	noun bool
	// suspended is a compound's first part, its head left for later ("bo-
	// og servicesenter", "rus- og psykiatritjenesten"): never a place.
	suspended bool
	marks     uint32 // the marked letters typed (marksOf): no name without them
	role      int8   // whose place a name beginning here is: roleLives, roleElsewhere, 0
	code      string // a postcode typed in two parts ("50 03"), on the first part
}

// qspan is a run of words read as one name.
type qspan struct {
	i, j    int // first and last token
	key     string
	content int  // words that are not stop words
	tail    bool // ends the query, and its last word is still being typed
	end     bool // ends the query, typed or not
	common  bool // every word is a common word
	noun    bool // a word of it follows an article: never a place
	region  bool // the key is exactly a region's or county's name
	// sentence says the query holds a common word: its last word is
	// more likely finished, so it needs more letters to resolve a place.
	sentence bool
	// message says the query is a message (messageWords or more); cued
	// that the span is told as a place (a capital letter, a place
	// preposition before it, a place cue, or a clause of its own after
	// the first: "… jeg er alene nå. kirkenes").
	message, cued bool
	// short says every word of several is shorter than minJoinedPart
	// letters: joined, they make a name only where a place is said to be
	// ("et ne répond" is no Etne; "i bo dø" is Bodø, split by dictation,
	// and "i Bod ø" by autocorrect; "hauge sund" is long enough).
	short bool
}

// minJoinedPart is the shortest word of several that, joined, make a name
// of one word.
const minJoinedPart = 3

// scratch is the per-search working memory, pooled.
type scratch struct {
	fold  []byte
	toks  []token
	spans []qspan
	ms    []match
	cand  []int32
	key   []byte
	order []int
	seen  []struct {
		kind    byte
		id, key string
	}
	bestPlace, bestTopic []int
	// stamp and slot dedupe matches per span: stamp[entry] == gen when the
	// entry matched this span, at ms[slot[entry]].
	stamp []uint32
	slot  []int32
	gen   uint32
	// lastOpen is set by words: the last word is still being typed.
	lastOpen bool
	// lang is the language bit of a query in another language than
	// Norwegian or Sami, else -1 (foreignLanguage, set once by words).
	lang int
	// looked holds, per distinct lookup of this query, where its matches
	// are in ms: a span repeated ("bergen bergen bergen …") is looked up
	// once and its matches copied (bounded work per query, issue 19).
	looked map[lookupParams]lookedUp
	// typoLookups counts the lookups of this query that reached the typo
	// stage (maxTypoLookups).
	typoLookups int
	// typed is the set of the query's words as typed (markPlainWords).
	typed map[string]bool
	// hits are the contact point words a lookup found.
	hits []contactWord
	// cues are the crisis cues found (markCrisisCues).
	cues []cueAtPos
	// hashes are the hashed features of fold the signals read, hashed
	// once for all of them (signalHashes); hashed says they are this
	// query's.
	hashes []uint32
	hashed bool
	// theirs says help is wanted where someone else lives (markRoles):
	// their home outranks the writer's (placeRank).
	theirs bool
}

func (e *Engine) getScratch() *scratch {
	if s := e.pool.get(); s != nil {
		return s
	}
	return &scratch{stamp: make([]uint32, len(e.entries)), slot: make([]int32, len(e.entries))}
}

// reading is the chosen interpretation of the query.
type reading struct {
	place     int // match index or -1
	placeSpan int
	pc        int    // postcode index or -1
	pcToken   int    // the token holding it
	pcPrefix  string // 1-3 digits being typed: postcode suggestions
	topics    []int  // match indexes, best first
	crisis    bool
	bereaved  bool   // a suicide told of someone else ("min bror tok livet sitt"): grief too
	violent   bool   // violence told by a crisis rule ("kona mi slår meg"): the topic of abuse first
	onAnother bool   // a crisis word turned back on another ("truer med å drepe seg"): crisisOnAnother
	abroad    string // a place outside Norway named, folded ("stockholm")
	// placeAlternative are the municipalities the place's words also name.
	placeAlternative []int32
	// placeAlternativeMatches are the matches behind placeAlternative.
	placeAlternativeMatches []int
	countyPick              int32 // the target a region word chose, or -1
}

func (r *reading) topic() int {
	if len(r.topics) == 0 {
		return -1
	}
	return r.topics[0]
}

// where is the place a search resolved: what results are measured from.
type where struct {
	muni    int32   // municipality index, or -1
	members []int32 // every municipality that counts as local
	lat     float64
	lon     float64
	point   bool // lat/lon are set
	terr    int  // territory index, or -1
}

// Search reads a place, topics and crisis words from query and returns the
// contract response. See README.md for how a query is understood. The
// steps: clean → words → spans and candidates → reading → place and topics
// → suggestions → results.
func (e *Engine) Search(query string, opts Options) Response {
	q := CleanQuery(query)
	resp := Response{Query: q, Suggestions: []Suggestion{}, Results: []Result{}}
	nSug, nRes := limits(opts)
	s := e.getScratch()
	defer e.pool.put(s)

	r := reading{place: -1, placeSpan: -1, pc: -1, pcToken: -1, countyPick: -1}
	e.words(s, q, endsOpen(query), &r)
	if r.crisis && len(e.crisisLines) > 0 {
		resp.Crisis = &Crisis{Lines: e.crisisLines}
		e.lex.crisisLanguage(s, resp.Crisis)
	}
	e.spans(s, q, nSug)
	e.choose(s, &r)

	w := e.resolvePlace(s, &r, &resp, opts)
	topics := e.resolveTopics(s, &r, &resp, opts)

	resp.Suggestions = e.suggestions(s, &r, w.muni, r.pcPrefix, nSug)
	if q == "" && resp.Place == nil && resp.Topic == nil {
		return resp // nothing asked yet
	}
	resp.Results, resp.TopicNote = e.results(w, topics, nRes)
	return resp
}

// endsOpen reports whether the last word of a raw query is still being
// typed: a trailing space finishes it, and so does a mark that ends a
// sentence or clause ("er det anonymt?" asks no "Anonyme Narkomane").
func endsOpen(raw string) bool {
	if raw == "" {
		return true
	}
	return !strings.ContainsRune(" \t\n.?!,;:", rune(raw[len(raw)-1]))
}

func limits(opts Options) (sug, res int) {
	if opts.Limit > 0 {
		return opts.Limit, opts.Limit
	}
	return DefaultSuggestions, DefaultResults
}

// isRegionWord reports whether w, a folded word, names a county or region:
// after a place word it says which of its namesakes is meant ("os
// hordaland", "time rogaland").
func (e *Engine) isRegionWord(w string) bool {
	for _, j := range e.exact[w] {
		if e.entries[j].kind == entRegion {
			return true
		}
	}
	return false
}

// isWordByte reports whether c can be part of a word (any byte of a
// multi-byte letter counts).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// spans looks up every run of up to maxSpanWords words (stop words
// inside, crisis words never) as one name, spaces removed ("sør varanger"
// = "sorvaranger").
func (e *Engine) spans(s *scratch, q string, want int) {
	toks, fold := s.toks, s.fold
	s.spans = s.spans[:0]
	s.ms = s.ms[:0]
	upper := upperWords(q)
	if s.looked == nil {
		s.looked = map[lookupParams]lookedUp{}
	}
	clear(s.looked)
	s.typoLookups = 0
	last := len(toks) - 1
	open := s.open(last)
	sentence := s.sentence()
	for i := range toks {
		if toks[i].stop && !toks[i].crisis {
			e.splitTopic(s, i, want, sentence)
		}
		if toks[i].stop || toks[i].crisis {
			continue
		}
		content, common, anyCommon, known, noun, short := 0, true, false, true, false, true
		var marks uint32
		for j := i; j < len(toks) && j < i+maxSpanWords+2; j++ {
			if toks[j].crisis {
				break
			}
			noun = noun || toks[j].noun
			marks |= toks[j].marks
			short = short && toks[j].b-toks[j].a < minJoinedPart
			if !toks[j].stop {
				content++
				common = common && toks[j].common
				anyCommon = anyCommon || toks[j].common
				known = known && (toks[j].common || toks[j].cue)
			}
			if content > maxSpanWords {
				break
			}
			s.key = s.key[:0]
			for k := i; k <= j; k++ {
				s.key = append(s.key, fold[toks[k].a:toks[k].b]...)
			}
			if len(s.key) > 2*maxDL {
				break
			}
			// A name may end in a stop word ("blandet gruppe"): only
			// exactly.
			exactOnly := toks[j].stop
			if exactOnly && (j == i || len(e.exact[string(s.key)]) == 0) {
				continue
			}
			sp := qspan{i: i, j: j, key: string(s.key), content: content, tail: j == last && open, end: j == last, common: common, noun: noun,
				sentence: sentence, message: len(toks) >= messageWords, short: j > i && short,
				cued: e.cued(s, i, j)}
			for _, x := range e.exact[sp.key] {
				sp.region = sp.region || e.entries[x].kind == entRegion
			}
			s.spans = append(s.spans, sp)
			// Several words with a common one ("bor i bergen") are a name
			// only exactly ("Stor-Elvdal") or, typed last, by their
			// beginning ("sor var"); a common word is no near miss
			// of anything: the typo stages, the costly ones in a
			// sentence, are skipped for both.
			e.lookupOnce(s, lookupParams{key: sp.key, span: int16(len(s.spans) - 1), tail: j == last, marks: marks,
				upper: i == j && upper[sp.key], multi: j > i, want: want,
				exactOnly: exactOnly || j > i && anyCommon && j != last, noTypos: known || j > i && anyCommon,
				finished: sp.message && !sp.tail})
		}
	}
	e.abbreviations(s, open)
}

// splitTopic reads a topic's name split after a stop word, as dictation
// and autocorrect split it ("på rørende" is "pårørende"): the stop word and
// the next word, joined, exactly a topic's name.
func (e *Engine) splitTopic(s *scratch, i, want int, sentence bool) {
	if i+1 >= len(s.toks) || s.toks[i+1].stop || s.toks[i+1].crisis {
		return
	}
	key := string(s.word(i)) + string(s.word(i+1))
	topic := false
	for _, x := range e.exact[key] {
		topic = topic || isTopicKind(e.entries[x].kind)
	}
	if !topic {
		return
	}
	s.spans = append(s.spans, qspan{i: i, j: i + 1, key: key, content: 1, end: i+1 == len(s.toks)-1,
		sentence: sentence, message: len(s.toks) >= messageWords, cued: true})
	e.lookupOnce(s, lookupParams{key: key, span: int16(len(s.spans) - 1), multi: true, want: want, exactOnly: true, noTypos: true})
}

// maxAbbrevHead is the longest beginning of a dotted abbreviation
// ("Kr.sand", "Tr.heim").
const maxAbbrevHead = 3

// abbreviations reads a name written as its beginning, a dot and its end
// ("Kr.sand" is Kristiansand, "Tr.heim" Trondheim, "Kr.sund" Kristiansund):
// the municipality whose name begins and ends so, when only one does.
func (e *Engine) abbreviations(s *scratch, open bool) {
	last := len(s.toks) - 1
	for i := 0; i < last; i++ {
		head, tail := string(s.word(i)), string(s.word(i+1))
		if !s.toks[i+1].dotted || s.toks[i].digits || s.toks[i+1].digits || len(head) > maxAbbrevHead || len(tail) < minCompoundPart {
			continue
		}
		found, muni := int32(-1), int32(-1)
		for j := range e.entries {
			en := &e.entries[j]
			if en.kind != entMunicipality || len(en.fold) <= len(head)+len(tail) ||
				!strings.HasPrefix(en.fold, head) || !strings.HasSuffix(en.fold, tail) {
				continue
			}
			if muni >= 0 && en.targets[0] != muni {
				found = -1
				break
			}
			found, muni = int32(j), en.targets[0]
		}
		if found < 0 {
			continue
		}
		en := &e.entries[found]
		fz := make([]int, 0, len(head)+len(tail))
		for k := range len(head) {
			fz = append(fz, k)
		}
		for k := len(en.fold) - len(tail); k < len(en.fold); k++ {
			fz = append(fz, k)
		}
		s.spans = append(s.spans, qspan{i: i, j: i + 1, key: head + tail, content: 2, tail: i+1 == last && open,
			sentence: s.sentence(), message: len(s.toks) >= messageWords, cued: true})
		s.ms = append(s.ms, match{entry: found, span: int16(len(s.spans) - 1), q: qExact, how: howExact, hl: hlFuzzy, fz: fz})
	}
}

// sentence reports whether the query holds a common word.
func (s *scratch) sentence() bool {
	for _, t := range s.toks {
		if t.common {
			return true
		}
	}
	return false
}

// ownPlaceAfter reports whether the postcode pc, typed at token i, has its
// own postal place's name, or its first word, right after it: "1911
// flateby" is a postcode, not a year, and "3800 bø" is Bø i Telemark.
func (e *Engine) ownPlaceAfter(s *scratch, pc, i int) bool {
	return splitOn(foldKeyWords(e.postcodes[pc].place), " ")[0] == string(s.word(i+1))
}

// cued reports whether the words i..j are said to be a place: a capital,
// a place cue or preposition before them, a clause of their own ("… alene
// nå. kirkenes", "kolbotn, datter med …"), or a region after them ("reine i
// lofoten", "hof i vestfold").
func (e *Engine) cued(s *scratch, i, j int) bool {
	toks, last := s.toks, len(s.toks)-1
	switch {
	case toks[i].capital || toks[i].role != 0 || e.lex.placePreposition[string(s.word(i-1))]:
		return true
	case (i == 0 || toks[i].clause) && (j == last || toks[j+1].clause) && (i > 0 || j < last):
		return true
	case j < last && toks[j+1].hyphened:
		return true // the first part of a compound: "hele raufoss-anlegget", "Tromsø-kontoret"
	}
	return j+2 <= last && e.lex.placePreposition[string(s.word(j+1))] && e.isRegionWord(string(s.word(j+2)))
}

// maxRepeats is how many spans of one query may carry the matches of the
// same lookup: a name said again adds nothing a reading needs after a few
// times, and a crafted query that repeats one word hundreds of times
// ("a a a …", 16,000 matches) would otherwise cost work in proportion.
const maxRepeats = 4

// lookupOnce looks p up, or copies the matches of the same lookup made
// earlier in this query for another span (up to maxRepeats spans in all).
func (e *Engine) lookupOnce(s *scratch, p lookupParams) {
	span := p.span
	p.span = 0 // the memo's key: everything but where the span is
	if r, ok := s.looked[p]; ok {
		if r.spans >= maxRepeats {
			return
		}
		r.spans++
		s.looked[p] = r
		for i := r.first; i < r.end; i++ {
			m := s.ms[i]
			m.span = span
			s.ms = append(s.ms, m)
		}
		return
	}
	first := len(s.ms)
	p.span = span
	s.ms = e.lookup(s.ms, p, s)
	p.span = 0
	s.looked[p] = lookedUp{first: int32(first), end: int32(len(s.ms)), spans: 1}
}

// lookedUp is a lookup made for a query: its matches s.ms[first:end], and
// how many spans carry them so far.
type lookedUp struct {
	first, end int32
	spans      int16
}

// open reports whether token i is the last and still being typed; the
// flag is kept on the scratch by words.
func (s *scratch) open(i int) bool { return i >= 0 && i == len(s.toks)-1 && s.lastOpen }

// upperWords returns, folded, the words of q typed in capitals ("AA").
func upperWords(q string) map[string]bool {
	var out map[string]bool
	start := -1
	for i := 0; i <= len(q); i++ {
		isUp := i < len(q) && q[i] >= 'A' && q[i] <= 'Z'
		if isUp {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			boundary := i == len(q) || !(q[i] >= 'a' && q[i] <= 'z' || q[i] >= 0x80)
			if boundary && i-start >= 2 {
				if out == nil {
					out = map[string]bool{}
				}
				out[foldKey(q[start:i])] = true
			}
			start = -1
		}
	}
	return out
}

func isPlaceKind(k entryKind) bool { return k <= entPostal }
func isTopicKind(k entryKind) bool { return k == entTopic || k == entSynonym }

func matchedName(kind entryKind) string {
	switch kind {
	case entParallel:
		return MatchedParallel
	case entFormer:
		return MatchedFormer
	case entPostal:
		return MatchedPostalPlace
	case entDistrict:
		return MatchedDistrict
	case entRegion:
		return MatchedRegion
	}
	return MatchedName
}

// better reports whether match a ranks above b: quality, then the kind of
// name (a municipality's own name before a postal place), then its size.
func (e *Engine) better(a, b *match) bool {
	if a.q != b.q {
		return a.q > b.q
	}
	ea, eb := &e.entries[a.entry], &e.entries[b.entry]
	if ea.kind != eb.kind {
		return ea.kind < eb.kind
	}
	if ea.rank != eb.rank {
		return ea.rank > eb.rank
	}
	if len(ea.key) != len(eb.key) {
		return len(ea.key) < len(eb.key)
	}
	return a.entry < b.entry
}

// choose picks the best reading: one place span and the topic spans that
// do not overlap it, scored by quality times the words they explain.
func (e *Engine) choose(s *scratch, r *reading) {
	n := len(s.spans)
	s.bestPlace = slices.Grow(s.bestPlace[:0], n)[:n]
	s.bestTopic = slices.Grow(s.bestTopic[:0], n)[:n]
	bestPlace, bestTopic := s.bestPlace, s.bestTopic
	for i := range bestPlace {
		bestPlace[i], bestTopic[i] = -1, -1
	}
	for i := range s.ms {
		m := &s.ms[i]
		sp := &s.spans[m.span]
		if !e.resolvable(m, sp) {
			continue
		}
		k := e.entries[m.entry].kind
		switch {
		case isPlaceKind(k):
			if sp.region && m.how != howExact {
				continue // "Vestland" is a county, not a near miss of a place
			}
			if b := bestPlace[m.span]; b < 0 || e.better(m, &s.ms[b]) {
				bestPlace[m.span] = i
			}
		case isTopicKind(k):
			if b := bestTopic[m.span]; b < 0 || e.better(m, &s.ms[b]) {
				bestTopic[m.span] = i
			}
		}
	}
	// Words that are surely a topic ("rus", exactly) are no weaker
	// reading of a place (the beginning of Russenes), and a place's own
	// name is no near miss of a topic word ("sandnes" is not "sadness").
	for i := range bestPlace {
		if p, t := bestPlace[i], bestTopic[i]; p >= 0 && t >= 0 {
			switch {
			case s.ms[t].q > s.ms[p].q:
				bestPlace[i] = -1
			case s.ms[p].q > s.ms[t].q:
				bestTopic[i] = -1
			}
		}
	}
	// Whose place: a place where the writer lives outranks the others, and
	// a place without a cue outranks someone else's home and one told as
	// elsewhere (markRoles, placeRank).
	role := func(p int) int8 { return placeRank(s.toks[s.spans[p].i].role, s.theirs) }
	topRole := int8(math.MinInt8)
	if r.pc >= 0 {
		topRole = placeRank(s.toks[r.pcToken].role, s.theirs)
	}
	for p := range bestPlace {
		if bestPlace[p] >= 0 {
			topRole = max(topRole, role(p))
		}
	}
	for p := range bestPlace {
		if bestPlace[p] >= 0 && role(p) < topRole {
			bestPlace[p] = -1
		}
	}
	if r.pc >= 0 && placeRank(s.toks[r.pcToken].role, s.theirs) < topRole {
		r.pc = -1
	}
	// A postcode is weaker than a place named in words: four digits in the
	// range of years are often a year ("bilulykke 2019 … gruppe i
	// Larvik"), and digits are swapped more often than a town is misnamed
	// ("lillehammer 2690" is 2609, not Skjåk). They give way to a named
	// place of another municipality; their own postal place's name after
	// them is theirs ("3800 bø" is Bø in Telemark, not Bø in Nordland).
	own := r.pc >= 0 && e.ownPlaceAfter(s, r.pc, r.pcToken)
	if r.pc >= 0 {
		for p := range bestPlace {
			if bestPlace[p] >= 0 && own && s.spans[p].i == r.pcToken+1 {
				bestPlace[p] = -1
			}
			if bestPlace[p] >= 0 && !slices.Contains(e.entries[s.ms[bestPlace[p]].entry].targets, e.postcodes[r.pc].muni) {
				r.pc = -1
				break
			}
		}
	}
	// In a sentence, four digits in the range of years after other words
	// are a year unless a place cue or their own postal place says postcode
	// or a clause of their own ("russ 2025 og drikker for mye",
	// "selvmordstall i Norge 2023"; "angst 2000", "2000 angst", "jeg bor på
	// 2000 og har angst" and "… er lei meg. 2000" still are).
	if i := r.pcToken; r.pc >= 0 && i > 0 && s.toks[i].code == "" && s.toks[i].role == 0 && !e.cued(s, i, i) &&
		isYear(s.word(i)) && s.sentence() && !own {
		named := false
		for p := range bestPlace {
			named = named || bestPlace[p] >= 0 && slices.Contains(e.entries[s.ms[bestPlace[p]].entry].targets, e.postcodes[r.pc].muni)
		}
		if !named {
			r.pc = -1
		}
	}
	base := func(mi int) int { return int(s.ms[mi].q) * s.spans[s.ms[mi].span].content }
	weight := func(mi int) int { return tieWeight[e.entries[s.ms[mi].entry].kind] }
	overlap := func(a, b int) bool {
		x, y := &s.spans[a], &s.spans[b]
		return x.i <= y.j && y.i <= x.j
	}
	pcOverlap := func(t int) bool { return t >= 0 && s.spans[t].i <= r.pcToken && r.pcToken <= s.spans[t].j }
	bestTotal, bp, bt, usePC := 0, -1, -1, false
	consider := func(placeBase, placeW, t, p int, pc bool) {
		total := readingScale*placeBase + placeW
		if t >= 0 {
			tb, tw := base(bestTopic[t]), weight(bestTopic[t])
			if placeBase > 0 {
				total = readingScale*(placeBase+tb) + max(placeW, tw) - pairPenalty
			} else {
				total = readingScale*tb + tw
			}
		}
		if total > bestTotal {
			bestTotal, bp, bt, usePC = total, p, t, pc
		}
	}
	for t := -1; t < n; t++ {
		if t >= 0 && bestTopic[t] < 0 {
			continue
		}
		if r.pc >= 0 && !pcOverlap(t) {
			consider(qExact, tieWeight[entMunicipality], t, -1, true)
		}
		for p := 0; p < n; p++ {
			if bestPlace[p] < 0 || (t >= 0 && overlap(p, t)) {
				continue
			}
			consider(base(bestPlace[p]), weight(bestPlace[p]), t, p, false)
		}
		if t >= 0 {
			consider(0, 0, t, -1, false)
		}
	}
	if !usePC {
		r.pc = -1
	}
	if bp >= 0 {
		e.setPlace(s, r, bestPlace[bp])
	}
	// Topics: the chosen one, then every other topic span that overlaps
	// neither the place nor a topic already read, best first.
	if bt >= 0 {
		r.topics = append(r.topics[:0], bestTopic[bt])
		for len(r.topics) < maxTopics {
			next := -1
			for t := 0; t < n; t++ {
				mi := bestTopic[t]
				if mi < 0 || (r.placeSpan >= 0 && overlap(t, r.placeSpan)) || (usePC && pcOverlap(t)) {
					continue
				}
				clash := false
				for _, x := range r.topics {
					clash = clash || overlap(t, int(s.ms[x].span)) ||
						e.entries[s.ms[x].entry].targets[0] == e.entries[s.ms[mi].entry].targets[0]
				}
				if clash {
					continue
				}
				if next < 0 || base(mi) > base(next) {
					next = mi
				}
			}
			if next < 0 {
				break
			}
			r.topics = append(r.topics, next)
		}
		// Best first, and among equals in the order typed ("angst og
		// depresjon"); the generic topic never before a named one.
		sort.SliceStable(r.topics, func(i, j int) bool {
			a, b := r.topics[i], r.topics[j]
			ga, gb := e.isGeneric(s, a), e.isGeneric(s, b)
			if ga != gb {
				return gb
			}
			if d := base(b) - base(a); d != 0 {
				return d < 0
			}
			return s.spans[s.ms[a].span].i < s.spans[s.ms[b].span].i
		})
		if len(r.topics) > 1 && e.isGeneric(s, r.topics[len(r.topics)-1]) {
			r.topics = r.topics[:len(r.topics)-1]
		}
	}
	e.qualify(s, r, overlap)
}

// isGeneric reports whether topic match mi is the generic topic.
func (e *Engine) isGeneric(s *scratch, mi int) bool {
	return e.topics[e.entries[s.ms[mi].entry].targets[0]].ID == genericTopic
}

// setPlace makes match mi the place; an exact name also collects the other
// municipalities the same words name ("Herøy", "Os").
func (e *Engine) setPlace(s *scratch, r *reading, mi int) {
	r.place, r.placeSpan = mi, int(s.ms[mi].span)
	r.placeAlternative = r.placeAlternative[:0]
	r.placeAlternativeMatches = r.placeAlternativeMatches[:0]
	best := &s.ms[mi]
	if best.how != howExact || e.entries[best.entry].kind == entRegion {
		return
	}
	for i := range s.ms {
		m := &s.ms[i]
		k := e.entries[m.entry].kind
		if int(m.span) == r.placeSpan && m.how == howExact && isPlaceKind(k) && k != entRegion {
			r.placeAlternative = append(r.placeAlternative, e.entries[m.entry].targets...)
			r.placeAlternativeMatches = append(r.placeAlternativeMatches, i)
		}
	}
}

// qualify lets a region or county named beside a place pick its reading:
// "Herøy Nordland", "Os Hordaland" (Bjørnafjorden, not Os in Innlandet),
// "Førde Sogn og Fjordane" (Førde, which the region only confirms).
func (e *Engine) qualify(s *scratch, r *reading, overlap func(a, b int) bool) {
	if r.place < 0 {
		return
	}
	topicOverlap := func(sp int) bool {
		for _, t := range r.topics {
			if overlap(sp, int(s.ms[t].span)) {
				return true
			}
		}
		return false
	}
	if en := &e.entries[s.ms[r.place].entry]; en.kind == entRegion {
		// The place read is a region: a name inside it, elsewhere in the
		// query, is more precise.
		members := en.targets
		best := -1
		for i := range s.ms {
			m := &s.ms[i]
			k := e.entries[m.entry].kind
			if m.how != howExact || !isPlaceKind(k) || k == entRegion || overlap(int(m.span), r.placeSpan) ||
				topicOverlap(int(m.span)) || !e.resolvable(m, &s.spans[m.span]) ||
				!containsAny(e.entries[m.entry].targets, members) {
				continue
			}
			if best < 0 || e.better(m, &s.ms[best]) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		e.setPlace(s, r, best)
		for _, t := range e.entries[s.ms[best].entry].targets {
			if containsAny(members, []int32{t}) {
				r.countyPick = t
				break
			}
		}
	}
	if len(r.placeAlternativeMatches) == 0 || e.qualifyNear(s, r) {
		return
	}
	for i := range s.ms {
		m := &s.ms[i]
		en := &e.entries[m.entry]
		if en.kind != entRegion || m.how != howExact || overlap(int(m.span), r.placeSpan) {
			continue
		}
		for _, mi := range r.placeAlternativeMatches {
			for _, t := range e.entries[s.ms[mi].entry].targets {
				if t >= 0 && containsAny(en.targets, []int32{t}) {
					r.place = mi
					r.countyPick = t
					return
				}
			}
		}
	}
}

// qualifyNear lets a place named right after a preposition that says near
// pick the namesake of the place before it: "Os ved Bergen" is the Os
// nearest Bergen (Bjørnafjorden, not Os in Innlandet), "Vik nær Sogndal"
// the Vik in Sogn. It reports whether it picked one.
func (e *Engine) qualifyNear(s *scratch, r *reading) bool {
	k := s.spans[r.placeSpan].j + 1 // the preposition
	if k+1 >= len(s.toks) || !e.lex.near[string(s.word(k))] {
		return false
	}
	near := int32(-1)
	for i := range s.ms {
		m := &s.ms[i]
		if en := &e.entries[m.entry]; m.how == howExact && s.spans[m.span].i == k+1 && isPlaceKind(en.kind) && en.kind != entRegion {
			if near = e.bestTarget(en.targets); near >= 0 {
				break
			}
		}
	}
	if near < 0 {
		return false
	}
	to := e.munis[near].m
	best, bestT, bestKm := -1, int32(-1), math.Inf(1)
	for _, mi := range r.placeAlternativeMatches {
		for _, t := range e.entries[s.ms[mi].entry].targets {
			if t < 0 {
				continue
			}
			if km := haversine(to.Lat, to.Lon, e.munis[t].m.Lat, e.munis[t].m.Lon); km < bestKm {
				best, bestT, bestKm = mi, t, km
			}
		}
	}
	if best < 0 {
		return false
	}
	r.place, r.countyPick = best, bestT
	return true
}

// resolvePlace turns the reading into resp.Place (or resp.Territory) and
// the point results are measured from.
func (e *Engine) resolvePlace(s *scratch, r *reading, resp *Response, opts Options) where {
	w := where{muni: -1, terr: -1}
	setPoint := func(lat, lon float64) {
		if !w.point && (lat != 0 || lon != 0) {
			w.lat, w.lon, w.point = lat, lon, true
		}
	}
	switch {
	case r.pc >= 0:
		p := e.postcodes[r.pc]
		if p.hasPoint {
			setPoint(p.lat, p.lon)
		}
		if p.muni >= 0 {
			w.muni = p.muni
			resp.Place = e.place(p.muni, MatchedPostcode)
			resp.Place.Postcode = p.code
		} else {
			w.terr = territoryOf(p.muni)
		}
		r.place = -1
	case r.place >= 0:
		m := &s.ms[r.place]
		en := &e.entries[m.entry]
		if en.kind == entRegion {
			ri := &e.regions[en.region]
			w.muni, w.members = ri.members[0], ri.members
			resp.Place = e.place(w.muni, MatchedRegion)
			resp.Place.Region = &RegionRef{Name: ri.name, Kind: ri.kind, Municipalities: ri.numbers}
			break
		}
		t := e.bestTarget(en.targets)
		if r.countyPick >= 0 {
			t = r.countyPick
		}
		if t < 0 {
			w.terr = territoryOf(t)
			setPoint(en.lat, en.lon)
			break
		}
		w.muni = t
		resp.Place = e.place(t, matchedName(en.kind))
		if en.kind == entPostal || en.kind == entDistrict {
			setPoint(en.lat, en.lon)
		}
		if en.kind == entDistrict {
			resp.Place.District = en.label
		}
		var alts []int32
		for _, ts := range [][]int32{en.targets, r.placeAlternative} {
			for _, x := range ts {
				if x != t && x >= 0 && !slices.Contains(alts, x) {
					alts = append(alts, x)
				}
			}
		}
		for _, x := range alts {
			resp.Place.Alternatives = append(resp.Place.Alternatives, e.munis[x].m.Number)
		}
	}
	if w.terr >= 0 && w.terr < len(e.terr) {
		t := e.terr[w.terr]
		resp.Territory = &TerritoryRef{Number: t.Number, Name: t.Name}
		setPoint(t.Lat, t.Lon)
	}
	if resp.Place == nil && resp.Territory == nil && opts.Municipality != "" {
		if j, ok := e.muniByNo[opts.Municipality]; ok {
			w.muni = j
			resp.Place = e.place(j, MatchedName)
			resp.Place.Via = ViaPreset
		}
	}
	if w.muni >= 0 {
		if w.members == nil {
			w.members = []int32{w.muni}
		}
		m := e.munis[w.muni].m
		setPoint(m.Lat, m.Lon)
	}
	return w
}

// negatedTopics is the first tokens of the topics read with a negation
// right before them that begins its clause ("ikke angst, men …"), when a
// topic is read without one too: "ikke angst, men depresjon" is
// depression. A negation inside a clause tells the problem ("jobber ikke",
// "kan ikke jobbe", "venner som ikke ruser seg"). Nil when there are none.
func (e *Engine) negatedTopics(s *scratch, r *reading) []int {
	var neg []int
	plain := false
	for _, mi := range r.topics {
		i := s.spans[s.ms[mi].span].i
		if i > 0 && e.lex.negation[string(s.word(i-1))] && s.toks[i-1].clause {
			neg = append(neg, i)
		} else {
			plain = true
		}
	}
	if !plain {
		return nil
	}
	return neg
}

// resolveTopics turns the reading into resp.Topic and resp.Topics and
// returns the topic indexes, best first.
func (e *Engine) resolveTopics(s *scratch, r *reading, resp *Response, opts Options) []int32 {
	var topics []int32
	// judged: a word of a topic read as no topic here, or taken back by a
	// negation; the signals must not read it again.
	negated := e.negatedTopics(s, r)
	judged := negated != nil
	for _, mi := range r.topics {
		if slices.Contains(negated, s.spans[s.ms[mi].span].i) {
			continue // "ikke angst, men depresjon"
		}
		if sp := &s.spans[s.ms[mi].span]; sp.i == sp.j && e.lex.deathWord[string(s.word(sp.i))] {
			switch e.someoneDied(s, sp.i) {
			case -1:
				judged = true
				continue // "jeg er så død i dag"
			case 0:
				continue // "batteriet døde": the signals judge
			}
		}
		topics = append(topics, e.entries[s.ms[mi].entry].targets[0])
	}
	if len(topics) == 0 && opts.Topic != "" {
		if j, ok := e.topicByID[opts.Topic]; ok {
			topics = append(topics, j)
		}
	}
	if !judged {
		topics = e.signalledTopics(s, topics, r.crisis)
	}
	// A group asked for and no problem named ("looking for a support group
	// in Tromsø"): the groups across problems. Its words are stop words, so
	// that they are never a place or a name; here they say what is sought.
	if len(topics) == 0 && !r.crisis {
		if j, ok := e.topicByID[genericTopic]; ok && e.asksForGroup(s, j) {
			topics = append(topics, j)
		}
	}
	// A problem of someone close ("broren min har psykose"), someone close
	// in crisis, or someone close said to have or be something, named by a
	// topic or not ("sønnen min er homofil", "pappa er i fengsel"): the
	// relatives' groups first, then the problem's own.
	lead := int32(-1)
	if j, ok := e.topicByID[carerTopic]; ok && (len(topics) > 0 && e.aboutSomeoneClose(s, r) ||
		r.crisis && !r.bereaved && e.crisisOfSomeoneClose(s, r) || e.forSomeoneClose(s) ||
		!r.crisis && (e.kinInSearchWords(s) || e.kinHasSomething(s))) {
		lead = j
	}
	// Bereaved by suicide: the crisis lines, and the grief groups first
	// ("kollegaen min tok livet sitt" is grief before work).
	if j, ok := e.topicByID[griefTopic]; ok && r.bereaved {
		lead = j
	}
	// Violence against the writer or someone close: the crisis lines, and
	// first the groups for a crisis of life, where abuse belongs ("mamma
	// slår meg når hun drikker": abuse, then alcohol).
	if j, ok := e.topicByID[abuseTopic]; ok && r.violent {
		lead = j
	}
	if lead >= 0 {
		out := append(make([]int32, 0, len(topics)+1), lead)
		for _, t := range topics {
			if t != lead {
				out = append(out, t)
			}
		}
		topics = out
	}
	for _, j := range topics {
		t := e.topics[j]
		resp.Topics = append(resp.Topics, TopicRef{ID: t.ID, Name: t.Name})
	}
	if len(resp.Topics) > 0 {
		resp.Topic = &TopicRef{ID: resp.Topics[0].ID, Name: resp.Topics[0].Name}
	}
	return topics
}

// asksForGroup reports whether a word, or two words together, of the
// query name topic j exactly ("support group", "selvhjelpsgrupper").
func (e *Engine) asksForGroup(s *scratch, j int32) bool {
	names := func(key string) bool {
		for _, x := range e.exact[key] {
			if en := &e.entries[x]; isTopicKind(en.kind) && en.targets[0] == j {
				return true
			}
		}
		return false
	}
	for i := range s.toks {
		w := string(s.word(i))
		if names(w) || i+1 < len(s.toks) && names(w+string(s.word(i+1))) {
			return true
		}
	}
	return false
}

// deathReach is how far before a death word the one who died may be named.
const deathReach = 4

// someoneDied tells whether the death word at token i tells of a person's
// death: 1 when someone else or a person is named before it ("pappa døde",
// "min mand er død"), -1 when the writer is its subject ("jeg er så død i
// dag", "I'm dead", "i Fortnite døde jeg"), and 0 when nothing says whose:
// then the word reads no topic and the signals judge ("batteriet døde",
// "hamsteren døde"), since a thing dies in everyday talk far more often
// than a person nobody names.
func (e *Engine) someoneDied(s *scratch, i int) int8 {
	for k := i - 1; k >= 0 && k >= i-deathReach; k-- {
		w := string(s.word(k))
		switch {
		case e.lex.someoneElse(s.toks[k], w) || e.lex.personNoun[w]:
			return 1
		case e.lex.isWriter(s.toks[k], w):
			return -1
		}
	}
	// The writer right after it is its subject ("i Fortnite døde jeg"),
	// not when a new clause begins ("min mand er død, jeg bor i Odense").
	if i+1 < len(s.toks) && !s.toks[i+1].clause && e.lex.isWriter(s.toks[i+1], string(s.word(i+1))) {
		return -1
	}
	return 0
}

// carerTopic is the topic of relatives and carers.
const carerTopic = "parorende"

// abuseTopic is the topic that violence and abuse belong to (the topic
// words of abuse read it too: data/lexicon.json).
const abuseTopic = "livskriser"

// ownTopics are the topics a person close to the writer cannot have for
// them: a loss and a break-up are the writer's own ("kona mi har forlatt
// meg"), and the mixed groups are for anyone. A crisis of life (abuse,
// bullying) is someone close's when the writer is not in its clause
// (writerInClause).
var ownTopics = []string{griefTopic, "samlivsbrudd", genericTopic, carerTopic}

// aboutSomeoneClose reports whether a topic read is the problem of
// someone close to the writer: the nearest person named before its words
// is a kin word ("sønnen min ruser seg", "my husband drinks"), not the
// writer ("jeg har angst fordi mamma er syk" is the writer's); the writer
// counts only right before the problem (ownerGap). Any topic read counts,
// not only the first: "mannen min får cellegift og jeg har ingen å prate
// med" is a wife beside her husband's cancer, lonely as she is.
func (e *Engine) aboutSomeoneClose(s *scratch, r *reading) bool {
	for _, mi := range r.topics {
		if e.closeOnesProblem(s, mi) {
			return true
		}
	}
	return false
}

// closeOnesProblem reports whether the topic match mi is someone close's.
func (e *Engine) closeOnesProblem(s *scratch, mi int) bool {
	id := e.topics[e.entries[s.ms[mi].entry].targets[0]].ID
	sp := &s.spans[s.ms[mi].span]
	if slices.Contains(ownTopics, id) || id == abuseTopic && e.writerInClause(s, sp.i, sp.j) {
		return false
	}
	if e.ownerIsKin(s, sp.i) {
		return true
	}
	// "kreft hos mamma", "gamblingproblem hos kjæresten": someone close
	// right after the problem, and the writer not right before it.
	for k := sp.j + 1; k < len(s.toks) && k <= sp.j+kinAfterProblem; k++ {
		w := string(s.word(k))
		if e.lex.isWriter(s.toks[k], w) {
			return false
		}
		if e.lex.isKin(w) {
			return !e.writerBefore(s, sp.i)
		}
	}
	return false
}

// writerInClause reports whether the writer is named in the clause of
// tokens i..j: "mannen min slår meg" is the writer's crisis, "datteren min
// blir mobbet" her daughter's.
func (e *Engine) writerInClause(s *scratch, i, j int) bool {
	for k := i; k >= 0; k-- {
		w := string(s.word(k))
		if e.lex.isWriter(s.toks[k], w) {
			return true
		}
		// Someone close named nearer the problem is its subject: "vi er to
		// fedre og barnet vårt blir mobbet".
		if s.toks[k].clause || e.lex.isKin(w) {
			break
		}
	}
	for k := j + 1; k < len(s.toks) && !s.toks[k].clause; k++ {
		if e.lex.isWriter(s.toks[k], string(s.word(k))) {
			return true
		}
	}
	return false
}

// kinAfterProblem is how many words after a problem its owner may be named
// ("kreft hos mamma").
const kinAfterProblem = 2

// writerBefore reports whether the writer stands within ownerGap content
// words before token at.
func (e *Engine) writerBefore(s *scratch, at int) bool {
	gap := 0
	for i := at - 1; i >= 0 && gap < ownerGap; i-- {
		if e.lex.isWriter(s.toks[i], string(s.word(i))) {
			return true
		}
		if !s.toks[i].stop {
			gap++
		}
	}
	return false
}

// crisisOfSomeoneClose reports whether the crisis read is someone close's
// ("datteren min på 14 kutter seg", "kjæresten min sier han skal ta livet
// sitt"): the nearest person before the first crisis word (or, when only
// the signal read it, before the end) is a kin word, not the writer right
// before it. The writer is then a relative: the crisis lines, and the
// relatives' groups.
func (e *Engine) crisisOfSomeoneClose(s *scratch, r *reading) bool {
	at := len(s.toks)
	for i, t := range s.toks {
		if t.crisis {
			at = i
			break
		}
	}
	if r.onAnother {
		return e.kinIn(s) // "kjæresten min truer med å drepe seg"
	}
	return e.ownerIsKin(s, at)
}

// reflexiveReach is how many words after a crisis word a reflexive may
// turn it back on its subject: "truer med å drepe seg".
const reflexiveReach = 4

// crisisOnAnother reports whether a crisis word the rules read turns back
// on someone other than the writer: a reflexive in it or a few words after
// it in its clause, the writer not between ("drepe seg", "kill herself",
// "ta livet sitt", "truer med å drepe seg").
func (e *Engine) crisisOnAnother(s *scratch) bool {
	for k, t := range s.toks {
		if !t.crisis {
			continue
		}
		for j := k; j < len(s.toks) && j <= k+reflexiveReach && (j == k || !s.toks[j].clause); j++ {
			w := string(s.word(j))
			if e.lex.reflexive[w] {
				return true
			}
			if e.lex.isWriter(s.toks[j], w) {
				break
			}
		}
	}
	return false
}

// behalfReach is how many words after a behalf phrase someone close may be
// named: "spør for søstera mi", "asking for my little brother".
const behalfReach = 3

// forSomeoneClose reports whether help is sought on behalf of someone
// close: a behalf phrase and a kin word after it ("spør for mamma som bor i
// Gjøvik", "på vegne av broren min").
func (e *Engine) forSomeoneClose(s *scratch) bool {
	if len(e.lex.behalf) == 0 {
		return false
	}
	for i := range s.toks {
		for n := min(maxCueWords, len(s.toks)-i); n >= 1; n-- {
			if !e.lex.behalf[string(s.phraseAt(i, n))] {
				continue
			}
			for k := i + n; k < len(s.toks) && k < i+n+behalfReach; k++ {
				if e.lex.isKin(string(s.word(k))) {
					return true
				}
			}
		}
	}
	return false
}

// kinIn reports whether someone close is named in the query.
func (e *Engine) kinIn(s *scratch) bool {
	for i := range s.toks {
		if e.lex.isKin(string(s.word(i))) {
			return true
		}
	}
	return false
}

// ownerIsKin walks back from token at: the nearest person decides, the
// writer only within ownerGap content words.
func (e *Engine) ownerIsKin(s *scratch, at int) bool {
	gap := 0 // content words between the person and the problem
	for i := at - 1; i >= 0; i-- {
		w := s.word(i)
		switch {
		case e.lex.isWriter(s.toks[i], string(w)) && gap < ownerGap && !e.afterReflexive(s, i):
			return false
		case e.lex.isKin(string(w)):
			return true
		}
		if !s.toks[i].stop {
			gap++
		}
	}
	return false
}

// afterReflexive reports whether token i follows a reflexive, whose
// emphasis it is, not the writer: "på seg selv", "seg sjølv".
func (e *Engine) afterReflexive(s *scratch, i int) bool {
	return i > 0 && e.lex.reflexive[string(s.word(i-1))]
}

// kinVerbReach is how many content words may stand between a kin word and
// its verb ("sønnen vår på 15 har": the age between).
const kinVerbReach = 3

// kinHasSomething reports whether someone close is said to have or be
// something, though no topic names it: a kin word, then within
// kinVerbReach words a kin_verb ("barnet vårt har cerebral parese",
// "sønnen vår fikk autismediagnose", "Faren til barna mine er psykisk
// syk"), and the writer not right before that verb. The writer is then a
// relative.
func (e *Engine) kinHasSomething(s *scratch) bool {
	for i := range s.toks {
		if !e.lex.isKin(string(s.word(i))) {
			continue
		}
		for k, n := i+1, 0; k < len(s.toks) && n < kinVerbReach; k++ {
			if e.lex.kinVerb[string(s.word(k))] {
				return e.ownerIsKin(s, k)
			}
			if !s.toks[k].stop {
				n++
			}
		}
	}
	return false
}

// maxSearchWords is the most words of a query typed as search words
// rather than said ("sønn gjeng Holmlia", "hoarding mor Larvik").
const maxSearchWords = 5

// kinInSearchWords reports whether a few search words name someone close
// and not the writer: the person searching is that person's relative. Search
// words hold at most one function word ("mi hijo Stavanger"); "dødsbo
// etter farmor, hvem rydder?" is said.
func (e *Engine) kinInSearchWords(s *scratch) bool {
	ok, kin := e.searchWords(s)
	return ok && kin
}

// ownerGap is how many content words may stand between the writer and a
// problem for it to be the writer's own ("jeg har angst", "jeg sliter med
// angst"); further away the writer is doing something about someone
// else's ("sønnen vår … og vi har funnet sprøyter på rommet hans").
const ownerGap = 2

// bestTarget picks the most populous of a name's municipalities.
func (e *Engine) bestTarget(t []int32) int32 {
	best := int32(-1)
	for _, x := range t {
		if x < 0 {
			if best == -1 {
				return x
			}
			continue
		}
		if best < 0 || e.munis[x].m.Population > e.munis[best].m.Population {
			best = x
		}
	}
	return best
}

func (e *Engine) place(j int32, matched string) *Place {
	m := e.munis[j]
	return &Place{Municipality: m.m.Number, Name: m.m.Name, County: m.county, Matched: matched}
}

func (e *Engine) postcodeIndex(code string) int {
	i := sort.Search(len(e.postcodes), func(i int) bool { return e.postcodes[i].code >= code })
	if i < len(e.postcodes) && e.postcodes[i].code == code {
		return i
	}
	return -1
}

// suggestions lists what the combobox shows: the reading first, then every
// other match by quality, one line per place and municipality.
func (e *Engine) suggestions(s *scratch, r *reading, placeMuni int32, pcPrefix string, limit int) []Suggestion {
	out := make([]Suggestion, 0, limit)
	// seen lists what is already suggested; the list is short, a scan is
	// cheaper than a map.
	type seenKey struct {
		kind    byte
		id, key string
	}
	seen := s.seen[:0]
	has := func(k seenKey) bool {
		for _, x := range seen {
			if x == k {
				return true
			}
		}
		return false
	}
	defer func() { s.seen = seen[:0] }()
	addPostcode := func(p *postcode, n int) {
		if len(out) >= limit {
			return
		}
		label := p.code + " " + p.place
		sk := seenKey{'p', p.code, ""}
		if has(sk) {
			return
		}
		seen = append(seen, sk)
		out = append(out, Suggestion{Kind: KindPostcode, ID: p.code, Label: label,
			Detail: e.detailFor(p.muni), Highlight: [][2]int{{0, n}}})
	}
	if r.pc >= 0 {
		addPostcode(&e.postcodes[r.pc], 4)
	}
	// Order the matches: the reading first.
	order := e.bestPerEntry(s, r)
	defer func() { s.order = order[:0] }()
	less := e.suggestionOrder(s, r)
	sort.SliceStable(order, func(a, b int) bool { return less(order[a], order[b]) })
	for _, i := range order {
		if len(out) >= limit {
			break
		}
		m := &s.ms[i]
		en := &e.entries[m.entry]
		switch {
		case isTopicKind(en.kind):
			t := e.topics[en.targets[0]]
			sk := seenKey{'t', t.ID, ""}
			if has(sk) {
				continue
			}
			seen = append(seen, sk)
			shown := *m
			if en.alias > 0 {
				shown.entry = en.alias
			}
			label := e.entries[shown.entry].label
			detail := ""
			if label != t.Name {
				detail = t.Name
			}
			out = append(out, Suggestion{Kind: KindTopic, ID: t.ID, Label: label, Detail: detail,
				Highlight: e.highlight(&shown)})
		case en.kind == entContact:
			cp := e.contacts[en.targets[0]].cp
			sk := seenKey{'c', cp.ID, ""}
			if has(sk) || cp.Status == dataset.StatusClosed {
				continue // a closed office is no suggestion
			}
			seen = append(seen, sk)
			detail := ""
			if c := e.contacts[en.targets[0]]; c.muni >= 0 {
				detail = e.munis[c.muni].m.Name
			}
			out = append(out, Suggestion{Kind: KindContactPoint, ID: cp.ID, Label: en.label, Detail: detail,
				Highlight: e.highlight(m)})
		case en.kind == entRegion:
			ri := &e.regions[en.region]
			sk := seenKey{'r', ri.name, en.key}
			if has(sk) {
				continue
			}
			seen = append(seen, sk)
			out = append(out, Suggestion{Kind: KindRegion, ID: ri.numbers[0], Label: en.label,
				Detail: regionDetail[ri.kind], Highlight: e.highlight(m)})
		default:
			hl := e.highlight(m)
			for _, t := range e.orderTargets(en.targets) {
				if len(out) >= limit {
					break
				}
				id := e.targetNumber(t)
				sk := seenKey{'m', id, en.key}
				if has(sk) {
					continue
				}
				seen = append(seen, sk)
				kind := KindMunicipality
				switch en.kind {
				case entPostal:
					kind = KindPostalPlace
				case entDistrict:
					kind = KindDistrict
				}
				out = append(out, Suggestion{Kind: kind, ID: id, Label: en.label,
					Detail: e.placeDetail(en, t), Highlight: hl})
			}
		}
	}
	if pcPrefix != "" && len(out) < limit {
		i := sort.Search(len(e.postcodes), func(i int) bool { return e.postcodes[i].code >= pcPrefix })
		for ; i < len(e.postcodes) && strings.HasPrefix(e.postcodes[i].code, pcPrefix) && len(out) < limit; i++ {
			addPostcode(&e.postcodes[i], len(pcPrefix))
		}
	}
	return out
}

// suggestionOrder is the order of the suggestions: the reading first,
// then the more words a match explains, then the better match.
func (e *Engine) suggestionOrder(s *scratch, r *reading) func(x, y int) bool {
	boost := func(i int) int {
		switch {
		case i == r.place:
			return 3
		case slices.Contains(r.topics, i):
			return 2
		}
		m := &s.ms[i]
		if r.place >= 0 && int(m.span) == r.placeSpan && m.how == howExact {
			return 3
		}
		return 0
	}
	return func(x, y int) bool {
		if bx, by := boost(x), boost(y); bx != by {
			return bx > by
		}
		mx, my := &s.ms[x], &s.ms[y]
		if cx, cy := s.spans[mx.span].content, s.spans[my.span].content; cx != cy && mx.q == my.q {
			return cx > cy
		}
		return e.better(mx, my)
	}
}

// bestPerEntry lists, per entry, the match that comes first in
// suggestionOrder and is not shadowed: an entry gives the same suggestion
// whichever span matched it, so only its first match counts. Sorting these
// instead of every match keeps a long query's work linear (a name repeated
// 300 times is one candidate, not 300).
func (e *Engine) bestPerEntry(s *scratch, r *reading) []int {
	less := e.suggestionOrder(s, r)
	order := s.order[:0]
	s.gen++
	if s.gen == 0 {
		clear(s.stamp)
		s.gen = 1
	}
	for i := range s.ms {
		m := &s.ms[i]
		if e.shadowed(s, r, m) {
			continue
		}
		if s.stamp[m.entry] != s.gen {
			s.stamp[m.entry] = s.gen
			s.slot[m.entry] = int32(len(order))
			order = append(order, i)
			continue
		}
		// Earlier index wins ties, as the stable sort would keep it.
		if at := s.slot[m.entry]; less(i, order[at]) {
			order[at] = i
		}
	}
	// Index order, which the stable sort keeps for ties. Every sort in the
	// engine is sort.SliceStable: the browser module then carries one sort
	// algorithm, not three (sort.Ints and sort.Slice: 5 KB brotli), for
	// about 2 ms more of a native index build (15 → 17 ms, BenchmarkNew).
	sort.SliceStable(order, func(a, b int) bool { return order[a] < order[b] })
	return order
}

// shadowed reports whether a weak match comes from words the reading has
// already explained with a sure match ("angst" read as a topic is no
// subsequence of a postal place).
func (e *Engine) shadowed(s *scratch, r *reading, m *match) bool {
	if m.how == howExact {
		return false
	}
	sp := &s.spans[m.span]
	covered := func(ri int) bool {
		rm := &s.ms[ri]
		if rm.how != howExact && rm.how != howPrefix {
			return false
		}
		rs := &s.spans[rm.span]
		if sp.i > rs.j || rs.i > sp.j {
			return false
		}
		sameKind := isTopicKind(e.entries[rm.entry].kind) == isTopicKind(e.entries[m.entry].kind)
		return m.how == howSubsequence || m.how == howPrefixTypo || !sameKind && m.how != howPrefix
	}
	if r.place >= 0 && covered(r.place) {
		return true
	}
	for _, ri := range r.topics {
		if covered(ri) {
			return true
		}
	}
	if r.pc >= 0 && sp.i <= r.pcToken && r.pcToken <= sp.j {
		return true
	}
	return false
}

// orderTargets puts the most populous municipality first.
func (e *Engine) orderTargets(t []int32) []int32 {
	if len(t) < 2 {
		return t
	}
	out := append([]int32(nil), t...)
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x < 0 || y < 0 {
			return x > y
		}
		return e.munis[x].m.Population > e.munis[y].m.Population
	})
	return out
}

func (e *Engine) targetNumber(t int32) string {
	if t >= 0 {
		return e.munis[t].m.Number
	}
	if i := int(-1 - t); i < len(e.terr) {
		return e.terr[i].Number
	}
	return ""
}

// detailFor is "Municipality, County" for a postcode or postal place.
func (e *Engine) detailFor(t int32) string {
	if t < 0 {
		if i := int(-1 - t); i < len(e.terr) {
			return e.terr[i].Name
		}
		return ""
	}
	m := e.munis[t]
	if m.county == "" {
		return m.m.Name
	}
	return m.m.Name + ", " + m.county
}

// regionDetail is a region suggestion's detail: what kind of region it is,
// in the widget's default language.
var regionDetail = map[string]string{
	RegionCounty:                 "Fylke",
	dataset.RegionLandsdel:       "Landsdel",
	dataset.RegionFormerCounty:   "Tidligere fylke",
	dataset.RegionDistrict:       "Distrikt",
	dataset.RegionEconomicRegion: "Region",
}

// placeDetail disambiguates a place suggestion: the county for a
// municipality's own name, "Municipality, County" for every other name.
func (e *Engine) placeDetail(en *entry, t int32) string {
	if en.kind == entMunicipality && t >= 0 {
		return e.munis[t].county
	}
	return e.detailFor(t)
}

// haversine is the great-circle distance in km.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp := p2 - p1
	dl := (lon2 - lon1) * math.Pi / 180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, a)))
}

// Near returns the contact points nearest to a position ("near me"): the
// place is the municipality of the nearest postcode point (Matched
// "postcode", Via "position") and distances are measured from the position.
func (e *Engine) Near(lat, lon float64, opts Options) Response {
	resp := Response{Suggestions: []Suggestion{}, Results: []Result{}}
	_, nRes := limits(opts)
	var topics []int32
	if j, ok := e.topicByID[opts.Topic]; ok && opts.Topic != "" {
		topics = []int32{j}
		t := e.topics[j]
		resp.Topic = &TopicRef{ID: t.ID, Name: t.Name}
		resp.Topics = []TopicRef{*resp.Topic}
	}
	w := where{muni: -1, terr: -1}
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		resp.Results, resp.TopicNote = e.results(w, topics, nRes)
		return resp
	}
	w.lat, w.lon, w.point = lat, lon, true
	best, bestD := -1, math.Inf(1)
	cosLat := math.Cos(lat * math.Pi / 180)
	for i := range e.postcodes {
		p := &e.postcodes[i]
		if !p.hasPoint {
			continue
		}
		dy := p.lat - lat
		dx := (p.lon - lon) * cosLat
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		p := e.postcodes[best]
		if p.muni >= 0 {
			w.muni, w.members = p.muni, []int32{p.muni}
			resp.Place = e.place(p.muni, MatchedPostcode)
			resp.Place.Via = ViaPosition
		} else if i := territoryOf(p.muni); i < len(e.terr) {
			resp.Territory = &TerritoryRef{Number: e.terr[i].Number, Name: e.terr[i].Name}
		}
	}
	resp.Results, resp.TopicNote = e.results(w, topics, nRes)
	return resp
}

// placeRank orders the roles of places for the choice: the writer's home,
// where the writer studies, a place told with no cue, someone else's home,
// elsewhere, taken back. A place with no cue beside someone else's home is
// most often the writer's ("Barna bor i Oslo. Sitter alene på Stord").
// When help is wanted where someone else lives (theirs), their home comes
// first ("hun bor i Audnedal og vi bor i Oslo. Finnes det noe der hun bor").
func placeRank(r int8, theirs bool) int8 {
	switch r {
	case roleLives:
		if theirs {
			return roleLivesSelf + 1
		}
		return 0
	case 0:
		return roleLives
	}
	return r
}
