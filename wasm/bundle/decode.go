// Package bundle decodes the dataset bundle (/v1/dataset.json) into a
// dataset.Dataset without encoding/json or reflect.
//
// The browser module links this instead of encoding/json (+~270 KB brotli
// through reflect) or gjson (which pulls in encoding/json via tidwall/pretty).
// Go reads the bytes in one js.CopyBytesToGo call: no per-field crossings of
// the JS boundary, which is what walking a JSON.parse result would cost.
package bundle

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/selvhjelp/finder/data/dataset"
)

// Decode parses the bundle. Unknown keys are skipped so that the bundle may
// grow fields the module does not use.
func Decode(b []byte) (*dataset.Dataset, error) {
	d := &decoder{b: b}
	var ds dataset.Dataset
	if err := d.decodeDataset(&ds); err != nil {
		return nil, d.wrap(err)
	}
	d.ws()
	if d.i != len(d.b) {
		return nil, d.wrap(errors.New("trailing data after the bundle"))
	}
	return &ds, nil
}

type decoder struct {
	b   []byte
	i   int
	buf []byte // scratch for strings with escapes
}

// Error is a decoding error with the byte offset where it happened.
type Error struct {
	Offset int
	Err    error
}

func (e *Error) Error() string {
	return "dataset bundle: offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// wrap adds the offset once. A type assertion, not errors.As, which would
// link internal/reflectlite into the module.
func (d *decoder) wrap(err error) error {
	if _, ok := err.(*Error); ok {
		return err
	}
	return &Error{Offset: d.i, Err: err}
}

var errSyntax = errors.New("invalid JSON")

func (d *decoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) peek() byte {
	d.ws()
	if d.i >= len(d.b) {
		return 0
	}
	return d.b[d.i]
}

func (d *decoder) expect(c byte) error {
	if d.peek() != c {
		return errors.New("expected '" + string(c) + "'")
	}
	d.i++
	return nil
}

// null consumes a literal null if it is next.
func (d *decoder) null() bool {
	if d.peek() == 'n' && d.i+4 <= len(d.b) && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// object calls field for each key; field must consume the value.
func (d *decoder) object(field func(key string) error) error {
	if d.null() {
		return nil
	}
	if err := d.expect('{'); err != nil {
		return err
	}
	if d.peek() == '}' {
		d.i++
		return nil
	}
	for {
		k, err := d.str()
		if err != nil {
			return err
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		if err := field(k); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return errors.New("expected ',' or '}' in object")
		}
	}
}

// array calls elem for each element; elem must consume it.
func (d *decoder) array(elem func() error) error {
	if d.null() {
		return nil
	}
	if err := d.expect('['); err != nil {
		return err
	}
	if d.peek() == ']' {
		d.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return nil
		default:
			return errors.New("expected ',' or ']' in array")
		}
	}
}

func (d *decoder) str() (string, error) {
	if d.null() {
		return "", nil
	}
	if err := d.expect('"'); err != nil {
		return "", err
	}
	start := d.i
	// Fast path: no escapes.
	for d.i < len(d.b) {
		c := d.b[d.i]
		if c == '"' {
			s := string(d.b[start:d.i])
			d.i++
			return s, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", errors.New("control character in string")
		}
		d.i++
	}
	d.buf = append(d.buf[:0], d.b[start:d.i]...)
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return string(d.buf), nil
		case c < 0x20:
			return "", errors.New("control character in string")
		case c != '\\':
			d.buf = append(d.buf, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.b) {
			break
		}
		e := d.b[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			d.buf = append(d.buf, e)
		case 'b':
			d.buf = append(d.buf, '\b')
		case 'f':
			d.buf = append(d.buf, '\f')
		case 'n':
			d.buf = append(d.buf, '\n')
		case 'r':
			d.buf = append(d.buf, '\r')
		case 't':
			d.buf = append(d.buf, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", errors.New("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if d.i+1 < len(d.b) && d.b[d.i] == '\\' && d.b[d.i+1] == 'u' {
					d.i += 2
					if r2, ok = d.hex4(); !ok {
						return "", errors.New("bad \\u escape")
					}
				}
				r = utf16.DecodeRune(r, r2)
			}
			d.buf = utf8.AppendRune(d.buf, r)
		default:
			return "", errors.New("bad escape in string")
		}
	}
	return "", errors.New("unterminated string")
}

func (d *decoder) hex4() (rune, bool) {
	if d.i+4 > len(d.b) {
		return 0, false
	}
	var r rune
	for _, c := range d.b[d.i : d.i+4] {
		r <<= 4
		switch {
		case '0' <= c && c <= '9':
			r |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			r |= rune(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	d.i += 4
	return r, true
}

func (d *decoder) numText() ([]byte, error) {
	d.ws()
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			d.i++
			continue
		}
		break
	}
	if d.i == start {
		return nil, errors.New("expected a number")
	}
	return d.b[start:d.i], nil
}

func (d *decoder) float() (float64, error) {
	if d.null() {
		return 0, nil
	}
	t, err := d.numText()
	if err != nil {
		return 0, err
	}
	f, ok := parseFloat(t)
	if !ok {
		return 0, errors.New("bad number")
	}
	return f, nil
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseFloat parses a JSON number without strconv.ParseFloat, whose tables
// cost the module 11.5 KB brotli. A mantissa below 2^53 with a decimal
// exponent within ±22 is one correctly rounded IEEE operation on exact
// operands (Clinger's fast path), so it equals strconv's result; every
// coordinate in the dataset has that form. Other numbers get a close
// approximation; build-assets compares the decoded bundle with the one the
// worker reads and refuses to build if any value differs.
func parseFloat(t []byte) (float64, bool) {
	i, neg := 0, false
	if i < len(t) && t[i] == '-' {
		neg, i = true, i+1
	}
	var mant uint64
	exp, digits, dropped := 0, 0, false
	start := i
	for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		if digits < 19 {
			mant = mant*10 + uint64(t[i]-'0')
			if mant > 0 {
				digits++
			}
		} else {
			exp++
			dropped = dropped || t[i] != '0'
		}
	}
	if i == start {
		return 0, false
	}
	if i < len(t) && t[i] == '.' {
		i++
		fs := i
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			if digits < 19 {
				mant = mant*10 + uint64(t[i]-'0')
				exp--
				if mant > 0 {
					digits++
				}
			} else {
				dropped = dropped || t[i] != '0'
			}
		}
		if i == fs {
			return 0, false
		}
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		eneg := false
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			eneg, i = t[i] == '-', i+1
		}
		es, e := i, 0
		for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			if e < 10000 {
				e = e*10 + int(t[i]-'0')
			}
		}
		if i == es {
			return 0, false
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(t) {
		return 0, false
	}
	f := float64(mant)
	switch {
	case mant == 0:
		f = 0
	case !dropped && mant < 1<<53 && exp >= 0 && exp <= 22:
		f *= pow10[exp]
	case !dropped && mant < 1<<53 && exp < 0 && exp >= -22:
		f /= pow10[-exp]
	default: // approximate; see above
		for ; exp > 22; exp -= 22 {
			f *= 1e22
		}
		for ; exp < -22; exp += 22 {
			f /= 1e22
		}
		if exp >= 0 {
			f *= pow10[exp]
		} else {
			f /= pow10[-exp]
		}
	}
	if neg {
		f = -f
	}
	return f, true
}

func (d *decoder) int() (int, error) {
	f, err := d.float()
	if err != nil {
		return 0, err
	}
	if f != float64(int(f)) {
		return 0, errors.New("expected an integer")
	}
	return int(f), nil
}

func (d *decoder) bool() (bool, error) {
	switch {
	case d.null():
		return false, nil
	case d.peek() == 't' && d.i+4 <= len(d.b) && string(d.b[d.i:d.i+4]) == "true":
		d.i += 4
		return true, nil
	case d.peek() == 'f' && d.i+5 <= len(d.b) && string(d.b[d.i:d.i+5]) == "false":
		d.i += 5
		return false, nil
	}
	return false, errors.New("expected a boolean")
}

// skip consumes any value.
func (d *decoder) skip() error {
	switch d.peek() {
	case '{':
		return d.object(func(string) error { return d.skip() })
	case '[':
		return d.array(d.skip)
	case '"':
		_, err := d.str()
		return err
	case 't', 'f':
		_, err := d.bool()
		return err
	case 'n':
		if d.null() {
			return nil
		}
		return errSyntax
	default:
		_, err := d.numText()
		return err
	}
}

// strTo decodes a string into *dst: one call at each of the generated
// decoders' string fields, where an assignment of the two results costs
// the module more code.
func (d *decoder) strTo(dst *string) (err error) {
	*dst, err = d.str()
	return err
}

// strsTo decodes a list of strings into *dst, as strTo.
func (d *decoder) strsTo(dst *[]string) (err error) {
	*dst, err = d.strs()
	return err
}

// strs decodes an array of strings: nil for null, empty for [], as
// encoding/json does (the worker's decoder; the two must agree exactly).
func (d *decoder) strs() ([]string, error) {
	if d.null() {
		return nil, nil
	}
	out := []string{}
	err := d.array(func() error {
		s, err := d.str()
		out = append(out, s)
		return err
	})
	return out, err
}

// wrapKey prefixes an error with the key it happened under, once per level
// (the generated decoders call it): "municipalities: lat: expected a number".
func wrapKey(k string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	return errors.New(k + ": " + err.Error())
}
