package main

import (
	"errors"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/search/signal"
	"github.com/selvhjelp/finder/wasm/bundle"
)

// opts mirrors search.Options; kept separate so this file has no syscall/js
// and its logic is testable natively.
type opts = search.Options

// module holds the engine and a reusable output buffer. The JS side is single
// threaded, so one buffer is safe.
type module struct {
	eng     *search.Engine
	ds      *dataset.Dataset
	info    search.Response  // what the widget shows besides searches
	labels  string           // labelsJSON, built once at load
	pending *dataset.Dataset // parts added since the last build
	signals signal.Bundle    // the signals, once given; every engine built reads with them
	buf     []byte
}

// load decodes a whole bundle (or a parts file) and builds the index: add
// and build in one call.
func (m *module) load(b []byte) error {
	m.pending = nil
	if err := m.add(b); err != nil {
		return err
	}
	return m.build()
}

// add decodes one part of the dataset, or a parts file, and merges it into
// the dataset of the next build. The loader calls it once per part when it
// must yield between parts. The engine in use is left alone: it keeps
// answering until build replaces it.
func (m *module) add(b []byte) error {
	var next dataset.Dataset
	if m.pending != nil {
		next = *m.pending // a copy: appending never changes what the engine reads
	}
	if err := bundle.DecodeParts(&next, b); err != nil {
		return err
	}
	m.pending = &next
	return nil
}

// build indexes the dataset added so far and makes it the one searched.
func (m *module) build() error {
	if m.pending == nil {
		return errors.New("build search index: no dataset added")
	}
	eng, err := search.New(m.pending)
	if err != nil {
		return errors.New("build search index: " + err.Error())
	}
	if m.signals != nil {
		eng.UseSignals(m.signals)
	}
	ds := m.pending
	m.eng, m.ds, m.info = eng, ds, infoOf(ds)
	m.labels = labelsJSON(ds)
	return nil
}

// useSignals decodes the signals file (fetched beside the module: see
// search.Signals) and reads with it from the next search on. A file that
// does not decode changes nothing.
func (m *module) useSignals(b []byte) error {
	s, err := signal.DecodeBundle(b)
	if err != nil {
		return errors.New("signals: " + err.Error())
	}
	m.signals = s
	if m.eng != nil {
		m.eng.UseSignals(s)
	}
	return nil
}

// Preset kinds for preset().
const (
	presetMunicipality = "municipality"
	presetTopic        = "topic"
)

// preset reads a partner's attribute value the forgiving way and returns
// what the engine's options take, or "" when it means nothing:
// municipality: a 2024 number, a former number (its only successor), or a
// name in any official language (also a former municipality's name);
// topic: an id, a display name in any language, or a synonym, then any
// word the engine reads as a topic ("sorgen").
func (m *module) preset(kind, value string) string {
	if m.ds == nil {
		return ""
	}
	v := strings.TrimSpace(value)
	if v == "" {
		return ""
	}
	// EqualFold, not ToLower: the module links no case mapping of its own
	// (strings.ToLower and strings.Map cost 2 KB brotli).
	same := func(a string) bool { return strings.EqualFold(a, v) }
	switch kind {
	case presetMunicipality:
		for _, mu := range m.ds.Municipalities {
			if mu.Number == v || same(mu.Name) || same(mu.OfficialName) {
				return mu.Number
			}
			for _, n := range mu.Names {
				if same(n.Name) {
					return mu.Number
				}
			}
		}
		for _, f := range m.ds.FormerMunicipalities {
			if (f.Number == v || same(f.Name)) && len(f.Successors) == 1 {
				return f.Successors[0]
			}
		}
	case presetTopic:
		for _, t := range m.ds.Topics {
			if same(t.ID) || same(t.Name) {
				return t.ID
			}
			for _, n := range t.Names {
				if same(n.Name) {
					return t.ID
				}
			}
			for _, s := range t.Synonyms {
				if same(s) {
					return t.ID
				}
			}
		}
		if r := m.eng.Search(v, opts{Limit: 1}); r.Topic != nil && r.Place == nil {
			return r.Topic.ID
		}
	}
	return ""
}

// labelsJSON is what the widget needs to show names in its language:
// {"topics":{"id":{"nb":..,"nn":..,"en":..}},"places":{"5612":[{"name":..,"language":"se"}]}}
// places holds only municipalities with a name besides the Norwegian one.
func labelsJSON(ds *dataset.Dataset) string {
	b := []byte(`{"topics":{`)
	for i, t := range ds.Topics {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, t.ID)
		b = append(b, `:{"nb":`...)
		b = appendJSONString(b, t.Name)
		for _, n := range t.Names {
			if n.Language == "nb" || n.Name == "" {
				continue
			}
			b = append(b, ',')
			b = appendJSONString(b, n.Language)
			b = append(b, ':')
			b = appendJSONString(b, n.Name)
		}
		b = append(b, '}')
	}
	b = append(b, `},"places":{`...)
	first := true
	for _, mu := range ds.Municipalities {
		var other []dataset.Name
		for _, n := range mu.Names {
			if n.Language != "nb" && n.Name != "" {
				other = append(other, n)
			}
		}
		if len(other) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, mu.Number)
		b = append(b, ":["...)
		for i, n := range other {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = appendJSONString(b, n.Name)
			b = append(b, `,"language":`...)
			b = appendJSONString(b, n.Language)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return string(append(b, "}}"...))
}

// appendJSONString appends s as a JSON string (UTF-8 kept as it is).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// withTopic answers "which contact points work with this topic?" for a
// topic typed without a place: every contact point that lists the topic and
// is not closed, newest confirmation first, in the contract's shape with no
// place and no relation (the widget asks where the person lives).
func (m *module) withTopic(id string) string {
	if m.eng == nil {
		return m.errorJSON("dataset not loaded")
	}
	r := search.Response{Query: id, Suggestions: []search.Suggestion{}, Results: []search.Result{}}
	for _, c := range m.ds.ContactPoints {
		if c.Status == dataset.StatusClosed {
			continue
		}
		for _, t := range c.Topics {
			if t == id {
				r.Results = append(r.Results, search.Result{ContactPoint: c, ListsTopic: true})
				break
			}
		}
	}
	// Newest confirmation first (dates compare as text: "2020-12" > "2019").
	for i := 1; i < len(r.Results); i++ {
		for j := i; j > 0 && r.Results[j].ContactPoint.LastVerified > r.Results[j-1].ContactPoint.LastVerified; j-- {
			r.Results[j], r.Results[j-1] = r.Results[j-1], r.Results[j]
		}
	}
	return m.encode(r)
}

func (m *module) labelsOut() string {
	if m.eng == nil {
		return m.errorJSON("dataset not loaded")
	}
	return m.labels
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
