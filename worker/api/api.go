// Package api holds the worker's HTTP handlers as a plain net/http handler,
// so that they run and are tested natively; the js/wasm entry point in
// worker/main.go only wires them to syumai/workers.
//
// Routes: GET /v1/search, GET /v1/contact-points/{id}, GET /healthz,
// GET /v1/dataset.json, and (when Config.Static is set) the public files of
// worker/public. HEAD works wherever GET does, OPTIONS answers CORS
// preflights, other methods get 405, unknown paths a JSON 404.
package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

// Config configures New.
type Config struct {
	// Dataset is the dataset to serve. Set Dataset, Bundle, or both (then
	// Bundle must be Dataset's bundle).
	Dataset *dataset.Dataset
	// Bundle is the dataset bundle as served at /v1/dataset.json. When nil it
	// is built from Dataset.
	Bundle []byte
	// BuildID names the build in /healthz.
	BuildID string
	// Static, when set, serves public files (worker/public) natively: "/"
	// serves index.html. In production the static asset server does this.
	Static fs.FS
	// Started is when the instance began loading; /healthz reports how long
	// loading took (the cold-start cost of a new instance). Zero: not shown.
	Started time.Time
	// RuntimeCompresses says the platform compresses responses itself, so
	// the handler must not: Cloudflare's edge (and miniflare under wrangler
	// dev) encodes by the client's own Accept-Encoding, which the worker never
	// sees, because the request that reaches it always says "br, gzip". A
	// Content-Encoding set by the worker would be sent even to a client that
	// asked for none. Natively the handler gzips.
	RuntimeCompresses bool
	// HealthToken, when not empty, lets a request that carries it in the
	// HealthTokenHeader see /healthz's details (build id, load time, counts,
	// memory). In the worker it is the secret HEALTH_TOKEN
	// (`wrangler secret put HEALTH_TOKEN`); unset, only local requests see them.
	HealthToken string
	// HostMemory, when set, reports what the host runtime knows of the
	// instance's memory (in the worker: the WebAssembly memory size and the
	// JavaScript values Go holds). /healthz adds it to the Go heap figures.
	HostMemory func() HostMemory
}

// HostMemory is the host runtime's view of the instance's memory.
type HostMemory struct {
	// WasmBytes is the WebAssembly linear memory (memory.buffer.byteLength):
	// it only grows, so it is the high-water mark of the Go heap.
	WasmBytes int64 `json:"wasm_memory_bytes,omitempty"`
	// JSValues is how many JavaScript values Go holds references to (wasm_exec.js
	// keeps each alive until Go's garbage collector releases it).
	JSValues int64 `json:"js_values,omitempty"`
}

// Memory is the instance's memory as /healthz reports it.
type Memory struct {
	HeapAlloc uint64 `json:"go_heap_alloc"` // runtime.MemStats.HeapAlloc: bytes of heap objects, live or not yet collected
	HeapLive  uint64 `json:"go_heap_live"`  // heap that was live at the end of the last GC (runtime/metrics /gc/heap/live:bytes)
	HeapSys   uint64 `json:"go_heap_sys"`   // runtime.MemStats.HeapSys: heap memory obtained from the host
	Sys       uint64 `json:"go_sys"`        // runtime.MemStats.Sys: all memory obtained from the host
	NumGC     uint32 `json:"num_gc"`
	HostMemory
}

// Limits of /v1/search.
const (
	// MaxQueryRunes is the longest query, in runes: the engine's own limit,
	// so that a message the browser module reads is one the API reads.
	MaxQueryRunes = search.MaxQueryRunes
	DefaultLimit  = 10
	MaxLimit      = 50
	compressMin   = 1024 // smaller bodies are not worth compressing
)

// handler serves every route. It is safe for concurrent use.
type handler struct {
	cfg        Config
	engine     *search.Engine
	bundleOnce sync.Once
	bundle     *entity // nil until first needed when the dataset came with its version
	bundleErr  error
	health     health // its Memory is filled per request
	byID       map[string]int
	dataset    *dataset.Dataset

	mu     sync.Mutex
	static map[string]*entity // public files read so far, by URL path
}

// entity is a body served with a strong ETag; its gzip form is made on first need.
type entity struct {
	body        []byte
	etag        string
	contentType string
	urlPath     string

	gzOnce sync.Once
	gz     []byte
}

func newEntity(urlPath string, body []byte) *entity {
	sum := sha256.Sum256(body)
	return &entity{
		body:        body,
		etag:        `"` + hex.EncodeToString(sum[:16]) + `"`,
		contentType: ContentType(urlPath),
		urlPath:     urlPath,
	}
}

// gzipped returns the gzip form of the body, or nil when it does not pay.
func (e *entity) gzipped() []byte {
	e.gzOnce.Do(func() {
		if len(e.body) < compressMin || !compressible(e.contentType) {
			return
		}
		e.gz, _ = gzipBytes(e.body, gzip.BestCompression)
	})
	return e.gz
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		contentType == "application/wasm" || contentType == "image/svg+xml"
}

// New returns the worker's handler.
func New(cfg Config) (http.Handler, error) {
	if cfg.Dataset == nil && cfg.Bundle == nil {
		return nil, errors.New("api: Config needs a Dataset or a Bundle")
	}
	d := cfg.Dataset
	if d == nil || d.Version == "" {
		// The bundle carries the version and the canonical order.
		bundle := cfg.Bundle
		if bundle == nil {
			var err error
			if bundle, err = store.Bundle(d); err != nil {
				return nil, fmt.Errorf("api: build bundle: %w", err)
			}
			cfg.Bundle = bundle
		}
		var err error
		if d, err = store.ParseBundle(bundle); err != nil {
			return nil, fmt.Errorf("api: parse bundle: %w", err)
		}
	}
	engine, err := search.New(d)
	if err != nil {
		return nil, fmt.Errorf("api: build search index: %w", err)
	}
	h := &handler{
		cfg:     cfg,
		engine:  engine,
		byID:    make(map[string]int, len(d.ContactPoints)),
		dataset: d,
		static:  map[string]*entity{},
	}
	for i, cp := range d.ContactPoints {
		h.byID[cp.ID] = i
	}
	if cfg.Bundle != nil {
		h.bundle = newEntity("/v1/dataset.json", cfg.Bundle)
	}
	version := d.Version
	var initMS float64
	if !cfg.Started.IsZero() {
		initMS = float64(time.Since(cfg.Started).Microseconds()) / 1000
	}
	h.health = health{
		Status:  "ok",
		Version: version,
		BuildID: cfg.BuildID,
		InitMS:  initMS,
		Counts: map[string]int{
			"counties":              len(d.Counties),
			"municipalities":        len(d.Municipalities),
			"territories":           len(d.Territories),
			"former_municipalities": len(d.FormerMunicipalities),
			"postcodes":             len(d.Postcodes),
			"topics":                len(d.Topics),
			"contact_points":        len(d.ContactPoints),
			"sources":               len(d.Sources),
		},
	}
	if _, err := h.healthBody(); err != nil {
		return nil, err
	}
	return h, nil
}

// HealthTokenHeader carries Config.HealthToken to see /healthz's details.
const HealthTokenHeader = "X-Finder-Health-Token"

// publicHealth is what anyone may see of /healthz: that the worker answers
// and which dataset it serves. The build id (with its -dirty mark), load
// time, counts and memory figures are for the operators (healthDetails).
type publicHealth struct {
	Status  string `json:"status"`
	Version string `json:"version"`
}

type health struct {
	Status  string         `json:"status"`
	Version string         `json:"version"`
	BuildID string         `json:"build_id"`
	InitMS  float64        `json:"init_ms,omitempty"` // loading the dataset and index in this instance
	Counts  map[string]int `json:"counts"`
	Memory  *Memory        `json:"memory,omitempty"`
}

// healthBody is /healthz's body with the memory figures of this moment.
func (h *handler) healthBody() ([]byte, error) {
	hz := h.health
	hz.Memory = h.memory()
	b, err := json.Marshal(hz)
	if err != nil {
		return nil, fmt.Errorf("api: health: %w", err)
	}
	return b, nil
}

// publicHealthBody is /healthz's body for everyone else.
func (h *handler) publicHealthBody() ([]byte, error) {
	b, err := json.Marshal(publicHealth{Status: h.health.Status, Version: h.health.Version})
	if err != nil {
		return nil, fmt.Errorf("api: public health: %w", err)
	}
	return b, nil
}

// healthDetails reports whether r may see /healthz's details: a request to
// a loopback host (workerd or wrangler dev on this machine; Cloudflare routes
// only its zones' host names to the deployed worker, so no request there
// carries one), or one with the configured token.
func (h *handler) healthDetails(r *http.Request) bool {
	if isLoopbackHost(r.Host) {
		return true
	}
	token := r.Header.Get(HealthTokenHeader)
	return h.cfg.HealthToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(h.cfg.HealthToken)) == 1
}

// isLoopbackHost reports whether a Host value ("127.0.0.1:8787",
// "localhost", "[::1]:80") names this machine.
func isLoopbackHost(host string) bool {
	if name, _, err := net.SplitHostPort(host); err == nil {
		host = name
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveHealth answers /healthz: details for operators, the public shape otherwise.
func (h *handler) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", CacheNone)
	body, err := h.publicHealthBody()
	if h.healthDetails(r) {
		body, err = h.healthBody()
	}
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, "could not encode the health report", "")
		return
	}
	h.json(w, r, http.StatusOK, body)
}

// memory reads the Go runtime's figures (a short stop of the world) and the host's.
func (h *handler) memory() *Memory {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := &Memory{HeapAlloc: ms.HeapAlloc, HeapSys: ms.HeapSys, Sys: ms.Sys, NumGC: ms.NumGC}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		m.HeapLive = sample[0].Value.Uint64()
	}
	if h.cfg.HostMemory != nil {
		m.HostMemory = h.cfg.HostMemory()
	}
	return m
}

// apiError is the body of every error response.
type apiError struct {
	Status    int    `json:"status"`
	Error     string `json:"error"`
	Parameter string `json:"parameter,omitempty"`
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	securityHeaders(hdr)
	p := r.URL.Path
	switch {
	case r.Method == http.MethodGet, r.Method == http.MethodHead:
	case r.Method == http.MethodPost && p == "/v1/search":
		// The widget's fallback sends the query in the body, so that it
		// is in no URL (logs, proxies, the Referer of a later request).
	case r.Method == http.MethodOptions:
		preflight(w)
		return
	default:
		hdr.Set("Allow", allowed(p))
		h.fail(w, r, http.StatusMethodNotAllowed, "method not allowed: use "+allowed(p), "")
		return
	}
	switch {
	case p == "/v1/search":
		h.search(w, r)
	case strings.HasPrefix(p, "/v1/contact-points/"):
		h.contactPoint(w, r, strings.TrimPrefix(p, "/v1/contact-points/"))
	case p == "/healthz":
		h.serveHealth(w, r)
	case p == "/v1/dataset.json":
		e, err := h.bundleEntity()
		if err != nil {
			h.fail(w, r, http.StatusInternalServerError, "could not build the dataset bundle", "")
			return
		}
		staticHeaders(hdr, p)
		h.serveEntity(w, r, e)
	default:
		if e := h.staticFile(p); e != nil {
			staticHeaders(hdr, e.urlPath)
			h.serveEntity(w, r, e)
			return
		}
		h.fail(w, r, http.StatusNotFound, "not found", "")
	}
}

// bundleEntity returns the bundle, building it on first use: the worker's
// instance starts with a dataset compiled into it and rarely serves the
// bundle (the static asset server does), so it does not pay for it at start.
func (h *handler) bundleEntity() (*entity, error) {
	h.bundleOnce.Do(func() {
		if h.bundle != nil {
			return
		}
		b, err := store.Bundle(h.dataset)
		if err != nil {
			h.bundleErr = fmt.Errorf("api: build bundle: %w", err)
			return
		}
		h.bundle = newEntity("/v1/dataset.json", b)
	})
	return h.bundle, h.bundleErr
}

// preflight answers a CORS preflight for any path: every route is public.
func preflight(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Content-Type, If-None-Match")
	h.Set("Access-Control-Max-Age", "86400")
	h.Set("Allow", "GET, HEAD, POST, OPTIONS")
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Content-Length", "0")
	w.WriteHeader(http.StatusNoContent)
}

// allowed lists the methods a path answers.
func allowed(p string) string {
	if p == "/v1/search" {
		return "GET, HEAD, POST, OPTIONS"
	}
	return "GET, HEAD, OPTIONS"
}

// maxSearchBody bounds a POST /v1/search body: the longest query
// percent-encoded (up to 12 bytes a character) with its other parameters.
const maxSearchBody = 12*MaxQueryRunes + 512

// searchParams reads the parameters of a search: the URL's query for GET,
// the form-encoded body for POST (a simple request: no preflight).
func searchParams(r *http.Request) (string, int, *paramError) {
	if r.Method != http.MethodPost {
		return r.URL.RawQuery, 0, nil
	}
	if ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";"); strings.TrimSpace(strings.ToLower(ct)) != formType {
		return "", http.StatusUnsupportedMediaType, &paramError{msg: "send the parameters as " + formType}
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxSearchBody+1))
	switch {
	case err != nil:
		return "", http.StatusBadRequest, &paramError{msg: "could not read the request body"}
	case len(b) > maxSearchBody:
		return "", http.StatusRequestEntityTooLarge, &paramError{msg: fmt.Sprintf("the body is too long: at most %d bytes", maxSearchBody)}
	}
	return string(b), 0, nil
}

// formType is the body type of a POST /v1/search.
const formType = "application/x-www-form-urlencoded"

func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", CacheNone)
	raw, status, perr := searchParams(r)
	if perr != nil {
		h.fail(w, r, status, perr.msg, perr.param)
		return
	}
	// ParseQuery, unlike URL.Query, reports bad percent escapes.
	vals, err := parseQuery(raw)
	if err != nil {
		h.fail(w, r, http.StatusBadRequest, err.msg, err.param)
		return
	}
	q, ok := vals["q"]
	if !ok {
		h.fail(w, r, http.StatusBadRequest, "missing parameter q: the text to search for", "q")
		return
	}
	if !validUTF8(q) {
		h.fail(w, r, http.StatusBadRequest, "q is not valid UTF-8", "q")
		return
	}
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("q is too long: at most %d characters", MaxQueryRunes), "q")
		return
	}
	q = blankControls(q)
	opts := search.Options{Limit: DefaultLimit}
	if s, ok := vals["limit"]; ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("limit must be a whole number from 1 to %d", MaxLimit), "limit")
			return
		}
		opts.Limit = n
	}
	if s, ok := vals["municipality"]; ok && s != "" {
		if !isDigits(s, 4) {
			h.fail(w, r, http.StatusBadRequest, "municipality must be a four-digit municipality number", "municipality")
			return
		}
		opts.Municipality = s
	}
	if s, ok := vals["topic"]; ok && s != "" {
		if !isTopicID(s) {
			h.fail(w, r, http.StatusBadRequest, "topic must be a topic id such as sorg or kronisk-sykdom", "topic")
			return
		}
		opts.Topic = s
	}
	res := h.engine.Search(q, opts)
	// The widget's fallback reports the dataset version (finder-ready) from this.
	w.Header().Set("X-Finder-Dataset", h.dataset.Version)
	w.Header().Set("Access-Control-Expose-Headers", "X-Finder-Dataset")
	body, merr := encodeResponse(res)
	if merr != nil {
		h.fail(w, r, http.StatusInternalServerError, "could not encode the response", "")
		return
	}
	h.json(w, r, http.StatusOK, body)
}

// encodeResponse encodes the search contract with the engine's own encoder
// (the same bytes as the browser module and the CLI).
func encodeResponse(res search.Response) ([]byte, error) {
	return res.AppendJSON(make([]byte, 0, 4096)), nil
}

func (h *handler) contactPoint(w http.ResponseWriter, r *http.Request, id string) {
	i, ok := h.byID[id]
	if !ok || id == "" {
		w.Header().Set("Cache-Control", CacheShort)
		h.fail(w, r, http.StatusNotFound, "no contact point with that id", "id")
		return
	}
	body, err := json.Marshal(h.dataset.ContactPoints[i])
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, "could not encode the contact point", "")
		return
	}
	w.Header().Set("Cache-Control", CacheShort)
	h.json(w, r, http.StatusOK, body)
}

// json writes a JSON body (not cached as an entity, so no ETag).
func (h *handler) json(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	if hdr.Get("Content-Security-Policy") == "" {
		hdr.Set("Content-Security-Policy", apiCSP)
	}
	if len(body) >= compressMin {
		hdr.Add("Vary", "Accept-Encoding")
		if h.compresses(r) {
			if gz, ok := gzipBytes(body, gzip.BestSpeed); ok {
				hdr.Set("Content-Encoding", "gzip")
				body = gz
			}
		}
	}
	writeBody(w, r, status, body)
}

// compresses reports whether the handler gzips the response to r itself.
func (h *handler) compresses(r *http.Request) bool {
	return !h.cfg.RuntimeCompresses && acceptsGzip(r)
}

// gzipBytes compresses b at level; ok is false when that fails or does not pay.
func gzipBytes(b []byte, level int) (gz []byte, ok bool) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, level)
	if err != nil {
		return nil, false
	}
	_, _ = zw.Write(b) // a bytes.Buffer does not fail; Close reports any error
	if zw.Close() != nil || buf.Len() >= len(b) {
		return nil, false
	}
	return buf.Bytes(), true
}

func (h *handler) fail(w http.ResponseWriter, r *http.Request, status int, msg, param string) {
	hdr := w.Header()
	if hdr.Get("Cache-Control") == "" || status >= 500 {
		hdr.Set("Cache-Control", CacheNone)
	}
	hdr.Del("ETag")
	hdr.Del("Content-Encoding")
	body, _ := json.Marshal(apiError{Status: status, Error: msg, Parameter: param})
	h.json(w, r, status, body)
}

// serveEntity serves a cached body with its ETag, a 304 when the client has it.
func (h *handler) serveEntity(w http.ResponseWriter, r *http.Request, e *entity) {
	hdr := w.Header()
	hdr.Set("ETag", e.etag)
	hdr.Add("Vary", "Accept-Encoding")
	if etagMatches(r.Header.Get("If-None-Match"), e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := e.body
	if h.compresses(r) {
		if gz := e.gzipped(); gz != nil {
			hdr.Set("Content-Encoding", "gzip")
			body = gz
		}
	}
	writeBody(w, r, http.StatusOK, body)
}

// writeBody writes status and body; HEAD gets the headers only. The length
// declared is that of the bytes written: a platform that compresses them
// afterwards replaces it.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// staticFile returns the public file for a URL path, or nil.
func (h *handler) staticFile(urlPath string) *entity {
	if h.cfg.Static == nil {
		return nil
	}
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
		urlPath += "index.html"
	} else if urlPath == EmbedPath {
		// As the asset server's html_handling "auto-trailing-slash" does.
		name += ".html"
	}
	if !fs.ValidPath(name) || strings.HasPrefix(path0(name), ".") || strings.HasPrefix(path0(name), "_") {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if e, ok := h.static[urlPath]; ok {
		return e
	}
	b, err := fs.ReadFile(h.cfg.Static, name)
	if err != nil {
		return nil // a directory or a missing file: 404
	}
	e := newEntity(urlPath, b)
	h.static[urlPath] = e
	return e
}

// path0 is the last element of a slash-separated name.
func path0(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}
