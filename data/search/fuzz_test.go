package search

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Sør-Varanger", "Kárášjohka", "aalesund", "oae", "5003bergen", "a\u0301", "\xff", "İstanbul", "ǅ", "٣a", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q: stray spaces", s, n)
		}
		// Folding is idempotent (below the input cut of CleanQuery).
		if b, _ := appendFold(nil, nil, n, false); string(b) != n {
			again := string(b)
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", s, n, again)
		}
		// The spans cover the input and are ordered.
		clean := CleanQuery(s)
		b, src := appendFold(nil, nil, clean, true)
		if len(b) != len(src) {
			t.Fatalf("%q: %d bytes, %d spans", s, len(b), len(src))
		}
		total := len(utf16Of(clean))
		prev := 0
		for i, sp := range src {
			if int(sp.start) > int(sp.end) || int(sp.end) > total || int(sp.start) < prev {
				t.Fatalf("%q: span %d %v out of order or bounds (len %d)", s, i, sp, total)
			}
			prev = int(sp.start)
		}
	})
}

func utf16Of(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

func FuzzSearch(f *testing.F) {
	for _, c := range queryCases {
		f.Add(c.q, 0)
	}
	f.Add("angst i tromsø", 3)
	f.Add(strings.Repeat("ø", 250), 1)
	e, err := sharedEngine()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string, limit int) {
		limit = limit % 30
		r := e.Search(q, Options{Limit: limit})
		if msg := contractProblem(e, r, limit); msg != "" {
			t.Fatalf("query %q limit %d: %s", q, limit, msg)
		}
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.AppendJSON(nil); string(got) != string(want) {
			t.Fatalf("query %q: AppendJSON differs from encoding/json:\n%s\n%s", q, got, want)
		}
	})
}

// contractProblem checks a response against the search contract.
func contractProblem(e *Engine, r Response, limit int) string {
	if r.Suggestions == nil || r.Results == nil {
		return "nil slice"
	}
	if !utf8.ValidString(r.Query) || utf8.RuneCountInString(r.Query) > MaxQueryRunes {
		return "query not cleaned"
	}
	if r.Place != nil {
		m := r.Place.Municipality
		if len(m) != 4 || strings.Trim(m, "0123456789") != "" {
			return "place.municipality not four digits: " + m
		}
		if _, ok := e.muniByNo[m]; !ok {
			return "place.municipality not a 2024 municipality: " + m
		}
		switch r.Place.Matched {
		case "name", "parallel_name", "former_name", "postcode", "postal_place", "district", "region":
		default:
			return "place.matched " + r.Place.Matched
		}
	}
	if r.Topic != nil {
		if _, ok := e.topicByID[r.Topic.ID]; !ok {
			return "unknown topic " + r.Topic.ID
		}
	}
	nSug, nRes := DefaultSuggestions, DefaultResults
	if limit > 0 {
		nSug, nRes = limit, limit
	}
	if len(r.Suggestions) > nSug || len(r.Results) > nRes {
		return "over the limit"
	}
	for i := range r.Suggestions {
		if msg := highlightProblem(&r.Suggestions[i]); msg != "" {
			return "highlight: " + msg
		}
	}
	if r.Query != "" && !hasNational(r.Results) {
		return "no national fallback"
	}
	seenClosed := false
	for _, x := range r.Results {
		closed := x.ContactPoint.Status == "closed"
		if seenClosed && !closed {
			return "open record after a closed one"
		}
		seenClosed = seenClosed || closed
	}
	return ""
}
