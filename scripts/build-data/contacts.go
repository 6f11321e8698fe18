package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
)

type rawSource struct {
	URL   string `json:"url"`
	Dato  string `json:"dato_paa_siden"`
	Fakta string `json:"fakta"`
}

// rawContact is one record of selvhjelp_kontaktpunkter.json. Decoding is
// strict, so a new field in the source stops the build until it is mapped.
type rawContact struct {
	ID                   string        `json:"id"`
	Navn                 string        `json:"navn"`
	Type                 string        `json:"type"`
	Kommunenummer        *string       `json:"kommunenummer"`
	Kommune              *string       `json:"kommune"`
	Dekningsomraade      string        `json:"dekningsomraade"`
	DekningKommunenummer []string      `json:"dekningsomraade_kommunenummer"`
	Dekningsomraade2012  string        `json:"dekningsomraade_2012_2013"`
	Region2023           string        `json:"region_2023"`
	Sted                 string        `json:"sted"`
	StedMerknad          string        `json:"sted_merknad"`
	Adresse              *string       `json:"adresse"`
	Postnummer           *string       `json:"postnummer"`
	Poststed             *string       `json:"poststed"`
	AdresseGyldig        any           `json:"adresse_gyldig"`
	Telefon              *string       `json:"telefon"`
	TelefonGyldig        any           `json:"telefon_gyldig"`
	Epost                *string       `json:"epost"`
	URL                  *string       `json:"url"`
	URLAlternativ        string        `json:"url_alternativ"`
	Kontaktperson        string        `json:"kontaktperson"` // a private person's name: never copied
	DrivesAv             string        `json:"drives_av"`
	OrgNr                string        `json:"org_nr"`
	Merknad              string        `json:"merknad"`
	Grupper              string        `json:"grupper"`
	Temaer               []string      `json:"temaer"`
	Status               string        `json:"status"`
	Kilder               []rawSource   `json:"kilder"`
	OppdateringAv        string        `json:"oppdatering_av"` // an update record: the id it adds facts to
	Praktisk             *rawPractical `json:"praktisk"`       // the second supplement's practical facts (merge.go)
}

var kinds = map[string]string{
	"nasjonalt_kompetansemiljo": dataset.KindNationalOffice,
	"stiftelse":                 dataset.KindFoundation,
	"distriktskontor":           dataset.KindDistrictOffice,
	"selvhjelpssenter_LINK":     dataset.KindCentre,
	"kommunalt_kontaktpunkt":    dataset.KindLocal,
	"frivilligsentral":          dataset.KindLocal,
	"lokalt_prosjekt":           dataset.KindLocal,
	// Types of the supplement (selvhjelp_kontaktpunkter_tillegg.json).
	"angstring_lokal":                 dataset.KindPeerGroup,
	"brukerorganisasjon_lokallag":     dataset.KindOrganisation,
	"selvhjelpsorganisasjon_regional": dataset.KindOrganisation,
}

// supplementKinds overrides kinds for the supplement, where "stiftelse" is an
// organisation of groups (Angstringen Norge), not the foundation that runs
// Selvhjelp Norge (which the engine treats as a national fallback).
var supplementKinds = map[string]string{
	"stiftelse": dataset.KindOrganisation,
}

// closedBySource lists records a dated source shows closed, with why.
var closedBySource = map[string]string{
	"angstringen-norge": "Stiftelsen gikk konkurs sommeren 2023 (kilde datert 2023-09-27).",
}

// pageDates reads each page date the sources give, in their own words, as
// the earliest date the page can have been written, at the precision the
// words give. "" = the page shows no date. Every wording must be listed: a
// new one stops the build until someone reads it.
var pageDates = map[string]string{
	"2016-10-08 (dato i URL)":                                                    "2016-10-08",
	"2019-10-10 (dato i URL)":                                                    "2019-10-10",
	"2019-11 (dato i URL: 2019/11/18)":                                           "2019-11-18",
	"Beskrivelse av arbeidet i 2010 (datert «Lyngseidet, januar»)":               "2010",
	"Distriktskontorenes rapporter for 2013":                                     "2013",
	"Oppsummering for året 2012":                                                 "2012",
	"Publisert: 03. februar 2016":                                                "2016-02-03",
	"Publisert: 18. november 2011":                                               "2011-11-18",
	"Sist oppdatert: 10 november 2020":                                           "2020-11-10",
	"Sist oppdatert: 15 november 2019 (en annen lagret versjon: 24 august 2021)": "2021-08-24",
	"fredag 3. februar 2017 / 03.02.2017":                                        "2017-02-03",
	"heftet oppgir «Utgivelse: November, 2010»":                                  "2010-11",
	"2022-12-12 (dato i URL)":                                                    "2022-12-12",
	"2022-12-12 (dato i URL); gjengir sak i Moss Avis":                           "2022-12-12",
	"2023-09-27 (dato i URL)":                                                    "2023-09-27",
	"Arbeidskonferanse II, 15. januar 2007":                                      "2007-01-15",
	"Beskrivelse av arbeidet i 2010, datert «Lyngseidet, januar»":                "2010",
	"Kartlegging av selvhjelpsvirksomhet i rusfeltet, Norsk selvhjelpsforum/Selvhjelp Norge 2009":             "2009",
	"NIBR-notat 2013:107, datert februar 2014":                                                                "2014-02",
	"NIBR-notat 2014:104, datert april 2014":                                                                  "2014-04",
	"NIBR-rapport 2012:8, datert mars 2012":                                                                   "2012-03",
	"NerVen nr. 1 desember 2009/januar 2010":                                                                  "2009-12",
	"NerVen oktober 2011 (jubileumsutgave)":                                                                   "2011-10",
	"NerVen, årgang 2013":                                                                                     "2013",
	"Publisert: 05.11.2013":                                                                                   "2013-11-05",
	"Sandnesposten torsdag 8. november 2012 (avisside gjengitt hos yumpu)":                                    "2012-11-08",
	"Sist oppdatert: 15 november 2019 (samlingen var i mai)":                                                  "2019-11-15",
	"Sist oppdatert: 17 desember 2019":                                                                        "2019-12-17",
	"Sist oppdatert: 18 desember 2020":                                                                        "2020-12-18",
	"Sist oppdatert: 20 februar 2020":                                                                         "2020-02-20",
	"Sist oppdatert: 24 august 2021":                                                                          "2021-08-24",
	"ingen dato vist (kommunemøte 22. september)":                                                             "",
	"ingen dato vist (teksten nevner arbeid Selvhjelp Norge startet «i 2016»)":                                "2016",
	"ingen dato vist (under koronapandemien)":                                                                 "2020",
	"ingen dato vist (viser til Oslo kommunes folkehelseplan 2017–2020 og kurs 2017/2018)":                    "2017",
	"ingen dato vist («Sist endret:» uten dato); omtaler planer for 2018":                                     "2017",
	"ingen dato vist («for en tid tilbake»; kurs i juni, gruppe i september)":                                 "",
	"ingen dato vist i utdraget":                                                                              "",
	"ingen dato vist i utdraget (oppstart «etter påske»)":                                                     "",
	"ingen dato vist i utdraget; URL-en inneholder «selvhjelpsgrupper-2023»":                                  "2023",
	"ingen dato vist; siden er merket «Artikkelen er over 3 år gammel»":                                       "",
	"ingen årstall vist":                                                                                      "",
	"ingen årstall vist (kommunemøte 22. september; LINK Bergen nyoppstartet)":                                "",
	"omtaler jubileumsmarkering «tirsdag 18. oktober» (2016)":                                                 "2016-10-18",
	"omtaler jubileumsmarkering «tirsdag 18. oktober» (2016; Selvhjelp Norge 10 år, budsjett for 2017 nevnt)": "2016-10-18",
	"ingen dato vist": "",
	"ingen dato vist (kommunemøte 22. september; LINK Bergen nyoppstartet)":                  "",
	"ingen dato vist (orienteringsmøte «23. januar»)":                                        "",
	"ingen dato vist (teksten viser til Nasjonal plan for selvhjelp 2014-2018)":              "2014",
	"ingen dato vist («39 samtalegrupper siden oppstarten i januar 2021»)":                   "2021",
	"ingen dato vist i utdraget (omtaler arbeid «siden 2014»)":                               "2014",
	"ingen dato vist; omtaler statsbudsjettforslaget for 2023 lagt fram i oktober 2022":      "2022-10",
	"ingen dato vist; tittel «Selvhjelp Norge i 2023», omtaler stengedatoer febr.-juni 2023": "2023",
	"ingen dato vist; «Året 2023 har vært et utfordrende år»":                                "2023",
	"ingen eksplisitt dato; julehilsen med gode ønsker for 2021 (dvs. desember 2020)":        "2020-12",
	"ingen årstall vist («1. august åpnet møteplassen»)":                                     "",
	"ingen årstall vist («onsdag 13. februar»)":                                              "",
	"ingen årstall vist i utdraget (første møte «onsdag 3. juni»)":                           "",
	"«når vi skriver august 2020»":                                                           "2020-08",
}

// lastVerified is the newest date among the sources. Dates of different
// precision compare as strings: "2021" > "2020-12", and "2023-05" > "2023"
// (the more precise date within the same period wins).
func lastVerified(id string, ks []rawSource) (string, error) {
	best := ""
	for _, k := range ks {
		d, ok := pageDates[k.Dato]
		if !ok {
			return "", fmt.Errorf("contact point %s: page date %q is not in build-data's pageDates; read it and add it", id, k.Dato)
		}
		if d > best {
			best = d
		}
	}
	return best, nil
}

// topicIndex maps the source's Norwegian topic words to topic ids: each id,
// topic name and variant the vocabulary itself records.
func topicIndex(vocab []rawTopic) map[string]string {
	idx := map[string]string{}
	for _, t := range vocab {
		idx[t.ID] = t.ID
		name := strings.ToLower(t.Tema)
		idx[name] = t.ID
		if i := strings.Index(name, " ("); i > 0 {
			idx[name[:i]] = t.ID // "på tvers av problemer (blandet gruppe)"
		}
		for _, v := range t.Variants {
			idx[strings.ToLower(v)] = t.ID
		}
	}
	return idx
}

// mapTopic finds the topic ids of one source term: the term itself, the term
// without a parenthesis ("rus (tolvtrinn)"), or each half of "a/b".
func mapTopic(idx map[string]string, term string) []string {
	t := strings.ToLower(strings.TrimSpace(term))
	if id, ok := idx[t]; ok {
		return []string{id}
	}
	if i := strings.Index(t, " ("); i > 0 {
		if id, ok := idx[t[:i]]; ok {
			return []string{id}
		}
	}
	if strings.Contains(t, "/") {
		var ids []string
		for _, p := range strings.Split(t, "/") {
			if id, ok := idx[strings.TrimSpace(p)]; ok {
				ids = append(ids, id)
			}
		}
		return ids
	}
	return nil
}

// readContacts strictly decodes a contact-point source file: its records
// and its update records (the supplement's "oppdateringer").
func readContacts(path string) (recs, updates []rawContact, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var f struct {
		Meta           json.RawMessage `json:"meta"`
		Kontaktpunkter []rawContact    `json:"kontaktpunkter"`
		Oppdateringer  []rawContact    `json:"oppdateringer"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Kontaktpunkter, f.Oppdateringer, nil
}

// contactPoints converts the first collection and the supplement: the
// supplement's records are added (with its own kind words), and its updates
// add their sources and facts to the record they name, nothing removed.
func contactPoints(mainPath, supplementPath string, vocab []rawTopic, d *dataset.Dataset) ([]dataset.ContactPoint, error) {
	recs, _, err := readContacts(mainPath)
	if err != nil {
		return nil, err
	}
	extra, updates, err := readContacts(supplementPath)
	if err != nil {
		return nil, err
	}
	idx := topicIndex(vocab)
	byID := map[string]int{}
	var out []dataset.ContactPoint
	for i, r := range append(recs, extra...) {
		supplement := i >= len(recs)
		kind, ok := kinds[r.Type]
		if k, over := supplementKinds[r.Type]; over && supplement {
			kind, ok = k, true
		}
		if !ok {
			return nil, fmt.Errorf("contact point %s: unknown type %q", r.ID, r.Type)
		}
		c, err := contactPoint(r, kind, idx, d)
		if err != nil {
			return nil, err
		}
		if _, dup := byID[c.ID]; dup {
			return nil, fmt.Errorf("contact point %s: the id is used twice", c.ID)
		}
		byID[c.ID] = len(out)
		out = append(out, c)
	}
	for _, u := range updates {
		i, ok := byID[u.OppdateringAv]
		if !ok {
			return nil, fmt.Errorf("%s: update %s: oppdatering_av %q is no known record", supplementPath, u.ID, u.OppdateringAv)
		}
		if err := applyUpdate(&out[i], u); err != nil {
			return nil, fmt.Errorf("%s: %w", supplementPath, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// applyUpdate adds an update record's facts to c: its sources (every one
// kept), its status text to the status note, and last_verified from the
// newest dated source of all.
func applyUpdate(c *dataset.ContactPoint, u rawContact) error {
	for _, k := range u.Kilder {
		c.Sources = append(c.Sources, dataset.SourceRef{URL: k.URL, PageDate: k.Dato, Facts: k.Fakta})
	}
	if st := strings.TrimSpace(u.Status); st != "" {
		c.StatusNote = strings.TrimSpace(c.StatusNote + " " + strings.TrimSuffix(st, ".") + ".")
	}
	if u.DrivesAv != "" {
		c.Note = strings.TrimSpace(c.Note + " Drives av: " + strings.TrimSuffix(u.DrivesAv, ".") + ".")
	}
	all := make([]rawSource, len(c.Sources))
	for i, s := range c.Sources {
		all[i] = rawSource{URL: s.URL, Dato: s.PageDate}
	}
	lv, err := lastVerified(c.ID, all)
	if err != nil {
		return err
	}
	if lv != "" && c.LastVerified == "" {
		c.Note = strings.Replace(c.Note, " Ingen av kildene viser en dato: opplysningene er aldri verifisert.", "", 1)
		c.Note = strings.TrimPrefix(c.Note, "Ingen av kildene viser en dato: opplysningene er aldri verifisert.")
		c.Note = strings.TrimSpace(c.Note)
	}
	c.LastVerified = lv
	return nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

func contactPoint(r rawContact, kind string, idx map[string]string, d *dataset.Dataset) (dataset.ContactPoint, error) {
	c := dataset.ContactPoint{
		ID:           r.ID,
		Name:         r.Navn,
		Kind:         kind,
		Municipality: str(r.Kommunenummer),
		Coverage:     r.Dekningsomraade,
		Address:      str(r.Adresse),
		Postcode:     str(r.Postnummer),
		PostalPlace:  str(r.Poststed),
		Phone:        str(r.Telefon),
		Email:        str(r.Epost),
		Groups:       r.Grupper,
	}
	var notes []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			notes = append(notes, strings.TrimSuffix(s, ".")+".")
		}
	}

	// A contact point's own address must be https; an http address from an
	// old page is kept as a fact in the note, not offered as a link.
	if u := str(r.URL); strings.HasPrefix(u, "https://") {
		c.URL = u
	} else if u != "" {
		add("Nettadresse i kilden (ikke https, ikke bekreftet i drift): " + u)
	}
	if r.URLAlternativ != "" {
		add("Alternativ nettadresse: " + r.URLAlternativ)
	}

	// Coverage.
	switch {
	case kind == dataset.KindNationalOffice:
		c.ServesAll = true
	case len(r.DekningKommunenummer) > 0:
		c.Serves = r.DekningKommunenummer
	case kind == dataset.KindDistrictOffice:
		c.Coverage = "Region 2023: " + r.Region2023 + " (dekningsområde 2012–2013: " + r.Dekningsomraade2012 + ")"
		serves, err := countyMunicipalities(r.Region2023, d)
		if err != nil {
			return c, fmt.Errorf("contact point %s: %w", r.ID, err)
		}
		c.Serves = serves
	case c.Municipality == "" && r.Dekningsomraade != "":
		// A regional centre or group without a seat (LINK Vestfold og
		// Telemark, Nedre Romerike): its coverage names a region or counties.
		if region, members := namedRegion(d.Regions, r.Dekningsomraade); region != "" {
			c.Serves = members
			add("Kommunene i dekningsområdet er regionen «" + region + "» slik regions.json avgrenser den")
			break
		}
		serves, err := countyMunicipalities(r.Dekningsomraade, d)
		if err != nil {
			return c, fmt.Errorf("contact point %s: %w", r.ID, err)
		}
		c.Serves = serves
	}
	c.Serves = without(c.Serves, c.Municipality)

	// Topics: mapped through the vocabulary; terms it does not know stay
	// in the groups text.
	seen := map[string]bool{}
	var unmapped []string
	for _, term := range r.Temaer {
		ids := mapTopic(idx, term)
		if len(ids) == 0 {
			unmapped = append(unmapped, term)
		}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				c.Topics = append(c.Topics, id)
			}
		}
	}
	sort.Strings(c.Topics)
	if len(unmapped) > 0 {
		extra := "Temaer i kilden uten eget tema her: " + strings.Join(unmapped, ", ") + "."
		if c.Groups == "" {
			c.Groups = extra
		} else {
			c.Groups += " " + extra
		}
	}

	// Status: no source confirms that anything operates now.
	switch reason, closed := closedBySource[r.ID]; {
	case closed:
		c.Status = dataset.StatusClosed
		c.StatusNote = strings.TrimSpace(strings.TrimSuffix(r.Status, ".") + ". " + reason)
	case kind == dataset.KindDistrictOffice:
		c.Status = dataset.StatusClosed
		c.StatusNote = r.Status
	default:
		c.Status = dataset.StatusUnknown
		note := "Ingen kilde bekrefter at kontaktpunktet er i drift nå; må verifiseres før bruk."
		if r.Status != "" {
			note = strings.TrimSuffix(r.Status, ".") + ". " + note
		}
		c.StatusNote = note
	}

	// Notes: caveats the source records, in its words.
	if r.DrivesAv != "" {
		add("Drives av: " + r.DrivesAv)
	}
	if r.OrgNr != "" && !strings.Contains(r.DrivesAv, r.OrgNr) {
		add("Org.nr. " + r.OrgNr)
	}
	add(r.Merknad)
	if r.Sted != "" {
		add("Sted: " + r.Sted + ". " + r.StedMerknad)
	}
	switch v := r.AdresseGyldig.(type) {
	case bool:
		if !v && c.Address != "" {
			// The source says the address is no longer valid: keep it as
			// history in the note, never as the address to visit.
			old := strings.TrimSpace(c.Address + ", " + strings.TrimSpace(c.Postcode+" "+c.PostalPlace))
			add("Tidligere adresse (ikke lenger gyldig): " + strings.TrimSuffix(old, ","))
			c.Address, c.Postcode, c.PostalPlace = "", "", ""
		}
	case string:
		add("Adressens gyldighet: " + v)
	}
	if v, ok := r.TelefonGyldig.(string); ok {
		add("Telefonnummerets gyldighet: " + v)
	}
	// A private person's address or phone is never kept: the dataset and
	// the API are public.
	if strings.Contains(strings.ToLower(c.Address), "c/o") {
		add("Kilden oppgir en adresse hos en privatperson (c/o); den er ikke tatt med")
		c.Address = ""
	}
	if v, _ := r.TelefonGyldig.(string); strings.Contains(v, "kontaktperson") && c.Phone != "" {
		add("Kilden oppgir telefonnummeret til en navngitt kontaktperson; det er ikke tatt med")
		c.Phone = ""
	}

	lv, err := lastVerified(r.ID, r.Kilder)
	if err != nil {
		return c, err
	}
	c.LastVerified = lv
	if lv == "" {
		add("Ingen av kildene viser en dato: opplysningene er aldri verifisert")
	}
	c.Note = strings.Join(notes, " ")
	for _, k := range r.Kilder {
		c.Sources = append(c.Sources, dataset.SourceRef{URL: k.URL, PageDate: k.Dato, Facts: redactCareOf(k.Fakta)})
	}
	if len(c.Sources) == 0 {
		return c, fmt.Errorf("contact point %s: no sources", r.ID)
	}
	return c, nil
}

// careOf is an address "c/o <a person>, <street>, <postcode place>" up to
// the end of its clause (names are often elided as "...", so a dot does not
// end it).
var careOf = regexp.MustCompile(`c/o [^;]*`)

// redactCareOf removes an address at a private person's home from a
// source's facts: the dataset is public.
func redactCareOf(s string) string {
	return careOf.ReplaceAllStringFunc(s, func(m string) string {
		end := ""
		if strings.HasSuffix(m, ".") {
			end = "."
		}
		return "c/o en privatperson (adressen er utelatt)" + end
	})
}

// namedRegion finds the longest region name (or alternative name) that the
// coverage text names as a phrase, and that region's municipalities.
func namedRegion(rs []dataset.Region, coverage string) (string, []string) {
	best := ""
	for _, r := range rs {
		for _, n := range append([]string{r.Name}, r.AltNames...) {
			if len(n) > len(best) && containsPhrase(coverage, n) {
				best = n
			}
		}
	}
	if best == "" {
		return "", nil
	}
	return best, regionMunicipalities(rs, best)
}

// countyMunicipalities returns the municipalities of every 2024 county whose
// short name the region text names ("Nordland og Troms og Finnmark").
func countyMunicipalities(region string, d *dataset.Dataset) ([]string, error) {
	counties := map[string]bool{}
	for _, c := range d.Counties {
		if containsPhrase(region, c.Name) {
			counties[c.Number] = true
		}
	}
	if len(counties) == 0 {
		return nil, fmt.Errorf("region %q names no 2024 county", region)
	}
	var out []string
	for _, m := range d.Municipalities {
		if counties[m.County] {
			out = append(out, m.Number)
		}
	}
	return out, nil
}

// containsPhrase reports whether phrase occurs in s between word boundaries.
func containsPhrase(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !unicode.IsLetter(before)) && (end == len(s) || !unicode.IsLetter(after)) {
			return true
		}
		i = start + 1
	}
}

func without(s []string, x string) []string {
	var out []string
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}
