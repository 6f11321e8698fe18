package signal

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var small = Shape{Bits: 12, MinN: 2, MaxN: 4}

// fixture: a few messages of each kind, in the forms the tests then vary.
var fixture = []Example{
	{"jeg vil hoppe fra brua i kveld", true},
	{"har kjopt tau og skrevet brev", true},
	{"skal ta alle pillene mine", true},
	{"vil ikke leve mer", true},
	{"hoppetau for barn i bergen", false},
	{"angst og depresjon i oslo", false},
	{"sorggruppe for foreldre", false},
	{"treff for parorende i tromso", false},
}

func train(t *testing.T) *Model {
	t.Helper()
	m, err := Train(fixture, Training{Shape: small})
	require.NoError(t, err)
	return m
}

// TestTrainedModelSeparatesForms: after training, the crisis examples
// score above the calm ones, and so do forms never seen (another
// inflection, a typo), which is what the n-grams are for.
func TestTrainedModelSeparatesForms(t *testing.T) {
	m := train(t)
	for _, e := range fixture {
		assert.Equal(t, e.Holds, m.Score([]byte(e.Fold)) > 0, e.Fold)
	}
	assert.Greater(t, m.Score([]byte("hoppa fra brua i natt")), m.Score([]byte("hoppetau i bergen")))
	assert.Greater(t, m.Score([]byte("tar alle pilene")), m.Score([]byte("angst i oslo")))
}

// TestTrainingIsDeterministic: the same examples give the same model, so
// that the shipped model can be traced to its examples.
func TestTrainingIsDeterministic(t *testing.T) {
	assert.Equal(t, train(t).Encode(), train(t).Encode())
}

func TestTrainingNeedsBothKinds(t *testing.T) {
	_, err := Train(fixture[:4], Training{Shape: small})
	assert.ErrorContains(t, err, "examples it holds for and examples it does not")
	_, err = Train(fixture, Training{Shape: Shape{Bits: 30, MinN: 2, MaxN: 4}})
	assert.ErrorContains(t, err, "bits")
	_, err = Train(fixture, Training{Shape: Shape{Bits: 12, MinN: 4, MaxN: 2}})
	assert.ErrorContains(t, err, "n-grams")
}

// TestEncodeDecode: a model survives its file; Holds uses the threshold.
func TestEncodeDecode(t *testing.T) {
	m := train(t)
	m.Threshold = 0.5
	m.Sum[0] = 7
	got, err := Decode(m.Encode())
	require.NoError(t, err)
	assert.Equal(t, m, got)
	q := []byte("jeg vil hoppe fra brua i kveld")
	assert.Equal(t, m.Score(q) >= 0.5, got.Holds(q))
	assert.False(t, got.Holds(nil), "an empty query")
}

// TestDecodeNamesWhatIsWrong: a broken file is refused with the reason.
func TestDecodeNamesWhatIsWrong(t *testing.T) {
	good := train(t).Encode()
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"empty":       {nil, "not a model file"},
		"magic":       {append([]byte("XXXX"), good[4:]...), "not a model file"},
		"version":     {patch(good, 4, 9), "another version"},
		"bits":        {patch(good, 5, 40), "bits out of range"},
		"n-grams":     {patch(good, 6, 9), "n-grams out of range"},
		"short table": {good[:len(good)-1], "do not fill the table"},
	} {
		_, err := Decode(c.b)
		assert.ErrorContains(t, err, c.want, name)
	}
}

func patch(b []byte, i int, v byte) []byte {
	c := append([]byte(nil), b...)
	c[i] = v
	return c
}

// TestFeatures: every n-gram and word is read once, including the ends and
// another script; broken UTF-8 reads on without a panic.
func TestFeatures(t *testing.T) {
	count := func(s string, sh Shape) int {
		n := 0
		sh.Features([]byte(s), func(b uint32) {
			assert.Less(t, b, uint32(1)<<sh.Bits)
			n++
		})
		return n
	}
	// " ab " has 4 runes: 3 bigrams; 1 word; no pairs.
	assert.Equal(t, 3+1, count("ab", Shape{Bits: 8, MinN: 2, MaxN: 2}))
	// " ab cd ": 6 bigrams, 2 words, 1 pair.
	assert.Equal(t, 6+2+1, count("ab cd", Shape{Bits: 8, MinN: 2, MaxN: 2}))
	// Cyrillic: 2 runes of 2 bytes, as for "ab".
	assert.Equal(t, 3+1, count("жи", Shape{Bits: 8, MinN: 2, MaxN: 2}))
	assert.NotPanics(t, func() { count("a\xff\xf0", Shape{Bits: 8, MinN: 2, MaxN: 4}) })
}

// TestBundle: the models of a signals file survive it under their names,
// in their order; a broken file is refused with the reason.
func TestBundle(t *testing.T) {
	a, b := train(t), train(t)
	b.Threshold = 2
	bundle := Bundle{{Name: "crisis", Model: a}, {Name: "topic:sorg", Model: b}}
	got, err := DecodeBundle(bundle.Encode())
	require.NoError(t, err)
	assert.Equal(t, bundle, got)
	assert.Equal(t, b, got.Model("topic:sorg"))
	assert.Nil(t, got.Model("topic:rus"))

	good := bundle.Encode()
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"empty":      {nil, "not a signals file"},
		"a model":    {a.Encode(), "not a signals file"},
		"version":    {patch(good, 4, 9), "another version"},
		"cut short":  {good[:len(good)-1], "cut short"},
		"trailing":   {append(append([]byte(nil), good...), 0), "after the last model"},
		"bad model":  {patch(good, 4+2+1+len("crisis")+4+5, 40), "model crisis: bits out of range"},
		"more names": {patch(good, 5, 3), "cut short"},
	} {
		_, err := DecodeBundle(c.b)
		assert.ErrorContains(t, err, c.want, name)
	}
}

// TestScoreHashes: a model scores the hashes of one pass as it scores the
// message, whatever its bits, so that models of the same n-grams share it.
func TestScoreHashes(t *testing.T) {
	m := train(t)
	other := &Model{Shape: Shape{Bits: 6, MinN: 2, MaxN: 4}, Scale: 0.5, Bias: -1, Weights: make([]int8, 1<<6)}
	for i := range other.Weights {
		other.Weights[i] = int8(i%13) - 6
	}
	for _, e := range fixture {
		hs := Shape{MinN: 2, MaxN: 4}.Hashes([]byte(e.Fold), nil)
		assert.InDelta(t, m.Score([]byte(e.Fold)), m.ScoreHashes(hs), 1e-4, e.Fold)
		assert.InDelta(t, other.Score([]byte(e.Fold)), other.ScoreHashes(hs), 1e-4, e.Fold)
	}
	assert.True(t, m.Reads(Shape{Bits: 3, MinN: 2, MaxN: 4}))
	assert.False(t, m.Reads(Shape{MinN: 2, MaxN: 5}))
}
