package main

import (
	"errors"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/wasm/bundle"
)

// opts mirrors search.Options; kept separate so this file has no syscall/js
// and its logic is testable natively.
type opts = search.Options

// module holds the engine and a reusable output buffer. The JS side is single
// threaded, so one buffer is safe.
type module struct {
	eng  *search.Engine
	info search.Response // what the widget shows besides searches
	buf  []byte
}

func (m *module) load(b []byte) error {
	ds, err := bundle.Decode(b)
	if err != nil {
		return err
	}
	eng, err := search.New(ds)
	if err != nil {
		return errors.New("build search index: " + err.Error())
	}
	m.eng, m.info = eng, infoOf(ds)
	return nil
}

// infoOf packs what the widget needs besides searches into the contract's
// shape, so that one encoder serves both: Query carries the dataset version,
// Suggestions the topics (id, name), Results the national contact points
// (shown when the element cannot search).
func infoOf(ds *dataset.Dataset) search.Response {
	r := search.Response{Query: ds.Version, Suggestions: []search.Suggestion{}, Results: []search.Result{}}
	for _, t := range ds.Topics {
		r.Suggestions = append(r.Suggestions, search.Suggestion{Kind: search.KindTopic, ID: t.ID, Label: t.Name, Highlight: [][2]int{}})
	}
	for _, c := range ds.ContactPoints {
		if c.Kind == dataset.KindNationalOffice {
			r.Results = append(r.Results, search.Result{ContactPoint: c, Relation: search.RelationNational})
		}
	}
	return r
}

func (m *module) infoJSON() string {
	if m.eng == nil {
		return m.errorJSON("dataset not loaded")
	}
	return m.encode(m.info)
}

func (m *module) search(q string, o opts) string {
	if m.eng == nil {
		return m.errorJSON("dataset not loaded")
	}
	return m.encode(m.eng.Search(q, o))
}

func (m *module) near(lat, lon float64, o opts) string {
	if m.eng == nil {
		return m.errorJSON("dataset not loaded")
	}
	return m.encode(m.eng.Near(lat, lon, o))
}

// encode uses the engine's hand-written encoder (no encoding/json in the
// module) into a buffer reused across calls.
func (m *module) encode(r search.Response) string {
	m.buf = r.AppendJSON(m.buf[:0])
	return string(m.buf)
}

// errorJSON is {"error": msg} with msg escaped for a JSON string.
func (m *module) errorJSON(msg string) string {
	b := append(m.buf[:0], `{"error":"`...)
	for i := 0; i < len(msg); i++ {
		switch c := msg[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	m.buf = append(b, `"}`...)
	return string(m.buf)
}
