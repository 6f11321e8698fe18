package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

func TestMeetingTimes(t *testing.T) {
	tests := []struct {
		schedule string
		want     []dataset.Meeting
	}{
		{"pårørendegruppe torsdager kl. 18–20", []dataset.Meeting{{Weekday: "thursday", Start: "18:00", End: "20:00"}}},
		{"hver 3. tirsdag kl. 13.00–14.30 (Nordberg kirke); Ullern-gruppen hver tredje uke",
			[]dataset.Meeting{{Weekday: "tuesday", Start: "13:00", End: "14:30"}}},
		{"første tirsdag hver måned kl. 18.30", []dataset.Meeting{{Weekday: "tuesday", Start: "18:30"}}},
		{"første onsdag i måneden", []dataset.Meeting{{Weekday: "wednesday"}}},
		{"dagtid mandager kl. 13–15 (Åsgårdstrand kirke); kveld tirsdager kl. 19–21 (Sentrumskirken); fire samlinger",
			[]dataset.Meeting{{Weekday: "monday", Start: "13:00", End: "15:00"}, {Weekday: "tuesday", Start: "19:00", End: "21:00"}}},
		// No weekday, or one coming session: no regular meeting time.
		{"ca. hver 14. dag; ettermiddag kl. 16–18 og dagtid kl. 11–13 ved oppstart", nil},
		{"seks samlinger; neste samling en mandag kl. 11.30", nil},
		{"kl. 18.00–19.30, 6 samlinger med 1–2 ukers mellomrom", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, meetingTimes(tt.schedule), tt.schedule)
	}
}

func TestMinAgeAndFree(t *testing.T) {
	assert.Equal(t, 18, minAge("18 år (mindreårige kan vurderes etter avtale med gruppeleder)"))
	assert.Equal(t, 18, minAge("over 18 år"))
	assert.Equal(t, 0, minAge("egne grupper for barn 6–12 år og ungdom 13–18 år"), "groups by age are no limit")
	assert.True(t, free("gratis"))
	assert.True(t, free("ingen medlemsavgift; frivillige bidrag"))
	assert.False(t, free("200 kr per semester"))
}

// The merge adds records and their practical facts, merges updates into
// the records they name without losing what people wrote, and refuses to
// run a second time.
func TestMergeContactsOnce(t *testing.T) {
	d, err := store.LoadDir("../../data/testdata/small")
	require.NoError(t, err)
	d.ContactPoints = d.ContactPoints[:0:0]
	base, err := store.LoadDir("../../data/testdata/small")
	require.NoError(t, err)
	for _, c := range base.ContactPoints {
		if c.ID == "link-oslo" {
			d.ContactPoints = append(d.ContactPoints, c)
		}
	}
	note := d.ContactPoints[0].CitizenNote
	yes := true
	recs := []rawContact{{ID: "sorggrupper-no", Navn: "Sorggrupper.no", Type: "nasjonal_moteoversikt",
		Dekningsomraade: "hele landet", Status: "Udatert.", Kilder: []rawSource{{URL: "https://sorggrupper.no/", Dato: "ingen dato vist", Fakta: "Portal."}},
		Praktisk: &rawPractical{Kostnad: "gratis", Motetid: "torsdager kl. 18–20"}}}
	updates := []rawContact{{ID: "u", OppdateringAv: "link-oslo", Status: "Nye fakta.",
		Kilder:   []rawSource{{URL: "https://www.selvhjelp.no/x/", Dato: "Publisert 1. mai 2005"}},
		Praktisk: &rawPractical{Digitalt: &yes, Aldersgrense: "over 18 år"}}}
	for k, v := range pageDates2 {
		pageDates[k] = v
	}
	require.NoError(t, mergeContacts(d, recs, updates))
	require.Len(t, d.ContactPoints, 2)
	link, dir := d.ContactPoints[0], d.ContactPoints[1]
	assert.Equal(t, note, link.CitizenNote, "a maintainer's text is kept")
	assert.Equal(t, dataset.AttendanceOnline, link.Attendance)
	assert.Equal(t, 18, link.MinAge)
	assert.Contains(t, link.StatusNote, "Nye fakta.")
	assert.Equal(t, "https://www.selvhjelp.no/x/", link.Sources[len(link.Sources)-1].URL)
	assert.Equal(t, dataset.KindMeetingDirectory, dir.Kind)
	assert.True(t, dir.ServesAll)
	assert.Equal(t, "hele landet", dir.Coverage)
	assert.Equal(t, []string{"sorg"}, dir.Topics)
	assert.True(t, dir.Free)
	assert.Equal(t, []dataset.Meeting{{Weekday: "thursday", Start: "18:00", End: "20:00"}}, dir.Meetings)

	err = mergeContacts(d, recs, nil)
	assert.ErrorContains(t, err, "imported before")
}

// Every record and update of the second supplement is in the shipped data
// with every source it cites.
func TestSecondSupplementImported(t *testing.T) {
	haveSources(t)
	recs, updates, err := readContacts(filepath.Join(sourcesDir, "selvhjelp_kontaktpunkter_tillegg2.json"))
	require.NoError(t, err)
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	urls := map[string]map[string]bool{}
	for _, c := range d.ContactPoints {
		urls[c.ID] = map[string]bool{}
		for _, s := range c.Sources {
			urls[c.ID][s.URL] = true
		}
	}
	for _, r := range append(recs, updates...) {
		id := r.ID
		if r.OppdateringAv != "" {
			id = r.OppdateringAv
		}
		require.Contains(t, urls, id, "%s is not in the shipped data", id)
		for _, k := range r.Kilder {
			assert.True(t, urls[id][k.URL], "%s: source %s missing", id, k.URL)
		}
	}
}
