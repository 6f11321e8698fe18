package search

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCrisisNewLanguages: with the shipped data, the everyday ways to say
// «I want to die», «I do not want to live», «I am a burden» and «he is
// hitting me now» are read in Dutch, Latvian, Estonian, Bulgarian, Czech,
// Slovak, Greek, Hebrew, Nepali, Swahili, Georgian, Armenian, Chinese,
// Japanese and Korean, each in its own language; Dutch idioms of death
// («ik lach me dood», «doodmoe») are no crisis.
func TestCrisisNewLanguages(t *testing.T) {
	e := engine(t)
	for q, lang := range map[string]string{
		"ik wil niet meer leven":        "nl",
		"ik wil gewoon dood":            "nl",
		"ik denk aan zelfmoord":         "nl",
		"ik ben een last voor iedereen": "nl",
		"mijn man slaat me nu":          "nl",
		"gribu nomirt":                  "lv",
		"es negribu vairs dzīvot":       "lv",
		"ma ei taha enam elada":         "et",
		"mul on enesetapumõtted":        "et",
		"искам да умра":                 "bg",
		"ne iskam da zhiveya":           "bg",
		"už nechci žít":                 "cs",
		"myslím na sebevraždu":          "cs",
		"chcem zomrieť":                 "sk",
		"θέλω να πεθάνω":                "el",
		"thelo na pethano":              "el",
		"αυτοκτονία":                    "el",
		"אני רוצה למות":                 "he",
		"אני חושבת להתאבד":              "he",
		"मर्न मन लाग्छ":                 "ne",
		"nataka kufa":                   "sw",
		"sitaki kuishi tena":            "sw",
		"მინდა მოვკვდე":                 "ka",
		"ուզում եմ մեռնել":              "hy",
		"我觉得生不如死":                       "zh",
		"生きるのが辛い":                       "ja",
		"죽고싶어요":                         "ko",
	} {
		r := e.Search(q, Options{})
		if assert.NotNil(t, r.Crisis, q) {
			assert.Equal(t, lang, r.Crisis.Language, q)
		}
	}
	for _, q := range []string{"ik lach me dood", "ik ben doodmoe vandaag", "ik wil niet dat mijn moeder gaat sterven"} {
		assert.Nil(t, e.Search(q, Options{}).Crisis, q)
	}
}

// TestTopicsNewLanguages: a topic named in one of the new languages is read.
func TestTopicsNewLanguages(t *testing.T) {
	e := engine(t)
	for q, topic := range map[string]string{
		"ik ben zo eenzaam": "ensomhet",
		"mantelzorger":      "parorende",
		"vientulība":        "ensomhet",
		"lahutus":           "samlivsbrudd",
		"безработица":       "arbeid",
		"rakovina":          "kreft",
		"κατάθλιψη":         "depresjon",
		"דיכאון":            "depresjon",
		"saratani":          "kreft",
		"დეპრესია":          "depresjon",
		"քաղցկեղ":           "kreft",
		"認知症":               "parorende",
		"우울증":               "depresjon",
	} {
		var got []string
		for _, tp := range e.Search(q, Options{}).Topics {
			got = append(got, tp.ID)
		}
		assert.Contains(t, got, topic, q)
	}
}
