package validate

import (
	"fmt"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// The floor under the contact-point list. An empty contact_points.json once
// validated with 0 errors and a publish went ahead with "0 nye, 42 fjernet":
// a truncated file, a spreadsheet with a filter left on or a bad merge must
// not reach citizens. The same floor guards `validate` (against the
// manifest's count) and `finder publish` (against the published version).
const (
	// MaxRemovedPercent is the largest share of contact points that may go
	// at once without a deliberate step (--allow-removals, or lowering
	// contact_points in manifest.json in the same commit).
	MaxRemovedPercent = 10
	// MinContactPoints is the fewest a list that had at least this many may keep.
	MinContactPoints = 5
)

// CheckRemovals returns "" when a list of before contact points may lose
// removed of them and keep remaining, or says why not.
func CheckRemovals(before, removed, remaining int) string {
	switch {
	case before > 0 && remaining == 0:
		return fmt.Sprintf("alle %d kontaktpunkter ville forsvinne", before)
	case before >= MinContactPoints && remaining < MinContactPoints:
		return fmt.Sprintf("bare %d kontaktpunkter ville være igjen (av %d); aldri færre enn %d", remaining, before, MinContactPoints)
	case removed*100 > before*MaxRemovedPercent:
		return fmt.Sprintf("%d av %d kontaktpunkter (%d %%) ville forsvinne; høyst %d %% om gangen", removed, before, removed*100/before, MaxRemovedPercent)
	}
	return ""
}

// checkContactPointFloor compares the contact-point count with the
// manifest's: a list that lost more than MaxRemovedPercent is refused.
func checkContactPointFloor(m *store.Manifest, d *dataset.Dataset) []Problem {
	c := &checker{}
	n := len(d.ContactPoints)
	switch {
	case m.ContactPoints <= 0:
		c.add(store.ManifestFile, "", "contact_points", "mangler: antallet kontaktpunkter listen måles mot; kjør make data")
	case n < m.ContactPoints:
		if msg := CheckRemovals(m.ContactPoints, m.ContactPoints-n, n); msg != "" {
			c.add(dataset.ContactPointsFile, "", "", "%d kontaktpunkter, men %s sier %d: %s. Er filen avkortet eller importert fra et filtrert regneark? Fjernes de med vilje, senk contact_points i %s i samme commit", n, store.ManifestFile, m.ContactPoints, msg, store.ManifestFile)
		}
	}
	return c.ps
}
