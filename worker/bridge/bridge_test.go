package bridge

import (
	"encoding/binary"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decode(t *testing.T, out []byte) (status string, header http.Header, body string) {
	t.Helper()
	require.GreaterOrEqual(t, len(out), 8)
	total := binary.LittleEndian.Uint32(out)
	headLen := binary.LittleEndian.Uint32(out[4:])
	require.Equal(t, int(total), len(out))
	lines := strings.Split(string(out[8:8+headLen]), "\n")
	header = http.Header{}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, ":")
		header.Add(k, v)
	}
	return lines[0], header, string(out[8+headLen:])
}

func TestServe(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/panic":
			panic("boom")
		case "/304":
			w.WriteHeader(http.StatusNotModified)
			_, _ = w.Write([]byte("never sent"))
			return
		}
		w.Header().Set("X-Inm", r.Header.Get("If-None-Match"))
		w.Header().Set("X-Bad", "a\r\nSet-Cookie: x=1")
		w.Header().Set("Content-Type", "text/plain")
		body, _ := io.ReadAll(r.Body)
		_, _ = w.Write([]byte(r.Method + " " + r.URL.RawQuery + string(body)))
	})
	tests := []struct {
		name, in, status, body, inm string
	}{
		{"get", "GET\nhttps://x.test/v1/search?q=a%20b\nif-none-match:\"a\", \"b\"\n", "200", "GET q=a%20b", `"a", "b"`},
		{"head has no body", "HEAD\nhttps://x.test/h\n", "200", "", ""},
		{"a POST carries its body", "POST\nhttps://x.test/v1/search\ncontent-type:application/x-www-form-urlencoded\n\nq=b%C3%B8+i\n\nx:y", "200", "POST q=b%C3%B8+i\n\nx:y", ""},
		{"an empty body", "POST\nhttps://x.test/v1/search\n\n", "200", "POST ", ""},
		{"304 has no body", "GET\nhttps://x.test/304\n", "304", "", ""},
		{"panic is a 500", "GET\nhttps://x.test/panic\n", "500", `{"status":500,"error":"the worker failed; try again"}`, ""},
		{"malformed is a 400", "GET", "400", `{"status":400,"error":"the request could not be read"}`, ""},
		{"bad header line", "GET\nhttps://x.test/\nnocolon\n", "400", `{"status":400,"error":"the request could not be read"}`, ""},
	}
	var out []byte
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out = Serve(h, []byte(tt.in), out) // reused, as in the worker
			status, header, body := decode(t, out)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.body, body)
			if tt.status == "200" && tt.inm != "" {
				assert.Equal(t, tt.inm, header.Get("X-Inm"), "a list stays one value")
				assert.Empty(t, header.Values("X-Bad"), "a value with a line break is dropped")
			}
		})
	}
}
