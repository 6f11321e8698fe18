package api

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

// TestRealDataset runs the handler over the shipped dataset: the worker's
// answers are the engine's, byte for byte, and real places resolve.
func TestRealDataset(t *testing.T) {
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	h, err := New(Config{Dataset: d, BuildID: "test"})
	require.NoError(t, err)
	engine, err := search.New(d)
	require.NoError(t, err)

	tests := []struct {
		query, municipality string // municipality: the place the query resolves to, "" for none
	}{
		{"tromsø", "5501"},
		{"Tromsø", "5501"},
		{"bergen", "4601"},
		{"5003", "4601"},
		{"sorg bergen", "4601"},
		{"qqqqq", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := do(t, h, "GET", "/v1/search?q="+url.QueryEscape(tt.query)+"&limit=5", nil)
			require.Equal(t, 200, rec.Code)
			want := engine.Search(tt.query, search.Options{Limit: 5}).AppendJSON(nil)
			assert.Equal(t, string(want), rec.Body.String())
			var res search.Response
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res))
			if tt.municipality == "" {
				assert.Nil(t, res.Place)
				return
			}
			require.NotNil(t, res.Place)
			assert.Equal(t, tt.municipality, res.Place.Municipality)
			assert.NotEmpty(t, res.Results)
		})
	}
}
