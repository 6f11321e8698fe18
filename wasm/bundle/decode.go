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
	if err := d.dataset(&ds); err != nil {
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

func (d *decoder) strs() ([]string, error) {
	var out []string
	err := d.array(func() error {
		s, err := d.str()
		out = append(out, s)
		return err
	})
	return out, err
}

// list decodes an array of T with elem filling each element.
func list[T any](d *decoder, elem func(*T) error) ([]T, error) {
	var out []T
	err := d.array(func() error {
		var v T
		if err := elem(&v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

func (d *decoder) dataset(ds *dataset.Dataset) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "version":
			ds.Version, err = d.str()
		case "counties":
			ds.Counties, err = list(d, d.county)
		case "municipalities":
			ds.Municipalities, err = list(d, d.municipality)
		case "territories":
			ds.Territories, err = list(d, d.territory)
		case "former_municipalities":
			ds.FormerMunicipalities, err = list(d, d.former)
		case "postcodes":
			ds.Postcodes, err = list(d, d.postcode)
		case "topics":
			ds.Topics, err = list(d, d.topic)
		case "contact_points":
			ds.ContactPoints, err = list(d, d.contactPoint)
		case "sources":
			ds.Sources, err = list(d, d.source)
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func wrapKey(k string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	return errors.New(k + ": " + err.Error())
}

func (d *decoder) name(n *dataset.Name) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "name":
			n.Name, err = d.str()
		case "language":
			n.Language, err = d.str()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) county(c *dataset.County) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "number":
			c.Number, err = d.str()
		case "name":
			c.Name, err = d.str()
		case "official_name":
			c.OfficialName, err = d.str()
		case "names":
			c.Names, err = list(d, d.name)
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) municipality(m *dataset.Municipality) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "number":
			m.Number, err = d.str()
		case "name":
			m.Name, err = d.str()
		case "official_name":
			m.OfficialName, err = d.str()
		case "names":
			m.Names, err = list(d, d.name)
		case "county":
			m.County, err = d.str()
		case "admin_centre":
			m.AdminCentre, err = d.str()
		case "population":
			m.Population, err = d.int()
		case "area_km2":
			m.AreaKm2, err = d.float()
		case "language_form":
			m.LanguageForm, err = d.str()
		case "lat":
			m.Lat, err = d.float()
		case "lon":
			m.Lon, err = d.float()
		case "point_method":
			m.PointMethod, err = d.str()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) territory(t *dataset.Territory) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "number":
			t.Number, err = d.str()
		case "name":
			t.Name, err = d.str()
		case "lat":
			t.Lat, err = d.float()
		case "lon":
			t.Lon, err = d.float()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) former(f *dataset.FormerMunicipality) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "number":
			f.Number, err = d.str()
		case "name":
			f.Name, err = d.str()
		case "period":
			f.Period, err = d.str()
		case "successors":
			f.Successors, err = d.strs()
		case "change":
			f.Change, err = d.str()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) postcode(p *dataset.Postcode) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "code":
			p.Code, err = d.str()
		case "place":
			p.Place, err = d.str()
		case "municipality":
			p.Municipality, err = d.str()
		case "category":
			p.Category, err = d.str()
		case "lat":
			p.Lat, err = d.float()
		case "lon":
			p.Lon, err = d.float()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) sourceRef(s *dataset.SourceRef) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "url":
			s.URL, err = d.str()
		case "page_date":
			s.PageDate, err = d.str()
		case "facts":
			s.Facts, err = d.str()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) topic(t *dataset.Topic) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "id":
			t.ID, err = d.str()
		case "name":
			t.Name, err = d.str()
		case "synonyms":
			t.Synonyms, err = d.strs()
		case "sources":
			t.Sources, err = list(d, d.sourceRef)
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) contactPoint(c *dataset.ContactPoint) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "id":
			c.ID, err = d.str()
		case "name":
			c.Name, err = d.str()
		case "kind":
			c.Kind, err = d.str()
		case "municipality":
			c.Municipality, err = d.str()
		case "serves":
			c.Serves, err = d.strs()
		case "serves_all":
			c.ServesAll, err = d.bool()
		case "coverage":
			c.Coverage, err = d.str()
		case "address":
			c.Address, err = d.str()
		case "postcode":
			c.Postcode, err = d.str()
		case "postal_place":
			c.PostalPlace, err = d.str()
		case "phone":
			c.Phone, err = d.str()
		case "email":
			c.Email, err = d.str()
		case "url":
			c.URL, err = d.str()
		case "groups":
			c.Groups, err = d.str()
		case "topics":
			c.Topics, err = d.strs()
		case "status":
			c.Status, err = d.str()
		case "status_note":
			c.StatusNote, err = d.str()
		case "note":
			c.Note, err = d.str()
		case "last_verified":
			c.LastVerified, err = d.str()
		case "sources":
			c.Sources, err = list(d, d.sourceRef)
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}

func (d *decoder) source(s *dataset.Source) error {
	return d.object(func(k string) (err error) {
		switch k {
		case "id":
			s.ID, err = d.str()
		case "name":
			s.Name, err = d.str()
		case "url":
			s.URL, err = d.str()
		case "licence":
			s.Licence, err = d.str()
		case "attribution":
			s.Attribution, err = d.str()
		case "vintage":
			s.Vintage, err = d.str()
		case "used":
			s.Used, err = d.str()
		default:
			err = d.skip()
		}
		return wrapKey(k, err)
	})
}
