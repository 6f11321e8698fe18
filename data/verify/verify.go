// Package verify records that a contact point was confirmed: by a maintainer
// (finder verify, the console) or by the contact point itself (the console's
// confirmation link). Both write the same thing: a source with the date, a
// newer last_verified, and the status when it is confirmed.
package verify

import (
	"fmt"
	"strings"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/validate"
)

// DateLayout is the one date form a confirmation takes.
const DateLayout = "2006-01-02"

// Verification is what was confirmed about one record.
type Verification struct {
	Source string    // the public page or channel that confirms it (a web address)
	By     string    // a role or organisation, never a private person's name
	Note   string    // what was confirmed, short
	Status string    // the new status, or "" to keep it
	Date   time.Time // when it was confirmed
}

// Error is a refused verification: which of its fields, and why.
type Error struct{ Field, Message string }

func (e *Error) Error() string { return e.Field + ": " + e.Message }

// Apply records v on c: the source is appended, last_verified becomes the
// date (never moved back), and the status is set when v gives one. It
// refuses a future date, a source that is no web address and an unknown
// status, and then leaves c as it was.
func Apply(c *dataset.ContactPoint, v Verification, now time.Time) error {
	day, today := v.Date.Format(DateLayout), now.Format(DateLayout)
	if day > today {
		return &Error{"date", fmt.Sprintf("%s ligger i fremtiden (i dag er %s)", day, today)}
	}
	if msg := validate.CheckURL(v.Source, false); msg != "" {
		return &Error{"source", msg}
	}
	switch v.Status {
	case "", dataset.StatusActive, dataset.StatusClosed, dataset.StatusUnknown:
	default:
		return &Error{"status", fmt.Sprintf("%q: bruk active, closed eller unknown", v.Status)}
	}
	facts := "Bekreftet"
	if v.By != "" {
		facts += " av " + v.By
	}
	if note := strings.TrimSpace(v.Note); note != "" {
		facts += ": " + note
	}
	c.Sources = append(c.Sources, dataset.SourceRef{URL: v.Source, PageDate: day, Facts: facts})
	if Newer(day, c.LastVerified) {
		c.LastVerified = day
	}
	if v.Status != "" {
		c.Status = v.Status
	}
	return nil
}

// Newer reports whether day (ÅÅÅÅ-MM-DD) is later than the period a partial
// date such as "2023" or "2019-11" covers, or than no date at all.
func Newer(day, last string) bool {
	if last == "" {
		return true
	}
	_, end, err := validate.ParseDate(last)
	return err != nil || day > end.Format(DateLayout)
}
