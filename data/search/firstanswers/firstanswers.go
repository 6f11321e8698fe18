// Package firstanswers precomputes the engine's suggestions for the first
// things people type (the beginnings of place and topic names), so that the
// element can show them while the WebAssembly module is still loading
// (issue 23: the first suggestion as fast as a plain JavaScript search).
//
// It is not a second engine: every answer in the table is what the engine
// itself answered for that query at build time, and a key is kept only when
// the engine answers the same for the forms the element folds to it (other
// a capital first letter). The element looks a query up by that fold
// and shows nothing of its own when the table has no key for it.
package firstanswers

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
)

// Limits of the table: the element shows the table's answers only for the
// first second or so (the module's start), in which a person types a few
// letters or pastes a whole word.
const (
	// MaxPrefix is the longest beginning of a word kept (in letters); whole
	// words are kept at any length.
	MaxPrefix = 4
	// Limit is the number of suggestions asked of the engine: the element's
	// SEARCH_LIMIT (widget/finder/engine-client.js).
	Limit = 8
)

// Table is the file the element reads (first-answers.<hash>.json):
// Suggestions holds each distinct suggestion once as [kind, id, label,
// detail]; Queries maps a folded query to its suggestions in the engine's
// order, each as [index into Suggestions, highlight start, end, start,
// end, ...] (UTF-16 offsets into the label, as the engine gives them).
type Table struct {
	Suggestions [][4]string      `json:"s"`
	Queries     map[string][]row `json:"q"`
}

type row []int

// Fold is the key the element looks a query up by (widget/finder/
// first-answers.js does the same in JavaScript): the query in lower case,
// and only when it is written in lower case or with a capital first letter
// ("bergen", "Bergen"); any other query ("AA", "bergen ", "BERGEN") gets ""
// and is not looked up, because the engine reads those otherwise (an
// acronym, a finished word).
func Fold(q string) string {
	k := strings.ToLower(q)
	if q != k && q != title(k) {
		return ""
	}
	return k
}

// Keys lists the queries the table answers: every beginning of up to
// MaxPrefix letters, and the whole, of each word of the names the engine
// suggests (municipalities, postal places, counties, regions, districts,
// topics, in all their languages), folded, without digits (a query with a
// digit waits for the postcodes), sorted.
func Keys(d *dataset.Dataset) []string {
	set := map[string]bool{}
	add := func(name string) {
		for _, w := range strings.Fields(strings.ToLower(name)) {
			if strings.ContainsAny(w, "0123456789") {
				continue
			}
			set[w] = true
			rs := []rune(w)
			for n := 1; n <= MaxPrefix && n < len(rs); n++ {
				set[string(rs[:n])] = true
			}
		}
	}
	for _, m := range d.Municipalities {
		add(m.Name)
		for _, n := range m.Names {
			add(n.Name)
		}
	}
	for _, p := range d.Postcodes {
		add(p.Place)
	}
	for _, c := range d.Counties {
		add(c.Name)
		for _, n := range c.Names {
			add(n.Name)
		}
	}
	for _, r := range d.Regions {
		add(r.Name)
		for _, n := range r.AltNames {
			add(n)
		}
	}
	for _, x := range d.Districts {
		add(x.Name)
		for _, n := range x.AltNames {
			add(n)
		}
	}
	for _, t := range d.Topics {
		add(t.Name)
		for _, n := range t.Names {
			add(n.Name)
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Variants are the other forms of a key that the element folds to it; a
// key is kept only when the engine answers them alike.
func Variants(key string) []string {
	if t := title(key); t != key {
		return []string{t}
	}
	return nil
}

func title(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// Build asks eng for each key's suggestions. Keys without any, and keys
// whose variants the engine answers otherwise, are left out: the element
// then waits for the module, as it would without the table.
func Build(eng *search.Engine, keys []string) (*Table, error) {
	t := &Table{Queries: map[string][]row{}}
	index := map[[4]string]int{}
	opts := search.Options{Limit: Limit}
	for _, k := range keys {
		if k != Fold(k) {
			return nil, fmt.Errorf("first answers: key %q is not folded", k)
		}
		want := eng.Search(k, opts).Suggestions
		if len(want) == 0 || !sameForVariants(eng, k, want, opts) {
			continue
		}
		rows := make([]row, 0, len(want))
		for _, s := range want {
			id := [4]string{s.Kind, s.ID, s.Label, s.Detail}
			i, ok := index[id]
			if !ok {
				i = len(t.Suggestions)
				index[id] = i
				t.Suggestions = append(t.Suggestions, id)
			}
			r := row{i}
			for _, h := range s.Highlight {
				r = append(r, h[0], h[1])
			}
			rows = append(rows, r)
		}
		t.Queries[k] = rows
	}
	return t, nil
}

func sameForVariants(eng *search.Engine, key string, want []search.Suggestion, opts search.Options) bool {
	for _, v := range Variants(key) {
		if !reflect.DeepEqual(eng.Search(v, opts).Suggestions, want) {
			return false
		}
	}
	return true
}

// JSON is the table as the element reads it, keys in order (a build makes
// the same bytes from the same data, so the file's hash only changes with
// its content).
func (t *Table) JSON() ([]byte, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("encode first answers: %w", err)
	}
	return b, nil
}
