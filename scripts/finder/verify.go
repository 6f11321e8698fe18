package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
	"github.com/selvhjelp/finder/data/verify"
)

// dateLayout is the one date form verify accepts.
const dateLayout = verify.DateLayout

// verification is what a maintainer confirmed about one record.
type verification struct {
	id, source, by, note, status string
	date                         time.Time
}

func runVerify(e env, args []string) int {
	fs := newFlags(e, "verify", "ID --source URL [--date ÅÅÅÅ-MM-DD] [--by NAVN] [--note TEKST] [--status active|closed|unknown] [--data DIR]")
	dir := fs.String("data", "data", "mappen med datasettet")
	source := fs.String("source", "", "siden eller kilden som bekrefter posten (påkrevd)")
	date := fs.String("date", "", "datoen det ble bekreftet (standard: i dag)")
	by := fs.String("by", "", "hvem som bekreftet: en rolle eller organisasjon, ikke et privat navn (datasettet er offentlig)")
	note := fs.String("note", "", "hva som ble bekreftet, kort")
	status := fs.String("status", "", "ny status når kilden viser den: active, closed eller unknown")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 1 || *source == "" {
		fs.Usage()
		return 2
	}
	v := verification{id: rest[0], source: *source, by: *by, note: *note, status: *status, date: e.now()}
	if *date != "" {
		if v.date, err = time.Parse(dateLayout, *date); err != nil {
			fmt.Fprintf(e.stderr, "finder verify: --date %q: skriv datoen som ÅÅÅÅ-MM-DD\n", *date)
			return 2
		}
	}
	d, err := store.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "finder verify: %v\nKjør «finder validate --data %s» for å se alle feil.\n", err, *dir)
		return 1
	}
	c, err := applyVerification(d, v, e.now())
	if err != nil {
		fmt.Fprintln(e.stderr, "finder verify:", err)
		return 1
	}
	if probs := errorsOnly(validate.DatasetAt(d, e.now())); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintf(e.stderr, "finder verify: %d feil; ingenting er endret.\n", len(probs))
		return 1
	}
	if err := store.WriteFiles(d, *dir, []string{dataset.ContactPointsFile}); err != nil {
		fmt.Fprintln(e.stderr, "finder verify:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "%s (%s): sist verifisert %s, status %s, kilde %s lagt til.\n",
		c.ID, c.Name, c.LastVerified, statusWord(c.Status), v.source)
	return 0
}

// applyVerification records v on its contact point in d (verify.Apply),
// refusing an unknown id.
func applyVerification(d *dataset.Dataset, v verification, now time.Time) (*dataset.ContactPoint, error) {
	i := slices.IndexFunc(d.ContactPoints, func(c dataset.ContactPoint) bool { return c.ID == v.id })
	if i < 0 {
		return nil, fmt.Errorf("ukjent id %q%s", v.id, closeIDs(d, v.id))
	}
	c := &d.ContactPoints[i]
	err := verify.Apply(c, verify.Verification{Source: v.source, By: v.by, Note: v.note, Status: v.status, Date: v.date}, now)
	var bad *verify.Error
	if errors.As(err, &bad) {
		return nil, fmt.Errorf("--%s %s", bad.Field, bad.Message)
	}
	return c, err
}

// closeIDs suggests ids that contain what was typed, for a mistyped id.
func closeIDs(d *dataset.Dataset, id string) string {
	var near []string
	for _, c := range d.ContactPoints {
		for _, part := range strings.Split(id, "-") {
			if len(part) >= 3 && strings.Contains(c.ID, part) {
				near = append(near, c.ID)
				break
			}
		}
	}
	if len(near) == 0 {
		return "; «finder stale --closed» lister alle"
	}
	if len(near) > 5 {
		near = near[:5]
	}
	return "; mente du " + strings.Join(near, ", ") + "?"
}

// errorsOnly keeps the problems that stop a write.
func errorsOnly(ps []validate.Problem) []validate.Problem {
	var out []validate.Problem
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}
