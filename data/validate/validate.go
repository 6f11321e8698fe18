// Package validate checks the dataset and reports every problem it finds,
// one a line, as "file: record: field: what is wrong". Messages are in
// Norwegian (bokmål), like the rest of the maintainers' tool.
//
// Errors make a dataset unpublishable; warnings (records not verified
// within 12 months) do not.
package validate

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// Problem is one thing wrong with the dataset.
type Problem struct {
	File    string `json:"file"`
	Record  string `json:"record,omitempty"` // the record's id, number or code
	Field   string `json:"field,omitempty"`  // json name of the field, "sources[2].url" for nested ones
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
	// Line and Col locate JSON syntax errors (0 otherwise).
	Line int `json:"line,omitempty"`
	Col  int `json:"col,omitempty"`
}

// String renders the problem as "file: record: field: message"; a syntax
// error as "file:line:col: message". Warnings say so.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	if p.Record != "" {
		b.WriteString(": " + p.Record)
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("advarsel: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Errors counts the problems that are not warnings.
func Errors(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// StaleAfterMonths is how old a verification may be before it warns.
const StaleAfterMonths = 12

// Dir loads and checks the dataset in dir.
func Dir(dir string) []Problem { return DirAt(dir, time.Now()) }

// Dataset checks a loaded dataset.
func Dataset(d *dataset.Dataset) []Problem { return DatasetAt(d, time.Now()) }

// DatasetAt checks d as of now (dates after now are errors; staleness is
// measured from now).
func DatasetAt(d *dataset.Dataset, now time.Time) []Problem { return check(d, nil, now) }

// DirAt is Dir as of now.
func DirAt(dir string, now time.Time) []Problem { return FSAt(os.DirFS(dir), now) }

// FSAt loads and checks the dataset files in fsys as of now: every record,
// duplicate keys, and the reference files against the manifest make data
// wrote (so a truncated or hand-edited reference file is caught).
func FSAt(fsys fs.FS, now time.Time) []Problem {
	d, ferrs := store.LoadFSAll(fsys)
	ps := append(checkFileSizes(fsys), checkDuplicateKeys(fsys)...)
	ps = append(ps, check(d, ferrs, now)...)
	broken := map[string]bool{}
	for _, fe := range ferrs {
		broken[fe.File] = true
	}
	return append(ps, checkManifest(fsys, d, broken)...)
}

type checker struct {
	now      time.Time
	ps       []Problem
	broken   map[string]bool // files that did not decode: skip checks that depend on them
	munis    map[string]dataset.Municipality
	counties map[string]bool
	areas    map[string]bool // municipalities and territories: what a postcode may point to
	posts    map[string]dataset.Postcode
	topics   map[string]bool
	// crisisLines are the crisis lines' numbers by id (empty for a chat).
	crisisLines map[string]string
	postal      map[string]bool // folded postal place + " " + municipality, built when needed (postalPlaces)
}

func check(d *dataset.Dataset, ferrs []*store.FileError, now time.Time) []Problem {
	c := &checker{now: now, broken: map[string]bool{}}
	for _, fe := range ferrs {
		c.broken[fe.File] = true
		c.ps = append(c.ps, Problem{File: fe.File, Line: fe.Line, Col: fe.Col, Message: fe.Msg})
	}
	c.counties = map[string]bool{}
	for _, x := range d.Counties {
		c.counties[x.Number] = true
	}
	c.munis = map[string]dataset.Municipality{}
	c.areas = map[string]bool{}
	for _, m := range d.Municipalities {
		c.munis[m.Number] = m
		c.areas[m.Number] = true
	}
	for _, t := range d.Territories {
		c.areas[t.Number] = true
	}
	c.posts = map[string]dataset.Postcode{}
	for _, p := range d.Postcodes {
		c.posts[p.Code] = p
	}
	c.topics = map[string]bool{}
	for _, t := range d.Topics {
		c.topics[t.ID] = true
	}
	c.crisisLines = map[string]string{}
	for _, l := range d.CrisisLines {
		c.crisisLines[l.ID] = l.Number
	}
	c.countiesFile(d.Counties)
	c.municipalitiesFile(d.Municipalities)
	c.territoriesFile(d.Territories)
	c.formerFile(d.FormerMunicipalities)
	c.postcodesFile(d.Postcodes)
	c.topicsFile(d.Topics)
	c.contactPointsFile(d.ContactPoints)
	c.sourcesFile(d.Sources)
	c.regionsFile(d.Regions)
	c.districtsFile(d.Districts)
	c.crisisLinesFile(d.CrisisLines)
	c.lexiconFile(d.Lexicon, d.Municipalities)
	c.confusableDomains(d)
	return c.ps
}

func (c *checker) add(file, record, field, format string, args ...any) {
	c.ps = append(c.ps, Problem{File: file, Record: record, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) warn(file, record, field, format string, args ...any) {
	c.ps = append(c.ps, Problem{File: file, Record: record, Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
}

var (
	twoDigits  = regexp.MustCompile(`^[0-9]{2}$`)
	fourDigits = regexp.MustCompile(`^[0-9]{4}$`)
	idPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	periodRe   = regexp.MustCompile(`^[0-9]{4}(-[0-9]{4})?$`)
	// Markup: a tag (closed or not: "<img src=x onerror=…" is as dangerous
	// in a careless renderer) or an HTML entity.
	markupRe = regexp.MustCompile(`<[a-zA-Z/!?]|&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);`)
	emailRe  = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)
)

// Languages are the tags a Name may carry (see dataset.Name).
var Languages = map[string]bool{"nb": true, "se": true, "smj": true, "sma": true, "fkv": true, "smi": true, "und": true}

// DisplayLanguages are the languages a topic's display names may be in: the
// widget's lang values besides bokmål (Name).
var DisplayLanguages = map[string]bool{"nn": true, "en": true, "se": true}

// NoteLanguages are the languages a contact point's citizen_notes may be in:
// bokmål is citizen_note itself, and no Sami text has been written.
var NoteLanguages = map[string]bool{"nn": true, "en": true}

var (
	statuses       = map[string]bool{dataset.StatusActive: true, dataset.StatusClosed: true, dataset.StatusUnknown: true}
	languageForms  = map[string]bool{"Bokmål": true, "Nynorsk": true, "Nøytral": true}
	changes        = map[string]bool{"uendret": true, "nytt_nummer": true, "navneendring": true, "sammenslaatt": true, "delt": true}
	postCategories = map[string]bool{"": true, "G": true, "P": true, "B": true, "S": true, "F": true}
)

// Size limits: far above any real record (the longest note is ~600
// characters), low enough that a pasted document or a runaway script cannot
// grow what every citizen's browser downloads.
const (
	MaxTextRunes      = 2000    // any text field
	MaxFileBytes      = 4 << 20 // any dataset file (postcodes.json is ~0.5 MB)
	MaxCuratedBytes   = 2 << 20 // a file people edit (contact points ~75 KB)
	MaxLexiconBytes   = 6 << 20 // the lexicon of 45 languages, ~3.7 MB with its notes (the browser's core holds no notes)
	hiddenCharMessage = "inneholder et usynlig styringstegn (%U: retningsendring eller nullbredde) som kan skjule eller snu tekst"
)

// hidden reports format characters that change how text is shown without
// being seen: bidi overrides and isolates, marks, zero-width characters and
// the byte-order mark.
func hidden(r rune) bool {
	return unicode.Is(unicode.Cf, r)
}

// text checks a text field for markup, control and invisible characters
// and its length; required fields must not be empty.
func (c *checker) text(file, rec, field, s string, required bool) {
	if strings.TrimSpace(s) == "" {
		if required {
			c.add(file, rec, field, "mangler (påkrevd felt)")
		}
		return
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\uFFFD' || r == '\u2028' || r == '\u2029' {
			c.add(file, rec, field, "inneholder kontrolltegn (%U)", r)
			return
		}
		if hidden(r) {
			c.add(file, rec, field, hiddenCharMessage, r)
			return
		}
	}
	if n := utf8.RuneCountInString(s); n > MaxTextRunes {
		c.add(file, rec, field, "er %d tegn lang; høyst %d", n, MaxTextRunes)
	}
	if m := markupRe.FindString(s); m != "" {
		c.add(file, rec, field, "inneholder markup (%q); skriv ren tekst", m)
	}
	if s != strings.TrimSpace(s) {
		c.add(file, rec, field, "har mellomrom først eller sist")
	}
}

// checkFileSizes refuses files far larger than real data can be.
func checkFileSizes(fsys fs.FS) []Problem {
	c := &checker{}
	for _, f := range store.Files {
		info, err := fs.Stat(fsys, f)
		if err != nil {
			continue // reported by the loader
		}
		limit := int64(MaxFileBytes)
		switch {
		case f == dataset.LexiconFile:
			limit = MaxLexiconBytes
		case store.Curated(f):
			limit = MaxCuratedBytes
		}
		if info.Size() > limit {
			c.add(f, "", "", "filen er %d byte; høyst %d (er noe limt inn ved en feil?)", info.Size(), limit)
		}
	}
	return c.ps
}

// id checks a record id's form and, when well formed, that it is unique.
func (c *checker) id(f, rec, id string, uniq func(string) bool) {
	if !idPattern.MatchString(id) {
		c.add(f, rec, "id", "id %q skal bestå av små bokstaver a-z, sifre og bindestrek", id)
		return
	}
	uniq(id)
}

func (c *checker) unique(file, field string) func(id string) bool {
	seen := map[string]bool{}
	return func(id string) bool {
		if seen[id] {
			c.add(file, id, field, "duplikat: %q finnes mer enn én gang", id)
			return false
		}
		seen[id] = true
		return true
	}
}

func (c *checker) names(file, rec string, ns []dataset.Name) {
	if len(ns) == 0 {
		c.add(file, rec, "names", "mangler (minst det norske navnet)")
	}
	for i, n := range ns {
		f := fmt.Sprintf("names[%d]", i)
		c.text(file, rec, f+".name", n.Name, true)
		if !Languages[n.Language] {
			c.add(file, rec, f+".language", "ukjent språkkode %q (gyldige: nb, se, smj, sma, fkv, smi, und)", n.Language)
		}
	}
}

func (c *checker) countiesFile(cs []dataset.County) {
	f := dataset.CountiesFile
	uniq := c.unique(f, "number")
	for i, x := range cs {
		rec := recordID(x.Number, i)
		if !twoDigits.MatchString(x.Number) {
			c.add(f, rec, "number", "fylkesnummer %q skal være to sifre", x.Number)
		} else {
			uniq(x.Number)
		}
		c.text(f, rec, "name", x.Name, true)
		c.text(f, rec, "official_name", x.OfficialName, true)
		c.names(f, rec, x.Names)
	}
}

func (c *checker) municipalitiesFile(ms []dataset.Municipality) {
	f := dataset.MunicipalitiesFile
	uniq := c.unique(f, "number")
	for i, m := range ms {
		rec := recordID(m.Number, i)
		if !fourDigits.MatchString(m.Number) {
			c.add(f, rec, "number", "kommunenummer %q skal være fire sifre", m.Number)
		} else {
			uniq(m.Number)
		}
		c.text(f, rec, "name", m.Name, true)
		c.text(f, rec, "official_name", m.OfficialName, true)
		c.names(f, rec, m.Names)
		switch {
		case m.County == "":
			c.add(f, rec, "county", "mangler (påkrevd felt)")
		case !c.broken[dataset.CountiesFile] && !c.counties[m.County]:
			c.add(f, rec, "county", "fylke %q finnes ikke i %s", m.County, dataset.CountiesFile)
		case len(m.Number) == 4 && m.Number[:2] != m.County:
			c.add(f, rec, "county", "kommunenummeret %s hører til fylke %s, ikke %s", m.Number, m.Number[:2], m.County)
		}
		c.text(f, rec, "admin_centre", m.AdminCentre, true)
		if m.Population <= 0 {
			c.add(f, rec, "population", "mangler eller er ikke positivt (%d)", m.Population)
		}
		if m.AreaKm2 <= 0 {
			c.add(f, rec, "area_km2", "mangler eller er ikke positivt (%g)", m.AreaKm2)
		}
		if !languageForms[m.LanguageForm] {
			c.add(f, rec, "language_form", "%q er ikke Bokmål, Nynorsk eller Nøytral", m.LanguageForm)
		}
		c.point(f, rec, m.Lat, m.Lon, true)
		c.text(f, rec, "point_method", m.PointMethod, true)
	}
}

func (c *checker) territoriesFile(ts []dataset.Territory) {
	f := dataset.TerritoriesFile
	uniq := c.unique(f, "number")
	for i, t := range ts {
		rec := recordID(t.Number, i)
		if !fourDigits.MatchString(t.Number) {
			c.add(f, rec, "number", "nummer %q skal være fire sifre", t.Number)
		} else if uniq(t.Number) {
			if _, ok := c.munis[t.Number]; ok {
				c.add(f, rec, "number", "%s er også et kommunenummer", t.Number)
			}
		}
		c.text(f, rec, "name", t.Name, true)
		c.point(f, rec, t.Lat, t.Lon, true)
	}
}

func (c *checker) formerFile(fs []dataset.FormerMunicipality) {
	f := dataset.FormerMunicipalitiesFile
	uniq := c.unique(f, "number")
	for i, x := range fs {
		rec := recordID(x.Period+"/"+x.Number, i)
		if !fourDigits.MatchString(x.Number) {
			c.add(f, rec, "number", "kommunenummer %q skal være fire sifre", x.Number)
		}
		if !periodRe.MatchString(x.Period) {
			c.add(f, rec, "period", "%q er ikke et år eller et tidsrom som «2020-2023»", x.Period)
		}
		uniq(x.Period + "/" + x.Number)
		c.text(f, rec, "name", x.Name, true)
		if !changes[x.Change] {
			c.add(f, rec, "change", "ukjent endringstype %q", x.Change)
		}
		switch {
		case len(x.Successors) == 0:
			c.add(f, rec, "successors", "mangler (minst én 2024-kommune)")
		case x.Change == "delt" && len(x.Successors) < 2:
			c.add(f, rec, "successors", "en delt kommune skal ha minst to etterfølgere")
		case x.Change != "delt" && x.Change != "" && len(x.Successors) > 1:
			c.add(f, rec, "successors", "flere etterfølgere, men endringstypen er %q, ikke «delt»", x.Change)
		}
		for j, s := range x.Successors {
			c.municipalityRef(f, rec, fmt.Sprintf("successors[%d]", j), s, false)
		}
	}
}

func (c *checker) postcodesFile(ps []dataset.Postcode) {
	f := dataset.PostcodesFile
	uniq := c.unique(f, "code")
	for i, p := range ps {
		rec := recordID(p.Code, i)
		if !fourDigits.MatchString(p.Code) {
			c.add(f, rec, "code", "postnummer %q skal være fire sifre", p.Code)
		} else {
			uniq(p.Code)
		}
		c.text(f, rec, "place", p.Place, true)
		c.municipalityRef(f, rec, "municipality", p.Municipality, true)
		if !postCategories[p.Category] {
			c.add(f, rec, "category", "ukjent kategori %q (G, P, B, S eller F)", p.Category)
		}
		if p.HasPoint() {
			c.point(f, rec, p.Lat, p.Lon, false)
		}
	}
}

// municipalityRef checks a reference to a 2024 municipality (or, when
// territories is set, to Svalbard or Jan Mayen).
func (c *checker) municipalityRef(f, rec, field, n string, territories bool) {
	switch {
	case n == "":
		c.add(f, rec, field, "mangler (påkrevd felt)")
	case !fourDigits.MatchString(n):
		c.add(f, rec, field, "kommunenummer %q skal være fire sifre", n)
	case c.broken[dataset.MunicipalitiesFile]:
	case territories && c.areas[n]:
	case c.munis[n].Number == "":
		c.add(f, rec, field, "kommunenummer %s finnes ikke blant 2024-kommunene", n)
	}
}

func (c *checker) topicsFile(ts []dataset.Topic) {
	f := dataset.TopicsFile
	uniq := c.unique(f, "id")
	for i, t := range ts {
		rec := recordID(t.ID, i)
		c.id(f, rec, t.ID, uniq)
		c.text(f, rec, "name", t.Name, true)
		langs := map[string]bool{}
		for j, n := range t.Names {
			field := fmt.Sprintf("names[%d]", j)
			c.text(f, rec, field+".name", n.Name, true)
			c.language(f, rec, field+".language", n.Language, DisplayLanguages, langs, "ukjent språk %q for et visningsnavn (nn, en eller se)")
		}
		seen := map[string]bool{}
		for j, s := range t.Synonyms {
			field := fmt.Sprintf("synonyms[%d]", j)
			c.text(f, rec, field, s, true)
			if k := strings.ToLower(s); seen[k] {
				c.add(f, rec, field, "synonymet %q står to ganger", s)
			} else {
				seen[k] = true
			}
		}
		c.sourceRefs(f, rec, t.Sources)
	}
}

func (c *checker) sourceRefs(f, rec string, ss []dataset.SourceRef) {
	if len(ss) == 0 {
		c.add(f, rec, "sources", "mangler (minst én kilde)")
	}
	for j, s := range ss {
		field := fmt.Sprintf("sources[%d]", j)
		// Citations of archived pages may be http: they name where a fact
		// was read, they are not links offered to citizens.
		if msg := CheckURL(s.URL, false); msg != "" {
			c.add(f, rec, field+".url", "%s", msg)
		}
		c.text(f, rec, field+".page_date", s.PageDate, false)
		c.text(f, rec, field+".facts", s.Facts, false)
	}
}

func (c *checker) contactPointsFile(cps []dataset.ContactPoint) {
	f := dataset.ContactPointsFile
	if len(cps) == 0 && !c.broken[f] {
		c.add(f, "", "", "ingen kontaktpunkter: listen er tom (avkortet fil?); uten kontaktpunkter blir hvert søk en blindvei")
	}
	uniq := c.unique(f, "id")
	for i, p := range cps {
		rec := recordID(p.ID, i)
		c.id(f, rec, p.ID, uniq)
		c.text(f, rec, "name", p.Name, true)
		if dataset.KindLabel(p.Kind) == "" {
			c.add(f, rec, "kind", "ukjent type %q (%s)", p.Kind, strings.Join(dataset.Kinds(), ", "))
		}
		if p.Municipality != "" {
			c.municipalityRef(f, rec, "municipality", p.Municipality, false)
		} else if len(p.Serves) == 0 && !p.ServesAll {
			c.add(f, rec, "municipality", "mangler: et kontaktpunkt trenger en kommune, serves eller serves_all")
		}
		seen := map[string]bool{}
		for j, s := range p.Serves {
			field := fmt.Sprintf("serves[%d]", j)
			c.municipalityRef(f, rec, field, s, false)
			if seen[s] || s == p.Municipality {
				c.add(f, rec, field, "%s står allerede i municipality eller serves", s)
			}
			seen[s] = true
		}
		c.text(f, rec, "coverage", p.Coverage, false)
		c.text(f, rec, "address", p.Address, false)
		c.text(f, rec, "postal_place", p.PostalPlace, false)
		c.postcodeRef(f, rec, p)
		if p.Phone != "" {
			if msg := CheckPhone(p.Phone); msg != "" {
				c.add(f, rec, "phone", "%s", msg)
			}
		}
		if p.Email != "" {
			if msg := CheckEmail(p.Email); msg != "" {
				c.add(f, rec, "email", "%s", msg)
			}
		}
		if p.URL != "" {
			if msg := CheckURL(p.URL, true); msg != "" {
				c.add(f, rec, "url", "%s", msg)
			}
		}
		c.text(f, rec, "groups", p.Groups, false)
		tseen := map[string]bool{}
		for j, t := range p.Topics {
			field := fmt.Sprintf("topics[%d]", j)
			if !c.broken[dataset.TopicsFile] && !c.topics[t] {
				c.add(f, rec, field, "temaet %q finnes ikke i %s", t, dataset.TopicsFile)
			}
			if tseen[t] {
				c.add(f, rec, field, "temaet %q står to ganger", t)
			}
			tseen[t] = true
		}
		if !statuses[p.Status] {
			c.add(f, rec, "status", "ukjent status %q (active, closed eller unknown)", p.Status)
		}
		c.text(f, rec, "status_note", p.StatusNote, false)
		c.text(f, rec, "note", p.Note, false)
		c.text(f, rec, "citizen_note", p.CitizenNote, false)
		c.citizenNotes(f, rec, p)
		c.practical(f, rec, p)
		c.privacy(f, rec, p)
		c.verified(f, rec, p)
		c.sourceRefs(f, rec, p.Sources)
	}
}

// citizenNotes checks the translations of citizen_note: plain text like
// it, one per language, and only where there is a bokmål text to translate.
func (c *checker) citizenNotes(f, rec string, p dataset.ContactPoint) {
	if len(p.CitizenNotes) > 0 && strings.TrimSpace(p.CitizenNote) == "" {
		c.add(f, rec, "citizen_notes", "oversettelser uten citizen_note: skriv først teksten på bokmål")
	}
	langs := map[string]bool{}
	for j, n := range p.CitizenNotes {
		field := fmt.Sprintf("citizen_notes[%d]", j)
		c.text(f, rec, field+".text", n.Text, true)
		c.language(f, rec, field+".language", n.Language, NoteLanguages, langs, "ukjent språk %q for en merknad (nn eller en; bokmål står i citizen_note)")
	}
}

// language checks one entry of a list of texts by language: lang is one of
// allowed (else unknown, a format for it) and not in seen, which it joins.
func (c *checker) language(f, rec, field, lang string, allowed, seen map[string]bool, unknown string) {
	switch {
	case !allowed[lang]:
		c.add(f, rec, field, unknown, lang)
	case seen[lang]:
		c.add(f, rec, field, "%s står to ganger", lang)
	}
	seen[lang] = true
}

// careOfAddress is "c/o" followed, in the same clause, by a house number:
// an address at somebody's home.
var careOfAddress = regexp.MustCompile(`(?i)c/o[^;]*[0-9]`)

// privacy warns about what may be a private person's data: the dataset and
// the API are public. A person must look, so these are warnings.
func (c *checker) privacy(f, rec string, p dataset.ContactPoint) {
	if strings.Contains(strings.ToLower(p.Address), "c/o") {
		c.warn(f, rec, "address", "adressen er «c/o» noen: er det en privatpersons hjem? Det skal ikke publiseres")
	}
	for i, s := range p.Sources {
		if careOfAddress.MatchString(s.Facts) {
			c.warn(f, rec, fmt.Sprintf("sources[%d].facts", i), "nevner en «c/o»-adresse: er det en privatpersons hjem? Det skal ikke publiseres")
		}
	}
	if d := strings.TrimPrefix(strings.ReplaceAll(p.Phone, " ", ""), "+47"); d != "" && (d[0] == '4' || d[0] == '9') {
		c.warn(f, rec, "phone", "%s er et mobilnummer: sjekk at det er kontaktpunktets eget, ikke en privatpersons", p.Phone)
	}
}

// postcodeRef checks that a contact point's postcode exists, lies in its
// municipality and carries the postal place the register gives.
func (c *checker) postcodeRef(f, rec string, p dataset.ContactPoint) {
	if p.Postcode == "" {
		return
	}
	if !fourDigits.MatchString(p.Postcode) {
		c.add(f, rec, "postcode", "postnummer %q skal være fire sifre", p.Postcode)
		return
	}
	if c.broken[dataset.PostcodesFile] {
		return
	}
	pc, ok := c.posts[p.Postcode]
	if !ok {
		c.add(f, rec, "postcode", "postnummer %s finnes ikke i %s", p.Postcode, dataset.PostcodesFile)
		return
	}
	if p.Municipality != "" && pc.Municipality != p.Municipality {
		c.add(f, rec, "postcode", "postnummer %s ligger i kommune %s, ikke i %s", p.Postcode, pc.Municipality, p.Municipality)
	}
	if p.PostalPlace != "" && !strings.EqualFold(p.PostalPlace, pc.Place) {
		c.add(f, rec, "postal_place", "postnummer %s har poststed %q, ikke %q", p.Postcode, pc.Place, p.PostalPlace)
	}
}

func (c *checker) verified(f, rec string, p dataset.ContactPoint) {
	if p.LastVerified == "" {
		if p.Status != dataset.StatusClosed {
			c.warn(f, rec, "last_verified", "aldri verifisert (ingen kilde viser en dato)")
		}
		if p.Status == dataset.StatusActive {
			c.add(f, rec, "status", "«active» krever en dato i last_verified")
		}
		return
	}
	start, end, err := ParseDate(p.LastVerified)
	if err != nil {
		c.add(f, rec, "last_verified", "%v", err)
		return
	}
	if start.After(c.now) {
		c.add(f, rec, "last_verified", "%s ligger i fremtiden", p.LastVerified)
		return
	}
	if p.Status != dataset.StatusClosed && end.Before(c.now.AddDate(0, -StaleAfterMonths, 0)) {
		c.warn(f, rec, "last_verified", "sist verifisert %s, for mer enn %d måneder siden", p.LastVerified, StaleAfterMonths)
	}
}

func (c *checker) sourcesFile(ss []dataset.Source) {
	f := dataset.SourcesFile
	if len(ss) == 0 && !c.broken[f] {
		c.add(f, "", "", "ingen kilder: hver kilde skal stå her med lisens og kreditering")
	}
	uniq := c.unique(f, "id")
	for i, s := range ss {
		rec := recordID(s.ID, i)
		c.id(f, rec, s.ID, uniq)
		c.text(f, rec, "name", s.Name, true)
		if msg := CheckURL(s.URL, true); msg != "" {
			c.add(f, rec, "url", "%s", msg)
		}
		c.text(f, rec, "licence", s.Licence, true)
		c.text(f, rec, "attribution", s.Attribution, false)
		c.text(f, rec, "vintage", s.Vintage, true)
		c.text(f, rec, "used", s.Used, true)
	}
}

// recordID names a record in a report: its id, or its position when the id
// is missing.
func recordID(id string, i int) string {
	if strings.TrimSpace(strings.Trim(id, "/")) == "" {
		return "#" + strconv.Itoa(i+1)
	}
	return id
}
