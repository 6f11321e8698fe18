package search_test

// TestRealistic runs the realistic query set of testdata/realistic/*.tsv
// (written independently of the engine, as people type on a phone; see
// testdata/realistic/README.md) and judges the engine by its JSON output only,
// so the test keeps compiling whatever the Go fields are named.
//
// It fails on
//   - any wrong crisis expectation (crisis help missing, or raised where it must not be);
//   - any confident wrong answer: a place was read and it is not an expected one;
//   - a class whose hit rate falls under its threshold below.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

// defaultHitRate is the least share of a class's queries that must read
// exactly as expected (place, topics and crisis).
const defaultHitRate = 0.9

// hitRates holds per-class thresholds. The engine's author may lower a class
// with a comment saying why, never below minHitRate; crisis and
// wrong_town_traps are always 100 %.
var hitRates = map[string]float64{
	"sentence":         defaultHitRate,
	"everyday":         defaultHitRate,
	"compound":         defaultHitRate,
	"several_topics":   defaultHitRate,
	"english":          defaultHitRate,
	"nynorsk":          defaultHitRate,
	"crisis":           1.0, // fixed: crisis first
	"not_crisis":       defaultHitRate,
	"region":           defaultHitRate,
	"district":         defaultHitRate,
	"postcode_forms":   defaultHitRate,
	"wrong_town_traps": 1.0, // fixed: no confident wrong answer
	// The second set (2026-11-24), written by another hand, also without reading the engine.
	"despair":          defaultHitRate,
	"mixed_order":      defaultHitRate,
	"question":         defaultHitRate,
	"relative":         defaultHitRate,
	"place_word_traps": defaultHitRate,
	"other_language":   defaultHitRate,
	// Lowered: the misses are abbreviations and transpositions ("krsand",
	// "olso", "oslp", "hamr") that the engine leaves unread rather than
	// guess; none reads a wrong place.
	"typo_place": minHitRate,
	"nonsense":   defaultHitRate,
}

// minHitRate is the floor under every tuned threshold.
const minHitRate = 0.85

const realisticDir = "testdata/realistic"

// realisticCase is one line of a TSV file.
type realisticCase struct {
	file   string
	line   int
	class  string
	query  string
	place  placeWant
	topics []string // nil = don't care; empty = no topic may be read
	crisis bool
	// crisisAny: the crisis column is "?", a message of doubt where
	// crisis help and none are both right; it counts neither as a crisis
	// nor as a calm message.
	crisisAny bool
	note      string
}

// placeWant is the place column: "?" (anything), "-" (no place) or
// municipality numbers separated by "|", where "-" may be one alternative.
type placeWant struct {
	any    bool
	none   bool     // no place is acceptable
	munis  []string // acceptable municipality numbers
	source string
}

func (p placeWant) accepts(got string) bool {
	if p.any {
		return true
	}
	if got == "" {
		return p.none
	}
	return slices.Contains(p.munis, got)
}

func parsePlace(s string) (placeWant, error) {
	p := placeWant{source: s}
	if s == "?" {
		p.any = true
		return p, nil
	}
	for _, alt := range strings.Split(s, "|") {
		switch {
		case alt == "-":
			p.none = true
		case len(alt) == 4 && strings.Trim(alt, "0123456789") == "":
			p.munis = append(p.munis, alt)
		default:
			return p, fmt.Errorf("place %q: want ?, - or four-digit numbers separated by |", s)
		}
	}
	return p, nil
}

// loadRealistic reads every TSV file of the set.
func loadRealistic(tb testing.TB) []realisticCase {
	tb.Helper()
	return loadSet(tb, realisticDir, func(class string) bool { _, ok := hitRates[class]; return ok })
}

// loadSet reads every TSV file of a query set in dir; known says which
// classes the set may use.
func loadSet(tb testing.TB, dir string, known func(class string) bool) []realisticCase {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files, "no TSV files in %s", dir)
	var cases []realisticCase
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(tb, err)
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			n++
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			require.True(tb, len(cols) == 5 || len(cols) == 6, "%s:%d: want 5 or 6 tab-separated columns, got %d", name, n, len(cols))
			c := realisticCase{file: filepath.Base(name), line: n, class: cols[0], query: cols[1]}
			c.place, err = parsePlace(cols[2])
			require.NoError(tb, err, "%s:%d", name, n)
			switch cols[3] {
			case "?":
			case "-":
				c.topics = []string{}
			default:
				c.topics = strings.Split(cols[3], ",")
			}
			switch cols[4] {
			case "yes":
				c.crisis = true
			case "no":
			case "?":
				c.crisisAny = true // either is right: a message of doubt ("det gjør vondt")
			default:
				tb.Fatalf("%s:%d: crisis %q: want yes, no or ?", name, n, cols[4])
			}
			if len(cols) == 6 {
				c.note = cols[5]
			}
			require.True(tb, known(c.class), "%s:%d: unknown class %q", name, n, c.class)
			cases = append(cases, c)
		}
		require.NoError(tb, sc.Err())
		require.NoError(tb, f.Close())
	}
	return cases
}

// reading is what the engine's JSON says about a query.
type reading struct {
	place  string   // municipality number, "" when place is null
	name   string   // the place's name, for messages
	topics []string // topics read, best first
	crisis bool     // a crisis object with at least one line
}

func (r reading) String() string {
	p := "no place"
	if r.place != "" {
		p = r.place + " " + r.name
	}
	t := "no topic"
	if len(r.topics) > 0 {
		t = strings.Join(r.topics, ",")
	}
	c := ""
	if r.crisis {
		c = ", crisis"
	}
	return p + ", " + t + c
}

// jsonResponse is the part of the search contract this test reads.
type jsonResponse struct {
	Place *struct {
		Municipality string `json:"municipality"`
		Name         string `json:"name"`
	} `json:"place"`
	Topic *struct {
		ID string `json:"id"`
	} `json:"topic"`
	Topics []json.RawMessage `json:"topics"`
	Crisis *struct {
		Lines []json.RawMessage `json:"lines"`
	} `json:"crisis"`
}

// readResponse parses the contract JSON. Crisis is a top-level "crisis"
// object with non-empty "lines"; topics are the "topics" array (of objects
// with an id, or of ids), or the single "topic" when the array is absent.
func readResponse(tb testing.TB, resp search.Response) reading {
	tb.Helper()
	raw := resp.AppendJSON(nil)
	var j jsonResponse
	require.NoError(tb, json.Unmarshal(raw, &j), "JSON of %q: %s", resp.Query, raw)
	var r reading
	if j.Place != nil {
		r.place, r.name = j.Place.Municipality, j.Place.Name
	}
	if j.Topics != nil {
		for _, t := range j.Topics {
			var id string
			if json.Unmarshal(t, &id) != nil {
				var obj struct {
					ID string `json:"id"`
				}
				require.NoError(tb, json.Unmarshal(t, &obj), "topics entry %s", t)
				id = obj.ID
			}
			r.topics = append(r.topics, id)
		}
	} else if j.Topic != nil {
		r.topics = []string{j.Topic.ID}
	}
	r.crisis = j.Crisis != nil && len(j.Crisis.Lines) > 0
	return r
}

// realEngine builds the engine over the shipped dataset once per test binary.
var realEngine = sync.OnceValues(func() (*search.Engine, error) {
	d, err := store.LoadFS(data.FS)
	if err != nil {
		return nil, err
	}
	return search.New(d)
})

func newEngine(tb testing.TB) *search.Engine {
	tb.Helper()
	e, err := realEngine()
	require.NoError(tb, err)
	return e
}

// searchSafely runs one query; an engine panic becomes an error (and an
// empty reading), so one bad query does not hide the figures of the rest.
func searchSafely(tb testing.TB, e *search.Engine, q string) (r reading, err error) {
	tb.Helper()
	defer func() {
		if p := recover(); p != nil {
			r, err = reading{}, fmt.Errorf("engine panics on %q: %v", q, p)
		}
	}()
	return readResponse(tb, e.Search(q, search.Options{})), nil
}

// verdict of one query.
type verdict struct {
	c           realisticCase
	got         reading
	placeOK     bool
	topicsOK    bool
	crisisOK    bool
	confidentWr bool // a place was read and it is not an expected one
}

func (v verdict) hit() bool { return v.placeOK && v.topicsOK && v.crisisOK }

func (v verdict) String() string {
	want := "place " + v.c.place.source
	if v.c.topics == nil {
		want += ", topics ?"
	} else if len(v.c.topics) == 0 {
		want += ", no topic"
	} else {
		want += ", " + strings.Join(v.c.topics, ",")
	}
	if v.c.crisis {
		want += ", crisis"
	}
	s := fmt.Sprintf("%q (%s:%d): got %s; want %s", v.c.query, v.c.file, v.c.line, v.got, want)
	if v.c.note != "" {
		s += " [" + v.c.note + "]"
	}
	return s
}

func judge(c realisticCase, got reading) verdict {
	v := verdict{c: c, got: got}
	v.placeOK = c.place.accepts(got.place)
	v.confidentWr = got.place != "" && !v.placeOK
	switch {
	case c.topics == nil:
		v.topicsOK = true
	case len(c.topics) == 0:
		v.topicsOK = len(got.topics) == 0
	default:
		v.topicsOK = true
		for _, t := range c.topics {
			if !slices.Contains(got.topics, t) {
				v.topicsOK = false
			}
		}
	}
	v.crisisOK = c.crisisAny || got.crisis == c.crisis
	return v
}

func TestRealisticThresholds(t *testing.T) {
	for class, rate := range hitRates {
		assert.GreaterOrEqual(t, rate, minHitRate, "class %s", class)
		assert.LessOrEqual(t, rate, 1.0, "class %s", class)
	}
	assert.Equal(t, 1.0, hitRates["crisis"])
	assert.Equal(t, 1.0, hitRates["wrong_town_traps"])
}

func TestRealistic(t *testing.T) {
	cases := loadRealistic(t)
	e := newEngine(t)

	byClass := map[string][]verdict{}
	for _, c := range cases {
		got, err := searchSafely(t, e, c.query)
		if err != nil {
			t.Errorf("%s:%d: %v", c.file, c.line, err)
		}
		byClass[c.class] = append(byClass[c.class], judge(c, got))
	}
	classes := make([]string, 0, len(byClass))
	for class := range byClass {
		classes = append(classes, class)
	}
	sort.Strings(classes)

	total, hits, wrong := 0, 0, 0
	for _, class := range classes {
		vs := byClass[class]
		t.Run(class, func(t *testing.T) {
			n, h := 0, 0
			var misses []verdict
			for _, v := range vs {
				n++
				if v.hit() {
					h++
				} else {
					misses = append(misses, v)
				}
				if !v.crisisOK {
					if v.c.crisis {
						t.Errorf("crisis help missing: %s", v)
					} else {
						t.Errorf("crisis raised where it must not be: %s", v)
					}
				}
				if v.confidentWr {
					wrong++
					t.Errorf("confident wrong answer: %s", v)
				}
			}
			rate := float64(h) / float64(n)
			t.Logf("%-16s %3d/%3d = %5.1f %% (threshold %.0f %%)", class, h, n, 100*rate, 100*hitRates[class])
			for _, v := range misses {
				t.Logf("  miss: %s", v)
			}
			if rate < hitRates[class] {
				t.Errorf("class %s: hit rate %.1f %% under its threshold %.0f %%", class, 100*rate, 100*hitRates[class])
			}
			total += n
			hits += h
		})
	}
	t.Logf("all classes: %d/%d = %.1f %%; %d confident wrong answers", hits, total, 100*float64(hits)/float64(total), wrong)
}

// TestRealisticSetIsSound checks the set itself: enough queries per class,
// and every expected municipality and topic exists in the shipped dataset.
func TestRealisticSetIsSound(t *testing.T) {
	cases := loadRealistic(t)
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	munis := map[string]bool{}
	for _, m := range d.Municipalities {
		munis[m.Number] = true
	}
	topics := map[string]bool{}
	for _, tp := range d.Topics {
		topics[tp.ID] = true
	}
	perClass := map[string]int{}
	for _, c := range cases {
		perClass[c.class]++
		for _, m := range c.place.munis {
			assert.True(t, munis[m], "%s:%d: municipality %s is not in the dataset", c.file, c.line, m)
		}
		for _, tp := range c.topics {
			assert.True(t, topics[tp], "%s:%d: topic %q is not in the dataset", c.file, c.line, tp)
		}
	}
	assert.GreaterOrEqual(t, len(cases), 400)
	for class := range hitRates {
		assert.GreaterOrEqual(t, perClass[class], 30, "class %s", class)
	}
}
