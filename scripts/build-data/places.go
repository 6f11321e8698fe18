package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

func build(dir string) (*dataset.Dataset, error) {
	d := &dataset.Dataset{}
	var err error
	// The lexicon has no outside source: the project's own is its seed, so
	// that a missing lexicon.json is never written empty.
	if d.Lexicon, err = shippedLexicon(); err != nil {
		return nil, err
	}
	raw, err := readMunicipalities(filepath.Join(dir, "kommuner_2024.json"))
	if err != nil {
		return nil, err
	}
	if d.Municipalities, err = municipalities(raw); err != nil {
		return nil, err
	}
	if d.Counties, err = counties(filepath.Join(dir, "fylker_2024.csv"), raw); err != nil {
		return nil, err
	}
	if d.Postcodes, d.Territories, err = postcodes(filepath.Join(dir, "postnummer.csv"), d.Municipalities); err != nil {
		return nil, err
	}
	if d.FormerMunicipalities, err = formerMunicipalities(filepath.Join(dir, "kommunenummer_overgang_til_2024.csv")); err != nil {
		return nil, err
	}
	vocab, err := readTopics(filepath.Join(dir, "selvhjelp_temaer.json"))
	if err != nil {
		return nil, err
	}
	if d.Topics, err = topics(vocab); err != nil {
		return nil, err
	}
	if d.Regions, err = regions(filepath.Join(dir, "regioner.csv")); err != nil {
		return nil, err
	}
	if d.Districts, err = districts(filepath.Join(dir, "bydeler_og_steder.csv")); err != nil {
		return nil, err
	}
	if d.ContactPoints, err = contactPoints(filepath.Join(dir, "selvhjelp_kontaktpunkter.json"),
		filepath.Join(dir, "selvhjelp_kontaktpunkter_tillegg.json"), vocab, d); err != nil {
		return nil, err
	}
	if d.CrisisLines, err = crisisLines(filepath.Join(dir, "krisetelefoner.json")); err != nil {
		return nil, err
	}
	if d.Sources, err = sources(filepath.Join(dir, "SOURCES.md")); err != nil {
		return nil, err
	}
	return d, nil
}

// readCSV reads a comma-separated file with a header row into maps keyed
// by column name, failing when a wanted column is missing.
func readCSV(path string, want ...string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	head := rows[0]
	idx := map[string]int{}
	for i, h := range head {
		idx[h] = i
	}
	for _, w := range want {
		if _, ok := idx[w]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, w)
		}
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		m := make(map[string]string, len(head))
		for i, h := range head {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out, nil
}

type rawName struct {
	Navn  string `json:"navn"`
	Sprak string `json:"sprak"`
}

type rawMunicipality struct {
	Kommunenummer       string    `json:"kommunenummer"`
	Kommunenavn         string    `json:"kommunenavn"`
	NavnNorsk           string    `json:"navn_norsk"`
	Fylkesnummer        string    `json:"fylkesnummer"`
	Fylkesnavn          string    `json:"fylkesnavn"`
	FylkesnavnOffisielt string    `json:"fylkesnavn_offisielt"`
	AdmSenter           string    `json:"adm_senter"`
	Innbyggere          int       `json:"innbyggere"`
	ArealKm2            float64   `json:"areal_km2"`
	Maalform            string    `json:"maalform"`
	SenterLat           float64   `json:"senter_lat"`
	SenterLon           float64   `json:"senter_lon"`
	SenterMetode        string    `json:"senter_metode"`
	NavnAlle            []rawName `json:"navn_alle"`
}

func readMunicipalities(path string) ([]rawMunicipality, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw []rawMunicipality
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return raw, nil
}

// languages maps the source's language words to the tags of dataset.Name.
var languages = map[string]string{
	"norsk":                              "nb",
	"nordsamisk":                         "se",
	"lulesamisk":                         "smj",
	"sørsamisk":                          "sma",
	"kvensk":                             "fkv",
	"samisk (ikke spesifisert i kilden)": "smi",
}

func municipalities(raw []rawMunicipality) ([]dataset.Municipality, error) {
	out := make([]dataset.Municipality, 0, len(raw))
	for _, r := range raw {
		m := dataset.Municipality{
			Number:       r.Kommunenummer,
			Name:         r.NavnNorsk,
			OfficialName: r.Kommunenavn,
			County:       r.Fylkesnummer,
			AdminCentre:  r.AdmSenter,
			Population:   r.Innbyggere,
			AreaKm2:      r.ArealKm2,
			LanguageForm: r.Maalform,
			Lat:          r.SenterLat,
			Lon:          r.SenterLon,
			PointMethod:  r.SenterMetode,
		}
		for _, n := range r.NavnAlle {
			lang, ok := languages[n.Sprak]
			if !ok {
				return nil, fmt.Errorf("kommune %s: unknown language %q", r.Kommunenummer, n.Sprak)
			}
			m.Names = append(m.Names, dataset.Name{Name: n.Navn, Language: lang})
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// counties splits each official county name into its forms. The short name
// is the Norwegian form. The source says the other forms are Sami or Kven but
// not which; a form whose language the municipality source knows gets that
// language, any other gets "und" (undetermined) rather than a guess.
func counties(path string, raw []rawMunicipality) ([]dataset.County, error) {
	rows, err := readCSV(path, "fylkesnummer", "fylkesnavn", "fylkesnavn_offisielt")
	if err != nil {
		return nil, err
	}
	known := map[string]string{}
	for _, m := range raw {
		for _, n := range m.NavnAlle {
			if n.Sprak != "norsk" {
				known[n.Navn] = languages[n.Sprak]
			}
		}
	}
	var out []dataset.County
	for _, r := range rows {
		c := dataset.County{Number: r["fylkesnummer"], Name: r["fylkesnavn"], OfficialName: r["fylkesnavn_offisielt"]}
		for _, part := range strings.Split(c.OfficialName, " - ") {
			lang := "und"
			switch {
			case part == c.Name:
				lang = "nb"
			case known[part] != "":
				lang = known[part]
			}
			c.Names = append(c.Names, dataset.Name{Name: part, Language: lang})
		}
		if c.Names[0].Language != "nb" {
			return nil, fmt.Errorf("%s: county %s: official name %q does not start with the short name", path, c.Number, c.OfficialName)
		}
		out = append(out, c)
	}
	return out, nil
}

// postcodes reads the postal register. Postcodes in Svalbard and Jan Mayen
// point to numbers that are not among the 357 municipalities: these become
// territories, placed at their lowest-numbered postcode with a point (9170
// Longyearbyen, 8099 Jan Mayen).
func postcodes(path string, ms []dataset.Municipality) ([]dataset.Postcode, []dataset.Territory, error) {
	rows, err := readCSV(path, "postnummer", "poststed", "kommunenummer", "kommunenavn", "kategori", "lat", "lon")
	if err != nil {
		return nil, nil, err
	}
	isMunicipality := map[string]bool{}
	for _, m := range ms {
		isMunicipality[m.Number] = true
	}
	terr := map[string]*dataset.Territory{}
	var out []dataset.Postcode
	for i, r := range rows {
		p := dataset.Postcode{Code: r["postnummer"], Place: r["poststed"], Municipality: r["kommunenummer"], Category: r["kategori"]}
		if r["lat"] != "" || r["lon"] != "" {
			if p.Lat, err = strconv.ParseFloat(r["lat"], 64); err != nil {
				return nil, nil, fmt.Errorf("%s: row %d: lat: %w", path, i+2, err)
			}
			if p.Lon, err = strconv.ParseFloat(r["lon"], 64); err != nil {
				return nil, nil, fmt.Errorf("%s: row %d: lon: %w", path, i+2, err)
			}
		}
		if p.HasPoint() && !validate.InNorway(p.Lat, p.Lon) {
			// A mistyped point in the source (9523 Kautokeino has lon 84):
			// leave the postcode without a point rather than move it.
			fmt.Fprintf(os.Stderr, "build-data: postcode %s: the source's point (%g, %g) lies outside Norway; left out\n", p.Code, p.Lat, p.Lon)
			p.Lat, p.Lon = 0, 0
		}
		out = append(out, p)
		if !isMunicipality[p.Municipality] {
			t := terr[p.Municipality]
			if t == nil {
				t = &dataset.Territory{Number: p.Municipality, Name: r["kommunenavn"]}
				terr[p.Municipality] = t
			}
			if t.Name != r["kommunenavn"] {
				return nil, nil, fmt.Errorf("%s: row %d: territory %s named both %q and %q", path, i+2, t.Number, t.Name, r["kommunenavn"])
			}
			if t.Lat == 0 && t.Lon == 0 && p.HasPoint() {
				t.Lat, t.Lon = p.Lat, p.Lon
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	var ts []dataset.Territory
	for _, t := range terr {
		ts = append(ts, *t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Number < ts[j].Number })
	return out, ts, nil
}

// formerMunicipalities groups the old-to-2024 table by (period, old number):
// a split municipality has one row per successor.
func formerMunicipalities(path string) ([]dataset.FormerMunicipality, error) {
	rows, err := readCSV(path, "gyldig_aargang", "gammelt_nummer", "gammelt_navn", "nummer_2024", "endringstype")
	if err != nil {
		return nil, err
	}
	type key struct{ period, number string }
	groups := map[key]*dataset.FormerMunicipality{}
	for i, r := range rows {
		k := key{r["gyldig_aargang"], r["gammelt_nummer"]}
		f := groups[k]
		if f == nil {
			f = &dataset.FormerMunicipality{Number: k.number, Name: r["gammelt_navn"], Period: k.period, Change: r["endringstype"]}
			groups[k] = f
		}
		if f.Name != r["gammelt_navn"] || f.Change != r["endringstype"] {
			return nil, fmt.Errorf("%s: row %d: %s %s disagrees with an earlier row on name or change", path, i+2, k.period, k.number)
		}
		f.Successors = append(f.Successors, r["nummer_2024"])
	}
	out := make([]dataset.FormerMunicipality, 0, len(groups))
	for _, f := range groups {
		sort.Strings(f.Successors)
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return out[i].Number < out[j].Number
	})
	return out, nil
}

// shippedLexicon is the lexicon embedded with the project's data.
func shippedLexicon() ([]dataset.Lexeme, error) {
	b, err := fs.ReadFile(data.FS, dataset.LexiconFile)
	if err != nil {
		return nil, fmt.Errorf("seed %s: %w", dataset.LexiconFile, err)
	}
	var d dataset.Dataset
	if err := store.DecodeInto(&d, dataset.LexiconFile, b); err != nil {
		return nil, fmt.Errorf("seed %s: %w", dataset.LexiconFile, err)
	}
	return d.Lexicon, nil
}
