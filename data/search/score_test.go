package search_test

import (
	"os"
	"sort"
	"testing"

	"github.com/selvhjelp/finder/data/search"
)

// tally is how the engine read a query set, or one class of it.
type tally struct{ n, hits, wrong, crisisMiss, falseAlarm, crisisN, calmN int }

func (k *tally) add(v verdict) {
	k.n++
	if v.hit() {
		k.hits++
	}
	if v.confidentWr {
		k.wrong++
	}
	switch {
	case v.c.crisisAny:
	case v.c.crisis:
		k.crisisN++
		if !v.got.crisis {
			k.crisisMiss++
		}
	default:
		k.calmN++
		if v.got.crisis {
			k.falseAlarm++
		}
	}
}

func (k *tally) rate() float64 { return float64(k.hits) / float64(k.n) }

// scoreSet reads every query of a set with the judgement of TestRealistic
// and returns the tally of the whole set and of each class; every miss is
// logged.
func scoreSet(tb testing.TB, e *search.Engine, cases []realisticCase) (all *tally, byClass map[string]*tally) {
	tb.Helper()
	all, byClass = &tally{}, map[string]*tally{}
	for _, c := range cases {
		got, err := searchSafely(tb, e, c.query)
		if err != nil {
			tb.Errorf("%v", err)
		}
		v := judge(c, got)
		if byClass[c.class] == nil {
			byClass[c.class] = &tally{}
		}
		all.add(v)
		byClass[c.class].add(v)
		switch {
		case v.confidentWr:
			tb.Logf("WRONG: %s", v)
		case !v.hit():
			tb.Logf("miss: %s", v)
		}
	}
	return all, byClass
}

// TestScoreQuerySet scores a query set kept outside the project (a
// first-contact set, or a set kept apart as a judge) once, with the
// judgement of TestRealistic, and fails nothing: it prints the figures.
//
//	FINDER_QUERY_SET=/path/to/set go test ./data/search -run TestScoreQuerySet -v
func TestScoreQuerySet(t *testing.T) {
	dir := os.Getenv("FINDER_QUERY_SET")
	if dir == "" {
		t.Skip("FINDER_QUERY_SET names no query set")
	}
	all, byClass := scoreSet(t, newEngine(t), loadSet(t, dir, func(string) bool { return true }))
	classes := make([]string, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range append(classes, "ALL") {
		k := byClass[c]
		if c == "ALL" {
			k = all
		}
		t.Logf("%-18s %3d/%3d = %5.1f %%  confident wrong %2d  crisis missed %2d/%2d  false alarms %2d/%2d",
			c, k.hits, k.n, 100*k.rate(), k.wrong, k.crisisMiss, k.crisisN, k.falseAlarm, k.calmN)
	}
}
