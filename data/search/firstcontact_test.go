package search_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// firstContactSets are the query sets written for issue 17 by hands that
// had not read the engine, each scored once on first contact (the figure
// in testdata/firstcontact/README.md). They stay as regression: the engine
// may not read them worse than it did when they joined.
var firstContactSets = []struct {
	dir          string
	minHitRate   float64 // share of queries read exactly as expected
	maxWrong     int     // confident wrong answers
	maxCrisisMis int     // crisis messages without crisis help
	maxFalseAlrm int     // calm messages given crisis help
}{
	{"2026-12-05-a", 0.92, 2, 1, 4},
	{"2026-12-05-b", 0.872, 2, 8, 7},
	{"2026-12-05-c", 0.93, 6, 4, 8},
	{"2026-12-05-d", 0.91, 0, 20, 3},
	// One false alarm more than before inflected cues: "mannen min dreper
	// meg med dårlige ordspill" (harm + self, an idiom only by its end),
	// for 6 more crisis messages helped across the sets.
	{"2026-12-06-e", 0.802, 1, 30, 10},
	{"2026-12-06-f", 0.838, 3, 35, 13},
	{"2026-12-06-g", 0.795, 0, 66, 27},
	{"2026-12-06-h", 0.716, 3, 90, 21},
	{"2026-12-07-i", 0.808, 1, 58, 9},
}

func TestFirstContactSets(t *testing.T) {
	e := newEngine(t)
	for _, set := range firstContactSets {
		t.Run(set.dir, func(t *testing.T) {
			cases := loadSet(t, filepath.Join("testdata/firstcontact", set.dir), func(string) bool { return true })
			all, _ := scoreSet(t, e, cases)
			t.Logf("%s: %d/%d = %.1f %%, %d confident wrong, %d crisis missed, %d false alarms", set.dir, all.hits, all.n,
				100*all.rate(), all.wrong, all.crisisMiss, all.falseAlarm)
			assert.GreaterOrEqual(t, all.rate(), set.minHitRate)
			assert.LessOrEqual(t, all.wrong, set.maxWrong)
			assert.LessOrEqual(t, all.crisisMiss, set.maxCrisisMis)
			assert.LessOrEqual(t, all.falseAlarm, set.maxFalseAlrm)
		})
	}
}
