// Command bench-widget prints the widget's figures for `make bench`: the
// sizes of the loader and the module (from assets.json of make assets), and,
// in headless Chromium, what the element costs a host page:
//
//   - long tasks on the page's main thread from navigation to the first
//     suggestion (longest task, total blocking time: the sum of task time
//     over 50 ms), and while typing;
//   - first focus -> a visible state, and -> the first suggestion;
//   - input -> answer in the DOM (p99) and -> the next frame (p50, p99) per
//     keystroke;
//   - the selvhjelp-finder:* phase measures (fetch, compile, Go start, decode,
//     index, first search) and the warm path (second visit, cached);
//   - the same for a plain-JavaScript peer, <peer-finder> with Fuse.js 7
//     over the same names (peer.go), at normal and 4x CPU, and the ratio.
//
// Each is measured at normal CPU, at 4x CPU slowdown, and on an emulated slow
// phone (4x CPU, 1.6 Mbit/s, 150 ms RTT), on a host page of another origin
// with one element and on the demo page, as the median of -runs cold loads.
// The servers are local and serve brotli over HTTPS as Cloudflare does, so
// only the slow-phone rows include network time.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/worker/api"
)

func main() {
	public := flag.String("public", "worker/public", "built assets (make assets)")
	data := flag.String("data", "data", "dataset folder")
	runs := flag.Int("runs", 3, "cold loads per scenario (the median is printed)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium binary")
	only := flag.String("only", "", "run only the scenarios whose name contains this")
	flag.StringVar(&traceFile, "trace", "", "instead of the table: write a DevTools trace of one load of the first scenario -only selects to this file, and print what its long tasks run")
	flag.BoolVar(&traceWarm, "trace-warm", false, "with -trace: trace the second (warm) visit")
	flag.Parse()
	if err := run(*public, *data, *chromium, *runs, *only); err != nil {
		fmt.Fprintln(os.Stderr, "bench-widget:", err)
		os.Exit(1)
	}
}

var (
	traceFile string
	traceWarm bool
)

type asset struct {
	Path   string `json:"path"`
	Bytes  int    `json:"bytes"`
	Gzip   int    `json:"gzip"`
	Brotli int    `json:"brotli"`
}

type scenario struct {
	name string
	cpu  float64
	slow bool // 1.6 Mbit/s, 150 ms RTT
}

var scenarios = []scenario{{"normal CPU", 1, false}, {"4x CPU", 4, false}, {"slow phone", 4, true}}

// result is one cold load (and the warm load after it).
type result struct {
	Visible, First    float64   // ms after first focus + keystroke
	Longest, TBT      float64   // main-thread long tasks, loader -> first suggestion (the widget: and -> its module runs)
	TypingLongest     float64   // longest task while typing
	Paint             []float64 // input -> the next frame after the answer is in the DOM
	Answer            []float64 // input -> the answer is in the DOM
	Listed            []float64 // input -> the suggestions are in the DOM
	Marks             map[string]float64
	Warm              float64 // second visit: focus -> first suggestion
	WarmMarks         map[string]float64
	Engine            string
	TypingKeystrokes  int
	TypingBlockingSum float64
}

func run(public, dataDir, chromium string, runs int, only string) error {
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
	fmt.Println("widget sizes (brotli -q 11; budgets: widget.js 20 KB, module 600 KB)")
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		if n != "index.html" && n != "demo.css" && n != "widget.pinned.js" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		a := m.Files[n]
		fmt.Printf("  %-16s raw %9s  gzip %9s  brotli %9s\n", n, kb(a.Bytes), kb(a.Gzip), kb(a.Brotli))
	}

	ds, err := store.LoadDir(dataDir)
	if err != nil {
		return err
	}
	h, err := api.New(api.Config{Dataset: ds, Static: os.DirFS(public)})
	if err != nil {
		return err
	}
	assets := httptest.NewTLSServer(brotli(h, public))
	defer assets.Close()
	csp := "default-src 'none'; script-src " + assets.URL + " 'wasm-unsafe-eval'; worker-src blob:; connect-src " + assets.URL
	page := `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="` + assets.URL + `/widget.js"></script></head><body>` + strings.Repeat("<p>Tekst på partnerens side.</p>", 200) +
		`<selvhjelp-finder></selvhjelp-finder></body></html>`
	// The plain-JavaScript peer: <peer-finder> (Fuse.js 7) on the same kind
	// of host page, its files served by another local HTTPS server with brotli.
	peerH, peerDir, peerCount, peerCleanup, err := peerServer(ds)
	if err != nil {
		return err
	}
	defer peerCleanup()
	peerAssets := httptest.NewTLSServer(peerH)
	defer peerAssets.Close()
	peerCSP := "default-src 'none'; script-src " + peerAssets.URL + "; connect-src " + peerAssets.URL
	peerPage := `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>bench peer</title>
<script type="module" src="` + peerAssets.URL + `/peer-finder.js"></script></head><body>` + strings.Repeat("<p>Tekst på partnerens side.</p>", 200) +
		`<peer-finder></peer-finder></body></html>`
	host := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/peer" {
			w.Header().Set("Content-Security-Policy", peerCSP)
			fmt.Fprint(w, peerPage)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		fmt.Fprint(w, page)
	}))
	defer host.Close()
	fmt.Println()
	peerFileSizes(peerDir)
	fmt.Printf("  names.json: %d names (municipalities and their other forms, postal places, postcodes, counties,\n", peerCount)
	fmt.Println("  regions, districts, topic names; see peerNames)")

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
		chromedp.Flag("disable-quic", true), chromedp.Flag("ignore-certificate-errors", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		return fmt.Errorf("start chromium: %w", err)
	}

	keys := keystrokes(ds)
	fmt.Printf("\nheadless Chromium, local HTTPS servers (brotli), median of %d cold loads; %d keystrokes typed per run.\n", runs, len(keys))
	fmt.Println("Timings depend on the machine's load (a shared 2-core machine gives noisy figures).")
	pages := []struct{ name, url, tag string }{{"host page (other origin, one element)", host.URL + "/", "selvhjelp-finder"},
		{"demo page", assets.URL + "/", "selvhjelp-finder"},
		{"peer: Fuse.js 7 <peer-finder>, host page (other origin, one element)", host.URL + "/peer", "peer-finder"}}
	if traceFile != "" {
		for _, p := range pages[:2] {
			for _, sc := range scenarios {
				if only == "" || strings.Contains(sc.name+" "+p.name, only) {
					fmt.Printf("trace: %s, %s (warm %v) -> %s\n", p.name, sc.name, traceWarm, traceFile)
					return traceRun(browser, p.url, sc, keys, traceFile, traceWarm)
				}
			}
		}
		return fmt.Errorf("no scenario matches %q", only)
	}
	ours, peer := map[string]summary{}, map[string]summary{}
	for _, p := range pages {
		fmt.Printf("\n== %s ==\n", p.name)
		fmt.Printf("%-11s %8s %8s %9s %9s %9s %9s %9s %9s %9s %8s %8s %s\n", "", "longest", "TBT", "typing", "visible", "first", "list99", "answer99", "paint50", "paint99", "warm", "engine", "")
		for _, sc := range scenarios {
			if only != "" && !strings.Contains(sc.name+" "+p.name, only) {
				continue
			}
			if p.tag == "peer-finder" && sc.slow {
				continue // the peer is compared at normal and 4x CPU
			}
			var rs []result
			for i := 0; i < runs; i++ {
				r, err := measure(browser, p.url, sc, keys, p.tag)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", p.name, sc.name, err)
				}
				rs = append(rs, r)
			}
			s := printRow(sc, rs)
			switch p.url {
			case host.URL + "/":
				ours[sc.name] = s
			case host.URL + "/peer":
				peer[sc.name] = s
			}
		}
	}
	printPeer(ours, peer)
	fmt.Println("\nlongest/TBT: main-thread long tasks (over 50 ms; 0 = none) from the loader's start (not the host page's")
	fmt.Println("own parsing and first layout before it) to the first suggestion, and for the widget on to its module's")
	fmt.Println("start when the first suggestion came before it (the first answers); typing starts once the module runs;")
	fmt.Println("typing: longest main-thread task while typing; visible/first: ms from first focus + keystroke to a")
	fmt.Println("visible state and to the first suggestion; list99: input -> the suggestions are in the DOM (p99);")
	fmt.Println("answer99: input -> the whole answer (suggestions, then the cards in later tasks) is in the DOM (p99);")
	fmt.Println("paint50/99: input -> the next frame after that (at least one frame, 16.7 ms at 60 Hz, after the input);")
	fmt.Println("warm: second visit (HTTP cache) focus -> first suggestion. Goals: normal longest <= 50, TBT <= 100;")
	fmt.Println("4x TBT <= 400, typing <= 100; slow phone first <= 3500, visible <= 100; normal input-to-paint p99 <= 16,")
	fmt.Println("read as list99 <= 16: the suggestions are ready for the first frame after the keystroke.")
	return nil
}

// summary is the medians of one scenario's row.
type summary struct{ first, longest, tbt, typing, list99, paint99 float64 }

func printRow(sc scenario, rs []result) summary {
	col := func(f func(r result) float64) float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		return pct(v, 50)
	}
	var paint, answer, listed []float64
	for _, r := range rs {
		paint = append(paint, r.Paint...)
		answer = append(answer, r.Answer...)
		listed = append(listed, r.Listed...)
	}
	fmt.Printf("%-11s %8.0f %8.0f %9.0f %9.0f %9.0f %9.1f %9.1f %9.1f %9.1f %8.0f %8s\n", sc.name,
		col(func(r result) float64 { return r.Longest }), col(func(r result) float64 { return r.TBT }),
		col(func(r result) float64 { return r.TypingLongest }), col(func(r result) float64 { return r.Visible }),
		col(func(r result) float64 { return r.First }), pct(listed, 99), pct(answer, 99), pct(paint, 50), pct(paint, 99),
		col(func(r result) float64 { return r.Warm }), rs[0].Engine)
	sum := summary{col(func(r result) float64 { return r.First }), col(func(r result) float64 { return r.Longest }),
		col(func(r result) float64 { return r.TBT }), col(func(r result) float64 { return r.TypingLongest }), pct(listed, 99), pct(paint, 99)}
	for _, warm := range []bool{false, true} {
		names := map[string]bool{}
		for _, r := range rs {
			mk := r.Marks
			if warm {
				mk = r.WarmMarks
			}
			for n := range mk {
				names[n] = true
			}
		}
		if len(names) == 0 {
			continue
		}
		var ns []string
		for n := range names {
			ns = append(ns, n)
		}
		sort.Slice(ns, func(i, j int) bool { return markOrder(ns[i]) < markOrder(ns[j]) })
		label := "  phases"
		if warm {
			label = "  warm"
		}
		fmt.Print(label + ":")
		for _, n := range ns {
			v := col(func(r result) float64 {
				if warm {
					return r.WarmMarks[n]
				}
				return r.Marks[n]
			})
			fmt.Printf(" %s %.0f;", strings.TrimPrefix(strings.TrimPrefix(n, "selvhjelp-finder:"), "peer-finder:"), v)
		}
		fmt.Println()
	}
	return sum
}

// printPeer prints the widget on the host page beside the peer, with the
// ratio ours/peer of first focus + keystroke -> first suggestion.
func printPeer(ours, peer map[string]summary) {
	if len(peer) == 0 {
		return
	}
	fmt.Println("\n== widget vs peer (Fuse.js 7), host page, medians ==")
	fmt.Printf("%-11s %-6s %8s %8s %8s %8s %9s %9s %s\n", "", "", "first", "longest", "TBT", "typing", "list99", "paint99", "first ours/peer")
	for _, sc := range scenarios {
		p, ok := peer[sc.name]
		if !ok {
			continue
		}
		o, ok := ours[sc.name]
		ratio := "n/a"
		if ok && p.first > 0 {
			ratio = fmt.Sprintf("%.2f", o.first/p.first)
		}
		for _, r := range []struct {
			name string
			s    summary
			ok   bool
		}{{"ours", o, ok}, {"peer", p, true}} {
			if !r.ok {
				continue
			}
			fmt.Printf("%-11s %-6s %8.0f %8.0f %8.0f %8.0f %9.1f %9.1f", sc.name, r.name, r.s.first, r.s.longest, r.s.tbt, r.s.typing, r.s.list99, r.s.paint99)
			if r.name == "peer" {
				fmt.Printf(" %s", ratio)
			}
			fmt.Println()
		}
	}
	fmt.Println("peer: <peer-finder>, Fuse.js 7 (fuse.min.mjs from npm) over names.json fetched on first focus,")
	fmt.Println("new Fuse(names, {keys: ['name']}), fuse.search(value, {limit: 8}) rendered synchronously on input;")
	fmt.Println("the same scripts measure both (first, longest/TBT from the element's module start, typing).")
}

// markOrder sorts phase names in load order.
func markOrder(n string) int {
	for i, p := range []string{"fetch", "compile", "go-start", "decode", "index", "ready", "first-search", "postcodes"} {
		if strings.Contains(n, p) {
			return i
		}
	}
	return 99
}

// observer records the page's long tasks from the start of the document
// (injected through DevTools, so no CSP applies to it).
const observer = `window.__lt = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true}); } catch {}`

// firstUse focuses the element, types "bergen" at once and reports the time
// to a visible state (a status text, a notice or a suggestion) and to the
// first suggestion.
const firstUse = `new Promise((res) => {
  const r = document.querySelector('selvhjelp-finder').shadowRoot, input = r.querySelector('input');
  const t0 = performance.now(); let visible = -1;
  const shown = () => r.querySelector('[role=option]') || r.querySelector('.st')?.textContent.trim() || (r.querySelector('.note') && !r.querySelector('.note').hidden) || r.querySelector('[aria-busy=true]');
  const check = () => {
    if (visible < 0 && shown()) visible = performance.now() - t0;
    if (r.querySelector('[role=option]')) { mo.disconnect(); res({t0, visible, first: performance.now() - t0}); }
  };
  const mo = new MutationObserver(check);
  mo.observe(r, {subtree: true, childList: true, attributes: true, characterData: true});
  input.focus();
  input.value = 'bergen';
  input.dispatchEvent(new Event('input'));
  check();
})`

// typing types each string, waits until the element has shown the whole
// answer (data-answered: suggestions and cards): input -> answer, and then
// for the next frame: input -> paint.
const typing = `(async (qs) => {
  const r = document.querySelector('selvhjelp-finder').shadowRoot, input = r.querySelector('input');
  const frame = () => new Promise((res) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); }));
  const out = [], answer = [], listed = [], start = performance.now();
  for (const q of qs) {
    const box = r.querySelector('.f');
    let tl = 0;
    const changed = new Promise((res) => { const mo = new MutationObserver(() => { if (!tl && box.dataset.listed === q) tl = performance.now(); if (box.dataset.answered === q) { mo.disconnect(); res(); } }); mo.observe(box, {attributes: true, attributeFilter: ['data-answered', 'data-listed']}); setTimeout(() => { mo.disconnect(); res(); }, 2000); });
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input'));
    await changed;
    answer.push(performance.now() - t0);
    listed.push((tl || performance.now()) - t0);
    await frame();
    out.push(performance.now() - t0);
  }
  return {start, end: performance.now(), paint: out, answer, listed};
})`

func measure(browser context.Context, url string, sc scenario, keys []string, tag string) (result, error) {
	var res result
	// The same scripts measure the peer: its tag and its measures' prefix.
	js := func(s string) string { return strings.ReplaceAll(s, "selvhjelp-finder", tag) }
	// A new browser context has an empty HTTP cache: a cold load.
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return res, err
	}
	tctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	defer cancelT()
	if _, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observer}); err != nil {
		return res, err
	}
	if sc.cpu > 1 {
		if _, err := chromedp.Call(tctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: sc.cpu}); err != nil {
			return res, err
		}
	}
	if sc.slow {
		if _, err := chromedp.Call(tctx, network.Enable, network.EnableParams{}); err != nil {
			return res, err
		}
		if _, err := chromedp.Call(tctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: 150, DownloadThroughput: 1.6e6 / 8, UploadThroughput: 0.75e6 / 8}}}); err != nil {
			return res, err
		}
	}
	load := func() (float64, float64, float64, map[string]float64, error) {
		if err := chromedp.Do(tctx, chromedp.Navigate(url),
			chromedp.Poll[chromedp.Void](js(`customElements.get('selvhjelp-finder') !== undefined`))); err != nil {
			return 0, 0, 0, nil, err
		}
		var fu struct{ T0, Visible, First float64 }
		v, err := chromedp.Run(tctx, chromedp.Evaluate[map[string]float64](js(firstUse), chromedp.EvalAwaitPromise))
		if err != nil {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](js(`(() => { const r = document.querySelector('selvhjelp-finder').shadowRoot; return r.querySelector('.f').dataset.state + ': ' + r.querySelector('.f').innerText; })()`)))
			return 0, 0, 0, nil, fmt.Errorf("%w (element: %.300s)", err, state)
		}
		fu.T0, fu.Visible, fu.First = v["t0"], v["visible"], v["first"]
		// The first suggestion may come from the first answers, before the
		// module (widget/README.md): wait for the module too, so that the
		// phases are all in and typing measures the element once it runs.
		if tag != "peer-finder" {
			if err := chromedp.Do(tctx, chromedp.Poll[chromedp.Void](`document.querySelector('selvhjelp-finder').shadowRoot.querySelector('.f').dataset.state !== 'loading'`)); err != nil {
				return 0, 0, 0, nil, fmt.Errorf("waiting for the module: %w", err)
			}
		}
		marks, err := chromedp.Run(tctx, chromedp.Evaluate[map[string]float64](js(`Object.fromEntries(performance.getEntriesByType('measure').filter((e) => e.name.startsWith('selvhjelp-finder:')).map((e) => [e.name, e.duration]))`)))
		if err != nil {
			return 0, 0, 0, nil, err
		}
		return fu.T0, fu.Visible, fu.First, marks, nil
	}
	t0, visible, first, marks, err := load()
	if err != nil {
		return res, err
	}
	res.Visible, res.First, res.Marks = visible, first, marks
	// The element's cost is counted until its module runs, also when the
	// first suggestion came before (from the first answers).
	end := t0 + first
	if tag != "peer-finder" {
		now, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`performance.now()`))
		if err != nil {
			return res, err
		}
		end = max(end, now)
	}
	tasks, err := chromedp.Run(tctx, chromedp.Evaluate[[][2]float64](`window.__lt`))
	if err != nil {
		return res, err
	}
	// The host page's own tasks (parsing it, its first layout) end before the
	// loader starts (widget.js marks selvhjelp-finder:loader first thing):
	// they are not the element's cost.
	loader, err := chromedp.Run(tctx, chromedp.Evaluate[float64](js(`performance.getEntriesByName('selvhjelp-finder:loader')[0]?.startTime ?? 0`)))
	if err != nil {
		return res, err
	}
	for _, t := range tasks {
		if t[0] <= end && t[0]+t[1] > loader {
			res.Longest = max(res.Longest, t[1])
			res.TBT += max(0, t[1]-50)
		}
	}
	if tag == "peer-finder" {
		res.Engine = "fuse"
	} else {
		res.Engine, _ = chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('selvhjelp-finder').shadowRoot.querySelector('.f').dataset.engine || document.querySelector('selvhjelp-finder').shadowRoot.querySelector('.f').dataset.state`))
	}

	keysJSON, err := json.Marshal(keys)
	if err != nil {
		return res, err
	}
	var ty struct {
		Start, End float64
		Paint      []float64
		Answer     []float64
		Listed     []float64
	}
	tyv, err := chromedp.Run(tctx, chromedp.Evaluate[json.RawMessage](js(typing)+`(`+string(keysJSON)+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		return res, fmt.Errorf("typing: %w", err)
	}
	if err := json.Unmarshal(tyv, &ty); err != nil {
		return res, err
	}
	res.Paint, res.Answer, res.Listed, res.TypingKeystrokes = ty.Paint, ty.Answer, ty.Listed, len(ty.Paint)
	tasks, err = chromedp.Run(tctx, chromedp.Evaluate[[][2]float64](`window.__lt`))
	if err != nil {
		return res, err
	}
	for _, t := range tasks {
		if t[0] >= ty.Start && t[0] <= ty.End {
			res.TypingLongest = max(res.TypingLongest, t[1])
			res.TypingBlockingSum += max(0, t[1]-50)
		}
	}
	// Second visit in the same context: the HTTP cache (and V8's code cache) is warm.
	_, _, warm, wmarks, err := load()
	if err != nil {
		return res, fmt.Errorf("warm: %w", err)
	}
	res.Warm, res.WarmMarks = warm, wmarks
	return res, nil
}

// brotli serves the static files brotli-compressed when the browser accepts
// it, as Cloudflare's asset server does (the Go handler only gzips).
func brotli(h http.Handler, public string) http.Handler {
	var mu sync.Mutex
	cache := map[string][]byte{}
	// Compress every file up front, so that no request waits for brotli -q 11.
	var wg sync.WaitGroup
	filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := os.ReadFile(p)
			if err != nil {
				return
			}
			cmd := exec.Command("brotli", "-q", "11", "-c")
			cmd.Stdin = bytes.NewReader(b)
			if out, err := cmd.Output(); err == nil {
				rel, _ := filepath.Rel(public, p)
				mu.Lock()
				cache["/"+filepath.ToSlash(rel)] = out
				mu.Unlock()
			}
		}()
		return nil
	})
	wg.Wait()
	if b, ok := cache["/index.html"]; ok {
		cache["/"] = b
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "br") || r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/v1/search") {
			h.ServeHTTP(w, r)
			return
		}
		r.Header.Set("Accept-Encoding", "identity")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "" {
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		mu.Lock()
		key := r.URL.Path
		out, ok := cache[key]
		if !ok {
			cmd := exec.Command("brotli", "-q", "11", "-c")
			cmd.Stdin = bytes.NewReader(rec.Body.Bytes())
			var err error
			out, err = cmd.Output()
			if err != nil {
				out = nil
			}
			cache[key] = out
		}
		mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		if out == nil {
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		w.Header().Set("Content-Encoding", "br")
		w.Header().Del("Content-Length")
		w.WriteHeader(http.StatusOK)
		io.Copy(w, bytes.NewReader(out))
	})
}

// keystrokes types real names from the dataset and topic words letter by
// letter, as people do: every prefix is one keystroke.
func keystrokes(d *dataset.Dataset) []string {
	var words []string
	for i, m := range d.Municipalities {
		if i%24 == 0 {
			words = append(words, strings.ToLower(m.Name))
		}
	}
	for i, t := range d.Topics {
		if i%3 == 0 {
			words = append(words, strings.ToLower(t.Name))
		}
	}
	for i, p := range d.Postcodes {
		if i%1200 == 0 {
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
