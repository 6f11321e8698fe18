package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/validate"
	"github.com/selvhjelp/finder/data/verify"
)

// The public pages: the page behind a confirmation link and the
// suggestion form. No login, no script, no cookie: plain HTML forms that
// work in any browser, answered with a page (or JSON to a JSON request).

// Paths of the public pages; everything else of the console needs a login.
const (
	suggestPath     = "/foresla"
	suggestionsPath = "/api/suggestions"
)

// Bounds of what a public form may send.
const (
	fieldMax   = 300  // runes in one field
	messageMax = 2000 // runes in the message
	formMax    = 32 << 10
	honeypot   = "website" // a field people never see; bots fill it in
)

// isPublic reports whether path is served without a login.
func isPublic(path string) bool {
	return strings.HasPrefix(path, linkPath) || path == suggestPath || path == suggestionsPath || path == "/console.css"
}

// Answers on the link page.
const (
	answerConfirm = "confirm"
	answerChange  = kindChange
	answerClosed  = kindClosed
)

// changeFields are the record's fields a contact point can correct
// through its link: what the card shows, in its order.
var changeFields = []string{"name", "address", "postcode", "postal_place", "phone", "email", "url",
	"groups", "schedule", "how_to_join", "cost", "accessibility"}

// longFields get a text area instead of a line.
var longFields = map[string]bool{"groups": true, "schedule": true, "how_to_join": true, "accessibility": true, "what": true}

// publicPage is what writePage (html.go) writes.
type publicPage struct {
	Kind      string // link or suggest
	Lang      string
	OtherLang string
	OtherURL  string
	T         map[string]string
	Title     string
	Notice    string      // a thanks or a refusal
	National  string      // the national office's e-mail, offered when a link fails
	Errors    []pageError // what to fix, with links to the fields
	Open      bool        // the forms are shown
	Action    string
	Facts     []fact
	Fields    []inputField
	About     string
}

type fact struct{ Label, Value string }

type pageError struct{ Field, Label, Message string }

type inputField struct {
	Name, Label, Value, Error, Help, Type string
	Long, Required                        bool
	Max                                   int
}

func (c *Console) render(w http.ResponseWriter, status int, p publicPage) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Forms post to the console itself: a same-origin referrer policy lets
	// the browser send the Origin the write check needs (no-referrer makes
	// it "null"), and still nothing leaves for another site.
	w.Header().Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	_ = writePage(w, p)
}

// page starts a public page in the request's language.
func page(r *http.Request, kind, titleKey string) publicPage {
	lang, t := textsFor(r.URL.Query().Get("lang"))
	other := langNN
	if lang == langNN {
		other = langNB
	}
	q := url.Values{}
	if other != langNB {
		q.Set("lang", other)
	}
	p := publicPage{Kind: kind, Lang: lang, OtherLang: other, T: t, Title: t[titleKey], OtherURL: r.URL.Path}
	if len(q) > 0 {
		p.OtherURL += "?" + q.Encode()
	}
	p.Action = r.URL.Path
	if lang != langNB {
		p.Action += "?lang=" + lang
	}
	return p
}

// wantsJSON reports whether the client sent or asks for JSON.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Content-Type"), "json") || strings.Contains(r.Header.Get("Accept"), "application/json")
}

// readInput reads a public form: urlencoded or a JSON object of strings.
func readInput(r *http.Request) (map[string]string, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, formMax+1))
	if err != nil {
		return nil, fmt.Errorf("les forespørselen: %w", err)
	}
	if len(body) > formMax {
		return nil, fmt.Errorf("forespørselen er for stor (mer enn %d kB)", formMax>>10)
	}
	out := map[string]string{}
	if strings.Contains(r.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(body, &out); err != nil {
			return nil, fmt.Errorf("ugyldig JSON (et objekt med tekstverdier): %w", err)
		}
	} else {
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("ugyldig skjema: %w", err)
		}
		for k, v := range vals {
			out[k] = v[0]
		}
	}
	for k, v := range out {
		out[k] = strings.TrimSpace(v)
	}
	return out, nil
}

// checkText returns what is wrong with a value from a public form: too
// long, markup, or control characters.
func checkText(v string, max int) string {
	switch {
	case utf8.RuneCountInString(v) > max:
		return fmt.Sprintf("for lang tekst (høyst %d tegn)", max)
	case strings.ContainsAny(v, "<>"):
		return "tegnene < og > kan ikke brukes (vi tar ikke imot HTML)"
	case strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }) >= 0:
		return "teksten har kontrolltegn"
	case !utf8.ValidString(v):
		return "teksten er ikke gyldig UTF-8"
	}
	return ""
}

// setFields sets p's string fields named (by json name) in values.
func setFields(p *dataset.ContactPoint, values map[string]string) error {
	v := reflect.ValueOf(p).Elem()
	for name, value := range values {
		f, ok := fieldByJSON(v, name)
		if !ok || f.Kind() != reflect.String {
			return fmt.Errorf("feltet %q kan ikke endres her", name)
		}
		f.SetString(value)
	}
	return nil
}

func fieldByJSON(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		if n, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); n == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func stringField(p dataset.ContactPoint, name string) string {
	f, ok := fieldByJSON(reflect.ValueOf(&p).Elem(), name)
	if !ok || f.Kind() != reflect.String {
		return ""
	}
	return f.String()
}

// nationalEmail is the national office's public e-mail, from the data:
// an open office's first, else one not known to be closed.
func (c *Console) nationalEmail(ctx context.Context) string {
	all, err := c.db.records(ctx)
	if err != nil {
		return ""
	}
	found := ""
	for _, s := range all {
		r := s.Record
		switch {
		case r.Kind != dataset.KindNationalOffice || r.Email == "" || r.Status == dataset.StatusClosed:
		case r.Status == dataset.StatusActive:
			return r.Email
		case found == "":
			found = r.Email
		}
	}
	return found
}

// facts is the record as the card shows it, in the page's language.
func facts(p dataset.ContactPoint, t map[string]string) []fact {
	var out []fact
	add := func(key, v string) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, fact{t[key], v})
		}
	}
	add("field.name", p.Name)
	add("field.address", strings.TrimSpace(p.Address+", "+strings.TrimSpace(p.Postcode+" "+p.PostalPlace)))
	add("field.phone", p.Phone)
	add("field.email", p.Email)
	add("field.url", p.URL)
	add("field.groups", p.Groups)
	add("field.schedule", p.Schedule)
	add("field.how_to_join", p.HowToJoin)
	cost := p.Cost
	if p.Free && cost == "" {
		cost = t["free"]
	}
	add("field.cost", cost)
	add("field.languages", strings.Join(p.Languages, ", "))
	add("field.age", p.AgeNote)
	add("field.accessibility", p.Accessibility)
	add("field.citizen_note", p.CitizenNote)
	status := t["statusUnknown"]
	switch p.Status {
	case dataset.StatusActive:
		status = t["statusActive"]
	case dataset.StatusClosed:
		status = t["statusClosed"]
	}
	add("status", status)
	last := p.LastVerified
	if last == "" {
		last = t["never"]
	}
	add("lastVerified", last)
	return out
}

// --- The page behind a confirmation link -----------------------------------

// linkPage answers GET /bekreft/{token}.
func (c *Console) linkPage(w http.ResponseWriter, r *http.Request) {
	_, s, status, refusal := c.openLink(r)
	p := page(r, "link", "linkTitle")
	if refusal != "" {
		p.Notice, p.National = p.T[refusal], c.nationalEmail(r.Context())
		c.render(w, status, p)
		return
	}
	c.render(w, http.StatusOK, c.linkForm(p, s.Record, nil, nil))
}

// openLink finds the request's link and its record; on failure the HTTP
// status and the text key of why.
func (c *Console) openLink(r *http.Request) (link, stored, int, string) {
	token := r.PathValue("token")
	if !wellFormed(token) {
		return link{}, stored{}, http.StatusNotFound, "unknown"
	}
	l, err := c.db.link(r.Context(), token)
	if errors.Is(err, errNotFound) {
		return l, stored{}, http.StatusNotFound, "unknown"
	}
	if err != nil {
		return l, stored{}, http.StatusInternalServerError, "unknown"
	}
	switch l.state(c.cfg.Now()) {
	case linkUsed:
		return l, stored{}, http.StatusGone, "used"
	case linkExpired:
		return l, stored{}, http.StatusGone, "expired"
	}
	s, err := c.db.record(r.Context(), l.Record)
	if err != nil {
		return l, s, http.StatusGone, "unknown"
	}
	return l, s, http.StatusOK, ""
}

// linkForm is the link page with its three answers; values (a refused
// change) and errs refill the change form.
func (c *Console) linkForm(p publicPage, rec dataset.ContactPoint, values map[string]string, errs map[string]string) publicPage {
	p.Open, p.Facts = true, facts(rec, p.T)
	for _, name := range changeFields {
		v, ok := values[name]
		if !ok {
			v = stringField(rec, name)
		}
		p.Fields = append(p.Fields, inputField{Name: name, Label: p.T["field."+name], Value: v, Error: errs[name],
			Type: inputType(name), Long: longFields[name], Max: fieldMax})
	}
	p.Fields = append(p.Fields, inputField{Name: "message", Label: p.T["message"], Value: values["message"], Error: errs["message"],
		Type: "text", Long: true, Max: messageMax, Help: p.T["noPrivate"]})
	p.Errors = pageErrors(p.Fields)
	return p
}

func inputType(name string) string {
	switch name {
	case "email":
		return "email"
	case "phone":
		return "tel"
	case "url", "source":
		return "url"
	}
	return "text"
}

func pageErrors(fields []inputField) []pageError {
	var out []pageError
	for _, f := range fields {
		if f.Error != "" {
			out = append(out, pageError{f.Name, f.Label, f.Error})
		}
	}
	return out
}

// linkAnswer answers POST /bekreft/{token}: confirm, change or closed.
func (c *Console) linkAnswer(w http.ResponseWriter, r *http.Request) {
	p := page(r, "link", "linkTitle")
	if err := c.admit(r, r.PathValue("token")); err != nil {
		c.publicFailure(w, r, p, err)
		return
	}
	l, s, status, refusal := c.openLink(r)
	if refusal != "" {
		c.refuse(w, r, p, status, refusal)
		return
	}
	in, err := readInput(r)
	if err != nil {
		c.publicError(w, r, p, http.StatusBadRequest, err.Error())
		return
	}
	token := r.PathValue("token")
	switch in["answer"] {
	case answerConfirm:
		c.confirm(w, r, p, token, s)
	case answerChange:
		c.change(w, r, p, token, s, in)
	case answerClosed:
		c.closed(w, r, p, token, l, in)
	default:
		c.publicError(w, r, p, http.StatusUnprocessableEntity, `svaret må være "confirm", "change" eller "closed"`)
	}
}

// confirm records the contact point's own confirmation in the draft. The
// link is claimed first (it answers once); if the save fails it is freed.
func (c *Console) confirm(w http.ResponseWriter, r *http.Request, p publicPage, token string, s stored) {
	ctx, now := r.Context(), c.cfg.Now()
	if ok, err := c.db.useLink(ctx, token, answerConfirm, now); err != nil || !ok {
		c.linkTaken(w, r, p, err)
		return
	}
	err := c.saveConfirmation(ctx, s.Record.ID, now)
	if err != nil {
		c.db.freeLink(ctx, token)
		c.publicError(w, r, p, http.StatusInternalServerError, "bekreftelsen ble ikke lagret; prøv igjen om litt ("+err.Error()+")")
		return
	}
	c.done(w, r, p, http.StatusOK, "confirmed", p.T["thanksConfirm"])
}

// saveRetries is how often a confirmation is retried when a maintainer
// saved the same record at the same moment.
const saveRetries = 3

func (c *Console) saveConfirmation(ctx context.Context, id string, now time.Time) error {
	for range saveRetries {
		s, err := c.db.record(ctx, id)
		if err != nil {
			return err
		}
		rec := s.Record
		v := verify.Verification{Source: sourceOf(rec), By: selfConfirmed, Status: dataset.StatusActive, Date: now}
		if err := verify.Apply(&rec, v, now); err != nil {
			return err
		}
		_, err = c.db.save(ctx, rec, s.ETag, selfConfirmed, now)
		if errors.Is(err, errStale) {
			continue
		}
		if err != nil {
			return err
		}
		return c.db.log(ctx, entry{At: stamp(now), Who: selfConfirmed, Action: "confirm", Record: id, Old: s.Body, New: mustEncode(rec),
			Why: "kontaktpunktet bekreftet opplysningene via lenken"})
	}
	return errStale
}

// change sends a correction to moderation once it validates.
func (c *Console) change(w http.ResponseWriter, r *http.Request, p publicPage, token string, s stored, in map[string]string) {
	values, errs := map[string]string{}, map[string]string{}
	for _, name := range changeFields {
		v, ok := in[name]
		if !ok {
			continue
		}
		if msg := checkText(v, fieldMax); msg != "" {
			errs[name] = msg
		} else if v != stringField(s.Record, name) {
			values[name] = v
		}
	}
	message := in["message"]
	if msg := checkText(message, messageMax); msg != "" {
		errs["message"] = msg
	}
	if len(errs) == 0 && len(values) == 0 {
		errs["name"] = "ingen felt er endret: rett et felt, eller svar «Dette stemmer»"
	}
	if len(errs) == 0 {
		errs = c.changeProblems(r.Context(), s, values)
	}
	if len(errs) > 0 {
		refill := map[string]string{"message": message}
		for _, name := range changeFields {
			if v, ok := in[name]; ok {
				refill[name] = v
			}
		}
		c.invalid(w, r, c.linkForm(p, s.Record, refill, errs), errs)
		return
	}
	c.toModeration(w, r, p, token, item{Kind: kindChange, Record: s.Record.ID, Proposal: values, Message: message}, p.T["thanksChange"])
}

// changeProblems validates the changed record like the console's save does.
func (c *Console) changeProblems(ctx context.Context, s stored, values map[string]string) map[string]string {
	rec := clone(s.Record)
	if err := setFields(&rec, values); err != nil {
		return map[string]string{"name": err.Error()}
	}
	all, err := c.db.records(ctx)
	if err != nil {
		return map[string]string{"name": err.Error()}
	}
	points := []dataset.ContactPoint{rec}
	for _, o := range all {
		if o.Record.ID != rec.ID {
			points = append(points, o.Record)
		}
	}
	errs := map[string]string{}
	for _, e := range c.recordProblems(points, rec.ID) {
		if _, sent := values[e.Field]; sent && errs[e.Field] == "" {
			errs[e.Field] = e.Message
		}
	}
	return errs
}

func (c *Console) closed(w http.ResponseWriter, r *http.Request, p publicPage, token string, l link, in map[string]string) {
	message := in["message"]
	if msg := checkText(message, messageMax); msg != "" {
		c.publicError(w, r, p, http.StatusUnprocessableEntity, "meldingen: "+msg)
		return
	}
	c.toModeration(w, r, p, token, item{Kind: kindClosed, Record: l.Record, Proposal: map[string]string{}, Message: message}, p.T["thanksClosed"])
}

// toModeration claims the link and stores the item for a maintainer.
func (c *Console) toModeration(w http.ResponseWriter, r *http.Request, p publicPage, token string, it item, thanks string) {
	ctx, now := r.Context(), c.cfg.Now()
	if ok, err := c.db.useLink(ctx, token, it.Kind, now); err != nil || !ok {
		c.linkTaken(w, r, p, err)
		return
	}
	it.ReceivedAt = stamp(now)
	if err := c.db.addItem(ctx, it, c.limits().Waiting); err != nil {
		c.db.freeLink(ctx, token)
		c.publicFailure(w, r, p, err)
		return
	}
	c.done(w, r, p, http.StatusAccepted, "waiting", thanks)
}

func (c *Console) linkTaken(w http.ResponseWriter, r *http.Request, p publicPage, err error) {
	if err != nil {
		c.publicError(w, r, p, http.StatusInternalServerError, err.Error())
		return
	}
	c.refuse(w, r, p, http.StatusGone, "used")
}

// --- Answers ----------------------------------------------------------------

func (c *Console) done(w http.ResponseWriter, r *http.Request, p publicPage, status int, state, text string) {
	if wantsJSON(r) {
		writeJSON(w, status, map[string]string{"status": state, "message": text})
		return
	}
	p.Notice = text
	c.render(w, status, p)
}

func (c *Console) refuse(w http.ResponseWriter, r *http.Request, p publicPage, status int, key string) {
	national := c.nationalEmail(r.Context())
	if wantsJSON(r) {
		writeJSON(w, status, map[string]any{"status": status, "error": p.T[key], "reason": key, "contact": national})
		return
	}
	p.Notice, p.National = p.T[key], national
	c.render(w, status, p)
}

func (c *Console) invalid(w http.ResponseWriter, r *http.Request, p publicPage, errs map[string]string) {
	if wantsJSON(r) {
		out := []fieldError{}
		for _, k := range sortedKeys(errs) {
			out = append(out, fieldError{k, errs[k]})
		}
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": out})
		return
	}
	c.render(w, http.StatusUnprocessableEntity, p)
}

func (c *Console) publicError(w http.ResponseWriter, r *http.Request, p publicPage, status int, message string) {
	if wantsJSON(r) {
		writeError(w, status, message)
		return
	}
	p.Notice = message
	c.render(w, status, p)
}

// publicFailure answers a limit (429 with Retry-After) or another error.
func (c *Console) publicFailure(w http.ResponseWriter, r *http.Request, p publicPage, err error) {
	var busy errBusy
	if errors.As(err, &busy) {
		retryAfter(w, busy)
		c.publicError(w, r, p, http.StatusTooManyRequests, p.T["busy"])
		return
	}
	c.publicError(w, r, p, http.StatusInternalServerError, err.Error())
}

// --- The suggestion form ----------------------------------------------------

// suggestionFields are the form's fields: a contact point's public facts,
// never a private person's.
var suggestionFields = []string{"name", "place", "address", "phone", "email", "url", "what", "source", "message"}

var suggestionRequired = map[string]bool{"name": true, "place": true, "source": true}

func (c *Console) suggestForm(p publicPage, values, errs map[string]string) publicPage {
	p.Open, p.About = true, values["about"]
	for _, name := range suggestionFields {
		label, ok := p.T["field."+name]
		if !ok {
			label = p.T[name]
		}
		f := inputField{Name: name, Label: label, Value: values[name], Error: errs[name], Type: inputType(name),
			Long: longFields[name] || name == "message", Max: fieldMax, Required: suggestionRequired[name]}
		if f.Required && name != "source" {
			f.Label += " (" + p.T["required"] + ")"
		}
		switch name {
		case "message":
			f.Max, f.Help = messageMax, p.T["noPrivate"]
		case "source":
			f.Help = p.T["sourceHelp"]
		}
		p.Fields = append(p.Fields, f)
	}
	p.Errors = pageErrors(p.Fields)
	return p
}

// suggestPage answers GET /foresla.
func (c *Console) suggestPage(w http.ResponseWriter, r *http.Request) {
	p := page(r, "suggest", "suggestTitle")
	p.Action = suggestionsPath
	if p.Lang != langNB {
		p.Action += "?lang=" + p.Lang
	}
	c.render(w, http.StatusOK, c.suggestForm(p, map[string]string{}, nil))
}

// suggest answers POST /api/suggestions: checked, limited, then stored
// for moderation. A filled-in honeypot gets the same thanks and nothing
// is stored.
func (c *Console) suggest(w http.ResponseWriter, r *http.Request) {
	p := page(r, "suggest", "suggestTitle")
	p.Action = r.URL.RequestURI()
	if err := c.admit(r, ""); err != nil {
		c.publicFailure(w, r, p, err)
		return
	}
	in, err := readInput(r)
	if err != nil {
		c.publicError(w, r, p, http.StatusBadRequest, err.Error())
		return
	}
	if in[honeypot] != "" {
		c.done(w, r, p, http.StatusAccepted, "waiting", p.T["thanksSuggest"])
		return
	}
	values, errs := suggestionProblems(in)
	if len(errs) > 0 {
		c.invalid(w, r, c.suggestForm(p, in, errs), errs)
		return
	}
	ctx, now := r.Context(), c.cfg.Now()
	message := values["message"]
	delete(values, "message")
	err = c.db.addItem(ctx, item{Kind: kindSuggestion, Proposal: values, Message: message, ReceivedAt: stamp(now)}, c.limits().Waiting)
	if err == nil {
		err = c.db.forgetDecided(ctx, now)
	}
	if err != nil {
		c.publicFailure(w, r, p, err)
		return
	}
	c.done(w, r, p, http.StatusAccepted, "waiting", p.T["thanksSuggest"])
}

// suggestionProblems checks a suggestion: required fields, sizes, no
// markup, a public web page as source, and a well-formed e-mail, phone and
// address where given. It returns the values to store.
func suggestionProblems(in map[string]string) (map[string]string, map[string]string) {
	values, errs := map[string]string{}, map[string]string{}
	if in["about"] == "fix" {
		values["about"] = "fix"
	}
	for _, name := range suggestionFields {
		v, max := in[name], fieldMax
		if name == "message" {
			max = messageMax
		}
		msg := checkText(v, max)
		switch {
		case msg != "":
		case v == "" && suggestionRequired[name]:
			msg = "mangler (påkrevd felt)"
		case v == "":
			continue
		case name == "source" || name == "url":
			msg = validate.CheckURL(v, false)
		case name == "email":
			msg = validate.CheckEmail(v)
		case name == "phone":
			msg = validate.CheckPhone(v)
		}
		if msg != "" {
			errs[name] = msg
			continue
		}
		values[name] = v
	}
	return values, errs
}
