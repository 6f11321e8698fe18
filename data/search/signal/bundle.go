package signal

import (
	"errors"
	"strings"
)

// A signals file holds several models, each under a name: the crisis
// signal and one signal per topic, fetched and decoded as one.
//
// The file: magic, version, the number of models, then for each its name
// (one byte of length, then the name) and its model file (four bytes of
// length, little-endian, then the file Decode reads).
const (
	bundleMagic   = "SGNS"
	bundleVersion = 1
	// maxModels bounds a file's models: a topic each and the crisis signal.
	maxModels = 255
)

// Named is a model under its name.
type Named struct {
	Name string
	*Model
}

// Bundle is the models of a signals file, in the order they were written.
type Bundle []Named

// Model is the model named name, or nil.
func (b Bundle) Model(name string) *Model {
	for _, n := range b {
		if n.Name == name {
			return n.Model
		}
	}
	return nil
}

// Encode writes the signals file that DecodeBundle reads.
func (b Bundle) Encode() []byte {
	out := append([]byte(bundleMagic), bundleVersion, byte(len(b)))
	for _, n := range b {
		m := n.Model.Encode()
		out = append(out, byte(len(n.Name)))
		out = append(out, n.Name...)
		out = append(out, byte(len(m)), byte(len(m)>>8), byte(len(m)>>16), byte(len(m)>>24))
		out = append(out, m...)
	}
	return out
}

// DecodeBundle reads a signals file.
func DecodeBundle(b []byte) (Bundle, error) {
	if len(b) < len(bundleMagic)+2 || string(b[:len(bundleMagic)]) != bundleMagic {
		return nil, errors.New("signal: not a signals file")
	}
	p := b[len(bundleMagic):]
	if p[0] != bundleVersion {
		return nil, errors.New("signal: a signals file of another version")
	}
	n := int(p[1])
	p = p[2:]
	out := make(Bundle, 0, n)
	for range n {
		if len(p) < 1 || len(p) < 1+int(p[0])+4 {
			return nil, errors.New("signal: a signals file cut short")
		}
		name := string(p[1 : 1+p[0]])
		p = p[1+int(p[0]):]
		size := int(uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24)
		p = p[4:]
		if size > len(p) {
			return nil, errors.New("signal: a signals file cut short")
		}
		m, err := Decode(p[:size])
		if err != nil {
			return nil, errors.New("signal: model " + name + ": " + strings.TrimPrefix(err.Error(), "signal: "))
		}
		out = append(out, Named{Name: name, Model: m})
		p = p[size:]
	}
	if len(p) != 0 {
		return nil, errors.New("signal: bytes after the last model of a signals file")
	}
	return out, nil
}

// The names the engine reads its models by.
const (
	CrisisName  = "crisis"
	TopicPrefix = "topic:" // followed by the topic's id
	// NoProblemName is the signal that a message tells no problem (a
	// question about a flagpole, news, a game): the topics' signals then
	// add no topic to it.
	NoProblemName = "no-problem"
)
