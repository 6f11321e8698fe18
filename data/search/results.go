package search

import (
	"math"
	"slices"
	"sort"

	"github.com/selvhjelp/finder/data/dataset"
)

// maxNearby bounds the nearest others shown after the local ones.
const maxNearby = 5

// maxTopical bounds the national resources shown for a topic (AA and NA for
// "rus"): they get room after the national office even when the local list
// is full.
const maxTopical = 2

// result is a result being assembled.
type result struct {
	c        *contact
	dist     float64
	relation string
	lists    bool
}

// results lists the contact points for a place (a municipality index, or
// -1) seen from a point: local, nearby, regional, then the national
// fallback and the national resources that list the topic (meetings all
// over the country, never local), closed records last. With no place and no point only the
// national fallback is shown: the one answer that does not depend on where
// the person is.
//
// With several topics, a contact point that lists any of them counts as
// listing the topic. A region's members all count as local.
func (e *Engine) results(w where, topics []int32, limit int) ([]Result, string) {
	place, lat, lon, hasOrigin := w.muni, w.lat, w.lon, w.point
	hasTopic := len(topics) > 0
	var local, others, national, topical, closed []result
	for i := range e.contacts {
		c := &e.contacts[i]
		r := result{c: c, lists: hasTopic && e.listsAny(c.cp, topics)}
		if hasOrigin && c.hasPoint {
			r.dist = haversine(lat, lon, c.lat, c.lon)
		}
		covers := place >= 0 && (slices.Contains(w.members, c.muni) || containsAny(c.serves, w.members))
		switch {
		case c.topical:
			if r.lists && c.status != rankClosed {
				r.relation = RelationNational
				topical = append(topical, r)
			}
		case c.national:
			r.relation = RelationNational
			national = append(national, r)
		case covers && c.cp.Kind == dataset.KindDistrictOffice:
			r.relation = RelationRegional
			closedOr(&closed, &others, r)
		case covers:
			r.relation = RelationLocal
			closedOr(&closed, &local, r)
		case hasOrigin && c.hasPoint && c.status != rankClosed:
			r.relation = e.relationByDistance(place, c, r.dist)
			others = append(others, r)
		}
	}
	for _, rs := range [][]result{local, national, topical, closed} {
		sortResults(rs)
	}
	// The national office itself before the foundation that runs it.
	sort.SliceStable(national, func(a, b int) bool {
		return national[a].c.cp.Kind == dataset.KindNationalOffice && national[b].c.cp.Kind != dataset.KindNationalOffice
	})
	note := e.topicNote(hasTopic, place, local, others, topics)
	topical = topical[:min(maxTopical, len(topical))]
	picked := pickOthers(others, note == TopicNoteNearby, maxOthers(limit, len(local), len(national)+len(topical)))

	// The national office and the topic's national resources are always
	// shown; the rest fills the limit in order, and closed records only
	// take room that is left.
	budget := limit - min(1, len(national)) - len(topical)
	out := make([]Result, 0, limit)
	for _, rs := range [][]result{local, picked} {
		for _, r := range rs {
			if len(out) < budget {
				out = append(out, r.out())
			}
		}
	}
	if len(national) > 0 {
		out = append(out, national[0].out())
	}
	for _, r := range topical {
		out = append(out, r.out())
	}
	for _, r := range national[min(1, len(national)):] {
		if len(out) < limit {
			out = append(out, r.out())
		}
	}
	for _, r := range closed {
		if len(out) < limit {
			out = append(out, r.out())
		}
	}
	return out, note
}

// closedOr files r under closed when its record is closed, else under rs.
func closedOr(closed, rs *[]result, r result) {
	if r.c.status == rankClosed {
		*closed = append(*closed, r)
		return
	}
	*rs = append(*rs, r)
}

// relationByDistance names how far a contact point outside the place is:
// nearby within NearbyKm, regional in the same county or within
// RegionalKm, far beyond.
func (e *Engine) relationByDistance(place int32, c *contact, km float64) string {
	switch {
	case km <= NearbyKm:
		return RelationNearby
	case km <= RegionalKm:
		return RelationRegional
	case place >= 0 && c.muni >= 0 && e.munis[place].countyNo == e.munis[c.muni].countyNo:
		return RelationRegional
	}
	return RelationFar
}

// relationRank orders the relations of the others: nearest band first.
func relationRank(rel string) int {
	switch rel {
	case RelationNearby:
		return 0
	case RelationRegional:
		return 1
	}
	return 2
}

// maxOthers is how many contact points outside the place to show: up to
// maxNearby, fewer when there are local ones, at least one (never a dead
// end).
func maxOthers(limit, local, national int) int {
	n := min(maxNearby, max(1, limit-local-national))
	if local > 0 {
		n = min(n, max(1, limit-local-national-2))
	}
	return n
}

// pickOthers takes the nearest contact points outside the place, by
// relation band and then distance; with keepTopic, the nearest that lists
// the topic is kept even when farther than the others. The chosen ones are
// then ordered as every relation is (sortResults) within their band, but
// the far ones nearest first ("kreft bodø": Tromsø before Oslo).
func pickOthers(others []result, keepTopic bool, n int) []result {
	sort.SliceStable(others, func(a, b int) bool {
		x, y := others[a], others[b]
		if x.dist != y.dist {
			return x.dist < y.dist
		}
		return x.c.cp.ID < y.c.cp.ID
	})
	picked := append([]result{}, others[:min(n, len(others))]...)
	if keepTopic && !slices.ContainsFunc(picked, func(r result) bool { return r.lists }) {
		if i := slices.IndexFunc(others, func(r result) bool { return r.lists }); i >= 0 {
			picked = append(picked, others[i])
		}
	}
	sort.SliceStable(picked, func(a, b int) bool {
		return relationRank(picked[a].relation) < relationRank(picked[b].relation)
	})
	for start := 0; start < len(picked); {
		end := start
		for end < len(picked) && picked[end].relation == picked[start].relation {
			end++
		}
		if picked[start].relation != RelationFar {
			sortResults(picked[start:end])
		} // far ones stay nearest first: far away, distance is what matters
		start = end
	}
	return picked
}

// sortResults orders the results of one relation: reachable and recently
// confirmed first (open before unknown before closed), self-organised and
// peer groups before groups with a leader, then a way to get in touch, the
// newest confirmation year, those listing the topic, the nearest.
func sortResults(rs []result) {
	sort.SliceStable(rs, func(a, b int) bool {
		x, y := rs[a], rs[b]
		if x.c.status != y.c.status {
			return x.c.status < y.c.status
		}
		if lx, ly := dataset.KindIsLed(x.c.cp.Kind), dataset.KindIsLed(y.c.cp.Kind); lx != ly {
			return ly
		}
		if rx, ry := reachable(x.c.cp), reachable(y.c.cp); rx != ry {
			return rx
		}
		if vx, vy := verifiedYear(x.c.cp), verifiedYear(y.c.cp); vx != vy {
			return vx > vy
		}
		if x.lists != y.lists {
			return x.lists
		}
		if x.dist != y.dist {
			return x.dist < y.dist
		}
		return x.c.cp.ID < y.c.cp.ID
	})
}

// reachable reports whether a citizen can get in touch directly.
func reachable(cp *dataset.ContactPoint) bool {
	return cp.Phone != "" || cp.Email != "" || cp.URL != ""
}

// verifiedYear is the year of last_verified ("" sorts as never).
func verifiedYear(cp *dataset.ContactPoint) string {
	if len(cp.LastVerified) < 4 {
		return ""
	}
	return cp.LastVerified[:4]
}

// topicNote says where the topic is found: local, only among the others
// (nearby, in any band), or nowhere.
func (e *Engine) topicNote(hasTopic bool, place int32, local, others []result, topics []int32) string {
	switch {
	case !hasTopic:
		return ""
	case place >= 0:
		if slices.ContainsFunc(local, func(r result) bool { return r.lists }) {
			return TopicNoteLocal
		}
		if slices.ContainsFunc(others, func(r result) bool { return r.lists }) {
			return TopicNoteNearby
		}
		return TopicNoteNone
	}
	for i := range e.contacts {
		if c := &e.contacts[i]; c.status != rankClosed && e.listsAny(c.cp, topics) {
			return ""
		}
	}
	return TopicNoteNone
}

func (r result) out() Result {
	d := r.dist
	if math.IsNaN(d) || math.IsInf(d, 0) {
		d = 0
	}
	return Result{ContactPoint: *r.c.cp, DistanceKm: math.Round(d*10) / 10, Relation: r.relation, ListsTopic: r.lists}
}

// listsAny reports whether cp lists one of the topics.
func (e *Engine) listsAny(cp *dataset.ContactPoint, topics []int32) bool {
	for _, t := range topics {
		if slices.Contains(cp.Topics, e.topics[t].ID) {
			return true
		}
	}
	return false
}
