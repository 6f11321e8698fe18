package search

import (
	"math"
	"slices"
	"sort"

	"github.com/selvhjelp/finder/data/dataset"
)

// maxNearby bounds the nearest others shown after the local ones.
const maxNearby = 5

// result is a result being assembled.
type result struct {
	c        *contact
	dist     float64
	relation string
	lists    bool
}

// results lists the contact points for a place (a municipality index, or
// -1) seen from a point: local, nearby, regional, then the national
// fallback, closed records last. With no place and no point only the
// national fallback is shown: the one answer that does not depend on where
// the person is.
//
// With several topics, a contact point that lists any of them counts as
// listing the topic. A region's members all count as local.
func (e *Engine) results(w where, topics []int32, limit int) ([]Result, string) {
	place, lat, lon, hasOrigin := w.muni, w.lat, w.lon, w.point
	hasTopic := len(topics) > 0
	var local, nearby, regional, national, closed []result
	for i := range e.contacts {
		c := &e.contacts[i]
		r := result{c: c, lists: hasTopic && e.listsAny(c.cp, topics)}
		if hasOrigin && c.hasPoint {
			r.dist = haversine(lat, lon, c.lat, c.lon)
		}
		covers := place >= 0 && (slices.Contains(w.members, c.muni) || containsAny(c.serves, w.members))
		switch {
		case c.national:
			r.relation = RelationNational
			national = append(national, r)
			continue
		case covers && c.cp.Kind == dataset.KindDistrictOffice:
			r.relation = RelationRegional
		case covers:
			r.relation = RelationLocal
		case hasOrigin && c.hasPoint && c.status != rankClosed:
			r.relation = RelationNearby
		default:
			continue
		}
		switch {
		case c.status == rankClosed:
			closed = append(closed, r)
		case r.relation == RelationLocal:
			local = append(local, r)
		case r.relation == RelationRegional:
			regional = append(regional, r)
		default:
			nearby = append(nearby, r)
		}
	}
	order := func(rs []result) {
		sort.SliceStable(rs, func(a, b int) bool {
			x, y := rs[a], rs[b]
			if x.c.status != y.c.status {
				return x.c.status < y.c.status
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
	for _, rs := range [][]result{local, regional, national, closed} {
		order(rs)
	}
	// The national office itself before the foundation that runs it.
	sort.SliceStable(national, func(a, b int) bool {
		return national[a].c.cp.Kind == dataset.KindNationalOffice && national[b].c.cp.Kind != dataset.KindNationalOffice
	})
	// Nearby: nearest first; with a topic, the nearest that lists it is
	// kept even when farther than the others.
	sort.SliceStable(nearby, func(a, b int) bool {
		x, y := nearby[a], nearby[b]
		if x.c.status != y.c.status {
			return x.c.status < y.c.status
		}
		if x.dist != y.dist {
			return x.dist < y.dist
		}
		return x.c.cp.ID < y.c.cp.ID
	})
	note := ""
	if hasTopic && place >= 0 {
		note = TopicNoteNone
		for _, r := range local {
			if r.lists {
				note = TopicNoteLocal
				break
			}
		}
		if note == TopicNoteNone {
			for _, r := range nearby {
				if r.lists {
					note = TopicNoteNearby
					break
				}
			}
		}
	} else if hasTopic {
		note = TopicNoteNone
		for i := range e.contacts {
			if c := &e.contacts[i]; c.status != rankClosed && e.listsAny(c.cp, topics) {
				note = ""
				break
			}
		}
	}
	nNear := min(maxNearby, max(1, limit-len(local)-len(regional)-len(national)))
	if len(local) > 0 {
		nNear = min(nNear, max(1, limit-len(local)-len(regional)-len(national)-2))
	}
	picked := nearby[:min(nNear, len(nearby))]
	if note == TopicNoteNearby {
		has := false
		for _, r := range picked {
			has = has || r.lists
		}
		if !has {
			for _, r := range nearby {
				if r.lists {
					picked = append(picked[:len(picked):len(picked)], r)
					break
				}
			}
		}
	}
	// The topic re-orders within a relation: those listing it first.
	sort.SliceStable(picked, func(a, b int) bool { return picked[a].lists && !picked[b].lists })

	// The national office is always shown; the rest fills the limit in
	// order, and closed records only take room that is left.
	budget := limit - min(1, len(national))
	out := make([]Result, 0, limit)
	for _, rs := range [][]result{local, picked, regional} {
		for _, r := range rs {
			if len(out) < budget {
				out = append(out, r.out())
			}
		}
	}
	for i, r := range national {
		if i == 0 || len(out) < limit {
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
