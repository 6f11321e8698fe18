package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// widgetEntry is the element's source entry point in the widget folder: it
// imports the modules under finder/ (one concern each), which bundleWidget
// joins into the single widget.js partners embed.
const widgetEntry = "selvhjelp-finder.js"

// bundleWidget bundles the element's ES modules into one ES module with
// esbuild (the Go library, so the build needs no Node): no minifying, so
// widget.js stays readable and its brotli size is what the budget measures;
// UTF-8 kept as is (the texts are Norwegian and Sami). A warning fails the
// build as an error does, naming file and line.
func bundleWidget(dir string) ([]byte, error) {
	r := api.Build(api.BuildOptions{
		EntryPoints:   []string{filepath.Join(dir, widgetEntry)},
		Bundle:        true,
		Format:        api.FormatESModule,
		Platform:      api.PlatformBrowser,
		Target:        api.ES2022,
		Charset:       api.CharsetUTF8,
		LegalComments: api.LegalCommentsNone,
		Write:         false,
		LogLevel:      api.LogLevelSilent,
	})
	if msgs := append(r.Errors, r.Warnings...); len(msgs) > 0 {
		var b strings.Builder
		for _, m := range msgs {
			b.WriteString("\n  ")
			if m.Location != nil {
				fmt.Fprintf(&b, "%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column)
			}
			b.WriteString(m.Text)
		}
		return nil, fmt.Errorf("bundle %s: %d problems:%s", widgetEntry, len(msgs), b.String())
	}
	if len(r.OutputFiles) != 1 {
		return nil, fmt.Errorf("bundle %s: esbuild wrote %d files, want 1", widgetEntry, len(r.OutputFiles))
	}
	return r.OutputFiles[0].Contents, nil
}
