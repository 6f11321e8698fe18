package signal

import (
	"errors"
	"math"
)

// Example is one labelled message: its folded text and whether the signal
// should hold for it (the person who wrote it needs crisis help; the
// message is about a topic).
type Example struct {
	Fold  string
	Holds bool
}

// Training is how a model is trained. The zero values of Rate, L2 and Epochs
// mean the defaults below.
type Training struct {
	Shape
	// Threshold is the logit from which the trained model's signal holds.
	Threshold float32
	Epochs    int
	Rate, L2  float64
	// Levels is how many steps each sign of a weight is kept in (at most
	// 127): a few steps lose nothing the model can tell and make the file
	// a third the size once compressed.
	Levels int
	// Sum identifies the examples (the caller hashes them: this package
	// stays free of crypto for the browser module).
	Sum [sumSize]byte
	// AsFound counts every example once, so that the model keeps how rare
	// the examples it holds for are: a message that tells it little stays
	// below the threshold. Otherwise the two kinds weigh alike however many
	// of each there are, and such a message sits near even odds.
	AsFound bool
}

// The defaults: AdaGrad with a small ridge, enough passes for a few
// thousand short messages to settle.
const (
	defaultEpochs = 12
	defaultRate   = 0.2
	defaultL2     = 1e-6
	defaultLevels = 7
	// int8Max is the largest quantised weight.
	int8Max = 127
)

// Train fits a logistic regression on the examples: those it holds for and
// the others weighted to count alike (unless t.AsFound) however many of each there are, the examples
// visited in a fixed shuffled order so that the same examples always give
// the same model. The weights are then quantised to int8.
func Train(ex []Example, t Training) (*Model, error) {
	if err := t.Shape.check(); err != nil {
		return nil, err
	}
	nHolds := 0
	for _, e := range ex {
		if e.Holds {
			nHolds++
		}
	}
	if nHolds == 0 || nHolds == len(ex) {
		return nil, errors.New("signal: training needs examples it holds for and examples it does not")
	}
	epochs, rate, l2 := t.Epochs, t.Rate, t.L2
	if epochs == 0 {
		epochs = defaultEpochs
	}
	if rate == 0 {
		rate = defaultRate
	}
	if l2 == 0 {
		l2 = defaultL2
	}
	feats := make([][]uint32, len(ex))
	for i, e := range ex {
		t.Shape.Features([]byte(e.Fold), func(b uint32) { feats[i] = append(feats[i], b) })
	}
	holdsWeight := float64(len(ex)-nHolds) / float64(nHolds)
	if t.AsFound {
		holdsWeight = 1
	}
	w := make([]float64, 1<<t.Bits)
	g := make([]float64, len(w))
	var bias, gBias float64
	step := func(grad float64, sq *float64) float64 {
		*sq += grad * grad
		return rate * grad / math.Sqrt(*sq+1e-8)
	}
	// The weights returned are the average of those after each of the last
	// half of the passes: one pass's weights lean towards the last examples
	// seen; their average settles.
	avg := make([]float64, len(w))
	var avgBias float64
	steps := 0
	order := shuffled(len(ex))
	for epoch := range epochs {
		for _, i := range order {
			z := bias
			for _, b := range feats[i] {
				z += w[b]
			}
			p := 1 / (1 + math.Exp(-z))
			d := p
			if ex[i].Holds {
				d = (p - 1) * holdsWeight
			}
			for _, b := range feats[i] {
				w[b] -= step(d+l2*w[b], &g[b])
			}
			bias -= step(d, &gBias)
		}
		if 2*epoch >= epochs {
			for b := range w {
				avg[b] += w[b]
			}
			avgBias += bias
			steps++
		}
	}
	for b := range avg {
		avg[b] /= float64(steps)
	}
	return quantise(avg, avgBias/float64(steps), t), nil
}

// quantise keeps each weight in one signed byte.
func quantise(w []float64, bias float64, t Training) *Model {
	levels := t.Levels
	if levels <= 0 || levels > int8Max {
		levels = defaultLevels
	}
	maxAbs := 0.0
	for _, x := range w {
		maxAbs = max(maxAbs, math.Abs(x))
	}
	scale := maxAbs / float64(levels)
	if scale == 0 {
		scale = 1
	}
	m := &Model{Shape: t.Shape, Scale: float32(scale), Bias: float32(bias), Threshold: t.Threshold, Sum: t.Sum,
		Weights: make([]int8, len(w))}
	for i, x := range w {
		m.Weights[i] = int8(math.Round(x / scale))
	}
	return m
}

// shuffled is 0..n-1 in an order fixed by a xorshift generator: the same on
// every machine and Go version.
func shuffled(n int) []int {
	o := make([]int, n)
	for i := range o {
		o[i] = i
	}
	x := uint64(0x9E3779B97F4A7C15)
	for i := n - 1; i > 0; i-- {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		j := int(x % uint64(i+1))
		o[i], o[j] = o[j], o[i]
	}
	return o
}
