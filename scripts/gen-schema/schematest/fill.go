// Package schematest fills dataset records by reflection for round-trip
// tests: every field of every record type, present and future, gets a
// distinct, non-zero, awkward value, so a field that a decoder, an encoder
// or the spreadsheet forgets shows up as a difference.
package schematest

import (
	"fmt"
	"reflect"
	"strconv"
)

// ListLen is how many elements every list gets: two, so that separators
// and order are exercised.
const ListLen = 2

// awkward is in every string: letters the sources use, the characters JSON
// and HTML escape, and U+2028 (escaped by encoding/json, a line break in
// JavaScript). It has no comma, because spreadsheet lists are split on commas,
// and the string never starts or ends with a space, which the spreadsheet trims.
const awkward = "«æøå» \"sitat\" \\ <b>&amp;</b>\u2028"

// Filler hands out distinct values.
type Filler struct {
	n int
}

// Fill sets every exported field reachable from ptr (a pointer to a struct
// or slice) to a distinct non-zero value: strings naming their field, ints,
// floats with fractions, true, and lists of ListLen. A field of a kind it
// does not know is an error naming it.
func (f *Filler) Fill(ptr any) error {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("schematest: Fill needs a non-nil pointer, got %T", ptr)
	}
	return f.value(v.Elem(), v.Elem().Type().String())
}

func (f *Filler) value(v reflect.Value, path string) error {
	f.n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(awkward + path + " #" + strconv.Itoa(f.n))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(1000 + f.n))
	case reflect.Float64, reflect.Float32:
		// A fraction exact in binary, so every decoder must get it exactly.
		v.SetFloat(float64(f.n) + 0.375)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), ListLen, ListLen)
		for i := 0; i < ListLen; i++ {
			if err := f.value(s.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Struct:
		return f.fields(v, path)
	default:
		return fmt.Errorf("schematest: %s: kind %s is not supported; teach schematest and the round-trip tests about it", path, v.Kind())
	}
	return nil
}

func (f *Filler) fields(v reflect.Value, path string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if !t.Field(i).IsExported() {
			continue
		}
		if err := f.value(v.Field(i), path+"."+t.Field(i).Name); err != nil {
			return err
		}
	}
	return nil
}

// ZeroFields lists the exported fields reachable from v that are zero (an
// empty list counts as zero), as paths such as "Dataset.Topics[0].Names":
// after Fill, and after a round trip, there must be none.
func ZeroFields(v any) []string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	var out []string
	zeroFields(rv, rv.Type().Name(), &out)
	return out
}

func zeroFields(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				zeroFields(v.Field(i), path+"."+t.Field(i).Name, out)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			*out = append(*out, path)
		}
		for i := 0; i < v.Len(); i++ {
			zeroFields(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	default:
		if v.IsZero() {
			*out = append(*out, path)
		}
	}
}

// Diff lists the paths where got differs from want ("Dataset.Topics[1].Names":
// nil against empty counts too), so a failing round trip names the field
// rather than printing two whole datasets.
func Diff(want, got any) []string {
	var out []string
	diff(reflect.ValueOf(want), reflect.ValueOf(got), typeName(want), &out)
	return out
}

func typeName(v any) string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

func diff(a, b reflect.Value, path string, out *[]string) {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*out = append(*out, path)
			}
			return
		}
		diff(a.Elem(), b.Elem(), path, out)
	case reflect.Struct:
		t := a.Type()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				diff(a.Field(i), b.Field(i), path+"."+t.Field(i).Name, out)
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			*out = append(*out, fmt.Sprintf("%s: %d elements (nil %t), want %d (nil %t)", path, b.Len(), b.IsNil(), a.Len(), a.IsNil()))
			return
		}
		for i := 0; i < a.Len(); i++ {
			diff(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	default:
		if !a.Equal(b) {
			*out = append(*out, fmt.Sprintf("%s: %#v, want %#v", path, b.Interface(), a.Interface()))
		}
	}
}
