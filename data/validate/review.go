package validate

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// A change that sends people somewhere else needs a second pair of eyes:
// another domain for a link or an e-mail address, another phone number,
// another crisis number. A fake differs from the truth in exactly these
// values, and it validates. Review and `finder diff` flag each such change
// as needing a second review (a warning: a person, not the validator, tells
// a correction from a fake). Both use ReviewReason, so they agree.

// SecondReview is how a flagged change is named, in validate and in finder diff.
const SecondReview = "trenger en ny gjennomgang (en annen person sjekker mot kilden)"

// reviewed lists the fields whose changes need a second review, by file,
// and how a value is compared: its domain, or its digits.
var reviewed = map[string]map[string]func(string) string{
	dataset.ContactPointsFile: {"url": urlDomain, "email": mailDomain, "phone": dialled},
	dataset.CrisisLinesFile:   {"url": urlDomain, "number": dialled},
}

// ReviewedFields returns the fields of file whose changes ReviewReason judges.
func ReviewedFields(file string) []string {
	var out []string
	for _, f := range []string{"url", "email", "phone", "number"} {
		if _, ok := reviewed[file][f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// ReviewReason says why a change of field in file from old to new needs a
// second review ("" when it does not): a new or changed domain or number.
// A removed value needs none, except a crisis number.
func ReviewReason(file, field, old, new string) string {
	key, ok := reviewed[file][field]
	if !ok || old == new {
		return ""
	}
	a, b := key(old), key(new)
	switch {
	case new == "" && file == dataset.CrisisLinesFile && field == "number":
		return fmt.Sprintf("krisenummeret %s er fjernet", old)
	case new == "", a == b:
		return ""
	case old == "":
		return fmt.Sprintf("nytt %s: %s", what(field), b)
	}
	return fmt.Sprintf("%s endret: %s → %s", what(field), a, b)
}

// what names a reviewed field's compared value for people.
func what(field string) string {
	switch field {
	case "url", "email":
		return "domene"
	case "number":
		return "krisenummer"
	}
	return "telefonnummer"
}

// urlDomain is a web address's host in lower case without "www.".
func urlDomain(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" {
		return s
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// mailDomain is an e-mail address's domain in lower case.
func mailDomain(s string) string { return emailDomain(s) }

// dialled is what a caller dials: the digits, without spaces or +47.
func dialled(s string) string { return phoneDigits(s) }

// Review compares a dataset with the one before it (the published or the
// committed version) and returns a warning for every change that needs a
// second review: contact points' and crisis lines' links, e-mail domains
// and numbers, new records included, and every crisis line removed.
func Review(prev, next *dataset.Dataset) []Problem {
	c := &checker{}
	old := map[string]dataset.ContactPoint{}
	for _, p := range prev.ContactPoints {
		old[p.ID] = p
	}
	for _, p := range next.ContactPoints {
		o := old[p.ID]
		c.review(dataset.ContactPointsFile, p.ID, map[string][2]string{
			"url": {o.URL, p.URL}, "email": {o.Email, p.Email}, "phone": {o.Phone, p.Phone}})
	}
	lines := map[string]dataset.CrisisLine{}
	for _, l := range next.CrisisLines {
		lines[l.ID] = l
	}
	oldLines := map[string]bool{}
	for _, o := range prev.CrisisLines {
		oldLines[o.ID] = true
		l, kept := lines[o.ID]
		if !kept {
			c.warn(dataset.CrisisLinesFile, o.ID, "", "krisetelefonen %q er fjernet: %s", o.Name, SecondReview)
			continue
		}
		c.review(dataset.CrisisLinesFile, l.ID, map[string][2]string{"url": {o.URL, l.URL}, "number": {o.Number, l.Number}})
	}
	for _, l := range next.CrisisLines {
		if !oldLines[l.ID] {
			c.review(dataset.CrisisLinesFile, l.ID, map[string][2]string{"url": {"", l.URL}, "number": {"", l.Number}})
		}
	}
	return c.ps
}

// review warns about each reviewed field of one record whose value changed
// (old, new), in ReviewedFields order.
func (c *checker) review(file, rec string, values map[string][2]string) {
	for _, field := range ReviewedFields(file) {
		v := values[field]
		if why := ReviewReason(file, field, v[0], v[1]); why != "" {
			c.warn(file, rec, field, "%s: %s", why, SecondReview)
		}
	}
}
