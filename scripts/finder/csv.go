package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"reflect"
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
// headers. The columns follow from the csv tags of dataset.ContactPoint (read
// once, by reflection: the CLI has no size budget), so a new field needs only
// its tag. Lists (kommuner, temaer) are comma-separated within a cell; a list
// of records takes numbered columns, kilde1_url, kilde1_dato, kilde1_fakta, ...
var contactCSV = mustCSVSchema(reflect.TypeFor[dataset.ContactPoint]())

// Cell forms a csv tag may ask for (see dataset.ContactPoint).
const (
	formKind   = "kind"   // a kind, written as its Norwegian word
	formStatus = "status" // a status, written as its Norwegian word
	formNumber = "number" // a number a spreadsheet may strip the leading zero of
)

// listSep joins a list in one cell; reading splits on the comma alone.
const listSep = ", "

// csvColumn is one spreadsheet column: one field of a record.
type csvColumn struct {
	header   string
	field    string // the json name, as the validator names fields
	index    int    // the field's index in its struct
	required bool   // the column must be in the sheet
	form     string // "" or one of the form constants
}

// csvGroup is a list of records spread over numbered columns:
// kilde1_url, kilde1_dato, ..., kilde2_url, ...
type csvGroup struct {
	prefix  string // "kilde"
	field   string // the json name, "sources"
	index   int
	elem    reflect.Type
	subs    []csvColumn
	pattern *regexp.Regexp // matches prefix, N and the sub-header
}

type csvSchema struct {
	columns []csvColumn
	groups  []csvGroup
}

var (
	statusToCSV = statusWords()
	yesWords    = map[string]bool{"ja": true, "j": true, "x": true, "true": true, "1": true}
	noWords     = map[string]bool{"": true, "nei": true, "n": true, "false": true, "0": true}
)

func mustCSVSchema(t reflect.Type) csvSchema {
	s, err := newCSVSchema(t)
	if err != nil {
		panic(err) // a programming error: TestCSVSchema names the field
	}
	return s
}

// newCSVSchema reads the columns from t's csv tags. Every exported field
// needs a tag (csv:"-" leaves it out of the sheet on purpose), so a new field
// cannot silently miss the spreadsheet.
func newCSVSchema(t reflect.Type) (csvSchema, error) {
	var s csvSchema
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Tag.Get("csv") == "-" {
			continue
		}
		col, err := columnOf(t, sf, i)
		if err != nil {
			return csvSchema{}, err
		}
		if sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct {
			g, err := groupOf(col, sf.Type.Elem())
			if err != nil {
				return csvSchema{}, err
			}
			s.groups = append(s.groups, g)
			continue
		}
		if err := checkCellType(sf.Type); err != nil {
			return csvSchema{}, fmt.Errorf("%s.%s: %w", t.Name(), sf.Name, err)
		}
		s.columns = append(s.columns, col)
	}
	return s, nil
}

func columnOf(t reflect.Type, sf reflect.StructField, i int) (csvColumn, error) {
	tag, ok := sf.Tag.Lookup("csv")
	header, opts, _ := strings.Cut(tag, ",")
	if !ok || header == "" {
		return csvColumn{}, fmt.Errorf("%s.%s has no csv tag (the spreadsheet column; csv:\"-\" to leave it out)", t.Name(), sf.Name)
	}
	jsonName, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
	c := csvColumn{header: header, field: jsonName, index: i}
	for _, o := range strings.Split(opts, ",") {
		switch o {
		case "":
		case "required":
			c.required = true
		case formKind, formStatus, formNumber:
			c.form = o
		default:
			return csvColumn{}, fmt.Errorf("%s.%s: unknown csv option %q", t.Name(), sf.Name, o)
		}
	}
	return c, nil
}

func groupOf(col csvColumn, elem reflect.Type) (csvGroup, error) {
	sub, err := newCSVSchema(elem)
	if err != nil {
		return csvGroup{}, err
	}
	if len(sub.groups) > 0 {
		return csvGroup{}, fmt.Errorf("%s: lists inside lists do not fit a spreadsheet", elem.Name())
	}
	names := make([]string, len(sub.columns))
	for i, c := range sub.columns {
		names[i] = regexp.QuoteMeta(c.header)
	}
	pattern := regexp.MustCompile(`^` + regexp.QuoteMeta(col.header) + `([1-9][0-9]*)_(` + strings.Join(names, "|") + `)$`)
	return csvGroup{prefix: col.header, field: col.field, index: col.index, elem: elem, subs: sub.columns, pattern: pattern}, nil
}

// checkCellType refuses a field type a cell cannot hold.
func checkCellType(t reflect.Type) error {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Float64:
		return nil
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return nil
		}
	}
	return fmt.Errorf("type %s does not fit a spreadsheet cell (teach scripts/finder/csv.go)", t)
}

// header is the column of the n-th (1-based) record's sub-field.
func (g csvGroup) header(n int, sub csvColumn) string {
	return fmt.Sprintf("%s%d_%s", g.prefix, n, sub.header)
}

// knownHeader reports whether h is a column of the sheet.
func (s csvSchema) knownHeader(h string) bool {
	for _, c := range s.columns {
		if c.header == h {
			return true
		}
	}
	for _, g := range s.groups {
		if g.pattern.MatchString(h) {
			return true
		}
	}
	return false
}

// headerOf names the spreadsheet column of a validator field
// ("sources[1].url" is column kilde2_url, "serves[0]" betjener_kommuner).
func (s csvSchema) headerOf(field string) string {
	base, rest, indexed := strings.Cut(field, "[")
	for _, g := range s.groups {
		if g.field != base {
			continue
		}
		if !indexed {
			return g.header(1, g.subs[0])
		}
		num, sub, _ := strings.Cut(rest, "]")
		n, err := strconv.Atoi(num)
		sub = strings.TrimPrefix(sub, ".")
		for _, c := range g.subs {
			if c.field == sub && err == nil {
				return g.header(n+1, c)
			}
		}
		return fmt.Sprintf("%s%d", g.prefix, n+1) // the record as a whole: "kilde2"
	}
	for _, c := range s.columns {
		if c.field == base {
			return c.header
		}
	}
	return field
}

// cell writes a field as the spreadsheet shows it.
func (c csvColumn) cell(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		switch c.form {
		case formKind:
			if w := dataset.KindLabel(v.String()); w != "" {
				return w
			}
		case formStatus:
			return statusWord(v.String())
		}
		return v.String()
	case reflect.Slice:
		return strings.Join(v.Interface().([]string), listSep)
	case reflect.Bool:
		if v.Bool() {
			return "ja"
		}
	case reflect.Int:
		if v.Int() != 0 {
			return strconv.FormatInt(v.Int(), 10)
		}
	case reflect.Float64:
		if v.Float() != 0 {
			return strconv.FormatFloat(v.Float(), 'f', -1, 64)
		}
	}
	return ""
}

// set reads a (trimmed) cell into a field; it returns what is wrong with
// the cell, in words for maintainers, or "".
func (c csvColumn) set(v reflect.Value, cell string) string {
	switch v.Kind() {
	case reflect.String:
		return c.setString(v, cell)
	case reflect.Slice:
		v.Set(reflect.ValueOf(c.list(cell)))
	case reflect.Bool:
		switch w := strings.ToLower(cell); {
		case yesWords[w]:
			v.SetBool(true)
		case !noWords[w]:
			return fmt.Sprintf("%q: skriv «ja» eller la cellen stå tom", cell)
		}
	case reflect.Int:
		n, err := strconv.Atoi(cell)
		if err != nil && cell != "" {
			return fmt.Sprintf("%q er ikke et heltall", cell)
		}
		v.SetInt(int64(n))
	case reflect.Float64:
		f, err := strconv.ParseFloat(strings.Replace(cell, ",", ".", 1), 64)
		if err != nil && cell != "" {
			return fmt.Sprintf("%q er ikke et tall", cell)
		}
		v.SetFloat(f)
	}
	return ""
}

func (c csvColumn) setString(v reflect.Value, cell string) string {
	switch c.form {
	case formKind:
		k, ok := kindOfWord(cell)
		if !ok {
			return fmt.Sprintf("ukjent type %q (%s)", cell, orList(kindWords()))
		}
		v.SetString(k)
	case formStatus:
		st, ok := statusOfWord(cell)
		if !ok {
			return fmt.Sprintf("ukjent status %q (aktiv, stengt eller ukjent)", cell)
		}
		v.SetString(st)
	case formNumber:
		v.SetString(zeroPad(cell))
	default:
		v.SetString(cell)
	}
	return ""
}

// list splits a cell on commas; empty items are dropped.
func (c csvColumn) list(cell string) []string {
	var out []string
	for _, p := range strings.Split(cell, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if c.form == formNumber {
			p = zeroPad(p)
		}
		out = append(out, p)
	}
	return out
}

// kindOfWord reads a kind from its Norwegian word or its English value.
func kindOfWord(w string) (string, bool) {
	w = strings.ToLower(w)
	for _, k := range dataset.Kinds() {
		if w == k || w == dataset.KindLabel(k) {
			return k, true
		}
	}
	return "", false
}

func kindWords() []string {
	var out []string
	for _, k := range dataset.Kinds() {
		out = append(out, dataset.KindLabel(k))
	}
	return out
}

// statusOfWord reads a status from its Norwegian word or its English value.
func statusOfWord(w string) (string, bool) {
	w = strings.ToLower(w)
	for st, word := range statusToCSV {
		if w == st || w == word {
			return st, true
		}
	}
	return "", false
}

// orList joins words as Norwegian does: "a, b eller c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " eller " + words[len(words)-1]
}

// zeroPad gives back the leading zero a spreadsheet strips from a number
// such as 0301 (Oslo) or 0364: three digits become four.
func zeroPad(s string) string {
	if len(s) == 3 && strings.Trim(s, "0123456789") == "" {
		return "0" + s
	}
	return s
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
	widths := groupWidths(cps)
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true // as Excel writes it
	if err := cw.Write(contactCSV.headers(widths)); err != nil {
		return err
	}
	for i := range cps {
		if err := cw.Write(contactCSV.row(reflect.ValueOf(&cps[i]).Elem(), widths)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// groupWidths is, per numbered group, the most records any row has: the
// number of column sets the sheet needs.
func groupWidths(cps []dataset.ContactPoint) []int {
	widths := make([]int, len(contactCSV.groups))
	for i := range cps {
		v := reflect.ValueOf(&cps[i]).Elem()
		for gi, g := range contactCSV.groups {
			widths[gi] = max(widths[gi], v.Field(g.index).Len())
		}
	}
	return widths
}

func (s csvSchema) headers(widths []int) []string {
	var head []string
	for _, c := range s.columns {
		head = append(head, c.header)
	}
	for gi, g := range s.groups {
		for n := 1; n <= widths[gi]; n++ {
			for _, sub := range g.subs {
				head = append(head, g.header(n, sub))
			}
		}
	}
	return head
}

// row is one record's cells, in the order of headers.
func (s csvSchema) row(v reflect.Value, widths []int) []string {
	var row []string
	for _, c := range s.columns {
		row = append(row, neutralise(c.cell(v.Field(c.index))))
	}
	for gi, g := range s.groups {
		list := v.Field(g.index)
		for n := 0; n < widths[gi]; n++ {
			for _, sub := range g.subs {
				cell := ""
				if n < list.Len() {
					cell = neutralise(sub.cell(list.Index(n).Field(sub.index)))
				}
				row = append(row, cell)
			}
		}
	}
	return row
}

// formulaStart are the first characters that make a spreadsheet read a
// cell as a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)) or that hide one
// (a tab or carriage return before it).
const formulaStart = "=+-@\t\r"

// plainSigned is a cell that starts with + or - and is only a number or a
// phone number ("+47 23 33 19 00"): no formula can hide in it.
var plainSigned = regexp.MustCompile(`^[+-][0-9 ]+$`)

// neutralise writes a cell that a spreadsheet would evaluate with a leading
// apostrophe, the form Excel and LibreOffice show as plain text.
func neutralise(cell string) string {
	if cell != "" && strings.ContainsRune(formulaStart, rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// spreadsheetText reads a cell back: the apostrophe neutralise added is
// removed (so export then import is lossless); a cell that would run as a
// formula is refused, naming the character. A plain signed number or phone
// number passes: spreadsheets save "+47 23 33 19 00" without the apostrophe.
func spreadsheetText(raw string) (string, string) {
	cell := strings.TrimSpace(raw)
	if len(cell) >= 2 && cell[0] == '\'' && strings.ContainsRune(formulaStart, rune(cell[1])) {
		return cell[1:], ""
	}
	if raw != "" && strings.ContainsRune(formulaStart, rune(raw[0])) && raw[0] != '+' && raw[0] != '-' {
		return "", fmt.Sprintf("cellen begynner med %q, som et regneark kan kjøre som en formel; fjern tegnet eller skriv ' foran", raw[:1])
	}
	if cell != "" && strings.ContainsRune(formulaStart, rune(cell[0])) && !plainSigned.MatchString(cell) {
		return "", fmt.Sprintf("cellen begynner med %q, som et regneark kan kjøre som en formel; fjern tegnet eller skriv ' foran", cell[:1])
	}
	return cell, ""
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

// parseCSV reads contact points from a spreadsheet (see parseSheet).
func parseCSV(b []byte) ([]dataset.ContactPoint, []int, []csvProblem) {
	return parseSheet[dataset.ContactPoint](b, contactCSV)
}

// parseSheet reads the records of schema s from a spreadsheet: UTF-8 with or
// without BOM, comma or semicolon separated (whichever the header uses),
// CRLF or LF. It returns the records with their row numbers, or every
// problem found.
func parseSheet[T any](b []byte, s csvSchema) ([]T, []int, []csvProblem) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if !utf8.Valid(b) {
		return nil, nil, []csvProblem{{Row: 1, Message: "filen er ikke UTF-8; lagre den som «CSV UTF-8» i Excel"}}
	}
	firstLine, _, _ := bytes.Cut(b, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = headerSeparator(firstLine)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		row := 0
		var pe *csv.ParseError
		if asParseError(err, &pe) {
			row = pe.StartLine
		}
		return nil, nil, []csvProblem{{Row: row, Message: "kan ikke lese CSV: " + err.Error()}}
	}
	if len(rows) == 0 {
		return nil, nil, []csvProblem{{Row: 1, Message: "filen er tom; første rad skal være kolonnenavnene"}}
	}
	head, col, probs := s.readHeader(rows[0])
	if len(probs) > 0 {
		return nil, nil, probs
	}
	var out []T
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
		var x T
		probs = append(probs, s.read(reflect.ValueOf(&x).Elem(), head, col, row, line)...)
		out = append(out, x)
		lines = append(lines, line)
	}
	return out, lines, probs
}

// readHeader normalises the header row and indexes it; unknown, doubled and
// missing required columns are problems.
func (s csvSchema) readHeader(head []string) ([]string, map[string]int, []csvProblem) {
	var probs []csvProblem
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		head[i] = h
		if _, dup := col[h]; dup {
			probs = append(probs, csvProblem{Row: 1, Column: h, Message: "kolonnen står to ganger"})
		}
		col[h] = i
		if !s.knownHeader(h) {
			probs = append(probs, csvProblem{Row: 1, Column: h, Message: "ukjent kolonne"})
		}
	}
	for _, c := range s.columns {
		if _, ok := col[c.header]; c.required && !ok {
			probs = append(probs, csvProblem{Row: 1, Column: c.header, Message: "kolonnen mangler"})
		}
	}
	return head, col, probs
}

// read fills a record from one row; a column missing from the sheet leaves
// its field empty.
func (s csvSchema) read(v reflect.Value, head []string, col map[string]int, row []string, line int) []csvProblem {
	var probs []csvProblem
	for _, c := range s.columns {
		i, ok := col[c.header]
		if !ok {
			continue
		}
		cell := ""
		if i < len(row) {
			cell = row[i]
		}
		cell, msg := spreadsheetText(cell)
		if msg == "" {
			msg = c.set(v.Field(c.index), cell)
		}
		if msg != "" {
			probs = append(probs, csvProblem{Row: line, Column: c.header, Message: msg})
		}
	}
	for _, g := range s.groups {
		probs = append(probs, g.read(v.Field(g.index), head, row, line)...)
	}
	return probs
}

// read collects the numbered records (kildeN_url, _dato, _fakta) in the
// order of N; a record with every cell empty is no record.
func (g csvGroup) read(list reflect.Value, head, row []string, line int) []csvProblem {
	var probs []csvProblem
	byN := map[int]reflect.Value{}
	for i, h := range head {
		m := g.pattern.FindStringSubmatch(h)
		if m == nil || i >= len(row) {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		e, ok := byN[n]
		if !ok {
			e = reflect.New(g.elem).Elem()
			byN[n] = e
		}
		for _, sub := range g.subs {
			if sub.header != m[2] {
				continue
			}
			cell, msg := spreadsheetText(row[i])
			if msg == "" {
				msg = sub.set(e.Field(sub.index), cell)
			}
			if msg != "" {
				probs = append(probs, csvProblem{Row: line, Column: h, Message: msg})
			}
		}
	}
	ns := make([]int, 0, len(byN))
	for n := range byN {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	out := reflect.MakeSlice(list.Type(), 0, len(ns))
	for _, n := range ns {
		if e := byN[n]; !e.IsZero() {
			out = reflect.Append(out, e)
		}
	}
	if out.Len() > 0 {
		list.Set(out)
	}
	return probs
}

// headerSeparator is the separator the header row uses most: ';' (Excel in
// Norwegian), ',' or a tab (export-csv --sep tab), ',' when it has none.
func headerSeparator(line []byte) rune {
	sep, most := ',', 0
	for _, c := range []rune{',', ';', '\t'} {
		if n := bytes.Count(line, []byte(string(c))); n > most {
			sep, most = c, n
		}
	}
	return sep
}

func asParseError(err error, target **csv.ParseError) bool {
	pe, ok := err.(*csv.ParseError)
	if ok {
		*target = pe
	}
	return ok
}

func runImportCSV(e env, args []string) int {
	si, code := openSheetImport(e, "import-csv", "FIL [--data DIR] [--replace] [--dry-run]", "listen", "kontaktpunkter", args)
	if si == nil {
		return code
	}
	file, allow := si.file, si.allow
	res, probs := importCSV(si.data, si.sheet, *si.replace, e.now())
	if si.refused(e, probs) {
		return 1
	}
	if len(res.removed) > *allow {
		fmt.Fprintf(e.stderr, "%s: regnearket ville fjernet %d kontaktpunkter: %s.\n", file, len(res.removed), strings.Join(res.removed, ", "))
		fmt.Fprintf(e.stderr, "%s: mangler det rader? Er det meningen, kjør igjen med --allow-removals %d. Ingenting er endret.\n", file, len(res.removed))
		return 1
	}
	res.printWarnings(e.stdout, file)
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
	return si.write(e, res.dataset, dataset.ContactPointsFile, summary)
}

// sheetImport is what import-csv and lexicon import share: the command's
// flags, the sheet and the dataset the sheet is merged into.
type sheetImport struct {
	cmd             string // "import-csv", "lexicon import"
	file            string
	dir             *string
	replace, dryRun *bool
	allow           *int
	sheet           []byte
	data            *dataset.Dataset
}

// openSheetImport parses an import command's flags (list and records name
// what the sheet holds, for the help), reads the sheet and loads the
// dataset. It returns nil and the exit code when the command ends here.
func openSheetImport(e env, cmd, usage, list, records string, args []string) (*sheetImport, int) {
	fs := newFlags(e, cmd, usage)
	si := &sheetImport{cmd: cmd}
	si.dir = fs.String("data", "data", "mappen med datasettet")
	si.replace = fs.Bool("replace", false, "regnearket er hele "+list+": "+records+" som ikke står i det, fjernes")
	si.allow = fs.Int("allow-removals", maxSilentRemovals, "med --replace: så mange "+records+" kan fjernes")
	si.dryRun = fs.Bool("dry-run", false, "kontroller og vis hva som ville blitt endret, men skriv ingenting")
	rest, err := parse(fs, args)
	if err != nil {
		return nil, 2
	}
	if len(rest) != 1 {
		fs.Usage()
		return nil, 2
	}
	si.file = rest[0]
	if si.sheet, err = os.ReadFile(si.file); err != nil {
		fmt.Fprintf(e.stderr, "finder %s: %v\n", cmd, err)
		return nil, 1
	}
	if si.data, err = store.LoadDir(*si.dir); err != nil {
		fmt.Fprintf(e.stderr, "finder %s: %v\nKjør «finder validate --data %s» for å se alle feil. Ingenting er endret.\n", cmd, err, *si.dir)
		return nil, 1
	}
	return si, 0
}

// refused prints the problems of an import, if any, and reports whether
// there were.
func (si *sheetImport) refused(e env, probs []csvProblem) bool {
	for _, p := range probs {
		fmt.Fprintf(e.stderr, "%s: %s\n", si.file, p)
	}
	if len(probs) > 0 {
		fmt.Fprintf(e.stderr, "%s: %d feil. Ingenting er endret.\n", si.file, len(probs))
	}
	return len(probs) > 0
}

// write ends an import: a dry run writes nothing, else the dataset file
// is written into the data folder.
func (si *sheetImport) write(e env, d *dataset.Dataset, file, summary string) int {
	if *si.dryRun {
		fmt.Fprintf(e.stdout, "Prøvekjøring: %s. Ingenting er skrevet.\n", summary)
		return 0
	}
	if err := store.WriteFiles(d, *si.dir, []string{file}); err != nil {
		fmt.Fprintf(e.stderr, "finder %s: %v\n", si.cmd, err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Importert %s til %s: %s. Se over med «finder diff» før publisering.\n", si.file, *si.dir, summary)
	return 0
}

// maxSilentRemovals is how many records --replace may remove without
// --allow-removals: a sheet that lost most of its rows (a filter left on, a
// wrong tab saved) must not empty the dataset.
const maxSilentRemovals = 3

type importResult struct {
	dataset                 *dataset.Dataset
	added, changed, removed []string
	unchanged               int
	// warnings are those of the rows that add or change a record, with
	// their row and column; otherWarnings counts the rest of the dataset's.
	warnings      []csvProblem
	otherWarnings int
}

// warn files a warning of the imported dataset: by row and column when it
// is about a record the sheet adds or changes, else only counted.
func (r *importResult) warn(p validate.Problem, rowOf map[string]int, touched map[string]bool) {
	row, ok := rowOf[p.Record]
	if !ok || !touched[p.Record] || p.File != dataset.ContactPointsFile {
		r.otherWarnings++
		return
	}
	r.warnings = append(r.warnings, csvProblem{Row: row, Column: contactCSV.headerOf(p.Field), Message: "advarsel: " + p.Message})
}

// printWarnings lists the warnings of an import on w.
func (r importResult) printWarnings(w io.Writer, file string) {
	sort.SliceStable(r.warnings, func(i, j int) bool { return r.warnings[i].Row < r.warnings[j].Row })
	for _, p := range r.warnings {
		fmt.Fprintf(w, "%s: %s\n", file, p)
	}
	if r.otherWarnings > 0 {
		fmt.Fprintf(w, "%d advarsler til i resten av datasettet («finder validate» viser dem).\n", r.otherWarnings)
	}
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
	touched := map[string]bool{}
	for _, id := range append(append([]string{}, res.added...), res.changed...) {
		touched[id] = true
	}
	for _, p := range append(validate.DatasetAt(&next, now), validate.Review(d, &next)...) {
		if p.Warning {
			res.warn(p, rowOf, touched)
			continue
		}
		if row, ok := rowOf[p.Record]; ok && p.File == dataset.ContactPointsFile {
			probs = append(probs, csvProblem{Row: row, Column: contactCSV.headerOf(p.Field), Message: p.Message})
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

// statusWords maps each status to its Norwegian word (dataset.StatusLabel).
func statusWords() map[string]string {
	m := map[string]string{}
	for _, s := range dataset.Statuses() {
		m[s] = dataset.StatusLabel(s)
	}
	return m
}
