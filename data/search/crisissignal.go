package search

//go:generate go run ../../scripts/train-signal -sets testdata -out crisis_signal_gen.go

import "github.com/selvhjelp/finder/data/search/signal"

// CrisisSignal decodes the crisis signal trained from the labelled query
// sets under testdata (crisis_signal_gen.go, written by
// scripts/train-signal); TestShippedSignalIsCurrent fails when a set
// changed and it was not trained again. Each engine decodes its own: no
// sync.Once, whose package would add ~90 KB to the browser module, which
// builds one engine.
func CrisisSignal() (*signal.Model, error) { return signal.Decode([]byte(crisisSignalFile)) }

// minSignalWords is how many words a query needs before the signal reads
// it: it reads messages; a few words are the rules' to read ("sorg", "vil
// dø", "vi bor her"), and a name being typed is no message. On the sets held
// out by date, 4 lost no one that 3 found.
const minSignalWords = 4

// signalled reports whether the crisis signal holds for the query in s
// where no crisis rule did: it adds crisis help, never takes it away.
func (e *Engine) signalled(s *scratch) bool {
	return e.signal != nil && len(s.toks) >= minSignalWords && e.signal.Holds(s.fold)
}
