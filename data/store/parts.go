package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/selvhjelp/finder/data/dataset"
)

// Names of the dataset in two parts files, next to BundleName: what the
// first keystroke needs, and the postcodes. The browser module reads them
// (wasm/bundle.DecodeParts).
const (
	CoreName      = "dataset-core.json"
	PostcodesName = "postcodes.json"
)

// coreOrder is the order of the core parts: what the first keystroke needs
// first (the lexicon, topics and crisis lines, then places and contact points).
var coreOrder = []string{"lexicon", "topics", "crisis_lines", "counties", "territories", "contact_points", "municipalities",
	"former_municipalities", "regions", "districts", "sources"}

// partBytes is the most JSON one part holds (about 10 ms of decoding in the
// browser at normal CPU), so that a loader on the main thread can yield
// between parts.
const partBytes = 32 << 10

// SplitBundle writes the bundle as two parts files (see wasm/bundle/parts.go):
// core (everything but the postcodes) and postcodes. Every element is copied
// byte for byte from the bundle, but for the notes of the lexicon: they are
// for its reviewers, the engine never reads them, and they are a tenth of
// what a citizen's browser would download (CoreLexicon). A parts file is a
// JSON array with one partial bundle per line; merging the parts in order
// gives the bundle, its lexicon without notes.
func SplitBundle(bundle []byte) (core, postcodes []byte, err error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(bundle, &top); err != nil {
		return nil, nil, fmt.Errorf("split bundle: %w", err)
	}
	version, ok := top["version"]
	if !ok {
		return nil, nil, errors.New("split bundle: no version")
	}
	order := append([]string(nil), coreOrder...)
	var rest []string
	for k := range top {
		if k != "version" && k != "postcodes" && !containsString(coreOrder, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	order = append(order, rest...)

	var c partsWriter
	c.first = []byte(`"version":` + string(version))
	for _, k := range order {
		if v, ok := top[k]; ok {
			if err := c.add(k, v); err != nil {
				return nil, nil, err
			}
		}
	}
	var p partsWriter
	p.first = []byte(`"version":` + string(version))
	if v, ok := top["postcodes"]; ok {
		if err := p.add("postcodes", v); err != nil {
			return nil, nil, err
		}
	}
	return c.bytes(), p.bytes(), nil
}

// partsWriter collects the lines of a parts file.
type partsWriter struct {
	first []byte   // members of the first part (the version)
	parts [][]byte // each a JSON object
}

// add puts the array v under key k, in parts of at most partBytes (a small
// first chunk joins the pending first part).
func (w *partsWriter) add(k string, v json.RawMessage) error {
	var elems []json.RawMessage
	if err := json.Unmarshal(v, &elems); err != nil {
		return fmt.Errorf("split bundle: %s is not an array: %w", k, err)
	}
	if k == "lexicon" {
		if err := dropNotes(elems); err != nil {
			return err
		}
	}
	flush := func(chunk []json.RawMessage) {
		var b bytes.Buffer
		b.WriteString(`"` + k + `":[`)
		for i, e := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(e)
		}
		b.WriteByte(']')
		if w.first != nil && len(w.first)+b.Len() <= partBytes {
			w.first = append(append(w.first, ','), b.Bytes()...)
			return
		}
		w.close()
		w.first = b.Bytes()
	}
	if len(elems) == 0 {
		flush(nil)
		return nil
	}
	var chunk []json.RawMessage
	size := 0
	for _, e := range elems {
		if size > 0 && size+len(e) > partBytes {
			flush(chunk)
			chunk, size = nil, 0
		}
		chunk = append(chunk, e)
		size += len(e) + 1
	}
	flush(chunk)
	return nil
}

// close ends the pending part.
func (w *partsWriter) close() {
	if w.first != nil {
		w.parts = append(w.parts, append(append([]byte{'{'}, w.first...), '}'))
		w.first = nil
	}
}

func (w *partsWriter) bytes() []byte {
	w.close()
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, p := range w.parts {
		b.Write(p)
		if i < len(w.parts)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dropNotes writes each lexeme again without its note (CoreLexicon).
func dropNotes(elems []json.RawMessage) error {
	for i, e := range elems {
		var x dataset.Lexeme
		if err := json.Unmarshal(e, &x); err != nil {
			return fmt.Errorf("split bundle: lexicon #%d: %w", i+1, err)
		}
		if x.Note == "" {
			continue
		}
		x.Note = ""
		b, err := marshal(x, false)
		if err != nil {
			return fmt.Errorf("split bundle: lexicon #%d: %w", i+1, err)
		}
		elems[i] = b
	}
	return nil
}

// CoreLexicon is the lexicon as the core parts hold it: without notes.
func CoreLexicon(lex []dataset.Lexeme) []dataset.Lexeme {
	out := slices.Clone(lex)
	for i := range out {
		out[i].Note = ""
	}
	return out
}
