package search

//go:generate go run ../../scripts/train-signal -sets testdata -out signals.bin

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/selvhjelp/finder/data/search/signal"
)

// Signals decodes the signals trained from the labelled query sets under
// testdata (signals.bin, written by scripts/train-signal): the crisis
// signal and a signal for each topic. TestShippedSignalIsCurrent fails
// when a set changed and they were not trained again. A build with the tag
// browser (the browser module) carries none, and returns nil: the module
// is given the same file after it starts (UseSignals), fetched beside it,
// so that the weights neither weigh on the module nor stand between a
// partner's page and the first answer. Each engine decodes its own: no
// sync.Once, whose package would add ~90 KB to the browser module.
func Signals() (signal.Bundle, error) {
	if len(signalsFile) == 0 {
		return nil, nil
	}
	return signal.DecodeBundle([]byte(signalsFile))
}

// SignalsFile is the signals file this build carries (none with the tag
// browser): scripts/build-assets writes it beside the browser module.
func SignalsFile() []byte { return []byte(signalsFile) }

// UseSignals makes the engine read with the signals of b from its next
// search on (nil: without signals); a topic's signal whose topic the
// dataset does not have is left out. Not while another goroutine searches
// with e.
func (e *Engine) UseSignals(b signal.Bundle) {
	e.signal = b.Model(signal.CrisisName)
	e.noProblem = b.Model(signal.NoProblemName)
	e.topicSignals = e.topicSignals[:0]
	for _, n := range b {
		id, ok := strings.CutPrefix(n.Name, signal.TopicPrefix)
		if j, known := e.topicByID[id]; ok && known {
			e.topicSignals = append(e.topicSignals, topicSignal{topic: j, m: n.Model})
		}
	}
}

// topicSignal is the signal of one topic.
type topicSignal struct {
	topic int32
	m     *signal.Model
}

// minSignalWords is how many words a query needs before the signals read
// it: they read messages; a word or two are the rules' to read ("sorg",
// "vil dø"), and a name being typed is no message. On the sets held out by
// date, 4 lost no one that 3 found at first; once the crisis signal had
// learnt more languages and transliterations (2026-12-07), three words
// were a message in crisis it could read ("toi muon chet", "thelo na
// pethano"), and on l–p it found and alarmed the same as from 4: the
// crisis signal reads from 3, the topics' from 4.
const (
	minSignalWords = 3
	minTopicWords  = 4
)

// minUnspacedLetters is how many letters of a script written without
// spaces between words (Thai, Lao, Khmer, Burmese) make a message, whatever
// its count of words; a syllable (Chinese, Japanese, Korean) counts two, as
// it is nearer a word: "กินยานอนหลับไปหมดแล้ว", "我不想活了", "死にたい" and
// "죽고 싶어요" are messages.
const minUnspacedLetters = 6

// minScriptLetters is how many letters outside the Latin script, in two
// words or more, make a message: a person who writes Hindi, Greek or Sorani
// is not typing the name of a Norwegian place ("मैं जीना नहीं चाहता",
// "ئیتر نامەوێت بژیم"). A place's name in another script is one word
// ("Осло"); on set s (2026-12-07), such messages of two and three words
// wished to be dead and no signal read them.
const minScriptLetters = 8

// isMessage reports whether the query in s is a message a signal reads:
// minWords of the words counted, or minUnspacedLetters in a script written
// without spaces, or two words and minScriptLetters letters in a script
// other than Latin.
func isMessage(s *scratch, words, minWords int) bool {
	if words >= minWords {
		return true
	}
	unspaced, other := scriptLetters(s.fold)
	return unspaced >= minUnspacedLetters || words >= 2 && other >= minScriptLetters
}

// signalledTopics appends to topics, up to maxTopics, those whose signal
// holds for the query in s and that are not there yet, likeliest first: a
// problem described in words no topic's names hold ("sønnen min har
// autisme", "tapte alt på odds"), unless the signal of no problem holds
// (signal.NoProblemName: "kjøpte tau til flaggstanga på hytta"). Like the
// crisis signal, it reads messages, not a word or two; in a message in
// crisis it needs crisisTopicMargin more.
func (e *Engine) signalledTopics(s *scratch, topics []int32, crisis bool) []int32 {
	var margin float32
	if crisis {
		margin = crisisTopicMargin
	}
	if len(e.topicSignals) == 0 || len(topics) >= maxTopics || !isMessage(s, wordsOf(s), minTopicWords) {
		return topics
	}
	if e.noProblem != nil && score(e.noProblem, s) >= e.noProblem.Threshold {
		return topics
	}
	type held struct {
		topic int32
		score float32
	}
	var hs []held
	for _, ts := range e.topicSignals {
		if sc := score(ts.m, s); sc >= ts.m.Threshold+margin && !slices.Contains(topics, ts.topic) {
			hs = append(hs, held{ts.topic, sc})
		}
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].score > hs[j].score })
	for _, h := range hs {
		if len(topics) >= maxTopics {
			break
		}
		topics = append(topics, h.topic)
	}
	return topics
}

// crisisTopicMargin is how much surer a topic's signal must be in a
// message in crisis: the topics' signals learn from few such messages (their
// topics are seldom told), and a person in danger should not be shown a
// stray topic ("jeg skader meg selv" read separation at logit 2). On the
// sets of 2026-12-07, 3 lost 6 queries of 8,500 on the sets they were
// trained on, 1 on q and gained 1 on s.
const crisisTopicMargin = 3

// wordsOf counts the tokens of s that are words, not numbers: a problem is
// told in words ("<script>alert(1)</script>" tells none in four tokens).
func wordsOf(s *scratch) int {
	n := 0
	for _, t := range s.toks {
		if !t.digits {
			n++
		}
	}
	return n
}

// signalled reports whether the crisis signal holds for the query in s
// where no crisis rule did: it adds crisis help, never takes it away.
func (e *Engine) signalled(s *scratch) bool {
	if e.signal == nil || !isMessage(s, len(s.toks), minSignalWords) {
		return false
	}
	return len(s.fold) > 0 && score(e.signal, s) >= e.signal.Threshold
}

// hashShape is the n-grams whose hashes the signals share (signalHashes):
// those every shipped signal reads.
var hashShape = signal.Shape{MinN: 2, MaxN: 4}

// score is m's logit for the query in s, from the features hashed once for
// every signal that reads them.
func score(m *signal.Model, s *scratch) float32 {
	if !m.Reads(hashShape) {
		return m.Score(s.fold)
	}
	if !s.hashed {
		s.hashes, s.hashed = hashShape.Hashes(s.fold, s.hashes[:0]), true
	}
	return m.ScoreHashes(s.hashes)
}

// scriptLetters counts the letters of b (UTF-8) in the scripts written
// without spaces between words or in syllables (a Chinese, Japanese or
// Korean syllable as two), and the letters of any script but Latin.
func scriptLetters(b []byte) (unspacedLetters, other int) {
	for _, r := range string(b) {
		if unspaced(r) {
			unspacedLetters++
			if r >= syllabicFrom {
				unspacedLetters++ // a Chinese, Japanese or Korean syllable
			}
		}
		if r >= 0x250 && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			other++
		}
	}
	return unspacedLetters, other
}

// syllabicFrom is where, among the scripts written without spaces
// (unspaced), those of syllables begin: kana, CJK ideographs and Hangul
// lie above it, the letters of Thai, Lao, Burmese and Khmer below.
const syllabicFrom = 0x3040
