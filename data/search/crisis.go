package search

import (
	"strings"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
)

// foldKeyWords folds s keeping its word breaks.
func foldKeyWords(s string) string {
	b, _ := appendFold(nil, nil, s, false)
	return string(b)
}

// minCrisisPrefix is how much of a crisis word the word being typed needs
// ("selvmo"): "selv" alone is too common, and "selj" is Seljord.
const minCrisisPrefix = 6

// markCrisis marks the tokens that express suicidal thoughts, self-harm or
// acute crisis and reports whether any does. A word beginning with a
// crisis stem counts ("selvmordstanker", "sjølvmordstankar"), also with
// one typo from 7 letters ("selvmor", "sjølmord") but never two, which is
// what keeps Seljord a place; the word being typed counts from
// minCrisisPrefix letters of a stem; a phrase counts word for word ("vil
// ikke leve", "ta livet mitt", "i want to die"). acute says a phrase of
// danger from someone else was read ("han skal drepe meg").
func (l *lexicon) markCrisis(fold []byte, toks []token, open bool) (found, acute bool) {
	for i := range toks {
		t := &toks[i]
		if t.digits {
			continue
		}
		w := string(fold[t.a:t.b])
		next := ""
		if i+1 < len(toks) {
			next = string(fold[toks[i+1].a:toks[i+1].b])
		}
		if l.isCrisisWord(w, open && i == len(toks)-1) && !l.asSubject(w, next) && !l.undoneAt(fold, toks, i+1) {
			t.crisis, found = true, true
			continue
		}
		// Verb-second order puts the writer after the verb: "i kveld tar
		// jeg livet mitt" is "tar livet mitt"; one such word is passed
		// over after a phrase's first word.
		writerNext := l.self[next]
		for _, ph := range l.phrases[w] {
			p := ph.words
			skip := 0
			if len(p) > 1 && writerNext && next != p[1] && !l.selfLocal[p[1]] {
				skip = 1
			}
			end := i + len(p) + skip
			if end > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p) && ok; k++ {
				u := toks[i+k+skip]
				w := string(fold[u.a:u.b])
				// The writer in any form: "skada mæ sjøl" is "skada meg
				// sjølv"; a negation too: "orke itj" is "orker ikke".
				ok = w == p[k] || l.self[w] && l.selfLocal[p[k]] || l.notLocal[w] && l.notLocal[p[k]]
			}
			// "ta livet mitt tilbake" takes a life back, it does not end one;
			// "tok en overdose (med) julekaker" took cakes.
			if ok && l.undoneAt(fold, toks, end) {
				ok = false
			}
			// "jobben tar livet av meg": a phrase with the writer as its
			// object is an idiom when a thing, not a person, does it.
			if ok && l.self[p[len(p)-1]] && i > 0 && l.isThing(toks[i-1], string(fold[toks[i-1].a:toks[i-1].b])) {
				ok = false
			}
			if ok {
				for k := i; k < end; k++ {
					toks[k].crisis = true
				}
				found, acute = true, acute || ph.acute
			}
		}
	}
	return found, acute
}

// undoneAt reports whether the words from token k undo the crisis word,
// phrase or cue before them: a crisis_undo word, whole or as a word's
// beginning ("tilbake", "julekaker"), right after it or after up to
// maxUndoSkip stop words, articles, numbers, cues or words of the writer
// ("overdosed on coffee", "overdose med julekaker", "kutter håret", "hopper
// i fallskjerm"). maxUndoSkip is how many such words may stand between a
// crisis word and the word that undoes it.
const maxUndoSkip = 2

func (l *lexicon) undoneAt(fold []byte, toks []token, k int) bool {
	// Past a stop word, an article, a number, a cue and the writer or a
	// reflexive's "selv": "skyte seg selv i foten", "dødelig for en hund",
	// "hoppet fra 10-meteren".
	for skip := 0; skip < maxUndoSkip && k < len(toks) && l.passedByUndo(toks[k], string(fold[toks[k].a:toks[k].b])); skip++ {
		k++
	}
	if k >= len(toks) {
		return false
	}
	w := string(fold[toks[k].a:toks[k].b])
	if l.crisisUndo[w] || l.undoHead(w) {
		toks[k].cue = true // a known word: "i foten" is no Fosen
		return true
	}
	return false
}

// passedByUndo reports whether token t, folded w, may stand between a
// crisis word and the word that undoes it: a stop word, a number, an
// article, the writer, or a crisis cue's word ("hoppet fra stupet i
// badeanlegget").
func (l *lexicon) passedByUndo(t token, w string) bool {
	return t.stop || t.digits || l.article[w] || l.self[w] || l.crisisCues[w] != ""
}

// isCrisisWord reports whether one folded word is a crisis word; typing
// says it is still being typed.
func (l *lexicon) isCrisisWord(w string, typing bool) bool {
	for _, stem := range l.crisisStems {
		if strings.HasPrefix(w, stem) {
			return true
		}
		if typing && utf8.RuneCountInString(w) >= minCrisisPrefix && strings.HasPrefix(stem, w) {
			return true
		}
		// One typo is a letter's: the distance counts bytes, so a stem in
		// another script is read exactly ("อยากตาย" is no "อยากตาก").
		if len(w) >= 7 && len(stem) >= 7 && w[0] == stem[0] && w[0] < utf8.RuneSelf {
			if _, pre, _ := editDistance(stem, w, 1); pre <= 1 {
				return true
			}
		}
	}
	return false
}

// subjectWindow is how many words before the first crisis word a
// crisis_subject noun may stand ("særoppgave om selvmord i Hedda Gabler",
// "undervisningsopplegg om psykisk helse og selvmord").
const subjectWindow = 5

// minSubjectNoun is the shortest crisis_subject noun read inside a word
// ("masteroppgave" ends with "oppgave", "boka" begins with "bok").
const minSubjectNoun = 3

// subjectOfWork reports whether the crisis the rules read is the subject of
// a work, study or fiction: a crisis_subject noun within subjectWindow
// words before the first crisis word, and the writer nowhere after it
// ("boka om selvmord fikk meg til å tenke på å ta livet mitt" is the
// writer's own). The signal may still read the message.
func (l *lexicon) subjectOfWork(s *scratch) bool {
	first := -1
	for i, t := range s.toks {
		if t.crisis {
			first = i
			break
		}
	}
	for i := first - 1; i >= 0 && i >= first-subjectWindow; i-- {
		if l.isSubjectNoun(string(s.word(i))) {
			return !l.writerAfter(s, i)
		}
	}
	return false
}

// longPast reports whether every crisis word the rules read lies in a
// clause that a crisis_past phrase says is long past ("pappa tok livet sitt
// for tolv år siden", "skadet meg selv som tenåring"): a life lived on,
// not danger now. A crisis word in a clause of its own stays ("for to år
// siden prøvde jeg, og nå tenker jeg på det igjen"). The signal may still
// read the message, and another's suicide still reads grief.
func (l *lexicon) longPast(s *scratch) bool {
	if len(l.crisisPast) == 0 {
		return false
	}
	if l.pastCue(s, dataset.PastAgain) {
		return false // "lenge siden sist jeg kuttet meg, men i dag gjorde jeg det igjen"
	}
	read := false
	for i := 0; i < len(s.toks); i++ {
		if !s.toks[i].crisis {
			continue
		}
		read = true
		a, b := clauseOf(s, i)
		if !l.pastIn(s, a, b) {
			return false
		}
		i = b
	}
	return read
}

// jested reports whether the crisis the rules read is a threat to the
// writer told in jest: a word of laughter (crisis_past "jest") in the
// message, and every run of crisis words either someone else ("mamma", read
// by a rule of violence) or a threat to the writer (threatToWriter): "mamma
// sa hun skulle drepe meg om jeg kom sent hjem, lol", "this exam is going to
// kill me lol". The writer's own act stays, in jest or not: "vil dø lol",
// "kutter meg haha", "jeg tar livet av meg lol", and "kill me now lol" names
// no one else. The signal may still read the message.
func (l *lexicon) jested(s *scratch) bool {
	jest, read := l.pastCue(s, dataset.PastJest), false
	for i := 0; jest && i < len(s.toks); i++ {
		if !s.toks[i].crisis {
			continue
		}
		j := i
		for j+1 < len(s.toks) && s.toks[j+1].crisis {
			j++
		}
		if !(i == j && l.someoneElse(s.toks[i], string(s.word(i)))) && !l.threatToWriter(s, i, j) {
			return false
		}
		read, i = true, j
	}
	return read
}

// threatToWriter reports whether the crisis words i..j have the writer as
// their object (a word of the writer last among them or right after them),
// by a verb that is no blow ("slår meg", "hits me": blows are no jest), and
// someone else or a thing as their subject: the first person or thing named
// before them in their clause ("sjefen", "this exam"), not the writer ("jeg
// dreper meg"); with none named ("vil drepe meg") the act is the writer's.
func (l *lexicon) threatToWriter(s *scratch, i, j int) bool {
	if !l.self[string(s.word(j))] {
		j++
	}
	if j >= len(s.toks) || !l.self[string(s.word(j))] {
		return false
	}
	if c, _ := cueAt(s, j-1, l.crisisCues); c == dataset.CueViolence && l.crisisCues[string(s.word(j-1))] != dataset.CueHarm {
		return false
	}
	a, _ := clauseOf(s, i)
	for k := i - 1; k >= a; k-- {
		w := string(s.word(k))
		if l.isWriter(s.toks[k], w) {
			return false
		}
		if l.someoneElse(s.toks[k], w) || l.isThing(s.toks[k], w) {
			return true
		}
	}
	return false
}

// pastCue reports whether a crisis_past phrase of category cat stands
// anywhere in the query ("igjen", "lol").
func (l *lexicon) pastCue(s *scratch, cat string) bool {
	for i := range s.toks {
		if c, _ := cueAt(s, i, l.crisisPast); c == cat {
			return true
		}
	}
	return false
}

// clauseOf is the first and last token of the clause token i lies in.
func clauseOf(s *scratch, i int) (a, b int) {
	for a = i; a > 0 && !s.toks[a].clause; a-- {
	}
	for b = i; b+1 < len(s.toks) && !s.toks[b+1].clause; b++ {
	}
	return a, b
}

// pastIn reports whether a phrase of long ago begins in tokens a..b; a
// number in it stands for any number ("som 0 åring" is "som 17-åring",
// "da jeg var 0" is "da jeg var 15").
func (l *lexicon) pastIn(s *scratch, a, b int) bool {
	for k := a; k <= b; k++ {
		if c, _ := cueAt(s, k, l.crisisPast); c == dataset.PastLongAgo {
			return true
		}
		for n := min(maxCueWords, b-k+1); n >= 2; n-- {
			if key, ok := numberShape(s, k, n); ok && l.crisisPast[key] == dataset.PastLongAgo {
				return true
			}
		}
	}
	return false
}

// numberShape is the n words from token k with each number written 0, and
// whether there was one: the key of a phrase that holds any number.
func numberShape(s *scratch, k, n int) (string, bool) {
	var b []byte
	number := false
	for i := k; i < k+n; i++ {
		if i > k {
			b = append(b, ' ')
		}
		if s.toks[i].digits {
			b, number = append(b, '0'), true
			continue
		}
		b = append(b, s.word(i)...)
	}
	return string(b), number
}

// writerAfter reports whether the writer is named after token i ("… og nå
// vil jeg dø"): then the crisis may be the writer's own.
func (l *lexicon) writerAfter(s *scratch, i int) bool {
	for k := i + 1; k < len(s.toks); k++ {
		if l.isWriter(s.toks[k], string(s.word(k))) {
			return true
		}
	}
	return false
}

// isSubjectNoun reports whether w begins or ends with a crisis_subject
// noun ("boka", "masteroppgave").
func (l *lexicon) isSubjectNoun(w string) bool {
	for n := range l.crisisSubject {
		if len(n) >= minSubjectNoun && (strings.HasPrefix(w, n) || strings.HasSuffix(w, n)) {
			return true
		}
	}
	return false
}

// isThing reports whether token t, folded w, is a noun that names no
// person: not the writer, another person, someone close or a name, and no
// stop, common word or number ("jobben", "prosjektet").
func (l *lexicon) isThing(t token, w string) bool {
	return !t.stop && !t.common && !t.digits && !l.isWriter(t, w) && !l.someoneElse(t, w)
}

// someoneElse reports whether token t, folded w, names a person other than
// the writer: someone close, another person ("han") or a name.
func (l *lexicon) someoneElse(t token, w string) bool {
	return t.person || l.isKin(w) || l.other[w]
}

// minUndoHead is the shortest head that makes a crisis word a subject.
const minUndoHead = 4

// asSubject reports whether a crisis word names suicide or self-harm as a
// subject of work, study or fiction, not as what the writer lives through:
// a compound whose head after the stem (and a linking letter) begins with a
// crisis_undo word ("selvmordsforebygging", "selvmordstall", "selvmordsbomber"),
// or a next word that does ("suicide prevention", "Suicide Squad").
func (l *lexicon) asSubject(w, next string) bool {
	if l.undoHead(next) {
		return true
	}
	for _, stem := range l.crisisStems {
		if !strings.HasPrefix(w, stem) {
			continue
		}
		rest := w[len(stem):]
		if l.undoHead(rest) || rest != "" && l.linker[rest[:1]] && l.undoHead(rest[1:]) {
			return true
		}
	}
	return false
}

// undoHead reports whether w begins with a crisis_undo word of at least
// minUndoHead letters.
func (l *lexicon) undoHead(w string) bool {
	if len(w) < minUndoHead {
		return false
	}
	for u := range l.crisisUndo {
		if len(u) >= minUndoHead && strings.HasPrefix(w, u) {
			return true
		}
	}
	return false
}

// toldOfAnother reports whether the folded query tells of another person's
// suicide ("min bror tok livet sitt", "she killed herself"): whoever writes
// it is bereaved.
func (l *lexicon) toldOfAnother(fold []byte) bool {
	q := " " + string(fold) + " "
	for _, p := range l.bereaved {
		if strings.Contains(q, " "+p+" ") {
			return true
		}
	}
	return false
}

// CrisisWindow is how many words apart two crisis cues may stand and still
// combine ("har kjøpt tau og vet hvor jeg skal gå").
const CrisisWindow = 8

// crisisRule is a set of cue categories that raise crisis help when all
// stand within window words ("harm self 2": "kutter meg", not "kuttet ut
// sukker og føler meg bedre").
type crisisRule struct {
	cats   []string
	window int
	// bereaved: the rule tells of another's suicide ("kin act": "pappa
	// hengte seg"), so grief is read too.
	bereaved bool
}

// newCrisisRule reads a rule's folded text: categories, then optionally
// its window in words (CrisisWindow when none is given); category is the
// crisis category the rule raises.
func newCrisisRule(f, category string) crisisRule {
	r := crisisRule{cats: splitOn(f, " "), window: CrisisWindow, bereaved: category == dataset.CrisisBereaved}
	if n := len(r.cats); n > 0 {
		if w, ok := smallNumber(r.cats[n-1]); ok {
			r.cats, r.window = r.cats[:n-1], min(w, CrisisWindow)
		}
	}
	return r
}

// smallNumber reads one or two digits.
func smallNumber(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	return digitsValue([]byte(s))
}

// digitsValue reads a run of ASCII digits short enough not to overflow
// (no strconv: its package would add to the browser module).
func digitsValue(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

// manyCount is the smallest count that is too many of a means ("har tatt
// 40 paracet"): a count is an excess cue from it, up to three digits.
const manyCount = 10

// isMany reports whether the digits w count manyCount or more (at most
// three digits: a year or a postcode is no count of pills).
func isMany(w []byte) bool {
	if len(w) < 2 || len(w) > 3 || w[0] == '0' {
		return false
	}
	n, ok := digitsValue(w)
	return ok && n >= manyCount
}

// cueAtPos is one crisis cue found in the query: its category, first token
// and length in words.
type cueAtPos struct {
	cat  string
	i, n int
}

// markCrisisCues marks the crisis cues that a crisis rule combines within
// CrisisWindow words ("kjøpt" + "tau": preparation + method; "vil" +
// "ikke" + "leve": wish + not + live) and reports whether any rule held,
// whether one that held tells of another's suicide (bereaved), and whether
// one held with a violence cue (violent: "mannen min slår meg").
// No cue alone does: "kjøpte tau til hytta", "vil ikke", "leve".
func (l *lexicon) markCrisisCues(s *scratch) (found, bereaved, violent bool) {
	if len(l.crisisCues) == 0 || len(l.crisisRules) == 0 {
		return false, false, false
	}
	cues := s.cues[:0]
	defer func() { s.cues = cues[:0] }()
	for i := 0; i < len(s.toks); {
		c, n := cueAt(s, i, l.crisisCues)
		if n == 0 && s.toks[i].digits && isMany(s.word(i)) {
			c, n = dataset.CueExcess, 1 // "took 30 paracetamol"
		}
		if n == 0 && !s.toks[i].digits {
			if c = l.inflectedCue(string(s.word(i))); c != "" {
				n = 1
			}
		}
		if n == 0 {
			i++
			continue
		}
		if l.undoneAt(s.fold, s.toks, i+n) {
			i += n // "hopper i fallskjerm", "vil dø gammel og lykkelig"
			continue
		}
		cues = append(cues, cueAtPos{c, i, n})
		// A crisis cue is a known word, never a misspelling of a name
		// ("slår" is not the topic "slag").
		for k := i; k < i+n; k++ {
			s.toks[k].cue = true
		}
		// Only the cues within the window before this one can combine
		// with it: the work stays linear in the query's length.
		from := len(cues) - 1
		for from > 0 && i-cues[from-1].i <= CrisisWindow {
			from--
		}
		if used, rule, ok := l.ruleHolds(cues[from:]); ok && !(rule.actsOnly() && l.useNear(s, i)) {
			found, bereaved = true, bereaved || rule.bereaved
			// Only the cues' own words: a place between them is still
			// read ("står ved jernbanen på Hamar og venter på toget").
			for k, c := range cues[from:] {
				for t := c.i; used&(1<<k) != 0 && t < c.i+c.n; t++ {
					s.toks[t].crisis = true
				}
				violent = violent || used&(1<<k) != 0 && c.cat == dataset.CueViolence
			}
		}
		i += n
	}
	return found, bereaved, violent
}

// actsOnly reports whether the rule reads acts only (a means, a
// preparation, a time, how or how many): an everyday use undoes it.
func (r *crisisRule) actsOnly() bool {
	for _, c := range r.cats {
		switch c {
		case dataset.CueMethod, dataset.CuePreparation, dataset.CueTime, dataset.CueHow, dataset.CueExcess:
		default:
			return false
		}
	}
	return true
}

// useNear reports whether an everyday use of a means (dataset.CueUse) is
// told within CrisisWindow words of token i, before or after it: "kjøpte
// tau til båten".
func (l *lexicon) useNear(s *scratch, i int) bool {
	for k := max(0, i-CrisisWindow); k < len(s.toks) && k <= i+CrisisWindow; k++ {
		if c, _ := cueAt(s, k, l.crisisCues); c == dataset.CueUse {
			return true
		}
	}
	return false
}

// ruleHolds reports whether a crisis rule holds for the last cue of near
// with other cues of near (each cue used once), which, and which cues of
// near it used (bit k: near[k]; near holds at most CrisisWindow+1 cues).
func (l *lexicon) ruleHolds(near []cueAtPos) (used uint32, held *crisisRule, ok bool) {
	last := near[len(near)-1]
	for ri := range l.crisisRules {
		rule := &l.crisisRules[ri]
		used = 1 << (len(near) - 1)
		all := true
		mine := false // the rule must use the last cue: earlier ones were tried already
		for _, cat := range rule.cats {
			if !mine && cat == last.cat {
				mine = true
				continue
			}
			k := len(near) - 2
			for ; k >= 0 && (used&(1<<k) != 0 || near[k].cat != cat || last.i-near[k].i > rule.window); k-- {
			}
			if k < 0 {
				all = false
				break
			}
			used |= 1 << k
		}
		if mine && all {
			return used, rule, true
		}
	}
	return used, nil, false
}

// isWriter reports whether token t, folded w, is the writer: a self word,
// but not the one letter e typed so, which is the dialect "er" ("kona mi e
// innlagt") though it folds like the dialect "æ" (I); and the English "I".
func (l *lexicon) isWriter(t token, w string) bool {
	return l.self[w] && !t.plainE || t.writerI
}
