package search

//go:generate go run ../../scripts/train-signal -sets testdata -out crisis-signal.bin

import "github.com/selvhjelp/finder/data/search/signal"

// CrisisSignal decodes the crisis signal trained from the labelled query
// sets under testdata (crisis-signal.bin, written by scripts/train-signal);
// TestShippedSignalIsCurrent fails when a set changed and it was not
// trained again. A build with the tag browser (the browser module) carries
// none, and returns nil: the module is given the same file after it starts
// (UseSignal), fetched beside it, so that the signal's weights neither
// weigh on the module nor stand between a partner's page and the first
// answer. Each engine decodes its own: no sync.Once, whose package would
// add ~90 KB to the browser module.
func CrisisSignal() (*signal.Model, error) {
	if len(crisisSignalFile) == 0 {
		return nil, nil
	}
	return signal.Decode([]byte(crisisSignalFile))
}

// CrisisSignalFile is the model file this build carries (none with the tag
// browser): scripts/build-assets writes it beside the browser module.
func CrisisSignalFile() []byte { return []byte(crisisSignalFile) }

// UseSignal makes the engine read with m from its next search on (nil:
// without a signal). Not while another goroutine searches with e.
func (e *Engine) UseSignal(m *signal.Model) { e.signal = m }

// minSignalWords is how many words a query needs before the signal reads
// it: it reads messages; a few words are the rules' to read ("sorg", "vil
// dø", "vi bor her"), and a name being typed is no message. On the sets held
// out by date, 4 lost no one that 3 found.
const minSignalWords = 4

// minUnspacedLetters is how many letters of a script written without
// spaces between words (Thai, Lao, Khmer, Burmese, Japanese kana; a Chinese
// character counts two, as it is nearer a word) make a message, whatever
// its count of words: "กินยานอนหลับไปหมดแล้ว" and "我不想活了" are.
const minUnspacedLetters = 6

// signalled reports whether the crisis signal holds for the query in s
// where no crisis rule did: it adds crisis help, never takes it away.
func (e *Engine) signalled(s *scratch) bool {
	if e.signal == nil || len(s.toks) < minSignalWords && unspacedLetters(s.fold) < minUnspacedLetters {
		return false
	}
	return e.signal.Holds(s.fold)
}

// unspacedLetters counts the letters of b (UTF-8) in the scripts written
// without spaces between words, a Chinese character as two.
func unspacedLetters(b []byte) int {
	n := 0
	for _, r := range string(b) {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF: // CJK ideographs
			n += 2
		case r >= 0x0E00 && r <= 0x0EFF, // Thai, Lao
			r >= 0x1000 && r <= 0x109F, // Myanmar
			r >= 0x1780 && r <= 0x17FF, // Khmer
			r >= 0x3040 && r <= 0x30FF: // Hiragana, Katakana
			n++
		}
	}
	return n
}
