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
	type target struct {
		path string
		hdr  map[string]string
		want int
	}
	mix := []target{
		{"/v1/search?q=sorg%20bergen", nil, 200},
		{"/v1/search?q=5003", nil, 200},
		{"/v1/search?q=troms%C3%B8&limit=3", nil, 200},
		{"/healthz", nil, 200},
		{"/widget.js", nil, 200},
		{"/v1/dataset.json", map[string]string{"If-None-Match": etag}, 304},
		{"/v1/contact-points/no-such-id", nil, 404},
		{"/v1/search?q=a&limit=x", nil, 400},
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency,
	}}
	var (
		next     atomic.Int64
		mu       sync.Mutex
		errs     []string
		errCount atomic.Int64
		lat      = make([]time.Duration, total)
		wg       sync.WaitGroup
	)
	begin := time.Now()
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				tg := mix[i%int64(len(mix))]
				req, _ := http.NewRequest("GET", server.URL+tg.path, nil)
				for k, v := range tg.hdr {
					req.Header.Set(k, v)
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != tg.want {
						err = fmt.Errorf("%s: status %d, want %d", tg.path, res.StatusCode, tg.want)
					}
				}
				lat[i] = time.Since(t0)
				if err != nil {
					errCount.Add(1)
					mu.Lock()
					if len(errs) < 10 {
						errs = append(errs, err.Error())
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Printf("worker/e2e load: %d requests, concurrency %d, %s, %.0f req/s, p50 %s, p99 %s, max %s, errors %d\n",
		total, concurrency, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds(),
		elapsedMS(lat[total/2]), elapsedMS(lat[total*99/100]), elapsedMS(lat[total-1]), errCount.Load())
	assert.Zero(t, errCount.Load(), strings.Join(errs, "\n"))
	res, _ = fetch(t, "GET", "/healthz", nil)
	assert.Equal(t, 200, res.StatusCode)
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
