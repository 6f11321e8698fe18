package search

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search/signal"
)

// constantSignal is a model that scores every message the same: bias.
func constantSignal(bias float32) *signal.Model {
	sh := signal.Shape{Bits: 4, MinN: 2, MaxN: 3}
	return &signal.Model{Shape: sh, Scale: 1, Bias: bias, Weights: make([]int8, 1<<sh.Bits)}
}

// withSignal is the engine of the fixture lexicon with model as its signal.
func withSignal(t *testing.T, m *signal.Model) *Engine {
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "vil ikke leve", Role: dataset.RoleCrisisPhrase, Language: "nb", Category: dataset.CrisisSuicide},
		dataset.Lexeme{Text: "jeg", Role: dataset.RoleSelf, Language: "nb"})
	e.signal = m
	return e
}

// TestSignalAddsNeverRemoves: a signal that holds for nothing leaves the
// rules' card; one that holds for everything adds a card to a message of
// minSignalWords words, never to fewer (a name being typed, a word or two).
func TestSignalAddsNeverRemoves(t *testing.T) {
	never := withSignal(t, constantSignal(-100))
	assert.NotNil(t, never.Search("jeg vil ikke leve", Options{}).Crisis, "the rule holds")
	assert.Nil(t, never.Search("vi ses på treffet i Bergen", Options{}).Crisis)

	always := withSignal(t, constantSignal(100))
	assert.NotNil(t, always.Search("vi ses på treffet i Bergen", Options{}).Crisis)
	assert.NotNil(t, always.Search("treff i Bergen", Options{}).Crisis, "minSignalWords")
	assert.Nil(t, always.Search("treff Bergen", Options{}).Crisis, "fewer words than minSignalWords")
	assert.Nil(t, always.Search("Berg", Options{}).Crisis)
}

// TestSignalReadsNoPlace: the signal adds crisis help and nothing else; the
// place and topics read are the same with it and without.
func TestSignalReadsNoPlace(t *testing.T) {
	q := "vi ses på treffet i Bergen"
	with := withSignal(t, constantSignal(100)).Search(q, Options{})
	without := withSignal(t, constantSignal(-100)).Search(q, Options{})
	require.NotNil(t, with.Place)
	assert.Equal(t, without.Place, with.Place)
	assert.Equal(t, without.Topics, with.Topics)
	assert.Equal(t, without.Results, with.Results)
}

// TestSignalReadsUnspacedScripts: a message in a script written without
// spaces is a message by its letters, not its words.
func TestSignalReadsUnspacedScripts(t *testing.T) {
	always := withSignal(t, constantSignal(100))
	assert.NotNil(t, always.Search("กินยานอนหลับไปหมดแล้ว", Options{}).Crisis)
	assert.NotNil(t, always.Search("我不想活了", Options{}).Crisis)
	assert.Nil(t, always.Search("我不", Options{}).Crisis, "fewer letters than minUnspacedLetters")
	assert.NotNil(t, always.Search("死にたい", Options{}).Crisis, "kana count as syllables")
	assert.NotNil(t, always.Search("죽고 싶어요", Options{}).Crisis, "Hangul syllables")
}

// TestSignalReadsOtherScripts: two words or more in a script other than
// Latin, with minScriptLetters letters, are a message; one word (a
// place's name in that script), or a few letters, is not.
func TestSignalReadsOtherScripts(t *testing.T) {
	always := withSignal(t, constantSignal(100))
	for _, q := range []string{"ئیتر نامەوێت بژیم", "δεν θέλω ζω", "хочу умереть"} {
		assert.NotNil(t, always.Search(q, Options{}).Crisis, q)
	}
	for _, q := range []string{"Кристиансанн", "в Осло", "toi chet"} {
		assert.Nil(t, always.Search(q, Options{}).Crisis, q)
	}
}

// TestSignalCardSpeaksTheMessagesLanguage: when the signal alone reads a
// crisis, the card's line is in the language of the message's words.
func TestSignalCardSpeaksTheMessagesLanguage(t *testing.T) {
	e := lexEngine(t, nil,
		dataset.Lexeme{Text: "jest", Role: dataset.RoleCommon, Language: "pl"},
		dataset.Lexeme{Text: "nie", Role: dataset.RoleCommon, Language: "pl"},
		dataset.Lexeme{Text: "już", Role: dataset.RoleCommon, Language: "pl"},
		dataset.Lexeme{Text: "W nagłym wypadku zadzwoń pod 113.", Role: dataset.RoleCrisisCard, Language: "pl", Category: "a"})
	e.signal = constantSignal(100)
	r := e.Search("ja już nie mogę wszystko jest bez sensu", Options{})
	require.NotNil(t, r.Crisis)
	assert.Equal(t, "pl", r.Crisis.Language)
	assert.Equal(t, "W nagłym wypadku zadzwoń pod 113.", r.Crisis.Text)
	r = e.Search("vi ses på treffet i Bergen", Options{})
	require.NotNil(t, r.Crisis)
	assert.Empty(t, r.Crisis.Language, "a Norwegian message gets no other language's line")
}

// topicSignals are signals that hold for every message (bias 100) or
// for none (-100), by topic id; crisis is the crisis signal (nil: none).
func topicSignals(crisis *signal.Model, bias map[string]float32) signal.Bundle {
	b := signal.Bundle{}
	if crisis != nil {
		b = append(b, signal.Named{Name: signal.CrisisName, Model: crisis})
	}
	for _, id := range []string{"sorg", "rus", "ukjent"} {
		if v, ok := bias[id]; ok {
			b = append(b, signal.Named{Name: signal.TopicPrefix + id, Model: constantSignal(v)})
		}
	}
	return b
}

func topicEngine(t *testing.T, b signal.Bundle) *Engine {
	e := lexEngine(t, []dataset.Topic{{ID: "sorg", Name: "Sorg og tap"}, {ID: "rus", Name: "Rus"}},
		dataset.Lexeme{Text: "drikker", Role: dataset.RoleTopicWord, Language: "nb", Category: "rus"},
		dataset.Lexeme{Text: "døde", Role: dataset.RoleTopicWord, Language: "nb", Category: "sorg"},
		dataset.Lexeme{Text: "døde", Role: dataset.RoleDeathWord, Language: "nb"})
	e.UseSignals(b)
	return e
}

func topicIDs(r Response) []string {
	var ids []string
	for _, t := range r.Topics {
		ids = append(ids, t.ID)
	}
	return ids
}

// TestTopicSignalsAddAfterTheRules: a topic's signal adds its topic to a
// message of minSignalWords words after the topics the rules read, never
// before them, never twice, never to fewer words; a signal that holds for
// nothing adds nothing, and one for a topic the dataset lacks is left out.
func TestTopicSignalsAddAfterTheRules(t *testing.T) {
	e := topicEngine(t, topicSignals(nil, map[string]float32{"sorg": 100, "rus": 50, "ukjent": 100}))
	assert.Equal(t, []string{"rus", "sorg"}, topicIDs(e.Search("pappa drikker hver eneste kveld", Options{})))
	assert.Equal(t, []string{"sorg", "rus"}, topicIDs(e.Search("vi har flyttet til Bergen nylig", Options{})), "likeliest first")
	assert.Empty(t, topicIDs(e.Search("treff i Bergen", Options{})), "fewer words than minSignalWords")
	assert.Len(t, e.topicSignals, 2, "no topic ukjent in the dataset")

	never := topicEngine(t, topicSignals(nil, map[string]float32{"sorg": -100, "rus": -100}))
	assert.Equal(t, []string{"rus"}, topicIDs(never.Search("pappa drikker hver eneste kveld", Options{})))
	assert.Empty(t, topicIDs(never.Search("vi har flyttet til Bergen nylig", Options{})))
}

// TestTopicSignalsRespectWhatTheRulesJudged: where the rules read a
// topic's word and judged it no topic ("i Fortnite døde jeg"), the signals do
// not read it back.
func TestTopicSignalsRespectWhatTheRulesJudged(t *testing.T) {
	d, err := realData()
	require.NoError(t, err)
	e, err := New(d)
	require.NoError(t, err)
	e.UseSignals(topicSignals(nil, map[string]float32{"sorg": 100}))
	assert.NotContains(t, topicIDs(e.Search("i Fortnite døde jeg 20 ganger i dag", Options{})), "sorg")
	assert.Contains(t, topicIDs(e.Search("vi har flyttet til Bergen nylig", Options{})), "sorg", "the signal holds where nothing was judged")
}

// TestTopicSignalsReadNoPlaceNorCrisis: the topics' signals add topics
// and nothing else.
func TestTopicSignalsReadNoPlaceNorCrisis(t *testing.T) {
	q := "vi ses på treffet i Bergen"
	with := topicEngine(t, topicSignals(nil, map[string]float32{"sorg": 100})).Search(q, Options{})
	without := topicEngine(t, nil).Search(q, Options{})
	require.NotNil(t, with.Place)
	assert.Equal(t, without.Place, with.Place)
	assert.Nil(t, with.Crisis)
	assert.Equal(t, []string{"sorg"}, topicIDs(with))
}

// TestNoProblemSignalStopsTheTopics: where the signal of no problem holds,
// the topics' signals add nothing, and the topics the rules read stay.
func TestNoProblemSignalStopsTheTopics(t *testing.T) {
	noProblem := func(v float32) signal.Bundle {
		return append(topicSignals(nil, map[string]float32{"sorg": 100}), signal.Named{Name: signal.NoProblemName, Model: constantSignal(v)})
	}
	e := topicEngine(t, noProblem(100))
	assert.Empty(t, topicIDs(e.Search("vi har flyttet til Bergen nylig", Options{})))
	assert.Equal(t, []string{"rus"}, topicIDs(e.Search("pappa drikker hver eneste kveld", Options{})), "the rules' topic stays")
	e = topicEngine(t, noProblem(-100))
	assert.Equal(t, []string{"sorg"}, topicIDs(e.Search("vi har flyttet til Bergen nylig", Options{})), "no problem does not hold")
}

// TestTopicSignalsAreSurerInCrisis: in a message in crisis a topic's signal
// adds its topic only crisisTopicMargin above its threshold.
func TestTopicSignalsAreSurerInCrisis(t *testing.T) {
	q := "jeg vil ta livet mitt i kveld"
	e := topicEngine(t, topicSignals(constantSignal(100), map[string]float32{"sorg": crisisTopicMargin / 2}))
	r := e.Search(q, Options{})
	require.NotNil(t, r.Crisis)
	assert.Empty(t, topicIDs(r), "a topic barely more likely than not")
	e = topicEngine(t, topicSignals(constantSignal(100), map[string]float32{"sorg": crisisTopicMargin * 2}))
	assert.Equal(t, []string{"sorg"}, topicIDs(e.Search(q, Options{})), "a sure topic")
	assert.Equal(t, []string{"sorg"}, topicIDs(topicEngine(t, topicSignals(nil, map[string]float32{"sorg": crisisTopicMargin / 2})).Search("vi har flyttet til Bergen nylig", Options{})), "no crisis: no margin")
}
