package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
	"github.com/selvhjelp/finder/scripts/gen-schema/schematest"
)

// lexHeader is the sheet's header row, as lexicon export writes it.
const lexHeader = "tekst;rolle;språk;kategori;kommunenummer;gjennomgått;merknad\r\n"

// keepRoles are rows of the fixture's lexicon, one of each role the
// validator requires, so that a --replace sheet can remove the rest.
const keepRoles = "selvmord;crisis_stem;nb;suicide;;;\r\nikke verdt a leve;crisis_phrase;nb;hopelessness;;;\r\ni;stop;no;;;;\r\njeg;common;no;;;;pronouns and determiners, bokmål and nynorsk\r\n" +
	"live not wish;crisis_rule;und;wish_dead;;;\r\n"

// fixtureLexemes is how many entries the small fixture's lexicon holds.
func fixtureLexemes(t *testing.T) int {
	t.Helper()
	var ls []dataset.Lexeme
	b, err := os.ReadFile(filepath.Join(fixture, dataset.LexiconFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &ls))
	return len(ls)
}

// writeSheet writes a spreadsheet file for an import.
func writeSheet(t *testing.T, body string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "ordliste.csv")
	require.NoError(t, os.WriteFile(file, []byte(body), 0o644))
	return file
}

// TestLexiconList: what awaits review, filtered by role and language, crisis
// cues first; unknown filters are usage errors; --json gives the entries.
func TestLexiconList(t *testing.T) {
	dir := copyData(t)
	tests := []struct {
		name  string
		args  []string
		code  int
		want  []string // lines (or parts) of stdout, in order
		never []string
	}{
		{"unreviewed: crisis cues first", []string{"--unreviewed"}, 0,
			[]string{"bereaved", "crisis_stem", "crisis_phrase", "crisis_undo", "stop", "55 oppføringer venter på gjennomgang, 19 av dem krisesignaler"}, nil},
		{"one role", []string{"--unreviewed", "--role", "crisis_stem"}, 0,
			[]string{"crisis_stem  nb  suicide  «selvmord»", "3 oppføringer venter på gjennomgang, 3 av dem krisesignaler"}, []string{"crisis_phrase"}},
		{"one language", []string{"--language", "nn", "--role", "crisis_phrase"}, 0,
			[]string{"«ikkje verdt a leve»", "«ikkje verd a leve»", "2 oppføringer, 2 av dem krisesignaler."}, []string{"«ikke verdt a leve»", "venter"}},
		{"a note and a place are shown", []string{"--role", "crisis_undo"}, 0,
			[]string{"«tilbake»  «ta livet mitt tilbake» takes a life back"}, nil},
		{"unknown role", []string{"--role", "stopp"}, 2, nil, nil},
		{"unknown language", []string{"--language", "norsk"}, 2, nil, nil},
		{"stray argument", []string{"selvmord"}, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCmd(t, "", append([]string{"lexicon", "--data", dir}, tt.args...)...)
			require.Equal(t, tt.code, code, stderr)
			at := 0
			for _, w := range tt.want {
				i := strings.Index(out[at:], w)
				require.GreaterOrEqual(t, i, 0, "want %q after offset %d in:\n%s", w, at, out)
				at += i
			}
			for _, n := range tt.never {
				assert.NotContains(t, out, n)
			}
		})
	}

	d := fixtureData(t)
	d.Lexicon[0].Reviewed = true
	require.NoError(t, store.WriteFiles(d, dir, []string{dataset.LexiconFile}))
	code, out, _ := runCmd(t, "", "lexicon", "--data", dir, "--unreviewed", "--role", "stop", "--json")
	require.Equal(t, 0, code)
	var got []dataset.Lexeme
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, []dataset.Lexeme{d.Lexicon[1], d.Lexicon[2]}, got, "the reviewed «i» is not listed")
}

// TestLexiconCSVRoundTrip: export then import --replace changes no byte,
// with every separator, and every field survives the sheet.
func TestLexiconCSVRoundTrip(t *testing.T) {
	for _, args := range [][]string{nil, {"--sep", ",", "--bom=false"}, {"--sep", "tab"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := copyData(t)
			before := snapshot(t, dir)
			code, sheet, stderr := runCmd(t, "", append([]string{"lexicon", "export", "--data", dir}, args...)...)
			require.Equal(t, 0, code, stderr)
			code, out, stderr := runCmd(t, "", "lexicon", "import", writeSheet(t, sheet), "--data", dir, "--replace")
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, out, fmt.Sprintf("0 nye, 0 endret, %d uendret, 0 fjernet", fixtureLexemes(t)))
			assert.Equal(t, before, snapshot(t, dir))
		})
	}

	var f schematest.Filler
	var ls []dataset.Lexeme
	require.NoError(t, f.Fill(&ls))
	ls[0].Place, ls[1].Place = "0301", "4601" // a number the sheet may strip the zero of
	var buf strings.Builder
	require.NoError(t, exportLexiconCSV(&buf, ls, ';'))
	got, _, probs := parseLexiconCSV([]byte(buf.String()))
	require.Empty(t, probs)
	assert.Empty(t, schematest.Diff(ls, got))
	assert.Empty(t, schematest.ZeroFields(got))
}

// TestLexiconImport: the sheet merges by role and folded text; a change to a
// crisis cue is flagged; one bad row, or a sheet that would empty the
// lexicon, changes nothing.
func TestLexiconImport(t *testing.T) {
	tests := []struct {
		name   string
		sheet  string
		args   []string
		code   int
		stdout []string
		stderr []string
		check  func(t *testing.T, ls []dataset.Lexeme)
	}{
		{"a changed category is flagged for review", lexHeader + "akutt krise;crisis_phrase;nb;self_harm;;ja;\r\n", nil, 0,
			[]string{"endret: crisis_phrase «akutt krise» (nb, self_harm) – krisesignal: trenger en ny gjennomgang",
				"0 nye, 1 endret, 0 uendret, 0 fjernet; 1 krisesignal trenger en ny gjennomgang"}, nil,
			func(t *testing.T, ls []dataset.Lexeme) {
				assert.Len(t, ls, fixtureLexemes(t))
				assert.Equal(t, dataset.Lexeme{Text: "akutt krise", Role: "crisis_phrase", Language: "nb", Category: "self_harm", Reviewed: true}, ls[37])
			}},
		{"marking crisis cues reviewed needs no second review", lexHeader + "akutt krise;crisis_phrase;nb;acute;;ja;sett av klinisk rådgiver\r\n", nil, 0,
			[]string{"endret: crisis_phrase «akutt krise» (nb, acute)\n", "0 nye, 1 endret, 0 uendret, 0 fjernet. Se over"}, nil,
			func(t *testing.T, ls []dataset.Lexeme) { assert.True(t, ls[37].Reviewed) }},
		{"a new entry joins its role", lexHeader + "vil ikke leve;crisis_phrase;nb;wish_dead;;;\r\nkona;kin;no;;;;\r\n", nil, 0,
			[]string{"ny: crisis_phrase «vil ikke leve» (nb, wish_dead)\n", "1 nye, 0 endret, 1 uendret, 0 fjernet."}, nil,
			func(t *testing.T, ls []dataset.Lexeme) {
				assert.Equal(t, "vil ikke leve", ls[38].Text, "after the last crisis phrase")
				assert.Equal(t, dataset.RoleCrisisUndo, ls[39].Role)
			}},
		{"a column left out leaves its field empty", "tekst,rolle,språk\nsjølvmord,crisis_stem,nn\n", nil, 1,
			nil, []string{"rad 2: kolonne kategori: mangler: rollen crisis_stem krever en kategori"}, nil},
		{"a spelling with æøå replaces its typed form", lexHeader + "sjølvmord;crisis_stem;nn;suicide;;;\r\n", nil, 0,
			[]string{"endret: crisis_stem «sjølvmord» (nn, suicide) – krisesignal"}, nil,
			func(t *testing.T, ls []dataset.Lexeme) {
				assert.Equal(t, "sjølvmord", ls[31].Text)
				assert.Len(t, ls, fixtureLexemes(t))
			}},
		{"one bad row changes nothing", lexHeader + "vil ikke leve;crisis_phrase;nb;wish_dead;;;\r\nselv;crisis_stem;nb;suicide;;;\r\nsola;common;no;;;;\r\n", nil, 1,
			nil, []string{"rad 3: kolonne tekst: en krisestamme på 4 bokstaver", "1 feil. Ingenting er endret."}, nil},
		{"a common word that is a municipality", lexHeader + "Bergen;common;no;;;;\r\n", nil, 1,
			nil, []string{"rad 2: kolonne rolle: et vanlig ord blir aldri et sted, men «Bergen» er navnet på kommune 4601 Bergen"}, nil},
		{"a row twice", lexHeader + "kona;kin;no;;;;\r\nKona;kin;no;;;;\r\n", nil, 1,
			nil, []string{"rad 3: kolonne tekst: «Kona» (kin) står også i rad 2"}, nil},
		{"unknown and missing columns", "tekst;rolle;farge\r\nkona;kin;rød\r\n", nil, 1,
			nil, []string{"rad 1: kolonne farge: ukjent kolonne", "rad 1: kolonne språk: kolonnen mangler"}, nil},
		{"a formula cell", lexHeader + "=1+2;stop;no;;;;\r\n", nil, 1,
			nil, []string{"rad 2: kolonne tekst: cellen begynner med \"=\""}, nil},
		{"replace may not empty the lexicon", lexHeader + keepRoles + "kona;kin;no;;;;\r\n", []string{"--replace"}, 1,
			nil, []string{"regnearket ville fjernet 49 oppføringer", "Importer uten --replace"}, nil},
		{"replace with allowed removals flags removed crisis cues", lexHeader + keepRoles + "kona;kin;no;;;;\r\n", []string{"--replace", "--allow-removals", "49"}, 0,
			[]string{"fjernet: crisis_phrase «akutt krise» (nb, acute) – krisesignal: trenger en ny gjennomgang", "0 nye, 0 endret, 6 uendret, 49 fjernet; 17 krisesignaler"}, nil,
			func(t *testing.T, ls []dataset.Lexeme) { assert.Len(t, ls, 6) }},
		{"allowed removals cannot take away the crisis phrases", lexHeader + "kona;kin;no;;;;\r\n", []string{"--replace", "--allow-removals", "53"}, 1,
			nil, []string{"ingen oppføringer med rollen crisis_phrase", "Ingenting er endret"}, nil},
		{"a dry run writes nothing", lexHeader + "vil ikke leve;crisis_phrase;nb;wish_dead;;;\r\n", []string{"--dry-run"}, 0,
			[]string{"Prøvekjøring: 1 nye, 0 endret, 0 uendret, 0 fjernet. Ingenting er skrevet."}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyData(t)
			before := snapshot(t, dir)
			code, out, stderr := runCmd(t, "", append([]string{"lexicon", "import", writeSheet(t, tt.sheet), "--data", dir}, tt.args...)...)
			require.Equal(t, tt.code, code, "stdout:\n%s\nstderr:\n%s", out, stderr)
			for _, w := range tt.stdout {
				assert.Contains(t, out, w)
			}
			for _, w := range tt.stderr {
				assert.Contains(t, stderr, w)
			}
			after := snapshot(t, dir)
			if tt.check == nil {
				assert.Equal(t, before, after, "nothing written")
				return
			}
			for f := range before {
				if f != dataset.LexiconFile {
					assert.Equal(t, before[f], after[f], "%s untouched", f)
				}
			}
			d, err := store.LoadDir(dir)
			require.NoError(t, err)
			tt.check(t, d.Lexicon)
		})
	}
}

// TestLexiconCSVSchema: the sheet's columns come from Lexeme's csv tags,
// each documented in data/README.md.
func TestLexiconCSVSchema(t *testing.T) {
	readme, err := os.ReadFile("../../data/README.md")
	require.NoError(t, err)
	var headers, required []string
	for _, c := range lexemeCSV.columns {
		headers = append(headers, c.header)
		assert.True(t, strings.Contains(string(readme), "`"+c.header+"`"), "data/README.md must document the column %s", c.header)
		if c.required {
			required = append(required, c.header)
		}
	}
	assert.Equal(t, strings.TrimSuffix(strings.ReplaceAll(lexHeader, ";", ","), "\r\n"), strings.Join(headers, ","))
	assert.Equal(t, []string{"tekst", "rolle", "språk"}, required)
	assert.Empty(t, lexemeCSV.groups)
}

// polishCard is the fixture's line of the crisis card in Polish.
const polishCard = "Jeśli życie jest zagrożone, zadzwoń pod numer 113."

// TestDiffLexicon: finder diff names each lexicon change in words by its
// role, and flags a removed or changed crisis cue (and a new crisis_undo)
// for a second review; ordinary words are not flagged.
func TestDiffLexicon(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *dataset.Dataset)
		want   []string
		flag   bool
	}{
		{"crisis phrase removed", func(d *dataset.Dataset) { d.Lexicon = drop(d.Lexicon, "crisis_phrase", "akutt krise") },
			[]string{"lexicon.json: krisefrase fjernet: «akutt krise» (nb, acute)\n"}, true},
		{"crisis stem changed", func(d *dataset.Dataset) { find(d.Lexicon, "crisis_stem", "selvmord").Category = dataset.CrisisSelfHarm },
			[]string{"lexicon.json: krisestamme endret: «selvmord» (nb, self_harm)\n", "    category: «suicide» → «self_harm»\n"}, true},
		{"crisis phrase reviewed: the mark is the review", func(d *dataset.Dataset) {
			x := find(d.Lexicon, "crisis_phrase", "akutt krise")
			x.Reviewed, x.Note = true, "gjennomgått av klinisk rådgiver"
		}, []string{"lexicon.json: krisefrase endret: «akutt krise» (nb, acute)\n", "    reviewed: lagt til true\n"}, false},
		{"bereaved phrase language changed", func(d *dataset.Dataset) { find(d.Lexicon, "bereaved", "tok livet sitt").Language = "no" },
			[]string{"lexicon.json: etterlattfrase endret: «tok livet sitt» (no, bereaved)\n", "    language: «nb» → «no»\n"}, true},
		{"crisis undo added", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "igjen", Role: dataset.RoleCrisisUndo, Language: "no"})
		}, []string{"lexicon.json: kriseoppheving lagt til: «igjen» (no)\n"}, true},
		// A phrase of long ago can silence crisis help: a new one needs a
		// second review, as a new crisis_undo does.
		{"crisis past added", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "for lenge siden", Role: dataset.RoleCrisisPast, Language: "no", Category: dataset.PastLongAgo})
		}, []string{"lexicon.json: fortidsord ved krise lagt til: «for lenge siden» (no, past)\n"}, true},
		{"crisis phrase added", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "vil ikke leve", Role: dataset.RoleCrisisPhrase, Language: "nb", Category: dataset.CrisisWishDead})
		}, []string{"lexicon.json: krisefrase lagt til: «vil ikke leve» (nb, wish_dead)\n"}, false},
		{"common word added", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "kanskje", Role: dataset.RoleCommon, Language: "no", Note: "adverb"})
		}, []string{"lexicon.json: vanlig ord lagt til: «kanskje» (no)\n"}, false},
		{"homograph with its place", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "bergen", Role: dataset.RoleHomograph, Language: "no", Place: "4601"})
		}, []string{"lexicon.json: homograf lagt til: «bergen» (no, kommune 4601)\n"}, false},
		{"stop word's note changed", func(d *dataset.Dataset) { find(d.Lexicon, "stop", "for").Note = "preposisjon" },
			[]string{"lexicon.json: stoppord endret: «for» (no)\n", "    note: lagt til «preposisjon»\n"}, false},
		// The crisis card's lines (issue 18): a new one, or one changed,
		// is checked by a second person against its crisis line.
		{"crisis card line added", func(d *dataset.Dataset) {
			d.Lexicon = append(d.Lexicon, dataset.Lexeme{Text: "If a life is in danger, call 113.", Role: dataset.RoleCrisisCard, Language: "en", Category: "113"})
		}, []string{"lexicon.json: krisekortets linje lagt til: «If a life is in danger, call 113.» (en, 113)\n",
			"    ! krisekortets linje lagt til: trenger en ny gjennomgang"}, true},
		{"crisis card line reviewed: the mark is the review", func(d *dataset.Dataset) { find(d.Lexicon, "crisis_card", polishCard).Reviewed = true },
			[]string{"lexicon.json: krisekortets linje endret: «" + polishCard + "» (pl, 113)\n", "    reviewed: lagt til true\n"}, false},
		{"crisis card line's language changed", func(d *dataset.Dataset) { find(d.Lexicon, "crisis_card", polishCard).Language = "lt" },
			[]string{"lexicon.json: krisekortets linje endret: «" + polishCard + "» (lt, 113)\n", "    language: «pl» → «lt»\n"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldDir, newDir := copyData(t), copyData(t)
			d := fixtureData(t)
			tt.change(d)
			require.NoError(t, store.WriteFiles(d, newDir, []string{dataset.LexiconFile}))
			code, out, stderr := runCmd(t, "", "diff", oldDir, newDir)
			require.Equal(t, 0, code, stderr)
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
			assert.Equal(t, tt.flag, strings.Contains(out, "trenger en ny gjennomgang"), out)
			assert.Equal(t, tt.flag, strings.HasSuffix(out, "1 endring av et krisesignal trenger en ny gjennomgang før publisering.\n"), out)
			assert.Equal(t, 1, strings.Count(out, "lexicon.json: "), "one change: %s", out)
			assert.Regexp(t, `(?m)^[01] nye, [01] fjernet, [01] endret\.$`, out)
		})
	}

	// A card line's text changed: the old text removed, the new one added,
	// both named and both flagged.
	oldDir, newDir := copyData(t), copyData(t)
	d := fixtureData(t)
	find(d.Lexicon, "crisis_card", polishCard).Text = "Zadzwoń pod numer 113."
	require.NoError(t, store.WriteFiles(d, newDir, []string{dataset.LexiconFile}))
	code, out, stderr := runCmd(t, "", "diff", oldDir, newDir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "lexicon.json: krisekortets linje fjernet: «"+polishCard+"» (pl, 113)\n")
	assert.Contains(t, out, "lexicon.json: krisekortets linje lagt til: «Zadzwoń pod numer 113.» (pl, 113)\n")
	assert.Equal(t, 2, strings.Count(out, "! krisekortets linje"), out)

	oldDir, newDir = copyData(t), copyData(t)
	d = fixtureData(t)
	d.Lexicon = drop(d.Lexicon, "crisis_phrase", "akutt krise")
	require.NoError(t, store.WriteFiles(d, newDir, []string{dataset.LexiconFile}))
	code, out, _ = runCmd(t, "", "diff", "--json", oldDir, newDir)
	require.Equal(t, 0, code)
	var changes []recordChange
	require.NoError(t, json.Unmarshal([]byte(out), &changes))
	assert.Equal(t, []recordChange{{File: dataset.LexiconFile, Record: "crisis_phrase/akutt krise", Name: "«akutt krise» (nb, acute)", Change: "removed"}}, changes)
}

func find(ls []dataset.Lexeme, role, text string) *dataset.Lexeme {
	for i := range ls {
		if ls[i].Role == role && ls[i].Text == text {
			return &ls[i]
		}
	}
	panic("no lexeme " + role + " " + text)
}

func drop(ls []dataset.Lexeme, role, text string) []dataset.Lexeme {
	var out []dataset.Lexeme
	for _, x := range ls {
		if x.Role != role || x.Text != text {
			out = append(out, x)
		}
	}
	return out
}

// FuzzImportLexiconCSV feeds arbitrary sheets to the lexicon import. It must
// not panic; a sheet it accepts leaves no error, and exporting the result and
// importing it again with --replace changes nothing.
func FuzzImportLexiconCSV(f *testing.F) {
	d, err := store.LoadDir(fixture) // small: every accepted input validates the whole dataset
	require.NoError(f, err)
	var two bytes.Buffer
	require.NoError(f, exportLexiconCSV(&two, d.Lexicon[:2], ';'))
	f.Add(two.Bytes())
	f.Add([]byte("\uFEFFtekst,rolle,språk,kategori\r\nvil ikke leve mer,crisis_phrase,nb,wish_dead\r\n"))
	f.Add([]byte("tekst;rolle;språk;kommunenummer\nbergen;homograph;no;4601\nBergen;homograph;no;4601\n"))
	f.Add([]byte("tekst;rolle;språk\n\"x;y\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, in []byte) {
		res, probs := importLexicon(d, in, false, fixedNow)
		if len(probs) > 0 {
			for _, p := range probs {
				require.NotEmpty(t, p.String())
			}
			return
		}
		nd := *d
		nd.Lexicon = res.lexicon
		if n := validate.Errors(validate.DatasetAt(&nd, fixedNow)); n > 0 {
			t.Fatalf("accepted a sheet that leaves %d errors", n)
		}
		var out bytes.Buffer
		require.NoError(t, exportLexiconCSV(&out, nd.Lexicon, ','))
		again, probs := importLexicon(&nd, out.Bytes(), true, fixedNow)
		if len(probs) > 0 {
			t.Fatalf("re-import of an export failed: %v", probs)
		}
		if !slices.Equal(nd.Lexicon, again.lexicon) {
			t.Fatal("export/import changed the lexicon")
		}
	})
}
