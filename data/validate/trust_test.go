package validate_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// The national crisis numbers never change silently: 113 (medical
// emergency), 116 117 (legevakt) and 116 123 (Mental Helse's Hjelpetelefonen).
func TestNationalCrisisNumbersPinned(t *testing.T) {
	d, ferrs := store.LoadFSAll(data.FS)
	require.Empty(t, ferrs)
	numbers := map[string]string{}
	for _, l := range d.CrisisLines {
		numbers[l.ID] = l.Number
	}
	for id, want := range map[string]string{"113": "113", "legevakt-116117": "116 117", "mental-helse-116123": "116 123"} {
		assert.Equal(t, want, numbers[id], "data/crisis_lines.json: %s: number", id)
	}
	require.NotEmpty(t, d.CrisisLines)
	assert.Equal(t, "113", d.CrisisLines[0].Number, "the acute number comes first")
}

func TestCheckRemovals(t *testing.T) {
	tests := []struct {
		name                       string
		before, removed, remaining int
		want                       string // part of the refusal; "" = allowed
	}{
		{"nothing removed", 42, 0, 42, ""},
		{"four of 42 (9 %)", 42, 4, 38, ""},
		{"five of 42 (11 %)", 42, 5, 37, "5 av 42 kontaktpunkter (11 %)"},
		{"all", 42, 42, 0, "alle 42 kontaktpunkter"},
		{"replaced by others", 42, 10, 42, "10 av 42"},
		{"below the minimum", 5, 0, 4, "aldri færre enn 5"},
		{"a list that was always small", 2, 0, 2, ""},
		{"empty before and after", 0, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validate.CheckRemovals(tt.before, tt.removed, tt.remaining)
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.Contains(t, got, tt.want)
		})
	}
}

// A contact-point list that lost more than a tenth of the manifest's count
// is refused; the manifest's count must be there.
func TestContactPointFloor(t *testing.T) {
	tests := []struct {
		name     string
		manifest int // contact_points in manifest.json (fixture: 6 records)
		keep     int // contact points left in the file
		want     string
	}{
		{"as many as the manifest", 6, 6, ""},
		{"more than the manifest", 5, 6, ""},
		{"two of 20 gone (10 %)", 20, 18, ""},
		{"three of 20 gone (15 %)", 20, 17, "contact_points.json: 17 kontaktpunkter, men manifest.json sier 20: 3 av 20 kontaktpunkter (15 %)"},
		{"one of six gone", 6, 5, "contact_points.json: 5 kontaktpunkter, men manifest.json sier 6: 1 av 6 kontaktpunkter (16 %)"},
		{"emptied", 6, 0, "contact_points.json: ingen kontaktpunkter"},
		{"no count in the manifest", 0, 6, "manifest.json: contact_points: mangler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := small(t)
			dir := t.TempDir()
			writeDir(t, d, dir)
			resize(d, tt.keep)
			require.NoError(t, store.WriteFiles(d, dir, []string{dataset.ContactPointsFile}))
			setManifestCount(t, dir, tt.manifest)
			var errs []string
			for _, p := range validate.DirAt(dir, now) {
				if !p.Warning {
					errs = append(errs, p.String())
				}
			}
			if tt.want == "" {
				assert.Empty(t, errs)
				return
			}
			assert.NotEmpty(t, errs)
			found := false
			for _, e := range errs {
				found = found || strings.HasPrefix(e, tt.want)
			}
			assert.True(t, found, "want %q…; got %q", tt.want, errs)
		})
	}
}

// resize makes d hold n contact points: the first n, or copies of one
// record under new ids.
func resize(d *dataset.Dataset, n int) {
	if n <= len(d.ContactPoints) {
		d.ContactPoints = d.ContactPoints[:n]
		return
	}
	for i := len(d.ContactPoints); i < n; i++ {
		c := *cp(d, "link-oslo")
		c.ID = fmt.Sprintf("kopi-%d", i)
		d.ContactPoints = append(d.ContactPoints, c)
	}
}

// setManifestCount rewrites the manifest of dir with another contact-point count.
func setManifestCount(t *testing.T, dir string, n int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, store.ManifestFile))
	require.NoError(t, err)
	m, err := store.ParseManifest(b)
	require.NoError(t, err)
	m.ContactPoints = n
	out, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, store.ManifestFile), out, 0o644))
}

// Every change of where a record sends people is flagged for a second
// review; changes that keep the domain or the digits are not.
func TestReview(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *dataset.Dataset)
		want   []string // the warnings, rendered
	}{
		{"nothing", func(d *dataset.Dataset) {}, nil},
		{"same domain, another page", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://linkoslo.no/kontakt/" }, nil},
		{"www added", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://www.linkoslo.no" }, nil},
		{"phone spaced otherwise", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "+47 23331900" }, nil},
		{"phone removed", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "" }, nil},
		{"link to another domain", func(d *dataset.Dataset) { cp(d, "link-oslo").URL = "https://www.selvhjeIp.no/" }, []string{
			"contact_points.json: link-oslo: url: advarsel: domene endret: linkoslo.no → selvhjeip.no: " + validate.SecondReview}},
		{"e-mail at another domain", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Email = "post@selvhjelp-norge.no" }, []string{
			"contact_points.json: selvhjelp-norge: email: advarsel: domene endret: selvhjelp.no → selvhjelp-norge.no: " + validate.SecondReview}},
		{"another phone number", func(d *dataset.Dataset) { cp(d, "selvhjelp-norge").Phone = "23 33 19 01" }, []string{
			"contact_points.json: selvhjelp-norge: phone: advarsel: telefonnummer endret: 23331900 → 23331901: " + validate.SecondReview}},
		{"a phone where there was none", func(d *dataset.Dataset) { cp(d, "link-oslo").Phone = "22 22 22 22" }, []string{
			"contact_points.json: link-oslo: phone: advarsel: nytt telefonnummer: 22222222: " + validate.SecondReview}},
		{"a new contact point", func(d *dataset.Dataset) {
			n := *cp(d, "selvhjelp-norge")
			n.ID = "ny"
			d.ContactPoints = append(d.ContactPoints, n)
		}, []string{
			"contact_points.json: ny: url: advarsel: nytt domene: selvhjelp.no: " + validate.SecondReview,
			"contact_points.json: ny: email: advarsel: nytt domene: selvhjelp.no: " + validate.SecondReview,
			"contact_points.json: ny: phone: advarsel: nytt telefonnummer: 23331900: " + validate.SecondReview}},
		{"another crisis number", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "116 124" }, []string{
			"crisis_lines.json: mental-helse-116123: number: advarsel: krisenummer endret: 116123 → 116124: " + validate.SecondReview}},
		{"crisis number removed", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "" }, []string{
			"crisis_lines.json: mental-helse-116123: number: advarsel: krisenummeret 116 123 er fjernet: " + validate.SecondReview}},
		{"crisis link to another domain", func(d *dataset.Dataset) { d.CrisisLines[1].URL = "https://sidetmedord.example" }, []string{
			"crisis_lines.json: mental-helse-116123: url: advarsel: domene endret: sidetmedord.no → sidetmedord.example: " + validate.SecondReview}},
		{"crisis line removed", func(d *dataset.Dataset) { d.CrisisLines = d.CrisisLines[:1] }, []string{
			`crisis_lines.json: mental-helse-116123: advarsel: krisetelefonen "Mental Helse Hjelpetelefonen" er fjernet: ` + validate.SecondReview}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, next := small(t), small(t)
			tt.change(next)
			var got []string
			for _, p := range validate.Review(prev, next) {
				assert.True(t, p.Warning)
				got = append(got, p.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
