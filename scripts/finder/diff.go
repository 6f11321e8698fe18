package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// recordKeys are the gjson paths that identify a record in each file.
var recordKeys = map[string][]string{
	dataset.CountiesFile:             {"number"},
	dataset.MunicipalitiesFile:       {"number"},
	dataset.TerritoriesFile:          {"number"},
	dataset.FormerMunicipalitiesFile: {"period", "number"},
	dataset.PostcodesFile:            {"code"},
	dataset.TopicsFile:               {"id"},
	dataset.ContactPointsFile:        {"id"},
	dataset.SourcesFile:              {"id"},
	dataset.RegionsFile:              {"kind", "name"},
	dataset.DistrictsFile:            {"municipality", "name"},
	dataset.CrisisLinesFile:          {"id"},
	dataset.LexiconFile:              {"role", "text"},
}

// fieldChange is one changed value; Old or New is empty when the value was
// added or removed.
type fieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
	// Review says why the change needs a second review (validate.ReviewReason).
	Review string `json:"review,omitempty"`
}

// recordChange is what happened to one record.
type recordChange struct {
	File   string        `json:"file"`
	Record string        `json:"record"`
	Name   string        `json:"name,omitempty"`
	Change string        `json:"change"` // added, removed, changed
	Fields []fieldChange `json:"fields,omitempty"`
	// Review says why a removal needs a second review (a crisis line).
	Review string `json:"review,omitempty"`
}

func runDiff(e env, args []string) int {
	fs := newFlags(e, "diff", "GAMMEL_MAPPE NY_MAPPE [--json]")
	asJSON := fs.Bool("json", false, "skriv endringene som JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 2 {
		fs.Usage()
		return 2
	}
	changes, err := diffDirs(rest[0], rest[1])
	if err != nil {
		fmt.Fprintln(e.stderr, "finder diff:", err)
		return 1
	}
	if *asJSON {
		if changes == nil {
			changes = []recordChange{}
		}
		if err := writeJSON(e.stdout, changes); err != nil {
			fmt.Fprintln(e.stderr, "finder diff:", err)
			return 2
		}
		return 0
	}
	printChanges(e.stdout, changes)
	return 0
}

// printChanges describes changes in words, one record a line and one
// changed field an indented line, then a summary. A change that needs a
// second review says so on its line and is counted.
func printChanges(w io.Writer, changes []recordChange) {
	if len(changes) == 0 {
		fmt.Fprintln(w, "Ingen endringer.")
		return
	}
	n := map[string]int{}
	for _, c := range changes {
		n[c.Change]++
		if c.File == dataset.LexiconFile { // in words, crisis cues flagged for a second review: lexicon_diff.go
			printLexemeChange(w, c)
			continue
		}
		printRecordChange(w, c)
	}
	fmt.Fprintf(w, "%d nye, %d fjernet, %d endret.\n", n["added"], n["removed"], n["changed"])
	printLexiconReviews(w, changes) // lexicon_diff.go
	if r := reviewCount(changes); r > 0 {
		fmt.Fprintf(w, "%d endringer %s: se linjene merket «GJENNOMGANG».\n", r, validate.SecondReview)
	}
}

// changeWords are the words of printRecordChange for each kind of change.
var changeWords = map[string]string{"added": "ny", "removed": "fjernet", "changed": "endret"}

func printRecordChange(w io.Writer, c recordChange) {
	label := c.Record
	if c.Name != "" && c.Name != c.Record {
		label += " (" + c.Name + ")"
	}
	fmt.Fprintf(w, "%s: %s: %s%s\n", c.File, changeWords[c.Change], label, reviewMark(c.Review))
	for _, f := range c.Fields {
		switch {
		case f.Old == "":
			fmt.Fprintf(w, "    %s: lagt til %s%s\n", f.Field, f.New, reviewMark(f.Review))
		case f.New == "":
			fmt.Fprintf(w, "    %s: fjernet %s%s\n", f.Field, f.Old, reviewMark(f.Review))
		default:
			fmt.Fprintf(w, "    %s: %s → %s%s\n", f.Field, f.Old, f.New, reviewMark(f.Review))
		}
	}
}

// reviewMark is appended to a line whose change needs a second review.
func reviewMark(why string) string {
	if why == "" {
		return ""
	}
	return "   ← GJENNOMGANG: " + why
}

// reviewCount counts the changes that need a second review.
func reviewCount(changes []recordChange) int {
	n := 0
	for _, c := range changes {
		if c.Review != "" {
			n++
		}
		for _, f := range c.Fields {
			if f.Review != "" {
				n++
			}
		}
	}
	return n
}

// diffDirs compares two dataset folders record by record and field by
// field. It reads the files generically (gjson), so it also describes
// changes a newer or older schema makes.
func diffDirs(oldDir, newDir string) ([]recordChange, error) {
	var out []recordChange
	for _, f := range store.Files {
		a, err := readArray(filepath.Join(oldDir, f))
		if err != nil {
			return nil, err
		}
		b, err := readArray(filepath.Join(newDir, f))
		if err != nil {
			return nil, err
		}
		out = append(out, diffFile(f, a, b)...)
	}
	return out, nil
}

// bundleArrays splits a published bundle (/v1/dataset.json) into the
// records of each dataset file: the bundle's keys are the file names
// without ".json".
func bundleArrays(b []byte) (map[string][]gjson.Result, error) {
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("%s: ugyldig JSON", store.BundleName)
	}
	root := gjson.ParseBytes(b)
	if !root.IsObject() {
		return nil, fmt.Errorf("%s: skal være et JSON-objekt", store.BundleName)
	}
	out := map[string][]gjson.Result{}
	for _, f := range store.Files {
		out[f] = root.Get(strings.TrimSuffix(f, ".json")).Array()
	}
	return out, nil
}

// diffBundleDir compares a published bundle with a dataset folder.
func diffBundleDir(bundle []byte, dir string) ([]recordChange, error) {
	old, err := bundleArrays(bundle)
	if err != nil {
		return nil, err
	}
	var out []recordChange
	for _, f := range store.Files {
		b, err := readArray(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		out = append(out, diffFile(f, old[f], b)...)
	}
	return out, nil
}

func readArray(path string) ([]gjson.Result, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil // a file that is new or gone: every record added or removed
	}
	if err != nil {
		return nil, err
	}
	if !gjson.ValidBytes(b) {
		return nil, fmt.Errorf("%s: ugyldig JSON; kjør «finder validate» for linje og kolonne", path)
	}
	r := gjson.ParseBytes(b)
	if !r.IsArray() {
		return nil, fmt.Errorf("%s: skal være en JSON-liste", path)
	}
	return r.Array(), nil
}

func recordKey(file string, r gjson.Result) string {
	var parts []string
	for _, k := range recordKeys[file] {
		parts = append(parts, r.Get(k).String())
	}
	return strings.Join(parts, "/")
}

func diffFile(file string, a, b []gjson.Result) []recordChange {
	index := func(rs []gjson.Result) (map[string]gjson.Result, []string) {
		m := map[string]gjson.Result{}
		var keys []string
		for _, r := range rs {
			k := recordKey(file, r)
			if _, dup := m[k]; !dup {
				keys = append(keys, k)
			}
			m[k] = r
		}
		return m, keys
	}
	am, akeys := index(a)
	bm, bkeys := index(b)
	keys := append([]string{}, akeys...)
	for _, k := range bkeys {
		if _, ok := am[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []recordChange
	for _, k := range keys {
		ra, inA := am[k]
		rb, inB := bm[k]
		switch {
		case !inA:
			out = append(out, recordChange{File: file, Record: k, Name: recordName(rb), Change: "added", Fields: addedReviewed(file, rb)})
		case !inB:
			out = append(out, recordChange{File: file, Record: k, Name: recordName(ra), Change: "removed", Review: removedReview(file, ra)})
		default:
			if fs := diffRecord(ra, rb); len(fs) > 0 {
				markReview(file, fs, ra, rb)
				out = append(out, recordChange{File: file, Record: k, Name: recordName(rb), Change: "changed", Fields: fs})
			}
		}
	}
	return out
}

// markReview sets Review on the changed fields that need a second review.
func markReview(file string, fs []fieldChange, a, b gjson.Result) {
	for i := range fs {
		fs[i].Review = validate.ReviewReason(file, fs[i].Field, a.Get(fs[i].Field).String(), b.Get(fs[i].Field).String())
	}
}

// addedReviewed lists the reviewed fields of a new record: a new link,
// e-mail domain or number is as much a change as an altered one.
func addedReviewed(file string, r gjson.Result) []fieldChange {
	var out []fieldChange
	for _, f := range validate.ReviewedFields(file) {
		if v := r.Get(f); v.Exists() && v.String() != "" {
			out = append(out, fieldChange{Field: f, New: show(v), Review: validate.ReviewReason(file, f, "", v.String())})
		}
	}
	return out
}

// removedReview says why a removed record needs a second review: a crisis line.
func removedReview(file string, r gjson.Result) string {
	if file != dataset.CrisisLinesFile {
		return ""
	}
	return fmt.Sprintf("krisetelefonen %q er fjernet", recordName(r))
}

// diffRecord compares two records leaf by leaf. Lists of plain values
// (topics, serves, synonyms) are compared as sets, so one added topic reads
// as one addition rather than a shifted list.
func diffRecord(a, b gjson.Result) []fieldChange {
	fa, fb := map[string]gjson.Result{}, map[string]gjson.Result{}
	flatten("", a, fa)
	flatten("", b, fb)
	paths := map[string]bool{}
	for p := range fa {
		paths[p] = true
	}
	for p := range fb {
		paths[p] = true
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	var out []fieldChange
	for _, p := range sorted {
		va, inA := fa[p]
		vb, inB := fb[p]
		switch {
		case inA && inB && va.IsArray() && vb.IsArray():
			added, removed := setDiff(va, vb)
			for _, x := range removed {
				out = append(out, fieldChange{Field: p, Old: x})
			}
			for _, x := range added {
				out = append(out, fieldChange{Field: p, New: x})
			}
		case inA && inB:
			if compact(va.Raw) != compact(vb.Raw) {
				out = append(out, fieldChange{Field: p, Old: show(va), New: show(vb)})
			}
		case inA:
			out = append(out, fieldChange{Field: p, Old: show(va)})
		default:
			out = append(out, fieldChange{Field: p, New: show(vb)})
		}
	}
	return out
}

// flatten maps each leaf of v to its path ("sources[1].url"). Arrays of
// plain values are kept whole.
func flatten(prefix string, v gjson.Result, out map[string]gjson.Result) {
	switch {
	case v.IsObject():
		v.ForEach(func(k, x gjson.Result) bool {
			p := k.String()
			if prefix != "" {
				p = prefix + "." + p
			}
			flatten(p, x, out)
			return true
		})
	case v.IsArray() && hasObjects(v):
		i := 0
		v.ForEach(func(_, x gjson.Result) bool {
			flatten(fmt.Sprintf("%s[%d]", prefix, i), x, out)
			i++
			return true
		})
	default:
		out[prefix] = v
	}
}

func hasObjects(v gjson.Result) bool {
	for _, x := range v.Array() {
		if x.IsObject() || x.IsArray() {
			return true
		}
	}
	return false
}

func setDiff(a, b gjson.Result) (added, removed []string) {
	in := func(r gjson.Result) map[string]bool {
		m := map[string]bool{}
		for _, x := range r.Array() {
			m[show(x)] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	for _, x := range b.Array() {
		if s := show(x); !ma[s] {
			added = append(added, s)
		}
	}
	for _, x := range a.Array() {
		if s := show(x); !mb[s] {
			removed = append(removed, s)
		}
	}
	return added, removed
}

// show renders a value for people: text in «», other values as JSON.
func show(v gjson.Result) string {
	if v.Type == gjson.String {
		return "«" + v.String() + "»"
	}
	return compact(v.Raw)
}

func compact(raw string) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(raw)); err != nil {
		return raw
	}
	return buf.String()
}

// recordName is what a record is called, for people: its name, or a
// postcode's place.
func recordName(r gjson.Result) string {
	if r.Get("role").Exists() {
		return lexemeName(r) // a lexicon entry: lexicon_diff.go
	}
	if n := r.Get("name"); n.Exists() {
		return n.String()
	}
	return r.Get("place").String()
}
