// Command bench-widget prints the widget's figures for `make bench`: the
// sizes of the loader and the module (raw, gzip, brotli, from assets.json of
// make assets), the time from first focus to first suggestion on a cold and a
// warm load in headless Chromium, and the per-keystroke time in the page
// (p50, p99). The server is local, so the load times leave out the network.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/worker/api"
)

func main() {
	public := flag.String("public", "worker/public", "built assets (make assets)")
	data := flag.String("data", "data", "dataset folder")
	runs := flag.Int("runs", 5, "cold and warm loads to time")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium binary")
	flag.Parse()
	if err := run(*public, *data, *chromium, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench-widget:", err)
		os.Exit(1)
	}
}

type asset struct {
	Path   string `json:"path"`
	Bytes  int    `json:"bytes"`
	Gzip   int    `json:"gzip"`
	Brotli int    `json:"brotli"`
}

func run(public, dataDir, chromium string, runs int) error {
	b, err := os.ReadFile(filepath.Join(public, "assets.json"))
	if err != nil {
		return fmt.Errorf("read manifest (run make assets): %w", err)
	}
	var m struct {
		Files map[string]asset `json:"files"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("parse manifest: %w", err)
	}
	fmt.Println("widget sizes (brotli -q 11; budgets: loader 15 KB, module 600 KB)")
	for _, n := range []string{"widget.js", "finder.wasm", "wasm_exec.js", "dataset.json"} {
		a := m.Files[n]
		fmt.Printf("  %-13s raw %9s  gzip %9s  brotli %9s\n", n, kb(a.Bytes), kb(a.Gzip), kb(a.Brotli))
	}

	ds, err := store.LoadDir(dataDir)
	if err != nil {
		return err
	}
	h, err := api.New(api.Config{Dataset: ds, Static: os.DirFS(public)})
	if err != nil {
		return err
	}
	page := `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/widget.js"></script></head><body>` + strings.Repeat("<p>.</p>", 200) +
		`<selvhjelp-finder></selvhjelp-finder></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bench" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'")
			fmt.Fprint(w, page)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	if _, err := exec.LookPath(chromium); err != nil {
		return fmt.Errorf("chromium: %w", err)
	}
	profile, err := os.MkdirTemp("", "bench-widget-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(profile), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		return fmt.Errorf("start chromium: %w", err)
	}

	var cold, warm []float64
	for i := 0; i < runs; i++ {
		// A new browser context has an empty HTTP cache: a cold load.
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		if err := chromedp.Do(ctx); err != nil { // open the tab outside the timeout
			cancel()
			return err
		}
		c, err := focusToSuggestion(ctx, srv.URL+"/bench")
		if err != nil {
			cancel()
			return fmt.Errorf("cold load: %w", err)
		}
		if i == 0 {
			if phases, err := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType('resource').filter(e => /wasm|dataset|wasm_exec/.test(e.name)).map(e => e.name.split('/').pop().replace(/\.[0-9a-f]{12}\./, '.') + ' done ' + (e.responseEnd - window.__t0).toFixed(0) + ' ms').join(', ')`)); err == nil {
				fmt.Printf("  cold run 1 after focus: %s\n", phases)
			}
		}
		w, err := focusToSuggestion(ctx, srv.URL+"/bench") // same context: cached
		cancel()
		if err != nil {
			return fmt.Errorf("warm load: %w", err)
		}
		cold, warm = append(cold, c), append(warm, w)
	}
	fmt.Printf("\nfirst focus -> first suggestion, headless Chromium, local server, %d runs\n", runs)
	fmt.Printf("  cold (empty cache)  median %6.1f ms  min %6.1f  max %6.1f\n", pct(cold, 50), pct(cold, 0), pct(cold, 100))
	fmt.Printf("  warm (cached)       median %6.1f ms  min %6.1f  max %6.1f\n", pct(warm, 50), pct(warm, 0), pct(warm, 100))

	keys := keystrokes(ds)
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return err
	}
	if _, err := focusToSuggestion(ctx, srv.URL+"/bench"); err != nil {
		return err
	}
	js, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async (qs) => {
  const el = document.querySelector('selvhjelp-finder'), r = el.shadowRoot, input = r.querySelector('input');
  const out = [];
  for (const q of qs) {
    const changed = new Promise((res) => { const mo = new MutationObserver(() => { mo.disconnect(); res(); }); mo.observe(r, {subtree: true, childList: true}); });
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input'));
    await changed;
    out.push(performance.now() - t0);
  }
  return out;
})(`+string(js)+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("keystrokes: %w", err)
	}
	fmt.Printf("\nper keystroke in the page (search in the module + JSON.parse + DOM update), %d keystrokes\n", len(times))
	fmt.Printf("  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", pct(times, 50), pct(times, 90), pct(times, 99), pct(times, 100))
	idx := make([]int, len(times))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return times[idx[a]] > times[idx[b]] })
	fmt.Print("  slowest:")
	for _, i := range idx[:min(5, len(idx))] {
		fmt.Printf(" %q %.0f ms;", keys[i], times[i])
	}
	fmt.Println()
	return nil
}

// focusToSuggestion opens url, focuses the search box (which starts the
// load), types a query and returns the milliseconds until the first
// suggestion is in the DOM.
func focusToSuggestion(ctx context.Context, url string) (float64, error) {
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url),
		chromedp.Poll[chromedp.Void](`customElements.get('selvhjelp-finder') !== undefined`)); err != nil {
		return 0, err
	}
	ms, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`new Promise((res) => {
  const r = document.querySelector('selvhjelp-finder').shadowRoot, input = r.querySelector('input');
  const t0 = performance.now();
  const mo = new MutationObserver(() => { if (r.querySelector('[role=option]')) { mo.disconnect(); res(performance.now() - t0); } });
  mo.observe(r, {subtree: true, childList: true});
  window.__t0 = t0;
  input.focus();
  input.value = 'bergen';
  input.dispatchEvent(new Event('input'));
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const r = document.querySelector('selvhjelp-finder').shadowRoot; return r.querySelector('.f').dataset.state + ': ' + r.querySelector('.f').innerText; })()`))
		return 0, fmt.Errorf("%w (element: %.300s)", err, state)
	}
	return ms, nil
}

// keystrokes types real names from the dataset and topic words letter by
// letter, as people do: every prefix is one keystroke.
func keystrokes(d *dataset.Dataset) []string {
	var words []string
	for i, m := range d.Municipalities {
		if i%4 == 0 {
			words = append(words, strings.ToLower(m.Name))
		}
	}
	for _, t := range d.Topics {
		words = append(words, strings.ToLower(t.Name))
	}
	for i, p := range d.Postcodes {
		if i%400 == 0 {
			words = append(words, p.Code, "sorg "+strings.ToLower(p.Place))
		}
	}
	var out []string
	for _, w := range words {
		r := []rune(w)
		for i := 1; i <= len(r); i++ {
			out = append(out, string(r[:i]))
		}
	}
	return out
}

func pct(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(p / 100 * float64(len(s)-1))
	return s[i]
}

func kb(n int) string {
	if n <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1000)
}
