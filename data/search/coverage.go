package search

import (
	"math"
	"sort"

	"github.com/selvhjelp/finder/data/dataset"
)

// CoverageRow is one municipality's distance to its nearest contact point.
type CoverageRow struct {
	Municipality string  `json:"municipality"`
	Name         string  `json:"name"`
	County       string  `json:"county"`
	Population   int     `json:"population"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	// DistanceKm is 0 when a contact point is in or serves the
	// municipality, else the great-circle distance from the municipality's
	// point to the nearest one; -1 when the dataset has none at all.
	DistanceKm float64 `json:"distance_km"`
	Nearest    string  `json:"nearest"` // contact point id
	Served     bool    `json:"served"`  // a contact point is in or serves it
}

// CountsForCoverage reports whether a contact point counts as a place to
// turn to in Coverage: it is not closed (active or unknown: no record in
// the dataset is confirmed active, so "active only" would show the whole
// country uncovered), and it is not the national office or the foundation,
// which serve everyone by phone and would make every distance meaningless.
func CountsForCoverage(cp *dataset.ContactPoint) bool {
	return cp.Status != dataset.StatusClosed && !cp.ServesAll &&
		cp.Kind != dataset.KindNationalOffice && cp.Kind != dataset.KindFoundation
}

// Coverage lists every municipality with its distance to the nearest contact
// point that counts (see CountsForCoverage), worst first: the farthest,
// then the most populous.
func (e *Engine) Coverage() []CoverageRow { return e.CoverageOf("") }

// CoverageOf is Coverage counting only contact points of one kind ("" for
// every kind).
func (e *Engine) CoverageOf(kind string) []CoverageRow {
	rows := make([]CoverageRow, len(e.munis))
	for i, m := range e.munis {
		row := CoverageRow{Municipality: m.m.Number, Name: m.m.Name, County: m.county, Population: m.m.Population,
			Lat: m.m.Lat, Lon: m.m.Lon, DistanceKm: -1}
		best := math.Inf(1)
		for j := range e.contacts {
			c := &e.contacts[j]
			if !CountsForCoverage(c.cp) || (kind != "" && c.cp.Kind != kind) {
				continue
			}
			if c.muni == int32(i) || containsAny(c.serves, []int32{int32(i)}) {
				if !row.Served || c.cp.ID < row.Nearest {
					row.Served, row.Nearest = true, c.cp.ID
				}
				best = 0
				continue
			}
			if row.Served || !c.hasPoint {
				continue
			}
			if d := haversine(m.m.Lat, m.m.Lon, c.lat, c.lon); d < best {
				best, row.Nearest = d, c.cp.ID
			}
		}
		if !math.IsInf(best, 1) {
			row.DistanceKm = math.Round(best*10) / 10
		}
		rows[i] = row
	}
	sort.SliceStable(rows, func(a, b int) bool {
		x, y := rows[a], rows[b]
		dx, dy := x.DistanceKm, y.DistanceKm
		if dx < 0 {
			dx = math.Inf(1)
		}
		if dy < 0 {
			dy = math.Inf(1)
		}
		if dx != dy {
			return dx > dy
		}
		if x.Population != y.Population {
			return x.Population > y.Population
		}
		return x.Municipality < y.Municipality
	})
	return rows
}
