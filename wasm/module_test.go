package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
