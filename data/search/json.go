package search

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the JSON form of r to b: byte for byte what
// encoding/json.Marshal gives, without reflect, so that the browser module
// can hand JavaScript one string (one crossing, JSON.parse there).
func (r Response) AppendJSON(b []byte) []byte {
	b = append(b, `{"query":`...)
	b = appendString(b, r.Query)
	b = append(b, `,"place":`...)
	if r.Place == nil {
		b = append(b, "null"...)
	} else {
		p := r.Place
		b = append(b, `{"municipality":`...)
		b = appendString(b, p.Municipality)
		b = append(b, `,"name":`...)
		b = appendString(b, p.Name)
		b = append(b, `,"county":`...)
		b = appendString(b, p.County)
		b = append(b, `,"matched":`...)
		b = appendString(b, p.Matched)
		if p.Region != nil {
			b = append(b, `,"region":{"name":`...)
			b = appendString(b, p.Region.Name)
			b = append(b, `,"kind":`...)
			b = appendString(b, p.Region.Kind)
			b = append(b, `,"municipalities":`...)
			b = appendStrings(b, p.Region.Municipalities)
			b = append(b, '}')
		}
		if p.Postcode != "" {
			b = append(b, `,"postcode":`...)
			b = appendString(b, p.Postcode)
		}
		if p.Via != "" {
			b = append(b, `,"via":`...)
			b = appendString(b, p.Via)
		}
		if len(p.Alternatives) > 0 {
			b = append(b, `,"alternatives":`...)
			b = appendStrings(b, p.Alternatives)
		}
		b = appendOptString(b, `,"district":`, p.District)
		b = append(b, '}')
	}
	b = append(b, `,"topic":`...)
	if r.Topic == nil {
		b = append(b, "null"...)
	} else {
		b = r.Topic.appendJSON(b)
	}
	b = append(b, `,"suggestions":`...)
	if r.Suggestions == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range r.Suggestions {
			if i > 0 {
				b = append(b, ',')
			}
			b = s.appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"results":`...)
	if r.Results == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Results {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Results[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	if r.Crisis != nil {
		b = append(b, `,"crisis":{"lines":`...)
		b = appendCrisisLineList(b, r.Crisis.Lines)
		b = appendOptString(b, `,"language":`, r.Crisis.Language)
		b = appendOptString(b, `,"text":`, r.Crisis.Text)
		if r.Crisis.Reviewed {
			b = append(b, `,"reviewed":true`...)
		}
		b = append(b, '}')
	}
	if len(r.Topics) > 0 {
		b = append(b, `,"topics":[`...)
		for i, t := range r.Topics {
			if i > 0 {
				b = append(b, ',')
			}
			b = t.appendJSON(b)
		}
		b = append(b, ']')
	}
	if r.Territory != nil {
		b = append(b, `,"territory":{"number":`...)
		b = appendString(b, r.Territory.Number)
		b = append(b, `,"name":`...)
		b = appendString(b, r.Territory.Name)
		b = append(b, '}')
	}
	if r.TopicNote != "" {
		b = append(b, `,"topic_note":`...)
		b = appendString(b, r.TopicNote)
	}
	return append(b, '}')
}

func (t *TopicRef) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, t.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, t.Name)
	return append(b, '}')
}

func (s Suggestion) appendJSON(b []byte) []byte {
	b = append(b, `{"kind":`...)
	b = appendString(b, s.Kind)
	b = append(b, `,"id":`...)
	b = appendString(b, s.ID)
	b = append(b, `,"label":`...)
	b = appendString(b, s.Label)
	b = append(b, `,"detail":`...)
	b = appendString(b, s.Detail)
	b = append(b, `,"highlight":`...)
	if s.Highlight == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, h := range s.Highlight {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(h[0]), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(h[1]), 10)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (r *Result) appendJSON(b []byte) []byte {
	b = append(b, `{"contact_point":`...)
	b = appendContactPoint(b, &r.ContactPoint)
	b = append(b, `,"distance_km":`...)
	b = appendFloat(b, r.DistanceKm)
	b = append(b, `,"relation":`...)
	b = appendString(b, r.Relation)
	if r.ListsTopic {
		b = append(b, `,"lists_topic":true`...)
	}
	return append(b, '}')
}

func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, key...)
	return appendString(b, s)
}

// appendKeyString appends a key as the generated encoders write it (comma,
// quoted name, colon) and the string s.
func appendKeyString(b []byte, key, s string) []byte {
	return appendString(append(b, key...), s)
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendFloat formats like encoding/json: shortest representation, 'f'
// unless the exponent is very small or large. NaN and infinities (which
// encoding/json refuses) are written as 0.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	b = strconv.AppendFloat(b, f, fmt, -1, 64)
	if fmt == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does, HTML-safe: <, > and & as
// \u003c, \u003e, \u0026, U+2028 and U+2029 escaped, invalid UTF-8 as
// \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
