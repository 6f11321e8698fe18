//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/worker/access"
	"github.com/selvhjelp/finder/worker/devserver"
)

// startConsole serves the public worker and the console on one local D1/KV
// state (serve.sh), and waits until the console answers. When workerd
// itself fails to start (wrangler says so), or the console's port answers
// as something else (on a busy 2-core runner a port chosen free can be
// taken before it is bound), it starts once more and logs what the first
// attempt said, with wrangler's own log.
func startConsole(t *testing.T, env ...string) (*devserver.Server, string) {
	t.Helper()
	srv, state, failed := tryConsole(t, env)
	if failed == "" {
		return srv, state
	}
	t.Logf("the console's runtime did not start; starting it again. It said:\n%s", failed)
	srv, state, failed = tryConsole(t, env)
	require.Empty(t, failed, "the console's runtime did not start, twice")
	return srv, state
}

// tryConsole starts the servers once; failed holds their output and
// wrangler's logs when the runtime did not start (the servers are stopped).
func tryConsole(t *testing.T, env []string) (srv *devserver.Server, state, failed string) {
	t.Helper()
	state = t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	srv, err := devserver.Start(ctx, devserver.Options{Repo: repo, ReadyPath: "/v1/dataset.json", Timeout: 120 * time.Second,
		PublicDir: public, Console: true, Env: append(env, "WRANGLER_STATE_DIR="+state)})
	require.NoError(t, err)
	t.Cleanup(srv.Stop)
	for deadline := time.Now().Add(90 * time.Second); ; {
		// The console has a login page (behind Access in production): a
		// 404 there is not the console. Once every console request got
		// 404: a port chosen free was taken, before the console bound
		// it, by one of the ports wrangler opens for itself.
		res, err := http.Get(srv.Console + "/logg-inn")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusNotFound {
				srv.Stop()
				return nil, state, "the console's port answered 404: another process has it\n" + srv.Output()
			}
			return srv, state, ""
		}
		if out := srv.Output(); strings.Contains(out, devserver.RuntimeFailed) {
			srv.Stop()
			return nil, state, out + wranglerLogs(state)
		}
		require.True(t, time.Now().Before(deadline), "the console did not answer:\n%s", srv.Output())
		time.Sleep(200 * time.Millisecond)
	}
}

// wranglerLogs is the end of each log wrangler wrote under state.
func wranglerLogs(state string) string {
	var out string
	logs, _ := filepath.Glob(filepath.Join(state, "config", ".wrangler", "logs", "*.log"))
	for _, l := range logs {
		if b, err := os.ReadFile(l); err == nil {
			out += "\n" + l + ":\n" + string(b[max(0, len(b)-4000):])
		}
	}
	return out
}

// d1Exec runs a statement on the console's local D1 past the API (a test
// that needs a state the API cannot make, such as a broken or an old row).
func d1Exec(t *testing.T, state, statement string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(repo, "worker", "node_modules", ".bin", "wrangler"), "d1", "execute", "DB", "--local",
		"--persist-to", filepath.Join(state, "data"), "-c", "console.wrangler.toml", "--command", statement)
	cmd.Dir = filepath.Join(repo, "worker")
	cmd.Env = append(cmd.Environ(), "CI=1", "WRANGLER_SEND_METRICS=false", "XDG_CONFIG_HOME="+filepath.Join(state, "config"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
}

// kvPut writes a key of the local KV namespace PUBLISHED past the console
// (a state the console never makes).
func kvPut(t *testing.T, state, key, value string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(repo, "worker", "node_modules", ".bin", "wrangler"), "kv", "key", "put", key, value,
		"--binding", "PUBLISHED", "--local", "--persist-to", filepath.Join(state, "data"), "-c", "console.wrangler.toml")
	cmd.Dir = filepath.Join(repo, "worker")
	cmd.Env = append(cmd.Environ(), "CI=1", "WRANGLER_SEND_METRICS=false", "XDG_CONFIG_HOME="+filepath.Join(state, "config"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
}

// login is a maintainer's client, logged in with the development code.
func login(t *testing.T, srv *devserver.Server) consoleClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := consoleClient{t: t, base: srv.Console, client: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
	code := srv.LoginCode()
	require.NotEmpty(t, code, srv.Output())
	res, body := c.do("POST", "/api/dev-login", map[string]string{"code": code})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	return c
}

type consoleClient struct {
	t      *testing.T
	base   string
	client *http.Client
	header http.Header
}

func (c consoleClient) do(method, path string, body any, header ...string) (*http.Response, []byte) {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(c.t, err)
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	require.NoError(c.t, err)
	for k, v := range c.header {
		req.Header[k] = v
	}
	if method != http.MethodGet {
		req.Header.Set("Origin", c.base)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.client.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	return res, out
}

func publicRecord(t *testing.T, srv *devserver.Server, id string) (version, phone string) {
	t.Helper()
	res, err := http.Get(srv.URL + "/v1/dataset.json")
	require.NoError(t, err)
	defer res.Body.Close()
	var d struct {
		Version       string                       `json:"version"`
		ContactPoints []struct{ ID, Phone string } `json:"contact_points"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&d))
	for _, c := range d.ContactPoints {
		if c.ID == id {
			assert.Equal(t, `"`+d.Version+`"`, res.Header.Get("ETag"))
			return d.Version, c.Phone
		}
	}
	t.Fatalf("no %s in /v1/dataset.json", id)
	return "", ""
}

// TestConsoleFlow: the console's contract against the real workers in
// workerd, on local D1 and KV: login, a refused and a saved edit, a stale
// save, publish (the public worker follows), rollback, history.
func TestConsoleFlow(t *testing.T) {
	srv, state := startConsole(t)
	jar, _ := cookiejar.New(nil)
	c := consoleClient{t: t, base: srv.Console, client: &http.Client{Jar: jar, Timeout: 60 * time.Second}}

	res, _ := c.do("GET", "/api/records", nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	code := srv.LoginCode()
	require.NotEmpty(t, code, srv.Output())
	res, _ = c.do("POST", "/api/dev-login", map[string]string{"code": code}, "Origin", "http://evil.example")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "a login from another origin")
	res, _ = c.do("POST", "/api/dev-login", map[string]string{"code": "wrong-code-123"})
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	res, _ = c.do("POST", "/api/dev-login", map[string]string{"code": code})
	require.Equal(t, http.StatusOK, res.StatusCode)
	ck := res.Header.Get("Set-Cookie")
	assert.Contains(t, ck, "HttpOnly")
	assert.Contains(t, ck, "SameSite=Strict")
	res, _ = consoleClient{t: t, base: srv.Console, client: http.DefaultClient}.do("POST", "/api/dev-login", map[string]string{"code": code})
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode, "the code works once")

	// Publish the imported records as they are: the version to roll back to.
	var pre struct {
		Version, Live, Changes string
	}
	_, body := c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &pre))
	res, body = c.do("POST", "/api/publish", map[string]string{"version": pre.Version})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	original := pre.Version

	const id = "alta-kommune-frisklivssentral"
	res, body = c.do("GET", "/api/records/"+id, nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	etag := res.Header.Get("ETag")
	require.NotEmpty(t, etag)
	var rec map[string]any
	require.NoError(t, json.Unmarshal(body, &rec))
	oldPhone, _ := rec["phone"].(string)

	rec["phone"] = "123"
	res, body = c.do("PUT", "/api/records/"+id, rec, "If-Match", etag)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, string(body))
	assert.Contains(t, string(body), `"field":"phone"`)
	res, _ = c.do("GET", "/api/records/"+id, nil)
	assert.Equal(t, etag, res.Header.Get("ETag"), "a refused save changes nothing")

	rec["phone"] = "78 45 50 00"
	res, _ = c.do("PUT", "/api/records/"+id, rec, "Origin", "")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "a write without Origin")
	res, body = c.do("PUT", "/api/records/"+id, map[string]any{"record": rec, "why": "ringte kommunen"}, "If-Match", etag)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	rec["phone"] = "78 45 50 01"
	res, body = c.do("PUT", "/api/records/"+id, rec, "If-Match", etag)
	require.Equal(t, http.StatusPreconditionFailed, res.StatusCode, "the second tab's stale save")
	assert.Contains(t, string(body), "Noen andre har lagret")

	_, body = c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &pre))
	assert.Contains(t, pre.Changes, "phone")
	assert.Contains(t, pre.Changes, "«78 45 50 00»")
	res, _ = c.do("POST", "/api/publish", map[string]string{"version": "0000000000000000"})
	assert.Equal(t, http.StatusConflict, res.StatusCode, "a publish of another draft than the one reviewed")
	res, body = c.do("POST", "/api/publish", map[string]string{"version": pre.Version, "why": "nytt nummer"})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	v, phone := publicRecord(t, srv, id)
	assert.Equal(t, pre.Version, v)
	assert.Equal(t, "78 45 50 00", phone, "the public worker serves the published version")

	_, body = c.do("GET", "/api/rollback?version="+original, nil)
	assert.Contains(t, string(body), "78 45 50 00")
	res, body = c.do("POST", "/api/rollback", map[string]string{"version": original})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	v, phone = publicRecord(t, srv, id)
	assert.Equal(t, original, v)
	assert.Equal(t, oldPhone, phone, "the rollback restores the old number")

	// A broken draft (written past the API, straight into the local D1)
	// cannot be published: the live version stays.
	d1Exec(t, state, `UPDATE records SET body = json_set(body, '$.phone', '123') WHERE id = '`+id+`'`)
	_, body = c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &pre))
	res, body = c.do("POST", "/api/publish", map[string]string{"version": pre.Version})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, string(body))
	assert.Contains(t, string(body), "telefonnummer")
	v, _ = publicRecord(t, srv, id)
	assert.Equal(t, original, v, "nothing invalid was published")

	var history []struct{ Who, Action, Record, Old, New, Why string }
	_, body = c.do("GET", "/api/history", nil)
	require.NoError(t, json.Unmarshal(body, &history))
	var actions []string
	for _, h := range history {
		actions = append(actions, h.Action)
	}
	assert.Equal(t, []string{"rollback", "publish", "save", "publish", "import"}, actions)
	assert.Equal(t, "ringte kommunen", history[2].Why)
	assert.Contains(t, history[2].Old, oldPhone)
	assert.Contains(t, history[2].New, "78 45 50 00")
	res, body = c.do("GET", "/api/history.csv", nil)
	assert.Equal(t, "text/csv; charset=utf-8", res.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(string(body), "\ufeffnr,tidspunkt,hvem,hva"))
}

// TestConsoleProduction: with Access required, a request without a valid
// token gets 403 and changes nothing; the development login does not exist.
func TestConsoleProduction(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	strange, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	const team, aud = "https://test-team.cloudflareaccess.com", "test-aud"
	srv, _ := startConsole(t, "CONSOLE_MODE=production", "ACCESS_TEAM_DOMAIN="+team, "ACCESS_AUD="+aud,
		"ACCESS_JWKS="+string(access.JWKS(access.Keys{"k1": &key.PublicKey})))
	claims := map[string]any{"email": "kari@ngo.example", "iss": team, "aud": aud, "exp": time.Now().Add(time.Hour).Unix()}
	good, err := access.Sign(key, "k1", claims)
	require.NoError(t, err)
	forged, err := access.Sign(strange, "k1", claims)
	require.NoError(t, err)

	anon := consoleClient{t: t, base: srv.Console, client: http.DefaultClient}
	res, _ := anon.do("GET", "/api/records", nil)
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = anon.do("GET", "/", nil)
	assert.Equal(t, http.StatusForbidden, res.StatusCode, "the pages too")
	res, _ = anon.do("POST", "/api/dev-login", map[string]string{"code": "anything-at-all"})
	assert.Equal(t, http.StatusForbidden, res.StatusCode)

	maintainer := consoleClient{t: t, base: srv.Console, client: http.DefaultClient, header: http.Header{access.Header: {good}}}
	const id = "alta-kommune-frisklivssentral"
	res, body := maintainer.do("GET", "/api/records/"+id, nil)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	etag := res.Header.Get("ETag")
	var rec map[string]any
	require.NoError(t, json.Unmarshal(body, &rec))
	rec["phone"] = "78 45 50 00"
	forger := consoleClient{t: t, base: srv.Console, client: http.DefaultClient, header: http.Header{access.Header: {forged}}}
	res, _ = forger.do("PUT", "/api/records/"+id, rec, "If-Match", etag)
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = anon.do("POST", "/api/publish", map[string]string{"version": "x"})
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = maintainer.do("GET", "/api/records/"+id, nil)
	assert.Equal(t, etag, res.Header.Get("ETag"), "the refused requests changed nothing")
	_, body = maintainer.do("GET", "/api/whoami", nil)
	assert.Contains(t, string(body), "kari@ngo.example")
}

// TestPublishFloor: a draft that lost more contact points than the floor
// allows (rows gone from D1, as a bad import or a slip could leave it) is
// shown as such and not published; the live version stays. Published
// deliberately (allow_removals), the history says what was allowed.
func TestPublishFloor(t *testing.T) {
	srv, state := startConsole(t)
	c := login(t, srv)
	publishDraft(t, c)
	live, _ := publicRecord(t, srv, "alta-kommune-frisklivssentral")

	d1Exec(t, state, `DELETE FROM records WHERE id IN (SELECT id FROM records WHERE id != 'alta-kommune-frisklivssentral' ORDER BY id LIMIT 20)`)
	var pre struct{ Version, Floor string }
	_, body := c.do("GET", "/api/publish", nil)
	require.NoError(t, json.Unmarshal(body, &pre))
	assert.Contains(t, pre.Floor, "ville forsvinne", "the preview says it before anyone presses publish")

	res, body := c.do("POST", "/api/publish", map[string]any{"version": pre.Version})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, string(body))
	assert.Contains(t, string(body), "publiserer ikke")
	v, _ := publicRecord(t, srv, "alta-kommune-frisklivssentral")
	assert.Equal(t, live, v, "citizens keep the whole list")

	res, body = c.do("POST", "/api/publish", map[string]any{"version": pre.Version, "why": "ryddet bort nedlagte", "allow_removals": true})
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	v, _ = publicRecord(t, srv, "alta-kommune-frisklivssentral")
	assert.Equal(t, pre.Version, v)
	var history []struct{ Action, Why string }
	_, body = c.do("GET", "/api/history", nil)
	require.NoError(t, json.Unmarshal(body, &history))
	require.NotEmpty(t, history)
	assert.Equal(t, "publish", history[0].Action)
	assert.Contains(t, history[0].Why, "ryddet bort nedlagte [fjerning godtatt: 20 av")
}
