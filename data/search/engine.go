package search

import "github.com/selvhjelp/finder/data/dataset"

// API placeholder so that the browser module, the worker and the CLI compile
// while the engine is written (issue 3). Replace the bodies, keep the API.

// Options tune one search.
type Options struct {
	Limit        int    // most results and suggestions; 0 means the default
	Municipality string // preset place (a widget attribute), used when the query names none
	Topic        string // preset topic id, used when the query names none
}

// Engine answers queries over one dataset. It is safe for concurrent use.
type Engine struct {
	d *dataset.Dataset
}

// New builds the index for d. d must not change afterwards.
func New(d *dataset.Dataset) (*Engine, error) { return &Engine{d: d}, nil }

// Search reads a place and a topic from query and returns the contract response.
func (e *Engine) Search(query string, opts Options) Response {
	return Response{Query: query, Suggestions: []Suggestion{}, Results: []Result{}}
}

// Near returns the contact points nearest to a position ("near me").
func (e *Engine) Near(lat, lon float64, opts Options) Response {
	return Response{Suggestions: []Suggestion{}, Results: []Result{}}
}
