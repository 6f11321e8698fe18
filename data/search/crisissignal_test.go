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
	assert.Nil(t, always.Search("treff i Bergen", Options{}).Crisis, "fewer words than minSignalWords")
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
