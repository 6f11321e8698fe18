package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// The spreadsheet has one row per contact point and Norwegian column
// headers. Lists (kommuner, temaer) are comma-separated within a cell; each
// source takes three columns, kilde1_url, kilde1_dato, kilde1_fakta, ...
var csvColumns = []struct {
	header string
	field  string // json name in dataset.ContactPoint
}{
	{"id", "id"},
	{"navn", "name"},
	{"type", "kind"},
	{"kommunenummer", "municipality"},
	{"betjener_kommuner", "serves"},
	{"hele_landet", "serves_all"},
	{"dekningsområde", "coverage"},
	{"adresse", "address"},
	{"postnummer", "postcode"},
	{"poststed", "postal_place"},
	{"telefon", "phone"},
	{"epost", "email"},
	{"nettadresse", "url"},
	{"grupper", "groups"},
	{"temaer", "topics"},
	{"status", "status"},
	{"statusmerknad", "status_note"},
	{"merknad", "note"},
	{"sist_verifisert", "last_verified"},
}

var (
	kindToCSV   = kindLabels()
	statusToCSV = map[string]string{
		dataset.StatusActive:  "aktiv",
		dataset.StatusClosed:  "stengt",
		dataset.StatusUnknown: "ukjent",
	}
	sourceHeader = regexp.MustCompile(`^kilde([1-9][0-9]*)_(url|dato|fakta)$`)
)

func kindLabels() map[string]string {
	m := map[string]string{}
	for _, k := range dataset.Kinds() {
		m[k] = dataset.KindLabel(k)
	}
	return m
}

func reverse(m map[string]string) map[string]string {
	r := make(map[string]string, len(m))
	for k, v := range m {
		r[v] = k
	}
	return r
}

// headerOf names the spreadsheet column of a validator field
// ("sources[1].url" is column kilde2_url).
func headerOf(field string) string {
	if i := strings.IndexByte(field, '['); i >= 0 {
		base := field[:i]
		j := strings.IndexByte(field, ']')
		n, err := strconv.Atoi(field[i+1 : j])
		if base == "sources" && err == nil {
			sub := strings.TrimPrefix(field[j+1:], ".")
			switch sub {
			case "url":
				return fmt.Sprintf("kilde%d_url", n+1)
			case "page_date":
				return fmt.Sprintf("kilde%d_dato", n+1)
			case "facts":
				return fmt.Sprintf("kilde%d_fakta", n+1)
			}
			return "kilder"
		}
		field = base
	}
	for _, c := range csvColumns {
		if c.field == field {
			return c.header
		}
	}
	if field == "sources" {
		return "kilde1_url"
	}
	return field
}

func runExportCSV(e env, args []string) int {
	fs := newFlags(e, "export-csv", "[--data DIR] [--sep ;] [--bom=false] > kontaktpunkter.csv")
	dir := fs.String("data", "data", "mappen med datasettet")
	sepFlag := fs.String("sep", ";", "skilletegn: ; (Excel på norsk), , eller tab")
	bom := fs.Bool("bom", true, "skriv UTF-8-BOM først, så Excel leser æ, ø og å riktig")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	sep, ok := separator(*sepFlag)
	if len(rest) > 0 || !ok {
		fs.Usage()
		return 2
	}
	d, err := store.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder export-csv: %v\nKjør «finder validate --data %s» for å se alle feil.\n", err, *dir)
		return 1
	}
	if *bom {
		io.WriteString(e.stdout, "\uFEFF")
	}
	if err := exportCSV(e.stdout, d.ContactPoints, sep); err != nil {
		fmt.Fprintln(e.stderr, "finder export-csv:", err)
		return 1
	}
	return 0
}

func separator(s string) (rune, bool) {
	switch strings.ToLower(s) {
	case ";", "semikolon":
		return ';', true
	case ",", "komma":
		return ',', true
	case "tab", "\t":
		return '\t', true
	}
	return 0, false
}

func exportCSV(w io.Writer, cps []dataset.ContactPoint, sep rune) error {
	cps = store.Canonical(&dataset.Dataset{ContactPoints: cps}).ContactPoints
	nsrc := 0
	for _, c := range cps {
		nsrc = max(nsrc, len(c.Sources))
	}
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true // as Excel writes it
	head := make([]string, 0, len(csvColumns)+3*nsrc)
	for _, c := range csvColumns {
		head = append(head, c.header)
	}
	for i := 1; i <= nsrc; i++ {
		head = append(head, fmt.Sprintf("kilde%d_url", i), fmt.Sprintf("kilde%d_dato", i), fmt.Sprintf("kilde%d_fakta", i))
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, c := range cps {
		row := []string{
			c.ID, c.Name, kindToCSV[c.Kind], c.Municipality, strings.Join(c.Serves, ", "), yesNo(c.ServesAll),
			c.Coverage, c.Address, c.Postcode, c.PostalPlace, c.Phone, c.Email, c.URL, c.Groups,
			strings.Join(c.Topics, ", "), statusWord(c.Status), c.StatusNote, c.Note, c.LastVerified,
		}
		if row[2] == "" {
			row[2] = c.Kind
		}
		for i := 0; i < nsrc; i++ {
			if i < len(c.Sources) {
				s := c.Sources[i]
				row = append(row, s.URL, s.PageDate, s.Facts)
			} else {
				row = append(row, "", "", "")
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return ""
}

// csvProblem is one thing wrong with one cell (or row) of the spreadsheet.
type csvProblem struct {
	Row     int    // the line number in the spreadsheet, the header being row 1
	Column  string // the header, "" for the whole row
	Message string
}

func (p csvProblem) String() string {
	if p.Row == 0 {
		return p.Message // a problem elsewhere in the dataset
	}
	if p.Column == "" {
		return fmt.Sprintf("rad %d: %s", p.Row, p.Message)
	}
	return fmt.Sprintf("rad %d: kolonne %s: %s", p.Row, p.Column, p.Message)
}

// parseCSV reads contact points from a spreadsheet: UTF-8 with or without
// BOM, comma or semicolon separated (whichever the header uses), CRLF or LF.
// It returns the records with their row numbers, or every problem found.
func parseCSV(b []byte) ([]dataset.ContactPoint, []int, []csvProblem) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if !utf8.Valid(b) {
		return nil, nil, []csvProblem{{Row: 1, Message: "filen er ikke UTF-8; lagre den som «CSV UTF-8» i Excel"}}
	}
	firstLine, _, _ := bytes.Cut(b, []byte("\n"))
	sep := ','
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		sep = ';'
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = sep
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		row := 0
		var pe *csv.ParseError
		if ok := asParseError(err, &pe); ok {
			row = pe.StartLine
		}
		return nil, nil, []csvProblem{{Row: row, Message: "kan ikke lese CSV: " + err.Error()}}
	}
	if len(rows) == 0 {
		return nil, nil, []csvProblem{{Row: 1, Message: "filen er tom; første rad skal være kolonnenavnene"}}
	}
	var probs []csvProblem
	head := rows[0]
	col := map[string]int{}
	known := map[string]bool{}
	for _, c := range csvColumns {
		known[c.header] = true
	}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		head[i] = h
		if _, dup := col[h]; dup {
			probs = append(probs, csvProblem{Row: 1, Column: h, Message: "kolonnen står to ganger"})
		}
		col[h] = i
		if !known[h] && !sourceHeader.MatchString(h) {
			probs = append(probs, csvProblem{Row: 1, Column: h, Message: "ukjent kolonne"})
		}
	}
	for _, need := range []string{"id", "navn", "type", "status"} {
		if _, ok := col[need]; !ok {
			probs = append(probs, csvProblem{Row: 1, Column: need, Message: "kolonnen mangler"})
		}
	}
	if len(probs) > 0 {
		return nil, nil, probs
	}
	kinds, statuses := reverse(kindToCSV), reverse(statusToCSV)
	var out []dataset.ContactPoint
	var lines []int
	for ri, row := range rows[1:] {
		line := ri + 2
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // Excel leaves empty rows at the end
		}
		if len(row) > len(head) {
			probs = append(probs, csvProblem{Row: line, Message: fmt.Sprintf("%d celler, men bare %d kolonner", len(row), len(head))})
			continue
		}
		get := func(h string) string {
			if i, ok := col[h]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		c := dataset.ContactPoint{
			ID: get("id"), Name: get("navn"), Municipality: zeroPad(get("kommunenummer")),
			Serves: list(get("betjener_kommuner")), Coverage: get("dekningsområde"),
			Address: get("adresse"), Postcode: zeroPad(get("postnummer")), PostalPlace: get("poststed"),
			Phone: get("telefon"), Email: get("epost"), URL: get("nettadresse"), Groups: get("grupper"),
			Topics: list(get("temaer")), StatusNote: get("statusmerknad"), Note: get("merknad"),
			LastVerified: get("sist_verifisert"),
		}
		kind := strings.ToLower(get("type"))
		if k, ok := kinds[kind]; ok {
			c.Kind = k
		} else if kindToCSV[kind] != "" {
			c.Kind = kind
		} else {
			probs = append(probs, csvProblem{Row: line, Column: "type", Message: fmt.Sprintf("ukjent type %q (nasjonalt kontor, stiftelse, distriktskontor, senter eller lokalt)", get("type"))})
		}
		status := strings.ToLower(get("status"))
		if s, ok := statuses[status]; ok {
			c.Status = s
		} else if statusToCSV[status] != "" {
			c.Status = status
		} else {
			probs = append(probs, csvProblem{Row: line, Column: "status", Message: fmt.Sprintf("ukjent status %q (aktiv, stengt eller ukjent)", get("status"))})
		}
		switch strings.ToLower(get("hele_landet")) {
		case "ja", "j", "x", "true", "1":
			c.ServesAll = true
		case "", "nei", "n", "false", "0":
		default:
			probs = append(probs, csvProblem{Row: line, Column: "hele_landet", Message: fmt.Sprintf("%q: skriv «ja» eller la cellen stå tom", get("hele_landet"))})
		}
		c.Sources = csvSources(head, row)
		out = append(out, c)
		lines = append(lines, line)
	}
	return out, lines, probs
}

func asParseError(err error, target **csv.ParseError) bool {
	pe, ok := err.(*csv.ParseError)
	if ok {
		*target = pe
	}
	return ok
}

func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, zeroPad(p))
		}
	}
	return out
}

// zeroPad gives back the leading zero a spreadsheet strips from a number
// such as 0301 (Oslo) or 0364: three digits become four.
func zeroPad(s string) string {
	if len(s) == 3 && strings.Trim(s, "0123456789") == "" {
		return "0" + s
	}
	return s
}

// csvSources collects kildeN_url/_dato/_fakta in the order of N; a source
// with every cell empty is no source.
func csvSources(head, row []string) []dataset.SourceRef {
	byN := map[int]*dataset.SourceRef{}
	for i, h := range head {
		m := sourceHeader.FindStringSubmatch(h)
		if m == nil || i >= len(row) {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		s := byN[n]
		if s == nil {
			s = &dataset.SourceRef{}
			byN[n] = s
		}
		v := strings.TrimSpace(row[i])
		switch m[2] {
		case "url":
			s.URL = v
		case "dato":
			s.PageDate = v
		case "fakta":
			s.Facts = v
		}
	}
	ns := make([]int, 0, len(byN))
	for n := range byN {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	var out []dataset.SourceRef
	for _, n := range ns {
		if s := byN[n]; *s != (dataset.SourceRef{}) {
			out = append(out, *s)
		}
	}
	return out
}

func runImportCSV(e env, args []string) int {
	fs := newFlags(e, "import-csv", "FIL [--data DIR] [--replace] [--dry-run]")
	dir := fs.String("data", "data", "mappen med datasettet")
	replace := fs.Bool("replace", false, "regnearket er hele listen: kontaktpunkter som ikke står i det, fjernes")
	dryRun := fs.Bool("dry-run", false, "kontroller og vis hva som ville blitt endret, men skriv ingenting")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 1 {
		fs.Usage()
		return 2
	}
	file := rest[0]
	b, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder import-csv: %v\n", err)
		return 1
	}
	d, err := store.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder import-csv: %v\nKjør «finder validate --data %s» for å se alle feil. Ingenting er endret.\n", err, *dir)
		return 1
	}
	res, probs := importCSV(d, b, *replace, e.now())
	if len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintf(e.stderr, "%s: %s\n", file, p)
		}
		fmt.Fprintf(e.stderr, "%s: %d feil. Ingenting er endret.\n", file, len(probs))
		return 1
	}
	summary := fmt.Sprintf("%d nye, %d endret, %d uendret, %d fjernet", len(res.added), len(res.changed), res.unchanged, len(res.removed))
	for _, id := range res.added {
		fmt.Fprintf(e.stdout, "ny: %s\n", id)
	}
	for _, id := range res.changed {
		fmt.Fprintf(e.stdout, "endret: %s\n", id)
	}
	for _, id := range res.removed {
		fmt.Fprintf(e.stdout, "fjernet: %s\n", id)
	}
	if *dryRun {
		fmt.Fprintf(e.stdout, "Prøvekjøring: %s. Ingenting er skrevet.\n", summary)
		return 0
	}
	if err := store.WriteFiles(res.dataset, *dir, []string{dataset.ContactPointsFile}); err != nil {
		fmt.Fprintln(e.stderr, "finder import-csv:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Importert %s til %s: %s. Se over med «finder diff» før publisering.\n", file, *dir, summary)
	return 0
}

type importResult struct {
	dataset                 *dataset.Dataset
	added, changed, removed []string
	unchanged               int
}

// importCSV merges the spreadsheet's contact points into d (by id) and
// validates the whole result. Any problem, in the spreadsheet or in the
// dataset it would make, is returned with its row and column, and then the
// result must not be written.
func importCSV(d *dataset.Dataset, b []byte, replace bool, now time.Time) (importResult, []csvProblem) {
	rows, lines, probs := parseCSV(b)
	if len(probs) > 0 {
		return importResult{}, probs
	}
	rowOf := map[string]int{}
	for i, c := range rows {
		if prev, dup := rowOf[c.ID]; dup && c.ID != "" {
			probs = append(probs, csvProblem{Row: lines[i], Column: "id", Message: fmt.Sprintf("id %q står også i rad %d", c.ID, prev)})
			continue
		}
		rowOf[c.ID] = lines[i]
	}
	if len(probs) > 0 {
		return importResult{}, probs
	}
	old := map[string]dataset.ContactPoint{}
	for _, c := range d.ContactPoints {
		old[c.ID] = c
	}
	var res importResult
	next := *d
	next.ContactPoints = nil
	for _, c := range d.ContactPoints {
		if _, inSheet := rowOf[c.ID]; !inSheet {
			if replace {
				res.removed = append(res.removed, c.ID)
			} else {
				next.ContactPoints = append(next.ContactPoints, c)
			}
		}
	}
	for _, c := range rows {
		prev, existed := old[c.ID]
		switch {
		case !existed:
			res.added = append(res.added, c.ID)
		case equalContact(prev, c):
			res.unchanged++
		default:
			res.changed = append(res.changed, c.ID)
		}
		next.ContactPoints = append(next.ContactPoints, c)
	}
	for _, p := range validate.DatasetAt(&next, now) {
		if p.Warning {
			continue
		}
		if row, ok := rowOf[p.Record]; ok && p.File == dataset.ContactPointsFile {
			probs = append(probs, csvProblem{Row: row, Column: headerOf(p.Field), Message: p.Message})
		} else {
			probs = append(probs, csvProblem{Message: p.String()})
		}
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Row < probs[j].Row })
	if len(probs) > 0 {
		return importResult{}, probs
	}
	res.dataset = &next
	return res, nil
}

func equalContact(a, b dataset.ContactPoint) bool {
	x, err1 := store.EncodeFile(&dataset.Dataset{ContactPoints: []dataset.ContactPoint{a}}, dataset.ContactPointsFile)
	y, err2 := store.EncodeFile(&dataset.Dataset{ContactPoints: []dataset.ContactPoint{b}}, dataset.ContactPointsFile)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
