package validate

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// Look-alike domains in plain ASCII: "selvhjeIp.no" (a capital I for the
// l), "linkosl0.no" (a zero), "rnentalhelse.no" (r+n for m). Each reads as
// a domain the dataset already uses. The validator cannot know which of two
// is real, so it warns where the rarer one is used and names the other.

// confusableFolds map characters that look alike to one of them, after
// lower-casing (which already makes a capital I an i): I/l/1 and O/0. The
// pair "rn" reads as "m" and is folded first.
var confusableFolds = strings.NewReplacer("i", "l", "1", "l", "|", "l", "0", "o")

// skeleton is what a domain looks like to a reader.
func skeleton(domain string) string {
	return confusableFolds.Replace(strings.ReplaceAll(domain, "rn", "m"))
}

// domainUse is one field of the dataset that names a domain.
type domainUse struct {
	file, rec, field string
	domain           string // lower case, without "www."
	shown            string // as written
}

// confusableDomains warns about every use of a domain that looks like
// another domain of the dataset used at least as often.
func (c *checker) confusableDomains(d *dataset.Dataset) {
	uses := domainUses(d)
	count := map[string]int{}
	bySkeleton := map[string][]string{}
	for _, u := range uses {
		if count[u.domain] == 0 {
			k := skeleton(u.domain)
			bySkeleton[k] = append(bySkeleton[k], u.domain)
		}
		count[u.domain]++
	}
	for _, u := range uses {
		for _, other := range bySkeleton[skeleton(u.domain)] {
			if other != u.domain && count[other] >= count[u.domain] {
				c.warn(u.file, u.rec, u.field, "domenet %q ligner %q (brukt %d ganger i datasettet), men skiller seg med tegn som kan forveksles (I/l/1, O/0, rn/m): er det en etterligning?", u.shown, other, count[other])
				break
			}
		}
	}
}

// domainUses lists the domains of contact points, crisis lines, topics and
// data sources: links, e-mail addresses and cited pages.
func domainUses(d *dataset.Dataset) []domainUse {
	var out []domainUse
	addURL := func(file, rec, field, s string) {
		if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
			out = append(out, newUse(file, rec, field, u.Hostname()))
		}
	}
	addSources := func(file, rec string, ss []dataset.SourceRef) {
		for i, s := range ss {
			addURL(file, rec, fmt.Sprintf("sources[%d].url", i), s.URL)
		}
	}
	for _, p := range d.ContactPoints {
		addURL(dataset.ContactPointsFile, p.ID, "url", p.URL)
		if at := strings.LastIndexByte(p.Email, '@'); at >= 0 {
			out = append(out, newUse(dataset.ContactPointsFile, p.ID, "email", p.Email[at+1:]))
		}
		addSources(dataset.ContactPointsFile, p.ID, p.Sources)
	}
	for _, l := range d.CrisisLines {
		addURL(dataset.CrisisLinesFile, l.ID, "url", l.URL)
		addSources(dataset.CrisisLinesFile, l.ID, l.Sources)
	}
	for _, t := range d.Topics {
		addSources(dataset.TopicsFile, t.ID, t.Sources)
	}
	for _, s := range d.Sources {
		addURL(dataset.SourcesFile, s.ID, "url", s.URL)
	}
	return out
}

func newUse(file, rec, field, host string) domainUse {
	return domainUse{file: file, rec: rec, field: field, shown: host,
		domain: strings.TrimPrefix(strings.ToLower(host), "www.")}
}
