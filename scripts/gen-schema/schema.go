package main

import (
	"fmt"
	"reflect"
	"strings"
)

// shape is how a field's value is written in JSON, as far as the generated
// code is concerned. A field of any other Go type is an error naming it, so
// that a new kind of field cannot be skipped silently.
type shape int

const (
	shapeString  shape = iota + 1
	shapeInt           // int
	shapeFloat         // float64
	shapeBool          // bool
	shapeStrings       // []string
	shapeStructs       // []T, T a struct
	shapeStruct        // T, a struct
)

// field is one JSON-encoded struct field.
type field struct {
	GoName    string
	JSONName  string
	OmitEmpty bool
	Shape     shape
	Elem      reflect.Type // the struct type of shapeStructs and shapeStruct
}

// fieldsOf lists the fields encoding/json encodes for t, in order, or an
// error naming the first field the generator cannot handle.
func fieldsOf(t reflect.Type) ([]field, error) {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue // encoding/json ignores it too
		}
		name, omit, skip, err := jsonTag(sf)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), sf.Name, err)
		}
		if skip {
			continue
		}
		sh, elem, err := shapeOf(sf.Type)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), sf.Name, err)
		}
		if sf.Anonymous {
			return nil, fmt.Errorf("%s.%s: embedded fields are not supported by scripts/gen-schema", t.Name(), sf.Name)
		}
		out = append(out, field{GoName: sf.Name, JSONName: name, OmitEmpty: omit, Shape: sh, Elem: elem})
	}
	return out, nil
}

// jsonTag reads a field's json tag as encoding/json does. Options other
// than omitempty change the encoding and are refused.
func jsonTag(sf reflect.StructField) (name string, omitEmpty, skip bool, err error) {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", false, true, nil
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = sf.Name
	}
	for _, o := range strings.Split(opts, ",") {
		switch o {
		case "":
		case "omitempty":
			omitEmpty = true
		default:
			return "", false, false, fmt.Errorf("json option %q is not supported by scripts/gen-schema", o)
		}
	}
	return name, omitEmpty, false, nil
}

func shapeOf(t reflect.Type) (shape, reflect.Type, error) {
	if t.Name() != "" && t.PkgPath() != "" && t.Kind() != reflect.Struct {
		// A named type (type Kind string) would need a conversion in the
		// generated code; keep the schema to plain types.
		return 0, nil, fmt.Errorf("named type %s is not supported by scripts/gen-schema", t)
	}
	switch t.Kind() {
	case reflect.String:
		return shapeString, nil, nil
	case reflect.Int:
		return shapeInt, nil, nil
	case reflect.Float64:
		return shapeFloat, nil, nil
	case reflect.Bool:
		return shapeBool, nil, nil
	case reflect.Struct:
		return shapeStruct, t, nil
	case reflect.Slice:
		switch e := t.Elem(); {
		case e.Kind() == reflect.String && e.PkgPath() == "":
			return shapeStrings, nil, nil
		case e.Kind() == reflect.Struct:
			return shapeStructs, e, nil
		}
	}
	return 0, nil, fmt.Errorf("type %s is not supported by scripts/gen-schema (teach shapeOf, the decoder and the encoder about it)", t)
}

// reachable lists root and every struct type reachable from it through
// fields, each once, in the order first met (breadth first), so the
// generated files are stable.
func reachable(roots ...reflect.Type) ([]reflect.Type, error) {
	seen := map[reflect.Type]bool{}
	var out []reflect.Type
	queue := append([]reflect.Type{}, roots...)
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		if seen[t] {
			continue
		}
		if t.PkgPath() != roots[0].PkgPath() {
			// Generated code names every type as package dataset's.
			return nil, fmt.Errorf("type %s is not supported by scripts/gen-schema: records are types of %s", t, roots[0].PkgPath())
		}
		seen[t] = true
		out = append(out, t)
		fs, err := fieldsOf(t)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if f.Elem != nil {
				queue = append(queue, f.Elem)
			}
		}
	}
	return out, nil
}

// lowerFirst turns a Go type name into the start of an identifier
// (ContactPoint → contactPoint).
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
