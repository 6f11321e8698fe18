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

	// Agreed additions (DESIGN.md), optional.

	// Crisis holds the crisis lines when the query is about suicide,
	// self-harm or acute crisis; nil otherwise. It comes first in every
	// front door: the answer starts with it.
	Crisis *Crisis `json:"crisis,omitempty"`
	// Topics is every topic read, best first; Topic is its first element.
	Topics []TopicRef `json:"topics,omitempty"`

	// Fields beyond the fixed contract.

	// Territory is set when the query names Svalbard or Jan Mayen (a postcode
	// or postal place there): they are no 2024 municipality, so Place stays
	// null, but the results are the nearest contact points to it.
	Territory *TerritoryRef `json:"territory,omitempty"`
	// TopicNote says, when there is a topic and a place, whether a contact
	// point near the place lists the topic: TopicNoteLocal, TopicNoteNearby
	// or TopicNoteNone.
	TopicNote string `json:"topic_note,omitempty"`
}

// TerritoryRef is Svalbard or Jan Mayen.
type TerritoryRef struct {
	Number string `json:"number"`
	Name   string `json:"name"`
}

// Place is the best reading of a place in the query.
type Place struct {
	Municipality string `json:"municipality"` // 2024 municipality number
	Name         string `json:"name"`
	County       string `json:"county"`
	// Matched says which kind of name matched: name, parallel_name,
	// former_name, postcode, postal_place, district or region.
	Matched string `json:"matched"`

	// Region is set when a region or county was typed ("Lofoten",
	// "Vestland"); Municipality is then its most populous member, and every
	// member counts as local for the results.
	Region *RegionRef `json:"region,omitempty"`

	// Fields beyond the fixed contract.

	// Postcode is the postcode typed, when Matched is "postcode".
	Postcode string `json:"postcode,omitempty"`
	// Via is ViaPreset or ViaPosition when the query did not name the place.
	Via string `json:"via,omitempty"`
	// Alternatives are the other municipalities the same words can mean
	// ("Herøy", a municipality split in 2024), most populous first; they are
	// also in the suggestions.
	Alternatives []string `json:"alternatives,omitempty"`
	// District is the city district or neighbourhood typed, as the data
	// writes it, when Matched is "district".
	District string `json:"district,omitempty"`
}

// Place.Matched values.
const (
	MatchedName        = "name"
	MatchedParallel    = "parallel_name"
	MatchedFormer      = "former_name"
	MatchedPostcode    = "postcode"
	MatchedPostalPlace = "postal_place"
	MatchedDistrict    = "district"
	MatchedRegion      = "region"
)

// RegionRef is a region or county read from the query.
type RegionRef struct {
	Name string `json:"name"`
	// Kind is landsdel, former_county, district, economic_region (the
	// dataset's region kinds) or county (a 2024 county).
	Kind           string   `json:"kind"`
	Municipalities []string `json:"municipalities"` // 2024 numbers
}

// RegionCounty is RegionRef.Kind for a 2024 county.
const RegionCounty = "county"

// Crisis is what the answer starts with when someone writes about suicide,
// self-harm or acute crisis: the real crisis lines, in the data's order.
type Crisis struct {
	Lines []dataset.CrisisLine `json:"lines"`
	// Language is the language the crisis was read in when it is not
	// Norwegian or Sami (a BCP 47 tag of the lexicon: "pl", "ar", "uk"):
	// the language of most of the crisis words that fired. Text is the
	// card's line in that language (lexicon role crisis_card), when the data
	// has one, and Reviewed whether a native speaker has checked it.
	Language string `json:"language,omitempty"`
	Text     string `json:"text,omitempty"`
	Reviewed bool   `json:"reviewed,omitempty"`
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
	// KindRegion is a region or county; its id is the most populous
	// member municipality's number, as Place.Municipality.
	KindRegion = "region"
	// KindDistrict is a city district or neighbourhood; its id is the
	// municipality's number, as for a postal place.
	KindDistrict = "district"
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
	RelationLocal    = "local"    // in or serving the municipality or region
	RelationNearby   = "nearby"   // within NearbyKm
	RelationRegional = "regional" // same county, or within RegionalKm
	RelationFar      = "far"      // beyond: shown with its distance, in its own group
	RelationNational = "national" // serves everyone (the national office)
)

// Distance bands of the relations: nothing over NearbyKm is ever called
// nearby (DESIGN.md: nothing over 100 km may be), and a place beyond
// RegionalKm in another county is far.
const (
	NearbyKm   = 50
	RegionalKm = 150
)

// Result is one contact point to show.
type Result struct {
	ContactPoint dataset.ContactPoint `json:"contact_point"`
	DistanceKm   float64              `json:"distance_km"`
	Relation     string               `json:"relation"`
	// ListsTopic is true when the response has a topic and the contact point
	// lists it (beyond the fixed contract).
	ListsTopic bool `json:"lists_topic,omitempty"`
}
