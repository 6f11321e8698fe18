package validate

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// CheckPhone returns "" for a Norwegian phone number (8 digits, optionally
// after +47, spaces allowed), or what is wrong with it.
func CheckPhone(s string) string {
	digits := phoneDigits(s)
	switch {
	case len(digits) != norwegianNumberDigits || strings.Trim(digits, "0123456789") != "":
		return fmt.Sprintf("%q er ikke et norsk telefonnummer (8 sifre, eventuelt med +47 foran)", s)
	case premiumRate(digits):
		return premiumRateMessage(s)
	}
	return ""
}

// CheckURL returns "" for an absolute web address, or what is wrong with
// it. httpsOnly rejects http (links offered to people must be https).
func CheckURL(s string, httpsOnly bool) string {
	if s == "" {
		return "mangler (påkrevd felt)"
	}
	if strings.ContainsAny(s, " \t\r\n<>\"") {
		return fmt.Sprintf("%q er ikke en gyldig nettadresse (mellomrom eller ulovlige tegn)", s)
	}
	u, err := url.Parse(s)
	if err == nil && u.Host != "" && ipHost(u.Hostname()) {
		return ipHostMessage(s, u.Hostname())
	}
	if err != nil || u.Host == "" || !strings.Contains(u.Hostname(), ".") {
		return fmt.Sprintf("%q er ikke en fullstendig nettadresse", s)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && !httpsOnly:
	case u.Scheme == "http":
		return fmt.Sprintf("%q må bruke https", s)
	default:
		return fmt.Sprintf("%q må begynne med https://", s)
	}
	return checkHost(s, u, httpsOnly)
}

// checkHost refuses addresses that show people another site than they
// lead to: a user name before the host ("https://www.selvhjelp.no@evil.example/"),
// a host in non-ASCII letters (a Cyrillic "е" looks like a Latin "e"), and,
// for links offered to citizens, a punycode host (xn--), which browsers
// display in those letters. A cited source may keep its punycode host: it
// names where a fact was read, it is not a link to click.
func checkHost(s string, u *url.URL, offered bool) string {
	host := u.Hostname()
	switch {
	case u.User != nil:
		return fmt.Sprintf("%q har et brukernavn foran vertsnavnet (@); lenken ville vist én side og åpnet en annen", s)
	case strings.IndexFunc(host, func(r rune) bool { return r > unicode.MaxASCII }) >= 0:
		return fmt.Sprintf("%q har bokstaver utenfor ASCII i vertsnavnet, som kan forveksles; skriv vertsnavnet med xn---form i en kilde, og bruk en ASCII-adresse som lenke", s)
	case offered && (strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--")):
		return fmt.Sprintf("%q: vertsnavnet vises med andre bokstaver enn det er skrevet med (xn--); bruk en ASCII-adresse som lenke", s)
	}
	return ""
}

// ParseDate reads a date at the precision a source gives: "2017-02-03",
// "2019-11" or "2023". It returns the first and last day of that period.
func ParseDate(s string) (start, end time.Time, err error) {
	for _, layout := range []struct {
		format string
		years  int
		months int
		days   int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if len(s) != len(layout.format) {
			continue
		}
		t, perr := time.Parse(layout.format, s)
		if perr != nil {
			break
		}
		return t, t.AddDate(layout.years, layout.months, layout.days).Add(-time.Nanosecond), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("%q er ikke en dato (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)", s)
}

// Bounding boxes of Norway: the mainland with its islands, Svalbard and
// Jan Mayen. Deliberately generous; they catch swapped or mistyped
// coordinates, not points a little off the coast.
var regions = []struct {
	name           string
	minLat, maxLat float64
	minLon, maxLon float64
}{
	{"fastlandet", 57.7, 71.5, 4.0, 31.5},
	{"Svalbard", 74.0, 81.0, 10.0, 35.0},
	{"Jan Mayen", 70.7, 71.2, -9.2, -7.8},
}

// InNorway reports whether a point lies within Norway's bounds.
func InNorway(lat, lon float64) bool {
	for _, r := range regions {
		if lat >= r.minLat && lat <= r.maxLat && lon >= r.minLon && lon <= r.maxLon {
			return true
		}
	}
	return false
}

func (c *checker) point(f, rec string, lat, lon float64, required bool) {
	if lat == 0 && lon == 0 {
		if required {
			c.add(f, rec, "lat", "koordinater mangler (påkrevd)")
		}
		return
	}
	if !InNorway(lat, lon) {
		field := "lat"
		if lat >= 57.7 && lat <= 81 {
			field = "lon"
		}
		c.add(f, rec, field, "punktet (%g, %g) ligger utenfor Norge (fastlandet, Svalbard og Jan Mayen)", lat, lon)
	}
}
