package search

import (
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// fixtureEngine is the engine on the small fixture of real records plus
// three of other kinds (a meeting directory, a led grief group, a drop-in).
func fixtureEngine(t *testing.T) *Engine {
	t.Helper()
	d, err := store.LoadDir("../testdata/small")
	require.NoError(t, err)
	b, err := os.ReadFile("testdata/kinds_contact_points.json")
	require.NoError(t, err)
	var extra []dataset.ContactPoint
	require.NoError(t, store.Decode(dataset.ContactPointsFile, b, &extra))
	d.ContactPoints = append(d.ContactPoints, extra...)
	e, err := New(d)
	require.NoError(t, err)
	return e
}

func resultIDs(r Response) []string {
	var out []string
	for _, x := range r.Results {
		out = append(out, x.ContactPoint.ID)
	}
	return out
}

// A national meeting directory (sorggrupper.no) is shown for its topic, as
// a national resource after the national office, never as a local contact
// point, and not at all without its topic.
func TestMeetingDirectoryOnlyForItsTopic(t *testing.T) {
	e := fixtureEngine(t)
	r := e.Search("sorg bergen", Options{})
	ids := resultIDs(r)
	i := slices.Index(ids, "sorggrupper-no")
	require.GreaterOrEqual(t, i, 0, "sorg bergen: %v", ids)
	assert.Equal(t, RelationNational, r.Results[i].Relation)
	assert.Less(t, slices.Index(ids, "selvhjelp-norge"), i, "the national office comes first: %v", ids)

	for _, q := range []string{"bergen", "angst oslo"} {
		assert.NotContains(t, resultIDs(e.Search(q, Options{})), "sorggrupper-no", "%s: a directory shown without its topic", q)
	}
}

// At the same distance (local to Oslo), a self-help centre comes before a
// grief group with a leader, even when the led group's page is newer.
func TestSelfOrganisedBeforeLedGroups(t *testing.T) {
	e := fixtureEngine(t)
	ids := resultIDs(e.Search("sorg oslo", Options{}))
	link, led := slices.Index(ids, "link-oslo"), slices.Index(ids, "vestre-aker-prosti-sorggrupper")
	require.GreaterOrEqual(t, led, 0, "%v", ids)
	assert.Less(t, link, led, "self-organised before led: %v", ids)
}
