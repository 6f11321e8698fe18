package search

import (
	"errors"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search/signal"
)

// entryKind says what a name is. Kinds are ordered best first: when two
// entries match equally well, the smaller kind wins (a municipality's own
// name before a region or a postal place of the same name: "Lund" is the
// municipality, not the district of Kristiansand).
type entryKind uint8

const (
	entMunicipality entryKind = iota // a 2024 municipality's Norwegian name
	entParallel                      // its Sami or Kven name
	entFormer                        // a municipality before the 2020 or 2024 reforms
	entRegion                        // a county, landsdel, former county, district or economic region
	entDistrict                      // a city district or neighbourhood
	entPostal                        // a postal place that is not its municipality's name
	entTopic                         // a topic's name
	entSynonym                       // a word people type for a topic
	entContact                       // a contact point's name (suggestion only)
)

// entry is one name the engine can match: its label as shown and its
// folded forms. Where each folded byte came from in the label is worked out
// again for the few entries shown (highlight): keeping it for every entry
// would cost memory and index size for nothing.
type entry struct {
	kind  entryKind
	exact bool // only an exact match counts (acronyms such as "AA", "KOLS")
	// described: one of the lexicon's everyday words for a topic ("ny i
	// byen"), read whole: never by its beginning, nor as a misspelling.
	described bool
	upper     bool   // the acronym must be typed in capitals ("AA", "NA", "ME")
	label     string // as shown
	fold      string // folded label, words separated by one space
	key       string // fold without spaces
	mask      uint32
	marks     uint32 // the marked letters of the label (marksOf)
	// targets are municipality indexes (places, see target) or the topic
	// index (topics) or the contact point index.
	targets []int32
	rank    int // larger is better among equal matches (population, size)
	// alias, when > 0, is the entry shown instead of this one: a topic id
	// shows as the topic's name, whose fold it begins.
	alias int32
	// region is the index into Engine.regions of a region entry.
	region int32
	// lat/lon of a postal place (the mean of its postcodes' points) or of
	// a district (0, 0 when the source has none).
	lat, lon float64
}

// postcode is one postcode, indexed.
type postcode struct {
	code     string
	place    string
	muni     target // municipality, or a territory
	lat, lon float64
	hasPoint bool
}

// muni is one 2024 municipality with what the engine needs at hand.
type muni struct {
	m        *dataset.Municipality
	county   string // county name
	countyNo string
}

// Engine answers queries over one dataset. It is safe for concurrent use:
// nothing changes after New.
type Engine struct {
	d         *dataset.Dataset
	munis     []muni
	muniByNo  map[string]int32
	topics    []*dataset.Topic
	topicByID map[string]int32
	entries   []entry
	exact     map[string][]int32 // key → entries
	sorted    []int32            // entries sorted by key, for prefix ranges
	postcodes []postcode         // sorted by code
	contacts  []contact
	terr      []dataset.Territory
	// pool holds per-search scratch memory sized to this index.
	pool scratchPool
	// all lists the entries by the first and second byte of their key,
	// for the typo and subsequence stages; multi only the names of several
	// words (a span of several words is compared with those alone);
	// finished (and finishedMulti, of several words) only the names a
	// finished word of a message may resolve by a typo (municipalities and
	// topics: see resolvable), so that a long message compares each word
	// with a few hundred names, not thousands.
	all, multi, finished, finishedMulti buckets
	// prefixTop holds, for every key prefix of up to maxPrefixKey bytes,
	// the best entries starting with it (kind, then size).
	prefixTop map[string][]int32
	// contactWords are the contact points' names from each word on
	// ("link oslo" and "oslo"), sorted: a key finds the names with a word
	// that begins with it by a binary search, not a scan of every name.
	contactWords []contactWord
	// regions are the regions and counties by index (entry.region).
	regions []regionInfo
	// crisisLines are the dataset's crisis lines in their order.
	crisisLines []dataset.CrisisLine
	// lex is the language of reading (data/lexicon.json).
	lex *lexicon
	// signal is the crisis signal, topicSignals the topics' (signals.go).
	signal       *signal.Model
	topicSignals []topicSignal
	noProblem    *signal.Model // the signal of no problem: the topics' signals add none
}

// contact is one contact point with its point for distances.
type contact struct {
	cp       *dataset.ContactPoint
	muni     int32 // -1 when it has none
	serves   []int32
	lat, lon float64
	hasPoint bool
	national bool
	// topical is a national resource shown only for its topics (a meeting
	// directory such as AA, a national user organisation), never as the
	// fallback for everyone or as a local contact point.
	topical bool
	status  statusRank
}

// statusRank orders contact points by how reachable they are.
type statusRank uint8

const (
	rankActive  statusRank = iota // confirmed active
	rankUnknown                   // not confirmed either way
	rankClosed                    // closed: shown last, never nearby
)

func rankOf(s string) statusRank {
	switch s {
	case dataset.StatusActive:
		return rankActive
	case dataset.StatusClosed:
		return rankClosed
	}
	return rankUnknown
}

// target is what a place name points at: a municipality index (>= 0), or
// a territory (Svalbard, Jan Mayen) coded as -1 - its index, because a
// territory is no 2024 municipality but still has a point.
type target = int32

func territoryTarget(i int) target { return target(-1 - i) }

// territoryOf returns the territory index of t, or -1 for a municipality.
func territoryOf(t target) int {
	if t >= 0 {
		return -1
	}
	return int(-1 - t)
}

// regionInfo is a region or county the engine can read.
type regionInfo struct {
	name, kind string
	members    []int32  // municipality indexes, most populous first
	numbers    []string // their numbers, as the contract lists them
}

// New builds the index for d. d must not change afterwards. It fails only
// when d contradicts itself in ways the engine cannot work around (a
// municipality in an unknown county is not one of them: its detail is left
// empty).
func New(d *dataset.Dataset) (*Engine, error) {
	e := newEngine(d)
	signals, err := Signals()
	if err != nil {
		return nil, errors.New("the signals: " + err.Error())
	}
	nEntries := 2*len(d.Municipalities) + len(d.FormerMunicipalities) + len(d.Postcodes)/2 + 12*len(d.Topics) + len(d.ContactPoints) + len(d.Territories) +
		2*len(d.Regions) + 2*len(d.Districts) + 2*len(d.Counties)
	e.entries = make([]entry, 0, nEntries)
	e.exact = make(map[string][]int32, nEntries)
	b := builder{e: e, seen: make(map[dedupeKey]int32, nEntries)}
	b.buf = make([]byte, 0, 24*nEntries)

	muniKey, currentKey := e.addMunicipalities(&b)
	e.addFormer(&b, currentKey)
	e.addPostalPlaces(&b, muniKey)
	// Svalbard and Jan Mayen by name.
	for i, t := range d.Territories {
		j := b.add(entPostal, t.Name, b.one(territoryTarget(i)), 0, nil)
		if j >= 0 {
			e.entries[j].lat, e.entries[j].lon = t.Lat, t.Lon
		}
	}
	e.addRegions(&b, currentKey)
	e.addDistricts(&b)
	e.addTopics(&b)
	for i := range d.ContactPoints {
		if j := b.add(entContact, d.ContactPoints[i].Name, b.one(int32(i)), 0, nil); j >= 0 {
			e.addContactWords(int32(j))
		}
	}
	// sort, not slices: a generic sort for this type would add ~10 KB to
	// the browser module.
	sort.SliceStable(e.contactWords, func(a, b int) bool { return e.contactWords[a].key < e.contactWords[b].key })

	e.sorted = make([]int32, len(e.entries))
	for i := range e.sorted {
		e.sorted[i] = int32(i)
	}
	sort.SliceStable(e.sorted, func(a, b int) bool {
		i, j := e.sorted[a], e.sorted[b]
		if c := strings.Compare(e.entries[i].key, e.entries[j].key); c != 0 {
			return c < 0
		}
		return i < j
	})
	e.buildBuckets(e.bestFirst())
	e.UseSignals(signals)
	return e, nil
}

// newEngine sets up what the engine reads straight from d, before any name
// is indexed: municipalities, postcodes, topics, contact points and crisis
// lines.
func newEngine(d *dataset.Dataset) *Engine {
	e := &Engine{
		d:         d,
		muniByNo:  make(map[string]int32, len(d.Municipalities)),
		topicByID: make(map[string]int32, len(d.Topics)),
		terr:      d.Territories,
		lex:       newLexicon(d.Lexicon),
	}
	counties := make(map[string]string, len(d.Counties))
	for _, c := range d.Counties {
		counties[c.Number] = c.Name
	}
	e.munis = make([]muni, len(d.Municipalities))
	for i := range d.Municipalities {
		m := &d.Municipalities[i]
		e.munis[i] = muni{m: m, county: counties[m.County], countyNo: m.County}
		e.muniByNo[m.Number] = int32(i)
	}
	e.indexPostcodes()
	e.crisisLines = slices.Clone(d.CrisisLines)
	sort.SliceStable(e.crisisLines, func(a, b int) bool { return e.crisisLines[a].Order < e.crisisLines[b].Order })
	e.topics = make([]*dataset.Topic, len(d.Topics))
	for i := range d.Topics {
		e.topics[i] = &d.Topics[i]
		e.topicByID[d.Topics[i].ID] = int32(i)
	}
	e.indexContacts()
	return e
}

// postcodeTarget returns what a postcode's municipality number points at:
// a 2024 municipality or a territory.
func (e *Engine) postcodeTarget(terrNo map[string]int32, no string) (target, bool) {
	if mi, ok := e.muniByNo[no]; ok {
		return mi, true
	}
	mi, ok := terrNo[no]
	return mi, ok
}

func (e *Engine) territoryNumbers() map[string]int32 {
	terrNo := make(map[string]int32, len(e.d.Territories))
	for i, t := range e.d.Territories {
		terrNo[t.Number] = territoryTarget(i)
	}
	return terrNo
}

// indexPostcodes lists the postcodes sorted by code, each once.
func (e *Engine) indexPostcodes() {
	d := e.d
	terrNo := e.territoryNumbers()
	e.postcodes = make([]postcode, 0, len(d.Postcodes))
	for _, p := range d.Postcodes {
		mi, ok := e.postcodeTarget(terrNo, p.Municipality)
		if !ok {
			continue
		}
		e.postcodes = append(e.postcodes, postcode{code: p.Code, place: p.Place, muni: mi,
			lat: p.Lat, lon: p.Lon, hasPoint: p.HasPoint()})
	}
	if !sort.SliceIsSorted(e.postcodes, func(a, b int) bool { return e.postcodes[a].code < e.postcodes[b].code }) {
		sort.SliceStable(e.postcodes, func(a, b int) bool { return e.postcodes[a].code < e.postcodes[b].code })
	}
	// Drop duplicate codes (the source lists a few twice).
	out := e.postcodes[:0]
	for i, p := range e.postcodes {
		if i > 0 && p.code == e.postcodes[i-1].code {
			continue
		}
		out = append(out, p)
	}
	e.postcodes = out
}

// indexContacts gives every contact point its municipality, point and the
// municipalities it serves.
func (e *Engine) indexContacts() {
	d := e.d
	e.contacts = make([]contact, len(d.ContactPoints))
	pcIndex := func(code string) (postcode, bool) {
		i := sort.Search(len(e.postcodes), func(i int) bool { return e.postcodes[i].code >= code })
		if i < len(e.postcodes) && e.postcodes[i].code == code {
			return e.postcodes[i], true
		}
		return postcode{}, false
	}
	for i := range d.ContactPoints {
		cp := &d.ContactPoints[i]
		c := contact{cp: cp, muni: -1, status: rankOf(cp.Status)}
		fallback := cp.Kind == dataset.KindNationalOffice || cp.Kind == dataset.KindFoundation
		c.national = cp.ServesAll || fallback
		c.topical = c.national && !fallback
		if j, ok := e.muniByNo[cp.Municipality]; ok {
			c.muni = j
			c.lat, c.lon, c.hasPoint = e.munis[j].m.Lat, e.munis[j].m.Lon, true
		}
		if p, ok := pcIndex(cp.Postcode); ok && p.hasPoint && cp.Postcode != "" {
			c.lat, c.lon, c.hasPoint = p.lat, p.lon, true
		}
		for _, s := range cp.Serves {
			if j, ok := e.muniByNo[s]; ok {
				c.serves = append(c.serves, j)
			}
		}
		e.contacts[i] = c
	}
}

// addMunicipalities indexes every municipality's Norwegian name, then its
// parallel forms. It returns each municipality's key and the municipalities
// by key.
func (e *Engine) addMunicipalities(b *builder) (muniKey []string, currentKey map[string][]int32) {
	muniKey = make([]string, len(e.munis))
	for i := range e.munis {
		m := e.munis[i].m
		t := b.one(int32(i))
		if j := b.add(entMunicipality, m.Name, t, m.Population, nil); j >= 0 {
			muniKey[i] = e.entries[j].key
		}
		for _, n := range m.Names {
			if n.Name != m.Name {
				b.add(entParallel, n.Name, t, m.Population, nil)
			}
		}
		// Its name in other languages and scripts is read as a parallel
		// name ("Осло", "أوسلو").
		for _, n := range e.lex.exonyms[m.Number] {
			b.add(entParallel, n, t, m.Population, nil)
		}
	}
	currentKey = make(map[string][]int32, len(e.munis))
	for _, ei := range e.exact {
		for _, j := range ei {
			en := &e.entries[j]
			if en.kind == entMunicipality || en.kind == entParallel {
				currentKey[en.key] = append(currentKey[en.key], en.targets[0])
			}
		}
	}
	return muniKey, currentKey
}

// addFormer indexes former municipalities, skipping a name that still
// exists in one of its successors (Ålesund, Haram): the current name
// already says it.
func (e *Engine) addFormer(b *builder, currentKey map[string][]int32) {
	for _, f := range e.d.FormerMunicipalities {
		var targets []int32
		pop := 0
		for _, s := range f.Successors {
			if j, ok := e.muniByNo[s]; ok {
				targets = append(targets, j)
				pop += e.munis[j].m.Population
			}
		}
		if len(targets) == 0 {
			continue
		}
		skip := func(k string) bool { return containsAny(currentKey[k], targets) }
		for _, name := range formerNames(f.Name) {
			b.add(entFormer, name, targets, pop, skip)
		}
	}
}

// addPostalPlaces indexes the postal places, each at the mean of its
// postcodes' points, ranked by postcodes and municipality size.
func (e *Engine) addPostalPlaces(b *builder, muniKey []string) {
	type ppKey struct {
		name string
		muni int32
	}
	type ppAcc struct {
		label    string
		muni     int32
		n        int
		lat, lon float64
		points   int
	}
	ppIndex := make(map[ppKey]int, 2048)
	pp := make([]ppAcc, 0, 2048)
	terrNo := e.territoryNumbers()
	for _, p := range e.d.Postcodes {
		mi, ok := e.postcodeTarget(terrNo, p.Municipality)
		if !ok {
			continue
		}
		k := ppKey{p.Place, mi}
		ai, ok := ppIndex[k]
		if !ok {
			ai = len(pp)
			ppIndex[k] = ai
			pp = append(pp, ppAcc{label: p.Place, muni: mi})
		}
		a := &pp[ai]
		a.n++
		if p.HasPoint() {
			a.lat += p.Lat
			a.lon += p.Lon
			a.points++
		}
	}
	for i := range pp {
		a := &pp[i]
		var skip func(string) bool
		rank := a.n
		if a.muni >= 0 {
			rank += e.munis[a.muni].m.Population / 1000
			own := muniKey[a.muni]
			skip = func(k string) bool { return k == own } // "Bergen" in Bergen: the municipality says it
		}
		j := b.add(entPostal, a.label, b.one(a.muni), rank, skip)
		if j >= 0 && a.points > 0 {
			e.entries[j].lat = a.lat / float64(a.points)
			e.entries[j].lon = a.lon / float64(a.points)
		}
	}
}

// addTopics indexes each topic's name, then each synonym; a parenthesis is
// a second synonym ("tolvtrinnsgrupper (12-trinn)").
func (e *Engine) addTopics(b *builder) {
	for i, t := range e.topics {
		rank := len(e.topics) - i
		ti := b.one(int32(i))
		nameEntry := b.add(entTopic, t.Name, ti, rank, nil)
		// The id is a word too ("rus", "sorg"); it is shown as the name,
		// which it begins.
		if j := b.add(entSynonym, t.ID, ti, rank, nil); j >= 0 && nameEntry >= 0 &&
			strings.HasPrefix(e.entries[nameEntry].fold, e.entries[j].fold) {
			e.entries[j].alias = int32(nameEntry)
		}
		for _, s := range t.Synonyms {
			for _, part := range splitParen(s) {
				b.add(entSynonym, part, ti, rank, nil)
			}
		}
		// The names in nynorsk, English and Sami are words people type too.
		for _, n := range t.Names {
			b.add(entSynonym, n.Name, ti, rank, nil)
		}
		// So are the lexicon's everyday words and descriptions of the topic,
		// in every language it holds.
		for _, w := range e.lex.topicWords[t.ID] {
			if j := b.add(entSynonym, w, ti, rank, nil); j >= 0 {
				e.entries[j].described = true
			}
		}
		if t.ID == griefTopic {
			for _, v := range e.lex.lossVerbs {
				// Norwegian words for someone close: not every verb with
				// every kin word of 45 languages ("mistet mamma").
				for _, p := range e.lex.kin {
					if e.lex.kinLocal[p] {
						b.add(entSynonym, v+" "+p, ti, rank, nil)
					}
				}
			}
		}
	}
}

// regionKindOrder is the order regions are indexed in: when two share a
// name, the first one indexed wins (a county before a former county, a
// traditional district before SSB's economic region of the same name,
// whose membership can differ: SOURCES.md section 9).
var regionKindOrder = []string{RegionCounty, dataset.RegionLandsdel, dataset.RegionFormerCounty,
	dataset.RegionDistrict, dataset.RegionEconomicRegion}

// addRegions indexes the 2024 counties and the dataset's regions. A region
// named like a municipality is left out: the municipality wins ("Hamar",
// "Voss", "Bodø" are economic regions too). So is a region (not a county)
// named like a town, a postal place or a former municipality inside it:
// the town is what was meant ("Mo i Rana", "Hønefoss", "Brønnøysund"); a
// postal place elsewhere does not hide a region ("Oppland" in Flatanger).
func (e *Engine) addRegions(b *builder, municipalityKey map[string][]int32) {
	d := e.d
	taken := map[string]bool{}
	// isTown reports whether k names a place inside the region.
	isTown := func(k string, members []int32) bool {
		for _, j := range e.exact[k] {
			if en := &e.entries[j]; isPlaceKind(en.kind) && containsAny(en.targets, members) {
				return true
			}
		}
		return false
	}
	add := func(name, kind string, alt []string, members []int32) {
		if len(members) == 0 {
			return
		}
		sort.SliceStable(members, func(x, y int) bool {
			return e.munis[members[x]].m.Population > e.munis[members[y]].m.Population
		})
		ri := regionInfo{name: name, kind: kind, members: members, numbers: make([]string, len(members))}
		pop := 0
		for i, m := range members {
			ri.numbers[i] = e.munis[m].m.Number
			pop += e.munis[m].m.Population
		}
		idx := int32(len(e.regions))
		added := false
		for _, n := range append([]string{name}, alt...) {
			k := foldKey(n)
			if k == "" || taken[k] || len(municipalityKey[k]) > 0 || kind != RegionCounty && isTown(k, members) {
				continue
			}
			if j := b.add(entRegion, n, members, pop, nil); j >= 0 {
				e.entries[j].region = idx
				taken[k] = true
				added = true
			}
		}
		if added {
			e.regions = append(e.regions, ri)
		}
	}
	for _, kind := range regionKindOrder {
		if kind == RegionCounty {
			for _, c := range d.Counties {
				var members []int32
				for i := range e.munis {
					if e.munis[i].countyNo == c.Number {
						members = append(members, int32(i))
					}
				}
				var alt []string
				for _, n := range c.Names {
					alt = append(alt, n.Name)
				}
				add(c.Name, RegionCounty, alt, members)
			}
			continue
		}
		for _, r := range d.Regions {
			if r.Kind != kind {
				continue
			}
			var members []int32
			for _, no := range r.Municipalities {
				if j, ok := e.muniByNo[no]; ok {
					members = append(members, j)
				}
			}
			add(r.Name, r.Kind, r.AltNames, members)
		}
	}
}

// addDistricts indexes city districts and neighbourhoods; one with a point
// keeps it, for distances from where the person is.
func (e *Engine) addDistricts(b *builder) {
	for _, ds := range e.d.Districts {
		mi, ok := e.muniByNo[ds.Municipality]
		if !ok {
			continue
		}
		t := b.one(mi)
		for _, n := range append([]string{ds.Name}, ds.AltNames...) {
			if j := b.add(entDistrict, n, t, e.munis[mi].m.Population/1000, nil); j >= 0 && ds.HasPoint() {
				e.entries[j].lat, e.entries[j].lon = ds.Lat, ds.Lon
			}
		}
	}
}

// Prefix lists: keys up to maxPrefixKey bytes keep their prefixTopN best.
const (
	maxPrefixKey = 2
	prefixTopN   = 32
)

// contactWord is a contact point's name key from the word at off on.
type contactWord struct {
	key   string
	entry int32
	off   uint8 // where the word begins in the entry's key
}

// addContactWords adds the name of entry j from each of its words on.
func (e *Engine) addContactWords(j int32) {
	en := &e.entries[j]
	spaces := 0
	for i := 0; i < len(en.fold); i++ {
		if en.fold[i] == ' ' {
			spaces++
			continue
		}
		if i > 0 && en.fold[i-1] != ' ' {
			continue
		}
		if ki := i - spaces; ki <= math.MaxUint8 {
			e.contactWords = append(e.contactWords, contactWord{key: en.key[ki:], entry: j, off: uint8(ki)})
		}
	}
}

// buckets list entries by the first and second byte of their key.
type buckets struct{ first, second [256][]typoCand }

// typoCand is an entry in a bucket with what the typo stage filters on,
// so that most entries are passed over without reading the entry itself.
type typoCand struct {
	entry int32
	mask  uint32 // letterMask of the key
	n     uint8  // key length (capped at 255)
	multi bool   // a name of several words
}

func (b *buckets) add(i int32, en *entry) {
	c := typoCand{entry: i, mask: en.mask, n: uint8(min(len(en.key), 255)), multi: len(en.key) != len(en.fold)}
	b.first[en.key[0]] = append(b.first[en.key[0]], c)
	if len(en.key) > 1 {
		b.second[en.key[1]] = append(b.second[en.key[1]], c)
	}
}

// sortByLength orders each bucket by key length (stable: index order
// within a length), for lengthRange.
func (b *buckets) sortByLength() {
	for _, l := range append(b.first[:], b.second[:]...) {
		sort.SliceStable(l, func(x, y int) bool { return l[x].n < l[y].n })
	}
}

// lengthRange is the part of a length-sorted bucket with keys of lo to hi
// bytes.
func lengthRange(l []typoCand, lo, hi int) []typoCand {
	i := sort.Search(len(l), func(k int) bool { return int(l[k].n) >= lo })
	j := sort.Search(len(l), func(k int) bool { return int(l[k].n) > hi })
	return l[i:j]
}

// buildBuckets fills the typo buckets and prefixTop.
func (e *Engine) buildBuckets(order []int32) {
	for i := range e.entries {
		en := &e.entries[i]
		// Everyday words are read as written, never as misspellings.
		if en.described {
			continue
		}
		e.all.add(int32(i), en)
		if len(en.key) != len(en.fold) {
			e.multi.add(int32(i), en)
		}
		if en.kind <= entFormer || isTopicKind(en.kind) {
			e.finished.add(int32(i), en)
			if len(en.key) != len(en.fold) {
				e.finishedMulti.add(int32(i), en)
			}
		}
	}
	// A finished word is compared with names of about its length only.
	e.finished.sortByLength()
	e.finishedMulti.sortByLength()
	// Each short prefix takes the first prefixTopN entries it covers, in
	// best-first order.
	e.prefixTop = make(map[string][]int32, 1024)
	for _, j := range order {
		k := e.entries[j].key
		for n := 1; n <= maxPrefixKey && n <= len(k); n++ {
			p := k[:n]
			if l := e.prefixTop[p]; len(l) < prefixTopN {
				e.prefixTop[p] = append(l, j)
			}
		}
	}
}

// bestFirst lists the entries best first: kind, then size, then shorter.
func (e *Engine) bestFirst() []int32 {
	order := make([]int32, len(e.entries))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		x, y := &e.entries[a], &e.entries[b]
		switch {
		case x.kind != y.kind:
			return x.kind < y.kind
		case x.rank != y.rank:
			return x.rank > y.rank
		case len(x.key) != len(y.key):
			return len(x.key) < len(y.key)
		}
		return a < b
	})
	return order
}

// builder collects entries, sharing one backing array for their folded
// forms so that New allocates little.
type builder struct {
	e    *Engine
	seen map[dedupeKey]int32
	buf  []byte
	slab []int32
}

// dedupeKey identifies an entry: the same kind, key and targets twice is
// one entry.
type dedupeKey struct {
	kind    entryKind
	key     string
	t0, t1  int32
	targets int
}

// add indexes one name, unless skip (when not nil) rejects its folded key;
// an entry with the same kind, key and targets as an earlier one is
// skipped too. It returns the entry index, or -1.
func (b *builder) add(kind entryKind, label string, targets []int32, rank int, skip func(key string) bool) int {
	label = strings.TrimSpace(label)
	if label == "" {
		return -1
	}
	start := len(b.buf)
	b.buf, _ = appendFold(b.buf, nil, label, false)
	if len(b.buf) == start {
		return -1
	}
	// The key (no spaces) goes right after the fold in the same buffer.
	kstart := len(b.buf)
	for i := start; i < kstart; i++ {
		if b.buf[i] != ' ' {
			b.buf = append(b.buf, b.buf[i])
		}
	}
	fold := string(b.buf[start:kstart])
	key := fold
	if kstart-start != len(b.buf)-kstart {
		key = string(b.buf[kstart:])
	}
	if skip != nil && skip(key) {
		return -1
	}
	dk := dedupeKey{kind: kind, key: key, t0: targets[0], targets: len(targets)}
	if len(targets) > 1 {
		dk.t1 = targets[1]
	}
	if j, dup := b.seen[dk]; dup {
		b.e.entries[j].marks |= marksOf(label) // "Tromsø" and "Tromsö" are one entry
		return -1
	}
	j := int32(len(b.e.entries))
	b.seen[dk] = j
	b.e.entries = append(b.e.entries, newEntry(kind, label, fold, key, targets, rank))
	b.e.exact[key] = append(b.e.exact[key], j)
	return int(j)
}

// newEntry is an entry with what follows from its label and fold.
func newEntry(kind entryKind, label, fold, key string, targets []int32, rank int) entry {
	en := entry{kind: kind, label: label, fold: fold, key: key, mask: letterMask(key), marks: marksOf(label), targets: targets, rank: rank}
	if kind == entSynonym && isAcronym(label) {
		en.exact = true
		en.upper = len(key) <= 2
	}
	return en
}

// one returns a one-element targets slice cut from a shared slab.
func (b *builder) one(x int32) []int32 {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]int32, 0, 1024)
	}
	b.slab = append(b.slab, x)
	return b.slab[len(b.slab)-1 : len(b.slab) : len(b.slab)]
}

// isAcronym reports whether s is all capitals ("AA", "KOLS", "ME").
func isAcronym(s string) bool {
	if len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func foldKey(s string) string {
	b, _ := appendFold(nil, nil, s, false)
	return string(dropSpaces(b))
}

// dropSpaces removes the spaces of b in place (not strings.ReplaceAll:
// the browser module would link strings.Replace, 2 KB brotli, for this).
func dropSpaces(b []byte) []byte {
	out := b[:0]
	for _, c := range b {
		if c != ' ' {
			out = append(out, c)
		}
	}
	return out
}

func containsAny(a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// formerNames splits a former municipality's SSB name into the names people
// type: "Våler (Hedmark)" → "Våler"; "Tysfjord - Divtasvuodna" → both.
func formerNames(s string) []string {
	if i := strings.Index(s, " ("); i >= 0 {
		s = s[:i]
	}
	var out []string
	for _, p := range splitOn(s, " - ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitOn splits s at each sep, dropping empty parts; on folded text with
// sep " " it is strings.Fields. Written out because strings.Split and
// strings.Fields bring 2 KB brotli (genSplit, explode, FieldsFunc) into
// the browser module.
func splitOn(s, sep string) []string {
	var out []string
	for s != "" {
		i := strings.Index(s, sep)
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		s = s[min(len(s), i+len(sep)):]
	}
	return out
}

// splitParen turns "tolvtrinnsgrupper (12-trinn)" into both words.
func splitParen(s string) []string {
	i := strings.IndexByte(s, '(')
	j := strings.LastIndexByte(s, ')')
	if i < 0 || j < i {
		return []string{s}
	}
	return []string{strings.TrimSpace(s[:i] + s[j+1:]), strings.TrimSpace(s[i+1 : j])}
}

// PlaceNames lists every place name the engine knows, folded and sorted
// (for crafted benchmark inputs: data/search/adversarial).
func (e *Engine) PlaceNames() []string {
	names := make([]string, 0, len(e.entries))
	for i := range e.entries {
		if isPlaceKind(e.entries[i].kind) {
			names = append(names, e.entries[i].fold)
		}
	}
	sort.Strings(names)
	return names
}
