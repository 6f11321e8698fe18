//go:build e2e

package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/devserver"
)

// offer is what POST /api/records/{id}/confirmation-link answers.
type offer struct {
	Record, Name, URL, Expires, To, Subject, Text, Mailto string
}

func askLink(t *testing.T, c consoleClient, id string) offer {
	t.Helper()
	res, body := c.do("POST", "/api/records/"+id+"/confirmation-link", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var o offer
	require.NoError(t, json.Unmarshal(body, &o))
	return o
}

// answer posts a link page's form as a browser does.
func answer(t *testing.T, srv *devserver.Server, link string, form url.Values) (int, string) {
	t.Helper()
	anon := consoleClient{t: t, base: srv.Console, client: http.DefaultClient}
	res, body := anon.do("POST", strings.TrimPrefix(link, srv.Console), []byte(form.Encode()),
		"Content-Type", "application/x-www-form-urlencoded")
	return res.StatusCode, string(body)
}

// publicPoint is one contact point of the public worker's dataset.
func publicPoint(t *testing.T, srv *devserver.Server, id string) map[string]any {
	t.Helper()
	res, err := http.Get(srv.URL + "/v1/dataset.json")
	require.NoError(t, err)
	defer res.Body.Close()
	var d struct {
		ContactPoints []map[string]any `json:"contact_points"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&d))
	for _, p := range d.ContactPoints {
		if p["id"] == id {
			return p
		}
	}
	return nil
}

func publishDraft(t *testing.T, c consoleClient) {
	t.Helper()
	var pre struct{ Version string }
	_, body := c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &pre))
	res, body := c.do("POST", "/api/publish", map[string]string{"version": pre.Version})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
}

type waitingItem struct {
	ID       int64
	Kind     string
	Record   string
	Message  string
	ETag     string
	Changes  []struct{ Field, Old, New string }
	Proposed map[string]any
}

func waitingItems(t *testing.T, c consoleClient) []waitingItem {
	t.Helper()
	res, body := c.do("GET", "/api/moderation", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var out []waitingItem
	require.NoError(t, json.Unmarshal(body, &out))
	return out
}

// TestContactPointsAnswer: the whole round in workerd on local D1 and KV. A
// maintainer asks three stale records; one confirms (live after publish,
// the link then refused), one sends a change (moderated, approved,
// published), one says it closed (rejected: stays open); a tampered and an
// expired link are refused; a suggestion is live only after approval, and
// a honeypot one is never stored.
func TestContactPointsAnswer(t *testing.T) {
	srv, state := startConsole(t)
	c := login(t, srv)
	today := time.Now().UTC().Format("2006-01-02")

	var stale []struct{ ID, Email string }
	_, body := c.do("GET", "/api/stale", nil)
	require.NoError(t, json.Unmarshal(body, &stale))
	require.GreaterOrEqual(t, len(stale), 4)
	confirmID, changeID, closedID, expiredID := stale[0].ID, stale[1].ID, stale[2].ID, stale[3].ID

	anon := consoleClient{t: t, base: srv.Console, client: http.DefaultClient}
	res, _ := anon.do("POST", "/api/records/"+confirmID+"/confirmation-link", nil)
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode, "only a maintainer makes links")

	// Confirm.
	o := askLink(t, c, confirmID)
	require.True(t, strings.HasPrefix(o.URL, srv.Console+"/bekreft/"), o.URL)
	assert.Contains(t, o.Text, o.URL)
	exp, err := time.Parse(time.RFC3339, o.Expires)
	require.NoError(t, err)
	assert.InDelta(t, 60*24, time.Until(exp).Hours(), 1, "a link lasts 60 days")
	res, page := anon.do("GET", strings.TrimPrefix(o.URL, srv.Console), nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, string(page), esc(o.Name))
	assert.Contains(t, string(page), `value="confirm"`)
	code, text := answer(t, srv, o.URL, url.Values{"answer": {"confirm"}})
	require.Equal(t, http.StatusOK, code, text)
	assert.Contains(t, text, "Takk")
	code, text = answer(t, srv, o.URL, url.Values{"answer": {"confirm"}})
	assert.Equal(t, http.StatusGone, code, "a link answers once")
	assert.Contains(t, text, "allerede brukt")
	assert.Contains(t, text, `href="mailto:`, "a refused link offers the national address")
	res, _ = anon.do("GET", strings.TrimPrefix(o.URL, srv.Console), nil)
	assert.Equal(t, http.StatusGone, res.StatusCode)

	// Tampered and expired links.
	token := o.URL[strings.LastIndex(o.URL, "/")+1:]
	tampered := token[:len(token)-2] + map[bool]string{true: "AA", false: "BB"}[!strings.HasSuffix(token, "AA")]
	res, _ = anon.do("GET", "/bekreft/"+tampered, nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "a tampered token")
	code, _ = answer(t, srv, srv.Console+"/bekreft/"+tampered, url.Values{"answer": {"confirm"}})
	assert.Equal(t, http.StatusNotFound, code)
	old := askLink(t, c, expiredID)
	oldToken := old.URL[strings.LastIndex(old.URL, "/")+1:]
	sum := sha256.Sum256([]byte(oldToken))
	d1Exec(t, state, fmt.Sprintf(`UPDATE links SET expires_at = '2026-01-01T00:00:00Z' WHERE token_hash = '%s'`, hex.EncodeToString(sum[:])))
	code, text = answer(t, srv, old.URL, url.Values{"answer": {"confirm"}})
	assert.Equal(t, http.StatusGone, code, "an expired link")
	assert.Contains(t, text, "for gammel")

	// Change: a bad value is refused next to its field; a good one waits.
	ch := askLink(t, c, changeID)
	code, text = answer(t, srv, ch.URL, url.Values{"answer": {"change"}, "phone": {"123"}, "message": {"Nytt nummer"}})
	require.Equal(t, http.StatusUnprocessableEntity, code)
	assert.Contains(t, text, `id="e-phone"`)
	assert.Contains(t, text, "Nytt nummer</textarea>", "what was written is kept")
	code, text = answer(t, srv, ch.URL, url.Values{"answer": {"change"}, "phone": {"22 45 67 91"}, "message": {"Nytt nummer fra januar."}})
	require.Equal(t, http.StatusAccepted, code, text)

	// Closed.
	cl := askLink(t, c, closedID)
	code, text = answer(t, srv, cl.URL, url.Values{"answer": {"closed"}, "message": {"Vi la ned gruppene i høst."}})
	require.Equal(t, http.StatusAccepted, code, text)

	// Suggestions: one real, one from a bot.
	sres, sbody := anon.do("POST", "/api/suggestions", map[string]string{"name": "Sorggruppe på frivilligsentralen", "place": "Testby",
		"source": "https://frivilligsentral.example/sorg", "what": "Sorggruppe annenhver torsdag"}, "Content-Type", "application/json")
	require.Equal(t, http.StatusAccepted, sres.StatusCode, string(sbody))
	sres, _ = anon.do("POST", "/api/suggestions", map[string]string{"name": "Casino", "place": "X", "source": "https://spam.example/", "website": "https://spam.example/"}, "Content-Type", "application/json")
	assert.Equal(t, http.StatusAccepted, sres.StatusCode, "a bot is not told it was caught")
	sres, sbody = anon.do("POST", "/api/suggestions", map[string]string{"name": "<b>X</b>", "place": "Y"}, "Content-Type", "application/json")
	assert.Equal(t, http.StatusUnprocessableEntity, sres.StatusCode)
	assert.Contains(t, string(sbody), `"field":"source"`)
	assert.Contains(t, string(sbody), `"field":"name"`)

	items := waitingItems(t, c)
	byKind := map[string]waitingItem{}
	for _, it := range items {
		byKind[it.Kind] = it
	}
	require.Len(t, items, 3, "the change, the closure and one suggestion (not the honeypot's): %+v", items)
	assert.Equal(t, changeID, byKind["change"].Record)
	assert.Contains(t, byKind["change"].Changes, struct{ Field, Old, New string }{"phone", phoneOf(t, c, changeID), "22 45 67 91"})
	assert.Equal(t, "Vi la ned gruppene i høst.", byKind["closed"].Message)

	// Before any decision the public dataset has none of it.
	publishDraft(t, c)
	assert.Equal(t, today, publicPoint(t, srv, confirmID)["last_verified"], "the confirmation is live after publish")
	assert.Equal(t, "active", publicPoint(t, srv, confirmID)["status"])
	assert.NotEqual(t, "22 45 67 91", publicPoint(t, srv, changeID)["phone"], "a change waits for a maintainer")
	assert.Nil(t, publicPoint(t, srv, "sorggruppe-pa-frivilligsentralen-testby"), "a suggestion waits for a maintainer")

	// Decide: approve the change, reject the closure (a reason is required),
	// approve the suggestion once a maintainer has filled it in.
	res, body = c.do("POST", fmt.Sprintf("/api/moderation/%d", byKind["change"].ID), map[string]string{"decision": "approve"})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	res, _ = c.do("POST", fmt.Sprintf("/api/moderation/%d", byKind["change"].ID), map[string]string{"decision": "approve"})
	assert.Equal(t, http.StatusConflict, res.StatusCode, "decided once")
	res, body = c.do("POST", fmt.Sprintf("/api/moderation/%d", byKind["closed"].ID), map[string]string{"decision": "reject"})
	assert.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, string(body))
	res, body = c.do("POST", fmt.Sprintf("/api/moderation/%d", byKind["closed"].ID), map[string]string{"decision": "reject", "reason": "Gruppene går fortsatt ifølge kommunens side."})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	sug := byKind["suggestion"]
	res, body = c.do("POST", fmt.Sprintf("/api/moderation/%d", sug.ID), map[string]string{"decision": "approve"})
	assert.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "a suggestion needs a maintainer's edit: %s", body)
	rec := sug.Proposed
	require.NotNil(t, rec)
	rec["kind"], rec["municipality"], rec["topics"] = "led_group", "3103", []string{"sorg"}
	res, body = c.do("POST", fmt.Sprintf("/api/moderation/%d", sug.ID), map[string]any{"decision": "approve", "record": rec})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Empty(t, waitingItems(t, c))

	publishDraft(t, c)
	changed := publicPoint(t, srv, changeID)
	assert.Equal(t, "22 45 67 91", changed["phone"], "the approved change is on the card")
	assert.Equal(t, today, changed["last_verified"], "the contact point's own change confirms the record")
	assert.NotEqual(t, "closed", publicPoint(t, srv, closedID)["status"], "the rejected closure is not")
	assert.NotNil(t, publicPoint(t, srv, rec["id"].(string)), "the approved suggestion is live")

	var history []struct{ Action, Record, Why string }
	_, body = c.do("GET", "/api/history", nil)
	require.NoError(t, json.Unmarshal(body, &history))
	seen := map[string]bool{}
	for _, h := range history {
		seen[h.Action] = true
	}
	for _, a := range []string{"ask", "confirm", "approve", "reject"} {
		assert.True(t, seen[a], "history has %q", a)
	}
}

func phoneOf(t *testing.T, c consoleClient, id string) string {
	t.Helper()
	_, body := c.do("GET", "/api/records/"+id, nil)
	var r struct{ Phone string }
	require.NoError(t, json.Unmarshal(body, &r))
	return r.Phone
}

// esc is how the page writes a text (html.EscapeString's rules for the
// characters record names hold).
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestSuggestionFlood: a bounded flood of the suggestion endpoint from
// loopback, with many client addresses. Every request past a limit gets
// 429 with JSON and Retry-After, D1 never holds more than the cap, and the
// console answers a maintainer meanwhile.
func TestSuggestionFlood(t *testing.T) {
	const perClient, perHour, capWaiting, clients, each = 3, 40, 12, 20, 4
	srv, _ := startConsole(t, fmt.Sprintf("LIMITS=%d,%d,%d", perClient, perHour, capWaiting))
	c := login(t, srv)
	anon := consoleClient{t: t, base: srv.Console, client: &http.Client{Timeout: 60 * time.Second}}

	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range each {
				res, body := anon.do("POST", "/api/suggestions", map[string]string{"name": fmt.Sprintf("Flom %d-%d", i, j), "place": "X",
					"source": "https://flood.example/"}, "CF-Connecting-IP", fmt.Sprintf("198.51.100.%d", i+1), "Content-Type", "application/json")
				mu.Lock()
				counts[res.StatusCode]++
				mu.Unlock()
				if res.StatusCode == http.StatusTooManyRequests {
					assert.Contains(t, res.Header.Get("Content-Type"), "application/json")
					assert.NotEmpty(t, res.Header.Get("Retry-After"))
					assert.Contains(t, string(body), `"error"`)
				}
			}
		}()
	}
	// A maintainer works during the flood.
	res, body := c.do("GET", "/api/records", nil)
	assert.Equal(t, http.StatusOK, res.StatusCode, string(body))
	wg.Wait()

	t.Logf("answers: %v", counts)
	assert.Equal(t, clients*each, counts[http.StatusAccepted]+counts[http.StatusTooManyRequests], "only 202 and 429: %v", counts)
	assert.Positive(t, counts[http.StatusTooManyRequests])
	waiting := waitingItems(t, c)
	assert.LessOrEqual(t, len(waiting), capWaiting, "D1 holds at most the cap")
	assert.Equal(t, counts[http.StatusAccepted], len(waiting), "every accepted suggestion is stored, nothing else")
	res, _ = c.do("GET", "/api/moderation", nil)
	assert.Equal(t, http.StatusOK, res.StatusCode, "the console answers after the flood")
}

// TestBurstGate: with the hourly limits out of the way, the rate limiting
// binding stops one client past 20 writes a minute (429, Retry-After 60)
// while another client still gets through; and one link token tried from
// many addresses is stopped the same way.
func TestBurstGate(t *testing.T) {
	// tries is over twice the limit: the requests may fall in two of the
	// limiter's minutes, and one of them still holds more than the limit.
	const perMinute, tries = 20, 45
	srv, _ := startConsole(t, "LIMITS=1000,1000,1000")
	anon := consoleClient{t: t, base: srv.Console, client: &http.Client{Timeout: 60 * time.Second}}
	suggest := func(ip string, i int) int {
		res, body := anon.do("POST", "/api/suggestions", map[string]string{"name": fmt.Sprintf("Gruppe %d", i), "place": "X",
			"source": "https://burst.example/"}, "CF-Connecting-IP", ip, "Content-Type", "application/json")
		if res.StatusCode == http.StatusTooManyRequests {
			assert.Equal(t, "60", res.Header.Get("Retry-After"))
			assert.Contains(t, string(body), `"error"`)
		}
		return res.StatusCode
	}
	counts := map[int]int{}
	for i := range tries {
		counts[suggest("203.0.113.7", i)]++
	}
	t.Logf("one client, %d suggestions in a row: %v", tries, counts)
	assert.LessOrEqual(t, counts[http.StatusAccepted], 2*perMinute)
	assert.Positive(t, counts[http.StatusTooManyRequests])
	assert.Equal(t, tries, counts[http.StatusAccepted]+counts[http.StatusTooManyRequests])
	assert.Equal(t, http.StatusAccepted, suggest("203.0.113.8", tries), "another client is not held back")

	token := strings.Repeat("A", 43) // well formed, never issued
	links := map[int]int{}
	for i := range tries {
		res, _ := anon.do("POST", "/bekreft/"+token, map[string]string{"answer": "confirm"},
			"CF-Connecting-IP", fmt.Sprintf("198.51.100.%d", i+1), "Content-Type", "application/json")
		links[res.StatusCode]++
	}
	t.Logf("one token from %d addresses: %v", tries, links)
	assert.Positive(t, links[http.StatusTooManyRequests], "the token's own gate")
	assert.LessOrEqual(t, tries-links[http.StatusTooManyRequests], 2*perMinute)
}
