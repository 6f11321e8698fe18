package search

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// TestCrisisRules: cue categories raise crisis help only together, as the
// lexicon's crisis rules say, within each rule's window; a cue alone never
// does, and a rule's categories are found in any order.
func TestCrisisRules(t *testing.T) {
	cue := func(text, cat string) dataset.Lexeme {
		return dataset.Lexeme{Text: text, Role: dataset.RoleCrisisCue, Language: "und", Category: cat}
	}
	rule := func(text string) dataset.Lexeme {
		return dataset.Lexeme{Text: text, Role: dataset.RoleCrisisRule, Language: "und", Category: dataset.CrisisWishDead}
	}
	d := &dataset.Dataset{
		Lexicon: []dataset.Lexeme{
			{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
			cue("vil", dataset.CueWish), cue("ikke", dataset.CueNot), cue("leve", dataset.CueLive),
			cue("kutter", dataset.CueHarm), cue("meg", dataset.CueSelf),
			cue("tau", dataset.CueMethod), cue("farvel", dataset.CueFarewell),
			rule("live not wish"), rule("harm self 2"), rule("farewell farewell"),
		},
		Municipalities: []dataset.Municipality{{Number: "4601", Name: "Bergen", Population: 290000, Lat: 60.39, Lon: 5.32}},
		CrisisLines:    []dataset.CrisisLine{{ID: "a", Name: "A", Number: "113", Order: 1}},
	}
	e, err := New(d)
	require.NoError(t, err)
	tests := []struct {
		q      string
		crisis bool
	}{
		{"vil ikke leve", true},
		{"leve vil jeg ikke", true},                    // any order
		{"vil ikke", false},                            // two of three
		{"vil leve", false},                            // no negation
		{"jeg kutter meg", true},                       // within 2 words
		{"kutter ut sukker og føler meg bedre", false}, // 5 words apart: not harm
		{"tau", false},                                 // a cue alone
		{"farvel", false},                              // one farewell needs another
		{"farvel og farvel", true},
	}
	for _, tt := range tests {
		r := e.Search(tt.q, Options{})
		assert.Equal(t, tt.crisis, r.Crisis != nil, tt.q)
	}
}

// lexEngine is an engine over lexicon entries alone, with one place and
// one crisis line (and the topics given).
func lexEngine(t *testing.T, topics []dataset.Topic, lex ...dataset.Lexeme) *Engine {
	t.Helper()
	e, err := New(&dataset.Dataset{
		Lexicon:        lex,
		Topics:         topics,
		Municipalities: []dataset.Municipality{{Number: "4601", Name: "Bergen", Population: 290000, Lat: 60.39, Lon: 5.32}},
		CrisisLines:    []dataset.CrisisLine{{ID: "a", Name: "A", Number: "113", Order: 1}},
	})
	require.NoError(t, err)
	e.UseSignals(nil) // the fixture's rules alone
	return e
}

// TestCrisisRuleBereaved: a rule of category bereaved ("kin act") tells of
// another's suicide: crisis help and the grief topic. Kin words are cues of
// their own (from the kin role); alone, or with an act too far away, nothing.
func TestCrisisRuleBereaved(t *testing.T) {
	e := lexEngine(t, []dataset.Topic{{ID: "sorg", Name: "Sorg og tap"}},
		dataset.Lexeme{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
		dataset.Lexeme{Text: "onkel", Role: dataset.RoleKin, Language: "nb"},
		dataset.Lexeme{Text: "skjøt seg", Role: dataset.RoleCrisisCue, Language: "nb", Category: dataset.CueAct},
		dataset.Lexeme{Text: "kin act 3", Role: dataset.RoleCrisisRule, Language: "und", Category: dataset.CrisisBereaved})
	r := e.Search("onkel skjøt seg i fjøset i sommer", Options{})
	require.NotNil(t, r.Crisis)
	require.Len(t, r.Topics, 1)
	assert.Equal(t, "sorg", r.Topics[0].ID)
	for _, q := range []string{"onkel", "skjøt seg", "onkel kom hjem og vi spiste før han skjøt seg"} {
		assert.Nil(t, e.Search(q, Options{}).Crisis, q)
	}
}

// TestCrisisPhraseInverted: verb-second order puts the writer after the
// verb ("i kveld tar jeg livet mitt"); the phrase still holds, and its undo
// still undoes it.
func TestCrisisPhraseInverted(t *testing.T) {
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "tar livet mitt", Role: dataset.RoleCrisisPhrase, Language: "nb", Category: dataset.CrisisSuicide},
		dataset.Lexeme{Text: "tilbake", Role: dataset.RoleCrisisUndo, Language: "nb"},
		dataset.Lexeme{Text: "jeg", Role: dataset.RoleSelf, Language: "nb"})
	for q, crisis := range map[string]bool{
		"i kveld tar jeg livet mitt":    true,
		"tar livet mitt":                true,
		"nå tar jeg livet mitt tilbake": false,
		"tar du livet mitt":             false, // only the writer is passed over
	} {
		assert.Equal(t, crisis, e.Search(q, Options{}).Crisis != nil, q)
	}
}

// TestCrisisCountIsExcess: a count of ten or more (two or three digits) is
// too many of a means ("took 30 paracet"); fewer, or a year, is not.
func TestCrisisCountIsExcess(t *testing.T) {
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
		dataset.Lexeme{Text: "took", Role: dataset.RoleCrisisCue, Language: "en", Category: dataset.CueIngest},
		dataset.Lexeme{Text: "paracet", Role: dataset.RoleCrisisCue, Language: "nb", Category: dataset.CueMethod},
		dataset.Lexeme{Text: "ingest excess method 5", Role: dataset.RoleCrisisRule, Language: "und", Category: dataset.CrisisMethod})
	for q, crisis := range map[string]bool{
		"took 30 paracet":   true,
		"took 100 paracet":  true,
		"took 2 paracet":    false,
		"took 09 paracet":   false,
		"took 2019 paracet": false,
	} {
		assert.Equal(t, crisis, e.Search(q, Options{}).Crisis != nil, q)
	}
}

// TestNewCrisisRule: a rule's window is its last field when that is a
// number, at most CrisisWindow.
func TestNewCrisisRule(t *testing.T) {
	assert.Equal(t, crisisRule{cats: []string{"harm", "self"}, window: 2}, newCrisisRule("harm self 2", "self_harm"))
	assert.Equal(t, crisisRule{cats: []string{"die", "wish"}, window: CrisisWindow}, newCrisisRule("die wish", "wish_dead"))
	assert.Equal(t, crisisRule{cats: []string{"a", "b"}, window: CrisisWindow}, newCrisisRule("a b 99", "suicide"))
	assert.Equal(t, crisisRule{cats: []string{"kin", "act"}, window: 3, bereaved: true}, newCrisisRule("kin act 3", "bereaved"))
}

// TestNumberWords: a postcode said in words (dictation) is read as the
// postcode when its words make exactly four digits; fewer or more make none.
func TestNumberWords(t *testing.T) {
	num := func(text, v string) dataset.Lexeme {
		return dataset.Lexeme{Text: text, Role: dataset.RoleNumberWord, Language: "no", Category: v}
	}
	d := &dataset.Dataset{
		Lexicon: []dataset.Lexeme{{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
			num("null", "0"), num("tre", "3"), num("fem", "5"), num("femti", "50"), num("tjue", "20"), num("sytten", "17")},
		Municipalities: []dataset.Municipality{
			{Number: "4601", Name: "Bergen", Population: 290000, Lat: 60.39, Lon: 5.32},
			{Number: "3301", Name: "Drammen", Population: 100000, Lat: 59.74, Lon: 10.2},
		},
		Postcodes: []dataset.Postcode{{Code: "5003", Place: "Bergen", Municipality: "4601"},
			{Code: "5055", Place: "Bergen", Municipality: "4601"}, {Code: "2317", Place: "Drammen", Municipality: "3301"}},
		CrisisLines: []dataset.CrisisLine{{ID: "a", Name: "A", Number: "113", Order: 1}},
	}
	e, err := New(d)
	require.NoError(t, err)
	tests := []struct{ q, muni string }{
		{"fem null null tre", "4601"},
		{"femti femti fem", "4601"},    // 50 55
		{"tjue tre sytten", "3301"},    // 23 17
		{"fem null tre", ""},           // three digits
		{"fem null null tre null", ""}, // five
		{"jeg bor på fem null null tre", "4601"},
	}
	for _, tt := range tests {
		r := e.Search(tt.q, Options{})
		got := ""
		if r.Place != nil {
			got = r.Place.Municipality
		}
		assert.Equal(t, tt.muni, got, tt.q)
	}
}

// TestExonyms: a municipality's name in another script is read as that
// municipality, alone and in a sentence.
func TestExonyms(t *testing.T) {
	d := &dataset.Dataset{
		Lexicon: []dataset.Lexeme{{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
			{Text: "Осло", Role: dataset.RoleExonym, Language: "ru", Place: "0301"},
			{Text: "أوسلو", Role: dataset.RoleExonym, Language: "ar", Place: "0301"}},
		Municipalities: []dataset.Municipality{{Number: "0301", Name: "Oslo", Population: 700000, Lat: 59.9, Lon: 10.7},
			{Number: "4601", Name: "Bergen", Population: 290000, Lat: 60.39, Lon: 5.32}},
		CrisisLines: []dataset.CrisisLine{{ID: "a", Name: "A", Number: "113", Order: 1}},
	}
	e, err := New(d)
	require.NoError(t, err)
	for _, q := range []string{"Осло", "я живу в Осло", "أعيش في أوسلو"} {
		r := e.Search(q, Options{})
		require.NotNil(t, r.Place, q)
		assert.Equal(t, "0301", r.Place.Municipality, q)
	}
}
