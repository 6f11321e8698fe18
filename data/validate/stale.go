package validate

import (
	"fmt"
	"sort"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
)

// StaleRecord is one line of the stale report.
type StaleRecord struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Status        string `json:"status"`
	LastVerified  string `json:"last_verified"` // "" = never verified
	Months        int    `json:"months_since,omitempty"`
	NeverVerified bool   `json:"never_verified,omitempty"`
	// How to reach them to re-verify: the record's own phone, e-mail and
	// web address, and its newest source page when it has none of those.
	Phone  string `json:"phone,omitempty"`
	Email  string `json:"email,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
}

// Stale lists contact points not verified within months of now: never
// verified first, then oldest first. A partial date counts from the end of
// its period ("2023" = 31 December 2023), so nothing is called staler than
// the source allows.
func Stale(d *dataset.Dataset, months int, withClosed bool, now time.Time) ([]StaleRecord, error) {
	type item struct {
		rec StaleRecord
		end time.Time
	}
	var items []item
	limit := now.AddDate(0, -months, 0)
	for _, c := range d.ContactPoints {
		if c.Status == dataset.StatusClosed && !withClosed {
			continue
		}
		r := StaleRecord{ID: c.ID, Name: c.Name, Status: c.Status, LastVerified: c.LastVerified,
			Phone: c.Phone, Email: c.Email, URL: c.URL}
		if n := len(c.Sources); n > 0 {
			r.Source = c.Sources[n-1].URL
		}
		if c.LastVerified == "" {
			r.NeverVerified = true
			items = append(items, item{rec: r})
			continue
		}
		_, end, err := ParseDate(c.LastVerified)
		if err != nil {
			return nil, fmt.Errorf("%s: last_verified: %w", c.ID, err)
		}
		if !end.Before(limit) {
			continue
		}
		r.Months = monthsBetween(end, now)
		items = append(items, item{rec: r, end: end})
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.rec.NeverVerified != b.rec.NeverVerified {
			return a.rec.NeverVerified
		}
		if !a.end.Equal(b.end) {
			return a.end.Before(b.end)
		}
		return a.rec.ID < b.rec.ID
	})
	out := make([]StaleRecord, len(items))
	for i, it := range items {
		out[i] = it.rec
	}
	return out, nil
}

func monthsBetween(a, b time.Time) int {
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return m
}
