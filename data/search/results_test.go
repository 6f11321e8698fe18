package search

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

func ids(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ContactPoint.ID
	}
	return out
}

func hasNational(rs []Result) bool {
	for _, r := range rs {
		if r.Relation == RelationNational && r.ContactPoint.Kind == dataset.KindNationalOffice {
			return true
		}
	}
	return false
}

// checkResultOrder asserts the result rules: local, nearby, regional, far,
// national, then closed records; never a closed record before an open one;
// every relation outside the place honest about its distance.
func checkResultOrder(t *testing.T, r Response) {
	t.Helper()
	rank := map[string]int{RelationLocal: 0, RelationNearby: 1, RelationRegional: 2, RelationFar: 3, RelationNational: 4}
	seenClosed := false
	prev := -1
	for _, x := range r.Results {
		closed := x.ContactPoint.Status == dataset.StatusClosed
		if seenClosed {
			assert.True(t, closed, "%q: an open record after a closed one: %v", r.Query, ids(r.Results))
		}
		if closed {
			seenClosed = true
			continue
		}
		assert.GreaterOrEqual(t, rank[x.Relation], prev, "%q: relations out of order: %v", r.Query, ids(r.Results))
		prev = rank[x.Relation]
		assert.GreaterOrEqual(t, x.DistanceKm, 0.0)
		switch x.Relation {
		case RelationNearby:
			assert.LessOrEqual(t, x.DistanceKm, float64(NearbyKm), "%q: %s is %.0f km away, called nearby", r.Query, x.ContactPoint.ID, x.DistanceKm)
		case RelationFar:
			assert.Greater(t, x.DistanceKm, float64(RegionalKm), "%q: %s is %.0f km away, called far", r.Query, x.ContactPoint.ID, x.DistanceKm)
		}
	}
	checkWithinRelation(t, r)
}

// checkWithinRelation asserts the order inside each relation: open before
// unknown, self-organised and peer groups before led ones, reachable first, newest confirmation year, then listing the
// topic, then the nearest (national and closed ones have their own order).
func checkWithinRelation(t *testing.T, r Response) {
	t.Helper()
	type key struct {
		status           int
		led              bool
		unreachable      bool
		year             string
		notListed        bool
		dist             float64
		relation, closed string
	}
	statusRank := map[string]int{dataset.StatusActive: 0, dataset.StatusUnknown: 1, dataset.StatusClosed: 2}
	keyOf := func(x Result) key {
		cp := x.ContactPoint
		year := ""
		if len(cp.LastVerified) >= 4 {
			year = cp.LastVerified[:4]
		}
		return key{statusRank[cp.Status], dataset.KindIsLed(cp.Kind), cp.Phone == "" && cp.Email == "" && cp.URL == "", year, !x.ListsTopic,
			x.DistanceKm, x.Relation, cp.Status}
	}
	less := func(a, b key) bool { // a must not come after b
		switch {
		case a.status != b.status:
			return a.status < b.status
		case a.led != b.led:
			return !a.led
		case a.unreachable != b.unreachable:
			return !a.unreachable
		case a.year != b.year:
			return a.year > b.year
		case a.notListed != b.notListed:
			return !a.notListed
		}
		return a.dist <= b.dist
	}
	for i := 1; i < len(r.Results); i++ {
		a, b := keyOf(r.Results[i-1]), keyOf(r.Results[i])
		if a.relation != b.relation || a.relation == RelationNational || (a.closed == dataset.StatusClosed) != (b.closed == dataset.StatusClosed) {
			continue
		}
		if a.relation == RelationFar {
			assert.LessOrEqual(t, a.dist, b.dist, "%q: far ones nearest first", r.Query)
			continue
		}
		assert.True(t, less(a, b), "%q: %s before %s breaks the order within %s", r.Query,
			r.Results[i-1].ContactPoint.ID, r.Results[i].ContactPoint.ID, a.relation)
	}
}

// Every municipality, found by its name, gets results that end in the
// national fallback, in the right order, its own contact points first.
func TestEveryMunicipalityNeverADeadEnd(t *testing.T) {
	e := engine(t)
	d, err := realData()
	require.NoError(t, err)
	for _, m := range d.Municipalities {
		r := e.Search(m.Name, Options{})
		require.NotNil(t, r.Place, m.Name)
		if r.Place.Municipality != m.Number {
			// a shared name: this municipality is the alternative
			assert.Contains(t, r.Place.Alternatives, m.Number, m.Name)
			continue
		}
		assert.True(t, hasNational(r.Results), m.Name)
		checkResultOrder(t, r)
		for _, x := range r.Results {
			if x.Relation == RelationLocal {
				cp := x.ContactPoint
				assert.True(t, cp.Municipality == m.Number || contains(cp.Serves, m.Number), "%s: %s is not local", m.Name, cp.ID)
			}
		}
	}
}

// covers reports whether cp is in municipality no or serves it.
func covers(cp dataset.ContactPoint, no string) bool {
	return cp.Municipality == no || contains(cp.Serves, no)
}

// TestResultRules asserts the result rules on the shipped data, choosing
// the cases from the data itself (which municipality is served from
// elsewhere, which has no contact point, which topic is listed where), so
// that adding a record never breaks it.
func TestResultRules(t *testing.T) {
	e := engine(t)
	d, err := realData()
	require.NoError(t, err)
	open := func(cp dataset.ContactPoint) bool { return cp.Status != dataset.StatusClosed }
	regional := func(cp dataset.ContactPoint) bool {
		return cp.Kind == dataset.KindNationalOffice || cp.Kind == dataset.KindFoundation || cp.ServesAll ||
			cp.Kind == dataset.KindDistrictOffice
	}
	// A municipality served by an open contact point elsewhere, and one no
	// open contact point covers.
	var servedElsewhere, uncovered string
	for _, m := range d.Municipalities {
		n := 0
		for _, cp := range d.ContactPoints {
			if regional(cp) || !open(cp) || !covers(cp, m.Number) {
				continue
			}
			n++
			if cp.Municipality != m.Number && servedElsewhere == "" {
				servedElsewhere = m.Number
			}
		}
		if n == 0 && uncovered == "" {
			uncovered = m.Number
		}
	}
	require.NotEmpty(t, servedElsewhere)
	require.NotEmpty(t, uncovered)
	name := func(no string) string {
		for _, m := range d.Municipalities {
			if m.Number == no {
				return m.Name
			}
		}
		return ""
	}
	tests := []struct {
		name      string
		q         string
		opts      Options
		coveredBy string // the first result is local and covers this municipality
		relation  string // relation of the first result
		notLocal  bool   // the first result is outside the place (nearby, regional or far)
		note      string
		maxResult int
	}{
		{name: "local contact point", q: "Bergen", coveredBy: "4601", relation: RelationLocal},
		{name: "served by a contact point elsewhere", q: name(servedElsewhere), coveredBy: servedElsewhere, relation: RelationLocal},
		{name: "no local: nearest with distance", q: name(uncovered), notLocal: true},
		{name: "postcode point", q: "9008", coveredBy: "5501", relation: RelationLocal},
		{name: "nonsense: only the national fallback", q: "qqqqq", relation: RelationNational},
		{name: "topic only: national fallback", q: "angst", relation: RelationNational},
		{name: "limit", q: "Bergen", opts: Options{Limit: 3}, maxResult: 3},
		{name: "svalbard: nearest by point, honestly far", q: "9170", relation: RelationFar},
		{name: "region: every member local", q: "Hordaland", relation: RelationLocal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Search(tt.q, tt.opts)
			require.NotEmpty(t, r.Results)
			checkResultOrder(t, r)
			assert.True(t, hasNational(r.Results), "national fallback missing: %v", ids(r.Results))
			if tt.coveredBy != "" {
				assert.True(t, covers(r.Results[0].ContactPoint, tt.coveredBy), ids(r.Results))
			}
			if tt.relation != "" {
				assert.Equal(t, tt.relation, r.Results[0].Relation, ids(r.Results))
			}
			if tt.notLocal {
				assert.Contains(t, []string{RelationNearby, RelationRegional, RelationFar}, r.Results[0].Relation, ids(r.Results))
				assert.Positive(t, r.Results[0].DistanceKm, ids(r.Results))
			}
			if tt.maxResult > 0 {
				assert.LessOrEqual(t, len(r.Results), tt.maxResult)
				assert.LessOrEqual(t, len(r.Suggestions), tt.maxResult)
			}
		})
	}
}

// TestTopicNotes: the note says whether a local contact point lists the
// topic, only a farther one, or none; the cases come from the data.
func TestTopicNotes(t *testing.T) {
	e := engine(t)
	d, err := realData()
	require.NoError(t, err)
	for _, tp := range d.Topics {
		listedBy := 0
		for _, cp := range d.ContactPoints {
			if cp.Status != dataset.StatusClosed && contains(cp.Topics, tp.ID) {
				listedBy++
			}
		}
		for _, m := range []string{"0301", "4601", "5501", "1804", "1119"} {
			r := e.Search("", Options{Municipality: m, Topic: tp.ID})
			require.NotNil(t, r.Place)
			local := false
			for _, x := range r.Results {
				local = local || x.Relation == RelationLocal && x.ListsTopic
			}
			switch {
			case listedBy == 0:
				assert.Equal(t, TopicNoteNone, r.TopicNote, "%s %s", tp.ID, m)
			case local:
				assert.Equal(t, TopicNoteLocal, r.TopicNote, "%s %s", tp.ID, m)
			default:
				assert.Contains(t, []string{TopicNoteNearby, TopicNoteNone}, r.TopicNote, "%s %s", tp.ID, m)
				if r.TopicNote == TopicNoteNearby {
					lists := false
					for _, x := range r.Results {
						lists = lists || x.ListsTopic
					}
					assert.True(t, lists, "%s %s: the nearest that lists it is shown: %v", tp.ID, m, ids(r.Results))
				}
			}
		}
	}
}

func TestTopicReordersAndMarks(t *testing.T) {
	e := engine(t)
	r := e.Search("angst i tromsø", Options{})
	require.NotNil(t, r.Topic)
	assert.Equal(t, TopicNoteNearby, r.TopicNote)
	// The nearest that lists the topic is among the results.
	assert.True(t, slices.ContainsFunc(r.Results, func(x Result) bool { return x.ListsTopic && x.Relation != RelationNational }), ids(r.Results))
	checkResultOrder(t, r)
}

// Every place outside the big cities still gets contact points beyond the
// national ones, each in the band its distance gives (checkResultOrder),
// nothing over 100 km ever called nearby.
func TestRelationBands(t *testing.T) {
	e := engine(t)
	for _, q := range []string{"Hå", "Guovdageaidnu", "5003", "Kirkenes", "Lyngen", "Vik", "Båtsfjord", "kreft bodø", "Bergen", "Tromsø"} {
		r := e.Search(q, Options{})
		checkResultOrder(t, r)
		others := 0
		for _, x := range r.Results {
			if x.Relation != RelationNational && x.ContactPoint.Status != dataset.StatusClosed {
				others++
			}
			if x.Relation == RelationNearby {
				assert.LessOrEqual(t, x.DistanceKm, 100.0, q)
			}
		}
		assert.Positive(t, others, "%s: only the national fallback", q)
	}
}

// The bands on a hand-made dataset: one record in each band from Bergen.
func TestRelationBandsRule(t *testing.T) {
	d, err := realData()
	require.NoError(t, err)
	cp := func(id, muni string) dataset.ContactPoint {
		return dataset.ContactPoint{ID: id, Name: id, Kind: dataset.KindLocal, Municipality: muni, Status: dataset.StatusUnknown, URL: "https://example.no"}
	}
	d.ContactPoints = []dataset.ContactPoint{
		{ID: "national", Name: "N", Kind: dataset.KindNationalOffice, Municipality: "0301", ServesAll: true, Status: dataset.StatusUnknown},
		cp("askoy", "4627"),   // Askøy, next to Bergen: nearby
		cp("stord", "4614"),   // Stord, ~70 km: regional by distance
		cp("stryn", "4651"),   // Stryn, same county (Vestland), over 150 km: regional
		cp("alesund", "1508"), // Ålesund, another county, >150 km: far
		cp("tromso", "5501"),  // far
	}
	e, err := New(d)
	require.NoError(t, err)
	r := e.Search("Bergen", Options{Limit: 10})
	got := map[string]string{}
	for _, x := range r.Results {
		got[x.ContactPoint.ID] = x.Relation
	}
	assert.Equal(t, RelationNearby, got["askoy"], ids(r.Results))
	assert.Equal(t, RelationRegional, got["stord"], ids(r.Results))
	assert.Equal(t, RelationRegional, got["stryn"], ids(r.Results))
	for _, x := range r.Results {
		if x.ContactPoint.ID == "stryn" {
			assert.Greater(t, x.DistanceKm, float64(RegionalKm), "the county rule, not the distance, makes Stryn regional")
		}
	}
	assert.Equal(t, RelationFar, got["alesund"], ids(r.Results))
	checkResultOrder(t, r)
}

func TestEmptyQuery(t *testing.T) {
	e := engine(t)
	r := e.Search("", Options{})
	assert.Nil(t, r.Place)
	assert.Nil(t, r.Topic)
	assert.NotNil(t, r.Results)
	assert.Empty(t, r.Results, "nothing asked yet")
	assert.NotNil(t, r.Suggestions)
}

func TestPresets(t *testing.T) {
	e := engine(t)
	tests := []struct {
		name       string
		q          string
		opts       Options
		place, via string
		topic      string
	}{
		{"preset place on empty query", "", Options{Municipality: "4601"}, "4601", ViaPreset, ""},
		{"preset municipality is no postcode", "", Options{Municipality: "4601"}, "4601", ViaPreset, ""},
		{"query topic with preset place", "angst", Options{Municipality: "4601"}, "4601", ViaPreset, "angst"},
		{"query place wins over preset", "tromsø", Options{Municipality: "4601"}, "5501", "", ""},
		{"preset topic", "bergen", Options{Topic: "sorg"}, "4601", "", "sorg"},
		{"query topic wins over preset", "kreft bergen", Options{Topic: "sorg"}, "4601", "", "kreft"},
		{"unknown preset ignored", "", Options{Municipality: "9999", Topic: "nope"}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Search(tt.q, tt.opts)
			if tt.place == "" {
				assert.Nil(t, r.Place)
			} else {
				require.NotNil(t, r.Place)
				assert.Equal(t, tt.place, r.Place.Municipality)
				assert.Equal(t, tt.via, r.Place.Via)
				assert.NotEmpty(t, r.Results)
			}
			if tt.topic == "" {
				assert.Nil(t, r.Topic)
			} else {
				require.NotNil(t, r.Topic)
				assert.Equal(t, tt.topic, r.Topic.ID)
			}
		})
	}
}

func TestNear(t *testing.T) {
	e := engine(t)
	tests := []struct {
		name     string
		lat, lon float64
		place    string
		terr     string
	}{
		{"Oslo sentrum", 59.913, 10.752, "0301", ""},
		{"Tromsø", 69.649, 18.955, "5501", ""},
		{"Bergen", 60.392, 5.322, "4601", ""},
		{"Kautokeino", 69.012, 23.04, "5612", ""},
		{"Longyearbyen", 78.22, 15.64, "", "2100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Near(tt.lat, tt.lon, Options{})
			if tt.place != "" {
				require.NotNil(t, r.Place)
				assert.Equal(t, tt.place, r.Place.Municipality)
				assert.Equal(t, "postcode", r.Place.Matched)
				assert.Equal(t, ViaPosition, r.Place.Via)
				// The rule: a local contact point comes first, and it is in
				// or serves the place.
				if r.Results[0].Relation == RelationLocal {
					assert.True(t, covers(r.Results[0].ContactPoint, tt.place), ids(r.Results))
				}
			} else {
				assert.Nil(t, r.Place)
			}
			if tt.terr != "" {
				require.NotNil(t, r.Territory)
				assert.Equal(t, tt.terr, r.Territory.Number)
			}
			assert.True(t, hasNational(r.Results))
			checkResultOrder(t, r)
			assert.NotNil(t, r.Suggestions)
		})
	}
	for _, bad := range [][2]float64{{math.NaN(), 10}, {91, 10}, {60, 181}, {math.Inf(1), 0}} {
		r := e.Near(bad[0], bad[1], Options{})
		assert.Nil(t, r.Place)
		assert.True(t, hasNational(r.Results), "invalid position %v still gets the national fallback", bad)
	}
}

func TestConcurrentUse(t *testing.T) {
	e := engine(t)
	want := make([]string, len(queryCases))
	for i, c := range queryCases {
		want[i] = string(e.Search(c.q, Options{}).AppendJSON(nil))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range queryCases {
				j := (i + g*37) % len(queryCases)
				if got := string(e.Search(queryCases[j].q, Options{}).AppendJSON(nil)); got != want[j] {
					errs <- queryCases[j].q
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for q := range errs {
		t.Errorf("concurrent search for %q differs", q)
	}
}

func TestLongAndHostileInput(t *testing.T) {
	e := engine(t)
	for _, q := range []string{
		stringsRepeat("bergen ", 500),
		stringsRepeat("ø", 10000),
		stringsRepeat("a b ", 1000),
		"\xff\xfe\xfd" + stringsRepeat("\x00", 50) + "tromsø",
		stringsRepeat("i ", 300),
	} {
		r := e.Search(q, Options{})
		assert.LessOrEqual(t, len([]rune(r.Query)), MaxQueryRunes)
		assert.NotNil(t, r.Suggestions)
		assert.NotNil(t, r.Results)
	}
}

func stringsRepeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for i := 0; i < n; i++ {
		b = append(b, s...)
	}
	return string(b)
}
