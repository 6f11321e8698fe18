package console

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/verify"
)

// What waits for a maintainer: a change or closure a contact point sent
// through its link, or a suggestion from the public form. Nothing in it
// reaches the draft before a maintainer approves it.
const (
	kindChange     = "change"
	kindClosed     = "closed"
	kindSuggestion = "suggestion"

	statusWaiting  = "waiting"
	statusApproved = "approved"
	statusRejected = "rejected"

	decisionApprove = "approve"
	decisionReject  = "reject"
)

// keepDecided is how long a decided item is kept (the suggestion form says so).
const keepDecided = 180 * 24 * time.Hour

// selfConfirmed is who a contact point's own answer is recorded as.
const selfConfirmed = "kontaktpunktet selv (bekreftelseslenke)"

// item is one thing waiting (or decided), as GET /api/moderation lists it.
type item struct {
	ID         int64             `json:"id"`
	Kind       string            `json:"kind"`
	Record     string            `json:"record,omitempty"`
	Proposal   map[string]string `json:"proposal"`
	Message    string            `json:"message,omitempty"`
	ReceivedAt string            `json:"received_at"`
	Status     string            `json:"status"`
	DecidedAt  string            `json:"decided_at,omitempty"`
	DecidedBy  string            `json:"decided_by,omitempty"`
	Reason     string            `json:"reason,omitempty"`

	// Filled in for the console: the record's name, what would change, the
	// record an approval saves, and the ETag it was read at.
	Name     string                `json:"name,omitempty"`
	Changes  []fieldChange         `json:"changes,omitempty"`
	Proposed *dataset.ContactPoint `json:"proposed,omitempty"`
	ETag     string                `json:"etag,omitempty"`
}

// fieldChange is one field an approval changes.
type fieldChange struct {
	Field string `json:"field"`
	Label string `json:"label"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// addItem stores it unless maxWaiting items already wait (errBusy). The
// count and the insert are one statement, so concurrent requests cannot
// together pass the cap.
func (d db) addItem(ctx context.Context, it item, maxWaiting int) error {
	body, err := json.Marshal(it.Proposal)
	if err != nil {
		return fmt.Errorf("encode proposal: %w", err)
	}
	res, err := d.sql.ExecContext(ctx, `INSERT INTO moderation (kind, record, body, message, received_at)
		SELECT ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM moderation WHERE status = 'waiting') < ?`,
		it.Kind, it.Record, string(body), it.Message, it.ReceivedAt, maxWaiting)
	if err != nil {
		return fmt.Errorf("store %s for moderation: %w", it.Kind, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errBusy{limitWindow}
	}
	return nil
}

const itemColumns = `id, kind, record, body, message, received_at, status, decided_at, decided_by, reason`

func scanItem(row interface{ Scan(...any) error }) (item, error) {
	var it item
	var body string
	if err := row.Scan(&it.ID, &it.Kind, &it.Record, &body, &it.Message, &it.ReceivedAt, &it.Status, &it.DecidedAt, &it.DecidedBy, &it.Reason); err != nil {
		return it, err
	}
	if err := json.Unmarshal([]byte(body), &it.Proposal); err != nil {
		return it, fmt.Errorf("decode moderation item %d: %w", it.ID, err)
	}
	return it, nil
}

func (d db) items(ctx context.Context, status string) ([]item, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+itemColumns+` FROM moderation WHERE status = ? ORDER BY id`, status)
	if err != nil {
		return nil, fmt.Errorf("list moderation: %w", err)
	}
	defer rows.Close()
	out := []item{}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("list moderation: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func (d db) item(ctx context.Context, id int64) (item, error) {
	it, err := scanItem(d.sql.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM moderation WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, errNotFound
	}
	return it, err
}

// decide marks a waiting item decided; false when it was decided meanwhile.
func (d db) decide(ctx context.Context, id int64, status, who, reason string, now time.Time) (bool, error) {
	res, err := d.sql.ExecContext(ctx, `UPDATE moderation SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ? AND status = 'waiting'`,
		status, stamp(now), who, reason, id)
	if err != nil {
		return false, fmt.Errorf("decide %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return err == nil && n == 1, nil
}

// undecide puts an item back when its approval could not be saved.
func (d db) undecide(ctx context.Context, id int64) {
	_, _ = d.sql.ExecContext(ctx, `UPDATE moderation SET status = 'waiting', decided_at = '', decided_by = '', reason = '' WHERE id = ?`, id)
}

// forgetDecided deletes items decided longer ago than keepDecided.
func (d db) forgetDecided(ctx context.Context, now time.Time) error {
	_, err := d.sql.ExecContext(ctx, `DELETE FROM moderation WHERE status != 'waiting' AND decided_at < ?`, stamp(now.Add(-keepDecided)))
	if err != nil {
		return fmt.Errorf("forget decided items: %w", err)
	}
	return nil
}

// proposed is the record an approval of it would save, given the record
// it concerns as it is now (nil for a suggestion).
func proposed(it item, current *dataset.ContactPoint, now time.Time) (dataset.ContactPoint, error) {
	if it.Kind == kindSuggestion {
		return fromSuggestion(it, now), nil
	}
	if current == nil {
		return dataset.ContactPoint{}, fmt.Errorf("kontaktpunktet %q finnes ikke lenger", it.Record)
	}
	p := clone(*current)
	if err := setFields(&p, it.Proposal); err != nil {
		return p, err
	}
	// The contact point answered for its own record: that is a confirmation
	// too, of the day it answered.
	answered, err := time.Parse(time.RFC3339, it.ReceivedAt)
	if err != nil || answered.After(now) {
		answered = now
	}
	v := verify.Verification{Source: sourceOf(p), By: selfConfirmed, Date: answered}
	switch it.Kind {
	case kindClosed:
		v.Status, v.Note = dataset.StatusClosed, "har sluttet med tilbudet"
		p.StatusNote = strings.TrimSpace("Kontaktpunktet meldte " + answered.Format(verify.DateLayout) + " at det har sluttet. " + it.Message)
	default:
		v.Note = "sendte endringer"
	}
	if v.Source == "" {
		return p, nil // nothing to cite: the change stands, unconfirmed
	}
	return p, verify.Apply(&p, v, now)
}

// fromSuggestion starts a record from a suggestion; the maintainer fills in
// what only the source can tell (kind, municipality, topics) before saving.
func fromSuggestion(it item, now time.Time) dataset.ContactPoint {
	s := it.Proposal
	p := dataset.ContactPoint{ID: slug(s["name"] + " " + s["place"]), Name: s["name"], Address: s["address"], Phone: s["phone"],
		Email: s["email"], URL: s["url"], Groups: s["what"], Coverage: s["place"], Status: dataset.StatusUnknown}
	p.Sources = []dataset.SourceRef{{URL: s["source"], Facts: "Foreslått via skjemaet " + now.Format(verify.DateLayout) + "; sjekk opplysningene mot kilden"}}
	return p
}

// slug is an id from a name: "Frivilligsentralen i Mo" → "frivilligsentralen-i-mo".
func slug(s string) string {
	repl := strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "é", "e")
	var b strings.Builder
	dash := false
	for _, r := range repl.Replace(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// sourceOf is the address a contact point's own answer is cited with: its
// web page, or else its newest source.
func sourceOf(p dataset.ContactPoint) string {
	if p.URL != "" {
		return p.URL
	}
	for i := len(p.Sources) - 1; i >= 0; i-- {
		if p.Sources[i].URL != "" {
			return p.Sources[i].URL
		}
	}
	return ""
}

func clone(p dataset.ContactPoint) dataset.ContactPoint {
	var out dataset.ContactPoint
	_ = json.Unmarshal([]byte(mustEncode(p)), &out) // a ContactPoint always round-trips
	return out
}

// changesOf lists the fields that differ between old and new, in the
// form's order, with the form's labels.
func changesOf(old, new dataset.ContactPoint) []fieldChange {
	var a, b map[string]any
	_ = json.Unmarshal([]byte(mustEncode(old)), &a)
	_ = json.Unmarshal([]byte(mustEncode(new)), &b)
	var out []fieldChange
	for _, f := range recordForm {
		o, n := shown(a[f.Name]), shown(b[f.Name])
		if o != n {
			out = append(out, fieldChange{f.Name, f.Label, o, n})
		}
	}
	return out
}

// shown is a field's value as a maintainer reads it: lists one item after
// another, objects (a source) their values in key order, not JSON.
func shown(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = shown(x)
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if x := shown(v[k]); x != "" {
				parts = append(parts, x)
			}
		}
		return strings.Join(parts, " · ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// listModeration answers GET /api/moderation: what waits, oldest first,
// each with the record's name and what an approval would change.
func (c *Console) listModeration(w http.ResponseWriter, r *http.Request, _ string) {
	status := r.URL.Query().Get("status")
	if status == "" {
		status = statusWaiting
	}
	its, err := c.db.items(r.Context(), status)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	for i := range its {
		if err := c.explain(r.Context(), &its[i]); err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
	}
	writeJSON(w, http.StatusOK, its)
}

func (c *Console) getModeration(w http.ResponseWriter, r *http.Request, _ string) {
	it, ok := c.findItem(w, r)
	if !ok {
		return
	}
	if err := c.explain(r.Context(), &it); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, it)
}

func (c *Console) findItem(w http.ResponseWriter, r *http.Request) (item, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("ingen sak %q", r.PathValue("id")))
		return item{}, false
	}
	it, err := c.db.item(r.Context(), id)
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("ingen sak nr. %d", id))
		return it, false
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return it, false
	}
	return it, true
}

// explain fills in the item's name, changes, proposed record and ETag.
func (c *Console) explain(ctx context.Context, it *item) error {
	var current *dataset.ContactPoint
	if it.Record != "" {
		s, err := c.db.record(ctx, it.Record)
		switch {
		case err == nil:
			current, it.ETag, it.Name = &s.Record, s.ETag, s.Record.Name
		case !errors.Is(err, errNotFound):
			return err
		}
	}
	p, err := proposed(*it, current, c.cfg.Now())
	if err != nil {
		it.Changes = []fieldChange{{Field: "id", Label: "Id", New: err.Error()}}
		return nil
	}
	if it.Name == "" {
		it.Name = p.Name
	}
	old := dataset.ContactPoint{}
	if current != nil {
		old = *current
	}
	it.Proposed, it.Changes = &p, changesOf(old, p)
	return nil
}

// decision is the body of POST /api/moderation/{id}.
type decision struct {
	Decision string                `json:"decision"`
	Reason   string                `json:"reason"`
	Record   *dataset.ContactPoint `json:"record"` // the record to save, when the maintainer edited it
	ETag     string                `json:"etag"`   // the ETag the maintainer read the record at
}

// moderate answers POST /api/moderation/{id}: approve (the record goes to
// the draft, live at the next publish) or reject with a reason.
func (c *Console) moderate(w http.ResponseWriter, r *http.Request, who string) {
	it, ok := c.findItem(w, r)
	if !ok {
		return
	}
	var in decision
	if err := readJSON(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if it.Status != statusWaiting {
		writeError(w, http.StatusConflict, fmt.Sprintf("sak nr. %d er allerede behandlet (%s av %s)", it.ID, it.Status, it.DecidedBy))
		return
	}
	switch in.Decision {
	case decisionReject:
		c.reject(w, r, it, strings.TrimSpace(in.Reason), who)
	case decisionApprove:
		c.approve(w, r, it, in, who)
	default:
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": []fieldError{{"decision", `bruk "approve" eller "reject"`}}})
	}
}

func (c *Console) reject(w http.ResponseWriter, r *http.Request, it item, reason, who string) {
	if reason == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": []fieldError{{"reason", "skriv hvorfor forslaget avvises"}}})
		return
	}
	now := c.cfg.Now()
	if ok, err := c.db.decide(r.Context(), it.ID, statusRejected, who, reason, now); err != nil || !ok {
		c.decideFailed(w, it, err)
		return
	}
	if err := c.db.log(r.Context(), entry{At: stamp(now), Who: who, Action: "reject", Record: it.Record,
		New: mustJSON(it.Proposal), Why: fmt.Sprintf("%s nr. %d avvist: %s", kindWord[it.Kind], it.ID, reason)}); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": it.ID, "status": statusRejected})
}

var kindWord = map[string]string{kindChange: "endring", kindClosed: "melding om stenging", kindSuggestion: "forslag"}

func (c *Console) decideFailed(w http.ResponseWriter, it item, err error) {
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeError(w, http.StatusConflict, fmt.Sprintf("sak nr. %d ble behandlet av noen andre i mellomtiden", it.ID))
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// approve saves the proposed record (or the maintainer's edit of it) into
// the draft, validated like any save, and marks the item approved.
func (c *Console) approve(w http.ResponseWriter, r *http.Request, it item, in decision, who string) {
	ctx, now := r.Context(), c.cfg.Now()
	all, err := c.db.records(ctx)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var current *stored
	points := make([]dataset.ContactPoint, 0, len(all)+1)
	for i := range all {
		if all[i].Record.ID == it.Record && it.Record != "" {
			current = &all[i]
			continue
		}
		points = append(points, all[i].Record)
	}
	p, ifMatch, problems := c.approval(it, in, current, now)
	if len(problems) == 0 {
		problems = c.recordProblems(append(points, p), p.ID)
	}
	if it.Kind == kindSuggestion && len(problems) == 0 {
		for _, q := range points {
			if q.ID == p.ID {
				problems = []fieldError{{"id", fmt.Sprintf("id %q er allerede i bruk", p.ID)}}
			}
		}
	}
	if len(problems) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": problems})
		return
	}
	if ok, err := c.db.decide(ctx, it.ID, statusApproved, who, strings.TrimSpace(in.Reason), now); err != nil || !ok {
		c.decideFailed(w, it, err)
		return
	}
	etag, err := c.db.save(ctx, p, ifMatch, who, now)
	if err != nil {
		c.db.undecide(ctx, it.ID)
		if errors.Is(err, errStale) {
			writeError(w, http.StatusPreconditionFailed, "Kontaktpunktet er endret siden du åpnet saken. Ingenting er lagret: last inn på nytt.")
			return
		}
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	e := entry{At: stamp(now), Who: who, Action: "approve", Record: p.ID, New: mustEncode(p),
		Why: strings.TrimSpace(fmt.Sprintf("%s nr. %d godkjent. %s", kindWord[it.Kind], it.ID, in.Reason))}
	if current != nil {
		e.Old = current.Body
	}
	if err := c.db.log(ctx, e); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("ETag", etag)
	writeJSON(w, http.StatusOK, map[string]any{"id": it.ID, "status": statusApproved, "record": p})
}

// approval is the record an approval saves and the ETag it must still
// have: the maintainer's edit when sent, else the proposal.
func (c *Console) approval(it item, in decision, current *stored, now time.Time) (dataset.ContactPoint, string, []fieldError) {
	if it.Kind != kindSuggestion && current == nil {
		return dataset.ContactPoint{}, "", []fieldError{{"id", fmt.Sprintf("kontaktpunktet %q finnes ikke lenger", it.Record)}}
	}
	ifMatch := ""
	var cur *dataset.ContactPoint
	if current != nil {
		ifMatch, cur = current.ETag, &current.Record
		if in.ETag != "" {
			ifMatch = in.ETag
		}
	}
	if in.Record != nil {
		if it.Kind != kindSuggestion && in.Record.ID != it.Record {
			return *in.Record, "", []fieldError{{"id", fmt.Sprintf("saken gjelder %q, ikke %q", it.Record, in.Record.ID)}}
		}
		return *in.Record, ifMatch, nil
	}
	if it.Kind == kindSuggestion {
		return dataset.ContactPoint{}, "", []fieldError{{"record", "et forslag må fylles ut i redigeringen før det godkjennes (type, kommune, temaer)"}}
	}
	p, err := proposed(it, cur, now)
	if err != nil {
		return p, "", []fieldError{{"record", err.Error()}}
	}
	return p, ifMatch, nil
}

// sortedKeys is m's keys in order (stable output for texts and tests).
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
