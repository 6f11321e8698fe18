//go:build js && wasm

// Command consoleworker is the maintainers' console as a Cloudflare Worker:
// worker/console's handler on the D1 database DB and the KV namespace
// PUBLISHED (which the public worker reads), through syumai/workers'
// bindings. It runs on syumai's stock runtime (a Go instance per request):
// D1 and KV calls wait on promises, which a shared instance serving through
// wasmexport calls cannot, and the console's few requests do not need the
// public worker's speed. Build: worker/build-console.sh (make console).
package main

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	_ "github.com/syumai/workers/cloudflare/d1" // the "d1" database/sql driver
	"github.com/syumai/workers/cloudflare/fetch"
	"github.com/syumai/workers/cloudflare/kv"

	"github.com/selvhjelp/finder/worker/access"
	"github.com/selvhjelp/finder/worker/compiled"
	"github.com/selvhjelp/finder/worker/console"
)

// Bindings and variables of console.wrangler.toml.
const (
	dbBinding = "DB"
	kvBinding = "PUBLISHED"
)

func main() {
	h, err := newConsole()
	if err != nil {
		h = refuse(err)
	}
	workers.Serve(h)
}

func newConsole() (http.Handler, error) {
	db, err := sql.Open("d1", dbBinding)
	if err != nil {
		return nil, err
	}
	ns, err := kv.NewNamespace(kvBinding)
	if err != nil {
		return nil, err
	}
	cfg := console.Config{DB: db, Blobs: blobs{ns}, Base: compiled.Dataset, Mode: cloudflare.Getenv("MODE"),
		DevCode: cloudflare.Getenv("DEV_LOGIN_CODE"), Now: time.Now, Limits: limits()}
	if b := cloudflare.GetBinding(limiterBinding); b.Truthy() {
		cfg.Burst = limiter{b}
	}
	if team, aud := cloudflare.Getenv("ACCESS_TEAM_DOMAIN"), cloudflare.Getenv("ACCESS_AUD"); team != "" && aud != "" {
		cfg.Access = &access.Verifier{Issuer: team, Audience: aud, Now: time.Now, Keys: teamKeys(team, cloudflare.Getenv("ACCESS_JWKS"))}
	}
	return console.New(cfg)
}

// limits reads the public pages' limits: LIMITS is "per client,per hour,
// waiting" (e.g. "20,300,500"); what is missing or not a number keeps its default.
func limits() console.Limits {
	var l console.Limits
	parts := strings.Split(cloudflare.Getenv("LIMITS"), ",")
	for i, dst := range []*int{&l.PerClient, &l.PerHour, &l.Waiting} {
		if i < len(parts) {
			*dst, _ = strconv.Atoi(strings.TrimSpace(parts[i]))
		}
	}
	return l
}

// teamKeys fetches the team's keys from its certs URL; jwks (a variable,
// for local production runs and tests) replaces the fetch.
func teamKeys(team, jwks string) func(context.Context) (access.Keys, error) {
	return func(ctx context.Context) (access.Keys, error) {
		if jwks != "" {
			return access.ParseJWKS([]byte(jwks))
		}
		req, err := fetch.NewRequest(ctx, http.MethodGet, team+access.CertsPath, nil)
		if err != nil {
			return nil, err
		}
		res, err := fetch.NewClient().Do(req, nil)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		if err != nil {
			return nil, err
		}
		return access.ParseJWKS(b)
	}
}

// refuse answers every request with 500 and why the console would not start.
func refuse(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, "Konsollen starter ikke: "+err.Error()+"\n")
	})
}

// blobs is console.Blobs on a KV namespace.
type blobs struct{ ns *kv.Namespace }

// kvNull is what GetString returns for a missing key (JavaScript null).
const kvNull = "<null>"

func (b blobs) Get(_ context.Context, key string) (string, bool, error) {
	v, err := b.ns.GetString(key, nil)
	if err != nil {
		return "", false, err
	}
	if v == kvNull {
		return "", false, nil
	}
	return v, true, nil
}

func (b blobs) Put(_ context.Context, key, value string) error {
	return b.ns.PutString(key, value, nil)
}
