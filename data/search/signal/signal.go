// Package signal reads how likely a message is to come from someone in
// danger from the shapes of its words: a linear model over hashed character
// n-grams and words, trained from labelled messages.
//
// The crisis rules (data/lexicon.json) read what a message says, cue by cue,
// in the words someone has written down; this model reads what it is like.
// Character n-grams carry over to forms nobody wrote down: another
// inflection, a dialect spelling, a typo, a language's own word for a means
// ("hoppa", "hoppe", "hopper" share "hop"). The engine lets it add crisis
// help, never take it away: a false alarm costs a card, a miss can cost a
// life.
package signal

import (
	"errors"
	"math"
)

// The model file: magic, version, its shape, three float32 (little-endian)
// and the 32-byte sum of the examples it was trained from, then one int8
// weight per bucket.
const (
	magic      = "SGNL"
	version    = 1
	headerSize = len(magic) + 4 + 3*4 + sumSize
	sumSize    = 32
	// MaxBits bounds the table: 2^20 buckets is a megabyte, more than any
	// model this project ships.
	MaxBits = 20
	// maxGram bounds the longest n-gram, and so the work per byte read.
	maxGram = 8
)

// Seeds that keep the three kinds of feature apart in the one table.
const (
	seedGram   = 'c'
	seedWord   = 'w'
	seedBigram = 'b'
)

// FNV-1a, 32 bits: small, fast and incremental, so that an n-gram's hash
// grows by one rune at a time.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// Shape says which features a model reads.
type Shape struct {
	Bits       uint8 // log2 of the number of buckets
	MinN, MaxN uint8 // the character n-grams read, in runes
}

func (s Shape) check() error {
	// No fmt here: it would add to the browser module.
	switch {
	case s.Bits < 1 || s.Bits > MaxBits:
		return errors.New("signal: bits out of range (1 to 20)")
	case s.MinN < 1 || s.MinN > s.MaxN || s.MaxN > maxGram:
		return errors.New("signal: n-grams out of range (1 ≤ min ≤ max ≤ 8)")
	}
	return nil
}

// Model is a trained signal.
type Model struct {
	Shape
	// Scale turns the summed int8 weights back into a logit; Bias is the
	// logit of a message with no features; Threshold is the logit from
	// which the signal holds.
	Scale, Bias, Threshold float32
	// Sum identifies the examples the model was trained from, so that a
	// test can tell a model that is out of date.
	Sum     [sumSize]byte
	Weights []int8
}

// Decode reads a model file.
func Decode(b []byte) (*Model, error) {
	if len(b) < headerSize || string(b[:len(magic)]) != magic {
		return nil, errors.New("signal: not a model file")
	}
	p := b[len(magic):]
	if p[0] != version {
		return nil, errors.New("signal: a model file of another version")
	}
	m := &Model{Shape: Shape{Bits: p[1], MinN: p[2], MaxN: p[3]}}
	if err := m.check(); err != nil {
		return nil, err
	}
	p = p[4:]
	m.Scale, m.Bias, m.Threshold = f32(p[0:]), f32(p[4:]), f32(p[8:])
	copy(m.Sum[:], p[12:])
	w := b[headerSize:]
	if len(w) != 1<<m.Bits {
		return nil, errors.New("signal: the weights do not fill the table its bits say")
	}
	m.Weights = make([]int8, len(w))
	for i, c := range w {
		m.Weights[i] = int8(c)
	}
	return m, nil
}

// Encode writes the model file that Decode reads.
func (m *Model) Encode() []byte {
	b := make([]byte, 0, headerSize+len(m.Weights))
	b = append(b, magic...)
	b = append(b, version, m.Bits, m.MinN, m.MaxN)
	for _, f := range []float32{m.Scale, m.Bias, m.Threshold} {
		u := math.Float32bits(f)
		b = append(b, byte(u), byte(u>>8), byte(u>>16), byte(u>>24))
	}
	b = append(b, m.Sum[:]...)
	for _, w := range m.Weights {
		b = append(b, byte(w))
	}
	return b
}

func f32(p []byte) float32 {
	return math.Float32frombits(uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24)
}

// Score is the model's logit for a folded message (see search.Normalize):
// the higher, the likelier a person in danger wrote it.
func (m *Model) Score(fold []byte) float32 {
	sum := int32(0)
	m.Shape.Features(fold, func(i uint32) { sum += int32(m.Weights[i]) })
	return m.Bias + m.Scale*float32(sum)
}

// Hashes appends to dst the hash of every feature of a folded message (as
// Features reads them, before a model's bits choose a bucket), so that
// models of the same n-grams can share one pass over a message
// (ScoreHashes).
func (s Shape) Hashes(fold []byte, dst []uint32) []uint32 {
	s.features(fold, func(h uint32) { dst = append(dst, h) })
	return dst
}

// Reads reports whether hashes from o's Hashes are this model's features.
func (m *Model) Reads(o Shape) bool { return m.MinN == o.MinN && m.MaxN == o.MaxN }

// ScoreHashes is Score of the message whose features hashes are (Hashes of
// a shape the model Reads).
func (m *Model) ScoreHashes(hashes []uint32) float32 {
	mask := uint32(1)<<m.Bits - 1
	sum := int32(0)
	for _, h := range hashes {
		sum += int32(m.Weights[h&mask])
	}
	return m.Bias + m.Scale*float32(sum)
}

// Holds reports whether the signal holds for a folded message.
func (m *Model) Holds(fold []byte) bool {
	return len(fold) > 0 && m.Score(fold) >= m.Threshold
}

// Features calls emit with the bucket of every feature of a folded
// message: its character n-grams from MinN to MaxN runes, with a space
// before and after it so that beginnings and ends of words count; its
// words; and its pairs of neighbouring words. The work is linear in the
// message's length; nothing is allocated.
func (s Shape) Features(fold []byte, emit func(bucket uint32)) {
	mask := uint32(1)<<s.Bits - 1
	s.features(fold, func(h uint32) { emit(h & mask) })
}

// features calls put with the mixed hash of every feature; a model's bits
// take the bucket from its low bits.
func (s Shape) features(fold []byte, emit func(hash uint32)) {
	put := func(h uint32) { emit(h ^ h>>15) }
	n := len(fold) + 2 // the virtual spaces at both ends
	at := func(k int) byte {
		if k == 0 || k == n-1 {
			return ' '
		}
		return fold[k-1]
	}
	for i := 0; i < n; i += runeLen(at(i)) {
		h := hashBytes(seedGram, nil)
		k := i
		for r := uint8(1); r <= s.MaxN && k < n; r++ {
			for end := k + runeLen(at(k)); k < end && k < n; k++ {
				h = (h ^ uint32(at(k))) * fnvPrime
			}
			if r >= s.MinN {
				put(h)
			}
		}
	}
	prev, prevEnd := -1, -1
	for i := 0; i < len(fold); {
		j := i
		for j < len(fold) && fold[j] != ' ' {
			j++
		}
		if j > i {
			put(hashBytes(seedWord, fold[i:j]))
			if prev >= 0 {
				h := hashBytes(seedBigram, fold[prev:prevEnd])
				h = (h ^ ' ') * fnvPrime
				put(extend(h, fold[i:j]))
			}
			prev, prevEnd = i, j
		}
		i = j + 1
	}
}

func hashBytes(seed byte, b []byte) uint32 {
	return extend(uint32(fnvOffset^uint32(seed))*fnvPrime, b)
}

func extend(h uint32, b []byte) uint32 {
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// runeLen is the length of the UTF-8 sequence that c begins (1 for a byte
// that begins none, so that a broken sequence still moves on).
func runeLen(c byte) int {
	switch {
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}
