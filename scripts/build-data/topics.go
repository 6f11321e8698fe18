package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

type rawTopic struct {
	ID       string   `json:"id"`
	Tema     string   `json:"tema"`
	Variants []string `json:"varianter_sett"`
	Kilder   []struct {
		URL    string `json:"url"`
		Dato   string `json:"dato_paa_siden"`
		Utdrag string `json:"utdrag"`
	} `json:"kilder"`
}

func readTopics(path string) ([]rawTopic, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Temaer []rawTopic `json:"temaer"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Temaer, nil
}

// everyday holds the words people type for each topic besides the variants
// the source shows. These are ordinary Norwegian words, not facts about any
// group; the search engine uses them to recognise the topic.
var everyday = map[string][]string{
	"paa-tvers":          {"blandet gruppe", "livsproblemer", "samtalegruppe", "selvhjelpsgruppe", "psykisk helse"},
	"angst":              {"angstlidelse", "panikkangst", "panikk", "sosial angst", "redsel", "nervøsitet", "frykt", "fobi", "engstelse"},
	"depresjon":          {"deprimert", "nedstemt", "nedstemthet", "tungsinn", "tristhet", "motløshet", "fødselsdepresjon"},
	"sorg":               {"dødsfall", "tap", "etterlatt", "etterlatte", "sorggruppe", "miste noen", "enke", "enkemann"},
	"ensomhet":           {"ensom", "alene", "isolert", "sosial isolasjon", "utenfor"},
	"samlivsbrudd":       {"skilsmisse", "samlivsbrudd", "separasjon", "brudd", "skilt", "separert", "kjærlighetssorg"},
	"parorende":          {"pårørendegruppe", "parorende", "pårørende til psykisk syke", "medavhengighet", "demens"},
	"rus":                {"alkohol", "alkoholisme", "narkotika", "avhengighet", "12-trinn", "tolvtrinn", "AA", "Anonyme Alkoholikere", "NA", "Anonyme Narkomane", "rusavhengighet", "rusmisbruk", "spilleavhengighet", "pengespill"},
	"spiseforstyrrelser": {"spiseforstyrrelse", "anoreksi", "bulimi", "overspising", "overspisingslidelse"},
	"kreft":              {"kreftsyk", "cancer", "kreftdiagnose", "kreftpasient"},
	"kronisk-sykdom":     {"kronisk syk", "kroniske smerter", "smerter", "fibromyalgi", "revmatisme", "ME", "utmattelse", "diabetes", "KOLS", "hjertesykdom", "lungesykdom"},
	"trafikkskade":       {"trafikkulykke", "bilulykke", "ulykke", "nakkeslengskade", "trafikkskadet"},
	// The source found no group for burnout (meta.ikke_funnet) and names
	// working life as the nearest topic, so burnout words lead here.
	"arbeid":           {"arbeidsliv", "jobb", "arbeidsledig", "arbeidsløs", "oppsagt", "permittert", "sykmelding", "sykemeldt", "utbrent", "utbrenthet"},
	"livskriser":       {"krise", "livskrise", "vanskelige følelser", "stress", "selvfølelse", "selvtillit"},
	"livsstilsendring": {"overvekt", "fedme", "vektnedgang", "slanking", "livsstil", "kosthold", "røykeslutt"},
}

func topics(raw []rawTopic) ([]dataset.Topic, error) {
	var out []dataset.Topic
	for _, r := range raw {
		extra, ok := everyday[r.ID]
		if !ok {
			return nil, fmt.Errorf("topic %q has no everyday words in build-data; add them", r.ID)
		}
		t := dataset.Topic{ID: r.ID, Name: r.Tema}
		seen := map[string]bool{strings.ToLower(r.Tema): true}
		for _, s := range append(append([]string{}, r.Variants...), extra...) {
			if k := strings.ToLower(s); !seen[k] {
				seen[k] = true
				t.Synonyms = append(t.Synonyms, s)
			}
		}
		for _, k := range r.Kilder {
			t.Sources = append(t.Sources, dataset.SourceRef{URL: k.URL, PageDate: k.Dato, Facts: k.Utdrag})
		}
		out = append(out, t)
	}
	if len(out) != len(everyday) {
		return nil, fmt.Errorf("source has %d topics, build-data knows words for %d", len(out), len(everyday))
	}
	return out, nil
}
