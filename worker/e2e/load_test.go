//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoad sends a bounded number of requests (a mix of the common routes) at
// fixed concurrency to 127.0.0.1 and requires zero errors. It prints the rate
// and latencies; it asserts no timing.
func TestLoad(t *testing.T) {
	const total, concurrency = 20000, 32
	res, _ := fetch(t, "GET", "/v1/dataset.json", nil)
	etag := res.Header.Get("ETag")
	get := http.MethodGet
	mix := []mixTarget{
		{get, "/v1/search?q=sorg%20bergen", nil, 200},
		{get, "/v1/search?q=5003", nil, 200},
		{get, "/v1/search?q=troms%C3%B8&limit=3", nil, 200},
		{get, "/healthz", nil, 200},
		{get, "/widget.js", nil, 200},
		{get, "/v1/dataset.json", map[string]string{"If-None-Match": etag}, 304},
		{get, "/v1/contact-points/no-such-id", nil, 404},
		{get, "/v1/search?q=a&limit=x", nil, 400},
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency,
	}}
	load := runLoad(client, total, concurrency, mixRequests(server.URL, mix))
	fmt.Printf("worker/e2e load: %s\n", load)
	assert.Zero(t, load.errors, strings.Join(load.samples, "\n"))
	res, _ = fetch(t, "GET", "/healthz", nil)
	assert.Equal(t, 200, res.StatusCode)
}

// maxErrorSamples is how many failed requests a load run keeps to report.
const maxErrorSamples = 10

// loadResult is what one runLoad measured.
type loadResult struct {
	requests, concurrency int
	elapsed               time.Duration
	rate                  float64 // requests per second
	p50, p99, max         time.Duration
	errors                int64
	samples               []string // the first maxErrorSamples errors
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests, concurrency %d, %s, %.0f req/s, p50 %s, p99 %s, max %s, errors %d",
		r.requests, r.concurrency, r.elapsed.Round(time.Millisecond), r.rate,
		elapsedMS(r.p50), elapsedMS(r.p99), elapsedMS(r.max), r.errors)
}

// loadRequest builds the i-th request of a run and the status it must get.
type loadRequest func(i int) (req *http.Request, want int, err error)

// mixTarget is one kind of request in a load run and the status it must get.
type mixTarget struct {
	method, path string
	hdr          map[string]string
	want         int
}

// mixRequests cycles through mix against base: request i is mix[i%len(mix)].
func mixRequests(base string, mix []mixTarget) loadRequest {
	return func(i int) (*http.Request, int, error) {
		tg := mix[i%len(mix)]
		req, err := http.NewRequest(tg.method, base+tg.path, nil)
		if err != nil {
			return nil, 0, err
		}
		for k, v := range tg.hdr {
			req.Header.Set(k, v)
		}
		return req, tg.want, nil
	}
}

// runLoad sends n requests from concurrency workers, request i built by
// next, and measures each one's latency. A transport error, a body that
// cannot be read or another status than wanted counts as an error; it never
// fails the test itself (t.FailNow must not run in the workers).
func runLoad(client *http.Client, n, concurrency int, next loadRequest) loadResult {
	var (
		counter atomic.Int64
		errs    atomic.Int64
		mu      sync.Mutex
		samples []string
		lat     = make([]time.Duration, n)
		wg      sync.WaitGroup
	)
	begin := time.Now()
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(counter.Add(1) - 1)
				if i >= n {
					return
				}
				var err error
				lat[i], err = timedRequest(client, i, next)
				if err != nil {
					errs.Add(1)
					mu.Lock()
					if len(samples) < maxErrorSamples {
						samples = append(samples, err.Error())
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return loadResult{
		requests: n, concurrency: concurrency, elapsed: elapsed, rate: float64(n) / elapsed.Seconds(),
		p50: lat[n/2], p99: lat[n*99/100], max: lat[n-1], errors: errs.Load(), samples: samples,
	}
}

// timedRequest sends request i, reads its body and checks its status.
func timedRequest(client *http.Client, i int, next loadRequest) (time.Duration, error) {
	req, want, err := next(i)
	if err != nil {
		return 0, fmt.Errorf("request %d: %w", i, err)
	}
	begin := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return time.Since(begin), fmt.Errorf("%s: %w", req.URL, err)
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	elapsed := time.Since(begin)
	switch {
	case err != nil:
		return elapsed, fmt.Errorf("%s: read body: %w", req.URL, err)
	case res.StatusCode != want:
		return elapsed, fmt.Errorf("%s: status %d, want %d", req.URL, res.StatusCode, want)
	}
	return elapsed, nil
}

// rawRequest sends bytes the Go client would refuse to send and returns the
// status line's code (0 when the server closed the connection without one).
func rawRequest(t *testing.T, request string) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(server.URL, "http://"), 5*time.Second)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(20*time.Second)))
	if _, err := io.WriteString(conn, request); err != nil {
		return 0 // the server may hang up while a huge request is still being written
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func TestMalformedRequests(t *testing.T) {
	host := strings.TrimPrefix(server.URL, "http://")
	get := func(target string, extra ...string) string {
		return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + strings.Join(extra, "") + "Connection: close\r\n\r\n"
	}
	tests := []struct {
		name    string
		request string
		// parser: not valid HTTP for workerd's own HTTP parser, which answers
		// before any worker code runs (501 for an unknown method, 500 for a
		// bad Content-Length or too many headers, 431, or a closed
		// connection). On Cloudflare the edge, not workerd, parses requests.
		// Only the server's health afterwards is asserted for these.
		parser bool
		// mayClose: the runtime may hang up instead of answering (huge input).
		mayClose bool
	}{
		{"huge query", get("/v1/search?q=" + strings.Repeat("a", 60000)), false, true},
		{"huge encoded query", get("/v1/search?q=" + strings.Repeat("%C3%B8", 3000)), false, false},
		{"raw invalid utf-8", get("/v1/search?q=\xff\xfe\xfd"), false, true},
		{"encoded invalid utf-8", get("/v1/search?q=%ff%fe%fd"), false, false},
		{"lone surrogate", get("/v1/search?q=%ED%A0%80"), false, false},
		{"overlong encoding", get("/v1/search?q=%C0%AF"), false, false},
		{"bad escape", get("/v1/search?q=%"), false, false},
		{"bad escape hex", get("/v1/search?q=%G1"), false, false},
		{"bad escape in key", get("/v1/search?%=1"), false, false},
		{"nul", get("/v1/search?q=%00"), false, false},
		{"only separators", get("/v1/search?&&&=&"), false, false},
		{"many params", get("/v1/search?q=a" + strings.Repeat("&x=1", 2000)), false, false},
		{"repeated q", get("/v1/search?q=a&q=b&q=c"), false, false},
		{"limit float", get("/v1/search?q=a&limit=1.5"), false, false},
		{"limit huge", get("/v1/search?q=a&limit=" + strings.Repeat("9", 400)), false, false},
		{"encoded slash id", get("/v1/contact-points/..%2F..%2Fhealthz"), false, false},
		{"dot dot path", get("/v1/../../etc/passwd"), false, true},
		{"encoded path", get("/%2e%2e/%2e%2e/etc/passwd"), false, false},
		{"long path", get("/" + strings.Repeat("x", 8000)), false, true},
		{"large header", get("/healthz", "X-Big: "+strings.Repeat("b", 16000)+"\r\n"), false, false},
		{"huge header", get("/healthz", "X-Big: "+strings.Repeat("b", 200000)+"\r\n"), false, true},
		{"many headers", get("/healthz", strings.Repeat("X-A: 1\r\n", 2000)), true, false},
		{"unknown method", "BREW /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", true, false},
		{"trace", "TRACE /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", false, false},
		{"post with body", "POST /v1/search?q=a HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", false, false},
		{"bad content-length", "POST /v1/search HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: nope\r\nConnection: close\r\n\r\n", true, false},
		{"http/1.0", "GET /healthz HTTP/1.0\r\n\r\n", false, false},
		{"garbage", "\x00\x01\x02 nonsense\r\n\r\n", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := rawRequest(t, tt.request)
			if tt.parser {
				t.Logf("%s: runtime answered %d (0: closed the connection)", tt.name, code)
			} else if code != 0 || !tt.mayClose {
				assert.GreaterOrEqual(t, code, 200, "a response")
				assert.Less(t, code, 500, "never a 5xx")
			}
			res, _ := fetch(t, "GET", "/healthz", nil)
			assert.Equal(t, 200, res.StatusCode, "healthy after %s", tt.name)
		})
	}
}
