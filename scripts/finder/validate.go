package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// validateReport is the --json output of validate.
type validateReport struct {
	OK       bool               `json:"ok"`
	Errors   int                `json:"errors"`
	Warnings int                `json:"warnings"`
	Problems []validate.Problem `json:"problems"`
}

func runValidate(e env, args []string) int {
	fs := newFlags(e, "validate", "[--data DIR] [--previous DIR] [--json]")
	dir := fs.String("data", "data", "mappen med datasettet")
	prev := fs.String("previous", "", "forrige versjon av datasettet, en mappe eller git:REVISJON (git:HEAD: det som ikke er committet): advar om hver endring som trenger en ny gjennomgang")
	asJSON := fs.Bool("json", false, "skriv resultatet som JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return 2
	}
	ps := validate.DirAt(*dir, e.now())
	if *prev != "" {
		review, err := reviewAgainst(*prev, *dir)
		if err != nil {
			fmt.Fprintln(e.stderr, "finder validate:", err)
			return 1
		}
		ps = append(ps, review...)
	}
	nerr := validate.Errors(ps)
	if *asJSON {
		r := validateReport{OK: nerr == 0, Errors: nerr, Warnings: len(ps) - nerr, Problems: ps}
		if r.Problems == nil {
			r.Problems = []validate.Problem{}
		}
		if err := writeJSON(e.stdout, r); err != nil {
			fmt.Fprintln(e.stderr, "finder validate:", err)
			return 2
		}
	} else {
		for _, p := range ps {
			fmt.Fprintln(e.stdout, p)
		}
		if nerr == 0 {
			fmt.Fprintf(e.stdout, "Datasettet i %s er i orden: 0 feil, %d advarsler.\n", *dir, len(ps))
		} else {
			fmt.Fprintf(e.stdout, "Datasettet i %s har %d feil og %d advarsler.\n", *dir, nerr, len(ps)-nerr)
		}
	}
	if nerr > 0 {
		return 1
	}
	return 0
}

// reviewAgainst flags the changes from the dataset --previous names (a
// folder, or git:REV for dir at a git revision) to the one in dir that need
// a second review. A dataset that does not load has its
// errors reported by the validator already: then there is nothing to compare.
func reviewAgainst(previous, dir string) ([]validate.Problem, error) {
	fsys, err := previousFS(previous, dir)
	if err != nil {
		return nil, err
	}
	prev, err := store.LoadFS(fsys)
	if err != nil {
		return nil, fmt.Errorf("--previous %s: %w", previous, err)
	}
	next, err := store.LoadDir(dir)
	if err != nil {
		return nil, nil
	}
	return validate.Review(prev, next), nil
}

// staleRecord is one line of the call list (validate.Stale).
type staleRecord = validate.StaleRecord

func runStale(e env, args []string) int {
	fs := newFlags(e, "stale", "[--months N] [--data DIR] [--closed] [--json]")
	months := fs.Int("months", validate.StaleAfterMonths, "vis poster som ikke er verifisert de siste N månedene")
	dir := fs.String("data", "data", "mappen med datasettet")
	closed := fs.Bool("closed", false, "ta med stengte kontaktpunkter")
	asJSON := fs.Bool("json", false, "skriv listen som JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 || *months < 0 {
		fs.Usage()
		return 2
	}
	d, err := store.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder stale: %v\nKjør «finder validate --data %s» for å se alle feil.\n", err, *dir)
		return 1
	}
	list, err := stale(d, *months, *closed, e.now())
	if err != nil {
		fmt.Fprintln(e.stderr, "finder stale:", err)
		return 1
	}
	if *asJSON {
		if list == nil {
			list = []staleRecord{}
		}
		if err := writeJSON(e.stdout, list); err != nil {
			fmt.Fprintln(e.stderr, "finder stale:", err)
			return 2
		}
		return 0
	}
	for _, r := range list {
		printCallListEntry(e.stdout, r)
	}
	fmt.Fprintf(e.stdout, "%d kontaktpunkter er ikke verifisert de siste %d månedene.\n", len(list), *months)
	if len(list) > 0 {
		fmt.Fprintln(e.stdout, "Når en post er bekreftet: finder verify ID --source URL [--date ÅÅÅÅ-MM-DD] [--by NAVN] [--note TEKST]")
	}
	return 0
}

// printCallListEntry writes one record of the call list: who, how stale,
// and every way to reach them.
func printCallListEntry(w io.Writer, r staleRecord) {
	when := "aldri verifisert"
	if !r.NeverVerified {
		when = fmt.Sprintf("sist verifisert %s (%d mnd. siden)", r.LastVerified, r.Months)
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.ID, statusWord(r.Status), when, r.Name)
	var ways []string
	for _, w := range []struct{ label, v string }{{"telefon", r.Phone}, {"e-post", r.Email}, {"nett", r.URL}} {
		if w.v != "" {
			ways = append(ways, w.label+" "+w.v)
		}
	}
	if len(ways) == 0 {
		ways = append(ways, "ingen kontaktvei i posten; se kilden "+r.Source)
	}
	fmt.Fprintf(w, "\t%s\n", strings.Join(ways, " · "))
}

// stale is the call list (validate.Stale).
var stale = validate.Stale

func statusWord(s string) string {
	if w, ok := statusToCSV[s]; ok {
		return w
	}
	return s
}
