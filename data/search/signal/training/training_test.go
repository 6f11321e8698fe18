package training

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/search/signal"
)

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
}

// TestLoad: comments and blank lines are skipped, queries are folded as the
// engine folds them, and the sum changes with a label.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "realistic/a.tsv", "# class\tquery\n\ncrisis\tVil IKKE leve\t-\t?\tyes\n")
	write(t, dir, "firstcontact/x/b.tsv", "calm\tSorg i Tromsø\t5501\tsorg\tno\tnote\n")
	write(t, dir, "training/y/c.tsv", "calm\tdør av latter\t?\t?\tno\tidiom\ncalm\tdet gjør vondt\t-\t?\t?\tdoubt\n")
	msgs, err := Load(dir)
	require.NoError(t, err)
	assert.Equal(t, []Message{{Fold: "vil ikke leve", Crisis: true, Topics: nil}, {Fold: "dor av latter"}, {Fold: "det gjor vondt", CrisisUntold: true},
		{Fold: "sorg i tromso", Topics: []string{"sorg"}}}, msgs,
		"realistic first, then the training sets, then the first-contact sets")
	assert.Equal(t, []signal.Example{{Fold: "vil ikke leve", Holds: true}, {Fold: "dor av latter"}, {Fold: "sorg i tromso"}}, CrisisExamples(msgs),
		"a crisis the set does not tell («?») teaches the crisis signal nothing")
	assert.Equal(t, []signal.Example{{Fold: "sorg i tromso", Holds: true}}, TopicExamples(msgs, "sorg"), "only messages whose topics are told")
	assert.Equal(t, []signal.Example{{Fold: "sorg i tromso", Holds: false}}, TopicExamples(msgs, "rus"))

	write(t, dir, "firstcontact/x/b.tsv", "calm\tSorg i Tromsø\t5501\tsorg\tyes\n")
	other, err := Load(dir)
	require.NoError(t, err)
	assert.NotEqual(t, Sum(msgs), Sum(other))
	write(t, dir, "firstcontact/x/b.tsv", "calm\tSorg i Tromsø\t5501\tsorg,rus\tno\n")
	other, err = Load(dir)
	require.NoError(t, err)
	assert.Equal(t, Sum(msgs), Sum(other), "the crisis signal does not read topics")
	assert.NotEqual(t, TopicSum(msgs), TopicSum(other))
}

// TestLoadNamesWhereItIsWrong: a bad line is refused with its file and line.
func TestLoadNamesWhereItIsWrong(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "realistic/a.tsv", "# c\ncrisis\tvil dø\t-\t?\tmaybe\n")
	_, err := Load(dir)
	assert.ErrorContains(t, err, "a.tsv:2: crisis \"maybe\": want yes, no or ?")
	write(t, dir, "realistic/a.tsv", "crisis\tvil dø\n")
	_, err = Load(dir)
	assert.ErrorContains(t, err, "a.tsv:1: 2 columns")
	_, err = Load(t.TempDir())
	assert.ErrorContains(t, err, "no sets")
}

// TestShippedSignalIsCurrent: the signals the engine embeds were trained
// from the sets as they are, a signal for every topic they tell; after a
// set changes, go generate ./data/search.
func TestShippedSignalIsCurrent(t *testing.T) {
	b, err := search.Signals()
	require.NoError(t, err)
	msgs, err := Load("../../testdata")
	require.NoError(t, err)
	crisis := b.Model(signal.CrisisName)
	require.NotNil(t, crisis)
	assert.Equal(t, Sum(msgs), crisis.Sum, "the query sets changed since the crisis signal was trained: run go generate ./data/search")
	for _, topic := range Topics(msgs) {
		m := b.Model(signal.TopicPrefix + topic)
		if assert.NotNil(t, m, topic) {
			assert.Equal(t, TopicSum(msgs), m.Sum, "the query sets changed since the signal of %s was trained: run go generate ./data/search", topic)
		}
	}
	if m := b.Model(signal.NoProblemName); assert.NotNil(t, m, "the signal of no problem") {
		assert.Equal(t, TopicSum(msgs), m.Sum, "the query sets changed since the signal of no problem was trained: run go generate ./data/search")
	}
}

// TestNoProblemExamples: the signal of no problem learns from the messages
// whose topics are told, and holds for those that tell none.
func TestNoProblemExamples(t *testing.T) {
	msgs := []Message{{Fold: "vil ikke leve", Crisis: true}, {Fold: "tau til flaggstanga", Topics: []string{}}, {Fold: "sorg i tromso", Topics: []string{"sorg"}}}
	assert.Equal(t, []signal.Example{{Fold: "tau til flaggstanga", Holds: true}, {Fold: "sorg i tromso"}}, NoProblemExamples(msgs))
}

// Floors for the signal on a set it was not trained on. They are far
// below its figures (in the log), and far above what a signal that reads
// nothing, or everything, would show.
const (
	laterSets      = 4
	minLaterRecall = 0.6
	// maxLaterAlarmed: set n (fears, compulsions and pregnancy loss told
	// in words of danger) drew 41 false alarms in 393 from a signal that
	// had not seen it (2026-12-07), and set z4 (the languages of Norway:
	// eight language communities writing in their own languages) 62 in
	// 369, the bias set m showed, on calm lives told in other scripts: a
	// regression floor, not a goal.
	maxLaterAlarmed = 0.17
	// maxCalmOnlyAlarmed is the floor for a set of calm messages only (m:
	// calm messages in other languages and scripts). Such messages were
	// nearly absent before it, so a signal that has not seen them alarms
	// on 39 of its 281 (2026-12-07): the known bias this set was written
	// to show, a regression floor, not a goal.
	maxCalmOnlyAlarmed = 0.15
)

// TestSignalOnLaterSets measures what the shipped shape and threshold do
// for people they have not met: each of the last first-contact sets is read
// by a signal trained only on the sets before it, as it would have been on
// the day it was written. The engine's rules come on top of this.
func TestSignalOnLaterSets(t *testing.T) {
	sets, err := LoadSets("../../testdata")
	require.NoError(t, err)
	require.Greater(t, len(sets), laterSets+1)
	for k := len(sets) - laterSets; k < len(sets); k++ {
		var before []Message
		for _, s := range sets[:k] {
			before = append(before, s.Messages...)
		}
		m, err := signal.Train(CrisisExamples(before), signal.Training{Shape: Shape, Threshold: Threshold, Levels: Levels})
		require.NoError(t, err)
		var crisis, found, calm, alarmed int
		for _, e := range sets[k].Messages {
			holds := m.Holds([]byte(e.Fold))
			if e.Crisis {
				crisis++
				if holds {
					found++
				}
			} else {
				calm++
				if holds {
					alarmed++
				}
			}
		}
		t.Logf("%s, trained on the %d sets before it: crisis %d/%d, false alarms %d/%d", sets[k].Name, k, found, crisis, alarmed, calm)
		if crisis == 0 { // a set of calm messages only
			assert.LessOrEqual(t, float64(alarmed)/float64(calm), maxCalmOnlyAlarmed, sets[k].Name)
			continue
		}
		assert.GreaterOrEqual(t, float64(found)/float64(crisis), minLaterRecall, sets[k].Name)
		assert.LessOrEqual(t, float64(alarmed)/float64(calm), maxLaterAlarmed, sets[k].Name)
	}
}
