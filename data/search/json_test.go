package search

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// TestAppendJSONMatchesEncodingJSON compares the hand-written encoder with
// encoding/json over every real-world query, with and without options, and
// "near me" answers: more than 200 responses.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	e := engine(t)
	var rs []Response
	for _, c := range queryCases {
		rs = append(rs, e.Search(c.q, Options{}))
		rs = append(rs, e.Search(c.q, Options{Limit: 3, Municipality: "4601", Topic: "sorg"}))
	}
	for _, p := range [][2]float64{{59.91, 10.75}, {69.65, 18.96}, {78.22, 15.64}, {0, 0}, {60.39, 5.32}} {
		rs = append(rs, e.Near(p[0], p[1], Options{Topic: "angst"}))
	}
	require.Greater(t, len(rs), 200)
	for _, r := range rs {
		want, err := json.Marshal(r)
		require.NoError(t, err)
		got := r.AppendJSON(nil)
		if !assert.Equal(t, string(want), string(got), "query %q", r.Query) {
			return
		}
	}
}

func TestAppendJSONEdgeCases(t *testing.T) {
	tricky := "<a href=\"x\">&amp;</a>\\ \u2028\u2029 \x00\x01\x1f \t\n\r\b\f æøå 😀 \xff\xfe end"
	rs := []Response{
		{}, // nil slices and pointers: null, as encoding/json writes them
		{Query: tricky, Place: &Place{Municipality: "0301", Name: tricky, County: tricky, Matched: "name",
			Alternatives: []string{tricky}, Via: "preset", Postcode: "0150"},
			Topic:       &TopicRef{ID: "sorg", Name: tricky},
			Suggestions: []Suggestion{{Kind: "municipality", ID: "1", Label: tricky, Detail: "", Highlight: [][2]int{}}, {Highlight: [][2]int{{0, 1}, {3, 70000}}}},
			Results: []Result{
				{DistanceKm: 0.1, Relation: "local", ListsTopic: true, ContactPoint: dataset.ContactPoint{ID: tricky, Serves: []string{}, Topics: []string{"a"}, ServesAll: true,
					Sources: []dataset.SourceRef{{URL: tricky, PageDate: "2017", Facts: tricky}, {}}}},
				{DistanceKm: 1e-7}, {DistanceKm: 1e21}, {DistanceKm: 123456789.5}, {DistanceKm: -3.25}, {DistanceKm: 1e-6}, {DistanceKm: 9.99e20},
				{ContactPoint: dataset.ContactPoint{Sources: []dataset.SourceRef{}}},
			},
			Territory: &TerritoryRef{Number: "2100", Name: "Svalbard"}, TopicNote: "none"},
		// The agreed additions: crisis, topics, place.region, district.
		{Query: "x", Place: &Place{Municipality: "1860", Name: tricky, Matched: "region", District: tricky,
			Region: &RegionRef{Name: tricky, Kind: "district", Municipalities: []string{"1860", "1865"}}},
			Crisis: &Crisis{Lines: []dataset.CrisisLine{{ID: "113", Name: tricky, Number: "113", For: tricky, Order: 1,
				Sources: []dataset.SourceRef{{URL: tricky}}}, {ID: "chat", URL: "https://x", Hours: tricky}}},
			Topics: []TopicRef{{ID: "angst", Name: tricky}, {ID: "sorg"}}},
		{Place: &Place{Region: &RegionRef{}}, Crisis: &Crisis{}},
		{Crisis: &Crisis{Lines: []dataset.CrisisLine{}, Language: "ar", Text: tricky, Reviewed: true}},
		{Crisis: &Crisis{Language: "pl"}},
	}
	for i, r := range rs {
		want, err := json.Marshal(r)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(r.AppendJSON(nil)), "case %d", i)
	}
}

// TestResponseFieldsKnown fails when a contract type gains a field its
// hand-written encoder does not write. The dataset records it embeds
// (contact points, sources, crisis lines) are encoded by generated code
// (records_gen.go), which TestRecordEncodersMatchEncodingJSON checks field
// by field.
func TestResponseFieldsKnown(t *testing.T) {
	// Each of these is written field by field: a new field needs the
	// encoder too. The count pins them.
	want := map[string]int{"Response": 9, "Place": 9, "Result": 4, "Suggestion": 5, "TopicRef": 2, "TerritoryRef": 2,
		"RegionRef": 3, "Crisis": 4}
	for _, ty := range []reflect.Type{reflect.TypeOf(Response{}), reflect.TypeOf(Place{}), reflect.TypeOf(Result{}),
		reflect.TypeOf(Suggestion{}), reflect.TypeOf(TopicRef{}), reflect.TypeOf(TerritoryRef{}),
		reflect.TypeOf(RegionRef{}), reflect.TypeOf(Crisis{})} {
		assert.Equal(t, want[ty.Name()], ty.NumField(), ty.Name())
	}
}
