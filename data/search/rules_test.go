package search

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// ruleCase is one query of the reading rules of issue 9, written as people
// type on a phone. place: a municipality number, "-" none, "" unchecked,
// "R:<name>" the most populous member of the region named so in the data.
// topics: every topic id that must be read ("-" none, "" unchecked).
type ruleCase struct {
	class   string
	q       string
	place   string
	topics  string
	crisis  bool
	matched string // Place.Matched when set
}

var ruleCases = []ruleCase{
	// Crisis first: bokmål, nynorsk, English, typos, inflections, phrases.
	// Crisis words never become a place; a place beside them still
	// resolves.
	// An ordinary word is no other inflection of a crisis cue: "skjer"
	// (happens) is no "skjærer" (cuts), though it folds to its stem.
	{class: "crisis", q: "alt som skjer med meg er kaos", crisis: false},
	// A word that undoes a crisis word undoes a cue too, past a stop word
	// and the writer: idioms, sports, old age.
	{class: "crisis", q: "skyte seg selv i foten", place: "-"},
	// The name of a means in small letters is the thing, not a small
	// place, unless a place preposition says place.
	{class: "crisis", q: "tau og karabiner til klatring", place: "-"},
	{class: "crisis", q: "ferja fra tau går ikke i helgene", place: "1130"},
	{class: "crisis", q: "hopper i fallskjerm på Lesja i helgen", place: "3432"},
	{class: "crisis", q: "jeg ønsker å dø gammel og lykkelig", place: "-"},
	// Past an article, a number or another cue: a pet, a diving board.
	{class: "crisis", q: "hvor mye paracet er dødelig for en katt", place: "-"},
	{class: "crisis", q: "hvor mye paracet er dødelig", place: "-", crisis: true},
	{class: "crisis", q: "hoppet fra 10-meteren i svømmehallen", place: "-"},
	{class: "crisis", q: "datteren hoppet fra stupet i badelandet for første gang", place: "-"},
	{class: "crisis", q: "jeg vil skyte meg selv", place: "-", crisis: true},
	// Laughter makes a threat to the writer by someone or something else a
	// jest; the writer's own act, blows and a threat with no one named stay.
	{class: "crisis", q: "han sier han skal drepe meg om jeg kommer sent haha", place: "-"},
	{class: "crisis", q: "this exam is going to kill me lol", place: "-"},
	{class: "crisis", q: "han sier han skal drepe meg om jeg kommer sent", place: "-", crisis: true},
	{class: "crisis", q: "jeg dreper meg lol", place: "-", crisis: true},
	{class: "crisis", q: "vil drepe meg haha", place: "-", crisis: true},
	{class: "crisis", q: "pappa slår meg lol", place: "-", crisis: true},
	{class: "crisis", q: "vil dø lol", place: "-", crisis: true},
	// Buying a means, a means in its cases, someone close's self-harm in
	// the third person, a bottle of pills taken: in any length of message.
	{class: "crisis", q: "Moja córka się tnie, ma 14 lat, mieszkamy w Sarpsborg", place: "3105", crisis: true},
	{class: "crisis", q: "Я купив мотузку. Живу в Ставангері", crisis: true},
	{class: "crisis", q: "Jeg har tatt en halv flaske Imovane og drukket vin. Begynner å bli svimmel.", place: "-", crisis: true},
	{class: "crisis", q: "I had suicidal thoughts in my twenties. Now 45, living in Asker", place: "3203"},
	{class: "crisis", q: "viiltelen taas", place: "-", crisis: true},
	{class: "crisis", q: "penso di buttarmi sotto il treno domani mattina", place: "-", crisis: true},
	{class: "crisis", q: "ክመውት እደሊ", place: "-", crisis: true},
	{class: "crisis", q: "selvmord", place: "-", crisis: true},
	// A wish to be allowed to die, a funeral of one's own planned, how much
	// of a means is too much, someone close who does not wake up.
	{class: "crisis", q: "sitter på sjukeheimen og vil bare få dø", place: "-", crisis: true},
	{class: "crisis", q: "lagde spilleliste til begravelsen min i dag", place: "-", crisis: true},
	{class: "crisis", q: "hvor mye sobril er for mye", place: "-", crisis: true},
	{class: "crisis", q: "jeg er 10 og mamma har ikke våknet siden i går", place: "-", crisis: true},
	{class: "crisis", q: "trenger tau til bønnestengene i hagen", place: "-"},
	// An everyday use of a means undoes a rule of acts only, never a wish
	// or a plan with the writer.
	{class: "crisis", q: "skal på elgjakt med geværet i helga", place: "-"},
	{class: "crisis", q: "har kjøpt nytt tau til båten", place: "-"},
	{class: "crisis", q: "har kjøpt tau og skal henge meg i kveld", place: "-", crisis: true},
	{class: "crisis", q: "har kjøpt tau til båten og vil dø i kveld", place: "-", crisis: true},
	{class: "crisis", q: "hvor mange paracet kan jeg ta i døgnet mot hodepine", place: "-"},
	{class: "crisis", q: "har tatt 40 paracet mot hodepine", place: "-", crisis: true},
	// An injury that may be an accident is self-harm when done on purpose.
	{class: "crisis", q: "har svidd huden med strykejernet med vilje. ikke alvorlig", place: "-", crisis: true},
	{class: "crisis", q: "kjørte bil i går for å krasje med vilje", place: "-", crisis: true},
	{class: "crisis", q: "krasjet med sykkelen i går, vondt i kneet", place: "-"},
	// Crisis words in a clause that says they are long past are a life lived
	// on, not danger now; another's suicide long ago still reads grief. A
	// crisis in a clause of its own, or the past back again, stays.
	{class: "crisis", q: "pappa tok livet sitt for 12 år siden, jeg vil gjerne møte andre etterlatte", place: "-", topics: "sorg"},
	{class: "crisis", q: "skadet meg selv som tenåring, nå vil jeg starte en gruppe", place: "-"},
	{class: "crisis", q: "for to år siden prøvde jeg å ta livet mitt, og nå vil jeg ikke leve", place: "-", crisis: true},
	{class: "crisis", q: "for lenge siden sist jeg kuttet meg, men i dag kuttet jeg meg igjen", place: "-", crisis: true},
	// A number in a phrase of long ago stands for any number.
	{class: "crisis", q: "skadet meg selv som 14-åring, nå vil jeg hjelpe andre", place: "-"},
	{class: "crisis", q: "da jeg var 15 prøvde jeg å ta livet mitt, nå har jeg det bra", place: "-"},
	{class: "crisis", q: "jeg er 15 og vil ta livet mitt", place: "-", crisis: true},
	{class: "crisis", q: "pappa slo meg da jeg vokste opp, nå er jeg 40 og har barn selv", place: "-"},
	{class: "crisis", q: "pappa slår meg nå", place: "-", crisis: true},
	// A harmless thing taken in excess undoes the overdose, right after it
	// or after a stop word; a means does not.
	{class: "crisis", q: "tok en overdose med julekaker i går", place: "-"},
	{class: "crisis", q: "overdosed on coffee today haha", place: "-"},
	{class: "crisis", q: "har tatt en overdose med piller", place: "-", crisis: true},
	// A plain word first in the query is a place before "i" only when a region
	// follows, the way namesakes are told apart: "bo i …" is the verb.
	{class: "plain", q: "bo i Kolvereid, jobbe laks", place: "5060"},
	{class: "plain", q: "os i hordaland", place: "4624"},
	// A preposition that says near picks the namesake nearest the place after it.
	{class: "region", q: "bor i Os ved Bergen", place: "4624"},
	{class: "region", q: "bor i Herøy ved Ålesund", place: "1515"},
	{class: "region", q: "bor i Herøy nær Sandnessjøen", place: "1818"},
	// A municipality's name in another language's case, where a place is
	// said to be (a cue, a preposition, a capital): never a Norwegian word
	// that ends so, nor a postal place under an ending.
	{class: "cased", q: "asun Vadsøssa ja olen yksinäinen", place: "5607"},
	{class: "cased", q: "gyvenu Ålesunde, labai vieniša", place: "1508"},
	{class: "cased", q: "живу в Бергене, очень одиноко", place: "4601"},
	{class: "cased", q: "mieszkam w Bergenie i jestem samotna", place: "4601"},
	{class: "cased", q: "живу у Бергені, мені самотньо", place: "4601"},
	{class: "cased", q: "bergene er fine i dag", place: "-"},
	// Where the writer lives is the place after a word that names none:
	// "bor alene i huset på X"; a home moved into outranks one sold.
	{class: "whose", q: "jeg bor alene i huset på Nesodden. Barna bor i Bergen og Stavanger", place: "3212"},
	// Moving back is moving: where one lives now. A distance to a town
	// makes it a destination, and where one travels from home.
	{class: "whose", q: "etter skilsmissen i Bergen har jeg flyttet tilbake til Førde", place: "4647"},
	{class: "whose", q: "after the divorce in Oslo I moved back to Elverum", place: "3420"},
	{class: "whose", q: "er det noe på nett? det er langt til Bodø fra Steigen", place: "1848"},
	{class: "whose", q: "bor langt fra Oslo", place: "0301"},
	{class: "whose", q: "nå bor den ene i Bergen, og jeg sitter igjen i Molde", place: "1506"},
	// Help wanted where someone else lives puts their home first; without
	// such a wish the writer's home stays first.
	{class: "whose", q: "mormor bor alene i Audnedal og vi bor i Oslo. Finnes det noe der hun bor?", place: "4225"},
	{class: "whose", q: "my mum lives in Bodø, I live in Oslo. Is there a group near where she lives?", place: "1804"},
	{class: "whose", q: "mormor bor alene i Audnedal og vi bor i Oslo. Finnes det noe for oss?", place: "0301"},
	{class: "whose", q: "eg bur åleine på Voss sidan kona døydde. Ungane bur i Oslo", place: "4621"},
	{class: "whose", q: "vi har solgt huset på Lier og flyttet inn i en leilighet i Drammen", place: "3301"},
	// A place told with no cue outranks someone else's home: it is most
	// often the writer's own.
	{class: "whose", q: "datteren min har flytta til Bergen, og jeg sitter igjen alene på Stord", place: "4614"},
	{class: "whose", q: "my brother moved to Tromsø last year. lonely here in a small flat, Alta", place: "5601"},
	{class: "whose", q: "datteren min har flytta til Bergen og drikker for mye", place: "4601", topics: "parorende,rus"},
	// The writer right before a preposition of whither is not there.
	{class: "whose", q: "bor i Guovdageaidnu og mannen drikker. eller må æ til Alta", place: "5612"},
	// After a place preposition too, "X i <region>" tells a place from its
	// namesakes: it is no thing in that region.
	{class: "whose", q: "jeg bor i os i hordaland og er ensom", place: "4624"},
	{class: "whose", q: "jeg bor på vik i sogn og er einsam", place: "4639"},
	// A compound's first part, joined by a hyphen, is said to be a place;
	// so is a clause of its own at the end, in small letters too.
	{class: "plain", q: "hele lakselv-kontoret legges ned og jeg mister jobben snart", place: "5622"},
	{class: "plain", q: "er så redd for å kjøre bil etter ulykka i fjor. ski", place: "3207"},
	{class: "plain", q: "jeg har vondt i kneet etter ski-turen", place: "-"},
	// "fra" passes over a word that names no place to the place after it.
	{class: "whose", q: "skrevet ut fra psykiatrisk i Bodø forrige uke. noen grupper i Fauske?", place: "1841"},
	// The English "I" folds like the preposition "i": in an English
	// sentence it is the writer.
	{class: "whose", q: "my husband moved to Bergen but I stayed in Voss with the kids", place: "4621"},
	// The one letter e is the dialect "er", not "æ" (I), though both fold
	// to e: someone close's problem stays theirs.
	{class: "whose", q: "sønnen min e deprimert", place: "-", topics: "parorende,depresjon"},
	{class: "whose", q: "æ e så deprimert", place: "-", topics: "depresjon"},
	// "selv" after a reflexive is its emphasis, not the writer: the crisis
	// is someone close's, and danger told of someone close is crisis too.
	{class: "whose", q: "faren min har fått tak i et gevær og sier han skal bruke det på seg selv", place: "-", topics: "parorende", crisis: true},
	{class: "whose", q: "bor i Lom og kona har kreft. må vi te Lillehammer for å finne en gruppe", place: "3434"},
	{class: "whose", q: "kona bor på sykehjem i Gjøvik og jeg i Østre Toten", place: "3442"},
	// Short words joined make no name ("et ne" is no Etne); a plain word
	// that lacks its place's letters is no place alone in its clause; a
	// word typed with a mark its name lacks is another word.
	{class: "words", q: "il a écrit une lettre et ne répond plus", place: "-"},
	{class: "words", q: "Haha. Ha. Hamar", place: "3403"},
	// An ordinary noun alone is no place, neither misspelt nor begun:
	// "stigen" is no Steigen, "helg" no Helgeland.
	{class: "words", q: "falt ned fra stigen i går, men ingen brudd heldigvis", place: "-"},
	{class: "words", q: "kokain hver helg", place: "-", topics: "rus"},
	// A homograph in small letters that a place preposition and its object
	// follow is a thing somewhere; a region after it or a capital names the
	// place.
	{class: "words", q: "en baby er alene i en bil i sola på parkeringsplassen", place: "-"},
	{class: "words", q: "sitter i sola på verandaen og gruer meg til mandag", place: "-"},
	{class: "words", q: "bor på sola i rogaland og er ensom", place: "1124"},
	{class: "words", q: "internasjonal student på Ås, fra Kenya, alene", place: "3218"},
	// A sentence's language is told by its frequent words: there a word of
	// it is the word ("alta" discharged), and a homograph with a capital
	// names the place, but not in German, which capitalises its nouns.
	{class: "words", q: "recebi alta do hospital hoje, finalmente em casa em Sandnes", place: "1108"},
	{class: "words", q: "lucrez la o fermă lângă Lier și mi-e dor de copii", place: "3312"},
	{class: "words", q: "Ha, funny how nobody calls", place: "-"},
	{class: "words", q: "täna öösel võtan kõik", place: "-"},
	{class: "words", q: "Tromsö angst", place: "5501"},
	{class: "words", q: "depresjon i Bod ø", place: "1804"},
	{class: "words", q: "noen grupper for folk med kreft i bo dø", place: "1804"},
	// Help sought for someone close, and someone close in the genitive,
	// read the relatives' groups first.
	{class: "whose", q: "hva koster det? spør for mamma som bor i Gjøvik", place: "3407", topics: "parorende"},
	{class: "whose", q: "fars alkoholisme har ødelagt jula hvert år", place: "-", topics: "parorende,rus"},
	{class: "whose", q: "mi hijo tiene autismo y busco otros padres en Stavanger", place: "1103"},
	// A place or topic taken back by a negation, when another is told: a
	// negation inside a clause tells the problem instead.
	{class: "negation", q: "ikke Bergen, Bærum", place: "3201"},
	{class: "negation", q: "jeg bor ikke i Oslo lenger, men i Asker", place: "3203"},
	{class: "negation", q: "ikke Bergen", place: "4601"},
	{class: "negation", q: "ikke angst, men depresjon i Bergen", place: "4601", topics: "depresjon"},
	{class: "negation", q: "kan ikke jobbe lenger, Bergen", place: "4601", topics: "arbeid"},
	// A short word in a sentence is no typo of a topic's word.
	{class: "words", q: "me muero de risa con este meme", place: "-", topics: "-"},
	{class: "words", q: "depresjn Bergen", place: "4601", topics: "depresjon"},
	// The self-help fellowships and organisations by their names.
	{class: "words", q: "Al-Anon Tønsberg", place: "3905", topics: "parorende"},
	{class: "words", q: "Angstringen Bergen", place: "4601", topics: "angst"},
	{class: "words", q: "GA møte Oslo", place: "0301", topics: "rus"},
	// A topic's compound with a capital is no first name before a surname.
	{class: "words", q: "Angstgruppe Bergen", place: "4601", topics: "angst"},
	{class: "words", q: "snakket med Hege Lier i går", place: "-"},
	// A name in Latin letters inside a script written without spaces is a
	// word of its own.
	{class: "script", q: "离婚以后一个人住在Trondheim，有点孤单", place: "5001"},
	{class: "script", q: "Bodø에서 혼자 살아요", place: "1804"},
	// A place's name in such a script, inside a run of it.
	{class: "script", q: "オスロに住んでいます。寂しいです", place: "0301"},
	{class: "script", q: "我住在奥斯陆，很孤独", place: "0301"},
	{class: "script", q: "我住在卑尔根", place: "4601"},
	// A topic's word in such a script, inside a run of it.
	{class: "script", q: "我住在卑尔根，最近离婚了", place: "4601", topics: "samlivsbrudd"},
	{class: "script", q: "ฉันเหงามาก", place: "-", topics: "ensomhet"},
	// A word after an article is a thing, never a place; a homograph that a
	// place preposition and another place follow is a thing in that place.
	{class: "plain", q: "singel og bor i en kjeller i sandvika", place: "3201"},
	{class: "plain", q: "tør ikke gå på stranda i Stavern med ungene", place: "3909"},
	{class: "plain", q: "finne en sorgrupe i sanefjord", place: "3907", topics: "sorg"},
	// The first part of a compound whose head comes later is no place.
	{class: "plain", q: "bor på bo- og servicesenteret på Fitjar", place: "4615"},
	// "near", "nær", "ved", "at" say place as "i" does.
	{class: "plain", q: "looking for a spouses group near Sola", place: "1124"},
	{class: "plain", q: "jobber på verftet ved Stord", place: "4614"},
	// Bereaved by suicide: the grief groups come first whatever else is read.
	{class: "crisis", q: "jobber i barnehage, kollegaen min tok livet sitt", place: "-", topics: "sorg", crisis: true},
	// Someone close in crisis: the crisis lines and the relatives' groups;
	// the writer's own crisis is not a relative's.
	{class: "crisis", q: "datteren min på 14 kutter seg", place: "-", topics: "parorende", crisis: true},
	{class: "crisis", q: "kjæresten min sier han skal ta livet sitt", place: "-", topics: "parorende", crisis: true},
	// Suicide as a subject of work, study or fiction is no crisis of the
	// writer's; an attempt or thoughts are.
	{class: "crisis", q: "kurs i selvmordsforebygging i Tromsø", place: "5501"},
	{class: "crisis", q: "selvmordstall i Norge", place: "-"},
	{class: "crisis", q: "Suicide Squad på Netflix", place: "-"},
	{class: "crisis", q: "selvmordsforsøk i fjor", place: "-", crisis: true},
	// The writer as the object of a thing is an idiom; of a person, a threat.
	{class: "crisis", q: "jobben tar livet av meg", place: "-"},
	{class: "crisis", q: "han tar livet av meg", place: "-", crisis: true},
	{class: "crisis", q: "orker ikke mer, tar livet av meg", place: "-", crisis: true},
	// A work, study or fiction about it, or patients a professional asks
	// about, unless the writer comes in after it.
	{class: "crisis", q: "skriver særoppgave om selvmord i Hedda Gabler", place: "-"},
	{class: "crisis", q: "hvilke grupper kan vi henvise pasienter som selvskader til", place: "-"},
	{class: "crisis", q: "så en film om selvmord og nå vil jeg dø selv", place: "-", crisis: true},
	{class: "crisis", q: "suicide thoughts", place: "-", crisis: true},
	{class: "crisis", q: "Selvmord", place: "-", crisis: true},
	{class: "crisis", q: "tenker på selvmord", place: "-", crisis: true},
	{class: "crisis", q: "selvmordstanker", place: "-", crisis: true},
	{class: "crisis", q: "selvmordstanke", place: "-", crisis: true},
	{class: "crisis", q: "sjølvmordstankar", place: "-", crisis: true},
	{class: "crisis", q: "sjolvmord", place: "-", crisis: true},
	{class: "crisis", q: "selvmor", place: "-", crisis: true},
	{class: "crisis", q: "selmord", place: "-", crisis: true},
	{class: "crisis", q: "selvmordsforsøk", place: "-", crisis: true},
	{class: "crisis", q: "selvmo", place: "-", crisis: true},
	{class: "crisis", q: "selvskading", place: "-", crisis: true},
	{class: "crisis", q: "selvskader", place: "-", crisis: true},
	{class: "crisis", q: "sjølvskading", place: "-", crisis: true},
	{class: "crisis", q: "suicidal", place: "-", crisis: true},
	{class: "crisis", q: "suicide", place: "-", crisis: true},
	{class: "crisis", q: "vil ikke leve", place: "-", crisis: true},
	{class: "crisis", q: "jeg vil ikke leve lenger", place: "-", crisis: true},
	{class: "crisis", q: "det er ingen vits å leve", place: "-", crisis: true},
	{class: "crisis", q: "ser ingen vei ut lenger", place: "-", crisis: true},
	{class: "crisis", q: "ingen grunn til å leve i bodø", place: "1804", crisis: true},
	{class: "crisis", q: "no reason to live", place: "-", crisis: true},
	{class: "crisis", q: "jeg orker ikke mer", place: "-", crisis: true},
	{class: "crisis", q: "min bror tok livet sitt", place: "-", topics: "sorg", crisis: true},
	{class: "crisis", q: "moren min tok selvmord i fjor", place: "-", topics: "sorg", crisis: true},
	{class: "crisis", q: "my brother killed himself", place: "-", topics: "sorg", crisis: true},
	{class: "crisis", q: "jeg vil ta livet mitt", place: "-", topics: "-", crisis: true},
	{class: "crisis", q: "orker ikke mer i kristiansand", place: "4204", crisis: true},
	{class: "crisis", q: "eg orkar ikkje meir", place: "-", crisis: true},
	{class: "crisis", q: "klarer ikke mer", place: "-", crisis: true},
	{class: "crisis", q: "holder ikke ut lenger", place: "-", crisis: true},
	{class: "crisis", q: "i can't take it anymore", place: "-", crisis: true},
	{class: "crisis", q: "orker ikke å gå på jobb", place: "-", crisis: false},
	{class: "crisis", q: "klarer ikke å slutte å drikke", place: "-", crisis: false},
	{class: "crisis", q: "eg vil ikkje leve", place: "-", crisis: true},
	{class: "crisis", q: "vil ta livet mitt", place: "-", crisis: true},
	{class: "crisis", q: "har lyst til å ta livet av meg", place: "-", crisis: true},
	{class: "crisis", q: "kutter meg", place: "-", crisis: true},
	{class: "crisis", q: "jeg kutter meg selv", place: "-", crisis: true},
	{class: "crisis", q: "skader meg selv", place: "-", crisis: true},
	{class: "crisis", q: "i want to die", place: "-", crisis: true},
	{class: "crisis", q: "want to kill myself", place: "-", crisis: true},
	{class: "crisis", q: "self harm", place: "-", crisis: true},
	{class: "crisis", q: "livet er ikke verdt å leve", place: "-", crisis: true},
	{class: "crisis", q: "selvmord bergen", place: "4601", crisis: true},
	{class: "crisis", q: "selvmordstanker i tromsø", place: "5501", crisis: true},
	{class: "crisis", q: "etterlatt etter selvmord", place: "-", topics: "sorg", crisis: true},
	{class: "crisis", q: "etterlatte etter selvmord oslo", place: "0301", topics: "sorg", crisis: true},
	{class: "crisis", q: "mistet broren min i selvmord", place: "-", topics: "sorg", crisis: true},
	// ... never raised by ordinary problem words or lookalike places.
	{class: "crisis", q: "Seljord", place: "4022", crisis: false},
	{class: "crisis", q: "seljord", place: "4022", crisis: false},
	{class: "crisis", q: "Selje", crisis: false},
	{class: "crisis", q: "sorg", place: "-", topics: "sorg", crisis: false},
	{class: "crisis", q: "angst", place: "-", topics: "angst", crisis: false},
	{class: "crisis", q: "livskrise", place: "-", topics: "livskriser", crisis: false},
	{class: "crisis", q: "depresjon", place: "-", topics: "depresjon", crisis: false},
	{class: "crisis", q: "selvfølelse", place: "-", topics: "livskriser", crisis: false},
	{class: "crisis", q: "selvtillit", place: "-", crisis: false},
	{class: "crisis", q: "livsstil", place: "-", topics: "livsstilsendring", crisis: false},
	{class: "crisis", q: "selvhjelp", place: "-", crisis: false},
	{class: "crisis", q: "ta livet med ro", crisis: false},
	// A plan to end everything with a time; a decision to join a group
	// with a time is no plan.
	{class: "crisis", q: "skal avslutte det hele når alle har lagt seg i natt", crisis: true},
	{class: "crisis", q: "har bestemt meg for å melde meg på en gruppe i kveld", crisis: false},
	{class: "crisis", q: "skal gjøre det i morgen, ringe frivilligsentralen", crisis: false},
	// Doing «it» at a time, with the writer after the verb, is a plan.
	{class: "crisis", q: "på fredag gjør jeg det, ingen skal stoppe meg", crisis: true},
	// A cue word with another ending is the same cue ("sovepiller":
	// "sovepillan"; "klorer": "kloret"), and the writer in any form.
	{class: "crisis", q: "har samla på sovepillan i hele vinter", crisis: true},
	{class: "crisis", q: "kloret meg til blods på armene i natt", crisis: true},
	{class: "crisis", q: "skadar mæ sjøl igjen", crisis: true},
	{class: "crisis", q: "kutter ned på sukker og brød", crisis: false},
	// A means in mind, thoughts of ending it, many of a means at hand.
	{class: "crisis", q: "har pillene i skuffen og tenker på dem hele tiden", crisis: true},
	{class: "crisis", q: "tenkte på å avslutte alt i hele natt", crisis: true},
	{class: "crisis", q: "sitter med 60 paracet på bordet", crisis: true},
	{class: "crisis", q: "gått på sobril i mange år og vil slutte", crisis: false},
	// Only the cues' own words are crisis words: a place between them is
	// read.
	{class: "crisis", q: "står på brua i Harstad og tenker på å hoppe", place: "5503", crisis: true},
	// A proclitic written onto a cue ("ولا": and not).
	{class: "crisis", q: "أنا متعب ولا أريد أن أعيش", crisis: true},
	// Abuse told in everyday words is a life crisis; coercion now is crisis.
	{class: "crisis", q: "eksen forfølger meg fortsatt, finnes det en gruppe i Bodø", place: "1804", topics: "livskriser", crisis: false},
	{class: "crisis", q: "mannen min låser meg inne når han går på jobb", crisis: true},
	// A crisis cue's word is a known word, no misspelling of a topic's
	// name ("slår" is not "slag").
	{class: "crisis", q: "pappa slår meg hjemme", topics: "livskriser", crisis: true},
	// An ordinary word that is also a place's name, capitalised as a clause of its own, is the place.
	// The writer among the subjects of a home, or right before a place
	// preposition with the verb left out, is where the writer lives.
	{class: "whose", q: "sønnen bor i Tromsø og sliter med rus. vi foreldrene bor i Harstad", place: "5503"},
	{class: "whose", q: "kjæresten bor i Stavanger og jeg i Haugesund", place: "1106"},
	{class: "whose", q: "mormor i Kautokeino, mamma i Alta, jeg i Tromsø", place: "5501"},
	{class: "whose", q: "datteren min bor i Bodø", place: "1804"},
	{class: "whose", q: "drikker for mye. Lom", place: "3434", topics: "rus"},
	{class: "whose", q: "lei og nedstemt, Træna i desember", place: "1835", topics: "depresjon"},
	{class: "whose", q: "Meine Mutter lebt in einem Heim, sie hat Demenz", place: "-"},
	{class: "whose", q: "Stranda. har drukke for mykje lenge", place: "1525", topics: "rus"},
	{class: "whose", q: "jeg drikker for mye lom", place: "-", topics: "rus"},
	// A means and a goodbye ("method farewell"); a threat to kill; being locked in by someone close.
	{class: "crisis", q: "hun sendte bilde av pillene og skrev takk for alt", crisis: true},
	{class: "crisis", q: "han sier han skal drepe meg hvis jeg går", crisis: true},
	{class: "crisis", q: "mannen min låser henne inne", crisis: true},
	// A negation in any Norwegian form in a crisis phrase.
	{class: "crisis", q: "je orker itte mer", crisis: true},
	{class: "crisis", q: "eg vil ikkje leve lenger", crisis: true},
	// Danger at the door.
	{class: "crisis", q: "han står utenfor døra og har truet meg med kniv", crisis: true},
	// Violence to someone close, told in the passive or as a threat; told
	// of the past it is no acute crisis.
	{class: "crisis", q: "sønnen min blir banket av faren sin", crisis: true},
	{class: "crisis", q: "kona mi truer med å drepe oss", crisis: true},
	{class: "crisis", q: "ble slått av faren min som barn og vil snakke med andre om det", crisis: false},

	// Finished words are words: a word followed by more words is never a
	// place's beginning; common words never resolve a place.
	{class: "finished", q: "kona mi har kreft", place: "-", topics: "kreft"},
	{class: "finished", q: "mistet mannen min", place: "-", topics: "sorg"},
	{class: "finished", q: "var i en bilulykke og sliter", place: "-", topics: "trafikkskade"},
	{class: "finished", q: "jeg får panikkanfall", place: "-", topics: "angst"},
	{class: "finished", q: "lav selvfølelse", place: "-", topics: "livskriser"},
	{class: "finished", q: "hva er dette", place: "-"},
	{class: "finished", q: "hei", place: "-"},
	{class: "finished", q: "hallo", place: "-"},
	{class: "finished", q: "weight loss", place: "-", topics: "livsstilsendring"},
	{class: "finished", q: "mor er syk", place: "-"},
	{class: "finished", q: "jeg vil ha mer hjelp", place: "-"},
	{class: "finished", q: "han drikker hver dag", place: "-", topics: "rus"},
	{class: "finished", q: "hun har det vondt", place: "-"},
	{class: "finished", q: "vi bor her", place: "-"},
	{class: "finished", q: "jeg har en time hos legen", place: "-"},
	{class: "finished", q: "føler meg tynn og stygg", place: "-"},
	{class: "finished", q: "hvor kan jeg få hjelp", place: "-"},
	{class: "finished", q: "ingen forstår meg", place: "-"},
	{class: "finished", q: "alle er lei av meg", place: "-"},
	{class: "finished", q: "kan noen hjelpe meg", place: "-"},
	{class: "finished", q: "takk", place: "-"},
	// ... but a finished name, a slip in it, or the word being typed do.
	{class: "finished", q: "trondheim angst", place: "5001", topics: "angst"},
	{class: "finished", q: "trondhiem angst", place: "5001", topics: "angst"},
	{class: "finished", q: "kreft trondhiem", place: "5001", topics: "kreft"},
	{class: "finished", q: "angst i trond", place: "5001", topics: "angst"},
	{class: "finished", q: "sorg berge", place: "4601", topics: "sorg"},
	{class: "finished", q: "jeg bor i bergen og har angst", place: "4601", topics: "angst"},
	{class: "finished", q: "ha", place: "1119"},
	{class: "finished", q: "hå", place: "1119"},
	{class: "finished", q: "angst hå", place: "1119", topics: "angst"},
	{class: "finished", q: "Time", place: "1121"},
	{class: "finished", q: "lilehammer sorg", place: "3405", topics: "sorg"},
	// Alone with a topic, a long postal name slipped, or any long name with
	// a letter added at its end, is that place.
	{class: "finished", q: "hønnefoss angst", place: "3305", topics: "angst"},
	{class: "finished", q: "fredrikstadt rus", place: "3107", topics: "rus"},
	// In a sentence a slip of a name is a place where the sentence says so,
	// or last, or where no word could be meant; else it is the word.
	{class: "finished", q: "jeg vil at hun skal forstå at det ikke var hennes feil", place: "-"},
	{class: "finished", q: "ungen har merker på halsen og gruer seg til å gå hjem", place: "-"},
	{class: "finished", q: "trenger en gruppe for røykeslutt ålsund", place: "1508"},
	{class: "finished", q: "jeg bor i trondhiem og er alene", place: "5001"},
	{class: "finished", q: "nav kontor drammmen grupe", place: "3301"},

	// Compounds with a topic word as modifier or head, linking -s-/-e-;
	// generic words never outrank a named topic.
	{class: "compound", q: "angstgruppe", place: "-", topics: "angst"},
	{class: "compound", q: "angstgrupper", place: "-", topics: "angst"},
	{class: "compound", q: "sorgstøtte", place: "-", topics: "sorg"},
	{class: "compound", q: "sorggruppa", place: "-", topics: "sorg"},
	{class: "compound", q: "brystkreft", place: "-", topics: "kreft"},
	{class: "compound", q: "hudkreft", place: "-", topics: "kreft"},
	{class: "compound", q: "blærekreft", place: "-", topics: "kreft"},
	{class: "compound", q: "alkoholproblemer", place: "-", topics: "rus"},
	{class: "compound", q: "pårørendegruppe", place: "-", topics: "parorende"},
	// A topic's name split after a stop word, as dictation splits it.
	{class: "compound", q: "finnes det gruppe for på rørende i drammen", place: "3301", topics: "parorende"},
	{class: "compound", q: "pårørendegrupper", place: "-", topics: "parorende"},
	{class: "compound", q: "rusavhengig", place: "-", topics: "rus"},
	{class: "compound", q: "kreftrammet", place: "-", topics: "kreft"},
	{class: "compound", q: "spiseforstyrrelsesgruppe", place: "-", topics: "spiseforstyrrelser"},
	{class: "compound", q: "depresjonsgruppe", place: "-", topics: "depresjon"},
	{class: "compound", q: "prestasjonsangst", place: "-", topics: "angst"},
	{class: "compound", q: "eksamensangst", place: "-", topics: "angst"},
	{class: "compound", q: "narkotikaavhengig", place: "-", topics: "rus"},
	{class: "compound", q: "ensomhetsgruppe", place: "-", topics: "ensomhet"},
	{class: "compound", q: "angstgruppe bergen", place: "4601", topics: "angst"},
	{class: "compound", q: "sorggruppe i tromsø", place: "5501", topics: "sorg"},
	{class: "compound", q: "selvhjelpsgruppe angst", place: "-", topics: "angst"},
	{class: "compound", q: "samtalegruppe sorg", place: "-", topics: "sorg"},
	{class: "compound", q: "støttegruppe for pårørende", place: "-", topics: "parorende"},
	{class: "compound", q: "kurs angst", place: "-", topics: "angst"},
	{class: "compound", q: "møte om sorg", place: "-", topics: "sorg"},
	{class: "compound", q: "angsten", place: "-", topics: "angst"},
	{class: "compound", q: "depresjonen", place: "-", topics: "depresjon"},
	{class: "compound", q: "skilsmissen", place: "-", topics: "samlivsbrudd"},
	{class: "compound", q: "omsorg", place: "-"},
	{class: "compound", q: "Stavanger", place: "1103", topics: "-"},
	{class: "compound", q: "4307 sandnes", place: "1108", topics: "-"},

	// Several topics, best first, all read.
	// A death word with no one named as its subject reads no topic by
	// itself: a thing dies in everyday talk ("pc-en døde").
	{class: "topics", q: "pc-en døde midt i eksamen", topics: "-"},
	{class: "topics", q: "tvillingene våre døde i fjor", topics: "sorg"},
	{class: "topics", q: "angst og depresjon", place: "-", topics: "angst,depresjon"},
	// Someone close named right after the problem owns it.
	{class: "topics", q: "gamblingproblem hos kjæresten, vi bor i Tønsberg", place: "3905", topics: "parorende,rus"},
	// A death word tells of a death unless the writer is its subject; a
	// pronoun of another language that is a Norwegian word ("er") is no one.
	{class: "topics", q: "jeg er så død i dag, sov 3 timer", place: "-", topics: "-"},
	{class: "topics", q: "min mand er død, jeg bor i Odense", place: "-", topics: "sorg"},
	// Any topic read may be someone close's, not only the first: the wife
	// beside her husband's cancer is a relative, lonely as she is.
	{class: "topics", q: "mannen min får cellegift og jeg har ingen å prate med. Askøy", place: "4627", topics: "parorende,kreft"},
	// A group asked for, no problem named: the groups across problems.
	{class: "topics", q: "looking for a support group in Tromsø", place: "5501", topics: "paa-tvers"},
	// Someone close has or is what no topic names: the writer is a relative.
	{class: "topics", q: "barnet vårt har cerebral parese, vi bor i Levanger", place: "5037", topics: "parorende"},
	{class: "topics", q: "sønnen vår på 15 fikk autismediagnose", place: "-", topics: "parorende"},
	{class: "topics", q: "angst og depresjon i Bodø", place: "1804", topics: "angst,depresjon"},
	{class: "topics", q: "sorg og ensomhet", place: "-", topics: "sorg,ensomhet"},
	{class: "topics", q: "rus og angst", place: "-", topics: "rus,angst"},
	{class: "topics", q: "pårørende rus", place: "-", topics: "parorende,rus"},
	{class: "topics", q: "pårørende til rusavhengige", place: "-", topics: "parorende,rus"},
	{class: "topics", q: "kreft og sorg bergen", place: "4601", topics: "kreft,sorg"},
	{class: "topics", q: "skilsmisse ensomhet oslo", place: "0301", topics: "samlivsbrudd,ensomhet"},
	{class: "topics", q: "anxiety and depression", place: "-", topics: "angst,depresjon"},
	{class: "topics", q: "spiseforstyrrelser og angst", place: "-", topics: "spiseforstyrrelser,angst"},
	{class: "topics", q: "utbrent og deprimert", place: "-", topics: "arbeid,depresjon"},
	// Someone close in a few search words: the searcher is a relative.
	// Said in a sentence, it takes more ("dødsbo etter farmor" is an errand).
	{class: "topics", q: "sønn gjeng Holmlia", place: "0301", topics: "parorende"},
	{class: "topics", q: "mi hijo Stavanger", place: "1103", topics: "parorende"},
	{class: "topics", q: "mormor kragerø enke", place: "4014", topics: "sorg,parorende"},
	{class: "topics", q: "dødsbo etter farmor, hvem rydder?", place: "-", topics: "-"},
	// A verb of moving alone is no break-up: "flyttet ut" is.
	{class: "topics", q: "jenta flytta til Tromsø for å studere", place: "5501", topics: "-"},
	{class: "topics", q: "samboeren har truga med å flytte ut", place: "-", topics: "samlivsbrudd"},

	// Regions and counties: the most populous member, place.region set;
	// a municipality of the same name wins; a region qualifies a name.
	{class: "region", q: "Lofoten", place: "R:Lofoten", matched: MatchedRegion},
	{class: "region", q: "lofoten", place: "R:Lofoten", matched: MatchedRegion},
	{class: "region", q: "Vestland", place: "R:Vestland", matched: MatchedRegion},
	{class: "region", q: "Nord-Norge", place: "R:Nord-Norge", matched: MatchedRegion},
	{class: "region", q: "nord norge", place: "R:Nord-Norge", matched: MatchedRegion},
	{class: "region", q: "Hordaland", place: "R:Hordaland", matched: MatchedRegion},
	{class: "region", q: "Sogn og Fjordane", place: "R:Sogn og Fjordane", matched: MatchedRegion},
	{class: "region", q: "Jæren", place: "R:Jæren", matched: MatchedRegion},
	{class: "region", q: "Helgeland", place: "R:Helgeland", matched: MatchedRegion},
	{class: "region", q: "Hardanger", place: "R:Hardanger", matched: MatchedRegion},
	{class: "region", q: "Valdres", place: "R:Valdres", matched: MatchedRegion},
	{class: "region", q: "Østlandet", place: "R:Østlandet", matched: MatchedRegion},
	{class: "region", q: "Oppland", place: "R:Oppland", matched: MatchedRegion},
	{class: "region", q: "angst i Vestfold", place: "R:Vestfold", topics: "angst"},
	{class: "region", q: "sorg Lofoten", place: "R:Lofoten", topics: "sorg"},
	{class: "region", q: "Hamar", place: "3403", matched: MatchedName},
	{class: "region", q: "Voss", place: "4621", matched: MatchedName},
	{class: "region", q: "Bodø", place: "1804", matched: MatchedName},
	{class: "region", q: "Mo i Rana", place: "1833"},
	{class: "region", q: "Os Hordaland", place: "4624"},
	{class: "region", q: "Herøy Nordland", place: "1818"},
	{class: "region", q: "Førde Sogn og Fjordane", place: "4647"},
	{class: "region", q: "Bergen Vestland", place: "4601", matched: MatchedName},
	{class: "region", q: "Romsdal", place: "-"},

	// City districts and neighbourhoods.
	{class: "district", q: "Grünerløkka", place: "0301", matched: MatchedDistrict},
	{class: "district", q: "grunerlokka", place: "0301", matched: MatchedDistrict},
	{class: "district", q: "Majorstuen", place: "0301", matched: MatchedDistrict},
	{class: "district", q: "majorstua", place: "0301", matched: MatchedDistrict},
	{class: "district", q: "Sandviken", place: "4601", matched: MatchedDistrict},
	{class: "district", q: "Fana", place: "4601"},
	{class: "district", q: "Byåsen", place: "5001", matched: MatchedDistrict},
	{class: "district", q: "Madla", place: "1103"},
	{class: "district", q: "Tromsdalen", place: "5501"},
	{class: "district", q: "Vågsbygd", place: "4204"},
	{class: "district", q: "Lund", place: "1112", matched: MatchedName},
	{class: "district", q: "angst grünerløkka", place: "0301", topics: "angst"},
	{class: "district", q: "sorggruppe på Majorstuen", place: "0301", topics: "sorg"},
	{class: "district", q: "Paradis", place: "4601"},

	// Postcodes as people type them.
	{class: "postcode", q: "5003", place: "4601", matched: MatchedPostcode},
	{class: "postcode", q: "50 03", place: "4601", matched: MatchedPostcode},
	{class: "postcode", q: "N-5003", place: "4601", matched: MatchedPostcode},
	{class: "postcode", q: "n-5003", place: "4601", matched: MatchedPostcode},
	{class: "postcode", q: "NO-5003", place: "4601", matched: MatchedPostcode},
	{class: "postcode", q: "postnr 4307", place: "1108", matched: MatchedPostcode},
	{class: "postcode", q: "postnummer 9008", place: "5501", matched: MatchedPostcode},
	{class: "postcode", q: "90 08 angst", place: "5501", topics: "angst"},
	{class: "postcode", q: "sorg 70 30", place: "5001", topics: "sorg"},
	{class: "postcode", q: "0000", place: "-"},
	{class: "postcode", q: "00 00", place: "-"},

	// Whose place, and where a message says it: someone close, a
	// preposition and a capitalised word is a place, not a name ("mor i
	// Tromsø"); a place that is a clause of its own is told as one, a
	// dot without a space is no clause break ("Kr.sand").
	{class: "whose", q: "Jeg er mor i Tromsø", place: "5501"},
	// A postcode said as a number (dictation); an amount or a year is none.
	{class: "numbers", q: "angst og bor på fire tusen seks hundre og ti", place: "4204", topics: "angst"},
	{class: "numbers", q: "sorggruppe ni tusen og åtte", place: "5501", topics: "sorg"},
	{class: "numbers", q: "skylder to tusen kroner og skammer meg", place: "-"},
	// An age or a count tells of its own clause: a postcode after a comma
	// is a postcode; a reference goes on past its colon.
	{class: "numbers", q: "uten jobb i 4 år, 3864", place: "4036"},
	{class: "numbers", q: "kjefter hver dag, 7030", place: "5001"},
	{class: "numbers", q: "Vår ref.: 1140", place: "-"},
	// Money before digits makes them an amount; a run of digit groups ends
	// with its clause.
	{class: "numbers", q: "minstepensjon og husleia er 9800, hvem kan jeg snakke med", place: "-"},
	{class: "numbers", q: "strøm 2500 i januar", place: "-"},
	{class: "numbers", q: "la ned firmaet i 2024. 14 ansatte mistet jobben", place: "-"},
	{class: "numbers", q: "bor i 9800", place: "5607"},
	// A postcode's own postal place after it says postcode, and is its
	// place, not a namesake's; a unit of the number before is no cue.
	{class: "numbers", q: "fosterhjem i 3 år, 14 barn innom. 1911 flateby", place: "3220"},
	{class: "numbers", q: "ensomme i 2010 strømmen", place: "3205"},
	// The first word of a postal place of several words is its own too:
	// 3800 is Bø i Telemark, not Bø in Vesterålen; 9444 is Hol i Tjeldsund.
	{class: "numbers", q: "er det grupper for ensomme i 3800 bø", place: "4020"},
	{class: "numbers", q: "pårørendegruppe 9444 hol", place: "5512"},
	{class: "numbers", q: "ensom pensjonist 75 år 7600", place: "5037"},
	{class: "numbers", q: "skatt 1200, strøm 2500 i januar", place: "-"},
	// A student lives where they study; beside studies, home is the home
	// town; without them, home is where one lives.
	{class: "whose", q: "studerer i Tromsø, hjemme i Mosjøen, er så ensom", place: "5501", topics: "ensomhet"},
	{class: "whose", q: "lærling på Stord, hjembyen min er Haugesund", place: "4614"},
	// "Here in" is where the writer is, whoever the sentence's subject is.
	{class: "whose", q: "pappa har flytta til Førde og mamma bur her i Florø", place: "4602"},
	{class: "whose", q: "my dad moved to Oslo, mum lives here in Bodø with me", place: "1804"},
	// A person noun is someone else ("familien min bor på Vestlandet"), and
	// the name after a postcode has the postcode's role.
	{class: "whose", q: "Familien min bor på Vestlandet. Jeg bor i 3015", place: "3301"},
	{class: "whose", q: "vi flyttet fra 0682 Oslo til Spydeberg for to år siden", place: "3118"},
	{class: "whose", q: "student på Ås, kjæresten i Bergen gjorde det slutt", place: "3218"},
	{class: "whose", q: "studerer i Oslo, bor i Lillestrøm", place: "3205"},
	{class: "whose", q: "offshore 2-4, hjemme i Sandnes, sover dårlig", place: "1108"},
	{class: "whose", q: "kollegaen min Rana har angst", place: "-", topics: "angst"},
	{class: "whose", q: "min kone er død. jeg er alene nå. kirkenes", place: "5605", topics: "sorg"},
	{class: "whose", q: "min kone er død og jeg er alene nå kirkenes", place: "-", topics: "sorg"},
	// A dotted abbreviation is the one municipality that begins and ends so.
	{class: "whose", q: "politibetjent i Kr.sand, utbrent etter mange år", place: "4204"},
	{class: "whose", q: "kr.sund n sorg", place: "1505", topics: "sorg"},
	{class: "whose", q: "12.03 angst", place: "-", topics: "angst"},
	{class: "whose", q: "Min datter har anoreksi og bor i Halden; selv bor jeg i Sarpsborg", place: "3105", topics: "spiseforstyrrelser"},
	{class: "whose", q: "ferdig på Modum Bad, skal hjem til Stryn", place: "4651"},
	// A correction takes back the places before it when a place follows;
	// an opinion ("mamma mente") is no correction, and a correction with
	// no place after it leaves the place said.
	{class: "whose", q: "angst i Hamar, nei mente Gjøvik", place: "3407", topics: "angst"},
	{class: "whose", q: "bur i Førde eller eigentleg Florø", place: "4602"},
	{class: "whose", q: "I live in Oslo, no wait, I moved to Bodø last year", place: "1804"},
	{class: "whose", q: "jeg bor i Bodø. mamma mente Oslo var bedre for meg", place: "1804"},
	{class: "whose", q: "sorg i Molde, nei vent, jeg mente sorg og angst", place: "1506"},
	// A place's name right after a person word is a name when the message
	// goes on to say something of the person, and the place when it ends
	// the message, as in a list of search words.
	{class: "whose", q: "dattera mi Frøya har sluttet å spise", place: "-"},
	{class: "whose", q: "ensom nabo Sandefjord", place: "3907"},
	// Among a few search words a place after a person word is the place.
	{class: "whose", q: "svoger Hammerfest spilleavhengig", place: "5603"},
	{class: "whose", q: "nevø Stovner, rus", place: "0301"},
	{class: "whose", q: "tourette barn Sola", place: "1124"},
	// A district named by an ordinary word is that word in small letters.
	{class: "whose", q: "lager lister over alt jeg må gjøre. Hamar", place: "3403"},
	{class: "whose", q: "angst i Lister", place: "4225"},
	// A friend is someone close: their danger brings the relatives' groups.
	{class: "crisis", q: "my friend says he wants to die", place: "-", topics: "parorende", crisis: true},
	// Someone close said to be something makes the writer a relative, also
	// when another topic is read.
	{class: "whose", q: "sønnen min er homofil og jeg føler meg så utenfor", place: "-", topics: "parorende"},
	// A writer who begins every sentence with a capital writes a place's
	// name with one: the homograph in small letters is the word.
	{class: "whose", q: "Jeg har arr på armene. Jeg tør ikke vise meg på stranda. Bodø", place: "1804"},
	{class: "whose", q: "Jeg bor på Stranda. Er det noe her?", place: "1525"},
	{class: "whose", q: "jeg bor på stranda. er det noe her", place: "1525"},
	// An ending after an apostrophe is no name: "we're" is no Re.
	{class: "whose", q: "We're 16. She lives in Lillestrøm", place: "3205"},
	{class: "whose", q: "they're in Re", place: "3905"},
	{class: "whose", q: "barn elsker sola", place: "-"},
	{class: "whose", q: "alenemamma Kongsberg", place: "3303"},
	{class: "whose", q: "mamma alene Drøbak", place: "3214"},
	// A place before an arrow is whence.
	{class: "whose", q: "giftepress, Stavanger→Sandnes", place: "1108"},
	{class: "whose", q: "moved Oslo -> Tromsø for a job", place: "5501"},
	// Where a commute goes, and a job as a noun, are work; where it
	// starts is home. A cue reaches neither past another cue nor into the
	// next clause.
	{class: "whose", q: "Er det noen i Hønefoss som har gått ut av Jehovas vitner? Jeg pendler til Oslo hver dag", place: "3305"},
	{class: "whose", q: "kan ikke kjøre fra Skarnes til jobben på Kongsvinger lenger", place: "3415"},
	{class: "whose", q: "pendler fra Drøbak til Oslo og er sykmeldt", place: "3214"},
	{class: "whose", q: "mista jobben i Drammen, bor alene på Lier", place: "3312"},
	// A slash and a space part clauses; the place's own office tells of
	// no origin.
	{class: "whose", q: "betting, Ski / jobb Oslo", place: "3207"},
	// Last of all, a word that is exactly a small place's name is that
	// place, unless it is also a word of some language.
	{class: "whose", q: "for bestemor stabbestad", place: "4014"},
	{class: "whose", q: "livet etter leukemi ustaoset", place: "3330"},
	{class: "whose", q: "ryggmargsskade etter fall", place: "-"},
	// Days and months are words, no near miss of a place.
	{class: "whose", q: "skyt meg, det er mandag", place: "-"},
	{class: "whose", q: "Fikk varsel om utkastelse fra kommunen i Skien. Datteren min i Porsgrunn vet ingenting.", place: "4003"},
	// Living with someone close is the writer's home; a cue of elsewhere
	// goes on through another; a negated whence is still whence.
	{class: "whose", q: "Vi bodde i Porsgrunn, nå bor jeg hos datteren min i Skien.", place: "4003"},
	{class: "whose", q: "Har ingen venner her i Molde, familien i Trondheim snakker ikke med meg.", place: "1506"},
	{class: "whose", q: "ble sagt opp fra jobben i Equinor i Stavanger og har flyttet tilbake til Nærbø", place: "1119"},
	{class: "whose", q: "kjem meg ikkje frå Tingvoll til jobben i Kristiansund", place: "1560"},
	{class: "whose", q: "In Oslo I had a storage unit too, now in Bærum I have two.", place: "3201"},
	{class: "whose", q: "Mijn dochter wil niet naar school in Molde. Wij wonen in Aukra.", place: "1547"},
	// Someone close right before a place preposition is there, the verb
	// left out; with the writer ("alone with the kids in Bardufoss") it is
	// the writer's place too.
	{class: "whose", q: "Datteren min i Porsgrunn vet ingenting, jeg sitter alene i Skien", place: "4003"},
	{class: "whose", q: "I'm alone with the kids in Bardufoss", place: "5524"},
	// A cue's subject is looked for in its own sentence only.
	{class: "whose", q: "I morgen er kona i Tønsberg. Bor på Tjøme.", place: "3911"},
	// Every word of a place's name of several words carries its role.
	{class: "whose", q: "permittert fra jobben i Mo i Rana. Nå bor jeg hos søsteren min i Mosjøen", place: "1824"},
	// An English word after "in" that goes with a word of its own is that
	// word ("in his sleep" is no His).
	{class: "whose", q: "my neighbour in Sortland is a veteran. he's loud at night, screaming in his sleep I think", place: "1870"},
	// A reference, a date or a time is no postcode.
	{class: "numbers", q: "Saksnr. 24/1187, samlivsbrudd, Asker kommune", place: "3203", topics: "samlivsbrudd"},
	{class: "numbers", q: "møtet 12.03 om kreft i Sunnfjord", place: "4647", topics: "kreft"},
	{class: "numbers", q: "gruppa møtes 18:30 i Bodø", place: "1804"},
	// Four digits in the range of years give way to a place named in words
	// of another municipality; with a place of the same one, or none, they
	// stay a postcode.
	{class: "numbers", q: "mista jobben 2021 og trenger en gruppe i Tromsø", place: "5501"},
	{class: "numbers", q: "2000 Lillestrøm", place: "3205"},
	{class: "numbers", q: "sorg 2019", place: "3205", topics: "sorg"},
	// In a sentence, digits in the range of years after other words are a
	// year, unless a place cue, a clause of their own or their postal place
	// says postcode.
	{class: "numbers", q: "russ 2025 og drikker altfor mye", place: "-", topics: "rus"},
	{class: "numbers", q: "jeg bor på 2000 og har angst", place: "3205", topics: "angst"},
	{class: "numbers", q: "fikk sparken og er lei meg. 2000", place: "3205"},
	{class: "numbers", q: "2000 Lillestrøm og angst", place: "3205", topics: "angst"},
	// A postcode of another municipality than the town named gives way to
	// the town: digits are swapped more often than a town is misnamed.
	{class: "numbers", q: "lillehammer 2690 angst", place: "3405", topics: "angst"},
	{class: "numbers", q: "2609 lillehammer", place: "3405"},
	// Digits typed together with one or two letters are a flat's or a
	// house's number; with a word, a postcode typed in haste.
	{class: "numbers", q: "naboen i H0302 spiller musikk hver natt", place: "-"},
	{class: "numbers", q: "bor i 0302B, angst", place: "-", topics: "angst"},
	{class: "numbers", q: "0557angst", place: "0301", topics: "angst"},
	// In a sentence a postal place needs a cue; after other words the
	// beginning of one needs five letters; several words or a region after
	// it are cues.
	{class: "finished", q: "kjøper tau i dag", place: "-"},
	// Two capitalised words are a person only when the first could be a
	// first name: not an acronym; a signature's name ends at a bracket.
	{class: "finished", q: "Sosionom ved DPS Kongsberg: brukeren spiller for mye", place: "3303"},
	{class: "finished", q: "trenger sorggruppe. Hilsen Marit Fauske", place: "-", topics: "sorg"},
	{class: "finished", q: "Hilsen Per (Porsgrunn) – sliter på jobben", place: "4001", topics: "arbeid"},
	// A name follows its person word in the same clause, not after a comma.
	{class: "finished", q: "barnevernet tok barna mine, Hamar", place: "3403"},
	{class: "finished", q: "usunt forhold til mat", place: "-"},
	{class: "finished", q: "pro ana", place: "-"},
	{class: "finished", q: "angst mo i r", place: "1833", topics: "angst"},
	{class: "finished", q: "har måttet legge ned gården", place: "-"},
	{class: "finished", q: "reine i lofoten", place: "1874"},
	{class: "finished", q: "kolbotn, datter med spiseforstyrrelse", place: "3207", topics: "spiseforstyrrelser"},
	{class: "finished", q: "angst kolbot", place: "3207", topics: "angst"},
	// A mark that ends a sentence finishes its last word: "anonymt?" is
	// no beginning of "Anonyme Narkomane".
	{class: "finished", q: "er det anonymt?", place: "-", topics: "-"},
	{class: "finished", q: "er det grupper på nett?", place: "-", topics: "-"},
}

// regionTop is the most populous member of the region or county named n.
func regionTop(t *testing.T, d *dataset.Dataset, n string) string {
	t.Helper()
	pop := map[string]int{}
	for _, m := range d.Municipalities {
		pop[m.Number] = m.Population
	}
	var members []string
	for _, r := range d.Regions {
		if strings.EqualFold(r.Name, n) && (members == nil || r.Kind == dataset.RegionDistrict) {
			members = r.Municipalities
		}
	}
	for _, c := range d.Counties {
		if strings.EqualFold(c.Name, n) {
			members = nil
			for _, m := range d.Municipalities {
				if m.County == c.Number {
					members = append(members, m.Number)
				}
			}
		}
	}
	require.NotEmpty(t, members, "region %s", n)
	sort.SliceStable(members, func(i, j int) bool { return pop[members[i]] > pop[members[j]] })
	return members[0]
}

// TestReadingRules runs the rule cases class by class and logs the hit
// rate; every case must pass (these are the rules, not a sample).
func TestReadingRules(t *testing.T) {
	e := rules(t) // the rules alone: TestCrisisSignal reads the signal
	d, err := realData()
	require.NoError(t, err)
	hits := map[string][2]int{}
	for _, c := range ruleCases {
		ok := t.Run(c.class+"/"+c.q, func(t *testing.T) {
			r := e.Search(c.q, Options{})
			want := c.place
			if strings.HasPrefix(want, "R:") {
				want = regionTop(t, d, want[2:])
				require.NotNil(t, r.Place, c.q)
				require.NotNil(t, r.Place.Region, c.q)
				assert.Contains(t, r.Place.Region.Municipalities, want)
			}
			switch want {
			case "":
			case "-":
				assert.Nil(t, r.Place, "%q: no place", c.q)
			default:
				if assert.NotNil(t, r.Place, c.q) {
					assert.Equal(t, want, r.Place.Municipality, c.q)
				}
			}
			if c.matched != "" && r.Place != nil {
				assert.Equal(t, c.matched, r.Place.Matched, c.q)
			}
			var got []string
			for _, tp := range r.Topics {
				got = append(got, tp.ID)
			}
			switch c.topics {
			case "":
			case "-":
				assert.Empty(t, got, c.q)
			default:
				for _, id := range strings.Split(c.topics, ",") {
					assert.Contains(t, got, id, c.q)
				}
			}
			if r.Topic != nil {
				assert.Equal(t, r.Topic.ID, got[0], "topic is the first of topics")
			}
			assert.Equal(t, c.crisis, r.Crisis != nil, "%q: crisis", c.q)
			if r.Crisis != nil {
				numbers := map[string]bool{}
				for _, l := range r.Crisis.Lines {
					numbers[l.Number] = true
				}
				assert.True(t, numbers["113"] && numbers["116 123"], "%q: 113 and 116 123", c.q)
			}
			// One engine, one encoder: the new fields encode as encoding/json does.
			want2, err := json.Marshal(r)
			require.NoError(t, err)
			assert.Equal(t, string(want2), string(r.AppendJSON(nil)))
		})
		h := hits[c.class]
		h[1]++
		if ok {
			h[0]++
		}
		hits[c.class] = h
	}
	var classes []string
	for k := range hits {
		classes = append(classes, k)
	}
	sort.Strings(classes)
	for _, k := range classes {
		t.Logf("%-9s %3d/%3d", k, hits[k][0], hits[k][1])
	}
	t.Logf("rule cases: %d", len(ruleCases))
}

// TestCommonWordsAreNoMunicipality keeps the common-word list honest: a
// word in it never resolves a place, so it must not be a municipality's
// name in any of its forms.
func TestCommonWordsAreNoMunicipality(t *testing.T) {
	e := engine(t)
	for w := range e.lex.common {
		for _, j := range e.exact[w] {
			en := &e.entries[j]
			assert.False(t, en.kind == entMunicipality || en.kind == entParallel || en.kind == entFormer,
				"common word %q is the municipality name %q", w, en.label)
		}
	}
}

// TestRegionAndDistrictResults: every member of a region counts as local;
// a district measures from its own point.
func TestRegionAndDistrictResults(t *testing.T) {
	d := &dataset.Dataset{
		Lexicon:  []dataset.Lexeme{{Text: "selvmord", Role: dataset.RoleCrisisStem, Language: "nb"}},
		Counties: []dataset.County{{Number: "46", Name: "Vestland"}},
		Municipalities: []dataset.Municipality{
			{Number: "4601", Name: "Bergen", County: "46", Population: 290000, Lat: 60.39, Lon: 5.32},
			{Number: "4621", Name: "Voss", County: "46", Population: 16000, Lat: 60.63, Lon: 6.41},
			{Number: "4640", Name: "Sogndal", County: "46", Population: 12000, Lat: 61.23, Lon: 7.1},
		},
		Regions: []dataset.Region{{Name: "Testregion", Kind: dataset.RegionDistrict, Municipalities: []string{"4621", "4640"}}},
		Districts: []dataset.District{
			{Name: "Fana", Kind: dataset.DistrictBorough, Municipality: "4601", Lat: 60.26, Lon: 5.34},
			{Name: "Utenpunkt", Kind: dataset.DistrictNeighbourhood, Municipality: "4601"},
		},
		Topics: []dataset.Topic{{ID: "sorg", Name: "Sorg og tap"}},
		ContactPoints: []dataset.ContactPoint{
			{ID: "national", Name: "Nasjonal", Kind: dataset.KindNationalOffice, ServesAll: true, Status: dataset.StatusActive},
			{ID: "bergen", Name: "Senter Bergen", Kind: dataset.KindCentre, Municipality: "4601", Status: dataset.StatusActive},
			{ID: "sogndal", Name: "Senter Sogndal", Kind: dataset.KindCentre, Municipality: "4640", Status: dataset.StatusUnknown},
			{ID: "voss", Name: "Senter Voss", Kind: dataset.KindCentre, Municipality: "4621", Status: dataset.StatusActive, Topics: []string{"sorg"}},
		},
		CrisisLines: []dataset.CrisisLine{{ID: "b", Name: "B", Number: "116 123", Order: 2}, {ID: "a", Name: "A", Number: "113", Order: 1}},
	}
	e, err := New(d)
	require.NoError(t, err)

	r := e.Search("Testregion", Options{})
	require.NotNil(t, r.Place)
	require.NotNil(t, r.Place.Region)
	assert.Equal(t, "4621", r.Place.Municipality, "the most populous member")
	assert.Equal(t, []string{"4621", "4640"}, r.Place.Region.Municipalities)
	local := map[string]bool{}
	for _, x := range r.Results {
		if x.Relation == RelationLocal {
			local[x.ContactPoint.ID] = true
		}
	}
	assert.Equal(t, map[string]bool{"voss": true, "sogndal": true}, local, "every member is local")
	assert.Equal(t, "voss", r.Results[0].ContactPoint.ID, "active before unknown")

	r = e.Search("Fana", Options{})
	require.NotNil(t, r.Place)
	assert.Equal(t, MatchedDistrict, r.Place.Matched)
	assert.Equal(t, "Fana", r.Place.District)
	require.Equal(t, "bergen", r.Results[0].ContactPoint.ID)
	// The contact point has the municipality's point; the district lies
	// about 14 km south of it.
	assert.InDelta(t, haversine(60.26, 5.34, 60.39, 5.32), r.Results[0].DistanceKm, 0.1)

	r = e.Search("Utenpunkt", Options{})
	require.NotNil(t, r.Place)
	assert.Equal(t, 0.0, r.Results[0].DistanceKm, "no point: measured from the municipality")

	r = e.Search("selvmord", Options{})
	require.NotNil(t, r.Crisis)
	assert.Equal(t, "a", r.Crisis.Lines[0].ID, "crisis lines in their order")
	assert.Nil(t, r.Place)

	r = e.Search("sorg testregion", Options{})
	require.NotNil(t, r.Topic)
	assert.Equal(t, "voss", r.Results[0].ContactPoint.ID, "lists the topic first")
	assert.Equal(t, TopicNoteLocal, r.TopicNote)
}

// TestViolenceReadsAbuseFirst: violence that a crisis rule reads, in any
// language, raises crisis help and puts the topic of abuse first, before the
// topics the message names besides; without a crisis, no such topic.
func TestViolenceReadsAbuseFirst(t *testing.T) {
	e := engine(t)
	for _, q := range []string{
		"mamma slår meg når hun drikker",
		"kona mi slår meg men ingen tror meg",
		"my husband hits me when he drinks",
		"Mąż mnie bije",
	} {
		r := e.Search(q, Options{})
		require.NotNil(t, r.Crisis, q)
		if assert.NotEmpty(t, r.Topics, q) {
			assert.Equal(t, abuseTopic, r.Topics[0].ID, q)
		}
	}
	for _, q := range []string{"vi slår oss sammen om en gave", "tennis slår meg ut hver gang"} {
		r := e.Search(q, Options{})
		assert.Nil(t, r.Crisis, q)
		for _, tp := range r.Topics {
			assert.NotEqual(t, abuseTopic, tp.ID, q)
		}
	}
}

// TestEveryLanguageHasItsBit: the lexicon holds more than 32 languages
// (38 tags on 2026-12-07); the crisis is read in the message's language
// for the later ones too, and the card gets that language's line.
func TestEveryLanguageHasItsBit(t *testing.T) {
	e := engine(t)
	for q, lang := range map[string]string{"Non voglio più vivere.": "it", "En halua elää": "fi", "je veux mourir": "fr", "Nuk dua të jetoj më.": "sq"} {
		r := e.Search(q, Options{})
		if assert.NotNil(t, r.Crisis, q) {
			assert.Equal(t, lang, r.Crisis.Language, q)
		}
	}
	assert.Greater(t, len(e.lex.langBit), 32, "the test needs more than 32 languages to mean anything")
	assert.LessOrEqual(t, len(dataset.LexiconLanguages()), maxLanguages, "every tag the lexicon may carry has a bit")
}

// TestCrisisOfSomeoneClose: a relative writing about someone close in
// crisis gets the relatives' groups first; the writer's own crisis, with a
// relative named before it, does not.
func TestCrisisOfSomeoneClose(t *testing.T) {
	e := rules(t)
	// A crisis verb turned back on its subject by a reflexive is that
	// person's act, no violence against the writer.
	for _, q := range []string{"sønnen min på 19 sier han vil dø", "kjæresten min truer med å drepe seg hvis jeg slår opp"} {
		r := e.Search(q, Options{})
		require.NotNil(t, r.Crisis, q)
		require.NotEmpty(t, r.Topics, q)
		assert.Equal(t, carerTopic, r.Topics[0].ID, q)
	}
	r := e.Search("kona mi truer med å drepe meg", Options{})
	require.NotNil(t, r.Crisis)
	require.NotEmpty(t, r.Topics)
	assert.Equal(t, abuseTopic, r.Topics[0].ID, "a threat against the writer is violence")
	// Another's suicide told in another language: grief first.
	for _, q := range []string{"Fratele meu s-a sinucis luna trecută", "Mio fratello si è tolto la vita il mese scorso", "mój brat popełnił samobójstwo"} {
		r := e.Search(q, Options{})
		require.NotNil(t, r.Crisis, q)
		require.NotEmpty(t, r.Topics, q)
		assert.Equal(t, griefTopic, r.Topics[0].ID, q)
	}
	for _, q := range []string{"mamma døde og jeg vil dø", "jeg vil ta livet mitt, mamma vet ingenting"} {
		r := e.Search(q, Options{})
		require.NotNil(t, r.Crisis, q)
		if len(r.Topics) > 0 {
			assert.NotEqual(t, carerTopic, r.Topics[0].ID, q)
		}
	}
}

// TestDeathOfTheWriterIsAnIdiom: a death word whose subject is the writer
// reads no grief; someone else's death does.
func TestDeathOfTheWriterIsAnIdiom(t *testing.T) {
	e := engine(t)
	for _, tp := range e.Search("i Fortnite døde jeg 20 ganger i dag", Options{}).Topics {
		assert.NotEqual(t, griefTopic, tp.ID)
	}
	r := e.Search("tvillingene våre døde rett etter fødselen", Options{})
	require.NotEmpty(t, r.Topics)
	assert.Equal(t, griefTopic, r.Topics[0].ID)
}

// TestDescriptionsReadWhole: a topic's everyday description is read by
// its first words, never by the beginning of a word ("hjem" typed last is
// not "hjemmekontor").
func TestDescriptionsReadWhole(t *testing.T) {
	e := engine(t)
	for _, tp := range e.Search("savner å komme hjem", Options{}).Topics {
		assert.NotEqual(t, "arbeid", tp.ID)
	}
	for _, tp := range e.Search("nakkesleng etter påkjørsel", Options{}).Topics {
		assert.NotEqual(t, "rus", tp.ID, "«påkjørsel» is no near miss of «på kjøret»")
	}
	r := e.Search("eksen nekter meg å se ungene", Options{})
	require.NotEmpty(t, r.Topics)
	assert.Equal(t, "samlivsbrudd", r.Topics[0].ID)
}

// TestWhoseCrisisOfLife: abuse and bullying are someone close's when the
// writer is not in the clause (the relatives' groups come with them), the
// writer's own when they are.
func TestWhoseCrisisOfLife(t *testing.T) {
	e := rules(t)
	for q, carer := range map[string]bool{
		"datteren min blir mobbet på skolen. Ålesund":       true,
		"vi er to fedre og barnet vårt blir mobbet":         true,
		"stesønnen min blir utsatt for vold av faren sin":   true,
		"mannen min slår meg når han drikker":               false,
		"kjæresten min kaller meg stygg og jeg blir mobbet": false,
	} {
		var ids []string
		for _, tp := range e.Search(q, Options{}).Topics {
			ids = append(ids, tp.ID)
		}
		assert.Contains(t, ids, abuseTopic, q)
		if carer {
			assert.Contains(t, ids, carerTopic, q)
		} else {
			assert.NotContains(t, ids, carerTopic, q)
		}
	}
}

// TestThreatToKillIsViolence: a phrase of danger from someone else ("skal
// drepe meg") is violence against the writer, as a crisis rule's is: the
// groups for a crisis of life come first, before the break-up's.
func TestThreatToKillIsViolence(t *testing.T) {
	e := rules(t)
	r := e.Search("Eksen står utenfor døra og roper at han skal drepe meg. Jeg har låst meg inne på badet. Ungene er hos farmor.", Options{})
	require.NotNil(t, r.Crisis)
	require.NotEmpty(t, r.Topics)
	assert.Equal(t, abuseTopic, r.Topics[0].ID)
}

// TestKinCompounds: a compound whose head names someone close names them
// too ("lagkameraten", "tvillingbroren"); a short head ("mor", "bror") ends
// no other word ("humor").
func TestKinCompounds(t *testing.T) {
	e := rules(t)
	for w, kin := range map[string]bool{"lagkameraten": true, "tvillingbroren": true, "romkameraten": true, "kameraten": true, "humor": false, "sjefen": false, "labrador": false} {
		assert.Equal(t, kin, e.lex.isKin(w), w)
	}
	r := e.Search("lagkameraten min har vært deprimert lenge", Options{})
	require.NotEmpty(t, r.Topics)
	assert.Equal(t, carerTopic, r.Topics[0].ID)
}

// TestNegationTakesBack: a topic a negation that begins its clause takes
// back is not read when another is, neither by the rules nor by the
// signals.
func TestNegationTakesBack(t *testing.T) {
	e := rules(t)
	assert.Equal(t, []string{"depresjon"}, topicIDs(e.Search("ikke angst, men depresjon i Bergen", Options{})))
	assert.Equal(t, []string{"angst"}, topicIDs(e.Search("ikke angst lenger, bare søvnproblemer", Options{})), "nothing else told: what it names stays")
	r := e.Search("ikke Bergen, Bærum", Options{})
	require.NotNil(t, r.Place)
	assert.Equal(t, "3201", r.Place.Municipality)
}

// TestTopicWordsInOtherCases: another language's topic word is read in its
// other cases (its stem and a short ending), a mark in the ending
// included; a stem too short to name a topic alone is not read so.
func TestTopicWordsInOtherCases(t *testing.T) {
	e := rules(t)
	for q, want := range map[string]string{
		"z depresją":       "depresjon",
		"samotnością":      "ensomhet",
		"с депрессией":     "depresjon",
		"самотністю":       "ensomhet",
		"depresijos grupė": "depresjon",
	} {
		assert.Contains(t, topicIDs(e.Search(q, Options{})), want, q)
	}
	st, ok := caseStem("depresja")
	require.True(t, ok)
	assert.Equal(t, "depresj", st)
	_, ok = caseStem("rak")
	assert.False(t, ok, "a stem of three letters names nothing alone")
	_, ok = caseStem("drikke problem")
	assert.False(t, ok, "words of several words are read as they are")
}

// TestGroupIsNoPlace: the word for a group, in the languages people in
// Norway write, is a common word, never a place near it in spelling
// ("grupe" is no Grue).
func TestGroupIsNoPlace(t *testing.T) {
	e := rules(t)
	for _, q := range []string{"depresijos grupe", "grupy dla rodziców", "kooxda walidiinta"} {
		assert.Nil(t, e.Search(q, Options{}).Place, q)
	}
}
