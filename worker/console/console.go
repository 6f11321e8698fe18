// Package console is the maintainers' console: a plain net/http handler
// (pages and a JSON API under /api/) over the console's D1 database and the
// KV namespace the public worker reads published versions from. It does
// not import syumai/workers; worker/consoleworker wires it to D1 and KV.
package console

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
)

// Modes of the console.
const (
	Development = "development" // the development login (a code printed by make run)
	Production  = "production"  // Cloudflare Access in front; every request needs its token
)

// systemUser signs the changes the console makes by itself (the first import).
const systemUser = "system"

// devUser is who the development login acts as.
const devUser = "utvikler (lokal innlogging)"

// sessionCookie holds the development session; sessionTTL is how long it lasts.
const (
	sessionCookie = "finder_console"
	sessionTTL    = 12 * time.Hour
)

// Identifier says who sent a request in production: the e-mail of a valid
// Cloudflare Access token (worker/access), or an error.
type Identifier interface {
	Identify(r *http.Request) (string, error)
}

// Config is what the console runs on.
type Config struct {
	DB    *sql.DB
	Blobs Blobs
	// Base is the dataset built into the deployment: the reference files
	// every version shares, and the contact points imported on first start.
	Base *dataset.Dataset
	Mode string
	// DevCode is the development login code; a production console refuses
	// to start with one.
	DevCode string
	// Access identifies requests in production.
	Access Identifier
	// Limits bound the public pages' writes (DefaultLimits where zero).
	Limits Limits
	// Burst, when set, gates the public pages' writes per minute before
	// they are counted (Cloudflare's rate limiting binding).
	Burst Burst
	Now   func() time.Time
}

// Console serves the pages and the API.
type Console struct {
	cfg Config
	db  db
	mux *http.ServeMux
}

// New checks the configuration and returns the console. A production
// configuration with a development login code, or without Access, is refused.
func New(cfg Config) (*Console, error) {
	switch {
	case cfg.Mode != Development && cfg.Mode != Production:
		return nil, fmt.Errorf("console: MODE must be %q or %q, not %q", Development, Production, cfg.Mode)
	case cfg.Mode == Production && cfg.DevCode != "":
		return nil, errors.New("console: a production configuration must not set DEV_LOGIN_CODE (the development login); remove it")
	case cfg.Mode == Production && cfg.Access == nil:
		return nil, errors.New("console: production needs Cloudflare Access (ACCESS_TEAM_DOMAIN and ACCESS_AUD)")
	case cfg.Mode == Development && len(cfg.DevCode) < minCodeLength:
		return nil, fmt.Errorf("console: the development login code must have at least %d characters", minCodeLength)
	case cfg.DB == nil || cfg.Blobs == nil || cfg.Base == nil:
		return nil, errors.New("console: the database, KV and the built-in dataset are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	c := &Console{cfg: cfg, db: db{cfg.DB}, mux: http.NewServeMux()}
	c.routes()
	return c, nil
}

const minCodeLength = 8

func (c *Console) routes() {
	c.mux.HandleFunc("POST /api/dev-login", c.devLogin)
	c.mux.HandleFunc("GET /api/whoami", c.authed(c.whoami))
	c.mux.HandleFunc("GET /api/schema", c.authed(c.schema))
	c.mux.HandleFunc("GET /api/records", c.authed(c.listRecords))
	c.mux.HandleFunc("GET /api/records/{id}", c.authed(c.getRecord))
	c.mux.HandleFunc("PUT /api/records/{id}", c.authed(c.putRecord))
	c.mux.HandleFunc("GET /api/stale", c.authed(c.stale))
	c.mux.HandleFunc("GET /api/publish", c.authed(c.previewPublish))
	c.mux.HandleFunc("POST /api/publish", c.authed(c.publish))
	c.mux.HandleFunc("GET /api/versions", c.authed(c.listVersions))
	c.mux.HandleFunc("GET /api/rollback", c.authed(c.previewRollback))
	c.mux.HandleFunc("POST /api/rollback", c.authed(c.rollback))
	c.mux.HandleFunc("GET /api/history", c.authed(c.listHistory))
	c.mux.HandleFunc("GET /api/history.csv", c.authed(c.historyCSV))
	c.mux.HandleFunc("POST /api/records/{id}/confirmation-link", c.authed(c.confirmationLink))
	c.mux.HandleFunc("GET /api/moderation", c.authed(c.listModeration))
	c.mux.HandleFunc("GET /api/moderation/{id}", c.authed(c.getModeration))
	c.mux.HandleFunc("POST /api/moderation/{id}", c.authed(c.moderate))
	// Public: no login (isPublic), same-origin writes, limited (limits.go).
	c.mux.HandleFunc("GET "+linkPath+"{token}", c.linkPage)
	c.mux.HandleFunc("POST "+linkPath+"{token}", c.linkAnswer)
	c.mux.HandleFunc("GET "+suggestPath, c.suggestPage)
	c.mux.HandleFunc("POST "+suggestionsPath, c.suggest)
	c.mux.HandleFunc("GET /", c.page)
}

// ServeHTTP applies the policy every response shares, then routes: in
// production a request without a valid Access token gets 403 before anything
// runs, except on the public pages (a confirmation link, the suggestion
// form); a write must come from the console's own origin.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header())
	if c.cfg.Mode == Production && !isPublic(r.URL.Path) {
		who, err := c.cfg.Access.Identify(r)
		if err != nil {
			writeError(w, http.StatusForbidden, "ingen gyldig innlogging fra Cloudflare Access: "+err.Error())
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, who))
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !sameOrigin(r) {
		writeError(w, http.StatusForbidden, "forespørselen kom ikke fra konsollens egen side (Origin mangler eller er feil)")
		return
	}
	if err := c.db.importOnce(r.Context(), c.cfg.Base.ContactPoints, c.cfg.Now()); err != nil {
		writeError(w, http.StatusInternalServerError, "kunne ikke lese databasen: "+err.Error())
		return
	}
	c.mux.ServeHTTP(w, r)
}

type userKey struct{}

// authed runs next with the user of the request: Access's in production, the
// session's in development; 401 without one.
func (c *Console) authed(next func(w http.ResponseWriter, r *http.Request, who string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if who, ok := r.Context().Value(userKey{}).(string); ok && who != "" {
			next(w, r, who)
			return
		}
		if c.cfg.Mode == Development {
			if ck, err := r.Cookie(sessionCookie); err == nil {
				who, err := c.db.session(r.Context(), ck.Value, c.cfg.Now())
				if err != nil {
					writeError(w, http.StatusInternalServerError, err.Error())
					return
				}
				if who != "" {
					next(w, r, who)
					return
				}
			}
		}
		writeError(w, http.StatusUnauthorized, "logg inn først")
	}
}

// sameOrigin reports whether the request's Origin is the console's own.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	return o != "" && strings.EqualFold(o, origin(r))
}

// CSP is the console's Content-Security-Policy: its own scripts, styles and
// API only; nothing inline, no frames.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}
