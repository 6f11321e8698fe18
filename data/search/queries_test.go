package search

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// queryCase is one real-world query and what it must read as.
type queryCase struct {
	cat   string
	q     string
	place string // municipality number; "-" = no place; "" = not checked
	topic string // topic id; "-" = no topic; "" = not checked
	// optional checks
	matched string   // Place.Matched
	alts    []string // Place.Alternatives must hold these
	sug     []string // suggestions must hold these ids ("kind:id")
	terr    string   // Territory.Number
}

// A "-" for place or topic means the query must resolve to none.
var queryCases = []queryCase{
	// Names exactly or as typed: case, spaces, hyphens, ASCII for æ ø å.
	{cat: "name", q: "Bergen", place: "4601", topic: "-", matched: "name"},
	{cat: "name", q: "BERGEN", place: "4601"},
	{cat: "name", q: "   bergen   ", place: "4601"},
	{cat: "name", q: "Oslo", place: "0301"},
	{cat: "name", q: "Tromsø", place: "5501"},
	{cat: "name", q: "tromso", place: "5501"},
	{cat: "name", q: "tromsoe", place: "5501"},
	{cat: "name", q: "bodo", place: "1804"},
	{cat: "name", q: "bodoe", place: "1804"},
	{cat: "name", q: "Ålesund", place: "1508"},
	{cat: "name", q: "alesund", place: "1508"},
	{cat: "name", q: "aalesund", place: "1508"},
	{cat: "name", q: "Bærum", place: "3201"},
	{cat: "name", q: "baerum", place: "3201"},
	{cat: "name", q: "berum", place: "3201"},
	{cat: "name", q: "Sør-Varanger", place: "5605"},
	{cat: "name", q: "sør varanger", place: "5605"},
	{cat: "name", q: "sor-varanger", place: "5605"},
	{cat: "name", q: "soer varanger", place: "5605"},
	{cat: "name", q: "sorvaranger", place: "5605"},
	{cat: "name", q: "sor var", place: "5605", topic: "-"}, // one name, not "sorg" + "Vardø"
	{cat: "name", q: "nord aurdal", place: "3451"},
	{cat: "name", q: "lillestrom", place: "3205"},
	{cat: "name", q: "oyer", place: "3440"},
	{cat: "name", q: "oeyer", place: "3440"},
	{cat: "name", q: "vaagaa", place: "3435"},
	{cat: "name", q: "masoy", place: "5618"},
	{cat: "name", q: "gjovik", place: "3407"},
	{cat: "name", q: "kvaefjord", place: "5510"},
	{cat: "name", q: "kvefjord", place: "5510"},
	{cat: "name", q: "stjordal", place: "5035"},
	{cat: "name", q: "traena", place: "1835"},
	{cat: "name", q: "faerder", place: "3911"},
	{cat: "name", q: "raelingen", place: "3224"},
	{cat: "name", q: "indre østfold", place: "3118"},
	{cat: "name", q: "Nordre Follo", place: "3207"},
	{cat: "name", q: "Aurskog Høland", place: "3226"},
	{cat: "name", q: "tonsberg", place: "3905"},
	{cat: "name", q: "Kristiansand kommune", place: "4204"},

	// Typos: swapped, doubled, missing or wrong letters.
	{cat: "typo", q: "trondhiem", place: "5001"},
	{cat: "typo", q: "tromsøø", place: "5501"},
	{cat: "typo", q: "hauggesund", place: "1106"},
	{cat: "typo", q: "steinkjær", place: "5006"},
	{cat: "typo", q: "bergn", place: "4601"},
	{cat: "typo", q: "kristiansan", place: "4204"},
	{cat: "typo", q: "stavagner", place: "1103"},
	{cat: "typo", q: "drammmen", place: "3301"},
	{cat: "typo", q: "fredrikstadt", place: "3107"},
	{cat: "typo", q: "sarpsbrog", place: "3105"},
	{cat: "typo", q: "lilehammer", place: "3405"},
	{cat: "typo", q: "gjøvk", place: "3407"},
	{cat: "typo", q: "kongsbreg", place: "3303"},
	{cat: "typo", q: "tønsbergg", place: "3905"},
	{cat: "typo", q: "harsatd", place: "5503"},
	{cat: "typo", q: "narvk", place: "1806"},
	{cat: "typo", q: "hamarr", place: "3403"},
	{cat: "typo", q: "skein", place: "4003"},
	{cat: "typo", q: "arnedal", place: "4203"},
	{cat: "typo", q: "larivk", place: "3909"},
	{cat: "typo", q: "sandefjor", place: "3907"},
	{cat: "typo", q: "koutokeino", place: "5612"},
	{cat: "typo", q: "porsgrun", place: "4001"},
	{cat: "typo", q: "haldne", place: "3101"},
	{cat: "typo", q: "namsoss", place: "5007"},
	{cat: "typo", q: "levagner", place: "5037"},
	{cat: "typo", q: "lillestrømm", place: "3205"},
	{cat: "typo", q: "hammerfets", place: "5603"},
	{cat: "typo", q: "kristiansnd", place: "4204"},
	{cat: "typo", q: "trondheimm", place: "5001"},

	// Sami and Kven parallel names, with or without diacritics.
	{cat: "parallel", q: "Guovdageaidnu", place: "5612", matched: "parallel_name"},
	{cat: "parallel", q: "guovdageaidnu", place: "5612"},
	{cat: "parallel", q: "Deatnu", place: "5628", matched: "parallel_name"},
	{cat: "parallel", q: "Kaivuono", place: "5540", matched: "parallel_name"},
	{cat: "parallel", q: "Kárášjohka", place: "5610"},
	{cat: "parallel", q: "karasjohka", place: "5610"},
	{cat: "parallel", q: "Porsáŋgu", place: "5622"},
	{cat: "parallel", q: "porsangu", place: "5622"},
	{cat: "parallel", q: "Porsanki", place: "5622"},
	{cat: "parallel", q: "unjarga", place: "5636"},
	{cat: "parallel", q: "Gáivuotna", place: "5540"},
	{cat: "parallel", q: "Hárstták", place: "5503"},
	{cat: "parallel", q: "omasvuotna", place: "5538"},
	{cat: "parallel", q: "Omasvuono", place: "5538"},
	{cat: "parallel", q: "Raisi", place: "5544"},
	{cat: "parallel", q: "ráisa", place: "5544"},
	{cat: "parallel", q: "Tråante", place: "5001"},
	{cat: "parallel", q: "snaase", place: "5041"},
	{cat: "parallel", q: "Aarborte", place: "1826"},
	{cat: "parallel", q: "Fuossko", place: "1841"},
	{cat: "parallel", q: "evenassi", place: "1853"},
	{cat: "parallel", q: "Suortá", place: "1870"},
	{cat: "parallel", q: "Dielddanuorri", place: "5512"},
	{cat: "parallel", q: "hammerfeasta", place: "5603"},
	{cat: "parallel", q: "Rosse", place: "5025"},
	{cat: "parallel", q: "Raane", place: "1833"},
	{cat: "parallel", q: "Hábmer", place: "1875"},

	// Former municipalities (2020 and 2024 reforms); a split offers both.
	{cat: "former", q: "Oppegård", place: "3207"},
	{cat: "former", q: "oppegard", place: "3207"},
	{cat: "former", q: "Skedsmo", place: "3205", matched: "former_name"},
	{cat: "former", q: "Lenvik", place: "5530", matched: "former_name"},
	{cat: "former", q: "Odda", place: "4618"},
	{cat: "former", q: "Rygge", place: "3103", matched: "former_name"},
	{cat: "former", q: "Fet", place: "3205"},
	{cat: "former", q: "Eidsberg", place: "3118"},
	{cat: "former", q: "Mandal", place: "4205"},
	{cat: "former", q: "Søgne", place: "4204"},
	{cat: "former", q: "Klæbu", place: "5001"},
	{cat: "former", q: "Hornindal", place: "1577"},
	{cat: "former", q: "Selje", place: "4649"},
	{cat: "former", q: "Flora", place: "4602"},
	{cat: "former", q: "Vågsøy", place: "4602"},
	{cat: "former", q: "Jondal", place: "4618"},
	{cat: "former", q: "Fusa", place: "4624"},
	{cat: "former", q: "Hurum", place: "3203"},
	{cat: "former", q: "Røyken", place: "3203"},
	{cat: "former", q: "Nedre Eiker", place: "3301"},
	{cat: "former", q: "Svelvik", place: "3301"},
	{cat: "former", q: "Meldal", place: "5059"},
	{cat: "former", q: "Hemne", place: "5055"},
	{cat: "former", q: "Skånland", place: "5512"},
	{cat: "former", q: "Kvalsund", place: "5603"},
	{cat: "former", q: "Fræna", place: "1579"},
	{cat: "former", q: "Nærøy", place: "5060"},
	{cat: "former", q: "Ballangen", place: "1806"},
	{cat: "former", q: "Skodje", place: "1508", alts: []string{"1580"}, sug: []string{"municipality:1508", "municipality:1580"}},
	{cat: "former", q: "Ørskog", place: "1508", alts: []string{"1580"}},
	{cat: "former", q: "Sandøy", place: "1508", alts: []string{"1580"}},
	{cat: "former", q: "Tysfjord", place: "1806", alts: []string{"1875"}, sug: []string{"municipality:1806", "municipality:1875"}},
	{cat: "former", q: "Divtasvuodna", place: "1806", alts: []string{"1875"}},
	{cat: "former", q: "Snillfjord", place: "5059", alts: []string{"5055", "5056"}},

	// Postcodes and postal places.
	{cat: "postcode", q: "5003", place: "4601", matched: "postcode", sug: []string{"postcode:5003"}},
	{cat: "postcode", q: "0150", place: "0301", matched: "postcode"},
	{cat: "postcode", q: "9008", place: "5501"},
	{cat: "postcode", q: "7010", place: "5001"},
	{cat: "postcode", q: "4006", place: "1103"},
	{cat: "postcode", q: "8001", place: "1804"},
	{cat: "postcode", q: "1300", place: "3201"},
	{cat: "postcode", q: "2000", place: "3205"},
	{cat: "postcode", q: "4604", place: "4204", matched: "postcode"},
	{cat: "postcode", q: "9900", place: "5605"},
	{cat: "postcode", q: "50", place: "-", sug: []string{"postcode:5003"}},
	{cat: "postcode", q: "500", place: "-", sug: []string{"postcode:5003"}},
	{cat: "postcode", q: "9", place: "-", sug: []string{"postcode:9006"}},
	{cat: "postcode", q: "9170", place: "-", terr: "2100", sug: []string{"postcode:9170"}},
	{cat: "postcode", q: "8099", place: "-", terr: "2211"},
	{cat: "postal", q: "Sandvika", place: "3201", matched: "postal_place"},
	{cat: "postal", q: "Kolbotn", place: "3207", matched: "postal_place"},
	{cat: "postal", q: "Mo i Rana", place: "1833", matched: "postal_place"},
	{cat: "postal", q: "mo i rana", place: "1833"},
	{cat: "postal", q: "Kirkenes", place: "5605", matched: "postal_place"},
	{cat: "postal", q: "Bjørkelangen", place: "3226"},
	{cat: "postal", q: "Moelv", place: "3411"},
	{cat: "postal", q: "Brumunddal", place: "3411"},
	{cat: "postal", q: "Stokmarknes", place: "1866"},
	{cat: "postal", q: "svolvaer", place: "1865"},
	{cat: "postal", q: "Finnsnes", place: "5530"},
	{cat: "postal", q: "Leknes", place: "1860"},
	{cat: "postal", q: "honningsvag", place: "5620"},
	{cat: "postal", q: "Geilo", place: "3330"},
	{cat: "postal", q: "Otta", place: "3437"},
	{cat: "postal", q: "Fagernes", place: "3451"},
	{cat: "postal", q: "Jessheim", place: "3209"},
	{cat: "postal", q: "Lysaker", place: "3201"},
	{cat: "postal", q: "Nesttun", place: "4601"},
	{cat: "postal", q: "Sandnessjøen", place: "1820"},
	{cat: "postal", q: "mosjoen", place: "1824"},
	{cat: "postal", q: "Brønnøysund", place: "1813"},
	{cat: "postal", q: "Egersund", place: "1101"},
	{cat: "postal", q: "Florø", place: "4602"},
	{cat: "postal", q: "honefoss", place: "3305"},
	{cat: "postal", q: "Rjukan", place: "4026"},
	{cat: "postal", q: "Drøbak", place: "3214"},
	{cat: "postal", q: "Kopervik", place: "1149"},
	{cat: "postal", q: "Stryn", place: "4651"},
	{cat: "postal", q: "Geiranger", place: "1525"},
	{cat: "postal", q: "Kleppestø", place: "4627"},
	{cat: "postal", q: "Bø i Telemark", place: "4020"},
	{cat: "postal", q: "Longyearbyen", place: "-", terr: "2100"},
	{cat: "postal", q: "Svalbard", place: "-", terr: "2100"},

	// Names shared by two municipalities, or by a municipality and a postal
	// place elsewhere: every reading, told apart by county.
	{cat: "shared", q: "Herøy", place: "1515", alts: []string{"1818"}, sug: []string{"municipality:1515", "municipality:1818"}},
	{cat: "shared", q: "heroy", place: "1515", alts: []string{"1818"}},
	{cat: "shared", q: "Herøy Nordland", place: "1818"},
	{cat: "shared", q: "Våler", place: "3114", alts: []string{"3419"}, sug: []string{"municipality:3114", "municipality:3419"}},
	{cat: "shared", q: "våler innlandet", place: "3419"},
	{cat: "shared", q: "Os", place: "3430", alts: []string{"4624"}, sug: []string{"municipality:3430", "municipality:4624"}},
	{cat: "shared", q: "Bø", place: "1867", alts: []string{"4020"}},
	{cat: "shared", q: "Sande", place: "1514", alts: []string{"3903"}},
	{cat: "shared", q: "Nes", place: "3228", alts: []string{"3322"}},
	{cat: "shared", q: "Bryne", place: "1121", alts: []string{"1120"}},

	// Topics: names, synonyms, prefixes, typos.
	{cat: "topic", q: "angst", place: "-", topic: "angst"},
	{cat: "topic", q: "angs", place: "-", topic: "angst"},
	{cat: "topic", q: "ang", place: "-", topic: "angst"}, // not the postal place Angvik
	{cat: "topic", q: "ANGST", topic: "angst"},
	{cat: "topic", q: "panikkangst", topic: "angst"},
	{cat: "topic", q: "sosial angst", topic: "angst"},
	{cat: "topic", q: "depresjon", topic: "depresjon"},
	{cat: "topic", q: "depresjn", topic: "depresjon"},
	{cat: "topic", q: "deprimert", topic: "depresjon"},
	{cat: "topic", q: "nedstemt", topic: "depresjon"},
	{cat: "topic", q: "sorg", place: "-", topic: "sorg"},
	{cat: "topic", q: "sorggruppe", topic: "sorg"},
	{cat: "topic", q: "etterlatt", topic: "sorg"},
	{cat: "topic", q: "ensomhet", topic: "ensomhet"},
	{cat: "topic", q: "ensomhett", topic: "ensomhet"},
	{cat: "topic", q: "ensom", topic: "ensomhet"},
	{cat: "topic", q: "samlivsbrudd", topic: "samlivsbrudd"},
	{cat: "topic", q: "skilsmisse", topic: "samlivsbrudd"},
	{cat: "topic", q: "skilsmise", topic: "samlivsbrudd"},
	{cat: "topic", q: "pårørende", topic: "parorende"},
	{cat: "topic", q: "parorende", topic: "parorende"},
	{cat: "topic", q: "paarorende", topic: "parorende"},
	{cat: "topic", q: "pårørene", topic: "parorende"},
	{cat: "topic", q: "demens", topic: "parorende"},
	{cat: "topic", q: "rus", topic: "rus"},
	{cat: "topic", q: "alkohol", topic: "rus"},
	{cat: "topic", q: "alkhol", topic: "rus"},
	{cat: "topic", q: "12-trinn", place: "-", topic: "rus"},
	{cat: "topic", q: "12 trinn", place: "-", topic: "rus"},
	{cat: "topic", q: "tolvtrinn", topic: "rus"},
	{cat: "topic", q: "AA", place: "-", topic: "rus"},
	{cat: "topic", q: "Anonyme Alkoholikere", topic: "rus"},
	{cat: "topic", q: "spiseforstyrrelser", topic: "spiseforstyrrelser"},
	{cat: "topic", q: "spiseforstyrrelse", topic: "spiseforstyrrelser"},
	{cat: "topic", q: "anoreksi", topic: "spiseforstyrrelser"},
	{cat: "topic", q: "bulimi", topic: "spiseforstyrrelser"},
	{cat: "topic", q: "kreft", topic: "kreft"},
	{cat: "topic", q: "kreftsyk", topic: "kreft"},
	{cat: "topic", q: "cancer", topic: "kreft"},
	{cat: "topic", q: "kronisk sykdom", topic: "kronisk-sykdom"},
	{cat: "topic", q: "fibromyalgi", topic: "kronisk-sykdom"},
	{cat: "topic", q: "kols", topic: "kronisk-sykdom"},
	{cat: "topic", q: "ME", topic: "kronisk-sykdom"},
	{cat: "topic", q: "trafikkskade", topic: "trafikkskade"},
	{cat: "topic", q: "bilulykke", topic: "trafikkskade"},
	{cat: "topic", q: "arbeidsledig", topic: "arbeid"},
	{cat: "topic", q: "utbrent", topic: "arbeid"},
	{cat: "topic", q: "sykemeldt", topic: "arbeid"},
	{cat: "topic", q: "livskrise", topic: "livskriser"},
	{cat: "topic", q: "stress", topic: "livskriser"},
	{cat: "topic", q: "overvekt", topic: "livsstilsendring"},
	{cat: "topic", q: "røykeslutt", topic: "livsstilsendring"},
	{cat: "topic", q: "blandet gruppe", topic: "paa-tvers"},

	// A place and a topic, either order, with or without small words.
	{cat: "combined", q: "angst i tromsø", place: "5501", topic: "angst"},
	{cat: "combined", q: "angst tromsø", place: "5501", topic: "angst"},
	{cat: "combined", q: "tromsø angst", place: "5501", topic: "angst"},
	{cat: "combined", q: "5003 angst", place: "4601", topic: "angst", matched: "postcode"},
	{cat: "combined", q: "angst 5003", place: "4601", topic: "angst"},
	{cat: "combined", q: "kreft trondhiem", place: "5001", topic: "kreft"},
	{cat: "combined", q: "sorg bergn", place: "4601", topic: "sorg"},
	{cat: "combined", q: "sorg i bergen", place: "4601", topic: "sorg"},
	{cat: "combined", q: "Bergen sorg og tap", place: "4601", topic: "sorg"},
	{cat: "combined", q: "depresjon på hamar", place: "3403", topic: "depresjon"},
	{cat: "combined", q: "pårørende for oslo", place: "0301", topic: "parorende"},
	{cat: "combined", q: "alkohol near bodø", place: "1804", topic: "rus"},
	{cat: "combined", q: "rus in stavanger", place: "1103", topic: "rus"},
	{cat: "combined", q: "ensomhet ved Kirkenes", place: "5605", topic: "ensomhet"},
	{cat: "combined", q: "skilsmisse mo i rana", place: "1833", topic: "samlivsbrudd"},
	{cat: "combined", q: "12-trinn i Sandvika", place: "3201", topic: "rus"},
	{cat: "combined", q: "AA oslo", place: "0301", topic: "rus"},
	{cat: "combined", q: "sorggruppe Herøy", place: "1515", topic: "sorg"},
	{cat: "combined", q: "angst guovdageaidnu", place: "5612", topic: "angst"},
	{cat: "combined", q: "depresjon oppegård", place: "3207", topic: "depresjon"},
	{cat: "combined", q: "spiseforstyrrelser fredrikstad", place: "3107", topic: "spiseforstyrrelser"},
	{cat: "combined", q: "kreft 9170", place: "-", topic: "kreft", terr: "2100"},
	{cat: "combined", q: "grupper for sorg i bergen", place: "4601", topic: "sorg"},
	{cat: "combined", q: "selvhjelp angst kristiansand", place: "4204", topic: "angst"},

	// Nonsense: no confident wrong answer.
	{cat: "nonsense", q: "qqqqq", place: "-", topic: "-"},
	{cat: "nonsense", q: "0000", place: "-", topic: "-"},
	{cat: "nonsense", q: "!!!", place: "-", topic: "-"},
	{cat: "nonsense", q: "xyzzy", place: "-", topic: "-"},
	{cat: "nonsense", q: "asdfgh", place: "-", topic: "-"},
	{cat: "nonsense", q: "12345678", place: "-", topic: "-"},
	{cat: "nonsense", q: "zzzz", place: "-", topic: "-"},
	{cat: "nonsense", q: "???", place: "-", topic: "-"},
	{cat: "nonsense", q: "", place: "-", topic: "-"},
	{cat: "nonsense", q: "   ", place: "-", topic: "-"},
	{cat: "nonsense", q: "kkkkkkkk", place: "-", topic: "-"},
	{cat: "nonsense", q: "b", place: "-", topic: "-"},
	{cat: "nonsense", q: "me", place: "-", topic: "-"},
	{cat: "nonsense", q: "hjelp", place: "-", topic: "-"}, // not Hjelmeland
	{cat: "nonsense", q: "<script>alert(1)</script>", place: "-", topic: "-"},

	// Short exact names win over longer names that contain their letters.
	{cat: "short", q: "Hå", place: "1119"},
	{cat: "short", q: "ha", place: "1119"},
	{cat: "short", q: "haa", place: "1119"},
	{cat: "short", q: "Vik", place: "4639"},
	{cat: "short", q: "Sel", place: "3437"},
	{cat: "short", q: "Lom", place: "3434"},
	{cat: "short", q: "Gran", place: "3446"},
	{cat: "short", q: "Ål", place: "3328"},
	{cat: "short", q: "Ås", place: "3218"},
	{cat: "short", q: "aas", place: "3218"},
	{cat: "short", q: "Hol", place: "3330"},
	{cat: "short", q: "Gol", place: "3324"},
	{cat: "short", q: "Flå", place: "3320"},
	{cat: "short", q: "Time", place: "1121"},
	{cat: "short", q: "Sola", place: "1124"},
	{cat: "short", q: "Lund", place: "1112"},
	{cat: "short", q: "Moss", place: "3103"},
	{cat: "short", q: "Sula", place: "1531"},
	{cat: "short", q: "Rana", place: "1833"},
	{cat: "short", q: "Heim", place: "5055"},
	{cat: "short", q: "Osen", place: "5020"},
	{cat: "short", q: "Kvam", place: "4622"},
	{cat: "short", q: "Voss", place: "4621"},
	{cat: "short", q: "Tana", place: "5628"},
	{cat: "short", q: "Alta", place: "5601"},
	{cat: "short", q: "Vang", place: "3454"},
	{cat: "short", q: "Åmot", place: "3422"},
	{cat: "short", q: "Lier", place: "3312"},
	{cat: "short", q: "Øyer", place: "3440"},
	{cat: "short", q: "Vågå", place: "3435"},
}

// check runs one case and returns what is wrong ("" when it holds).
func (c queryCase) check(e *Engine) string {
	r := e.Search(c.q, Options{})
	var bad []string
	got := "-"
	if r.Place != nil {
		got = r.Place.Municipality
	}
	if c.place != "" && got != c.place {
		bad = append(bad, "place "+got+", want "+c.place)
	}
	gotTopic := "-"
	if r.Topic != nil {
		gotTopic = r.Topic.ID
	}
	if c.topic != "" && gotTopic != c.topic {
		bad = append(bad, "topic "+gotTopic+", want "+c.topic)
	}
	if c.matched != "" && (r.Place == nil || r.Place.Matched != c.matched) {
		bad = append(bad, "matched wrong")
	}
	for _, a := range c.alts {
		if r.Place == nil || !contains(r.Place.Alternatives, a) {
			bad = append(bad, "alternative "+a+" missing")
		}
	}
	for _, s := range c.sug {
		found := false
		for _, g := range r.Suggestions {
			found = found || g.Kind+":"+g.ID == s
		}
		if !found {
			bad = append(bad, "suggestion "+s+" missing")
		}
	}
	gotTerr := ""
	if r.Territory != nil {
		gotTerr = r.Territory.Number
	}
	if c.terr != gotTerr {
		bad = append(bad, "territory "+gotTerr+", want "+c.terr)
	}
	return strings.Join(bad, "; ")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestQueries runs every real-world case and states the hit rate. Every case
// is required: the threshold is 100 %.
func TestQueries(t *testing.T) {
	e := engine(t)
	require.GreaterOrEqual(t, len(queryCases), 150)
	perCat := map[string][2]int{}
	hits := 0
	for _, c := range queryCases {
		t.Run(c.cat+"/"+c.q, func(t *testing.T) {
			msg := c.check(e)
			n := perCat[c.cat]
			n[1]++
			if msg == "" {
				n[0]++
				hits++
			}
			perCat[c.cat] = n
			assert.Empty(t, msg, "query %q", c.q)
		})
	}
	cats := make([]string, 0, len(perCat))
	for k := range perCat {
		cats = append(cats, k)
	}
	sort.Strings(cats)
	var sb strings.Builder
	for _, k := range cats {
		fmt.Fprintf(&sb, " %s %d/%d", k, perCat[k][0], perCat[k][1])
	}
	rate := 100 * float64(hits) / float64(len(queryCases))
	t.Logf("hit rate %.1f %% (%d/%d):%s", rate, hits, len(queryCases), sb.String())
	assert.Equal(t, 100.0, rate, "every real-world query is required")
}
