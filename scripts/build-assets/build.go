package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/hsds"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/search/firstanswers"
	"github.com/selvhjelp/finder/data/search/signal"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
	wasmbundle "github.com/selvhjelp/finder/wasm/bundle"
)

type config struct {
	Data, Out, Widget, Wasm string
	// Origin is the worker's public origin (PUBLIC_ORIGIN), written into the
	// snippets of the demo page; "" leaves it to the page's script, which
	// uses the origin it was loaded from.
	Origin string
	// Suggest is the address of the console's suggestion form (SUGGEST_URL):
	// the demo page links to it and its snippets set suggest-url; "" for none.
	Suggest string
	// Budget is the most the module may weigh, brotli; 0 means moduleBudget.
	Budget int
	// LoaderBudget is the most widget.js may weigh, brotli; 0 means loaderBudget.
	LoaderBudget int
}

// Asset is one manifest entry.
type Asset struct {
	Path        string `json:"path"` // relative to the output folder, "/"-separated
	Bytes       int    `json:"bytes"`
	Gzip        int    `json:"gzip"`
	Brotli      int    `json:"brotli"` // -1 when no brotli tool was found
	SRI         string `json:"sri"`    // sha384-...
	ContentType string `json:"content_type"`
	Immutable   bool   `json:"immutable"` // content-hashed name: cache for a year
}

// Manifest is assets.json.
type Manifest struct {
	DatasetVersion string           `json:"dataset_version"`
	Files          map[string]Asset `json:"files"`
	// ModulePackages is the module's code per Go package (raw bytes, largest
	// first), when build-assets compiled it.
	ModulePackages []pkgSize `json:"module_packages,omitempty"`
}

func (m *Manifest) names() []string {
	var n []string
	for k := range m.Files {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

// Placeholders in the element's modules (widget/finder/engine-client.js), engine.js and demo.html. Every file
// the loader brings in is named with its content hash and pinned with its
// SHA-384 (SRI): widget.js pins engine.js (phEngineSRI), and engine.js, whose
// bytes the loader has checked, pins wasm_exec.js, the module and both
// dataset parts files. A file that is not what the build wrote is refused.
const (
	phWasm         = "__FINDER_WASM__"
	phExec         = "__WASM_EXEC__"
	phEngine       = "__ENGINE__"
	phCore         = "__DATASET_CORE__"
	phPostcode     = "__POSTCODES__"
	phWasmSRI      = "__SRI_FINDER_WASM__"
	phExecSRI      = "__SRI_WASM_EXEC__"
	phEngineSRI    = "__SRI_ENGINE__"
	phCoreSRI      = "__SRI_DATASET_CORE__"
	phPostcodesSRI = "__SRI_POSTCODES__"
	phFirst        = "__FIRST_ANSWERS__"
	phFirstSRI     = "__SRI_FIRST_ANSWERS__"
	phSignal       = "__SIGNALS__"
	phSignalSRI    = "__SRI_SIGNALS__"
)

// signalBase names the signals file (the weights of the crisis signal and
// the topics' signals), which the browser module is built without
// (moduleTags) and the engine fetches beside it.
const signalBase = "signals"

// The dataset in two parts files (see wasm/bundle/parts.go), named with their
// content hash (v1/dataset-core.<hash>.json, v1/postcodes.<hash>.json) and
// pinned in engine.js, so that a loader only ever reads the dataset it was
// built with. Publishing a dataset rebuilds the assets (make publish runs
// make deploy, which runs make assets): widget.js then names a new engine,
// which names the new parts. v1/dataset.json keeps its name for partners and
// the API; the loader never reads it.
var (
	coreBase      = strings.TrimSuffix(store.CoreName, ".json")
	postcodesBase = strings.TrimSuffix(store.PostcodesName, ".json")
	firstBase     = "first-answers" // the engine's suggestions while it loads (firstAnswers)
)

// hashedPattern matches the names this command writes, so old builds are
// removed (the dataset parts under v1/ too: hashedDataPattern).
var (
	hashedPattern     = regexp.MustCompile(`^(widget|engine|finder|wasm_exec|demo|embed|builder|crisis-signal|signals)\.[0-9a-f]{12}\.(js|wasm|css|bin)$`)
	hashedDataPattern = regexp.MustCompile(`^(dataset-core|postcodes|first-answers)\.[0-9a-f]{12}\.json$`)
)

func build(c config) (*Manifest, error) {
	ds, err := store.LoadDir(c.Data)
	if err != nil {
		return nil, fmt.Errorf("load dataset: %w", err)
	}
	if ps := validate.Dir(c.Data); validate.Errors(ps) > 0 {
		var b strings.Builder
		for _, p := range ps {
			if !p.Warning {
				b.WriteString("\n  " + p.String())
			}
		}
		return nil, fmt.Errorf("dataset has %d errors, not building:%s", validate.Errors(ps), b.String())
	}
	bundle, err := store.Bundle(ds)
	if err != nil {
		return nil, err
	}
	if err := sameInModule(bundle); err != nil {
		return nil, err
	}
	version, err := bundleVersion(bundle)
	if err != nil {
		return nil, err
	}
	core, postcodes, err := store.SplitBundle(bundle)
	if err != nil {
		return nil, err
	}
	if err := samePartsInModule(bundle, core, postcodes); err != nil {
		return nil, err
	}
	first, err := firstAnswers(core, ds)
	if err != nil {
		return nil, err
	}
	wasm, pkgs, err := moduleBytes(c.Wasm)
	if err != nil {
		return nil, err
	}
	if wasm, err = packedModule(wasm); err != nil {
		return nil, err
	}
	budget := c.Budget
	if budget == 0 {
		budget = moduleBudget
	}
	if n := brotliSize(wasm); n > budget {
		return nil, fmt.Errorf("the module is %d bytes brotli, over its budget of %d: not building%s", n, budget, pkgReport(pkgs))
	}
	sig := search.SignalsFile()
	if _, err := signal.DecodeBundle(sig); err != nil {
		return nil, fmt.Errorf("the signals (go generate ./data/search): %w", err)
	}
	engineSrc, err := os.ReadFile(filepath.Join(c.Widget, "engine.js"))
	if err != nil {
		return nil, fmt.Errorf("read engine: %w", err)
	}
	execJS, err := wasmExec()
	if err != nil {
		return nil, err
	}
	loaderSrc, err := bundleWidget(c.Widget)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(c.Out, "v1", "hsds"), 0o755); err != nil {
		return nil, fmt.Errorf("create output: %w", err)
	}
	if err := removeOld(c.Out, hashedPattern); err != nil {
		return nil, err
	}
	if err := removeOld(filepath.Join(c.Out, "v1"), hashedDataPattern); err != nil {
		return nil, err
	}
	// The parts files of builds before they were hashed.
	for _, n := range []string{store.CoreName, store.PostcodesName} {
		if err := os.Remove(filepath.Join(c.Out, "v1", n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("remove old asset: %w", err)
		}
	}

	m := &Manifest{DatasetVersion: version, Files: map[string]Asset{}, ModulePackages: pkgs}
	put := func(logical, path string, b []byte, ctype string, immutable bool) error {
		if err := os.WriteFile(filepath.Join(c.Out, filepath.FromSlash(path)), b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		m.Files[logical] = Asset{Path: path, Bytes: len(b), Gzip: gzipSize(b), Brotli: brotliSize(b), SRI: sri(b), ContentType: ctype, Immutable: immutable}
		return nil
	}
	wasmName := hashed("finder", ".wasm", wasm)
	execName := hashed("wasm_exec", ".js", execJS)
	coreName := "v1/" + hashed(coreBase, ".json", core)
	postcodesName := "v1/" + hashed(postcodesBase, ".json", postcodes)
	signalName := hashed(signalBase, ".bin", sig)
	engineJS, err := substitute(engineSrc, map[string]string{
		phWasm: wasmName, phExec: execName, phCore: coreName, phPostcode: postcodesName, phSignal: signalName,
		phWasmSRI: sri(wasm), phExecSRI: sri(execJS), phCoreSRI: sri(core), phPostcodesSRI: sri(postcodes), phSignalSRI: sri(sig),
	})
	if err != nil {
		return nil, err
	}
	engineName := hashed("engine", ".js", engineJS)
	firstName := "v1/" + hashed(firstBase, ".json", first)
	loader, err := substitute(loaderSrc, map[string]string{phEngine: engineName, phEngineSRI: sri(engineJS), phFirst: firstName, phFirstSRI: sri(first)})
	if err != nil {
		return nil, err
	}
	lb := c.LoaderBudget
	if lb == 0 {
		lb = loaderBudget
	}
	if n := brotliSize(loader); n > lb {
		return nil, fmt.Errorf("widget.js is %d bytes brotli, over its budget of %d: not building", n, lb)
	}
	loaderName := hashed("widget", ".js", loader)
	const js, jsCT = ".js", "text/javascript; charset=utf-8"
	steps := []struct {
		logical, path string
		b             []byte
		ctype         string
		immutable     bool
	}{
		{"finder.wasm", wasmName, wasm, "application/wasm", true},
		{"wasm_exec.js", execName, execJS, jsCT, true},
		{"signals.bin", signalName, sig, "application/octet-stream", true},
		{"engine.js", engineName, engineJS, jsCT, true},
		{"widget.js", "widget" + js, loader, jsCT, false},
		{"widget.pinned.js", loaderName, loader, jsCT, true},
		{"dataset.json", "v1/" + store.BundleName, bundle, "application/json; charset=utf-8", false},
		{"dataset-core.json", coreName, core, "application/json; charset=utf-8", true},
		{"postcodes.json", postcodesName, postcodes, "application/json; charset=utf-8", true},
		{"first-answers.json", firstName, first, "application/json; charset=utf-8", true},
	}
	for _, s := range steps {
		if err := put(s.logical, s.path, s.b, s.ctype, s.immutable); err != nil {
			return nil, err
		}
	}
	if err := writeHSDS(c, ds, put); err != nil {
		return nil, err
	}
	if err := writeEmbed(c, m, put); err != nil {
		return nil, err
	}
	if err := writeDemo(c, m, ds.Topics, put); err != nil {
		return nil, err
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(c.Out, "assets.json"), append(mb, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	return m, nil
}

// firstAnswers is the engine's suggestions for the beginnings of names
// (data/search/firstanswers), made by the engine from the core parts, as
// the module reads them at its start: the element shows them until the
// module answers, and the module's first answers are the same.
// The queries are the beginnings of every name in names (the whole
// dataset: a postal place's name is typed before the postcodes are in).
func firstAnswers(core []byte, names *dataset.Dataset) ([]byte, error) {
	var d dataset.Dataset
	if err := wasmbundle.DecodeParts(&d, core); err != nil {
		return nil, fmt.Errorf("first answers: decode core parts: %w", err)
	}
	eng, err := search.New(&d)
	if err != nil {
		return nil, fmt.Errorf("first answers: %w", err)
	}
	t, err := firstanswers.Build(eng, firstanswers.Keys(names))
	if err != nil {
		return nil, err
	}
	return t.JSON()
}

type putFunc func(logical, path string, b []byte, ctype string, immutable bool) error

// originPlaceholder stands for the worker's origin in the demo page's
// snippets when the build does not know it; the page's script
// (widget/builder.js) replaces it with the origin it was loaded from.
const originPlaceholder = "https://WORKER"

// writeEmbed writes the embed page (/embed, embed.html: the asset server's
// html_handling maps the one to the other) and its script. The page loads
// the pinned loader, so a page and its loader always belong together.
func writeEmbed(c config, m *Manifest, put putFunc) error {
	js, err := os.ReadFile(filepath.Join(c.Widget, "embed.js"))
	if err != nil {
		return fmt.Errorf("read embed.js: %w", err)
	}
	jsName := hashed("embed", ".js", js)
	if err := put("embed.js", jsName, js, "text/javascript; charset=utf-8", true); err != nil {
		return err
	}
	page, err := os.ReadFile(filepath.Join(c.Widget, "embed.html"))
	if err != nil {
		return fmt.Errorf("read embed.html: %w", err)
	}
	out, err := substitute(page, map[string]string{
		"__LOADER_PINNED__": m.Files["widget.pinned.js"].Path, "__LOADER_PINNED_SRI__": m.Files["widget.pinned.js"].SRI,
		"__EMBED_JS__": jsName, "__EMBED_JS_SRI__": sri(js),
	})
	if err != nil {
		return err
	}
	return put("embed.html", "embed.html", out, "text/html; charset=utf-8", false)
}

// writeDemo fills the demo page template with the asset names, the snippet
// builder's settings (origin, pinned loader and its SRI, topics) and the
// snippets partners copy.
func writeDemo(c config, m *Manifest, topics []dataset.Topic, put putFunc) error {
	css, err := os.ReadFile(filepath.Join(c.Widget, "demo.css"))
	if err != nil {
		return fmt.Errorf("read demo.css: %w", err)
	}
	cssName := hashed("demo", ".css", css)
	if err := put("demo.css", cssName, css, "text/css; charset=utf-8", true); err != nil {
		return err
	}
	page, err := os.ReadFile(filepath.Join(c.Widget, "demo.html"))
	if err != nil {
		return fmt.Errorf("read demo.html: %w", err)
	}
	builder, err := os.ReadFile(filepath.Join(c.Widget, "builder.js"))
	if err != nil {
		return fmt.Errorf("read builder.js: %w", err)
	}
	builderName := hashed("builder", ".js", builder)
	if err := put("builder.js", builderName, builder, "text/javascript; charset=utf-8", true); err != nil {
		return err
	}
	origin := c.Origin
	if origin == "" {
		origin = originPlaceholder
	}
	var opts strings.Builder
	for _, t := range topics {
		fmt.Fprintf(&opts, `<option value="%s">%s</option>`, html.EscapeString(t.ID), html.EscapeString(t.Name))
	}
	pinned := m.Files["widget.pinned.js"]
	vars := map[string]string{
		"__BUILDER__":               builderName,
		"__ORIGIN__":                html.EscapeString(c.Origin),
		"__ORIGIN_OR_PLACEHOLDER__": html.EscapeString(origin),
		"__PINNED__":                html.EscapeString(pinned.Path),
		"__INTEGRITY__":             html.EscapeString(pinned.SRI),
		"__TOPIC_OPTIONS__":         opts.String(),
		"__SUGGEST_URL__":           html.EscapeString(c.Suggest),
		"__SUGGEST_LINK__":          suggestLink(c.Suggest),
		"__DEMO_CSS__":              cssName,
		"__LOADER__":                "widget.js",
		"__DATASET__":               m.DatasetVersion,
		"__SNIPPET_SRI__": html.EscapeString(`<script type="module" src="` + attr(origin+`/`+pinned.Path) + `"
        integrity="` + attr(pinned.SRI) + `" crossorigin="anonymous"></script>`),
	}
	// Every embedding is shown live and as the snippet to copy.
	snippet := regexp.MustCompile(`(?s)<!--snippet-->\s*(.*?)\s*<!--/snippet-->`)
	page = snippet.ReplaceAllFunc(page, func(b []byte) []byte {
		el := snippet.FindSubmatch(b)[1]
		code := `<script type="module" src="` + attr(origin+`/widget.js`) + `"></script>` + "\n" + string(el)
		return []byte(string(el) + "\n<pre tabindex=\"0\"><code>" + html.EscapeString(code) + "</code></pre>")
	})
	out, err := substitute(page, vars)
	if err != nil {
		return err
	}
	return put("index.html", "index.html", out, "text/html; charset=utf-8", false)
}

// suggestLink is the demo page's line pointing to the suggestion form.
func suggestLink(u string) string {
	if u == "" {
		return ""
	}
	return `<p>Kjenner du et kontaktpunkt eller en gruppe som mangler, eller noe som er feil? <a href="` +
		html.EscapeString(u) + `">Foreslå et kontaktpunkt</a>.</p>`
}

// attr escapes a value for an HTML attribute inside a snippet, which the
// page then escapes once more to show it as text. normalizeOrigin already
// lets only letters, digits, ".", "-", ":" and "/" into an origin; this
// keeps the snippet well formed should that ever change.
func attr(s string) string { return html.EscapeString(s) }

// substitute replaces every placeholder and fails if one is missing, so a
// renamed placeholder cannot ship a broken loader.
func substitute(src []byte, vars map[string]string) ([]byte, error) {
	s := string(src)
	for k, v := range vars {
		if !strings.Contains(s, k) {
			return nil, fmt.Errorf("placeholder %s not found", k)
		}
		s = strings.ReplaceAll(s, k, v)
	}
	return []byte(s), nil
}

// sameInModule checks that the browser module's decoder (wasm/bundle, no
// encoding/json) reads the bundle exactly as the worker does, so that the two
// can never disagree on the data.
func sameInModule(b []byte) error {
	want, err := store.ParseBundle(b)
	if err != nil {
		return fmt.Errorf("parse bundle: %w", err)
	}
	got, err := wasmbundle.Decode(b)
	if err != nil {
		return fmt.Errorf("module decoder: %w", err)
	}
	if !reflect.DeepEqual(want, got) {
		return errors.New("the module's decoder reads the bundle differently from the worker (wasm/bundle): not building")
	}
	return nil
}

func bundleVersion(b []byte) (string, error) {
	var v struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &v); err != nil || v.Version == "" {
		return "", errors.New("bundle has no version")
	}
	return v.Version, nil
}

func hashed(base, ext string, b []byte) string {
	sum := sha256.Sum256(b)
	return base + "." + hex.EncodeToString(sum[:])[:12] + ext
}

func sri(b []byte) string {
	sum := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// brotliSize uses the brotli CLI (Debian package brotli; Go's standard
// library has no brotli). -1 when it is missing.
func brotliSize(b []byte) int {
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		return -1
	}
	return len(out)
}

func removeOld(dir string, pattern *regexp.Regexp) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range ents {
		if pattern.MatchString(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("remove old asset: %w", err)
			}
		}
	}
	return nil
}

// moduleBytes compiles ./wasm (or reads a prebuilt module), and returns its
// code per Go package, read from a second build that keeps the names.
// moduleTags are the build tags of the browser module: browser leaves the
// signals' weights out of it (data/search/signals.go).
const moduleTags = "browser"

func moduleBytes(prebuilt string) ([]byte, []pkgSize, error) {
	if prebuilt != "" {
		b, err := os.ReadFile(prebuilt)
		if err != nil {
			return nil, nil, fmt.Errorf("read module: %w", err)
		}
		return b, nil, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return nil, nil, err
	}
	compile := func(ldflags string) ([]byte, error) {
		tmp, err := os.CreateTemp("", "finder-*.wasm")
		if err != nil {
			return nil, err
		}
		tmp.Close()
		defer os.Remove(tmp.Name())
		args := []string{"build", "-trimpath", "-tags=" + moduleTags}
		for _, f := range moduleGCFlags {
			args = append(args, "-gcflags="+f)
		}
		cmd := exec.Command("go", append(args, "-ldflags="+ldflags, "-o", tmp.Name(), "./wasm")...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("compile ./wasm: %w", err)
		}
		return os.ReadFile(tmp.Name())
	}
	b, err := compile("-s -w")
	if err != nil {
		return nil, nil, err
	}
	named, err := compile("-w")
	if err != nil {
		return nil, nil, err
	}
	pkgs, err := wasmSizes(named)
	if err != nil {
		return nil, nil, fmt.Errorf("module sizes: %w", err)
	}
	return b, pkgs, nil
}

// pkgReport lists the largest packages of the module, for an error.
func pkgReport(pkgs []pkgSize) string {
	var b strings.Builder
	for i, p := range pkgs {
		if i == 12 {
			break
		}
		fmt.Fprintf(&b, "\n  %9d B  %s", p.Bytes, p.Pkg)
	}
	return b.String()
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" || strings.TrimSpace(string(out)) == os.DevNull {
		return "", errors.New("run inside the finder module (go env GOMOD is empty)")
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// wasmExec returns Go's wasm_exec.js, which must match the compiler that
// built the module (lib/wasm since Go 1.24, misc/wasm before).
func wasmExec() ([]byte, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	root := strings.TrimSpace(string(out))
	for _, d := range []string{"lib/wasm", "misc/wasm"} {
		if b, err := os.ReadFile(filepath.Join(root, d, "wasm_exec.js")); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("wasm_exec.js not found under %s", root)
}

// writeHSDS puts the HSDS export and its DCAT-AP-NO description under
// v1/hsds/, served as static files with the dataset's headers.
func writeHSDS(c config, ds *dataset.Dataset, put func(logical, path string, b []byte, ctype string, immutable bool) error) error {
	files, err := hsds.Files(ds, strings.TrimSuffix(c.Origin, "/"))
	if err != nil {
		return err
	}
	for _, f := range []struct{ name, ctype string }{
		{hsds.ServicesFile, "application/json; charset=utf-8"},
		{hsds.DCATFile, "application/ld+json; charset=utf-8"},
	} {
		if err := put("hsds/"+f.name, "v1/hsds/"+f.name, files[f.name], f.ctype, false); err != nil {
			return err
		}
	}
	return nil
}
