package validate

import (
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
)

// Limits of the practical facts: a card shows them on one line of a phone.
const (
	MaxNoticeRunes = 200 // a short temporary notice, not an article
	MaxMinAge      = 99
)

var (
	clockRe     = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	languageTag = regexp.MustCompile(`^[a-z]{2,3}$`)
	attendances = []string{dataset.AttendanceOnline, dataset.AttendanceInPerson, dataset.AttendanceBoth}
)

// practical checks what a person needs to know before going: free texts
// as every text, meeting times as weekday and HH:MM, a known attendance,
// a plausible age, language tags and a dated notice.
func (c *checker) practical(f, rec string, p dataset.ContactPoint) {
	for _, t := range []struct{ field, s string }{
		{"schedule", p.Schedule}, {"age_note", p.AgeNote}, {"cost", p.Cost}, {"how_to_join", p.HowToJoin},
		{"accessibility", p.Accessibility}, {"notice", p.Notice},
	} {
		c.text(f, rec, t.field, t.s, false)
	}
	for j, m := range p.Meetings {
		c.meeting(f, rec, fmt.Sprintf("meetings[%d]", j), m)
	}
	if p.Attendance != "" && !slices.Contains(attendances, p.Attendance) {
		c.add(f, rec, "attendance", "ukjent verdi %q (online, in_person eller both)", p.Attendance)
	}
	if p.MinAge < 0 || p.MinAge > MaxMinAge {
		c.add(f, rec, "min_age", "%d er ingen aldersgrense (0–%d år)", p.MinAge, MaxMinAge)
	}
	seen := map[string]bool{}
	for j, l := range p.Languages {
		field := fmt.Sprintf("languages[%d]", j)
		switch {
		case !languageTag.MatchString(l):
			c.add(f, rec, field, "%q er ikke en språkkode (to eller tre små bokstaver, som nb, en, se)", l)
		case seen[l]:
			c.add(f, rec, field, "%s står to ganger", l)
		}
		seen[l] = true
	}
	if n := utf8.RuneCountInString(p.Notice); n > MaxNoticeRunes {
		c.add(f, rec, "notice", "er %d tegn lang; en kunngjøring er kort (høyst %d)", n, MaxNoticeRunes)
	}
	switch {
	case p.NoticeUntil != "" && p.Notice == "":
		c.add(f, rec, "notice_until", "en dato uten kunngjøring i notice")
	case p.NoticeUntil != "":
		if _, _, err := ParseDate(p.NoticeUntil); err != nil || len(p.NoticeUntil) != len("2006-01-02") {
			c.add(f, rec, "notice_until", "%q er ingen dato (ÅÅÅÅ-MM-DD)", p.NoticeUntil)
		}
	}
	if p.Free && p.Cost == "" {
		c.add(f, rec, "free", "gratis uten kilde: skriv kildens ord i cost")
	}
}

// meeting checks one meeting time: a known weekday, clock times, the end
// after the start.
func (c *checker) meeting(f, rec, field string, m dataset.Meeting) {
	if !slices.Contains(dataset.Weekdays(), m.Weekday) {
		c.add(f, rec, field+".weekday", "ukjent ukedag %q (monday … sunday)", m.Weekday)
	}
	for _, t := range []struct{ field, s string }{{"start", m.Start}, {"end", m.End}} {
		if t.s != "" && !clockRe.MatchString(t.s) {
			c.add(f, rec, field+"."+t.field, "%q er ikke et klokkeslett (TT:MM, som 18:30)", t.s)
		}
	}
	switch {
	case m.End != "" && m.Start == "":
		c.add(f, rec, field+".end", "slutt uten start")
	case m.End != "" && m.End <= m.Start:
		c.add(f, rec, field+".end", "%s er ikke etter start %s", m.End, m.Start)
	}
}
