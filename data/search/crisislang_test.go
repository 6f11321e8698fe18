package search

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/selvhjelp/finder/data/dataset"
)

// TestCrisisLanguage: the crisis is read in the language of the crisis words
// that fired (their lexicon entries' language); Norwegian, or none, gives
// no language and no line; a mixed message gives the foreign language; of
// two foreign ones, the one with the most crisis words. The card's line in
// that language comes with it (lexicon role crisis_card), and whether it
// is reviewed.
func TestCrisisLanguage(t *testing.T) {
	cue := func(text, lang, cat string) dataset.Lexeme {
		return dataset.Lexeme{Text: text, Role: dataset.RoleCrisisCue, Language: lang, Category: cat}
	}
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
		dataset.Lexeme{Text: "samobój", Role: dataset.RoleCrisisStem, Language: "pl"},
		dataset.Lexeme{Text: "vil ikke leve", Role: dataset.RoleCrisisPhrase, Language: "nb", Category: dataset.CrisisWishDead},
		dataset.Lexeme{Text: "nie chcę żyć", Role: dataset.RoleCrisisPhrase, Language: "pl", Category: dataset.CrisisWishDead},
		dataset.Lexeme{Text: "не хочу жити", Role: dataset.RoleCrisisPhrase, Language: "uk", Category: dataset.CrisisWishDead},
		dataset.Lexeme{Text: "не хочу жить", Role: dataset.RoleCrisisPhrase, Language: "ru", Category: dataset.CrisisWishDead},
		cue("أريد", "ar", dataset.CueWish), cue("أموت", "ar", dataset.CueDie),
		dataset.Lexeme{Text: "die wish", Role: dataset.RoleCrisisRule, Language: "und", Category: dataset.CrisisWishDead},
		dataset.Lexeme{Text: "Zadzwoń pod 113.", Role: dataset.RoleCrisisCard, Language: "pl", Category: "a"},
		dataset.Lexeme{Text: "Телефонуйте 113.", Role: dataset.RoleCrisisCard, Language: "uk", Category: "a", Reviewed: true},
	)
	tests := []struct {
		q, lang, text string
		reviewed      bool
	}{
		{"nie chcę żyć", "pl", "Zadzwoń pod 113.", false},
		{"myśli samobójcze", "pl", "Zadzwoń pod 113.", false}, // a word a Polish stem begins
		{"не хочу жити", "uk", "Телефонуйте 113.", true},      // "не хочу" is Russian too: "жити" decides
		{"не хочу жить", "ru", "", false},                     // read in Russian; the data has no Russian line
		{"أريد أن أموت", "ar", "", false},                     // cues combined by a rule
		{"vil ikke leve", "", "", false},                      // Norwegian: no line
		{"selvmordstanker", "", "", false},
		{"vil ikke leve, nie chcę żyć", "pl", "Zadzwoń pod 113.", false}, // mixed: the foreign one
		{"nie chcę żyć nie chcę żyć не хочу жити", "pl", "Zadzwoń pod 113.", false},
	}
	for _, tt := range tests {
		r := e.Search(tt.q, Options{})
		if !assert.NotNil(t, r.Crisis, tt.q) {
			continue
		}
		assert.Equal(t, tt.lang, r.Crisis.Language, tt.q)
		assert.Equal(t, tt.text, r.Crisis.Text, tt.q)
		assert.Equal(t, tt.reviewed, r.Crisis.Reviewed, tt.q)
	}
	// The contract writes them beside the lines, only when set.
	b := string(e.Search("не хочу жити", Options{}).AppendJSON(nil))
	assert.Contains(t, b, `"language":"uk","text":"Телефонуйте 113.","reviewed":true}`)
	assert.NotContains(t, string(e.Search("vil ikke leve", Options{}).AppendJSON(nil)), `"language"`)
}

// TestCrisisStemLetters: a crisis stem's typo and the word being typed
// are counted in letters: a stem in a script of several bytes a letter is
// read exactly ("อยากตาก", to want to dry something, is no "อยากตาย", to
// want to die), and three Cyrillic letters being typed are no stem's
// beginning ("сам" is "self").
func TestCrisisStemLetters(t *testing.T) {
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"},
		dataset.Lexeme{Text: "อยากตาย", Role: dataset.RoleCrisisStem, Language: "th"},
		dataset.Lexeme{Text: "самоубий", Role: dataset.RoleCrisisStem, Language: "ru"},
	)
	for q, crisis := range map[string]bool{
		"อยากตายมาก":   true,
		"อยากตากผ้า":   false,
		"อยากตามไป":    false,
		"самоубийство": true,
		"самоуб":       true, // six letters of a stem, still being typed
		"сам":          false,
		"selvmor":      true, // one typo in Latin letters
		"selvmo":       true,
	} {
		assert.Equal(t, crisis, e.Search(q, Options{}).Crisis != nil, q)
	}
}

// TestCrisisWordsInUnspacedScripts: a crisis word of a script written
// without spaces is read inside a run of it, and a crisis_undo word right
// after it undoes it there too ("跳楼价" is a rock-bottom price).
func TestCrisisWordsInUnspacedScripts(t *testing.T) {
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "想死", Role: dataset.RoleCrisisStem, Language: "zh", Category: dataset.CrisisWishDead},
		dataset.Lexeme{Text: "跳楼", Role: dataset.RoleCrisisStem, Language: "zh", Category: dataset.CrisisSuicide},
		dataset.Lexeme{Text: "价", Role: dataset.RoleCrisisUndo, Language: "zh"},
	)
	assert.NotNil(t, e.Search("我想死了", Options{}).Crisis, "inside a run")
	assert.NotNil(t, e.Search("我真的想跳楼", Options{}).Crisis, "inside a run")
	assert.Nil(t, e.Search("跳楼价大甩卖", Options{}).Crisis, "undone inside the run")
	assert.Nil(t, e.Search("我想你了", Options{}).Crisis)
}
