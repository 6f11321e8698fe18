package console

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// A confirmation link lets one contact point answer for its own record
// once: confirm it, ask for a change or say it has closed. The token is
// random, only its hash is stored, and it works for one record until it
// expires or is used.
const (
	linkTTL     = 60 * 24 * time.Hour
	linkPath    = "/bekreft/"
	tokenBytes  = 32
	tokenLen    = 43 // base64url of tokenBytes, unpadded
	linkAskedBy = "ask"
	linkSubject = "Stemmer opplysningene om %s i Selvhjelp-finneren?"
)

// link is one stored confirmation link.
type link struct {
	Record    string
	SentTo    string
	ExpiresAt string
	UsedAt    string
	Answer    string
}

// Link states, as the page behind the link tells them.
const (
	linkOpen    = "open"
	linkUsed    = "used"
	linkExpired = "expired"
)

// state is whether l can still be answered at now.
func (l link) state(now time.Time) string {
	switch {
	case l.UsedAt != "":
		return linkUsed
	case l.ExpiresAt <= stamp(now):
		return linkExpired
	}
	return linkOpen
}

func newToken() string {
	b := make([]byte, tokenBytes)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// wellFormed reports whether s could be a token at all, so that anything
// else is refused before the database is asked.
func wellFormed(s string) bool {
	if len(s) != tokenLen {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

func (d db) addLink(ctx context.Context, token, record, sentTo, who string, now time.Time) (time.Time, error) {
	expires := now.Add(linkTTL)
	_, err := d.sql.ExecContext(ctx, `INSERT INTO links (token_hash, record, sent_to, asked_at, asked_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
		hashToken(token), record, sentTo, stamp(now), who, stamp(expires))
	if err != nil {
		return expires, fmt.Errorf("store link for %s: %w", record, err)
	}
	return expires, nil
}

// link finds the link of token; errNotFound for a token never made (or
// tampered with). The stored hash is compared in constant time as well.
func (d db) link(ctx context.Context, token string) (link, error) {
	var l link
	var stored string
	h := hashToken(token)
	err := d.sql.QueryRowContext(ctx, `SELECT token_hash, record, sent_to, expires_at, used_at, answer FROM links WHERE token_hash = ?`, h).
		Scan(&stored, &l.Record, &l.SentTo, &l.ExpiresAt, &l.UsedAt, &l.Answer)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && subtle.ConstantTimeCompare([]byte(stored), []byte(h)) != 1) {
		return l, errNotFound
	}
	if err != nil {
		return l, fmt.Errorf("read link: %w", err)
	}
	return l, nil
}

// useLink marks the link used by answer; false when it was used or expired
// meanwhile. The condition is in the statement, so a link answers once.
func (d db) useLink(ctx context.Context, token, answer string, now time.Time) (bool, error) {
	res, err := d.sql.ExecContext(ctx, `UPDATE links SET used_at = ?, answer = ? WHERE token_hash = ? AND used_at = '' AND expires_at > ?`,
		stamp(now), answer, hashToken(token), stamp(now))
	if err != nil {
		return false, fmt.Errorf("use link: %w", err)
	}
	n, err := res.RowsAffected()
	return err == nil && n == 1, nil
}

// freeLink makes a claimed link answerable again, when what it answered
// could not be stored.
func (d db) freeLink(ctx context.Context, token string) {
	_, _ = d.sql.ExecContext(ctx, `UPDATE links SET used_at = '', answer = '' WHERE token_hash = ?`, hashToken(token))
}

// linkOffer is what a maintainer gets for one record: the link, when it
// expires, and a message to send (a mailto: link and the same text to copy).
type linkOffer struct {
	Record  string `json:"record"`
	Name    string `json:"name"`
	URL     string `json:"url"`
	Expires string `json:"expires"`
	To      string `json:"to,omitempty"` // the record's public e-mail, when it has one
	Subject string `json:"subject"`
	Text    string `json:"text"`
	Mailto  string `json:"mailto,omitempty"`
}

// confirmationLink makes a link for one record (POST
// /api/records/{id}/confirmation-link) and records that it was asked.
func (c *Console) confirmationLink(w http.ResponseWriter, r *http.Request, who string) {
	s, err := c.db.record(r.Context(), r.PathValue("id"))
	if errors.Is(err, errNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("fant ikke kontaktpunktet %q", r.PathValue("id")))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	now, token := c.cfg.Now(), newToken()
	expires, err := c.db.addLink(r.Context(), token, s.Record.ID, s.Record.Email, who, now)
	if err == nil {
		err = c.db.log(r.Context(), entry{At: stamp(now), Who: who, Action: linkAskedBy, Record: s.Record.ID,
			Why: askedWhy(s.Record.Email, expires)})
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, offer(origin(r)+linkPath+token, s.Record.ID, s.Record.Name, s.Record.Email, expires))
}

func askedWhy(to string, expires time.Time) string {
	if to == "" {
		to = "(ingen offentlig e-post: send lenken på annen måte)"
	}
	return "bekreftelse bedt om; lenke til " + to + ", gyldig til " + stamp(expires)
}

// offer writes the message for one link, in bokmål.
func offer(link, id, name, to string, expires time.Time) linkOffer {
	o := linkOffer{Record: id, Name: name, URL: link, Expires: stamp(expires), To: to, Subject: fmt.Sprintf(linkSubject, name)}
	o.Text = fmt.Sprintf("Hei!\n\n%s står i Selvhjelp-finneren, en oversikt som hjelper folk å finne selvhjelpsgrupper der de bor. "+
		"Vil dere bruke et halvt minutt på å se om opplysningene om dere stemmer?\n\n%s\n\n"+
		"På siden kan dere svare «Dette stemmer», skrive hva som må endres, eller si fra at dere har sluttet med tilbudet. "+
		"Lenken gjelder bare %s, kan brukes én gang og virker til %s.\n\nTakk for hjelpen!\n",
		name, link, name, norwegianDate(expires))
	if to != "" {
		o.Mailto = "mailto:" + url.PathEscape(to) + "?subject=" + url.PathEscape(o.Subject) + "&body=" + url.PathEscape(o.Text)
	}
	return o
}

var months = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// norwegianDate is "3. februar 2027".
func norwegianDate(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// origin is the scheme and host the request came to: the console's own
// address, which the link must point to.
func origin(r *http.Request) string {
	scheme := "https"
	if r.URL.Scheme != "" {
		scheme = r.URL.Scheme
	} else if r.TLS == nil {
		scheme = "http"
	}
	return scheme + "://" + r.Host
}
