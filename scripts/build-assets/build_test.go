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

// fakeModule stands in for the compiled module so the test needs no wasm build.
func fakeModule(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "fake.wasm")
	require.NoError(t, os.WriteFile(p, []byte("\x00asm\x01\x00\x00\x00"), 0o644))
	return p
}

func TestBuildWritesAssetsAndManifest(t *testing.T) {
	out := t.TempDir()
	// An old build's hashed file is removed; other files are left alone.
	require.NoError(t, os.WriteFile(filepath.Join(out, "finder.0123456789ab.wasm"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, "_headers"), []byte("x"), 0o644))
	m, err := build(config{Data: "../../data", Out: out, Widget: "../../widget", Wasm: fakeModule(t)})
	require.NoError(t, err)

	assert.NoFileExists(t, filepath.Join(out, "finder.0123456789ab.wasm"))
	assert.FileExists(t, filepath.Join(out, "_headers"))
	for _, name := range []string{"finder.wasm", "wasm_exec.js", "widget.js", "widget.pinned.js", "dataset.json", "index.html", "demo.css"} {
		a, ok := m.Files[name]
		require.True(t, ok, name)
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(a.Path)))
		require.NoError(t, err, name)
		assert.Equal(t, len(b), a.Bytes, name)
		assert.Equal(t, sri(b), a.SRI, name)
		assert.Equal(t, hashedPattern.MatchString(a.Path), a.Immutable, name)
	}
	loader, err := os.ReadFile(filepath.Join(out, "widget.js"))
	require.NoError(t, err)
	assert.NotContains(t, string(loader), "__FINDER_WASM__")
	assert.Contains(t, string(loader), m.Files["engine.js"].Path, "the loader names the engine, which names the module")
	engineJS, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m.Files["engine.js"].Path)))
	require.NoError(t, err)
	assert.Contains(t, string(engineJS), m.Files["finder.wasm"].Path)
	assert.Contains(t, string(engineJS), m.Files["wasm_exec.js"].Path)
	assert.Equal(t, "application/wasm", m.Files["finder.wasm"].ContentType)
	assert.Equal(t, "v1/dataset.json", m.Files["dataset.json"].Path)

	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(page), "__")
	assert.NotContains(t, string(page), "<!--snippet-->")
	assert.Contains(t, string(page), m.Files["widget.pinned.js"].SRI)
	assert.Contains(t, string(page), "&lt;selvhjelp-finder municipality=&#34;4601&#34;&gt;", "snippets are shown as text")
	assert.GreaterOrEqual(t, strings.Count(string(page), "<selvhjelp-finder"), 6)

	var onDisk Manifest
	b, err := os.ReadFile(filepath.Join(out, "assets.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &onDisk))
	assert.Equal(t, *m, onDisk)
}

func TestBuildRefusesInvalidData(t *testing.T) {
	data := t.TempDir()
	ents, err := os.ReadDir("../../data")
	require.NoError(t, err)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".json") {
			b, err := os.ReadFile(filepath.Join("../../data", e.Name()))
			require.NoError(t, err)
			if e.Name() == "contact_points.json" {
				// A contact point in a municipality that does not exist.
				b = []byte(strings.Replace(string(b), `"municipality": "4601"`, `"municipality": "9999"`, 1))
			}
			require.NoError(t, os.WriteFile(filepath.Join(data, e.Name()), b, 0o644))
		}
	}
	out := t.TempDir()
	_, err = build(config{Data: data, Out: out, Widget: "../../widget", Wasm: fakeModule(t)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not building")
	assert.NoFileExists(t, filepath.Join(out, "widget.js"))
}

func TestSubstitute(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		vars      map[string]string
		want      string
		wantErr   bool
	}{
		{"all", "a __X__ b __Y__ __X__", map[string]string{"__X__": "1", "__Y__": "2"}, "a 1 b 2 1", false},
		{"missing placeholder", "a", map[string]string{"__X__": "1"}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := substitute([]byte(tc.src), tc.vars)
			if tc.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
}

func TestHashedNames(t *testing.T) {
	a, b := hashed("finder", ".wasm", []byte("a")), hashed("finder", ".wasm", []byte("b"))
	assert.NotEqual(t, a, b)
	assert.Equal(t, a, hashed("finder", ".wasm", []byte("a")))
	assert.True(t, hashedPattern.MatchString(a))
	assert.False(t, hashedPattern.MatchString("widget.js"))
}

func TestBuildRefusesAModuleOverBudget(t *testing.T) {
	if brotliSize([]byte("x")) < 0 {
		t.Skip("no brotli tool")
	}
	_, err := build(config{Data: "../../data", Out: t.TempDir(), Widget: "../../widget", Wasm: fakeModule(t), Budget: 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "over its budget")
}

func TestBuildWritesEngineAndParts(t *testing.T) {
	out := t.TempDir()
	m, err := build(config{Data: "../../data", Out: out, Widget: "../../widget", Wasm: fakeModule(t)})
	require.NoError(t, err)
	assert.True(t, m.Files["engine.js"].Immutable)
	assert.Equal(t, "v1/dataset-core.json", m.Files["dataset-core.json"].Path)
	assert.Equal(t, "v1/postcodes.json", m.Files["postcodes.json"].Path)
	loader, err := os.ReadFile(filepath.Join(out, "widget.js"))
	require.NoError(t, err)
	assert.Contains(t, string(loader), m.Files["engine.js"].Path)
	engine, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m.Files["engine.js"].Path)))
	require.NoError(t, err)
	for _, ph := range []string{phWasm, phExec, phCore, phPostcode} {
		assert.NotContains(t, string(engine), ph)
	}
	assert.Contains(t, string(engine), m.Files["finder.wasm"].Path)
}

func TestWasmSizesPerPackage(t *testing.T) {
	for _, c := range []struct{ sym, pkg string }{
		{"github.com_selvhjelp_finder_data_search.__Engine_.Search", "github.com/selvhjelp/finder/data/search"},
		{"internal_abi.Kind.String", "internal/abi"},
		{"runtime.__mheap_.alloc", "runtime"},
		{"main.main", "main"},
		{"", "(unnamed)"},
	} {
		assert.Equal(t, c.pkg, goPackage(c.sym), c.sym)
	}
	_, err := wasmSizes([]byte("not wasm"))
	assert.Error(t, err)
	_, err = wasmSizes([]byte("\x00asm\x01\x00\x00\x00"))
	assert.Error(t, err, "no name section")
}
