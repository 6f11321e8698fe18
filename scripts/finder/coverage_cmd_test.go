package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCoverageText(t *testing.T) {
	code, out, errOut := runCmd(t, "", "coverage", "--data", fixture, "--top", "2")
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// rule, blank, header, 2 rows, blank, summary, then per kind (the
	// fixture's only open local kind is the LINK centres)
	require.Len(t, lines, 9, out)
	n := len(fixtureData(t).Municipalities)
	assert.Regexp(t, regexp.MustCompile(fmt.Sprintf(`^[\d ]+ personer bor mer enn 50 km fra et kontaktpunkt \(\d+ av %d kommuner\)\.$`, n)), lines[6])
	assert.Regexp(t, `^  senter +[\d ]+ personer \(\d+ kommuner\) mer enn 50 km unna$`, lines[8])
	assert.Contains(t, lines[2], "innbyggere")
}

func TestCoverageJSON(t *testing.T) {
	// The fixture is a real place for each case: Bergen has a centre; Bjørnafjorden
	// is served by it; Tromsø has one; a closed office serves nobody.
	dir := copyData(t)
	replaceIn(t, filepath.Join(dir, "contact_points.json"), `"serves": [
      "4624"
    ],
    "coverage": "Bergen, Alver`, `"coverage": "Bergen, Alver`)
	code, out, errOut := runCmd(t, "", "coverage", "--data", dir, "--json", "--km", "100")
	require.Equal(t, 0, code, errOut)
	var rep struct {
		ThresholdKm          float64 `json:"threshold_km"`
		PeopleBeyond         int     `json:"people_beyond"`
		MunicipalitiesBeyond int     `json:"municipalities_beyond"`
		ByKind               []struct {
			Kind         string `json:"kind"`
			PeopleBeyond int    `json:"people_beyond"`
		} `json:"by_kind"`
		Municipalities []struct {
			Municipality string  `json:"municipality"`
			Population   int     `json:"population"`
			DistanceKm   float64 `json:"distance_km"`
			Nearest      string  `json:"nearest"`
			Served       bool    `json:"served"`
		} `json:"municipalities"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 100.0, rep.ThresholdKm)
	require.Len(t, rep.Municipalities, len(fixtureData(t).Municipalities))
	// Worst first, and the summary adds up.
	people, n := 0, 0
	for i, m := range rep.Municipalities {
		if i > 0 {
			assert.LessOrEqual(t, m.DistanceKm, rep.Municipalities[i-1].DistanceKm)
		}
		if m.DistanceKm > 100 {
			people += m.Population
			n++
		}
		assert.Equal(t, m.Served, m.DistanceKm == 0, m.Municipality)
		assert.NotEmpty(t, m.Nearest)
	}
	assert.Equal(t, people, rep.PeopleBeyond)
	assert.Equal(t, n, rep.MunicipalitiesBeyond)
	// Only centres count in the fixture, so their figure is the total.
	require.Len(t, rep.ByKind, 1)
	assert.Equal(t, "centre", rep.ByKind[0].Kind)
	assert.Equal(t, rep.PeopleBeyond, rep.ByKind[0].PeopleBeyond)
	byNo := map[string]bool{}
	for _, m := range rep.Municipalities {
		byNo[m.Municipality] = m.Served
	}
	assert.True(t, byNo["4601"], "Bergen has LINK Bergen")
	assert.True(t, byNo["5501"], "Tromsø has LINK Tromsø")
	assert.False(t, byNo["4624"], "Bjørnafjorden: only a closed district office serves it now")
}

func TestCoverageSVG(t *testing.T) {
	dir := copyData(t)
	// A name that needs escaping must come out as valid XML.
	replaceIn(t, filepath.Join(dir, "municipalities.json"), `"name": "Bjørnafjorden"`, `"name": "Bjørnafjorden <&> \"x\""`)
	svg := filepath.Join(t.TempDir(), "map.svg")
	code, _, errOut := runCmd(t, "", "coverage", "--data", dir, "--svg", svg, "--top", "1")
	require.Equal(t, 0, code, errOut)
	b, err := os.ReadFile(svg)
	require.NoError(t, err)
	var doc struct {
		XMLName xml.Name
		Circles []struct {
			Fill  string `xml:"fill,attr"`
			Title string `xml:"title"`
		} `xml:"circle"`
	}
	require.NoError(t, xml.Unmarshal(b, &doc), "the map is well-formed XML")
	assert.Equal(t, "svg", doc.XMLName.Local)
	assert.Len(t, doc.Circles, len(fixtureData(t).Municipalities))
	found := false
	for _, c := range doc.Circles {
		found = found || strings.HasPrefix(c.Title, `Bjørnafjorden <&> "x"`)
		assert.Regexp(t, `^#[0-9a-f]{6}$`, c.Fill)
	}
	assert.True(t, found, "escaped name round-trips")
	assert.Contains(t, string(b), "personer bor")

	code, _, errOut = runCmd(t, "", "coverage", "--svg", filepath.Join(t.TempDir(), "no", "such", "dir.svg"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "dir.svg")
}

// export-hsds writes both files from the fixture; the HSDS content itself is
// tested in data/hsds.
func TestExportHSDSCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(t, "", "export-hsds", dir, "--data", fixture, "--base", "https://finder.example")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, fmt.Sprintf("%d tjenester", len(fixtureData(t).ContactPoints)))
	var services []map[string]any
	b, err := os.ReadFile(filepath.Join(dir, "services.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &services))
	assert.Len(t, services, len(fixtureData(t).ContactPoints))
	var cat map[string]any
	b, err = os.ReadFile(filepath.Join(dir, "dcat.jsonld"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &cat))
	assert.Equal(t, "dcat:Dataset", cat["@type"])
	code, _, _ = runCmd(t, "", "export-hsds")
	assert.Equal(t, 2, code, "a missing DIR is a usage error")
}
