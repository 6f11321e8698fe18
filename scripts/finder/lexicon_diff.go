package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/selvhjelp/finder/data/dataset"
)

// finder diff describes a change of the lexicon in words, by the entry's
// role: "lexicon.json: krisefrase fjernet: «vil ikke leve» (nb, wish_dead)".
// A crisis cue removed or changed (or a crisis_undo added, which silences
// crisis help) is flagged: someone other than its author, with a clinician's
// eye, must look at it before it is published.

// lexemeName is how a diff names a lexicon entry: its text and what it is,
// «vil ikke leve» (nb, wish_dead).
func lexemeName(r gjson.Result) string {
	return fmt.Sprintf("«%s» (%s)", r.Get("text").String(),
		lexemeWhat(r.Get("language").String(), r.Get("category").String(), r.Get("place").String()))
}

// lexemeNeedsReview reports whether a lexicon change needs a second review:
// a crisis cue removed, or changed in more than its review mark and note (the
// mark is the review itself), or a crisis_undo added. fields are the json
// names of the changed fields.
func lexemeNeedsReview(role, change string, fields []string) bool {
	if !dataset.CrisisRole(role) {
		return false
	}
	switch change {
	case "added":
		return role == dataset.RoleCrisisUndo
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
func fieldNames(fs []fieldChange) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Field)
	}
	return out
}

// printLexemeChange writes one change of lexicon.json in words.
func printLexemeChange(w io.Writer, c recordChange) {
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
	if lexemeNeedsReview(role, c.Change, fieldNames(c.Fields)) {
		fmt.Fprintf(w, "    ! krisesignal %s: trenger en ny gjennomgang (en annen enn den som endret, med klinisk blikk) før publisering\n", verb)
	}
}

// countChange adds c to the summary's counts.
func countChange(c recordChange, added, removed, changed int) (int, int, int) {
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
func printLexiconReviews(w io.Writer, changes []recordChange) {
	n := 0
	for _, c := range changes {
		role, _, _ := strings.Cut(c.Record, "/")
		if c.File == dataset.LexiconFile && lexemeNeedsReview(role, c.Change, fieldNames(c.Fields)) {
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
