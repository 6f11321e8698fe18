package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBundleIsOneModule: the element's modules become one file that imports
// nothing (partners paste one tag), with the built-ins captured before any
// other module's code runs.
func TestBundleIsOneModule(t *testing.T) {
	b, err := bundleWidget("../../widget")
	require.NoError(t, err)
	js := string(b)
	assert.NotRegexp(t, `(?m)^\s*(import|export)\b`, js, "no import or export left")
	assert.Regexp(t, `(?s)^// .*finder/builtins\.js\ntry \{\n  performance\.mark\("selvhjelp-finder:loader"\)`, js, "the loader mark and the built-ins come first")
	assert.Contains(t, js, "customElements.define(\"selvhjelp-finder\"")
	assert.Contains(t, js, "Søket skjer på din enhet", "UTF-8 kept, not escaped")
}

// TestBundleErrorNamesFileAndLine: a broken module stops the build with
// the file, the line and what is wrong.
func TestBundleErrorNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, widgetEntry), []byte("import { x } from './finder/a.js';\nconsole.log(x);\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "finder"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "finder", "a.js"), []byte("export const y = 1;\nexport const x = (;\n"), 0o644))
	_, err := bundleWidget(dir)
	require.Error(t, err)
	assert.Regexp(t, `finder/a\.js:2:\d+: `, err.Error())
}
