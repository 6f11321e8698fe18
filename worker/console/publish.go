package console

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/diff"
	"github.com/selvhjelp/finder/data/store"
	"github.com/selvhjelp/finder/data/validate"
)

// draftBundle is the draft as a bundle, with the problems that keep it from
// being published (errors only; warnings do not block).
func (c *Console) draftBundle(ctx context.Context) ([]byte, []validate.Problem, error) {
	all, err := c.db.records(ctx)
	if err != nil {
		return nil, nil, err
	}
	points := make([]dataset.ContactPoint, len(all))
	for i, s := range all {
		points[i] = s.Record
	}
	d := c.draft(points)
	var errs []validate.Problem
	for _, p := range validate.DatasetAt(d, c.cfg.Now()) {
		if !p.Warning {
			errs = append(errs, p)
		}
	}
	b, err := store.Bundle(d)
	if err != nil {
		return nil, nil, fmt.Errorf("build the draft: %w", err)
	}
	return b, errs, nil
}

// live returns the live version's manifest and bundle; ok=false when
// nothing has been published (the public worker serves the built-in one).
func (c *Console) live(ctx context.Context) (Manifest, []byte, bool, error) {
	var m Manifest
	raw, ok, err := c.cfg.Blobs.Get(ctx, CurrentKey)
	if err != nil || !ok {
		return m, nil, false, err
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return m, nil, false, fmt.Errorf("read %s: %w", CurrentKey, err)
	}
	b, ok, err := c.cfg.Blobs.Get(ctx, FilePrefix+m.Bundle)
	if err != nil {
		return m, nil, false, err
	}
	if !ok {
		return m, nil, false, fmt.Errorf("the live version %s has no file %s", m.Version, m.Bundle)
	}
	return m, []byte(b), true, nil
}

// liveBundle is the bundle citizens get now: the live version's, or the
// one built into the deployment.
func (c *Console) liveBundle(ctx context.Context) (string, []byte, error) {
	m, b, ok, err := c.live(ctx)
	if err != nil {
		return "", nil, err
	}
	if ok {
		return m.Version, b, nil
	}
	b, err = store.Bundle(c.cfg.Base)
	if err != nil {
		return "", nil, fmt.Errorf("build the built-in bundle: %w", err)
	}
	return bundleVersion(b), b, nil
}

func bundleVersion(b []byte) string {
	var v struct {
		Version string `json:"version"`
	}
	_ = json.Unmarshal(b, &v) // store.Bundle always writes one
	return v.Version
}

// change is what going from one version to another does.
type change struct {
	text  string // in words (finder diff's text)
	count int    // records changed
	// floor says why it removes too many contact points at once
	// (validate.CheckRemovals, as finder publish), or "".
	floor string
}

func describe(old, new []byte) (change, error) {
	changes, err := diff.Bundles(old, new)
	if err != nil {
		return change{}, err
	}
	before, err := diff.ContactPoints(old)
	if err != nil {
		return change{}, err
	}
	var w bytes.Buffer
	diff.Print(&w, changes)
	return change{text: w.String(), count: len(changes), floor: diff.Floor(before, changes)}, nil
}

// preview is what a publish or a rollback would do.
type preview struct {
	Version string `json:"version"` // the version it would make live
	Live    string `json:"live"`
	Changes string `json:"changes"` // in words
	Count   int    `json:"count"`   // changed records
	// Floor says why a publish would remove too many contact points at
	// once; it then needs "allow_removals".
	Floor  string       `json:"floor,omitempty"`
	Errors []fieldIssue `json:"errors,omitempty"`
}

// fieldIssue is a problem of the whole dataset: which record and field.
type fieldIssue struct {
	Record  string `json:"record,omitempty"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func issues(ps []validate.Problem) []fieldIssue {
	out := make([]fieldIssue, len(ps))
	for i, p := range ps {
		out[i] = fieldIssue{Record: p.Record, Field: strings.TrimSuffix(p.File, ".json") + "." + p.Field, Message: p.Message}
		if p.Field == "" {
			out[i].Field = strings.TrimSuffix(p.File, ".json")
		}
	}
	return out
}

func (c *Console) previewPublish(w http.ResponseWriter, r *http.Request, _ string) {
	draft, errs, err := c.draftBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	liveVersion, live, err := c.liveBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	ch, err := describe(live, draft)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, preview{Version: bundleVersion(draft), Live: liveVersion, Changes: ch.text, Count: ch.count, Floor: ch.floor, Errors: issues(errs)})
}

// publish makes the draft live: {"version": the draft version the
// maintainer reviewed (GET /api/publish), "why"}. The draft is validated
// whole (422 with every error); a draft that changed since it was reviewed
// gets 409. The files are written first, content-addressed and never
// rewritten, and CurrentKey last: until that one write the public worker
// serves the previous version, whole.
func (c *Console) publish(w http.ResponseWriter, r *http.Request, who string) {
	var in struct {
		Version       string `json:"version"`
		Why           string `json:"why"`
		AllowRemovals bool   `json:"allow_removals"` // past the floor, deliberately
	}
	if err := readJSON(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	draft, errs, err := c.draftBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if len(errs) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "utkastet har feil og kan ikke publiseres", "errors": issues(errs)})
		return
	}
	if v := bundleVersion(draft); in.Version != v {
		writeError(w, http.StatusConflict, fmt.Sprintf("utkastet er endret siden du så på det (du så %q, nå %q): se gjennom endringene på nytt", in.Version, v))
		return
	}
	liveVersion, live, err := c.liveBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	ch, err := describe(live, draft)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if ch.floor != "" && !in.AllowRemovals {
		writeError(w, http.StatusUnprocessableEntity, "publiserer ikke: "+ch.floor+
			". Mangler det poster? Er det meningen, kryss av for at så mange skal fjernes, og publiser igjen")
		return
	}
	m, err := c.release(r.Context(), draft, func(m Manifest) error {
		return c.db.addVersion(r.Context(), version{Version: m.Version, PublishedAt: m.PublishedAt, PublishedBy: who, Summary: ch.text})
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if err := c.db.log(r.Context(), entry{At: m.PublishedAt, Who: who, Action: "publish", Old: liveVersion, New: m.Version, Why: why(in.Why, ch.floor)}); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// why is a publish's reason for the history; past the floor it also says
// what was allowed.
func why(reason, floor string) string {
	reason = strings.TrimSpace(reason)
	if floor == "" {
		return reason
	}
	return strings.TrimSpace(reason + " [fjerning godtatt: " + floor + "]")
}

// release writes the bundle's version, lets note record it (its row in
// D1), then makes it live: the files first, content-addressed, and
// CurrentKey last, so that a release stopped at any write leaves the
// previous version live, whole (TestPublishStoppedMidway).
func (c *Console) release(ctx context.Context, bundle []byte, note func(Manifest) error) (Manifest, error) {
	m, err := c.writeVersion(ctx, bundle)
	if err != nil {
		return m, err
	}
	if err := note(m); err != nil {
		return m, err
	}
	return m, c.makeLive(ctx, m)
}

// writeVersion stores a validated bundle's files and manifest (not yet live).
func (c *Console) writeVersion(ctx context.Context, bundle []byte) (Manifest, error) {
	core, _, err := store.SplitBundle(bundle)
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Version: bundleVersion(bundle), Core: hashedName("dataset-core", core), CoreSRI: sri(core),
		PublishedAt: stamp(c.cfg.Now())}
	m.Bundle = "dataset." + m.Version + ".json"
	for name, body := range map[string][]byte{m.Bundle: bundle, m.Core: core} {
		if err := c.putOnce(ctx, FilePrefix+name, string(body)); err != nil {
			return m, err
		}
	}
	b, _ := json.Marshal(m) // a Manifest always encodes
	if err := c.cfg.Blobs.Put(ctx, versionPrefix+m.Version, string(b)); err != nil {
		return m, fmt.Errorf("write version %s: %w", m.Version, err)
	}
	return m, nil
}

// putOnce writes a content-addressed file unless it is there already.
func (c *Console) putOnce(ctx context.Context, key, value string) error {
	if _, ok, err := c.cfg.Blobs.Get(ctx, key); err != nil || ok {
		return err
	}
	if err := c.cfg.Blobs.Put(ctx, key, value); err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return nil
}

// makeLive is the one write that switches the public worker to m.
func (c *Console) makeLive(ctx context.Context, m Manifest) error {
	b, _ := json.Marshal(m)
	if err := c.cfg.Blobs.Put(ctx, CurrentKey, string(b)); err != nil {
		return fmt.Errorf("make %s live: %w", m.Version, err)
	}
	return nil
}

func hashedName(base string, b []byte) string {
	sum := sha256.Sum256(b)
	return base + "." + hex.EncodeToString(sum[:])[:12] + ".json"
}

func sri(b []byte) string {
	sum := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

func (c *Console) listVersions(w http.ResponseWriter, r *http.Request, _ string) {
	vs, err := c.db.versions(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	liveVersion, _, err := c.liveBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	for i := range vs {
		vs[i].Live = vs[i].Version == liveVersion
	}
	writeJSON(w, http.StatusOK, vs)
}

// version reads a published version's manifest and bundle.
func (c *Console) version(ctx context.Context, v string) (Manifest, []byte, error) {
	var m Manifest
	raw, ok, err := c.cfg.Blobs.Get(ctx, versionPrefix+v)
	if err != nil {
		return m, nil, err
	}
	if !ok {
		return m, nil, errNotFound
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return m, nil, fmt.Errorf("read version %s: %w", v, err)
	}
	b, ok, err := c.cfg.Blobs.Get(ctx, FilePrefix+m.Bundle)
	if err != nil {
		return m, nil, err
	}
	if !ok {
		return m, nil, fmt.Errorf("version %s has no file %s", v, m.Bundle)
	}
	return m, []byte(b), nil
}

func (c *Console) previewRollback(w http.ResponseWriter, r *http.Request, _ string) {
	v := r.URL.Query().Get("version")
	_, target, err := c.version(r.Context(), v)
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("versjonen %q finnes ikke", v))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	liveVersion, live, err := c.liveBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	ch, err := describe(live, target)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, preview{Version: v, Live: liveVersion, Changes: ch.text, Count: ch.count})
}

// rollback makes an earlier version live again in one step, and makes its
// contact points the draft, so that the next edit starts from it.
func (c *Console) rollback(w http.ResponseWriter, r *http.Request, who string) {
	var in struct {
		Version string `json:"version"`
		Why     string `json:"why"`
	}
	if err := readJSON(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	m, target, err := c.version(r.Context(), in.Version)
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("versjonen %q finnes ikke", in.Version))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	d, err := store.ParseBundle(target)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	liveVersion, _, err := c.liveBundle(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	now := c.cfg.Now()
	if err := c.makeLive(r.Context(), m); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if err := c.db.replaceAll(r.Context(), d.ContactPoints, who, now); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if err := c.db.log(r.Context(), entry{At: stamp(now), Who: who, Action: "rollback", Old: liveVersion, New: m.Version, Why: strings.TrimSpace(in.Why)}); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (c *Console) listHistory(w http.ResponseWriter, r *http.Request, _ string) {
	h, err := c.db.history(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, h)
}

// historyCSV is the history as a spreadsheet (UTF-8 with a BOM, which
// Excel needs to read æøå).
func (c *Console) historyCSV(w http.ResponseWriter, r *http.Request, _ string) {
	h, err := c.db.history(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	_ = cw.Write([]string{"nr", "tidspunkt", "hvem", "hva", "kontaktpunkt", "før", "etter", "hvorfor"})
	for _, e := range h {
		_ = cw.Write([]string{fmt.Sprint(e.Seq), e.At, e.Who, e.Action, e.Record, e.Old, e.New, e.Why})
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="historikk.csv"`)
	_, _ = w.Write(b.Bytes())
}

func (c *Console) stale(w http.ResponseWriter, r *http.Request, _ string) {
	all, err := c.db.records(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	points := make([]dataset.ContactPoint, len(all))
	for i, s := range all {
		points[i] = s.Record
	}
	list, err := validate.Stale(c.draft(points), validate.StaleAfterMonths, false, c.cfg.Now())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if list == nil {
		list = []validate.StaleRecord{}
	}
	writeJSON(w, http.StatusOK, list)
}
