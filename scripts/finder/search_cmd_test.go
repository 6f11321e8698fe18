package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contract is the fixed part of the search contract, as a client reads it.
type contract struct {
	Query string `json:"query"`
	Place *struct {
		Municipality string `json:"municipality"`
		Matched      string `json:"matched"`
	} `json:"place"`
	Topic *struct {
		ID string `json:"id"`
	} `json:"topic"`
	Suggestions []json.RawMessage `json:"suggestions"`
	Results     []struct {
		Relation     string `json:"relation"`
		ContactPoint struct {
			ID string `json:"id"`
		} `json:"contact_point"`
	} `json:"results"`
}

func TestSearchCommand(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		stdin       string
		lines       int
		place       []string // per line, "" = null
		topic       []string
		maxSugg     int
		wantCode    int
		errContains string
	}{
		{name: "one query", args: []string{"search", "angst", "i", "tromsø"}, lines: 1, place: []string{"5501"}, topic: []string{"angst"}},
		{name: "json lines from stdin", args: []string{"search"}, stdin: "bergen\n5003 angst\nqqqqq\n\nGuovdageaidnu\n", lines: 5,
			place: []string{"4601", "4601", "", "", "5612"}, topic: []string{"", "angst", "", "", ""}},
		{name: "limit", args: []string{"search", "--limit", "2", "b"}, lines: 1, place: []string{""}, maxSugg: 2},
		{name: "preset municipality", args: []string{"search", "--municipality", "4601", "sorg"}, lines: 1, place: []string{"4601"}, topic: []string{"sorg"}},
		{name: "negative limit", args: []string{"search", "--limit", "-1", "x"}, wantCode: 2, errContains: "negativ"},
		{name: "missing data folder", args: []string{"search", "--data", "/nonexistent", "x"}, wantCode: 1, errContains: "/nonexistent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.stdin, tt.args...)
			require.Equal(t, tt.wantCode, code, errOut)
			if tt.wantCode != 0 {
				assert.Contains(t, errOut, tt.errContains)
				return
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			require.Len(t, lines, tt.lines)
			for i, line := range lines {
				var c contract
				require.NoError(t, json.Unmarshal([]byte(line), &c), line)
				assert.NotNil(t, c.Suggestions)
				assert.NotNil(t, c.Results)
				if tt.place != nil {
					got := ""
					if c.Place != nil {
						got = c.Place.Municipality
					}
					assert.Equal(t, tt.place[i], got, line)
				}
				if tt.topic != nil {
					got := ""
					if c.Topic != nil {
						got = c.Topic.ID
					}
					assert.Equal(t, tt.topic[i], got, line)
				}
				if tt.maxSugg > 0 {
					assert.LessOrEqual(t, len(c.Suggestions), tt.maxSugg)
					assert.LessOrEqual(t, len(c.Results), tt.maxSugg)
				}
			}
		})
	}
}

func TestSearchCommandReadsDataFolder(t *testing.T) {
	dir := copyData(t)
	// A contact point renamed in the folder shows up in the results.
	replaceIn(t, filepath.Join(dir, "contact_points.json"), `"name": "LINK Bergen og omegn"`, `"name": "LINK Bergen (endret)"`)
	code, out, errOut := runCmd(t, "", "search", "--data", dir, "bergen")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "LINK Bergen (endret)")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "topics.json"), []byte("{"), 0o644))
	code, _, errOut = runCmd(t, "", "search", "--data", dir, "bergen")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "topics.json")
}
