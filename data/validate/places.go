package validate

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/selvhjelp/finder/data/dataset"
)

var (
	regionKinds   = map[string]bool{dataset.RegionLandsdel: true, dataset.RegionFormerCounty: true, dataset.RegionDistrict: true, dataset.RegionEconomicRegion: true}
	districtKinds = map[string]bool{dataset.DistrictBorough: true, dataset.DistrictNeighbourhood: true, dataset.DistrictTown: true}
	// A crisis number as people dial it: a short number (113), a European
	// harmonised 116 xxx number, or eight digits in groups of two or three
	// with single spaces (22 40 00 40, 800 33 321); crisisNumber counts them.
	crisisNumberRe = regexp.MustCompile(`^(1[0-9]{2}|116 [0-9]{3}|[0-9]{2,3}( [0-9]{2,3}){2,3})$`)
	// sourceRe is a web page or a pinned file of a repository
	// ("github:owner/repo path@commit"): where a region's members come from.
	sourceRe = regexp.MustCompile(`^github:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+ .+@[0-9a-f]{40}$`)
)

// sourceText checks a record's single source: a web address or a pinned
// repository file.
func (c *checker) sourceText(f, rec, s string) {
	if strings.HasPrefix(s, "github:") {
		if !sourceRe.MatchString(s) {
			c.add(f, rec, "source", "%q: skriv github:eier/repo sti@commit (40 heksadesimale tegn)", s)
		}
		return
	}
	if msg := CheckURL(s, false); msg != "" {
		c.add(f, rec, "source", "%s", msg)
	}
}

func (c *checker) regionsFile(rs []dataset.Region) {
	f := dataset.RegionsFile
	for i, r := range rs {
		rec := recordID(r.Name, i)
		c.text(f, rec, "name", r.Name, true)
		for j, a := range r.AltNames {
			c.text(f, rec, fmt.Sprintf("alt_names[%d]", j), a, true)
		}
		if !regionKinds[r.Kind] {
			c.add(f, rec, "kind", "ukjent regiontype %q", r.Kind)
		}
		if len(r.Municipalities) == 0 {
			c.add(f, rec, "municipalities", "mangler (minst én kommune)")
		}
		seen := map[string]bool{}
		for j, m := range r.Municipalities {
			field := fmt.Sprintf("municipalities[%d]", j)
			c.municipalityRef(f, rec, field, m, false)
			if seen[m] {
				c.add(f, rec, field, "%s står to ganger", m)
			}
			seen[m] = true
		}
		c.sourceText(f, rec, r.Source)
		c.text(f, rec, "note", r.Note, false)
	}
}

func (c *checker) districtsFile(ds []dataset.District) {
	f := dataset.DistrictsFile
	for i, d := range ds {
		rec := recordID(d.Name, i)
		c.text(f, rec, "name", d.Name, true)
		for j, a := range d.AltNames {
			c.text(f, rec, fmt.Sprintf("alt_names[%d]", j), a, true)
		}
		if !districtKinds[d.Kind] {
			c.add(f, rec, "kind", "ukjent type %q (borough, neighbourhood, town)", d.Kind)
		}
		c.municipalityRef(f, rec, "municipality", d.Municipality, false)
		if d.HasPoint() {
			c.point(f, rec, d.Lat, d.Lon, false)
		}
		c.sourceText(f, rec, d.Source)
		c.text(f, rec, "note", d.Note, false)
	}
}

func (c *checker) crisisLinesFile(ls []dataset.CrisisLine) {
	f := dataset.CrisisLinesFile
	if len(ls) == 0 && !c.broken[f] {
		c.add(f, "", "", "ingen krisetelefoner: finneren skal alltid kunne vise 113 og Hjelpetelefonen")
	}
	uniq := c.unique(f, "id")
	for i, l := range ls {
		rec := recordID(l.ID, i)
		c.id(f, rec, l.ID, uniq)
		c.text(f, rec, "name", l.Name, true)
		if l.Number == "" && l.URL == "" {
			c.add(f, rec, "number", "mangler: en krisetelefon trenger et nummer eller en nettadresse")
		}
		if l.Number != "" {
			c.crisisNumber(f, rec, l.Number)
		}
		if l.URL != "" {
			if msg := CheckURL(l.URL, true); msg != "" {
				c.add(f, rec, "url", "%s", msg)
			}
		}
		c.text(f, rec, "for", l.For, true)
		c.text(f, rec, "hours", l.Hours, false)
		c.text(f, rec, "note", l.Note, false)
		if l.Order <= 0 {
			c.add(f, rec, "order", "skal være et positivt tall (visningsrekkefølge)")
		}
		c.sourceRefs(f, rec, l.Sources)
	}
}

// crisisNumber checks a crisis line's number: digits people can dial, in
// the form they dial them, and not a premium-rate number.
func (c *checker) crisisNumber(f, rec, n string) {
	digits := phoneDigits(n)
	switch {
	case strings.IndexFunc(n, unicode.IsDigit) < 0:
		c.add(f, rec, "number", "%q har ingen sifre: et krisenummer må kunne tastes (113, 116 123, 22 40 00 40)", n)
	case !crisisNumberRe.MatchString(n) || (len(digits) > 6 && len(digits) != norwegianNumberDigits):
		c.add(f, rec, "number", "%q er ikke et nummer slik folk taster det (113, 116 123, 22 40 00 40)", n)
	case premiumRate(digits):
		c.add(f, rec, "number", "%s", premiumRateMessage(n))
	}
}
