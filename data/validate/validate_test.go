package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// fixture is a small valid dataset of real records; the problem classes are
// tested on it, the shipped data only for being valid.
const fixture = "../testdata/small"

func small(t *testing.T) *dataset.Dataset {
	t.Helper()
	d, err := store.LoadDir(fixture)
	require.NoError(t, err)
	return d
}

func cp(d *dataset.Dataset, id string) *dataset.ContactPoint {
	for i := range d.ContactPoints {
		if d.ContactPoints[i].ID == id {
			return &d.ContactPoints[i]
		}
	}
	panic("no contact point " + id)
}

// writeDir writes d as make data would: the files and their manifest.
func writeDir(t *testing.T, d *dataset.Dataset, dir string) {
	t.Helper()
	require.NoError(t, store.WriteDir(d, dir))
	require.NoError(t, store.WriteManifest(d, dir))
}

func TestShippedDataHasNoErrors(t *testing.T) {
	for _, p := range validate.FSAt(data.FS, now) {
		assert.True(t, p.Warning, "unexpected error: %s", p)
	}
}

func TestFixtureIsValid(t *testing.T) {
	for _, p := range validate.DirAt(fixture, now) {
		assert.True(t, p.Warning, "unexpected error: %s", p)
	}
}

// d0topic is the first topic of the fixture.
const d0topic = "paa-tvers"

// One broken dataset per problem class: each must be reported with its
// file, record and field.
func TestEveryProblemClass(t *testing.T) {
	tests := []struct {
		name    string
		break_  func(d *dataset.Dataset)
		file    string
		record  string
		field   string
		message string // a part of the message
		warning bool
	}{
		{"duplicate id", func(d *dataset.Dataset) {
			d.ContactPoints = append(d.ContactPoints, *cp(d, "link-oslo"))
		}, dataset.ContactPointsFile, "link-oslo", "id", "duplikat", false},
		{"malformed id", func(d *dataset.Dataset) { cp(d, "link-oslo").ID = "LINK Oslo" },
			dataset.ContactPointsFile, "LINK Oslo", "id", "små bokstaver", false},
		{"duplicate postcode", func(d *dataset.Dataset) { d.Postcodes = append(d.Postcodes, d.Postcodes[0]) },
			dataset.PostcodesFile, "0184", "code", "duplikat", false},
		{"unknown municipality", func(d *dataset.Dataset) { cp(d, "link-tromso").Municipality = "1902" },
			dataset.ContactPointsFile, "link-tromso", "municipality", "finnes ikke", false},
		{"unknown municipality in serves", func(d *dataset.Dataset) { cp(d, "link-bergen-og-omegn").Serves[0] = "1201" },
			dataset.ContactPointsFile, "link-bergen-og-omegn", "serves[0]", "finnes ikke", false},
		{"unknown successor", func(d *dataset.Dataset) { d.FormerMunicipalities[0].Successors[0] = "0000" },
			dataset.FormerMunicipalitiesFile, "2019/1201", "successors[0]", "finnes ikke", false},
		{"postcode of another municipality", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Postcode = "5003" },
			dataset.ContactPointsFile, "selvhjelp-norge", "postcode", "ligger i kommune 4601", false},
		{"postcode pointing nowhere", func(d *dataset.Dataset) { d.Postcodes[0].Municipality = "0399" },
			dataset.PostcodesFile, "0184", "municipality", "finnes ikke", false},
		{"unknown postcode", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Postcode = "0002" },
			dataset.ContactPointsFile, "selvhjelp-norge", "postcode", "finnes ikke", false},
		{"phone", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "23 33 19" },
			dataset.ContactPointsFile, "selvhjelp-norge", "phone", "8 sifre", false},
		{"email", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Email = "post@selvhjelp" },
			dataset.ContactPointsFile, "selvhjelp-norge", "email", "e-postadresse", false},
		{"http url", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "http://linkoslo.no" },
			dataset.ContactPointsFile, "link-oslo", "url", "https", false},
		{"broken source url", func(d *dataset.Dataset) { cp(d, "link-oslo").Sources[1].URL = "linkoslo.no/om" },
			dataset.ContactPointsFile, "link-oslo", "sources[1].url", "nettadresse", false},
		{"coordinates outside Norway", func(d *dataset.Dataset) { d.Municipalities[0].Lon = -10.78 },
			dataset.MunicipalitiesFile, "0301", "lon", "utenfor Norge", false},
		{"postcode coordinates outside Norway", func(d *dataset.Dataset) { d.Postcodes[0].Lat = 51.5 },
			dataset.PostcodesFile, "0184", "lat", "utenfor Norge", false},
		{"markup", func(d *dataset.Dataset) { cp(d, "link-oslo").Name = "LINK <b>Oslo</b>" },
			dataset.ContactPointsFile, "link-oslo", "name", "markup", false},
		{"html entity", func(d *dataset.Dataset) { d.Topics[0].Synonyms[0] = "r&oslash;d" },
			dataset.TopicsFile, "paa-tvers", "synonyms[0]", "markup", false},
		{"control character", func(d *dataset.Dataset) { cp(d, "link-oslo").Note = "linje 1\nlinje 2" },
			dataset.ContactPointsFile, "link-oslo", "note", "kontrolltegn", false},
		{"unknown topic", func(d *dataset.Dataset) { cp(d, "link-oslo").Topics = []string{"angst", "utbrenthet"} },
			dataset.ContactPointsFile, "link-oslo", "topics[1]", "finnes ikke", false},
		{"future date", func(d *dataset.Dataset) { cp(d, "link-oslo").LastVerified = "2027-01" },
			dataset.ContactPointsFile, "link-oslo", "last_verified", "fremtiden", false},
		{"unparseable date", func(d *dataset.Dataset) { cp(d, "link-oslo").LastVerified = "3. februar 2017" },
			dataset.ContactPointsFile, "link-oslo", "last_verified", "ikke en dato", false},
		{"required field missing", func(d *dataset.Dataset) { cp(d, "link-oslo").Name = "" },
			dataset.ContactPointsFile, "link-oslo", "name", "mangler", false},
		{"required sources missing", func(d *dataset.Dataset) { cp(d, "link-oslo").Sources = nil },
			dataset.ContactPointsFile, "link-oslo", "sources", "mangler", false},
		{"unknown status", func(d *dataset.Dataset) { cp(d, "link-oslo").Status = "open" },
			dataset.ContactPointsFile, "link-oslo", "status", "ukjent status", false},
		{"unknown kind", func(d *dataset.Dataset) { cp(d, "link-oslo").Kind = "senter" },
			dataset.ContactPointsFile, "link-oslo", "kind", "ukjent type", false},
		{"unknown language", func(d *dataset.Dataset) { d.Counties[0].Names[0].Language = "no" },
			dataset.CountiesFile, "03", "names[0].language", "språkkode", false},
		{"bidi override", func(d *dataset.Dataset) { cp(d, "link-oslo").Name = "LINK \u202eolsO" },
			dataset.ContactPointsFile, "link-oslo", "name", "usynlig styringstegn", false},
		{"zero-width character", func(d *dataset.Dataset) { cp(d, "link-oslo").Phone = ""; cp(d, "link-oslo").Note = "ring\u200boss" },
			dataset.ContactPointsFile, "link-oslo", "note", "nullbredde", false},
		{"unclosed tag", func(d *dataset.Dataset) { cp(d, "link-oslo").Note = `Se <img src=x onerror=alert(1)` },
			dataset.ContactPointsFile, "link-oslo", "note", "markup", false},
		{"too long", func(d *dataset.Dataset) { cp(d, "link-oslo").Note = strings.Repeat("lang tekst ", 500) + "slutt" },
			dataset.ContactPointsFile, "link-oslo", "note", "høyst 2000", false},
		{"user name before the host", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://www.selvhjelp.no@evil.example/" },
			dataset.ContactPointsFile, "link-oslo", "url", "brukernavn", false},
		{"look-alike host", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://www.s\u0435lvhjelp.no/" },
			dataset.ContactPointsFile, "link-oslo", "url", "utenfor ASCII", false},
		{"punycode link for citizens", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://www.xn--slvhjelp-k8g.no/" },
			dataset.ContactPointsFile, "link-oslo", "url", "xn--", false},
		{"topic display name language", func(d *dataset.Dataset) { d.Topics[0].Names = []dataset.Name{{Name: "Angst", Language: "de"}} },
			dataset.TopicsFile, d0topic, "names[0].language", "ukjent språk", false},
		{"topic display name twice", func(d *dataset.Dataset) {
			d.Topics[0].Names = []dataset.Name{{Name: "a", Language: "en"}, {Name: "b", Language: "en"}}
		}, dataset.TopicsFile, d0topic, "names[1].language", "to ganger", false},
		{"citizen note language", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "se", Text: "Teaksta"}}
		},
			dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].language", "ukjent språk", false},
		{"citizen note in bokmål", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "nb", Text: "Tekst"}}
		},
			dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].language", "bokmål står i citizen_note", false},
		{"citizen note language twice", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "en", Text: "a"}, {Language: "nn", Text: "b"}, {Language: "en", Text: "c"}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes[2].language", "to ganger", false},
		{"citizen note text missing", func(d *dataset.Dataset) { cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "en"}} },
			dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "mangler", false},
		{"citizen note markup", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "en", Text: `Call <a href="x">us</a>`}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "markup", false},
		{"citizen note bidi override", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "nn", Text: "Ring \u202eoss"}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "usynlig styringstegn", false},
		{"citizen note zero-width character", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "nn", Text: "ring\u200boss"}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "nullbredde", false},
		{"citizen note line break", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "en", Text: "one\ntwo"}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "kontrolltegn", false},
		{"citizen note too long", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "en", Text: strings.Repeat("long text ", 250) + "end"}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "høyst 2000", false},
		{"citizen note spaces", func(d *dataset.Dataset) {
			cp(d, "link-oslo").CitizenNotes = []dataset.Text{{Language: "en", Text: "text "}}
		},
			dataset.ContactPointsFile, "link-oslo", "citizen_notes[0].text", "mellomrom", false},
		{"citizen notes without the bokmål note", func(d *dataset.Dataset) {
			p := cp(d, "link-oslo")
			p.CitizenNote, p.CitizenNotes = "", []dataset.Text{{Language: "en", Text: "text"}}
		}, dataset.ContactPointsFile, "link-oslo", "citizen_notes", "uten citizen_note", false},
		{"region member unknown", func(d *dataset.Dataset) { d.Regions[0].Municipalities[0] = "1201" },
			dataset.RegionsFile, "Midhordland", "municipalities[0]", "finnes ikke", false},
		{"region without members", func(d *dataset.Dataset) { d.Regions[0].Municipalities = nil },
			dataset.RegionsFile, "Midhordland", "municipalities", "mangler", false},
		{"region source unpinned", func(d *dataset.Dataset) { d.Regions[0].Source = "github:owner/repo file.csv" },
			dataset.RegionsFile, "Midhordland", "source", "commit", false},
		{"district outside Norway", func(d *dataset.Dataset) { d.Districts[0].Lat = 48.1 },
			dataset.DistrictsFile, "Sandviken", "lat", "utenfor Norge", false},
		{"district kind", func(d *dataset.Dataset) { d.Districts[0].Kind = "bydel" },
			dataset.DistrictsFile, "Sandviken", "kind", "ukjent type", false},
		{"crisis number", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "116-123" },
			dataset.CrisisLinesFile, "mental-helse-116123", "number", "slik folk taster", false},
		{"crisis line without a way to reach it", func(d *dataset.Dataset) { d.CrisisLines[0].Number, d.CrisisLines[0].URL = "", "" },
			dataset.CrisisLinesFile, "113", "number", "mangler", false},
		{"no crisis lines", func(d *dataset.Dataset) { d.CrisisLines = nil },
			dataset.CrisisLinesFile, "", "", "ingen krisetelefoner", false},
		{"crisis line without sources", func(d *dataset.Dataset) { d.CrisisLines[0].Sources = nil },
			dataset.CrisisLinesFile, "113", "sources", "mangler", false},
		{"municipality in a missing county", func(d *dataset.Dataset) { d.Municipalities[0].County = "02" },
			dataset.MunicipalitiesFile, "0301", "county", "finnes ikke", false},
		{"split without two successors", func(d *dataset.Dataset) { d.FormerMunicipalities[0].Change = "delt" },
			dataset.FormerMunicipalitiesFile, "2019/1201", "successors", "to etterfølgere", false},
		{"active without date", func(d *dataset.Dataset) { p := cp(d, "link-tromso"); p.Status = dataset.StatusActive },
			dataset.ContactPointsFile, "link-tromso", "status", "krever en dato", false},
		{"stale warning", func(d *dataset.Dataset) {},
			dataset.ContactPointsFile, "selvhjelp-norge", "last_verified", "sist verifisert 2023", true},
		{"care-of address warning", func(d *dataset.Dataset) { cp(d, "link-oslo").Address = "Storgata 1 (c/o Ola)" },
			dataset.ContactPointsFile, "link-oslo", "address", "c/o", true},
		{"care-of address in a source warning", func(d *dataset.Dataset) {
			cp(d, "link-oslo").Sources[0].Facts = "ny adresse c/o ..., Storgata 1, 0150 Oslo"
		},
			dataset.ContactPointsFile, "link-oslo", "sources[0].facts", "c/o", true},
		{"mobile number warning", func(d *dataset.Dataset) { cp(d, "link-oslo").Phone = "945 32 189" },
			dataset.ContactPointsFile, "link-oslo", "phone", "mobilnummer", true},
		{"never verified warning", func(d *dataset.Dataset) {},
			dataset.ContactPointsFile, "link-tromso", "last_verified", "aldri verifisert", true},
		// Believable fakes (issue 19).
		{"IPv4 link", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://192.0.2.10/" },
			dataset.ContactPointsFile, "link-oslo", "url", `"https://192.0.2.10/" peker til IP-adressen 192.0.2.10`, false},
		{"IPv6 link", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://[2001:db8::1]/om" },
			dataset.ContactPointsFile, "link-oslo", "url", "IP-adressen 2001:db8::1", false},
		{"numeric host browsers read as an IP", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://0x7f.1/" },
			dataset.ContactPointsFile, "link-oslo", "url", "IP-adressen 0x7f.1", false},
		{"IP in a cited source", func(d *dataset.Dataset) { cp(d, "link-oslo").Sources[2].URL = "http://198.51.100.7/om-link" },
			dataset.ContactPointsFile, "link-oslo", "sources[2].url", "IP-adressen 198.51.100.7", false},
		{"IP crisis link", func(d *dataset.Dataset) { d.CrisisLines[1].URL = "https://203.0.113.5/chat" },
			dataset.CrisisLinesFile, "mental-helse-116123", "url", "IP-adressen 203.0.113.5", false},
		{"IP e-mail", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Email = "post@192.0.2.10" },
			dataset.ContactPointsFile, "selvhjelp-norge", "email", `"post@192.0.2.10" peker til IP-adressen`, false},
		{"bracketed IP e-mail", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Email = "post@[192.0.2.10]" },
			dataset.ContactPointsFile, "selvhjelp-norge", "email", "IP-adressen [192.0.2.10]", false},
		{"premium-rate phone 820", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "820 12 345" },
			dataset.ContactPointsFile, "selvhjelp-norge", "phone", `"820 12 345" er et overtaksert nummer (82x`, false},
		{"premium-rate phone 829 with +47", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "+47 829 00 000" },
			dataset.ContactPointsFile, "selvhjelp-norge", "phone", "overtaksert", false},
		{"premium-rate phone 825", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "82512345" },
			dataset.ContactPointsFile, "selvhjelp-norge", "phone", "overtaksert", false},
		{"premium-rate crisis number", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "820 44 000" },
			dataset.CrisisLinesFile, "mental-helse-116123", "number", "overtaksert", false},
		{"crisis number of eight spaces", func(d *dataset.Dataset) { d.CrisisLines[0].Number = "        " },
			dataset.CrisisLinesFile, "113", "number", `"        " har ingen sifre`, false},
		{"crisis number of spaces and a dash", func(d *dataset.Dataset) { d.CrisisLines[0].Number = " -  " },
			dataset.CrisisLinesFile, "113", "number", "ingen sifre", false},
		{"crisis number too long", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "22 40 00 40 40" },
			dataset.CrisisLinesFile, "mental-helse-116123", "number", "slik folk taster", false},
		{"crisis number with a letter O", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "22 4O 00 40" },
			dataset.CrisisLinesFile, "mental-helse-116123", "number", "slik folk taster", false},
		{"empty contact-point list", func(d *dataset.Dataset) { d.ContactPoints = nil },
			dataset.ContactPointsFile, "", "", "ingen kontaktpunkter", false},
		{"look-alike domain with a capital I", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://www.selvhjeIp.no/" },
			dataset.ContactPointsFile, "link-oslo", "url", `domenet "www.selvhjeIp.no" ligner "selvhjelp.no"`, true},
		{"unknown kind", func(d *dataset.Dataset) { cp(d, "link-oslo").Kind = "sorggruppe_ledet" },
			dataset.ContactPointsFile, "link-oslo", "kind", `ukjent type "sorggruppe_ledet"`, false},
		{"unknown weekday", func(d *dataset.Dataset) {
			cp(d, "link-oslo").Meetings = []dataset.Meeting{{Weekday: "tirsdag"}}
		}, dataset.ContactPointsFile, "link-oslo", "meetings[0].weekday", "ukjent ukedag", false},
		{"malformed meeting time", func(d *dataset.Dataset) {
			cp(d, "link-oslo").Meetings = []dataset.Meeting{{Weekday: "tuesday", Start: "13.00"}}
		}, dataset.ContactPointsFile, "link-oslo", "meetings[0].start", "klokkeslett", false},
		{"meeting ends before it starts", func(d *dataset.Dataset) {
			cp(d, "link-oslo").Meetings = []dataset.Meeting{{Weekday: "tuesday", Start: "13:00", End: "12:00"}}
		}, dataset.ContactPointsFile, "link-oslo", "meetings[0].end", "ikke etter start", false},
		{"unknown attendance", func(d *dataset.Dataset) { cp(d, "link-oslo").Attendance = "digitalt" },
			dataset.ContactPointsFile, "link-oslo", "attendance", "ukjent verdi", false},
		{"implausible minimum age", func(d *dataset.Dataset) { cp(d, "link-oslo").MinAge = 180 },
			dataset.ContactPointsFile, "link-oslo", "min_age", "ingen aldersgrense", false},
		{"free without the source's words", func(d *dataset.Dataset) { cp(d, "link-oslo").Free = true },
			dataset.ContactPointsFile, "link-oslo", "free", "kildens ord", false},
		{"malformed language", func(d *dataset.Dataset) { cp(d, "link-oslo").Languages = []string{"Norsk"} },
			dataset.ContactPointsFile, "link-oslo", "languages[0]", "språkkode", false},
		{"markup in how to join", func(d *dataset.Dataset) { cp(d, "link-oslo").HowToJoin = "<a href=x>meld deg på</a>" },
			dataset.ContactPointsFile, "link-oslo", "how_to_join", "markup", false},
		{"long notice", func(d *dataset.Dataset) { cp(d, "link-oslo").Notice = strings.Repeat("stengt ", 40) + "i juli" },
			dataset.ContactPointsFile, "link-oslo", "notice", "kort", false},
		{"notice date", func(d *dataset.Dataset) {
			cp(d, "link-oslo").Notice, cp(d, "link-oslo").NoticeUntil = "Ingen grupper i juli", "juli"
		}, dataset.ContactPointsFile, "link-oslo", "notice_until", "ÅÅÅÅ-MM-DD", false},
		{"look-alike domain with a zero", func(d *dataset.Dataset) { cp(d, "link-tromso").URL = "https://linkosl0.no" },
			dataset.ContactPointsFile, "link-tromso", "url", `ligner "linkoslo.no"`, true},
		{"look-alike domain with a one", func(d *dataset.Dataset) { cp(d, "link-tromso").URL = "https://www.se1vhjelp.no/" },
			dataset.ContactPointsFile, "link-tromso", "url", `ligner "selvhjelp.no"`, true},
		{"look-alike e-mail domain with rn for m", func(d *dataset.Dataset) { cp(d, "norsk-selvhjelpsforum").Email = "post@norskselvhjelpsforurn.no" },
			dataset.ContactPointsFile, "norsk-selvhjelpsforum", "email", `ligner "norskselvhjelpsforum.no"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := small(t)
			tt.break_(d)
			ps := validate.DatasetAt(d, now)
			found := false
			for _, p := range ps {
				if p.File == tt.file && p.Record == tt.record && p.Field == tt.field && strings.Contains(p.Message, tt.message) {
					found = true
					assert.Equal(t, tt.warning, p.Warning, "%s", p)
					assert.True(t, strings.HasPrefix(p.String(), location(tt.file, tt.record, tt.field)), "file: record: field: what; got %s", p)
				}
			}
			assert.True(t, found, "want %s: %s: %s: …%s…; got:\n%s", tt.file, tt.record, tt.field, tt.message, render(ps))
			if !tt.warning {
				assert.Positive(t, validate.Errors(ps))
			}
		})
	}
}

// location is how a problem's report starts: "file: record: field: ".
func location(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p != "" {
			b.WriteString(p + ": ")
		}
	}
	return b.String()
}

func render(ps []validate.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// A dataset with several broken files reports every one, JSON syntax errors
// with line and column, and still checks the files that did load.
func TestDirReportsEverything(t *testing.T) {
	d := small(t)
	dir := t.TempDir()
	writeDir(t, d, dir)
	path := filepath.Join(dir, dataset.TopicsFile)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b = []byte(strings.Replace(string(b), `"id": "angst",`, `"id": "angst"`, 1))
	require.NoError(t, os.WriteFile(path, b, 0o644))
	cpath := filepath.Join(dir, dataset.ContactPointsFile)
	cb, err := os.ReadFile(cpath)
	require.NoError(t, err)
	cb = []byte(strings.Replace(string(cb), `"phone": "23 33 19 00"`, `"phone": "23 33 19"`, 1))
	require.NoError(t, os.WriteFile(cpath, cb, 0o644))

	ps := validate.DirAt(dir, now)
	var lines []string
	for _, p := range ps {
		if !p.Warning {
			lines = append(lines, p.String())
		}
	}
	require.Len(t, lines, 2, render(ps))
	assert.Regexp(t, `^topics\.json:\d+:\d+: invalid character '"' after object key:value pair$`, lines[0])
	assert.Equal(t, `contact_points.json: selvhjelp-norge: phone: "23 33 19" er ikke et norsk telefonnummer (8 sifre, eventuelt med +47 foran)`, lines[1])
}

// A file far larger than real data is refused before anything builds.
func TestFileSizeLimit(t *testing.T) {
	d := small(t)
	cp(d, "link-oslo").Groups = strings.Repeat("x", validate.MaxTextRunes)
	for i := 0; i < 600; i++ {
		c := *cp(d, "link-oslo")
		c.ID = fmt.Sprintf("kopi-%d", i)
		d.ContactPoints = append(d.ContactPoints, c)
	}
	dir := t.TempDir()
	writeDir(t, d, dir)
	var msgs []string
	for _, p := range validate.DirAt(dir, now) {
		if p.File == dataset.ContactPointsFile && p.Record == "" {
			msgs = append(msgs, p.Message)
		}
	}
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], fmt.Sprintf("høyst %d", validate.MaxCuratedBytes))
}

func TestFormats(t *testing.T) {
	for _, ok := range []string{"23 33 19 00", "23331900", "+47 23 33 19 00", "+4723331900"} {
		assert.Empty(t, validate.CheckPhone(ok), ok)
	}
	for _, bad := range []string{"2333190", "233319000", "+46 23 33 19 00", "23-33-19-00", "tlf 23331900"} {
		assert.NotEmpty(t, validate.CheckPhone(bad), bad)
	}
	assert.Empty(t, validate.CheckURL("https://www.selvhjelp.no/a?b=c", true))
	assert.NotEmpty(t, validate.CheckURL("http://www.selvhjelp.no", true))
	assert.Empty(t, validate.CheckURL("http://www.selvhjelp.no", false))
	assert.NotEmpty(t, validate.CheckURL("javascript:alert(1)", false))
	assert.NotEmpty(t, validate.CheckURL("https://localhost/", true))
	assert.Empty(t, validate.CheckURL("https://www.xn--linktroms-t8a.no/oppgaver/", false), "a cited source may keep its punycode host")

	for in, want := range map[string][2]string{
		"2023":       {"2023-01-01", "2023-12-31"},
		"2019-11":    {"2019-11-01", "2019-11-30"},
		"2017-02-03": {"2017-02-03", "2017-02-03"},
	} {
		s, e, err := validate.ParseDate(in)
		require.NoError(t, err, in)
		assert.Equal(t, want[0], s.Format("2006-01-02"), in)
		assert.Equal(t, want[1], e.Format("2006-01-02"), in)
	}
	for _, bad := range []string{"", "23", "2019-13", "2019-02-30", "03.02.2017", "2019-1"} {
		_, _, err := validate.ParseDate(bad)
		assert.Error(t, err, bad)
	}
	assert.True(t, validate.InNorway(78.2, 15.6))  // Longyearbyen
	assert.True(t, validate.InNorway(70.92, -8.7)) // Jan Mayen
	assert.False(t, validate.InNorway(69.0, 84))   // the source's mistyped 9523
	assert.False(t, validate.InNorway(55.7, 12.6)) // Copenhagen
}

func TestDuplicateKeys(t *testing.T) {
	dir := t.TempDir()
	writeDir(t, small(t), dir)
	path := filepath.Join(dir, dataset.ContactPointsFile)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b = []byte(strings.Replace(string(b), `"phone": "23 33 19 00",`, `"phone": "23 33 19 00",
    "phone": "22 22 22 22",`, 1))
	require.NoError(t, os.WriteFile(path, b, 0o644))
	var errs []string
	for _, p := range validate.DirAt(dir, now) {
		if !p.Warning {
			errs = append(errs, p.String())
		}
	}
	require.Len(t, errs, 1)
	assert.Regexp(t, `^contact_points\.json:\d+:5: feltet "phone" står to ganger i samme objekt$`, errs[0])
}
