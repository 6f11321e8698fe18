package search

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
)

// Query sets for the benchmarks: what people type, keystroke by keystroke.
var benchSets = []struct {
	name    string
	queries []string
}{
	{"1-letter", []string{"b", "o", "t", "k", "s", "å", "h", "m", "a", "n"}},
	{"3-letter", []string{"ber", "osl", "tro", "kri", "sta", "dra", "ang", "sor", "hå ", "lil"}},
	{"8-letter", []string{"kristian", "trondhei", "lilleham", "sandefjo", "guovdage", "depresjo", "haugesun", "fredriks", "spisefor", "tromsøya"}},
	{"typo", []string{"trondhiem", "tromsøø", "hauggesund", "steinkjær", "bergn", "kristiansan", "depresjn", "stavagner", "sarpsbrog", "skilsmise"}},
	{"postcode", []string{"5003", "0150", "9008", "50", "7010", "1300", "9170", "4", "800", "0000"}},
	{"combined", []string{"angst i tromsø", "5003 angst", "kreft trondhiem", "sorg bergn", "depresjon på hamar", "12-trinn i Sandvika", "AA oslo", "skilsmisse mo i rana", "pårørende for oslo", "grupper for sorg i bergen"}},
	{"sentence", []string{"kona mi har kreft og jeg bor i bergen", "mistet mannen min i fjor og føler meg så ensom", "jeg har tvangstanker og bor i moss", "er det noen grupper for ensomme eldre i Hamar", "var i en bilulykke og sliter med nakken", "mamma dode i fjor og jeg bor i baerum", "vi skal skilles og jeg bor i Stavanger", "far min drikk for mykje og eg bur på voss", "my husband died and i live in tromsø", "jeg spiller bort alle pengene mine på nettcasino"}},
	{"crisis", []string{"tenker på selvmord", "sjølvmordstankar", "vil ikke leve lenger", "selvmord bergen", "i want to die", "kutter meg", "etterlatt etter selvmord", "ta livet mitt", "selvskading", "Seljord"}},
	// Messages by length in words, for the ≤ 1 ms p99 budget of a 60-word
	// message (issue 17).
	{"words-1", []string{"bergen", "angst", "5003", "sorg", "tromsø"}},
	{"words-5", []string{"kona mi har kreft bergen", "jeg bor i mo i rana", "pappa drikker for mye nå", "ring meg på 41 23 45 67", "vokste opp i narvik, bor i tromsø"}},
	{"words-20", []string{
		"hei, jeg heter Hege Lier og er 54 år. mannen min døde i fjor og nå bor jeg alene i Harstad",
		"sønnen vår på 17 har begynt å ruse seg og vi vet ikke hva vi skal gjøre, bor i Kristiansand",
		"jobber i Drammen men bor i Lier, har vært sykmeldt i 300 dager og føler meg helt alene nå",
	}},
	{"words-60", []string{
		"Hei alle sammen. Jeg har lest her en stund uten å skrive noe, men nå må jeg bare få det ut. Samboeren min gjennom elleve år flyttet ut i mai, og jeg sitter igjen med huset, gjelda og to katter. Vennene våre har valgt side. Jeg jobber i barnehage og holder fasaden hele dagen, men om kvelden gråter jeg. Vokste opp i Narvik, men nå bor jeg alene i en leilighet i Mo i Rana. Finnes det grupper her?",
		"Mamma fikk alzheimer-diagnosen for to år siden, og nå er det pappa som bærer alt. Han er 81, nekter avlastning og sier at han klarer seg. Jeg bor tre timer unna og har dårlig samvittighet hele tiden. Søsteren min og jeg krangler om hva som er riktig å gjøre. Ring meg gjerne på 41 23 45 67 om det finnes noe for pårørende rundt Steinkjer, der de bor, eller i Trondheim der jeg bor.",
	}},
	{"compound+region", []string{"angstgruppe bergen", "brystkreft", "spiseforstyrrelsesgruppe", "alkoholproblemer", "Lofoten", "Nord-Norge", "Grünerløkka", "Os Hordaland", "50 03", "angst og depresjon i Bodø"}},
}

// benchLatency runs queries round-robin and reports p50 and p99 per query
// besides ns/op and allocations.
func benchLatency(b *testing.B, e *Engine, queries []string) {
	b.ReportAllocs()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		r := e.Search(queries[i%len(queries)], Options{})
		lat = append(lat, time.Since(t0))
		if r.Suggestions == nil {
			b.Fatal("nil suggestions")
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
		b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
	}
}

func BenchmarkSearch(b *testing.B) {
	e := realEngine(b)
	for _, s := range benchSets {
		b.Run(s.name, func(b *testing.B) { benchLatency(b, e, s.queries) })
	}
}

func BenchmarkSearchJSON(b *testing.B) {
	e := realEngine(b)
	b.ReportAllocs()
	buf := make([]byte, 0, 64*1024)
	for i := 0; i < b.N; i++ {
		buf = e.Search("angst i tromsø", Options{}).AppendJSON(buf[:0])
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkNear(b *testing.B) {
	e := realEngine(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.Near(59.9+float64(i%100)/10, 10.7+float64(i%50)/10, Options{})
	}
}

func BenchmarkNew(b *testing.B) {
	d, err := realData()
	if err != nil {
		b.Fatal(err)
	}
	benchNew(b, d)
}

// benchNew measures the index build, which runs at every page load.
func benchNew(b *testing.B, d *dataset.Dataset) {
	b.ReportAllocs()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := New(d); err != nil {
			b.Fatal(err)
		}
		total += time.Since(t0)
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1e3, "ms/build")
}

// synthetic returns a dataset ten times the real one in every file that
// grows with the country (municipalities, names, postcodes, former
// municipalities, contact points), with made-up names built from syllables.
// It exists only in memory, for benchmarks.
func synthetic(real *dataset.Dataset, factor int) (*dataset.Dataset, []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ber", "gen", "tro", "ms", "ø", "kri", "sti", "an", "sand", "å", "vik", "fjord", "dal", "heim",
		"stad", "nes", "øy", "lund", "sk", "ei", "hau", "ge", "sund", "mo", "rå", "ker", "ås", "li", "ná", "šš", "ŋu"}
	name := func() string {
		n := 2 + rng.IntN(3)
		s := ""
		for i := 0; i < n; i++ {
			s += syll[rng.IntN(len(syll))]
		}
		return string([]rune(s)[0]-32) + string([]rune(s)[1:])
	}
	d := &dataset.Dataset{Counties: real.Counties, Topics: real.Topics, Territories: real.Territories, Lexicon: real.Lexicon}
	var names []string
	for k := 0; k < factor; k++ {
		for _, m := range real.Municipalities {
			m.Number = strconv.Itoa(1000 + len(d.Municipalities))
			m.Name = name()
			m.Names = []dataset.Name{{Name: m.Name, Language: "nb"}}
			if rng.IntN(10) == 0 {
				m.Names = append(m.Names, dataset.Name{Name: name(), Language: "se"})
			}
			m.Lat += rng.Float64() - 0.5
			m.Lon += rng.Float64() - 0.5
			d.Municipalities = append(d.Municipalities, m)
			names = append(names, m.Name)
		}
		for _, f := range real.FormerMunicipalities {
			f.Name = name()
			f.Successors = []string{d.Municipalities[rng.IntN(len(d.Municipalities))].Number}
			d.FormerMunicipalities = append(d.FormerMunicipalities, f)
		}
		places := map[int]string{}
		for i, p := range real.Postcodes {
			p.Code = strconv.Itoa(10000*k + i)
			if k == 0 {
				p.Code = real.Postcodes[i].Code
			}
			mi := rng.IntN(len(d.Municipalities))
			p.Municipality = d.Municipalities[mi].Number
			if _, ok := places[mi]; !ok || rng.IntN(3) == 0 {
				places[mi] = name()
			}
			p.Place = places[mi]
			d.Postcodes = append(d.Postcodes, p)
		}
		for _, c := range real.ContactPoints {
			c.ID += "-" + strconv.Itoa(k)
			c.Municipality = d.Municipalities[rng.IntN(len(d.Municipalities))].Number
			c.Name = "Kontaktpunkt " + name()
			d.ContactPoints = append(d.ContactPoints, c)
		}
	}
	return d, names
}

// BenchmarkSynthetic10x runs the same workloads over a dataset ten times
// larger, generated here and never shipped, to show how cost grows.
func BenchmarkSynthetic10x(b *testing.B) {
	real, err := realData()
	if err != nil {
		b.Fatal(err)
	}
	d, names := synthetic(real, 10)
	b.Run("New", func(b *testing.B) { benchNew(b, d) })
	e, err := New(d)
	if err != nil {
		b.Fatal(err)
	}
	// Queries over the synthetic names: prefixes and one-letter typos.
	rng := rand.New(rand.NewPCG(3, 4))
	var exact, typo []string
	for i := 0; i < 20; i++ {
		n := names[rng.IntN(len(names))]
		exact = append(exact, n)
		r := []rune(n)
		if len(r) > 4 {
			j := 1 + rng.IntN(len(r)-2)
			r[j], r[j+1] = r[j+1], r[j]
		}
		typo = append(typo, string(r))
	}
	sets := append([]struct {
		name    string
		queries []string
	}{{"synthetic-names", exact}, {"synthetic-typos", typo}}, benchSets...)
	for _, s := range sets {
		b.Run(s.name, func(b *testing.B) { benchLatency(b, e, s.queries) })
	}
}
