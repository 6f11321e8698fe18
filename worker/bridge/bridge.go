// Package bridge carries requests and responses between worker/runtime/worker.mjs
// and the Go handler as plain bytes in the WebAssembly memory, so that serving
// a request creates no JavaScript object that Go would hold: no Request,
// Headers, Response, Promise or per-request js.Func on the Go side. worker/main.go
// does the js/wasm plumbing; this package does not import syscall/js and is
// tested natively.
//
// Request (written by JavaScript):
//
//	METHOD "\n" URL "\n" { name ":" value "\n" } [ "\n" BODY ]
//
// An empty line ends the header fields; the bytes after it are the body
// (a POST's form), which JavaScript sends only when the request has one.
//
// Response (written by Go), little-endian lengths:
//
//	uint32 total length | uint32 head length | head | body
//	head = STATUS { "\n" name ":" value }
//
// The body is empty for HEAD, 1xx, 204 and 304.
package bridge

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ParseRequest reads a request written by worker.mjs.
func ParseRequest(in []byte) (*http.Request, error) {
	s := string(in)
	method, rest, ok := strings.Cut(s, "\n")
	if !ok || method == "" {
		return nil, errors.New("bridge: no method")
	}
	rawURL, rest, ok := strings.Cut(rest, "\n")
	if !ok {
		return nil, errors.New("bridge: no URL")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("bridge: parse URL: %w", err)
	}
	h := http.Header{}
	body := ""
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if line == "" {
			body, rest = rest, ""
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" {
			return nil, fmt.Errorf("bridge: malformed header line %q", line)
		}
		// JavaScript's Headers already joined repeated fields with ", ";
		// they stay one value (If-None-Match lists, Accept-Encoding).
		h.Add(name, value)
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	r := &http.Request{
		Method:     method,
		URL:        u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
		Body:       http.NoBody,
		Host:       u.Host,
		RequestURI: path,
		RemoteAddr: h.Get("Cf-Connecting-Ip"),
	}
	if body != "" {
		r.Body, r.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
	}
	return r, nil
}

// Serve runs h on the request in `in` and appends the encoded response to
// out[:0], reusing its storage. A panic in h becomes a JSON 500.
func Serve(h http.Handler, in, out []byte) []byte {
	w := &recorder{header: http.Header{}, body: bytes.NewBuffer(out[:0])}
	w.body.Write(make([]byte, 8)) // the two lengths, filled in below
	r, err := ParseRequest(in)
	if err != nil {
		w.fail(http.StatusBadRequest, "the request could not be read")
	} else {
		serve(h, w, r)
	}
	return w.finish(r)
}

func serve(h http.Handler, w *recorder, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			println("worker: panic:", fmt.Sprint(v))
			w.fail(http.StatusInternalServerError, "the worker failed; try again")
		}
	}()
	h.ServeHTTP(w, r)
}

type recorder struct {
	header http.Header
	status int
	body   *bytes.Buffer // the 8 length bytes, then the body
}

func (w *recorder) Header() http.Header { return w.header }

func (w *recorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *recorder) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}

// fail replaces whatever was written with a JSON error.
func (w *recorder) fail(status int, msg string) {
	w.header = http.Header{
		"Content-Type":                {"application/json; charset=utf-8"},
		"Cache-Control":               {"no-store"},
		"X-Content-Type-Options":      {"nosniff"},
		"Access-Control-Allow-Origin": {"*"},
	}
	w.status = status
	w.body.Truncate(8)
	fmt.Fprintf(w.body, `{"status":%d,"error":%q}`, status, msg)
}

// finish appends the head after the body and rotates it in front: the body
// was written first because the head is only final when the handler returns.
func (w *recorder) finish(r *http.Request) []byte {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if !bodyAllowed(w.status) || (r != nil && r.Method == http.MethodHead) {
		w.body.Truncate(8)
	}
	bodyLen := w.body.Len() - 8
	var head []byte
	head = strconv.AppendInt(head, int64(w.status), 10)
	for name, values := range w.header {
		for _, v := range values {
			if strings.ContainsAny(v, "\r\n") || strings.ContainsAny(name, ":\r\n") {
				continue // never sent: it would break the framing
			}
			head = append(head, '\n')
			head = append(head, name...)
			head = append(head, ':')
			head = append(head, v...)
		}
	}
	b := w.body.Bytes()
	total := 8 + len(head) + bodyLen
	if cap(b) < total {
		nb := make([]byte, len(b), total)
		copy(nb, b)
		b = nb
	}
	b = b[:total]
	copy(b[8+len(head):], b[8:8+bodyLen]) // move the body after the head
	copy(b[8:], head)
	binary.LittleEndian.PutUint32(b[0:], uint32(total))
	binary.LittleEndian.PutUint32(b[4:], uint32(len(head)))
	return b
}

func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusResetContent && status != http.StatusNotModified
}
