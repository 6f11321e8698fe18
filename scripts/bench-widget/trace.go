package main

// -trace FILE: one cold load and first use, recorded as a Chrome DevTools
// trace (open FILE in DevTools' Performance panel or ui.perfetto.dev), and a
// summary of what each long task on the page's main thread ran: the trace
// events inside it and the JavaScript functions the sampling profiler saw.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

var traceCategories = []string{"devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8", "v8.wasm", "disabled-by-default-v8.wasm.detailed",
	"blink.user_timing", "loading", "disabled-by-default-v8.cpu_profiler", "toplevel", "disabled-by-default-devtools.timeline.frame"}

type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`
	Dur  float64         `json:"dur"`
	Tdur float64         `json:"tdur"` // thread (CPU) time: wall time less descheduling
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	ID   string          `json:"id"`
	Args json.RawMessage `json:"args"`
}

// traceRun loads url once (cold) at the scenario's CPU rate with tracing on,
// focuses the element, types "bergen", waits for the first suggestion, then
// types keys, and writes the trace to file.
func traceRun(browser context.Context, url string, sc scenario, keys []string, file string, warm bool) error {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return err
	}
	tctx, cancelT := context.WithTimeout(ctx, 180*time.Second)
	defer cancelT()
	if sc.cpu > 1 {
		if _, err := chromedp.Call(tctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: sc.cpu}); err != nil {
			return err
		}
	}
	use := func() error {
		if err := chromedp.Do(tctx, chromedp.Navigate(url),
			chromedp.Poll[chromedp.Void](`customElements.get('selvhjelp-finder') !== undefined`)); err != nil {
			return err
		}
		if _, err := chromedp.Run(tctx, chromedp.Evaluate[map[string]float64](firstUse, chromedp.EvalAwaitPromise)); err != nil {
			return err
		}
		js, _ := json.Marshal(keys)
		_, err := chromedp.Run(tctx, chromedp.Evaluate[json.RawMessage](typing+`(`+string(js)+`)`, chromedp.EvalAwaitPromise))
		return err
	}
	if warm { // the first visit fills the HTTP cache; the trace is of the second
		if err := use(); err != nil {
			return err
		}
	}
	var mu sync.Mutex
	var events []traceEvent
	done := make(chan struct{})
	if err := chromedp.Listen(tctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal(v, &te) == nil {
					events = append(events, te)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	}); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{IncludedCategories: traceCategories, ExcludedCategories: []string{"*"}}}); err != nil {
		return err
	}
	if err := use(); err != nil {
		return err
	}
	if _, err := chromedp.Call(tctx, tracing.End, struct{}{}); err != nil {
		return err
	}
	select {
	case <-done:
	case <-tctx.Done():
		return tctx.Err()
	}
	mu.Lock()
	defer mu.Unlock()
	b, err := json.Marshal(map[string]any{"traceEvents": events})
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		return err
	}
	summarize(events)
	return nil
}

func argData(raw json.RawMessage) map[string]any {
	var a struct {
		Data map[string]any `json:"data"`
	}
	json.Unmarshal(raw, &a)
	return a.Data
}

// summarize prints every task over 50 ms on a renderer's main thread, with the
// events and the sampled JavaScript functions inside it.
func summarize(events []traceEvent) {
	threads := map[[2]int]string{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" {
			var a struct{ Name string }
			json.Unmarshal(e.Args, &a)
			threads[[2]int{e.Pid, e.Tid}] = a.Name
		}
	}
	bythread := map[[2]int][]traceEvent{}
	for _, e := range events {
		k := [2]int{e.Pid, e.Tid}
		bythread[k] = append(bythread[k], e)
	}
	// The sampling profiler: per thread, sample timestamps and node stacks.
	type node struct {
		fn, url string
		parent  int
	}
	type sample struct {
		ts   float64
		node int
	}
	nodes := map[string]map[int]node{} // profile id -> nodes
	samples := map[[2]int][]sample{}
	starts := map[string]float64{}
	last := map[string]float64{}
	profThread := map[string][2]int{}
	for _, e := range events {
		if e.Name == "Profile" {
			d := argData(e.Args)
			if st, ok := d["startTime"].(float64); ok {
				starts[e.ID], last[e.ID] = st, st
			}
			profThread[e.ID] = [2]int{e.Pid, e.Tid}
		}
	}
	for _, e := range events {
		if e.Name != "ProfileChunk" {
			continue
		}
		var a struct {
			Data struct {
				CPUProfile struct {
					Nodes []struct {
						ID        int `json:"id"`
						Parent    int `json:"parent"`
						CallFrame struct {
							FunctionName string `json:"functionName"`
							URL          string `json:"url"`
							Line         int    `json:"lineNumber"`
						} `json:"callFrame"`
					} `json:"nodes"`
					Samples []int `json:"samples"`
				} `json:"cpuProfile"`
				TimeDeltas []float64 `json:"timeDeltas"`
			} `json:"data"`
		}
		if json.Unmarshal(e.Args, &a) != nil {
			continue
		}
		if nodes[e.ID] == nil {
			nodes[e.ID] = map[int]node{}
		}
		for _, n := range a.Data.CPUProfile.Nodes {
			u := n.CallFrame.URL
			if i := strings.LastIndex(u, "/"); i >= 0 {
				u = u[i+1:]
			}
			fn := n.CallFrame.FunctionName
			if fn == "" {
				fn = "(anonymous)"
			}
			if u != "" {
				fn += fmt.Sprintf(" %s:%d", u, n.CallFrame.Line+1)
			}
			nodes[e.ID][n.ID] = node{fn: fn, parent: n.Parent}
		}
		k := profThread[e.ID]
		for i, s := range a.Data.CPUProfile.Samples {
			if i < len(a.Data.TimeDeltas) {
				last[e.ID] += a.Data.TimeDeltas[i]
			}
			samples[k] = append(samples[k], sample{last[e.ID], s})
		}
		_ = starts
	}
	nodeOf := func(k [2]int, id int) (node, bool) {
		for pid, ns := range nodes {
			if profThread[pid] == k {
				if n, ok := ns[id]; ok {
					return n, true
				}
			}
		}
		return node{}, false
	}

	var keys [][2]int
	for k, name := range threads {
		if name == "CrRendererMain" || strings.Contains(name, "DedicatedWorker") {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		evs := bythread[k]
		var tasks []traceEvent
		var busy float64
		for _, e := range evs {
			if e.Ph == "X" && e.Name == "ThreadControllerImpl::RunTask" {
				busy += e.Dur
				if e.Dur > 50000 {
					tasks = append(tasks, e)
				}
			}
		}
		fmt.Printf("\nthread %s (pid %d tid %d): %d events, busy %.0f ms, %d tasks over 50 ms\n", threads[k], k[0], k[1], len(evs), busy/1000, len(tasks))
		if threads[k] != "CrRendererMain" {
			continue
		}
		for _, t := range tasks {
			fmt.Printf("  task at %.0f ms, %.1f ms (cpu %.1f ms)\n", (t.Ts-evs[0].Ts)/1000, t.Dur/1000, t.Tdur/1000)
			agg := map[string]float64{}
			for _, e := range evs {
				if e.Ph != "X" || e.Ts < t.Ts || e.Ts+e.Dur > t.Ts+t.Dur || e.Name == "RunTask" || e.Name == "ThreadControllerImpl::RunTask" {
					continue
				}
				name := e.Name
				d := argData(e.Args)
				for _, f := range []string{"functionName", "url", "type", "name"} {
					if s, ok := d[f].(string); ok && s != "" {
						if i := strings.LastIndex(s, "/"); i >= 0 && f == "url" {
							s = s[i+1:]
						}
						name += " " + s
						break
					}
				}
				if e.Tdur > 0 {
					agg[name] += e.Tdur
				} else {
					agg[name] += e.Dur
				}
			}
			printTop("    event (cpu)", agg, 14)
			self, incl := map[string]float64{}, map[string]float64{}
			ss := samples[k]
			for i, s := range ss {
				if s.ts < t.Ts || s.ts > t.Ts+t.Dur {
					continue
				}
				dt := 0.0
				if i+1 < len(ss) {
					dt = ss[i+1].ts - s.ts
				}
				n, ok := nodeOf(k, s.node)
				if !ok {
					continue
				}
				self[n.fn] += dt
				seen := map[string]bool{}
				for id, hops := s.node, 0; ok && hops < 200; hops++ {
					if !seen[n.fn] {
						incl[n.fn] += dt
						seen[n.fn] = true
					}
					id = n.parent
					if id == 0 {
						break
					}
					n, ok = nodeOf(k, id)
				}
			}
			printTop("    js self", self, 10)
			printTop("    js total", incl, 14)
		}
	}
	// The element's own phase measures, as the page recorded them.
	for _, e := range events {
		if strings.Contains(e.Cat, "blink.user_timing") && strings.HasPrefix(e.Name, "selvhjelp-finder:") && (e.Ph == "b" || e.Ph == "X") {
			fmt.Printf("  measure %s at pid %d\n", e.Name, e.Pid)
		}
	}
}

func printTop(label string, m map[string]float64, n int) {
	type kv struct {
		k string
		v float64
	}
	var xs []kv
	for k, v := range m {
		xs = append(xs, kv{k, v})
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].v > xs[j].v })
	for i, x := range xs {
		if i >= n || x.v < 1000 {
			break
		}
		fmt.Printf("%s %7.1f ms  %s\n", label, x.v/1000, x.k)
	}
}
