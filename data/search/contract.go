// Package search turns what a person types into the search contract of
// DESIGN.md: the best reading of a place and a topic, suggestions for the
// combobox and the contact points to show, nearest first.
//
// It is pure Go with no I/O, no syscall/js and no encoding/json: the browser
// module, the worker and the CLI all link it, so the three never disagree.
package search

import "github.com/selvhjelp/finder/data/dataset"

// Response is the search contract. Its JSON field names are fixed: other code
// depends on them.
type Response struct {
	Query       string       `json:"query"`
	Place       *Place       `json:"place"`
	Topic       *TopicRef    `json:"topic"`
	Suggestions []Suggestion `json:"suggestions"`
	Results     []Result     `json:"results"`
}

// Place is the best reading of a place in the query.
type Place struct {
	Municipality string `json:"municipality"` // 2024 municipality number
	Name         string `json:"name"`
	County       string `json:"county"`
	// Matched says which kind of name matched: name, parallel_name,
	// former_name, postcode or postal_place.
	Matched string `json:"matched"`
}

// TopicRef is the best reading of a topic in the query.
type TopicRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Suggestion kinds.
const (
	KindMunicipality = "municipality"
	KindPostcode     = "postcode"
	KindPostalPlace  = "postal_place"
	KindTopic        = "topic"
	KindContactPoint = "contact_point"
)

// Suggestion is one entry of the combobox, best first.
type Suggestion struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Label  string `json:"label"`
	Detail string `json:"detail"`
	// Highlight holds the matched ranges of Label as [start, end) UTF-16
	// offsets, ready for JavaScript.
	Highlight [][2]int `json:"highlight"`
}

// Relations of a result to the place searched for.
const (
	RelationLocal    = "local"
	RelationNearby   = "nearby"
	RelationRegional = "regional"
	RelationNational = "national"
)

// Result is one contact point to show.
type Result struct {
	ContactPoint dataset.ContactPoint `json:"contact_point"`
	DistanceKm   float64              `json:"distance_km"`
	Relation     string               `json:"relation"`
}
