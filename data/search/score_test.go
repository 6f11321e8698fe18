package search_test

import (
	"os"
	"sort"
	"testing"
)

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
	cases := loadSet(t, dir, func(string) bool { return true })
	e := newEngine(t)
	type tally struct{ n, hits, wrong, crisisMiss, falseAlarm, crisisN, calmN int }
	byClass := map[string]*tally{}
	all := &tally{}
	for _, c := range cases {
		got, err := searchSafely(t, e, c.query)
		if err != nil {
			t.Errorf("%v", err)
		}
		v := judge(c, got)
		for _, k := range []*tally{all, classTally(byClass, c.class)} {
			k.n++
			if v.hit() {
				k.hits++
			}
			if v.confidentWr {
				k.wrong++
			}
			if c.crisis {
				k.crisisN++
				if !got.crisis {
					k.crisisMiss++
				}
			} else {
				k.calmN++
				if got.crisis {
					k.falseAlarm++
				}
			}
		}
		if !v.hit() {
			mark := "miss"
			if v.confidentWr {
				mark = "WRONG"
			}
			t.Logf("%s: %s", mark, v)
		}
	}
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
			c, k.hits, k.n, 100*float64(k.hits)/float64(k.n), k.wrong, k.crisisMiss, k.crisisN, k.falseAlarm, k.calmN)
	}
}

func classTally[T any](m map[string]*T, class string) *T {
	if m[class] == nil {
		m[class] = new(T)
	}
	return m[class]
}
