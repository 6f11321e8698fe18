// Command build-assets builds what the browser loads into one folder that the
// worker serves as static assets:
//
//	widget.js                    the loader partners embed (short cache)
//	widget.<hash>.js             the same loader under an immutable name, for SRI pinning
//	engine.<hash>.js             loads and runs the module (in a Web Worker, else in slices on the page)
//	finder.<hash>.wasm           the search module (GOOS=js GOARCH=wasm), at most 600 KB brotli
//	wasm_exec.<hash>.js          Go's JS glue for the module
//	v1/dataset.json              the validated dataset bundle (for partners and the API)
//	v1/dataset-core.<hash>.json  the same without postcodes, as parts (what the first keystroke needs)
//	v1/postcodes.<hash>.json     the postcodes, as parts
//	index.html, demo.*           the demo page partners copy snippets from, with the snippet builder (builder.<hash>.js)
//	embed.html                   the embed page (/embed) for iframes, with embed.<hash>.js
//	assets.json                  manifest: logical name -> file, bytes, SRI, cache policy
//
// The loader pins engine.<hash>.js with its SHA-384, and engine.js pins the
// module, wasm_exec.js and both parts files the same way: the browser refuses
// any of them that is not what this build wrote.
//
// It refuses to build when the dataset has errors or the module is over its
// budget, and prints the module's code per Go package and the loader's SRI
// hash.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var c config
	flag.StringVar(&c.Data, "data", "data", "dataset folder (data/*.json)")
	flag.StringVar(&c.Out, "out", "worker/public", "output folder")
	flag.StringVar(&c.Widget, "widget", "widget", "folder with selvhjelp-finder.js and the demo page sources")
	flag.StringVar(&c.Wasm, "wasm", "", "use this prebuilt module instead of compiling ./wasm")
	originFlag := flag.String("origin", "", "the worker's public origin for the snippets (default: PUBLIC_ORIGIN from the environment, else worker/wrangler.toml [vars])")
	suggestFlag := flag.String("suggest-url", "", "the console's suggestion form for the demo page and its snippets (default: SUGGEST_URL from the environment, else worker/wrangler.toml [vars])")
	wrangler := flag.String("wrangler", "worker/wrangler.toml", "wrangler.toml to read [vars] PUBLIC_ORIGIN and SUGGEST_URL from")
	flag.IntVar(&c.Budget, "budget", moduleBudget, "most bytes the module may weigh, brotli -q 11")
	flag.Parse()
	var err error
	if c.Origin, err = publicOrigin(*originFlag, os.LookupEnv, *wrangler); err != nil {
		fmt.Fprintln(os.Stderr, "build-assets:", err)
		os.Exit(1)
	}
	if c.Suggest, err = suggestURL(*suggestFlag, os.LookupEnv, *wrangler); err != nil {
		fmt.Fprintln(os.Stderr, "build-assets:", err)
		os.Exit(1)
	}
	m, err := build(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "build-assets:", err)
		os.Exit(1)
	}
	for _, name := range m.names() {
		a := m.Files[name]
		fmt.Printf("%-18s %-28s %9d B  gzip %8d B  brotli %8s\n", name, a.Path, a.Bytes, a.Gzip, brotliText(a.Brotli))
	}
	if len(m.ModulePackages) > 0 {
		fmt.Printf("\nmodule code per Go package (raw bytes; the module is %s brotli, budget %d B):\n", brotliText(m.Files["finder.wasm"].Brotli), moduleBudget)
		other := 0
		for i, p := range m.ModulePackages {
			if i < 14 {
				fmt.Printf("  %9d B  %s\n", p.Bytes, p.Pkg)
			} else {
				other += p.Bytes
			}
		}
		fmt.Printf("  %9d B  (%d other packages)\n", other, len(m.ModulePackages)-14)
	}
	w := m.Files["widget.pinned.js"]
	fmt.Printf("\nSRI of the loader (pin %s):\n  %s\n", w.Path, w.SRI)
	if c.Origin == "" {
		fmt.Println("Snippets: the origin the demo page is loaded from (PUBLIC_ORIGIN is empty)")
	} else {
		fmt.Println("Snippets: " + c.Origin)
	}
}

func brotliText(n int) string {
	if n < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d B", n)
}
