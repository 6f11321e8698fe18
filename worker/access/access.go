// Package access verifies Cloudflare Access's token, the JWT that Access
// sends in the Cf-Access-Jwt-Assertion header of every request it lets
// through: RS256 only, signed by one of the team's published keys (JWKS),
// for this application's audience, issued by the team, not expired.
package access

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"
)

// Header is where Access puts its token.
const Header = "Cf-Access-Jwt-Assertion"

// CertsPath is where a team publishes its keys: https://<team>.cloudflareaccess.com/cdn-cgi/access/certs.
const CertsPath = "/cdn-cgi/access/certs"

// leeway is the clock difference tolerated on exp, nbf and iat.
const leeway = 30 * time.Second

// Keys are a team's public keys by key id.
type Keys map[string]*rsa.PublicKey

// Verifier checks tokens for one Access application.
type Verifier struct {
	Issuer   string // https://<team>.cloudflareaccess.com
	Audience string // the application's AUD tag
	// Keys returns the team's current keys (fetched from Issuer+CertsPath in the worker).
	Keys func(ctx context.Context) (Keys, error)
	Now  func() time.Time
}

// Claims are the token's fields the console uses.
type Claims struct {
	Email     string   `json:"email"`
	Issuer    string   `json:"iss"`
	Audience  audience `json:"aud"`
	ExpiresAt int64    `json:"exp"`
	NotBefore int64    `json:"nbf"`
	IssuedAt  int64    `json:"iat"`
}

// audience is "aud": one string or a list.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("aud is neither a string nor a list of strings")
	}
	*a = many
	return nil
}

// Identify returns the e-mail of the request's valid token, or why there is none.
func (v *Verifier) Identify(r *http.Request) (string, error) {
	token := r.Header.Get(Header)
	if token == "" {
		return "", fmt.Errorf("%s mangler", Header)
	}
	c, err := v.Verify(r.Context(), token)
	if err != nil {
		return "", err
	}
	return c.Email, nil
}

// Verify checks a token and returns its claims.
func (v *Verifier) Verify(ctx context.Context, token string) (Claims, error) {
	var c Claims
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return c, errors.New("token: not a JWS compact token")
	}
	var head struct {
		Alg  string   `json:"alg"`
		Kid  string   `json:"kid"`
		Crit []string `json:"crit"`
	}
	if err := decodePart(parts[0], &head); err != nil {
		return c, fmt.Errorf("token header: %w", err)
	}
	// The algorithm is fixed, never taken from the token: "none", HS256
	// with the public key as secret, or RS384 are refused alike.
	if head.Alg != "RS256" {
		return c, fmt.Errorf("token: algorithm %q refused (RS256 only)", head.Alg)
	}
	if len(head.Crit) > 0 {
		return c, errors.New("token: critical header extensions refused")
	}
	keys, err := v.Keys(ctx)
	if err != nil {
		return c, fmt.Errorf("token: the team's keys: %w", err)
	}
	key, ok := keys[head.Kid]
	if !ok {
		return c, fmt.Errorf("token: unknown key id %q", head.Kid)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return c, errors.New("token: signature is not base64url")
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig); err != nil {
		return c, errors.New("token: bad signature")
	}
	if err := decodePart(parts[1], &c); err != nil {
		return c, fmt.Errorf("token claims: %w", err)
	}
	return c, v.checkClaims(c)
}

func (v *Verifier) checkClaims(c Claims) error {
	now := v.Now()
	switch {
	case v.Audience == "" || !contains(c.Audience, v.Audience):
		return errors.New("token: not for this application (aud)")
	case v.Issuer != "" && c.Issuer != v.Issuer:
		return fmt.Errorf("token: issuer %q is not the team %q", c.Issuer, v.Issuer)
	case c.ExpiresAt == 0 || now.After(time.Unix(c.ExpiresAt, 0).Add(leeway)):
		return errors.New("token: expired")
	case c.NotBefore != 0 && now.Add(leeway).Before(time.Unix(c.NotBefore, 0)):
		return errors.New("token: not valid yet (nbf)")
	case c.IssuedAt != 0 && now.Add(leeway).Before(time.Unix(c.IssuedAt, 0)):
		return errors.New("token: issued in the future (iat)")
	case c.Email == "":
		return errors.New("token: no e-mail (a service token is not a maintainer)")
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func decodePart(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return errors.New("not base64url")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return nil
}

// ParseJWKS reads a team's certs document ({"keys":[{kid, kty, n, e}, …]});
// only RSA keys are kept.
func ParseJWKS(b []byte) (Keys, error) {
	var doc struct {
		Keys []struct {
			Kid string `json:"kid"`
			Kty string `json:"kty"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("jwks: %w", err)
	}
	out := Keys{}
	for _, k := range doc.Keys {
		if k.Kty != "RSA" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil || len(e) == 0 || len(e) > 4 {
			return nil, fmt.Errorf("jwks: key %q: bad n or e", k.Kid)
		}
		out[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	if len(out) == 0 {
		return nil, errors.New("jwks: no RSA key")
	}
	return out, nil
}

// JWKS writes keys as a certs document (for tests and local production runs).
func JWKS(keys Keys) []byte {
	type jwk struct {
		Kid string `json:"kid"`
		Kty string `json:"kty"`
		Alg string `json:"alg"`
		Use string `json:"use"`
		N   string `json:"n"`
		E   string `json:"e"`
	}
	var doc struct {
		Keys []jwk `json:"keys"`
	}
	for kid, k := range keys {
		doc.Keys = append(doc.Keys, jwk{kid, "RSA", "RS256", "sig", base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
			base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes())})
	}
	b, _ := json.Marshal(doc)
	return b
}

// Sign makes an RS256 token (for tests: the console never signs).
func Sign(key *rsa.PrivateKey, kid string, claims any) (string, error) {
	return SignRaw(key, map[string]string{"alg": "RS256", "typ": "JWT", "kid": kid}, claims)
}

// SignRaw signs claims with RS256 under any header (tests of alg tricks).
func SignRaw(key *rsa.PrivateKey, head map[string]string, claims any) (string, error) {
	h, _ := json.Marshal(head)
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	signing := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}
