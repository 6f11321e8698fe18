package search

import "strings"

// The small vocabularies the engine reads a query with, all folded (see
// Normalize: ø→o, æ→e, å→a). They are about the language, not the data:
// the names and topic words come from the dataset.

// wordSet is a set of folded words built from a space-separated list: the
// lists stay readable and cost the browser module only their text.
type wordSet map[string]bool

func newWordSet(lists ...string) wordSet {
	w := wordSet{}
	for _, l := range lists {
		for _, f := range strings.Fields(l) {
			w[foldKey(f)] = true
		}
	}
	return w
}

// stopWords are skipped between a place and a topic ("angst i tromsø",
// "grupper for sorg near bergen", "N-5003", "postnr 4307"); inside a name
// they still count ("Mo i Rana"). Generic words for what the finder offers
// (gruppe, støtte, kurs, hjelp, møte) are stop words too: they never
// outrank a named topic.
var stopWords = newWordSet(
	"i på for in near nær ner ved til om med og rundt nära at the of",
	"kommune kommun gielda suohkan kommunen",
	"gruppe grupper gruppa gruppene gruppen selvhjelp sjølvhjelp selvhjelpsgrupper sjølvhjelpsgrupper",
	"hjelp støtte stønad kurs møte møter møtested treff samtale samtaler samtalegrupper støttegruppe støttegrupper",
	"group groups support help meeting meetings self-help selfhelp",
	"n no postnr postnummer pnr postkode post nr",
)

// commonWords are ordinary Norwegian and English words that are not place
// names: pronouns, auxiliaries and common verbs, adverbs, conjunctions,
// question words, greetings and the family words of a sentence ("kona mi
// har kreft", "hva er dette", "hei"). A common word never resolves a place,
// not even by prefix or typo; it may still be a topic word ("alene").
// A test checks that none of them is a municipality's name ("hå" is Hå,
// so the verb "ha" is not listed).
var commonWords = newWordSet(
	// pronouns and determiners, bokmål and nynorsk
	"jeg eg meg deg du han hun ho hen vi me oss dere de dei dykk dem seg sjøl selv sjølv",
	"min mi mitt mine din di ditt dine hans hennes hennar vår vårt våre deres dykkar sin si sitt sine",
	"den det denne dette disse dei desse noen nokon noe noko ingen ingenting inkje alle alt alles man en ei et eit ein",
	"hverandre kvarandre annen anna annet andre slik sånn sånt slike",
	// auxiliaries and common verbs, present and past
	"er var vært har hadde hatt blir ble blei vart blitt vil ville kan kunne skal skulle må måtte bør burde",
	"får fikk fått gjør gjorde gjer går gikk gjekk kommer kom sier sa seier vet veit visste tror trur trodde",
	"føler følte kjenner kjente tenker tenkte tenkjer sliter slet strever trenger treng trengte ønsker ønsket",
	"orker orket klarer klarte greier lever levde bor bur bodde mistet mista miste mister tapte taper",
	"spiser sover sov gråter gråt snakker snakke prate prater finne finner fant finnes fins søker søkte leter lete",
	"være vere bli gjøre gjere hjelpe hjelper trenge komme gå ta tar tok gi gir ga se ser så høre hører",
	"vite lure lurer spørre spør spurte skrive skriver lese leser bruke bruker jobbe jobber jobbet starte starter",
	"begynne begynte begynner sitte sitter ligge ligger står stå møtes ringe ringer ringte fortelle forteller",
	"heter het kalles ønske vente venter lyst liker likte elsker savner savna savnet",
	// adverbs, conjunctions, prepositions, question words
	"ikke ikkje ikkje også ogso men eller enn så da då nå no her der hit dit hvor kor hvordan korleis",
	"hva kva hvem kven hvorfor kvifor når hvilken hvilke kva slags ja nei jo bare berre veldig mye mykje",
	"lite litt mer meir mest mindre alltid aldri ofte sjelden snart igjen att allerede alt fortsatt framleis",
	"enda endå kanskje helt heilt svært nesten inn ut opp ned hjemme heime borte over under etter før",
	"mellom mot fra frå av uten utan hos gjennom langt nær nært både hver kvar hele heile fordi siden sidan",
	"derfor difor dersom hvis viss om når mens medan egentlig eigentleg faktisk plutselig lenge lenger tidligere",
	"sammen saman alene einsam akkurat kun også først siste neste nye ny gammel gamle stor store liten små",
	"syk sjuk syke sjuke frisk tynn tykk stygg pen fin glad lei redd sliten trøtt sint",
	// greetings and politeness
	"hei hallo heisann heia hi hello hey takk tusen god godt morn morna dag kveld natt unnskyld sorry please",
	// people in a sentence
	"mann mannen kone kona mor mora moren far faren foreldre foreldrene barn barna barnet sønn sønnen",
	"datter dattera datteren bror broren søster søstera venn venner venninne kjæreste samboer familie familien",
	"lege legen fastlege fastlegen psykolog psykologen nav person personer folk mennesker menneske noen",
	// time and everyday nouns
	"år året uke uka måned tid tida dag dagen dager hverdag livet liv ting",
	// English function words and everyday words
	"i me my mine you your we our they them he she it its is am are was were be been being have has had",
	"do does did will would can could should shall may might must want wanted need needs feel feeling felt",
	"what where when who why how which that this these those there here and or but not no yes so very",
	"with without from about into onto near nearby around someone anyone somebody anybody looking find",
	"talk talking meet people person lost losing loss weight life living live someone something anything",
	// words one letter from a place ("trene" Træna, "i fjor" Fjord)
	"trene trener trent trening fjor",
)

// plainWords are ordinary words that are also the folded names of places
// typed without their letters: "ha" (Hå), "bo" (Bø), "time" (Time), "fet"
// (Fet), "ski" (Ski). Typed exactly so in a query of several words they
// are words ("jeg vil ha mer hjelp"); alone, or typed "hå", "bø", a place.
var plainWords = []string{"ha", "bo", "time", "fet", "ski"}

// homographPlaces are municipalities named by an ordinary word, folded:
// "sola skinner", "langs stranda", "røde kinn", "et hol i hjartet", "grue
// meg", "råde meg", "ferie på gran canaria" aside, "my gran died", "i stad".
// In a query of minHomographTokens words or more they are words unless a
// place preposition comes right before, "kommune" right after (placeCue)
// or a county or region ("os hordaland"); in a shorter query ("sola
// angst") they are places.
var homographPlaces = newWordSet(
	"sola stranda strand fjord kinn stad hol hole grue rade trena rost gran as os al heim vik lom nes",
	"vang sande lund lier leka loppa hvaler marker stange oyer sel alver osen valle tinn fla",
)

// minHomographTokens is the shortest query in which a homograph place is
// read as the ordinary word: two words are a place and a topic ("sola
// angst"), three or more begin to be a sentence.
const minHomographTokens = 3

// placePrepositions, right before a homograph or plain word, make it a
// place ("bor i lom", "fra ski", "in hole").
var placePrepositions = newWordSet("i pa fra til in from")

// yearCues introduce a year ("i 2019", "fra 2020", "siden 2021", "in
// 2019"); minYear and maxYear bound what is read as one. Postcodes in that
// range typed after these words are rare; a year read as a postcode sends
// "pappa døde i 2019" to Lillestrøm.
var yearCues = newWordSet("i fra siden sidan sia til etter før in since from until after before år året")

const (
	minYear = 1940
	maxYear = 2039
)

// homographIdioms, folded, are word pairs in which a homograph place is a
// word even after a place preposition: "i stad" (a while ago), "gran
// canaria".
var homographIdioms = map[string]bool{"i stad": true, "gran canaria": true}

// municipalityWords, right after a name, say it is a municipality.
var municipalityWords = newWordSet("kommune kommun kommunen")

// lossVerbs and personWords make the phrases of bereavement ("mistet
// mannen min", "mista mor", "lost my mother"): every pair is a word for
// the grief topic.
var (
	lossVerbs   = "mistet mista miste mister misser lost losing"
	personWords = "mann mannen kona kone mor mora moren mamma far faren pappa foreldre foreldrene barn " +
		"barnet barna sønn sønnen sonen datter dattera datteren dotter dottera bror broren søster søstera " +
		"søsteren bestemor bestemora bestefar bestefaren besteforeldre venn vennen venninne venninna " +
		"kjæreste kjæresten samboer samboeren ektemann ektefelle ektefellen partner partneren baby babyen " +
		"tvilling tvillingen husband wife mother father mum mom dad son daughter child baby brother sister " +
		"friend parent parents grandmother grandfather partner"
)

// griefTopic is the topic the bereavement phrases read as.
const griefTopic = "sorg"

// bereavedPhrases, folded, tell of another person's suicide: the answer
// carries the crisis lines and the grief topic.
var bereavedPhrases = []string{
	"tok livet sitt", "tok livet av seg", "tatt livet av seg", "tatt livet sitt", "tok sitt eget liv",
	"tok sitt eige liv", "tok selvmord", "tok sjolvmord", "begikk selvmord", "begjekk sjolvmord",
	"killed himself", "killed herself", "killed themselves", "took his own life", "took her own life",
	"took their own life", "committed suicide",
}

// crisisStems are word beginnings that mean suicide or self-harm in
// bokmål, nynorsk and English ("selvmordstanker", "sjølvmordstankar",
// "selvskading", "suicidal"). A word that begins with one (or with one
// typo, from 7 letters) raises the crisis lines and is never a place.
var crisisStems = []string{
	"selvmord", "sjolvmord", "selvdrap", "sjolvdrap", "selvskad", "sjolvskad", "suicid",
	"selfharm", "selvmutiler", "livslei",
}

// crisisPhrases, and bereavedPhrases, are word sequences that mean the same ("vil ikke leve",
// "ta livet mitt", "kutter meg", "i want to die"), folded, words separated
// by one space. Their words are never a place.
var crisisPhrases = []string{
	"ikke verdt a leve", "ikkje verdt a leve", "ikke verd a leve", "ikkje verd a leve", "akutt krise",
	"akutt hjelp", "i akutt krise", "not worth living", "vil ikke leve", "vil ikkje leve", "vil ikkje leva", "orker ikke leve", "orker ikke a leve",
	"orkar ikkje leve", "orkar ikkje a leve", "ikke lenger leve", "vil ikke leve lenger", "ikke vil leve",
	"ikkje vil leve", "onsker ikke a leve", "ikke lyst til a leve", "ikkje lyst til a leve",
	"ta livet mitt", "ta livet av meg", "ta livet av seg", "ta mitt eget liv", "ta mitt eige liv",
	"tar livet mitt", "tar livet av meg", "ta livet sitt", "tar livet sitt",
	"ta sitt eget liv", "ta livet hennar", "ta livet hans",
	"ende livet", "ende livet mitt", "avslutte livet", "avslutte livet mitt", "gjere slutt pa livet",
	"gjore slutt pa livet", "gjore slutt pa alt", "vil do", "vil doy", "onsker a do", "onskjer a doy",
	"lyst til a do", "lyst a do", "vil bare do", "vil berre doy", "tenker pa a do",
	"kutter meg", "kutta meg", "kutte meg", "kuttet meg", "skjærer meg", "skjerer meg", "skader meg selv",
	"skade meg selv", "skadet meg selv", "skadar meg sjolv", "skade meg sjolv", "henge meg", "hoppe foran toget",
	"want to die", "wanna die", "wish i was dead", "kill myself", "killing myself", "end my life",
	"end it all", "take my life", "take my own life", "self harm", "hurt myself", "hurting myself",
	"cut myself", "cutting myself", "dont want to live", "don t want to live", "do not want to live",
	// No reason left to live, said without "vil" (hopelessness).
	"ingen vits a leve", "ingen vits i a leve", "ingen grunn til a leve", "ingen grunn til a leva",
	"ikkje noko vits a leve", "ser ingen vei ut", "ser ingen veg ut", "no reason to live",
	// Despair said as having no strength left ("jeg orker ikke mer"). It
	// need not mean suicidal thoughts, but it is what people in crisis
	// write, and the crisis card (a line to talk to, shown beside any
	// results) costs little to someone who is only worn out.
	"orker ikke mer", "orker ikke lenger", "orkar ikkje meir", "orkar ikkje lenger",
	"klarer ikke mer", "klarer ikke mer na", "klarar ikkje meir", "holder ikke ut lenger",
	"held ikkje ut lenger", "can t take it anymore", "cant take it anymore", "can t go on", "cant go on",
	// Suicidal thoughts said indirectly: wanting to be gone, being a burden,
	// not waking up, being tired of life, a farewell letter, an overdose.
	"vil bare forsvinne", "vil berre forsvinne", "jeg vil forsvinne", "eg vil forsvinne", "ingen vil savne meg", "ingen kommer til a savne meg",
	"bedre uten meg", "betre utan meg", "hva er vitsen med a leve", "kva er vitsen med a leve", "vitsen med a leve",
	"aldri vakne", "aldri vakne igjen", "ikke vakne igjen", "ikkje vakne att", "vil ikke vakne", "vil ikkje vakne",
	"for mange piller", "tatt en overdose", "tok en overdose", "en byrde for alle", "ei byrde for alle",
	"bare en byrde", "berre ei byrde", "vil hoppe", "avskjedsbrev", "lei av livet", "livstrott",
	"vil ikke vaere her", "vil ikkje vere her", "ikke vil vaere her",
	"skada meg sjolv", "skader seg selv", "skadar seg sjolv", "kutter seg", "kuttar seg",
	"end it", "better off without me", "nobody would miss me", "no one would miss me",
	"nie chce zyc", "vill inte leva", "vil ikke leve mere", "jag vill do",
}

// inflections are endings a topic word may carry ("angsten", "depresjonen",
// "sorga", "rusavhengige", "spiseforstyrrelsene"), longest first: an
// inflected topic word is read as the word, and never as a place.
var inflections = []string{"ene", "ane", "ens", "en", "et", "er", "ar", "a", "e", "s"}

// compoundHeads are the heads a topic word takes in a compound
// ("angstgruppe", "sorgstøtte", "alkoholproblemer", "rusavhengig",
// "kreftrammet"): the compound reads as its topic. Folded.
var compoundHeads = newWordSet(
	"gruppe grupper gruppa gruppene gruppen gruppa støtte støttegruppe støttegrupper kurs hjelp møte møter",
	"treff samtale samtalegruppe samtalegrupper selvhjelp selvhjelpsgruppe selvhjelpsgrupper sjølvhjelp",
	"sjølvhjelpsgruppe problem problemer problema problemet plager plage lidelse lidelser liding",
	"syk sjuk syke sjuke rammet ramma rammede ramma pasient pasienter avhengig avhengige avhengighet",
	"misbruk misbruker misbrukere pårørende pårørande forening foreningen forum nettverk senter",
	"tanker tankar diagnose diagnosen behandling",
	"group groups support problem problems issues disorder",
)

// linkers are the letters Norwegian puts between the parts of a compound
// ("spiseforstyrrelse-s-gruppe", "pårørend-e-gruppe").
var linkers = []string{"s", "e"}
