//go:build e2e

package e2e

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// post sends a form body to /v1/search through workerd and the bridge.
func post(t *testing.T, body string) (int, []byte) {
	t.Helper()
	res, err := http.Post(server.URL+"/v1/search", "application/x-www-form-urlencoded", strings.NewReader(body))
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, b
}

// TestSearchByPost: the widget's fallback searches with a form body (the
// query never in a URL). The body reaches the engine through worker.mjs and
// the bridge: the answer is the GET's; the limits count characters as the
// engine does; a body too long is refused before it is read in full.
func TestSearchByPost(t *testing.T) {
	status, body := post(t, "q=sorg+bergen&limit=3")
	require.Equal(t, http.StatusOK, status, string(body))
	got := decode[struct {
		Place struct{ Name string } `json:"place"`
		Topic struct{ ID string }   `json:"topic"`
	}](t, body)
	assert.Equal(t, "Bergen", got.Place.Name)
	assert.Equal(t, "sorg", got.Topic.ID)
	res, viaGet := fetch(t, "GET", "/v1/search?q=sorg+bergen&limit=3", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.JSONEq(t, string(viaGet), string(body), "a POST answers as the GET does")

	status, body = post(t, "q="+url.QueryEscape(strings.Repeat("ø", 1000)))
	assert.Equal(t, http.StatusOK, status, "1,000 characters of æøå: %s", body)
	status, body = post(t, "q="+url.QueryEscape(strings.Repeat("ø", 1001)))
	assert.Equal(t, http.StatusBadRequest, status, string(body))
	status, body = post(t, "limit=3")
	assert.Equal(t, http.StatusBadRequest, status, "no q: %s", body)
	status, body = post(t, "q=&limit=1")
	assert.Equal(t, http.StatusOK, status, "the fallback's probe: %s", body)
	status, body = post(t, "q="+strings.Repeat("a", 20_000))
	assert.Equal(t, http.StatusRequestEntityTooLarge, status, "longer than a search form: %s", body)
	status, body = post(t, "q="+strings.Repeat("a", 100_000))
	assert.Equal(t, http.StatusRequestEntityTooLarge, status, "refused by worker.mjs: %s", body)
}
