package console

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Limits bound what the public pages (a confirmation link's answers and
// the suggestion form) can make the console store. They are counted in
// D1, per hour, so the same rule holds in workerd locally and on
// Cloudflare, exactly across locations; a Burst gate in front stops a
// flood sooner, before any database write.
type Limits struct {
	PerClient int // answers and suggestions from one client address per hour
	PerHour   int // from everyone together per hour
	Waiting   int // the most items that may wait for moderation at once
}

// Burst is a short-window gate in front of the hourly counts: Cloudflare's
// rate limiting binding in the worker (a limit per key per minute, counted
// where the request lands, without a database write). Allow reports
// whether one more request under key may pass.
type Burst interface {
	Allow(ctx context.Context, key string) (bool, error)
}

// burstRetry is when to try again after the burst gate said no: its window.
const burstRetry = time.Minute

// DefaultLimits serve a national NGO: a busy confirmation round is a few
// hundred answers spread over weeks.
var DefaultLimits = Limits{PerClient: 20, PerHour: 300, Waiting: 500}

// limitWindow is the length of a counting window.
const limitWindow = time.Hour

// errBusy is a request past a limit: 429 with when to try again.
type errBusy struct{ retry time.Duration }

func (e errBusy) Error() string { return "too many requests" }

// windowOf names the window t falls in; names sort in time order.
func windowOf(t time.Time) string { return t.UTC().Truncate(limitWindow).Format("2006-01-02T15") }

// untilNextWindow is how long until the window after t's starts.
func untilNextWindow(t time.Time) time.Duration {
	return t.UTC().Truncate(limitWindow).Add(limitWindow).Sub(t.UTC())
}

// clientKey is a one-way key for the client's address within one window:
// the address itself is never stored, and the key means nothing in the
// next window.
func clientKey(r *http.Request, window string) string {
	sum := sha256.Sum256([]byte("client\x00" + window + "\x00" + clientAddr(r)))
	return "client:" + hex.EncodeToString(sum[:12])
}

// clientAddr is the client's address, set by Cloudflare (and by workerd
// locally); it is only ever hashed.
func clientAddr(r *http.Request) string {
	if addr := r.Header.Get("CF-Connecting-IP"); addr != "" {
		return addr
	}
	return "unknown"
}

// hit counts one request against key in window and returns the count.
func (d db) hit(ctx context.Context, key, window string) (int, error) {
	if _, err := d.sql.ExecContext(ctx, `INSERT INTO hits (key, window, count) VALUES (?, ?, 1)
		ON CONFLICT (key, window) DO UPDATE SET count = count + 1`, key, window); err != nil {
		return 0, fmt.Errorf("count request: %w", err)
	}
	var n int
	if err := d.sql.QueryRowContext(ctx, `SELECT count FROM hits WHERE key = ? AND window = ?`, key, window).Scan(&n); err != nil {
		return 0, fmt.Errorf("count request: %w", err)
	}
	return n, nil
}

// burstKeys are the burst gate's keys for a request: its client and, for
// a link's answers, its token, both one-way (the gate never sees either).
func burstKeys(r *http.Request, token string) []string {
	sum := sha256.Sum256([]byte("burst\x00" + clientAddr(r)))
	keys := []string{"client:" + hex.EncodeToString(sum[:12])}
	if token != "" {
		keys = append(keys, "link:"+hashToken(token)[:24])
	}
	return keys
}

// admit counts a public write and refuses it (errBusy): first at the burst
// gate (per client, and per link token when there is one), then past the
// client's or everyone's hourly limit. The client is counted first, so one
// client flooding is stopped at its own limit without using up everyone's.
// A gate that fails lets the request on to the hourly counts.
func (c *Console) admit(r *http.Request, token string) error {
	if c.cfg.Burst != nil {
		for _, k := range burstKeys(r, token) {
			if ok, err := c.cfg.Burst.Allow(r.Context(), k); err == nil && !ok {
				return errBusy{burstRetry}
			}
		}
	}
	now := c.cfg.Now()
	window := windowOf(now)
	if _, err := c.db.sql.ExecContext(r.Context(), `DELETE FROM hits WHERE window < ?`, window); err != nil {
		return fmt.Errorf("forget old counts: %w", err)
	}
	lim := c.limits()
	for _, k := range []struct {
		key   string
		limit int
	}{{clientKey(r, window), lim.PerClient}, {"everyone", lim.PerHour}} {
		n, err := c.db.hit(r.Context(), k.key, window)
		if err != nil {
			return err
		}
		if n > k.limit {
			return errBusy{untilNextWindow(now)}
		}
	}
	return nil
}

func (c *Console) limits() Limits {
	l := c.cfg.Limits
	if l.PerClient <= 0 {
		l.PerClient = DefaultLimits.PerClient
	}
	if l.PerHour <= 0 {
		l.PerHour = DefaultLimits.PerHour
	}
	if l.Waiting <= 0 {
		l.Waiting = DefaultLimits.Waiting
	}
	return l
}

// retryAfter sets Retry-After for a busy answer.
func retryAfter(w http.ResponseWriter, e errBusy) {
	w.Header().Set("Retry-After", strconv.Itoa(int(e.retry.Round(time.Second).Seconds())))
}
