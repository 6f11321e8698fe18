package search

import (
	"sort"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// Entry kinds, best first when two entries match equally well.
const (
	entMunicipality uint8 = iota // a 2024 municipality's Norwegian name
	entParallel                  // its Sami or Kven name
	entFormer                    // a municipality before the 2020 or 2024 reforms
	entPostal                    // a postal place that is not its municipality's name
	entTopic                     // a topic's name
	entSynonym                   // a word people type for a topic
	entContact                   // a contact point's name (suggestion only)
)

// entry is one name the engine can match: its label as shown, the folded
// forms and where each folded byte came from in the label.
type entry struct {
	kind    uint8
	exact   bool   // only an exact match counts (acronyms such as "AA", "KOLS")
	upper   bool   // the acronym must be typed in capitals ("AA", "NA", "ME")
	label   string // as shown
	fold    string // folded label, words separated by one space
	key     string // fold without spaces
	foldSrc []span // per byte of fold: UTF-16 span in label
	keySrc  []span // per byte of key
	mask    uint32
	// targets are municipality indexes (places) or the topic index (topics)
	// or the contact point index.
	targets []int32
	rank    int // larger is better among equal matches (population, size)
	// lat/lon of a postal place: the mean of its postcodes' points.
	lat, lon float64
}

// postcode is one postcode, indexed.
type postcode struct {
	code     string
	place    string
	muni     int32 // municipality index, or -1 - territory index
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
	// countyKey maps a folded county name to its number: "Herøy Nordland".
	countyKey map[string]string
	// contactEntries are the entries of contact point names.
	contactEntries []int32
}

// contact is one contact point with its point for distances.
type contact struct {
	cp       *dataset.ContactPoint
	muni     int32 // -1 when it has none
	serves   []int32
	lat, lon float64
	hasPoint bool
	national bool
	status   int // 0 active, 1 unknown, 2 closed
}

func statusRank(s string) int {
	switch s {
	case dataset.StatusActive:
		return 0
	case dataset.StatusClosed:
		return 2
	}
	return 1
}

// New builds the index for d. d must not change afterwards. It fails only
// when d contradicts itself in ways the engine cannot work around (a
// municipality in an unknown county is not one of them: its detail is left
// empty).
func New(d *dataset.Dataset) (*Engine, error) {
	e := &Engine{
		d:         d,
		muniByNo:  make(map[string]int32, len(d.Municipalities)),
		topicByID: make(map[string]int32, len(d.Topics)),
		terr:      d.Territories,
	}
	counties := make(map[string]string, len(d.Counties))
	e.countyKey = make(map[string]string, 2*len(d.Counties))
	for _, c := range d.Counties {
		counties[c.Number] = c.Name
		e.countyKey[foldKey(c.Name)] = c.Number
		for _, n := range c.Names {
			e.countyKey[foldKey(n.Name)] = c.Number
		}
	}
	e.munis = make([]muni, len(d.Municipalities))
	for i := range d.Municipalities {
		m := &d.Municipalities[i]
		e.munis[i] = muni{m: m, county: counties[m.County], countyNo: m.County}
		e.muniByNo[m.Number] = int32(i)
	}
	b := builder{e: e, seen: make(map[string]int32, 4096)}
	b.buf = make([]byte, 0, 64*1024)
	b.spans = make([]span, 0, 64*1024)

	// Municipality names: the Norwegian one, then every parallel form.
	for i := range e.munis {
		m := e.munis[i].m
		b.add(entMunicipality, m.Name, []int32{int32(i)}, m.Population)
		for _, n := range m.Names {
			if n.Name != m.Name {
				b.add(entParallel, n.Name, []int32{int32(i)}, m.Population)
			}
		}
	}
	currentKey := make(map[string][]int32, len(e.munis))
	for _, ei := range e.exact {
		for _, j := range ei {
			en := &e.entries[j]
			if en.kind == entMunicipality || en.kind == entParallel {
				currentKey[en.key] = append(currentKey[en.key], en.targets[0])
			}
		}
	}
	// Former municipalities: skip a name that still exists in one of its
	// successors (Ålesund, Haram): the current name already says it.
	for _, f := range d.FormerMunicipalities {
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
		for _, name := range formerNames(f.Name) {
			k := foldKey(name)
			if k == "" || containsAny(currentKey[k], targets) {
				continue
			}
			b.add(entFormer, name, targets, pop)
		}
	}

	// Postcodes and postal places.
	type ppKey struct {
		name string
		muni int32
	}
	type ppAcc struct {
		label    string
		n        int
		lat, lon float64
		points   int
	}
	pp := make(map[ppKey]*ppAcc, 2048)
	var ppOrder []ppKey
	e.postcodes = make([]postcode, 0, len(d.Postcodes))
	terrNo := make(map[string]int32, len(d.Territories))
	for i, t := range d.Territories {
		terrNo[t.Number] = int32(-1 - i)
	}
	for _, p := range d.Postcodes {
		mi, ok := e.muniByNo[p.Municipality]
		if !ok {
			if mi, ok = terrNo[p.Municipality]; !ok {
				continue
			}
		}
		e.postcodes = append(e.postcodes, postcode{code: p.Code, place: p.Place, muni: mi,
			lat: p.Lat, lon: p.Lon, hasPoint: p.HasPoint()})
		k := ppKey{p.Place, mi}
		a := pp[k]
		if a == nil {
			a = &ppAcc{label: p.Place}
			pp[k] = a
			ppOrder = append(ppOrder, k)
		}
		a.n++
		if p.HasPoint() {
			a.lat += p.Lat
			a.lon += p.Lon
			a.points++
		}
	}
	sort.Slice(e.postcodes, func(i, j int) bool { return e.postcodes[i].code < e.postcodes[j].code })
	// Drop duplicate codes (the source lists a few twice).
	out := e.postcodes[:0]
	for i, p := range e.postcodes {
		if i > 0 && p.code == e.postcodes[i-1].code {
			continue
		}
		out = append(out, p)
	}
	e.postcodes = out
	for _, k := range ppOrder {
		a := pp[k]
		key := foldKey(a.label)
		if k.muni >= 0 && foldKey(e.munis[k.muni].m.Name) == key {
			continue // "Bergen" in Bergen: the municipality entry says it
		}
		rank := a.n
		if k.muni >= 0 {
			rank += e.munis[k.muni].m.Population / 1000
		}
		j := b.add(entPostal, a.label, []int32{k.muni}, rank)
		if j >= 0 && a.points > 0 {
			e.entries[j].lat = a.lat / float64(a.points)
			e.entries[j].lon = a.lon / float64(a.points)
		}
	}

	// Svalbard and Jan Mayen by name.
	for i, t := range d.Territories {
		j := b.add(entPostal, t.Name, []int32{int32(-1 - i)}, 0)
		if j >= 0 {
			e.entries[j].lat, e.entries[j].lon = t.Lat, t.Lon
		}
	}

	// Topics: the name, then each synonym; a parenthesis is a second synonym
	// ("tolvtrinnsgrupper (12-trinn)").
	e.topics = make([]*dataset.Topic, len(d.Topics))
	for i := range d.Topics {
		t := &d.Topics[i]
		e.topics[i] = t
		e.topicByID[t.ID] = int32(i)
		rank := len(d.Topics) - i
		b.add(entTopic, t.Name, []int32{int32(i)}, rank)
		b.add(entSynonym, t.ID, []int32{int32(i)}, rank) // "rus", "sorg"
		for _, s := range t.Synonyms {
			for _, part := range splitParen(s) {
				b.add(entSynonym, part, []int32{int32(i)}, rank)
			}
		}
	}

	// Contact points.
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
		c := contact{cp: cp, muni: -1, status: statusRank(cp.Status)}
		c.national = cp.ServesAll || cp.Kind == dataset.KindNationalOffice || cp.Kind == dataset.KindFoundation
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
		if j := b.add(entContact, cp.Name, []int32{int32(i)}, 0); j >= 0 {
			e.contactEntries = append(e.contactEntries, int32(j))
		}
	}

	e.sorted = make([]int32, len(e.entries))
	for i := range e.sorted {
		e.sorted[i] = int32(i)
	}
	sort.Slice(e.sorted, func(i, j int) bool {
		a, c := &e.entries[e.sorted[i]], &e.entries[e.sorted[j]]
		if a.key != c.key {
			return a.key < c.key
		}
		return e.sorted[i] < e.sorted[j]
	})
	return e, nil
}

// builder collects entries, sharing one backing array for their folded
// forms so that New allocates little.
type builder struct {
	e     *Engine
	seen  map[string]int32
	buf   []byte
	spans []span
}

// add indexes one name; an entry with the same kind, key and targets as an
// earlier one is skipped. It returns the entry index, or -1.
func (b *builder) add(kind uint8, label string, targets []int32, rank int) int {
	label = strings.TrimSpace(label)
	if label == "" {
		return -1
	}
	start := len(b.buf)
	b.buf, b.spans = appendFold(b.buf, b.spans, label, true)
	fold := string(b.buf[start:])
	foldSrc := b.spans[start:len(b.spans):len(b.spans)]
	if fold == "" {
		return -1
	}
	keyBytes := make([]byte, 0, len(fold))
	keySrc := make([]span, 0, len(fold))
	for i := 0; i < len(fold); i++ {
		if fold[i] != ' ' {
			keyBytes = append(keyBytes, fold[i])
			keySrc = append(keySrc, foldSrc[i])
		}
	}
	key := string(keyBytes)
	dedupe := string(rune('0'+kind)) + key + "\x00" + targetsKey(targets)
	if _, dup := b.seen[dedupe]; dup {
		return -1
	}
	en := entry{kind: kind, label: label, fold: fold, key: key, foldSrc: foldSrc, keySrc: keySrc,
		mask: letterMask(key), targets: targets, rank: rank}
	if kind == entSynonym && isAcronym(label) {
		en.exact = true
		en.upper = len(key) <= 2
	}
	j := int32(len(b.e.entries))
	b.seen[dedupe] = j
	b.e.entries = append(b.e.entries, en)
	if b.e.exact == nil {
		b.e.exact = make(map[string][]int32, 4096)
	}
	b.e.exact[key] = append(b.e.exact[key], j)
	return int(j)
}

func targetsKey(t []int32) string {
	var sb strings.Builder
	for _, x := range t {
		sb.WriteString(itoa(int(x)))
		sb.WriteByte(',')
	}
	return sb.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
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
	return strings.ReplaceAll(string(b), " ", "")
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
	for _, p := range strings.Split(s, " - ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
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
