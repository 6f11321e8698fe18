package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitBundleKeepsEveryRecord(t *testing.T) {
	ds, err := LoadDir("..")
	require.NoError(t, err)
	b, err := Bundle(ds)
	require.NoError(t, err)
	core, postcodes, err := SplitBundle(b)
	require.NoError(t, err)
	merged := map[string][]json.RawMessage{}
	for _, file := range [][]byte{core, postcodes} {
		var parts []map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(file, &parts), "a parts file is one JSON array")
		for _, line := range strings.Split(strings.TrimSpace(string(file)), "\n") {
			assert.LessOrEqual(t, len(line), 2*partBytes, "one part a line, each small")
		}
		for _, p := range parts {
			for k, v := range p {
				if k == "version" {
					continue
				}
				var elems []json.RawMessage
				require.NoError(t, json.Unmarshal(v, &elems), k)
				merged[k] = append(merged[k], elems...)
			}
		}
	}
	var whole map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &whole))
	for k, v := range whole {
		if k == "version" {
			continue
		}
		var elems []json.RawMessage
		require.NoError(t, json.Unmarshal(v, &elems), k)
		assert.Equal(t, len(elems), len(merged[k]), k)
	}
	assert.NotContains(t, string(core), `"postcodes"`)
	_, _, err = SplitBundle([]byte(`{"counties":[]}`))
	assert.Error(t, err, "no version")
}
