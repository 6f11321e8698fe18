// Command bench-worker starts the built worker in local workerd (through
// worker/serve.sh, on a free 127.0.0.1 port) and prints its startup, the cost
// of the first request that runs Go (a cold start of the Go instance), and
// p50/p99 latencies of a bounded, sequential loop of requests per route.
//
//	go run ./scripts/bench-worker [-n 1000]
//
// It measures whatever worker/build holds; build with
// WORKER_RUNTIME=stock ./worker/build.sh to measure syumai/workers' own runtime.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/search/adversarial"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/worker/devserver"
)

func main() {
	n := flag.Int("n", 1000, "requests per route (after 50 warm-up requests)")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "bench-worker:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Piped into head, a write error must not kill us before Stop ends workerd.
	signal.Ignore(syscall.SIGPIPE)
	repo, err := devserver.RepoRoot()
	if err != nil {
		return err
	}
	// Ready once a static file answers: no Go has run yet.
	ready := "/v1/dataset.json"
	if _, err := os.Stat(repo + "/worker/public/v1/dataset.json"); err != nil {
		ready = "/healthz"
	}
	srv, err := devserver.Start(ctx, devserver.Options{Repo: repo, ReadyPath: ready, Timeout: 60 * time.Second})
	if err != nil {
		return err
	}
	defer srv.Stop()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}

	fmt.Printf("worker at %s (local workerd via wrangler dev)\n", srv.URL)
	fmt.Printf("server startup (launch until first answer): %s\n", srv.Startup.Round(time.Millisecond))
	first, err := get(ctx, client, srv.URL+"/v1/search?q=troms%C3%B8")
	if err != nil {
		return err
	}
	fmt.Printf("first request that runs Go (/v1/search, Go instance cold start): %s\n", ms(first))
	if res, err := client.Get(srv.URL + "/healthz"); err == nil {
		var h struct {
			InitMS float64 `json:"init_ms"`
		}
		_ = json.NewDecoder(res.Body).Decode(&h)
		res.Body.Close()
		fmt.Printf("  of which loading dataset + index inside Go (/healthz init_ms): %.1fms\n", h.InitMS)
	}

	routes := []struct{ name, path string }{
		{"/v1/dataset.json", "/v1/dataset.json"},
		{"/v1/search", "/v1/search?q=sorg%20bergen"},
		{"/widget.js", "/widget.js"},
		{"/healthz", "/healthz"},
		{"/v1/dataset.json 304", "/v1/dataset.json"},
	}
	etag := ""
	if res, err := client.Get(srv.URL + "/v1/dataset.json"); err == nil {
		etag = res.Header.Get("ETag")
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	fmt.Printf("%-22s %8s %8s %8s %8s\n", "route", "n", "p50", "p99", "max")
	for _, r := range routes {
		hdr := map[string]string{"Accept-Encoding": "gzip"}
		if r.name == "/v1/dataset.json 304" {
			hdr["If-None-Match"] = etag
		}
		var times []time.Duration
		for i := 0; i < n+50; i++ {
			d, err := getWith(ctx, client, srv.URL+r.path, hdr)
			if err != nil {
				return fmt.Errorf("%s: %w", r.name, err)
			}
			if i >= 50 {
				times = append(times, d)
			}
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		fmt.Printf("%-22s %8d %8s %8s %8s\n", r.name, len(times), ms(pct(times, 50)), ms(pct(times, 99)), ms(times[len(times)-1]))
	}
	return adversarialQueries(ctx, client, srv.URL, n/10+10)
}

// adversarialQueries sends each crafted shape of data/search (the worker's longest
// queries, made as hard to read as the data allows) as the widget's
// fallback does, a POST, and prints each shape's p50 and the slowest: the
// Go time inside workerd is what the free plan's 10 ms CPU budget counts.
func adversarialQueries(ctx context.Context, c *http.Client, base string, n int) error {
	d, err := store.LoadFS(data.FS)
	if err != nil {
		return err
	}
	e, err := search.New(d)
	if err != nil {
		return err
	}
	shapes := adversarial.Shapes(e)
	names := make([]string, 0, len(shapes))
	for k := range shapes {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Printf("\nadversarial queries of %d characters, POST /v1/search, %d each (p50 per shape, round trip):\n", search.MaxQueryRunes, n)
	worst, worstName := time.Duration(0), ""
	for _, name := range names {
		body := "q=" + url.QueryEscape(shapes[name])
		var times []time.Duration
		for i := 0; i < n; i++ {
			t0 := time.Now()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/search", strings.NewReader(body))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := c.Do(req)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			msg, _ := io.ReadAll(io.LimitReader(res.Body, 512))
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: status %d: %s", name, res.StatusCode, msg)
			}
			times = append(times, time.Since(t0))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		p50 := pct(times, 50)
		fmt.Printf("  %-24s %8s\n", name, ms(p50))
		if p50 > worst {
			worst, worstName = p50, name
		}
	}
	fmt.Printf("slowest adversarial shape through workerd: %s, p50 %s (round trip; \"bergen\" above for scale)\n", worstName, ms(worst))
	return nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	return sorted[(len(sorted)-1)*p/100]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func get(ctx context.Context, c *http.Client, url string) (time.Duration, error) {
	return getWith(ctx, c, url, nil)
}

// getWith times one request until its body is read; anything but 200/304 is an error.
func getWith(ctx context.Context, c *http.Client, url string, hdr map[string]string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	begin := time.Now()
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(begin)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotModified {
		return 0, fmt.Errorf("GET %s: status %d", url, res.StatusCode)
	}
	return d, nil
}
