//go:build e2e

package e2e

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawClient sends exactly the headers a test sets: Go's transport would
// otherwise add Accept-Encoding: gzip and decode the body itself.
var rawClient = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableCompression: true}}

// rawFetch does one GET or HEAD with header fields (a name may repeat: one
// field line each) and returns the response with its body as sent.
func rawFetch(t *testing.T, method, url string, fields [][2]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	require.NoError(t, err)
	for _, f := range fields {
		req.Header.Add(f[0], f[1])
	}
	res, err := rawClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

// TestSearchEncoding: /v1/search is encoded as the client asked, and sent
// as identity when it sent no Accept-Encoding. The request reaching the
// worker always says "br, gzip" (wrangler dev sets it, as Cloudflare does),
// so only the platform, which saw the client's header, may choose.
func TestSearchEncoding(t *testing.T) {
	tests := []struct {
		name, acceptEncoding string // "" sends no Accept-Encoding field
		want                 string // Content-Encoding
	}{
		{"no accept-encoding", "", ""},
		{"identity", "identity", ""},
		{"gzip", "gzip", "gzip"},
		{"gzip refused", "gzip;q=0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fields [][2]string
			if tt.acceptEncoding != "" {
				fields = append(fields, [2]string{"Accept-Encoding", tt.acceptEncoding})
			}
			res, body := rawFetch(t, http.MethodGet, server.URL+"/v1/search?q=bergen&limit=20", fields)
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Equal(t, tt.want, res.Header.Get("Content-Encoding"))
			assert.Contains(t, res.Header.Values("Vary"), "Accept-Encoding")
			if tt.want == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				require.NoError(t, err)
				body, err = io.ReadAll(zr)
				require.NoError(t, err)
			}
			assert.Contains(t, string(body), `"query":"bergen"`)
		})
	}
}
