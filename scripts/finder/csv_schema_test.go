package main

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/scripts/gen-schema/schematest"
)

// TestCSVRoundTripsEveryField: contact points with every field filled by
// reflection (awkward text, lists of two, true, two sources) come back from
// export → import unchanged, with every separator. Kinds and statuses are
// set to real ones: the sheet writes them as Norwegian words.
func TestCSVRoundTripsEveryField(t *testing.T) {
	var f schematest.Filler
	var cps []dataset.ContactPoint
	require.NoError(t, f.Fill(&cps))
	for i := range cps {
		cps[i].Kind = dataset.Kinds()[i]
		cps[i].Status = []string{dataset.StatusActive, dataset.StatusClosed}[i]
	}
	want := store.Canonical(&dataset.Dataset{ContactPoints: cps}).ContactPoints
	for _, sep := range []rune{';', ',', '\t'} {
		t.Run(string(sep), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, exportCSV(&buf, cps, sep))
			got, _, probs := parseCSV(buf.Bytes())
			require.Empty(t, probs)
			assert.Empty(t, schematest.Diff(want, got), "export → import")
			assert.Empty(t, schematest.ZeroFields(got))
		})
	}
}

// TestCSVSchema: the columns the csv tags give, each once and documented in
// data/README.md; the required ones; the numbered columns (citizen notes,
// sources); and a field without a tag is refused by name.
func TestCSVSchema(t *testing.T) {
	readme, err := os.ReadFile("../../data/README.md")
	require.NoError(t, err)
	seen := map[string]bool{}
	var required []string
	for _, c := range contactCSV.columns {
		assert.False(t, seen[c.header], "column %s twice", c.header)
		seen[c.header] = true
		assert.Contains(t, string(readme), "`"+c.header+"`", "data/README.md must document the column")
		if c.required {
			required = append(required, c.header)
		}
	}
	assert.Equal(t, []string{"id", "navn", "type", "status"}, required)
	headers := contactCSV.headers([]int{0, 0, 0})
	require.Len(t, contactCSV.groups, 3)
	for _, g := range contactCSV.groups {
		assert.Contains(t, string(readme), "`"+g.header(1, g.subs[0])+"`", "data/README.md must document the numbered columns")
	}
	assert.Equal(t, []string{"merknad_innbygger1_språk", "merknad_innbygger1_tekst",
		"kilde1_url", "kilde1_dato", "kilde1_fakta", "kilde2_url", "kilde2_dato", "kilde2_fakta",
		"møte1_ukedag", "møte1_start", "møte1_slutt"},
		contactCSV.headers([]int{1, 2, 1})[len(headers):])

	for _, tc := range []struct {
		name string
		typ  reflect.Type
		want string
	}{
		{"no tag", reflect.TypeFor[struct {
			ID string `json:"id"`
		}](), "has no csv tag"},
		{"unknown option", reflect.TypeFor[struct {
			ID string `json:"id" csv:"id,fancy"`
		}](), `unknown csv option "fancy"`},
		{"map", reflect.TypeFor[struct {
			M map[string]string `json:"m" csv:"m"`
		}](), "does not fit a spreadsheet cell"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newCSVSchema(tc.typ)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestHeaderOf(t *testing.T) {
	for field, want := range map[string]string{
		"phone":                 "telefon",
		"serves[2]":             "betjener_kommuner",
		"sources":               "kilde1_url",
		"sources[1].url":        "kilde2_url",
		"sources[0].facts":      "kilde1_fakta",
		"sources[3]":            "kilde4",
		"citizen_notes[1].text": "merknad_innbygger2_tekst",
		"nonsense":              "nonsense",
	} {
		assert.Equal(t, want, contactCSV.headerOf(field), field)
	}
}

// TestDiffKnowsEveryFile: finder diff identifies records by recordKeys; every
// dataset file needs its key, naming fields the record has.
func TestDiffKnowsEveryFile(t *testing.T) {
	ty := reflect.TypeFor[dataset.Dataset]()
	for i := 0; i < ty.NumField(); i++ {
		sf := ty.Field(i)
		if sf.Type.Kind() != reflect.Slice {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		keys, ok := recordKeys[name+".json"]
		if !assert.True(t, ok, "recordKeys has no key for %s.json", name) {
			continue
		}
		fields := map[string]bool{}
		elem := sf.Type.Elem()
		for j := 0; j < elem.NumField(); j++ {
			k, _, _ := strings.Cut(elem.Field(j).Tag.Get("json"), ",")
			fields[k] = true
		}
		for _, k := range keys {
			assert.True(t, fields[k], "recordKeys[%s.json]: %s has no field %q", name, elem.Name(), k)
		}
	}
}
