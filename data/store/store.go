// Package store reads and writes the dataset: the files under data/ (one JSON
// array per file, in a canonical, diff-friendly layout) and the single bundle
// the worker serves and the browser module loads.
//
// Decoding is strict: unknown fields, trailing data and wrong types are
// errors, reported as "file:line:col: message" so a maintainer can jump to
// the spot.
package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// Files lists the dataset files in the order they are read and written.
var Files = []string{
	dataset.CountiesFile,
	dataset.MunicipalitiesFile,
	dataset.TerritoriesFile,
	dataset.FormerMunicipalitiesFile,
	dataset.PostcodesFile,
	dataset.TopicsFile,
	dataset.ContactPointsFile,
	dataset.SourcesFile,
	dataset.RegionsFile,
	dataset.DistrictsFile,
	dataset.CrisisLinesFile,
	dataset.LexiconFile,
}

// FileError is a problem with one file, at a position when known (Line 0 =
// the file as a whole).
type FileError struct {
	File string
	Line int
	Col  int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// target returns a pointer to the slice of d that file decodes into.
func target(d *dataset.Dataset, file string) any {
	switch file {
	case dataset.CountiesFile:
		return &d.Counties
	case dataset.MunicipalitiesFile:
		return &d.Municipalities
	case dataset.TerritoriesFile:
		return &d.Territories
	case dataset.FormerMunicipalitiesFile:
		return &d.FormerMunicipalities
	case dataset.PostcodesFile:
		return &d.Postcodes
	case dataset.TopicsFile:
		return &d.Topics
	case dataset.ContactPointsFile:
		return &d.ContactPoints
	case dataset.SourcesFile:
		return &d.Sources
	case dataset.RegionsFile:
		return &d.Regions
	case dataset.DistrictsFile:
		return &d.Districts
	case dataset.CrisisLinesFile:
		return &d.CrisisLines
	case dataset.LexiconFile:
		return &d.Lexicon
	}
	return nil
}

// Decode strictly decodes one JSON document from data into v. The error, if
// any, is a *FileError naming file, line and column.
func Decode(file string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// Exactly one document per file: anything after it is an error.
		if _, terr := dec.Token(); terr != io.EOF {
			off := dec.InputOffset()
			if terr != nil {
				return positioned(file, data, off, terr)
			}
			return positioned(file, data, off, errors.New("unexpected data after the JSON value"))
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return positioned(file, data, syn.Offset, err)
	case errors.As(err, &typ):
		return positioned(file, data, typ.Offset, err)
	case errors.Is(err, io.EOF):
		return &FileError{File: file, Msg: "empty file, want a JSON value"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return positioned(file, data, int64(len(data)), errors.New("unexpected end of JSON input"))
	}
	// Unknown fields carry no offset: point at the first place the key is
	// used (the decoder's own position is the end of the whole array).
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if key, uerr := strconv.Unquote(name); uerr == nil {
			if off := keyOffset(data, key); off >= 0 {
				return positioned(file, data, off, err)
			}
		}
	}
	return positioned(file, data, dec.InputOffset(), err)
}

// keyOffset returns the offset of the first object key named key, or -1.
func keyOffset(data []byte, key string) int64 {
	quoted, _ := json.Marshal(key)
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], quoted)
		if j < 0 {
			return -1
		}
		at := i + j
		rest := bytes.TrimLeft(data[at+len(quoted):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			return int64(at)
		}
		i = at + 1
	}
	return -1
}

// positioned turns a byte offset into a 1-based line and column (in runes).
func positioned(file string, data []byte, off int64, err error) *FileError {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return &FileError{File: file, Line: line, Col: col, Msg: msg}
}

// DecodeInto strictly decodes one dataset file's bytes into its part of d,
// replacing what was there.
func DecodeInto(d *dataset.Dataset, file string, data []byte) error {
	v := target(d, file)
	if v == nil {
		return fmt.Errorf("unknown dataset file %q", file)
	}
	// Replace, never overlay: decoding into a filled slice keeps, in each
	// element, the fields the file leaves out (a built record's postcode
	// would stick to the curated record at its index).
	reflect.ValueOf(v).Elem().SetZero()
	return Decode(file, data, v)
}

// LoadFSAll reads every dataset file from fsys, decoding what it can. It
// returns the dataset (files that failed are left empty) and every file
// problem, so a validator can report them all at once.
func LoadFSAll(fsys fs.FS) (*dataset.Dataset, []*FileError) {
	d := &dataset.Dataset{}
	var errs []*FileError
	for _, f := range Files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, &FileError{File: f, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		if err := Decode(f, data, target(d, f)); err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				errs = append(errs, fe)
			} else {
				errs = append(errs, &FileError{File: f, Msg: err.Error()})
			}
		}
	}
	return d, errs
}

// LoadFS reads the dataset from fsys (data.FS or a directory); it fails with
// every file problem joined.
func LoadFS(fsys fs.FS) (*dataset.Dataset, error) {
	d, errs := LoadFSAll(fsys)
	if len(errs) > 0 {
		all := make([]error, len(errs))
		for i, e := range errs {
			all[i] = e
		}
		return nil, errors.Join(all...)
	}
	return d, nil
}

// LoadDir reads the dataset from a directory.
func LoadDir(dir string) (*dataset.Dataset, error) {
	d, err := LoadFS(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	return d, nil
}

// Canonical returns a copy of d in canonical order with empty lists instead
// of nil ones: every file sorted by its key, except topics, whose order is the
// curated order of the vocabulary. The input is not modified.
func Canonical(d *dataset.Dataset) *dataset.Dataset {
	c := *d
	c.Version = ""
	c.Counties = cloneSorted(d.Counties, func(a, b dataset.County) bool { return a.Number < b.Number })
	for i := range c.Counties {
		c.Counties[i].Names = nonNil(c.Counties[i].Names)
	}
	c.Municipalities = cloneSorted(d.Municipalities, func(a, b dataset.Municipality) bool { return a.Number < b.Number })
	for i := range c.Municipalities {
		c.Municipalities[i].Names = nonNil(c.Municipalities[i].Names)
	}
	c.Territories = cloneSorted(d.Territories, func(a, b dataset.Territory) bool { return a.Number < b.Number })
	c.FormerMunicipalities = cloneSorted(d.FormerMunicipalities, func(a, b dataset.FormerMunicipality) bool {
		if a.Period != b.Period {
			return a.Period < b.Period
		}
		return a.Number < b.Number
	})
	for i := range c.FormerMunicipalities {
		c.FormerMunicipalities[i].Successors = nonNil(c.FormerMunicipalities[i].Successors)
	}
	c.Postcodes = cloneSorted(d.Postcodes, func(a, b dataset.Postcode) bool { return a.Code < b.Code })
	c.Topics = append([]dataset.Topic{}, d.Topics...)
	for i := range c.Topics {
		c.Topics[i].Synonyms = nonNil(c.Topics[i].Synonyms)
		c.Topics[i].Sources = nonNil(c.Topics[i].Sources)
	}
	c.ContactPoints = cloneSorted(d.ContactPoints, func(a, b dataset.ContactPoint) bool { return a.ID < b.ID })
	for i := range c.ContactPoints {
		p := &c.ContactPoints[i]
		p.Sources = nonNil(p.Sources)
		// Optional lists are omitted when empty: nil and [] are the same.
		p.Serves = nilIfEmpty(p.Serves)
		p.Topics = nilIfEmpty(p.Topics)
	}
	c.Sources = cloneSorted(d.Sources, func(a, b dataset.Source) bool { return a.ID < b.ID })
	// Regions and districts keep the source's order (a region and a district
	// may share a name; the order is the tie-break the source gives).
	c.Regions = nonNil(append([]dataset.Region{}, d.Regions...))
	c.Districts = nonNil(append([]dataset.District{}, d.Districts...))
	c.CrisisLines = cloneSorted(d.CrisisLines, func(a, b dataset.CrisisLine) bool {
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
	for i := range c.CrisisLines {
		c.CrisisLines[i].Sources = nonNil(c.CrisisLines[i].Sources)
	}
	// The lexicon keeps its curated order: entries grouped by role, as
	// people read them.
	c.Lexicon = nonNil(append([]dataset.Lexeme{}, d.Lexicon...))
	return &c
}

func cloneSorted[T any](s []T, less func(a, b T) bool) []T {
	c := append([]T{}, s...)
	sort.SliceStable(c, func(i, j int) bool { return less(c[i], c[j]) })
	return c
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// marshal encodes v without HTML escaping (the content is Norwegian text
// with «», & and the like, which people should read as is).
func marshal(v any, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// EncodeFile returns the canonical bytes of one dataset file. Postcodes and
// lexemes are written one compact record a line, so a diff shows one line per
// record; the other files are indented for people.
func EncodeFile(d *dataset.Dataset, file string) ([]byte, error) {
	c := Canonical(d)
	v := target(c, file)
	if v == nil {
		return nil, fmt.Errorf("unknown dataset file %q", file)
	}
	switch file {
	case dataset.PostcodesFile:
		return lines(file, c.Postcodes, func(p dataset.Postcode) string { return p.Code })
	case dataset.LexiconFile:
		return lines(file, c.Lexicon, func(l dataset.Lexeme) string { return l.Role + " " + l.Text })
	}
	b, err := marshal(v, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return append(b, '\n'), nil
}

// lines writes records as a JSON array, one compact record a line; name says
// which record an error is about.
func lines[T any](file string, recs []T, name func(T) string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, r := range recs {
		b, err := marshal(r, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file, name(r), err)
		}
		buf.Write(b)
		if i < len(recs)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]\n")
	return buf.Bytes(), nil
}

// Curated reports whether people keep file by hand or through the CLI
// (contact points, topics with their words, crisis lines, the lexicon). `make data`
// writes the other files from the sources; it creates a curated file only
// when it is missing.
func Curated(file string) bool {
	switch file {
	case dataset.ContactPointsFile, dataset.TopicsFile, dataset.CrisisLinesFile, dataset.LexiconFile:
		return true
	}
	return false
}

// WriteDir writes every dataset file into dir in canonical form.
func WriteDir(d *dataset.Dataset, dir string) error { return WriteFiles(d, dir, Files) }

// WriteFiles writes the named dataset files into dir in canonical form, all
// or nothing: every file is written to a temporary name first, and only
// when all are written are they renamed into place. On an error the
// temporaries are removed and dir is unchanged.
func WriteFiles(d *dataset.Dataset, dir string, files []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	var tmps []string
	cleanup := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		b, err := EncodeFile(d, f)
		if err != nil {
			cleanup()
			return err
		}
		tmp, err := writeTemp(dir, f, b)
		if err != nil {
			cleanup()
			return err
		}
		tmps = append(tmps, tmp)
	}
	for i, f := range files {
		if err := os.Rename(tmps[i], filepath.Join(dir, f)); err != nil {
			cleanup()
			return fmt.Errorf("rename %s: %w", tmps[i], err)
		}
	}
	return nil
}

// writeTemp writes b to a new temporary file beside dir/name.
func writeTemp(dir, name string, b []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	return f.Name(), nil
}

// Bundle returns the whole dataset as one compact JSON object, in canonical
// order, with Version set to a content hash (the first 16 hex digits of the
// SHA-256 of the bundle without a version). Equal data gives equal bytes.
// The lexicon's notes stay in data/lexicon.json: they tell maintainers why
// a word is there, and no engine, worker or partner reads them (1.3 MB that
// both workers would carry, the console to within 27 KB of the free
// plan's 3 MB).
func Bundle(d *dataset.Dataset) ([]byte, error) {
	c := Canonical(d)
	c.Lexicon = CoreLexicon(c.Lexicon)
	body, err := marshal(c, false)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	sum := sha256.Sum256(body)
	c.Version = hex.EncodeToString(sum[:])[:16]
	out, err := marshal(c, false)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return out, nil
}

// BundleName is the file name the bundle is published under.
const BundleName = "dataset.json"

// ParseBundle strictly decodes a bundle made by Bundle.
func ParseBundle(b []byte) (*dataset.Dataset, error) {
	d := &dataset.Dataset{}
	if err := Decode(BundleName, b, d); err != nil {
		return nil, err
	}
	return d, nil
}
