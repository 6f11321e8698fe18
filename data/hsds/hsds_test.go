package hsds_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/hsds"
	"github.com/selvhjelp/finder/data/store"
)

// serviceSchema is Open Referral's compiled HSDS 3 service schema, vendored
// with its licence in testdata/openreferral; formats (uuid, uri, email,
// date-time) are asserted.
func serviceSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/openreferral/service.json")
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource("service.json", doc))
	s, err := c.Compile("service.json")
	require.NoError(t, err)
	return s
}

// validate checks every exported service against the schema, as JSON.
func validateAll(t *testing.T, services []hsds.Service) {
	t.Helper()
	s := serviceSchema(t)
	b, err := json.Marshal(services)
	require.NoError(t, err)
	var items []any
	require.NoError(t, json.Unmarshal(b, &items))
	for i, it := range items {
		assert.NoError(t, s.Validate(it), "service %d (%s)", i, services[i].Name)
	}
}

// Every contact point of the shipped data exports as a valid HSDS service.
func TestShippedDataExportsValidHSDS(t *testing.T) {
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	services := hsds.Services(d)
	require.Len(t, services, len(d.ContactPoints))
	validateAll(t, services)
}

// The schema refuses what matters: a status HSDS does not know.
func TestSchemaRefusesUnknownStatus(t *testing.T) {
	s := serviceSchema(t)
	bad := map[string]any{"id": hsds.ID("service", "x"), "name": "X", "status": "unknown"}
	assert.Error(t, s.Validate(bad))
}

// One record with every practical fact: ids are UUIDv5 of our ids, the
// unknown status is "active" with an alert, last_verified is assured_date,
// each source is a metadata entry, meeting times are weekly RRULE parts.
func TestServiceFields(t *testing.T) {
	d, err := store.LoadDir("../testdata/small")
	require.NoError(t, err)
	cp := &d.ContactPoints[0]
	for i := range d.ContactPoints {
		if d.ContactPoints[i].ID == "link-oslo" {
			cp = &d.ContactPoints[i]
		}
	}
	cp.Meetings = []dataset.Meeting{{Weekday: "thursday", Start: "18:00", End: "20:00"}}
	cp.Schedule, cp.Attendance, cp.MinAge, cp.Cost, cp.Free = "torsdager kl. 18–20", dataset.AttendanceBoth, 18, "gratis", true
	cp.HowToJoin, cp.Languages, cp.Accessibility = "Møt opp.", []string{"nb", "en"}, "Trinnfri inngang."
	services := hsds.Services(d)
	validateAll(t, services)
	var s hsds.Service
	for _, x := range services {
		if x.Name == cp.Name {
			s = x
		}
	}
	assert.Equal(t, hsds.ID("service", "link-oslo"), s.ID)
	assert.Equal(t, s.ID, hsds.Services(d)[indexOf(services, s.ID)].ID, "stable across exports")
	assert.Equal(t, "active", s.Status)
	assert.Equal(t, hsds.UnknownAlert, s.Alert)
	assert.Equal(t, cp.LastVerified, s.AssuredDate)
	require.Len(t, s.Metadata, len(cp.Sources))
	assert.Equal(t, cp.Sources[0].URL, s.Metadata[0].UpdatedBy)
	require.Len(t, s.Schedules, 1)
	assert.Equal(t, hsds.Schedule{ID: s.Schedules[0].ID, ServiceID: s.ID, Freq: "WEEKLY", ByDay: "TH", OpensAt: "18:00",
		ClosesAt: "20:00", Description: "torsdager kl. 18–20", AttendingType: "online,in_person"}, s.Schedules[0])
	require.NotNil(t, s.MinimumAge)
	assert.Equal(t, 18, *s.MinimumAge)
	assert.Equal(t, "gratis", s.FeesDescription)
	assert.Len(t, s.Languages, 2)
	require.Len(t, s.ServiceAtLocations, 1)
	assert.Equal(t, "Trinnfri inngang.", s.ServiceAtLocations[0].Location.Accessibility[0].Description)
	var buf bytes.Buffer
	require.NoError(t, json.NewEncoder(&buf).Encode(s))
	assert.NotContains(t, buf.String(), "status_note", "maintainers' notes are not exported")
}

func indexOf(ss []hsds.Service, id string) int {
	for i, s := range ss {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// The DCAT-AP-NO description carries the fields the profile makes mandatory
// or recommended for a dataset: title, description, publisher, contact
// point, spatial coverage, update frequency, theme, and distributions with
// access URL and format.
func TestCatalogFields(t *testing.T) {
	d, err := store.LoadDir("../testdata/small")
	require.NoError(t, err)
	files, err := hsds.Files(d, "https://finder.example")
	require.NoError(t, err)
	var cat map[string]any
	require.NoError(t, json.Unmarshal(files[hsds.DCATFile], &cat))
	for _, k := range []string{"dct:title", "dct:description", "dct:publisher", "dcat:contactPoint", "dct:spatial",
		"dct:accrualPeriodicity", "dcat:theme", "dcat:distribution"} {
		assert.NotEmpty(t, cat[k], k)
	}
	dists := cat["dcat:distribution"].([]any)
	require.Len(t, dists, 2)
	for _, x := range dists {
		dist := x.(map[string]any)
		assert.Contains(t, dist["dcat:accessURL"].(map[string]any)["@id"], "https://finder.example/v1/")
		assert.NotEmpty(t, dist["dct:format"])
	}
}
