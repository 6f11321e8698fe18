package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/selvhjelp/finder/data/dataset"
)

// rawCrisisLine is one record of krisetelefoner.json; null = not confirmed
// by any source, which becomes an empty field (never a guess).
type rawCrisisLine struct {
	ID      string      `json:"id"`
	Navn    string      `json:"navn"`
	Nummer  *string     `json:"nummer"`
	Hvem    string      `json:"hvem"`
	Aapent  *string     `json:"aapent"`
	URL     *string     `json:"url"`
	Kilder  []rawSource `json:"kilder"`
	Merknad *string     `json:"merknad"`
}

// crisisLines reads krisetelefoner.json; its list order is the suggested
// display order, kept in Order.
func crisisLines(path string) ([]dataset.CrisisLine, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Meta   json.RawMessage `json:"meta"`
		Linjer []rawCrisisLine `json:"linjer"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]dataset.CrisisLine, 0, len(f.Linjer))
	for i, r := range f.Linjer {
		l := dataset.CrisisLine{
			ID: r.ID, Name: r.Navn, Number: str(r.Nummer), For: r.Hvem, Hours: str(r.Aapent),
			URL: str(r.URL), Order: i + 1, Note: str(r.Merknad),
		}
		for _, k := range r.Kilder {
			l.Sources = append(l.Sources, dataset.SourceRef{URL: k.URL, PageDate: k.Dato, Facts: k.Fakta})
		}
		if len(l.Sources) == 0 {
			return nil, fmt.Errorf("%s: crisis line %s: no sources", path, r.ID)
		}
		out = append(out, l)
	}
	return out, nil
}
