package store

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/selvhjelp/finder/data/dataset"

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
		if k != "lexicon" {
			for i := range elems {
				assert.Equal(t, string(elems[i]), string(merged[k][i]), "%s #%d copied byte for byte", k, i+1)
			}
		}
	}
	assert.NotContains(t, string(core), `"postcodes"`)
	// The lexicon's notes are for its reviewers: the core leaves them out
	// and keeps everything else of every entry.
	var lex []dataset.Lexeme
	for _, e := range merged["lexicon"] {
		var x dataset.Lexeme
		require.NoError(t, json.Unmarshal(e, &x))
		lex = append(lex, x)
	}
	require.NotEmpty(t, lex)
	assert.True(t, slices.ContainsFunc(ds.Lexicon, func(x dataset.Lexeme) bool { return x.Note != "" }), "the fixture has notes")
	assert.Equal(t, CoreLexicon(Canonical(ds).Lexicon), lex)
	_, _, err = SplitBundle([]byte(`{"counties":[]}`))
	assert.Error(t, err, "no version")
}
