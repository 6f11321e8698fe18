package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
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
	return setting("PUBLIC_ORIGIN", "-origin", flagValue, env, wranglerPath, normalizeOrigin)
}

// The suggestion form (SUGGEST_URL, set the same way as PUBLIC_ORIGIN): the
// console's public page /foresla. Empty: the demo page and its snippets
// link to no form (the console's address is not known).

// suggestURL returns the form's address: flag, else the environment, else
// wrangler.toml, normalised ("https://host[:port]/path").
func suggestURL(flagValue string, env func(string) (string, bool), wranglerPath string) (string, error) {
	return setting("SUGGEST_URL", "-suggest-url", flagValue, env, wranglerPath, normalizeURL)
}

// setting reads one setting of the build: the flag, else the environment
// (even empty), else wrangler.toml's [vars]; normalize checks it, and an
// error names where the value came from.
func setting(key, flagName, flagValue string, env func(string) (string, bool), wranglerPath string,
	normalize func(string) (string, error)) (string, error) {
	v, from := flagValue, flagName
	if v == "" {
		var err error
		if v, from, err = unflagged(key, env, wranglerPath); err != nil {
			return "", err
		}
	}
	n, err := normalize(v)
	if err != nil {
		return "", fmt.Errorf("%s: %w", from, err)
	}
	return n, nil
}

// unflagged reads key from the environment (even empty), else from
// wrangler.toml's [vars] ("" when the file does not exist).
func unflagged(key string, env func(string) (string, bool), wranglerPath string) (v, from string, err error) {
	if e, ok := env(key); ok {
		return e, key, nil
	}
	b, err := os.ReadFile(wranglerPath)
	if os.IsNotExist(err) {
		return "", "", nil
	}
	if err != nil {
		return "", "", err
	}
	if v, err = wranglerVar(b, key); err != nil {
		return "", "", fmt.Errorf("%s: %w", wranglerPath, err)
	}
	return v, wranglerPath + " [vars] " + key, nil
}

// urlPath: what a page's path may hold here (it reaches attributes and
// snippets, so no quote, bracket, space or percent sign).
var urlPath = regexp.MustCompile(`^(/[A-Za-z0-9._~-]*)+$`)

// normalizeURL accepts "" or an origin (as normalizeOrigin) followed by a
// path, with no query or fragment.
func normalizeURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return "", fmt.Errorf("%q is not an address such as https://console.example.no/foresla", s)
	}
	hostPort, path, _ := strings.Cut(rest, "/")
	o, err := normalizeOrigin(scheme + "://" + hostPort)
	if err != nil {
		return "", err
	}
	if !urlPath.MatchString("/" + path) {
		return "", fmt.Errorf("%q: a path of letters, digits, '/', '.', '_', '~' and '-' only, with no query or fragment", s)
	}
	return o + "/" + path, nil
}

// Origin syntax: a host name of DNS labels (letters, digits, hyphens; not
// at a label's ends) and an optional port. Nothing else can reach the
// snippets, so no quote, bracket, parenthesis or backslash ever does.
var (
	dnsLabel  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	portDigit = regexp.MustCompile(`^[0-9]{1,5}$`)
)

const (
	maxHostLen = 253
	maxPort    = 65535
)

// loopbackHosts may serve the snippets over http (local runs).
var loopbackHosts = map[string]bool{"localhost": true, "127.0.0.1": true, "[::1]": true}

// normalizeOrigin accepts "" or scheme://host[:port] (a trailing slash
// allowed) and returns it in lower case. The host is a DNS name, or a
// loopback address for local runs, which alone may use http.
func normalizeOrigin(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return "", fmt.Errorf("%q is not an origin such as https://finder.example.no", s)
	}
	hostPort := strings.TrimSuffix(rest, "/")
	host, err := checkHostPort(hostPort)
	if err != nil {
		return "", fmt.Errorf("%q: %w", s, err)
	}
	if scheme == "http" && !loopbackHosts[host] {
		return "", fmt.Errorf("%q: partners' pages need https", s)
	}
	return scheme + "://" + hostPort, nil
}

// checkHostPort checks "host[:port]" and returns the host.
func checkHostPort(hostPort string) (string, error) {
	if loopbackHosts[hostPort] {
		return hostPort, nil
	}
	host, port, hasPort := hostPort, "", false
	if i := strings.LastIndexByte(hostPort, ':'); i >= 0 {
		host, port, hasPort = hostPort[:i], hostPort[i+1:], true
	}
	if hasPort {
		n, err := strconv.Atoi(port)
		if !portDigit.MatchString(port) || err != nil || n < 1 || n > maxPort {
			return "", fmt.Errorf("port %q is not a number from 1 to %d", port, maxPort)
		}
	}
	if loopbackHosts[host] {
		return host, nil
	}
	if host == "" || len(host) > maxHostLen {
		return "", fmt.Errorf("an origin is scheme://host[:port], with no user, path, query or fragment")
	}
	for _, label := range strings.Split(host, ".") {
		if !dnsLabel.MatchString(label) {
			return "", fmt.Errorf("host %q: an origin is scheme://host[:port]; a host is letters a-z, digits, hyphens and dots", host)
		}
	}
	return host, nil
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
