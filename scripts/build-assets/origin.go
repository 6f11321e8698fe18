package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// The worker's public origin has one setting: PUBLIC_ORIGIN in
// worker/wrangler.toml's [vars] (an environment variable PUBLIC_ORIGIN, even
// empty, overrides it, e.g. for a deploy to another host). Empty means "the
// origin the page was loaded from": the demo page's script fills it in.

// publicOrigin returns the origin to print in snippets: flag, else the
// environment, else wrangler.toml, normalised ("https://host[:port]").
func publicOrigin(flagValue string, env func(string) (string, bool), wranglerPath string) (string, error) {
	v, from := flagValue, "-origin"
	if v == "" {
		if e, ok := env("PUBLIC_ORIGIN"); ok {
			v, from = e, "PUBLIC_ORIGIN"
		} else if b, err := os.ReadFile(wranglerPath); err == nil {
			if v, err = wranglerVar(b, "PUBLIC_ORIGIN"); err != nil {
				return "", fmt.Errorf("%s: %w", wranglerPath, err)
			}
			from = wranglerPath + " [vars] PUBLIC_ORIGIN"
		} else if !os.IsNotExist(err) {
			return "", err
		}
	}
	o, err := normalizeOrigin(v)
	if err != nil {
		return "", fmt.Errorf("%s: %w", from, err)
	}
	return o, nil
}

// normalizeOrigin accepts "" or an absolute http(s) URL with no path, query
// or fragment, and returns its origin. http is only for loopback (local runs).
func normalizeOrigin(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%q is not an origin such as https://finder.example.no", s)
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q: an origin has no user, path, query or fragment", s)
	}
	loopback := u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1" || u.Hostname() == "::1"
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopback:
	default:
		return "", fmt.Errorf("%q: partners' pages need https", s)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// wranglerVar reads a string from the [vars] table of a wrangler.toml: the
// one key this build needs, without a TOML library.
func wranglerVar(toml []byte, key string) (string, error) {
	sc := bufio.NewScanner(bytes.NewReader(toml))
	inVars := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			inVars = line == "[vars]"
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !inVars || !ok || strings.TrimSpace(k) != key {
			continue
		}
		v = strings.TrimSpace(v)
		if i := strings.Index(v, "#"); i >= 0 && !strings.HasPrefix(v, `"`) {
			v = strings.TrimSpace(v[:i])
		}
		if strings.HasPrefix(v, `"`) {
			end := strings.Index(v[1:], `"`)
			if end < 0 {
				return "", fmt.Errorf("[vars] %s: unterminated string", key)
			}
			s, err := strconv.Unquote(v[:end+2])
			if err != nil {
				return "", fmt.Errorf("[vars] %s: %w", key, err)
			}
			return s, nil
		}
		return "", fmt.Errorf("[vars] %s must be a quoted string", key)
	}
	return "", sc.Err()
}
