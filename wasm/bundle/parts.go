package bundle

import (
	"errors"

	"github.com/selvhjelp/finder/data/dataset"
)

// The bundle is also published in parts, so that the browser can read what
// the first keystroke needs first (/v1/dataset-core.<hash>.json) and the postcodes
// later (/v1/postcodes.<hash>.json), and so that a loader on the page's main thread
// can decode one part at a time between other work. A parts file is a JSON
// array with one partial bundle per line:
//
//	[
//	{"version":"…","counties":[…],"topics":[…]},
//	{"municipalities":[…the first records…]},
//	{"municipalities":[…the next records…]}
//	]
//
// Merging every part (Merge, in order) gives the bundle's dataset.

// DecodeParts decodes b, one partial bundle (a JSON object) or a parts file,
// and merges it into dst in order.
func DecodeParts(dst *dataset.Dataset, b []byte) error {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return errors.New("dataset part: empty")
	}
	if b[i] != '[' {
		part, err := Decode(trimPart(b[i:])) // one line of a parts file may end in a comma
		if err != nil {
			return err
		}
		Merge(dst, part)
		return nil
	}
	n := 0
	for start := i + 1; start < len(b); {
		end := start
		for end < len(b) && b[end] != '\n' {
			end++
		}
		line := trimPart(b[start:end])
		start = end + 1
		if len(line) == 0 {
			continue
		}
		if len(line) == 1 && line[0] == ']' {
			if n == 0 {
				return errors.New("dataset parts: no part")
			}
			return nil
		}
		part, err := Decode(line)
		if err != nil {
			return err
		}
		Merge(dst, part)
		n++
	}
	return errors.New("dataset parts: missing ]")
}

// trimPart drops surrounding white space and the comma that separates parts.
func trimPart(b []byte) []byte {
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == ',' {
		b = b[:len(b)-1]
	}
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Merge appends every collection of part to dst; a non-empty version replaces
// dst's.
func Merge(dst, part *dataset.Dataset) {
	if part.Version != "" {
		dst.Version = part.Version
	}
	dst.Counties = append(dst.Counties, part.Counties...)
	dst.Municipalities = append(dst.Municipalities, part.Municipalities...)
	dst.Territories = append(dst.Territories, part.Territories...)
	dst.FormerMunicipalities = append(dst.FormerMunicipalities, part.FormerMunicipalities...)
	dst.Postcodes = append(dst.Postcodes, part.Postcodes...)
	dst.Topics = append(dst.Topics, part.Topics...)
	dst.ContactPoints = append(dst.ContactPoints, part.ContactPoints...)
	dst.Sources = append(dst.Sources, part.Sources...)
	dst.Regions = append(dst.Regions, part.Regions...)
	dst.Districts = append(dst.Districts, part.Districts...)
	dst.CrisisLines = append(dst.CrisisLines, part.CrisisLines...)
	dst.Lexicon = append(dst.Lexicon, part.Lexicon...)
}
