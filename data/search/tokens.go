package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
)

// Reading a query begins as an analysis pipeline does (Bleve's analyzers are
// the model): a tokenizer splits the folded query into words, then token
// filters run in order, each marking what its words are. Every filter is a
// rule about a class of words, and its words are data (data/lexicon.json):
//
//	numbers  → digits that are a year, a phone number, an age or a quantity are no postcode
//	plain    → a place named by an ordinary word is that word in a sentence
//	names    → a person's name is no place ("jeg heter Hege Lier")
//	abroad   → a place outside Norway is no Norwegian place
//	language → in a sentence of another language, that language's words are words
//	crisis   → suicide, self-harm, acute crisis (crisis.go)
//	roles    → whose place a name is: where the writer lives, or elsewhere
//
// No filter looks at more than a few words around each word, so reading is
// linear in the length of the query.

// Place roles of a token (token.role): what the words before a place say
// about it. A place where the writer lives outranks one without a cue, which
// outranks someone else's home, which outranks one told as elsewhere (origin,
// work, the past): placeRank in engine.go.
const (
	roleRetracted int8 = -2 // said, then taken back: "Drammen, nei, mente Kongsberg"
	roleElsewhere int8 = -1
	roleLives     int8 = 1 // someone else's home: "mamma bor i"
	roleStudies   int8 = 2 // where the writer studies: "studerer i", "lærling i"
	roleLivesSelf int8 = 3 // the writer's: "bor i", "jeg bor i", "her i"
)

// maxCueWords is the longest cue phrase ("navnet mitt er", "hat sich das
// leben genommen"); validation refuses a longer one.
const maxCueWords = dataset.MaxCueWords

// maxCueGap is how many stop or common words may stand between a place cue
// and its place ("bor nå i Harstad").
const maxCueGap = 3

// maxNameWords is how many words after a name cue are a person's name (a
// first name and a surname).
const maxNameWords = 2

// messageWords is the length, in words, from which a query is a message:
// every word is finished, and a name that is only a postal place or a
// district is a place only where the message says so (a place preposition
// before it, a capital letter, or a place cue).
const messageWords = 6

// minForeignWords is how many words of another language make a sentence of
// that language ("my wife has no time").
const minForeignWords = 2

// words folds the query, splits it into tokens and runs the token filters;
// then it reads crisis words and postcodes.
func (e *Engine) words(s *scratch, q string, open bool, r *reading) {
	e.tokenize(s, q, open)
	toks, fold := s.toks, s.fold
	// A message is written, not typed word by word: its last word is
	// finished too ("… alene hver helg" is not Helgeland).
	if len(toks) >= messageWords {
		s.lastOpen, open = false, false
	}
	s.lang = -1
	if len(toks) > 1 {
		s.lang = e.foreignLanguage(s)
		e.markNumbers(s)
		e.markPlainWords(s, q)
		e.markNames(s)
		r.abroad = e.markAbroad(s)
		e.markForeign(s)
		e.markEnglishI(s)
	}
	var acute bool
	r.crisis, acute = e.lex.markCrisis(fold, toks, open)
	cued, toldByRule, violent := e.lex.markCrisisCues(s)
	violent = violent || acute
	e.markCueWords(s)
	if (r.crisis || cued) && e.lex.subjectOfWork(s) {
		for i := range toks {
			toks[i].crisis = false
		}
		r.crisis, cued, toldByRule, violent = false, false, false, false
	}
	// Long past, or a threat to the writer in jest: no danger now.
	past := (r.crisis || cued) && e.lex.longPast(s)
	if past || (r.crisis || cued) && e.lex.jested(s) {
		for i := range toks {
			toks[i].crisis = false
		}
		r.crisis, cued, violent = false, false, false
	}
	// "kjæresten min truer med å drepe seg" is no violence against the
	// writer: the threat turns on the one who makes it.
	r.onAnother = e.crisisOnAnother(s)
	r.violent = violent && !r.onAnother
	r.crisis = cued || r.crisis || e.signalled(s)
	r.bereaved = toldByRule || (r.crisis || past) && e.lex.toldOfAnother(fold)
	e.markRoles(s)
	e.markNumberWords(s)
	allStop := true
	for _, t := range toks {
		if !t.stop && !t.crisis {
			allStop = false
		}
	}
	if allStop {
		for i := range toks {
			toks[i].stop = false
		}
	}
	e.readPostcodes(s, r)
}

// tokenize folds q into s.fold and splits it into s.toks: digits, stop
// words, common words, and which words were typed with a capital letter.
func (e *Engine) tokenize(s *scratch, q string, open bool) {
	s.lastOpen = open
	s.hashed = false
	s.fold, _ = appendFold(s.fold[:0], nil, q, false)
	fold := s.fold
	s.toks = s.toks[:0]
	for i := 0; i < len(fold); {
		j, next := scriptRun(fold, i)
		t := token{a: i, b: j, digits: true}
		for k := i; k < j; k++ {
			if fold[k] < '0' || fold[k] > '9' {
				t.digits = false
				break
			}
		}
		t.stop = e.lex.stop[string(fold[i:j])]
		t.common = e.lex.common[string(fold[i:j])]
		s.toks = append(s.toks, t)
		i = next
	}
	markCapitals(q, s.toks)
	e.splitNames(s)
}

// maxClitic is the longest word joined to the one before by an apostrophe,
// no space, that is read as an ending ("we're", "we'll", "Drammen'den"); a
// longer word is a word ("O'Brien").
const maxClitic = 3

// splitNames reads a place's name inside a run of a script written without
// spaces as a word of its own: "オスロに住んでいます" is "オスロ" and
// "に住んでいます", "我住在奥斯陆" is "我住在" and "奥斯陆". The parts after
// the first carry none of its marks: they begin no clause and no capital.
func (e *Engine) splitNames(s *scratch) {
	if len(e.lex.unspacedNames) == 0 {
		return
	}
	for k := 0; k < len(s.toks); k++ {
		t := s.toks[k]
		if r, _ := utf8.DecodeRune(s.fold[t.a:]); !unspaced(r) {
			continue
		}
		at := e.lex.nameIn(string(s.fold[t.a:t.b]))
		if at <= 0 || at >= t.b-t.a {
			continue
		}
		rest := token{a: t.a + at, b: t.b}
		s.toks[k].b = rest.a
		s.toks = append(s.toks, token{})
		copy(s.toks[k+2:], s.toks[k+1:])
		s.toks[k+1] = rest
		for _, j := range []int{k, k + 1} {
			w := string(s.word(j))
			s.toks[j].stop, s.toks[j].common = e.lex.stop[w], e.lex.common[w]
		}
	}
}

// nameIn is where a word of w ends that a name of l.unspacedNames begins
// or ends: the name's length when w begins with one, else the offset of the
// first name in w (0: none).
func (l *lexicon) nameIn(w string) int {
	first := 0
	for _, n := range l.unspacedNames {
		if strings.HasPrefix(w, n) {
			return len(n)
		}
		if i := strings.Index(w, n); i > 0 && (first == 0 || i < first) {
			first = i
		}
	}
	return first
}

// letterClass is the class of a letter as markCapitals and scriptRun tell
// words apart: 1, or unspacedClass in a script written without spaces.
func letterClass(r rune) int {
	if unspaced(r) {
		return unspacedClass
	}
	return 1
}

// unspacedClass is the class of a letter of a script written without spaces
// between words: a change between it and another script is a word break,
// so that a name in Latin letters inside Chinese or Korean is a word
// ("住在Trondheim", "Oslo에서"). The fold keeps them together: the signals
// read the message as it was written.
const unspacedClass = 3

// scriptRun is the end of the word that begins at fold[i] and where the
// next begins: at a space, or where the letters change between a script
// written without spaces and another.
func scriptRun(fold []byte, i int) (end, next int) {
	class := 0
	for j := i; j < len(fold); {
		if fold[j] == ' ' {
			return j, j + 1
		}
		r, n := utf8.DecodeRune(fold[j:])
		c := letterClass(r)
		if class != 0 && c != class {
			return j, j
		}
		class = c
		j += n
	}
	return len(fold), len(fold)
}

// markCapitals sets token.upper for the words typed with a capital first
// letter inside a sentence (not first, nor after . ! ?). The folded words
// are the runs of letters or of digits of q, in order, so the two are
// walked side by side.
func markCapitals(q string, toks []token) {
	// A query in capitals throughout says nothing by its capitals. Only
	// unicode.ToLower is used to tell case: its tables are already in the
	// browser module (fold.go), IsUpper's and ToUpper's would add bytes.
	allCaps := true
	for _, r := range q {
		if unicode.IsLetter(r) && unicode.ToLower(r) == r {
			allCaps = false
			break
		}
	}
	k, class, sentenceStart, letters := -1, 0, true, 0
	clause, mark, bracket, arrow := false, false, false, false
	var before rune // the character before this one
	var sep rune    // the one character between this token and the last (0 after more)
	var prev rune   // the last character: a combining mark marks it
	for _, r := range q {
		c := 0
		switch {
		case unicode.IsLetter(r) || indicSign(r):
			c = letterClass(r)
		case unicode.IsDigit(r):
			c = 2
		case unicode.Is(unicode.Mn, r):
			if k >= 0 && class != 0 {
				toks[k].marks |= markOn(prev)
			}
			continue
		}
		prev = r
		if c == 0 {
			// "bo- og servicesenter": a word, a hyphen, then a space is
			// the first part of a compound whose head comes later.
			if k >= 0 && (r == ' ' || r == '\t') && sep == '-' {
				toks[k].suspended = true
			}
			if sep == 0 && class != 0 {
				sep = r
			} else {
				sep = -1
			}
			// A clause begins after a mark and a space ("Kr.sand" is one
			// name, "… nå. kirkenes" two clauses).
			switch r {
			case '.', '!', '?':
				sentenceStart, mark = true, true
			case ',', ';', ':', '/':
				// A slash with a space after it parts clauses too ("betting,
				// Ski / jobb Oslo"); "Furuset/Lørenskog" stays one.
				mark = true
			case '(', '[':
				bracket = true
			case '→', '⇒', '➡', '⟶':
				arrow = true
			case '>':
				arrow = arrow || before == '-' || before == '='
			case ' ', '\t', '\n':
				clause = clause || mark || r == '\n'
			}
			class, before = 0, r
			continue
		}
		if c == class && k >= 0 {
			toks[k].marks |= typedMark(r)
			toks[k].plainE = false
		}
		if c == class && c == 1 && k >= 0 {
			// An acronym is all capitals ("DPS", "NTNU"), two letters or more.
			toks[k].acronym = toks[k].acronym && unicode.ToLower(r) != r
			letters++
		}
		if c != class {
			if k >= 0 && letters < 2 {
				toks[k].acronym = false
			}
			letters = 0
			if c == 1 {
				letters = 1
			}
			k++
			if k >= len(toks) {
				return
			}
			toks[k].marks = typedMark(r)
			toks[k].plainE = r == 'e' || r == 'E'
			toks[k].capital = c == 1 && unicode.ToLower(r) != r && !allCaps
			toks[k].acronym = toks[k].capital
			toks[k].upper = toks[k].capital && !sentenceStart
			toks[k].clause = clause || k == 0
			toks[k].sentence = k == 0 || clause && sentenceStart
			toks[k].bracket = bracket
			if k > 0 && (sep == '\'' || sep == '’') && toks[k].b-toks[k].a <= maxClitic {
				toks[k].common = true // an ending: "we're" is no Re, "she's" no S-anything
			}
			if k > 0 && (sep == '.' || sep == '/' || sep == ':') {
				toks[k].glued, toks[k].dotted = true, sep == '.'
			}
			toks[k].hyphened = k > 0 && sep == '-'
			if k > 0 && class != 0 && (c == 2) != (class == 2) {
				toks[k].stuck, toks[k-1].stuck = true, true
			}
			toks[k].arrowed = arrow
			sentenceStart, clause, mark, bracket, arrow, sep = false, false, false, false, false, 0
		}
		class = c
	}
	if k >= 0 && letters < 2 {
		toks[k].acronym = false
	}
}

// word returns the folded word of token i, or nil outside the query. It is
// a slice of s.fold: a map index m[string(w)] makes no copy, and the
// filters look up every word of a message several times.
func (s *scratch) word(i int) []byte {
	return s.phraseAt(i, 1)
}

// phraseAt returns the folded words of tokens [i, i+n) joined by one space
// (nil when they run past the query), a slice of s.fold.
func (s *scratch) phraseAt(i, n int) []byte {
	if i < 0 || i+n > len(s.toks) || n <= 0 {
		return nil
	}
	return s.fold[s.toks[i].a:s.toks[i+n-1].b]
}

// cueBefore returns the value and length in words of the longest cue of m
// (up to maxCueWords words) that ends right before token i; n is 0 when
// none does.
func cueBefore(s *scratch, i int, m map[string]string) (v string, n int) { return cue(s, i, m, true) }

// cueAt is cueBefore for the longest cue that begins at token i.
func cueAt(s *scratch, i int, m map[string]string) (v string, n int) { return cue(s, i, m, false) }

// cue is cueBefore (before) or cueAt: one body for both. Every cue map is
// a map of strings, so that the browser module carries it once.
func cue(s *scratch, i int, m map[string]string, before bool) (v string, n int) {
	for n := maxCueWords; n >= 1; n-- {
		start := i
		if before {
			start = i - n
		}
		if v, ok := m[string(s.phraseAt(start, n))]; ok {
			return v, n
		}
	}
	return v, 0
}

// markNumbers reads runs of digit groups: a phone number ("41 23 45 67",
// "+47 412 34 567", "tlf 90012345"), a year ("døde i 2019", "født 1985"),
// an age or a quantity ("jeg er 54", "2000 kroner", "i 300 dager") is no
// postcode; two groups that make four digits are one ("50 03").
func (e *Engine) markNumbers(s *scratch) {
	toks := s.toks
	for i := 0; i < len(toks); {
		if !toks[i].digits {
			i++
			continue
		}
		j, total := i, 0
		// A run of digit groups ends with its clause: "i 2024. 14 ansatte"
		// is a year, then a count.
		for j < len(toks) && toks[j].digits && (j == i || !toks[j].clause) {
			total += toks[j].b - toks[j].a
			j++
		}
		before, n := cueBefore(s, i, e.lex.numberCues)
		if (toks[i].clause || i-n > 0 && toks[i-n-1].digits && !toks[i-n].clause) && (before == dataset.NumberAge || before == dataset.NumberQuantity) {
			// "uten jobb i 4 år, 3864": an age or a count tells of its own
			// clause, and a unit of the number before it ("75 år 7600");
			// "tlf: 4123", "ref.: 1140" go on past the mark.
			before = ""
		}
		after := e.lex.numberCues[string(s.word(j))]
		switch {
		case before == dataset.NumberPhone || total >= phoneDigits || before == dataset.NumberReference || gluedRun(toks[i:j]) ||
			stuckCode(s, i-1) || stuckCode(s, j):
			// A phone number, a reference ("saksnr. 24"), a date or a
			// time ("12.03", "24/1187", "18:30"), a code or a flat's
			// number ("H0302"): no postcode.
			markStop(toks[i:j])
		case before == dataset.NumberAddress && j-i > 1:
			// "Storgata 5 8006 Bodø": the house number, then the rest.
			toks[i].stop = true
		case before == dataset.NumberAge || before == dataset.NumberQuantity || after == dataset.NumberQuantity ||
			after == dataset.NumberAge:
			markStop(toks[i:j])
		case j-i == 2 && total == 4 && toks[i].b-toks[i].a < 4:
			toks[i].code = string(s.fold[toks[i].a:toks[i].b]) + string(s.fold[toks[i+1].a:toks[i+1].b])
			toks[i+1].stop = true
		}
		// A year: after a year cue ("i 2019", "født 1985"), or followed by
		// an ordinary word ("2024 har vært et helvete").
		if j-i == 1 && isYear(s.fold[toks[i].a:toks[i].b]) &&
			(e.lex.yearCue[string(s.word(i-1))] || j < len(toks) && toks[j].common && !toks[j].stop) {
			toks[i].stop = true
		}
		i = j
	}
}

// stuckCode reports whether token i is one or two letters typed with
// digits beside them, nothing between: "H0302", "12b" are a flat's or a
// house's number; "0557angst" is a postcode typed in haste.
func stuckCode(s *scratch, i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].stuck && !s.toks[i].digits && s.toks[i].b-s.toks[i].a <= maxCodeLetters
}

// maxCodeLetters is how many letters a code glued to digits has at most.
const maxCodeLetters = 2

// phoneDigits is how many digits in a run of digit groups make a phone
// number: Norwegian numbers have eight.
const phoneDigits = 8

// gluedRun reports whether digit groups are joined by a dot, slash or
// colon without a space: a date, a time or a reference, as postcodes are
// never written ("50 03" is one, "12.03" is not).
func gluedRun(toks []token) bool {
	for i := 1; i < len(toks); i++ {
		if toks[i].glued {
			return true
		}
	}
	return false
}

func markStop(toks []token) {
	for i := range toks {
		toks[i].stop = true
	}
}

// isYear reports whether four digits lie in the range read as a year.
func isYear(b []byte) bool {
	if len(b) != 4 {
		return false
	}
	y, ok := digitsValue(b)
	return ok && y >= minYear && y <= maxYear
}

// markPlainWords marks as common the plain words typed exactly so (ASCII,
// any case) in a query of several words ("ha" is the verb there, "hå" is
// still Hå), and the homograph places of a sentence ("sola skinner") unless
// a place cue says place ("bor i lom", "time kommune", "os hordaland").
func (e *Engine) markPlainWords(s *scratch, q string) {
	l := e.lex
	typed := map[string]bool(nil) // the words of q as typed, lower-cased: built once, when needed
	for i := range s.toks {
		t := &s.toks[i]
		w := s.word(i)
		if t.suspended {
			t.common = true // "bo- og servicesenteret på Fitjar" is no Bø
		}
		if e.afterArticle(s, i) {
			t.noun = true // "i en kjeller" is no Kjeller; "en sorgrupe" still a topic
			continue
		}
		if t.common {
			continue
		}
		plain := false
		if l.plain[string(w)] {
			if typed == nil {
				typed = wordsAsTyped(s, q)
			}
			plain = typed[string(w)]
		}
		homograph := len(s.toks) >= minHomographTokens && l.homograph[string(w)]
		// A capitalised word that is a clause of its own is named, not
		// said: "… drikker for mye. Lom", "Stranda. …".
		// Last, a clause of its own is named in small letters too: "… som
		// passasjer. ski".
		alone := t.clause && (i+1 == len(s.toks) || s.toks[i+1].clause) && (t.capital || i > 0 && i+1 == len(s.toks))
		// So is a homograph with a capital inside a sentence ("lei og
		// nedstemt, Træna i desember", "lângă Lier"): sentences begin with
		// capitals, names have them anywhere; not in German, which
		// capitalises its nouns ("Sie lebt in einem Heim").
		alone = alone || homograph && t.upper && l.localCommon[string(w)] == 0 && (s.lang < 0 || langSet(1)<<s.lang&l.nounCaps == 0)
		// Last among a few search words, a capital names it ("tourette
		// barn Sola").
		if homograph && t.upper && i+1 == len(s.toks) && s.lang < 0 {
			ok, _ := e.searchWords(s)
			alone = alone || ok
		}
		// A plain word that lacks its place's letters is a word first:
		// alone in its clause it is said, not named ("Ha. Hamar", "Ha,
		// funny how …" are no Hå; "… sykmeldt. Ski" is Ski).
		alone = alone && !(plain && !e.placeNamedSo(string(w)))
		// First in the query or after a place preposition, "X i <region>"
		// tells a place from its namesakes ("os i hordaland", "vik i
		// sogn", "bor i sande i vestfold"); "bo i kolvereid" is the verb.
		namesake := (i == 0 || l.placePreposition[string(s.word(i-1))]) && e.isRegionWord(string(s.word(i+2)))
		// A homograph that a place preposition and its object follow is a
		// thing somewhere ("på stranda i Stavern", "i sola på
		// parkeringsplassen", "på bru over elva", "fra stranda i kveld").
		// A capital names the place ("på Ås, fra Kenya"), and another
		// language's "i" is no preposition ("w Lier i jest").
		within := homograph && !namesake && !t.capital && s.lang < 0 && l.placePreposition[string(s.word(i+1))] && i+2 < len(s.toks) &&
			!s.toks[i+1].clause
		// A writer who begins every sentence with a capital writes a
		// place's name with one: a homograph in small letters is the
		// word ("tør ikke vise meg på stranda. Jeg er 35. Narvik").
		said := homograph && !t.capital && capitalisesSentences(s)
		if !plain && !homograph || alone || !said && !within && (l.placeCue(string(s.word(i-1)), string(w), string(s.word(i+1)), namesake) ||
			e.isRegionWord(string(s.word(i+1)))) {
			continue
		}
		t.common = true
	}
}

// minCapitalSentences is how many sentences, each begun with a capital,
// show that the writer uses capitals.
const minCapitalSentences = 2

// capitalisesSentences reports whether every sentence of the query begins
// with a capital letter, and there are minCapitalSentences or more.
func capitalisesSentences(s *scratch) bool {
	n := 0
	for i := range s.toks {
		if t := &s.toks[i]; t.sentence && !t.digits {
			if !t.capital {
				return false
			}
			n++
		}
	}
	return n >= minCapitalSentences
}

// placeNamedSo reports whether w, folded, is also a place's name as it is
// written: a name with no marked letter ("ski" is Ski; "ha" is no way to
// write Hå).
func (e *Engine) placeNamedSo(w string) bool {
	for _, j := range e.exact[w] {
		if en := &e.entries[j]; isPlaceKind(en.kind) && en.marks == 0 {
			return true
		}
	}
	return false
}

// afterArticle reports whether token i, typed in small letters, follows an
// article in a Norwegian sentence and so is a noun ("bor i en kjeller i
// Sandvika", "på ei strand"): never a small place or a place that is a
// word; a municipality's own name stays ("vivo en bergen").
func (e *Engine) afterArticle(s *scratch, i int) bool {
	t := &s.toks[i]
	if i == 0 || t.capital || !e.lex.article[string(s.word(i-1))] {
		return false
	}
	w := string(s.word(i))
	if !e.lex.homograph[w] && e.isMunicipalityName(w) {
		return false
	}
	return s.lang < 0
}

// wordsAsTyped returns the set of q's words in ASCII, lower-cased: "ha"
// typed so is a word, typed "hå" the place. One pass over q, so a long
// query costs its length, not its length times its words.
func wordsAsTyped(s *scratch, q string) map[string]bool {
	if s.typed == nil {
		s.typed = map[string]bool{}
	}
	clear(s.typed)
	lower := []byte(q)
	for i, c := range lower {
		if c >= 'A' && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	low := string(lower)
	for i := 0; i < len(low); {
		if !isWordByte(low[i]) {
			i++
			continue
		}
		j, ascii := i, true
		for ; j < len(low) && isWordByte(low[j]); j++ {
			ascii = ascii && low[j] < 0x80
		}
		if ascii {
			s.typed[low[i:j]] = true
		}
		i = j
	}
	return s.typed
}

// placeCue reports whether the words around w make it a place: a place
// preposition right before it ("bor i lom", "angst i ski"), "kommune" right
// after ("time kommune"), or, when a region follows (namesake), a
// preposition after it: the way a place is told from its namesakes ("os i
// hordaland", "hol i hallingdal", "vik i sogn"). In an idiom the word is no
// place.
func (l *lexicon) placeCue(before, w, after string, namesake bool) bool {
	if l.idiom[before+" "+w] || l.idiom[w+" "+after] {
		return false
	}
	return l.municipalityWord[after] || namesake && l.placePreposition[after] || l.placePreposition[before]
}

// markCueWords reads the name of a means (a crisis cue of method) typed in
// small letters as that thing, not a small place, unless a place
// preposition comes right before it: "tau og karabiner til klatring" is
// rope ("ferja fra tau" is Tau); a municipality's name, now or before,
// stays.
func (e *Engine) markCueWords(s *scratch) {
	for i := range s.toks {
		if t := &s.toks[i]; t.cue && !t.capital && !t.common && e.lex.crisisCues[string(s.word(i))] == dataset.CueMethod &&
			!e.lex.placePreposition[string(s.word(i-1))] && !e.isMunicipalityName(string(s.word(i)), entFormer) {
			t.common = true
		}
	}
}

// markNames marks people's names, which are never places: the words right
// after a name cue ("jeg heter Hege Lier", "my name is"), a capitalised
// word after a kin word ("sønnen min Stian", "naboen Stian Vik") with the
// capitalised word after it (a surname), and two capitalised words inside a
// sentence of which the first names nothing ("snakket med Hege Lier").
func (e *Engine) markNames(s *scratch) {
	toks := s.toks
	person := func(w []byte) bool { return e.lex.isKin(string(w)) || e.lex.personNoun[string(w)] }
	for i := range toks {
		switch {
		case hasCueBefore(s, i, e.lex.nameCue):
			e.markName(s, i, false)
		// A name follows its person word in the same clause: "andre
		// foreldre, Tromsø-området" is a place.
		case person(s.word(i-1)) && toks[i].upper && !toks[i].clause && !e.lonePlace(s, i):
			e.markName(s, i, true)
		case i >= 2 && person(s.word(i-2)) && toks[i-1].common && toks[i].upper && !toks[i].clause && !toks[i-1].clause &&
			!e.lex.placePreposition[string(s.word(i-1))] && !e.lonePlace(s, i): // "mor i Tromsø" is a place
			e.markName(s, i, true)
		case toks[i].capital && !toks[i].acronym && i+1 < len(toks) && toks[i+1].upper && e.namesNothing(s, i) &&
			!e.isPlaceName(string(s.word(i))+string(s.word(i+1))):
			e.markName(s, i, true)
		}
	}
}

// lonePlace reports whether token i names a place and ends the message or
// stands among a few search words: after a person word, a place's name
// last of all is the place ("ensom nabo Sandefjord", "alenemamma
// Kongsberg"), and so it is in search words ("kusine Holmlia, kontrollert",
// "kone Hammerfest jobber Melkøya"); a person's name goes on to say
// something of them ("dattera mi Frøya har sluttet å spise").
func (e *Engine) lonePlace(s *scratch, i int) bool {
	if i != len(s.toks)-1 {
		if ok, _ := e.searchWords(s); !ok {
			return false
		}
	}
	return e.isPlaceName(string(s.word(i)))
}

// searchWords reports whether the query is a few search words rather than
// something said: at most maxSearchWords words, the writer not among them,
// and at most one function word besides the words for people ("sønn gjeng
// Holmlia", "mi hijo Stavanger"); kin says someone close is among them.
func (e *Engine) searchWords(s *scratch) (ok, kin bool) {
	if len(s.toks) > maxSearchWords {
		return false, false
	}
	function := 0
	for i := range s.toks {
		t, w := &s.toks[i], string(s.word(i))
		switch {
		case e.lex.isWriter(*t, w):
			return false, false
		case e.lex.kinSet[w] && !t.person:
			kin = true
		case (t.stop || t.common) && !e.lex.personNoun[w] && !e.isPlaceName(w):
			function++
		}
	}
	return function <= 1, kin
}

// hasCueBefore reports whether a cue of the set ends right before token i.
func hasCueBefore(s *scratch, i int, cues map[string]string) bool {
	_, n := cueBefore(s, i, cues)
	return n > 0
}

// markName marks up to maxNameWords words from token i as a person's name,
// stopping at a stop, common or topic word, a new clause or a bracket
// ("Hilsen Per (Porsgrunn)"); capitalised
// says the name's further words must be capitalised too.
func (e *Engine) markName(s *scratch, i int, capitalised bool) {
	for k := i; k < len(s.toks) && k < i+maxNameWords; k++ {
		t := &s.toks[k]
		if t.stop || t.digits || t.common && k > i || k > i && (t.clause || t.bracket) || e.isTopicWord(string(s.word(k))) ||
			capitalised && !t.capital {
			return
		}
		t.person, t.common = true, true
	}
}

// namesNothing reports whether token i is no name of a place or topic
// and no ordinary word: a first name, most likely.
func (e *Engine) namesNothing(s *scratch, i int) bool {
	t := &s.toks[i]
	if t.common || t.stop || t.digits || len(e.exact[string(s.word(i))]) > 0 {
		return false
	}
	// The end of a name of two words ("Al-Anon", "Nar-Anon").
	if i > 0 && len(e.exact[string(s.word(i-1))+string(s.word(i))]) > 0 {
		return false
	}
	// A topic word inflected or in a compound names a topic: "Angstgruppe
	// Bergen" is no first name and surname.
	found := false
	e.lookupTopicWord(lookupParams{key: string(s.word(i))}, func(match) { found = true })
	return !found
}

// isMunicipalityName reports whether key is exactly a municipality's name,
// or with upTo entFormer also its Sami or Kven name or a former one's.
func (e *Engine) isMunicipalityName(key string, upTo ...entryKind) bool {
	last := entMunicipality
	if len(upTo) > 0 {
		last = upTo[0]
	}
	for _, j := range e.exact[key] {
		if e.entries[j].kind <= last {
			return true
		}
	}
	return false
}

// isPlaceName reports whether key is exactly some place's name.
func (e *Engine) isPlaceName(key string) bool {
	for _, j := range e.exact[key] {
		if isPlaceKind(e.entries[j].kind) {
			return true
		}
	}
	return false
}

// markAbroad marks the names of places outside Norway (one to three words:
// "Stockholm", "New York") as words, never a Norwegian place, and returns
// the first one as typed, for the answer to say that the finder covers
// Norway.
func (e *Engine) markAbroad(s *scratch) string {
	found := ""
	for i := range s.toks {
		if _, n := cueAt(s, i, e.lex.abroad); n > 0 {
			for k := i; k < i+n; k++ {
				s.toks[k].common = true
			}
			if found == "" {
				found = string(s.phraseAt(i, n))
			}
		}
	}
	return found
}

// markForeign finds the language of a sentence from its stop and common
// words; in a sentence of another language than Norwegian or Sami, a word
// of that language which is also a place's name ("I have no time", "estoy
// sola") is the word, unless a place preposition comes right before it.
func (e *Engine) markForeign(s *scratch) {
	if len(e.lex.localCommon) == 0 {
		return
	}
	if s.lang < 0 {
		return
	}
	lang := langSet(1) << s.lang
	for i := range s.toks {
		if e.lex.localCommon[string(s.word(i))]&lang != 0 && !(e.lex.placePreposition[string(s.word(i-1))] && e.toldAsPlace(s, i)) &&
			!s.toks[i].upper {
			s.toks[i].common = true
		}
	}
}

// toldAsPlace reports whether a word after a place preposition is told as
// a place's name: it ends its clause, or a stop or common word follows it
// ("I live in Moss with my kids"); before a word of its own it is a
// determiner of that word ("screaming in his sleep").
func (e *Engine) toldAsPlace(s *scratch, i int) bool {
	k := i + 1
	return k >= len(s.toks) || s.toks[k].clause || s.toks[k].stop || s.toks[k].common
}

// foreignLanguage is the language (its bit) of most of the query's stop and
// common words, when that is another language than Norwegian or Sami with
// at least minForeignWords of them; else -1.
func (e *Engine) foreignLanguage(s *scratch) int {
	counts, local := e.lex.languages(s, e.lex.lang, false)
	best := -1
	for b, n := range counts {
		if n >= minForeignWords && n > local && (best < 0 || n > counts[best]) {
			best = b
		}
	}
	return best
}

// languages counts the query's words that words holds (by their language
// bits) per language: a word of a local language (Norwegian, Sami) counts as
// local, and for no other language. crisis counts only the crisis words,
// and a word that a crisis stem begins as the stem.
func (l *lexicon) languages(s *scratch, words map[string]langSet, crisis bool) (counts [maxLanguages]int, local int) {
	for i := range s.toks {
		if crisis && !s.toks[i].crisis {
			continue
		}
		w := string(s.word(i))
		m := words[w]
		for _, st := range l.crisisStems {
			if crisis && m == 0 && strings.HasPrefix(w, st) {
				m = words[st]
			}
		}
		switch {
		case m == 0:
		case m&l.local != 0:
			local++
		default:
			for b := 0; b < len(counts); b++ {
				if m&(1<<b) != 0 {
					counts[b]++
				}
			}
		}
	}
	return counts, local
}

// markRoles reads whose place a name is from the cue before it: "bor i",
// "live in", "flyttet til" (where the writer lives) or "vokste opp i",
// "jobber i", "fra", "bodde i" (elsewhere). The role lands on the first
// word after the cue that is not a stop or common word, at most maxCueGap
// words on ("bor nå i Harstad").
func (e *Engine) markRoles(s *scratch) {
	s.theirs = false
	if len(e.lex.placeCues) == 0 {
		return
	}
	commute, studying := false, false
	for i := range s.toks {
		switch c, _ := cueAt(s, i, e.lex.placeCues); c {
		case dataset.PlaceCommute:
			commute = true
		case dataset.PlaceStudy:
			studying = true
		case dataset.PlaceTheirs:
			s.theirs = true
		}
	}
	for i := 1; i < len(s.toks); i++ {
		cue, n := cueBefore(s, i, e.lex.placeCues)
		role := roleElsewhere
		switch {
		case cue == dataset.PlaceCommute && e.lex.direction[string(s.word(i))] &&
			e.lex.placeCues[string(s.word(i))] != dataset.PlaceOrigin:
			// Where a commute goes is work: "pendler til Oslo".
		case cue == "" || cue == dataset.PlaceCommute || cue == dataset.PlaceTheirs:
			continue
		case cue == dataset.PlaceCorrection:
			e.retractBefore(s, i-n, i)
			continue
		case cue == dataset.PlaceStudy:
			// A student lives where they study; someone else's studies
			// tell of their home.
			if role = e.whoseHome(s, i-n); role == roleLivesSelf {
				role = roleStudies
			}
		case cue == dataset.PlaceHome && studying:
			// Beside studies, home is the home town.
		case cue == dataset.PlaceHere:
			role = roleLivesSelf
		case cue == dataset.PlaceLives, cue == dataset.PlaceHome, cue == dataset.PlaceOrigin && commute:
			// On a commute, where one travels from is home.
			role = e.whoseHome(s, i-n)
		}
		for k, limit := i, i+maxCueGap; k < len(s.toks) && k <= limit; k++ {
			t := &s.toks[k]
			// Another cue tells of the places after it ("bor alene, jobber
			// i Drammen", "har ikke jobb, bor i Oslo"), and a cue does not
			// reach into the next clause ("utbrent pga jobb, Kr.sand").
			// A cue of elsewhere goes on through another ("fra jobben i
			// Equinor i Stavanger").
			if c, _ := cueAt(s, k, e.lex.placeCues); c != "" && (role != roleElsewhere || !elsewhereCue(c)) || t.clause {
				break
			}
			// A word that names no place, before a place preposition that
			// is no cue of its own ("fra"), is where in that place: "bor
			// alene i huset på Nesodden", "bur åleine på Voss", "bor hos
			// datteren min i Skien". The place follows it.
			// Not after a cue of work: where one works on someone's behalf
			// is often the place asked for ("jobber i hjemmetjenesten i
			// Vestre Toten"); after "fra" it is where one comes from
			// ("skrevet ut fra akuttpsykiatrisk i Kristiansand").
			words := 0 // of the place's name beginning here (placeWords), for a word that is no stop word
			if !t.stop {
				words = e.placeWords(s, k)
			}
			if next := string(s.word(k + 1)); !t.stop && (role != roleElsewhere || cue == dataset.PlaceOrigin) && e.lex.placePreposition[next] && e.lex.placeCues[next] == "" && !s.toks[k+1].clause && !e.isPlaceName(string(s.word(k))) &&
				words < 2 {
				limit += 2
				continue
			}
			// "fra kommunen i Skien", "from the municipality": the place's
			// own office writes, which tells of no origin.
			if cue == dataset.PlaceOrigin && e.lex.municipalityWord[string(s.word(k))] {
				break
			}
			if t.stop || t.common && !t.person || t.noun {
				continue
			}
			// Every word of a name of several words ("Mo i Rana"): a
			// shorter name inside it ("Rana") is the same place; so is
			// the name after a postcode ("fra 0682 Oslo til Spydeberg").
			if t.digits && e.isPlaceName(string(s.word(k+1))) {
				words = 2
			}
			for n := words; n > 0; n-- {
				if u := &s.toks[k+n-1]; u.role == 0 && !u.stop {
					u.role = role
				}
			}
			break
		}
	}
	e.markSelfAt(s)
	e.markNegated(s)
	e.markArrows(s)
}

// markArrows reads a place before an arrow as whence: "Stavanger→Sandnes",
// "moved Oslo -> Tromsø" tell of a move to the place after it.
func (e *Engine) markArrows(s *scratch) {
	for k := 1; k < len(s.toks); k++ {
		if t := &s.toks[k-1]; s.toks[k].arrowed && t.role == 0 && !t.stop && !t.common {
			t.role = roleElsewhere
		}
	}
}

// elsewhereCue reports whether a place cue of category c tells of a place
// that is not home: origin, work, the past.
func elsewhereCue(c string) bool {
	return c == dataset.PlaceElsewhere || c == dataset.PlaceOrigin
}

// placeWords is how many words the longest place's name beginning at
// token k has, up to three ("Mo i Rana"); 1 when none does.
func (e *Engine) placeWords(s *scratch, k int) int {
	key := string(s.word(k))
	n := 1
	for m := 2; m <= 3 && k+m <= len(s.toks); m++ {
		key += string(s.word(k + m - 1))
		if e.isPlaceName(key) {
			n = m
		}
	}
	return n
}

// negatedAt reports whether a negation stands right before token i, or
// before the place preposition right before it ("ikke i Oslo").
func (e *Engine) negatedAt(s *scratch, i int) bool {
	return e.lex.negation[string(s.word(i-1))] ||
		e.lex.placePreposition[string(s.word(i-1))] && e.lex.negation[string(s.word(i-2))]
}

// markNegated takes back a place said with a negation before it when
// another place follows: "ikke Bergen, Bærum", "bor ikke i Oslo lenger,
// men i Asker".
func (e *Engine) markNegated(s *scratch) {
	for i := 1; i < len(s.toks); i++ {
		t := &s.toks[i]
		if t.role != 0 && t.role != roleLivesSelf || !e.negatedAt(s, i) || !e.isPlaceName(string(s.word(i))) ||
			e.lex.direction[string(s.word(i-1))] { // "kjem meg ikkje frå Tingvoll til jobben"
			continue
		}
		for k := i + 1; k < len(s.toks); k++ {
			if u := &s.toks[k]; !u.stop && !u.common && !e.negatedAt(s, k) && e.isPlaceName(string(s.word(k))) {
				t.role = roleRetracted
				break
			}
		}
	}
}

// markSelfAt reads the writer right before a place preposition as where
// the writer is, the verb left out: "kjæresten bor i Stavanger og jeg i
// Haugesund", "mormor i Kautokeino, jeg i Tromsø"; not before one that says
// whither or whence ("… eller må æ te Vadsø"). Someone close right before
// one, with a word of theirs between or none, is where they are:
// "søstera mi i Harstad", "Sønnen i Stavanger", "my grown kids in Oslo".
func (e *Engine) markSelfAt(s *scratch) {
	for i := 2; i < len(s.toks); i++ {
		t := &s.toks[i]
		prep := string(s.word(i - 1))
		if t.role != 0 || t.stop || t.common || !e.lex.placePreposition[prep] || e.lex.direction[prep] {
			continue
		}
		switch {
		case e.lex.isWriter(s.toks[i-2], string(s.word(i-2))):
			t.role = roleLivesSelf
		case e.closeBy(s, i-2) || s.toks[i-2].common && !s.toks[i-2].clause && e.closeBy(s, i-3):
			t.role = roleLives
		}
	}
}

// closeBy reports whether token k names someone close or another person,
// not the writer ("søstera", "familien", "kids"), as a subject: first in
// its clause or after a word of its own ("my grown kids"), not after a
// preposition, an article or another function word ("alone with the kids
// in Bardufoss", "bor hos datteren min i Skien").
func (e *Engine) closeBy(s *scratch, k int) bool {
	if k < 0 || k > 0 && !s.toks[k].clause && (s.toks[k-1].stop || s.toks[k-1].common) {
		return false
	}
	w := string(s.word(k))
	return (e.lex.isKin(w) || e.lex.personNoun[w]) && !e.lex.isWriter(s.toks[k], w)
}

// maxCorrectionGap is how many words after a correction cue its place may
// come ("nei vent, jeg har flytta til Os").
const maxCorrectionGap = 6

// retractBefore takes back the places named before a correction cue that
// begins at token c and ends before token i, when a place's name follows
// it; a place named only before stays the place.
func (e *Engine) retractBefore(s *scratch, c, i int) {
	follows := false
	for k := i; k < len(s.toks) && k < i+maxCorrectionGap && !follows; k++ {
		t := &s.toks[k]
		follows = !t.stop && !t.common && !t.digits && e.isPlaceName(string(s.word(k)))
	}
	if !follows {
		return
	}
	for k := range c {
		s.toks[k].role = roleRetracted
	}
}

// whoseHome ranks a home told by the cue that begins at token c: the
// writer's ("bor i", "jeg bor i", "bor jeg i", "her i") outranks someone
// else's ("mamma bor i", "han bor i", "barna bor i").
func (e *Engine) whoseHome(s *scratch, c int) int8 {
	// The writer among the subjects makes it the writer's home: "vi
	// foreldrene bor i Harstad", "mannen min og jeg bor i".
	// Not across a sentence's beginning: "… når kona er på jobb i
	// Tønsberg. Bor på Tjøme." is the writer's home.
	first := c
	for first > 0 && !s.toks[first].sentence {
		first--
	}
	// After the verb, the subject may have a word before it: "bor den ene i
	// Bergen og den andre i Stockholm".
	near := [...]int{c - 1, c - 2, c + 1, c + 2}
	for _, want := range [...]int8{roleLivesSelf, roleLives} {
		for x, k := range near {
			if x == len(near)-1 && (k >= len(s.toks) || !s.toks[k-1].common || s.toks[k-1].stop) {
				continue
			}
			if k >= first && k < len(s.toks) && e.homeOf(s, k) == want {
				return want
			}
		}
	}
	// Else the clause's subject, further back: "Min datter (23) har
	// anoreksi og bor i Halden" is the daughter's home.
	for k := c - 3; k >= first && c-k <= maxSubjectGap; k-- {
		if role := e.homeOf(s, k); role != 0 {
			return role
		}
		if s.toks[k].clause {
			break
		}
	}
	return roleLivesSelf
}

// homeOf says whose home token k tells of as a subject: the writer's
// ("jeg"), someone else's ("mamma", "han", "familien", a name), or 0.
func (e *Engine) homeOf(s *scratch, k int) int8 {
	w := string(s.word(k))
	switch {
	case e.lex.isWriter(s.toks[k], w):
		return roleLivesSelf
	case e.lex.someoneElse(s.toks[k], w) || e.lex.personNoun[w]:
		return roleLives
	}
	return 0
}

// maxSubjectGap is how far back, in words, whoseHome looks for the subject
// of a home cue within its clause.
const maxSubjectGap = 8

// markNumberWords reads a postcode said in words, as dictation writes it
// ("fem null null tre", "femti femti fem", "tjue tre sytten"): a run of
// number words that makes exactly four digits stands for them (on its first
// word, as a postcode typed in two parts does), and its words are read as
// nothing else. A ten and a digit after it are one number ("femti fem" 55).
func (e *Engine) markNumberWords(s *scratch) {
	if len(e.lex.numberWords) == 0 {
		return
	}
	for i := 0; i < len(s.toks); {
		if code, j := e.saidAsNumber(s, i); code != "" {
			s.toks[i].digits, s.toks[i].code, s.toks[i].common = true, code, true
			for k := i + 1; k < j; k++ {
				s.toks[k].stop = true
			}
			i = j
			continue
		}
		code, j := "", i
		for ; j < len(s.toks) && len(code) <= 4; j++ {
			v, ok := e.lex.numberWords[string(s.word(j))]
			if !ok || s.toks[j].crisis {
				break
			}
			if len(v) == 2 && v[1] == '0' && j+1 < len(s.toks) {
				if d, ok := e.lex.numberWords[string(s.word(j+1))]; ok && len(d) == 1 && d != "0" {
					v, j = v[:1]+d, j+1
				}
			}
			code += v
		}
		if len(code) == 4 && j-i >= 2 {
			s.toks[i].digits, s.toks[i].code, s.toks[i].common = true, code, true
			for k := i + 1; k < j; k++ {
				s.toks[k].stop = true
			}
		}
		i = max(j, i+1)
	}
}

// numberJoiner joins the parts of a number said in words ("fem tusen og
// tre").
const numberJoiner = "og"

// saidAsNumber reads four digits said as a number from token i: a digit,
// thousand, then optionally a digit and hundred, then a ten and a digit or
// a number below twenty, "og" between any of them ("fire tusen seks hundre
// og ti" 4610, "ni tusen og åtte" 9008). It returns the digits and the
// token after them, or "" and i. An amount or a year is no postcode ("to
// tusen kroner", "siden to tusen og nitten").
func (e *Engine) saidAsNumber(s *scratch, i int) (string, int) {
	d := e.numberAt(s, i)
	if d < 1 || d > 9 || e.numberAt(s, i+1) != 1000 || e.lex.yearCue[string(s.word(i-1))] {
		return "", i
	}
	n, j := d*1000, i+2
	for part := 0; part < 4 && j < len(s.toks); part++ {
		v := e.numberAt(s, j)
		switch {
		case string(s.word(j)) == numberJoiner:
		case v >= 1 && v <= 9 && e.numberAt(s, j+1) == 100 && n%1000 == 0:
			n += v * 100
			j++
		case v >= 1 && v < 100 && n%100 == 0 || v >= 1 && v <= 9 && n%10 == 0 && n%100 >= 20:
			n += v
		default:
			part = 4
			continue
		}
		j++
	}
	if _, ok := e.lex.numberCues[string(s.word(j))]; ok {
		return "", i
	}
	return string([]byte{byte('0' + n/1000), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)}), j
}

// numberAt is the value of the number word at token k, or -1.
func (e *Engine) numberAt(s *scratch, k int) int {
	if k >= len(s.toks) || s.toks[k].crisis {
		return -1
	}
	if v, ok := e.lex.numberWords[string(s.word(k))]; ok {
		n, _ := digitsValue([]byte(v))
		return n
	}
	return -1
}

// readPostcodes reads the postcode of the query: four digits that exist
// (or two groups that make them, "50 03") resolve; 1-3 digits at the end
// suggest postcodes.
func (e *Engine) readPostcodes(s *scratch, r *reading) {
	for i := range s.toks {
		t := &s.toks[i]
		if !t.digits || t.stop {
			continue
		}
		code := t.code
		if code == "" {
			code = string(s.fold[t.a:t.b])
		}
		switch {
		case len(code) == 4:
			if p := e.postcodeIndex(code); p >= 0 && (r.pc < 0 || t.role > s.toks[r.pcToken].role) {
				r.pc, r.pcToken = p, i
			}
		case len(code) < 4 && i == len(s.toks)-1:
			r.pcPrefix = code
		}
	}
}

// markEnglishI marks the English "I", which folds to "i" like the Norwegian
// preposition: every "i" of an English sentence ("my husband moved to Bergen
// but I stayed in Voss", "i live in tromsø"), and a capital I inside any
// sentence.
func (e *Engine) markEnglishI(s *scratch) {
	english := s.lang >= 0 && langSet(1)<<s.lang == e.lex.langBit["en"]
	for i := range s.toks {
		if t := &s.toks[i]; string(s.word(i)) == "i" && (english || t.upper) {
			t.writerI = true
		}
	}
}
