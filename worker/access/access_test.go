package access

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	team = "https://ngo.cloudflareaccess.com"
	aud  = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2"
)

var fixedNow = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

var (
	keysOnce   sync.Once
	teamKey    *rsa.PrivateKey
	strangeKey *rsa.PrivateKey
)

func testKeys(t *testing.T) (*rsa.PrivateKey, *rsa.PrivateKey) {
	keysOnce.Do(func() {
		var err error
		teamKey, err = rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		strangeKey, err = rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
	})
	return teamKey, strangeKey
}

func verifier(t *testing.T) *Verifier {
	k, _ := testKeys(t)
	keys, err := ParseJWKS(JWKS(Keys{"k1": &k.PublicKey}))
	require.NoError(t, err)
	return &Verifier{Issuer: team, Audience: aud, Now: func() time.Time { return fixedNow },
		Keys: func(context.Context) (Keys, error) { return keys, nil }}
}

func claims(mod func(m map[string]any)) map[string]any {
	m := map[string]any{"email": "kari@ngo.no", "iss": team, "aud": []string{aud},
		"iat": fixedNow.Add(-time.Minute).Unix(), "nbf": fixedNow.Add(-time.Minute).Unix(), "exp": fixedNow.Add(time.Hour).Unix()}
	if mod != nil {
		mod(m)
	}
	return m
}

func TestGoodToken(t *testing.T) {
	k, _ := testKeys(t)
	tok, err := Sign(k, "k1", claims(nil))
	require.NoError(t, err)
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set(Header, tok)
	who, err := verifier(t).Identify(r)
	require.NoError(t, err)
	assert.Equal(t, "kari@ngo.no", who)
}

func TestRefusedTokens(t *testing.T) {
	k, strange := testKeys(t)
	sign := func(key *rsa.PrivateKey, kid string, c map[string]any) string {
		tok, err := Sign(key, kid, c)
		require.NoError(t, err)
		return tok
	}
	good := sign(k, "k1", claims(nil))
	parts := strings.Split(good, ".")
	// HS256 with the public key's bytes as the HMAC secret: the classic
	// confusion attack on verifiers that take alg from the token.
	hsHead := b64(`{"alg":"HS256","typ":"JWT","kid":"k1"}`)
	mac := hmac.New(sha256.New, JWKS(Keys{"k1": &k.PublicKey}))
	mac.Write([]byte(hsHead + "." + parts[1]))
	rs384, err := SignRaw(k, map[string]string{"alg": "RS384", "kid": "k1"}, claims(nil))
	require.NoError(t, err)

	for name, tc := range map[string]struct{ token, want string }{
		"wrong signature":    {sign(strange, "k1", claims(nil)), "bad signature"},
		"tampered claims":    {parts[0] + "." + b64(`{"email":"eve@evil.example","aud":"`+aud+`","exp":9999999999}`) + "." + parts[2], "bad signature"},
		"wrong audience":     {sign(k, "k1", claims(func(m map[string]any) { m["aud"] = "another-app" })), "aud"},
		"no audience":        {sign(k, "k1", claims(func(m map[string]any) { delete(m, "aud") })), "aud"},
		"expired":            {sign(k, "k1", claims(func(m map[string]any) { m["exp"] = fixedNow.Add(-time.Minute).Unix() })), "expired"},
		"no expiry":          {sign(k, "k1", claims(func(m map[string]any) { delete(m, "exp") })), "expired"},
		"not yet valid":      {sign(k, "k1", claims(func(m map[string]any) { m["nbf"] = fixedNow.Add(time.Hour).Unix() })), "nbf"},
		"other team":         {sign(k, "k1", claims(func(m map[string]any) { m["iss"] = "https://evil.cloudflareaccess.com" })), "issuer"},
		"no e-mail":          {sign(k, "k1", claims(func(m map[string]any) { delete(m, "email") })), "e-mail"},
		"unknown key id":     {sign(k, "k9", claims(nil)), "unknown key id"},
		"alg none":           {b64(`{"alg":"none","kid":"k1"}`) + "." + parts[1] + ".", `"none" refused`},
		"alg None unsigned":  {b64(`{"alg":"None","kid":"k1"}`) + "." + parts[1] + ".", "refused"},
		"alg HS256 with key": {hsHead + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)), `"HS256" refused`},
		"alg RS384":          {rs384, `"RS384" refused`},
		"crit header":        {must(SignRaw(k, map[string]string{"alg": "RS256", "kid": "k1", "crit": "x"}, claims(nil))), "header"},
		"two parts":          {parts[0] + "." + parts[1], "compact"},
		"garbage":            {"not a token", "compact"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := verifier(t).Verify(context.Background(), tc.token)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestMissingHeader(t *testing.T) {
	_, err := verifier(t).Identify(httptest.NewRequest("GET", "/", nil))
	assert.ErrorContains(t, err, Header)
}

func TestParseJWKSRefusesEmpty(t *testing.T) {
	_, err := ParseJWKS([]byte(`{"keys":[{"kty":"EC","kid":"e"}]}`))
	assert.ErrorContains(t, err, "no RSA key")
	_, err = ParseJWKS([]byte(`{"keys":[{"kty":"RSA","kid":"r","n":"!!","e":"AQAB"}]}`))
	assert.ErrorContains(t, err, `key "r"`)
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
