package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/search/signal"
	"github.com/selvhjelp/finder/data/store"
)

func TestModuleBeforeLoad(t *testing.T) {
	m := &module{}
	for _, out := range []string{m.search("bergen", opts{}), m.near(60, 5, opts{})} {
		var v map[string]string
		require.NoError(t, json.Unmarshal([]byte(out), &v))
		assert.Equal(t, "dataset not loaded", v["error"])
	}
}

func TestModuleLoadRejectsBadBundle(t *testing.T) {
	for _, in := range []string{"", "[]", `{"municipalities":[{"lat":"x"}]}`, "<html>404</html>"} {
		m := &module{}
		assert.Error(t, m.load([]byte(in)), in)
		assert.Nil(t, m.eng)
	}
}

func TestErrorJSONEscapes(t *testing.T) {
	m := &module{}
	for _, msg := range []string{`plain`, `quote " and \ back`, "ctrl\n\tchar", "ø æ å"} {
		var v map[string]string
		require.NoError(t, json.Unmarshal([]byte(m.errorJSON(msg)), &v), msg)
		assert.NotEmpty(t, v["error"])
	}
}

func loadedModule(t *testing.T) *module {
	t.Helper()
	ds, err := store.LoadDir("../data")
	require.NoError(t, err)
	b, err := store.Bundle(ds)
	require.NoError(t, err)
	m := &module{}
	require.NoError(t, m.load(b))
	return m
}

func TestPreset(t *testing.T) {
	m := loadedModule(t)
	for _, c := range []struct{ kind, value, want string }{
		{presetMunicipality, "4601", "4601"},
		{presetMunicipality, " 4601 ", "4601"},
		{presetMunicipality, "1201", "4601"}, // Bergen's number before 2020
		{presetMunicipality, "Bergen", "4601"},
		{presetMunicipality, "bergen", "4601"},
		{presetMunicipality, "Guovdageaidnu", "5612"},
		{presetMunicipality, "9999", ""},
		{presetMunicipality, "Atlantis", ""},
		{presetMunicipality, "", ""},
		{presetTopic, "sorg", "sorg"},
		{presetTopic, "Sorg", "sorg"},
		{presetTopic, "Sorg og tap", "sorg"},
		{presetTopic, "panikkangst", "angst"},
		{presetTopic, "Angst", "angst"},
		{presetTopic, "qqqq", ""},
		{presetTopic, "Bergen", ""},
		{"colour", "blue", ""},
	} {
		assert.Equal(t, c.want, m.preset(c.kind, c.value), "%s=%q", c.kind, c.value)
	}
	assert.Equal(t, "", (&module{}).preset(presetTopic, "sorg"), "before load")
}

func TestLabels(t *testing.T) {
	m := loadedModule(t)
	var v struct {
		Topics map[string]map[string]string `json:"topics"`
		Places map[string][]struct {
			Name     string `json:"name"`
			Language string `json:"language"`
		} `json:"places"`
	}
	require.NoError(t, json.Unmarshal([]byte(m.labelsOut()), &v))
	assert.Equal(t, "Sorg og tap", v.Topics["sorg"]["nb"])
	assert.Len(t, v.Topics, len(m.ds.Topics))
	require.NotEmpty(t, v.Places["5612"])
	assert.Equal(t, "Guovdageaidnu", v.Places["5612"][0].Name)
	assert.Equal(t, "se", v.Places["5612"][0].Language)
	assert.NotContains(t, v.Places, "0301", "only places with a name besides the Norwegian one")
	var e map[string]string
	require.NoError(t, json.Unmarshal([]byte((&module{}).labelsOut()), &e))
	assert.Equal(t, "dataset not loaded", e["error"])
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"plain", `q " b \ `, "ctl\x01\n", "Gáivuotna ø"} {
		var got string
		require.NoError(t, json.Unmarshal(appendJSONString(nil, s), &got))
		assert.Equal(t, s, got)
	}
}

func TestWithTopic(t *testing.T) {
	m := loadedModule(t)
	for _, c := range []struct {
		topic string
		some  bool
	}{{"angst", true}, {"ensomhet", true}, {"nope", false}} {
		var r struct {
			Results []struct {
				ContactPoint struct {
					ID           string   `json:"id"`
					Status       string   `json:"status"`
					LastVerified string   `json:"last_verified"`
					Topics       []string `json:"topics"`
				} `json:"contact_point"`
			} `json:"results"`
		}
		require.NoError(t, json.Unmarshal([]byte(m.withTopic(c.topic)), &r))
		assert.Equal(t, c.some, len(r.Results) > 0, c.topic)
		for i, x := range r.Results {
			assert.Contains(t, x.ContactPoint.Topics, c.topic)
			assert.NotEqual(t, "closed", x.ContactPoint.Status)
			if i > 0 {
				assert.GreaterOrEqual(t, r.Results[i-1].ContactPoint.LastVerified, x.ContactPoint.LastVerified, "newest first")
			}
		}
	}
}

func TestModuleAddThenBuild(t *testing.T) {
	m := &module{}
	require.Error(t, m.build(), "nothing added")
	require.NoError(t, m.add([]byte("[\n"+`{"version":"v1","topics":[{"id":"sorg","name":"Sorg og tap"}]},`+"\n"+`{"counties":[{"number":"46","name":"Vestland"}]}`+"\n]\n")))
	assert.Equal(t, "dataset not loaded", errorOf(t, m.search("sorg", opts{})), "add alone does not replace the engine")
	require.NoError(t, m.build())
	assert.Empty(t, errorOf(t, m.search("sorg", opts{})))
	old := m.eng
	require.NoError(t, m.add([]byte(`{"municipalities":[]}`)))
	assert.Same(t, old, m.eng, "the engine in use stays until the next build")
	for _, bad := range []string{"", "[", "[\n]", "[\n{\"x\":\n]", "<html>"} {
		assert.Error(t, (&module{}).add([]byte(bad)), bad)
	}
}

func errorOf(t *testing.T, out string) string {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	s, _ := v["error"].(string)
	return s
}

// modelHolding is a signals file whose crisis signal holds for every
// message (or for none): what the engine does with the signals is
// data/search's to test; here, that the module reads with those it is given.
func modelHolding(every bool) []byte {
	bias := float32(-5)
	if every {
		bias = 5
	}
	m := signal.Model{Shape: signal.Shape{Bits: 4, MinN: 2, MaxN: 2}, Scale: 1, Bias: bias, Threshold: 1, Weights: make([]int8, 1<<4)}
	return signal.Bundle{{Name: signal.CrisisName, Model: &m}}.Encode()
}

// TestModuleUseSignals: the signals fetched beside the module are read from
// the next search on, survive a rebuild (the postcodes come after them),
// and a file that does not decode is refused and changes nothing.
func TestModuleUseSignals(t *testing.T) {
	m := loadedModule(t)
	const calm = "vi har flyttet hit og kjenner ingen enda"
	hasCrisis := func() bool {
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(m.search(calm, opts{})), &v))
		return v["crisis"] != nil
	}
	require.NoError(t, m.useSignals(modelHolding(false)))
	assert.False(t, hasCrisis())
	require.NoError(t, m.useSignals(modelHolding(true)))
	assert.True(t, hasCrisis(), "read with the signal given")
	require.NoError(t, m.add([]byte(`{"municipalities":[]}`)))
	require.NoError(t, m.build())
	assert.True(t, hasCrisis(), "kept across a rebuild")
	for _, bad := range [][]byte{nil, []byte("SGNS"), modelHolding(false)[:40]} {
		assert.ErrorContains(t, m.useSignals(bad), "signals: ")
	}
	assert.True(t, hasCrisis(), "a bad file changes nothing")
}
