package validate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/validate"
)

// lexeme finds a fixture entry by role and text.
func lexeme(d *dataset.Dataset, role, text string) *dataset.Lexeme {
	for i := range d.Lexicon {
		if d.Lexicon[i].Role == role && d.Lexicon[i].Text == text {
			return &d.Lexicon[i]
		}
	}
	panic("no lexeme " + role + " " + text)
}

// romsa gives the fixture's Tromsø its Northern Sami name, as the real
// municipalities.json does.
func romsa(d *dataset.Dataset) {
	for i := range d.Municipalities {
		if d.Municipalities[i].Number == "5501" {
			d.Municipalities[i].Names = append(d.Municipalities[i].Names, dataset.Name{Name: "Romsa", Language: "se"})
		}
	}
}

func addLexeme(d *dataset.Dataset, x dataset.Lexeme) { d.Lexicon = append(d.Lexicon, x) }

// TestLexiconProblems: one broken lexicon per problem class, each reported
// as lexicon.json: role «text»: field: what, and only that problem.
func TestLexiconProblems(t *testing.T) {
	tests := []struct {
		name    string
		break_  func(d *dataset.Dataset)
		line    string // the whole line, as finder validate prints it
		warning bool
	}{
		{"unknown role", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Role = "stopp" },
			"lexicon.json: stopp «for»: role: ukjent rolle \"stopp\"", false},
		{"missing language", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Language = "" },
			"lexicon.json: stop «for»: language: mangler (påkrevd felt)", false},
		{"malformed language", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Language = "nb-NO" },
			"lexicon.json: stop «for»: language: \"nb-NO\" er ikke en språkkode", false},
		{"unknown language", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Language = "xx" },
			"lexicon.json: stop «for»: language: ukjent språkkode \"xx\" (gyldige: nb, nn, no,", false},
		{"crisis phrase without category", func(d *dataset.Dataset) {
			lexeme(d, dataset.RoleCrisisPhrase, "akutt krise").Category = ""
		}, "lexicon.json: crisis_phrase «akutt krise»: category: mangler: rollen crisis_phrase krever en kategori (suicide,", false},
		{"crisis stem with a place category", func(d *dataset.Dataset) {
			lexeme(d, dataset.RoleCrisisStem, "selvmord").Category = dataset.PlaceLives
		}, "lexicon.json: crisis_stem «selvmord»: category: ukjent kategori \"lives\" for rollen crisis_stem", false},
		{"bereaved without category", func(d *dataset.Dataset) {
			lexeme(d, dataset.RoleBereaved, "tok livet sitt").Category = ""
		}, "lexicon.json: bereaved «tok livet sitt»: category: mangler", false},
		{"place cue with a crisis category", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "bor i", Role: dataset.RolePlaceCue, Language: "no", Category: dataset.CrisisSuicide})
		}, "lexicon.json: place_cue «bor i»: category: ukjent kategori \"suicide\" for rollen place_cue (lives, elsewhere, origin, commute, correction, study, home, theirs, here)", false},
		{"a cue longer than the engine reads", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "har sagt ha det til alle sammen", Role: dataset.RoleCrisisCue, Language: "no", Category: dataset.CueFarewell})
		}, "lexicon.json: crisis_cue «har sagt ha det til alle sammen»: text: «har sagt ha det til alle sammen» har 7 ord (foldet); et signal leses bare opp til 5 ord", false},
		{"number cue without category", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "tlf", Role: dataset.RoleNumberCue, Language: "no"})
		}, "lexicon.json: number_cue «tlf»: category: mangler: rollen number_cue krever en kategori (phone, age, quantity, address, reference)", false},
		{"stop word with a category", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Category = dataset.CrisisAcute },
			"lexicon.json: stop «for»: category: rollen stop har ingen kategori", false},
		{"exonym without a place", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "Осло", Role: dataset.RoleExonym, Language: "ru"})
		}, "lexicon.json: exonym «Осло»: place: mangler: et kommunenavn på et annet språk sier hvilken kommune", false},
		{"crisis cue of the kin category", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "onkel", Role: dataset.RoleCrisisCue, Language: "nb", Category: dataset.CueKin})
		}, "lexicon.json: crisis_cue «onkel»: category: signalkategorien kin fylles av ordene med rollen kin", false},
		{"crisis rule with an unknown category", func(d *dataset.Dataset) {
			lexeme(d, dataset.RoleCrisisRule, "live not wish").Text = "live nothing wish"
		}, "lexicon.json: crisis_rule «live nothing wish»: text: ukjent signalkategori \"nothing\"", false},
		{"crisis rule with a window too wide", func(d *dataset.Dataset) {
			lexeme(d, dataset.RoleCrisisRule, "live not wish").Text = "live not wish 20"
		}, "lexicon.json: crisis_rule «live not wish 20»: text: avstanden \"20\" i kriseregelen må være et tall fra 1 til 8 ord", false},
		{"crisis rule of one category", func(d *dataset.Dataset) {
			lexeme(d, dataset.RoleCrisisRule, "live not wish").Text = "live"
		}, "lexicon.json: crisis_rule «live»: text: en kriseregel nevner minst to signalkategorier", false},
		{"no crisis rules left", func(d *dataset.Dataset) {
			d.Lexicon = slices.DeleteFunc(d.Lexicon, func(x dataset.Lexeme) bool { return x.Role == dataset.RoleCrisisRule })
		}, "lexicon.json: role: ingen oppføringer med rollen crisis_rule", false},
		{"emptied lexicon", func(d *dataset.Dataset) { d.Lexicon = nil },
			"lexicon.json: ordlisten er tom", false},
		{"no crisis phrases left", func(d *dataset.Dataset) {
			d.Lexicon = slices.DeleteFunc(d.Lexicon, func(x dataset.Lexeme) bool { return x.Role == dataset.RoleCrisisPhrase })
		}, "lexicon.json: role: ingen oppføringer med rollen crisis_phrase", false},
		{"empty text", func(d *dataset.Dataset) { d.Lexicon[1].Text = "" },
			"lexicon.json: stop #2: text: mangler (påkrevd felt)", false},
		{"control character", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Text = "for\tbi" },
			"lexicon.json: stop «for\tbi»: text: inneholder kontrolltegn", false},
		{"trailing space", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Text = "for " },
			"lexicon.json: stop «for »: text: har mellomrom først eller sist", false},
		{"only punctuation", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Text = "?!" },
			"lexicon.json: stop «?!»: text: har ingen bokstaver eller sifre", false},
		{"the same folded text twice in a role", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "Selvmord", Role: dataset.RoleCrisisStem, Language: "nb", Category: dataset.CrisisSuicide})
		}, "lexicon.json: crisis_stem «Selvmord»: text: duplikat: «Selvmord» er samme ord som «selvmord» i rollen crisis_stem", false},
		{"a common word twice in one language", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "alta", Role: dataset.RoleCommon, Language: "pt"})
			addLexeme(d, dataset.Lexeme{Text: "Alta", Role: dataset.RoleCommon, Language: "pt"})
		}, "lexicon.json: common «Alta»: text: duplikat: «Alta» er samme ord som «alta» i rollen common (foldet: «alta»)", false},
		{"æøå and their typed forms are one word", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "sjølvmord", Role: dataset.RoleCrisisStem, Language: "nn", Category: dataset.CrisisSuicide})
		}, "lexicon.json: crisis_stem «sjølvmord»: text: duplikat", false},
		{"crisis stem too broad", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "selv-", Role: dataset.RoleCrisisStem, Language: "nb", Category: dataset.CrisisSuicide})
		}, "lexicon.json: crisis_stem «selv-»: text: en krisestamme på 4 bokstaver (foldet «selv») er for bred", false},
		{"one Chinese character is too broad a crisis stem", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "死", Role: dataset.RoleCrisisStem, Language: "zh", Category: dataset.CrisisWishDead})
		}, "lexicon.json: crisis_stem «死»: text: en krisestamme på 3 bokstaver (foldet «死») er for bred", false},
		{"a municipality's name without place", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "Tromsø", Role: dataset.RoleHomograph, Language: "no"})
		}, "lexicon.json: homograph «Tromsø»: place: «Tromsø» er også navnet på kommune 5501 Tromsø: skriv kommunenummeret i place", false},
		{"a municipality's Sami name without place", func(d *dataset.Dataset) {
			romsa(d)
			addLexeme(d, dataset.Lexeme{Text: "romsa", Role: dataset.RoleKin, Language: "se"})
		}, "lexicon.json: kin «romsa»: place: «romsa» er også navnet på kommune 5501 Tromsø", false},
		{"place of another municipality", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "tromso", Role: dataset.RoleHomograph, Language: "no", Place: "4601"})
		}, "lexicon.json: homograph «tromso»: place: «tromso» er ikke et navn på kommune 4601 Bergen, men på 5501 Tromsø", false},
		{"place of no name", func(d *dataset.Dataset) { lexeme(d, dataset.RoleKin, "kona").Place = "4601" },
			"lexicon.json: kin «kona»: place: «kona» er ikke et navn på kommune 4601 Bergen (foldet: «kona»)", false},
		{"place that is no municipality", func(d *dataset.Dataset) { lexeme(d, dataset.RoleKin, "kona").Place = "1124" },
			"lexicon.json: kin «kona»: place: kommunenummer 1124 finnes ikke blant 2024-kommunene", false},
		{"malformed place", func(d *dataset.Dataset) { lexeme(d, dataset.RoleKin, "kona").Place = "301" },
			"lexicon.json: kin «kona»: place: kommunenummer \"301\" skal være fire sifre", false},
		{"a common word that is a municipality's name", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "bergen", Role: dataset.RoleCommon, Language: "no", Place: "4601"})
		}, "lexicon.json: common «bergen»: role: et vanlig ord blir aldri et sted, men «bergen» er navnet på kommune 4601 Bergen", false},
		{"a common word with a place", func(d *dataset.Dataset) { lexeme(d, dataset.RoleCommon, "jeg").Place = "0301" },
			"lexicon.json: common «jeg»: place: et vanlig ord blir aldri et sted", false},
		{"e-mail address in a note", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Note = "fra ola.nordmann@example.no" },
			"lexicon.json: stop «for»: note: inneholder en e-postadresse (\"ola.nordmann@example.no\")", false},
		{"web address in a note", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Note = "se https://ordbokene.no/for" },
			"lexicon.json: stop «for»: note: inneholder en nettadresse (\"https://ordbokene.no/for\")", false},
		{"bare domain in a text", func(d *dataset.Dataset) { lexeme(d, dataset.RoleStop, "for").Text = "vg.no" },
			"lexicon.json: stop «vg.no»: text: inneholder en nettadresse", false},
		{"phone number in a text", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "ring 41 23 45 67", Role: dataset.RoleNumberCue, Language: "nb", Category: dataset.NumberPhone})
		}, "lexicon.json: number_cue «ring 41 23 45 67»: text: inneholder et telefonnummer (\"41 23 45 67\")", false},
		{"unreviewed crisis cues: one warning", func(d *dataset.Dataset) {},
			"lexicon.json: advarsel: 19 krisesignaler (krisestammer, krisefraser, etterlattfraser, kriseopphevinger) er ikke gjennomgått", true},
	}
	// The crisis card's lines in other languages (role crisis_card).
	cardText := "Jeśli życie jest zagrożone, zadzwoń pod numer 113."
	card := func(d *dataset.Dataset) *dataset.Lexeme { return lexeme(d, dataset.RoleCrisisCard, cardText) }
	tests = append(tests, []struct {
		name    string
		break_  func(d *dataset.Dataset)
		line    string
		warning bool
	}{
		{"card: unknown language", func(d *dataset.Dataset) { card(d).Language = "xx" },
			"lexicon.json: crisis_card «" + cardText + "»: language: ukjent språkkode \"xx\"", false},
		{"card: empty text", func(d *dataset.Dataset) { card(d).Text = "" },
			"lexicon.json: crisis_card #", false},
		{"card: a language twice", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "Zadzwoń pod 113.", Role: dataset.RoleCrisisCard, Language: "pl", Category: "113"})
		}, "lexicon.json: crisis_card «Zadzwoń pod 113.»: language: duplikat: krisekortet har alt en linje på \"pl\"", false},
		{"card: Norwegian", func(d *dataset.Dataset) { card(d).Language = "nb" },
			"lexicon.json: crisis_card «" + cardText + "»: language: \"nb\": krisekortet har egne tekster på norsk og samisk", false},
		{"other: unknown category", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "sich", Role: dataset.RoleOther, Language: "de", Category: "self"})
		}, "lexicon.json: other «sich»: category: ukjent kategori \"self\" for rollen other (tom eller reflexive)", false},
		{"topic word: another language's ordinary word", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "for", Role: dataset.RoleTopicWord, Language: "en", Category: "angst"})
		}, "lexicon.json: topic_word «for»: text: foldet blir «for» et vanlig ord på \"no\"", false},
		{"place case: Norwegian", func(d *dataset.Dataset) {
			addLexeme(d, dataset.Lexeme{Text: "ene", Role: dataset.RolePlaceCase, Language: "nb"})
		}, "lexicon.json: place_case «ene»: language: \"nb\": en kasusendelse er en annen språks", false},
		{"card: no crisis line", func(d *dataset.Dataset) { card(d).Category = "" },
			"lexicon.json: crisis_card «" + cardText + "»: category: mangler: krisekortets linje sier hvilken krisetelefon", false},
		{"card: unknown crisis line", func(d *dataset.Dataset) { card(d).Category = "112" },
			"lexicon.json: crisis_card «" + cardText + "»: category: ukjent krisetelefon \"112\"", false},
		{"card: the line's number missing", func(d *dataset.Dataset) { card(d).Text = "Zadzwoń pod 112." },
			"lexicon.json: crisis_card «Zadzwoń pod 112.»: text: nummeret 113 til krisetelefonen 113 står ikke i teksten", false},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := small(t)
			tt.break_(d)
			var lex []string
			for _, p := range validate.DatasetAt(d, now) {
				if p.File == dataset.LexiconFile && p.Warning == tt.warning {
					lex = append(lex, p.String())
				}
			}
			require.Len(t, lex, 1, "want exactly one %s problem; got:\n%s", dataset.LexiconFile, strings.Join(lex, "\n"))
			assert.True(t, strings.HasPrefix(lex[0], tt.line), "want %s…\n got %s", tt.line, lex[0])
		})
	}
}

// TestLexiconAccepts: what is sound passes: a homograph with its
// municipality, either of two municipalities of one name, a number cue's
// "+47", every language of the table, and reviewed crisis cues warn nothing.
func TestLexiconAccepts(t *testing.T) {
	d := small(t)
	addLexeme(d, dataset.Lexeme{Text: "Bergen", Role: dataset.RoleHomograph, Language: "no", Place: "4601"})
	romsa(d)
	addLexeme(d, dataset.Lexeme{Text: "Romsa", Role: dataset.RoleHomograph, Language: "se", Place: "5501"})
	addLexeme(d, dataset.Lexeme{Text: "+47", Role: dataset.RoleNumberCue, Language: "und", Category: dataset.NumberPhone})
	addLexeme(d, dataset.Lexeme{Text: "bor i", Role: dataset.RolePlaceCue, Language: "no", Category: dataset.PlaceLives,
		Note: "«bor i» står foran der den som skriver bor; 116 123 er ingen telefon her"})
	for i, l := range dataset.LexiconLanguages() {
		addLexeme(d, dataset.Lexeme{Text: "ord" + strings.Repeat("x", i+1), Role: dataset.RoleCommon, Language: l.Tag})
	}
	// A common word may be a word of several languages, once in each.
	addLexeme(d, dataset.Lexeme{Text: "alta", Role: dataset.RoleCommon, Language: "es"})
	addLexeme(d, dataset.Lexeme{Text: "alta", Role: dataset.RoleCommon, Language: "pt"})
	for i := range d.Lexicon {
		if dataset.CrisisRole(d.Lexicon[i].Role) {
			d.Lexicon[i].Reviewed = true
		}
	}
	for _, p := range validate.DatasetAt(d, now) {
		assert.NotEqual(t, dataset.LexiconFile, p.File, "%s", p)
	}
}

// TestLexiconTables: every role has a Norwegian word, the crisis roles
// are the ones whose categories are crisis categories (plus crisis_undo),
// and the language table has no tag twice.
func TestLexiconTables(t *testing.T) {
	for _, r := range dataset.Roles() {
		assert.NotEmpty(t, dataset.RoleLabel(r), r)
	}
	assert.Empty(t, dataset.RoleLabel("stopp"))
	for _, r := range []string{dataset.RoleCrisisStem, dataset.RoleCrisisPhrase, dataset.RoleBereaved, dataset.RoleCrisisUndo} {
		assert.True(t, dataset.CrisisRole(r), r)
	}
	assert.False(t, dataset.CrisisRole(dataset.RoleCommon))
	seen := map[string]bool{}
	for _, l := range dataset.LexiconLanguages() {
		assert.False(t, seen[l.Tag], l.Tag)
		seen[l.Tag] = true
		assert.NotEmpty(t, l.Name)
		assert.Regexp(t, `^[a-z]{2,3}$`, l.Tag, "a BCP 47 primary language subtag")
	}
	for _, tag := range append(dataset.LocalLanguages(), "en") {
		assert.True(t, seen[tag], "%s is a lexicon language", tag)
	}
}
