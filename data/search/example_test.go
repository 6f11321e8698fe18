package search_test

import (
	"fmt"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

// A place and a topic in one query, with a typo in the place.
func ExampleEngine_Search() {
	d, err := store.LoadFS(data.FS)
	if err != nil {
		panic(err)
	}
	e, err := search.New(d)
	if err != nil {
		panic(err)
	}
	r := e.Search("kreft trondhiem", search.Options{})
	fmt.Println(r.Place.Municipality, r.Place.Name, r.Place.Matched)
	fmt.Println(r.Topic.ID)
	fmt.Println(r.Results[0].Relation, r.Results[0].ContactPoint.ID)
	// Output:
	// 5001 Trondheim name
	// kreft
	// local link-trondheim
}

// Suggestions carry the matched ranges of their label as UTF-16 offsets.
func ExampleEngine_Search_highlight() {
	d, _ := store.LoadFS(data.FS)
	e, _ := search.New(d)
	r := e.Search("sor var", search.Options{Limit: 1})
	s := r.Suggestions[0]
	fmt.Println(s.Kind, s.ID, s.Label, s.Detail, s.Highlight)
	// Output:
	// municipality 5605 Sør-Varanger Finnmark [[0 3] [4 7]]
}

// A name two municipalities share resolves to the larger one and lists the
// other; a county word picks one.
func ExampleEngine_Search_shared() {
	d, _ := store.LoadFS(data.FS)
	e, _ := search.New(d)
	r := e.Search("Herøy", search.Options{})
	fmt.Println(r.Place.Municipality, r.Place.Alternatives)
	r = e.Search("Herøy Nordland", search.Options{})
	fmt.Println(r.Place.Municipality, r.Place.County)
	// Output:
	// 1515 [1818]
	// 1818 Nordland
}

// The widget's attributes preset the place; the query adds the topic.
func ExampleOptions() {
	d, _ := store.LoadFS(data.FS)
	e, _ := search.New(d)
	r := e.Search("sorg", search.Options{Municipality: "4601", Limit: 3})
	fmt.Println(r.Place.Name, r.Place.Via, r.Topic.ID, len(r.Results))
	// Output:
	// Bergen preset sorg 3
}

// Near finds the municipality of the nearest postcode point.
func ExampleEngine_Near() {
	d, _ := store.LoadFS(data.FS)
	e, _ := search.New(d)
	r := e.Near(69.649, 18.955, search.Options{})
	fmt.Println(r.Place.Name, r.Place.Via, r.Results[0].ContactPoint.ID)
	// Output:
	// Tromsø position link-tromso
}

// AppendJSON writes the contract without reflection: what encoding/json
// would write.
func ExampleResponse_AppendJSON() {
	d, _ := store.LoadFS(data.FS)
	e, _ := search.New(d)
	r := e.Search("qqqqq", search.Options{Limit: 1})
	b := r.AppendJSON(nil)
	fmt.Println(string(b[:60]))
	// Output:
	// {"query":"qqqqq","place":null,"topic":null,"suggestions":[],
}

func ExampleNormalize() {
	fmt.Println(search.Normalize("Soer-Varanger"), search.Normalize("Kárášjohka"), search.Normalize("BAERUM"))
	// Output:
	// sor varanger karasjohka berum
}
