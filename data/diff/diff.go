// Package diff describes what changed between two versions of the dataset,
// record by record and field by field, in words: the text of finder diff,
// of the console's publish and rollback, and of finder publish.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// RecordKeys are the gjson paths that identify a record in each file.
var RecordKeys = map[string][]string{
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

// FieldChange is one changed value; Old or New is empty when the value was
// added or removed.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
	// Review says why the change needs a second review (validate.ReviewReason).
	Review string `json:"review,omitempty"`
}

// RecordChange is what happened to one record.
type RecordChange struct {
	File   string        `json:"file"`
	Record string        `json:"record"`
	Name   string        `json:"name,omitempty"`
	Change string        `json:"change"` // added, removed, changed
	Fields []FieldChange `json:"fields,omitempty"`
	// Review says why a removal needs a second review (a crisis line).
	Review string `json:"review,omitempty"`
}

// Floor is validate.CheckRemovals for changes to a list that held before
// contact points: "" when they may go out, else why not.
func Floor(before int, changes []RecordChange) string {
	removed, added := 0, 0
	for _, c := range changes {
		if c.File != dataset.ContactPointsFile {
			continue
		}
		switch c.Change {
		case "removed":
			removed++
		case "added":
			added++
		}
	}
	return validate.CheckRemovals(before, removed, before-removed+added)
}

// ContactPoints is how many contact points a bundle holds.
func ContactPoints(bundle []byte) (int, error) {
	arrays, err := BundleArrays(bundle)
	if err != nil {
		return 0, err
	}
	return len(arrays[dataset.ContactPointsFile]), nil
}

// Print describes changes in words, one record a line and one
// changed field an indented line, then a summary. A change that needs a
// second review says so on its line and is counted.
func Print(w io.Writer, changes []RecordChange) {
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
	if r := ReviewCount(changes); r > 0 {
		fmt.Fprintf(w, "%d endringer %s: se linjene merket «GJENNOMGANG».\n", r, validate.SecondReview)
	}
}

// changeWords are the words of printRecordChange for each kind of change.
var changeWords = map[string]string{"added": "ny", "removed": "fjernet", "changed": "endret"}

func printRecordChange(w io.Writer, c RecordChange) {
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

// ReviewCount counts the changes that need a second review.
func ReviewCount(changes []RecordChange) int {
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

// BundleArrays splits a published bundle (/v1/dataset.json) into the
// records of each dataset file: the bundle's keys are the file names
// without ".json".
func BundleArrays(b []byte) (map[string][]gjson.Result, error) {
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

func recordKey(file string, r gjson.Result) string {
	var parts []string
	for _, k := range RecordKeys[file] {
		parts = append(parts, r.Get(k).String())
	}
	return strings.Join(parts, "/")
}

func File(file string, a, b []gjson.Result) []RecordChange {
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
	var out []RecordChange
	for _, k := range keys {
		ra, inA := am[k]
		rb, inB := bm[k]
		switch {
		case !inA:
			out = append(out, RecordChange{File: file, Record: k, Name: recordName(rb), Change: "added", Fields: addedReviewed(file, rb)})
		case !inB:
			out = append(out, RecordChange{File: file, Record: k, Name: recordName(ra), Change: "removed", Review: removedReview(file, ra)})
		default:
			if fs := diffRecord(ra, rb); len(fs) > 0 {
				markReview(file, fs, ra, rb)
				out = append(out, RecordChange{File: file, Record: k, Name: recordName(rb), Change: "changed", Fields: fs})
			}
		}
	}
	return out
}

// markReview sets Review on the changed fields that need a second review.
func markReview(file string, fs []FieldChange, a, b gjson.Result) {
	for i := range fs {
		fs[i].Review = validate.ReviewReason(file, fs[i].Field, a.Get(fs[i].Field).String(), b.Get(fs[i].Field).String())
	}
}

// addedReviewed lists the reviewed fields of a new record: a new link,
// e-mail domain or number is as much a change as an altered one.
func addedReviewed(file string, r gjson.Result) []FieldChange {
	var out []FieldChange
	for _, f := range validate.ReviewedFields(file) {
		if v := r.Get(f); v.Exists() && v.String() != "" {
			out = append(out, FieldChange{Field: f, New: show(v), Review: validate.ReviewReason(file, f, "", v.String())})
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
func diffRecord(a, b gjson.Result) []FieldChange {
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
	var out []FieldChange
	for _, p := range sorted {
		va, inA := fa[p]
		vb, inB := fb[p]
		switch {
		case inA && inB && va.IsArray() && vb.IsArray():
			added, removed := setDiff(va, vb)
			for _, x := range removed {
				out = append(out, FieldChange{Field: p, Old: x})
			}
			for _, x := range added {
				out = append(out, FieldChange{Field: p, New: x})
			}
		case inA && inB:
			if compact(va.Raw) != compact(vb.Raw) {
				out = append(out, FieldChange{Field: p, Old: show(va), New: show(vb)})
			}
		case inA:
			out = append(out, FieldChange{Field: p, Old: show(va)})
		default:
			out = append(out, FieldChange{Field: p, New: show(vb)})
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

// finder diff describes a change of the lexicon in words, by the entry's
// role: "lexicon.json: krisefrase fjernet: «vil ikke leve» (nb, wish_dead)".
// A crisis cue removed or changed (or a crisis_undo added, which silences
// crisis help) is flagged: someone other than its author, with a clinician's
// eye, must look at it before it is published.

// lexemeName is how a diff names a lexicon entry: its text and what it is,
// «vil ikke leve» (nb, wish_dead).
func lexemeName(r gjson.Result) string {
	return fmt.Sprintf("«%s» (%s)", r.Get("text").String(),
		lexemeWhat(r))
}

// LexemeNeedsReview reports whether a lexicon change needs a second review:
// a crisis cue removed, or changed in more than its review mark and note (the
// mark is the review itself), or a crisis_undo added. fields are the json
// names of the changed fields.
func LexemeNeedsReview(role, change string, fields []string) bool {
	if !dataset.CrisisRole(role) && role != dataset.RoleCrisisCard {
		return false
	}
	switch change {
	case "added":
		// A line of the crisis card tells a person in crisis what to do:
		// a new one is checked against its crisis line too.
		return role == dataset.RoleCrisisUndo || role == dataset.RoleCrisisSubject || role == dataset.RoleCrisisPast || role == dataset.RoleCrisisCard
	case "changed":
		for _, f := range fields {
			if f != "reviewed" && f != "note" {
				return true
			}
		}
		return false
	}
	return true
}

// fieldNames are the changed fields of a diff.
func fieldNames(fs []FieldChange) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Field)
	}
	return out
}

// printLexemeChange writes one change of lexicon.json in words.
func printLexemeChange(w io.Writer, c RecordChange) {
	role, _, _ := strings.Cut(c.Record, "/")
	label := dataset.RoleLabel(role)
	if label == "" {
		label = "oppføring med rollen " + role
	}
	verb := map[string]string{"added": "lagt til", "removed": "fjernet"}[c.Change]
	if verb == "" {
		verb = "endret"
	}
	fmt.Fprintf(w, "%s: %s %s: %s\n", c.File, label, verb, c.Name)
	for _, f := range c.Fields {
		switch {
		case f.Old == "":
			fmt.Fprintf(w, "    %s: lagt til %s\n", f.Field, f.New)
		case f.New == "":
			fmt.Fprintf(w, "    %s: fjernet %s\n", f.Field, f.Old)
		default:
			fmt.Fprintf(w, "    %s: %s → %s\n", f.Field, f.Old, f.New)
		}
	}
	switch {
	case !LexemeNeedsReview(role, c.Change, fieldNames(c.Fields)):
	case role == dataset.RoleCrisisCard:
		fmt.Fprintf(w, "    ! krisekortets linje %s: trenger en ny gjennomgang (en annen enn den som endret, mot krisetelefonens kilder) før publisering\n", verb)
	default:
		fmt.Fprintf(w, "    ! krisesignal %s: trenger en ny gjennomgang (en annen enn den som endret, med klinisk blikk) før publisering\n", verb)
	}
}

// countChange adds c to the summary's counts.
func countChange(c RecordChange, added, removed, changed int) (int, int, int) {
	switch c.Change {
	case "added":
		added++
	case "removed":
		removed++
	default:
		changed++
	}
	return added, removed, changed
}

// printLexiconReviews closes a diff with the number of crisis cues that
// need a second review, when there are any.
func printLexiconReviews(w io.Writer, changes []RecordChange) {
	n := 0
	for _, c := range changes {
		role, _, _ := strings.Cut(c.Record, "/")
		if c.File == dataset.LexiconFile && LexemeNeedsReview(role, c.Change, fieldNames(c.Fields)) {
			n++
		}
	}
	switch {
	case n == 1:
		fmt.Fprintln(w, "1 endring av et krisesignal trenger en ny gjennomgang før publisering.")
	case n > 1:
		fmt.Fprintf(w, "%d endringer av krisesignaler trenger en ny gjennomgang før publisering.\n", n)
	}
}

// Bundles compares two published bundles (/v1/dataset.json) file by file.
func Bundles(old, new []byte) ([]RecordChange, error) {
	a, err := BundleArrays(old)
	if err != nil {
		return nil, err
	}
	b, err := BundleArrays(new)
	if err != nil {
		return nil, err
	}
	var out []RecordChange
	for _, f := range store.Files {
		out = append(out, File(f, a[f], b[f])...)
	}
	return out, nil
}

// lexemeWhat is what an entry is, after its text: "nb, wish_dead",
// "no, kommune 1124".
func lexemeWhat(r gjson.Result) string {
	parts := []string{r.Get("language").String()}
	if c := r.Get("category").String(); c != "" {
		parts = append(parts, c)
	}
	if p := r.Get("place").String(); p != "" {
		parts = append(parts, "kommune "+p)
	}
	return strings.Join(parts, ", ")
}
