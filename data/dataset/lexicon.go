package dataset

// Helpers for the lexicon (Lexeme): the language tags an entry may carry,
// the roles that are crisis cues, and the Norwegian word for each role. The
// engine needs none of them; validation, the diff and the CLI do.

// LexiconLanguages lists the language tags a lexicon entry may carry (BCP 47
// primary tags), with the language's name in Norwegian: the languages of
// Norway (bokmål, nynorsk, the Sami languages, Kven) and the languages people
// in Norway write most besides them. "no" is a form bokmål and nynorsk share;
// "und" is a form of no single language. A new language is one line here.
func LexiconLanguages() []LanguageTag {
	return []LanguageTag{
		{"nb", "bokmål"}, {"nn", "nynorsk"}, {"no", "norsk (bokmål og nynorsk)"},
		{"se", "nordsamisk"}, {"smj", "lulesamisk"}, {"sma", "sørsamisk"}, {"fkv", "kvensk"},
		{"en", "engelsk"}, {"sv", "svensk"}, {"da", "dansk"}, {"de", "tysk"}, {"pl", "polsk"},
		{"lt", "litauisk"}, {"uk", "ukrainsk"}, {"ru", "russisk"}, {"ar", "arabisk"}, {"so", "somali"},
		{"ti", "tigrinja"}, {"fa", "persisk"}, {"tr", "tyrkisk"}, {"ur", "urdu"}, {"es", "spansk"},
		{"tl", "tagalog"}, {"vi", "vietnamesisk"}, {"th", "thai"}, {"ku", "kurdisk (kurmanji)"},
		{"ckb", "kurdisk (sorani)"}, {"ro", "rumensk"}, {"fr", "fransk"}, {"pt", "portugisisk"},
		{"fi", "finsk"}, {"is", "islandsk"}, {"it", "italiensk"}, {"hu", "ungarsk"}, {"sq", "albansk"}, {"hbs", "bosnisk, kroatisk og serbisk"},
		{"hi", "hindi"}, {"pa", "panjabi"}, {"zh", "kinesisk"}, {"ja", "japansk"}, {"ko", "koreansk"},
		{"el", "gresk"}, {"he", "hebraisk"}, {"am", "amharisk"}, {"ka", "georgisk"}, {"hy", "armensk"}, {"bn", "bengali"}, {"ta", "tamil"},
		{"nl", "nederlandsk"}, {"lv", "latvisk"}, {"et", "estisk"}, {"bg", "bulgarsk"}, {"cs", "tsjekkisk"}, {"sk", "slovakisk"},
		{"ps", "pashto"}, {"ne", "nepali"}, {"sw", "swahili"},
		{"und", "uten ett bestemt språk"},
	}
}

// LanguageTag is one language a lexicon entry may be in.
type LanguageTag struct {
	Tag  string // "nb"
	Name string // "bokmål"
}

// CrisisRole reports whether entries of role decide whether crisis help is
// shown: crisis stems and phrases, another's suicide, and the words that
// undo a crisis phrase. Such entries need a clinician's eye, and a change to
// one needs a second review.
func CrisisRole(role string) bool {
	switch role {
	case RoleCrisisStem, RoleCrisisPhrase, RoleBereaved, RoleCrisisUndo, RoleCrisisSubject, RoleCrisisPast, RoleCrisisCue, RoleCrisisRule:
		return true
	}
	return false
}

// RoleLabel is the Norwegian word for a lexeme role ("krisefrase"), or ""
// for an unknown role.
func RoleLabel(role string) string {
	switch role {
	case RoleStop:
		return "stoppord"
	case RoleCommon:
		return "vanlig ord"
	case RoleNoun:
		return "vanlig substantiv"
	case RolePlainWord:
		return "stedsnavn uten særbokstaver"
	case RoleHomograph:
		return "homograf"
	case RolePlacePreposition:
		return "stedspreposisjon"
	case RoleYearCue:
		return "årstallsord"
	case RoleIdiom:
		return "uttrykk"
	case RoleMunicipalityWord:
		return "kommuneord"
	case RoleLossVerb:
		return "tapsverb"
	case RoleBehalf:
		return "på vegne av"
	case RoleKinVerb:
		return "slektningsverb"
	case RoleDeathWord:
		return "dødsord"
	case RoleArticle:
		return "artikkel"
	case RoleKin:
		return "nærstående"
	case RoleBereaved:
		return "etterlattfrase"
	case RoleCrisisStem:
		return "krisestamme"
	case RoleCrisisPhrase:
		return "krisefrase"
	case RoleCrisisUndo:
		return "kriseoppheving"
	case RoleCrisisSubject:
		return "krisetemaord"
	case RoleCrisisPast:
		return "fortidsord ved krise"
	case RoleInflection:
		return "bøyningsendelse"
	case RolePlaceCase:
		return "kasusendelse på stedsnavn"
	case RolePrefix:
		return "forstavelse"
	case RoleCompoundHead:
		return "etterledd"
	case RoleLinker:
		return "fugebokstav"
	case RolePlaceCue:
		return "stedssignal"
	case RoleNameCue:
		return "navnesignal"
	case RoleNumberCue:
		return "tallsignal"
	case RoleAbroad:
		return "sted i utlandet"
	case RoleSelf:
		return "skriveren selv"
	case RoleOther:
		return "en annen person"
	case RoleCrisisCue:
		return "krisesignal i kombinasjon"
	case RoleCrisisRule:
		return "kriseregel"
	case RoleNumberWord:
		return "tallord"
	case RoleExonym:
		return "kommunenavn på et annet språk"
	case RoleTopicWord:
		return "temaord"
	case RoleCrisisCard:
		return "krisekortets linje"
	}
	return ""
}

// CategoriesOf lists the categories an entry of role may carry: crisis
// categories for crisis stems, phrases and another's suicide, place roles for
// place cues, number roles for number cues, and nil for every other role
// (whose entries carry no category).
func CategoriesOf(role string) []string {
	switch role {
	case RoleCrisisStem, RoleCrisisPhrase, RoleBereaved, RoleCrisisRule:
		return CrisisCategories()
	case RolePlaceCue:
		return PlaceRoles()
	case RoleNumberCue:
		return NumberRoles()
	case RoleCrisisCue:
		return CrisisCueCategories()
	case RoleNumberWord:
		return NumberWordValues()
	case RoleCrisisPast:
		return []string{PastLongAgo, PastAgain, PastJest}
	}
	return nil
}

// OtherReflexive is the category of another person's word that turns a
// verb back on its subject ("seg", "sitt", "herself"): a crisis verb with
// it is the act of someone else on themselves ("kjæresten truer med å
// drepe seg"), not an act against the writer.
const OtherReflexive = "reflexive"

// Categories of crisis_past: a phrase that says the crisis words of its
// clause are long past ("for ti år siden"); one that, anywhere in a
// message, says the past is back ("igjen"): then nothing is long past; and
// a word of laughter ("lol", "haha"): in its sentence, a threat to the
// writer by someone or something else is said in jest ("sjefen dreper meg
// hvis jeg kommer for sent lol").
const (
	PastLongAgo = "past"
	PastAgain   = "again"
	PastJest    = "jest"
)

// LocalLanguages are the languages of a sentence in which a place's name is
// the place: Norwegian (bokmål, nynorsk, either), the Sami languages, Kven,
// and forms of no single language. A common word of another language that
// shares a Norwegian place's name is a word only in that language's
// sentences.
func LocalLanguages() []string { return []string{"nb", "nn", "no", "se", "smj", "sma", "fkv", "und"} }
