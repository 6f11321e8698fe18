package api

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

type paramError struct{ msg, param string }

// parseQuery decodes a raw query string, keeping the first value of each
// key. Unlike url.ParseQuery it names the parameter a bad escape is in.
func parseQuery(raw string) (map[string]string, *paramError) {
	vals := map[string]string{}
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, &paramError{msg: "malformed percent escape in a parameter name", param: ""}
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, &paramError{msg: "malformed percent escape in " + safeName(key), param: safeName(key)}
		}
		if _, seen := vals[key]; !seen {
			vals[key] = val
		}
	}
	return vals, nil
}

// safeName keeps an echoed parameter name short and printable.
func safeName(s string) string {
	if len(s) > 40 || !utf8.ValidString(s) || strings.ContainsFunc(s, isControl) {
		return "a parameter"
	}
	return s
}

func validUTF8(s string) bool { return utf8.ValidString(s) }

func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) }

// blankControls turns control characters (a pasted tab or newline) into
// spaces: they never belong to a name, and the engine should not see them.
func blankControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isTopicID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// acceptsGzip reports whether the client accepts gzip (and did not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.TrimSpace(coding)
		if !strings.EqualFold(coding, "gzip") && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// etagMatches implements If-None-Match's weak comparison against a strong ETag.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
