package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
)

// lexicon is the language the engine reads queries with, built from the
// dataset's curated lexicon (data/lexicon.json): which words are stop words,
// ordinary words, cues, crisis signals, endings. Every word is folded (see
// Normalize: ø→o, æ→e, å→a). The names and topic words come from the rest
// of the dataset; the lexicon is about the language, not the places.
type lexicon struct {
	stop, common, noun, homograph, placePreposition, yearCue, municipalityWord wordSet
	// nounCaps are the languages that write every noun with a capital
	// (German): a capital there names nothing.
	nounCaps                                                                     langSet
	compoundHead, crisisUndo, linker, kinVerb, crisisSubject, deathWord, article wordSet
	// crisisPast holds the phrases that say crisis words in their clause
	// are long past ("for ti år siden", "som tenåring"): a map of strings,
	// as every cue map, so that cue reads it.
	crisisPast map[string]string
	// nameCue are the words before a person's name ("heter"), by their
	// words; a map of strings like the other cues, so that one cue reader
	// serves them all.
	nameCue        map[string]string
	plain          wordSet
	idiom          wordSet // "i stad": two folded words
	lossVerbs, kin []string
	crisisStems    []string
	// phrases are the crisis and bereavement phrases split into words, by
	// first word, so that a query is compared only with the phrases its
	// words can begin.
	phrases  map[string][]phrase
	bereaved []string // folded phrases that tell of another's suicide
	// inflections are the endings of topic words, longest first.
	inflections []string
	// caseStems maps the stem of a topic word of another language
	// (caseStem) to the word: "depresj" to "depresja".
	caseStems map[string]string
	// placeCases are the endings other languages put on a place's name
	// ("Vadsøssa", "Бергене"), longest first.
	placeCases []string
	// unspacedNames are the exonyms, topic words and crisis words in a
	// script written without spaces ("オスロ", "奥斯陆", "离婚", "想死"),
	// folded: read inside a run of that script.
	unspacedNames []string
	// prefixes are the proclitics a word may carry ("و", "ف"): a crisis
	// cue is read without them ("ولا" is "لا").
	prefixes []string
	// placeCues are the words before a place that say whose it is, by
	// their words (one or two), with the category.
	placeCues map[string]string
	// numberCues say what digits next to them are (category).
	numberCues map[string]string
	kinSet     wordSet // kin as a set
	self       wordSet // the writer: "jeg", "eg"
	// selfLocal are the writer's words in Norwegian or Sami ("meg",
	// "sjølv", "sjøl"): in a crisis phrase any form of the writer stands
	// for one of these (English "me" is not "myself").
	selfLocal wordSet
	// notLocal are the negations in Norwegian or Sami ("ikke", "ikkje",
	// "itj", "itte"): in a crisis phrase any one stands for another ("e
	// orke itj meir" is "orker ikke mer" in Trøndelag).
	notLocal wordSet
	// negation are the negations of Norwegian, Sami and English: before a
	// place or a topic beside another, they take it back ("ikke angst, men
	// depresjon", "not Oslo, Bærum").
	negation wordSet
	other    wordSet // another person: "han", "hun"
	kinLocal wordSet // the kin words of Norwegian and Sami: read in the genitive too
	// behalf are the phrases before someone close that seek help for them
	// ("spør for", "på vegne av").
	behalf wordSet
	// reflexive are the other person's words that turn a verb back on its
	// subject ("seg", "herself"): a crisis verb with one is another's act
	// on themselves.
	reflexive  wordSet
	personNoun wordSet // a noun for a person before a capitalised name: "kollegaen"
	near       wordSet // a place preposition that says near: "ved", "nær"
	direction  wordSet // a place preposition that says whither or whence: "til", "fra"
	// crisisCues are signals that raise crisis help only together
	// (dataset.CrisisCueCategories), by their folded words.
	crisisCues map[string]string
	// cueStems are the one-word crisis cues by their stem (the cue less an
	// inflection ending, at least minCueStem letters): "piller" and
	// "pillane" give "pill", so "pillene" and "pillan" are the same cue.
	cueStems map[string]string
	// exonyms are municipalities' names in other languages and scripts,
	// as written, by municipality number ("0301": "Осло", "أوسلو").
	exonyms map[string][]string
	// numberWords are numbers said in words, with their value ("fem": "5").
	numberWords map[string]string
	// crisisRules are the cue categories that raise crisis help together.
	crisisRules []crisisRule
	// topicWords are the lexicon's words for each topic, by topic id, as
	// written.
	topicWords map[string][]string
	abroad     map[string]string // places outside Norway, one to three folded words (values "")
	// lang holds, for each stop or common word, the languages it is a word
	// of (one bit per language, langBit); localCommon holds the common
	// words that are also the name of a place: they are words only in a
	// sentence of their own language ("time" in English, "sola" in Spanish).
	lang        map[string]langSet
	localCommon map[string]langSet
	langBit     map[string]langSet
	// local is the bits of the languages whose sentences name Norwegian
	// places as they are: Norwegian in either form and Sami.
	local langSet
	// crisisLang holds, for each folded word of a crisis stem, phrase or
	// cue, the languages it is a crisis word of (langBit); cards are the
	// crisis card's lines in other languages (dataset.RoleCrisisCard).
	crisisLang map[string]langSet
	cards      []dataset.Lexeme
}

// langSet holds one bit per language of the lexicon (langBit): up to
// maxLanguages, more than the lexicon's 38 tags of 2026-12-07.
type langSet uint64

const maxLanguages = 64

// bit returns the bit of language tag, giving it one when new.
func (l *lexicon) bit(tag string) langSet {
	b, ok := l.langBit[tag]
	if !ok && len(l.langBit) < maxLanguages {
		b = 1 << len(l.langBit)
		l.langBit[tag] = b
	}
	return b
}

// phrase is one crisis or bereavement phrase in folded words.
type phrase struct {
	words    []string
	bereaved bool
	// acute is a phrase of danger now from someone else ("skal drepe
	// meg", "going to kill me"): violence, as a crisis rule's is.
	acute bool
}

// wordSet is a set of folded words.
type wordSet map[string]bool

// newLexicon builds the lexicon from the dataset's entries. Entries of a
// role it does not know are skipped: the validator names them.
func newLexicon(entries []dataset.Lexeme) *lexicon {
	l := &lexicon{phrases: map[string][]phrase{}, placeCues: map[string]string{}, numberCues: map[string]string{},
		nameCue: map[string]string{}, abroad: map[string]string{},
		lang: map[string]langSet{}, localCommon: map[string]langSet{}, langBit: map[string]langSet{},
		crisisCues: map[string]string{}, numberWords: map[string]string{}, exonyms: map[string][]string{}, topicWords: map[string][]string{},
		crisisLang: map[string]langSet{}, crisisPast: map[string]string{}, caseStems: map[string]string{}}
	for _, tag := range dataset.LocalLanguages() {
		l.local |= l.bit(tag)
	}
	l.nounCaps = l.bit("de")
	sets := map[string]*wordSet{
		dataset.RoleStop: &l.stop, dataset.RoleCommon: &l.common, dataset.RoleNoun: &l.noun, dataset.RoleHomograph: &l.homograph,
		dataset.RolePlacePreposition: &l.placePreposition, dataset.RoleYearCue: &l.yearCue,
		dataset.RoleMunicipalityWord: &l.municipalityWord, dataset.RoleCompoundHead: &l.compoundHead,
		dataset.RoleCrisisUndo: &l.crisisUndo, dataset.RolePlainWord: &l.plain,
		dataset.RoleIdiom: &l.idiom, dataset.RoleSelf: &l.self,
		dataset.RoleOther: &l.other, dataset.RoleLinker: &l.linker, dataset.RoleKinVerb: &l.kinVerb, dataset.RoleBehalf: &l.behalf,
		dataset.RoleCrisisSubject: &l.crisisSubject, dataset.RoleDeathWord: &l.deathWord, dataset.RoleArticle: &l.article,
	}
	for _, s := range sets {
		*s = wordSet{}
	}
	l.personNoun, l.selfLocal, l.notLocal, l.near, l.direction, l.reflexive, l.kinLocal, l.negation = wordSet{}, wordSet{}, wordSet{}, wordSet{}, wordSet{}, wordSet{}, wordSet{}, wordSet{}
	for _, x := range entries {
		f := foldKeyWords(x.Text)
		if f == "" {
			continue
		}
		if x.Role == dataset.RoleStop || x.Role == dataset.RoleCommon {
			l.lang[f] |= l.bit(x.Language)
		}
		if dataset.CrisisRole(x.Role) {
			tellsLanguage := x.Role == dataset.RoleCrisisStem || x.Role == dataset.RoleCrisisPhrase || x.Role == dataset.RoleBereaved || x.Role == dataset.RoleCrisisCue
			for _, w := range splitOn(f, " ") {
				if tellsLanguage {
					l.crisisLang[w] |= l.bit(x.Language)
				}
				// A crisis word in a script written without spaces is read
				// inside a run of it too: "我想死了" is "我", "想死" and "了".
				if r, _ := utf8.DecodeRuneInString(w); unspaced(r) {
					l.unspacedNames = append(l.unspacedNames, w)
				}
			}
		}
		if x.Role == dataset.RoleCommon && x.Place != "" && l.bit(x.Language)&l.local == 0 {
			// A foreign word that is a Norwegian place's name ("time"):
			// a word only in a sentence of its language.
			l.localCommon[f] |= l.bit(x.Language)
			continue
		}
		if x.Role == dataset.RoleSelf && l.bit(x.Language)&l.local != 0 {
			l.selfLocal[f] = true
		}
		if x.Role == dataset.RoleCrisisCue && x.Category == dataset.CueNot {
			local := l.bit(x.Language)&l.local != 0
			if local {
				l.notLocal[f] = true
			}
			if local || x.Language == "en" {
				l.negation[f] = true
			}
		}
		if x.Role == dataset.RoleOther && x.Category == dataset.OtherReflexive {
			l.reflexive[f] = true
		}
		if x.Role == dataset.RolePlacePreposition && x.Category == dataset.PrepositionNear {
			l.near[f] = true
		}
		if x.Role == dataset.RolePlacePreposition && x.Category == dataset.PrepositionDirection {
			l.direction[f] = true
		}
		if x.Role == dataset.RoleNameCue && x.Category == dataset.NamePerson {
			l.personNoun[f] = true
			continue
		}
		if s, ok := sets[x.Role]; ok {
			(*s)[f] = true
			continue
		}
		switch x.Role {
		case dataset.RoleLossVerb:
			l.lossVerbs = append(l.lossVerbs, f)
		case dataset.RoleKin:
			l.kin = append(l.kin, f)
			if l.bit(x.Language)&l.local != 0 {
				l.kinLocal[f] = true
			}
		case dataset.RoleCrisisStem:
			l.crisisStems = append(l.crisisStems, string(dropSpaces([]byte(f))))
		case dataset.RoleCrisisPhrase, dataset.RoleBereaved:
			w := splitOn(f, " ")
			bereaved := x.Role == dataset.RoleBereaved
			acute := x.Category == dataset.CrisisAcute
			l.phrases[w[0]] = append(l.phrases[w[0]], phrase{words: w, bereaved: bereaved, acute: acute})
			if bereaved {
				l.bereaved = append(l.bereaved, f)
			}
		case dataset.RoleInflection:
			l.inflections = append(l.inflections, f)
		case dataset.RolePlaceCase:
			l.placeCases = append(l.placeCases, f)
		case dataset.RolePrefix:
			l.prefixes = append(l.prefixes, f)
		case dataset.RolePlaceCue:
			l.placeCues[f] = x.Category
		case dataset.RoleNameCue:
			l.nameCue[f] = x.Category
		case dataset.RoleAbroad:
			l.abroad[f] = ""
		case dataset.RoleNumberCue:
			l.numberCues[f] = x.Category
		case dataset.RoleCrisisCue:
			l.crisisCues[f] = x.Category
		case dataset.RoleExonym:
			l.exonyms[x.Place] = append(l.exonyms[x.Place], x.Text)
			if r, _ := utf8.DecodeRuneInString(f); unspaced(r) {
				l.unspacedNames = append(l.unspacedNames, f)
			}
		case dataset.RoleNumberWord:
			l.numberWords[f] = x.Category
		case dataset.RoleCrisisRule:
			l.crisisRules = append(l.crisisRules, newCrisisRule(f, x.Category))
		case dataset.RoleTopicWord:
			l.topicWords[x.Category] = append(l.topicWords[x.Category], x.Text)
			if st, ok := caseStem(f); ok && l.bit(x.Language)&l.local == 0 && l.caseStems[st] == "" {
				l.caseStems[st] = f
			}
			// A topic's word in such a script is read inside a run of it
			// too: "我离婚了" is "我", "离婚" and "了".
			if r, _ := utf8.DecodeRuneInString(f); unspaced(r) {
				l.unspacedNames = append(l.unspacedNames, f)
			}
		case dataset.RoleCrisisCard:
			l.cards = append(l.cards, x)
		case dataset.RoleCrisisPast:
			l.crisisPast[f] = x.Category
		}
	}
	// A word for someone close is an ordinary word: never a place ("tante"
	// is not Tråante).
	l.kinSet = wordSet{}
	for _, k := range l.kin {
		l.kinSet[k] = true
		// Someone close is a crisis cue too ("kin act": "onkel skjøt seg"),
		// unless the word is already a cue of its own.
		if _, ok := l.crisisCues[k]; !ok {
			l.crisisCues[k] = dataset.CueKin
		}
		l.common[k] = true
	}
	l.dropForeignOthers(entries)
	sort.SliceStable(l.inflections, func(a, b int) bool { return len(l.inflections[a]) > len(l.inflections[b]) })
	sort.SliceStable(l.placeCases, func(a, b int) bool { return len(l.placeCases[a]) > len(l.placeCases[b]) })
	l.cueStems = l.stemCues(entries)
	return l
}

// dropForeignOthers takes out of the other persons a pronoun of another
// language that is an ordinary Norwegian word: German "er" is "is", English
// "her" is "here", and "jeg er så død i dag" has no one else in it.
func (l *lexicon) dropForeignOthers(entries []dataset.Lexeme) {
	for _, x := range entries {
		f := foldKeyWords(x.Text)
		if x.Role == dataset.RoleOther && l.bit(x.Language)&l.local == 0 && l.lang[f]&l.local != 0 {
			delete(l.other, f)
			delete(l.reflexive, f)
		}
	}
}

// minCueStem is the shortest stem an inflected crisis cue is read by: "tau"
// less "et" leaves too little to tell words apart.
const minCueStem = 4

// stemCues maps the stems of the one-word crisis cues to their
// categories: each cue itself and the cue less each inflection ending it
// carries. A stem two cues share keeps the first cue's category (the
// lexicon's order, not a map's).
func (l *lexicon) stemCues(entries []dataset.Lexeme) map[string]string {
	stems := map[string]string{}
	add := func(stem, cat string) {
		if _, ok := stems[stem]; !ok && len(stem) >= minCueStem {
			stems[stem] = cat
		}
	}
	for _, x := range entries {
		if x.Role != dataset.RoleCrisisCue {
			continue
		}
		w, cat := foldKeyWords(x.Text), x.Category
		if strings.Contains(w, " ") {
			continue
		}
		add(w, cat)
		// The inflections are Norwegian endings: another language's cue
		// is read as written ("pengét", Hungarian for a blade, is no
		// "penger"; Somali "hadda" is no "hadde").
		if l.bit(x.Language)&l.local == 0 {
			continue
		}
		for _, end := range l.inflections {
			// An ordinary word is no other inflection of a cue: "skjer"
			// (happens) is no "skjærer" (cuts), folded "skjerer".
			if strings.HasSuffix(w, end) && !l.common[w[:len(w)-len(end)]] {
				add(w[:len(w)-len(end)], cat)
			}
		}
	}
	return stems
}

// inflectedCue reads w as a one-word crisis cue with another inflection
// ending ("pillan" for "piller", "kloret" for "klorer") or a proclitic
// before it ("ولا" for "لا"): the category, or "".
func (l *lexicon) inflectedCue(w string) string {
	if c, ok := l.cueStems[w]; ok {
		return c
	}
	for _, pre := range l.prefixes {
		if len(w) > len(pre)+2 && strings.HasPrefix(w, pre) {
			rest := w[len(pre):]
			if c, ok := l.crisisCues[rest]; ok && c != dataset.CueKin {
				return c
			}
		}
	}
	for _, end := range l.inflections {
		if len(w)-len(end) >= minCueStem && strings.HasSuffix(w, end) {
			if c, ok := l.cueStems[w[:len(w)-len(end)]]; ok {
				return c
			}
		}
	}
	return ""
}

// Someone close named in a compound whose head is a word for them
// ("lagkameraten", "romkameraten", "tvillingbroren", "barndomsvennen"):
// the head has at least minKinHead letters (folded bytes), so that "mor",
// "far" and "bror" end no other word, and the first part at least
// minKinPrefix.
const (
	minKinHead   = 5
	minKinPrefix = 3
)

// minGenitiveKin is the shortest kin word read in the genitive: "fars",
// "mors". Only Norwegian and Sami kin words: in Spanish or English the s
// makes a plural ("padres", "sons").
const minGenitiveKin = 3

// isKin reports whether w, a folded word, names someone close: a kin word,
// in the genitive or not, or a compound with one as its head.
func (l *lexicon) isKin(w string) bool {
	if l.kinSet[w] {
		return true
	}
	// The genitive: "fars alkoholisme", "mammas kreft".
	if g, ok := strings.CutSuffix(w, "s"); ok && len(g) >= minGenitiveKin && l.kinLocal[g] {
		return true
	}
	for k := minKinPrefix; k+minKinHead <= len(w); k++ {
		if l.kinSet[w[k:]] {
			return true
		}
	}
	return false
}

// Another language's case endings on its topic words: "z depresją" and
// "с депрессией" are "depresja" and "депрессия", "самотністю" is
// "самотність". A word of such a language is read by its stem (the word
// less a final vowel or soft sign) and at most maxCaseEnding letters more.
// The stem keeps at least minCaseStem letters, so that it names the topic
// alone; Norwegian words have inflections of their own (RoleInflection).
const (
	minCaseStem   = 5
	maxCaseEnding = 4
	caseVowels    = "aeiouyąęаеиоуыэюяіїєьйə"
)

// caseStem returns the stem a one-word topic word of another language is
// read by in its other cases.
func caseStem(w string) (string, bool) {
	if strings.IndexByte(w, ' ') >= 0 {
		return "", false
	}
	stem := w
	if r, size := utf8.DecodeLastRuneInString(w); strings.ContainsRune(caseVowels, r) {
		stem = w[:len(w)-size]
	}
	return stem, utf8.RuneCountInString(stem) >= minCaseStem
}
