package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"

	"github.com/selvhjelp/finder/data/store"
)

// duplicateKeys finds object keys that occur twice in the same object. The
// Go decoder silently keeps the last one, so a maintainer's accidental
// second "phone" would win without a word.
func duplicateKeys(file string, data []byte) []Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		atKey  bool // the next string token in this object is a key
	}
	var stack []*frame
	var out []Problem
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return out // syntax errors are reported by the loader
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.atKey {
			if key, ok := tok.(string); ok {
				if top.keys[key] {
					line, col := lineCol(data, keyStart(data, before))
					out = append(out, Problem{File: file, Line: line, Col: col,
						Message: fmt.Sprintf("feltet %q står to ganger i samme objekt", key)})
				}
				top.keys[key] = true
				top.atKey = false
				continue
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				if top != nil && top.object {
					top.atKey = true
				}
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, atKey: true})
			case '[':
				if top != nil && top.object {
					top.atKey = true
				}
				stack = append(stack, &frame{})
			case '}', ']':
				stack = stack[:len(stack)-1]
			}
		default:
			if top != nil && top.object {
				top.atKey = true // a value was read; the next string is a key
			}
		}
	}
}

// keyStart skips the separator and white space the decoder's offset may
// point at, to land on the key's opening quote.
func keyStart(data []byte, off int64) int64 {
	for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n,{"), data[off]) >= 0 {
		off++
	}
	return off
}

func lineCol(data []byte, off int64) (int, int) {
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	return line, col
}

// checkDuplicateKeys runs duplicateKeys over every dataset file of fsys.
func checkDuplicateKeys(fsys fs.FS) []Problem {
	var out []Problem
	for _, f := range store.Files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			continue
		}
		out = append(out, duplicateKeys(f, b)...)
	}
	return out
}
