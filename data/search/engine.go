package search

import (
	"math"
	"slices"

	"github.com/selvhjelp/finder/data/dataset"
	"sort"
	"strings"
)

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
	maxTokens          = 16 // words of a query looked at; the rest is ignored
	maxSpanWords       = 4  // longest name in words ("Bø i Telemark", "Anonyme Alkoholikere")
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

// stopWords are the small words between a place and a topic ("angst i
// tromsø", "grupper for sorg near bergen"), folded.
var stopWords = map[string]bool{
	"i": true, "pa": true, "for": true, "in": true, "near": true, "ner": true, "ved": true,
	"til": true, "om": true, "med": true, "og": true, "rundt": true, "nara": true, "at": true,
	"kommune": true, "kommun": true, "gielda": true, "suohkan": true, "the": true, "of": true,
	"grupper": true, "gruppe": true, "selvhjelp": true, "selvhjelpsgrupper": true, "hjelp": true,
}

// token is one word of the folded query.
type token struct {
	a, b   int // bytes of the folded query
	stop   bool
	digits bool
}

// qspan is a run of words read as one name.
type qspan struct {
	i, j    int // first and last token
	key     string
	content int // words that are not stop words
}

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
}

func (e *Engine) getScratch() *scratch {
	if s, ok := e.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{stamp: make([]uint32, len(e.entries)), slot: make([]int32, len(e.entries))}
}

// reading is the chosen interpretation of the query.
type reading struct {
	place, topic     int // match index or -1
	pc               int // postcode index or -1
	pcSpan           int
	placeSpan        int
	topicSpan        int
	placeAlternative []int32
	// placeAlternativeMatches are the matches behind placeAlternative.
	placeAlternativeMatches []int
	countyPick              int32 // the target a county word chose, or -1
}

// Search reads a place and a topic from query and returns the contract
// response. See README.md for how a query is understood.
func (e *Engine) Search(query string, opts Options) Response {
	q := CleanQuery(query)
	resp := Response{Query: q, Suggestions: []Suggestion{}, Results: []Result{}}
	nSug, nRes := limits(opts)
	s := e.getScratch()
	defer e.pool.Put(s)
	s.fold, _ = appendFold(s.fold[:0], nil, q, false)
	fold := s.fold

	// Words.
	s.toks = s.toks[:0]
	for i := 0; i < len(fold) && len(s.toks) < maxTokens; {
		j := i
		for j < len(fold) && fold[j] != ' ' {
			j++
		}
		t := token{a: i, b: j, digits: true}
		for k := i; k < j; k++ {
			if fold[k] < '0' || fold[k] > '9' {
				t.digits = false
				break
			}
		}
		t.stop = stopWords[string(fold[i:j])]
		s.toks = append(s.toks, t)
		i = j + 1
	}
	toks := s.toks
	allStop := true
	for _, t := range toks {
		if !t.stop {
			allStop = false
		}
	}
	if allStop {
		for i := range toks {
			toks[i].stop = false
		}
	}
	upper := upperWords(q)

	// Spans and their matches.
	s.spans = s.spans[:0]
	s.ms = s.ms[:0]
	r := reading{place: -1, topic: -1, pc: -1, pcSpan: -1, placeSpan: -1, topicSpan: -1, countyPick: -1}
	var pcPrefix string
	for i := range toks {
		if toks[i].stop {
			continue
		}
		if toks[i].digits {
			code := string(fold[toks[i].a:toks[i].b])
			switch {
			case len(code) == 4:
				if p := e.postcodeIndex(code); p >= 0 && r.pc < 0 {
					r.pc, r.pcSpan = p, i
				}
			case len(code) < 4 && i == len(toks)-1:
				pcPrefix = code
			}
		}
		content := 0
		for j := i; j < len(toks) && j < i+maxSpanWords+2; j++ {
			if !toks[j].stop {
				content++
			}
			if content > maxSpanWords {
				break
			}
			if toks[j].stop {
				continue
			}
			s.key = s.key[:0]
			for k := i; k <= j; k++ {
				s.key = append(s.key, fold[toks[k].a:toks[k].b]...)
			}
			if len(s.key) > 2*maxDL {
				break
			}
			sp := qspan{i: i, j: j, key: string(s.key), content: content}
			s.spans = append(s.spans, sp)
			up := i == j && upper[sp.key]
			s.ms = e.lookup(s.ms, sp.key, int16(len(s.spans)-1), j == len(toks)-1, up, j > i, nSug, s)
		}
	}
	e.choose(s, &r)

	// Place and topic.
	var origin struct {
		lat, lon float64
		ok       bool
	}
	placeMuni := int32(-1)
	terr := -1
	switch {
	case r.pc >= 0:
		p := e.postcodes[r.pc]
		if p.hasPoint {
			origin.lat, origin.lon, origin.ok = p.lat, p.lon, true
		}
		if p.muni >= 0 {
			placeMuni = p.muni
			resp.Place = e.place(p.muni, "postcode")
			resp.Place.Postcode = p.code
		} else {
			terr = int(-1 - p.muni)
		}
		r.place = -1
	case r.place >= 0:
		m := &s.ms[r.place]
		en := &e.entries[m.entry]
		t := e.bestTarget(en.targets)
		if r.countyPick >= 0 {
			t = r.countyPick
		}
		if t < 0 {
			terr = int(-1 - t)
			if en.lat != 0 || en.lon != 0 {
				origin.lat, origin.lon, origin.ok = en.lat, en.lon, true
			}
		} else {
			placeMuni = t
			resp.Place = e.place(t, matchedName(en.kind))
			if en.kind == entPostal && (en.lat != 0 || en.lon != 0) {
				origin.lat, origin.lon, origin.ok = en.lat, en.lon, true
			}
			alts := r.placeAlternative[:0:0]
			for _, x := range en.targets {
				if x != t && x >= 0 && !containsAny(alts, []int32{x}) {
					alts = append(alts, x)
				}
			}
			for _, x := range r.placeAlternative {
				if x != t && x >= 0 && !containsAny(alts, []int32{x}) {
					alts = append(alts, x)
				}
			}
			for _, x := range alts {
				resp.Place.Alternatives = append(resp.Place.Alternatives, e.munis[x].m.Number)
			}
		}
	}
	if terr >= 0 && terr < len(e.terr) {
		t := e.terr[terr]
		resp.Territory = &TerritoryRef{Number: t.Number, Name: t.Name}
		if !origin.ok {
			origin.lat, origin.lon, origin.ok = t.Lat, t.Lon, true
		}
	}
	if resp.Place == nil && resp.Territory == nil && opts.Municipality != "" {
		if j, ok := e.muniByNo[opts.Municipality]; ok {
			placeMuni = j
			resp.Place = e.place(j, "name")
			resp.Place.Via = ViaPreset
		}
	}
	if placeMuni >= 0 && !origin.ok {
		m := e.munis[placeMuni].m
		origin.lat, origin.lon, origin.ok = m.Lat, m.Lon, true
	}
	topic := int32(-1)
	if r.topic >= 0 {
		topic = e.entries[s.ms[r.topic].entry].targets[0]
	} else if opts.Topic != "" {
		if j, ok := e.topicByID[opts.Topic]; ok {
			topic = j
		}
	}
	if topic >= 0 {
		t := e.topics[topic]
		resp.Topic = &TopicRef{ID: t.ID, Name: t.Name}
	}

	resp.Suggestions = e.suggestions(s, &r, placeMuni, pcPrefix, nSug)
	if q == "" && resp.Place == nil && resp.Topic == nil {
		return resp // nothing asked yet
	}
	resp.Results, resp.TopicNote = e.results(placeMuni, origin.lat, origin.lon, origin.ok, topic, nRes)
	return resp
}

func limits(opts Options) (sug, res int) {
	if opts.Limit > 0 {
		return opts.Limit, opts.Limit
	}
	return DefaultSuggestions, DefaultResults
}

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

// tieWeight breaks ties between a place and a topic reading (see choose).
var tieWeight = [...]int{entMunicipality: 4, entParallel: 2, entFormer: 2, entPostal: 1, entTopic: 3, entSynonym: 3, entContact: 0}

func isPlaceKind(k uint8) bool { return k <= entPostal }
func isTopicKind(k uint8) bool { return k == entTopic || k == entSynonym }

func matchedName(kind uint8) string {
	switch kind {
	case entParallel:
		return "parallel_name"
	case entFormer:
		return "former_name"
	case entPostal:
		return "postal_place"
	}
	return "name"
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

// choose picks the best reading: one place span and one topic span that do
// not overlap, scored by quality times the words they explain.
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
		if !e.resolvable(m, sp.key) {
			continue
		}
		k := e.entries[m.entry].kind
		if _, county := e.countyKey[sp.key]; county && m.how != howExact {
			continue // "Vestland" is a county, not a near miss of a place
		}
		switch {
		case isPlaceKind(k):
			if b := bestPlace[m.span]; b < 0 || e.better(m, &s.ms[b]) {
				bestPlace[m.span] = i
			}
		case isTopicKind(k):
			if b := bestTopic[m.span]; b < 0 || e.better(m, &s.ms[b]) {
				bestTopic[m.span] = i
			}
		}
	}
	// Score: quality times the words explained. On a tie a municipality's
	// name beats a topic and a topic beats the weaker kinds of place ("ang"
	// is angst before the postal place Angvik), and one name explaining the
	// words beats two readings ("sor var" is Sør-Varanger).
	base := func(mi int) int { return int(s.ms[mi].q) * s.spans[s.ms[mi].span].content }
	weight := func(mi int) int { return tieWeight[e.entries[s.ms[mi].entry].kind] }
	overlap := func(a, b int) bool {
		x, y := &s.spans[a], &s.spans[b]
		return x.i <= y.j && y.i <= x.j
	}
	bestTotal, bp, bt, usePC := 0, -1, -1, false
	consider := func(placeBase, placeW, t, p int, pc bool) {
		total := 8*placeBase + placeW
		if t >= 0 {
			tb, tw := base(bestTopic[t]), weight(bestTopic[t])
			if placeBase > 0 {
				total = 8*(placeBase+tb) + max(placeW, tw) - 5
			} else {
				total = 8*tb + tw
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
		if r.pc >= 0 && (t < 0 || s.spans[t].i > r.pcSpan || s.spans[t].j < r.pcSpan) {
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
		r.place, r.placeSpan = bestPlace[bp], bp
		best := &s.ms[r.place]
		if best.how == howExact {
			for i := range s.ms {
				m := &s.ms[i]
				if int(m.span) == bp && m.how == howExact && isPlaceKind(e.entries[m.entry].kind) {
					r.placeAlternative = append(r.placeAlternative, e.entries[m.entry].targets...)
					r.placeAlternativeMatches = append(r.placeAlternativeMatches, i)
				}
			}
		}
	}
	if bt >= 0 {
		r.topic, r.topicSpan = bestTopic[bt], bt
	}
	// A county named beside a shared name picks its reading ("Herøy
	// Nordland", "Våler i Innlandet").
	if bp >= 0 && len(r.placeAlternative) > 1 {
		for i := range s.spans {
			sp := &s.spans[i]
			no, ok := e.countyKey[sp.key]
			if !ok || overlap(i, bp) {
				continue
			}
			for _, mi := range r.placeAlternativeMatches {
				m := &s.ms[mi]
				for _, t := range e.entries[m.entry].targets {
					if t >= 0 && e.munis[t].countyNo == no {
						r.place = mi
						r.countyPick = t
						return
					}
				}
			}
		}
	}
}

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
	order := s.order[:0]
	defer func() { s.order = order[:0] }()
	for i := range s.ms {
		order = append(order, i)
	}
	boost := func(i int) int {
		switch {
		case i == r.place:
			return 3
		case i == r.topic:
			return 2
		}
		m := &s.ms[i]
		if r.place >= 0 && int(m.span) == r.placeSpan && m.how == howExact {
			return 3
		}
		return 0
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if bx, by := boost(x), boost(y); bx != by {
			return bx > by
		}
		mx, my := &s.ms[x], &s.ms[y]
		if cx, cy := s.spans[mx.span].content, s.spans[my.span].content; cx != cy && mx.q == my.q {
			return cx > cy
		}
		return e.better(mx, my)
	})
	for _, i := range order {
		if len(out) >= limit {
			break
		}
		m := &s.ms[i]
		en := &e.entries[m.entry]
		if e.shadowed(s, r, m) {
			continue
		}
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
				if en.kind == entPostal {
					kind = KindPostalPlace
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

// shadowed reports whether a weak match comes from words the reading has
// already explained with a sure match ("angst" read as a topic is no
// subsequence of a postal place).
func (e *Engine) shadowed(s *scratch, r *reading, m *match) bool {
	if m.how == howExact {
		return false
	}
	sp := &s.spans[m.span]
	for _, ri := range []int{r.place, r.topic} {
		if ri < 0 {
			continue
		}
		rm := &s.ms[ri]
		if rm.how != howExact && rm.how != howPrefix {
			continue
		}
		rs := &s.spans[rm.span]
		if sp.i > rs.j || rs.i > sp.j {
			continue
		}
		sameKind := isTopicKind(e.entries[rm.entry].kind) == isTopicKind(e.entries[m.entry].kind)
		if m.how == howSubsequence || m.how == howPrefixTypo || !sameKind && m.how != howPrefix {
			return true
		}
	}
	if r.pc >= 0 && sp.i <= r.pcSpan && r.pcSpan <= sp.j {
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
	topic := int32(-1)
	if j, ok := e.topicByID[opts.Topic]; ok && opts.Topic != "" {
		topic = j
		t := e.topics[j]
		resp.Topic = &TopicRef{ID: t.ID, Name: t.Name}
	}
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		resp.Results, resp.TopicNote = e.results(-1, 0, 0, false, topic, nRes)
		return resp
	}
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
	placeMuni := int32(-1)
	if best >= 0 {
		p := e.postcodes[best]
		if p.muni >= 0 {
			placeMuni = p.muni
			resp.Place = e.place(p.muni, "postcode")
			resp.Place.Via = ViaPosition
		} else if i := int(-1 - p.muni); i < len(e.terr) {
			resp.Territory = &TerritoryRef{Number: e.terr[i].Number, Name: e.terr[i].Name}
		}
	}
	resp.Results, resp.TopicNote = e.results(placeMuni, lat, lon, true, topic, nRes)
	return resp
}
