package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// The language of reading (data/lexicon.json) has its own review path:
//
//	finder lexicon [--unreviewed] [--role R] [--language L]   what awaits review (or every entry)
//	finder lexicon export [same filters] > ordliste.csv         a spreadsheet for a reader of the language
//	finder lexicon import ordliste.csv [--replace] [--dry-run]  back in, every row validated first
//
// The spreadsheet's columns follow Lexeme's csv tags, through the same
// machinery as the contact points' sheet (csv.go). An export may be a part of
// the lexicon (one language, one role), so an import merges by role and
// folded text; --replace makes the sheet the whole lexicon.
var lexemeCSV = mustCSVSchema(reflect.TypeFor[dataset.Lexeme]())

func runLexicon(e env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return runLexiconExport(e, args[1:])
		case "import":
			return runLexiconImport(e, args[1:])
		}
	}
	return runLexiconList(e, args)
}

// lexemeFilter is what --unreviewed, --role and --language ask for.
type lexemeFilter struct {
	unreviewed     bool
	role, language string
}

func (f *lexemeFilter) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.unreviewed, "unreviewed", false, "bare oppføringer som ikke er gjennomgått")
	fs.StringVar(&f.role, "role", "", "bare denne rollen ("+strings.Join(dataset.Roles(), ", ")+")")
	fs.StringVar(&f.language, "language", "", "bare dette språket (nb, nn, no, en, se, …)")
}

// check says what is wrong with the filter, or "".
func (f lexemeFilter) check() string {
	if f.role != "" && dataset.RoleLabel(f.role) == "" {
		return fmt.Sprintf("ukjent rolle %q (%s)", f.role, strings.Join(dataset.Roles(), ", "))
	}
	if f.language != "" && !slices.ContainsFunc(dataset.LexiconLanguages(), func(l dataset.LanguageTag) bool { return l.Tag == f.language }) {
		var tags []string
		for _, l := range dataset.LexiconLanguages() {
			tags = append(tags, l.Tag)
		}
		return fmt.Sprintf("ukjent språk %q (%s)", f.language, strings.Join(tags, ", "))
	}
	return ""
}

func (f lexemeFilter) keep(x dataset.Lexeme) bool {
	return (!f.unreviewed || !x.Reviewed) && (f.role == "" || x.Role == f.role) && (f.language == "" || x.Language == f.language)
}

// apply returns the entries the filter keeps. For review, crisis cues come
// first: they decide whether a person is shown crisis lines.
func (f lexemeFilter) apply(ls []dataset.Lexeme) []dataset.Lexeme {
	var out []dataset.Lexeme
	for _, x := range ls {
		if f.keep(x) {
			out = append(out, x)
		}
	}
	if f.unreviewed {
		sort.SliceStable(out, func(i, j int) bool {
			return dataset.CrisisRole(out[i].Role) && !dataset.CrisisRole(out[j].Role)
		})
	}
	return out
}

func runLexiconList(e env, args []string) int {
	fs := newFlags(e, "lexicon", "[--unreviewed] [--role R] [--language L] [--data DIR] [--json] | export … | import FIL …")
	var f lexemeFilter
	f.register(fs)
	dir := fs.String("data", "data", "mappen med datasettet")
	asJSON := fs.Bool("json", false, "skriv listen som JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if msg := f.check(); len(rest) > 0 || msg != "" {
		if msg != "" {
			fmt.Fprintln(e.stderr, "finder lexicon:", msg)
		}
		fs.Usage()
		return 2
	}
	d, err := store.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder lexicon: %v\nKjør «finder validate --data %s» for å se alle feil.\n", err, *dir)
		return 1
	}
	list := f.apply(d.Lexicon)
	if *asJSON {
		if list == nil {
			list = []dataset.Lexeme{}
		}
		if err := writeJSON(e.stdout, list); err != nil {
			fmt.Fprintln(e.stderr, "finder lexicon:", err)
			return 2
		}
		return 0
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	crisis := 0
	for _, x := range list {
		if dataset.CrisisRole(x.Role) {
			crisis++
		}
		line := fmt.Sprintf("%s\t%s\t%s\t«%s»", x.Role, x.Language, orDash(x.Category), x.Text)
		if extra := lexemeExtra(x); extra != "" {
			line += "\t" + extra
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	if f.unreviewed {
		fmt.Fprintf(e.stdout, "%d oppføringer venter på gjennomgang, %d av dem krisesignaler (de står først: en kliniker skal se dem).\n", len(list), crisis)
		if len(list) > 0 {
			fmt.Fprintln(e.stdout, "Gjennomgå i et regneark: finder lexicon export --unreviewed > ordliste.csv, sett «ja» i kolonnen gjennomgått, så finder lexicon import ordliste.csv")
		}
	} else {
		fmt.Fprintf(e.stdout, "%d oppføringer, %d av dem krisesignaler.\n", len(list), crisis)
	}
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// lexemeExtra is the rest of an entry worth showing in a list: its place,
// whether it is reviewed, its note.
func lexemeExtra(x dataset.Lexeme) string {
	var parts []string
	if x.Place != "" {
		parts = append(parts, "kommune "+x.Place)
	}
	if x.Reviewed {
		parts = append(parts, "gjennomgått")
	}
	if x.Note != "" {
		parts = append(parts, x.Note)
	}
	return strings.Join(parts, "; ")
}

func runLexiconExport(e env, args []string) int {
	fs := newFlags(e, "lexicon export", "[--unreviewed] [--role R] [--language L] [--data DIR] [--sep ;] [--bom=false] > ordliste.csv")
	var f lexemeFilter
	f.register(fs)
	dir := fs.String("data", "data", "mappen med datasettet")
	sepFlag := fs.String("sep", ";", "skilletegn: ; (Excel på norsk), , eller tab")
	bom := fs.Bool("bom", true, "skriv UTF-8-BOM først, så Excel leser æ, ø og å riktig")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	sep, ok := separator(*sepFlag)
	if msg := f.check(); len(rest) > 0 || !ok || msg != "" {
		if msg != "" {
			fmt.Fprintln(e.stderr, "finder lexicon export:", msg)
		}
		fs.Usage()
		return 2
	}
	d, err := store.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder lexicon export: %v\nKjør «finder validate --data %s» for å se alle feil.\n", err, *dir)
		return 1
	}
	if *bom {
		io.WriteString(e.stdout, "\uFEFF")
	}
	if err := exportLexiconCSV(e.stdout, f.apply(d.Lexicon), sep); err != nil {
		fmt.Fprintln(e.stderr, "finder lexicon export:", err)
		return 1
	}
	return 0
}

// exportLexiconCSV writes entries as a spreadsheet, one a row, in the
// order given.
func exportLexiconCSV(w io.Writer, ls []dataset.Lexeme, sep rune) error {
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true
	if err := cw.Write(lexemeCSV.headers(nil)); err != nil {
		return err
	}
	for i := range ls {
		if err := cw.Write(lexemeCSV.row(reflect.ValueOf(&ls[i]).Elem(), nil)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// parseLexiconCSV reads lexicon entries from a spreadsheet, as parseCSV
// reads contact points (parseSheet).
func parseLexiconCSV(b []byte) ([]dataset.Lexeme, []int, []csvProblem) {
	return parseSheet[dataset.Lexeme](b, lexemeCSV)
}

// lexemeKey identifies an entry across a sheet and the file: the key
// validation keeps unique (validate.LexemeKey).
func lexemeKey(x dataset.Lexeme) string {
	return validate.LexemeKey(x.Role, x.Language, search.Normalize(x.Text))
}

// lexiconImport is what an import does to the lexicon.
type lexiconImport struct {
	lexicon                 []dataset.Lexeme
	added, changed, removed []dataset.Lexeme
	changedFields           [][]string // per changed entry, the json names of its changed fields
	unchanged               int
}

// lexemeFields names the fields in which a and b differ.
func lexemeFields(a, b dataset.Lexeme) []string {
	var out []string
	for _, f := range []struct {
		name string
		diff bool
	}{{"text", a.Text != b.Text}, {"role", a.Role != b.Role}, {"language", a.Language != b.Language},
		{"category", a.Category != b.Category}, {"place", a.Place != b.Place}, {"reviewed", a.Reviewed != b.Reviewed},
		{"note", a.Note != b.Note}} {
		if f.diff {
			out = append(out, f.name)
		}
	}
	return out
}

// importLexicon merges the sheet's entries into d's lexicon: an entry of the
// same role and folded text is replaced where it stands, a new one goes after
// the last entry of its role; with replace, entries missing from the sheet
// are removed. The whole dataset it would make is validated; any problem is
// returned with its row and column and nothing must be written.
func importLexicon(d *dataset.Dataset, b []byte, replace bool, now time.Time) (lexiconImport, []csvProblem) {
	rows, lines, probs := parseLexiconCSV(b)
	if len(probs) > 0 {
		return lexiconImport{}, probs
	}
	rowOf := map[string]int{}
	for i, x := range rows {
		k := lexemeKey(x)
		if prev, dup := rowOf[k]; dup && strings.TrimSpace(x.Text) != "" {
			probs = append(probs, csvProblem{Row: lines[i], Column: "tekst", Message: fmt.Sprintf("«%s» (%s) står også i rad %d", x.Text, x.Role, prev)})
			continue
		}
		rowOf[k] = lines[i]
	}
	if len(probs) > 0 {
		return lexiconImport{}, probs
	}
	sheet := map[string]dataset.Lexeme{}
	for _, x := range rows {
		sheet[lexemeKey(x)] = x
	}
	var res lexiconImport
	old := map[string]bool{}
	var next []dataset.Lexeme
	for _, x := range d.Lexicon {
		k := lexemeKey(x)
		old[k] = true
		y, inSheet := sheet[k]
		switch {
		case !inSheet && replace:
			res.removed = append(res.removed, x)
			continue
		case !inSheet:
			next = append(next, x)
			continue
		case x == y:
			res.unchanged++
		default:
			res.changed = append(res.changed, y)
			res.changedFields = append(res.changedFields, lexemeFields(x, y))
		}
		next = append(next, y)
	}
	for _, x := range rows {
		if old[lexemeKey(x)] {
			continue
		}
		res.added = append(res.added, x)
		at := len(next)
		for i := len(next) - 1; i >= 0; i-- {
			if next[i].Role == x.Role {
				at = i + 1
				break
			}
		}
		next = slices.Insert(next, at, x)
	}
	nd := *d
	nd.Lexicon = next
	rowOfRecord := map[string]int{}
	for i, x := range next {
		if row, ok := rowOf[lexemeKey(x)]; ok {
			rowOfRecord[validate.LexemeRecord(x, i)] = row
		}
	}
	for _, p := range validate.DatasetAt(&nd, now) {
		if p.Warning {
			continue
		}
		if row, ok := rowOfRecord[p.Record]; ok && p.File == dataset.LexiconFile {
			probs = append(probs, csvProblem{Row: row, Column: lexemeCSV.headerOf(p.Field), Message: p.Message})
		} else {
			probs = append(probs, csvProblem{Message: p.String()})
		}
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Row < probs[j].Row })
	if len(probs) > 0 {
		return lexiconImport{}, probs
	}
	res.lexicon = next
	return res, nil
}

func runLexiconImport(e env, args []string) int {
	si, code := openSheetImport(e, "lexicon import", "FIL [--data DIR] [--replace [--allow-removals N]] [--dry-run]",
		"ordlisten", "oppføringer", args)
	if si == nil {
		return code
	}
	file, allow := si.file, si.allow
	res, probs := importLexicon(si.data, si.sheet, *si.replace, e.now())
	if si.refused(e, probs) {
		return 1
	}
	if len(res.removed) > *allow {
		fmt.Fprintf(e.stderr, "%s: regnearket ville fjernet %d oppføringer fra ordlisten.\n", file, len(res.removed))
		fmt.Fprintf(e.stderr, "%s: er det bare en del av ordlisten? Importer uten --replace. Er det meningen, kjør igjen med --allow-removals %d. Ingenting er endret.\n", file, len(res.removed))
		return 1
	}
	review := 0
	for _, g := range []struct {
		word, change string
		ls           []dataset.Lexeme
	}{{"ny", "added", res.added}, {"endret", "changed", res.changed}, {"fjernet", "removed", res.removed}} {
		for i, x := range g.ls {
			var fields []string
			if g.change == "changed" {
				fields = res.changedFields[i]
			}
			flag := ""
			if lexemeNeedsReview(x.Role, g.change, fields) {
				flag = " – krisesignal: trenger en ny gjennomgang"
				review++
			}
			fmt.Fprintf(e.stdout, "%s: %s «%s» (%s)%s\n", g.word, x.Role, x.Text, lexemeWhat(x.Language, x.Category, x.Place), flag)
		}
	}
	summary := fmt.Sprintf("%d nye, %d endret, %d uendret, %d fjernet", len(res.added), len(res.changed), res.unchanged, len(res.removed))
	if review > 0 {
		summary += fmt.Sprintf("; %d %s trenger en ny gjennomgang", review, map[bool]string{true: "krisesignal", false: "krisesignaler"}[review == 1])
	}
	nd := *si.data
	nd.Lexicon = res.lexicon
	return si.write(e, &nd, dataset.LexiconFile, summary)
}

// lexemeWhat is what an entry is, after its text: "nb, wish_dead",
// "no, kommune 1124".
func lexemeWhat(language, category, place string) string {
	parts := []string{language}
	if category != "" {
		parts = append(parts, category)
	}
	if place != "" {
		parts = append(parts, "kommune "+place)
	}
	return strings.Join(parts, ", ")
}
