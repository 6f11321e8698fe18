package console

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/validate"
)

// maxBody is the most a request body may hold (a record is a few KB).
const maxBody = 256 << 10

// fieldError is a validation problem of one field, as the API returns it.
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]any{"status": status, "error": message})
}

func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("ugyldig JSON: %w", err)
	}
	return nil
}

func (c *Console) devLogin(w http.ResponseWriter, r *http.Request) {
	if c.cfg.Mode != Development {
		writeError(w, http.StatusNotFound, "utviklerinnlogging finnes bare lokalt")
		return
	}
	var in struct {
		Code string `json:"code"`
	}
	if err := readJSON(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(in.Code)), []byte(c.cfg.DevCode)) != 1 {
		writeError(w, http.StatusUnauthorized, "feil kode")
		return
	}
	fresh, err := c.db.useCode(r.Context(), c.cfg.DevCode, c.cfg.Now())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if !fresh {
		writeError(w, http.StatusUnauthorized, "koden er allerede brukt; start make run på nytt for en ny kode")
		return
	}
	token := randomToken()
	if err := c.db.newSession(r.Context(), token, devUser, c.cfg.Now().Add(sessionTTL)); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, MaxAge: int(sessionTTL.Seconds())})
	writeJSON(w, http.StatusOK, map[string]string{"who": devUser})
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

func (c *Console) whoami(w http.ResponseWriter, r *http.Request, who string) {
	writeJSON(w, http.StatusOK, map[string]string{"who": who, "mode": c.cfg.Mode})
}

func (c *Console) schema(w http.ResponseWriter, r *http.Request, _ string) {
	writeJSON(w, http.StatusOK, recordForm)
}

// listItem is one record in the list, with its ETag.
type listItem struct {
	dataset.ContactPoint
	ETag string `json:"etag"`
}

func (c *Console) listRecords(w http.ResponseWriter, r *http.Request, _ string) {
	all, err := c.db.records(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	out := make([]listItem, 0, len(all))
	for _, s := range all {
		out = append(out, listItem{s.Record, s.ETag})
	}
	writeJSON(w, http.StatusOK, out)
}

func (c *Console) getRecord(w http.ResponseWriter, r *http.Request, _ string) {
	s, err := c.db.record(r.Context(), r.PathValue("id"))
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("fant ikke kontaktpunktet %q", r.PathValue("id")))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("ETag", s.ETag)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = io.WriteString(w, s.Body)
}

// putRecord saves a record: the body is the record's JSON, or
// {"record": …, "why": "…"} to say why. An existing record needs If-Match
// with its ETag (412 when it changed since); a new one If-None-Match: *.
// The record is checked by data/validate against the whole draft (422 with
// the problems of its fields); nothing invalid is stored.
func (c *Console) putRecord(w http.ResponseWriter, r *http.Request, who string) {
	id := r.PathValue("id")
	p, why, err := readRecord(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if p.ID != id {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": []fieldError{{"id", fmt.Sprintf("id %q er ikke adressens %q", p.ID, id)}}})
		return
	}
	ifMatch, isNew := r.Header.Get("If-Match"), r.Header.Get("If-None-Match") == "*"
	if ifMatch == "" && !isNew {
		writeError(w, http.StatusPreconditionRequired, "If-Match mangler: hent posten først (ETag), eller send If-None-Match: * for en ny")
		return
	}
	all, err := c.db.records(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var old *stored
	points := make([]dataset.ContactPoint, 0, len(all)+1)
	for i, s := range all {
		if s.Record.ID == id {
			old = &all[i]
			continue
		}
		points = append(points, s.Record)
	}
	if errs := c.recordProblems(append(points, p), id); len(errs) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": errs})
		return
	}
	switch {
	case isNew && old != nil:
		writeError(w, http.StatusPreconditionFailed, fmt.Sprintf("kontaktpunktet %q finnes allerede", id))
		return
	case !isNew && old == nil:
		writeError(w, http.StatusNotFound, fmt.Sprintf("fant ikke kontaktpunktet %q", id))
		return
	}
	etag, err := c.db.save(r.Context(), p, ifMatch, who, c.cfg.Now())
	if errors.Is(err, errStale) {
		writeError(w, http.StatusPreconditionFailed, "Noen andre har lagret dette kontaktpunktet etter at du åpnet det. Endringen din er ikke lagret: last inn på nytt og gjør den igjen.")
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	e := entry{At: stamp(c.cfg.Now()), Who: who, Action: "add", Record: id, New: mustEncode(p), Why: why}
	if old != nil {
		e.Action, e.Old = "save", old.Body
	}
	if err := c.db.log(r.Context(), e); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("ETag", etag)
	writeJSON(w, http.StatusOK, p)
}

func mustEncode(p dataset.ContactPoint) string {
	s, _ := encodeRecord(p) // a ContactPoint always encodes
	return s
}

// readRecord decodes a record, bare or as {"record", "why"}; unknown fields
// are refused, so a misspelt field is not silently dropped.
func readRecord(r *http.Request) (dataset.ContactPoint, string, error) {
	var p dataset.ContactPoint
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return p, "", fmt.Errorf("les forespørselen: %w", err)
	}
	var wrapped struct {
		Record json.RawMessage `json:"record"`
		Why    string          `json:"why"`
	}
	if json.Unmarshal(body, &wrapped) == nil && len(wrapped.Record) > 0 {
		body = wrapped.Record
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, "", fmt.Errorf("ugyldig kontaktpunkt: %w", err)
	}
	return p, strings.TrimSpace(wrapped.Why), nil
}

// recordProblems validates the draft with points as its contact points and
// returns the errors of the record id (other records' problems are theirs).
func (c *Console) recordProblems(points []dataset.ContactPoint, id string) []fieldError {
	var out []fieldError
	for _, p := range validate.DatasetAt(c.draft(points), c.cfg.Now()) {
		if p.Warning || p.File != dataset.ContactPointsFile || p.Record != id {
			continue
		}
		field := p.Field
		if field == "" {
			field = "id"
		}
		out = append(out, fieldError{field, p.Message})
	}
	return out
}

// draft is the built-in dataset with points as its contact points.
func (c *Console) draft(points []dataset.ContactPoint) *dataset.Dataset {
	d := *c.cfg.Base
	d.Version = ""
	d.ContactPoints = append([]dataset.ContactPoint(nil), points...)
	sort.Slice(d.ContactPoints, func(i, j int) bool { return d.ContactPoints[i].ID < d.ContactPoints[j].ID })
	return &d
}
