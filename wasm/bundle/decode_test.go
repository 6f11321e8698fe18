package bundle

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// sample is synthetic: it exercises every field and the escapes
// encoding/json writes (HTML-escaped <, >, &, non-BMP characters).
func sample() *dataset.Dataset {
	return &dataset.Dataset{
		Version:  "abc123",
		Counties: []dataset.County{{Number: "56", Name: "Finnmark", OfficialName: "Finnmark - Finnmárku - Finmarkku", Names: []dataset.Name{{Name: "Finnmárku", Language: "se"}}}},
		Municipalities: []dataset.Municipality{{
			Number: "5601", Name: "Test", OfficialName: "Guovdageaidnu - Test", Names: []dataset.Name{{Name: "Guovdageaidnu", Language: "se"}, {Name: "Test", Language: "nb"}},
			County: "56", AdminCentre: "Sentrum", Population: 2900, AreaKm2: 9707.25, LanguageForm: "Nøytral", Lat: 69.0125, Lon: -23.0412, PointMethod: "x",
		}},
		Territories:          []dataset.Territory{{Number: "2100", Name: "Svalbard", Lat: 78.22, Lon: 15.65}},
		FormerMunicipalities: []dataset.FormerMunicipality{{Number: "1201", Name: "Old", Period: "2020-2023", Successors: []string{"4601", "4602"}, Change: "delt"}},
		Postcodes:            []dataset.Postcode{{Code: "0001", Place: "Oslo", Municipality: "0301", Category: "P"}, {Code: "5003", Place: "Bergen", Municipality: "4601", Lat: 60.39, Lon: 5.32}},
		Topics:               []dataset.Topic{{ID: "sorg", Name: "Sorg og tap", Synonyms: []string{"død", "tap"}, Sources: []dataset.SourceRef{{URL: "https://example.org/?a=1&b=2"}}}},
		ContactPoints: []dataset.ContactPoint{{
			ID: "x", Name: `<img src=x onerror=alert(1)> "quoted" \ back`, Kind: dataset.KindLocal, Municipality: "4601", Serves: []string{"4602"}, ServesAll: true,
			Coverage: "tab\there\nnewline", Address: "Gate 1 😀", Postcode: "5003", PostalPlace: "Bergen", Phone: "+47 1", Email: "a@b", URL: "https://e.org",
			Groups: "g", Topics: []string{"sorg"}, Status: dataset.StatusUnknown, StatusNote: "n", Note: "\u2028", LastVerified: "2019-11",
			Sources: []dataset.SourceRef{{URL: "u", PageDate: "d", Facts: "f"}},
		}},
		Sources: []dataset.Source{{ID: "s", Name: "n", URL: "u", Licence: "CC BY 4.0", Attribution: "© Kartverket", Vintage: "2024", Used: "x"}},
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	want := sample()
	for _, tc := range []struct {
		name   string
		encode func(any) ([]byte, error)
	}{
		{"compact", json.Marshal},
		{"indented", func(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.encode(want)
			require.NoError(t, err)
			got, err := Decode(b)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestDecodeSkipsUnknownAndNull(t *testing.T) {
	got, err := Decode([]byte(`{"future":{"a":[1,2.5e3,true,false,null,"s\"x"]},"version":null,` +
		`"postcodes":[{"code":"0001","extra":[{}],"lat":null}],"contact_points":null}`))
	require.NoError(t, err)
	assert.Equal(t, &dataset.Dataset{Postcodes: []dataset.Postcode{{Code: "0001"}}}, got)
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", ``, "expected '{'"},
		{"not an object", `[]`, "expected '{'"},
		{"unterminated", `{"version":"abc`, "unterminated string"},
		{"missing colon", `{"version" "x"}`, "expected ':'"},
		{"trailing", `{} {}`, "trailing data"},
		{"bad number", `{"municipalities":[{"lat":"x"}]}`, "municipalities: lat: expected a number"},
		{"fraction population", `{"municipalities":[{"population":1.5}]}`, "population: expected an integer"},
		{"bad escape", `{"version":"\q"}`, "bad escape"},
		{"bad unicode", `{"version":"\u12"}`, "bad \\u escape"},
		{"bad bool", `{"contact_points":[{"serves_all":1}]}`, "serves_all: expected a boolean"},
		{"missing comma", `{"topics":[{"id":"a" "name":"b"}]}`, "expected ',' or '}'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	ds := sample()
	for i := 0; i < 5000; i++ {
		ds.Postcodes = append(ds.Postcodes, dataset.Postcode{Code: "1234", Place: "Stedsnavn", Municipality: "0301", Lat: 59.9, Lon: 10.7})
	}
	buf, err := json.Marshal(ds)
	require.NoError(b, err)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		if _, err := Decode(buf); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseFloat(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"0", true}, {"-0", true}, {"1", true}, {"59.913868", true}, {"-23.0412", true}, {"10.7", true},
		{"5550203", true}, {"9707.25", true}, {"1e3", true}, {"2.5E-3", true}, {"1e+22", true},
		{"0.30000000000000004", true}, {"12345678901234567890123", true}, {"1e300", true}, {"5e-324", true},
		{"", false}, {"-", false}, {"1.", false}, {".5", false}, {"1e", false}, {"1x", false}, {"--1", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseFloat([]byte(tc.in))
			require.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			want, err := strconv.ParseFloat(tc.in, 64)
			require.NoError(t, err)
			assert.InDelta(t, want, got, math.Abs(want)*1e-15)
		})
	}
}

// TestParseFloatExactForCoordinates: numbers of the form the dataset holds
// (shortest repr of up to 15 significant digits) decode bit for bit as
// strconv does, so the module and the worker compute the same distances.
func TestParseFloatExactForCoordinates(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200_000; i++ {
		x := (r.Float64()*180 - 90)
		x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'f', r.IntN(12), 64), 64)
		s := strconv.FormatFloat(x, 'f', -1, 64)
		got, ok := parseFloat([]byte(s))
		require.True(t, ok, s)
		require.Equal(t, math.Float64bits(x), math.Float64bits(got), s)
	}
}

// TestDecodeRealBundle: the shipped data decodes exactly as the worker reads it.
func TestDecodeRealBundle(t *testing.T) {
	ds, err := store.LoadDir("../../data")
	require.NoError(t, err)
	b, err := store.Bundle(ds)
	require.NoError(t, err)
	want, err := store.ParseBundle(b)
	require.NoError(t, err)
	got, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// TestDecodeEmptyAndNullListsAsEncodingJSON: [] is an empty list and null
// no list, as the worker's encoding/json reads them (build-assets compares
// the two with reflect.DeepEqual, which tells them apart).
func TestDecodeEmptyAndNullListsAsEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{"counties":[],"topics":[{"synonyms":[],"sources":null}]}`,
		`{"counties":null,"topics":[{"synonyms":null,"sources":[]}],"regions":[]}`,
	} {
		var want dataset.Dataset
		require.NoError(t, json.Unmarshal([]byte(in), &want))
		got, err := Decode([]byte(in))
		require.NoError(t, err)
		assert.Equal(t, &want, got, in)
	}
}
