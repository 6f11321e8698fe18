package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/search"
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
	for _, name := range []string{"finder.wasm", "wasm_exec.js", "widget.js", "widget.pinned.js", "dataset.json", "index.html", "demo.css", "embed.html", "embed.js", "builder.js"} {
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
	assert.Equal(t, "v1/hsds/services.json", m.Files["hsds/services.json"].Path)
	assert.FileExists(t, filepath.Join(out, "v1", "hsds", "services.json"))
	assert.FileExists(t, filepath.Join(out, "v1", "hsds", "dcat.jsonld"))

	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(page), "__")
	assert.NotContains(t, string(page), "<!--snippet-->")
	assert.Contains(t, string(page), m.Files["widget.pinned.js"].SRI)
	assert.Contains(t, string(page), "&lt;selvhjelp-finder municipality=&#34;4601&#34;&gt;", "snippets are shown as text")
	assert.GreaterOrEqual(t, strings.Count(string(page), "<selvhjelp-finder"), 6)

	// The builder's settings: the pinned loader and its SRI, the topics, and
	// the origin left to the page's script (no PUBLIC_ORIGIN here).
	pinned := m.Files["widget.pinned.js"]
	assert.Contains(t, string(page), `data-pinned="`+pinned.Path+`" data-integrity="`+pinned.SRI+`"`)
	assert.Contains(t, string(page), `data-origin=""`)
	assert.Contains(t, string(page), `data-suggest=""`, "no SUGGEST_URL: no form")
	assert.NotContains(t, string(page), "Foreslå et kontaktpunkt")
	assert.Contains(t, string(page), `<option value="sorg">`)
	assert.Contains(t, string(page), `src="`+m.Files["builder.js"].Path+`"`)
	assert.Contains(t, string(page), originPlaceholder+"/widget.js", "the builder's script fills in the origin")

	// The embed page loads the pinned loader and its script, nothing else.
	embed, err := os.ReadFile(filepath.Join(out, "embed.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(embed), "__")
	assert.Contains(t, string(embed), `<script type="module" src="`+pinned.Path+`" integrity="`+pinned.SRI+`"></script>`)
	assert.Contains(t, string(embed), `<script type="module" src="`+m.Files["embed.js"].Path+`" integrity="`+m.Files["embed.js"].SRI+`"></script>`)
	assert.Equal(t, 2, strings.Count(string(embed), "<script"))

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

func TestBuildWithOrigin(t *testing.T) {
	out := t.TempDir()
	_, err := build(config{Data: "../../data", Out: out, Widget: "../../widget", Wasm: fakeModule(t), Origin: "https://finder.example.no",
		Suggest: "https://console.example.no/foresla"})
	require.NoError(t, err)
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), `data-origin="https://finder.example.no"`)
	assert.Contains(t, string(page), `data-suggest="https://console.example.no/foresla"`, "the builder's snippets link to the form")
	assert.Contains(t, string(page), `<a href="https://console.example.no/foresla">Foreslå et kontaktpunkt</a>`)
	assert.Contains(t, string(page), "https://finder.example.no/widget.js")
	assert.Contains(t, string(page), "script-src https://finder.example.no 'wasm-unsafe-eval';")
	assert.NotContains(t, string(page), originPlaceholder)
}

func TestNormalizeOrigin(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		wantErr  bool
	}{
		{"", "", false},
		{"  ", "", false},
		{"https://finder.example.no", "https://finder.example.no", false},
		{"https://Finder.Example.no/", "https://finder.example.no", false},
		{"https://selvhjelp-finder.acme.workers.dev:443", "https://selvhjelp-finder.acme.workers.dev:443", false},
		{"http://127.0.0.1:8787", "http://127.0.0.1:8787", false},
		{"http://localhost:8787/", "http://localhost:8787", false},
		{"http://finder.example.no", "", true},
		{"finder.example.no", "", true},
		{"https://finder.example.no/widget.js", "", true},
		{"https://finder.example.no/?a=1", "", true},
		{"https://user@finder.example.no", "", true},
		{"javascript:alert(1)", "", true},
		{"https://", "", true},
		{"http://[::1]:8787", "http://[::1]:8787", false},
		{"https://finder.example.no:8443/", "https://finder.example.no:8443", false},
		// Crafted origins that would break out of a snippet's attribute or
		// a script's string: only scheme, host and port pass.
		{`https://finder.example.no"onload="alert(1)`, "", true},
		{`https://finder.example.no");alert(1);//`, "", true},
		{"https://finder.example.no(1)", "", true},
		{`https://finder.example.no\`, "", true},
		{"https://finder.example.no'", "", true},
		{"https://finder.example.no<", "", true},
		{"https://finder.example.no#x", "", true},
		{"https://finder.example.no:99999", "", true},
		{"https://finder.example.no:", "", true},
		{"https://finder.example.no:80a", "", true},
		{"https://-finder.example.no", "", true},
		{"https://finder..example.no", "", true},
		{"https://finder_x.example.no", "", true},
		{"https://finder.exämple.no", "", true},
		{"https://finder.example.no:443@evil.example", "", true},
		{"http://[::2]:8787", "", true},
		{"ftp://finder.example.no", "", true},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := normalizeOrigin(tt.in)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Regexp(t, `^(https?://[a-z0-9.:\[\]-]+)?$`, got, "nothing an attribute or a script string would need escaped")
		})
	}
}

func TestWranglerVar(t *testing.T) {
	for _, tt := range []struct {
		name, toml, want string
		wantErr          bool
	}{
		{"set", "name = \"x\"\n[vars]\nPUBLIC_ORIGIN = \"https://a.example\"\n", "https://a.example", false},
		{"comment after", "[vars]\nPUBLIC_ORIGIN = \"https://a.example\" # the origin\n", "https://a.example", false},
		{"empty", "[vars]\nPUBLIC_ORIGIN = \"\"\n", "", false},
		{"missing", "[vars]\nOTHER = \"1\"\n", "", false},
		{"other table", "[assets]\nPUBLIC_ORIGIN = \"https://wrong.example\"\n[vars]\n", "", false},
		{"no vars", "name = \"x\"\n", "", false},
		{"not a string", "[vars]\nPUBLIC_ORIGIN = 1\n", "", true},
		{"unterminated", "[vars]\nPUBLIC_ORIGIN = \"https://a\n", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := wranglerVar([]byte(tt.toml), "PUBLIC_ORIGIN")
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPublicOriginPrecedence(t *testing.T) {
	dir := t.TempDir()
	toml := filepath.Join(dir, "wrangler.toml")
	require.NoError(t, os.WriteFile(toml, []byte("[vars]\nPUBLIC_ORIGIN = \"https://toml.example\"\n"), 0o644))
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	for _, tt := range []struct {
		name, flag string
		env        map[string]string
		path, want string
		wantErr    bool
	}{
		{"wrangler.toml", "", nil, toml, "https://toml.example", false},
		{"environment wins", "", map[string]string{"PUBLIC_ORIGIN": "https://env.example"}, toml, "https://env.example", false},
		{"empty environment wins", "", map[string]string{"PUBLIC_ORIGIN": ""}, toml, "", false},
		{"flag wins", "https://flag.example", map[string]string{"PUBLIC_ORIGIN": "https://env.example"}, toml, "https://flag.example", false},
		{"no wrangler.toml", "", nil, filepath.Join(dir, "none.toml"), "", false},
		{"bad value", "", map[string]string{"PUBLIC_ORIGIN": "finder.example"}, toml, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := publicOrigin(tt.flag, env(tt.env), tt.path)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestRepositoryWranglerOrigin(t *testing.T) {
	// The checked-in settings parse and are valid (or empty).
	none := func(string) (string, bool) { return "", false }
	_, err := publicOrigin("", none, "../../worker/wrangler.toml")
	assert.NoError(t, err)
	_, err = suggestURL("", none, "../../worker/wrangler.toml")
	assert.NoError(t, err)
}

func TestSuggestURL(t *testing.T) {
	toml := filepath.Join(t.TempDir(), "wrangler.toml")
	require.NoError(t, os.WriteFile(toml, []byte("[vars]\nSUGGEST_URL = \"https://console.example/foresla\"\n"), 0o644))
	for _, tt := range []struct {
		name, flag string
		env        map[string]string
		want, err  string
	}{
		{"wrangler.toml", "", nil, "https://console.example/foresla", ""},
		{"environment wins", "", map[string]string{"SUGGEST_URL": "http://127.0.0.1:8788/foresla"}, "http://127.0.0.1:8788/foresla", ""},
		{"empty environment: no form", "", map[string]string{"SUGGEST_URL": ""}, "", ""},
		{"flag wins", "https://Flag.example/f", map[string]string{"SUGGEST_URL": "https://env.example/f"}, "https://flag.example/f", ""},
		{"http only on loopback", "http://console.example/foresla", nil, "", "https"},
		{"no quotes or markup", `https://console.example/"><script>`, nil, "", "path"},
		{"no query", "https://console.example/foresla?x=1", nil, "", "path"},
		{"no user", "https://u@console.example/foresla", nil, "", "scheme://host"},
		{"not an address", "console.example/foresla", nil, "", "not an address"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := suggestURL(tt.flag, func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }, toml)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBuildRefusesAModuleOverBudget(t *testing.T) {
	if brotliSize([]byte("x")) < 0 {
		t.Skip("no brotli tool")
	}
	_, err := build(config{Data: "../../data", Out: t.TempDir(), Widget: "../../widget", Wasm: fakeModule(t), Budget: 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "over its budget")
}

func TestBuildRefusesALoaderOverBudget(t *testing.T) {
	if brotliSize([]byte("x")) < 0 {
		t.Skip("no brotli tool")
	}
	_, err := build(config{Data: "../../data", Out: t.TempDir(), Widget: "../../widget", Wasm: fakeModule(t), LoaderBudget: 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "widget.js is")
	assert.Contains(t, err.Error(), "over its budget")
}

func TestBuildWritesEngineAndParts(t *testing.T) {
	out := t.TempDir()
	m, err := build(config{Data: "../../data", Out: out, Widget: "../../widget", Wasm: fakeModule(t)})
	require.NoError(t, err)
	assert.True(t, m.Files["engine.js"].Immutable)
	assert.Regexp(t, `^v1/dataset-core\.[0-9a-f]{12}\.json$`, m.Files["dataset-core.json"].Path)
	assert.Regexp(t, `^v1/postcodes\.[0-9a-f]{12}\.json$`, m.Files["postcodes.json"].Path)
	assert.True(t, m.Files["dataset-core.json"].Immutable)
	assert.True(t, m.Files["postcodes.json"].Immutable)
	loader, err := os.ReadFile(filepath.Join(out, "widget.js"))
	require.NoError(t, err)
	assert.Contains(t, string(loader), m.Files["engine.js"].Path)
	engine, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m.Files["engine.js"].Path)))
	require.NoError(t, err)
	for _, ph := range []string{phWasm, phExec, phCore, phPostcode, phWasmSRI, phExecSRI, phCoreSRI, phPostcodesSRI} {
		assert.NotContains(t, string(engine), ph)
	}
	assert.NotContains(t, string(loader), phEngineSRI)
	assert.NotRegexp(t, `'__[A-Z_]+__'`, string(engine), "no placeholder left")
	assert.NotRegexp(t, `["']__[A-Z_]+__["']`, string(loader), "no placeholder left")
	assert.Contains(t, string(engine), m.Files["finder.wasm"].Path)
}

// TestEveryFileTheLoaderBringsInIsPinned (issue 19): widget.js holds the
// engine's name and SHA-384; the engine holds the name and SHA-384 of the
// module, wasm_exec.js, both dataset parts and the signals file, each the SRI of the bytes
// written; the parts have hashed names, and an older build's parts are removed.
func TestEveryFileTheLoaderBringsInIsPinned(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(out, "v1"), 0o755))
	for _, old := range []string{"v1/dataset-core.0123456789ab.json", "v1/postcodes.0123456789ab.json", "v1/dataset-core.json", "v1/postcodes.json"} {
		require.NoError(t, os.WriteFile(filepath.Join(out, filepath.FromSlash(old)), []byte("old"), 0o644))
	}
	m, err := build(config{Data: "../../data", Out: out, Widget: "../../widget", Wasm: fakeModule(t)})
	require.NoError(t, err)
	for _, old := range []string{"v1/dataset-core.0123456789ab.json", "v1/postcodes.0123456789ab.json", "v1/dataset-core.json", "v1/postcodes.json"} {
		assert.NoFileExists(t, filepath.Join(out, filepath.FromSlash(old)))
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(m.Files[name].Path)))
		require.NoError(t, err, name)
		assert.Equal(t, sri(b), m.Files[name].SRI, name)
		return string(b)
	}
	loader, engine := read("widget.js"), read("engine.js")
	assert.Equal(t, loader, read("widget.pinned.js"))
	// A name and its hash sit side by side in the bundle: check both are there.
	assert.Contains(t, loader, `ENGINE = "`+m.Files["engine.js"].Path+`";`+"\n"+`var ENGINE_SRI = "`+m.Files["engine.js"].SRI+`";`)
	for _, name := range []string{"finder.wasm", "wasm_exec.js", "dataset-core.json", "postcodes.json", "signals.bin"} {
		read(name)
		assert.Contains(t, engine, "'"+m.Files[name].Path+"'", name)
		assert.Contains(t, engine, "'"+m.Files[name].SRI+"'", name)
	}
	assert.Regexp(t, `^sha384-[A-Za-z0-9+/]{64}$`, m.Files["postcodes.json"].SRI)
	// The signals the module is built without are the ones native
	// builds carry, under an immutable hashed name.
	assert.Equal(t, string(search.SignalsFile()), read("signals.bin"))
	assert.Regexp(t, `^signals\.[0-9a-f]{12}\.bin$`, m.Files["signals.bin"].Path)
	assert.True(t, m.Files["signals.bin"].Immutable)
	// The embed page pins its loader and its script the same way.
	embed := read("embed.html")
	assert.Contains(t, embed, `src="`+m.Files["widget.pinned.js"].Path+`" integrity="`+m.Files["widget.pinned.js"].SRI+`"`)
	assert.Contains(t, embed, `src="`+m.Files["embed.js"].Path+`" integrity="`+m.Files["embed.js"].SRI+`"`)
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
